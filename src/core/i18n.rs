//! UI strings from `locales/<lang>.json` (flat key → text). Referential text is never translated.

use std::collections::BTreeMap;
use std::sync::OnceLock;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Lang {
    #[default]
    Fr,
    En,
}

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::Fr, Lang::En];

    pub fn code(self) -> &'static str {
        match self {
            Lang::Fr => "fr",
            Lang::En => "en",
        }
    }

    pub fn from_code(code: &str) -> Option<Lang> {
        match code {
            "fr" => Some(Lang::Fr),
            "en" => Some(Lang::En),
            _ => None,
        }
    }
}

pub const FR_SOURCE: &str = include_str!("../../locales/fr.json");
pub const EN_SOURCE: &str = include_str!("../../locales/en.json");

pub type Locale = BTreeMap<String, String>;

pub fn parse_locale(text: &str) -> Result<Locale, String> {
    serde_json::from_str(text).map_err(|e| e.to_string())
}

/// The locale files as `build.rs` lays them out: `key NUL text NUL …`, sorted by key, so the app
/// looks texts up without parsing JSON (and without serde's map code) at start-up. French is in
/// two tables: the texts the first load names (`locales/first-load.txt`), and the others,
/// `FR_PAGES_TABLE`, which travel in the app state's chunk.
const FR_TABLE: &str = include_str!(concat!(env!("OUT_DIR"), "/locale-fr.txt"));
const FR_PAGES_TABLE: &str = include_str!(concat!(env!("OUT_DIR"), "/locale-fr-pages.txt"));
const EN_TABLE: &str = include_str!(concat!(env!("OUT_DIR"), "/locale-en.txt"));

type Table = Vec<(&'static str, &'static str)>;

fn split_table(table: &'static str) -> Table {
    let mut parts = table.split('\0');
    let mut out = Vec::new();
    while let (Some(key), Some(text)) = (parts.next(), parts.next()) {
        out.push((key, text));
    }
    out
}

static EN: OnceLock<Table> = OnceLock::new();

/// Makes the English texts available. In the split build only the English chunk calls this
/// (`ui::chunks::english`), so that `EN_TABLE` travels in that chunk and a French visit never
/// downloads it (SPEC §11); elsewhere the first English lookup does.
pub fn load_english() {
    EN.get_or_init(|| split_table(EN_TABLE));
}

static FR_PAGES: OnceLock<Table> = OnceLock::new();

/// Makes the French texts beyond the first load's available. In the split build only the app
/// state's chunk calls this (`ui::state::slot`), fetched right after the first render and before
/// any page or notice shows, so that `FR_PAGES_TABLE` stays out of the first load; elsewhere
/// the first lookup that needs it does.
pub fn load_french_pages() {
    FR_PAGES.get_or_init(|| split_table(FR_PAGES_TABLE));
}

fn french() -> &'static Table {
    static FR: OnceLock<Table> = OnceLock::new();
    FR.get_or_init(|| split_table(FR_TABLE))
}

fn find(table: &'static Table, key: &str) -> Option<&'static str> {
    table
        .binary_search_by(|(k, _)| (*k).cmp(key))
        .ok()
        .map(|i| table[i].1)
}

fn french_text(key: &str) -> Option<&'static str> {
    find(french(), key).or_else(|| {
        #[cfg(not(feature = "split"))]
        load_french_pages();
        find(FR_PAGES.get()?, key)
    })
}

/// The text for `key`; the key itself if missing (the tests make sure none is).
pub fn tr(lang: Lang, key: &str) -> &'static str {
    let text = match lang {
        Lang::Fr => french_text(key),
        Lang::En => {
            #[cfg(not(feature = "split"))]
            load_english();
            // Not loaded yet (split build): French rather than keys; the UI loads English
            // before it switches to it.
            match EN.get() {
                Some(en) => find(en, key),
                None => french_text(key),
            }
        }
    };
    // Leaking a missing key keeps the signature simple; it cannot happen with tested locales.
    text.unwrap_or_else(|| Box::leak(key.to_owned().into_boxed_str()))
}

/// `tr` with `{name}` placeholders replaced.
pub fn tr_with(lang: Lang, key: &str, args: &[(&str, &str)]) -> String {
    fill(tr(lang, key), args)
}

/// Replaces each `{name}` of `template` that `args` names, in a single pass: values are often
/// user text (dossier names, error texts), and a value that happens to contain `{key}` must come
/// out as written, not be filled in by a later argument. Other braces are kept as they are.
pub fn fill(template: &str, args: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(template.len());
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let value = after.find('}').and_then(|close| {
            let name = &after[..close];
            args.iter()
                .find(|(n, _)| *n == name)
                .map(|(_, v)| (*v, close))
        });
        match value {
            Some((value, close)) => {
                out.push_str(value);
                rest = &after[close + 1..];
            }
            None => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// A message kept untranslated: a locale key and the values its template takes, rendered in
/// whatever language is current when it is shown (so it follows the language switch). The core
/// never words anything for the user itself: its reports about stored data
/// (`dossier::StorageNotice`) and about an imported file (`exchange::ImportProblem`) are
/// messages, and `fr.json` holds the only French wording.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Message {
    /// A key of `locales/*.json`, stable: tests and the UI tell messages apart by it.
    pub code: &'static str,
    /// The values inserted in the template by name (`name`, `line`, `id`…). Values are inserted
    /// as they are (user text, raw error texts); `*_fr` values are French renderings that only
    /// the French template uses.
    pub args: Vec<(&'static str, String)>,
    /// A message rendered in the same language and inserted as `{detail}`.
    pub detail: Option<Box<Message>>,
}

impl Message {
    pub fn new(code: &'static str, args: Vec<(&'static str, String)>) -> Self {
        Message {
            code,
            args,
            detail: None,
        }
    }

    pub fn with_detail(mut self, detail: Message) -> Self {
        self.detail = Some(Box::new(detail));
        self
    }

    /// The value of argument `name`, if the message has one.
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

    /// The French text: the `Display` text, and what the native tests check.
    pub fn french(&self) -> String {
        self.render(Lang::Fr)
    }
}

impl std::fmt::Display for Message {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.french())
    }
}

/// Formats a ratio in [0, 1] as a whole percentage in the language's convention.
pub fn percent(lang: Lang, ratio: f64) -> String {
    let n = (ratio * 100.0).round() as i64;
    match lang {
        Lang::Fr => format!("{n}\u{a0}%"),
        Lang::En => format!("{n}%"),
    }
}

/// The placeholders `{name}` of a template (a brace followed by anything else is literal), for
/// the tests that check templates against the arguments the code gives them.
pub fn placeholders(template: &str) -> std::collections::BTreeSet<&str> {
    template
        .split('{')
        .skip(1)
        .filter_map(|rest| rest.split_once('}').map(|(name, _)| name))
        .filter(|name| !name.is_empty() && name.chars().all(|c| c.is_ascii_lowercase() || c == '_'))
        .collect()
}

/// Pivot labels and descriptions are written in both languages in `data/pivots.json`.
impl super::model::Localized {
    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::Fr => &self.fr,
            Lang::En => &self.en,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_lookup_tables_hold_exactly_the_locale_files() {
        load_english();
        load_french_pages();
        let mut french: Vec<_> = french().iter().chain(FR_PAGES.get().unwrap()).collect();
        french.sort();
        let english: Vec<_> = EN.get().unwrap().iter().collect();
        for (lang, table, source) in [
            (Lang::Fr, french, FR_SOURCE),
            (Lang::En, english, EN_SOURCE),
        ] {
            let json = parse_locale(source).unwrap();
            let table: Vec<(String, String)> = table
                .into_iter()
                .map(|(k, t)| (k.to_string(), t.to_string()))
                .collect();
            assert_eq!(table, json.into_iter().collect::<Vec<_>>(), "{lang:?}");
            assert!(!table.is_empty());
        }
        assert_eq!(
            tr(Lang::En, "app.name"),
            parse_locale(EN_SOURCE).unwrap()["app.name"]
        );
    }

    #[test]
    fn the_first_load_carries_only_the_french_texts_it_names() {
        let first: Vec<&str> = french().iter().map(|(k, _)| *k).collect();
        // Named by the shell, the home page and the top of every page.
        for key in [
            "app.name",
            "home.title",
            "nav.results",
            "chunk.failed",
            "kind.job",
        ] {
            assert!(first.contains(&key), "{key} in the first load");
        }
        // Named only by pages, notices and problems: in the app state's chunk.
        for key in [
            "tiebreak.offer",
            "ref_edit.merge",
            "storage.other_tab",
            "import.too_large",
        ] {
            assert!(!first.contains(&key), "{key} not in the first load");
            assert_ne!(tr(Lang::Fr, key), key, "{key} found all the same");
        }
    }

    #[test]
    fn locales_parse_and_share_the_same_keys() {
        let fr = parse_locale(FR_SOURCE).unwrap();
        let en = parse_locale(EN_SOURCE).unwrap();
        let missing_en: Vec<_> = fr.keys().filter(|k| !en.contains_key(*k)).collect();
        let missing_fr: Vec<_> = en.keys().filter(|k| !fr.contains_key(*k)).collect();
        assert!(
            missing_en.is_empty(),
            "keys missing in en.json: {missing_en:?}"
        );
        assert!(
            missing_fr.is_empty(),
            "keys missing in fr.json: {missing_fr:?}"
        );
        for (k, v) in fr.iter().chain(en.iter()) {
            assert!(!v.trim().is_empty(), "empty text for {k}");
        }
    }

    #[test]
    fn placeholders_are_replaced() {
        assert_eq!(percent(Lang::Fr, 0.456), "46\u{a0}%");
        assert_eq!(percent(Lang::En, 1.0), "100%");
    }

    #[test]
    fn values_are_inserted_as_written() {
        let args = [("name", "{key} & {name}"), ("key", "k")];
        assert_eq!(
            fill("« {name} » sous « {key} »", &args),
            "« {key} & {name} » sous « k »"
        );
        assert_eq!(fill("{ {unknown} {key}} {", &args), "{ {unknown} k} {");
        assert_eq!(fill("{name", &args), "{name");
        assert_eq!(fill("é{key}é", &args), "éké");
    }
}
