//! The root component: owns the store, derives the view-model once per change, and lays
//! out the page in one of three modes (normal, presentation, embed). Each component gets
//! only the parts of the view-model it shows.

use std::cell::RefCell;
use std::rc::Rc;

use yew::prelude::*;

use super::area_panel::AreaPanel;
use super::area_picker::AreaPicker;
use super::board_paper::BoardPaper;
use super::cohort_flow::CohortFlowView;
use super::compare_view::CompareView;
use super::contributions_panel::ContributionsPanel;
use super::cost_panel::CostPanel;
use super::headlines::Headlines;
use super::lever_panel::LeverPanel;
use super::library_panel::LibraryPanel;
use super::notices::Notices;
use super::optimiser_panel::OptimiserPanel;
use super::presentation::Presentation;
use super::scenario_bar::{Latest, ScenarioBar};
use super::sensitivity_panel::SensitivityPanel;
use super::standing_panel::StandingPanel;
use super::targets_panel::TargetsPanel;
use super::trajectory_chart::{DeferredTrajectoryChart, TrajectoryChart};
use crate::app::address::link_query;
use crate::app::address::linked_area_id;
use crate::app::areas::{shipped_choices, AreaChoice};
use crate::app::fetch::fetch_area;
use crate::app::hooks::use_url::state_from_address;
use crate::app::hooks::{
    use_actuals_storage, use_address_sync, use_area_fetch, use_deferred_off_screen,
    use_offscreen_skipping, use_scenario_storage, use_worker,
};
use crate::app::state::{Action, Mode, PageAction, State, ViewAction, DRAWS};
use crate::app::view_model::{Shared, ViewModel};
use crate::model::area::DEFAULT_AREA_ID;
use crate::model::Area;
use crate::model::{GeographyKind, LeverId, Stage};
use crate::scenario::link::EmbedView;
use crate::scenario::outcome::Outcome;

/// What the page opens with: the area file fetched for its address, and why the linked
/// area could not be used when the default stands in for it.
#[derive(Clone, PartialEq)]
pub struct Opening {
    pub area: Rc<Area>,
    pub unloaded: Option<String>,
}

/// Fetches the area the address names (or the default) before the app starts, so that
/// the first state is built from real figures; says so while it waits, and what went
/// wrong if it cannot.
#[component]
pub fn Root() -> Html {
    let opening = use_state(|| None::<Result<Opening, String>>);
    {
        let opening = opening.clone();
        use_effect_with((), move |_| {
            yew::platform::spawn_local(async move {
                let query = gloo::utils::window()
                    .location()
                    .search()
                    .unwrap_or_default();
                let id = linked_area_id(&query);
                let result = match fetch_area(&id).await {
                    Ok(area) => Ok(Opening {
                        area: Rc::new(area),
                        unloaded: None,
                    }),
                    Err(problem) if id != DEFAULT_AREA_ID => {
                        fetch_area(DEFAULT_AREA_ID).await.map(|area| Opening {
                            area: Rc::new(area),
                            unloaded: Some(problem),
                        })
                    }
                    Err(problem) => Err(problem),
                };
                opening.set(Some(result));
            });
        });
    }
    match &*opening {
        None => html! {
            <div class="app-loading" aria-busy="true">
                <h1>{ "Pathways" }</h1>
                <p role="status">{ "Loading the area's figures…" }</p>
            </div>
        },
        Some(Ok(opening)) => html! { <App opening={opening.clone()} /> },
        Some(Err(problem)) => html! {
            <div class="app-failed">
                <h1>{ "Pathways" }</h1>
                <p role="alert">{ format!("Pathways could not load its area figures ({problem}). Check the connection and reload the page.") }</p>
            </div>
        },
    }
}

#[derive(Properties, PartialEq)]
pub struct AppProps {
    pub opening: Opening,
}

#[component]
pub fn App(props: &AppProps) -> Html {
    let opening = props.opening.clone();
    let state = use_reducer(move || state_from_address((*opening.area).clone(), opening.unloaded));
    use_worker(&state);
    use_area_fetch(&state);
    use_scenario_storage(&state);
    use_actuals_storage(&state);
    use_address_sync(&state);
    // The page's own layout (not presentation or embed) is shown.
    let normal = matches!(state.page.mode, Mode::Normal);
    use_offscreen_skipping(normal);
    // One callback for the app's lifetime: a new one each render would make every
    // component's props differ and re-render the whole page on every slider step.
    let dispatch: Callback<Action> = {
        let dispatcher = state.dispatcher();
        (*use_memo((), move |_| {
            Callback::from(move |action| dispatcher.dispatch(action))
        }))
        .clone()
    };

    use_print_paper(state.page.print_paper, dispatch.clone());
    // The picker's entries (names, waves, regions), read from the area index once.
    let area_choices = use_memo((), |_| shipped_choices());
    let view = use_view_model(&state);
    // The cohort flow and the cost section, below the fold, follow a moving lever only
    // when on screen (see `use_deferred_off_screen`). The cost keeps its catalogue, so that
    // rows held from another area keep that area's names.
    let flow = use_deferred_off_screen(view.flow.clone(), normal);
    let cost = use_deferred_off_screen((view.model.clone(), view.cost.clone()), normal);
    let on_levers_focus = use_levers_focus(normal);
    // Read by the toolbar's buttons when pressed (see `scenario_bar::Latest`).
    let latest: Latest = (*use_memo((), |_| Shared::new(RefCell::new(None)))).clone();
    *latest.borrow_mut() = Some(((*state).clone(), view.clone()));

    let area = view.model.area();
    let years = view.years;
    // Said where the results are, not as a dismissable notice: it holds for as long as
    // the settings do.
    let plan_problems: Html = view
        .problems
        .iter()
        .map(|text| html! { <p class="hint warn-text" role="alert" data-role="plan-problem">{ text.clone() }</p> })
        .collect();
    let baseline_note: AttrValue = view.baseline_note.label.clone().into();

    // Below about 1000px the levers open in a panel over the lower part of the window
    // (the stylesheet hides it until then), so the results come first.
    let levers_open = use_state(|| false);
    let on_levers_toggle = {
        let levers_open = levers_open.clone();
        Callback::from(move |_: MouseEvent| {
            let open = !*levers_open;
            levers_open.set(open);
            if open {
                scroll_past_masthead();
            }
            focus_later(if open {
                "levers-heading"
            } else {
                "levers-toggle"
            });
        })
    };
    let on_levers_key = {
        let levers_open = levers_open.clone();
        Callback::from(move |e: KeyboardEvent| {
            if e.key() == "Escape" && *levers_open {
                levers_open.set(false);
                focus_later("levers-toggle");
            }
        })
    };
    let on_lever = {
        let levers_open = levers_open.clone();
        Callback::from(move |id: LeverId| {
            levers_open.set(true);
            scroll_past_masthead();
            focus_later(&format!("reach-{id}"));
        })
    };

    match &state.page.mode {
        Mode::Present { step } => return presentation_page(&state, &view, *step, &dispatch),
        Mode::Embed { view: shown } => {
            return embed_page(&state, &view, *shown, plan_problems, &dispatch)
        }
        Mode::Compare { areas } => {
            return html! {
                <div class="app compare-page" data-app-ready="true">
                    <a class="skip-link" href="#main">{ "Skip to the comparison" }</a>
                    { masthead(&state, &view, area_choices.clone(), &dispatch) }
                    <main id="main" tabindex="-1" class="compare-main">
                        <Notices notices={state.page.notices.to_vec()} on_action={dispatch.clone()} />
                        <CompareView areas={areas.clone()} choices={area_choices.clone()} model={view.model.clone()} on_action={dispatch.clone()} />
                    </main>
                </div>
            };
        }
        Mode::Normal => {}
    }
    // A district Opportunity Area's figures are its county's: the panel says whose.
    let county_name: Option<AttrValue> = area
        .geography
        .as_ref()
        .filter(|g| g.kind == GeographyKind::CountyProxy)
        .map(|g| g.name.clone().into());
    let on_compare = {
        let (dispatch, id) = (dispatch.clone(), area.id.clone());
        Callback::from(move |()| {
            let mut areas = crate::model::area_index::AreaIndex::shipped().opportunity_area_ids();
            if !areas.contains(&id) {
                areas.insert(0, id.clone());
            }
            dispatch.emit(Action::Page(PageAction::Compare(Some(areas))));
        })
    };

    let (bands_status, bands_state) = bands_status(&state, &view);
    let on_non_fsm = dispatch.reform(|e: Event| {
        let input: web_sys::HtmlInputElement = e.target_unchecked_into();
        Action::View(ViewAction::ShowNonFsm(input.checked()))
    });

    html! {
        <div class="app" data-app-ready="true">
            <a class="skip-link" href="#main">{ "Skip to results" }</a>
            { masthead(&state, &view, area_choices.clone(), &dispatch) }
            <div class="layout">
                <aside id="levers-panel" class={classes!("levers", levers_open.then_some("open"))} aria-labelledby="levers-heading"
                    onfocusin={on_levers_focus.0.clone()} onfocusout={on_levers_focus.1.clone()} onkeydown={on_levers_key}>
                    <div class="levers-bar">
                        <button class="levers-close secondary" data-role="levers-close" aria-label="Close the levers" onclick={on_levers_toggle.clone()}>{ "Close" }</button>
                    </div>
                    <LeverPanel levers={view.levers.clone()} settings={state.plan.settings.clone()} cost={view.cost.clone()} on_action={dispatch.clone()} />
                </aside>
                <button id="levers-toggle" class="levers-toggle" aria-expanded={levers_open.to_string()} aria-controls="levers-panel" onclick={on_levers_toggle}>
                    { if *levers_open { "Hide levers" } else { "Levers" } }
                </button>
                <main id="main" tabindex="-1">
                    <ScenarioBar name={state.plan.name.clone()} user_entered={state.area.user_entered} latest={latest.clone()} on_action={dispatch.clone()} />
                    <Notices notices={state.page.notices.to_vec()} on_action={dispatch.clone()} />
                    { plan_problems }
                    <StandingPanel view={view.diagnosis.clone()} county_name={county_name} on_lever={on_lever} on_compare={on_compare} on_action={dispatch.clone()} />
                    <LibraryPanel presets={Shared::from_rc(state.library.presets.clone())} saved={state.library.saved.clone().map(Shared::from_rc)}
                        compared={state.library.compare.iter().map(|l| l.id).collect::<Vec<_>>()} areas={area_choices.clone()} on_action={dispatch.clone()} />
                    <Headlines headlines={view.headlines.clone()} years={years} baseline_note={baseline_note.clone()} on_action={dispatch.clone()} />
                    <TargetsPanel targets={state.board.targets.clone()} actuals={state.board.actuals.clone()} headlines={view.headlines.clone()}
                        years={years} area_id={area.id.clone()} as_of={area.base_year} user_entered={state.area.user_entered}
                        fsm_break={state.model.catalogue().fsm_definition_break.clone()} fsm_break_on={area.fsm_definition_break.is_some()} on_action={dispatch.clone()} />
                    <SensitivityPanel settings={state.displayed_settings()} plan_empty={view.plan.levers.is_empty()}
                        target_year={state.view.target_year} task={view.sensitivity.clone()} on_action={dispatch.clone()} />
                    { trajectories(&state, &view, bands_status, bands_state, on_non_fsm, &dispatch) }
                    <ContributionsPanel contributions={view.contributions.clone()} year={state.view.target_year} on_action={dispatch.clone()} />
                    <CohortFlowView flow={flow.value} behind={flow.behind} section={flow.node} on_action={dispatch.clone()} />
                    <CostPanel model={cost.value.0} cost={cost.value.1} behind={cost.behind} section={cost.node} on_action={dispatch.clone()} />
                    <OptimiserPanel model={view.model.clone()} frontier={view.frontier.clone()} budget_gbp_per_year={state.view.budget_gbp_per_year}
                        targets={state.board.targets.clone()} target_year={state.view.target_year} on_action={dispatch.clone()} />
                    <AreaPanel model={view.model.clone()} user_entered={state.area.user_entered} on_action={dispatch.clone()} />
                </main>
            </div>
            if let Some(chart) = paper_chart(&view, &state.board.targets).filter(|_| state.page.print_paper) {
                <BoardPaper name={state.plan.name.clone()} date={today()} model={view.model.clone()}
                    settings={state.plan.settings.clone()} headlines={view.headlines.clone()}
                    chart={chart} cost={view.cost.clone()}
                    baseline_note={baseline_note.clone()} share_url={share_url(&state)} user_entered={state.area.user_entered} />
            }
            <footer class="footer">
                <p>
                    { "Pathways models each pupil's attainment as a latent score calibrated so the baseline matches the area's base-year data. Lever effects start from the EEF toolkits, are shrunk toward what large trials find at scale, combine under a ceiling where programmes overlap, and fade between stages. A cohort is measured at KS2 six years, at KS4 eleven years and at age 20 fifteen years after reception, so a lever first shows at a stage when the oldest cohort it serves gets there. Projections are scenarios, not forecasts." }
                </p>
            </footer>
        </div>
    }
}

/// Today's date as the paper prints it ("23 November 2026").
fn today() -> AttrValue {
    let options = js_sys::Object::new();
    for (key, value) in [("day", "numeric"), ("month", "long"), ("year", "numeric")] {
        let _ = js_sys::Reflect::set(&options, &key.into(), &value.into());
    }
    String::from(js_sys::Date::new_0().to_locale_date_string("en-GB", &options)).into()
}

/// The chart the board paper shows: the first headline with a target, else FSM at KS4.
fn paper_chart(
    view: &ViewModel,
    targets: &[crate::scenario::target::Target],
) -> Option<Shared<crate::app::view_model::ChartData>> {
    let outcome = targets
        .first()
        .map_or(Outcome::FsmRate(Stage::Ks4), |t| t.outcome);
    view.chart(outcome).or_else(|| view.charts.first()).cloned()
}

/// The scenario's share link, in full.
fn share_url(state: &crate::app::state::State) -> AttrValue {
    let location = gloo::utils::window().location();
    let base = format!(
        "{}{}",
        location.origin().unwrap_or_default(),
        location.pathname().unwrap_or_default()
    );
    match link_query(state, None) {
        query if query.is_empty() => base.into(),
        query => format!("{base}?{query}").into(),
    }
}

/// While focus is in the levers, the document element carries `data-levers-focus` with
/// the stage of the lever that has it (empty for the panel's other controls), and the
/// stylesheet pins the headlines and that stage's chart. An attribute set on focus rather
/// than a `:has(:focus-within)` selector: the browser re-checked those selectors on every
/// change the levers made to the page, about a millisecond of each slider step.
fn mark_levers_focus(target: Option<web_sys::EventTarget>, focused: bool) {
    use wasm_bindgen::JsCast;
    let Some(root) = gloo::utils::document().document_element() else {
        return;
    };
    // Failing leaves the page unpinned, never wrong: no message.
    if !focused {
        let _ = root.remove_attribute("data-levers-focus");
        return;
    }
    let stage = target
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .and_then(|el| el.closest("[data-stage]").ok().flatten())
        .and_then(|el| el.get_attribute("data-stage"))
        .unwrap_or_default();
    let _ = root.set_attribute("data-levers-focus", &stage);
    place_headline_strip();
}

/// Puts the pinned headline strip just below the masthead while the masthead is on screen
/// (at the window's top once it has scrolled away), so the strip never covers its text.
fn place_headline_strip() {
    let document = gloo::utils::document();
    let (Some(root), Some(masthead)) = (
        document.document_element(),
        document.query_selector(".masthead").ok().flatten(),
    ) else {
        return;
    };
    if !root.has_attribute("data-levers-focus") {
        return;
    }
    let bottom = masthead.get_bounding_client_rect().bottom().max(0.0);
    if let Some(root) = wasm_bindgen::JsCast::dyn_ref::<web_sys::HtmlElement>(&root) {
        let _ = root
            .style()
            .set_property("--strip-top", &format!("{bottom:.0}px"));
    }
}

/// The board paper is laid out, then printed; the browser says when printing is over.
#[hook]
fn use_print_paper(printing: bool, dispatch: Callback<Action>) {
    use_effect_with(printing, move |&printing| {
        let listener = printing.then(|| {
            let window = gloo::utils::window();
            let done = dispatch.clone();
            let listener = gloo::events::EventListener::once(&window, "afterprint", move |_| {
                done.emit(Action::Page(PageAction::PrintPaper(false)));
            });
            if let Err(e) = window.print() {
                dispatch.emit(Action::notice(
                    true,
                    format!(
                        "The browser would not print: {}",
                        crate::app::export::js_error_text(&e)
                    ),
                ));
                dispatch.emit(Action::Page(PageAction::PrintPaper(false)));
            }
            listener
        });
        move || drop(listener)
    });
}

/// The view-model, derived once per change, keeping every part whose inputs did not change.
#[hook]
fn use_view_model(state: &State) -> Rc<ViewModel> {
    let cache = use_mut_ref(|| None::<Rc<ViewModel>>);
    let previous = cache.borrow().clone();
    let view = Rc::new(ViewModel::derive(state, previous.as_deref()));
    *cache.borrow_mut() = Some(view.clone());
    view
}

/// Presentation mode: the story's step, full screen.
fn presentation_page(
    state: &State,
    view: &ViewModel,
    step: usize,
    dispatch: &Callback<Action>,
) -> Html {
    let shown = [
        Outcome::FsmRate(Stage::Ks2),
        Outcome::FsmRate(Stage::Ks4),
        Outcome::FsmNeet,
    ];
    html! {
        <Presentation
            presets={state.library.presets.clone()}
            step={step}
            steps={Rc::new(state.story_steps())}
            headlines={view.headlines.clone()}
            years={view.years}
            charts={shown.iter().filter_map(|o| view.chart(*o).cloned()).collect::<Vec<_>>()}
            baseline_note={AttrValue::from(view.baseline_note.label.clone())}
            on_action={dispatch.clone()}
        />
    }
}

/// Embedded in another page: one view and a link to open the whole app.
fn embed_page(
    state: &State,
    view: &ViewModel,
    shown: EmbedView,
    plan_problems: Html,
    dispatch: &Callback<Action>,
) -> Html {
    let area = view.model.area();
    let open_url = format!("./?{}", link_query(state, None));
    html! {
        <main class="embed" data-app-ready="true" data-embed-view={shown.to_string()}>
            <p class="embed-head">
                <strong>{ state.plan.name.clone() }</strong>{ format!(" · {} · Pathways", area.name) }
                <a href={open_url} target="_blank" rel="noopener">{ "Open in Pathways" }</a>
            </p>
            { plan_problems }
            {
                match shown {
                    EmbedView::Chart(outcome) => match view.chart(outcome) {
                        Some(chart) => html! { <TrajectoryChart data={chart.clone()} minimal=true /> },
                        None => html! {},
                    },
                    EmbedView::Flow => html! { <CohortFlowView flow={view.flow.clone()} on_action={dispatch.clone()} /> },
                    EmbedView::Headlines => html! {
                        <Headlines headlines={view.headlines.clone()} years={view.years}
                            baseline_note={AttrValue::from(view.baseline_note.label.clone())} on_action={dispatch.clone()} minimal=true />
                    },
                }
            }
            <Notices notices={state.page.notices.to_vec()} on_action={dispatch.clone()} />
        </main>
    }
}

/// What the bands line says, and its state for tests and styling.
fn bands_status(state: &State, view: &ViewModel) -> (String, &'static str) {
    let bands_current = view.bands().1;
    let status = match (
        &state.worker.bands_error,
        bands_current,
        state.worker.worker_ms,
    ) {
        (Some(error), _, _) => format!("Uncertainty bands could not be computed: {error}"),
        (None, true, Some(ms)) => format!(
            "Bands show the 10th to 90th percentile of {DRAWS} draws (computed in {ms:.0} ms)."
        ),
        _ => "Updating uncertainty bands…".to_owned(),
    };
    let ready = match (bands_current, &state.worker.bands_error) {
        (true, _) => "ready",
        (false, Some(_)) => "failed",
        (false, None) => "pending",
    };
    (status, ready)
}

/// "Year by year": the six trajectory charts, the non-FSM toggle and the bands' status.
fn trajectories(
    state: &State,
    view: &ViewModel,
    bands_status: String,
    bands_state: &'static str,
    on_non_fsm: Callback<Event>,
    dispatch: &Callback<Action>,
) -> Html {
    html! {
    <section class="trajectories" aria-labelledby="trajectories-heading">
        <div class="section-head">
            <h2 id="trajectories-heading">{ "Year by year" }</h2>
            <label class="toggle">
                <input type="checkbox" id="show-non-fsm" checked={state.view.show_non_fsm} onchange={on_non_fsm} />
                { " Show non-FSM pupils" }
            </label>
            // Not a live region: it changes on every slider step, and the ranges
            // it describes are read out in the headline cards.
            <p class="bands-status" data-bands-state={bands_state}>
                { bands_status }
            </p>
        </div>
        <p class="hint">
            { format!("Solid line: scenario. Dashed line: baseline ({}). Shaded band: 80% of simulated outcomes (10th to 90th percentile). Dotted verticals mark lever start years; triangles mark the first year a lever can reach the stage shown: when the oldest cohort it serves is measured there.", view.baseline_note.words) }
        </p>
        <div class="chart-grid">
            // Each chart keeps its slot in the grid while it is pinned (see the
            // stylesheet), so the others never move under the pointer.
            for chart in view.charts.iter() {
                <div class="chart-slot" key={chart.outcome.key()}>
                    <DeferredTrajectoryChart data={chart.clone()} on_action={dispatch.clone()} />
                </div>
            }
        </div>
    </section>
    }
}

/// The title, what the page models, the privacy line and the area picker.
fn masthead(
    state: &State,
    view: &ViewModel,
    area_choices: Rc<Vec<AreaChoice>>,
    dispatch: &Callback<Action>,
) -> Html {
    let area = view.model.area();
    html! {
    <header class="masthead">
        <div class="masthead-title">
            <h1>{ "Pathways" }</h1>
            <p class="subtitle">
                { format!("How pupils eligible for free school meals progress from age 5 to 20, {} to {}", area.base_year, area.horizon_end_year) }
                if state.area.user_entered { <strong>{ " (using figures you entered)" }</strong> }
            </p>
            <p class="privacy">{ "Runs entirely in your browser. Nothing you enter leaves this page." }</p>
        </div>
        <AreaPicker choices={area_choices.clone()} model={view.model.clone()} user_entered={state.area.user_entered}
            loading={state.area.wanted.as_ref().map(|w| w.name.clone())} as_of_reason={state.area.as_of_reason} on_action={dispatch.clone()} />
    </header>
    }
}

/// Where the levers are a panel over the lower part of the window (below 1001px wide),
/// scrolls the masthead out of view when it opens, so the pinned headlines fit between
/// the window's top and the panel (a phone's masthead alone is nearly half the window).
fn scroll_past_masthead() {
    let window = gloo::utils::window();
    let narrow = window
        .inner_width()
        .ok()
        .and_then(|w| w.as_f64())
        .is_some_and(|w| w <= 1000.0);
    let masthead = gloo::utils::document()
        .query_selector(".masthead")
        .ok()
        .flatten();
    if let (true, Some(masthead)) = (narrow, masthead) {
        let bottom = masthead.get_bounding_client_rect().bottom();
        if bottom > 0.0 {
            window.scroll_by_with_x_and_y(0.0, bottom);
        }
    }
}

/// Focuses the element with `id` once the page has drawn what the last action changed
/// (a panel opening), and brings it into view.
fn focus_later(id: &str) {
    let id = id.to_owned();
    gloo::timers::callback::Timeout::new(0, move || {
        use wasm_bindgen::JsCast;
        if let Some(el) = gloo::utils::document()
            .get_element_by_id(&id)
            .and_then(|el| el.dyn_into::<web_sys::HtmlElement>().ok())
        {
            // A heading is focused only to move the reader there.
            if !el.has_attribute("tabindex") && el.tag_name().starts_with('H') {
                let _ = el.set_attribute("tabindex", "-1");
            }
            let _ = el.focus();
            el.scroll_into_view_with_bool(false);
        }
    })
    .forget();
}

/// Which lever has focus, for the stylesheet's pinned headlines and chart: the focusin and
/// focusout handlers of the levers panel.
#[hook]
fn use_levers_focus(normal: bool) -> Rc<(Callback<FocusEvent>, Callback<FocusEvent>)> {
    // Cleared when the levers go (presentation mode), which fires no focusout.
    use_effect_with(normal, |_| || mark_levers_focus(None, false));
    // The strip follows the masthead as the page scrolls while a lever has focus.
    use_effect_with((), |_| {
        // (gloo's listeners are passive: scrolling never waits for this.)
        let listener = gloo::events::EventListener::new(&gloo::utils::window(), "scroll", |_| {
            place_headline_strip()
        });
        move || drop(listener)
    });
    use_memo((), |_| {
        (
            Callback::from(|e: FocusEvent| mark_levers_focus(e.target(), true)),
            Callback::from(|e: FocusEvent| mark_levers_focus(e.target(), false)),
        )
    })
}
