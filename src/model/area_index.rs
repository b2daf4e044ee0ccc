//! The list of areas the app can open, without their figures (id, name, kind, region,
//! wave): what the picker shows and what a link's `area=` is checked against before the
//! area's own file is fetched.
//! Generated beside the area files (`static/data/areas/index.json`) by `pathways-areas`.

use serde::{Deserialize, Serialize};

use super::area::{valid_id, Area, GeographyKind, AREA_FORMAT_VERSION};
use super::error::{parse_json, InputError};

/// The largest index read.
const INDEX_LIMIT_BYTES: usize = 256 * 1024;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AreaIndex {
    pub format_version: u32,
    /// Opportunity Areas first (Hastings, the default, first of all), then England, then
    /// every other local authority by name.
    pub areas: Vec<AreaIndexEntry>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AreaIndexEntry {
    pub id: String,
    pub name: String,
    /// Whose figures the file uses.
    pub kind: GeographyKind,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub region: Option<String>,
    /// The year the Opportunity Area was announced; none for any other area.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub wave: Option<u16>,
}

impl AreaIndexEntry {
    pub fn of(area: &Area) -> AreaIndexEntry {
        AreaIndexEntry {
            id: area.id.clone(),
            name: area.name.clone(),
            kind: area
                .geography
                .as_ref()
                .map_or(GeographyKind::WholeLocalAuthority, |g| g.kind),
            region: area.region.clone(),
            wave: area.wave,
        }
    }

    pub fn is_opportunity_area(&self) -> bool {
        self.wave.is_some()
    }
}

impl AreaIndex {
    /// The index shipped with the app (checked by a test), read once.
    pub fn shipped() -> &'static AreaIndex {
        static INDEX: std::sync::OnceLock<AreaIndex> = std::sync::OnceLock::new();
        INDEX.get_or_init(|| {
            AreaIndex::from_json(include_str!("../../static/data/areas/index.json"))
                .unwrap_or_else(|e| panic!("shipped area index is invalid: {e}"))
        })
    }

    pub fn from_json(text: &str) -> Result<AreaIndex, InputError> {
        let index: AreaIndex = parse_json("Area index", text, INDEX_LIMIT_BYTES)?;
        if index.format_version != AREA_FORMAT_VERSION {
            return Err(InputError::field(
                "format_version",
                format!("is {}, not {AREA_FORMAT_VERSION}", index.format_version),
            ));
        }
        for (i, entry) in index.areas.iter().enumerate() {
            if !valid_id(&entry.id) || index.areas[..i].iter().any(|e| e.id == entry.id) {
                return Err(InputError::field(
                    format!("areas[{i}].id"),
                    format!("{:?} is not a new area id", entry.id),
                ));
            }
        }
        Ok(index)
    }

    pub fn get(&self, id: &str) -> Option<&AreaIndexEntry> {
        self.areas.iter().find(|e| e.id == id)
    }

    /// The twelve Opportunity Areas' ids, in the index's order: what the compare view
    /// shows unless a link names other areas.
    pub fn opportunity_area_ids(&self) -> Vec<String> {
        self.areas
            .iter()
            .filter(|a| a.is_opportunity_area())
            .map(|a| a.id.clone())
            .collect()
    }

    pub fn ids(&self) -> impl Iterator<Item = &str> {
        self.areas.iter().map(|e| e.id.as_str())
    }
}
