//! A host page's own referential (SPEC §13 c): with `embed.js`'s `data-referential`, the host
//! fetches the file from its own site and posts `{type: "repere:referential", version: 1,
//! referential: <the file>}` into the frame (`referential=1` in the frame's URL says it will).
//! The frame says it listens (`{type: "repere:ready", version: 1}` to `parent`), accepts the
//! message only from the window above it and from the origin named in `parent`, checks the file
//! like an import, stores it in the embed's namespace (never `default`) and opens its
//! positioning (or the one `ref=` names).
//!
//! The listener is in the first load (a few checks on a plain object); reading the file needs
//! the model's deserialiser, so that runs in a chunk ([`receive`]), with the pages' code.

use super::{object, post_to_parent};
use crate::core::custom::file::import_referential;
use crate::core::embed::EmbedConfig;
use crate::core::i18n::Lang;
use crate::core::route::Route;
use crate::ui::chunks::split_fn;
use crate::ui::i18n::use_i18n;
use crate::ui::router::open_route;
use crate::ui::state::{install_scoring, AppState, StateSlot};
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::time::Duration;
use wasm_bindgen::JsValue;

/// How long the frame waits for the host's referential before saying it has not come.
const PATIENCE: Duration = Duration::from_secs(20);

/// Where the host's referential stands.
#[derive(Clone, Debug, PartialEq)]
pub enum Received {
    Waiting,
    /// Nothing came within [`PATIENCE`].
    Silent,
    /// Its id, stored and open.
    Loaded(String),
    /// What is wrong with it, in the language of the moment it came.
    Failed(Vec<String>),
}

split_fn! {
    /// Reads and checks the posted file (as JSON text), then stores it unless this browser holds
    /// the same already. Its id, or what is wrong.
    pub fn receive(state: AppState, text: String, lang: Lang) -> Result<String, Vec<String>> {
        install_scoring();
        match import_referential(text.as_bytes()) {
            Err(f) => Err(f.problems.iter().map(|p| p.render(lang)).collect()),
            Ok(b) => {
                let id = b.referential.id.clone();
                if state.brought(&id) == Some(&b) {
                    Ok(id)
                } else {
                    state.save_brought(b).map(|_| id).map_err(|p| p.messages(lang))
                }
            }
        }
    }
}

fn field(value: &JsValue, name: &str) -> JsValue {
    js_sys::Reflect::get(value, &JsValue::from_str(name)).unwrap_or(JsValue::UNDEFINED)
}

/// The file of a `repere:referential` message from the window above, at `parent`, as JSON text.
fn accepted(event: &web_sys::Event, parent: &str) -> Option<String> {
    let from_parent = window()
        .parent()
        .ok()
        .flatten()
        .is_some_and(|w| js_sys::Object::is(&field(event, "source"), &w));
    if !from_parent || field(event, "origin").as_string().as_deref() != Some(parent) {
        return None;
    }
    let data = field(event, "data");
    let ok = field(&data, "type").as_string().as_deref() == Some("repere:referential")
        && field(&data, "version").as_f64() == Some(1.0);
    let referential = field(&data, "referential");
    if !ok || !referential.is_object() {
        return None;
    }
    js_sys::JSON::stringify(&referential).ok()?.as_string()
}

/// Listens for the host's referential and tells the host the frame is ready for it.
pub fn listen(config: &EmbedConfig, slot: StateSlot) -> RwSignal<Received> {
    let status = RwSignal::new(Received::Waiting);
    let Some(parent) = config.parent.clone() else {
        return status;
    };
    let open = config.referential.clone();
    let i18n = use_i18n();
    let host = parent.clone();
    let handle = window_event_listener_untyped("message", move |event| {
        let Some(text) = accepted(&event, &host) else {
            return;
        };
        let slot = slot.clone();
        let open = open.clone();
        let lang = i18n.lang.get_untracked();
        spawn_local(async move {
            let received = match slot.load().await {
                Err(_) => Err(vec![i18n.t("embed.referential_chunk").to_owned()]),
                Ok(state) => receive(state, text, lang)
                    .await
                    .unwrap_or_else(|_| Err(vec![i18n.t("embed.referential_chunk").to_owned()])),
            };
            match received {
                Ok(id) => {
                    open_route(&Route::Assess {
                        id: Some(open.unwrap_or_else(|| id.clone())),
                        anchor: None,
                    });
                    let _ = status.try_set(Received::Loaded(id));
                }
                Err(lines) => {
                    let _ = status.try_set(Received::Failed(lines));
                }
            }
        });
    });
    on_cleanup(move || handle.remove());
    set_timeout(
        move || {
            if status.try_get_untracked() == Some(Received::Waiting) {
                let _ = status.try_set(Received::Silent);
            }
        },
        PATIENCE,
    );
    post_to_parent(
        &parent,
        &object(&[("type", "repere:ready".into()), ("version", 1.into())]),
    );
    status
}

/// Above the page: waiting, silent or refused (nothing once it is open).
pub fn status_view(status: RwSignal<Received>) -> impl IntoView {
    let i18n = use_i18n();
    move || {
        match status.get() {
        Received::Loaded(_) => ().into_any(),
        Received::Waiting => view! {
            <p class="notice notice-info" role="status" data-testid="embed-referential" data-state="waiting">{i18n.t("embed.referential_waiting")}</p>
        }
        .into_any(),
        Received::Silent => view! {
            <p class="notice notice-warning" role="status" data-testid="embed-referential" data-state="silent">{i18n.t("embed.referential_silent")}</p>
        }
        .into_any(),
        Received::Failed(lines) => view! {
            <div class="notice notice-error" role="alert" data-testid="embed-referential" data-state="failed">
                <p>{i18n.t("embed.referential_failed")}</p>
                {lines.into_iter().map(|l| view! { <p>{l}</p> }).collect_view()}
            </div>
        }
        .into_any(),
    }
    }
}
