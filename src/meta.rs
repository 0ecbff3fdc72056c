//! Stage 3, metadata: title, publication date, source outlet. (stub: being written)

use crate::types::{Document, Span};

/// Metadata found in an article.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Meta {
    /// Title.
    pub title: Option<String>,
    /// Explicit publication date (`YYYY`, `YYYY-MM`, `YYYY-MM-DD`), not inferred.
    pub published: Option<String>,
    /// Where the publication date was read in the text, if it was.
    pub published_span: Option<Span>,
    /// Source outlet.
    pub source: Option<String>,
}

/// Reads title, explicit publication date and source from a document, ignoring the
/// `excluded` ranges except where metadata lives in them.
pub fn read(doc: &Document, excluded: &[(Span, &'static str)]) -> Meta {
    let _ = (doc, excluded);
    Meta::default()
}
