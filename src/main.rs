#[cfg(target_arch = "wasm32")]
fn main() {
    linkage_board::io::panic::install();
    leptos::mount::mount_to_body(linkage_board::ui::App);
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("Linkage Board runs in the browser: build it with `trunk build --release`.");
}
