//! The trainer's page that turns what they bring into a saved referential (SPEC §13): an RNCP
//! export (scanned in slices while its fiches are listed and searched, `scan`, `fiches`; the fiche
//! chosen read again from its bytes and parsed in full, then edited, `ReferentialEditor`), or a
//! `repere.referential` file (read whole, it is small). Bad input gets the core's messages,
//! naming the fiche and the block; nothing is stored before « Enregistrer » (`save`).

mod fiches;
mod save;
mod scan;

use crate::core::custom::{file as referential_file, Brought};
use crate::core::exchange::{ImportFailure, ImportProblem};
use crate::core::rncp::{self, parse_fiche, Date, Draft};
use crate::ui::components::page_head::PageHead;
use crate::ui::components::referential_editor::ReferentialEditor;
use crate::ui::i18n::use_i18n;
use crate::ui::router::focus_element;
use crate::ui::state::files::files_of;
use fiches::{problem, FicheList};
use leptos::prelude::*;
use leptos::task::spawn_local;
use save::SavePanel;
use scan::{Scan, ScanStatus};

/// What was opened from the file: a fiche's draft, or a referential file.
#[derive(Clone)]
enum Opened {
    Fiche {
        draft: Draft,
        warnings: Vec<ImportProblem>,
    },
    File(Brought),
}

/// The page's state, shared by its parts.
#[derive(Clone, Copy)]
struct Import {
    file: StoredValue<Option<web_sys::File>, LocalStorage>,
    /// Reading the file's start or a referential file, or opening a fiche.
    busy: RwSignal<bool>,
    /// The file cannot be read at all (before any scan), or the fiche chosen cannot be used.
    problems: RwSignal<Vec<ImportProblem>>,
    scan: Scan,
    /// What is open, with a number that changes at each opening (the editor starts afresh).
    opened: RwSignal<Option<(u32, Opened)>>,
}

/// « The browser could not read the file » (moved or deleted since it was picked).
fn unreadable() -> ImportFailure {
    ImportFailure::one(ImportProblem::new("ref_import.unreadable", vec![]))
}

impl Import {
    fn new() -> Import {
        Import {
            file: StoredValue::new_local(None),
            busy: RwSignal::new(false),
            problems: RwSignal::new(Vec::new()),
            scan: Scan::new(),
            opened: RwSignal::new(None),
        }
    }

    fn open(&self, opened: Opened) {
        let n = self
            .opened
            .with_untracked(|o| o.as_ref().map_or(0, |(n, _)| n + 1));
        self.opened.set(Some((n, opened)));
        request_animation_frame(|| {
            focus_element("referential-editor-title");
        });
    }

    fn fail(&self, f: ImportFailure) {
        self.busy.set(false);
        self.problems.set(f.problems);
    }

    /// A file picked or dropped: an export is scanned, a referential file read.
    fn pick(&self, file: web_sys::File) {
        self.scan.clear();
        self.opened.set(None);
        self.problems.set(Vec::new());
        self.file.set_value(Some(file.clone()));
        self.busy.set(true);
        let this = *self;
        spawn_local(async move {
            let size = file.size() as u64;
            let head = scan::read_bytes(&file, 0, size.min(4096)).await;
            let Ok(head) = head else {
                return this.fail(unreadable());
            };
            if referential_file::sniff(&head) == referential_file::Sniffed::Json {
                return this.read_referential(&file, size).await;
            }
            if let Err(f) = rncp::check_export_size(size) {
                return this.fail(f);
            }
            this.busy.set(false);
            scan::run(file, this.scan, unreadable()).await;
        });
    }

    async fn read_referential(&self, file: &web_sys::File, size: u64) {
        if let Err(f) = referential_file::check_file_size(size) {
            return self.fail(f);
        }
        let Ok(bytes) = scan::read_bytes(file, 0, size).await else {
            return self.fail(unreadable());
        };
        match referential_file::import_referential(&bytes) {
            Ok(b) => {
                self.busy.set(false);
                self.open(Opened::File(b));
            }
            Err(f) => self.fail(f),
        }
    }

    /// The trainer chose fiche `number`: the scan stops, the fiche is read again and parsed.
    fn choose(&self, number: String) {
        self.scan.stop();
        let range = self
            .scan
            .fiches
            .with_value(|l| l.find(&number).map(|f| f.range));
        let (Some(range), Some(file)) = (range, self.file.get_value()) else {
            return;
        };
        self.problems.set(Vec::new());
        self.busy.set(true);
        let this = *self;
        spawn_local(async move {
            let Ok(bytes) = scan::read_bytes(&file, range.start, range.end).await else {
                return this.fail(unreadable());
            };
            let date = Date::from_file_name(&file.name());
            match parse_fiche(&bytes, &number).and_then(|f| Draft::from_fiche(&f, date)) {
                Ok((draft, warnings)) => {
                    this.busy.set(false);
                    this.open(Opened::Fiche { draft, warnings });
                }
                Err(f) => this.fail(f),
            }
        });
    }
}

/// The file input and drop zone (`data-testid="referential-import"`).
#[component]
fn Source(import: Import) -> impl IntoView {
    let i18n = use_i18n();
    let dragging = RwSignal::new(false);
    let pick = move |files: Vec<web_sys::File>| {
        if let Some(f) = files.into_iter().next() {
            import.pick(f);
        }
    };
    let on_pick = move |ev: leptos::ev::Event| {
        use wasm_bindgen::JsCast;
        let input: Option<web_sys::HtmlInputElement> = ev.target().and_then(|t| t.dyn_into().ok());
        if let Some(input) = input {
            pick(files_of(input.files()));
            // Picking the same file again reads it again.
            input.set_value("");
        }
    };
    let on_drop = move |ev: leptos::ev::DragEvent| {
        ev.prevent_default();
        dragging.set(false);
        pick(files_of(ev.data_transfer().and_then(|d| d.files())));
    };
    view! {
        <section class="referential-source" aria-labelledby="referential-source-title">
            <h2 id="referential-source-title">{move || i18n.t("ref_import.source_title")}</h2>
            <p>{move || i18n.t("ref_import.source_help")}</p>
            <div class=move || if dragging.get() { "dropzone dragging" } else { "dropzone" }
                on:dragover=move |ev: leptos::ev::DragEvent| { ev.prevent_default(); dragging.set(true); }
                on:dragleave=move |_| dragging.set(false)
                on:drop=on_drop>
                <label for="referential-import">{move || i18n.t("ref_import.file_label")}</label>
                <input id="referential-import" type="file" accept=".xml,.json,application/xml,text/xml,application/json"
                    data-testid="referential-import" on:change=on_pick/>
                <p class="muted">{move || i18n.t("ref_import.drop_help")}</p>
            </div>
            <Show when=move || import.busy.get()>
                <p role="status">{move || i18n.t("ref_import.reading")}</p>
            </Show>
            <Show when=move || import.problems.with(|p| !p.is_empty())>
                <div class="notice notice-error" role="alert" data-testid="referential-import-error">
                    <p>{move || i18n.t("ref_import.failed")}</p>
                    <ul class="problems">{move || import.problems.get().into_iter().map(problem).collect_view()}</ul>
                </div>
            </Show>
        </section>
    }
}

/// The fiche's draft: its card, what to check, the editor, saving.
#[component]
fn FicheDraft(import: Import, draft: Draft, warnings: Vec<ImportProblem>) -> impl IntoView {
    let i18n = use_i18n();
    let f = draft.fiche.clone();
    let draft = RwSignal::new(draft);
    let make = Callback::new(move |()| draft.with_untracked(Draft::build));
    let asking = RwSignal::new(false);
    let back = move |_| {
        if draft.with_untracked(|d| d.edits.is_empty()) || asking.get_untracked() {
            import.opened.set(None);
            request_animation_frame(|| {
                focus_element("fiche-query");
            });
        } else {
            asking.set(true);
        }
    };
    let level = f.level_label.clone().or(f.level.clone());
    let has_warnings = !warnings.is_empty();
    view! {
        <section class="referential-draft" aria-labelledby="referential-editor-title" data-testid="referential-draft" data-fiche=f.number.clone()>
            <h2 id="referential-editor-title" tabindex="-1">
                {move || i18n.t("ref_import.edit_title")}" "<span lang="fr">{f.number.clone()}" — "{f.title.clone()}</span>
            </h2>
            <p class="muted" lang="fr">
                {level.map(|l| view! { {l}" · " })}
                {f.certifiers.join(", ")}" · "
                <a href=f.url() target="_blank" rel="noopener noreferrer">{move || i18n.t("ref_import.fiche_link")}</a>
            </p>
            <p class="actions">
                <button type="button" class="secondary" data-testid="back-to-fiches" on:click=back>
                    {move || if asking.get() { i18n.t("ref_import.back_confirm") } else { i18n.t("ref_import.back") }}
                </button>
            </p>
            {has_warnings.then(|| view! {
                <div class="notice notice-warning" data-testid="draft-warnings">
                    <p>{move || i18n.t("ref_import.check_first")}</p>
                    <ul class="problems">{warnings.into_iter().map(problem).collect_view()}</ul>
                </div>
            })}
            <ReferentialEditor draft=draft/>
        </section>
        <SavePanel make=make/>
    }
}

/// A referential file read: what it holds, then saving.
#[component]
fn FileReferential(brought: Brought) -> impl IntoView {
    let i18n = use_i18n();
    let r = &brought.referential;
    let items = r
        .items()
        .iter()
        .filter(|i| i.item.rated)
        .count()
        .to_string();
    let blocks = r.blocks.len().to_string();
    let summary = i18n.t_with(
        "ref_import.file_summary",
        &[("id", &r.id), ("items", &items), ("blocks", &blocks)],
    );
    let title = r.title.clone();
    let make = Callback::new(move |()| Ok(brought.clone()));
    view! {
        <section class="referential-file" aria-labelledby="referential-editor-title" data-testid="referential-file">
            <h2 id="referential-editor-title" tabindex="-1">{move || i18n.t("ref_import.file_title")}" "<span lang="fr">{title.clone()}</span></h2>
            <p>{summary}</p>
        </section>
        <SavePanel make=make/>
    }
}

#[component]
pub fn ImportReferentialPage() -> impl IntoView {
    crate::ui::router::focus_after_render(None);
    let import = Import::new();
    let choose = Callback::new(move |number: String| import.choose(number));
    let opened_key = Memo::new(move |_| import.opened.with(|o| o.as_ref().map(|(n, _)| *n)));
    let editing = move || opened_key.get().is_some();
    // The fiche list of each export starts afresh; none before an export is picked.
    let scan = import.scan;
    let listed = Memo::new(move |_| {
        let idle = scan.status.with(|s| *s == ScanStatus::Idle);
        (scan.started.get(), !idle)
    });
    view! {
        <section class="referential-import">
            <PageHead route=crate::core::route::Route::ImportReferential/>
            <Source import=import/>
            <div hidden=editing>
                {move || listed.get().1.then(|| view! { <FicheList scan=import.scan choose=choose/> })}
            </div>
            {move || {
                opened_key.track();
                import.opened.get_untracked().map(|(_, o)| match o {
                    Opened::Fiche { draft, warnings } => view! { <FicheDraft import=import draft=draft warnings=warnings/> }.into_any(),
                    Opened::File(b) => view! { <FileReferential brought=b/> }.into_any(),
                })
            }}
        </section>
    }
}
