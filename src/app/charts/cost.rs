//! The cost chart's geometry: one bar a year against the budget line. Years and costs are
//! paired by position, so a series of no years, or costs and years of different lengths,
//! draws what pairs up and never indexes past either.

use super::scale::{nice_ticks, LinearScale};

pub const WIDTH: f64 = 480.0;
pub const HEIGHT: f64 = 200.0;
pub const LEFT: f64 = 56.0;
pub const RIGHT: f64 = 8.0;
pub const BOTTOM: f64 = 28.0;
pub const TOP: f64 = 10.0;
/// Every third year is labelled under its bar.
const LABEL_EVERY: usize = 3;

/// One year's bar.
#[derive(Debug, Clone, PartialEq)]
pub struct CostBar {
    pub year: i32,
    pub cost_gbp: f64,
    pub x: f64,
    pub y: f64,
    pub width: f64,
    pub height: f64,
    /// Spending above the budget (more than a penny over).
    pub over_budget: bool,
    /// Where the year's label goes, for the years that carry one.
    pub label_x: Option<f64>,
}

/// The chart: bars, the budget line's height and the cost axis's ticks (value, height).
#[derive(Debug, Clone, PartialEq)]
pub struct CostChart {
    pub bars: Vec<CostBar>,
    pub budget_y: f64,
    pub ticks: Vec<(f64, f64)>,
}

/// Lays out `costs` (pounds, one per year of `years`) against `budget` a year. The axis
/// runs from 0 to a tenth above the larger of the peak and the budget (at least £1).
pub fn cost_chart(years: &[i32], costs: &[f64], budget: f64) -> CostChart {
    let count = years.len().min(costs.len());
    let peak = costs.iter().copied().fold(0.0, f64::max);
    let y_max = peak.max(budget).max(1.0) * 1.1;
    let x = LinearScale::new((0.0, count.max(1) as f64), (LEFT, WIDTH - RIGHT));
    let y = LinearScale::new((0.0, y_max), (HEIGHT - BOTTOM, TOP));
    let slot = x.map(1.0) - x.map(0.0);
    let width = slot * 0.7;
    let bars = years
        .iter()
        .zip(costs)
        .enumerate()
        .map(|(i, (&year, &cost_gbp))| CostBar {
            year,
            cost_gbp,
            x: x.map(i as f64) + 0.15 * slot,
            y: y.map(cost_gbp),
            width,
            height: (y.map(0.0) - y.map(cost_gbp)).max(0.0),
            over_budget: cost_gbp > budget + 1e-6,
            label_x: i.is_multiple_of(LABEL_EVERY).then(|| x.map(i as f64 + 0.5)),
        })
        .collect();
    CostChart {
        bars,
        budget_y: y.map(budget),
        ticks: nice_ticks(0.0, y_max, 4)
            .into_iter()
            .map(|t| (t, y.map(t)))
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_years_draw_no_bars() {
        let chart = cost_chart(&[], &[], 2_000_000.0);
        assert!(chart.bars.is_empty());
        // The axis still runs to 2.2m, so the budget line sits at 1/1.1 of the plot height.
        let plot = HEIGHT - BOTTOM - TOP;
        assert!((chart.budget_y - (HEIGHT - BOTTOM - plot / 1.1)).abs() < 1e-9);
    }

    #[test]
    fn years_and_costs_of_different_lengths_draw_the_pairs() {
        let chart = cost_chart(&[2017, 2018, 2019], &[10.0, 20.0], 100.0);
        assert_eq!(chart.bars.len(), 2);
        assert_eq!(chart.bars[1].year, 2018);
    }

    #[test]
    fn bars_fill_seven_tenths_of_their_slot_and_the_over_budget_ones_are_flagged() {
        // Two years, budget £100, costs £50 and £200: the axis runs to £220.
        let chart = cost_chart(&[2030, 2031], &[50.0, 200.0], 100.0);
        let slot = (WIDTH - RIGHT - LEFT) / 2.0; // 208
        assert!((chart.bars[0].width - 0.7 * slot).abs() < 1e-9);
        assert!((chart.bars[0].x - (LEFT + 0.15 * slot)).abs() < 1e-9);
        let plot = HEIGHT - BOTTOM - TOP; // 162
        assert!((chart.bars[1].height - plot * 200.0 / 220.0).abs() < 1e-9);
        assert_eq!(
            chart.bars.iter().map(|b| b.over_budget).collect::<Vec<_>>(),
            [false, true]
        );
        assert_eq!(chart.bars[0].label_x, Some(LEFT + 0.5 * slot));
        assert_eq!(chart.bars[1].label_x, None);
    }

    #[test]
    fn one_year_and_all_equal_costs() {
        let one = cost_chart(&[2030], &[0.0], 0.0);
        assert_eq!(one.bars.len(), 1);
        assert_eq!(one.bars[0].height, 0.0);
        assert!(!one.bars[0].over_budget);
        let flat = cost_chart(&[2030, 2031, 2032], &[5.0; 3], 5.0);
        assert!(flat
            .bars
            .iter()
            .all(|b| b.height == flat.bars[0].height && !b.over_budget));
    }
}
