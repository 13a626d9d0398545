//! One referential in its own structure: card, blocks, modalities, groups and every item.

use crate::core::model::{Group, Item, Referential, Scale};
use crate::core::numbers::decimal;
use crate::core::route::Route;
use crate::ui::components::brought_delivery::brought_tools;
use crate::ui::components::brought_manage::RestoreOffer;
use crate::ui::components::fields::{FieldList, RichText};
use crate::ui::components::group_heading::{group_title, GroupHeading};
use crate::ui::components::labels::item_kind_key;
use crate::ui::components::lazy_part::lazy_part;
use crate::ui::components::not_found::NotFound;
use crate::ui::components::page_head::{HeadText, PageHead, ReferentialHeader};
use crate::ui::components::provenance::{ProvenanceBox, RawList};
use crate::ui::components::reveal::Reveal;
use crate::ui::i18n::use_i18n;
use crate::ui::router::anchor_id;
use crate::ui::state::{brought, catalog};
use leptos::prelude::*;

/// The page's sections, as `Reveal` counts them: the card, the blocks, the modalities, then the
/// groups.
const FIRST_GROUP: usize = 3;

fn link(r: &Referential, anchor: &str) -> String {
    Route::Referential {
        id: r.id.clone(),
        anchor: Some(anchor.to_owned()),
    }
    .to_hash()
}

#[component]
pub fn ReferentialPage(id: String) -> impl IntoView {
    let i18n = use_i18n();
    let Some(r) = catalog().referential(&id) else {
        let msg = i18n.t_with("notfound.unknown_ref", &[("id", &id)]);
        return view! { <NotFound message=Some(msg)/> }.into_any();
    };
    let route = expect_context::<ReadSignal<Route>>();
    let anchor = Memo::new(move |_| match route.get() {
        Route::Referential { anchor, .. } => anchor,
        _ => None,
    });
    // A referential a trainer brought (SPEC §13) shows where it comes from, and can be deleted.
    let b = brought(&r.id);
    let known_anchor = move |a: &str| {
        a == "card"
            || (a == "provenance" && b.is_some())
            || a == "blocks"
            || a == "modalities"
            || a.strip_prefix("modality-")
                .is_some_and(|m| r.modality(m).is_some())
            || r.item(a).is_some()
            || r.all_groups().iter().any(|g| g.id == a)
    };
    // The card comes with the page; the blocks, the modalities and each group one per frame
    // after it. A deep link's section, and those before it, at once.
    let section_of = move |a: &str| match a {
        "card" | "provenance" => Some(0),
        "blocks" => Some(1),
        "modalities" => Some(2),
        _ if a.starts_with("modality-") => Some(2),
        _ => r
            .groups
            .iter()
            .position(|g| g.holds(a))
            .map(|i| FIRST_GROUP + i),
    };
    let reveal = Reveal::following(FIRST_GROUP + r.groups.len(), anchor, section_of);
    Effect::new(move |_| {
        let anchor = anchor.get().filter(|a| known_anchor(a));
        crate::ui::router::focus_after_render(anchor.map(|a| anchor_id(&a)));
    });
    let bad_anchor = move || anchor.get().filter(|a| !known_anchor(a));

    let toc = {
        let mut entries = vec![("card".to_owned(), i18n.t("ref.card").to_owned())];
        if b.is_some() {
            entries.insert(
                0,
                ("provenance".into(), i18n.t("provenance.title").to_owned()),
            );
        }
        if !r.blocks.is_empty() {
            entries.push(("blocks".into(), i18n.t("ref.blocks").to_owned()));
        }
        if !r.modalities.is_empty() {
            entries.push(("modalities".into(), i18n.t("ref.modalities").to_owned()));
        }
        entries.extend(
            r.groups
                .iter()
                .map(|g| (g.id.clone(), group_title(i18n, r, g))),
        );
        entries
            .into_iter()
            .map(|(a, label)| view! { <li><a href=link(r, &a)>{label}</a></li> })
            .collect_view()
    };

    view! {
        <article class="referential" data-testid="referential" data-referential=r.id.clone() aria-busy=move || (!reveal.complete()).then_some("true")>
            // The shell showed this top while the chunk loaded (`page_head`); for a referential a
            // trainer brought, only the way back, and the page draws the rest.
            <PageHead route=Route::Referential { id: r.id.clone(), anchor: None }/>
            {b.map(|_| view! { <ReferentialHeader t=HeadText::of_referential(r)/> })}
            {b.map(|_| view! { <RestoreOffer id=&r.id title=&r.title/> })}
            {move || bad_anchor().map(|a| view! { <p class="notice" role="status">{i18n.t_with("notfound.unknown_anchor", &[("id", &a)])}</p> })}
            <nav class="toc" aria-labelledby="toc-title">
                <h2 id="toc-title">{move || i18n.t("ref.contents")}</h2>
                <ol>{toc}</ol>
            </nav>
            {b.map(|b| view! { <ProvenanceBox b=b/> })}
            <section id=anchor_id("card") tabindex="-1" aria-labelledby="card-title">
                <h2 id="card-title">{move || i18n.t("ref.card")}</h2>
                <FieldList fields=r.fields.clone()/>
            </section>
            <Show when=move || reveal.shows(1)>{(!r.blocks.is_empty()).then(|| view! { <CertificationBlocks r=r brought=b/> })}</Show>
            <Show when=move || reveal.shows(2)>{(!r.modalities.is_empty()).then(|| view! {
                <section id=anchor_id("modalities") tabindex="-1" aria-labelledby="modalities-title">
                    <h2 id="modalities-title">{move || i18n.t("ref.modalities")}</h2>
                    {r.modalities.iter().map(|m| view! {
                        <div class="modality" id=anchor_id(&format!("modality-{}", m.id))>
                            <h3 lang="fr">{if m.title.is_empty() { m.id.clone() } else { m.title.clone() }}</h3>
                            <RichText text=m.text.clone()/>
                        </div>
                    }).collect_view()}
                </section>
            })}</Show>
            {r.groups.iter().enumerate().map(|(i, g)| view! {
                <Show when=move || reveal.shows(FIRST_GROUP + i)><GroupView r=r g=g depth=2/></Show>
            }).collect_view()}
            {b.map(|_| lazy_part(brought_tools(&r.id, &r.title)))}
        </article>
    }
    .into_any()
}

#[component]
fn CertificationBlocks(
    r: &'static Referential,
    /// For a referential a trainer brought: each block's list as the fiche wrote it, beside.
    brought: Option<&'static crate::core::custom::Brought>,
) -> impl IntoView {
    let i18n = use_i18n();
    let items = r.rated_items();
    view! {
        <section id=anchor_id("blocks") tabindex="-1" aria-labelledby="blocks-title">
            <h2 id="blocks-title">{move || i18n.t("ref.blocks")}</h2>
            {r.blocks.iter().map(|bl| {
                let members: Vec<&Item> = items.iter().filter(|i| i.block == Some(bl.id.as_str())).map(|i| i.item).collect();
                let n = members.len().to_string();
                view! {
                    <div class="block" data-testid="block" data-block=format!("{}/{}", r.id, bl.id)>
                        <h3><span class="code">{bl.id.clone()}</span>" "<span lang="fr">{bl.title.clone()}</span></h3>
                        <FieldList fields=bl.fields.clone()/>
                        {brought.map(|br| view! { <RawList b=br block=bl.id.clone()/> })}
                        <p class="muted">{move || i18n.t_with("ref.block_items", &[("n", &n)])}": "
                            {members.iter().enumerate().map(|(k, it)| view! {
                                {(k > 0).then_some(", ")}<a href=link(r, &it.id)>{it.id.clone()}</a>
                            }).collect_view()}
                        </p>
                    </div>
                }
            }).collect_view()}
        </section>
    }
}

#[component]
fn GroupView(r: &'static Referential, g: &'static Group, depth: u8) -> AnyView {
    view! {
        <section class=format!("group group-{} depth-{depth}", g.kind) id=anchor_id(&g.id) tabindex="-1" data-testid="group" data-group=g.id.clone()>
            <GroupHeading r g depth with_label=true/>
            <FieldList fields=g.fields.clone()/>
            {(!g.items.is_empty()).then(|| view! {
                <ul class="items">{g.items.iter().map(|it| view! { <ItemView r=r item=it/> }).collect_view()}</ul>
            })}
            {g.groups.iter().map(|s| view! { <GroupView r=r g=s depth=depth + 1/> }).collect_view()}
        </section>
    }
    .into_any()
}

#[component]
fn ItemView(r: &'static Referential, item: &'static Item) -> impl IntoView {
    let i18n = use_i18n();
    let pivots = catalog();
    let target_line = move || {
        if item.rated {
            let w = decimal(i18n.lang.get(), item.weight());
            format!(
                "{} · {} · {}",
                i18n.t(item_kind_key(item.kind)),
                i18n.t_with("ref.target", &[("t", &item.target().to_string())]),
                i18n.t_with("ref.weight", &[("w", &w)])
            )
        } else {
            format!(
                "{} · {}",
                i18n.t(item_kind_key(item.kind)),
                i18n.t("ref.not_rated")
            )
        }
    };
    let levels = (r.scale == Scale::Ecf).then(|| {
        view! {
            <div class="levels">
                <p class="sub-title">{move || i18n.t("ref.levels")}</p>
                <dl>
                    {(1..=5u8).map(|n| {
                        let text = item.levels.iter().find(|l| l.level == n).map(|l| l.text.clone());
                        let described = text.is_some();
                        view! {
                            <div class=if described { "level described" } else { "level" }>
                                <dt>{move || i18n.t_with("ref.level", &[("n", &n.to_string())])}</dt>
                                <dd>{match text {
                                    Some(t) => view! { <span lang="fr">{t}</span> }.into_any(),
                                    None => view! { <span class="muted">{move || i18n.t("ref.level_not_described")}</span> }.into_any(),
                                }}</dd>
                            </div>
                        }
                    }).collect_view()}
                </dl>
            </div>
        }
    });
    view! {
        <li class="item" id=anchor_id(&item.id) tabindex="-1" data-testid="item" data-item=format!("{}/{}", r.id, item.id)>
            <p class="item-head">
                <a class="code" href=link(r, &item.id) title=move || i18n.t("ref.link_to_item")>{item.id.clone()}</a>
                " "
                {match &item.title {
                    Some(t) => view! { <strong class="item-title" lang="fr">{t.clone()}</strong> }.into_any(),
                    None => view! { <span class="item-text" lang="fr">{item.text.clone()}</span> }.into_any(),
                }}
            </p>
            {item.title.is_some().then(|| view! { <RichText text=item.text.clone()/> })}
            <p class="item-meta">
                {target_line}
                {item.block.clone().map(|b| view! { " · "<span class="badge">{move || i18n.t_with("ref.block", &[("id", &b)])}</span> })}
            </p>
            {levels}
            {(!item.codes.is_empty()).then(|| view! {
                <div class="codes">
                    <p class="sub-title">{move || i18n.t("ref.codes")}</p>
                    <ul lang="fr">{item.codes.iter().map(|c| view! { <li><span class="code">{c.code.clone()}</span>" "{c.label.clone()}</li> }).collect_view()}</ul>
                </div>
            })}
            {(!item.criteria.is_empty()).then(|| view! {
                <div class="criteria">
                    <p class="sub-title">{move || i18n.t("ref.criteria")}</p>
                    {item.criteria.iter().map(|c| view! {
                        <div class="criterion"><span class="code">{c.id.clone()}</span><RichText text=c.text.clone()/></div>
                    }).collect_view()}
                </div>
            })}
            {item.modality.clone().map(|m| {
                let href = link(r, &format!("modality-{m}"));
                view! { <p class="item-modality"><a href=href>{move || i18n.t_with("ref.modality", &[("id", &m)])}</a></p> }
            })}
            <FieldList fields=item.fields.clone()/>
            {(!item.pivots.is_empty()).then(|| view! {
                <p class="pivots"><span class="sub-title">{move || i18n.t("ref.pivots")}": "</span>
                    {item.pivots.iter().map(|p| view! {
                        <span class="chip">{move || pivots.pivot_label(p, i18n.lang.get()).to_owned()}</span>
                    }).collect_view()}
                </p>
            })}
        </li>
    }
}
