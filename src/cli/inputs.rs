//! Turning the command line's paths into a sorted list of inputs.

use std::fs;
use std::io::{self, Read};
use std::path::{Path, PathBuf};

/// Extensions picked up when walking a directory (any file named explicitly is read).
const ARTICLE_EXTENSIONS: [&str; 5] = ["txt", "html", "htm", "md", "markdown"];

/// One article to analyse.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Input {
    /// The name shown in the output (`doc`): the path as given, joined with the file's
    /// path relative to it when it was found in a directory; `-` for standard input.
    pub doc: String,
    /// Where to read it from; `None` for standard input.
    pub path: Option<PathBuf>,
}

impl Input {
    /// Reads the input's bytes.
    pub fn read(&self) -> io::Result<Vec<u8>> {
        match &self.path {
            Some(p) => fs::read(p),
            None => {
                let mut buf = Vec::new();
                io::stdin().lock().read_to_end(&mut buf)?;
                Ok(buf)
            }
        }
    }
}

/// A path that could not be listed.
#[derive(Debug)]
pub struct InputError {
    /// The path as shown to the user.
    pub doc: String,
    /// What went wrong.
    pub error: io::Error,
}

/// A short, user-facing description of an I/O error (without the "(os error N)" tail).
pub fn describe(e: &io::Error) -> String {
    match e.kind() {
        io::ErrorKind::NotFound => "no such file or directory".into(),
        io::ErrorKind::PermissionDenied => "permission denied".into(),
        io::ErrorKind::IsADirectory => "is a directory".into(),
        _ => {
            let s = e.to_string();
            match s.find(" (os error") {
                Some(i) => s[..i].to_string(),
                None => s,
            }
        }
    }
}

fn is_article(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| ARTICLE_EXTENSIONS.iter().any(|a| a.eq_ignore_ascii_case(e)))
}

fn is_hidden(name: &std::ffi::OsStr) -> bool {
    name.to_str().is_some_and(|s| s.starts_with('.'))
}

/// Expands the given paths into inputs: explicit files as they are, directories walked
/// recursively (sorted, hidden entries and directory symlinks skipped, only article
/// extensions), `-` as standard input. Problems are returned beside the inputs, in order.
pub fn collect(paths: &[PathBuf]) -> (Vec<Input>, Vec<InputError>) {
    let mut inputs = Vec::new();
    let mut errors = Vec::new();
    for given in paths {
        if given.as_os_str() == "-" {
            inputs.push(Input {
                doc: "-".into(),
                path: None,
            });
            continue;
        }
        let doc = given.to_string_lossy().into_owned();
        match fs::metadata(given) {
            Ok(m) if m.is_dir() => walk(given, &mut inputs, &mut errors),
            Ok(_) => inputs.push(Input {
                doc,
                path: Some(given.clone()),
            }),
            Err(error) => errors.push(InputError { doc, error }),
        }
    }
    (inputs, errors)
}

/// Appends the article files under `dir`, sorted by path, to `inputs`.
fn walk(dir: &Path, inputs: &mut Vec<Input>, errors: &mut Vec<InputError>) {
    let mut found = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let entries = match fs::read_dir(&d) {
            Ok(e) => e,
            Err(error) => {
                errors.push(InputError {
                    doc: d.to_string_lossy().into_owned(),
                    error,
                });
                continue;
            }
        };
        for entry in entries {
            let entry = match entry {
                Ok(e) => e,
                Err(error) => {
                    errors.push(InputError {
                        doc: d.to_string_lossy().into_owned(),
                        error,
                    });
                    continue;
                }
            };
            if is_hidden(&entry.file_name()) {
                continue;
            }
            let path = entry.path();
            // file_type() does not follow symlinks: a symlinked directory is skipped (no
            // cycles), a symlinked file is followed by the metadata call below.
            let Ok(kind) = entry.file_type() else {
                continue;
            };
            if kind.is_dir() {
                stack.push(path);
            } else if is_article(&path) && fs::metadata(&path).is_ok_and(|m| m.is_file()) {
                found.push(path);
            }
        }
    }
    found.sort();
    inputs.extend(found.into_iter().map(|path| Input {
        doc: path.to_string_lossy().into_owned(),
        path: Some(path),
    }));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn extensions() {
        assert!(is_article(Path::new("a/b.TXT")));
        assert!(is_article(Path::new("b.markdown")));
        assert!(!is_article(Path::new("b.png")));
        assert!(!is_article(Path::new("README")));
    }

    #[test]
    fn describe_drops_os_error_numbers() {
        let e = io::Error::from(io::ErrorKind::NotFound);
        assert_eq!(describe(&e), "no such file or directory");
    }
}
