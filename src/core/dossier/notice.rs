//! Reports about stored data ([`StorageNotice`], an untranslated `i18n::Message`) and their
//! stable codes, each a key of `locales/*.json`: the shell renders a notice in the current UI
//! language, so that `fr.json` holds the only French wording.

use crate::core::i18n::Message;

// What happened at startup, shown to the user.
pub const ASIDE_INDEX: &str = "storage.aside_index";
pub const ASIDE_LEGACY: &str = "storage.aside_legacy";
pub const ASIDE_NAMED: &str = "storage.aside_named";
pub const ASIDE_DOSSIER: &str = "storage.aside_dossier";
// What happened while running: an unreadable dossier found where this tab writes.
pub const ASIDE_REPLACED: &str = "storage.aside_replaced";
pub const TOO_NEW_INDEX: &str = "storage.too_new_index";
pub const TOO_NEW_NAMED: &str = "storage.too_new_named";
pub const TOO_NEW_KEY: &str = "storage.too_new_key";
pub const MIGRATED: &str = "storage.migrated";
/// Wraps a dropped-answer notice with the name of its dossier.
pub const IN_DOSSIER: &str = "storage.in_dossier";
pub const UNKNOWN_PIVOT: &str = "storage.unknown_pivot";
pub const PIVOT_LEVEL_OUT_OF_RANGE: &str = "storage.pivot_level_out_of_range";
pub const UNKNOWN_ITEM: &str = "storage.unknown_item";
pub const UNKNOWN_ITEM_EVIDENCE: &str = "storage.unknown_item_evidence";
pub const ITEM_LEVEL_OUT_OF_RANGE: &str = "storage.item_level_out_of_range";
pub const ITEM_LEVEL_OUT_OF_RANGE_EVIDENCE: &str = "storage.item_level_out_of_range_evidence";
pub const INDEX_ENTRY_REMOVED: &str = "storage.index_entry_removed";
pub const INDEX_ENTRY_ADDED: &str = "storage.index_entry_added";

// Why a value is unreadable: technical detail (`LoadError`, `SetAside::reason`).
pub const INVALID_JSON: &str = "storage.reason.invalid_json";
pub const NOT_OBJECT: &str = "storage.reason.not_object";
pub const VERSION_MISSING: &str = "storage.reason.version_missing";
pub const VERSION_INVALID: &str = "storage.reason.version_invalid";
pub const UNKNOWN_DOSSIER_VERSION: &str = "storage.reason.unknown_dossier_version";
pub const UNKNOWN_INDEX_VERSION: &str = "storage.reason.unknown_index_version";
pub const INVALID_CONTENT: &str = "storage.reason.invalid_content";
pub const INVALID_ID: &str = "storage.reason.invalid_id";
pub const ID_MISMATCH: &str = "storage.reason.id_mismatch";
pub const ID_NOT_KEY: &str = "storage.reason.id_not_key";
pub const UNREADABLE: &str = "storage.reason.unreadable";
pub const TOO_NEW: &str = "storage.reason.too_new";

pub const ALL: [&str; 30] = [
    ASIDE_INDEX,
    ASIDE_LEGACY,
    ASIDE_NAMED,
    ASIDE_DOSSIER,
    ASIDE_REPLACED,
    TOO_NEW_INDEX,
    TOO_NEW_NAMED,
    TOO_NEW_KEY,
    MIGRATED,
    IN_DOSSIER,
    UNKNOWN_PIVOT,
    PIVOT_LEVEL_OUT_OF_RANGE,
    UNKNOWN_ITEM,
    UNKNOWN_ITEM_EVIDENCE,
    ITEM_LEVEL_OUT_OF_RANGE,
    ITEM_LEVEL_OUT_OF_RANGE_EVIDENCE,
    INDEX_ENTRY_REMOVED,
    INDEX_ENTRY_ADDED,
    INVALID_JSON,
    NOT_OBJECT,
    VERSION_MISSING,
    VERSION_INVALID,
    UNKNOWN_DOSSIER_VERSION,
    UNKNOWN_INDEX_VERSION,
    INVALID_CONTENT,
    INVALID_ID,
    ID_MISMATCH,
    ID_NOT_KEY,
    UNREADABLE,
    TOO_NEW,
];

/// A report about stored data: a code of [`notice`](self) and the values to insert in its
/// template (named values such as `key`, `name`, `version`; raw error texts stay as they are),
/// with a notice inserted as `{detail}` when it wraps one.
pub type StorageNotice = Message;

pub(super) fn arg(name: &'static str, value: impl ToString) -> (&'static str, String) {
    (name, value.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::dossier::test_support::*;
    use crate::core::dossier::*;
    use crate::core::i18n::{placeholders, Lang};
    use std::collections::{BTreeSet, HashSet};

    /// Every notice the core can produce, from real stored values; with their nested details.
    fn every_notice() -> Vec<StorageNotice> {
        let mut index = DossierIndex::default();
        for (id, name) in [("gone", "Parti"), ("named1", "Noé"), ("fut", "Futur")] {
            index.dossiers.push(DossierMeta {
                id: id.into(),
                name: name.into(),
                created_at: NOW.into(),
                updated_at: NOW.into(),
            });
        }
        let sam = format!(
            r#"{{"version":1,"id":"sam","name":"Sam","created_at":"{NOW}","updated_at":"{NOW}","revision":1,
            "quick":{{"astrologie":2,"veille":5}},
            "items":{{"vendeur-web/Z.9":{{"level":1}},"vendeur-web/Z.8":{{"level":1,"evidence":"p"}},
                      "{ECF_ITEM}":{{"level":6}},"{GENERIC_ITEM}":{{"level":5,"evidence":"p"}}}}}}"#
        );
        let mismatch = encode_dossier(&Dossier::new("other", "Autre", NOW));
        let with_index = plan_startup(
            "default",
            &entries(&[
                ("repere.default.index", &encode_index(&index)),
                ("repere.default.dossier.named1", "{"),
                ("repere.default.dossier.fut", r#"{"version":2}"#),
                ("repere.default.dossier.fut2", r#"{"version":3}"#),
                ("repere.default.dossier.anon", "pas du JSON"),
                ("repere.default.dossier.mism", &mismatch),
                ("repere.default.dossier.sam", &sam),
                ("repere.default.answers", r#"{"quick":{"astrologie":1}}"#),
            ]),
            NOW,
            "m",
        );
        let bad_index_and_legacy = plan_startup(
            "default",
            &entries(&[
                ("repere.default.index", "[1]"),
                ("repere.default.answers", "{"),
            ]),
            NOW,
            "n",
        );
        let new_index = plan_startup(
            "default",
            &entries(&[("repere.default.index", r#"{"version":2}"#)]),
            NOW,
            "n",
        );

        let mut out = Vec::new();
        for s in [&with_index, &bad_index_and_legacy, &new_index] {
            out.extend(s.messages());
            out.extend(s.set_aside.iter().map(|a| a.reason.clone()));
        }
        let reason = |r: Result<Dossier, LoadError>| match r {
            Err(LoadError::Corrupt(n)) => n,
            other => panic!("expected a corrupt value, got {other:?}"),
        };
        let base = |id: &str| {
            format!(
                r#"{{"version":1,"id":"{id}","name":"n","created_at":"t","updated_at":"t","revision":1}}"#
            )
        };
        for text in [
            "{}".to_string(),
            r#"{"version":"1"}"#.to_string(),
            r#"{"version":0}"#.to_string(),
            r#"{"version":1}"#.to_string(),
            base("A B"),
        ] {
            out.push(reason(decode_dossier(&text)));
        }
        out.push(reason(decode_index(r#"{"version":0}"#).map(|_| sample())));
        let me = Dossier::new("me", "Moi", NOW);
        out.push(reason(rebase(
            Some(&base("you")),
            &me,
            &Change::Rename("x".into()),
            NOW,
        )));
        out.push(LoadError::Corrupt(out[0].clone()).notice());
        out.push(LoadError::TooNew(2).notice());
        // While running: an unreadable dossier where this tab writes.
        let why = StorageNotice::new(NOT_OBJECT, Vec::new());
        let key = "repere.default.dossier.me";
        let (aside, _) = set_aside_before_write("default", key, "[", &why, Some("Moi"), |_| None);
        out.push(aside.notice);

        let mut all = Vec::new();
        while let Some(n) = out.pop() {
            out.extend(n.detail.as_deref().cloned());
            all.push(n);
        }
        all
    }

    #[test]
    fn every_notice_has_a_template_in_both_languages() {
        use crate::core::i18n::{fill, parse_locale, EN_SOURCE, FR_SOURCE};
        let fr = parse_locale(FR_SOURCE).unwrap();
        let en = parse_locale(EN_SOURCE).unwrap();
        assert_eq!(
            notice::ALL.iter().collect::<HashSet<_>>().len(),
            notice::ALL.len()
        );
        for code in notice::ALL {
            let (Some(f), Some(e)) = (fr.get(code), en.get(code)) else {
                panic!("{code} lacks a template in fr.json or en.json");
            };
            // Same placeholders: an English text must not need a value the French one lacks.
            assert_eq!(placeholders(f), placeholders(e), "{code}");
            let sample: Vec<(&str, &str)> = placeholders(f).into_iter().map(|p| (p, "x")).collect();
            for text in [fill(f, &sample), fill(e, &sample)] {
                assert!(placeholders(&text).is_empty(), "{code}: {text}");
            }
        }
    }

    #[test]
    fn real_notices_fill_every_placeholder() {
        use crate::core::i18n::{parse_locale, EN_SOURCE, FR_SOURCE};
        let fr = parse_locale(FR_SOURCE).unwrap();
        let en = parse_locale(EN_SOURCE).unwrap();
        let all = every_notice();
        let seen: HashSet<&str> = all.iter().map(|n| n.code).collect();
        let missing: Vec<&str> = notice::ALL
            .iter()
            .copied()
            .filter(|c| !seen.contains(c))
            .collect();
        assert!(missing.is_empty(), "no notice produced for {missing:?}");
        for n in &all {
            let mut given: BTreeSet<&str> = n.args.iter().map(|(name, _)| *name).collect();
            if n.detail.is_some() {
                given.insert("detail");
            }
            for (lang, locale) in [(Lang::Fr, &fr), (Lang::En, &en)] {
                assert_eq!(placeholders(&locale[n.code]), given, "{lang:?} {n:?}");
                let text = n.render(lang);
                assert!(!text.is_empty() && placeholders(&text).is_empty(), "{text}");
            }
            assert_ne!(n.render(Lang::Fr), n.render(Lang::En), "{n:?}");
        }
    }

    #[test]
    fn french_notices_read_as_before() {
        let all = every_notice();
        let french = |code: &str| -> Vec<String> {
            let mut v: Vec<String> = all
                .iter()
                .filter(|n| n.code == code)
                .map(StorageNotice::french)
                .collect();
            v.sort();
            v
        };
        let one = |code: &str| -> String {
            let v = french(code);
            assert_eq!(v.len(), 1, "{code}: {v:?}");
            v[0].clone()
        };
        assert_eq!(one(notice::ASIDE_INDEX), "La liste des dossiers enregistrée était illisible : elle a été mise de côté sous la clé « repere.default.index.corrupt » et reconstruite à partir des dossiers enregistrés.");
        assert_eq!(one(notice::ASIDE_LEGACY), "Les réponses enregistrées par une version précédente de Repère étaient illisibles : elles ont été mises de côté sous la clé « repere.default.answers.corrupt ».");
        // « Autre » comes from the unreadable value itself, « Noé » from the index.
        assert_eq!(
            french(notice::ASIDE_NAMED),
            [
                "Le dossier enregistré « Autre » était illisible : il a été mis de côté sous la clé « repere.default.dossier.mism.corrupt ».",
                "Le dossier enregistré « Noé » était illisible : il a été mis de côté sous la clé « repere.default.dossier.named1.corrupt ».",
            ]
        );
        assert_eq!(french(notice::ASIDE_DOSSIER)[0], "Un dossier enregistré était illisible : il a été mis de côté sous la clé « repere.default.dossier.anon.corrupt ».");
        assert_eq!(one(notice::TOO_NEW_INDEX), "La liste des dossiers a été enregistrée par une version plus récente de Repère (format 2) : elle a été laissée intacte. Rechargez la page pour utiliser la dernière version.");
        assert_eq!(one(notice::TOO_NEW_NAMED), "Le dossier « Futur » a été enregistré par une version plus récente de Repère (format 2) : il a été laissé intact. Rechargez la page pour utiliser la dernière version.");
        assert_eq!(one(notice::TOO_NEW_KEY), "Le dossier enregistré sous la clé « repere.default.dossier.fut2 » a été enregistré par une version plus récente de Repère (format 3) : il a été laissé intact. Rechargez la page pour utiliser la dernière version.");
        assert_eq!(one(notice::ASIDE_REPLACED), "Le dossier enregistré « Moi » était devenu illisible : il a été mis de côté sous la clé « repere.default.dossier.me.corrupt » et remplacé par vos réponses de cette page.");
        assert_eq!(one(notice::MIGRATED), "Vos réponses enregistrées par une version précédente de Repère ont été reprises dans le dossier « Mon dossier ».");
        let mut in_dossier = vec![
            "Dossier « Mon dossier » : Réponse ignorée : la compétence pivot « astrologie » n'existe pas (ou plus).".to_string(),
            "Dossier « Sam » : Réponse ignorée : l'élément « vendeur-web/Z.8 » n'existe pas (ou plus) dans les référentiels (la preuve notée est ignorée avec elle).".to_string(),
            "Dossier « Sam » : Réponse ignorée : l'élément « vendeur-web/Z.9 » n'existe pas (ou plus) dans les référentiels.".to_string(),
            "Dossier « Sam » : Réponse ignorée : la compétence pivot « astrologie » n'existe pas (ou plus).".to_string(),
            "Dossier « Sam » : Réponse ignorée pour la compétence pivot « veille » : le niveau 5 n'est pas sur l'échelle 0–4.".to_string(),
            format!("Dossier « Sam » : Réponse ignorée pour « {GENERIC_ITEM} » : le niveau 5 n'est pas sur l'échelle 0–4 (la preuve notée est ignorée avec elle)."),
            format!("Dossier « Sam » : Réponse ignorée pour « {ECF_ITEM} » : le niveau 6 n'est pas sur l'échelle 0–5."),
        ];
        in_dossier.sort();
        assert_eq!(french(notice::IN_DOSSIER), in_dossier);
        assert_eq!(one(notice::INDEX_ENTRY_REMOVED), "Le dossier « Parti » figurait dans la liste mais n'était plus enregistré : il a été retiré de la liste.");
        assert_eq!(
            one(notice::INDEX_ENTRY_ADDED),
            "Le dossier « Sam » manquait dans la liste des dossiers : il y a été rajouté."
        );
        assert_eq!(one(notice::NOT_OBJECT), "la valeur n'est pas un objet JSON");
        assert_eq!(one(notice::VERSION_MISSING), "champ « version » absent");
        assert_eq!(
            one(notice::VERSION_INVALID),
            "champ « version » invalide : \"1\""
        );
        assert_eq!(
            one(notice::UNKNOWN_DOSSIER_VERSION),
            "version 0 inconnue pour un dossier"
        );
        assert_eq!(
            one(notice::UNKNOWN_INDEX_VERSION),
            "version 0 inconnue pour la liste des dossiers"
        );
        assert_eq!(one(notice::INVALID_ID), "identifiant invalide : « A B »");
        assert_eq!(
            one(notice::ID_MISMATCH),
            "le dossier enregistré porte l'identifiant « you » au lieu de « me »"
        );
        assert_eq!(
            one(notice::ID_NOT_KEY),
            "l'identifiant « other » ne correspond pas à la clé"
        );
        assert_eq!(
            one(notice::TOO_NEW),
            "valeur au format 2, plus récent que celui de cette version de Repère (format 1)"
        );
        assert_eq!(
            LoadError::Corrupt(StorageNotice::new(notice::VERSION_MISSING, Vec::new())).to_string(),
            "valeur illisible (champ « version » absent)"
        );
        // serde_json's own (English) text is kept as it is, after the French lead-in.
        assert!(french(notice::INVALID_JSON)
            .iter()
            .all(|t| t.starts_with("JSON invalide : ") && t.contains("line 1")));
        assert!(french(notice::INVALID_CONTENT)
            .iter()
            .all(|t| t.starts_with("contenu invalide : ")));
    }

    #[test]
    fn a_dossier_name_is_shown_as_written() {
        let e = entries(&[("repere.default.dossier.x", r#"{"name":"{key} {detail}"}"#)]);
        let s = plan_startup("default", &e, NOW, "n");
        assert_eq!(
            s.set_aside[0].notice.render(Lang::En),
            "The saved dossier “{key} {detail}” could not be read: it was set aside under the key “repere.default.dossier.x.corrupt”."
        );
    }
}
