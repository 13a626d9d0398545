//! The RNCP open-data export (France compétences, flux 4.1, SPEC §13) turned into a referential:
//! `scan` (a streaming first pass over the whole export: the fiches, where they lie), `fiche`
//! (one fiche read in full from its bytes), `found` (the fiches found so far, searched while the
//! scan goes on), `xml` (text out of the XML events), `date`, `split`
//! (a block's free-text list of competences cut into items), `draft` (the default split, the
//! trainer's edits, the referential they make; `assemble` lays it out), `suggest` (pivot skills
//! for an item, from the nearest bundled items). What goes wrong is reported with the codes of
//! `core::custom::code`, naming the fiche and the block.

mod assemble;
pub mod date;
pub mod draft;
pub mod fiche;
pub mod found;
pub mod scan;
pub mod split;
pub mod suggest;
pub mod xml;

pub use date::Date;
pub use draft::{Draft, DraftBlock, DraftItem, EditRefused, PasteError};
pub use fiche::{parse_fiche, Fiche, FicheBlock};
pub use found::{FoundFiche, FoundFiches, Matches};
pub use scan::{FicheSummary, ScanEnd, Scanner};
pub use split::{split_list, split_pasted, Doubt, Split, SplitItem};
pub use suggest::{Params, Reason, Suggester, Suggestion};

pub use crate::core::custom::{MAX_ITEMS, MAX_WEIGHT};

/// Largest fiche read: 4 MiB (the largest fiches of the register are a few hundred KiB).
pub const MAX_FICHE_BYTES: usize = 4 * 1024 * 1024;
/// Most bytes kept between two slices: one event cut by the slice's end (a long text).
pub const MAX_PENDING_BYTES: usize = 8 * 1024 * 1024;
/// Longest text of one element of a fiche, in characters.
pub const MAX_TEXT_CHARS: usize = crate::core::custom::MAX_STRING_CHARS;
/// Longest title kept in a summary, in characters.
pub const MAX_SUMMARY_CHARS: usize = 1000;
/// Deepest nesting of elements read.
pub const MAX_DEPTH: usize = 64;
/// Most blocks in a fiche.
pub const MAX_BLOCKS: usize = 60;
/// Largest export scanned: 4 GiB, eight times today's.
pub const MAX_EXPORT_BYTES: u64 = 4 * 1024 * 1024 * 1024;

/// Who publishes the register, and under which licence (shown with a brought referential).
pub const PUBLISHER: &str = "France compétences";
pub const LICENCE: &str = "Licence Ouverte 2.0";

/// `rncp<digits>` for a fiche number « RNCP37674 » (any case, spaces ignored); `None` when the
/// number is not `RNCP` and 1 to 9 digits.
pub fn referential_id(number: &str) -> Option<String> {
    let compact: String = number.chars().filter(|c| !c.is_whitespace()).collect();
    let digits = compact
        .get(..4)
        .filter(|p| p.eq_ignore_ascii_case("rncp"))
        .map(|_| &compact[4..])?;
    ((1..=9).contains(&digits.len()) && digits.bytes().all(|b| b.is_ascii_digit()))
        .then(|| format!("rncp{digits}"))
}

/// Refuses an export larger than [`MAX_EXPORT_BYTES`], before reading it.
pub fn check_export_size(len: u64) -> Result<(), crate::core::exchange::ImportFailure> {
    use crate::core::custom::code::{self, arg, failure};
    if len > MAX_EXPORT_BYTES {
        let fr = crate::core::exchange::fr_mib;
        return Err(failure(
            code::TOO_LARGE,
            vec![
                arg("size_fr", fr(len)),
                arg("limit_fr", fr(MAX_EXPORT_BYTES)),
                arg("size", len),
                arg("limit", MAX_EXPORT_BYTES),
            ],
        ));
    }
    Ok(())
}
