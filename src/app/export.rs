//! Files out of the page: downloads of text, SVG and PNG, made in the browser from data
//! already on screen (nothing is uploaded anywhere).

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

/// Downloads the chart as a slide-sized PNG: the SVG is drawn onto a white canvas.
pub fn download_png(svg_id: &str, filename: &str) -> Result<(), String> {
    let svg = svg_text(svg_id)?;
    let failed = |_| "The chart could not be drawn as a PNG in this browser.".to_owned();
    let svg_blob = blob(&svg, "image/svg+xml").map_err(failed)?;
    let url = Url::create_object_url_with_blob(&svg_blob).map_err(failed)?;
    let image = HtmlImageElement::new().map_err(failed)?;
    let filename = filename.to_owned();
    let onload = {
        let image = image.clone();
        let url = url.clone();
        Closure::once(move || {
            let _ = draw_and_save(&image, &filename);
            let _ = Url::revoke_object_url(&url);
        })
    };
    image.set_onload(Some(onload.as_ref().unchecked_ref()));
    // The closure must outlive this call; it runs once when the image has loaded.
    onload.forget();
    image.set_src(&url);
    Ok(())
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
