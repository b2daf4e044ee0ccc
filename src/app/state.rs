//! The app's one store: what the user has chosen, and the latest uncertainty bands.
//! Every change goes through [`Action`]; [`State::reduce`] is the only writer.

use std::rc::Rc;

use yew::Reducible;

use crate::model::{Area, Bands, Group, LeverCatalogue, LeverSetting, LeverSettings, Model};

/// Monte Carlo draws per band computation, and the fixed seed that makes bands
/// reproducible (the CLI gives the same bands with `--draws 1000 --seed 2017`).
pub const DRAWS: u32 = 1000;
pub const SEED: u64 = 2017;

/// Default annual budget: the Hastings OA's "up to £6m over 3 years" (Hastings OA site).
pub const DEFAULT_BUDGET_GBP_PER_YEAR: f64 = 2_000_000.0;

#[derive(Debug, Clone, PartialEq)]
pub struct State {
    pub model: Rc<Model>,
    /// The area file as JSON, sent to the Monte Carlo worker.
    pub area_json: Rc<str>,
    pub settings: LeverSettings,
    /// The year the headline cards describe.
    pub target_year: i32,
    pub show_non_fsm: bool,
    pub budget_gbp_per_year: f64,
    /// Reception year of the cohort followed in the flow diagram.
    pub flow_cohort: i32,
    pub flow_group: Group,
    /// The latest bands, with the settings they were computed for.
    pub bands: Option<(LeverSettings, Rc<Bands>)>,
    pub bands_error: Option<String>,
    pub worker_ms: Option<f64>,
}

pub enum Action {
    SetReach(String, f64),
    SetStartYear(String, i32),
    SetRampYears(String, u32),
    ResetLever(String),
    ResetAll,
    SetTargetYear(i32),
    ShowNonFsm(bool),
    SetBudget(f64),
    SetFlowCohort(i32),
    SetFlowGroup(Group),
    BandsReady {
        settings: LeverSettings,
        bands: Rc<Bands>,
        elapsed_ms: f64,
    },
    BandsFailed(String),
}

impl State {
    pub fn new(area: Area) -> State {
        let area_json: Rc<str> = serde_json::to_string(&area).unwrap_or_default().into();
        let target_year = (area.base_year + 13).min(area.horizon_end_year);
        let flow_cohort = (area.base_year + 1).min(area.horizon_end_year - 15);
        State {
            model: Rc::new(Model::new(area, LeverCatalogue::standard())),
            area_json,
            settings: LeverSettings::new(),
            target_year,
            show_non_fsm: false,
            budget_gbp_per_year: DEFAULT_BUDGET_GBP_PER_YEAR,
            flow_cohort,
            flow_group: Group::Fsm,
            bands: None,
            bands_error: None,
            worker_ms: None,
        }
    }

    /// The setting for a lever: the user's, or the catalogue default at zero reach.
    pub fn setting(&self, lever_id: &str) -> LeverSetting {
        self.settings.get(lever_id).copied().unwrap_or_else(|| {
            let lever = self.model.catalogue().get(lever_id);
            LeverSetting {
                reach_share: 0.0,
                start_year: lever.map_or(self.model.area().base_year, |l| l.default_start_year),
                ramp_years: lever.map_or(0, |l| l.default_ramp_years),
            }
        })
    }

    /// True when the bands shown were computed for the current settings.
    pub fn bands_current(&self) -> bool {
        matches!(&self.bands, Some((settings, _)) if *settings == self.settings)
    }

    fn with_setting(&self, lever_id: String, change: impl FnOnce(&mut LeverSetting)) -> State {
        let mut setting = self.setting(&lever_id);
        change(&mut setting);
        let mut next = self.clone();
        next.settings.insert(lever_id, setting);
        next
    }
}

impl Reducible for State {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let area_years = self.model.area().years();
        let next = match action {
            Action::SetReach(id, reach) => {
                if !reach.is_finite() {
                    return self;
                }
                self.with_setting(id, |s| s.reach_share = reach.clamp(0.0, 1.0))
            }
            Action::SetStartYear(id, year) => {
                let year = year.clamp(*area_years.start(), *area_years.end());
                self.with_setting(id, |s| s.start_year = year)
            }
            Action::SetRampYears(id, years) => {
                self.with_setting(id, |s| s.ramp_years = years.min(10))
            }
            Action::ResetLever(id) => {
                let mut next = (*self).clone();
                next.settings.remove(&id);
                next
            }
            Action::ResetAll => State {
                settings: LeverSettings::new(),
                ..(*self).clone()
            },
            Action::SetTargetYear(year) => State {
                target_year: year.clamp(*area_years.start(), *area_years.end()),
                ..(*self).clone()
            },
            Action::ShowNonFsm(show) => State {
                show_non_fsm: show,
                ..(*self).clone()
            },
            Action::SetBudget(budget) => {
                if !budget.is_finite() || budget < 0.0 {
                    return self;
                }
                State {
                    budget_gbp_per_year: budget,
                    ..(*self).clone()
                }
            }
            Action::SetFlowCohort(year) => State {
                flow_cohort: year,
                ..(*self).clone()
            },
            Action::SetFlowGroup(group) => State {
                flow_group: group,
                ..(*self).clone()
            },
            Action::BandsReady {
                settings,
                bands,
                elapsed_ms,
            } => State {
                bands: Some((settings, bands)),
                bands_error: None,
                worker_ms: Some(elapsed_ms),
                ..(*self).clone()
            },
            Action::BandsFailed(message) => State {
                bands_error: Some(message),
                ..(*self).clone()
            },
        };
        if next == *self {
            self
        } else {
            Rc::new(next)
        }
    }
}
