//! What the area picker and the area data panel show about an area, derived once from its
//! file: the picker's groups and labels, the line that says whose figures are used, every
//! number with its provenance, and the observed series as table rows. Plain Rust with
//! native tests; the components only lay these out.

use crate::app::state::AsOfReason;
use crate::model::area_index::{AreaIndex, AreaIndexEntry};
use crate::model::observed::{BreakKind, ObservedGroup, ObservedSeries, ObservedStage, SeriesRole};
use crate::model::{Area, GeographyKind, Group, Provenance, Sourced, Stage};

/// One entry of the area picker, from the area index (no figures: the area's file is
/// fetched when it is chosen).
#[derive(Debug, Clone, PartialEq)]
pub struct AreaChoice {
    pub id: String,
    /// The name people use: "Hastings", "England", "Kent".
    pub short_name: String,
    pub wave: Option<u16>,
    pub region: Option<String>,
    pub kind: GeographyKind,
}

impl AreaChoice {
    pub fn of(entry: &AreaIndexEntry) -> AreaChoice {
        let short_name = entry
            .name
            .strip_suffix(" Opportunity Area")
            .or_else(|| entry.name.strip_suffix(" (national reference)"))
            .unwrap_or(&entry.name)
            .to_owned();
        AreaChoice {
            id: entry.id.clone(),
            short_name,
            wave: entry.wave,
            region: entry.region.clone(),
            kind: entry.kind,
        }
    }

    /// The option's text: "Hastings, South East"; a reference area says so.
    pub fn option_label(&self) -> String {
        match (&self.region, self.wave) {
            (Some(region), _) => format!("{}, {region}", self.short_name),
            (None, None) => format!("{}, national reference", self.short_name),
            (None, Some(_)) => self.short_name.clone(),
        }
    }

    /// Whether the words typed are all found in the name or region (any case, any order):
    /// "east sus" finds East Sussex, "north west black" Blackpool.
    pub fn matches(&self, typed: &str) -> bool {
        let haystack = format!(
            "{} {} {}",
            self.short_name,
            self.region.as_deref().unwrap_or(""),
            if self.wave.is_some() {
                "opportunity area"
            } else {
                ""
            }
        )
        .to_lowercase();
        typed
            .to_lowercase()
            .split_whitespace()
            .all(|word| haystack.contains(word))
    }
}

/// The picker's entries for every shipped area, in the index's order (Opportunity Areas,
/// England, then every local authority by name).
pub fn shipped_choices() -> Vec<AreaChoice> {
    AreaIndex::shipped()
        .areas
        .iter()
        .map(AreaChoice::of)
        .collect()
}

/// The most recently used areas the picker lists first.
pub const MAX_RECENT: usize = 5;

/// One group of the picker's list: its heading and its options.
#[derive(Debug, Clone, PartialEq)]
pub struct PickerGroup<'a> {
    pub label: String,
    pub options: Vec<&'a AreaChoice>,
}

/// The picker's groups for what has been typed: the recently used areas (only while
/// nothing is typed), the Opportunity Areas, England, then each region's local
/// authorities, regions and names in alphabetical order. Groups with no match are left
/// out.
pub fn picker_groups<'a>(
    choices: &'a [AreaChoice],
    typed: &str,
    recent: &[String],
) -> Vec<PickerGroup<'a>> {
    let matching: Vec<&AreaChoice> = choices.iter().filter(|c| c.matches(typed)).collect();
    let mut groups = Vec::new();
    if typed.trim().is_empty() {
        let used: Vec<&AreaChoice> = recent
            .iter()
            .filter_map(|id| choices.iter().find(|c| c.id == *id))
            .take(MAX_RECENT)
            .collect();
        groups.push(PickerGroup {
            label: "Recently used".to_owned(),
            options: used,
        });
    }
    let sorted = |mut options: Vec<&'a AreaChoice>| {
        options.sort_by(|a, b| a.short_name.cmp(&b.short_name));
        options
    };
    groups.push(PickerGroup {
        label: "Opportunity Areas".to_owned(),
        options: sorted(
            matching
                .iter()
                .copied()
                .filter(|c| c.wave.is_some())
                .collect(),
        ),
    });
    groups.push(PickerGroup {
        label: "Reference".to_owned(),
        options: matching
            .iter()
            .copied()
            .filter(|c| c.kind == GeographyKind::Country)
            .collect(),
    });
    let mut regions: Vec<&str> = matching
        .iter()
        .filter(|c| c.wave.is_none())
        .filter_map(|c| c.region.as_deref())
        .collect();
    regions.sort_unstable();
    regions.dedup();
    for region in regions {
        groups.push(PickerGroup {
            label: region.to_owned(),
            options: sorted(
                matching
                    .iter()
                    .copied()
                    .filter(|c| c.wave.is_none() && c.region.as_deref() == Some(region))
                    .collect(),
            ),
        });
    }
    groups.retain(|g| !g.options.is_empty());
    groups
}

/// The year the projection starts from and why, for the line under the area picker.
pub fn as_of_line(area: &Area, reason: AsOfReason) -> String {
    let year = area.base_year;
    let years = area.as_of_years();
    let programme = if year == 2017 && area.wave.is_some() {
        ", the year the Opportunity Areas programme began"
    } else {
        ""
    };
    let why = match reason {
        _ if years.len() <= 1 => "the only year its file gives".to_owned(),
        AsOfReason::OldLink => format!(
            "this link was made before Pathways let a projection start from any year, so it opens as of {year}, the year every projection then started. Choose a later year to start from newer results"
        ),
        AsOfReason::FileDefault if year == area.latest_as_of() => {
            "the latest year with published results".to_owned()
        }
        AsOfReason::Link => format!("the year the link names{programme}"),
        _ => format!(
            "chosen from the years {} to {}{programme}",
            years.first().copied().unwrap_or(year),
            years.last().copied().unwrap_or(year)
        ),
    };
    let mut line = format!("The projection starts from {year}'s figures: {why}.");
    if let Some(note) = area.as_of_note() {
        line.push(' ');
        line.push_str(note);
    }
    line
}

/// "Hastings" for "Hastings Opportunity Area"; a country's own name for a reference area.
pub fn short_name(area: &Area) -> String {
    if let Some(geography) = area
        .geography
        .as_ref()
        .filter(|g| g.kind == GeographyKind::Country)
    {
        return geography.name.clone();
    }
    area.name
        .strip_suffix(" Opportunity Area")
        .unwrap_or(&area.name)
        .to_owned()
}

/// Whose figures the area uses, in one line: "Hastings — figures for East Sussex, a
/// county proxy".
pub fn geography_line(area: &Area) -> String {
    let name = short_name(area);
    match &area.geography {
        Some(g) => match g.kind {
            GeographyKind::CountyProxy => {
                format!("{name} — figures for {}, a county proxy", g.name)
            }
            GeographyKind::WholeLocalAuthority => {
                format!("{name} — figures for {}, the whole local authority", g.name)
            }
            GeographyKind::Country => format!("{name} — national figures, for reference"),
        },
        None => format!("{name} — figures from the area file"),
    }
}

/// What kind of area it is and where: "Opportunity Area announced January 2017, South
/// East"; for a reference area, that it is one.
pub fn about_line(area: &Area) -> String {
    let wave = match area.wave {
        Some(2016) => "Opportunity Area announced October 2016",
        Some(_) => "Opportunity Area announced January 2017",
        None if area
            .geography
            .as_ref()
            .is_some_and(|g| g.kind == GeographyKind::Country) =>
        {
            return "Not an Opportunity Area: the whole country, to compare with".to_owned()
        }
        None => "",
    };
    [Some(wave), area.region.as_deref()]
        .into_iter()
        .flatten()
        .filter(|part| !part.is_empty())
        .collect::<Vec<_>>()
        .join(", ")
}

/// The area's statistical neighbours by name, nearest first, with the model they come
/// from; `None` when the file lists none.
pub fn neighbours_line(area: &Area) -> Option<String> {
    let neighbours = area.neighbours.as_ref().filter(|n| !n.ids.is_empty())?;
    let index = AreaIndex::shipped();
    let names: Vec<String> = neighbours
        .ids
        .iter()
        .map(|id| {
            index
                .get(id)
                .map_or_else(|| id.clone(), |e| AreaChoice::of(e).short_name)
        })
        .collect();
    Some(format!(
        "Statistical neighbours, nearest first: {}. Source: {}.",
        names.join(", "),
        neighbours.source
    ))
}

/// Why a county's figures stand in for a district Opportunity Area; `None` for other areas.
pub fn proxy_note(area: &Area) -> Option<String> {
    let county = area
        .geography
        .as_ref()
        .filter(|g| g.kind == GeographyKind::CountyProxy)?;
    Some(format!(
        "{} is a district, and no source publishes district figures: {}'s figures stand in wherever the area's own are missing (each figure below says which). A deprived district can differ a lot from its county.",
        short_name(area),
        county.name
    ))
}

/// How a figure is shown and edited in the area data panel.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum FigureUnit {
    /// A count of pupils, shown and edited as it is.
    Pupils,
    /// A share, shown and edited as a percentage.
    Percent,
    /// Percentage points a year (a trend), read-only.
    PointsPerYear,
    /// A share 0 to 1 or a correlation, shown as a decimal, read-only.
    Fraction,
}

/// One number of an area file, with where it comes from.
#[derive(Debug, Clone, PartialEq)]
pub struct Figure {
    pub label: String,
    /// What the figure measures, in words, when the label is short: the stage's outcome.
    pub note: Option<String>,
    /// The field name the panel's editor uses (`cohort_size`, `fsm_share`, `ks2.fsm`,
    /// …); `None` for figures that are shown but not edited here.
    pub field: Option<String>,
    pub value: f64,
    pub unit: FigureUnit,
    pub provenance: Provenance,
}

impl Figure {
    fn new(
        label: String,
        field: Option<String>,
        unit: FigureUnit,
        number: &Sourced<f64>,
    ) -> Figure {
        Figure {
            label,
            note: None,
            field,
            value: number.value,
            unit,
            provenance: number.provenance.clone(),
        }
    }

    /// The value as the panel shows it: `850`, `21.0` (percent), `-0.50`, `0.50`.
    pub fn shown(&self) -> String {
        match self.unit {
            FigureUnit::Pupils => format!("{:.0}", self.value),
            FigureUnit::Percent => format!("{:.1}", self.value * 100.0),
            FigureUnit::PointsPerYear => format!("{:+.2}", self.value),
            FigureUnit::Fraction => format!("{:.2}", self.value),
        }
    }
}

/// Every number of the area file in the order of the file: cohort size, FSM share, each
/// stage's FSM and non-FSM rates (and trends, if any), then how each stage carries into
/// the next.
pub fn figures(area: &Area) -> Vec<Figure> {
    let mut rows = vec![
        Figure::new(
            "Pupils per year group".to_owned(),
            Some("cohort_size".to_owned()),
            FigureUnit::Pupils,
            &area.cohort_size,
        ),
        Figure::new(
            "FSM share (%)".to_owned(),
            Some("fsm_share".to_owned()),
            FigureUnit::Percent,
            &area.fsm_share,
        ),
    ];
    for stage in Stage::ALL {
        let rates = area.stages.get(stage);
        for (group, rate, trend) in [
            (
                Group::Fsm,
                &rates.fsm_rate,
                &rates.fsm_trend_points_per_year,
            ),
            (
                Group::NonFsm,
                &rates.non_fsm_rate,
                &rates.non_fsm_trend_points_per_year,
            ),
        ] {
            let key = match group {
                Group::Fsm => "fsm",
                Group::NonFsm => "non_fsm",
            };
            rows.push(Figure {
                note: Some(stage.outcome().to_owned()),
                ..Figure::new(
                    format!("{}: {} (%)", stage.label(), group.label()),
                    Some(format!("{}.{key}", stage.key())),
                    FigureUnit::Percent,
                    rate,
                )
            });
            if let Some(trend) = trend {
                rows.push(Figure {
                    note: Some(stage.outcome().to_owned()),
                    ..Figure::new(
                        format!("{}: {} trend (points a year)", stage.label(), group.label()),
                        None,
                        FigureUnit::PointsPerYear,
                        trend,
                    )
                });
            }
        }
    }
    for stage in Stage::ALL {
        let (Some(link), Some(from)) = (
            area.links.into_stage(stage),
            Stage::ALL.iter().rev().find(|s| s.next() == Some(stage)),
        ) else {
            continue;
        };
        rows.push(Figure::new(
            format!(
                "{} to {}: share of a lever's effect kept",
                from.label(),
                stage.label()
            ),
            None,
            FigureUnit::Fraction,
            &link.effect_persistence,
        ));
        rows.push(Figure::new(
            format!(
                "{} to {}: correlation of attainment",
                from.label(),
                stage.label()
            ),
            None,
            FigureUnit::Fraction,
            &link.latent_correlation,
        ));
    }
    rows
}

/// How many of the area's numbers cite a source, how many are assumptions, and how many
/// the user entered.
pub fn provenance_counts(figures: &[Figure]) -> (usize, usize, usize) {
    figures
        .iter()
        .fold((0, 0, 0), |(s, a, u), f| match f.provenance {
            Provenance::Source(_) => (s + 1, a, u),
            Provenance::Assumption(_) => (s, a + 1, u),
            Provenance::UserEntered(_) => (s, a, u + 1),
        })
}

/// One observed series as a row of the area data panel.
#[derive(Debug, Clone, PartialEq)]
pub struct ObservedRow {
    /// "KS2", "NEET at 16-17", …
    pub stage: &'static str,
    /// The file's machine name for the measure, e.g. `ks2_rwm_expected`.
    pub measure: String,
    pub definition: String,
    /// "model measure" or "context".
    pub role: &'static str,
    /// "FSM", "Non-FSM", "Disadvantaged", "Non-disadvantaged", "All pupils".
    pub group: &'static str,
    pub geography: String,
    /// The years with a figure, as ranges: "2015-2019, 2022-2025".
    pub years: String,
    /// Each year's figure: "2016: 58.8%; 2017: 60.0%".
    pub values: String,
    pub source: String,
    /// Each break or caveat: its kind and years ("No assessment, 2020 and 2021"), and
    /// the file's note on it.
    pub breaks: Vec<(String, String)>,
}

/// A few words for a kind of break in a series.
pub fn break_label(kind: BreakKind) -> &'static str {
    match kind {
        BreakKind::EyfsReform2021 => "EYFS reform",
        BreakKind::NoAssessment => "No assessment",
        BreakKind::TeacherAssessedGrades => "Teacher-assessed grades",
        BreakKind::Ks2AssessmentChange => "KS2 assessment change",
        BreakKind::CountyProxy => "County proxy",
        BreakKind::DisadvantagedNotFsm => "Disadvantaged, not FSM",
        BreakKind::DataQuality => "Data quality",
    }
}

/// Years in words, runs of three or more as ranges: "2021", "2020 and 2021",
/// "2016, 2018, 2019 and 2022-2024".
fn years_in_words(years: &[i32]) -> String {
    let words: Vec<String> = year_runs(years)
        .into_iter()
        .flat_map(|(start, end)| match end - start {
            0 => vec![start.to_string()],
            1 => vec![start.to_string(), end.to_string()],
            _ => vec![format!("{start}-{end}")],
        })
        .collect();
    match words.split_last() {
        None => String::new(),
        Some((last, [])) => last.clone(),
        Some((last, rest)) => format!("{} and {last}", rest.join(", ")),
    }
}

fn observed_stage_label(stage: ObservedStage) -> &'static str {
    match stage {
        ObservedStage::Neet16To17 => "NEET at 16-17",
        ObservedStage::Neet16To18 => "NEET at 16-18",
        ObservedStage::PhonicsYear1 => "Phonics (year 1)",
        ObservedStage::PersistentAbsence => "Persistent absence",
        ObservedStage::FsmSharePrimary => "FSM share, primary",
        ObservedStage::FsmShareSecondary => "FSM share, secondary",
        ObservedStage::EarlyEducationGoodProviders => "Early education at good providers",
        other => other.model_stage().map_or("", Stage::label),
    }
}

fn observed_group_label(group: ObservedGroup) -> &'static str {
    match group {
        ObservedGroup::Fsm => "FSM",
        ObservedGroup::NonFsm => "Non-FSM",
        ObservedGroup::Disadvantaged => "Disadvantaged",
        ObservedGroup::NonDisadvantaged => "Non-disadvantaged",
        ObservedGroup::All => "All pupils",
    }
}

/// Runs of consecutive years, as (first, last).
fn year_runs(years: &[i32]) -> Vec<(i32, i32)> {
    let mut runs: Vec<(i32, i32)> = Vec::new();
    for &year in years {
        match runs.last_mut() {
            Some((_, end)) if *end + 1 == year => *end = year,
            _ => runs.push((year, year)),
        }
    }
    runs
}

/// Years as ranges of consecutive years: `[2015, 2016, 2017, 2019]` → "2015-2017, 2019".
pub fn year_ranges(years: &[i32]) -> String {
    year_runs(years)
        .iter()
        .map(|&(start, end)| {
            if start == end {
                start.to_string()
            } else {
                format!("{start}-{end}")
            }
        })
        .collect::<Vec<_>>()
        .join(", ")
}

impl ObservedRow {
    pub fn of(series: &ObservedSeries) -> ObservedRow {
        let years: Vec<i32> = series.points.iter().map(|p| p.year).collect();
        ObservedRow {
            stage: observed_stage_label(series.stage),
            measure: series.measure.clone(),
            definition: series.definition.clone(),
            role: match series.role {
                SeriesRole::ModelOutcome => "model measure",
                SeriesRole::Context => "context",
            },
            group: observed_group_label(series.group),
            geography: series.geography.clone(),
            years: year_ranges(&years),
            values: series
                .points
                .iter()
                .map(|p| format!("{}: {:.1}%", p.year, p.value * 100.0))
                .collect::<Vec<_>>()
                .join("; "),
            source: series.source.clone(),
            breaks: series
                .breaks
                .iter()
                .map(|b| {
                    let label = if b.years.is_empty() {
                        break_label(b.kind).to_owned()
                    } else {
                        format!("{}, {}", break_label(b.kind), years_in_words(&b.years))
                    };
                    (label, b.note.clone())
                })
                .collect(),
        }
    }
}

/// The area's observed series as table rows, model stages in order, then NEET, then the
/// other context measures (phonics, absence, FSM shares, early education).
pub fn observed_rows(area: &Area) -> Vec<ObservedRow> {
    let mut series: Vec<&ObservedSeries> = area.observed.iter().collect();
    // A stable sort: within a stage, the file's order.
    series.sort_by_key(|s| {
        s.stage.model_stage().map_or_else(
            || Stage::ALL.len() + usize::from(!s.stage.is_neet_share()),
            Stage::index,
        )
    });
    series.into_iter().map(ObservedRow::of).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn area(id: &str) -> Area {
        Area::shipped_by_id(id).unwrap()
    }

    #[test]
    fn the_picker_lists_opportunity_areas_first_then_england_then_each_region() {
        let choices = shipped_choices();
        assert_eq!(choices.len(), 158);
        assert_eq!(choices[0].id, "hastings", "the default comes first");
        let groups = picker_groups(&choices, "", &[]);
        let labels: Vec<&str> = groups.iter().map(|g| g.label.as_str()).collect();
        assert_eq!(
            labels,
            [
                "Opportunity Areas",
                "Reference",
                "East Midlands",
                "East of England",
                "London",
                "North East",
                "North West",
                "South East",
                "South West",
                "West Midlands",
                "Yorkshire and The Humber"
            ]
        );
        let ids =
            |g: &PickerGroup| -> Vec<String> { g.options.iter().map(|c| c.id.clone()).collect() };
        assert_eq!(groups[0].options.len(), 12);
        assert_eq!(ids(&groups[0])[..3], ["blackpool", "bradford", "derby"]);
        assert_eq!(ids(&groups[1]), ["england"]);
        // Every area is listed once.
        assert_eq!(groups.iter().map(|g| g.options.len()).sum::<usize>(), 158);
        let label = |id: &str| choices.iter().find(|c| c.id == id).unwrap().option_label();
        assert_eq!(label("hastings"), "Hastings, South East");
        assert_eq!(label("england"), "England, national reference");
        assert_eq!(label("bristol_city_of"), "Bristol, City of, South West");
    }

    #[test]
    fn typing_narrows_the_list_and_recent_areas_come_first_until_then() {
        let choices = shipped_choices();
        let recent = vec![
            "kent".to_owned(),
            "atlantis".to_owned(),
            "blackpool".to_owned(),
        ];
        let groups = picker_groups(&choices, "", &recent);
        assert_eq!(groups[0].label, "Recently used");
        let ids: Vec<&str> = groups[0].options.iter().map(|c| c.id.as_str()).collect();
        assert_eq!(
            ids,
            ["kent", "blackpool"],
            "an id no longer shipped is left out"
        );
        // Typed words match the name or the region, in any case and order.
        let found = picker_groups(&choices, "SUSSEX", &recent);
        let ids: Vec<&str> = found
            .iter()
            .flat_map(|g| g.options.iter().map(|c| c.id.as_str()))
            .collect();
        assert_eq!(ids, ["east_sussex", "west_sussex"]);
        let found = picker_groups(&choices, "north west black", &recent);
        let ids: Vec<&str> = found
            .iter()
            .flat_map(|g| g.options.iter().map(|c| c.id.as_str()))
            .collect();
        assert_eq!(ids, ["blackpool", "blackburn_with_darwen"]);
        assert!(picker_groups(&choices, "atlantis", &recent).is_empty());
    }

    #[test]
    fn the_neighbours_are_named_nearest_first_with_their_source() {
        let line = neighbours_line(&area("blackpool")).unwrap();
        assert!(
            line.starts_with("Statistical neighbours, nearest first: "),
            "{line}"
        );
        assert!(line.contains("May 2025 model"), "{line}");
        assert!(line.matches(", ").count() >= 9, "{line}");
        // A district names its county's neighbours, and says they are the county's.
        let hastings = neighbours_line(&area("hastings")).unwrap();
        assert!(
            hastings.contains("Source: East Sussex's (the county's), DfE"),
            "{hastings}"
        );
        assert_eq!(neighbours_line(&area("england")), None);
    }

    #[test]
    fn the_as_of_line_says_which_year_and_why() {
        let blackpool = area("blackpool");
        // The file's default: its latest published year, and the figure from an earlier one.
        assert_eq!(
            as_of_line(&blackpool, AsOfReason::FileDefault),
            "The projection starts from 2025's figures: the latest year with published results. Level 3 by 19 (FSM at 15) from 2024, the latest published by 2025."
        );
        let at_2017 = blackpool.as_of_year(2017).unwrap();
        assert_eq!(
            as_of_line(&at_2017, AsOfReason::OldLink),
            "The projection starts from 2017's figures: this link was made before Pathways let a projection start from any year, so it opens as of 2017, the year every projection then started. Choose a later year to start from newer results. Year-group size from 2018, the first year published, standing in for 2017. EET at 20 (from NEET at 16-17) from 2018, the first year published, standing in for 2017."
        );
        assert!(as_of_line(&at_2017, AsOfReason::Link).starts_with("The projection starts from 2017's figures: the year the link names, the year the Opportunity Areas programme began."));
        assert!(as_of_line(&at_2017, AsOfReason::Chosen).starts_with("The projection starts from 2017's figures: chosen from the years 2016 to 2025, the year the Opportunity Areas programme began."));
    }

    #[test]
    fn the_geography_line_names_whose_figures_are_used() {
        assert_eq!(
            geography_line(&area("hastings")),
            "Hastings — figures for East Sussex, a county proxy"
        );
        assert_eq!(
            geography_line(&area("fenland_east_cambridgeshire")),
            "Fenland and East Cambridgeshire — figures for Cambridgeshire, a county proxy"
        );
        assert_eq!(
            geography_line(&area("blackpool")),
            "Blackpool — figures for Blackpool, the whole local authority"
        );
        assert_eq!(
            geography_line(&area("england")),
            "England — national figures, for reference"
        );
        let mut imported = area("blackpool");
        imported.geography = None;
        assert_eq!(
            geography_line(&imported),
            "Blackpool — figures from the area file"
        );
        assert_eq!(
            about_line(&area("hastings")),
            "Opportunity Area announced January 2017, South East"
        );
        assert_eq!(
            about_line(&area("blackpool")),
            "Opportunity Area announced October 2016, North West"
        );
        assert!(about_line(&area("england")).starts_with("Not an Opportunity Area"));
        assert!(proxy_note(&area("hastings")).unwrap().starts_with(
            "Hastings is a district, and no source publishes district figures: East Sussex's"
        ));
        assert_eq!(proxy_note(&area("blackpool")), None);
    }

    #[test]
    fn every_number_of_every_area_is_listed_with_its_provenance() {
        for area in Area::shipped() {
            let rows = figures(&area);
            // Cohort, FSM share, 5 stages × 2 groups, 4 links × 2 numbers, plus trends.
            let trends = Stage::ALL
                .iter()
                .flat_map(|&s| Group::ALL.map(|g| area.trend_points_per_year(s, g)))
                .flatten()
                .count();
            assert_eq!(rows.len(), 2 + 10 + 8 + trends, "{}", area.id);
            assert!(rows.iter().all(|r| !r.provenance.text().is_empty()));
            let (sourced, assumed, user) = provenance_counts(&rows);
            assert_eq!(sourced + assumed, rows.len());
            assert_eq!(user, 0);
            let editable: Vec<&str> = rows.iter().filter_map(|r| r.field.as_deref()).collect();
            assert_eq!(editable.len(), 12, "{}", area.id);
            assert!(editable.contains(&"ks2.non_fsm"));
        }
        let hastings = figures(&Area::hastings());
        assert_eq!(hastings[1].shown(), "21.0");
        assert_eq!(hastings[0].shown(), "850");
        let link = hastings
            .iter()
            .find(|f| f.label.starts_with("KS2 to KS4: share"))
            .unwrap();
        assert_eq!(link.shown(), "0.50");
    }

    #[test]
    fn observed_series_become_rows_with_years_values_and_breaks() {
        assert_eq!(year_ranges(&[2015, 2016, 2017, 2019]), "2015-2017, 2019");
        assert_eq!(year_ranges(&[2022]), "2022");
        assert_eq!(year_ranges(&[]), "");
        for area in Area::shipped() {
            let rows = observed_rows(&area);
            assert_eq!(rows.len(), area.observed.len(), "{}", area.id);
            assert!(rows
                .iter()
                .all(|r| !r.stage.is_empty() && !r.years.is_empty()));
        }
        let england = observed_rows(&area("england"));
        let ks2 = england
            .iter()
            .find(|r| r.stage == "KS2" && r.group == "FSM")
            .unwrap();
        // LAIT's series, 2015/16 to 2024/25, with no tests in 2020 or 2021.
        assert_eq!(ks2.years, "2016-2019, 2022-2025");
        assert_eq!(ks2.role, "model measure");
        assert!(ks2.values.starts_with("2016: "), "{}", ks2.values);
        assert!(ks2
            .breaks
            .iter()
            .any(|(label, note)| label == "No assessment, 2020 and 2021" && !note.is_empty()));
        assert_eq!(years_in_words(&[2022, 2023, 2024, 2025]), "2022-2025");
        assert_eq!(
            years_in_words(&[2016, 2018, 2019, 2022, 2023, 2024]),
            "2016, 2018, 2019 and 2022-2024"
        );
        assert_eq!(years_in_words(&[2021]), "2021");
        // Model stages in order, then NEET, then the other context.
        let stages: Vec<&str> = england.iter().map(|r| r.stage).collect();
        assert_eq!(stages.first(), Some(&"Early years"));
        let first_neet = stages.iter().position(|s| s.starts_with("NEET")).unwrap();
        let last_neet = stages.iter().rposition(|s| s.starts_with("NEET")).unwrap();
        assert!(stages[..first_neet]
            .iter()
            .all(|s| !s.starts_with("Phonics")));
        assert_eq!(stages[last_neet + 1], "Phonics (year 1)", "{stages:?}");
    }
}
