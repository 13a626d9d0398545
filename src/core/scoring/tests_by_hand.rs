//! Figures computed by hand on the bundled data (readiness, fit, completeness, blocks,
//! estimates, gaps, recommendations); the tiny catalog of `tests_tiny` checks the formulas.

use super::evaluate::rank;
use super::identity::DEFINING_SKILLS;
use super::*;
use crate::core::answers::{Answers, ItemAnswer, ECF_MAX, GENERIC_MAX};
use crate::core::catalog::catalog;

pub(super) fn model() -> &'static ScoringModel {
    ScoringModel::bundled()
}

pub(super) fn answers_in(m: &ScoringModel, quick: &[(&str, u8)], items: &[(&str, u8)]) -> Answers {
    let mut a = Answers::default();
    for &(p, l) in quick {
        assert!(m.pivot_index(p).is_some(), "no pivot {p}");
        a.quick.insert(p.to_owned(), l);
    }
    for &(i, l) in items {
        assert!(m.item_index(i).is_some(), "no item {i}");
        a.items.insert(
            i.to_owned(),
            ItemAnswer {
                level: l,
                evidence: String::new(),
            },
        );
    }
    a
}

fn answers(quick: &[(&str, u8)], items: &[(&str, u8)]) -> Answers {
    answers_in(model(), quick, items)
}

fn profile<'a>(e: &'a Evaluation, id: &str) -> &'a ProfileResult {
    &e.profiles[model().profile_index(id).expect("profile")]
}

fn item<'a>(e: &'a Evaluation, full_id: &str) -> &'a ItemResult {
    &e.items[model().item_index(full_id).expect("item")]
}

fn pivot<'a>(e: &'a Evaluation, id: &str) -> &'a PivotLevel {
    &e.pivots[model().pivot_index(id).expect("pivot")]
}

fn block<'a>(e: &'a Evaluation, referential: &str, id: &str) -> &'a BlockResult {
    let p = model().profile_index(referential).expect("profile");
    let b = model().profiles()[p]
        .blocks
        .iter()
        .position(|b| b.id == id)
        .expect("block");
    &e.profiles[p].blocks[b]
}

fn ids(items: &[usize]) -> Vec<&'static str> {
    items
        .iter()
        .map(|&i| model().item(i).full_id.as_str())
        .collect()
}

fn pivots_of(status: ItemStatus) -> Vec<&'static str> {
    match status {
        ItemStatus::Estimated { from } => from
            .iter()
            .map(|p| model().pivot_ids()[p].as_str())
            .collect(),
        other => panic!("not estimated: {other:?}"),
    }
}

pub(super) fn assert_close(actual: f64, expected: f64) {
    assert!(
        (actual - expected).abs() < 1e-12,
        "{actual} is not {expected}"
    );
}

fn fit_weight(full_id: &str) -> f64 {
    model()
        .item(model().item_index(full_id).unwrap())
        .fit_weight
}

/// The hand computations below rely on these data facts; a data edit fails here first.
fn assert_weights(referential: &str, full: usize, half: usize, quarter: usize) {
    let p = &model().profiles()[model().profile_index(referential).unwrap()];
    let items = &model().items()[p.items.clone()];
    let count = |w: f64| items.iter().filter(|i| i.weight == w).count();
    assert_eq!(
        (count(1.0), count(0.5), count(0.25), items.len()),
        (full, half, quarter, full + half + quarter),
        "{referential}: data changed, redo the hand computations"
    );
    assert_close(
        p.total_weight,
        full as f64 + half as f64 / 2.0 + quarter as f64 / 4.0,
    );
}

// ---- the bundled data ----

#[test]
fn lifts_of_the_bundled_data_by_hand() {
    let m = model();
    let an = m.profile_index("animateur-ecommerce").unwrap();
    let cp = m.profile_index("chef-projet-ecommerce").unwrap();
    // Only RED3 (animateur) leads with reseaux-sociaux: share 1/14 there, mean 1/70 → lift 5.
    let rs = m.pivot_index("reseaux-sociaux").unwrap();
    assert_close(m.profiles()[an].shares[rs], 1.0 / 14.0);
    assert_close(m.lift(an, rs), 5.0);
    for p in 0..m.profiles().len() {
        if p != an {
            assert_eq!(m.lift(p, rs), 0.0);
        }
    }
    // rse-ethique leads no item anywhere: lift 0 everywhere, so it defines no profession.
    let rse = m.pivot_index("rse-ethique").unwrap();
    assert!((0..5).all(|p| m.lift(p, rse) == 0.0));
    // The savoir-être pivots lead only 001's transversal resources, left out of the shares.
    for id in crate::core::validate::SAVOIR_ETRE {
        let s = m.pivot_index(id).unwrap();
        assert!((0..5).all(|p| m.lift(p, s) == 0.0), "{id}");
    }
    // Every item's fit weight is w·(½ + lift of its main pivot in its profile)².
    for it in m.items() {
        let lift = it.pivots.main().map_or(0.0, |p| m.lift(it.profile, p));
        assert_close(it.fit_weight, it.weight * (0.5 + lift).powi(2));
    }
    // Shares sum to 1 per profile; lifts average to 1 over the profiles for every led pivot.
    for prof in m.profiles() {
        assert_close(prof.shares.iter().sum(), 1.0);
    }
    for p in 0..m.pivot_ids().len() {
        let mean: f64 = (0..5).map(|q| m.lift(q, p)).sum::<f64>() / 5.0;
        assert!(mean == 0.0 || (mean - 1.0).abs() < 1e-12, "{p}: {mean}");
    }
    // About five defining skills each, lift above 1, highest first.
    for (p, prof) in m.profiles().iter().enumerate() {
        let d = m.defining_skills(p);
        assert_eq!(d.len(), DEFINING_SKILLS, "{}", prof.id);
        assert!(d.iter().all(|s| s.lift > 1.0 && s.expected > 0));
        assert!(d.windows(2).all(|w| w[0].lift >= w[1].lift));
    }
    let first = |p| m.pivot_ids()[m.defining_skills(p)[0].pivot].as_str();
    assert_eq!(first(an), "reseaux-sociaux");
    assert_eq!(first(cp), "paiement-logistique");
}

#[test]
fn charge_ecommerce_by_hand() {
    // 20 sub-competences (w 1), RT01–RT16 (w ¼, RT17 not rated), 9 DC.* (w ½): Σw = 28.5.
    assert_weights("charge-ecommerce", 20, 9, 16);
    let e = model().evaluate(&answers(
        &[],
        &[("charge-ecommerce/AC2.2", 3), ("charge-ecommerce/AC5.1", 2)],
    ));
    // Pivots: referencement = 3 (AC2.2), relation-client = 2 (AC5.1).
    // AC2.2 answered 3/3 → 1; AC5.1 answered 2/3; relation-client estimates AC4.2, AC5.2,
    // AC5.3, AC5.4 (w 1) and RT08 (w ¼) at 2 → ⅔ each; referencement estimates DC.34093
    // (t 2, w ½) at 3 → 1.
    // readiness = (1 + 5·⅔ + ¼·⅔ + ½) / 28.5 = 5 / 28.5; completeness = 6.75 / 28.5.
    let p = profile(&e, "charge-ecommerce");
    assert_close(p.readiness, 5.0 / 28.5);
    assert_close(p.completeness, 6.75 / 28.5);
    let known: Vec<_> = e
        .rows(model(), p.profile)
        .filter(|r| r.status.is_known())
        .map(|r| (r.full_id, r.level))
        .collect();
    assert_eq!(
        known,
        [
            ("charge-ecommerce/AC2.2", 3),
            ("charge-ecommerce/AC4.2", 2),
            ("charge-ecommerce/AC5.1", 2),
            ("charge-ecommerce/AC5.2", 2),
            ("charge-ecommerce/AC5.3", 2),
            ("charge-ecommerce/AC5.4", 2),
            ("charge-ecommerce/RT08", 2),
            ("charge-ecommerce/DC.34093", 3),
        ]
    );
    // fit = Σ v·c / Σ v over the same items.
    let v = |id: &str| fit_weight(&format!("charge-ecommerce/{id}"));
    let fitted = v("AC2.2")
        + (v("AC4.2") + v("AC5.1") + v("AC5.2") + v("AC5.3") + v("AC5.4") + v("RT08")) * 2.0 / 3.0
        + v("DC.34093");
    let total = model().profiles()[p.profile].total_fit_weight;
    assert_close(p.fit, fitted / total);
    let rows: Vec<_> = e.rows(model(), p.profile).collect();
    assert_close(rows.iter().map(|r| r.readiness_share).sum(), p.readiness);
    assert_close(rows.iter().map(|r| r.fit_share).sum(), p.fit);
    let ac51 = rows.iter().find(|r| r.full_id.ends_with("/AC5.1")).unwrap();
    assert_close(ac51.readiness_share, 2.0 / 3.0 / 28.5);
    assert_close(ac51.fit_share, v("AC5.1") * 2.0 / 3.0 / total);
}

#[test]
fn vendeur_web_ecf_by_hand() {
    let vw = catalog().referential("vendeur-web").unwrap();
    for r in vw.rated_items() {
        let lowest = r.item.levels.iter().map(|l| l.level).min();
        assert_eq!(Some(r.item.target()), lowest, "{}", r.item.id);
    }
    assert_weights("vendeur-web", 10, 0, 0);
    let e = model().evaluate(&answers(
        &[],
        &[("vendeur-web/E.3", 2), ("vendeur-web/D.5", 5)],
    ));
    // Pivots: amelioration-risques = 2 (E.3); vente-negociation = cahier-des-charges = 5 (D.5,
    // e-CF levels feed pivots 1:1).
    // E.3 answered 2, target 2 → 1; D.5 answered 5, target 3 → 1;
    // D.7 (vente-negociation) estimated 5 → 1; E.5 (amelioration-risques) estimated 2/3 → 2/3.
    // readiness = (3 + 2/3) / 10 = 11/30; completeness = 4/10.
    let p = profile(&e, "vendeur-web");
    assert_close(p.readiness, 11.0 / 30.0);
    assert_close(p.completeness, 0.4);
    let d7 = item(&e, "vendeur-web/D.7");
    assert_eq!(d7.level, 5, "e-CF estimates go up to 5");
    assert_eq!(pivots_of(d7.status), ["vente-negociation"]);
    // The same pivot level is capped at 4 on the generic scale.
    assert_eq!(item(&e, "charge-ecommerce/AC4.2").level, GENERIC_MAX);
    assert_eq!(
        pivots_of(item(&e, "charge-ecommerce/AC4.2").status),
        ["vente-negociation"]
    );
    // Gaps: the six items at 0 (priority v) and E.5 (v·(3 − 2)/3), by priority.
    let gaps = e.gaps(model(), p.profile);
    let mut gap_ids = ids(&gaps.iter().map(|g| g.item).collect::<Vec<_>>());
    gap_ids.sort_unstable();
    assert_eq!(
        gap_ids,
        [
            "vendeur-web/A.7",
            "vendeur-web/D.6",
            "vendeur-web/D.8",
            "vendeur-web/E.1",
            "vendeur-web/E.2",
            "vendeur-web/E.4",
            "vendeur-web/E.5"
        ]
    );
    assert!(gaps.windows(2).all(|w| w[0].priority >= w[1].priority));
    let e5 = gaps
        .iter()
        .find(|g| ids(&[g.item]) == ["vendeur-web/E.5"])
        .unwrap();
    assert_close(e5.priority, fit_weight("vendeur-web/E.5") / 3.0);
    let a7 = gaps
        .iter()
        .find(|g| ids(&[g.item]) == ["vendeur-web/A.7"])
        .unwrap();
    assert_close(a7.priority, fit_weight("vendeur-web/A.7"));
}

#[test]
fn chef_projet_knowledge_item_weighs_half() {
    // 45 savoirs (…S…, weight ½) and 94 savoir-faire (weight 1): Σw = 116.5.
    assert_weights("chef-projet-ecommerce", 94, 45, 0);
    let s1 = "chef-projet-ecommerce/D5.S1";
    assert_eq!(model().item(model().item_index(s1).unwrap()).target, 2);
    let e = model().evaluate(&answers(&[], &[(s1, 1)]));
    // contrats-droit = 1 (D5.S1 is its only link). D5.S1 answered 1/2 at w ½ → ¼;
    // D5.S2 (knowledge) estimated 1 → ¼; D5.SF7, D5.SF8, D5.SF21 (know-how) estimated 1 → ⅓ each.
    // readiness = (¼ + ¼ + 1) / 116.5; completeness = (½·2 + 3) / 116.5.
    let p = profile(&e, "chef-projet-ecommerce");
    assert_close(p.readiness, 1.5 / 116.5);
    assert_close(p.completeness, 4.0 / 116.5);
    let known: Vec<_> = e
        .rows(model(), p.profile)
        .filter(|r| r.status.is_known())
        .map(|r| r.full_id)
        .collect();
    assert_eq!(
        known,
        [
            "chef-projet-ecommerce/D5.S1",
            "chef-projet-ecommerce/D5.S2",
            "chef-projet-ecommerce/D5.SF7",
            "chef-projet-ecommerce/D5.SF8",
            "chef-projet-ecommerce/D5.SF21",
        ]
    );
}

const BC01: [&str; 7] = [
    "charge-developpement-commercial/C1.1.1",
    "charge-developpement-commercial/C1.1.2",
    "charge-developpement-commercial/C1.1.3",
    "charge-developpement-commercial/C1.2.1",
    "charge-developpement-commercial/C1.2.2",
    "charge-developpement-commercial/C1.2.3",
    "charge-developpement-commercial/C1.2.4",
];

fn bc01_with_last_at(level: u8) -> Evaluation {
    let mut items: Vec<_> = BC01.iter().map(|&i| (i, 3)).collect();
    items[6].1 = level;
    model().evaluate(&answers(&[], &items))
}

#[test]
fn charge_developpement_commercial_block_readiness() {
    let cdc = "charge-developpement-commercial";
    let m = model();
    let blocks = &m.profiles()[m.profile_index(cdc).unwrap()].blocks;
    assert_eq!(ids(&blocks[0].items), BC01, "BC01 is its 7 competences");
    assert_weights(cdc, 27, 0, 0);

    // All seven at target: readiness 1, ready.
    let e = bc01_with_last_at(3);
    let b = block(&e, cdc, "BC01");
    assert_close(b.readiness, 1.0);
    assert_close(b.completeness, 1.0);
    assert!(b.ready);
    // Profile: the other 20 competences are estimated through the pivots; BC01 alone
    // brings 7/27 of the readiness.
    assert!(profile(&e, cdc).readiness >= 7.0 / 27.0);

    // One at t − 1 = 2: (6 + 2/3)/7 = 20/21 ≥ 0.8 → ready.
    let e = bc01_with_last_at(2);
    let b = block(&e, cdc, "BC01");
    assert_close(b.readiness, 20.0 / 21.0);
    assert!(b.ready);

    // One at 1 < t − 1: (6 + 1/3)/7 = 19/21 ≥ 0.8 but not ready.
    let e = bc01_with_last_at(1);
    let b = block(&e, cdc, "BC01");
    assert_close(b.readiness, 19.0 / 21.0);
    assert!(b.readiness >= READY_READINESS);
    assert!(!b.ready);
    assert_eq!(ids(&b.blocking), [BC01[6]]);
}

#[test]
fn animateur_ecommerce_blocks_by_hand() {
    let an = "animateur-ecommerce";
    assert_weights(an, 14, 0, 0);
    let bc01 = |com5: u8| {
        model().evaluate(&answers(
            &[],
            &[
                ("animateur-ecommerce/COM2", 4),
                ("animateur-ecommerce/COM3", 4),
                ("animateur-ecommerce/COM4", 4),
                ("animateur-ecommerce/COM5", com5),
                ("animateur-ecommerce/RED1", 2),
                ("animateur-ecommerce/REF2", 2),
            ],
        ))
    };
    // BC01 = COM2–COM5. COM5 at 1: (3 + 1/3)/4 = 5/6 ≥ 0.8, but 1 < t − 1 → not ready.
    let e = bc01(1);
    let b = block(&e, an, "BC01");
    assert_close(b.readiness, 5.0 / 6.0);
    assert!(!b.ready);
    assert_eq!(ids(&b.blocking), ["animateur-ecommerce/COM5"]);
    // COM5 at 2: (3 + 2/3)/4 = 11/12 → ready.
    let e = bc01(2);
    let b = block(&e, an, "BC01");
    assert_close(b.readiness, 11.0 / 12.0);
    assert!(b.ready);
    // BC04 = RED1, REF2 at 2: 2/3 < 0.8 → not ready, though no item is below t − 1.
    let b = block(&e, an, "BC04");
    assert_close(b.readiness, 2.0 / 3.0);
    assert!(!b.ready && b.blocking.is_empty());

    // BC05 = GP1, GP2, ready on estimates alone: every pivot they link to is at 3.
    let e = model().evaluate(&answers(
        &[
            ("cahier-des-charges", 3),
            ("gestion-projet", 3),
            ("ergonomie-parcours", 3),
            ("indicateurs-performance", 3),
        ],
        &[],
    ));
    let b = block(&e, an, "BC05");
    assert_close(b.readiness, 1.0);
    assert_close(b.completeness, 1.0);
    assert!(b.ready);
    // Profile: GP1, GP2 and COM3 (indicateurs-performance, outils-donnees) are estimated
    // at 3, nothing else is linked to those pivots: readiness = completeness = 3/14.
    let p = profile(&e, an);
    assert_close(p.readiness, 3.0 / 14.0);
    assert_close(p.completeness, 3.0 / 14.0);
    assert!(!block(&e, an, "BC01").ready);
}

#[test]
fn pivot_level_from_items_is_the_floor_of_the_mean_in_any_referential() {
    let e = model().evaluate(&answers(
        &[],
        &[
            ("charge-ecommerce/AC1.1", 3),       // veille, site-marchand
            ("charge-ecommerce/AC1.3", 2),       // veille, analyse-marche
            ("chef-projet-ecommerce/COM.S3", 4), // analyse-marche, veille
        ],
    ));
    let veille = pivot(&e, "veille");
    assert_eq!(veille.level, Some(3), "floor((3 + 2 + 4) / 3)");
    let PivotSource::Items(from) = &veille.source else {
        panic!("{veille:?}")
    };
    assert_eq!(
        ids(from),
        [
            "charge-ecommerce/AC1.1",
            "charge-ecommerce/AC1.3",
            "chef-projet-ecommerce/COM.S3"
        ]
    );
    assert_eq!(pivot(&e, "analyse-marche").level, Some(3), "floor(6/2)");
    assert_eq!(pivot(&e, "site-marchand").level, Some(3));
    assert_eq!(
        pivot(&e, "referencement"),
        &PivotLevel {
            level: None,
            source: PivotSource::None
        }
    );
}

#[test]
fn quick_answer_wins_over_items() {
    let e = model().evaluate(&answers(
        &[("veille", 1)],
        &[("charge-ecommerce/AC1.1", 3), ("charge-ecommerce/AC1.3", 2)],
    ));
    assert_eq!(
        pivot(&e, "veille"),
        &PivotLevel {
            level: Some(1),
            source: PivotSource::Quick
        }
    );
    // AC1.3's other pivot still comes from it.
    assert_eq!(pivot(&e, "analyse-marche").level, Some(2));
}

#[test]
fn item_estimate_is_the_floor_of_its_pivots_mean() {
    let e = model().evaluate(&answers(
        &[("paiement-logistique", 2)],
        &[("charge-ecommerce/AC1.1", 3)],
    ));
    // DC.34507: site-marchand 3 (from AC1.1), paiement-logistique 2 (quick) → floor(2.5).
    let dc = item(&e, "charge-ecommerce/DC.34507");
    assert_eq!(dc.level, 2);
    assert_eq!(
        pivots_of(dc.status),
        ["site-marchand", "paiement-logistique"]
    );
    // AC1.2: only veille (3) has a level among analyse-marche, veille, analyse-synthese.
    let ac12 = item(&e, "charge-ecommerce/AC1.2");
    assert_eq!(ac12.level, 3);
    assert_eq!(pivots_of(ac12.status), ["veille"]);
    assert_eq!(
        item(&e, "charge-ecommerce/AC1.1").status,
        ItemStatus::Answered
    );
}

#[test]
fn unknown_stays_unknown() {
    let e = model().evaluate(&answers(&[("veille", 4)], &[]));
    // RT09 is linked to relationnel-equipe only.
    let rt09 = item(&e, "charge-ecommerce/RT09");
    assert_eq!((rt09.level, rt09.status), (0, ItemStatus::Unknown));
    let p = profile(&e, "charge-ecommerce");
    let row = e
        .rows(model(), p.profile)
        .find(|r| r.full_id == "charge-ecommerce/RT09")
        .unwrap();
    assert_eq!((row.readiness_share, row.fit_share), (0.0, 0.0));
    assert!(e
        .gaps(model(), p.profile)
        .iter()
        .any(|g| ids(&[g.item]) == ["charge-ecommerce/RT09"]));
}

#[test]
fn answered_zero_counts_as_answered() {
    let e = model().evaluate(&answers(&[], &[("charge-ecommerce/RT03", 0)]));
    let rt03 = item(&e, "charge-ecommerce/RT03");
    assert_eq!((rt03.level, rt03.status), (0, ItemStatus::Answered));
    // autonomie-rigueur = 0 from RT03, so its other items are estimated at 0: AC2.3 (w 1),
    // RT12, RT13, RT15 (w ¼) plus RT03 itself are known → completeness 2/28.5, readiness 0.
    assert_eq!(pivot(&e, "autonomie-rigueur").level, Some(0));
    let rt12 = item(&e, "charge-ecommerce/RT12");
    assert_eq!(rt12.level, 0);
    assert_eq!(pivots_of(rt12.status), ["autonomie-rigueur"]);
    let p = profile(&e, "charge-ecommerce");
    assert_eq!((p.readiness, p.fit), (0.0, 0.0));
    assert_close(p.completeness, 2.0 / 28.5);
}

#[test]
fn out_of_range_levels_and_unknown_ids_are_harmless() {
    let mut a = answers(&[("veille", 9)], &[("charge-ecommerce/AC2.2", 9)]);
    a.quick.insert("no-such-pivot".into(), 3);
    a.items.insert(
        "charge-ecommerce/ZZ9".into(),
        ItemAnswer {
            level: 3,
            evidence: String::new(),
        },
    );
    let e = model().evaluate(&a);
    assert_eq!(pivot(&e, "veille").level, Some(GENERIC_MAX));
    assert_eq!(item(&e, "charge-ecommerce/AC2.2").level, GENERIC_MAX);
    assert_eq!(item(&e, "vendeur-web/A.7").level, GENERIC_MAX.min(ECF_MAX));
}

#[test]
fn empty_answers_score_zero_in_catalog_order() {
    let e = model().evaluate(&Answers::default());
    for p in &e.profiles {
        assert_eq!((p.readiness, p.fit, p.completeness), (0.0, 0.0, 0.0));
        assert!(p.blocks.iter().all(|b| !b.ready && b.readiness == 0.0));
        assert_eq!(e.gaps(model(), p.profile).len(), p.items.len());
    }
    assert_eq!(e.ranking, [0, 1, 2, 3, 4]);
    // Gaps of charge-ecommerce at 0 everywhere: priority = v, highest fit weight first.
    let p = profile(&e, "charge-ecommerce");
    let gaps = e.gaps(model(), p.profile);
    for g in &gaps {
        assert_close(g.priority, model().item(g.item).fit_weight);
    }
    assert!(gaps.windows(2).all(|w| w[0].priority >= w[1].priority));
}

#[test]
fn ranking_orders_by_fit_then_completeness_then_catalog_order() {
    let e = model().evaluate(&answers(&[], &[("charge-ecommerce/AC2.2", 3)]));
    // referencement = 3: animateur (RED1, REF1, REF3), charge-ecommerce (AC2.2, DC.34093) and
    // charge-developpement-commercial (C2.1.4.2) have items linked to it, the others none.
    let order: Vec<_> = e
        .ranked()
        .map(|p| model().profiles()[p.profile].id.as_str())
        .collect();
    assert_eq!(
        order,
        [
            "animateur-ecommerce",
            "charge-ecommerce",
            "charge-developpement-commercial",
            "vendeur-web",
            "chef-projet-ecommerce"
        ]
    );
    assert_close(profile(&e, "animateur-ecommerce").readiness, 3.0 / 14.0);
    assert_close(profile(&e, "charge-ecommerce").readiness, 1.5 / 28.5);
    // Completeness breaks a fit tie, then catalog order.
    let mut ps = e.profiles.clone();
    for p in &mut ps {
        p.fit = 0.5;
        p.completeness = 0.0;
    }
    ps[3].completeness = 0.5;
    ps[1].completeness = 0.5 + 1e-12; // float noise: a tie
    assert_eq!(rank(&ps), [1, 3, 0, 2, 4]);
}

#[test]
fn recommendations_by_hand() {
    let e = model().evaluate(&answers(&[], &[("charge-ecommerce/AC2.2", 2)]));
    // referencement = 2. Best fits: animateur, charge-ecommerce, charge-developpement-commercial.
    let ix = |id: &str| model().profile_index(id).unwrap();
    assert_eq!(
        e.ranking[..3],
        [
            ix("animateur-ecommerce"),
            ix("charge-ecommerce"),
            ix("charge-developpement-commercial")
        ]
    );
    let recs = model().recommend(&e, usize::MAX);
    let r = recs
        .iter()
        .find(|r| model().pivot_ids()[r.pivot] == "referencement")
        .expect("referencement recommended");
    // Progress to 3: animateur's RED1, REF1, REF3 estimated 2 → 3 (+⅓ each); AC2.2 answered
    // 2 → 3 (+⅓), DC.34093 already at its target 2; C2.1.4.2 estimated 2 → 3 (+⅓).
    assert_eq!((r.from_level, r.to_level), (Some(2), 3));
    let gain = |ids: &[&str], profile: &str| {
        let total = model().profiles()[ix(profile)].total_fit_weight;
        ids.iter().map(|i| fit_weight(i)).sum::<f64>() / 3.0 / total
    };
    let an = gain(
        &[
            "animateur-ecommerce/RED1",
            "animateur-ecommerce/REF1",
            "animateur-ecommerce/REF3",
        ],
        "animateur-ecommerce",
    );
    let ce = gain(&["charge-ecommerce/AC2.2"], "charge-ecommerce");
    let cdc = gain(
        &["charge-developpement-commercial/C2.1.4.2"],
        "charge-developpement-commercial",
    );
    let per: Vec<_> = r.profiles.iter().map(|g| g.gain).collect();
    assert_eq!(per.len(), 3);
    assert_close(per[0], an);
    assert_close(per[1], ce);
    assert_close(per[2], cdc);
    assert_close(r.gain, an + ce + cdc);
    let moved: Vec<_> = r.items.iter().map(|g| (g.item, g.from, g.to)).collect();
    assert_eq!(moved.len(), 5);
    assert!(moved.contains(&(model().item_index("charge-ecommerce/AC2.2").unwrap(), 2, 3)));
    // Best first, and n is honoured.
    assert!(recs.windows(2).all(|w| w[0].gain >= w[1].gain));
    assert_eq!(model().recommend(&e, DEFAULT_RECOMMENDATIONS).len(), 3);

    // At the target already, progress brings nothing: referencement is not proposed.
    let e = model().evaluate(&answers(&[], &[("charge-ecommerce/AC2.2", 3)]));
    assert!(model()
        .recommend(&e, usize::MAX)
        .iter()
        .all(|r| model().pivot_ids()[r.pivot] != "referencement"));
}

#[test]
fn recommendations_from_nothing_match_a_first_quick_level() {
    let empty = model().evaluate(&Answers::default());
    let recs = model().recommend(&empty, usize::MAX);
    for (p, id) in model().pivot_ids().iter().enumerate() {
        let e = model().evaluate(&answers(&[(id, 1)], &[]));
        let gain: f64 = empty.ranking[..BEST_FITS]
            .iter()
            .map(|&q| e.profiles[q].fit)
            .sum();
        match recs.iter().find(|r| r.pivot == p) {
            Some(r) => assert_close(r.gain, gain),
            None => assert!(gain <= EPSILON, "{id} left out"),
        }
    }
}

#[test]
fn top_gaps_compare_profiles_by_fit_gain() {
    let e = model().evaluate(&answers(&[("referencement", 2), ("contenus-web", 1)], &[]));
    let best = &e.ranking[..BEST_FITS];
    let top = e.top_gaps(model(), best, 10);
    assert_eq!(top.len(), 10);
    assert!(top.windows(2).all(|w| w[0].fit_gain >= w[1].fit_gain));
    // Every gap of the best fits with a larger fit gain than the last one shown is shown.
    let last = top.last().unwrap().fit_gain;
    for &p in best {
        for g in e.gaps(model(), p) {
            if g.fit_gain > last {
                assert!(top.contains(&g), "{}", model().item(g.item).full_id);
            }
        }
    }
    assert!(top
        .iter()
        .all(|g| best.contains(&model().item(g.item).profile)));
}

#[test]
fn synthetic_model_is_deterministic() {
    let a = ScoringModel::synthetic(20, 30, 28, 7);
    let b = ScoringModel::synthetic(20, 30, 28, 7);
    assert_eq!(a.items(), b.items());
    assert_eq!(a.items().len(), 600);
    assert_eq!(a.profiles().len(), 20);
    assert_eq!(a.pivot_ids().len(), 28);
    assert!(a.items().iter().all(|i| (1..=3).contains(&i.pivots.len())));
    assert!(a.items().iter().any(|i| i.resource));
    assert_eq!(a.profiles()[1].blocks.len(), 4);
    assert_eq!(a.item_index("synthetic-0003/I0007"), Some(3 * 30 + 7));
    let e = a.evaluate(&Answers::default());
    assert!(e
        .profiles
        .iter()
        .all(|p| p.fit == 0.0 && p.readiness == 0.0));
}
