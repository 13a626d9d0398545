//! The SCORM 1.2 package of a brought referential, built in the browser (SPEC §13 d): the app's
//! own files as its service worker precaches them (`precache.json`), fetched one by one (from
//! the worker's cache when it holds them, so it works offline too), the referential's file, and
//! the manifest of `make scorm` (`core::scorm::package`), zipped with `core::zip`. Each file is
//! copied into the wasm memory only for its CRC; the archive is a Blob of the files' own buffers.

use crate::core::custom::Brought;
use crate::core::numbers::whole;
use crate::core::route::percent_encode;
use crate::core::scorm::package::{app_files, plan, Plan, PRECACHE_LIST, REFERENTIAL_FILE};
use crate::core::zip::ZipWriter;
use crate::ui::i18n::use_i18n;
use crate::ui::state::bytes::{fetch_bytes, BytesError};
use crate::ui::state::catalog;
use crate::ui::state::files::download_parts;
use leptos::prelude::*;
use leptos::task::spawn_local;

/// Where the package stands.
#[derive(Clone, PartialEq)]
enum Step {
    Idle,
    /// Files fetched so far, of how many.
    Building(usize, usize),
    /// The package's file name and size in KiB.
    Done(String, usize),
    /// A locale key and its arguments.
    Failed(&'static str, Vec<(&'static str, String)>),
}

fn url_of(path: &str) -> String {
    path.split('/')
        .map(percent_encode)
        .collect::<Vec<_>>()
        .join("/")
}

fn fetch_failure(file: &str, e: BytesError) -> Step {
    let reason = match e {
        BytesError::Status(s) => format!("HTTP {s}"),
        _ => "—".into(),
    };
    Step::Failed(
        "delivery.scorm_fetch_failed",
        vec![("file", file.to_owned()), ("reason", reason)],
    )
}

/// The package's plan, from the build's list of files.
async fn planned(b: &Brought, mastery: Option<u8>) -> Result<Plan, Step> {
    let list = fetch_bytes(PRECACHE_LIST)
        .await
        .map_err(|e| fetch_failure(PRECACHE_LIST, e))?;
    let list = String::from_utf8(list.to_vec()).unwrap_or_default();
    let files = app_files(&list).map_err(|e| {
        Step::Failed(
            "delivery.scorm_build_failed",
            vec![("error", e.to_string())],
        )
    })?;
    plan(&files, catalog(), b, env!("CARGO_PKG_VERSION"), mastery).map_err(|e| {
        Step::Failed(
            "delivery.scorm_build_failed",
            vec![("error", e.to_string())],
        )
    })
}

/// Fetches every file and assembles the archive: its pieces, in order, and its size.
async fn build(
    b: &Brought,
    mastery: Option<u8>,
    step: RwSignal<Step>,
) -> Result<(String, js_sys::Array, usize), Step> {
    let plan = planned(b, mastery).await?;
    let zip_failed = |e: crate::core::zip::ZipError| {
        Step::Failed(
            "delivery.scorm_build_failed",
            vec![("error", e.to_string())],
        )
    };
    let mut zip = ZipWriter::new();
    let parts = js_sys::Array::new();
    let mut size = 0;
    let mut push = |zip: &mut ZipWriter, name: &str, bytes: &[u8], data: &js_sys::Uint8Array| {
        let header = zip.entry(name, bytes).map_err(zip_failed)?;
        size += header.len() + bytes.len();
        parts.push(&js_sys::Uint8Array::from(header.as_slice()));
        parts.push(data);
        Ok::<(), Step>(())
    };
    let manifest = plan.manifest.as_bytes();
    push(
        &mut zip,
        "imsmanifest.xml",
        manifest,
        &js_sys::Uint8Array::from(manifest),
    )?;
    let total = plan.files.len();
    for (n, file) in plan.files.iter().enumerate() {
        let _ = step.try_set(Step::Building(n, total));
        let data = fetch_bytes(&url_of(file))
            .await
            .map_err(|e| fetch_failure(file, e))?;
        // Copied once, for its CRC; the archive keeps the fetched buffer.
        push(&mut zip, file, &data.to_vec(), &data)?;
    }
    let referential = plan.referential.as_bytes();
    push(
        &mut zip,
        REFERENTIAL_FILE,
        referential,
        &js_sys::Uint8Array::from(referential),
    )?;
    let end = zip.finish().map_err(zip_failed)?;
    size += end.len();
    parts.push(&js_sys::Uint8Array::from(end.as_slice()));
    Ok((plan.file_name, parts, size))
}

/// The SCORM part of the panel: an optional mastery score, the button, where it stands.
#[component]
pub(super) fn PackageDownload(b: &'static Brought) -> impl IntoView {
    let i18n = use_i18n();
    let step = RwSignal::new(Step::Idle);
    let mastery = RwSignal::new(String::new());
    let start = move |_| {
        let m = mastery.get_untracked();
        let m = m.trim();
        let score = if m.is_empty() {
            None
        } else {
            match m.parse::<u8>().ok().filter(|m| *m <= 100) {
                Some(s) => Some(s),
                None => {
                    step.set(Step::Failed("delivery.scorm_mastery_invalid", vec![]));
                    return;
                }
            }
        };
        step.set(Step::Building(0, 0));
        spawn_local(async move {
            let done = match build(b, score, step).await {
                Ok((name, parts, size)) => match download_parts(&name, "application/zip", &parts) {
                    Ok(()) => Step::Done(name, size.div_ceil(1024)),
                    Err(_) => Step::Failed("delivery.download_failed", vec![]),
                },
                Err(failed) => failed,
            };
            let _ = step.try_set(done);
        });
    };
    let busy = move || matches!(step.get(), Step::Building(..));
    let status = move || {
        let lang = i18n.lang.get();
        match step.get() {
            Step::Idle => String::new(),
            Step::Building(n, total) => i18n.t_with(
                "delivery.scorm_building",
                &[("n", &whole(lang, n)), ("total", &whole(lang, total))],
            ),
            Step::Done(name, kib) => i18n.t_with(
                "delivery.scorm_done",
                &[("name", &name), ("size", &whole(lang, kib))],
            ),
            Step::Failed(key, args) => {
                let args: Vec<(&str, &str)> = args.iter().map(|(k, v)| (*k, v.as_str())).collect();
                i18n.t_with(key, &args)
            }
        }
    };
    view! {
        <h3>{move || i18n.t("delivery.scorm_title")}</h3>
        <p>{move || i18n.t("delivery.scorm_help")}</p>
        <p>
            <label for="scorm-mastery">{move || i18n.t("delivery.scorm_mastery")}</label>
            " "
            <input id="scorm-mastery" type="number" min="0" max="100" step="1" inputmode="numeric" data-testid="scorm-mastery"
                prop:value=move || mastery.get() on:input=move |ev| mastery.set(event_target_value(&ev))/>
        </p>
        <p><button type="button" class="secondary" data-testid="download-scorm" disabled=busy on:click=start>{move || i18n.t("delivery.scorm_download")}</button></p>
        <p role="status" data-testid="scorm-status" data-done=move || matches!(step.get(), Step::Done(..)).to_string()>{status}</p>
    }
}
