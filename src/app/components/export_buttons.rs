//! "SVG" and "PNG" download buttons for one chart.

use yew::prelude::*;

use crate::app::export;
use crate::app::state::Action;

#[derive(Properties, PartialEq)]
pub struct ExportButtonsProps {
    /// The id of the chart's `<svg>` element.
    pub svg_id: AttrValue,
    /// File name without extension, e.g. `pathways-fsm_ks2`.
    pub file_stem: AttrValue,
    /// The chart's title, for the buttons' accessible names.
    pub title: AttrValue,
    pub on_action: Callback<Action>,
}

#[component]
pub fn ExportButtons(props: &ExportButtonsProps) -> Html {
    let export_as = |png: bool| {
        let (svg_id, stem, on_action) = (
            props.svg_id.clone(),
            props.file_stem.clone(),
            props.on_action.clone(),
        );
        Callback::from(move |_: MouseEvent| {
            let result = if png {
                let on_action = on_action.clone();
                export::download_png(&svg_id, &format!("{stem}.png"), move |text| {
                    on_action.emit(Action::notice(true, text));
                })
            } else {
                export::svg_text(&svg_id).and_then(|svg| {
                    export::download_text(&format!("{stem}.svg"), "image/svg+xml", &svg)
                })
            };
            if let Err(text) = result {
                on_action.emit(Action::notice(true, text));
            }
        })
    };
    html! {
        <>
            <button class="link" data-role="export-svg" onclick={export_as(false)} aria-label={format!("Download {} as SVG", props.title)}>{ "SVG" }</button>
            <button class="link" data-role="export-png" onclick={export_as(true)} aria-label={format!("Download {} as PNG, slide size", props.title)}>{ "PNG" }</button>
        </>
    }
}
