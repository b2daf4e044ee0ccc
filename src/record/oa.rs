//! The Opportunity Areas' own record: for each of the six whole-LA Opportunity Areas, the
//! programme as delivered (Hastings' mix of levers, as of 2017, at the area's share of the
//! funding, funded 2018 to 2022), its projected change in the FSM rate, and the change the
//! area went on to record relative to England and to its statistical neighbours, with the
//! 80% interval that drift and cohort noise alone give that change (docs/MODEL.md §6a).

use std::fmt::Write as _;

use super::{binomial_latent_variance, latent, AreaRecord, Record};
use crate::build::lait::{Lait, ENGLAND_NUMBER};
use crate::model::monte_carlo::Z90;
use crate::model::normal::density;
use crate::model::observed::Comparison;
use crate::model::{Group, LeverCatalogue, LeverSettings, Model, ObservedGroup, Plan, Stage};
use crate::scenario::library::Presets;
use crate::scenario::optimise::peak_cost_gbp_per_year;

/// The six Opportunity Areas that are whole local authorities.
pub const WHOLE_LA_OAS: [&str; 6] = [
    "blackpool",
    "bradford",
    "derby",
    "doncaster",
    "oldham",
    "stoke_on_trent",
];

/// Each area's share of the programme's local funding, a year: £72m over 2017-2022 across
/// twelve areas (DOMAIN.md, "The Opportunity Areas' own record"), spread evenly over the
/// five delivery years 2018-2022 (*assumption*: equal shares; DfE's allocations by area
/// are not in the record).
pub const FUNDING_GBP_PER_YEAR: f64 = 72_000_000.0 / 12.0 / 5.0;
/// The programme as delivered: from 2018, funded until 2022.
pub const START_YEAR: i32 = 2018;
pub const END_YEAR: i32 = 2022;
/// The year the observed change is measured from: the projection's as-of year, the last
/// before delivery began (an average with 2016 would count the 2016-2017 rise, before any
/// programme, as its effect).
const BASE_YEARS: [i32; 1] = [2017];
const PRESET: &str = "hastings_2017_2021";

/// The delivered plan for one area: Hastings' historic mix from 2018 to 2022 with a year's
/// ramp, every reach scaled by one factor so that the peak yearly cost is the area's share
/// of the funding (never above the mix's own reach). Returns the settings and the factor.
pub fn delivered_settings(model: &Model) -> (LeverSettings, f64) {
    let mix: LeverSettings = Presets::standard()
        .get(PRESET)
        .map(|p| p.scenario.levers.clone())
        .unwrap_or_default();
    let timed = |scale: f64| -> LeverSettings {
        mix.iter()
            .map(|(id, s)| {
                let mut s = *s;
                s.reach_share *= scale;
                s.start_year = START_YEAR;
                s.ramp_years = 1;
                s.end_year = Some(END_YEAR);
                (id.clone(), s)
            })
            .collect()
    };
    let full = timed(1.0);
    let cost = Plan::resolve(&full, model.catalogue(), model.area())
        .map(|plan| peak_cost_gbp_per_year(model, &plan))
        .unwrap_or(0.0);
    // Cost is linear in reach, so one factor meets the budget exactly.
    let scale = if cost > 0.0 {
        (FUNDING_GBP_PER_YEAR / cost).min(1.0)
    } else {
        1.0
    };
    (timed(scale), scale)
}

/// The delivered plan for one area as a scenario file the app and the CLI open (as of
/// 2017: a later as-of year leaves out a programme that ended before it).
pub fn delivered_scenario(model: &Model) -> crate::scenario::Scenario {
    let (levers, scale) = delivered_settings(model);
    let area = model.area();
    crate::scenario::Scenario {
        name: format!("{} as delivered, 2018-2022", area.name),
        description: format!(
            "Validation (docs/VALIDATION.md §12): Hastings' historic mix of levers at {:.0}% of its reach, so that it costs {}'s share of the Opportunity Areas' local funding, £1.2m a year (£72m across twelve areas over 2018-2022, equal shares: an assumption), funded until 2022. Open it as of 2017.",
            100.0 * scale,
            area.name
        ),
        levers,
        area: Some(area.id.clone()),
        ..crate::scenario::Scenario::baseline()
    }
}

/// One area's (or the six areas' mean) comparison for one stage and year, in points.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    pub area: String,
    /// The local authority's name in LAIT, for its published context.
    pub la_name: String,
    pub stage: Stage,
    pub year: i32,
    /// The plan's central change against the baseline, and its 80% range.
    pub projected: f64,
    pub projected_range: (f64, f64),
    /// The recorded change in the FSM rate relative to England since 2017.
    pub against_england: Option<f64>,
    /// Half-width of the 80% interval that drift and cohort noise alone give it.
    pub half_width: Option<f64>,
    /// The same relative to the statistical neighbours' mean.
    pub against_neighbours: Option<f64>,
}

impl Row {
    /// Whether the projected change lies inside the observed change's 80% interval.
    pub fn inside(&self) -> Option<bool> {
        let (observed, half) = (self.against_england?, self.half_width?);
        Some((self.projected - observed).abs() <= half)
    }
}

/// The area's FSM series against another's (England's or the neighbours' mean), as the
/// change in points of the difference since 2017.
fn relative_change(
    own: &std::collections::BTreeMap<i32, f64>,
    other: &std::collections::BTreeMap<i32, f64>,
    year: i32,
) -> Option<f64> {
    let base: Vec<f64> = BASE_YEARS
        .iter()
        .filter_map(|y| Some(own.get(y)? - other.get(y)?))
        .collect();
    if base.is_empty() {
        return None;
    }
    let base = base.iter().sum::<f64>() / base.len() as f64;
    Some(100.0 * ((own.get(&year)? - other.get(&year)?) - base))
}

/// The 80% half-width, in points, of the change relative to England that the area's
/// drift against England and its cohort noise alone give (MODEL.md §6a).
fn half_width(
    authority: &AreaRecord,
    catalogue: &LeverCatalogue,
    stage: Stage,
    year: i32,
) -> Option<f64> {
    let series = authority.get(stage, Group::Fsm);
    let d = catalogue.drift.get(stage, Group::Fsm);
    let k = d.cohort_noise_factor.value;
    let base: Vec<(i32, f64)> = BASE_YEARS
        .iter()
        .filter_map(|y| {
            let rate = *series.rates.get(y)?;
            let pupils = *series.sizes.get(y)?;
            Some((*y, binomial_latent_variance(rate, pupils)))
        })
        .collect();
    if base.is_empty() {
        return None;
    }
    let m = base.len() as f64;
    let base_year = base.iter().map(|(y, _)| f64::from(*y)).sum::<f64>() / m;
    let base_var = base.iter().map(|(_, v)| v).sum::<f64>() / (m * m);
    let rate = *series.rates.get(&year)?;
    let pupils = *series.sizes.get(&year)?;
    let var = (f64::from(year) - base_year) * d.area_walk_sd.value.powi(2)
        + k * (binomial_latent_variance(rate, pupils) + base_var);
    Some(100.0 * Z90 * var.sqrt() * density(latent(rate)))
}

fn neighbours_mean(
    area: &crate::model::Area,
    stage: Stage,
) -> std::collections::BTreeMap<i32, f64> {
    let wanted = crate::model::ObservedStage::of(stage);
    area.observed
        .iter()
        .find(|o| {
            o.stage == wanted
                && o.group == ObservedGroup::Fsm
                && o.comparison == Some(Comparison::Neighbours)
        })
        .map(|o| o.points.iter().map(|p| (p.year, p.value)).collect())
        .unwrap_or_default()
}

/// Every comparison row: each area, each recorded stage, each year after 2017 it has a
/// figure for.
pub fn rows(
    record: &Record,
    catalogue: &LeverCatalogue,
    lait: &Lait,
    draws: u32,
    seed: u64,
) -> Vec<Row> {
    let mut rows = Vec::new();
    for id in WHOLE_LA_OAS {
        let Some(authority) = record.areas.iter().find(|a| a.area.id == id) else {
            continue;
        };
        let Ok(area) = authority.area.as_of_year(2017) else {
            continue;
        };
        let model = Model::new(area, catalogue.clone());
        let (settings, _) = delivered_settings(&model);
        let Ok(plan) = Plan::resolve(&settings, model.catalogue(), model.area()) else {
            continue;
        };
        let (scenario, baseline) = (model.project(&plan), model.baseline());
        // The LA's name in LAIT, for its published context.
        let la_name = authority
            .area
            .geography
            .as_ref()
            .map_or_else(|| authority.area.name.clone(), |g| g.name.clone());
        let bands = model.monte_carlo(&plan, draws, seed);
        for stage in super::RECORDED_STAGES {
            let own = &authority.get(stage, Group::Fsm).rates;
            let england = &record.england.get(stage, Group::Fsm).rates;
            let neighbours = neighbours_mean(&authority.area, stage);
            for (&year, _) in own.range(2018..) {
                let (Some(s), Some(b), Some(band)) =
                    (scenario.year(year), baseline.year(year), bands.year(year))
                else {
                    continue;
                };
                let i = stage.index();
                let change = band.stages[i].fsm_change;
                rows.push(Row {
                    area: authority.area.name.clone(),
                    la_name: la_name.clone(),
                    stage,
                    year,
                    projected: 100.0 * (s.stages[i].fsm.rate - b.stages[i].fsm.rate),
                    projected_range: (100.0 * change.p10, 100.0 * change.p90),
                    against_england: relative_change(own, england, year),
                    half_width: half_width(authority, catalogue, stage, year),
                    against_neighbours: relative_change(own, &neighbours, year),
                });
            }
        }
        // NEET: the model's FSM NEET at 20 beside LAIT's NEET at 16-17 for all young
        // people, another measure, with no fitted interval.
        for year in 2019..=super::LAST_RECORDED_YEAR {
            let (_, neet) = published_context(lait, &la_name, year);
            let (Some(neet), Some(s), Some(b), Some(band)) = (
                neet,
                scenario.year(year),
                baseline.year(year),
                bands.year(year),
            ) else {
                continue;
            };
            let i = Stage::Post19.index();
            let change = band.stages[i].fsm_change;
            rows.push(Row {
                area: authority.area.name.clone(),
                la_name: la_name.clone(),
                stage: Stage::Post19,
                year,
                // NEET is 1 − EET: the change's sign and ends swap.
                projected: -100.0 * (s.stages[i].fsm.rate - b.stages[i].fsm.rate),
                projected_range: (-100.0 * change.p90, -100.0 * change.p10),
                against_england: Some(neet),
                half_width: None,
                against_neighbours: None,
            });
        }
    }
    rows
}

/// The six areas' mean for each stage and year all six have, with the mean's interval
/// (the areas' drift and noise taken as independent).
pub fn means(rows: &[Row]) -> Vec<Row> {
    let mut out = Vec::new();
    for stage in super::RECORDED_STAGES.into_iter().chain([Stage::Post19]) {
        let years: std::collections::BTreeSet<i32> = rows
            .iter()
            .filter(|r| r.stage == stage)
            .map(|r| r.year)
            .collect();
        for year in years {
            let these: Vec<&Row> = rows
                .iter()
                .filter(|r| r.stage == stage && r.year == year)
                .collect();
            if these.len() < WHOLE_LA_OAS.len() {
                continue;
            }
            let n = these.len() as f64;
            let mean = |f: &dyn Fn(&Row) -> Option<f64>| -> Option<f64> {
                let values: Option<Vec<f64>> = these.iter().map(|r| f(r)).collect();
                values.map(|v| v.iter().sum::<f64>() / n)
            };
            let half = these
                .iter()
                .map(|r| r.half_width.map(|h| h * h))
                .collect::<Option<Vec<f64>>>()
                .map(|v| v.iter().sum::<f64>().sqrt() / n);
            out.push(Row {
                area: "Mean of the six".to_owned(),
                la_name: String::new(),
                stage,
                year,
                projected: mean(&|r| Some(r.projected)).unwrap_or(0.0),
                projected_range: (
                    mean(&|r| Some(r.projected_range.0)).unwrap_or(0.0),
                    mean(&|r| Some(r.projected_range.1)).unwrap_or(0.0),
                ),
                against_england: mean(&|r| r.against_england),
                half_width: half,
                against_neighbours: mean(&|r| r.against_neighbours),
            });
        }
    }
    out
}

/// LAIT's published Attainment 8 by FSM and NEET at 16-17 (all young people), each as
/// the change relative to England since 2017 (NEET: since its first year): set
/// beside the derived KS4 rate and the model's NEET at 20, which are other measures.
pub fn published_context(lait: &Lait, name: &str, year: i32) -> (Option<f64>, Option<f64>) {
    let Some(la) = lait.area_named(name) else {
        return (None, None);
    };
    let relative = |measure: &str, bases: &[i32]| -> Option<f64> {
        let diff = |y: i32| {
            Some(
                lait.value_of(measure, la.number, y)?
                    - lait.value_of(measure, ENGLAND_NUMBER, y)?,
            )
        };
        let base: Vec<f64> = bases.iter().filter_map(|y| diff(*y)).collect();
        if base.is_empty() {
            return None;
        }
        Some(diff(year)? - base.iter().sum::<f64>() / base.len() as f64)
    };
    (
        relative("FSM_AVG_Attain8_Score", &BASE_YEARS),
        // NEET at 16-17 is published from 2018: its first year is the base.
        relative("16-17 NEET", &[2018]),
    )
}

fn signed(x: f64) -> String {
    format!("{x:+.1}")
}

/// The table for docs/VALIDATION.md: the six areas' mean and each area, at 2019, 2022
/// and the latest year.
pub fn table(rows: &[Row], means: &[Row], lait: &Lait) -> String {
    let mut out = String::from(
        "| area | stage | year | projected change in the FSM rate, points (80% range) | recorded change vs England since 2017 [80% interval from drift and noise] | inside? | recorded vs neighbours | Attainment 8 vs England (KS4, published) |\n|---|---|---|---|---|---|---|---|\n",
    );
    let shown = |r: &Row, all: &[Row]| {
        let latest = all
            .iter()
            .filter(|o| o.area == r.area && o.stage == r.stage)
            .map(|o| o.year)
            .max();
        r.year == 2019 || r.year == 2022 || Some(r.year) == latest
    };
    for r in means.iter().chain(rows).filter(|r| {
        shown(
            r,
            if r.area.starts_with("Mean") {
                means
            } else {
                rows
            },
        )
    }) {
        let observed = match (r.against_england, r.half_width) {
            (Some(o), Some(h)) => format!("{} [{} to {}]", signed(o), signed(o - h), signed(o + h)),
            (Some(o), None) => signed(o),
            _ => "–".to_owned(),
        };
        let inside = match r.inside() {
            Some(true) => "yes",
            Some(false) => "**no**",
            None => "–",
        };
        let (a8, _) = if r.area.starts_with("Mean") {
            (None, None)
        } else {
            published_context(lait, &r.la_name, r.year)
        };
        let stage = if r.stage == Stage::Post19 {
            "NEET (model: FSM at 20; recorded: all at 16-17, since 2018)"
        } else {
            r.stage.label()
        };
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} ({} to {}) | {} | {} | {} | {} |",
            r.area,
            stage,
            r.year,
            signed(r.projected),
            signed(r.projected_range.0),
            signed(r.projected_range.1),
            observed,
            inside,
            r.against_neighbours.map_or("–".to_owned(), signed),
            if r.stage == Stage::Ks4 {
                a8.map_or("–".to_owned(), signed)
            } else {
                String::new()
            },
        );
    }
    out
}

/// Every row as CSV.
pub fn csv(rows: &[Row], means: &[Row]) -> String {
    let mut out = String::from("area,stage,year,projected_points,projected_p10,projected_p90,recorded_vs_england_points,interval_half_width_points,inside,recorded_vs_neighbours_points\n");
    let opt = |x: Option<f64>| x.map_or(String::new(), |v| format!("{v:.2}"));
    for r in means.iter().chain(rows) {
        let _ = writeln!(
            out,
            "{},{},{},{:.2},{:.2},{:.2},{},{},{},{}",
            r.area,
            r.stage.key(),
            r.year,
            r.projected,
            r.projected_range.0,
            r.projected_range.1,
            opt(r.against_england),
            opt(r.half_width),
            r.inside().map_or(String::new(), |b| b.to_string()),
            opt(r.against_neighbours)
        );
    }
    out
}

/// The chart: for each stage, the six areas' mean projected change (line, with its 80%
/// range shaded) against the mean recorded change relative to England (dots, with the
/// 80% interval as whiskers), by year. A standalone SVG; its numbers are in the CSV.
pub fn svg(means: &[Row]) -> String {
    let (panel_w, panel_h) = (300.0, 200.0);
    let (left, top, gap) = (44.0, 28.0, 36.0);
    let width = left + 2.0 * (panel_w + gap);
    let height = top + 2.0 * (panel_h + gap) + 24.0;
    let (first, last) = (2018.0, 2025.0);
    let (low, high) = (-6.0, 10.0);
    let mut out = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {width} {height}\" font-family=\"sans-serif\" font-size=\"11\" role=\"img\" aria-labelledby=\"title\">\n<title id=\"title\">The six whole-LA Opportunity Areas: projected change in the FSM rate from the programme as delivered (line, 80% range shaded) against the recorded change relative to England since 2017 (dots, 80% interval from drift and cohort noise), points, by year (docs/validation/oa-record.csv)</title>\n<rect width=\"{width}\" height=\"{height}\" fill=\"white\"/>\n"
    );
    for (k, stage) in super::RECORDED_STAGES.iter().enumerate() {
        let (ox, oy) = (
            left + (k % 2) as f64 * (panel_w + gap),
            top + (k / 2) as f64 * (panel_h + gap),
        );
        let x = |year: f64| ox + (year - first) / (last - first) * panel_w;
        let y = |points: f64| oy + (high - points.clamp(low, high)) / (high - low) * panel_h;
        let _ = writeln!(
            out,
            "<text x=\"{ox}\" y=\"{:.1}\" font-weight=\"bold\">{} FSM, mean of the six</text>",
            oy - 8.0,
            stage.label()
        );
        for tick in [-5.0, 0.0, 5.0, 10.0] {
            let _ = writeln!(
                out,
                "<line x1=\"{ox}\" x2=\"{:.1}\" y1=\"{:.1}\" y2=\"{:.1}\" stroke=\"{}\"/><text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"end\">{tick:+.0}</text>",
                ox + panel_w,
                y(tick),
                y(tick),
                if tick == 0.0 { "#888" } else { "#ddd" },
                ox - 4.0,
                y(tick) + 4.0
            );
        }
        for year in [2018, 2020, 2022, 2024] {
            let _ = writeln!(
                out,
                "<text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"middle\">{year}</text>",
                x(f64::from(year)),
                oy + panel_h + 14.0
            );
        }
        let these: Vec<&Row> = means.iter().filter(|r| r.stage == *stage).collect();
        if these.is_empty() {
            continue;
        }
        let upper: Vec<String> = these
            .iter()
            .map(|r| format!("{:.1},{:.1}", x(f64::from(r.year)), y(r.projected_range.1)))
            .collect();
        let lower: Vec<String> = these
            .iter()
            .rev()
            .map(|r| format!("{:.1},{:.1}", x(f64::from(r.year)), y(r.projected_range.0)))
            .collect();
        let _ = writeln!(
            out,
            "<polygon fill=\"#c6dbef\" points=\"{} {}\"/>",
            upper.join(" "),
            lower.join(" ")
        );
        let line: Vec<String> = these
            .iter()
            .map(|r| format!("{:.1},{:.1}", x(f64::from(r.year)), y(r.projected)))
            .collect();
        let _ = writeln!(
            out,
            "<polyline fill=\"none\" stroke=\"#1b6ca8\" stroke-width=\"2\" points=\"{}\"/>",
            line.join(" ")
        );
        for r in &these {
            let (Some(o), Some(h)) = (r.against_england, r.half_width) else {
                continue;
            };
            let cx = x(f64::from(r.year));
            let _ = writeln!(
                out,
                "<line x1=\"{cx:.1}\" x2=\"{cx:.1}\" y1=\"{:.1}\" y2=\"{:.1}\" stroke=\"#c0392b\"/><circle cx=\"{cx:.1}\" cy=\"{:.1}\" r=\"3.5\" fill=\"#c0392b\"/>",
                y(o - h),
                y(o + h),
                y(o)
            );
        }
    }
    let _ = writeln!(
        out,
        "<text x=\"{left}\" y=\"{:.1}\">Blue: projected change (80% range shaded). Red: recorded change against England since 2017, with its 80% interval. Points.</text>",
        height - 8.0
    );
    out.push_str("</svg>\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    #[test]
    fn the_delivered_plan_spends_the_areas_share_and_ends_in_2022() {
        let area = crate::model::Area::shipped_by_id("blackpool")
            .unwrap()
            .as_of_year(2017)
            .unwrap();
        let model = Model::new(area, LeverCatalogue::standard());
        let (settings, scale) = delivered_settings(&model);
        assert!(scale > 0.0 && scale < 1.0, "{scale}");
        assert_eq!(settings.len(), 14);
        assert!(settings
            .values()
            .all(|s| s.start_year == 2018 && s.end_year == Some(2022)));
        let plan = Plan::resolve(&settings, model.catalogue(), model.area()).unwrap();
        // £72m / 12 areas / 5 years = £1.2m a year, exactly, at its peak; nothing after 2022.
        assert!((peak_cost_gbp_per_year(&model, &plan) - 1_200_000.0).abs() < 1.0);
        assert_eq!(model.cost_in_year(&plan, 2023), 0.0);
    }

    #[test]
    fn the_shipped_plans_are_what_pathways_record_oa_writes() {
        for id in WHOLE_LA_OAS {
            let area = crate::model::Area::shipped_by_id(id)
                .unwrap()
                .as_of_year(2017)
                .unwrap();
            let model = Model::new(area, LeverCatalogue::standard());
            let path = format!(
                "{}/docs/validation/oa-{id}-2018-2022.json",
                env!("CARGO_MANIFEST_DIR")
            );
            let text = std::fs::read_to_string(&path).unwrap();
            assert_eq!(
                text,
                delivered_scenario(&model).to_json(),
                "{path}: run pathways-record oa"
            );
            let shipped = crate::scenario::Scenario::from_json(&text).unwrap();
            assert!(shipped.plan(&model).is_ok());
        }
    }

    #[test]
    fn the_recorded_change_is_the_difference_since_2017_in_points() {
        // 30% against England's 40% in 2017 (−10); 36% against 43% in 2019 (−7): +3 points.
        let own: BTreeMap<i32, f64> = [(2017, 0.30), (2019, 0.36)].into_iter().collect();
        let england: BTreeMap<i32, f64> = [(2017, 0.40), (2019, 0.43)].into_iter().collect();
        let change = relative_change(&own, &england, 2019).unwrap();
        assert!((change - 3.0).abs() < 1e-9, "{change}");
        assert_eq!(relative_change(&own, &england, 2018), None);
    }
}
