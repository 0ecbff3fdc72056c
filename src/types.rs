//! Every type that crosses a stage boundary, in one place.
//!
//! All offsets are **byte offsets** into [`Document::text`] (the decoded, cleaned text
//! that the UI shows) and, through [`OffsetMap`], into the original file's bytes.
//! Every span lies on `char` boundaries of the text it points into.

use serde::{Deserialize, Serialize};

/// A half-open byte range `[start, end)` into a document's text.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
pub struct Span {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
}

impl Span {
    /// A new span; `end` is clamped to be at least `start`.
    pub fn new(start: usize, end: usize) -> Span {
        Span {
            start,
            end: end.max(start),
        }
    }
    /// Length in bytes.
    pub fn len(&self) -> usize {
        self.end - self.start
    }
    /// True when the span covers nothing.
    pub fn is_empty(&self) -> bool {
        self.end == self.start
    }
    /// True when the two spans share at least one byte.
    pub fn overlaps(&self, other: &Span) -> bool {
        self.start < other.end && other.start < self.end
    }
    /// True when `other` lies inside `self`.
    pub fn contains(&self, other: &Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }

    /// The span of `sorted` (sorted, disjoint, such as an article's sentences) that holds
    /// `self`, found by binary search.
    ///
    /// ```
    /// use entente::Span;
    /// let sentences = [Span::new(0, 10), Span::new(11, 20)];
    /// assert_eq!(Span::new(12, 15).within_one(&sentences), Some(Span::new(11, 20)));
    /// assert_eq!(Span::new(8, 12).within_one(&sentences), None);
    /// ```
    pub fn within_one(&self, sorted: &[Span]) -> Option<Span> {
        sorted
            .get(sorted.partition_point(|b| b.end < self.end))
            .copied()
            .filter(|b| b.contains(self))
    }
}

/// The char boundary of `text` at or before `at` (at most its length): where a window
/// that should end near `at` can end.
pub(crate) fn floor_boundary(text: &str, at: usize) -> usize {
    let mut at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// The char boundary of `text` at or after `at` (at most its length): where a window that
/// should start near `at` can start.
pub(crate) fn ceil_boundary(text: &str, at: usize) -> usize {
    let mut at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at += 1;
    }
    at
}

/// Where the first of `needles` (none empty) starts in `hay`: the least of their
/// `hay.find(needle)`.
///
/// The rules read short windows (a few dozen bytes around a word) for one of a few words.
/// `str::find` builds a substring searcher per call, which there costs more than the
/// search; this reads the window once, comparing a needle only where its first byte is.
pub(crate) fn find_any(hay: &str, needles: &[&str]) -> Option<usize> {
    let h = hay.as_bytes();
    (0..h.len()).find(|&p| starts_any(h, p, needles))
}

/// Where the last of `needles` (none empty) starts in `hay`: the greatest of their
/// `hay.rfind(needle)`, read as [`find_any`] reads.
pub(crate) fn rfind_any(hay: &str, needles: &[&str]) -> Option<usize> {
    let h = hay.as_bytes();
    (0..h.len()).rev().find(|&p| starts_any(h, p, needles))
}

/// Whether one of `needles` (none empty) is in `hay`, as [`find_any`] reads.
pub(crate) fn contains_any(hay: &str, needles: &[&str]) -> bool {
    find_any(hay, needles).is_some()
}

/// Whether one of `needles` starts at byte `p` of `h`. A match starts on a char boundary,
/// since a needle's first byte is a char's first.
fn starts_any(h: &[u8], p: usize, needles: &[&str]) -> bool {
    let (Some(&b), Some(rest)) = (h.get(p), h.get(p..)) else {
        return false;
    };
    needles.iter().any(|n| {
        let n = n.as_bytes();
        n.first() == Some(&b) && rest.starts_with(n)
    })
}
/// The items of a list sorted by start (by `span`) that start inside `s`: a slice found by
/// binary search, not a scan.
///
/// ```
/// use entente::{starting_in, Span};
/// let hits = [Span::new(0, 3), Span::new(5, 9), Span::new(12, 14)];
/// assert_eq!(starting_in(&hits, Span::new(4, 12), |h| *h), &[Span::new(5, 9)]);
/// ```
pub fn starting_in<T>(items: &[T], s: Span, span: impl Fn(&T) -> Span) -> &[T] {
    let lo = items.partition_point(|x| span(x).start < s.start);
    let hi = items.partition_point(|x| span(x).start < s.end);
    items.get(lo..hi.max(lo)).unwrap_or(&[])
}

/// A span both in the cleaned text (`start..end`) and in the original file's bytes
/// (`orig_start..orig_end`). This is what every entity, date and event carries.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
pub struct Offsets {
    /// First byte in the cleaned text.
    pub start: usize,
    /// One past the last byte in the cleaned text.
    pub end: usize,
    /// First byte in the original file.
    pub orig_start: usize,
    /// One past the last byte in the original file.
    pub orig_end: usize,
}

impl Offsets {
    /// The text-side span.
    pub fn span(&self) -> Span {
        Span::new(self.start, self.end)
    }
}

/// Maps byte offsets of the decoded text back to byte offsets of the original file.
///
/// The map is piecewise linear: a sorted list of anchors `(text, orig)`; an offset `t`
/// maps to `orig + (t - text)` of the last anchor with `text <= t`, clamped to the next
/// anchor's `orig` and to the original length. UTF-8 input needs one anchor (two with
/// a BOM); Windows-1252 needs one after each non-ASCII character; HTML one per text run
/// and decoded entity.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct OffsetMap {
    /// `(text_offset, original_offset)` pairs, sorted by both.
    pub anchors: Vec<(usize, usize)>,
    /// Length of the original file in bytes.
    pub original_len: usize,
}

impl OffsetMap {
    /// The identity map for a text that is its own original.
    pub fn identity(len: usize) -> OffsetMap {
        OffsetMap {
            anchors: vec![(0, 0)],
            original_len: len,
        }
    }

    /// Original byte offset for a text byte offset.
    pub fn to_orig(&self, t: usize) -> usize {
        if self.anchors.is_empty() {
            return t.min(self.original_len);
        }
        let i = match self.anchors.binary_search_by(|a| a.0.cmp(&t)) {
            Ok(i) => i,
            Err(0) => 0,
            Err(i) => i - 1,
        };
        let (at, ao) = self.anchors[i];
        let mut o = ao + t.saturating_sub(at);
        if let Some(&(_, next_o)) = self.anchors.get(i + 1) {
            o = o.min(next_o);
        }
        o.min(self.original_len)
    }

    /// Both-sided offsets for a text span.
    pub fn offsets(&self, span: Span) -> Offsets {
        Offsets {
            start: span.start,
            end: span.end,
            orig_start: self.to_orig(span.start),
            orig_end: self.to_orig(span.end).max(self.to_orig(span.start)),
        }
    }
}

/// What kind of file a document came from.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    /// Plain text (`.txt` and anything unknown).
    #[default]
    Text,
    /// Markdown (`.md`): markup dropped (`src/markdown.rs`), front matter read.
    Markdown,
    /// HTML (`.html`, `.htm`): the article's main text is extracted.
    Html,
}

/// Metadata read from an HTML page's head, when present.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct HtmlMeta {
    /// `<title>` or `og:title`.
    pub title: Option<String>,
    /// `article:published_time`, `<time datetime>`, `datePublished`… as written.
    pub published: Option<String>,
    /// `og:site_name`.
    pub site_name: Option<String>,
}

/// A decoded input file, ready for analysis. Built by [`crate::decode::decode`].
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Document {
    /// The file's name or path as given by the user (`doc` in the output).
    pub name: String,
    /// The decoded text (for HTML: the extracted article text).
    pub text: String,
    /// Text offsets → original byte offsets.
    pub map: OffsetMap,
    /// The detected source encoding (`utf-8`, `utf-8-bom`, `windows-1252`, `utf-16le`…).
    pub encoding: String,
    /// The file's format.
    pub format: Format,
    /// HTML head metadata, or a Markdown file's front matter (empty for text files).
    pub html: HtmlMeta,
    /// Non-fatal problems met while decoding (shown per file in the UI).
    pub warnings: Vec<String>,
}

impl Document {
    /// A document from text that is already a Rust string (its own original).
    pub fn from_text(name: impl Into<String>, text: impl Into<String>) -> Document {
        let text = text.into();
        Document {
            name: name.into(),
            map: OffsetMap::identity(text.len()),
            text,
            encoding: "utf-8".into(),
            format: Format::Text,
            html: HtmlMeta::default(),
            warnings: Vec::new(),
        }
    }
}

/// Why a file could not be decoded at all.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DecodeError {
    /// The file's name.
    pub doc: String,
    /// A sentence a user can read, e.g. "binary file (PNG image), not an article".
    pub message: String,
}

impl std::fmt::Display for DecodeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.doc, self.message)
    }
}

impl std::error::Error for DecodeError {}

/// A range of the text that is page furniture, not article body.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Excluded {
    /// Where it is.
    #[serde(flatten)]
    pub at: Offsets,
    /// Why: `ad`, `teaser`, `tags`, `share`, `comments`, `related`, `title-repeat`, `header`…
    pub reason: String,
}

/// The precision of a normalized date value.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Precision {
    /// `YYYY-MM-DD`
    Day,
    /// `YYYY-Www`
    Week,
    /// `YYYY-MM`
    Month,
    /// `YYYY-Qn`
    Quarter,
    /// `YYYY-SP|SU|FA|WI`
    Season,
    /// a half-year, written as its months: `YYYY-01/YYYY-06`, `YYYY-07/YYYY-12`
    Half,
    /// `YYYY`
    Year,
    /// `A/B`, `A/..`, `../B`
    Range,
    /// Recognised as temporal but not resolvable (« il y a quelques mois »).
    Unknown,
}

/// A temporal expression found in the text.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DateMention {
    /// The expression as written.
    pub span: String,
    /// Normalized value (see `eval/README.md`), or `None` when unresolvable.
    pub value: Option<String>,
    /// Precision of `value`.
    pub precision: Precision,
    /// Where it is.
    #[serde(flatten)]
    pub at: Offsets,
}

/// A country the article refers to.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CountryMention {
    /// ISO 3166-1 alpha-2 code (`XK` for Kosovo, `EH` for Western Sahara).
    pub code: String,
    /// French short name.
    pub name: String,
    /// Every mention (name, adjective, capital standing for the state).
    pub mentions: Vec<Offsets>,
}

/// A person named in the article.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Person {
    /// The fullest name form in the text.
    pub name: String,
    /// Role as written (« ministre de la Défense »).
    pub role: Option<String>,
    /// ISO code of the person's country.
    pub country: Option<String>,
    /// Other forms of the name met (« M. Pouchkine », « Pouchkine »).
    pub aliases: Vec<String>,
    /// Transliteration-insensitive key (Pushkin = Pouchkine).
    pub key: String,
    /// Every mention.
    pub mentions: Vec<Offsets>,
}

/// A city or sub-national place.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Place {
    /// Citation form (« au Caire » → Le Caire).
    pub name: String,
    /// ISO code of the country it is in.
    pub country: Option<String>,
    /// Latitude, when the gazetteer knows it.
    pub lat: Option<f64>,
    /// Longitude, when the gazetteer knows it.
    pub lon: Option<f64>,
    /// Every mention.
    pub mentions: Vec<Offsets>,
}

/// A named organization.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Organization {
    /// Name as written, or its lexicon form.
    pub name: String,
    /// `intergovernmental`, `armed-group`, `company`, `media`, `military`, `other`.
    pub kind: String,
    /// Every mention.
    pub mentions: Vec<Offsets>,
}

/// Cooperation event types (see `eval/README.md`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum EventType {
    /// A visit, talks, a received delegation, a commission session, a call.
    Meeting,
    /// An agreement signed or agreed, a body set up, a commitment.
    Agreement,
    /// Delivery, sale, order or promise of weapons or military equipment.
    Arms,
    /// Training of one side's forces by the other.
    Training,
    /// One state's troops or instructors stationed in the other.
    Deployment,
    /// Joint exercises or manoeuvres.
    Exercise,
    /// One side asks the other for something.
    Request,
}

impl EventType {
    /// The PLOVER event category this type maps to.
    pub fn plover(self) -> &'static str {
        match self {
            EventType::Meeting => "CONSULT",
            EventType::Agreement => "AGREE",
            EventType::Arms => "AID",
            EventType::Training => "AID",
            EventType::Deployment => "MOBILIZE",
            EventType::Exercise => "COOPERATE",
            EventType::Request => "REQUEST",
        }
    }
}

/// Whether an event happened.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// It happened.
    Done,
    /// Announced, expected, promised.
    Planned,
    /// Under way.
    Ongoing,
    /// Withdrawn, handed back, ended.
    Ended,
}

/// A cooperation event between two states.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Event {
    /// Event type.
    #[serde(rename = "type")]
    pub kind: EventType,
    /// The two ISO codes, in direction order: `[from, to]` (deliverer→recipient,
    /// trainer→trainee, visitor→host, requester→requested).
    pub actors: Vec<String>,
    /// True when the direction is known; false for symmetric events (talks, agreements).
    pub directed: bool,
    /// Normalized date of the event, or `None`.
    pub date: Option<String>,
    /// Precision of `date`.
    pub date_precision: Option<Precision>,
    /// Where the date expression is, when one governs the event.
    pub date_at: Option<Offsets>,
    /// City where it took place.
    pub place: Option<String>,
    /// Done, planned, ongoing, ended.
    pub status: Status,
    /// Names of the people involved.
    pub people: Vec<String>,
    /// The corresponding PLOVER category.
    pub plover: String,
    /// The trigger word(s) as written.
    pub trigger: String,
    /// Where the trigger is.
    pub trigger_at: Offsets,
    /// The evidence sentence as written.
    pub evidence: String,
    /// Where the evidence sentence is.
    pub evidence_at: Offsets,
}

/// Everything extracted from one article.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Analysis {
    /// The file's name or path.
    pub doc: String,
    /// The article's title, when one is found.
    pub title: Option<String>,
    /// Publication date (`YYYY`, `YYYY-MM` or `YYYY-MM-DD`).
    pub published: Option<String>,
    /// True when `published` was inferred from dates in the body.
    pub published_inferred: bool,
    /// The outlet, when the text names it.
    pub source: Option<String>,
    /// Detected encoding of the file.
    pub encoding: String,
    /// File format.
    pub format: Format,
    /// Non-fatal problems (encoding fallbacks, empty file…).
    pub warnings: Vec<String>,
    /// The cleaned text all offsets point into.
    pub text: String,
    /// A 128-bit hash of `text` in hexadecimal: two files with the same text (the same
    /// article saved twice, or once in UTF-8 and once in Windows-1252) have the same one.
    #[serde(default)]
    pub fingerprint: String,
    /// When this file's text is the same as an earlier file's of the same run: that
    /// file's name. Such an article is not analysed again (its lists are empty), so its
    /// events and people are not counted twice.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub duplicate_of: Option<String>,
    /// Page furniture ranges, greyed out in the reader and ignored by extraction.
    pub excluded: Vec<Excluded>,
    /// Countries referred to.
    pub countries: Vec<CountryMention>,
    /// People.
    pub people: Vec<Person>,
    /// Cities and sub-national places.
    pub places: Vec<Place>,
    /// Organizations.
    pub organizations: Vec<Organization>,
    /// Temporal expressions.
    pub dates: Vec<DateMention>,
    /// Cooperation events.
    pub events: Vec<Event>,
}

/// Where a merged item was found.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SourceRef {
    /// Index of the article in [`Corpus::articles`].
    pub article: usize,
    /// The article's `doc`.
    pub doc: String,
    /// Index of the item in that article's list (event or person).
    pub index: usize,
}

/// A person merged across articles.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CorpusPerson {
    /// Fullest name form seen.
    pub name: String,
    /// Every other spelling seen.
    pub aliases: Vec<String>,
    /// Most informative role seen.
    pub role: Option<String>,
    /// Country.
    pub country: Option<String>,
    /// Transliteration-insensitive key.
    pub key: String,
    /// Where the person appears.
    pub sources: Vec<SourceRef>,
}

/// An event merged across articles.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CorpusEvent {
    /// Event type.
    #[serde(rename = "type")]
    pub kind: EventType,
    /// `[from, to]`.
    pub actors: Vec<String>,
    /// Direction known.
    pub directed: bool,
    /// The most precise date among the sources.
    pub date: Option<String>,
    /// Its precision.
    pub date_precision: Option<Precision>,
    /// Place.
    pub place: Option<String>,
    /// Status (from the most recent report).
    pub status: Status,
    /// People involved.
    pub people: Vec<String>,
    /// PLOVER category.
    pub plover: String,
    /// Every article event that reports it.
    pub sources: Vec<SourceRef>,
}

/// Per-country statistics across the corpus.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CountryStat {
    /// ISO code.
    pub code: String,
    /// French name.
    pub name: String,
    /// English name.
    pub name_en: String,
    /// Centroid latitude.
    pub lat: Option<f64>,
    /// Centroid longitude.
    pub lon: Option<f64>,
    /// Number of mentions over all articles.
    pub mentions: usize,
    /// Number of articles mentioning it.
    pub articles: usize,
    /// Number of merged events it takes part in.
    pub events: usize,
    /// Partner countries in those events.
    pub partners: Vec<String>,
}

/// What the cross-article merge reads of one article: its name, people, events, and how
/// often it names each state. Made from an [`Analysis`] ([`Digest::of`]) or read straight
/// from an analysis's JSON, whose other fields (text, offsets, evidence…) are skipped:
/// the page's merging worker keeps one per article rather than reading every article's
/// whole JSON again at each merge.
#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct Digest {
    /// The article's `doc`.
    pub doc: String,
    /// The states it names, each with its number of mentions.
    pub countries: Vec<CountryCount>,
    /// Its people.
    pub people: Vec<PersonDigest>,
    /// Its events.
    pub events: Vec<EventDigest>,
}

/// A state an article names, and how often ([`Digest`]).
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
pub struct CountryCount {
    /// ISO 3166-1 alpha-2 code.
    pub code: String,
    /// Number of mentions (read from the `mentions` list, whose items are skipped).
    #[serde(deserialize_with = "count_items")]
    pub mentions: usize,
}

/// The fields of a [`Person`] the merge reads.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
pub struct PersonDigest {
    /// See [`Person::name`].
    pub name: String,
    /// See [`Person::role`].
    pub role: Option<String>,
    /// See [`Person::country`].
    pub country: Option<String>,
    /// See [`Person::aliases`].
    pub aliases: Vec<String>,
}

/// The fields of an [`Event`] the merge reads.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
pub struct EventDigest {
    /// See [`Event::kind`].
    #[serde(rename = "type")]
    pub kind: EventType,
    /// See [`Event::actors`].
    pub actors: Vec<String>,
    /// See [`Event::directed`].
    pub directed: bool,
    /// See [`Event::date`].
    pub date: Option<String>,
    /// See [`Event::date_precision`].
    pub date_precision: Option<Precision>,
    /// See [`Event::place`].
    pub place: Option<String>,
    /// See [`Event::status`].
    pub status: Status,
    /// See [`Event::people`].
    pub people: Vec<String>,
    /// See [`Event::plover`].
    pub plover: String,
}

/// The number of items of a JSON array, read without keeping them.
fn count_items<'de, D: serde::Deserializer<'de>>(d: D) -> Result<usize, D::Error> {
    struct Count;
    impl<'de> serde::de::Visitor<'de> for Count {
        type Value = usize;
        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("a list")
        }
        fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<usize, A::Error> {
            let mut n = 0;
            while seq.next_element::<serde::de::IgnoredAny>()?.is_some() {
                n += 1;
            }
            Ok(n)
        }
    }
    d.deserialize_seq(Count)
}

impl Digest {
    /// The digest of an analysis.
    pub fn of(a: &Analysis) -> Digest {
        Digest {
            doc: a.doc.clone(),
            countries: a
                .countries
                .iter()
                .map(|c| CountryCount {
                    code: c.code.clone(),
                    mentions: c.mentions.len(),
                })
                .collect(),
            people: a
                .people
                .iter()
                .map(|p| PersonDigest {
                    name: p.name.clone(),
                    role: p.role.clone(),
                    country: p.country.clone(),
                    aliases: p.aliases.clone(),
                })
                .collect(),
            events: a
                .events
                .iter()
                .map(|e| EventDigest {
                    kind: e.kind,
                    actors: e.actors.clone(),
                    directed: e.directed,
                    date: e.date.clone(),
                    date_precision: e.date_precision,
                    place: e.place.clone(),
                    status: e.status,
                    people: e.people.clone(),
                    plover: e.plover.clone(),
                })
                .collect(),
        }
    }
}

/// The merged, cross-article view.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Merged {
    /// People, one per person whatever the spelling.
    pub people: Vec<CorpusPerson>,
    /// Events, one per real-world event whatever the number of reports.
    pub events: Vec<CorpusEvent>,
    /// Countries with their statistics.
    pub countries: Vec<CountryStat>,
}

/// A whole analysed corpus: every article and the merged view.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Corpus {
    /// One record per article, in input order.
    pub articles: Vec<Analysis>,
    /// The merged view.
    pub corpus: Merged,
}

#[cfg(test)]
mod tests {
    use super::{contains_any, find_any, rfind_any};

    /// The one-pass searches give what `str::find` and `str::rfind` give, needle by needle.
    #[test]
    fn find_any_is_the_nearest_of_the_finds() {
        let needles: &[&[&str]] = &[
            &["reçu", "accueilli", "se rend"],
            &["homologue"],
            &[" des deux pays", " d'alors", "é"],
            &["aa", "a", "aaa"],
        ];
        for hay in [
            "",
            "a",
            "aaaa",
            "Il a été reçu puis accueilli, reçu encore",
            "son homologue et son homologue",
            "les ministres des deux pays d'alors, é",
            "ééé reçu",
            "se ren",
        ] {
            for list in needles {
                let first = list.iter().filter_map(|n| hay.find(n)).min();
                let last = list.iter().filter_map(|n| hay.rfind(n)).max();
                assert_eq!(find_any(hay, list), first, "{hay:?} {list:?}");
                assert_eq!(rfind_any(hay, list), last, "{hay:?} {list:?}");
                assert_eq!(contains_any(hay, list), first.is_some(), "{hay:?} {list:?}");
            }
        }
    }
}
