//! The UI text keys the sources name, checked against `locales/fr.json` and `locales/en.json`.
//!
//! The sources of `src/` (test code left out) are read as Rust tokens, and a key is any string
//! literal of the shape `namespace.rest` whose namespace is one of the locale files' (`nav.`,
//! `storage.`, `import.`…), wherever it is written: an argument of `t("…")`, `t_with("…", …)`,
//! `tr(lang, "…")` or `tr_with(lang, "…", …)`, a const table, a match arm, a code constant of the
//! core. The literal first argument of those calls counts whatever its namespace, so that a typo
//! in the namespace itself is caught. Checked:
//! - every key named exists in both locales;
//! - both languages have the same `{placeholders}`, except the import problems (see
//!   [`PER_LANGUAGE_ARGUMENTS`]);
//! - a call with literal arguments (`t_with("k", &[("name", …)])`) gives exactly the placeholders of
//!   the key's templates, and a call without arguments names a key without placeholders;
//! - keys built at run time (`format!("scale.{l}")`) are declared in [`dynamic`] with every key
//!   they can produce, and each of those exists;
//! - every key of the locales is used: an unused key fails (delete it, or use it), so that the
//!   locale files hold no dead text for translators to keep up.

use repere::core::answers::GENERIC_MAX;
use repere::core::catalog::catalog;
use repere::core::i18n::{parse_locale, placeholders, Locale, EN_SOURCE, FR_SOURCE};
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// Keys built at run time (the allow-list): the literal as written in the sources, and every key
/// it can produce. A new `format!("ns.{…}")` fails the test until it is declared here.
fn dynamic() -> Vec<(&'static str, Vec<String>)> {
    let mut kinds = BTreeSet::new();
    for r in &catalog().referentials {
        kinds.extend(r.all_groups().iter().map(|g| g.kind.clone()));
    }
    vec![
        // components/scale.rs and pages/cohort.rs: the label of each level of the generic scale.
        (
            "scale.{l}",
            (0..=GENERIC_MAX).map(|l| format!("scale.{l}")).collect(),
        ),
        // pages/assess.rs and pages/referential.rs: the kind of a group, from the data.
        (
            "group.{}",
            kinds.iter().map(|k| format!("group.{k}")).collect(),
        ),
    ]
}

/// Literals that have a key's shape but are something else.
const NOT_KEYS: &[(&str, &str)] = &[
    (
        "dossier.items.{}",
        "a JSON path quoted in an import message (core::exchange::check)",
    ),
    (
        "dossier.{name}",
        "a JSON path quoted in an import message (core::exchange::import)",
    ),
    (
        "referential.json",
        "the file name of a brought referential in its SCORM package (core::scorm::package)",
    ),
];

/// Templates whose languages take different values: an import problem carries French renderings
/// (`found_fr`…) for the French template and plain values for the others. Every placeholder of
/// both languages is checked against the arguments of a real problem by
/// `core::exchange::problem::tests::problems_are_translated_from_the_locales`.
const PER_LANGUAGE_ARGUMENTS: &[&str] = &["import."];

/// The functions that take a key: `(name, index of the key among the arguments)`.
const LOOKUPS: &[(&str, usize)] = &[("t", 0), ("t_with", 0), ("tr", 1), ("tr_with", 1)];

// ---------------------------------------------------------------------------------------------
// Reading the sources as tokens

#[derive(Debug, Clone, PartialEq)]
enum Tok {
    Str(String),
    Ident(String),
    Punct(char),
}

/// Rust tokens, enough to find string literals and calls: comments skipped, char literals told
/// from lifetimes, raw and byte strings read whole. Each token with its line.
fn lex(src: &str) -> Vec<(Tok, usize)> {
    let c: Vec<char> = src.chars().collect();
    let mut out = Vec::new();
    let (mut i, mut line) = (0, 1);
    let at = |i: usize| c.get(i).copied().unwrap_or('\0');
    while i < c.len() {
        let ch = c[i];
        if ch == '\n' {
            line += 1;
            i += 1;
        } else if ch.is_whitespace() {
            i += 1;
        } else if ch == '/' && at(i + 1) == '/' {
            while i < c.len() && c[i] != '\n' {
                i += 1;
            }
        } else if ch == '/' && at(i + 1) == '*' {
            let mut depth = 0;
            loop {
                if at(i) == '/' && at(i + 1) == '*' {
                    depth += 1;
                    i += 2;
                } else if at(i) == '*' && at(i + 1) == '/' {
                    depth -= 1;
                    i += 2;
                    if depth == 0 {
                        break;
                    }
                } else {
                    line += usize::from(at(i) == '\n');
                    i += 1;
                }
                assert!(i <= c.len(), "unterminated block comment");
            }
        } else if ch == '"' {
            let start_line = line;
            let mut s = String::new();
            i += 1;
            while at(i) != '"' {
                assert!(i < c.len(), "unterminated string");
                if c[i] == '\\' {
                    s.push(c[i]);
                    i += 1;
                }
                line += usize::from(c[i] == '\n');
                s.push(c[i]);
                i += 1;
            }
            i += 1;
            out.push((Tok::Str(s), start_line));
        } else if ch == '\'' {
            if at(i + 1) == '\\' {
                // An escaped char literal: '\n', '\'', '\u{…}'.
                i += 2;
                while at(i) != '\'' {
                    i += 1;
                }
                i += 1;
            } else if at(i + 2) == '\'' {
                i += 3;
            } else {
                // A lifetime: the identifier follows.
                i += 1;
            }
        } else if ch.is_alphanumeric() || ch == '_' {
            let start = i;
            while at(i).is_alphanumeric() || at(i) == '_' {
                i += 1;
            }
            let word: String = c[start..i].iter().collect();
            let hashes = (i..).take_while(|&j| at(j) == '#').count();
            if matches!(word.as_str(), "r" | "br") && at(i + hashes) == '"' {
                let start_line = line;
                let close: String = std::iter::once('"')
                    .chain(std::iter::repeat_n('#', hashes))
                    .collect();
                i += hashes + 1;
                let rest: String = c[i..].iter().collect();
                let end = rest.find(&close).expect("unterminated raw string");
                let s = &rest[..end];
                line += s.matches('\n').count();
                i += s.chars().count() + close.chars().count();
                out.push((Tok::Str(s.to_string()), start_line));
            } else if word == "b" && at(i) == '"' {
                // A byte string: read as a string next turn.
            } else {
                out.push((Tok::Ident(word), line));
            }
        } else {
            out.push((Tok::Punct(ch), line));
            i += 1;
        }
    }
    out
}

fn is_punct(t: Option<&(Tok, usize)>, p: char) -> bool {
    matches!(t, Some((Tok::Punct(c), _)) if *c == p)
}

fn is_ident(t: Option<&(Tok, usize)>, name: &str) -> bool {
    matches!(t, Some((Tok::Ident(w), _)) if w == name)
}

/// The index just past the bracket that closes the one at `open`.
fn close_of(toks: &[(Tok, usize)], open: usize) -> usize {
    let mut depth = 0i32;
    for (j, (t, _)) in toks.iter().enumerate().skip(open) {
        match t {
            Tok::Punct('(' | '[' | '{') => depth += 1,
            Tok::Punct(')' | ']' | '}') => {
                depth -= 1;
                if depth == 0 {
                    return j + 1;
                }
            }
            _ => {}
        }
    }
    toks.len()
}

/// A `#[cfg(test)]` attribute at `i`: the index of the item it applies to.
fn cfg_test_at(toks: &[(Tok, usize)], i: usize) -> Option<usize> {
    let pattern = ["#", "[", "cfg", "(", "test", ")", "]"];
    let ok = pattern
        .iter()
        .enumerate()
        .all(|(k, p)| match toks.get(i + k) {
            Some((Tok::Punct(c), _)) => p.len() == 1 && p.starts_with(*c),
            Some((Tok::Ident(w), _)) => w == p,
            _ => false,
        });
    ok.then_some(i + pattern.len())
}

/// One source file, with what its test code is: the tokens outside `#[cfg(test)] mod … { … }`,
/// and the names of the test-only module files it declares (`#[cfg(test)] mod x;`).
fn app_tokens(src: &str) -> (Vec<(Tok, usize)>, Vec<String>) {
    let toks = lex(src);
    let mut kept = Vec::new();
    let mut test_files = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        if let Some(item) = cfg_test_at(&toks, i) {
            if is_ident(toks.get(item), "mod") {
                if let Some((Tok::Ident(name), _)) = toks.get(item + 1) {
                    if is_punct(toks.get(item + 2), ';') {
                        test_files.push(name.clone());
                        i = item + 3;
                        continue;
                    }
                    if is_punct(toks.get(item + 2), '{') {
                        i = close_of(&toks, item + 2);
                        continue;
                    }
                }
            }
        }
        kept.push(toks[i].clone());
        i += 1;
    }
    (kept, test_files)
}

/// Every `.rs` file under `dir` that is compiled outside tests, with its tokens.
fn sources(dir: &Path) -> Vec<(PathBuf, Vec<(Tok, usize)>)> {
    let mut files = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                files.push(path);
            }
        }
    }
    files.sort();
    let mut test_only = BTreeSet::new();
    let mut out = Vec::new();
    for path in files {
        let (toks, test_mods) = app_tokens(&std::fs::read_to_string(&path).unwrap());
        // `a/mod.rs` declares `a/x.rs`; `a/b.rs` declares `a/b/x.rs`.
        let dir = match path.file_stem().unwrap().to_str().unwrap() {
            "mod" | "lib" | "main" => path.parent().unwrap().to_path_buf(),
            stem => path.parent().unwrap().join(stem),
        };
        for m in test_mods {
            test_only.insert(dir.join(format!("{m}.rs")));
            test_only.insert(dir.join(m).join("mod.rs"));
        }
        out.push((path, toks));
    }
    out.retain(|(path, _)| !test_only.contains(path));
    out
}

// ---------------------------------------------------------------------------------------------
// What the sources name

/// A call of one of [`LOOKUPS`] with a literal key.
struct Call {
    function: &'static str,
    at: String,
    key: String,
    /// The argument names of a literal `&[("name", …), …]`; `None` when not written out.
    args: Option<BTreeSet<String>>,
    takes_args: bool,
}

fn key_shaped(s: &str) -> bool {
    let mut parts = s.split('.');
    let first = parts.next().unwrap_or("");
    let seg = |p: &str| {
        !p.is_empty()
            && p.chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_' || c == '-')
    };
    seg(first) && first.starts_with(|c: char| c.is_ascii_lowercase()) && {
        let rest: Vec<&str> = parts.collect();
        !rest.is_empty() && rest.into_iter().all(seg)
    }
}

/// `namespace.…{…}…`: a key with a value inserted at run time.
fn dynamic_shaped(s: &str, namespaces: &BTreeSet<String>) -> bool {
    s.contains('{')
        && s.split_once('.')
            .is_some_and(|(ns, _)| namespaces.contains(ns))
        && s.chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || "_-.{}".contains(c))
}

/// The calls of [`LOOKUPS`] whose key is a literal.
fn calls(file: &str, toks: &[(Tok, usize)]) -> Vec<Call> {
    let mut out = Vec::new();
    for i in 0..toks.len() {
        let Tok::Ident(name) = &toks[i].0 else {
            continue;
        };
        let Some(&(function, key_index)) = LOOKUPS.iter().find(|(n, _)| n == name) else {
            continue;
        };
        if !is_punct(toks.get(i + 1), '(') || (i > 0 && is_ident(toks.get(i - 1), "fn")) {
            continue;
        }
        // Skip the arguments before the key (the language of `tr`, `tr_with`), within the call.
        let end = close_of(toks, i + 1) - 1;
        let mut j = i + 2;
        for _ in 0..key_index {
            while j < end && !is_punct(toks.get(j), ',') {
                j = match toks[j].0 {
                    Tok::Punct('(' | '[' | '{') => close_of(toks, j),
                    _ => j + 1,
                };
            }
            j += 1;
        }
        let Some((Tok::Str(key), line)) = toks.get(j).filter(|_| j < end) else {
            continue;
        };
        let takes_args = matches!(name.as_str(), "t_with" | "tr_with");
        let mut args = None;
        if takes_args && is_punct(toks.get(j + 1), ',') && is_punct(toks.get(j + 2), '&') {
            if is_punct(toks.get(j + 3), '[') {
                let end = close_of(toks, j + 3);
                let mut names = BTreeSet::new();
                let mut depth = 0;
                for k in j + 3..end {
                    match &toks[k].0 {
                        Tok::Punct('(' | '[' | '{') => {
                            depth += 1;
                            if depth == 2 && is_punct(toks.get(k), '(') {
                                if let Some((Tok::Str(n), _)) = toks.get(k + 1) {
                                    names.insert(n.clone());
                                }
                            }
                        }
                        Tok::Punct(')' | ']' | '}') => depth -= 1,
                        _ => {}
                    }
                }
                args = Some(names);
            }
        } else if !takes_args {
            args = Some(BTreeSet::new());
        }
        out.push(Call {
            function,
            at: format!("{file}:{line}"),
            key: key.clone(),
            args,
            takes_args,
        });
    }
    out
}

struct Locales {
    fr: Locale,
    en: Locale,
}

impl Locales {
    fn load() -> Locales {
        Locales {
            fr: parse_locale(FR_SOURCE).expect("fr.json parses"),
            en: parse_locale(EN_SOURCE).expect("en.json parses"),
        }
    }

    fn keys(&self) -> BTreeSet<&String> {
        self.fr.keys().chain(self.en.keys()).collect()
    }

    fn namespaces(&self) -> BTreeSet<String> {
        self.keys()
            .into_iter()
            .filter_map(|k| k.split_once('.').map(|(ns, _)| ns.to_string()))
            .collect()
    }

    /// What is wrong with `key` in the locales, if anything.
    fn missing(&self, key: &str) -> Option<String> {
        match (self.fr.contains_key(key), self.en.contains_key(key)) {
            (true, true) => None,
            (false, false) => Some("in neither fr.json nor en.json".into()),
            (false, true) => Some("missing in fr.json".into()),
            (true, false) => Some("missing in en.json".into()),
        }
    }

    fn placeholders(&self, key: &str) -> BTreeSet<String> {
        [&self.fr, &self.en]
            .iter()
            .filter_map(|l| l.get(key))
            .flat_map(|t| placeholders(t))
            .map(str::to_string)
            .collect()
    }
}

/// Everything wrong, one line each.
fn problems(src_dir: &Path, locales: &Locales) -> Vec<String> {
    let namespaces = locales.namespaces();
    let dynamic = dynamic();
    let root = src_dir.parent().unwrap();
    let mut problems = Vec::new();
    let mut used: BTreeMap<String, String> = BTreeMap::new();
    let mut dynamic_seen = BTreeSet::new();
    let mut not_keys_seen = BTreeSet::new();
    let mut calls_seen = BTreeSet::new();

    for (path, toks) in sources(src_dir) {
        let file = path.strip_prefix(root).unwrap().display().to_string();
        for call in calls(&file, &toks) {
            calls_seen.insert(call.function);
            used.entry(call.key.clone()).or_insert(call.at.clone());
            if let Some(why) = locales.missing(&call.key) {
                problems.push(format!("{}: key « {} » {why}", call.at, call.key));
                continue;
            }
            let needed = locales.placeholders(&call.key);
            match (&call.args, call.takes_args) {
                (Some(given), true) => {
                    let given: BTreeSet<String> = given.iter().cloned().collect();
                    for p in needed.difference(&given) {
                        problems.push(format!(
                            "{}: « {} » needs {{{p}}}, which the call does not give (it would show as written)",
                            call.at, call.key
                        ));
                    }
                    for a in given.difference(&needed) {
                        problems.push(format!(
                            "{}: « {} » is given \"{a}\", which no template of it uses",
                            call.at, call.key
                        ));
                    }
                }
                (Some(_), false) if !needed.is_empty() => problems.push(format!(
                    "{}: « {} » has placeholders {needed:?} but is looked up without values (use t_with/tr_with)",
                    call.at, call.key
                )),
                _ => {}
            }
        }
        for (tok, line) in &toks {
            let Tok::Str(s) = tok else { continue };
            let at = format!("{file}:{line}");
            if let Some((_, _)) = NOT_KEYS.iter().find(|(k, _)| k == s) {
                not_keys_seen.insert(s.clone());
            } else if key_shaped(s) && namespaces.contains(s.split('.').next().unwrap()) {
                used.entry(s.clone()).or_insert(at.clone());
                let problem = locales
                    .missing(s)
                    .map(|why| format!("{at}: key « {s} » {why}"));
                // A call's key was reported with the call already.
                problems.extend(problem.filter(|p| !problems.contains(p)));
            } else if dynamic_shaped(s, &namespaces) {
                if dynamic.iter().any(|(pattern, _)| pattern == s) {
                    dynamic_seen.insert(s.clone());
                } else {
                    problems.push(format!(
                        "{at}: key built at run time « {s} »: declare it in dynamic() (tests/i18n_keys.rs) with every key it can produce, or in NOT_KEYS if it is no key"
                    ));
                }
            }
        }
    }

    // A renamed lookup (`t_with` → …) must be renamed here too, or its calls would go unchecked.
    for (name, _) in LOOKUPS {
        if !calls_seen.contains(*name) {
            problems.push(format!(
                "LOOKUPS: « {name} » is called nowhere with a literal key: update the table"
            ));
        }
    }
    for (pattern, keys) in &dynamic {
        if !dynamic_seen.contains(*pattern) {
            problems.push(format!(
                "DYNAMIC: « {pattern} » is no longer in the sources: remove it from the table"
            ));
            continue;
        }
        for k in keys {
            used.entry(k.clone()).or_insert(format!("« {pattern} »"));
            if let Some(why) = locales.missing(k) {
                problems.push(format!("« {pattern} » produces « {k} », {why}"));
            }
        }
    }
    for (literal, _) in NOT_KEYS {
        if !not_keys_seen.contains(*literal) {
            problems.push(format!(
                "NOT_KEYS: « {literal} » is no longer in the sources: remove it from the table"
            ));
        }
    }

    for key in locales.keys() {
        if let Some(why) = locales.missing(key) {
            problems.push(format!("locales: « {key} » {why}"));
            continue;
        }
        if !PER_LANGUAGE_ARGUMENTS.iter().any(|p| key.starts_with(p)) {
            let (fr, en) = (
                placeholders(&locales.fr[key]),
                placeholders(&locales.en[key]),
            );
            if fr != en {
                problems.push(format!(
                    "locales: « {key} » has placeholders {fr:?} in French but {en:?} in English"
                ));
            }
        }
        if !used.contains_key(key.as_str()) {
            problems.push(format!(
                "locales: « {key} » is used nowhere in src/: delete it from both files, or use it"
            ));
        }
    }
    problems
}

fn src_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

#[test]
fn every_key_exists_in_both_languages_and_every_key_is_used() {
    let problems = problems(&src_dir(), &Locales::load());
    assert!(
        problems.is_empty(),
        "{} i18n problem(s):\n{}",
        problems.len(),
        problems.join("\n")
    );
}

/// The scan must see keys wherever the code writes them: checked on a small source tree.
#[test]
fn the_scan_finds_keys_in_calls_tables_and_match_arms() {
    let dir = std::env::temp_dir().join(format!("repere-i18n-scan-{}", std::process::id()));
    let ui = dir.join("src/ui");
    std::fs::create_dir_all(&ui).unwrap();
    std::fs::write(
        ui.join("mod.rs"),
        r##"
        mod page;
        #[cfg(test)]
        mod helpers;
        const TABLE: [&str; 1] = ["nav.home"];
        fn f(i18n: I18n, lang: Lang, k: Kind) -> &'static str {
            let _c = '"'; let _l: &'static str = "x"; // "nav.commented" is not code
            /* "nav.block_commented" neither */
            i18n.t("nav.typo");
            i18n.t_with("hello.name", &[("name", n), ("extra", e)]);
            tr_with(lang.get(), "hello.name", &[]);
            tr(lang, "hello.name");
            match k { Kind::A => "nav.arm", Kind::B => r#"nav.raw"# }
        }
        "##,
    )
    .unwrap();
    std::fs::write(ui.join("page.rs"), "fn g() { i18n.t(\"nva.home\"); t(&format!(\"nav.{x}\")); }\n#[cfg(test)]\nmod tests { fn h() { t(\"nav.in_test\"); } }\n").unwrap();
    std::fs::write(ui.join("helpers.rs"), "fn h() { t(\"nav.test_only\"); }\n").unwrap();
    let locale = |pairs: &[(&str, &str)]| -> Locale {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    };
    let locales = Locales {
        fr: locale(&[
            ("nav.home", "Accueil"),
            ("hello.name", "Bonjour {name}"),
            ("nav.raw", "brut"),
            ("nav.unused", "inutile"),
            ("nav.typo", "x"),
        ]),
        en: locale(&[
            ("nav.home", "Home"),
            ("hello.name", "Hello {who}"),
            ("nav.raw", "raw"),
            ("nav.unused", "unused"),
        ]),
    };
    let found = problems(&dir.join("src"), &locales);
    std::fs::remove_dir_all(&dir).unwrap();
    let found = found.join("\n");
    for expected in [
        "src/ui/mod.rs:9: key « nav.typo » missing in en.json",
        "src/ui/mod.rs:10: « hello.name » needs {who}",
        "src/ui/mod.rs:10: « hello.name » is given \"extra\"",
        "src/ui/mod.rs:11: « hello.name » needs {name}",
        "src/ui/mod.rs:12: « hello.name » has placeholders",
        "src/ui/mod.rs:13: key « nav.arm » in neither fr.json nor en.json",
        "src/ui/page.rs:1: key « nva.home » in neither",
        "src/ui/page.rs:1: key built at run time « nav.{x} »",
        "locales: « hello.name » has placeholders {\"name\"} in French but {\"who\"} in English",
        "locales: « nav.unused » is used nowhere",
        "DYNAMIC: « scale.{l} » is no longer in the sources",
    ] {
        assert!(
            found.contains(expected),
            "expected « {expected} » in:\n{found}"
        );
    }
    assert_eq!(found.matches("key « nav.typo »").count(), 1, "{found}");
    for absent in [
        "nav.home »",
        "nav.raw »",
        "commented",
        "in_test",
        "test_only",
    ] {
        assert!(
            !found.contains(absent),
            "unexpected « {absent} » in:\n{found}"
        );
    }
}
