//! The pipeline that ties the stages together.

use crate::types::*;

/// Analyses one decoded article.
pub fn analyze(doc: &Document) -> Analysis {
    Analysis {
        doc: doc.name.clone(),
        title: None,
        published: None,
        published_inferred: false,
        source: None,
        encoding: doc.encoding.clone(),
        format: doc.format,
        warnings: doc.warnings.clone(),
        text: doc.text.clone(),
        excluded: Vec::new(),
        countries: Vec::new(),
        people: Vec::new(),
        places: Vec::new(),
        organizations: Vec::new(),
        dates: Vec::new(),
        events: Vec::new(),
    }
}

/// Analyses several articles and merges what they report.
pub fn analyze_corpus(docs: &[Document]) -> Corpus {
    let articles: Vec<Analysis> = docs.iter().map(analyze).collect();
    Corpus { articles, corpus: Merged::default() }
}
