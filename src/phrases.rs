//! Fixed phrase lists searched in one pass.
//!
//! The stages ask many small questions of a sentence or an article: does it hold any of
//! these twenty negation phrases, any of those planning verbs, which of fourteen force
//! names. Asked one phrase at a time (`str::contains`), each question re-reads the text
//! once per phrase and builds a substring searcher per call — slow natively, and much
//! slower in WebAssembly, which has no SIMD substring search. A [`Phrases`] set compiles
//! every phrase into one Aho-Corasick automaton: one pass over the text answers all of
//! them, as a bit mask.

use aho_corasick::automaton::Automaton;
use aho_corasick::dfa::DFA;
use aho_corasick::{Anchored, MatchKind};

/// Phrases, each with the bit it sets in [`Phrases::mask`].
///
/// ```
/// use entente::phrases::Phrases;
/// let set = Phrases::new(&[(&[" ne ", " n'"], 1 << 0), (&[" pas "], 1 << 1), (&[" jamais "], 1 << 2)]);
/// assert_eq!(set.mask(" il ne viendra pas "), 0b011);
/// assert_eq!(set.mask(" rien "), 0);
/// ```
///
/// The automaton is a full DFA walked byte by byte (one table lookup per byte), so a
/// text given in pieces — a sentence between two spaces — is searched without being
/// copied into a new string ([`Phrases::mask_parts`]).
#[derive(Debug)]
pub struct Phrases {
    dfa: Option<DFA>,
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
        // Standard semantics: every state knows every phrase that ends there.
        let dfa = DFA::builder()
            .match_kind(MatchKind::Standard)
            .build(&patterns)
            .ok();
        Phrases { dfa, bits }
    }

    /// A set where phrase `i` of `list` sets bit `i` (at most 64 phrases).
    ///
    /// ```
    /// use entente::phrases::Phrases;
    /// let set = Phrases::each(&["Forces armées", "Garde nationale"]);
    /// assert_eq!(set.mask("la Garde nationale"), 0b10);
    /// ```
    pub fn each(list: &[&str]) -> Phrases {
        let groups: Vec<(&[&str], u64)> = list
            .iter()
            .enumerate()
            .take(64)
            .map(|(i, p)| (std::slice::from_ref(p), 1u64 << i))
            .collect();
        Phrases::new(&groups)
    }

    /// The union of the bits of every phrase that occurs in `hay`.
    pub fn mask(&self, hay: &str) -> u64 {
        self.mask_parts(&[hay])
    }

    /// [`Phrases::mask`] of the concatenation of `parts`, without building it.
    ///
    /// ```
    /// use entente::phrases::Phrases;
    /// let set = Phrases::new(&[(&[" ne "], 1 << 0), (&[" pas "], 1 << 1)]);
    /// assert_eq!(set.mask_parts(&[" ", "ne viendra pas", " "]), 0b11);
    /// ```
    pub fn mask_parts(&self, parts: &[&str]) -> u64 {
        let Some(dfa) = &self.dfa else { return 0 };
        let Ok(mut sid) = dfa.start_state(Anchored::No) else {
            return 0;
        };
        let mut m = 0u64;
        for part in parts {
            for &b in part.as_bytes() {
                sid = dfa.next_state(Anchored::No, sid, b);
                if dfa.is_match(sid) {
                    for i in 0..dfa.match_len(sid) {
                        m |= self
                            .bits
                            .get(dfa.match_pattern(sid, i).as_usize())
                            .copied()
                            .unwrap_or(0);
                    }
                }
            }
        }
        m
    }
}
