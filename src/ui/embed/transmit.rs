//! « Transmettre mes résultats » (SPEC §8): the only way anything leaves the iframe.

use super::{object, post_to_parent, use_embedded};
use crate::ui::i18n::use_i18n;
use crate::ui::state::{model, use_app_state};
use leptos::prelude::*;

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
