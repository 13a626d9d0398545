//! Export and import of a dossier as a file (SPEC §7). Pure functions: the shell reads the file's
//! bytes and passes them in, and stores what comes out.
//!
//! Export file (`application/json`, UTF-8, pretty-printed, keys in a stable order):
//! ```json
//! { "format": "repere.dossier", "version": 1, "app_version": "0.1.0",
//!   "exported_at": "2026-11-23T10:00:00Z",
//!   "dossier": { "id": "…", "name": "Camille", "created_at": "…", "updated_at": "…",
//!     "quick": { "referencement": 3 },
//!     "items": { "charge-developpement-commercial/C2.1.3": { "level": 3, "evidence": "…" } } } }
//! ```
//!
//! Import never trusts the file: the size is checked before anything is read, the text is parsed
//! by a small non-recursive JSON reader (`json`, whose documentation says what it gives that
//! `serde_json` does not: duplicate keys, positions, errors told in French, numbers as written,
//! its own depth limit), and every field is checked against the bundled catalog. A file that cannot be
//! used as a whole gives an [`ImportFailure`]; answers that cannot be kept (unknown ids, levels
//! off the scale, wrong types) are skipped with one warning each. Every problem carries a stable
//! `code` (see [`code`]), a plain-French message and the values inserted in it, so that the UI
//! can also render it from a translated template.
//!
//! Import flow for the shell:
//! 1. If the browser gives the file size, refuse early with [`check_size`]; read the bytes.
//! 2. [`import_dossier`]: show the failure, or show the warnings with the imported dossier.
//! 3. [`conflicts`] against the freshest index: [`ImportChoice::New`] stores the dossier as it is;
//!    [`ImportChoice::SameId`] asks « Importer comme nouveau dossier » ([`as_new`], with a fresh id)
//!    or « Remplacer » after an explicit confirmation ([`replacing`]). Never overwrite silently.
//!
//! One module per concern, all re-exported here: `problem` (what is reported), `export` (the
//! writer), `json` (the reader with positions), `syntax` (encoding and syntax errors), `import`
//! (the file-level checks), `check` (fields and answers), `choice` (storing without overwriting).

mod check;
mod choice;
mod export;
#[cfg(test)]
mod fixtures;
mod import;
mod json;
mod problem;
mod syntax;
#[cfg(test)]
pub(crate) mod test_support;

pub use choice::{as_new, conflicts, replacing, ImportChoice};
pub use export::{export_dossier, export_file_name};
pub use import::{check_size, import_dossier, import_dossier_in};
pub use problem::{ImportFailure, ImportProblem, Imported};
// For the other imports that report the same way (core::custom, core::rncp).
pub(crate) use problem::{fr_mib, quote, Warnings};

/// The `format` of an export file.
pub const FORMAT: &str = "repere.dossier";
/// The `version` written by [`export_dossier`], the only one [`import_dossier`] reads.
pub const FORMAT_VERSION: u64 = 1;
/// Media type of an export file.
pub const MIME_TYPE: &str = "application/json";
/// Largest file [`import_dossier`] reads: 1 MiB.
pub const MAX_IMPORT_BYTES: usize = 1024 * 1024;
/// Deepest nesting of arrays and objects accepted. An export is 4 levels deep.
pub const MAX_DEPTH: usize = 32;
/// Warnings listed one by one; beyond, one summary warning counts the rest.
pub const MAX_LISTED_PROBLEMS: usize = 50;
/// Suffix given to the name of a dossier imported next to the one it was exported from.
pub const IMPORTED_SUFFIX: &str = " (importé)";

/// Stable problem codes, for the UI to pick a translated template (`args` fill it in).
pub mod code {
    // Failures: the file as a whole is unusable.
    pub const TOO_LARGE: &str = "import.too_large";
    pub const EMPTY: &str = "import.empty";
    pub const NOT_UTF8: &str = "import.not_utf8";
    pub const UTF16: &str = "import.utf16";
    pub const NOT_JSON: &str = "import.not_json";
    pub const TRUNCATED: &str = "import.truncated";
    pub const JSON_UNEXPECTED: &str = "import.json_unexpected";
    pub const JSON_CONTROL_CHAR: &str = "import.json_control_char";
    pub const JSON_ESCAPE: &str = "import.json_escape";
    pub const JSON_NUMBER: &str = "import.json_number";
    pub const JSON_TRAILING: &str = "import.json_trailing";
    pub const TOO_DEEP: &str = "import.too_deep";
    pub const DUPLICATE_KEY: &str = "import.duplicate_key";
    pub const NOT_OBJECT: &str = "import.not_object";
    pub const FORMAT_MISSING: &str = "import.format_missing";
    pub const WRONG_FORMAT: &str = "import.wrong_format";
    pub const VERSION_MISSING: &str = "import.version_missing";
    pub const VERSION_INVALID: &str = "import.version_invalid";
    pub const NEWER_VERSION: &str = "import.newer_version";
    pub const DOSSIER_MISSING: &str = "import.dossier_missing";
    pub const WRONG_TYPE: &str = "import.wrong_type";
    // Warnings: something was skipped or adjusted, the rest is imported.
    pub const UNKNOWN_FIELD: &str = "import.unknown_field";
    pub const FIELD_IGNORED: &str = "import.field_ignored";
    pub const ID_REPLACED: &str = "import.id_replaced";
    pub const NAME_MISSING: &str = "import.name_missing";
    pub const DATE_INVALID: &str = "import.date_invalid";
    pub const UNKNOWN_PIVOT: &str = "import.unknown_pivot";
    pub const UNKNOWN_ITEM: &str = "import.unknown_item";
    pub const UNRATED_ITEM: &str = "import.unrated_item";
    pub const REFERENTIAL_MISSING: &str = "import.referential_missing";
    pub const ANSWER_WRONG_TYPE: &str = "import.answer_wrong_type";
    pub const LEVEL_MISSING: &str = "import.level_missing";
    pub const LEVEL_WRONG_TYPE: &str = "import.level_wrong_type";
    pub const LEVEL_OUT_OF_RANGE: &str = "import.level_out_of_range";
    pub const EVIDENCE_WRONG_TYPE: &str = "import.evidence_wrong_type";
    pub const EVIDENCE_TRUNCATED: &str = "import.evidence_truncated";
    pub const MORE_PROBLEMS: &str = "import.more_problems";
}
