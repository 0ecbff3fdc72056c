//! HTML article extraction: the main text of a page and its head metadata.
//!
//! Tokenizes with `html5gum` (a WHATWG tokenizer that reports the byte span of every
//! token), keeps a flat stack of open elements (no recursion, bounded depth), drops
//! page chrome (scripts, navigation, forms, hidden elements, share/comment widgets…),
//! prefers the largest `<article>`, else `<main>`, else the body, and turns block
//! elements into line breaks. Every output character is anchored to the byte where it
//! starts in the HTML source (a decoded entity to its `&`).

use crate::types::{HtmlMeta, OffsetMap};
use html5gum::{DefaultEmitter, Token, Tokenizer};
use regex::Regex;
use std::sync::LazyLock;

/// The article text extracted from a page.
pub(crate) struct Page {
    /// Extracted text, blocks separated by blank lines.
    pub text: String,
    /// Text offsets → byte offsets in the HTML source.
    pub map: OffsetMap,
    /// Head metadata.
    pub meta: HtmlMeta,
}

/// Deepest element stack we track; deeper elements are treated as inline.
const MAX_DEPTH: usize = 512;
/// How far down the stack an end tag looks for its start tag.
const MAX_END_SEARCH: usize = 128;

/// Elements whose content is never article text.
const DROP: &[&str] = &[
    "script", "style", "noscript", "template", "svg", "math", "nav", "header", "footer", "aside",
    "form", "button", "iframe", "select", "textarea", "object", "embed", "canvas", "video",
    "audio", "head", "title", "dialog", "menu", "noembed", "noframes", "xmp",
];

/// Elements that never have content.
const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr", "keygen",
];

/// Block elements separated by a blank line.
const PARA: &[&str] = &[
    "p",
    "div",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "section",
    "article",
    "main",
    "blockquote",
    "ul",
    "ol",
    "dl",
    "table",
    "figure",
    "figcaption",
    "pre",
    "address",
    "details",
    "summary",
    "hr",
    "body",
    "center",
    "fieldset",
    "hgroup",
    "caption",
];

/// Block elements separated by a line break.
const LINE: &[&str] = &[
    "br", "li", "tr", "dt", "dd", "option", "thead", "tbody", "tfoot",
];

/// Words in a `class`/`id` that mark page chrome rather than article text.
const CHROME_WORDS: &[&str] = &[
    "share",
    "sharing",
    "social",
    "comment",
    "comments",
    "related",
    "breadcrumb",
    "breadcrumbs",
    "cookie",
    "cookies",
    "newsletter",
    "advert",
    "advertisement",
    "ads",
    "sidebar",
    "navbar",
    "menu",
    "popup",
    "modal",
    "subscribe",
    "promo",
    "sponsored",
    "outbrain",
    "taboola",
    "disqus",
    "paywall",
    "skip",
];

static LD_DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#""datePublished"\s*:\s*"([^"]{4,40})""#).unwrap_or_else(|_| unreachable!())
});
/// The outlet in JSON-LD: `"publisher": {"@type": "Organization", "name": "…"}`.
static LD_PUBLISHER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#""publisher"\s*:\s*\{[^{}]{0,200}?"name"\s*:\s*"([^"]{1,80})""#)
        .unwrap_or_else(|_| unreachable!())
});
static LD_MODIFIED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#""dateCreated"\s*:\s*"([^"]{4,40})""#).unwrap_or_else(|_| unreachable!())
});

fn is_html_ws(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\n' | '\r' | '\x0C')
}

/// One open element.
struct Open {
    name: String,
    /// Its content is dropped.
    drop: bool,
    /// The outermost `<article>` and `<main>` (or role=main) it sits in, itself included.
    at: Where,
}

/// Where a piece of text sits.
#[derive(Clone, Copy, Default)]
struct Where {
    article: Option<u32>,
    main: Option<u32>,
}

/// A recorded text run or break.
enum Ev {
    Text {
        value: String,
        start: usize,
        end: usize,
        at: Where,
    },
    Break {
        lines: u8,
        pos: usize,
        at: Where,
    },
}

fn attr(tag: &html5gum::StartTag<usize>, name: &str) -> Option<String> {
    tag.attributes
        .get(name.as_bytes())
        .map(|v| String::from_utf8_lossy(&v.value).into_owned())
}

fn is_chrome(tag: &html5gum::StartTag<usize>) -> bool {
    if tag.attributes.contains_key(b"hidden".as_slice()) {
        return true;
    }
    if attr(tag, "aria-hidden").is_some_and(|v| v.trim().eq_ignore_ascii_case("true")) {
        return true;
    }
    if let Some(style) = attr(tag, "style") {
        let s: String = style
            .to_ascii_lowercase()
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect();
        if s.contains("display:none") || s.contains("visibility:hidden") {
            return true;
        }
    }
    if let Some(role) = attr(tag, "role") {
        let r = role.to_ascii_lowercase();
        if matches!(
            r.trim(),
            "navigation" | "banner" | "contentinfo" | "complementary" | "search" | "dialog"
        ) {
            return true;
        }
    }
    let mut words = String::new();
    for a in ["class", "id"] {
        if let Some(v) = attr(tag, a) {
            words.push(' ');
            words.push_str(&v.to_ascii_lowercase());
        }
    }
    words
        .split(|c: char| c.is_whitespace() || c == '-' || c == '_')
        .any(|w| CHROME_WORDS.contains(&w))
}

/// Extracts the article text and metadata from an HTML page.
pub(crate) fn extract(src: &str) -> Page {
    let mut emitter = DefaultEmitter::<usize>::new_with_span();
    emitter.naively_switch_states(true);
    let tokenizer = Tokenizer::new_with_emitter(src, emitter);

    let mut meta = HtmlMeta::default();
    let mut og_title: Option<String> = None;
    let mut title_text = String::new();
    let mut pub_meta: Vec<(u8, String)> = Vec::new(); // (priority, value)
    let mut site_name: Option<String> = None;

    let mut stack: Vec<Open> = Vec::new();
    let mut dropping = 0usize; // number of dropping entries in the stack
    let mut overflow = 0usize; // elements not pushed because the stack is full
    let mut next_article = 0u32;
    let mut next_main = 0u32;
    let mut evs: Vec<Ev> = Vec::new();
    let mut in_title = false;
    let mut in_ld_json = false;
    let mut ld_json = String::new();

    // The container in effect: each open element stores it (outermost article/main).
    let here = |stack: &[Open]| -> Where { stack.last().map(|o| o.at).unwrap_or_default() };

    for tok in tokenizer {
        let Ok(tok) = tok;
        match tok {
            Token::StartTag(tag) => {
                let name = String::from_utf8_lossy(&tag.name).to_ascii_lowercase();
                let name = name.as_str();
                match name {
                    "meta" => read_meta(&tag, &mut og_title, &mut pub_meta, &mut site_name),
                    "time" => {
                        if let Some(dt) = attr(&tag, "datetime") {
                            pub_meta.push((if dropping == 0 { 5 } else { 6 }, dt));
                        }
                    }
                    "body" => {
                        // A body start closes an unclosed head.
                        if let Some(i) = stack.iter().rposition(|o| o.name == "head") {
                            for o in stack.drain(i..) {
                                if o.drop {
                                    dropping = dropping.saturating_sub(1);
                                }
                            }
                        }
                    }
                    _ => {}
                }
                if let Some(ip) = attr(&tag, "itemprop") {
                    if ip.eq_ignore_ascii_case("datePublished") {
                        if let Some(v) = attr(&tag, "content").or_else(|| attr(&tag, "datetime")) {
                            pub_meta.push((2, v));
                        }
                    }
                }
                in_title = name == "title";
                in_ld_json = name == "script"
                    && attr(&tag, "type")
                        .is_some_and(|t| t.trim().eq_ignore_ascii_case("application/ld+json"));
                if dropping == 0 {
                    if PARA.contains(&name) {
                        evs.push(Ev::Break {
                            lines: 2,
                            pos: tag.span.start,
                            at: here(&stack),
                        });
                    } else if LINE.contains(&name) {
                        evs.push(Ev::Break {
                            lines: 1,
                            pos: tag.span.start,
                            at: here(&stack),
                        });
                    } else if matches!(name, "td" | "th") {
                        evs.push(Ev::Break {
                            lines: 0,
                            pos: tag.span.start,
                            at: here(&stack),
                        });
                    }
                }
                if VOID.contains(&name)
                    || (tag.self_closing && !matches!(name, "div" | "p" | "span" | "a"))
                {
                    continue;
                }
                // Implicitly closed elements: a new <p> or <li> closes the open one.
                if matches!(
                    name,
                    "p" | "li" | "option" | "dt" | "dd" | "tr" | "td" | "th"
                ) {
                    if let Some(top) = stack.last() {
                        if top.name == name {
                            if let Some(o) = stack.pop() {
                                if o.drop {
                                    dropping = dropping.saturating_sub(1);
                                }
                            }
                        }
                    }
                }
                if stack.len() >= MAX_DEPTH {
                    overflow += 1;
                    continue;
                }
                let drop = DROP.contains(&name) || is_chrome(&tag);
                let article = if name == "article" {
                    next_article += 1;
                    Some(next_article)
                } else {
                    None
                };
                let is_main = name == "main"
                    || attr(&tag, "role").is_some_and(|r| r.trim().eq_ignore_ascii_case("main"));
                let main = if is_main {
                    next_main += 1;
                    Some(next_main)
                } else {
                    None
                };
                if drop {
                    dropping += 1;
                }
                let outer = here(&stack);
                let at = Where {
                    article: outer.article.or(article),
                    main: outer.main.or(main),
                };
                stack.push(Open {
                    name: name.to_string(),
                    drop,
                    at,
                });
            }
            Token::EndTag(tag) => {
                let name = String::from_utf8_lossy(&tag.name).to_ascii_lowercase();
                in_title = false;
                if in_ld_json && name == "script" {
                    collect_ld(&ld_json, &mut pub_meta, &mut site_name);
                    ld_json.clear();
                }
                in_ld_json = false;
                let found = stack
                    .iter()
                    .rev()
                    .take(MAX_END_SEARCH)
                    .position(|o| o.name == name);
                match found {
                    Some(k) => {
                        let keep = stack.len() - 1 - k;
                        for o in stack.drain(keep..) {
                            if o.drop {
                                dropping = dropping.saturating_sub(1);
                            }
                        }
                    }
                    None if overflow > 0 => overflow -= 1,
                    None => {}
                }
                if dropping == 0 {
                    let n = name.as_str();
                    let lines = if PARA.contains(&n) || n == "p" {
                        Some(2)
                    } else if LINE.contains(&n) {
                        Some(1)
                    } else {
                        None
                    };
                    if let Some(lines) = lines {
                        evs.push(Ev::Break {
                            lines,
                            pos: tag.span.start,
                            at: here(&stack),
                        });
                    }
                }
            }
            Token::String(s) => {
                let value = String::from_utf8_lossy(&s.value).into_owned();
                if in_title {
                    title_text.push_str(&value);
                } else if in_ld_json {
                    if ld_json.len() < 1 << 20 {
                        ld_json.push_str(&value);
                    }
                } else if dropping == 0 {
                    evs.push(Ev::Text {
                        value,
                        start: s.span.start,
                        end: s.span.end,
                        at: here(&stack),
                    });
                }
            }
            Token::Comment(_) | Token::Doctype(_) | Token::Error(_) => {}
        }
    }
    if in_ld_json {
        collect_ld(&ld_json, &mut pub_meta, &mut site_name);
    }

    // Choose the container: the largest <article>, else the largest <main>, else all.
    let choose = |key: fn(&Where) -> Option<u32>| -> Option<(u32, usize)> {
        let mut sizes: Vec<(u32, usize)> = Vec::new();
        for ev in &evs {
            if let Ev::Text { value, at, .. } = ev {
                if let Some(id) = key(at) {
                    let n = value.trim().len();
                    match sizes.iter_mut().find(|(i, _)| *i == id) {
                        Some(e) => e.1 += n,
                        None => sizes.push((id, n)),
                    }
                }
            }
        }
        sizes.into_iter().max_by_key(|&(_, n)| n)
    };
    let total: usize = evs
        .iter()
        .map(|e| {
            if let Ev::Text { value, .. } = e {
                value.trim().len()
            } else {
                0
            }
        })
        .sum();
    let enough = |n: usize| n >= 200 || n * 2 >= total;
    let filter: Box<dyn Fn(&Where) -> bool> = match choose(|w| w.article) {
        Some((id, n)) if enough(n) => Box::new(move |w: &Where| w.article == Some(id)),
        _ => match choose(|w| w.main) {
            Some((id, n)) if enough(n) => Box::new(move |w: &Where| w.main == Some(id)),
            _ => Box::new(|_: &Where| true),
        },
    };

    let mut out = Out::default();
    for ev in &evs {
        match ev {
            Ev::Text {
                value,
                start,
                end,
                at,
            } if filter(at) => {
                let raw = src.get(*start..*end).unwrap_or("");
                align(value, raw, *start, &mut out);
            }
            Ev::Break { lines, pos, at } if filter(at) => out.brk(*lines, *pos),
            _ => {}
        }
    }
    let text_end = src.len();
    let (text, map) = out.finish(text_end);

    let title = og_title.or_else(|| {
        let t = collapse(&title_text);
        (!t.is_empty()).then_some(t)
    });
    // « Tchad : la Hongrie va déployer 200 soldats - Le Journal du Sahel »: without the
    // outlet's name that `<title>` often ends with.
    meta.title = match (title, &site_name) {
        (Some(t), Some(site)) => Some(strip_site(&t, site).to_string()),
        (t, _) => t,
    };
    pub_meta.sort_by_key(|(p, _)| *p);
    meta.published = pub_meta
        .into_iter()
        .map(|(_, v)| v.trim().to_string())
        .find(|v| !v.is_empty());
    meta.site_name = site_name;
    Page { text, map, meta }
}

/// `title` without a trailing « - Site », « | Site » or « – Site » naming `site`.
fn strip_site<'t>(title: &'t str, site: &str) -> &'t str {
    let site = site.trim();
    if site.is_empty() {
        return title;
    }
    title
        .strip_suffix(site)
        .map(str::trim_end)
        .and_then(|head| head.strip_suffix(['-', '|', '–', '—', ':']))
        .map(str::trim_end)
        .filter(|head| !head.is_empty())
        .unwrap_or(title)
}

fn collapse(s: &str) -> String {
    s.split(is_html_ws)
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

fn collect_ld(json: &str, pub_meta: &mut Vec<(u8, String)>, site_name: &mut Option<String>) {
    if site_name.is_none() {
        if let Some(c) = LD_PUBLISHER.captures(json).and_then(|c| c.get(1)) {
            let name = c.as_str().trim();
            if !name.is_empty() {
                *site_name = Some(name.to_string());
            }
        }
    }
    if let Some(c) = LD_DATE.captures(json).and_then(|c| c.get(1)) {
        pub_meta.push((1, c.as_str().to_string()));
    } else if let Some(c) = LD_MODIFIED.captures(json).and_then(|c| c.get(1)) {
        pub_meta.push((4, c.as_str().to_string()));
    }
}

fn read_meta(
    tag: &html5gum::StartTag<usize>,
    og_title: &mut Option<String>,
    pub_meta: &mut Vec<(u8, String)>,
    site_name: &mut Option<String>,
) {
    let key = attr(tag, "property")
        .or_else(|| attr(tag, "name"))
        .or_else(|| attr(tag, "itemprop"));
    let (Some(key), Some(content)) = (key, attr(tag, "content")) else {
        return;
    };
    let content = collapse(&content);
    if content.is_empty() {
        return;
    }
    match key.trim().to_ascii_lowercase().as_str() {
        "og:title" | "twitter:title" if og_title.is_none() => *og_title = Some(content),
        "article:published_time" | "og:article:published_time" => pub_meta.push((0, content)),
        "date" | "pubdate" | "publishdate" | "publish-date" | "publish_date" | "dc.date"
        | "dc.date.issued" | "dcterms.date" | "dcterms.created" | "sailthru.date"
        | "parsely-pub-date" | "article.published" => pub_meta.push((3, content)),
        "og:site_name" | "application-name" if site_name.is_none() => *site_name = Some(content),
        _ => {}
    }
}

/// Walks a token's decoded `value` along its `raw` source text (which starts at byte
/// `base`), emitting each character with the source offset where it starts.
fn align(value: &str, raw: &str, base: usize, out: &mut Out) {
    let mut i = 0usize;
    for c in value.chars() {
        let rest = raw.get(i..).unwrap_or("");
        if rest.starts_with(c) {
            out.ch(c, base + i);
            i += c.len_utf8();
        } else if c == '\n' && rest.starts_with('\r') {
            out.ch(c, base + i);
            i += if rest.starts_with("\r\n") { 2 } else { 1 };
        } else if rest.starts_with('&') {
            out.ch(c, base + i);
            // Skip the entity: `&name;`, `&#123;`, `&#x1F;`, or a legacy name without `;`.
            let ent = rest.get(1..).unwrap_or("");
            let len = ent
                .char_indices()
                .take(40)
                .find(|&(_, ch)| !(ch.is_ascii_alphanumeric() || ch == '#'))
                .map(|(k, ch)| if ch == ';' { k + 1 } else { k })
                .unwrap_or(ent.len().min(40));
            i += 1 + len;
            // If the value resumes right after, fine; extra chars of a multi-char entity
            // fall to the mismatch branch below and stay anchored here.
        } else if let Some(sc) = rest.chars().next() {
            // Substitution (NUL → U+FFFD, a multi-char entity tail…): anchor here.
            out.ch(c, base + i);
            // Only a replaced control character (NUL → U+FFFD) consumes the source.
            if sc.is_control() {
                i += sc.len_utf8();
            }
        } else {
            out.ch(c, base + raw.len());
        }
    }
}

/// Output builder: collapses whitespace, places breaks, anchors characters.
#[derive(Default)]
struct Out {
    text: String,
    anchors: Vec<(usize, usize)>,
    /// Pending line breaks (0 = a space) and where they come from.
    pending_break: Option<(u8, usize)>,
    /// A pending collapsed space and where it starts.
    pending_space: Option<usize>,
}

impl Out {
    fn anchor(&mut self, t: usize, s: usize) {
        if let Some(&(lt, ls)) = self.anchors.last() {
            if s < ls {
                // Keep the map monotone: never go back.
                if ls + (t - lt) != ls {
                    self.anchors.push((t, ls));
                }
                return;
            }
            if ls + (t - lt) == s {
                return;
            }
        }
        self.anchors.push((t, s));
    }

    fn push(&mut self, c: char, s: usize) {
        let t = self.text.len();
        self.anchor(t, s);
        self.text.push(c);
    }

    fn ch(&mut self, c: char, s: usize) {
        if is_html_ws(c) {
            if !self.text.is_empty() && self.pending_break.is_none() && self.pending_space.is_none()
            {
                self.pending_space = Some(s);
            }
            return;
        }
        if let Some((n, p)) = self.pending_break.take() {
            if !self.text.is_empty() {
                match n {
                    0 => self.push(' ', p),
                    1 => self.push('\n', p),
                    _ => {
                        self.push('\n', p);
                        self.push('\n', p);
                    }
                }
            }
            self.pending_space = None;
        } else if let Some(p) = self.pending_space.take() {
            self.push(' ', p);
        }
        self.push(c, s);
    }

    fn brk(&mut self, lines: u8, pos: usize) {
        if self.text.is_empty() {
            return;
        }
        self.pending_space = None;
        self.pending_break = match self.pending_break {
            Some((n, p)) => Some((n.max(lines), p)),
            None => Some((lines, pos)),
        };
    }

    fn finish(mut self, src_len: usize) -> (String, OffsetMap) {
        let t = self.text.len();
        if self.anchors.is_empty() {
            self.anchors.push((0, 0));
        }
        let _ = t;
        (
            self.text,
            OffsetMap {
                anchors: self.anchors,
                original_len: src_len,
            },
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(src: &str, page: &Page) {
        // Every non-space character maps to the same character or to an entity.
        for (t, c) in page.text.char_indices() {
            if c.is_whitespace() {
                continue;
            }
            let s = page.map.to_orig(t);
            let rest = src.get(s..).unwrap_or("");
            assert!(
                rest.starts_with(c) || rest.starts_with('&'),
                "char {c:?} at {t} maps to {:?}",
                rest.get(..10)
            );
        }
    }

    #[test]
    fn basic_article() {
        let src = "<html><head><title>T &amp; co</title><meta property=\"og:site_name\" content=\"Le Site\">\
            <meta property=\"article:published_time\" content=\"2023-05-02T10:00:00+02:00\"></head>\
            <body><nav>Menu Accueil</nav><article><h1>Titre</h1><p>Le ministre a visit&eacute; Kigali.</p>\
            <p>Deuxi\u{e8}me<br>ligne <img src=x onerror=\"alert('Paris')\"> fin.</p>\
            <script>var x = 'Moscou';</script><style>p{}</style></article><footer>Pied</footer></body></html>";
        let page = extract(src);
        assert_eq!(
            page.text,
            "Titre\n\nLe ministre a visité Kigali.\n\nDeuxième\nligne fin."
        );
        assert_eq!(page.meta.title.as_deref(), Some("T & co"));
        assert_eq!(page.meta.site_name.as_deref(), Some("Le Site"));
        assert_eq!(
            page.meta.published.as_deref(),
            Some("2023-05-02T10:00:00+02:00")
        );
        check(src, &page);
    }

    #[test]
    fn malformed_deep() {
        let mut src = String::from("<body>");
        for _ in 0..100_000 {
            src.push_str("<div><span>");
        }
        src.push_str("texte</p></div><nav>x");
        let page = extract(&src);
        assert_eq!(page.text, "texte");
        let page =
            extract("<p>un<p>deux<div>trois</span></b><li>quatre<!-- c --> &notin; &#x41;&#65");
        assert!(
            page.text.contains("un\n\ndeux\n\ntrois\nquatre"),
            "{:?}",
            page.text
        );
        check(
            "<p>un<p>deux<div>trois</span></b><li>quatre<!-- c --> &notin; &#x41;&#65",
            &page,
        );
    }

    #[test]
    fn json_ld_and_time() {
        let src = r#"<script type="application/ld+json">{"@type":"NewsArticle","datePublished":"2021-03-04T08:00:00Z"}</script><p>Texte <time datetime="2020-01-01">hier</time></p>"#;
        let page = extract(src);
        assert_eq!(page.meta.published.as_deref(), Some("2021-03-04T08:00:00Z"));
        assert_eq!(page.text, "Texte hier");
    }
    /// A `<title>` ending with the outlet's name loses it; other titles are kept whole.
    #[test]
    fn title_without_site_name() {
        for (title, site, want) in [
            (
                "Tchad : accord de défense - Le Journal",
                "Le Journal",
                "Tchad : accord de défense",
            ),
            ("Accord signé | RFI", "RFI", "Accord signé"),
            ("Accord signé – RFI ", "RFI", "Accord signé – RFI "),
            ("RFI", "RFI", "RFI"),
            (
                "Le Journal publie un accord",
                "Le Journal",
                "Le Journal publie un accord",
            ),
            ("Accord signé - RFI", "", "Accord signé - RFI"),
        ] {
            assert_eq!(strip_site(title, site), want, "{title:?}");
        }
    }
}
