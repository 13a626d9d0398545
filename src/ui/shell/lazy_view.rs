//! The view of a page that arrives in a chunk (`ui::chunks`): the top of the page while its
//! chunk loads, the page once it is there, a message with « Réessayer » when it cannot be loaded.

use crate::ui::chunks::{after_first_paint, ChunkError, Page};
use crate::ui::i18n::use_i18n;
use crate::ui::router::focus_after_render;
use crate::ui::state::{ensure_brought, StateSlot};
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;

type Load = Rc<dyn Fn() -> Pin<Box<dyn Future<Output = Result<Page, ChunkError>>>>>;

#[derive(Clone)]
enum Status {
    Loading,
    Ready(Page),
    Failed,
}

/// How long a page may take to arrive before « Chargement… » is shown: a chunk from the cache or
/// the local network arrives well within it, and a message that flashes is only noise.
const SLOW_MS: i32 = 400;

/// The view of the page `load` fetches: while it loads, the top of the page if the shell knows it
/// (`head`, see `components::page_head`) and a status message if it takes long, all `aria-busy`; the page
/// once its chunk is there; a plain message with « Réessayer » if it cannot be loaded.
pub fn lazy_view<F, Fut>(head: Option<Page>, load: F) -> AnyView
where
    F: Fn() -> Fut + 'static,
    Fut: Future<Output = Result<Page, ChunkError>> + 'static,
{
    // Every page needs the app state: its chunk and the page's download together.
    let slot = expect_context::<StateSlot>();
    // One copy of the view code for every page, not one per page: this is the first load.
    let load = Rc::new(load);
    loading_view(
        head,
        Rc::new(move || {
            let state = slot.load();
            let load = load.clone();
            Box::pin(async move {
                after_first_paint().await;
                // The brought referentials (SPEC §13) come with the page, so that it renders
                // with them; none stored, nothing to fetch (`state::ensure_brought`).
                let (state, page, brought) =
                    futures::future::join3(state, load(), ensure_brought()).await;
                state.and(brought).and(page)
            })
        }),
    )
}

fn loading_view(head: Option<Page>, load: Load) -> AnyView {
    let load = StoredValue::new_local(load);
    let head = StoredValue::new_local(head);
    let status = RwSignal::new_local(Status::Loading);
    let slow = RwSignal::new(false);
    let start = move || {
        status.set(Status::Loading);
        slow.set(false);
        set_timeout(
            move || {
                let _ = slow.try_set(true);
            },
            std::time::Duration::from_millis(SLOW_MS as u64),
        );
        let Some(load) = load.try_get_value() else {
            return;
        };
        spawn_local(async move {
            let next = match load().await {
                Ok(page) => Status::Ready(page),
                Err(ChunkError) => Status::Failed,
            };
            // The page renders in a task of its own: the last chunk's start and the page's first
            // render in one task would block input for both (SPEC §11, total blocking time).
            set_timeout(
                move || {
                    // The user may have left the page meanwhile: its signal is gone, and so is
                    // the need.
                    let _ = status.try_set(next);
                },
                std::time::Duration::ZERO,
            );
        });
    };
    start();
    let i18n = use_i18n();
    view! {
        {move || match status.get() {
            Status::Ready(page) => page(),
            Status::Loading => view! {
                <div class="page-frame" aria-busy="true">
                    {head.with_value(|head| head.as_ref().map(|head| head()))}
                    <p class="page-loading muted" role="status">{move || if slow.get() { i18n.t("chunk.loading") } else { "" }}</p>
                </div>
            }.into_any(),
            Status::Failed => {
                focus_after_render(None);
                view! {
                    <section class="chunk-failed" data-testid="chunk-failed">
                        <h1 tabindex="-1">{move || i18n.t("chunk.failed_title")}</h1>
                        <div class="notice notice-error" role="alert">
                            <p>{move || i18n.t("chunk.failed")}</p>
                            <button type="button" class="primary" on:click=move |_| start()>{move || i18n.t("chunk.retry")}</button>
                        </div>
                    </section>
                }.into_any()
            }
        }}
    }
    .into_any()
}
