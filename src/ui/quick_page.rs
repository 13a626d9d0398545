//! The quick diagnostic: the 28 pivot skills by family on the generic 0–4 scale (SPEC §4).

use super::i18n::use_i18n;
use super::reveal::Reveal;
use super::scale::{generic_choices, LevelRadios};
use super::state::use_app_state;
use crate::core::catalog::catalog;
use crate::core::dossier::Change;
use crate::core::route::Route;
use leptos::prelude::*;

#[component]
pub fn QuickPage() -> impl IntoView {
    let i18n = use_i18n();
    let state = use_app_state();
    super::router::focus_after_render(None);
    let total = catalog().pivots.skills().count();
    let answered = Memo::new(move |_| state.dossier.with(|d| d.answers.quick.len()));
    // The first family comes with the page, the others one per frame (`ui::reveal`).
    let families = &catalog().pivots.families;
    let reveal = Reveal::new(families.len(), 1);
    let families = families
        .iter()
        .enumerate()
        .map(|(i, f)| {
            let family = move || {
                let skills = f
                    .skills
                    .iter()
                    .map(|s| {
                        let id = s.id.clone();
                        let id2 = s.id.clone();
                        let value = Signal::derive(move || state.dossier.with(|d| d.answers.quick.get(&id).copied()));
                        let on_change = Callback::new(move |v: Option<u8>| state.change(Change::SetQuick(id2.clone(), v)));
                        let desc_id = format!("quick-desc-{}", s.id);
                        let legend = move || view! { <span class="legend-title">{s.label.get(i18n.lang.get()).to_owned()}</span> };
                        view! {
                            <div class="quick-skill" data-testid="quick-skill" data-pivot=s.id.clone()>
                                <LevelRadios name=format!("quick-{}", s.id) legend=legend
                                    choices=generic_choices(|k| i18n.t(k)) value=value on_change=on_change
                                    describedby=desc_id.clone()/>
                                <p class="muted skill-desc" id=desc_id>{move || s.description.get(i18n.lang.get()).to_owned()}</p>
                            </div>
                        }
                    })
                    .collect_view();
                view! {
                    <section class="family" aria-labelledby=format!("family-{}", f.id)>
                        <h2 id=format!("family-{}", f.id)>{move || f.label.get(i18n.lang.get()).to_owned()}</h2>
                        {skills}
                    </section>
                }
            };
            view! { <Show when=move || reveal.shows(i)>{family()}</Show> }
        })
        .collect_view();
    view! {
        <section class="quick" aria-busy=move || (!reveal.complete()).then_some("true")>
            <super::page_head::TitledHead title="quick.title" lead=Some("quick.intro")/>
            <div class="progress-bar sticky-progress">
                <label for="quick-progress">{move || i18n.t_with("quick.progress", &[("n", &answered.get().to_string()), ("total", &total.to_string())])}</label>
                <progress id="quick-progress" max=total.to_string() value=move || answered.get().to_string()></progress>
                <super::results_page::LiveScore/>
                <a class="button" href=Route::Results.to_hash()>{move || i18n.t("quick.see_results")}</a>
            </div>
            {families}
            <p class="next-step"><a class="button" href=Route::Results.to_hash()>{move || i18n.t("quick.see_results")}</a></p>
        </section>
    }
}
