//! Fixed phrase lists searched in one pass.
//!
//! The stages ask many small questions of a sentence or an article: does it hold any of
//! these twenty negation phrases, any of those planning verbs, which of fourteen force
//! names. Asked one phrase at a time (`str::contains`), each question re-reads the text
//! once per phrase and builds a substring searcher per call — slow natively, and much
//! slower in WebAssembly, which has no SIMD substring search. A [`Phrases`] set compiles
//! every phrase into one Aho-Corasick automaton: one pass over the text answers all of
//! them, as a bit mask.

use aho_corasick::{AhoCorasick, MatchKind};

/// Phrases, each with the bit it sets in [`Phrases::mask`].
///
/// ```
/// use entente::phrases::Phrases;
/// let set = Phrases::new(&[(&[" ne ", " n'"], 1 << 0), (&[" pas "], 1 << 1), (&[" jamais "], 1 << 2)]);
/// assert_eq!(set.mask(" il ne viendra pas "), 0b011);
/// assert_eq!(set.mask(" rien "), 0);
/// ```
#[derive(Debug)]
pub struct Phrases {
    ac: Option<AhoCorasick>,
    bits: Vec<u64>,
}

impl Phrases {
    /// A set made of groups of phrases; every phrase of a group sets the group's bits.
    pub fn new(groups: &[(&[&str], u64)]) -> Phrases {
        let mut patterns: Vec<&str> = Vec::new();
        let mut bits: Vec<u64> = Vec::new();
        for (list, bit) in groups {
            for p in list.iter().filter(|p| !p.is_empty()) {
                patterns.push(p);
                bits.push(*bit);
            }
        }
        // Standard semantics: overlapping search reports every occurrence of every phrase.
        let ac = AhoCorasick::builder().match_kind(MatchKind::Standard).build(&patterns).ok();
        Phrases { ac, bits }
    }

    /// A set where phrase `i` of `list` sets bit `i` (at most 64 phrases).
    ///
    /// ```
    /// use entente::phrases::Phrases;
    /// let set = Phrases::each(&["Forces armées", "Garde nationale"]);
    /// assert_eq!(set.mask("la Garde nationale"), 0b10);
    /// ```
    pub fn each(list: &[&str]) -> Phrases {
        let groups: Vec<(&[&str], u64)> =
            list.iter().enumerate().take(64).map(|(i, p)| (std::slice::from_ref(p), 1u64 << i)).collect();
        Phrases::new(&groups)
    }

    /// The union of the bits of every phrase that occurs in `hay`.
    pub fn mask(&self, hay: &str) -> u64 {
        let Some(ac) = &self.ac else { return 0 };
        let mut m = 0u64;
        for hit in ac.find_overlapping_iter(hay) {
            m |= self.bits.get(hit.pattern().as_usize()).copied().unwrap_or(0);
        }
        m
    }
}
