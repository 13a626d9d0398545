//! LMS mode (SPEC §12, SCORM 1.2), pure: how a package launches the app ([`launch`]), what the
//! LMS receives for an evaluation ([`report`]) and in which data-model elements ([`cmi`]), the
//! answers in `cmi.suspend_data` ([`suspend`]), the package's `imsmanifest.xml` ([`manifest`]),
//! and the package of a brought referential the browser builds ([`package`]). The browser side
//! (API discovery, calls, commits) is `ui::lms`.

pub mod cmi;
pub mod launch;
pub mod manifest;
pub mod package;
pub mod report;
pub mod restore;
pub mod suspend;
