//! The functional core: referential model, crosswalk, scoring and validation. Nothing here may
//! depend on Leptos or web-sys, so that `cargo test` exercises it natively.

pub mod answers;
pub mod catalog;
pub mod cohort;
pub mod compact;
pub mod custom;
pub mod dossier;
pub mod embed;
pub mod exchange;
pub mod i18n;
pub mod model;
pub mod numbers;
pub mod outline;
pub mod record;
pub mod rncp;
pub mod route;
pub mod scoring;
pub mod scorm;
pub mod search;
pub mod share;
pub mod text;
pub mod validate;
pub mod zip;
