//! The web page's WebAssembly module: the core's `wasm` facade linked as its own binary.
//!
//! The crate's library and its CLI are both named `entente`, so a wasm32 build of the
//! whole package writes two `entente.wasm` files over each other. Trunk builds this binary
//! alone (`data-bin="entente-web"`), which links the library and keeps every
//! `#[wasm_bindgen]` export of `entente::wasm`. It has no `main` on wasm32: the facade's
//! `#[wasm_bindgen(start)]` is the only start function.
#![cfg_attr(target_arch = "wasm32", no_main)]

#[cfg(target_arch = "wasm32")]
pub use entente::wasm::*;

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("entente-web is the web page's WebAssembly module: build it with `trunk build`.");
    std::process::exit(2);
}
