//! Browser-only: the localStorage adapter (`ui::state::storage`, over gloo-storage) stores raw strings and
//! reports every failure with the browser's error name instead of swallowing it or aborting.
//! Runs in headless Chromium with `cargo test --target wasm32-unknown-unknown --test web_storage`.
#![cfg(target_arch = "wasm32")]

use repere::ui::state::storage::{read, read_prefixed, remove, write, StorageError};
use wasm_bindgen::prelude::*;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen(inline_js = "
const saved = {};
export function break_method(name, how) {
  saved[name] = Storage.prototype[name];
  Storage.prototype[name] = function () {
    if (how === 'string') throw 'not an Error';
    throw new DOMException('refused', how);
  };
}
export function restore_method(name) { Storage.prototype[name] = saved[name]; delete saved[name]; }
let own = null;
export function block_storage() {
  own = Object.getOwnPropertyDescriptor(window, 'localStorage');
  Object.defineProperty(window, 'localStorage', {
    configurable: true,
    get() { throw new DOMException('The document is sandboxed', 'SecurityError'); },
  });
}
export function unblock_storage() { Object.defineProperty(window, 'localStorage', own); }
export function raw_get(key) { return localStorage.getItem(key); }
export function raw_set(key, value) { localStorage.setItem(key, value); }
")]
extern "C" {
    fn break_method(name: &str, how: &str);
    fn restore_method(name: &str);
    fn block_storage();
    fn unblock_storage();
    fn raw_get(key: &str) -> Option<String>;
    fn raw_set(key: &str, value: &str);
}

#[wasm_bindgen_test]
fn writes_reads_and_removes() {
    write("repere.wbt.a", "1").unwrap();
    write("repere.wbt.b", "2").unwrap();
    write("repere.other.c", "3").unwrap();
    assert_eq!(read("repere.wbt.a").unwrap().as_deref(), Some("1"));
    let mut found = read_prefixed("repere.wbt.").unwrap();
    found.sort();
    assert_eq!(
        found,
        vec![
            ("repere.wbt.a".to_owned(), "1".to_owned()),
            ("repere.wbt.b".to_owned(), "2".to_owned())
        ]
    );
    remove("repere.wbt.a").unwrap();
    assert_eq!(read("repere.wbt.a").unwrap(), None);
    assert_eq!(read("repere.wbt.never-written").unwrap(), None);
}

/// The core versions its own JSON and sets unreadable values aside verbatim: what is written is
/// what the browser holds, and what the browser holds is what is read (no JSON layer).
#[wasm_bindgen_test]
fn values_are_raw_strings_both_ways() {
    for value in [
        r#"{"version":1,"id":"x","name":"Camille"}"#,
        r#"{"version":1,"id":"x","name":"Cam"#,
        "fr",
        "\"quoted\"",
        "",
        "Élodie — 🎓",
    ] {
        write("repere.wbt.raw", value).unwrap();
        assert_eq!(raw_get("repere.wbt.raw").as_deref(), Some(value));
        assert_eq!(read("repere.wbt.raw").unwrap().as_deref(), Some(value));
    }
    // A value written by an older Repère (or by hand) that is not JSON is read as it is.
    raw_set("repere.wbt.legacy", "en");
    assert_eq!(read("repere.wbt.legacy").unwrap().as_deref(), Some("en"));
    remove("repere.wbt.raw").unwrap();
    remove("repere.wbt.legacy").unwrap();
}

#[wasm_bindgen_test]
fn a_quota_error_is_reported_with_its_name() {
    break_method("setItem", "QuotaExceededError");
    let result = write("repere.wbt.full", "x");
    restore_method("setItem");
    assert_eq!(
        result,
        Err(StorageError::WriteFailed("QuotaExceededError".to_owned()))
    );
    assert_eq!(read("repere.wbt.full").unwrap(), None);
    write("repere.wbt.full", "x").unwrap();
    remove("repere.wbt.full").unwrap();
}

#[wasm_bindgen_test]
fn a_failed_removal_is_reported_with_its_name() {
    write("repere.wbt.keep", "1").unwrap();
    break_method("removeItem", "InvalidStateError");
    let result = remove("repere.wbt.keep");
    restore_method("removeItem");
    assert_eq!(
        result,
        Err(StorageError::WriteFailed("InvalidStateError".to_owned()))
    );
    assert_eq!(read("repere.wbt.keep").unwrap().as_deref(), Some("1"));
    remove("repere.wbt.keep").unwrap();
}

/// Something thrown that is not an `Error` is still a reported failure, not a crash.
#[wasm_bindgen_test]
fn a_thrown_non_error_is_a_failure_without_a_name() {
    break_method("setItem", "string");
    let result = write("repere.wbt.odd", "x");
    restore_method("setItem");
    assert_eq!(result, Err(StorageError::WriteFailed(String::new())));
}

/// Blocked storage (sandboxed iframe, cookies disabled) throws on `window.localStorage` itself:
/// every operation says `Unavailable` instead of throwing through the app.
#[wasm_bindgen_test]
fn blocked_storage_is_unavailable_everywhere() {
    write("repere.wbt.blocked", "1").unwrap();
    block_storage();
    let results = (
        read("repere.wbt.blocked"),
        read_prefixed("repere.wbt."),
        write("repere.wbt.blocked", "2"),
        remove("repere.wbt.blocked"),
    );
    unblock_storage();
    assert_eq!(results.0, Err(StorageError::Unavailable));
    assert_eq!(results.1, Err(StorageError::Unavailable));
    assert_eq!(results.2, Err(StorageError::Unavailable));
    assert_eq!(results.3, Err(StorageError::Unavailable));
    assert_eq!(read("repere.wbt.blocked").unwrap().as_deref(), Some("1"));
    remove("repere.wbt.blocked").unwrap();
}
