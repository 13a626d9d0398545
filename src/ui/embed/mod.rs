//! Embed mode (SPEC §8): compact layout, the host's namespace and referential, height reports to
//! the host, results sent to `parent` only when the candidate presses « Transmettre »
//! (`transmit`, shown on the results page), and a referential the host posts (`referential`,
//! SPEC §13 c).

pub mod referential;
pub mod transmit;

use crate::core::embed::{parse, EmbedConfig};
use crate::core::outline::OutlineOrBrought;
use leptos::prelude::*;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// Present in the context when the app runs embedded.
#[derive(Clone)]
pub struct Embedded(pub EmbedConfig);

pub fn config() -> Option<EmbedConfig> {
    parse(
        &window().location().search().unwrap_or_default(),
        &OutlineOrBrought,
    )
}

pub fn use_embedded() -> Option<EmbedConfig> {
    use_context::<Embedded>().map(|e| e.0)
}

/// A plain object `{ key: value, … }` for `postMessage` (no JSON codec in the first load).
pub fn object(fields: &[(&str, JsValue)]) -> js_sys::Object {
    let o = js_sys::Object::new();
    for (key, value) in fields {
        let _ = js_sys::Reflect::set(&o, &JsValue::from_str(key), value);
    }
    o
}

pub fn post_to_parent(parent: &str, message: &js_sys::Object) {
    if let Ok(Some(host)) = window().parent() {
        // The target origin makes the browser drop the message if the host is anyone else.
        let _ = host.post_message(message, parent);
    }
}

/// Reports the document height to the host whenever it changes.
pub fn report_height(parent: String) {
    let send = move || {
        // The content's own height: the root's `scrollHeight` is never less than the frame's
        // viewport, so a frame that grew on a long page would never shrink back. The root's box
        // holds the body and any margin its children collapse through it.
        let height = document()
            .document_element()
            .map(|e| e.get_bounding_client_rect().height().ceil() as i32)
            .unwrap_or(0);
        post_to_parent(
            &parent,
            &object(&[("type", "repere:resize".into()), ("height", height.into())]),
        );
    };
    send();
    let callback = Closure::<dyn FnMut(js_sys::Array)>::new(move |_entries: js_sys::Array| send());
    if let Ok(observer) = web_sys::ResizeObserver::new(callback.as_ref().unchecked_ref()) {
        if let Some(body) = document().body() {
            observer.observe(&body);
        }
    }
    // The observer lives as long as the page.
    callback.forget();
}
