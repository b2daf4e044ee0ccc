//! Messages about input that could not be used in full: links, files, storage.

use yew::prelude::*;

use crate::app::state::{Action, Notice, PageAction};

#[derive(Properties, PartialEq)]
pub struct NoticesProps {
    pub notices: Vec<Notice>,
    pub on_action: Callback<Action>,
}

#[component]
pub fn Notices(props: &NoticesProps) -> Html {
    html! {
        // Always in the page, so screen readers announce messages added later.
        <div class="notices" role="status" aria-live="polite">
            for (i, notice) in props.notices.iter().enumerate() {
                <div class={classes!("notice", notice.error.then_some("error-notice"))} data-notice={if notice.error { "error" } else { "info" }}>
                    <p>{ notice.text.clone() }</p>
                    <button class="link" onclick={props.on_action.reform(move |_: MouseEvent| Action::Page(PageAction::DismissNotice(i)))}
                        aria-label={format!("Dismiss message: {}", notice.text.chars().take(60).collect::<String>())}>
                        { "Dismiss" }
                    </button>
                </div>
            }
        </div>
    }
}
