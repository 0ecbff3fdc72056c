//! Stage 2, clean: find page furniture. (stub: being written)

use crate::types::Span;

/// Ranges of `text` that are page furniture, with a reason (`ad`, `teaser`, `tags`,
/// `share`, `comments`, `related`, `title-repeat`…), sorted and non-overlapping.
pub fn furniture(text: &str) -> Vec<(Span, &'static str)> {
    let _ = text;
    Vec::new()
}
