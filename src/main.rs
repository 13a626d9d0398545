#[cfg(target_arch = "wasm32")]
fn main() {
    repere::ui::start();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!(
        "Repère is a web app: build it with `make serve` (trunk), test the core with `cargo test`."
    );
}
