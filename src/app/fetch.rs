//! Fetching an area file from beside the page (`data/areas/<id>.json`): the app ships an
//! index of areas and reads one area's figures only when it is opened. The service worker
//! keeps every file fetched, so an area opened once opens offline.

use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

use crate::model::area::AREA_FILES_DIR;
use crate::model::Area;

/// The area file for `id`, fetched and validated; the error says what went wrong in plain
/// words (offline, not found, not a valid area file).
pub async fn fetch_area(id: &str) -> Result<Area, String> {
    let url = format!("{AREA_FILES_DIR}/{id}.json");
    let window = gloo::utils::window();
    let response = JsFuture::from(window.fetch_with_str(&url))
        .await
        .map_err(|_| "the network did not answer: you may be offline".to_owned())?;
    let response: web_sys::Response = response
        .dyn_into()
        .map_err(|_| "the browser gave no response".to_owned())?;
    if !response.ok() {
        return Err(format!(
            "the server answered {} for {url}",
            response.status()
        ));
    }
    let text = response
        .text()
        .map_err(|_| "the file could not be read".to_owned())?;
    let text = JsFuture::from(text)
        .await
        .map_err(|_| "the file could not be read".to_owned())?
        .as_string()
        .ok_or_else(|| "the file is not text".to_owned())?;
    let area =
        Area::from_json(&text).map_err(|e| format!("{url} is not a valid area file: {e}"))?;
    if area.id != id {
        return Err(format!("{url} holds the area “{}”, not “{id}”", area.id));
    }
    Ok(area)
}
