//! « Départager » on the results page (SPEC §5.1): the « trop proche pour trancher » notice and
//! the offer above the ranking, one question at a time, the outcome with the professions'
//! defining skills side by side (`panel`, `question`, `outcome`), and the offer in a profession's
//! detail (`DetailOffer`). The rules are `core::scoring::tiebreak`'s; the answers are item answers
//! of the active dossier, so they persist and travel like the detailed positioning's.

mod outcome;
mod panel;
mod question;

pub use panel::TiebreakPanel;

use crate::core::scoring::tiebreak::{group_around, Session};
use crate::core::scoring::Evaluation;
use crate::ui::components::results::profile_title;
use crate::ui::i18n::{use_i18n, I18n};
use crate::ui::router::focus_element;
use crate::ui::state::{model, use_app_state};
use leptos::prelude::*;

/// DOM id of the panel's heading, where focus goes when a session starts, moves or ends.
const TITLE_ID: &str = "tiebreak-title";

/// What the page keeps while the candidate tells professions apart, in one signal.
#[derive(Clone, Default)]
struct Runs {
    /// The running session, or the one whose outcome is shown.
    session: Option<Session>,
    /// Items skipped in this visit before the session: a later session asks none of them.
    skipped: Vec<usize>,
    /// A group a profession's detail asked to tell apart. The panel starts it, so the detail
    /// (which a share link's view shows too) carries none of the session's code.
    requested: Option<Vec<usize>>,
    /// The model the session's indices point into: a trainer's referential brought in meanwhile
    /// (SPEC §13) makes a new one, and the session is then dropped.
    model: usize,
}

#[derive(Clone, Copy)]
pub struct Tiebreak(RwSignal<Runs>);

impl Tiebreak {
    /// Starts telling `group` apart with the active dossier's evaluation; false when every item
    /// of the group is answered or skipped.
    fn start(&self, eval: &Evaluation, group: Vec<usize>) -> bool {
        let skipped = self.0.with_untracked(Runs::skips);
        let Some(session) = Session::start(model(), eval, group, skipped) else {
            return false;
        };
        self.0.update(|r| {
            r.session = Some(session);
            r.model = model_key();
        });
        focus_title();
        true
    }

    /// Leaves the outcome (or the questions); the skips are kept for the visit.
    fn close(&self) {
        self.0.update(|r| {
            r.skipped = r.skips();
            r.session = None;
        });
    }

    /// Changes the running session and moves focus to what it shows next.
    fn step(&self, f: impl FnOnce(&mut Session)) {
        self.0.update(|r| {
            if let Some(s) = r.session.as_mut().filter(|_| r.model == model_key()) {
                f(s);
            }
        });
        focus_title();
    }
}

impl Runs {
    /// The session, unless the referentials changed under it.
    fn live(&self) -> Option<&Session> {
        self.session.as_ref().filter(|_| self.model == model_key())
    }

    /// Every item skipped in this visit (none if the referentials changed since): the running
    /// session carries the ones it was given.
    fn skips(&self) -> Vec<usize> {
        if self.model != model_key() {
            return Vec::new();
        }
        self.session
            .as_ref()
            .map_or_else(|| self.skipped.clone(), |s| s.skipped().to_vec())
    }
}

/// Which model is current (its address: each set of referentials is built once and kept).
fn model_key() -> usize {
    std::ptr::from_ref(model()) as usize
}

/// Provides the page's `Tiebreak` and takes it back when the page goes: the page switch reuses
/// its owner for the next page, and a share link's read-only view must not offer to change the
/// active dossier.
pub fn provide_tiebreak() {
    provide_context(Tiebreak(RwSignal::new(Runs::default())));
    let owner = Owner::current();
    on_cleanup(move || {
        if let Some(owner) = owner {
            owner.with(take_context::<Tiebreak>);
        }
    });
}

fn focus_title() {
    request_animation_frame(|| {
        focus_element(TITLE_ID);
    });
}

/// « A et B », « A, B et C »: the professions' own titles.
fn names(i18n: I18n, group: &[usize]) -> String {
    let titles: Vec<String> = group.iter().map(|&p| profile_title(p)).collect();
    match titles.as_slice() {
        [one] => one.clone(),
        [a, b] => i18n.t_with("tiebreak.names_two", &[("a", a), ("b", b)]),
        [a, b, c, ..] => i18n.t_with("tiebreak.names_three", &[("a", a), ("b", b), ("c", c)]),
        [] => String::new(),
    }
}

/// `A|B|C`: the `data-group` hook.
fn group_hook(group: &[usize]) -> String {
    group
        .iter()
        .map(|&p| model().profiles()[p].id.as_str())
        .collect::<Vec<_>>()
        .join("|")
}

/// In a profession's detail: tell it apart from its neighbours within the margin, when it has
/// any and the page runs Départager (the results page; not a share link's view).
#[component]
pub fn DetailOffer(profile: usize) -> impl IntoView {
    let i18n = use_i18n();
    let tiebreak = use_context::<Tiebreak>();
    let state = use_app_state();
    move || {
        let tb = tiebreak?;
        let group = state
            .evaluation
            .with(|e| group_around(model(), e, profile))?;
        let others: Vec<usize> = group.iter().copied().filter(|&p| p != profile).collect();
        let text = i18n.t_with(
            "tiebreak.detail_text",
            &[
                ("title", &profile_title(profile)),
                ("others", &names(i18n, &others)),
            ],
        );
        let hook = group_hook(&group);
        let start = move |_| {
            state
                .evaluation
                .with_untracked(|e| tb.start(e, group.clone()));
        };
        Some(view! {
            <div class="tiebreak-detail-offer">
                <p>{text}</p>
                <button type="button" class="secondary" data-testid="tiebreak-detail-offer" data-group=hook on:click=start>
                    {i18n.text("tiebreak.detail_offer")}
                </button>
            </div>
        })
    }
}
