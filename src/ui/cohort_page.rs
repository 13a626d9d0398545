//! Placeholder: the trainer's cohort view (being written).

use leptos::prelude::*;

#[component]
pub fn CohortPage() -> impl IntoView {
    view! { <h1 tabindex="-1">"…"</h1> }
}
