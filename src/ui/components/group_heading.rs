//! The heading of a referential's group, as the referential page and the detailed positioning
//! show it: the group's kind and code, then its heading (`Referential::group_heading`: the
//! block's title for a block, else its title or label), or its kind when the seed names it no
//! other way.

use crate::core::model::{Group, Referential};
use crate::ui::i18n::{use_i18n, I18n};
use leptos::prelude::*;

/// What a group is called (the heading, or its kind), also in the referential page's contents.
pub fn group_title(i18n: I18n, r: &Referential, g: &Group) -> String {
    match r.group_heading(g) {
        "" => i18n.t(&format!("group.{}", g.kind)).to_owned(),
        heading => heading.to_owned(),
    }
}

/// `<h2>` for a top-level group (`depth` 2), `<h3>` below. With `with_label`, the group's label
/// follows when it says something the heading does not (the referential page shows every text
/// of the seed; the detailed positioning keeps to the heading).
#[component]
pub fn GroupHeading(
    r: &'static Referential,
    g: &'static Group,
    depth: u8,
    #[prop(optional)] id: Option<String>,
    #[prop(optional)] with_label: bool,
) -> impl IntoView {
    let i18n = use_i18n();
    let kind = move || i18n.t(&format!("group.{}", g.kind));
    let main = r.group_heading(g);
    let label = (with_label && !g.label.is_empty() && g.label != main).then(|| g.label.clone());
    let title = move || {
        view! {
            <span class="group-kind">{kind}" · "<span class="code">{g.id.clone()}</span></span>
            <span class="group-title" lang="fr">{move || group_title(i18n, r, g)}</span>
            {label.clone().map(|l| view! { <span class="group-label" lang="fr">{l}</span> })}
        }
    };
    match depth {
        2 => view! { <h2 id=id>{title}</h2> }.into_any(),
        _ => view! { <h3 id=id>{title}</h3> }.into_any(),
    }
}
