//! Embed mode (SPEC §8): compact layout, the host's namespace and referential, height reports to
//! the host, and results sent to `parent` only when the candidate presses « Transmettre ».

use super::i18n::use_i18n;
use super::state::{model, use_app_state};
use crate::core::embed::{parse, EmbedConfig};
use crate::core::outline::Outline;
use leptos::prelude::*;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// Present in the context when the app runs embedded.
#[derive(Clone)]
pub struct Embedded(pub EmbedConfig);

pub fn config() -> Option<EmbedConfig> {
    parse(&window().location().search().unwrap_or_default(), &Outline)
}

pub fn use_embedded() -> Option<EmbedConfig> {
    use_context::<Embedded>().map(|e| e.0)
}

/// A plain object `{ key: value, … }` for `postMessage` (no JSON codec in the first load).
fn object(fields: &[(&str, JsValue)]) -> js_sys::Object {
    let o = js_sys::Object::new();
    for (key, value) in fields {
        let _ = js_sys::Reflect::set(&o, &JsValue::from_str(key), value);
    }
    o
}

fn post_to_parent(parent: &str, message: &js_sys::Object) {
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

/// « Transmettre mes résultats »: the only way anything leaves the iframe.
#[component]
pub fn TransmitPanel() -> impl IntoView {
    let i18n = use_i18n();
    let state = use_app_state();
    let Some(parent) = use_embedded().and_then(|e| e.parent) else {
        return ().into_any();
    };
    let (sent, set_sent) = signal(false);
    let host = parent.clone();
    // The button itself names who receives the results: the consent is given to that origin.
    let button = {
        let origin = parent.clone();
        move || i18n.t_with("embed.transmit", &[("origin", &origin)])
    };
    let send = move |_| {
        let results: js_sys::Array = state.evaluation.with_untracked(|e| {
            e.ranked()
                .map(|p| {
                    let id: &str = &model().profiles()[p.profile].id;
                    let rounded = |x: f64| ((x * 1000.0).round() / 1000.0).into();
                    // SPEC §8: score is the fit, the figure that ranks; readiness is an addition.
                    object(&[
                        ("referential", id.into()),
                        ("score", rounded(p.fit)),
                        ("readiness", rounded(p.readiness)),
                        ("completeness", rounded(p.completeness)),
                    ])
                })
                .collect()
        });
        post_to_parent(
            &parent,
            &object(&[
                ("type", "repere:results".into()),
                ("version", 1.into()),
                ("results", results.into()),
            ]),
        );
        set_sent.set(true);
    };
    view! {
        <section class="transmit" aria-labelledby="transmit-title">
            <h2 id="transmit-title">{move || i18n.t("embed.transmit_title")}</h2>
            <p>{move || i18n.t_with("embed.transmit_help", &[("host", &host)])}</p>
            <p><button type="button" class="primary" data-testid="transmit" on:click=send>{button}</button></p>
            <p role="status" data-testid="transmit-status">{move || if sent.get() { i18n.t("embed.sent") } else { "" }}</p>
        </section>
    }
    .into_any()
}
