//! The checks of a dossier's fields and answers, once the file is known to be an export:
//! informational fields, dates, pivot skills and items against the catalog, levels against their
//! scale, evidence notes. What cannot be kept is skipped with one warning each.

use super::code;
use super::json::{self, Node, Value};
use super::problem::{fr_int, quote, ImportProblem, Warnings};
use crate::core::answers::{split_full_id, ItemAnswer, ECF_MAX, GENERIC_MAX};
use crate::core::catalog::Catalog;
use crate::core::dossier::{is_brought_item, pivot_known, BROUGHT_MAX, MAX_EVIDENCE_CHARS};
use crate::core::model::Scale;
use std::collections::BTreeMap;

/// What a JSON value is, for messages: « un texte », « un nombre »…
pub(super) fn kind_fr(v: &Value) -> &'static str {
    match v {
        Value::Null => "la valeur null",
        Value::Bool(_) => "un booléen (true/false)",
        Value::Number(_) => "un nombre",
        Value::String(_) => "un texte",
        Value::Array(_) => "une liste [ … ]",
        Value::Object(_) => "un objet { … }",
    }
}

pub(super) fn kind_code(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "boolean",
        Value::Number(_) => "number",
        Value::String(_) => "string",
        Value::Array(_) => "array",
        Value::Object(_) => "object",
    }
}

/// A level written as a JSON number, if it is a whole number in `0..=max` (`3.0` counts as 3).
fn level_of(raw: &str, max: u8) -> Option<u8> {
    let f: f64 = raw.parse().ok()?;
    (f.is_finite() && f.fract() == 0.0 && (0.0..=f64::from(max)).contains(&f)).then_some(f as u8)
}

/// `YYYY-MM-DD`, optionally followed by a time; at most 40 characters of `[0-9T:.Z+-]`.
pub(super) fn plausible_date(s: &str) -> bool {
    let b = s.as_bytes();
    s.len() >= 10
        && s.len() <= 40
        && b[..4].iter().all(u8::is_ascii_digit)
        && b[4] == b'-'
        && b[5..7].iter().all(u8::is_ascii_digit)
        && b[7] == b'-'
        && b[8..10].iter().all(u8::is_ascii_digit)
        && b[10..]
            .iter()
            .all(|c| c.is_ascii_digit() || b"T:.Z+-".contains(c))
}

pub(super) struct Check<'a> {
    pub(super) warnings: Warnings,
    /// The referentials this browser knows: the five and those a trainer brought (SPEC §13).
    pub(super) catalog: &'a Catalog,
    /// Answers kept for referentials this browser does not have: referential id → how many.
    pub(super) missing: BTreeMap<String, usize>,
}

/// What an answer's item is to this browser.
enum Known {
    /// A rated item of a referential it has: the highest level of its scale.
    Rated(u8),
    /// An item of a referential it has that is not rated (a result, shown only).
    Unrated,
    /// An item of a referential it does not have (not bundled): kept, waiting for it.
    Missing(String),
    Unknown,
}

fn known(catalog: &Catalog, full_id: &str) -> Known {
    let Some((r, i)) = split_full_id(full_id) else {
        return Known::Unknown;
    };
    match catalog.referential(r) {
        Some(referential) => match referential.item(i) {
            Some(item) if item.rated => Known::Rated(match referential.scale {
                Scale::Ecf => ECF_MAX,
                Scale::Generic => GENERIC_MAX,
            }),
            Some(_) => Known::Unrated,
            None => Known::Unknown,
        },
        None if is_brought_item(full_id) => Known::Missing(r.to_string()),
        None => Known::Unknown,
    }
}

impl Check<'_> {
    pub(super) fn unknown_field(&mut self, key: &str, within: &str) {
        let key = quote(key);
        let inside = match within {
            "" => " du fichier".to_string(),
            w => format!(" de « {w} »"),
        };
        self.warnings.push(ImportProblem::new(
            code::UNKNOWN_FIELD,
            vec![
                ("key", key),
                ("path", within.to_string()),
                ("inside_fr", inside),
            ],
        ));
    }

    /// An optional informational string (`app_version`, `exported_at`).
    pub(super) fn info_string(
        &mut self,
        node: Option<&Node>,
        field: &'static str,
    ) -> Option<String> {
        match node.map(|n| &n.value) {
            None => None,
            Some(Value::String(s)) => Some(s.chars().take(64).collect()),
            Some(other) => {
                self.warnings.push(ImportProblem::new(
                    code::FIELD_IGNORED,
                    vec![
                        ("field", field.to_string()),
                        ("found", kind_code(other).to_string()),
                        ("found_fr", kind_fr(other).to_string()),
                    ],
                ));
                None
            }
        }
    }

    pub(super) fn date(
        &mut self,
        node: Option<&Node>,
        field: &'static str,
        what: &str,
    ) -> Option<String> {
        let found = match node.map(|n| &n.value) {
            Some(Value::String(s)) if plausible_date(s) => return Some(s.clone()),
            None => "absente".to_string(),
            Some(Value::String(s)) => format!("illisible (« {} »)", quote(s)),
            Some(other) => format!("illisible ({})", kind_fr(other)),
        };
        self.warnings.push(ImportProblem::new(
            code::DATE_INVALID,
            vec![
                ("field", field.to_string()),
                ("what_fr", what.to_string()),
                ("state_fr", found),
            ],
        ));
        None
    }

    fn level_problem(
        &mut self,
        subject: &str,
        id: &str,
        node: &Node,
        max: u8,
        evidence: bool,
    ) -> Option<u8> {
        let lost = if evidence {
            "la réponse et sa preuve notée ont été ignorées"
        } else {
            "la réponse a été ignorée"
        };
        match &node.value {
            Value::Number(raw) => match level_of(raw, max) {
                Some(l) => return Some(l),
                None => {
                    let shown = quote(raw);
                    self.warnings.push(ImportProblem::new(
                        code::LEVEL_OUT_OF_RANGE,
                        vec![
                            ("id", id.to_string()),
                            ("level", shown),
                            ("max", max.to_string()),
                            ("subject_fr", subject.to_string()),
                            ("lost_fr", lost.to_string()),
                        ],
                    ));
                }
            },
            other => {
                let detail = match other {
                    Value::String(s) => format!("un texte, « {} »", quote(s)),
                    other => kind_fr(other).to_string(),
                };
                self.warnings.push(ImportProblem::new(
                    code::LEVEL_WRONG_TYPE,
                    vec![
                        ("id", id.to_string()),
                        ("found", kind_code(other).to_string()),
                        ("found_fr", detail),
                        ("subject_fr", subject.to_string()),
                        ("lost_fr", lost.to_string()),
                    ],
                ));
            }
        }
        None
    }

    pub(super) fn quick(&mut self, members: &[json::Member]) -> BTreeMap<String, u8> {
        let mut quick = BTreeMap::new();
        for m in members {
            let id = quote(&m.key);
            if !pivot_known(&m.key) {
                self.warnings
                    .push(ImportProblem::new(code::UNKNOWN_PIVOT, vec![("id", id)]));
                continue;
            }
            let subject = format!("la compétence « {id} » du diagnostic rapide");
            if let Some(l) = self.level_problem(&subject, &id, &m.node, GENERIC_MAX, false) {
                quick.insert(m.key.clone(), l);
            }
        }
        quick
    }

    pub(super) fn items(&mut self, members: &[json::Member]) -> BTreeMap<String, ItemAnswer> {
        let mut items = BTreeMap::new();
        for m in members {
            let id = quote(&m.key);
            let fields = match &m.node.value {
                Value::Object(fields) => Some(fields.as_slice()),
                _ => None,
            };
            let has_evidence = fields.is_some_and(|f| {
                f.iter().any(|m| {
                    m.key == "evidence"
                        && matches!(&m.node.value, Value::String(s) if !s.trim().is_empty())
                })
            });
            let note = if has_evidence {
                " (avec sa preuve notée)"
            } else {
                ""
            };
            let (max, missing) = match known(self.catalog, &m.key) {
                Known::Rated(max) => (max, None),
                Known::Missing(r) => (BROUGHT_MAX, Some(r)),
                unknown => {
                    let code = match unknown {
                        Known::Unrated => code::UNRATED_ITEM,
                        _ => code::UNKNOWN_ITEM,
                    };
                    self.warnings.push(ImportProblem::new(
                        code,
                        vec![("id", id), ("note_fr", note.to_string())],
                    ));
                    continue;
                }
            };
            let subject = format!("« {id} »");
            let Some(fields) = fields else {
                self.warnings.push(ImportProblem::new(
                    code::ANSWER_WRONG_TYPE,
                    vec![
                        ("id", id),
                        ("found", kind_code(&m.node.value).to_string()),
                        ("found_fr", kind_fr(&m.node.value).to_string()),
                    ],
                ));
                continue;
            };
            let mut level_node = None;
            let mut evidence = String::new();
            for f in fields {
                match f.key.as_str() {
                    "level" => level_node = Some(&f.node),
                    "evidence" => match &f.node.value {
                        Value::String(s) => {
                            let count = s.chars().count();
                            if count > MAX_EVIDENCE_CHARS {
                                evidence = s.chars().take(MAX_EVIDENCE_CHARS).collect();
                                self.warnings.push(ImportProblem::new(
                                    code::EVIDENCE_TRUNCATED,
                                    vec![
                                        ("id", id.clone()),
                                        ("count", count.to_string()),
                                        ("max", MAX_EVIDENCE_CHARS.to_string()),
                                        ("count_fr", fr_int(count as u64)),
                                        ("max_fr", fr_int(MAX_EVIDENCE_CHARS as u64)),
                                    ],
                                ));
                            } else {
                                evidence = s.clone();
                            }
                        }
                        Value::Null => {}
                        other => self.warnings.push(ImportProblem::new(
                            code::EVIDENCE_WRONG_TYPE,
                            vec![
                                ("id", id.clone()),
                                ("found", kind_code(other).to_string()),
                                ("found_fr", kind_fr(other).to_string()),
                            ],
                        )),
                    },
                    other => self.unknown_field(other, &format!("dossier.items.{}", m.key)),
                }
            }
            let Some(level_node) = level_node else {
                self.warnings.push(ImportProblem::new(
                    code::LEVEL_MISSING,
                    vec![("id", id), ("note_fr", note.to_string())],
                ));
                continue;
            };
            if let Some(level) = self.level_problem(&subject, &id, level_node, max, has_evidence) {
                items.insert(m.key.clone(), ItemAnswer { level, evidence });
                if let Some(r) = missing {
                    *self.missing.entry(r).or_default() += 1;
                }
            }
        }
        // One word per referential this browser lacks, not one per answer: the answers are kept.
        for (r, count) in &self.missing {
            self.warnings.push(ImportProblem::new(
                code::REFERENTIAL_MISSING,
                vec![("id", r.clone()), ("count", count.to_string())],
            ));
        }
        items
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::answers::ItemAnswer;
    use crate::core::dossier::{valid_id, DEFAULT_NAME, MAX_EVIDENCE_CHARS, MAX_NAME_CHARS};
    use crate::core::exchange::test_support::*;
    use crate::core::exchange::*;
    use std::collections::BTreeMap;

    #[test]
    fn wrong_answer_types_are_skipped_with_a_warning() {
        let i = ok(with_answers(
            r#"{"veille":"3","communication":null,"referencement":[2],"prospection":2}"#,
            &format!(
                r#"{{"{GENERIC_ITEM}":{{"level":"3","evidence":"preuve"}},"{ECF_ITEM}":4,"charge-ecommerce/AC1.1":{{"evidence":"x"}},"charge-ecommerce/AC1.2":{{"level":2,"evidence":12}},"charge-ecommerce/AC1.3":{{"level":1,"note":"?"}}}}"#
            ),
        ));
        assert_eq!(
            i.dossier.answers.quick,
            BTreeMap::from([("prospection".into(), 2)])
        );
        assert_eq!(
            i.dossier.answers.items,
            BTreeMap::from([
                (
                    "charge-ecommerce/AC1.2".into(),
                    ItemAnswer {
                        level: 2,
                        evidence: String::new()
                    }
                ),
                (
                    "charge-ecommerce/AC1.3".into(),
                    ItemAnswer {
                        level: 1,
                        evidence: String::new()
                    }
                ),
            ])
        );
        let messages: Vec<String> = i.warnings.iter().map(|w| w.message_fr()).collect();
        assert_eq!(
            messages,
            vec![
                "Le niveau indiqué pour la compétence « veille » du diagnostic rapide n'est pas un nombre (c'est un texte, « 3 ») : la réponse a été ignorée.",
                "Le niveau indiqué pour la compétence « communication » du diagnostic rapide n'est pas un nombre (c'est la valeur null) : la réponse a été ignorée.",
                "Le niveau indiqué pour la compétence « referencement » du diagnostic rapide n'est pas un nombre (c'est une liste [ … ]) : la réponse a été ignorée.",
                "Le niveau indiqué pour « charge-developpement-commercial/C2.1.3 » n'est pas un nombre (c'est un texte, « 3 ») : la réponse et sa preuve notée ont été ignorées.",
                "La réponse à « vendeur-web/A.7 » est mal écrite (un nombre au lieu d'un objet { \"level\": …, \"evidence\": … }) : elle a été ignorée.",
                "La réponse à « charge-ecommerce/AC1.1 » n'indique pas de niveau : elle a été ignorée (avec sa preuve notée).",
                "La preuve notée pour « charge-ecommerce/AC1.2 » n'est pas un texte (c'est un nombre) : elle a été ignorée, le niveau est conservé.",
                "Le champ « note » de « dossier.items.charge-ecommerce/AC1.3 » n'est pas connu de Repère : il a été ignoré.",
            ]
        );
        assert_eq!(
            codes(&i.warnings),
            vec![
                code::LEVEL_WRONG_TYPE,
                code::LEVEL_WRONG_TYPE,
                code::LEVEL_WRONG_TYPE,
                code::LEVEL_WRONG_TYPE,
                code::ANSWER_WRONG_TYPE,
                code::LEVEL_MISSING,
                code::EVIDENCE_WRONG_TYPE,
                code::UNKNOWN_FIELD,
            ]
        );
        assert_eq!(i.warnings[0].arg("id"), Some("veille"));
    }

    #[test]
    fn huge_and_out_of_range_levels_are_reported_per_id() {
        let i = ok(with_answers(
            r#"{"veille":1e308,"communication":18446744073709551616,"prospection":5,"referencement":-1,"reseaux-sociaux":2.5,"gestion-projet":1e400,"site-marchand":4.0,"contenus-web":0}"#,
            &format!(
                r#"{{"{GENERIC_ITEM}":{{"level":5}},"{ECF_ITEM}":{{"level":5}},"vendeur-web/D.5":{{"level":6,"evidence":"note"}},"charge-ecommerce/AC1.1":{{"level":99999999999999999999999999999999999999999999}}}}"#
            ),
        ));
        assert_eq!(
            i.dossier.answers.quick,
            BTreeMap::from([("site-marchand".into(), 4), ("contenus-web".into(), 0)])
        );
        assert_eq!(
            i.dossier.answers.items.keys().collect::<Vec<_>>(),
            vec![ECF_ITEM]
        );
        let messages: Vec<String> = i.warnings.iter().map(|w| w.message_fr()).collect();
        assert_eq!(
            messages,
            vec![
                "Le niveau 1e308 indiqué pour la compétence « veille » du diagnostic rapide n'est pas un niveau entier de 0 à 4 : la réponse a été ignorée.",
                "Le niveau 18446744073709551616 indiqué pour la compétence « communication » du diagnostic rapide n'est pas un niveau entier de 0 à 4 : la réponse a été ignorée.",
                "Le niveau 5 indiqué pour la compétence « prospection » du diagnostic rapide n'est pas un niveau entier de 0 à 4 : la réponse a été ignorée.",
                "Le niveau -1 indiqué pour la compétence « referencement » du diagnostic rapide n'est pas un niveau entier de 0 à 4 : la réponse a été ignorée.",
                "Le niveau 2.5 indiqué pour la compétence « reseaux-sociaux » du diagnostic rapide n'est pas un niveau entier de 0 à 4 : la réponse a été ignorée.",
                "Le niveau 1e400 indiqué pour la compétence « gestion-projet » du diagnostic rapide n'est pas un niveau entier de 0 à 4 : la réponse a été ignorée.",
                "Le niveau 5 indiqué pour « charge-developpement-commercial/C2.1.3 » n'est pas un niveau entier de 0 à 4 : la réponse a été ignorée.",
                "Le niveau 6 indiqué pour « vendeur-web/D.5 » n'est pas un niveau entier de 0 à 5 : la réponse et sa preuve notée ont été ignorées.",
                "Le niveau 9999999999999999999999999999999999999999… indiqué pour « charge-ecommerce/AC1.1 » n'est pas un niveau entier de 0 à 4 : la réponse a été ignorée.",
            ]
        );
        assert!(i
            .warnings
            .iter()
            .all(|w| w.code == code::LEVEL_OUT_OF_RANGE));
        assert_eq!(i.warnings[7].arg("max"), Some("5"));
    }

    #[test]
    fn unknown_ids_are_named_and_skipped() {
        let i = ok(with_answers(
            r#"{"veille":2,"inconnue":3,"":1}"#,
            r#"{"vendeur-web/Z.9":{"level":1},"nope":{"level":1},"chef-projet-ecommerce/D1.R1":{"level":2,"evidence":"livré"},"autre-ref/A.1":{"level":9,"evidence":"x"},"vendeur-web/A.7":{"level":2}}"#,
        ));
        assert_eq!(i.dossier.answers.quick.len(), 1);
        assert_eq!(i.dossier.answers.items.len(), 1);
        let messages: Vec<String> = i.warnings.iter().map(|w| w.message_fr()).collect();
        assert_eq!(
            messages,
            vec![
                "La compétence « inconnue » du diagnostic rapide n'existe pas dans Repère : elle a été ignorée.",
                "La compétence «  » du diagnostic rapide n'existe pas dans Repère : elle a été ignorée.",
                "L'élément « vendeur-web/Z.9 » n'existe pas dans Repère : il a été ignoré.",
                "L'élément « nope » n'existe pas dans Repère : il a été ignoré.",
                "L'élément « chef-projet-ecommerce/D1.R1 » ne se note pas dans Repère (il est seulement affiché) : il a été ignoré (avec sa preuve notée).",
                "Le niveau 9 indiqué pour « autre-ref/A.1 » n'est pas un niveau entier de 0 à 5 : la réponse et sa preuve notée ont été ignorées.",
            ]
        );
        assert_eq!(
            codes(&i.warnings),
            vec![
                code::UNKNOWN_PIVOT,
                code::UNKNOWN_PIVOT,
                code::UNKNOWN_ITEM,
                code::UNKNOWN_ITEM,
                code::UNRATED_ITEM,
                code::LEVEL_OUT_OF_RANGE
            ]
        );
        // An item of a referential this browser lacks is kept when its level fits the widest
        // scale (SPEC §13), not at 9.
        assert_eq!(i.warnings[2].arg("id"), Some("vendeur-web/Z.9"));
    }

    #[test]
    fn many_problems_are_capped() {
        let items: Vec<String> = (0..10_000)
            .map(|n| format!(r#""vendeur-web/X{n}":{{"level":1}}"#))
            .collect();
        let i = ok(with_answers("{}", &format!("{{{}}}", items.join(","))));
        assert_eq!(i.warnings.len(), MAX_LISTED_PROBLEMS + 1);
        let last = i.warnings.last().unwrap();
        assert_eq!(last.code, code::MORE_PROBLEMS);
        assert_eq!(
            last.message_fr(),
            "… et 9\u{a0}950 autres problèmes du même genre."
        );
    }

    #[test]
    fn long_evidence_is_truncated_with_a_warning() {
        let long = "é".repeat(MAX_EVIDENCE_CHARS + 500);
        let i = ok(with_answers(
            "{}",
            &format!(r#"{{"{GENERIC_ITEM}":{{"level":2,"evidence":"{long}"}}}}"#),
        ));
        assert_eq!(
            i.dossier.answers.items[GENERIC_ITEM]
                .evidence
                .chars()
                .count(),
            MAX_EVIDENCE_CHARS
        );
        assert_eq!(codes(&i.warnings), vec![code::EVIDENCE_TRUNCATED]);
        assert_eq!(
            i.warnings[0].message_fr(),
            "La preuve notée pour « charge-developpement-commercial/C2.1.3 » compte 2\u{a0}500 caractères, au-delà de la limite de 2\u{a0}000 : elle a été coupée à 2\u{a0}000 caractères."
        );
    }

    #[test]
    fn names_ids_and_dates_are_repaired() {
        let i = ok(file(
            r#"{"id":"Mon Dossier!","name":"  Camille \n\t Martin  ","created_at":"hier","updated_at":"2026-11-20T10:00:00Z"}"#,
        ));
        assert_eq!(i.dossier.id, "mondossier");
        assert!(valid_id(&i.dossier.id));
        assert_eq!(i.dossier.name, "Camille Martin");
        assert_eq!(i.dossier.created_at, "2026-11-20T10:00:00Z");
        assert_eq!(i.dossier.updated_at, "2026-11-20T10:00:00Z");
        assert_eq!(
            codes(&i.warnings),
            vec![code::ID_REPLACED, code::DATE_INVALID]
        );
        assert_eq!(
            i.warnings[0].message_fr(),
            "L'identifiant interne du dossier est absent ou invalide : le dossier a reçu l'identifiant « mondossier »."
        );
        assert_eq!(
            i.warnings[1].message_fr(),
            "La date de création du dossier est illisible (« hier ») : une autre date du fichier a été reprise à la place."
        );

        let i = ok(file(r#"{"name":42}"#));
        assert_eq!(i.dossier.id, "dossier");
        assert_eq!(i.dossier.name, DEFAULT_NAME);
        assert_eq!(
            (i.dossier.created_at.as_str(), i.dossier.updated_at.as_str()),
            (NOW, NOW)
        );
        assert_eq!(
            codes(&i.warnings),
            vec![
                code::ID_REPLACED,
                code::NAME_MISSING,
                code::DATE_INVALID,
                code::DATE_INVALID
            ]
        );
        assert_eq!(
            i.warnings[1].message_fr(),
            "Le dossier a un nom illisible (un nombre) : il s'appellera « Mon dossier »."
        );
        assert_eq!(
            i.warnings[2].message_fr(),
            "La date de création du dossier est absente : une autre date du fichier a été reprise à la place."
        );
        // A long name is cut like any name.
        let i = ok(file(&format!(
            r#"{{"id":"a","name":"{}"}}"#,
            "n".repeat(200)
        )));
        assert_eq!(i.dossier.name.chars().count(), MAX_NAME_CHARS);
    }

    #[test]
    fn unknown_and_informational_fields() {
        let text = r#"{"format":"repere.dossier","version":1,"app_version":7,"extra":true,"dossier":{"id":"a","name":"A","created_at":"2026-01-01","updated_at":"2026-01-02","revision":9}}"#;
        let i = ok(text);
        assert_eq!(i.app_version, None);
        assert_eq!(i.exported_at, None);
        assert_eq!(
            codes(&i.warnings),
            vec![
                code::UNKNOWN_FIELD,
                code::FIELD_IGNORED,
                code::UNKNOWN_FIELD
            ]
        );
        assert_eq!(
            i.warnings[0].message_fr(),
            "Le champ « extra » du fichier n'est pas connu de Repère : il a été ignoré."
        );
        assert_eq!(
            i.warnings[1].message_fr(),
            "Le champ « app_version » devrait être un texte, c'est un nombre : il a été ignoré."
        );
        assert_eq!(
            i.warnings[2].message_fr(),
            "Le champ « revision » de « dossier » n'est pas connu de Repère : il a été ignoré."
        );
        assert_eq!(i.dossier.revision, 0);
    }

    /// SPEC §13: answers to a referential this browser lacks are kept, with one warning per
    /// referential; once it is here, they are checked against it like the five's.
    #[test]
    fn answers_to_brought_referentials_wait_for_them() {
        let text = with_answers(
            "{}",
            r#"{"rncp38812/RNCP38812BC01.1":{"level":3,"evidence":"preuve"},
                "rncp38812/RNCP38812BC02.1":{"level":5},"rncp38812/RNCP38812BC09.9":{"level":1},
                "rncp38812/RNCP38812BC01.2":{"level":6},"autre-titre/B1.C1":{"level":0}}"#,
        );
        let i = ok(&text);
        assert_eq!(
            i.dossier.answers.items.keys().collect::<Vec<_>>(),
            [
                "autre-titre/B1.C1",
                "rncp38812/RNCP38812BC01.1",
                "rncp38812/RNCP38812BC02.1",
                "rncp38812/RNCP38812BC09.9"
            ]
        );
        assert_eq!(
            i.dossier.answers.items["rncp38812/RNCP38812BC01.1"].evidence,
            "preuve"
        );
        assert_eq!(
            i.missing_referentials,
            BTreeMap::from([("autre-titre".into(), 1), ("rncp38812".into(), 3)])
        );
        let warned: Vec<(&str, Option<&str>)> =
            i.warnings.iter().map(|w| (w.code, w.arg("id"))).collect();
        assert_eq!(
            warned,
            [
                (code::LEVEL_OUT_OF_RANGE, Some("rncp38812/RNCP38812BC01.2")),
                (code::REFERENTIAL_MISSING, Some("autre-titre")),
                (code::REFERENTIAL_MISSING, Some("rncp38812")),
            ]
        );
        assert!(i.warnings[2]
            .message_fr()
            .contains("Importez d'abord le fichier du référentiel"));

        // With the referential brought into this browser: its scale and items apply.
        let b = crate::core::custom::test_support::fixture_brought();
        let cat = crate::core::catalog::catalog().with_brought([b.referential]);
        let i = import_dossier_in(text.as_bytes(), &cat).unwrap();
        assert_eq!(
            i.dossier.answers.items.keys().collect::<Vec<_>>(),
            ["autre-titre/B1.C1", "rncp38812/RNCP38812BC01.1"]
        );
        let warned: Vec<(&str, Option<&str>)> =
            i.warnings.iter().map(|w| (w.code, w.arg("id"))).collect();
        assert_eq!(
            warned,
            [
                (code::LEVEL_OUT_OF_RANGE, Some("rncp38812/RNCP38812BC02.1")),
                (code::UNKNOWN_ITEM, Some("rncp38812/RNCP38812BC09.9")),
                (code::LEVEL_OUT_OF_RANGE, Some("rncp38812/RNCP38812BC01.2")),
                (code::REFERENTIAL_MISSING, Some("autre-titre")),
            ]
        );
    }
}
