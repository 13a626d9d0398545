//! Hash routing (SPEC §8): the view is driven by `location.hash`, so deep links survive a reload
//! on any static server and under any sub-path, and an embedding host page's path is untouched.

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Route {
    Home,
    /// A referential page, optionally scrolled to one of its items or groups.
    Referential {
        id: String,
        anchor: Option<String>,
    },
    Search {
        query: String,
    },
    /// The quick diagnostic over the pivot skills.
    Quick,
    /// Detailed positioning: the referential chooser, or one referential (optionally at an item).
    Assess {
        id: Option<String>,
        anchor: Option<String>,
    },
    Results,
    /// The printable report of the active dossier.
    Report,
    /// The printable entry positioning record of one referential (or the chooser).
    Record {
        id: Option<String>,
    },
    Dossiers,
    /// A shared result, read-only: the payload of a share link.
    Shared {
        payload: String,
    },
    /// A referential a trainer brought, carried by a link (SPEC §13 b): the link's payload.
    SharedReferential {
        payload: String,
    },
    /// The trainer's cohort view.
    Cohort,
    /// A trainer brings a referential: an RNCP export, a referential file (SPEC §13).
    ImportReferential,
    NotFound(String),
}

impl Route {
    /// Parses a `location.hash` value (with or without the leading `#`).
    pub fn parse(hash: &str) -> Route {
        let hash = hash.strip_prefix('#').unwrap_or(hash);
        let (path, query) = match hash.split_once('?') {
            Some((p, q)) => (p, Some(q)),
            None => (hash, None),
        };
        let path = path.trim_matches('/');
        let segments: Vec<String> = if path.is_empty() {
            Vec::new()
        } else {
            path.split('/').map(percent_decode).collect()
        };
        match segments
            .iter()
            .map(String::as_str)
            .collect::<Vec<_>>()
            .as_slice()
        {
            [] => Route::Home,
            ["referentiel", id] => Route::Referential {
                id: id.to_string(),
                anchor: None,
            },
            ["referentiel", id, anchor] => Route::Referential {
                id: id.to_string(),
                anchor: Some(anchor.to_string()),
            },
            ["diagnostic"] => Route::Quick,
            ["positionnement"] => Route::Assess {
                id: None,
                anchor: None,
            },
            ["positionnement", id] => Route::Assess {
                id: Some(id.to_string()),
                anchor: None,
            },
            ["positionnement", id, anchor] => Route::Assess {
                id: Some(id.to_string()),
                anchor: Some(anchor.to_string()),
            },
            ["resultats"] => Route::Results,
            ["rapport"] => Route::Report,
            ["positionnement-entree"] => Route::Record { id: None },
            ["positionnement-entree", id] => Route::Record {
                id: Some(id.to_string()),
            },
            ["partage", payload] => Route::Shared {
                payload: payload.to_string(),
            },
            ["referentiel-partage", payload] => Route::SharedReferential {
                payload: payload.to_string(),
            },
            ["groupe"] => Route::Cohort,
            ["referentiels", "importer"] => Route::ImportReferential,
            ["dossiers"] => Route::Dossiers,
            ["recherche"] => Route::Search {
                query: query.and_then(|q| query_param(q, "q")).unwrap_or_default(),
            },
            _ => Route::NotFound(hash.to_string()),
        }
    }

    /// The hash for this route, starting with `#`.
    pub fn to_hash(&self) -> String {
        match self {
            Route::Home => "#/".to_string(),
            Route::Referential { id, anchor: None } => {
                format!("#/referentiel/{}", percent_encode(id))
            }
            Route::Referential {
                id,
                anchor: Some(a),
            } => {
                format!("#/referentiel/{}/{}", percent_encode(id), percent_encode(a))
            }
            Route::Search { query } if query.is_empty() => "#/recherche".to_string(),
            Route::Search { query } => format!("#/recherche?q={}", percent_encode(query)),
            Route::Quick => "#/diagnostic".to_string(),
            Route::Assess { id: None, .. } => "#/positionnement".to_string(),
            Route::Assess {
                id: Some(id),
                anchor: None,
            } => format!("#/positionnement/{}", percent_encode(id)),
            Route::Assess {
                id: Some(id),
                anchor: Some(a),
            } => {
                format!(
                    "#/positionnement/{}/{}",
                    percent_encode(id),
                    percent_encode(a)
                )
            }
            Route::Results => "#/resultats".to_string(),
            Route::Report => "#/rapport".to_string(),
            Route::Record { id: None } => "#/positionnement-entree".to_string(),
            Route::Record { id: Some(id) } => {
                format!("#/positionnement-entree/{}", percent_encode(id))
            }
            Route::Shared { payload } => format!("#/partage/{}", percent_encode(payload)),
            Route::SharedReferential { payload } => {
                format!("#/referentiel-partage/{}", percent_encode(payload))
            }
            Route::Cohort => "#/groupe".to_string(),
            Route::ImportReferential => "#/referentiels/importer".to_string(),
            Route::Dossiers => "#/dossiers".to_string(),
            Route::NotFound(h) => format!("#{h}"),
        }
    }
}

/// The value of `name` in an `a=1&b=2` query string, percent-decoded (`+` is a space).
pub fn query_param(query: &str, name: &str) -> Option<String> {
    let query = query.strip_prefix('?').unwrap_or(query);
    query.split('&').find_map(|pair| {
        let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
        (percent_decode(k) == name).then(|| percent_decode(&v.replace('+', " ")))
    })
}

/// Encodes everything but unreserved characters (RFC 3986), so any text is safe in a fragment.
pub fn percent_encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// Decodes `%XX` escapes; malformed escapes are kept as they are, invalid UTF-8 is replaced.
pub fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            let hex = std::str::from_utf8(&bytes[i + 1..i + 3])
                .ok()
                .and_then(|h| u8::from_str_radix(h, 16).ok());
            if let Some(b) = hex {
                out.push(b);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_known_routes() {
        assert_eq!(Route::parse(""), Route::Home);
        assert_eq!(Route::parse("#/"), Route::Home);
        assert_eq!(
            Route::parse("#/referentiel/charge-ecommerce"),
            Route::Referential {
                id: "charge-ecommerce".into(),
                anchor: None
            }
        );
        assert_eq!(
            Route::parse("#/referentiel/vendeur-web/A.7"),
            Route::Referential {
                id: "vendeur-web".into(),
                anchor: Some("A.7".into())
            }
        );
        assert_eq!(
            Route::parse("#/recherche?q=r%C3%A9f+web"),
            Route::Search {
                query: "réf web".into()
            }
        );
        assert_eq!(
            Route::parse("#/referentiels/importer"),
            Route::ImportReferential
        );
        assert_eq!(
            Route::parse("#/nowhere"),
            Route::NotFound("/nowhere".into())
        );
    }

    #[test]
    fn round_trips() {
        for r in [
            Route::Home,
            Route::Referential {
                id: "x".into(),
                anchor: Some("C2.1.4.1".into()),
            },
            Route::Search {
                query: "référencement & co".into(),
            },
            Route::Quick,
            Route::Results,
            Route::Report,
            Route::Record { id: None },
            Route::Record {
                id: Some("animateur-ecommerce".into()),
            },
            Route::Cohort,
            Route::ImportReferential,
            Route::Shared {
                payload: "AbC-_9".into(),
            },
            Route::SharedReferential {
                payload: "AQid-_x9".into(),
            },
            Route::Dossiers,
            Route::Assess {
                id: None,
                anchor: None,
            },
            Route::Assess {
                id: Some("vendeur-web".into()),
                anchor: Some("E.5".into()),
            },
        ] {
            assert_eq!(Route::parse(&r.to_hash()), r);
        }
    }

    #[test]
    fn tolerates_broken_escapes() {
        assert_eq!(percent_decode("%"), "%");
        assert_eq!(percent_decode("a%zz"), "a%zz");
        assert_eq!(percent_decode("%C3"), "\u{fffd}");
    }
}
