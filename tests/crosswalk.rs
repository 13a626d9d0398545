//! The crosswalk at a glance (SPEC §5: which skills define each profession): per referential, the share of its item weight
//! each pivot skill leads (first link) and its five defining skills (highest lift), to read
//! against the profession's own definition in its seed. `cargo test --test crosswalk --
//! --nocapture` prints the table. The defining skills are pinned: a crosswalk edit that changes a
//! profession's identity fails here, so that a reviewer reads the seed again before accepting it.
//! Also: the crosswalk rules of `data/FORMAT.md` catch broken data.

use repere::core::catalog::{catalog, REFERENTIAL_FILES};
use repere::core::scoring::ScoringModel;
use repere::core::validate::{check_referential, PIVOT_IDS};
use std::collections::HashSet;

fn identity_table(m: &ScoringModel) -> String {
    let mut out = String::new();
    for (p, prof) in m.profiles().iter().enumerate() {
        let mut shares: Vec<(usize, f64)> = prof
            .shares
            .iter()
            .copied()
            .enumerate()
            .filter(|&(_, s)| s > 0.0)
            .collect();
        shares.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        out.push_str(&format!(
            "{}\n  main-pivot share of non-resource weight:",
            prof.id
        ));
        for (i, (pivot, s)) in shares.iter().enumerate() {
            if i % 4 == 0 {
                out.push_str("\n   ");
            }
            out.push_str(&format!(" {} {:.1} %;", m.pivot_ids()[*pivot], s * 100.0));
        }
        out.push_str("\n  defining skills (lift, expected level):");
        for d in m.defining_skills(p) {
            out.push_str(&format!(
                " {} {:.2} (≥ {});",
                m.pivot_ids()[d.pivot],
                d.lift,
                d.expected
            ));
        }
        out.push('\n');
    }
    out
}

#[test]
fn each_profession_is_defined_by_its_own_trade() {
    let m = ScoringModel::bundled();
    println!("{}", identity_table(m));
    let defining = |id: &str| -> Vec<&str> {
        let p = m.profile_index(id).unwrap();
        m.defining_skills(p)
            .iter()
            .map(|d| m.pivot_ids()[d.pivot].as_str())
            .collect()
    };
    // Reviewed against each seed's definition (see the notes in data/FORMAT.md).
    assert_eq!(
        defining("vendeur-web"),
        [
            "vente-negociation",
            "budget-previsions",
            "amelioration-risques",
            "gestion-projet",
            "partenaires-canaux"
        ]
    );
    assert_eq!(
        defining("charge-ecommerce"),
        [
            "strategie-commerciale",
            "site-marchand",
            "relation-client",
            "contenus-web",
            "indicateurs-performance"
        ]
    );
    assert_eq!(
        defining("chef-projet-ecommerce"),
        [
            "paiement-logistique",
            "cahier-des-charges",
            "gestion-projet",
            "site-marchand",
            "communication"
        ]
    );
    assert_eq!(
        defining("charge-developpement-commercial"),
        [
            "management-equipe",
            "prospection",
            "outils-donnees",
            "strategie-commerciale",
            "communication"
        ]
    );
    assert_eq!(
        defining("animateur-ecommerce"),
        [
            "reseaux-sociaux",
            "referencement",
            "campagnes-promotion",
            "ergonomie-parcours",
            "contenus-web"
        ]
    );
    // No savoir-être defines a profession: autonomy and adaptability were charge-ecommerce's most
    // specific pivots when its 16 transversal resources weighed as activities.
    for p in 0..m.profiles().len() {
        for d in m.defining_skills(p) {
            let id = m.pivot_ids()[d.pivot].as_str();
            assert!(
                !repere::core::validate::SAVOIR_ETRE.contains(&id),
                "{id} defines {}",
                m.profiles()[p].id
            );
        }
    }
}

/// The referential `index` of the bundled files, edited, through the data rules.
fn broken(index: usize, edit: impl FnOnce(&mut serde_json::Value)) -> Vec<String> {
    let (file, text) = REFERENTIAL_FILES[index];
    let mut v: serde_json::Value = serde_json::from_str(text).unwrap();
    edit(&mut v);
    let r = serde_json::from_value(v).unwrap();
    let pivots: HashSet<&str> = PIVOT_IDS.into_iter().collect();
    check_referential(file, &r, &pivots)
}

/// The item with this id, anywhere in the groups of a referential's JSON.
fn item_mut<'a>(v: &'a mut serde_json::Value, id: &str) -> &'a mut serde_json::Value {
    fn path(g: &serde_json::Value, id: &str, at: String) -> Option<String> {
        for (k, i) in g["items"].as_array().into_iter().flatten().enumerate() {
            if i["id"] == id {
                return Some(format!("{at}/items/{k}"));
            }
        }
        g["groups"]
            .as_array()
            .into_iter()
            .flatten()
            .enumerate()
            .find_map(|(k, sub)| path(sub, id, format!("{at}/groups/{k}")))
    }
    let at = path(v, id, String::new()).unwrap_or_else(|| panic!("no item {id}"));
    v.pointer_mut(&at).unwrap()
}

#[test]
fn the_crosswalk_rules_catch_broken_data() {
    assert_eq!(catalog().referentials[1].id, "charge-ecommerce");
    let clean = broken(1, |_| {});
    assert!(clean.is_empty(), "{clean:?}");
    // SPEC §5: a transversal resource weighs 0.25.
    let e = broken(1, |v| item_mut(v, "RT05")["weight"] = serde_json::json!(1));
    assert!(
        e.iter()
            .any(|m| m == "charge-ecommerce.json: RT05: weight 1 where the SPEC rule gives 0.25"),
        "{e:?}"
    );
    // An activity never leads with a savoir-être; a resource may.
    let e = broken(1, |v| {
        item_mut(v, "AC2.3")["pivots"] = serde_json::json!(["autonomie-rigueur"])
    });
    assert!(
        e.iter().any(|m| m.starts_with(
            "charge-ecommerce.json: AC2.3: main pivot autonomie-rigueur is a savoir-être"
        )),
        "{e:?}"
    );
    assert!(broken(1, |v| {
        item_mut(v, "RT08")["pivots"] = serde_json::json!(["relationnel-equipe"])
    })
    .is_empty());
    // The same text carries the same links (002 repeats « Le marché »-like savoirs).
    assert_eq!(catalog().referentials[2].id, "chef-projet-ecommerce");
    let e = broken(2, |v| {
        item_mut(v, "D2.S7")["pivots"] = serde_json::json!(["veille"])
    });
    assert!(
        e.iter().any(|m| m.starts_with(
            "chef-projet-ecommerce.json: D2.S7: same text as COM.S3 but other pivot links"
        )),
        "{e:?}"
    );
}
