//! The seeds (`../shared/seeds`, the source documents of the referentials) for the data tests.
//! They live outside the repository: a checkout without them still runs every other test, and a
//! test that needs them says SKIPPED, unless `REPERE_REQUIRE_SEEDS` is set (by `.ci/run`), which
//! makes their absence a failure so that CI can never skip them.

use std::io::Write;
use std::path::PathBuf;

pub fn seeds_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/seeds")
}

/// Whether the seeds are there for `test`. When they are not: a failure if
/// `REPERE_REQUIRE_SEEDS` is set (to anything but `0`), else a SKIPPED line and `false`.
pub fn seeds_present(test: &str) -> bool {
    let dir = seeds_dir();
    if dir.is_dir() {
        return true;
    }
    let required = std::env::var("REPERE_REQUIRE_SEEDS").is_ok_and(|v| !v.is_empty() && v != "0");
    assert!(
        !required,
        "{test}: {} not found, and REPERE_REQUIRE_SEEDS is set: the seeds are required here",
        dir.display()
    );
    // Straight to the process's stderr: the test harness captures `eprintln!` of passing tests,
    // and a skip must be seen.
    let _ = writeln!(
        std::io::stderr(),
        "SKIPPED {test}: {} not found, checks against the seeds NOT run (REPERE_REQUIRE_SEEDS=1 makes this a failure)",
        dir.display()
    );
    false
}

/// The seed of a referential (by its SPEC §2 id, its seed number in `data/referentials.json`),
/// read from [`seeds_dir`].
pub fn seed_for(id: &str) -> Option<String> {
    let listed = repere::core::catalog::bundle()
        .referentials
        .iter()
        .find(|r| r.id == id)?;
    let prefix = format!("{}_", listed.seed);
    let entry = std::fs::read_dir(seeds_dir())
        .ok()?
        .flatten()
        .find(|e| e.file_name().to_string_lossy().starts_with(&prefix))?;
    std::fs::read_to_string(entry.path()).ok()
}
