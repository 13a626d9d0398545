//! A one-line live result for the sticky progress bars. It updates on every answer (SPEC §11:
//! click → result on screen).

use super::results::profile_title;
use crate::core::i18n::percent;
use crate::ui::i18n::use_i18n;
use crate::ui::state::{model, use_app_state};
use leptos::prelude::*;

/// With a `referential` (its detailed positioning), the readiness for it: what answering its items
/// fills in. Without (the quick diagnostic), the profession that fits best, and its fit.
#[component]
pub fn LiveResult(#[prop(optional)] referential: Option<String>) -> impl IntoView {
    let i18n = use_i18n();
    let state = use_app_state();
    let text = move || {
        let lang = i18n.lang.get();
        state.evaluation.with(|e| match &referential {
            Some(id) => model()
                .profile_index(id)
                .map(|i| {
                    i18n.t_with(
                        "live.this",
                        &[("percent", &percent(lang, e.profiles[i].readiness))],
                    )
                })
                .unwrap_or_default(),
            None => e
                .ranked()
                .next()
                .map(|p| {
                    i18n.t_with(
                        "live.best",
                        &[
                            ("title", &profile_title(p.profile)),
                            ("percent", &percent(lang, p.fit)),
                        ],
                    )
                })
                .unwrap_or_default(),
        })
    };
    view! { <p class="live-result" data-testid="live-result">{text}</p> }
}
