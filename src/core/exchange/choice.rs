//! Storing an imported dossier without ever overwriting one silently: [`conflicts`] says whether
//! the id is taken; then [`as_new`] or, after an explicit confirmation, [`replacing`].

use super::IMPORTED_SUFFIX;
use crate::core::dossier::{Dossier, DossierIndex, DossierMeta, MAX_NAME_CHARS};

/// What the UI must do with an imported dossier.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ImportChoice {
    /// No stored dossier has this id: store it as it is.
    New,
    /// A dossier with the same id is stored (`existing`): ask whether to import it as a new
    /// dossier ([`as_new`]) or to replace the existing one, after an explicit confirmation
    /// ([`replacing`]). Never overwrite without asking.
    SameId { existing: DossierMeta },
}

/// Whether a dossier with the imported dossier's id already exists. Pass the freshest index
/// (re-read from storage), so that a dossier created meanwhile in another tab counts.
pub fn conflicts(existing: &DossierIndex, imported: &Dossier) -> ImportChoice {
    match existing.get(&imported.id) {
        Some(meta) => ImportChoice::SameId {
            existing: meta.clone(),
        },
        None => ImportChoice::New,
    }
}

/// The imported dossier as a new one, next to the existing: `new_id` (a fresh random id from
/// the shell, made valid if needed), the name suffixed « (importé) » (once), revision 0,
/// `updated_at` now; the answers and the creation date are kept.
pub fn as_new(d: Dossier, new_id: &str, now: &str) -> Dossier {
    let name = if d.name.ends_with(IMPORTED_SUFFIX) {
        d.name
    } else {
        let room = MAX_NAME_CHARS - IMPORTED_SUFFIX.chars().count();
        let base: String = d.name.chars().take(room).collect();
        format!("{}{IMPORTED_SUFFIX}", base.trim_end())
    };
    let fresh = Dossier::new(new_id, &name, now);
    Dossier {
        created_at: if d.created_at.is_empty() {
            now.to_string()
        } else {
            d.created_at
        },
        answers: d.answers,
        ..fresh
    }
}

/// The imported dossier replacing `existing` (after the user confirmed): `existing`'s id, the
/// imported name, dates and answers, `updated_at` now and a revision above `existing`'s, so
/// that other tabs see it as newer. Pass the freshest stored `existing`.
pub fn replacing(existing: &Dossier, imported: Dossier, now: &str) -> Dossier {
    Dossier {
        id: existing.id.clone(),
        created_at: if imported.created_at.is_empty() {
            existing.created_at.clone()
        } else {
            imported.created_at
        },
        updated_at: now.to_string(),
        revision: existing.revision.saturating_add(1),
        name: imported.name,
        answers: imported.answers,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::dossier::{self, is_newer, valid_id, DossierIndex};
    use crate::core::exchange::test_support::*;
    use crate::core::exchange::*;

    #[test]
    fn conflicts_and_choices() {
        let mut index = DossierIndex::default();
        let existing = dossier::create(&mut index, "Camille", "2026-01-01T00:00:00Z", "abc123");
        let mut existing = existing;
        existing.revision = 12;
        let imported = ok(export_dossier(&sample(), "0.1.0", NOW)).dossier;
        assert_eq!(
            conflicts(&index, &imported),
            ImportChoice::SameId {
                existing: existing.meta()
            }
        );
        let other = Dossier {
            id: "zzz".into(),
            ..imported.clone()
        };
        assert_eq!(conflicts(&index, &other), ImportChoice::New);

        let later = "2026-11-24T08:00:00Z";
        let new = as_new(imported.clone(), "f00d", later);
        assert_eq!(new.id, "f00d");
        assert_eq!(new.name, "Camille (importé)");
        assert_eq!(new.created_at, imported.created_at);
        assert_eq!(new.updated_at, later);
        assert_eq!(new.revision, 0);
        assert_eq!(new.answers, imported.answers);
        // Importing a copy again does not pile up suffixes; long names keep the suffix.
        assert_eq!(as_new(new.clone(), "f00e", later).name, "Camille (importé)");
        let long = Dossier {
            name: "n".repeat(MAX_NAME_CHARS),
            ..imported.clone()
        };
        let long_new = as_new(long, "BAD id", later);
        assert!(long_new.name.ends_with(IMPORTED_SUFFIX));
        assert_eq!(long_new.name.chars().count(), MAX_NAME_CHARS);
        assert!(valid_id(&long_new.id));

        let replaced = replacing(&existing, imported.clone(), later);
        assert_eq!(replaced.id, existing.id);
        assert_eq!(replaced.name, imported.name);
        assert_eq!(replaced.answers, imported.answers);
        assert_eq!(replaced.revision, 13);
        assert!(is_newer(&replaced, &existing), "other tabs adopt it");
        // It is stored like any dossier.
        assert_eq!(
            dossier::decode_dossier(&dossier::encode_dossier(&replaced)).unwrap(),
            replaced
        );
    }
}
