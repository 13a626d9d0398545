//! The default split of a block's `LISTE_COMPETENCES` (SPEC §13), also used for a list pasted by
//! the trainer. In flux 4.1 the list is one line: items are separated by runs of two or more
//! spaces, and each certifier bullets them its own way (`- `, `* ` with `o ` sub-items, codes
//! such as `A1C1.`, `C.1.`, `1.1.1`, or nothing); older exports use `<p>`/`<br>`, and a pasted
//! list has line breaks. So: cut on line breaks, runs of two or more spaces and unambiguous
//! bullet signs (`•`, `▪`, `➢`…); strip each fragment's bullet and code (the code is kept
//! beside the text); join a fragment that starts with a lowercase letter, or with `,`, `;` or
//! `)`, and has neither bullet nor code, to the item before it (a sentence cut by a double space);
//! drop the `;` or `,` that ends a list entry, and fragments with no letter or digit. The raw text stays with the block, for the trainer
//! to compare, and [`Doubt`]s say when the split looks wrong.

use super::xml::html_to_text;
use crate::core::custom::code::{self, arg, failure};
use crate::core::exchange::ImportFailure;
use crate::core::text::fold_whitespace;

/// Longer than this, an item is probably several items the split did not see.
pub const LONG_ITEM_CHARS: usize = 400;
/// Longest list a trainer may paste at once, in characters.
pub const MAX_PASTE_CHARS: usize = 50_000;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SplitItem {
    pub text: String,
    /// The certifier's code that prefixed the item (`A1C1`, `C.1`, `1.1.1`), without its final
    /// dot or parenthesis.
    pub code: Option<String>,
    /// An `o ` sub-item of the item before it.
    pub sub: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Doubt {
    /// No item at all.
    Empty,
    /// A whole block in one item: the separators were probably not the usual ones.
    OneItem,
    /// Item `index` is `chars` long.
    LongItem { index: usize, chars: usize },
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Split {
    pub items: Vec<SplitItem>,
    pub doubts: Vec<Doubt>,
}

/// Splits a list of competences: see the module documentation.
pub fn split_list(raw: &str) -> Split {
    let text = html_to_text(raw);
    let mut items: Vec<SplitItem> = Vec::new();
    // A bullet or code alone in its fragment, waiting for the text that follows it.
    let mut pending: Option<Marker> = None;
    for fragment in fragments(&text) {
        let (marker, rest) = strip_marker(&fragment);
        let marker = match (pending.take(), marker) {
            (
                Some(p),
                Marker {
                    bullet: false,
                    code: None,
                    sub: false,
                },
            ) => p,
            (Some(p), m) => Marker {
                code: m.code.or(p.code),
                bullet: true,
                sub: m.sub || p.sub,
            },
            (None, m) => m,
        };
        let rest = rest.trim_end_matches([';', ',', ' ']);
        // Punctuation alone (« ; * ») is no item.
        if !rest.chars().any(char::is_alphanumeric) {
            if marker.bullet || marker.code.is_some() || marker.sub {
                pending = Some(marker);
            }
            continue;
        }
        let continues = !marker.bullet && marker.code.is_none() && !marker.sub;
        match items.last_mut() {
            Some(last) if continues && is_continuation(rest) => {
                last.text.push(' ');
                last.text.push_str(rest);
            }
            _ => items.push(SplitItem {
                text: rest.to_string(),
                code: marker.code,
                sub: marker.sub,
            }),
        }
    }
    let doubts = doubts(&items);
    Split { items, doubts }
}

/// A list pasted by the trainer, split like a fiche's; refused when too long or when nothing is
/// left of it.
pub fn split_pasted(text: &str) -> Result<Split, ImportFailure> {
    let count = text.chars().count();
    if count > MAX_PASTE_CHARS {
        return Err(failure(
            code::PASTE_TOO_LONG,
            vec![arg("count", count), arg("max", MAX_PASTE_CHARS)],
        ));
    }
    let split = split_list(text);
    if split.items.is_empty() {
        return Err(failure(code::PASTE_NO_ITEM, vec![]));
    }
    Ok(split)
}

/// What the split finds doubtful in a list of items (also for a list the trainer edited).
pub fn doubts(items: &[SplitItem]) -> Vec<Doubt> {
    let mut out = Vec::new();
    match items.len() {
        0 => out.push(Doubt::Empty),
        1 => out.push(Doubt::OneItem),
        _ => {}
    }
    for (index, item) in items.iter().enumerate() {
        let chars = item.text.chars().count();
        if chars > LONG_ITEM_CHARS {
            out.push(Doubt::LongItem { index, chars });
        }
    }
    out
}

/// A fragment that carries on the sentence before it.
fn is_continuation(text: &str) -> bool {
    text.starts_with(|c: char| c.is_lowercase() || matches!(c, ',' | ';' | ')'))
}

/// Bullet signs that never occur inside a sentence: they separate items even between single
/// spaces.
const BULLET_SIGNS: [char; 9] = ['•', '▪', '■', '►', '➢', '➤', '✓', '◦', '●'];

/// The text cut at line breaks, runs of two or more whitespace characters and bullet signs;
/// each fragment with its whitespace folded (a bullet sign stays at the head of its fragment).
fn fragments(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut current = String::new();
    let mut spaces = 0usize;
    let flush = |current: &mut String, out: &mut Vec<String>| {
        let f = fold_whitespace(current);
        if !f.is_empty() {
            out.push(f);
        }
        current.clear();
    };
    for c in text.chars() {
        if c == '\n' || c == '\r' {
            flush(&mut current, &mut out);
            spaces = 0;
        } else if c.is_whitespace() {
            spaces += 1;
            if spaces == 2 {
                flush(&mut current, &mut out);
            } else {
                current.push(' ');
            }
        } else {
            if BULLET_SIGNS.contains(&c) {
                flush(&mut current, &mut out);
            }
            spaces = 0;
            current.push(c);
        }
    }
    flush(&mut current, &mut out);
    out
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
struct Marker {
    bullet: bool,
    code: Option<String>,
    sub: bool,
}

/// Bullets that need a space after them.
const DASHES: [&str; 4] = ["- ", "* ", "– ", "— "];

/// The bullet and code at the head of a fragment, and the text after them.
fn strip_marker(fragment: &str) -> (Marker, &str) {
    let mut m = Marker::default();
    let mut rest = fragment.trim_start();
    loop {
        if let Some(r) = rest.strip_prefix("o ") {
            m.sub = true;
            rest = r.trim_start();
        } else if let Some(r) = DASHES.iter().find_map(|d| rest.strip_prefix(d)) {
            m.bullet = true;
            rest = r.trim_start();
        } else if let Some(r) = rest.strip_prefix(BULLET_SIGNS) {
            m.bullet = true;
            rest = r.trim_start();
        } else if let Some((code, r)) = strip_code(rest).filter(|_| m.code.is_none()) {
            m.code = Some(code);
            rest = r;
        } else if rest.len() == 1 && matches!(rest, "-" | "*" | "o") {
            m.bullet = true;
            m.sub = rest == "o";
            rest = "";
        } else {
            break;
        }
    }
    (m, rest)
}

/// A certifier's code at the head of `s` (`A1C1.`, `C.1.`, `1.1.1`, `C1.2 -`, `1)`, `a)`), and
/// the text after it and its separator. A word is a code when it is made of capitals, digits
/// and dots, holds a digit, and either ends with `.`, `)` or `:`, holds a dot, or is a capital
/// followed by digits (`C1`, `A1C1`): « 3D », « B2B », « CAP » stay text.
fn strip_code(s: &str) -> Option<(String, &str)> {
    let end = s.find(char::is_whitespace).unwrap_or(s.len());
    let word = &s[..end];
    let core = word.trim_end_matches(['.', ')', ':', '-']);
    let punctuated = core.len() < word.len();
    let enumerated =
        punctuated && core.len() == 1 && core.starts_with(|c: char| c.is_ascii_alphabetic());
    let shaped = !core.is_empty()
        && core.len() <= 16
        && core
            .bytes()
            .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b'.')
        && core.bytes().any(|b| b.is_ascii_digit())
        && (punctuated
            || core.contains('.')
            || (core.starts_with(|c: char| c.is_ascii_uppercase())
                && core.ends_with(|c: char| c.is_ascii_digit())));
    if !(shaped || enumerated) {
        return None;
    }
    let mut rest = s[end..].trim_start();
    for sep in ["- ", "– ", ": ", ". "] {
        if let Some(r) = rest.strip_prefix(sep) {
            rest = r.trim_start();
            break;
        }
    }
    if matches!(rest, "-" | "–" | ":") {
        rest = "";
    }
    Some((core.trim_end_matches('.').to_string(), rest))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(raw: &str) -> Vec<String> {
        split_list(raw).items.into_iter().map(|i| i.text).collect()
    }

    fn codes(raw: &str) -> Vec<Option<String>> {
        split_list(raw).items.into_iter().map(|i| i.code).collect()
    }

    #[test]
    fn runs_of_spaces_separate_items() {
        assert_eq!(
            texts("Analyser le marché  Définir une stratégie   Piloter un budget"),
            [
                "Analyser le marché",
                "Définir une stratégie",
                "Piloter un budget"
            ]
        );
        // One space is inside a sentence; a no-break space too.
        assert_eq!(
            texts("Analyser le\u{a0}marché et ses acteurs"),
            ["Analyser le marché et ses acteurs"]
        );
    }

    #[test]
    fn dashes_and_stars() {
        assert_eq!(
            texts("- Concevoir le site  - Animer la boutique  - Suivre les ventes"),
            [
                "Concevoir le site",
                "Animer la boutique",
                "Suivre les ventes"
            ]
        );
        let s = split_list("* Piloter la stratégie :  o Analyser le marché  o Fixer les objectifs  * Manager l’équipe");
        let got: Vec<(&str, bool)> = s.items.iter().map(|i| (i.text.as_str(), i.sub)).collect();
        assert_eq!(
            got,
            [
                ("Piloter la stratégie :", false),
                ("Analyser le marché", true),
                ("Fixer les objectifs", true),
                ("Manager l’équipe", false)
            ]
        );
        assert_eq!(texts("– Rédiger  — Publier"), ["Rédiger", "Publier"]);
    }

    #[test]
    fn codes_are_stripped_and_kept() {
        let raw = "A1C1. Analyser la demande  A1C2. Chiffrer l'offre  A2C1. Négocier";
        assert_eq!(
            texts(raw),
            ["Analyser la demande", "Chiffrer l'offre", "Négocier"]
        );
        assert_eq!(
            codes(raw),
            [
                Some("A1C1".into()),
                Some("A1C2".into()),
                Some("A2C1".into())
            ]
        );
        let raw = "C.1. Mettre en œuvre la veille  C.2. Rédiger les contenus";
        assert_eq!(
            texts(raw),
            ["Mettre en œuvre la veille", "Rédiger les contenus"]
        );
        assert_eq!(codes(raw), [Some("C.1".into()), Some("C.2".into())]);
        let raw = "1.1.1 Identifier les cibles  1.1.2 Qualifier les prospects  1.2.1 Conclure";
        assert_eq!(
            texts(raw),
            [
                "Identifier les cibles",
                "Qualifier les prospects",
                "Conclure"
            ]
        );
        assert_eq!(codes(raw)[2].as_deref(), Some("1.2.1"));
        assert_eq!(
            texts("C1 - Vendre  C2 : Fidéliser  1) Négocier  a) Relancer"),
            ["Vendre", "Fidéliser", "Négocier", "Relancer"]
        );
        // A code alone before a double space still belongs to what follows.
        let s = split_list("A1C1.  Analyser la demande  A1C2.  Chiffrer");
        assert_eq!(s.items.len(), 2);
        assert_eq!(s.items[0].code.as_deref(), Some("A1C1"));
        assert_eq!(s.items[1].text, "Chiffrer");
    }

    #[test]
    fn words_that_look_like_codes_stay() {
        assert_eq!(
            texts("3D et réalité augmentée  B2B en ligne  CAP commerce"),
            ["3D et réalité augmentée", "B2B en ligne", "CAP commerce"]
        );
        assert_eq!(codes("3D et réalité augmentée  B2B en ligne"), [None, None]);
        assert_eq!(texts("o"), Vec::<String>::new());
    }

    #[test]
    fn no_bullet_at_all() {
        assert_eq!(
            texts("Organiser la prospection  Conduire un entretien de vente  Assurer le suivi"),
            [
                "Organiser la prospection",
                "Conduire un entretien de vente",
                "Assurer le suivi"
            ]
        );
    }

    #[test]
    fn a_lowercase_fragment_continues_the_item_before() {
        assert_eq!(
            texts(
                "Analyser le marché  et ses acteurs  Définir les cibles ;  Suivre les résultats,"
            ),
            [
                "Analyser le marché et ses acteurs",
                "Définir les cibles",
                "Suivre les résultats"
            ]
        );
        assert_eq!(
            texts("Analyser les ventes  (trafic, panier moyen)  , puis agir"),
            ["Analyser les ventes", "(trafic, panier moyen) , puis agir"]
        );
        // With its own bullet, a lowercase item is an item.
        assert_eq!(texts("- analyser  - vendre"), ["analyser", "vendre"]);
        // Nothing before it to join: it is an item.
        assert_eq!(texts("analyser le marché"), ["analyser le marché"]);
    }

    #[test]
    fn older_exports_with_html() {
        assert_eq!(
            texts("<p>- Gérer le catalogue</p><p>- Mettre à jour les fiches&nbsp;produits</p><br/>Suivre les stocks"),
            ["Gérer le catalogue", "Mettre à jour les fiches produits", "Suivre les stocks"]
        );
        assert_eq!(
            texts("<ul><li>Vendre</li><li>Négocier</li></ul>"),
            ["Vendre", "Négocier"]
        );
        assert_eq!(
            texts("Vendre<br>Négocier<BR/>Fidéliser"),
            ["Vendre", "Négocier", "Fidéliser"]
        );
    }

    #[test]
    fn bullet_signs_and_pasted_lines() {
        assert_eq!(
            texts("• Vendre • Négocier ▪ Fidéliser"),
            ["Vendre", "Négocier", "Fidéliser"]
        );
        assert_eq!(
            texts("Vendre\nNégocier\r\n\r\n- Fidéliser\n"),
            ["Vendre", "Négocier", "Fidéliser"]
        );
    }

    #[test]
    fn doubtful_splits_are_flagged() {
        assert_eq!(split_list("").doubts, [Doubt::Empty]);
        assert_eq!(split_list("  - ;  ").doubts, [Doubt::Empty]);
        assert_eq!(split_list("Une seule compétence").doubts, [Doubt::OneItem]);
        let long = format!(
            "Vendre  {}",
            "a".repeat(LONG_ITEM_CHARS + 1).replacen('a', "A", 1)
        );
        assert_eq!(
            split_list(&long).doubts,
            [Doubt::LongItem {
                index: 1,
                chars: LONG_ITEM_CHARS + 1
            }]
        );
        assert!(split_list("Vendre  Négocier").doubts.is_empty());
    }
}
