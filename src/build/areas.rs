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

use crate::build::error::BuildError;
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

/// Builds every shipped area file, in the order of [`Area::shipped`], from the text of
/// `figures.csv` and `geography.csv`. Each file is validated as a user's would be.
pub fn build_area_files(
    figures_csv: &str,
    geography_csv: &str,
) -> Result<Vec<AreaFile>, BuildError> {
    let extract = Extract::parse(figures_csv)?;
    let geographies = parse_geographies(geography_csv)?;
    let england = EnglandBase::from_extract(&extract)?;
    let mut files = Vec::new();
    for spec in &OA_SPECS {
        let geography = geographies
            .iter()
            .find(|g| g.oa == spec.oa)
            .ok_or_else(|| BuildError::Csv {
                file: "geography.csv",
                problem: format!("has no row for {}", spec.oa),
            })?;
        let area = build_oa(&extract, geography, spec, &england)?;
        files.push(area_file(area)?);
    }
    files.push(area_file(build_england(&extract, &england)?)?);
    Ok(files)
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
        if fsm_n.number()? + non_fsm_n.number()? != all_n.number()? {
            return Err(BuildError::Inconsistent(
                "England's 2016/17 EYFSP counts by FSM do not add up".to_owned(),
            ));
        }
        let f = round_to(fsm_n.number()? / all_n.number()?, 4);
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
        return Err(BuildError::Inconsistent(format!(
            "{}: geography.csv and the generator disagree on whether it is a whole LA",
            spec.oa
        )));
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
    let la_fsm_share = round_to(fsm_row.number()? / all_row.number()?, 4);
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
        format_version: AREA_FORMAT_VERSION,
        id: spec.id.to_owned(),
        name: spec.name.to_owned(),
        wave: Some(g.wave),
        region: Some(region_of(&g.itl2_code)?.to_owned()),
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
fn standard_links() -> StageLinks {
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
            points: vec![ObservedPoint { year: 2019, value }],
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
        points: vec![ObservedPoint {
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

    fn number(&self) -> Result<f64, BuildError> {
        self.value.ok_or_else(|| BuildError::BadFigure {
            what: format!("{} {} {} {}", self.oa, self.measure, self.group, self.year),
            problem: "no value in figures.csv".to_owned(),
        })
    }

    /// The value as a share 0-1, rounded to the source's precision (a percentage with
    /// one decimal is a share with three, exactly as written).
    fn share(&self) -> Result<f64, BuildError> {
        let value = self.number()?;
        match self.unit.as_str() {
            "percent" => Ok(round_to(value / 100.0, decimals(&self.value_text) + 2)),
            other => Err(BuildError::BadFigure {
                what: format!("{} {} {}", self.oa, self.measure, self.year),
                problem: format!("unit {other:?} is not a percentage"),
            }),
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
    /// NCCIS years as given; DfE's "end 2015" → 2015.
    fn calendar_year(&self) -> Result<i32, BuildError> {
        let text = self.year.trim_start_matches("end ");
        let parsed = match text.split_once('/') {
            Some((start, _)) => start.parse::<i32>().map(|y| y + 1),
            None => text.parse::<i32>(),
        };
        parsed.map_err(|_| BuildError::BadFigure {
            what: self.measure.clone(),
            problem: format!("cannot read the year {:?}", self.year),
        })
    }
}

struct Extract {
    figures: Vec<Figure>,
}

impl Extract {
    fn parse(text: &str) -> Result<Extract, BuildError> {
        let records = parse_csv(text)?;
        let (header, rows) = records.split_first().ok_or_else(|| BuildError::Csv {
            file: "figures.csv",
            problem: "is empty".to_owned(),
        })?;
        let column = |name: &str| {
            header
                .iter()
                .position(|h| h == name)
                .ok_or_else(|| BuildError::Csv {
                    file: "figures.csv",
                    problem: format!("has no column {name}"),
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
        for (i, row) in rows.iter().enumerate() {
            if row.len() != header.len() {
                return Err(BuildError::Csv {
                    file: "figures.csv",
                    problem: format!(
                        "record {} has {} fields, not {}",
                        i + 2,
                        row.len(),
                        header.len()
                    ),
                });
            }
            let value_text = row[value].trim().to_owned();
            let parsed = if value_text.is_empty() {
                None
            } else {
                Some(value_text.parse::<f64>().map_err(|_| BuildError::Csv {
                    file: "figures.csv",
                    problem: format!("record {}: value {value_text:?} is not a number", i + 2),
                })?)
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

    fn find(
        &self,
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
        match found.as_slice() {
            [one] => Ok(one),
            [] => Err(BuildError::MissingFigure {
                what: format!("{measure} {group} {year} ({hint})"),
            }),
            _ => Err(BuildError::AmbiguousFigure {
                what: format!("{measure} {group} {year} ({hint})"),
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
            |f| f.oa == oa && f.is_local_authority(),
            measure,
            group,
            year,
            hint,
        )
        .map_err(|e| e.in_place(oa))
    }

    fn england(
        &self,
        measure: &str,
        group: &str,
        year: &str,
        hint: &str,
    ) -> Result<&Figure, BuildError> {
        self.find(|f| f.oa == "England", measure, group, year, hint)
            .map_err(|e| e.in_place("England"))
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
        if keyed.windows(2).any(|w| w[0].0 == w[1].0) {
            return Err(BuildError::Inconsistent(format!(
                "{}: {} {group} has two rows for one year: name the source",
                oa.unwrap_or("England"),
                spec.measure
            )));
        }
        if keyed.is_empty() {
            return Err(BuildError::MissingFigure {
                what: format!("{} {group} in {}", spec.measure, oa.unwrap_or("England")),
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
    format!(
        "{} {} @{}",
        f.source_repo,
        f.source_path,
        &f.source_commit[..f.source_commit.len().min(12)]
    )
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
    let records = parse_csv(text)?;
    let (header, rows) = records.split_first().ok_or_else(|| BuildError::Csv {
        file: "geography.csv",
        problem: "is empty".to_owned(),
    })?;
    let column = |name: &str| {
        header
            .iter()
            .position(|h| h == name)
            .ok_or_else(|| BuildError::Csv {
                file: "geography.csv",
                problem: format!("has no column {name}"),
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
        .map(|row| {
            if row.len() != header.len() {
                return Err(BuildError::Csv {
                    file: "geography.csv",
                    problem: format!("has a record of {} fields", row.len()),
                });
            }
            Ok(GeographyRow {
                oa: row[oa].clone(),
                wave: row[wave].parse().map_err(|_| BuildError::Csv {
                    file: "geography.csv",
                    problem: format!("has a wave that is not a number: {:?}", row[wave]),
                })?,
                la_name: row[la].clone(),
                la_code: row[code].clone(),
                whole_la: match row[whole].as_str() {
                    "yes" => true,
                    "no" => false,
                    other => {
                        return Err(BuildError::Csv {
                            file: "geography.csv",
                            problem: format!("has oa_is_whole_la {other:?}, not yes or no"),
                        })
                    }
                },
                itl2_code: row[itl2].clone(),
            })
        })
        .collect()
}

/// The English region (ITL1) containing an ITL2 region, from the code's first three
/// characters (ONS International Territorial Levels).
fn region_of(itl2_code: &str) -> Result<&'static str, BuildError> {
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
        .ok_or_else(|| BuildError::UnknownRegion(itl2_code.to_owned()))
}

/// A small CSV reader (RFC 4180): quoted fields may hold commas, doubled quotes and
/// line breaks; `\r\n` and `\n` end records.
fn parse_csv(text: &str) -> Result<Vec<Vec<String>>, BuildError> {
    let mut records = Vec::new();
    let mut record = Vec::new();
    let mut field = String::new();
    let mut quoted = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if quoted {
            match c {
                '"' if chars.peek() == Some(&'"') => {
                    field.push('"');
                    chars.next();
                }
                '"' => quoted = false,
                _ => field.push(c),
            }
        } else {
            match c {
                '"' if field.is_empty() => quoted = true,
                ',' => record.push(std::mem::take(&mut field)),
                '\r' if chars.peek() == Some(&'\n') => {}
                '\n' => {
                    record.push(std::mem::take(&mut field));
                    records.push(std::mem::take(&mut record));
                }
                _ => field.push(c),
            }
        }
    }
    if quoted {
        return Err(BuildError::Csv {
            file: "CSV",
            problem: format!(
                "record {} has an unterminated quoted field",
                records.len() + 1
            ),
        });
    }
    if !field.is_empty() || !record.is_empty() {
        record.push(field);
        records.push(record);
    }
    Ok(records)
}

// ---------------------------------------------------------------------------------------
// Numbers and words

/// `x` rounded to `places` decimals, as the nearest f64 to that decimal (so it prints short).
fn round_to(x: f64, places: usize) -> f64 {
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
    use super::*;

    #[test]
    fn the_csv_reader_handles_quotes_commas_and_line_ends() {
        let text = "a,b,c\r\n1,\"x, \"\"y\"\"\",\n\"multi\nline\",2,3";
        let records = parse_csv(text).unwrap();
        assert_eq!(
            records,
            vec![
                vec!["a", "b", "c"],
                vec!["1", "x, \"y\"", ""],
                vec!["multi\nline", "2", "3"],
            ]
        );
        assert!(matches!(
            parse_csv("a,\"b"),
            Err(BuildError::Csv { ref problem, .. }) if problem.contains("unterminated")
        ));
    }

    #[test]
    fn numbers_and_words() {
        assert_eq!(count(669864.0), "669,864");
        assert_eq!(count(850.0), "850");
        assert_eq!(pct1(0.58849), "58.8%");
        assert_eq!(round_to(58.8 / 100.0, 3).to_string(), "0.588");
        assert_eq!(join_years(&[2020, 2021]), "2020 and 2021");
        assert_eq!(possessive("Hastings"), "Hastings'");
        assert_eq!(possessive("East Sussex"), "East Sussex's");
        assert_eq!(region_of("TLJ2").unwrap(), "South East");
        assert!(region_of("XX").is_err());
    }

    #[test]
    fn the_shift_reproduces_the_target_mixture() {
        let (pf, pn, f) = (0.42, 0.69, 0.25);
        let target = 0.55;
        let s = solve_shift(pf, pn, f, target);
        let all = f * cdf(inverse_cdf(pf) + s) + (1.0 - f) * cdf(inverse_cdf(pn) + s);
        assert!((all - target).abs() < 1e-12);
        // Zero distance and England's own share: no shift.
        assert!(solve_shift(pf, pn, f, f * pf + (1.0 - f) * pn).abs() < 1e-12);
    }

    const HEADER: &str = "oa,geography_name,geography_level,measure,group,year,value,unit,source_repo,source_path,source_commit,notes";
    const LA: &str = "local authority (upper tier)";

    /// One figures.csv record.
    fn record(
        oa: &str,
        level: &str,
        measure: &str,
        group: &str,
        year: &str,
        value: &str,
        unit: &str,
    ) -> String {
        format!("{oa},{oa},{level},{measure},{group},{year},{value},{unit},owner/repo,R/input/SON26.csv,abc,")
    }

    fn extract(records: &[String]) -> Extract {
        Extract::parse(&format!("{HEADER}\n{}", records.join("\n"))).unwrap()
    }

    fn one(value: &str, unit: &str, year: &str) -> Extract {
        extract(&[record("Blackpool", LA, "ks2_pct", "fsm", year, value, unit)])
    }

    #[test]
    fn a_percentage_becomes_a_share_to_the_sources_precision() {
        // 58.8% is 0.588 (three decimals: one written, two for the division by 100).
        let x = one("58.8", "percent", "2016/17");
        assert_eq!(x.figures[0].share().unwrap(), 0.588);
        assert_eq!(
            one("7", "percent", "2016/17").figures[0].share().unwrap(),
            0.07
        );
        let counted = one("5663", "pupils", "2016/17");
        assert!(matches!(
            counted.figures[0].share(),
            Err(BuildError::BadFigure { .. })
        ));
        assert_eq!((round_to(0.58849, 3), decimals("58.80")), (0.588, 2));
    }

    #[test]
    fn a_year_label_is_the_summer_that_ends_it() {
        assert_eq!(
            one("1", "percent", "2016/17").figures[0]
                .calendar_year()
                .unwrap(),
            2017
        );
        assert_eq!(
            one("1", "percent", "end 2015").figures[0]
                .calendar_year()
                .unwrap(),
            2015
        );
        assert_eq!(
            one("1", "percent", "2021").figures[0]
                .calendar_year()
                .unwrap(),
            2021
        );
        assert!(matches!(
            one("1", "percent", "soon").figures[0].calendar_year(),
            Err(BuildError::BadFigure { .. })
        ));
    }

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
        // Φ(1) = 0.841344746: from 50% to Φ(1) is one probit unit, so 50% moves to Φ(1).
        let phi_1 = 0.841_344_746_068_542_9;
        assert!((probit_move(0.5, phi_1, 0.5) - phi_1).abs() < 1e-6);
        // No distance, no move.
        assert!((probit_move(0.3, 0.6, 0.6) - 0.3).abs() < 1e-9);
        // With no FSM pupils, the shift that takes 50% to Φ(1) is one unit.
        assert!((solve_shift(0.2, 0.5, 0.0, phi_1) - 1.0).abs() < 1e-6);
    }

    #[test]
    fn the_distance_to_england_is_the_mean_probit_gap_and_neet_years_with_many_unknown_are_left_out(
    ) {
        let m = "ks4_pct";
        let x = extract(&[
            record("Blackpool", LA, m, "all", "2016/17", "50", "percent"),
            record("England", "country", m, "all", "2016/17", "50", "percent"),
            record("Blackpool", LA, m, "all", "2017/18", "50", "percent"),
            record(
                "England", "country", m, "all", "2017/18", "84.13447", "percent",
            ),
        ]);
        // 0 in the first year and Φ⁻¹(0.5) − Φ⁻¹(0.8413447) = −1.0 in the second: mean −0.5.
        let d =
            all_pupil_distance(&x, "Blackpool", "ks4_pct", &["2016/17", "2017/18"], false).unwrap();
        assert!((d.mean + 0.5).abs() < 1e-6, "{}", d.mean);
        assert_eq!(d.years.len(), 2);

        let neet = |not_known: &str| {
            extract(&[
                record(
                    "Blackpool",
                    LA,
                    "neet_pct",
                    "all",
                    "2019",
                    "15.86553",
                    "percent",
                ),
                record(
                    "England", "country", "neet_pct", "all", "2019", "50", "percent",
                ),
                record(
                    "Blackpool",
                    LA,
                    "not_known_16_17_pct",
                    "all",
                    "2019",
                    not_known,
                    "percent",
                ),
            ])
        };
        // Not NEET: 84.13447% against 50%, one probit unit above.
        let d = all_pupil_distance(&neet("3"), "Blackpool", "neet_pct", &["2019"], true).unwrap();
        assert!((d.mean - 1.0).abs() < 1e-6, "{}", d.mean);
        // 12% not known is over the 10% limit: no usable year.
        assert!(matches!(
            all_pupil_distance(&neet("12"), "Blackpool", "neet_pct", &["2019"], true),
            Err(BuildError::NoUsableYears { .. })
        ));
    }

    #[test]
    fn a_districts_cohort_is_its_share_of_the_county_rounded_to_fifty_and_its_fsm_share_half_as_much_again(
    ) {
        let x = extract(&[record(
            "Tendring",
            LA,
            "eyfs_pupils_n",
            "all",
            "2016/17",
            "5123",
            "pupils",
        )]);
        let d = District {
            name: "Tendring",
            resident_share: 0.2,
        };
        let (cohort, fsm) =
            district_cohort_and_share(&d, "Essex", &x.figures[0], 0.147, "14.7%").unwrap();
        // 5,123 × 0.2 = 1,024.6, and 1,024.6 / 50 = 20.49 rounds to 20 fifties: 1,000.
        assert_eq!(cohort.value, 1_000.0);
        // 0.147 × 1.5 = 0.2205, rounded to a whole percentage: 0.22.
        assert_eq!(fsm.value, 0.22);
        // Hastings keeps its own 850.
        let h = District {
            name: "Hastings",
            resident_share: 0.17,
        };
        assert_eq!(
            district_cohort_and_share(&h, "East Sussex", &x.figures[0], 0.1, "")
                .unwrap()
                .0
                .value,
            850.0
        );
    }

    #[test]
    fn counts_that_do_not_add_up_are_refused_by_name() {
        let x = extract(&[
            record(
                "England",
                "country",
                "eyfs_pupils_n",
                "fsm",
                "2016/17",
                "100",
                "pupils",
            ),
            record(
                "England",
                "country",
                "eyfs_pupils_n",
                "non_fsm",
                "2016/17",
                "300",
                "pupils",
            ),
            record(
                "England",
                "country",
                "eyfs_pupils_n",
                "all",
                "2016/17",
                "401",
                "pupils",
            ),
        ]);
        let Err(e) = EnglandBase::from_extract(&x) else {
            panic!("100 + 300 is not 401");
        };
        assert!(matches!(e, BuildError::Inconsistent(_)), "{e}");
        assert!(e.to_string().contains("do not add up"));
    }

    #[test]
    fn malformed_inputs_are_named_errors() {
        let short = Extract::parse(&format!("{HEADER}\nBlackpool,Blackpool"));
        assert!(matches!(
            short,
            Err(BuildError::Csv {
                file: "figures.csv",
                ..
            })
        ));
        let no_column = Extract::parse("oa,measure\nBlackpool,ks2").err().unwrap();
        assert_eq!(
            no_column.to_string(),
            "figures.csv has no column geography_name"
        );
        let not_a_number = Extract::parse(&format!(
            "{HEADER}\n{}",
            record("Blackpool", LA, "m", "all", "2019", "many", "percent")
        ));
        assert!(not_a_number
            .err()
            .unwrap()
            .to_string()
            .contains("\"many\" is not a number"));
        // Two rows for one figure, and none.
        let twice = extract(&[
            record("Blackpool", LA, "m", "all", "2019", "1", "percent"),
            record("Blackpool", LA, "m", "all", "2019", "2", "percent"),
        ]);
        let e = twice
            .local("Blackpool", "m", "all", "2019", "")
            .err()
            .unwrap();
        assert!(
            matches!(&e, BuildError::In { error, .. } if matches!(**error, BuildError::AmbiguousFigure { rows: 2, .. }))
        );
        assert_eq!(
            e.to_string(),
            "Blackpool: figures.csv has 2 rows for m all 2019 (): name the source"
        );
        let e = twice.local("Derby", "m", "all", "2019", "").err().unwrap();
        assert_eq!(
            e.to_string(),
            "Derby: figures.csv has no row for m all 2019 ()"
        );
        assert_eq!(
            region_of("XX9").err().unwrap(),
            BuildError::UnknownRegion("XX9".to_owned())
        );
        let geography = "oa,wave,la_name_in_sources,la_code_2021_22,oa_is_whole_la,itl2_code\nBlackpool,2016,Blackpool,E06000009,maybe,TLD4";
        let e = parse_geographies(geography).err().unwrap();
        assert_eq!(
            e.to_string(),
            "geography.csv has oa_is_whole_la \"maybe\", not yes or no"
        );
    }
}
