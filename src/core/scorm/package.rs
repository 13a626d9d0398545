//! The SCORM 1.2 package of a brought referential (SPEC §13 d), built in the browser: the app's
//! own files (the list its service worker precaches, `precache.json`, written at build time by
//! `scripts/build-sw.mjs`), the referential's file beside them, and the manifest `make scorm`
//! writes ([`manifest`](super::manifest)), whose launch URL names the file:
//! `index.html?lms=scorm12&ref=<id>&file=referential.json`. The shell fetches the files and
//! zips them with `core::zip`; this module says what goes in.

use super::launch::Scope;
use super::manifest::{manifest, title, ManifestError, PackageSpec};
use crate::core::catalog::Catalog;
use crate::core::custom::file::export_referential;
use crate::core::custom::Brought;
use serde_json::Value;
use std::fmt;

/// The name of the referential's file in a package.
pub const REFERENTIAL_FILE: &str = "referential.json";
/// The list of the app's files, beside `index.html`.
pub const PRECACHE_LIST: &str = "precache.json";
/// The `format` of that list.
pub const PRECACHE_FORMAT: &str = "repere.precache";

/// Why a package cannot be planned.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PackageError {
    /// `precache.json` is not the list the build writes.
    BadList,
    Manifest(ManifestError),
}

impl fmt::Display for PackageError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PackageError::BadList => write!(f, "{PRECACHE_LIST} is not the build's file list"),
            PackageError::Manifest(e) => e.fmt(f),
        }
    }
}

impl std::error::Error for PackageError {}

impl From<ManifestError> for PackageError {
    fn from(e: ManifestError) -> Self {
        PackageError::Manifest(e)
    }
}

/// The app's files from `precache.json`: `{"format": "repere.precache", "version": 1, "files":
/// [paths relative to index.html]}`. Each path is checked when the manifest is written.
pub fn app_files(json: &str) -> Result<Vec<String>, PackageError> {
    let v: Value = serde_json::from_str(json).map_err(|_| PackageError::BadList)?;
    if v["format"] != PRECACHE_FORMAT || v["version"] != 1 {
        return Err(PackageError::BadList);
    }
    v["files"]
        .as_array()
        .ok_or(PackageError::BadList)?
        .iter()
        .map(|f| f.as_str().map(str::to_owned).ok_or(PackageError::BadList))
        .collect()
}

/// What a package holds and how it is named.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Plan {
    /// `repere-<id>.zip`.
    pub file_name: String,
    /// « Repère — <title> », as the LMS lists it.
    pub title: String,
    pub launch: String,
    /// `imsmanifest.xml`, the archive's first entry.
    pub manifest: String,
    /// The app's files to fetch, in archive order (after the manifest).
    pub files: Vec<String>,
    /// The referential's file, the archive's last entry ([`REFERENTIAL_FILE`]).
    pub referential: String,
}

/// The package of `brought` (which `catalog` holds) made of `app_files`.
pub fn plan(
    app_files: &[String],
    catalog: &Catalog,
    brought: &Brought,
    version: &str,
    mastery: Option<u8>,
) -> Result<Plan, PackageError> {
    let scope = Scope::Referential(brought.referential.id.clone());
    let spec = PackageSpec {
        scope: scope.clone(),
        version: version.to_owned(),
        mastery,
        referential_file: Some(REFERENTIAL_FILE.into()),
    };
    let mut files: Vec<String> = app_files
        .iter()
        .filter(|f| *f != REFERENTIAL_FILE && *f != "imsmanifest.xml")
        .cloned()
        .collect();
    files.sort();
    files.dedup();
    let listed: Vec<String> = files
        .iter()
        .cloned()
        .chain([REFERENTIAL_FILE.to_owned()])
        .collect();
    Ok(Plan {
        file_name: scope.package_file(),
        title: title(&scope, catalog)?,
        launch: spec.launch_href(),
        manifest: manifest(&spec, catalog, &listed)?,
        files,
        referential: export_referential(brought),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::catalog::catalog;
    use crate::core::custom::file::import_referential;
    use crate::core::custom::test_support::fixture_brought as fiche;

    fn list(files: &[&str]) -> String {
        serde_json::json!({ "format": PRECACHE_FORMAT, "version": 1, "files": files }).to_string()
    }

    const BUILD: [&str; 6] = [
        "index.html",
        "repere-4f1c_bg.wasm",
        "repere-4f1c.js",
        "icons/icon-192.png",
        "precache.json",
        "embed.js",
    ];

    #[test]
    fn the_package_is_the_apps_files_and_the_referential() {
        let b = fiche();
        let cat = catalog().with_brought([b.referential.clone()]);
        let files = app_files(&list(&BUILD)).unwrap();
        let p = plan(&files, &cat, &b, "0.1.0", Some(70)).unwrap();
        assert_eq!(p.file_name, "repere-rncp38812.zip");
        assert_eq!(p.title, "Repère — Responsable e-commerce");
        assert_eq!(
            p.launch,
            "index.html?lms=scorm12&ref=rncp38812&file=referential.json"
        );
        let mut sorted = BUILD.map(String::from).to_vec();
        sorted.sort();
        assert_eq!(p.files, sorted);
        // Every file of the archive is listed in the manifest, the referential's too.
        for f in p.files.iter().map(String::as_str).chain([REFERENTIAL_FILE]) {
            assert!(p.manifest.contains(&format!("<file href=\"{f}\"/>")), "{f}");
        }
        assert!(p
            .manifest
            .contains("<adlcp:masteryscore>70</adlcp:masteryscore>"));
        // The file the package carries reads back as the referential.
        assert_eq!(import_referential(p.referential.as_bytes()).unwrap(), b);
    }

    #[test]
    fn a_bad_list_or_a_bad_path_is_refused() {
        for bad in [
            "",
            "[]",
            "{\"format\":\"repere.precache\",\"version\":2,\"files\":[]}",
            "{\"format\":\"other\",\"version\":1,\"files\":[]}",
            "{\"format\":\"repere.precache\",\"version\":1,\"files\":[1]}",
        ] {
            assert_eq!(app_files(bad), Err(PackageError::BadList), "{bad}");
        }
        let b = fiche();
        let cat = catalog().with_brought([b.referential.clone()]);
        let files = app_files(&list(&["index.html", "../x"])).unwrap();
        assert_eq!(
            plan(&files, &cat, &b, "0.1.0", None),
            Err(PackageError::Manifest(ManifestError::BadPath(
                "../x".into()
            )))
        );
        let no_index = app_files(&list(&["a.js"])).unwrap();
        assert_eq!(
            plan(&no_index, &cat, &b, "0.1.0", None),
            Err(PackageError::Manifest(ManifestError::NoLaunchFile))
        );
        // The catalog must hold the referential (its title names the package).
        assert_eq!(
            plan(&files, catalog(), &b, "0.1.0", None).map(|_| ()),
            Err(PackageError::Manifest(ManifestError::UnknownReferential(
                "rncp38812".into()
            )))
        );
    }
}
