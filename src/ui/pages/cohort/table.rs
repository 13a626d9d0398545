//! The candidates table: per profile, each candidate's fit (with its bar), readiness and
//! completeness, sortable by any column and by name, with the group's averages and a button to
//! remove each row.

use crate::core::cohort::{self, Candidate, Column, Direction, Figure, Sort};
use crate::core::i18n::{percent, tr, tr_with, Lang};
use crate::ui::components::results::profile_title;
use crate::ui::i18n::use_i18n;
use crate::ui::state::model;
use leptos::prelude::*;
use std::sync::Arc;

fn ratio_attr(x: f64) -> String {
    format!("{x:.3}")
}

fn aria_sort(sort: Sort, column: Column) -> Option<&'static str> {
    sort.direction_of(column).map(|d| match d {
        Direction::Ascending => "ascending",
        Direction::Descending => "descending",
    })
}

/// A header button that sorts the table by `column`.
#[component]
fn SortButton(
    sort: RwSignal<Sort>,
    column: Column,
    #[prop(into)] label: Signal<String>,
    #[prop(optional)] hidden: Option<String>,
    data_sort: &'static str,
    #[prop(optional)] referential: Option<String>,
) -> impl IntoView {
    let arrow = move || match sort.get().direction_of(column) {
        Some(Direction::Ascending) => "▲",
        Some(Direction::Descending) => "▼",
        None => "↕",
    };
    view! {
        <button type="button" class="cohort-sort" data-testid="cohort-sort" data-sort=data_sort data-referential=referential
            on:click=move |_| sort.update(|s| *s = s.toggled(column))>
            {move || label.get()}
            {hidden.map(|h| view! { <span class="visually-hidden" lang="fr">{h}</span> })}
            <span class="cohort-arrow" aria-hidden="true">{arrow}</span>
        </button>
    }
}

/// The three figures of one profile for a candidate or the average: fit (with its bar),
/// readiness and completeness. `average` switches the test ids to the average row's.
fn figure_cells(lang: Lang, id: &str, f: Figure, average: bool) -> impl IntoView {
    let (fit_id, readiness_id, completeness_id) = if average {
        (
            "cohort-average-score",
            "cohort-average-readiness",
            "cohort-average-completeness",
        )
    } else {
        ("cohort-score", "cohort-readiness", "cohort-completeness")
    };
    // The bar under the fit is a background (decoration): one element per cell.
    // Through the CSSOM (`style=(name, value)`): the CSP blocks inline style attributes.
    let bar = format!("{:.3}", f.fit.clamp(0.0, 1.0));
    view! {
        <td class="cohort-num cohort-score" data-testid=fit_id data-referential=id.to_owned()
            data-score=ratio_attr(f.fit) style=("--bar", bar)>{percent(lang, f.fit)}</td>
        <td class="cohort-num cohort-readiness" data-testid=readiness_id data-referential=id.to_owned()
            data-readiness=ratio_attr(f.readiness)>{percent(lang, f.readiness)}</td>
        <td class="cohort-num cohort-completeness" data-testid=completeness_id data-referential=id.to_owned()
            data-completeness=ratio_attr(f.completeness)>{percent(lang, f.completeness)}</td>
    }
}

/// The second header row: per profile, its three figures, each a sort button.
fn figure_heads(sort: RwSignal<Sort>, ids: &[String]) -> impl IntoView {
    let i18n = use_i18n();
    let heads = |p: usize| {
        [
            (Column::Fit(p), "score", "cohort.fit"),
            (Column::Readiness(p), "readiness", "cohort.readiness"),
            (
                Column::Completeness(p),
                "completeness",
                "cohort.completeness",
            ),
        ]
    };
    ids.iter()
        .enumerate()
        .flat_map(|(p, id)| {
            heads(p).map(|(column, data_sort, key)| {
                let label = Signal::derive(move || i18n.t(key).to_owned());
                let hidden = format!(" — {}", profile_title(p));
                view! {
                    <th scope="col" aria-sort=move || aria_sort(sort.get(), column)>
                        <SortButton sort=sort column=column data_sort=data_sort referential=id.clone() label=label hidden=hidden/>
                    </th>
                }
            })
        })
        .collect_view()
}

/// One candidate: name and file, the figures per profile, and the button that removes the row.
fn candidate_row(
    lang: Lang,
    c: &Candidate,
    ids: &[String],
    remove: Callback<u64>,
) -> impl IntoView {
    let cells = c
        .profiles
        .iter()
        .zip(ids)
        .map(|(f, id)| figure_cells(lang, id, *f, false))
        .collect_view();
    let key = c.key;
    view! {
        <tr data-testid="cohort-row" data-name=c.name.clone() data-key=key>
            <th scope="row" class="cohort-name">
                <span class="cohort-candidate">{c.name.clone()}</span>
                <span class="cohort-file">{c.file_name.clone()}</span>
            </th>
            {cells}
            <td>
                <button type="button" class="link-button" data-testid="cohort-remove"
                    aria-label=tr_with(lang, "cohort.remove_label", &[("name", &c.name)])
                    on:click=move |_| remove.run(key)>{tr(lang, "cohort.remove")}</button>
            </td>
        </tr>
    }
}

#[component]
pub(super) fn ProfileTable(
    visible: Memo<Vec<Arc<Candidate>>>,
    avg: Memo<Option<cohort::Averages>>,
    sort: RwSignal<Sort>,
    remove: Callback<u64>,
) -> impl IntoView {
    let i18n = use_i18n();
    let nprof = model().profiles().len();
    let ids: Vec<String> = model().profiles().iter().map(|p| p.id.clone()).collect();
    let cols = (0..nprof)
        .map(|_| view! { <colgroup span="3"></colgroup> })
        .collect_view();
    let group_heads = (0..nprof)
        .map(|p| view! { <th scope="colgroup" colspan="3" lang="fr" class="cohort-profile-head">{profile_title(p)}</th> })
        .collect_view();
    let sub_heads = figure_heads(sort, &ids);
    let ids_rows = ids.clone();
    let average_row = move || {
        let lang = i18n.lang.get();
        avg.get().map(|a| {
            let cells = a
                .profiles
                .iter()
                .zip(&ids)
                .map(|(f, id)| figure_cells(lang, id, *f, true))
                .collect_view();
            view! {
                <tr class="cohort-average" data-testid="cohort-average" data-count=a.count>
                    <th scope="row">{tr_with(lang, "cohort.average", &[("n", &a.count.to_string())])}</th>
                    {cells}
                    <td></td>
                </tr>
            }
        })
    };
    view! {
        <section class="cohort-section" aria-labelledby="cohort-table-title">
            <h2 id="cohort-table-title" tabindex="-1">{i18n.text("cohort.table_title")}</h2>
            <div class="table-scroll cohort-scroll">
                <table class="cohort-table" data-testid="cohort-table">
                    <caption>{i18n.text("cohort.table_caption")}</caption>
                    <colgroup span="1"></colgroup>
                    {cols}
                    <colgroup span="1"></colgroup>
                    <thead>
                        <tr>
                            <th scope="col" rowspan="2" class="cohort-name-head" aria-sort=move || aria_sort(sort.get(), Column::Name)>
                                <SortButton sort=sort column=Column::Name data_sort="name"
                                    label=Signal::derive(move || i18n.t("cohort.candidate").to_owned())/>
                            </th>
                            {group_heads}
                            <th scope="col" rowspan="2">{i18n.text("cohort.actions")}</th>
                        </tr>
                        <tr>{sub_heads}</tr>
                    </thead>
                    <tbody>
                        <For each=move || { let lang = i18n.lang.get(); visible.get().into_iter().map(move |c| (c, lang)).collect::<Vec<_>>() }
                            key=|(c, lang)| (c.key, *lang)
                            children=move |(c, lang)| candidate_row(lang, &c, &ids_rows, remove)/>
                    </tbody>
                    <tfoot>{average_row}</tfoot>
                </table>
            </div>
            <Show when=move || visible.with(Vec::is_empty)>
                <p class="notice notice-info" data-testid="cohort-no-match">{i18n.text("cohort.no_match")}</p>
            </Show>
        </section>
    }
}
