//! The intervention levers: what each acts on, how strongly (with the evidence), and
//! what it costs. The catalogue is data (`static/data/levers.json`), the same for every area.

use serde::{Deserialize, Serialize};

use super::drift::Drift;
use super::error::{check_range, parse_json, InputError};
use super::evidence::{months_to_sd, AtScale, CostBand, EffectPath, EffectSize, MAX_MONTHS};
use super::lever_id::LeverId;
use super::monte_carlo::Z90;
use super::provenance::{check_provenance, Sourced};
use super::stage::{Group, Stage};

pub const CATALOGUE_FORMAT_VERSION: u32 = 2;
const CATALOGUE_FILE_LIMIT_BYTES: usize = 512 * 1024;

/// The six barriers to social mobility that structure every Opportunity Area delivery plan
/// (DfE; seed deck "Our approach to driving social mobility in OAs").
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Barrier {
    EarlyYearsProvision,
    HomeLearningEnvironment,
    EducationalOutcomes,
    AspirationsAdviceExperiences,
    #[serde(rename = "years_16_to_19")]
    Years16To19,
    Post19,
}

impl Barrier {
    pub const ALL: [Barrier; 6] = [
        Barrier::EarlyYearsProvision,
        Barrier::HomeLearningEnvironment,
        Barrier::EducationalOutcomes,
        Barrier::AspirationsAdviceExperiences,
        Barrier::Years16To19,
        Barrier::Post19,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Barrier::EarlyYearsProvision => "Early years provision",
            Barrier::HomeLearningEnvironment => "Home learning environment",
            Barrier::EducationalOutcomes => "Educational outcomes",
            Barrier::AspirationsAdviceExperiences => "Aspirations, advice and experiences",
            Barrier::Years16To19 => "16-19 years",
            Barrier::Post19 => "Post-19 years",
        }
    }
}

/// Which pupils a lever can reach.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ServedGroup {
    /// Targeted at FSM-eligible pupils only.
    Fsm,
    /// Universal: the same share of FSM and non-FSM pupils.
    AllPupils,
}

impl ServedGroup {
    pub fn includes(self, group: Group) -> bool {
        match self {
            ServedGroup::Fsm => group == Group::Fsm,
            ServedGroup::AllPupils => true,
        }
    }

    /// Pupils served for each FSM pupil served: 1 for a targeted lever, the whole cohort
    /// over its FSM pupils for a universal one.
    pub fn pupils_per_fsm_pupil(self, area: &super::Area) -> f64 {
        match self {
            ServedGroup::Fsm => 1.0,
            ServedGroup::AllPupils => {
                let fsm = area.group_size(Group::Fsm);
                if fsm > 0.0 {
                    area.cohort_size.value / fsm
                } else {
                    0.0
                }
            }
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            ServedGroup::Fsm => "FSM pupils",
            ServedGroup::AllPupils => "all pupils",
        }
    }
}

/// Where a lever's effect size comes from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum Evidence {
    /// An EEF Toolkit strand with a months estimate and its padlock rating (0 to 5).
    Eef {
        strand: String,
        months: i32,
        padlocks: u8,
        source: String,
    },
    /// No Toolkit estimate applies (no strand, or EEF gives none): an openly labelled
    /// assumption, stated as the effect at scale on the stage's threshold measure.
    Assumed {
        /// The EEF strand the lever belongs to, when EEF names one without an estimate.
        #[serde(default)]
        strand: Option<String>,
        central_sd: f64,
        p10_sd: f64,
        p90_sd: f64,
        assumption: String,
    },
}

impl Evidence {
    /// The Toolkit's own effect size with its range (EEF levers), or the stated effect
    /// (assumed levers), before translation to scale (see [`LeverCatalogue::effect_path`]).
    pub fn effect(&self) -> EffectSize {
        match self {
            Evidence::Eef {
                months, padlocks, ..
            } => EffectSize::from_eef(*months, *padlocks),
            Evidence::Assumed {
                central_sd,
                p10_sd,
                p90_sd,
                ..
            } => EffectSize {
                central_sd: *central_sd,
                p10_sd: *p10_sd,
                p90_sd: *p90_sd,
            },
        }
    }

    /// The strand name, if the lever has one.
    pub fn strand(&self) -> Option<&str> {
        match self {
            Evidence::Eef { strand, .. } => Some(strand),
            Evidence::Assumed { strand, .. } => strand.as_deref(),
        }
    }
}

/// The year groups a programme serves, as school years counted from reception (0):
/// −2 is age 2-3, −1 nursery (age 3-4), 1 to 13 are Y1 to Y13, 14 is age 18-19 and 15
/// age 19-20. A cohort in year group *y* is there in calendar year *reception year + y*.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct YearGroups {
    pub first: i32,
    pub last: i32,
}

impl YearGroups {
    /// The earliest year group a programme can serve (age 2-3).
    pub const EARLIEST: i32 = -2;

    /// How many year groups are served: the years of a full course.
    pub fn count(self) -> u32 {
        (self.last - self.first + 1).max(0) as u32
    }

    pub fn iter(self) -> std::ops::RangeInclusive<i32> {
        self.first..=self.last
    }

    /// A year group's everyday name.
    pub fn name(year: i32) -> String {
        match year {
            -2 => "age 2-3".to_owned(),
            -1 => "nursery".to_owned(),
            0 => "reception".to_owned(),
            1..=13 => format!("Y{year}"),
            14 => "age 18-19".to_owned(),
            15 => "age 19-20".to_owned(),
            other => format!("year {other}"),
        }
    }

    /// "Y1-Y6", "nursery-reception", "age 19-20".
    pub fn label(self) -> String {
        if self.first == self.last {
            YearGroups::name(self.first)
        } else {
            format!(
                "{} to {}",
                YearGroups::name(self.first),
                YearGroups::name(self.last)
            )
        }
    }
}

/// One intervention lever, as described in the catalogue.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Lever {
    /// Stable machine name; also the key in scenarios and share links.
    pub id: LeverId,
    pub name: String,
    pub barrier: Barrier,
    /// A stubborn issue from the seed deck this lever answers, if any
    /// (attendance, recruitment, mental health).
    #[serde(default)]
    pub issue: Option<String>,
    /// The stage whose outcome the lever shifts directly.
    pub stage: Stage,
    pub target: ServedGroup,
    pub description: String,
    pub evidence: Evidence,
    /// Share of the programme's effect on its own outcome (often one subject) that
    /// reaches the stage's combined threshold measure, 0 to 1 (docs/MODEL.md §4).
    pub outcome_breadth: Sourced<f64>,
    /// The year groups served; the last is at or before the stage's measurement.
    pub year_groups: YearGroups,
    pub cost_band: CostBand,
    /// Cost per pupil served per year, paid for every year group served.
    pub cost_gbp_per_pupil: Sourced<f64>,
    /// Start year offered when a user first moves the lever.
    pub default_start_year: i32,
    /// Years to reach full reach, offered by default.
    pub default_ramp_years: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LeverCatalogue {
    pub format_version: u32,
    /// How Toolkit evidence becomes an effect at scale, and the shared uncertainty.
    pub at_scale: AtScale,
    /// How far published figures move with no programme (fitted on LAIT).
    pub drift: Drift,
    /// How far one year's published FSM rate moves by chance: the diagnosis's band.
    pub chance_band: super::diagnosis::ChanceBand,
    /// The FSM definition change from 2027, as a composition shift a board may allow for.
    pub fsm_definition_break: super::fsm_break::CompositionShift,
    pub levers: Vec<Lever>,
}

impl LeverCatalogue {
    /// The catalogue shipped with the app.
    pub fn standard() -> LeverCatalogue {
        // Checked by a test, so this cannot fail in a release.
        LeverCatalogue::from_json(include_str!("../../static/data/levers.json"))
            .unwrap_or_else(|e| panic!("shipped lever catalogue is invalid: {e}"))
    }

    pub fn from_json(text: &str) -> Result<LeverCatalogue, InputError> {
        let catalogue: LeverCatalogue =
            parse_json("Lever catalogue", text, CATALOGUE_FILE_LIMIT_BYTES)?;
        catalogue.validate()?;
        Ok(catalogue)
    }

    pub fn validate(&self) -> Result<(), InputError> {
        if self.format_version != CATALOGUE_FORMAT_VERSION {
            return Err(InputError::field(
                "format_version",
                format!(
                    "is {}, expected {}",
                    self.format_version, CATALOGUE_FORMAT_VERSION
                ),
            ));
        }
        self.at_scale.validate()?;
        self.drift.validate()?;
        self.chance_band.validate()?;
        self.fsm_definition_break.validate("fsm_definition_break")?;
        for (i, lever) in self.levers.iter().enumerate() {
            let at = |field: &str| format!("levers[{i}] ({}).{field}", lever.id);
            let id_ok = !lever.id.is_empty()
                && lever.id.len() <= 40
                && lever
                    .id
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
            if !id_ok {
                return Err(InputError::field(
                    at("id"),
                    "must be 1-40 characters of a-z, 0-9 or _",
                ));
            }
            if self.levers[..i].iter().any(|other| other.id == lever.id) {
                return Err(InputError::field(at("id"), "appears twice"));
            }
            match &lever.evidence {
                Evidence::Eef {
                    months,
                    padlocks,
                    source,
                    ..
                } => {
                    if months.abs() > MAX_MONTHS || *padlocks > 5 || source.trim().is_empty() {
                        return Err(InputError::field(
                            at("evidence"),
                            "EEF months must be within ±10, padlocks 0 to 5, and a source given",
                        ));
                    }
                }
                Evidence::Assumed {
                    central_sd,
                    p10_sd,
                    p90_sd,
                    assumption,
                    ..
                } => {
                    check_range(&at("evidence.central_sd"), *central_sd, -1.0, 1.0)?;
                    let ordered = p10_sd <= central_sd && central_sd <= p90_sd;
                    // The Monte Carlo draws a normal around the central value, so the
                    // stated range must be centred on it to mean what it says.
                    let centred = ((p10_sd + p90_sd) / 2.0 - central_sd).abs() < 1e-9;
                    if !ordered || !centred || assumption.trim().is_empty() {
                        return Err(InputError::field(
                            at("evidence"),
                            "needs p10_sd ≤ central_sd ≤ p90_sd, central_sd midway between them, and a stated assumption",
                        ));
                    }
                }
            }
            check_range(
                &at("outcome_breadth"),
                lever.outcome_breadth.value,
                0.05,
                1.0,
            )?;
            check_provenance(&at("outcome_breadth"), &lever.outcome_breadth.provenance)?;
            let YearGroups { first, last } = lever.year_groups;
            if first > last || first < YearGroups::EARLIEST || last > lever.stage.lag_years() {
                return Err(InputError::field(
                    at("year_groups"),
                    format!(
                        "must run from {} or later to no later than the stage's measurement ({}), first before last",
                        YearGroups::EARLIEST,
                        lever.stage.lag_years()
                    ),
                ));
            }
            let (band_low, band_high) = lever.cost_band.range_gbp();
            check_range(
                &at("cost_gbp_per_pupil"),
                lever.cost_gbp_per_pupil.value,
                band_low,
                band_high.min(100_000.0),
            )?;
            check_provenance(
                &at("cost_gbp_per_pupil"),
                &lever.cost_gbp_per_pupil.provenance,
            )?;
            if lever.default_ramp_years > 10 {
                return Err(InputError::field(
                    at("default_ramp_years"),
                    "must be 0 to 10",
                ));
            }
        }
        Ok(())
    }

    /// The effect the model uses for `lever`, and how it was reached (docs/MODEL.md §4).
    ///
    /// EEF levers: the Toolkit effect *d_T* is shrunk toward the large-trial mean *μ_L*
    /// with weight *w = padlocks × weight per padlock*, then scaled by the outcome
    /// breadth *b*: *d = b (w d_T + (1 − w) μ_L)*. Its spread is the larger of the
    /// large-trial standard error and the Toolkit range's spread carried through the
    /// same weights. Assumed levers are stated at scale; their spread is at least the
    /// large-trial standard error too.
    pub fn effect_path(&self, lever: &Lever) -> EffectPath {
        let a = &self.at_scale;
        let breadth = lever.outcome_breadth.value;
        let floor_spread = a.large_trial_se_sd.value;
        let centred = |central: f64, spread: f64| {
            let half = spread * Z90;
            EffectSize {
                central_sd: central,
                p10_sd: central - half,
                p90_sd: central + half,
            }
        };
        match &lever.evidence {
            Evidence::Eef {
                months, padlocks, ..
            } => {
                let toolkit = lever.evidence.effect();
                let weight = a.evidence_weight(*padlocks);
                let shrunk =
                    weight * months_to_sd(*months) + (1.0 - weight) * a.large_trial_mean_sd.value;
                let central = breadth * shrunk;
                let spread = (breadth * weight * toolkit.spread_sd()).max(floor_spread);
                EffectPath {
                    months: Some(*months),
                    toolkit_sd: Some(toolkit.central_sd),
                    evidence_weight: Some(weight),
                    shrunk_sd: Some(shrunk),
                    outcome_breadth: breadth,
                    at_scale: centred(central, spread),
                }
            }
            Evidence::Assumed { .. } => {
                let stated = lever.evidence.effect();
                EffectPath {
                    months: None,
                    toolkit_sd: None,
                    evidence_weight: None,
                    shrunk_sd: None,
                    outcome_breadth: breadth,
                    at_scale: centred(
                        breadth * stated.central_sd,
                        (breadth * stated.spread_sd()).max(floor_spread),
                    ),
                }
            }
        }
    }

    /// The effect at scale the model uses for `lever`, with its range.
    pub fn effect(&self, lever: &Lever) -> EffectSize {
        self.effect_path(lever).at_scale
    }

    pub fn get(&self, id: &str) -> Option<&Lever> {
        self.levers.iter().find(|lever| lever.id == id)
    }

    pub fn index_of(&self, id: &str) -> Option<usize> {
        self.levers.iter().position(|lever| lever.id == id)
    }
}

impl Lever {
    /// The setting a lever starts from when a user first moves it: zero reach, and the
    /// catalogue's start year (or the year after the area's base year, if later) and
    /// ramp-up kept inside `area`'s years and the ramp limit, so that it resolves for any
    /// area.
    pub fn default_setting(&self, area: &super::Area) -> super::LeverSetting {
        super::LeverSetting {
            reach_share: 0.0,
            // A projection from a later as-of year starts its levers the year after it,
            // as the catalogue's 2018 does for 2017.
            start_year: self
                .default_start_year
                .max(area.base_year + 1)
                .min(area.horizon_end_year),
            ramp_years: self.default_ramp_years.min(super::plan::MAX_RAMP_YEARS),
            end_year: None,
        }
    }

    /// Pupils a year that the lever serves at full reach: its target group in every
    /// year group it serves.
    pub fn pupils_served(&self, area: &super::Area) -> f64 {
        self.target_pupils(area) * f64::from(self.year_groups.count())
    }

    /// What the lever costs a year at full reach: every pupil it serves, in every year
    /// group, at the cost per pupil served.
    pub fn full_reach_cost_gbp_per_year(&self, area: &super::Area) -> f64 {
        self.pupils_served(area) * self.cost_gbp_per_pupil.value
    }

    /// The first calendar year the lever can move `stage`'s results when it starts in
    /// `start_year`: the oldest cohort it serves is in its last year group then, and is
    /// measured at `stage` that many years later. `None` for stages before its own.
    pub fn first_year_reaching(&self, stage: Stage, start_year: i32) -> Option<i32> {
        stage.first_year_reached(self.stage, self.year_groups.last, start_year)
    }

    /// Pupils in one year group that this lever can reach.
    pub fn target_pupils(&self, area: &super::Area) -> f64 {
        super::Group::ALL
            .iter()
            .filter(|&&g| self.target.includes(g))
            .map(|&g| area.group_size(g))
            .sum()
    }
}
