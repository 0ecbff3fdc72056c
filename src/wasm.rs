//! The WebAssembly facade: a thin `wasm-bindgen` layer over the core, used by the web page.
//!
//! Everything goes in and out through `serde-wasm-bindgen` with the JSON-compatible
//! serializer, so the JavaScript side receives exactly the shapes of the CLI's JSON output
//! (`Option::None` → `null`, maps → plain objects, `u64`/`usize` → numbers).
//!
//! Offsets stay **UTF-8 byte offsets**, as in the CLI's output: the page converts them to
//! UTF-16 string indices itself, lazily, only for the article open in the reader (see
//! `www/offsets.js`). Converting here would either change the output format (which the
//! page exports and shares as the CLI's format) or double every offset in memory for
//! articles that are never opened.
//!
//! Errors become JavaScript `Error`s with a message a user can read. A panic is reported
//! (to the console and to `globalThis.__ententePanic(message)` when the page defines it)
//! before the instance traps; the page then throws that instance away and loads a new one.

use serde::Serialize;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use crate::types::Digest;

/// Serializes a value the way the CLI's JSON would look.
fn to_js<T: Serialize + ?Sized>(value: &T) -> Result<JsValue, js_sys::Error> {
    value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|e| js_sys::Error::new(&format!("cannot convert the result for JavaScript: {e}")))
}

/// Calls `globalThis.__ententePanic(message)` when the page has defined it.
fn report_panic(message: &str) {
    let global = js_sys::global();
    if let Ok(f) = js_sys::Reflect::get(&global, &JsValue::from_str("__ententePanic")) {
        if let Some(f) = f.dyn_ref::<js_sys::Function>() {
            let _ = f.call1(&JsValue::NULL, &JsValue::from_str(message));
        }
    }
}

/// Installs the panic hook: the panic message goes to `console.error` and to the page.
#[wasm_bindgen(start)]
pub fn start() {
    std::panic::set_hook(Box::new(|info| {
        console_error_panic_hook::hook(info);
        report_panic(&info.to_string());
    }));
}

/// The crate's version, e.g. `"0.1.0"`.
#[wasm_bindgen]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_string()
}

/// Decodes and analyses one file. `name` decides the format by its extension.
///
/// Returns the [`Analysis`](crate::types::Analysis) as a plain object; a file that cannot
/// be decoded (binary, unknown encoding…) gives a JavaScript `Error` whose message says why.
#[wasm_bindgen]
pub fn analyze_file(name: String, bytes: &[u8]) -> Result<JsValue, js_sys::Error> {
    let doc = crate::decode::decode(&name, bytes).map_err(|e| js_sys::Error::new(&e.message))?;
    to_js(&crate::analyze(&doc))
}

/// [`analyze_file`] as JSON text: the CLI's record for the file.
///
/// For the page's workers: `JSON.parse` builds the object several times faster than a
/// field-by-field conversion, and the text goes from worker to worker, and back into
/// [`merge_json`], as one string. A file that cannot be decoded gives an `Error`.
#[wasm_bindgen]
pub fn analyze_file_json(name: String, bytes: &[u8]) -> Result<String, js_sys::Error> {
    let doc = crate::decode::decode(&name, bytes).map_err(|e| js_sys::Error::new(&e.message))?;
    serde_json::to_string(&crate::analyze(&doc))
        .map_err(|e| js_sys::Error::new(&format!("cannot write the analysis: {e}")))
}

/// Merges analyses given as JSON texts (as [`analyze_file_json`] writes them; the `text`
/// field may be empty) into the cross-article view (people, events, country statistics),
/// returned as JSON text. Something that is not an analysis gives an `Error` naming it.
#[wasm_bindgen]
pub fn merge_json(articles: Vec<String>) -> Result<String, js_sys::Error> {
    let mut list: Vec<Digest> = Vec::with_capacity(articles.len());
    for (i, a) in articles.iter().enumerate() {
        list.push(digest(i, a)?);
    }
    merged_json(&list)
}

/// What the merge reads of analysis `i`, given as JSON text.
fn digest(i: impl std::fmt::Display, json: &str) -> Result<Digest, js_sys::Error> {
    serde_json::from_str(json)
        .map_err(|e| js_sys::Error::new(&format!("analysis {i} is not an analysis: {e}")))
}

fn merged_json<D: std::borrow::Borrow<Digest>>(list: &[D]) -> Result<String, js_sys::Error> {
    serde_json::to_string(&crate::merge::merge_digests(list))
        .map_err(|e| js_sys::Error::new(&format!("cannot write the merged view: {e}")))
}

/// [`merge_json`] for a corpus that grows: each analysis is read once, when it is added
/// under its id, and each merge reads only what the merge needs of each ([`Digest`]), not
/// every analysis's whole JSON again. The page's merging worker keeps one.
#[wasm_bindgen]
#[derive(Default)]
pub struct Merger {
    digests: std::collections::HashMap<u32, Digest>,
}

#[wasm_bindgen]
impl Merger {
    /// An empty merger.
    #[wasm_bindgen(constructor)]
    pub fn new() -> Merger {
        Merger::default()
    }

    /// Whether analysis `id` was added.
    pub fn has(&self, id: u32) -> bool {
        self.digests.contains_key(&id)
    }

    /// Adds analysis `id` from its JSON text (as [`analyze_file_json`] writes it); an id
    /// added before is replaced. Something that is not an analysis gives an `Error`.
    pub fn add(&mut self, id: u32, json: &str) -> Result<(), js_sys::Error> {
        self.digests.insert(id, digest(id, json)?);
        Ok(())
    }

    /// Forgets every analysis but those of `ids`.
    pub fn retain(&mut self, ids: Vec<u32>) {
        let keep: std::collections::HashSet<u32> = ids.into_iter().collect();
        self.digests.retain(|id, _| keep.contains(id));
    }

    /// The merged view (as [`merge_json`]) of the analyses `ids`, in that order. An id
    /// never added gives an `Error`.
    pub fn merge(&self, ids: Vec<u32>) -> Result<String, js_sys::Error> {
        let mut list: Vec<&Digest> = Vec::with_capacity(ids.len());
        for id in ids {
            let d = self
                .digests
                .get(&id)
                .ok_or_else(|| js_sys::Error::new(&format!("analysis {id} was never added")))?;
            list.push(d);
        }
        merged_json(&list)
    }
}

/// Decodes the results part (`r=…`) of a shared link into `{articles, corpus}`: the
/// shapes of [`analyze_file`]'s analyses and [`merge_json`]'s view, with empty texts and no
/// offsets. A damaged, oversized or invalid link gives a JavaScript `Error` whose message
/// says why (see [`crate::share`]); nothing in the link is ever run.
#[wasm_bindgen]
pub fn decode_shared(fragment: &str) -> Result<JsValue, js_sys::Error> {
    let results = crate::share::decode(fragment).map_err(|e| js_sys::Error::new(&e.message))?;
    to_js(&results)
}
