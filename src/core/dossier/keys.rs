//! Storage keys under `repere.<namespace>.`, namespaces, dossier ids and names.

use super::{
    CORRUPT_SUFFIX, DEFAULT_NAME, DEFAULT_NAMESPACE, DOSSIER_SUFFIX_PREFIX, INDEX_SUFFIX,
    LEGACY_SUFFIX, MAX_ID_CHARS, MAX_NAMESPACE_CHARS, MAX_NAME_CHARS,
};

/// `[a-z0-9-_]{1,40}`: what an embedding may pick with `ns=`.
pub fn valid_namespace(ns: &str) -> bool {
    (1..=MAX_NAMESPACE_CHARS).contains(&ns.len())
        && ns
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'_')
}

/// The namespace to use: `ns` when valid, else `default` (an invalid `ns=` must not let an
/// embedding write outside `repere.<namespace>.` or collide with another prefix).
pub fn namespace_or_default(ns: &str) -> &str {
    if valid_namespace(ns) {
        ns
    } else {
        DEFAULT_NAMESPACE
    }
}

/// `repere.<namespace>.`; the trailing dot keeps namespace `a` from matching `a-b`.
pub fn prefix(ns: &str) -> String {
    format!("repere.{}.", namespace_or_default(ns))
}

pub fn key(ns: &str, suffix: &str) -> String {
    format!("{}{suffix}", prefix(ns))
}

pub fn index_key(ns: &str) -> String {
    key(ns, INDEX_SUFFIX)
}

pub fn dossier_key(ns: &str, id: &str) -> String {
    key(ns, &format!("{DOSSIER_SUFFIX_PREFIX}{id}"))
}

pub fn legacy_key(ns: &str) -> String {
    key(ns, LEGACY_SUFFIX)
}

/// The first place a corrupt value of `key` is kept aside.
pub fn corrupt_key(key: &str) -> String {
    format!("{key}{CORRUPT_SUFFIX}")
}

/// `[a-z0-9-]{1,40}`: ids end up in storage keys and URLs, so no dot, slash or upper case.
pub fn valid_id(id: &str) -> bool {
    (1..=MAX_ID_CHARS).contains(&id.len())
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

/// Turns a shell-supplied id into a valid one (it should already be random hex; a bad one must
/// not make a dossier unsaveable), then makes it unique among `taken`.
pub(super) fn make_id(raw: &str, taken: impl Fn(&str) -> bool) -> String {
    let mut base: String = raw
        .chars()
        .map(|c| c.to_ascii_lowercase())
        .filter(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || *c == '-')
        .take(MAX_ID_CHARS)
        .collect();
    if base.is_empty() {
        base = "dossier".to_string();
    }
    if !taken(&base) {
        return base;
    }
    (2u32..)
        .map(|n| {
            let tail = format!("-{n}");
            let mut head = base.clone();
            head.truncate(MAX_ID_CHARS - tail.len());
            head + &tail
        })
        .find(|candidate| !taken(candidate))
        .expect("an unbounded counter finds a free id")
}

/// Trimmed, control characters and whitespace runs folded to one space, at most 60 characters,
/// `Mon dossier` when nothing is left. Duplicated names are allowed (ids tell dossiers apart).
pub fn normalize_name(raw: &str) -> String {
    let folded = raw
        .split(|c: char| c.is_whitespace() || c.is_control())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ");
    let cut: String = folded.chars().take(MAX_NAME_CHARS).collect();
    let cut = cut.trim_end();
    if cut.is_empty() {
        DEFAULT_NAME.to_string()
    } else {
        cut.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::dossier::test_support::*;
    use crate::core::dossier::*;

    #[test]
    fn keys_and_namespaces() {
        assert_eq!(key("default", "index"), "repere.default.index");
        assert_eq!(
            dossier_key("ecole-a_2", "f00d"),
            "repere.ecole-a_2.dossier.f00d"
        );
        assert_eq!(
            corrupt_key("repere.default.index"),
            "repere.default.index.corrupt"
        );
        for bad in ["", "Ecole", "a.b", "a/b", "é", "x y", &"a".repeat(41)] {
            assert!(!valid_namespace(bad), "{bad:?}");
            assert_eq!(key(bad, "index"), "repere.default.index");
        }
        assert!(valid_namespace(&"a".repeat(40)));
        assert_eq!(prefix("cfa"), "repere.cfa.");
    }

    #[test]
    fn ids_and_names() {
        assert!(valid_id("0af3-9"));
        assert!(!valid_id("") && !valid_id("AB") && !valid_id("a.b") && !valid_id(&"a".repeat(41)));
        assert_eq!(Dossier::new("AB.c!", "x", NOW).id, "abc");
        assert_eq!(Dossier::new("", "x", NOW).id, "dossier");
        assert_eq!(normalize_name("  Camille \n Martin "), "Camille Martin");
        assert_eq!(normalize_name("   "), DEFAULT_NAME);
        assert_eq!(normalize_name(&"é".repeat(70)).chars().count(), 60);
    }
}
