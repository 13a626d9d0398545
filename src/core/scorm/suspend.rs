//! `cmi.suspend_data` (SPEC §12): the candidate's answers as the LMS keeps them between sessions,
//! in at most 4,096 characters (SCORM 1.2's CMIString4096; Moodle enforces it by default).
//!
//! ```text
//! repere:1:<saved at>:<levels>[:<notes crc><notes>]
//! ```
//! - `repere:` makes the value self-identifying: anything else is another content's data.
//! - `1` is this format's version; a higher one comes from a newer Repère and is not read.
//! - `<saved at>`: the dossier's `updated_at` to the second (`2026-11-23T10:00:00Z`), so that the
//!   shell can tell whether the browser holds newer answers than the LMS (a commit that failed).
//! - `<levels>`: the share-link payload of `core::share` (levels only, packed 3 bits per slot,
//!   with its own version, layout fingerprint and CRC): about 160 characters for everything.
//! - `<notes>`: the evidence notes that fit, as a JSON array of `[slot, text]` pairs (`slot` is
//!   [`share::item_slot`], ascending), preceded by the 8 hex digits of its CRC-32. The notes
//!   have their own check so that an LMS that damages non-ASCII text loses the notes, not the
//!   levels.
//!
//! Notes are added in catalog order while they fit; the ones left out stay in the browser, and
//! [`Encoded::left_out`] names them so that the learner can be told.

use crate::core::answers::Answers;
use crate::core::dossier::MAX_EVIDENCE_CHARS;
use crate::core::share::{self, crc32, ShareError};
use std::fmt;

/// What every value of this format starts with.
pub const PREFIX: &str = "repere:";
/// The version [`encode`] writes.
pub const VERSION: u32 = 1;
/// SCORM 1.2's limit for `cmi.suspend_data`, in characters.
pub const MAX_CHARS: usize = 4096;

/// Why a `cmi.suspend_data` value is not applied. Each one is reported; none is ever a panic.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SuspendError {
    /// Not written by Repère.
    Foreign,
    /// Written by a newer version of Repère.
    NewerVersion,
    /// Cut short (an LMS that truncates long values).
    Truncated,
    /// Changed or broken.
    Damaged,
    /// Written with other referential data (a package with different items).
    OtherCatalog,
}

impl SuspendError {
    /// Stable code; the UI shows the locale text of this key.
    pub fn code(self) -> &'static str {
        match self {
            SuspendError::Foreign => "lms.suspend.foreign",
            SuspendError::NewerVersion => "lms.suspend.newer",
            SuspendError::Truncated => "lms.suspend.truncated",
            SuspendError::Damaged => "lms.suspend.damaged",
            SuspendError::OtherCatalog => "lms.suspend.other_catalog",
        }
    }
}

impl fmt::Display for SuspendError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(crate::core::i18n::tr(
            crate::core::i18n::Lang::Fr,
            self.code(),
        ))
    }
}

impl std::error::Error for SuspendError {}

/// A value read back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Restored {
    pub answers: Answers,
    /// `updated_at` of the dossier when the value was written (`YYYY-MM-DDTHH:MM:SSZ`).
    pub saved_at: String,
    /// The levels were read but the notes were damaged and left out.
    pub notes_damaged: bool,
}

/// A value to write.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Encoded {
    pub text: String,
    /// Full ids of the answered items whose evidence note did not fit (it stays in the browser).
    pub left_out: Vec<String>,
}

/// SCORM counts characters as JavaScript does (UTF-16 code units): an emoji counts twice.
pub fn length(text: &str) -> usize {
    text.encode_utf16().count()
}

/// `2026-11-23T10:00:00.123Z` → `2026-11-23T10:00:00Z`: seconds are precise enough to order two
/// saves and keep the value short. Anything that is not such a timestamp reads as the epoch.
fn to_seconds(timestamp: &str) -> String {
    const EPOCH: &str = "1970-01-01T00:00:00Z";
    let Some(s) = timestamp.get(..19) else {
        return EPOCH.into();
    };
    let ok = s.bytes().enumerate().all(|(i, c)| match i {
        4 | 7 => c == b'-',
        10 => c == b'T',
        13 | 16 => c == b':',
        _ => c.is_ascii_digit(),
    });
    if ok {
        format!("{s}Z")
    } else {
        EPOCH.into()
    }
}

/// Whether `a` is a later moment than `b`, both ISO 8601 UTC timestamps (`updated_at` or
/// [`Restored::saved_at`]), compared to the second.
pub fn later(a: &str, b: &str) -> bool {
    to_seconds(a) > to_seconds(b)
}

/// Encodes `answers` in at most `max_chars` characters: all levels, then the evidence notes that
/// still fit. `updated_at` is the dossier's.
pub fn encode(answers: &Answers, updated_at: &str, max_chars: usize) -> Encoded {
    let head = format!(
        "{PREFIX}{VERSION}:{}:{}",
        to_seconds(updated_at).replace(':', "-"),
        share::encode(answers)
    );
    let notes: Vec<(usize, &str, &str)> = answers
        .items
        .iter()
        .filter(|(_, a)| !a.evidence.trim().is_empty())
        .filter_map(|(id, a)| {
            share::item_slot(id).map(|slot| (slot, id.as_str(), a.evidence.as_str()))
        })
        .collect();
    let mut notes = notes;
    notes.sort_by_key(|(slot, _, _)| *slot);

    // ":" + 8 hex digits + "[" + "]", then "," between entries.
    let overhead = 1 + 8 + 2;
    let mut budget = max_chars.saturating_sub(length(&head) + overhead);
    let mut kept: Vec<String> = Vec::new();
    let mut left_out = Vec::new();
    for (slot, id, text) in notes {
        let entry = serde_json::to_string(&(slot, text)).expect("a pair serialises");
        let cost = length(&entry) + usize::from(!kept.is_empty());
        if cost <= budget {
            budget -= cost;
            kept.push(entry);
        } else {
            left_out.push(id.to_owned());
        }
    }
    let text = if kept.is_empty() {
        head
    } else {
        let json = format!("[{}]", kept.join(","));
        format!("{head}:{:08x}{json}", crc32(json.as_bytes()))
    };
    Encoded { text, left_out }
}

/// Reads a value. `Ok(None)`: nothing stored yet (a first attempt).
pub fn decode(text: &str) -> Result<Option<Restored>, SuspendError> {
    if text.trim().is_empty() {
        return Ok(None);
    }
    let Some(rest) = text.strip_prefix(PREFIX) else {
        return Err(SuspendError::Foreign);
    };
    let (version, rest) = rest.split_once(':').ok_or(SuspendError::Truncated)?;
    let digits = !version.is_empty() && version.bytes().all(|b| b.is_ascii_digit());
    match version.parse::<u32>() {
        Ok(VERSION) if digits => {}
        Ok(v) if digits && v > VERSION => return Err(SuspendError::NewerVersion),
        // A version too large for u32 is a newer one too.
        Err(_) if digits => return Err(SuspendError::NewerVersion),
        _ => return Err(SuspendError::Damaged),
    }
    let (saved_at, rest) = rest.split_once(':').ok_or(SuspendError::Truncated)?;
    if !valid_saved_at(saved_at) {
        return Err(SuspendError::Damaged);
    }
    let (levels, notes) = match rest.split_once(':') {
        Some((levels, notes)) => (levels, Some(notes)),
        None => (rest, None),
    };
    let mut answers = share::decode(levels).map_err(|e| match e {
        ShareError::Empty | ShareError::Truncated => SuspendError::Truncated,
        ShareError::Damaged => SuspendError::Damaged,
        ShareError::NewerVersion => SuspendError::NewerVersion,
        ShareError::OtherCatalog => SuspendError::OtherCatalog,
    })?;
    let notes_damaged = match notes.map(decode_notes) {
        None => false,
        Some(Some(notes)) => {
            for (id, text) in notes {
                if let Some(answer) = answers.items.get_mut(id) {
                    answer.evidence = text;
                }
            }
            false
        }
        Some(None) => true,
    };
    Ok(Some(Restored {
        answers,
        saved_at: saved_at.replace('-', ":").replacen(':', "-", 2),
        notes_damaged,
    }))
}

/// `YYYY-MM-DDTHH-MM-SSZ` (colons are the format's separators, so the time uses dashes).
fn valid_saved_at(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 20
        && b.iter().enumerate().all(|(i, c)| match i {
            4 | 7 | 13 | 16 => *c == b'-',
            10 => *c == b'T',
            19 => *c == b'Z',
            _ => c.is_ascii_digit(),
        })
}

/// The notes section, or `None` when it is damaged in any way.
fn decode_notes(section: &str) -> Option<Vec<(&'static str, String)>> {
    let (crc, json) = (section.get(..8)?, section.get(8..)?);
    if u32::from_str_radix(crc, 16).ok()? != crc32(json.as_bytes())
        || !crc
            .bytes()
            .all(|b| b.is_ascii_hexdigit() && !b.is_ascii_uppercase())
    {
        return None;
    }
    let pairs: Vec<(usize, String)> = serde_json::from_str(json).ok()?;
    let mut out = Vec::with_capacity(pairs.len());
    let mut last = None;
    for (slot, text) in pairs {
        // Ascending, known slots, non-empty notes within the dossier's limit: what encode writes.
        if last.is_some_and(|l| slot <= l)
            || text.trim().is_empty()
            || text.chars().count() > MAX_EVIDENCE_CHARS
        {
            return None;
        }
        last = Some(slot);
        out.push((share::slot_item(slot)?, text));
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::answers::{full_id, ItemAnswer, GENERIC_MAX};
    use crate::core::catalog::catalog;
    use crate::core::dossier::item_max;
    use proptest::prelude::*;

    const NOW: &str = "2026-11-23T10:00:00.123Z";

    fn rated(referential: &str) -> Vec<(String, u8)> {
        let r = catalog().referential(referential).unwrap();
        r.rated_items()
            .iter()
            .map(|i| {
                let id = full_id(&r.id, &i.item.id);
                let max = item_max(&id).unwrap();
                (id, max)
            })
            .collect()
    }

    fn all_rated() -> Vec<(String, u8)> {
        catalog()
            .referentials
            .iter()
            .flat_map(|r| rated(&r.id))
            .collect()
    }

    /// Every item of `referential` answered, each with a note `note(n)`, and the quick diagnostic.
    fn full(referential: &str, note: impl Fn(usize) -> String) -> Answers {
        let mut a = Answers::default();
        for (n, s) in catalog().pivots.skills().enumerate() {
            a.quick.insert(s.id.clone(), (n % 5) as u8);
        }
        for (n, (id, max)) in rated(referential).into_iter().enumerate() {
            a.items.insert(
                id,
                ItemAnswer {
                    level: (n as u8) % (max + 1),
                    evidence: note(n),
                },
            );
        }
        a
    }

    /// The largest referential, in rated items, is the one the size bound is proven on.
    #[test]
    fn chef_projet_ecommerce_is_the_largest_referential() {
        let largest = catalog()
            .referentials
            .iter()
            .max_by_key(|r| r.rated_items().len())
            .unwrap();
        assert_eq!(largest.id, "chef-projet-ecommerce");
    }

    #[test]
    fn a_full_positioning_of_the_largest_referential_fits_with_notes() {
        // Levels only: far below the bound.
        let bare = encode(
            &full("chef-projet-ecommerce", |_| String::new()),
            NOW,
            MAX_CHARS,
        );
        // A short note on every item, as a diligent candidate would write for a VAE file.
        let noted = full("chef-projet-ecommerce", |n| {
            format!("Projet n°{n} : refonte du site, équipe de 4")
        });
        let with_notes = encode(&noted, NOW, MAX_CHARS);
        println!(
            "suspend_data, chef-projet-ecommerce ({} rated items) + quick diagnostic: {} characters without notes, {} with {} notes ({} left out)",
            rated("chef-projet-ecommerce").len(),
            length(&bare.text),
            length(&with_notes.text),
            noted.items.len() - with_notes.left_out.len(),
            with_notes.left_out.len()
        );
        assert!(length(&bare.text) <= 200, "{}", bare.text);
        assert!(bare.left_out.is_empty());
        assert!(length(&with_notes.text) <= MAX_CHARS);
        // Everything that was kept comes back exactly; what was left out is named.
        let back = decode(&with_notes.text).unwrap().unwrap();
        for (id, a) in &noted.items {
            let restored = &back.answers.items[id];
            assert_eq!(restored.level, a.level);
            if with_notes.left_out.contains(id) {
                assert_eq!(restored.evidence, "");
            } else {
                assert_eq!(restored.evidence, a.evidence);
            }
        }
        assert!(
            !with_notes.left_out.is_empty(),
            "139 notes of this length cannot all fit"
        );
        // Every referential's full positioning, levels only, in one value.
        let mut everything = Answers::default();
        for (id, max) in all_rated() {
            everything.items.insert(
                id,
                ItemAnswer {
                    level: max,
                    evidence: String::new(),
                },
            );
        }
        for s in catalog().pivots.skills() {
            everything.quick.insert(s.id.clone(), 2);
        }
        let all = encode(&everything, NOW, MAX_CHARS);
        println!(
            "suspend_data, every item of all five referentials and the quick diagnostic: {} characters",
            length(&all.text)
        );
        assert!(length(&all.text) <= 200, "{}", length(&all.text));
    }

    #[test]
    fn round_trip() {
        let a = full("charge-developpement-commercial", |n| {
            if n % 3 == 0 {
                format!("Note {n} « guillemets », \"citations\", \\ barre, retour\nà la ligne, émoji 🎯, :deux-points:")
            } else {
                String::new()
            }
        });
        let e = encode(&a, NOW, MAX_CHARS);
        assert!(e.left_out.is_empty());
        let back = decode(&e.text).unwrap().unwrap();
        assert_eq!(back.answers, a);
        assert_eq!(back.saved_at, "2026-11-23T10:00:00Z");
        assert!(!back.notes_damaged);
        assert!(e.text.starts_with("repere:1:2026-11-23T10-00-00Z:"));
        // Nothing answered: a valid value too.
        let empty = encode(&Answers::default(), NOW, MAX_CHARS);
        assert_eq!(
            decode(&empty.text).unwrap().unwrap().answers,
            Answers::default()
        );
        // First attempt: nothing stored.
        assert_eq!(decode(""), Ok(None));
        assert_eq!(decode("  "), Ok(None));
    }

    #[test]
    fn notes_go_in_order_while_they_fit_and_the_rest_is_named() {
        let a = full("animateur-ecommerce", |n| "x".repeat(100 + n));
        let levels_only = length(&encode(&a, NOW, 0).text);
        for budget in [
            0,
            levels_only,
            levels_only + 150,
            levels_only + 400,
            1000,
            MAX_CHARS,
        ] {
            let e = encode(&a, NOW, budget);
            assert!(length(&e.text) <= budget.max(levels_only), "{budget}");
            let back = decode(&e.text).unwrap().unwrap();
            let kept = back
                .answers
                .items
                .values()
                .filter(|x| !x.evidence.is_empty())
                .count();
            assert_eq!(kept + e.left_out.len(), a.items.len(), "{budget}");
            for id in &e.left_out {
                assert!(back.answers.items[id].evidence.is_empty());
            }
        }
        // A short note after a long one that did not fit still goes in.
        let mut b = Answers::default();
        let ids = rated("animateur-ecommerce");
        b.items.insert(
            ids[0].0.clone(),
            ItemAnswer {
                level: 1,
                evidence: "y".repeat(500),
            },
        );
        b.items.insert(
            ids[1].0.clone(),
            ItemAnswer {
                level: 1,
                evidence: "court".into(),
            },
        );
        let e = encode(&b, NOW, levels_only + 100);
        assert_eq!(e.left_out, vec![ids[0].0.clone()]);
        assert_eq!(
            decode(&e.text).unwrap().unwrap().answers.items[&ids[1].0].evidence,
            "court"
        );
    }

    #[test]
    fn the_limit_counts_utf16_units_like_the_lms() {
        assert_eq!(length("é"), 1);
        assert_eq!(length("🎯"), 2);
        let ids = rated("vendeur-web");
        let mut a = Answers::default();
        a.items.insert(
            ids[0].0.clone(),
            ItemAnswer {
                level: 3,
                evidence: "🎯".repeat(1000),
            },
        );
        let bare = length(
            &encode(
                &Answers {
                    items: [(
                        ids[0].0.clone(),
                        ItemAnswer {
                            level: 3,
                            evidence: String::new(),
                        },
                    )]
                    .into(),
                    ..Default::default()
                },
                NOW,
                MAX_CHARS,
            )
            .text,
        );
        // 1000 emoji are 2000 units: they fit in 4096 but not in bare + 1500.
        assert!(encode(&a, NOW, MAX_CHARS).left_out.is_empty());
        assert_eq!(encode(&a, NOW, bare + 1500).left_out.len(), 1);
    }

    #[test]
    fn foreign_newer_and_damaged_values_are_typed_errors() {
        let good = encode(&full("vendeur-web", |n| format!("n{n}")), NOW, MAX_CHARS).text;
        let (head, _) = good.split_at(good.find(':').unwrap());
        assert_eq!(head, "repere");
        for (text, expected) in [
            ("{\"answers\":{}}", SuspendError::Foreign),
            ("bookmark=page3", SuspendError::Foreign),
            ("REPERE:1:x", SuspendError::Foreign),
            ("repere", SuspendError::Foreign),
            ("repere:", SuspendError::Truncated),
            ("repere:1", SuspendError::Truncated),
            ("repere:1:2026-11-23T10-00-00Z", SuspendError::Truncated),
            ("repere:2:anything at all", SuspendError::NewerVersion),
            ("repere:17:", SuspendError::NewerVersion),
            ("repere:0:2026-11-23T10-00-00Z:AAAA", SuspendError::Damaged),
            ("repere:x:2026-11-23T10-00-00Z:AAAA", SuspendError::Damaged),
            ("repere:+2:2026-11-23T10-00-00Z:AAAA", SuspendError::Damaged),
            ("repere:1:yesterday:AAAA", SuspendError::Damaged),
            ("repere:1:2026-11-23T10-00-00Z:", SuspendError::Truncated),
            ("repere:1:2026-11-23T10-00-00Z:%%%", SuspendError::Damaged),
        ] {
            assert_eq!(decode(text), Err(expected), "{text}");
        }
        // Cut by an LMS that truncates: the levels are incomplete.
        let levels_end = good.match_indices(':').nth(2).unwrap().0 + 20;
        assert_eq!(decode(&good[..levels_end]), Err(SuspendError::Truncated));
        // A level changed.
        let mut bytes = good.clone().into_bytes();
        let i = good.match_indices(':').nth(2).unwrap().0 + 12;
        bytes[i] = if bytes[i] == b'A' { b'B' } else { b'A' };
        assert_eq!(
            decode(&String::from_utf8(bytes).unwrap()),
            Err(SuspendError::Damaged)
        );
    }

    #[test]
    fn damaged_notes_lose_the_notes_not_the_levels() {
        let a = full("vendeur-web", |n| format!("preuve {n} — réalisée"));
        let good = encode(&a, NOW, MAX_CHARS).text;
        let notes_at = good.match_indices(':').nth(3).unwrap().0;
        let mut levels_only = a.clone();
        for x in levels_only.items.values_mut() {
            x.evidence.clear();
        }
        // An LMS that replaced non-ASCII characters, a cut in the notes, a wrong checksum.
        let mangled = good.replace(['é', '—'], "?");
        let cut: String = good.chars().take(good.chars().count() - 5).collect();
        let mut crc = good.clone();
        crc.replace_range(
            notes_at + 1..notes_at + 2,
            if &good[notes_at + 1..notes_at + 2] == "0" {
                "1"
            } else {
                "0"
            },
        );
        for text in [mangled, cut, crc] {
            let back = decode(&text).unwrap().unwrap();
            assert!(back.notes_damaged, "{text}");
            assert_eq!(back.answers, levels_only);
        }
        // A well-sealed notes section that encode would never write.
        let seal =
            |json: &str| format!("{}:{:08x}{json}", &good[..notes_at], crc32(json.as_bytes()));
        for json in [
            "[[999999,\"x\"]]",
            "[[3,\"a\"],[2,\"b\"]]",
            "[[1,\"  \"]]",
            "{}",
            "[[1]]",
        ] {
            assert!(
                decode(&seal(json)).unwrap().unwrap().notes_damaged,
                "{json}"
            );
        }
        assert!(
            !decode(&seal("[[1,\"ok\"]]"))
                .unwrap()
                .unwrap()
                .notes_damaged
        );
    }

    #[test]
    fn saved_at_orders_saves() {
        assert!(later("2026-11-23T10:00:01.000Z", "2026-11-23T10:00:00Z"));
        assert!(!later("2026-11-23T10:00:00.999Z", "2026-11-23T10:00:00Z"));
        assert!(!later("2026-11-23T09:59:59.999Z", "2026-11-23T10:00:00Z"));
        let back = decode(&encode(&Answers::default(), "2026-01-02T03:04:05.678Z", MAX_CHARS).text)
            .unwrap()
            .unwrap();
        assert_eq!(back.saved_at, "2026-01-02T03:04:05Z");
        assert!(!later("2026-01-02T03:04:05.678Z", &back.saved_at));
    }

    #[test]
    fn messages_exist_in_both_languages() {
        use crate::core::i18n::{tr, Lang};
        for e in [
            SuspendError::Foreign,
            SuspendError::NewerVersion,
            SuspendError::Truncated,
            SuspendError::Damaged,
            SuspendError::OtherCatalog,
        ] {
            for lang in Lang::ALL {
                assert_ne!(tr(lang, e.code()), e.code(), "{lang:?} {}", e.code());
            }
        }
    }

    fn arb_answers() -> impl Strategy<Value = Answers> {
        let pivots: Vec<String> = catalog().pivots.skills().map(|s| s.id.clone()).collect();
        let quick = proptest::collection::btree_map(
            proptest::sample::select(pivots),
            0..=GENERIC_MAX,
            0..10,
        );
        let items = proptest::collection::vec(
            (
                proptest::sample::select(all_rated())
                    .prop_flat_map(|(id, max)| (Just(id), 0..=max)),
                "(\\PC|\n){0,60}",
            ),
            0..60,
        );
        (quick, items).prop_map(|(quick, items)| Answers {
            quick,
            items: items
                .into_iter()
                .map(|((id, level), evidence)| (id, ItemAnswer { level, evidence }))
                .collect(),
        })
    }

    proptest! {
        #[test]
        fn what_fits_comes_back(a in arb_answers(), budget in 150usize..5000) {
            let e = encode(&a, NOW, budget);
            let back = decode(&e.text).unwrap().unwrap();
            for (id, x) in &a.items {
                let y = &back.answers.items[id];
                prop_assert_eq!(x.level, y.level);
                let expected = if x.evidence.trim().is_empty() || e.left_out.contains(id) { "" } else { x.evidence.as_str() };
                prop_assert_eq!(y.evidence.as_str(), expected);
            }
            prop_assert_eq!(&back.answers.quick, &a.quick);
        }

        #[test]
        fn decode_never_panics(text in "(repere:1:2026-11-23T10-00-00Z:)?\\PC{0,300}") {
            let _ = decode(&text);
        }
    }
}
