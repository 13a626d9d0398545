//! Départager by hand on a tiny catalog whose fit weights are round numbers, and on made-up
//! evaluations for the margins.

use super::*;
use crate::core::answers::{Answers, ItemAnswer};
use crate::core::catalog::Catalog;
use crate::core::scoring::evaluate::rank;
use crate::core::scoring::{Evaluation, ProfileResult, ScoringModel};

const PIVOTS: &str = r#"{ "format": "repere.pivots", "version": 1, "families": [
  { "id": "f", "label": { "fr": "F", "en": "F" }, "skills": [
    { "id": "x", "label": { "fr": "X", "en": "X" }, "description": { "fr": "x", "en": "x" } },
    { "id": "y", "label": { "fr": "Y", "en": "Y" }, "description": { "fr": "y", "en": "y" } },
    { "id": "z", "label": { "fr": "Z", "en": "Z" }, "description": { "fr": "z", "en": "z" } },
    { "id": "w", "label": { "fr": "W", "en": "W" }, "description": { "fr": "w", "en": "w" } } ] } ] }"#;

fn referential(id: &str, scale: &str, kind: &str, target: u8, pivots: [&str; 4]) -> String {
    let items: Vec<String> = pivots
        .iter()
        .enumerate()
        .map(|(k, p)| {
            format!(
                r#"{{ "id": "{id}{n}", "kind": "{kind}", "text": "{id}{n}", "target": {target}, "weight": 1, "pivots": ["{p}"] }}"#,
                n = k + 1
            )
        })
        .collect();
    format!(
        r#"{{ "format": "repere.referential", "version": 1, "id": "{id}", "title": "{id}",
        "kind": "job", "scale": "{scale}", "groups": [ {{ "id": "G", "kind": "domain", "items": [ {} ] }} ] }}"#,
        items.join(",")
    )
}

/// a: a1 x, a2 y, a3 w, a4 w; b: b1 y, b2 z, b3 w, b4 w; e (e-CF, targets 2): e1 z, e2 x, e3 w,
/// e4 w. Each profile leads half its weight with w (lift 1: defines none) and a quarter with
/// each of two skills only one other profile has (lift 1.5: defining). Fit weights: 4 for a
/// defining item, 2.25 for a w item; Σv = 12.5 everywhere.
fn tiny() -> ScoringModel {
    let a = referential("a", "generic", "competence", 3, ["x", "y", "w", "w"]);
    let b = referential("b", "generic", "competence", 3, ["y", "z", "w", "w"]);
    let e = referential("e", "ecf", "ecf", 2, ["z", "x", "w", "w"]);
    let c = Catalog::parse(
        &[("a.json", &a), ("b.json", &b), ("e.json", &e)],
        ("p.json", PIVOTS),
    )
    .unwrap();
    ScoringModel::from_catalog(&c)
}

const A: usize = 0;
const B: usize = 1;
const E: usize = 2;

fn answers(quick: &[(&str, u8)], items: &[(&str, u8)]) -> Answers {
    let mut a = Answers::default();
    for &(p, l) in quick {
        a.quick.insert(p.to_owned(), l);
    }
    for &(i, l) in items {
        a.items.insert(
            i.to_owned(),
            ItemAnswer {
                level: l,
                evidence: String::new(),
            },
        );
    }
    a
}

fn all_at(level: u8) -> Vec<(&'static str, u8)> {
    ["x", "y", "z", "w"].iter().map(|&p| (p, level)).collect()
}

fn ids(m: &ScoringModel, questions: &[Question]) -> Vec<String> {
    questions
        .iter()
        .map(|q| m.item(q.item).item_id().to_owned())
        .collect()
}

/// An evaluation with these fits only (profiles in catalog order), for the margins.
fn with_fits(fits: &[f64]) -> Evaluation {
    let profiles: Vec<ProfileResult> = fits
        .iter()
        .enumerate()
        .map(|(p, &fit)| ProfileResult {
            profile: p,
            readiness: fit,
            fit,
            completeness: 1.0,
            items: 0..0,
            blocks: Vec::new(),
        })
        .collect();
    Evaluation {
        pivots: Vec::new(),
        items: Vec::new(),
        ranking: rank(&profiles),
        profiles,
    }
}

#[test]
fn the_tiny_catalog_has_the_weights_the_tests_count_on() {
    let m = tiny();
    for p in [A, B, E] {
        assert!((m.profiles()[p].total_fit_weight - 12.5).abs() < 1e-12);
        assert_eq!(m.defining_skills(p).len(), 2, "{p}");
    }
    assert!((m.item(0).fit_weight - 4.0).abs() < 1e-12);
    assert!((m.item(2).fit_weight - 2.25).abs() < 1e-12);
}

#[test]
fn leaders_are_the_first_and_those_within_the_margin_at_most_three() {
    assert_eq!(leaders(&with_fits(&[0.70, 0.80, 0.76, 0.20])), vec![1, 2]);
    // 0.80 − 0.75 is a lead of 0.05: not within it.
    assert_eq!(leaders(&with_fits(&[0.75, 0.80])), vec![1]);
    assert_eq!(leaders(&with_fits(&[0.75, 0.80, 0.7501])), vec![1, 2]);
    assert_eq!(
        leaders(&with_fits(&[0.79, 0.80, 0.78, 0.77, 0.776])),
        vec![1, 0, 2]
    );
    assert_eq!(leaders(&with_fits(&[])), Vec::<usize>::new());
}

#[test]
fn a_profiles_neighbours_are_the_nearest_within_the_margin_in_ranking_order() {
    // Estimated items from the quick answers, then these fits in their place.
    let m = tiny_with_five();
    let mut e = m.evaluate(&answers(&all_at(2), &[]));
    for (p, fit) in e.profiles.iter_mut().zip([0.64, 0.61, 0.60, 0.58, 0.30]) {
        p.fit = fit;
    }
    e.ranking = rank(&e.profiles);
    // Around 0.60: 0.61 (0.01) and 0.58 (0.02) are nearer than 0.64 (0.04).
    assert_eq!(group_around(&m, &e, 2), Some(vec![1, 2, 3]));
    assert_eq!(group_around(&m, &e, 0), Some(vec![0, 1, 2]));
    assert_eq!(group_around(&m, &e, 4), None, "alone");
}

/// Five profiles (a, b, e and two more like a) for the neighbours.
fn tiny_with_five() -> ScoringModel {
    let a = referential("a", "generic", "competence", 3, ["x", "y", "w", "w"]);
    let b = referential("b", "generic", "competence", 3, ["y", "z", "w", "w"]);
    let e = referential("e", "ecf", "ecf", 2, ["z", "x", "w", "w"]);
    let f = referential("f", "generic", "competence", 3, ["x", "y", "w", "w"]);
    let g = referential("g", "generic", "competence", 3, ["z", "x", "w", "w"]);
    let files = [
        ("a.json", a.as_str()),
        ("b.json", b.as_str()),
        ("e.json", e.as_str()),
        ("f.json", f.as_str()),
        ("g.json", g.as_str()),
    ];
    ScoringModel::from_catalog(&Catalog::parse(&files, ("p.json", PIVOTS)).unwrap())
}

#[test]
fn a_close_group_needs_an_estimated_item() {
    let m = tiny();
    let quick = m.evaluate(&answers(&all_at(3), &[]));
    assert_eq!(close_group(&m, &quick), Some(vec![A, B, E]));
    // Everything answered directly: still close (the ranking says so), nothing to ask.
    let every: Vec<(String, u8)> = m.items().iter().map(|i| (i.full_id.clone(), 3)).collect();
    let every: Vec<(&str, u8)> = every.iter().map(|(i, l)| (i.as_str(), *l)).collect();
    let answered = m.evaluate(&answers(&[], &every));
    assert!(leaders(&answered).len() >= 2);
    assert_eq!(close_group(&m, &answered), None);
    // z at 2 costs b2 a third of its credit (4/3 of 12.5): b falls 0.107 behind.
    let apart = m.evaluate(&answers(&[("x", 3), ("y", 3), ("z", 2), ("w", 3)], &[]));
    assert_eq!(close_group(&m, &apart), Some(vec![A, E]));
}

#[test]
fn questions_come_in_turn_from_each_profile_defining_and_ecf_first() {
    let m = tiny();
    let eval = m.evaluate(&answers(&all_at(3), &[]));
    let list = select(&m, &eval, &[A, B, E], &[]);
    assert_eq!(
        ids(&m, &list),
        ["a1", "b1", "e1", "a2", "b2", "e2", "a3", "b3"]
    );
    let a1 = list[0].why;
    assert!(a1.defining && !a1.ecf_from_generic);
    // At its target 3: an answer one step down, 2, costs ⅓ of the credit, one step up, 4, adds
    // nothing; an answer of 0 would cost it all.
    assert!((a1.weight_share - 0.32).abs() < 1e-12);
    assert!((a1.swing - 1.0 / 6.0).abs() < 1e-12 && a1.reach == 1.0);
    // e3 leads with w, which defines nobody, but is an e-CF item estimated from quick answers.
    let e3 = select(&m, &eval, &[E], &[])[2].why;
    assert!(!e3.defining && e3.ecf_from_generic && e3.first());
}

#[test]
fn the_expected_move_of_a_fit_goes_first() {
    let m = tiny();
    // a1 (x at 2, credit ⅔) moves by ⅓ whether the answer is a step down or up: swing ⅓, a
    // priority of 0.32·⅓; a2 (y at its target 3) moves only a step down: swing ⅙, 0.32·⅙; a3 and
    // a4 (w at 0) only a step up: 0.18·⅙, after both defining items.
    let eval = m.evaluate(&answers(&[("x", 2), ("y", 3), ("z", 3), ("w", 0)], &[]));
    let list = select(&m, &eval, &[A], &[]);
    assert_eq!(ids(&m, &list), ["a1", "a2", "a3", "a4"]);
    assert!((list[0].why.priority() - 0.32 / 3.0).abs() < 1e-12);
    assert!((list[1].why.priority() - 0.32 / 6.0).abs() < 1e-12);
    assert_eq!(list[0].estimate, 2);
}

/// f (e-CF): f1 y, target 3, describes level 3 only; f2 y, target 2, describes 2 and 3; f3 z,
/// target 3, describes 3. Equal fit weights for f1 and f2 (same main pivot, same kind).
fn ecf_levels() -> ScoringModel {
    let item = |id: &str, pivot: &str, target: u8, levels: &[u8]| {
        let levels: Vec<String> = levels
            .iter()
            .map(|l| format!(r#"{{ "level": {l}, "text": "niveau {l}" }}"#))
            .collect();
        format!(
            r#"{{ "id": "{id}", "kind": "ecf", "text": "{id}", "target": {target}, "weight": 1,
            "pivots": ["{pivot}"], "levels": [{}] }}"#,
            levels.join(",")
        )
    };
    let f = format!(
        r#"{{ "format": "repere.referential", "version": 1, "id": "f", "title": "f", "kind": "job",
        "scale": "ecf", "groups": [ {{ "id": "G", "kind": "domain", "items": [ {}, {}, {} ] }} ] }}"#,
        item("f1", "y", 3, &[3]),
        item("f2", "y", 2, &[2, 3]),
        item("f3", "z", 3, &[3])
    );
    let a = referential("a", "generic", "competence", 3, ["x", "y", "w", "w"]);
    let c = Catalog::parse(&[("a.json", &a), ("f.json", &f)], ("p.json", PIVOTS)).unwrap();
    ScoringModel::from_catalog(&c)
}

#[test]
fn an_ecf_answer_is_aucun_or_a_described_level() {
    let m = ecf_levels();
    let eval = m.evaluate(&answers(&[("x", 3), ("y", 2), ("z", 3), ("w", 3)], &[]));
    let list = select(&m, &eval, &[1], &[]);
    let why = |id: &str| {
        list.iter()
            .find(|q| m.item(q.item).item_id() == id)
            .unwrap()
            .why
    };
    // f1 at 2 cannot stay there: « aucun » costs ⅔, level 3 adds ⅓ (on a 0–5 scale, 1 and 3:
    // ⅓ either way).
    assert!((why("f1").swing - 0.5).abs() < 1e-12);
    // f3 at its only level, 3: a step down is « aucun », all of its credit (⅙ on a 0–5 scale).
    assert!((why("f3").swing - 0.5).abs() < 1e-12);
}

#[test]
fn equal_priorities_go_to_the_item_that_could_move_further() {
    let m = ecf_levels();
    let eval = m.evaluate(&answers(&[("x", 3), ("y", 2), ("z", 3), ("w", 3)], &[]));
    // f1 and f2 at 2, equal weights, swing ½ each; f2 sits at its target (credit 1: « aucun »
    // takes it all), f1 below (⅔ at most): f2 first, although the catalog lists f1 first.
    let list = select(&m, &eval, &[1], &[]);
    let f: Vec<String> = ids(&m, &list).into_iter().filter(|id| id != "f3").collect();
    assert_eq!(f, ["f2", "f1"]);
    let why = |id: &str| {
        list.iter()
            .find(|q| m.item(q.item).item_id() == id)
            .unwrap()
            .why
    };
    assert_eq!(why("f2").priority(), why("f1").priority());
    assert!(why("f2").reach == 1.0 && (why("f1").reach - 2.0 / 3.0).abs() < 1e-12);
}

#[test]
fn answered_and_skipped_items_are_never_asked() {
    let m = tiny();
    let eval = m.evaluate(&answers(&all_at(3), &[("a/a1", 3)]));
    let skipped = [m.item_index("b/b1").unwrap()];
    let list = select(&m, &eval, &[A, B, E], &skipped);
    assert_eq!(
        ids(&m, &list),
        ["a2", "b2", "e1", "a3", "b3", "e2", "a4", "b4"]
    );
}

#[test]
fn ecf_items_count_as_guessed_only_when_a_generic_answer_fed_them() {
    let m = tiny();
    // w is known from an e-CF answer only, x from a generic one; z has no level at all.
    let eval = m.evaluate(&answers(&[], &[("e/e3", 2), ("a/a1", 3)]));
    let list = select(&m, &eval, &[E], &[]);
    let why = |id: &str| {
        list.iter()
            .find(|q| m.item(q.item).item_id() == id)
            .map(|q| q.why)
    };
    assert!(why("e2").unwrap().ecf_from_generic, "x comes from a/a1");
    assert!(!why("e4").unwrap().ecf_from_generic, "w comes from e/e3");
    assert_eq!(why("e1"), None, "unknown: no estimate to check");
    assert_eq!(why("e3"), None, "answered");
}

#[test]
fn the_outcome_is_read_on_the_whole_ranking() {
    let m = tiny();
    let base = [("x", 3), ("y", 3), ("z", 2), ("w", 3)];
    // a 1.0, e 1.0, b 0.893: the group is a and e.
    let before = m.evaluate(&answers(&base, &[]));
    assert_eq!(
        Outcome::read(&before),
        Some(Outcome::Equal {
            profiles: vec![A, E]
        })
    );
    // e1 answered 0 costs e 0.32: a leads b, which was never in the group, by 0.107.
    let after = m.evaluate(&answers(&base, &[("e/e1", 0)]));
    let Some(Outcome::Ahead {
        first,
        runner_up,
        margin,
    }) = Outcome::read(&after)
    else {
        panic!("{:?}", Outcome::read(&after));
    };
    assert_eq!((first, runner_up), (A, B));
    assert!((margin - 4.0 / 3.0 / 12.5).abs() < 1e-12);
    // a1 answered 2 as well: a comes level with b.
    let level = m.evaluate(&answers(&base, &[("e/e1", 0), ("a/a1", 2)]));
    let outcome = Outcome::read(&level).unwrap();
    assert_eq!(outcome.profiles(), vec![A, B]);
    assert_eq!((outcome.as_str(), outcome.first()), ("equal", A));
    assert_eq!(Outcome::read(&with_fits(&[0.5])), None);
}

#[test]
fn a_session_walks_its_questions_and_remembers_skips() {
    let m = tiny();
    let mut a = answers(&all_at(3), &[]);
    let eval = m.evaluate(&a);
    let group = close_group(&m, &eval).unwrap();
    let mut s = Session::start(&m, &eval, group, Vec::new()).unwrap();
    assert_eq!((s.position(), s.questions().len()), (0, 8));
    let first = *s.current().unwrap();
    assert_eq!(m.item(first.item).full_id, "a/a1");
    s.skip();
    let second = *s.current().unwrap();
    assert_eq!(m.item(second.item).full_id, "b/b1");
    // An answer alone does not move on: the candidate does.
    a.items.insert("b/b1".into(), ItemAnswer::default());
    assert_eq!(s.current(), Some(&second));
    s.next();
    assert_eq!(m.item(s.current().unwrap().item).full_id, "e/e1");
    while let Some(q) = s.current().copied() {
        a.items.entry(m.item(q.item).full_id.clone()).or_default();
        s.next();
    }
    assert!(s.is_done() && s.current().is_none());
    s.next();
    assert_eq!(s.position(), 8, "never past the end");
    // The next session asks neither the answered items nor the skipped one.
    let eval = m.evaluate(&a);
    let mut next = Session::start(&m, &eval, vec![A, B, E], s.skipped().to_vec()).unwrap();
    assert_eq!(ids(&m, next.questions()), ["a4", "b4", "e3", "e4"]);
    assert!(next.is_skipped(first.item));
    // Stopping leaves the questions not reached unskipped.
    next.stop();
    assert!(next.is_done() && !next.is_skipped(next.questions()[0].item));
}
