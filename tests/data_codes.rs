//! The official codes of each referential (`codes`, shown on the positioning record) are the
//! seed's: each code stands in its seed next to its label, and the referentials whose seed gives
//! an RNCP or ROME code list it.

use repere::core::catalog::{Catalog, PIVOTS_FILE, REFERENTIAL_FILES};
use repere::core::model::{OfficialCode, Referential};
use repere::core::validate::normalise_seed;

mod seeds;
use seeds::{seed_for, seeds_present};

/// The seed as the data tests read it, without markdown emphasis.
fn folded(seed: &str) -> String {
    normalise_seed(seed).replace('*', "")
}

/// Problems with one code against the (folded) seed.
fn check(r: &Referential, c: &OfficialCode, seed: &str) -> Vec<String> {
    let mut errors = Vec::new();
    let at = |s: &str| seed.contains(s);
    let found = match c.system.as_str() {
        "RNCP" => at(&format!("RNCP : {}", c.code)) && at(&c.label),
        "ROME" | "NSF" => [" : ", " – ", " "]
            .iter()
            .any(|sep| at(&format!("{}{sep}{}", c.code, c.label))),
        other => {
            errors.push(format!("{}: unknown code system {other}", r.id));
            true
        }
    };
    if !found {
        errors.push(format!(
            "{}: {} {} « {} » is not in the seed",
            r.id, c.system, c.code, c.label
        ));
    }
    if c.label.trim().is_empty() {
        errors.push(format!("{}: {} {} has no label", r.id, c.system, c.code));
    }
    errors
}

fn catalog() -> Catalog {
    Catalog::parse(&REFERENTIAL_FILES, PIVOTS_FILE).unwrap()
}

#[test]
fn every_code_is_in_its_seed_and_every_seed_code_is_listed() {
    let catalog = catalog();
    if !seeds_present("every_code_is_in_its_seed_and_every_seed_code_is_listed") {
        return;
    }
    let mut errors = Vec::new();
    for r in &catalog.referentials {
        let seed = folded(&seed_for(&r.id).unwrap());
        for c in &r.codes {
            errors.extend(check(r, c, &seed));
        }
        // Every RNCP number and ROME code of the seed is listed (ROME codes: a letter and 4
        // digits, as in « E1103 – … » or « M1707 : … »).
        let listed =
            |system: &str, code: &str| r.codes.iter().any(|c| c.system == system && c.code == code);
        let words: Vec<&str> = seed.split(|c: char| !c.is_ascii_alphanumeric()).collect();
        for (i, w) in words.iter().enumerate() {
            let rome = w.len() == 5
                && w.as_bytes()[0].is_ascii_uppercase()
                && w[1..].bytes().all(|b| b.is_ascii_digit());
            if rome && !listed("ROME", w) {
                errors.push(format!("{}: ROME {w} of the seed is not listed", r.id));
            }
            if *w == "RNCP" {
                if let Some(n) = words[i + 1..]
                    .iter()
                    .find(|x| !x.is_empty())
                    .filter(|x| x.bytes().all(|b| b.is_ascii_digit()))
                {
                    if !listed("RNCP", n) {
                        errors.push(format!("{}: RNCP {n} of the seed is not listed", r.id));
                    }
                }
            }
        }
    }
    assert!(errors.is_empty(), "{}", errors.join("\n"));
    let count = |id: &str| catalog.referential(id).unwrap().codes.len();
    assert_eq!(count("animateur-ecommerce"), 7);
    assert_eq!(count("charge-ecommerce"), 1);
}

#[test]
fn the_check_catches_a_wrong_code() {
    if !seeds_present("the_check_catches_a_wrong_code") {
        return;
    }
    let seed = folded(&seed_for("animateur-ecommerce").unwrap());
    let r = catalog()
        .referential("animateur-ecommerce")
        .unwrap()
        .clone();
    for (system, code, label) in [
        ("RNCP", "19358", "Animateur e-commerce"),
        ("ROME", "M1707", "Promotion des ventes"),
        ("NSF", "313", "Commerce, vente"),
        ("ISO", "9001", "Qualité"),
    ] {
        let c = OfficialCode {
            system: system.into(),
            code: code.into(),
            label: label.into(),
        };
        assert!(!check(&r, &c, &seed).is_empty(), "{system} {code}");
    }
}
