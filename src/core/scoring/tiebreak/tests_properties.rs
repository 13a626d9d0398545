//! Properties of Départager over random answers on the real catalog: the selection's rules, and
//! the figures' monotonicity once its answers are in.

use super::*;
use crate::core::answers::ItemAnswer;
use crate::core::scoring::tests_properties::arb_answers;
use crate::core::scoring::{Evaluation, ItemStatus, ScoringModel};
use proptest::prelude::*;
use std::collections::BTreeSet;

fn model() -> &'static ScoringModel {
    ScoringModel::bundled()
}

/// 1–3 profiles in catalog order (the close group when the answers leave one).
fn arb_group() -> impl Strategy<Value = Vec<usize>> {
    let n = model().profiles().len();
    prop::sample::subsequence((0..n).collect::<Vec<_>>(), 1..=MAX_GROUP)
}

fn arb_skipped() -> impl Strategy<Value = Vec<usize>> {
    let n = model().items().len();
    prop::collection::vec(0..n, 0..40)
}

/// The items `select` may take from `profile`.
fn candidates(eval: &Evaluation, profile: usize, skipped: &[usize]) -> usize {
    eval.profiles[profile]
        .items
        .clone()
        .filter(|&i| {
            model().item(i).counts()
                && matches!(eval.items[i].status, ItemStatus::Estimated { .. })
                && !skipped.contains(&i)
        })
        .count()
}

proptest! {
    #[test]
    fn the_selection_keeps_its_rules(
        a in arb_answers(),
        some_group in arb_group(),
        skipped in arb_skipped(),
    ) {
        let m = model();
        let eval = m.evaluate(&a);
        let group = close_group(m, &eval).unwrap_or(some_group);
        let list = select(m, &eval, &group, &skipped);
        prop_assert!(list.len() <= MAX_QUESTIONS);
        let available: usize = group.iter().map(|&p| candidates(&eval, p, &skipped)).sum();
        prop_assert_eq!(list.len(), available.min(MAX_QUESTIONS));
        let distinct: BTreeSet<usize> = list.iter().map(|q| q.item).collect();
        prop_assert_eq!(distinct.len(), list.len());
        for q in &list {
            let item = m.item(q.item);
            prop_assert!(group.contains(&q.profile) && item.profile == q.profile);
            prop_assert!(!a.items.contains_key(&item.full_id), "{} was answered", item.full_id);
            prop_assert!(!skipped.contains(&q.item));
            let estimated = matches!(eval.items[q.item].status, ItemStatus::Estimated { .. });
            prop_assert!(estimated, "{} is not estimated", item.full_id);
        }
        // Same data and answers, same list.
        prop_assert_eq!(&select(m, &m.evaluate(&a.clone()), &group, &skipped), &list);
        for &p in &group {
            let mine: Vec<_> = list.iter().filter(|q| q.profile == p).collect();
            // Each profile's items: the first-asked kinds, then the largest expected move, then
            // the largest possible one.
            for w in mine.windows(2) {
                let (x, y) = (w[0].why, w[1].why);
                let ordered = (x.first(), x.priority(), x.tie_break())
                    >= (y.first(), y.priority(), y.tie_break());
                prop_assert!(ordered, "{:?} before {:?}", x, y);
            }
            // In turn: a profile with fewer questions than another by two had no more to give.
            for &o in &group {
                let theirs = list.iter().filter(|q| q.profile == o).count();
                if mine.len() + 1 < theirs {
                    prop_assert_eq!(mine.len(), candidates(&eval, p, &skipped));
                }
            }
            if candidates(&eval, p, &skipped) > 0 {
                prop_assert!(!mine.is_empty(), "profile {} has estimated items", p);
            }
        }
    }

    /// Départager's answers are item answers: raising one never lowers a figure, and each counts
    /// as answered.
    #[test]
    fn tie_break_answers_keep_the_figures_monotone(
        a in arb_answers(),
        levels in prop::collection::vec(0u8..=5, MAX_QUESTIONS),
        pick in any::<prop::sample::Index>(),
        up in 1u8..=5,
    ) {
        let m = model();
        let eval = m.evaluate(&a);
        let group: Vec<usize> = close_group(m, &eval).unwrap_or_else(|| eval.ranking[..MAX_GROUP].to_vec());
        let list = select(m, &eval, &group, &[]);
        prop_assume!(!list.is_empty());
        let mut answered = a.clone();
        for (q, &l) in list.iter().zip(&levels) {
            let item = m.item(q.item);
            answered.items.insert(item.full_id.clone(), ItemAnswer { level: l.min(item.max), evidence: String::new() });
        }
        let mut raised = answered.clone();
        let q = list[pick.index(list.len())];
        let item = m.item(q.item);
        let answer = raised.items.get_mut(&item.full_id).unwrap();
        answer.level = (answer.level + up).min(item.max);
        let (before, after) = (m.evaluate(&answered), m.evaluate(&raised));
        for q in &list {
            prop_assert_eq!(before.items[q.item].status, ItemStatus::Answered);
        }
        for (b, r) in before.profiles.iter().zip(&after.profiles) {
            prop_assert!(r.fit >= b.fit, "fit {} → {}", b.fit, r.fit);
            prop_assert!(r.readiness >= b.readiness, "readiness {} → {}", b.readiness, r.readiness);
        }
        // Nothing is asked twice: the answered items leave the next list.
        let next = select(m, &before, &group, &[]);
        prop_assert!(next.iter().all(|n| list.iter().all(|q| q.item != n.item)));
    }
}
