//! The area picker in the page header: every shipped area, grouped by the date its
//! Opportunity Area was announced, with its region; below it, whose figures the area uses
//! (its own local authority, a county standing in for a district, or the country).

use std::rc::Rc;

use web_sys::HtmlSelectElement;
use yew::prelude::*;

use crate::app::areas::{about_line, geography_line, grouped, short_name, AreaChoice};
use crate::app::state::Action;
use crate::app::view_model::Shared;
use crate::model::{Area, Model};

#[derive(Properties, PartialEq)]
pub struct AreaPickerProps {
    pub choices: Rc<Vec<AreaChoice>>,
    pub model: Shared<Model>,
    /// True when the area's figures were imported or edited: the picker then shows them
    /// as an entry of their own, since they are none of the shipped areas.
    pub user_entered: bool,
    pub on_action: Callback<Action>,
}

#[component]
pub fn AreaPicker(props: &AreaPickerProps) -> Html {
    let area = props.model.area();
    let value = if props.user_entered {
        String::new()
    } else {
        area.id.clone()
    };
    let node = use_node_ref();
    {
        // The shown option follows the state (see `select.rs` for why this is needed).
        let node = node.clone();
        use_effect_with(value.clone(), move |value| {
            if let Some(select) = node.cast::<HtmlSelectElement>() {
                select.set_value(value);
            }
        });
    }
    let onchange = {
        let on_action = props.on_action.clone();
        Callback::from(move |e: Event| {
            let select: HtmlSelectElement = e.target_unchecked_into();
            // Parsed only when chosen: the picker itself holds names, not figures.
            if let Some(area) = Area::shipped_by_id(&select.value()) {
                on_action.emit(Action::SetArea {
                    area: Box::new(area),
                    user_entered: false,
                });
            }
        })
    };
    let groups = grouped(&props.choices);
    // Figures the user entered are flagged by the option itself and by the page's subtitle.
    let geography = geography_line(area);

    html! {
        <div class="area-picker">
            <label for="area-select">{ "Area" }</label>
            <select ref={node} id="area-select" {onchange} aria-describedby="area-geography area-about">
                if props.user_entered {
                    <option value="" selected=true>{ format!("{} (your figures)", short_name(area)) }</option>
                }
                for (label, members) in groups {
                    <optgroup label={label}>
                        for choice in members {
                            <option value={choice.id.clone()} selected={choice.id == value}>{ choice.option_label() }</option>
                        }
                    </optgroup>
                }
            </select>
            // Announced when the area changes, so a screen reader hears whose figures
            // the page now shows.
            <p id="area-geography" class="area-geography" aria-live="polite">{ geography }</p>
            <p id="area-about" class="area-about">{ about_line(area) }</p>
        </div>
    }
}
