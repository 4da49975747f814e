#[cfg(target_arch = "wasm32")]
fn main() {
    linkage_board::io::panic::install();
    // In a task of its own: the one that compiled and started the module
    // is long enough already.
    leptos::prelude::set_timeout(
        || leptos::mount::mount_to_body(linkage_board::ui::App),
        std::time::Duration::ZERO,
    );
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("Linkage Board runs in the browser: build it with `trunk build --release`.");
}
