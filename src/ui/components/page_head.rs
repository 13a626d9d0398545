//! The top of a page (breadcrumb, title, lead paragraph), which the shell can draw before the
//! page's chunk arrives (SPEC §11): `lazy::lazy_view` shows it while the chunk loads and the page
//! draws the same component, so what a visitor reads first comes with the main module and stays
//! where it is when the rest of the page arrives. Its text comes from the locale files and the
//! outline (`core::outline`), never from the catalog, which is in the pages' chunks.

use crate::core::dossier::valid_id;
use crate::core::model::{Referential, ReferentialKind, Scale};
use crate::core::outline::{self, ReferentialOutline};
use crate::core::route::Route;
use crate::ui::chunks::Page;
use crate::ui::components::labels::kind_key;
use crate::ui::i18n::use_i18n;
use leptos::prelude::*;
use std::rc::Rc;

/// What the top of a referential's pages shows of it: from the outline for the five (in the
/// main module), from the catalog for one a trainer brought (SPEC §13), drawn by its page.
#[derive(Clone, Copy)]
pub struct HeadText {
    pub kind: ReferentialKind,
    pub scale: Scale,
    pub title: &'static str,
    pub summary: &'static str,
    pub source: &'static str,
    pub rated: usize,
}

impl HeadText {
    /// A referential a trainer brought, from the catalog (only its page calls this).
    pub fn of_referential(r: &'static Referential) -> HeadText {
        HeadText {
            kind: r.kind,
            scale: r.scale,
            title: &r.title,
            summary: &r.summary,
            source: &r.source,
            rated: r.rated_items().len(),
        }
    }

    fn of_outline(r: &'static ReferentialOutline) -> HeadText {
        HeadText {
            kind: r.kind,
            scale: r.scale,
            title: r.title,
            summary: r.summary,
            source: r.source,
            rated: r.rated.len(),
        }
    }
}

/// The way back home, on a referential's page.
#[component]
fn HomeCrumb() -> impl IntoView {
    let i18n = use_i18n();
    view! { <p class="breadcrumb"><a href=Route::Home.to_hash()>{move || i18n.t("ref.back")}</a></p> }
}

/// The way back to the choice of a referential, on the detailed positioning.
#[component]
fn AssessCrumb() -> impl IntoView {
    let i18n = use_i18n();
    view! { <p class="breadcrumb"><a href=Route::Assess { id: None, anchor: None }.to_hash()>{move || i18n.t("assess.back")}</a></p> }
}

/// A referential's kind, title, summary, source and rated count (below its breadcrumb).
#[component]
pub fn ReferentialHeader(t: HeadText) -> impl IntoView {
    let i18n = use_i18n();
    let rated = t.rated.to_string();
    view! {
        <header class="page-header">
            <p class="badge">{move || i18n.t(kind_key(t.kind))}</p>
            <h1 tabindex="-1" lang="fr">{t.title}</h1>
            <p class="lead" lang="fr">{t.summary}</p>
            <p class="muted">{move || i18n.t("ref.source")}": "<span lang="fr">{t.source}</span>
                " · "{move || i18n.t_with("ref.rated_count", &[("n", &rated)])}</p>
        </header>
    }
}

/// The detailed positioning's title and instructions for a referential (below its breadcrumb).
#[component]
pub fn AssessHeader(t: HeadText) -> impl IntoView {
    let i18n = use_i18n();
    let intro = if t.scale == Scale::Ecf {
        "assess.intro_ecf"
    } else {
        "assess.intro"
    };
    view! {
        <h1 tabindex="-1"><span>{move || i18n.t("assess.title")}" : "</span><span lang="fr">{t.title}</span></h1>
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
    /// A referential a trainer brought (SPEC §13): the main module does not know its title, so
    /// the way back only; its page draws the rest below (`ReferentialHeader`, `AssessHeader`).
    BroughtReferential,
    BroughtAssess,
    Titled(&'static str, Option<&'static str>),
}

impl Head {
    fn view(self) -> AnyView {
        match self {
            Head::Referential(r) => view! {
                <HomeCrumb/><ReferentialHeader t=HeadText::of_outline(r)/>
            }
            .into_any(),
            Head::Assess(r) => view! {
                <AssessCrumb/><AssessHeader t=HeadText::of_outline(r)/>
            }
            .into_any(),
            Head::BroughtReferential => view! { <HomeCrumb/> }.into_any(),
            Head::BroughtAssess => view! { <AssessCrumb/> }.into_any(),
            Head::Titled(title, lead) => view! { <TitledHead title=title lead=lead/> }.into_any(),
        }
    }
}

/// Whether `id` may name a referential a trainer brought (a valid id, no bundled one's): only
/// the state, once loaded, knows whether it does.
pub fn may_be_brought(id: &str) -> bool {
    valid_id(id) && outline::referential(id).is_none()
}

/// `None` for the pages whose top depends on the dossier or the link (report, record, shared
/// view), for an id no referential can have (its page says so), and for the pages that are not
/// chunks.
fn head(route: &Route) -> Option<Head> {
    let titled = |title, lead| Some(Head::Titled(title, lead));
    match route {
        Route::Referential { id, .. } => match outline::referential(id) {
            Some(r) => Some(Head::Referential(r)),
            None => may_be_brought(id).then_some(Head::BroughtReferential),
        },
        Route::Assess { id: Some(id), .. } => match outline::referential(id) {
            Some(r) => Some(Head::Assess(r)),
            None => may_be_brought(id).then_some(Head::BroughtAssess),
        },
        Route::Assess { id: None, .. } => {
            titled("assess.choose_title", Some("assess.choose_intro"))
        }
        Route::Quick => titled("quick.title", Some("quick.intro")),
        Route::Dossiers => titled("dossier.title", Some("dossier.intro")),
        Route::Cohort => titled("cohort.title", Some("cohort.intro")),
        Route::ImportReferential => titled("ref_import.title", Some("ref_import.intro")),
        Route::Results => titled("results.title", Some("results.intro")),
        Route::Search { .. } => titled("search.title", None),
        Route::Home
        | Route::Report
        | Route::Record { .. }
        | Route::Shared { .. }
        | Route::SharedReferential { .. }
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
