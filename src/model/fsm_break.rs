//! The FSM definition change: from September 2026 every pupil in a Universal Credit
//! household is eligible for free school meals, so the FSM group gains pupils who attain
//! more than those already eligible, and the non-FSM group loses pupils who attain less
//! than its average. Both groups' published rates rise with no programme at all. A board
//! may allow for it as a labelled composition shift (docs/MODEL.md §2a); the catalogue
//! holds its stated size, and an area carries it once the board turns it on.

use serde::{Deserialize, Serialize};

use super::error::{check_range, InputError};
use super::provenance::{check_provenance, Sourced};
use super::stage::{Group, Stage};

/// Years between the age FSM status is read for Level 3 by 19 and EET at 20 (at 15, in
/// year 11) and the year the stage is measured: such a stage moves only once pupils
/// eligible under the new rule at 15 reach it.
const YEARS_FROM_AGE_15: [i32; Stage::COUNT] = [0, 0, 0, 4, 5];

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CompositionShift {
    /// The first calendar year (summer) whose figures use the new rule: 2027, the first
    /// results after September 2026, for the stages that read FSM status at the time.
    pub first_year: Sourced<f64>,
    /// The FSM group's rates move by this, in points, from then on.
    pub fsm_points: Sourced<f64>,
    /// The non-FSM group's rates move by this, in points.
    pub non_fsm_points: Sourced<f64>,
}

impl CompositionShift {
    /// The first year `stage`'s figures use the new rule.
    pub fn first_year_for(&self, stage: Stage) -> i32 {
        self.first_year.value as i32 + YEARS_FROM_AGE_15[stage.index()]
    }

    /// The shift of `group`'s rate at `stage` in `year`, as a share (0 before the break).
    pub fn shift(&self, stage: Stage, group: Group, year: i32) -> f64 {
        if year < self.first_year_for(stage) {
            return 0.0;
        }
        match group {
            Group::Fsm => self.fsm_points.value / 100.0,
            Group::NonFsm => self.non_fsm_points.value / 100.0,
        }
    }

    /// A first year from 2000 to 2100 (whole), and shifts of at most ±10 points, each
    /// with its provenance.
    pub fn validate(&self, field: &str) -> Result<(), InputError> {
        let year = self.first_year.value;
        check_range(&format!("{field}.first_year"), year, 2000.0, 2100.0)?;
        if year.fract() != 0.0 {
            return Err(InputError::field(
                format!("{field}.first_year"),
                format!("{year} is not a whole year"),
            ));
        }
        for (name, value) in [
            ("first_year", &self.first_year),
            ("fsm_points", &self.fsm_points),
            ("non_fsm_points", &self.non_fsm_points),
        ] {
            if name != "first_year" {
                check_range(&format!("{field}.{name}"), value.value, -10.0, 10.0)?;
            }
            check_provenance(&format!("{field}.{name}"), &value.provenance)?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stages_that_read_fsm_at_15_move_later() {
        let shift = CompositionShift {
            first_year: Sourced::source(2027.0, "s"),
            fsm_points: Sourced::assumption(0.5, "a"),
            non_fsm_points: Sourced::assumption(1.4, "a"),
        };
        assert_eq!(shift.shift(Stage::Ks2, Group::Fsm, 2026), 0.0);
        assert!((shift.shift(Stage::Ks2, Group::Fsm, 2027) - 0.005).abs() < 1e-15);
        assert!((shift.shift(Stage::Ks4, Group::NonFsm, 2030) - 0.014).abs() < 1e-15);
        // Level 3 by 19 reads FSM at 15: pupils 15 in 2026/27 are 19 in 2030/31.
        assert_eq!(shift.shift(Stage::Level3By19, Group::Fsm, 2030), 0.0);
        assert_eq!(shift.first_year_for(Stage::Level3By19), 2031);
        assert_eq!(shift.first_year_for(Stage::Post19), 2032);
    }
}
