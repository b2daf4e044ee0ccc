//! The model's laws, checked on the shipped Hastings data: calibration, conservation,
//! bounds, monotonicity, lags and reproducibility.

mod common;

use common::{model, plan_of, setting};
use pathways::model::{Group, LeverSetting, LeverSettings, Model, Plan, Stage};
use proptest::prelude::*;

#[test]
fn baseline_reproduces_the_area_rates_exactly() {
    let model = model();
    let baseline = model.baseline();
    assert_eq!(baseline.years.len(), 19, "2017 to 2035");
    for year in &baseline.years {
        for stage in Stage::ALL {
            for group in Group::ALL {
                assert_eq!(
                    year.stage(stage).group(group).rate,
                    model.area().base_rate(stage, group),
                    "{} {:?} {:?}",
                    year.year,
                    stage,
                    group
                );
            }
        }
        assert_eq!(year.cost_gbp, 0.0);
    }
    // The seed deck's figure: 25% of FSM pupils reach the standard at KS2 and KS4.
    let base = baseline.year(2017).unwrap();
    assert_eq!(base.stage(Stage::Ks2).fsm.rate, 0.25);
    assert_eq!(base.stage(Stage::Ks4).fsm.rate, 0.25);
}

#[test]
fn levers_at_zero_reach_reproduce_the_baseline_exactly() {
    let model = model();
    let all_off: Vec<(&str, LeverSetting)> = model
        .catalogue()
        .levers
        .iter()
        .map(|l| (l.id.as_str(), setting(0.0, 2018, 2)))
        .collect();
    let plan = plan_of(&model, &all_off);
    assert!(plan.is_empty());
    assert_eq!(model.project(&plan), model.baseline());
}

// Expected values computed independently with Python's statistics.NormalDist.
// Small group tuition: 4 months → 0.31 SD in trials; 3 padlocks give weight 0.15 against
// the large-trial mean 0.06, so 0.15·0.31 + 0.85·0.06 = 0.0975; outcome breadth 0.6 gives
// 0.0585 SD at scale. It serves Y5 and Y6, so the cohort sitting KS2 in 2018 had one of
// its two years (dose ½): 0.4·Φ(Φ⁻¹(0.25) + 0.02925) + 0.6·0.25; later cohorts had both.
#[test]
fn one_lever_matches_the_hand_computed_formula_with_dose() {
    let model = model();
    let plan = plan_of(
        &model,
        &[("primary_small_group_tuition", setting(0.4, 2018, 0))],
    );
    let projection = model.project(&plan);
    let ks2_fsm = |year| projection.year(year).unwrap().stage(Stage::Ks2).fsm.rate;
    assert_eq!(ks2_fsm(2017), 0.25);
    assert!((ks2_fsm(2018) - 0.253_754_366_032_223_4).abs() < 1e-9);
    assert!((ks2_fsm(2019) - 0.257_580_256_932_006_6).abs() < 1e-9);
    assert!((ks2_fsm(2035) - 0.257_580_256_932_006_6).abs() < 1e-9);
}

// Communication and language: 7 months → 0.57 SD; weight 0.15: 0.1365; breadth 0.6:
// 0.0819 SD. It serves nursery and reception, so the cohort finishing reception in 2018
// had half a dose. At KS2 the shift is 0.25 × that (persistence 0.25), at KS4 0.5 × more.
#[test]
fn early_years_effect_fades_through_persistence_by_hand() {
    let model = model();
    let plan = plan_of(&model, &[("ey_language", setting(0.5, 2018, 0))]);
    let projection = model.project(&plan);
    let rate = |year, stage| projection.year(year).unwrap().stage(stage).fsm.rate;
    // 0.5·Φ(Φ⁻¹(0.588) + 0.04095) + 0.5·0.588, with Hastings' GLD FSM rate of 58.8%.
    assert!((rate(2018, Stage::EarlyYears) - 0.595_930_415_517_402_4).abs() < 1e-9);
    assert_eq!(
        rate(2023, Stage::Ks2),
        0.25,
        "the 2018 cohort reaches KS2 in 2024, not before"
    );
    assert!((rate(2024, Stage::Ks2) - 0.251_632_219_193_338_3).abs() < 1e-9);
    assert!((rate(2025, Stage::Ks2) - 0.253_275_575_666_281_2).abs() < 1e-9);
    assert_eq!(rate(2028, Stage::Ks4), 0.25, "and KS4 in 2029");
    assert!((rate(2029, Stage::Ks4) - 0.250_814_711_465_466_5).abs() < 1e-9);
}

/// Every KS2 lever at full reach, and nothing earlier: the combined shift is held under
/// the 0.25 SD ceiling, so the FSM rate stays below Φ(Φ⁻¹(0.25) + 0.25) = 33.56%
/// (Python), far below the sum of the levers' separate gains.
#[test]
fn levers_on_one_stage_overlap_under_the_ceiling() {
    let model = model();
    let ks2: Vec<(&str, LeverSetting)> = model
        .catalogue()
        .levers
        .iter()
        .filter(|l| l.stage == Stage::Ks2)
        .map(|l| (l.id.as_str(), setting(1.0, 2017, 0)))
        .collect();
    assert!(ks2.len() >= 4);
    let together = model.project(&plan_of(&model, &ks2));
    let alone_sum: f64 = ks2
        .iter()
        .map(|lever| {
            let p = model.project(&plan_of(&model, std::slice::from_ref(lever)));
            p.year(2030).unwrap().stage(Stage::Ks2).fsm.rate - 0.25
        })
        .sum();
    let joint = together.year(2030).unwrap().stage(Stage::Ks2).fsm.rate;
    assert!(joint < 0.335_604_339_434_247_94, "{joint}");
    assert!(joint - 0.25 < alone_sum, "{joint} vs 0.25 + {alone_sum}");
}

/// The test of belief: every lever at full reach from 2018 leaves the FSM rate
/// below the non-FSM baseline at every stage and year, and under the ceiling on a pupil's
/// total shift, Φ(Φ⁻¹(p) + 0.25 SD), however many stages the levers act on.
#[test]
fn all_levers_at_full_reach_stay_below_the_non_fsm_rate() {
    let model = model();
    let all: Vec<(&str, LeverSetting)> = model
        .catalogue()
        .levers
        .iter()
        .map(|l| (l.id.as_str(), setting(1.0, 2018, 0)))
        .collect();
    let projection = model.project(&plan_of(&model, &all));
    for year in &projection.years {
        for stage in Stage::ALL {
            let outcome = year.stage(stage);
            assert!(
                outcome.fsm.rate < model.area().base_rate(stage, Group::NonFsm),
                "{} {:?}: {}",
                year.year,
                stage,
                outcome.fsm.rate
            );
            let base = model.area().base_rate(stage, Group::Fsm);
            let ceiling =
                pathways::model::normal::cdf(pathways::model::normal::inverse_cdf(base) + 0.25);
            assert!(
                outcome.fsm.rate <= ceiling + 1e-12,
                "{} {:?}",
                year.year,
                stage
            );
        }
    }
}

#[test]
fn a_universal_lever_also_lifts_non_fsm_pupils_and_can_leave_the_gap_wide() {
    let model = model();
    let targeted = model.project(&plan_of(
        &model,
        &[("secondary_tutoring", setting(1.0, 2018, 0))],
    ));
    let universal = model.project(&plan_of(
        &model,
        &[("secondary_feedback", setting(1.0, 2018, 0))],
    ));
    let ks4 = |p: &pathways::model::Projection| *p.year(2020).unwrap().stage(Stage::Ks4);
    let non_fsm = model.area().base_rate(Stage::Ks4, Group::NonFsm);
    assert_eq!(ks4(&targeted).non_fsm.rate, non_fsm);
    assert!(ks4(&universal).non_fsm.rate > non_fsm);
    assert!(ks4(&targeted).gap() < ks4(&universal).gap());
}

#[test]
fn cost_counts_every_year_group_served_each_year() {
    let model = model();
    let fsm = model.area().group_size(Group::Fsm);
    // 60% of FSM pupils in Y10 and Y11 at £600 each a year, ramping over 3 years from 2020.
    let plan = plan_of(&model, &[("secondary_tutoring", setting(0.6, 2020, 3))]);
    let projection = model.project(&plan);
    let cost = |year| projection.year(year).unwrap().cost_gbp;
    assert_eq!(cost(2019), 0.0);
    assert!((cost(2020) - 0.6 / 3.0 * fsm * 2.0 * 600.0).abs() < 1e-6);
    assert!((cost(2022) - 0.6 * fsm * 2.0 * 600.0).abs() < 1e-6);
    // A whole-school primary programme pays for all six year groups, Y1 to Y6.
    let whole_school = model.project(&plan_of(
        &model,
        &[("primary_metacognition", setting(1.0, 2018, 0))],
    ));
    let cohort = model.area().cohort_size.value;
    assert!((whole_school.year(2018).unwrap().cost_gbp - 6.0 * cohort * 30.0).abs() < 1e-6);
    let baseline = model.baseline();
    let per_pupil = projection
        .cost_per_additional_fsm_pupil(&baseline, Stage::Ks4)
        .expect("the lever adds FSM pupils at KS4");
    assert!(
        per_pupil > 600.0,
        "each extra pupil costs more than one pupil's tuition"
    );
    assert_eq!(
        projection.cost_per_additional_fsm_pupil(&baseline, Stage::EarlyYears),
        None
    );
}

/// Any valid lever settings: a random subset of levers, each with a random reach,
/// start year and ramp.
fn any_settings(model: &Model) -> impl Strategy<Value = LeverSettings> {
    let ids: Vec<pathways::model::LeverId> = model
        .catalogue()
        .levers
        .iter()
        .map(|l| l.id.clone())
        .collect();
    let (first, last) = (model.area().base_year, model.area().horizon_end_year);
    let one = (any::<bool>(), 0.0..=1.0f64, first..=last, 0u32..=10);
    proptest::collection::vec(one, ids.len()).prop_map(move |choices| {
        ids.iter()
            .zip(choices)
            .filter(|(_, (on, ..))| *on)
            .map(|(id, (_, reach_share, start_year, ramp_years))| {
                (id.clone(), setting(reach_share, start_year, ramp_years))
            })
            .collect()
    })
}

fn resolve(model: &Model, settings: &LeverSettings) -> Plan {
    Plan::resolve(settings, model.catalogue(), model.area()).unwrap()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn rates_stay_within_unit_interval_and_counts_are_conserved(settings in any_settings(&model())) {
        let model = model();
        let projection = model.project(&resolve(&model, &settings));
        let cohort = model.area().cohort_size.value;
        for year in &projection.years {
            for stage in Stage::ALL {
                let outcome = year.stage(stage);
                for group in Group::ALL {
                    let g = outcome.group(group);
                    prop_assert!((0.0..=1.0).contains(&g.rate));
                    prop_assert!((g.reached() + g.not_reached() - g.pupils).abs() < 1e-9);
                    // The same pupils at every stage: nobody is lost between stages.
                    prop_assert_eq!(g.pupils, model.area().group_size(group));
                }
                prop_assert!((outcome.fsm.pupils + outcome.non_fsm.pupils - cohort).abs() < 1e-9);
            }
            prop_assert!(year.cost_gbp >= 0.0);
        }
    }

    #[test]
    fn more_reach_never_lowers_any_rate(
        settings in any_settings(&model()),
        lever in 0usize..16,
        extra in 0.0..=1.0f64,
    ) {
        let model = model();
        let id = model.catalogue().levers[lever % model.catalogue().levers.len()].id.clone();
        let mut more = settings.clone();
        let current = settings.get(&id).copied().unwrap_or(setting(0.0, 2018, 2));
        more.insert(id, LeverSetting { reach_share: (current.reach_share + extra).min(1.0), ..current });
        let before = model.project(&resolve(&model, &settings));
        let after = model.project(&resolve(&model, &more));
        for (b, a) in before.years.iter().zip(&after.years) {
            for stage in Stage::ALL {
                for group in Group::ALL {
                    prop_assert!(a.stage(stage).group(group).rate >= b.stage(stage).group(group).rate - 1e-12);
                }
            }
        }
    }

    #[test]
    fn larger_effect_never_lowers_any_rate(settings in any_settings(&model()), bump in 0.0..0.5f64) {
        let model = model();
        let plan = resolve(&model, &settings);
        let central = model.central(&plan);
        let mut bigger = central.clone();
        bigger.effects_sd.iter_mut().for_each(|d| *d += bump);
        let before = model.project_with(&plan, &central);
        let after = model.project_with(&plan, &bigger);
        for (b, a) in before.years.iter().zip(&after.years) {
            for stage in Stage::ALL {
                for group in Group::ALL {
                    prop_assert!(a.stage(stage).group(group).rate >= b.stage(stage).group(group).rate - 1e-12);
                }
            }
        }
    }

    /// A lever at stage s starting in year Y moves nothing at an earlier stage, and moves a
    /// stage s′ ≥ s no earlier than Y + lag(s′) − (its last year group): the oldest pupils
    /// it serves in year Y are measured at s′ that many years later.
    #[test]
    fn lags_hold_exactly(lever in 0usize..16, reach in 0.01..=1.0f64, start in 2017i32..=2035, ramp in 0u32..=10) {
        let model = model();
        let chosen = &model.catalogue().levers[lever % model.catalogue().levers.len()];
        let plan = plan_of(&model, &[(chosen.id.as_str(), setting(reach, start, ramp))]);
        let projection = model.project(&plan);
        let baseline = model.baseline();
        for (p, b) in projection.years.iter().zip(&baseline.years) {
            for stage in Stage::ALL {
                let first_possible = start + stage.lag_years() - chosen.year_groups.last;
                prop_assert_eq!(chosen.first_year_reaching(stage, start).unwrap_or(i32::MAX), if stage < chosen.stage { i32::MAX } else { first_possible });
                if stage < chosen.stage || p.year < first_possible {
                    prop_assert_eq!(p.stage(stage), b.stage(stage), "{} {:?}", p.year, stage);
                }
            }
        }
    }

    #[test]
    fn the_same_seed_gives_the_same_bands(settings in any_settings(&model()), seed in any::<u64>()) {
        let model = model();
        let plan = resolve(&model, &settings);
        let first = model.monte_carlo(&plan, 20, seed);
        let second = model.monte_carlo(&plan, 20, seed);
        prop_assert_eq!(&first, &second);
        for year in &first.years {
            for stage in &year.stages {
                for p in [stage.fsm_rate, stage.non_fsm_rate, stage.all_rate] {
                    prop_assert!(0.0 <= p.p10 && p.p10 <= p.p50 && p.p50 <= p.p90 && p.p90 <= 1.0);
                }
            }
        }
    }
}

#[test]
fn different_seeds_give_different_bands_around_the_deterministic_line() {
    let model = model();
    let plan = plan_of(&model, &[("ey_language", setting(0.8, 2018, 2))]);
    let a = model.monte_carlo(&plan, 400, 1);
    let b = model.monte_carlo(&plan, 400, 2);
    assert_ne!(a, b);
    let line = model.project(&plan);
    for year in [2017, 2025, 2035] {
        let band = a.year(year).unwrap().stages[Stage::Ks2.index()].fsm_rate;
        let rate = line.year(year).unwrap().stage(Stage::Ks2).fsm.rate;
        assert!(
            band.p10 < rate && rate < band.p90,
            "{year}: {band:?} vs {rate}"
        );
        // 179 FSM pupils: binomial noise alone spreads P10-P90 over several points.
        assert!(band.p90 - band.p10 > 0.04, "{year}: {band:?}");
    }
}

#[test]
fn effect_uncertainty_widens_the_bands_once_the_lever_bites() {
    let model = model();
    let plan = plan_of(&model, &[("secondary_tutoring", setting(1.0, 2018, 0))]);
    let with_lever = model.monte_carlo(&plan, 600, 7);
    let baseline = model.monte_carlo(&Plan::default(), 600, 7);
    let width = |bands: &pathways::model::Bands| {
        let p = bands.year(2030).unwrap().stages[Stage::Ks4.index()].fsm_rate;
        p.p90 - p.p10
    };
    assert!(width(&with_lever) > width(&baseline));
}

proptest! {
    #[test]
    fn percentiles_by_selection_equal_percentiles_by_sorting(mut values in proptest::collection::vec(-1e6..1e6f64, 1..300)) {
        let mut sorted = values.clone();
        sorted.sort_by(f64::total_cmp);
        let at = |q: f64| {
            let position = q * (sorted.len() - 1) as f64;
            let (low, high) = (position.floor() as usize, position.ceil() as usize);
            sorted[low] + (sorted[high] - sorted[low]) * (position - low as f64)
        };
        let p = pathways::model::monte_carlo::percentiles(&mut values);
        prop_assert!((p.p10 - at(0.1)).abs() < 1e-6 && (p.p50 - at(0.5)).abs() < 1e-6 && (p.p90 - at(0.9)).abs() < 1e-6);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// A cohort's flow conserves pupils between stages and agrees with the projection.
    #[test]
    fn cohort_flow_is_consistent_with_the_projection(settings in any_settings(&model()), cohort in 2017i32..=2020) {
        let model = model();
        let plan = resolve(&model, &settings);
        let projection = model.project(&plan);
        for group in Group::ALL {
            let flow = model.cohort_flow(&plan, cohort, group);
            for stage in Stage::ALL {
                let share = flow.stages[stage.index()];
                prop_assert_eq!(share.year, cohort + stage.lag_years());
                let projected = projection.year(share.year).unwrap().stage(stage).group(group).rate;
                prop_assert!((share.reached_share - projected).abs() < 1e-9);
            }
            for (s, t) in flow.transitions.iter().enumerate() {
                let cells = [t.reached_both, t.reached_then_not, t.not_then_reached, t.reached_neither];
                prop_assert!(cells.iter().all(|&c| c >= -1e-12));
                prop_assert!((cells.iter().sum::<f64>() - 1.0).abs() < 1e-9);
                prop_assert!((t.reached_both + t.reached_then_not - flow.stages[s].reached_share).abs() < 1e-9);
                prop_assert!((t.reached_both + t.not_then_reached - flow.stages[s + 1].reached_share).abs() < 1e-9);
                // Positive latent correlation: reaching one standard makes the next more likely.
                prop_assert!(t.reached_both > flow.stages[s].reached_share * flow.stages[s + 1].reached_share);
            }
        }
    }

    /// Projecting one year gives that year of the whole projection, bit for bit, under
    /// any assumptions; years outside the projection give nothing.
    #[test]
    fn one_year_projects_exactly_as_in_the_whole_projection(settings in any_settings(&model()), bump in -0.05..0.3f64) {
        let model = model();
        let plan = resolve(&model, &settings);
        let mut assumptions = model.central(&plan);
        assumptions.effects_sd.iter_mut().for_each(|d| *d += bump);
        assumptions.baseline_shift_sd[Stage::Ks2.index()][Group::Fsm.index()] = bump;
        let whole = model.project_with(&plan, &assumptions);
        for year in &whole.years {
            let one = model.project_year(&plan, &assumptions, year.year);
            prop_assert_eq!(one.as_ref(), Some(year));
        }
        let area = model.area();
        prop_assert!(model.project_year(&plan, &assumptions, area.base_year - 1).is_none());
        prop_assert!(model.project_year(&plan, &assumptions, area.horizon_end_year + 1).is_none());
    }
}

/// The change band pairs each draw's scenario with the same draw's baseline (common random
/// numbers), so a plan with no levers changes nothing in any draw, even though the level
/// bands spread with sampling error.
#[test]
fn change_bands_are_paired_draw_by_draw() {
    let model = model();
    let none = model.monte_carlo(&Plan::default(), 300, 11);
    for year in &none.years {
        for stage in &year.stages {
            for p in [stage.fsm_change, stage.gap_change, stage.all_change] {
                assert_eq!(p, pathways::model::Percentiles::default());
            }
            assert!(stage.fsm_rate.p90 - stage.fsm_rate.p10 > 0.03);
        }
    }
    // With a lever, the band of the change sits around the deterministic change and is
    // narrower than the band of the level, which also carries pupil-to-pupil chance.
    let plan = plan_of(&model, &[("secondary_tutoring", setting(1.0, 2018, 0))]);
    let bands = model.monte_carlo(&plan, 1000, 11);
    let line = model
        .project(&plan)
        .year(2030)
        .unwrap()
        .stage(Stage::Ks4)
        .fsm
        .rate
        - 0.25;
    let at = bands.year(2030).unwrap().stages[Stage::Ks4.index()];
    assert!(
        at.fsm_change.p10 < line && line < at.fsm_change.p90,
        "{at:?} {line}"
    );
    assert!(at.fsm_change.p90 - at.fsm_change.p10 < at.fsm_rate.p90 - at.fsm_rate.p10);
}

/// One scale-up factor per draw is shared by every lever: two levers' drawn effects move
/// together although their own draws are independent.
#[test]
fn the_common_scale_up_factor_correlates_levers_within_a_draw() {
    let model = model();
    let plan = plan_of(
        &model,
        &[
            ("ey_language", setting(1.0, 2018, 0)),
            ("secondary_tutoring", setting(1.0, 2018, 0)),
        ],
    );
    let draws: Vec<(f64, f64)> = (0..2000)
        .map(|j| {
            let a = model.draw_assumptions(&plan, 5, j);
            (a.effects_sd[0], a.effects_sd[1])
        })
        .collect();
    let n = draws.len() as f64;
    let mean = |f: fn(&(f64, f64)) -> f64| draws.iter().map(f).sum::<f64>() / n;
    let (mx, my) = (mean(|d| d.0), mean(|d| d.1));
    let cov = draws.iter().map(|d| (d.0 - mx) * (d.1 - my)).sum::<f64>() / n;
    let sd = |m: f64, f: fn(&(f64, f64)) -> f64| {
        (draws.iter().map(|d| (f(d) - m).powi(2)).sum::<f64>() / n).sqrt()
    };
    let correlation = cov / (sd(mx, |d| d.0) * sd(my, |d| d.1));
    assert!(correlation > 0.2, "{correlation}");
    // The factor has mean 1, so the mean drawn effect stays the central effect.
    let central = plan.central_effects();
    assert!((mx - central[0]).abs() < 0.01, "{mx} vs {}", central[0]);
}

/// The same test of belief in every shipped area: every lever at full reach from 2018
/// keeps each area's FSM rate below its own non-FSM baseline at every stage and year.
#[test]
fn all_levers_at_full_reach_stay_below_the_non_fsm_rate_in_every_area() {
    let catalogue = pathways::model::LeverCatalogue::standard();
    let areas = pathways::model::Area::shipped();
    assert_eq!(areas.len(), 13, "twelve Opportunity Areas and England");
    // As each file opens (2025) and as of 2017, every lever from the year after.
    let years = areas
        .iter()
        .flat_map(|a| [a.clone(), a.as_of_year(2017).unwrap()]);
    for area in years {
        let all: LeverSettings = catalogue
            .levers
            .iter()
            .map(|l| (l.id.clone(), setting(1.0, area.base_year + 1, 0)))
            .collect();
        let model = Model::new(area, catalogue.clone());
        let plan = Plan::resolve(&all, model.catalogue(), model.area()).unwrap();
        let projection = model.project(&plan);
        for year in &projection.years {
            for stage in Stage::ALL {
                let fsm = year.stage(stage).fsm.rate;
                let non_fsm = model.area().baseline_rate(stage, Group::NonFsm, year.year);
                assert!(
                    fsm < non_fsm,
                    "{} {} {:?}: FSM {fsm} vs non-FSM {non_fsm}",
                    model.area().id,
                    year.year,
                    stage
                );
            }
        }
    }
}

#[test]
fn a_plan_made_for_2017_starts_its_programmes_the_year_after_a_later_base_year() {
    use pathways::model::plan::started_within;
    let kent = pathways::model::Area::shipped_by_id("kent").unwrap();
    assert_eq!(kent.base_year, 2025);
    let settings: LeverSettings = [
        ("ey_language".into(), setting(0.4, 2018, 1)),
        ("secondary_tutoring".into(), setting(0.5, 2027, 0)),
    ]
    .into_iter()
    .collect();
    let (fitted, moved) = started_within(&settings, &kent);
    // 2018 is before 2025: moved to 2026. 2027 is inside the projection: kept.
    assert_eq!(fitted["ey_language"].start_year, 2026);
    assert_eq!(fitted["ey_language"].reach_share, 0.4);
    assert_eq!(fitted["secondary_tutoring"].start_year, 2027);
    assert_eq!(moved, vec![("ey_language".into(), 2018, 2026)]);
    // As of 2017 nothing moves.
    let (same, moved) = started_within(&settings, &kent.as_of_year(2017).unwrap());
    assert_eq!(same, settings);
    assert!(moved.is_empty());
    // A preset written for 2017 opens as of 2025 with every lever on, and says which moved.
    let model = Model::new(kent, pathways::model::LeverCatalogue::standard());
    let preset = pathways::scenario::library::Presets::standard()
        .presets
        .into_iter()
        .find(|p| p.scenario.levers.len() > 3)
        .unwrap();
    let (clean, problems) = preset.scenario.sanitized(&model);
    assert_eq!(clean.levers.len(), preset.scenario.levers.len());
    assert!(clean.levers.values().all(|s| s.start_year == 2026));
    assert!(problems.iter().all(|p| p.contains(
        "started in 2018, before this projection's first year (2025), so it now starts in 2026"
    )));
    assert_eq!(problems.len(), preset.scenario.levers.len());
}
