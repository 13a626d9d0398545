//! The notices shown above every page (storage reports, other tabs), kept untranslated so that
//! they follow the language switch.

use crate::core::dossier::StorageNotice;
use crate::ui::i18n::I18n;

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum NoticeKind {
    Info,
    Warning,
}

/// What a notice says, kept untranslated so that it follows the language switch.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum NoticeText {
    /// A locale key of the UI.
    Key(&'static str),
    /// A report of the storage core (set-aside values, migrations, dropped answers).
    Storage(StorageNotice),
}

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Notice {
    pub kind: NoticeKind,
    pub text: NoticeText,
}

impl Notice {
    pub(super) fn core(kind: NoticeKind, notice: StorageNotice) -> Notice {
        Notice {
            kind,
            text: NoticeText::Storage(notice),
        }
    }

    pub(super) fn ui(kind: NoticeKind, key: &'static str) -> Notice {
        Notice {
            kind,
            text: NoticeText::Key(key),
        }
    }

    /// The text in the current language (reactive: re-renders on a language switch).
    pub fn render(&self, i18n: I18n) -> String {
        match &self.text {
            NoticeText::Key(key) => i18n.t(key).to_owned(),
            NoticeText::Storage(notice) => i18n.storage(notice),
        }
    }
}
