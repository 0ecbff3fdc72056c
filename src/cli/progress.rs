//! A progress counter on standard error, shown only when standard error is a terminal
//! and the run has many files. Error lines go through [`Progress::error`] so they never
//! mix with the counter.

use std::io::{IsTerminal, Write};
use std::time::{Duration, Instant};

/// Runs with fewer files than this show no progress.
const MANY_FILES: usize = 20;
/// Redraw at most this often.
const REDRAW: Duration = Duration::from_millis(100);
/// Width of the bar in characters.
const BAR: usize = 30;

/// Progress display and error reporting for one run.
pub struct Progress {
    total: usize,
    done: usize,
    enabled: bool,
    drawn: bool,
    last: Option<Instant>,
}

impl Progress {
    /// A progress display for `total` files.
    pub fn new(total: usize) -> Progress {
        let enabled = total >= MANY_FILES && std::io::stderr().is_terminal();
        Progress {
            total,
            done: 0,
            enabled,
            drawn: false,
            last: None,
        }
    }

    /// Counts one more file done.
    pub fn tick(&mut self) {
        self.done += 1;
        if !self.enabled {
            return;
        }
        let now = Instant::now();
        if self.done < self.total && self.last.is_some_and(|t| now.duration_since(t) < REDRAW) {
            return;
        }
        self.last = Some(now);
        let filled = BAR * self.done / self.total.max(1);
        let bar: String = "█".repeat(filled) + &"░".repeat(BAR - filled.min(BAR));
        let mut err = std::io::stderr().lock();
        let _ = write!(err, "\r{bar} {}/{} files", self.done, self.total);
        let _ = err.flush();
        self.drawn = true;
    }

    /// Erases the counter line, if one is shown.
    pub fn clear(&mut self) {
        if self.drawn {
            let mut err = std::io::stderr().lock();
            let _ = write!(err, "\r\x1b[2K");
            let _ = err.flush();
            self.drawn = false;
        }
    }

    /// Prints `entente: DOC: MESSAGE` on standard error (also for notes that are not
    /// failures, such as a duplicate file).
    pub fn error(&mut self, doc: &str, message: &str) {
        self.clear();
        eprintln!("entente: {doc}: {message}");
    }
}

impl Drop for Progress {
    fn drop(&mut self) {
        self.clear();
    }
}
