//! A ratio as a percentage with a bar.

use crate::core::i18n::percent;
use crate::ui::i18n::use_i18n;
use leptos::prelude::*;

/// A percentage with a bar; the number is the accessible content, the bar is decoration.
#[component]
pub fn Meter(ratio: f64) -> impl IntoView {
    let i18n = use_i18n();
    // Set through the CSSOM (`style=(name, value)`), which the CSP allows, not as an inline
    // style attribute, which it blocks.
    let width = format!("{:.1}%", ratio * 100.0);
    view! {
        <span class="meter">
            <span class="meter-value">{move || percent(i18n.lang.get(), ratio)}</span>
            <span class="meter-bar" aria-hidden="true"><span class="meter-fill" style=("width", width)></span></span>
        </span>
    }
}
