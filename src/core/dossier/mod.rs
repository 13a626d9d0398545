//! Persistence core (SPEC §6): storage keys, the stored formats and their migrations, the startup
//! plan and the multi-tab writing protocol. Pure functions only: the browser shell reads
//! localStorage, passes the strings and the current time (ISO-8601) in, and performs the writes
//! returned here, so every rule about not losing data is tested natively.
//!
//! Keys, under `repere.<namespace>.`:
//! - `index`: `{ "version": 1, "active": id|null, "dossiers": [{id, name, created_at, updated_at}] }`
//! - `dossier.<id>`: `{ "version": 1, "id", "name", "created_at", "updated_at", "revision",
//!   "quick": {pivot: level}, "items": {"<ref>/<item>": {"level": n, "evidence": "…"}} }`
//! - `answers`: the unversioned v0 prototype format, migrated at startup (see [`migrate_legacy`]).
//! - `<key>.corrupt` (then `<key>.corrupt-2`, …): an unreadable value kept aside, never read again.
//!
//! Writing protocol for the shell:
//! 1. At startup, read every entry under [`prefix`] and run [`plan_startup`]; perform its `writes`
//!    in order and stop at the first failure (the plan is derived from what is stored, so whatever
//!    was not done is planned again at the next startup, and no value is removed before its copy).
//! 2. For each edit, keep the [`Change`] in a pending list, re-read `dossier.<id>`, call
//!    [`rebase_all`] (or [`rebase`]) and write the result; clear the pending list once the write
//!    succeeded. The result becomes the in-memory dossier even when the write fails, so the work is
//!    never lost and is written again with the next change.
//! 3. On a `storage` event for the open dossier, decode the new value and adopt it when
//!    [`is_newer`] says so (re-applying the pending changes with [`rebase_all`]).
//! 4. Index edits ([`create`], [`rename`], [`delete`], [`set_active`]) are applied to
//!    [`fresh_index`], i.e. to the stored index re-read just before writing it.
//!
//! `Err(LoadError::TooNew)` from any of these means: do not write that key (a newer version of
//! Repère owns it; [`keep_newer`] gives the notice). `Err(LoadError::Corrupt)` means: move it
//! aside with [`set_aside_before_write`] (the same free-key plan as at startup; perform its
//! writes, stopping at the first failure), and only once that succeeded write this tab's value
//! there: an unreadable value is never overwritten.
//!
//! Nothing here is worded for the user directly: every report is a [`StorageNotice`] (a stable
//! code from [`notice`] and its values), rendered by the shell in the UI language from the locale
//! files, so that `fr.json` holds the only French wording.
//!
//! One module per concern, all re-exported here: `keys` (keys, namespaces, ids, names), [`notice`]
//! (reports and their codes), `data` (the types), `sanitize` (answers against the catalog),
//! `format` (stored formats), `migrate` (older formats), `sync` (edits and the multi-tab
//! protocol), `manage` (dossier management), `aside` (unreadable and too-new values), `startup`
//! (the startup plan).

mod aside;
mod data;
mod format;
mod keys;
mod manage;
mod migrate;
pub mod notice;
mod sanitize;
mod startup;
mod sync;
#[cfg(test)]
pub(crate) mod test_support;

pub use aside::{keep_newer, set_aside, set_aside_before_write, Kept, SetAside};
pub use data::{Dossier, DossierIndex, DossierMeta, LoadError, Write};
pub use format::{
    decode_dossier, decode_dossier_with_warnings, decode_index, encode_dossier, encode_index,
};
pub use keys::{
    corrupt_key, dossier_key, index_key, key, legacy_key, namespace_or_default, normalize_name,
    prefix, valid_id, valid_namespace,
};
pub use manage::{create, delete, fresh_index, rename, set_active, sync_meta, Deletion};
pub use migrate::{migrate_legacy, migrate_legacy_with_warnings, Migration};
pub use notice::StorageNotice;
pub use sanitize::{is_brought_item, item_max, pivot_known, sanitize_answers, BROUGHT_MAX};
pub use startup::{plan_startup, Startup};
pub use sync::{apply, is_newer, rebase, rebase_all, Change};

/// Schema version written in every stored value.
pub const CURRENT_VERSION: u64 = 1;
pub const DEFAULT_NAMESPACE: &str = "default";
pub const DEFAULT_NAME: &str = "Mon dossier";
pub const MAX_NAMESPACE_CHARS: usize = 40;
pub const MAX_ID_CHARS: usize = 40;
pub const MAX_NAME_CHARS: usize = 60;
/// Longest evidence note kept by [`apply`]; matches the `maxlength` of the UI's text area and
/// keeps a full dossier well under the 1 MiB import limit and the localStorage quota.
pub const MAX_EVIDENCE_CHARS: usize = 2000;

pub const INDEX_SUFFIX: &str = "index";
/// The single key written by the v0 prototype.
pub const LEGACY_SUFFIX: &str = "answers";
pub const DOSSIER_SUFFIX_PREFIX: &str = "dossier.";
pub const CORRUPT_SUFFIX: &str = ".corrupt";
