//! The few pivot skills whose progress would raise the best fits most.

use super::source::results;
use crate::core::numbers::percent_number;
use crate::core::scoring::DEFAULT_RECOMMENDATIONS;
use crate::ui::i18n::use_i18n;
use crate::ui::state::catalog;
use crate::ui::state::model;
use leptos::prelude::*;

#[component]
pub fn Recommendations() -> impl IntoView {
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
