//! Text out of quick-xml's events, the way the RNCP export needs it: character data, CDATA and
//! references appended to one string (a reference is its own event since quick-xml 0.38), XML's
//! five entities and character references resolved, and the HTML entities older exports carry
//! (`&nbsp;`, `&rsquo;`, `&eacute;`…) resolved too rather than failing the file. Older exports
//! also wrap lists in `<p>`/`<br>`, escaped or as elements: [`html_to_text`] turns them into line
//! breaks, the separators the splitter and the multi-paragraph fields use.

use quick_xml::events::{BytesCData, BytesRef, BytesText};

/// Text that is not UTF-8: the export is always UTF-8, so the file is damaged or re-encoded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NotUtf8;

/// Appends character data, line ends normalised as XML 1.0 says (`\r\n` → `\n`).
pub fn push_text(out: &mut String, e: &BytesText<'_>) -> Result<(), NotUtf8> {
    out.push_str(&e.xml10_content().map_err(|_| NotUtf8)?);
    Ok(())
}

pub fn push_cdata(out: &mut String, e: &BytesCData<'_>) -> Result<(), NotUtf8> {
    out.push_str(&e.xml10_content().map_err(|_| NotUtf8)?);
    Ok(())
}

/// Appends what a reference stands for; an unknown name is kept as written (`&foo;`), so that
/// nothing the certifier wrote is lost.
pub fn push_ref(out: &mut String, e: &BytesRef<'_>) -> Result<(), NotUtf8> {
    let name = e.decode().map_err(|_| NotUtf8)?;
    match resolve(&name) {
        Some(c) => out.push(c),
        None => {
            out.push('&');
            out.push_str(&name);
            out.push(';');
        }
    }
    Ok(())
}

/// The character `&name;` stands for: a character reference, one of XML's five entities, or an
/// HTML entity of French text.
pub fn resolve(name: &str) -> Option<char> {
    if let Some(num) = name.strip_prefix('#') {
        let code = match num.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
            None => num.parse::<u32>().ok()?,
        };
        return char::from_u32(code).filter(|c| *c != '\0');
    }
    let c = match name {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "apos" => '\'',
        "quot" => '"',
        "nbsp" => '\u{a0}',
        "rsquo" => '’',
        "lsquo" => '‘',
        "rdquo" => '”',
        "ldquo" => '“',
        "laquo" => '«',
        "raquo" => '»',
        "hellip" => '…',
        "ndash" => '–',
        "mdash" => '—',
        "bull" => '•',
        "middot" => '·',
        "deg" => '°',
        "euro" => '€',
        "oelig" => 'œ',
        "OElig" => 'Œ',
        "aelig" => 'æ',
        _ => return accented(name),
    };
    Some(c)
}

/// `&eacute;`, `&Agrave;`, `&ccedil;`…: a letter and the name of its accent.
fn accented(name: &str) -> Option<char> {
    let mut chars = name.chars();
    let letter = chars.next()?;
    let accent = chars.as_str();
    let table: &[(char, &str, char)] = &[
        ('a', "grave", 'à'),
        ('a', "acute", 'á'),
        ('a', "circ", 'â'),
        ('a', "uml", 'ä'),
        ('c', "cedil", 'ç'),
        ('e', "grave", 'è'),
        ('e', "acute", 'é'),
        ('e', "circ", 'ê'),
        ('e', "uml", 'ë'),
        ('i', "circ", 'î'),
        ('i', "uml", 'ï'),
        ('o', "circ", 'ô'),
        ('o', "uml", 'ö'),
        ('u', "grave", 'ù'),
        ('u', "circ", 'û'),
        ('u', "uml", 'ü'),
        ('y', "uml", 'ÿ'),
    ];
    let lower = letter.to_ascii_lowercase();
    let (_, _, c) = table.iter().find(|(l, a, _)| *l == lower && *a == accent)?;
    if letter.is_ascii_uppercase() {
        c.to_uppercase().next()
    } else {
        Some(*c)
    }
}

/// HTML tags that end a line (a paragraph, a list entry, a break).
fn breaks_line(tag: &str) -> bool {
    matches!(
        tag.to_ascii_lowercase().as_str(),
        "p" | "br" | "li" | "ul" | "ol" | "div" | "tr" | "h1" | "h2" | "h3" | "h4" | "h5" | "h6"
    )
}

/// Whether an element met inside a text element ends a line there (HTML written unescaped in
/// the XML, as some older exports do).
pub fn element_breaks_line(name: &[u8]) -> bool {
    std::str::from_utf8(name).is_ok_and(breaks_line)
}

/// The length of an HTML tag at the start of `s` (`<p>`, `</li>`, `<br/>`, `<p class="x">`), or
/// `None` when the `<` starts no tag (« CA < 10 k€ » stays text).
fn tag_at(s: &str) -> Option<(usize, &str)> {
    let rest = s.strip_prefix('<')?;
    let body = rest.strip_prefix('/').unwrap_or(rest);
    let name_len = body
        .find(|c: char| !c.is_ascii_alphanumeric())
        .unwrap_or(body.len());
    if name_len == 0 || !body.starts_with(|c: char| c.is_ascii_alphabetic()) {
        return None;
    }
    let name = &body[..name_len];
    let after = &body[name_len..];
    if !after.starts_with(['>', ' ', '/', '\t', '\n']) {
        return None;
    }
    let close = s.find('>')?;
    if s[1..close].contains('<') {
        return None;
    }
    Some((close + 1, name))
}

/// HTML left in a text (older exports) turned into plain text: line-ending tags become `\n`,
/// other tags vanish, entities (`&nbsp;`, `&eacute;`, doubly escaped ones) are resolved.
/// Text without `<` or `&` comes back unchanged.
pub fn html_to_text(s: &str) -> String {
    if !s.contains(['<', '&']) {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find(['<', '&']) {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        if rest.starts_with('<') {
            if let Some((len, name)) = tag_at(rest) {
                if breaks_line(name) {
                    out.push('\n');
                }
                rest = &rest[len..];
                continue;
            }
        } else if let Some(end) = rest[1..].find(';').filter(|e| *e <= 10) {
            if let Some(c) = resolve(&rest[1..=end]) {
                out.push(c);
                rest = &rest[end + 2..];
                continue;
            }
        }
        out.push_str(&rest[..1]);
        rest = &rest[1..];
    }
    out.push_str(rest);
    out
}

/// Paragraphs of a text as the data format stores them: one per line, trimmed, whitespace runs
/// folded, empty ones dropped.
pub fn paragraphs(s: &str) -> String {
    html_to_text(s)
        .lines()
        .map(crate::core::text::fold_whitespace)
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn references_resolve_to_characters() {
        assert_eq!(resolve("apos"), Some('\''));
        assert_eq!(resolve("#39"), Some('\''));
        assert_eq!(resolve("#x2019"), Some('’'));
        assert_eq!(resolve("#X2019"), Some('’'));
        assert_eq!(resolve("rsquo"), Some('’'));
        assert_eq!(resolve("eacute"), Some('é'));
        assert_eq!(resolve("Eacute"), Some('É'));
        assert_eq!(resolve("ccedil"), Some('ç'));
        assert_eq!(resolve("#0"), None);
        assert_eq!(resolve("#xD800"), None);
        assert_eq!(resolve("#99999999999"), None);
        assert_eq!(resolve("nope"), None);
        assert_eq!(resolve(""), None);
    }

    #[test]
    fn html_becomes_lines() {
        assert_eq!(
            html_to_text("<p>Analyser&nbsp;le march&eacute;</p><p>Vendre</p>"),
            "\nAnalyser\u{a0}le marché\n\nVendre\n"
        );
        assert_eq!(html_to_text("a<br/>b<br />c<BR>d"), "a\nb\nc\nd");
        assert_eq!(
            html_to_text("<strong>Gras</strong> et <em>ital</em>"),
            "Gras et ital"
        );
        assert_eq!(
            html_to_text("CA < 10 k€ & marge > 5 %"),
            "CA < 10 k€ & marge > 5 %"
        );
        assert_eq!(
            html_to_text("l&rsquo;offre &unknown; &#39;x&#39;"),
            "l’offre &unknown; 'x'"
        );
        assert_eq!(paragraphs("<p> a  b </p><p></p><p>c</p>"), "a b\nc");
        assert_eq!(html_to_text("<"), "<");
        assert_eq!(html_to_text("&"), "&");
        assert_eq!(html_to_text("<p"), "<p");
    }
}
