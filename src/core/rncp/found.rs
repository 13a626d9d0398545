//! The fiches a scan found, kept for the trainer to search while the scan goes on (SPEC §13: « the
//! trainer picks the fiche by number or title »). The whole register holds 25,000 fiches and a
//! synthetic export ten times more, so they are kept compactly: their texts in two strings (as
//! written, and folded for matching), each fiche a fixed-size entry pointing into them; no
//! allocation per fiche. Matching is the app's search's: every word of the query, folded
//! (accents, case), appears in the fiche's number or title.
//!
//! [`Matches`] follows a query over a list that grows: [`Matches::update`] only looks at the
//! fiches added since its last call, so a search typed during the scan costs one pass over the
//! list, then a few fiches per slice.

use super::scan::FicheSummary;
use crate::core::text::fold;
use std::ops::Range;

/// One fiche: where its texts lie in [`FoundFiches`]' strings, and where it lies in the file.
#[derive(Debug, Clone, Copy)]
struct Entry {
    /// Number then title in `text`.
    text_at: u32,
    number_len: u16,
    title_len: u32,
    /// Folded « number title » in `folded`.
    folded_at: u32,
    folded_len: u32,
    active: bool,
    start: u64,
    len: u32,
}

/// A fiche of the list, borrowed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FoundFiche<'a> {
    pub number: &'a str,
    pub title: &'a str,
    pub active: bool,
    /// Bytes of the file from `<FICHE>` to `</FICHE>`.
    pub range: Range<u64>,
}

#[derive(Debug, Default)]
pub struct FoundFiches {
    text: String,
    folded: String,
    entries: Vec<Entry>,
    active: usize,
}

impl FoundFiches {
    pub fn new() -> FoundFiches {
        FoundFiches::default()
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// How many are active (`ACTIF` « Oui »).
    pub fn active(&self) -> usize {
        self.active
    }

    /// Adds the fiches a slice completed, in file order.
    pub fn extend(&mut self, found: impl IntoIterator<Item = FicheSummary>) {
        for f in found {
            self.push(&f);
        }
    }

    fn push(&mut self, f: &FicheSummary) {
        // The scan caps numbers and titles (`MAX_SUMMARY_CHARS`); these bounds only guard the
        // entry's narrow fields.
        let number = cut(&f.number, u16::MAX as usize);
        let text_at = self.text.len() as u32;
        self.text.push_str(number);
        self.text.push_str(&f.title);
        let folded_at = self.folded.len() as u32;
        self.folded.push_str(&fold(number));
        self.folded.push(' ');
        self.folded.push_str(&fold(&f.title));
        self.entries.push(Entry {
            text_at,
            number_len: number.len() as u16,
            title_len: f.title.len() as u32,
            folded_at,
            folded_len: self.folded.len() as u32 - folded_at,
            active: f.active,
            start: f.range.start,
            len: (f.range.end - f.range.start) as u32,
        });
        self.active += usize::from(f.active);
    }

    /// Fiche `index`, in file order.
    pub fn get(&self, index: usize) -> Option<FoundFiche<'_>> {
        let e = self.entries.get(index)?;
        let at = e.text_at as usize;
        let mid = at + e.number_len as usize;
        Some(FoundFiche {
            number: &self.text[at..mid],
            title: &self.text[mid..mid + e.title_len as usize],
            active: e.active,
            range: e.start..e.start + u64::from(e.len),
        })
    }

    /// The fiche numbered `number` (any case), the first one when the export repeats it.
    pub fn find(&self, number: &str) -> Option<FoundFiche<'_>> {
        (0..self.len())
            .filter_map(|i| self.get(i))
            .find(|f| f.number.eq_ignore_ascii_case(number))
    }

    fn folded(&self, index: usize) -> &str {
        let e = &self.entries[index];
        &self.folded[e.folded_at as usize..(e.folded_at + e.folded_len) as usize]
    }

    /// Bytes held for the list (its strings and entries), for the benchmark's memory report.
    pub fn heap_bytes(&self) -> usize {
        self.text.capacity()
            + self.folded.capacity()
            + self.entries.capacity() * std::mem::size_of::<Entry>()
    }
}

fn cut(s: &str, max: usize) -> &str {
    if s.len() <= max {
        return s;
    }
    let mut end = max;
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    &s[..end]
}

/// The fiches of a list that match a query, kept up to date as the list grows.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Matches {
    terms: Vec<String>,
    active_only: bool,
    /// Fiches of the list looked at so far.
    seen: usize,
    /// Indices of the matching fiches, in file order.
    hits: Vec<u32>,
}

impl Matches {
    /// A query: words matched accent- and case-insensitively in the number and the title; an
    /// empty query matches every fiche. `active_only` leaves the inactive fiches out.
    pub fn new(query: &str, active_only: bool) -> Matches {
        Matches {
            terms: fold(query).split_whitespace().map(str::to_owned).collect(),
            active_only,
            seen: 0,
            hits: Vec::new(),
        }
    }

    /// Whether these are the matches of `query` with `active_only` (another query starts over).
    pub fn is_for(&self, query: &str, active_only: bool) -> bool {
        self.active_only == active_only
            && fold(query)
                .split_whitespace()
                .eq(self.terms.iter().map(String::as_str))
    }

    /// Looks at the fiches added to `list` since the last call.
    pub fn update(&mut self, list: &FoundFiches) {
        for i in self.seen..list.len() {
            let active = list.entries[i].active;
            let folded = list.folded(i);
            if (active || !self.active_only) && self.terms.iter().all(|t| folded.contains(t)) {
                self.hits.push(i as u32);
            }
        }
        self.seen = list.len();
    }

    /// How many fiches match.
    pub fn count(&self) -> usize {
        self.hits.len()
    }

    /// The first `limit` matching fiches' indices in the list.
    pub fn first(&self, limit: usize) -> impl Iterator<Item = usize> + '_ {
        self.hits.iter().take(limit).map(|&i| i as usize)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn summary(number: &str, title: &str, active: bool, at: u64) -> FicheSummary {
        FicheSummary {
            number: number.into(),
            title: title.into(),
            active,
            range: at..at + 100,
        }
    }

    fn list() -> FoundFiches {
        let mut l = FoundFiches::new();
        l.extend([
            summary("RNCP38812", "Responsable e-commerce", true, 0),
            summary(
                "RNCP29210",
                "Vendeur conseil en commerce électronique",
                false,
                100,
            ),
            summary("RNCP34950", "Chargé(e) de marketing digital", true, 200),
            summary("RNCP36190", "Community manager", true, 300),
        ]);
        l
    }

    fn numbers(l: &FoundFiches, m: &Matches) -> Vec<String> {
        m.first(usize::MAX)
            .map(|i| l.get(i).unwrap().number.to_string())
            .collect()
    }

    #[test]
    fn keeps_each_fiche_as_it_was_found() {
        let l = list();
        assert_eq!(l.len(), 4);
        assert_eq!(l.active(), 3);
        assert_eq!(
            l.get(1),
            Some(FoundFiche {
                number: "RNCP29210",
                title: "Vendeur conseil en commerce électronique",
                active: false,
                range: 100..200,
            })
        );
        assert_eq!(l.get(4), None);
        assert_eq!(l.find("rncp36190").unwrap().title, "Community manager");
    }

    #[test]
    fn a_query_matches_every_word_without_accents_or_case() {
        let l = list();
        let search = |q: &str, active_only| {
            let mut m = Matches::new(q, active_only);
            m.update(&l);
            numbers(&l, &m)
        };
        assert_eq!(search("", false).len(), 4);
        assert_eq!(search("ELECTRONIQUE", false), ["RNCP29210"]);
        assert_eq!(search("commerce", false), ["RNCP38812", "RNCP29210"]);
        assert_eq!(search("commerce", true), ["RNCP38812"]);
        assert_eq!(search("chargé marketing", false), ["RNCP34950"]);
        assert_eq!(search("charge  commerce", false), Vec::<String>::new());
        assert_eq!(search("rncp 36190", false), ["RNCP36190"]);
        assert_eq!(search("38812", false), ["RNCP38812"]);
    }

    #[test]
    fn matches_follow_a_growing_list() {
        let all = list();
        let mut l = FoundFiches::new();
        let mut m = Matches::new("commerce", false);
        let mut grown = Matches::new("commerce", false);
        for i in 0..all.len() {
            let f = all.get(i).unwrap();
            l.extend([summary(f.number, f.title, f.active, f.range.start)]);
            grown.update(&l);
        }
        m.update(&l);
        assert_eq!(grown, m);
        assert_eq!(grown.count(), 2);
        assert_eq!(numbers(&l, &grown), ["RNCP38812", "RNCP29210"]);
        assert!(grown.is_for("  COMMERCE ", false));
        assert!(!grown.is_for("commerce", true));
        assert!(!grown.is_for("commerce web", false));
        // Nothing new: nothing looked at twice.
        grown.update(&l);
        assert_eq!(grown.count(), 2);
    }

    #[test]
    fn long_lists_keep_every_fiche_and_its_range() {
        let mut l = FoundFiches::new();
        for n in 0..10_000u64 {
            l.extend([summary(
                &format!("RNCP{}", 100_000 + n),
                "Responsable de la stratégie e-commerce",
                n % 2 == 0,
                n * 2000,
            )]);
        }
        assert_eq!(l.len(), 10_000);
        assert_eq!(l.active(), 5_000);
        let last = l.get(9_999).unwrap();
        assert_eq!(last.number, "RNCP109999");
        assert_eq!(last.title, "Responsable de la stratégie e-commerce");
        assert_eq!(last.range, 19_998_000..19_998_100);
        let mut m = Matches::new("strategie 109999", true);
        m.update(&l);
        assert_eq!(m.count(), 0, "RNCP109999 is inactive");
        let mut m = Matches::new("strategie 109998", true);
        m.update(&l);
        assert_eq!(numbers(&l, &m), ["RNCP109998"]);
    }
}
