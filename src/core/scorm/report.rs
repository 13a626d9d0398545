//! What the LMS receives for an evaluation (SPEC §12): the score, the lesson status and one
//! objective per certification block — or per top-level group for a referential without blocks,
//! or per profession for the package of all five.

use super::launch::Scope;
use crate::core::catalog::Catalog;
use crate::core::scoring::{Evaluation, ProfileResult, ScoringModel};

/// Float noise tolerated when a completeness is compared with 1.
const EPS: f64 = 1e-9;

/// SCORM 1.2 `cmi.core.lesson_status` / `cmi.objectives.n.status` values Repère writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    Incomplete,
    Completed,
    Passed,
    Failed,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Incomplete => "incomplete",
            Status::Completed => "completed",
            Status::Passed => "passed",
            Status::Failed => "failed",
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Objective {
    /// A block id (`BC02`), a top-level group id (`AC1`) or a referential id.
    pub id: String,
    /// 0–100.
    pub score: u8,
    pub status: Status,
}

#[derive(Debug, Clone, PartialEq)]
pub struct LmsReport {
    /// `cmi.core.score.raw`, 0–100 (`min` 0, `max` 100).
    pub score: u8,
    pub status: Status,
    pub objectives: Vec<Objective>,
}

/// The profile the package of all five reports: the best-fitting one (SPEC §12).
pub fn best_fit(eval: &Evaluation) -> Option<&ProfileResult> {
    eval.ranking.first().map(|&p| &eval.profiles[p])
}

/// round(100 × ratio), clamped to 0–100.
pub fn percent(ratio: f64) -> u8 {
    (ratio * 100.0).round().clamp(0.0, 100.0) as u8
}

/// `cmi.student_data.mastery_score` as the LMS gives it: empty (none) or a decimal 0–100
/// (CMIDecimal: digits, an optional fraction). Read by hand: the float parser of std would add
/// kilobytes to the wasm for one number.
pub fn parse_mastery(value: &str) -> Option<f64> {
    let v = value.trim();
    let (whole, fraction) = v.split_once('.').unwrap_or((v, ""));
    let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    if whole.is_empty() || whole.len() > 3 || !digits(whole) || !digits(fraction) {
        return None;
    }
    let mut m = whole
        .bytes()
        .fold(0.0, |n, b| n * 10.0 + f64::from(b - b'0'));
    let mut scale = 0.1;
    for b in fraction.bytes().take(6) {
        m += f64::from(b - b'0') * scale;
        scale /= 10.0;
    }
    (m <= 100.0).then_some(m)
}

/// `incomplete` until complete; then `passed`/`failed` against the mastery score, else `completed`.
fn lesson_status(complete: bool, score: u8, mastery: Option<f64>) -> Status {
    match (complete, mastery) {
        (false, _) => Status::Incomplete,
        (true, None) => Status::Completed,
        (true, Some(m)) if f64::from(score) + EPS >= m => Status::Passed,
        (true, Some(_)) => Status::Failed,
    }
}

/// The report for `scope`; `None` when the scope names a referential the model does not have.
pub fn report(
    model: &ScoringModel,
    catalog: &Catalog,
    eval: &Evaluation,
    scope: &Scope,
    mastery: Option<f64>,
) -> Option<LmsReport> {
    match scope {
        Scope::All => {
            let best = best_fit(eval)?;
            let score = percent(best.readiness);
            let complete = eval.profiles.iter().all(|p| p.completeness >= 1.0 - EPS);
            let objectives = eval
                .profiles
                .iter()
                .map(|p| Objective {
                    id: model.profiles()[p.profile].id.clone(),
                    score: percent(p.readiness),
                    status: if p.completeness >= 1.0 - EPS {
                        Status::Completed
                    } else {
                        Status::Incomplete
                    },
                })
                .collect();
            Some(LmsReport {
                score,
                status: lesson_status(complete, score, mastery),
                objectives,
            })
        }
        Scope::Referential(id) => {
            let index = model.profile_index(id)?;
            let profile = &eval.profiles[index];
            let score = percent(profile.readiness);
            let complete = profile.completeness >= 1.0 - EPS;
            let objectives = if profile.blocks.is_empty() {
                group_objectives(model, catalog, eval, index)
            } else {
                profile
                    .blocks
                    .iter()
                    .map(|b| Objective {
                        id: model.profiles()[index].blocks[b.block].id.clone(),
                        score: percent(b.readiness),
                        status: if b.ready {
                            Status::Passed
                        } else {
                            Status::Incomplete
                        },
                    })
                    .collect()
            };
            Some(LmsReport {
                score,
                status: lesson_status(complete, score, mastery),
                objectives,
            })
        }
    }
}

/// A referential without blocks: its top-level groups, each with the readiness of its items and
/// `completed` once every one of them has a level (SPEC §12: no "ready" rule).
fn group_objectives(
    model: &ScoringModel,
    catalog: &Catalog,
    eval: &Evaluation,
    profile: usize,
) -> Vec<Objective> {
    let Some(referential) = catalog.referential(&model.profiles()[profile].id) else {
        return Vec::new();
    };
    let groups: Vec<&str> = referential
        .rated_items()
        .iter()
        .map(|r| r.group.id.as_str())
        .collect();
    // Rated items come in document order, so each top-level group is one run of rows.
    let mut runs: Vec<(&str, Vec<usize>)> = Vec::new();
    for (row, group) in eval.rows(model, profile).zip(groups) {
        if row.target == 0 {
            continue;
        }
        match runs.last_mut() {
            Some((g, items)) if *g == group => items.push(row.item),
            _ => runs.push((group, vec![row.item])),
        }
    }
    runs.into_iter()
        .map(|(id, items)| {
            let (readiness, completeness) = eval.readiness_of(model, items);
            Objective {
                id: id.to_owned(),
                score: percent(readiness),
                status: if completeness >= 1.0 - EPS {
                    Status::Completed
                } else {
                    Status::Incomplete
                },
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::answers::{full_id, Answers, ItemAnswer};
    use crate::core::catalog::catalog;

    fn model() -> &'static ScoringModel {
        ScoringModel::bundled()
    }

    fn scope(id: &str) -> Scope {
        Scope::Referential(id.into())
    }

    fn answer_all(a: &mut Answers, referential: &str, level: impl Fn(&str, u8) -> u8) {
        let r = catalog().referential(referential).unwrap();
        for i in r.rated_items() {
            let max = crate::core::dossier::item_max(&full_id(referential, &i.item.id)).unwrap();
            a.items.insert(
                full_id(referential, &i.item.id),
                ItemAnswer {
                    level: level(&i.item.id, max),
                    evidence: String::new(),
                },
            );
        }
    }

    fn run(a: &Answers, s: &Scope, mastery: Option<f64>) -> LmsReport {
        let eval = model().evaluate(a);
        report(model(), catalog(), &eval, s, mastery).unwrap()
    }

    #[test]
    fn nothing_answered_is_incomplete_with_a_zero_score() {
        for r in &catalog().referentials {
            let rep = run(&Answers::default(), &scope(&r.id), Some(50.0));
            assert_eq!(rep.score, 0);
            assert_eq!(rep.status, Status::Incomplete);
            assert!(!rep.objectives.is_empty(), "{}", r.id);
            assert!(rep
                .objectives
                .iter()
                .all(|o| o.score == 0 && o.status == Status::Incomplete));
        }
        assert_eq!(
            run(&Answers::default(), &Scope::All, None).status,
            Status::Incomplete
        );
        assert!(report(
            model(),
            catalog(),
            &model().evaluate(&Answers::default()),
            &scope("nope"),
            None
        )
        .is_none());
    }

    #[test]
    fn score_is_the_rounded_readiness_of_the_package_referential() {
        let mut a = Answers::default();
        answer_all(&mut a, "charge-developpement-commercial", |id, _| {
            if id.starts_with("C1") {
                3
            } else {
                1
            }
        });
        let eval = model().evaluate(&a);
        let p = model()
            .profile_index("charge-developpement-commercial")
            .unwrap();
        let rep = run(&a, &scope("charge-developpement-commercial"), None);
        assert_eq!(
            rep.score,
            (eval.profiles[p].readiness * 100.0).round() as u8
        );
        assert!(rep.score > 0 && rep.score < 100);
    }

    #[test]
    fn status_with_and_without_mastery_score() {
        let r = "animateur-ecommerce";
        let mut half = Answers::default();
        answer_all(&mut half, r, |_, _| 2);
        // One answer: the items that share none of its pivot skills stay unknown.
        let mut partial = Answers::default();
        answer_all(&mut partial, r, |_, _| 3);
        let first = partial.items.pop_first().unwrap();
        partial.items = [first].into();
        let mut full = Answers::default();
        answer_all(&mut full, r, |_, _| 3);
        // Not every item known: incomplete whatever the score.
        assert_eq!(run(&partial, &scope(r), None).status, Status::Incomplete);
        assert_eq!(
            run(&partial, &scope(r), Some(10.0)).status,
            Status::Incomplete
        );
        // Complete: completed, or passed/failed against the mastery score (inclusive).
        assert_eq!(run(&full, &scope(r), None).status, Status::Completed);
        assert_eq!(run(&full, &scope(r), Some(100.0)).status, Status::Passed);
        let half_score = run(&half, &scope(r), None).score;
        assert_eq!(half_score, 67);
        assert_eq!(run(&half, &scope(r), Some(67.0)).status, Status::Passed);
        assert_eq!(run(&half, &scope(r), Some(67.5)).status, Status::Failed);
        assert_eq!(run(&half, &scope(r), Some(0.0)).status, Status::Passed);
    }

    #[test]
    fn estimated_items_complete_a_referential() {
        // The quick diagnostic estimates every item (SPEC §4): the package is complete.
        let mut a = Answers::default();
        for s in catalog().pivots.skills() {
            a.quick.insert(s.id.clone(), 3);
        }
        let rep = run(&a, &scope("chef-projet-ecommerce"), None);
        assert_eq!(rep.status, Status::Completed);
        assert_eq!(run(&a, &Scope::All, None).status, Status::Completed);
    }

    #[test]
    fn one_objective_per_block_passed_when_ready() {
        let r = "charge-developpement-commercial";
        let mut a = Answers::default();
        answer_all(&mut a, r, |id, _| if id.starts_with("C1") { 3 } else { 1 });
        let rep = run(&a, &scope(r), None);
        let ids: Vec<&str> = rep.objectives.iter().map(|o| o.id.as_str()).collect();
        assert_eq!(ids, ["BC01", "BC02", "BC03"]);
        assert_eq!(
            rep.objectives[0],
            Objective {
                id: "BC01".into(),
                score: 100,
                status: Status::Passed
            }
        );
        assert_eq!(rep.objectives[1].status, Status::Incomplete);
        assert_eq!(rep.objectives[1].score, 33);
        let five = run(&Answers::default(), &scope("animateur-ecommerce"), None);
        assert_eq!(
            five.objectives
                .iter()
                .map(|o| o.id.as_str())
                .collect::<Vec<_>>(),
            ["BC01", "BC02", "BC03", "BC04", "BC05"]
        );
    }

    #[test]
    fn referentials_without_blocks_report_their_top_level_groups() {
        for (r, groups) in [
            ("vendeur-web", vec!["A", "D", "E"]),
            (
                "charge-ecommerce",
                vec!["AC1", "AC2", "AC3", "AC4", "AC5", "RT", "DC"],
            ),
            (
                "chef-projet-ecommerce",
                vec!["COM", "D1", "D2", "D3", "D4", "D5"],
            ),
        ] {
            let mut a = Answers::default();
            answer_all(
                &mut a,
                r,
                |id, max| if id.starts_with(groups[0]) { max } else { 0 },
            );
            let rep = run(&a, &scope(r), None);
            assert_eq!(
                rep.objectives
                    .iter()
                    .map(|o| o.id.as_str())
                    .collect::<Vec<_>>(),
                groups,
                "{r}"
            );
            // Every item has a level: completed, whatever the score (no "ready" rule).
            assert!(
                rep.objectives.iter().all(|o| o.status == Status::Completed),
                "{r}"
            );
            assert_eq!(rep.objectives[0].score, 100, "{r}");
            assert!(rep.objectives[1..].iter().all(|o| o.score == 0), "{r}");
        }
        // A group is completed exactly when every one of its items has a level (answered or
        // estimated): answering AC1 alone estimates some items elsewhere, not all.
        let mut a = Answers::default();
        answer_all(&mut a, "charge-ecommerce", |_, _| 2);
        a.items
            .retain(|id, _| id.starts_with("charge-ecommerce/AC1."));
        let eval = model().evaluate(&a);
        let rep = run(&a, &scope("charge-ecommerce"), None);
        let p = model().profile_index("charge-ecommerce").unwrap();
        let r = catalog().referential("charge-ecommerce").unwrap();
        let mut seen = std::collections::BTreeSet::new();
        for o in &rep.objectives {
            let known = eval
                .rows(model(), p)
                .zip(r.rated_items())
                .filter(|(_, i)| i.group.id == o.id)
                .all(|(row, _)| row.status.is_known());
            let expected = if known {
                Status::Completed
            } else {
                Status::Incomplete
            };
            assert_eq!(o.status, expected, "{}", o.id);
            seen.insert(o.status.as_str());
        }
        assert_eq!(seen.len(), 2, "both statuses occur: {rep:?}");
    }

    #[test]
    fn the_package_of_all_five_reports_the_best_fit_and_every_profession() {
        let mut a = Answers::default();
        answer_all(&mut a, "vendeur-web", |_, max| max);
        let eval = model().evaluate(&a);
        let rep = run(&a, &Scope::All, None);
        let best = &eval.profiles[eval.ranking[0]];
        assert_eq!(rep.score, percent(best.readiness));
        assert_eq!(
            rep.objectives
                .iter()
                .map(|o| o.id.as_str())
                .collect::<Vec<_>>(),
            catalog()
                .referentials
                .iter()
                .map(|r| r.id.as_str())
                .collect::<Vec<_>>()
        );
        let vw = rep
            .objectives
            .iter()
            .find(|o| o.id == "vendeur-web")
            .unwrap();
        assert_eq!((vw.score, vw.status), (100, Status::Completed));
        assert_eq!(rep.status, Status::Incomplete);
    }

    #[test]
    fn mastery_scores_as_lmss_send_them() {
        assert_eq!(parse_mastery(""), None);
        assert_eq!(parse_mastery("  "), None);
        assert_eq!(parse_mastery("80"), Some(80.0));
        assert_eq!(parse_mastery("72.5"), Some(72.5));
        assert_eq!(parse_mastery("0"), Some(0.0));
        assert_eq!(parse_mastery("101"), None);
        assert_eq!(parse_mastery("-1"), None);
        assert_eq!(parse_mastery("NaN"), None);
        assert_eq!(parse_mastery("100.0"), Some(100.0));
        assert_eq!(parse_mastery("100.5"), None);
        assert_eq!(parse_mastery("80."), Some(80.0));
        assert_eq!(parse_mastery(".5"), None);
        assert_eq!(parse_mastery("1e2"), None);
        assert_eq!(parse_mastery("8 0"), None);
        assert_eq!(parse_mastery("quatre-vingts"), None);
        assert_eq!(percent(0.555), 56);
        assert_eq!(percent(1.2), 100);
        assert_eq!(percent(-0.1), 0);
    }
}
