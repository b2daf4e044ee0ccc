//! Reading a file the user picked, inside the browser (nothing is uploaded).

use std::cell::RefCell;
use std::rc::Rc;

use gloo::file::callbacks::FileReader;
use web_sys::HtmlInputElement;
use yew::{Event, TargetCast};

/// The read in progress: dropping a `FileReader` cancels it, so it is kept here until the
/// next file is chosen.
pub type PendingRead = Rc<RefCell<Option<FileReader>>>;

/// Reads the file chosen in the `<input type="file">` behind `event` as text and calls
/// `done(file name, text or a message)`. Files over `limit_bytes` are refused unread. The
/// input is cleared so that choosing the same file again reads it again.
pub fn read_chosen_file(
    event: &Event,
    limit_bytes: f64,
    pending: &PendingRead,
    done: impl FnOnce(String, Result<String, String>) + 'static,
) {
    let input: HtmlInputElement = event.target_unchecked_into();
    let Some(file) = input.files().and_then(|files| files.get(0)) else {
        return;
    };
    input.set_value("");
    let name = file.name();
    if file.size() > limit_bytes {
        let message = format!(
            "“{name}” is {:.0} KB; such a file is at most {:.0} KB, so nothing was read.",
            file.size() / 1024.0,
            limit_bytes / 1024.0
        );
        done(name, Err(message));
        return;
    }
    let task = gloo::file::callbacks::read_as_text(&gloo::file::Blob::from(file), move |result| {
        let text = result.map_err(|_| format!("{name} could not be read as text."));
        done(name, text);
    });
    *pending.borrow_mut() = Some(task);
}
