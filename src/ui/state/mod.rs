//! The app state and what it stands on: the active dossier and the dossier list (`AppState`,
//! in the state's chunk), the notices above every page, the scoring of the answers, and the
//! browser's storage and files. Knows no page and no component.

mod app_state;
mod brought;
pub mod bytes;
mod clock;
mod dossiers;
pub mod files;
mod item_status;
pub mod library;
mod notice;
pub mod notices;
mod other_tabs;
mod saving;
mod scoring;
mod slot;
pub mod storage;

pub use app_state::{use_app_state, AppState};
pub use brought::{brought, brought_saved_at, ensure_brought, SaveProblem, Saved};
pub use clock::{new_id, now};
pub use item_status::{status_view, ItemStatusView};
pub use library::{catalog, model};
pub use notice::{Notice, NoticeKind};
pub use scoring::install_scoring;
pub use slot::StateSlot;
