//! Detailed positioning: every rated item of one referential, grouped as in the seed, with the
//! descriptors, criteria and knowledge that help decide, evidence notes and block shortcuts.

use crate::core::answers::full_id;
use crate::core::dossier::Change;
use crate::core::model::{Group, Item, Referential, Scale};
use crate::core::route::Route;
use crate::ui::components::fields::RichText;
use crate::ui::components::group_heading::GroupHeading;
use crate::ui::components::not_found::NotFound;
use crate::ui::components::page_head::{AssessHeader, HeadText, PageHead};
use crate::ui::components::reveal::Reveal;
use crate::ui::components::scale::{item_choices, LevelRadios};
use crate::ui::i18n::use_i18n;
use crate::ui::router::anchor_id;
use crate::ui::state::catalog;
use crate::ui::state::use_app_state;
use leptos::prelude::*;

#[component]
pub fn AssessPage(id: Option<String>) -> impl IntoView {
    match id {
        None => view! { <Chooser/> }.into_any(),
        Some(id) => match catalog().referential(&id) {
            Some(r) => view! { <AssessReferential r=r/> }.into_any(),
            None => {
                let msg = use_i18n().t_with("notfound.unknown_ref", &[("id", &id)]);
                view! { <NotFound message=Some(msg)/> }.into_any()
            }
        },
    }
}

/// Rated items of `r` answered directly in the current dossier.
fn answered_count(state: crate::ui::state::AppState, ids: &[String]) -> usize {
    state.dossier.with(|d| {
        ids.iter()
            .filter(|id| d.answers.items.contains_key(*id))
            .count()
    })
}

#[component]
fn Chooser() -> impl IntoView {
    let i18n = use_i18n();
    let state = use_app_state();
    crate::ui::router::focus_after_render(None);
    let rows = catalog()
        .referentials
        .iter()
        .map(|r| {
            let ids: Vec<String> = r.rated_items().iter().map(|i| full_id(&r.id, &i.item.id)).collect();
            let total = ids.len();
            let done = Memo::new(move |_| answered_count(state, &ids));
            view! {
                <li class="card">
                    <h2 lang="fr"><a href=Route::Assess { id: Some(r.id.clone()), anchor: None }.to_hash()>{r.title.clone()}</a></h2>
                    <p class="card-meta">{move || i18n.t_with("assess.progress", &[("n", &done.get().to_string()), ("total", &total.to_string())])}</p>
                    <progress max=total.to_string() value=move || done.get().to_string() aria-hidden="true"></progress>
                </li>
            }
        })
        .collect_view();
    view! {
        <section>
            <PageHead route=Route::Assess { id: None, anchor: None }/>
            <ul class="cards">{rows}</ul>
        </section>
    }
}

#[component]
fn AssessReferential(r: &'static Referential) -> impl IntoView {
    let i18n = use_i18n();
    let state = use_app_state();
    let route = expect_context::<ReadSignal<Route>>();
    let anchor = Memo::new(move |_| match route.get() {
        Route::Assess { anchor, .. } => anchor,
        _ => None,
    });
    // The top-level groups appear one per frame; a deep link's group, and those before it, at once.
    let section_of = move |a: &str| {
        r.groups
            .iter()
            .filter(|g| g.has_rated())
            .position(|g| g.holds(a))
    };
    let sections = r.groups.iter().filter(|g| g.has_rated()).count();
    let reveal = Reveal::following(sections, anchor, section_of);
    Effect::new(move |_| {
        crate::ui::router::focus_after_render(anchor.get().map(|a| anchor_id(&a)))
    });
    let ids: Vec<String> = r
        .rated_items()
        .iter()
        .map(|i| full_id(&r.id, &i.item.id))
        .collect();
    let total = ids.len();
    let done = Memo::new(move |_| answered_count(state, &ids));
    view! {
        <article class="assess" data-testid="assess" data-referential=r.id.clone() aria-busy=move || (!reveal.complete()).then_some("true")>
            <PageHead route=Route::Assess { id: Some(r.id.clone()), anchor: None }/>
            {(!catalog().is_bundled(&r.id)).then(|| view! { <AssessHeader t=HeadText::of_referential(r)/> })}
            <div class="progress-bar sticky-progress">
                <label for="assess-progress">{move || i18n.t_with("assess.progress", &[("n", &done.get().to_string()), ("total", &total.to_string())])}</label>
                <progress id="assess-progress" max=total.to_string() value=move || done.get().to_string()></progress>
                <crate::ui::components::live::LiveResult referential=r.id.clone()/>
                <a class="button" href=Route::Results.to_hash()>{move || i18n.t("quick.see_results")}</a>
            </div>
            {r.groups.iter().filter(|g| g.has_rated()).enumerate().map(|(i, g)| view! {
                <Show when=move || reveal.shows(i)><AssessGroup r=r g=g depth=2/></Show>
            }).collect_view()}
        </article>
    }
}

#[component]
fn AssessGroup(r: &'static Referential, g: &'static Group, depth: u8) -> AnyView {
    let i18n = use_i18n();
    let state = use_app_state();
    let ids: Vec<String> = g
        .rated_items()
        .iter()
        .map(|i| full_id(&r.id, &i.id))
        .collect();
    let total = ids.len();
    let ids_for_count = ids.clone();
    let done = Memo::new(move |_| answered_count(state, &ids_for_count));
    let heading_id = format!("assess-group-{}", g.id);
    let h = view! { <GroupHeading r g depth id=heading_id.clone()/> };
    let max = if r.scale == Scale::Ecf { 5 } else { 4 };
    let (bulk, set_bulk) = signal(String::new());
    let select_id = format!("bulk-{}", g.id);
    let apply_bulk = move |_| {
        if let Ok(level) = bulk.get_untracked().parse::<u8>() {
            let pending: Vec<String> = state.dossier.with_untracked(|d| {
                ids.iter()
                    .filter(|id| !d.answers.items.contains_key(*id))
                    .cloned()
                    .collect()
            });
            state.change_many(
                pending
                    .into_iter()
                    .map(|id| Change::SetItem(id, Some(level)))
                    .collect(),
            );
        }
    };
    view! {
        <section class=format!("group depth-{depth}") id=anchor_id(&g.id) tabindex="-1" aria-labelledby=heading_id
            data-testid="assess-group" data-group=g.id.clone()>
            {h}
            <p class="group-progress" data-testid="group-progress">{move || i18n.t_with("assess.progress", &[("n", &done.get().to_string()), ("total", &total.to_string())])}</p>
            {(total > 1 && !g.items.is_empty()).then(|| view! {
                <div class="bulk">
                    <label for=select_id.clone()>{move || i18n.t("assess.bulk_label")}</label>
                    <select id=select_id on:change=move |ev| set_bulk.set(event_target_value(&ev))>
                        <option value="">{move || i18n.t("assess.bulk_choose")}</option>
                        {(0..=max).map(|l| view! { <option value=l.to_string()>{l.to_string()}</option> }).collect_view()}
                    </select>
                    <button type="button" class="secondary" on:click=apply_bulk>{move || i18n.t("assess.bulk_apply")}</button>
                </div>
            })}
            {(!g.items.is_empty()).then(|| view! {
                <ul class="items">{g.items.iter().filter(|i| i.rated).map(|it| view! { <AssessItem r=r item=it/> }).collect_view()}</ul>
            })}
            {g.groups.iter().filter(|s| s.has_rated()).map(|s| view! { <AssessGroup r=r g=s depth=depth + 1/> }).collect_view()}
        </section>
    }
    .into_any()
}

#[component]
fn AssessItem(r: &'static Referential, item: &'static Item) -> impl IntoView {
    let i18n = use_i18n();
    let state = use_app_state();
    let fid = full_id(&r.id, &item.id);
    let (fid3, fid4) = (fid.clone(), fid.clone());
    let (value, on_change) = state.item_level(&fid);
    let evidence = Signal::derive(move || {
        state.dossier.with(|d| {
            d.answers
                .items
                .get(&fid3)
                .map(|a| a.evidence.clone())
                .unwrap_or_default()
        })
    });
    let status = Memo::new(move |_| state.item_status(&fid4));
    let dom = format!("a-{}", item.id.replace('.', "-"));
    let status_id = format!("{dom}-status");
    let evidence_id = format!("{dom}-evidence");
    let legend = move || {
        view! {
            <span class="code">{item.id.clone()}</span>" "
            <span lang="fr" class="legend-title">{item.label().to_owned()}</span>
        }
    };
    let fid5 = fid.clone();
    view! {
        <li class="item assess-item" id=anchor_id(&item.id) tabindex="-1" data-testid="assess-item" data-item=fid.clone()>
            {item.title.is_some().then(|| view! {
                <details class="help"><summary>{move || i18n.t("assess.description")}</summary><RichText text=item.text.clone()/></details>
            })}
            <LevelRadios name=dom.clone() legend=legend choices=item_choices(r, item, i18n) value=value on_change=on_change describedby=status_id.clone()/>
            <p class=move || format!("level-status {}", status.get().css()) id=status_id data-testid="level-status">{move || status.get().describe(i18n)}</p>
            {(!item.criteria.is_empty()).then(|| view! {
                <details class="help"><summary>{move || i18n.t("ref.criteria")}</summary>
                    {item.criteria.iter().map(|c| view! { <div class="criterion"><span class="code">{c.id.clone()}</span><RichText text=c.text.clone()/></div> }).collect_view()}
                </details>
            })}
            {(!item.codes.is_empty()).then(|| view! {
                <details class="help"><summary>{move || i18n.t("ref.codes")}</summary>
                    <ul lang="fr">{item.codes.iter().map(|c| view! { <li><span class="code">{c.code.clone()}</span>" "{c.label.clone()}</li> }).collect_view()}</ul>
                </details>
            })}
            {(!item.fields.is_empty()).then(|| view! {
                <details class="help"><summary>{move || i18n.t("assess.more")}</summary><crate::ui::components::fields::FieldList fields=item.fields.clone()/></details>
            })}
            <details class="evidence" open=move || !evidence.get().is_empty()>
                <summary>{move || i18n.t("assess.evidence")}</summary>
                <label for=evidence_id.clone() class="visually-hidden">{move || i18n.t("assess.evidence")}</label>
                <textarea id=evidence_id rows="3" maxlength="2000" prop:value=move || evidence.get()
                    disabled=move || value.get().is_none()
                    placeholder=move || if value.get().is_none() { i18n.t("assess.evidence_needs_level") } else { i18n.t("assess.evidence_placeholder") }
                    on:change=move |ev| state.change(Change::SetEvidence(fid5.clone(), event_target_value(&ev)))></textarea>
            </details>
        </li>
    }
}
