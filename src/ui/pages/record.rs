//! « Positionnement à l'entrée » (`#/positionnement-entree/<referential>`): the printable record
//! of a candidate's positioning against one referential, as training organisations must keep it
//! (Qualiopi's entry positioning): who, when, which referential and its official codes, every
//! item per block or group with level, target, answered or estimated and evidence, the blocks
//! within reach, signature boxes, and the app version and data fingerprint that trace it. The
//! content is `core::record`; A4 print rules are at the end of `style/main.css`.

use crate::core::i18n::{percent, Lang};
use crate::core::model::Referential;
use crate::core::record::{fingerprint, record, Record, Section};
use crate::core::route::Route;
use crate::ui::components::provenance::ProvenanceLine;
use crate::ui::i18n::use_i18n;
use crate::ui::state::{brought, catalog};
use crate::ui::state::{model, status_view, use_app_state, ItemStatusView};
use leptos::prelude::*;

#[component]
pub fn RecordPage(id: Option<String>) -> impl IntoView {
    crate::ui::router::focus_after_render(None);
    match id {
        None => view! { <Chooser/> }.into_any(),
        Some(id) => match catalog().referential(&id) {
            Some(r) => view! { <RecordOf r=r/> }.into_any(),
            None => view! { <crate::ui::components::not_found::NotFound message=None/> }.into_any(),
        },
    }
}

#[component]
fn Chooser() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <section class="record-chooser">
            <h1 tabindex="-1">{move || i18n.t("record.title")}</h1>
            <p>{move || i18n.t("record.choose")}</p>
            <ul>
                {catalog().referentials.iter().map(|r| view! {
                    <li><a href=Route::Record { id: Some(r.id.clone()) }.to_hash() lang="fr">{r.title.clone()}</a></li>
                }).collect_view()}
            </ul>
        </section>
    }
}

/// Today in the UI language, e.g. « 23/11/2026 ».
fn today(lang: Lang) -> String {
    let locale = if lang == Lang::Fr { "fr-FR" } else { "en-GB" };
    js_sys::Date::new_0()
        .to_locale_date_string(locale, &wasm_bindgen::JsValue::UNDEFINED)
        .into()
}

#[component]
fn RecordOf(r: &'static Referential) -> impl IntoView {
    let i18n = use_i18n();
    let state = use_app_state();
    let name = move || state.dossier.with(|d| d.name.clone());
    let rec = Memo::new(move |_| {
        state
            .evaluation
            .with(|eval| state.dossier.with(|d| record(model(), eval, r, &d.answers)))
    });
    let kind = crate::ui::components::labels::kind_key(r.kind);
    let codes = r
        .codes
        .iter()
        .map(|c| {
            view! {
                <li data-testid="record-code" data-code=format!("{} {}", c.system, c.code)>
                    <span class="code">{format!("{} {}", c.system, c.code)}</span>" — "<span lang="fr">{c.label.clone()}</span>
                </li>
            }
        })
        .collect_view();
    let has_codes = !r.codes.is_empty();
    let blocks = r
        .blocks
        .iter()
        .map(|b| view! { <li><span class="code">{b.id.clone()}</span>" — "<span lang="fr">{b.title.clone()}</span></li> })
        .collect_view();
    let has_blocks = !r.blocks.is_empty();
    let trace = move || {
        i18n.t_with(
            "record.trace",
            &[
                ("version", env!("CARGO_PKG_VERSION")),
                ("id", &r.id),
                ("data_version", &r.version.to_string()),
                ("fingerprint", &fingerprint(r)),
            ],
        )
    };
    let summary = move || {
        rec.with(|x| {
            x.as_ref().map(|x| {
                let lang = i18n.lang.get();
                format!(
                    "{} · {}",
                    i18n.t_with("record.readiness", &[("p", &percent(lang, x.readiness))]),
                    i18n.t_with(
                        "record.completeness",
                        &[("p", &percent(lang, x.completeness))]
                    )
                )
            })
        })
    };
    let sections = move || {
        rec.with(|x| {
            x.as_ref().map(|x| {
                x.sections
                    .iter()
                    .cloned()
                    .map(|s| view! { <SectionTable s=s/> })
                    .collect_view()
            })
        })
    };
    view! {
        <article class="record" data-testid="record" data-referential=r.id.clone()>
            <div class="no-print report-tools">
                <button type="button" class="primary" data-testid="record-print" on:click=move |_| { let _ = window().print(); }>
                    {move || i18n.t("record.print")}
                </button>
                <a href=Route::Record { id: None }.to_hash()>{move || i18n.t("record.choose")}</a>
            </div>
            <header class="record-header">
                <p class="muted">{move || i18n.t("app.name")}" — "{move || i18n.t("app.tagline")}</p>
                <h1 tabindex="-1">{move || i18n.t("record.title")}</h1>
                <dl class="record-meta">
                    <dt>{move || i18n.t("record.candidate")}</dt>
                    <dd data-testid="record-name">{name}</dd>
                    <dt>{move || i18n.t("record.date")}</dt>
                    <dd data-testid="record-date">{move || today(i18n.lang.get())}</dd>
                    <dt>{move || i18n.t("record.referential")}</dt>
                    <dd><span lang="fr">{r.title.clone()}</span>" ("{move || i18n.t(kind)}")"</dd>
                    <dt>{move || i18n.t("record.source")}</dt>
                    <dd lang="fr">{r.source.clone()}</dd>
                    {brought(&r.id).map(|b| view! {
                        <dt>{move || i18n.t("provenance.title")}</dt>
                        <dd data-testid="record-provenance"><ProvenanceLine b=b/></dd>
                    })}
                    <dt>{move || i18n.t("record.codes")}</dt>
                    <dd>
                        {if has_codes {
                            view! { <ul class="record-codes">{codes}</ul> }.into_any()
                        } else {
                            view! { <p>{move || i18n.t("record.no_codes")}</p> }.into_any()
                        }}
                    </dd>
                    {has_blocks.then(|| view! {
                        <dt>{move || i18n.t("record.blocks")}</dt>
                        <dd><ul class="record-codes">{blocks}</ul></dd>
                    })}
                </dl>
                <p class="record-intro">{move || i18n.t("record.intro")}</p>
                <p class="record-summary" data-testid="record-summary">{summary}</p>
            </header>
            {sections}
            {has_blocks.then(|| view! { <ReadyBlocks rec=rec/> })}
            <section class="record-signatures" aria-labelledby="record-signatures-title">
                <h2 id="record-signatures-title">{move || i18n.t("record.signatures")}</h2>
                <div class="signature-boxes">
                    <div class="signature-box" data-testid="signature-candidate">
                        <p><strong>{move || i18n.t("record.sign_candidate")}</strong></p>
                        <p class="muted">{move || i18n.t("record.sign_hint")}</p>
                    </div>
                    <div class="signature-box" data-testid="signature-trainer">
                        <p><strong>{move || i18n.t("record.sign_trainer")}</strong></p>
                        <p class="muted">{move || i18n.t("record.sign_hint")}</p>
                    </div>
                </div>
            </section>
            <p class="muted record-trace" data-testid="record-trace">{trace}</p>
        </article>
    }
}

#[component]
fn SectionTable(s: Section) -> impl IntoView {
    let i18n = use_i18n();
    let state = use_app_state();
    let heading = format!("record-section-{}", s.id);
    let labelledby = heading.clone();
    let verdict = s.ready.map(|ready| {
        move || {
            if ready {
                i18n.t("record.block_ready")
            } else {
                i18n.t("record.block_not_ready")
            }
        }
    });
    let readiness = s.readiness;
    let rows = s
        .rows
        .into_iter()
        .map(|row| {
            let status = move || {
                let view = state.evaluation.with(|e| status_view(e, row.item));
                match &view {
                    ItemStatusView::Answered(_) => i18n.t("record.answered").to_owned(),
                    ItemStatusView::Estimated { .. } => i18n.t_with("record.estimated", &[("from", &view.sources(i18n))]),
                    ItemStatusView::Unknown => i18n.t("record.unknown").to_owned(),
                }
            };
            view! {
                <tr data-testid="record-row" data-item=row.id.clone()>
                    <th scope="row"><span class="code">{row.id.clone()}</span>" "<span lang="fr">{row.label.clone()}</span></th>
                    <td class="num">{row.level}</td>
                    <td class="num">{row.target}</td>
                    <td>{status}</td>
                    <td class="evidence-text">{row.evidence.clone()}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <section class="record-section" data-testid="record-section" data-section=s.id.clone() aria-labelledby=labelledby>
            <h2 id=heading><span class="code">{s.id.clone()}</span>" "<span lang="fr">{s.title.clone()}</span></h2>
            <p>
                {move || i18n.t_with("record.readiness", &[("p", &percent(i18n.lang.get(), readiness))])}
                {verdict.map(|v| view! { " · "<strong data-testid="record-verdict">{v}</strong> })}
            </p>
            <table class="record-table">
                <thead>
                    <tr>
                        <th scope="col">{move || i18n.t("record.col.item")}</th>
                        <th scope="col">{move || i18n.t("record.col.level")}</th>
                        <th scope="col">{move || i18n.t("record.col.target")}</th>
                        <th scope="col">{move || i18n.t("record.col.status")}</th>
                        <th scope="col">{move || i18n.t("record.col.evidence")}</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </section>
    }
}

#[component]
fn ReadyBlocks(rec: Memo<Option<Record>>) -> impl IntoView {
    let i18n = use_i18n();
    let ready = move || {
        rec.with(|x| {
            x.as_ref()
                .map(|x| {
                    x.sections
                        .iter()
                        .filter(|s| s.ready == Some(true))
                        .map(|s| (s.id.clone(), s.title.clone()))
                        .collect::<Vec<_>>()
                })
                .unwrap_or_default()
        })
    };
    view! {
        <section class="record-ready" aria-labelledby="record-ready-title">
            <h2 id="record-ready-title">{move || i18n.t("record.ready_blocks")}</h2>
            {move || {
                let list = ready();
                if list.is_empty() {
                    view! { <p data-testid="record-ready-none">{move || i18n.t("record.none_ready")}</p> }.into_any()
                } else {
                    view! {
                        <ul data-testid="record-ready">
                            {list.into_iter().map(|(id, title)| {
                                let block = id.clone();
                                view! { <li data-block=block><span class="code">{id}</span>" "<span lang="fr">{title}</span></li> }
                            }).collect_view()}
                        </ul>
                    }.into_any()
                }
            }}
        </section>
    }
}
