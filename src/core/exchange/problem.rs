//! What an import reports: each [`ImportProblem`] is a stable code of [`code`] with the values
//! its locale template needs (`*_fr` values are French renderings the French template uses), so
//! that the UI renders it in either language; [`ImportFailure`] when the file is unusable, the
//! warnings of an [`Imported`] file otherwise, capped at [`MAX_LISTED_PROBLEMS`].

use super::{code, MAX_IMPORT_BYTES, MAX_LISTED_PROBLEMS};
use crate::core::dossier::Dossier;
use crate::core::i18n::Message;
use std::fmt;

/// One problem found in an imported file: an untranslated message whose code is one of
/// [`code`] (the key of its template in `locales/*.json`), with the values its template takes
/// (`id`, `level`, `line`, `column`…; `*_fr` variants are French renderings the French template
/// uses).
pub type ImportProblem = Message;

/// The file cannot be imported; `problems` says why (at least one).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportFailure {
    pub problems: Vec<ImportProblem>,
}

impl ImportFailure {
    pub(crate) fn one(problem: ImportProblem) -> Self {
        ImportFailure {
            problems: vec![problem],
        }
    }

    /// The code of the first problem (the main reason).
    pub fn code(&self) -> &'static str {
        self.problems.first().map_or(code::EMPTY, |p| p.code)
    }
}

impl fmt::Display for ImportFailure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let messages: Vec<String> = self.problems.iter().map(ImportProblem::french).collect();
        f.write_str(&messages.join("\n"))
    }
}

impl std::error::Error for ImportFailure {}

/// A successfully read file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Imported {
    /// The dossier as exported, with revision 0; only valid answers are kept.
    pub dossier: Dossier,
    /// What was skipped or adjusted, in file order (capped, see [`MAX_LISTED_PROBLEMS`]).
    pub warnings: Vec<ImportProblem>,
    /// Referentials the answers name that this browser does not have (SPEC §13), with how many
    /// answers to each were kept: they count once the referential's file is imported.
    pub missing_referentials: std::collections::BTreeMap<String, usize>,
    /// The exporting version of Repère, when the file says it.
    pub app_version: Option<String>,
    /// When the file was exported, when the file says it.
    pub exported_at: Option<String>,
}

/// Collects warnings, listing the first [`MAX_LISTED_PROBLEMS`] and counting the rest.
#[derive(Default)]
pub(crate) struct Warnings {
    pub(crate) listed: Vec<ImportProblem>,
    pub(crate) more: usize,
}

impl Warnings {
    pub(crate) fn push(&mut self, p: ImportProblem) {
        if self.listed.len() < MAX_LISTED_PROBLEMS {
            self.listed.push(p);
        } else {
            self.more += 1;
        }
    }

    pub(crate) fn finish(mut self) -> Vec<ImportProblem> {
        if self.more > 0 {
            let n = self.more;
            self.listed.push(ImportProblem::new(
                code::MORE_PROBLEMS,
                vec![
                    ("count", n.to_string()),
                    ("count_fr", fr_int(n as u64)),
                    ("plural_fr", plural(n).to_string()),
                ],
            ));
        }
        self.listed
    }
}

pub(crate) fn plural(n: usize) -> &'static str {
    if n > 1 {
        "s"
    } else {
        ""
    }
}

/// `1234567` → `1 234 567` (no-break spaces, French style).
pub(crate) fn fr_int(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push('\u{a0}');
        }
        out.push(c);
    }
    out
}

/// A size in MiB with one decimal, French style, rounded up so that anything over the limit
/// never reads as the limit itself: `1,4 Mio`.
pub(crate) fn fr_mib(bytes: u64) -> String {
    let tenths = (u128::from(bytes) * 10).div_ceil(MAX_IMPORT_BYTES as u128);
    format!("{},{} Mio", fr_int((tenths / 10) as u64), tenths % 10)
}

/// A piece of the file quoted in a message: control characters shown as `U+XXXX`, at most
/// 40 characters.
pub(crate) fn quote(text: &str) -> String {
    const MAX: usize = 40;
    let mut out = String::new();
    for (i, c) in text.chars().enumerate() {
        if i == MAX {
            out.push('…');
            break;
        }
        if c.is_control() {
            out.push_str(&format!("U+{:04X}", c as u32));
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::dossier::MAX_EVIDENCE_CHARS;
    use crate::core::exchange::test_support::*;
    use crate::core::exchange::*;
    use crate::core::i18n::placeholders;

    /// Every code of [`code`].
    const ALL_CODES: [&str; 37] = [
        code::TOO_LARGE,
        code::EMPTY,
        code::NOT_UTF8,
        code::UTF16,
        code::NOT_JSON,
        code::TRUNCATED,
        code::JSON_UNEXPECTED,
        code::JSON_CONTROL_CHAR,
        code::JSON_ESCAPE,
        code::JSON_NUMBER,
        code::JSON_TRAILING,
        code::TOO_DEEP,
        code::DUPLICATE_KEY,
        code::NOT_OBJECT,
        code::FORMAT_MISSING,
        code::WRONG_FORMAT,
        code::VERSION_MISSING,
        code::VERSION_INVALID,
        code::NEWER_VERSION,
        code::DOSSIER_MISSING,
        code::WRONG_TYPE,
        code::UNKNOWN_FIELD,
        code::FIELD_IGNORED,
        code::ID_REPLACED,
        code::NAME_MISSING,
        code::DATE_INVALID,
        code::UNKNOWN_PIVOT,
        code::UNKNOWN_ITEM,
        code::UNRATED_ITEM,
        code::REFERENTIAL_MISSING,
        code::ANSWER_WRONG_TYPE,
        code::LEVEL_MISSING,
        code::LEVEL_WRONG_TYPE,
        code::LEVEL_OUT_OF_RANGE,
        code::EVIDENCE_WRONG_TYPE,
        code::EVIDENCE_TRUNCATED,
        code::MORE_PROBLEMS,
    ];

    #[test]
    fn every_message_is_french_and_codes_are_distinct() {
        let all = ALL_CODES;
        let set: std::collections::HashSet<_> = all.iter().collect();
        assert_eq!(set.len(), all.len());
        assert!(all.iter().all(|c| c.starts_with("import.")));
    }

    /// Real problems, from bad inputs: together they cover every code.
    fn every_problem() -> Vec<ImportProblem> {
        let head = r#"{"format":"repere.dossier","version":1"#;
        let long = "é".repeat(MAX_EVIDENCE_CHARS + 1_234);
        let failures: Vec<Vec<u8>> = vec![
            Vec::new(),
            b"  \n ".to_vec(),
            vec![b'{', 0xFF, b'}'],
            b"{\"a\":\n\"\xC3\x28\"}".to_vec(),
            vec![0xFF, 0xFE, b'{', 0],
            b"%PDF-1.4".to_vec(),
            b"{\"a\":".to_vec(),
            b"{\"a\":\"\xC3".to_vec(),
            b"{\"a\" 1}".to_vec(),
            b"{1:2}".to_vec(),
            b"[1 2]".to_vec(),
            b"{\"a\":1 \"b\":2}".to_vec(),
            b"{\"a\":}".to_vec(),
            b"{\"a\":\"x\ny\"}".to_vec(),
            b"{\"a\":\"x\ty\"}".to_vec(),
            b"{\"a\":\"x\x01y\"}".to_vec(),
            b"{\"a\":\"\\q\"}".to_vec(),
            b"{\"a\":\"\\ud800\"}".to_vec(),
            b"{\"a\":01}".to_vec(),
            b"{\"a\":1.}".to_vec(),
            b"{} x".to_vec(),
            b"{}\n\x01".to_vec(),
            format!("{}{}", "[".repeat(40), "]".repeat(40)).into_bytes(),
            br#"{"a":1,"a":2}"#.to_vec(),
            file(r#"{"id":"a","quick":{"veille":1,"veille":2}}"#).into_bytes(),
            b"[1]".to_vec(),
            b"\"texte\"".to_vec(),
            b"null".to_vec(),
            br#"{"version":1}"#.to_vec(),
            br#"{"format":"repere.cohort","version":1}"#.to_vec(),
            br#"{"format":"zip","version":1}"#.to_vec(),
            br#"{"format":7,"version":1}"#.to_vec(),
            br#"{"format":"repere.dossier"}"#.to_vec(),
            br#"{"format":"repere.dossier","version":1.5}"#.to_vec(),
            br#"{"format":"repere.dossier","version":"1"}"#.to_vec(),
            br#"{"format":"repere.dossier","version":99}"#.to_vec(),
            format!("{head}}}").into_bytes(),
            format!(r#"{head},"dossier":[]}}"#).into_bytes(),
            format!(r#"{head},"dossier":{{"quick":[],"items":"x"}}}}"#).into_bytes(),
        ];
        let many: Vec<String> = (0..60)
            .map(|n| format!(r#""vendeur-web/X{n}":{{"level":1}}"#))
            .collect();
        let warned: Vec<String> = vec![
            format!(
                r#"{head},"zz":1,"app_version":5,"exported_at":null,"dossier":{{"name":3,"created_at":"hier","updated_at":false,"extra":1}}}}"#
            ),
            format!(r#"{head},"dossier":{{"id":"!"}}}}"#),
            with_answers(
                r#"{"inconnue":1,"veille":"3","referencement":9,"": null}"#,
                &format!(
                    r#"{{"vendeur-web/Z.9":{{"level":1,"evidence":"e"}},"nope":{{"level":1}},"chef-projet-ecommerce/D1.R1":{{"level":2}},"chef-projet-ecommerce/D1.R1 ":{{"level":2,"evidence":"p"}},"{GENERIC_ITEM}":3}}"#
                ),
            ),
            with_answers(
                "{}",
                &format!(
                    r#"{{"{ECF_ITEM}":{{"evidence":"p"}},"{GENERIC_ITEM}":{{"level":"x","evidence":"p","zz":1}}}}"#
                ),
            ),
            with_answers(
                "{}",
                &format!(
                    r#"{{"{ECF_ITEM}":{{"level":9}},"{GENERIC_ITEM}":{{"level":2.5,"evidence":4}}}}"#
                ),
            ),
            with_answers(
                "{}",
                &format!(
                    r#"{{"{ECF_ITEM}":{{}},"{GENERIC_ITEM}":{{"level":1,"evidence":"{long}"}}}}"#
                ),
            ),
            with_answers("{}", &format!("{{{}}}", many.join(","))),
            with_answers(
                "{}",
                r#"{"rncp38812/RNCP38812BC01.1":{"level":3},"rncp38812/RNCP38812BC02.1":{"level":5}}"#,
            ),
        ];
        let mut problems: Vec<ImportProblem> = check_size(3 * MAX_IMPORT_BYTES as u64 + 1)
            .unwrap_err()
            .problems;
        for bytes in &failures {
            problems.extend(fail(bytes).problems);
        }
        for text in &warned {
            problems.extend(ok(text).warnings);
        }
        problems
    }

    /// What candidates read, recorded in `tests/fixtures/import/messages-fr.txt`.
    #[test]
    fn french_messages_read_as_recorded() {
        crate::core::exchange::test_support::assert_messages_recorded(
            &every_problem(),
            "tests/fixtures/import/messages-fr.txt",
        );
    }

    #[test]
    fn problems_are_translated_from_the_locales() {
        use crate::core::i18n::{parse_locale, Lang, EN_SOURCE, FR_SOURCE};
        let fr = parse_locale(FR_SOURCE).unwrap();
        let en = parse_locale(EN_SOURCE).unwrap();
        for c in ALL_CODES {
            assert!(fr.contains_key(c), "fr.json lacks {c}");
            assert!(en.contains_key(c), "en.json lacks {c}");
        }
        let problems = every_problem();
        let mut seen = std::collections::BTreeSet::new();
        for p in &problems {
            seen.insert(p.code);
            for (lang, locale) in [("fr", &fr), ("en", &en)] {
                for name in placeholders(&locale[p.code]) {
                    assert!(
                        p.args.iter().any(|(n, _)| *n == name),
                        "{lang}.json {}: {{{name}}} is not an argument of {p:?}",
                        p.code
                    );
                }
            }
            let english = p.render(Lang::En);
            assert!(!english.contains("{line}") && !english.is_empty());
        }
        let missing: Vec<&str> = ALL_CODES
            .iter()
            .copied()
            .filter(|c| !seen.contains(c))
            .collect();
        assert!(missing.is_empty(), "no problem produced for {missing:?}");
    }
}
