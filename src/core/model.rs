//! The referential model: what `data/referentials/*.json` and `data/pivots.json` deserialise into.
//! Pure data, no behaviour beyond navigation helpers; see `data/FORMAT.md` for the file format.
//! Self-contained (no other module of the crate) because `build.rs` compiles it too.

use serde::{Deserialize, Serialize};

/// Which of the referential's rating scales applies to its items.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Scale {
    /// The generic 0–4 self-assessment scale.
    Generic,
    /// The e-CF proficiency scale: each item is rated on its own level descriptors.
    Ecf,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ReferentialKind {
    EcfProfile,
    Job,
    Certification,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ItemKind {
    Ecf,
    Competence,
    Resource,
    KnowHow,
    Knowledge,
    Result,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Table {
    pub head: Vec<String>,
    pub rows: Vec<Vec<String>>,
}

/// A labelled piece of referential text: exactly one of `text`, `list`, `table`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Field {
    #[serde(default)]
    pub label: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub list: Option<Vec<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub table: Option<Table>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Level {
    pub level: u8,
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Code {
    pub code: String,
    pub label: String,
}

/// An official code the seed gives for the whole referential: its RNCP number, its ROME job
/// sheets, its NSF speciality (shown on the positioning record).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OfficialCode {
    /// `RNCP`, `ROME` or `NSF`.
    pub system: String,
    pub code: String,
    /// The seed's label for the code, verbatim.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub label: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Criterion {
    pub id: String,
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Modality {
    pub id: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub title: String,
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Block {
    pub id: String,
    pub title: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub fields: Vec<Field>,
}

fn yes() -> bool {
    true
}

/// `rated: true` is the default, left out of a written file.
fn is_true(b: &bool) -> bool {
    *b
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Item {
    pub id: String,
    pub kind: ItemKind,
    pub text: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    #[serde(default = "yes", skip_serializing_if = "is_true")]
    pub rated: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub target: Option<u8>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub weight: Option<f64>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub pivots: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub block: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub levels: Vec<Level>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub codes: Vec<Code>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub criteria: Vec<Criterion>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub modality: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub fields: Vec<Field>,
}

impl Item {
    /// Target level of a rated item (0 for items that are only shown).
    pub fn target(&self) -> u8 {
        if self.rated {
            self.target.unwrap_or(0)
        } else {
            0
        }
    }

    pub fn weight(&self) -> f64 {
        if self.rated {
            self.weight.unwrap_or(0.0)
        } else {
            0.0
        }
    }

    /// Short display label: the e-CF title when there is one, else the text.
    pub fn label(&self) -> &str {
        self.title.as_deref().unwrap_or(&self.text)
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Group {
    pub id: String,
    pub kind: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub label: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub title: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub block: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub fields: Vec<Field>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub items: Vec<Item>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub groups: Vec<Group>,
}

impl Group {
    /// Whether the group or one of its sub-groups holds a rated item.
    pub fn has_rated(&self) -> bool {
        self.items.iter().any(|i| i.rated) || self.groups.iter().any(Group::has_rated)
    }

    /// The rated items of the group and its sub-groups, in document order.
    pub fn rated_items(&self) -> Vec<&Item> {
        let mut out: Vec<&Item> = self.items.iter().filter(|i| i.rated).collect();
        for g in &self.groups {
            out.extend(g.rated_items());
        }
        out
    }

    /// The group's own heading: its title, or its label when the seed gives it no title (the
    /// e-CF areas, the knowledge domains); empty when it has neither.
    pub fn heading(&self) -> &str {
        if self.title.is_empty() {
            &self.label
        } else {
            &self.title
        }
    }

    /// Whether `id` is this group, one of its sub-groups or an item of either: the section a
    /// deep link's anchor lives in.
    pub fn holds(&self, id: &str) -> bool {
        self.id == id
            || self.items.iter().any(|i| i.id == id)
            || self.groups.iter().any(|g| g.holds(id))
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Referential {
    pub format: String,
    pub version: u32,
    pub id: String,
    pub title: String,
    pub kind: ReferentialKind,
    pub scale: Scale,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub source: String,
    /// Official codes of the whole referential, as the seed gives them (none for some).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub codes: Vec<OfficialCode>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub summary: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub fields: Vec<Field>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub modalities: Vec<Modality>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub blocks: Vec<Block>,
    pub groups: Vec<Group>,
}

/// An item seen in its context: the block it counts for (if any) and its group path.
#[derive(Debug, Clone, Copy)]
pub struct ItemRef<'a> {
    pub item: &'a Item,
    pub block: Option<&'a str>,
    /// The top-level group the item sits in.
    pub group: &'a Group,
}

impl Referential {
    /// Every item in document order, with the block it counts for.
    pub fn items(&self) -> Vec<ItemRef<'_>> {
        fn walk<'a>(
            g: &'a Group,
            top: &'a Group,
            block: Option<&'a str>,
            out: &mut Vec<ItemRef<'a>>,
        ) {
            let block = g.block.as_deref().or(block);
            for item in &g.items {
                out.push(ItemRef {
                    item,
                    block: item.block.as_deref().or(block),
                    group: top,
                });
            }
            for sub in &g.groups {
                walk(sub, top, block, out);
            }
        }
        let mut out = Vec::new();
        for g in &self.groups {
            walk(g, g, None, &mut out);
        }
        out
    }

    pub fn rated_items(&self) -> Vec<ItemRef<'_>> {
        self.items().into_iter().filter(|r| r.item.rated).collect()
    }

    pub fn item(&self, id: &str) -> Option<&Item> {
        self.items()
            .into_iter()
            .map(|r| r.item)
            .find(|i| i.id == id)
    }

    pub fn block(&self, id: &str) -> Option<&Block> {
        self.blocks.iter().find(|b| b.id == id)
    }

    /// The heading a group is shown under: its certification block's title when the group is a
    /// block (003's activities), else its own [`Group::heading`].
    pub fn group_heading<'a>(&'a self, g: &'a Group) -> &'a str {
        let block = g.block.as_deref().and_then(|b| self.block(b));
        block.map_or_else(|| g.heading(), |b| b.title.as_str())
    }

    pub fn modality(&self, id: &str) -> Option<&Modality> {
        self.modalities.iter().find(|m| m.id == id)
    }

    /// Every group at any depth, in document order.
    pub fn all_groups(&self) -> Vec<&Group> {
        fn walk<'a>(g: &'a Group, out: &mut Vec<&'a Group>) {
            out.push(g);
            for s in &g.groups {
                walk(s, out);
            }
        }
        let mut out = Vec::new();
        for g in &self.groups {
            walk(g, &mut out);
        }
        out
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Localized {
    pub fr: String,
    pub en: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PivotSkill {
    pub id: String,
    pub label: Localized,
    pub description: Localized,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PivotFamily {
    pub id: String,
    pub label: Localized,
    pub skills: Vec<PivotSkill>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PivotSet {
    pub format: String,
    pub version: u32,
    pub families: Vec<PivotFamily>,
}

impl PivotSet {
    pub fn skills(&self) -> impl Iterator<Item = &PivotSkill> {
        self.families.iter().flat_map(|f| f.skills.iter())
    }

    pub fn skill(&self, id: &str) -> Option<&PivotSkill> {
        self.skills().find(|s| s.id == id)
    }
}

/// `data/referentials.json`: the bundled referentials in the order the app presents them, with
/// what SPEC §2 says of each (its seed, its item id schemes and the kind of item each names).
/// The one list of the bundled referentials: `build.rs`, the data rules, the seed reader of the
/// tests and the browser tests all read it.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Bundle {
    pub format: String,
    pub version: u32,
    pub referentials: Vec<Bundled>,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Bundled {
    pub id: String,
    /// The number that starts the seed's file name in `../shared/seeds/`.
    pub seed: String,
    pub item_ids: Vec<IdScheme>,
}

/// An item id scheme: `#` stands for one or more digits, anything else is literal.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IdScheme {
    pub scheme: String,
    pub kind: ItemKind,
}

#[cfg(test)]
mod tests {
    use crate::core::catalog::catalog;

    #[test]
    fn each_item_and_group_lives_in_exactly_one_top_level_group() {
        for r in &catalog().referentials {
            let holders = |id: &str| r.groups.iter().filter(|g| g.holds(id)).count();
            for i in r.items() {
                assert_eq!(holders(&i.item.id), 1, "{}/{}", r.id, i.item.id);
            }
            for g in r.all_groups() {
                assert_eq!(holders(&g.id), 1, "{}/{}", r.id, g.id);
            }
            assert_eq!(holders("no-such-anchor"), 0);
            assert_eq!(holders("card"), 0);
        }
    }
}
