//! From a fiche to a referential: the default split of each block ([`Draft::from_fiche`]), the
//! trainer's edits ([`Draft::apply`], each recorded), and the referential they make
//! ([`Draft::build`]), in the shape of `data/FORMAT.md`.
//!
//! Ids: the referential is `rncp<digits>`; a block's id is the fiche's block code
//! (« RNCP37674BC01 »), or, when the fiche gives none, `<fiche number>-B<position>`
//! (« RNCP37674-B02 », its position among the fiche's blocks, two digits): made from the fiche
//! alone, so the same fiche always gives the same id, and never a real code (those have no
//! hyphen). An item's id is `<block id>.<n>`, `n` counting from 1 in the block's default split;
//! an item the trainer adds or splits off takes the next number of its block, and an id is never
//! given twice, so answers keyed by item id stay with their item whatever is edited.

use super::date::Date;
use super::fiche::{block_name, Fiche, FicheBlock};
use super::split::{doubts, split_list, split_pasted, Doubt, SplitItem};
use super::MAX_BLOCKS;
use crate::core::custom::brought::Edit;
use crate::core::custom::code::{self, arg, failure, problem};
use crate::core::exchange::{ImportFailure, ImportProblem};

/// Target and weight of a competence (SPEC §13: 3 and 1, editable).
pub const DEFAULT_TARGET: u8 = 3;
pub const DEFAULT_WEIGHT: f64 = 1.0;

#[derive(Debug, Clone, PartialEq)]
pub struct DraftItem {
    pub id: String,
    pub text: String,
    /// The certifier's code stripped from the text (`A1C1`).
    pub code: Option<String>,
    pub sub: bool,
    pub target: u8,
    pub weight: f64,
    pub pivots: Vec<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct DraftBlock {
    pub id: String,
    /// The position of the block in the fiche, from 1 (for messages).
    pub position: usize,
    pub title: String,
    /// `LISTE_COMPETENCES` as written, shown beside the split.
    pub raw: String,
    pub modalities: String,
    pub items: Vec<DraftItem>,
    /// The next item number of this block.
    next: usize,
}

impl DraftBlock {
    /// What looks wrong in the block's current list.
    pub fn doubts(&self) -> Vec<Doubt> {
        let items: Vec<SplitItem> = self
            .items
            .iter()
            .map(|i| SplitItem {
                text: i.text.clone(),
                code: i.code.clone(),
                sub: i.sub,
            })
            .collect();
        doubts(&items)
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Draft {
    pub fiche: Fiche,
    pub export_date: Option<Date>,
    pub blocks: Vec<DraftBlock>,
    pub edits: Vec<Edit>,
}

/// An edit naming an item or a block the draft does not have, or out of range (a bug of the
/// editor, never the trainer's doing).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EditRefused;

/// Why a pasted list was not added.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PasteError {
    /// The list itself (too long, nothing in it): say it to the trainer.
    Input(ImportFailure),
    Refused(EditRefused),
}

/// What makes a fiche unusable as a whole.
fn check_fiche(fiche: &Fiche) -> Result<(), ImportFailure> {
    let number = &fiche.number;
    if fiche.referential_id().is_none() {
        return Err(failure(
            code::FICHE_BAD_NUMBER,
            vec![arg("number", number), arg("title", &fiche.title)],
        ));
    }
    if fiche.blocks.is_empty() {
        return Err(failure(
            code::FICHE_NO_BLOCK,
            vec![arg("fiche", number), arg("title", &fiche.title)],
        ));
    }
    if fiche.blocks.len() > MAX_BLOCKS {
        return Err(failure(
            code::TOO_MANY_BLOCKS,
            vec![
                arg("fiche", number),
                arg("count", fiche.blocks.len()),
                arg("max", MAX_BLOCKS),
            ],
        ));
    }
    let mut seen = std::collections::HashSet::new();
    for c in fiche.blocks.iter().filter_map(|b| b.code.as_deref()) {
        if !seen.insert(c) {
            return Err(failure(
                code::DUPLICATE_BLOCK_CODE,
                vec![arg("fiche", number), arg("block", c)],
            ));
        }
    }
    Ok(())
}

/// A block of the fiche with its default split; its doubts go to `warnings`.
fn default_block(
    number: &str,
    b: &FicheBlock,
    position: usize,
    warnings: &mut Vec<ImportProblem>,
) -> DraftBlock {
    let id = b
        .code
        .clone()
        .unwrap_or_else(|| format!("{number}-B{position:02}"));
    let split = split_list(&b.list);
    let name = block_name(b, position);
    let args = || vec![arg("fiche", number), arg("block", &name)];
    for d in &split.doubts {
        warnings.push(match d {
            Doubt::Empty if b.list.trim().is_empty() => problem(code::BLOCK_EMPTY_LIST, args()),
            Doubt::Empty => problem(code::BLOCK_NO_ITEM, args()),
            Doubt::OneItem => problem(code::BLOCK_ONE_ITEM, args()),
            Doubt::LongItem { index, chars } => {
                let mut a = args();
                a.push(arg("index", index + 1));
                a.push(arg("count", chars));
                problem(code::BLOCK_LONG_ITEM, a)
            }
        });
    }
    let items: Vec<DraftItem> = split
        .items
        .into_iter()
        .enumerate()
        .map(|(n, s)| DraftItem {
            id: format!("{id}.{}", n + 1),
            text: s.text,
            code: s.code,
            sub: s.sub,
            target: DEFAULT_TARGET,
            weight: DEFAULT_WEIGHT,
            pivots: Vec::new(),
        })
        .collect();
    // A block needs a title: its id when the fiche gives none.
    let title = if b.title.is_empty() {
        id.clone()
    } else {
        b.title.clone()
    };
    DraftBlock {
        next: items.len() + 1,
        id,
        position,
        title,
        raw: b.list.clone(),
        modalities: b.modalities.clone(),
        items,
    }
}

impl Draft {
    /// The default split of every block, and what to warn the trainer about (empty lists,
    /// doubtful splits). Refused: a fiche with no block, too many blocks, two blocks with one code.
    pub fn from_fiche(
        fiche: &Fiche,
        export_date: Option<Date>,
    ) -> Result<(Draft, Vec<ImportProblem>), ImportFailure> {
        check_fiche(fiche)?;
        let mut warnings = Vec::new();
        let blocks = fiche
            .blocks
            .iter()
            .enumerate()
            .map(|(i, b)| default_block(&fiche.number, b, i + 1, &mut warnings))
            .collect();
        let draft = Draft {
            fiche: fiche.clone(),
            export_date,
            blocks,
            edits: Vec::new(),
        };
        Ok((draft, warnings))
    }

    fn find(&self, item: &str) -> Option<(usize, usize)> {
        self.blocks.iter().enumerate().find_map(|(b, block)| {
            block
                .items
                .iter()
                .position(|i| i.id == item)
                .map(|i| (b, i))
        })
    }

    fn block_index(&self, block: &str) -> Option<usize> {
        self.blocks.iter().position(|b| b.id == block)
    }

    fn item_mut(&mut self, item: &str) -> Result<&mut DraftItem, EditRefused> {
        let (b, i) = self.find(item).ok_or(EditRefused)?;
        Ok(&mut self.blocks[b].items[i])
    }

    fn new_item(&mut self, block: usize, text: String) -> DraftItem {
        let b = &mut self.blocks[block];
        let id = format!("{}.{}", b.id, b.next);
        b.next += 1;
        DraftItem {
            id,
            text,
            code: None,
            sub: false,
            target: DEFAULT_TARGET,
            weight: DEFAULT_WEIGHT,
            pivots: Vec::new(),
        }
    }

    /// Applies one edit and records it. For `Split` and `Add`, the id in the edit is ignored
    /// and the new item's id is recorded instead (it is returned too).
    pub fn apply(&mut self, edit: Edit) -> Result<Option<String>, EditRefused> {
        let (recorded, new_id) = self.change(edit)?;
        match self.edits.last() {
            Some(last) if last.replaced_by(&recorded) => {
                *self.edits.last_mut().expect("checked") = recorded;
            }
            _ => self.edits.push(recorded),
        }
        Ok(new_id)
    }

    /// Edits that change which items there are, and where.
    fn change(&mut self, edit: Edit) -> Result<(Edit, Option<String>), EditRefused> {
        let recorded = match edit {
            Edit::Merge { first, second } => {
                let (sb, si) = self.find(&second).ok_or(EditRefused)?;
                if first == second || self.find(&first).is_none() {
                    return Err(EditRefused);
                }
                let gone = self.blocks[sb].items.remove(si);
                let kept = self.item_mut(&first)?;
                kept.text = format!("{} {}", kept.text, gone.text);
                Edit::Merge { first, second }
            }
            Edit::Split { item, at, .. } => {
                let new_item = self.split_item(&item, at)?;
                let id = Some(new_item.clone());
                return Ok((Edit::Split { item, at, new_item }, id));
            }
            Edit::Delete { item } => {
                let (b, i) = self.find(&item).ok_or(EditRefused)?;
                self.blocks[b].items.remove(i);
                Edit::Delete { item }
            }
            Edit::Add {
                block, index, text, ..
            } => {
                let text = crate::core::text::fold_whitespace(&text);
                let item = self.add_item(&block, index, &text)?;
                let id = Some(item.clone());
                return Ok((
                    Edit::Add {
                        block,
                        index,
                        item,
                        text,
                    },
                    id,
                ));
            }
            Edit::Move { item, block, index } => {
                let (b, i) = self.find(&item).ok_or(EditRefused)?;
                let to = self.block_index(&block).ok_or(EditRefused)?;
                let moved = self.blocks[b].items.remove(i);
                if index > self.blocks[to].items.len() {
                    self.blocks[b].items.insert(i, moved);
                    return Err(EditRefused);
                }
                self.blocks[to].items.insert(index, moved);
                Edit::Move { item, block, index }
            }
            Edit::DeleteBlock { block } => {
                let b = self.block_index(&block).ok_or(EditRefused)?;
                self.blocks.remove(b);
                Edit::DeleteBlock { block }
            }
            other => self.change_value(other)?,
        };
        Ok((recorded, None))
    }

    /// Edits of a text, a target, a weight or the pivots.
    fn change_value(&mut self, edit: Edit) -> Result<Edit, EditRefused> {
        let fold = crate::core::text::fold_whitespace;
        Ok(match edit {
            Edit::Reword { item, text } => {
                let text = fold(&text);
                if text.is_empty() {
                    return Err(EditRefused);
                }
                self.item_mut(&item)?.text = text.clone();
                Edit::Reword { item, text }
            }
            Edit::Retitle { block, title } => {
                let b = self.block_index(&block).ok_or(EditRefused)?;
                let title = fold(&title);
                if title.is_empty() {
                    return Err(EditRefused);
                }
                self.blocks[b].title = title.clone();
                Edit::Retitle { block, title }
            }
            Edit::Target { item, target } => {
                if !(1..=crate::core::answers::GENERIC_MAX).contains(&target) {
                    return Err(EditRefused);
                }
                self.item_mut(&item)?.target = target;
                Edit::Target { item, target }
            }
            Edit::Weight { item, weight } => {
                if !(weight > 0.0 && weight <= super::MAX_WEIGHT) {
                    return Err(EditRefused);
                }
                self.item_mut(&item)?.weight = weight;
                Edit::Weight { item, weight }
            }
            Edit::Pivots { item, pivots } => {
                let known = crate::core::outline::PIVOT_IDS;
                let uniq: std::collections::HashSet<&String> = pivots.iter().collect();
                if pivots.len() > 3
                    || uniq.len() != pivots.len()
                    || !pivots.iter().all(|p| known.contains(&p.as_str()))
                {
                    return Err(EditRefused);
                }
                self.item_mut(&item)?.pivots = pivots.clone();
                Edit::Pivots { item, pivots }
            }
            _ => return Err(EditRefused),
        })
    }

    /// Cuts `item` after `at` characters; the rest becomes a new item just after it.
    fn split_item(&mut self, item: &str, at: usize) -> Result<String, EditRefused> {
        let (b, i) = self.find(item).ok_or(EditRefused)?;
        let text = &self.blocks[b].items[i].text;
        let cut = text
            .char_indices()
            .nth(at)
            .map(|(p, _)| p)
            .ok_or(EditRefused)?;
        let (head, tail) = (
            text[..cut].trim().to_string(),
            text[cut..].trim().to_string(),
        );
        if head.is_empty() || tail.is_empty() {
            return Err(EditRefused);
        }
        self.blocks[b].items[i].text = head;
        let new = self.new_item(b, tail);
        let id = new.id.clone();
        self.blocks[b].items.insert(i + 1, new);
        Ok(id)
    }

    /// A new item at `index` of `block`.
    fn add_item(&mut self, block: &str, index: usize, text: &str) -> Result<String, EditRefused> {
        let b = self.block_index(block).ok_or(EditRefused)?;
        if index > self.blocks[b].items.len() || text.is_empty() {
            return Err(EditRefused);
        }
        let new = self.new_item(b, text.to_string());
        let id = new.id.clone();
        self.blocks[b].items.insert(index, new);
        Ok(id)
    }

    /// Adds the items of a list the trainer pasted at the end of `block` (SPEC §13, source 3),
    /// split like a fiche's list; one `Add` edit each. Returns their ids.
    pub fn paste(&mut self, block: &str, text: &str) -> Result<Vec<String>, PasteError> {
        let b = self
            .block_index(block)
            .ok_or(PasteError::Refused(EditRefused))?;
        let split = split_pasted(text).map_err(PasteError::Input)?;
        let mut ids = Vec::new();
        for item in split.items {
            let index = self.blocks[b].items.len();
            let edit = Edit::Add {
                block: block.to_string(),
                index,
                item: String::new(),
                text: item.text,
            };
            let id = self.apply(edit).map_err(PasteError::Refused)?;
            ids.extend(id);
        }
        Ok(ids)
    }
}
