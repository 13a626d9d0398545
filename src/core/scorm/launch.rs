//! How a SCORM package launches the app (SPEC §12): `index.html?lms=scorm12&ref=<referential>`
//! for one referential, `index.html?lms=scorm12` for all five; `lang=fr|en` may be added. A
//! package for a referential a trainer brought (SPEC §13 d) carries its file and names it:
//! `index.html?lms=scorm12&ref=rncp37674&file=referential.json`, and the app reads that file
//! before anything else. Each package stores its dossiers under its own namespace,
//! `lms-<referential>` or `lms-all`, so that a package never reads or overwrites the candidate's
//! own dossiers, nor another package's.

use crate::core::catalog::Catalog;
use crate::core::custom::valid_referential_id;
use crate::core::dossier::MAX_NAMESPACE_CHARS;
use crate::core::i18n::Lang;
use crate::core::outline::{self, KnowsReferentials};
use crate::core::route::{percent_encode, query_param};
use crate::core::share::crc32;

/// The value of `lms=` this version understands.
pub const LMS_SCORM12: &str = "scorm12";

/// What a package is about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Scope {
    /// One referential: its readiness is the score, its blocks (or groups) the objectives.
    Referential(String),
    /// All five: the best fit's readiness is the score, one objective per profession.
    All,
}

impl Scope {
    /// Storage namespace of the package (`[a-z0-9-_]{1,40}`, see `dossier::valid_namespace`).
    /// A brought referential's id may take all 40 characters: then its first 27 and a hash of
    /// the whole id.
    pub fn namespace(&self) -> String {
        match self {
            Scope::Referential(id) if id.len() + 4 <= MAX_NAMESPACE_CHARS => format!("lms-{id}"),
            Scope::Referential(id) => {
                format!("lms-{}-{:08x}", &id[..27], crc32(id.as_bytes()))
            }
            Scope::All => "lms-all".into(),
        }
    }

    /// The file name of its package in `dist-scorm/`.
    pub fn package_file(&self) -> String {
        match self {
            Scope::Referential(id) => format!("repere-{id}.zip"),
            Scope::All => "repere.zip".into(),
        }
    }

    /// The launch URL, relative to the package root; `file`: the referential file a package for
    /// a brought referential carries.
    pub fn launch_href(&self, file: Option<&str>) -> String {
        match (self, file) {
            (Scope::Referential(id), None) => {
                format!("index.html?lms={LMS_SCORM12}&ref={}", percent_encode(id))
            }
            (Scope::Referential(id), Some(f)) => format!(
                "index.html?lms={LMS_SCORM12}&ref={}&file={}",
                percent_encode(id),
                percent_encode(f)
            ),
            (Scope::All, _) => format!("index.html?lms={LMS_SCORM12}"),
        }
    }

    pub fn referential(&self) -> Option<&str> {
        match self {
            Scope::Referential(id) => Some(id),
            Scope::All => None,
        }
    }
}

/// LMS mode as the launch URL asks for it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LmsConfig {
    pub scope: Scope,
    pub lang: Option<Lang>,
    /// The brought referential's file the package carries, beside `index.html`.
    pub file: Option<String>,
}

/// A file name a package may carry its referential in: `[a-z0-9._-]`, ending in `.json`, no
/// path (the app fetches it beside itself).
pub fn valid_file(name: &str) -> bool {
    (6..=60).contains(&name.len())
        && name.ends_with(".json")
        && !name.starts_with('.')
        && name.bytes().all(|b| {
            b.is_ascii_lowercase() || b.is_ascii_digit() || matches!(b, b'.' | b'_' | b'-')
        })
}

/// Why a launch URL asks for LMS mode but cannot be followed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LaunchError {
    /// `lms=` names a standard this version does not speak (e.g. SCORM 2004).
    UnknownStandard(String),
    /// `ref=` names no bundled referential (and no file is given for a brought one).
    UnknownReferential(String),
    /// `file=` is not a plain file name beside the app.
    BadFile(String),
}

/// `None` when the query string does not ask for LMS mode (no `lms=`).
pub fn parse(
    query: &str,
    catalog: &impl KnowsReferentials,
) -> Option<Result<LmsConfig, LaunchError>> {
    let standard = query_param(query, "lms")?;
    if standard != LMS_SCORM12 {
        return Some(Err(LaunchError::UnknownStandard(standard)));
    }
    let file = query_param(query, "file");
    if let Some(f) = file.as_ref().filter(|f| !valid_file(f)) {
        return Some(Err(LaunchError::BadFile(f.clone())));
    }
    let scope = match query_param(query, "ref") {
        None => Scope::All,
        Some(r) if r.is_empty() || r == "all" => Scope::All,
        Some(r) if catalog.knows_referential(&r) => Scope::Referential(r),
        // A brought referential: its file says what it is, once read.
        Some(r) if file.is_some() && valid_referential_id(&r) => Scope::Referential(r),
        Some(r) => return Some(Err(LaunchError::UnknownReferential(r))),
    };
    // A file goes with the brought referential it describes, never with a bundled one.
    let file = file
        .filter(|_| matches!(&scope, Scope::Referential(r) if outline::referential(r).is_none()));
    let lang = query_param(query, "lang").and_then(|l| Lang::from_code(&l));
    Some(Ok(LmsConfig { scope, lang, file }))
}

/// Every package `make scorm` builds: one per referential, in catalog order, then all five.
pub fn packages(catalog: &Catalog) -> Vec<Scope> {
    catalog
        .referentials
        .iter()
        .map(|r| Scope::Referential(r.id.clone()))
        .chain([Scope::All])
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::catalog::catalog;
    use crate::core::dossier::valid_namespace;

    #[test]
    fn launch_urls_parse_back_to_their_scope() {
        for scope in packages(catalog()) {
            let href = scope.launch_href(None);
            let query = &href[href.find('?').unwrap()..];
            assert_eq!(
                parse(query, catalog()),
                Some(Ok(LmsConfig {
                    scope: scope.clone(),
                    lang: None,
                    file: None,
                }))
            );
            assert!(valid_namespace(&scope.namespace()), "{}", scope.namespace());
        }
        assert_eq!(packages(catalog()).len(), 6);
        assert_eq!(Scope::All.package_file(), "repere.zip");
        assert_eq!(
            Scope::Referential("vendeur-web".into()).package_file(),
            "repere-vendeur-web.zip"
        );
    }

    #[test]
    fn other_queries() {
        assert_eq!(parse("", catalog()), None);
        assert_eq!(parse("?embed=1&ref=vendeur-web", catalog()), None);
        assert_eq!(
            parse("?lms=scorm12&ref=all&lang=en", catalog()),
            Some(Ok(LmsConfig {
                scope: Scope::All,
                lang: Some(Lang::En),
                file: None,
            }))
        );
        assert_eq!(
            parse("?lms=scorm12&ref=vendeur-web&lang=de", catalog()),
            Some(Ok(LmsConfig {
                scope: Scope::Referential("vendeur-web".into()),
                lang: None,
                file: None,
            }))
        );
        assert_eq!(
            parse("?lms=scorm2004", catalog()),
            Some(Err(LaunchError::UnknownStandard("scorm2004".into())))
        );
        assert_eq!(
            parse("?lms=scorm12&ref=../x", catalog()),
            Some(Err(LaunchError::UnknownReferential("../x".into())))
        );
    }

    #[test]
    fn a_package_for_a_brought_referential_names_its_file() {
        let scope = Scope::Referential("rncp37674".into());
        let href = scope.launch_href(Some("referential.json"));
        assert_eq!(
            href,
            "index.html?lms=scorm12&ref=rncp37674&file=referential.json"
        );
        let query = &href[href.find('?').unwrap()..];
        assert_eq!(
            parse(query, catalog()),
            Some(Ok(LmsConfig {
                scope: scope.clone(),
                lang: None,
                file: Some("referential.json".into()),
            }))
        );
        assert_eq!(scope.namespace(), "lms-rncp37674");
        // Without its file, an id the app does not know is refused as before.
        assert_eq!(
            parse("?lms=scorm12&ref=rncp37674", catalog()),
            Some(Err(LaunchError::UnknownReferential("rncp37674".into())))
        );
        // A bundled referential's package carries no file: one given is ignored.
        assert_eq!(
            parse(
                "?lms=scorm12&ref=vendeur-web&file=referential.json",
                catalog()
            )
            .unwrap()
            .unwrap()
            .file,
            None
        );
        for bad in [
            "../referential.json",
            "a/b.json",
            "referential.js",
            ".json",
            "x.json?y",
            "R.json",
        ] {
            let q = format!("?lms=scorm12&ref=rncp1&file={}", percent_encode(bad));
            assert_eq!(
                parse(&q, catalog()),
                Some(Err(LaunchError::BadFile(bad.into()))),
                "{bad}"
            );
        }
        assert_eq!(
            parse("?lms=scorm12&ref=RNCP1&file=referential.json", catalog()),
            Some(Err(LaunchError::UnknownReferential("RNCP1".into())))
        );
    }

    #[test]
    fn before_the_state_a_brought_id_is_taken_with_its_file() {
        use crate::core::outline::OutlineOrBrought;
        let q = "?lms=scorm12&ref=rncp37674&file=referential.json";
        let c = parse(q, &OutlineOrBrought).unwrap().unwrap();
        assert_eq!(c.file.as_deref(), Some("referential.json"));
        let q = "?lms=scorm12&ref=vendeur-web&file=referential.json";
        assert_eq!(parse(q, &OutlineOrBrought).unwrap().unwrap().file, None);
    }

    #[test]
    fn every_brought_id_gets_a_valid_namespace_of_its_own() {
        let long = "r".repeat(40);
        let other = format!("{}s", "r".repeat(39));
        let ns = |id: &str| Scope::Referential(id.into()).namespace();
        for id in [
            long.as_str(),
            other.as_str(),
            "a",
            &"x".repeat(36),
            &"x".repeat(37),
        ] {
            assert!(valid_namespace(&ns(id)), "{id}: {}", ns(id));
        }
        assert_ne!(ns(&long), ns(&other));
        assert_eq!(ns(&"x".repeat(36)), format!("lms-{}", "x".repeat(36)));
    }
}
