//! Where the result components read the evaluation, and how they name profiles and items.

use crate::core::answers::split_full_id;
use crate::core::scoring::Evaluation;
use crate::ui::state::catalog;
use crate::ui::state::{model, use_app_state};
use leptos::prelude::*;

/// The evaluation the result components show: the active dossier's, unless a page (the
/// read-only view of a share link) provides another one.
#[derive(Clone, Copy)]
pub struct ResultsSource(pub Memo<Evaluation>);

pub fn results() -> Memo<Evaluation> {
    use_context::<ResultsSource>()
        .map(|r| r.0)
        .unwrap_or_else(|| use_app_state().evaluation)
}

/// `(referential title, item code, item label)` of a full item id.
pub fn describe_item(full_id: &str) -> (String, String, String) {
    match catalog().item(full_id) {
        Some((r, item)) => (r.title.clone(), item.id.clone(), item.label().to_owned()),
        None => {
            let (_, code) = split_full_id(full_id).unwrap_or(("", full_id));
            (String::new(), code.to_owned(), String::new())
        }
    }
}

/// The title of profile `index` of the scoring model, as the referential names itself.
pub fn profile_title(index: usize) -> String {
    let id = &model().profiles()[index].id;
    catalog()
        .referential(id)
        .map(|r| r.title.clone())
        .unwrap_or_else(|| id.clone())
}
