//! The `entente` command line: a thin facade over the library.
//!
//! ```text
//! entente analyze PATH... [--format json|jsonl|csv|table|corpus] [--out FILE]
//! entente dates --jsonl CASES.jsonl
//! entente bench [--mb N] [--dump DIR] [PATH...]
//! ```
//!
//! Everything that extracts lives in the library; this binary only reads files, calls
//! [`entente::decode::decode`] and [`entente::analyze`], and writes the results.

mod cli {
    pub mod analyze;
    pub mod args;
    pub mod bench;
    pub mod dates;
    pub mod inputs;
    pub mod output;
    pub mod progress;
    pub mod table;
}

use std::io::ErrorKind;
use std::process::ExitCode;

/// Analysis allocates many small short-lived values (spans, names, candidate lists):
/// mimalloc serves them faster than the system allocator (see Cargo.toml).
#[cfg(not(target_arch = "wasm32"))]
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

use cli::args::{Command, USAGE};

/// Exit status when a file could not be read or decoded, or the output not written.
const FAILED: u8 = 1;
/// Exit status of a usage error.
const USAGE_ERROR: u8 = 2;

fn main() -> ExitCode {
    let command = match cli::args::parse(std::env::args_os().skip(1).collect()) {
        Ok(c) => c,
        Err(msg) => {
            eprintln!("entente: {msg}\n\n{USAGE}");
            return ExitCode::from(USAGE_ERROR);
        }
    };
    match command {
        Command::Help => {
            println!("{USAGE}");
            ExitCode::SUCCESS
        }
        Command::Version => {
            println!("entente {}", env!("CARGO_PKG_VERSION"));
            ExitCode::SUCCESS
        }
        Command::Analyze(args) => match cli::analyze::run(&args) {
            Ok(cli::analyze::Outcome::Ok) => ExitCode::SUCCESS,
            Ok(cli::analyze::Outcome::SomeFailed) => ExitCode::from(FAILED),
            // A reader that stops early (`| head`) is not an error.
            Err((_, e)) if e.kind() == ErrorKind::BrokenPipe => ExitCode::SUCCESS,
            Err((target, e)) => {
                eprintln!(
                    "entente: {target}: cannot write: {}",
                    cli::inputs::describe(&e)
                );
                ExitCode::from(FAILED)
            }
        },
        Command::Dates { cases } => match cli::dates::run(&cases) {
            Ok(true) => ExitCode::SUCCESS,
            Ok(false) => ExitCode::from(FAILED),
            Err(msg) => {
                eprintln!("entente: {msg}");
                ExitCode::from(FAILED)
            }
        },
        Command::Bench(args) => match cli::bench::run(&args) {
            Ok(()) => ExitCode::SUCCESS,
            Err(msg) => {
                eprintln!("entente: bench: {msg}");
                ExitCode::from(FAILED)
            }
        },
    }
}
