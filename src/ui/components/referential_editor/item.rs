//! One item of a draft block: its text (reword; split at the caret), the certifier's code, its
//! target and weight, its pivot skills, and merge, move up or down, delete. Each field reads a
//! memo of its own value, so an edit elsewhere never rewrites a field (nor moves its caret).

use super::pivots::PivotChooser;
use super::{apply, dom_id, focus_later, set_value, with_item};
use crate::core::answers::GENERIC_MAX;
use crate::core::custom::Edit;
use crate::core::rncp::Draft;
use crate::ui::i18n::use_i18n;
use leptos::prelude::*;

/// Where the item is in its block: (index, number of items).
fn place(draft: RwSignal<Draft>, block: &str, id: &str) -> (usize, usize) {
    draft.with(|d| {
        d.blocks
            .iter()
            .find(|b| b.id == block)
            .map(|b| {
                let at = b.items.iter().position(|i| i.id == id).unwrap_or(0);
                (at, b.items.len())
            })
            .unwrap_or((0, 0))
    })
}

/// The character index of a UTF-16 offset (a caret position) in `text`.
fn char_index(text: &str, utf16: u32) -> usize {
    let mut units = 0u32;
    text.chars()
        .take_while(|c| {
            let before = units;
            units += c.len_utf16() as u32;
            before < utf16
        })
        .count()
}

/// The caret in the text field of item `id` (UTF-16 units), if the field is there.
fn caret(id: &str) -> Option<u32> {
    let field = document().get_element_by_id(&dom_id("text", id))?;
    js_sys::Reflect::get(&field, &"selectionStart".into())
        .ok()?
        .as_f64()
        .map(|n| n as u32)
}

/// Target and weight.
#[component]
fn Values(draft: RwSignal<Draft>, id: String) -> impl IntoView {
    let i18n = use_i18n();
    let (target_id, weight_id) = (dom_id("target", &id), dom_id("weight", &id));
    let (id1, id2, id3, id4) = (id.clone(), id.clone(), id.clone(), id);
    let target = Memo::new(move |_| with_item(draft, &id1, |i| i.target).unwrap_or(0));
    let weight = Memo::new(move |_| with_item(draft, &id2, |i| i.weight).unwrap_or(0.0));
    let set_target = move |ev: leptos::ev::Event| {
        if let Ok(target) = event_target_value(&ev).parse() {
            let _ = apply(
                draft,
                Edit::Target {
                    item: id3.clone(),
                    target,
                },
            );
        }
    };
    let set_weight = move |ev: leptos::ev::Event| {
        let raw = event_target_value(&ev).replace(',', ".");
        let edit = raw.trim().parse().map(|weight| Edit::Weight {
            item: id4.clone(),
            weight,
        });
        if edit.map(|e| apply(draft, e)).map_or(true, |r| r.is_err()) {
            // Over 0 and at most 10 (`data/FORMAT.md`): anything else puts the weight back.
            set_value(&ev, &weight.get_untracked().to_string());
        }
    };
    let options = (1..=GENERIC_MAX)
        .map(|l| {
            let key = format!("scale.{l}");
            view! {
                <option value=l.to_string() selected=move || target.get() == l>
                    {l.to_string()}" — "{move || i18n.t(&key)}
                </option>
            }
        })
        .collect_view();
    view! {
        <div class="draft-values">
            <p class="draft-field">
                <label for=target_id.clone()>{move || i18n.t("ref_edit.target")}</label>
                <select id=target_id data-testid="item-target" on:change=set_target>{options}</select>
            </p>
            <p class="draft-field">
                <label for=weight_id.clone()>{move || i18n.t("ref_edit.weight")}</label>
                <input id=weight_id type="number" min="0.25" max="10" step="any" inputmode="decimal" data-testid="item-weight"
                    prop:value=move || weight.get().to_string() on:change=set_weight/>
            </p>
        </div>
    }
}

/// Split, merge, move, delete.
#[component]
fn Actions(
    draft: RwSignal<Draft>,
    block: String,
    id: String,
    place: Memo<(usize, usize)>,
    note: RwSignal<Option<&'static str>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let n = move || (place.get().0 + 1).to_string();
    let label = move |key: &'static str| move || i18n.t_with(key, &[("n", &n())]);
    let first = move || place.get().0 == 0;
    let last = move || {
        let (at, len) = place.get();
        at + 1 >= len
    };
    let (id1, id2, id3, id4) = (id.clone(), id.clone(), id.clone(), id.clone());
    let (block1, block2) = (block.clone(), block.clone());
    let split = move |_| {
        let text = draft
            .with_untracked(|d| {
                let mut items = d.blocks.iter().flat_map(|b| b.items.iter());
                items.find_map(|i| (i.id == id1).then(|| i.text.clone()))
            })
            .unwrap_or_default();
        let at = caret(&id1).map(|u| char_index(&text, u)).unwrap_or(0);
        let edit = Edit::Split {
            item: id1.clone(),
            at,
            new_item: String::new(),
        };
        match apply(draft, edit) {
            Ok(Some(new)) => {
                note.set(None);
                focus_later(dom_id("text", &new));
            }
            _ => note.set(Some("ref_edit.split_where")),
        }
    };
    let merge = move |_| {
        let next = draft.with_untracked(|d| {
            let b = d.blocks.iter().find(|b| b.id == block1)?;
            let at = b.items.iter().position(|i| i.id == id2)?;
            b.items.get(at + 1).map(|i| i.id.clone())
        });
        if let Some(second) = next {
            let _ = apply(
                draft,
                Edit::Merge {
                    first: id2.clone(),
                    second,
                },
            );
            focus_later(dom_id("text", &id2));
        }
    };
    let shift = move |by: isize, focus: &'static str| {
        let (at, len) = place.get_untracked();
        let to = at as isize + by;
        if to < 0 || to as usize >= len {
            return;
        }
        let edit = Edit::Move {
            item: id3.clone(),
            block: block2.clone(),
            index: to as usize,
        };
        if apply(draft, edit).is_ok() {
            // At the top or bottom now, the button used is disabled: the other one takes the focus.
            let (at, len) = place.get_untracked();
            let edge = (focus == "up" && at == 0) || (focus == "down" && at + 1 >= len);
            let other = if focus == "up" { "down" } else { "up" };
            focus_later(dom_id(if edge { other } else { focus }, &id3));
        }
    };
    let shift2 = shift.clone();
    let delete = move |_| {
        // The focus goes to the next item's text, else the previous one's, else the block's heading.
        let (at, _) = place.get_untracked();
        let neighbour = draft.with_untracked(|d| {
            let b = d.blocks.iter().find(|b| b.id == block)?;
            let next = b.items.get(at + 1);
            next.or_else(|| b.items.get(at.checked_sub(1)?))
                .map(|i| i.id.clone())
        });
        if apply(draft, Edit::Delete { item: id4.clone() }).is_ok() {
            focus_later(match neighbour {
                Some(other) => dom_id("text", &other),
                None => dom_id("block", &block),
            });
        }
    };
    view! {
        <p class="actions draft-actions">
            <button type="button" class="secondary" data-testid="item-split" aria-label=label("ref_edit.split_label") on:click=split>{move || i18n.t("ref_edit.split")}</button>
            <button type="button" class="secondary" data-testid="item-merge" aria-label=label("ref_edit.merge_label") disabled=last on:click=merge>{move || i18n.t("ref_edit.merge")}</button>
            <button type="button" class="secondary" id=dom_id("up", &id) data-testid="item-up" aria-label=label("ref_edit.up_label") disabled=first
                on:click=move |_| shift(-1, "up")>{move || i18n.t("ref_edit.up")}</button>
            <button type="button" class="secondary" id=dom_id("down", &id) data-testid="item-down" aria-label=label("ref_edit.down_label") disabled=last
                on:click=move |_| shift2(1, "down")>{move || i18n.t("ref_edit.down")}</button>
            <button type="button" class="danger" data-testid="item-delete" aria-label=label("ref_edit.delete_label") on:click=delete>{move || i18n.t("ref_edit.delete")}</button>
        </p>
    }
}

/// One item of block `block`.
#[component]
pub fn ItemEditor(draft: RwSignal<Draft>, block: String, id: String) -> impl IntoView {
    let i18n = use_i18n();
    let text_id = dom_id("text", &id);
    let item_id = id.clone();
    let (id1, id2, id3, b1) = (id.clone(), id.clone(), id.clone(), block.clone());
    let place = Memo::new(move |_| place(draft, &b1, &id1));
    let text = Memo::new(move |_| with_item(draft, &id2, |i| i.text.clone()).unwrap_or_default());
    let code = with_item(draft, &id, |i| i.code.clone()).flatten();
    let note = RwSignal::new(None::<&'static str>);
    let reword = move |ev: leptos::ev::Event| {
        let edit = Edit::Reword {
            item: id3.clone(),
            text: event_target_value(&ev),
        };
        if apply(draft, edit).is_err() {
            // An empty text is refused: deleting the item is the way to remove it.
            set_value(&ev, &text.get_untracked());
            note.set(Some("ref_edit.text_empty"));
        } else {
            note.set(None);
        }
    };
    let n = move || (place.get().0 + 1).to_string();
    view! {
        <li class="draft-item" data-testid="draft-item" data-item=item_id>
            <p class="draft-field">
                <label for=text_id.clone()>{move || i18n.t_with("ref_edit.item_label", &[("n", &n())])}</label>
                {code.map(|c| view! { " " <span class="code" lang="fr" data-testid="item-code">{c}</span> })}
                <textarea id=text_id rows="3" lang="fr" maxlength="20000" data-testid="item-text" prop:value=move || text.get() on:change=reword></textarea>
            </p>
            <Values draft=draft id=id.clone()/>
            <PivotChooser draft=draft block=block.clone() id=id.clone()/>
            <Actions draft=draft block=block id=id place=place note=note/>
            <p class="muted" role="status">{move || note.get().map(|k| i18n.t(k))}</p>
        </li>
    }
}
