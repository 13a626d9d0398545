//! Properties over random answers on the real catalog, for readiness and fit alike: bounds,
//! sorted ranking, monotone in every answer, all-at-target → 1, empty → 0, data-only weights.

use super::evaluate::rank_key;
use super::tests_by_hand::model;
use super::*;
use crate::core::answers::{Answers, ItemAnswer, ECF_MAX, GENERIC_MAX};
use proptest::prelude::*;

pub(super) fn arb_answers() -> impl Strategy<Value = Answers> {
    let np = model().pivot_ids().len();
    let ni = model().items().len();
    (
        prop::collection::vec(prop::option::weighted(0.3, 0u8..=GENERIC_MAX), np),
        prop::collection::vec(prop::option::weighted(0.3, 0u8..=ECF_MAX), ni),
    )
        .prop_map(|(quick, items)| {
            let m = model();
            let mut a = Answers::default();
            for (p, l) in quick.into_iter().enumerate() {
                if let Some(l) = l {
                    a.quick.insert(m.pivot_ids()[p].clone(), l);
                }
            }
            for (i, l) in items.into_iter().enumerate() {
                if let Some(l) = l {
                    let item = m.item(i);
                    a.items.insert(
                        item.full_id.clone(),
                        ItemAnswer {
                            level: l.min(item.max),
                            evidence: String::new(),
                        },
                    );
                }
            }
            a
        })
}

fn in_unit(x: f64) -> bool {
    (0.0..=1.0).contains(&x)
}

proptest! {
    #[test]
    fn figures_stay_in_bounds_and_ranking_is_sorted(a in arb_answers()) {
        let e = model().evaluate(&a);
        for p in &e.profiles {
            prop_assert!(in_unit(p.readiness) && in_unit(p.fit) && in_unit(p.completeness));
            // Unknown items earn nothing, so neither figure can pass completeness.
            prop_assert!(p.readiness <= p.completeness + 1e-12);
            for b in &p.blocks {
                prop_assert!(in_unit(b.readiness) && in_unit(b.completeness));
            }
            let gaps = e.gaps(model(), p.profile);
            prop_assert!(gaps.windows(2).all(|w| w[0].priority >= w[1].priority));
            // Bringing every gap to its target would bring the fit to 1.
            let missing: f64 = gaps.iter().map(|g| g.fit_gain).sum();
            prop_assert!((p.fit + missing - 1.0).abs() < 1e-9, "{} + {}", p.fit, missing);
        }
        let mut seen = e.ranking.clone();
        seen.sort_unstable();
        prop_assert_eq!(seen, (0..e.profiles.len()).collect::<Vec<_>>());
        for w in e.ranking.windows(2) {
            let (x, y) = (&e.profiles[w[0]], &e.profiles[w[1]]);
            prop_assert!(rank_key(x) > rank_key(y) || (rank_key(x) == rank_key(y) && w[0] < w[1]));
        }
    }

    #[test]
    fn raising_an_answer_never_lowers_a_figure(
        a in arb_answers(),
        pick in any::<prop::sample::Index>(),
        up in 1u8..=5,
    ) {
        let total = a.quick.len() + a.items.len();
        prop_assume!(total > 0);
        let k = pick.index(total);
        let mut raised = a.clone();
        if k < a.quick.len() {
            let l = raised.quick.values_mut().nth(k).unwrap();
            *l = (*l + up).min(GENERIC_MAX);
        } else {
            let (id, ans) = raised.items.iter_mut().nth(k - a.quick.len()).unwrap();
            let max = model().item(model().item_index(id).unwrap()).max;
            ans.level = (ans.level + up).min(max);
        }
        let before = model().evaluate(&a);
        let after = model().evaluate(&raised);
        for (b, r) in before.profiles.iter().zip(&after.profiles) {
            prop_assert!(r.readiness >= b.readiness, "readiness {} → {}", b.readiness, r.readiness);
            prop_assert!(r.fit >= b.fit, "fit {} → {}", b.fit, r.fit);
            prop_assert_eq!(r.completeness, b.completeness);
            for (bb, rb) in b.blocks.iter().zip(&r.blocks) {
                prop_assert!(rb.readiness >= bb.readiness);
                prop_assert!(rb.ready || !bb.ready);
            }
            for (sb, sr) in before.standings(model(), b.profile).iter().zip(after.standings(model(), r.profile)) {
                prop_assert!(sr.level >= sb.level);
            }
        }
        for (b, r) in before.items.iter().zip(&after.items) {
            prop_assert!(r.level >= b.level);
        }
    }

    #[test]
    fn answering_everything_at_target_scores_one(
        quick in prop::collection::vec(prop::option::of(0u8..=GENERIC_MAX), 28),
        extra in prop::collection::vec(0u8..=2, model().items().len()),
    ) {
        let m = model();
        let mut a = Answers::default();
        for (p, l) in quick.into_iter().enumerate() {
            if let (Some(l), Some(id)) = (l, m.pivot_ids().get(p)) {
                a.quick.insert(id.clone(), l);
            }
        }
        for (item, x) in m.items().iter().zip(extra) {
            a.items.insert(item.full_id.clone(), ItemAnswer {
                level: (item.target + x).min(item.max),
                evidence: String::new(),
            });
        }
        let e = m.evaluate(&a);
        for p in &e.profiles {
            prop_assert_eq!(p.readiness, 1.0);
            prop_assert!((p.fit - 1.0).abs() < 1e-12, "{}", p.fit);
            prop_assert_eq!(p.completeness, 1.0);
            prop_assert!(e.gaps(m, p.profile).is_empty());
            prop_assert!(p.blocks.iter().all(|b| b.ready && b.readiness == 1.0));
        }
        prop_assert!(m.recommend(&e, usize::MAX).is_empty());
    }

    /// The fit weighs each item by the data-only v of the model (the model is built from the
    /// catalog alone, `from_catalog` sees no answers): fit = Σ v·c / Σ v over the rows.
    #[test]
    fn fit_is_the_credit_weighted_by_the_models_fit_weights(a in arb_answers()) {
        let e = model().evaluate(&a);
        for p in &e.profiles {
            let prof = &model().profiles()[p.profile];
            let fitted: f64 = e.rows(model(), p.profile).map(|r| r.fit_weight * model().item(r.item).credit(r.level)).sum();
            prop_assert!((p.fit - fitted / prof.total_fit_weight).abs() < 1e-12);
        }
    }

    /// The merge join of answers with the model must find every known id whatever unknown
    /// ids sort between them.
    #[test]
    fn unknown_ids_do_not_hide_known_ones(
        a in arb_answers(),
        junk in prop::collection::vec((any::<prop::sample::Index>(), 0usize..4), 0..40),
    ) {
        let m = model();
        let mut noisy = a.clone();
        for (pick, how) in junk {
            let id = &m.item(pick.index(m.items().len())).full_id;
            let fake = match how {
                0 => format!("{id}0"),
                1 => id[..id.len() - 1].to_owned(),
                2 => format!("{id}/"),
                _ => format!("0{id}"),
            };
            if m.item_index(&fake).is_none() {
                noisy.items.insert(fake, ItemAnswer { level: 4, evidence: String::new() });
            }
        }
        noisy.items.insert("~".into(), ItemAnswer::default());
        noisy.items.insert(String::new(), ItemAnswer::default());
        prop_assert_eq!(m.evaluate(&noisy), m.evaluate(&a));
    }

    /// With quick answers only, progressing in a pivot that has a level is exactly raising
    /// its quick answer by one, so the recommendation must agree with a re-evaluation.
    #[test]
    fn recommendations_agree_with_reevaluation(
        quick in prop::collection::vec(prop::option::weighted(0.5, 0u8..GENERIC_MAX), 28),
    ) {
        let m = model();
        let mut a = Answers::default();
        for (p, l) in quick.iter().enumerate() {
            if let (Some(l), Some(id)) = (l, m.pivot_ids().get(p)) {
                a.quick.insert(id.clone(), *l);
            }
        }
        let e = m.evaluate(&a);
        let recs = m.recommend(&e, usize::MAX);
        prop_assert!(recs.windows(2).all(|w| w[0].gain >= w[1].gain));
        for (p, id) in m.pivot_ids().iter().enumerate() {
            let Some(&level) = a.quick.get(id) else { continue };
            let mut raised = a.clone();
            raised.quick.insert(id.clone(), level + 1);
            let after = m.evaluate(&raised);
            let gain: f64 = e.ranking[..BEST_FITS]
                .iter()
                .map(|&q| after.profiles[q].fit - e.profiles[q].fit)
                .sum();
            match recs.iter().find(|r| r.pivot == p) {
                Some(r) => prop_assert!((r.gain - gain).abs() < 1e-9, "{}: {} vs {}", id, r.gain, gain),
                None => prop_assert!(gain <= EPSILON, "{} left out ({})", id, gain),
            }
        }
    }
}
