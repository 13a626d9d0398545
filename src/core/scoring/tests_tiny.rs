//! Lift, fit weights, fit, gaps and standings by hand on a tiny catalog whose lifts are simple
//! fractions (SPEC §5).

use super::identity::Standing;
use super::tests_by_hand::{answers_in, assert_close};
use super::*;
use crate::core::catalog::Catalog;

const TINY_PIVOTS: &str = r#"{ "format": "repere.pivots", "version": 1, "families": [
  { "id": "f", "label": { "fr": "F", "en": "F" }, "skills": [
    { "id": "x", "label": { "fr": "X", "en": "X" }, "description": { "fr": "x", "en": "x" } },
    { "id": "y", "label": { "fr": "Y", "en": "Y" }, "description": { "fr": "y", "en": "y" } },
    { "id": "z", "label": { "fr": "Z", "en": "Z" }, "description": { "fr": "z", "en": "z" } } ] } ] }"#;

fn tiny_referential(id: &str, items: &str) -> String {
    format!(
        r#"{{ "format": "repere.referential", "version": 1, "id": "{id}", "title": "{id}",
        "kind": "job", "scale": "generic", "groups": [ {{ "id": "G", "kind": "domain", "items": [ {items} ] }} ] }}"#
    )
}

fn tiny_item(id: &str, kind: &str, weight: f64, pivots: &str) -> String {
    format!(
        r#"{{ "id": "{id}", "kind": "{kind}", "text": "{id}", "target": 3, "weight": {weight}, "pivots": [{pivots}] }}"#
    )
}

/// A: a1 (x), a2 (y), a3 (transversal resource, z); B: b1, b2 (y).
fn tiny() -> ScoringModel {
    let a = tiny_referential(
        "a",
        &[
            tiny_item("a1", "competence", 1.0, r#""x""#),
            tiny_item("a2", "competence", 1.0, r#""y", "x""#),
            tiny_item("a3", "resource", 0.25, r#""z""#),
        ]
        .join(","),
    );
    let b = tiny_referential(
        "b",
        &[
            tiny_item("b1", "competence", 1.0, r#""y""#),
            tiny_item("b2", "competence", 1.0, r#""y""#),
        ]
        .join(","),
    );
    let c = Catalog::parse(&[("a.json", &a), ("b.json", &b)], ("p.json", TINY_PIVOTS)).unwrap();
    ScoringModel::from_catalog(&c)
}

#[test]
fn lift_and_fit_by_hand_on_a_tiny_catalog() {
    let m = tiny();
    let (a, b) = (0, 1);
    let (x, y, z) = (0, 1, 2);
    // Shares of non-resource weight by main pivot: A x ½, y ½ (a3 is a resource); B y 1.
    // Means: x ¼, y ¾, z 0 → lifts A: x 2, y ⅔, z 0; B: x 0, y 4/3.
    assert_close(m.lift(a, x), 2.0);
    assert_close(m.lift(a, y), 2.0 / 3.0);
    assert_eq!(m.lift(a, z), 0.0);
    assert_eq!(m.lift(b, x), 0.0);
    assert_close(m.lift(b, y), 4.0 / 3.0);
    // v = w·(½ + lift)²: a1 25/4, a2 (7/6)² = 49/36, a3 ¼·¼ = 1/16; b1 = b2 = (11/6)².
    let v = |id| m.item(m.item_index(id).unwrap()).fit_weight;
    assert_close(v("a/a1"), 25.0 / 4.0);
    assert_close(v("a/a2"), 49.0 / 36.0);
    assert_close(v("a/a3"), 1.0 / 16.0);
    assert_close(v("b/b1"), 121.0 / 36.0);
    assert_close(
        m.profiles()[a].total_fit_weight,
        225.0 / 36.0 + 49.0 / 36.0 + 1.0 / 16.0,
    );
    // Defining skills: only lifts above 1, expected = highest target among the items they lead.
    let def: Vec<_> = m
        .defining_skills(a)
        .iter()
        .map(|d| (d.pivot, d.expected))
        .collect();
    assert_eq!(def, [(x, 3)]);
    let def: Vec<_> = m
        .defining_skills(b)
        .iter()
        .map(|d| (d.pivot, d.expected))
        .collect();
    assert_eq!(def, [(y, 3)]);

    // x = 3, y = 0, z unknown: a1 3/3, a2 floor((0 + 3)/2) = 1 → ⅓, a3 unknown; b1, b2 at 0.
    let e = m.evaluate(&answers_in(&m, &[("x", 3), ("y", 0)], &[]));
    let pa = &e.profiles[a];
    // fit = (25/4 + 49/36·⅓) / (25/4 + 49/36 + 1/16) = (225 + 49/3)/(225 + 49 + 9/4)
    assert_close(pa.fit, (225.0 + 49.0 / 3.0) / (225.0 + 49.0 + 9.0 / 4.0));
    // readiness = (1 + ⅓) / 2.25; completeness = 2 / 2.25.
    assert_close(pa.readiness, (4.0 / 3.0) / 2.25);
    assert_close(pa.completeness, 2.0 / 2.25);
    assert_eq!((e.profiles[b].fit, e.profiles[b].readiness), (0.0, 0.0));
    assert_eq!(e.ranking, [a, b]);
    // Rows add up to both figures.
    let rows: Vec<_> = e.rows(&m, a).collect();
    assert_close(rows.iter().map(|r| r.fit_share).sum(), pa.fit);
    assert_close(rows.iter().map(|r| r.readiness_share).sum(), pa.readiness);
    assert_close(rows.iter().map(|r| r.fit_weight_share).sum(), 1.0);
    // Gaps by v·(t − l)/t: a2 (49/36·⅔) before a3 (1/16·1), a1 at target is no gap.
    let gaps = e.gaps(&m, a);
    let order: Vec<_> = gaps.iter().map(|g| m.item(g.item).item_id()).collect();
    assert_eq!(order, ["a2", "a3"]);
    assert_close(gaps[0].priority, 49.0 / 36.0 * 2.0 / 3.0);
    assert_close(
        gaps[0].fit_gain,
        gaps[0].priority / m.profiles()[a].total_fit_weight,
    );
    // Standing on x: level 3 against 3 → held; on B's y: 0 against 3 → missing.
    let st = e.standings(&m, a);
    assert_eq!((st[0].level, st[0].standing), (Some(3), Standing::Held));
    assert_eq!(e.standings(&m, b)[0].standing, Standing::Missing);
}

#[test]
fn standing_thresholds() {
    assert_eq!(Standing::of(Some(4), 3), Standing::Held);
    assert_eq!(Standing::of(Some(3), 3), Standing::Held);
    assert_eq!(Standing::of(Some(2), 3), Standing::Close);
    assert_eq!(Standing::of(Some(1), 3), Standing::Missing);
    assert_eq!(Standing::of(Some(0), 1), Standing::Close);
    assert_eq!(Standing::of(None, 1), Standing::Missing);
    assert_eq!(
        [Standing::Held, Standing::Close, Standing::Missing].map(Standing::as_str),
        ["held", "close", "missing"]
    );
}
