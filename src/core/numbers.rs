//! Numbers as the UI and the CSV export write them, in the language's convention: French writes
//! `45,6`, English `45.6`. One decimal wherever a figure needs more than a whole percentage
//! (gains in points, CSV percentages, mean levels); whole percentages are `i18n::percent`.

use super::i18n::Lang;

/// The decimal mark of a language: `,` in French, `.` in English.
pub fn decimal_mark(lang: Lang) -> char {
    match lang {
        Lang::Fr => ',',
        Lang::En => '.',
    }
}

/// A ratio as a percentage with one decimal, no `%` sign: `0.456` → `45,6` (French). Also a
/// gain in percentage points.
pub fn percent_number(lang: Lang, ratio: f64) -> String {
    tenths((ratio * 1000.0).round() as i64, decimal_mark(lang))
}

/// A ratio as a percentage with one decimal and its sign, as `i18n::percent` writes whole ones:
/// `0.0423` → `4,2 %` (French, with a no-break space), `4.2%` (English).
pub fn percent_one_decimal(lang: Lang, ratio: f64) -> String {
    let n = percent_number(lang, ratio);
    match lang {
        Lang::Fr => format!("{n}\u{a0}%"),
        Lang::En => format!("{n}%"),
    }
}

/// A number with one decimal: `2.25` → `2,3` (French). Used for mean levels.
pub fn one_decimal(lang: Lang, x: f64) -> String {
    tenths((x * 10.0).round() as i64, decimal_mark(lang))
}

/// A number as short as it can be written, with the language's decimal mark: `0.25` → `0,25`
/// (French), `1.0` → `1`. Used for item weights.
pub fn decimal(lang: Lang, x: f64) -> String {
    x.to_string()
        .replace('.', decimal_mark(lang).encode_utf8(&mut [0; 4]))
}

/// A whole number with its thousands grouped: `32768` → `32 768` (French, narrow no-break
/// space), `32,768` (English). Used for lengths and counts that reach thousands.
pub fn whole(lang: Lang, n: usize) -> String {
    let sep = match lang {
        Lang::Fr => '\u{202f}',
        Lang::En => ',',
    };
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3 * 3);
    for (i, d) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(sep);
        }
        out.push(d);
    }
    out
}

fn tenths(n: i64, decimal: char) -> String {
    let sign = if n < 0 { "-" } else { "" };
    let t = n.unsigned_abs();
    format!("{sign}{}{decimal}{}", t / 10, t % 10)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_use_the_language_decimal_mark() {
        assert_eq!(percent_number(Lang::Fr, 0.456), "45,6");
        assert_eq!(percent_number(Lang::En, 0.456), "45.6");
        assert_eq!(percent_number(Lang::Fr, 1.0), "100,0");
        assert_eq!(percent_number(Lang::Fr, 0.0), "0,0");
        assert_eq!(percent_number(Lang::Fr, 0.0004), "0,0");
        assert_eq!(percent_number(Lang::Fr, 0.00051), "0,1");
        assert_eq!(percent_number(Lang::Fr, 2.0 / 3.0), "66,7");
        assert_eq!(percent_number(Lang::En, -0.0123), "-1.2");
        assert_eq!(percent_one_decimal(Lang::Fr, 0.0423), "4,2\u{a0}%");
        assert_eq!(percent_one_decimal(Lang::En, 0.0423), "4.2%");
        assert_eq!(one_decimal(Lang::Fr, 2.25), "2,3");
        assert_eq!(one_decimal(Lang::En, 3.0), "3.0");
        assert_eq!(decimal_mark(Lang::Fr), ',');
        assert_eq!(decimal(Lang::Fr, 0.25), "0,25");
        assert_eq!(decimal(Lang::En, 0.25), "0.25");
        assert_eq!(decimal(Lang::Fr, 1.0), "1");
        assert_eq!(decimal(Lang::Fr, 0.5), "0,5");
        assert_eq!(whole(Lang::Fr, 32768), "32\u{202f}768");
        assert_eq!(whole(Lang::En, 1_234_567), "1,234,567");
        assert_eq!(whole(Lang::En, 999), "999");
        assert_eq!(whole(Lang::Fr, 0), "0");
        assert_eq!(decimal_mark(Lang::En), '.');
    }
}
