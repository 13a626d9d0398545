//! The gaps that would raise the best fits most.

use super::source::{describe_item, results};
use crate::core::numbers::percent_number;
use crate::core::route::Route;
use crate::core::scoring::BEST_FITS;
use crate::ui::i18n::use_i18n;
use crate::ui::state::model;
use leptos::prelude::*;

const TOP_GAPS: usize = 10;

/// The gaps that would raise the best fits most (ranked in the core: `Evaluation::top_gaps`).
#[component]
pub fn Gaps() -> impl IntoView {
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
