//! merge (stub).
