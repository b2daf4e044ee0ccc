//! What each lever contributes: a plan's change against the baseline in one year, for each
//! headline outcome, split between the levers that are on.
//!
//! Effects do not add up. Programmes reach the same pupils first (nested reach) and a
//! pupil's total shift is held under a ceiling, so two levers together do less than the
//! sum of each alone, and what a lever adds depends on what else is on. The split used is
//! the Shapley value: lever *i* gets its marginal contribution averaged over every order in
//! which the plan's *n* levers could be switched on,
//!
//! ```text
//! φ_i = Σ_{S ⊆ N∖{i}} |S|! (n − |S| − 1)! / n! · (v(S ∪ {i}) − v(S)),
//! ```
//!
//! where *v(S)* is the outcome in the year with only the levers in *S* on. The
//! contributions add up to the plan's change against the baseline (efficiency), a lever on
//! its own gets its own change, and a lever that cannot move the outcome gets zero.
//!
//! **Method.** Exact Shapley values need *v* for every subset of the levers: 2ⁿ runs. Two
//! exact reductions make that fast enough for every plan on the shipped catalogue:
//!
//! 1. *One year.* An outcome in year *t* depends only on the cohorts measured in *t*, so
//!    each subset is run with [`Model::project_year`] (five cohorts, not the horizon's
//!    thirty-odd), and one run serves all six headlines.
//! 2. *Null players.* A lever that cannot move an outcome in year *t* (its stage comes
//!    after the outcome's; its first year reaching the outcome's stage,
//!    [`Lever::first_year_reaching`](crate::model::Lever::first_year_reaching), is after
//!    *t*; or its effect is zero) adds nothing to any coalition. By the null-player axiom
//!    its value is exactly zero, and the other levers' values are those of the game
//!    without it, so it is left out of that outcome's enumeration.
//!
//! Each headline enumerates the subsets of its own movers, and a subset shared by several
//! headlines is projected once (one run gives all six). With every lever on at full reach
//! in 2035 that is 2¹⁵ one-year runs (aspiration programmes, assumed to have no effect, are
//! null everywhere), about 0.1 s natively, against some 1.3 s for 2¹⁵ whole projections
//! (docs/MODEL.md §8). Should some headline have more than [`MAX_EXACT_LEVERS`] movers,
//! which only a larger custom catalogue could give, the split is estimated instead from
//! [`SAMPLED_ORDERS`] seeded random orders of the levers and their reverses: each order's
//! marginal contributions add up to the plan's change, so the estimate still adds up
//! exactly; only the split between levers carries sampling error.

use serde::{Deserialize, Serialize};
use std::collections::HashMap;

use rand::seq::SliceRandom;
use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;

use crate::model::{InputError, LeverId, Model, Plan};
use crate::scenario::outcome::{Outcome, HEADLINES};

/// The most levers able to move one headline whose every subset is run: 2¹⁶ one-year runs
/// take a fraction of a second, and the shipped catalogue has sixteen levers.
pub const MAX_EXACT_LEVERS: usize = 16;

/// Random orders (each also taken in reverse) behind the estimate for larger plans.
pub const SAMPLED_ORDERS: usize = 2_000;

/// The seed of the orders sampled for larger plans, so the estimate is reproducible.
const SAMPLING_SEED: u64 = 2017;

/// One headline's change against the baseline in the year, and each lever's share of it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OutcomeContributions {
    pub outcome: Outcome,
    /// The plan's change against the baseline, in percentage points (scenario − baseline).
    pub total_points: f64,
    /// Each active lever's contribution in points, in the order of
    /// [`Contributions::lever_ids`]; they add up to `total_points`.
    pub points: Vec<f64>,
}

/// What each lever that is on contributes to each headline's change in one year.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Contributions {
    pub year: i32,
    /// The plan's active levers, by id, in catalogue order.
    pub lever_ids: Vec<LeverId>,
    /// One entry per headline, in the order of [`HEADLINES`].
    pub outcomes: Vec<OutcomeContributions>,
    /// True when every split is exact; false when it was estimated from sampled orders
    /// (some headline can be moved by more than [`MAX_EXACT_LEVERS`] of the levers).
    pub exact: bool,
}

/// Splits each headline's change against the baseline in `year` between the plan's active
/// levers by their Shapley values, every assumption at its central value. See the module
/// documentation for the method. A year outside the projection is an error naming it.
pub fn contributions(model: &Model, plan: &Plan, year: i32) -> Result<Contributions, InputError> {
    contributions_with_limit(model, plan, year, MAX_EXACT_LEVERS)
}

/// [`contributions`], exact when no headline has more than `exact_limit` levers that can
/// move it, else estimated from sampled orders.
fn contributions_with_limit(
    model: &Model,
    plan: &Plan,
    year: i32,
    exact_limit: usize,
) -> Result<Contributions, InputError> {
    let area = model.area();
    let outside = || {
        InputError::field(
            "year",
            format!(
                "{year} is outside the projection, {} to {}",
                area.base_year, area.horizon_end_year
            ),
        )
    };
    // The value of every headline, in points, with the given levers on.
    let headline_points = |subset: &Plan| -> Result<[f64; HEADLINES.len()], InputError> {
        let projected = model
            .project_year(subset, &model.central(subset), year)
            .ok_or_else(outside)?;
        Ok(HEADLINES.map(|outcome| 100.0 * outcome.value(&projected)))
    };
    let baseline = headline_points(&Plan::default())?;
    let scenario = headline_points(plan)?;

    // can[o][k]: whether active lever k can move headline o in the year at all. The
    // levers that can move some headline are enumerated; the rest are null players
    // everywhere.
    let can: Vec<Vec<bool>> = HEADLINES
        .iter()
        .map(|&outcome| {
            (0..plan.levers.len())
                .map(|k| can_move(model, plan, k, outcome, year))
                .collect()
        })
        .collect();
    let enumerated: Vec<usize> = (0..plan.levers.len())
        .filter(|&k| can.iter().any(|by_lever| by_lever[k]))
        .collect();
    let subset_of = |members: &[usize]| Plan {
        levers: members.iter().map(|&k| plan.levers[k].clone()).collect(),
    };

    // Each headline's movers, as positions in `enumerated`.
    let movers: Vec<Vec<usize>> = can
        .iter()
        .map(|by_lever| {
            (0..enumerated.len())
                .filter(|&bit| by_lever[enumerated[bit]])
                .collect()
        })
        .collect();
    let exact = movers.iter().all(|own| own.len() <= exact_limit)
        && enumerated.len() <= u128::BITS as usize;
    let mut points = vec![vec![0.0; plan.levers.len()]; HEADLINES.len()];
    if exact {
        // Every subset of each headline's movers is run once, whichever headlines share
        // it: runs[key] holds every headline with the enumerated levers in `key` on.
        let mut runs: HashMap<u128, [f64; HEADLINES.len()]> = HashMap::new();
        for (o, own) in movers.iter().enumerate() {
            let mut values = Vec::with_capacity(1 << own.len());
            for coalition in 0..1usize << own.len() {
                let key = own
                    .iter()
                    .enumerate()
                    .filter(|(bit, _)| coalition >> bit & 1 == 1)
                    .fold(0u128, |key, (_, &position)| key | 1 << position);
                let run = match runs.get(&key) {
                    Some(run) => *run,
                    None => {
                        let members: Vec<usize> = (0..enumerated.len())
                            .filter(|position| key >> position & 1 == 1)
                            .map(|position| enumerated[position])
                            .collect();
                        let run = headline_points(&subset_of(&members))?;
                        runs.insert(key, run);
                        run
                    }
                };
                values.push(run[o]);
            }
            let shapley = exact_shapley(own.len(), |coalition| values[coalition]);
            for (&position, value) in own.iter().zip(shapley) {
                points[o][enumerated[position]] = value;
            }
        }
    } else {
        let mut rng = ChaCha8Rng::seed_from_u64(SAMPLING_SEED);
        let mut order = enumerated.clone();
        for _ in 0..SAMPLED_ORDERS {
            order.shuffle(&mut rng);
            let reverse: Vec<usize> = order.iter().rev().copied().collect();
            for pass in [&order, &reverse] {
                let mut before = baseline;
                for step in 0..pass.len() {
                    // The levers so far, back in catalogue order, as a plan keeps them.
                    let mut members = pass[..=step].to_vec();
                    members.sort_unstable();
                    let after = headline_points(&subset_of(&members))?;
                    let k = pass[step];
                    for (o, by_lever) in points.iter_mut().enumerate() {
                        if can[o][k] {
                            by_lever[k] += after[o] - before[o];
                        }
                    }
                    before = after;
                }
            }
        }
        let orders = (2 * SAMPLED_ORDERS) as f64;
        points.iter_mut().flatten().for_each(|p| *p /= orders);
    }

    Ok(Contributions {
        year,
        lever_ids: plan
            .levers
            .iter()
            .map(|l| model.catalogue().levers[l.catalogue_index].id.clone())
            .collect(),
        outcomes: HEADLINES
            .iter()
            .zip(points)
            .enumerate()
            .map(|(o, (&outcome, points))| OutcomeContributions {
                outcome,
                total_points: scenario[o] - baseline[o],
                points,
            })
            .collect(),
        exact,
    })
}

/// Whether active lever `k` can move `outcome` in `year` at all: its stage is at or before
/// the outcome's, its effect is not zero, and the cohort measured in `year` was in one of
/// its year groups after it started. A lever failing this is a null player.
fn can_move(model: &Model, plan: &Plan, k: usize, outcome: Outcome, year: i32) -> bool {
    let active = &plan.levers[k];
    let lever = &model.catalogue().levers[active.catalogue_index];
    active.effect.central_sd != 0.0
        && lever
            .first_year_reaching(outcome.stage(), active.setting.start_year)
            .is_some_and(|first| first <= year)
}

/// Exact Shapley values of `n` players from the value of every coalition, `value(mask)`
/// with player *i* in the coalition when bit *i* of `mask` is set.
fn exact_shapley(n: usize, value: impl Fn(usize) -> f64) -> Vec<f64> {
    // weight[s] = s! (n − s − 1)! / n!, the chance that the players before a given one in
    // a random order are one given set of s others.
    let weight: Vec<f64> = (0..n)
        .map(|s| 1.0 / (n as f64 * binomial(n - 1, s)))
        .collect();
    let mut shapley = vec![0.0; n];
    for coalition in 0..1usize << n {
        let size = coalition.count_ones() as usize;
        for (i, phi) in shapley.iter_mut().enumerate() {
            if coalition >> i & 1 == 0 {
                *phi += weight[size] * (value(coalition | 1 << i) - value(coalition));
            }
        }
    }
    shapley
}

/// n choose k, as a float (n ≤ 64 here, so exact for the sizes used).
fn binomial(n: usize, k: usize) -> f64 {
    (0..k).fold(1.0, |acc, i| acc * (n - i) as f64 / (i + 1) as f64)
}

/// The contributions as CSV, `outcome,lever,points`: one row per headline and active lever
/// (lever ids as in the catalogue), points to nine decimals so that each headline's rows
/// add up to its change against the baseline.
pub fn contributions_csv(contributions: &Contributions) -> String {
    let mut out = String::from("outcome,lever,points\n");
    for outcome in &contributions.outcomes {
        for (lever, points) in contributions.lever_ids.iter().zip(&outcome.points) {
            let mut cell = format!("{points:.9}");
            // A contribution that rounds to zero reads 0, never -0.
            if cell.trim_start_matches(['-', '0', '.']).is_empty() {
                cell = format!("{:.9}", 0.0);
            }
            out.push_str(&format!("{},{lever},{cell}\n", outcome.outcome.key()));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{LeverSetting, LeverSettings};

    /// For v(S) = (Σ_{i∈S} w_i)², each pair's interaction 2 w_i w_j is shared equally, so
    /// φ_i = w_i² + Σ_{j≠i} w_i w_j = w_i Σ_j w_j.
    #[test]
    fn exact_shapley_of_a_square_of_sums_is_weight_times_total() {
        let weights = [0.5, 2.0, 3.0, 0.25];
        let value = |mask: usize| {
            let sum: f64 = (0..weights.len())
                .filter(|i| mask >> i & 1 == 1)
                .map(|i| weights[i])
                .sum();
            sum * sum
        };
        let shapley = exact_shapley(weights.len(), value);
        for (phi, w) in shapley.iter().zip(weights) {
            assert!((phi - w * 5.75).abs() < 1e-12, "{phi} vs {}", w * 5.75);
        }
        assert!(exact_shapley(0, |_| 1.0).is_empty());
    }

    /// Orders sampled in place of every subset: the split is close to the exact one, and
    /// it still adds up to the change exactly.
    #[test]
    fn sampled_orders_approach_the_exact_split_and_still_add_up() {
        let model = Model::hastings();
        let on = |reach_share| LeverSetting {
            reach_share,
            start_year: 2018,
            ramp_years: 0,
            end_year: None,
        };
        let settings: LeverSettings = [
            ("ey_language", on(0.6)),
            ("primary_metacognition", on(1.0)),
            ("primary_small_group_tuition", on(0.5)),
            ("secondary_tutoring", on(0.8)),
        ]
        .into_iter()
        .map(|(id, s)| (id.into(), s))
        .collect();
        let plan = Plan::resolve(&settings, model.catalogue(), model.area()).unwrap();
        let exact = contributions(&model, &plan, 2030).unwrap();
        let sampled = contributions_with_limit(&model, &plan, 2030, 2).unwrap();
        assert!(exact.exact && !sampled.exact);
        for (e, s) in exact.outcomes.iter().zip(&sampled.outcomes) {
            assert_eq!(e.total_points, s.total_points);
            let sum: f64 = s.points.iter().sum();
            assert!((sum - s.total_points).abs() < 1e-9, "{:?}", s.outcome);
            for (pe, ps) in e.points.iter().zip(&s.points) {
                assert!((pe - ps).abs() < 0.02, "{:?}: {pe} vs {ps}", e.outcome);
            }
        }
    }

    #[test]
    fn csv_has_a_row_per_headline_and_lever_and_no_negative_zero() {
        let csv = contributions_csv(&Contributions {
            year: 2030,
            lever_ids: vec!["a".into(), "b".into()],
            outcomes: vec![OutcomeContributions {
                outcome: Outcome::FsmNeet,
                total_points: -1.0,
                points: vec![-1.0, -1e-13],
            }],
            exact: true,
        });
        assert_eq!(
            csv,
            "outcome,lever,points\nfsm_neet,a,-1.000000000\nfsm_neet,b,0.000000000\n"
        );
    }
}
