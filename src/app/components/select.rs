//! A `<select>` whose shown option always follows the state. Yew does not reliably set
//! the selected option from `selected` attributes (e.g. on first render from a share
//! link), so the value is also set on the element after every render that changes it.

use web_sys::HtmlSelectElement;
use yew::prelude::*;

use crate::scenario::outcome::{Outcome, HEADLINES};

#[derive(Properties, PartialEq)]
pub struct SelectProps {
    /// (value, label) pairs.
    pub options: Vec<(String, String)>,
    pub value: String,
    pub onchange: Callback<String>,
    #[prop_or_default]
    pub id: Option<AttrValue>,
    #[prop_or_default]
    pub aria_label: Option<AttrValue>,
    /// Marks the control for tests and scripts (`data-role`).
    #[prop_or_default]
    pub role: Option<AttrValue>,
}

#[component]
pub fn Select(props: &SelectProps) -> Html {
    let node = use_node_ref();
    {
        let node = node.clone();
        use_effect_with(props.value.clone(), move |value| {
            if let Some(select) = node.cast::<HtmlSelectElement>() {
                select.set_value(value);
            }
        });
    }
    let onchange = props.onchange.reform(|e: Event| {
        let select: HtmlSelectElement = e.target_unchecked_into();
        select.value()
    });
    html! {
        <select ref={node} id={props.id.clone()} aria-label={props.aria_label.clone()} data-role={props.role.clone()} {onchange}>
            for (value, label) in props.options.iter() {
                <option value={value.clone()} selected={*value == props.value}>{ label.clone() }</option>
            }
        </select>
    }
}

/// Options for a year picker: every year from `first` to `last`.
pub fn year_options(first: i32, last: i32) -> Vec<(String, String)> {
    (first..=last)
        .map(|y| (y.to_string(), y.to_string()))
        .collect()
}

#[derive(Properties, PartialEq)]
pub struct OutcomeSelectProps {
    pub id: AttrValue,
    pub value: Outcome,
    pub onchange: Callback<Outcome>,
    /// Short titles ("KS4 grade 4+ En & Ma") rather than full ones.
    #[prop_or_default]
    pub short: bool,
    #[prop_or_default]
    pub role: Option<AttrValue>,
}

/// A picker of the six headline outcomes that reports the one chosen.
#[component]
pub fn OutcomeSelect(props: &OutcomeSelectProps) -> Html {
    let options: Vec<(String, String)> = HEADLINES
        .iter()
        .map(|o| {
            let label = if props.short {
                o.short_title()
            } else {
                o.title()
            };
            (o.key(), label)
        })
        .collect();
    // The options are the headlines' own keys, so every value chosen parses.
    let onchange = {
        let chosen = props.onchange.clone();
        Callback::from(move |key: String| {
            if let Ok(outcome) = key.parse::<Outcome>() {
                chosen.emit(outcome);
            }
        })
    };
    html! {
        <Select id={props.id.clone()} role={props.role.clone()} value={props.value.key()} {onchange} {options} />
    }
}
