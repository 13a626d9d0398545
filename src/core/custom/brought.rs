//! A referential a trainer brings (SPEC §13): the referential itself (`core::model`, the same
//! shape as the five bundled ones) with where it comes from and what the trainer changed. In a
//! file or in storage it is a `repere.referential` object with one more member, `provenance`
//! (see `data/FORMAT.md`, *Brought referentials*).

use crate::core::i18n::{tr_with, Lang};
use crate::core::model::Referential;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq)]
pub struct Brought {
    pub referential: Referential,
    pub provenance: Provenance,
}

/// Where a brought referential comes from.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Provenance {
    /// `rncp` (a fiche of the RNCP export), `file` (a `repere.referential` file written
    /// elsewhere), `pasted` (lists pasted by the trainer).
    pub source: String,
    /// The fiche's number, « RNCP37674 ».
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fiche: Option<String>,
    /// The fiche's page on francecompetences.fr.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// « France compétences ».
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub publisher: Option<String>,
    /// « Licence Ouverte 2.0 ».
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub licence: Option<String>,
    /// The export's date, `AAAA-MM-JJ`, when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub export_date: Option<String>,
    /// Each block's list of competences as the fiche wrote it, to show beside its split.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub raw_lists: Vec<RawList>,
    /// What the trainer changed from the default split, in order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub edits: Vec<Edit>,
}

pub const SOURCE_RNCP: &str = "rncp";
pub const SOURCE_FILE: &str = "file";
pub const SOURCE_PASTED: &str = "pasted";

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawList {
    pub block: String,
    pub text: String,
}

/// One change the trainer made to the default split, with the ids it touched (an id given to a
/// new item is recorded, so that the log reads on its own).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "op", rename_all = "kebab-case", deny_unknown_fields)]
pub enum Edit {
    /// `second`'s text appended to `first`'s; `second` removed.
    Merge {
        first: String,
        second: String,
    },
    /// `item` cut after `at` characters; the rest became `new_item`, just after it.
    Split {
        item: String,
        at: usize,
        new_item: String,
    },
    Reword {
        item: String,
        text: String,
    },
    Delete {
        item: String,
    },
    /// A new item at `index` of `block`.
    Add {
        block: String,
        index: usize,
        item: String,
        text: String,
    },
    /// `item` moved to `index` of `block`.
    Move {
        item: String,
        block: String,
        index: usize,
    },
    Retitle {
        block: String,
        title: String,
    },
    DeleteBlock {
        block: String,
    },
    Target {
        item: String,
        target: u8,
    },
    Weight {
        item: String,
        weight: f64,
    },
    /// The pivots the trainer confirmed or chose (the suggestions are not recorded).
    Pivots {
        item: String,
        pivots: Vec<String>,
    },
}

impl Edit {
    /// Whether `next` changes the same thing as `self` and replaces it in the log (a text
    /// reworded twice is one change).
    pub fn replaced_by(&self, next: &Edit) -> bool {
        use Edit::*;
        match (self, next) {
            (Reword { item: a, .. }, Reword { item: b, .. })
            | (Target { item: a, .. }, Target { item: b, .. })
            | (Weight { item: a, .. }, Weight { item: b, .. })
            | (Pivots { item: a, .. }, Pivots { item: b, .. })
            | (Retitle { block: a, .. }, Retitle { block: b, .. }) => a == b,
            _ => false,
        }
    }
}

impl Edit {
    /// The change in words, in `lang` (SPEC §13: a brought referential shows what the trainer
    /// changed from the fiche). Positions count from 1; pivot skills by their labels.
    pub fn describe(&self, lang: Lang) -> String {
        use Edit::*;
        let position = |index: &usize| (index + 1).to_string();
        let (key, args): (&str, Vec<(&str, String)>) = match self {
            Merge { first, second } => (
                "edit.merge",
                vec![("first", first.clone()), ("second", second.clone())],
            ),
            Split { item, at, new_item } => (
                "edit.split",
                vec![
                    ("item", item.clone()),
                    ("at", at.to_string()),
                    ("new_item", new_item.clone()),
                ],
            ),
            Reword { item, text } => (
                "edit.reword",
                vec![("item", item.clone()), ("text", text.clone())],
            ),
            Delete { item } => ("edit.delete", vec![("item", item.clone())]),
            Add {
                block,
                index,
                item,
                text,
            } => (
                "edit.add",
                vec![
                    ("item", item.clone()),
                    ("block", block.clone()),
                    ("position", position(index)),
                    ("text", text.clone()),
                ],
            ),
            Move { item, block, index } => (
                "edit.move",
                vec![
                    ("item", item.clone()),
                    ("block", block.clone()),
                    ("position", position(index)),
                ],
            ),
            Retitle { block, title } => (
                "edit.retitle",
                vec![("block", block.clone()), ("title", title.clone())],
            ),
            DeleteBlock { block } => ("edit.delete_block", vec![("block", block.clone())]),
            Target { item, target } => (
                "edit.target",
                vec![("item", item.clone()), ("target", target.to_string())],
            ),
            Weight { item, weight } => (
                "edit.weight",
                vec![
                    ("item", item.clone()),
                    ("weight", crate::core::numbers::one_decimal(lang, *weight)),
                ],
            ),
            Pivots { item, pivots } if pivots.is_empty() => {
                ("edit.pivots_none", vec![("item", item.clone())])
            }
            Pivots { item, pivots } => {
                let catalog = crate::core::catalog::catalog();
                let labels: Vec<&str> = pivots
                    .iter()
                    .map(|p| catalog.pivot_label(p, lang))
                    .collect();
                (
                    "edit.pivots",
                    vec![("item", item.clone()), ("pivots", labels.join(", "))],
                )
            }
        };
        let args: Vec<(&str, &str)> = args.iter().map(|(k, v)| (*k, v.as_str())).collect();
        tr_with(lang, key, &args)
    }
}

/// Locale keys of the provenance line.
pub const PROVENANCE_DATED: &str = "referential.provenance_dated";
pub const PROVENANCE_UNDATED: &str = "referential.provenance_undated";

impl Provenance {
    /// « France compétences, RNCP, Licence Ouverte 2.0, export du 03/06/2025 » for a fiche of
    /// the RNCP export; `None` for a referential from elsewhere.
    pub fn line(&self, lang: Lang) -> Option<String> {
        if self.source != SOURCE_RNCP {
            return None;
        }
        let date = self
            .export_date
            .as_deref()
            .and_then(crate::core::rncp::Date::parse_iso);
        Some(match date {
            Some(d) => {
                let shown = match lang {
                    Lang::Fr => d.fr(),
                    Lang::En => d.iso(),
                };
                tr_with(lang, PROVENANCE_DATED, &[("date", &shown)])
            }
            None => tr_with(lang, PROVENANCE_UNDATED, &[]),
        })
    }
}
