//! The share link. The page's query string always reflects the current scenario, so copying
//! the address shares it:
//!
//! ```text
//! v=2&name=Early%20years%20first&ey_language.reach=40&ey_language.start=2019
//! ```
//!
//! Links are compact (only levers that are on, and only the fields that differ from the
//! catalogue's defaults), versioned, and forgiving: a hand-edited, truncated, hostile or
//! foreign link keeps whatever is still valid, and each thing dropped is reported in plain
//! words. Decoding never panics.

use std::collections::{HashMap, HashSet};
use std::fmt::{self, Write as _};
use std::str::FromStr;

use super::target::Target;
use crate::model::plan::MAX_RAMP_YEARS;
use crate::model::{Area, LeverCatalogue, LeverSetting, LeverSettings};
use crate::scenario::outcome::{Outcome, HEADLINES};
use crate::scenario::target::year_outside;
use crate::scenario::{echo, without_hidden, MAX_NAME_CHARS};

/// The link format this build writes. Links of a newer version are read as far as they can be.
pub const LINK_VERSION: u32 = 2;
/// Longest query decoded; longer input is reported and ignored entirely.
pub const MAX_QUERY_BYTES: usize = 8 * 1024;

/// The longest area code or view name, in characters.
const MAX_CODE_CHARS: usize = 40;
/// Problems listed one by one; the rest are counted in a final line.
const MAX_PROBLEMS: usize = 20;

/// Everything a share link carries. The default is the baseline: no levers, no name.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct LinkState {
    /// Levers that are on; levers not listed are off.
    pub settings: LeverSettings,
    /// The scenario's name, at most 80 characters.
    pub name: Option<String>,
    /// The year the headlines report.
    pub target_year: Option<i32>,
    /// The area the link was made for, e.g. `hastings`: 1-40 of `a-z`, `0-9`, `_` or `-`.
    pub area_id: Option<String>,
    /// The year the projection starts from (`as_of=2017`); checked against the area's
    /// years by the caller, who loads the area.
    pub as_of: Option<i32>,
    /// Whether the page is embedded elsewhere (`embed=1`) and shows only one view.
    pub embed: bool,
    /// The view an embedded page shows (`view=headlines`, `flow` or `chart:fsm_ks2`).
    pub view: Option<EmbedView>,
    /// Success measures, at most one per headline outcome (`target.fsm_ks4=35@2030`).
    pub targets: Vec<Target>,
    /// Whether the baseline allows for the FSM definition change from 2027 (`fsm_break=1`).
    pub fsm_break: bool,
    /// The compare view (`view=compare`) and the areas it sets side by side
    /// (`areas=blackpool,derby`; empty: the Opportunity Areas). Ids are checked against
    /// the area index by the caller.
    pub compare: Option<Vec<String>>,
}

/// The most areas a compare link names.
pub const MAX_COMPARED_AREAS: usize = 40;

/// What an embedded page shows: one of a fixed set, written in links as `headlines`,
/// `flow` or `chart:<outcome key>`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum EmbedView {
    #[default]
    Headlines,
    Flow,
    Chart(Outcome),
}

impl EmbedView {
    /// Every view, in the order offered.
    pub fn all() -> Vec<EmbedView> {
        [EmbedView::Headlines, EmbedView::Flow]
            .into_iter()
            .chain(HEADLINES.map(EmbedView::Chart))
            .collect()
    }

    /// What the view shows, for the embed picker.
    pub fn label(self) -> String {
        match self {
            EmbedView::Headlines => "Headline outcomes".to_owned(),
            EmbedView::Flow => "Cohort flow".to_owned(),
            EmbedView::Chart(outcome) => format!("Chart: {}", outcome.short_title()),
        }
    }
}

impl fmt::Display for EmbedView {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            EmbedView::Headlines => f.write_str("headlines"),
            EmbedView::Flow => f.write_str("flow"),
            EmbedView::Chart(outcome) => write!(f, "chart:{outcome}"),
        }
    }
}

impl FromStr for EmbedView {
    type Err = String;

    fn from_str(text: &str) -> Result<EmbedView, String> {
        match text {
            "headlines" => Ok(EmbedView::Headlines),
            "flow" => Ok(EmbedView::Flow),
            _ => match text.strip_prefix("chart:") {
                Some(key) => key
                    .parse()
                    .map(EmbedView::Chart)
                    .map_err(|e: crate::scenario::outcome::UnknownOutcome| e.to_string()),
                None => Err(format!(
                    "{text:?} is not a view (headlines, flow or chart:<outcome> such as chart:fsm_ks2)"
                )),
            },
        }
    }
}

/// A decoded link: what could be read, and a plain-words note on each thing that could not.
#[derive(Debug, Clone, PartialEq)]
pub struct Decoded {
    pub state: LinkState,
    /// At most 20 problems, then one line counting the rest; empty for a clean link.
    pub problems: Vec<String>,
    /// Whether the link names its version (`v=`): every link the app writes does, so a
    /// link with one but no `as_of` was made before as-of years.
    pub versioned: bool,
    /// The link's version when it is older than [`LINK_VERSION`] and was upgraded (its
    /// settings are read as they are; see `scenario::MODEL_REVISION_NOTE`).
    pub migrated_from: Option<u32>,
}

/// Writes the query for `state` as `v=2&…`, without a leading `?`.
///
/// Levers with reach 0 are omitted, as are levers the catalogue does not know; `.start` and
/// `.ramp` are written only when they differ from the lever's catalogue defaults. Reach is
/// a percentage with no trailing zeros (`40`, `12.5`) and levers come in catalogue order, so
/// the same scenario always gives the same link. The name is percent-encoded (RFC 3986
/// unreserved characters kept, every other UTF-8 byte as `%XX`) and cut to 80 characters.
/// The optional keys (`name`, `year`, `area`, `as_of`, `embed=1`, `view`) come first, only when
/// set, so that a link cut short loses levers rather than its context. Targets come last,
/// one per outcome in headline order, as `target.fsm_ks4=35@2030` (a later target for the
/// same outcome wins, as when decoding).
pub fn encode(state: &LinkState, catalogue: &LeverCatalogue) -> String {
    let mut params = vec![format!("v={LINK_VERSION}")];
    if let Some(name) = &state.name {
        let name: String = name.chars().take(MAX_NAME_CHARS).collect();
        params.push(format!("name={}", escape(&name, false)));
    }
    if let Some(year) = state.target_year {
        params.push(format!("year={year}"));
    }
    if let Some(area_id) = &state.area_id {
        params.push(format!("area={}", escape(area_id, false)));
    }
    if let Some(year) = state.as_of {
        params.push(format!("as_of={year}"));
    }
    if state.fsm_break {
        params.push("fsm_break=1".to_owned());
    }
    if state.embed {
        params.push("embed=1".to_owned());
    }
    if let Some(view) = &state.view {
        params.push(format!("view={}", escape(&view.to_string(), true)));
    }
    if let Some(areas) = &state.compare {
        params.push("view=compare".to_owned());
        if !areas.is_empty() {
            let ids: Vec<String> = areas.iter().map(|id| escape(id, false)).collect();
            params.push(format!("areas={}", ids.join(",")));
        }
    }
    for lever in &catalogue.levers {
        // Reach 0 is the same as off; the comparison also leaves out a NaN.
        let Some(setting) = state
            .settings
            .get(&lever.id)
            .filter(|s| s.reach_share > 0.0)
        else {
            continue;
        };
        let id = escape(&lever.id, false);
        params.push(format!("{id}.reach={}", percentage(setting.reach_share)));
        if setting.start_year != lever.default_start_year {
            params.push(format!("{id}.start={}", setting.start_year));
        }
        if setting.ramp_years != lever.default_ramp_years {
            params.push(format!("{id}.ramp={}", setting.ramp_years));
        }
        if let Some(end) = setting.end_year {
            params.push(format!("{id}.end={end}"));
        }
    }
    for outcome in HEADLINES {
        // The value and the year are digits and a point: nothing to escape.
        if let Some(target) = state.targets.iter().rev().find(|t| t.outcome == outcome) {
            params.push(format!(
                "target.{}={}@{}",
                outcome, target.value_percent, target.year
            ));
        }
    }
    params.join("&")
}

/// The area a query names (`area=`), lower-cased, if it is written as an area code; the
/// rest of the query is not read (the caller fetches that area, then calls [`decode`]).
pub fn area_in_query(query: &str) -> Option<String> {
    if query.len() > MAX_QUERY_BYTES {
        return None;
    }
    let query = query.strip_prefix('?').unwrap_or(query);
    let mut problems = Problems::default();
    parameters(query, &mut problems)
        .into_iter()
        .filter(|(key, _)| key == "area")
        .map(|(_, value)| value.to_ascii_lowercase())
        .rfind(|id| is_code(id, |c| c == '_' || c == '-'))
}

/// Reads a query made by [`encode`], or edited by hand, against the catalogue and the area.
///
/// A leading `?` is accepted. Keys: `v`, `name`, `year`, `area`, `as_of`, `embed`, `view`,
/// `<lever_id>.reach` (a percentage from 0 to 100, decimals allowed), `<lever_id>.start` (a
/// year inside `area.years()`), `<lever_id>.ramp` (0 to 10 years) and `<lever_id>.end` (the
/// last year funded, from the start year to the horizon). Missing `.start` and `.ramp` take
/// the catalogue's defaults; a missing `.end` runs to the horizon. `target.<outcome>` is `value@year` (see
/// [`Target`]'s text form), one per outcome. Whatever is invalid is dropped, never clamped, and
/// reported; the settings returned always pass [`crate::model::Plan::resolve`]. The area
/// code is checked for form only: the caller decides which area to load.
pub fn decode(query: &str, catalogue: &LeverCatalogue, area: &Area) -> Decoded {
    let mut state = LinkState::default();
    let mut problems = Problems::default();
    if query.len() > MAX_QUERY_BYTES {
        problems.note(format!(
            "The link is too long to read ({} characters, more than the {MAX_QUERY_BYTES} allowed), so the baseline is shown instead.",
            query.len()
        ));
        return Decoded {
            state,
            problems: problems.finish(),
            versioned: false,
            migrated_from: None,
        };
    }
    let query = query.strip_prefix('?').unwrap_or(query);
    let years = area.years();
    let year_range = format!(
        "a year from {} to {}",
        area.base_year, area.horizon_end_year
    );

    let mut version_given = false;
    let mut migrated_from = None;
    let mut lever_keys_given = false;
    let mut compared_areas: Option<Vec<String>> = None;
    let mut levers = vec![LeverParts::default(); catalogue.levers.len()];
    for (key, value) in parameters(query, &mut problems) {
        match key.as_str() {
            "v" => {
                version_given = true;
                check_version(&value, &mut problems);
                migrated_from =
                    whole_number::<u32>(&value).filter(|v| (1..LINK_VERSION).contains(v));
            }
            "name" => {
                let (value, hidden) = without_hidden(&value, false);
                if hidden > 0 {
                    problems.note(format!(
                        "name: held {hidden} control or text-direction character{}, removed so that it reads as it is",
                        if hidden == 1 { "" } else { "s" }
                    ));
                }
                if value.chars().count() > MAX_NAME_CHARS {
                    problems.note(format!(
                        "name: longer than {MAX_NAME_CHARS} characters, so it was shortened"
                    ));
                }
                state.name = Some(value.chars().take(MAX_NAME_CHARS).collect());
            }
            "year" => {
                let year = whole_number(&value).filter(|y| years.contains(y));
                state.target_year = problems.check(&key, &value, year, &year_range);
            }
            "area" => {
                // Area ids are lower case; a link typed as `area=Blackpool` still works.
                let lower = value.to_ascii_lowercase();
                let valid = is_code(&lower, |c| c == '_' || c == '-');
                let area_id = valid.then_some(lower);
                state.area_id =
                    problems.check(&key, &value, area_id, "an area code like \"hastings\"");
            }
            "as_of" => {
                let year = whole_number(&value).filter(|y| (2000..=2090).contains(y));
                state.as_of = problems.check(&key, &value, year, "a year such as 2017");
            }
            "fsm_break" => {
                let on = match value.as_str() {
                    "1" => Some(true),
                    "0" => Some(false),
                    _ => None,
                };
                state.fsm_break = problems.check(&key, &value, on, "1 or 0").unwrap_or(false);
            }
            "embed" => {
                let embed = match value.as_str() {
                    "1" => Some(true),
                    "0" => Some(false),
                    _ => None,
                };
                state.embed = problems
                    .check(&key, &value, embed, "1 or 0")
                    .unwrap_or(false);
            }
            "view" if value == "compare" => {
                state.compare.get_or_insert_with(Vec::new);
            }
            "areas" => {
                let mut ids = Vec::new();
                for id in value.split(',').map(str::trim).filter(|id| !id.is_empty()) {
                    let lower = id.to_ascii_lowercase();
                    if !is_code(&lower, |c| c == '_' || c == '-') {
                        problems.note(format!(
                            "areas: {} is not an area code like \"blackpool\", so it was left out",
                            quoted(id)
                        ));
                    } else if ids.len() == MAX_COMPARED_AREAS {
                        problems.note(format!(
                            "areas: more than {MAX_COMPARED_AREAS} areas, so the rest were left out"
                        ));
                        break;
                    } else if !ids.contains(&lower) {
                        ids.push(lower);
                    }
                }
                compared_areas = Some(ids);
            }
            "view" => {
                let view = value.parse::<EmbedView>().ok();
                state.view = problems.check(
                    &key,
                    &value,
                    view,
                    "a view: headlines, flow or chart:<outcome> such as chart:fsm_ks2",
                );
            }
            "" => problems.note(format!(
                "A value with no name, {}, was ignored",
                quoted(&value)
            )),
            _ if key.starts_with("target.") => {
                let outcome = &key["target.".len()..];
                match format!("{outcome}={value}").parse::<Target>() {
                    Ok(target) if !years.contains(&target.year) => problems.note(format!(
                        "{}: {}, so the target was ignored",
                        echo(&key),
                        year_outside(target.year, &years)
                    )),
                    Ok(target) => state.targets.push(target),
                    Err(error) => {
                        problems.note(format!("{}: {error}, so it was ignored", echo(&key)))
                    }
                }
            }
            _ => match key.rsplit_once('.') {
                Some((id, field @ ("reach" | "start" | "ramp" | "end"))) => {
                    lever_keys_given = true;
                    let Some(parts) = catalogue.index_of(id).and_then(|i| levers.get_mut(i)) else {
                        problems.note(format!(
                            "{} names a lever this version of Pathways does not have, so it was ignored",
                            quoted(&key)
                        ));
                        continue;
                    };
                    match field {
                        "reach" => {
                            let percent = decimal(&value).filter(|p| (0.0..=100.0).contains(p));
                            let reach =
                                problems.check(&key, &value, percent, "a percentage from 0 to 100");
                            parts.reach_share = reach.map(|p| p / 100.0);
                        }
                        "start" => {
                            let year = whole_number(&value).filter(|y| years.contains(y));
                            parts.start_year = problems.check(&key, &value, year, &year_range);
                        }
                        "end" => {
                            let year = whole_number(&value).filter(|y| years.contains(y));
                            parts.end_year = problems.check(&key, &value, year, &year_range);
                        }
                        _ => {
                            let ramp = whole_number(&value).filter(|r| *r <= MAX_RAMP_YEARS);
                            let years_0_to_max =
                                format!("a number of years from 0 to {MAX_RAMP_YEARS}");
                            parts.ramp_years = problems.check(&key, &value, ramp, &years_0_to_max);
                        }
                    }
                }
                _ => problems.note(format!(
                    "{} is not a setting this version of Pathways knows, so it was ignored",
                    quoted(&key)
                )),
            },
        }
    }

    for (lever, parts) in catalogue.levers.iter().zip(&levers) {
        match parts.reach_share {
            // 0% is the same as off, so it is left out, as encode leaves it out.
            Some(reach_share) if reach_share > 0.0 => {
                // The defaults are kept inside this area's years and the ramp limit, so
                // the settings resolve even with an area the catalogue was not written for.
                let defaults = lever.default_setting(area);
                let start_year = parts.start_year.unwrap_or(defaults.start_year);
                let ramp_years = parts.ramp_years.unwrap_or(defaults.ramp_years);
                let end_year = match parts.end_year {
                    Some(end) if end < start_year => {
                        problems.note(format!(
                            "{}.end: {end} is before the programme's start year, {start_year}, so it was ignored and the programme runs to the horizon",
                            echo(&lever.id)
                        ));
                        None
                    }
                    end => end,
                };
                let setting = LeverSetting {
                    reach_share,
                    start_year,
                    ramp_years,
                    end_year,
                };
                state.settings.insert(lever.id.clone(), setting);
            }
            Some(_) => {}
            None if parts.start_year.is_some()
                || parts.ramp_years.is_some()
                || parts.end_year.is_some() =>
            {
                problems.note(format!(
                    "{}: a start year, ramp or end year was given without a valid reach, so the lever stays off",
                    echo(&lever.id)
                ));
            }
            None => {}
        }
    }
    match (&mut state.compare, compared_areas) {
        (Some(areas), Some(ids)) => *areas = ids,
        (None, Some(_)) => problems.note(
            "areas: a list of areas is read only with view=compare, so the full page is shown"
                .to_owned(),
        ),
        _ => {}
    }
    if state.compare.is_some() && state.embed {
        problems.note(
            "view=compare is a full page, not an embedded view, so it is shown without embed=1"
                .to_owned(),
        );
        state.embed = false;
        state.view = None;
    }
    if let (Some(view), false) = (&state.view, state.embed) {
        problems.note(format!(
            "view={view}: a single view is shown only in an embedded page (with embed=1), so the full page is shown"
        ));
        state.view = None;
    }
    if lever_keys_given && !version_given {
        problems.first(format!(
            "The link has no version number (v), so it was read as version {LINK_VERSION}."
        ));
    }
    Decoded {
        state,
        problems: problems.finish(),
        versioned: version_given,
        migrated_from,
    }
}

/// The valid parts of one lever's parameters, gathered before the lever is turned on.
#[derive(Debug, Clone, Copy, Default)]
struct LeverParts {
    reach_share: Option<f64>,
    start_year: Option<i32>,
    ramp_years: Option<u32>,
    end_year: Option<i32>,
}

/// Problems in the order found; [`Problems::finish`] caps the list shown.
#[derive(Debug, Default)]
struct Problems(Vec<String>);

impl Problems {
    fn note(&mut self, problem: String) {
        self.0.push(problem);
    }

    /// Puts a problem that explains the others at the top, where the cap cannot hide it.
    fn first(&mut self, problem: String) {
        self.0.insert(0, problem);
    }

    /// Passes `parsed` through, noting that `value` of `key` is not `expected` when it is `None`.
    fn check<T>(&mut self, key: &str, value: &str, parsed: Option<T>, expected: &str) -> Option<T> {
        if parsed.is_none() {
            self.note(format!(
                "{}: {} is not {expected}, so it was ignored",
                echo(key),
                quoted(value)
            ));
        }
        parsed
    }

    fn finish(mut self) -> Vec<String> {
        if self.0.len() > MAX_PROBLEMS {
            let more = self.0.len() - MAX_PROBLEMS;
            self.0.truncate(MAX_PROBLEMS);
            let noun = if more == 1 { "problem" } else { "problems" };
            self.0.push(format!("and {more} more {noun}"));
        }
        self.0
    }
}

/// Splits the query into percent-decoded `(key, value)` pairs, in order of first appearance.
/// A key given twice keeps its last value: a hand edit appended to a link should win.
fn parameters(query: &str, problems: &mut Problems) -> Vec<(String, String)> {
    let mut params: Vec<(String, String)> = Vec::new();
    let mut position: HashMap<String, usize> = HashMap::new();
    let mut repeated: HashSet<String> = HashSet::new();
    // Empty pieces come from `&&` or a trailing `&`: harmless, so ignored silently.
    for piece in query
        .split('&')
        .filter(|piece| !piece.is_empty() && *piece != "=")
    {
        let (raw_key, raw_value) = piece.split_once('=').unwrap_or((piece, ""));
        let (Some(key), Some(value)) = (unescape(raw_key), unescape(raw_value)) else {
            problems.note(format!(
                "{} is garbled, perhaps cut short or mistyped, so it was ignored",
                quoted(piece)
            ));
            continue;
        };
        match position.get(&key).and_then(|&i| params.get_mut(i)) {
            Some(earlier) => {
                if repeated.insert(key.clone()) {
                    problems.note(format!(
                        "{}: given more than once, so the last value was used",
                        echo(&key)
                    ));
                }
                earlier.1 = value;
            }
            None => {
                position.insert(key.clone(), params.len());
                params.push((key, value));
            }
        }
    }
    params
}

/// Notes a `v` that this build cannot take at its word; the link is then read as the
/// current version.
fn check_version(value: &str, problems: &mut Problems) {
    let positive = !value.is_empty()
        && value.bytes().all(|b| b.is_ascii_digit())
        && value.bytes().any(|b| b != b'0');
    if !positive {
        problems.note(format!(
            "v: {} is not a version number, so version {LINK_VERSION} was assumed",
            quoted(value)
        ));
    } else if whole_number::<u32>(value).is_none_or(|v| v > LINK_VERSION) {
        // Includes numbers too long for a u32: still a version, only a much newer one.
        problems.note(
            "v: this link was made by a newer version of Pathways; settings this version does not know were dropped"
                .to_owned(),
        );
    }
}

/// A whole number written only with digits: no sign, spaces or exponent, which Rust's own
/// parser would otherwise let through.
fn whole_number<T: FromStr>(text: &str) -> Option<T> {
    let digits = !text.is_empty() && text.bytes().all(|b| b.is_ascii_digit());
    digits.then(|| text.parse().ok()).flatten()
}

/// A decimal such as `40`, `12.5` or `.5`: digits and at most one point. Rust's parser
/// alone would also take `inf`, `NaN`, `-1` and `1e2`.
fn decimal(text: &str) -> Option<f64> {
    let plain = text.bytes().any(|b| b.is_ascii_digit())
        && text.bytes().all(|b| b.is_ascii_digit() || b == b'.')
        && text.bytes().filter(|&b| b == b'.').count() <= 1;
    plain.then(|| text.parse().ok()).flatten()
}

/// An area code or view name: 1-40 of `a-z`, `0-9` and the given punctuation.
fn is_code(text: &str, punctuation: impl Fn(char) -> bool) -> bool {
    (1..=MAX_CODE_CHARS).contains(&text.chars().count())
        && text
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || punctuation(c))
}

/// The shortest percentage with no trailing zeros that decodes to exactly `reach_share`
/// (0.4 → `40`, 0.125 → `12.5`), so a link restores the very number it was made from.
fn percentage(reach_share: f64) -> String {
    let percent = reach_share * 100.0;
    (0..=17)
        .map(|decimals| trim_zeros(format!("{percent:.decimals$}")))
        .find(|text| text.parse::<f64>().is_ok_and(|p| p / 100.0 == reach_share))
        // Some shares are no float divided by 100: then the nearest, within a rounding step.
        // Rust prints floats without an exponent, so the decoder reads it.
        .unwrap_or_else(|| format!("{percent}"))
}

fn trim_zeros(number: String) -> String {
    if number.contains('.') {
        number
            .trim_end_matches('0')
            .trim_end_matches('.')
            .to_owned()
    } else {
        number
    }
}

/// Percent-encodes the UTF-8 bytes of `text`, keeping RFC 3986's unreserved characters, and
/// `:` when `keep_colon` (a query may hold it, and `chart:fsm_ks2` reads better unescaped).
fn escape(text: &str, keep_colon: bool) -> String {
    let mut escaped = String::with_capacity(text.len());
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || b"-._~".contains(&byte) || (keep_colon && byte == b':') {
            escaped.push(char::from(byte));
        } else {
            // Writing to a String cannot fail.
            let _ = write!(escaped, "%{byte:02X}");
        }
    }
    escaped
}

/// Reverses [`escape`], reading `+` as a space as HTML forms write it. `None` for a `%` not
/// followed by two hex digits, or bytes that are not UTF-8 text.
fn unescape(text: &str) -> Option<String> {
    let hex = |byte: Option<&u8>| char::from(*byte?).to_digit(16);
    let bytes = text.as_bytes();
    let mut decoded = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while let Some(&byte) = bytes.get(i) {
        match byte {
            b'+' => decoded.push(b' '),
            b'%' => {
                let value = hex(bytes.get(i + 1))? * 16 + hex(bytes.get(i + 2))?;
                decoded.push(u8::try_from(value).ok()?);
                i += 2;
            }
            _ => decoded.push(byte),
        }
        i += 1;
    }
    String::from_utf8(decoded).ok()
}

/// At most 40 characters of `text`, with `…` if cut. Characters that could hide or reorder
/// the page's text (controls, bidirectional overrides) are shown as `�`.
fn quoted(text: &str) -> String {
    format!("\"{}\"", echo(text))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn catalogue() -> LeverCatalogue {
        LeverCatalogue::standard()
    }

    fn decode_hastings(query: &str) -> Decoded {
        decode(query, &catalogue(), &Area::hastings())
    }

    fn lever(reach_share: f64, start_year: i32, ramp_years: u32) -> LeverSetting {
        LeverSetting {
            reach_share,
            start_year,
            ramp_years,
            end_year: None,
        }
    }

    fn with_levers(levers: &[(&str, LeverSetting)]) -> LinkState {
        LinkState {
            settings: levers.iter().map(|(id, s)| ((*id).into(), *s)).collect(),
            ..LinkState::default()
        }
    }

    #[test]
    fn encode_writes_the_documented_example() {
        let state = with_levers(&[("ey_language", lever(0.4, 2019, 2))]);
        assert_eq!(
            encode(&state, &catalogue()),
            "v=2&ey_language.reach=40&ey_language.start=2019"
        );
    }

    #[test]
    fn encode_lists_only_levers_that_are_on_in_catalogue_order() {
        let state = with_levers(&[
            ("secondary_tutoring", lever(0.125, 2018, 2)),
            ("ey_language", lever(1.0, 2018, 0)),
            ("post16_tuition", lever(0.0, 2020, 5)),
            ("no_such_lever", lever(0.5, 2018, 2)),
        ]);
        assert_eq!(
            encode(&state, &catalogue()),
            "v=2&ey_language.reach=100&ey_language.ramp=0&secondary_tutoring.reach=12.5"
        );
    }

    #[test]
    fn encode_writes_optional_keys_only_when_set() {
        assert_eq!(encode(&LinkState::default(), &catalogue()), "v=2");
        let state = LinkState {
            name: Some("Early years & more, café".to_owned()),
            target_year: Some(2030),
            area_id: Some("hastings".to_owned()),
            embed: true,
            view: Some(EmbedView::Chart(Outcome::FsmRate(crate::model::Stage::Ks2))),
            ..LinkState::default()
        };
        assert_eq!(
            encode(&state, &catalogue()),
            "v=2&name=Early%20years%20%26%20more%2C%20caf%C3%A9&year=2030&area=hastings&embed=1&view=chart:fsm_ks2"
        );
    }

    #[test]
    fn percentages_are_short_and_exact() {
        assert_eq!(percentage(0.4), "40");
        assert_eq!(percentage(0.125), "12.5");
        assert_eq!(percentage(0.07), "7");
        assert_eq!(percentage(0.005), "0.5");
        // Not every share is some float divided by 100; those come within a rounding step.
        for share in [0.123_456_789_012_345_67, 1.0 / 3.0, 0.1 + 0.2, 1e-9] {
            let back = percentage(share).parse::<f64>().unwrap() / 100.0;
            assert!((back - share).abs() <= f64::EPSILON * share, "{share}");
        }
    }

    #[test]
    fn decode_reads_the_documented_example() {
        let decoded = decode_hastings("?v=1&ey_language.reach=40&ey_language.start=2019");
        assert_eq!(decoded.problems, Vec::<String>::new());
        assert_eq!(
            decoded.state,
            with_levers(&[("ey_language", lever(0.4, 2019, 2))])
        );
    }

    #[test]
    fn an_empty_query_is_the_baseline() {
        for query in ["", "?", "&&", "v=1&", "="] {
            let decoded = decode_hastings(query);
            assert_eq!(decoded.state, LinkState::default(), "{query}");
            assert!(
                decoded.problems.is_empty(),
                "{query}: {:?}",
                decoded.problems
            );
        }
    }

    #[test]
    fn names_decode_plus_as_space_and_utf8() {
        let decoded = decode_hastings("v=1&name=Early+years%20first%20caf%C3%A9");
        assert_eq!(
            decoded.state.name.as_deref(),
            Some("Early years first café")
        );
        assert!(decoded.problems.is_empty());
    }

    #[test]
    fn a_bad_value_is_named_and_dropped() {
        let decoded = decode_hastings("v=1&ey_language.reach=abc");
        assert_eq!(
            decoded.problems,
            ["ey_language.reach: \"abc\" is not a percentage from 0 to 100, so it was ignored"]
        );
        assert!(decoded.state.settings.is_empty());
        for bad in ["NaN", "inf", "-5", "100.5", "1e2", "", "4.0.0", "40%25"] {
            let decoded = decode_hastings(&format!("v=1&ey_language.reach={bad}"));
            assert_eq!(decoded.problems.len(), 1, "{bad}: {:?}", decoded.problems);
            assert!(decoded.state.settings.is_empty(), "{bad}");
        }
    }

    #[test]
    fn a_start_outside_the_years_is_dropped_not_clamped() {
        let decoded =
            decode_hastings("v=1&ey_language.reach=50&ey_language.start=1990&ey_language.ramp=11");
        assert_eq!(
            decoded.problems,
            [
                "ey_language.start: \"1990\" is not a year from 2017 to 2035, so it was ignored",
                "ey_language.ramp: \"11\" is not a number of years from 0 to 10, so it was ignored",
            ]
        );
        assert_eq!(
            decoded.state.settings["ey_language"],
            lever(0.5, 2018, 2),
            "catalogue defaults"
        );
    }

    #[test]
    fn a_lever_without_a_reach_stays_off() {
        let decoded = decode_hastings("v=1&ey_language.start=2020&ey_language.ramp=3");
        assert!(decoded.state.settings.is_empty());
        assert_eq!(
            decoded.problems,
            ["ey_language: a start year, ramp or end year was given without a valid reach, so the lever stays off"]
        );
        // Reach 0 is simply off: nothing to report.
        let decoded = decode_hastings("v=1&ey_language.reach=0&ey_language.start=2020");
        assert!(decoded.state.settings.is_empty());
        assert!(decoded.problems.is_empty());
    }

    #[test]
    fn unknown_and_duplicate_keys_are_reported() {
        let decoded = decode_hastings(
            "v=1&ponies.reach=50&colour=red&ey_language.reach=10&ey_language.reach=20",
        );
        assert_eq!(
            decoded.problems,
            [
                "ey_language.reach: given more than once, so the last value was used",
                "\"ponies.reach\" names a lever this version of Pathways does not have, so it was ignored",
                "\"colour\" is not a setting this version of Pathways knows, so it was ignored",
            ]
        );
        assert_eq!(decoded.state.settings["ey_language"].reach_share, 0.2);
    }

    #[test]
    fn versions_are_checked() {
        let missing = decode_hastings("ey_language.reach=40");
        assert_eq!(
            missing.problems,
            ["The link has no version number (v), so it was read as version 2."]
        );
        assert_eq!(missing.state.settings.len(), 1);
        assert!(
            decode_hastings("name=x").problems.is_empty(),
            "no levers, no need for v"
        );

        let old = decode_hastings("v=1&ey_language.reach=40");
        assert_eq!(
            old.migrated_from,
            Some(1),
            "a version-1 link is upgraded, and says so"
        );
        assert!(old.problems.is_empty());
        assert_eq!(old.state.settings["ey_language"].reach_share, 0.4);
        assert_eq!(
            decode_hastings("v=2&ey_language.reach=40").migrated_from,
            None
        );

        for newer in ["3", "99999999999999999999"] {
            let decoded = decode_hastings(&format!("v={newer}&ey_language.reach=40&warp.speed=9"));
            assert_eq!(decoded.problems[0], "v: this link was made by a newer version of Pathways; settings this version does not know were dropped");
            assert_eq!(decoded.state.settings.len(), 1, "known settings are kept");
        }
        for bad in ["0", "abc", "-1", "1.0", ""] {
            let decoded = decode_hastings(&format!("v={bad}&ey_language.reach=40"));
            assert_eq!(
                decoded.problems,
                [format!(
                    "v: \"{bad}\" is not a version number, so version 2 was assumed"
                )]
            );
            assert_eq!(decoded.state.settings.len(), 1);
        }
    }

    #[test]
    fn garbled_parameters_are_dropped() {
        for garbled in [
            "name=%",
            "name=%4",
            "name=%GG",
            "name=%+F",
            "name=%FF",
            "na%zzme=x",
            "name=%C3",
        ] {
            let decoded = decode_hastings(&format!("v=1&{garbled}&year=2030"));
            assert_eq!(decoded.state.name, None, "{garbled}");
            assert_eq!(decoded.state.target_year, Some(2030), "{garbled}");
            assert_eq!(decoded.problems.len(), 1, "{garbled}");
            assert!(decoded.problems[0].contains("garbled"), "{garbled}");
        }
    }

    #[test]
    fn a_target_outside_the_projection_is_named_and_ignored() {
        // Issue 18, item 3: `target.fsm_ks4=35@2090` was taken in silence.
        for year in [2000, 2036, 2090] {
            let decoded = decode_hastings(&format!(
                "v=2&target.fsm_ks4=35@{year}&target.fsm_ks2=40@2030"
            ));
            let kept: Vec<String> = decoded
                .state
                .targets
                .iter()
                .map(|t| t.to_string())
                .collect();
            assert_eq!(kept, ["fsm_ks2=40@2030"]);
            assert_eq!(
                decoded.problems,
                [format!("target.fsm_ks4: {year} is outside the projection's years, 2017 to 2035, so the target was ignored")]
            );
        }
    }

    #[test]
    fn a_view_without_embed_is_named() {
        // Issue 18, item 9: `view=flow` without `embed=1` was ignored with no message.
        let decoded = decode_hastings("v=2&view=flow");
        assert_eq!(decoded.state.view, None);
        assert_eq!(
            decoded.problems,
            ["view=flow: a single view is shown only in an embedded page (with embed=1), so the full page is shown"]
        );
        // In either order with embed=1 it is taken as it is.
        let decoded = decode_hastings("v=2&view=flow&embed=1");
        assert!(decoded.problems.is_empty() && decoded.state.view.is_some());
    }

    #[test]
    fn control_and_direction_characters_are_taken_out_of_a_linked_name() {
        // Issue 18, item 8.
        let decoded = decode_hastings("v=2&name=abc%E2%80%AEevil%E2%80%AC%07");
        assert_eq!(decoded.state.name.as_deref(), Some("abcevil"));
        assert_eq!(
            decoded.problems,
            ["name: held 3 control or text-direction characters, removed so that it reads as it is"]
        );
        let decoded = decode_hastings("v=2&name=a%00b");
        assert_eq!(decoded.state.name.as_deref(), Some("ab"));
        assert_eq!(decoded.problems.len(), 1);
    }

    #[test]
    fn context_keys_are_checked() {
        let decoded = decode_hastings("v=1&year=2030&area=hastings&embed=1&view=chart:fsm_ks2");
        assert!(decoded.problems.is_empty());
        assert_eq!(decoded.state.target_year, Some(2030));
        assert_eq!(decoded.state.area_id.as_deref(), Some("hastings"));
        assert!(decoded.state.embed);
        assert_eq!(
            decoded.state.view.map(|v| v.to_string()).as_deref(),
            Some("chart:fsm_ks2")
        );

        // Area ids are read case-blind; the other keys are strict.
        let decoded = decode_hastings("v=1&year=2050&area=Hastings&embed=yes&view=%3Cscript%3E");
        assert_eq!(
            decoded.state,
            LinkState {
                area_id: Some("hastings".to_owned()),
                ..LinkState::default()
            }
        );
        assert_eq!(decoded.problems.len(), 3);
        let decoded = decode_hastings("v=2&area=Hast%20ings");
        assert_eq!(decoded.state.area_id, None);
        assert_eq!(decoded.problems.len(), 1);
        let decoded = decode_hastings("v=1&year=2050&area=Hastings&embed=yes&view=%3Cscript%3E");
        assert_eq!(
            decoded.problems[2],
            "view: \"<script>\" is not a view: headlines, flow or chart:<outcome> such as chart:fsm_ks2, so it was ignored"
        );
    }

    #[test]
    fn long_names_are_shortened() {
        let decoded = decode_hastings(&format!("v=1&name={}", "é".repeat(100)));
        assert_eq!(decoded.state.name, Some("é".repeat(80)));
        assert_eq!(
            decoded.problems,
            ["name: longer than 80 characters, so it was shortened"]
        );
    }

    #[test]
    fn problems_are_capped_and_clipped() {
        let query: String = (0..25).map(|i| format!("junk{i}=1&")).collect();
        let problems = decode_hastings(&query).problems;
        assert_eq!(problems.len(), 21);
        assert_eq!(problems[20], "and 5 more problems");

        let long = "x".repeat(100);
        let problems = decode_hastings(&format!("v=1&ey_language.reach={long}")).problems;
        assert_eq!(
            problems,
            [format!(
                "ey_language.reach: \"{}…\" is not a percentage from 0 to 100, so it was ignored",
                "x".repeat(40)
            )]
        );
        let hostile = decode_hastings("v=1&year=%E2%80%AE2030%0A").problems;
        assert_eq!(
            hostile,
            ["year: \"\u{FFFD}2030\u{FFFD}\" is not a year from 2017 to 2035, so it was ignored"]
        );
    }

    #[test]
    fn an_overlong_query_is_ignored_entirely() {
        let query = format!(
            "v=1&ey_language.reach=40&name={}",
            "a".repeat(MAX_QUERY_BYTES)
        );
        let decoded = decode_hastings(&query);
        assert_eq!(decoded.state, LinkState::default());
        assert_eq!(decoded.problems.len(), 1);
        assert!(decoded.problems[0].contains("too long"));
    }

    #[test]
    fn targets_round_trip_one_per_outcome() {
        let targets: Vec<Target> = ["fsm_ks4=35@2030", "gap_ks4=12.5@2028", "fsm_neet=20@2035"]
            .iter()
            .map(|t| t.parse().unwrap())
            .collect();
        let state = LinkState {
            targets: targets.clone(),
            ..with_levers(&[("ey_language", lever(0.4, 2019, 2))])
        };
        let query = encode(&state, &catalogue());
        assert_eq!(
            query,
            "v=2&ey_language.reach=40&ey_language.start=2019&target.fsm_ks4=35@2030&target.gap_ks4=12.5@2028&target.fsm_neet=20@2035"
        );
        let decoded = decode_hastings(&query);
        assert!(decoded.problems.is_empty(), "{:?}", decoded.problems);
        assert_eq!(decoded.state, state);
        // An escaped `@` reads the same.
        let escaped = decode_hastings("v=2&target.fsm_ks4=35%402030");
        assert_eq!(escaped.state.targets, targets[..1]);
    }

    #[test]
    fn a_bad_target_is_named_and_dropped_keeping_the_rest() {
        let decoded = decode_hastings(
            "v=2&target.fms_ks4=35@2030&target.fsm_ks2=135@2030&target.gap_ks4=x@2030&target.fsm_neet=20@soon&target.fsm_ks4=35&ey_language.reach=40&target.fsm_early_years=70@2025",
        );
        assert_eq!(
            decoded.problems,
            [
                "target.fms_ks4: \"fms_ks4\" is not an outcome (did you mean fsm_ks4?); the outcomes are fsm_early_years, fsm_ks2, fsm_ks4, fsm_level3_by_19, gap_ks4, fsm_neet, so it was ignored",
                "target.fsm_ks2: the value 135 is outside 0 to 100, so it was ignored",
                "target.gap_ks4: the value \"x\" is not a number: write a percentage like 35 or 12.5, so it was ignored",
                "target.fsm_neet: the year \"soon\" is not a year such as 2030, so it was ignored",
                "target.fsm_ks4: \"fsm_ks4=35\" is not a target: write outcome=value@year, like fsm_ks4=35@2030, so it was ignored",
            ]
        );
        assert_eq!(decoded.state.settings.len(), 1);
        assert_eq!(
            decoded.state.targets,
            ["fsm_early_years=70@2025".parse::<Target>().unwrap()]
        );
    }

    #[test]
    fn a_compare_link_names_its_areas_and_round_trips() {
        let decoded = decode_hastings("v=2&view=compare&areas=Blackpool,derby,derby,%3Cx%3E");
        assert_eq!(
            decoded.state.compare,
            Some(vec!["blackpool".to_owned(), "derby".to_owned()])
        );
        assert_eq!(decoded.problems.len(), 1, "{:?}", decoded.problems);
        assert!(
            decoded.problems[0].contains("<x>"),
            "{:?}",
            decoded.problems
        );
        let link = LinkState {
            compare: Some(vec!["blackpool".into(), "derby".into()]),
            ..LinkState::default()
        };
        let query = encode(&link, &catalogue());
        assert_eq!(query, "v=2&view=compare&areas=blackpool,derby");
        assert_eq!(decode_hastings(&query).state.compare, link.compare);
        // No list: the Opportunity Areas (chosen by the caller).
        assert_eq!(decode_hastings("view=compare").state.compare, Some(vec![]));
    }

    #[test]
    fn a_list_of_areas_without_the_compare_view_is_named_and_ignored() {
        let decoded = decode_hastings("v=2&areas=blackpool");
        assert_eq!(decoded.state.compare, None);
        assert_eq!(
            decoded.problems,
            ["areas: a list of areas is read only with view=compare, so the full page is shown"]
        );
        let decoded = decode_hastings("v=2&embed=1&view=compare");
        assert!(decoded.state.compare.is_some() && !decoded.state.embed);
        assert_eq!(decoded.problems.len(), 1);
    }
}
