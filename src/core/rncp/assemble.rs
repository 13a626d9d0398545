//! The referential a draft makes, in the shape of `data/FORMAT.md`: the fiche's card as fields,
//! its official codes, one block and one group per block of competences, one competence per item.
//! The field labels are the headings of an RNCP fiche: referential text, French like the rest of
//! it, never translated. [`Draft::build`] makes it, with its provenance, once the draft is sound.

use super::draft::{Draft, DraftItem};
use super::fiche::Fiche;
use super::{LICENCE, MAX_ITEMS, PUBLISHER};
use crate::core::custom::brought::{Brought, Provenance, RawList, SOURCE_RNCP};
use crate::core::custom::code::{self, arg, problem};
use crate::core::exchange::ImportFailure;
use crate::core::model::*;

fn text_field(label: &str, text: &str) -> Option<Field> {
    (!text.trim().is_empty()).then(|| Field {
        label: label.to_string(),
        text: Some(text.to_string()),
        list: None,
        table: None,
    })
}

fn list_field(label: &str, list: &[String]) -> Option<Field> {
    (!list.is_empty()).then(|| Field {
        label: label.to_string(),
        text: None,
        list: Some(list.to_vec()),
        table: None,
    })
}

/// The fiche's card.
fn card(f: &Fiche) -> Vec<Field> {
    let level = match (&f.level, &f.level_label) {
        (Some(code), Some(label)) => format!("{code} — {label}"),
        (Some(code), None) => code.clone(),
        (None, Some(label)) => label.clone(),
        (None, None) => String::new(),
    };
    let active = if f.active { "Oui" } else { "Non" };
    [
        text_field("Numéro de fiche", &f.number),
        text_field("Niveau", &level),
        list_field("Certificateur(s)", &f.certifiers),
        text_field("Activités visées", &f.activities),
        text_field("Capacités attestées", &f.capacities),
        text_field("État de la fiche", &f.state),
        text_field("Fiche active", active),
        f.registered_until
            .and_then(|d| text_field("Date de fin d'enregistrement", &d.fr())),
    ]
    .into_iter()
    .flatten()
    .collect()
}

/// The first sentence of the activities, when it is short enough to sum the fiche up.
fn summary(f: &Fiche) -> String {
    let first = f.activities.lines().next().unwrap_or("");
    // The first sentence: up to a full stop followed by a space, or the whole line.
    let cut = first.find(". ").map_or(first, |i| &first[..=i]);
    if cut.chars().count() <= 300 {
        cut.to_string()
    } else {
        String::new()
    }
}

fn codes(f: &Fiche) -> Vec<OfficialCode> {
    let digits: String = f.number.chars().filter(char::is_ascii_digit).collect();
    let mut out = vec![OfficialCode {
        system: "RNCP".into(),
        code: digits,
        label: f.title.clone(),
    }];
    for (system, list) in [("NSF", &f.nsf), ("ROME", &f.rome)] {
        out.extend(
            list.iter()
                .filter(|c| !c.code.is_empty())
                .map(|c| OfficialCode {
                    system: system.into(),
                    code: c.code.clone(),
                    label: c.label.clone(),
                }),
        );
    }
    out
}

fn item(i: &DraftItem) -> Item {
    Item {
        id: i.id.clone(),
        kind: ItemKind::Competence,
        text: i.text.clone(),
        title: None,
        rated: true,
        target: Some(i.target),
        weight: Some(i.weight),
        pivots: i.pivots.clone(),
        block: None,
        levels: Vec::new(),
        codes: Vec::new(),
        criteria: Vec::new(),
        modality: None,
        fields: i
            .code
            .as_deref()
            .and_then(|c| text_field("Code du certificateur", c))
            .into_iter()
            .collect(),
    }
}

pub(super) fn referential(d: &Draft) -> Referential {
    let f = &d.fiche;
    let certifiers = f.certifiers.join(", ");
    let digits: String = f.number.chars().filter(char::is_ascii_digit).collect();
    let source = if certifiers.is_empty() {
        format!("Fiche RNCP {digits}, France compétences")
    } else {
        format!("Fiche RNCP {digits}, {certifiers}")
    };
    Referential {
        format: "repere.referential".into(),
        version: 1,
        id: f.referential_id().unwrap_or_default(),
        title: f.title.clone(),
        kind: ReferentialKind::Certification,
        scale: Scale::Generic,
        source,
        codes: codes(f),
        summary: summary(f),
        fields: card(f),
        modalities: Vec::new(),
        blocks: d
            .blocks
            .iter()
            .map(|b| Block {
                id: b.id.clone(),
                title: b.title.clone(),
                fields: text_field("Modalités d'évaluation", &b.modalities)
                    .into_iter()
                    .collect(),
            })
            .collect(),
        groups: d
            .blocks
            .iter()
            .map(|b| Group {
                id: b.id.clone(),
                kind: "block".into(),
                label: String::new(),
                title: String::new(),
                block: Some(b.id.clone()),
                fields: Vec::new(),
                items: b.items.iter().map(item).collect(),
                groups: Vec::new(),
            })
            .collect(),
    }
}

impl Draft {
    /// The referential the draft makes, with its provenance; refused while a block has no item
    /// (the message names the fiche and the block) or the whole is too large.
    pub fn build(&self) -> Result<Brought, ImportFailure> {
        let number = &self.fiche.number;
        let mut problems = Vec::new();
        if self.blocks.is_empty() {
            problems.push(problem(
                code::FICHE_NO_BLOCK,
                vec![arg("fiche", number), arg("title", &self.fiche.title)],
            ));
        }
        for b in &self.blocks {
            if b.items.is_empty() {
                let name = if b.title.is_empty() {
                    b.id.clone()
                } else {
                    format!("{} « {} »", b.id, b.title)
                };
                problems.push(problem(
                    code::BLOCK_NO_ITEM,
                    vec![arg("fiche", number), arg("block", name)],
                ));
            }
        }
        let count: usize = self.blocks.iter().map(|b| b.items.len()).sum();
        if count > MAX_ITEMS {
            problems.push(problem(
                code::TOO_MANY_ITEMS,
                vec![arg("count", count), arg("max", MAX_ITEMS)],
            ));
        }
        if !problems.is_empty() {
            return Err(ImportFailure { problems });
        }
        let referential = referential(self);
        let provenance = Provenance {
            source: SOURCE_RNCP.to_string(),
            fiche: Some(number.clone()),
            url: Some(self.fiche.url()),
            publisher: Some(PUBLISHER.to_string()),
            licence: Some(LICENCE.to_string()),
            export_date: self.export_date.map(|d| d.iso()),
            raw_lists: self
                .blocks
                .iter()
                .map(|b| RawList {
                    block: b.id.clone(),
                    text: b.raw.clone(),
                })
                .collect(),
            edits: self.edits.clone(),
        };
        let brought = Brought {
            referential,
            provenance,
        };
        crate::core::custom::check::check_brought(&brought).map(|_| brought)
    }
}
