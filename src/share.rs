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
pub const EVENT_TYPES: &[&str] = &[
    "MEETING",
    "AGREEMENT",
    "ARMS",
    "TRAINING",
    "DEPLOYMENT",
    "EXERCISE",
    "REQUEST",
];
/// The event statuses.
pub const STATUSES: &[&str] = &["done", "planned", "ongoing", "ended"];
/// The date precisions.
pub const PRECISIONS: &[&str] = &[
    "day", "week", "month", "quarter", "season", "half", "year", "range", "unknown",
];
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
        ShareError {
            message: message.into(),
        }
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
        return Err(ShareError::new(
            "the link is too long to be a shared result",
        ));
    }
    let compressed = unbase64url(fragment)?;
    let bytes = inflate(&compressed, MAX_INFLATED_BYTES)?;
    let text = std::str::from_utf8(&bytes)
        .map_err(|_| ShareError::new("the link is damaged (not valid text)"))?;
    decode_json(text.strip_prefix('\u{feff}').unwrap_or(text))
}

/// The last steps of [`decode`] alone: reads the JSON text of a link and checks it.
pub fn decode_json(json: &str) -> Result<Results, ShareError> {
    match read_both(json) {
        Err(_) => Err(ShareError::new("the link is damaged (not valid data)")),
        Ok(Err(e)) => Err(ShareError::new(format!(
            "the shared results are not valid: {}",
            e.0
        ))),
        Ok(Ok(results)) => Ok(results),
    }
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
        return Err(ShareError::new(
            "the link is damaged (unexpected characters)",
        ));
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
                    return Err(ShareError::new(
                        "the link is damaged (unexpected data after the end)",
                    ));
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
// The schema is data (`Node`s), read by one visitor (`Read`), so that serde_json's parser is
// instantiated once and not once per type: a third of the size in the page's wasm.
//
// A value of the wrong kind is a schema problem (`Invalid`), returned as data inside an
// `Ok`, never as a deserializer error: the deserializer's errors are syntax errors only, and
// reading always goes on to the end of the text. An object is read whole (the last of
// duplicate keys wins, as with `JSON.parse`), then its fields are checked in the order the
// JavaScript validator checked them; a list stops keeping and checking entries after its
// first problem, and is refused as too long as soon as it has too many. What is accepted is
// kept as a `Val` tree holding only the schema's fields, then moved into the typed structs.

/// A schema problem: where, and what is wrong.
#[derive(Debug)]
struct Invalid(String);

type Checked<T> = Result<T, Invalid>;

const NOT_OURS: &str = "this is not an entente results link";

/// What a JSON value must be.
#[derive(Clone, Copy)]
enum Kind {
    /// Text, cut at `MAX_STRING_UNITS` (`str`).
    Str,
    /// `true` or `false`.
    Bool,
    /// A number in `[-max, max]` (latitude, longitude).
    Num(f64),
    /// A whole number from 0 to `MAX_WHOLE` (`int`).
    Whole,
    /// Two capital letters (`code`).
    Code,
    /// One of these strings (`oneOf`).
    OneOf(&'static [&'static str]),
    /// A list of at most this many values.
    List(&'static Node, usize),
    /// An object with these fields, checked in this order; other keys are skipped.
    Obj(&'static [Field]),
    /// A `sources` entry: `REF`'s fields, and an article that exists.
    Ref,
    /// This string or this number, or the link is not ours (`format`, `version`).
    Is(Result<&'static str, f64>),
}

/// A schema node: its kind, and whether `null` or absent is accepted (`optStr`…).
#[derive(Clone, Copy)]
struct Node {
    kind: Kind,
    optional: bool,
}

type Field = (&'static str, Node);

const fn node(kind: Kind) -> Node {
    Node {
        kind,
        optional: false,
    }
}
const fn opt(kind: Kind) -> Node {
    Node {
        kind,
        optional: true,
    }
}

const STR: Node = node(Kind::Str);
const OPT_STR: Node = opt(Kind::Str);
const BOOL: Node = node(Kind::Bool);
const WHOLE: Node = node(Kind::Whole);
const CODE: Node = node(Kind::Code);
const OPT_CODE: Node = opt(Kind::Code);
const LAT: Node = opt(Kind::Num(90.0));
const LON: Node = opt(Kind::Num(180.0));
const STRS: Node = node(Kind::List(&STR, MAX_LIST));
const CODES: Node = node(Kind::List(&CODE, MAX_LIST));
const ACTORS: Node = node(Kind::List(&CODE, MAX_ACTORS));
const TYPE: Node = node(Kind::OneOf(EVENT_TYPES));
const STATUS: Node = node(Kind::OneOf(STATUSES));
const PRECISION: Node = opt(Kind::OneOf(PRECISIONS));
const SOURCES: Node = node(Kind::List(&node(Kind::Ref), MAX_LIST));

const REF: &[Field] = &[("article", WHOLE), ("doc", STR), ("index", WHOLE)];

const ARTICLE: &[Field] = &[
    ("doc", STR),
    ("title", OPT_STR),
    ("published", OPT_STR),
    ("published_inferred", BOOL),
    ("source", OPT_STR),
    ("encoding", STR),
    ("format", node(Kind::OneOf(FORMATS))),
    ("warnings", STRS),
    (
        "countries",
        node(Kind::List(
            &node(Kind::Obj(&[("code", CODE), ("name", STR)])),
            MAX_LIST,
        )),
    ),
    (
        "people",
        node(Kind::List(
            &node(Kind::Obj(&[
                ("name", STR),
                ("role", OPT_STR),
                ("country", OPT_CODE),
                ("aliases", STRS),
                ("key", STR),
            ])),
            MAX_LIST,
        )),
    ),
    (
        "places",
        node(Kind::List(
            &node(Kind::Obj(&[
                ("name", STR),
                ("country", OPT_CODE),
                ("lat", LAT),
                ("lon", LON),
            ])),
            MAX_LIST,
        )),
    ),
    (
        "organizations",
        node(Kind::List(
            &node(Kind::Obj(&[("name", STR), ("kind", STR)])),
            MAX_LIST,
        )),
    ),
    (
        "events",
        node(Kind::List(&node(Kind::Obj(EVENT)), MAX_LIST)),
    ),
];

const EVENT: &[Field] = &[
    ("type", TYPE),
    ("actors", ACTORS),
    ("directed", BOOL),
    ("date", OPT_STR),
    ("date_precision", PRECISION),
    ("place", OPT_STR),
    ("status", STATUS),
    ("people", STRS),
    ("plover", STR),
    ("trigger", STR),
    ("evidence", STR),
];

const CORPUS: &[Field] = &[
    (
        "people",
        node(Kind::List(
            &node(Kind::Obj(&[
                ("name", STR),
                ("aliases", STRS),
                ("role", OPT_STR),
                ("country", OPT_CODE),
                ("key", STR),
                ("sources", SOURCES),
            ])),
            MAX_LIST,
        )),
    ),
    (
        "events",
        node(Kind::List(
            &node(Kind::Obj(&[
                ("type", TYPE),
                ("actors", ACTORS),
                ("directed", BOOL),
                ("date", OPT_STR),
                ("date_precision", PRECISION),
                ("place", OPT_STR),
                ("status", STATUS),
                ("people", STRS),
                ("plover", STR),
                ("sources", SOURCES),
            ])),
            MAX_LIST,
        )),
    ),
    (
        "countries",
        node(Kind::List(
            &node(Kind::Obj(&[
                ("code", CODE),
                ("name", STR),
                ("name_en", STR),
                ("lat", LAT),
                ("lon", LON),
                ("mentions", WHOLE),
                ("articles", WHOLE),
                ("events", WHOLE),
                ("partners", CODES),
            ])),
            MAX_LIST,
        )),
    ),
];

/// Pass 1: everything but the corpus (skipped). `format` and `version` come first, as the
/// JavaScript checked them before the articles.
const ROOT_ARTICLES: Node = node(Kind::Obj(&[
    ("format", node(Kind::Is(Ok("entente-results")))),
    ("version", node(Kind::Is(Err(1.0)))),
    (
        "articles",
        node(Kind::List(&node(Kind::Obj(ARTICLE)), MAX_ARTICLES)),
    ),
]));

/// Pass 2: the corpus alone (the rest skipped), once the number of articles is known.
const ROOT_CORPUS: Node = node(Kind::Obj(&[("corpus", node(Kind::Obj(CORPUS)))]));

/// An accepted value: only what the schema keeps (objects: their fields in schema order).
#[derive(Debug)]
enum Val {
    Null,
    Bool(bool),
    Num(f64),
    Str(String),
    List(Vec<Val>),
    Obj(Vec<Val>),
}

#[derive(Clone, Copy)]
enum Seg {
    /// The whole value: `results should be an object`, but `articles`, not `results.articles`.
    Root,
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
    const ROOT: Path<'static> = Path {
        parent: None,
        seg: Seg::Root,
    };

    fn field(&'a self, name: &'static str) -> Path<'a> {
        Path {
            parent: Some(self),
            seg: Seg::Field(name),
        }
    }
    fn index(&'a self, i: usize) -> Path<'a> {
        Path {
            parent: Some(self),
            seg: Seg::Index(i),
        }
    }
    fn render(&self, out: &mut String, leaf: bool) {
        if let Some(p) = self.parent {
            p.render(out, false);
        }
        match self.seg {
            Seg::Root if leaf => out.push_str("results"),
            Seg::Root => {}
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
        self.render(&mut s, true);
        s.push(' ');
        s.push_str(what);
        Invalid(s)
    }
}

impl Node {
    /// The problem with a value of the wrong kind (or an absent one).
    fn wrong(&self, p: &Path) -> Invalid {
        let what = match self.kind {
            Kind::Str => "should be text",
            Kind::Bool => "should be true or false",
            Kind::Num(_) => "should be a number",
            Kind::Whole => "should be a whole number",
            Kind::Code => "should be a country code",
            Kind::OneOf(_) => "has an unknown value",
            Kind::List(..) => "should be a list",
            Kind::Obj(_) | Kind::Ref => "should be an object",
            Kind::Is(_) => return Invalid(NOT_OURS.into()),
        };
        p.problem(what)
    }

    /// The field is absent or `null` (JavaScript's `v == null`).
    fn missing(&self, p: &Path) -> Checked<Val> {
        if self.optional {
            Ok(Val::Null)
        } else {
            Err(self.wrong(p))
        }
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

/// The number of articles, for the `sources` checks (pass 2).
#[derive(Clone, Copy)]
struct Ctx {
    articles: u64,
}

/// Reads one value with a schema node (a `DeserializeSeed` and its `Visitor`).
#[derive(Clone, Copy)]
struct Read<'a> {
    node: &'a Node,
    path: &'a Path<'a>,
    ctx: Ctx,
}

impl<'de> DeserializeSeed<'de> for Read<'_> {
    type Value = Checked<Val>;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_any(self)
    }
}

impl Read<'_> {
    fn number(self, v: f64) -> Checked<Val> {
        let ok = match self.node.kind {
            Kind::Num(max) if v.is_finite() => {
                if v.abs() > max {
                    return Err(self.path.problem("is out of range"));
                }
                true
            }
            Kind::Whole => v.is_finite() && v.fract() == 0.0 && v >= 0.0 && v <= MAX_WHOLE as f64,
            Kind::Is(Err(want)) => v == want,
            _ => false,
        };
        if ok {
            Ok(Val::Num(v))
        } else {
            Err(self.node.wrong(self.path))
        }
    }

    /// Reads the fields of an object; `fields` are checked in their order once it is read.
    fn object<'de, A: MapAccess<'de>>(
        self,
        fields: &'static [Field],
        mut map: A,
    ) -> Result<Checked<Vec<Val>>, A::Error> {
        let mut slots: Vec<Option<Checked<Val>>> = fields.iter().map(|_| None).collect();
        while let Some(key) = map.next_key_seed(Key(fields))? {
            match key {
                Some(i) => {
                    let at = self.path.field(fields[i].0);
                    slots[i] = Some(map.next_value_seed(Read {
                        node: &fields[i].1,
                        path: &at,
                        ctx: self.ctx,
                    })?);
                }
                None => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        let mut out = Vec::with_capacity(fields.len());
        for ((name, node), slot) in fields.iter().zip(slots) {
            match slot.unwrap_or_else(|| node.missing(&self.path.field(name))) {
                Ok(v) => out.push(v),
                Err(e) => return Ok(Err(e)),
            }
        }
        Ok(Ok(out))
    }
}

impl<'de> Visitor<'de> for Read<'_> {
    type Value = Checked<Val>;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a JSON value")
    }
    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(self.node.missing(self.path))
    }
    fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
        self.visit_unit()
    }
    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Self::Value, E> {
        Ok(match self.node.kind {
            Kind::Bool => Ok(Val::Bool(v)),
            _ => Err(self.node.wrong(self.path)),
        })
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Self::Value, E> {
        Ok(self.number(v as f64))
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
        Ok(self.number(v as f64))
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Self::Value, E> {
        Ok(self.number(v))
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
        let ok = match self.node.kind {
            Kind::Str => return Ok(Ok(Val::Str(cut(v)))),
            Kind::Code => v.len() == 2 && v.bytes().all(|b| b.is_ascii_uppercase()),
            Kind::OneOf(values) => values.contains(&v),
            Kind::Is(Ok(want)) => v == want,
            _ => false,
        };
        Ok(if ok {
            Ok(Val::Str(v.to_string()))
        } else {
            Err(self.node.wrong(self.path))
        })
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        let Kind::List(each, max) = self.node.kind else {
            skip_seq(seq)?;
            return Ok(Err(self.node.wrong(self.path)));
        };
        let mut out = Vec::new();
        let mut first: Option<Invalid> = None;
        let mut n = 0usize;
        loop {
            if first.is_some() || n >= max {
                // Keep counting (the length is checked before the entries), keep nothing.
                if n + skip_seq(seq)? > max {
                    return Ok(Err(self.path.problem("is too long")));
                }
                break;
            }
            let at = self.path.index(n);
            match seq.next_element_seed(Read {
                node: each,
                path: &at,
                ctx: self.ctx,
            })? {
                None => break,
                Some(Ok(v)) => out.push(v),
                Some(Err(e)) => first = Some(e),
            }
            n += 1;
        }
        Ok(match first {
            Some(e) => Err(e),
            None => Ok(Val::List(out)),
        })
    }
    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
        match self.node.kind {
            Kind::Obj(fields) => Ok(self.object(fields, map)?.map(Val::Obj)),
            Kind::Ref => Ok(self
                .object(REF, map)?
                .and_then(|fields| match fields.first() {
                    Some(Val::Num(article)) if *article >= self.ctx.articles as f64 => {
                        Err(self.path.problem("points to a missing article"))
                    }
                    _ => Ok(Val::Obj(fields)),
                })),
            _ => {
                skip_map(map)?;
                Ok(Err(self.node.wrong(self.path)))
            }
        }
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

/// The key of an object entry, as its index in the object's fields (`None`: unknown).
struct Key(&'static [Field]);

impl<'de> DeserializeSeed<'de> for Key {
    type Value = Option<usize>;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_str(self)
    }
}

impl<'de> Visitor<'de> for Key {
    type Value = Option<usize>;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a key")
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
        Ok(self.0.iter().position(|(k, _)| *k == v))
    }
}

/// Reads the whole text with `node`; `Err` is a syntax error (or trailing text).
fn read(json: &str, node: &Node, ctx: Ctx) -> Result<Checked<Val>, serde_json::Error> {
    let mut de = serde_json::Deserializer::from_str(json);
    let v = Read {
        node,
        path: &Path::ROOT,
        ctx,
    }
    .deserialize(&mut de)?;
    de.end()?;
    Ok(v)
}

fn read_both(json: &str) -> Result<Checked<Results>, serde_json::Error> {
    // Pass 1 reads everything but the corpus, whose `sources` must be checked against the
    // number of articles; pass 2 reads the corpus alone. Both read the whole text, so a
    // syntax error anywhere is found before any schema problem is reported.
    let articles = match read(json, &ROOT_ARTICLES, Ctx { articles: 0 })? {
        Ok(Val::Obj(root)) => root.into_iter().nth(2).map(list).unwrap_or_default(),
        Ok(_) => Vec::new(),
        Err(e) => return Ok(Err(e)),
    };
    let ctx = Ctx {
        articles: articles.len() as u64,
    };
    let corpus = match read(json, &ROOT_CORPUS, ctx)? {
        Ok(Val::Obj(root)) => root.into_iter().next().map(corpus).unwrap_or_default(),
        Ok(_) => Corpus::default(),
        Err(e) => return Ok(Err(e)),
    };
    Ok(Ok(Results {
        articles: articles.into_iter().map(article).collect(),
        corpus,
    }))
}

// ---- from the accepted values to the typed structs ----------------------------------------
//
// The shapes are guaranteed by the schema; a mismatch (a bug) gives an empty value, not a
// panic.

fn text(v: Val) -> String {
    match v {
        Val::Str(s) => s,
        _ => String::new(),
    }
}
fn opt_text(v: Val) -> Option<String> {
    match v {
        Val::Str(s) => Some(s),
        _ => None,
    }
}
fn flag(v: Val) -> bool {
    matches!(v, Val::Bool(true))
}
fn opt_num(v: Val) -> Option<f64> {
    match v {
        Val::Num(n) => Some(n),
        _ => None,
    }
}
fn whole(v: Val) -> u64 {
    opt_num(v).unwrap_or(0.0) as u64
}
fn list(v: Val) -> Vec<Val> {
    match v {
        Val::List(l) => l,
        _ => Vec::new(),
    }
}
fn texts(v: Val) -> Vec<String> {
    list(v).into_iter().map(text).collect()
}
/// The fields of an object, in schema order; past the end, `Null`s.
fn fields(v: Val) -> impl Iterator<Item = Val> {
    let f = match v {
        Val::Obj(f) => f,
        _ => Vec::new(),
    };
    f.into_iter().chain(std::iter::repeat_with(|| Val::Null))
}
fn next(f: &mut impl Iterator<Item = Val>) -> Val {
    f.next().unwrap_or(Val::Null)
}

fn article(v: Val) -> Article {
    let f = &mut fields(v);
    Article {
        doc: text(next(f)),
        title: opt_text(next(f)),
        published: opt_text(next(f)),
        published_inferred: flag(next(f)),
        source: opt_text(next(f)),
        encoding: text(next(f)),
        format: text(next(f)),
        warnings: texts(next(f)),
        text: String::new(),
        excluded: Nothing,
        dates: Nothing,
        countries: list(next(f))
            .into_iter()
            .map(|v| {
                let f = &mut fields(v);
                Country {
                    code: text(next(f)),
                    name: text(next(f)),
                    mentions: Nothing,
                }
            })
            .collect(),
        people: list(next(f))
            .into_iter()
            .map(|v| {
                let f = &mut fields(v);
                Person {
                    name: text(next(f)),
                    role: opt_text(next(f)),
                    country: opt_text(next(f)),
                    aliases: texts(next(f)),
                    key: text(next(f)),
                    mentions: Nothing,
                }
            })
            .collect(),
        places: list(next(f))
            .into_iter()
            .map(|v| {
                let f = &mut fields(v);
                Place {
                    name: text(next(f)),
                    country: opt_text(next(f)),
                    lat: opt_num(next(f)),
                    lon: opt_num(next(f)),
                    mentions: Nothing,
                }
            })
            .collect(),
        organizations: list(next(f))
            .into_iter()
            .map(|v| {
                let f = &mut fields(v);
                Organization {
                    name: text(next(f)),
                    kind: text(next(f)),
                    mentions: Nothing,
                }
            })
            .collect(),
        events: list(next(f))
            .into_iter()
            .map(|v| {
                let f = &mut fields(v);
                Event {
                    kind: text(next(f)),
                    actors: texts(next(f)),
                    directed: flag(next(f)),
                    date: opt_text(next(f)),
                    date_precision: opt_text(next(f)),
                    date_at: (),
                    place: opt_text(next(f)),
                    status: text(next(f)),
                    people: texts(next(f)),
                    plover: text(next(f)),
                    trigger: text(next(f)),
                    trigger_at: (),
                    evidence: text(next(f)),
                    evidence_at: (),
                }
            })
            .collect(),
    }
}

fn sources(v: Val) -> Vec<SourceRef> {
    list(v)
        .into_iter()
        .map(|v| {
            let f = &mut fields(v);
            SourceRef {
                article: whole(next(f)),
                doc: text(next(f)),
                index: whole(next(f)),
            }
        })
        .collect()
}

fn corpus(v: Val) -> Corpus {
    let f = &mut fields(v);
    Corpus {
        people: list(next(f))
            .into_iter()
            .map(|v| {
                let f = &mut fields(v);
                CorpusPerson {
                    name: text(next(f)),
                    aliases: texts(next(f)),
                    role: opt_text(next(f)),
                    country: opt_text(next(f)),
                    key: text(next(f)),
                    sources: sources(next(f)),
                }
            })
            .collect(),
        events: list(next(f))
            .into_iter()
            .map(|v| {
                let f = &mut fields(v);
                CorpusEvent {
                    kind: text(next(f)),
                    actors: texts(next(f)),
                    directed: flag(next(f)),
                    date: opt_text(next(f)),
                    date_precision: opt_text(next(f)),
                    place: opt_text(next(f)),
                    status: text(next(f)),
                    people: texts(next(f)),
                    plover: text(next(f)),
                    sources: sources(next(f)),
                }
            })
            .collect(),
        countries: list(next(f))
            .into_iter()
            .map(|v| {
                let f = &mut fields(v);
                CorpusCountry {
                    code: text(next(f)),
                    name: text(next(f)),
                    name_en: text(next(f)),
                    lat: opt_num(next(f)),
                    lon: opt_num(next(f)),
                    mentions: whole(next(f)),
                    articles: whole(next(f)),
                    events: whole(next(f)),
                    partners: texts(next(f)),
                }
            })
            .collect(),
    }
}
