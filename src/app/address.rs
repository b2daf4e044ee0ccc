//! The page's address and the store: the first state read from a share link, and the
//! share link written for a state (see `scenario::link` for the format). Plain Rust,
//! tested natively; the hook that syncs the address bar is `hooks::use_url`.

use crate::app::state::{AsOfReason, Mode, State, ViewChoices, DEFAULT_NAME};
use crate::model::area::DEFAULT_AREA_ID;
use crate::model::area_index::AreaIndex;
use crate::model::Area;
use crate::scenario::link::{area_in_query, decode, encode, EmbedView, LinkState};
use crate::scenario::MODEL_REVISION_NOTE;

/// The year every projection started from before as-of years: a link without `as_of`
/// from then (it has `v=`) opens as of it.
pub const OLD_LINK_AS_OF: i32 = 2017;

/// The area a page opened at `query` fetches first: the link's `area=` when the index
/// knows it, else the default. (A link the index does not know is reported by
/// [`state_from_query`].)
pub fn linked_area_id(query: &str) -> String {
    area_in_query(query)
        .filter(|id| AreaIndex::shipped().get(id).is_some())
        .unwrap_or_else(|| DEFAULT_AREA_ID.to_owned())
}

/// The first state for a page opened at `query` (the address's `?…`): area, as-of year,
/// levers, name, year, embed view. `area` is the file already fetched: the linked one, or
/// the default when the link names none, or one that could not be loaded (`unloaded`
/// says why). What cannot be read is listed in a notice; the rest is kept.
pub fn state_from_query(query: &str, area: Area, unloaded: Option<String>) -> State {
    let probe = State::new(area.clone());
    let first = decode(query, probe.model.catalogue(), probe.model.area());
    // What this function finds wrong with the area and year; the link's own problems are
    // the decoder's, read with the years of the area finally shown.
    let mut ours = Vec::new();
    if let Some(id) = first.state.area_id.as_ref().filter(|id| **id != area.id) {
        let id = id.chars().take(40).collect::<String>();
        ours.push(match &unloaded {
            Some(why) => format!("area “{id}” could not be loaded ({why}), so {} is shown (choose it again in the Area list at the top)", area.name),
            None => format!("area “{id}” is not one this version of Pathways ships, so {} is shown (choose another in the Area list at the top)", area.name),
        });
    }
    // The year the projection starts from: the link's, or for a link from before as-of
    // years (it has `v=` but no `as_of`), the year every projection then started; else the
    // file's default. The line under the picker says which it was (`as_of_line`).
    let (as_of, reason) = match first.state.as_of {
        Some(year) => (Some(year), AsOfReason::Link),
        None if first.versioned => (Some(OLD_LINK_AS_OF), AsOfReason::OldLink),
        None => (None, AsOfReason::FileDefault),
    };
    let area = match as_of.map(|year| area.as_of_year(year)) {
        Some(Ok(at)) => at,
        Some(Err(problem)) => {
            ours.push(format!(
                "as_of: {problem}, so it starts from {}",
                area.base_year
            ));
            area
        }
        None => area,
    };
    // The FSM definition change, when the link allows for it (`fsm_break=1`).
    let mut area = area;
    if first.state.fsm_break {
        area.fsm_definition_break = Some(probe.model.catalogue().fsm_definition_break.clone());
    }
    let mut state = State::new(area);
    state.area.as_of_reason = reason;
    let decoded = if state.model.area() == probe.model.area() {
        first
    } else {
        decode(query, state.model.catalogue(), state.model.area())
    };
    let mut problems = decoded.problems.clone();
    problems.extend(ours);
    // A link made for an older model keeps its levers; say that the figures have moved.
    let migrated = decoded.migrated_from.is_some() && !decoded.state.settings.is_empty();
    state.plan.settings = decoded.state.settings;
    state.board.targets = decoded.state.targets;
    if let Some(name) = decoded.state.name {
        state.plan.name = name;
    }
    if let Some(year) = decoded.state.target_year {
        if state.model.area().years().contains(&year) {
            state.view.target_year = year;
        }
    }
    if decoded.state.embed {
        state.page.mode = Mode::Embed {
            view: decoded.state.view.unwrap_or_default(),
        };
    }
    if let Some(ids) = &decoded.state.compare {
        let index = AreaIndex::shipped();
        let (known, unknown): (Vec<String>, Vec<String>) =
            ids.iter().cloned().partition(|id| index.get(id).is_some());
        if !unknown.is_empty() {
            problems.push(format!(
                "areas: {} {} not an area this version of Pathways ships, so {} left out of the comparison.",
                unknown.iter().map(|id| format!("“{id}”")).collect::<Vec<_>>().join(", "),
                if unknown.len() == 1 { "is" } else { "are" },
                if unknown.len() == 1 { "it is" } else { "they are" },
            ));
        }
        state.page.mode = Mode::Compare {
            areas: if known.is_empty() {
                index.opportunity_area_ids()
            } else {
                known
            },
        };
    }
    if migrated {
        state.page.notices.push(false, MODEL_REVISION_NOTE);
    }
    if !problems.is_empty() {
        state.page.notices.push(
            true,
            format!(
                "This link could not be read in full; what was valid has been kept. {}",
                problems.join(" ")
            ),
        );
    }
    state
}

/// The share link's query for a state (without `?`).
pub fn link_query(state: &State, embed_view: Option<EmbedView>) -> String {
    let area = state.model.area();
    let link = LinkState {
        settings: state.current_scenario().levers,
        name: (state.plan.name != DEFAULT_NAME).then(|| state.plan.name.clone()),
        target_year: (state.view.target_year != ViewChoices::default_target_year(area))
            .then_some(state.view.target_year),
        area_id: (area.id != DEFAULT_AREA_ID || state.area.user_entered).then(|| area.id.clone()),
        // Always written, so that the link opens the same projection after newer
        // figures ship.
        as_of: Some(area.base_year),
        embed: embed_view.is_some(),
        view: embed_view,
        targets: state.board.targets.clone(),
        fsm_break: area.fsm_definition_break.is_some(),
        compare: match &state.page.mode {
            Mode::Compare { areas } => Some(areas.clone()),
            _ => None,
        },
    };
    encode(&link, state.model.catalogue())
}

/// Text for an HTML attribute's value in double quotes: `&` first, so an escape already in
/// the text (a name such as "R&amp;D") is shown as typed, not decoded.
fn attribute_text(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('"', "&quot;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// The iframe a user pastes to embed `url`, titled with the scenario's name.
pub fn embed_code(url: &str, scenario_name: &str) -> String {
    format!(
        "<iframe src=\"{}\" title=\"Pathways: {}\" width=\"800\" height=\"450\" style=\"border:0;max-width:100%\" loading=\"lazy\"></iframe>",
        attribute_text(url),
        attribute_text(scenario_name)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What the page does: fetch the linked area (here, read it), then build the state.
    fn open(query: &str) -> State {
        let area = Area::shipped_by_id(&linked_area_id(query)).unwrap();
        state_from_query(query, area, None)
    }

    #[test]
    fn embed_code_escapes_every_character_that_would_change_the_markup() {
        let code = embed_code(
            "https://example.org/p/?v=2&name=A",
            "R&amp;D \"quoted\" <b>",
        );
        assert_eq!(
            code,
            "<iframe src=\"https://example.org/p/?v=2&amp;name=A\" title=\"Pathways: R&amp;amp;D &quot;quoted&quot; &lt;b&gt;\" width=\"800\" height=\"450\" style=\"border:0;max-width:100%\" loading=\"lazy\"></iframe>"
        );
    }

    #[test]
    fn a_link_written_for_a_state_opens_the_same_state() {
        let state = State::new(Area::hastings())
            .apply(crate::app::state::Action::Plan(
                crate::app::state::PlanAction::SetReach("ey_language".into(), 0.4),
            ))
            .apply(crate::app::state::Action::Plan(
                crate::app::state::PlanAction::SetName("Talk first".into()),
            ))
            .apply(crate::app::state::Action::Board(
                crate::app::state::BoardAction::SetTarget("fsm_ks4=35@2030".parse().unwrap()),
            ))
            .apply(crate::app::state::Action::SetArea {
                area: Box::new(Area::shipped_by_id("oldham").unwrap()),
                user_entered: false,
            });
        let query = link_query(&state, None);
        let opened = open(&format!("?{query}"));
        assert_eq!(opened.plan.settings, state.plan.settings);
        assert_eq!(opened.plan.name, "Talk first");
        assert_eq!(opened.board.targets, state.board.targets);
        assert_eq!(opened.board.targets.len(), 1);
        assert_eq!(opened.model.area().id, "oldham");
        assert!(opened.page.notices.is_empty());
        assert_eq!(opened.page.mode, Mode::Normal);
    }

    #[test]
    fn a_compare_link_opens_the_compare_view_without_areas_it_does_not_know() {
        let opened = open("?v=2&view=compare&areas=blackpool,nowhere,derby");
        assert_eq!(
            opened.page.mode,
            Mode::Compare {
                areas: vec!["blackpool".into(), "derby".into()]
            }
        );
        let notices = format!("{:?}", opened.page.notices);
        assert!(notices.contains("“nowhere” is not an area"), "{notices}");
        assert!(link_query(&opened, None).contains("view=compare&areas=blackpool,derby"));
        // With no list, or none it knows: the twelve Opportunity Areas.
        let Mode::Compare { areas } = open("?view=compare&areas=nowhere").page.mode else {
            panic!("not the compare view");
        };
        assert_eq!(areas.len(), 12);
        assert!(
            areas.contains(&"hastings".to_owned()) && areas.contains(&"stoke_on_trent".to_owned())
        );
    }

    #[test]
    fn a_link_carries_the_fsm_definition_change_and_a_bad_value_is_said() {
        let opened = open("?v=2&as_of=2017&fsm_break=1");
        assert!(opened.model.area().fsm_definition_break.is_some());
        assert!(opened.page.notices.is_empty());
        assert!(link_query(&opened, None).contains("fsm_break=1"));
        // Turned off in the page, the link says nothing of it.
        let off = opened.apply(crate::app::state::Action::SetFsmBreak(false));
        assert!(off.model.area().fsm_definition_break.is_none());
        assert!(!link_query(&off, None).contains("fsm_break"));
        let bad = open("?v=2&as_of=2017&fsm_break=yes");
        assert!(bad.model.area().fsm_definition_break.is_none());
        let notices = format!("{:?}", bad.page.notices);
        assert!(notices.contains("fsm_break"), "{notices}");
    }

    #[test]
    fn an_embed_link_opens_its_view_and_a_bad_view_is_reported() {
        let view: EmbedView = "chart:fsm_ks4".parse().unwrap();
        let state = State::new(Area::hastings());
        let opened = open(&link_query(&state, Some(view)));
        assert_eq!(opened.page.mode, Mode::Embed { view });
        let bad = open("v=2&embed=1&view=chart:fsm_ks9");
        assert_eq!(
            bad.page.mode,
            Mode::Embed {
                view: EmbedView::Headlines
            }
        );
        assert!(bad.page.notices[0].error);
        assert!(
            bad.page.notices[0].text.contains("chart:fsm_ks9"),
            "{}",
            bad.page.notices[0].text
        );
    }

    #[test]
    fn an_unknown_area_opens_the_default_with_a_message() {
        let opened = open("v=2&area=atlantis");
        assert_eq!(opened.model.area().id, DEFAULT_AREA_ID);
        assert!(opened.page.notices[0].text.contains("atlantis"));
    }

    #[test]
    fn a_link_opens_its_as_of_year_and_writes_it() {
        // Kent as of 2025: its 2025 figures, and the link says so.
        let opened = open("v=2&area=kent&as_of=2025&ey_language.reach=40");
        assert_eq!(opened.model.area().base_year, 2025);
        assert!(opened.page.notices.is_empty(), "{:?}", opened.page.notices);
        // The lever's default start is the year after the base year.
        assert_eq!(opened.plan.settings["ey_language"].start_year, 2026);
        let query = link_query(&opened, None);
        assert!(query.contains("area=kent&as_of=2025"), "{query}");
        // A year the file does not offer: its default (the latest), and the problem named.
        let opened = open("v=2&area=kent&as_of=2014");
        assert_eq!(opened.model.area().base_year, 2025);
        assert!(
            opened.page.notices[0].text.contains(
                "as_of: Kent has figures as of 2016 to 2025, not 2014, so it starts from 2025"
            ),
            "{}",
            opened.page.notices[0].text
        );
    }

    #[test]
    fn a_link_from_before_as_of_years_opens_as_of_2017_and_says_why() {
        // A link with v= and no as_of was made when every projection started in 2017.
        let old = open("v=2&ey_language.reach=40");
        assert_eq!(old.model.area().base_year, OLD_LINK_AS_OF);
        assert_eq!(old.model.area().stages.ks2.fsm_rate.value, 0.25);
        assert_eq!(old.plan.settings["ey_language"].reach_share, 0.4);
        // The line under the picker says why; nothing is added to the page's notices.
        assert_eq!(old.area.as_of_reason, AsOfReason::OldLink);
        assert!(old.page.notices.is_empty(), "{:?}", old.page.notices);
        // A bare address opens the latest year.
        let fresh = open("");
        assert_eq!(fresh.model.area().base_year, 2025);
        assert_eq!(fresh.area.as_of_reason, AsOfReason::FileDefault);
        let linked = open("as_of=2019");
        assert_eq!(linked.model.area().base_year, 2019);
        assert_eq!(linked.area.as_of_reason, AsOfReason::Link);
    }

    #[test]
    fn a_linked_area_that_could_not_be_loaded_is_named() {
        let opened = state_from_query("v=2&area=kent", Area::hastings(), Some("offline".into()));
        assert_eq!(opened.model.area().id, DEFAULT_AREA_ID);
        assert!(
            opened.page.notices[0].text.contains(
                "area “kent” could not be loaded (offline), so Hastings Opportunity Area is shown"
            ),
            "{}",
            opened.page.notices[0].text
        );
    }
}
