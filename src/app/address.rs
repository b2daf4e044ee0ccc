//! The page's address and the store: the first state read from a share link, and the
//! share link written for a state (see `scenario::link` for the format). Plain Rust,
//! tested natively; the hook that syncs the address bar is `hooks::use_url`.

use crate::app::state::{Mode, State, ViewChoices, DEFAULT_NAME};
use crate::model::area::DEFAULT_AREA_ID;
use crate::model::Area;
use crate::scenario::link::{decode, encode, EmbedView, LinkState};
use crate::scenario::MODEL_REVISION_NOTE;

/// The first state for a page opened at `query` (the address's `?…`): area, levers,
/// name, year, embed view. What cannot be read is listed in a notice; the rest is kept.
pub fn state_from_query(query: &str) -> State {
    // Only the areas needed are parsed: the default, and the one the link names.
    let default_area = Area::shipped_by_id(DEFAULT_AREA_ID).unwrap_or_else(Area::hastings);
    let probe = State::new(default_area.clone());
    let first = decode(query, probe.model.catalogue(), probe.model.area());
    let mut problems = first.problems.clone();
    let area = match &first.state.area_id {
        Some(id) if *id != default_area.id => Area::shipped_by_id(id).unwrap_or_else(|| {
            problems.push(format!(
                "area “{}” is not one this version of Pathways ships, so {} is shown (choose another in the Area list at the top)",
                id.chars().take(40).collect::<String>(),
                default_area.name
            ));
            default_area.clone()
        }),
        _ => default_area,
    };
    let mut state = State::new(area);
    let decoded = if state.model.area().id == probe.model.area().id {
        first
    } else {
        let again = decode(query, state.model.catalogue(), state.model.area());
        problems = again.problems.clone();
        again
    };
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
        embed: embed_view.is_some(),
        view: embed_view,
        targets: state.board.targets.clone(),
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
        let opened = state_from_query(&format!("?{query}"));
        assert_eq!(opened.plan.settings, state.plan.settings);
        assert_eq!(opened.plan.name, "Talk first");
        assert_eq!(opened.board.targets, state.board.targets);
        assert_eq!(opened.board.targets.len(), 1);
        assert_eq!(opened.model.area().id, "oldham");
        assert!(opened.page.notices.is_empty());
        assert_eq!(opened.page.mode, Mode::Normal);
    }

    #[test]
    fn an_embed_link_opens_its_view_and_a_bad_view_is_reported() {
        let view: EmbedView = "chart:fsm_ks4".parse().unwrap();
        let state = State::new(Area::hastings());
        let opened = state_from_query(&link_query(&state, Some(view)));
        assert_eq!(opened.page.mode, Mode::Embed { view });
        let bad = state_from_query("v=2&embed=1&view=chart:fsm_ks9");
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
        let opened = state_from_query("v=2&area=atlantis");
        assert_eq!(opened.model.area().id, DEFAULT_AREA_ID);
        assert!(opened.page.notices[0].text.contains("atlantis"));
    }
}
