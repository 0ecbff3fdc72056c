//! Stage 1, decode: bytes → [`Document`]. (stub: being written)

use crate::types::{DecodeError, Document};

/// Decodes a file's bytes into a document. `name` decides the format by its extension.
pub fn decode(name: &str, bytes: &[u8]) -> Result<Document, DecodeError> {
    match std::str::from_utf8(bytes) {
        Ok(s) => Ok(Document::from_text(name, s)),
        Err(_) => Err(DecodeError { doc: name.into(), message: "not UTF-8".into() }),
    }
}
