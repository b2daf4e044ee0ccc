//! A user's lever settings, checked against the catalogue and the area, resolved into the
//! plain numbers the engine runs on.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::area::Area;
use super::error::{check_range, InputError};
use super::evidence::EffectSize;
use super::lever::{LeverCatalogue, ServedGroup, YearGroups};
use super::lever_id::LeverId;
use super::stage::{Group, Stage};

/// The most years a lever may take to reach its full reach.
pub const MAX_RAMP_YEARS: u32 = 10;

/// How far one lever is pushed. A lever that is absent, or has zero reach, is off.
#[derive(Debug, Clone, Copy, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LeverSetting {
    /// Share of the target group reached once fully ramped up, 0 to 1.
    pub reach_share: f64,
    /// First calendar year the programme runs, serving every year group it serves (its
    /// stage's results move from `Lever::first_year_reaching`). Version-1 scenarios meant
    /// the first year the stage's cohort was reached; the number is kept as it was.
    pub start_year: i32,
    /// Years of linear ramp-up to full reach; 0 means full reach at once.
    pub ramp_years: u32,
    /// The last calendar year the programme is funded and delivered; none: it runs to
    /// the horizon. Pupils it served keep what they gained (fading as effects fade);
    /// cohorts it had not reached get nothing, and its cost stops.
    #[serde(default)]
    pub end_year: Option<i32>,
}

/// Files and links leave out an end year that is not set, so that a plan without one
/// reads as it always has; a format that is not self-describing (the worker's bincode)
/// always gets all four fields, as it reads them by position.
impl Serialize for LeverSetting {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let with_end = !serializer.is_human_readable() || self.end_year.is_some();
        let mut fields = serializer.serialize_struct("LeverSetting", 3 + usize::from(with_end))?;
        fields.serialize_field("reach_share", &self.reach_share)?;
        fields.serialize_field("start_year", &self.start_year)?;
        fields.serialize_field("ramp_years", &self.ramp_years)?;
        if with_end {
            fields.serialize_field("end_year", &self.end_year)?;
        }
        fields.end()
    }
}

/// Lever settings by lever id.
pub type LeverSettings = BTreeMap<LeverId, LeverSetting>;

/// `settings` with every start year before the area's base year moved to the year after
/// it (within the horizon), and the levers moved, with their old and new start years. A
/// plan made for an earlier base year (a preset written for 2017, a scenario saved then)
/// starts its programmes as soon as this projection can. A programme whose end year is
/// before the base year ended before this projection starts: its results are already in
/// the base year's figures, so it is left out (and listed with its new start year equal
/// to its old one, which [`ended_before`] tells apart).
pub fn started_within(
    settings: &LeverSettings,
    area: &super::Area,
) -> (LeverSettings, Vec<(LeverId, i32, i32)>) {
    let first = (area.base_year + 1).min(area.horizon_end_year);
    let mut moved = Vec::new();
    let fitted = settings
        .iter()
        .filter_map(|(id, s)| {
            let mut s = *s;
            if s.end_year.is_some_and(|end| end < area.base_year) {
                moved.push((id.clone(), s.start_year, s.start_year));
                return None;
            }
            if s.start_year < area.base_year {
                moved.push((id.clone(), s.start_year, first));
                s.start_year = first;
                s.end_year = s.end_year.map(|end| end.max(first));
            }
            Some((id.clone(), s))
        })
        .collect();
    (fitted, moved)
}

/// Whether a lever [`started_within`] reported was left out because it ended before the
/// projection's base year (its start year is then unchanged).
pub fn ended_before(moved: &(LeverId, i32, i32)) -> bool {
    moved.1 == moved.2
}

/// Reads lever settings, refusing a lever named twice (a JSON map would silently keep the
/// last). For `#[serde(deserialize_with)]`.
pub fn unique_lever_settings<'de, D>(deserializer: D) -> Result<LeverSettings, D::Error>
where
    D: serde::Deserializer<'de>,
{
    struct Unique;
    impl<'de> serde::de::Visitor<'de> for Unique {
        type Value = LeverSettings;
        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("a map from lever ids to settings")
        }
        fn visit_map<A: serde::de::MapAccess<'de>>(
            self,
            mut map: A,
        ) -> Result<LeverSettings, A::Error> {
            let mut settings = LeverSettings::new();
            while let Some((id, setting)) = map.next_entry::<String, LeverSetting>()? {
                if settings.insert(LeverId::new(id.clone()), setting).is_some() {
                    return Err(serde::de::Error::custom(format!(
                        "lever `{id}` is named twice; give each lever once"
                    )));
                }
            }
            Ok(settings)
        }
    }
    deserializer.deserialize_map(Unique)
}

/// A lever that is on, with everything the engine needs.
#[derive(Debug, Clone, PartialEq)]
pub struct ActiveLever {
    /// Position in the catalogue; the Monte Carlo draws effects in catalogue order so that
    /// turning one lever on does not change the draws for another.
    pub catalogue_index: usize,
    pub stage: Stage,
    pub target: ServedGroup,
    pub setting: LeverSetting,
    /// The effect at scale on the stage's threshold measure, with its range.
    pub effect: EffectSize,
    pub year_groups: YearGroups,
    /// Per pupil served per year, for every year group served.
    pub cost_gbp_per_pupil: f64,
}

impl ActiveLever {
    /// Share of the target group reached in calendar `year`: zero before the start year
    /// and after the end year, between them rising linearly over `ramp_years` (the first
    /// year gets 1/ramp of full reach).
    pub fn reach_in_year(&self, year: i32) -> f64 {
        let LeverSetting {
            reach_share,
            start_year,
            ramp_years,
            end_year,
        } = self.setting;
        if year < start_year || end_year.is_some_and(|end| year > end) {
            return 0.0;
        }
        if ramp_years == 0 {
            return reach_share;
        }
        let years_running = f64::from(year - start_year + 1);
        reach_share * (years_running / f64::from(ramp_years)).min(1.0)
    }

    pub fn reaches(&self, stage: Stage, group: Group) -> bool {
        self.stage == stage && self.target.includes(group)
    }
}

/// The levers that are on, in catalogue order.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Plan {
    pub levers: Vec<ActiveLever>,
}

impl Plan {
    /// Checks every setting and keeps the levers with reach above zero.
    pub fn resolve(
        settings: &LeverSettings,
        catalogue: &LeverCatalogue,
        area: &Area,
    ) -> Result<Plan, InputError> {
        for (id, setting) in settings {
            let field = |name: &str| format!("levers.{id}.{name}");
            if catalogue.get(id).is_none() {
                return Err(InputError::field(
                    format!("levers.{id}"),
                    "is not a lever this version of Pathways knows",
                ));
            }
            check_range(&field("reach_share"), setting.reach_share, 0.0, 1.0)?;
            if !area.years().contains(&setting.start_year) {
                return Err(InputError::field(
                    field("start_year"),
                    format!(
                        "{} is outside the projection, {} to {}",
                        setting.start_year, area.base_year, area.horizon_end_year
                    ),
                ));
            }
            if let Some(end) = setting.end_year {
                if end < setting.start_year || end > area.horizon_end_year {
                    return Err(InputError::field(
                        field("end_year"),
                        format!(
                            "{end} is outside the programme's years, its start year {} to {}",
                            setting.start_year, area.horizon_end_year
                        ),
                    ));
                }
            }
            if setting.ramp_years > MAX_RAMP_YEARS {
                return Err(InputError::field(
                    field("ramp_years"),
                    format!(
                        "{} is more than the {MAX_RAMP_YEARS} allowed",
                        setting.ramp_years
                    ),
                ));
            }
        }
        let levers = catalogue
            .levers
            .iter()
            .enumerate()
            .filter_map(|(catalogue_index, lever)| {
                let setting = *settings.get(&lever.id)?;
                (setting.reach_share > 0.0).then(|| ActiveLever {
                    catalogue_index,
                    stage: lever.stage,
                    target: lever.target,
                    setting,
                    effect: catalogue.effect(lever),
                    year_groups: lever.year_groups,
                    cost_gbp_per_pupil: lever.cost_gbp_per_pupil.value,
                })
            })
            .collect();
        Ok(Plan { levers })
    }

    pub fn is_empty(&self) -> bool {
        self.levers.is_empty()
    }

    /// Central effect sizes, one per active lever.
    pub fn central_effects(&self) -> Vec<f64> {
        self.levers.iter().map(|l| l.effect.central_sd).collect()
    }
}
