//! Long pages (a referential with every item, a detailed positioning) render their first section
//! in the task that shows the page and each further section in the next animation frame: the
//! heading and the first screen appear without waiting for the whole page, and no single task
//! keeps the main thread busy for long (SPEC §11: a page's first open, Lighthouse's blocking
//! time). A deep link or a table-of-contents entry renders everything up to its section at once.

use leptos::prelude::*;

#[derive(Clone, Copy)]
pub struct Reveal {
    shown: RwSignal<usize>,
    total: usize,
}

impl Reveal {
    /// `total` sections, the first `first` of them (at least one) rendered at once.
    pub fn new(total: usize, first: usize) -> Self {
        let reveal = Reveal {
            shown: RwSignal::new(first.max(1).min(total)),
            total,
        };
        reveal.next_frame();
        reveal
    }

    /// `total` sections of a page a deep link can point into: the first one, and every one up to
    /// the `anchor`'s section (`section_of`), render at once, now and whenever the anchor changes.
    pub fn following(
        total: usize,
        anchor: Memo<Option<String>>,
        section_of: impl Fn(&str) -> Option<usize> + Copy + Send + Sync + 'static,
    ) -> Self {
        let first = anchor
            .get_untracked()
            .and_then(|a| section_of(&a))
            .map_or(1, |i| i + 1);
        let reveal = Reveal::new(total, first);
        Effect::new(move |_| {
            if let Some(i) = anchor.with(|a| a.as_deref().and_then(section_of)) {
                reveal.through(i);
            }
        });
        reveal
    }

    fn next_frame(self) {
        if self.shown.get_untracked() >= self.total {
            return;
        }
        request_animation_frame(move || {
            // After a navigation the page, and its signal, are gone: stop there.
            if self.shown.try_update(|n| *n += 1).is_some() {
                self.next_frame();
            }
        });
    }

    /// Whether section `i` is rendered (reactive).
    pub fn shows(self, i: usize) -> bool {
        self.shown.get() > i
    }

    /// Renders every section up to `i` now.
    pub fn through(self, i: usize) {
        if self.shown.get_untracked() <= i {
            self.shown.set(i + 1);
        }
    }

    /// Whether every section is rendered (reactive): `aria-busy` until then.
    pub fn complete(self) -> bool {
        self.shown.get() >= self.total
    }
}
