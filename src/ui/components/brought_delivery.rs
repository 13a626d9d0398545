//! « Diffuser ce référentiel » (SPEC §13, to candidates without a server), on a brought
//! referential's page: a link that carries it (compressed in the URL fragment, while it fits the
//! limit the panel states), its file, and a SCORM 1.2 package built here from the app's own files.

mod package;

use crate::core::custom::file::{export_referential, file_name};
use crate::core::custom::link::{self, MAX_FRAGMENT_CHARS};
use crate::core::custom::Brought;
use crate::core::numbers::whole;
use crate::ui::chunks::{split_fn, Page};
use crate::ui::components::brought_manage::DeleteReferential;
use crate::ui::i18n::use_i18n;
use crate::ui::state::brought;
use crate::ui::state::bytes::deflate_raw;
use crate::ui::state::files::download;
use leptos::prelude::*;
use leptos::task::spawn_local;

/// The link's state.
#[derive(Clone, PartialEq)]
enum Link {
    None,
    Making,
    Made(String),
    /// Longer than the limit: its length.
    TooLong(usize),
    Failed,
}

/// The address of the app, without its query (an embedding's or a package's parameters) and
/// fragment: where a candidate opens the link.
fn app_url() -> String {
    let location = window().location();
    format!(
        "{}{}",
        location.origin().unwrap_or_default(),
        location.pathname().unwrap_or_default()
    )
}

async fn make_link(b: &Brought) -> Link {
    let file = export_referential(b);
    match deflate_raw(file.as_bytes()).await {
        Ok(deflated) => {
            let payload = link::payload(file.as_bytes(), &deflated);
            if link::fits(&payload) {
                Link::Made(format!("{}{}", app_url(), link::hash(&payload)))
            } else {
                Link::TooLong(link::hash(&payload).len())
            }
        }
        Err(_) => Link::Failed,
    }
}

split_fn! {
    /// The delivery panel and the deletion of a brought referential, in a chunk of their own:
    /// the link's compression, the zip writer and the SCORM package are tens of KiB that the
    /// pages of the five never need.
    pub fn brought_tools(id: &'static str, title: &'static str) -> Page {
        std::rc::Rc::new(move || {
            view! {
                <BroughtDelivery id=id.to_owned()/>
                <DeleteReferential id=id title=title/>
            }
            .into_any()
        })
    }
}

/// The panel: link, file, SCORM package.
#[component]
pub fn BroughtDelivery(id: String) -> impl IntoView {
    let Some(b) = brought(&id) else {
        return ().into_any();
    };
    let i18n = use_i18n();
    let limit = move || whole(i18n.lang.get(), MAX_FRAGMENT_CHARS);
    let state = RwSignal::new(Link::None);
    let copied = RwSignal::new(false);
    let make = move |_| {
        state.set(Link::Making);
        copied.set(false);
        spawn_local(async move {
            let made = make_link(b).await;
            let _ = state.try_set(made);
        });
    };
    let copy = move |_| {
        if let Link::Made(url) = state.get_untracked() {
            let _ = window().navigator().clipboard().write_text(&url);
            copied.set(true);
        }
    };
    let file_failed = RwSignal::new(false);
    let save_file = move |_| {
        let text = export_referential(b);
        file_failed.set(download(&file_name(b), "application/json", &text).is_err());
    };
    let link_view = {
        move || {
            match state.get() {
            Link::None => ().into_any(),
            Link::Making => view! { <p role="status">{i18n.t("delivery.link_making")}</p> }.into_any(),
            Link::Made(url) => {
                let n = whole(i18n.lang.get(), url.len() - app_url().len());
                let label = i18n.t_with("delivery.link_label", &[("n", &n), ("limit", &limit())]);
                view! {
                    <div class="share-link">
                        <label for="referential-link">{label}</label>
                        <input id="referential-link" type="text" readonly data-testid="referential-link" prop:value=url
                            on:focus=|ev| { use wasm_bindgen::JsCast; if let Some(i) = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()) { i.select(); } }/>
                        <button type="button" class="secondary" on:click=copy>{i18n.t("share.copy")}</button>
                        <span role="status">{move || if copied.get() { i18n.t("share.copied") } else { "" }}</span>
                    </div>
                }
                .into_any()
            }
            Link::TooLong(n) => {
                let n = whole(i18n.lang.get(), n);
                let text = i18n.t_with("delivery.link_too_long", &[("n", &n), ("limit", &limit())]);
                view! { <p class="notice notice-warning" role="status" data-testid="referential-link-too-long">{text}</p> }.into_any()
            }
            Link::Failed => view! { <p class="notice notice-error" role="alert">{i18n.t("delivery.link_failed")}</p> }.into_any(),
        }
        }
    };
    view! {
        <section class="delivery no-print" aria-labelledby="delivery-title" data-testid="brought-delivery" data-referential=b.referential.id.clone()>
            <h2 id="delivery-title">{move || i18n.t("delivery.title")}</h2>
            <p>{move || i18n.t("delivery.help")}</p>
            <h3>{move || i18n.t("delivery.link_title")}</h3>
            <p>{move || i18n.t_with("delivery.link_help", &[("limit", &limit())])}</p>
            <p><button type="button" class="secondary" data-testid="make-referential-link" on:click=make>{move || i18n.t("delivery.link_make")}</button></p>
            {link_view}
            <h3>{move || i18n.t("delivery.file_title")}</h3>
            <p>{move || i18n.t("delivery.file_help")}</p>
            <p><button type="button" class="secondary" data-testid="download-referential" on:click=save_file>{move || i18n.t("delivery.file_download")}</button></p>
            {move || file_failed.get().then(|| view! { <p class="notice notice-error" role="alert">{i18n.t("delivery.download_failed")}</p> })}
            <package::PackageDownload b=b/>
        </section>
    }
    .into_any()
}
