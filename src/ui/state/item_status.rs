//! An item's level as the UI shows it: answered, estimated (and from what), or unknown.

use super::library::{catalog, model};
use crate::core::scoring::{Evaluation, ItemStatus, PivotSource};
use crate::ui::i18n::I18n;
use leptos::prelude::*;

/// How an item's level is known, ready to show (SPEC §4: answered or estimated, and from what).
#[derive(Debug, Clone, PartialEq)]
pub enum ItemStatusView {
    Answered(u8),
    /// Estimated level, from these pivot skills (`true` when the pivot comes from the quick diagnostic).
    Estimated {
        level: u8,
        from: Vec<(String, bool)>,
    },
    Unknown,
}

impl ItemStatusView {
    pub fn css(&self) -> &'static str {
        match self {
            ItemStatusView::Answered(_) => "answered",
            ItemStatusView::Estimated { .. } => "estimated",
            ItemStatusView::Unknown => "unknown",
        }
    }

    /// The pivot skills an estimate comes from, in words.
    pub fn sources(&self, i18n: I18n) -> String {
        let lang = i18n.lang.get();
        match self {
            ItemStatusView::Estimated { from, .. } => from
                .iter()
                .map(|(p, quick)| {
                    let label = catalog().pivot_label(p, lang);
                    i18n.t_with(
                        if *quick {
                            "status.from_quick"
                        } else {
                            "status.from_items"
                        },
                        &[("pivot", label)],
                    )
                })
                .collect::<Vec<_>>()
                .join(", "),
            _ => String::new(),
        }
    }

    /// Where the level comes from, for a table whose level has a column of its own (the
    /// profile's detail, the positioning record): answered, estimated from what, or neither.
    pub fn origin(&self, i18n: I18n) -> String {
        match self {
            ItemStatusView::Answered(_) => i18n.t("status.origin_answered").to_owned(),
            ItemStatusView::Estimated { .. } => {
                i18n.t_with("status.origin_estimated", &[("from", &self.sources(i18n))])
            }
            ItemStatusView::Unknown => i18n.t("status.origin_unknown").to_owned(),
        }
    }

    /// The level and where it comes from, in a sentence (beside the item being rated).
    pub fn describe(&self, i18n: I18n) -> String {
        match self {
            ItemStatusView::Answered(l) => i18n.t_with("status.answered", &[("l", &l.to_string())]),
            ItemStatusView::Estimated { level, .. } => i18n.t_with(
                "status.estimated",
                &[("l", &level.to_string()), ("from", &self.sources(i18n))],
            ),
            ItemStatusView::Unknown => i18n.t("status.unknown").to_owned(),
        }
    }
}

/// The status of item `index` of the scoring model in `eval`.
pub fn status_view(eval: &Evaluation, index: usize) -> ItemStatusView {
    let r = &eval.items[index];
    match r.status {
        ItemStatus::Answered => ItemStatusView::Answered(r.level),
        ItemStatus::Estimated { from } => ItemStatusView::Estimated {
            level: r.level,
            from: from
                .iter()
                .map(|p| {
                    (
                        model().pivot_ids()[p].clone(),
                        matches!(eval.pivots[p].source, PivotSource::Quick),
                    )
                })
                .collect(),
        },
        ItemStatus::Unknown => ItemStatusView::Unknown,
    }
}
