//! Above the ranking: the notice and the offer, the question being asked, or the outcome.
//!
//! Each state is one view whose texts are plain strings, rebuilt as a whole when the state or the
//! language changes: every reactive closure in a view is render code of its own in the wasm, and
//! a few per state would cost more than the panel is worth.

use super::outcome::outcome;
use super::question::question;
use super::{group_hook, names, Tiebreak, TITLE_ID};
use crate::core::scoring::tiebreak::{close_group, select, Question};
use crate::ui::i18n::{use_i18n, I18n};
use crate::ui::state::{model, use_app_state};
use leptos::prelude::*;

/// What the panel shows. A memo of it re-renders the panel only when this changes, not on every
/// answer: a question keeps its focus while the candidate picks a level.
#[derive(Clone, PartialEq)]
enum Shown {
    Nothing,
    /// The close group, and whether any of its items is left to ask in this visit.
    Offer(Vec<usize>, bool),
    Ask {
        question: Question,
        position: usize,
        total: usize,
        group: Vec<usize>,
    },
    Done,
}

/// Needs the page's `Tiebreak` (`provide_tiebreak`).
#[component]
pub fn TiebreakPanel() -> impl IntoView {
    let i18n = use_i18n();
    let tb = expect_context::<Tiebreak>();
    let state = use_app_state();
    // A profession's detail asked for its group: start it here.
    Effect::new(move |_| {
        if let Some(group) = tb.0.with(|r| r.requested.clone()) {
            tb.0.update_untracked(|r| r.requested = None);
            state.evaluation.with_untracked(|e| tb.start(e, group));
        }
    });
    let shown = Memo::new(move |_| {
        // The evaluation follows the set of referentials too: a new set drops the session.
        state.evaluation.track();
        tb.0.with(|r| match r.live() {
            Some(s) => match s.current() {
                Some(&question) => Shown::Ask {
                    question,
                    position: s.position(),
                    total: s.questions().len(),
                    group: s.group().to_vec(),
                },
                None => Shown::Done,
            },
            None => state.evaluation.with(|e| match close_group(model(), e) {
                Some(group) => {
                    let left = !select(model(), e, &group, &r.skips()).is_empty();
                    Shown::Offer(group, left)
                }
                None => Shown::Nothing,
            }),
        })
    });
    move || {
        i18n.lang.track();
        match shown.get() {
            Shown::Nothing => ().into_any(),
            Shown::Offer(group, left) => offer(i18n, tb, group, left).into_any(),
            Shown::Ask {
                question: q,
                position,
                total,
                group,
            } => question(i18n, tb, q, position, total, &group).into_any(),
            Shown::Done => outcome(i18n, tb).into_any(),
        }
    }
}

/// « Trop proche pour trancher »: who, why, and the offer (or, when every question that could
/// tell them apart was skipped in this visit, where to go further).
fn offer(i18n: I18n, tb: Tiebreak, group: Vec<usize>, left: bool) -> impl IntoView {
    let state = use_app_state();
    let text = i18n.t_with("tiebreak.notice", &[("names", &names(i18n, &group))]);
    let hook = group_hook(&group);
    let start = move |_| {
        state
            .evaluation
            .with_untracked(|e| tb.start(e, group.clone()));
    };
    let action = if left {
        view! {
            <p>{i18n.t("tiebreak.offer_help")}</p>
            <p class="actions">
                <button type="button" class="primary" data-testid="tiebreak-offer" data-group=hook on:click=start>
                    {i18n.t("tiebreak.offer")}
                </button>
            </p>
        }
        .into_any()
    } else {
        view! { <p>{i18n.t("tiebreak.exhausted")}</p> }.into_any()
    };
    view! {
        <section class="notice notice-warning tiebreak" aria-labelledby=TITLE_ID data-testid="tiebreak-notice">
            <h2 id=TITLE_ID tabindex="-1">{i18n.t("tiebreak.notice_title")}</h2>
            <p>{text}</p>
            {action}
        </section>
    }
}
