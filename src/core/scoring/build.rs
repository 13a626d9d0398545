//! Building a [`ScoringModel`]: from the catalog, or a deterministic synthetic one for
//! benchmarks. The data-only figures (lifts, fit weights, defining skills) are derived once here.

use super::identity::{self, ProfileIdentity};
use super::{
    every_level, HotItem, ModelBlock, ModelItem, ModelProfile, PivotList, ScoringModel, MAX_LINKS,
};
use crate::core::answers::{full_id, ECF_MAX, GENERIC_MAX};
use crate::core::catalog::Catalog;
use crate::core::model::{Item, ItemKind, Scale};
use std::collections::HashMap;

/// Assembles profiles and items, then derives the indices every evaluation relies on.
struct Builder {
    /// How many of the first profiles the lifts' mean runs over (all of them when `None`).
    base: Option<usize>,
    pivots: Vec<String>,
    pivot_index: HashMap<String, usize>,
    items: Vec<ModelItem>,
    profiles: Vec<ModelProfile>,
}

/// One item as given to the builder.
struct NewItem<'a, P> {
    id: &'a str,
    target: u8,
    weight: f64,
    resource: bool,
    max: u8,
    /// See [`ModelItem::choices`].
    choices: u8,
    pivots: P,
    block: Option<&'a str>,
}

impl Builder {
    fn new(pivots: Vec<String>) -> Builder {
        let pivot_index = pivots
            .iter()
            .enumerate()
            .map(|(i, id)| (id.clone(), i))
            .collect();
        Builder {
            base: None,
            pivots,
            pivot_index,
            items: Vec::new(),
            profiles: Vec::new(),
        }
    }

    fn start_profile(&mut self, id: &str, blocks: impl IntoIterator<Item = String>) {
        let start = self.items.len();
        self.profiles.push(ModelProfile {
            id: id.to_owned(),
            items: start..start,
            total_weight: 0.0,
            total_fit_weight: 0.0,
            blocks: blocks
                .into_iter()
                .map(|id| ModelBlock {
                    id,
                    items: Vec::new(),
                    total_weight: 0.0,
                })
                .collect(),
            shares: Vec::new(),
            lifts: Vec::new(),
            defining: Vec::new(),
        });
    }

    fn block_index(&mut self, id: &str) -> usize {
        let profile = self.profiles.last_mut().expect("profile started");
        if let Some(b) = profile.blocks.iter().position(|b| b.id == id) {
            return b;
        }
        profile.blocks.push(ModelBlock {
            id: id.to_owned(),
            items: Vec::new(),
            total_weight: 0.0,
        });
        profile.blocks.len() - 1
    }

    /// Unknown pivot ids are skipped: the data rules reject them, and the scoring must not crash.
    fn push_item<'a>(&mut self, new: NewItem<'a, impl IntoIterator<Item = &'a str>>) {
        let profile = self.profiles.len() - 1;
        let mut links = PivotList::default();
        for p in new.pivots {
            if let Some(&p) = self.pivot_index.get(p) {
                let stored = links.push(p);
                debug_assert!(stored, "{}: more than {MAX_LINKS} pivot links", new.id);
            }
        }
        let block = new.block.map(|b| self.block_index(b));
        let index = self.items.len();
        let prof = &mut self.profiles[profile];
        let full = full_id(&prof.id, new.id);
        let counts = new.target > 0;
        if counts {
            prof.total_weight += new.weight;
        }
        if let Some(b) = block {
            prof.blocks[b].items.push(index);
            if counts {
                prof.blocks[b].total_weight += new.weight;
            }
        }
        prof.items.end = index + 1;
        self.items.push(ModelItem {
            local: prof.id.len() + 1,
            full_id: full,
            profile,
            target: new.target.min(new.max),
            weight: new.weight,
            // Set in finish(), once every profile is known.
            fit_weight: 0.0,
            resource: new.resource,
            max: new.max,
            choices: new.choices,
            pivots: links,
            block,
        });
    }

    fn finish(mut self) -> ScoringModel {
        let base = self.base.unwrap_or(self.profiles.len());
        let identities = identity::derive(self.pivots.len(), &self.profiles, &self.items, base);
        for (
            prof,
            ProfileIdentity {
                shares,
                lifts,
                defining,
            },
        ) in self.profiles.iter_mut().zip(identities)
        {
            let mut total_fit = 0.0;
            for item in &mut self.items[prof.items.clone()] {
                item.fit_weight = identity::fit_weight(item.weight, item.pivots.main(), &lifts);
                if item.counts() {
                    total_fit += item.fit_weight;
                }
            }
            prof.total_fit_weight = total_fit;
            prof.shares = shares;
            prof.lifts = lifts;
            prof.defining = defining;
        }
        let mut pivot_items = vec![Vec::new(); self.pivots.len()];
        for (i, item) in self.items.iter().enumerate() {
            for p in item.pivots.iter() {
                pivot_items[p].push(i);
            }
        }
        let item_index = self
            .items
            .iter()
            .enumerate()
            .map(|(i, item)| (item.full_id.clone(), i))
            .collect();
        let mut by_id: Vec<u32> = (0..self.items.len())
            .map(|i| u32::try_from(i).expect("fewer than 2^32 items"))
            .collect();
        by_id.sort_unstable_by(|&a, &b| {
            self.items[a as usize]
                .full_id
                .cmp(&self.items[b as usize].full_id)
        });
        ScoringModel {
            pivots: self.pivots,
            pivot_index: self.pivot_index,
            hot: self.items.iter().map(HotItem::new).collect(),
            items: self.items,
            item_index,
            by_id,
            profiles: self.profiles,
            pivot_items,
        }
    }
}

/// splitmix64: deterministic, dependency-free numbers for synthetic models.
struct SplitMix(u64);

impl SplitMix {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform enough in `0..n` for test data (n > 0).
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

/// « Aucun » and the levels an e-CF item describes: what the candidate can answer (SPEC §4).
fn ecf_choices(item: &Item) -> u8 {
    if item.levels.is_empty() {
        return every_level(ECF_MAX);
    }
    item.levels
        .iter()
        .filter(|l| l.level <= ECF_MAX)
        .fold(1, |mask, l| mask | (1 << l.level))
}

impl ScoringModel {
    /// Every rated item of every referential, in catalog and document order, with the kind
    /// weight the data gives it (SPEC §5, checked by the data rules).
    pub fn from_catalog(catalog: &Catalog) -> ScoringModel {
        let pivots = catalog.pivots.skills().map(|s| s.id.clone()).collect();
        let mut b = Builder::new(pivots);
        b.base = Some(catalog.bundled);
        for r in &catalog.referentials {
            let max = match r.scale {
                Scale::Generic => GENERIC_MAX,
                Scale::Ecf => ECF_MAX,
            };
            b.start_profile(&r.id, r.blocks.iter().map(|bl| bl.id.clone()));
            for ir in r.rated_items() {
                let item = ir.item;
                b.push_item(NewItem {
                    id: &item.id,
                    target: item.target(),
                    weight: item.weight(),
                    resource: item.kind == ItemKind::Resource,
                    max,
                    choices: match r.scale {
                        Scale::Generic => every_level(GENERIC_MAX),
                        Scale::Ecf => ecf_choices(item),
                    },
                    pivots: item.pivots.iter().map(String::as_str),
                    block: ir.block,
                });
            }
        }
        b.finish()
    }

    /// A deterministic pseudo-random model for benchmarks: `profiles` × `items_per_profile` items
    /// linked to 1–3 of `pivots` pivot skills (ids `pivot-000`…, profiles `synthetic-0000`…,
    /// items `I0000`…). Every third profile is on the e-CF scale (targets 2–3), every other one
    /// has 4 blocks; of the generic items, a fifth are knowledge items (weight 0.5, target 1–2)
    /// and a tenth transversal resources (weight 0.25).
    pub fn synthetic(
        profiles: usize,
        items_per_profile: usize,
        pivots: usize,
        seed: u64,
    ) -> ScoringModel {
        assert!(
            (1..=usize::from(u16::MAX)).contains(&pivots),
            "pivot count out of range"
        );
        let mut rng = SplitMix(seed);
        let mut b = Builder::new((0..pivots).map(|p| format!("pivot-{p:03}")).collect());
        for k in 0..profiles {
            let ecf = k % 3 == 0;
            let blocks = if k % 2 == 1 { 4 } else { 0 };
            b.start_profile(
                &format!("synthetic-{k:04}"),
                (1..=blocks).map(|n| format!("BC{n:02}")),
            );
            for j in 0..items_per_profile {
                let links = 1 + rng.below(3.min(pivots));
                let mut ids = Vec::with_capacity(links);
                while ids.len() < links {
                    let p = rng.below(pivots);
                    if !ids.contains(&p) {
                        ids.push(p);
                    }
                }
                let (target, weight, resource) = if ecf {
                    (2 + rng.below(2) as u8, 1.0, false)
                } else {
                    match rng.below(10) {
                        0 | 1 => (1 + rng.below(2) as u8, 0.5, false),
                        2 => (3, 0.25, true),
                        _ => (3, 1.0, false),
                    }
                };
                let block =
                    (blocks > 0).then(|| format!("BC{:02}", 1 + j * blocks / items_per_profile));
                let names: Vec<String> = ids.iter().map(|&p| b.pivots[p].clone()).collect();
                b.push_item(NewItem {
                    id: &format!("I{j:04}"),
                    target,
                    weight,
                    resource,
                    max: if ecf { ECF_MAX } else { GENERIC_MAX },
                    choices: every_level(if ecf { ECF_MAX } else { GENERIC_MAX }),
                    pivots: names.iter().map(String::as_str),
                    block: block.as_deref(),
                });
            }
        }
        b.finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::catalog::catalog;
    use crate::core::model::Referential;

    /// A copy of a bundled referential under another id: a stand-in for one a trainer brought.
    fn brought_copy(of: &str, id: &str) -> Referential {
        let mut r = catalog().referential(of).unwrap().clone();
        r.id = id.to_owned();
        r
    }

    #[test]
    fn a_brought_referential_changes_no_bundled_profile_figure() {
        let bundled = ScoringModel::bundled();
        let with = ScoringModel::from_catalog(
            &catalog().with_brought([brought_copy("charge-ecommerce", "rncp99999")]),
        );
        assert_eq!(with.profiles().len(), bundled.profiles().len() + 1);
        for (a, b) in bundled.profiles().iter().zip(with.profiles()) {
            assert_eq!(a, b, "{}", a.id);
        }
        for (a, b) in bundled.items().iter().zip(with.items()) {
            assert_eq!(a, b, "{}", a.full_id);
        }
        // Its lifts are against the bundled mean: a copy of a bundled profile gets that profile's.
        let copy = with.profile_index("rncp99999").unwrap();
        let original = with.profile_index("charge-ecommerce").unwrap();
        assert_eq!(with.profiles()[copy].lifts, with.profiles()[original].lifts);
        assert_eq!(
            with.profiles()[copy].total_fit_weight,
            with.profiles()[original].total_fit_weight
        );
    }

    #[test]
    fn a_brought_referential_never_takes_a_bundled_id() {
        let mut impostor = brought_copy("vendeur-web", "vendeur-web");
        impostor.title = "Autre".into();
        let c = catalog().with_brought([impostor, brought_copy("vendeur-web", "rncp1")]);
        assert_eq!(c.referentials.len(), c.bundled + 1);
        assert_eq!(c.referential("vendeur-web").unwrap().title, "Vendeur Web");
        assert_eq!(c.brought().len(), 1);
        assert!(c.is_bundled("vendeur-web") && !c.is_bundled("rncp1"));
    }
}
