//! One profession's detail on the results page (SPEC §5): its three figures, its defining skills
//! with the candidate's standing (held / close / missing, thresholds in
//! `core::scoring::identity`), and every rated item with its level, target, origin and weight in
//! the fit — all rendered only when opened (a profile can hold 139 items, and five closed details
//! cost the results page nothing).

use super::source::{describe_item, profile_title, results};
use super::tiebreak::DetailOffer;
use crate::core::i18n::percent;
use crate::core::numbers::percent_one_decimal;
use crate::ui::components::labels::standing_key;
use crate::ui::i18n::use_i18n;
use crate::ui::state::{catalog, model, status_view};
use leptos::prelude::*;

#[component]
pub(super) fn ProfileDetails(profile: usize) -> impl IntoView {
    let i18n = use_i18n();
    let evaluation = results();
    let (open, set_open) = signal(false);
    let id = model().profiles()[profile].id.clone();
    let count = model().profiles()[profile].items.len().to_string();
    let title = profile_title(profile);
    let figures = move || {
        let lang = i18n.lang.get();
        evaluation.with(|e| {
            let p = &e.profiles[profile];
            i18n.t_with(
                "results.detail_figures",
                &[
                    ("fit", &percent(lang, p.fit)),
                    ("readiness", &percent(lang, p.readiness)),
                    ("completeness", &percent(lang, p.completeness)),
                ],
            )
        })
    };
    let skills = move || {
        let lang = i18n.lang.get();
        evaluation.with(|e| {
            e.standings(model(), profile)
                .into_iter()
                .map(|s| {
                    let pid = &model().pivot_ids()[s.skill.pivot];
                    let level = s
                        .level
                        .map(|l| l.to_string())
                        .unwrap_or_else(|| i18n.t("results.no_level").to_owned());
                    view! {
                        <tr data-testid="defining-skill" data-pivot=pid.clone() data-standing=s.standing.as_str()>
                            <th scope="row">{catalog().pivot_label(pid, lang).to_owned()}</th>
                            <td>{level}</td>
                            <td>{s.skill.expected}</td>
                            <td><span class=format!("standing standing-{}", s.standing.as_str())>{i18n.t(standing_key(s.standing))}</span></td>
                        </tr>
                    }
                })
                .collect_view()
        })
    };
    let rows = move || {
        let lang = i18n.lang.get();
        evaluation.with(|e| {
            e.rows(model(), profile)
                .map(|row| {
                    let (_, code, label) = describe_item(row.full_id);
                    let status = status_view(e, row.item);
                    let origin = status.origin(i18n);
                    view! {
                        <tr class=status.css() data-testid="detail-item" data-item=row.full_id.to_owned()>
                            <th scope="row"><span class="code">{code}</span>" "<span lang="fr">{label}</span></th>
                            <td>{row.level}</td>
                            <td>{row.target}</td>
                            <td>{origin}</td>
                            <td>{percent_one_decimal(lang, row.fit_weight_share)}</td>
                        </tr>
                    }
                })
                .collect_view()
        })
    };
    let heading = format!("detail-{id}");
    view! {
        <details class="match-details" data-testid="match-details" data-referential=id
            on:toggle=move |ev| {
                use wasm_bindgen::JsCast;
                let open_now = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlDetailsElement>().ok()).is_some_and(|d| d.open());
                set_open.set(open_now);
            }>
            <summary>{move || i18n.t_with("results.details", &[("n", &count), ("title", &title)])}</summary>
            {move || open.get().then(|| view! {
                <p data-testid="detail-figures">{figures}</p>
                <DetailOffer profile=profile/>
                <h3 id=heading.clone()>{i18n.text("results.defining")}</h3>
                <p class="muted">{i18n.text("results.defining_help")}</p>
                <div class="table-scroll">
                    <table class="defining-skills" aria-labelledby=heading.clone()>
                        <thead><tr>
                            <th scope="col">{i18n.text("results.pivot")}</th>
                            <th scope="col">{i18n.text("results.level")}</th>
                            <th scope="col">{i18n.text("results.expected")}</th>
                            <th scope="col">{i18n.text("results.standing")}</th>
                        </tr></thead>
                        <tbody>{skills}</tbody>
                    </table>
                </div>
                <h3>{i18n.text("results.items_title")}</h3>
                <div class="table-scroll">
                    <table>
                        <thead><tr>
                            <th scope="col">{i18n.text("results.item")}</th>
                            <th scope="col">{i18n.text("results.level")}</th>
                            <th scope="col">{i18n.text("results.target")}</th>
                            <th scope="col">{i18n.text("results.origin")}</th>
                            <th scope="col">{i18n.text("results.fit_weight")}</th>
                        </tr></thead>
                        <tbody>{rows}</tbody>
                    </table>
                </div>
            })}
        </details>
    }
}
