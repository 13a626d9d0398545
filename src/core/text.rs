//! Text normalisation for accent- and case-insensitive matching.

/// Lower-cases and strips French diacritics so that « referencement » matches « Référencement ».
/// Ligatures are expanded and typographic apostrophes folded to `'`.
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'À' | 'Á' | 'Â' | 'Ã' | 'Ä' | 'Å' => {
                out.push('a')
            }
            'ç' | 'Ç' => out.push('c'),
            'è' | 'é' | 'ê' | 'ë' | 'È' | 'É' | 'Ê' | 'Ë' => out.push('e'),
            'ì' | 'í' | 'î' | 'ï' | 'Ì' | 'Í' | 'Î' | 'Ï' => out.push('i'),
            'ñ' | 'Ñ' => out.push('n'),
            'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'Ò' | 'Ó' | 'Ô' | 'Õ' | 'Ö' => out.push('o'),
            'ù' | 'ú' | 'û' | 'ü' | 'Ù' | 'Ú' | 'Û' | 'Ü' => out.push('u'),
            'ÿ' | 'Ÿ' => out.push('y'),
            'œ' | 'Œ' => out.push_str("oe"),
            'æ' | 'Æ' => out.push_str("ae"),
            '’' | '‘' | 'ʼ' => out.push('\''),
            '\u{a0}' | '\u{202f}' => out.push(' '),
            c => out.push(lowercase_latin1(c)),
        }
    }
    out
}

/// Lower case for ASCII and Latin-1, the letters of French text; other characters are kept.
/// `char::to_lowercase` would be exact everywhere but brings std's whole Unicode case table
/// (about 4 KB gzip) into the first load, for letters a French referential never contains.
fn lowercase_latin1(c: char) -> char {
    match c {
        'A'..='Z' | 'À'..='Ö' | 'Ø'..='Þ' => char::from_u32(c as u32 + 0x20).unwrap_or(c),
        c => c,
    }
}

/// Collapses every run of whitespace into one space and trims the ends.
pub fn fold_whitespace(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// `fold` as it would be with std's full Unicode lower case.
    fn fold_with_std_lowercase(s: &str) -> String {
        s.chars()
            .map(|c| fold(&c.to_string()))
            .map(|f| {
                if f.chars().count() == 1 {
                    f.to_lowercase()
                } else {
                    f
                }
            })
            .collect()
    }

    proptest! {
        /// On Latin-1 and the typographic characters fold knows, the short table is exact.
        #[test]
        fn latin1_lowercase_agrees_with_std(s in "[\\u{0}-\\u{ff}œŒæÆŸ’‘ʼ\\u{202f}]{0,40}") {
            prop_assert_eq!(fold(&s), fold_with_std_lowercase(&s));
        }
    }

    #[test]
    fn every_letter_of_the_bundled_texts_folds_as_with_std() {
        let catalog = crate::core::catalog::catalog();
        let mut texts: Vec<&str> = Vec::new();
        for r in &catalog.referentials {
            texts.extend([r.title.as_str(), r.summary.as_str()]);
            for i in r.items() {
                texts.extend([i.item.text.as_str(), i.item.label()]);
            }
        }
        texts.extend(
            crate::core::catalog::REFERENTIAL_FILES
                .iter()
                .map(|(_, json)| *json),
        );
        for t in texts {
            assert_eq!(fold(t), fold_with_std_lowercase(t), "{t}");
        }
    }

    #[test]
    fn folds_accents_and_case() {
        assert_eq!(fold("Référencement"), "referencement");
        assert_eq!(fold("ŒUVRE à l’ÉCOLE"), "oeuvre a l'ecole");
        assert_eq!(fold("ÇA"), "ca");
    }

    #[test]
    fn folds_whitespace() {
        assert_eq!(fold_whitespace("  a \n\t b  "), "a b");
    }
}
