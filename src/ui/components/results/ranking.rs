//! The ranking by fit (SPEC §5, §10 hooks), with what its figures mean.

use super::meter::Meter;
use super::profile_details::ProfileDetails;
use super::source::{profile_title, results};
use crate::core::i18n::percent;
use crate::core::route::Route;
use crate::core::scoring::tiebreak::leaders;
use crate::ui::components::reveal::Reveal;
use crate::ui::i18n::use_i18n;
use crate::ui::state::model;
use leptos::prelude::*;

/// What the three figures mean, in one plain sentence each.
#[component]
fn FigureHelp() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <dl class="figure-help" data-testid="figure-help">
            <dt>{i18n.text("results.fit")}</dt><dd>{i18n.text("results.fit_help")}</dd>
            <dt>{i18n.text("results.readiness")}</dt><dd>{i18n.text("results.readiness_help")}</dd>
            <dt>{i18n.text("results.completeness")}</dt><dd>{i18n.text("results.completeness_help")}</dd>
        </dl>
    }
}

/// The ranking table (SPEC §10 hooks); `details` adds each profession's unfoldable detail.
#[component]
pub fn Ranking(#[prop(default = true)] details: bool) -> impl IntoView {
    let i18n = use_i18n();
    let evaluation = results();
    let rows = move || {
        let lang = i18n.lang.get();
        evaluation.with(|e| {
            // SPEC §5.1: professions within the margin of the first are shown as close, not as a
            // clean 1, 2.
            let close = Some(leaders(e)).filter(|l| l.len() > 1).unwrap_or_default();
            e.ranked()
                .enumerate()
                .map(|(rank, p)| {
                    let id = model().profiles()[p.profile].id.clone();
                    let href = Route::Referential { id: id.clone(), anchor: None }.to_hash();
                    let is_close = close.contains(&p.profile);
                    // « ≈ 1 » for each of them; screen readers hear « 1, à égalité approximative ».
                    let shown_rank = if is_close { 1 } else { rank + 1 };
                    let marker = is_close.then_some("≈ ");
                    let spoken = is_close.then(|| view! { <span class="visually-hidden">{i18n.t("tiebreak.rank_close")}</span> });
                    view! {
                        <tr data-testid="match-row" data-referential=id.clone()
                            data-score=format!("{:.3}", p.fit) data-readiness=format!("{:.3}", p.readiness)
                            data-completeness=format!("{:.3}", p.completeness)
                            class:close-group=is_close data-close=is_close.then_some("true")>
                            <td><span aria-hidden="true">{marker}</span>{shown_rank}{spoken}</td>
                            <th scope="row" lang="fr"><a href=href>{profile_title(p.profile)}</a></th>
                            <td><Meter ratio=p.fit/></td>
                            <td>{percent(lang, p.readiness)}</td>
                            <td>{percent(lang, p.completeness)}</td>
                        </tr>
                    }
                })
                .collect_view()
        })
    };
    let close_note = move || {
        evaluation.with(|e| leaders(e).len() > 1).then(|| {
            view! { <p class="ranking-close-note" data-testid="ranking-close">{i18n.t("tiebreak.rank_close_note")}</p> }
        })
    };
    // The details follow the ranking. They are rebuilt only when the order changes, which answers
    // given on other pages do (a keyed list would keep an open one open, at a cost in code size).
    let ranking = Memo::new(move |_| evaluation.with(|e| e.ranking.clone()));
    // They come a frame after the table: the page's first render stays short.
    let reveal = Reveal::new(if details { 2 } else { 1 }, 1);
    view! {
        <section aria-labelledby="ranking-title">
            <h2 id="ranking-title">{i18n.text("results.ranking")}</h2>
            <FigureHelp/>
            {details.then(|| view! { <p class="muted">{i18n.text("results.ranking_help")}</p> })}
            <div class="table-scroll">
                <table class="ranking">
                    <thead><tr>
                        <th scope="col">{i18n.text("results.rank")}</th>
                        <th scope="col">{i18n.text("results.profile")}</th>
                        <th scope="col">{i18n.text("results.fit")}</th>
                        <th scope="col">{i18n.text("results.readiness")}</th>
                        <th scope="col">{i18n.text("results.completeness")}</th>
                    </tr></thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
            {close_note}
            {details.then_some(move || reveal.shows(1).then(|| ranking.get().into_iter().map(|p| view! { <ProfileDetails profile=p/> }).collect_view()))}
        </section>
    }
}
