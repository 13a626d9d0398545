//! The positioning record « Positionnement à l'entrée » (what training organisations keep of an
//! entry positioning, SPEC §12): for one referential, every
//! rated item per certification block (or per top-level group when it has none) with its level,
//! target and evidence note, the blocks within reach, and what traces the record to the data it
//! was made with ([`fingerprint`]). The page (`ui::pages::record`) lays it out for A4.

use crate::core::answers::Answers;
use crate::core::compact;
use crate::core::model::Referential;
use crate::core::scoring::{Evaluation, ScoringModel};

/// One item of the record.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    /// Index in [`ScoringModel::items`] (its status and level are in the evaluation).
    pub item: usize,
    /// The item's id in its referential (`C2.1.3`).
    pub id: String,
    pub label: String,
    pub level: u8,
    pub target: u8,
    /// The candidate's evidence note, empty when none.
    pub evidence: String,
}

/// A certification block, or a top-level group of a referential without blocks.
#[derive(Debug, Clone, PartialEq)]
pub struct Section {
    pub id: String,
    pub title: String,
    /// 0–1 over the section's items.
    pub readiness: f64,
    /// `Some(ready)` for a certification block (SPEC §5), `None` for a group.
    pub ready: Option<bool>,
    pub rows: Vec<Row>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Record {
    pub readiness: f64,
    pub completeness: f64,
    pub sections: Vec<Section>,
}

/// 64-bit FNV-1a of the referential's compact encoding (every text, id, target, weight and
/// crosswalk link of it), in hex: two records with the same fingerprint were made with the same
/// referential data.
pub fn fingerprint(r: &Referential) -> String {
    let bytes = compact::encode(r);
    let hash = bytes.iter().fold(0xcbf2_9ce4_8422_2325u64, |h, &b| {
        (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3)
    });
    format!("{hash:016x}")
}

/// The record of `r` for these answers and their evaluation; `None` if the model lacks `r`.
pub fn record(
    model: &ScoringModel,
    eval: &Evaluation,
    r: &Referential,
    answers: &Answers,
) -> Option<Record> {
    let p = model.profile_index(&r.id)?;
    let profile = &eval.profiles[p];
    let refs = r.rated_items();
    let rows: Vec<(Option<&str>, &str, Row)> = eval
        .rows(model, p)
        .zip(&refs)
        .map(|(row, ir)| {
            let evidence = answers
                .items
                .get(row.full_id)
                .map(|a| a.evidence.trim().to_owned())
                .unwrap_or_default();
            (
                ir.block,
                ir.group.id.as_str(),
                Row {
                    item: row.item,
                    id: ir.item.id.clone(),
                    label: ir.item.label().to_owned(),
                    level: row.level,
                    target: row.target,
                    evidence,
                },
            )
        })
        .collect();
    let sections = if profile.blocks.is_empty() {
        r.groups
            .iter()
            .filter_map(|g| {
                let members: Vec<&Row> = rows
                    .iter()
                    .filter(|(_, gid, _)| *gid == g.id)
                    .map(|(.., x)| x)
                    .collect();
                (!members.is_empty()).then(|| Section {
                    id: g.id.clone(),
                    title: g.heading().to_owned(),
                    readiness: eval.readiness_of(model, members.iter().map(|x| x.item)).0,
                    ready: None,
                    rows: members.into_iter().cloned().collect(),
                })
            })
            .collect()
    } else {
        profile
            .blocks
            .iter()
            .map(|b| {
                let id = &model.profiles()[p].blocks[b.block].id;
                Section {
                    id: id.clone(),
                    title: r.block(id).map(|bl| bl.title.clone()).unwrap_or_default(),
                    readiness: b.readiness,
                    ready: Some(b.ready),
                    rows: rows
                        .iter()
                        .filter(|(block, ..)| *block == Some(id.as_str()))
                        .map(|(.., x)| x.clone())
                        .collect(),
                }
            })
            .collect()
    };
    Some(Record {
        readiness: profile.readiness,
        completeness: profile.completeness,
        sections,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::answers::{full_id, ItemAnswer};
    use crate::core::catalog::{catalog, Catalog, PIVOTS_FILE, REFERENTIAL_FILES};

    fn model() -> &'static ScoringModel {
        ScoringModel::bundled()
    }

    fn make(id: &str, answers: &Answers) -> Record {
        let eval = model().evaluate(answers);
        record(model(), &eval, catalog().referential(id).unwrap(), answers).unwrap()
    }

    #[test]
    fn every_rated_item_once_per_block_or_group() {
        for r in &catalog().referentials {
            let rec = make(&r.id, &Answers::default());
            let ids: Vec<&str> = rec
                .sections
                .iter()
                .flat_map(|s| s.rows.iter().map(|x| x.id.as_str()))
                .collect();
            let mut expected: Vec<&str> =
                r.rated_items().iter().map(|i| i.item.id.as_str()).collect();
            let mut sorted = ids.clone();
            sorted.sort_unstable();
            expected.sort_unstable();
            assert_eq!(sorted, expected, "{}", r.id);
            let section_ids: Vec<&str> = rec.sections.iter().map(|s| s.id.as_str()).collect();
            if r.blocks.is_empty() {
                let groups: Vec<&str> = r.groups.iter().map(|g| g.id.as_str()).collect();
                assert_eq!(section_ids, groups, "{}", r.id);
                assert!(rec.sections.iter().all(|s| s.ready.is_none()));
            } else {
                let blocks: Vec<&str> = r.blocks.iter().map(|b| b.id.as_str()).collect();
                assert_eq!(section_ids, blocks, "{}", r.id);
                assert!(rec
                    .sections
                    .iter()
                    .all(|s| s.ready == Some(false) && !s.title.is_empty()));
            }
        }
    }

    #[test]
    fn levels_targets_evidence_and_ready_blocks() {
        let r = catalog().referential("animateur-ecommerce").unwrap();
        let mut a = Answers::default();
        for ir in r.rated_items() {
            let level = if ir.block == Some("BC03") { 4 } else { 1 };
            a.items.insert(
                full_id(&r.id, &ir.item.id),
                ItemAnswer {
                    level,
                    evidence: format!(" preuve {} ", ir.item.id),
                },
            );
        }
        let rec = make(&r.id, &a);
        let bc03 = rec.sections.iter().find(|s| s.id == "BC03").unwrap();
        assert_eq!(bc03.ready, Some(true));
        assert!((bc03.readiness - 1.0).abs() < 1e-9);
        assert!(bc03.rows.iter().all(|x| x.level == 4 && x.target == 3));
        assert_eq!(bc03.rows[0].evidence, format!("preuve {}", bc03.rows[0].id));
        let bc01 = rec.sections.iter().find(|s| s.id == "BC01").unwrap();
        assert_eq!(bc01.ready, Some(false));
        assert!((bc01.readiness - 1.0 / 3.0).abs() < 1e-9);
        assert!((rec.completeness - 1.0).abs() < 1e-9);
    }

    #[test]
    fn group_readiness_weighs_items() {
        // chef-projet-ecommerce mixes know-how (weight 1) and knowledge (weight 0.5) in each
        // domain: a section's readiness is the weighted share of its items' credits.
        let r = catalog().referential("chef-projet-ecommerce").unwrap();
        let mut a = Answers::default();
        for ir in r.rated_items().iter().filter(|i| i.group.id == "D1") {
            let level = if ir.item.id.contains(".SF") { 3 } else { 1 };
            a.items.insert(
                full_id(&r.id, &ir.item.id),
                ItemAnswer {
                    level,
                    evidence: String::new(),
                },
            );
        }
        let rec = make(&r.id, &a);
        let d1 = rec.sections.iter().find(|s| s.id == "D1").unwrap();
        let (mut earned, mut total, mut plain) = (0.0, 0.0, 0.0);
        for row in &d1.rows {
            let w = model().item(row.item).weight;
            let credit = f64::from(row.level.min(row.target)) / f64::from(row.target);
            earned += w * credit;
            total += w;
            plain += credit;
        }
        assert!((d1.readiness - earned / total).abs() < 1e-9);
        // The weights matter here: an unweighted mean would differ.
        assert!((d1.readiness - plain / d1.rows.len() as f64).abs() > 0.01);
        let dc = make("charge-ecommerce", &Answers::default());
        assert_eq!(
            dc.sections.iter().find(|s| s.id == "DC").unwrap().title,
            "Domaines de connaissances"
        );
    }

    #[test]
    fn the_fingerprint_follows_the_data() {
        let json = Catalog::parse(&REFERENTIAL_FILES, PIVOTS_FILE).unwrap();
        let mut seen = std::collections::HashSet::new();
        for (a, b) in catalog().referentials.iter().zip(&json.referentials) {
            let f = fingerprint(a);
            assert_eq!(f.len(), 16);
            // The same data decoded from the JSON or from the app's compact catalog.
            assert_eq!(f, fingerprint(b));
            assert!(seen.insert(f));
        }
        let mut r = catalog().referential("vendeur-web").unwrap().clone();
        let before = fingerprint(&r);
        r.groups[0].items[0].text.push('.');
        assert_ne!(fingerprint(&r), before, "a text");
        let mut r = catalog().referential("vendeur-web").unwrap().clone();
        r.groups[0].items[0].pivots.reverse();
        r.groups[0].items[0].pivots.push("veille".into());
        assert_ne!(fingerprint(&r), before, "the crosswalk");
    }
}
