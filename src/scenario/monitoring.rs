//! Monitoring: entered actuals against the projection's band, and re-basing an area's
//! baseline on them. Pure functions; the definitions are in MODEL.md, "Monitoring".

use std::fmt;

use serde::{Deserialize, Serialize};

use super::outcome::{Outcome, HEADLINES};
use super::target::Actual;
use crate::model::error::InputError;
use crate::model::{Area, Bands, Model, Percentiles, Plan, Provenance, Stage};

/// Where an actual stands against the projection's P10-P90 band in its year.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// Better than the band's favourable end (above P90 for an FSM rate, below P10 for a
    /// gap or NEET).
    Ahead,
    /// Inside the band, ends included.
    OnTrack,
    /// Worse than the band's unfavourable end.
    Behind,
}

impl Status {
    /// Machine name: `ahead`, `on_track`, `behind`.
    pub fn key(self) -> &'static str {
        match self {
            Status::Ahead => "ahead",
            Status::OnTrack => "on_track",
            Status::Behind => "behind",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Status::Ahead => "Ahead",
            Status::OnTrack => "On track",
            Status::Behind => "Behind",
        }
    }
}

impl fmt::Display for Status {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

/// The status of an actual value (a share) against the band (shares) of its outcome in the
/// same year. Direction matters: for a gap or NEET, lower is better, so a value below P10
/// is ahead.
pub fn status(outcome: Outcome, band: Percentiles, actual_share: f64) -> Status {
    let (low, high) = (band.p10.min(band.p90), band.p10.max(band.p90));
    let (better, worse) = if actual_share > high {
        (outcome.higher_is_better(), !outcome.higher_is_better())
    } else if actual_share < low {
        (!outcome.higher_is_better(), outcome.higher_is_better())
    } else {
        (false, false)
    };
    match (better, worse) {
        (true, _) => Status::Ahead,
        (_, true) => Status::Behind,
        _ => Status::OnTrack,
    }
}

/// One outcome's latest actual against the projection's band in its year.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Monitored {
    pub actual: Actual,
    /// The band of the outcome's value in the actual's year, in percent (points for a gap).
    pub band_percent: Percentiles,
    pub status: Status,
}

/// For `outcome`, the latest actual whose year has bands, against the band's value
/// ([`Outcome::band`]); `None` when no actual falls in a banded year.
pub fn latest_status(outcome: Outcome, bands: &Bands, actuals: &[Actual]) -> Option<Monitored> {
    let (actual, year_bands) = actuals
        .iter()
        .filter(|a| a.outcome == outcome)
        .filter_map(|a| Some((a, bands.year(a.year)?)))
        .max_by_key(|(a, _)| a.year)?;
    let band = outcome.band(year_bands);
    Some(Monitored {
        actual: *actual,
        band_percent: band.scaled(100.0),
        status: status(outcome, band, actual.value_share()),
    })
}

/// [`latest_status`] for every headline that has one, in headline order.
pub fn monitor(bands: &Bands, actuals: &[Actual]) -> Vec<Monitored> {
    HEADLINES
        .into_iter()
        .filter_map(|outcome| latest_status(outcome, bands, actuals))
        .collect()
}

/// The latest year with an actual, if any: the year [`rebase`] is usually given.
pub fn latest_actual_year(actuals: &[Actual]) -> Option<i32> {
    actuals.iter().map(|a| a.year).max()
}

/// The area with its FSM baseline re-based on the actuals entered for `year`: the baseline
/// in `year` becomes the observed value, for every outcome with an actual that year.
///
/// - `fsm_<stage>` sets the stage's FSM rate; `fsm_neet` sets the FSM rate in education,
///   employment or training at 20 to 100 − NEET.
/// - `gap_ks4` sets the non-FSM KS4 rate to the FSM rate plus the gap when `fsm_ks4` is
///   entered for the same year; alone, it sets the FSM rate to the non-FSM rate minus the gap.
/// - Every other number, non-FSM rates included, is kept.
///
/// The base year is kept (moving it would drop the earlier years from the projection and
/// every programme started before it): the base-year rate is set so that the baseline
/// reaches the actual in `year`, back along the stage's trend if the file gives one
/// (without a trend, it is simply the actual). Each replaced rate is labelled
/// user-entered, naming the actual and the figure it replaces.
///
/// The actual is taken as the no-new-programme rate: if the plan's programmes were already
/// running before `year`, their effect so far is in the actual, and a projection of the
/// same plan on the re-based area counts it again (MODEL.md, "Monitoring").
pub fn rebase(area: &Area, actuals: &[Actual], year: i32) -> Result<Area, InputError> {
    if !area.years().contains(&year) {
        return Err(InputError::field(
            "year",
            format!(
                "{year} is outside {}'s projection, {} to {}, so the baseline cannot be re-based on it",
                area.name, area.base_year, area.horizon_end_year
            ),
        ));
    }
    let in_year = |outcome: Outcome| {
        actuals
            .iter()
            .find(|a| a.outcome == outcome && a.year == year)
    };
    let mut rebased = area.clone();
    for stage in Stage::ALL {
        if let Some(actual) = in_year(Outcome::FsmRate(stage)) {
            set_rate(
                &mut rebased,
                area,
                stage,
                true,
                actual.value_share(),
                actual,
            );
        }
    }
    if let Some(actual) = in_year(Outcome::FsmNeet) {
        set_rate(
            &mut rebased,
            area,
            Stage::Post19,
            true,
            1.0 - actual.value_share(),
            actual,
        );
    }
    if let Some(gap) = in_year(Outcome::Gap(Stage::Ks4)) {
        let ks4 = Stage::Ks4;
        let baseline_in = |a: &Area, fsm: bool| {
            let group = if fsm {
                crate::model::Group::Fsm
            } else {
                crate::model::Group::NonFsm
            };
            a.baseline_rate(ks4, group, year)
        };
        if in_year(Outcome::FsmRate(ks4)).is_some() {
            let non_fsm = baseline_in(&rebased, true) + gap.value_share();
            set_rate(&mut rebased, area, ks4, false, non_fsm, gap);
        } else {
            let fsm = baseline_in(&rebased, false) - gap.value_share();
            set_rate(&mut rebased, area, ks4, true, fsm, gap);
        }
    }
    rebased.validate()?;
    Ok(rebased)
}

/// The area re-based so that the **plan's** projection, not the baseline, passes through
/// each FSM result entered for `year` (FSM rates and NEET): the programmes already
/// running are taken to be part of what produced the result, so their effect is not
/// counted on top of it. Each stage's FSM base-year rate is found by bisection (a stage's
/// projected rate rises with its base rate, and does not depend on other stages' base
/// rates); the gap is then handled as in [`rebase`]. With no levers on this is [`rebase`].
pub fn rebase_under_plan(
    model: &Model,
    plan: &Plan,
    actuals: &[Actual],
    year: i32,
) -> Result<Area, InputError> {
    let mut rebased = rebase(model.area(), actuals, year)?;
    if plan.levers.is_empty() {
        return Ok(rebased);
    }
    let wanted = |stage: Stage| {
        actuals
            .iter()
            .find(|a| a.year == year && a.outcome == Outcome::FsmRate(stage))
            .map(|a| a.value_share())
            .or_else(|| {
                (stage == Stage::Post19)
                    .then(|| {
                        actuals
                            .iter()
                            .find(|a| a.year == year && a.outcome == Outcome::FsmNeet)
                            .map(|a| 1.0 - a.value_share())
                    })
                    .flatten()
            })
    };
    for stage in Stage::ALL {
        let Some(target) = wanted(stage) else {
            continue;
        };
        // The plan's FSM rate in `year` with the stage's base-year rate set to `base`.
        let projected = |base: f64| -> Option<f64> {
            let mut area = rebased.clone();
            area.stages.get_mut(stage).fsm_rate.value = base;
            let candidate = Model::new(area, model.catalogue().clone());
            let plan = Plan::resolve(
                &plan_settings(plan, model),
                candidate.catalogue(),
                candidate.area(),
            )
            .ok()?;
            let central = candidate.central(&plan);
            let rate = candidate
                .project_year(&plan, &central, year)?
                .stage(stage)
                .fsm
                .rate;
            Some(rate)
        };
        let (mut low, mut high) = (0.001, 0.999);
        if projected(low).is_none_or(|r| r > target) || projected(high).is_none_or(|r| r < target) {
            // The plan alone would carry the rate past the result: keep the baseline's
            // re-basing, which is the nearest the model can come.
            continue;
        }
        for _ in 0..50 {
            let mid = 0.5 * (low + high);
            match projected(mid) {
                Some(rate) if rate < target => low = mid,
                Some(_) => high = mid,
                None => break,
            }
        }
        let sourced = &mut rebased.stages.get_mut(stage).fsm_rate;
        sourced.value = 0.5 * (low + high);
        if let Provenance::UserEntered(note) = &mut sourced.provenance {
            note.push_str(". Set so that the plan's projection, with its programmes already running, passes through the result");
        }
    }
    rebased.validate()?;
    Ok(rebased)
}

/// The settings a resolved plan came from.
fn plan_settings(plan: &Plan, model: &Model) -> crate::model::LeverSettings {
    plan.levers
        .iter()
        .map(|l| {
            (
                model.catalogue().levers[l.catalogue_index].id.clone(),
                l.setting,
            )
        })
        .collect()
}

/// Sets a stage's FSM (or non-FSM) base-year rate so that its baseline in `actual.year`
/// is `rate`, labelled with the actual it comes from and the figure it replaces.
fn set_rate(
    rebased: &mut Area,
    original: &Area,
    stage: Stage,
    fsm: bool,
    rate: f64,
    actual: &Actual,
) {
    let group = if fsm {
        crate::model::Group::Fsm
    } else {
        crate::model::Group::NonFsm
    };
    let trend = original.trend_points_per_year(stage, group).unwrap_or(0.0);
    let base_value = rate - trend / 100.0 * f64::from(actual.year - original.base_year);
    let rates = rebased.stages.get_mut(stage);
    let sourced = if fsm {
        &mut rates.fsm_rate
    } else {
        &mut rates.non_fsm_rate
    };
    let along_trend = if trend != 0.0 {
        format!(
            ", taken back to {} along the file's trend of {trend} points a year",
            original.base_year
        )
    } else {
        String::new()
    };
    let note =
        format!(
        "Re-based on the actual entered for {} in {} ({}{}){along_trend}. It replaces {} ({}: {})",
        actual.outcome,
        actual.year,
        actual.value_percent,
        if actual.outcome.is_gap() { " points" } else { "%" },
        sourced.value,
        sourced.provenance.label(),
        sourced.provenance.text(),
    );
    sourced.value = base_value;
    sourced.provenance = Provenance::UserEntered(note);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Group, Model};

    fn actual(outcome: Outcome, year: i32, value_percent: f64) -> Actual {
        Actual {
            outcome,
            year,
            value_percent,
        }
    }

    fn band(p10: f64, p90: f64) -> Percentiles {
        Percentiles {
            p10,
            p50: (p10 + p90) / 2.0,
            p90,
        }
    }

    #[test]
    fn status_reads_direction_from_the_outcome() {
        let rate = Outcome::FsmRate(Stage::Ks2);
        let b = band(0.25, 0.35);
        assert_eq!(status(rate, b, 0.40), Status::Ahead);
        assert_eq!(status(rate, b, 0.30), Status::OnTrack);
        assert_eq!(status(rate, b, 0.25), Status::OnTrack, "ends are inside");
        assert_eq!(status(rate, b, 0.20), Status::Behind);
        for lower_better in [Outcome::Gap(Stage::Ks4), Outcome::FsmNeet] {
            assert_eq!(status(lower_better, b, 0.40), Status::Behind);
            assert_eq!(status(lower_better, b, 0.35), Status::OnTrack);
            assert_eq!(status(lower_better, b, 0.20), Status::Ahead);
        }
    }

    #[test]
    fn the_latest_actual_with_bands_is_read() {
        let model = Model::hastings();
        let bands = model.monte_carlo(&crate::model::Plan::default(), 200, 5);
        let ks2 = Outcome::FsmRate(Stage::Ks2);
        let actuals = [
            actual(ks2, 2019, 90.0),
            actual(ks2, 2021, 1.0),
            // After the horizon: no band, so not read.
            actual(ks2, 2040, 90.0),
            actual(Outcome::FsmNeet, 2022, 1.0),
        ];
        let latest = latest_status(ks2, &bands, &actuals).unwrap();
        assert_eq!(latest.actual.year, 2021);
        assert_eq!(latest.status, Status::Behind);
        let all = monitor(&bands, &actuals);
        assert_eq!(all.len(), 2);
        assert_eq!(
            all[1].status,
            Status::Ahead,
            "1% NEET is better than any draw"
        );
        assert_eq!(latest_actual_year(&actuals), Some(2040));
    }

    #[test]
    fn rebasing_on_the_baseline_changes_nothing() {
        let area = Area::hastings();
        let model = Model::new(area.clone(), crate::model::LeverCatalogue::standard());
        let year = 2021;
        let before = model.baseline();
        let at = before.year(year).unwrap();
        let actuals: Vec<Actual> = HEADLINES
            .into_iter()
            .map(|o| actual(o, year, o.value(at) * 100.0))
            .collect();
        let rebased = rebase(&area, &actuals, year).unwrap();
        let after =
            Model::new(rebased.clone(), crate::model::LeverCatalogue::standard()).baseline();
        for (a, b) in before.years.iter().zip(&after.years) {
            for stage in Stage::ALL {
                for group in Group::ALL {
                    let (x, y) = (
                        a.stage(stage).group(group).rate,
                        b.stage(stage).group(group).rate,
                    );
                    assert!(
                        (x - y).abs() < 1e-9,
                        "{stage:?} {group:?} {}: {x} vs {y}",
                        a.year
                    );
                }
            }
        }
        assert!(matches!(
            rebased.stages.ks4.fsm_rate.provenance,
            Provenance::UserEntered(ref text) if text.contains("Re-based on the actual entered for")
        ));
    }

    #[test]
    fn rebasing_on_a_higher_rate_raises_the_baseline_there() {
        let area = Area::hastings();
        let ks2 = Outcome::FsmRate(Stage::Ks2);
        let rebased = rebase(&area, &[actual(ks2, 2022, 38.0)], 2022).unwrap();
        let before = area.baseline_rate(Stage::Ks2, Group::Fsm, 2022);
        let after = rebased.baseline_rate(Stage::Ks2, Group::Fsm, 2022);
        assert!(after > before);
        assert!((after - 0.38).abs() < 1e-12);
        assert_eq!(
            rebased.stages.ks2.non_fsm_rate,
            area.stages.ks2.non_fsm_rate
        );
        assert_eq!(rebased.stages.ks4, area.stages.ks4);
        // A gap alone moves the FSM rate, keeping non-FSM.
        let gap = rebase(&area, &[actual(Outcome::Gap(Stage::Ks4), 2022, 20.0)], 2022).unwrap();
        let ks4 = &gap.stages.ks4;
        assert!((ks4.non_fsm_rate.value - ks4.fsm_rate.value - 0.2).abs() < 1e-12);
        assert_eq!(ks4.non_fsm_rate, area.stages.ks4.non_fsm_rate);
        // Outside the projection, or an impossible rate, is refused with a reason.
        assert!(rebase(&area, &[actual(ks2, 2050, 38.0)], 2050).is_err());
        assert!(rebase(&area, &[actual(ks2, 2022, 0.0)], 2022)
            .unwrap_err()
            .to_string()
            .contains("stages.ks2.fsm_rate"));
    }
}
