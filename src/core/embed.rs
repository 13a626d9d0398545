//! Embedding parameters (SPEC §8): `index.html?embed=1&ref=<referential>&lang=fr|en&ns=<namespace>
//! &parent=<origin>`, and `referential=1` when the host page posts a referential of its own into
//! the frame (SPEC §13 c, `embed.js`'s `data-referential`). Anything invalid is dropped rather
//! than trusted: an unknown referential opens nothing special, and results are only ever posted to
//! a well-formed `parent` origin.
//!
//! An embedding never opens the candidate's own dossiers (namespace `default`): with no `ns`, an
//! invalid one or `ns=default`, it gets the embed-only namespace [`EMBED_NAMESPACE`]. Otherwise
//! any page could frame Repère on the dossiers kept for the candidate's own use and, after one
//! click on « Transmettre », receive their results.

use super::dossier::{valid_namespace, DEFAULT_NAMESPACE};
use super::i18n::Lang;
use super::outline::KnowsReferentials;
use super::route::query_param;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EmbedConfig {
    /// The referential the embedding page points learners to.
    pub referential: Option<String>,
    pub lang: Option<Lang>,
    /// The storage namespace, so that one site's dossiers never mix with another's; never
    /// `default`.
    pub namespace: String,
    /// The host page's origin: the only target of `postMessage`, and the only sender whose
    /// referential is accepted.
    pub parent: Option<String>,
    /// The host page will post a referential (`referential=1`): its positioning opens once it
    /// arrives and is checked.
    pub awaits_referential: bool,
}

/// `None` unless the query string asks for embed mode (`embed=1`).
/// `catalog` checks the referential id: the outline does it in the shell (no catalog at start-up).
pub fn parse(query: &str, catalog: &impl KnowsReferentials) -> Option<EmbedConfig> {
    if query_param(query, "embed").as_deref() != Some("1") {
        return None;
    }
    let parent = query_param(query, "parent").filter(|o| is_origin(o));
    // Only a host the frame can answer may post a referential.
    let awaits_referential =
        parent.is_some() && query_param(query, "referential").as_deref() == Some("1");
    let referential = query_param(query, "ref").filter(|id| catalog.knows_referential(id));
    let lang = query_param(query, "lang").and_then(|l| Lang::from_code(&l));
    Some(EmbedConfig {
        referential,
        lang,
        namespace: embed_namespace(query_param(query, "ns").as_deref()).to_owned(),
        parent,
        awaits_referential,
    })
}

/// Where embeddings that name no namespace of their own keep their dossiers: shared by them,
/// apart from the candidate's own (`default`).
pub const EMBED_NAMESPACE: &str = "embed";

/// The namespace an embedding asked for, unless it is missing, invalid or the candidate's own.
pub fn embed_namespace(ns: Option<&str>) -> &str {
    match ns {
        Some(ns) if valid_namespace(ns) && ns != DEFAULT_NAMESPACE => ns,
        _ => EMBED_NAMESPACE,
    }
}

/// `scheme://host[:port]` with http(s), no path, query, fragment or credentials.
pub fn is_origin(s: &str) -> bool {
    let Some((scheme, rest)) = s.split_once("://") else {
        return false;
    };
    if scheme != "https" && scheme != "http" {
        return false;
    }
    let (host, port) = match rest.rsplit_once(':') {
        Some((h, p)) if !h.ends_with(']') || h.starts_with('[') => (h, Some(p)),
        _ => (rest, None),
    };
    let host_ok = !host.is_empty()
        && host
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '[' | ']' | ':'));
    let port_ok =
        port.is_none_or(|p| !p.is_empty() && p.len() <= 5 && p.chars().all(|c| c.is_ascii_digit()));
    host_ok && port_ok
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::catalog::catalog;

    #[test]
    fn parses_a_full_embed_query() {
        let c = parse(
            "?embed=1&ref=animateur-ecommerce&lang=en&ns=cfa-lyon&parent=https%3A%2F%2Fformation.example.org",
            catalog(),
        )
        .unwrap();
        assert_eq!(c.referential.as_deref(), Some("animateur-ecommerce"));
        assert_eq!(c.lang, Some(Lang::En));
        assert_eq!(c.namespace, "cfa-lyon");
        assert_eq!(c.parent.as_deref(), Some("https://formation.example.org"));
    }

    #[test]
    fn not_embedded_without_embed_1() {
        assert_eq!(parse("?ref=vendeur-web", catalog()), None);
        assert_eq!(parse("", catalog()), None);
        assert_eq!(parse("?embed=0", catalog()), None);
    }

    #[test]
    fn invalid_values_are_dropped() {
        let c = parse(
            "?embed=1&ref=nope&lang=de&ns=../../x&parent=javascript:alert(1)",
            catalog(),
        )
        .unwrap();
        assert_eq!(
            c,
            EmbedConfig {
                referential: None,
                lang: None,
                namespace: EMBED_NAMESPACE.into(),
                parent: None,
                awaits_referential: false,
            }
        );
    }

    /// SPEC §13: the host may point learners to a referential a trainer brought; the shell,
    /// which cannot know it yet, keeps a well-formed id for the page to resolve.
    #[test]
    fn a_brought_referential_id_is_kept_for_the_page() {
        use crate::core::outline::OutlineOrBrought;
        let c = parse("?embed=1&ref=rncp38812&ns=cfa", &OutlineOrBrought).unwrap();
        assert_eq!(c.referential.as_deref(), Some("rncp38812"));
        let c = parse("?embed=1&ref=RNCP%2038812", &OutlineOrBrought).unwrap();
        assert_eq!(c.referential, None);
        let launch =
            crate::core::scorm::launch::parse("?lms=scorm12&ref=rncp38812", &OutlineOrBrought);
        assert_eq!(
            launch.unwrap().unwrap().scope.referential(),
            Some("rncp38812")
        );
    }

    #[test]
    fn an_embedding_never_gets_the_candidates_own_namespace() {
        for query in [
            "?embed=1",
            "?embed=1&ns=default",
            "?embed=1&ns=",
            "?embed=1&ns=Default%2E",
            "?embed=1&ns=../default",
            "?embed=1&ns=default&ns=cfa",
        ] {
            let c = parse(query, catalog()).unwrap();
            assert_eq!(c.namespace, EMBED_NAMESPACE, "{query}");
            assert_ne!(c.namespace, DEFAULT_NAMESPACE, "{query}");
        }
        assert_eq!(
            parse("?embed=1&ns=cfa-lyon", catalog()).unwrap().namespace,
            "cfa-lyon"
        );
        assert_eq!(embed_namespace(Some("embed")), EMBED_NAMESPACE);
    }

    #[test]
    fn a_host_that_posts_its_referential_says_so() {
        let parent = "&parent=https%3A%2F%2Fcfa.example.org";
        let c = parse(&format!("?embed=1&referential=1{parent}"), catalog()).unwrap();
        assert!(c.awaits_referential);
        // Only a host the frame can answer may post one.
        assert!(
            !parse("?embed=1&referential=1", catalog())
                .unwrap()
                .awaits_referential
        );
        for other in ["0", "", "yes"] {
            let q = format!("?embed=1&referential={other}{parent}");
            assert!(!parse(&q, catalog()).unwrap().awaits_referential, "{other}");
        }
    }

    #[test]
    fn origins() {
        assert!(is_origin("http://127.0.0.1:4174"));
        assert!(is_origin("https://example.org"));
        assert!(!is_origin("https://example.org/path"));
        assert!(!is_origin("https://user@example.org"));
        assert!(!is_origin("ftp://example.org"));
        assert!(!is_origin("https://example.org:99999x"));
        assert!(!is_origin("*"));
    }
}
