//! Accent- and case-insensitive full-text search across every referential.

use super::catalog::Catalog;
use super::model::{Field, Group, Item, Referential};
use super::text::{fold, fold_whitespace};

/// One searchable unit: an item, a group or a referential's card.
#[derive(Debug, Clone)]
struct Entry {
    referential: usize,
    /// Item or group id to scroll to; `None` for the referential's own card.
    anchor: Option<String>,
    heading: String,
    /// `(original, folded)` texts; the first one is the main text (weighted higher).
    texts: Vec<(String, String)>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Hit {
    pub referential: String,
    pub anchor: Option<String>,
    pub heading: String,
    /// The first text of the entry that contains the first query term.
    pub snippet: String,
    pub score: u32,
}

/// The index of the bundled catalog, built on first use.
pub fn index() -> &'static SearchIndex {
    static INDEX: std::sync::OnceLock<SearchIndex> = std::sync::OnceLock::new();
    INDEX.get_or_init(|| SearchIndex::build(super::catalog::catalog()))
}

pub struct SearchIndex {
    referential_ids: Vec<String>,
    entries: Vec<Entry>,
}

fn field_texts(fields: &[Field], out: &mut Vec<String>) {
    for f in fields {
        if let Some(t) = &f.text {
            out.push(t.clone());
        }
        if let Some(l) = &f.list {
            out.extend(l.iter().cloned());
        }
        if let Some(t) = &f.table {
            out.extend(
                t.rows
                    .iter()
                    .flatten()
                    .filter(|c| c.chars().count() > 1)
                    .cloned(),
            );
        }
    }
}

fn item_texts(item: &Item) -> Vec<String> {
    let mut out = vec![item.text.clone()];
    if let Some(t) = &item.title {
        out.insert(0, t.clone());
    }
    out.push(item.id.clone());
    out.extend(item.levels.iter().map(|l| l.text.clone()));
    out.extend(item.codes.iter().map(|c| format!("{} {}", c.code, c.label)));
    out.extend(item.criteria.iter().map(|c| c.text.clone()));
    field_texts(&item.fields, &mut out);
    out
}

fn group_texts(g: &Group) -> Vec<String> {
    let mut out = Vec::new();
    if !g.title.is_empty() {
        out.push(g.title.clone());
    }
    if !g.label.is_empty() {
        out.push(g.label.clone());
    }
    field_texts(&g.fields, &mut out);
    out
}

fn pairs(texts: Vec<String>) -> Vec<(String, String)> {
    texts
        .into_iter()
        .map(|t| {
            let t = fold_whitespace(&t);
            let f = fold(&t);
            (t, f)
        })
        .collect()
}

impl SearchIndex {
    pub fn build(catalog: &Catalog) -> SearchIndex {
        let mut entries = Vec::new();
        for (ri, r) in catalog.referentials.iter().enumerate() {
            entries.push(Self::card_entry(ri, r));
            for g in r.all_groups() {
                let texts = group_texts(g);
                if !texts.is_empty() {
                    let heading = g.heading().to_owned();
                    entries.push(Entry {
                        referential: ri,
                        anchor: Some(g.id.clone()),
                        heading,
                        texts: pairs(texts),
                    });
                }
                for item in &g.items {
                    entries.push(Entry {
                        referential: ri,
                        anchor: Some(item.id.clone()),
                        heading: format!("{} — {}", item.id, item.label()),
                        texts: pairs(item_texts(item)),
                    });
                }
            }
        }
        SearchIndex {
            referential_ids: catalog.referentials.iter().map(|r| r.id.clone()).collect(),
            entries,
        }
    }

    fn card_entry(ri: usize, r: &Referential) -> Entry {
        let mut texts = vec![r.title.clone(), r.summary.clone()];
        field_texts(&r.fields, &mut texts);
        for b in &r.blocks {
            texts.push(b.title.clone());
            field_texts(&b.fields, &mut texts);
        }
        for m in &r.modalities {
            texts.push(m.text.clone());
        }
        Entry {
            referential: ri,
            anchor: None,
            heading: r.title.clone(),
            texts: pairs(texts),
        }
    }

    /// Entries containing every term of `query` (accents and case ignored), best first.
    pub fn search(&self, query: &str, limit: usize) -> Vec<Hit> {
        let terms: Vec<String> = fold(query).split_whitespace().map(str::to_owned).collect();
        if terms.is_empty() {
            return Vec::new();
        }
        let mut hits: Vec<Hit> = self
            .entries
            .iter()
            .filter(|e| {
                terms
                    .iter()
                    .all(|t| e.texts.iter().any(|(_, f)| f.contains(t.as_str())))
            })
            .map(|e| {
                let main_hits = terms
                    .iter()
                    .filter(|t| e.texts[0].1.contains(t.as_str()))
                    .count() as u32;
                let heading = fold(&e.heading);
                let heading_hits = terms
                    .iter()
                    .filter(|t| heading.contains(t.as_str()))
                    .count() as u32;
                let snippet = e
                    .texts
                    .iter()
                    .find(|(_, f)| f.contains(terms[0].as_str()))
                    .map(|(o, _)| o.clone())
                    .unwrap_or_default();
                Hit {
                    referential: self.referential_ids[e.referential].clone(),
                    anchor: e.anchor.clone(),
                    heading: e.heading.clone(),
                    snippet,
                    score: heading_hits * 4 + main_hits * 2 + 1,
                }
            })
            .collect();
        hits.sort_by_key(|h| std::cmp::Reverse(h.score));
        hits.truncate(limit);
        hits
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::catalog::catalog;

    #[test]
    fn unaccented_query_finds_accented_text() {
        let index = SearchIndex::build(catalog());
        let hits = index.search("referencement", 500);
        assert!(!hits.is_empty());
        assert!(hits
            .iter()
            .all(|h| fold(&h.snippet).contains("referencement")));
        assert!(hits
            .iter()
            .any(|h| h.snippet.contains("référencement") || h.snippet.contains("Référencement")));
        // several referentials mention it
        let mut refs: Vec<_> = hits.iter().map(|h| h.referential.as_str()).collect();
        refs.dedup();
        assert!(refs.len() >= 2, "{refs:?}");
    }

    #[test]
    fn all_terms_must_match() {
        let index = SearchIndex::build(catalog());
        let all = index.search("cahier", 500).len();
        let both = index.search("cahier charges", 500);
        assert!(!both.is_empty() && both.len() <= all);
        assert!(index.search("zzzzqqq", 10).is_empty());
        assert!(index.search("   ", 10).is_empty());
    }

    #[test]
    fn finds_items_by_id() {
        let index = SearchIndex::build(catalog());
        let hits = index.search("C2.1.4.1", 10);
        assert_eq!(hits[0].anchor.as_deref(), Some("C2.1.4.1"));
    }
}
