//! Certification blocks and their readiness (SPEC §5 « ready », §10 hooks).

use super::meter::Meter;
use super::source::{profile_title, results};
use crate::core::scoring::Evaluation;
use crate::ui::i18n::use_i18n;
use crate::ui::state::catalog;
use crate::ui::state::model;
use leptos::prelude::*;

/// Certification blocks of every profile that has some, with their readiness (SPEC §5, §10).
#[component]
pub fn BlocksWithinReach() -> impl IntoView {
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
