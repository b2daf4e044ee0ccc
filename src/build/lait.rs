//! Every local authority's area file from the DfE's LAIT series (`docs/data/lait/`): the
//! rates each LA publishes, by FSM, as of every year from 2016 to the latest, its
//! statistical neighbours and its published history.
//!
//! The rules, each with a unit test worked by hand below:
//! - a rate the LA publishes is used as published (LAIT's percentage ÷ 100);
//! - as of a year, each figure is its measure's latest published year up to it; where a
//!   measure starts later (grade 4+ in 2017, NEET in 2018, funded places in 2018), its first
//!   year stands in, and the as-of note says so;
//! - KS4 grade 4+ in English and maths by FSM, which LAIT does not publish, is derived from
//!   the LA's Attainment 8 by FSM and its all-pupil grade 4+ rate
//!   ([`grade4_from_attainment8`]);
//! - EET at 20, which LAIT does not publish, is England's rate moved by the LA's NEET at
//!   16-17 against England's ([`eet_at_20`]);
//! - a year group is half the LA's funded 3- and 4-year-olds; the FSM share is the
//!   primary FSM share.

use std::collections::{BTreeMap, HashMap};

use super::error::BuildError;
use super::{parse_csv, round_to, Record};
use crate::model::area::StageLinks;
use crate::model::area::{
    AsOfBaseline, Geography, GeographyKind, GroupRates, Neighbours, StageBaselines,
    AREA_FORMAT_VERSION,
};
use crate::model::normal::{cdf, inverse_cdf};
use crate::model::observed::{
    BreakKind, Comparison, ObservedGroup, ObservedPoint, ObservedSeries, ObservedStage,
    SeriesBreak, SeriesRole,
};
use crate::model::provenance::Sourced;
use crate::model::Area;

/// Where the LAIT extract is kept, relative to the repository root.
pub const LAIT_DIR: &str = "docs/data/lait";

/// The first and last years a projection can start from.
pub const FIRST_AS_OF: i32 = 2016;
pub const LAST_AS_OF: i32 = 2025;

/// A projection runs to 2035, or 15 years on from a later base year, so that an
/// early-years cohort reaches every stage.
pub fn horizon_for(year: i32) -> i32 {
    (year + 15).max(2035)
}

/// LAIT's number for England.
pub const ENGLAND_NUMBER: u16 = 970;

const EXTRACT_FILE: &str = "extract.csv";
const NEIGHBOURS_FILE: &str = "neighbours_may_2025.csv";

/// One local authority (or England) in the extract.
#[derive(Debug, Clone, PartialEq)]
pub struct LaitArea {
    pub number: u16,
    pub name: String,
    /// The English region (LAIT's Inner and Outer London are London).
    pub region: String,
}

impl LaitArea {
    /// A stable id from the name: `Bristol, City of` → `bristol_city_of`.
    pub fn id(&self) -> String {
        slug(&self.name)
    }
}

/// `Stoke-on-Trent` → `stoke_on_trent`, `St. Helens` → `st_helens`.
pub fn slug(name: &str) -> String {
    let mut out = String::new();
    for c in name.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.is_empty() && !out.ends_with('_') {
            out.push('_');
        }
    }
    out.trim_end_matches('_').to_owned()
}

#[derive(Debug, Clone, PartialEq)]
struct Point {
    year: i32,
    value: Option<f64>,
}

/// The extract, read: every measure's points by LA number, the LAs with a current code
/// (those the May 2025 neighbour model covers), and their neighbours.
pub struct Lait {
    points: HashMap<(String, u16), Vec<Point>>,
    areas: BTreeMap<u16, LaitArea>,
    neighbours: BTreeMap<u16, Vec<u16>>,
    /// Repository, path and commit of the source, for every citation.
    source: String,
    neighbours_source: String,
}

/// "<repo> <path> @<first 12 of the commit>", as every citation of the extracts reads.
pub(crate) fn cited(repo: &str, path: &str, commit: &str) -> String {
    format!(
        "{repo} {path} @{}",
        commit.chars().take(12).collect::<String>()
    )
}

fn column(header: &Record, file: &'static str, name: &'static str) -> Result<usize, BuildError> {
    header
        .fields
        .iter()
        .position(|f| f == name)
        .ok_or(BuildError::MissingColumn { file, column: name })
}

fn number<T: std::str::FromStr>(
    text: &str,
    file: &'static str,
    line: usize,
    column: &'static str,
) -> Result<T, BuildError> {
    text.trim().parse().map_err(|_| BuildError::NotANumber {
        file,
        line,
        column,
        value: text.to_owned(),
    })
}

impl Lait {
    pub fn parse(extract_csv: &str, neighbours_csv: &str) -> Result<Lait, BuildError> {
        let records = parse_csv(EXTRACT_FILE, extract_csv)?;
        let (header, rows) = records
            .split_first()
            .ok_or(BuildError::EmptyFile { file: EXTRACT_FILE })?;
        let col = |name| column(header, EXTRACT_FILE, name);
        let [measure, la, area, region, years, value, repo, path, commit] = [
            col("measure")?,
            col("la_number")?,
            col("area")?,
            col("region")?,
            col("years")?,
            col("value")?,
            col("source_repo")?,
            col("source_path")?,
            col("source_commit")?,
        ];
        let mut points: HashMap<(String, u16), Vec<Point>> = HashMap::new();
        let mut named: HashMap<u16, LaitArea> = HashMap::new();
        let mut source = String::new();
        for record in rows {
            let f = record.fields_checked(EXTRACT_FILE, header.fields.len())?;
            let number_of_la: u16 = number(&f[la], EXTRACT_FILE, record.line, "la_number")?;
            let year: i32 = number(&f[years], EXTRACT_FILE, record.line, "years")?;
            if source.is_empty() {
                source = cited(&f[repo], &f[path], &f[commit]);
            }
            let region_name = match f[region].as_str() {
                "Inner London" | "Outer London" => "London".to_owned(),
                other => other.to_owned(),
            };
            named.entry(number_of_la).or_insert_with(|| LaitArea {
                number: number_of_la,
                name: f[area].clone(),
                region: region_name,
            });
            points
                .entry((f[measure].clone(), number_of_la))
                .or_default()
                .push(Point {
                    year,
                    value: f[value]
                        .trim()
                        .parse::<f64>()
                        .ok()
                        .filter(|v| v.is_finite()),
                });
        }
        for series in points.values_mut() {
            series.sort_by_key(|p| p.year);
        }

        let records = parse_csv(NEIGHBOURS_FILE, neighbours_csv)?;
        let (header, rows) = records.split_first().ok_or(BuildError::EmptyFile {
            file: NEIGHBOURS_FILE,
        })?;
        let la_col = column(header, NEIGHBOURS_FILE, "la_number")?;
        let sn: Vec<usize> = (1..=10)
            .map(|i| {
                header
                    .fields
                    .iter()
                    .position(|f| *f == format!("sn{i}"))
                    .ok_or(BuildError::MissingColumn {
                        file: NEIGHBOURS_FILE,
                        column: "sn1..sn10",
                    })
            })
            .collect::<Result<_, _>>()?;
        let (repo, path, commit) = (
            column(header, NEIGHBOURS_FILE, "source_repo")?,
            column(header, NEIGHBOURS_FILE, "source_path")?,
            column(header, NEIGHBOURS_FILE, "source_commit")?,
        );
        let mut neighbours = BTreeMap::new();
        let mut areas = BTreeMap::new();
        let mut neighbours_source = String::new();
        for record in rows {
            let f = record.fields_checked(NEIGHBOURS_FILE, header.fields.len())?;
            let la: u16 = number(&f[la_col], NEIGHBOURS_FILE, record.line, "la_number")?;
            let list = sn
                .iter()
                .map(|&c| number(&f[c], NEIGHBOURS_FILE, record.line, "sn1..sn10"))
                .collect::<Result<Vec<u16>, _>>()?;
            if neighbours_source.is_empty() {
                neighbours_source = format!(
                    "DfE Children's Services statistical neighbours, May 2025 model, nearest first ({})",
                    cited(&f[repo], &f[path], &f[commit])
                );
            }
            let area = named
                .get(&la)
                .cloned()
                .ok_or_else(|| BuildError::LaitMissing {
                    area: format!("LA {la} ({})", f[la_col + 1]),
                    what: "extract.csv has no row for it".to_owned(),
                })?;
            areas.insert(la, area);
            neighbours.insert(la, list);
        }
        let england =
            named
                .get(&ENGLAND_NUMBER)
                .cloned()
                .ok_or_else(|| BuildError::LaitMissing {
                    area: "England".to_owned(),
                    what: "any row in extract.csv".to_owned(),
                })?;
        areas.insert(ENGLAND_NUMBER, england);
        Ok(Lait {
            points,
            areas,
            neighbours,
            source,
            neighbours_source,
        })
    }

    /// Every LA with a current code, by name, then England.
    pub fn local_authorities(&self) -> Vec<&LaitArea> {
        let mut las: Vec<&LaitArea> = self
            .areas
            .values()
            .filter(|a| a.number != ENGLAND_NUMBER && self.is_current(a.number))
            .collect();
        las.sort_by(|a, b| a.name.cmp(&b.name));
        las
    }

    /// An LA is current when it publishes its FSM share in the latest year: those
    /// abolished by a reorganisation (Cumbria in 2023, Northamptonshire in 2021, Dorset,
    /// Bournemouth and Poole before 2019) do not.
    fn is_current(&self, la: u16) -> bool {
        self.value(PRIMARY_FSM, la, LAST_AS_OF).is_some()
    }

    pub fn area_named(&self, name: &str) -> Option<&LaitArea> {
        self.areas.values().find(|a| a.name == name)
    }

    pub fn england(&self) -> &LaitArea {
        &self.areas[&ENGLAND_NUMBER]
    }

    fn series(&self, measure: &str, la: u16) -> &[Point] {
        self.points
            .get(&(measure.to_owned(), la))
            .map_or(&[], Vec::as_slice)
    }

    /// An LA's published value of a measure in a year, if LAIT has one.
    pub fn value_of(&self, measure: &str, la: u16, year: i32) -> Option<f64> {
        self.value(measure, la, year)
    }

    fn value(&self, measure: &str, la: u16, year: i32) -> Option<f64> {
        self.series(measure, la)
            .iter()
            .find(|p| p.year == year)
            .and_then(|p| p.value)
    }

    /// The year whose figures stand as of `year` for measures that must be read together:
    /// the latest up to `year` in which all are published, else the first after it.
    fn year_for(&self, measures: &[&str], la: u16, year: i32) -> Option<i32> {
        let published = |y: i32| measures.iter().all(|m| self.value(m, la, y).is_some());
        let years: Vec<i32> = self
            .series(measures[0], la)
            .iter()
            .map(|p| p.year)
            .filter(|&y| published(y))
            .collect();
        years
            .iter()
            .rev()
            .find(|&&y| y <= year)
            .or_else(|| years.first())
            .copied()
    }

    /// "LAIT FSM_NEW_KS2_RWM 2019, <repo> <path> @<commit>".
    fn cite(&self, measure: &str, year: i32) -> String {
        self.cite_all(&[measure], year)
    }

    /// Several measures of one year in one citation.
    fn cite_all(&self, measures: &[&str], year: i32) -> String {
        format!("LAIT {} {year}, {}", measures.join(", "), self.source)
    }
}

/// A percentage as LAIT writes it, as a share: 64.400000000000006 → 0.644.
fn share(percent: f64) -> f64 {
    round_to(percent / 100.0, 6)
}

fn pct(share: f64) -> String {
    let text = format!("{:.1}", share * 100.0);
    format!("{}%", text.trim_end_matches(".0"))
}

// ---------------------------------------------------------------------------------------
// The derivation rules

/// Attainment 8 points per probit unit of the grade 4+ rate: the distance between FSM and
/// non-FSM pupils in Attainment 8 over their distance on the probit scale, at England's
/// 2018/19 grade 5+ rates (the latest year with both and no teacher-assessed grades).
pub fn attainment8_points_per_probit(a8_fsm: f64, a8_non_fsm: f64, r_fsm: f64, r_non: f64) -> f64 {
    (a8_non_fsm - a8_fsm) / (inverse_cdf(r_non) - inverse_cdf(r_fsm))
}

/// Grade 4+ in English and maths for FSM and non-FSM pupils from their Attainment 8:
/// each group's rate is Φ((A8 − c) / s), with `s` Attainment 8 points per probit unit and
/// the threshold `c` the one at which the FSM-share-weighted mix equals the published
/// all-pupil rate. `None` when no threshold fits (an all-pupil rate of 0 or 1).
pub fn grade4_from_attainment8(
    a8_fsm: f64,
    a8_non_fsm: f64,
    fsm_share: f64,
    all_rate: f64,
    points_per_probit: f64,
) -> Option<(f64, f64)> {
    if !((0.0..1.0).contains(&fsm_share) && all_rate > 0.0 && all_rate < 1.0) {
        return None;
    }
    let mix = |c: f64| {
        fsm_share * cdf((a8_fsm - c) / points_per_probit)
            + (1.0 - fsm_share) * cdf((a8_non_fsm - c) / points_per_probit)
    };
    // The mix falls as the threshold rises: bisect on a range far wider than Attainment
    // 8's 0-90.
    let (mut low, mut high) = (-500.0_f64, 600.0_f64);
    for _ in 0..200 {
        let mid = 0.5 * (low + high);
        if mix(mid) > all_rate {
            low = mid;
        } else {
            high = mid;
        }
    }
    let c = 0.5 * (low + high);
    Some((
        cdf((a8_fsm - c) / points_per_probit),
        cdf((a8_non_fsm - c) / points_per_probit),
    ))
}

/// EET at 20 for an LA: England's rate for the group moved on the probit scale by the
/// distance between the LA's share of 16-17s not NEET and England's.
pub fn eet_at_20(england_rate: f64, neet_la: f64, neet_england: f64) -> f64 {
    let shift = inverse_cdf(1.0 - neet_la) - inverse_cdf(1.0 - neet_england);
    cdf(inverse_cdf(england_rate) + shift)
}

// ---------------------------------------------------------------------------------------
// One LA's baseline as of a year

/// What every LA's derivations share: England's EET at 20 by FSM (the 2017 England file's
/// figures, assumptions) and the Attainment 8 slope with its citation.
pub struct Shared {
    pub eet_fsm: f64,
    pub eet_non_fsm: f64,
    pub eet_text: String,
    pub points_per_probit: f64,
    pub slope_text: String,
}

/// Whose figures a baseline is, for its texts: the LA's own, or a county's standing in.
pub struct Voice<'a> {
    pub la: &'a LaitArea,
    /// "County proxy: East Sussex's figures, not Hastings'. ", or empty.
    pub prefix: String,
}

/// LAs formed in 2023 whose Level 3 by 19 figures are not yet published, and the county
/// they replaced, whose figures stand in for a stage with none of their own.
const PREDECESSORS: [(u16, u16); 2] = [(942, 909), (943, 909)];

/// The LA whose figures a stage uses: the LA's own when it has any for `measures`, else
/// its predecessor's, with the words that say so.
fn own_or_predecessor<'a>(
    x: &'a Lait,
    v: &Voice<'a>,
    measures: &[&str],
    year: i32,
) -> Option<(&'a LaitArea, i32, String)> {
    if let Some(used) = x.year_for(measures, v.la.number, year) {
        return Some((v.la, used, v.prefix.clone()));
    }
    let (_, before) = PREDECESSORS.iter().find(|(la, _)| *la == v.la.number)?;
    let predecessor = x.areas.get(before)?;
    let used = x.year_for(measures, *before, year)?;
    Some((
        predecessor,
        used,
        format!(
            "{}{} figures: LAIT has none yet for {}, which replaced it in 2023. ",
            v.prefix,
            possessive(&predecessor.name),
            v.la.name
        ),
    ))
}

fn possessive(name: &str) -> String {
    if name.ends_with('s') {
        format!("{name}'")
    } else {
        format!("{name}'s")
    }
}

/// The as-of note's words for a figure from another year than `year`.
fn other_year(what: &str, used: i32, year: i32, notes: &mut Vec<String>) {
    if used < year {
        notes.push(format!(
            "{what} from {used}, the latest published by {year}"
        ));
    } else if used > year {
        notes.push(format!(
            "{what} from {used}, the first year published, standing in for {year}"
        ));
    }
}

const EY: [&str; 2] = ["FSP_Gooddev_FSM", "FSP_Gooddev_FSM_Other"];
const KS2: [&str; 2] = ["FSM_NEW_KS2_RWM", "NonFSM_NEW_KS2_RWM"];
const KS4: [&str; 4] = [
    "FSM_AVG_Attain8_Score",
    "NonFSM_AVG_Attain8_Score",
    "EngMaths9-4",
    "SecFSM",
];
const L3: [&str; 2] = ["Level3_FMS_Attain", "NonFSM_L3_aged19"];
const NEET: &str = "16-17 NEET";
const COHORT: &str = "No_3&4yr_olds";
const PRIMARY_FSM: &str = "PriFSM";

/// A stage whose two rates LAIT publishes by FSM, as published.
fn published_pair(
    x: &Lait,
    v: &Voice,
    measures: [&str; 2],
    what: &str,
    year: i32,
    notes: &mut Vec<String>,
) -> Option<GroupRates> {
    let (who, used, prefix) = own_or_predecessor(x, v, &measures, year)?;
    other_year(what, used, year, notes);
    let rate = |m: &str, group: &str| {
        let r = share(x.value(m, who.number, used)?);
        Some(Sourced::source(
            r,
            &format!(
                "{prefix}{}, {used}: {} of {group} pupils, {what} ({}).",
                who.name,
                pct(r),
                x.cite(m, used)
            ),
        ))
    };
    Some(GroupRates {
        fsm_rate: rate(measures[0], "FSM")?,
        non_fsm_rate: rate(measures[1], "non-FSM")?,
        fsm_trend_points_per_year: None,
        non_fsm_trend_points_per_year: None,
    })
}

fn ks4_rates(
    x: &Lait,
    v: &Voice,
    s: &Shared,
    year: i32,
    notes: &mut Vec<String>,
) -> Option<GroupRates> {
    let (who, used, prefix) = own_or_predecessor(x, v, &KS4, year)?;
    let la = who.number;
    other_year("KS4", used, year, notes);
    let [a8f, a8n, all, f] = KS4.map(|m| x.value(m, la, used));
    let (a8f, a8n, all, f) = (a8f?, a8n?, share(all?), share(f?));
    let (rf, rn) = grade4_from_attainment8(a8f, a8n, f, all, s.points_per_probit)?;
    let (rf, rn) = (round_to(rf, 3), round_to(rn, 3));
    let text = |group: &str, rate: f64| {
        format!(
            "{prefix}Derived from {}'s published figures for {used}: {group} pupils' grade 4+ in English and maths, {}, from Attainment 8 of {a8f} (FSM) and {a8n} (non-FSM), the all-pupil grade 4+ rate of {} and a secondary FSM share of {} ({}). Each group's rate is Φ((A8 − c)/{:.1}), with c set so the groups' mix gives the all-pupil rate; {}",
            who.name,
            pct(rate),
            pct(all),
            pct(f),
            x.cite_all(&KS4, used),
            s.points_per_probit,
            s.slope_text
        )
    };
    Some(GroupRates {
        fsm_rate: Sourced::source(rf, &text("FSM", rf)),
        non_fsm_rate: Sourced::source(rn, &text("non-FSM", rn)),
        fsm_trend_points_per_year: None,
        non_fsm_trend_points_per_year: None,
    })
}

fn post19_rates(
    x: &Lait,
    v: &Voice,
    s: &Shared,
    year: i32,
    notes: &mut Vec<String>,
) -> Option<GroupRates> {
    let la = v.la.number;
    let used = x.year_for(&[NEET], la, year)?;
    other_year("EET at 20 (from NEET at 16-17)", used, year, notes);
    let neet_la = share(x.value(NEET, la, used)?);
    let neet_england = share(x.value(NEET, ENGLAND_NUMBER, used)?);
    let rate = |england: f64, group: &str| {
        let r = round_to(eet_at_20(england, neet_la, neet_england), 3);
        let text = format!(
            "{}Derived from {}'s published NEET share at 16-17, {} in {used} against England's {} ({}): England's rate for {group} young people in education, employment or training at 20, {} ({}), moved on the probit scale by the same distance: {}.",
            v.prefix,
            v.la.name,
            pct(neet_la),
            pct(neet_england),
            x.cite(NEET, used),
            pct(england),
            s.eet_text,
            pct(r)
        );
        Sourced::source(r, &text)
    };
    Some(GroupRates {
        fsm_rate: rate(s.eet_fsm, "FSM"),
        non_fsm_rate: rate(s.eet_non_fsm, "non-FSM"),
        fsm_trend_points_per_year: None,
        non_fsm_trend_points_per_year: None,
    })
}

/// A year group's size and FSM share as of `year`, from the LA's own counts.
fn cohort_and_share(
    x: &Lait,
    v: &Voice,
    year: i32,
    notes: &mut Vec<String>,
) -> Option<(Sourced<f64>, Sourced<f64>)> {
    let la = v.la.number;
    let used = x.year_for(&[COHORT], la, year)?;
    other_year("Year-group size", used, year, notes);
    let funded = x.value(COHORT, la, used)?;
    let cohort = (funded / 2.0).round();
    let cohort = Sourced::source(
        cohort,
        &format!(
            "{}Half the {} 3- and 4-year-olds taking up funded early education in {}, January {used} ({}): two year groups, so about {} a year group (take-up is over 90%, so this slightly undercounts). Every cohort is taken to have this size.",
            v.prefix,
            crate::text::thousands(funded),
            v.la.name,
            x.cite(COHORT, used),
            crate::text::thousands(cohort)
        ),
    );
    let used = x.year_for(&[PRIMARY_FSM], la, year)?;
    other_year("FSM share", used, year, notes);
    let f = share(x.value(PRIMARY_FSM, la, used)?);
    let fsm_share = Sourced::source(
        f,
        &format!(
            "{}{} of {}'s primary pupils were eligible for free school meals in January {used} ({}); every stage is taken to have this share.",
            v.prefix,
            pct(f),
            v.la.name,
            x.cite(PRIMARY_FSM, used)
        ),
    );
    Some((cohort, fsm_share))
}

/// An LA's baseline as of `year`, or `None` when a stage has no published figure at all.
pub fn baseline(x: &Lait, v: &Voice, s: &Shared, year: i32) -> Option<AsOfBaseline> {
    let mut notes = Vec::new();
    let (cohort_size, fsm_share) = cohort_and_share(x, v, year, &mut notes)?;
    let stages = StageBaselines {
        early_years: published_pair(
            x,
            v,
            EY,
            "a good level of development at age 5",
            year,
            &mut notes,
        )?,
        ks2: published_pair(
            x,
            v,
            KS2,
            "the expected standard in reading, writing and maths at KS2",
            year,
            &mut notes,
        )?,
        ks4: ks4_rates(x, v, s, year, &mut notes)?,
        level3_by_19: published_pair(x, v, L3, "Level 3 by 19 (FSM at 15)", year, &mut notes)?,
        post19: post19_rates(x, v, s, year, &mut notes)?,
    };
    let mut note = notes
        .iter()
        .map(|n| {
            let mut c = n.chars();
            c.next()
                .map(|f| f.to_uppercase().collect::<String>() + c.as_str())
                .unwrap_or_default()
        })
        .collect::<Vec<_>>()
        .join(". ");
    if !note.is_empty() {
        note.push('.');
    }
    Some(AsOfBaseline {
        year,
        horizon_end_year: horizon_for(year),
        note,
        cohort_size,
        fsm_share,
        stages,
    })
}

/// Every as-of year an LA offers. A year whose figures fail an area file's checks (too
/// few FSM pupils for a rate: Rutland before its FSM share rose) is left out, and said in
/// `dropped`.
pub fn baselines(
    x: &Lait,
    v: &Voice,
    s: &Shared,
    dropped: &mut Vec<(String, String)>,
) -> Vec<AsOfBaseline> {
    (FIRST_AS_OF..=LAST_AS_OF)
        .filter_map(|year| baseline(x, v, s, year))
        .filter(|b| match b.check() {
            Ok(()) => true,
            Err(e) => {
                dropped.push((format!("{} as of {}", v.la.name, b.year), e.to_string()));
                false
            }
        })
        .collect()
}

// ---------------------------------------------------------------------------------------
// Observed series and neighbours

struct SeriesSpec {
    measure: &'static str,
    stage: ObservedStage,
    group: ObservedGroup,
    key: &'static str,
    definition: &'static str,
    role: SeriesRole,
}

const SERIES: [SeriesSpec; 7] = [
    SeriesSpec {
        measure: "FSP_Gooddev_FSM",
        stage: ObservedStage::EarlyYears,
        group: ObservedGroup::Fsm,
        key: "eyfs_gld",
        definition: "Share of children eligible for free school meals reaching a good level of development at the end of reception (EYFSP; LAIT FSP_Gooddev_FSM).",
        role: SeriesRole::ModelOutcome,
    },
    SeriesSpec {
        measure: "FSP_Gooddev_FSM_Other",
        stage: ObservedStage::EarlyYears,
        group: ObservedGroup::NonFsm,
        key: "eyfs_gld",
        definition: "Share of children not eligible for free school meals reaching a good level of development at the end of reception (EYFSP; LAIT FSP_Gooddev_FSM_Other).",
        role: SeriesRole::ModelOutcome,
    },
    SeriesSpec {
        measure: "FSM_NEW_KS2_RWM",
        stage: ObservedStage::Ks2,
        group: ObservedGroup::Fsm,
        key: "ks2_rwm_expected",
        definition: "Share of pupils eligible for free school meals meeting the expected standard in reading, writing and maths at the end of KS2 (LAIT FSM_NEW_KS2_RWM).",
        role: SeriesRole::ModelOutcome,
    },
    SeriesSpec {
        measure: "NonFSM_NEW_KS2_RWM",
        stage: ObservedStage::Ks2,
        group: ObservedGroup::NonFsm,
        key: "ks2_rwm_expected",
        definition: "Share of pupils not eligible for free school meals meeting the expected standard in reading, writing and maths at the end of KS2 (LAIT NonFSM_NEW_KS2_RWM).",
        role: SeriesRole::ModelOutcome,
    },
    SeriesSpec {
        measure: "Level3_FMS_Attain",
        stage: ObservedStage::Level3By19,
        group: ObservedGroup::Fsm,
        key: "level3_by19",
        definition: "Share of young people eligible for free school meals at 15 qualified to Level 3 by 19 (LAIT Level3_FMS_Attain).",
        role: SeriesRole::ModelOutcome,
    },
    SeriesSpec {
        measure: "NonFSM_L3_aged19",
        stage: ObservedStage::Level3By19,
        group: ObservedGroup::NonFsm,
        key: "level3_by19",
        definition: "Share of young people not eligible for free school meals at 15 qualified to Level 3 by 19 (LAIT NonFSM_L3_aged19).",
        role: SeriesRole::ModelOutcome,
    },
    SeriesSpec {
        measure: "16-17 NEET",
        stage: ObservedStage::Neet16To17,
        group: ObservedGroup::All,
        key: "neet_16_17",
        definition: "Share of 16- and 17-year-olds not in education, employment or training (all young people, not by FSM; LAIT 16-17 NEET).",
        role: SeriesRole::Context,
    },
];

fn series_breaks(stage: ObservedStage, years: &[i32]) -> Vec<SeriesBreak> {
    let missing: Vec<i32> = [2020, 2021]
        .into_iter()
        .filter(|y| !years.contains(y))
        .collect();
    let mut breaks = Vec::new();
    match stage {
        ObservedStage::EarlyYears => {
            if !missing.is_empty() {
                breaks.push(SeriesBreak {
                    kind: BreakKind::NoAssessment,
                    years: missing,
                    note: "No EYFSP was collected in 2020 or 2021 (COVID-19).".to_owned(),
                });
            }
            breaks.push(SeriesBreak {
                kind: BreakKind::EyfsReform2021,
                years: years.iter().copied().filter(|&y| y >= 2022).collect(),
                note: "The EYFS profile was reformed in September 2021: figures from 2022 are not comparable with 2019 and earlier.".to_owned(),
            });
        }
        ObservedStage::Ks2 if !missing.is_empty() => breaks.push(SeriesBreak {
            kind: BreakKind::NoAssessment,
            years: missing,
            note: "No KS2 tests were held in 2020 or 2021 (COVID-19).".to_owned(),
        }),
        _ => {}
    }
    breaks
}

/// An LA's published values of a measure as observed points (suppressed years left out).
fn published_points(x: &Lait, measure: &str, la: u16) -> Vec<ObservedPoint> {
    x.series(measure, la)
        .iter()
        .filter_map(|p| {
            p.value.map(|v| ObservedPoint {
                range: None,
                year: p.year,
                value: share(v),
            })
        })
        .collect()
}

/// An LA's KS4 grade 4+ rates by FSM for every year LAIT publishes the four measures the
/// rule needs, derived as the as-of baselines are ([`grade4_from_attainment8`]).
fn derived_ks4_points(x: &Lait, la: u16, s: &Shared) -> [Vec<ObservedPoint>; 2] {
    let mut points = [Vec::new(), Vec::new()];
    for p in x.series(KS4[0], la) {
        let [a8f, a8n, all, f] = KS4.map(|m| x.value(m, la, p.year));
        let (Some(a8f), Some(a8n), Some(all), Some(f)) = (a8f, a8n, all, f) else {
            continue;
        };
        let Some(rates) =
            grade4_from_attainment8(a8f, a8n, share(f), share(all), s.points_per_probit)
        else {
            continue;
        };
        for (group, rate) in [rates.0, rates.1].into_iter().enumerate() {
            points[group].push(ObservedPoint {
                range: None,
                year: p.year,
                value: round_to(rate, 3),
            });
        }
    }
    points
}

/// The teacher-assessed grades of 2020 and 2021, if a KS4 series has either year.
fn ks4_breaks(years: &[i32]) -> Vec<SeriesBreak> {
    years
        .iter()
        .any(|&y| y == 2020 || y == 2021)
        .then(|| SeriesBreak {
            kind: BreakKind::TeacherAssessedGrades,
            years: vec![2020, 2021],
            note: "GCSE exams were cancelled in 2020 and 2021; grades were centre- or teacher-assessed, so rates ran high.".to_owned(),
        })
        .into_iter()
        .collect()
}

/// The derived KS4 series, labelled as derived: LAIT publishes KS4 by FSM only as
/// Attainment 8.
fn derived_ks4_series(
    x: &Lait,
    la: &LaitArea,
    geography: &str,
    proxy: Option<&SeriesBreak>,
    s: &Shared,
) -> Vec<ObservedSeries> {
    let [fsm, non_fsm] = derived_ks4_points(x, la.number, s);
    [(ObservedGroup::Fsm, "eligible", fsm), (ObservedGroup::NonFsm, "not eligible", non_fsm)]
        .into_iter()
        .filter(|(_, _, points)| !points.is_empty())
        .map(|(group, eligible, points)| {
            let years: Vec<i32> = points.iter().map(|p| p.year).collect();
            let mut breaks = ks4_breaks(&years);
            breaks.extend(proxy.cloned());
            ObservedSeries {
                stage: ObservedStage::Ks4,
                group,
                measure: "ks4_em_grade4plus".to_owned(),
                role: SeriesRole::ModelOutcome,
                geography: geography.to_owned(),
                definition: format!(
                    "Share of pupils {eligible} for free school meals with grade 4+ in English and maths, derived (not published by FSM): Φ((A8 − c)/{:.1}) from the group's Attainment 8, with c set so the FSM-share-weighted mix gives the published all-pupil rate (docs/MODEL.md §9a).",
                    s.points_per_probit
                ),
                source: format!("Derived from LAIT {}, {}", KS4.join(", "), x.source),
                breaks,
                comparison: None,
                points,
            }
        })
        .collect()
}

/// The LA's published series for the model's stages (and NEET at 16-17 as context), with
/// KS4 by FSM derived from Attainment 8.
pub fn observed(
    x: &Lait,
    la: &LaitArea,
    geography: &str,
    proxy: Option<&SeriesBreak>,
    s: &Shared,
) -> Vec<ObservedSeries> {
    let mut series: Vec<ObservedSeries> = SERIES
        .iter()
        .filter_map(|spec| own_series(x, la, spec, geography, proxy))
        .collect();
    series.extend(derived_ks4_series(x, la, geography, proxy, s));
    series.extend(
        CONTEXT_SERIES
            .iter()
            .filter_map(|spec| own_series(x, la, spec, geography, proxy)),
    );
    series
}

/// The LA's own published series of `spec`'s measure, with its breaks (none for a
/// context measure) and the county-proxy note; `None` when LAIT has no figure.
fn own_series(
    x: &Lait,
    la: &LaitArea,
    spec: &SeriesSpec,
    geography: &str,
    proxy: Option<&SeriesBreak>,
) -> Option<ObservedSeries> {
    let points = published_points(x, spec.measure, la.number);
    if points.is_empty() {
        return None;
    }
    let years: Vec<i32> = points.iter().map(|p| p.year).collect();
    let mut breaks = series_breaks(spec.stage, &years);
    breaks.extend(proxy.cloned());
    Some(ObservedSeries {
        stage: spec.stage,
        group: spec.group,
        measure: spec.key.to_owned(),
        role: spec.role,
        geography: geography.to_owned(),
        definition: spec.definition.to_owned(),
        source: format!("LAIT {}, {}", spec.measure, x.source),
        breaks,
        comparison: None,
        points,
    })
}

/// The fewest neighbours with a published figure for their mean to be given that year.
const MIN_NEIGHBOURS_PUBLISHED: usize = 5;

/// Context a diagnosis sets beside the outcomes (never a model outcome): phonics, absence,
/// the FSM shares and the quality of early education, each for all the LA's pupils but
/// phonics, which LAIT publishes for FSM pupils.
const CONTEXT_SERIES: [SeriesSpec; 5] = [
    SeriesSpec {
        measure: "KS1P_FSM",
        stage: ObservedStage::PhonicsYear1,
        group: ObservedGroup::Fsm,
        key: "phonics_decoding",
        definition: "Share of pupils eligible for free school meals meeting the expected standard of the phonics screening check in year 1 (LAIT KS1P_FSM). Context, not a model outcome.",
        role: SeriesRole::Context,
    },
    SeriesSpec {
        measure: "TotPerAbNew",
        stage: ObservedStage::PersistentAbsence,
        group: ObservedGroup::All,
        key: "persistent_absence",
        definition: "Share of pupils persistently absent: missing 10% or more of their own possible sessions (all pupils; LAIT TotPerAbNew). Not collected in 2020; 2021 covers the autumn and spring terms. Context, not a model outcome.",
        role: SeriesRole::Context,
    },
    SeriesSpec {
        measure: PRIMARY_FSM,
        stage: ObservedStage::FsmSharePrimary,
        group: ObservedGroup::All,
        key: "fsm_share",
        definition: "Share of primary pupils eligible for free school meals in January (LAIT PriFSM). Context: who the FSM group is.",
        role: SeriesRole::Context,
    },
    SeriesSpec {
        measure: "SecFSM",
        stage: ObservedStage::FsmShareSecondary,
        group: ObservedGroup::All,
        key: "fsm_share",
        definition: "Share of secondary pupils eligible for free school meals in January (LAIT SecFSM). Context: who the FSM group is.",
        role: SeriesRole::Context,
    },
    SeriesSpec {
        measure: "3&4yr_Ofsted_rating",
        stage: ObservedStage::EarlyEducationGoodProviders,
        group: ObservedGroup::All,
        key: "early_education_good_providers",
        definition: "Share of 3- and 4-year-olds in funded early education at a provider Ofsted rated good or outstanding, in January (LAIT 3&4yr_Ofsted_rating). Context: the quality of early education.",
        role: SeriesRole::Context,
    },
];

/// The mean, lowest and highest of the neighbours' figures each year that at least
/// [`MIN_NEIGHBOURS_PUBLISHED`] of them have one (`value_of(neighbour, year)`).
fn neighbour_points(
    neighbours: &[u16],
    value_of: impl Fn(u16, i32) -> Option<f64>,
) -> Vec<ObservedPoint> {
    (2010..=LAST_AS_OF)
        .filter_map(|year| {
            let values: Vec<f64> = neighbours
                .iter()
                .filter_map(|&n| value_of(n, year))
                .collect();
            if values.len() < MIN_NEIGHBOURS_PUBLISHED {
                return None;
            }
            let mean = round_to(values.iter().sum::<f64>() / values.len() as f64, 4);
            let low = values.iter().copied().fold(f64::INFINITY, f64::min);
            let high = values.iter().copied().fold(f64::NEG_INFINITY, f64::max);
            Some(ObservedPoint {
                year,
                value: mean,
                range: Some([low, high]),
            })
        })
        .collect()
}

/// One comparison series: the neighbours' (`Neighbours`) or England's figures of a measure.
#[derive(Clone)]
struct ComparisonSpec<'a> {
    stage: ObservedStage,
    group: ObservedGroup,
    key: &'a str,
    definition: String,
    source: String,
}

impl SeriesSpec {
    /// This published measure as others' figures to compare with.
    fn as_comparison(&self, x: &Lait) -> ComparisonSpec<'static> {
        ComparisonSpec {
            stage: self.stage,
            group: self.group,
            key: self.key,
            definition: self.definition.to_owned(),
            source: format!("LAIT {}, {}", self.measure, x.source),
        }
    }
}

fn comparison_series(
    spec: &ComparisonSpec,
    comparison: Comparison,
    geography: String,
    breaks: Vec<SeriesBreak>,
    points: Vec<ObservedPoint>,
) -> ObservedSeries {
    ObservedSeries {
        stage: spec.stage,
        group: spec.group,
        measure: spec.key.to_owned(),
        role: SeriesRole::Context,
        geography,
        definition: match comparison {
            Comparison::Neighbours => format!(
                "{} The mean of the figures the neighbours published that year (at least {MIN_NEIGHBOURS_PUBLISHED} of the 10), and the lowest and highest of them.",
                spec.definition
            ),
            Comparison::England => spec.definition.clone(),
        },
        source: spec.source.clone(),
        breaks,
        comparison: Some(comparison),
        points,
    }
}

/// Other areas' figures to set beside the LA's own: at each stage LAIT publishes by FSM,
/// for FSM and non-FSM pupils (KS4 derived from Attainment 8 as the LA's own is), and for
/// each context measure, its statistical neighbours' mean, lowest and highest each year
/// (when at least five of them publish), and England's. `whose` names the neighbours' LA
/// ("Blackpool's", or for a district "East Sussex's (the county's)").
pub fn comparisons(
    x: &Lait,
    la: &LaitArea,
    whose: &str,
    proxy: Option<&SeriesBreak>,
    s: &Shared,
) -> Vec<ObservedSeries> {
    let neighbours = x.neighbours.get(&la.number).cloned().unwrap_or_default();
    let neighbours_geography = format!("{whose} statistical neighbours");
    let with_proxy = |breaks: Vec<SeriesBreak>| -> Vec<SeriesBreak> {
        breaks.into_iter().chain(proxy.cloned()).collect()
    };
    let mut out = Vec::new();
    let mut push_pair = |spec: ComparisonSpec,
                         neighbour_pts: Vec<ObservedPoint>,
                         england_pts: Vec<ObservedPoint>,
                         breaks_for: &dyn Fn(&[i32]) -> Vec<SeriesBreak>| {
        if !neighbour_pts.is_empty() {
            let years: Vec<i32> = neighbour_pts.iter().map(|p| p.year).collect();
            let with_neighbours = ComparisonSpec {
                source: format!("{}; neighbours: {}", spec.source, x.neighbours_source),
                definition: spec.definition.clone(),
                ..spec
            };
            out.push(comparison_series(
                &with_neighbours,
                Comparison::Neighbours,
                neighbours_geography.clone(),
                with_proxy(breaks_for(&years)),
                neighbour_pts,
            ));
        }
        if !england_pts.is_empty() {
            let years: Vec<i32> = england_pts.iter().map(|p| p.year).collect();
            out.push(comparison_series(
                &spec,
                Comparison::England,
                "England".to_owned(),
                breaks_for(&years),
                england_pts,
            ));
        }
    };
    // A published measure's figures for the neighbours and for England.
    let published = |spec: &SeriesSpec| {
        (
            neighbour_points(&neighbours, |n, year| {
                x.value(spec.measure, n, year).map(share)
            }),
            published_points(x, spec.measure, ENGLAND_NUMBER),
        )
    };
    for spec in SERIES.iter().filter(|s| s.role == SeriesRole::ModelOutcome) {
        let (neighbour_pts, england_pts) = published(spec);
        push_pair(
            spec.as_comparison(x),
            neighbour_pts,
            england_pts,
            &|years| series_breaks(spec.stage, years),
        );
    }
    // KS4 by FSM, derived for each neighbour and for England as for the LA itself.
    let derived: BTreeMap<u16, [Vec<ObservedPoint>; 2]> = neighbours
        .iter()
        .chain([&ENGLAND_NUMBER])
        .map(|&n| (n, derived_ks4_points(x, n, s)))
        .collect();
    for (g, (group, eligible)) in [
        (ObservedGroup::Fsm, "eligible"),
        (ObservedGroup::NonFsm, "not eligible"),
    ]
    .into_iter()
    .enumerate()
    {
        let comparison = ComparisonSpec {
            stage: ObservedStage::Ks4,
            group,
            key: "ks4_em_grade4plus",
            definition: format!(
                "Share of pupils {eligible} for free school meals with grade 4+ in English and maths, derived (not published by FSM) from each area's Attainment 8 by FSM as for the area's own (docs/MODEL.md §9a)."
            ),
            source: format!("Derived from LAIT {}, {}", KS4.join(", "), x.source),
        };
        let value_of = |n: u16, year: i32| {
            derived[&n][g]
                .iter()
                .find(|p| p.year == year)
                .map(|p| p.value)
        };
        push_pair(
            comparison,
            neighbour_points(&neighbours, value_of),
            derived[&ENGLAND_NUMBER][g].clone(),
            &ks4_breaks,
        );
    }
    for spec in &CONTEXT_SERIES {
        let (neighbour_pts, england_pts) = published(spec);
        push_pair(spec.as_comparison(x), neighbour_pts, england_pts, &|_| {
            Vec::new()
        });
    }
    out
}

/// The LA's ten statistical neighbours, by area id.
pub fn neighbours(x: &Lait, la: &LaitArea, whose: &str) -> Option<Neighbours> {
    let list = x.neighbours.get(&la.number)?;
    let ids: Vec<String> = list
        .iter()
        .filter_map(|n| x.areas.get(n))
        .map(LaitArea::id)
        .collect();
    Some(Neighbours {
        source: format!("{whose}{}", x.neighbours_source),
        ids,
    })
}

/// An area file for a local authority that is not an Opportunity Area, opening as of
/// `default_year` (or its nearest offered year).
pub fn la_area(
    x: &Lait,
    la: &LaitArea,
    s: &Shared,
    links: StageLinks,
    default_year: i32,
    dropped: &mut Vec<(String, String)>,
) -> Option<Area> {
    let voice = Voice {
        la,
        prefix: String::new(),
    };
    let as_of = baselines(x, &voice, s, dropped);
    let chosen = pick_default(&as_of, default_year)?.clone();
    let kind = if la.number == ENGLAND_NUMBER {
        GeographyKind::Country
    } else {
        GeographyKind::WholeLocalAuthority
    };
    Some(Area {
        fsm_definition_break: None,
        format_version: AREA_FORMAT_VERSION,
        id: la.id(),
        name: la.name.clone(),
        wave: None,
        region: (la.number != ENGLAND_NUMBER).then(|| la.region.clone()),
        geography: Some(Geography {
            kind,
            name: la.name.clone(),
            code: None,
        }),
        base_year: chosen.year,
        horizon_end_year: chosen.horizon_end_year,
        cohort_size: chosen.cohort_size,
        fsm_share: chosen.fsm_share,
        stages: chosen.stages,
        links,
        as_of,
        neighbours: neighbours(x, la, ""),
        observed: {
            let mut series = observed(x, la, &format!("{} (local authority)", la.name), None, s);
            if la.number != ENGLAND_NUMBER {
                series.extend(comparisons(x, la, &possessive(&la.name), None, s));
            }
            series
        },
    })
}

/// The baseline an area opens with: `year`'s, else the latest before it, else the first.
pub fn pick_default(as_of: &[AsOfBaseline], year: i32) -> Option<&AsOfBaseline> {
    as_of
        .iter()
        .rev()
        .find(|b| b.year <= year)
        .or_else(|| as_of.first())
}

#[cfg(test)]
mod tests {
    //! Every expected number is worked by hand in the comment above it (Φ from a normal
    //! table), never by calling the code under test.
    use super::*;

    #[test]
    fn ids_come_from_names() {
        assert_eq!(slug("Stoke-on-Trent"), "stoke_on_trent");
        assert_eq!(slug("Bristol, City of"), "bristol_city_of");
        assert_eq!(slug("St. Helens"), "st_helens");
        assert_eq!(
            slug("Kingston upon Hull, City of"),
            "kingston_upon_hull_city_of"
        );
    }

    #[test]
    fn the_attainment8_slope_is_the_gap_over_the_probit_gap() {
        // England 2018/19: A8 34.9 (FSM) and 48.6 (non-FSM); grade 5+ 22.6% and 46.8%.
        // z(0.226) = −0.7521, z(0.468) = −0.0803, so 13.7 / 0.6718 = 20.39 points.
        let s = attainment8_points_per_probit(34.9, 48.6, 0.226, 0.468);
        assert!((s - 20.39).abs() < 0.01, "{s}");
    }

    #[test]
    fn grade4_rates_reproduce_the_all_pupil_rate_with_the_attainment8_gap() {
        // Equal Attainment 8 for both groups: both rates equal the all-pupil rate.
        let (f, n) = grade4_from_attainment8(40.0, 40.0, 0.3, 0.6, 20.0).unwrap();
        assert!((f - 0.6).abs() < 1e-9 && (n - 0.6).abs() < 1e-9);
        // A8 30 and 50 with s = 20 points: the groups sit one probit unit apart. With half
        // the pupils FSM and an all-pupil rate of 50%, symmetry puts c at 40, so the rates
        // are Φ(−0.5) = 30.85% and Φ(0.5) = 69.15%.
        let (f, n) = grade4_from_attainment8(30.0, 50.0, 0.5, 0.5, 20.0).unwrap();
        assert!((f - 0.308538).abs() < 1e-5, "{f}");
        assert!((n - 0.691462).abs() < 1e-5, "{n}");
        // No threshold fits an all-pupil rate of 0 or 1.
        assert!(grade4_from_attainment8(30.0, 50.0, 0.5, 1.0, 20.0).is_none());
    }

    #[test]
    fn eet_at_20_moves_englands_rate_by_the_neet_distance() {
        // Same NEET as England: England's rate.
        assert!((eet_at_20(0.7, 0.05, 0.05) - 0.7).abs() < 1e-12);
        // NEET 15.87% against England's 50%: not NEET 84.13% = Φ(1) against Φ(0), one
        // probit unit better, so England's 50% moves to Φ(0 + 1) = 84.13%.
        let r = eet_at_20(0.5, 0.158655, 0.5);
        assert!((r - 0.841345).abs() < 1e-5, "{r}");
    }

    #[test]
    fn as_of_uses_the_latest_year_up_to_it_else_the_first() {
        let csv =
            "measure,la_number,area,region,years,value,source_repo,source_path,source_commit\n\
            M,1,A,North East,2016,10,r,p,c\n\
            M,1,A,North East,2019,20,r,p,c\n\
            M,1,A,North East,2022,x,r,p,c\n";
        let neighbours = "la_number,la_name,sn1,sn2,sn3,sn4,sn5,sn6,sn7,sn8,sn9,sn10,source_repo,source_path,source_commit\n";
        let mut csv = csv.to_owned();
        csv.push_str("M,970,England,NA,2016,1,r,p,c\n");
        let x = Lait::parse(&csv, neighbours).unwrap();
        assert_eq!(x.year_for(&["M"], 1, 2021), Some(2019));
        assert_eq!(x.year_for(&["M"], 1, 2023), Some(2019), "x is suppressed");
        assert_eq!(x.year_for(&["M"], 1, 2016), Some(2016));
        assert_eq!(
            x.year_for(&["M"], 1, 2010),
            Some(2016),
            "the first stands in"
        );
        assert_eq!(x.year_for(&["N"], 1, 2019), None);
    }

    #[test]
    fn a_neighbour_file_naming_an_la_the_extract_lacks_is_refused() {
        let csv = "measure,la_number,area,region,years,value,source_repo,source_path,source_commit\nM,970,England,NA,2016,1,r,p,c\n";
        let neighbours = "la_number,la_name,sn1,sn2,sn3,sn4,sn5,sn6,sn7,sn8,sn9,sn10,source_repo,source_path,source_commit\n5,Nowhere,1,2,3,4,6,7,8,9,10,11,r,p,c\n";
        let e = Lait::parse(csv, neighbours).err().unwrap();
        assert_eq!(
            e.to_string(),
            "LA 5 (Nowhere): extract.csv has no row for it"
        );
    }
}
