//! The result widgets the results page, the report and a share link's view show alike. They read
//! the evaluation from `source::results` (the active dossier's, or the one a page provides).

mod blocks;
mod gaps;
mod meter;
mod pivot_chart;
mod profile_details;
mod ranking;
mod recommendations;
mod source;
pub mod tiebreak;

pub use blocks::BlocksWithinReach;
pub use gaps::Gaps;
pub use pivot_chart::PivotChart;
pub use ranking::Ranking;
pub use recommendations::Recommendations;
pub use source::{describe_item, profile_title, ResultsSource};
