//! Where a referential a trainer brought comes from (SPEC §13): « France compétences, RNCP,
//! Licence Ouverte 2.0, export du <date> », the fiche's number, its page on
//! francecompetences.fr, when it was saved here, and what the trainer changed from the fiche, in
//! words; and each block's list as the fiche wrote it, to read beside the split.

use crate::core::custom::brought::{SOURCE_FILE, SOURCE_PASTED};
use crate::core::custom::{Brought, Provenance};
use crate::ui::i18n::use_i18n;
use crate::ui::router::anchor_id;
use crate::ui::state::brought_saved_at;
use leptos::prelude::*;

/// The locale key saying where a referential that is not a fiche of the export comes from.
fn source_key(p: &Provenance) -> &'static str {
    match p.source.as_str() {
        SOURCE_PASTED => "provenance.pasted",
        SOURCE_FILE => "provenance.file",
        _ => "provenance.other",
    }
}

/// The provenance of a brought referential, and the trainer's edits.
#[component]
pub fn ProvenanceBox(b: &'static Brought) -> impl IntoView {
    let i18n = use_i18n();
    let p = &b.provenance;
    let line = move || {
        p.line(i18n.lang.get())
            .unwrap_or_else(|| i18n.t(source_key(p)).to_owned())
    };
    let saved = brought_saved_at(&b.referential.id)
        .and_then(|s| s.get(..10))
        .map(str::to_owned);
    let edits = p
        .edits
        .iter()
        .map(|e| view! { <li lang="fr">{move || e.describe(i18n.lang.get())}</li> })
        .collect_view();
    let edited = !p.edits.is_empty();
    view! {
        <section id=anchor_id("provenance") tabindex="-1" class="provenance" data-testid="provenance" aria-labelledby="provenance-title">
            <h2 id="provenance-title">{move || i18n.t("provenance.title")}</h2>
            <p data-testid="provenance-line">{line}</p>
            <dl class="provenance-facts">
                {p.fiche.clone().map(|fiche| view! {
                    <dt>{move || i18n.t("provenance.fiche")}</dt>
                    <dd class="code" data-testid="provenance-fiche">{fiche}</dd>
                })}
                {p.url.clone().map(|url| view! {
                    <dt>{move || i18n.t("provenance.page")}</dt>
                    <dd><a href=url.clone() rel="noopener noreferrer external" data-testid="provenance-link">{url.clone()}</a></dd>
                })}
                {saved.map(|d| view! {
                    <dt>{move || i18n.t("provenance.saved")}</dt>
                    <dd><time datetime=d.clone()>{d.clone()}</time></dd>
                })}
            </dl>
            <h3>{move || i18n.t("provenance.edits")}</h3>
            {if edited {
                view! { <ol class="provenance-edits" data-testid="provenance-edits">{edits}</ol> }.into_any()
            } else {
                view! { <p data-testid="provenance-no-edits">{move || i18n.t("provenance.no_edits")}</p> }.into_any()
            }}
        </section>
    }
}

/// Block `block`'s list of competences as the fiche wrote it, when the referential kept it.
#[component]
pub fn RawList(b: &'static Brought, block: String) -> impl IntoView {
    let i18n = use_i18n();
    b.provenance
        .raw_lists
        .iter()
        .find(|l| l.block == block)
        .map(|l| {
            view! {
                <details class="raw-list" data-testid="raw-list" data-block=block.clone()>
                    <summary>{move || i18n.t("provenance.raw_list")}</summary>
                    <p lang="fr">{l.text.clone()}</p>
                </details>
            }
        })
}

/// The provenance in one line, for printed pages: « France compétences, RNCP, Licence Ouverte
/// 2.0, export du 03/06/2025 · RNCP38812 · <its page> ».
#[component]
pub fn ProvenanceLine(b: &'static Brought) -> impl IntoView {
    let i18n = use_i18n();
    let p = &b.provenance;
    let line = move || {
        p.line(i18n.lang.get())
            .unwrap_or_else(|| i18n.t(source_key(p)).to_owned())
    };
    view! {
        <span data-testid="provenance-line">{line}</span>
        {p.fiche.clone().map(|f| view! { " · "<span class="code" data-testid="provenance-fiche">{f}</span> })}
        {p.url.clone().map(|u| view! { " · "<a href=u.clone() rel="noopener noreferrer external">{u.clone()}</a> })}
    }
}
