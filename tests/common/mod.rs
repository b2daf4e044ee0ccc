//! Helpers shared by the native integration tests.
#![allow(dead_code)]

use pathways::model::{LeverSetting, LeverSettings, Model, Plan};

pub fn model() -> Model {
    Model::hastings()
}

pub fn setting(reach_share: f64, start_year: i32, ramp_years: u32) -> LeverSetting {
    LeverSetting {
        reach_share,
        start_year,
        ramp_years,
        end_year: None,
    }
}

pub fn plan_of(model: &Model, levers: &[(&str, LeverSetting)]) -> Plan {
    let settings: LeverSettings = levers.iter().map(|(id, s)| ((*id).into(), *s)).collect();
    Plan::resolve(&settings, model.catalogue(), model.area()).expect("test plan is valid")
}
