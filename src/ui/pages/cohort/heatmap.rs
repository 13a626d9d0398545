//! The heatmap: each candidate's level on each pivot skill, the number printed in each cell, a
//! legend, and the group's mean levels.

use crate::core::cohort::{self, Candidate};
use crate::core::i18n::{tr, tr_with, Lang};
use crate::core::numbers::one_decimal;
use crate::ui::i18n::use_i18n;
use crate::ui::state::catalog;
use crate::ui::state::model;
use leptos::prelude::*;
use std::sync::Arc;

fn pivot_label(index: usize, lang: Lang) -> &'static str {
    catalog().pivot_label(&model().pivot_ids()[index], lang)
}

fn level_class(level: Option<u8>) -> &'static str {
    match level {
        None => "cohort-lvl cohort-lvl-none",
        Some(0) => "cohort-lvl cohort-lvl-0",
        Some(1) => "cohort-lvl cohort-lvl-1",
        Some(2) => "cohort-lvl cohort-lvl-2",
        Some(3) => "cohort-lvl cohort-lvl-3",
        Some(4) => "cohort-lvl cohort-lvl-4",
        Some(_) => "cohort-lvl cohort-lvl-5",
    }
}

fn unknown_cell(lang: Lang) -> impl IntoView {
    view! {
        <span aria-hidden="true">"–"</span>
        <span class="visually-hidden">{tr(lang, "cohort.unknown")}</span>
    }
}

/// What each colour means: the levels of the generic scale, the e-CF's fifth, and no level.
fn legend(lang: Lang) -> impl IntoView {
    let mut items: Vec<(Option<u8>, String)> = (0..=4u8)
        .map(|l| {
            (
                Some(l),
                format!("{l} — {}", tr(lang, &format!("scale.{l}"))),
            )
        })
        .collect();
    items.push((Some(5), format!("5 — {}", tr(lang, "cohort.level_ecf5"))));
    items.push((None, format!("– — {}", tr(lang, "cohort.unknown"))));
    items
        .into_iter()
        .map(|(l, text)| {
            let swatch = l.map(|l| l.to_string()).unwrap_or_else(|| "–".into());
            view! {
                <li><span class=format!("cohort-swatch {}", level_class(l)) aria-hidden="true">{swatch}</span>" "{text}</li>
            }
        })
        .collect_view()
}

#[component]
pub(super) fn Heatmap(
    visible: Memo<Vec<Arc<Candidate>>>,
    avg: Memo<Option<cohort::Averages>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let npiv = model().pivot_ids().len();
    let heads = move || {
        let lang = i18n.lang.get();
        (0..npiv)
            .map(|p| {
                view! {
                    <th scope="col" class="cohort-pivot-head" data-pivot=model().pivot_ids()[p].clone()>
                        <span class="cohort-vertical">{pivot_label(p, lang)}</span>
                    </th>
                }
            })
            .collect_view()
    };
    let legend = move || legend(i18n.lang.get());
    let mean_row = move || {
        let lang = i18n.lang.get();
        avg.get().map(|a| {
            let cells = a
                .pivots
                .iter()
                .enumerate()
                .map(|(p, m)| match m {
                    Some(m) => view! {
                        <td class=level_class(Some(m.floor() as u8)) data-mean=format!("{m:.3}") data-pivot=model().pivot_ids()[p].clone()>{one_decimal(lang, *m)}</td>
                    }
                    .into_any(),
                    None => view! { <td class=level_class(None)>{unknown_cell(lang)}</td> }.into_any(),
                })
                .collect_view();
            view! {
                <tr class="cohort-average" data-testid="heatmap-average">
                    <th scope="row">{tr_with(lang, "cohort.mean_levels", &[("n", &a.count.to_string())])}</th>
                    {cells}
                </tr>
            }
        })
    };
    view! {
        <section class="cohort-section" aria-labelledby="cohort-heatmap-title">
            <h2 id="cohort-heatmap-title">{i18n.text("cohort.heatmap_title")}</h2>
            <p class="muted">{i18n.text("cohort.heatmap_help")}</p>
            <h3 id="cohort-legend-title" class="cohort-legend-title">{i18n.text("cohort.legend")}</h3>
            <ul class="cohort-legend" aria-labelledby="cohort-legend-title">{legend}</ul>
            <div class="table-scroll cohort-scroll" tabindex="0" role="region" aria-labelledby="cohort-heatmap-caption">
                <table class="cohort-heatmap" data-testid="cohort-heatmap">
                    <caption id="cohort-heatmap-caption">{i18n.text("cohort.heatmap_caption")}</caption>
                    <thead><tr>
                        <th scope="col" class="cohort-name-head">{i18n.text("cohort.candidate")}</th>
                        {heads}
                    </tr></thead>
                    <tbody>
                        <For each=move || { let lang = i18n.lang.get(); visible.get().into_iter().map(move |c| (c, lang)).collect::<Vec<_>>() }
                            key=|(c, lang)| (c.key, *lang)
                            children=move |(c, lang)| {
                                let cells = c.pivots.iter().map(|&l| match l {
                                    Some(l) => view! { <td class=level_class(Some(l)) data-level=l>{l}</td> }.into_any(),
                                    None => view! { <td class=level_class(None)>{unknown_cell(lang)}</td> }.into_any(),
                                }).collect_view();
                                view! {
                                    <tr data-testid="heatmap-row" data-name=c.name.clone()>
                                        <th scope="row" class="cohort-name">{c.name.clone()}</th>
                                        {cells}
                                    </tr>
                                }
                            }/>
                    </tbody>
                    <tfoot>{mean_row}</tfoot>
                </table>
            </div>
        </section>
    }
}
