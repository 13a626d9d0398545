//! Browser-only: the localStorage shell reports failures instead of swallowing them.
//! Runs in headless Chromium with `cargo test --target wasm32-unknown-unknown --test web_storage`.
#![cfg(target_arch = "wasm32")]

use repere::ui::storage::{read, read_prefixed, remove, write, StorageError};
use wasm_bindgen::prelude::*;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen(inline_js = "
let real = null;
export function break_set_item() {
  real = Storage.prototype.setItem;
  Storage.prototype.setItem = function () { throw new DOMException('full', 'QuotaExceededError'); };
}
export function restore_set_item() { if (real) { Storage.prototype.setItem = real; real = null; } }
")]
extern "C" {
    fn break_set_item();
    fn restore_set_item();
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
}

#[wasm_bindgen_test]
fn a_quota_error_is_reported_with_its_name() {
    break_set_item();
    let result = write("repere.wbt.full", "x");
    restore_set_item();
    assert_eq!(
        result,
        Err(StorageError::WriteFailed("QuotaExceededError".to_owned()))
    );
    assert_eq!(read("repere.wbt.full").unwrap(), None);
    write("repere.wbt.full", "x").unwrap();
}
