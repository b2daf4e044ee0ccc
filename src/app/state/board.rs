//! The board's success measures and the results it has entered for monitoring.

use crate::model::Area;
use crate::scenario::outcome::{Outcome, HEADLINES};
use crate::scenario::target::{validate_actuals, year_outside, Actual, Target, MAX_ACTUALS};

use super::page::Notices;

#[derive(Debug, Clone, Default, PartialEq)]
pub struct BoardState {
    /// At most one target per headline outcome, in headline order.
    pub targets: Vec<Target>,
    /// Results the user entered, by outcome and year: at most one per pair, in headline
    /// then year order.
    pub actuals: Vec<Actual>,
    /// True once the results stored in this browser have been read, so nothing writes
    /// over them first.
    pub actuals_loaded: bool,
}

#[derive(Debug, Clone)]
pub enum BoardAction {
    /// Give an outcome a target (replacing its old one).
    SetTarget(Target),
    ClearTarget(Outcome),
    /// Record an actual result (replacing one for the same outcome and year).
    SetActual(Actual),
    ClearActual {
        outcome: Outcome,
        year: i32,
    },
    /// The results stored in this browser, read at start (valid ones only).
    ActualsLoaded(Vec<Actual>),
}

impl BoardState {
    pub fn apply(&mut self, action: BoardAction, area: &Area, notices: &mut Notices) {
        match action {
            BoardAction::SetTarget(target) => self.set_target(target, area, notices),
            BoardAction::ClearTarget(outcome) => self.targets.retain(|t| t.outcome != outcome),
            BoardAction::SetActual(actual) => self.set_actual(actual, notices),
            BoardAction::ClearActual { outcome, year } => self
                .actuals
                .retain(|a| !(a.outcome == outcome && a.year == year)),
            BoardAction::ActualsLoaded(stored) => self.actuals_loaded(stored),
        }
    }

    fn set_target(&mut self, target: Target, area: &Area, notices: &mut Notices) {
        if target.validate().is_err() {
            return;
        }
        let years = area.years();
        if !years.contains(&target.year) {
            let why = year_outside(target.year, &years);
            notices.push(true, format!("The target {target} was not set: {why}."));
            return;
        }
        self.targets.retain(|t| t.outcome != target.outcome);
        self.targets.push(target);
        // In headline order, so links and files do not depend on the order set.
        self.targets
            .sort_by_key(|t| HEADLINES.iter().position(|o| *o == t.outcome));
    }

    fn set_actual(&mut self, actual: Actual, notices: &mut Notices) {
        if actual.validate().is_err() {
            return;
        }
        self.actuals
            .retain(|a| !(a.outcome == actual.outcome && a.year == actual.year));
        if self.actuals.len() >= MAX_ACTUALS {
            notices.push(
                true,
                format!("At most {MAX_ACTUALS} results can be kept; remove one first."),
            );
            return;
        }
        self.actuals.push(actual);
        self.actuals
            .sort_by_key(|a| (HEADLINES.iter().position(|o| *o == a.outcome), a.year));
    }

    /// Results entered or loaded before storage answered are the user's latest.
    fn actuals_loaded(&mut self, stored: Vec<Actual>) {
        if self.actuals.is_empty() && validate_actuals(&stored).is_ok() {
            self.actuals = stored;
        }
        self.actuals_loaded = true;
    }
}
