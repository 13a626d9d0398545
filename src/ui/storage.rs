//! localStorage access for the shell. Every failure is returned, never swallowed: the caller keeps
//! the work in memory and shows the message (SPEC §6).

use leptos::prelude::window;

#[derive(Debug, Clone, PartialEq)]
pub enum StorageError {
    /// localStorage is missing or blocked (private mode, disabled cookies, sandboxed iframe).
    Unavailable,
    /// The write was refused (quota exceeded, or any other exception).
    WriteFailed(String),
}

fn storage() -> Result<web_sys::Storage, StorageError> {
    window()
        .local_storage()
        .ok()
        .flatten()
        .ok_or(StorageError::Unavailable)
}

/// Every `(key, value)` whose key starts with `prefix`.
pub fn read_prefixed(prefix: &str) -> Result<Vec<(String, String)>, StorageError> {
    let s = storage()?;
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

pub fn read(key: &str) -> Result<Option<String>, StorageError> {
    storage()?
        .get_item(key)
        .map_err(|_| StorageError::Unavailable)
}

pub fn write(key: &str, value: &str) -> Result<(), StorageError> {
    storage()?.set_item(key, value).map_err(|e| {
        let detail = js_sys::Reflect::get(&e, &"name".into())
            .ok()
            .and_then(|n| n.as_string())
            .unwrap_or_default();
        StorageError::WriteFailed(detail)
    })
}

pub fn remove(key: &str) -> Result<(), StorageError> {
    storage()?
        .remove_item(key)
        .map_err(|_| StorageError::WriteFailed(String::new()))
}
