//! A printable report (SPEC §7): name, date, ranking, chart, blocks, gaps and, if wanted, the
//! evidence notes; `window.print()` lets the browser save it as PDF. Layout in the print CSS.

use crate::ui::components::results::{describe_item, BlocksWithinReach, Gaps, PivotChart, Ranking};
use crate::ui::i18n::use_i18n;
use crate::ui::state::use_app_state;
use leptos::prelude::*;

#[component]
pub fn ReportPage() -> impl IntoView {
    let i18n = use_i18n();
    let state = use_app_state();
    crate::ui::router::focus_after_render(None);
    let (with_evidence, set_with_evidence) = signal(true);
    let name = move || state.dossier.with(|d| d.name.clone());
    let date = {
        let d = js_sys::Date::new_0();
        let locale = move || {
            if i18n.lang.get() == crate::core::i18n::Lang::Fr {
                "fr-FR"
            } else {
                "en-GB"
            }
        };
        move || String::from(d.to_locale_date_string(locale(), &wasm_bindgen::JsValue::UNDEFINED))
    };
    let evidence = move || {
        state.dossier.with(|d| {
            d.answers
                .items
                .iter()
                .filter(|(_, a)| !a.evidence.trim().is_empty())
                .map(|(id, a)| {
                    let (rtitle, code, label) = describe_item(id);
                    view! {
                        <li class="evidence-entry">
                            <p><span class="code">{code}</span>" "<span lang="fr">{label}</span>
                                <span class="muted">" — "<span lang="fr">{rtitle}</span>" · "{i18n.t_with("status.answered", &[("l", &a.level.to_string())])}</span></p>
                            <p class="evidence-text">{a.evidence.clone()}</p>
                        </li>
                    }
                })
                .collect_view()
        })
    };
    let has_evidence = move || {
        state.dossier.with(|d| {
            d.answers
                .items
                .values()
                .any(|a| !a.evidence.trim().is_empty())
        })
    };
    view! {
        <article class="report" data-testid="report">
            <div class="no-print report-tools">
                <button type="button" class="primary" data-testid="print" on:click=move |_| { let _ = window().print(); }>
                    {move || i18n.t("report.print")}
                </button>
                <label class="checkbox">
                    <input type="checkbox" prop:checked=move || with_evidence.get()
                        on:change=move |ev| set_with_evidence.set(event_target_checked(&ev))/>
                    {move || i18n.t("report.with_evidence")}
                </label>
            </div>
            <header class="report-header">
                <p class="muted">{move || i18n.t("app.name")}" — "{move || i18n.t("app.tagline")}</p>
                <h1 tabindex="-1">{move || i18n.t("report.title")}" : "<span data-testid="report-name">{name}</span></h1>
                <p>{move || i18n.t_with("report.date", &[("date", &date())])}</p>
            </header>
            <Ranking details=false/>
            <PivotChart/>
            <BlocksWithinReach/>
            <Gaps/>
            <Show when=move || with_evidence.get() && has_evidence()>
                <section aria-labelledby="evidence-title" class="report-evidence">
                    <h2 id="evidence-title">{move || i18n.t("report.evidence")}</h2>
                    <ul>{evidence}</ul>
                </section>
            </Show>
            <p class="muted report-footer">{move || i18n.t("report.footer")}</p>
        </article>
    }
}
