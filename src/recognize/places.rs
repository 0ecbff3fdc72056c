//! places recogniser (stub).
