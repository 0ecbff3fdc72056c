//! Shared-results links: the decoder of the results part (`r=…`) of the page's URL fragment.
//!
//! The page's “Share results as a link” writes the extracted data (no article texts, no
//! offsets) as JSON, compresses it with raw deflate (`CompressionStream('deflate-raw')`)
//! and puts it in the fragment as base64url without padding. Anyone can craft such a link,
//! so opening one is the page's most exposed input. [`decode`] reads it in steps, each with
//! a hard limit, and only ever produces data:
//!
//! 1. at most [`MAX_FRAGMENT_CHARS`] characters of base64url (`A–Z a–z 0–9 - _`, nothing else);
//! 2. raw deflate, inflated into at most [`MAX_INFLATED_BYTES`] (a zip bomb stops there),
//!    with nothing after the end of the compressed data;
//! 3. UTF-8 text (a leading byte-order mark is skipped, as the browser's `TextDecoder` does);
//! 4. JSON, read in one streaming pass straight into the typed [`Results`]: a value of the
//!    wrong shape is reported, fields the schema does not know are skipped without being
//!    kept, and lists are capped ([`MAX_ARTICLES`], [`MAX_LIST`]), so memory stays
//!    proportional to the data actually kept;
//! 5. the schema the page relies on: types, enumerations (event types, statuses, date
//!    precisions, formats), two-letter country codes, whole numbers, latitude and longitude
//!    ranges, strings cut at [`MAX_STRING_UNITS`] UTF-16 units, and every `sources` entry
//!    pointing to an article of the link.
//!
//! It accepts what the page's former JavaScript validator accepted, and reports the same
//! first problem with the same message (the JavaScript checked the fields of an object in
//! a fixed order, whatever their order in the text; so does this). It is stricter on
//! absurd values only: latitudes outside ±90°, longitudes outside ±180°, whole numbers
//! above 2⁵³ − 1, and, in the fields it reads, numbers too large for a double (`1e400`)
//! and lone UTF-16 surrogates are refused; links over 1 MiB (was 4 MiB) too. Numbers of
//! more than 15 significant digits may be read one unit in the last place off (serde_json
//! parses floats fast rather than exactly).
//! `tests/data/share/js-reference.json` holds that decoder's answers on 1,555 links.
//!
//! [`decode`] never panics, whatever its input (`fuzz/fuzz_targets/share_fragment.rs`);
//! its errors ([`ShareError`]) are sentences a user can read.
//!
//! ```
//! let link = entente::share::encode(r#"{"format":"entente-results","version":1,"articles":[],
//!     "corpus":{"people":[],"events":[],"countries":[]}}"#);
//! let results = entente::share::decode(&link).unwrap();
//! assert!(results.articles.is_empty());
//! assert_eq!(entente::share::decode("abc!").unwrap_err().to_string(),
//!            "the link is damaged (unexpected characters)");
//! ```

use std::fmt;

use serde::de::{self, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde::Serialize;

/// Longest results part of a fragment that is read, in characters (1 MiB). The page itself
/// refuses to make links over 64 KiB; Chromium opens no URL over 2 MiB.
pub const MAX_FRAGMENT_CHARS: usize = 1024 * 1024;
/// Most bytes the compressed data may inflate to (32 MiB): beyond, the link is refused.
pub const MAX_INFLATED_BYTES: usize = 32 * 1024 * 1024;
/// Strings are cut at this many UTF-16 code units (as JavaScript's `slice` counts), at a
/// character boundary.
pub const MAX_STRING_UNITS: usize = 100_000;
/// Most articles a link may hold.
pub const MAX_ARTICLES: usize = 100_000;
/// Most entries of any other list.
pub const MAX_LIST: usize = 1_000_000;
/// Most actors of an event (from, to).
pub const MAX_ACTORS: usize = 2;
/// Largest whole number accepted (JavaScript's `Number.MAX_SAFE_INTEGER`).
pub const MAX_WHOLE: u64 = (1 << 53) - 1;

/// The event types (as in `www/model.js`).
pub const EVENT_TYPES: &[&str] = &["MEETING", "AGREEMENT", "ARMS", "TRAINING", "DEPLOYMENT", "EXERCISE", "REQUEST"];
/// The event statuses.
pub const STATUSES: &[&str] = &["done", "planned", "ongoing", "ended"];
/// The date precisions.
pub const PRECISIONS: &[&str] = &["day", "week", "month", "quarter", "season", "half", "year", "range", "unknown"];
/// The article formats.
pub const FORMATS: &[&str] = &["text", "markdown", "html"];

// ---- errors -------------------------------------------------------------------------------

/// Why a link cannot be opened, as a sentence for the user (lower case, no final period:
/// the page writes “This link's shared results cannot be opened: {message}.”).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ShareError {
    /// The message.
    pub message: String,
}

impl ShareError {
    fn new(message: impl Into<String>) -> Self {
        ShareError { message: message.into() }
    }
}

impl fmt::Display for ShareError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for ShareError {}

// ---- the decoded results ------------------------------------------------------------------

/// Always empty: the lists of positions in the text that a link does not carry
/// (`mentions`, `excluded`, `dates`). Serialized as `[]`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Nothing;

impl Serialize for Nothing {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeSeq;
        s.serialize_seq(Some(0))?.end()
    }
}

/// What a results link holds, in the shapes of the page's analyses (`Analysis`) and merged
/// view (`Merged`), with empty texts and no offsets: `text` is `""`, position lists are
/// `[]` and `*_at` fields are `null`.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Results {
    /// The articles, in the link's order (`sources` point into this list).
    pub articles: Vec<Article>,
    /// The cross-article view.
    pub corpus: Corpus,
}

/// One article of a link.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Article {
    /// The file name.
    pub doc: String,
    /// The title.
    pub title: Option<String>,
    /// The publication date (normalized).
    pub published: Option<String>,
    /// True when the publication date was inferred.
    pub published_inferred: bool,
    /// The outlet.
    pub source: Option<String>,
    /// The file's encoding.
    pub encoding: String,
    /// `text`, `markdown` or `html`.
    pub format: String,
    /// Notes about the file.
    pub warnings: Vec<String>,
    /// Always empty: a link carries no text.
    pub text: String,
    /// Always empty.
    pub excluded: Nothing,
    /// Always empty.
    pub dates: Nothing,
    /// Countries mentioned.
    pub countries: Vec<Country>,
    /// People mentioned.
    pub people: Vec<Person>,
    /// Places mentioned.
    pub places: Vec<Place>,
    /// Organizations mentioned.
    pub organizations: Vec<Organization>,
    /// Cooperation events.
    pub events: Vec<Event>,
}

/// A country mentioned in an article.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Country {
    /// ISO code, two capital letters.
    pub code: String,
    /// Name.
    pub name: String,
    /// Always empty.
    pub mentions: Nothing,
}

/// A person mentioned in an article.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Person {
    /// Name.
    pub name: String,
    /// Role.
    pub role: Option<String>,
    /// Country code.
    pub country: Option<String>,
    /// Other spellings.
    pub aliases: Vec<String>,
    /// Spelling-insensitive key.
    pub key: String,
    /// Always empty.
    pub mentions: Nothing,
}

/// A place mentioned in an article.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Place {
    /// Name.
    pub name: String,
    /// Country code.
    pub country: Option<String>,
    /// Latitude, −90 to 90.
    pub lat: Option<f64>,
    /// Longitude, −180 to 180.
    pub lon: Option<f64>,
    /// Always empty.
    pub mentions: Nothing,
}

/// An organization mentioned in an article.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Organization {
    /// Name.
    pub name: String,
    /// Kind.
    pub kind: String,
    /// Always empty.
    pub mentions: Nothing,
}

/// An event reported by an article.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Event {
    /// One of [`EVENT_TYPES`].
    #[serde(rename = "type")]
    pub kind: String,
    /// At most two country codes.
    pub actors: Vec<String>,
    /// Direction known.
    pub directed: bool,
    /// Normalized date.
    pub date: Option<String>,
    /// One of [`PRECISIONS`].
    pub date_precision: Option<String>,
    /// Always `null`.
    pub date_at: (),
    /// Place.
    pub place: Option<String>,
    /// One of [`STATUSES`].
    pub status: String,
    /// People involved.
    pub people: Vec<String>,
    /// PLOVER category.
    pub plover: String,
    /// Trigger word.
    pub trigger: String,
    /// Always `null`.
    pub trigger_at: (),
    /// The sentence reporting it.
    pub evidence: String,
    /// Always `null`.
    pub evidence_at: (),
}

/// The cross-article view of a link.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Corpus {
    /// One entry per person.
    pub people: Vec<CorpusPerson>,
    /// One entry per event.
    pub events: Vec<CorpusEvent>,
    /// Country statistics.
    pub countries: Vec<CorpusCountry>,
}

/// Where a merged entry comes from.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct SourceRef {
    /// Index of the article in [`Results::articles`] (checked).
    pub article: u64,
    /// The article's file name.
    pub doc: String,
    /// Index in the article's list.
    pub index: u64,
}

/// A person across articles.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct CorpusPerson {
    /// Name.
    pub name: String,
    /// Other spellings.
    pub aliases: Vec<String>,
    /// Role.
    pub role: Option<String>,
    /// Country code.
    pub country: Option<String>,
    /// Spelling-insensitive key.
    pub key: String,
    /// Where it is mentioned.
    pub sources: Vec<SourceRef>,
}

/// An event across articles.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct CorpusEvent {
    /// One of [`EVENT_TYPES`].
    #[serde(rename = "type")]
    pub kind: String,
    /// At most two country codes.
    pub actors: Vec<String>,
    /// Direction known.
    pub directed: bool,
    /// Normalized date.
    pub date: Option<String>,
    /// One of [`PRECISIONS`].
    pub date_precision: Option<String>,
    /// Place.
    pub place: Option<String>,
    /// One of [`STATUSES`].
    pub status: String,
    /// People involved.
    pub people: Vec<String>,
    /// PLOVER category.
    pub plover: String,
    /// The reports.
    pub sources: Vec<SourceRef>,
}

/// Statistics of one country across articles.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct CorpusCountry {
    /// ISO code.
    pub code: String,
    /// French name.
    pub name: String,
    /// English name.
    pub name_en: String,
    /// Latitude, −90 to 90.
    pub lat: Option<f64>,
    /// Longitude, −180 to 180.
    pub lon: Option<f64>,
    /// Mentions.
    pub mentions: u64,
    /// Articles mentioning it.
    pub articles: u64,
    /// Events it takes part in.
    pub events: u64,
    /// Partner country codes.
    pub partners: Vec<String>,
}

// ---- the steps ----------------------------------------------------------------------------

/// Decodes and checks the results part of a shared link (the value of `r=`).
pub fn decode(fragment: &str) -> Result<Results, ShareError> {
    if fragment.len() > MAX_FRAGMENT_CHARS {
        return Err(ShareError::new("the link is too long to be a shared result"));
    }
    let compressed = unbase64url(fragment)?;
    let bytes = inflate(&compressed, MAX_INFLATED_BYTES)?;
    let text = std::str::from_utf8(&bytes).map_err(|_| ShareError::new("the link is damaged (not valid text)"))?;
    decode_json(text.strip_prefix('\u{feff}').unwrap_or(text))
}

/// The last steps of [`decode`] alone: reads the JSON text of a link and checks it.
pub fn decode_json(json: &str) -> Result<Results, ShareError> {
    let mut de = serde_json::Deserializer::from_str(json);
    // Pass 1 reads everything but the corpus, whose `sources` must be checked against the
    // number of articles; pass 2 reads the corpus alone. Both read the whole text, so a
    // syntax error anywhere is found before any schema problem is reported.
    let root = match Read::new(&Root, &Path::root()).deserialize(&mut de).and_then(|r| de.end().map(|_| r)) {
        Ok(root) => root,
        Err(_) => return Err(ShareError::new("the link is damaged (not valid data)")),
    };
    let invalid = |e: Invalid| ShareError::new(format!("the shared results are not valid: {}", e.0));
    let articles = root.map_err(invalid)?;
    let schema = CorpusRoot { articles: articles.len() as u64 };
    let mut de = serde_json::Deserializer::from_str(json);
    let corpus = Read::new(&schema, &Path::root())
        .deserialize(&mut de)
        .map_err(|_| ShareError::new("the link is damaged (not valid data)"))?
        .map_err(invalid)?;
    Ok(Results { articles, corpus })
}

/// Encodes JSON text as the page does: raw deflate, then base64url without padding.
///
/// The page encodes with the browser's `CompressionStream`; this one is for tests, fuzz
/// seeds and tools. Any compression level gives a link [`decode`] reads.
pub fn encode(json: &str) -> String {
    base64url(&miniz_oxide::deflate::compress_to_vec(json.as_bytes(), 9))
}

const B64: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/// base64url without padding.
pub fn base64url(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let n = (u32::from(chunk[0]) << 16)
            | (u32::from(chunk.get(1).copied().unwrap_or(0)) << 8)
            | u32::from(chunk.get(2).copied().unwrap_or(0));
        for i in 0..chunk.len() + 1 {
            out.push(B64[(n >> (18 - 6 * i)) as usize & 63] as char);
        }
    }
    out
}

/// Reads base64url without padding. Like the browser's `atob`, the unused low bits of the
/// last character are ignored; a length of 4n + 1 characters cannot be base64.
fn unbase64url(text: &str) -> Result<Vec<u8>, ShareError> {
    let value = |c: u8| -> Option<u32> {
        Some(match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'-' => 62,
            b'_' => 63,
            _ => return None,
        } as u32)
    };
    let bytes = text.as_bytes();
    if bytes.iter().any(|&c| value(c).is_none()) {
        return Err(ShareError::new("the link is damaged (unexpected characters)"));
    }
    if bytes.len() % 4 == 1 {
        return Err(ShareError::new("the link is damaged (bad encoding)"));
    }
    let mut out = Vec::with_capacity(bytes.len() / 4 * 3 + 2);
    for chunk in bytes.chunks(4) {
        let mut n = 0u32;
        for (i, &c) in chunk.iter().enumerate() {
            n |= value(c).unwrap_or(0) << (18 - 6 * i);
        }
        for i in 0..chunk.len() - 1 {
            out.push((n >> (16 - 8 * i)) as u8);
        }
    }
    Ok(out)
}

/// Inflates raw deflate data into at most `max` bytes. Data that is truncated, corrupt,
/// followed by anything, or larger than `max` once inflated, is refused.
fn inflate(input: &[u8], max: usize) -> Result<Vec<u8>, ShareError> {
    use miniz_oxide::inflate::core::{decompress, inflate_flags, DecompressorOxide};
    use miniz_oxide::inflate::TINFLStatus;

    let damaged = || ShareError::new("the link is damaged (cannot be decompressed)");
    let mut out = vec![0u8; input.len().saturating_mul(4).clamp(1024, max.max(1))];
    let mut decomp = Box::<DecompressorOxide>::default();
    let mut rest = input;
    let mut out_pos = 0;
    loop {
        let flags = inflate_flags::TINFL_FLAG_USING_NON_WRAPPING_OUTPUT_BUF;
        let (status, consumed, produced) = decompress(&mut decomp, rest, &mut out, out_pos, flags);
        out_pos += produced;
        rest = rest.get(consumed..).ok_or_else(damaged)?;
        match status {
            TINFLStatus::Done => {
                if !rest.is_empty() {
                    return Err(ShareError::new("the link is damaged (unexpected data after the end)"));
                }
                out.truncate(out_pos);
                return Ok(out);
            }
            TINFLStatus::HasMoreOutput => {
                if out.len() >= max {
                    return Err(ShareError::new("the shared results are too large to open"));
                }
                let grown = out.len().saturating_mul(2).min(max);
                out.resize(grown, 0);
            }
            _ => return Err(damaged()),
        }
    }
}

// ---- the schema ---------------------------------------------------------------------------
//
// Each JSON value is read with a `Schema`, which says what it makes of each kind of JSON
// value. A value of the wrong kind is a schema problem (`Invalid`), returned as data inside
// an `Ok`, never as a deserializer error: the deserializer's errors are syntax errors
// only, and reading always goes on to the end of the text. An object is read whole (the
// last of duplicate keys wins, as with `JSON.parse`), then its fields are checked in the
// order the JavaScript validator checked them; a list stops keeping and checking entries
// after its first problem, and is refused as too long as soon as it has too many.

/// A schema problem: where, and what is wrong.
#[derive(Debug)]
struct Invalid(String);

type Checked<T> = Result<T, Invalid>;

#[derive(Clone, Copy)]
enum Seg {
    /// The whole value (`results should be an object`).
    Root,
    /// The top of the paths of its fields: they read `articles`, not `results.articles`.
    Top,
    Field(&'static str),
    Index(usize),
}

/// Where a value is (`articles[3].people[0].name`), built only when a problem is reported.
#[derive(Clone, Copy)]
struct Path<'a> {
    parent: Option<&'a Path<'a>>,
    seg: Seg,
}

impl<'a> Path<'a> {
    fn root() -> Path<'static> {
        Path { parent: None, seg: Seg::Root }
    }
    fn top() -> Path<'static> {
        Path { parent: None, seg: Seg::Top }
    }
    fn field(&'a self, name: &'static str) -> Path<'a> {
        Path { parent: Some(self), seg: Seg::Field(name) }
    }
    fn index(&'a self, i: usize) -> Path<'a> {
        Path { parent: Some(self), seg: Seg::Index(i) }
    }
    fn render(&self, out: &mut String) {
        if let Some(p) = self.parent {
            p.render(out);
        }
        match self.seg {
            Seg::Root => out.push_str("results"),
            Seg::Top => {}
            Seg::Field(f) => {
                if !out.is_empty() {
                    out.push('.');
                }
                out.push_str(f);
            }
            Seg::Index(i) => {
                out.push('[');
                out.push_str(&i.to_string());
                out.push(']');
            }
        }
    }
    fn problem(&self, what: &str) -> Invalid {
        let mut s = String::new();
        self.render(&mut s);
        s.push(' ');
        s.push_str(what);
        Invalid(s)
    }
}

/// Reads the rest of a list or an object without keeping it (syntax is still checked).
fn skip_seq<'de, A: SeqAccess<'de>>(mut seq: A) -> Result<usize, A::Error> {
    let mut n = 0;
    while seq.next_element::<IgnoredAny>()?.is_some() {
        n += 1;
    }
    Ok(n)
}

fn skip_map<'de, A: MapAccess<'de>>(mut map: A) -> Result<(), A::Error> {
    while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
    Ok(())
}

/// What a schema makes of each kind of JSON value. Every default is “wrong kind”.
trait Schema {
    type Out;
    /// The problem when the value has the wrong kind, e.g. `should be text`.
    fn expected(&self) -> &'static str;
    fn wrong(&self, p: &Path) -> Invalid {
        p.problem(self.expected())
    }
    /// The field is absent (JavaScript's `undefined`).
    fn missing(&self, p: &Path) -> Checked<Self::Out> {
        Err(self.wrong(p))
    }
    fn null(&self, p: &Path) -> Checked<Self::Out> {
        self.missing(p)
    }
    fn boolean(&self, p: &Path, _: bool) -> Checked<Self::Out> {
        Err(self.wrong(p))
    }
    fn number(&self, p: &Path, _: f64) -> Checked<Self::Out> {
        Err(self.wrong(p))
    }
    fn string(&self, p: &Path, _: &str) -> Checked<Self::Out> {
        Err(self.wrong(p))
    }
    fn seq<'de, A: SeqAccess<'de>>(&self, p: &Path, seq: A) -> Result<Checked<Self::Out>, A::Error> {
        skip_seq(seq)?;
        Ok(Err(self.wrong(p)))
    }
    fn map<'de, A: MapAccess<'de>>(&self, p: &Path, map: A) -> Result<Checked<Self::Out>, A::Error> {
        skip_map(map)?;
        Ok(Err(self.wrong(p)))
    }
}

/// Reads one value with a schema (a `DeserializeSeed` and its `Visitor`).
struct Read<'s, 'p, S> {
    schema: &'s S,
    path: &'p Path<'p>,
}

impl<'s, 'p, S> Read<'s, 'p, S> {
    fn new(schema: &'s S, path: &'p Path<'p>) -> Self {
        Read { schema, path }
    }
}

impl<'de, S: Schema> DeserializeSeed<'de> for Read<'_, '_, S> {
    type Value = Checked<S::Out>;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de, S: Schema> Visitor<'de> for Read<'_, '_, S> {
    type Value = Checked<S::Out>;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a JSON value")
    }
    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(self.schema.null(self.path))
    }
    fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(self.schema.null(self.path))
    }
    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Self::Value, E> {
        Ok(self.schema.boolean(self.path, v))
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Self::Value, E> {
        Ok(self.schema.number(self.path, v as f64))
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
        Ok(self.schema.number(self.path, v as f64))
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Self::Value, E> {
        Ok(self.schema.number(self.path, v))
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
        Ok(self.schema.string(self.path, v))
    }
    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Self::Value, A::Error> {
        self.schema.seq(self.path, seq)
    }
    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
        self.schema.map(self.path, map)
    }
}

/// Cuts a string at `MAX_STRING_UNITS` UTF-16 units, at a character boundary.
fn cut(s: &str) -> String {
    // Fast path: a string of at most MAX_STRING_UNITS bytes has at most that many units.
    if s.len() <= MAX_STRING_UNITS {
        return s.to_string();
    }
    let mut units = 0;
    for (i, c) in s.char_indices() {
        units += c.len_utf16();
        if units > MAX_STRING_UNITS {
            return s[..i].to_string();
        }
    }
    s.to_string()
}

/// Text (`str`).
struct Str;
impl Schema for Str {
    type Out = String;
    fn expected(&self) -> &'static str {
        "should be text"
    }
    fn string(&self, _: &Path, s: &str) -> Checked<String> {
        Ok(cut(s))
    }
}

/// `null`, absent, or what `S` accepts (`optStr`, `optCode`, `optNum`, `precision`).
struct Opt<S>(S);
impl<S: Schema> Schema for Opt<S> {
    type Out = Option<S::Out>;
    fn expected(&self) -> &'static str {
        self.0.expected()
    }
    fn missing(&self, _: &Path) -> Checked<Self::Out> {
        Ok(None)
    }
    fn boolean(&self, p: &Path, v: bool) -> Checked<Self::Out> {
        self.0.boolean(p, v).map(Some)
    }
    fn number(&self, p: &Path, v: f64) -> Checked<Self::Out> {
        self.0.number(p, v).map(Some)
    }
    fn string(&self, p: &Path, v: &str) -> Checked<Self::Out> {
        self.0.string(p, v).map(Some)
    }
    fn seq<'de, A: SeqAccess<'de>>(&self, p: &Path, seq: A) -> Result<Checked<Self::Out>, A::Error> {
        Ok(self.0.seq(p, seq)?.map(Some))
    }
    fn map<'de, A: MapAccess<'de>>(&self, p: &Path, map: A) -> Result<Checked<Self::Out>, A::Error> {
        Ok(self.0.map(p, map)?.map(Some))
    }
}

/// `true` or `false`.
struct Bool;
impl Schema for Bool {
    type Out = bool;
    fn expected(&self) -> &'static str {
        "should be true or false"
    }
    fn boolean(&self, _: &Path, v: bool) -> Checked<bool> {
        Ok(v)
    }
}

/// A number between `min` and `max` (latitude, longitude).
struct Num {
    min: f64,
    max: f64,
}
const LAT: Num = Num { min: -90.0, max: 90.0 };
const LON: Num = Num { min: -180.0, max: 180.0 };
impl Schema for Num {
    type Out = f64;
    fn expected(&self) -> &'static str {
        "should be a number"
    }
    fn number(&self, p: &Path, v: f64) -> Checked<f64> {
        if !v.is_finite() {
            return Err(self.wrong(p));
        }
        if v < self.min || v > self.max {
            return Err(p.problem("is out of range"));
        }
        Ok(v)
    }
}

/// A whole number from 0 to [`MAX_WHOLE`] (`int`).
struct Whole;
impl Schema for Whole {
    type Out = u64;
    fn expected(&self) -> &'static str {
        "should be a whole number"
    }
    fn number(&self, p: &Path, v: f64) -> Checked<u64> {
        if v.is_finite() && v.fract() == 0.0 && v >= 0.0 && v <= MAX_WHOLE as f64 {
            Ok(v as u64)
        } else {
            Err(self.wrong(p))
        }
    }
}

/// Two capital letters (`code`).
struct Code;
impl Schema for Code {
    type Out = String;
    fn expected(&self) -> &'static str {
        "should be a country code"
    }
    fn string(&self, p: &Path, s: &str) -> Checked<String> {
        if s.len() == 2 && s.bytes().all(|b| b.is_ascii_uppercase()) {
            Ok(s.to_string())
        } else {
            Err(self.wrong(p))
        }
    }
}

/// One of a few strings (`oneOf`).
struct OneOf(&'static [&'static str]);
impl Schema for OneOf {
    type Out = String;
    fn expected(&self) -> &'static str {
        "has an unknown value"
    }
    fn string(&self, p: &Path, s: &str) -> Checked<String> {
        if self.0.contains(&s) {
            Ok(s.to_string())
        } else {
            Err(self.wrong(p))
        }
    }
}

/// A list of at most `max` values of `each` (`list`).
struct List<S> {
    each: S,
    max: usize,
}
fn list<S>(each: S) -> List<S> {
    List { each, max: MAX_LIST }
}
impl<S: Schema> Schema for List<S> {
    type Out = Vec<S::Out>;
    fn expected(&self) -> &'static str {
        "should be a list"
    }
    fn seq<'de, A: SeqAccess<'de>>(&self, p: &Path, mut seq: A) -> Result<Checked<Self::Out>, A::Error> {
        let mut out = Vec::new();
        let mut first: Option<Invalid> = None;
        let mut n = 0usize;
        loop {
            if first.is_some() || n >= self.max {
                // Keep counting (the length is checked before the entries), keep nothing.
                let more = skip_seq(seq)?;
                if n + more > self.max {
                    return Ok(Err(p.problem("is too long")));
                }
                break;
            }
            let at = p.index(n);
            match seq.next_element_seed(Read::new(&self.each, &at))? {
                None => break,
                Some(Ok(v)) => out.push(v),
                Some(Err(e)) => first = Some(e),
            }
            n += 1;
        }
        Ok(match first {
            Some(e) => Err(e),
            None => Ok(out),
        })
    }
}

/// The key of an object entry, as its index in a list of known names (`None`: unknown).
struct Key<'k>(&'k [&'static str]);

impl<'de> DeserializeSeed<'de> for Key<'_> {
    type Value = Option<usize>;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_str(self)
    }
}

impl<'de> Visitor<'de> for Key<'_> {
    type Value = Option<usize>;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a key")
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
        Ok(self.0.iter().position(|k| *k == v))
    }
}

/// The value of one named field, once read (the last one read when the key repeats).
struct Slot<S: Schema> {
    name: &'static str,
    schema: S,
    value: Option<Checked<S::Out>>,
}

/// A slot for the field `name` (a raw identifier's `r#` is dropped: `r#type` is `type`).
fn slot<S: Schema>(name: &'static str, schema: S) -> Slot<S> {
    Slot { name: name.strip_prefix("r#").unwrap_or(name), schema, value: None }
}

impl<S: Schema> Slot<S> {
    fn read<'de, A: MapAccess<'de>>(&mut self, p: &Path, map: &mut A) -> Result<(), A::Error> {
        let at = p.field(self.name);
        self.value = Some(map.next_value_seed(Read::new(&self.schema, &at))?);
        Ok(())
    }
    /// The checked value; an absent field is checked as JavaScript's `undefined`.
    fn take(self, p: &Path) -> Checked<S::Out> {
        match self.value {
            Some(v) => v,
            None => self.schema.missing(&p.field(self.name)),
        }
    }
}

/// Reads an object: `$map` is the `MapAccess`, `$p` its path, then its slots (checked
/// later, where `take` is called, in the JavaScript's order). Unknown keys are skipped.
macro_rules! read_fields {
    ($map:ident, $p:ident, $($slot:ident),+ $(,)?) => {{
        let keys = [$($slot.name),+];
        while let Some(key) = $map.next_key_seed(Key(&keys))? {
            read_fields!(@dispatch key, $map, $p, 0usize, $($slot),+);
        }
    }};
    (@dispatch $key:ident, $map:ident, $p:ident, $i:expr, $slot:ident $(, $rest:ident)*) => {
        if $key == Some($i) {
            $slot.read($p, &mut $map)?;
        } else {
            read_fields!(@dispatch $key, $map, $p, $i + 1usize, $($rest),*);
        }
    };
    (@dispatch $key:ident, $map:ident, $p:ident, $i:expr,) => {
        $map.next_value::<IgnoredAny>()?;
    };
}

/// Declares an object schema: its name, output type, the “should be an object” check,
/// the slots (`name: schema`), and how the output is built from the checked fields.
macro_rules! object {
    ($name:ident -> $out:ty { $($field:ident: $schema:expr),+ $(,)? } |$p:ident| $build:expr) => {
        struct $name;
        impl Schema for $name {
            type Out = $out;
            fn expected(&self) -> &'static str {
                "should be an object"
            }
            fn map<'de, A: MapAccess<'de>>(&self, $p: &Path, mut map: A) -> Result<Checked<$out>, A::Error> {
                $(let mut $field = slot(stringify!($field), $schema);)+
                read_fields!(map, $p, $($field),+);
                Ok((|| -> Checked<$out> { $build })())
            }
        }
    };
}

object!(CountrySchema -> Country { code: Code, name: Str } |p| Ok(Country {
    code: code.take(p)?,
    name: name.take(p)?,
    mentions: Nothing,
}));

object!(PersonSchema -> Person {
    name: Str, role: Opt(Str), country: Opt(Code), aliases: list(Str), key: Str,
} |p| Ok(Person {
    name: name.take(p)?,
    role: role.take(p)?,
    country: country.take(p)?,
    aliases: aliases.take(p)?,
    key: key.take(p)?,
    mentions: Nothing,
}));

object!(PlaceSchema -> Place { name: Str, country: Opt(Code), lat: Opt(LAT), lon: Opt(LON) } |p| Ok(Place {
    name: name.take(p)?,
    country: country.take(p)?,
    lat: lat.take(p)?,
    lon: lon.take(p)?,
    mentions: Nothing,
}));

object!(OrgSchema -> Organization { name: Str, kind: Str } |p| Ok(Organization {
    name: name.take(p)?,
    kind: kind.take(p)?,
    mentions: Nothing,
}));

object!(EventSchema -> Event {
    r#type: OneOf(EVENT_TYPES), actors: List { each: Code, max: MAX_ACTORS }, directed: Bool,
    date: Opt(Str), date_precision: Opt(OneOf(PRECISIONS)), place: Opt(Str), status: OneOf(STATUSES),
    people: list(Str), plover: Str, trigger: Str, evidence: Str,
} |p| Ok(Event {
    kind: r#type.take(p)?,
    actors: actors.take(p)?,
    directed: directed.take(p)?,
    date: date.take(p)?,
    date_precision: date_precision.take(p)?,
    date_at: (),
    place: place.take(p)?,
    status: status.take(p)?,
    people: people.take(p)?,
    plover: plover.take(p)?,
    trigger: trigger.take(p)?,
    trigger_at: (),
    evidence: evidence.take(p)?,
    evidence_at: (),
}));

object!(ArticleSchema -> Article {
    doc: Str, title: Opt(Str), published: Opt(Str), published_inferred: Bool, source: Opt(Str),
    encoding: Str, format: OneOf(FORMATS), warnings: list(Str), countries: list(CountrySchema),
    people: list(PersonSchema), places: list(PlaceSchema), organizations: list(OrgSchema),
    events: list(EventSchema),
} |p| Ok(Article {
    doc: doc.take(p)?,
    title: title.take(p)?,
    published: published.take(p)?,
    published_inferred: published_inferred.take(p)?,
    source: source.take(p)?,
    encoding: encoding.take(p)?,
    format: format.take(p)?,
    warnings: warnings.take(p)?,
    text: String::new(),
    excluded: Nothing,
    dates: Nothing,
    countries: countries.take(p)?,
    people: people.take(p)?,
    places: places.take(p)?,
    organizations: organizations.take(p)?,
    events: events.take(p)?,
}));

/// True when the value is this string or this number (`format`, `version`); any other
/// value is read and forgotten.
struct Is(Result<&'static str, f64>);
impl Schema for Is {
    type Out = bool;
    fn expected(&self) -> &'static str {
        "is not an entente results link"
    }
    fn missing(&self, _: &Path) -> Checked<bool> {
        Ok(false)
    }
    fn boolean(&self, _: &Path, _: bool) -> Checked<bool> {
        Ok(false)
    }
    fn number(&self, _: &Path, v: f64) -> Checked<bool> {
        Ok(self.0 == Err(v))
    }
    fn string(&self, _: &Path, s: &str) -> Checked<bool> {
        Ok(self.0 == Ok(s))
    }
    fn seq<'de, A: SeqAccess<'de>>(&self, _: &Path, seq: A) -> Result<Checked<bool>, A::Error> {
        skip_seq(seq)?;
        Ok(Ok(false))
    }
    fn map<'de, A: MapAccess<'de>>(&self, _: &Path, map: A) -> Result<Checked<bool>, A::Error> {
        skip_map(map)?;
        Ok(Ok(false))
    }
}

/// Pass 1: the whole object but the corpus (skipped), giving the articles.
struct Root;
impl Schema for Root {
    type Out = Vec<Article>;
    fn expected(&self) -> &'static str {
        "should be an object"
    }
    fn map<'de, A: MapAccess<'de>>(&self, _: &Path, mut map: A) -> Result<Checked<Self::Out>, A::Error> {
        let mut format = slot("format", Is(Ok("entente-results")));
        let mut version = slot("version", Is(Err(1.0)));
        let mut articles = slot("articles", List { each: ArticleSchema, max: MAX_ARTICLES });
        let top = &Path::top();
        read_fields!(map, top, format, version, articles);
        if !(format.take(top).unwrap_or(false) && version.take(top).unwrap_or(false)) {
            return Ok(Err(Invalid("this is not an entente results link".into())));
        }
        Ok(articles.take(top))
    }
}

/// A `sources` entry, checked against the number of articles (`ref`).
#[derive(Clone, Copy)]
struct Ref {
    articles: u64,
}
impl Schema for Ref {
    type Out = SourceRef;
    fn expected(&self) -> &'static str {
        "should be an object"
    }
    fn map<'de, A: MapAccess<'de>>(&self, p: &Path, mut map: A) -> Result<Checked<SourceRef>, A::Error> {
        let mut article = slot("article", Whole);
        let mut doc = slot("doc", Str);
        let mut index = slot("index", Whole);
        read_fields!(map, p, article, doc, index);
        Ok((|| {
            let r = SourceRef { article: article.take(p)?, doc: doc.take(p)?, index: index.take(p)? };
            if r.article >= self.articles {
                return Err(p.problem("points to a missing article"));
            }
            Ok(r)
        })())
    }
}

/// The corpus: people, events, countries; `articles` is the number of articles.
struct CorpusSchema {
    articles: u64,
}
impl Schema for CorpusSchema {
    type Out = Corpus;
    fn expected(&self) -> &'static str {
        "should be an object"
    }
    fn map<'de, A: MapAccess<'de>>(&self, p: &Path, mut map: A) -> Result<Checked<Corpus>, A::Error> {
        let sources = Ref { articles: self.articles };
        let mut people = slot("people", list(CorpusPersonSchema(sources)));
        let mut events = slot("events", list(CorpusEventSchema(sources)));
        let mut countries = slot("countries", list(CorpusCountrySchema));
        read_fields!(map, p, people, events, countries);
        Ok((|| Ok(Corpus { people: people.take(p)?, events: events.take(p)?, countries: countries.take(p)? }))())
    }
}

/// A person across articles (its `sources` checked with the `Ref`).
struct CorpusPersonSchema(Ref);
impl Schema for CorpusPersonSchema {
    type Out = CorpusPerson;
    fn expected(&self) -> &'static str {
        "should be an object"
    }
    fn map<'de, A: MapAccess<'de>>(&self, p: &Path, mut map: A) -> Result<Checked<CorpusPerson>, A::Error> {
        let mut name = slot("name", Str);
        let mut aliases = slot("aliases", list(Str));
        let mut role = slot("role", Opt(Str));
        let mut country = slot("country", Opt(Code));
        let mut key = slot("key", Str);
        let mut sources = slot("sources", list(self.0));
        read_fields!(map, p, name, aliases, role, country, key, sources);
        Ok((|| {
            Ok(CorpusPerson {
                name: name.take(p)?,
                aliases: aliases.take(p)?,
                role: role.take(p)?,
                country: country.take(p)?,
                key: key.take(p)?,
                sources: sources.take(p)?,
            })
        })())
    }
}

/// An event across articles (its `sources` checked with the `Ref`).
struct CorpusEventSchema(Ref);
impl Schema for CorpusEventSchema {
    type Out = CorpusEvent;
    fn expected(&self) -> &'static str {
        "should be an object"
    }
    fn map<'de, A: MapAccess<'de>>(&self, p: &Path, mut map: A) -> Result<Checked<CorpusEvent>, A::Error> {
        let mut r#type = slot("type", OneOf(EVENT_TYPES));
        let mut actors = slot("actors", List { each: Code, max: MAX_ACTORS });
        let mut directed = slot("directed", Bool);
        let mut date = slot("date", Opt(Str));
        let mut date_precision = slot("date_precision", Opt(OneOf(PRECISIONS)));
        let mut place = slot("place", Opt(Str));
        let mut status = slot("status", OneOf(STATUSES));
        let mut people = slot("people", list(Str));
        let mut plover = slot("plover", Str);
        let mut sources = slot("sources", list(self.0));
        read_fields!(map, p, r#type, actors, directed, date, date_precision, place, status, people, plover, sources);
        Ok((|| {
            Ok(CorpusEvent {
                kind: r#type.take(p)?,
                actors: actors.take(p)?,
                directed: directed.take(p)?,
                date: date.take(p)?,
                date_precision: date_precision.take(p)?,
                place: place.take(p)?,
                status: status.take(p)?,
                people: people.take(p)?,
                plover: plover.take(p)?,
                sources: sources.take(p)?,
            })
        })())
    }
}

object!(CorpusCountrySchema -> CorpusCountry {
    code: Code, name: Str, name_en: Str, lat: Opt(LAT), lon: Opt(LON), mentions: Whole,
    articles: Whole, events: Whole, partners: list(Code),
} |p| Ok(CorpusCountry {
    code: code.take(p)?,
    name: name.take(p)?,
    name_en: name_en.take(p)?,
    lat: lat.take(p)?,
    lon: lon.take(p)?,
    mentions: mentions.take(p)?,
    articles: articles.take(p)?,
    events: events.take(p)?,
    partners: partners.take(p)?,
}));

/// Pass 2: the corpus alone (everything else skipped); `articles` is the number of articles.
struct CorpusRoot {
    articles: u64,
}
impl Schema for CorpusRoot {
    type Out = Corpus;
    fn expected(&self) -> &'static str {
        "should be an object"
    }
    fn map<'de, A: MapAccess<'de>>(&self, _: &Path, mut map: A) -> Result<Checked<Corpus>, A::Error> {
        let mut corpus = slot("corpus", CorpusSchema { articles: self.articles });
        let top = &Path::top();
        read_fields!(map, top, corpus);
        Ok(corpus.take(top))
    }
}
