//! The top of a page (breadcrumb, title, lead paragraph), which the shell can draw before the
//! page's chunk arrives (SPEC §11): `lazy::lazy_view` shows it while the chunk loads and the page
//! draws the same component, so what a visitor reads first comes with the main module and stays
//! where it is when the rest of the page arrives. Its text comes from the locale files and the
//! outline (`core::outline`), never from the catalog, which is in the pages' chunks.

use crate::core::model::Scale;
use crate::core::outline::{self, ReferentialOutline};
use crate::core::route::Route;
use crate::ui::chunks::Page;
use crate::ui::components::labels::kind_key;
use crate::ui::i18n::use_i18n;
use leptos::prelude::*;
use std::rc::Rc;

/// A referential's page: the way back home, its kind, title, summary, source and rated count.
#[component]
fn ReferentialHead(r: &'static ReferentialOutline) -> impl IntoView {
    let i18n = use_i18n();
    let rated = r.rated.len().to_string();
    view! {
        <p class="breadcrumb"><a href=Route::Home.to_hash()>{move || i18n.t("ref.back")}</a></p>
        <header class="page-header">
            <p class="badge">{move || i18n.t(kind_key(r.kind))}</p>
            <h1 tabindex="-1" lang="fr">{r.title}</h1>
            <p class="lead" lang="fr">{r.summary}</p>
            <p class="muted">{move || i18n.t("ref.source")}": "<span lang="fr">{r.source}</span>
                " · "{move || i18n.t_with("ref.rated_count", &[("n", &rated)])}</p>
        </header>
    }
}

/// The detailed positioning of a referential: the way back to the choice, title and instructions.
#[component]
fn AssessHead(r: &'static ReferentialOutline) -> impl IntoView {
    let i18n = use_i18n();
    let intro = if r.scale == Scale::Ecf {
        "assess.intro_ecf"
    } else {
        "assess.intro"
    };
    view! {
        <p class="breadcrumb"><a href=Route::Assess { id: None, anchor: None }.to_hash()>{move || i18n.t("assess.back")}</a></p>
        <h1 tabindex="-1"><span>{move || i18n.t("assess.title")}" : "</span><span lang="fr">{r.title}</span></h1>
        <p class="lead">{move || i18n.t(intro)}</p>
    }
}

/// A title, and the paragraph that says what the page is for.
#[component]
fn TitledHead(title: &'static str, lead: Option<&'static str>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <h1 tabindex="-1">{move || i18n.t(title)}</h1>
        {lead.map(|lead| view! { <p class="lead">{move || i18n.t(lead)}</p> })}
    }
}

/// The top of a page, chosen once per route (`head`), so that the frame and the page cannot
/// disagree on a title or a lead.
#[derive(Clone, Copy)]
enum Head {
    Referential(&'static ReferentialOutline),
    Assess(&'static ReferentialOutline),
    Titled(&'static str, Option<&'static str>),
}

impl Head {
    fn view(self) -> AnyView {
        match self {
            Head::Referential(r) => view! { <ReferentialHead r=r/> }.into_any(),
            Head::Assess(r) => view! { <AssessHead r=r/> }.into_any(),
            Head::Titled(title, lead) => view! { <TitledHead title=title lead=lead/> }.into_any(),
        }
    }
}

/// `None` for the pages whose top depends on the dossier or the link (report, record, shared
/// view), for an unknown referential (its page says so), and for the pages that are not chunks.
fn head(route: &Route) -> Option<Head> {
    let titled = |title, lead| Some(Head::Titled(title, lead));
    match route {
        Route::Referential { id, .. } => outline::referential(id).map(Head::Referential),
        Route::Assess { id: Some(id), .. } => outline::referential(id).map(Head::Assess),
        Route::Assess { id: None, .. } => {
            titled("assess.choose_title", Some("assess.choose_intro"))
        }
        Route::Quick => titled("quick.title", Some("quick.intro")),
        Route::Dossiers => titled("dossier.title", Some("dossier.intro")),
        Route::Cohort => titled("cohort.title", Some("cohort.intro")),
        Route::Results => titled("results.title", Some("results.intro")),
        Route::Search { .. } => titled("search.title", None),
        Route::Home
        | Route::Report
        | Route::Record { .. }
        | Route::Shared { .. }
        | Route::NotFound(_) => None,
    }
}

/// What the shell shows of `route`'s page while its chunk loads.
pub fn frame_head(route: &Route) -> Option<Page> {
    let head = head(route)?;
    Some(Rc::new(move || head.view()))
}

/// The top of the page at `route`, as the shell showed it while the page's chunk loaded.
#[component]
pub fn PageHead(route: Route) -> impl IntoView {
    head(&route).map(Head::view)
}
