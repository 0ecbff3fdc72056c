//! translit (stub).
