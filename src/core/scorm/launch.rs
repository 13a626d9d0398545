//! How a SCORM package launches the app (SPEC §12): `index.html?lms=scorm12&ref=<referential>`
//! for one referential, `index.html?lms=scorm12` for all five; `lang=fr|en` may be added. Each
//! package stores its dossiers under its own namespace, `lms-<referential>` or `lms-all`, so that
//! a package never reads or overwrites the candidate's own dossiers, nor another package's.

use crate::core::catalog::Catalog;
use crate::core::i18n::Lang;
use crate::core::outline::KnowsReferentials;
use crate::core::route::{percent_encode, query_param};

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
    pub fn namespace(&self) -> String {
        match self {
            Scope::Referential(id) => format!("lms-{id}"),
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

    /// The launch URL, relative to the package root.
    pub fn launch_href(&self) -> String {
        match self {
            Scope::Referential(id) => {
                format!("index.html?lms={LMS_SCORM12}&ref={}", percent_encode(id))
            }
            Scope::All => format!("index.html?lms={LMS_SCORM12}"),
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
}

/// Why a launch URL asks for LMS mode but cannot be followed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LaunchError {
    /// `lms=` names a standard this version does not speak (e.g. SCORM 2004).
    UnknownStandard(String),
    /// `ref=` names no bundled referential.
    UnknownReferential(String),
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
    let scope = match query_param(query, "ref") {
        None => Scope::All,
        Some(r) if r.is_empty() || r == "all" => Scope::All,
        Some(r) if catalog.knows_referential(&r) => Scope::Referential(r),
        Some(r) => return Some(Err(LaunchError::UnknownReferential(r))),
    };
    let lang = query_param(query, "lang").and_then(|l| Lang::from_code(&l));
    Some(Ok(LmsConfig { scope, lang }))
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
            let href = scope.launch_href();
            let query = &href[href.find('?').unwrap()..];
            assert_eq!(
                parse(query, catalog()),
                Some(Ok(LmsConfig {
                    scope: scope.clone(),
                    lang: None
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
                lang: Some(Lang::En)
            }))
        );
        assert_eq!(
            parse("?lms=scorm12&ref=vendeur-web&lang=de", catalog()),
            Some(Ok(LmsConfig {
                scope: Scope::Referential("vendeur-web".into()),
                lang: None
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
}
