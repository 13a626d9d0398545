//! Persisted data keeps its meaning across changes of the scoring (SPEC §5; the fit came to weigh
//! each item by how much its main skill defines the profession): share links and export files
//! carry answers only, so the figures are recomputed, never stored.

use repere::core::answers::{Answers, ItemAnswer};
use repere::core::exchange::{export_dossier, import_dossier};
use repere::core::scoring::ScoringModel;
use repere::core::share;

/// The share payload Repère 2b2e2e4 (before readiness and fit, before the crosswalk audit)
/// wrote for [`answers`]: produced by `share::encode` built from that commit.
const LINK_BEFORE_ISSUE_10: &str = "AU9qUXY____H__f__n_____9________________6_____________________________________________________________________________f_____n_____________545D6TuQ";

fn answers() -> Answers {
    let mut a = Answers::default();
    a.quick.insert("referencement".into(), 3);
    a.quick.insert("relation-client".into(), 4);
    a.quick.insert("gestion-projet".into(), 0);
    for (id, level) in [
        ("vendeur-web/D.7", 5u8),
        ("charge-ecommerce/RT08", 2),
        ("chef-projet-ecommerce/D5.SF26", 3),
        ("charge-developpement-commercial/C2.1.4.1", 4),
        ("animateur-ecommerce/GP1", 1),
    ] {
        a.items.insert(
            id.into(),
            ItemAnswer {
                level,
                evidence: String::new(),
            },
        );
    }
    a
}

#[test]
fn a_share_link_made_before_the_change_opens_the_same_answers() {
    assert_eq!(share::decode(LINK_BEFORE_ISSUE_10), Ok(answers()));
    assert_eq!(share::encode(&answers()), LINK_BEFORE_ISSUE_10);
    // Its figures are today's, recomputed from the answers.
    let e = ScoringModel::bundled().evaluate(&answers());
    assert!(e.profiles.iter().all(|p| p.fit > 0.0 && p.readiness > 0.0));
}

#[test]
fn exports_carry_answers_not_figures() {
    let mut d = repere::core::dossier::Dossier::new("d1", "Camille", "2026-01-01T00:00:00Z");
    d.answers = answers();
    let text = export_dossier(&d, "0.1.0", "2026-01-02T00:00:00Z");
    for figure in ["score", "fit", "readiness", "completeness", "ranking"] {
        assert!(!text.contains(&format!("\"{figure}\"")), "{figure} stored");
    }
    let back = import_dossier(text.as_bytes()).expect("imports");
    assert_eq!(back.dossier.answers, d.answers);
    // The import fixture written before the change still imports and evaluates.
    let before = include_bytes!("fixtures/import/valid-bom.json");
    let imported = import_dossier(before).expect("imports");
    let _ = ScoringModel::bundled().evaluate(&imported.dossier.answers);
}
