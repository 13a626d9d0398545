//! Restoring answers from `cmi.suspend_data` into the learner's dossier in this browser, so that
//! neither side loses anything: answers only one side has are kept; where both have one, the
//! newer side wins — the LMS unless the browser changed after the LMS's value was saved (a commit
//! that failed, then the page was closed). A note the LMS did not keep (it did not fit) never
//! erases the browser's.

use crate::core::answers::Answers;
use crate::core::dossier::Change;

/// The changes that bring `browser` to the merged answers (empty when nothing changes).
pub fn merge(browser: &Answers, lms: &Answers, browser_newer: bool) -> Vec<Change> {
    let mut changes = Vec::new();
    for (pivot, &level) in &lms.quick {
        match browser.quick.get(pivot) {
            Some(&mine) if mine == level || browser_newer => {}
            _ => changes.push(Change::SetQuick(pivot.clone(), Some(level))),
        }
    }
    for (id, theirs) in &lms.items {
        let mine = browser.items.get(id);
        let take_level = match mine {
            None => true,
            Some(m) => m.level != theirs.level && !browser_newer,
        };
        if take_level {
            changes.push(Change::SetItem(id.clone(), Some(theirs.level)));
        }
        let my_note = mine.map_or("", |m| m.evidence.as_str());
        let take_note = !theirs.evidence.is_empty()
            && theirs.evidence != my_note
            && (my_note.is_empty() || !browser_newer);
        if take_note {
            changes.push(Change::SetEvidence(id.clone(), theirs.evidence.clone()));
        }
    }
    changes
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::answers::ItemAnswer;
    use crate::core::dossier::{apply, Dossier};

    const A: &str = "vendeur-web/A.7";
    const B: &str = "vendeur-web/D.5";
    const C: &str = "vendeur-web/D.6";

    fn answers(quick: &[(&str, u8)], items: &[(&str, u8, &str)]) -> Answers {
        Answers {
            quick: quick.iter().map(|(p, l)| (p.to_string(), *l)).collect(),
            items: items
                .iter()
                .map(|(id, level, note)| {
                    (
                        id.to_string(),
                        ItemAnswer {
                            level: *level,
                            evidence: note.to_string(),
                        },
                    )
                })
                .collect(),
        }
    }

    fn merged(browser: &Answers, lms: &Answers, browser_newer: bool) -> Answers {
        let mut d = Dossier::new("d", "Camille", "2026-01-01T00:00:00Z");
        d.answers = browser.clone();
        for c in merge(browser, lms, browser_newer) {
            apply(&mut d, &c, "2026-01-02T00:00:00Z");
        }
        d.answers
    }

    #[test]
    fn an_empty_browser_takes_everything() {
        let lms = answers(&[("veille", 3)], &[(A, 4, "preuve"), (B, 2, "")]);
        assert_eq!(merged(&Answers::default(), &lms, false), lms);
        assert_eq!(merged(&Answers::default(), &lms, true), lms);
        assert!(merge(&lms, &lms, false).is_empty());
    }

    #[test]
    fn the_lms_wins_conflicts_unless_the_browser_is_newer() {
        let browser = answers(
            &[("veille", 1), ("communication", 2)],
            &[(A, 1, "ma note"), (C, 3, "gardée")],
        );
        let lms = answers(&[("veille", 3)], &[(A, 4, "sa note"), (B, 2, "")]);
        assert_eq!(
            merged(&browser, &lms, false),
            answers(
                &[("veille", 3), ("communication", 2)],
                &[(A, 4, "sa note"), (B, 2, ""), (C, 3, "gardée")]
            )
        );
        assert_eq!(
            merged(&browser, &lms, true),
            answers(
                &[("veille", 1), ("communication", 2)],
                &[(A, 1, "ma note"), (B, 2, ""), (C, 3, "gardée")]
            )
        );
    }

    #[test]
    fn a_note_left_out_of_the_lms_never_erases_the_browsers() {
        let browser = answers(&[], &[(A, 2, "longue note restée ici")]);
        let lms = answers(&[], &[(A, 3, "")]);
        assert_eq!(
            merged(&browser, &lms, false),
            answers(&[], &[(A, 3, "longue note restée ici")])
        );
        // A note the browser lacks is taken even when the browser is newer.
        let browser = answers(&[], &[(A, 2, "")]);
        let lms = answers(&[], &[(A, 3, "preuve")]);
        assert_eq!(
            merged(&browser, &lms, true),
            answers(&[], &[(A, 2, "preuve")])
        );
    }
}
