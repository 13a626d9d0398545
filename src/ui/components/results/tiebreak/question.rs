//! One question of Départager: the item with its profession, its own scale and descriptors, the
//! same level radios as the detailed positioning, and why it is asked.

use super::{names, Tiebreak, TITLE_ID};
use crate::core::numbers::percent_one_decimal;
use crate::core::scoring::tiebreak::{Question, Session};
use crate::ui::components::fields::RichText;
use crate::ui::components::results::profile_title;
use crate::ui::components::scale::{item_choices, LevelRadios};
use crate::ui::i18n::I18n;
use crate::ui::state::{catalog, model, use_app_state};
use leptos::prelude::*;

/// Why the item is asked, in one sentence.
fn why(i18n: I18n, q: &Question) -> String {
    let item = model().item(q.item);
    if q.why.ecf_from_generic {
        i18n.t("tiebreak.why_ecf").to_owned()
    } else if let (true, Some(p)) = (q.why.defining, item.pivots.main()) {
        let label = catalog().pivot_label(&model().pivot_ids()[p], i18n.lang.get_untracked());
        i18n.t_with("tiebreak.why_defining", &[("pivot", label)])
    } else {
        let share = percent_one_decimal(i18n.lang.get_untracked(), q.why.weight_share);
        i18n.t_with("tiebreak.why_weight", &[("share", &share)])
    }
}

/// The question at `position` of `total`. Its texts are built once (the panel rebuilds it on a
/// language change); the answer, its status and the button that moves on follow the dossier.
pub fn question(
    i18n: I18n,
    tb: Tiebreak,
    q: Question,
    position: usize,
    total: usize,
    group: &[usize],
) -> impl IntoView {
    let state = use_app_state();
    let fid = model().item(q.item).full_id.clone();
    let (r, item) = catalog()
        .item(&fid)
        .expect("the model's items are the catalog's");
    let fid3 = fid.clone();
    let (value, on_change) = state.item_level(&fid);
    let dom = format!("tiebreak-{}", item.id.replace('.', "-"));
    let status_id = format!("{dom}-status");
    let described = status_id.clone();
    let title = i18n.t_with(
        "tiebreak.question_title",
        &[
            ("names", &names(i18n, group)),
            ("n", &(position + 1).to_string()),
            ("total", &total.to_string()),
        ],
    );
    let profession = i18n.t_with(
        "tiebreak.profession",
        &[("title", &profile_title(q.profile))],
    );
    let legend = move || {
        view! {
            <span class="code">{item.id.clone()}</span>" "
            <span lang="fr" class="legend-title">{item.label().to_owned()}</span>
        }
    };
    let last = position + 1 == total;
    // One button: « Passer » while the question has no answer, « Question suivante » once it has.
    let go_on = move || {
        let answered = value.get().is_some();
        let (class, hook, key) = match (answered, last) {
            (false, _) => ("secondary", "tiebreak-skip", "tiebreak.skip"),
            (true, false) => ("primary", "tiebreak-next", "tiebreak.next"),
            (true, true) => ("primary", "tiebreak-next", "tiebreak.see_outcome"),
        };
        let step = move |_| {
            tb.step(if answered {
                Session::next
            } else {
                Session::skip
            })
        };
        view! { <button type="button" class=class data-testid=hook on:click=step>{i18n.t(key)}</button> }
    };
    let status = move || {
        let s = state.item_status(&fid3);
        view! { <p class=format!("level-status {}", s.css()) id=status_id.clone()>{s.describe(i18n)}</p> }
    };
    view! {
        <section class="tiebreak" aria-labelledby=TITLE_ID data-testid="tiebreak">
            <h2 id=TITLE_ID tabindex="-1">{title}</h2>
            <div class="tiebreak-item" data-testid="tiebreak-item" data-item=fid>
                <p class="tiebreak-profession">{profession}</p>
                {item.title.is_some().then(|| view! {
                    <details class="help"><summary>{i18n.t("assess.description")}</summary><RichText text=item.text.clone()/></details>
                })}
                <LevelRadios name=dom legend=legend choices=item_choices(r, item, i18n) value=value on_change=on_change describedby=described/>
                {status}
                {(!item.criteria.is_empty()).then(|| view! {
                    <details class="help"><summary>{i18n.t("ref.criteria")}</summary>
                        {item.criteria.iter().map(|c| view! { <div class="criterion"><span class="code">{c.id.clone()}</span><RichText text=c.text.clone()/></div> }).collect_view()}
                    </details>
                })}
                <p class="muted">{why(i18n, &q)}</p>
            </div>
            <p class="actions">
                {go_on}" "
                {(!last).then(|| view! {
                    <button type="button" class="link-button" data-testid="tiebreak-stop" on:click=move |_| tb.step(Session::stop)>{i18n.t("tiebreak.stop")}</button>
                })}
            </p>
        </section>
    }
}
