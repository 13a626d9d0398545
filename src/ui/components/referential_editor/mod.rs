//! The trainer's editor of a referential made from an RNCP fiche (SPEC §13), before it is saved:
//! for each block, the fiche's raw list beside its default split, doubtful splits flagged; merge,
//! split, reword, delete, add, reorder items; a pasted list split like a fiche's; block titles,
//! targets, weights; for each item 1–3 suggested pivot skills with the reason, which the trainer
//! confirms or changes. Every change goes through `core::rncp::Draft::apply`, which records it
//! (the edits are saved with the referential's provenance).
//!
//! Blocks and items are keyed by id (`<For>`): an edit updates the rows in place and moves them,
//! so the control the trainer is using keeps the focus; where a row goes away or moves, the focus
//! is put back on purpose ([`focus_later`]).

mod block;
mod item;
mod pivots;

use crate::core::custom::Edit;
use crate::core::rncp::{Draft, DraftItem, EditRefused, Suggester};
use crate::ui::i18n::use_i18n;
use block::BlockEditor;
use leptos::prelude::*;
use std::cell::OnceCell;
use wasm_bindgen::JsCast;

thread_local! {
    /// Built once, the first time an item needs suggestions (a few tens of ms: every bundled
    /// item's text is read).
    static SUGGESTER: OnceCell<&'static Suggester> = const { OnceCell::new() };
}

/// The suggester over the five bundled referentials, whose crosswalk is reviewed: a brought
/// referential's pivots are the trainer's choice and do not vote.
fn suggester() -> &'static Suggester {
    SUGGESTER.with(|s| {
        *s.get_or_init(|| {
            Box::leak(Box::new(Suggester::from_catalog(
                crate::core::catalog::catalog(),
            )))
        })
    })
}

/// Applies `edit` to the draft (recorded there); `Err` when the draft refuses it, which leaves it
/// unchanged.
fn apply(draft: RwSignal<Draft>, edit: Edit) -> Result<Option<String>, EditRefused> {
    let mut out = Err(EditRefused);
    draft.update(|d| out = d.apply(edit));
    out
}

/// `f` of item `id`, wherever it is.
fn with_item<R>(draft: RwSignal<Draft>, id: &str, f: impl FnOnce(&DraftItem) -> R) -> Option<R> {
    draft.with(|d| {
        d.blocks
            .iter()
            .flat_map(|b| b.items.iter())
            .find(|i| i.id == id)
            .map(f)
    })
}

/// Puts `text` back in the field an event came from (an edit the draft refused).
fn set_value(ev: &leptos::ev::Event, text: &str) {
    if let Some(target) = ev.target() {
        let _ = js_sys::Reflect::set(&target, &"value".into(), &text.into());
    }
}

/// Moves the focus to element `id` once the view has been updated (the row it was in was
/// rebuilt or moved).
fn focus_later(id: String) {
    request_animation_frame(move || {
        if let Some(el) = document()
            .get_element_by_id(&id)
            .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
        {
            let _ = el.focus();
        }
    });
}

/// The DOM id of an element of the editor for item or block `id` (ids hold dots: fine in an
/// `id` attribute, and never used in a selector).
fn dom_id(what: &str, id: &str) -> String {
    format!("edit-{what}-{id}")
}

/// Gives every item still without pivots the ones suggested for it (one recorded edit each).
fn confirm_all(draft: RwSignal<Draft>) {
    let pending: Vec<(String, String, String)> = draft.with(|d| {
        d.blocks
            .iter()
            .flat_map(|b| b.items.iter().map(move |i| (b, i)))
            .filter(|(_, i)| i.pivots.is_empty())
            .map(|(b, i)| (i.id.clone(), i.text.clone(), b.title.clone()))
            .collect()
    });
    for (item, text, context) in pending {
        let pivots: Vec<String> = suggester()
            .suggest(&text, &context)
            .into_iter()
            .map(|s| s.pivot)
            .collect();
        if !pivots.is_empty() {
            let _ = apply(draft, Edit::Pivots { item, pivots });
        }
    }
}

/// The editor of `draft`.
#[component]
pub fn ReferentialEditor(draft: RwSignal<Draft>) -> impl IntoView {
    let i18n = use_i18n();
    let without = move || {
        draft.with(|d| {
            d.blocks
                .iter()
                .flat_map(|b| b.items.iter())
                .filter(|i| i.pivots.is_empty())
                .count()
        })
    };
    let edits = move || draft.with(|d| d.edits.len()).to_string();
    view! {
        <div class="referential-editor" data-testid="referential-editor">
            <p class="muted">{move || i18n.t("ref_edit.help")}</p>
            <div class="notice notice-info pivots-summary">
                <p data-testid="items-without-pivots" data-count=move || without().to_string()>
                    {move || i18n.t_with("ref_edit.without_pivots", &[("n", &without().to_string())])}
                </p>
                <p><button type="button" class="secondary" data-testid="confirm-all-pivots"
                    disabled=move || without() == 0 on:click=move |_| confirm_all(draft)>
                    {move || i18n.t("ref_edit.confirm_all")}
                </button></p>
            </div>
            <p class="muted" data-testid="edit-count" data-count=edits>{move || i18n.t_with("ref_edit.edit_count", &[("n", &edits())])}</p>
            <For each=move || draft.with(|d| d.blocks.iter().map(|b| b.id.clone()).collect::<Vec<_>>())
                key=|id| id.clone() let:id>
                <BlockEditor draft=draft id=id/>
            </For>
        </div>
    }
}
