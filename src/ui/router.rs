//! Drives the current `Route` from `location.hash` and moves focus on navigation.

use crate::core::route::Route;
use leptos::ev;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

fn current_hash() -> String {
    window().location().hash().unwrap_or_default()
}

/// Provides the route signal, updated on every `hashchange`.
pub fn provide_router() -> ReadSignal<Route> {
    let (route, set_route) = signal(Route::parse(&current_hash()));
    let handle = window_event_listener(ev::hashchange, move |_| {
        set_route.set(Route::parse(&current_hash()));
    });
    on_cleanup(move || handle.remove());
    provide_context(route);
    route
}

/// `aria-current="page"` for the nav link matching the current route.
pub fn current_if(route: Route, pred: impl Fn(&Route) -> bool) -> Option<&'static str> {
    pred(&route).then_some("page")
}

/// Replaces the hash without adding a history entry (e.g. while typing a search).
pub fn replace_route(route: &Route) {
    if let Ok(history) = window().history() {
        let _ = history.replace_state_with_url(
            &wasm_bindgen::JsValue::NULL,
            "",
            Some(&route.to_hash()),
        );
    }
}

/// Opens `route` once the app runs, without adding a history entry: what a host's referential or
/// a package's file opens when it arrives (`replace_route` alone only changes the address, which
/// the router reads at start).
pub fn open_route(route: &Route) {
    replace_route(route);
    if let Ok(event) = web_sys::Event::new("hashchange") {
        let _ = window().dispatch_event(&event);
    }
}

/// The skip link must not change the hash (that would be a navigation): focus `<main>` instead.
pub fn skip_to_main(ev: ev::MouseEvent) {
    ev.prevent_default();
    focus_element("main");
}

pub fn focus_element(id: &str) -> bool {
    match document()
        .get_element_by_id(id)
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
    {
        Some(el) => {
            el.scroll_into_view();
            let _ = el.focus();
            true
        }
        None => false,
    }
}

/// After a page renders: focus the element `anchor` if given (deep link), else the page heading,
/// so that screen-reader and keyboard users land on the new content.
pub fn focus_after_render(anchor: Option<String>) {
    request_animation_frame(move || {
        if let Some(a) = anchor {
            if focus_element(&a) {
                return;
            }
        }
        if let Some(h) = document().query_selector("main h1").ok().flatten() {
            if let Ok(h) = h.dyn_into::<web_sys::HtmlElement>() {
                let _ = h.focus();
                window().scroll_to_with_x_and_y(0.0, 0.0);
            }
        }
    });
}

/// DOM id of an item or group, so that deep links can focus it.
pub fn anchor_id(anchor: &str) -> String {
    format!("item-{anchor}")
}
