//! Referentials a trainer brings (SPEC §13), whatever their source: the RNCP export
//! (`core::rncp` makes them), a `repere.referential` file, lists pasted by hand. One module per
//! seam: `brought` (the referential with its provenance and the trainer's edits), `code` (the
//! problems' stable codes, rendered from the locales like the dossier import's), `check` (the
//! rules of `data/FORMAT.md` that hold for any referential), `file` (the file: read, write),
//! `store` (on the device, with a schema version), `aside` (deleting one keeps its answers).

pub mod aside;
pub mod brought;
pub mod check;
pub mod code;
pub mod file;
pub mod link;
pub mod store;

pub use brought::{Brought, Edit, Provenance, RawList};

/// Largest referential file read: 2 MiB (a fiche of 60 blocks of 30 long items is about 1 MiB).
pub const MAX_FILE_BYTES: usize = 2 * 1024 * 1024;
/// Most items in a brought referential (the largest bundled one has about 150).
pub const MAX_ITEMS: usize = 1000;
/// Longest text of a brought referential, in characters.
pub const MAX_STRING_CHARS: usize = 20_000;
/// Heaviest item weight a trainer may give (SPEC §5's kind weights are 0.25 to 1).
pub const MAX_WEIGHT: f64 = 10.0;

/// `[a-z0-9-]{1,40}`, like a dossier id: a referential id ends up in storage keys and URLs.
pub fn valid_referential_id(id: &str) -> bool {
    crate::core::dossier::valid_id(id)
}

#[cfg(test)]
pub(crate) mod test_support;
#[cfg(test)]
mod tests;
