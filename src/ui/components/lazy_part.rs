//! A part of a page that comes from a chunk of its own (`chunks::split_fn!`), drawn once it is
//! there: code only some referentials need stays out of the page's chunk.

use crate::ui::chunks::{ChunkError, Page};
use crate::ui::i18n::use_i18n;
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::future::Future;

/// Nothing until `load` resolves, then the part; if its chunk cannot be fetched, says so (the
/// rest of the page works as before).
pub fn lazy_part(load: impl Future<Output = Result<Page, ChunkError>> + 'static) -> impl IntoView {
    let part = RwSignal::new_local(None::<Result<Page, ChunkError>>);
    spawn_local(async move {
        let loaded = load.await;
        let _ = part.try_set(Some(loaded));
    });
    let i18n = use_i18n();
    move || match part.get() {
        None => ().into_any(),
        Some(Ok(page)) => page(),
        Some(Err(ChunkError)) => view! {
            <p class="notice notice-error" role="alert">{i18n.t("chunk.failed")}</p>
        }
        .into_any(),
    }
}
