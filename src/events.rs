//! events (stub).
