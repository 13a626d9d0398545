//! Repère: position yourself against the French e-commerce competency referentials.
//!
//! `core` is pure Rust, tested natively; `ui` (wasm32 only) is the Leptos shell around it.

pub mod core;

#[cfg(target_arch = "wasm32")]
pub mod ui;
