//! After the last answer or skip: who came out ahead and by how much, or that they fit about
//! equally, read on the whole ranking, with each one's defining skills side by side.

use super::{names, Tiebreak, TITLE_ID};
use crate::core::numbers::percent_number;
use crate::core::scoring::tiebreak::{close_group, Outcome};
use crate::core::scoring::Evaluation;
use crate::ui::components::labels::standing_key;
use crate::ui::components::results::profile_title;
use crate::ui::i18n::I18n;
use crate::ui::state::{catalog, model, use_app_state};
use leptos::prelude::*;

fn sentence(i18n: I18n, o: &Outcome) -> String {
    match o {
        Outcome::Ahead {
            first,
            runner_up,
            margin,
        } => i18n.t_with(
            "tiebreak.ahead",
            &[
                ("first", &profile_title(*first)),
                (
                    "points",
                    &percent_number(i18n.lang.get_untracked(), *margin),
                ),
                ("second", &profile_title(*runner_up)),
            ],
        ),
        Outcome::Equal { profiles } => {
            i18n.t_with("tiebreak.equal", &[("names", &names(i18n, profiles))])
        }
    }
}

/// The outcome as the answers stand: rebuilt whole when they change (it holds no input, so
/// nothing loses focus).
pub fn outcome(i18n: I18n, tb: Tiebreak) -> impl IntoView {
    let state = use_app_state();
    move || {
        state.evaluation.with(|e| {
            let o = Outcome::read(e)?;
            let hook = model().profiles()[o.first()].id.clone();
            let skills = o
                .profiles()
                .into_iter()
                .map(|p| skills(i18n, e, p))
                .collect_view();
            // Still too close, with estimated items left: the candidate may answer more.
            let more = close_group(model(), e).map(|group| {
                let start = move |_| {
                    state
                        .evaluation
                        .with_untracked(|e| tb.start(e, group.clone()));
                };
                view! { <button type="button" class="secondary" data-testid="tiebreak-more" on:click=start>{i18n.t("tiebreak.more")}</button>" " }
            });
            Some(view! {
                <section class="tiebreak" aria-labelledby=TITLE_ID data-testid="tiebreak-done" data-outcome=o.as_str() data-first=hook>
                    <h2 id=TITLE_ID tabindex="-1">{i18n.t("tiebreak.done_title")}</h2>
                    <p class="tiebreak-outcome">{sentence(i18n, &o)}</p>
                    <h3>{i18n.t("tiebreak.compare")}</h3>
                    <div class="tiebreak-compare">{skills}</div>
                    <p class="actions">
                        {more}
                        <button type="button" class="primary" data-testid="tiebreak-close" on:click=move |_| tb.close()>{i18n.t("tiebreak.close")}</button>
                    </p>
                </section>
            })
        })
    }
}

/// One profession's defining skills with the candidate's level and standing: a list, so that
/// two or three of them stack on a phone and sit side by side on a wider screen.
fn skills(i18n: I18n, e: &Evaluation, profile: usize) -> impl IntoView {
    let lang = i18n.lang.get_untracked();
    let rows = e
        .standings(model(), profile)
        .into_iter()
        .map(|s| {
            let pid = &model().pivot_ids()[s.skill.pivot];
            let level = s.level.map_or_else(
                || i18n.t("results.no_level").to_owned(),
                |l| {
                    i18n.t_with(
                        "tiebreak.level_of",
                        &[("l", &l.to_string()), ("t", &s.skill.expected.to_string())],
                    )
                },
            );
            view! {
                <li data-pivot=pid.clone() data-standing=s.standing.as_str()>
                    <span class="tiebreak-skill">{catalog().pivot_label(pid, lang).to_owned()}</span>" "
                    <span class="tiebreak-level">{level}</span>" "
                    <span class=format!("standing standing-{}", s.standing.as_str())>{i18n.t(standing_key(s.standing))}</span>
                </li>
            }
        })
        .collect_view();
    view! {
        <section class="tiebreak-profile" data-referential=model().profiles()[profile].id.clone()>
            <h4 lang="fr">{profile_title(profile)}</h4>
            <ul>{rows}</ul>
        </section>
    }
}
