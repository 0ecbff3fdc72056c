//! The date grammar. At each token every rule proposes a candidate; the longest wins and
//! the sweep moves past it. Candidates are partial dates ([`Pt`]) that are resolved against
//! the reference, the tense of their sentence and the dates met earlier in the text.

use super::cal::{self, Season, Val};
use super::lex::{Kind, Lexed};
use super::lexicon as lx;
use super::{DateHit, Reference};
use crate::types::{Precision, Span};

/// Tense of the clause around an expression.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Tense {
    Past,
    Future,
    Unknown,
}

/// How a weekday is qualified.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Wm {
    Plain,
    This,
    Next,
    Last,
    NextWeek,
    PrevWeek,
    ThisWeek,
    Plus(i64),
}

/// Direction asked for by a qualifier (« prochain », « dernier », « ce »), or by tense.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Dir {
    Tense,
    Next,
    Last,
    This,
    /// In the last year the narrative named (« en juillet de la même année »).
    Same,
}

/// Expressions resolved against the reference date.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Rel {
    Day(i64),
    Week(i32),
    Weekend(i32),
    Month(i32),
    Year(i32),
    Quarter(u32, i32),
    Half(u32, i32),
    Ago(u32, u8),
    In(u32, u8),
    Since(u32, u8),
    LastN(u32, u8),
    NextN(u32, u8),
    WorkWeek,
}

/// Holidays.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Hol {
    Fixed(u32, u32),
    Easter(i64),
    Nth { m: u32, wd: u32, n: u32 },
}

/// A partial date, as read.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Pt {
    /// Fully known.
    V(Val),
    /// Found, but with no value (durations, vague expressions).
    Nv,
    /// Day and month, year maybe.
    Dm {
        d: u32,
        m: u32,
        y: Option<i32>,
        wd: Option<u32>,
    },
    /// Day of month only.
    D { d: u32, wd: Option<u32> },
    /// Month without a year.
    M { m: u32, dir: Dir },
    /// Weekday.
    Wd { wd: u32, m: Wm },
    /// Relative to the reference.
    Rel(Rel),
    /// Days relative to the last date of the narrative (« la veille »).
    Anaph(i64),
    /// Years relative to the last year of the narrative (« l'année suivante »).
    AnaphYear(i32),
    /// Months relative to the last month of the narrative (« le mois suivant »).
    AnaphMonth(i32),
    /// A holiday, year maybe.
    Hol { h: Hol, y: Option<i32> },
    /// A season without a year.
    Seas { s: Season, dir: Dir },
    /// A day shifted by some days (« le lendemain du 13 février »).
    Shift(Box<Pt>, i64),
}

impl Pt {
    /// True when [`Cx::resolve`] reads the tense (or the fragment flag) for it: the other
    /// partial dates resolve the same in any sentence.
    fn reads_tense(&self) -> bool {
        match self {
            Pt::V(_)
            | Pt::Nv
            | Pt::Dm { y: Some(_), .. }
            | Pt::Rel(_)
            | Pt::Anaph(_)
            | Pt::AnaphYear(_)
            | Pt::AnaphMonth(_)
            | Pt::Seas { .. }
            | Pt::Hol { y: Some(_), .. } => false,
            Pt::M { dir, .. } => *dir == Dir::Tense,
            Pt::Shift(inner, _) => inner.reads_tense(),
            Pt::Dm { y: None, .. } | Pt::D { .. } | Pt::Wd { .. } | Pt::Hol { y: None, .. } => true,
        }
    }
}

/// A modifier making an open range.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Md {
    None,
    Week,
    After,
    Before,
}

/// A candidate at a token.
#[derive(Clone, Debug)]
struct Cand {
    e: usize,
    a: Pt,
    b: Option<Pt>,
    abs: bool,
    md: Md,
}

// Tense cues of a word ([`Cx::cue_of`]).
/// Computed ([`Cx::cue`]).
const C_KNOWN: u16 = 1 << 0;
/// A future auxiliary or adverb ([`lx::FUTURE`]).
const C_FUTURE_AUX: u16 = 1 << 1;
/// A participle-looking form (« arrivé », « reçu ») after no article: past right before
/// an expression.
const C_PARTICIPLE: u16 = 1 << 2;
/// A future or conditional ending (« signera », « devrait »).
const C_MORPH_FUTURE: u16 = 1 << 3;
/// An imperfect ending (« était », « signaient »).
const C_MORPH_PAST: u16 = 1 << 4;
/// « hier ».
const C_HIER: u16 = 1 << 5;
/// A past auxiliary ([`Cx::is_aux`]).
const C_AUX: u16 = 1 << 6;
/// A past auxiliary in a past tense itself (« était », « avait », « fut »).
const C_AUX_PAST: u16 = 1 << 7;
/// The first word after the auxiliary (adverbs and pronouns skipped) is a future word.
const C_AHEAD_FUTURE: u16 = 1 << 8;
/// The first word after the auxiliary is a participle.
const C_AHEAD_PAST: u16 = 1 << 9;
/// A participle after an auxiliary ([`Cx::participle_after_aux`]).
const C_AFTER_AUX: u16 = 1 << 10;
/// Where the distance from the auxiliary to that first word is kept (the top bits).
const C_AHEAD_SHIFT: u32 = 11;

/// Tense cues farther than this many tokens from the expression are ignored.
const MAX_CUE_DIST: usize = 12;

/// How far the sentence around an expression is looked at, in tokens on each side.
const WINDOW: usize = MAX_CUE_DIST + 4;

/// « avant le 10 mai » read as an open range ending the day before; off, as news gold
/// keeps the date itself.
const OPEN_BEFORE: bool = false;

/// Result of a sub-rule: end token, partial date, absolute.
type R = Option<(usize, Pt, bool)>;

/// A rule: its result at a token.
type Rule<'a> = fn(&Cx<'a>, usize) -> R;

#[derive(Clone, Copy, Debug)]
struct Rf {
    y: i32,
    m: Option<u32>,
    d: Option<u32>,
}

impl Rf {
    fn z(&self) -> Option<i64> {
        match (self.m, self.d) {
            (Some(m), Some(d)) if cal::valid(self.y, m, d) => Some(cal::dfc(self.y, m, d)),
            _ => None,
        }
    }
}

struct Cx<'a> {
    lx: &'a Lexed,
    /// What is known of each token's word.
    infos: &'a [&'static WordInfo],
    /// Sentence number of each token.
    sid: &'a [usize],
    /// First token of each sentence, by sentence number.
    sent_first: &'a [usize],
    /// The tokens where a rule may start, in order ([`Prepared::starts`]).
    starts: &'a [usize],
    /// Which rules may start at each token ([`start_mask`]).
    masks: &'a [u32],
    /// Tense cues of each token, computed when first asked ([`Cx::cue`]).
    cues: &'a [std::cell::Cell<u16>],
    text: &'a str,
    /// Sentence (first token) of the expression being resolved.
    cur_sent: std::cell::Cell<usize>,
    /// Year of the last expression with an explicit year, and its sentence.
    sent_year: Option<(usize, i32)>,
    r: Option<Rf>,
    /// A day standing in for the reference day when the reference has only a month
    /// (« mardi 16 janvier » in an article dated 2024-01).
    anchor: Option<i64>,
    last_day: Option<i64>,
    last_year: Option<i32>,
    /// Year and month of the last expression as precise as a month, for « le mois suivant ».
    last_month: Option<(i32, u32)>,
    /// The last results of [`Cx::core`] by token, valid until the narrative state changes
    /// (a hit): `parse_at`, `range` and the next position ask for the same ones. The flag
    /// says whether the result read the state ([`Cx::dep`]).
    memo: std::cell::RefCell<[Option<(usize, R, bool)>; 2]>,
    /// Set when the rules being tried read the reference or the narrative state: their
    /// result holds for this pass only.
    dep: std::cell::Cell<bool>,
    /// The best candidate of each token whose rules read no state, shared by every pass
    /// over the text ([`Prepared::parsed`]).
    parsed: &'a std::cell::RefCell<Vec<(usize, Option<Cand>)>>,
    /// Where a pass with no reference lists the days named without a year.
    yearless: &'a std::cell::RefCell<Vec<super::YearlessDay>>,
}

// Which rules may start at a token. A rule's first token is always one of a few words
// (or a number): each rule returns at once where its bit is not set, so the grammar
// costs a table lookup at the ordinary words of a text. The sets are exact supersets of
// what each rule reads first (see each rule); `tests::guards_change_nothing` checks them.
const B_NUMERIC: u32 = 1 << 0;
const B_TEXT_DATE: u32 = 1 << 1;
const B_MONTH_FIRST: u32 = 1 << 2;
const B_MONTH: u32 = 1 << 3;
const B_WEEKDAY: u32 = 1 << 4;
const B_RELDAY: u32 = 1 << 5;
const B_RELUNIT: u32 = 1 << 6;
const B_SEASON: u32 = 1 << 7;
const B_FUZZY: u32 = 1 << 8;
const B_QUARTER: u32 = 1 << 9;
const B_YEAR: u32 = 1 << 10;
const B_DURATION: u32 = 1 << 11;
const B_HOLIDAY: u32 = 1 << 12;
const B_DECADE: u32 = 1 << 13;
const B_DAY_ONLY: u32 = 1 << 14;
const B_NTH: u32 = 1 << 15;
/// Openers of ranges and open ranges (« du », « entre », « à partir de », « après le »).
const B_OPENER: u32 = 1 << 16;
/// Every rule (guards off, for tests).
const B_ALL: u32 = u32::MAX;

/// Rules a number may open.
const NUM_MASK: u32 =
    B_NUMERIC | B_TEXT_DATE | B_QUARTER | B_YEAR | B_DURATION | B_DAY_ONLY | B_NTH;

/// Rules opened by the articles « le », « la », « les », « l' ».
const ART: u32 = B_MONTH | B_RELDAY | B_RELUNIT | B_HOLIDAY | B_NTH;

/// Words that open rules, with the rules they open (besides what their lexicon classes
/// open, see [`start_mask`]).
const START_WORDS: &[(&str, u32)] = &[
    ("le", ART | B_TEXT_DATE | B_SEASON | B_QUARTER | B_DAY_ONLY),
    ("la", ART | B_FUZZY | B_QUARTER | B_OPENER),
    ("les", ART | B_DURATION | B_DECADE),
    ("l", ART | B_SEASON | B_YEAR),
    (
        "ce",
        B_MONTH | B_WEEKDAY | B_RELDAY | B_RELUNIT | B_SEASON | B_QUARTER,
    ),
    ("cet", B_MONTH | B_RELUNIT | B_SEASON),
    ("cette", B_MONTH | B_WEEKDAY | B_RELUNIT | B_SEASON),
    ("prochain", B_MONTH | B_RELUNIT | B_SEASON),
    ("prochaine", B_MONTH | B_RELUNIT),
    ("dernier", B_RELUNIT | B_SEASON | B_DURATION),
    ("derniere", B_RELUNIT | B_SEASON | B_DURATION),
    ("derniers", B_DURATION),
    ("dernieres", B_DURATION),
    ("passe", B_RELUNIT),
    ("passee", B_RELUNIT),
    ("precedent", B_RELUNIT),
    ("precedente", B_RELUNIT),
    ("ecoule", B_RELUNIT),
    ("ecoulee", B_RELUNIT),
    ("suivant", B_RELUNIT),
    ("suivante", B_RELUNIT),
    ("qui", B_RELUNIT),
    ("d", B_RELUNIT | B_OPENER),
    ("a", B_RELUNIT | B_OPENER),
    ("mois", B_MONTH),
    ("en", B_RELDAY | B_RELUNIT | B_SEASON | B_YEAR),
    ("dans", B_RELDAY | B_RELUNIT | B_DURATION),
    ("au", B_SEASON | B_QUARTER),
    ("du", B_QUARTER | B_OPENER),
    ("aujourd", B_RELDAY),
    ("aujourdhui", B_RELDAY),
    ("hier", B_RELDAY),
    ("demain", B_RELDAY),
    ("un", B_RELDAY),
    ("avant", B_RELDAY | B_OPENER),
    ("apres", B_RELDAY | B_OPENER),
    ("veille", B_RELDAY | B_HOLIDAY),
    ("jour", B_RELDAY | B_HOLIDAY),
    ("journee", B_RELDAY | B_HOLIDAY),
    ("lendemain", B_RELDAY),
    ("weekend", B_RELUNIT),
    ("weekends", B_RELUNIT),
    ("week", B_RELUNIT),
    ("printemps", B_SEASON),
    ("ete", B_SEASON),
    ("automne", B_SEASON),
    ("hiver", B_SEASON),
    ("premiere", B_FUZZY),
    ("deuxieme", B_FUZZY),
    ("seconde", B_FUZZY),
    ("debut", B_FUZZY),
    ("fin", B_FUZZY),
    ("mi", B_FUZZY),
    ("milieu", B_FUZZY),
    ("courant", B_FUZZY),
    ("t", B_QUARTER),
    ("il", B_DURATION),
    ("ces", B_DURATION),
    ("aux", B_DURATION),
    ("quelques", B_DURATION | B_RELDAY),
    ("plusieurs", B_DURATION),
    ("nombreux", B_DURATION),
    ("nombreuses", B_DURATION),
    ("des", B_DURATION | B_OPENER | B_DECADE),
    ("depuis", B_DURATION | B_OPENER),
    ("noel", B_HOLIDAY),
    ("reveillon", B_HOLIDAY),
    ("nouvel", B_HOLIDAY),
    ("yuandan", B_HOLIDAY),
    ("saint", B_HOLIDAY),
    ("toussaint", B_HOLIDAY),
    ("halloween", B_HOLIDAY),
    ("fete", B_HOLIDAY),
    ("paques", B_HOLIDAY),
    ("pentecote", B_HOLIDAY),
    ("thanksgiving", B_HOLIDAY),
    ("thanks", B_HOLIDAY),
    ("action", B_HOLIDAY),
    ("lundi", B_HOLIDAY),
    ("vendredi", B_HOLIDAY),
    ("annees", B_DECADE),
    ("de", B_OPENER),
    ("entre", B_OPENER),
    ("semaine", B_OPENER),
];

/// The rules that may start at a token of kind `kind` and normalized form `w`.
fn start_mask(kind: Kind, w: &str) -> u32 {
    match kind {
        Kind::Punct => return 0,
        Kind::Num => return NUM_MASK,
        Kind::Word => {}
    }
    // The longest word any rule starts with is « thanksgiving ».
    if w.len() > 12 {
        return 0;
    }
    let mut m = START_WORDS.iter().find(|e| e.0 == w).map_or(0, |e| e.1);
    if w == "premier" || w == "premiere" || lx::number_word(w).is_some() {
        m |= B_TEXT_DATE;
    }
    if lx::number_word(w).is_some() {
        m |= B_DURATION;
    }
    if lx::ordinal_word(w).is_some() {
        m |= B_TEXT_DATE | B_QUARTER | B_NTH;
    }
    if lx::weekday(w).is_some() {
        m |= B_TEXT_DATE | B_WEEKDAY;
    }
    if lx::month(w).is_some() {
        m |= B_MONTH_FIRST | B_MONTH;
    }
    if lx::unit(w).is_some() {
        m |= B_RELUNIT;
    }
    m
}

/// Function words: they open many rules but are too common to try them everywhere
/// (see [`quiet_function_words`]).
const FUNCTION_WORDS: &[&str] = &[
    "le", "la", "les", "l", "ce", "cet", "cette", "d", "a", "en", "dans", "au", "du", "des", "de",
    "entre", "qui", "il", "ces", "aux", "un", "avant", "apres", "depuis",
];

/// Words some rule reads after a function word that start no rule themselves
/// (« en ce moment », « il y a un an »).
const TIME_NOUNS: &[&str] = &[
    "moment",
    "an",
    "ans",
    "annee",
    "annees",
    "matin",
    "matinee",
    "soir",
    "soiree",
    "nuit",
    "midi",
    "heure",
    "heures",
    "semaines",
    "quinzaine",
    "trimestre",
    "semestre",
    "epoque",
    "date",
    "temps",
    "periode",
];

/// The first words of the holidays [`Cx::r_holiday`] reads.
const HOLIDAY_FIRST: &[&str] = &[
    "noel",
    "veille",
    "reveillon",
    "nouvel",
    "jour",
    "yuandan",
    "saint",
    "toussaint",
    "halloween",
    "fete",
    "lundi",
    "paques",
    "vendredi",
    "pentecote",
    "thanksgiving",
    "thanks",
    "action",
    "l",
];

/// In [`FUNCTION_WORDS`].
const W_FUNCTION: u32 = 1 << 0;
/// In [`TIME_NOUNS`].
const W_TIME_NOUN: u32 = 1 << 1;
/// In [`HOLIDAY_FIRST`].
const W_HOLIDAY_FIRST: u32 = 1 << 2;

/// Everything the grammar knows of a word, looked up once per token.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct WordInfo {
    /// [`start_mask`] of the word.
    mask: u32,
    /// The grammar's own lists it belongs to ([`W_FUNCTION`]…).
    flags: u32,
    /// What the lexicon says of it.
    lx: lx::Class,
}

/// What is known of a word the grammar never names (and of numbers and signs).
static UNKNOWN: WordInfo = WordInfo {
    mask: 0,
    flags: 0,
    lx: lx::Class::NONE,
};

/// Every word the grammar reads by its lists, with its [`WordInfo`]: an open-addressing
/// table keyed by the word's bytes packed in a `u128` (the words are at most 16 bytes),
/// so a lookup is one multiplication and a compare or two.
struct Vocabulary {
    /// Open addressing, at most half full: empty slots have a zero key.
    slots: Vec<Slot>,
    infos: Vec<WordInfo>,
    /// `64 - log2(slots.len())`.
    shift: u32,
}

/// A word of the [`Vocabulary`], with what the prepare pass reads of every token kept in
/// the slot itself (the full [`WordInfo`] is only read where a rule runs).
#[derive(Clone, Copy, Default)]
struct Slot {
    /// The word packed by [`pack`], low and high halves.
    lo: u64,
    hi: u64,
    /// [`WordInfo::mask`].
    mask: u32,
    /// Index of the [`WordInfo`].
    index: u16,
    /// [`Q_FUNCTION`], [`Q_CUE`].
    quiet: u8,
}

/// A function word ([`W_FUNCTION`]).
const Q_FUNCTION: u8 = 1 << 0;
/// A cue for [`quiet_function_words`]: not a function word, and a rule starts at it or it
/// is a time noun.
const Q_CUE: u8 = 1 << 1;

/// The bytes of `w` packed in a `u128` (zero-padded), when it has 1 to 16 bytes.
#[inline]
fn pack(w: &[u8]) -> Option<u128> {
    let mut b = [0u8; 16];
    b.get_mut(..w.len())?.copy_from_slice(w);
    (!w.is_empty()).then(|| u128::from_le_bytes(b))
}

impl Vocabulary {
    /// The vocabulary, built on first use.
    fn get() -> &'static Vocabulary {
        static VOCABULARY: std::sync::OnceLock<Vocabulary> = std::sync::OnceLock::new();
        VOCABULARY.get_or_init(|| {
            let all = lx::vocabulary()
                .chain(START_WORDS.iter().map(|e| e.0))
                .chain(FUNCTION_WORDS.iter().copied())
                .chain(TIME_NOUNS.iter().copied())
                .chain(HOLIDAY_FIRST.iter().copied());
            let mut words: Vec<&'static str> =
                all.filter(|w| pack(w.as_bytes()).is_some()).collect();
            words.sort_unstable();
            words.dedup();
            // At most half full.
            let bits = (words.len() * 2)
                .next_power_of_two()
                .trailing_zeros()
                .max(4);
            let mut v = Vocabulary {
                slots: vec![Slot::default(); 1 << bits],
                infos: Vec::with_capacity(words.len()),
                shift: 64 - bits,
            };
            for w in words {
                let Some(key) = pack(w.as_bytes()) else {
                    continue;
                };
                let mask = v.slots.len() - 1;
                let mut at = v.slot(key);
                while v.slots.get(at).is_some_and(|s| s.lo != 0) {
                    at = (at + 1) & mask;
                }
                let info = WordInfo::of(w);
                let function = info.flags & W_FUNCTION != 0;
                let cue = !function && (info.mask != 0 || info.flags & W_TIME_NOUN != 0);
                let slot = Slot {
                    lo: key as u64,
                    hi: (key >> 64) as u64,
                    mask: info.mask,
                    index: u16::try_from(v.infos.len()).unwrap_or(u16::MAX),
                    quiet: if function { Q_FUNCTION } else { 0 } | if cue { Q_CUE } else { 0 },
                };
                v.infos.push(info);
                if let Some(s) = v.slots.get_mut(at) {
                    *s = slot;
                }
            }
            v
        })
    }

    /// The first slot of `key`.
    #[inline]
    fn slot(&self, key: u128) -> usize {
        let x = (key as u64) ^ ((key >> 64) as u64).rotate_left(29);
        (x.wrapping_mul(0x9e37_79b9_7f4a_7c15) >> self.shift) as usize
    }

    /// What is known of a word token of normalized form `w`.
    #[cfg(test)]
    fn info(&self, w: &str) -> &WordInfo {
        pack(w.as_bytes())
            .and_then(|key| self.lookup(key))
            .map_or(&UNKNOWN, |s| self.info_of(s))
    }

    /// The slot of a word packed by [`pack`], if it is in the vocabulary.
    #[inline]
    fn lookup(&self, key: u128) -> Option<&Slot> {
        let (lo, hi) = (key as u64, (key >> 64) as u64);
        let mask = self.slots.len() - 1;
        let mut at = self.slot(key);
        while let Some(s) = self.slots.get(at) {
            if s.lo == lo && s.hi == hi {
                return Some(s);
            }
            if s.lo == 0 {
                return None;
            }
            at = (at + 1) & mask;
        }
        None
    }

    /// The [`WordInfo`] of a slot.
    #[inline]
    fn info_of(&self, s: &Slot) -> &WordInfo {
        self.infos.get(usize::from(s.index)).unwrap_or(&UNKNOWN)
    }
}

impl WordInfo {
    /// Computes what is known of word `w` from the lists.
    fn of(w: &str) -> WordInfo {
        let flag = |list: &[&str], f: u32| if list.contains(&w) { f } else { 0 };
        WordInfo {
            mask: start_mask(Kind::Word, w),
            flags: flag(FUNCTION_WORDS, W_FUNCTION)
                | flag(TIME_NOUNS, W_TIME_NOUN)
                | flag(HOLIDAY_FIRST, W_HOLIDAY_FIRST),
            lx: lx::classify(w),
        }
    }
}

/// A text tokenized for the grammar, ready to be read against any reference.
pub(crate) struct Prepared<'a> {
    text: &'a str,
    lexed: Lexed,
    /// What is known of each token's word.
    infos: Vec<&'static WordInfo>,
    sid: Vec<usize>,
    /// First token of each sentence, by sentence number ([`Prepared::sid`]).
    sent_first: Vec<usize>,
    /// The word and number tokens whose mask is not empty: the only tokens the sweep tries.
    starts: Vec<usize>,
    masks: Vec<u32>,
    /// Tense cues of each token, computed when first asked ([`Cx::cue`]).
    cues: Vec<std::cell::Cell<u16>>,
    /// The best candidate at each token when no rule read the reference or the
    /// narrative state, found by the first pass that asked: the passes against other
    /// references only resolve it, by token, sorted (only the few tokens where a rule may
    /// start are asked).
    parsed: std::cell::RefCell<Vec<(usize, Option<Cand>)>>,
    /// The days named without a year, found by the last pass with no reference.
    yearless: std::cell::RefCell<Vec<super::YearlessDay>>,
}

/// Tokenizes `text` once.
pub(crate) fn prepare(text: &str) -> Prepared<'_> {
    prepare_with(text, false)
}

fn prepare_with(text: &str, unguarded: bool) -> Prepared<'_> {
    let lexed = super::lex::lex(text);
    let vocabulary = Vocabulary::get();
    let n_toks = lexed.toks.len();
    let mut infos: Vec<&'static WordInfo> = Vec::with_capacity(n_toks);
    let mut masks: Vec<u32> = Vec::with_capacity(n_toks);
    let mut quiet: Vec<u8> = Vec::with_capacity(n_toks);
    let mut sid: Vec<usize> = Vec::with_capacity(n_toks);
    // Sentence numbers start at 1 (the first token breaks).
    let mut sent_first = vec![0];
    for (i, t) in lexed.toks.iter().enumerate() {
        if t.brk {
            sent_first.push(i);
        }
        sid.push(sent_first.len() - 1);
        let (info, mask, q) = match t.kind {
            Kind::Word => match lexed.packed(t).and_then(|key| vocabulary.lookup(key)) {
                Some(s) => (vocabulary.info_of(s), s.mask, s.quiet),
                None => (&UNKNOWN, 0, 0),
            },
            Kind::Num => (&UNKNOWN, NUM_MASK, Q_CUE),
            Kind::Punct => (&UNKNOWN, 0, 0),
        };
        infos.push(info);
        masks.push(if unguarded { B_ALL } else { mask });
        quiet.push(q);
    }
    if !unguarded {
        quiet_function_words(&quiet, &mut masks);
    }
    let cues = vec![std::cell::Cell::new(0); n_toks];
    let starts = masks
        .iter()
        .zip(&lexed.toks)
        .enumerate()
        .filter(|(_, (m, t))| **m != 0 && matches!(t.kind, Kind::Word | Kind::Num))
        .map(|(i, _)| i)
        .collect();
    Prepared {
        text,
        lexed,
        infos,
        sid,
        sent_first,
        starts,
        masks,
        cues,
        parsed: std::cell::RefCell::new(Vec::new()),
        yearless: std::cell::RefCell::new(Vec::new()),
    }
}

/// The days and months named without a year by `p` (read by the last pass with no
/// reference: [`run_prepared`] with `None` must have run).
pub(crate) fn yearless(p: &Prepared) -> Vec<super::YearlessDay> {
    p.yearless.borrow().clone()
}

/// How far after a function word the grammar may still need a content token.
const CUE_WINDOW: usize = 8;

/// Function words (« le », « de », « à »…) open many rules, and they are the commonest
/// words of any French text; every rule that starts at one also reads a number or a date
/// word (month, weekday, unit, season…) within its next few tokens. A function word with
/// no such cue within [`CUE_WINDOW`] tokens starts nothing: its mask is cleared, so the
/// grammar costs one table lookup there too. `tests::guards_change_nothing` checks it.
fn quiet_function_words(quiet: &[u8], masks: &mut [u32]) {
    // Walking backwards: the distance to the nearest cue at or after each token.
    let mut next_cue = usize::MAX;
    for (i, (mask, &q)) in masks.iter_mut().zip(quiet).enumerate().rev() {
        if q & Q_CUE != 0 {
            next_cue = i;
        }
        if q & Q_FUNCTION != 0 && next_cue.saturating_sub(i) > CUE_WINDOW {
            *mask = 0;
        }
    }
}

/// Finds and resolves every expression.
pub(crate) fn run(text: &str, reference: Option<&Reference>) -> Vec<DateHit> {
    run_prepared(&prepare(text), reference)
}

/// Finds and resolves every expression of a prepared text.
pub(crate) fn run_prepared(p: &Prepared, reference: Option<&Reference>) -> Vec<DateHit> {
    let r = reference
        .filter(|r| (1..=9999).contains(&r.year))
        .map(|r| Rf {
            y: r.year,
            m: r.month.filter(|m| (1..=12).contains(m)),
            d: if r.month.is_some() { r.day } else { None },
        });
    let new = |anchor| Cx {
        lx: &p.lexed,
        infos: &p.infos,
        sid: &p.sid,
        sent_first: &p.sent_first,
        starts: &p.starts,
        masks: &p.masks,
        cues: &p.cues,
        text: p.text,
        cur_sent: std::cell::Cell::new(0),
        sent_year: None,
        r,
        anchor,
        last_day: None,
        last_year: None,
        last_month: None,
        memo: std::cell::RefCell::new([None, None]),
        dep: std::cell::Cell::new(false),
        parsed: &p.parsed,
        yearless: &p.yearless,
    };
    let (hits, anchor) = new(None).sweep();
    if let (Some(a), Some(rf)) = (anchor, r) {
        if rf.z().is_none() && rf.m.is_some() {
            return new(Some(a)).sweep().0;
        }
    }
    hits
}

fn ends_any(w: &str, ends: &[&str]) -> bool {
    ends.iter().any(|e| w.ends_with(e))
}

/// Whether a word in « -rait », « -raient » (`w` folded, `src` as written) is a
/// conditional (« livrerait », « pourrait », « devrait », « mettrait ») rather than an
/// imperfect (« livrait », « figurait », « montrait », « opérait »): the conditional's
/// stem is the future's, which ends in « er », « rr », « dr », « ttr », « ir », « evr »…
fn conditional(w: &str, src: &str) -> bool {
    let Some(stem) = w.strip_suffix("raient").or_else(|| w.strip_suffix("rait")) else {
        return false;
    };
    if src.ends_with("érait") || src.ends_with("éraient") {
        return false;
    }
    ends_any(stem, &["e", "r", "d", "tt", "it", "i", "ev", "uiv", "clu"])
        || matches!(stem, "au" | "sau")
}

impl<'a> Cx<'a> {
    fn n(&self) -> usize {
        self.lx.toks.len()
    }
    /// True when a rule of `bits` may start at token `i`.
    fn may(&self, i: usize, bits: u32) -> bool {
        self.masks.get(i).is_some_and(|m| m & bits != 0)
    }
    /// [`Cx::core`] through the memo.
    fn core_m(&self, i: usize) -> R {
        // No rule starts here: nothing to remember.
        if !self.may(i, B_ALL) {
            return None;
        }
        if let Some((_, r, dep)) = self.memo.borrow().iter().flatten().find(|m| m.0 == i) {
            if *dep {
                self.dep.set(true);
            }
            return r.clone();
        }
        let outer = self.dep.replace(false);
        let r = self.core(i);
        let dep = self.dep.get();
        self.dep.set(outer || dep);
        let mut memo = self.memo.borrow_mut();
        memo[1] = memo[0].take();
        memo[0] = Some((i, r.clone(), dep));
        r
    }
    /// The reference, for a rule: its result then holds for this pass only ([`Cx::dep`]).
    fn reference(&self) -> Option<Rf> {
        self.dep.set(true);
        self.r
    }
    fn w(&self, i: usize) -> &str {
        self.lx.w(i)
    }
    /// What the lexicon says of token `i`'s word.
    fn class(&self, i: usize) -> &lx::Class {
        self.infos.get(i).map_or(&UNKNOWN.lx, |w| &w.lx)
    }
    /// True when token `i` is a word of the grammar's list `flag` ([`W_FUNCTION`]…).
    fn listed(&self, i: usize, flag: u32) -> bool {
        self.infos.get(i).is_some_and(|w| w.flags & flag != 0)
    }
    /// True when token `i`'s word is in the lexicon list `flag` ([`lx::AFTER_YEAR`]…).
    fn in_list(&self, i: usize, flag: u8) -> bool {
        self.class(i).flags & flag != 0
    }
    #[inline]
    fn is(&self, i: usize, s: &str) -> bool {
        self.lx.wb(i) == s.as_bytes()
    }
    #[inline]
    fn any(&self, i: usize, ss: &[&str]) -> bool {
        let w = self.lx.wb(i);
        ss.iter().any(|s| s.as_bytes() == w)
    }
    fn kind(&self, i: usize) -> Option<Kind> {
        self.lx.toks.get(i).map(|t| t.kind)
    }
    fn tight(&self, i: usize) -> bool {
        self.lx.toks.get(i).is_some_and(|t| !t.sp)
    }
    fn cap(&self, i: usize) -> bool {
        self.lx.toks.get(i).is_some_and(|t| t.cap)
    }
    fn num(&self, i: usize) -> Option<(u32, u8)> {
        let t = self.lx.toks.get(i)?;
        (t.kind == Kind::Num).then_some((t.num, t.nd))
    }
    /// `w '` (elided article or preposition).
    fn elide(&self, i: usize, w: &str) -> Option<usize> {
        (self.is(i, w) && self.is(i + 1, "'")).then_some(i + 2)
    }
    #[inline]
    fn seq(&self, i: usize, ws: &[&str]) -> Option<usize> {
        for (k, w) in ws.iter().enumerate() {
            if !self.is(i + k, w) {
                return None;
            }
        }
        Some(i + ws.len())
    }
    /// Skips « le », « la », « les », « l' ».
    fn art(&self, i: usize) -> usize {
        if self.any(i, &["le", "la", "les"]) {
            i + 1
        } else {
            self.elide(i, "l").unwrap_or(i)
        }
    }
    /// Skips « de », « du », « d' », « de la », « de l' », « des ».
    fn de(&self, i: usize) -> Option<usize> {
        if self.is(i, "de") {
            if self.is(i + 1, "la") {
                return Some(i + 2);
            }
            return Some(self.elide(i + 1, "l").unwrap_or(i + 1));
        }
        if self.any(i, &["du", "des"]) {
            return Some(i + 1);
        }
        self.elide(i, "d")
    }
    /// True when the token is a word starting with an upper-case letter not at a
    /// sentence start (a proper noun most likely).
    fn name_like(&self, i: usize) -> bool {
        self.lx
            .toks
            .get(i)
            .is_some_and(|t| t.kind == Kind::Word && t.cap && !t.brk)
    }

    // ----- numbers -------------------------------------------------------------------

    /// A number written in words, 1–99.
    fn num_words(&self, i: usize) -> Option<(usize, u32)> {
        let mut v = self.class(i).number?;
        let mut j = i + 1;
        let hy = |k: usize| if self.is(k, "-") { k + 1 } else { k };
        if v == 4 && (self.is(hy(j), "vingt") || self.is(hy(j), "vingts")) {
            v = 80;
            j = hy(j) + 1;
        }
        if v == 10 || v == 60 || v == 80 {
            let k = hy(j);
            if let Some(u) = self.class(k).number.filter(|u| (1..=9).contains(u)) {
                if v == 10 && u >= 7 {
                    return Some((k + 1, 10 + u));
                }
            }
            if v >= 60 {
                let k = hy(j);
                let k2 = if self.is(k, "et") { hy(k + 1) } else { k };
                if let Some(u) = self.class(k2).number.filter(|u| (10..=16).contains(u)) {
                    return Some((k2 + 1, v + u));
                }
                if self.is(k2, "dix") {
                    let k3 = hy(k2 + 1);
                    if let Some(u) = self.class(k3).number.filter(|u| (7..=9).contains(u)) {
                        return Some((k3 + 1, v + 10 + u));
                    }
                    return Some((k2 + 1, v + 10));
                }
            }
        }
        if v >= 20 && v % 10 == 0 {
            let k = hy(j);
            let (k2, et) = if self.is(k, "et") {
                (hy(k + 1), true)
            } else {
                (k, false)
            };
            if let Some(u) = self.class(k2).number.filter(|u| (1..=9).contains(u)) {
                if !et || u == 1 {
                    return Some((k2 + 1, v + u));
                }
            }
        }
        Some((j, v))
    }

    /// A count: digits or words; 0 for vague counts (« quelques »).
    fn count(&self, i: usize) -> Option<(usize, u32)> {
        if let Some((v, nd)) = self.num(i) {
            return (nd <= 3).then_some((i + 1, v));
        }
        if self.any(
            i,
            &["quelques", "plusieurs", "des", "nombreux", "nombreuses"],
        ) {
            return Some((i + 1, 0));
        }
        self.num_words(i)
    }

    /// A day of month: « 1er », « 15 », « premier », « vingt-deux », « 15e ».
    fn day(&self, i: usize) -> Option<(usize, u32)> {
        if let Some((v, nd)) = self.num(i) {
            if nd > 2 || !(1..=31).contains(&v) {
                return None;
            }
            let j = i + 1;
            if self.tight(j) && self.kind(j) == Some(Kind::Word) {
                if self.in_list(j, lx::ORDINAL_SUFFIX) {
                    return Some((j + 1, v));
                }
                return None;
            }
            if self.tight(j) && self.kind(j) == Some(Kind::Num) {
                return None;
            }
            return Some((j, v));
        }
        if self.any(i, &["premier", "premiere"]) {
            return Some((i + 1, 1));
        }
        if let Some(o) = self.class(i).ordinal.filter(|o| *o > 1) {
            return Some((i + 1, o));
        }
        let (j, v) = self.num_words(i)?;
        (1..=31).contains(&v).then_some((j, v))
    }

    /// A four-digit year, not part of a larger number.
    fn year4(&self, i: usize) -> Option<(usize, i32)> {
        let (v, nd) = self.num(i)?;
        if nd != 4 || !(1000..=2999).contains(&v) {
            return None;
        }
        // « 2.400 », « 2024,5 »
        if self.tight(i + 1)
            && self.any(i + 1, &[".", ","])
            && self.num(i + 2).is_some()
            && self.tight(i + 2)
        {
            return None;
        }
        Some((i + 1, v as i32))
    }

    /// A year in four or two digits (two only where a year is expected).
    fn year_any(&self, i: usize) -> Option<(usize, i32)> {
        if let Some(r) = self.year4(i) {
            return Some(r);
        }
        let (v, nd) = self.num(i)?;
        if nd != 2 {
            return None;
        }
        // « juillet 14 soldats » is not a year
        if self.kind(i + 1) == Some(Kind::Word) && !self.in_list(i + 1, lx::AFTER_YEAR) {
            return None;
        }
        if self.kind(i + 1) == Some(Kind::Num) {
            return None;
        }
        let y = if v < 50 { 2000 + v } else { 1900 + v };
        Some((i + 1, y as i32))
    }

    /// A month name; abbreviations take a following dot.
    fn month(&self, i: usize) -> Option<(usize, u32, bool)> {
        if self.kind(i) != Some(Kind::Word) {
            return None;
        }
        let (m, amb) = self.class(i).month?;
        // « dix-sept », « vingt-sept »: the last word of a number (after a ten of
        // [`lx::NUMBER_WORDS`]), not September.
        if amb
            && i >= 2
            && self.tight(i)
            && self.is(i - 1, "-")
            && self.tight(i - 1)
            && self
                .class(i - 2)
                .number
                .is_some_and(|v| v >= 10 && v % 10 == 0)
        {
            return None;
        }
        let j = if amb && self.is(i + 1, ".") && self.tight(i + 1) {
            i + 2
        } else {
            i + 1
        };
        Some((j, m, amb))
    }

    /// A weekday name; abbreviations take a following dot.
    fn weekday(&self, i: usize) -> Option<(usize, u32, bool)> {
        if self.kind(i) != Some(Kind::Word) {
            return None;
        }
        let (d, ab) = self.class(i).weekday?;
        let j = if ab && self.is(i + 1, ".") && self.tight(i + 1) {
            i + 2
        } else {
            i + 1
        };
        Some((j, d, ab))
    }

    /// A time unit word (« semaine », « week-end » = 4).
    fn unit(&self, i: usize) -> Option<(usize, u8)> {
        if let Some(u) = self.class(i).unit {
            return Some((i + 1, u));
        }
        if self.any(i, &["weekend", "weekends"]) {
            return Some((i + 1, 4));
        }
        if self.is(i, "week") {
            if let Some(j) = self
                .seq(i + 1, &["-", "end"])
                .or_else(|| self.seq(i + 1, &["end"]))
            {
                return Some((j + usize::from(self.is(j, "s") && self.tight(j)), 4));
            }
        }
        None
    }

    /// Words of time of day after a day (« soir », « après-midi »).
    fn daypart(&self, i: usize) -> usize {
        if self.any(i, &["soir", "matin", "midi", "soiree", "matinee", "nuit"]) {
            return i + 1;
        }
        if let Some(j) = self.seq(i, &["apres", "-", "midi"]) {
            return j;
        }
        i
    }

    /// A word meaning « previous » (-1), « this » (0) or « next » (1) after a unit.
    fn after_adj(&self, i: usize) -> Option<(usize, i32)> {
        let w = self.w(i);
        match w {
            "dernier" | "derniere" | "passe" | "passee" | "precedent" | "precedente" | "ecoule"
            | "ecoulee" => Some((i + 1, -1)),
            "prochain" | "prochaine" | "suivant" | "suivante" => Some((i + 1, 1)),
            "qui" if self.is(i + 1, "suit") => Some((i + 2, 1)),
            "d" => self
                .seq(i, &["d", "'", "apres"])
                .map(|j| (j, 1))
                .or_else(|| self.seq(i, &["d", "'", "avant"]).map(|j| (j, -1))),
            "a" if self.is(i + 1, "venir") => Some((i + 2, 1)),
            _ => None,
        }
    }

    // ----- rules -----------------------------------------------------------------------

    /// The longest result of some rules at `i`.
    fn longest(&self, i: usize, rules: &[fn(&Self, usize) -> R]) -> R {
        let mut best: R = None;
        for rule in rules {
            if let Some(c) = rule(self, i) {
                if c.0 > i && best.as_ref().is_none_or(|b| c.0 > b.0) {
                    best = Some(c);
                }
            }
        }
        best
    }

    /// Every core rule that may start at `i` ([`start_mask`]); the longest result.
    fn core(&self, i: usize) -> R {
        let rules: [(u32, Rule<'a>); 16] = [
            (B_NUMERIC, Self::r_numeric),
            (B_TEXT_DATE, Self::r_text_date),
            (B_MONTH_FIRST, Self::r_month_first),
            (B_MONTH, Self::r_month),
            (B_WEEKDAY, Self::r_weekday),
            (B_RELDAY, Self::r_relday),
            (B_RELUNIT, Self::r_relunit),
            (B_SEASON, Self::r_season),
            (B_FUZZY, Self::r_fuzzy),
            (B_QUARTER, Self::r_quarter),
            (B_YEAR, Self::r_year),
            (B_DURATION, Self::r_duration),
            (B_HOLIDAY, Self::r_holiday),
            (B_DECADE, Self::r_decade),
            (B_DAY_ONLY, Self::r_day_only),
            (B_NTH, Self::r_nth_weekday),
        ];
        let mask = self.masks.get(i).copied().unwrap_or(0);
        let mut best: R = None;
        for (bit, rule) in rules {
            if mask & bit == 0 {
                continue;
            }
            if let Some(c) = rule(self, i) {
                if c.0 > i && best.as_ref().is_none_or(|b| c.0 > b.0) {
                    best = Some(c);
                }
            }
        }
        best
    }

    /// Numeric dates: 22/12/2020, 2018-06, 2013-03-01, 3/2015, 20 02 2014.
    fn r_numeric(&self, i: usize) -> R {
        if !self.may(i, B_NUMERIC) {
            return None;
        }
        let (a, na) = self.num(i)?;
        let sep = |k: usize| -> Option<(usize, char)> {
            let w = self.w(k);
            let c = match w {
                "/" => '/',
                "-" => '-',
                "." => '.',
                _ => return None,
            };
            Some((k + 1, c))
        };
        // sep with optional spaces: only `/` and `-` may be spaced
        let next_is_sep_digit = |k: usize| {
            sep(k).is_some() && self.num(k + 1).is_some() && self.tight(k) && self.tight(k + 1)
        };
        if na == 4 {
            let y = a as i32;
            if !(1000..=2999).contains(&y) {
                return None;
            }
            let (j, c) = sep(i + 1)?;
            let spaced = !self.tight(i + 1) || !self.tight(j);
            if spaced && c == '.' {
                return None;
            }
            let (b, nb) = self.num(j)?;
            if nb == 4 && c == '-' && !spaced {
                // 2015-2016
                let b = b as i32;
                return (b > y && b - y < 50 && !next_is_sep_digit(j + 1)).then(|| {
                    (
                        j + 1,
                        Pt::V(Val::Range(Box::new(Val::Year(y)), Box::new(Val::Year(b)))),
                        true,
                    )
                });
            }
            if nb > 2 || !(1..=12).contains(&b) {
                return None;
            }
            // « le Mirage 2000-5 »: a model after its name.
            if c == '-' && i > 0 && self.name_like(i - 1) {
                return None;
            }
            if let Some((k, c2)) = sep(j + 1) {
                if c2 == c && self.tight(j + 1) {
                    if let Some((d, nd)) = self.num(k) {
                        if nd <= 2 && cal::valid(y, b, d) && self.tight(k) {
                            return Some((k + 1, Pt::V(Val::Day(cal::dfc(y, b, d))), true));
                        }
                    }
                    // 2020/Sep/23 style is not handled; « 2015-1-32 » is nothing
                    return None;
                }
            }
            if self.kind(j + 1) == Some(Kind::Word)
                && !self.in_list(j + 1, lx::AFTER_YEAR)
                && self.tight(j + 1)
            {
                return None;
            }
            return Some((j + 1, Pt::V(Val::Month(y, b)), true));
        }
        if na > 2 {
            return None;
        }
        // D sep M [sep Y]
        let (j, c, spaced) = match sep(i + 1) {
            Some((j, c)) => (j, c, !self.tight(i + 1) || !self.tight(j)),
            None if self.num(i + 1).is_some() => (i + 1, ' ', true),
            None => return None,
        };
        let (b, nb) = self.num(j)?;
        if nb == 4 && (c == '/' || c == '-') && (1..=12).contains(&a) {
            // 3/2015, 11 - 2016
            if next_is_sep_digit(j + 1) {
                return None;
            }
            return Some((j + 1, Pt::V(Val::Month(b as i32, a)), true));
        }
        if nb > 2 {
            return None;
        }
        let (mut d, mut m) = (a, b);
        if m > 12 && d <= 12 {
            std::mem::swap(&mut d, &mut m);
        }
        if !(1..=12).contains(&m) || !(1..=31).contains(&d) {
            return None;
        }
        // year
        let mut k = j + 1;
        let ysep = match c {
            ' ' => self.num(k).is_some().then_some(k),
            _ => {
                let same = self.w(k).len() == 1 && self.w(k).starts_with(c);
                ((same || self.is(k, ",")) && self.tight(k)).then_some(k + 1)
            }
        };
        if let Some(ys) = ysep {
            if let Some((yv, ny)) = self.num(ys) {
                let ok_space = c != ' ' || !self.tight(ys);
                if (ny == 4 || ny == 2) && ok_space && !next_is_sep_digit(ys) {
                    let y = if ny == 4 {
                        yv as i32
                    } else if yv < 50 {
                        2000 + yv as i32
                    } else {
                        1900 + yv as i32
                    };
                    if cal::valid(y, m, d) {
                        return Some((
                            ys + 1,
                            Pt::Dm {
                                d,
                                m,
                                y: Some(y),
                                wd: None,
                            },
                            true,
                        ));
                    }
                    return None;
                }
            }
            if c != ' ' {
                return None;
            }
        }
        k = j + 1;
        if next_is_sep_digit(j) || (self.tight(k) && self.kind(k) == Some(Kind::Num)) {
            return None;
        }
        // no year: only with a date context, or both parts padded, or as the whole text
        let prev_ok = i > 0
            && self.any(
                i - 1,
                &[
                    "le", "du", "au", "sur", "depuis", "avant", "apres", "jusqu", "entre", "des",
                    "et",
                ],
            )
            || i > 0 && self.weekday(i - 1).is_some();
        let padded = na == 2 && nb == 2;
        let whole = i == 0 && k == self.n();
        let ok = match c {
            '/' => prev_ok || padded || whole || (!spaced && a > 12),
            ' ' => prev_ok && self.is(i - 1, "le") || whole,
            '-' | '.' => whole,
            _ => false,
        };
        if !ok {
            return None;
        }
        if !cal::valid(2000, m, d) {
            return None;
        }
        Some((
            k,
            Pt::Dm {
                d,
                m,
                y: None,
                wd: None,
            },
            false,
        ))
    }

    /// [weekday] [le] day [de] month [year]: « vendredi 10 novembre 2023 », « le 1er mars ».
    fn r_text_date(&self, i: usize) -> R {
        if !self.may(i, B_TEXT_DATE) {
            return None;
        }
        let mut j = i;
        if self.is(j, "le") {
            j += 1;
        }
        let mut wd = None;
        if let Some((k, d, _)) = self.weekday(j) {
            wd = Some(d);
            j = k;
            if self.is(j, ",") {
                j += 1;
            }
            if self.is(j, "le") {
                j += 1;
            }
        }
        if wd.is_some() {
            if let Some((
                k,
                Pt::Dm {
                    d, m, y: Some(y), ..
                },
                true,
            )) = self.r_numeric(j)
            {
                return Some((
                    k,
                    Pt::Dm {
                        d,
                        m,
                        y: Some(y),
                        wd,
                    },
                    true,
                ));
            }
        }
        let (k, d) = self.day(j)?;
        j = k;
        if self.is(j, "jour") {
            j += 1;
        }
        let (k, m, _) = self
            .month(j)
            .or_else(|| {
                if self.any(j, &["-", "/", "de"]) {
                    self.month(j + 1)
                } else {
                    None
                }
            })
            .or_else(|| self.elide(j, "d").and_then(|k| self.month(k)))?;
        j = k;
        let mut y = None;
        let mut k = j;
        if self.any(k, &[",", "-", "/", "."]) {
            k += 1;
        }
        if self.is(k, "de") || self.is(k, "en") {
            k += 1;
        }
        if let Some((k2, yy)) = self.year_any(k) {
            y = Some(yy);
            j = k2;
        }
        let ok = match y {
            Some(y) => cal::valid(y, m, d),
            None => cal::valid(2000, m, d),
        };
        if !ok {
            return None;
        }
        Some((self.daypart(j), Pt::Dm { d, m, y, wd }, y.is_some()))
    }

    /// Month then day: « Oct. 2 », « novembre 23 de 1987 », « Mai vingt-neuf », « Jan-1 ».
    fn r_month_first(&self, i: usize) -> R {
        if !self.may(i, B_MONTH_FIRST) {
            return None;
        }
        let (mut j, m, _) = self.month(i)?;
        if self.any(j, &["-", "/"]) && self.tight(j) || self.is(j, ".") {
            j += 1;
        }
        // « juil.-sept. 2021 »: a second month, not the day « sept ».
        if self.class(j).month.is_some() && self.num(j).is_none() {
            return None;
        }
        let (k, d) = self.day(j)?;
        // « juillet 14 soldats »
        if self.kind(k) == Some(Kind::Word) && !self.any(k, &["de", "et", "au", "a", "jusqu"]) {
            return None;
        }
        if self.any(k, &["-", "/"]) && self.num(k + 1).is_some_and(|(_, n)| n <= 2) {
            return None;
        }
        let mut j = k;
        let mut y = None;
        let mut k2 = j;
        if self.any(k2, &[",", "-", "/"]) {
            k2 += 1;
        }
        if self.is(k2, "de") {
            k2 += 1;
        }
        if let Some((k3, yy)) = self.year4(k2) {
            y = Some(yy);
            j = k3;
        }
        let ok = match y {
            Some(y) => cal::valid(y, m, d),
            None => cal::valid(2000, m, d),
        };
        ok.then(|| (j, Pt::Dm { d, m, y, wd: None }, y.is_some()))
    }

    /// Months: « décembre 2023 », « en juillet », « le mois d'avril », « septembre dernier »,
    /// « cette septembre », « prochain juin ».
    fn r_month(&self, i: usize) -> R {
        if !self.may(i, B_MONTH) {
            return None;
        }
        let mut j = i;
        let mut dir = Dir::Tense;
        let mut ctx = false;
        if self.any(j, &["ce", "cet", "cette"]) {
            dir = Dir::This;
            j += 1;
            ctx = true;
        } else if self.any(j, &["prochain", "prochaine"]) {
            dir = Dir::Next;
            j += 1;
            ctx = true;
        }
        let k = self.art(j);
        if self.is(k, "mois") {
            if let Some(k2) = self.de(k + 1) {
                if self.month(k2).is_some() {
                    j = k2;
                    ctx = true;
                }
            }
        }
        let (k, m, amb) = self.month(j)?;
        if i > 0 && !ctx {
            ctx = self.any(
                i - 1,
                &[
                    "en", "de", "d", "depuis", "des", "fin", "debut", "mi", "dans", "jusqu", "ici",
                    "courant", "mois", "entre", "et", "au", "avant", "apres", "vers", "-", "'",
                ],
            );
        }
        let mut j = k;
        // year
        let mut k2 = j;
        if self.is(k2, ",") || self.is(k2, ".") && self.tight(k2) {
            k2 += 1;
        }
        if self.is(k2, "de") {
            k2 += 1;
        }
        if let Some((k3, y)) = self.year_any(k2) {
            if dir == Dir::Tense {
                return Some((k3, Pt::V(Val::Month(y, m)), true));
            }
        }
        // « en décembre de la même année », « en mai de cette année-là »
        if dir == Dir::Tense && self.is(j, "de") {
            let same = self
                .seq(j + 1, &["la", "meme", "annee"])
                .or_else(|| self.seq(j + 1, &["cette", "meme", "annee"]))
                .or_else(|| self.seq(j + 1, &["cette", "annee", "-", "la"]))
                .or_else(|| self.seq(j + 1, &["cette", "annee", "la"]));
            if let Some(k3) = same {
                return Some((k3, Pt::M { m, dir: Dir::Same }, false));
            }
        }
        if let Some((k3, a)) = self.after_adj(j) {
            if dir == Dir::Tense {
                dir = if a < 0 { Dir::Last } else { Dir::Next };
                j = k3;
                ctx = true;
            }
        }
        if amb && !ctx {
            return None;
        }
        // A capitalized « Mars », « Mai » right before another capitalized word is a name.
        if m != 1 && self.name_like(i) && self.name_like(k) && j == k {
            return None;
        }
        Some((j, Pt::M { m, dir }, false))
    }

    /// Weekdays: « dimanche », « Jeudi soir », « ce lundi », « mardi prochain »,
    /// « mercredi de la semaine prochaine », « lundi en huit », « mercredi 13 ».
    fn r_weekday(&self, i: usize) -> R {
        if !self.may(i, B_WEEKDAY) {
            return None;
        }
        // « chaque vendredi »: every one, no day.
        if i > 0 && self.is(i - 1, "chaque") {
            return None;
        }
        let mut j = i;
        let mut m = Wm::Plain;
        if self.any(j, &["ce", "cette"]) {
            m = Wm::This;
            j += 1;
            // « ce lundi 28 avril »: the dated day, « ce » with it.
            if let Some(r) = self.r_text_date(j) {
                return Some(r);
            }
        }
        let (k, wd, ab) = self.weekday(j)?;
        let dotted = k > j + 1;
        let wword = self.w(j);
        j = k;
        // « mercredi 13 » (not followed by a month: the text-date rule takes that)
        if let Some((k2, d)) = self.day(j) {
            if self.num(j).is_some() || !ab {
                let next_word_ok =
                    self.kind(k2) != Some(Kind::Word) || self.in_list(k2, lx::AFTER_YEAR);
                if next_word_ok {
                    return Some((self.daypart(k2), Pt::D { d, wd: Some(wd) }, false));
                }
            }
        }
        if ab {
            let ok = matches!(wword, "lun" | "ven") && (dotted || !self.cap(i) || self.n() <= 4);
            if !ok {
                return None;
            }
        }
        // « Mercredi Adams » (a name) — rare; a capitalized weekday mid-sentence followed
        // by a capitalized word is still taken (« Jeudi soir » starts sentences).
        j = self.daypart(j);
        if m == Wm::Plain {
            if let Some((k2, a)) = self.after_adj(j) {
                let w = self.w(j);
                m = if a < 0 {
                    if w.starts_with("preced") {
                        Wm::PrevWeek
                    } else {
                        Wm::Last
                    }
                } else if w.starts_with("prochain") {
                    Wm::Next
                } else {
                    Wm::NextWeek
                };
                j = k2;
            } else if let Some(k2) = self
                .seq(j, &["en", "huit"])
                .or_else(|| self.seq(j, &["en", "8"]))
            {
                m = Wm::Plus(7);
                j = k2;
            } else if let Some(k2) = self
                .seq(j, &["en", "quinze"])
                .or_else(|| self.seq(j, &["en", "15"]))
            {
                m = Wm::Plus(14);
                j = k2;
            } else if let Some(k2) = self.seq(j, &["cette", "semaine"]) {
                m = Wm::ThisWeek;
                j = k2;
            } else {
                let k0 = if self.is(j, "de") { j + 1 } else { j };
                if let Some(k1) = self.seq(k0, &["la", "semaine"]) {
                    if let Some((k2, a)) = self.after_adj(k1) {
                        m = if a < 0 { Wm::PrevWeek } else { Wm::NextWeek };
                        j = k2;
                    }
                }
            }
        }
        Some((j, Pt::Wd { wd, m }, false))
    }

    /// Days relative to today or to the narrative: « aujourd'hui », « hier », « demain »,
    /// « avant-hier », « la veille », « le lendemain (du 13 février) », « ce jour-là ».
    fn r_relday(&self, i: usize) -> R {
        if !self.may(i, B_RELDAY) {
            return None;
        }
        let (j, pt) = if let Some(j) = self.seq(i, &["aujourd", "'", "hui"]) {
            (j, Pt::Rel(Rel::Day(0)))
        } else if self.is(i, "aujourdhui") {
            (i + 1, Pt::Rel(Rel::Day(0)))
        } else if self.is(i, "hier") && !(i >= 2 && self.is(i - 1, "'") && self.is(i - 2, "d")) {
            (i + 1, Pt::Rel(Rel::Day(-1)))
        } else if self.is(i, "demain") {
            (i + 1, Pt::Rel(Rel::Day(1)))
        } else if let Some(j) = self
            .seq(i, &["avant", "-", "hier"])
            .or_else(|| self.seq(i, &["avant", "hier"]))
        {
            (j, Pt::Rel(Rel::Day(-2)))
        } else if let Some(j) = self
            .seq(i, &["apres", "-", "demain"])
            .or_else(|| self.seq(i, &["apres", "demain"]))
        {
            (j, Pt::Rel(Rel::Day(2)))
        } else if let Some(j) = self
            .seq(i, &["ce", "jour", "-", "la"])
            .or_else(|| self.seq(i, &["le", "meme", "jour"]))
            // « Quelques heures plus tôt, … avaient signé »: the day of the last date met.
            .or_else(|| self.seq(i, &["quelques", "heures", "plus", "tot"]))
            .or_else(|| self.seq(i, &["quelques", "heures", "plus", "tard"]))
            .or_else(|| self.seq(i, &["quelques", "heures", "auparavant"]))
        {
            (j, Pt::Anaph(0))
        } else if let Some(j) = self.seq(i, &["ce", "jour"]) {
            (j, Pt::Rel(Rel::Day(0)))
        } else if let Some(j) = self.seq(i, &["en", "ce", "moment"]) {
            (j, Pt::Rel(Rel::Day(0)))
        } else if let Some(j) = self
            .seq(i, &["dans", "la", "journee"])
            .or_else(|| self.seq(i, &["la", "journee"]))
        {
            (j, Pt::Rel(Rel::Day(0)))
        } else {
            let j0 = self.art(i);
            let (j, n) = if self.is(j0, "veille") {
                (j0 + 1, -1)
            } else if self.is(j0, "lendemain") {
                (j0 + 1, 1)
            } else if self.is(j0, "jour") || self.is(j0, "journee") {
                match self.after_adj(j0 + 1) {
                    Some((k, a)) => (k, i64::from(a)),
                    None => return None,
                }
            } else if let Some(k) = self
                .seq(i, &["un", "jour", "apres"])
                .or_else(|| self.seq(i, &["un", "jour", "plus", "tard"]))
            {
                (k, 1)
            } else {
                return None;
            };
            // « la veille de Noël », « le lendemain du 13 février »
            if let Some(k) = self.de(j) {
                if let Some((k2, inner, _)) = self.longest(
                    k,
                    &[
                        Self::r_text_date,
                        Self::r_numeric,
                        Self::r_holiday,
                        Self::r_weekday,
                        Self::r_day_only,
                    ],
                ) {
                    if matches!(
                        inner,
                        Pt::Dm { .. }
                            | Pt::Hol { .. }
                            | Pt::V(Val::Day(_))
                            | Pt::Wd { .. }
                            | Pt::D { .. }
                    ) {
                        return Some((k2, Pt::Shift(Box::new(inner), n), false));
                    }
                }
                // « le lendemain de son investiture », « la veille du défilé »: the day
                // before or after something the text does not date, not the last date met.
                return None;
            }
            return Some((j, Pt::Anaph(n), false));
        };
        Some((self.daypart(j), pt, false))
    }

    /// Units relative to the reference: « cette semaine », « la semaine dernière »,
    /// « le mois prochain », « l'an dernier », « cette année », « le week-end »,
    /// « l'année suivante », « prochain mois », « en semaine ».
    fn r_relunit(&self, i: usize) -> R {
        if !self.may(i, B_RELUNIT) {
            return None;
        }
        let mk = |u: u8, n: i32| -> Pt {
            match u {
                0 => Pt::Rel(Rel::Day(i64::from(n))),
                1 => Pt::Rel(Rel::Week(n)),
                2 => Pt::Rel(Rel::Month(n)),
                3 => Pt::Rel(Rel::Year(n)),
                _ => Pt::Rel(Rel::Weekend(n)),
            }
        };
        if self.any(i, &["ce", "cet", "cette"]) {
            let (j, u) = self.unit(i + 1)?;
            if u == 0 {
                return None;
            }
            // « cette année-là »
            if self.seq(j, &["-", "la"]).is_some() {
                return None;
            }
            return Some((j, mk(u, 0), false));
        }
        if let Some(j) = self.seq(i, &["en", "semaine"]) {
            return Some((j, Pt::Rel(Rel::WorkWeek), false));
        }
        if let Some(j) = self.seq(i, &["dans", "la", "semaine"]) {
            return Some((j, Pt::Rel(Rel::Week(0)), false));
        }
        // prochain mois, dernière semaine
        if let Some((j, a)) = self.after_adj(i) {
            if j == i + 1 && !self.w(i).starts_with("suiv") && !self.w(i).starts_with("preced") {
                if let Some((k, u)) = self.unit(j) {
                    if u != 0
                        && !(u == 3 && self.is(j, "ans"))
                        && !self.is(j, "semaines")
                        && !self.is(j, "annees")
                    {
                        return Some((k, mk(u, a), false));
                    }
                }
            }
        }
        let j = self.art(i);
        let (k, u) = self.unit(j)?;
        if u == 0 {
            return None;
        }
        if let Some((k2, a)) = self.after_adj(k) {
            let w = self.w(k);
            let anaph = w.starts_with("suiv") || w.starts_with("preced") || w == "d";
            if u == 3 && anaph {
                return Some((k2, Pt::AnaphYear(a), false));
            }
            if u == 2 && (w.starts_with("suiv") || w.starts_with("preced")) {
                return Some((k2, Pt::AnaphMonth(a), false));
            }
            return Some((k2, mk(u, a), false));
        }
        // « le week-end »
        if u == 4 && j > i {
            return Some((k, mk(4, 0), false));
        }
        None
    }

    /// Seasons: « l'automne 2017 », « en automne de cette année », « cet été »,
    /// « l'automne dernier », « au printemps 2020 ».
    fn r_season(&self, i: usize) -> R {
        if !self.may(i, B_SEASON) {
            return None;
        }
        let mut j = i;
        let mut dir = Dir::Tense;
        let mut ctx = false;
        if self.any(j, &["ce", "cet", "cette"]) {
            dir = Dir::This;
            j += 1;
            ctx = true;
        } else if self.any(j, &["prochain", "dernier", "derniere"]) {
            dir = if self.is(j, "prochain") {
                Dir::Next
            } else {
                Dir::Last
            };
            j += 1;
            ctx = true;
        } else if self.any(j, &["au", "en", "le"]) {
            j += 1;
            ctx = true;
        } else if let Some(k) = self.elide(j, "l") {
            j = k;
            ctx = true;
        }
        let s = match self.w(j) {
            "printemps" => Season::Spring,
            "ete" => Season::Summer,
            "automne" => Season::Fall,
            "hiver" => Season::Winter,
            _ => return None,
        };
        let is_ete = s == Season::Summer;
        j += 1;
        // year
        let mut k = j;
        if self.is(k, "de") {
            k += 1;
        }
        if let Some((k2, y)) = self.year4(k) {
            return Some((k2, Pt::V(Val::Season(y, s)), true));
        }
        if let Some(k2) = self.seq(k, &["cette", "annee"]) {
            return Some((k2, Pt::Seas { s, dir: Dir::This }, false));
        }
        if let Some(k1) = self
            .elide(k, "l")
            .or_else(|| self.elide(j, "d").and_then(|k| self.elide(k, "l")))
        {
            if let Some((k2, a)) = self
                .is(k1, "annee")
                .then(|| self.after_adj(k1 + 1))
                .flatten()
            {
                let p = Pt::Rel(Rel::Year(a));
                let _ = p;
                return Some((
                    k2,
                    Pt::Seas {
                        s,
                        dir: if a < 0 { Dir::Last } else { Dir::Next },
                    },
                    false,
                ));
            }
        }
        if dir == Dir::Tense {
            if let Some((k2, a)) = self.after_adj(j) {
                return Some((
                    k2,
                    Pt::Seas {
                        s,
                        dir: if a < 0 { Dir::Last } else { Dir::Next },
                    },
                    false,
                ));
            }
        }
        if is_ete && (!ctx || self.is(i, "le")) {
            // « a été », « le été » (participle)
            if !(i > 0 && self.any(i - 1, &["pendant", "durant", "depuis", "tout"])) {
                return None;
            }
        }
        if !ctx
            && !(i > 0
                && self.any(
                    i - 1,
                    &["pendant", "durant", "depuis", "tout", "fin", "debut"],
                ))
        {
            return None;
        }
        Some((j, Pt::Seas { s, dir }, false))
    }

    /// « début 2024 », « fin juillet », « mi-mars », « à la fin du mois »,
    /// « en début de semaine », « la fin du premier trimestre », « première quinzaine d'avril ».
    fn r_fuzzy(&self, i: usize) -> R {
        if !self.may(i, B_FUZZY) {
            return None;
        }
        let mut j = i;
        if self.is(j, "la") {
            j += 1;
        }
        if self.any(j, &["premiere", "deuxieme", "seconde"]) && self.is(j + 1, "quinzaine") {
            j += 2;
        } else if self.any(j, &["debut", "fin", "mi", "milieu", "courant"]) {
            j += 1;
        } else {
            return None;
        }
        if self.is(j, "-") {
            j += 1;
        }
        let k = self.de(j).unwrap_or(j);
        // « au début des années 2030 », « la fin des années 1990 »: a part of a decade.
        if let Some((e, Pt::V(Val::Range(a, _)), abs)) = self.r_decade(k) {
            if let Val::Year(y) = *a {
                let (from, to) = if self.is(i, "fin") || self.is(i + 1, "fin") {
                    (y + 7, y + 9)
                } else if self.any(i, &["debut"]) || self.is(i + 1, "debut") {
                    (y, y + 3)
                } else {
                    (y + 3, y + 6)
                };
                let pt = Pt::V(Val::Range(
                    Box::new(Val::Year(from)),
                    Box::new(Val::Year(to)),
                ));
                return Some((e, pt, abs));
            }
        }
        // units of the reference
        let k1 = self.art(k);
        if let Some((k2, u)) = self.unit(k1) {
            if self.is(k1, "mois") {
                if let Some(k3) = self.de(k2) {
                    if let Some((k4, pt, abs)) = self.r_month(k3) {
                        return Some((k4, pt, abs));
                    }
                }
            }
            let pt = match u {
                1 => Pt::Rel(Rel::Week(0)),
                2 => Pt::Rel(Rel::Month(0)),
                // (« la fin des années » with no decade is no year.)
                3 if !self.any(k1, &["ans", "annees"]) => Pt::Rel(Rel::Year(0)),
                _ => return None,
            };
            // « la fin de l'année dernière » goes to the unit rule
            if let Some((k3, a)) = self.after_adj(k2) {
                let pt2 = match u {
                    1 => Pt::Rel(Rel::Week(a)),
                    2 => Pt::Rel(Rel::Month(a)),
                    _ => Pt::Rel(Rel::Year(a)),
                };
                return Some((k3, pt2, false));
            }
            return Some((k2, pt, false));
        }
        // no recursion into this rule: « fin fin fin … » stays linear
        let (e, pt, abs) = self.longest(
            k,
            &[
                Self::r_month,
                Self::r_year,
                Self::r_quarter,
                Self::r_season,
                Self::r_relunit,
                Self::r_text_month_year,
            ],
        )?;
        let ok = matches!(
            pt,
            Pt::M { .. }
                | Pt::V(
                    Val::Month(..)
                        | Val::Year(_)
                        | Val::Quarter(..)
                        | Val::Half(..)
                        | Val::Season(..)
                )
                | Pt::Rel(
                    Rel::Month(_) | Rel::Year(_) | Rel::Week(_) | Rel::Quarter(..) | Rel::Half(..)
                )
                | Pt::Seas { .. }
        );
        ok.then_some((e, pt, abs))
    }

    /// Quarters and halves: « au premier trimestre 2024 », « T1 2024 », « le second semestre ».
    fn r_quarter(&self, i: usize) -> R {
        if !self.may(i, B_QUARTER) {
            return None;
        }
        let mut j = i;
        if self.any(j, &["au", "du", "le", "la", "ce"]) {
            j += 1;
        }
        let (k, q) = if let Some(o) = self.class(j).ordinal {
            (j + 1, o)
        } else if let Some((v, nd)) = self.num(j) {
            if nd == 1 && self.tight(j + 1) && self.in_list(j + 1, lx::ORDINAL_SUFFIX) {
                (j + 2, v)
            } else {
                return None;
            }
        } else if self.is(j, "t")
            && self.tight(j + 1)
            && self
                .num(j + 1)
                .is_some_and(|(v, n)| n == 1 && (1..=4).contains(&v))
        {
            let q = self.num(j + 1).map_or(1, |x| x.0);
            let k = j + 2;
            let (k2, y) = self.year4(k)?;
            return Some((k2, Pt::V(Val::Quarter(y, q)), true));
        } else {
            return None;
        };
        let half = match self.w(k) {
            "trimestre" | "quart" | "quarts" => false,
            "semestre" => true,
            _ => return None,
        };
        let max = if half { 2 } else { 4 };
        let q = if q == 0 { max } else { q };
        if q > max {
            return None;
        }
        let mut j = k + 1;
        let mk_rel = |n: i32| {
            if half {
                Pt::Rel(Rel::Half(q, n))
            } else {
                Pt::Rel(Rel::Quarter(q, n))
            }
        };
        let k2 = self.de(j).unwrap_or(j);
        if let Some((k3, y)) = self.year4(k2) {
            let v = if half {
                Val::Half(y, q)
            } else {
                Val::Quarter(y, q)
            };
            return Some((k3, Pt::V(v), true));
        }
        if let Some((k3, Pt::Rel(Rel::Year(n)), _)) = self.r_relunit(k2) {
            return Some((k3, mk_rel(n), false));
        }
        if let Some((k3, a)) = self.after_adj(j) {
            j = k3;
            return Some((j, mk_rel(a), false));
        }
        Some((j, mk_rel(0), false))
    }

    /// Years: « en 2011 », « depuis 2018 », a bare « 2019 » where a year fits.
    fn r_year(&self, i: usize) -> R {
        if !self.may(i, B_YEAR) {
            return None;
        }
        let mut j = i;
        let mut strong = false;
        if self.is(j, "en") {
            j += 1;
            strong = true;
        } else if let Some(k) = self
            .seq(j, &["l", "'", "annee"])
            .or_else(|| self.seq(j, &["l", "'", "an"]))
        {
            j = k;
            strong = true;
        }
        let (k, y) = self.year4(j)?;
        if !strong {
            if j > 0 && self.kind(j - 1) == Some(Kind::Num) {
                return None;
            }
            // « de », « à », « et » are too common before quantities to vouch for a year
            strong = j > 0
                && self.in_list(j - 1, lx::BEFORE)
                && !self.any(
                    j - 1,
                    &["de", "d", "a", "au", "et", "ou", "entre", "pour", "des"],
                );
        }
        if self.is(k, "%") || self.is(k, "€") || self.is(k, "$") {
            return None;
        }
        // « l'exercice Chergui 2022 », « le Mirage 2000 »: part of a name.
        if !strong && j > 0 && self.name_like(j - 1) && self.month(j - 1).is_none() {
            return None;
        }
        if self.any(k, &["-", "/", "."])
            && self.tight(k)
            && self.num(k + 1).is_some()
            && self.tight(k + 1)
        {
            return None;
        }
        let next_ok = self.kind(k) != Some(Kind::Word) || self.in_list(k, lx::AFTER_YEAR);
        if !next_ok && !strong {
            return None;
        }
        if !next_ok && self.class(k).unit.is_some() {
            return None;
        }
        if self.kind(k) == Some(Kind::Num) {
            return None;
        }
        if !(1800..=2100).contains(&y) && !strong {
            return None;
        }
        if !strong
            && self.kind(k) == Some(Kind::Word)
            && !self.tight(k)
            && !self.in_list(k, lx::AFTER_YEAR)
        {
            return None;
        }
        if j > 0
            && self.any(
                j - 1,
                &[
                    "+",
                    "-",
                    "°",
                    "n",
                    "no",
                    "numero",
                    "page",
                    "article",
                    "loi",
                    "resolution",
                ],
            )
        {
            return None;
        }
        Some((k, Pt::V(Val::Year(y)), true))
    }

    /// Durations and offsets: « il y a deux semaines », « dans 3 mois », « depuis 3 ans »,
    /// « les 3 prochains jours », « 2 dernières semaines », « trois jours plus tard »,
    /// « cinq jours » (no value).
    fn r_duration(&self, i: usize) -> R {
        if !self.may(i, B_DURATION) {
            return None;
        }
        let vague = |n: u32| n == 0;
        // il y a N
        let ago = self
            .seq(i, &["il", "y", "a"])
            .or_else(|| self.seq(i, &["il", "ya"]));
        if let Some(mut j) = ago {
            for adv in [
                &["environ"][..],
                &["a", "peu", "pres"],
                &["pres", "de"],
                &["plus", "de"],
                &["moins", "de"],
                &["presque"],
            ] {
                if let Some(k) = self.seq(j, adv) {
                    j = k;
                    break;
                }
            }
            let (k, n) = self.count(j)?;
            let (k2, u) = self.unit(k)?;
            if u == 4 {
                return None;
            }
            let pt = if vague(n) {
                Pt::Nv
            } else {
                Pt::Rel(Rel::Ago(n, u))
            };
            return Some((k2, pt, false));
        }
        if self.is(i, "dans") {
            if let Some((k, n)) = self.count(i + 1) {
                if let Some((k2, u)) = self.unit(k) {
                    if u != 4 && !vague(n) {
                        return Some((k2, Pt::Rel(Rel::In(n, u)), false));
                    }
                }
            }
        }
        if self.is(i, "depuis") {
            let mut j = i + 1;
            if let Some(k) = self
                .seq(j, &["plus", "de"])
                .or_else(|| self.seq(j, &["pres", "de"]))
            {
                j = k;
            }
            if let Some((k, n)) = self.count(j) {
                if let Some((k2, u)) = self.unit(k) {
                    if u != 4 {
                        let pt = if vague(n) {
                            Pt::Nv
                        } else {
                            Pt::Rel(Rel::Since(n, u))
                        };
                        return Some((k2, pt, false));
                    }
                }
            }
            return None;
        }
        // [les|ces|des] [N] derniers/prochains unit ; [dernières] N unit
        let mut j = i;
        if self.any(j, &["les", "ces", "des", "aux"]) {
            j += 1;
        }
        let pre_adj = self.any(j, &["dernier", "derniere", "derniers", "dernieres"]);
        if pre_adj {
            j += 1;
        }
        let (k, n) = match self.count(j) {
            Some(x) => x,
            None => {
                // « les prochains jours », « ces dernières années »
                let adj = self.w(j);
                let dir = if adj.starts_with("prochain") {
                    1
                } else if adj.starts_with("dernier") {
                    -1
                } else {
                    0
                };
                if dir != 0 && j > i {
                    if let Some((k2, u)) = self.unit(j + 1) {
                        if u != 4 && self.w(j + 1).ends_with('s') {
                            return Some((k2, Pt::Nv, false));
                        }
                    }
                }
                return None;
            }
        };
        if self.any(j, &["des"]) && j == i {
            return None;
        }
        let (adj_dir, k) = match self.w(k) {
            "derniers" | "dernieres" | "dernier" | "derniere" => (-1, k + 1),
            "prochains" | "prochaines" => (1, k + 1),
            _ => (0, k),
        };
        let (k2, u) = self.unit(k)?;
        if u == 4 {
            return None;
        }
        let mut dir = if pre_adj { -1 } else { adj_dir };
        let mut e = k2;
        if dir == 0 {
            match self.w(k2) {
                "passes" | "passees" | "derniers" | "dernieres" | "ecoules" | "ecoulees" => {
                    dir = -1;
                    e = k2 + 1;
                }
                "suivants" | "suivantes" | "prochains" | "prochaines" | "suivant"
                    if !vague(n) && j == i =>
                {
                    dir = 1;
                    e = k2 + 1;
                }
                _ => {}
            }
        }
        if dir != 0 {
            let pt = if vague(n) {
                Pt::Nv
            } else if dir < 0 {
                Pt::Rel(Rel::LastN(n, u))
            } else {
                Pt::Rel(Rel::NextN(n, u))
            };
            return Some((e, pt, false));
        }
        // N unit plus tard / après / plus tôt / auparavant: counted from the last date of
        // the narrative, in days, weeks, months or years (« quatre mois plus tard » after
        // « le 6 juin 2024 » is 2024-10).
        let anaph = |sign: i32| -> Pt {
            let Ok(k) = i32::try_from(n) else {
                return Pt::Nv;
            };
            match u {
                _ if vague(n) => Pt::Nv,
                0 => Pt::Anaph(i64::from(sign * k)),
                1 => Pt::Anaph(7 * i64::from(sign * k)),
                2 => Pt::AnaphMonth(sign * k),
                3 => Pt::AnaphYear(sign * k),
                _ => Pt::Nv,
            }
        };
        if let Some(k3) = self.seq(k2, &["plus", "tard"]).or_else(|| {
            self.seq(k2, &["apres"])
                .filter(|_| !self.any(k2 + 1, &["le", "la", "les", "l", "sa", "son", "leur"]))
        }) {
            return Some((k3, anaph(1), false));
        }
        if let Some(k3) = self
            .seq(k2, &["plus", "tot"])
            .or_else(|| self.seq(k2, &["auparavant"]))
        {
            return Some((k3, anaph(-1), false));
        }
        // a bare duration: only with a real count
        if vague(n) || j != i {
            return None;
        }
        Some((k2, Pt::Nv, false))
    }

    /// Holidays: « Noël », « le jour de l'an », « la Toussaint », « Pâques », « fête du travail ».
    fn r_holiday(&self, i: usize) -> R {
        if !self.may(i, B_HOLIDAY) {
            return None;
        }
        let mut j = self.art(i);
        if let Some(k) = self
            .seq(j, &["jour", "de"])
            .or_else(|| self.seq(j, &["journee", "de"]))
        {
            if !self.is(k, "l") {
                j = self.art(k);
            }
        }
        if !self.listed(j, W_HOLIDAY_FIRST) {
            return None;
        }
        let fixed = |m, d| Hol::Fixed(m, d);
        let (k, h) = if self.any(j, &["noel"]) {
            (j + 1, fixed(12, 25))
        } else if let Some(k) = self
            .seq(j, &["veille", "de", "noel"])
            .or_else(|| self.seq(j, &["reveillon", "de", "noel"]))
        {
            (k, fixed(12, 24))
        } else if let Some(k) = self
            .seq(j, &["reveillon", "du", "nouvel", "an"])
            .or_else(|| self.seq(j, &["reveillon", "de", "nouvel", "an"]))
        {
            (k, fixed(12, 31))
        } else if let Some(k) = self
            .seq(j, &["nouvel", "an"])
            .or_else(|| self.seq(j, &["jour", "de", "l", "'", "an"]))
            .or_else(|| self.seq(j, &["yuandan"]))
        {
            if self.is(k, "chinois") {
                return None;
            }
            (k, fixed(1, 1))
        } else if let Some(k) = self
            .seq(j, &["saint", "-", "sylvestre"])
            .or_else(|| self.seq(j, &["saint", "sylvestre"]))
        {
            (k, fixed(12, 31))
        } else if let Some(k) = self.seq(j, &["saint", "-", "valentin"]) {
            (k, fixed(2, 14))
        } else if self.is(j, "toussaint") {
            (j + 1, fixed(11, 1))
        } else if let Some(k) = self.seq(j, &["jour", "des", "morts"]) {
            (k, fixed(11, 1))
        } else if self.is(j, "halloween") {
            (j + 1, fixed(10, 31))
        } else if let Some(k) = self.seq(j, &["fete", "du", "travail"]) {
            (k, fixed(5, 1))
        } else if let Some(k) = self.seq(j, &["fete", "nationale"]) {
            (k, fixed(7, 14))
        } else if let Some(k) = self.seq(j, &["lundi", "de", "paques"]) {
            (k, Hol::Easter(1))
        } else if self.is(j, "paques") {
            (j + 1, Hol::Easter(0))
        } else if let Some(k) = self.seq(j, &["vendredi", "saint"]) {
            (k, Hol::Easter(-2))
        } else if let Some(k) = self.seq(j, &["lundi", "de", "pentecote"]) {
            (k, Hol::Easter(50))
        } else if self.is(j, "pentecote") {
            (j + 1, Hol::Easter(49))
        } else if let Some(k) = self.seq(j, &["fete", "des", "meres"]) {
            (k, Hol::Nth { m: 5, wd: 6, n: 0 })
        } else if let Some(k) = self
            .seq(j, &["fete", "des", "peres"])
            .or_else(|| self.seq(j, &["fete", "de", "pere"]))
        {
            (k, Hol::Nth { m: 6, wd: 6, n: 3 })
        } else if let Some(k) = self
            .seq(j, &["thanksgiving"])
            .or_else(|| self.seq(j, &["thanks", "giving"]))
            .or_else(|| self.seq(j, &["action", "de", "grace"]))
            .or_else(|| self.seq(j, &["l", "'", "action", "de", "grace"]))
        {
            (k, Hol::Nth { m: 11, wd: 3, n: 4 })
        } else {
            return None;
        };
        // « Noël Mamère », « Toussaint Louverture »
        if self.name_like(k) {
            return None;
        }
        let mut e = k;
        let mut kk = k;
        if self.is(kk, "de") {
            kk += 1;
        }
        if let Some((k2, y)) = self.year4(kk) {
            return Some((k2, Pt::Hol { h, y: Some(y) }, true));
        }
        if let Some((k2, Pt::Rel(Rel::Year(n)), _)) = self.r_relunit(kk).or_else(|| {
            self.elide(k, "d").and_then(|k3| {
                let (k4, a) = self
                    .is(k3, "annee")
                    .then(|| self.after_adj(k3 + 1))
                    .flatten()?;
                Some((k4, Pt::Rel(Rel::Year(a)), false))
            })
        }) {
            if let Some(rf) = self.reference() {
                return Some((
                    k2,
                    Pt::Hol {
                        h,
                        y: Some(rf.y + n),
                    },
                    false,
                ));
            }
            e = k2;
        }
        Some((e, Pt::Hol { h, y: None }, false))
    }

    /// Decades: « les années 70 », « les années 2000 », « les années soixante-dix ».
    fn r_decade(&self, i: usize) -> R {
        if !self.may(i, B_DECADE) {
            return None;
        }
        let j = self
            .seq(i, &["les", "annees"])
            .or_else(|| self.seq(i, &["des", "annees"]))
            .or_else(|| self.seq(i, &["annees"]))?;
        let (k, v) = if let Some((v, nd)) = self.num(j) {
            if !(nd == 2 || nd == 4) || v % 10 != 0 {
                return None;
            }
            (j + 1, if nd == 2 { 1900 + v } else { v })
        } else if let Some(k) = self.seq(j, &["deux", "mille"]) {
            (k, 2000)
        } else {
            let (k, a) = self.num_words(j)?;
            if a == 19 || a == 20 {
                let (k2, b) = self.num_words(k)?;
                if b % 10 != 0 {
                    return None;
                }
                (k2, a * 100 + b)
            } else if a % 10 == 0 && a >= 20 {
                (k, 1900 + a)
            } else {
                return None;
            }
        };
        let mut e = k;
        if self.tight(e) && self.is(e, "s") {
            e += 1;
        } else if self.tight(e) && self.is(e, "'") && self.is(e + 1, "s") {
            e += 2;
        }
        let y = v as i32;
        Some((
            e,
            Pt::V(Val::Range(
                Box::new(Val::Year(y)),
                Box::new(Val::Year(y + 9)),
            )),
            v >= 1000,
        ))
    }

    /// A day of the month alone: « le 24 », « le 1er ».
    fn r_day_only(&self, i: usize) -> R {
        if !self.may(i, B_DAY_ONLY) {
            return None;
        }
        let j = if self.is(i, "le") {
            i + 1
        } else if i > 0 && self.is(i - 1, "le") && self.num(i).is_some() {
            i
        } else {
            return None;
        };
        if j == i && !(i >= 2 && self.is(i - 2, "pour")) {
            return None;
        }
        let (k, d) = self.day(j)?;
        // « le 25 Mardi », « le vingt-cinq mardi »
        if let Some((k2, wd, false)) = self.weekday(k) {
            return Some((k2, Pt::D { d, wd: Some(wd) }, false));
        }
        self.num(j)?;
        let ok = match self.kind(k) {
            None | Some(Kind::Punct) => {
                !(self.is(k, "%")
                    || self.is(k, "/")
                    || self.is(k, "-") && self.num(k + 1).is_some()
                    || self.is(k, ",") && self.num(k + 1).is_some() && self.tight(k + 1))
            }
            Some(Kind::Word) => self.any(
                k,
                &[
                    "et", "au", "a", "jusqu", "ou", "dans", "pour", "cette", "ce", "prochain",
                    "avec", "lors", "puis",
                ],
            ),
            Some(Kind::Num) => false,
        };
        if !ok {
            return None;
        }
        Some((k, Pt::D { d, wd: None }, false))
    }

    /// « le premier vendredi de juillet », « dernier jour d'octobre 2015 »,
    /// « la première semaine d'octobre 2014 », « le troisième semaine de 2027 ».
    fn r_nth_weekday(&self, i: usize) -> R {
        if !self.may(i, B_NTH) {
            return None;
        }
        let j = self.art(i);
        let (k, n) = match self.class(j).ordinal {
            Some(n) => (j + 1, n),
            None => {
                let (v, nd) = self.num(j)?;
                if nd > 2 || !self.tight(j + 1) || !self.in_list(j + 1, lx::ORDINAL_SUFFIX) {
                    return None;
                }
                (j + 2, v)
            }
        };
        let what = if let Some((k2, wd, _)) = self.weekday(k) {
            (k2, Some(wd), 0u8)
        } else if self.is(k, "jour") {
            (k + 1, None, 0)
        } else if self.is(k, "semaine") {
            (k + 1, None, 1)
        } else {
            return None;
        };
        let (k2, wd, unit) = what;
        let k3 = self.de(k2)?;
        // of: month [year] | ce mois | mois prochain | year
        let (e, base) =
            if let Some((e, pt, _)) = self.r_month(k3).or_else(|| self.r_text_month_year(k3)) {
                (e, pt)
            } else if let Some((e, pt, _)) = self.r_relunit(k3).or_else(|| {
                let (e, u) = self.unit(k3)?;
                let (e2, a) = self.after_adj(e)?;
                (u == 2).then_some((e2, Pt::Rel(Rel::Month(a)), false))
            }) {
                if !matches!(pt, Pt::Rel(Rel::Month(_))) {
                    return None;
                }
                (e, pt)
            } else if let Some((e, y)) = self.year4(k3) {
                if unit != 1 {
                    return None;
                }
                return Some((e, Pt::V(Val::Week(y, n.max(1))), true));
            } else {
                return None;
            };
        // Resolving reads the reference and the narrative state.
        self.dep.set(true);
        let base_val = self.resolve(&base, Tense::Future, true)?;
        let (y, m) = match base_val {
            Val::Month(y, m) => (y, m),
            _ => return None,
        };
        let z = match (wd, unit) {
            (Some(wd), _) => cal::nth_weekday(y, m, wd, n)?,
            (None, 0) => {
                if n == 0 {
                    cal::dfc(y, m, cal::dim(y, m))
                } else if cal::valid(y, m, n) {
                    cal::dfc(y, m, n)
                } else {
                    return None;
                }
            }
            (None, _) => {
                // weeks lying wholly in the month: the n-th from its first Monday,
                // « dernière » the one ending on its last Sunday
                let mon = if n == 0 {
                    cal::nth_weekday(y, m, 6, 0)? - 6
                } else {
                    let mon = cal::nth_weekday(y, m, 0, n)?;
                    if cal::cfd(mon + 6).1 != m {
                        return None;
                    }
                    mon
                };
                return Some((e, Pt::V(Val::week_of(mon)), false));
            }
        };
        Some((e, Pt::V(Val::Day(z)), false))
    }

    /// Month with explicit year only (used inside other rules).
    fn r_text_month_year(&self, i: usize) -> R {
        if !self.may(i, B_MONTH_FIRST) {
            return None;
        }
        let (k, m, _) = self.month(i)?;
        let (k2, y) = self.year4(k)?;
        Some((k2, Pt::V(Val::Month(y, m)), true))
    }

    /// Ranges: « du 13 au 15 juin », « entre le 13 et le 15 juillet », « 13-15 juillet »,
    /// « du 15 décembre 2023 au 15 décembre 2024 », « de 2010 à 2018 ».
    fn range(&self, i: usize) -> Option<Cand> {
        let mut j = i;
        let mut opener = None;
        if self.any(j, &["du", "de", "entre", "depuis"]) {
            opener = Some(self.w(j));
            j += 1;
        } else if let Some(k) = self.elide(j, "d") {
            opener = Some("de");
            j = k;
        }
        let entre = opener == Some("entre");
        if entre {
            j = self.art(j);
        }
        // left: a full expression or a day (« 13 », « samedi 13 »)
        let full = self.core_m(j).map(|(k, pt, _)| (k, pt));
        let day = {
            let mut k = j;
            let mut wd = None;
            if let Some((k2, d, _)) = self.weekday(k) {
                wd = Some(d);
                k = k2;
            }
            self.day(k).map(|(k2, d)| (k2, Pt::D { d, wd }))
        };
        for (k, left) in full.into_iter().chain(day) {
            let conn = if self.is(k, "au") || self.is(k, "a") {
                Some(k + 1)
            } else if let Some(k2) = self
                .seq(k, &["jusqu", "'", "au"])
                .or_else(|| self.seq(k, &["jusqu", "'", "a"]))
            {
                Some(if self.is(k2, "le") { k2 + 1 } else { k2 })
            } else if self.is(k, "et") && (entre || matches!(left, Pt::D { .. })) {
                Some(self.art(k + 1))
            } else if self.is(k, "-") {
                Some(k + 1)
            } else {
                None
            };
            let Some(c) = conn else { continue };
            let strong = opener.is_some() || !self.is(k, "et") || matches!(left, Pt::D { .. });
            if !strong {
                continue;
            }
            let right = self.core_m(c).or_else(|| {
                let mut k = c;
                let mut wd = None;
                if let Some((k2, d, _)) = self.weekday(k) {
                    wd = Some(d);
                    k = k2;
                }
                let (k2, d) = self.day(k)?;
                Some((k2, Pt::D { d, wd }, false))
            });
            let Some((mut e, mut right, abs)) = right else {
                continue;
            };
            // (« le 9 avril 2024 à 17:30 », « 07/06/2025 - 09:10 »: an hour, not a day.)
            if matches!(right, Pt::D { .. }) && (self.is(e, ":") || self.is(e, "h")) {
                continue;
            }
            // (« Alger, le 12 mai 2024 - Un exercice… »: a dash before a number word opens
            // the text after a dateline, not the end of a range.)
            if self.is(k, "-") && matches!(right, Pt::D { .. }) && self.num(c).is_none() {
                continue;
            }
            let mut left = left;
            // « 4 au 22 de ce mois », « 4-23 mois prochain »
            if let (Pt::D { d: d2, wd: w2 }, Some((k3, off)), Some(rf)) =
                (&right, self.month_ref(e), self.reference())
            {
                if let (Pt::D { d: d1, wd: w1 }, Some(rm)) = (&left, rf.m) {
                    let (y, m) = cal::add_months(rf.y, rm, off);
                    right = Pt::Dm {
                        d: *d2,
                        m,
                        y: Some(y),
                        wd: *w2,
                    };
                    left = Pt::Dm {
                        d: *d1,
                        m,
                        y: Some(y),
                        wd: *w1,
                    };
                    e = k3;
                }
            }
            // « novembre 19-20 », « Novembre 19 au 20 »
            if let (Pt::Dm { m, y, .. }, Pt::D { d, wd }) = (&left, &right) {
                if !self.is(k, "et") {
                    right = Pt::Dm {
                        d: *d,
                        m: *m,
                        y: *y,
                        wd: *wd,
                    };
                }
            }
            if self.is(k, "et") && !entre && !matches!(right, Pt::Dm { .. }) {
                continue;
            }
            let ok = match (&left, &right) {
                (Pt::D { .. }, Pt::Dm { .. }) => true,
                (Pt::D { .. }, Pt::D { .. }) => opener.is_some(),
                (Pt::Dm { .. }, Pt::Dm { .. }) => true,
                (Pt::Dm { .. } | Pt::D { .. }, _) => false,
                (Pt::V(Val::Year(_)), Pt::V(Val::Year(_))) => opener.is_some(),
                // « juillet-septembre 2021 », « juil.-sept. 2021 »: two months glued by a dash.
                (Pt::M { .. } | Pt::V(Val::Month(..)), Pt::M { .. } | Pt::V(Val::Month(..))) => {
                    opener.is_some() || self.is(k, "-") && self.tight(k) && self.tight(c)
                }
                (Pt::Nv, _) | (_, Pt::Nv) => false,
                (
                    Pt::Rel(Rel::Day(_)) | Pt::Wd { .. } | Pt::V(Val::Day(_)),
                    Pt::Rel(Rel::Day(_)) | Pt::Wd { .. } | Pt::V(Val::Day(_)) | Pt::Anaph(_),
                ) => opener.is_some() || !self.is(k, "-"),
                _ => false,
            };
            if !ok {
                continue;
            }
            let s = if opener.is_some() && !entre && !matches!(left, Pt::D { .. } | Pt::Dm { .. }) {
                j
            } else {
                i
            };
            let _ = s;
            return Some(Cand {
                e,
                a: left,
                b: Some(right),
                abs,
                md: Md::None,
            });
        }
        None
    }

    /// « (de) ce mois », « (du) mois prochain »: month offset from the reference.
    fn month_ref(&self, i: usize) -> Option<(usize, i32)> {
        let j = if self.any(i, &["de", "du", "le"]) {
            i + 1
        } else {
            i
        };
        if self.any(j, &["ce", "cette"]) && self.is(j + 1, "mois") {
            return Some((j + 2, 0));
        }
        if self.is(j, "mois") {
            let (k, a) = self.after_adj(j + 1)?;
            return Some((k, a));
        }
        None
    }

    /// Every candidate at `i`, the best one; from [`Prepared::parsed`] when an earlier
    /// pass found it without reading any state.
    fn parse_at(&self, i: usize) -> Option<Cand> {
        if !self.may(i, B_ALL) {
            return None;
        }
        let at = {
            let parsed = self.parsed.borrow();
            // Passes go forward: the token is most often past the last one kept.
            if parsed.last().is_none_or(|l| l.0 < i) {
                Err(parsed.len())
            } else {
                parsed.binary_search_by_key(&i, |p| p.0)
            }
        };
        let at = match at {
            Ok(k) => return self.parsed.borrow().get(k).and_then(|p| p.1.clone()),
            Err(k) => k,
        };
        let outer = self.dep.replace(false);
        let c = self.parse_here(i);
        let dep = self.dep.get();
        self.dep.set(outer || dep);
        if !dep {
            self.parsed.borrow_mut().insert(at, (i, c.clone()));
        }
        c
    }

    /// Every candidate at `i`, the best one.
    fn parse_here(&self, i: usize) -> Option<Cand> {
        let mut best: Option<Cand> = None;
        let mut consider = |c: Cand| {
            if best.as_ref().is_none_or(|b| c.e > b.e) {
                best = Some(c);
            }
        };
        if let Some((e, pt, abs)) = self.core_m(i) {
            consider(Cand {
                e,
                a: pt,
                b: None,
                abs,
                md: Md::None,
            });
        }
        if self.is(i, "le") || self.is(i, "la") {
            if let Some((e, pt, abs)) = self.core_m(i + 1) {
                consider(Cand {
                    e,
                    a: pt,
                    b: None,
                    abs,
                    md: Md::None,
                });
            }
        }
        // « la semaine du 7 octobre »
        if let Some(j) = self
            .seq(i, &["la", "semaine", "du"])
            .or_else(|| self.seq(i, &["semaine", "du"]))
        {
            if let Some((e, pt @ (Pt::Dm { .. } | Pt::D { .. }), abs)) =
                self.core_m(j).or_else(|| self.r_text_date(j))
            {
                consider(Cand {
                    e,
                    a: pt,
                    b: None,
                    abs,
                    md: Md::Week,
                });
            }
        }
        if let Some(c) = self.range(i) {
            consider(c);
        }
        // open ranges
        let after = self
            .seq(i, &["a", "partir", "du"])
            .or_else(|| self.seq(i, &["a", "partir", "de"]))
            .or_else(|| self.seq(i, &["a", "partir", "d", "'"]));
        let after = after
            .or_else(|| self.seq(i, &["apres", "le"]))
            .or_else(|| self.seq(i, &["apres", "la"]));
        if let Some(j) = after {
            if let Some((e, pt, abs)) = self.core_m(j) {
                if !matches!(pt, Pt::Nv) {
                    consider(Cand {
                        e,
                        a: pt,
                        b: None,
                        abs,
                        md: Md::After,
                    });
                }
            } else if let Some((e, d)) = self.day(j).filter(|_| self.num(j).is_some()) {
                if self.kind(e) != Some(Kind::Word) {
                    consider(Cand {
                        e,
                        a: Pt::D { d, wd: None },
                        b: None,
                        abs: false,
                        md: Md::After,
                    });
                }
            }
        }
        // « avant le 10 mai »: news gold keeps the date itself, so no open range here.
        if OPEN_BEFORE && self.is(i, "avant") {
            let j = if self.any(i + 1, &["le", "la"]) {
                i + 2
            } else {
                i + 1
            };
            if let Some((e, pt, abs)) = self.core_m(j) {
                if matches!(pt, Pt::V(_) | Pt::Dm { .. } | Pt::M { .. }) {
                    consider(Cand {
                        e,
                        a: pt,
                        b: None,
                        abs,
                        md: Md::Before,
                    });
                }
            }
        }
        best
    }

    // ----- context ---------------------------------------------------------------------

    /// The tokens of the sentence around `s..e`, at most [`WINDOW`] tokens on each side.
    fn sentence(&self, s: usize, e: usize) -> (usize, usize) {
        // The first token of the sentence of `s`, and the first token at or after `e`
        // starting a sentence (or the end).
        let first = self
            .sent_first
            .get(self.sid(s))
            .copied()
            .unwrap_or(s)
            .min(s);
        let next = match self.lx.toks.get(e) {
            Some(t) if t.brk => e,
            Some(_) => self
                .sent_first
                .get(self.sid(e) + 1)
                .copied()
                .unwrap_or(self.n()),
            None => self.n(),
        };
        (
            first.max(s.saturating_sub(WINDOW)),
            next.max(e).min(e + WINDOW),
        )
    }

    /// Sentence number of token `i`.
    fn sid(&self, i: usize) -> usize {
        self.sid.get(i).copied().unwrap_or(usize::MAX)
    }

    /// Tense of the sentence around tokens `s..e`: the nearest cue wins, a future cue
    /// winning a near tie (« il était attendu jeudi »).
    fn tense(&self, s: usize, e: usize) -> Tense {
        // « depuis avril »: a start, so in the past whatever the verb (« tentent »)
        if s > 0 && self.is(s - 1, "depuis") {
            return Tense::Past;
        }
        // « d'ici au 1er octobre », « d'ici mars »: a deadline, ahead of whoever sets it.
        if s > 0
            && (self.is(s - 1, "ici")
                || s > 1 && self.is(s - 2, "ici") && self.any(s - 1, &["au", "a", "le", "la"]))
        {
            return Tense::Future;
        }
        let (a, b) = self.sentence(s, e);
        let mut dp = usize::MAX;
        let mut df = usize::MAX;
        // A participle right before (« l'accord annoncé mercredi sera suivi… », « arrivé
        // mercredi, il sera reçu vendredi ») decides: past, whatever follows, unless a future
        // auxiliary comes just before it (« doit être signé vendredi »).
        let mut participle_before = false;
        let mut future_before = false;
        // Only the tokens within MAX_CUE_DIST of the expression may be cues.
        let before = a.max(s.saturating_sub(MAX_CUE_DIST))..s;
        // (Up to a « que »: « a laissé entendre en mai que ses troupes pourraient… »,
        // the verb after it tells another clause's time.)
        let after_end = (e..b.min(e + MAX_CUE_DIST))
            .find(|&k| self.any(k, &["que", "qu"]))
            .unwrap_or(b.min(e + MAX_CUE_DIST));
        let after = e..after_end;
        for k in before.chain(after) {
            if self.kind(k) != Some(Kind::Word) {
                continue;
            }
            let dist = if k < s { s - k } else { k - e + 1 };
            if dist > MAX_CUE_DIST {
                continue;
            }
            let f = self.cue(k);
            let has = |bit: u16| f & bit != 0;
            let fut_aux = has(C_FUTURE_AUX);
            let mut fut = fut_aux || has(C_MORPH_FUTURE);
            // « Arrivé mardi soir », « reçu jeudi par » : a participle right before
            let mut past =
                (k + 1 == s && !fut_aux && has(C_PARTICIPLE)) || has(C_MORPH_PAST) || has(C_HIER);
            if !fut && !past && has(C_AUX) {
                if has(C_AUX_PAST) {
                    past = true;
                } else if k + usize::from(f >> C_AHEAD_SHIFT) < b {
                    // a participle (or a future word) within the next words, in the window
                    fut = has(C_AHEAD_FUTURE);
                    past = has(C_AHEAD_PAST);
                }
            }
            if !fut && !past && has(C_AFTER_AUX) {
                past = true;
            }
            if fut {
                df = df.min(dist);
                future_before |= k < s && k + 4 >= s;
            }
            if past {
                dp = dp.min(dist);
            }
            participle_before |= k + 1 == s && !fut_aux && has(C_PARTICIPLE);
            // « avant d'être reçu jeudi », « pour être livré lundi »: ahead.
            future_before |= k + 2 == s && self.is(k, "etre");
        }
        if participle_before {
            if future_before {
                Tense::Future
            } else {
                Tense::Past
            }
        } else if df == usize::MAX && dp == usize::MAX {
            // « le sommet se tient jusqu'à vendredi »: the end of what goes on, ahead.
            let until = s >= 3
                && (self.seq(s - 3, &["jusqu", "'", "a"]).is_some()
                    || self.seq(s - 3, &["jusqu", "'", "au"]).is_some());
            if until {
                Tense::Future
            } else {
                Tense::Unknown
            }
        } else if df <= dp.saturating_add(1) {
            Tense::Future
        } else {
            Tense::Past
        }
    }

    /// The tense cues of word token `k` ([`Cx::cue_of`]), computed once per prepared text.
    fn cue(&self, k: usize) -> u16 {
        let Some(cell) = self.cues.get(k) else {
            return 0;
        };
        let c = cell.get();
        if c & C_KNOWN != 0 {
            return c;
        }
        let c = self.cue_of(k) | C_KNOWN;
        cell.set(c);
        c
    }

    /// The tense cues of word token `k` that do not depend on the expression: its own
    /// form ([`C_FUTURE_AUX`]…), and for an auxiliary what the next words say
    /// ([`C_AHEAD_FUTURE`], [`C_AHEAD_PAST`], at [`C_AHEAD_SHIFT`]).
    fn cue_of(&self, k: usize) -> u16 {
        let Some(t) = self.lx.toks.get(k).copied() else {
            return 0;
        };
        let w = self.w(k);
        let mut c = 0;
        let fut_aux = self.in_list(k, lx::FUTURE);
        if fut_aux {
            c |= C_FUTURE_AUX;
        }
        let src = self.text.get(t.start..t.end).unwrap_or("");
        let art = k > 0
            && (self.any(
                k - 1,
                &[
                    "la", "le", "les", "un", "une", "des", "du", "de", "cette", "sa", "son",
                    "leur", "'",
                ],
            ));
        if !art
            && ends_any(
                src,
                &[
                    "é", "ée", "és", "ées", "reçu", "reçus", "reçue", "venu", "venue", "venus",
                ],
            )
        {
            c |= C_PARTICIPLE;
        }
        // (A conditional auxiliary is read by what follows it: « aurait livré ».)
        if !fut_aux
            && !t.cap
            && !self.in_list(k, lx::LOOKALIKE)
            && !self.in_list(k, lx::PAST)
            && w.len() >= 5
        {
            if ends_any(w, &["rai", "ras", "rons", "rez", "ront"])
                || (w.ends_with("ra") && !w.ends_with("tra"))
            {
                c |= C_MORPH_FUTURE;
            } else if conditional(w, src) {
                c |= C_MORPH_FUTURE;
            } else if ends_any(w, &["ait", "aient"]) {
                c |= C_MORPH_PAST;
            }
        }
        if w == "hier" {
            c |= C_HIER;
        }
        if self.is_aux(k) {
            c |= C_AUX;
            if w.starts_with("eta")
                || w.starts_with("ava")
                || w == "fut"
                || w == "furent"
                || w == "eut"
            {
                c |= C_AUX_PAST;
            } else {
                // participle within the next three words
                let mut q = k + 1;
                let mut tries = 0;
                // past the next words: never within the window
                let mut ahead = 0;
                while q < self.n() && tries < 4 {
                    let wq = self.w(q);
                    if matches!(
                        wq,
                        "-" | "t"
                            | "il"
                            | "elle"
                            | "on"
                            | "ils"
                            | "elles"
                            | "ne"
                            | "n"
                            | "'"
                            | "pas"
                            | "deja"
                            | "aussi"
                            | "bien"
                            | "egalement"
                            | "notamment"
                            | "ensuite"
                            | "alors"
                            | "encore"
                            | "jamais"
                            | "toutefois"
                            | "pourtant"
                            | "finalement"
                            | "enfin"
                            | "meme"
                    ) {
                        q += 1;
                        tries += 1;
                        continue;
                    }
                    ahead = q - k;
                    if self.in_list(q, lx::FUTURE) {
                        c |= C_AHEAD_FUTURE;
                    } else if self.kind(q) == Some(Kind::Word)
                        && ends_any(
                            wq,
                            &[
                                "e", "es", "i", "is", "it", "u", "us", "ue", "ues", "ert", "erts",
                                "int", "ints", "aint", "eint", "ite", "ites",
                            ],
                        )
                        && !matches!(
                            wq,
                            "une"
                                | "de"
                                | "le"
                                | "la"
                                | "les"
                                | "ce"
                                | "que"
                                | "qui"
                                | "mi"
                                | "si"
                                | "ni"
                                | "plus"
                                | "tous"
                                | "sous"
                                | "dessus"
                                | "lui"
                                | "aussi"
                                | "ici"
                                | "ainsi"
                                | "parmi"
                                | "depuis"
                        )
                    {
                        c |= C_AHEAD_PAST;
                    }
                    break;
                }
                if ahead == 0 {
                    // no deciding word: as far as the window could reach
                    ahead = usize::from(u16::MAX >> C_AHEAD_SHIFT);
                }
                c |= (ahead as u16) << C_AHEAD_SHIFT;
            }
        }
        if self.participle_after_aux(k) {
            c |= C_AFTER_AUX;
        }
        c
    }

    /// A past auxiliary (« a », not the preposition « à »).
    fn is_aux(&self, k: usize) -> bool {
        let Some(t) = self.lx.toks.get(k) else {
            return false;
        };
        self.in_list(k, lx::PAST) && !matches!(self.text.get(t.start..t.end), Some("à" | "À"))
    }

    /// A past participle after a past auxiliary (« avait officiellement demandé »).
    fn participle_after_aux(&self, k: usize) -> bool {
        let w = self.w(k);
        if self.cap(k)
            || w.len() < 3
            || matches!(
                w,
                "une"
                    | "des"
                    | "les"
                    | "cette"
                    | "notre"
                    | "votre"
                    | "leurs"
                    | "ses"
                    | "ces"
                    | "mes"
                    | "tes"
                    | "plusieurs"
                    | "quelques"
            )
            || !ends_any(
                w,
                &[
                    "e", "es", "ee", "ees", "i", "is", "it", "u", "us", "ue", "ert", "int",
                ],
            )
            || self.in_list(k, lx::FUTURE)
        {
            return false;
        }
        let mut q = k;
        for _ in 0..4 {
            if q == 0 {
                return false;
            }
            q -= 1;
            let wq = self.w(q);
            if self.is_aux(q) {
                return true;
            }
            if !ends_any(wq, &["ment"])
                && !matches!(
                    wq,
                    "-" | "t"
                        | "il"
                        | "elle"
                        | "on"
                        | "ne"
                        | "n"
                        | "'"
                        | "pas"
                        | "deja"
                        | "aussi"
                        | "bien"
                        | "encore"
                        | "jamais"
                        | "meme"
                )
            {
                return false;
            }
        }
        false
    }

    /// True when the expression is (nearly) the whole sentence: no verb to read a tense from,
    /// as in a calendar entry; such expressions lean to the future.
    fn fragment(&self, s: usize, e: usize) -> bool {
        let (a, b) = self.sentence(s, e);
        if s - a >= WINDOW || b - e >= WINDOW {
            return false;
        }
        (a..b).all(|k| {
            (k >= s && k < e)
                || self.kind(k) != Some(Kind::Word)
                || self.any(
                    k,
                    &[
                        "le", "la", "les", "l", "en", "au", "du", "de", "d", "ce", "cette", "a",
                    ],
                )
        })
    }

    // ----- resolution ------------------------------------------------------------------

    /// The day weekdays are counted from.
    fn base_day(&self) -> Option<i64> {
        self.anchor.or_else(|| self.r.and_then(|r| r.z()))
    }

    /// A day-precise result coarsened to what the reference allows.
    fn coarse(&self) -> Option<Val> {
        let r = self.r?;
        Some(match r.m {
            Some(m) => Val::Month(r.y, m),
            None => Val::Year(r.y),
        })
    }

    /// The year of a (month, day) given no year: by tense around the reference.
    fn infer_year(&self, m: u32, d: Option<u32>, t: Tense) -> Option<i32> {
        // « à l'été 2015, (…) en août »: the year written earlier in the sentence
        if let Some((sent, y)) = self.sent_year {
            if sent == self.cur_sent.get() {
                return Some(y);
            }
        }
        let (ry, rm, rd) = match self.r {
            Some(r) => (r.y, r.m, r.d),
            None => {
                let y = self.last_year?;
                return Some(y);
            }
        };
        let Some(rm) = rm else { return Some(ry) };
        let key = |m: u32, d: u32| m * 32 + d;
        let refk = key(rm, rd.unwrap_or(0));
        let k = key(m, d.unwrap_or(0));
        let (before, after) = match (d, rd) {
            (Some(_), Some(_)) => (k <= refk, k >= refk),
            _ => (m <= rm, m >= rm),
        };
        Some(match t {
            Tense::Past => {
                if before {
                    ry
                } else {
                    ry - 1
                }
            }
            Tense::Future => {
                if after {
                    ry
                } else {
                    ry + 1
                }
            }
            // news: the past, unless the month is just ahead
            Tense::Unknown => {
                let diff = m as i32 - rm as i32;
                if (0..=3).contains(&diff) || diff < -8 {
                    if diff < -8 {
                        ry + 1
                    } else {
                        ry
                    }
                } else if before {
                    ry
                } else {
                    ry - 1
                }
            }
        })
    }

    fn resolve(&self, pt: &Pt, t: Tense, frag: bool) -> Option<Val> {
        let t = if t == Tense::Unknown && frag {
            Tense::Future
        } else {
            t
        };
        match *pt {
            Pt::V(ref v) => Some(v.clone()),
            Pt::Nv => None,
            Pt::Dm {
                d, m, y: Some(y), ..
            } => cal::valid(y, m, d).then(|| Val::Day(cal::dfc(y, m, d))),
            Pt::Dm { d, m, y: None, wd } => {
                if let Some(wd) = wd {
                    let base = self.r.map(|r| r.y).or(self.last_year)?;
                    let mut cands: Vec<i32> = Vec::with_capacity(3);
                    let first = self.infer_year(m, Some(d), t).unwrap_or(base);
                    let near = |y: i32| match self.r {
                        Some(r) => {
                            let rz = cal::dfc(r.y, r.m.unwrap_or(7), r.d.unwrap_or(1));
                            (cal::dfc(y, m, d) - rz).abs() <= 200
                        }
                        None => true,
                    };
                    for y in [first, base, base - 1, base + 1] {
                        if cal::valid(y, m, d)
                            && cal::weekday(cal::dfc(y, m, d)) == wd
                            && !cands.contains(&y)
                            && near(y)
                        {
                            cands.push(y);
                        }
                    }
                    if let Some(&y) = cands.first() {
                        return Some(Val::Day(cal::dfc(y, m, d)));
                    }
                }
                let y = self.infer_year(m, Some(d), t)?;
                let d = if !cal::valid(y, m, d) && m == 2 && d == 29 {
                    // 29/2: the nearest leap year in the direction asked
                    let mut yy = y;
                    for _ in 0..8 {
                        if cal::valid(yy, 2, 29) {
                            break;
                        }
                        yy += if t == Tense::Past { -1 } else { 1 };
                    }
                    return cal::valid(yy, 2, 29).then(|| Val::Day(cal::dfc(yy, 2, 29)));
                } else {
                    d
                };
                cal::valid(y, m, d).then(|| Val::Day(cal::dfc(y, m, d)))
            }
            Pt::D { d, wd } => {
                let r = self.r?;
                let rm = r.m?;
                if let Some(wd) = wd {
                    // the nearest month whose day `d` is that weekday
                    let back = t == Tense::Past;
                    for k in 0..24 {
                        let (y, m) = cal::add_months(r.y, rm, if back { -k } else { k });
                        if cal::valid(y, m, d) && cal::weekday(cal::dfc(y, m, d)) == wd {
                            return Some(Val::Day(cal::dfc(y, m, d)));
                        }
                    }
                    return None;
                }
                let off = match (t, r.d) {
                    (Tense::Future, Some(rd)) if d < rd => 1,
                    (Tense::Past, Some(rd)) if d > rd => -1,
                    (Tense::Unknown, Some(rd)) if d > rd + 10 => -1,
                    _ => 0,
                };
                let (y, m) = cal::add_months(r.y, rm, off);
                cal::valid(y, m, d).then(|| Val::Day(cal::dfc(y, m, d)))
            }
            Pt::M { m, dir } => {
                let y = match (dir, self.r) {
                    (Dir::Tense, _) => self.infer_year(m, None, t)?,
                    (Dir::Same, _) => self.last_year.or(self.r.map(|r| r.y))?,
                    (_, None) => self.last_year?,
                    (Dir::This, Some(r)) => r.y,
                    (Dir::Next, Some(r)) => match r.m {
                        Some(rm) if m > rm => r.y,
                        Some(_) => r.y + 1,
                        None => r.y,
                    },
                    (Dir::Last, Some(r)) => match r.m {
                        Some(rm) if m < rm => r.y,
                        Some(_) => r.y - 1,
                        None => r.y,
                    },
                };
                Some(Val::Month(y, m))
            }
            Pt::Wd { wd, m } => {
                let Some(z) = self.base_day() else {
                    return self.coarse();
                };
                let rw = i64::from(cal::weekday(z));
                let wd = i64::from(wd);
                let on_before = z - (rw - wd).rem_euclid(7);
                let on_after = z + (wd - rw).rem_euclid(7);
                let mon = z - rw;
                Some(Val::Day(match m {
                    Wm::Plain => match t {
                        // (The day itself when it is that weekday: « il doit être reçu
                        // mercredi » in Wednesday's paper; a week ahead is « mercredi
                        // prochain ».)
                        Tense::Future => on_after,
                        _ => on_before,
                    },
                    Wm::This => {
                        if t == Tense::Past {
                            on_before
                        } else {
                            on_after
                        }
                    }
                    Wm::Next => z + (wd - rw - 1).rem_euclid(7) + 1,
                    Wm::Last => z - (rw - wd - 1).rem_euclid(7) - 1,
                    Wm::NextWeek => mon + 7 + wd,
                    Wm::PrevWeek => mon - 7 + wd,
                    Wm::ThisWeek => mon + wd,
                    Wm::Plus(n) => on_after + n,
                }))
            }
            Pt::Rel(rel) => self.resolve_rel(rel),
            Pt::Anaph(n) => {
                let refz = self.r.and_then(|r| r.z());
                let base = self
                    .last_day
                    .filter(|&d| refz.is_none_or(|rz| d <= rz))
                    .or(refz);
                match base {
                    Some(z) => Some(Val::Day(z + n)),
                    None => self.coarse(),
                }
            }
            Pt::AnaphYear(n) => {
                let y = self.last_year.or(self.r.map(|r| r.y))?;
                Some(Val::Year(y + n))
            }
            Pt::AnaphMonth(n) => {
                let (y, m) = self
                    .last_month
                    .or_else(|| self.r.and_then(|r| Some((r.y, r.m?))))?;
                let (y, m) = cal::add_months(y, m, n);
                Some(Val::Month(y, m))
            }
            Pt::Hol { h, y } => {
                let day_in = |y: i32| -> Option<i64> {
                    match h {
                        Hol::Fixed(m, d) => cal::valid(y, m, d).then(|| cal::dfc(y, m, d)),
                        Hol::Easter(n) => Some(cal::easter(y) + n),
                        Hol::Nth { m, wd, n } => cal::nth_weekday(y, m, wd, n),
                    }
                };
                if let Some(y) = y {
                    return day_in(y).map(Val::Day);
                }
                let r = self.r?;
                let z = day_in(r.y)?;
                let refz = r.z().or_else(|| r.m.map(|m| cal::dfc(r.y, m, 15)))?;
                let z = match t {
                    Tense::Past if z > refz => day_in(r.y - 1)?,
                    Tense::Past => z,
                    _ if z < refz => day_in(r.y + 1)?,
                    _ => z,
                };
                Some(Val::Day(z))
            }
            Pt::Seas { s, dir } => {
                let r = self.r?;
                let y = match (dir, r.m) {
                    (Dir::Last, Some(m)) => {
                        let end = match s {
                            Season::Spring => 6,
                            Season::Summer => 9,
                            Season::Fall => 12,
                            Season::Winter => 3,
                        };
                        if m > end && s != Season::Winter {
                            r.y
                        } else {
                            r.y - 1
                        }
                    }
                    (Dir::Last, None) => r.y - 1,
                    (Dir::Next, Some(m)) => {
                        if m < s.start_month() {
                            r.y
                        } else {
                            r.y + 1
                        }
                    }
                    (Dir::Next, None) => r.y + 1,
                    _ => r.y,
                };
                Some(Val::Season(y, s))
            }
            Pt::Shift(ref inner, n) => match self.resolve(inner, t, frag)? {
                Val::Day(z) => Some(Val::Day(z + n)),
                _ => None,
            },
        }
    }

    fn resolve_rel(&self, rel: Rel) -> Option<Val> {
        let r = self.r?;
        let z = r.z();
        let need_day = |f: &dyn Fn(i64) -> Val| -> Option<Val> { z.map(f) };
        let n64 = |n: u32| i64::from(n);
        Some(match rel {
            Rel::Day(n) => match z {
                Some(z) => Val::Day(z + n),
                None => return self.coarse(),
            },
            Rel::Week(n) => return need_day(&|z| Val::week_of(z + 7 * i64::from(n))),
            Rel::Weekend(n) => {
                return need_day(&|z| {
                    let (y, w) = cal::iso_week(z + 7 * i64::from(n));
                    Val::Weekend(y, w)
                })
            }
            Rel::Month(n) => {
                let (y, m) = cal::add_months(r.y, r.m?, n);
                Val::Month(y, m)
            }
            Rel::Year(n) => Val::Year(r.y + n),
            Rel::Quarter(q, n) => Val::Quarter(r.y + n, q),
            Rel::Half(h, n) => Val::Half(r.y + n, h),
            Rel::WorkWeek => {
                let z = z?;
                let mon = z - i64::from(cal::weekday(z));
                Val::Range(Box::new(Val::Day(mon)), Box::new(Val::Day(mon + 4)))
            }
            Rel::Ago(n, u) => match u {
                0 => Val::Day(z? - n64(n)),
                1 => Val::week_of(z? - 7 * n64(n)),
                2 => {
                    let (y, m) = cal::add_months(r.y, r.m?, -(n as i32));
                    Val::Month(y, m)
                }
                _ => {
                    let (y, m) = cal::add_months(r.y, r.m?, -12 * n as i32);
                    Val::Month(y, m)
                }
            },
            Rel::In(n, u) => {
                let z = z?;
                Val::Day(match u {
                    0 => z + n64(n),
                    1 => z + 7 * n64(n),
                    2 => cal::add_months_day(z, n as i32),
                    _ => cal::add_months_day(z, 12 * n as i32),
                })
            }
            Rel::Since(n, u) => {
                let z = z?;
                let a = match u {
                    0 => z - n64(n),
                    1 => z - 7 * n64(n),
                    2 => cal::add_months_day(z, -(n as i32)),
                    _ => cal::add_months_day(z, -12 * n as i32),
                };
                Val::Range(Box::new(Val::Day(a)), Box::new(Val::Day(z)))
            }
            Rel::LastN(n, u) | Rel::NextN(n, u) => {
                let back = matches!(rel, Rel::LastN(..));
                let n = n as i32;
                let (a, b) = match u {
                    0 => {
                        let z = z?;
                        if back {
                            (Val::Day(z - i64::from(n)), Val::Day(z - 1))
                        } else {
                            (Val::Day(z + 1), Val::Day(z + i64::from(n)))
                        }
                    }
                    1 => {
                        let z = z?;
                        let mon = z - i64::from(cal::weekday(z));
                        if back {
                            (Val::Day(mon - 7 * i64::from(n)), Val::Day(mon - 1))
                        } else {
                            (Val::Day(mon + 7), Val::Day(mon + 7 * i64::from(n) + 6))
                        }
                    }
                    2 => {
                        let rm = r.m?;
                        let (y1, m1) = cal::add_months(r.y, rm, if back { -n } else { 1 });
                        let (y2, m2) = cal::add_months(r.y, rm, if back { -1 } else { n });
                        (Val::Month(y1, m1), Val::Month(y2, m2))
                    }
                    _ => {
                        if back {
                            (Val::Year(r.y - n), Val::Year(r.y - 1))
                        } else {
                            (Val::Year(r.y + 1), Val::Year(r.y + n))
                        }
                    }
                };
                if a == b {
                    a
                } else {
                    Val::Range(Box::new(a), Box::new(b))
                }
            }
        })
    }

    /// Resolves a candidate (range ends jointly).
    fn resolve_cand(&self, c: &Cand, s: usize) -> Option<Val> {
        self.cur_sent.set(self.sid(s));
        // The tense and the fragment test read the sentence: only for what resolves by them.
        let (t, frag) = if c.a.reads_tense() || c.b.as_ref().is_some_and(Pt::reads_tense) {
            (self.tense(s, c.e), self.fragment(s, c.e))
        } else {
            (Tense::Unknown, false)
        };
        let v = match &c.b {
            None => self.resolve(&c.a, t, frag)?,
            Some(b) => {
                let left = match (&c.a, b) {
                    (Pt::D { d, wd }, Pt::Dm { m, y, .. }) => Pt::Dm {
                        d: *d,
                        m: *m,
                        y: *y,
                        wd: *wd,
                    },
                    (a, _) => a.clone(),
                };
                let vb = self.resolve(b, t, frag)?;
                let va = match (&left, &vb) {
                    (Pt::Dm { d, m, y: None, .. }, Val::Day(zb)) => {
                        let (yb, mb, db) = cal::cfd(*zb);
                        let y = if (*m, *d) > (mb, db) { yb - 1 } else { yb };
                        if !cal::valid(y, *m, *d) {
                            return None;
                        }
                        Val::Day(cal::dfc(y, *m, *d))
                    }
                    (Pt::D { d, .. }, Val::Day(zb)) => {
                        let (yb, mb, _) = cal::cfd(*zb);
                        if !cal::valid(yb, mb, *d) {
                            return None;
                        }
                        Val::Day(cal::dfc(yb, mb, *d))
                    }
                    (Pt::M { m, dir: Dir::Tense }, Val::Month(yb, mb)) => {
                        Val::Month(if m > mb { yb - 1 } else { *yb }, *m)
                    }
                    _ => self.resolve(&left, t, frag)?,
                };
                let (fa, lb) = (va.first()?, vb.last()?);
                if fa > lb {
                    return None;
                }
                Val::Range(Box::new(va), Box::new(vb))
            }
        };
        Some(match c.md {
            Md::None => v,
            Md::Week => Val::week_of(v.first()?),
            Md::After => Val::After(Box::new(v)),
            Md::Before => Val::Before(Box::new(Val::Day(v.first()? - 1))),
        })
    }

    /// One pass over the text. Also returns a day that may stand for the reference day
    /// (a weekday-qualified date inside the reference month).
    fn sweep(&mut self) -> (Vec<DateHit>, Option<i64>) {
        let mut out: Vec<DateHit> = Vec::new();
        let mut anchor = None;
        let mut bare_wd: Vec<(usize, u32)> = Vec::new();
        let mut day_ranges: Vec<(usize, i64, i64)> = Vec::new();
        let mut yearless = Vec::new();
        let n = self.n();
        let mut i = 0;
        let mut next_start = 0;
        while i < n {
            // No rule starts where the mask is empty ([`Cx::parse_at`]): on to the next
            // token where one may.
            while self.starts.get(next_start).is_some_and(|&k| k < i) {
                next_start += 1;
            }
            match self.starts.get(next_start) {
                Some(&k) => i = k,
                None => break,
            }
            let cand = self.parse_at(i);
            let Some(c) = cand else {
                i += 1;
                continue;
            };
            // The narrative state changes with the hit: memoized rule results are stale.
            *self.memo.borrow_mut() = [None, None];
            let e = c.e.min(n).max(i + 1);
            let v = self.resolve_cand(&c, i).filter(Val::sane);
            // narrative memory
            if let Some(ref v) = v {
                let refz = self.r.and_then(|r| r.z());
                if let Some(z) = v.first() {
                    if v.precision() == Precision::Day
                        || matches!(v, Val::Range(a, _) if matches!(**a, Val::Day(_)))
                    {
                        if refz.is_none_or(|rz| z <= rz) {
                            self.last_day = Some(z);
                        }
                    }
                }
                if matches!(v.precision(), Precision::Day | Precision::Month) {
                    if let Some((y, m, _)) = v.first().map(cal::cfd) {
                        self.last_month = Some((y, m));
                    }
                }
                if c.abs {
                    if let Some(y) = v.year() {
                        self.last_year = Some(y);
                        if matches!(
                            v,
                            Val::Year(_) | Val::Season(..) | Val::Quarter(..) | Val::Half(..)
                        ) {
                            self.sent_year = Some((self.sid(i), y));
                        }
                    }
                }
                if let (Pt::Wd { wd, m: Wm::Plain }, true) =
                    (&c.a, self.r.is_some_and(|r| r.d.is_none()))
                {
                    bare_wd.push((self.sid(i), *wd));
                }
                if let (Val::Range(a, b), Some(r)) = (v, self.r) {
                    if let (Val::Day(za), Val::Day(zb)) = (&**a, &**b) {
                        let (y, m, _) = cal::cfd(*za);
                        if zb - za < 7 && y == r.y && Some(m) == r.m {
                            day_ranges.push((self.sid(i), *za, *zb));
                        }
                    }
                }
                if let (Pt::Dm { wd: Some(_), .. }, Val::Day(z), Some(r)) = (&c.a, v, self.r) {
                    let (y, m, _) = cal::cfd(*z);
                    if anchor.is_none() && y == r.y && Some(m) == r.m {
                        anchor = Some(*z);
                    }
                }
            }
            let start = self.lx.toks[i].start;
            let end = self.lx.toks[e - 1].end;
            if self.r.is_none() {
                // « mercredi 25 janvier », « du 13 au 15 juin »: the first day and its month.
                let dm = match (&c.a, &c.b) {
                    (&Pt::Dm { d, m, y: None, wd }, _) => Some((d, m, wd)),
                    (&Pt::D { d, wd }, Some(Pt::Dm { m, y: None, .. })) => Some((d, *m, wd)),
                    _ => None,
                };
                if let Some((day, month, weekday)) = dm {
                    yearless.push(super::YearlessDay {
                        span: Span::new(start, end),
                        day,
                        month,
                        weekday,
                    });
                }
            }
            let precision = v.as_ref().map_or(Precision::Unknown, Val::precision);
            out.push(DateHit {
                span: Span::new(start, end),
                value: v.map(|v| v.render()),
                precision,
                absolute: c.abs,
            });
            i = e;
        }
        if self.r.is_none() {
            *self.yearless.borrow_mut() = yearless;
        }
        // « ont signé jeudi (…) du 13 au 15 juin »: the one Thursday of the range
        if anchor.is_none() {
            'outer: for &(sent, wd) in &bare_wd {
                for &(rs, za, zb) in &day_ranges {
                    if rs == sent {
                        let days: Vec<i64> = (za..=zb).filter(|&z| cal::weekday(z) == wd).collect();
                        if days.len() == 1 {
                            anchor = Some(days[0]);
                            break 'outer;
                        }
                    }
                }
            }
        }
        (out, anchor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Hits with the rule guards on and off.
    fn both(text: &str, r: Option<&Reference>) -> (Vec<DateHit>, Vec<DateHit>) {
        (
            run_prepared(&prepare_with(text, false), r),
            run_prepared(&prepare_with(text, true), r),
        )
    }

    /// A text read against several references in turn gives what a fresh reading gives
    /// for each: the candidates kept across passes are those no reference changes.
    #[test]
    fn passes_agree_with_fresh_readings() {
        let texts = [
            "Le 4 au 22 de ce mois, puis la veille de Noël de l'an prochain.",
            "Le deuxième lundi du mois prochain, mardi 16 janvier, hier et la veille.",
            "Du 13 au 15 juin, jeudi, le lendemain ; le 3 mars 2021 et la semaine du 7 octobre.",
            "Il y a trois jours, à partir du 5, avant le 10 mai, Pâques l'année prochaine.",
        ];
        let refs = [
            None,
            Reference::parse("2024-03-15"),
            Reference::parse("2019-07"),
            Reference::parse("2021"),
            None,
        ];
        for text in texts {
            let p = prepare(text);
            for r in &refs {
                assert_eq!(
                    run_prepared(&p, r.as_ref()),
                    run(text, r.as_ref()),
                    "{text:?}"
                );
            }
        }
    }

    /// The vocabulary knows what the lists say of every word the grammar names.
    #[test]
    fn vocabulary_is_complete() {
        let src = [include_str!("parse.rs"), include_str!("lexicon.rs")].concat();
        let v = Vocabulary::get();
        for w in src
            .split('"')
            .skip(1)
            .step_by(2)
            .chain(["", "xyz", "premierement", "2024"])
        {
            assert_eq!(*v.info(w), WordInfo::of(w), "{w:?}");
        }
    }

    /// The start masks only skip rules that could not match: same hits with and without
    /// them, on token soups made of every word the grammar reads plus numbers and signs,
    /// and on the development articles and the dates suite when they are at hand.
    #[test]
    fn guards_change_nothing() {
        let src = include_str!("parse.rs");
        let mut vocab: Vec<String> = Vec::new();
        for piece in src.split('"').skip(1).step_by(2) {
            if !piece.is_empty()
                && piece.len() <= 14
                && piece.chars().all(|c| c.is_ascii_lowercase())
            {
                vocab.push(piece.to_string());
            }
        }
        for w in [
            "1",
            "3",
            "12",
            "15",
            "24",
            "31",
            "2024",
            "1999",
            "70",
            "-",
            "'",
            ".",
            ",",
            "/",
            "%",
            "Mars",
            "Noël",
            "1er",
            "2e",
            "janvier",
            "mai",
            "lundi",
            "jeudi",
            "premier",
            "deux",
            "vingt",
            "soixante",
            "dix",
            "sept",
            "T1",
            "l'",
            "d'",
            "aujourd'hui",
            "week-end",
            "\n",
        ] {
            vocab.push(w.to_string());
        }
        vocab.sort();
        vocab.dedup();
        let refs = [
            None,
            Reference::parse("2024-03-15"),
            Reference::parse("2019-07"),
            Reference::parse("2021"),
        ];
        let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
        let mut next = move || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        for round in 0..3000 {
            let len = 2 + (next() % 12) as usize;
            let words: Vec<&str> = (0..len)
                .map(|_| vocab[(next() % vocab.len() as u64) as usize].as_str())
                .collect();
            let text = words.join(if round % 3 == 0 { "" } else { " " });
            let r = refs[round % refs.len()];
            let (a, b) = both(&text, r.as_ref());
            assert_eq!(a, b, "{text:?}");
        }
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut texts: Vec<String> = Vec::new();
        for dir in [root.join("seeds"), root.join("../shared/eval/dev")] {
            if let Ok(rd) = std::fs::read_dir(dir) {
                texts.extend(
                    rd.flatten()
                        .filter_map(|e| std::fs::read_to_string(e.path()).ok()),
                );
            }
        }
        if let Ok(cases) = std::fs::read_to_string(root.join("../shared/eval/dates-fr/cases.jsonl"))
        {
            for line in cases.lines() {
                if let Ok(v) = serde_json::from_str::<serde_json::Value>(line) {
                    if let Some(t) = v.get("text").and_then(|t| t.as_str()) {
                        texts.push(t.to_string());
                    }
                }
            }
        }
        for text in &texts {
            for r in &refs {
                let (a, b) = both(text, r.as_ref());
                assert_eq!(a, b, "{text:?}");
            }
        }
    }
}
