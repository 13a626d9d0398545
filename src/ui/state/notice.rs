//! The notices shown above every page (storage reports, other tabs): untranslated messages, so
//! that they follow the language switch.

use crate::core::i18n::Message;
use crate::ui::i18n::I18n;

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum NoticeKind {
    Info,
    Warning,
}

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Notice {
    pub kind: NoticeKind,
    /// A report of the storage core (set-aside values, migrations, dropped answers), or a locale
    /// key of the UI's own.
    pub text: Message,
}

impl Notice {
    pub(super) fn new(kind: NoticeKind, text: Message) -> Notice {
        Notice { kind, text }
    }

    /// A notice the UI words itself, with a locale key.
    pub(super) fn key(kind: NoticeKind, key: &'static str) -> Notice {
        Notice::new(kind, Message::new(key, Vec::new()))
    }

    /// The text in the current language (reactive: re-renders on a language switch).
    pub fn render(&self, i18n: I18n) -> String {
        i18n.message(&self.text)
    }
}
