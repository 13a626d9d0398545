//! Code that arrives when it is first needed (SPEC §11). With the `split` feature, each function
//! declared with [`split_fn!`] is a split point: `scripts/split.mjs` moves its code, and the code
//! and data only it uses, into a wasm chunk of its own, fetched (from the service worker's
//! precache after the first visit) the first time the function is called. Without the feature
//! the same functions are plain async functions in the one wasm.
//!
//! Leptos's `#[lazy]` expands to the same `wasm_split` attribute, but without its `fallible`
//! option: a chunk that fails to load panics, which aborts the whole app. Here a failed load is a
//! [`ChunkError`], shown in plain words with a retry (`shell::lazy_view`).
//!
//! This module sits below everything else of the shell: it knows no page, no state, no text. The
//! split points themselves are declared beside what they load (`pages` for the pages,
//! `state::slot` for the app state, `lms` for LMS mode, here for the English texts), never in
//! one table that imports them all.

use leptos::prelude::*;
use std::cell::Cell;
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
        $crate::ui::chunks::split_fn! { $(#[$attr])* $vis fn $name($($arg: $ty),*) -> $crate::ui::chunks::Unit $body }
    };
    ($(#[$attr:meta])* $vis:vis fn $name:ident($($arg:ident: $ty:ty),* $(,)?) -> $ret:ty $body:block) => {
        $(#[$attr])*
        #[cfg(feature = "split")]
        #[wasm_split_helpers::wasm_split($name, fallible)]
        $vis fn $name($($arg: $ty),*) -> Result<$ret, $crate::ui::chunks::ChunkError> {
            Ok($body)
        }

        $(#[$attr])*
        #[cfg(not(feature = "split"))]
        $vis async fn $name($($arg: $ty),*) -> Result<$ret, $crate::ui::chunks::ChunkError> {
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

split_fn! {
    /// Makes the English texts available (`core::i18n::load_english`): a French visit never
    /// downloads them. Called before the first render of an English visit (`ui::start`) and by
    /// the language switch.
    pub fn english() {
        crate::core::i18n::load_english()
    }
}
