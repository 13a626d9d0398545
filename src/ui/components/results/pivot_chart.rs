//! The candidate's level on each pivot skill: a chart, and a table with the same values.

use super::source::results;
use crate::core::scoring::PivotSource;
use crate::ui::i18n::{use_i18n, I18n};
use crate::ui::state::catalog;
use crate::ui::state::model;
use leptos::prelude::*;

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
pub fn PivotChart() -> impl IntoView {
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
