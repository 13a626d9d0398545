//! The data rules of `data/FORMAT.md`, checked by the native data tests. Every problem is reported
//! as `<file>: <id>: <what is wrong>` so that a broken data file is easy to fix.

use super::catalog::{bundle, Catalog};
use super::model::{Field, IdScheme, Item, ItemKind, ItemRef, Referential, Scale};
use super::text::fold_whitespace;
use std::collections::{BTreeSet, HashSet};

/// The SPEC §3 pivot skill ids, in order.
pub const PIVOT_IDS: [&str; 28] = [
    "veille",
    "analyse-marche",
    "strategie-commerciale",
    "budget-previsions",
    "indicateurs-performance",
    "amelioration-risques",
    "gestion-projet",
    "cahier-des-charges",
    "site-marchand",
    "ergonomie-parcours",
    "outils-donnees",
    "paiement-logistique",
    "referencement",
    "contenus-web",
    "campagnes-promotion",
    "reseaux-sociaux",
    "prospection",
    "vente-negociation",
    "relation-client",
    "partenaires-canaux",
    "contrats-droit",
    "management-equipe",
    "communication",
    "rse-ethique",
    "analyse-synthese",
    "autonomie-rigueur",
    "relationnel-equipe",
    "adaptabilite-innovation",
];

/// SPEC §2's item id schemes of a referential (`data/referentials.json`); `None` for an id that
/// is not bundled.
pub fn id_schemes(referential: &str) -> Option<&'static [IdScheme]> {
    let listed = bundle().referentials.iter().find(|r| r.id == referential);
    listed.map(|r| r.item_ids.as_slice())
}

/// Matches `id` against a pattern where `#` is one or more ASCII digits and anything else is literal.
pub fn matches_pattern(id: &str, pattern: &str) -> bool {
    let (mut i, id) = (0, id.as_bytes());
    for p in pattern.bytes() {
        if p == b'#' {
            let start = i;
            while i < id.len() && id[i].is_ascii_digit() {
                i += 1;
            }
            if i == start {
                return false;
            }
        } else if i < id.len() && id[i] == p {
            i += 1;
        } else {
            return false;
        }
    }
    i == id.len()
}

/// What is wrong with a field, if anything.
fn field_problem(f: &Field) -> Option<String> {
    let n = f.text.is_some() as u8 + f.list.is_some() as u8 + f.table.is_some() as u8;
    (n != 1).then(|| {
        format!(
            "field « {} » must have exactly one of text, list, table",
            f.label
        )
    })
}

fn check_fields(file: &str, owner: &str, fields: &[Field], errors: &mut Vec<String>) {
    for problem in fields.iter().filter_map(field_problem) {
        errors.push(format!("{file}: {owner}: {problem}"));
    }
}

/// Structural rules of one referential (everything but the seed text).
pub fn check_referential(file: &str, r: &Referential, pivot_ids: &HashSet<&str>) -> Vec<String> {
    let mut errors = Vec::new();
    let schemes = check_header(file, r, &mut errors);
    let mut seen = HashSet::new();
    check_groups_and_blocks(file, r, &mut seen, &mut errors);
    let mut block_use: BTreeSet<&str> = BTreeSet::new();
    for iref in r.items() {
        let id = iref.item.id.as_str();
        let mut problems = Vec::new();
        if !seen.insert(id) {
            problems.push("duplicate id".to_string());
        }
        item_problems(r, &iref, schemes, &mut problems);
        if iref.item.rated {
            rated_item_problems(iref.item, r.scale, pivot_ids, &mut problems);
            if !r.blocks.is_empty() {
                match iref.block {
                    Some(b) => {
                        block_use.insert(b);
                    }
                    None => {
                        problems.push("a rated item of a certification belongs to a block".into())
                    }
                }
            }
        } else {
            unrated_item_problems(iref.item, &mut problems);
        }
        errors.extend(problems.into_iter().map(|p| format!("{file}: {id}: {p}")));
    }
    for b in &r.blocks {
        if !block_use.contains(b.id.as_str()) {
            errors.push(format!("{file}: {}: block without any rated item", b.id));
        }
    }
    errors.extend(check_same_text_same_links(file, r));
    errors
}

/// Format, id and metadata card; the referential's item id schemes (none for an unknown id).
fn check_header(file: &str, r: &Referential, errors: &mut Vec<String>) -> &'static [IdScheme] {
    let rid = &r.id;
    if r.format != "repere.referential" || r.version != 1 {
        errors.push(format!(
            "{file}: {rid}: unsupported format {} version {}",
            r.format, r.version
        ));
    }
    if format!("{rid}.json") != file {
        errors.push(format!(
            "{file}: {rid}: the referential id must match the file name"
        ));
    }
    check_fields(file, rid, &r.fields, errors);
    id_schemes(rid).unwrap_or_else(|| {
        errors.push(format!("{file}: {rid}: unknown referential id (SPEC §2)"));
        &[]
    })
}

/// Group ids are unique (recorded in `seen`, which items share), blocks exist and are named
/// `BC01`…, and every field has one form.
fn check_groups_and_blocks<'a>(
    file: &str,
    r: &'a Referential,
    seen: &mut HashSet<&'a str>,
    errors: &mut Vec<String>,
) {
    for g in r.all_groups() {
        if !seen.insert(g.id.as_str()) {
            errors.push(format!("{file}: {}: duplicate id", g.id));
        }
        if let Some(b) = &g.block {
            if r.block(b).is_none() {
                errors.push(format!("{file}: {}: unknown block {b}", g.id));
            }
        }
        check_fields(file, &g.id, &g.fields, errors);
    }
    for b in &r.blocks {
        if !matches_pattern(&b.id, "BC#") {
            errors.push(format!("{file}: {}: block ids are BC01, BC02…", b.id));
        }
        check_fields(file, &b.id, &b.fields, errors);
    }
}

/// Rules of every item, rated or not: its id's scheme and the kind the scheme names, text,
/// fields, modality and block.
fn item_problems(r: &Referential, iref: &ItemRef, schemes: &[IdScheme], out: &mut Vec<String>) {
    let it = iref.item;
    match schemes.iter().find(|s| matches_pattern(&it.id, &s.scheme)) {
        None => {
            let patterns: Vec<&str> = schemes.iter().map(|s| s.scheme.as_str()).collect();
            out.push(format!("id not in the SPEC scheme {patterns:?}"));
        }
        Some(s) if s.kind != it.kind => {
            out.push(format!("kind {:?} where {:?} is expected", it.kind, s.kind));
        }
        Some(_) => {}
    }
    if it.text.trim().is_empty() {
        out.push("empty text".into());
    }
    out.extend(it.fields.iter().filter_map(field_problem));
    if let Some(m) = &it.modality {
        if r.modality(m).is_none() {
            out.push(format!("unknown modality {m}"));
        }
    }
    if let Some(b) = iref.block {
        if r.block(b).is_none() {
            out.push(format!("unknown block {b}"));
        }
    }
}

fn unrated_item_problems(it: &Item, out: &mut Vec<String>) {
    if it.target.is_some() || it.weight.is_some() || !it.pivots.is_empty() {
        out.push("an item that is not rated has no target, weight or pivots".into());
    }
    if !matches!(it.kind, ItemKind::Result | ItemKind::Resource) {
        out.push("only results and RT17 are shown without being rated".into());
    }
}

/// SPEC §2 and §5: what a rated item's kind implies for its levels, target, weight and pivots.
fn rated_item_problems(it: &Item, scale: Scale, pivot_ids: &HashSet<&str>, out: &mut Vec<String>) {
    if it.kind == ItemKind::Result {
        out.push("results are shown, not rated".into());
    }
    if scale == Scale::Ecf && it.levels.is_empty() {
        out.push("an e-CF competence needs its described levels".into());
    }
    let levels_ok = it.levels.windows(2).all(|w| w[0].level < w[1].level)
        && it
            .levels
            .iter()
            .all(|l| (1..=5).contains(&l.level) && !l.text.trim().is_empty());
    if !levels_ok {
        out.push("levels must be 1–5, ascending, with text".into());
    }
    let (target, weight) = match it.kind {
        ItemKind::Ecf => (it.levels.first().map(|l| l.level), 1.0),
        ItemKind::Knowledge => (it.target.filter(|t| (1..=4).contains(t)).or(Some(0)), 0.5),
        // SPEC §5: transversal resources are qualities rather than activities.
        ItemKind::Resource => (Some(3), 0.25),
        _ => (Some(3), 1.0),
    };
    match it.target {
        None => out.push("missing target".into()),
        Some(t) if Some(t) != target => {
            out.push(format!("target {t} where the SPEC rule gives {target:?}"))
        }
        _ => {}
    }
    match it.weight {
        None => out.push("missing weight".into()),
        Some(w) if (w - weight).abs() > 1e-9 => {
            out.push(format!("weight {w} where the SPEC rule gives {weight}"))
        }
        _ => {}
    }
    pivot_problems(it, pivot_ids, out);
}

fn pivot_problems(it: &Item, pivot_ids: &HashSet<&str>, out: &mut Vec<String>) {
    if !(1..=3).contains(&it.pivots.len()) {
        out.push(format!("needs 1–3 pivot skills, has {}", it.pivots.len()));
    }
    let mut uniq = HashSet::new();
    for p in &it.pivots {
        if !pivot_ids.contains(p.as_str()) {
            out.push(format!("unknown pivot skill {p}"));
        }
        if !uniq.insert(p) {
            out.push(format!("pivot skill {p} listed twice"));
        }
    }
    // Crosswalk rule (data/FORMAT.md): an activity's main action is a trade skill; the
    // savoir-être pivots lead only the transversal resources, which are qualities.
    if it.kind != ItemKind::Resource {
        if let Some(main) = it.pivots.first() {
            if SAVOIR_ETRE.contains(&main.as_str()) {
                out.push(format!(
                    "main pivot {main} is a savoir-être; only a transversal resource may lead with one"
                ));
            }
        }
    }
}

/// The savoir-être family of SPEC §3 (the last four pivot ids).
pub const SAVOIR_ETRE: [&str; 4] = [
    "analyse-synthese",
    "autonomie-rigueur",
    "relationnel-equipe",
    "adaptabilite-innovation",
];

/// Crosswalk rule (data/FORMAT.md): a text repeated in a referential (002 repeats some savoirs
/// in several domains) carries the same pivot links wherever it appears.
fn check_same_text_same_links(file: &str, r: &Referential) -> Vec<String> {
    let mut first: std::collections::HashMap<String, (&str, &[String])> = Default::default();
    let mut errors = Vec::new();
    for iref in r.rated_items() {
        let it = iref.item;
        let text = fold_whitespace(&it.text);
        match first.get(&text) {
            Some((id, pivots)) if *pivots != it.pivots.as_slice() => errors.push(format!(
                "{file}: {}: same text as {id} but other pivot links ({:?} vs {:?})",
                it.id, it.pivots, pivots
            )),
            Some(_) => {}
            None => {
                first.insert(text, (&it.id, &it.pivots));
            }
        }
    }
    errors
}

/// The pivot file: the 28 SPEC ids in families, labelled in both languages.
pub fn check_pivots(file: &str, catalog: &Catalog) -> Vec<String> {
    let mut errors = Vec::new();
    let ids: Vec<&str> = catalog.pivots.skills().map(|s| s.id.as_str()).collect();
    if ids != PIVOT_IDS {
        errors.push(format!("{file}: pivot ids differ from SPEC §3: {ids:?}"));
    }
    for s in catalog.pivots.skills() {
        for t in [
            &s.label.fr,
            &s.label.en,
            &s.description.fr,
            &s.description.en,
        ] {
            if t.trim().is_empty() {
                errors.push(format!("{file}: {}: empty label or description", s.id));
            }
        }
    }
    let linked: HashSet<&str> = catalog
        .referentials
        .iter()
        .flat_map(|r| {
            r.rated_items()
                .into_iter()
                .flat_map(|i| i.item.pivots.iter().map(String::as_str))
        })
        .collect();
    for id in PIVOT_IDS {
        if !linked.contains(id) {
            errors.push(format!(
                "{file}: {id}: no referential item is linked to this pivot skill"
            ));
        }
    }
    errors
}

/// Seed text as the verbatim check sees it: HTML tags and markdown bold markers removed,
/// whitespace folded.
pub fn normalise_seed(seed: &str) -> String {
    let seed = seed.replace("**", "");
    let mut out = String::with_capacity(seed.len());
    let mut in_tag = false;
    for c in seed.chars() {
        match c {
            '<' => {
                in_tag = true;
                out.push(' ');
            }
            '>' if in_tag => in_tag = false,
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    fold_whitespace(&out)
}

/// Every French string of the referential that must appear verbatim in the seed.
pub fn verbatim_strings(r: &Referential) -> Vec<(String, String)> {
    fn fields(owner: &str, fs: &[Field], out: &mut Vec<(String, String)>) {
        for f in fs {
            out.push((owner.into(), f.label.clone()));
            if let Some(t) = &f.text {
                out.push((owner.into(), t.clone()));
            }
            for t in f.list.iter().flatten() {
                out.push((owner.into(), t.clone()));
            }
            if let Some(t) = &f.table {
                for c in t.head.iter().chain(t.rows.iter().flatten()) {
                    out.push((owner.into(), c.clone()));
                }
            }
        }
    }
    let mut out = vec![
        (r.id.clone(), r.title.clone()),
        (r.id.clone(), r.summary.clone()),
    ];
    fields(&r.id, &r.fields, &mut out);
    for m in &r.modalities {
        out.push((m.id.clone(), m.text.clone()));
    }
    for b in &r.blocks {
        out.push((b.id.clone(), b.title.clone()));
        fields(&b.id, &b.fields, &mut out);
    }
    for g in r.all_groups() {
        out.push((g.id.clone(), g.title.clone()));
        out.push((g.id.clone(), g.label.clone()));
        fields(&g.id, &g.fields, &mut out);
    }
    for i in r.items() {
        let it = i.item;
        out.push((it.id.clone(), it.text.clone()));
        if let Some(t) = &it.title {
            out.push((it.id.clone(), t.clone()));
        }
        for l in &it.levels {
            out.push((it.id.clone(), l.text.clone()));
        }
        for c in &it.codes {
            out.push((it.id.clone(), format!("{}: {}", c.code, c.label)));
        }
        for c in &it.criteria {
            out.push((it.id.clone(), c.text.clone()));
        }
        fields(&it.id, &it.fields, &mut out);
    }
    out
}

/// Strings of `r` not found verbatim in `seed` (lines checked one by one, a leading `- ` ignored).
pub fn check_verbatim(file: &str, r: &Referential, seed: &str) -> Vec<String> {
    let seed = normalise_seed(seed);
    let mut errors = Vec::new();
    for (owner, s) in verbatim_strings(r) {
        for line in s.lines() {
            let line = line.trim();
            let line = line.strip_prefix("- ").unwrap_or(line);
            let line = fold_whitespace(line);
            if !line.is_empty() && !seed.contains(&line) {
                errors.push(format!(
                    "{file}: {owner}: not found verbatim in the seed: « {line} »"
                ));
            }
        }
    }
    errors
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn patterns() {
        assert!(matches_pattern("C2.1.4.1", "C#.#.#.#"));
        assert!(!matches_pattern("C2.1.4.1", "C#.#.#"));
        assert!(matches_pattern("DC.13154", "DC.#"));
        assert!(!matches_pattern("DC.", "DC.#"));
        assert!(matches_pattern("D3.SF12", "D#.SF#"));
        assert!(!matches_pattern("D3.SF12", "D#.S#"));
    }

    #[test]
    fn seed_normalisation_drops_tags() {
        assert_eq!(normalise_seed("a<ul style=\"x\">b\n\n **c**</ul>"), "a b c");
    }
}
