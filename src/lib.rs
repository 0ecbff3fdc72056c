//! # entente
//!
//! Extracts military-cooperation events between states (who arms, trains, visits and
//! signs with whom) from French news articles, with every fact tied to byte offsets in
//! the text. The same core runs natively (the `entente` CLI) and in the browser
//! (WebAssembly, see `wasm.rs`).
//!
//! The pipeline, one module per stage:
//!
//! ```text
//! decode → clean → meta → segment → recognize (places, people, orgs, dates, triggers)
//!        → events → merge
//! ```
//!
//! ```
//! let doc = entente::decode::decode("a.txt", "La Russie a livré des hélicoptères au Mali.".as_bytes()).unwrap();
//! let analysis = entente::analyze(&doc);
//! assert_eq!(analysis.events[0].actors, vec!["RU".to_string(), "ML".to_string()]);
//! ```
#![deny(missing_docs)]

pub mod clean;
pub mod decode;
pub mod events;
pub mod gazetteer;
mod html;
mod markdown;
pub mod merge;
pub mod meta;
pub mod recognize;
pub mod segment;
pub mod share;
pub mod translit;
pub mod types;
#[cfg(target_arch = "wasm32")]
pub mod wasm;

pub use types::*;

pub mod phrases;
pub mod pipeline;
pub use pipeline::{analyze, analyze_corpus, analyze_timed};
