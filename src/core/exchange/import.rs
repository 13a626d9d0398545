//! The import checks (SPEC §7): size, encoding and syntax, duplicate keys, format and version,
//! then the dossier's fields and answers ([`super::check`]), every problem in plain French.

use super::check::{kind_code, kind_fr, plausible_date, Check};
use super::json::{self, Node, Value};
use super::problem::{fr_mib, quote, ImportFailure, ImportProblem, Imported, Warnings};
use super::syntax::{decode_text, pos_args, syntax_problem};
use super::{code, FORMAT, FORMAT_VERSION, MAX_IMPORT_BYTES, MAX_LISTED_PROBLEMS};
use crate::core::answers::Answers;
use crate::core::catalog::Catalog;
use crate::core::dossier::{normalize_name, valid_id, Dossier};
use std::collections::HashMap;

/// Refuses a file larger than [`MAX_IMPORT_BYTES`]; the shell may call it with the size the
/// browser reports, before reading the file at all.
pub fn check_size(len: u64) -> Result<(), ImportFailure> {
    if len > MAX_IMPORT_BYTES as u64 {
        let size = fr_mib(len);
        return Err(ImportFailure::one(ImportProblem::new(
            code::TOO_LARGE,
            vec![("size", size), ("bytes", len.to_string())],
        )));
    }
    Ok(())
}

/// Every key repeated in an object, anywhere in the tree. Iterative, and the path of a node is
/// only spelled out for a duplicate, so memory stays proportional to the depth.
fn duplicate_keys(root: &Node, out: &mut Warnings) {
    enum Seg<'a> {
        Key(&'a str),
        Index(usize),
    }
    fn spell(path: &[Seg<'_>]) -> String {
        let mut s = String::new();
        for seg in path {
            match seg {
                Seg::Key(k) if s.is_empty() => s.push_str(k),
                Seg::Key(k) => {
                    s.push('.');
                    s.push_str(k);
                }
                Seg::Index(i) => s.push_str(&format!("[{i}]")),
            }
        }
        s
    }
    fn check(node: &Node, path: &[Seg<'_>], out: &mut Warnings) {
        let Value::Object(members) = &node.value else {
            return;
        };
        let mut seen: HashMap<&str, json::Pos> = HashMap::new();
        for m in members {
            let Some(first) = seen.get(m.key.as_str()) else {
                seen.insert(&m.key, m.key_pos);
                continue;
            };
            if out.listed.len() >= MAX_LISTED_PROBLEMS {
                out.more += 1;
                continue;
            }
            let path = spell(path);
            let key = quote(&m.key);
            let inside = if path.is_empty() {
                String::new()
            } else {
                format!(" dans « {} »", quote(&path))
            };
            let mut args = pos_args(m.key_pos);
            args.push(("key", key.clone()));
            args.push(("path", path));
            args.push(("first_line", first.line.to_string()));
            args.push(("first_column", first.column.to_string()));
            args.push(("inside_fr", inside.clone()));
            out.push(ImportProblem::new(code::DUPLICATE_KEY, args));
        }
    }

    let mut path: Vec<Seg<'_>> = Vec::new();
    // Containers being walked, with the index of their next child; `path` leads to the last.
    let mut stack: Vec<(&Node, usize)> = vec![(root, 0)];
    check(root, &path, out);
    while let Some((node, next)) = stack.last_mut() {
        let child = match &node.value {
            Value::Object(members) => members.get(*next).map(|m| (Seg::Key(&m.key), &m.node)),
            Value::Array(items) => items.get(*next).map(|n| (Seg::Index(*next), n)),
            _ => None,
        };
        *next += 1;
        match child {
            Some((seg, child)) => {
                if matches!(child.value, Value::Object(_) | Value::Array(_)) {
                    path.push(seg);
                    check(child, &path, out);
                    stack.push((child, 0));
                }
            }
            None => {
                stack.pop();
                path.pop();
            }
        }
    }
}

/// A whole number, if `raw` is one that fits in a `u64`.
fn whole_number(raw: &str) -> Option<u64> {
    if let Ok(n) = raw.parse::<u64>() {
        return Some(n);
    }
    let f: f64 = raw.parse().ok()?;
    (f.is_finite() && f.fract() == 0.0 && (0.0..=9.0e15).contains(&f)).then_some(f as u64)
}

fn wrong_type(field: &str, expected: &str, found: &Value) -> ImportProblem {
    ImportProblem::new(
        code::WRONG_TYPE,
        vec![
            ("field", field.to_string()),
            ("found", kind_code(found).to_string()),
            ("expected_fr", expected.to_string()),
            ("found_fr", kind_fr(found).to_string()),
        ],
    )
}

/// The members of `dossier.<name>` (none when absent); a problem when it is not an object.
fn section<'a>(
    dossier: &'a Node,
    name: &str,
    structure: &mut Vec<ImportProblem>,
) -> &'a [json::Member] {
    match dossier.get(name).map(|n| &n.value) {
        None => &[],
        Some(Value::Object(members)) => members,
        Some(other) => {
            structure.push(wrong_type(
                &format!("dossier.{name}"),
                "un objet { … }",
                other,
            ));
            &[]
        }
    }
}

/// Reads an export file against the bundled referentials only. See the module documentation for
/// what is checked.
pub fn import_dossier(bytes: &[u8]) -> Result<Imported, ImportFailure> {
    import_dossier_in(bytes, crate::core::catalog::catalog())
}

/// Reads an export file against the referentials of `catalog` (the five and those a trainer
/// brought, SPEC §13). Answers to a referential it lacks (not bundled) are kept, with one warning
/// per referential: « importez d'abord le fichier du référentiel ».
pub fn import_dossier_in(bytes: &[u8], catalog: &Catalog) -> Result<Imported, ImportFailure> {
    check_size(bytes.len() as u64)?;
    let text = decode_text(bytes)?;
    if text.trim().is_empty() {
        return Err(ImportFailure::one(ImportProblem::new(code::EMPTY, vec![])));
    }
    let root = json::parse(text).map_err(|e| ImportFailure::one(syntax_problem(&e, text)))?;

    let Value::Object(top) = &root.value else {
        return Err(ImportFailure::one(ImportProblem::new(
            code::NOT_OBJECT,
            vec![
                ("found", kind_code(&root.value).to_string()),
                ("found_fr", kind_fr(&root.value).to_string()),
            ],
        )));
    };

    // Duplicates make the file ambiguous: refuse rather than guess which value was meant.
    let mut duplicates = Warnings::default();
    duplicate_keys(&root, &mut duplicates);
    if !duplicates.listed.is_empty() {
        return Err(ImportFailure {
            problems: duplicates.finish(),
        });
    }

    // What the file is, before anything else: a newer format may legitimately look wrong to us.
    match root.get("format").map(|n| &n.value) {
        Some(Value::String(f)) if f == FORMAT => {}
        None => {
            return Err(ImportFailure::one(ImportProblem::new(
                code::FORMAT_MISSING,
                vec![],
            )))
        }
        Some(Value::String(f)) => {
            let f = quote(f);
            let hint = if f.starts_with("repere.") {
                " C'est un autre type de fichier de Repère, pas un dossier."
            } else {
                ""
            };
            return Err(ImportFailure::one(ImportProblem::new(
                code::WRONG_FORMAT,
                vec![("format", f), ("hint_fr", hint.to_string())],
            )));
        }
        Some(other) => return Err(ImportFailure::one(wrong_type("format", "un texte", other))),
    }
    match root.get("version").map(|n| &n.value) {
        None => {
            return Err(ImportFailure::one(ImportProblem::new(
                code::VERSION_MISSING,
                vec![],
            )))
        }
        Some(Value::Number(raw)) => match whole_number(raw) {
            Some(FORMAT_VERSION) => {}
            Some(v) if v > FORMAT_VERSION => {
                return Err(ImportFailure::one(ImportProblem::new(
                    code::NEWER_VERSION,
                    vec![("version", v.to_string())],
                )))
            }
            _ => {
                let raw = quote(raw);
                return Err(ImportFailure::one(ImportProblem::new(
                    code::VERSION_INVALID,
                    vec![("version", raw)],
                )));
            }
        },
        Some(other) => {
            return Err(ImportFailure::one(wrong_type(
                "version",
                "un nombre",
                other,
            )))
        }
    }

    let mut check = Check {
        warnings: Warnings::default(),
        catalog,
        missing: Default::default(),
    };
    for m in top {
        if !matches!(
            m.key.as_str(),
            "format" | "version" | "app_version" | "exported_at" | "dossier"
        ) {
            check.unknown_field(&m.key, "");
        }
    }
    let app_version = check.info_string(root.get("app_version"), "app_version");
    let exported_at = check.info_string(root.get("exported_at"), "exported_at");

    let dossier = match root.get("dossier") {
        None => {
            return Err(ImportFailure::one(ImportProblem::new(
                code::DOSSIER_MISSING,
                vec![],
            )))
        }
        Some(n) => n,
    };
    let Value::Object(fields) = &dossier.value else {
        return Err(ImportFailure::one(wrong_type(
            "dossier",
            "un objet { … }",
            &dossier.value,
        )));
    };

    // The sections of answers must have the right shape, or the file is not trusted at all.
    let mut structure = Vec::new();
    let quick_members = section(dossier, "quick", &mut structure);
    let item_members = section(dossier, "items", &mut structure);
    if !structure.is_empty() {
        return Err(ImportFailure {
            problems: structure,
        });
    }

    for m in fields {
        if !matches!(
            m.key.as_str(),
            "id" | "name" | "created_at" | "updated_at" | "quick" | "items"
        ) {
            check.unknown_field(&m.key, "dossier");
        }
    }

    let raw_id = match dossier.get("id").map(|n| &n.value) {
        Some(Value::String(s)) => Some(s.as_str()),
        _ => None,
    };
    let id = match raw_id {
        Some(id) if valid_id(id) => id.to_string(),
        _ => {
            let id = Dossier::new(raw_id.unwrap_or(""), "", "").id;
            check.warnings.push(ImportProblem::new(
                code::ID_REPLACED,
                vec![("id", id.clone())],
            ));
            id
        }
    };
    let name = match dossier.get("name").map(|n| &n.value) {
        Some(Value::String(s)) => normalize_name(s),
        found => {
            let name = normalize_name("");
            let detail = match found {
                None => "n'a pas de nom".to_string(),
                Some(v) => format!("a un nom illisible ({})", kind_fr(v)),
            };
            check.warnings.push(ImportProblem::new(
                code::NAME_MISSING,
                vec![("name", name.clone()), ("detail_fr", detail)],
            ));
            name
        }
    };
    let created = check.date(dossier.get("created_at"), "created_at", "de création");
    let updated = check.date(dossier.get("updated_at"), "updated_at", "de mise à jour");
    let exported = exported_at.clone().filter(|d| plausible_date(d));
    let created_at = created
        .clone()
        .or_else(|| updated.clone())
        .or_else(|| exported.clone())
        .unwrap_or_default();
    let updated_at = updated.or(exported).or(created).unwrap_or_default();

    let quick = check.quick(quick_members);
    let items = check.items(item_members);

    Ok(Imported {
        dossier: Dossier {
            id,
            name,
            created_at,
            updated_at,
            revision: 0,
            answers: Answers { quick, items },
        },
        warnings: check.warnings.finish(),
        missing_referentials: check.missing,
        app_version,
        exported_at,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::dossier;
    use crate::core::exchange::test_support::*;
    use crate::core::exchange::*;
    use proptest::prelude::*;

    #[test]
    fn too_large_is_refused_before_reading() {
        // Not even valid UTF-8: the size is checked first.
        let big = vec![0xFFu8; MAX_IMPORT_BYTES + 400 * 1024];
        let f = fail(&big);
        assert_eq!(codes(&f.problems), vec![code::TOO_LARGE]);
        assert_eq!(
            f.problems[0].message_fr(),
            "Le fichier dépasse 1 Mio (1,4 Mio) : c'est bien plus qu'un dossier de Repère, il n'a pas été lu."
        );
        assert_eq!(f.problems[0].arg("size"), Some("1,4 Mio"));
        // Just over the limit never reads as the limit.
        assert_eq!(
            fail(vec![b' '; MAX_IMPORT_BYTES + 1]).problems[0].arg("size"),
            Some("1,1 Mio")
        );
        assert!(check_size(MAX_IMPORT_BYTES as u64).is_ok());
        assert_eq!(
            check_size(5 * 1024 * 1024 * 1024).unwrap_err().problems[0].arg("size"),
            Some("5\u{a0}120,0 Mio")
        );
        // Exactly 1 MiB is read (here: a valid export padded with spaces).
        let mut exact = export_dossier(&sample(), "0.1.0", NOW).into_bytes();
        exact.resize(MAX_IMPORT_BYTES, b' ');
        assert!(import_dossier(&exact).is_ok());
    }

    #[test]
    fn empty_files() {
        for text in ["", "   \n\t ", "\u{feff}", "\u{feff}  \r\n"] {
            let f = fail(text);
            assert_eq!(codes(&f.problems), vec![code::EMPTY], "{text:?}");
            assert_eq!(
                f.problems[0].message_fr(),
                "Le fichier est vide : il ne contient aucun dossier."
            );
        }
    }

    #[test]
    fn not_an_object() {
        for (text, kind) in [
            ("[]", "une liste [ … ]"),
            ("\"repere.dossier\"", "un texte"),
            ("42", "un nombre"),
            ("null", "la valeur null"),
            ("true", "un booléen (true/false)"),
        ] {
            let f = fail(text);
            assert_eq!(codes(&f.problems), vec![code::NOT_OBJECT]);
            assert_eq!(
                f.problems[0].message_fr(),
                format!("Ce fichier n'est pas un export de Repère : il contient {kind} au lieu d'un objet {{ \"format\": \"repere.dossier\", … }}.")
            );
        }
    }

    #[test]
    fn duplicate_keys_are_refused() {
        let text = "{\"format\":\"repere.dossier\",\"version\":1,\"dossier\":{\"id\":\"a\",\"quick\":{\"veille\":1,\n\"veille\":4}},\"version\":2}";
        let f = fail(text);
        assert_eq!(
            codes(&f.problems),
            vec![code::DUPLICATE_KEY, code::DUPLICATE_KEY]
        );
        assert_eq!(
            f.problems[0].message_fr(),
            "Le champ « version » apparaît deux fois (ligne 1, colonne 28 et ligne 2, colonne 14) : on ne peut pas savoir laquelle des deux valeurs est la bonne."
        );
        assert_eq!(
            f.problems[1].message_fr(),
            "Le champ « veille » apparaît deux fois dans « dossier.quick » (ligne 1, colonne 69 et ligne 2, colonne 1) : on ne peut pas savoir laquelle des deux valeurs est la bonne."
        );
        // Also inside an item and in ignored fields.
        let text = with_answers(
            "{}",
            &format!(r#"{{"{GENERIC_ITEM}":{{"level":1,"level":3}}}}"#),
        );
        let f = fail(&text);
        assert_eq!(f.code(), code::DUPLICATE_KEY);
        assert_eq!(
            f.problems[0].arg("path"),
            Some(format!("dossier.items.{GENERIC_ITEM}").as_str())
        );
        let text = file(r#"{"id":"a","extra":[{"k":1,"k":2}]}"#);
        assert_eq!(
            fail(&text).problems[0].arg("path"),
            Some("dossier.extra[0]")
        );
    }

    #[test]
    fn pathological_megabyte_inputs_are_handled() {
        let fill = |unit: &str, open: &str, close: &str| {
            let n = (MAX_IMPORT_BYTES - open.len() - close.len()) / unit.len();
            let body = unit.repeat(n);
            format!("{open}{}{close}", body.trim_end_matches(','))
        };
        // Half a million tiny values.
        let f = fail(fill("0,", "[", "]"));
        assert_eq!(f.code(), code::NOT_OBJECT);
        // Tens of thousands of repeated keys: listed up to the cap, the rest counted.
        let f = fail(fill("\"a\":1,", "{", "}"));
        assert_eq!(f.problems.len(), MAX_LISTED_PROBLEMS + 1);
        assert_eq!(f.problems[0].code, code::DUPLICATE_KEY);
        assert_eq!(f.problems.last().unwrap().code, code::MORE_PROBLEMS);
        // Tens of thousands of unknown items under a known referential.
        let head = with_answers("{}", "{");
        let head = &head[..head.len() - 2];
        let mut n = 0;
        let mut body = String::new();
        while head.len() + body.len() + 64 < MAX_IMPORT_BYTES {
            body.push_str(&format!("\"vendeur-web/X{n}\":{{\"level\":1}},"));
            n += 1;
        }
        let text = format!("{head}{}}}}}}}", body.trim_end_matches(','));
        assert!(text.len() <= MAX_IMPORT_BYTES);
        let i = ok(&text);
        assert!(i.dossier.answers.is_empty());
        assert_eq!(i.warnings.len(), MAX_LISTED_PROBLEMS + 1);
        // One huge string and one huge number.
        let f = fail(format!("\"{}\"", "x".repeat(MAX_IMPORT_BYTES - 2)));
        assert_eq!(f.code(), code::NOT_OBJECT);
        let level = "9".repeat(MAX_IMPORT_BYTES - 300);
        let i = ok(with_answers(&format!(r#"{{"veille":{level}}}"#), "{}"));
        assert_eq!(codes(&i.warnings), vec![code::LEVEL_OUT_OF_RANGE]);
        assert!(i.warnings[0].message_fr().len() < 300);
    }

    #[test]
    fn wrong_or_missing_format() {
        let f = fail(r#"{"version":1,"dossier":{}}"#);
        assert_eq!(
            f.problems[0].message_fr(),
            "Ce fichier n'est pas un export de Repère : il n'indique pas son format (champ « format »)."
        );
        let f = fail(r#"{"format":"repere.referential","version":1}"#);
        assert_eq!(codes(&f.problems), vec![code::WRONG_FORMAT]);
        assert_eq!(
            f.problems[0].message_fr(),
            "Ce fichier n'est pas un export de dossier Repère : son format est « repere.referential » au lieu de « repere.dossier ». C'est un autre type de fichier de Repère, pas un dossier."
        );
        let f = fail(r#"{"format":"other","version":1}"#);
        assert_eq!(
            f.problems[0].message_fr(),
            "Ce fichier n'est pas un export de dossier Repère : son format est « other » au lieu de « repere.dossier »."
        );
        let f = fail(r#"{"format":1,"version":1}"#);
        assert_eq!(
            f.problems[0].message_fr(),
            "Le champ « format » devrait être un texte, c'est un nombre : ce fichier n'est pas un export valide de Repère."
        );
        // The stored-dossier format of `dossier.rs` is not an export.
        let stored = dossier::encode_dossier(&sample());
        assert_eq!(fail(&stored).code(), code::FORMAT_MISSING);
    }

    #[test]
    fn versions() {
        let f = fail(r#"{"format":"repere.dossier","version":2,"dossier":"whatever"}"#);
        assert_eq!(codes(&f.problems), vec![code::NEWER_VERSION]);
        assert_eq!(
            f.problems[0].message_fr(),
            "Ce fichier vient d'une version plus récente de Repère (format 2) : rechargez la page pour obtenir la dernière version de Repère, puis importez-le de nouveau."
        );
        for version in ["18446744073709551616", "1e308", "1e400", "-1", "1.5"] {
            let text = format!(r#"{{"format":"repere.dossier","version":{version}}}"#);
            assert_eq!(fail(&text).code(), code::VERSION_INVALID, "{version}");
        }
        let f = fail(r#"{"format":"repere.dossier","version":0}"#);
        assert_eq!(
            f.problems[0].message_fr(),
            "La version du fichier (« 0 ») n'existe pas : ce fichier n'est pas un export valide de Repère."
        );
        assert_eq!(
            fail(r#"{"format":"repere.dossier","version":"1"}"#).problems[0].message_fr(),
            "Le champ « version » devrait être un nombre, c'est un texte : ce fichier n'est pas un export valide de Repère."
        );
        assert_eq!(
            fail(r#"{"format":"repere.dossier"}"#).code(),
            code::VERSION_MISSING
        );
        // 1.0 is version 1.
        let text = file(r#"{"id":"a"}"#).replace("\"version\":1", "\"version\":1.0");
        assert!(import_dossier(text.as_bytes()).is_ok());
    }

    #[test]
    fn structural_wrong_types_are_failures() {
        assert_eq!(
            fail(r#"{"format":"repere.dossier","version":1}"#).problems[0].message_fr(),
            "Ce fichier ne contient pas de dossier (champ « dossier » absent)."
        );
        assert_eq!(
            fail(r#"{"format":"repere.dossier","version":1,"dossier":[]}"#).problems[0]
                .message_fr(),
            "Le champ « dossier » devrait être un objet { … }, c'est une liste [ … ] : ce fichier n'est pas un export valide de Repère."
        );
        let f = fail(with_answers("[]", "3"));
        assert_eq!(codes(&f.problems), vec![code::WRONG_TYPE, code::WRONG_TYPE]);
        assert_eq!(
            f.problems[1].message_fr(),
            "Le champ « dossier.items » devrait être un objet { … }, c'est un nombre : ce fichier n'est pas un export valide de Repère."
        );
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]

        #[test]
        fn import_never_panics(bytes in proptest::collection::vec(any::<u8>(), 0..200)) {
            let _ = import_dossier(&bytes);
        }

        #[test]
        fn import_never_panics_on_soup(text in arb_soup()) {
            let _ = import_dossier(text.as_bytes());
            let _ = import_dossier(file(&text).as_bytes());
            let _ = import_dossier(with_answers(&text, "{}").as_bytes());
        }
    }
}
