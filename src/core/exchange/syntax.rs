//! From bytes to text to a JSON tree: the encoding (UTF-8, an optional byte order mark) and the
//! JSON syntax, each failure reported with its line and column.

use super::json;
use super::problem::{quote, ImportFailure, ImportProblem};
use super::{code, MAX_DEPTH};

pub(super) fn pos_args(pos: json::Pos) -> Vec<(&'static str, String)> {
    vec![
        ("line", pos.line.to_string()),
        ("column", pos.column.to_string()),
    ]
}

fn shown_char(c: char) -> String {
    match c {
        '\n' | '\r' => "un retour à la ligne".to_string(),
        '\t' => "une tabulation".to_string(),
        c if c.is_control() => format!("le caractère de contrôle U+{:04X}", c as u32),
        c => format!("« {c} »"),
    }
}

/// « permis » agreeing with the noun [`shown_char`] gives a control character: only « une
/// tabulation » is feminine.
fn allowed_fr(c: char) -> &'static str {
    if c == '\t' {
        "permise"
    } else {
        "permis"
    }
}

pub(super) fn syntax_problem(e: &json::Error, text: &str) -> ImportProblem {
    use json::{ErrorKind, Expected};
    let mut args = pos_args(e.pos);
    let code = match &e.kind {
        ErrorKind::Eof => code::TRUNCATED,
        ErrorKind::Unexpected { at_start: true, .. } => {
            args.push(("start", quote(text.trim_start())));
            code::NOT_JSON
        }
        ErrorKind::Unexpected {
            found, expected, ..
        } => {
            let (key, wanted) = match expected {
                Expected::Value => ("value", "une valeur"),
                Expected::Key => ("key", "un nom de champ entre guillemets"),
                Expected::Colon => ("colon", "le signe « : »"),
                Expected::CommaOrBracket => ("comma_or_bracket", "une virgule ou « ] »"),
                Expected::CommaOrBrace => ("comma_or_brace", "une virgule ou « } »"),
            };
            args.push(("found", found.to_string()));
            args.push(("expected", key.to_string()));
            args.push(("found_fr", shown_char(*found)));
            args.push(("expected_fr", wanted.to_string()));
            code::JSON_UNEXPECTED
        }
        ErrorKind::ControlInString(c) => {
            args.push(("found", format!("U+{:04X}", *c as u32)));
            args.push(("found_fr", shown_char(*c)));
            args.push(("allowed_fr", allowed_fr(*c).to_string()));
            code::JSON_CONTROL_CHAR
        }
        ErrorKind::BadEscape | ErrorKind::LoneSurrogate => code::JSON_ESCAPE,
        ErrorKind::BadNumber => code::JSON_NUMBER,
        ErrorKind::Trailing(c) => {
            args.push(("found", c.to_string()));
            args.push(("found_fr", shown_char(*c)));
            code::JSON_TRAILING
        }
        ErrorKind::TooDeep => {
            args.push(("max", MAX_DEPTH.to_string()));
            code::TOO_DEEP
        }
    };
    ImportProblem::new(code, args)
}

/// Checks the encoding and returns the text without its byte order mark.
pub(super) fn decode_text(bytes: &[u8]) -> Result<&str, ImportFailure> {
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return Err(ImportFailure::one(ImportProblem::new(code::UTF16, vec![])));
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(text) => Ok(text),
        Err(e) => {
            let valid = std::str::from_utf8(&bytes[..e.valid_up_to()]).unwrap_or("");
            let line = valid.matches('\n').count() as u32 + 1;
            let column = valid.rsplit('\n').next().unwrap_or("").chars().count() as u32 + 1;
            let pos = json::Pos { line, column };
            if e.error_len().is_none() {
                // The text stops in the middle of a character.
                return Err(ImportFailure::one(syntax_problem(
                    &json::Error {
                        kind: json::ErrorKind::Eof,
                        pos,
                    },
                    valid,
                )));
            }
            Err(ImportFailure::one(ImportProblem::new(
                code::NOT_UTF8,
                pos_args(pos),
            )))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::exchange::test_support::*;
    use crate::core::exchange::*;

    #[test]
    fn bom_is_accepted() {
        let text = format!("\u{feff}{}", export_dossier(&sample(), "0.1.0", NOW));
        let i = ok(text);
        assert_eq!(i.dossier.answers, sample().answers);
        // A BOM in the middle is not whitespace.
        let f = fail("{\u{feff}}");
        assert_eq!(f.code(), code::JSON_UNEXPECTED);
    }

    #[test]
    fn non_utf8_is_refused_with_its_position() {
        // « Élodie » written in Latin-1 on line 2.
        let mut bytes = b"{\"format\":\"repere.dossier\",\n\"name\":\"".to_vec();
        bytes.push(0xC9);
        bytes.extend_from_slice(b"lodie\"}");
        let f = fail(&bytes);
        assert_eq!(codes(&f.problems), vec![code::NOT_UTF8]);
        assert_eq!(
            f.problems[0].french(),
            "Le fichier n'est pas un texte UTF-8 valide (caractère illisible à la ligne 2, colonne 9) : un export de Repère est toujours en UTF-8. Le fichier a sans doute été réenregistré par un autre logiciel, ou ce n'est pas un export de Repère."
        );
        // UTF-16 (with its BOM) gets its own explanation.
        let utf16: Vec<u8> = std::iter::once(0xFEFFu16)
            .chain("{}".encode_utf16())
            .flat_map(u16::to_le_bytes)
            .collect();
        assert_eq!(fail(&utf16).code(), code::UTF16);
        assert!(fail(&utf16).problems[0].french().contains("UTF-16"));
        // Binary junk.
        assert_eq!(fail([0x00, 0x9F, 0x92, 0x96]).code(), code::NOT_UTF8);
    }

    #[test]
    fn truncated_files() {
        let full = export_dossier(&sample(), "0.1.0", NOW);
        let f = fail(&full[..full.len() / 2]);
        assert_eq!(codes(&f.problems), vec![code::TRUNCATED]);
        assert!(f.problems[0]
            .french()
            .starts_with("Le fichier s'arrête avant la fin des données (ligne "));
        assert!(f.problems[0].french().ends_with(
            ") : il est incomplet, sans doute coupé pendant un téléchargement ou une copie."
        ));
        // Every cut, even inside a multi-byte character, says so.
        let bytes = full.trim_end().as_bytes();
        for cut in 1..bytes.len() {
            let f = fail(&bytes[..cut]);
            assert_eq!(
                f.code(),
                code::TRUNCATED,
                "cut at {cut}: {:?}",
                String::from_utf8_lossy(&bytes[cut.saturating_sub(20)..cut])
            );
        }
    }

    #[test]
    fn malformed_json_reports_line_and_column() {
        let f = fail("{\n  \"format\": \"repere.dossier\"\n  \"version\": 1\n}");
        assert_eq!(codes(&f.problems), vec![code::JSON_UNEXPECTED]);
        assert_eq!(
            f.problems[0].french(),
            "Le fichier est mal formé à la ligne 3, colonne 3 : on attendait une virgule ou « } » et on trouve « \" » : le fichier a sans doute été modifié à la main ou abîmé."
        );
        assert_eq!(f.problems[0].arg("line"), Some("3"));
        assert_eq!(f.problems[0].arg("column"), Some("3"));
        // Columns count characters, not bytes.
        let f = fail("{\"é\": tru }");
        assert!(
            f.problems[0].french().contains("ligne 1, colonne 10"),
            "{}",
            f.problems[0]
        );
        for (text, code) in [
            ("{\"a\":1,}", code::JSON_UNEXPECTED),
            ("{'a':1}", code::JSON_UNEXPECTED),
            ("{\"a\" 1}", code::JSON_UNEXPECTED),
            ("[1 2]", code::JSON_UNEXPECTED),
            ("{\"a\":\"x\ny\"}", code::JSON_CONTROL_CHAR),
            ("{\"a\":\"\\x\"}", code::JSON_ESCAPE),
            ("{\"a\":\"\\ud800\"}", code::JSON_ESCAPE),
            ("{\"a\":\"\\udc00x\"}", code::JSON_ESCAPE),
            ("{\"a\":01}", code::JSON_UNEXPECTED),
            ("{\"a\":1.x}", code::JSON_NUMBER),
            ("{\"a\":-x}", code::JSON_NUMBER),
            ("{\"a\":NaN}", code::JSON_UNEXPECTED),
            ("{} {}", code::JSON_TRAILING),
            ("{}]", code::JSON_TRAILING),
            ("%PDF-1.4\n%âãÏÓ", code::NOT_JSON),
            ("<!DOCTYPE html><html>", code::NOT_JSON),
            ("  hello", code::NOT_JSON),
            ("nope", code::NOT_JSON),
        ] {
            assert_eq!(fail(text).code(), code, "{text}");
        }
        assert_eq!(
            fail("%PDF-1.4\n%âãÏÓ").problems[0].french(),
            "Ce fichier n'est pas un export de Repère : il ne contient pas de données JSON (il commence par « %PDF-1.4U+000A%âãÏÓ »)."
        );
        assert_eq!(
            fail("{\"a\":\"x\ny\"}").problems[0].french(),
            "Le fichier est mal formé à la ligne 1, colonne 8 : un texte contient un retour à la ligne qui n'est pas permis à cet endroit : le fichier a sans doute été modifié à la main ou abîmé."
        );
        assert_eq!(
            fail("{} x").problems[0].french(),
            "Le fichier contient des données en trop après la fin du dossier (ligne 1, colonne 4, on trouve « x ») : le fichier a sans doute été modifié à la main ou abîmé."
        );
    }

    #[test]
    fn deeply_nested_input_is_refused_without_recursion() {
        for text in [
            "[".repeat(100_000),
            format!("{}{}", "[".repeat(100_000), "]".repeat(100_000)),
            "{\"a\":".repeat(100_000),
            format!("{}1{}", "{\"a\":[".repeat(50_000), "]}".repeat(50_000)),
        ] {
            let f = fail(&text);
            assert_eq!(codes(&f.problems), vec![code::TOO_DEEP]);
            assert_eq!(
                f.problems[0].french().split(" (").next(),
                Some("Le fichier contient des données imbriquées sur plus de 32 niveaux")
            );
        }
        // Within the limit, nesting inside an unknown field is only a warning.
        let nested = format!("{}{}", "[".repeat(MAX_DEPTH - 1), "]".repeat(MAX_DEPTH - 1));
        let text = file(&format!(
            r#"{{"id":"abc","name":"n","created_at":"{NOW}","updated_at":"{NOW}"}}"#
        ))
        .replacen("{", &format!("{{\"x\":{nested},"), 1);
        assert_eq!(codes(&ok(&text).warnings), vec![code::UNKNOWN_FIELD]);
        let too_deep = text
            .replacen("\"x\":[", "\"x\":[[", 1)
            .replacen("]", "]]", 1);
        assert_eq!(fail(&too_deep).code(), code::TOO_DEEP);
    }
}
