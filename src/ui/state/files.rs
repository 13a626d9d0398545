//! Browser file plumbing, for every page: read a picked or dropped `File`, offer text as a
//! download (export files, cohort CSV).

use leptos::prelude::set_timeout;
use std::time::Duration;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

/// How long a download's object URL outlives the click. Chromium takes hold of the blob during
/// the click (an immediate revoke works there, even for 100 MB, measured), but other engines
/// resolve the URL later and fail the download if it is already revoked; the delay only keeps
/// the text in memory a little longer.
const REVOKE_AFTER: Duration = Duration::from_secs(40);

/// The bytes of a file the user picked or dropped.
pub async fn read_bytes(file: &web_sys::File) -> Result<Vec<u8>, JsValue> {
    let buffer = JsFuture::from(file.array_buffer()).await?;
    Ok(js_sys::Uint8Array::new(&buffer).to_vec())
}

/// Every file of a `FileList` (input `change` or drop `dataTransfer.files`).
pub fn files_of(list: Option<web_sys::FileList>) -> Vec<web_sys::File> {
    let Some(list) = list else { return Vec::new() };
    (0..list.length()).filter_map(|i| list.get(i)).collect()
}

/// Makes the browser download `text` as `name` (Blob + object URL, no server involved).
pub fn download(name: &str, mime: &str, text: &str) -> Result<(), JsValue> {
    download_parts(name, mime, &js_sys::Array::of1(&JsValue::from_str(text)))
}

/// Makes the browser download the concatenation of `parts` (strings, `Uint8Array`s, blobs) as
/// `name`: a file assembled from pieces (a SCORM package) is never copied into one buffer.
pub fn download_parts(name: &str, mime: &str, parts: &js_sys::Array) -> Result<(), JsValue> {
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let blob = web_sys::Blob::new_with_u8_array_sequence_and_options(parts, &options)?;
    let url = web_sys::Url::create_object_url_with_blob(&blob)?;
    let document = leptos::prelude::document();
    let a: web_sys::HtmlAnchorElement = document.create_element("a")?.dyn_into()?;
    a.set_href(&url);
    a.set_download(name);
    a.set_attribute("hidden", "")?;
    document.body().ok_or("no body")?.append_child(&a)?;
    a.click();
    a.remove();
    set_timeout(
        move || {
            let _ = web_sys::Url::revoke_object_url(&url);
        },
        REVOKE_AFTER,
    );
    Ok(())
}
