//! The one adapter to `localStorage` (through gloo-storage, the design's named dependency). Every
//! failure is returned, never swallowed: the caller keeps the work in memory and shows the
//! message (SPEC §6).
//!
//! Values are raw strings: the core writes and versions its own JSON (dossiers, index) and keeps
//! unreadable values verbatim aside, so gloo's typed `get`/`set` (which would JSON-encode a string
//! once more and refuse to read a corrupt value) are not used; its `LocalStorage` handle and the
//! browser error (`gloo_utils::errors::JsError`, whose `name` is e.g. `QuotaExceededError`) are.

use crate::core::dossier::Write;
use gloo_storage::{LocalStorage, Storage};
use gloo_utils::errors::JsError;
use wasm_bindgen::JsValue;

#[derive(Debug, Clone, PartialEq)]
pub enum StorageError {
    /// localStorage is missing or blocked (private mode, disabled cookies, sandboxed iframe).
    Unavailable,
    /// The write was refused: the browser's error name (`QuotaExceededError`…), empty when what
    /// was thrown is not an `Error`.
    WriteFailed(String),
}

/// The storage, or `Unavailable`. gloo's `LocalStorage::raw()` throws a JS exception instead of
/// returning an error when the storage is missing or access is denied (`SecurityError`), which
/// would abort the app: ask the browser first.
fn local() -> Result<web_sys::Storage, StorageError> {
    match web_sys::window().map(|w| w.local_storage()) {
        Some(Ok(Some(_))) => Ok(LocalStorage::raw()),
        _ => Err(StorageError::Unavailable),
    }
}

/// The browser's name for a failure; anything thrown that is not an `Error` has none.
fn error_name(thrown: JsValue) -> String {
    JsError::try_from(thrown)
        .map(|e| e.name)
        .unwrap_or_default()
}

/// Every `(key, value)` whose key starts with `prefix`.
pub fn read_prefixed(prefix: &str) -> Result<Vec<(String, String)>, StorageError> {
    let s = local()?;
    let n = s.length().map_err(|_| StorageError::Unavailable)?;
    let mut out = Vec::new();
    for i in 0..n {
        if let Ok(Some(key)) = s.key(i) {
            if key.starts_with(prefix) {
                if let Ok(Some(value)) = s.get_item(&key) {
                    out.push((key, value));
                }
            }
        }
    }
    Ok(out)
}

/// The raw string stored under `key`, if any.
pub fn read(key: &str) -> Result<Option<String>, StorageError> {
    local()?
        .get_item(key)
        .map_err(|_| StorageError::Unavailable)
}

/// Stores `value` as is (no JSON encoding).
pub fn write(key: &str, value: &str) -> Result<(), StorageError> {
    local()?
        .set_item(key, value)
        .map_err(|e| StorageError::WriteFailed(error_name(e)))
}

pub fn remove(key: &str) -> Result<(), StorageError> {
    local()?
        .remove_item(key)
        .map_err(|e| StorageError::WriteFailed(error_name(e)))
}

/// Carries out the writes the storage core planned, in order, stopping at the first failure.
pub fn perform(writes: &[Write]) -> Result<(), StorageError> {
    for w in writes {
        match w {
            Write::Set { key, value } => write(key, value)?,
            Write::Remove { key } => remove(key)?,
        }
    }
    Ok(())
}
