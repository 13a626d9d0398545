//! The LMS panel above every page: greeting, connection state, the LMS's refusals with their
//! codes, and the restore reports.

use super::api::LmsFailure;
use crate::core::i18n::Message;
use crate::core::route::Route;
use crate::core::scorm::cmi;
use crate::core::scorm::launch::Scope;
use crate::ui::i18n::use_i18n;
use leptos::prelude::*;

/// A message of the LMS panel: untranslated (it follows the language switch), shown as a warning
/// or as information.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct PanelMessage {
    pub(super) text: Message,
    pub(super) warning: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub(super) enum Mode {
    /// Session open; the learner's name as `cmi.core.student_name` gives it (may be empty).
    Connected {
        name: String,
        review: bool,
    },
    NoApi,
    /// The package's referential file is being read (SPEC §13 d).
    LoadingReferential,
    InitFailed(LmsFailure),
    BadLaunch(PanelMessage),
}

#[derive(Debug, Clone, PartialEq)]
pub(super) struct Panel {
    pub(super) mode: Mode,
    pub(super) messages: Vec<PanelMessage>,
    /// The first call the LMS refused at the last commit: the element (or function) and why.
    pub(super) error: Option<(String, LmsFailure)>,
    /// At least one commit went through and nothing failed since.
    pub(super) saved: bool,
    pub(super) scope: Option<Scope>,
}

/// The LMS panel's state, in the context when the app was launched by a package.
#[derive(Clone, Copy)]
pub(super) struct LmsContext(pub(super) RwSignal<Panel>);

/// Greeting, connection state, the LMS's refusals and the restore reports, above every page.
#[component]
pub fn LmsPanel() -> impl IntoView {
    let Some(ctx) = use_context::<LmsContext>() else {
        return ().into_any();
    };
    let i18n = use_i18n();
    let panel = ctx.0;
    let render = move |m: &PanelMessage| i18n.message(&m.text);
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
        Mode::LoadingReferential => i18n.t("lms.loading_referential").to_owned(),
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
                    view! { <p class=class role="status" data-testid="lms-message" data-key=m.text.code>{render(m)}</p> }
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
