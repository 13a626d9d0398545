//! A counter: one heading, one signal, one event handler — the baseline SPEC §11 compares against.
use leptos::prelude::*;

#[component]
fn App() -> impl IntoView {
    let (count, set_count) = signal(0);
    view! {
        <main>
            <h1>"Minimal Leptos app"</h1>
            <button on:click=move |_| set_count.update(|n| *n += 1)>"Clicked " {count} " times"</button>
        </main>
    }
}

fn main() {
    console_error_panic_hook::set_once();
    mount_to_body(App);
    // The ready marker Repère sets in the task that mounted it (`ui::mount`): the benchmark reads
    // both apps' readiness the same way.
    if let Some(html) = document().document_element() {
        let _ = html.set_attribute("data-app", "mounted");
    }
}
