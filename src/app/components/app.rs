//! The root component: owns the store, derives the projections once per change, and lays
//! out the page in one of three modes (normal, presentation, embed).

use std::rc::Rc;

use yew::prelude::*;

use super::area_panel::AreaPanel;
use super::area_picker::AreaPicker;
use super::cohort_flow::CohortFlowView;
use super::cost_panel::CostPanel;
use super::headlines::Headlines;
use super::lever_panel::LeverPanel;
use super::library_panel::LibraryPanel;
use super::notices::Notices;
use super::presentation::Presentation;
use super::scenario_bar::ScenarioBar;
use super::sensitivity_panel::SensitivityPanel;
use super::trajectory_chart::{Marker, TrajectoryChart};
use crate::app::areas::shipped_choices;
use crate::app::charts::observed::observed_for_chart;
use crate::app::hooks::use_url::{link_query, state_from_address};
use crate::app::hooks::{use_address_sync, use_bands_worker, use_scenario_storage};
use crate::app::state::{Action, Mode, DRAWS};
use crate::model::{Model, Plan, Projection, Stage};
use crate::scenario::analysis::{lever_costs, Analysis};
use crate::scenario::outcome::HEADLINES;

/// The compared scenarios' projections, by name.
type Compared = Rc<Vec<(String, Rc<Projection>)>>;

#[component]
pub fn App() -> Html {
    let state = use_reducer(state_from_address);
    use_bands_worker(&state);
    use_scenario_storage(&state);
    use_address_sync(&state);
    // One callback for the app's lifetime: a new one each render would make every
    // component's props differ and re-render the whole page on every slider step.
    let dispatch: Callback<Action> = {
        let dispatcher = state.dispatcher();
        (*use_memo((), move |_| {
            Callback::from(move |action| dispatcher.dispatch(action))
        }))
        .clone()
    };

    // The picker's entries (names, waves, regions), read from the shipped files once.
    let area_choices = use_memo((), |_| shipped_choices());
    let model = state.model.clone();
    let displayed = state.displayed_settings();
    let baseline = {
        let model = model.clone();
        use_memo(model, |model| model.baseline())
    };
    // `Analysis::new` falls back to the baseline plan when the settings do not resolve; the
    // reason is kept here so the page says why instead of showing the baseline silently.
    let derived: Rc<(Rc<Analysis>, Option<String>)> = {
        let model = model.clone();
        use_memo((model, displayed.clone()), |(model, settings)| {
            let problem = Plan::resolve(settings, model.catalogue(), model.area())
                .err()
                .map(|e| format!("These lever settings cannot be modelled, so the baseline is shown instead: {e}"));
            (Rc::new(Analysis::new(model, settings)), problem)
        })
    };
    let analysis: Rc<Analysis> = derived.0.clone();
    let scenario = Rc::new(analysis.scenario.clone());
    let costs = {
        let (baseline, analysis) = (baseline.clone(), analysis.clone());
        use_memo(
            (model.clone(), displayed, state.budget_gbp_per_year),
            move |(model, _, budget)| lever_costs(model, &analysis.plan, &baseline, *budget),
        )
    };
    let compared: Rc<(Compared, Vec<String>)> = {
        use_memo(
            (model.clone(), state.compare.clone()),
            |(model, compare): &(Rc<Model>, Vec<crate::scenario::Scenario>)| {
                let mut problems = Vec::new();
                let projections = compare
                    .iter()
                    .map(|s| {
                        let plan = s.plan(model).unwrap_or_else(|e| {
                            problems.push(format!(
                                "“{}” cannot be modelled, so it is compared as the baseline: {e}",
                                s.name
                            ));
                            Plan::default()
                        });
                        (s.name.clone(), Rc::new(model.project(&plan)))
                    })
                    .collect::<Vec<_>>();
                (Rc::new(projections), problems)
            },
        )
    };
    let compare: Compared = compared.0.clone();
    // Said where the results are, not as a dismissable notice: it holds for as long as
    // the settings do.
    let plan_problems: Html = derived
        .1
        .iter()
        .chain(compared.1.iter())
        .map(|text| html! { <p class="hint warn-text" role="alert" data-role="plan-problem">{ text.clone() }</p> })
        .collect();
    let bands = state.bands.as_ref().map(|(_, bands)| bands.clone());
    let bands_current = state.bands_current();
    let markers: Rc<Vec<Marker>> = Rc::new(
        analysis
            .plan
            .levers
            .iter()
            .map(|active| {
                let lever = &model.catalogue().levers[active.catalogue_index];
                let start_year = active.setting.start_year;
                Marker {
                    lever_name: lever.name.clone(),
                    start_year,
                    first_year_reaching: Stage::ALL
                        .map(|stage| lever.first_year_reaching(stage, start_year)),
                }
            })
            .collect(),
    );
    let area = model.area();
    let years = (area.base_year, area.horizon_end_year);
    // Which baseline the scenario is measured against: the area file's sourced trend, or
    // (the default) its base-year rates held flat.
    let (baseline_note, baseline_words): (AttrValue, String) = if area.has_trend() {
        (
            format!("Baseline: sourced yearly trend from {}", area.base_year).into(),
            format!("the area's sourced yearly trend from {}", area.base_year),
        )
    } else {
        (
            format!("Baseline: {} rates held flat (assumption)", area.base_year).into(),
            format!("{} rates held flat, an assumption", area.base_year),
        )
    };
    let plan = Rc::new(analysis.plan.clone());

    match &state.mode {
        Mode::Present { step } => {
            return html! {
                <Presentation
                    presets={state.presets.clone()}
                    step={*step}
                    steps={Rc::new(state.story_steps())}
                    baseline={baseline.clone()}
                    scenario={scenario.clone()}
                    bands={bands.clone()}
                    bands_current={bands_current}
                    target_year={state.target_year}
                    years={years}
                    markers={markers.clone()}
                    baseline_note={baseline_note.clone()}
                    on_action={dispatch.clone()}
                />
            };
        }
        Mode::Embed { view } => {
            let open_url = format!("./?{}", link_query(&state, None));
            let chart = view
                .strip_prefix("chart:")
                .and_then(|key| HEADLINES.into_iter().find(|o| o.key() == key));
            return html! {
                <main class="embed" data-app-ready="true" data-embed-view={view.clone()}>
                    <p class="embed-head">
                        <strong>{ state.scenario_name.clone() }</strong>{ format!(" · {} · Pathways", area.name) }
                        <a href={open_url} target="_blank" rel="noopener">{ "Open in Pathways" }</a>
                    </p>
                    { plan_problems }
                    if let Some(outcome) = chart {
                        <TrajectoryChart outcome={outcome} baseline={baseline.clone()} scenario={scenario.clone()}
                            bands={bands.clone()} bands_current={bands_current} show_non_fsm={false}
                            markers={markers.clone()} observed={Rc::new(observed_for_chart(area, outcome, years.0, years.1))} minimal=true />
                    } else if view == "flow" {
                        <CohortFlowView model={model.clone()} plan={plan.clone()}
                            cohort={state.flow_cohort} group={state.flow_group} on_action={dispatch.clone()} />
                    } else {
                        <Headlines baseline={baseline.clone()} scenario={scenario.clone()} bands={bands.clone()}
                            bands_current={bands_current} target_year={state.target_year} years={years}
                            baseline_note={baseline_note.clone()} on_action={dispatch.clone()} minimal=true />
                    }
                    <Notices notices={state.notices.clone()} on_action={dispatch.clone()} />
                </main>
            };
        }
        Mode::Normal => {}
    }

    let bands_status = match (&state.bands_error, bands_current, state.worker_ms) {
        (Some(error), _, _) => format!("Uncertainty bands could not be computed: {error}"),
        (None, true, Some(ms)) => format!(
            "Bands show the 10th to 90th percentile of {DRAWS} draws (computed in {ms:.0} ms)."
        ),
        _ => "Updating uncertainty bands…".to_owned(),
    };
    let bands_state = if bands_current { "ready" } else { "pending" };
    let on_non_fsm = {
        let dispatch = dispatch.clone();
        Callback::from(move |e: Event| {
            let input: web_sys::HtmlInputElement = e.target_unchecked_into();
            dispatch.emit(Action::ShowNonFsm(input.checked()));
        })
    };
    let state_rc: Rc<crate::app::state::State> = Rc::new((*state).clone());

    html! {
        <div class="app" data-app-ready="true">
            <a class="skip-link" href="#main">{ "Skip to results" }</a>
            <header class="masthead">
                <div class="masthead-title">
                    <h1>{ "Pathways" }</h1>
                    <p class="subtitle">
                        { format!("How pupils eligible for free school meals progress from age 5 to 20, {} to {}", area.base_year, area.horizon_end_year) }
                        if state.area_user_entered { <strong>{ " (using figures you entered)" }</strong> }
                    </p>
                    <p class="privacy">{ "Runs entirely in your browser. Nothing you enter leaves this page." }</p>
                </div>
                <AreaPicker choices={area_choices.clone()} model={model.clone()} user_entered={state.area_user_entered} on_action={dispatch.clone()} />
            </header>
            <div class="layout">
                <aside class="levers" aria-labelledby="levers-heading">
                    <LeverPanel model={model.clone()} settings={state.settings.clone()} costs={costs.clone()} on_action={dispatch.clone()} />
                </aside>
                <main id="main" tabindex="-1">
                    <ScenarioBar state={state_rc.clone()} on_action={dispatch.clone()} />
                    <Notices notices={state.notices.clone()} on_action={dispatch.clone()} />
                    { plan_problems }
                    <LibraryPanel state={state_rc} areas={area_choices.clone()} on_action={dispatch.clone()} />
                    <Headlines
                        baseline={baseline.clone()}
                        scenario={scenario.clone()}
                        bands={bands.clone()}
                        bands_current={bands_current}
                        target_year={state.target_year}
                        years={years}
                        baseline_note={baseline_note.clone()}
                        on_action={dispatch.clone()}
                    />
                    <SensitivityPanel model={model.clone()} plan={plan.clone()} target_year={state.target_year} on_action={dispatch.clone()} />
                    <section class="trajectories" aria-labelledby="trajectories-heading">
                        <div class="section-head">
                            <h2 id="trajectories-heading">{ "Year by year" }</h2>
                            <label class="toggle">
                                <input type="checkbox" id="show-non-fsm" checked={state.show_non_fsm} onchange={on_non_fsm} />
                                { " Show non-FSM pupils" }
                            </label>
                            // Not a live region: it changes on every slider step, and the ranges
                            // it describes are read out in the headline cards.
                            <p class="bands-status" data-bands-state={bands_state}>
                                { bands_status }
                            </p>
                        </div>
                        <p class="hint">
                            { format!("Solid line: scenario. Dashed line: baseline ({baseline_words}). Shaded band: 80% of simulated outcomes (10th to 90th percentile). Dotted verticals mark lever start years; triangles mark the first year a lever can reach the stage shown: when the oldest cohort it serves is measured there.") }
                        </p>
                        <div class="chart-grid">
                            for outcome in HEADLINES {
                                <TrajectoryChart
                                    key={outcome.key()}
                                    outcome={outcome}
                                    baseline={baseline.clone()}
                                    scenario={scenario.clone()}
                                    bands={bands.clone()}
                                    bands_current={bands_current}
                                    show_non_fsm={state.show_non_fsm}
                                    markers={markers.clone()}
                                    observed={Rc::new(observed_for_chart(area, outcome, years.0, years.1))}
                                    compare={compare.clone()}
                                    scenario_name={state.scenario_name.clone()}
                                    on_action={dispatch.clone()}
                                />
                            }
                        </div>
                    </section>
                    <CohortFlowView model={model.clone()} plan={plan.clone()}
                        cohort={state.flow_cohort} group={state.flow_group} on_action={dispatch.clone()} />
                    <CostPanel
                        model={model.clone()}
                        baseline={baseline.clone()}
                        scenario={scenario.clone()}
                        costs={costs.clone()}
                        budget_gbp_per_year={state.budget_gbp_per_year}
                        on_action={dispatch.clone()}
                    />
                    <AreaPanel model={model.clone()} user_entered={state.area_user_entered} on_action={dispatch.clone()} />
                </main>
            </div>
            <footer class="footer">
                <p>
                    { "Pathways models each pupil's attainment as a latent score calibrated so the baseline matches the area's base-year data. Lever effects start from the EEF toolkits, are shrunk toward what large trials find at scale, combine under a ceiling where programmes overlap, and fade between stages. A cohort is measured at KS2 six years, at KS4 eleven years and at age 20 fifteen years after reception, so a lever first shows at a stage when the oldest cohort it serves gets there. Projections are scenarios, not forecasts." }
                </p>
            </footer>
        </div>
    }
}
