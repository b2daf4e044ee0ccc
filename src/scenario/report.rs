//! Tabular reports of a projection: one row per calendar year, the same columns in CSV
//! and JSON, so a spreadsheet and a script see identical figures.

use serde_json::{Map, Value};

use crate::model::{Bands, Percentiles, Projection, Stage};

/// A report: named columns and one row of numbers per year.
#[derive(Debug, Clone, PartialEq)]
pub struct Report {
    pub columns: Vec<String>,
    pub rows: Vec<Vec<f64>>,
}

/// Builds the yearly report. With `bands`, adds P10/P50/P90 columns for each stage's FSM
/// rate and gap and for FSM NEET.
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
        }
    }
    for name in ["neet_fsm_rate", "neet_non_fsm_rate", "neet_all_rate"] {
        columns.push(name.to_owned());
    }
    if bands.is_some() {
        for p in ["p10", "p50", "p90"] {
            columns.push(format!("neet_fsm_rate_{p}"));
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
                    push_percentiles(&mut row, stage_bands.fsm_rate, 1.0);
                    push_percentiles(&mut row, stage_bands.gap, 100.0);
                }
            }
            row.extend([
                year.neet_rate(Some(crate::model::Group::Fsm)),
                year.neet_rate(Some(crate::model::Group::NonFsm)),
                year.neet_rate(None),
            ]);
            if bands.is_some() {
                let post19 = year_bands
                    .map(|b| b.stages[Stage::Post19.index()].fsm_rate)
                    .unwrap_or_default();
                // NEET is 1 − EET, so its low percentile comes from EET's high one.
                row.extend([1.0 - post19.p90, 1.0 - post19.p50, 1.0 - post19.p10]);
            }
            cumulative_cost += year.cost_gbp;
            row.extend([year.cost_gbp, cumulative_cost]);
            row
        })
        .collect();
    Report { columns, rows }
}

fn push_percentiles(row: &mut Vec<f64>, p: Percentiles, scale: f64) {
    row.extend([p.p10 * scale, p.p50 * scale, p.p90 * scale]);
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
                            serde_json::Number::from_f64(*value).map_or(Value::Null, Value::Number)
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

    pub fn column(&self, name: &str) -> Option<Vec<f64>> {
        let index = self.columns.iter().position(|c| c == name)?;
        Some(self.rows.iter().map(|row| row[index]).collect())
    }
}

fn format_cell(column: &str, value: f64) -> String {
    if column == "year" || column.ends_with("_gbp") {
        format!("{value:.0}")
    } else if column.contains("_rate") {
        format!("{value:.6}")
    } else {
        format!("{value:.3}")
    }
}
