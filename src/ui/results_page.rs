//! Results (SPEC §5, §10): ranking with score and completeness, the pivot-skill chart with its
//! table, every figure unfoldable to its items, block readiness, gaps and recommendations.

use super::i18n::{use_i18n, I18n};
use super::state::{model, status_view, use_app_state, ItemStatusView};
use crate::core::catalog::catalog;
use crate::core::i18n::percent;
use crate::core::route::Route;
use crate::core::scoring::{Evaluation, PivotSource};
use leptos::prelude::*;

const TOP_GAPS: usize = 10;

/// The evaluation the result components show: the active dossier's, unless a page (the
/// read-only view of a share link) provides another one.
#[derive(Clone, Copy)]
pub struct ResultsSource(pub Memo<Evaluation>);

fn results() -> Memo<Evaluation> {
    use_context::<ResultsSource>()
        .map(|r| r.0)
        .unwrap_or_else(|| use_app_state().evaluation)
}

/// `(referential title, item code, item label)` of a full item id.
pub(super) fn describe_item(full_id: &str) -> (String, String, String) {
    let (rid, iid) = full_id.split_once('/').unwrap_or((full_id, ""));
    let r = catalog().referential(rid);
    let label = r
        .and_then(|r| r.item(iid))
        .map(|i| i.label().to_owned())
        .unwrap_or_default();
    (
        r.map(|r| r.title.clone()).unwrap_or_default(),
        iid.to_owned(),
        label,
    )
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
    view! {
        <section class="results-page">
            <h1 tabindex="-1">{move || i18n.t("results.title")}</h1>
            <Show when=empty>
                <p class="notice notice-info">{move || i18n.t("results.empty")}</p>
            </Show>
            <p class="actions">
                <a class="button" href=Route::Quick.to_hash()>{move || i18n.t("results.go_quick")}</a>" "
                <a class="button secondary" href=Route::Assess { id: None, anchor: None }.to_hash()>{move || i18n.t("results.go_assess")}</a>" "
                <a class="button secondary" href=Route::Report.to_hash()>{move || i18n.t("nav.report")}</a>
            </p>
            <Ranking/>
            <PivotChart/>
            <Recommendations/>
            <Blocks/>
            <Gaps/>
            <super::embed::TransmitPanel/>
            <super::share_page::SharePanel/>
        </section>
    }
}

/// The ranking table; `details` adds the unfoldable per-item explanation under it.
#[component]
pub(super) fn Ranking(#[prop(default = true)] details: bool) -> impl IntoView {
    let i18n = use_i18n();
    let evaluation = results();
    let rows = move || {
        evaluation.with(|e| {
            e.ranked()
                .enumerate()
                .map(|(rank, p)| {
                    let id = model().profiles()[p.profile].id.clone();
                    let (score, completeness) = (p.score, p.completeness);
                    view! {
                        <tr data-testid="match-row" data-referential=id.clone()
                            data-score=format!("{score:.3}") data-completeness=format!("{completeness:.3}")>
                            <td>{rank + 1}</td>
                            <th scope="row" lang="fr"><a href=Route::Referential { id: id.clone(), anchor: None }.to_hash()>{profile_title(p.profile)}</a></th>
                            <td><Meter ratio=score/></td>
                            <td>{percent(i18n.lang.get(), completeness)}</td>
                        </tr>
                    }
                })
                .collect_view()
        })
    };
    view! {
        <section aria-labelledby="ranking-title">
            <h2 id="ranking-title">{move || i18n.t("results.ranking")}</h2>
            <p class="muted">{move || i18n.t("results.ranking_help")}</p>
            <div class="table-scroll">
                <table class="ranking">
                    <thead><tr>
                        <th scope="col">{move || i18n.t("results.rank")}</th>
                        <th scope="col">{move || i18n.t("results.profile")}</th>
                        <th scope="col">{move || i18n.t("results.score")}</th>
                        <th scope="col">{move || i18n.t("results.completeness")}</th>
                    </tr></thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
            {details.then(|| (0..model().profiles().len()).map(|p| view! { <ProfileDetails profile=p/> }).collect_view())}
        </section>
    }
}

/// A percentage with a bar; the number is the accessible content, the bar is decoration.
#[component]
fn Meter(ratio: f64) -> impl IntoView {
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

/// The unfolded score of one profile, rendered only when opened (it can hold 139 rows).
#[component]
fn ProfileDetails(profile: usize) -> impl IntoView {
    let i18n = use_i18n();
    let evaluation = results();
    let (open, set_open) = signal(false);
    let id = model().profiles()[profile].id.clone();
    let count = model().profiles()[profile].items.len().to_string();
    let title = profile_title(profile);
    let rows = move || {
        open.get().then(|| {
            evaluation.with(|e| {
                e.rows(model(), profile)
                    .map(|row| {
                        let (_, code, label) = describe_item(row.full_id);
                        let status = status_view(e, row.item);
                        let origin = match &status {
                            ItemStatusView::Answered(_) => i18n.t("results.origin_answered").to_owned(),
                            ItemStatusView::Estimated { .. } => i18n.tw("results.origin_estimated", &[("from", &status.sources(i18n))]),
                            ItemStatusView::Unknown => i18n.t("results.origin_unknown").to_owned(),
                        };
                        view! {
                            <tr class=status.css()>
                                <th scope="row"><span class="code">{code}</span>" "<span lang="fr">{label}</span></th>
                                <td>{row.level}</td>
                                <td>{row.target}</td>
                                <td>{origin}</td>
                            </tr>
                        }
                    })
                    .collect_view()
            })
        })
    };
    view! {
        <details class="match-details" data-testid="match-details" data-referential=id
            on:toggle=move |ev| {
                use wasm_bindgen::JsCast;
                let open_now = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlDetailsElement>().ok()).is_some_and(|d| d.open());
                set_open.set(open_now);
            }>
            <summary>{move || i18n.tw("results.details", &[("n", &count), ("title", &title)])}</summary>
            <div class="table-scroll">
                <table>
                    <thead><tr>
                        <th scope="col">{move || i18n.t("results.item")}</th>
                        <th scope="col">{move || i18n.t("results.level")}</th>
                        <th scope="col">{move || i18n.t("results.target")}</th>
                        <th scope="col">{move || i18n.t("results.origin")}</th>
                    </tr></thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
        </details>
    }
}

fn pivot_source_text(i18n: I18n, source: &PivotSource) -> String {
    match source {
        PivotSource::Quick => i18n.t("results.source_quick").to_owned(),
        PivotSource::Items(items) => {
            i18n.tw("results.source_items", &[("n", &items.len().to_string())])
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
            <h2 id="chart-title">{move || i18n.t("results.chart")}</h2>
            <div class="chart-scroll">
                <svg class="chart" viewBox=format!("0 0 {} {height}", LABEL_W + BAR_W + 40.0) role="img" aria-labelledby="chart-svg-title chart-svg-desc" data-testid="pivot-chart">
                    <title id="chart-svg-title">{move || i18n.t("results.chart")}</title>
                    <desc id="chart-svg-desc">{move || i18n.t("results.chart_desc")}</desc>
                    {grid}
                    {bars}
                </svg>
            </div>
            <details class="chart-table">
                <summary>{move || i18n.t("results.chart_table")}</summary>
                <table>
                    <thead><tr>
                        <th scope="col">{move || i18n.t("results.pivot")}</th>
                        <th scope="col">{move || i18n.t("results.pivot_level")}</th>
                        <th scope="col">{move || i18n.t("results.pivot_source")}</th>
                    </tr></thead>
                    <tbody>{table_rows}</tbody>
                </table>
            </details>
        </section>
    }
}

#[component]
pub(super) fn Blocks() -> impl IntoView {
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
                                    data-block=format!("{}/{}", mp.id, bid) data-ready=ready.to_string()>
                                    <p><span class="code">{bid.clone()}</span>" "<span lang="fr">{title}</span></p>
                                    <Meter ratio=b.score/>
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
            <h2 id="blocks-title">{move || i18n.t("results.blocks")}</h2>
            <p class="muted">{move || i18n.t("results.blocks_help")}</p>
            {content}
        </section>
    }
}

#[component]
pub(super) fn Gaps() -> impl IntoView {
    let i18n = use_i18n();
    let evaluation = results();
    let list = move || {
        evaluation.with(|e| {
            let mut gaps: Vec<_> = e.profiles.iter().flat_map(|p| p.gaps.iter()).collect();
            gaps.sort_by(|a, b| b.priority.total_cmp(&a.priority));
            gaps.truncate(TOP_GAPS);
            if gaps.is_empty() {
                return view! { <p>{i18n.t("results.no_gaps")}</p> }.into_any();
            }
            view! {
                <ol class="gaps" data-testid="gaps">
                    {gaps.into_iter().map(|g| {
                        let full = &model().item(g.item).full_id;
                        let (rtitle, code, label) = describe_item(full);
                        let (rid, _) = full.split_once('/').unwrap_or((full, ""));
                        let href = Route::Assess { id: Some(rid.to_owned()), anchor: Some(code.clone()) }.to_hash();
                        view! {
                            <li data-testid="gap" data-item=full.clone()>
                                <a href=href><span class="code">{code}</span>" "<span lang="fr">{label}</span></a>
                                <span class="muted">" — "<span lang="fr">{rtitle}</span>" · "
                                    {i18n.tw("results.gap_line", &[("l", &g.level.to_string()), ("t", &g.target.to_string())])}</span>
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
            <h2 id="gaps-title">{move || i18n.t("results.gaps")}</h2>
            <p class="muted">{move || i18n.t("results.gaps_help")}</p>
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
            let recs = model().recommend(e, 3);
            if recs.is_empty() {
                return view! { <p>{i18n.t("results.nothing_to_recommend")}</p> }.into_any();
            }
            view! {
                <ol class="recommendations" data-testid="recommendations">
                    {recs.into_iter().map(|r| {
                        let pid = model().pivot_ids()[r.pivot].clone();
                        let skill = catalog().pivots.skill(&pid);
                        let label = skill.map(|s| s.label.get(lang).to_owned()).unwrap_or_else(|| pid.clone());
                        let desc = skill.map(|s| s.description.get(lang).to_owned()).unwrap_or_default();
                        let points = format!("{:.1}", r.gain * 100.0);
                        let points = if lang == crate::core::i18n::Lang::Fr { points.replace('.', ",") } else { points };
                        let from = r.from_level.map(|l| l.to_string()).unwrap_or_else(|| "–".into());
                        view! {
                            <li data-testid="recommendation" data-pivot=pid>
                                <strong>{label}</strong>" ("{from}" → "{r.to_level}")"
                                <br/><span class="muted">{desc}</span>
                                <br/><span>{i18n.tw("results.recommend_gain", &[("points", &points)])}</span>
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
            <h2 id="recommend-title">{move || i18n.t("results.recommend")}</h2>
            <p class="muted">{move || i18n.t("results.recommend_help")}</p>
            {list}
        </section>
    }
}

/// A one-line live result for the sticky progress bars: the score of `referential`, or the best
/// match when `None`. It updates on every answer (SPEC §11: click → result on screen).
#[component]
pub fn LiveScore(#[prop(optional)] referential: Option<String>) -> impl IntoView {
    let i18n = use_i18n();
    let state = use_app_state();
    let text = move || {
        state.evaluation.with(|e| {
            let p = match &referential {
                Some(id) => model().profile_index(id).map(|i| &e.profiles[i]),
                None => e.ranked().next(),
            };
            p.map(|p| {
                let key = if referential.is_some() {
                    "live.this"
                } else {
                    "live.best"
                };
                i18n.tw(
                    key,
                    &[
                        ("title", &profile_title(p.profile)),
                        ("score", &percent(i18n.lang.get(), p.score)),
                    ],
                )
            })
            .unwrap_or_default()
        })
    };
    view! { <p class="live-score" data-testid="live-score">{text}</p> }
}
