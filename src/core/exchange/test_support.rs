//! Fixtures shared by the tests of the export and import.

use super::*;
use crate::core::answers::ItemAnswer;
use crate::core::dossier::Dossier;
use proptest::prelude::*;

pub(super) const NOW: &str = "2026-11-23T10:00:00Z";
pub(super) const GENERIC_ITEM: &str = "charge-developpement-commercial/C2.1.3";
pub(super) const ECF_ITEM: &str = "vendeur-web/A.7";

pub(super) fn sample() -> Dossier {
    let mut d = Dossier::new("abc123", "Camille", "2026-11-01T09:00:00.000Z");
    d.updated_at = "2026-11-20T18:30:00.000Z".into();
    d.revision = 7;
    d.answers.quick.insert("referencement".into(), 3);
    d.answers.quick.insert("veille".into(), 0);
    d.answers.items.insert(
        GENERIC_ITEM.into(),
        ItemAnswer {
            level: 3,
            evidence: "Stage chez « Dupont & fils » — 3 mois\n2e ligne \"citée\"".into(),
        },
    );
    d.answers.items.insert(
        ECF_ITEM.into(),
        ItemAnswer {
            level: 5,
            evidence: String::new(),
        },
    );
    d
}

pub(super) fn file(dossier_body: &str) -> String {
    format!(
        r#"{{"format":"repere.dossier","version":1,"app_version":"0.1.0","exported_at":"{NOW}","dossier":{dossier_body}}}"#
    )
}

pub(super) fn with_answers(quick: &str, items: &str) -> String {
    file(&format!(
        r#"{{"id":"abc","name":"Sam","created_at":"{NOW}","updated_at":"{NOW}","quick":{quick},"items":{items}}}"#
    ))
}

pub(super) fn fail(bytes: impl AsRef<[u8]>) -> ImportFailure {
    match import_dossier(bytes.as_ref()) {
        Err(f) => f,
        Ok(i) => panic!("expected a failure, got {i:?}"),
    }
}

pub(super) fn ok(bytes: impl AsRef<[u8]>) -> Imported {
    match import_dossier(bytes.as_ref()) {
        Ok(i) => i,
        Err(f) => panic!("expected success, got {f}"),
    }
}

pub(super) fn codes(ps: &[ImportProblem]) -> Vec<&'static str> {
    ps.iter().map(|p| p.code).collect()
}

/// JSON-ish token soup, to compare what the reader and serde_json accept.
pub(super) fn arb_soup() -> impl Strategy<Value = String> {
    let token = proptest::sample::select(vec![
        "{", "}", "[", "]", ":", ",", " ", "\n", "\t", "\r", "\"", "\"a\"", "\"é\"", "\\", "\\u",
        "\\ud83d", "\\ude00", "\\n", "\\x", "00e9", "0", "1", "-", "-0", ".", "5", "e", "E", "+",
        "12.5e-3", "true", "fals", "false", "null", "nul", "x", "\u{1}", "\u{7f}", "é", "💡",
        "\u{feff}",
    ]);
    proptest::collection::vec(token, 0..24).prop_map(|t| t.concat())
}

/// Checks the French wording of `problems` against the fixture at `fixture` (a path from the
/// crate's root), one `code: message` line each, rewritten with `REPERE_WRITE_FIXTURES=1`: a
/// change of what users read is then a visible change of that file, to review.
pub(crate) fn assert_messages_recorded(problems: &[ImportProblem], fixture: &str) {
    let text: String = problems
        .iter()
        .map(|p| format!("{}: {}\n", p.code, p))
        .collect();
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(fixture);
    if std::env::var_os("REPERE_WRITE_FIXTURES").is_some() {
        std::fs::write(&path, &text).unwrap();
    }
    let recorded = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        recorded == text,
        "{fixture} differs: rerun with REPERE_WRITE_FIXTURES=1 and review the diff"
    );
}
