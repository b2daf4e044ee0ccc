//! A `<select>` whose shown option always follows the state. Yew does not reliably set
//! the selected option from `selected` attributes (e.g. on first render from a share
//! link), so the value is also set on the element after every render that changes it.

use web_sys::HtmlSelectElement;
use yew::prelude::*;

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
