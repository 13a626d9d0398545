//! The rules of `data/FORMAT.md` that hold for any referential, checked on a brought one before
//! it is saved or opened (the rules tied to the five bundled ones, their id schemes, kinds and
//! seed text, do not apply). Every problem names the element that breaks the rule.

use super::brought::{Brought, SOURCE_FILE, SOURCE_PASTED, SOURCE_RNCP};
use super::code::{self, arg, problem};
use super::{valid_referential_id, MAX_ITEMS, MAX_STRING_CHARS, MAX_WEIGHT};
use crate::core::answers::{ECF_MAX, GENERIC_MAX};
use crate::core::exchange::{quote, ImportFailure, ImportProblem, Warnings};
use crate::core::model::{Field, Item, Referential, Scale};
use crate::core::outline;
use std::collections::HashSet;

/// `[A-Za-z0-9._-]{1,60}`: block, group and item ids end up in URLs, storage keys (full ids)
/// and SCORM objective ids.
pub fn valid_element_id(id: &str) -> bool {
    (1..=60).contains(&id.len())
        && id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b'-'))
}

/// Checks a brought referential; every problem found, capped like the import's.
pub fn check_brought(b: &Brought) -> Result<(), ImportFailure> {
    let mut out = Warnings::default();
    check_referential(&b.referential, &mut out);
    let p = &b.provenance;
    let source_ok = [SOURCE_RNCP, SOURCE_FILE, SOURCE_PASTED].contains(&p.source.as_str());
    let url_ok = p
        .url
        .as_deref()
        .is_none_or(|u| u.starts_with("https://") && u.len() <= 300);
    if !source_ok || !url_ok {
        out.push(problem(code::PROVENANCE_INVALID, vec![]));
    }
    let problems = out.finish();
    if problems.is_empty() {
        Ok(())
    } else {
        Err(ImportFailure { problems })
    }
}

fn too_long(owner: &str, s: &str, out: &mut Warnings) {
    if s.len() > MAX_STRING_CHARS && s.chars().count() > MAX_STRING_CHARS {
        out.push(problem(
            code::STRING_TOO_LONG,
            vec![
                arg("id", quote(owner)),
                arg("count", s.chars().count()),
                arg("max", MAX_STRING_CHARS),
            ],
        ));
    }
}

fn fields(owner: &str, fs: &[Field], out: &mut Warnings) {
    for f in fs {
        let n = f.text.is_some() as u8 + f.list.is_some() as u8 + f.table.is_some() as u8;
        if n != 1 {
            out.push(problem(
                code::FIELD_SHAPE,
                vec![arg("id", quote(owner)), arg("label", quote(&f.label))],
            ));
        }
        too_long(owner, &f.label, out);
        let texts = f.text.iter().chain(f.list.iter().flatten());
        let cells = f
            .table
            .iter()
            .flat_map(|t| t.head.iter().chain(t.rows.iter().flatten()));
        for t in texts.chain(cells) {
            too_long(owner, t, out);
        }
    }
}

fn check_ids(r: &Referential, out: &mut Warnings) {
    let mut seen = HashSet::new();
    let ids = r
        .all_groups()
        .into_iter()
        .map(|g| g.id.as_str())
        .chain(r.items().into_iter().map(|i| i.item.id.as_str()));
    for id in ids {
        if !valid_element_id(id) {
            out.push(problem(code::INVALID_ITEM_ID, vec![arg("id", quote(id))]));
        } else if !seen.insert(id) {
            out.push(problem(code::DUPLICATE_ID, vec![arg("id", id)]));
        }
    }
    let mut blocks = HashSet::new();
    for b in &r.blocks {
        if !valid_element_id(&b.id) {
            out.push(problem(
                code::INVALID_ITEM_ID,
                vec![arg("id", quote(&b.id))],
            ));
        } else if !blocks.insert(b.id.as_str()) {
            out.push(problem(code::DUPLICATE_ID, vec![arg("id", &b.id)]));
        }
    }
}

/// The rules of one referential, added to `out`.
fn check_referential(r: &Referential, out: &mut Warnings) {
    if !valid_referential_id(&r.id) {
        out.push(problem(code::INVALID_ID, vec![arg("id", quote(&r.id))]));
    } else if outline::referential(&r.id).is_some() {
        out.push(problem(code::BUNDLED_ID, vec![arg("id", &r.id)]));
    }
    for (owner, text) in [(&r.id, &r.title)] {
        if text.trim().is_empty() {
            out.push(problem(code::EMPTY_TEXT, vec![arg("id", owner)]));
        }
    }
    for s in [&r.title, &r.source, &r.summary] {
        too_long(&r.id, s, out);
    }
    fields(&r.id, &r.fields, out);
    check_ids(r, out);
    for m in &r.modalities {
        too_long(&m.id, &m.text, out);
    }
    for b in &r.blocks {
        if b.title.trim().is_empty() {
            out.push(problem(code::EMPTY_TEXT, vec![arg("id", &b.id)]));
        }
        too_long(&b.id, &b.title, out);
        fields(&b.id, &b.fields, out);
    }
    for g in r.all_groups() {
        if let Some(b) = g.block.as_deref().filter(|b| r.block(b).is_none()) {
            out.push(problem(
                code::UNKNOWN_BLOCK,
                vec![arg("id", &g.id), arg("block", quote(b))],
            ));
        }
        too_long(&g.id, &g.title, out);
        too_long(&g.id, &g.label, out);
        fields(&g.id, &g.fields, out);
    }
    let items = r.items();
    if items.len() > MAX_ITEMS {
        out.push(problem(
            code::TOO_MANY_ITEMS,
            vec![arg("count", items.len()), arg("max", MAX_ITEMS)],
        ));
        return;
    }
    let mut used_blocks = HashSet::new();
    for iref in &items {
        check_item(r, iref.item, iref.block, out);
        if iref.item.rated {
            match iref.block {
                Some(b) => {
                    used_blocks.insert(b);
                }
                None if !r.blocks.is_empty() => out.push(problem(
                    code::ITEM_WITHOUT_BLOCK,
                    vec![arg("id", &iref.item.id)],
                )),
                None => {}
            }
        }
    }
    if !items.iter().any(|i| i.item.rated) {
        out.push(problem(code::NO_RATED_ITEM, vec![arg("id", &r.id)]));
    }
    for b in &r.blocks {
        if !used_blocks.contains(b.id.as_str()) {
            out.push(problem(code::BLOCK_WITHOUT_ITEM, vec![arg("block", &b.id)]));
        }
    }
}

fn check_item(r: &Referential, it: &Item, block: Option<&str>, out: &mut Warnings) {
    let id = || arg("id", &it.id);
    if it.text.trim().is_empty() {
        out.push(problem(code::EMPTY_TEXT, vec![id()]));
    }
    too_long(&it.id, &it.text, out);
    for t in it
        .title
        .iter()
        .chain(it.levels.iter().map(|l| &l.text))
        .chain(it.criteria.iter().map(|c| &c.text))
    {
        too_long(&it.id, t, out);
    }
    fields(&it.id, &it.fields, out);
    if let Some(m) = it.modality.as_deref().filter(|m| r.modality(m).is_none()) {
        out.push(problem(
            code::UNKNOWN_MODALITY,
            vec![id(), arg("modality", quote(m))],
        ));
    }
    if let Some(b) = block.filter(|b| r.block(b).is_none()) {
        // A group's unknown block was reported with the group.
        if it.block.as_deref() == Some(b) {
            out.push(problem(
                code::UNKNOWN_BLOCK,
                vec![id(), arg("block", quote(b))],
            ));
        }
    }
    if !it.rated {
        if it.target.is_some() || it.weight.is_some() || !it.pivots.is_empty() {
            out.push(problem(code::UNRATED_WITH_VALUES, vec![id()]));
        }
        return;
    }
    check_rating(r, it, out);
}

/// A rated item's target, weight and pivots.
fn check_rating(r: &Referential, it: &Item, out: &mut Warnings) {
    let id = || arg("id", &it.id);
    let max = match r.scale {
        Scale::Generic => GENERIC_MAX,
        Scale::Ecf => ECF_MAX,
    };
    if r.scale == Scale::Ecf && it.levels.is_empty() {
        out.push(problem(code::ECF_LEVELS, vec![id()]));
    }
    match it.target {
        None => out.push(problem(code::TARGET_MISSING, vec![id()])),
        Some(t) if !(1..=max).contains(&t) => out.push(problem(
            code::TARGET_OUT_OF_RANGE,
            vec![id(), arg("target", t), arg("max", max)],
        )),
        _ => {}
    }
    match it.weight {
        Some(w) if w > 0.0 && w <= MAX_WEIGHT => {}
        w => out.push(problem(
            code::WEIGHT_INVALID,
            vec![
                id(),
                arg("weight", w.map_or("—".to_string(), |w| w.to_string())),
                arg("max", MAX_WEIGHT),
            ],
        )),
    }
    if it.pivots.len() > 3 {
        out.push(problem(
            code::TOO_MANY_PIVOTS,
            vec![id(), arg("count", it.pivots.len())],
        ));
    }
    let mut uniq = HashSet::new();
    for p in &it.pivots {
        if !outline::PIVOT_IDS.contains(&p.as_str()) {
            out.push(problem(
                code::UNKNOWN_PIVOT,
                vec![id(), arg("pivot", quote(p))],
            ));
        } else if !uniq.insert(p) {
            out.push(problem(code::PIVOT_TWICE, vec![id(), arg("pivot", p)]));
        }
    }
}

/// Problems of a referential, as a list (for tests and for the UI's preview).
pub fn problems_of(r: &Referential) -> Vec<ImportProblem> {
    let mut out = Warnings::default();
    check_referential(r, &mut out);
    out.finish()
}
