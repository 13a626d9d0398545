//! Persistence core (SPEC §6): storage keys, the stored formats and their migrations, the startup
//! plan and the multi-tab writing protocol. Pure functions only: the browser shell reads
//! localStorage, passes the strings and the current time (ISO-8601) in, and performs the writes
//! returned here, so every rule about not losing data is tested natively.
//!
//! Keys, under `repere.<namespace>.`:
//! - `index`: `{ "version": 1, "active": id|null, "dossiers": [{id, name, created_at, updated_at}] }`
//! - `dossier.<id>`: `{ "version": 1, "id", "name", "created_at", "updated_at", "revision",
//!   "quick": {pivot: level}, "items": {"<ref>/<item>": {"level": n, "evidence": "…"}} }`
//! - `answers`: the unversioned v0 prototype format, migrated at startup (see [`migrate_legacy`]).
//! - `<key>.corrupt` (then `<key>.corrupt-2`, …): an unreadable value kept aside, never read again.
//!
//! Writing protocol for the shell:
//! 1. At startup, read every entry under [`prefix`] and run [`plan_startup`]; perform its `writes`
//!    in order and stop at the first failure (the plan is derived from what is stored, so whatever
//!    was not done is planned again at the next startup, and no value is removed before its copy).
//! 2. For each edit, keep the [`Change`] in a pending list, re-read `dossier.<id>`, call
//!    [`rebase_all`] (or [`rebase`]) and write the result; clear the pending list once the write
//!    succeeded. The result becomes the in-memory dossier even when the write fails, so the work is
//!    never lost and is written again with the next change.
//! 3. On a `storage` event for the open dossier, decode the new value and adopt it when
//!    [`is_newer`] says so (re-applying the pending changes with [`rebase_all`]).
//! 4. Index edits ([`create`], [`rename`], [`delete`], [`set_active`]) are applied to
//!    [`fresh_index`], i.e. to the stored index re-read just before writing it.
//!
//! `Err(LoadError::TooNew)` from any of these means: do not write that key (a newer version of
//! Repère owns it). `Err(LoadError::Corrupt)` means: move it aside with [`set_aside`], then retry
//! with `None` as the stored value.
//!
//! Nothing here is worded for the user directly: every report is a [`StorageNotice`] (a stable
//! code from [`notice`] and its values), rendered by the shell in the UI language from the locale
//! files, so that `fr.json` holds the only French wording.

use super::answers::{Answers, ItemAnswer, ECF_MAX, GENERIC_MAX};
use super::i18n::{tr_with, Lang};
use super::model::Scale;
use super::outline;
use serde::{Deserialize, Serialize};
use serde_json::{Number, Value};
use std::collections::{BTreeMap, HashMap, HashSet};
use std::fmt;
use std::sync::OnceLock;

/// Schema version written in every stored value.
pub const CURRENT_VERSION: u64 = 1;
pub const DEFAULT_NAMESPACE: &str = "default";
pub const DEFAULT_NAME: &str = "Mon dossier";
pub const MAX_NAMESPACE_CHARS: usize = 40;
pub const MAX_ID_CHARS: usize = 40;
pub const MAX_NAME_CHARS: usize = 60;
/// Longest evidence note kept by [`apply`]; matches the `maxlength` of the UI's text area and
/// keeps a full dossier well under the 1 MiB import limit and the localStorage quota.
pub const MAX_EVIDENCE_CHARS: usize = 2000;

pub const INDEX_SUFFIX: &str = "index";
/// The single key written by the v0 prototype.
pub const LEGACY_SUFFIX: &str = "answers";
pub const DOSSIER_SUFFIX_PREFIX: &str = "dossier.";
pub const CORRUPT_SUFFIX: &str = ".corrupt";

// ---------------------------------------------------------------------------------------------
// Notices

/// Stable notice codes; each is a key of `locales/*.json` whose `{name}` placeholders are filled
/// from the notice's arguments (and `{detail}` from its nested notice).
pub mod notice {
    // What happened at startup, shown to the user.
    pub const ASIDE_INDEX: &str = "storage.aside_index";
    pub const ASIDE_LEGACY: &str = "storage.aside_legacy";
    pub const ASIDE_NAMED: &str = "storage.aside_named";
    pub const ASIDE_DOSSIER: &str = "storage.aside_dossier";
    pub const TOO_NEW_INDEX: &str = "storage.too_new_index";
    pub const TOO_NEW_NAMED: &str = "storage.too_new_named";
    pub const TOO_NEW_KEY: &str = "storage.too_new_key";
    pub const MIGRATED: &str = "storage.migrated";
    /// Wraps a dropped-answer notice with the name of its dossier.
    pub const IN_DOSSIER: &str = "storage.in_dossier";
    pub const UNKNOWN_PIVOT: &str = "storage.unknown_pivot";
    pub const PIVOT_LEVEL_OUT_OF_RANGE: &str = "storage.pivot_level_out_of_range";
    pub const UNKNOWN_ITEM: &str = "storage.unknown_item";
    pub const UNKNOWN_ITEM_EVIDENCE: &str = "storage.unknown_item_evidence";
    pub const ITEM_LEVEL_OUT_OF_RANGE: &str = "storage.item_level_out_of_range";
    pub const ITEM_LEVEL_OUT_OF_RANGE_EVIDENCE: &str = "storage.item_level_out_of_range_evidence";
    pub const INDEX_ENTRY_REMOVED: &str = "storage.index_entry_removed";
    pub const INDEX_ENTRY_ADDED: &str = "storage.index_entry_added";

    // Why a value is unreadable: technical detail (`LoadError`, `SetAside::reason`).
    pub const INVALID_JSON: &str = "storage.reason.invalid_json";
    pub const NOT_OBJECT: &str = "storage.reason.not_object";
    pub const VERSION_MISSING: &str = "storage.reason.version_missing";
    pub const VERSION_INVALID: &str = "storage.reason.version_invalid";
    pub const UNKNOWN_DOSSIER_VERSION: &str = "storage.reason.unknown_dossier_version";
    pub const UNKNOWN_INDEX_VERSION: &str = "storage.reason.unknown_index_version";
    pub const INVALID_CONTENT: &str = "storage.reason.invalid_content";
    pub const INVALID_ID: &str = "storage.reason.invalid_id";
    pub const ID_MISMATCH: &str = "storage.reason.id_mismatch";
    pub const ID_NOT_KEY: &str = "storage.reason.id_not_key";
    pub const UNREADABLE: &str = "storage.reason.unreadable";
    pub const TOO_NEW: &str = "storage.reason.too_new";

    pub const ALL: [&str; 29] = [
        ASIDE_INDEX,
        ASIDE_LEGACY,
        ASIDE_NAMED,
        ASIDE_DOSSIER,
        TOO_NEW_INDEX,
        TOO_NEW_NAMED,
        TOO_NEW_KEY,
        MIGRATED,
        IN_DOSSIER,
        UNKNOWN_PIVOT,
        PIVOT_LEVEL_OUT_OF_RANGE,
        UNKNOWN_ITEM,
        UNKNOWN_ITEM_EVIDENCE,
        ITEM_LEVEL_OUT_OF_RANGE,
        ITEM_LEVEL_OUT_OF_RANGE_EVIDENCE,
        INDEX_ENTRY_REMOVED,
        INDEX_ENTRY_ADDED,
        INVALID_JSON,
        NOT_OBJECT,
        VERSION_MISSING,
        VERSION_INVALID,
        UNKNOWN_DOSSIER_VERSION,
        UNKNOWN_INDEX_VERSION,
        INVALID_CONTENT,
        INVALID_ID,
        ID_MISMATCH,
        ID_NOT_KEY,
        UNREADABLE,
        TOO_NEW,
    ];
}

/// A report about stored data: a code of [`notice`] and the values to insert in its template.
/// Kept structured so that the shell renders it in whatever language is current when shown.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct StorageNotice {
    pub code: &'static str,
    /// Named values (`key`, `name`, `version`…); raw error texts stay as they are.
    pub args: Vec<(&'static str, String)>,
    /// A notice rendered in the same language and inserted as `{detail}`.
    pub detail: Option<Box<StorageNotice>>,
}

impl StorageNotice {
    pub fn new(code: &'static str, args: Vec<(&'static str, String)>) -> Self {
        StorageNotice {
            code,
            args,
            detail: None,
        }
    }

    fn with_detail(mut self, detail: StorageNotice) -> Self {
        self.detail = Some(Box::new(detail));
        self
    }

    /// The value of argument `name`, if the notice has one.
    pub fn arg(&self, name: &str) -> Option<&str> {
        self.args
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, v)| v.as_str())
    }

    /// The text in `lang`, from the locale templates.
    pub fn render(&self, lang: Lang) -> String {
        let detail = self.detail.as_ref().map(|d| d.render(lang));
        let mut args: Vec<(&str, &str)> = self.args.iter().map(|(n, v)| (*n, v.as_str())).collect();
        if let Some(d) = &detail {
            args.push(("detail", d));
        }
        tr_with(lang, self.code, &args)
    }

    /// The French text: the `Display` fallback, and what the native tests check.
    pub fn french(&self) -> String {
        self.render(Lang::Fr)
    }
}

impl fmt::Display for StorageNotice {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.french())
    }
}

fn arg(name: &'static str, value: impl ToString) -> (&'static str, String) {
    (name, value.to_string())
}

// ---------------------------------------------------------------------------------------------
// Keys, namespaces, ids, names

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
fn make_id(raw: &str, taken: impl Fn(&str) -> bool) -> String {
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

// ---------------------------------------------------------------------------------------------
// Data

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Dossier {
    pub id: String,
    pub name: String,
    pub created_at: String,
    pub updated_at: String,
    /// Bumped by every applied change; orders the writes of concurrent tabs.
    pub revision: u64,
    pub answers: Answers,
}

impl Dossier {
    /// An empty dossier. `id` is made valid if it is not (see [`valid_id`]).
    pub fn new(id: &str, name: &str, now: &str) -> Dossier {
        Dossier {
            id: make_id(id, |_| false),
            name: normalize_name(name),
            created_at: now.to_string(),
            updated_at: now.to_string(),
            revision: 0,
            answers: Answers::default(),
        }
    }

    pub fn meta(&self) -> DossierMeta {
        DossierMeta {
            id: self.id.clone(),
            name: self.name.clone(),
            created_at: self.created_at.clone(),
            updated_at: self.updated_at.clone(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DossierMeta {
    pub id: String,
    pub name: String,
    pub created_at: String,
    pub updated_at: String,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DossierIndex {
    /// The dossier opened at startup.
    pub active: Option<String>,
    /// In creation order. May list a dossier written by a newer version of Repère, which is then
    /// absent from [`Startup::dossiers`] (see [`Startup::kept`]).
    pub dossiers: Vec<DossierMeta>,
}

impl DossierIndex {
    pub fn get(&self, id: &str) -> Option<&DossierMeta> {
        self.dossiers.iter().find(|m| m.id == id)
    }

    pub fn contains(&self, id: &str) -> bool {
        self.get(id).is_some()
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LoadError {
    /// Does not parse, or has the wrong shape or types. The reason is technical detail.
    Corrupt(StorageNotice),
    /// Written by a newer version of Repère: keep it untouched, never overwrite it.
    TooNew(u64),
}

impl LoadError {
    pub fn notice(&self) -> StorageNotice {
        match self {
            LoadError::Corrupt(reason) => {
                StorageNotice::new(notice::UNREADABLE, Vec::new()).with_detail(reason.clone())
            }
            LoadError::TooNew(v) => StorageNotice::new(
                notice::TOO_NEW,
                vec![arg("version", v), arg("current", CURRENT_VERSION)],
            ),
        }
    }
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.notice().french())
    }
}

impl std::error::Error for LoadError {}

/// One storage operation planned for the shell, to perform in order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Write {
    Set { key: String, value: String },
    Remove { key: String },
}

// ---------------------------------------------------------------------------------------------
// Validation against the bundled catalog

struct Limits {
    pivots: HashSet<String>,
    /// Full item id of every rated item → highest level of its scale.
    items: HashMap<String, u8>,
}

fn limits() -> &'static Limits {
    static LIMITS: OnceLock<Limits> = OnceLock::new();
    // From the outline, not the catalog: stored dossiers are read at start-up, before the
    // catalog's chunk is loaded (SPEC §11).
    LIMITS.get_or_init(|| {
        let pivots = outline::PIVOT_IDS.iter().map(|s| s.to_string()).collect();
        let mut items = HashMap::new();
        for r in outline::REFERENTIALS {
            let max = match r.scale {
                Scale::Ecf => ECF_MAX,
                Scale::Generic => GENERIC_MAX,
            };
            for id in r.rated {
                items.insert(super::answers::full_id(r.id, id), max);
            }
        }
        Limits { pivots, items }
    })
}

/// Highest level of the item's scale, or `None` if it is not a rated item of the catalog.
pub fn item_max(full_id: &str) -> Option<u8> {
    limits().items.get(full_id).copied()
}

pub fn pivot_known(id: &str) -> bool {
    limits().pivots.contains(id)
}

/// A level as stored: any JSON number, so that an out-of-range one is dropped with a warning
/// instead of making the whole dossier unreadable. `3.0` counts as 3.
fn level_in(n: &Number, max: u8) -> Option<u8> {
    let l = n.as_u64().or_else(|| {
        n.as_f64()
            .filter(|f| *f >= 0.0 && f.fract() == 0.0 && *f <= 255.0)
            .map(|f| f as u64)
    })?;
    (l <= u64::from(max)).then_some(l as u8)
}

/// `plain` or, when a note was written, its variant saying the note goes with the answer.
fn with_evidence(evidence: &str, plain: &'static str, noted: &'static str) -> &'static str {
    if evidence.trim().is_empty() {
        plain
    } else {
        noted
    }
}

/// Builds answers from stored raw values, dropping the unknown or out-of-range ones with a
/// notice each.
fn build_answers(
    quick: BTreeMap<String, Number>,
    items: Vec<(String, Number, String)>,
) -> (Answers, Vec<StorageNotice>) {
    let mut answers = Answers::default();
    let mut warnings = Vec::new();
    for (pivot, n) in quick {
        if !pivot_known(&pivot) {
            warnings.push(StorageNotice::new(
                notice::UNKNOWN_PIVOT,
                vec![arg("pivot", pivot)],
            ));
        } else if let Some(l) = level_in(&n, GENERIC_MAX) {
            answers.quick.insert(pivot, l);
        } else {
            warnings.push(StorageNotice::new(
                notice::PIVOT_LEVEL_OUT_OF_RANGE,
                vec![
                    arg("pivot", pivot),
                    arg("level", n),
                    arg("max", GENERIC_MAX),
                ],
            ));
        }
    }
    for (id, n, evidence) in items {
        match item_max(&id) {
            None => warnings.push(StorageNotice::new(
                with_evidence(
                    &evidence,
                    notice::UNKNOWN_ITEM,
                    notice::UNKNOWN_ITEM_EVIDENCE,
                ),
                vec![arg("id", id)],
            )),
            Some(max) => match level_in(&n, max) {
                Some(level) => {
                    answers.items.insert(id, ItemAnswer { level, evidence });
                }
                None => warnings.push(StorageNotice::new(
                    with_evidence(
                        &evidence,
                        notice::ITEM_LEVEL_OUT_OF_RANGE,
                        notice::ITEM_LEVEL_OUT_OF_RANGE_EVIDENCE,
                    ),
                    vec![arg("id", id), arg("level", n), arg("max", max)],
                )),
            },
        }
    }
    (answers, warnings)
}

/// Drops the answers unknown to the catalog or out of range for their scale, returning one
/// notice per dropped answer. Useful for any answers coming from outside.
pub fn sanitize_answers(answers: &mut Answers) -> Vec<StorageNotice> {
    let quick = std::mem::take(&mut answers.quick)
        .into_iter()
        .map(|(k, l)| (k, Number::from(l)))
        .collect();
    let items = std::mem::take(&mut answers.items)
        .into_iter()
        .map(|(k, a)| (k, Number::from(a.level), a.evidence))
        .collect();
    let (clean, warnings) = build_answers(quick, items);
    *answers = clean;
    warnings
}

// ---------------------------------------------------------------------------------------------
// Stored formats

#[derive(Serialize)]
struct DossierOut<'a> {
    version: u64,
    id: &'a str,
    name: &'a str,
    created_at: &'a str,
    updated_at: &'a str,
    revision: u64,
    quick: &'a BTreeMap<String, u8>,
    items: &'a BTreeMap<String, ItemAnswer>,
}

#[derive(Deserialize)]
struct DossierV1 {
    id: String,
    name: String,
    created_at: String,
    updated_at: String,
    revision: u64,
    #[serde(default)]
    quick: BTreeMap<String, Number>,
    #[serde(default)]
    items: BTreeMap<String, ItemV1>,
}

#[derive(Deserialize)]
struct ItemV1 {
    level: Number,
    #[serde(default)]
    evidence: String,
}

/// v0: `{ "quick": {pivot: n}, "items": {"<ref>/<item>": n} }`, no version, id, name or dates.
/// The object form of an item is accepted too, in case a prototype build wrote evidence.
#[derive(Deserialize)]
struct LegacyV0 {
    #[serde(default)]
    quick: BTreeMap<String, Number>,
    #[serde(default)]
    items: BTreeMap<String, LegacyItem>,
}

#[derive(Deserialize)]
#[serde(untagged)]
enum LegacyItem {
    Level(Number),
    Full(ItemV1),
}

#[derive(Serialize)]
struct IndexOut<'a> {
    version: u64,
    active: Option<&'a str>,
    dossiers: &'a [DossierMeta],
}

#[derive(Deserialize)]
struct IndexV1 {
    #[serde(default)]
    active: Option<String>,
    #[serde(default)]
    dossiers: Vec<MetaV1>,
}

#[derive(Deserialize)]
struct MetaV1 {
    id: String,
    #[serde(default)]
    name: String,
    #[serde(default)]
    created_at: String,
    #[serde(default)]
    updated_at: String,
}

fn corrupt(code: &'static str, args: Vec<(&'static str, String)>) -> LoadError {
    LoadError::Corrupt(StorageNotice::new(code, args))
}

/// Parses the text and reads its schema version. A version newer than ours is reported before
/// anything else is checked: a newer format may legitimately look wrong to us.
fn read_versioned(text: &str) -> Result<(Value, u64), LoadError> {
    let value: Value = serde_json::from_str(text)
        .map_err(|e| corrupt(notice::INVALID_JSON, vec![arg("error", e)]))?;
    let version = match value.as_object() {
        None => return Err(corrupt(notice::NOT_OBJECT, Vec::new())),
        Some(obj) => match obj.get("version") {
            None => return Err(corrupt(notice::VERSION_MISSING, Vec::new())),
            Some(v) => v
                .as_u64()
                .ok_or_else(|| corrupt(notice::VERSION_INVALID, vec![arg("value", v)]))?,
        },
    };
    if version > CURRENT_VERSION {
        return Err(LoadError::TooNew(version));
    }
    Ok((value, version))
}

pub fn encode_dossier(d: &Dossier) -> String {
    serde_json::to_string(&DossierOut {
        version: CURRENT_VERSION,
        id: &d.id,
        name: &d.name,
        created_at: &d.created_at,
        updated_at: &d.updated_at,
        revision: d.revision,
        quick: &d.answers.quick,
        items: &d.answers.items,
    })
    .expect("a dossier always serialises")
}

/// Decodes a stored dossier; unknown or out-of-range answers are dropped silently (use
/// [`decode_dossier_with_warnings`] to report them).
pub fn decode_dossier(text: &str) -> Result<Dossier, LoadError> {
    decode_dossier_with_warnings(text).map(|(d, _)| d)
}

/// Decodes a stored dossier and returns one notice per dropped answer.
pub fn decode_dossier_with_warnings(
    text: &str,
) -> Result<(Dossier, Vec<StorageNotice>), LoadError> {
    let (value, version) = read_versioned(text)?;
    match version {
        1 => decode_dossier_v1(value),
        // A future v2 would first upgrade older values step by step here (vN → vN+1 on the JSON
        // value) and then decode the current shape. Version 0 never lived under a dossier key
        // (it is the single `answers` key, see `migrate_legacy`), so it is not accepted here.
        v => Err(corrupt(
            notice::UNKNOWN_DOSSIER_VERSION,
            vec![arg("version", v)],
        )),
    }
}

fn decode_dossier_v1(value: Value) -> Result<(Dossier, Vec<StorageNotice>), LoadError> {
    let raw: DossierV1 = serde_json::from_value(value)
        .map_err(|e| corrupt(notice::INVALID_CONTENT, vec![arg("error", e)]))?;
    if !valid_id(&raw.id) {
        return Err(corrupt(notice::INVALID_ID, vec![arg("id", &raw.id)]));
    }
    let items = raw
        .items
        .into_iter()
        .map(|(k, i)| (k, i.level, i.evidence))
        .collect();
    let (answers, warnings) = build_answers(raw.quick, items);
    let dossier = Dossier {
        id: raw.id,
        name: normalize_name(&raw.name),
        created_at: raw.created_at,
        updated_at: raw.updated_at,
        revision: raw.revision,
        answers,
    };
    Ok((dossier, warnings))
}

/// Migrates the v0 `answers` value into a dossier named « Mon dossier », created now.
pub fn migrate_legacy(text: &str, now: &str, new_id: &str) -> Result<Dossier, LoadError> {
    migrate_legacy_with_warnings(text, now, new_id).map(|(d, _)| d)
}

pub fn migrate_legacy_with_warnings(
    text: &str,
    now: &str,
    new_id: &str,
) -> Result<(Dossier, Vec<StorageNotice>), LoadError> {
    let raw: LegacyV0 = serde_json::from_str(text)
        .map_err(|e| corrupt(notice::INVALID_JSON, vec![arg("error", e)]))?;
    let items = raw
        .items
        .into_iter()
        .map(|(k, i)| match i {
            LegacyItem::Level(n) => (k, n, String::new()),
            LegacyItem::Full(i) => (k, i.level, i.evidence),
        })
        .collect();
    let (answers, warnings) = build_answers(raw.quick, items);
    let mut dossier = Dossier::new(new_id, DEFAULT_NAME, now);
    dossier.answers = answers;
    Ok((dossier, warnings))
}

pub fn encode_index(index: &DossierIndex) -> String {
    serde_json::to_string(&IndexOut {
        version: CURRENT_VERSION,
        active: index.active.as_deref(),
        dossiers: &index.dossiers,
    })
    .expect("an index always serialises")
}

/// Decodes the stored index. Entries with an invalid or repeated id are dropped (the startup
/// repair re-adds every stored dossier anyway); names are normalised.
pub fn decode_index(text: &str) -> Result<DossierIndex, LoadError> {
    let (value, version) = read_versioned(text)?;
    if version != 1 {
        return Err(corrupt(
            notice::UNKNOWN_INDEX_VERSION,
            vec![arg("version", version)],
        ));
    }
    let raw: IndexV1 = serde_json::from_value(value)
        .map_err(|e| corrupt(notice::INVALID_CONTENT, vec![arg("error", e)]))?;
    let mut seen = HashSet::new();
    let dossiers = raw
        .dossiers
        .into_iter()
        .filter(|m| valid_id(&m.id) && seen.insert(m.id.clone()))
        .map(|m| DossierMeta {
            name: normalize_name(&m.name),
            id: m.id,
            created_at: m.created_at,
            updated_at: m.updated_at,
        })
        .collect();
    Ok(DossierIndex {
        active: raw.active.filter(|a| valid_id(a)),
        dossiers,
    })
}

// ---------------------------------------------------------------------------------------------
// Edits and the multi-tab protocol

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    /// Quick diagnostic level of a pivot skill; `None` clears it.
    SetQuick(String, Option<u8>),
    /// Level of an item (full id); `None` clears the answer together with its evidence note.
    SetItem(String, Option<u8>),
    /// Evidence note of an answered item (ignored while the item has no level).
    SetEvidence(String, String),
    Rename(String),
}

/// Applies one change. Returns whether the dossier changed; only then are `revision` and
/// `updated_at` bumped. Every change is a "set", so applying it twice is harmless (this is what
/// lets [`rebase_all`] replay pending changes). Invalid changes (unknown id, level out of range,
/// evidence for an unanswered item) are ignored and return `false`.
pub fn apply(d: &mut Dossier, c: &Change, now: &str) -> bool {
    let changed = match c {
        Change::SetQuick(pivot, level) => match level {
            Some(l) if pivot_known(pivot) && *l <= GENERIC_MAX => {
                d.answers.quick.insert(pivot.clone(), *l) != Some(*l)
            }
            Some(_) => false,
            None => d.answers.quick.remove(pivot).is_some(),
        },
        Change::SetItem(id, level) => match (level, item_max(id)) {
            (Some(l), Some(max)) if *l <= max => match d.answers.items.get_mut(id) {
                Some(a) if a.level == *l => false,
                Some(a) => {
                    a.level = *l;
                    true
                }
                None => {
                    d.answers.items.insert(
                        id.clone(),
                        ItemAnswer {
                            level: *l,
                            evidence: String::new(),
                        },
                    );
                    true
                }
            },
            (Some(_), _) => false,
            (None, _) => d.answers.items.remove(id).is_some(),
        },
        Change::SetEvidence(id, text) => {
            let text: String = text.chars().take(MAX_EVIDENCE_CHARS).collect();
            match d.answers.items.get_mut(id) {
                Some(a) if a.evidence != text => {
                    a.evidence = text;
                    true
                }
                _ => false,
            }
        }
        Change::Rename(name) => {
            let name = normalize_name(name);
            if d.name == name {
                false
            } else {
                d.name = name;
                true
            }
        }
    };
    if changed {
        d.revision = d.revision.saturating_add(1);
        d.updated_at = now.to_string();
    }
    changed
}

/// The dossier to write for `change`: the change applied on top of the freshest stored version,
/// so that a stale tab only contributes its own change. `stored` is the value just re-read from
/// `dossier.<id>`; `None` (removed meanwhile, or storage unavailable) falls back to `in_memory`.
pub fn rebase(
    stored: Option<&str>,
    in_memory: &Dossier,
    change: &Change,
    now: &str,
) -> Result<Dossier, LoadError> {
    rebase_all(stored, in_memory, std::slice::from_ref(change), now)
}

/// Like [`rebase`] for every change not yet written (the shell keeps them while writes fail, so
/// that a failed write is not lost when a later one is rebased on the older stored value).
pub fn rebase_all(
    stored: Option<&str>,
    in_memory: &Dossier,
    changes: &[Change],
    now: &str,
) -> Result<Dossier, LoadError> {
    let mut base = match stored {
        None => in_memory.clone(),
        Some(text) => {
            let d = decode_dossier(text)?;
            if d.id != in_memory.id {
                return Err(corrupt(
                    notice::ID_MISMATCH,
                    vec![arg("stored", &d.id), arg("expected", &in_memory.id)],
                ));
            }
            d
        }
    };
    // The revision must end above everything this tab has seen, so that other tabs (and this one,
    // on its own late storage events) recognise the write as the newest.
    base.revision = base.revision.max(in_memory.revision);
    for c in changes {
        apply(&mut base, c, now);
    }
    Ok(base)
}

/// Whether `stored` (from a storage event or a fresh read) is newer than this tab's copy:
/// higher revision, or same revision and later `updated_at` (ISO-8601 strings in UTC compare in
/// time order). A full tie is not newer, which keeps a tab from reloading its own write.
pub fn is_newer(stored: &Dossier, mine: &Dossier) -> bool {
    (stored.revision, &stored.updated_at) > (mine.revision, &mine.updated_at)
}

// ---------------------------------------------------------------------------------------------
// Dossier management (applied to the freshest index)

/// The index to edit: the stored one re-read just before writing (so another tab's new dossier
/// is not dropped), or `in_memory` when nothing is stored.
pub fn fresh_index(
    stored: Option<&str>,
    in_memory: &DossierIndex,
) -> Result<DossierIndex, LoadError> {
    match stored {
        None => Ok(in_memory.clone()),
        Some(text) => decode_index(text),
    }
}

/// Adds a new empty dossier to the index and makes it active. The id is made valid and unique
/// if needed; the returned dossier is to be written under [`dossier_key`] of its id.
pub fn create(index: &mut DossierIndex, name: &str, now: &str, id: &str) -> Dossier {
    let mut d = Dossier::new(id, name, now);
    d.id = make_id(&d.id, |candidate| index.contains(candidate));
    index.dossiers.push(d.meta());
    index.active = Some(d.id.clone());
    d
}

/// Renames the dossier in the index and returns the change to apply to the dossier itself (with
/// [`rebase`]); `None` when the id is unknown.
pub fn rename(index: &mut DossierIndex, id: &str, name: &str) -> Option<Change> {
    let meta = index.dossiers.iter_mut().find(|m| m.id == id)?;
    meta.name = normalize_name(name);
    Some(Change::Rename(meta.name.clone()))
}

/// Copies the dossier's name and dates into its index entry (adding it if missing). Returns
/// whether the index changed.
pub fn sync_meta(index: &mut DossierIndex, d: &Dossier) -> bool {
    match index.dossiers.iter_mut().find(|m| m.id == d.id) {
        Some(m) if *m == d.meta() => false,
        Some(m) => {
            *m = d.meta();
            true
        }
        None => {
            index.dossiers.push(d.meta());
            true
        }
    }
}

pub fn set_active(index: &mut DossierIndex, id: &str) -> bool {
    if index.contains(id) {
        index.active = Some(id.to_string());
        true
    } else {
        false
    }
}

/// What [`delete`] asks the shell to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Deletion {
    /// Keys to remove (the deleted dossier).
    pub removed_keys: Vec<String>,
    /// A fresh dossier, created when the last one was deleted: write it.
    pub created: Option<Dossier>,
}

/// Removes a dossier from the index. When it was the active one, the most recently updated
/// remaining dossier becomes active, or a fresh « Mon dossier » is created (with `new_id`) when
/// none is left. Unknown ids change nothing.
pub fn delete(ns: &str, index: &mut DossierIndex, id: &str, now: &str, new_id: &str) -> Deletion {
    let before = index.dossiers.len();
    index.dossiers.retain(|m| m.id != id);
    if index.dossiers.len() == before {
        return Deletion {
            removed_keys: Vec::new(),
            created: None,
        };
    }
    let mut created = None;
    if index.active.as_deref() == Some(id) || index.active.is_none() {
        index.active = most_recent(
            index
                .dossiers
                .iter()
                .map(|m| (m.id.as_str(), m.updated_at.as_str())),
        );
        if index.active.is_none() {
            created = Some(create(index, DEFAULT_NAME, now, new_id));
        }
    }
    Deletion {
        removed_keys: vec![dossier_key(ns, id)],
        created,
    }
}

/// The id with the latest `updated_at`; the first one listed on ties.
fn most_recent<'a>(entries: impl Iterator<Item = (&'a str, &'a str)>) -> Option<String> {
    let mut best: Option<(&str, &str)> = None;
    for (id, updated) in entries {
        if best.is_none_or(|(_, b)| updated > b) {
            best = Some((id, updated));
        }
    }
    best.map(|(id, _)| id.to_string())
}

// ---------------------------------------------------------------------------------------------
// Keeping unreadable values aside

/// An unreadable value moved aside: copied to `corrupt_key`, then removed from `key`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SetAside {
    pub key: String,
    pub corrupt_key: String,
    /// Technical detail, for the console.
    pub reason: StorageNotice,
    /// For the user.
    pub notice: StorageNotice,
}

/// A value left untouched because a newer version of Repère wrote it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Kept {
    pub key: String,
    pub version: u64,
    pub notice: StorageNotice,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Migration {
    pub from_key: String,
    pub to_key: String,
    pub from_version: u64,
    pub notice: StorageNotice,
}

/// The first free key among `<key>.corrupt`, `<key>.corrupt-2`, …, and whether the value still
/// needs copying there (not when an earlier run already copied the very same text: that run
/// failed before removing the original). Never reuses a key holding something else, so an older
/// kept-aside value is not overwritten.
fn free_corrupt_key(
    key: &str,
    value: &str,
    read: &dyn Fn(&str) -> Option<String>,
) -> (String, bool) {
    let first = corrupt_key(key);
    std::iter::once(first.clone())
        .chain((2u32..).map(|n| format!("{first}-{n}")))
        .find_map(|candidate| match read(&candidate) {
            None => Some((candidate, true)),
            Some(existing) if existing == value => Some((candidate, false)),
            Some(_) => None,
        })
        .expect("an unbounded counter finds a free key")
}

/// Best-effort name of an unreadable dossier, for the message.
fn name_hint(value: &str) -> Option<String> {
    let v: Value = serde_json::from_str(value).ok()?;
    let name = v.get("name")?.as_str()?;
    Some(normalize_name(name))
}

fn set_aside_notice(suffix: &str, name: Option<&str>, corrupt_key: &str) -> StorageNotice {
    let key = arg("key", corrupt_key);
    if suffix == INDEX_SUFFIX {
        StorageNotice::new(notice::ASIDE_INDEX, vec![key])
    } else if suffix == LEGACY_SUFFIX {
        StorageNotice::new(notice::ASIDE_LEGACY, vec![key])
    } else if let Some(name) = name {
        StorageNotice::new(notice::ASIDE_NAMED, vec![arg("name", name), key])
    } else {
        StorageNotice::new(notice::ASIDE_DOSSIER, vec![key])
    }
}

fn plan_set_aside(
    prefix: &str,
    key: &str,
    value: &str,
    reason: &StorageNotice,
    known_name: Option<&str>,
    read: &dyn Fn(&str) -> Option<String>,
) -> (SetAside, Vec<Write>) {
    let suffix = key.strip_prefix(prefix).unwrap_or(key);
    let (corrupt_key, copy) = free_corrupt_key(key, value, read);
    let name = name_hint(value).or_else(|| known_name.map(str::to_string));
    let notice = set_aside_notice(suffix, name.as_deref(), &corrupt_key);
    let mut writes = Vec::new();
    if copy {
        writes.push(Write::Set {
            key: corrupt_key.clone(),
            value: value.to_string(),
        });
    }
    writes.push(Write::Remove {
        key: key.to_string(),
    });
    (
        SetAside {
            key: key.to_string(),
            corrupt_key,
            reason: reason.clone(),
            notice,
        },
        writes,
    )
}

/// Plans moving an unreadable value aside at run time (e.g. after [`rebase`] returned
/// `Corrupt`): copy it to a free `.corrupt` key, then remove it. `read` reads a key from storage.
/// Perform the writes in order and stop at the first failure.
pub fn set_aside(
    ns: &str,
    key: &str,
    value: &str,
    reason: &StorageNotice,
    read: impl Fn(&str) -> Option<String>,
) -> (SetAside, Vec<Write>) {
    plan_set_aside(&prefix(ns), key, value, reason, None, &read)
}

fn too_new_notice(suffix: &str, key: &str, version: u64, name: Option<&str>) -> StorageNotice {
    let version = arg("version", version);
    if suffix == INDEX_SUFFIX {
        StorageNotice::new(notice::TOO_NEW_INDEX, vec![version])
    } else if let Some(name) = name {
        StorageNotice::new(notice::TOO_NEW_NAMED, vec![arg("name", name), version])
    } else {
        StorageNotice::new(notice::TOO_NEW_KEY, vec![arg("key", key), version])
    }
}

/// A dropped-answer notice labelled with the dossier it comes from.
fn in_dossier(name: &str, warning: StorageNotice) -> StorageNotice {
    StorageNotice::new(notice::IN_DOSSIER, vec![arg("name", name)]).with_detail(warning)
}

// ---------------------------------------------------------------------------------------------
// Startup

/// Everything the shell needs after reading storage at startup.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Startup {
    pub namespace: String,
    /// Repaired index; `active` is always the id of one of `dossiers`.
    pub index: DossierIndex,
    /// The readable dossiers, in index order (never empty).
    pub dossiers: Vec<Dossier>,
    pub set_aside: Vec<SetAside>,
    /// Values written by a newer version, left in place. Their keys must not be written.
    pub kept: Vec<Kept>,
    pub migrations: Vec<Migration>,
    /// Dropped answers and index repairs.
    pub warnings: Vec<StorageNotice>,
    /// Storage operations to perform in order, stopping at the first failure. They include the
    /// copies and removals of `set_aside`.
    pub writes: Vec<Write>,
}

impl Startup {
    pub fn active(&self) -> &Dossier {
        let id = self.index.active.as_deref();
        self.dossiers
            .iter()
            .find(|d| Some(d.id.as_str()) == id)
            .unwrap_or(&self.dossiers[0])
    }

    /// Every notice for the user, most serious first.
    pub fn messages(&self) -> Vec<StorageNotice> {
        let aside = self.set_aside.iter().map(|s| s.notice.clone());
        let kept = self.kept.iter().map(|k| k.notice.clone());
        let migrated = self.migrations.iter().map(|m| m.notice.clone());
        aside
            .chain(kept)
            .chain(migrated)
            .chain(self.warnings.iter().cloned())
            .collect()
    }

    /// Whether the shell may write `key` (false for values left to a newer version).
    pub fn may_write(&self, key: &str) -> bool {
        !self.kept.iter().any(|k| k.key == key)
    }
}

/// Plans the startup from every `(key, value)` stored under the namespace (other keys are
/// ignored). Unreadable values are moved aside, values from a newer version are left in place,
/// the v0 `answers` key is migrated, the index is repaired (entries whose dossier is gone are
/// removed, stored dossiers missing from it are added, names and dates refreshed), and a fresh
/// « Mon dossier » is created when no dossier is readable. `new_id` is used for the migrated or
/// fresh dossier (at most one of them is needed).
pub fn plan_startup(ns: &str, entries: &[(String, String)], now: &str, new_id: &str) -> Startup {
    let ns = namespace_or_default(ns).to_string();
    let prefix = prefix(&ns);
    let mut stored: BTreeMap<&str, &str> = BTreeMap::new();
    for (k, v) in entries {
        if k.starts_with(&prefix) {
            stored.insert(k, v);
        }
    }
    let read = |k: &str| stored.get(k).map(|v| v.to_string());

    let mut out = Startup {
        namespace: ns.clone(),
        index: DossierIndex::default(),
        dossiers: Vec::new(),
        set_aside: Vec::new(),
        kept: Vec::new(),
        migrations: Vec::new(),
        warnings: Vec::new(),
        writes: Vec::new(),
    };
    let mut aside_writes = Vec::new();
    let mut dossier_writes = Vec::new();

    // The index first, so that its names can label messages about unreadable dossiers.
    let index_key = index_key(&ns);
    let mut index_writable = true;
    let stored_index = match stored.get(index_key.as_str()) {
        None => None,
        Some(value) => match decode_index(value) {
            Ok(index) => Some(index),
            Err(LoadError::TooNew(version)) => {
                index_writable = false;
                let notice = too_new_notice(INDEX_SUFFIX, &index_key, version, None);
                out.kept.push(Kept {
                    key: index_key.clone(),
                    version,
                    notice,
                });
                None
            }
            Err(LoadError::Corrupt(reason)) => {
                let (aside, writes) =
                    plan_set_aside(&prefix, &index_key, value, &reason, None, &read);
                out.set_aside.push(aside);
                aside_writes.extend(writes);
                None
            }
        },
    };
    let known_name = |id: &str| {
        stored_index
            .as_ref()
            .and_then(|i| i.get(id))
            .map(|m| m.name.clone())
    };

    let mut loaded: Vec<Dossier> = Vec::new();
    let mut too_new_ids: HashSet<String> = HashSet::new();
    let mut aside_ids: HashSet<String> = HashSet::new();
    for (&key, &value) in &stored {
        let suffix = &key[prefix.len()..];
        // Anything else under the prefix (kept-aside values, keys of a later version) is left alone.
        let Some(id) = suffix
            .strip_prefix(DOSSIER_SUFFIX_PREFIX)
            .filter(|id| valid_id(id))
        else {
            continue;
        };
        let result = decode_dossier_with_warnings(value).and_then(|(d, w)| {
            if d.id == id {
                Ok((d, w))
            } else {
                Err(corrupt(notice::ID_NOT_KEY, vec![arg("id", &d.id)]))
            }
        });
        match result {
            Ok((d, warnings)) => {
                out.warnings
                    .extend(warnings.into_iter().map(|w| in_dossier(&d.name, w)));
                loaded.push(d);
            }
            Err(LoadError::TooNew(version)) => {
                too_new_ids.insert(id.to_string());
                let notice = too_new_notice(suffix, key, version, known_name(id).as_deref());
                out.kept.push(Kept {
                    key: key.to_string(),
                    version,
                    notice,
                });
            }
            Err(LoadError::Corrupt(reason)) => {
                aside_ids.insert(id.to_string());
                let (aside, writes) = plan_set_aside(
                    &prefix,
                    key,
                    value,
                    &reason,
                    known_name(id).as_deref(),
                    &read,
                );
                out.set_aside.push(aside);
                aside_writes.extend(writes);
            }
        }
    }

    let taken = |candidate: &str, loaded: &[Dossier]| {
        loaded.iter().any(|d| d.id == candidate)
            || too_new_ids.contains(candidate)
            || aside_ids.contains(candidate)
            || stored_index.as_ref().is_some_and(|i| i.contains(candidate))
    };

    // v0 → v1: the prototype's single `answers` key becomes a dossier. The legacy key is removed
    // last, once the dossier and the index holding it are written.
    let legacy_key = legacy_key(&ns);
    let mut legacy_removal = None;
    let mut migrated_id = None;
    if let Some(&value) = stored.get(legacy_key.as_str()) {
        match migrate_legacy_with_warnings(value, now, new_id) {
            Ok((mut d, warnings)) => {
                d.id = make_id(&d.id, |c| taken(c, &loaded));
                let to_key = dossier_key(&ns, &d.id);
                out.warnings
                    .extend(warnings.into_iter().map(|w| in_dossier(&d.name, w)));
                out.migrations.push(Migration {
                    from_key: legacy_key.clone(),
                    to_key: to_key.clone(),
                    from_version: 0,
                    notice: StorageNotice::new(notice::MIGRATED, vec![arg("name", &d.name)]),
                });
                dossier_writes.push(Write::Set {
                    key: to_key,
                    value: encode_dossier(&d),
                });
                legacy_removal = Some(Write::Remove {
                    key: legacy_key.clone(),
                });
                migrated_id = Some(d.id.clone());
                loaded.push(d);
            }
            Err(err) => {
                let reason = match err {
                    LoadError::Corrupt(reason) => reason,
                    other => other.notice(),
                };
                let (aside, writes) =
                    plan_set_aside(&prefix, &legacy_key, value, &reason, None, &read);
                out.set_aside.push(aside);
                aside_writes.extend(writes);
            }
        }
    }

    if loaded.is_empty() {
        let mut d = Dossier::new(new_id, DEFAULT_NAME, now);
        d.id = make_id(&d.id, |c| taken(c, &loaded));
        dossier_writes.push(Write::Set {
            key: dossier_key(&ns, &d.id),
            value: encode_dossier(&d),
        });
        migrated_id = Some(d.id.clone());
        loaded.push(d);
    }

    // Repair the index.
    let had_index = stored_index.is_some();
    let mut index = stored_index.clone().unwrap_or_default();
    let loaded_ids: HashSet<String> = loaded.iter().map(|d| d.id.clone()).collect();
    let mut repairs = Vec::new();
    index.dossiers.retain(|m| {
        let keep = loaded_ids.contains(&m.id) || too_new_ids.contains(&m.id);
        // A dossier just set aside already has its own message.
        if !keep && !aside_ids.contains(&m.id) {
            repairs.push(StorageNotice::new(
                notice::INDEX_ENTRY_REMOVED,
                vec![arg("name", &m.name)],
            ));
        }
        keep
    });
    let mut missing: Vec<&Dossier> = loaded.iter().filter(|d| !index.contains(&d.id)).collect();
    missing.sort_by(|a, b| (&a.created_at, &a.id).cmp(&(&b.created_at, &b.id)));
    for d in missing {
        if had_index && migrated_id.as_deref() != Some(d.id.as_str()) {
            repairs.push(StorageNotice::new(
                notice::INDEX_ENTRY_ADDED,
                vec![arg("name", &d.name)],
            ));
        }
        index.dossiers.push(d.meta());
    }
    for d in &loaded {
        sync_meta(&mut index, d);
    }
    out.warnings.extend(repairs);
    let active_ok = index
        .active
        .as_ref()
        .is_some_and(|a| loaded_ids.contains(a));
    if !active_ok {
        // A newly created or migrated dossier is what the user expects to land in; otherwise the
        // one they touched last.
        index.active = migrated_id
            .filter(|_| !had_index || index.active.is_none())
            .or_else(|| {
                most_recent(
                    loaded
                        .iter()
                        .map(|d| (d.id.as_str(), d.updated_at.as_str())),
                )
            });
    }

    if index_writable && stored_index.as_ref() != Some(&index) {
        dossier_writes.push(Write::Set {
            key: index_key.clone(),
            value: encode_index(&index),
        });
    }
    // Even when the index belongs to a newer version, the migrated dossier is stored under its own
    // key (which any version's repair re-adds), so the legacy value can go.
    dossier_writes.extend(legacy_removal);

    out.dossiers = index
        .dossiers
        .iter()
        .filter_map(|m| loaded.iter().find(|d| d.id == m.id).cloned())
        .collect();
    out.index = index;
    out.writes = aside_writes.into_iter().chain(dossier_writes).collect();
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::catalog::catalog;
    use crate::core::i18n::placeholders;
    use proptest::prelude::*;
    use std::collections::BTreeSet;

    const NOW: &str = "2026-11-23T10:00:00.000Z";
    const LATER: &str = "2026-11-23T11:00:00.000Z";

    /// A rated generic item, a rated e-CF item and a pivot skill, all stable ids of SPEC §2–3.
    const GENERIC_ITEM: &str = "charge-developpement-commercial/C2.1.3";
    const ECF_ITEM: &str = "vendeur-web/A.7";

    fn sample() -> Dossier {
        let mut d = Dossier::new("abc123", "Camille", NOW);
        d.revision = 4;
        d.updated_at = LATER.to_string();
        d.answers.quick.insert("referencement".into(), 3);
        d.answers.items.insert(
            GENERIC_ITEM.into(),
            ItemAnswer {
                level: 4,
                evidence: "Stage chez « X » — 3 mois".into(),
            },
        );
        d.answers.items.insert(
            ECF_ITEM.into(),
            ItemAnswer {
                level: 5,
                evidence: String::new(),
            },
        );
        d
    }

    fn entries(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    fn sets(writes: &[Write]) -> Vec<(&str, &str)> {
        writes
            .iter()
            .filter_map(|w| match w {
                Write::Set { key, value } => Some((key.as_str(), value.as_str())),
                Write::Remove { .. } => None,
            })
            .collect()
    }

    fn position(writes: &[Write], wanted: &Write) -> usize {
        writes
            .iter()
            .position(|w| w == wanted)
            .unwrap_or_else(|| panic!("{wanted:?} not in {writes:#?}"))
    }

    #[test]
    fn catalog_ids_used_by_the_tests_exist() {
        assert_eq!(item_max(GENERIC_ITEM), Some(GENERIC_MAX));
        assert_eq!(item_max(ECF_ITEM), Some(ECF_MAX));
        assert!(pivot_known("referencement"));
    }

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

    #[test]
    fn round_trip() {
        let d = sample();
        let text = encode_dossier(&d);
        let v: Value = serde_json::from_str(&text).unwrap();
        assert_eq!(v["version"], 1);
        assert_eq!(v["items"][GENERIC_ITEM]["level"], 4);
        assert_eq!(v["quick"]["referencement"], 3);
        assert!(v["items"][ECF_ITEM].get("evidence").is_none());
        assert_eq!(decode_dossier(&text), Ok(d));

        let mut index = DossierIndex::default();
        create(&mut index, "Un", NOW, "a1");
        create(&mut index, "Deux", NOW, "b2");
        let text = encode_index(&index);
        assert!(text.starts_with(r#"{"version":1,"#));
        assert_eq!(decode_index(&text), Ok(index));
    }

    /// What the v0 prototype wrote under `repere.default.answers`.
    const V0_FIXTURE: &str = r#"{
        "quick": { "referencement": 3, "veille": 2, "relation-client": 4, "gestion-projet": 0 },
        "items": {
            "vendeur-web/A.7": 2,
            "vendeur-web/E.1": 5,
            "charge-developpement-commercial/C2.1.3": 3,
            "charge-developpement-commercial/C1.1.1": 1
        }
    }"#;

    #[test]
    fn v0_migration() {
        let (d, warnings) = migrate_legacy_with_warnings(V0_FIXTURE, NOW, "f1e2d3").unwrap();
        assert!(warnings.is_empty(), "{warnings:?}");
        assert_eq!(
            (
                d.id.as_str(),
                d.name.as_str(),
                d.created_at.as_str(),
                d.revision
            ),
            ("f1e2d3", DEFAULT_NAME, NOW, 0)
        );
        let expected_quick: BTreeMap<String, u8> = [
            ("referencement", 3),
            ("veille", 2),
            ("relation-client", 4),
            ("gestion-projet", 0),
        ]
        .into_iter()
        .map(|(k, l)| (k.to_string(), l))
        .collect();
        assert_eq!(d.answers.quick, expected_quick);
        let levels: Vec<(&str, u8)> = d
            .answers
            .items
            .iter()
            .map(|(k, a)| (k.as_str(), a.level))
            .collect();
        assert_eq!(
            levels,
            vec![
                ("charge-developpement-commercial/C1.1.1", 1),
                ("charge-developpement-commercial/C2.1.3", 3),
                ("vendeur-web/A.7", 2),
                ("vendeur-web/E.1", 5),
            ]
        );
        let text = encode_dossier(&d);
        assert_eq!(
            serde_json::from_str::<Value>(&text).unwrap()["version"],
            CURRENT_VERSION
        );
        assert_eq!(decode_dossier(&text), Ok(d.clone()));
        assert_eq!(migrate_legacy(V0_FIXTURE, NOW, "f1e2d3"), Ok(d));
        assert!(matches!(
            migrate_legacy("[1, 2]", NOW, "x"),
            Err(LoadError::Corrupt(_))
        ));
        assert!(matches!(
            migrate_legacy(r#"{"quick": {"veille": "3"}}"#, NOW, "x"),
            Err(LoadError::Corrupt(_))
        ));
    }

    #[test]
    fn startup_migrates_v0() {
        let legacy = legacy_key("default");
        let s = plan_startup("default", &entries(&[(&legacy, V0_FIXTURE)]), NOW, "f1e2d3");
        assert_eq!(s.migrations.len(), 1);
        assert_eq!(s.migrations[0].to_key, "repere.default.dossier.f1e2d3");
        assert_eq!(s.migrations[0].notice.code, notice::MIGRATED);
        assert_eq!(
            s.migrations[0].notice.french(),
            "Vos réponses enregistrées par une version précédente de Repère ont été reprises dans le dossier « Mon dossier »."
        );
        assert_eq!(s.dossiers.len(), 1);
        assert_eq!(s.active().answers.quick.get("referencement"), Some(&3));
        assert_eq!(s.index.active.as_deref(), Some("f1e2d3"));
        // The dossier and the index are written before the legacy key is removed.
        let d = position(
            &s.writes,
            &Write::Set {
                key: "repere.default.dossier.f1e2d3".into(),
                value: encode_dossier(s.active()),
            },
        );
        let i = position(
            &s.writes,
            &Write::Set {
                key: index_key("default"),
                value: encode_index(&s.index),
            },
        );
        let r = position(&s.writes, &Write::Remove { key: legacy });
        assert!(d < r && i < r);
        assert!(s.set_aside.is_empty() && s.warnings.is_empty());
    }

    #[test]
    fn first_visit_creates_mon_dossier() {
        let s = plan_startup("cfa", &[], NOW, "0a0b");
        assert_eq!(s.dossiers.len(), 1);
        assert_eq!(s.active().name, DEFAULT_NAME);
        assert_eq!(s.index.active.as_deref(), Some("0a0b"));
        let keys: Vec<&str> = sets(&s.writes).into_iter().map(|(k, _)| k).collect();
        assert_eq!(keys, vec!["repere.cfa.dossier.0a0b", "repere.cfa.index"]);
        assert!(s.messages().is_empty());

        // Once written, the next startup reads it back and plans nothing.
        let stored: Vec<(String, String)> = sets(&s.writes)
            .into_iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        let again = plan_startup("cfa", &stored, LATER, "ffff");
        assert_eq!(again.dossiers, s.dossiers);
        assert_eq!(again.index, s.index);
        assert!(again.writes.is_empty());
    }

    #[test]
    fn other_namespaces_and_foreign_keys_are_ignored() {
        let other = encode_dossier(&sample());
        let e = entries(&[
            ("repere.default-2.dossier.abc123", &other),
            ("repere.lang", "fr"),
            ("repere.default.dossier.abc123.corrupt", "garbage"),
            ("repere.default.future-thing", "{}"),
        ]);
        let s = plan_startup("default", &e, NOW, "n1");
        assert_eq!(s.dossiers.len(), 1);
        assert_eq!(s.active().id, "n1");
        assert!(s
            .writes
            .iter()
            .all(|w| matches!(w, Write::Set { key, .. } if key.starts_with("repere.default."))));
    }

    #[test]
    fn corrupt_values_are_set_aside_with_a_message() {
        let good = sample();
        let mut index = DossierIndex::default();
        sync_meta(&mut index, &good);
        index.dossiers.push(DossierMeta {
            id: "bad2".into(),
            name: "Léa".into(),
            created_at: NOW.into(),
            updated_at: NOW.into(),
        });
        index.dossiers.push(DossierMeta {
            id: "bad1".into(),
            name: "Noé".into(),
            created_at: NOW.into(),
            updated_at: NOW.into(),
        });
        index.active = Some("bad1".into());
        let truncated = &encode_dossier(&Dossier {
            id: "bad1".into(),
            ..good.clone()
        })[..40];
        let wrong_types = r#"{"version":1,"id":"bad2","name":"Léa","created_at":"x","updated_at":"x","revision":"7"}"#;
        let not_json = "{quick: 3";
        let e = entries(&[
            ("repere.default.dossier.abc123", &encode_dossier(&good)),
            ("repere.default.dossier.bad1", truncated),
            ("repere.default.dossier.bad2", wrong_types),
            ("repere.default.dossier.bad3", not_json),
            ("repere.default.index", &encode_index(&index)),
        ]);
        for (_, v) in &e[1..4] {
            assert!(
                matches!(decode_dossier(v), Err(LoadError::Corrupt(_))),
                "{v}"
            );
        }
        let s = plan_startup("default", &e, NOW, "new");
        assert_eq!(s.dossiers, vec![good.clone()]);
        assert_eq!(s.index.active.as_deref(), Some("abc123"));
        assert_eq!(s.set_aside.len(), 3);
        for id in ["bad1", "bad2", "bad3"] {
            let key = format!("repere.default.dossier.{id}");
            let value = &e.iter().find(|(k, _)| *k == key).unwrap().1;
            let aside = s.set_aside.iter().find(|a| a.key == key).unwrap();
            assert_eq!(aside.corrupt_key, format!("{key}.corrupt"));
            let copy = position(
                &s.writes,
                &Write::Set {
                    key: aside.corrupt_key.clone(),
                    value: value.clone(),
                },
            );
            let removal = position(&s.writes, &Write::Remove { key: key.clone() });
            assert!(copy < removal);
            assert_eq!(
                aside.notice.arg("key"),
                Some(format!("{key}.corrupt").as_str())
            );
            assert!(
                aside
                    .notice
                    .french()
                    .contains(&format!("sous la clé « {key}.corrupt »")),
                "{}",
                aside.notice
            );
        }
        let bad2 = s
            .set_aside
            .iter()
            .find(|a| a.key.ends_with("bad2"))
            .unwrap();
        assert_eq!(bad2.notice.code, notice::ASIDE_NAMED);
        assert_eq!(
            bad2.notice.french(),
            "Le dossier enregistré « Léa » était illisible : il a été mis de côté sous la clé « repere.default.dossier.bad2.corrupt »."
        );
        assert_eq!(bad2.reason.code, notice::INVALID_CONTENT);
        assert!(bad2.reason.french().starts_with("contenu invalide : "));
        // The name of the truncated one comes from the index, since the value itself is unreadable.
        assert!(s
            .set_aside
            .iter()
            .find(|a| a.key.ends_with("bad1"))
            .unwrap()
            .notice
            .french()
            .contains("« Noé »"));
        assert!(s
            .set_aside
            .iter()
            .find(|a| a.key.ends_with("bad3"))
            .unwrap()
            .notice
            .french()
            .starts_with("Un dossier enregistré"));
        // Set-aside dossiers leave the index without a second message.
        assert_eq!(s.index.dossiers.len(), 1);
        assert!(s.warnings.is_empty(), "{:?}", s.warnings);
        // Nothing is ever removed without being copied first.
        assert!(s.writes.iter().all(|w| match w {
            Write::Remove { key } => s.set_aside.iter().any(|a| &a.key == key),
            Write::Set { .. } => true,
        }));
    }

    #[test]
    fn an_older_corrupt_copy_is_not_overwritten() {
        let key = "repere.default.dossier.bad1";
        let e = entries(&[
            (key, "new garbage"),
            ("repere.default.dossier.bad1.corrupt", "old garbage"),
        ]);
        let s = plan_startup("default", &e, NOW, "n");
        assert_eq!(s.set_aside[0].corrupt_key, format!("{key}.corrupt-2"));
        assert!(s.writes.contains(&Write::Set {
            key: format!("{key}.corrupt-2"),
            value: "new garbage".into()
        }));

        // An interrupted earlier run already made the copy: only the removal is left to do.
        let e = entries(&[
            (key, "garbage"),
            ("repere.default.dossier.bad1.corrupt", "garbage"),
        ]);
        let s = plan_startup("default", &e, NOW, "n");
        assert_eq!(s.set_aside[0].corrupt_key, format!("{key}.corrupt"));
        assert!(!sets(&s.writes).iter().any(|(k, _)| k.contains("corrupt")));
        assert!(s.writes.contains(&Write::Remove { key: key.into() }));
    }

    #[test]
    fn corrupt_index_is_set_aside_and_rebuilt() {
        let d = sample();
        let e = entries(&[
            ("repere.default.index", r#"{"version":1,"dossiers":{}}"#),
            ("repere.default.dossier.abc123", &encode_dossier(&d)),
        ]);
        assert!(matches!(decode_index(&e[0].1), Err(LoadError::Corrupt(_))));
        let s = plan_startup("default", &e, NOW, "n");
        assert_eq!(s.set_aside.len(), 1);
        assert_eq!(s.set_aside[0].notice.code, notice::ASIDE_INDEX);
        assert!(s.set_aside[0]
            .notice
            .french()
            .starts_with("La liste des dossiers enregistrée était illisible"));
        assert_eq!(s.index.dossiers, vec![d.meta()]);
        assert_eq!(s.index.active.as_deref(), Some("abc123"));
        assert!(s.writes.contains(&Write::Set {
            key: "repere.default.index".into(),
            value: encode_index(&s.index)
        }));
    }

    #[test]
    fn corrupt_legacy_value_is_set_aside() {
        let s = plan_startup(
            "default",
            &entries(&[("repere.default.answers", "{\"quick\": [")]),
            NOW,
            "n",
        );
        assert_eq!(s.set_aside.len(), 1);
        assert_eq!(s.set_aside[0].notice.code, notice::ASIDE_LEGACY);
        assert!(s.set_aside[0]
            .notice
            .french()
            .contains("version précédente"));
        assert!(s.set_aside[0]
            .reason
            .french()
            .starts_with("JSON invalide : "));
        assert!(s.migrations.is_empty());
        assert_eq!(s.dossiers.len(), 1);
    }

    #[test]
    fn too_new_values_are_left_in_place() {
        let future = r#"{"version":2,"id":"f","whatever":[1,2,3]}"#;
        assert_eq!(decode_dossier(future), Err(LoadError::TooNew(2)));
        assert_eq!(decode_index(r#"{"version":7}"#), Err(LoadError::TooNew(7)));
        let d = sample();
        let e = entries(&[
            ("repere.default.dossier.f", future),
            ("repere.default.dossier.abc123", &encode_dossier(&d)),
            ("repere.default.index", r#"{"version":3,"lists":[]}"#),
        ]);
        let s = plan_startup("default", &e, NOW, "n");
        assert_eq!(s.kept.len(), 2);
        assert!(s
            .kept
            .iter()
            .all(|k| k.notice.french().contains("version plus récente")));
        assert!(s.set_aside.is_empty());
        for key in ["repere.default.dossier.f", "repere.default.index"] {
            assert!(!s.may_write(key));
            assert!(s.writes.iter().all(|w| match w {
                Write::Set { key: k, .. } | Write::Remove { key: k } => k != key,
            }));
        }
        assert_eq!(s.active().id, "abc123");
        // The shell's write paths refuse it too.
        assert_eq!(
            rebase(
                Some(future),
                &Dossier::new("f", "x", NOW),
                &Change::Rename("y".into()),
                NOW
            ),
            Err(LoadError::TooNew(2))
        );
        assert_eq!(
            fresh_index(Some(r#"{"version":3}"#), &DossierIndex::default()),
            Err(LoadError::TooNew(3))
        );
    }

    #[test]
    fn an_index_entry_for_a_too_new_dossier_is_kept() {
        let d = sample();
        let mut index = DossierIndex::default();
        index.dossiers.push(DossierMeta {
            id: "f".into(),
            name: "Futur".into(),
            created_at: NOW.into(),
            updated_at: LATER.into(),
        });
        sync_meta(&mut index, &d);
        index.active = Some("f".into());
        let e = entries(&[
            ("repere.default.dossier.f", r#"{"version":2}"#),
            ("repere.default.dossier.abc123", &encode_dossier(&d)),
            ("repere.default.index", &encode_index(&index)),
        ]);
        let s = plan_startup("default", &e, NOW, "n");
        assert!(s.index.contains("f"));
        assert_eq!(s.index.active.as_deref(), Some("abc123"));
        assert_eq!(s.kept[0].notice.code, notice::TOO_NEW_NAMED);
        assert!(s.kept[0]
            .notice
            .french()
            .starts_with("Le dossier « Futur »"));
    }

    #[test]
    fn unknown_ids_and_out_of_range_levels_are_dropped_with_warnings() {
        let text = format!(
            r#"{{"version":1,"id":"abc","name":"Sam","created_at":"{NOW}","updated_at":"{NOW}","revision":2,
            "quick":{{"referencement":3,"astrologie":2,"veille":5,"contenus-web":-1}},
            "items":{{"{GENERIC_ITEM}":{{"level":4}},"{ECF_ITEM}":{{"level":5,"evidence":"ok"}},
                      "vendeur-web/Z.9":{{"level":1,"evidence":"preuve"}},
                      "charge-ecommerce/AC1.1":{{"level":5}},"chef-projet-ecommerce/D1.R1":{{"level":2}},
                      "charge-developpement-commercial/C1.1.1":{{"level":2.5}}}}}}"#
        );
        let (d, notices) = decode_dossier_with_warnings(&text).unwrap();
        let warnings: Vec<String> = notices.iter().map(StorageNotice::french).collect();
        assert_eq!(d.answers.quick.len(), 1);
        assert_eq!(d.answers.quick.get("referencement"), Some(&3));
        assert_eq!(
            d.answers.items.keys().collect::<Vec<_>>(),
            vec![GENERIC_ITEM, ECF_ITEM]
        );
        assert_eq!(d.answers.items[ECF_ITEM].evidence, "ok");
        assert_eq!(warnings.len(), 7, "{warnings:#?}");
        assert!(warnings
            .iter()
            .any(|w| w.contains("« astrologie » n'existe pas")));
        assert!(warnings
            .iter()
            .any(|w| w.contains("« veille » : le niveau 5 n'est pas sur l'échelle 0–4")));
        assert!(warnings.iter().any(|w| w
            == "Réponse ignorée : l'élément « vendeur-web/Z.9 » n'existe pas (ou plus) dans les référentiels (la preuve notée est ignorée avec elle)."));
        assert!(notices
            .iter()
            .any(|n| n.code == notice::UNKNOWN_ITEM_EVIDENCE
                && n.arg("id") == Some("vendeur-web/Z.9")));
        assert!(warnings
            .iter()
            .any(|w| w.contains("« charge-ecommerce/AC1.1 » : le niveau 5")));
        // Result items are shown, not rated.
        assert!(warnings
            .iter()
            .any(|w| w.contains("chef-projet-ecommerce/D1.R1")));

        let s = plan_startup(
            "default",
            &entries(&[("repere.default.dossier.abc", &text)]),
            NOW,
            "n",
        );
        assert_eq!(s.dossiers, vec![d]);
        assert_eq!(
            s.warnings
                .iter()
                .filter(|w| w.code == notice::IN_DOSSIER
                    && w.french().starts_with("Dossier « Sam » : Réponse ignorée"))
                .count(),
            7
        );

        let mut answers = sample().answers;
        answers.quick.insert("veille".into(), 9);
        assert_eq!(sanitize_answers(&mut answers).len(), 1);
        assert_eq!(answers, sample().answers);
    }

    #[test]
    fn wrong_types_are_corrupt() {
        let base = |field: &str| {
            format!(
                r#"{{"version":1,"id":"abc","name":"n","created_at":"t","updated_at":"t",{field}}}"#
            )
        };
        assert!(decode_dossier(&base(r#""revision":1"#)).is_ok());
        for field in [
            r#""revision":1,"quick":{"veille":"3"}"#,
            r#""revision":1,"items":{"vendeur-web/A.7":3}"#,
            r#""revision":1,"items":{"vendeur-web/A.7":{"level":3,"evidence":12}}"#,
            r#""revision":1,"quick":[]"#,
            r#""revision":-1"#,
            r#""revision":"1""#,
            r#""revision":1,"name":null"#,
        ] {
            assert!(
                matches!(decode_dossier(&base(field)), Err(LoadError::Corrupt(_))),
                "{field}"
            );
        }
        for text in [
            "",
            "null",
            "[]",
            r#"{"id":"abc"}"#,
            r#"{"version":"1"}"#,
            r#"{"version":0}"#,
            r#"{"version":1,"id":"A B"}"#,
        ] {
            assert!(
                matches!(decode_dossier(text), Err(LoadError::Corrupt(_))),
                "{text}"
            );
        }
    }

    #[test]
    fn index_repair() {
        let a = sample();
        let b = Dossier::new("b0", "Bob", NOW);
        let mut index = DossierIndex::default();
        sync_meta(&mut index, &a);
        index.dossiers.push(DossierMeta {
            id: "gone".into(),
            name: "Parti".into(),
            created_at: NOW.into(),
            updated_at: NOW.into(),
        });
        index.active = Some("gone".into());
        let e = entries(&[
            ("repere.default.index", &encode_index(&index)),
            ("repere.default.dossier.abc123", &encode_dossier(&a)),
            ("repere.default.dossier.b0", &encode_dossier(&b)),
        ]);
        let s = plan_startup("default", &e, NOW, "n");
        assert_eq!(
            s.index
                .dossiers
                .iter()
                .map(|m| m.id.as_str())
                .collect::<Vec<_>>(),
            vec!["abc123", "b0"]
        );
        // The active one was missing: the most recently updated takes over.
        assert_eq!(s.index.active.as_deref(), Some("abc123"));
        assert_eq!(s.warnings.len(), 2, "{:?}", s.warnings);
        assert_eq!(s.warnings[0].code, notice::INDEX_ENTRY_REMOVED);
        assert!(s.warnings[0]
            .french()
            .contains("« Parti » figurait dans la liste"));
        assert_eq!(s.warnings[1].code, notice::INDEX_ENTRY_ADDED);
        assert!(s.warnings[1].french().contains("« Bob » manquait"));
        assert!(s.writes.contains(&Write::Set {
            key: "repere.default.index".into(),
            value: encode_index(&s.index)
        }));
        assert_eq!(s.dossiers.len(), 2);
    }

    #[test]
    fn apply_bumps_revision_only_on_change() {
        let mut d = Dossier::new("a", "A", NOW);
        assert!(apply(
            &mut d,
            &Change::SetQuick("veille".into(), Some(2)),
            LATER
        ));
        assert_eq!((d.revision, d.updated_at.as_str()), (1, LATER));
        assert!(!apply(
            &mut d,
            &Change::SetQuick("veille".into(), Some(2)),
            "z"
        ));
        assert!(!apply(
            &mut d,
            &Change::SetQuick("veille".into(), Some(5)),
            "z"
        ));
        assert!(!apply(
            &mut d,
            &Change::SetQuick("inconnu".into(), Some(1)),
            "z"
        ));
        assert!(!apply(
            &mut d,
            &Change::SetItem(GENERIC_ITEM.into(), Some(5)),
            "z"
        ));
        assert!(apply(
            &mut d,
            &Change::SetItem(ECF_ITEM.into(), Some(5)),
            LATER
        ));
        assert!(!apply(
            &mut d,
            &Change::SetEvidence(GENERIC_ITEM.into(), "sans niveau".into()),
            "z"
        ));
        assert!(apply(
            &mut d,
            &Change::SetEvidence(ECF_ITEM.into(), "x".repeat(3000)),
            LATER
        ));
        assert_eq!(d.answers.items[ECF_ITEM].evidence.len(), MAX_EVIDENCE_CHARS);
        assert!(apply(
            &mut d,
            &Change::SetItem(ECF_ITEM.into(), Some(1)),
            LATER
        ));
        assert_eq!(
            d.answers.items[ECF_ITEM].evidence.len(),
            MAX_EVIDENCE_CHARS,
            "changing the level keeps the note"
        );
        assert!(apply(
            &mut d,
            &Change::Rename("  Nouveau  nom ".into()),
            LATER
        ));
        assert_eq!(d.name, "Nouveau nom");
        assert!(apply(
            &mut d,
            &Change::SetItem(ECF_ITEM.into(), None),
            LATER
        ));
        assert!(apply(
            &mut d,
            &Change::SetQuick("veille".into(), None),
            LATER
        ));
        assert!(d.answers.is_empty());
        assert_eq!(d.revision, 7);
        assert_eq!(d.updated_at, LATER);
    }

    #[test]
    fn rebase_keeps_another_tabs_newer_answer() {
        // Both tabs loaded the same dossier.
        let base = Dossier::new("shared", "Classe", NOW);
        let mut tab_a = base.clone();
        let tab_b = base.clone();
        // Tab A answers and writes.
        let change_a = Change::SetQuick("veille".into(), Some(3));
        let written_a = rebase(
            Some(&encode_dossier(&base)),
            &tab_a,
            &change_a,
            "2026-11-23T10:01:00Z",
        )
        .unwrap();
        tab_a = written_a.clone();
        // Tab B, stale, answers something else: it re-reads storage first.
        let change_b = Change::SetItem(GENERIC_ITEM.into(), Some(2));
        let written_b = rebase(
            Some(&encode_dossier(&written_a)),
            &tab_b,
            &change_b,
            "2026-11-23T10:02:00Z",
        )
        .unwrap();
        assert_eq!(
            written_b.answers.quick.get("veille"),
            Some(&3),
            "tab A's answer survives"
        );
        assert_eq!(
            written_b.answers.items[GENERIC_ITEM].level, 2,
            "tab B's answer is applied"
        );
        assert_eq!(written_b.revision, 2);
        // Tab A hears about it and reloads.
        assert!(is_newer(&written_b, &tab_a));
        // A stale tab changing the same answer only overwrites that answer.
        let change_b2 = Change::SetQuick("veille".into(), Some(1));
        let written_b2 = rebase(
            Some(&encode_dossier(&written_b)),
            &tab_b,
            &change_b2,
            "2026-11-23T10:03:00Z",
        )
        .unwrap();
        assert_eq!(written_b2.answers.quick.get("veille"), Some(&1));
        assert_eq!(written_b2.answers.items[GENERIC_ITEM].level, 2);
        // Storage gone: the in-memory copy is the base.
        let alone = rebase(None, &written_b2, &Change::Rename("Seul".into()), LATER).unwrap();
        assert_eq!(
            (alone.name.as_str(), alone.revision, alone.answers.clone()),
            ("Seul", 4, written_b2.answers.clone())
        );
        // A corrupt stored value is reported, for the shell to set aside.
        assert!(matches!(
            rebase(Some("{"), &tab_a, &change_a, LATER),
            Err(LoadError::Corrupt(_))
        ));
        let other = encode_dossier(&Dossier::new("other", "x", NOW));
        assert!(matches!(
            rebase(Some(&other), &tab_a, &change_a, LATER),
            Err(LoadError::Corrupt(_))
        ));
    }

    #[test]
    fn rebase_all_replays_changes_whose_write_failed() {
        let stored = Dossier::new("d", "D", NOW);
        let stored_text = encode_dossier(&stored);
        let first = Change::SetQuick("veille".into(), Some(2));
        // The write of `first` failed (quota): storage still holds `stored`.
        let mem = rebase(Some(&stored_text), &stored, &first, LATER).unwrap();
        let second = Change::SetQuick("communication".into(), Some(4));
        let next = rebase_all(Some(&stored_text), &mem, &[first, second], LATER).unwrap();
        assert_eq!(next.answers.quick.len(), 2);
        assert!(next.revision > mem.revision);
    }

    #[test]
    fn is_newer_orders_by_revision_then_time() {
        let mut mine = sample();
        let mut stored = mine.clone();
        assert!(!is_newer(&stored, &mine));
        stored.revision += 1;
        assert!(is_newer(&stored, &mine));
        assert!(!is_newer(&mine, &stored));
        stored.revision = mine.revision;
        stored.updated_at = "2027-01-01T00:00:00.000Z".into();
        assert!(is_newer(&stored, &mine));
        mine.revision += 1;
        assert!(!is_newer(&stored, &mine), "revision wins over time");
    }

    #[test]
    fn management() {
        let mut index = DossierIndex::default();
        let a = create(&mut index, "  ", NOW, "aa");
        assert_eq!(a.name, DEFAULT_NAME);
        let b = create(&mut index, "Bob", LATER, "aa");
        assert_ne!(b.id, a.id, "a colliding id is made unique");
        assert!(valid_id(&b.id));
        assert_eq!(index.active.as_deref(), Some(b.id.as_str()));
        let c = create(&mut index, "Bob", NOW, "cc");
        assert_eq!(
            index.dossiers.iter().filter(|m| m.name == "Bob").count(),
            2,
            "duplicate names are allowed"
        );

        assert!(set_active(&mut index, &c.id));
        assert!(!set_active(&mut index, "nope"));
        assert_eq!(
            rename(&mut index, &a.id, " Alice "),
            Some(Change::Rename("Alice".into()))
        );
        assert_eq!(index.get(&a.id).unwrap().name, "Alice");
        assert_eq!(rename(&mut index, "nope", "x"), None);

        // Deleting a non-active dossier keeps the active one.
        let del = delete("default", &mut index, &a.id, NOW, "zz");
        assert_eq!(del.removed_keys, vec![dossier_key("default", &a.id)]);
        assert_eq!(del.created, None);
        assert_eq!(index.active.as_deref(), Some(c.id.as_str()));
        // Deleting the active one hands over to the most recently updated.
        let del = delete("default", &mut index, &c.id, NOW, "zz");
        assert_eq!(del.removed_keys, vec![dossier_key("default", &c.id)]);
        assert_eq!(index.active.as_deref(), Some(b.id.as_str()));
        // Deleting the last one creates a fresh « Mon dossier ».
        let del = delete("default", &mut index, &b.id, NOW, "zz");
        let fresh = del.created.expect("a fresh dossier");
        assert_eq!(
            (fresh.id.as_str(), fresh.name.as_str()),
            ("zz", DEFAULT_NAME)
        );
        assert_eq!(index.active.as_deref(), Some("zz"));
        assert_eq!(index.dossiers, vec![fresh.meta()]);
        // Unknown ids change nothing.
        let before = index.clone();
        assert_eq!(
            delete("default", &mut index, "nope", NOW, "yy"),
            Deletion {
                removed_keys: vec![],
                created: None
            }
        );
        assert_eq!(index, before);
    }

    #[test]
    fn fresh_index_prefers_storage() {
        let mut mine = DossierIndex::default();
        create(&mut mine, "Moi", NOW, "m");
        let mut theirs = mine.clone();
        create(&mut theirs, "Autre onglet", NOW, "t");
        let mut idx = fresh_index(Some(&encode_index(&theirs)), &mine).unwrap();
        create(&mut idx, "Encore", NOW, "e");
        assert_eq!(idx.dossiers.len(), 3, "the other tab's dossier is kept");
        assert_eq!(fresh_index(None, &mine), Ok(mine));
    }

    /// Every notice the core can produce, from real stored values; with their nested details.
    fn every_notice() -> Vec<StorageNotice> {
        let mut index = DossierIndex::default();
        for (id, name) in [("gone", "Parti"), ("named1", "Noé"), ("fut", "Futur")] {
            index.dossiers.push(DossierMeta {
                id: id.into(),
                name: name.into(),
                created_at: NOW.into(),
                updated_at: NOW.into(),
            });
        }
        let sam = format!(
            r#"{{"version":1,"id":"sam","name":"Sam","created_at":"{NOW}","updated_at":"{NOW}","revision":1,
            "quick":{{"astrologie":2,"veille":5}},
            "items":{{"vendeur-web/Z.9":{{"level":1}},"vendeur-web/Z.8":{{"level":1,"evidence":"p"}},
                      "{ECF_ITEM}":{{"level":6}},"{GENERIC_ITEM}":{{"level":5,"evidence":"p"}}}}}}"#
        );
        let mismatch = encode_dossier(&Dossier::new("other", "Autre", NOW));
        let with_index = plan_startup(
            "default",
            &entries(&[
                ("repere.default.index", &encode_index(&index)),
                ("repere.default.dossier.named1", "{"),
                ("repere.default.dossier.fut", r#"{"version":2}"#),
                ("repere.default.dossier.fut2", r#"{"version":3}"#),
                ("repere.default.dossier.anon", "pas du JSON"),
                ("repere.default.dossier.mism", &mismatch),
                ("repere.default.dossier.sam", &sam),
                ("repere.default.answers", r#"{"quick":{"astrologie":1}}"#),
            ]),
            NOW,
            "m",
        );
        let bad_index_and_legacy = plan_startup(
            "default",
            &entries(&[
                ("repere.default.index", "[1]"),
                ("repere.default.answers", "{"),
            ]),
            NOW,
            "n",
        );
        let new_index = plan_startup(
            "default",
            &entries(&[("repere.default.index", r#"{"version":2}"#)]),
            NOW,
            "n",
        );

        let mut out = Vec::new();
        for s in [&with_index, &bad_index_and_legacy, &new_index] {
            out.extend(s.messages());
            out.extend(s.set_aside.iter().map(|a| a.reason.clone()));
        }
        let reason = |r: Result<Dossier, LoadError>| match r {
            Err(LoadError::Corrupt(n)) => n,
            other => panic!("expected a corrupt value, got {other:?}"),
        };
        let base = |id: &str| {
            format!(
                r#"{{"version":1,"id":"{id}","name":"n","created_at":"t","updated_at":"t","revision":1}}"#
            )
        };
        for text in [
            "{}".to_string(),
            r#"{"version":"1"}"#.to_string(),
            r#"{"version":0}"#.to_string(),
            r#"{"version":1}"#.to_string(),
            base("A B"),
        ] {
            out.push(reason(decode_dossier(&text)));
        }
        out.push(reason(decode_index(r#"{"version":0}"#).map(|_| sample())));
        let me = Dossier::new("me", "Moi", NOW);
        out.push(reason(rebase(
            Some(&base("you")),
            &me,
            &Change::Rename("x".into()),
            NOW,
        )));
        out.push(LoadError::Corrupt(out[0].clone()).notice());
        out.push(LoadError::TooNew(2).notice());

        let mut all = Vec::new();
        while let Some(n) = out.pop() {
            out.extend(n.detail.as_deref().cloned());
            all.push(n);
        }
        all
    }

    #[test]
    fn every_notice_has_a_template_in_both_languages() {
        use crate::core::i18n::{fill, parse_locale, EN_SOURCE, FR_SOURCE};
        let fr = parse_locale(FR_SOURCE).unwrap();
        let en = parse_locale(EN_SOURCE).unwrap();
        assert_eq!(
            notice::ALL.iter().collect::<HashSet<_>>().len(),
            notice::ALL.len()
        );
        for code in notice::ALL {
            let (Some(f), Some(e)) = (fr.get(code), en.get(code)) else {
                panic!("{code} lacks a template in fr.json or en.json");
            };
            // Same placeholders: an English text must not need a value the French one lacks.
            assert_eq!(placeholders(f), placeholders(e), "{code}");
            let sample: Vec<(&str, &str)> = placeholders(f).into_iter().map(|p| (p, "x")).collect();
            for text in [fill(f, &sample), fill(e, &sample)] {
                assert!(placeholders(&text).is_empty(), "{code}: {text}");
            }
        }
    }

    #[test]
    fn real_notices_fill_every_placeholder() {
        use crate::core::i18n::{parse_locale, EN_SOURCE, FR_SOURCE};
        let fr = parse_locale(FR_SOURCE).unwrap();
        let en = parse_locale(EN_SOURCE).unwrap();
        let all = every_notice();
        let seen: HashSet<&str> = all.iter().map(|n| n.code).collect();
        let missing: Vec<&str> = notice::ALL
            .iter()
            .copied()
            .filter(|c| !seen.contains(c))
            .collect();
        assert!(missing.is_empty(), "no notice produced for {missing:?}");
        for n in &all {
            let mut given: BTreeSet<&str> = n.args.iter().map(|(name, _)| *name).collect();
            if n.detail.is_some() {
                given.insert("detail");
            }
            for (lang, locale) in [(Lang::Fr, &fr), (Lang::En, &en)] {
                assert_eq!(placeholders(&locale[n.code]), given, "{lang:?} {n:?}");
                let text = n.render(lang);
                assert!(!text.is_empty() && placeholders(&text).is_empty(), "{text}");
            }
            assert_ne!(n.render(Lang::Fr), n.render(Lang::En), "{n:?}");
        }
    }

    #[test]
    fn french_notices_read_as_before() {
        let all = every_notice();
        let french = |code: &str| -> Vec<String> {
            let mut v: Vec<String> = all
                .iter()
                .filter(|n| n.code == code)
                .map(StorageNotice::french)
                .collect();
            v.sort();
            v
        };
        let one = |code: &str| -> String {
            let v = french(code);
            assert_eq!(v.len(), 1, "{code}: {v:?}");
            v[0].clone()
        };
        assert_eq!(one(notice::ASIDE_INDEX), "La liste des dossiers enregistrée était illisible : elle a été mise de côté sous la clé « repere.default.index.corrupt » et reconstruite à partir des dossiers enregistrés.");
        assert_eq!(one(notice::ASIDE_LEGACY), "Les réponses enregistrées par une version précédente de Repère étaient illisibles : elles ont été mises de côté sous la clé « repere.default.answers.corrupt ».");
        // « Autre » comes from the unreadable value itself, « Noé » from the index.
        assert_eq!(
            french(notice::ASIDE_NAMED),
            [
                "Le dossier enregistré « Autre » était illisible : il a été mis de côté sous la clé « repere.default.dossier.mism.corrupt ».",
                "Le dossier enregistré « Noé » était illisible : il a été mis de côté sous la clé « repere.default.dossier.named1.corrupt ».",
            ]
        );
        assert_eq!(french(notice::ASIDE_DOSSIER)[0], "Un dossier enregistré était illisible : il a été mis de côté sous la clé « repere.default.dossier.anon.corrupt ».");
        assert_eq!(one(notice::TOO_NEW_INDEX), "La liste des dossiers a été enregistrée par une version plus récente de Repère (format 2) : elle a été laissée intacte. Rechargez la page pour utiliser la dernière version.");
        assert_eq!(one(notice::TOO_NEW_NAMED), "Le dossier « Futur » a été enregistré par une version plus récente de Repère (format 2) : il a été laissé intact. Rechargez la page pour utiliser la dernière version.");
        assert_eq!(one(notice::TOO_NEW_KEY), "Le dossier enregistré sous la clé « repere.default.dossier.fut2 » a été enregistré par une version plus récente de Repère (format 3) : il a été laissé intact. Rechargez la page pour utiliser la dernière version.");
        assert_eq!(one(notice::MIGRATED), "Vos réponses enregistrées par une version précédente de Repère ont été reprises dans le dossier « Mon dossier ».");
        let mut in_dossier = vec![
            "Dossier « Mon dossier » : Réponse ignorée : la compétence pivot « astrologie » n'existe pas (ou plus).".to_string(),
            "Dossier « Sam » : Réponse ignorée : l'élément « vendeur-web/Z.8 » n'existe pas (ou plus) dans les référentiels (la preuve notée est ignorée avec elle).".to_string(),
            "Dossier « Sam » : Réponse ignorée : l'élément « vendeur-web/Z.9 » n'existe pas (ou plus) dans les référentiels.".to_string(),
            "Dossier « Sam » : Réponse ignorée : la compétence pivot « astrologie » n'existe pas (ou plus).".to_string(),
            "Dossier « Sam » : Réponse ignorée pour la compétence pivot « veille » : le niveau 5 n'est pas sur l'échelle 0–4.".to_string(),
            format!("Dossier « Sam » : Réponse ignorée pour « {GENERIC_ITEM} » : le niveau 5 n'est pas sur l'échelle 0–4 (la preuve notée est ignorée avec elle)."),
            format!("Dossier « Sam » : Réponse ignorée pour « {ECF_ITEM} » : le niveau 6 n'est pas sur l'échelle 0–5."),
        ];
        in_dossier.sort();
        assert_eq!(french(notice::IN_DOSSIER), in_dossier);
        assert_eq!(one(notice::INDEX_ENTRY_REMOVED), "Le dossier « Parti » figurait dans la liste mais n'était plus enregistré : il a été retiré de la liste.");
        assert_eq!(
            one(notice::INDEX_ENTRY_ADDED),
            "Le dossier « Sam » manquait dans la liste des dossiers : il y a été rajouté."
        );
        assert_eq!(one(notice::NOT_OBJECT), "la valeur n'est pas un objet JSON");
        assert_eq!(one(notice::VERSION_MISSING), "champ « version » absent");
        assert_eq!(
            one(notice::VERSION_INVALID),
            "champ « version » invalide : \"1\""
        );
        assert_eq!(
            one(notice::UNKNOWN_DOSSIER_VERSION),
            "version 0 inconnue pour un dossier"
        );
        assert_eq!(
            one(notice::UNKNOWN_INDEX_VERSION),
            "version 0 inconnue pour la liste des dossiers"
        );
        assert_eq!(one(notice::INVALID_ID), "identifiant invalide : « A B »");
        assert_eq!(
            one(notice::ID_MISMATCH),
            "le dossier enregistré porte l'identifiant « you » au lieu de « me »"
        );
        assert_eq!(
            one(notice::ID_NOT_KEY),
            "l'identifiant « other » ne correspond pas à la clé"
        );
        assert_eq!(
            one(notice::TOO_NEW),
            "valeur au format 2, plus récent que celui de cette version de Repère (format 1)"
        );
        assert_eq!(
            LoadError::Corrupt(StorageNotice::new(notice::VERSION_MISSING, Vec::new())).to_string(),
            "valeur illisible (champ « version » absent)"
        );
        // serde_json's own (English) text is kept as it is, after the French lead-in.
        assert!(french(notice::INVALID_JSON)
            .iter()
            .all(|t| t.starts_with("JSON invalide : ") && t.contains("line 1")));
        assert!(french(notice::INVALID_CONTENT)
            .iter()
            .all(|t| t.starts_with("contenu invalide : ")));
    }

    #[test]
    fn a_dossier_name_is_shown_as_written() {
        let e = entries(&[("repere.default.dossier.x", r#"{"name":"{key} {detail}"}"#)]);
        let s = plan_startup("default", &e, NOW, "n");
        assert_eq!(
            s.set_aside[0].notice.render(Lang::En),
            "The saved dossier “{key} {detail}” could not be read: it was set aside under the key “repere.default.dossier.x.corrupt”."
        );
    }

    fn arb_dossier() -> impl Strategy<Value = Dossier> {
        let cat = catalog();
        let pivots: Vec<String> = cat.pivots.skills().map(|s| s.id.clone()).collect();
        let items: Vec<(String, u8)> = limits()
            .items
            .iter()
            .map(|(k, m)| (k.clone(), *m))
            .collect();
        let quick = proptest::collection::btree_map(
            proptest::sample::select(pivots),
            0..=GENERIC_MAX,
            0..10,
        );
        let item = proptest::sample::select(items)
            .prop_flat_map(|(id, max)| (Just(id), 0..=max, any::<String>()));
        let items = proptest::collection::vec(item, 0..15);
        (
            "[a-z0-9-]{1,40}",
            any::<String>(),
            "[0-9T:.Z-]{0,30}",
            any::<String>(),
            any::<u64>(),
            quick,
            items,
        )
            .prop_map(
                |(id, name, created_at, updated_at, revision, quick, items)| Dossier {
                    id,
                    name: normalize_name(&name),
                    created_at,
                    updated_at,
                    revision,
                    answers: Answers {
                        quick,
                        items: items
                            .into_iter()
                            .map(|(k, level, evidence)| (k, ItemAnswer { level, evidence }))
                            .collect(),
                    },
                },
            )
    }

    proptest! {
        #[test]
        fn encode_decode_is_identity(d in arb_dossier()) {
            let (back, warnings) = decode_dossier_with_warnings(&encode_dossier(&d)).unwrap();
            prop_assert!(warnings.is_empty());
            prop_assert_eq!(back, d);
        }

        #[test]
        fn startup_never_removes_what_it_did_not_copy(values in proptest::collection::vec(any::<String>(), 0..4)) {
            let e: Vec<(String, String)> = values.iter().enumerate().map(|(i, v)| (format!("repere.default.dossier.k{i}"), v.clone())).collect();
            let s = plan_startup("default", &e, NOW, "n");
            for w in &s.writes {
                if let Write::Remove { key } = w {
                    let original = &e.iter().find(|(k, _)| k == key).unwrap().1;
                    let aside = s.set_aside.iter().find(|a| &a.key == key).unwrap();
                    let copied = s.writes.iter().any(|w| matches!(w, Write::Set { key: k, value: v } if *k == aside.corrupt_key && v == original));
                    prop_assert!(copied);
                }
            }
            prop_assert!(!s.dossiers.is_empty());
        }
    }
}
