//! Builds the shipped area files (`static/data/areas/<id>.json`) from the sourced extract
//! of published figures in `docs/data/opportunity-areas/` (`figures.csv`, `geography.csv`;
//! read its README before changing anything here). `cargo run --bin pathways-areas`
//! writes the files, and `tests/area_data.rs` checks that they are exactly what this
//! module builds.
//!
//! Every number gets a text: a `source` when it is a figure of the extract (or of the
//! project's domain brief) read as written, or a share of two such counts; an `assumption`
//! when it is derived by a rule or assumed, with the rule and its inputs stated. The rules:
//!
//! - **Cohort size**: children assessed at age 5 (EYFSP) in 2016/17 in the local
//!   authority. A district Opportunity Area has no such figure: its cohort is the county's
//!   count times the district's approximate share of the county's residents, an
//!   assumption (Hastings keeps the seed-based 850).
//! - **FSM share**: FSM children over all children assessed at age 5 in 2017/18, the only
//!   year with LA counts by FSM. A district is assumed to have 1.5 times its county's share.
//! - **Early years**: the LA's own 2016/17 GLD rates by FSM (a county's, for a district).
//! - **KS2**: England's 2016/17 FSM and non-FSM rates, each moved on the model's latent
//!   (probit) scale by the LA's distance from England for disadvantaged and
//!   non-disadvantaged pupils in 2021/22, the only year with LA figures.
//! - **KS4, Level 3 by 19, EET at 20**: no LA figures by FSM exist. England's 2017 FSM
//!   and non-FSM rates are moved together on the probit scale so that, with the LA's FSM
//!   share, the LA's all-pupil rate sits as far from England's as the LA's all-pupil
//!   figure did in recent years (KS4 grade 4+ English and maths and Level 3 by 19 in
//!   2021/22-2023/24; NEET at 16-17 in 2021-2025 for EET at 20).
//! - **Hastings** keeps the seed deck's 25% at KS2 and KS4; its non-FSM rates follow from
//!   its own 2016 all-pupil figures, and EET at 20 from its own 2019/20 destinations.
//! - **Links** between stages are model assumptions, the same for every area.

use crate::build::error::{BuildError, FigureKey};
use crate::build::lait::{self, Lait, LaitArea};
use crate::model::area_index::{AreaIndex, AreaIndexEntry};
use std::collections::BTreeMap;

use crate::model::area::{
    Area, Geography, GeographyKind, GroupRates, StageBaselines, StageLink, StageLinks,
    AREA_FORMAT_VERSION,
};
use crate::model::normal::{cdf, inverse_cdf};
use crate::model::observed::{
    BreakKind, ObservedGroup, ObservedPoint, ObservedSeries, ObservedStage, SeriesBreak, SeriesRole,
};
use crate::model::provenance::Sourced;

/// Where the extract is kept, relative to the repository root.
pub const EXTRACT_DIR: &str = "docs/data/opportunity-areas";
/// Where the area files are written, relative to the repository root.
pub const AREAS_DIR: &str = "static/data/areas";

/// The base year and horizon of every shipped area: the levers' default start years
/// are written for them.
const BASE_YEAR: i32 = 2017;

/// The year the shipped files open as of: the latest with published results, where a
/// board planning now starts (`pathways-areas --as-of` writes files for another year).
pub const DEFAULT_AS_OF: i32 = 2025;
const HORIZON_END_YEAR: i32 = 2035;

/// A district's FSM share is assumed to be this multiple of its county's.
const DISTRICT_FSM_MULTIPLE: f64 = 1.5;
/// NCCIS years in which more than this share of 16-17s' activity was not known are left
/// out of the NEET comparison (NEET is understated when many are not known).
const NOT_KNOWN_LIMIT_PCT: f64 = 10.0;

/// One file built: the area's id and the exact text of `static/data/areas/<id>.json`.
#[derive(Debug, Clone, PartialEq)]
pub struct AreaFile {
    pub id: String,
    pub text: String,
}

impl AreaFile {
    pub fn file_name(&self) -> String {
        format!("{}.json", self.id)
    }
}

/// What the generator reads: the Opportunity Areas extract and the LAIT extract, as text.
pub struct Inputs<'a> {
    pub figures_csv: &'a str,
    pub geography_csv: &'a str,
    pub lait_extract_csv: &'a str,
    pub lait_neighbours_csv: &'a str,
}

/// Everything the generator writes: the area files (Opportunity Areas in the order of
/// [`Area::shipped`], England, then every other local authority by name), the index the
/// app's picker reads, and the LAs left out with why.
pub struct Built {
    pub files: Vec<AreaFile>,
    pub index: String,
    pub skipped: Vec<(String, String)>,
}

/// Builds every area file, each opening as of `default_as_of` (or the nearest year it
/// offers). Each file is validated as a user's would be.
pub fn build_area_files(inputs: &Inputs, default_as_of: i32) -> Result<Built, BuildError> {
    let extract = Extract::parse(inputs.figures_csv)?;
    let geographies = parse_geographies(inputs.geography_csv)?;
    let lait = Lait::parse(inputs.lait_extract_csv, inputs.lait_neighbours_csv)?;
    let england = EnglandBase::from_extract(&extract)?;
    let shared = lait_shared(&extract, &lait, &england)?;
    let mut skipped = Vec::new();
    let mut areas = Vec::new();
    let mut used_las = Vec::new();
    for spec in &OA_SPECS {
        let geography = geography_of(&geographies, spec)?;
        let area_2017 = build_oa(&extract, geography, spec, &england)?;
        let la = lait
            .area_named(&geography.la_name)
            .ok_or_else(|| BuildError::LaitMissing {
                area: spec.oa.to_owned(),
                what: format!("LAIT has no local authority named {:?}", geography.la_name),
            })?;
        if spec.district.is_none() {
            used_las.push(la.number);
        }
        areas.push(with_lait_years(
            area_2017,
            &lait,
            la,
            spec,
            &shared,
            default_as_of,
            &mut skipped,
        )?);
    }
    let england_2017 = build_england(&extract, &england)?;
    areas.push(with_lait_years(
        england_2017,
        &lait,
        lait.england(),
        &ENGLAND_SPEC,
        &shared,
        default_as_of,
        &mut skipped,
    )?);
    for la in lait.local_authorities() {
        if used_las.contains(&la.number) {
            continue;
        }
        match lait::la_area(
            &lait,
            la,
            &shared,
            standard_links(),
            default_as_of,
            &mut skipped,
        ) {
            Some(area) => match area.validate() {
                Ok(()) => areas.push(area),
                Err(e) => skipped.push((la.name.clone(), e.to_string())),
            },
            None => skipped.push((
                la.name.clone(),
                "a stage has no published figure in any year".to_owned(),
            )),
        }
    }
    let index = area_index(&areas)?;
    let files = areas.into_iter().map(area_file).collect::<Result<_, _>>()?;
    Ok(Built {
        files,
        index,
        skipped,
    })
}

fn geography_of<'a>(
    geographies: &'a [GeographyRow],
    spec: &OaSpec,
) -> Result<&'a GeographyRow, BuildError> {
    geographies
        .iter()
        .find(|g| g.oa == spec.oa)
        .ok_or_else(|| BuildError::MissingGeography {
            oa: spec.oa.to_owned(),
        })
}

/// The spec England's file is built with: not an Opportunity Area, no district.
const ENGLAND_SPEC: OaSpec = OaSpec {
    id: "england",
    oa: "England",
    name: "England (national reference)",
    district: None,
};

/// The index the picker reads: one line per area, in file order.
fn area_index(areas: &[Area]) -> Result<String, BuildError> {
    let entries: Vec<AreaIndexEntry> = areas.iter().map(AreaIndexEntry::of).collect();
    let index = AreaIndex {
        format_version: AREA_FORMAT_VERSION,
        areas: entries,
    };
    serde_json::to_string_pretty(&index)
        .map(|t| t + "\n")
        .map_err(|e| BuildError::InvalidArea {
            id: "index".to_owned(),
            problem: e.to_string(),
        })
}

/// The derivations every LAIT area shares: England's EET at 20 (the 2017 England file's,
/// assumptions) and the Attainment 8 slope from England's 2018/19 grade 5+ rates by FSM.
fn lait_shared(x: &Extract, lait: &Lait, e: &EnglandBase) -> Result<lait::Shared, BuildError> {
    let file = "attainment_at_age_16/2.0/";
    let f5 = x.england("ks4_em_grade5plus_pct", "fsm", "2018/19", file)?;
    let n5 = x.england("ks4_em_grade5plus_pct", "non_fsm", "2018/19", file)?;
    let a8 = |m: &str| {
        lait.value_of(m, lait::ENGLAND_NUMBER, 2019)
            .ok_or_else(|| BuildError::LaitMissing {
                area: "England".to_owned(),
                what: format!("LAIT has no {m} for 2019"),
            })
    };
    let (a8f, a8n) = (
        a8("FSM_AVG_Attain8_Score")?,
        a8("NonFSM_AVG_Attain8_Score")?,
    );
    let s = lait::attainment8_points_per_probit(a8f, a8n, f5.share()?, n5.share()?);
    let slope_text = format!(
        "{s:.1} is England's 2018/19 gap between FSM and non-FSM pupils in Attainment 8 ({a8f} and {a8n}, LAIT) over their gap on the probit scale at grade 5+ in English and maths ({} and {}, {}; docs/MODEL.md, checked in docs/VALIDATION.md).",
        f5.as_written(),
        n5.as_written(),
        source_of(f5)
    );
    let [.., p19] = &e.stages;
    Ok(lait::Shared {
        eet_fsm: p19.fsm,
        eet_non_fsm: p19.non_fsm,
        eet_text: "an assumption: England's NEET at 19-24 in 2017 split with the destinations gap, as in England's file".to_owned(),
        points_per_probit: s,
        slope_text,
    })
}

/// An Opportunity Area (or England) with its years from LAIT. A whole-LA area takes every
/// year's figures from its LA's published series; a district keeps its 2017 figures (the
/// seed's and the OA extract's, which know the district) and takes the county's for the
/// other years, as a county proxy, with the district's own year-group size and an FSM
/// share that follows the county's.
fn with_lait_years(
    area_2017: Area,
    x: &Lait,
    la: &LaitArea,
    spec: &OaSpec,
    shared: &lait::Shared,
    default_as_of: i32,
    dropped: &mut Vec<(String, String)>,
) -> Result<Area, BuildError> {
    let prefix = match &spec.district {
        Some(d) => format!(
            "County proxy: {} figures, not {} (no source publishes district figures, and a deprived district can differ a lot from its county). ",
            possessive(&la.name),
            possessive(d.name)
        ),
        None => String::new(),
    };
    let voice = lait::Voice { la, prefix };
    let mut as_of = lait::baselines(x, &voice, shared, dropped);
    if let Some(d) = &spec.district {
        for base in &mut as_of {
            // The district's own year-group estimate in every year.
            base.cohort_size = area_2017.cohort_size.clone();
            if base.year == BASE_YEAR {
                base.fsm_share = area_2017.fsm_share.clone();
                base.stages = area_2017.stages.clone();
                base.note = format!(
                    "As of 2017, {} figures are the Opportunity Area's own where the seed deck or the OA extract has them; other years use {} as a county proxy.",
                    possessive(d.name),
                    la.name
                );
            } else {
                let county = base.fsm_share.value;
                let share = round_to((county * DISTRICT_FSM_MULTIPLE).min(0.6), 2);
                base.fsm_share = Sourced::assumption(
                    share,
                    &format!(
                        "{}% eligible for free school meals, assumed: {} times {} primary share in {} ({}), the rule every district Opportunity Area uses (no source gives a district's share). {}",
                        (share * 100.0).round(),
                        DISTRICT_FSM_MULTIPLE,
                        possessive(&la.name),
                        base.year,
                        pct1(county),
                        base.fsm_share.provenance.text()
                    ),
                );
            }
        }
    }
    let chosen = lait::pick_default(&as_of, default_as_of)
        .cloned()
        .ok_or_else(|| BuildError::LaitMissing {
            area: spec.oa.to_owned(),
            what: "no year has a published figure for every stage".to_owned(),
        })?;
    let geography = match &spec.district {
        Some(d) => format!("{} (county; proxy for {})", la.name, d.name),
        None if la.number == lait::ENGLAND_NUMBER => "England".to_owned(),
        None => format!("{} (local authority)", la.name),
    };
    let proxy = spec.district.as_ref().map(|d| SeriesBreak {
        kind: BreakKind::CountyProxy,
        years: Vec::new(),
        note: format!(
            "{} figures, not {}: LAIT publishes no district figures.",
            possessive(&la.name),
            possessive(d.name)
        ),
    });
    // LAIT's series of a model outcome replace the OA extract's for the same stage, group
    // and geography, in its place (the DfE's own figures, every year from 2016); the rest
    // (the seed's district points, all-pupil and disadvantaged series, NCCIS's NEET with its
    // data-quality notes) are kept, and LAIT's others added after them.
    let mut lait_series = lait::observed(x, la, &geography, proxy.as_ref(), shared);
    let same = |a: &ObservedSeries, b: &ObservedSeries| {
        a.stage == b.stage && a.group == b.group && a.geography == b.geography
    };
    let mut observed: Vec<ObservedSeries> = area_2017
        .observed
        .iter()
        .map(|o| {
            match lait_series
                .iter()
                .position(|l| same(l, o) && l.role == SeriesRole::ModelOutcome)
            {
                Some(i) => lait_series.remove(i),
                None => o.clone(),
            }
        })
        .collect();
    lait_series.retain(|l| !observed.iter().any(|o| same(o, l)));
    observed.extend(lait_series);
    // Beside an area's own figures, its (county's) statistical neighbours and England.
    if la.number != lait::ENGLAND_NUMBER {
        let whose = match &spec.district {
            Some(_) => format!("{} (the county's)", possessive(&la.name)),
            None => possessive(&la.name),
        };
        observed.extend(lait::comparisons(x, la, &whose, proxy.as_ref(), shared));
    }
    let whose = match &spec.district {
        Some(_) => format!("{} (the county's), ", possessive(&la.name)),
        None => String::new(),
    };
    Ok(Area {
        base_year: chosen.year,
        horizon_end_year: chosen.horizon_end_year,
        cohort_size: chosen.cohort_size,
        fsm_share: chosen.fsm_share,
        stages: chosen.stages,
        neighbours: (la.number != lait::ENGLAND_NUMBER)
            .then(|| lait::neighbours(x, la, &whose))
            .flatten(),
        as_of,
        observed,
        ..area_2017
    })
}

fn area_file(area: Area) -> Result<AreaFile, BuildError> {
    area.validate().map_err(|e| BuildError::InvalidArea {
        id: area.id.clone(),
        problem: e.to_string(),
    })?;
    let text = serde_json::to_string_pretty(&area).map_err(|e| BuildError::InvalidArea {
        id: area.id.clone(),
        problem: e.to_string(),
    })? + "\n";
    Ok(AreaFile {
        id: area.id.clone(),
        text,
    })
}

// ---------------------------------------------------------------------------------------
// The Opportunity Areas

/// A district Opportunity Area, whose local figures are its county's.
struct District {
    /// The district as it is named in the texts.
    name: &'static str,
    /// Approximate share of the county's residents living in the district (ONS mid-year
    /// population estimates, rounded; not part of the extract).
    resident_share: f64,
}

struct OaSpec {
    id: &'static str,
    /// The `oa` column of figures.csv and geography.csv.
    oa: &'static str,
    name: &'static str,
    district: Option<District>,
}

/// In the order of [`Area::shipped`]: Hastings, then wave 2016 and wave 2017 by name.
const OA_SPECS: [OaSpec; 12] = [
    OaSpec {
        id: "hastings",
        oa: "Hastings",
        name: "Hastings Opportunity Area",
        district: Some(District {
            name: "Hastings",
            resident_share: 0.17,
        }),
    },
    OaSpec {
        id: "blackpool",
        oa: "Blackpool",
        name: "Blackpool Opportunity Area",
        district: None,
    },
    OaSpec {
        id: "derby",
        oa: "Derby",
        name: "Derby Opportunity Area",
        district: None,
    },
    OaSpec {
        id: "norwich",
        oa: "Norwich",
        name: "Norwich Opportunity Area",
        district: Some(District {
            name: "Norwich",
            resident_share: 0.16,
        }),
    },
    OaSpec {
        id: "oldham",
        oa: "Oldham",
        name: "Oldham Opportunity Area",
        district: None,
    },
    OaSpec {
        id: "scarborough",
        oa: "North Yorkshire Coast (Scarborough)",
        name: "North Yorkshire Coast (Scarborough) Opportunity Area",
        district: Some(District {
            name: "Scarborough borough",
            resident_share: 0.18,
        }),
    },
    OaSpec {
        id: "west_somerset",
        oa: "West Somerset",
        name: "West Somerset Opportunity Area",
        district: Some(District {
            name: "West Somerset",
            resident_share: 0.06,
        }),
    },
    OaSpec {
        id: "bradford",
        oa: "Bradford",
        name: "Bradford Opportunity Area",
        district: None,
    },
    OaSpec {
        id: "doncaster",
        oa: "Doncaster",
        name: "Doncaster Opportunity Area",
        district: None,
    },
    OaSpec {
        id: "fenland_east_cambridgeshire",
        oa: "Fenland and East Cambridgeshire",
        name: "Fenland and East Cambridgeshire Opportunity Area",
        district: Some(District {
            name: "Fenland and East Cambridgeshire",
            resident_share: 0.29,
        }),
    },
    OaSpec {
        id: "ipswich",
        oa: "Ipswich",
        name: "Ipswich Opportunity Area",
        district: Some(District {
            name: "Ipswich",
            resident_share: 0.18,
        }),
    },
    OaSpec {
        id: "stoke_on_trent",
        oa: "Stoke-on-Trent",
        name: "Stoke-on-Trent Opportunity Area",
        district: None,
    },
];

/// Figures from the project's domain brief (`DOMAIN.md`, which quotes the seed deck and
/// the Hastings OA website), used where the extract has none.
mod brief {
    pub const SEED_FSM_KS2_KS4: f64 = 0.25;
    pub const SEED_FSM_TEXT: &str = "Seed deck (Hastings OA, Head of Delivery): only 25% of FSM pupils reach the expected standard at the end of KS2 and KS4, 2017 (DOMAIN.md, Hastings table).";
    /// Hastings OA website, 2016: KS2 reading all pupils 57% (national 66%); maths 59%
    /// (national 70%).
    pub const KS2_READING: (f64, f64) = (0.57, 0.66);
    pub const KS2_MATHS: (f64, f64) = (0.59, 0.70);
    /// Hastings OA website, 2016: GCSE English grade C or above, all pupils 65% (national 75%).
    pub const GCSE_ENGLISH_C: (f64, f64) = (0.65, 0.75);
    /// DfE destinations 2019/20 via local press: KS4 leavers without a sustained
    /// destination, Hastings 8.9%, East Sussex 7%, England 5.6%.
    pub const NO_DESTINATION: (f64, f64) = (0.089, 0.056);
    /// DfE KS4 national characteristics 2018/19: grade 4+ in English and maths,
    /// disadvantaged 44.7%, other 71.8%.
    pub const KS4_GRADE4_DISADVANTAGED: (f64, f64) = (0.447, 0.718);
    /// DfE Level 2 and 3 attainment by 19: FSM gap about 25 points, flat since 2005.
    pub const LEVEL3_FSM_GAP: f64 = 0.25;
    /// DfE NEET statistics SFR 13/2018: NEET 19-24, Oct-Dec 2017.
    pub const NEET_19_24: f64 = 0.132;
    /// DfE longer-term destinations 2022/23: disadvantaged gap in sustained destination
    /// five years after KS4, 18.3 points (taken as 18).
    pub const DESTINATION_GAP: f64 = 0.18;
}

// ---------------------------------------------------------------------------------------
// England's 2017 rates: the reference every LA's derived rates start from

/// England's base-year rate for FSM and non-FSM pupils at one stage, with the texts.
struct Pair {
    fsm: f64,
    non_fsm: f64,
    fsm_text: String,
    non_fsm_text: String,
    sourced: bool,
}

impl Pair {
    fn rates(&self) -> GroupRates {
        let make = |value: f64, text: &str| {
            if self.sourced {
                Sourced::source(value, text)
            } else {
                Sourced::assumption(value, text)
            }
        };
        GroupRates {
            fsm_rate: make(self.fsm, &self.fsm_text),
            non_fsm_rate: make(self.non_fsm, &self.non_fsm_text),
            fsm_trend_points_per_year: None,
            non_fsm_trend_points_per_year: None,
        }
    }

    /// England's all-pupil rate implied by the pair and England's FSM share.
    fn all(&self, fsm_share: f64) -> f64 {
        fsm_share * self.fsm + (1.0 - fsm_share) * self.non_fsm
    }
}

struct EnglandBase {
    cohort: (f64, String),
    fsm_share: (f64, String),
    /// By stage: early years, KS2, KS4, Level 3 by 19, EET at 20.
    stages: [Pair; 5],
}

impl EnglandBase {
    fn from_extract(x: &Extract) -> Result<EnglandBase, BuildError> {
        let son = "R/input/SON26";
        let fsm_n = x.england("eyfs_pupils_n", "fsm", "2016/17", son)?;
        let non_fsm_n = x.england("eyfs_pupils_n", "non_fsm", "2016/17", son)?;
        let all_n = x.england("eyfs_pupils_n", "all", "2016/17", son)?;
        check_counts_add_up(fsm_n, non_fsm_n, all_n)?;
        let f = share_of_counts(fsm_n, all_n)?;
        let cohort = (
            all_n.number()?,
            format!(
                "{} children were assessed at the end of reception (EYFSP) in England in 2016/17 ({}). Every cohort is taken to have this size.",
                count(all_n.number()?),
                cite(all_n)
            ),
        );
        let fsm_share = (
            f,
            format!(
                "Share of two published counts: {} of the {} children assessed at age 5 in England in 2016/17 were known to be eligible for free school meals, {} ({}).",
                count(fsm_n.number()?),
                count(all_n.number()?),
                pct1(f),
                cite(fsm_n)
            ),
        );

        let gld = |group: &str| x.england("eyfs_gld_pct", group, "2016/17", son);
        let (gf, gn) = (gld("fsm")?, gld("non_fsm")?);
        let early_years = Pair {
            fsm: gf.share()?,
            non_fsm: gn.share()?,
            fsm_text: format!(
                "England 2016/17: {} of children known to be eligible for free school meals reached a good level of development ({}; the DfE smapey file gives the same figure).",
                gf.as_written(),
                cite(gf)
            ),
            non_fsm_text: format!(
                "England 2016/17: {} of children not eligible for free school meals reached a good level of development ({}).",
                gn.as_written(),
                cite(gn)
            ),
            sourced: true,
        };

        let ks2_file = "attainment_at_age_11/2.0/";
        let (kf, kn) = (
            x.england("ks2_rwm_expected_pct", "fsm", "2016/17", ks2_file)?,
            x.england("ks2_rwm_expected_pct", "non_fsm", "2016/17", ks2_file)?,
        );
        let ks2 = Pair {
            fsm: kf.share()?,
            non_fsm: kn.share()?,
            fsm_text: format!(
                "England 2016/17: {} of pupils eligible for free school meals met the expected standard in reading, writing and maths ({}). FSM-based; the better-known 47% is for disadvantaged pupils, a wider group.",
                kf.as_written(),
                cite(kf)
            ),
            non_fsm_text: format!(
                "England 2016/17: {} of pupils not known to be eligible for free school meals met the expected standard in reading, writing and maths ({}).",
                kn.as_written(),
                cite(kn)
            ),
            sourced: true,
        };

        // KS4: DfE's 2018/19 grade 4+ rates for disadvantaged and other pupils, converted
        // to FSM and non-FSM with the grade 5+ distance between the groups that year.
        let g5 =
            |group: &str, file: &str| x.england("ks4_em_grade5plus_pct", group, "2018/19", file);
        let son13 = "R/input/SON26";
        let ks4_file = "attainment_at_age_16/2.0/";
        let (f5, d5) = (g5("fsm", ks4_file)?, g5("disadvantaged", son13)?);
        let (n5, o5) = (g5("non_fsm", ks4_file)?, g5("non_disadvantaged", son13)?);
        let gap_2017 = x.england("ks4_disadvantage_gap_index", "gap", "2016/17", son13)?;
        let gap_2019 = x.england("ks4_disadvantage_gap_index", "gap", "2018/19", son13)?;
        let (d4, o4) = brief::KS4_GRADE4_DISADVANTAGED;
        let ks4_fsm = round_to(probit_move(d4, f5.share()?, d5.share()?), 3);
        let ks4_non_fsm = round_to(probit_move(o4, n5.share()?, o5.share()?), 3);
        let ks4_common = format!(
            "2018/19 stands in for 2016/17, the first year of 9-1 grades: DfE's KS4 disadvantage gap index was {} in 2016/17 and {} in 2018/19 ({}). No grade 4+ figure by FSM is in the extract.",
            gap_2017.as_number_written(),
            gap_2019.as_number_written(),
            cite_short(gap_2019)
        );
        let ks4 = Pair {
            fsm: ks4_fsm,
            non_fsm: ks4_non_fsm,
            fsm_text: format!(
                "Derived: England's 2018/19 grade 4+ English and maths rate for disadvantaged pupils, {} (DfE KS4 national characteristics 2018/19, in DOMAIN.md), converted to FSM pupils by the distance between FSM and disadvantaged pupils at grade 5+ that year on the model's latent (probit) scale, {} against {} ({}; {}): {}. {}",
                pct1(d4),
                f5.as_written(),
                d5.as_written(),
                cite(f5),
                cite_short(d5),
                pct1(ks4_fsm),
                ks4_common
            ),
            non_fsm_text: format!(
                "Derived: England's 2018/19 grade 4+ English and maths rate for other (not disadvantaged) pupils, {} (DfE KS4 national characteristics 2018/19, in DOMAIN.md), converted to non-FSM pupils by the distance between non-FSM and non-disadvantaged pupils at grade 5+ that year on the probit scale, {} against {} ({}; {}): {}. {}",
                pct1(o4),
                n5.as_written(),
                o5.as_written(),
                cite(n5),
                cite_short(o5),
                pct1(ks4_non_fsm),
                ks4_common
            ),
            sourced: false,
        };

        // Level 3 by 19: the latest all-pupil rate split with the FSM gap.
        let l3 = x.england_latest("level3_by19_pct", "2023/24")?;
        let l3_all = l3.share()?;
        let l3_fsm = round_to(l3_all - brief::LEVEL3_FSM_GAP * (1.0 - f), 3);
        let l3_non_fsm = round_to(l3_fsm + brief::LEVEL3_FSM_GAP, 3);
        let l3_common = format!(
            "England's all-pupil rate, {} in 2023/24 ({}), split with England's FSM gap of about 25 points, flat since 2005 (DfE Level 2 and 3 attainment by 19, in DOMAIN.md), and the FSM share {}: FSM = {} − 25 × (1 − {}) points = {}, non-FSM = FSM + 25 points = {}. Assumes 2017's level was about 2023/24's (the extract's Level 3 figures start in 2020/21, when results were lifted by teacher-assessed grades).",
            l3.as_written(),
            cite(l3),
            pct1(f),
            pct1(l3_all),
            f,
            pct1(l3_fsm),
            pct1(l3_non_fsm)
        );
        let level3 = Pair {
            fsm: l3_fsm,
            non_fsm: l3_non_fsm,
            fsm_text: format!("Derived: {l3_common}"),
            non_fsm_text: format!("Derived, as the FSM rate: {l3_common}"),
            sourced: false,
        };

        // EET at 20: NEET at 19-24 split with the destinations gap.
        let non_fsm_neet = brief::NEET_19_24 - brief::DESTINATION_GAP * f;
        let fsm_neet = non_fsm_neet + brief::DESTINATION_GAP;
        let (p_fsm, p_non_fsm) = (round_to(1.0 - fsm_neet, 3), round_to(1.0 - non_fsm_neet, 3));
        let post_common = format!(
            "England's NEET rate for ages 19-24, 13.2% (Oct-Dec 2017, DfE NEET statistics SFR 13/2018, in DOMAIN.md), split with an 18-point FSM gap (England's disadvantaged gap in sustained destination five years after KS4, 18.3 points, DfE longer-term destinations 2022/23, in DOMAIN.md) and the FSM share {}: NEET {} for FSM and {} for non-FSM young people, so {} and {} in education, employment or training at 20. Assumes NEET at 19-24 stands for NEET at 20 and the disadvantaged gap for the FSM gap.",
            pct1(f),
            pct1(fsm_neet),
            pct1(non_fsm_neet),
            pct1(p_fsm),
            pct1(p_non_fsm)
        );
        let post19 = Pair {
            fsm: p_fsm,
            non_fsm: p_non_fsm,
            fsm_text: format!("Derived: {post_common}"),
            non_fsm_text: format!("Derived, as the FSM rate: {post_common}"),
            sourced: false,
        };
        Ok(EnglandBase {
            cohort,
            fsm_share,
            stages: [early_years, ks2, ks4, level3, post19],
        })
    }

    fn share(&self) -> f64 {
        self.fsm_share.0
    }
}

fn build_england(x: &Extract, e: &EnglandBase) -> Result<Area, BuildError> {
    let [ey, ks2, ks4, l3, p19] = &e.stages;
    Ok(Area {
        fsm_definition_break: None,
        format_version: AREA_FORMAT_VERSION,
        id: "england".to_owned(),
        name: "England (national reference)".to_owned(),
        wave: None,
        region: None,
        geography: Some(Geography {
            kind: GeographyKind::Country,
            name: "England".to_owned(),
            code: None,
        }),
        base_year: BASE_YEAR,
        horizon_end_year: HORIZON_END_YEAR,
        cohort_size: Sourced::source(e.cohort.0, &e.cohort.1),
        fsm_share: Sourced::source(e.fsm_share.0, &e.fsm_share.1),
        stages: StageBaselines {
            early_years: ey.rates(),
            ks2: ks2.rates(),
            ks4: ks4.rates(),
            level3_by_19: l3.rates(),
            post19: p19.rates(),
        },
        links: standard_links(),
        as_of: Vec::new(),
        neighbours: None,
        observed: england_observed(x)?,
    })
}

// ---------------------------------------------------------------------------------------
// One Opportunity Area

fn build_oa(
    x: &Extract,
    g: &GeographyRow,
    spec: &OaSpec,
    e: &EnglandBase,
) -> Result<Area, BuildError> {
    if spec.district.is_some() == g.whole_la {
        return Err(BuildError::WholeLaMismatch {
            oa: spec.oa.to_owned(),
            whole_in_csv: g.whole_la,
        });
    }
    let la = g.la_name.as_str();
    let las = possessive(la);
    let proxy = spec.district.as_ref();
    // "County proxy: East Sussex's figures, not Hastings'." before every county-based text.
    let prefix = match proxy {
        Some(d) => format!(
            "County proxy: {las} figures, not {} (no source publishes district figures, and a deprived district can differ a lot from its county). ",
            possessive(d.name)
        ),
        None => String::new(),
    };
    let la_row = |measure: &str, group: &str, year: &str, hint: &str| {
        x.local(spec.oa, measure, group, year, hint)
    };

    // Cohort size and FSM share.
    let cohort_row = la_row("eyfs_pupils_n", "all", "2016/17", "nestauk")?;
    let smapey = "smapey";
    let fsm_row = la_row("eyfs_pupils_n", "fsm", "2017/18", smapey)?;
    let all_row = la_row("eyfs_pupils_n", "all", "2017/18", smapey)?;
    let la_fsm_share = share_of_counts(fsm_row, all_row)?;
    let la_share_text = format!(
        "{} of the {} children assessed at age 5 in {la} in 2017/18 were known to be eligible for free school meals, {} ({}; 2017/18 is the only year with LA counts by FSM)",
        count(fsm_row.number()?),
        count(all_row.number()?),
        pct1(la_fsm_share),
        cite(fsm_row)
    );
    let (cohort_size, fsm_share) = match proxy {
        None => (
            Sourced::source(
                cohort_row.number()?,
                &format!(
                    "{} children were assessed at the end of reception (EYFSP) in {la} in 2016/17 ({}). Every cohort is taken to have this size.",
                    count(cohort_row.number()?),
                    cite(cohort_row)
                ),
            ),
            Sourced::source(
                la_fsm_share,
                &format!("Share of two published counts: {la_share_text}."),
            ),
        ),
        Some(d) => district_cohort_and_share(d, la, cohort_row, la_fsm_share, &la_share_text)?,
    };
    let area_fsm_share = fsm_share.value;

    // Early years: the LA's own GLD rates by FSM.
    let (gf, gn) = (
        la_row("eyfs_gld_pct", "fsm", "2016/17", smapey)?,
        la_row("eyfs_gld_pct", "non_fsm", "2016/17", smapey)?,
    );
    let early_years = GroupRates {
        fsm_rate: Sourced::source(
            gf.share()?,
            &format!(
                "{prefix}{la}, 2016/17: {} of children known to be eligible for free school meals reached a good level of development ({}).",
                gf.as_written(),
                cite(gf)
            ),
        ),
        non_fsm_rate: Sourced::source(
            gn.share()?,
            &format!(
                "{prefix}{la}, 2016/17: {} of all other children (not eligible for free school meals, or eligibility unknown) reached a good level of development ({}).",
                gn.as_written(),
                cite(gn)
            ),
        ),
        fsm_trend_points_per_year: None,
        non_fsm_trend_points_per_year: None,
    };

    // KS2: England's FSM and non-FSM rates moved by the LA's 2021/22 disadvantage distances.
    let ks2_rate = |group: &str,
                    comparator: &str,
                    england: f64,
                    england_text: &str|
     -> Result<Sourced<f64>, BuildError> {
        let local = la_row(
            "ks2_rwm_expected_pct",
            comparator,
            "2021/22",
            "attainment_at_age_11/1.0",
        )?;
        let eng = x.england(
            "ks2_rwm_expected_pct",
            comparator,
            "2021/22",
            "R/input/SON26",
        )?;
        let value = round_to(probit_move(england, local.share()?, eng.share()?), 3);
        let label = if comparator == "disadvantaged" {
            "disadvantaged"
        } else {
            "non-disadvantaged"
        };
        Ok(Sourced::assumption(
            value,
            &format!(
                "{prefix}Derived, not published: no KS2 figure by FSM, and none for 2016/17, exists for {la}. England's 2016/17 {group} rate, {england_text}, moved by {las} distance from England for {label} pupils in 2021/22 on the model's latent (probit) scale, {} against England's {} ({}; {}): {}. Assumes {las} position relative to England in 2021/22 held in 2017, and that {group} pupils stand where {label} pupils do (disadvantaged: FSM in the last six years or looked after, a wider group than FSM).",
                local.as_written(),
                eng.as_written(),
                cite(local),
                cite_short(eng),
                pct1(value)
            ),
        ))
    };
    let [_, e_ks2, e_ks4, e_l3, e_p19] = &e.stages;
    let ks2_fsm_text = format!("{} (england.json)", pct1(e_ks2.fsm));
    let ks2_non_text = format!("{} (england.json)", pct1(e_ks2.non_fsm));
    let mut ks2 = GroupRates {
        fsm_rate: ks2_rate("FSM", "disadvantaged", e_ks2.fsm, &ks2_fsm_text)?,
        non_fsm_rate: ks2_rate("non-FSM", "non_disadvantaged", e_ks2.non_fsm, &ks2_non_text)?,
        fsm_trend_points_per_year: None,
        non_fsm_trend_points_per_year: None,
    };

    // KS4, Level 3, EET at 20: England's pair moved to the LA's all-pupil distance.
    let recent = ["2021/22", "2022/23", "2023/24"];
    let ks4_distance = all_pupil_distance(x, spec.oa, "ks4_em_grade4plus_pct", &recent, false)?;
    let mut ks4 = composed_rates(
        &prefix,
        la,
        e_ks4,
        e.share(),
        la_fsm_share,
        &ks4_distance,
        "its all-pupil rate of grade 4+ in English and maths",
        "2020/21 is left out: grades were teacher-assessed.",
    );
    let l3_distance = all_pupil_distance(x, spec.oa, "level3_by19_pct", &recent, false)?;
    let level3_by_19 = composed_rates(
        &prefix,
        la,
        e_l3,
        e.share(),
        la_fsm_share,
        &l3_distance,
        "its share of 19-year-olds with a Level 3 qualification",
        "Relative positions are taken to be less affected than levels by the teacher-assessed grades behind 2021/22.",
    );
    let neet_years = ["2021", "2022", "2023", "2024", "2025"];
    let neet_distance = all_pupil_distance(x, spec.oa, "neet_16_17_pct", &neet_years, true)?;
    let mut post19 = composed_rates(
        &prefix,
        la,
        e_p19,
        e.share(),
        la_fsm_share,
        &neet_distance,
        "its share of 16- and 17-year-olds in education, employment or training (one minus the NEET rate; NCCIS)",
        "Assumes the distance at 16-17 carries to age 20; NEET at 16-17 is not split by FSM.",
    );

    if spec.id == "hastings" {
        let (h_ks2, h_ks4, h_post) = hastings_rates(x, e, area_fsm_share)?;
        ks2 = h_ks2;
        ks4 = h_ks4;
        post19 = h_post;
    }

    let geography = Geography {
        kind: if proxy.is_some() {
            GeographyKind::CountyProxy
        } else {
            GeographyKind::WholeLocalAuthority
        },
        name: la.to_owned(),
        code: Some(g.la_code.clone()),
    };
    let mut observed = la_observed(x, spec, g)?;
    if spec.id == "hastings" {
        observed.extend(hastings_seed_series());
    }
    Ok(Area {
        fsm_definition_break: None,
        format_version: AREA_FORMAT_VERSION,
        id: spec.id.to_owned(),
        name: spec.name.to_owned(),
        wave: Some(g.wave),
        region: Some(
            region_of(&g.itl2_code)
                .ok_or_else(|| BuildError::UnknownRegion {
                    oa: spec.oa.to_owned(),
                    code: g.itl2_code.clone(),
                })?
                .to_owned(),
        ),
        geography: Some(geography),
        base_year: BASE_YEAR,
        horizon_end_year: HORIZON_END_YEAR,
        cohort_size,
        fsm_share,
        stages: StageBaselines {
            early_years,
            ks2,
            ks4,
            level3_by_19,
            post19,
        },
        links: standard_links(),
        as_of: Vec::new(),
        neighbours: None,
        observed,
    })
}

fn district_cohort_and_share(
    d: &District,
    la: &str,
    cohort_row: &Figure,
    la_fsm_share: f64,
    la_share_text: &str,
) -> Result<(Sourced<f64>, Sourced<f64>), BuildError> {
    let county_n = cohort_row.number()?;
    let by_share = county_n * d.resident_share;
    let county_count = format!(
        "{la} (the county) assessed {} children at age 5 in 2016/17 ({}); that is the county's cohort, NOT {}",
        count(county_n),
        cite(cohort_row),
        possessive(d.name)
    );
    let share_rule = format!(
        "{} has roughly {:.0}% of the county's residents (ONS mid-year population estimates, approximate; not in the extract)",
        d.name,
        d.resident_share * 100.0
    );
    let cohort = if d.name == "Hastings" {
        Sourced::assumption(
            850.0,
            &format!(
                "About 850 pupils per year group: 11,031 pupils in Hastings' 24 state schools spread over about 13 year groups (school-listing site, undated, in DOMAIN.md). {county_count}. {share_rule}, which would give about {}, so 850 may be low. Replace with the DfE count of children assessed at age 5 in Hastings.",
                count(round_to(by_share / 10.0, 0) * 10.0)
            ),
        )
    } else {
        let value = (by_share / 50.0).round() * 50.0;
        Sourced::assumption(
            value,
            &format!(
                "About {} pupils per year group, assumed: no source gives {} own figure. {county_count}. {share_rule}: {} × {} ≈ {}, rounded to {}. Replace with the district's own count of children assessed at age 5.",
                count(value),
                possessive(d.name),
                count(county_n),
                d.resident_share,
                count(by_share.round()),
                count(value)
            ),
        )
    };
    let share = round_to(la_fsm_share * DISTRICT_FSM_MULTIPLE, 2);
    let hastings_note = if d.name == "Hastings" {
        " The median Hastings school had 36% FSM in recent, undated listings (DOMAIN.md), also well above the county. The earlier 30% came from those recent listings, when England's share was higher than in 2017, and from England's disadvantaged (not FSM) share."
    } else {
        ""
    };
    let fsm = Sourced::assumption(
        share,
        &format!(
            "{}% eligible for free school meals, assumed. The county's share is not {}: {la_share_text}, and a deprived district has a higher share than its county. Taken as {} times the county's share, rounded to a whole percentage, the same rule for all six district Opportunity Areas (no source gives a district's share).{hastings_note}",
            (share * 100.0).round(),
            possessive(d.name),
            DISTRICT_FSM_MULTIPLE
        ),
    );
    Ok((cohort, fsm))
}

/// The mean distance on the probit scale between an LA's all-pupil rate and England's
/// over `years`, with the figures behind it.
struct Distance {
    mean: f64,
    /// (year, LA figure, England figure) as written.
    years: Vec<(String, String, String)>,
    /// Put before each year's figures: "NEET " when they are NEET rates.
    label: &'static str,
    /// Years left out, with the reason.
    left_out: Vec<String>,
    sources: String,
    measure: &'static str,
}

fn all_pupil_distance(
    x: &Extract,
    oa: &str,
    measure: &'static str,
    years: &[&str],
    neet: bool,
) -> Result<Distance, BuildError> {
    let mut total = 0.0;
    let mut used = Vec::new();
    let mut left_out = Vec::new();
    let mut rows = Vec::new();
    for &year in years {
        let local = x.local(oa, measure, "all", year, "")?;
        let eng = x.england(measure, "all", year, "")?;
        if neet {
            let not_known = x.local(oa, "not_known_16_17_pct", "all", year, "")?;
            if not_known.number()? > NOT_KNOWN_LIMIT_PCT {
                left_out.push(format!(
                    "{year} is left out: {}% of the cohort's activity was not known, so NEET is understated",
                    not_known.as_number_written()
                ));
                continue;
            }
        }
        // Rates of being in the good state: attainment, or not NEET.
        let (l, e) = if neet {
            (1.0 - local.share()?, 1.0 - eng.share()?)
        } else {
            (local.share()?, eng.share()?)
        };
        total += inverse_cdf(l) - inverse_cdf(e);
        used.push((year.to_owned(), local.as_written(), eng.as_written()));
        rows.push(local);
    }
    if used.is_empty() {
        return Err(BuildError::NoUsableYears {
            oa: oa.to_owned(),
            measure: measure.to_owned(),
        });
    }
    Ok(Distance {
        mean: total / used.len() as f64,
        years: used,
        left_out,
        sources: sources_of(&rows),
        measure,
        label: if neet { "NEET " } else { "" },
    })
}

/// England's FSM and non-FSM rates moved by one probit shift, chosen so that with the
/// LA's FSM share its all-pupil rate is England's moved by the LA's mean distance.
#[allow(clippy::too_many_arguments)]
fn composed_rates(
    prefix: &str,
    la: &str,
    england: &Pair,
    england_share: f64,
    la_share: f64,
    distance: &Distance,
    what: &str,
    caveat: &str,
) -> GroupRates {
    let target = cdf(inverse_cdf(england.all(england_share)) + distance.mean);
    let shift = solve_shift(england.fsm, england.non_fsm, la_share, target);
    let fsm = round_to(cdf(inverse_cdf(england.fsm) + shift), 3);
    let non_fsm = round_to(cdf(inverse_cdf(england.non_fsm) + shift), 3);
    let years = distance
        .years
        .iter()
        .map(|(y, l, e)| format!("{y} {}{l} against {e}", distance.label))
        .collect::<Vec<_>>()
        .join(", ");
    let left_out = if distance.left_out.is_empty() {
        String::new()
    } else {
        format!(" {}.", distance.left_out.join("; "))
    };
    let las = possessive(la);
    let common = format!(
        "England's 2017 FSM and non-FSM rates ({} and {}, england.json) moved together on the model's latent (probit) scale by {:+.3} SD, so that with {las} FSM share ({}) {las} all-pupil rate sits as far from England's as {what} did ({years}; mean distance {:+.3} SD; figures.csv: {}, all, {la} LA row and England row; {}).{left_out} {caveat} Assumes {las} position relative to England held in 2017, the same for FSM and non-FSM pupils. Gives FSM {}, non-FSM {}.",
        pct1(england.fsm),
        pct1(england.non_fsm),
        shift,
        pct1(la_share),
        distance.mean,
        distance.measure,
        distance.sources,
        pct1(fsm),
        pct1(non_fsm)
    );
    GroupRates {
        fsm_rate: Sourced::assumption(
            fsm,
            &format!("{prefix}Derived, not published: no figure by FSM exists for {la}. {common}"),
        ),
        non_fsm_rate: Sourced::assumption(
            non_fsm,
            &format!("{prefix}Derived, not published: no figure by FSM exists for {la}. {common}"),
        ),
        fsm_trend_points_per_year: None,
        non_fsm_trend_points_per_year: None,
    }
}

/// The probit shift `s` with `f Φ(Φ⁻¹(p_F) + s) + (1 − f) Φ(Φ⁻¹(p_N) + s) = target`, by
/// bisection (the left side increases with `s`).
fn solve_shift(p_fsm: f64, p_non_fsm: f64, f: f64, target: f64) -> f64 {
    let (z_f, z_n) = (inverse_cdf(p_fsm), inverse_cdf(p_non_fsm));
    let (mut low, mut high) = (-5.0_f64, 5.0_f64);
    for _ in 0..200 {
        let mid = 0.5 * (low + high);
        let all = f * cdf(z_f + mid) + (1.0 - f) * cdf(z_n + mid);
        if all < target {
            low = mid;
        } else {
            high = mid;
        }
    }
    0.5 * (low + high)
}

/// `p` moved by the probit distance from `from` to `to`: Φ(Φ⁻¹(p) + Φ⁻¹(to) − Φ⁻¹(from)).
fn probit_move(p: f64, to: f64, from: f64) -> f64 {
    cdf(inverse_cdf(p) + inverse_cdf(to) - inverse_cdf(from))
}

/// Hastings' KS2, KS4 and EET-at-20 rates from its own district figures.
fn hastings_rates(
    x: &Extract,
    e: &EnglandBase,
    f: f64,
) -> Result<(GroupRates, GroupRates, GroupRates), BuildError> {
    let [_, e_ks2, e_ks4, _, e_p19] = &e.stages;
    let seed = brief::SEED_FSM_KS2_KS4;
    let fsm =
        |stage: &str| Sourced::source(seed, &brief::SEED_FSM_TEXT.replace("KS2 and KS4", stage));

    // KS2: the 2016 reading and maths distances from England, averaged, applied to
    // England's 2017 all-pupil rate.
    let distance = |(local, england): (f64, f64)| inverse_cdf(local) - inverse_cdf(england);
    let ks2_distance = 0.5 * (distance(brief::KS2_READING) + distance(brief::KS2_MATHS));
    let e_ks2_all = e_ks2.all(e.share());
    let ks2_all = cdf(inverse_cdf(e_ks2_all) + ks2_distance);
    let ks2_non = round_to((ks2_all - f * seed) / (1.0 - f), 3);
    let es_non = x.local(
        "Hastings",
        "ks2_rwm_expected_pct",
        "non_disadvantaged",
        "2021/22",
        "",
    )?;
    let eng_non = x.england(
        "ks2_rwm_expected_pct",
        "non_disadvantaged",
        "2021/22",
        "R/input/SON26",
    )?;
    let es_check = probit_move(e_ks2.non_fsm, es_non.share()?, eng_non.share()?);
    let ks2 = GroupRates {
        fsm_rate: fsm("KS2"),
        non_fsm_rate: Sourced::assumption(
            ks2_non,
            &format!(
                "Derived from Hastings' own figures: in 2016, 57% of Hastings' pupils reached the expected standard in reading and 59% in maths, against England's 66% and 70% (Hastings OA website, in DOMAIN.md): on average {:.3} SD below England on the model's latent (probit) scale. Applied to England's 2017 all-pupil rate ({}, implied by england.json's FSM and non-FSM rates; DfE published 61%), Hastings' all-pupil rate in 2017 is about {}. With the seed's 25% for FSM pupils and the FSM share {}: non-FSM = ({} − {} × 25%) / (1 − {}) = {}. Cross-check: East Sussex's non-disadvantaged pupils were at {} against England's {} in 2021/22 ({}), which moves England's non-FSM rate to {} for the county. The earlier 45% (25% plus England's disadvantage gap) implied an all-pupil rate near 39%, far below the 2016 figures.",
                -ks2_distance,
                pct1(e_ks2_all),
                pct1(ks2_all),
                pct1(f),
                pct1(ks2_all),
                f,
                f,
                pct1(ks2_non),
                es_non.as_written(),
                eng_non.as_written(),
                cite(es_non),
                pct1(es_check)
            ),
        ),
        fsm_trend_points_per_year: None,
        non_fsm_trend_points_per_year: None,
    };

    // KS4: the 2016 GCSE English distance applied to England's 2017 all-pupil rate.
    let ks4_distance = distance(brief::GCSE_ENGLISH_C);
    let e_ks4_all = e_ks4.all(e.share());
    let ks4_all = cdf(inverse_cdf(e_ks4_all) + ks4_distance);
    let ks4_non = round_to((ks4_all - f * seed) / (1.0 - f), 3);
    let ks4 = GroupRates {
        fsm_rate: fsm("KS4"),
        non_fsm_rate: Sourced::assumption(
            ks4_non,
            &format!(
                "Derived from Hastings' own figures: in 2016, 65% of Hastings' pupils got GCSE English at grade C or above, against England's 75% (Hastings OA website, in DOMAIN.md): {:.3} SD below England on the model's latent (probit) scale. Applied to England's 2017 all-pupil rate of grade 4+ in English and maths ({}, implied by england.json), Hastings' all-pupil rate in 2017 is about {}. With the seed's 25% for FSM pupils and the FSM share {}: non-FSM = ({} − {} × 25%) / (1 − {}) = {}. Assumes English alone shows Hastings' distance in English and maths. The earlier 52% was 25% plus England's disadvantage gap.",
                -ks4_distance,
                pct1(e_ks4_all),
                pct1(ks4_all),
                pct1(f),
                pct1(ks4_all),
                f,
                f,
                pct1(ks4_non)
            ),
        ),
        fsm_trend_points_per_year: None,
        non_fsm_trend_points_per_year: None,
    };

    // EET at 20: Hastings' own 2019/20 destinations distance.
    let (h, eng) = brief::NO_DESTINATION;
    let post_distance = inverse_cdf(1.0 - h) - inverse_cdf(1.0 - eng);
    let target = cdf(inverse_cdf(e_p19.all(e.share())) + post_distance);
    let shift = solve_shift(e_p19.fsm, e_p19.non_fsm, f, target);
    let (p_fsm, p_non) = (
        round_to(cdf(inverse_cdf(e_p19.fsm) + shift), 3),
        round_to(cdf(inverse_cdf(e_p19.non_fsm) + shift), 3),
    );
    let common = format!(
        "England's 2017 rates of being in education, employment or training at 20 ({} FSM, {} non-FSM; england.json) moved together on the model's latent (probit) scale by {:+.3} SD, so that with Hastings' FSM share ({}) its all-pupil rate sits as far from England's as its KS4 leavers' sustained destinations did in 2019/20: 8.9% of Hastings' leavers had no sustained destination against England's 5.6% (East Sussex 7%; DfE destinations via local press, in DOMAIN.md), {:+.3} SD. A Hastings district figure; assumes the distance at 16-17 carries to age 20. Gives FSM {}, non-FSM {}.",
        pct1(e_p19.fsm),
        pct1(e_p19.non_fsm),
        shift,
        pct1(f),
        post_distance,
        pct1(p_fsm),
        pct1(p_non)
    );
    let post19 = GroupRates {
        fsm_rate: Sourced::assumption(p_fsm, &format!("Derived: {common}")),
        non_fsm_rate: Sourced::assumption(p_non, &format!("Derived: {common}")),
        fsm_trend_points_per_year: None,
        non_fsm_trend_points_per_year: None,
    };
    Ok((ks2, ks4, post19))
}

/// Persistence and latent correlations: model assumptions, the same for every area.
pub(crate) fn standard_links() -> StageLinks {
    let link = |persistence: f64, p_text: &str, correlation: f64, c_text: &str| StageLink {
        effect_persistence: Sourced::assumption(persistence, p_text),
        latent_correlation: Sourced::assumption(correlation, c_text),
    };
    StageLinks {
        early_years_to_ks2: link(
            0.25,
            "A quarter of an early-years effect remains at age 11: about half fades within a year and half again two years later (Bailey et al. 2017, J. Research on Educational Effectiveness 10(1); Li, Duncan et al. meta-analysis of 67 studies).",
            0.55,
            "Correlation between attainment at age 5 and age 11; about 40% of the age-16 gap is already present at age 5 (EPI annual report 2025).",
        ),
        ks2_to_ks4: link(
            0.5,
            "Half of a primary-school effect remains at 16 (fade-out as in Bailey et al. 2017, slower for school-age programmes).",
            0.75,
            "Correlation between attainment at 11 and 16; KS2 prior attainment strongly predicts KS4 results (DfE KS4 performance by prior attainment).",
        ),
        ks4_to_level3_by_19: link(
            0.6,
            "Grade 4+ in English and maths gates Level 3 routes, so most of a KS4 effect carries to 19.",
            0.7,
            "Correlation between attainment at 16 and Level 3 by 19.",
        ),
        level3_by_19_to_post19: link(
            0.45,
            "Qualifications at 19 carry into destinations (97.6% vs 87.2% in a sustained destination with and without grade 4+ English and maths, DfE KS4 destinations 2019/20), but a causal carry-over cannot be larger than the observed association: 0.45 is set just below this link's latent correlation of 0.5.",
            0.5,
            "Correlation between attainment at 19 and being in education, employment or training at 20.",
        ),
    }
}

// ---------------------------------------------------------------------------------------
// Observed series

struct SeriesSpec {
    stage: ObservedStage,
    group: ObservedGroup,
    measure: &'static str,
    /// Which rows: a text the source repository and path must contain ("" for any).
    hint: &'static str,
    role: SeriesRole,
}

const fn series(
    stage: ObservedStage,
    group: ObservedGroup,
    measure: &'static str,
    hint: &'static str,
    role: SeriesRole,
) -> SeriesSpec {
    SeriesSpec {
        stage,
        group,
        measure,
        hint,
        role,
    }
}

use ObservedGroup as G;
use ObservedStage as S;
use SeriesRole::{Context, ModelOutcome};

const LA_SERIES: [SeriesSpec; 9] = [
    series(
        S::EarlyYears,
        G::Fsm,
        "eyfs_gld_pct",
        "smapey",
        ModelOutcome,
    ),
    series(
        S::EarlyYears,
        G::NonFsm,
        "eyfs_gld_pct",
        "smapey",
        ModelOutcome,
    ),
    series(
        S::EarlyYears,
        G::All,
        "eyfs_gld_pct",
        "nestauk",
        ModelOutcome,
    ),
    series(
        S::Ks2,
        G::Disadvantaged,
        "ks2_rwm_expected_pct",
        "",
        Context,
    ),
    series(
        S::Ks2,
        G::NonDisadvantaged,
        "ks2_rwm_expected_pct",
        "",
        Context,
    ),
    series(S::Ks4, G::All, "ks4_em_grade4plus_pct", "", ModelOutcome),
    series(S::Level3By19, G::All, "level3_by19_pct", "", ModelOutcome),
    series(S::Neet16To17, G::All, "neet_16_17_pct", "", Context),
    series(
        S::Neet16To17,
        G::All,
        "neet_or_not_known_16_17_pct",
        "",
        Context,
    ),
];

const ENGLAND_SERIES: [SeriesSpec; 18] = [
    series(
        S::EarlyYears,
        G::Fsm,
        "eyfs_gld_pct",
        "R/input/SON26",
        ModelOutcome,
    ),
    series(
        S::EarlyYears,
        G::NonFsm,
        "eyfs_gld_pct",
        "R/input/SON26",
        ModelOutcome,
    ),
    series(
        S::EarlyYears,
        G::All,
        "eyfs_gld_pct",
        "R/input/SON26",
        ModelOutcome,
    ),
    series(
        S::Ks2,
        G::Fsm,
        "ks2_rwm_expected_pct",
        "/2.0/",
        ModelOutcome,
    ),
    series(
        S::Ks2,
        G::NonFsm,
        "ks2_rwm_expected_pct",
        "/2.0/",
        ModelOutcome,
    ),
    series(
        S::Ks2,
        G::All,
        "ks2_rwm_expected_pct",
        "R/input/SON26",
        ModelOutcome,
    ),
    series(
        S::Ks2,
        G::Disadvantaged,
        "ks2_rwm_expected_pct",
        "R/input/SON26",
        Context,
    ),
    series(
        S::Ks2,
        G::NonDisadvantaged,
        "ks2_rwm_expected_pct",
        "R/input/SON26",
        Context,
    ),
    series(S::Ks4, G::All, "ks4_em_grade4plus_pct", "", ModelOutcome),
    series(S::Ks4, G::Fsm, "ks4_em_grade5plus_pct", "/2.0/", Context),
    series(S::Ks4, G::NonFsm, "ks4_em_grade5plus_pct", "/2.0/", Context),
    series(
        S::Ks4,
        G::All,
        "ks4_em_grade5plus_pct",
        "R/input/SON26",
        Context,
    ),
    series(
        S::Ks4,
        G::Disadvantaged,
        "ks4_em_grade5plus_pct",
        "R/input/SON26",
        Context,
    ),
    series(
        S::Ks4,
        G::NonDisadvantaged,
        "ks4_em_grade5plus_pct",
        "R/input/SON26",
        Context,
    ),
    series(S::Level3By19, G::All, "level3_by19_pct", "", ModelOutcome),
    series(S::Neet16To17, G::All, "neet_16_17_pct", "", Context),
    series(
        S::Neet16To17,
        G::All,
        "neet_or_not_known_16_17_pct",
        "",
        Context,
    ),
    series(S::Neet16To18, G::All, "neet_16_18_pct", "", Context),
];

fn la_observed(
    x: &Extract,
    spec: &OaSpec,
    g: &GeographyRow,
) -> Result<Vec<ObservedSeries>, BuildError> {
    let geography = match &spec.district {
        Some(d) => format!("{} (county; proxy for {})", g.la_name, d.name),
        None => format!("{} (local authority)", g.la_name),
    };
    let proxy = spec.district.as_ref().map(|d| SeriesBreak {
        kind: BreakKind::CountyProxy,
        years: Vec::new(),
        note: format!(
            "{} figures, not {}: no source publishes district figures, and a deprived district can differ a lot from its county.",
            possessive(&g.la_name),
            possessive(d.name)
        ),
    });
    LA_SERIES
        .iter()
        .map(|s| {
            let rows = x.series_rows(Some(spec.oa), s)?;
            let mut built = observed_series(x, s, &rows, &geography, &g.la_name, Some(spec.oa))?;
            if let Some(proxy) = &proxy {
                built.breaks.insert(0, proxy.clone());
            }
            Ok(built)
        })
        .collect()
}

fn england_observed(x: &Extract) -> Result<Vec<ObservedSeries>, BuildError> {
    let mut out = ENGLAND_SERIES
        .iter()
        .map(|s| {
            let rows = x.series_rows(None, s)?;
            observed_series(x, s, &rows, "England", "England", None)
        })
        .collect::<Result<Vec<_>, BuildError>>()?;
    // The model's own KS4 measure by disadvantage, from the domain brief (not in the extract).
    let (disadvantaged, other) = brief::KS4_GRADE4_DISADVANTAGED;
    for (group, value) in [
        (G::Disadvantaged, disadvantaged),
        (G::NonDisadvantaged, other),
    ] {
        out.push(ObservedSeries {
            stage: S::Ks4,
            group,
            measure: "ks4_em_grade4plus".to_owned(),
            role: Context,
            geography: "England".to_owned(),
            definition: format!(
                "Share of pupils with grade 4 or above (a standard pass) in both English and maths GCSEs at the end of KS4. {}",
                group_definition(group, "")
            ),
            source: "DfE KS4 national characteristics 2018/19, as quoted in DOMAIN.md (England baselines): 44.7% of disadvantaged pupils vs 71.8% of other pupils.".to_owned(),
            breaks: vec![disadvantaged_break()],
            comparison: None,
            points: vec![ObservedPoint { range: None, year: 2019, value }],
        });
    }
    Ok(out)
}

/// The seed deck's Hastings figures, the model's base-year calibration values.
fn hastings_seed_series() -> Vec<ObservedSeries> {
    [
        (S::Ks2, "met the expected standard at the end of KS2 (the deck does not name the measure; the model reads it as reading, writing and maths)"),
        (S::Ks4, "reached the expected standard at the end of KS4 (the deck does not name the measure; the model reads it as grade 4+ in English and maths)"),
    ]
    .into_iter()
    .map(|(stage, what)| ObservedSeries {
        stage,
        group: G::Fsm,
        measure: "expected_standard_seed".to_owned(),
        role: ModelOutcome,
        geography: "Hastings (Opportunity Area)".to_owned(),
        definition: format!("Share of pupils known to be eligible for free school meals who {what}."),
        source: "Seed deck (Hastings OA, Head of Delivery), in DOMAIN.md: \"only 25% of FSM pupils reach expected standards at the end of KS2 and KS4\", dated 2017. The model's base-year value, so it checks the calibration, not a change.".to_owned(),
        breaks: Vec::new(),
        comparison: None,
        points: vec![ObservedPoint {
            range: None,
            year: BASE_YEAR,
            value: brief::SEED_FSM_KS2_KS4,
        }],
    })
    .collect()
}

fn disadvantaged_break() -> SeriesBreak {
    SeriesBreak {
        kind: BreakKind::DisadvantagedNotFsm,
        years: Vec::new(),
        note: "Disadvantaged pupils (FSM at any time in the last six years, or looked after) are a wider group than FSM pupils, and their rates run higher: not the model's FSM group.".to_owned(),
    }
}

fn observed_series(
    x: &Extract,
    spec: &SeriesSpec,
    rows: &[&Figure],
    geography: &str,
    place: &str,
    oa: Option<&str>,
) -> Result<ObservedSeries, BuildError> {
    let mut points = Vec::new();
    let mut missing = Vec::new();
    for row in rows {
        let year = row.calendar_year()?;
        match row.value {
            Some(_) => points.push(ObservedPoint {
                range: None,
                year,
                value: row.share()?,
            }),
            None => missing.push(year),
        }
    }
    let years: Vec<i32> = points.iter().map(|p| p.year).collect();
    let within = |candidates: &[i32]| -> Vec<i32> {
        candidates
            .iter()
            .copied()
            .filter(|y| years.contains(y))
            .collect()
    };
    let mut breaks = Vec::new();
    if !missing.is_empty() {
        let what = match spec.stage {
            S::EarlyYears => "The EYFSP was not collected",
            S::Ks2 => "KS2 tests were not held",
            _ => "No figures were published",
        };
        breaks.push(SeriesBreak {
            kind: BreakKind::NoAssessment,
            years: missing.clone(),
            note: format!(
                "{what} in {} (COVID-19): no point for those years.",
                join_years(&missing)
            ),
        });
    }
    if spec.stage == S::EarlyYears {
        let reformed: Vec<i32> = years.iter().copied().filter(|&y| y >= 2022).collect();
        if !reformed.is_empty() {
            breaks.push(SeriesBreak {
                kind: BreakKind::EyfsReform2021,
                years: reformed,
                note: "The EYFS was reformed in September 2021: figures from 2022 on are not directly comparable with 2019 and earlier.".to_owned(),
            });
        }
    }
    if spec.stage == S::Ks2 {
        let early = within(&[2016, 2017]);
        if !early.is_empty() && years.iter().any(|&y| y >= 2018) {
            breaks.push(SeriesBreak {
                kind: BreakKind::Ks2AssessmentChange,
                years: early,
                note: "The Social Mobility Commission notes that 2016 and 2017 are not directly comparable with later years, after the 2018 changes to the teacher assessment framework.".to_owned(),
            });
        }
    }
    if spec.stage == S::Ks4 {
        let assessed = within(&[2020, 2021]);
        if !assessed.is_empty() {
            breaks.push(SeriesBreak {
                kind: BreakKind::TeacherAssessedGrades,
                years: assessed,
                note: "GCSE exams were cancelled in 2020 and 2021; grades were centre- or teacher-assessed, so rates ran high.".to_owned(),
            });
        }
    }
    if spec.stage == S::Level3By19 {
        let assessed = within(&[2021, 2022]);
        if !assessed.is_empty() {
            breaks.push(SeriesBreak {
                kind: BreakKind::TeacherAssessedGrades,
                years: assessed,
                note: "19-year-olds of 2020/21 and 2021/22 took their Level 3 qualifications at 18 in summers 2020 and 2021, when exams were cancelled and grades centre- or teacher-assessed.".to_owned(),
            });
        }
    }
    if matches!(spec.group, G::Disadvantaged | G::NonDisadvantaged) {
        breaks.push(disadvantaged_break());
    }
    if spec.stage == S::Neet16To17 {
        if let Some(oa) = oa {
            let mut doubtful = Vec::new();
            for &year in &years {
                let not_known = x.local(oa, "not_known_16_17_pct", "all", &year.to_string(), "")?;
                if not_known.number()? > NOT_KNOWN_LIMIT_PCT {
                    doubtful.push((year, not_known.as_number_written()));
                }
            }
            if !doubtful.is_empty() {
                breaks.push(SeriesBreak {
                    kind: BreakKind::DataQuality,
                    years: doubtful.iter().map(|(y, _)| *y).collect(),
                    note: format!(
                        "The activity of many 16-17s was not known ({}), so NEET is understated.{}",
                        doubtful
                            .iter()
                            .map(|(y, v)| format!("{v}% in {y}"))
                            .collect::<Vec<_>>()
                            .join(", "),
                        if oa == "Stoke-on-Trent" {
                            " The extract's README calls Stoke-on-Trent's 2024 figures a likely recording or data-quality issue, not a real change."
                        } else {
                            ""
                        }
                    ),
                });
            }
        }
    }
    let measure = spec.measure.trim_end_matches("_pct").to_owned();
    let hint = rows.first().map(|r| r.source_repo.as_str()).unwrap_or("");
    Ok(ObservedSeries {
        stage: spec.stage,
        group: spec.group,
        measure,
        role: spec.role,
        geography: geography.to_owned(),
        definition: format!(
            "{} {}",
            measure_definition(spec.measure),
            group_definition(spec.group, hint)
        ),
        source: format!(
            "figures.csv (docs/data/opportunity-areas), {place} rows, measure {}, group {}: {}",
            spec.measure,
            group_key(spec.group),
            sources_of(rows)
        ),
        breaks,
        comparison: None,
        points,
    })
}

fn measure_definition(measure: &str) -> &'static str {
    match measure {
        "eyfs_gld_pct" => "Share of children reaching a good level of development at the end of reception (age 5): \"A child is classed as having a good level of development if they meet at least the expected standard in the early years foundation stage (EYFS)\" (smc-son IN11).",
        "ks2_rwm_expected_pct" => "\"Percentage of pupils who met the expected standard in reading, writing and maths at the end of key stage 2\" (smc-son IN12).",
        "ks4_em_grade4plus_pct" => "Share of pupils achieving grade 9-4 (a standard pass) in both English and maths GCSEs, state-funded schools (DfE, via the NCCIS LA dashboard). Year = the DfE release the dashboard links to.",
        "ks4_em_grade5plus_pct" => "\"Percentage of children who got a pass (grade 5 or above) in both English and maths GCSEs by the end of key stage 4\" (smc-son IN13): grade 5+, not the model's grade 4+.",
        "level3_by19_pct" => "Share of 19-year-olds achieving Level 3, young people living in the area (DfE Level 2 and 3 attainment age 16 to 25, via the NCCIS LA dashboard). Year = the DfE release the dashboard links to.",
        "neet_16_17_pct" => "Share of young people aged 16 and 17 (academic age) not in education, employment or training, average of December, January and February, excluding young adult offenders in custody (NCCIS). A NEET share: compare with one minus the model's rate at 20, bearing in mind the age difference.",
        "neet_or_not_known_16_17_pct" => "Share of young people aged 16 and 17 (academic age) who are NEET or whose activity is not known, average of December, January and February (NCCIS). Context for NEET.",
        "neet_16_18_pct" => "Share of 16- to 18-year-olds NEET (unemployed or economically inactive) at the end of the calendar year (DfE Participation in education, training and employment, via smc-son DR21).",
        _ => "A published share.",
    }
}

fn group_definition(group: ObservedGroup, repo: &str) -> &'static str {
    match group {
        G::Fsm => "Group: pupils known to be eligible for free school meals.",
        G::NonFsm if repo.contains("smapey") => {
            "Group: all other children, not eligible for free school meals or eligibility unknown."
        }
        G::NonFsm => "Group: pupils not known to be eligible for free school meals.",
        G::Disadvantaged => "Group: disadvantaged pupils, eligible for free school meals at any point in the last six years or looked after by (or adopted from the care of) a local authority: wider than FSM.",
        G::NonDisadvantaged => "Group: pupils not known to be disadvantaged.",
        G::All => "Group: all pupils (all young people, for NEET and Level 3).",
    }
}

fn group_key(group: ObservedGroup) -> &'static str {
    match group {
        G::Fsm => "fsm",
        G::NonFsm => "non_fsm",
        G::Disadvantaged => "disadvantaged",
        G::NonDisadvantaged => "non_disadvantaged",
        G::All => "all",
    }
}

// ---------------------------------------------------------------------------------------
// The extract

/// One row of figures.csv.
#[derive(Debug, Clone)]
struct Figure {
    oa: String,
    geography_name: String,
    level: String,
    measure: String,
    group: String,
    year: String,
    /// `None` where the source has no figure (no assessment that year).
    value: Option<f64>,
    value_text: String,
    unit: String,
    source_repo: String,
    source_path: String,
    source_commit: String,
}

impl Figure {
    fn is_local_authority(&self) -> bool {
        self.level == "local authority (upper tier)"
    }

    /// Which figure this is, for an error.
    fn key(&self) -> Box<FigureKey> {
        Box::new(FigureKey::new(
            &self.oa,
            &self.measure,
            &self.group,
            &self.year,
        ))
    }

    fn number(&self) -> Result<f64, BuildError> {
        self.value
            .ok_or_else(|| BuildError::NoValue { figure: self.key() })
    }

    /// The value as a share 0-1, rounded to the source's precision (a percentage with
    /// one decimal is a share with three, exactly as written).
    fn share(&self) -> Result<f64, BuildError> {
        let value = self.number()?;
        if self.unit == "percent" && (0.0..=100.0).contains(&value) {
            Ok(round_to(value / 100.0, decimals(&self.value_text) + 2))
        } else {
            Err(BuildError::NotAShare {
                figure: self.key(),
                value: self.value_text.clone(),
                unit: self.unit.clone(),
            })
        }
    }

    /// The figure as the source writes it, e.g. `58.8%`.
    fn as_written(&self) -> String {
        format!("{}%", self.value_text)
    }

    fn as_number_written(&self) -> String {
        self.value_text.clone()
    }

    /// The calendar year of the summer that ends the academic year (2016/17 → 2017);
    /// NCCIS years as given; DfE's "end 2015" → 2015. An academic year must end the year
    /// after it starts (2016/18 is refused).
    fn calendar_year(&self) -> Result<i32, BuildError> {
        let text = self.year.trim_start_matches("end ");
        let parsed = match text.split_once('/') {
            Some((start, end)) => start
                .parse::<i32>()
                .ok()
                .filter(|y| end == format!("{:02}", (y + 1) % 100))
                .map(|y| y + 1),
            None => text.parse::<i32>().ok(),
        };
        parsed.ok_or_else(|| BuildError::BadYear { figure: self.key() })
    }
}

/// The share `part` is of `whole`, two counts of the extract, to four decimals (the texts
/// show it as a percentage with one).
fn share_of_counts(part: &Figure, whole: &Figure) -> Result<f64, BuildError> {
    Ok(round_to(part.number()? / whole.number()?, 4))
}

/// Counts of FSM and non-FSM pupils must add up to the count of all pupils.
fn check_counts_add_up(fsm: &Figure, non_fsm: &Figure, all: &Figure) -> Result<(), BuildError> {
    let (f, n, a) = (fsm.number()?, non_fsm.number()?, all.number()?);
    if f + n == a {
        Ok(())
    } else {
        Err(BuildError::CountsDoNotAddUp {
            area: all.oa.clone(),
            measure: all.measure.clone(),
            year: all.year.clone(),
            fsm: f,
            non_fsm: n,
            all: a,
        })
    }
}

struct Extract {
    figures: Vec<Figure>,
}

impl Extract {
    fn parse(text: &str) -> Result<Extract, BuildError> {
        const FILE: &str = "figures.csv";
        let records = parse_csv(FILE, text)?;
        let (header, rows) = records
            .split_first()
            .ok_or(BuildError::EmptyFile { file: FILE })?;
        let header = &header.fields;
        let column = |name: &'static str| {
            header
                .iter()
                .position(|h| h == name)
                .ok_or(BuildError::MissingColumn {
                    file: FILE,
                    column: name,
                })
        };
        let [oa, geography_name, level, measure, group, year, value, unit, repo, path, commit] = [
            "oa",
            "geography_name",
            "geography_level",
            "measure",
            "group",
            "year",
            "value",
            "unit",
            "source_repo",
            "source_path",
            "source_commit",
        ]
        .map(column);
        let (oa, geography_name, level, measure, group, year, value, unit, repo, path, commit) = (
            oa?,
            geography_name?,
            level?,
            measure?,
            group?,
            year?,
            value?,
            unit?,
            repo?,
            path?,
            commit?,
        );
        let mut figures = Vec::with_capacity(rows.len());
        for record in rows {
            let row = record.fields_checked(FILE, header.len())?;
            let value_text = row[value].trim().to_owned();
            let parsed = if value_text.is_empty() {
                None
            } else {
                Some(
                    value_text
                        .parse::<f64>()
                        .ok()
                        .filter(|v| v.is_finite())
                        .ok_or_else(|| BuildError::NotANumber {
                            file: FILE,
                            line: record.line,
                            column: "value",
                            value: value_text.clone(),
                        })?,
                )
            };
            figures.push(Figure {
                oa: row[oa].clone(),
                geography_name: row[geography_name].clone(),
                level: row[level].clone(),
                measure: row[measure].clone(),
                group: row[group].clone(),
                year: row[year].clone(),
                value: parsed,
                value_text,
                unit: row[unit].clone(),
                source_repo: row[repo].clone(),
                source_path: row[path].clone(),
                source_commit: row[commit].clone(),
            });
        }
        Ok(Extract { figures })
    }

    /// The one figure of `area` (an OA's LA row, or England's) for the measure, group and
    /// year whose source's repository and path contain `hint`.
    fn find(
        &self,
        area: &str,
        keep: impl Fn(&Figure) -> bool,
        measure: &str,
        group: &str,
        year: &str,
        hint: &str,
    ) -> Result<&Figure, BuildError> {
        let found: Vec<&Figure> = self
            .figures
            .iter()
            .filter(|f| {
                keep(f)
                    && f.measure == measure
                    && f.group == group
                    && f.year == year
                    && format!("{} {}", f.source_repo, f.source_path).contains(hint)
            })
            .collect();
        let figure = || Box::new(FigureKey::new(area, measure, group, year));
        match found.as_slice() {
            [one] => Ok(one),
            [] => Err(BuildError::MissingFigure {
                figure: figure(),
                hint: hint.to_owned(),
            }),
            _ => Err(BuildError::DuplicateFigure {
                figure: figure(),
                hint: hint.to_owned(),
                rows: found.len(),
            }),
        }
    }

    /// The LA row (the county's, for a district) of an Opportunity Area.
    fn local(
        &self,
        oa: &str,
        measure: &str,
        group: &str,
        year: &str,
        hint: &str,
    ) -> Result<&Figure, BuildError> {
        self.find(
            oa,
            |f| f.oa == oa && f.is_local_authority(),
            measure,
            group,
            year,
            hint,
        )
    }

    fn england(
        &self,
        measure: &str,
        group: &str,
        year: &str,
        hint: &str,
    ) -> Result<&Figure, BuildError> {
        self.find("England", |f| f.oa == "England", measure, group, year, hint)
    }

    fn england_latest(&self, measure: &str, year: &str) -> Result<&Figure, BuildError> {
        self.england(measure, "all", year, "")
    }

    /// The rows of one series, in year order: an LA's (or England's when `oa` is `None`).
    fn series_rows(&self, oa: Option<&str>, spec: &SeriesSpec) -> Result<Vec<&Figure>, BuildError> {
        let group = group_key(spec.group);
        let mut rows: Vec<&Figure> = self
            .figures
            .iter()
            .filter(|f| match oa {
                Some(oa) => f.oa == oa && f.is_local_authority(),
                None => f.oa == "England",
            })
            .filter(|f| {
                f.measure == spec.measure
                    && f.group == group
                    && format!("{} {}", f.source_repo, f.source_path).contains(spec.hint)
            })
            .collect();
        let mut keyed = Vec::with_capacity(rows.len());
        for row in rows.drain(..) {
            keyed.push((row.calendar_year()?, row));
        }
        keyed.sort_by_key(|(year, _)| *year);
        let area = oa.unwrap_or("England");
        if let Some(w) = keyed.windows(2).find(|w| w[0].0 == w[1].0) {
            return Err(BuildError::DuplicateYear {
                area: area.to_owned(),
                measure: spec.measure.to_owned(),
                group: group.to_owned(),
                year: w[0].0,
            });
        }
        if keyed.is_empty() {
            return Err(BuildError::MissingSeries {
                area: area.to_owned(),
                measure: spec.measure.to_owned(),
                group: group.to_owned(),
            });
        }
        Ok(keyed.into_iter().map(|(_, row)| row).collect())
    }
}

/// "figures.csv: eyfs_gld_pct, fsm, 2016/17, East Sussex LA row; <repo> <path> @<commit>".
fn cite(f: &Figure) -> String {
    format!(
        "figures.csv: {}, {}, {}, {}; {}",
        f.measure,
        f.group,
        f.year,
        row_name(f),
        source_of(f)
    )
}

/// The same without the measure, for a second figure of a pair.
fn cite_short(f: &Figure) -> String {
    format!("{}, {} {}; {}", f.group, f.year, row_name(f), source_of(f))
}

fn row_name(f: &Figure) -> String {
    if f.oa == "England" {
        "England row".to_owned()
    } else {
        format!("{} LA row", f.geography_name)
    }
}

fn source_of(f: &Figure) -> String {
    lait::cited(&f.source_repo, &f.source_path, &f.source_commit)
}

/// The distinct files behind some rows, each with its years: "repo path @commit (2021, 2022)".
fn sources_of(rows: &[&Figure]) -> String {
    let mut files: Vec<(String, Vec<String>)> = Vec::new();
    for row in rows {
        let source = source_of(row);
        match files.iter_mut().find(|(s, _)| *s == source) {
            Some((_, years)) => years.push(row.year.clone()),
            None => files.push((source, vec![row.year.clone()])),
        }
    }
    files
        .into_iter()
        .map(|(source, years)| format!("{source} ({})", years.join(", ")))
        .collect::<Vec<_>>()
        .join("; ")
}

/// One row of geography.csv.
struct GeographyRow {
    oa: String,
    wave: u16,
    la_name: String,
    la_code: String,
    whole_la: bool,
    itl2_code: String,
}

fn parse_geographies(text: &str) -> Result<Vec<GeographyRow>, BuildError> {
    const FILE: &str = "geography.csv";
    let records = parse_csv(FILE, text)?;
    let (header, rows) = records
        .split_first()
        .ok_or(BuildError::EmptyFile { file: FILE })?;
    let header = &header.fields;
    let column = |name: &'static str| {
        header
            .iter()
            .position(|h| h == name)
            .ok_or(BuildError::MissingColumn {
                file: FILE,
                column: name,
            })
    };
    let (oa, wave, la, code, whole, itl2) = (
        column("oa")?,
        column("wave")?,
        column("la_name_in_sources")?,
        column("la_code_2021_22")?,
        column("oa_is_whole_la")?,
        column("itl2_code")?,
    );
    rows.iter()
        .map(|record| {
            let row = record.fields_checked(FILE, header.len())?;
            Ok(GeographyRow {
                oa: row[oa].clone(),
                wave: row[wave].parse().map_err(|_| BuildError::NotANumber {
                    file: FILE,
                    line: record.line,
                    column: "wave",
                    value: row[wave].clone(),
                })?,
                la_name: row[la].clone(),
                la_code: row[code].clone(),
                whole_la: match row[whole].as_str() {
                    "yes" => true,
                    "no" => false,
                    other => {
                        return Err(BuildError::BadWholeLa {
                            line: record.line,
                            value: other.to_owned(),
                        })
                    }
                },
                itl2_code: row[itl2].clone(),
            })
        })
        .collect()
}

/// The English region (ITL1) containing an ITL2 region, from the code's first three
/// characters (ONS International Territorial Levels); `None` outside England.
fn region_of(itl2_code: &str) -> Option<&'static str> {
    let regions: BTreeMap<&str, &str> = [
        ("TLC", "North East"),
        ("TLD", "North West"),
        ("TLE", "Yorkshire and The Humber"),
        ("TLF", "East Midlands"),
        ("TLG", "West Midlands"),
        ("TLH", "East of England"),
        ("TLI", "London"),
        ("TLJ", "South East"),
        ("TLK", "South West"),
    ]
    .into_iter()
    .collect();
    itl2_code
        .get(..3)
        .and_then(|prefix| regions.get(prefix).copied())
}

/// One CSV record and the line of its file it starts on (from 1).
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Record {
    pub(crate) line: usize,
    pub(crate) fields: Vec<String>,
}

impl Record {
    /// The fields, if there are as many as the header has.
    pub(crate) fn fields_checked(
        &self,
        file: &'static str,
        expected: usize,
    ) -> Result<&[String], BuildError> {
        if self.fields.len() == expected {
            Ok(&self.fields)
        } else {
            Err(BuildError::FieldCount {
                file,
                line: self.line,
                found: self.fields.len(),
                expected,
            })
        }
    }
}

/// A small CSV reader (RFC 4180): quoted fields may hold commas, doubled quotes and
/// line breaks; `\r\n` and `\n` end records. `file` names the file in errors.
pub(crate) fn parse_csv(file: &'static str, text: &str) -> Result<Vec<Record>, BuildError> {
    let mut records = Vec::new();
    let mut fields = Vec::new();
    let mut field = String::new();
    let mut quoted = false;
    // The line being read, and the one the current record started on.
    let (mut line, mut start) = (1, 1);
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if quoted {
            match c {
                '"' if chars.peek() == Some(&'"') => {
                    field.push('"');
                    chars.next();
                }
                '"' => quoted = false,
                '\n' => {
                    line += 1;
                    field.push(c);
                }
                _ => field.push(c),
            }
        } else {
            match c {
                '"' if field.is_empty() => quoted = true,
                ',' => fields.push(std::mem::take(&mut field)),
                '\r' if chars.peek() == Some(&'\n') => {}
                '\n' => {
                    fields.push(std::mem::take(&mut field));
                    records.push(Record {
                        line: start,
                        fields: std::mem::take(&mut fields),
                    });
                    line += 1;
                    start = line;
                }
                _ => field.push(c),
            }
        }
    }
    if quoted {
        return Err(BuildError::UnterminatedQuote { file, line: start });
    }
    if !field.is_empty() || !fields.is_empty() {
        fields.push(field);
        records.push(Record {
            line: start,
            fields,
        });
    }
    Ok(records)
}

// ---------------------------------------------------------------------------------------
// Numbers and words

/// `x` rounded to `places` decimals, as the nearest f64 to that decimal (so it prints short).
pub(crate) fn round_to(x: f64, places: usize) -> f64 {
    let scale = 10f64.powi(places as i32);
    (x * scale).round() / scale
}

fn decimals(text: &str) -> usize {
    text.split_once('.').map_or(0, |(_, d)| d.len())
}

/// A share as a percentage with one decimal: 0.5884 → "58.8%".
fn pct1(share: f64) -> String {
    format!("{:.1}%", share * 100.0)
}

/// A count with thousands separators: 5663 → "5,663".
fn count(value: f64) -> String {
    crate::text::thousands(value)
}

/// "Hastings" → "Hastings'", "Derby" → "Derby's".
fn possessive(name: &str) -> String {
    if name.ends_with('s') {
        format!("{name}'")
    } else {
        format!("{name}'s")
    }
}

fn join_years(years: &[i32]) -> String {
    let words: Vec<String> = years.iter().map(|y| y.to_string()).collect();
    match words.as_slice() {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    //! Every expected number below is worked by hand (or with a normal table) in the
    //! comment above it, never by calling the code under test. Φ values used:
    //! Φ(0.5) = 0.691462, Φ(−0.5) = 0.308538, Φ(1) = 0.841345, Φ(−1) = 0.158655,
    //! Φ(1.5) = 0.933193; Φ⁻¹ of a rate is written z(rate).
    use super::*;

    const HEADER: &str = "oa,geography_name,geography_level,measure,group,year,value,unit,source_repo,source_path,source_commit,notes";
    const LA: &str = "local authority (upper tier)";

    /// Short names for the sources of the tables' rows (repository, path), each
    /// matching the hint the builder looks for.
    fn source(key: &str) -> &'static str {
        match key {
            "SON" => "ukgov-equality-hub/smc-son,R/input/SON26/in.csv",
            "NESTA" => "nestauk/eyfs,outputs/APS_GLD.csv",
            "SMAPEY" => "dfe/smapey,data/eyfs_fsm.csv",
            "KS2_LA" => "smc/son,son/attainment_at_age_11/1.0/IN12.csv",
            "KS2_EN" => "smc/son,son/attainment_at_age_11/2.0/IN12-2.0.csv",
            "KS4_EN" => "smc/son,son/attainment_at_age_16/2.0/IN13-2.0.csv",
            "NCCIS" => "dfe/nccis,data/dashboard.csv",
            other => panic!("no source {other} in the tests"),
        }
    }

    /// figures.csv records from a table of `oa,measure,group,year,value,unit,source`
    /// lines (`source` one of [`source`]'s names); England's rows are the country's, the
    /// others an LA's, and every commit is 0123456789abcdef.
    fn records(table: &str) -> Vec<String> {
        table
            .lines()
            .map(str::trim)
            .filter(|line| !line.is_empty())
            .map(|line| {
                let fields: Vec<&str> = line.split(',').collect();
                let [oa, measure, group, year, value, unit, from] = fields[..] else {
                    panic!("a table line needs 7 fields: {line}");
                };
                let level = if oa == "England" { "country" } else { LA };
                format!(
                    "{oa},{oa},{level},{measure},{group},{year},{value},{unit},{},0123456789abcdef,",
                    source(from)
                )
            })
            .collect()
    }

    fn extract(records: &[String]) -> Extract {
        match Extract::parse(&format!("{HEADER}\n{}", records.join("\n"))) {
            Ok(x) => x,
            Err(e) => panic!("{e}"),
        }
    }

    fn table(text: &str) -> Extract {
        extract(&records(text))
    }

    /// One Blackpool figure of `ks2_pct` for FSM pupils.
    fn one(value: &str, unit: &str, year: &str) -> Extract {
        table(&format!("Blackpool,ks2_pct,fsm,{year},{value},{unit},SON"))
    }

    /// A small extract with every figure England's rates and Blackpool's file need, and
    /// the one Hastings figure its own rates read; chosen so that probit distances are
    /// whole or half units where possible. Blackpool's NEET is England's 5% but in 2024,
    /// when its 20% would move it a lot; 2024 has 12.5% not known, so it is left out.
    const FIXTURE: &str = "
        England,eyfs_pupils_n,fsm,2016/17,1234,pupils,SON
        England,eyfs_pupils_n,non_fsm,2016/17,4444,pupils,SON
        England,eyfs_pupils_n,all,2016/17,5678,pupils,SON
        England,eyfs_gld_pct,fsm,2016/17,56.0,percent,SON
        England,eyfs_gld_pct,non_fsm,2016/17,72.5,percent,SON
        England,ks2_rwm_expected_pct,fsm,2016/17,50,percent,KS2_EN
        England,ks2_rwm_expected_pct,non_fsm,2016/17,69.1462,percent,KS2_EN
        England,ks2_rwm_expected_pct,disadvantaged,2021/22,50,percent,SON
        England,ks2_rwm_expected_pct,non_disadvantaged,2021/22,69.1462,percent,SON
        England,ks4_em_grade5plus_pct,fsm,2018/19,30.8538,percent,KS4_EN
        England,ks4_em_grade5plus_pct,non_fsm,2018/19,69.1462,percent,KS4_EN
        England,ks4_em_grade5plus_pct,disadvantaged,2018/19,50,percent,SON
        England,ks4_em_grade5plus_pct,non_disadvantaged,2018/19,50,percent,SON
        England,ks4_disadvantage_gap_index,gap,2016/17,3.66,index (-10..10),SON
        England,ks4_disadvantage_gap_index,gap,2018/19,3.7,index (-10..10),SON
        England,ks4_em_grade4plus_pct,all,2021/22,50,percent,NCCIS
        England,ks4_em_grade4plus_pct,all,2022/23,50,percent,NCCIS
        England,ks4_em_grade4plus_pct,all,2023/24,50,percent,NCCIS
        England,level3_by19_pct,all,2021/22,60,percent,NCCIS
        England,level3_by19_pct,all,2022/23,60,percent,NCCIS
        England,level3_by19_pct,all,2023/24,60,percent,NCCIS
        England,neet_16_17_pct,all,2021,5,percent,NCCIS
        England,neet_16_17_pct,all,2022,5,percent,NCCIS
        England,neet_16_17_pct,all,2023,5,percent,NCCIS
        England,neet_16_17_pct,all,2024,5,percent,NCCIS
        England,neet_16_17_pct,all,2025,5,percent,NCCIS
        Blackpool,eyfs_pupils_n,all,2016/17,1500,pupils,NESTA
        Blackpool,eyfs_pupils_n,fsm,2017/18,321,pupils,SMAPEY
        Blackpool,eyfs_pupils_n,all,2017/18,1500,pupils,SMAPEY
        Blackpool,eyfs_gld_pct,fsm,2016/17,55.5,percent,SMAPEY
        Blackpool,eyfs_gld_pct,non_fsm,2016/17,70.1,percent,SMAPEY
        Blackpool,eyfs_gld_pct,all,2016/17,67,percent,NESTA
        Blackpool,ks2_rwm_expected_pct,disadvantaged,2021/22,30.8538,percent,KS2_LA
        Blackpool,ks2_rwm_expected_pct,non_disadvantaged,2021/22,50,percent,KS2_LA
        Blackpool,ks4_em_grade4plus_pct,all,2021/22,40,percent,NCCIS
        Blackpool,ks4_em_grade4plus_pct,all,2022/23,45,percent,NCCIS
        Blackpool,ks4_em_grade4plus_pct,all,2023/24,50,percent,NCCIS
        Blackpool,level3_by19_pct,all,2021/22,60,percent,NCCIS
        Blackpool,level3_by19_pct,all,2022/23,60,percent,NCCIS
        Blackpool,level3_by19_pct,all,2023/24,60,percent,NCCIS
        Blackpool,neet_16_17_pct,all,2021,5,percent,NCCIS
        Blackpool,neet_16_17_pct,all,2022,5,percent,NCCIS
        Blackpool,neet_16_17_pct,all,2023,5,percent,NCCIS
        Blackpool,neet_16_17_pct,all,2024,20,percent,NCCIS
        Blackpool,neet_16_17_pct,all,2025,5,percent,NCCIS
        Blackpool,not_known_16_17_pct,all,2021,3,percent,NCCIS
        Blackpool,not_known_16_17_pct,all,2022,3,percent,NCCIS
        Blackpool,not_known_16_17_pct,all,2023,3,percent,NCCIS
        Blackpool,not_known_16_17_pct,all,2024,12.5,percent,NCCIS
        Blackpool,not_known_16_17_pct,all,2025,3,percent,NCCIS
        Blackpool,neet_or_not_known_16_17_pct,all,2021,8,percent,NCCIS
        Hastings,ks2_rwm_expected_pct,non_disadvantaged,2021/22,50,percent,KS2_LA
    ";

    fn fixture_rows() -> Vec<String> {
        records(FIXTURE)
    }

    fn fixture() -> Extract {
        extract(&fixture_rows())
    }

    fn england(x: &Extract) -> EnglandBase {
        match EnglandBase::from_extract(x) {
            Ok(e) => e,
            Err(e) => panic!("{e}"),
        }
    }

    fn blackpool_geography(whole_la: bool, itl2: &str) -> GeographyRow {
        GeographyRow {
            oa: "Blackpool".to_owned(),
            wave: 2016,
            la_name: "Blackpool".to_owned(),
            la_code: "E06000009".to_owned(),
            whole_la,
            itl2_code: itl2.to_owned(),
        }
    }

    /// Blackpool's spec, and its area built from `x`.
    fn blackpool(x: &Extract, g: &GeographyRow) -> Result<Area, BuildError> {
        let spec = &OA_SPECS[1];
        assert_eq!(spec.oa, "Blackpool");
        build_oa(x, g, spec, &england(x))
    }

    fn built_blackpool() -> Area {
        let x = fixture();
        match blackpool(&x, &blackpool_geography(true, "TLD4")) {
            Ok(area) => area,
            Err(e) => panic!("{e}"),
        }
    }

    fn err<T>(result: Result<T, BuildError>) -> BuildError {
        match result {
            Ok(_) => panic!("expected an error"),
            Err(e) => e,
        }
    }

    fn ok<T>(result: Result<T, BuildError>) -> T {
        match result {
            Ok(value) => value,
            Err(e) => panic!("{e}"),
        }
    }

    // -----------------------------------------------------------------------------------
    // Reading the extract

    #[test]
    fn the_csv_reader_handles_quotes_commas_and_line_ends_and_counts_lines() {
        let text = "a,b,c\r\n1,\"x, \"\"y\"\"\",\n\"multi\nline\",2,3\n4,5,6";
        let records = ok(parse_csv("t.csv", text));
        let fields: Vec<Vec<&str>> = records
            .iter()
            .map(|r| r.fields.iter().map(String::as_str).collect())
            .collect();
        assert_eq!(
            fields,
            vec![
                vec!["a", "b", "c"],
                vec!["1", "x, \"y\"", ""],
                vec!["multi\nline", "2", "3"],
                vec!["4", "5", "6"],
            ]
        );
        // Lines 1 and 2; the third record spans lines 3 and 4, so the fourth is on 5.
        let lines: Vec<usize> = records.iter().map(|r| r.line).collect();
        assert_eq!(lines, vec![1, 2, 3, 5]);
    }

    #[test]
    fn a_percentage_becomes_a_share_to_the_sources_precision() {
        // 58.8% is 58.8 / 100 = 0.588: three decimals, one written and two for the /100.
        assert_eq!(
            ok(one("58.8", "percent", "2016/17").figures[0].share()),
            0.588
        );
        // 7% is 0.07; 69.1462% is 0.691462 (four written + two).
        assert_eq!(ok(one("7", "percent", "2016/17").figures[0].share()), 0.07);
        assert_eq!(
            ok(one("69.1462", "percent", "2016/17").figures[0].share()),
            0.691462
        );
        // "58.80" has two decimals, so the share keeps four: 0.5880.
        assert_eq!(decimals("58.80"), 2);
    }

    #[test]
    fn a_year_label_is_the_summer_that_ends_it() {
        let year = |label: &str| one("1", "percent", label).figures[0].calendar_year();
        // 2016/17 ends in summer 2017; 1999/00 in summer 2000.
        assert_eq!(ok(year("2016/17")), 2017);
        assert_eq!(ok(year("1999/00")), 2000);
        // NCCIS years and DfE's "end 2015" are calendar years already.
        assert_eq!(ok(year("2021")), 2021);
        assert_eq!(ok(year("end 2015")), 2015);
    }

    #[test]
    fn rounding_is_to_the_given_decimals() {
        // 0.404325 to 3 decimals: 0.404; 0.21733 to 4: 0.2173; 87.091 to 0: 87;
        // 0.2205 to 2: 0.22 (0.2205 is just below the half in binary).
        assert_eq!(round_to(0.404325, 3), 0.404);
        assert_eq!(round_to(0.217_330_045_790_771_4, 4), 0.2173);
        assert_eq!(round_to(87.091, 0), 87.0);
        assert_eq!(round_to(0.147 * 1.5, 2), 0.22);
    }

    #[test]
    fn a_share_of_two_counts_is_rounded_to_four_decimals() {
        let x = table(
            "
                England,n,fsm,2016/17,1234,pupils,SON
                England,n,all,2016/17,5678,pupils,SON
            ",
        );
        // 1,234 of 5,678: 1234 / 5678 = 0.217330… → 0.2173.
        assert_eq!(ok(share_of_counts(&x.figures[0], &x.figures[1])), 0.2173);
    }

    #[test]
    fn counts_that_add_up_pass_and_those_that_do_not_are_refused_by_name() {
        let counts = |all: &str| {
            table(&format!(
                "
                    England,eyfs_pupils_n,fsm,2016/17,100,pupils,SON
                    England,eyfs_pupils_n,non_fsm,2016/17,300,pupils,SON
                    England,eyfs_pupils_n,all,2016/17,{all},pupils,SON
                ",
            ))
        };
        // 100 + 300 = 400.
        let x = counts("400");
        ok(check_counts_add_up(
            &x.figures[0],
            &x.figures[1],
            &x.figures[2],
        ));
        // 100 + 300 is not 401: the England base refuses the extract.
        let e = err(EnglandBase::from_extract(&counts("401")));
        assert_eq!(
            e,
            BuildError::CountsDoNotAddUp {
                area: "England".to_owned(),
                measure: "eyfs_pupils_n".to_owned(),
                year: "2016/17".to_owned(),
                fsm: 100.0,
                non_fsm: 300.0,
                all: 401.0,
            }
        );
        assert_eq!(
            e.to_string(),
            "England eyfs_pupils_n 2016/17: the counts by FSM do not add up: 100 FSM + 300 non-FSM = 400, not 401"
        );
    }

    // -----------------------------------------------------------------------------------
    // The probit rules

    #[test]
    fn an_all_pupil_rate_mixes_the_groups_by_the_fsm_share() {
        let pair = Pair {
            fsm: 0.4,
            non_fsm: 0.6,
            fsm_text: String::new(),
            non_fsm_text: String::new(),
            sourced: true,
        };
        // 0.25 × 0.4 + 0.75 × 0.6 = 0.10 + 0.45 = 0.55.
        assert!((pair.all(0.25) - 0.55).abs() < 1e-12);
    }

    #[test]
    fn a_probit_move_carries_the_distance_between_two_rates() {
        // From 50% to Φ(1) is one probit unit, so 50% moves to Φ(1) = 0.841345.
        assert!((probit_move(0.5, 0.841_345, 0.5) - 0.841_345).abs() < 1e-6);
        // 30% moved by z(60%) − z(60%) = 0 stays 30%.
        assert!((probit_move(0.3, 0.6, 0.6) - 0.3).abs() < 1e-9);
        // Φ(−0.5) = 0.308538 moved by z(0.841345) − z(0.5) = 1 − 0 is Φ(0.5) = 0.691462
        // (to the six decimals the Φ values are given to).
        assert!((probit_move(0.308_538, 0.841_345, 0.5) - 0.691_462).abs() < 1e-5);
    }

    #[test]
    fn the_shift_reproduces_the_target_mixture() {
        // No FSM pupils (f = 0): Φ(z(50%) + s) = Φ(1) gives s = 1.
        assert!((solve_shift(0.2, 0.5, 0.0, 0.841_345) - 1.0).abs() < 1e-5);
        // All FSM pupils (f = 1): Φ(z(Φ(−1)) + s) = Φ(0.5) gives s = 1.5.
        assert!((solve_shift(0.158_655, 0.9, 1.0, 0.691_462) - 1.5).abs() < 1e-5);
        // Half and half, 30.8538% and 69.1462% (z = ∓0.5), target their mean 50%: by
        // symmetry Φ(−0.5 + s) + Φ(0.5 + s) = 1 only at s = 0.
        assert!(solve_shift(0.308_538, 0.691_462, 0.5, 0.5).abs() < 1e-5);
    }

    fn distance(mean: f64) -> Distance {
        Distance {
            mean,
            years: vec![("2022".to_owned(), "60%".to_owned(), "55%".to_owned())],
            label: "",
            left_out: Vec::new(),
            sources: "owner/repo path @abc (2022)".to_owned(),
            measure: "ks4_pct",
        }
    }

    #[test]
    fn composed_rates_move_both_groups_by_the_one_shift_that_hits_the_las_all_pupil_rate() {
        let england = Pair {
            fsm: 0.158_655,
            non_fsm: 0.5,
            fsm_text: String::new(),
            non_fsm_text: String::new(),
            sourced: true,
        };
        // England with no FSM pupils: its all-pupil rate is 50%, z = 0; +0.5 puts the LA's
        // at Φ(0.5) = 0.691462.
        // An LA with no FSM pupils: Φ(0 + s) = Φ(0.5), s = 0.5, so FSM Φ(−1 + 0.5) =
        // Φ(−0.5) = 0.308538 → 0.309 and non-FSM Φ(0.5) = 0.691462 → 0.691.
        let r = composed_rates(
            "",
            "Derby",
            &england,
            0.0,
            0.0,
            &distance(0.5),
            "its rate",
            "",
        );
        assert_eq!((r.fsm_rate.value, r.non_fsm_rate.value), (0.309, 0.691));
        let text = r.fsm_rate.provenance.text();
        assert!(text.contains("by +0.500 SD"), "{text}");
        assert!(
            text.contains("2022 60% against 55%; mean distance +0.500 SD"),
            "{text}"
        );
        assert!(text.contains("Gives FSM 30.9%, non-FSM 69.1%."), "{text}");
        // An LA of FSM pupils only: Φ(−1 + s) = Φ(0.5), s = 1.5, so FSM Φ(0.5) → 0.691 and
        // non-FSM Φ(1.5) = 0.933193 → 0.933.
        let r = composed_rates(
            "",
            "Derby",
            &england,
            0.0,
            1.0,
            &distance(0.5),
            "its rate",
            "",
        );
        assert_eq!((r.fsm_rate.value, r.non_fsm_rate.value), (0.691, 0.933));
    }

    #[test]
    fn the_distance_to_england_is_the_mean_probit_gap_and_neet_years_with_many_unknown_are_left_out(
    ) {
        let x = table(
            "
                Blackpool,ks4_pct,all,2016/17,50,percent,SON
                England,ks4_pct,all,2016/17,50,percent,SON
                Blackpool,ks4_pct,all,2017/18,50,percent,SON
                England,ks4_pct,all,2017/18,84.13447,percent,SON
            ",
        );
        // 0 in the first year and z(0.5) − z(0.8413447) = −1.0 in the second: mean −0.5.
        let d = ok(all_pupil_distance(
            &x,
            "Blackpool",
            "ks4_pct",
            &["2016/17", "2017/18"],
            false,
        ));
        assert!((d.mean + 0.5).abs() < 1e-6, "{}", d.mean);
        assert_eq!(d.years.len(), 2);

        let neet = |not_known: &str| {
            table(&format!(
                "
                    Blackpool,neet_pct,all,2019,15.86553,percent,SON
                    England,neet_pct,all,2019,50,percent,SON
                    Blackpool,not_known_16_17_pct,all,2019,{not_known},percent,SON
                ",
            ))
        };
        // Not NEET: 1 − 0.1586553 = 0.8413447 against 0.5, one probit unit above.
        let d = ok(all_pupil_distance(
            &neet("3"),
            "Blackpool",
            "neet_pct",
            &["2019"],
            true,
        ));
        assert!((d.mean - 1.0).abs() < 1e-6, "{}", d.mean);
        // 10% not known is not over the limit; 12% is, and leaves no usable year.
        ok(all_pupil_distance(
            &neet("10"),
            "Blackpool",
            "neet_pct",
            &["2019"],
            true,
        ));
        let e = err(all_pupil_distance(
            &neet("12"),
            "Blackpool",
            "neet_pct",
            &["2019"],
            true,
        ));
        assert_eq!(
            e,
            BuildError::NoUsableYears {
                oa: "Blackpool".to_owned(),
                measure: "neet_pct".to_owned()
            }
        );
        assert_eq!(e.to_string(), "Blackpool: no usable years of neet_pct");
    }

    // -----------------------------------------------------------------------------------
    // England's base rates, from the fixture

    #[test]
    fn englands_fsm_share_is_a_share_of_two_counts() {
        let e = england(&fixture());
        // 1,234 of 5,678 children: 1234 / 5678 = 0.217330… → 0.2173, shown as 21.7%.
        assert_eq!(e.fsm_share.0, 0.2173);
        assert!(
            e.fsm_share.1.contains("1,234 of the 5,678 children"),
            "{}",
            e.fsm_share.1
        );
        assert!(e.fsm_share.1.contains("21.7%"), "{}", e.fsm_share.1);
        // The cohort is the count of all, as written.
        assert_eq!(e.cohort.0, 5678.0);
    }

    #[test]
    fn englands_ks4_rates_carry_the_disadvantaged_grade4_rates_by_the_grade5_distance() {
        let [_, _, ks4, _, _] = &england(&fixture()).stages;
        // FSM: 44.7% moved by z(30.8538%) − z(50%) = −0.5 − 0:
        // Φ(z(0.447) − 0.5) = Φ(−0.133245 − 0.5) = Φ(−0.633245) = 0.263287 → 0.263.
        assert_eq!(ks4.fsm, 0.263);
        // Non-FSM: 71.8% moved by z(69.1462%) − z(50%) = 0.5:
        // Φ(0.576910 + 0.5) = Φ(1.076910) = 0.859240 → 0.859.
        assert_eq!(ks4.non_fsm, 0.859);
        assert!(!ks4.sourced);
    }

    #[test]
    fn englands_level3_rates_split_the_all_pupil_rate_with_the_25_point_gap() {
        let [_, _, _, l3, _] = &england(&fixture()).stages;
        // FSM = 60% − 25 × (1 − 0.2173) points = 0.60 − 0.195675 = 0.404325 → 0.404;
        // non-FSM = 0.404 + 0.25 = 0.654. Check: 0.2173 × 0.404 + 0.7827 × 0.654 = 0.5997,
        // about 60%.
        assert_eq!((l3.fsm, l3.non_fsm), (0.404, 0.654));
    }

    #[test]
    fn englands_eet_at_20_splits_neet_at_19_to_24_with_the_18_point_gap() {
        let [_, _, _, _, post19] = &england(&fixture()).stages;
        // Non-FSM NEET = 13.2% − 18 × 0.2173 points = 0.132 − 0.039114 = 0.092886;
        // FSM NEET = 0.092886 + 0.18 = 0.272886. EET = 1 − NEET: 0.727114 → 0.727 and
        // 0.907114 → 0.907.
        assert_eq!((post19.fsm, post19.non_fsm), (0.727, 0.907));
        assert!(post19
            .fsm_text
            .contains("NEET 27.3% for FSM and 9.3% for non-FSM"));
    }

    #[test]
    fn englands_early_years_and_ks2_rates_are_the_published_percentages_as_shares() {
        let [ey, ks2, _, _, _] = &england(&fixture()).stages;
        // 56.0% → 0.560, 72.5% → 0.725; 50% → 0.50, 69.1462% → 0.691462.
        assert_eq!((ey.fsm, ey.non_fsm), (0.56, 0.725));
        assert_eq!((ks2.fsm, ks2.non_fsm), (0.5, 0.691_462));
        assert!(ey.sourced && ks2.sourced);
    }

    // -----------------------------------------------------------------------------------
    // One Opportunity Area, from the fixture

    #[test]
    fn an_las_cohort_is_its_count_and_its_fsm_share_a_share_of_two_counts() {
        let area = built_blackpool();
        // 1,500 children assessed in 2016/17, as written.
        assert_eq!(area.cohort_size.value, 1500.0);
        // 321 of 1,500 children in 2017/18: 321 / 1500 = 0.214 exactly.
        assert_eq!(area.fsm_share.value, 0.214);
        assert!(area
            .fsm_share
            .provenance
            .text()
            .contains("321 of the 1,500 children"));
    }

    #[test]
    fn an_las_ks2_rates_are_englands_moved_by_its_2021_22_disadvantage_distances() {
        let area = built_blackpool();
        let ks2 = &area.stages.ks2;
        // FSM: England's 50% moved by z(30.8538%) − z(50%) = −0.5: Φ(0 − 0.5) = 0.308538 →
        // 0.309.
        assert_eq!(ks2.fsm_rate.value, 0.309);
        // Non-FSM: England's 69.1462% moved by z(50%) − z(69.1462%) = −0.5: Φ(0.5 − 0.5) =
        // Φ(0) = 0.5.
        assert_eq!(ks2.non_fsm_rate.value, 0.5);
    }

    #[test]
    fn an_las_ks4_rates_are_englands_moved_to_its_mean_all_pupil_distance() {
        let ks4 = &built_blackpool().stages.ks4;
        // Distances: z(40%) − z(50%) = −0.253347, z(45%) − z(50%) = −0.125661, 0; mean
        // −0.126336. England's all-pupil rate with its share: 0.2173 × 0.263 + 0.7827 ×
        // 0.859 = 0.729489, z = 0.611269; the LA's: Φ(0.611269 − 0.126336) = Φ(0.484933)
        // = 0.686138. The shift s with 0.214 Φ(z(0.263) + s) + 0.786 Φ(z(0.859) + s) =
        // 0.686138, z(0.263) = −0.634124, z(0.859) = 1.075837, is s = −0.175515:
        // FSM Φ(−0.809639) = 0.209074 → 0.209, non-FSM Φ(0.900322) = 0.816026 → 0.816
        // (check: 0.214 × 0.209074 + 0.786 × 0.816026 = 0.686138).
        assert_eq!((ks4.fsm_rate.value, ks4.non_fsm_rate.value), (0.209, 0.816));
        let text = ks4.fsm_rate.provenance.text();
        assert!(text.contains("mean distance -0.126 SD"), "{text}");
        assert!(text.contains("by -0.176 SD"), "{text}");
    }

    #[test]
    fn an_la_at_englands_level_with_fewer_fsm_pupils_moves_down_a_little() {
        let l3 = &built_blackpool().stages.level3_by_19;
        // 60% against 60% every year: distance 0, so the LA's all-pupil rate is England's,
        // 0.2173 × 0.404 + 0.7827 × 0.654 = 0.599675. With fewer FSM pupils (0.214) the
        // same rates would give 0.214 × 0.404 + 0.786 × 0.654 = 0.6005, too high: the
        // shift with 0.214 Φ(−0.243007 + s) + 0.786 Φ(0.396142 + s) = 0.599675 is
        // s = −0.002212: FSM Φ(−0.245219) = 0.403143 → 0.403, non-FSM Φ(0.393930) =
        // 0.653184 → 0.653.
        assert_eq!((l3.fsm_rate.value, l3.non_fsm_rate.value), (0.403, 0.653));
    }

    #[test]
    fn an_las_eet_at_20_follows_its_neet_distance_without_the_years_with_many_unknown() {
        let post19 = &built_blackpool().stages.post19;
        // 2024 (20% NEET, 12.5% not known) is left out; the other years are 5% against 5%:
        // distance 0. England's all-pupil rate 0.2173 × 0.727 + 0.7827 × 0.907 = 0.867886;
        // the shift with 0.214 Φ(0.603765 + s) + 0.786 Φ(1.322505 + s) = 0.867886 is
        // s = −0.002937: FSM Φ(0.600828) = 0.726023 → 0.726, non-FSM Φ(1.319568) =
        // 0.906510 → 0.907. (With 2024 in, the mean would be (z(0.80) − z(0.95)) / 5 =
        // (0.841621 − 1.644854) / 5 = −0.160647, far lower.)
        assert_eq!(
            (post19.fsm_rate.value, post19.non_fsm_rate.value),
            (0.726, 0.907)
        );
        let text = post19.fsm_rate.provenance.text();
        assert!(
            text.contains("2024 is left out: 12.5% of the cohort's activity was not known"),
            "{text}"
        );
    }

    #[test]
    fn hastings_non_fsm_and_eet_rates_follow_from_its_own_figures() {
        let x = fixture();
        let e = england(&x);
        let (ks2, ks4, post19) = ok(hastings_rates(&x, &e, 0.25));
        // The seed's 25% for FSM pupils at KS2 and KS4.
        assert_eq!((ks2.fsm_rate.value, ks4.fsm_rate.value), (0.25, 0.25));
        // KS2: reading z(0.57) − z(0.66) = 0.176374 − 0.412463 = −0.236089, maths
        // z(0.59) − z(0.70) = 0.227545 − 0.524401 = −0.296856; mean −0.266472. England's
        // all-pupil rate 0.2173 × 0.5 + 0.7827 × 0.691462 = 0.649857, z = 0.384935;
        // Hastings' Φ(0.384935 − 0.266472) = Φ(0.118463) = 0.547150. Non-FSM =
        // (0.547150 − 0.25 × 0.25) / 0.75 = 0.484650 / 0.75 = 0.646200 → 0.646.
        assert_eq!(ks2.non_fsm_rate.value, 0.646);
        // Cross-check in the text: England's non-FSM 0.691462 moved by z(50%) −
        // z(69.1462%) = −0.5 is Φ(0) = 50.0%.
        let text = ks2.non_fsm_rate.provenance.text();
        assert!(
            text.contains("moves England's non-FSM rate to 50.0%"),
            "{text}"
        );
        // KS4: z(0.65) − z(0.75) = 0.385320 − 0.674490 = −0.289169; England's all-pupil
        // 0.729489, z = 0.611269; Φ(0.322100) = 0.626311. Non-FSM = (0.626311 − 0.0625) /
        // 0.75 = 0.751748 → 0.752.
        assert_eq!(ks4.non_fsm_rate.value, 0.752);
        // EET at 20: z(1 − 0.089) − z(1 − 0.056) = 1.346939 − 1.589268 = −0.242329;
        // England's all-pupil 0.867886, z = 1.116454; target Φ(0.874125) = 0.808975. The
        // shift with 0.25 Φ(0.603765 + s) + 0.75 Φ(1.322505 + s) = 0.808975 is
        // s = −0.227956: FSM Φ(0.375809) = 0.646471 → 0.646, non-FSM Φ(1.094549) =
        // 0.863143 → 0.863 (check: 0.25 × 0.646471 + 0.75 × 0.863143 = 0.808975).
        assert_eq!(
            (post19.fsm_rate.value, post19.non_fsm_rate.value),
            (0.646, 0.863)
        );
    }

    #[test]
    fn a_districts_cohort_is_its_share_of_the_county_rounded_to_fifty_and_its_fsm_share_half_as_much_again(
    ) {
        let x = table(
            "
                Tendring,eyfs_pupils_n,all,2016/17,5123,pupils,SON
            ",
        );
        let d = District {
            name: "Tendring",
            resident_share: 0.2,
        };
        let (cohort, fsm) = ok(district_cohort_and_share(
            &d,
            "Essex",
            &x.figures[0],
            0.147,
            "14.7%",
        ));
        // 5,123 × 0.2 = 1,024.6, and 1,024.6 / 50 = 20.49 rounds to 20 fifties: 1,000.
        assert_eq!(cohort.value, 1_000.0);
        let text = cohort.provenance.text();
        assert!(
            text.contains("roughly 20% of the county's residents"),
            "{text}"
        );
        assert!(
            text.contains("5,123 × 0.2 ≈ 1,025, rounded to 1,000"),
            "{text}"
        );
        // 0.147 × 1.5 = 0.2205, rounded to a whole percentage: 0.22, said as 22%.
        assert_eq!(fsm.value, 0.22);
        assert!(fsm.provenance.text().starts_with("22% eligible"));
        // Hastings keeps its own 850; by share it would be 5,123 × 0.17 = 870.91, about
        // 870 to the nearest ten.
        let h = District {
            name: "Hastings",
            resident_share: 0.17,
        };
        let (cohort, _) = ok(district_cohort_and_share(
            &h,
            "East Sussex",
            &x.figures[0],
            0.1,
            "",
        ));
        assert_eq!(cohort.value, 850.0);
        assert!(cohort.provenance.text().contains("would give about 870"));
    }

    // -----------------------------------------------------------------------------------
    // Observed series

    #[test]
    fn an_observed_series_has_a_point_per_year_with_a_value_and_a_break_for_years_without() {
        let m = "ks2_rwm_expected_pct";
        let x = table(
            "
                Derby,ks2_rwm_expected_pct,disadvantaged,2021/22,51,percent,SON
                Derby,ks2_rwm_expected_pct,disadvantaged,2015/16,53,percent,SON
                Derby,ks2_rwm_expected_pct,disadvantaged,2019/20,,percent,SON
                Derby,ks2_rwm_expected_pct,disadvantaged,2016/17,54.5,percent,SON
            ",
        );
        let spec = series(S::Ks2, G::Disadvantaged, m, "", Context);
        let rows = ok(x.series_rows(Some("Derby"), &spec));
        let s = ok(observed_series(
            &x,
            &spec,
            &rows,
            "Derby (local authority)",
            "Derby",
            Some("Derby"),
        ));
        // In year order: 2015/16 → 2016 at 0.53, 2016/17 → 2017 at 0.545, 2021/22 → 2022
        // at 0.51; 2019/20 (2020) has no figure.
        let points: Vec<(i32, f64)> = s.points.iter().map(|p| (p.year, p.value)).collect();
        assert_eq!(points, vec![(2016, 0.53), (2017, 0.545), (2022, 0.51)]);
        let breaks: Vec<(BreakKind, Vec<i32>)> =
            s.breaks.iter().map(|b| (b.kind, b.years.clone())).collect();
        assert_eq!(
            breaks,
            vec![
                (BreakKind::NoAssessment, vec![2020]),
                // 2016 and 2017 are before the 2018 framework change, with later years.
                (BreakKind::Ks2AssessmentChange, vec![2016, 2017]),
                (BreakKind::DisadvantagedNotFsm, vec![]),
            ]
        );
        assert_eq!(
            s.breaks[0].note,
            "KS2 tests were not held in 2020 (COVID-19): no point for those years."
        );
    }

    #[test]
    fn breaks_mark_the_eyfs_reform_and_the_teacher_assessed_years() {
        let built = |stage: ObservedStage, years: &[&str]| {
            let text: String = years
                .iter()
                .map(|y| format!("England,m,all,{y},50,percent,SON\n"))
                .collect();
            let x = table(&text);
            let spec = series(stage, G::All, "m", "", Context);
            let rows = ok(x.series_rows(None, &spec));
            let s = ok(observed_series(
                &x, &spec, &rows, "England", "England", None,
            ));
            s.breaks
                .iter()
                .map(|b| (b.kind, b.years.clone()))
                .collect::<Vec<_>>()
        };
        // EYFS 2018/19, 2021/22, 2022/23 → 2019, 2022, 2023: the reform covers 2022 on.
        assert_eq!(
            built(S::EarlyYears, &["2018/19", "2021/22", "2022/23"]),
            vec![(BreakKind::EyfsReform2021, vec![2022, 2023])]
        );
        // KS4 2019/20, 2020/21, 2021/22 → 2020, 2021, 2022: grades teacher-assessed in the
        // summers of 2020 and 2021.
        assert_eq!(
            built(S::Ks4, &["2019/20", "2020/21", "2021/22"]),
            vec![(BreakKind::TeacherAssessedGrades, vec![2020, 2021])]
        );
        // Level 3 by 19 of 2020/21 and 2021/22 (2021, 2022) took exams at 18 in 2020, 2021.
        assert_eq!(
            built(S::Level3By19, &["2019/20", "2020/21", "2021/22", "2022/23"]),
            vec![(BreakKind::TeacherAssessedGrades, vec![2021, 2022])]
        );
    }

    #[test]
    fn neet_years_with_over_ten_percent_not_known_are_marked_as_doubtful() {
        let area = built_blackpool();
        let neet = area
            .observed
            .iter()
            .find(|s| s.measure == "neet_16_17")
            .unwrap_or_else(|| panic!("no NEET series"));
        // Not known: 3% in 2021-2023 and 2025, 12.5% in 2024: only 2024 is over 10%.
        let quality: Vec<&SeriesBreak> = neet
            .breaks
            .iter()
            .filter(|b| b.kind == BreakKind::DataQuality)
            .collect();
        assert_eq!(quality.len(), 1);
        assert_eq!(quality[0].years, vec![2024]);
        assert!(
            quality[0].note.contains("(12.5% in 2024)"),
            "{}",
            quality[0].note
        );
        // 20% NEET in 2024 is the share 0.2.
        assert!(neet.points.iter().any(|p| p.year == 2024 && p.value == 0.2));
    }

    #[test]
    fn sources_are_cited_once_each_with_their_years_and_a_short_commit() {
        let x = table(
            "
                Derby,m,all,2021,1,percent,NCCIS
                Derby,m,all,2022,1,percent,NCCIS
                Derby,m,all,2023,1,percent,SON
            ",
        );
        let rows: Vec<&Figure> = x.figures.iter().collect();
        // Two files: NCCIS for 2021 and 2022, SON26 for 2023; commit 0123456789abcdef cut
        // to its first 12 characters.
        assert_eq!(
            sources_of(&rows),
            "dfe/nccis data/dashboard.csv @0123456789ab (2021, 2022); ukgov-equality-hub/smc-son R/input/SON26/in.csv @0123456789ab (2023)"
        );
    }

    #[test]
    fn numbers_and_words() {
        // 669864 with thousands separators; 0.58849 × 100 = 58.849 → 58.8%.
        assert_eq!(count(669864.0), "669,864");
        assert_eq!(count(850.0), "850");
        assert_eq!(pct1(0.58849), "58.8%");
        assert_eq!(pct1(0.2173), "21.7%");
        assert_eq!(join_years(&[2020, 2021]), "2020 and 2021");
        assert_eq!(join_years(&[2019, 2020, 2021]), "2019, 2020 and 2021");
        assert_eq!(possessive("Hastings"), "Hastings'");
        assert_eq!(possessive("East Sussex"), "East Sussex's");
        assert_eq!(region_of("TLJ2"), Some("South East"));
        assert_eq!(region_of("TLD4"), Some("North West"));
        assert_eq!(region_of("XX"), None);
    }

    // -----------------------------------------------------------------------------------
    // Each error, from a malformed input, naming the file, area and measure

    #[test]
    fn an_empty_file_is_refused() {
        assert_eq!(err(Extract::parse("")).to_string(), "figures.csv is empty");
        assert_eq!(
            err(parse_geographies("")).to_string(),
            "geography.csv is empty"
        );
    }

    #[test]
    fn a_missing_column_is_named() {
        let e = err(Extract::parse("oa,measure\nBlackpool,ks2"));
        assert_eq!(
            e,
            BuildError::MissingColumn {
                file: "figures.csv",
                column: "geography_name"
            }
        );
        assert_eq!(e.to_string(), "figures.csv has no column geography_name");
    }

    #[test]
    fn a_record_with_the_wrong_number_of_fields_is_named_by_file_and_line() {
        // Line 1 the header, lines 2-3 one record with a quoted line break, line 4 short.
        let good = &records("Derby,m,all,2021,1,percent,NCCIS")[0];
        let text = format!("{HEADER}\n{}\"two\nlines\"\nBlackpool,Blackpool", good);
        let e = err(Extract::parse(&text));
        assert_eq!(
            e,
            BuildError::FieldCount {
                file: "figures.csv",
                line: 4,
                found: 2,
                expected: 12
            }
        );
        assert_eq!(e.to_string(), "figures.csv line 4 has 2 fields, not 12");
        let geography =
            "oa,wave,la_name_in_sources,la_code_2021_22,oa_is_whole_la,itl2_code\nBlackpool,2016";
        assert_eq!(
            err(parse_geographies(geography)).to_string(),
            "geography.csv line 2 has 2 fields, not 6"
        );
    }

    #[test]
    fn an_unterminated_quote_is_named_by_file_and_line() {
        let e = err(Extract::parse(&format!("{HEADER}\nBlackpool,\"Black")));
        assert_eq!(
            e,
            BuildError::UnterminatedQuote {
                file: "figures.csv",
                line: 2
            }
        );
        assert_eq!(
            e.to_string(),
            "figures.csv line 2 has an unterminated quoted field"
        );
    }

    #[test]
    fn a_value_that_is_not_a_number_is_named_by_file_line_and_column() {
        let text = format!(
            "{HEADER}\n{}",
            records("Blackpool,m,all,2019,many,percent,SON")[0]
        );
        assert_eq!(
            err(Extract::parse(&text)).to_string(),
            "figures.csv line 2: value \"many\" is not a number"
        );
        // Not a finite number either.
        let text = format!(
            "{HEADER}\n{}",
            records("Blackpool,m,all,2019,NaN,percent,SON")[0]
        );
        assert!(matches!(
            err(Extract::parse(&text)),
            BuildError::NotANumber { line: 2, .. }
        ));
        let geography = "oa,wave,la_name_in_sources,la_code_2021_22,oa_is_whole_la,itl2_code\nBlackpool,soon,Blackpool,E06000009,yes,TLD4";
        assert_eq!(
            err(parse_geographies(geography)).to_string(),
            "geography.csv line 2: wave \"soon\" is not a number"
        );
    }

    #[test]
    fn a_bad_oa_is_whole_la_is_named_by_line() {
        let geography = "oa,wave,la_name_in_sources,la_code_2021_22,oa_is_whole_la,itl2_code\nBlackpool,2016,Blackpool,E06000009,maybe,TLD4";
        let e = err(parse_geographies(geography));
        assert_eq!(
            e,
            BuildError::BadWholeLa {
                line: 2,
                value: "maybe".to_owned()
            }
        );
        assert_eq!(
            e.to_string(),
            "geography.csv line 2 has oa_is_whole_la \"maybe\", not yes or no"
        );
    }

    #[test]
    fn an_oa_missing_from_geography_csv_is_named() {
        let geography = "oa,wave,la_name_in_sources,la_code_2021_22,oa_is_whole_la,itl2_code\n";
        let rows = parse_geographies(geography).unwrap();
        let e = err(geography_of(&rows, &OA_SPECS[0]));
        assert_eq!(e.to_string(), "geography.csv has no row for Hastings");
    }

    #[test]
    fn a_whole_la_flag_that_disagrees_with_the_generator_is_named() {
        let e = err(blackpool(&fixture(), &blackpool_geography(false, "TLD4")));
        assert_eq!(
            e.to_string(),
            "Blackpool: geography.csv and the generator disagree on whether it is a whole LA (geography.csv says no)"
        );
    }

    #[test]
    fn a_missing_figure_names_the_area_measure_group_year_and_source() {
        let x = fixture();
        let e = err(x.local("Derby", "eyfs_gld_pct", "fsm", "2016/17", "smapey"));
        assert_eq!(
            e,
            BuildError::MissingFigure {
                figure: Box::new(FigureKey::new("Derby", "eyfs_gld_pct", "fsm", "2016/17")),
                hint: "smapey".to_owned()
            }
        );
        assert_eq!(
            e.to_string(),
            "Derby: figures.csv has no row for eyfs_gld_pct fsm 2016/17 (source matching \"smapey\")"
        );
        // Building England from an extract without its KS2 rows names the first missing.
        let no_ks2: Vec<String> = fixture_rows()
            .into_iter()
            .filter(|r| !r.starts_with("England,England,country,ks2_rwm_expected_pct,fsm"))
            .collect();
        assert_eq!(
            err(EnglandBase::from_extract(&extract(&no_ks2))).to_string(),
            "England: figures.csv has no row for ks2_rwm_expected_pct fsm 2016/17 (source matching \"attainment_at_age_11/2.0/\")"
        );
    }

    #[test]
    fn a_figure_given_twice_is_refused() {
        let twice = table(
            "
                Blackpool,m,all,2019,1,percent,SON
                Blackpool,m,all,2019,2,percent,SON
            ",
        );
        let e = err(twice.local("Blackpool", "m", "all", "2019", ""));
        assert_eq!(
            e,
            BuildError::DuplicateFigure {
                figure: Box::new(FigureKey::new("Blackpool", "m", "all", "2019")),
                hint: String::new(),
                rows: 2
            }
        );
        assert_eq!(
            e.to_string(),
            "Blackpool: figures.csv has 2 rows for m all 2019: name the source"
        );
    }

    #[test]
    fn a_series_without_rows_or_with_two_rows_for_one_year_is_refused() {
        let x = table(
            "
                Blackpool,neet_pct,all,2021,5,percent,SON
                Blackpool,neet_pct,all,2020/21,6,percent,SON
            ",
        );
        let spec = series(S::Neet16To17, G::All, "neet_pct", "", Context);
        // "2021" and "2020/21" are both calendar 2021.
        let e = err(x.series_rows(Some("Blackpool"), &spec));
        assert_eq!(
            e,
            BuildError::DuplicateYear {
                area: "Blackpool".to_owned(),
                measure: "neet_pct".to_owned(),
                group: "all".to_owned(),
                year: 2021
            }
        );
        assert_eq!(
            e.to_string(),
            "Blackpool: neet_pct all has two rows for 2021: name the source"
        );
        let e = err(x.series_rows(None, &spec));
        assert_eq!(
            e.to_string(),
            "England: figures.csv has no row for neet_pct all"
        );
    }

    #[test]
    fn a_figure_without_a_value_is_refused_where_a_rule_needs_one() {
        let x = one("", "percent", "2019/20");
        let e = err(x.figures[0].number());
        assert_eq!(
            e,
            BuildError::NoValue {
                figure: Box::new(FigureKey::new("Blackpool", "ks2_pct", "fsm", "2019/20"))
            }
        );
        assert_eq!(
            e.to_string(),
            "Blackpool ks2_pct fsm 2019/20: no value in figures.csv"
        );
    }

    #[test]
    fn a_count_or_a_percentage_over_100_is_not_a_share() {
        let e = err(one("5663", "pupils", "2016/17").figures[0].share());
        assert_eq!(
            e.to_string(),
            "Blackpool ks2_pct fsm 2016/17: 5663 (pupils) is not a percentage from 0 to 100"
        );
        assert!(matches!(
            err(one("100.5", "percent", "2016/17").figures[0].share()),
            BuildError::NotAShare { .. }
        ));
        // 100% itself is a share.
        assert_eq!(ok(one("100", "percent", "2016/17").figures[0].share()), 1.0);
    }

    #[test]
    fn a_year_label_that_names_no_year_is_refused() {
        for label in ["soon", "2016/18", "2016/"] {
            let e = err(one("1", "percent", label).figures[0].calendar_year());
            assert_eq!(
                e,
                BuildError::BadYear {
                    figure: Box::new(FigureKey::new("Blackpool", "ks2_pct", "fsm", label))
                }
            );
            assert_eq!(
                e.to_string(),
                format!("Blackpool ks2_pct fsm: cannot read the year {label:?}")
            );
        }
    }

    #[test]
    fn an_itl2_code_outside_england_is_refused_naming_the_oa() {
        let e = err(blackpool(&fixture(), &blackpool_geography(true, "TLZ1")));
        assert_eq!(
            e,
            BuildError::UnknownRegion {
                oa: "Blackpool".to_owned(),
                code: "TLZ1".to_owned()
            }
        );
        assert_eq!(
            e.to_string(),
            "Blackpool: no English region for ITL2 code \"TLZ1\""
        );
    }

    #[test]
    fn a_built_area_that_fails_the_area_checks_is_refused_naming_it() {
        // No FSM children in 2017/18: an FSM share of 0 / 1,500 = 0, which no area may have.
        let rows: Vec<String> = fixture_rows()
            .into_iter()
            .map(|r| {
                r.replace(
                    "eyfs_pupils_n,fsm,2017/18,321,",
                    "eyfs_pupils_n,fsm,2017/18,0,",
                )
            })
            .collect();
        let x = extract(&rows);
        let area = ok(blackpool(&x, &blackpool_geography(true, "TLD4")));
        let e = err(area_file(area));
        assert!(
            matches!(&e, BuildError::InvalidArea { id, .. } if id == "blackpool"),
            "{e}"
        );
        assert!(
            e.to_string()
                .starts_with("blackpool: the built file is invalid: fsm_share"),
            "{e}"
        );
    }
}
