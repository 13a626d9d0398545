//! Widgets more than one page shows: the page's top, referential text, group headings, level radios, progressive
//! rendering, the live result, the result widgets, the share and transfer panels. A component
//! imports the state, `i18n` and `router`, never a page or the shell.

pub mod brought_delivery;
pub mod brought_manage;
pub mod fields;
pub mod group_heading;
pub mod labels;
pub mod lazy_part;
pub mod live;
pub mod not_found;
pub mod page_head;
pub mod provenance;
pub mod referential_editor;
pub mod results;
pub mod reveal;
pub mod scale;
pub mod share_panel;
pub mod transfer_panel;
