//! Item-level archetypes (SPEC §5.1, `tests/validation/items.json`): for each person, the level
//! they would give every rated item, written from their story and the seeds. The test runs
//! Départager on their quick answers, answers its questions from those tables, and checks the
//! result against the ranking every answer would give: the same first wherever that first leads by
//! 0.05 or more, otherwise an outcome that says « about equal » and names it.
//!
//! `cargo test --test validation -- --nocapture` prints, per archetype, the rankings before (quick
//! answers), after Départager and with full answers, each question with why it was asked, and a
//! summary table.

use repere::core::answers::{Answers, ItemAnswer, GENERIC_MAX};
use repere::core::catalog::catalog;
use repere::core::scoring::tiebreak::{close_group, Outcome, Question, Session, MAX_QUESTIONS};
use repere::core::scoring::{Evaluation, ScoringModel};
use serde::Deserialize;
use std::collections::{BTreeMap, BTreeSet};

const FILE: &str = include_str!("items.json");

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ItemSet {
    format: String,
    version: u32,
    #[allow(dead_code)]
    about: String,
    archetypes: Vec<ItemArchetype>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ItemArchetype {
    /// The quick-only archetype of `profiles.json` this person is one of (same quick answers).
    id: String,
    story: String,
    /// Why Départager does not meet the criterion for this person (written after the run; the
    /// levels were not changed): the test requires it to still miss, so the note goes when the
    /// selection improves.
    #[serde(default)]
    known_miss: Option<String>,
    /// Per referential, rules in order; the last rule naming an item gives its level.
    levels: BTreeMap<String, Vec<Rule>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Rule {
    items: String,
    level: u8,
    why: String,
}

fn item_set() -> ItemSet {
    serde_json::from_str(FILE).expect("tests/validation/items.json parses")
}

/// `D2.SF#` names D2.SF1, D2.SF2… (a number, so not D2.S1); `AC*` any id starting with AC.
fn names(token: &str, id: &str) -> bool {
    if let Some(prefix) = token.strip_suffix('*') {
        id.starts_with(prefix)
    } else if let Some(prefix) = token.strip_suffix('#') {
        id.strip_prefix(prefix)
            .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
    } else {
        token == id
    }
}

/// Full item id → level for one referential, or what is wrong with its rules.
fn resolve(
    model: &ScoringModel,
    referential: &str,
    rules: &[Rule],
) -> Result<BTreeMap<String, u8>, Vec<String>> {
    let mut problems = Vec::new();
    let Some(p) = model.profile_index(referential) else {
        return Err(vec![format!("unknown referential {referential}")]);
    };
    let items = &model.items()[model.profiles()[p].items.clone()];
    // Per item, the index of the last rule naming it.
    let mut winner: Vec<Option<usize>> = vec![None; items.len()];
    for (r, rule) in rules.iter().enumerate() {
        if rule.why.trim().is_empty() {
            problems.push(format!("{referential} rule {r}: no reason"));
        }
        for token in rule.items.split_whitespace() {
            let mut any = false;
            for (k, item) in items.iter().enumerate() {
                if names(token, item.item_id()) {
                    winner[k] = Some(r);
                    any = true;
                }
            }
            if !any {
                problems.push(format!("{referential}: {token} names no rated item"));
            }
        }
    }
    for (r, rule) in rules.iter().enumerate() {
        if !winner.contains(&Some(r)) {
            problems.push(format!(
                "{referential} rule {r} ({}): every item it names is overridden",
                rule.items
            ));
        }
    }
    let mut levels = BTreeMap::new();
    for (item, w) in items.iter().zip(&winner) {
        let Some(r) = *w else {
            problems.push(format!("{}: no level", item.full_id));
            continue;
        };
        let level = rules[r].level;
        if let Err(e) = check_level(&item.full_id, item.max, level) {
            problems.push(e);
        }
        levels.insert(item.full_id.clone(), level);
    }
    if problems.is_empty() {
        Ok(levels)
    } else {
        Err(problems)
    }
}

/// Generic items take 0–4; e-CF items 0 or one of their described levels (SPEC §4).
fn check_level(full_id: &str, max: u8, level: u8) -> Result<(), String> {
    if max <= GENERIC_MAX {
        return (level <= GENERIC_MAX)
            .then_some(())
            .ok_or(format!("{full_id}: {level} is off the 0–4 scale"));
    }
    let (_, item) = catalog().item(full_id).expect("catalog item");
    (level == 0 || item.levels.iter().any(|l| l.level == level))
        .then_some(())
        .ok_or(format!("{full_id}: level {level} is not described"))
}

/// Items with the same text in a referential must get the same level: a person reads the same
/// words the same way.
fn same_text_same_level(levels: &BTreeMap<String, u8>) -> Vec<String> {
    let mut by_text: BTreeMap<(&str, &str), (&str, u8)> = BTreeMap::new();
    let mut problems = Vec::new();
    for (id, &level) in levels {
        let (r, item) = catalog().item(id).expect("catalog item");
        match by_text.get(&(r.id.as_str(), item.text.trim())) {
            Some(&(other, l)) if l != level => problems.push(format!(
                "{id} ({level}) and {other} ({l}) have the same text"
            )),
            Some(_) => {}
            None => {
                by_text.insert((r.id.as_str(), item.text.trim()), (id.as_str(), level));
            }
        }
    }
    problems
}

/// One archetype's levels for every rated item of every referential.
fn table(model: &ScoringModel, a: &ItemArchetype) -> BTreeMap<String, u8> {
    let mut all = BTreeMap::new();
    let mut problems = Vec::new();
    for p in model.profiles() {
        match a
            .levels
            .get(&p.id)
            .map(|rules| resolve(model, &p.id, rules))
        {
            Some(Ok(levels)) => all.extend(levels),
            Some(Err(e)) => problems.extend(e),
            None => problems.push(format!("no levels for {}", p.id)),
        }
    }
    for r in a.levels.keys() {
        if model.profile_index(r).is_none() {
            problems.push(format!("unknown referential {r}"));
        }
    }
    problems.extend(same_text_same_level(&all));
    assert!(problems.is_empty(), "{}:\n{}", a.id, problems.join("\n"));
    all
}

fn answer(answers: &mut Answers, full_id: &str, level: u8) {
    answers.items.insert(
        full_id.to_owned(),
        ItemAnswer {
            level,
            evidence: String::new(),
        },
    );
}

/// Départager run on the quick answers, answered from the table, and the full-answer ranking.
struct Run {
    before: Evaluation,
    group: Option<Vec<usize>>,
    asked: Vec<(Question, u8)>,
    after: Evaluation,
    full: Evaluation,
}

fn run(model: &ScoringModel, quick: &BTreeMap<String, u8>, levels: &BTreeMap<String, u8>) -> Run {
    let mut answers = Answers {
        quick: quick.clone(),
        items: BTreeMap::new(),
    };
    let before = model.evaluate(&answers);
    let group = close_group(model, &before);
    let mut asked = Vec::new();
    if let Some(mut session) = group
        .clone()
        .and_then(|g| Session::start(model, &before, g, Vec::new()))
    {
        // The person answers every question, as the page offers them, one at a time.
        while let Some(&q) = session.current() {
            let id = &model.item(q.item).full_id;
            let level = levels[id];
            answer(&mut answers, id, level);
            asked.push((q, level));
            session.next();
        }
    }
    let after = model.evaluate(&answers);
    for (id, &level) in levels {
        answer(&mut answers, id, level);
    }
    let full = model.evaluate(&answers);
    Run {
        before,
        group,
        asked,
        after,
        full,
    }
}

/// SPEC §5.1's criterion: where full answers put a first ahead by 0.05 or more, the same first
/// after Départager; otherwise an outcome that says « about equal » and names that first.
fn meets_criterion(r: &Run) -> bool {
    match Outcome::read(&r.full).expect("five profiles") {
        Outcome::Ahead { first, .. } => r.after.ranking[0] == first,
        Outcome::Equal { profiles } => matches!(
            Outcome::read(&r.after),
            Some(Outcome::Equal { profiles: after }) if after.contains(&profiles[0])
        ),
    }
}

/// `charge-developpement-commercial` → `CDC`.
fn short(model: &ScoringModel, p: usize) -> String {
    model.profiles()[p]
        .id
        .split('-')
        .filter_map(|w| w.chars().next())
        .collect::<String>()
        .to_uppercase()
}

fn ranking(model: &ScoringModel, e: &Evaluation) -> String {
    e.ranked()
        .map(|p| format!("{} {:.3}", short(model, p.profile), p.fit))
        .collect::<Vec<_>>()
        .join(" · ")
}

fn outcome(model: &ScoringModel, e: &Evaluation) -> String {
    match Outcome::read(e).expect("five profiles") {
        Outcome::Ahead { first, margin, .. } => {
            format!("{} ahead by {margin:.3}", short(model, first))
        }
        Outcome::Equal { profiles } => {
            let names: Vec<String> = profiles.iter().map(|&p| short(model, p)).collect();
            format!("{} about equal", names.join(" ≈ "))
        }
    }
}

fn why(model: &ScoringModel, before: &Evaluation, q: &Question) -> String {
    let item = model.item(q.item);
    let mut kinds = Vec::new();
    if q.why.defining {
        let main = item
            .pivots
            .main()
            .map_or("", |p| model.pivot_ids()[p].as_str());
        kinds.push(format!("on a defining skill of the group ({main})"));
    }
    if q.why.ecf_from_generic {
        kinds.push("e-CF level estimated from generic answers".to_owned());
    }
    let kinds = if kinds.is_empty() {
        String::from("by priority")
    } else {
        kinds.join(", ")
    };
    format!(
        "{kinds}; {:.1} % of {}'s fit weight × credit swing {:.2} = {:.3} (reach {:.2}); estimate {} (fit {:.3})",
        100.0 * q.why.weight_share,
        short(model, q.profile),
        q.why.swing,
        q.why.priority(),
        q.why.reach,
        q.estimate,
        before.profiles[q.profile].fit
    )
}

fn report(model: &ScoringModel, a: &ItemArchetype, r: &Run) -> String {
    let mut out = format!("\n## {}\n{}\n", a.id, a.story);
    out += &format!(
        "before (quick): {}\n  → {}\n",
        ranking(model, &r.before),
        outcome(model, &r.before)
    );
    match &r.group {
        None => out += "close group: none (Départager not offered)\n",
        Some(g) => {
            let names: Vec<String> = g.iter().map(|&p| short(model, p)).collect();
            out += &format!(
                "close group: {}; asked {}:\n",
                names.join("|"),
                r.asked.len()
            );
        }
    }
    for (k, (q, level)) in r.asked.iter().enumerate() {
        out += &format!(
            "  {}. {} → answered {level}: {}\n",
            k + 1,
            model.item(q.item).full_id,
            why(model, &r.before, q)
        );
    }
    out += &unasked(model, r);
    out += &format!(
        "after:          {}\n  → {}\nfull answers:   {}\n  → {}\ncriterion: {}\n",
        ranking(model, &r.after),
        outcome(model, &r.after),
        ranking(model, &r.full),
        outcome(model, &r.full),
        if meets_criterion(r) { "met" } else { "NOT MET" }
    );
    out
}

/// Per profile of the group (or the full answers' first two without one), the items left unasked
/// whose answers moved its fit most: where Départager could not look.
fn unasked(model: &ScoringModel, r: &Run) -> String {
    let profiles = r
        .group
        .clone()
        .unwrap_or_else(|| r.full.ranking[..2].to_vec());
    let mut out = String::new();
    for p in profiles {
        let mut moves: Vec<(f64, usize)> = r.full.profiles[p]
            .items
            .clone()
            .filter(|&i| model.item(i).counts())
            .map(|i| {
                let item = model.item(i);
                let before = item.credit(r.after.items[i].level);
                let after = item.credit(r.full.items[i].level);
                let share = item.fit_weight / model.profiles()[p].total_fit_weight;
                (share * (after - before), i)
            })
            .filter(|(m, _)| m.abs() > 1e-9)
            .collect();
        moves.sort_by(|a, b| b.0.abs().total_cmp(&a.0.abs()).then(a.1.cmp(&b.1)));
        let total: f64 = moves.iter().map(|m| m.0).sum();
        let top: Vec<String> = moves
            .iter()
            .take(4)
            .map(|&(m, i)| {
                let item = model.item(i);
                format!(
                    "{} {}→{} ({m:+.3})",
                    item.item_id(),
                    r.after.items[i].level,
                    r.full.items[i].level
                )
            })
            .collect();
        out += &format!(
            "  not asked, {}: {total:+.3} in all; largest {}\n",
            short(model, p),
            top.join(", ")
        );
    }
    out
}

fn summary_row(model: &ScoringModel, id: &str, r: &Run, known_miss: bool) -> String {
    let group = r.group.as_ref().map_or("—".to_owned(), |g| {
        g.iter()
            .map(|&p| short(model, p))
            .collect::<Vec<_>>()
            .join("|")
    });
    format!(
        "| {id} | {} | {group} | {} | {} | {} | {} |\n",
        outcome(model, &r.before),
        r.asked.len(),
        outcome(model, &r.after),
        outcome(model, &r.full),
        match (meets_criterion(r), known_miss) {
            (true, _) => "yes",
            (false, true) => "no (known miss)",
            (false, false) => "NO",
        }
    )
}

#[test]
fn item_level_archetypes_are_well_formed() {
    let set = item_set();
    assert_eq!(
        (set.format.as_str(), set.version),
        ("repere.validation.items", 1)
    );
    let quick_only = super::set();
    let model = ScoringModel::bundled();
    let mut ids = BTreeSet::new();
    let mut close = 0;
    for a in &set.archetypes {
        assert!(ids.insert(a.id.as_str()), "{}: duplicate", a.id);
        assert!(!a.story.trim().is_empty(), "{}: a story", a.id);
        let q = quick_only
            .profiles
            .iter()
            .find(|p| p.id == a.id)
            .unwrap_or_else(|| panic!("{}: no quick-only archetype of that id", a.id));
        // Every item of every profession has a level (table() checks the rules).
        assert_eq!(table(model, a).len(), model.items().len());
        let quick = Answers {
            quick: q.quick.clone(),
            items: BTreeMap::new(),
        };
        close += usize::from(close_group(model, &model.evaluate(&quick)).is_some());
    }
    for named in [
        "shop-salesperson",
        "b2b-sales-rep",
        "marketplace-catalogue-manager",
    ] {
        assert!(ids.contains(named), "{named} is missing");
    }
    assert!(
        close >= 3,
        "at least three archetypes whose quick answers leave a close group"
    );
}

/// An expectation of `profiles.json` must not contradict what the same person's full answers
/// say: their first is one of the expected professions.
#[test]
fn quick_only_expectations_agree_with_full_answers() {
    let quick_only = super::set();
    let model = ScoringModel::bundled();
    for a in &item_set().archetypes {
        let q = quick_only
            .profiles
            .iter()
            .find(|p| p.id == a.id)
            .expect("checked by item_level_archetypes_are_well_formed");
        let first = run(model, &q.quick, &table(model, a)).full.ranking[0];
        let id = &model.profiles()[first].id;
        assert!(
            q.expected.contains(id),
            "{}: full answers rank {id} first, expected {:?}",
            a.id,
            q.expected
        );
    }
}

#[test]
fn departager_agrees_with_full_answers() {
    let set = item_set();
    let quick_only = super::set();
    let model = ScoringModel::bundled();
    let mut details = String::new();
    let mut summary = String::from(
        "| archetype | before (quick) | group | asked | after Départager | full answers | criterion |\n|---|---|---|---|---|---|---|\n",
    );
    let mut failures = Vec::new();
    for a in &set.archetypes {
        let quick = &quick_only
            .profiles
            .iter()
            .find(|p| p.id == a.id)
            .expect("checked by item_level_archetypes_are_well_formed")
            .quick;
        let r = run(model, quick, &table(model, a));
        details += &report(model, a, &r);
        summary += &summary_row(model, &a.id, &r, a.known_miss.is_some());
        if r.asked.len() > MAX_QUESTIONS {
            failures.push(format!("{}: {} questions", a.id, r.asked.len()));
        }
        match (meets_criterion(&r), &a.known_miss) {
            (false, None) => failures.push(format!("{}: criterion not met", a.id)),
            (true, Some(_)) => failures.push(format!(
                "{}: the criterion is now met: remove its known_miss note",
                a.id
            )),
            (false, Some(why)) => details += &format!("known miss, {}: {why}\n", a.id),
            (true, None) => {}
        }
    }
    println!("{details}\n{summary}");
    assert!(failures.is_empty(), "{summary}\n{}", failures.join("\n"));
}
