//! An item's pivot skills (SPEC §3, §13): the 1–3 the suggester proposes, each with why (the
//! nearest bundled item that carries it, or the words the item shares with its description), as
//! checkboxes the trainer ticks to confirm; any other pivot skill chosen from a list grouped by
//! family; three at most. Nothing is linked until the trainer says so: an item without pivot
//! skills counts for its own referential only.

use super::{apply, dom_id, set_value, suggester, with_item};
use crate::core::custom::Edit;
use crate::core::i18n::Lang;
use crate::core::rncp::{Draft, Reason, Suggestion};
use crate::ui::i18n::use_i18n;
use crate::ui::state::catalog;
use leptos::prelude::*;

/// Most pivot skills per item (`data/FORMAT.md`).
const MAX_PIVOTS: usize = 3;

/// A pivot skill offered for an item: suggested (with its reasons, in the page's language) or
/// chosen by the trainer.
#[derive(Debug, Clone, PartialEq)]
struct Offer {
    pivot: String,
    suggested: bool,
    reasons: Vec<String>,
}

/// Why a pivot skill is suggested, in `lang`.
fn reason_text(reason: &Reason, lang: Lang) -> String {
    use crate::core::i18n::tr_with;
    match reason {
        Reason::Near {
            referential,
            item,
            text,
            ..
        } => {
            let title = catalog()
                .referential(referential)
                .map_or(referential.as_str(), |r| r.title.as_str());
            tr_with(
                lang,
                "ref_edit.reason_near",
                &[("text", text), ("referential", title), ("item", item)],
            )
        }
        Reason::Words(words) => tr_with(
            lang,
            "ref_edit.reason_words",
            &[("words", &words.join(", "))],
        ),
    }
}

/// The suggestions first (in the suggester's order), then the pivots chosen beyond them (ticked
/// or not).
fn offers(suggested: &[Suggestion], chosen: &[String], lang: Lang) -> Vec<Offer> {
    let mut out: Vec<Offer> = suggested
        .iter()
        .map(|s| Offer {
            pivot: s.pivot.clone(),
            suggested: true,
            reasons: s
                .reasons
                .iter()
                .take(2)
                .map(|r| reason_text(r, lang))
                .collect(),
        })
        .collect();
    for p in chosen {
        if !out.iter().any(|o| &o.pivot == p) {
            out.push(Offer {
                pivot: p.clone(),
                suggested: false,
                reasons: Vec::new(),
            });
        }
    }
    out
}

/// Sets item `id`'s pivots to `pivots` (a recorded edit).
fn set_pivots(draft: RwSignal<Draft>, id: &str, pivots: Vec<String>) {
    let _ = apply(
        draft,
        Edit::Pivots {
            item: id.to_string(),
            pivots,
        },
    );
}

/// The list of every pivot skill, by family, to add one that was not suggested.
#[component]
fn AddPivot(draft: RwSignal<Draft>, id: String, chosen: Memo<Vec<String>>) -> impl IntoView {
    let i18n = use_i18n();
    let select_id = dom_id("pivot-add", &id);
    let add = move |ev: leptos::ev::Event| {
        let pivot = event_target_value(&ev);
        let mut pivots = chosen.get_untracked();
        if !pivot.is_empty() && !pivots.contains(&pivot) && pivots.len() < MAX_PIVOTS {
            pivots.push(pivot);
            set_pivots(draft, &id, pivots);
        }
        set_value(&ev, "");
    };
    let families = move || {
        let lang = i18n.lang.get();
        catalog()
            .pivots
            .families
            .iter()
            .map(|f| {
                let label = match lang {
                    Lang::Fr => f.label.fr.clone(),
                    Lang::En => f.label.en.clone(),
                };
                let skills = f
                    .skills
                    .iter()
                    .map(|s| {
                        let text = match lang {
                            Lang::Fr => s.label.fr.clone(),
                            Lang::En => s.label.en.clone(),
                        };
                        view! { <option value=s.id.clone()>{text}</option> }
                    })
                    .collect_view();
                view! { <optgroup label=label>{skills}</optgroup> }
            })
            .collect_view()
    };
    view! {
        <p class="draft-field">
            <label for=select_id.clone()>{move || i18n.t("ref_edit.pivot_add")}</label>
            <select id=select_id data-testid="pivot-add" disabled=move || chosen.with(|c| c.len() >= MAX_PIVOTS) on:change=add>
                <option value="">{move || i18n.t("ref_edit.pivot_add_none")}</option>
                {families}
            </select>
        </p>
    }
}

/// One pivot skill offered: a checkbox, its label, whether it was suggested and why.
#[component]
fn OfferRow(
    draft: RwSignal<Draft>,
    id: String,
    offer: Offer,
    chosen: Memo<Vec<String>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let box_id = dom_id(&format!("pivot-{}", offer.pivot), &id);
    let (p1, p2, p3) = (
        offer.pivot.clone(),
        offer.pivot.clone(),
        offer.pivot.clone(),
    );
    let checked = move || chosen.with(|c| c.contains(&p1));
    let full = move || chosen.with(|c| c.len() >= MAX_PIVOTS && !c.contains(&p2));
    let toggle = move |ev: leptos::ev::Event| {
        let mut pivots = chosen.get_untracked();
        if event_target_checked(&ev) {
            if !pivots.contains(&p3) && pivots.len() < MAX_PIVOTS {
                pivots.push(p3.clone());
            }
        } else {
            pivots.retain(|p| p != &p3);
        }
        set_pivots(draft, &id, pivots);
    };
    let pivot = offer.pivot.clone();
    let label = move || catalog().pivot_label(&pivot, i18n.lang.get()).to_string();
    view! {
        <li class="pivot-offer">
            <input type="checkbox" id=box_id.clone() data-testid="pivot-option" data-pivot=offer.pivot.clone()
                data-suggested=offer.suggested.to_string() prop:checked=checked disabled=full on:change=toggle/>
            <label for=box_id>
                {label}
                {offer.suggested.then(|| view! { " " <span class="badge">{move || i18n.t("ref_edit.suggested")}</span> })}
            </label>
            {(!offer.reasons.is_empty()).then(|| view! {
                <ul class="pivot-reasons muted" data-testid="pivot-reason">
                    {offer.reasons.into_iter().map(|r| view! { <li lang="fr">{r}</li> }).collect_view()}
                </ul>
            })}
        </li>
    }
}

/// The pivot skills of item `id` of block `block`.
#[component]
pub fn PivotChooser(draft: RwSignal<Draft>, block: String, id: String) -> impl IntoView {
    let i18n = use_i18n();
    let (id1, id2, id3, id4) = (id.clone(), id.clone(), id.clone(), id.clone());
    // The text and the block's title, which is what the suggestions depend on.
    let basis = Memo::new(move |_| {
        let text = with_item(draft, &id1, |i| i.text.clone()).unwrap_or_default();
        let title = draft.with(|d| {
            d.blocks
                .iter()
                .find(|b| b.id == block)
                .map(|b| b.title.clone())
                .unwrap_or_default()
        });
        (text, title)
    });
    let suggested = Memo::new(move |_| basis.with(|(t, c)| suggester().suggest(t, c)));
    let chosen =
        Memo::new(move |_| with_item(draft, &id2, |i| i.pivots.clone()).unwrap_or_default());
    // Every pivot the trainer chose here stays offered once unticked, so that a box never
    // vanishes under the pointer and can be ticked again.
    let offered = Memo::new(move |before: Option<&Vec<String>>| {
        let mut all = before.cloned().unwrap_or_default();
        chosen.with(|c| {
            for p in c {
                if !all.contains(p) {
                    all.push(p.clone());
                }
            }
        });
        all
    });
    let list = Memo::new(move |_| {
        let lang = i18n.lang.get();
        suggested.with(|s| offered.with(|c| offers(s, c, lang)))
    });
    let confirm = move |_| {
        let pivots = suggested.with_untracked(|s| s.iter().map(|s| s.pivot.clone()).collect());
        set_pivots(draft, &id3, pivots);
    };
    view! {
        <fieldset class="pivot-choice" data-testid="pivot-choice" data-chosen=move || chosen.get().join(" ")>
            <legend>{move || i18n.t("ref_edit.pivots_legend")}</legend>
            <Show when=move || suggested.with(Vec::is_empty)>
                <p class="muted">{move || i18n.t("ref_edit.no_suggestion")}</p>
            </Show>
            <ul class="pivot-offers">
                <For each=move || list.get() key=|o| (o.pivot.clone(), o.reasons.clone()) let:offer>
                    <OfferRow draft=draft id=id4.clone() offer=offer chosen=chosen/>
                </For>
            </ul>
            <Show when=move || chosen.with(Vec::is_empty) && suggested.with(|s| !s.is_empty())>
                <p><button type="button" class="secondary" data-testid="pivot-confirm" on:click=confirm.clone()>
                    {move || i18n.t("ref_edit.pivot_confirm")}
                </button></p>
            </Show>
            <AddPivot draft=draft id=id chosen=chosen/>
        </fieldset>
    }
}
