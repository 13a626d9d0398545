//! A package for a referential a trainer brought (SPEC §13 d) carries its file beside the app
//! (`file=` in the launch URL): read and checked like an imported file, stored in the package's
//! namespace (or, with no storage, installed for the session), before the session starts and the
//! positioning opens. The package's file wins over a copy stored by an earlier version of the
//! package: the candidate rates the referential the LMS was given.

use super::launch::Launch;
use super::panel::{Mode, PanelMessage};
use super::session::{self, message};
use crate::core::custom::file::import_referential;
use crate::core::i18n::Lang;
use crate::core::route::{percent_encode, Route};
use crate::ui::router::open_route;
use crate::ui::state::bytes::{fetch_bytes, BytesError};
use crate::ui::state::library::install_brought;
use crate::ui::state::{catalog, AppState, SaveProblem};
use leptos::prelude::*;
use leptos::task::spawn_local;

/// Shows « Chargement du référentiel… », reads the file, then starts the session.
pub(super) fn start(owner: Owner, launch: Launch, state: AppState, file: String, lang: Lang) {
    let panel = session::provide(Mode::LoadingReferential, None);
    spawn_local(async move {
        let wanted = launch.referential().unwrap_or_default();
        let loaded = load(state, &file, &wanted, lang).await;
        owner.with(|| match loaded {
            Ok(()) => {
                session::start(launch, state);
                // The package opens its referential's positioning, unless the learner went on.
                if window().location().hash().unwrap_or_default().len() <= 2 {
                    open_route(&Route::Assess {
                        id: Some(wanted),
                        anchor: None,
                    });
                }
            }
            Err(m) => panel.0.update(|p| p.mode = Mode::BadLaunch(m)),
        });
    });
}

async fn load(state: AppState, file: &str, wanted: &str, lang: Lang) -> Result<(), PanelMessage> {
    let bytes = fetch_bytes(&percent_encode(file)).await.map_err(|e| {
        let reason = match e {
            BytesError::Status(s) => format!("HTTP {s}"),
            _ => "—".into(),
        };
        message(
            "lms.file_unreadable",
            vec![("file", file.to_owned()), ("reason", reason)],
            true,
        )
    })?;
    let invalid = |problems: Vec<String>| {
        message(
            "lms.file_invalid",
            vec![("file", file.to_owned()), ("problems", problems.join(" "))],
            true,
        )
    };
    let b = import_referential(&bytes.to_vec())
        .map_err(|f| invalid(f.problems.iter().map(|p| p.render(lang)).collect()))?;
    if b.referential.id != wanted {
        return Err(message(
            "lms.file_other_referential",
            vec![
                ("file", file.to_owned()),
                ("id", b.referential.id.clone()),
                ("ref", wanted.to_owned()),
            ],
            true,
        ));
    }
    if state.brought(wanted) == Some(&b) {
        return Ok(());
    }
    match state.save_brought(b.clone()) {
        Ok(_) => Ok(()),
        // No storage in this frame: the LMS keeps the answers (suspend data); the referential is
        // there for the session.
        Err(SaveProblem::Storage(_)) => {
            let mut all: Vec<_> = catalog().brought().to_vec();
            all.retain(|r| r.id != b.referential.id);
            all.push(b.referential);
            install_brought(all);
            Ok(())
        }
        Err(p) => Err(invalid(p.messages(lang))),
    }
}
