//! The `entente` command line (stub).
fn main() {}
