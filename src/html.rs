//! HTML article extraction (stub).
