//! Brought referentials: the file, storage and deletion round trips, and every problem a trainer
//! can meet, rendered from the locales in both languages (the French wording recorded in
//! `tests/fixtures/rncp/messages-fr.txt`).

use super::aside::{
    decode_deleted, delete_referential, is_deleted_key, plan_restore, restore_answers,
    restored_notice,
};
use super::brought::Brought;
use super::code::{self, ALL};
use super::file::{export_referential, import_referential};
use super::store::{
    decode_stored, encode_stored, plan_referentials, referential_id_of_key, referential_key,
};
use crate::core::answers::ItemAnswer;
use crate::core::catalog::catalog;
use crate::core::dossier::{encode_dossier, Dossier, LoadError, Write};
use crate::core::exchange::{ImportFailure, ImportProblem};
use crate::core::i18n::{parse_locale, placeholders, tr_with, Lang, EN_SOURCE, FR_SOURCE};
use crate::core::rncp::{check_export_size, parse_fiche, Draft, Scanner};
use serde_json::{json, Value};

const PROBLEMS: &str = include_str!("../../../tests/fixtures/rncp/fiches-a-probleme.xml");
const NOW: &str = "2026-12-04T10:00:00Z";

fn scan(bytes: &[u8]) -> Result<Vec<crate::core::rncp::FicheSummary>, ImportFailure> {
    let mut s = Scanner::new();
    let found = s.feed(bytes)?;
    s.finish()?;
    Ok(found)
}

/// The « Responsable e-commerce » of the fixtures, as saved.
fn brought() -> Brought {
    super::test_support::fixture_brought()
}

fn file_value() -> Value {
    serde_json::from_str(&export_referential(&brought())).unwrap()
}

fn import_value(v: &Value) -> Result<Brought, ImportFailure> {
    import_referential(v.to_string().as_bytes())
}

#[test]
fn a_referential_file_reads_back_as_written() {
    let b = brought();
    let text = export_referential(&b);
    assert!(text.contains("\"provenance\""));
    assert_eq!(import_referential(text.as_bytes()).unwrap(), b);
    // With a byte order mark, and pivots left out (they are optional).
    let mut v = file_value();
    v["groups"][0]["items"][0]
        .as_object_mut()
        .unwrap()
        .remove("pivots");
    let bom = format!("\u{feff}{v}");
    let back = import_referential(bom.as_bytes()).unwrap();
    assert!(back.referential.groups[0].items[0].pivots.is_empty());
    // Without provenance, it is a file from elsewhere.
    v.as_object_mut().unwrap().remove("provenance");
    assert_eq!(import_value(&v).unwrap().provenance.source, "file");
}

/// The five bundled referentials keep the general rules: given another id, each imports.
#[test]
fn the_bundled_referentials_pass_as_brought_files() {
    for r in &catalog().referentials {
        let mut v = serde_json::to_value(r).unwrap();
        assert_eq!(
            serde_json::from_value::<crate::core::model::Referential>(v.clone()).unwrap(),
            *r
        );
        let refused = import_value(&v).unwrap_err();
        assert_eq!(refused.code(), code::BUNDLED_ID, "{}", r.id);
        v["id"] = json!(format!("copie-{}", r.id));
        let b = import_value(&v).unwrap_or_else(|e| panic!("{}: {e}", r.id));
        assert_eq!(b.referential.rated_items().len(), r.rated_items().len());
    }
}

#[test]
fn a_stored_referential_reads_back_and_newer_ones_are_kept() {
    let b = brought();
    let text = encode_stored(&b, NOW);
    let v: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(v["version"], 1);
    assert_eq!(v["referential"]["format"], "repere.referential");
    let back = decode_stored(&text).unwrap();
    assert_eq!((back.brought, back.saved_at.as_str()), (b.clone(), NOW));
    assert_eq!(
        decode_stored(r#"{"version":2,"x":1}"#),
        Err(LoadError::TooNew(2))
    );
    for bad in [
        "",
        "[]",
        "{}",
        r#"{"version":"1"}"#,
        r#"{"version":0}"#,
        r#"{"version":1}"#,
        r#"{"version":1,"referential":{"format":"repere.referential","version":1}}"#,
    ] {
        assert!(
            matches!(decode_stored(bad), Err(LoadError::Corrupt(_))),
            "{bad}"
        );
    }
    let key = referential_key("cfa", "rncp38812");
    assert_eq!(key, "repere.cfa.referential.rncp38812");
    assert_eq!(referential_id_of_key("cfa", &key), Some("rncp38812"));
    assert_eq!(
        referential_id_of_key("cfa", &format!("{key}.corrupt")),
        None
    );
    assert_eq!(referential_id_of_key("cfa", "repere.cfa.dossier.abc"), None);
    assert_eq!(referential_id_of_key("default", &key), None);
}

#[test]
fn unreadable_stored_referentials_are_set_aside_at_startup() {
    let good = encode_stored(&brought(), NOW);
    let broken = good.replace("\"RNCP38812BC02\"", "\"RNCP38812BC01\"");
    let entries: Vec<(String, String)> = [
        ("repere.default.referential.rncp38812", good.as_str()),
        ("repere.default.referential.rncp1", broken.as_str()),
        ("repere.default.referential.rncp1.corrupt", "older"),
        ("repere.default.referential.rncp2", r#"{"version":9}"#),
        ("repere.default.dossier.x", "{}"),
    ]
    .iter()
    .map(|(k, v)| (k.to_string(), v.to_string()))
    .collect();
    let s = plan_referentials("default", &entries);
    assert_eq!(s.loaded.len(), 1);
    assert_eq!(
        s.kept,
        [("repere.default.referential.rncp2".to_string(), 9)]
    );
    assert_eq!(s.set_aside.len(), 1);
    let aside = &s.set_aside[0];
    assert_eq!(
        aside.corrupt_key,
        "repere.default.referential.rncp1.corrupt-2"
    );
    assert_eq!(
        aside.notice.french(),
        "Le référentiel enregistré « Responsable e-commerce » était illisible : il a été mis de côté sous la clé « repere.default.referential.rncp1.corrupt-2 »."
    );
    assert!(
        aside.reason.french().starts_with("référentiel invalide : "),
        "{}",
        aside.reason.french()
    );
    assert_eq!(
        s.writes,
        [
            Write::Set {
                key: aside.corrupt_key.clone(),
                value: broken.clone()
            },
            Write::Remove {
                key: "repere.default.referential.rncp1".into()
            },
        ]
    );
}

/// The home page lists stored referentials before their decoder is loaded: what it reads of the
/// JSON as it is agrees with the referential read whole.
#[test]
fn the_home_page_lists_stored_referentials_without_their_decoder() {
    let b = brought();
    let entries: Vec<(String, String)> = [
        ("repere.cfa.referential.rncp38812", encode_stored(&b, NOW)),
        (
            "repere.cfa.referential.rncp2",
            r#"{"version":9}"#.to_string(),
        ),
        ("repere.cfa.referential.rncp3", "{".to_string()),
        ("repere.cfa.referential.autre", encode_stored(&b, NOW)),
        (
            "repere.cfa.referential.rncp38812.deleted",
            encode_stored(&b, NOW),
        ),
        ("repere.autre.referential.rncp38812", encode_stored(&b, NOW)),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_string(), v))
    .collect();
    let listed = super::store::list_stored("cfa", &entries);
    // The id under another key is not this one's: not listed.
    assert_eq!(listed, [super::store::Listed::of(&b.referential)]);
    assert_eq!(listed[0].rated, b.referential.rated_items().len());
    assert!(listed[0].rated > 10 && !listed[0].title.is_empty());
}

/// The stored referential the browser tests write into storage (they cannot import it: the
/// import page is tested on its own) is what this version stores; rewritten with
/// `REPERE_WRITE_FIXTURES=1`.
#[test]
fn the_browser_tests_stored_referential_is_up_to_date() {
    let b = super::test_support::fixture_brought_for_the_browser();
    let text = encode_stored(&b, "2026-12-04T10:00:00.000Z");
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/rncp/stored-rncp38812.json");
    if std::env::var_os("REPERE_WRITE_FIXTURES").is_some() {
        std::fs::write(&path, format!("{text}\n")).unwrap();
    }
    let recorded = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        recorded.trim_end() == text,
        "stored-rncp38812.json differs: rerun with REPERE_WRITE_FIXTURES=1"
    );
    assert_eq!(decode_stored(recorded.trim_end()).unwrap().brought, b);
    assert_eq!(b.provenance.edits.len(), 6);
}

fn dossier(id: &str, items: &[(&str, u8)]) -> Dossier {
    let mut d = Dossier::new(id, id, NOW);
    for (k, l) in items {
        d.answers.items.insert(
            k.to_string(),
            ItemAnswer {
                level: *l,
                evidence: "preuve".into(),
            },
        );
    }
    d
}

#[test]
fn deleting_a_referential_keeps_its_answers_aside() {
    let stored = encode_stored(&brought(), NOW);
    let dossiers = [
        dossier(
            "a",
            &[("rncp38812/RNCP38812BC01.1", 3), ("vendeur-web/A.7", 2)],
        ),
        dossier("b", &[("vendeur-web/A.7", 1)]),
        dossier(
            "c",
            &[("rncp38812/RNCP38812BC02.1", 4), ("rncp388120/X", 1)],
        ),
    ];
    let taken = "repere.default.referential.rncp38812.deleted";
    let read = |k: &str| (k == taken).then(|| "earlier".to_string());
    let del = delete_referential(
        "default",
        "rncp38812",
        "Responsable e-commerce",
        &stored,
        &dossiers,
        "2026-12-05",
        read,
    );
    assert_eq!(del.aside_key, format!("{taken}-2"));
    let changed: Vec<&str> = del.dossiers.iter().map(|d| d.id.as_str()).collect();
    assert_eq!(changed, ["a", "c"]);
    assert_eq!(
        del.dossiers[0].answers.items.keys().collect::<Vec<_>>(),
        ["vendeur-web/A.7"]
    );
    assert_eq!(
        del.dossiers[1].answers.items.keys().collect::<Vec<_>>(),
        ["rncp388120/X"],
        "another id's answers stay"
    );
    assert!(del
        .dossiers
        .iter()
        .all(|d| d.revision == 1 && d.updated_at == "2026-12-05"));
    // Copied first, removed last.
    let Write::Set { key, value } = &del.writes[0] else {
        panic!()
    };
    assert_eq!(key, &del.aside_key);
    assert_eq!(
        del.writes.last(),
        Some(&Write::Remove {
            key: referential_key("default", "rncp38812")
        })
    );
    assert_eq!(
        del.writes[1],
        Write::Set {
            key: "repere.default.dossier.a".into(),
            value: encode_dossier(&del.dossiers[0])
        }
    );
    assert_eq!(
        del.notice.french(),
        "Le référentiel « Responsable e-commerce » a été supprimé de ce navigateur. Les réponses de 2 dossier(s) à ce référentiel ont été mises de côté sous la clé « repere.default.referential.rncp38812.deleted-2 » : elles reviendront si vous l'importez de nouveau."
    );
    let kept = decode_deleted(value).unwrap();
    assert_eq!(kept.stored, stored);
    assert_eq!(kept.answers["a"]["RNCP38812BC01.1"].level, 3);
    // Brought back: the answers return, never over one given since, only for items it still has.
    let mut now_c = del.dossiers[1].clone();
    now_c.answers.items.insert(
        "rncp38812/RNCP38812BC02.1".into(),
        ItemAnswer {
            level: 1,
            evidence: String::new(),
        },
    );
    let (restored, count) = restore_answers(
        &kept,
        &[del.dossiers[0].clone(), now_c],
        |i| i != "RNCP38812BC09.9",
        NOW,
    );
    assert_eq!(count, 1);
    assert_eq!(restored.len(), 1);
    assert_eq!(
        restored[0].answers.items["rncp38812/RNCP38812BC01.1"].level,
        3
    );
    assert_eq!(restored_notice("R", count).french(), "Le référentiel « R » est de retour : 1 réponse(s) mises de côté à sa suppression ont été reprises.");
    assert!(decode_deleted("{}").is_none());
}

/// Brought again, a deleted referential offers its answers back: every value set aside for it,
/// to the dossiers still there, never over an answer given since; the copies keep what did not
/// come back, and go once empty.
#[test]
fn answers_kept_aside_come_back_with_the_referential() {
    let stored = encode_stored(&brought(), NOW);
    let first = delete_referential(
        "default",
        "rncp38812",
        "R",
        &stored,
        &[
            dossier("a", &[("rncp38812/RNCP38812BC01.1", 3)]),
            dossier("gone", &[("rncp38812/RNCP38812BC01.1", 1)]),
        ],
        NOW,
        |_| None,
    );
    let second = delete_referential(
        "default",
        "rncp38812",
        "R",
        &stored,
        &[dossier(
            "b",
            &[
                ("rncp38812/RNCP38812BC02.1", 2),
                ("rncp38812/RNCP38812BC01.2", 4),
            ],
        )],
        NOW,
        |k| (k == first.aside_key).then(|| "x".into()),
    );
    let value = |d: &super::aside::Deletion| match &d.writes[0] {
        Write::Set { value, .. } => value.clone(),
        other => panic!("{other:?}"),
    };
    let kept = vec![
        (first.aside_key.clone(), value(&first)),
        (second.aside_key.clone(), value(&second)),
        (format!("{}-3", first.aside_key), "illisible".to_string()),
    ];
    assert!(kept
        .iter()
        .all(|(k, _)| is_deleted_key("default", "rncp38812", k)));
    assert!(!is_deleted_key(
        "default",
        "rncp38812",
        "repere.default.referential.rncp38812"
    ));
    assert!(!is_deleted_key("default", "rncp3881", &first.aside_key));
    assert!(!is_deleted_key(
        "default",
        "rncp38812",
        &format!("{}-x", first.aside_key)
    ));
    // Since, dossier « b » answered BC01.2 again; dossier « gone » was deleted.
    let mut b = dossier("b", &[("rncp38812/RNCP38812BC01.2", 1)]);
    b.revision = 5;
    let now = [dossier("a", &[("vendeur-web/A.7", 2)]), b];
    let r = plan_restore("default", "R", &kept, &now, |_| true, "2026-12-06").unwrap();
    assert_eq!(r.count, 2);
    let ids: Vec<&str> = r.dossiers.iter().map(|d| d.id.as_str()).collect();
    assert_eq!(ids, ["a", "b"]);
    assert_eq!(
        r.dossiers[0].answers.items["rncp38812/RNCP38812BC01.1"].level,
        3
    );
    assert_eq!(
        r.dossiers[1].answers.items["rncp38812/RNCP38812BC01.2"].level,
        1
    );
    assert_eq!(
        r.dossiers[1].answers.items["rncp38812/RNCP38812BC02.1"].level,
        2
    );
    assert_eq!(r.dossiers[1].revision, 6);
    assert_eq!(r.notice, restored_notice("R", 2));
    // Dossiers first, then the copies: the first keeps « gone »'s answer, the second keeps
    // the answer given again since; the unreadable one is left alone.
    assert_eq!(r.writes.len(), 4);
    assert!(matches!(&r.writes[0], Write::Set { key, .. } if key == "repere.default.dossier.a"));
    let rest = |w: &Write| match w {
        Write::Set { value, .. } => decode_deleted(value).unwrap(),
        other => panic!("{other:?}"),
    };
    let one = rest(&r.writes[2]);
    assert_eq!(one.answers.keys().collect::<Vec<_>>(), ["gone"]);
    let two = rest(&r.writes[3]);
    assert_eq!(
        two.answers["b"].keys().collect::<Vec<_>>(),
        ["RNCP38812BC01.2"]
    );
    // Nothing left to give back: nothing to offer.
    assert_eq!(
        plan_restore("default", "R", &kept, &r.dossiers, |_| true, NOW),
        None
    );
    // Items the referential no longer has do not come back.
    assert_eq!(
        plan_restore("default", "R", &kept, &now, |_| false, NOW),
        None
    );
    // Once everything came back, the copy goes.
    let only_a = plan_restore(
        "default",
        "R",
        &kept[..1],
        &[dossier("a", &[]), dossier("gone", &[])],
        |_| true,
        NOW,
    )
    .unwrap();
    assert_eq!(
        only_a.writes.last(),
        Some(&Write::Remove {
            key: first.aside_key.clone()
        })
    );
}

/// The trainer's edits read as sentences in both languages (the referential's page lists them).
#[test]
fn edits_are_described_in_words() {
    use super::Edit::*;
    let s = |v: &str| v.to_string();
    let edits = [
        (
            Merge {
                first: s("B.1"),
                second: s("B.2"),
            },
            "Compétences B.1 et B.2 réunies en une seule (B.1)",
        ),
        (
            Split {
                item: s("B.3"),
                at: 61,
                new_item: s("B.7"),
            },
            "Compétence B.3 coupée après 61 caractères : la suite devient B.7",
        ),
        (
            Reword {
                item: s("B.1"),
                text: s("Piloter"),
            },
            "Compétence B.1 reformulée : « Piloter »",
        ),
        (Delete { item: s("B.4") }, "Compétence B.4 supprimée"),
        (
            Add {
                block: s("BC01"),
                index: 0,
                item: s("B.8"),
                text: s("Animer"),
            },
            "Compétence B.8 ajoutée au bloc BC01, en position 1 : « Animer »",
        ),
        (
            Move {
                item: s("B.5"),
                block: s("BC02"),
                index: 2,
            },
            "Compétence B.5 déplacée dans le bloc BC02, en position 3",
        ),
        (
            Retitle {
                block: s("BC01"),
                title: s("Vendre"),
            },
            "Bloc BC01 renommé : « Vendre »",
        ),
        (DeleteBlock { block: s("BC03") }, "Bloc BC03 supprimé"),
        (
            Target {
                item: s("B.1"),
                target: 4,
            },
            "Niveau visé de B.1 : 4",
        ),
        (
            Weight {
                item: s("B.1"),
                weight: 2.5,
            },
            "Poids de B.1 : 2,5",
        ),
        (
            Pivots {
                item: s("B.1"),
                pivots: vec![s("veille"), s("referencement")],
            },
            "Compétences pivots de B.1 : Veille, Référencement",
        ),
        (
            Pivots {
                item: s("B.2"),
                pivots: vec![],
            },
            "Compétence B.2 reliée à aucune compétence pivot",
        ),
    ];
    for (edit, french) in &edits {
        let fr = edit.describe(Lang::Fr);
        assert!(fr.starts_with(french.split(" : ").next().unwrap()), "{fr}");
        if !french.contains("Veille") {
            assert_eq!(&fr, french);
        }
        let en = edit.describe(Lang::En);
        assert!(!en.contains('{') && !en.is_empty() && en != fr, "{en}");
    }
    assert_eq!(
        edits[10].0.describe(Lang::Fr),
        format!(
            "Compétences pivots de B.1 : {}, {}",
            catalog().pivot_label("veille", Lang::Fr),
            catalog().pivot_label("referencement", Lang::Fr)
        )
    );
}

fn failures(bytes: &[&[u8]]) -> Vec<ImportProblem> {
    bytes
        .iter()
        .flat_map(|b| match scan(b) {
            Err(f) => f.problems,
            Ok(_) => panic!("expected a failure: {}", String::from_utf8_lossy(b)),
        })
        .collect()
}

/// A file breaking one rule: `change` applied to a valid file.
fn broken(change: impl Fn(&mut Value)) -> Vec<ImportProblem> {
    let mut v = file_value();
    change(&mut v);
    import_value(&v).unwrap_err().problems
}

fn item(v: &mut Value, g: usize, i: usize) -> &mut Value {
    &mut v["groups"][g]["items"][i]
}

/// Real problems, from bad inputs: together they cover every code.
fn every_problem() -> Vec<ImportProblem> {
    let mut out = scan_problems();
    out.extend(fiche_problems());
    out.extend(draft_problems());
    out.extend(file_problems());
    out
}

/// The export as a whole.
fn scan_problems() -> Vec<ImportProblem> {
    let mut out = failures(&[
        b"",
        b"numero;intitule",
        b"<html></html>",
        b"<FICHES>\n<A></B></FICHES>",
        b"<FICHES><FICHE><NUMERO_FICHE>RNCP1</NUMERO_FICHE><A></B></FICHE></FICHES>",
        b"<FICHES><FICHE>",
        b"<FICHES><FICHE><NUMERO_FICHE>RNCP1</NUMERO_FICHE>",
        b"<FICHES></FICHES>",
        format!("<FICHES>{}", "<A>".repeat(70)).as_bytes(),
    ]);
    out.extend(check_export_size(5 << 30).unwrap_err().problems);
    let mut s = Scanner::new();
    let long = format!(
        "<FICHES><A>{}",
        "x".repeat(crate::core::rncp::MAX_PENDING_BYTES + 1)
    );
    out.extend(s.feed(long.as_bytes()).unwrap_err().problems);
    let mut s = Scanner::new();
    let big = format!("<FICHES><FICHE><NUMERO_FICHE>RNCP7</NUMERO_FICHE><A>{}</A></FICHE><FICHE><NUMERO_FICHE>RNCP8</NUMERO_FICHE></FICHE></FICHES>", "x".repeat(crate::core::rncp::MAX_FICHE_BYTES));
    s.feed(big.as_bytes()).unwrap();
    out.extend(s.finish().unwrap().warnings);
    let mut s = Scanner::new();
    s.feed(PROBLEMS.as_bytes()).unwrap();
    out.extend(s.finish().unwrap().warnings);
    out
}

fn fiche_xml(body: &str) -> String {
    format!("<FICHE><NUMERO_FICHE>RNCP9</NUMERO_FICHE><INTITULE>Titre</INTITULE>{body}</FICHE>")
}

/// One fiche read again.
fn fiche_problems() -> Vec<ImportProblem> {
    let mut out = Vec::new();
    let fiche = fiche_xml;
    let long = "a".repeat(crate::core::rncp::MAX_TEXT_CHARS + 1);
    for (bytes, number) in [
        (b"<FICHE><NUMERO_FICHE>RNCP9</NUMERO_FICHE><INTITULE>\xe9</INTITULE></FICHE>".to_vec(), "RNCP9"),
        (b"<AUTRE/>".to_vec(), "RNCP9"),
        (fiche("").into_bytes(), "RNCP10"),
        (fiche(&format!("<ACTIVITES_VISEES>{long}</ACTIVITES_VISEES>")).into_bytes(), "RNCP9"),
        (fiche(&format!("<BLOCS_COMPETENCES><BLOC_COMPETENCES><LIBELLE>Vendre</LIBELLE><LISTE_COMPETENCES>{long}</LISTE_COMPETENCES></BLOC_COMPETENCES></BLOCS_COMPETENCES>")).into_bytes(), "RNCP9"),
    ] {
        out.extend(parse_fiche(&bytes, number).unwrap_err().problems);
    }
    out
}

/// A fiche's blocks, the draft and the pasted lists.
fn draft_problems() -> Vec<ImportProblem> {
    let mut out = Vec::new();
    let read = |body: &str| parse_fiche(fiche_xml(body).as_bytes(), "RNCP9").unwrap();
    let block = |code: &str, list: &str| {
        format!("<BLOC_COMPETENCES><CODE>{code}</CODE><LIBELLE>Bloc</LIBELLE><LISTE_COMPETENCES>{list}</LISTE_COMPETENCES></BLOC_COMPETENCES>")
    };
    let blocks = |bs: String| format!("<BLOCS_COMPETENCES>{bs}</BLOCS_COMPETENCES>");
    out.extend(Draft::from_fiche(&read(""), None).unwrap_err().problems);
    out.extend(
        Draft::from_fiche(
            &read(&blocks(
                (0..61).map(|n| block(&format!("B{n}"), "a  b")).collect(),
            )),
            None,
        )
        .unwrap_err()
        .problems,
    );
    out.extend(
        Draft::from_fiche(
            &read(&blocks(block("B1", "a  b") + &block("B1", "c  d"))),
            None,
        )
        .unwrap_err()
        .problems,
    );
    let (mut d, warnings) = Draft::from_fiche(
        &read(&blocks(
            block("B1", "")
                + &block("B2", "- ;")
                + &block("B3", &format!("Vendre  {}", "x".repeat(500))),
        )),
        None,
    )
    .unwrap();
    out.extend(warnings);
    out.extend(d.build().unwrap_err().problems);
    out.extend(
        [d.paste("B1", &"x".repeat(60_000)), d.paste("B1", " ; ")]
            .into_iter()
            .filter_map(|r| match r {
                Err(crate::core::rncp::PasteError::Input(f)) => Some(f.problems),
                _ => None,
            })
            .flatten(),
    );
    out
}

/// A referential file.
fn file_problems() -> Vec<ImportProblem> {
    let mut out = Vec::new();
    for text in [
        b"{\"a\":".as_slice(),
        b"{\"a\" 1}",
        b"\xff{}",
        b"{\"format\":\"repere.dossier\",\"version\":1}",
        b"{\"format\":\"repere.referential\",\"version\":3}",
        b"{\"format\":\"repere.referential\",\"version\":\"1\"}",
    ] {
        out.extend(import_referential(text).unwrap_err().problems);
    }
    out.extend(super::file::check_file_size(3 << 20).unwrap_err().problems);
    out.extend(broken(|v| v["colour"] = json!("bleu")));
    out.extend(broken(|v| v["id"] = json!("vendeur-web")));
    out.extend(broken(|v| v["id"] = json!("Pas Valide")));
    out.extend(broken(|v| {
        v["provenance"]["url"] = json!("javascript:alert(1)")
    }));
    out.extend(broken(|v| {
        v["title"] = json!(" ");
        v["summary"] = json!("é".repeat(super::MAX_STRING_CHARS + 1));
        v["fields"][0]["list"] = json!(["x"]);
        v["blocks"][1]["id"] = json!("RNCP38812BC01");
        *item(v, 0, 0) = json!({"id": "a/b", "kind": "competence", "text": "x", "target": 3, "weight": 1});
        *item(v, 0, 1) = json!({"id": "RNCP38812BC01.3", "kind": "competence", "text": "", "target": 9, "weight": 0, "pivots": ["astrologie", "veille", "veille", "referencement"], "modality": "E9", "block": "BC99"});
        *item(v, 0, 2) = json!({"id": "RNCP38812BC01.3", "kind": "competence", "text": "x", "weight": 1});
        *item(v, 0, 3) = json!({"id": "N", "kind": "result", "text": "x", "rated": false, "target": 3});
        v["groups"][1]["block"] = json!("BC98");
        v["groups"][3]["items"] = json!([]);
    }));
    out.extend(broken(|v| v["groups"][3]["block"] = Value::Null));
    // Without blocks: one group of one item.
    let alone = |v: &mut Value, item: Value| {
        v["blocks"] = json!([]);
        v["groups"] = json!([{"id": "G", "kind": "domain", "title": "Tout", "items": [item]}]);
    };
    out.extend(broken(|v| {
        v["scale"] = json!("ecf");
        alone(
            v,
            json!({"id": "E1", "kind": "ecf", "text": "x", "target": 2, "weight": 1}),
        );
    }));
    out.extend(broken(|v| {
        alone(
            v,
            json!({"id": "R1", "kind": "result", "text": "x", "rated": false}),
        )
    }));
    out.extend(broken(|v| {
        let many: Vec<Value> = (0..super::MAX_ITEMS + 1).map(|n| json!({"id": format!("I{n}"), "kind": "competence", "text": "x", "target": 3, "weight": 1})).collect();
        v["groups"][0]["items"] = json!(many);
    }));
    out.extend(broken(|v| {
        let many: Vec<Value> = (0..60).map(|n| json!({"id": format!("I{n}"), "kind": "competence", "text": "", "target": 3, "weight": 1})).collect();
        v["groups"][0]["items"] = json!(many);
    }));
    out
}

/// What trainers read, recorded in `tests/fixtures/rncp/messages-fr.txt`.
#[test]
fn french_messages_read_as_recorded() {
    crate::core::exchange::test_support::assert_messages_recorded(
        &every_problem(),
        "tests/fixtures/rncp/messages-fr.txt",
    );
}

#[test]
fn every_problem_is_produced_and_translated() {
    let fr = parse_locale(FR_SOURCE).unwrap();
    let en = parse_locale(EN_SOURCE).unwrap();
    let mut seen = std::collections::BTreeSet::new();
    for p in every_problem() {
        seen.insert(p.code);
        for (lang, locale) in [(Lang::Fr, &fr), (Lang::En, &en)] {
            let template = locale
                .get(p.code)
                .unwrap_or_else(|| panic!("{lang:?} lacks {}", p.code));
            for name in placeholders(template) {
                assert!(
                    p.arg(name).is_some(),
                    "{lang:?} {}: {{{name}}} is not an argument of {p:?}",
                    p.code
                );
            }
            let args: Vec<(&str, &str)> = p.args.iter().map(|(n, v)| (*n, v.as_str())).collect();
            let text = tr_with(lang, p.code, &args);
            assert!(!text.contains('{') || text.contains("{ "), "{text}");
        }
    }
    let missing: Vec<&str> = ALL.iter().copied().filter(|c| !seen.contains(c)).collect();
    assert!(missing.is_empty(), "no problem produced for {missing:?}");
    let unique: std::collections::HashSet<&str> = ALL.iter().copied().collect();
    assert_eq!(unique.len(), ALL.len());
}
