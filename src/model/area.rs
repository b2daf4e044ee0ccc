//! An area's baseline data: cohort size, FSM share, base-year rates at each stage, and
//! how strongly one stage carries into the next; where its figures come from (its own
//! local authority, or a county standing in for a district); and its observed results.
//! One file per Opportunity Area, generated from a sourced extract by
//! `crate::build::areas` (`cargo run --bin pathways-areas`).

use serde::{Deserialize, Serialize};

use super::error::{check_range, parse_json, InputError};
use super::observed::ObservedSeries;
use super::provenance::{check_provenance, Sourced};
use super::stage::{Group, Stage};

/// The area file format this build reads.
pub const AREA_FORMAT_VERSION: u32 = 1;
/// The largest area file read; the CLI stops reading one byte past it.
pub const AREA_FILE_LIMIT_BYTES: usize = 256 * 1024;

/// The id of the default area, the first of [`Area::shipped`].
pub const DEFAULT_AREA_ID: &str = "hastings";

/// The latest year an area's horizon may reach; it bounds the work a hand-edited file can ask for.
pub const LATEST_HORIZON_YEAR: i32 = 2100;

/// The fewest FSM pupils a year group may have (cohort size × FSM share): below this a
/// base-year FSM rate is a handful of children, and one child more or less moves it by
/// several points.
pub const MIN_FSM_PUPILS: f64 = 20.0;

/// Where the area files are, under `static/` in the repository and beside the page in a
/// build (`data/areas/<id>.json`): the app fetches one when it is picked.
pub const AREA_FILES_DIR: &str = "data/areas";

/// The ids of the Opportunity Areas and England, in the index's order: Hastings first
/// (the default), the other Opportunity Areas by wave and name, then England.
pub fn shipped_area_ids() -> Vec<String> {
    let index = super::area_index::AreaIndex::shipped();
    index
        .areas
        .iter()
        .filter(|e| e.wave.is_some() || e.kind == GeographyKind::Country)
        .map(|e| e.id.clone())
        .collect()
}

/// The text of a shipped area file in the wasm test build, which embeds the Opportunity
/// Areas and England so that the model's unit tests also run in the browser.
#[cfg(all(target_arch = "wasm32", test))]
pub fn shipped_file_text(id: &str) -> Option<String> {
    const FILES: [(&str, &str); 13] = [
        (
            "hastings",
            include_str!("../../static/data/areas/hastings.json"),
        ),
        (
            "blackpool",
            include_str!("../../static/data/areas/blackpool.json"),
        ),
        ("derby", include_str!("../../static/data/areas/derby.json")),
        (
            "norwich",
            include_str!("../../static/data/areas/norwich.json"),
        ),
        (
            "oldham",
            include_str!("../../static/data/areas/oldham.json"),
        ),
        (
            "scarborough",
            include_str!("../../static/data/areas/scarborough.json"),
        ),
        (
            "west_somerset",
            include_str!("../../static/data/areas/west_somerset.json"),
        ),
        (
            "bradford",
            include_str!("../../static/data/areas/bradford.json"),
        ),
        (
            "doncaster",
            include_str!("../../static/data/areas/doncaster.json"),
        ),
        (
            "fenland_east_cambridgeshire",
            include_str!("../../static/data/areas/fenland_east_cambridgeshire.json"),
        ),
        (
            "ipswich",
            include_str!("../../static/data/areas/ipswich.json"),
        ),
        (
            "stoke_on_trent",
            include_str!("../../static/data/areas/stoke_on_trent.json"),
        ),
        (
            "england",
            include_str!("../../static/data/areas/england.json"),
        ),
    ];
    FILES
        .iter()
        .find(|(known, _)| *known == id)
        .map(|(_, text)| (*text).to_owned())
}

/// The text of a shipped area file, read from the repository (native builds only: the
/// app fetches its files, and the CLI and tests run from a checkout).
#[cfg(not(target_arch = "wasm32"))]
pub fn shipped_file_text(id: &str) -> Option<String> {
    super::area_index::AreaIndex::shipped().get(id)?;
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("static")
        .join(AREA_FILES_DIR)
        .join(format!("{id}.json"));
    std::fs::read_to_string(path).ok()
}

/// Whose figures an area file uses.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Geography {
    pub kind: GeographyKind,
    /// The geography the local figures describe: the local authority (for a county
    /// proxy, the county), or the country.
    pub name: String,
    /// Its ONS code, where the source gives one (e.g. `E10000011`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum GeographyKind {
    /// The Opportunity Area is a whole local authority, and its figures are that LA's.
    WholeLocalAuthority,
    /// The Opportunity Area is a district, and no source publishes district figures: the
    /// local figures are its county's, which can differ a lot from a deprived district's.
    CountyProxy,
    /// A national reference, not an Opportunity Area.
    Country,
}

impl GeographyKind {
    /// A few words for the UI: "whole local authority", "county proxy", "country".
    pub fn label(self) -> &'static str {
        match self {
            GeographyKind::WholeLocalAuthority => "whole local authority",
            GeographyKind::CountyProxy => "county proxy",
            GeographyKind::Country => "country",
        }
    }

    /// The stable key files and the CLI use: `whole_local_authority`, `county_proxy`,
    /// `country` (as the area files write it).
    pub fn key(self) -> &'static str {
        match self {
            GeographyKind::WholeLocalAuthority => "whole_local_authority",
            GeographyKind::CountyProxy => "county_proxy",
            GeographyKind::Country => "country",
        }
    }
}

/// The years Opportunity Areas were announced: 4 October 2016 (Blackpool, Derby,
/// Norwich, Oldham, Scarborough, West Somerset) and 18 January 2017 (Bradford,
/// Doncaster, Fenland and East Cambridgeshire, Hastings, Ipswich, Stoke-on-Trent).
pub const WAVES: [u16; 2] = [2016, 2017];

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Area {
    pub format_version: u32,
    /// Stable machine name, e.g. `hastings`.
    pub id: String,
    pub name: String,
    /// The year the Opportunity Area was announced, one of [`WAVES`]; none for a
    /// reference area such as England.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub wave: Option<u16>,
    /// The English region, e.g. `South East`, for grouping areas in a list.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub region: Option<String>,
    /// Whose figures the file uses (whole local authority, county proxy, country).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub geography: Option<Geography>,
    /// The year whose data the baseline reproduces; levers cannot start earlier.
    pub base_year: i32,
    /// The last calendar year projected.
    pub horizon_end_year: i32,
    /// Pupils in one year group.
    pub cohort_size: Sourced<f64>,
    /// Share of a year group eligible for free school meals, 0 to 1.
    pub fsm_share: Sourced<f64>,
    pub stages: StageBaselines,
    pub links: StageLinks,
    /// The baseline as of each year the file offers, earliest first (`?as_of=2017`,
    /// `--as-of 2017`): a board planning in 2026 starts from 2025's results, a look back
    /// at 2017 from 2017's. The figures above are one of them, the file's default. Empty
    /// for a file with one base year (a user's own, or one written before as-of years).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub as_of: Vec<AsOfBaseline>,
    /// The local authority's statistical neighbours, nearest first, by area id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub neighbours: Option<Neighbours>,
    /// Published results for the area's geography (and, for a county proxy, the county),
    /// year by year: for monitoring, never used by the projection.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub observed: Vec<ObservedSeries>,
    /// The FSM definition change from 2027, when the board allows for it: a composition
    /// shift of each group's baseline (docs/MODEL.md §2a). None in every shipped file.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fsm_definition_break: Option<super::fsm_break::CompositionShift>,
}

/// The figures a projection starting in `year` uses: cohort, FSM share and each stage's
/// rates as published by then (a stage's latest year up to `year`; `note` says which).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AsOfBaseline {
    pub year: i32,
    /// The last calendar year projected from this base year.
    pub horizon_end_year: i32,
    /// Which published year each figure comes from, where that is not `year`, and why.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
    pub cohort_size: Sourced<f64>,
    pub fsm_share: Sourced<f64>,
    pub stages: StageBaselines,
}

impl AsOfBaseline {
    /// The checks the figures of an area file's own base year pass.
    pub fn check(&self) -> Result<(), InputError> {
        validate_baseline("", &self.cohort_size, &self.fsm_share, &self.stages)
    }
}

/// The most statistical neighbours a file may list (the DfE's model gives ten).
pub const MAX_NEIGHBOURS: usize = 10;

/// A local authority's statistical neighbours: the areas most like it on the DfE's
/// measures, to compare its results with.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Neighbours {
    /// The model they come from and where it is published.
    pub source: String,
    /// Area ids, nearest first.
    pub ids: Vec<String>,
}

/// Base-year share reaching the standard at each stage, by group.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StageBaselines {
    pub early_years: GroupRates,
    pub ks2: GroupRates,
    pub ks4: GroupRates,
    pub level3_by_19: GroupRates,
    pub post19: GroupRates,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GroupRates {
    pub fsm_rate: Sourced<f64>,
    pub non_fsm_rate: Sourced<f64>,
    /// A sourced yearly trend in the FSM rate, in percentage points a year; absent means
    /// flat (the default baseline).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fsm_trend_points_per_year: Option<Sourced<f64>>,
    /// The same for the non-FSM rate.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub non_fsm_trend_points_per_year: Option<Sourced<f64>>,
}

/// The most a trend may move a rate in one year, in percentage points.
pub const MAX_TREND_POINTS_PER_YEAR: f64 = 5.0;

/// How one stage carries into the next, for each of the four transitions.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StageLinks {
    pub early_years_to_ks2: StageLink,
    pub ks2_to_ks4: StageLink,
    pub ks4_to_level3_by_19: StageLink,
    pub level3_by_19_to_post19: StageLink,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StageLink {
    /// Share of a lever's latent shift still present at the next stage (fade-out), 0 to 1.
    pub effect_persistence: Sourced<f64>,
    /// Correlation of untreated latent attainment between the two stages, −0.95 to 0.95.
    /// Used only for the joint (flow) view of a cohort, never for rates.
    pub latent_correlation: Sourced<f64>,
}

impl Area {
    /// The Hastings Opportunity Area as of 2017, the year the programme began, with the
    /// seed deck's 25% at KS2 and KS4: the area the model's tests are worked for by hand
    /// (native builds; the app opens the file's own default year).
    #[cfg(any(not(target_arch = "wasm32"), test))]
    pub fn hastings() -> Area {
        Area::shipped_by_id(DEFAULT_AREA_ID)
            .and_then(|area| area.as_of_year(2017).ok())
            .unwrap_or_else(|| panic!("shipped Hastings area file is missing or invalid"))
    }

    /// The twelve Opportunity Areas and England, in [`shipped_area_ids`] order (native
    /// builds). Parsed on each call: keep the result rather than calling this in a hot path.
    #[cfg(any(not(target_arch = "wasm32"), test))]
    pub fn shipped() -> Vec<Area> {
        shipped_area_ids()
            .iter()
            .filter_map(|id| Area::shipped_by_id(id))
            .collect()
    }

    /// Every shipped area: the Opportunity Areas, England and every local authority
    /// (native builds; about 160 files).
    #[cfg(any(not(target_arch = "wasm32"), test))]
    pub fn every_shipped() -> Vec<Area> {
        super::area_index::AreaIndex::shipped()
            .ids()
            .filter_map(Area::shipped_by_id)
            .collect()
    }

    /// The shipped area with this id (`hastings`, `blackpool`, …, `england`, `kent`),
    /// parsing only that file; `None` for any other id (native builds).
    #[cfg(any(not(target_arch = "wasm32"), test))]
    pub fn shipped_by_id(id: &str) -> Option<Area> {
        let text = shipped_file_text(id)?;
        // Every shipped file is checked by a test, so this cannot fail in a release.
        Some(
            Area::from_json(&text)
                .unwrap_or_else(|e| panic!("shipped area file {id} is invalid: {e}")),
        )
    }

    /// Parses and validates an area file.
    pub fn from_json(text: &str) -> Result<Area, InputError> {
        let area: Area = parse_json("Area file", text, AREA_FILE_LIMIT_BYTES)?;
        area.validate()?;
        Ok(area)
    }

    /// Checks every field; the first problem found is returned.
    pub fn validate(&self) -> Result<(), InputError> {
        if let Some(shift) = &self.fsm_definition_break {
            shift.validate("fsm_definition_break")?;
        }
        if self.format_version != AREA_FORMAT_VERSION {
            return Err(InputError::field(
                "format_version",
                format!(
                    "is {}, but this version of Pathways reads area files of version {}",
                    self.format_version, AREA_FORMAT_VERSION
                ),
            ));
        }
        if self.name.trim().is_empty() {
            return Err(InputError::field("name", "must not be empty"));
        }
        // The id goes into share links (`?area=`): the same alphabet the link reads.
        if !valid_id(&self.id) {
            return Err(InputError::field(
                "id",
                format!(
                    "{:?} must be 1-40 characters of a-z, 0-9, _ or -, as it goes into share links",
                    self.id.chars().take(40).collect::<String>()
                ),
            ));
        }
        if !(2000..=2090).contains(&self.base_year) {
            return Err(InputError::field(
                "base_year",
                format!("{} is not a plausible year (2000 to 2090)", self.base_year),
            ));
        }
        if self.horizon_end_year < self.base_year + Stage::Post19.lag_years()
            || self.horizon_end_year > LATEST_HORIZON_YEAR
        {
            return Err(InputError::field(
                "horizon_end_year",
                format!(
                    "{} must be between base_year + 15 ({}) and {}, so that an early-years cohort can reach every stage",
                    self.horizon_end_year,
                    self.base_year + Stage::Post19.lag_years(),
                    LATEST_HORIZON_YEAR
                ),
            ));
        }
        if let Some(wave) = self.wave {
            if !WAVES.contains(&wave) {
                return Err(InputError::field(
                    "wave",
                    format!("{wave} is not an Opportunity Area wave (2016 or 2017)"),
                ));
            }
        }
        if self.region.as_ref().is_some_and(|r| r.trim().is_empty()) {
            return Err(InputError::field("region", "must not be empty when given"));
        }
        if self
            .geography
            .as_ref()
            .is_some_and(|g| g.name.trim().is_empty())
        {
            return Err(InputError::field("geography.name", "must not be empty"));
        }
        validate_baseline("", &self.cohort_size, &self.fsm_share, &self.stages)?;
        self.validate_as_of()?;
        self.validate_neighbours()?;
        for (name, link) in self.links.named() {
            let field = format!("links.{name}.effect_persistence");
            check_range(&field, link.effect_persistence.value, 0.0, 1.0)?;
            check_provenance(&field, &link.effect_persistence.provenance)?;
            let field = format!("links.{name}.latent_correlation");
            check_range(&field, link.latent_correlation.value, -0.95, 0.95)?;
            check_provenance(&field, &link.latent_correlation.provenance)?;
            // A causal carry-over larger than the observed association is not credible.
            if link.effect_persistence.value > link.latent_correlation.value.max(0.0) {
                return Err(InputError::field(
                    format!("links.{name}.effect_persistence"),
                    format!(
                        "{} is more than the link's latent_correlation ({}): a lever's effect cannot carry further than attainment itself does",
                        link.effect_persistence.value, link.latent_correlation.value
                    ),
                ));
            }
        }
        for (i, series) in self.observed.iter().enumerate() {
            series.validate(&format!("observed[{i}]"))?;
        }
        Ok(())
    }

    /// The as-of years must run in increasing order, each with a horizon long enough,
    /// and the file's own base year must be one of them.
    fn validate_as_of(&self) -> Result<(), InputError> {
        let mut previous: Option<i32> = None;
        for (i, base) in self.as_of.iter().enumerate() {
            let prefix = format!("as_of[{i}].");
            if !(2000..=2090).contains(&base.year) {
                return Err(InputError::field(
                    format!("{prefix}year"),
                    format!("{} is not a plausible year (2000 to 2090)", base.year),
                ));
            }
            if previous.is_some_and(|p| p >= base.year) {
                return Err(InputError::field(
                    format!("{prefix}year"),
                    format!("{} does not come after the year before it: as-of years go in increasing order, once each", base.year),
                ));
            }
            previous = Some(base.year);
            let shortest = base.year + Stage::Post19.lag_years();
            if !(shortest..=LATEST_HORIZON_YEAR).contains(&base.horizon_end_year) {
                return Err(InputError::field(
                    format!("{prefix}horizon_end_year"),
                    format!(
                        "{} must be between year + 15 ({shortest}) and {LATEST_HORIZON_YEAR}",
                        base.horizon_end_year
                    ),
                ));
            }
            validate_baseline(&prefix, &base.cohort_size, &base.fsm_share, &base.stages)?;
        }
        if !self.as_of.is_empty() && !self.as_of.iter().any(|b| b.year == self.base_year) {
            return Err(InputError::field(
                "base_year",
                format!(
                    "{} is none of the file's as-of years ({})",
                    self.base_year,
                    self.as_of_years()
                        .iter()
                        .map(|y| y.to_string())
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            ));
        }
        Ok(())
    }

    fn validate_neighbours(&self) -> Result<(), InputError> {
        let Some(neighbours) = &self.neighbours else {
            return Ok(());
        };
        if neighbours.source.trim().is_empty() {
            return Err(InputError::field("neighbours.source", "must not be empty"));
        }
        if neighbours.ids.len() > MAX_NEIGHBOURS {
            return Err(InputError::field(
                "neighbours.ids",
                format!(
                    "lists {}, more than the {MAX_NEIGHBOURS} statistical neighbours the DfE's model gives",
                    neighbours.ids.len()
                ),
            ));
        }
        for (i, id) in neighbours.ids.iter().enumerate() {
            if !valid_id(id) || *id == self.id {
                return Err(InputError::field(
                    format!("neighbours.ids[{i}]"),
                    format!(
                        "{:?} is not another area's id (1-40 characters of a-z, 0-9, _ or -)",
                        id.chars().take(40).collect::<String>()
                    ),
                ));
            }
        }
        Ok(())
    }

    /// The years a projection can start from, earliest first: the file's as-of years, or
    /// its one base year.
    pub fn as_of_years(&self) -> Vec<i32> {
        if self.as_of.is_empty() {
            vec![self.base_year]
        } else {
            self.as_of.iter().map(|b| b.year).collect()
        }
    }

    /// The latest year a projection can start from: where the area opens by default.
    pub fn latest_as_of(&self) -> i32 {
        self.as_of.last().map_or(self.base_year, |b| b.year)
    }

    /// This area with its projection starting in `year`: that year's cohort, FSM share and
    /// rates, base year and horizon; the rest (links, observed results, as-of years) kept.
    /// An error names the years the file offers.
    pub fn as_of_year(&self, year: i32) -> Result<Area, String> {
        if year == self.base_year {
            return Ok(self.clone());
        }
        let Some(base) = self.as_of.iter().find(|b| b.year == year) else {
            let years = self.as_of_years();
            let offered = match (years.first(), years.last()) {
                (Some(first), Some(last)) if first != last => format!("{first} to {last}"),
                _ => self.base_year.to_string(),
            };
            return Err(format!(
                "{} has figures as of {offered}, not {year}",
                self.name
            ));
        };
        Ok(Area {
            base_year: base.year,
            horizon_end_year: base.horizon_end_year,
            cohort_size: base.cohort_size.clone(),
            fsm_share: base.fsm_share.clone(),
            stages: base.stages.clone(),
            ..self.clone()
        })
    }

    /// What the as-of year's figures say about themselves (which published year each
    /// comes from), if the file says anything.
    pub fn as_of_note(&self) -> Option<&str> {
        self.as_of
            .iter()
            .find(|b| b.year == self.base_year)
            .map(|b| b.note.as_str())
            .filter(|n| !n.is_empty())
    }

    /// The observed series that measure a model stage's outcome (plot them on the stage's
    /// chart); the others are context.
    pub fn observed_for(&self, stage: Stage) -> impl Iterator<Item = &ObservedSeries> {
        self.observed
            .iter()
            .filter(move |s| s.model_match().is_some_and(|(st, _)| st == stage))
    }

    /// Base-year rate for a stage and group.
    pub fn base_rate(&self, stage: Stage, group: Group) -> f64 {
        let rates = self.stages.get(stage);
        match group {
            Group::Fsm => rates.fsm_rate.value,
            Group::NonFsm => rates.non_fsm_rate.value,
        }
    }

    /// The baseline rate in `year`: the base-year rate plus the stage's trend, if the
    /// file gives one, and the FSM definition change, if the board allows for it, kept
    /// within 0.1% and 99.9%. Without either, exactly the base rate.
    pub fn baseline_rate(&self, stage: Stage, group: Group, year: i32) -> f64 {
        let rate = self.base_rate(stage, group);
        let shift = self
            .fsm_definition_break
            .as_ref()
            .map_or(0.0, |b| b.shift(stage, group, year));
        match self.trend_points_per_year(stage, group) {
            Some(trend) if trend != 0.0 => {
                (rate + trend / 100.0 * f64::from(year - self.base_year) + shift)
                    .clamp(0.001, 0.999)
            }
            _ if shift != 0.0 => (rate + shift).clamp(0.001, 0.999),
            _ => rate,
        }
    }

    /// The yearly trend of a stage and group, in points a year, when the file gives one.
    pub fn trend_points_per_year(&self, stage: Stage, group: Group) -> Option<f64> {
        let rates = self.stages.get(stage);
        let trend = match group {
            Group::Fsm => &rates.fsm_trend_points_per_year,
            Group::NonFsm => &rates.non_fsm_trend_points_per_year,
        };
        trend.as_ref().map(|t| t.value)
    }

    /// Whether any stage's baseline moves: false for the default, flat baseline.
    pub fn has_trend(&self) -> bool {
        Stage::ALL.iter().any(|&stage| {
            Group::ALL
                .iter()
                .any(|&group| self.trend_points_per_year(stage, group).unwrap_or(0.0) != 0.0)
        })
    }

    /// Pupils of a group in one year group (not rounded: the deterministic model uses
    /// expected counts; the Monte Carlo rounds to whole pupils).
    pub fn group_size(&self, group: Group) -> f64 {
        let fsm = self.cohort_size.value * self.fsm_share.value;
        match group {
            Group::Fsm => fsm,
            Group::NonFsm => self.cohort_size.value - fsm,
        }
    }

    /// Pupils of a group in one year group as of `year`: the file's own figures in its
    /// base year, that as-of year's cohort and FSM share otherwise, the file's where it
    /// offers no such year (as [`Area::as_of_year`] would give, without a copy of the area).
    pub fn group_size_in(&self, year: i32, group: Group) -> f64 {
        if year == self.base_year {
            return self.group_size(group);
        }
        match self.as_of.iter().find(|b| b.year == year) {
            Some(b) => {
                let fsm = b.cohort_size.value * b.fsm_share.value;
                match group {
                    Group::Fsm => fsm,
                    Group::NonFsm => b.cohort_size.value - fsm,
                }
            }
            None => self.group_size(group),
        }
    }

    /// Calendar years projected, base year first.
    pub fn years(&self) -> std::ops::RangeInclusive<i32> {
        self.base_year..=self.horizon_end_year
    }
}

/// Whether `id` can name an area in a share link: 1-40 characters of a-z, 0-9, `_`, `-`.
pub fn valid_id(id: &str) -> bool {
    (1..=40).contains(&id.chars().count())
        && id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_' || c == '-')
}

/// Checks one baseline's figures (the file's own, or one of its as-of years'); `prefix`
/// places the fields in the file, e.g. `as_of[3].`.
fn validate_baseline(
    prefix: &str,
    cohort_size: &Sourced<f64>,
    fsm_share: &Sourced<f64>,
    stages: &StageBaselines,
) -> Result<(), InputError> {
    check_range(
        &format!("{prefix}cohort_size"),
        cohort_size.value,
        1.0,
        1_000_000.0,
    )?;
    check_provenance(&format!("{prefix}cohort_size"), &cohort_size.provenance)?;
    check_range(&format!("{prefix}fsm_share"), fsm_share.value, 0.0, 1.0)?;
    if fsm_share.value <= 0.0 || fsm_share.value >= 1.0 {
        return Err(InputError::field(
            format!("{prefix}fsm_share"),
            format!(
                "{} leaves no {} pupils: the FSM gap needs both groups, so the share must be above 0 and below 1",
                fsm_share.value,
                if fsm_share.value <= 0.0 { "FSM" } else { "non-FSM" }
            ),
        ));
    }
    check_provenance(&format!("{prefix}fsm_share"), &fsm_share.provenance)?;
    let fsm_pupils = cohort_size.value * fsm_share.value;
    let non_fsm_pupils = cohort_size.value - fsm_pupils;
    if non_fsm_pupils < MIN_FSM_PUPILS {
        return Err(InputError::field(
            format!("{prefix}fsm_share"),
            format!(
                "{} of a cohort_size of {} leaves {:.1} non-FSM pupils a year group, fewer than the {} a base-year non-FSM rate needs",
                fsm_share.value, cohort_size.value, non_fsm_pupils, MIN_FSM_PUPILS
            ),
        ));
    }
    if fsm_pupils < MIN_FSM_PUPILS {
        return Err(InputError::field(
            format!("{prefix}fsm_share"),
            format!(
                "{} of a cohort_size of {} is {:.1} FSM pupils a year group, fewer than the {} a base-year FSM rate needs",
                fsm_share.value, cohort_size.value, fsm_pupils, MIN_FSM_PUPILS
            ),
        ));
    }
    for stage in Stage::ALL {
        let rates = stages.get(stage);
        for (group, rate) in [
            ("fsm_rate", &rates.fsm_rate),
            ("non_fsm_rate", &rates.non_fsm_rate),
        ] {
            let field = format!("{prefix}stages.{}.{}", stage.key(), group);
            // A rate of exactly 0 or 1 has no finite threshold: no lever could move it.
            check_range(&field, rate.value, 0.001, 0.999)?;
            check_provenance(&field, &rate.provenance)?;
        }
        for (group, trend) in [
            (
                "fsm_trend_points_per_year",
                &rates.fsm_trend_points_per_year,
            ),
            (
                "non_fsm_trend_points_per_year",
                &rates.non_fsm_trend_points_per_year,
            ),
        ] {
            if let Some(trend) = trend {
                let field = format!("{prefix}stages.{}.{}", stage.key(), group);
                check_range(
                    &field,
                    trend.value,
                    -MAX_TREND_POINTS_PER_YEAR,
                    MAX_TREND_POINTS_PER_YEAR,
                )?;
                check_provenance(&field, &trend.provenance)?;
            }
        }
    }
    Ok(())
}

impl StageBaselines {
    pub fn get(&self, stage: Stage) -> &GroupRates {
        match stage {
            Stage::EarlyYears => &self.early_years,
            Stage::Ks2 => &self.ks2,
            Stage::Ks4 => &self.ks4,
            Stage::Level3By19 => &self.level3_by_19,
            Stage::Post19 => &self.post19,
        }
    }

    pub fn get_mut(&mut self, stage: Stage) -> &mut GroupRates {
        match stage {
            Stage::EarlyYears => &mut self.early_years,
            Stage::Ks2 => &mut self.ks2,
            Stage::Ks4 => &mut self.ks4,
            Stage::Level3By19 => &mut self.level3_by_19,
            Stage::Post19 => &mut self.post19,
        }
    }
}

impl StageLinks {
    /// The link *into* `stage` from the stage before it; none into early years.
    pub fn into_stage(&self, stage: Stage) -> Option<&StageLink> {
        match stage {
            Stage::EarlyYears => None,
            Stage::Ks2 => Some(&self.early_years_to_ks2),
            Stage::Ks4 => Some(&self.ks2_to_ks4),
            Stage::Level3By19 => Some(&self.ks4_to_level3_by_19),
            Stage::Post19 => Some(&self.level3_by_19_to_post19),
        }
    }

    fn named(&self) -> [(&'static str, &StageLink); 4] {
        [
            ("early_years_to_ks2", &self.early_years_to_ks2),
            ("ks2_to_ks4", &self.ks2_to_ks4),
            ("ks4_to_level3_by_19", &self.ks4_to_level3_by_19),
            ("level3_by_19_to_post19", &self.level3_by_19_to_post19),
        ]
    }
}
