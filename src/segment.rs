//! segment (stub).
