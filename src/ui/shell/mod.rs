//! The frame every page sits in: header and navigation, the language switch, the page switch on
//! the route with the frame of a page whose chunk is loading, the service worker's update banner.

pub mod app;
mod header;
pub mod lang_switch;
mod lazy_view;
mod pwa;
