//! Presentation mode: the presets' story, full screen, large type, no controls. Arrow
//! keys (or Page Up / Page Down, Space) step through it; Escape leaves.

use std::rc::Rc;

use gloo::events::{EventListener, EventListenerOptions};
use wasm_bindgen::JsCast;
use web_sys::KeyboardEvent;
use yew::prelude::*;

use super::headlines::Headlines;
use super::trajectory_chart::TrajectoryChart;
use crate::app::state::{Action, PageAction};
use crate::app::view_model::{ChartData, Headlines as HeadlineCards, Shared};
use crate::scenario::library::Presets;

#[derive(Properties, PartialEq)]
pub struct PresentationProps {
    pub presets: Rc<Presets>,
    pub step: usize,
    /// The story's steps shown in this area, by index (see `State::story_steps`).
    pub steps: Rc<Vec<usize>>,
    pub headlines: Shared<HeadlineCards>,
    pub years: (i32, i32),
    /// The charts shown: KS2, KS4 and NEET (`ViewModel::charts`).
    pub charts: Vec<Shared<ChartData>>,
    /// Which baseline the figures are measured against, in words.
    pub baseline_note: AttrValue,
    pub on_action: Callback<Action>,
}

/// Leaves full screen if the page is in it (the browser may refuse; that is fine).
pub fn exit_fullscreen() {
    let document = gloo::utils::document();
    if document.fullscreen_element().is_some() {
        document.exit_fullscreen();
    }
}

#[component]
pub fn Presentation(props: &PresentationProps) -> Html {
    let steps = props.steps.len();
    // Where this step sits among those shown, and the steps before and after it.
    let position = props
        .steps
        .iter()
        .position(|&i| i == props.step)
        .unwrap_or(0);
    let previous = props
        .steps
        .get(position.saturating_sub(1))
        .copied()
        .unwrap_or(props.step);
    let next = props.steps.get(position + 1).copied().unwrap_or(props.step);
    {
        let on_action = props.on_action.clone();
        use_effect_with((previous, next), move |&(previous, next)| {
            let document = gloo::utils::document();
            // Not passive: arrow keys and Space must not also scroll the page.
            let keys = EventListener::new_with_options(
                &document,
                "keydown",
                EventListenerOptions::enable_prevent_default(),
                {
                    let on_action = on_action.clone();
                    move |event| {
                        let Some(key) = event.dyn_ref::<KeyboardEvent>().map(KeyboardEvent::key)
                        else {
                            return;
                        };
                        let action = match key.as_str() {
                            "ArrowRight" | "PageDown" | " " => {
                                Some(Action::Page(PageAction::Present(Some(next))))
                            }
                            "ArrowLeft" | "PageUp" => {
                                Some(Action::Page(PageAction::Present(Some(previous))))
                            }
                            "Escape" => {
                                exit_fullscreen();
                                Some(Action::Page(PageAction::Present(None)))
                            }
                            _ => None,
                        };
                        if let Some(action) = action {
                            event.prevent_default();
                            on_action.emit(action);
                        }
                    }
                },
            );
            // Escape in full screen is taken by the browser: leaving full screen leaves the story.
            let fullscreen = EventListener::new(&document, "fullscreenchange", move |_| {
                if gloo::utils::document().fullscreen_element().is_none() {
                    on_action.emit(Action::Page(PageAction::Present(None)));
                }
            });
            move || drop((keys, fullscreen))
        });
    }
    let Some(step) = props.presets.story.get(props.step) else {
        return html! {};
    };
    let leave = props.on_action.reform(|_: MouseEvent| {
        exit_fullscreen();
        Action::Page(PageAction::Present(None))
    });
    html! {
        <main class="presentation" data-app-ready="true" data-step={props.step.to_string()}>
            <header>
                <p class="step-count">{ format!("{} of {steps}", position + 1) }</p>
                <h1 id="story-title">{ step.title.clone() }</h1>
                <p class="story-sentence">{ step.sentence.clone() }</p>
            </header>
            <Headlines
                headlines={props.headlines.clone()}
                years={props.years}
                baseline_note={props.baseline_note.clone()}
                on_action={props.on_action.clone()}
                minimal=true
            />
            <div class="presentation-charts">
                for chart in props.charts.iter() {
                    <TrajectoryChart key={chart.outcome.key()} data={chart.clone()} minimal=true />
                }
            </div>
            <p class="presentation-help">
                { "← → to move through the story · Esc to leave " }
                <button class="link" onclick={leave}>{ "Leave presentation" }</button>
            </p>
        </main>
    }
}
