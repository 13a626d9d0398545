//! Code that arrives when it is first needed (SPEC §11). With the `split` feature, each function
//! declared with [`split_fn!`] is a split point: `scripts/split.mjs` moves its code, and the code
//! and data only it uses, into a wasm chunk of its own, fetched (from the service worker's
//! precache after the first visit) the first time the function is called. Without the feature
//! the same functions are plain async functions in the one wasm.
//!
//! Leptos's `#[lazy]` expands to the same `wasm_split` attribute, but without its `fallible`
//! option: a chunk that fails to load panics, which aborts the whole app. Here a failed load is a
//! [`ChunkError`], shown in plain words with a retry ([`lazy_view`]).

use super::i18n::use_i18n;
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::cell::Cell;
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;

/// A chunk could not be loaded (network gone before it was cached, server error). Nothing was
/// run from it; calling the function again retries from scratch.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ChunkError;

#[cfg(feature = "split")]
impl From<wasm_split_helpers::SplitLoaderError> for ChunkError {
    fn from(_: wasm_split_helpers::SplitLoaderError) -> Self {
        // The loader already logged the cause (HTTP status, network error) to the console.
        ChunkError
    }
}

/// `split_fn! { pub fn name(args) -> T { body } }` declares
/// `pub async fn name(args) -> Result<T, ChunkError>` whose body runs from its own chunk.
/// Arguments and result must be concrete types (no generics, no `impl Trait`).
macro_rules! split_fn {
    ($(#[$attr:meta])* $vis:vis fn $name:ident($($arg:ident: $ty:ty),* $(,)?) $body:block) => {
        $crate::ui::lazy::split_fn! { $(#[$attr])* $vis fn $name($($arg: $ty),*) -> $crate::ui::lazy::Unit $body }
    };
    ($(#[$attr:meta])* $vis:vis fn $name:ident($($arg:ident: $ty:ty),* $(,)?) -> $ret:ty $body:block) => {
        $(#[$attr])*
        #[cfg(feature = "split")]
        #[wasm_split_helpers::wasm_split($name, fallible)]
        $vis fn $name($($arg: $ty),*) -> Result<$ret, $crate::ui::lazy::ChunkError> {
            Ok($body)
        }

        $(#[$attr])*
        #[cfg(not(feature = "split"))]
        $vis async fn $name($($arg: $ty),*) -> Result<$ret, $crate::ui::lazy::ChunkError> {
            Ok($body)
        }
    };
}
pub(crate) use split_fn;

/// `()` under a name, for split functions that return nothing (`-> ()` is a lint).
pub type Unit = ();

/// What a page's chunk returns: the function that builds the page's view. It is called by the
/// shell, under the shell's reactive owner, once the chunk is there.
pub type Page = Rc<dyn Fn() -> AnyView>;

/// `lazy_page!(name(args) => view)`: a page in a chunk of its own (see `ui::pages`). The view
/// expression may use the arguments (they are cloned for each build of the view). The chunk
/// installs the scoring model first, so every page can read `AppState::evaluation`.
macro_rules! lazy_page {
    ($name:ident($($arg:ident: $ty:ty),* $(,)?) => $view:expr) => {
        $crate::ui::lazy::split_fn! {
            pub fn $name($($arg: $ty),*) -> $crate::ui::lazy::Page {
                $crate::ui::state::install_scoring();
                ::std::rc::Rc::new(move || {
                    $(#[allow(clippy::redundant_clone)] let $arg = $arg.clone();)*
                    ::leptos::prelude::IntoAny::into_any($view)
                })
            }
        }
    };
}
pub(crate) use lazy_page;

type Load = Rc<dyn Fn() -> Pin<Box<dyn Future<Output = Result<Page, ChunkError>>>>>;

thread_local! {
    static PAINTED: Cell<bool> = const { Cell::new(false) };
}

/// Resolves once the app's first view is on screen (two animation frames, then a task: the first
/// frame's callbacks run before it is painted), at once after that. Chunks are asked for then,
/// not while the first view is being built: on a slow network their downloads would otherwise
/// share the line with what that view still needs (its styles, icons), and Lighthouse counts
/// every request started before the largest paint as a cost of that paint. Waiting costs a frame
/// or two, once per visit; a tab opened in the background (no frames) waits 100 ms at most.
pub async fn after_first_paint() {
    if PAINTED.get() {
        return;
    }
    let painted = js_sys::Promise::new(&mut |resolve, _| {
        let hidden = resolve.clone();
        set_timeout(
            move || {
                let _ = hidden.call0(&wasm_bindgen::JsValue::NULL);
            },
            std::time::Duration::from_millis(100),
        );
        request_animation_frame(move || {
            request_animation_frame(move || {
                set_timeout(
                    move || {
                        let _ = resolve.call0(&wasm_bindgen::JsValue::NULL);
                    },
                    std::time::Duration::ZERO,
                );
            });
        });
    });
    let _ = wasm_bindgen_futures::JsFuture::from(painted).await;
    PAINTED.set(true);
}

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
/// (`head`, see `ui::page_head`) and a status message if it takes long, all `aria-busy`; the page
/// once its chunk is there; a plain message with « Réessayer » if it cannot be loaded.
pub fn lazy_view<F, Fut>(head: Option<Page>, load: F) -> AnyView
where
    F: Fn() -> Fut + 'static,
    Fut: Future<Output = Result<Page, ChunkError>> + 'static,
{
    // Every page needs the app state: its chunk and the page's download together.
    let slot = expect_context::<super::state::StateSlot>();
    // One copy of the view code for every page, not one per page: this is the first load.
    let load = Rc::new(load);
    loading_view(
        head,
        Rc::new(move || {
            let state = slot.load();
            let load = load.clone();
            Box::pin(async move {
                after_first_paint().await;
                let (state, page) = futures::future::join(state, load()).await;
                state.and(page)
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
                super::router::focus_after_render(None);
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
