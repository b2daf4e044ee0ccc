//! The plan on screen: its name and the levers the user has set.

use crate::model::plan::MAX_RAMP_YEARS;
use crate::model::{LeverId, LeverSetting, LeverSettings, Model};
use crate::scenario::{without_hidden, MAX_NAME_CHARS};

/// The name of a scenario nobody has named yet.
pub const DEFAULT_NAME: &str = "My scenario";

#[derive(Debug, Clone, PartialEq)]
pub struct PlanState {
    pub name: String,
    /// Only levers the catalogue knows, each within the area's years.
    pub settings: LeverSettings,
}

#[derive(Debug, Clone)]
pub enum PlanAction {
    SetReach(LeverId, f64),
    SetStartYear(LeverId, i32),
    SetRampYears(LeverId, u32),
    /// The last year funded; `None`: it runs to the horizon.
    SetEndYear(LeverId, Option<i32>),
    ResetLever(LeverId),
    ResetAll,
    SetName(String),
}

impl Default for PlanState {
    fn default() -> Self {
        PlanState {
            name: DEFAULT_NAME.to_owned(),
            settings: LeverSettings::new(),
        }
    }
}

impl PlanState {
    pub fn apply(&mut self, action: PlanAction, model: &Model) {
        match action {
            PlanAction::SetReach(id, reach) => self.set_reach(id, reach, model),
            PlanAction::SetStartYear(id, year) => self.set_start_year(id, year, model),
            PlanAction::SetRampYears(id, years) => self.set_ramp_years(id, years, model),
            PlanAction::SetEndYear(id, year) => self.set_end_year(id, year, model),
            PlanAction::ResetLever(id) => self.reset_lever(&id),
            PlanAction::ResetAll => self.settings = LeverSettings::new(),
            PlanAction::SetName(name) => self.set_name(&name),
        }
    }

    /// The setting for a lever: the user's, or the catalogue default at zero reach.
    pub fn setting(&self, lever_id: &str, model: &Model) -> LeverSetting {
        self.settings.get(lever_id).copied().unwrap_or_else(|| {
            let area = model.area();
            model.catalogue().get(lever_id).map_or(
                LeverSetting {
                    reach_share: 0.0,
                    start_year: area.base_year,
                    ramp_years: 0,
                    end_year: None,
                },
                |lever| lever.default_setting(area),
            )
        })
    }

    fn set_reach(&mut self, id: LeverId, reach: f64, model: &Model) {
        if reach.is_finite() {
            self.change(id, model, |s| s.reach_share = reach.clamp(0.0, 1.0));
        }
    }

    fn set_start_year(&mut self, id: LeverId, year: i32, model: &Model) {
        let years = model.area().years();
        let year = year.clamp(*years.start(), *years.end());
        self.change(id, model, |s| {
            s.start_year = year;
            // A programme cannot end before it starts: its end moves with its start.
            s.end_year = s.end_year.map(|end| end.max(year));
        });
    }

    /// An end year is kept within the programme's start year and the horizon.
    fn set_end_year(&mut self, id: LeverId, year: Option<i32>, model: &Model) {
        let last = model.area().horizon_end_year;
        self.change(id, model, |s| {
            s.end_year = year.map(|end| end.clamp(s.start_year, last));
        });
    }

    fn set_ramp_years(&mut self, id: LeverId, years: u32, model: &Model) {
        self.change(id, model, |s| s.ramp_years = years.min(MAX_RAMP_YEARS));
    }

    fn reset_lever(&mut self, id: &LeverId) {
        self.settings.remove(id);
    }

    /// Typed or pasted: control and text-direction characters are dropped, as the name
    /// field then shows.
    fn set_name(&mut self, name: &str) {
        self.name = without_hidden(name, false)
            .0
            .chars()
            .take(MAX_NAME_CHARS)
            .collect();
    }

    /// One lever's setting changed; an id the catalogue does not know changes nothing,
    /// so every setting kept resolves against the area.
    fn change(&mut self, lever_id: LeverId, model: &Model, change: impl FnOnce(&mut LeverSetting)) {
        if model.catalogue().get(&lever_id).is_none() {
            return;
        }
        let mut setting = self.setting(&lever_id, model);
        change(&mut setting);
        self.settings.insert(lever_id, setting);
    }
}
