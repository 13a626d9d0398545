//! SPEC §11 scoring budgets: rescoring every profile after one answer (≤ 1 ms in the browser,
//! measured here natively as a lower bound), and 1,000 synthetic profiles × 100 items (≤ 20 ms
//! natively). Run with `cargo bench --bench scoring -- --quick`.

use criterion::{black_box, criterion_group, criterion_main, Criterion};
use repere::core::answers::{Answers, ItemAnswer};
use repere::core::catalog::catalog;
use repere::core::custom::file::import_referential;
use repere::core::model::Referential;
use repere::core::scoring::tiebreak::{close_group, select};
use repere::core::scoring::{ScoringModel, DEFAULT_RECOMMENDATIONS};
use serde_json::{json, Value};

/// Answers a deterministic share of the items (every `every`-th one) and every fourth pivot, so
/// that evaluation exercises answered, estimated and unknown items alike.
fn answers(model: &ScoringModel, every: usize) -> Answers {
    let mut a = Answers::default();
    for (p, id) in model.pivot_ids().iter().enumerate().step_by(4) {
        a.quick.insert(id.clone(), (p % 5) as u8);
    }
    for (i, item) in model.items().iter().enumerate().step_by(every) {
        a.items.insert(
            item.full_id.clone(),
            ItemAnswer {
                level: (i % usize::from(item.max + 1)) as u8,
                evidence: String::new(),
            },
        );
    }
    a
}

/// What the UI does on a click: change one answer, rescore everything.
fn rescore_after_one_change(c: &mut Criterion, name: &str, model: &ScoringModel, every: usize) {
    let mut a = answers(model, every);
    let changed = model.items()[model.items().len() / 2].full_id.clone();
    let mut level = 0u8;
    c.bench_function(name, |b| {
        b.iter(|| {
            level = (level + 1) % 4;
            a.items.insert(
                changed.clone(),
                ItemAnswer {
                    level,
                    evidence: String::new(),
                },
            );
            black_box(model.evaluate(black_box(&a)))
        })
    });
}

/// A referential a trainer brought (SPEC §13) of `blocks` × `per_block` competences, each linked
/// to one or two pivot skills, read through the file reader like an imported one.
fn brought(n: usize, blocks: usize, per_block: usize) -> Referential {
    let pivots: Vec<String> = catalog().pivots.skills().map(|s| s.id.clone()).collect();
    let id = format!("rncp9{n:04}");
    let code = |b: usize| format!("RNCP9{n:04}BC{b:02}");
    let groups: Vec<Value> = (1..=blocks)
        .map(|b| {
            let items: Vec<Value> = (1..=per_block)
                .map(|i| {
                    let k = b * per_block + i;
                    let links: Vec<&String> = if k % 3 == 0 {
                        vec![&pivots[k % 28]]
                    } else {
                        vec![&pivots[k % 28], &pivots[(k * 7 + 3) % 28]]
                    };
                    json!({ "id": format!("{}.{i}", code(b)), "kind": "competence",
                        "text": format!("Compétence {i} du bloc {b}"), "target": 3, "weight": 1.0,
                        "pivots": links })
                })
                .collect();
            json!({ "id": code(b), "kind": "block", "block": code(b), "items": items })
        })
        .collect();
    let file = json!({ "format": "repere.referential", "version": 1, "id": id,
        "title": format!("Titre {n}"), "kind": "certification", "scale": "generic",
        "source": "Fiche synthétique", "summary": "", "fields": [],
        "blocks": (1..=blocks).map(|b| json!({ "id": code(b), "title": format!("Bloc {b}") })).collect::<Vec<_>>(),
        "groups": groups });
    import_referential(file.to_string().as_bytes())
        .expect("a valid referential file")
        .referential
}

fn bench(c: &mut Criterion) {
    // SPEC §13: a trainer's referential saved or deleted rebuilds the set (`ui::state::library::
    // install_brought`): the catalog with the brought ones, then the model.
    let three: Vec<Referential> = (1..=3).map(|n| brought(n, 5, 20)).collect();
    c.bench_function("5 bundled + 3 brought of 100 items: build the model", |b| {
        b.iter(|| {
            let set = catalog().with_brought(black_box(three.clone()));
            black_box(ScoringModel::from_catalog(&set))
        })
    });
    let set = catalog().with_brought(three.clone());
    let with_brought = ScoringModel::from_catalog(&set);
    rescore_after_one_change(
        c,
        "5 bundled + 3 brought of 100 items: evaluate after one answer",
        &with_brought,
        3,
    );

    let real = ScoringModel::from_catalog(catalog());
    // Built once per page load in the app; measured so its cost is known too.
    c.bench_function("real 5 profiles: build the model", |b| {
        b.iter(|| black_box(ScoringModel::from_catalog(black_box(catalog()))))
    });
    rescore_after_one_change(c, "real 5 profiles: evaluate after one answer", &real, 3);

    let eval = real.evaluate(&answers(&real, 3));
    c.bench_function("real 5 profiles: recommend", |b| {
        b.iter(|| black_box(real.recommend(black_box(&eval), DEFAULT_RECOMMENDATIONS)))
    });

    // Départager on the largest group (three profiles, the 139 items of one among them): the page
    // asks for it whenever the ranking changes while a group is close.
    let group: Vec<usize> = eval.ranking[..3].to_vec();
    c.bench_function("real 5 profiles: Départager group and questions", |b| {
        b.iter(|| {
            black_box(close_group(&real, black_box(&eval)));
            black_box(select(&real, black_box(&eval), &group, &[]))
        })
    });

    let synthetic = ScoringModel::synthetic(1_000, 100, 28, 42);
    rescore_after_one_change(
        c,
        "synthetic 1000x100: evaluate after one answer",
        &synthetic,
        3,
    );
}

criterion_group!(benches, bench);
criterion_main!(benches);
