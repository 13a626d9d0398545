//! A brought referential for the tests of every module: the « Responsable e-commerce »
//! (RNCP38812) of the RNCP export's fixtures, as a trainer saves it.

use super::{Brought, Edit};
use crate::core::rncp::{parse_fiche, Date, Draft, Scanner};

pub(crate) const EXTRACT: &str = include_str!("../../../tests/fixtures/rncp/export-extrait.xml");

/// RNCP38812 from the fixtures' extract, export of 3 June 2025, with one pivot confirmed.
pub(crate) fn fixture_brought() -> Brought {
    edited(&[])
}

/// The same with more of a trainer's edits: what the browser tests store
/// (`tests/fixtures/rncp/stored-rncp38812.json`).
pub(crate) fn fixture_brought_for_the_browser() -> Brought {
    let pivots = |item: &str, pivots: &[&str]| Edit::Pivots {
        item: item.into(),
        pivots: pivots.iter().map(|p| p.to_string()).collect(),
    };
    edited(&[
        pivots("RNCP38812BC01.2", &["analyse-marche"]),
        pivots("RNCP38812BC02.2", &["site-marchand"]),
        pivots("RNCP38812BC03.1", &["referencement"]),
        Edit::Reword {
            item: "RNCP38812BC02.4".into(),
            text: "Traiter les réclamations des clients et les fidéliser".into(),
        },
        Edit::Target {
            item: "RNCP38812BC01.4".into(),
            target: 2,
        },
    ])
}

fn edited(more: &[Edit]) -> Brought {
    let mut s = Scanner::new();
    let found = s.feed(EXTRACT.as_bytes()).unwrap();
    s.finish().unwrap();
    let f = &found[0];
    let fiche = parse_fiche(
        &EXTRACT.as_bytes()[f.range.start as usize..f.range.end as usize],
        &f.number,
    )
    .unwrap();
    let (mut d, _) = Draft::from_fiche(&fiche, Date::new(2025, 6, 3)).unwrap();
    d.apply(Edit::Pivots {
        item: "RNCP38812BC01.1".into(),
        pivots: vec!["veille".into()],
    })
    .unwrap();
    for e in more {
        d.apply(e.clone()).unwrap();
    }
    d.build().unwrap()
}
