//! Which of an area's observed series a trajectory chart plots, and how: FSM series as
//! filled markers, disadvantaged series (a wider group) as hollow ones, points in a break
//! year marked, county figures labelled as a proxy. All-pupil and non-FSM series stay in
//! the data panel's table: they are not the FSM measure these charts show.

use crate::model::observed::{stage_measure, BreakKind, Comparison, ObservedGroup, ObservedSeries};
use crate::model::Area;
use crate::scenario::outcome::Outcome;

/// How many years before the base year a chart draws published results: the area's
/// history, when it is opened as of a later year.
pub const HISTORY_YEARS: i32 = 10;

/// How a plotted series is drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MarkKind {
    /// The model's FSM group: a filled marker.
    Fsm,
    /// Disadvantaged pupils, a wider group than FSM: a hollow marker.
    Disadvantaged,
    /// The statistical neighbours' FSM rates: their mean, with a bar from the lowest to
    /// the highest.
    Neighbours,
    /// England's FSM rate: a hollow square.
    England,
}

impl MarkKind {
    pub fn class(self) -> &'static str {
        match self {
            MarkKind::Fsm => "fsm",
            MarkKind::Disadvantaged => "disadvantaged",
            MarkKind::Neighbours => "neighbours",
            MarkKind::England => "england",
        }
    }
}

/// One observed point on a chart.
#[derive(Debug, Clone, PartialEq)]
pub struct PlotPoint {
    pub year: i32,
    pub value: f64,
    /// The note of a break touching this year (teacher-assessed grades, EYFS reform, …).
    pub break_note: Option<String>,
    /// For the neighbours: the lowest and highest of their figures that year.
    pub range: Option<(f64, f64)>,
}

/// One observed series as a chart draws it.
#[derive(Debug, Clone, PartialEq)]
pub struct ObservedPlot {
    /// For the legend, the table's column and each point's title, e.g. "East Sussex
    /// (county proxy), disadvantaged (a wider group than FSM)".
    pub label: String,
    pub kind: MarkKind,
    pub source: String,
    pub points: Vec<PlotPoint>,
}

/// Where a series' figures come from, as the legend says it: a county proxy as "East
/// Sussex (county proxy)", otherwise the file's geography.
fn place(series: &ObservedSeries) -> String {
    if series.has_break(BreakKind::CountyProxy, None) && series.comparison.is_none() {
        let county = series
            .geography
            .split(" (")
            .next()
            .unwrap_or(&series.geography);
        format!("{county} (county proxy)")
    } else {
        series.geography.clone()
    }
}

/// The kind of marker a series gets on this chart, or `None` if it does not belong there.
fn mark_for(series: &ObservedSeries, outcome: Outcome) -> Option<MarkKind> {
    // Other areas' FSM rates at this chart's stage, beside the area's own.
    if let Some(comparison) = series.comparison {
        return match outcome {
            Outcome::FsmRate(stage)
                if series.stage.model_stage() == Some(stage)
                    && series.group == ObservedGroup::Fsm =>
            {
                Some(match comparison {
                    Comparison::Neighbours => MarkKind::Neighbours,
                    Comparison::England => MarkKind::England,
                })
            }
            _ => None,
        };
    }
    match outcome {
        Outcome::FsmRate(stage) => match series.group {
            ObservedGroup::Fsm => (series.model_match()
                == Some((stage, Some(crate::model::Group::Fsm))))
            .then_some(MarkKind::Fsm),
            ObservedGroup::Disadvantaged => (series.stage.model_stage() == Some(stage)
                && stage_measure(stage) == Some(series.measure.as_str()))
            .then_some(MarkKind::Disadvantaged),
            _ => None,
        },
        // A NEET share for FSM or disadvantaged young people; no area file has one yet.
        Outcome::FsmNeet => match series.group {
            ObservedGroup::Fsm if series.stage.is_neet_share() => Some(MarkKind::Fsm),
            ObservedGroup::Disadvantaged if series.stage.is_neet_share() => {
                Some(MarkKind::Disadvantaged)
            }
            _ => None,
        },
        // Area files carry no gap series.
        Outcome::Gap(_) => None,
    }
}

/// The observed series this chart plots, FSM series first, with their points from `first`
/// to `last` (the projected years); series with no point in those years are left out.
pub fn observed_for_chart(
    area: &Area,
    outcome: Outcome,
    first: i32,
    last: i32,
) -> Vec<ObservedPlot> {
    let mut plots: Vec<ObservedPlot> = area
        .observed
        .iter()
        .filter_map(|series| {
            let kind = mark_for(series, outcome)?;
            let points: Vec<PlotPoint> = series
                .points
                .iter()
                .filter(|p| (first..=last).contains(&p.year))
                .map(|p| PlotPoint {
                    year: p.year,
                    value: p.value,
                    range: p.range.map(|[low, high]| (low, high)),
                    break_note: series
                        .breaks
                        .iter()
                        .find(|b| b.years.contains(&p.year))
                        .map(|b| b.note.clone()),
                })
                .collect();
            if points.is_empty() {
                return None;
            }
            // LAIT publishes KS4 by FSM only as Attainment 8: a derived rate says so.
            let derived = series.source.starts_with("Derived from");
            let group = match kind {
                MarkKind::Fsm | MarkKind::England if derived => "FSM (derived from Attainment 8)",
                MarkKind::Fsm | MarkKind::England => "FSM",
                MarkKind::Disadvantaged => "disadvantaged (a wider group than FSM)",
                MarkKind::Neighbours if derived => {
                    "FSM (derived from Attainment 8), mean (bar: lowest to highest)"
                }
                MarkKind::Neighbours => "FSM, mean (bar: lowest to highest)",
            };
            Some(ObservedPlot {
                label: format!("{}, {group}", place(series)),
                kind,
                source: series.source.clone(),
                points,
            })
        })
        .collect();
    // The area's own FSM figures first, then the wider group, then the comparisons.
    plots.sort_by_key(|p| match p.kind {
        MarkKind::Fsm => 0,
        MarkKind::Disadvantaged => 1,
        MarkKind::Neighbours => 2,
        MarkKind::England => 3,
    });
    plots
}

/// A hollow or filled circle's radius, and the ring drawn around a point in a break year.
pub const MARK_RADIUS: f64 = 5.0;
pub const BREAK_RING_RADIUS: f64 = 8.0;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Stage;

    fn area(id: &str) -> Area {
        Area::shipped_by_id(id).expect("shipped area")
    }

    #[test]
    fn hastings_ks2_has_the_seed_point_and_east_sussex_disadvantaged_as_a_county_proxy() {
        let plots = observed_for_chart(&area("hastings"), Outcome::FsmRate(Stage::Ks2), 2017, 2035);
        // The seed's point, East Sussex's FSM series, its disadvantaged one, then the
        // county's statistical neighbours and England.
        assert_eq!(plots.len(), 5, "{plots:#?}");
        assert_eq!(plots[3].kind, MarkKind::Neighbours);
        assert_eq!(
            plots[3].label,
            "East Sussex's (the county's) statistical neighbours, FSM, mean (bar: lowest to highest)"
        );
        assert_eq!(plots[4].kind, MarkKind::England);
        assert_eq!(plots[4].label, "England, FSM");
        assert_eq!(plots[0].kind, MarkKind::Fsm, "FSM series come first");
        // East Sussex's own FSM series from LAIT, labelled as the county.
        let county = plots
            .iter()
            .find(|p| p.label == "East Sussex (county proxy), FSM")
            .unwrap();
        assert_eq!(
            county.points.iter().map(|p| p.year).collect::<Vec<_>>(),
            vec![2017, 2018, 2019, 2022, 2023, 2024, 2025]
        );
        let seed = plots.iter().find(|p| p.kind == MarkKind::Fsm).unwrap();
        assert_eq!(seed.label, "Hastings (Opportunity Area), FSM");
        assert_eq!(
            seed.points,
            vec![PlotPoint {
                year: 2017,
                value: 0.25,
                break_note: None,
                range: None
            }]
        );
        let disadvantaged = plots
            .iter()
            .find(|p| p.kind == MarkKind::Disadvantaged)
            .unwrap();
        assert_eq!(
            disadvantaged.label,
            "East Sussex (county proxy), disadvantaged (a wider group than FSM)"
        );
        assert_eq!(disadvantaged.points.len(), 1);
        assert_eq!(
            (disadvantaged.points[0].year, disadvantaged.points[0].value),
            (2022, 0.38)
        );
    }

    #[test]
    fn all_pupil_non_fsm_and_other_measures_stay_off_and_points_outside_the_years_are_dropped() {
        let england = area("england");
        // KS4: all-pupil grade 4+ and the grade 5+ context series are not plotted; the
        // FSM rate derived from Attainment 8 (labelled so) and the disadvantaged grade 4+
        // point of 2019 are.
        let ks4 = observed_for_chart(&england, Outcome::FsmRate(Stage::Ks4), 2017, 2035);
        assert_eq!(ks4.len(), 2, "{ks4:#?}");
        assert_eq!(ks4[0].label, "England, FSM (derived from Attainment 8)");
        assert_eq!(ks4[0].points[0].year, 2017);
        assert_eq!(ks4[1].kind, MarkKind::Disadvantaged);
        assert_eq!(ks4[1].points[0].year, 2019);
        // Early years: the FSM series from 2017, with the EYFS reform years marked.
        let eyfs = observed_for_chart(&england, Outcome::FsmRate(Stage::EarlyYears), 2017, 2035);
        assert_eq!(eyfs.len(), 1);
        assert_eq!(eyfs[0].label, "England, FSM");
        assert_eq!(eyfs[0].points.first().unwrap().year, 2017);
        let marked: Vec<i32> = eyfs[0]
            .points
            .iter()
            .filter(|p| p.break_note.is_some())
            .map(|p| p.year)
            .collect();
        assert_eq!(marked, vec![2022, 2023, 2024, 2025]);
        // Gap and NEET charts: no matching series in any shipped file.
        for outcome in [Outcome::Gap(Stage::Ks2), Outcome::FsmNeet] {
            assert!(observed_for_chart(&england, outcome, 2017, 2035).is_empty());
        }
        // Level 3 by 19: LAIT's FSM series (the OA extract had only all pupils), from
        // 2017 in this window to 2024, the latest published.
        let l3 = observed_for_chart(&england, Outcome::FsmRate(Stage::Level3By19), 2017, 2035);
        assert_eq!(l3.len(), 1, "{l3:#?}");
        assert_eq!(l3[0].kind, MarkKind::Fsm);
        let years: Vec<i32> = l3[0].points.iter().map(|p| p.year).collect();
        assert_eq!(years, (2017..=2024).collect::<Vec<_>>());
    }

    #[test]
    fn blackpool_plots_its_own_points() {
        let blackpool = area("blackpool");
        // Early years: LAIT's series (it replaces the OA extract's 2017 and 2018); no
        // EYFSP in 2020 or 2021.
        let eyfs = observed_for_chart(&blackpool, Outcome::FsmRate(Stage::EarlyYears), 2017, 2035);
        assert_eq!(eyfs.len(), 3, "its own, its neighbours' and England's");
        assert_eq!(eyfs[0].label, "Blackpool (local authority), FSM");
        assert!(eyfs[1].points.iter().all(|p| p
            .range
            .is_some_and(|(low, high)| low <= p.value && p.value <= high)));
        assert_eq!(
            eyfs[0].points.iter().map(|p| p.year).collect::<Vec<_>>(),
            vec![2017, 2018, 2019, 2022, 2023, 2024, 2025]
        );
        // KS2: LAIT's FSM series (48% in 2017, as LAIT publishes it; no tests in 2020 or
        // 2021), then the disadvantaged one.
        let ks2 = observed_for_chart(&blackpool, Outcome::FsmRate(Stage::Ks2), 2017, 2035);
        assert_eq!(ks2.len(), 4, "{ks2:#?}");
        assert_eq!(ks2[0].label, "Blackpool (local authority), FSM");
        assert_eq!(
            ks2[0].points.iter().map(|p| p.year).collect::<Vec<_>>(),
            vec![2017, 2018, 2019, 2022, 2023, 2024, 2025]
        );
        assert_eq!(ks2[0].points[0].value, 0.48);
        assert_eq!(
            ks2[1].label,
            "Blackpool (local authority), disadvantaged (a wider group than FSM)"
        );
    }
}
