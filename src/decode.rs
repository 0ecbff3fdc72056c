//! Stage 1, decode: bytes → [`Document`].
//!
//! Detects the encoding (UTF-8, UTF-8 with BOM, UTF-16 LE/BE with BOM, Windows-1252,
//! or UTF-8 with a few stray Windows-1252 bytes), refuses binary files with a readable
//! message, picks the format from the file name (and sniffs HTML), and for HTML
//! extracts the article text. Every character of [`Document::text`] maps back to the
//! byte where it starts in the original file through [`Document::map`].

use crate::types::{DecodeError, Document, Format, HtmlMeta, OffsetMap};

/// Windows-1252 characters for bytes 0x80–0x9F (the five undefined bytes map to the
/// C1 control with the same number, as browsers do).
static CP1252_HIGH: [char; 32] = [
    '\u{20AC}', '\u{0081}', '\u{201A}', '\u{0192}', '\u{201E}', '\u{2026}', '\u{2020}', '\u{2021}',
    '\u{02C6}', '\u{2030}', '\u{0160}', '\u{2039}', '\u{0152}', '\u{008D}', '\u{017D}', '\u{008F}',
    '\u{0090}', '\u{2018}', '\u{2019}', '\u{201C}', '\u{201D}', '\u{2022}', '\u{2013}', '\u{2014}',
    '\u{02DC}', '\u{2122}', '\u{0161}', '\u{203A}', '\u{0153}', '\u{009D}', '\u{017E}', '\u{0178}',
];

/// The character a Windows-1252 byte stands for.
pub fn cp1252_char(b: u8) -> char {
    match b {
        0x80..=0x9F => CP1252_HIGH
            .get(usize::from(b - 0x80))
            .copied()
            .unwrap_or('\u{FFFD}'),
        _ => char::from(b),
    }
}

/// Known binary signatures: (magic bytes, human name).
const MAGIC: &[(&[u8], &str)] = &[
    (b"\x89PNG", "PNG image"),
    (b"%PDF", "PDF document"),
    (b"PK\x03\x04", "ZIP archive or office document"),
    (b"PK\x05\x06", "ZIP archive"),
    (b"GIF87a", "GIF image"),
    (b"GIF89a", "GIF image"),
    (b"\xFF\xD8\xFF", "JPEG image"),
    (b"\x1F\x8B", "gzip archive"),
    (b"\x7FELF", "ELF executable"),
    (b"MZ\x90\x00", "Windows executable"),
    (b"BZh", "bzip2 archive"),
    (b"\xFD7zXZ\x00", "xz archive"),
    (b"7z\xBC\xAF\x27\x1C", "7-Zip archive"),
    (b"Rar!\x1A\x07", "RAR archive"),
    (
        b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1",
        "old Microsoft Office document",
    ),
    (b"{\\rtf", "RTF document"),
    (b"\x00asm", "WebAssembly module"),
    (b"OggS", "Ogg media file"),
    (b"ID3", "MP3 audio file"),
    (b"fLaC", "FLAC audio file"),
    (b"\x1A\x45\xDF\xA3", "Matroska/WebM video"),
    (b"SQLite format 3\x00", "SQLite database"),
    (b"\xCA\xFE\xBA\xBE", "Java class or Mach-O file"),
    (b"\xCF\xFA\xED\xFE", "Mach-O executable"),
    (b"II*\x00", "TIFF image"),
    (b"MM\x00*", "TIFF image"),
    (b"BM", ""), // checked specially below (too short to trust alone)
];

/// Names a binary format from the file's first bytes.
fn sniff_binary(bytes: &[u8]) -> Option<&'static str> {
    for &(magic, what) in MAGIC {
        if what.is_empty() || !bytes.starts_with(magic) {
            continue;
        }
        return Some(what);
    }
    // RIFF containers: WEBP, WAV, AVI.
    if bytes.starts_with(b"RIFF") {
        return Some(match bytes.get(8..12) {
            Some(b"WEBP") => "WebP image",
            Some(b"WAVE") => "WAV audio file",
            Some(b"AVI ") => "AVI video",
            _ => "RIFF media file",
        });
    }
    if bytes.get(4..8) == Some(b"ftyp") {
        return Some("MP4/QuickTime media file");
    }
    // BMP: "BM" + little-endian file size equal to the length.
    if bytes.starts_with(b"BM") && bytes.len() >= 14 {
        if let Some(sz) = bytes.get(2..6) {
            let n = u32::from_le_bytes([sz[0], sz[1], sz[2], sz[3]]) as usize;
            if n == bytes.len() {
                return Some("BMP image");
            }
        }
    }
    None
}

fn err(name: &str, message: impl Into<String>) -> DecodeError {
    DecodeError {
        doc: name.to_string(),
        message: message.into(),
    }
}

/// Format from the file name's extension.
fn format_of(name: &str) -> Format {
    let lower = name.to_ascii_lowercase();
    let ext = lower.rsplit_once('.').map(|(_, e)| e).unwrap_or("");
    match ext {
        "html" | "htm" | "xhtml" => Format::Html,
        "md" | "markdown" => Format::Markdown,
        _ => Format::Text,
    }
}

/// True when the text starts (after whitespace and an optional XML prolog or comment)
/// with an HTML doctype or `<html`.
fn looks_like_html(text: &str) -> bool {
    // Every form below starts with « < »: other texts are not copied and lowered.
    if !text.trim_start().starts_with('<') {
        return false;
    }
    let head: String = text
        .trim_start()
        .chars()
        .take(200)
        .collect::<String>()
        .to_ascii_lowercase();
    let mut h = head.as_str();
    if h.starts_with("<?xml") {
        if let Some(i) = h.find("?>") {
            h = h.get(i + 2..).unwrap_or("").trim_start();
        }
    }
    while h.starts_with("<!--") {
        match h.find("-->") {
            Some(i) => h = h.get(i + 3..).unwrap_or("").trim_start(),
            None => break,
        }
    }
    h.starts_with("<!doctype html") || h.starts_with("<html")
}

/// Decoded text plus its map and encoding name.
struct Decoded {
    text: String,
    map: OffsetMap,
    encoding: &'static str,
    warnings: Vec<String>,
}

/// Decodes a file's bytes into a document. `name` decides the format by its extension.
///
/// Errors only for binary files; everything that is text decodes, with warnings for
/// fallbacks (Windows-1252, stray bytes, NUL bytes, empty file).
pub fn decode(name: &str, bytes: &[u8]) -> Result<Document, DecodeError> {
    if let Some(what) = sniff_binary(bytes) {
        return Err(err(
            name,
            format!("binary file ({what}), not a text article"),
        ));
    }
    let dec = if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        decode_utf8ish(name, rest, 3, bytes.len(), "utf-8-bom")?
    } else if let Some(rest) = bytes.strip_prefix(b"\xFF\xFE") {
        decode_utf16(rest, false, 2, bytes.len(), "utf-16le")
    } else if let Some(rest) = bytes.strip_prefix(b"\xFE\xFF") {
        decode_utf16(rest, true, 2, bytes.len(), "utf-16be")
    } else if let Some(big_endian) = bomless_utf16(bytes) {
        let mut d = decode_utf16(
            bytes,
            big_endian,
            0,
            bytes.len(),
            if big_endian { "utf-16be" } else { "utf-16le" },
        );
        d.warnings
            .push("no byte-order mark: guessed UTF-16 from the NUL bytes".into());
        d
    } else {
        decode_utf8ish(name, bytes, 0, bytes.len(), "utf-8")?
    };
    let Decoded {
        text,
        map,
        encoding,
        mut warnings,
    } = dec;

    let mut format = format_of(name);
    if format != Format::Html && looks_like_html(&text) {
        format = Format::Html;
    }
    if text.trim().is_empty() {
        warnings.push("empty file".into());
        return Ok(Document {
            name: name.to_string(),
            text: String::new(),
            map: OffsetMap {
                anchors: vec![(0, map.to_orig(0))],
                original_len: bytes.len(),
            },
            encoding: encoding.to_string(),
            format,
            html: HtmlMeta::default(),
            warnings,
        });
    }
    // A page's article text, or a Markdown file's text without its markup, mapped back
    // through the decoding.
    let page = match format {
        Format::Html => Some((
            crate::html::extract(&text),
            "no article text found in the HTML page",
        )),
        Format::Markdown => Some((
            crate::markdown::extract(&text),
            "no text found in the Markdown file, only markup",
        )),
        _ => None,
    };
    if let Some((page, empty)) = page {
        let map = compose(&page.text, &page.map, &map);
        if page.text.trim().is_empty() {
            warnings.push(empty.into());
        }
        return Ok(Document {
            name: name.to_string(),
            text: page.text,
            map,
            encoding: encoding.to_string(),
            format,
            html: page.meta,
            warnings,
        });
    }
    Ok(Document {
        name: name.to_string(),
        text,
        map,
        encoding: encoding.to_string(),
        format,
        html: HtmlMeta::default(),
        warnings,
    })
}

/// Composes `outer` (text → intermediate) with `inner` (intermediate → original) into a
/// compact map: one anchor wherever the composition stops being a straight continuation.
fn compose(text: &str, outer: &OffsetMap, inner: &OffsetMap) -> OffsetMap {
    let mut anchors: Vec<(usize, usize)> = Vec::new();
    let mut last: Option<(usize, usize)> = None;
    let mut push = |t: usize, o: usize, anchors: &mut Vec<(usize, usize)>| {
        let predicted = last.map(|(lt, lo)| lo + (t - lt));
        if predicted != Some(o) && last.is_none_or(|(_, lo)| o >= lo) {
            anchors.push((t, o));
            last = Some((t, o));
        }
    };
    for (t, _) in text.char_indices() {
        let o = inner.to_orig(outer.to_orig(t));
        push(t, o, &mut anchors);
    }
    let end = inner.to_orig(outer.to_orig(text.len()));
    push(text.len(), end, &mut anchors);
    if anchors.is_empty() {
        anchors.push((0, 0));
    }
    OffsetMap {
        anchors,
        original_len: inner.original_len,
    }
}

/// Detects BOM-less UTF-16: most even (LE) or odd (BE) bytes of the start are NUL and
/// the others are not.
fn bomless_utf16(bytes: &[u8]) -> Option<bool> {
    let sample = bytes.get(..bytes.len().min(4096) & !1)?;
    // Without a NUL byte neither half can be mostly NUL (a quick search answers most files).
    if sample.len() < 8 || !sample.contains(&0) {
        return None;
    }
    let pairs = sample.len() / 2;
    let (mut nul_even, mut nul_odd) = (0usize, 0usize);
    for pair in sample.chunks_exact(2) {
        if pair.first() == Some(&0) {
            nul_even += 1;
        }
        if pair.get(1) == Some(&0) {
            nul_odd += 1;
        }
    }
    if nul_odd * 10 >= pairs * 7 && nul_even * 10 <= pairs {
        Some(false)
    } else if nul_even * 10 >= pairs * 7 && nul_odd * 10 <= pairs {
        Some(true)
    } else {
        None
    }
}

/// Decodes UTF-16 code units; one anchor per character.
fn decode_utf16(
    body: &[u8],
    big_endian: bool,
    base: usize,
    original_len: usize,
    encoding: &'static str,
) -> Decoded {
    let units = body.chunks_exact(2).map(|p| {
        let (a, b) = (
            p.first().copied().unwrap_or(0),
            p.get(1).copied().unwrap_or(0),
        );
        if big_endian {
            u16::from_be_bytes([a, b])
        } else {
            u16::from_le_bytes([a, b])
        }
    });
    let mut text = String::with_capacity(body.len() / 2);
    let mut anchors = Vec::with_capacity(body.len() / 2 + 1);
    let mut orig = base;
    let mut bad = 0usize;
    for r in char::decode_utf16(units) {
        anchors.push((text.len(), orig));
        match r {
            Ok(c) => {
                text.push(c);
                orig += 2 * c.len_utf16();
            }
            Err(_) => {
                text.push('\u{FFFD}');
                orig += 2;
                bad += 1;
            }
        }
    }
    let mut warnings = Vec::new();
    if body.len() % 2 == 1 {
        warnings.push("odd number of bytes in a UTF-16 file: last byte ignored".into());
    }
    if bad > 0 {
        warnings.push(format!(
            "{bad} unpaired UTF-16 surrogate(s) replaced by U+FFFD"
        ));
    }
    anchors.push((text.len(), orig));
    let nul = text.bytes().filter(|&b| b == 0).count();
    if nul > 0 {
        text = text.replace('\0', " ");
        warnings.push(format!("{nul} NUL character(s) replaced by spaces"));
    }
    Decoded {
        text,
        map: OffsetMap {
            anchors,
            original_len,
        },
        encoding,
        warnings,
    }
}

/// UTF-8, Windows-1252, or UTF-8 with stray Windows-1252 bytes. `base` is the offset of
/// `body` in the original file (3 after a BOM).
fn decode_utf8ish(
    name: &str,
    body: &[u8],
    base: usize,
    original_len: usize,
    utf8_name: &'static str,
) -> Result<Decoded, DecodeError> {
    // Control bytes other than tab and line ends are rare: one quick pass (over blocks,
    // which the compiler vectorizes) says whether they need counting.
    let rare = body.chunks(64).any(|block| {
        block.iter().fold(false, |any, &b| {
            any | (b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r'))
        })
    });
    let (nul, controls) = if rare {
        (
            body.iter().filter(|&&b| b == 0).count(),
            body.iter()
                .filter(|&&b| b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0C | 0x1B | 0))
                .count(),
        )
    } else {
        (0, 0)
    };
    if !body.is_empty() && (nul * 100 > body.len() || (nul + controls) * 20 > body.len()) {
        return Err(err(
            name,
            "binary file (control or NUL bytes throughout), not a text article",
        ));
    }
    let mut warnings = Vec::new();
    if nul > 0 {
        warnings.push(format!("{nul} NUL byte(s) replaced by spaces"));
    }
    // Fast path: valid UTF-8.
    if let Ok(s) = std::str::from_utf8(body) {
        let text = if nul > 0 {
            s.replace('\0', " ")
        } else {
            s.to_string()
        };
        return Ok(Decoded {
            text,
            map: OffsetMap {
                anchors: vec![(0, base)],
                original_len,
            },
            encoding: utf8_name,
            warnings,
        });
    }
    // Count valid multi-byte sequences, invalid bytes, and runs of adjacent invalid bytes:
    // a corrupted block in a UTF-8 file is one run however long it is, whereas in a
    // Windows-1252 file every accented letter is a run of its own.
    let (mut valid_multi, mut invalid, mut runs) = (0usize, 0usize, 0usize);
    let mut rest = body;
    let mut in_run = false;
    loop {
        match std::str::from_utf8(rest) {
            Ok(s) => {
                valid_multi += s.chars().filter(|c| !c.is_ascii()).count();
                break;
            }
            Err(e) => {
                let good = e.valid_up_to();
                let ok = rest
                    .get(..good)
                    .and_then(|g| std::str::from_utf8(g).ok())
                    .unwrap_or("");
                valid_multi += ok.chars().filter(|c| !c.is_ascii()).count();
                let skip = e.error_len().unwrap_or(rest.len() - good).max(1);
                invalid += skip;
                if good > 0 || !in_run {
                    runs += 1;
                }
                in_run = true;
                rest = rest.get(good + skip..).unwrap_or(&[]);
            }
        }
    }
    let mixed = valid_multi > 0 && runs <= valid_multi;
    let mut text = String::with_capacity(body.len() + body.len() / 8);
    let mut anchors: Vec<(usize, usize)> = vec![(0, base)];
    if mixed {
        let mut pos = 0usize; // offset in body
        let mut rest = body;
        loop {
            match std::str::from_utf8(rest) {
                Ok(s) => {
                    text.push_str(s);
                    break;
                }
                Err(e) => {
                    let good = e.valid_up_to();
                    text.push_str(
                        rest.get(..good)
                            .and_then(|g| std::str::from_utf8(g).ok())
                            .unwrap_or(""),
                    );
                    let skip = e.error_len().unwrap_or(rest.len() - good).max(1);
                    for (k, &b) in rest
                        .get(good..good + skip)
                        .unwrap_or(&[])
                        .iter()
                        .enumerate()
                    {
                        if anchors.last().map(|a| a.0) != Some(text.len()) {
                            anchors.push((text.len(), base + pos + good + k));
                        }
                        text.push(cp1252_char(b));
                        anchors.push((text.len(), base + pos + good + k + 1));
                    }
                    pos += good + skip;
                    rest = rest.get(good + skip..).unwrap_or(&[]);
                }
            }
        }
        warnings.push(format!(
            "{invalid} byte(s) not valid UTF-8 decoded as Windows-1252; the rest read as UTF-8"
        ));
        anchors.dedup();
        return Ok(Decoded {
            text: clean_nul(text, nul),
            map: OffsetMap {
                anchors,
                original_len,
            },
            encoding: "utf-8",
            warnings,
        });
    }
    for (i, &b) in body.iter().enumerate() {
        text.push(cp1252_char(b));
        if b >= 0x80 {
            anchors.push((text.len(), base + i + 1));
        }
    }
    warnings.push("decoded as Windows-1252".into());
    Ok(Decoded {
        text: clean_nul(text, nul),
        map: OffsetMap {
            anchors,
            original_len,
        },
        encoding: "windows-1252",
        warnings,
    })
}

fn clean_nul(text: String, nul: usize) -> String {
    if nul > 0 {
        text.replace('\0', " ")
    } else {
        text
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check_map(doc: &Document, orig: &[u8]) {
        for (t, c) in doc.text.char_indices() {
            let o = doc.map.to_orig(t);
            assert!(o <= orig.len());
            if doc.encoding == "windows-1252" {
                assert_eq!(
                    orig.get(o).copied().map(cp1252_char),
                    Some(if c == ' ' && orig.get(o) == Some(&0) {
                        '\0'
                    } else {
                        c
                    })
                );
            }
        }
    }

    #[test]
    fn utf8_plain_and_bom() {
        let d = decode("a.txt", "Élysée".as_bytes()).unwrap();
        assert_eq!(d.text, "Élysée");
        assert_eq!(d.encoding, "utf-8");
        let d = decode("a.txt", b"\xEF\xBB\xBFabc").unwrap();
        assert_eq!(d.text, "abc");
        assert_eq!(d.encoding, "utf-8-bom");
        assert_eq!(d.map.to_orig(0), 3);
        assert_eq!(d.map.to_orig(3), 6);
    }

    #[test]
    fn cp1252() {
        let bytes = b"\xAB \xC9t\xE9 \xBB l\x92arm\xE9e \x80";
        let d = decode("a.txt", bytes).unwrap();
        assert_eq!(d.text, "« Été » l’armée €");
        assert_eq!(d.encoding, "windows-1252");
        assert!(d.warnings.iter().any(|w| w.contains("Windows-1252")));
        check_map(&d, bytes);
        assert_eq!(d.map.to_orig(d.text.len()), bytes.len());
    }

    #[test]
    fn mixed() {
        let mut bytes = "Le général a parlé à l".as_bytes().to_vec();
        bytes.push(0x92);
        bytes.extend_from_slice("armée et à la défense.".as_bytes());
        let d = decode("a.txt", &bytes).unwrap();
        assert_eq!(d.text, "Le général a parlé à l’armée et à la défense.");
        assert_eq!(d.encoding, "utf-8");
        assert!(d.warnings.iter().any(|w| w.starts_with("1 byte")));
        let t = d.text.find("armée").unwrap();
        assert_eq!(
            d.map.to_orig(t),
            bytes.len() - "armée et à la défense.".len()
        );
        let q = d.text.find('’').unwrap();
        assert_eq!(bytes.get(d.map.to_orig(q)), Some(&0x92));
    }

    #[test]
    fn corrupted_block_in_utf8() {
        // A block of garbage in a UTF-8 file is one run of invalid bytes: the rest stays
        // UTF-8 instead of turning the whole file into Windows-1252 mojibake.
        let mut bytes = "Près de N’Djamena. ".as_bytes().to_vec();
        bytes.extend_from_slice(&[0xFF, 0x81, 0xC3, 0xC3, 0x9F, 0xFE, 0xA0, 0x80, 0x80, 0xF8]);
        bytes.extend_from_slice(" Fin.".as_bytes());
        let d = decode("a.txt", &bytes).unwrap();
        assert_eq!(d.encoding, "utf-8");
        assert!(d.text.starts_with("Près de N’Djamena. "), "{}", d.text);
        assert!(d.text.ends_with(" Fin."));
        assert!(
            d.warnings
                .iter()
                .any(|w| w.starts_with("8 byte(s) not valid UTF-8")),
            "{:?}",
            d.warnings
        );
        check_map(&d, &bytes);
    }

    #[test]
    fn utf16() {
        let s = "Kigali 𝄞 é";
        let mut le = vec![0xFF, 0xFE];
        let mut be = vec![0xFE, 0xFF];
        for u in s.encode_utf16() {
            le.extend_from_slice(&u.to_le_bytes());
            be.extend_from_slice(&u.to_be_bytes());
        }
        for (bytes, enc) in [(le, "utf-16le"), (be, "utf-16be")] {
            let d = decode("a.txt", &bytes).unwrap();
            assert_eq!(d.text, s);
            assert_eq!(d.encoding, enc);
            assert_eq!(d.map.to_orig(0), 2);
            assert_eq!(d.map.to_orig(d.text.find('é').unwrap()), bytes.len() - 2);
        }
    }

    #[test]
    fn binary_and_empty() {
        let e = decode("a.txt", b"\x89PNG\r\n\x1a\n\0\0").unwrap_err();
        assert!(e.message.contains("PNG image"));
        assert!(decode("a.txt", b"%PDF-1.4\n")
            .unwrap_err()
            .message
            .contains("PDF"));
        let mut nul = b"abc".to_vec();
        nul.extend_from_slice(&[0u8; 50]);
        assert!(decode("a.txt", &nul).is_err());
        let d = decode("a.txt", b"  \n\t ").unwrap();
        assert_eq!(d.text, "");
        assert_eq!(d.warnings, vec!["empty file".to_string()]);
        let d = decode("a.txt", b"").unwrap();
        assert_eq!(d.text, "");
    }

    #[test]
    fn formats() {
        assert_eq!(decode("a.md", b"# x").unwrap().format, Format::Markdown);
        assert_eq!(decode("a.TXT", b"x").unwrap().format, Format::Text);
        assert_eq!(
            decode("a.txt", b"  <!DOCTYPE html><p>Bonjour</p>")
                .unwrap()
                .format,
            Format::Html
        );
    }
}
