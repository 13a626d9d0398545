//! One block of the draft: its title, the fiche's raw list beside the items, what looks doubtful
//! in the split, the items, and adding one or a pasted list; deleting the whole block (asked
//! first).

use super::item::ItemEditor;
use super::{apply, dom_id, focus_later, set_value};
use crate::core::custom::Edit;
use crate::core::exchange::ImportProblem;
use crate::core::rncp::{Doubt, Draft, DraftBlock, PasteError};
use crate::ui::i18n::use_i18n;
use leptos::prelude::*;

/// `f` of block `id`.
fn with_block<R>(draft: RwSignal<Draft>, id: &str, f: impl FnOnce(&DraftBlock) -> R) -> Option<R> {
    draft.with(|d| d.blocks.iter().find(|b| b.id == id).map(f))
}

/// What the trainer is told about the block's split, as it is now.
fn doubt_texts(draft: RwSignal<Draft>, id: &str) -> Vec<String> {
    let i18n = use_i18n();
    with_block(draft, id, DraftBlock::doubts)
        .unwrap_or_default()
        .into_iter()
        .map(|d| match d {
            Doubt::Empty => i18n.t("ref_edit.doubt_empty").to_string(),
            Doubt::OneItem => i18n.t("ref_edit.doubt_one").to_string(),
            Doubt::LongItem { index, chars } => i18n.t_with(
                "ref_edit.doubt_long",
                &[
                    ("n", &(index + 1).to_string()),
                    ("count", &chars.to_string()),
                ],
            ),
        })
        .collect()
}

/// The block's title, editable.
#[component]
fn BlockTitle(draft: RwSignal<Draft>, id: String) -> impl IntoView {
    let i18n = use_i18n();
    let input_id = dom_id("title", &id);
    let id2 = id.clone();
    let title =
        Memo::new(move |_| with_block(draft, &id2, |b| b.title.clone()).unwrap_or_default());
    let retitle = move |ev: leptos::ev::Event| {
        let edit = Edit::Retitle {
            block: id.clone(),
            title: event_target_value(&ev),
        };
        if apply(draft, edit).is_err() {
            // An empty title is refused: the field shows the title kept.
            set_value(&ev, &title.get_untracked());
        }
    };
    view! {
        <p class="draft-field">
            <label for=input_id.clone()>{move || i18n.t("ref_edit.block_title")}</label>
            <input id=input_id type="text" lang="fr" maxlength="500" prop:value=move || title.get() on:change=retitle/>
        </p>
    }
}

/// Adds one item typed by the trainer, or the items of a pasted list, at the end of the block.
#[component]
fn AddItems(draft: RwSignal<Draft>, id: String) -> impl IntoView {
    let i18n = use_i18n();
    let one = RwSignal::new(String::new());
    let pasted = RwSignal::new(String::new());
    let problems = RwSignal::new(Vec::<ImportProblem>::new());
    let (one_id, paste_id) = (dom_id("add", &id), dom_id("paste", &id));
    let (id1, id2) = (id.clone(), id.clone());
    let add = move |_| {
        let index = with_block(draft, &id1, |b| b.items.len()).unwrap_or(0);
        let edit = Edit::Add {
            block: id1.clone(),
            index,
            item: String::new(),
            text: one.get_untracked(),
        };
        if let Ok(Some(new)) = apply(draft, edit) {
            one.set(String::new());
            focus_later(dom_id("text", &new));
        }
    };
    let paste = move |_| {
        let mut out = Ok(Vec::new());
        draft.update(|d| out = d.paste(&id2, &pasted.get_untracked()));
        match out {
            Ok(ids) => {
                pasted.set(String::new());
                problems.set(Vec::new());
                if let Some(first) = ids.first() {
                    focus_later(dom_id("text", first));
                }
            }
            Err(PasteError::Input(f)) => problems.set(f.problems),
            Err(PasteError::Refused(_)) => {}
        }
    };
    view! {
        <div class="draft-add">
            <p class="draft-field">
                <label for=one_id.clone()>{move || i18n.t("ref_edit.add_label")}</label>
                <textarea id=one_id rows="2" lang="fr" data-testid="add-item-text" prop:value=move || one.get()
                    on:input=move |ev| one.set(event_target_value(&ev))></textarea>
            </p>
            <p><button type="button" class="secondary" data-testid="add-item" disabled=move || one.with(|t| t.trim().is_empty())
                on:click=add>{move || i18n.t("ref_edit.add")}</button></p>
            <details class="draft-paste">
                <summary>{move || i18n.t("ref_edit.paste_summary")}</summary>
                <p class="draft-field">
                    <label for=paste_id.clone()>{move || i18n.t("ref_edit.paste_label")}</label>
                    <textarea id=paste_id rows="5" lang="fr" data-testid="paste-text" prop:value=move || pasted.get()
                        on:input=move |ev| pasted.set(event_target_value(&ev))></textarea>
                </p>
                <p><button type="button" class="secondary" data-testid="paste-items" on:click=paste>{move || i18n.t("ref_edit.paste")}</button></p>
                <Show when=move || problems.with(|p| !p.is_empty())>
                    <div role="alert" data-testid="paste-error">
                        <ul class="problems">
                            {move || problems.get().into_iter().map(|p| view! { <li>{move || p.render(i18n.lang.get())}</li> }).collect_view()}
                        </ul>
                    </div>
                </Show>
            </details>
        </div>
    }
}

/// Deleting the block, asked first.
#[component]
fn DeleteBlock(draft: RwSignal<Draft>, id: String) -> impl IntoView {
    let i18n = use_i18n();
    let asking = RwSignal::new(false);
    let id2 = id.clone();
    let shown = StoredValue::new(id);
    let delete = move |_| {
        let _ = apply(draft, Edit::DeleteBlock { block: id2.clone() });
        focus_later("referential-editor-title".to_string());
    };
    view! {
        <Show when=move || asking.get()
            fallback=move || view! {
                <p><button type="button" class="link-button" data-testid="delete-block" on:click=move |_| asking.set(true)>
                    {move || i18n.t("ref_edit.delete_block")}
                </button></p>
            }>
            <div class="confirm" role="alertdialog" aria-live="assertive">
                <p>{move || shown.with_value(|id| i18n.t_with("ref_edit.delete_block_confirm", &[("block", id)]))}</p>
                <p class="actions">
                    <button type="button" class="danger" data-testid="delete-block-yes" on:click=delete.clone()>{move || i18n.t("ref_edit.delete_block_yes")}</button>
                    <button type="button" class="secondary" on:click=move |_| asking.set(false)>{move || i18n.t("dossier.cancel")}</button>
                </p>
            </div>
        </Show>
    }
}

/// One block: heading, title, raw list beside the items, doubts, adding, deleting.
#[component]
pub fn BlockEditor(draft: RwSignal<Draft>, id: String) -> impl IntoView {
    let i18n = use_i18n();
    let heading_id = dom_id("block", &id);
    let labelled = heading_id.clone();
    let (block_id, code) = (id.clone(), id.clone());
    let (id1, id2, id3, id4) = (id.clone(), id.clone(), id.clone(), id.clone());
    let title =
        Memo::new(move |_| with_block(draft, &id1, |b| b.title.clone()).unwrap_or_default());
    let raw = with_block(draft, &id, |b| b.raw.clone()).unwrap_or_default();
    let doubts = Memo::new(move |_| doubt_texts(draft, &id2));
    let items = Memo::new(move |_| {
        with_block(draft, &id3, |b| {
            b.items.iter().map(|i| i.id.clone()).collect::<Vec<_>>()
        })
        .unwrap_or_default()
    });
    let raw_view = if raw.trim().is_empty() {
        view! { <p class="muted">{move || i18n.t("ref_edit.raw_empty")}</p> }.into_any()
    } else {
        view! { <blockquote class="draft-raw-text" lang="fr" data-testid="block-raw">{raw}</blockquote> }.into_any()
    };
    view! {
        <section class="draft-block" data-testid="draft-block" data-block=block_id
            data-doubtful=move || doubts.with(|d| !d.is_empty()).to_string() aria-labelledby=labelled>
            <h3 id=heading_id tabindex="-1"><span class="code">{code}</span>" "<span lang="fr">{move || title.get()}</span></h3>
            <BlockTitle draft=draft id=id.clone()/>
            <Show when=move || doubts.with(|d| !d.is_empty())>
                <div class="notice notice-warning" data-testid="block-doubt">
                    <p>{move || i18n.t("ref_edit.doubt_title")}</p>
                    <ul>{move || doubts.get().into_iter().map(|d| view! { <li>{d}</li> }).collect_view()}</ul>
                </div>
            </Show>
            <div class="draft-columns">
                <div class="draft-raw">
                    <h4>{move || i18n.t("ref_edit.raw_title")}</h4>
                    {raw_view}
                </div>
                <div class="draft-split">
                    <h4>{move || i18n.t("ref_edit.items_title")}</h4>
                    <ol class="draft-items">
                        <For each=move || items.get() key=|i| i.clone() let:item>
                            <ItemEditor draft=draft block=id4.clone() id=item/>
                        </For>
                    </ol>
                    <AddItems draft=draft id=id.clone()/>
                </div>
            </div>
            <DeleteBlock draft=draft id=id/>
        </section>
    }
}
