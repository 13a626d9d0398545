//! A native radio group for one level (SPEC §9: radio groups with legends, full keyboard use).

use crate::core::model::{Item, Referential, Scale};
use crate::ui::i18n::{use_i18n, I18n};
use leptos::prelude::*;

/// One choice of a scale: its level and, for e-CF items, the level descriptor shown with it.
#[derive(Clone)]
pub struct Choice {
    pub level: u8,
    pub label: String,
    /// Referential text (French) shown under the label.
    pub detail: Option<String>,
}

/// The generic 0–4 scale, labels from the locale files.
pub fn generic_choices(t: impl Fn(&str) -> &'static str) -> Vec<Choice> {
    (0..=4u8)
        .map(|l| Choice {
            level: l,
            label: format!("{l} — {}", t(&format!("scale.{l}"))),
            detail: None,
        })
        .collect()
}

/// The choices of one item: the generic scale, or for an e-CF item « aucun » and each level the
/// seed describes, with its descriptor. The detailed positioning and Départager ask alike.
pub fn item_choices(r: &Referential, item: &Item, i18n: I18n) -> Vec<Choice> {
    if r.scale == Scale::Ecf {
        let mut out = vec![Choice {
            level: 0,
            label: i18n.t("scale.ecf_none").to_owned(),
            detail: None,
        }];
        out.extend(item.levels.iter().map(|l| Choice {
            level: l.level,
            label: i18n.t_with("scale.ecf_level", &[("n", &l.level.to_string())]),
            detail: Some(l.text.clone()),
        }));
        out
    } else {
        generic_choices(|k| i18n.t(k))
    }
}

/// `name` must be unique in the page; `on_change(None)` clears the answer.
#[component]
pub fn LevelRadios(
    name: String,
    #[prop(into)] legend: ViewFn,
    choices: Vec<Choice>,
    #[prop(into)] value: Signal<Option<u8>>,
    #[prop(into)] on_change: Callback<Option<u8>>,
    #[prop(optional, into)] describedby: Option<String>,
) -> impl IntoView {
    let i18n = use_i18n();
    let radios = choices
        .into_iter()
        .map(|c| {
            let id = format!("{name}-{}", c.level);
            let level = c.level;
            view! {
                <div class="choice">
                    <input type="radio" id=id.clone() name=name.clone() value=level.to_string()
                        prop:checked=move || value.get() == Some(level)
                        on:change=move |_| on_change.run(Some(level))/>
                    <label for=id>
                        <span class="choice-label">{c.label}</span>
                        {c.detail.map(|d| view! { <span class="choice-detail" lang="fr">{d}</span> })}
                    </label>
                </div>
            }
        })
        .collect_view();
    view! {
        <fieldset class="level-radios" aria-describedby=describedby>
            <legend>{legend.run()}</legend>
            <div class="choices">{radios}</div>
            <Show when=move || value.get().is_some()>
                <button type="button" class="link-button clear-answer" on:click=move |_| on_change.run(None)>
                    {move || i18n.t("scale.clear")}
                </button>
            </Show>
        </fieldset>
    }
}
