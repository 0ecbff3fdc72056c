//! Stage 1, decode (Markdown): the markup out of a `.md` article.
//!
//! A Markdown file is prose with a little markup: `# ` headings, `> ` quotes, list
//! bullets, `*emphasis*` and `**bold**`, `[links](url)`, `![images](url)`, `` `code` ``,
//! backslash escapes, inline HTML tags, rules and an optional YAML front matter (`---`
//! … `---`) whose `title:` and `date:` are the article's (else the first `# ` heading is
//! the title). The markup is dropped and
//! everything else is copied: every char of the result is a char of the file, and the
//! [`OffsetMap`] sends it back there (so evidence spans highlight the file as written).
//!
//! One pass over the lines, and one over each line's bytes: the markup is ASCII, so the
//! scan cuts only at ASCII bytes and never inside a UTF-8 sequence. Searches for a link's
//! or tag's end are bounded, so a 5 MB line costs one pass too.
//!
//! ```
//! use entente::decode::decode;
//! let doc = decode("a.md", "# Titre\n\n*Dakar, 10 mai* — Le [Mali](https://x.org) a **signé**.\n".as_bytes()).unwrap();
//! assert_eq!(doc.text, "Titre\n\nDakar, 10 mai — Le Mali a signé.\n");
//! ```

use crate::html::Page;
use crate::types::{HtmlMeta, OffsetMap};

/// How far a link's text or target, or an HTML tag, may run on (bytes).
const MAX_INLINE: usize = 1000;
/// How many lines a front matter may hold.
const MAX_FRONT_MATTER_LINES: usize = 200;

/// Text built by copying ranges of the source, with its map back to the source.
struct Out<'a> {
    src: &'a str,
    text: String,
    anchors: Vec<(usize, usize)>,
}

impl Out<'_> {
    /// Appends `src[start..end]` (on char boundaries).
    fn copy(&mut self, start: usize, end: usize) {
        let Some(s) = self.src.get(start..end).filter(|s| !s.is_empty()) else {
            return;
        };
        let t = self.text.len();
        let continues = self
            .anchors
            .last()
            .is_some_and(|&(lt, lo)| lo + (t - lt) == start);
        if !continues {
            self.anchors.push((t, start));
        }
        self.text.push_str(s);
    }
}

/// Extracts the text of a Markdown document: markup dropped, metadata from its front matter.
pub(crate) fn extract(src: &str) -> Page {
    let mut out = Out {
        src,
        text: String::with_capacity(src.len()),
        anchors: Vec::new(),
    };
    let mut meta = HtmlMeta::default();
    let mut lines = lines(src).peekable();
    // Front matter: `---` on the first line, up to the next `---` or `...`.
    if lines
        .peek()
        .is_some_and(|&(a, b)| src[a..b].trim_end() == "---")
    {
        let body: Vec<(usize, usize)> = lines
            .clone()
            .skip(1)
            .take(MAX_FRONT_MATTER_LINES)
            .take_while(|&(a, b)| !matches!(src[a..b].trim_end(), "---" | "..."))
            .collect();
        let closed = lines
            .clone()
            .nth(body.len() + 1)
            .is_some_and(|(a, b)| matches!(src[a..b].trim_end(), "---" | "..."));
        if closed {
            for &(a, b) in &body {
                front_matter_line(&src[a..b], &mut meta);
            }
            for _ in 0..body.len() + 2 {
                lines.next();
            }
        }
    }
    let mut fenced = false;
    let mut prev_blank = true;
    for (a, b) in lines {
        // The line's end: its newline is kept whatever becomes of the line.
        let end = src[a..b].trim_end_matches(['\n', '\r']).len() + a;
        let line = &src[a..end];
        let lead = line.len() - line.trim_start_matches(' ').len();
        let body = line.trim();
        let blank = body.is_empty();
        if lead <= 3 && (body.starts_with("```") || body.starts_with("~~~")) {
            fenced = !fenced;
        } else if fenced {
            out.copy(a, end);
        } else if !drop_line(body, prev_blank) {
            let start = a + lead + prefix_len(&line[lead..]);
            let heading = body.starts_with('#') && start > a + lead;
            let stop = if heading {
                closing_hashes(src, start, end)
            } else {
                end
            };
            let from = out.text.len();
            inline(&mut out, start, stop.max(start), 0);
            // The first heading of level one is the title, unless the front matter has one.
            if heading && meta.title.is_none() && body.starts_with("# ") {
                let title = out.text[from..].trim();
                if !title.is_empty() {
                    meta.title = Some(title.to_string());
                }
            }
        }
        out.copy(end, b);
        prev_blank = blank;
    }
    if out.anchors.is_empty() {
        out.anchors.push((0, 0));
    }
    Page {
        text: out.text,
        map: OffsetMap {
            anchors: out.anchors,
            original_len: src.len(),
        },
        meta,
    }
}

/// The lines of `src` as `(start, end)` byte ranges, each with its newline.
fn lines(src: &str) -> impl Iterator<Item = (usize, usize)> + Clone + '_ {
    src.split_inclusive('\n').scan(0, |at, l| {
        let start = *at;
        *at += l.len();
        Some((start, *at))
    })
}

/// Reads `title:`, `date:` and `source:` (and their usual synonyms) from a front matter line.
fn front_matter_line(line: &str, meta: &mut HtmlMeta) {
    let Some((key, value)) = line.split_once(':') else {
        return;
    };
    let value = value.trim().trim_matches(['"', '\'']).trim();
    if value.is_empty() {
        return;
    }
    let slot = match key.trim().to_ascii_lowercase().as_str() {
        "title" | "titre" => &mut meta.title,
        "date" | "published" | "publishdate" | "pubdate" | "datepublished" | "published_at" => {
            &mut meta.published
        }
        "source" | "publisher" | "site" | "site_name" | "outlet" => &mut meta.site_name,
        _ => return,
    };
    if slot.is_none() {
        *slot = Some(value.to_string());
    }
}

/// Whether a whole line is markup: a thematic break (`***`, `---`, `___`), a setext
/// heading's underline (`===`, or `---` under text), a link reference definition
/// (`[1]: https://…`) or an HTML comment.
fn drop_line(body: &str, prev_blank: bool) -> bool {
    let only = |c: char| {
        body.chars().filter(|&x| x == c).count() >= 3 && body.chars().all(|x| x == c || x == ' ')
    };
    (only('*') || only('-') || only('_') || body.len() >= 2 && body.chars().all(|x| x == '='))
        && (prev_blank || !body.starts_with('*'))
        || body.starts_with('[') && body.contains("]:") && {
            let (label, target) = body.split_once("]:").unwrap_or(("", ""));
            !label.contains(']') && !target.trim().is_empty() && !target.trim().contains(' ')
        }
        || body.starts_with("<!--") && body.ends_with("-->")
}

/// The length of a line's block markers after its indentation: quote markers (`> `), a
/// heading's hashes, a list bullet (`- `, `* `, `+ `, `1. `).
fn prefix_len(line: &str) -> usize {
    let bytes = line.as_bytes();
    let mut i = 0;
    // Quote markers, nested.
    while bytes.get(i) == Some(&b'>') {
        i += 1;
        while bytes.get(i) == Some(&b' ') {
            i += 1;
        }
    }
    let rest = &bytes[i..];
    let hashes = rest.iter().take_while(|&&b| b == b'#').count();
    let after = |k: usize| rest.get(k).is_none_or(|&b| b == b' ' || b == b'\t');
    if (1..=6).contains(&hashes) && after(hashes) {
        return i + hashes + spaces(&rest[hashes..]);
    }
    if matches!(rest.first(), Some(b'-' | b'*' | b'+')) && rest.get(1) == Some(&b' ') {
        return i + 1 + spaces(&rest[1..]);
    }
    let digits = rest.iter().take_while(|b| b.is_ascii_digit()).count();
    if (1..=3).contains(&digits)
        && matches!(rest.get(digits), Some(b'.' | b')'))
        && rest.get(digits + 1) == Some(&b' ')
    {
        return i + digits + 1 + spaces(&rest[digits + 1..]);
    }
    i
}

/// The number of spaces and tabs `bytes` starts with.
fn spaces(bytes: &[u8]) -> usize {
    bytes
        .iter()
        .take_while(|&&b| b == b' ' || b == b'\t')
        .count()
}

/// Where a heading's text `src[start..end]` ends: before its closing hashes
/// (`## Titre ##`), if any.
fn closing_hashes(src: &str, start: usize, end: usize) -> usize {
    let text = src.get(start..end).unwrap_or("");
    let trimmed = text.trim_end();
    let without = trimmed.trim_end_matches('#');
    if without.len() < trimmed.len() && (without.is_empty() || without.ends_with(' ')) {
        start + without.trim_end().len()
    } else {
        start + trimmed.len()
    }
}

/// Copies the inline content of `src[start..end]`, markup dropped. `depth` bounds the
/// recursion into link texts.
fn inline(out: &mut Out, start: usize, end: usize, depth: u8) {
    let src = out.src;
    let bytes = src.as_bytes();
    let mut run = start;
    let mut i = start;
    // Where the emphasis runs opened so far close.
    let mut closers: Vec<usize> = Vec::new();
    while i < end {
        let b = bytes[i];
        let skip: Option<(usize, usize)> = match b {
            // `\*`: the char escaped is text.
            b'\\' if bytes.get(i + 1).is_some_and(|c| c.is_ascii_punctuation()) && i + 1 < end => {
                Some((i, i + 1))
            }
            b'`' => Some((
                i,
                i + bytes[i..end].iter().take_while(|&&c| c == b'`').count(),
            )),
            b'*' | b'_' | b'~' => {
                let n = bytes[i..end].iter().take_while(|&&c| c == b).count();
                if let Some(k) = closers.iter().position(|&c| c == i) {
                    closers.swap_remove(k);
                    Some((i, i + n))
                } else if let Some(close) = emphasis(src, i, i + n, end) {
                    closers.push(close);
                    Some((i, i + n))
                } else {
                    None
                }
            }
            b'!' if bytes.get(i + 1) == Some(&b'[') && i + 1 < end => {
                link(src, i + 1, end).map(|_| (i, i + 1))
            }
            b'[' => {
                if let Some((text_end, after)) = link(src, i, end) {
                    out.copy(run, i);
                    if depth < 2 {
                        inline(out, i + 1, text_end, depth + 1);
                    } else {
                        out.copy(i + 1, text_end);
                    }
                    run = after;
                    i = after;
                    continue;
                }
                None
            }
            b'<' => tag(src, i, end).map(|e| (i, e)),
            _ => None,
        };
        match skip {
            Some((a, z)) => {
                out.copy(run, a);
                run = z;
                // An escaped char is copied as is, whatever it is.
                i = if b == b'\\' { z + 1 } else { z };
            }
            None => i += 1,
        }
    }
    out.copy(run, end.max(run));
}

/// Whether the run `src[a..z]` of `*`, `_` or `~` opens emphasis that closes before `end`:
/// text right after it and none right before, and a run of the same length further on with
/// text right before it. Returns where that closing run starts. `_` inside a word
/// (`snake_case`), a lone `~` (« ~300 »), runs of more than three and unmatched runs are
/// text.
fn emphasis(src: &str, a: usize, z: usize, end: usize) -> Option<usize> {
    let bytes = src.as_bytes();
    let b = bytes[a];
    let n = z - a;
    if n > 3 || (b == b'~' && n != 2) {
        return None;
    }
    let space = |c: Option<char>| c.is_none_or(char::is_whitespace);
    let word = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
    let before = src[..a].chars().next_back();
    let after = src[z..].chars().next();
    if space(after) || (b == b'_' && word(before)) {
        return None;
    }
    let limit = end.min(z + MAX_INLINE);
    let mut k = z;
    while k < limit {
        if bytes[k] != b {
            k += 1;
            continue;
        }
        let m = bytes[k..limit].iter().take_while(|&&c| c == b).count();
        let before = src[..k].chars().next_back();
        let after = src[k + m..].chars().next();
        if m == n && !space(before) && !(b == b'_' && word(after)) {
            return Some(k);
        }
        k += m;
    }
    None
}

/// A link or image at `src[i] == '['`: `[text](target)` or `[text][ref]`, on one line
/// within [`MAX_INLINE`] bytes. Returns where the text ends (its `]`) and where the whole
/// link ends.
fn link(src: &str, i: usize, end: usize) -> Option<(usize, usize)> {
    let bytes = src.as_bytes();
    let limit = end.min(i + MAX_INLINE);
    let mut depth = 0usize;
    let mut k = i + 1;
    let close = loop {
        match bytes.get(k).filter(|_| k < limit)? {
            b'\\' => k += 1,
            b'[' => depth += 1,
            b']' if depth == 0 => break k,
            b']' => depth -= 1,
            _ => {}
        }
        k += 1;
    };
    let shut = match bytes.get(close + 1) {
        Some(b'(') => b')',
        Some(b'[') => b']',
        _ => return None,
    };
    let target = close + 2;
    let mut nest = 0usize;
    let mut k = target;
    while k < limit {
        match bytes[k] {
            b'(' if shut == b')' => nest += 1,
            c if c == shut && nest == 0 => return Some((close, k + 1)),
            b')' if shut == b')' => nest -= 1,
            // A space ends the target: only a title may follow it (`(url "title")`).
            b' ' if shut == b')'
                && nest == 0
                && !src[target..k].trim().is_empty()
                && !matches!(bytes.get(k + 1), Some(b'"' | b'\'' | b'(')) =>
            {
                return None;
            }
            _ => {}
        }
        k += 1;
    }
    None
}

/// An autolink (`<https://…>`), an HTML tag (`<br>`, `</em>`, `<span class="x">`) or an
/// HTML comment at `src[i] == '<'`, within [`MAX_INLINE`] bytes: where it ends.
fn tag(src: &str, i: usize, end: usize) -> Option<usize> {
    let bytes = src.as_bytes();
    let first = *bytes.get(i + 1)?;
    if !(first.is_ascii_alphabetic() || first == b'/' || first == b'!') {
        return None;
    }
    // (Bytes, not `str` slices: the limit may fall inside a char.)
    let window = bytes.get(i..end.min(i + MAX_INLINE))?;
    if window.starts_with(b"<!--") {
        return window
            .windows(3)
            .position(|w| w == b"-->")
            .map(|p| i + p + 3);
    }
    let close = window
        .iter()
        .skip(1)
        .position(|&c| c == b'>' || c == b'<')?
        + 1;
    (window[close] == b'>').then_some(i + close + 1)
}
