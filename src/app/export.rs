//! Files out of the page: downloads of text, SVG and PNG, made in the browser from data
//! already on screen (nothing is uploaded anywhere).

use std::cell::RefCell;
use std::rc::Rc;

use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Blob, BlobPropertyBag, HtmlAnchorElement, HtmlCanvasElement, HtmlImageElement, Url};

use crate::app::charts::style::CHART_CSS;

/// Slide size for PNG exports (16:9 at 1600 px wide).
pub const SLIDE_WIDTH: u32 = 1600;
pub const SLIDE_HEIGHT: u32 = 900;

fn blob(text: &str, mime: &str) -> Result<Blob, JsValue> {
    let parts = js_sys::Array::of1(&JsValue::from_str(text));
    let options = BlobPropertyBag::new();
    options.set_type(mime);
    Blob::new_with_str_sequence_and_options(&parts, &options)
}

fn download_blob(blob: &Blob, filename: &str) -> Result<(), JsValue> {
    let url = Url::create_object_url_with_blob(blob)?;
    let anchor: HtmlAnchorElement = gloo::utils::document().create_element("a")?.dyn_into()?;
    anchor.set_href(&url);
    anchor.set_download(filename);
    anchor.click();
    Url::revoke_object_url(&url)
}

/// Offers `text` as a file download.
pub fn download_text(filename: &str, mime: &str, text: &str) -> Result<(), String> {
    blob(text, mime)
        .and_then(|b| download_blob(&b, filename))
        .map_err(|_| format!("The browser refused to save {filename}."))
}

/// The SVG element with id `svg_id` as standalone SVG text, with the chart styles
/// embedded so it looks as it does on the page.
pub fn svg_text(svg_id: &str) -> Result<String, String> {
    let element = gloo::utils::document()
        .get_element_by_id(svg_id)
        .ok_or_else(|| "That chart is not on the page.".to_owned())?;
    let text = web_sys::XmlSerializer::new()
        .and_then(|s| s.serialize_to_string(&element))
        .map_err(|_| "The chart could not be converted to SVG.".to_owned())?;
    let text = if text.contains("xmlns=") {
        text
    } else {
        text.replacen("<svg", "<svg xmlns=\"http://www.w3.org/2000/svg\"", 1)
    };
    // The styles go straight after the opening tag.
    let Some(open_end) = text.find('>') else {
        return Err("The chart could not be converted to SVG.".to_owned());
    };
    Ok(format!(
        "{}<style>{}</style>{}",
        &text[..=open_end],
        CHART_CSS,
        &text[open_end + 1..]
    ))
}

/// Where a late failure is reported, taken by whichever of load and error runs.
type ErrorSlot = Rc<RefCell<Option<Box<dyn FnOnce(String)>>>>;

/// Downloads the chart as a slide-sized PNG: the SVG is drawn onto a white canvas. The
/// image loads asynchronously, so a failure after this returns (the browser cannot decode
/// the SVG, or refuses to read the canvas back) is passed to `on_error`.
pub fn download_png(
    svg_id: &str,
    filename: &str,
    on_error: impl FnOnce(String) + 'static,
) -> Result<(), String> {
    let svg = svg_text(svg_id)?;
    let failed = |_| "The chart could not be drawn as a PNG in this browser.".to_owned();
    let svg_blob = blob(&svg, "image/svg+xml").map_err(failed)?;
    let url = Url::create_object_url_with_blob(&svg_blob).map_err(failed)?;
    let image = HtmlImageElement::new().map_err(failed)?;
    // Exactly one of load and error runs, once; whichever runs takes the report.
    let on_error: ErrorSlot = Rc::new(RefCell::new(Some(Box::new(on_error))));
    let report = move |slot: &ErrorSlot, text: String| {
        if let Some(report) = slot.borrow_mut().take() {
            report(text);
        }
    };
    let onload = {
        let (image, url, slot) = (image.clone(), url.clone(), on_error.clone());
        let filename = filename.to_owned();
        Closure::once_into_js(move || {
            let _ = Url::revoke_object_url(&url);
            if let Err(e) = draw_and_save(&image, &filename) {
                report(
                    &slot,
                    format!(
                        "{filename} was not saved: the browser would not turn the chart into a PNG ({}). The SVG download still works.",
                        js_error_text(&e)
                    ),
                );
            }
            slot.borrow_mut().take();
        })
    };
    let onerror = {
        let (url, slot) = (url.clone(), on_error);
        let filename = filename.to_owned();
        Closure::once_into_js(move || {
            let _ = Url::revoke_object_url(&url);
            report(
                &slot,
                format!("{filename} was not saved: the browser could not decode the chart as an image. The SVG download still works."),
            );
        })
    };
    // Both closures free themselves when called; the one never called stays (a few bytes).
    image.set_onload(Some(onload.unchecked_ref()));
    image.set_onerror(Some(onerror.unchecked_ref()));
    image.set_src(&url);
    Ok(())
}

/// A thrown JavaScript value as words: an Error's name and message, or its string form.
pub fn js_error_text(value: &JsValue) -> String {
    if let Some(error) = value.dyn_ref::<js_sys::Error>() {
        let (name, message) = (String::from(error.name()), String::from(error.message()));
        if message.is_empty() {
            name
        } else {
            format!("{name}: {message}")
        }
    } else {
        value
            .as_string()
            .unwrap_or_else(|| "no reason given".to_owned())
    }
}

fn draw_and_save(image: &HtmlImageElement, filename: &str) -> Result<(), JsValue> {
    let canvas: HtmlCanvasElement = gloo::utils::document()
        .create_element("canvas")?
        .dyn_into()?;
    canvas.set_width(SLIDE_WIDTH);
    canvas.set_height(SLIDE_HEIGHT);
    let context: web_sys::CanvasRenderingContext2d = canvas
        .get_context("2d")?
        .ok_or_else(|| JsValue::from_str("no 2d context"))?
        .dyn_into()?;
    context.set_fill_style_str("#ffffff");
    context.fill_rect(0.0, 0.0, f64::from(SLIDE_WIDTH), f64::from(SLIDE_HEIGHT));
    // Fit the chart inside the slide with a margin, keeping its aspect ratio.
    let (w, h) = (
        f64::from(image.natural_width().max(1)),
        f64::from(image.natural_height().max(1)),
    );
    let scale = ((f64::from(SLIDE_WIDTH) - 80.0) / w).min((f64::from(SLIDE_HEIGHT) - 80.0) / h);
    let (dw, dh) = (w * scale, h * scale);
    context.draw_image_with_html_image_element_and_dw_and_dh(
        image,
        (f64::from(SLIDE_WIDTH) - dw) / 2.0,
        (f64::from(SLIDE_HEIGHT) - dh) / 2.0,
        dw,
        dh,
    )?;
    let url = canvas.to_data_url_with_type("image/png")?;
    let anchor: HtmlAnchorElement = gloo::utils::document().create_element("a")?.dyn_into()?;
    anchor.set_href(&url);
    anchor.set_download(filename);
    anchor.click();
    Ok(())
}
