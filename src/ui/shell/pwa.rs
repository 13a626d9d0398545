//! Installable, offline app (SPEC §9): registers the service worker `sw.js` written at build time
//! by `scripts/build-sw.mjs`, and offers « Mettre à jour » when a new version is waiting. The
//! worker never activates itself: the button asks it to (`SKIP_WAITING`), then the page reloads
//! once, when the new worker takes control.

use crate::ui::i18n::use_i18n;
use leptos::prelude::*;
use std::cell::{Cell, RefCell};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{
    ServiceWorker, ServiceWorkerContainer, ServiceWorkerRegistration, ServiceWorkerState,
};

thread_local! {
    static REGISTRATION: RefCell<Option<ServiceWorkerRegistration>> = const { RefCell::new(None) };
    /// Set when the user asked for the update: the next `controllerchange` reloads the page once.
    static RELOAD_ON_CHANGE: Cell<bool> = const { Cell::new(false) };
}

/// `navigator.serviceWorker`, which only exists in secure contexts (https, localhost).
fn container() -> Option<ServiceWorkerContainer> {
    let navigator = window().navigator();
    js_sys::Reflect::has(&navigator, &JsValue::from_str("serviceWorker"))
        .unwrap_or(false)
        .then(|| navigator.service_worker())
}

/// Registers `sw.js`, relative to the document so that any sub-path works, and returns a signal
/// that becomes true when a new version is installed and waiting.
pub fn register() -> ReadSignal<bool> {
    let (ready, set_ready) = signal(false);
    // In an LMS the worker would take control of the LMS's own URLs (SPEC §12).
    let Some(container) = container().filter(|_| !crate::ui::lms::launched()) else {
        return ready;
    };
    let on_controller_change = Closure::<dyn FnMut()>::new(|| {
        if RELOAD_ON_CHANGE.with(|flag| flag.replace(false)) {
            let _ = window().location().reload();
        }
    });
    container.set_oncontrollerchange(Some(on_controller_change.as_ref().unchecked_ref()));
    on_controller_change.forget();

    // Called once each; forgetting them leaks two small closures for the page's lifetime.
    let on_registered = Closure::<dyn FnMut(JsValue)>::new(move |value: JsValue| {
        // Not a registration when a browser (or a test harness) blocks service workers.
        let Ok(registration) = value.dyn_into::<ServiceWorkerRegistration>() else {
            return;
        };
        watch(&registration, set_ready);
        REGISTRATION.with(|r| *r.borrow_mut() = Some(registration));
    });
    let on_failed = Closure::<dyn FnMut(JsValue)>::new(|error: JsValue| {
        // Without a worker the app still works online; nothing to tell the user.
        leptos::logging::warn!("service worker registration failed: {error:?}");
    });
    let register = Closure::once_into_js(move || {
        let _ = container
            .register("sw.js")
            .then2(&on_registered, &on_failed);
        on_registered.forget();
        on_failed.forget();
    });
    // The worker's install downloads the whole build again: on a first visit it must not compete
    // with the page's downloads, wasm compilation and first render, so it waits for the load
    // event and then for the browser to be idle.
    let when_idle = Closure::once_into_js(move || {
        let w = window();
        let register: &js_sys::Function = register.unchecked_ref();
        if js_sys::Reflect::has(&w, &JsValue::from_str("requestIdleCallback")).unwrap_or(false) {
            let options = web_sys::IdleRequestOptions::new();
            options.set_timeout(3000);
            let _ = w.request_idle_callback_with_options(register, &options);
        } else {
            let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(register, 1000);
        }
    });
    if document().ready_state() == "complete" {
        let _ = when_idle
            .unchecked_ref::<js_sys::Function>()
            .call0(&JsValue::NULL);
    } else {
        let options = web_sys::AddEventListenerOptions::new();
        options.set_once(true);
        let _ = window().add_event_listener_with_callback_and_add_event_listener_options(
            "load",
            when_idle.unchecked_ref(),
            &options,
        );
    }
    ready
}

/// Watches a registration for a new worker, already waiting or still installing.
fn watch(registration: &ServiceWorkerRegistration, set_ready: WriteSignal<bool>) {
    // A worker waits only behind an active one; the very first install activates at once.
    if registration.waiting().is_some() && registration.active().is_some() {
        set_ready.set(true);
    }
    if let Some(worker) = registration.installing() {
        track(registration.clone(), worker, set_ready);
    }
    let reg = registration.clone();
    let on_update_found = Closure::<dyn FnMut()>::new(move || {
        if let Some(worker) = reg.installing() {
            track(reg.clone(), worker, set_ready);
        }
    });
    registration.set_onupdatefound(Some(on_update_found.as_ref().unchecked_ref()));
    on_update_found.forget();
}

fn track(
    registration: ServiceWorkerRegistration,
    worker: ServiceWorker,
    set_ready: WriteSignal<bool>,
) {
    let w = worker.clone();
    let on_state_change = Closure::<dyn FnMut()>::new(move || {
        if w.state() == ServiceWorkerState::Installed && registration.active().is_some() {
            set_ready.set(true);
        }
    });
    worker.set_onstatechange(Some(on_state_change.as_ref().unchecked_ref()));
    on_state_change.forget();
}

/// Asks the waiting worker to take over; the page reloads when it does. If another tab already
/// activated it, there is nothing left waiting: reload at once.
fn apply_update() {
    let waiting = REGISTRATION.with(|r| r.borrow().as_ref().and_then(|reg| reg.waiting()));
    let Some(worker) = waiting else {
        let _ = window().location().reload();
        return;
    };
    RELOAD_ON_CHANGE.with(|flag| flag.set(true));
    let message = js_sys::Object::new();
    let _ = js_sys::Reflect::set(
        &message,
        &JsValue::from_str("type"),
        &JsValue::from_str("SKIP_WAITING"),
    );
    if worker.post_message(&message).is_err() {
        let _ = window().location().reload();
    }
}

/// « Une nouvelle version de Repère est prête. » with its « Mettre à jour » button, shown only
/// while a new version waits. The live region stays in the page so that the text is announced.
#[component]
pub fn UpdateBanner() -> impl IntoView {
    let i18n = use_i18n();
    let ready = register();
    view! {
        <div class="pwa-update no-print" role="status">
            <Show when=move || ready.get()>
                <div class="notice notice-info" data-testid="update-banner">
                    <p>{move || i18n.t("pwa.update_ready")}</p>
                    <button type="button" class="secondary" on:click=move |_| apply_update()>
                        {move || i18n.t("pwa.update_button")}
                    </button>
                </div>
            </Show>
        </div>
    }
}
