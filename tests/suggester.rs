//! The pivot suggester (SPEC §13) measured on the bundled data: each referential in turn is held
//! out, the suggester is built from the four others, and its suggestions for every rated item of
//! the held-out one are compared with that item's crosswalk. Printed with
//! `cargo test --test suggester -- --nocapture`; the floors below are what the suggester reached
//! when they were set, so that a change that makes it worse fails.

use repere::core::catalog::catalog;
use repere::core::model::{ItemKind, Referential};
use repere::core::rncp::Suggester;

/// The share of items whose main pivot is among the suggestions, over all held-out items.
const FLOOR_MAIN_AMONG: f64 = 0.70;
/// The same, for the referential where the suggester does worst.
const FLOOR_WORST_REFERENTIAL: f64 = 0.60;

struct Score {
    items: usize,
    main_among: usize,
    main_first: usize,
    any_overlap: usize,
}

/// The block's or top-level group's title: what a fiche gives as the context of an item.
fn context(r: &Referential, item: &str) -> String {
    let i = r.items().into_iter().find(|i| i.item.id == item).unwrap();
    if let Some(b) = i.block.and_then(|b| r.block(b)) {
        return b.title.clone();
    }
    if i.group.title.is_empty() {
        i.group.label.clone()
    } else {
        i.group.title.clone()
    }
}

fn held_out(r: &Referential) -> Score {
    let cat = catalog();
    let others: Vec<&Referential> = cat.referentials.iter().filter(|o| o.id != r.id).collect();
    let s = Suggester::new(&others, &cat.pivots);
    let mut score = Score {
        items: 0,
        main_among: 0,
        main_first: 0,
        any_overlap: 0,
    };
    for i in r.rated_items() {
        let it = i.item;
        let text = match &it.title {
            Some(t) => format!("{t}. {}", it.text),
            None => it.text.clone(),
        };
        // 001's transversal resources are qualities, which a savoir-être may lead.
        let quality = it.kind == ItemKind::Resource;
        let got: Vec<String> = s
            .suggest_for(&text, &context(r, &it.id), quality)
            .into_iter()
            .map(|s| s.pivot)
            .collect();
        assert!(got.len() <= 3, "{}: {got:?}", it.id);
        score.items += 1;
        let main = &it.pivots[0];
        score.main_among += usize::from(got.contains(main));
        score.main_first += usize::from(got.first() == Some(main));
        score.any_overlap += usize::from(it.pivots.iter().any(|p| got.contains(p)));
    }
    score
}

#[test]
fn the_main_pivot_is_among_the_suggestions() {
    let mut total = Score {
        items: 0,
        main_among: 0,
        main_first: 0,
        any_overlap: 0,
    };
    let mut worst = 1.0f64;
    println!("held out                          items  main among  main first  any link");
    for r in &catalog().referentials {
        let s = held_out(r);
        let pct = |n: usize| 100.0 * n as f64 / s.items as f64;
        println!(
            "{:<33} {:>5}  {:>9.1} %  {:>8.1} %  {:>6.1} %",
            r.id,
            s.items,
            pct(s.main_among),
            pct(s.main_first),
            pct(s.any_overlap)
        );
        worst = worst.min(s.main_among as f64 / s.items as f64);
        total.items += s.items;
        total.main_among += s.main_among;
        total.main_first += s.main_first;
        total.any_overlap += s.any_overlap;
    }
    let share = total.main_among as f64 / total.items as f64;
    println!(
        "{:<33} {:>5}  {:>9.1} %  {:>8.1} %  {:>6.1} %",
        "all",
        total.items,
        100.0 * share,
        100.0 * total.main_first as f64 / total.items as f64,
        100.0 * total.any_overlap as f64 / total.items as f64
    );
    assert!(
        share >= FLOOR_MAIN_AMONG,
        "main pivot among the suggestions for {:.1} % of items",
        100.0 * share
    );
    assert!(
        worst >= FLOOR_WORST_REFERENTIAL,
        "worst held-out referential: {:.1} %",
        100.0 * worst
    );
}
