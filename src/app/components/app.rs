//! The root component: owns the store, derives the projections once per change, and lays
//! out the page.

use std::rc::Rc;

use yew::prelude::*;

use super::area_sources::AreaSources;
use super::cohort_flow::CohortFlowView;
use super::cost_panel::CostPanel;
use super::headlines::Headlines;
use super::lever_panel::LeverPanel;
use super::trajectory_chart::{Marker, TrajectoryChart};
use crate::app::hooks::use_bands_worker;
use crate::app::state::{Action, State, DRAWS};
use crate::model::Area;
use crate::scenario::analysis::{lever_costs, Analysis};
use crate::scenario::outcome::HEADLINES;

#[component]
pub fn App() -> Html {
    let state = use_reducer(|| State::new(Area::hastings()));
    use_bands_worker(&state);
    let dispatch: Callback<Action> = {
        let dispatcher = state.dispatcher();
        Callback::from(move |action| dispatcher.dispatch(action))
    };

    let model = state.model.clone();
    let baseline = {
        let model = model.clone();
        use_memo((), move |_| model.baseline())
    };
    let analysis: Rc<Analysis> = {
        let model = model.clone();
        use_memo(state.settings.clone(), move |settings| {
            Analysis::new(&model, settings)
        })
    };
    let scenario = Rc::new(analysis.scenario.clone());
    let costs = {
        let (model, baseline, analysis) = (model.clone(), baseline.clone(), analysis.clone());
        use_memo(
            (state.settings.clone(), state.budget_gbp_per_year),
            move |(_, budget)| lever_costs(&model, &analysis.plan, &baseline, *budget),
        )
    };
    let bands = state.bands.as_ref().map(|(_, bands)| bands.clone());
    let bands_current = state.bands_current();

    let markers: Rc<Vec<Marker>> = Rc::new(
        analysis
            .plan
            .levers
            .iter()
            .map(|lever| Marker {
                lever_name: model.catalogue().levers[lever.catalogue_index].name.clone(),
                stage: lever.stage,
                start_year: lever.setting.start_year,
            })
            .collect(),
    );

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

    let area = model.area();
    html! {
        <div class="app" data-app-ready="true">
            <header class="masthead">
                <div>
                    <h1>{ "Pathways" }</h1>
                    <p class="subtitle">
                        { format!("{}: how pupils eligible for free school meals progress from age 5 to 20, {} to {}", area.name, area.base_year, area.horizon_end_year) }
                    </p>
                </div>
                <p class="privacy">{ "Runs entirely in your browser. Nothing you enter leaves this page." }</p>
            </header>
            <div class="layout">
                <aside class="levers" aria-labelledby="levers-heading">
                    <LeverPanel
                        model={model.clone()}
                        settings={state.settings.clone()}
                        costs={costs.clone()}
                        on_action={dispatch.clone()}
                    />
                </aside>
                <main id="main">
                    <Headlines
                        baseline={baseline.clone()}
                        scenario={scenario.clone()}
                        bands={bands.clone()}
                        bands_current={bands_current}
                        target_year={state.target_year}
                        years={(area.base_year, area.horizon_end_year)}
                        on_action={dispatch.clone()}
                    />
                    <section class="trajectories" aria-labelledby="trajectories-heading">
                        <div class="section-head">
                            <h2 id="trajectories-heading">{ "Year by year" }</h2>
                            <label class="toggle">
                                <input type="checkbox" id="show-non-fsm" checked={state.show_non_fsm} onchange={on_non_fsm} />
                                { " Show non-FSM pupils" }
                            </label>
                            <p class="bands-status" role="status" aria-live="polite" data-bands-state={bands_state}>
                                { bands_status }
                            </p>
                        </div>
                        <p class="hint">
                            { "Solid line: scenario. Dashed line: baseline. Shaded band: 80% of simulated outcomes (10th to 90th percentile). Dashed verticals mark lever start years; triangles mark the first year a lever can reach the stage shown." }
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
                                />
                            }
                        </div>
                    </section>
                    <CohortFlowView
                        model={model.clone()}
                        plan={Rc::new(analysis.plan.clone())}
                        cohort={state.flow_cohort}
                        group={state.flow_group}
                        on_action={dispatch.clone()}
                    />
                    <CostPanel
                        model={model.clone()}
                        baseline={baseline.clone()}
                        scenario={scenario.clone()}
                        costs={costs.clone()}
                        budget_gbp_per_year={state.budget_gbp_per_year}
                        on_action={dispatch.clone()}
                    />
                    <AreaSources model={model.clone()} />
                </main>
            </div>
            <footer class="footer">
                <p>
                    { "Pathways models each pupil's attainment as a latent score calibrated so the baseline matches the area's base-year data; lever effects come from the EEF toolkits and fade between stages. A lever reaches KS2 six years, KS4 eleven years and age 20 fifteen years after early years. Projections are scenarios, not forecasts." }
                </p>
            </footer>
        </div>
    }
}
