//! `make scorm`'s planner: lists every file of a release build and writes, for each SCORM 1.2
//! package (one per referential, one for all five), its `imsmanifest.xml` with
//! `core::scorm::manifest`. Prints the plan as JSON for `scripts/scorm-package.mjs`, which writes
//! the zips. Usage: `repere-scorm <build dir> [--mastery 0-100]`.

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    if let Err(e) = native::run(std::env::args().skip(1).collect()) {
        eprintln!("repere-scorm: {e}");
        std::process::exit(1);
    }
}

#[cfg(target_arch = "wasm32")]
fn main() {}

#[cfg(not(target_arch = "wasm32"))]
mod native {
    use repere::core::catalog::catalog;
    use repere::core::scorm::launch::packages;
    use repere::core::scorm::manifest::{manifest, title, PackageSpec};
    use std::path::Path;

    pub fn run(args: Vec<String>) -> Result<(), String> {
        let mut dir = None;
        let mut mastery = None;
        let mut args = args.into_iter();
        while let Some(a) = args.next() {
            match a.as_str() {
                "--mastery" => {
                    let v = args.next().ok_or("--mastery needs a value")?;
                    if !v.is_empty() {
                        mastery = Some(
                            v.parse::<u8>()
                                .ok()
                                .filter(|m| *m <= 100)
                                .ok_or(format!("--mastery {v}: a whole number 0–100"))?,
                        );
                    }
                }
                _ if dir.is_none() => dir = Some(a),
                _ => return Err(format!("unexpected argument {a}")),
            }
        }
        let dir = dir.ok_or("usage: repere-scorm <build dir> [--mastery 0-100]")?;
        let mut files = Vec::new();
        list(Path::new(&dir), "", &mut files)?;
        files.sort();
        let mut out = Vec::new();
        for scope in packages(catalog()) {
            let spec = PackageSpec {
                scope: scope.clone(),
                version: env!("CARGO_PKG_VERSION").into(),
                mastery,
                referential_file: None,
            };
            let xml = manifest(&spec, catalog(), &files).map_err(|e| e.to_string())?;
            out.push(serde_json::json!({
                "file": scope.package_file(),
                "title": title(&scope, catalog()).map_err(|e| e.to_string())?,
                "launch": spec.launch_href(),
                "manifest": xml,
            }));
        }
        let plan = serde_json::json!({ "files": files, "packages": out });
        println!("{plan}");
        Ok(())
    }

    /// Every regular file under `root`/`prefix`, as `/`-separated relative paths.
    fn list(root: &Path, prefix: &str, out: &mut Vec<String>) -> Result<(), String> {
        let dir = root.join(prefix);
        let entries = std::fs::read_dir(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
        for entry in entries {
            let entry = entry.map_err(|e| e.to_string())?;
            let name = entry
                .file_name()
                .into_string()
                .map_err(|n| format!("not a UTF-8 file name: {n:?}"))?;
            let path = format!("{prefix}{name}");
            let kind = entry.file_type().map_err(|e| e.to_string())?;
            if kind.is_dir() {
                list(root, &format!("{path}/"), out)?;
            } else if kind.is_file() {
                out.push(path);
            }
        }
        Ok(())
    }
}
