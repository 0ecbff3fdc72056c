//! gazetteer (stub).
