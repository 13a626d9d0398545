//! Results (SPEC §5, §10): the ranking by fit with readiness and completeness, each profession's
//! detail, the pivot-skill chart with its table, block readiness, gaps and recommendations
//! (`components::results`), Départager above the ranking when professions are too close to call
//! (`results::tiebreak`), the embed's « Transmettre » and the share link.

use crate::core::route::Route;
use crate::ui::components::page_head::PageHead;
use crate::ui::components::results::tiebreak::{provide_tiebreak, TiebreakPanel};
use crate::ui::components::results::{
    BlocksWithinReach, Gaps, PivotChart, Ranking, Recommendations,
};
use crate::ui::components::reveal::Reveal;
use crate::ui::components::share_panel::SharePanel;
use crate::ui::embed::transmit::TransmitPanel;
use crate::ui::i18n::use_i18n;
use crate::ui::router::focus_after_render;
use crate::ui::state::use_app_state;
use leptos::prelude::*;

#[component]
pub fn ResultsPage() -> impl IntoView {
    let i18n = use_i18n();
    let state = use_app_state();
    focus_after_render(None);
    provide_tiebreak();
    let empty = move || state.dossier.with(|d| d.answers.is_empty());
    // The ranking comes with the page; the chart, the advice, the blocks, the gaps and the panels
    // one per frame after it (`ui::reveal`).
    let reveal = Reveal::new(6, 1);
    let later = move |i: usize, section: fn() -> AnyView| view! { <Show when=move || reveal.shows(i)>{section()}</Show> };
    view! {
        <section class="results-page" aria-busy=move || (!reveal.complete()).then_some("true")>
            <PageHead route=Route::Results/>
            <Show when=empty>
                <p class="notice notice-info">{i18n.text("results.empty")}</p>
            </Show>
            <p class="actions">
                <a class="button" href=Route::Quick.to_hash()>{i18n.text("results.go_quick")}</a>" "
                <a class="button secondary" href=Route::Assess { id: None, anchor: None }.to_hash()>{i18n.text("results.go_assess")}</a>" "
                <a class="button secondary" href=Route::Report.to_hash()>{i18n.text("nav.report")}</a>" "
                <a class="button secondary" href=Route::Record { id: None }.to_hash() data-testid="record-link">{i18n.text("record.link")}</a>
            </p>
            <TiebreakPanel/>
            <Ranking/>
            {later(1, || view! { <PivotChart/> }.into_any())}
            {later(2, || view! { <Recommendations/> }.into_any())}
            {later(3, || view! { <BlocksWithinReach/> }.into_any())}
            {later(4, || view! { <Gaps/> }.into_any())}
            {later(5, || view! { <TransmitPanel/><SharePanel/> }.into_any())}
        </section>
    }
}
