//! The RNCP export read as the browser reads it (SPEC §13): in slices, fiche by fiche, on the
//! fixtures of `tests/fixtures/rncp/` (invented fiches written from the flux 4.1 format), then
//! one fiche parsed, split and built into a referential; and bad input, including arbitrary
//! bytes and exports cut anywhere.

use proptest::prelude::*;
use repere::core::custom::code;
use repere::core::custom::Edit;
use repere::core::exchange::ImportFailure;
use repere::core::rncp::{
    parse_fiche, split_list, split_pasted, Date, Draft, Fiche, FicheSummary, ScanEnd, Scanner,
};

const EXTRACT: &str = include_str!("fixtures/rncp/export-extrait.xml");
const PROBLEMS: &str = include_str!("fixtures/rncp/fiches-a-probleme.xml");

/// Scans `bytes` cut at `cuts` (sorted offsets).
fn scan(bytes: &[u8], cuts: &[usize]) -> Result<(Vec<FicheSummary>, ScanEnd), ImportFailure> {
    let mut s = Scanner::new();
    let mut out = Vec::new();
    let mut from = 0;
    for &c in cuts.iter().chain(std::iter::once(&bytes.len())) {
        let c = c.clamp(from, bytes.len());
        out.extend(s.feed(&bytes[from..c])?);
        from = c;
    }
    assert_eq!(s.bytes_read(), bytes.len() as u64);
    assert_eq!(s.fiches_found(), out.len());
    let end = s.finish()?;
    Ok((out, end))
}

fn whole(bytes: &[u8]) -> Result<(Vec<FicheSummary>, ScanEnd), ImportFailure> {
    scan(bytes, &[])
}

fn fiche(number: &str) -> Fiche {
    let (found, _) = whole(EXTRACT.as_bytes()).unwrap();
    let f = found.iter().find(|f| f.number == number).unwrap();
    let r = f.range.start as usize..f.range.end as usize;
    parse_fiche(&EXTRACT.as_bytes()[r], number).unwrap()
}

#[test]
fn the_scan_finds_every_fiche_and_where_it_lies() {
    let (found, end) = whole(EXTRACT.as_bytes()).unwrap();
    let listed: Vec<(&str, &str, bool)> = found
        .iter()
        .map(|f| (f.number.as_str(), f.title.as_str(), f.active))
        .collect();
    assert_eq!(
        listed,
        [
            ("RNCP38812", "Responsable e-commerce", true),
            ("RNCP36190", "Community manager", true),
            (
                "RNCP29210",
                "Vendeur conseil en commerce électronique",
                false
            ),
            ("RNCP35001", "Webmaster", true),
            ("RNCP34950", "Chargé(e) de marketing digital", true),
        ]
    );
    for f in &found {
        let bytes = &EXTRACT.as_bytes()[f.range.start as usize..f.range.end as usize];
        assert!(
            bytes.starts_with(b"<FICHE>") && bytes.ends_with(b"</FICHE>"),
            "{}",
            f.number
        );
    }
    assert_eq!(end.fiches, 5);
    assert_eq!(end.version.as_deref(), Some("4.1"));
    assert!(end.warnings.is_empty(), "{:?}", end.warnings);
}

#[test]
fn fiches_without_a_usable_number_are_skipped_with_a_warning() {
    let (found, end) = whole(PROBLEMS.as_bytes()).unwrap();
    let numbers: Vec<&str> = found.iter().map(|f| f.number.as_str()).collect();
    assert_eq!(numbers, ["RNCP31111", "RNCP32222"]);
    let codes: Vec<&str> = end.warnings.iter().map(|w| w.code).collect();
    assert_eq!(codes, [code::FICHE_NO_NUMBER, code::FICHE_BAD_NUMBER]);
    assert_eq!(end.warnings[0].arg("ordinal"), Some("3"));
    assert_eq!(end.warnings[1].arg("number"), Some("RS5678"));
}

/// Variants of the extract: a byte order mark, Windows line ends, `’` and `'` in a title at a
/// slice's edge, no whitespace between elements.
fn variants() -> Vec<Vec<u8>> {
    let crlf = EXTRACT.replace('\n', "\r\n");
    let tight: String = EXTRACT.lines().collect();
    vec![
        EXTRACT.as_bytes().to_vec(),
        format!("\u{feff}{EXTRACT}").into_bytes(),
        crlf.into_bytes(),
        tight.into_bytes(),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    /// Slices cut anywhere (inside a tag, a UTF-8 character, an entity, a CDATA section) give
    /// what the whole file gives.
    #[test]
    fn slices_cut_anywhere_give_the_whole_file_s_result(
        variant in 0usize..4,
        cuts in proptest::collection::vec(any::<prop::sample::Index>(), 0..40),
    ) {
        let bytes = &variants()[variant];
        let mut cuts: Vec<usize> = cuts.iter().map(|i| i.index(bytes.len() + 1)).collect();
        cuts.sort_unstable();
        prop_assert_eq!(scan(bytes, &cuts).unwrap(), whole(bytes).unwrap());
    }

    /// Byte by byte for a stretch, then the rest: every cut inside a short window.
    #[test]
    fn one_byte_slices_give_the_same_result(start in 0usize..EXTRACT.len()) {
        let bytes = EXTRACT.as_bytes();
        let cuts: Vec<usize> = (start..(start + 300).min(bytes.len())).collect();
        prop_assert_eq!(scan(bytes, &cuts).unwrap(), whole(bytes).unwrap());
    }

    /// A file cut before its end is never reported complete; its summaries are only fiches
    /// read to their end.
    #[test]
    fn a_truncated_export_is_never_complete(len in 0usize..EXTRACT.len()) {
        let end_of_root = EXTRACT.rfind("</FICHES>").unwrap() + "</FICHES>".len();
        let bytes = &EXTRACT.as_bytes()[..len];
        let mut s = Scanner::new();
        let found = s.feed(bytes);
        let finished = s.finish();
        if len < end_of_root {
            prop_assert!(finished.is_err(), "complete at {}", len);
        }
        for f in found.into_iter().flatten() {
            prop_assert!(f.range.end as usize <= len);
            prop_assert!(EXTRACT.as_bytes()[..f.range.end as usize].ends_with(b"</FICHE>"));
        }
    }

    /// Arbitrary bytes, fed in arbitrary slices: an answer, never a panic.
    #[test]
    fn arbitrary_bytes_never_panic(
        bytes in proptest::collection::vec(any::<u8>(), 0..2000),
        cuts in proptest::collection::vec(any::<prop::sample::Index>(), 0..8),
    ) {
        let mut cuts: Vec<usize> = cuts.iter().map(|i| i.index(bytes.len() + 1)).collect();
        cuts.sort_unstable();
        let _ = scan(&bytes, &cuts);
        let _ = parse_fiche(&bytes, "RNCP1");
    }

    /// XML-looking noise: tags of the export in any order, text, entities, CDATA.
    #[test]
    fn xml_noise_never_panics(parts in proptest::collection::vec(prop::sample::select(vec![
        "<FICHES>", "</FICHES>", "<FICHE>", "</FICHE>", "<NUMERO_FICHE>", "</NUMERO_FICHE>",
        "RNCP123", "<INTITULE>", "</INTITULE>", "é", "&amp;", "&apos", "<![CDATA[x]]>", "<!-- c -->",
        "<BLOCS_COMPETENCES>", "<BLOC_COMPETENCES>", "</BLOC_COMPETENCES>", "<LISTE_COMPETENCES>",
        "</LISTE_COMPETENCES>", "  - a", "<br/>", "<", ">", "&", "\u{0}",
    ]), 0..60)) {
        let text: String = parts.concat();
        let _ = whole(text.as_bytes());
        if let Ok(f) = parse_fiche(text.as_bytes(), "RNCP123") {
            let _ = Draft::from_fiche(&f, None).map(|(d, _)| d.build());
        }
    }
}

#[test]
fn a_fiche_is_read_in_full() {
    let f = fiche("RNCP38812");
    assert_eq!(f.title, "Responsable e-commerce");
    assert!(f.active);
    assert_eq!(f.state, "Publiée");
    assert_eq!(
        (f.level.as_deref(), f.level_label.as_deref()),
        (Some("NIV6"), Some("Niveau 6"))
    );
    let rome: Vec<(&str, &str)> = f
        .rome
        .iter()
        .map(|c| (c.code.as_str(), c.label.as_str()))
        .collect();
    assert_eq!(
        rome,
        [
            ("M1707", "Stratégie commerciale"),
            ("E1101", "Animation de site multimédia")
        ]
    );
    assert_eq!(f.nsf.len(), 2);
    assert_eq!(f.certifiers, ["École supérieure du commerce numérique"]);
    // `&apos;` and `’` are both kept as the fiche wrote them; `&#39;` too.
    assert!(f.activities.contains("de l'entreprise") && f.activities.contains("l’équipe web"));
    assert!(f.capacities.contains("plan d'actions"));
    assert_eq!(f.registered_until, Date::new(2029, 3, 27));
    assert_eq!(f.decided_on, Date::new(2024, 3, 27));
    assert_eq!(f.blocks.len(), 4);
    let b2 = &f.blocks[1];
    assert_eq!(b2.code.as_deref(), Some("RNCP38812BC02"));
    // CDATA, with a raw `&`.
    assert!(b2
        .list
        .starts_with("- Rédiger le cahier des charges fonctionnel du site & sélectionner"));
    assert_eq!(
        b2.modalities,
        "Mise en situation professionnelle & entretien avec le jury."
    );
    assert_eq!(
        f.url(),
        "https://www.francecompetences.fr/recherche/rncp/38812/"
    );
}

#[test]
fn older_exports_with_html_are_read() {
    let f = fiche("RNCP29210");
    assert!(!f.active);
    assert_eq!(
        f.activities,
        "Accueillir et conseiller le client à distance.\nConclure la vente en ligne."
    );
    assert_eq!(f.blocks[0].modalities, "Épreuve pratique.");
    let (d, warnings) = Draft::from_fiche(&f, None).unwrap();
    assert!(warnings.is_empty(), "{warnings:?}");
    let texts: Vec<&str> = d.blocks[0].items.iter().map(|i| i.text.as_str()).collect();
    assert_eq!(
        texts,
        [
            "Accueillir le client par téléphone, messagerie ou chat",
            "Identifier les besoins du client et lui proposer une offre adaptée",
            "Argumenter et conclure la vente",
            "Assurer le suivi de la commande jusqu’à la livraison",
        ]
    );
    // HTML written as elements inside the list.
    let texts: Vec<&str> = d.blocks[1].items.iter().map(|i| i.text.as_str()).collect();
    assert_eq!(
        texts,
        [
            "Mettre à jour les fiches produits",
            "Suivre les stocks et les retours"
        ]
    );
}

#[test]
fn every_bullet_style_of_the_fixtures_splits() {
    let f = fiche("RNCP36190");
    let (d, warnings) = Draft::from_fiche(&f, None).unwrap();
    assert!(warnings.is_empty(), "{warnings:?}");
    let b1: Vec<(&str, bool)> = d.blocks[0]
        .items
        .iter()
        .map(|i| (i.text.as_str(), i.sub))
        .collect();
    assert_eq!(
        b1,
        [
            ("Analyser la présence en ligne de la marque :", false),
            ("Réaliser un audit des comptes existants", true),
            (
                "Identifier les communautés et les influenceurs du secteur",
                true
            ),
            (
                "Définir une ligne éditoriale et un calendrier de publication",
                false
            ),
            ("Choisir les réseaux sociaux adaptés aux cibles", false),
        ]
    );
    let codes: Vec<&str> = d.blocks[1]
        .items
        .iter()
        .filter_map(|i| i.code.as_deref())
        .collect();
    assert_eq!(codes, ["A1C1", "A1C2", "A2C1", "A2C2", "A3C1"]);
    let f = fiche("RNCP34950");
    let (d, _) = Draft::from_fiche(&f, None).unwrap();
    let texts: Vec<Vec<&str>> = d
        .blocks
        .iter()
        .map(|b| b.items.iter().map(|i| i.text.as_str()).collect())
        .collect();
    assert_eq!(
        texts[0][2],
        "Élaborer le budget des actions et suivre les dépenses"
    );
    assert_eq!(d.blocks[1].items[3].code.as_deref(), Some("1.2.2"));
    assert_eq!(texts[2].len(), 2);
}

#[test]
fn blocks_without_a_code_get_stable_ids() {
    let f = fiche("RNCP34950");
    let (d, _) = Draft::from_fiche(&f, None).unwrap();
    let ids: Vec<&str> = d.blocks.iter().map(|b| b.id.as_str()).collect();
    assert_eq!(ids, ["RNCP34950-B01", "RNCP34950-B02", "RNCP34950BC03"]);
    assert_eq!(d.blocks[0].items[0].id, "RNCP34950-B01.1");
    // The same fiche, read again, gives the same ids.
    let (again, _) = Draft::from_fiche(&fiche("RNCP34950"), None).unwrap();
    assert_eq!(again, d);
}

/// The « Responsable e-commerce » with one edit of each kind (and refused ones).
fn edited_draft() -> Draft {
    let f = fiche("RNCP38812");
    let (mut d, _) = Draft::from_fiche(&f, Date::new(2025, 6, 3)).unwrap();
    let b1 = d.blocks[0].id.clone();
    d.apply(Edit::Reword {
        item: "RNCP38812BC01.2".into(),
        text: "Analyser le marché et les cibles".into(),
    })
    .unwrap();
    d.apply(Edit::Reword {
        item: "RNCP38812BC01.2".into(),
        text: "Analyser le marché, les cibles".into(),
    })
    .unwrap();
    d.apply(Edit::Merge {
        first: "RNCP38812BC01.3".into(),
        second: "RNCP38812BC01.4".into(),
    })
    .unwrap();
    let added = d
        .apply(Edit::Add {
            block: b1.clone(),
            index: 0,
            item: String::new(),
            text: "Conduire une étude de marché".into(),
        })
        .unwrap();
    assert_eq!(
        added.as_deref(),
        Some("RNCP38812BC01.5"),
        "the next number of the block, never reused"
    );
    let split = d
        .apply(Edit::Split {
            item: "RNCP38812BC02.1".into(),
            at: 61,
            new_item: String::new(),
        })
        .unwrap();
    assert_eq!(split.as_deref(), Some("RNCP38812BC02.5"));
    d.apply(Edit::Delete {
        item: "RNCP38812BC04.1".into(),
    })
    .unwrap();
    d.apply(Edit::Move {
        item: "RNCP38812BC03.4".into(),
        block: b1.clone(),
        index: 1,
    })
    .unwrap();
    d.apply(Edit::Target {
        item: "RNCP38812BC01.1".into(),
        target: 4,
    })
    .unwrap();
    d.apply(Edit::Weight {
        item: "RNCP38812BC01.1".into(),
        weight: 2.0,
    })
    .unwrap();
    d.apply(Edit::Pivots {
        item: "RNCP38812BC01.1".into(),
        pivots: vec!["veille".into()],
    })
    .unwrap();
    d.apply(Edit::Retitle {
        block: b1.clone(),
        title: "Stratégie".into(),
    })
    .unwrap();
    for bad in [
        Edit::Delete {
            item: "nope".into(),
        },
        Edit::Target {
            item: "RNCP38812BC01.1".into(),
            target: 9,
        },
        Edit::Weight {
            item: "RNCP38812BC01.1".into(),
            weight: 0.0,
        },
        Edit::Pivots {
            item: "RNCP38812BC01.1".into(),
            pivots: vec!["astrologie".into()],
        },
        Edit::Pivots {
            item: "RNCP38812BC01.1".into(),
            pivots: vec!["veille".into(), "referencement".into(), "veille".into()],
        },
        Edit::Merge {
            first: "RNCP38812BC01.1".into(),
            second: "RNCP38812BC01.1".into(),
        },
        Edit::Split {
            item: "RNCP38812BC01.1".into(),
            at: 0,
            new_item: String::new(),
        },
        Edit::Reword {
            item: "RNCP38812BC01.1".into(),
            text: "  ".into(),
        },
    ] {
        assert!(d.apply(bad.clone()).is_err(), "{bad:?}");
    }
    assert_eq!(
        d.edits.len(),
        10,
        "two rewords of one item are one edit: {:?}",
        d.edits
    );

    d
}

#[test]
fn edits_are_applied_and_recorded() {
    let d = edited_draft();
    assert_eq!(d.blocks[0].title, "Stratégie");
    assert_eq!(d.blocks[3].items.len(), 1);
}

#[test]
fn a_draft_becomes_a_referential_with_its_provenance_and_edits() {
    let d = edited_draft();
    let b = d.build().unwrap();
    let r = &b.referential;
    assert_eq!(r.id, "rncp38812");
    assert_eq!(
        r.source,
        "Fiche RNCP 38812, École supérieure du commerce numérique"
    );
    let codes: Vec<(&str, &str)> = r
        .codes
        .iter()
        .map(|c| (c.system.as_str(), c.code.as_str()))
        .collect();
    assert_eq!(
        codes,
        [
            ("RNCP", "38812"),
            ("NSF", "312"),
            ("NSF", "312p"),
            ("ROME", "M1707"),
            ("ROME", "E1101")
        ]
    );
    assert_eq!(r.summary, "Le responsable e-commerce définit et pilote la stratégie de vente en ligne de l'entreprise.");
    let blocks: Vec<&str> = r.blocks.iter().map(|b| b.id.as_str()).collect();
    assert_eq!(
        blocks,
        [
            "RNCP38812BC01",
            "RNCP38812BC02",
            "RNCP38812BC03",
            "RNCP38812BC04"
        ]
    );
    assert_eq!(r.blocks[0].title, "Stratégie");
    let first: Vec<&str> = r.groups[0].items.iter().map(|i| i.id.as_str()).collect();
    assert_eq!(
        first,
        [
            "RNCP38812BC01.5",
            "RNCP38812BC03.4",
            "RNCP38812BC01.1",
            "RNCP38812BC01.2",
            "RNCP38812BC01.3"
        ]
    );
    let item = &r.groups[0].items[2];
    assert_eq!(
        (item.target, item.weight, item.pivots.clone()),
        (Some(4), Some(2.0), vec!["veille".to_string()])
    );
    assert!(r.groups[0].items[4].text.ends_with("de la boutique en ligne Construire le budget prévisionnel du canal e-commerce et les prévisions de ventes"));
    let rated: Vec<_> = r.rated_items();
    assert!(rated.iter().all(|i| i.block.is_some()));
    let p = &b.provenance;
    assert_eq!(p.fiche.as_deref(), Some("RNCP38812"));
    assert_eq!(p.export_date.as_deref(), Some("2025-06-03"));
    assert_eq!(
        p.url.as_deref(),
        Some("https://www.francecompetences.fr/recherche/rncp/38812/")
    );
    assert_eq!(p.raw_lists.len(), 4);
    assert_eq!(p.edits, d.edits);
    assert_eq!(
        p.line(repere::core::i18n::Lang::Fr).as_deref(),
        Some("France compétences, RNCP, Licence Ouverte 2.0, export du 03/06/2025")
    );
}

#[test]
fn bad_fiches_are_refused_naming_the_fiche_and_the_block() {
    let (found, _) = whole(PROBLEMS.as_bytes()).unwrap();
    let read = |n: usize| {
        let r = found[n].range.start as usize..found[n].range.end as usize;
        parse_fiche(&PROBLEMS.as_bytes()[r], &found[n].number).unwrap()
    };
    let dup = Draft::from_fiche(&read(0), None).unwrap_err();
    assert_eq!(dup.code(), code::DUPLICATE_BLOCK_CODE);
    assert_eq!(dup.to_string(), "La fiche RNCP31111 donne le même code RNCP31111BC01 à deux blocs de compétences : on ne peut pas savoir lequel est lequel. Choisissez une autre version de la fiche.");

    let (mut d, warnings) = Draft::from_fiche(&read(1), None).unwrap();
    let got: Vec<(&str, Option<&str>)> =
        warnings.iter().map(|w| (w.code, w.arg("block"))).collect();
    assert_eq!(
        got,
        [
            (code::BLOCK_EMPTY_LIST, Some("RNCP32222BC01")),
            (code::BLOCK_NO_ITEM, Some("RNCP32222BC02")),
            (code::BLOCK_ONE_ITEM, Some("RNCP32222BC03")),
        ]
    );
    // Nothing is saved while a block has no item.
    let refused = d.build().unwrap_err();
    assert_eq!(refused.problems.len(), 2);
    assert_eq!(
        refused.problems[0].to_string(),
        "Fiche RNCP32222, bloc RNCP32222BC01 « Gérer le catalogue » : aucune compétence. Ajoutez-en, ou supprimez ce bloc, avant d'enregistrer."
    );
    // The trainer pastes a list into one and deletes the other: then it saves.
    let ids = d
        .paste(
            "RNCP32222BC01",
            "- Créer les fiches produits\n- Classer le catalogue",
        )
        .unwrap();
    assert_eq!(ids, ["RNCP32222BC01.1", "RNCP32222BC01.2"]);
    d.apply(Edit::DeleteBlock {
        block: "RNCP32222BC02".into(),
    })
    .unwrap();
    let saved = d.build().unwrap();
    assert_eq!(saved.referential.blocks.len(), 2);

    let webmaster = fiche("RNCP35001");
    let none = Draft::from_fiche(&webmaster, None).unwrap_err();
    assert_eq!(none.code(), code::FICHE_NO_BLOCK);
    assert!(none
        .to_string()
        .starts_with("La fiche RNCP35001 (« Webmaster ») ne contient aucun bloc"));
}

#[test]
fn bad_files_get_a_clear_message() {
    let cases: Vec<(&[u8], &str)> = vec![
        (b"", code::EMPTY),
        (b"  \n", code::EMPTY),
        (b"numero;intitule\nRNCP1;x", code::NOT_XML_OR_JSON),
        (b"%PDF-1.4 ...", code::NOT_XML_OR_JSON),
        (b"<html><body>Erreur 404</body></html>", code::NOT_RNCP),
        (
            b"<FICHES><FICHE><NUMERO_FICHE>RNCP1</NUMERO_FICHE></FICHE>",
            code::TRUNCATED,
        ),
        (
            b"<FICHES><FICHE><NUMERO_FICHE>RNCP1</NUMERO_FICHE><X></Y></FICHE></FICHES>",
            code::XML_MALFORMED_IN_FICHE,
        ),
        (b"<FICHES>\n\n<A></B></FICHES>", code::XML_MALFORMED),
        (b"<FICHES></FICHES>", code::NO_FICHE),
        (b"<FICHES/>", code::NO_FICHE),
        (b"<FICHES></FICHES><FICHES></FICHES>", code::XML_MALFORMED),
        (b"<FICHES></FICHES> texte", code::XML_MALFORMED),
    ];
    for (bytes, expected) in cases {
        let got = whole(bytes).unwrap_err();
        assert_eq!(got.code(), expected, "{}", String::from_utf8_lossy(bytes));
    }
    // A file that is neither is quoted by its first line, which says what it is.
    let csv = whole(b"numero;intitule\nRNCP1;x").unwrap_err();
    assert_eq!(csv.problems[0].arg("start"), Some("numero;intitule"));
    let json = repere::core::custom::file::import_referential(b"numero;intitule\nRNCP1;x");
    assert_eq!(
        json.unwrap_err().problems[0].arg("start"),
        Some("numero;intitule")
    );
    let malformed = whole(b"<FICHES>\n\n<A></B></FICHES>").unwrap_err();
    assert_eq!(malformed.problems[0].arg("line"), Some("3"));
    let cut = "<FICHES><FICHE><NUMERO_FICHE>RNCP1</NUMERO_FICHE><INTITULE>A";
    assert_eq!(whole(cut.as_bytes()).unwrap_err().to_string(), "Le fichier s'arrête au milieu de la fiche RNCP1 : il est incomplet, sans doute coupé pendant le téléchargement.");
    // A fiche re-read from a file that changed.
    let (found, _) = whole(EXTRACT.as_bytes()).unwrap();
    let r = found[1].range.start as usize..found[1].range.end as usize;
    let other = parse_fiche(&EXTRACT.as_bytes()[r], "RNCP38812").unwrap_err();
    assert_eq!(other.code(), code::FICHE_MISMATCH);
    let shifted = parse_fiche(
        &EXTRACT.as_bytes()[found[1].range.start as usize + 3..found[1].range.end as usize],
        "RNCP36190",
    );
    assert_eq!(shifted.unwrap_err().code(), code::NOT_A_FICHE);
    // Not UTF-8 in a fiche.
    let latin1 =
        b"<FICHE><NUMERO_FICHE>RNCP1</NUMERO_FICHE><INTITULE>Vendeur \xe9</INTITULE></FICHE>";
    assert_eq!(
        parse_fiche(latin1, "RNCP1").unwrap_err().code(),
        code::NOT_UTF8
    );
}

#[test]
fn oversize_texts_and_fiches_are_refused() {
    let long = "a".repeat(repere::core::rncp::MAX_TEXT_CHARS + 1);
    let f = format!(
        "<FICHE><NUMERO_FICHE>RNCP9</NUMERO_FICHE><BLOCS_COMPETENCES><BLOC_COMPETENCES><CODE>RNCP9BC01</CODE><LISTE_COMPETENCES>{long}</LISTE_COMPETENCES></BLOC_COMPETENCES></BLOCS_COMPETENCES></FICHE>"
    );
    let e = parse_fiche(f.as_bytes(), "RNCP9").unwrap_err();
    assert_eq!(e.code(), code::TEXT_TOO_LONG_IN_BLOCK);
    assert_eq!(e.problems[0].arg("block"), Some("RNCP9BC01"));
    let big = vec![b' '; repere::core::rncp::MAX_FICHE_BYTES + 1];
    assert_eq!(
        parse_fiche(&big, "RNCP9").unwrap_err().code(),
        code::FICHE_TOO_LARGE
    );
    // A fiche larger than the limit is skipped by the scan, with a warning.
    let pad = "x".repeat(1024 * 1024);
    let mut doc = String::from("<FICHES><FICHE><NUMERO_FICHE>RNCP7</NUMERO_FICHE>");
    for _ in 0..5 {
        doc.push_str(&format!("<AUTRE>{pad}</AUTRE>"));
    }
    doc.push_str("</FICHE><FICHE><NUMERO_FICHE>RNCP8</NUMERO_FICHE></FICHE></FICHES>");
    let (found, end) = scan(doc.as_bytes(), &[1 << 20, 3 << 20]).unwrap();
    assert_eq!(found.len(), 1);
    assert_eq!(end.warnings[0].code, code::FICHE_TOO_LARGE);
    assert!(repere::core::rncp::check_export_size(5 << 30).is_err());
    assert!(repere::core::rncp::check_export_size(600 << 20).is_ok());
}

/// An export of about `bytes` bytes: the extract's fiches repeated, renumbered.
fn synthetic(bytes: usize) -> Vec<u8> {
    let fiches: Vec<&str> = EXTRACT
        .match_indices("<FICHE>")
        .map(|(start, _)| {
            let end = EXTRACT[start..].find("</FICHE>").unwrap() + start + "</FICHE>".len();
            &EXTRACT[start..end]
        })
        .collect();
    let mut out = String::from("<FICHES><VERSION_FLUX>4.1</VERSION_FLUX>");
    let mut n = 100_000;
    while out.len() < bytes {
        for f in &fiches {
            let number = &f[f.find("RNCP").unwrap()..][..9];
            out.push_str(&f.replace(number, &format!("RNCP{n}")));
            n += 1;
        }
    }
    out.push_str("</FICHES>");
    out.into_bytes()
}

/// Whatever the size of the file, the scanner holds no more than the event a slice cut.
#[test]
fn memory_stays_flat_whatever_the_size() {
    let export = synthetic(24 << 20);
    let mut s = Scanner::new();
    let mut found = 0;
    let mut most = 0;
    for slice in export.chunks(1 << 20) {
        found += s.feed(slice).unwrap().len();
        most = most.max(s.pending_bytes());
    }
    let end = s.finish().unwrap();
    assert_eq!(end.fiches, found);
    assert!(found > 10_000, "{found}");
    // The longest text between two `>` in the extract is under 1 KiB.
    assert!(most < 1024, "{most} bytes held between slices");
}

proptest! {
    /// Any text, list-like or not: items are never empty, never padded, never punctuation alone,
    /// and the doubts say so when nothing is left; a pasted text is refused rather than empty.
    #[test]
    fn the_splitter_never_panics_nor_returns_empty_items(
        text in "(\\PC|  |\n|- |\\* |o |A1C1\\. |1\\.1\\.1 |<p>|</p>|<br>|&nbsp;|&amp;|;|•){0,60}"
    ) {
        let split = split_list(&text);
        for item in &split.items {
            prop_assert!(!item.text.is_empty());
            prop_assert_eq!(item.text.trim(), item.text.as_str());
            prop_assert!(item.text.chars().any(char::is_alphanumeric), "{:?}", item.text);
        }
        prop_assert_eq!(split.items.is_empty(), split.doubts.contains(&repere::core::rncp::Doubt::Empty));
        prop_assert_eq!(split_pasted(&text).is_err(), split.items.is_empty());
    }

    /// A fiche cut anywhere before its end is refused, never read as a shorter fiche.
    #[test]
    fn a_truncated_fiche_is_refused(cut in 0usize..4000) {
        let (found, _) = whole(EXTRACT.as_bytes()).unwrap();
        let f = &found[0];
        let bytes = &EXTRACT.as_bytes()[f.range.start as usize..f.range.end as usize];
        let cut = cut.min(bytes.len() - 1);
        prop_assert!(parse_fiche(&bytes[..cut], &f.number).is_err());
    }
}
