//! Tabular reports of a projection: one row per calendar year, the same columns in CSV
//! and JSON, so a spreadsheet and a script see identical figures.

use serde_json::{Map, Value};

use crate::model::{Bands, Group, Percentiles, Projection, Stage};

/// A report: named columns and one row of numbers per year.
#[derive(Debug, Clone, PartialEq)]
pub struct Report {
    pub columns: Vec<String>,
    pub rows: Vec<Vec<f64>>,
}

/// Builds the yearly report. With `bands`, adds P10/P50/P90 columns for each stage's FSM
/// rate and gap and for FSM NEET, and the same for their change against the baseline
/// (`*_change_p10`…, paired draw by draw; rates as shares, gaps in points).
pub fn yearly_report(projection: &Projection, bands: Option<&Bands>) -> Report {
    let mut columns = vec!["year".to_owned()];
    for stage in Stage::ALL {
        let k = stage.key();
        for suffix in [
            "fsm_rate",
            "non_fsm_rate",
            "gap_points",
            "fsm_reached",
            "fsm_pupils",
            "non_fsm_reached",
            "non_fsm_pupils",
        ] {
            columns.push(format!("{k}_{suffix}"));
        }
        if bands.is_some() {
            for measure in ["fsm_rate", "gap_points"] {
                for p in ["p10", "p50", "p90"] {
                    columns.push(format!("{k}_{measure}_{p}"));
                }
            }
            for measure in ["fsm_rate", "gap_points"] {
                for p in ["p10", "p50", "p90"] {
                    columns.push(format!("{k}_{measure}_change_{p}"));
                }
            }
        }
    }
    for name in ["neet_fsm_rate", "neet_non_fsm_rate", "neet_all_rate"] {
        columns.push(name.to_owned());
    }
    if bands.is_some() {
        for p in ["p10", "p50", "p90"] {
            columns.push(format!("neet_fsm_rate_{p}"));
        }
        for p in ["p10", "p50", "p90"] {
            columns.push(format!("neet_fsm_rate_change_{p}"));
        }
    }
    columns.push("cost_gbp".to_owned());
    columns.push("cumulative_cost_gbp".to_owned());

    let mut cumulative_cost = 0.0;
    let rows = projection
        .years
        .iter()
        .map(|year| {
            let year_bands = bands.and_then(|b| b.year(year.year));
            let mut row = vec![f64::from(year.year)];
            for stage in Stage::ALL {
                let outcome = year.stage(stage);
                row.extend([
                    outcome.fsm.rate,
                    outcome.non_fsm.rate,
                    outcome.gap() * 100.0,
                    outcome.fsm.reached(),
                    outcome.fsm.pupils,
                    outcome.non_fsm.reached(),
                    outcome.non_fsm.pupils,
                ]);
                if bands.is_some() {
                    let stage_bands = year_bands
                        .map(|b| b.stages[stage.index()])
                        .unwrap_or_default();
                    row.extend(stage_bands.fsm_rate.to_array());
                    row.extend(stage_bands.gap.scaled(100.0).to_array());
                    row.extend(stage_bands.fsm_change.to_array());
                    row.extend(stage_bands.gap_change.scaled(100.0).to_array());
                }
            }
            row.extend([
                year.neet_rate(Some(Group::Fsm)),
                year.neet_rate(Some(Group::NonFsm)),
                year.neet_rate(None),
            ]);
            if bands.is_some() {
                let post19 = year_bands
                    .map(|b| b.stages[Stage::Post19.index()])
                    .unwrap_or_default();
                // NEET is 1 − EET, so its low percentile comes from EET's high one.
                row.extend(post19.fsm_rate.complement().to_array());
                row.extend(post19.fsm_change.negated().to_array());
            }
            cumulative_cost += year.cost_gbp;
            row.extend([year.cost_gbp, cumulative_cost]);
            row
        })
        .collect();
    Report { columns, rows }
}

impl Report {
    /// CSV with a header row. Years and pounds print as whole numbers, shares with six
    /// decimals, counts and points with three.
    pub fn to_csv(&self) -> String {
        let mut out = self.columns.join(",");
        out.push('\n');
        for row in &self.rows {
            let cells: Vec<String> = self
                .columns
                .iter()
                .zip(row)
                .map(|(column, value)| format_cell(column, *value))
                .collect();
            out.push_str(&cells.join(","));
            out.push('\n');
        }
        out
    }

    /// JSON: `{"columns": [...], "years": [{column: value, ...}, ...]}` plus any metadata.
    pub fn to_json(&self, metadata: Map<String, Value>) -> String {
        let years: Vec<Value> = self
            .rows
            .iter()
            .map(|row| {
                let object: Map<String, Value> = self
                    .columns
                    .iter()
                    .zip(row)
                    .map(|(column, value)| {
                        let number = if column == "year" {
                            Value::from(*value as i64)
                        } else {
                            // + 0.0 turns −0 into 0.
                            serde_json::Number::from_f64(*value + 0.0)
                                .map_or(Value::Null, Value::Number)
                        };
                        (column.clone(), number)
                    })
                    .collect();
                Value::Object(object)
            })
            .collect();
        let mut document = metadata;
        document.insert("columns".to_owned(), Value::from(self.columns.clone()));
        document.insert("years".to_owned(), Value::Array(years));
        serde_json::to_string_pretty(&Value::Object(document)).unwrap_or_default()
    }
}

fn format_cell(column: &str, value: f64) -> String {
    // Adding zero turns −0 (an empty float sum) into 0, so no cell reads "-0".
    let value = value + 0.0;
    if column == "year" || column.ends_with("_gbp") {
        format!("{value:.0}")
    } else if column.contains("_rate") {
        format!("{value:.6}")
    } else {
        format!("{value:.3}")
    }
}

/// The projections in long form for spreadsheets: one row per year and measure, with
/// baseline, scenario and (when `bands` is given) the scenario's P10/P50/P90 and, for the
/// FSM rates, gaps and FSM NEET, the P10/P50/P90 of the change against the baseline.
/// Shares are 0-1, gaps in percentage points, cost in pounds.
pub fn long_csv(baseline: &Projection, scenario: &Projection, bands: Option<&Bands>) -> String {
    let mut out = String::from(
        "year,measure,unit,baseline,scenario,p10,p50,p90,change_p10,change_p50,change_p90\n",
    );
    let cell = |v: Option<f64>| v.map_or(String::new(), |v| format!("{:.6}", v + 0.0));
    for (b, s) in baseline.years.iter().zip(&scenario.years) {
        let year_bands = bands.and_then(|bands| bands.year(s.year));
        let mut row = |measure: String,
                       unit: &str,
                       base: f64,
                       scen: f64,
                       p: Option<Percentiles>,
                       change: Option<Percentiles>| {
            out.push_str(&format!(
                "{},{measure},{unit},{},{},{},{},{},{},{},{}\n",
                s.year,
                cell(Some(base)),
                cell(Some(scen)),
                cell(p.map(|p| p.p10)),
                cell(p.map(|p| p.p50)),
                cell(p.map(|p| p.p90)),
                cell(change.map(|p| p.p10)),
                cell(change.map(|p| p.p50)),
                cell(change.map(|p| p.p90)),
            ));
        };
        for stage in Stage::ALL {
            let k = stage.key();
            let stage_bands = year_bands.map(|y| y.stages[stage.index()]);
            let (bo, so) = (b.stage(stage), s.stage(stage));
            row(
                format!("{k}_fsm_rate"),
                "share",
                bo.fsm.rate,
                so.fsm.rate,
                stage_bands.map(|p| p.fsm_rate),
                stage_bands.map(|p| p.fsm_change),
            );
            row(
                format!("{k}_non_fsm_rate"),
                "share",
                bo.non_fsm.rate,
                so.non_fsm.rate,
                stage_bands.map(|p| p.non_fsm_rate),
                None,
            );
            row(
                format!("{k}_gap"),
                "points",
                bo.gap() * 100.0,
                so.gap() * 100.0,
                stage_bands.map(|p| p.gap.scaled(100.0)),
                stage_bands.map(|p| p.gap_change.scaled(100.0)),
            );
        }
        let post19 = year_bands.map(|y| y.stages[Stage::Post19.index()]);
        row(
            "neet_fsm_rate".into(),
            "share",
            b.neet_rate(Some(Group::Fsm)),
            s.neet_rate(Some(Group::Fsm)),
            post19.map(|p| p.fsm_rate.complement()),
            post19.map(|p| p.fsm_change.negated()),
        );
        row(
            "neet_non_fsm_rate".into(),
            "share",
            b.neet_rate(Some(Group::NonFsm)),
            s.neet_rate(Some(Group::NonFsm)),
            post19.map(|p| p.non_fsm_rate.complement()),
            None,
        );
        row("cost".into(), "gbp", b.cost_gbp, s.cost_gbp, None, None);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Model, Plan};

    #[test]
    fn long_csv_has_a_row_per_year_and_measure() {
        let model = Model::hastings();
        let baseline = model.baseline();
        let bands = model.monte_carlo(&Plan::default(), 50, 1);
        let csv = long_csv(&baseline, &baseline, Some(&bands));
        let lines: Vec<&str> = csv.lines().collect();
        // 19 years × (5 stages × 3 measures + 2 NEET + cost).
        assert_eq!(lines.len(), 1 + 19 * 18);
        let gld = model.area().stages.early_years.fsm_rate.value;
        assert!(lines[1].starts_with(&format!(
            "2017,early_years_fsm_rate,share,{gld:.6},{gld:.6},"
        )));
        assert!(lines.iter().skip(1).all(|l| l.split(',').count() == 11));
        assert!(lines[0].ends_with(",change_p10,change_p50,change_p90"));
    }
}
