//! The quick diagnostic: the 28 pivot skills by family on the generic 0–4 scale (SPEC §4).

use crate::core::dossier::Change;
use crate::core::model::{PivotFamily, PivotSkill};
use crate::core::route::Route;
use crate::ui::components::reveal::Reveal;
use crate::ui::components::scale::{generic_choices, LevelRadios};
use crate::ui::i18n::use_i18n;
use crate::ui::state::catalog;
use crate::ui::state::use_app_state;
use leptos::prelude::*;

#[component]
pub fn QuickPage() -> impl IntoView {
    let i18n = use_i18n();
    let state = use_app_state();
    crate::ui::router::focus_after_render(None);
    let total = catalog().pivots.skills().count();
    let answered = Memo::new(move |_| state.dossier.with(|d| d.answers.quick.len()));
    // The first family comes with the page, the others one per frame (`ui::reveal`).
    let families = &catalog().pivots.families;
    let reveal = Reveal::new(families.len(), 1);
    let families = families
        .iter()
        .enumerate()
        .map(|(i, f)| view! { <Show when=move || reveal.shows(i)><Family family=f/></Show> })
        .collect_view();
    view! {
        <section class="quick" aria-busy=move || (!reveal.complete()).then_some("true")>
            <crate::ui::components::page_head::PageHead route=Route::Quick/>
            <div class="progress-bar sticky-progress">
                <label for="quick-progress">{move || i18n.t_with("quick.progress", &[("n", &answered.get().to_string()), ("total", &total.to_string())])}</label>
                <progress id="quick-progress" max=total.to_string() value=move || answered.get().to_string()></progress>
                <crate::ui::components::live::LiveResult/>
                <a class="button" href=Route::Results.to_hash()>{move || i18n.t("quick.see_results")}</a>
            </div>
            {families}
            <p class="next-step"><a class="button" href=Route::Results.to_hash()>{move || i18n.t("quick.see_results")}</a></p>
        </section>
    }
}

/// One family of pivot skills, under its heading.
#[component]
fn Family(family: &'static PivotFamily) -> impl IntoView {
    let i18n = use_i18n();
    let heading_id = format!("family-{}", family.id);
    view! {
        <section class="family" aria-labelledby=heading_id.clone()>
            <h2 id=heading_id.clone()>{move || family.label.get(i18n.lang.get()).to_owned()}</h2>
            {family.skills.iter().map(|skill| view! { <Skill skill=skill/> }).collect_view()}
        </section>
    }
}

/// A pivot skill: its level on the generic scale, and what it covers.
#[component]
fn Skill(skill: &'static PivotSkill) -> impl IntoView {
    let i18n = use_i18n();
    let state = use_app_state();
    let id = &skill.id;
    let value = Signal::derive(move || state.dossier.with(|d| d.answers.quick.get(id).copied()));
    let on_change =
        Callback::new(move |v: Option<u8>| state.change(Change::SetQuick(id.clone(), v)));
    let desc_id = format!("quick-desc-{id}");
    let legend = move || view! { <span class="legend-title">{skill.label.get(i18n.lang.get()).to_owned()}</span> };
    view! {
        <div class="quick-skill" data-testid="quick-skill" data-pivot=id.clone()>
            <LevelRadios name=format!("quick-{id}") legend=legend
                choices=generic_choices(|k| i18n.t(k)) value=value on_change=on_change
                describedby=desc_id.clone()/>
            <p class="muted skill-desc" id=desc_id>{move || skill.description.get(i18n.lang.get()).to_owned()}</p>
        </div>
    }
}
