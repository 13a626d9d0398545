//! LMS mode (SPEC §12): the app launched by a SCORM 1.2 package (`?lms=scorm12&ref=<id>`, see
//! `core::scorm::launch`). It finds the LMS's API, opens the session, greets the learner, opens
//! their dossier in the package's namespace, restores their answers from `cmi.suspend_data`, and
//! reports score, status, objectives and answers after each change — one commit per burst of
//! answers, and always when the page is hidden or left (`pagehide`, then `LMSFinish`). A call the
//! LMS refuses is shown with its code and sent again at the next commit. With no API, the app
//! runs as usual (still in the package's namespace, still without a service worker).

use super::i18n::use_i18n;
use super::lms_api::{Api, LmsFailure};
use super::state::{model, now, AppState};
use crate::core::catalog::catalog;
use crate::core::dossier::{Dossier, DEFAULT_NAME};
use crate::core::i18n::Lang;
use crate::core::outline::Outline;
use crate::core::route::{query_param, Route};
use crate::core::scorm::cmi::{self, SESSION_TIME};
use crate::core::scorm::launch::{self, LaunchError, LmsConfig, Scope};
use crate::core::scorm::report::{parse_mastery, report};
use crate::core::scorm::{restore, suspend};
use leptos::prelude::*;
use std::cell::RefCell;
use std::collections::BTreeMap;
use std::rc::Rc;
use std::time::Duration;

/// A burst of answers within this delay is one commit: an LMS commit is a request to its server
/// (Moodle's is synchronous), too slow to run on every click.
const COMMIT_DELAY: Duration = Duration::from_millis(1500);
const NOTES_LEFT_OUT: &str = "lms.notes_left_out";

/// Whether the page was launched by an LMS package: then no service worker is registered (it
/// would take control of the LMS's own URLs), with or without an API.
pub fn launched() -> bool {
    query_param(&window().location().search().unwrap_or_default(), "lms").is_some()
}

/// What the launch URL asks for, read before the app state exists (it picks the namespace).
#[derive(Clone)]
pub struct Launch {
    config: Result<LmsConfig, LaunchError>,
}

impl Launch {
    /// `None` unless the query string has `lms=`.
    pub fn read() -> Option<Launch> {
        let query = window().location().search().unwrap_or_default();
        launch::parse(&query, &Outline).map(|config| Launch { config })
    }

    /// The package's namespace; an unusable launch keeps the candidate's own dossiers apart too.
    pub fn namespace(&self) -> String {
        match &self.config {
            Ok(c) => c.scope.namespace(),
            Err(_) => "lms".into(),
        }
    }

    pub fn lang(&self) -> Option<Lang> {
        self.config.as_ref().ok().and_then(|c| c.lang)
    }

    /// The referential to open on a first load (the package's).
    pub fn referential(&self) -> Option<String> {
        let c = self.config.as_ref().ok()?;
        c.scope.referential().map(str::to_owned)
    }
}

/// A message of the LMS panel, kept untranslated so that it follows the language switch.
#[derive(Debug, Clone, PartialEq)]
struct Message {
    key: &'static str,
    args: Vec<(&'static str, String)>,
    warning: bool,
}

#[derive(Debug, Clone, PartialEq)]
enum Mode {
    /// Session open; the learner's name as `cmi.core.student_name` gives it (may be empty).
    Connected {
        name: String,
        review: bool,
    },
    NoApi,
    InitFailed(LmsFailure),
    BadLaunch(Message),
}

#[derive(Debug, Clone, PartialEq)]
struct Panel {
    mode: Mode,
    messages: Vec<Message>,
    /// The first call the LMS refused at the last commit: the element (or function) and why.
    error: Option<(String, LmsFailure)>,
    /// At least one commit went through and nothing failed since.
    saved: bool,
    scope: Option<Scope>,
}

/// The LMS panel's state, in the context when the app was launched by a package.
#[derive(Clone, Copy)]
struct LmsContext(RwSignal<Panel>);

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

fn message(key: &'static str, args: Vec<(&'static str, String)>, warning: bool) -> Message {
    Message { key, args, warning }
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
            };
            provide(Mode::BadLaunch(msg), None);
            return;
        }
    };
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

fn provide(mode: Mode, scope: Option<Scope>) -> LmsContext {
    if let Some(body) = document().body() {
        // The compact layout of embed mode: the LMS frames the app.
        let _ = body.class_list().add_2("embed", "lms");
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
fn restore_answers(state: AppState, raw: &str, messages: &mut Vec<Message>) -> Option<u64> {
    match suspend::decode(raw) {
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
    let encoded = suspend::encode(&dossier.answers, &dossier.updated_at, suspend::MAX_CHARS);
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
        match p.messages.iter_mut().find(|m| m.key == NOTES_LEFT_OUT) {
            Some(m) if left_out.is_some() => m.args = vec![("n", n)],
            Some(_) => {}
            None if tell_notes => p
                .messages
                .push(message(NOTES_LEFT_OUT, vec![("n", n)], true)),
            None => {}
        }
        p.messages
            .retain(|m| m.key != NOTES_LEFT_OUT || m.args != [("n", "0".to_string())]);
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

/// Greeting, connection state, the LMS's refusals and the restore reports, above every page.
#[component]
pub fn LmsPanel() -> impl IntoView {
    let Some(ctx) = use_context::<LmsContext>() else {
        return ().into_any();
    };
    let i18n = use_i18n();
    let panel = ctx.0;
    let render = move |m: &Message| {
        let args: Vec<(&str, &str)> = m.args.iter().map(|(k, v)| (*k, v.as_str())).collect();
        i18n.t_with(m.key, &args)
    };
    let greeting = move || match panel.with(|p| p.mode.clone()) {
        Mode::Connected { name, .. } if !name.is_empty() => {
            i18n.t_with("lms.greeting", &[("name", &name)])
        }
        _ => String::new(),
    };
    let state_text = move || match panel.with(|p| p.mode.clone()) {
        Mode::Connected { review: true, .. } => i18n.t("lms.review").to_owned(),
        Mode::Connected { .. } => {
            let saved = panel.with(|p| p.saved);
            format!(
                "{}{}",
                i18n.t("lms.connected"),
                if saved {
                    format!(" {}", i18n.t("lms.saved"))
                } else {
                    String::new()
                }
            )
        }
        Mode::NoApi => i18n.t("lms.no_api").to_owned(),
        Mode::InitFailed(f) => i18n.t_with(
            "lms.init_failed",
            &[("code", &f.code), ("detail", &detail(&f))],
        ),
        Mode::BadLaunch(m) => render(&m),
    };
    let error = move || {
        panel.with(|p| p.error.clone()).map(|(element, f)| {
            i18n.t_with(
                "lms.error",
                &[
                    ("element", &element),
                    ("reason", i18n.t(cmi::error_key(&f.code))),
                    ("code", &f.code),
                    ("detail", &detail(&f)),
                ],
            )
        })
    };
    let record = move || {
        Route::Record {
            id: panel.with(|p| {
                p.scope
                    .as_ref()
                    .and_then(|s| s.referential().map(str::to_owned))
            }),
        }
        .to_hash()
    };
    // Plain closures rather than <Show>/<For>: the panel is tiny and this keeps the wasm smaller.
    let messages = move || {
        panel.with(|p| {
            p.messages
                .iter()
                .map(|m| {
                    let class = if m.warning { "notice notice-warning" } else { "notice notice-info" };
                    view! { <p class=class role="status" data-testid="lms-message" data-key=m.key>{render(m)}</p> }
                })
                .collect_view()
        })
    };
    view! {
        <section class="lms-panel no-print" data-testid="lms-panel" aria-labelledby="lms-title">
            <h2 id="lms-title" class="visually-hidden">{move || i18n.t("lms.title")}</h2>
            {move || {
                let g = greeting();
                (!g.is_empty()).then(|| view! { <p class="lms-greeting" data-testid="lms-greeting">{g}</p> })
            }}
            <p role="status" data-testid="lms-state">{state_text}</p>
            <div role="alert">
                {move || error().map(|text| view! { <p class="notice notice-error" data-testid="lms-error">{text}</p> })}
            </div>
            {messages}
            <p><a href=record data-testid="lms-record">{move || i18n.t("lms.record")}</a></p>
        </section>
    }
    .into_any()
}

/// `" – <LMS's text>"` when the LMS words its error, for the `{detail}` of the messages.
fn detail(f: &LmsFailure) -> String {
    if f.text.trim().is_empty() {
        String::new()
    } else {
        format!(" – {}", f.text.trim())
    }
}
