//! Results (SPEC §5, §10): the ranking by fit with readiness and completeness, each profession's
//! detail (`results_detail`), the pivot-skill chart with its table, block readiness, gaps and
//! recommendations.

use super::i18n::{use_i18n, I18n};
use super::results_detail::ProfileDetails;
use super::reveal::Reveal;
use super::state::{model, use_app_state};
use crate::core::answers::split_full_id;
use crate::core::catalog::catalog;
use crate::core::i18n::percent;
use crate::core::numbers::percent_number;
use crate::core::route::Route;
use crate::core::scoring::{Evaluation, PivotSource, BEST_FITS, DEFAULT_RECOMMENDATIONS};
use leptos::prelude::*;

const TOP_GAPS: usize = 10;

/// The evaluation the result components show: the active dossier's, unless a page (the
/// read-only view of a share link) provides another one.
#[derive(Clone, Copy)]
pub struct ResultsSource(pub Memo<Evaluation>);

pub(super) fn results() -> Memo<Evaluation> {
    use_context::<ResultsSource>()
        .map(|r| r.0)
        .unwrap_or_else(|| use_app_state().evaluation)
}

/// `(referential title, item code, item label)` of a full item id.
pub(super) fn describe_item(full_id: &str) -> (String, String, String) {
    match catalog().item(full_id) {
        Some((r, item)) => (r.title.clone(), item.id.clone(), item.label().to_owned()),
        None => {
            let (_, code) = split_full_id(full_id).unwrap_or(("", full_id));
            (String::new(), code.to_owned(), String::new())
        }
    }
}

/// The title of profile `index` of the scoring model, as the referential names itself.
pub(super) fn profile_title(index: usize) -> String {
    let id = &model().profiles()[index].id;
    catalog()
        .referential(id)
        .map(|r| r.title.clone())
        .unwrap_or_else(|| id.clone())
}

#[component]
pub fn ResultsPage() -> impl IntoView {
    let i18n = use_i18n();
    let state = use_app_state();
    super::router::focus_after_render(None);
    let empty = move || state.dossier.with(|d| d.answers.is_empty());
    // The ranking comes with the page; the chart, the advice, the blocks, the gaps and the panels
    // one per frame after it (`ui::reveal`).
    let reveal = Reveal::new(6, 1);
    let later = move |i: usize, section: fn() -> AnyView| view! { <Show when=move || reveal.shows(i)>{section()}</Show> };
    view! {
        <section class="results-page" aria-busy=move || (!reveal.complete()).then_some("true")>
            <super::page_head::PageHead route=Route::Results/>
            <Show when=empty>
                <p class="notice notice-info">{i18n.text("results.empty")}</p>
            </Show>
            <p class="actions">
                <a class="button" href=Route::Quick.to_hash()>{i18n.text("results.go_quick")}</a>" "
                <a class="button secondary" href=Route::Assess { id: None, anchor: None }.to_hash()>{i18n.text("results.go_assess")}</a>" "
                <a class="button secondary" href=Route::Report.to_hash()>{i18n.text("nav.report")}</a>" "
                <a class="button secondary" href=Route::Record { id: None }.to_hash() data-testid="record-link">{i18n.text("record.link")}</a>
            </p>
            <Ranking/>
            {later(1, || view! { <PivotChart/> }.into_any())}
            {later(2, || view! { <Recommendations/> }.into_any())}
            {later(3, || view! { <BlocksWithinReach/> }.into_any())}
            {later(4, || view! { <Gaps/> }.into_any())}
            {later(5, || view! { <super::embed::TransmitPanel/><super::share_page::SharePanel/> }.into_any())}
        </section>
    }
}

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
pub(super) fn Ranking(#[prop(default = true)] details: bool) -> impl IntoView {
    let i18n = use_i18n();
    let evaluation = results();
    let rows = move || {
        let lang = i18n.lang.get();
        evaluation.with(|e| {
            e.ranked()
                .enumerate()
                .map(|(rank, p)| {
                    let id = model().profiles()[p.profile].id.clone();
                    let href = Route::Referential { id: id.clone(), anchor: None }.to_hash();
                    view! {
                        <tr data-testid="match-row" data-referential=id.clone()
                            data-score=format!("{:.3}", p.fit) data-readiness=format!("{:.3}", p.readiness)
                            data-completeness=format!("{:.3}", p.completeness)>
                            <td>{rank + 1}</td>
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
            {details.then_some(move || reveal.shows(1).then(|| ranking.get().into_iter().map(|p| view! { <ProfileDetails profile=p/> }).collect_view()))}
        </section>
    }
}

/// A percentage with a bar; the number is the accessible content, the bar is decoration.
#[component]
pub(super) fn Meter(ratio: f64) -> impl IntoView {
    let i18n = use_i18n();
    // Set through the CSSOM (`style=(name, value)`), which the CSP allows, not as an inline
    // style attribute, which it blocks.
    let width = format!("{:.1}%", ratio * 100.0);
    view! {
        <span class="meter">
            <span class="meter-value">{move || percent(i18n.lang.get(), ratio)}</span>
            <span class="meter-bar" aria-hidden="true"><span class="meter-fill" style=("width", width)></span></span>
        </span>
    }
}

fn pivot_source_text(i18n: I18n, source: &PivotSource) -> String {
    match source {
        PivotSource::Quick => i18n.t("results.source_quick").to_owned(),
        PivotSource::Items(items) => {
            i18n.t_with("results.source_items", &[("n", &items.len().to_string())])
        }
        PivotSource::None => i18n.t("results.source_none").to_owned(),
    }
}

/// A horizontal bar chart drawn by the app (no library), with a table giving the same values.
#[component]
pub(super) fn PivotChart() -> impl IntoView {
    let i18n = use_i18n();
    let evaluation = results();
    const ROW: f64 = 22.0;
    const LABEL_W: f64 = 250.0;
    const BAR_W: f64 = 300.0;
    let skills: Vec<_> = catalog().pivots.skills().collect();
    let height = ROW * skills.len() as f64 + 30.0;
    let bars = {
        let skills = skills.clone();
        move || {
            let lang = i18n.lang.get();
            evaluation.with(|e| {
                skills
                    .iter()
                    .enumerate()
                    .map(|(k, s)| {
                        let level = model().pivot_index(&s.id).and_then(|p| e.pivots[p].level);
                        let y = 20.0 + k as f64 * ROW;
                        let w = level.map(|l| BAR_W * l as f64 / 4.0).unwrap_or(0.0);
                        let value = level.map(|l| l.to_string()).unwrap_or_else(|| "–".into());
                        view! {
                            <g>
                                <text x=LABEL_W - 8.0 y=y + 14.0 text-anchor="end" class="chart-label">{s.label.get(lang).to_owned()}</text>
                                <rect x=LABEL_W y=y + 3.0 width=BAR_W height=ROW - 6.0 class="chart-track"></rect>
                                <rect x=LABEL_W y=y + 3.0 width=w height=ROW - 6.0 class="chart-bar"></rect>
                                <text x=LABEL_W + BAR_W + 8.0 y=y + 14.0 class="chart-value">{value}</text>
                            </g>
                        }
                    })
                    .collect_view()
            })
        }
    };
    let grid = (0..=4u8)
        .map(|l| {
            let x = LABEL_W + BAR_W * l as f64 / 4.0;
            view! {
                <line x1=x x2=x y1=16.0 y2=height - 8.0 class="chart-grid"></line>
                <text x=x y=12.0 text-anchor="middle" class="chart-axis">{l.to_string()}</text>
            }
        })
        .collect_view();
    let table_rows = move || {
        let lang = i18n.lang.get();
        evaluation.with(|e| {
            skills
                .iter()
                .map(|s| {
                    let pl = model().pivot_index(&s.id).map(|p| e.pivots[p].clone());
                    let level = pl.as_ref().and_then(|p| p.level).map(|l| l.to_string()).unwrap_or_else(|| "–".into());
                    let source = pl.map(|p| pivot_source_text(i18n, &p.source)).unwrap_or_default();
                    view! { <tr data-testid="pivot-row" data-pivot=s.id.clone()><th scope="row">{s.label.get(lang).to_owned()}</th><td>{level}</td><td>{source}</td></tr> }
                })
                .collect_view()
        })
    };
    view! {
        <section aria-labelledby="chart-title">
            <h2 id="chart-title">{i18n.text("results.chart")}</h2>
            // Scrolls sideways on narrow screens: a named region the keyboard can reach and scroll.
            <div class="chart-scroll" tabindex="0" role="group" aria-labelledby="chart-title">
                <svg class="chart" viewBox=format!("0 0 {} {height}", LABEL_W + BAR_W + 40.0) role="img" aria-labelledby="chart-svg-title chart-svg-desc" data-testid="pivot-chart">
                    <title id="chart-svg-title">{i18n.text("results.chart")}</title>
                    <desc id="chart-svg-desc">{i18n.text("results.chart_desc")}</desc>
                    {grid}
                    {bars}
                </svg>
            </div>
            <details class="chart-table">
                <summary>{i18n.text("results.chart_table")}</summary>
                <table>
                    <thead><tr>
                        <th scope="col">{i18n.text("results.pivot")}</th>
                        <th scope="col">{i18n.text("results.pivot_level")}</th>
                        <th scope="col">{i18n.text("results.pivot_source")}</th>
                    </tr></thead>
                    <tbody>{table_rows}</tbody>
                </table>
            </details>
        </section>
    }
}

/// Certification blocks of every profile that has some, with their readiness (SPEC §5, §10).
#[component]
pub(super) fn BlocksWithinReach() -> impl IntoView {
    let i18n = use_i18n();
    let evaluation = results();
    let content = move || {
        evaluation.with(|e: &Evaluation| {
            e.profiles
                .iter()
                .filter(|p| !p.blocks.is_empty())
                .map(|p| {
                    let mp = &model().profiles()[p.profile];
                    let r = catalog().referential(&mp.id);
                    let blocks = p
                        .blocks
                        .iter()
                        .map(|b| {
                            let bid = mp.blocks[b.block].id.clone();
                            let title = r.and_then(|r| r.block(&bid)).map(|b| b.title.clone()).unwrap_or_default();
                            let ready = b.ready;
                            view! {
                                <li class=if ready { "block-status ready" } else { "block-status" } data-testid="block-status"
                                    data-block=format!("{}/{}", mp.id, bid) data-ready=ready.to_string()
                                    data-readiness=format!("{:.3}", b.readiness)>
                                    <p><span class="code">{bid.clone()}</span>" "<span lang="fr">{title}</span></p>
                                    <Meter ratio=b.readiness/>
                                    <p class="block-verdict">{if ready { i18n.t("results.block_ready") } else { i18n.t("results.block_not_ready") }}</p>
                                </li>
                            }
                        })
                        .collect_view();
                    view! {
                        <h3 lang="fr">{profile_title(p.profile)}</h3>
                        <ul class="block-list">{blocks}</ul>
                    }
                })
                .collect_view()
        })
    };
    view! {
        <section aria-labelledby="blocks-title">
            <h2 id="blocks-title">{i18n.text("results.blocks")}</h2>
            <p class="muted">{i18n.text("results.blocks_help")}</p>
            {content}
        </section>
    }
}

/// The gaps that would raise the best fits most (ranked in the core: `Evaluation::top_gaps`).
#[component]
pub(super) fn Gaps() -> impl IntoView {
    let i18n = use_i18n();
    let evaluation = results();
    let list = move || {
        let lang = i18n.lang.get();
        evaluation.with(|e| {
            let best: Vec<usize> = e.ranking.iter().take(BEST_FITS).copied().collect();
            let gaps = e.top_gaps(model(), &best, TOP_GAPS);
            if gaps.is_empty() {
                return view! { <p>{i18n.t("results.no_gaps")}</p> }.into_any();
            }
            view! {
                <ol class="gaps" data-testid="gaps">
                    {gaps.into_iter().map(|g| {
                        let item = model().item(g.item);
                        let (rtitle, code, label) = describe_item(&item.full_id);
                        let rid = model().profiles()[item.profile].id.clone();
                        let href = Route::Assess { id: Some(rid), anchor: Some(code.clone()) }.to_hash();
                        let gain = i18n.t_with("results.gap_gain", &[("points", &percent_number(lang, g.fit_gain))]);
                        view! {
                            <li data-testid="gap" data-item=item.full_id.clone()>
                                <a href=href><span class="code">{code}</span>" "<span lang="fr">{label}</span></a>
                                <span class="muted">" — "<span lang="fr">{rtitle}</span>" · "
                                    {i18n.t_with("results.gap_line", &[("l", &g.level.to_string()), ("t", &g.target.to_string())])}" · "{gain}</span>
                            </li>
                        }
                    }).collect_view()}
                </ol>
            }
            .into_any()
        })
    };
    view! {
        <section aria-labelledby="gaps-title">
            <h2 id="gaps-title">{i18n.text("results.gaps")}</h2>
            <p class="muted">{i18n.text("results.gaps_help")}</p>
            {list}
        </section>
    }
}

#[component]
pub(super) fn Recommendations() -> impl IntoView {
    let i18n = use_i18n();
    let evaluation = results();
    let list = move || {
        let lang = i18n.lang.get();
        evaluation.with(|e| {
            let recs = model().recommend(e, DEFAULT_RECOMMENDATIONS);
            if recs.is_empty() {
                return view! { <p>{i18n.t("results.nothing_to_recommend")}</p> }.into_any();
            }
            view! {
                <ol class="recommendations" data-testid="recommendations">
                    {recs.into_iter().map(|r| {
                        let pid = model().pivot_ids()[r.pivot].clone();
                        let label = catalog().pivot_label(&pid, lang).to_owned();
                        let desc = catalog().pivots.skill(&pid).map(|s| s.description.get(lang).to_owned()).unwrap_or_default();
                        let points = percent_number(lang, r.gain);
                        let from = r.from_level.map(|l| l.to_string()).unwrap_or_else(|| "–".into());
                        view! {
                            <li data-testid="recommendation" data-pivot=pid>
                                <strong>{label}</strong>" ("{from}" → "{r.to_level}")"
                                <br/><span class="muted">{desc}</span>
                                <br/><span>{i18n.t_with("results.recommend_gain", &[("points", &points)])}</span>
                            </li>
                        }
                    }).collect_view()}
                </ol>
            }
            .into_any()
        })
    };
    view! {
        <section aria-labelledby="recommend-title">
            <h2 id="recommend-title">{i18n.text("results.recommend")}</h2>
            <p class="muted">{i18n.text("results.recommend_help")}</p>
            {list}
        </section>
    }
}

/// A one-line live result for the sticky progress bars: the readiness for `referential` (what
/// its detailed positioning fills in), or the best fit when `None`. It updates on every answer
/// (SPEC §11: click → result on screen).
#[component]
pub fn LiveScore(#[prop(optional)] referential: Option<String>) -> impl IntoView {
    let i18n = use_i18n();
    let state = use_app_state();
    let text = move || {
        let lang = i18n.lang.get();
        state.evaluation.with(|e| match &referential {
            Some(id) => model()
                .profile_index(id)
                .map(|i| {
                    i18n.t_with(
                        "live.this",
                        &[("percent", &percent(lang, e.profiles[i].readiness))],
                    )
                })
                .unwrap_or_default(),
            None => e
                .ranked()
                .next()
                .map(|p| {
                    i18n.t_with(
                        "live.best",
                        &[
                            ("title", &profile_title(p.profile)),
                            ("percent", &percent(lang, p.fit)),
                        ],
                    )
                })
                .unwrap_or_default(),
        })
    };
    view! { <p class="live-score" data-testid="live-score">{text}</p> }
}
