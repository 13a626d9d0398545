use crate::core::outline;
use crate::core::route::Route;
use crate::ui::components::labels::kind_key;
use crate::ui::i18n::use_i18n;
use crate::ui::state::StateSlot;
use leptos::prelude::*;

#[component]
pub fn HomePage() -> impl IntoView {
    let i18n = use_i18n();
    crate::ui::router::focus_after_render(None);
    // The outline, not the catalog: the home page is in the first load, the catalog is not.
    let cards = outline::REFERENTIALS
        .iter()
        .map(|r| {
            let href = Route::Referential { id: r.id.to_owned(), anchor: None }.to_hash();
            let title = r.title;
            let title2 = r.title;
            let summary = r.summary;
            let kind = r.kind;
            let rated = r.rated.len().to_string();
            view! {
                <li class="card" data-testid="referential-card" data-referential=r.id>
                    <p class="badge">{move || i18n.t(kind_key(kind))}</p>
                    <h3 lang="fr"><a href=href.clone()>{title}</a></h3>
                    <p class="card-summary" lang="fr">{summary}</p>
                    <p class="card-meta">{move || i18n.t_with("home.rated_count", &[("n", &rated)])}</p>
                    <p><a class="button" href=href aria-label=move || i18n.t_with("home.explore", &[("title", title2)])>{move || i18n.t("nav.explore")}</a></p>
                </li>
            }
        })
        .collect_view();
    view! {
        <section class="hero">
            <h1 tabindex="-1">{move || i18n.t("home.title")}</h1>
            <p class="lead">{move || i18n.t("home.intro")}</p>
            <p class="privacy">{move || i18n.t("home.privacy")}</p>
        </section>
        <section aria-labelledby="home-refs">
            <h2 id="home-refs">{move || i18n.t("home.referentials")}</h2>
            <ul class="cards">{cards}</ul>
        </section>
        <p><a href=Route::Search { query: String::new() }.to_hash()>{move || i18n.t("home.search_cta")}</a></p>
        <BroughtList/>
    }
}

/// « Vos référentiels »: those a trainer brought into this browser (SPEC §13), once the state's
/// chunk has read their titles. Last on the page, so that nothing above it moves when it comes.
#[component]
fn BroughtList() -> impl IntoView {
    let i18n = use_i18n();
    let slot = expect_context::<StateSlot>();
    let listed = move || {
        slot.state
            .get()
            .map(|s| s.brought_list.get())
            .unwrap_or_default()
    };
    move || {
        let list = listed();
        (!list.is_empty()).then(|| {
            let cards = list
                .into_iter()
                .map(|r| {
                    let href = Route::Referential { id: r.id.clone(), anchor: None }.to_hash();
                    let rated = r.rated.to_string();
                    let kind = r.kind.map(kind_key).unwrap_or("home.brought_kind");
                    let title = r.title.clone();
                    let explore = move || i18n.t_with("home.explore", &[("title", &title)]);
                    view! {
                        <li class="card" data-testid="brought-card" data-referential=r.id.clone()>
                            <p class="badge">{move || i18n.t(kind)}</p>
                            <h3 lang="fr"><a href=href.clone()>{r.title.clone()}</a></h3>
                            <p class="card-summary" lang="fr">{r.summary.clone()}</p>
                            <p class="card-meta">{move || i18n.t_with("home.rated_count", &[("n", &rated)])}</p>
                            <p><a class="button" href=href aria-label=explore>{move || i18n.t("nav.explore")}</a></p>
                        </li>
                    }
                })
                .collect_view();
            view! {
                <section aria-labelledby="home-brought" data-testid="home-brought">
                    <h2 id="home-brought">{move || i18n.t("home.brought")}</h2>
                    <p class="muted">{move || i18n.t("home.brought_help")}</p>
                    <ul class="cards">{cards}</ul>
                </section>
            }
        })
    }
}
