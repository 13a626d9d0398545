//! What the launch URL asks for (`?lms=scorm12&ref=<id>&lang=`, and `file=` for a brought
//! referential's package), read before anything else.

use crate::core::i18n::Lang;
use crate::core::outline::OutlineOrBrought;
use crate::core::route::query_param;
use crate::core::scorm::launch::{self, LaunchError, LmsConfig};
use leptos::prelude::*;

/// Whether the page was launched by an LMS package: then no service worker is registered (it
/// would take control of the LMS's own URLs), with or without an API.
pub fn launched() -> bool {
    query_param(&window().location().search().unwrap_or_default(), "lms").is_some()
}

/// What the launch URL asks for, read before the app state exists (it picks the namespace).
#[derive(Clone)]
pub struct Launch {
    pub(super) config: Result<LmsConfig, LaunchError>,
}

impl Launch {
    /// `None` unless the query string has `lms=`.
    pub fn read() -> Option<Launch> {
        let query = window().location().search().unwrap_or_default();
        launch::parse(&query, &OutlineOrBrought).map(|config| Launch { config })
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

    /// The file of the brought referential the package carries (SPEC §13 d), read before the
    /// session starts.
    pub fn file(&self) -> Option<String> {
        self.config.as_ref().ok().and_then(|c| c.file.clone())
    }

    /// The referential to open on a first load (the package's).
    pub fn referential(&self) -> Option<String> {
        let c = self.config.as_ref().ok()?;
        c.scope.referential().map(str::to_owned)
    }
}
