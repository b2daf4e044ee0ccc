//! Lets the browser skip the long sections below the fold (`content-visibility: auto`)
//! only once each has been laid out at its real size.
//!
//! A skipped section stands in at its last remembered size, but before its first layout
//! it has none, only the stylesheet's estimate. Scrolling to the foot of the page then
//! brought the estimates into view, the page's height changed by hundreds of pixels and
//! what was under the pointer moved (a click on "Find the best plans" could land on
//! nothing). So the page is laid out in full for its first two frames, which records
//! every section's size, and only then may sections be skipped.

use std::cell::RefCell;
use std::rc::Rc;

use gloo::render::{request_animation_frame, AnimationFrame};
use yew::prelude::*;

/// The class on the document element that turns skipping on (see style.css).
const SKIPPING_CLASS: &str = "skip-offscreen";

/// While `active` (the page's normal layout is shown), turns skipping on two frames after
/// it was laid out; off when the layout goes (presentation mode), so that the sections
/// made anew on return are again laid out in full before they can be skipped.
#[hook]
pub fn use_offscreen_skipping(active: bool) {
    use_effect_with(active, |&active| {
        if !active {
            return Box::new(|| ()) as Box<dyn FnOnce()>;
        }
        // The pending frame: dropping it cancels its callback. The callbacks hold it
        // weakly, so nothing outlives the page's App.
        let frame: Rc<RefCell<Option<AnimationFrame>>> = Rc::default();
        let first = Rc::downgrade(&frame);
        // The first frame's callback runs before that frame's layout, and sizes are
        // recorded after layout, so the class waits for the second frame.
        *frame.borrow_mut() = Some(request_animation_frame(move |_| {
            let Some(frame) = first.upgrade() else { return };
            let second = Rc::downgrade(&frame);
            *frame.borrow_mut() = Some(request_animation_frame(move |_| {
                if let Some(root) = gloo::utils::document().document_element() {
                    // Without the class the page is only slower, never wrong: no message.
                    let _ = root.class_list().add_1(SKIPPING_CLASS);
                }
                if let Some(frame) = second.upgrade() {
                    frame.borrow_mut().take();
                }
            }));
        }));
        Box::new(move || {
            drop(frame.borrow_mut().take());
            if let Some(root) = gloo::utils::document().document_element() {
                let _ = root.class_list().remove_1(SKIPPING_CLASS);
            }
        })
    });
}
