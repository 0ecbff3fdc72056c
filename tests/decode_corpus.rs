//! Decoding: `tests/data/decode/expect.json` lists, per small file, the expected error or
//! encoding / format / text / warnings / HTML metadata. For every decoded file (those,
//! the seeds and the dev articles) the offset map is checked character by character:
//! each char of the text maps to the original bytes that encode it.

use entente::decode::{cp1252_char, decode};
use entente::{Document, Format};
use serde_json::Value;
use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The char the original bytes at `o` encode, for the document's encoding.
fn orig_char(doc: &Document, bytes: &[u8], o: usize) -> Option<char> {
    let rest = bytes.get(o..)?;
    match doc.encoding.as_str() {
        "windows-1252" => rest.first().map(|&b| cp1252_char(b)),
        "utf-16le" | "utf-16be" => {
            let unit = |k: usize| {
                let p = rest.get(k..k + 2)?;
                Some(if doc.encoding == "utf-16le" {
                    u16::from_le_bytes([p[0], p[1]])
                } else {
                    u16::from_be_bytes([p[0], p[1]])
                })
            };
            let units = [unit(0), unit(2)];
            char::decode_utf16(units.into_iter().flatten()).next()?.ok()
        }
        _ => {
            // UTF-8, or a stray byte decoded as Windows-1252.
            let n = rest.len().min(4);
            for k in (1..=n).rev() {
                if let Ok(s) = std::str::from_utf8(&rest[..k]) {
                    return s.chars().next();
                }
            }
            rest.first().map(|&b| cp1252_char(b))
        }
    }
}

/// Checks the map of `doc` against the original `bytes`.
fn check_map(doc: &Document, bytes: &[u8]) {
    let mut prev = 0;
    for (t, c) in doc.text.char_indices() {
        let o = doc.map.to_orig(t);
        assert!(o <= bytes.len(), "{}: offset {o} past the end", doc.name);
        assert!(o >= prev, "{}: map not monotone at {t}", doc.name);
        prev = o;
        let Some(oc) = orig_char(doc, bytes, o) else {
            panic!("{}: char {c:?} at {t} maps to nothing", doc.name)
        };
        let same = oc == c || (c == ' ' && oc == '\0');
        let html_ok = doc.format == Format::Html && (c.is_whitespace() || oc == '&');
        assert!(
            same || html_ok,
            "{}: char {c:?} at {t} maps to byte {o} = {oc:?}",
            doc.name
        );
    }
    assert!(doc.map.to_orig(doc.text.len()) <= bytes.len());
}

fn decode_file(path: &Path) -> (Result<Document, entente::DecodeError>, Vec<u8>) {
    let bytes = std::fs::read(path).unwrap();
    (
        decode(&path.file_name().unwrap().to_string_lossy(), &bytes),
        bytes,
    )
}

#[test]
fn decode_expectations() {
    let dir = root().join("tests/data/decode");
    let expect: Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("expect.json")).unwrap()).unwrap();
    for (file, exp) in expect.as_object().unwrap() {
        let (res, bytes) = decode_file(&dir.join(file));
        if let Some(e) = exp["error"].as_str() {
            let err = res.expect_err(file);
            assert!(
                err.message.contains(e),
                "{file}: error {:?} lacks {e:?}",
                err.message
            );
            continue;
        }
        let doc = res.unwrap_or_else(|e| panic!("{file}: {e}"));
        if let Some(enc) = exp["encoding"].as_str() {
            assert_eq!(doc.encoding, enc, "{file}");
        }
        if let Some(f) = exp["format"].as_str() {
            assert_eq!(serde_json::to_value(doc.format).unwrap(), f, "{file}");
        }
        if let Some(t) = exp["text"].as_str() {
            assert_eq!(doc.text, t, "{file}");
        }
        for c in exp["contains"].as_array().into_iter().flatten() {
            let c = c.as_str().unwrap();
            assert!(doc.text.contains(c), "{file}: {c:?} not in {:?}", doc.text);
        }
        if let Some(w) = exp["warning"].as_str() {
            assert!(
                doc.warnings.iter().any(|x| x.contains(w)),
                "{file}: no warning with {w:?} in {:?}",
                doc.warnings
            );
        }
        for (key, got) in [
            ("title", &doc.html.title),
            ("site_name", &doc.html.site_name),
            ("published", &doc.html.published),
        ] {
            if let Some(want) = exp[key].as_str() {
                assert_eq!(got.as_deref(), Some(want), "{file}: {key}");
            }
        }
        for bad in [
            "SCRIPT", "STYLE", "ONERROR", "ALT-TEXT", "NOSCRIPT", "SHARE", "COMMENT", "TEMPLATE",
            "SVG", "ASIDE", "FOOTER", "BUTTON", "IFRAME", "Accueil",
        ] {
            assert!(
                !doc.text.contains(bad),
                "{file}: {bad} leaked into {:?}",
                doc.text
            );
        }
        check_map(&doc, &bytes);
    }
}

#[test]
fn corpus_offsets() {
    let eval = root().join("../shared/eval/dev");
    let mut dirs = vec![root().join("seeds")];
    if eval.is_dir() {
        dirs.push(eval);
    }
    let mut n = 0;
    for dir in dirs {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_some_and(|e| e == "txt") {
                let (res, bytes) = decode_file(&path);
                let doc = res.unwrap_or_else(|e| panic!("{e}"));
                assert!(!doc.text.is_empty());
                check_map(&doc, &bytes);
                n += 1;
            }
        }
    }
    assert!(n >= 5);
}

/// Arbitrary bytes never panic, and spans stay on char boundaries.
#[test]
fn garbage_never_panics() {
    let mut seed = 0x2545_F491_4F6C_DD1Du64;
    for len in [0usize, 1, 2, 3, 7, 64, 500, 4000] {
        for _ in 0..20 {
            let bytes: Vec<u8> = (0..len)
                .map(|_| {
                    seed ^= seed << 13;
                    seed ^= seed >> 7;
                    seed ^= seed << 17;
                    (seed >> 24) as u8
                })
                .collect();
            for name in ["x.txt", "x.html"] {
                if let Ok(doc) = decode(name, &bytes) {
                    for (t, _) in doc.text.char_indices() {
                        assert!(doc.map.to_orig(t) <= bytes.len());
                    }
                }
            }
        }
    }
}
