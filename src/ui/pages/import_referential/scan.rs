//! Reading an RNCP export in the browser (SPEC §13): the file is never held whole. It is read in
//! slices of [`SLICE`] bytes (`Blob.slice(a, b).arrayBuffer()`), each fed to `core::rncp`'s
//! scanner into one buffer reused from slice to slice; the next slice is asked for before the
//! current one is parsed, so the browser reads while the scanner works; between two slices the
//! loop gives the event loop a turn (a timer task), so the page renders the progress, answers the
//! search box and the « Arrêter » button, and no task runs long (SPEC §13: none over 200 ms; a
//! slice takes a few tens of ms to parse). The fiches found go to a `FoundFiches`, which the
//! trainer searches while the scan goes on.

use crate::core::exchange::{ImportFailure, ImportProblem};
use crate::core::rncp::{FoundFiches, Scanner};
use leptos::prelude::*;
use wasm_bindgen::JsValue;
use wasm_bindgen_futures::JsFuture;

/// Bytes read at a time: large enough that the per-slice costs (a promise, a copy into wasm
/// memory, one render) stay small beside the parsing, small enough that parsing one takes a few
/// tens of ms.
pub const SLICE: u64 = 1 << 20;

/// How a scan is going.
#[derive(Debug, Clone, PartialEq)]
pub enum ScanStatus {
    /// No export picked.
    Idle,
    Running,
    /// The whole file was read; `warnings` are the fiches left out (no usable number…).
    Done {
        warnings: Vec<ImportProblem>,
    },
    /// Stopped by the trainer (or because a fiche was chosen): the fiches found so far stay.
    Stopped,
    /// The file is not a readable export; the fiches found before the problem stay.
    Failed(Vec<ImportProblem>),
}

/// The page's scan of an export: what it shows of it. Made once with the page (its signals go
/// when the page goes, which ends a scan under way); each export picked starts a new run.
#[derive(Clone, Copy)]
pub struct Scan {
    pub total: RwSignal<u64>,
    pub read: RwSignal<u64>,
    pub status: RwSignal<ScanStatus>,
    /// How many fiches were found: also what tells the list to look at the new ones.
    pub found: RwSignal<usize>,
    pub fiches: StoredValue<FoundFiches>,
    /// Which export this is (the fiche list starts afresh with each).
    pub started: RwSignal<u32>,
    /// The run allowed to go on: a new export or a stop changes it, and the older loop ends.
    run: StoredValue<u32>,
}

impl Scan {
    pub fn new() -> Scan {
        Scan {
            total: RwSignal::new(0),
            read: RwSignal::new(0),
            status: RwSignal::new(ScanStatus::Idle),
            found: RwSignal::new(0),
            fiches: StoredValue::new(FoundFiches::new()),
            started: RwSignal::new(0),
            run: StoredValue::new(0),
        }
    }

    /// Forgets the last export (its fiches too); a run under way ends.
    pub fn clear(&self) {
        self.run.update_value(|r| *r += 1);
        self.fiches.set_value(FoundFiches::new());
        self.total.set(0);
        self.read.set(0);
        self.found.set(0);
        self.status.set(ScanStatus::Idle);
    }

    /// Starts a run over an export of `total` bytes; returns its number.
    fn start(&self, total: u64) -> u32 {
        self.clear();
        self.total.set(total);
        self.status.set(ScanStatus::Running);
        self.started.update(|n| *n += 1);
        self.run.get_value()
    }

    /// Asks the running scan to stop after the slice under way.
    pub fn stop(&self) {
        self.run.update_value(|r| *r += 1);
        if self.running_untracked() {
            self.status.set(ScanStatus::Stopped);
        }
    }

    /// Whether run `id` may go on: the page is still there and nothing stopped it.
    fn goes_on(&self, id: u32) -> bool {
        !self.read.is_disposed() && self.run.try_get_value() == Some(id)
    }

    pub fn running(&self) -> bool {
        self.status.with(|s| *s == ScanStatus::Running)
    }

    fn running_untracked(&self) -> bool {
        self.status.with_untracked(|s| *s == ScanStatus::Running)
    }
}

/// The bytes `start..end` of `file`, as a promise of an `ArrayBuffer`.
pub fn read_range(file: &web_sys::File, start: u64, end: u64) -> Result<JsFuture, JsValue> {
    let blob = file.slice_with_f64_and_f64(start as f64, end as f64)?;
    Ok(JsFuture::from(blob.array_buffer()))
}

/// The bytes `start..end` of `file`.
pub async fn read_bytes(file: &web_sys::File, start: u64, end: u64) -> Result<Vec<u8>, JsValue> {
    let buffer = read_range(file, start, end)?.await?;
    Ok(js_sys::Uint8Array::new(&buffer).to_vec())
}

/// Resolves in a later browser task, so that the page renders and answers input meanwhile.
async fn next_task() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        let _ = window().set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 0);
    });
    let _ = JsFuture::from(promise).await;
}

/// Reads `file` to the end (or until stopped), feeding the scanner; `scan` shows how it goes.
/// `unreadable` is what to say when the browser cannot read the file (moved, deleted).
pub async fn run(file: web_sys::File, scan: Scan, unreadable: ImportFailure) {
    let total = file.size() as u64;
    let id = scan.start(total);
    let mut scanner = Scanner::new();
    let mut buffer = Vec::new();
    let mut at = 0u64;
    let mut next = Some(read_range(&file, 0, total.min(SLICE)));
    while let Some(pending) = next.take() {
        let array = match pending {
            Ok(p) => p.await.map(|b| js_sys::Uint8Array::new(&b)),
            Err(e) => Err(e),
        };
        if !scan.goes_on(id) {
            return;
        }
        let Ok(array) = array else {
            scan.status.set(ScanStatus::Failed(unreadable.problems));
            return;
        };
        let end = at + u64::from(array.length());
        // Ask for the next slice now: the browser reads it while this one is parsed.
        next = (end < total).then(|| read_range(&file, end, total.min(end + SLICE)));
        buffer.resize(array.length() as usize, 0);
        array.copy_to(&mut buffer);
        let found = match scanner.feed(&buffer) {
            Ok(found) => found,
            Err(f) => {
                scan.status.set(ScanStatus::Failed(f.problems));
                return;
            }
        };
        if !found.is_empty() {
            scan.fiches.update_value(|l| l.extend(found));
            scan.found.set(scan.fiches.with_value(FoundFiches::len));
        }
        scan.read.set(end);
        at = end;
        next_task().await;
    }
    if !scan.goes_on(id) {
        return;
    }
    scan.status.set(match scanner.finish() {
        Ok(end) => ScanStatus::Done {
            warnings: end.warnings,
        },
        Err(f) => ScanStatus::Failed(f.problems),
    });
}
