//! Arbitrary bytes as a `.md` file (the Markdown path): decode + analyse must not panic,
//! and every span must lie on char boundaries inside the text and inside the original file.
#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "common.rs"]
mod common;

fuzz_target!(|data: &[u8]| {
    common::run("fuzz.md", data);
});
