//! The cohort's CSV export, for French spreadsheet software: UTF-8 with a byte order mark, `;`
//! between fields, CRLF after every record (the header included), fields quoted only when they
//! hold `"`, `;`, CR or LF (quotes doubled).
//!
//! Columns: candidate, file; then per profile its fit, readiness and completeness, followed by
//! one pair of columns per certification block of that profile (its readiness, and whether it is
//! ready); then one column per pivot skill. Headers come from the shell in the UI language and
//! name each profile with its official codes ([`official_codes`]: RNCP, ROME), each block with
//! its code (BC01…).
//!
//! Figures are **percentages with one decimal and no `%` sign**, so that spreadsheets read them
//! as numbers: 0.456 → `45,6` with the French decimal comma, `45.6` in English; "ready" is the
//! UI language's yes / no. Pivot levels are integers, empty when unknown. Text cells that a
//! spreadsheet would run as a formula (starting with `=`, `+`, `-`, `@`, tab or CR) get a
//! leading `'` (CSV injection): names come from files the trainer did not write. The rows are
//! those shown, in the order shown; the averages row is not exported.

use super::Candidate;
use crate::core::catalog::{catalog, Catalog};
use crate::core::i18n::{tr, tr_with, Lang};
use crate::core::model::Referential;
use crate::core::numbers::percent_number;
use crate::core::scoring::ScoringModel;
use std::borrow::Borrow;

/// The byte order mark that starts the CSV file (spreadsheets then read it as UTF-8).
pub const BOM: char = '\u{feff}';
/// Field separator of the CSV file.
pub const SEPARATOR: char = ';';
/// Record terminator of the CSV file.
pub const CRLF: &str = "\r\n";
/// Media type of the CSV file.
pub const CSV_MIME: &str = "text/csv;charset=utf-8";

/// One text field: neutralised if a spreadsheet would read it as a formula, quoted if needed.
pub fn csv_text(field: &str) -> String {
    let guarded;
    let field = if field.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        guarded = format!("'{field}");
        guarded.as_str()
    } else {
        field
    };
    if field.contains(['"', SEPARATOR, '\r', '\n']) {
        format!("\"{}\"", field.replace('"', "\"\""))
    } else {
        field.to_string()
    }
}

fn push_record(out: &mut String, fields: impl IntoIterator<Item = String>) {
    for (i, f) in fields.into_iter().enumerate() {
        if i > 0 {
            out.push(SEPARATOR);
        }
        out.push_str(&f);
    }
    out.push_str(CRLF);
}

/// The headers of one profile's columns.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProfileHeader {
    pub fit: String,
    pub readiness: String,
    pub completeness: String,
    /// Per block, in `ModelProfile::blocks` order: the readiness column's and the ready column's.
    pub blocks: Vec<(String, String)>,
}

/// Headers of the CSV export, in the UI language (the shell fills them from the locale files).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CsvHeader {
    pub candidate: String,
    pub file: String,
    pub profiles: Vec<ProfileHeader>,
    /// Per pivot skill: the level column's header.
    pub pivots: Vec<String>,
    /// What a ready and a not-ready block read in the UI language.
    pub yes_no: (String, String),
}

impl CsvHeader {
    /// The headers of the bundled catalog in `lang` (locale keys `cohort.csv_*`): each profile
    /// named by its title and official codes, each block by its code.
    pub fn localized(lang: Lang) -> CsvHeader {
        Self::localized_for(lang, ScoringModel::bundled(), catalog())
    }

    /// The same for `model`, compiled from `catalog` (the five and the referentials a trainer
    /// brought, SPEC §13: one column group each, blocks named by the fiche's codes).
    pub fn localized_for(lang: Lang, model: &ScoringModel, catalog: &Catalog) -> CsvHeader {
        CsvHeader {
            candidate: tr(lang, "cohort.csv_candidate").to_owned(),
            file: tr(lang, "cohort.csv_file").to_owned(),
            profiles: model
                .profiles()
                .iter()
                .map(|p| {
                    let title = catalog
                        .referential(&p.id)
                        .map(title_with_codes)
                        .unwrap_or_else(|| p.id.clone());
                    let profile = [("profile", title.as_str())];
                    ProfileHeader {
                        fit: tr_with(lang, "cohort.csv_fit", &profile),
                        readiness: tr_with(lang, "cohort.csv_readiness", &profile),
                        completeness: tr_with(lang, "cohort.csv_completeness", &profile),
                        blocks: p
                            .blocks
                            .iter()
                            .map(|b| {
                                let args = [("profile", title.as_str()), ("block", b.id.as_str())];
                                (
                                    tr_with(lang, "cohort.csv_block", &args),
                                    tr_with(lang, "cohort.csv_block_ready", &args),
                                )
                            })
                            .collect(),
                    }
                })
                .collect(),
            pivots: model
                .pivot_ids()
                .iter()
                .map(|id| {
                    tr_with(
                        lang,
                        "cohort.csv_level",
                        &[("pivot", catalog.pivot_label(id, lang))],
                    )
                })
                .collect(),
            yes_no: (
                tr(lang, "cohort.csv_yes").to_owned(),
                tr(lang, "cohort.csv_no").to_owned(),
            ),
        }
    }
}

/// A referential's title followed by its official codes: `Animateur e-commerce (RNCP 19357,
/// ROME M1707, …)`, the title alone when its seed gives none.
fn title_with_codes(r: &Referential) -> String {
    let codes = official_codes(r);
    if codes.is_empty() {
        r.title.clone()
    } else {
        format!("{} ({})", r.title, codes.join(", "))
    }
}

/// The CSV file (see the module rules): header, then one record per candidate in the given order.
pub fn csv<C: Borrow<Candidate>>(header: &CsvHeader, candidates: &[C], lang: Lang) -> String {
    let mut out = String::with_capacity(64 + candidates.len() * 320);
    out.push(BOM);
    let mut head = vec![csv_text(&header.candidate), csv_text(&header.file)];
    for p in &header.profiles {
        head.extend([&p.fit, &p.readiness, &p.completeness].map(|h| csv_text(h)));
        for (readiness, ready) in &p.blocks {
            head.push(csv_text(readiness));
            head.push(csv_text(ready));
        }
    }
    head.extend(header.pivots.iter().map(|p| csv_text(p)));
    push_record(&mut out, head);
    for c in candidates {
        let c: &Candidate = c.borrow();
        let mut fields = vec![csv_text(&c.name), csv_text(&c.file_name)];
        for (p, ph) in header.profiles.iter().enumerate() {
            let f = c.figure(p);
            fields.extend([f.fit, f.readiness, f.completeness].map(|x| percent_number(lang, x)));
            for b in 0..ph.blocks.len() {
                let bf = c.block(p, b);
                fields.push(percent_number(lang, bf.readiness));
                let (yes, no) = &header.yes_no;
                fields.push(csv_text(if bf.ready { yes } else { no }));
            }
        }
        for p in 0..header.pivots.len() {
            fields.push(
                c.pivots
                    .get(p)
                    .copied()
                    .flatten()
                    .map(|l| l.to_string())
                    .unwrap_or_default(),
            );
        }
        push_record(&mut out, fields);
    }
    out
}

/// `repere-groupe-YYYY-MM-DD.csv`.
pub fn csv_file_name(year: i32, month: u32, day: u32) -> String {
    format!("repere-groupe-{year:04}-{month:02}-{day:02}.csv")
}

/// The official codes of a referential (its data's `codes`, checked against the seed by
/// `tests/data_codes.rs`) that name a certification or a job: `RNCP 19357`, then each ROME code,
/// in seed order; none for a referential whose seed has none.
pub fn official_codes(r: &Referential) -> Vec<String> {
    r.codes
        .iter()
        .filter(|c| c.system == "RNCP" || c.system == "ROME")
        .map(|c| format!("{} {}", c.system, c.code))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::super::{BlockFigure, Cohort, Figure};
    use super::*;
    use crate::core::catalog::catalog;

    fn fig(fit: f64, readiness: f64, completeness: f64) -> Figure {
        Figure {
            fit,
            readiness,
            completeness,
        }
    }

    #[test]
    fn csv_fields_are_quoted_and_neutralised() {
        assert_eq!(csv_text("Camille"), "Camille");
        assert_eq!(csv_text("Dupont; Camille"), "\"Dupont; Camille\"");
        assert_eq!(csv_text("Le \"boss\""), "\"Le \"\"boss\"\"\"");
        assert_eq!(csv_text("a\nb"), "\"a\nb\"");
        assert_eq!(csv_text("a\r\nb"), "\"a\r\nb\"");
        assert_eq!(csv_text("a,b"), "a,b");
        assert_eq!(csv_text("=1+1"), "'=1+1");
        assert_eq!(csv_text("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(csv_text("-2;3"), "\"'-2;3\"");
        assert_eq!(csv_text(""), "");
    }

    fn header() -> CsvHeader {
        CsvHeader {
            candidate: "Candidat".into(),
            file: "Fichier".into(),
            profiles: vec![
                ProfileHeader {
                    fit: "Vendeur web — correspondance (%)".into(),
                    readiness: "Vendeur web — attendus atteints (%)".into(),
                    completeness: "Vendeur web — complétude (%)".into(),
                    blocks: vec![],
                },
                ProfileHeader {
                    fit: "B; corr".into(),
                    readiness: "B att".into(),
                    completeness: "B compl".into(),
                    blocks: vec![
                        ("B BC01 (%)".into(), "B BC01 prêt".into()),
                        ("B BC02 (%)".into(), "B BC02 prêt".into()),
                    ],
                },
            ],
            pivots: vec!["Veille".into(), "Analyse de marché".into()],
            yes_no: ("oui".into(), "non".into()),
        }
    }

    #[test]
    fn csv_has_bom_separator_crlf_and_one_record_per_candidate() {
        let mut group = Cohort::default();
        let mut a = Candidate::from_figures(
            "Dupont; \"Cam\"",
            "a.json",
            vec![fig(0.456, 0.5, 1.0), fig(0.0, 0.0, 0.25)],
            vec![Some(3), None],
        );
        a.blocks = vec![
            vec![],
            vec![
                BlockFigure {
                    readiness: 0.8,
                    ready: true,
                },
                BlockFigure {
                    readiness: 0.125,
                    ready: false,
                },
            ],
        ];
        group.add(a).unwrap();
        group
            .add(Candidate::from_figures(
                "Zoé",
                "z.json",
                vec![fig(1.0, 1.0, 0.5), fig(0.125, 0.2, 0.0)],
                vec![None, Some(0)],
            ))
            .unwrap();
        let text = csv(&header(), group.candidates(), Lang::Fr);
        assert!(text.starts_with('\u{feff}'));
        assert!(text.as_bytes().starts_with(&[0xEF, 0xBB, 0xBF]));
        assert!(text.ends_with("\r\n"));
        let body = text.trim_start_matches(BOM);
        let lines: Vec<&str> = body.strip_suffix("\r\n").unwrap().split("\r\n").collect();
        assert_eq!(lines.len(), 3);
        assert_eq!(
            lines[0],
            "Candidat;Fichier;Vendeur web — correspondance (%);Vendeur web — attendus atteints (%);Vendeur web — complétude (%);\"B; corr\";B att;B compl;B BC01 (%);B BC01 prêt;B BC02 (%);B BC02 prêt;Veille;Analyse de marché"
        );
        assert_eq!(
            lines[1],
            "\"Dupont; \"\"Cam\"\"\";a.json;45,6;50,0;100,0;0,0;0,0;25,0;80,0;oui;12,5;non;3;"
        );
        // A candidate without block figures reads 0 and not ready.
        assert_eq!(
            lines[2],
            "Zoé;z.json;100,0;100,0;50,0;12,5;20,0;0,0;0,0;non;0,0;non;;0"
        );
        // No bare LF anywhere: every record ends with CRLF.
        assert_eq!(text.matches('\n').count(), text.matches("\r\n").count());
        let en = csv(&header(), group.candidates(), Lang::En);
        assert!(en.contains("Zoé;z.json;100.0;100.0;50.0;12.5;20.0;0.0;0.0;non;0.0;non;;0\r\n"));
        // An empty group still gets its header.
        assert_eq!(
            csv::<Candidate>(&header(), &[], Lang::Fr)
                .matches("\r\n")
                .count(),
            1
        );
    }

    #[test]
    fn csv_file_name_has_the_date() {
        assert_eq!(csv_file_name(2026, 3, 7), "repere-groupe-2026-03-07.csv");
    }

    #[test]
    fn official_codes_are_the_rncp_and_rome_codes() {
        let codes = |id| official_codes(catalog().referential(id).unwrap());
        assert_eq!(
            codes("animateur-ecommerce"),
            [
                "RNCP 19357",
                "ROME M1707",
                "ROME M1706",
                "ROME E1101",
                "ROME E1104",
                "ROME D1401"
            ]
        );
        assert_eq!(codes("charge-ecommerce"), ["ROME E1103"]);
        assert!(codes("vendeur-web").is_empty());
        assert!(codes("chef-projet-ecommerce").is_empty());
        assert!(codes("charge-developpement-commercial").is_empty());
    }

    #[test]
    fn localized_headers_name_profiles_with_their_codes_and_blocks_with_theirs() {
        let h = CsvHeader::localized(Lang::Fr);
        assert_eq!(
            (h.candidate.as_str(), h.file.as_str()),
            ("Candidat", "Fichier")
        );
        assert_eq!(h.profiles.len(), 5);
        assert_eq!(h.profiles[0].fit, "Vendeur Web — correspondance (%)");
        assert_eq!(
            h.profiles[1].readiness,
            "Chargé(e) du e-commerce (ROME E1103) — part des attendus atteints (%)"
        );
        let an = &h.profiles[4];
        assert_eq!(an.blocks.len(), 5);
        assert_eq!(
            an.blocks[2].1,
            "Animateur e-commerce (RNCP 19357, ROME M1707, ROME M1706, ROME E1101, ROME E1104, ROME D1401) — BC03 — bloc prêt"
        );
        assert_eq!(h.profiles[3].blocks.len(), 3);
        assert!(h.profiles[..3].iter().all(|p| p.blocks.is_empty()));
        assert_eq!(h.pivots.len(), 28);
        assert_eq!(h.pivots[0], "Veille — niveau");
        assert_eq!(h.yes_no, ("oui".to_owned(), "non".to_owned()));
        let en = CsvHeader::localized(Lang::En);
        assert_eq!(en.profiles[0].fit, "Vendeur Web — match (%)");
        assert_eq!(en.yes_no, ("yes".to_owned(), "no".to_owned()));
    }

    /// SPEC §13: a referential a trainer brought gets its column group, its blocks named by the
    /// fiche's codes, and candidates' figures line up with it.
    #[test]
    fn brought_referentials_get_their_columns() {
        let b = crate::core::custom::test_support::fixture_brought();
        let cat = catalog().with_brought([b.referential]);
        let model = ScoringModel::from_catalog(&cat);
        let h = CsvHeader::localized_for(Lang::Fr, &model, &cat);
        assert_eq!(h.profiles.len(), 6);
        let rncp = &h.profiles[5];
        assert!(
            rncp.fit.starts_with("Responsable e-commerce (RNCP 38812")
                && rncp.fit.ends_with("— correspondance (%)"),
            "{}",
            rncp.fit
        );
        let blocks: Vec<&str> = model.profiles()[5]
            .blocks
            .iter()
            .map(|b| b.id.as_str())
            .collect();
        assert_eq!(rncp.blocks.len(), blocks.len());
        assert!(blocks[0].starts_with("RNCP38812BC"));
        assert!(
            rncp.blocks[0]
                .0
                .ends_with(&format!("— {} — part des attendus atteints (%)", blocks[0])),
            "{}",
            rncp.blocks[0].0
        );
        // A candidate evaluated with that model: its figures under those headers.
        let mut answers = crate::core::answers::Answers::default();
        let first = &cat.brought()[0].rated_items()[0].item.id;
        answers.items.insert(
            format!("rncp38812/{first}"),
            crate::core::answers::ItemAnswer {
                level: 3,
                evidence: String::new(),
            },
        );
        let eval = model.evaluate(&answers);
        let d = crate::core::dossier::Dossier::new("x", "Zoé", "2026-01-01");
        let c = Candidate::new(&d, "z.json", &eval, vec![]);
        let text = csv(&h, &[c], Lang::Fr);
        let lines: Vec<&str> = text.trim_start_matches(BOM).split("\r\n").collect();
        let head: Vec<&str> = lines[0].split(';').collect();
        let row: Vec<&str> = lines[1].split(';').collect();
        assert_eq!(head.len(), row.len());
        let at = head.iter().position(|f| *f == rncp.completeness).unwrap();
        assert_ne!(
            row[at], "0,0",
            "the brought profile's completeness is in its column"
        );
    }
}
