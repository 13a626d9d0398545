//! `imsmanifest.xml` of a SCORM 1.2 content package (SPEC §12): one organisation holding one
//! item, launched by one SCO resource that lists every file of the build. `make scorm`
//! (`src/bin/repere-scorm.rs`) writes one package per [`Scope`].
//!
//! Identifiers are stable across versions (`repere-org`, `repere-item`, `repere-sco`), so that
//! an LMS that is given a new version of a package keeps the learners' tracks. The mastery
//! score (`adlcp:masteryscore`, 0–100) is optional: without it the app reports `completed`,
//! with it `passed`/`failed` (the LMS hands it to the app as `cmi.student_data.mastery_score`).

use super::launch::Scope;
use crate::core::catalog::Catalog;
use std::fmt::Write;

/// The title of the package for all five referentials.
pub const ALL_TITLE: &str = "cinq référentiels des métiers du e-commerce";

/// Why a manifest cannot be written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ManifestError {
    /// The build has no `index.html` to launch.
    NoLaunchFile,
    /// A path that would point outside the package, or is not a plain relative path.
    BadPath(String),
    MasteryOutOfRange(u8),
    UnknownReferential(String),
    /// The referential file the launch URL names is not among the package's files.
    MissingFile(String),
}

impl std::fmt::Display for ManifestError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ManifestError::NoLaunchFile => f.write_str("the build has no index.html"),
            ManifestError::BadPath(p) => write!(f, "not a relative path inside the package: {p}"),
            ManifestError::MasteryOutOfRange(m) => write!(f, "mastery score {m} is not 0–100"),
            ManifestError::UnknownReferential(r) => write!(f, "unknown referential {r}"),
            ManifestError::MissingFile(p) => write!(f, "the package does not hold {p}"),
        }
    }
}

impl std::error::Error for ManifestError {}

/// What a package needs besides its files.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PackageSpec {
    pub scope: Scope,
    /// Written as the manifest's `version` (the app version).
    pub version: String,
    pub mastery: Option<u8>,
    /// The file of the brought referential a package carries (SPEC §13 d), named in the launch
    /// URL; `None` for the bundled ones.
    pub referential_file: Option<String>,
}

impl PackageSpec {
    /// The launch URL, relative to the package root.
    pub fn launch_href(&self) -> String {
        self.scope.launch_href(self.referential_file.as_deref())
    }
}

fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c => out.push(c),
        }
    }
    out
}

/// A file path as a URL reference: `/`-separated, with everything but unreserved characters
/// percent-encoded.
fn href(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for b in path.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~' | b'/') {
            out.push(b as char);
        } else {
            let _ = write!(out, "%{b:02X}");
        }
    }
    out
}

fn check_path(path: &str) -> Result<(), ManifestError> {
    let bad = path.is_empty()
        || path.starts_with('/')
        || path.contains('\\')
        || path.contains(':')
        || path.chars().any(char::is_control)
        || path
            .split('/')
            .any(|s| s.is_empty() || s == "." || s == "..");
    if bad {
        Err(ManifestError::BadPath(path.to_owned()))
    } else {
        Ok(())
    }
}

/// The title shown in the LMS: « Repère — <referential title> ».
pub fn title(scope: &Scope, catalog: &Catalog) -> Result<String, ManifestError> {
    let what = match scope {
        Scope::All => ALL_TITLE.to_owned(),
        Scope::Referential(id) => catalog
            .referential(id)
            .map(|r| r.title.clone())
            .ok_or_else(|| ManifestError::UnknownReferential(id.clone()))?,
    };
    Ok(format!("Repère — {what}"))
}

/// `imsmanifest.xml` for a package holding `files` (paths relative to the package root, `/`
/// separators; `imsmanifest.xml` itself is left out of the list).
pub fn manifest(
    spec: &PackageSpec,
    catalog: &Catalog,
    files: &[String],
) -> Result<String, ManifestError> {
    let title = escape(&title(&spec.scope, catalog)?);
    if let Some(m) = spec.mastery.filter(|m| *m > 100) {
        return Err(ManifestError::MasteryOutOfRange(m));
    }
    let mut files: Vec<&str> = files
        .iter()
        .map(String::as_str)
        .filter(|f| *f != "imsmanifest.xml")
        .collect();
    for f in &files {
        check_path(f)?;
    }
    files.sort_unstable();
    files.dedup();
    if !files.contains(&"index.html") {
        return Err(ManifestError::NoLaunchFile);
    }
    if let Some(f) = spec
        .referential_file
        .as_ref()
        .filter(|f| !files.contains(&f.as_str()))
    {
        return Err(ManifestError::MissingFile(f.clone()));
    }
    let identifier = match &spec.scope {
        Scope::Referential(id) => format!("repere-{id}"),
        Scope::All => "repere-all".into(),
    };
    let mastery = spec
        .mastery
        .map(|m| format!("\n        <adlcp:masteryscore>{m}</adlcp:masteryscore>"))
        .unwrap_or_default();
    let mut file_list = String::new();
    for f in files {
        let _ = writeln!(file_list, "      <file href=\"{}\"/>", escape(&href(f)));
    }
    Ok(format!(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<manifest identifier="{identifier}" version="{version}"
    xmlns="http://www.imsproject.org/xsd/imscp_rootv1p1p2"
    xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_rootv1p2"
    xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
    xsi:schemaLocation="http://www.imsproject.org/xsd/imscp_rootv1p1p2 imscp_rootv1p1p2.xsd http://www.imsglobal.org/xsd/imsmd_rootv1p2p1 imsmd_rootv1p2p1.xsd http://www.adlnet.org/xsd/adlcp_rootv1p2 adlcp_rootv1p2.xsd">
  <metadata>
    <schema>ADL SCORM</schema>
    <schemaversion>1.2</schemaversion>
  </metadata>
  <organizations default="repere-org">
    <organization identifier="repere-org">
      <title>{title}</title>
      <item identifier="repere-item" identifierref="repere-sco" isvisible="true">
        <title>{title}</title>{mastery}
      </item>
    </organization>
  </organizations>
  <resources>
    <resource identifier="repere-sco" type="webcontent" adlcp:scormtype="sco" href="{launch}">
{file_list}    </resource>
  </resources>
</manifest>
"#,
        version = escape(&spec.version),
        launch = escape(&spec.launch_href()),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::catalog::catalog;
    use crate::core::scorm::launch::packages;

    fn build() -> Vec<String> {
        [
            "index.html",
            "repere-4f1c_bg.wasm",
            "repere-4f1c.js",
            "main-9a8b.css",
            "sw.js",
            "icons/icon-192.png",
            "embed.js",
            "manifest.webmanifest",
            "icons/icon 512 (copie).png",
        ]
        .map(String::from)
        .to_vec()
    }

    fn spec(scope: Scope, mastery: Option<u8>) -> PackageSpec {
        PackageSpec {
            scope,
            version: "0.1.0".into(),
            mastery,
            referential_file: None,
        }
    }

    /// The text between `<tag` … `</tag>` or up to `/>`, for each occurrence.
    fn elements<'a>(xml: &'a str, tag: &str) -> Vec<&'a str> {
        xml.match_indices(&format!("<{tag}"))
            .filter(|(i, _)| {
                let next = xml.as_bytes()[i + tag.len() + 1];
                next == b' ' || next == b'>' || next == b'/'
            })
            .map(|(i, _)| {
                let rest = &xml[i..];
                let end = rest
                    .find(&format!("</{tag}>"))
                    .map(|e| e + tag.len() + 3)
                    .or_else(|| rest.find("/>").map(|e| e + 2))
                    .unwrap();
                &rest[..end]
            })
            .collect()
    }

    fn attr<'a>(element: &'a str, name: &str) -> Option<&'a str> {
        let start = element.find(&format!(" {name}=\""))? + name.len() + 3;
        Some(&element[start..start + element[start..].find('"')?])
    }

    #[test]
    fn one_organisation_one_sco_every_file() {
        for scope in packages(catalog()) {
            let xml = manifest(&spec(scope.clone(), Some(80)), catalog(), &build()).unwrap();
            assert!(xml.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<manifest "));
            assert_eq!(elements(&xml, "organization").len(), 1);
            let organizations = elements(&xml, "organizations")[0];
            assert_eq!(attr(organizations, "default"), Some("repere-org"));
            let items = elements(&xml, "item");
            assert_eq!(items.len(), 1);
            assert_eq!(attr(items[0], "identifierref"), Some("repere-sco"));
            let resources = elements(&xml, "resource");
            assert_eq!(resources.len(), 1);
            let sco = resources[0];
            assert_eq!(attr(sco, "identifier"), Some("repere-sco"));
            assert_eq!(attr(sco, "adlcp:scormtype"), Some("sco"));
            assert_eq!(attr(sco, "type"), Some("webcontent"));
            let launch = scope.launch_href(None).replace('&', "&amp;");
            assert_eq!(attr(sco, "href"), Some(launch.as_str()));
            let files: Vec<&str> = elements(sco, "file")
                .iter()
                .map(|f| attr(f, "href").unwrap())
                .collect();
            assert_eq!(
                files,
                [
                    "embed.js",
                    "icons/icon%20512%20%28copie%29.png",
                    "icons/icon-192.png",
                    "index.html",
                    "main-9a8b.css",
                    "manifest.webmanifest",
                    "repere-4f1c.js",
                    "repere-4f1c_bg.wasm",
                    "sw.js"
                ]
            );
            assert!(xml.contains("<schema>ADL SCORM</schema>"));
            assert!(xml.contains("<schemaversion>1.2</schemaversion>"));
            assert!(xml.contains("xmlns=\"http://www.imsproject.org/xsd/imscp_rootv1p1p2\""));
            assert!(xml.contains("xmlns:adlcp=\"http://www.adlnet.org/xsd/adlcp_rootv1p2\""));
            assert!(xml.contains("adlcp_rootv1p2.xsd"));
            assert!(xml.contains("<adlcp:masteryscore>80</adlcp:masteryscore>"));
            // Balanced tags: every element opened is closed.
            for tag in [
                "manifest",
                "metadata",
                "organizations",
                "organization",
                "item",
                "title",
                "resources",
                "resource",
            ] {
                assert_eq!(
                    xml.matches(&format!("<{tag}>")).count()
                        + xml.matches(&format!("<{tag} ")).count(),
                    xml.matches(&format!("</{tag}>")).count(),
                    "{tag}"
                );
            }
        }
    }

    #[test]
    fn titles_are_escaped_and_name_the_referential() {
        let xml = manifest(
            &spec(Scope::Referential("charge-ecommerce".into()), None),
            catalog(),
            &build(),
        )
        .unwrap();
        assert!(xml.contains("<title>Repère — Chargé(e) du e-commerce</title>"));
        assert!(xml.contains("identifier=\"repere-charge-ecommerce\""));
        assert!(!xml.contains("masteryscore"));
        let all = manifest(&spec(Scope::All, None), catalog(), &build()).unwrap();
        assert!(all.contains("href=\"index.html?lms=scorm12\""));
        assert!(all.contains(&format!("<title>Repère — {ALL_TITLE}</title>")));
        assert_eq!(
            escape("a<b & \"c\" 'd'>"),
            "a&lt;b &amp; &quot;c&quot; &apos;d&apos;&gt;"
        );
    }

    #[test]
    fn the_mastery_score_is_editable() {
        for m in [0, 50, 100] {
            let xml = manifest(&spec(Scope::All, Some(m)), catalog(), &build()).unwrap();
            assert!(xml.contains(&format!("<adlcp:masteryscore>{m}</adlcp:masteryscore>")));
        }
        assert_eq!(
            manifest(&spec(Scope::All, Some(101)), catalog(), &build()),
            Err(ManifestError::MasteryOutOfRange(101))
        );
    }

    #[test]
    fn bad_builds_are_refused() {
        let mut no_index = build();
        no_index.retain(|f| f != "index.html");
        assert_eq!(
            manifest(&spec(Scope::All, None), catalog(), &no_index),
            Err(ManifestError::NoLaunchFile)
        );
        for bad in [
            "../secret",
            "/etc/passwd",
            "a//b",
            "./x",
            "c:\\x",
            "a\\b",
            "",
        ] {
            let mut files = build();
            files.push(bad.into());
            assert_eq!(
                manifest(&spec(Scope::All, None), catalog(), &files),
                Err(ManifestError::BadPath(bad.into())),
                "{bad}"
            );
        }
        assert_eq!(
            manifest(
                &spec(Scope::Referential("nope".into()), None),
                catalog(),
                &build()
            ),
            Err(ManifestError::UnknownReferential("nope".into()))
        );
        // The manifest never lists itself; duplicates are listed once.
        let mut files = build();
        files.push("imsmanifest.xml".into());
        files.push("index.html".into());
        let xml = manifest(&spec(Scope::All, None), catalog(), &files).unwrap();
        assert!(!xml.contains("href=\"imsmanifest.xml\""));
        assert_eq!(xml.matches("<file href=\"index.html\"/>").count(), 1);
    }

    #[test]
    fn a_brought_referentials_package_launches_with_its_file() {
        let b = crate::core::custom::test_support::fixture_brought();
        let cat = catalog().with_brought([b.referential.clone()]);
        let mut files = build();
        let spec = PackageSpec {
            referential_file: Some("referential.json".into()),
            ..spec(Scope::Referential(b.referential.id.clone()), None)
        };
        assert_eq!(
            manifest(&spec, &cat, &files),
            Err(ManifestError::MissingFile("referential.json".into()))
        );
        files.push("referential.json".into());
        let xml = manifest(&spec, &cat, &files).unwrap();
        assert!(xml.contains(
            "href=\"index.html?lms=scorm12&amp;ref=rncp38812&amp;file=referential.json\""
        ));
        assert!(xml.contains("<file href=\"referential.json\"/>"));
        assert!(xml.contains("<title>Repère — Responsable e-commerce</title>"));
        assert!(xml.contains("identifier=\"repere-rncp38812\""));
    }
}
