//! The LMS session: API found, `LMSInitialize`, the learner's dossier, restore from
//! `cmi.suspend_data`, a commit after each burst of changes and on `pagehide`, then `LMSFinish`.

use super::api::{Api, LmsFailure};
use super::launch::Launch;
use super::panel::{LmsContext, Mode, Panel, PanelMessage};
use crate::core::dossier::{Dossier, DEFAULT_NAME};
use crate::core::i18n::Message;
use crate::core::scorm::cmi::{self, SESSION_TIME};
use crate::core::scorm::launch::{LaunchError, Scope};
use crate::core::scorm::report::{parse_mastery, report};
use crate::core::scorm::{restore, suspend};
use crate::ui::state::catalog;
use crate::ui::state::{model, now, AppState};
use leptos::prelude::*;
use std::cell::RefCell;
use std::collections::BTreeMap;
use std::rc::Rc;
use std::time::Duration;

/// A burst of answers within this delay is one commit: an LMS commit is a request to its server
/// (Moodle's is synchronous), too slow to run on every click.
const COMMIT_DELAY: Duration = Duration::from_millis(1500);
const NOTES_LEFT_OUT: &str = "lms.notes_left_out";

struct Session {
    api: Api,
    scope: Scope,
    mastery: Option<f64>,
    started: f64,
    /// What the LMS accepted so far (element → value).
    sent: BTreeMap<String, String>,
    read_only: bool,
    finished: bool,
    /// The suspend data could not be read: it is not overwritten while the dossier is still at
    /// this revision (until the learner changes an answer).
    keep_lms_value_until: Option<u64>,
    notes_told: bool,
    timer: Option<TimeoutHandle>,
}

pub(super) fn message(
    key: &'static str,
    args: Vec<(&'static str, String)>,
    warning: bool,
) -> PanelMessage {
    PanelMessage {
        text: Message::new(key, args),
        warning,
    }
}

/// Opens LMS mode, once the app state exists; provides the panel's context.
pub fn start(launch: Launch, state: AppState) {
    let config = match launch.config {
        Ok(c) => c,
        Err(e) => {
            let msg = match e {
                LaunchError::UnknownStandard(s) => {
                    message("lms.unknown_standard", vec![("standard", s)], true)
                }
                LaunchError::UnknownReferential(id) => {
                    message("lms.unknown_referential", vec![("id", id)], true)
                }
                LaunchError::BadFile(file) => message("lms.bad_file", vec![("file", file)], true),
            };
            provide(Mode::BadLaunch(msg), None);
            return;
        }
    };
    // A referential a trainer brought is known once the state read it (SPEC §13).
    if let Some(id) = config.scope.referential() {
        if crate::ui::state::catalog().referential(id).is_none() {
            let msg = message("lms.unknown_referential", vec![("id", id.to_owned())], true);
            provide(Mode::BadLaunch(msg), None);
            return;
        }
    }
    let Some(api) = Api::find() else {
        provide(Mode::NoApi, Some(config.scope));
        return;
    };
    if let Err(f) = api.initialize() {
        provide(Mode::InitFailed(f), Some(config.scope));
        return;
    }
    let name = cmi::display_name(&api.get("cmi.core.student_name"));
    let review = api.get("cmi.core.lesson_mode") == "review";
    let panel = provide(
        Mode::Connected {
            name: name.clone(),
            review,
        },
        Some(config.scope.clone()),
    );
    open_learner_dossier(state, &api.get("cmi.core.student_id"), &name);
    let mut messages = Vec::new();
    let keep_lms_value_until = restore_answers(state, &api.get(cmi::SUSPEND_DATA), &mut messages);
    panel.0.update(|p| p.messages.extend(messages));

    let mastery = parse_mastery(&api.get("cmi.student_data.mastery_score"));
    let session = Rc::new(RefCell::new(Session {
        api,
        scope: config.scope,
        mastery,
        started: js_sys::Date::now(),
        sent: BTreeMap::new(),
        read_only: review,
        finished: false,
        keep_lms_value_until,
        notes_told: false,
        timer: None,
    }));
    commit(&session, state, panel);

    let on_change = session.clone();
    Effect::new(move |first: Option<()>| {
        state.dossier.with(|d| d.revision);
        state.evaluation.track();
        if first.is_some() {
            schedule(&on_change, state, panel);
        }
    });
    let on_hide = session.clone();
    let hide = window_event_listener_untyped("pagehide", move |_| {
        commit(&on_hide, state, panel);
        finish(&on_hide);
    });
    let on_hidden = session.clone();
    let hidden = window_event_listener_untyped("visibilitychange", move |_| {
        let state_of_page = js_sys::Reflect::get(&document(), &"visibilityState".into());
        if state_of_page.ok().and_then(|v| v.as_string()).as_deref() == Some("hidden") {
            commit(&on_hidden, state, panel);
        }
    });
    // Back from the back/forward cache after LMSFinish: the session is over, start a new one.
    let shown = window_event_listener_untyped("pageshow", move |e| {
        let persisted = js_sys::Reflect::get(&e, &"persisted".into())
            .ok()
            .and_then(|v| v.as_bool());
        if persisted == Some(true) {
            let _ = window().location().reload();
        }
    });
    on_cleanup(move || {
        hide.remove();
        hidden.remove();
        shown.remove();
    });
}

/// The panel's context, in `mode`: the one already provided (while a package's referential
/// file was read), or a new one.
pub(super) fn provide(mode: Mode, scope: Option<Scope>) -> LmsContext {
    if let Some(body) = document().body() {
        // The compact layout of embed mode: the LMS frames the app.
        let _ = body.class_list().add_2("embed", "lms");
    }
    if let Some(ctx) = use_context::<LmsContext>() {
        ctx.0.update(|p| {
            p.mode = mode;
            p.scope = scope;
        });
        return ctx;
    }
    let ctx = LmsContext(RwSignal::new(Panel {
        mode,
        messages: Vec::new(),
        error: None,
        saved: false,
        scope,
    }));
    provide_context(ctx);
    ctx
}

/// The learner's own dossier in the package's namespace (one per `cmi.core.student_id`, so that
/// learners sharing a computer never see each other's answers), created on a first launch.
fn open_learner_dossier(state: AppState, student_id: &str, name: &str) {
    let id = cmi::learner_dossier_id(student_id);
    let startup = state.dossier.get_untracked();
    if startup.id == id {
        return;
    }
    if state.index.with_untracked(|i| i.contains(&id)) {
        state.switch_dossier(&id);
        return;
    }
    let name = if name.is_empty() { DEFAULT_NAME } else { name };
    state.adopt_dossier(Dossier::new(&id, name, &now()));
    // The empty dossier the first start of this namespace created is of no use to anyone.
    if startup.answers.is_empty() && state.dossier.with_untracked(|d| d.id == id) {
        state.delete_dossier(&startup.id);
    }
}

/// Applies `cmi.suspend_data` to the learner's dossier. Returns the revision to keep the LMS's
/// value until, when it could not be read.
fn restore_answers(state: AppState, raw: &str, messages: &mut Vec<PanelMessage>) -> Option<u64> {
    match suspend::decode(raw, catalog()) {
        Ok(None) => None,
        Ok(Some(r)) => {
            let d = state.dossier.get_untracked();
            let browser_newer = !d.answers.is_empty() && suspend::later(&d.updated_at, &r.saved_at);
            let changes = restore::merge(&d.answers, &r.answers, browser_newer);
            if browser_newer && r.answers != d.answers {
                messages.push(message("lms.kept_browser", vec![], false));
            } else if !r.answers.is_empty() {
                messages.push(message("lms.restored", vec![], false));
            }
            if r.notes_damaged {
                messages.push(message("lms.notes_damaged", vec![], true));
            }
            // Answers given to another version of the package's referential (a package rebuilt
            // after the trainer edited it): never applied to items they were not given for; the
            // learner is told, and the next commit replaces them.
            for s in &r.skipped {
                messages.push(message(
                    "lms.suspend.skipped",
                    vec![("id", s.referential.clone()), ("n", s.answered.to_string())],
                    true,
                ));
            }
            state.change_many(changes);
            None
        }
        Err(e) => {
            messages.push(message(e.code(), vec![], true));
            Some(state.dossier.with_untracked(|d| d.revision))
        }
    }
}

fn schedule(session: &Rc<RefCell<Session>>, state: AppState, panel: LmsContext) {
    let s = session.clone();
    let handle = set_timeout_with_handle(move || commit(&s, state, panel), COMMIT_DELAY).ok();
    if let Some(old) = std::mem::replace(&mut session.borrow_mut().timer, handle) {
        old.clear();
    }
}

/// Sends what the LMS does not hold yet, the session time, then `LMSCommit`.
fn commit(session: &Rc<RefCell<Session>>, state: AppState, panel: LmsContext) {
    let mut s = session.borrow_mut();
    if let Some(t) = s.timer.take() {
        t.clear();
    }
    if s.read_only || s.finished {
        return;
    }
    let dossier = state.dossier.get_untracked();
    let Some(report) = state
        .evaluation
        .with_untracked(|eval| report(model(), catalog(), eval, &s.scope, s.mastery))
    else {
        return;
    };
    let encoded = suspend::encode(
        &dossier.answers,
        catalog(),
        &dossier.updated_at,
        suspend::MAX_CHARS,
    );
    let mut desired = cmi::values(&report, &encoded.text);
    match s.keep_lms_value_until {
        Some(rev) if rev == dossier.revision => desired.retain(|(k, _)| k == "cmi.core.exit"),
        Some(_) => s.keep_lms_value_until = None,
        None => {}
    }
    let mut failure: Option<(String, LmsFailure)> = None;
    let pending: Vec<(String, String)> = cmi::pending(&desired, &s.sent)
        .into_iter()
        .cloned()
        .collect();
    for (element, value) in pending {
        match s.api.set(&element, &value) {
            Ok(()) => {
                s.sent.insert(element, value);
            }
            Err(f) => {
                failure.get_or_insert((element, f));
            }
        }
    }
    let elapsed = cmi::session_time(js_sys::Date::now() - s.started);
    if let Err(f) = s.api.set(SESSION_TIME, &elapsed) {
        failure.get_or_insert((SESSION_TIME.into(), f));
    }
    if let Err(f) = s.api.commit() {
        failure.get_or_insert(("LMSCommit".into(), f));
    }
    // Told once per session: one notice, whose count follows the notes that do not fit.
    let left_out =
        (s.sent.get(cmi::SUSPEND_DATA) == Some(&encoded.text)).then_some(encoded.left_out.len());
    let tell_notes = left_out.is_some_and(|n| n > 0) && !s.notes_told;
    if tell_notes {
        s.notes_told = true;
    }
    drop(s);
    panel.0.update(|p| {
        p.saved = failure.is_none();
        p.error = failure;
        let n = left_out.unwrap_or(0).to_string();
        match p
            .messages
            .iter_mut()
            .find(|m| m.text.code == NOTES_LEFT_OUT)
        {
            Some(m) if left_out.is_some() => m.text.args = vec![("n", n)],
            Some(_) => {}
            None if tell_notes => p
                .messages
                .push(message(NOTES_LEFT_OUT, vec![("n", n)], true)),
            None => {}
        }
        p.messages
            .retain(|m| m.text.code != NOTES_LEFT_OUT || m.text.args != [("n", "0".to_string())]);
    });
}

fn finish(session: &Rc<RefCell<Session>>) {
    let mut s = session.borrow_mut();
    if s.finished {
        return;
    }
    s.finished = true;
    let _ = s.api.finish();
}
