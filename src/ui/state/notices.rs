//! Storage problems and startup reports, in plain language, above every page (SPEC §6).

use super::{use_app_state, NoticeKind};
use crate::core::route::Route;
use crate::ui::i18n::use_i18n;
use leptos::prelude::*;

/// Until the app state's chunk is there: the current dossier's line, empty, so that nothing below
/// it moves when it fills in.
pub fn placeholder() -> AnyView {
    view! {
        <div class="notices">
            <p class="current-dossier muted" aria-hidden="true">"\u{a0}"</p>
        </div>
    }
    .into_any()
}

/// In the app state's chunk (`state::slot::state`).
#[component]
pub fn Notices() -> impl IntoView {
    let i18n = use_i18n();
    let state = use_app_state();
    let dossier_name = move || state.dossier.with(|d| d.name.clone());
    let entries = move || -> Vec<(usize, super::Notice)> {
        state.notices.get().into_iter().enumerate().collect()
    };
    view! {
        <div class="notices">
            <Show when=move || state.save_error.get().is_some()>
                <div class="notice notice-error" role="alert" data-testid="save-error">
                    <p>{move || state.save_error.get().map(|k| i18n.t(k)).unwrap_or_default()}</p>
                    <button type="button" class="secondary" on:click=move |_| state.retry_save()>{move || i18n.t("storage.retry")}</button>
                </div>
            </Show>
            <For each=entries key=|(i, n)| (*i, n.clone()) let:entry>
                {
                    let (i, n) = entry;
                    let class = match n.kind { NoticeKind::Info => "notice notice-info", NoticeKind::Warning => "notice notice-warning" };
                    view! {
                        <div class=class role="status" data-testid="notice">
                            <p>{move || n.render(i18n)}</p>
                            <button type="button" class="link-button" on:click=move |_| state.notices.update(|v| { if i < v.len() { v.remove(i); } })>
                                {move || i18n.t("notice.dismiss")}
                            </button>
                        </div>
                    }
                }
            </For>
            <p class="current-dossier muted">
                {move || i18n.t("dossier.current")}" "<strong data-testid="current-dossier">{dossier_name}</strong>
                " · "<a href=Route::Dossiers.to_hash()>{move || i18n.t("dossier.manage")}</a>
            </p>
        </div>
    }
}
