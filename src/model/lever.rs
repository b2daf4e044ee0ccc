//! The intervention levers: what each acts on, how strongly (with the evidence), and
//! what it costs. The catalogue is data (`static/data/levers.json`), the same for every area.

use serde::{Deserialize, Serialize};

use super::error::{check_range, parse_json, InputError};
use super::evidence::{CostBand, EffectSize, MAX_MONTHS};
use super::provenance::{check_provenance, Sourced};
use super::stage::{Group, Stage};

pub const CATALOGUE_FORMAT_VERSION: u32 = 1;
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
pub enum Target {
    /// Targeted at FSM-eligible pupils only.
    Fsm,
    /// Universal: the same share of FSM and non-FSM pupils.
    AllPupils,
}

impl Target {
    pub fn includes(self, group: Group) -> bool {
        match self {
            Target::Fsm => group == Group::Fsm,
            Target::AllPupils => true,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Target::Fsm => "FSM pupils",
            Target::AllPupils => "all pupils",
        }
    }
}

/// Where a lever's effect size comes from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Evidence {
    /// An EEF Toolkit strand: months of progress and padlock rating (0 to 5).
    Eef {
        strand: String,
        months: i32,
        padlocks: u8,
        source: String,
    },
    /// No EEF strand measures this outcome: an openly labelled assumption.
    Assumed {
        central_sd: f64,
        p10_sd: f64,
        p90_sd: f64,
        assumption: String,
    },
}

impl Evidence {
    /// The effect size this evidence implies, with its uncertainty range, before any
    /// scale-up factor (see [`LeverCatalogue::effect`]).
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
}

/// One intervention lever, as described in the catalogue.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Lever {
    /// Stable machine name; also the key in scenarios and share links.
    pub id: String,
    pub name: String,
    pub barrier: Barrier,
    /// A stubborn issue from the seed deck this lever answers, if any
    /// (attendance, recruitment, mental health).
    #[serde(default)]
    pub issue: Option<String>,
    /// The stage whose outcome the lever shifts directly.
    pub stage: Stage,
    pub target: Target,
    pub description: String,
    pub evidence: Evidence,
    pub cost_band: CostBand,
    pub cost_gbp_per_pupil: Sourced<f64>,
    /// Start year offered when a user first moves the lever.
    pub default_start_year: i32,
    /// Years to reach full reach, offered by default.
    pub default_ramp_years: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LeverCatalogue {
    pub format_version: u32,
    /// Share of an EEF trial effect assumed to survive delivery across a whole area
    /// (0 to 1). Applies to EEF levers only; assumed effects are stated at scale.
    pub scale_up_factor: Sourced<f64>,
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
        check_range("scale_up_factor", self.scale_up_factor.value, 0.0, 1.0)?;
        check_provenance("scale_up_factor", &self.scale_up_factor.provenance)?;
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

    /// The effect size the model uses for `lever`: EEF effects scaled by
    /// [`LeverCatalogue::scale_up_factor`], assumed effects as stated.
    pub fn effect(&self, lever: &Lever) -> EffectSize {
        let trial = lever.evidence.effect();
        match lever.evidence {
            Evidence::Eef { .. } => {
                let factor = self.scale_up_factor.value;
                EffectSize {
                    central_sd: trial.central_sd * factor,
                    p10_sd: trial.p10_sd * factor,
                    p90_sd: trial.p90_sd * factor,
                }
            }
            Evidence::Assumed { .. } => trial,
        }
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
    /// catalogue's start year and ramp-up kept inside `area`'s years and the ramp limit,
    /// so that it resolves for any area.
    pub fn default_setting(&self, area: &super::Area) -> super::LeverSetting {
        super::LeverSetting {
            reach_share: 0.0,
            start_year: self
                .default_start_year
                .clamp(area.base_year, area.horizon_end_year),
            ramp_years: self.default_ramp_years.min(super::plan::MAX_RAMP_YEARS),
        }
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
