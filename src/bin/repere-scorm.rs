//! `make scorm`'s planner: from the files of a release build, writes for each SCORM 1.2 package
//! (one per referential, one for all five) its `imsmanifest.xml` with `core::scorm::manifest`.
//! Prints the plan as JSON for `scripts/scorm-package.mjs`, which lists the build (the one walk
//! over it, `scripts/build-files.mjs`) and writes the zips. Usage: `repere-scorm [--mastery
//! 0-100] < files` (the build's files, one `/`-separated relative path a line).

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

    pub fn run(args: Vec<String>) -> Result<(), String> {
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
                _ => {
                    return Err(format!(
                        "unexpected argument {a} (usage: repere-scorm [--mastery 0-100] < files)"
                    ))
                }
            }
        }
        let lines: Vec<String> = std::io::stdin()
            .lines()
            .collect::<Result<_, _>>()
            .map_err(|e| format!("reading the file list: {e}"))?;
        let files: Vec<String> = lines.into_iter().filter(|l| !l.is_empty()).collect();
        if files.is_empty() {
            return Err("no file on standard input: pipe the build's file list in".into());
        }
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
}
