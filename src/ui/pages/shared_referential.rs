//! A referential link opened (SPEC §13 b; `components::brought_delivery` makes it): the file it
//! carries is inflated by the browser, checked like an imported file, shown, and added to this
//! browser's referentials when the candidate (or trainer) asks. A damaged link, or a file that
//! breaks the rules, says so in plain French and nothing is stored.

use crate::core::custom::file::import_referential;
use crate::core::custom::link::{self, LinkError};
use crate::core::custom::{Brought, MAX_FILE_BYTES};
use crate::core::exchange::ImportFailure;
use crate::core::route::Route;
use crate::ui::i18n::use_i18n;
use crate::ui::router::focus_after_render;
use crate::ui::state::bytes::{inflate_raw, BytesError};
use crate::ui::state::{brought, use_app_state};
use leptos::prelude::*;
use leptos::task::spawn_local;

/// What opening the link gave.
#[derive(Clone)]
enum Opened {
    Reading,
    Link(LinkError),
    /// The browser cannot inflate (no `DecompressionStream`).
    Unsupported,
    File(ImportFailure),
    Ready(Box<Brought>),
}

async fn open(payload: &str) -> Opened {
    let packed = match link::open(payload) {
        Ok(p) => p,
        Err(e) => return Opened::Link(e),
    };
    let file = match inflate_raw(&packed.deflated, MAX_FILE_BYTES).await {
        Ok(f) => f,
        Err(BytesError::Unavailable) => return Opened::Unsupported,
        Err(_) => return Opened::Link(LinkError::Damaged),
    };
    if let Err(e) = packed.check(&file) {
        return Opened::Link(e);
    }
    match import_referential(&file) {
        Ok(b) => Opened::Ready(Box::new(b)),
        Err(f) => Opened::File(f),
    }
}

/// The page of a referential link.
#[component]
pub fn SharedReferentialPage(payload: String) -> impl IntoView {
    let i18n = use_i18n();
    focus_after_render(None);
    let opened = RwSignal::new(Opened::Reading);
    spawn_local(async move {
        let o = open(&payload).await;
        let _ = opened.try_set(o);
    });
    let body = move || match opened.get() {
        Opened::Reading => {
            view! { <p role="status">{i18n.t("referential_link.reading")}</p> }.into_any()
        }
        Opened::Link(e) => problem(vec![i18n.t(e.code()).to_owned()]),
        Opened::Unsupported => problem(vec![i18n.t("referential_link.unsupported").to_owned()]),
        Opened::File(f) => {
            let lang = i18n.lang.get();
            let mut lines = vec![i18n.t("referential_link.invalid").to_owned()];
            lines.extend(f.problems.iter().map(|p| p.render(lang)));
            problem(lines)
        }
        Opened::Ready(b) => view! { <Offer b=*b/> }.into_any(),
    };
    view! {
        <section class="shared-referential" data-testid="shared-referential">
            <h1 tabindex="-1">{move || i18n.t("referential_link.title")}</h1>
            {body}
        </section>
    }
}

fn problem(lines: Vec<String>) -> AnyView {
    let i18n = use_i18n();
    view! {
        <div class="notice notice-error" role="alert" data-testid="referential-link-error">
            {lines.into_iter().map(|l| view! { <p>{l}</p> }).collect_view()}
        </div>
        <p><a href=Route::Home.to_hash()>{move || i18n.t("notfound.back")}</a></p>
    }
    .into_any()
}

/// Where adding it stands.
#[derive(Clone, PartialEq)]
enum Step {
    Idle,
    /// A referential with this id is stored here already, different: replace it?
    Confirm,
    Added,
    Failed(Vec<String>),
}

/// The referential the link carries, and « Ajouter ce référentiel ».
#[component]
fn Offer(b: Brought) -> impl IntoView {
    let i18n = use_i18n();
    let state = use_app_state();
    let id = b.referential.id.clone();
    let same = brought(&id).is_some_and(|held| *held == b);
    let step = RwSignal::new(if same { Step::Added } else { Step::Idle });
    let rated = b.referential.rated_items().len().to_string();
    let blocks = b.referential.blocks.len().to_string();
    let provenance = b.provenance.line(i18n.lang.get_untracked());
    let item_list = b
        .referential
        .groups
        .iter()
        .map(|g| {
            let title = if g.title.is_empty() {
                g.id.clone()
            } else {
                g.title.clone()
            };
            let items = g
                .rated_items()
                .into_iter()
                .map(|i| view! { <li lang="fr">{i.text.clone()}</li> })
                .collect_view();
            view! { <li><span lang="fr">{title}</span><ul>{items}</ul></li> }
        })
        .collect_view();
    let title = b.referential.title.clone();
    let b = StoredValue::new(b);
    let save = move || {
        let outcome = state.save_brought(b.get_value());
        step.set(match outcome {
            Ok(_) => Step::Added,
            Err(p) => Step::Failed(p.messages(i18n.lang.get_untracked())),
        });
    };
    let add = {
        let id = id.clone();
        move |_| {
            if state.stored_brought_ids().contains(&id) {
                step.set(Step::Confirm);
            } else {
                save();
            }
        }
    };
    let assess = Route::Assess {
        id: Some(id.clone()),
        anchor: None,
    }
    .to_hash();
    let page = Route::Referential {
        id: id.clone(),
        anchor: None,
    }
    .to_hash();
    let outcome = move || {
        match step.get() {
        Step::Idle => ().into_any(),
        Step::Confirm => view! {
            <div class="notice notice-warning" role="alert" data-testid="referential-link-confirm">
                <p>{i18n.t("referential_link.replace_question")}</p>
                <p class="actions">
                    <button type="button" class="primary" data-testid="referential-link-replace" on:click=move |_| save()>{i18n.t("referential_link.replace")}</button>
                    <button type="button" class="secondary" on:click=move |_| step.set(Step::Idle)>{i18n.t("referential_link.cancel")}</button>
                </p>
            </div>
        }
        .into_any(),
        Step::Added => view! {
            <p class="notice notice-info" role="status" data-testid="referential-link-added">{i18n.t("referential_link.added")}</p>
        }
        .into_any(),
        Step::Failed(lines) => view! {
            <div class="notice notice-error" role="alert">{lines.into_iter().map(|l| view! { <p>{l}</p> }).collect_view()}</div>
        }
        .into_any(),
    }
    };
    view! {
        <p class="lead" lang="fr" data-testid="referential-link-title" data-referential=id.clone()>{title}</p>
        {provenance.map(|p| view! { <p class="muted">{p}</p> })}
        <p>{move || i18n.t_with("referential_link.summary", &[("rated", &rated), ("blocks", &blocks)])}</p>
        <p class="actions">
            <button type="button" class="primary" data-testid="referential-link-add"
                disabled=move || step.get() == Step::Added on:click=add>{move || i18n.t("referential_link.add")}</button>
        </p>
        {outcome}
        <p class="actions" hidden=move || step.get() != Step::Added>
            <a class="button primary" href=assess data-testid="referential-link-assess">{move || i18n.t("referential_link.assess")}</a>
            " "
            <a href=page>{move || i18n.t("referential_link.open")}</a>
        </p>
        <details>
            <summary>{move || i18n.t("referential_link.items")}</summary>
            <ul>{item_list}</ul>
        </details>
    }
}
