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
/// copied into a new string ([`Phrases::mask_parts`]). Its states are renumbered into a
/// compact table over the bytes the phrases use, each state with the union of the bits
/// of the phrases that end there: a byte costs two lookups and an `or`, no branch.
#[derive(Debug)]
pub struct Phrases {
    /// The class of each byte: 0 for the bytes no phrase holds (which all lead back to
    /// the start), then one per byte a phrase holds.
    classes: [u16; 256],
    /// How many classes.
    n_classes: usize,
    /// `trans[state * n_classes + class]`: the next state; state 0 is the start.
    trans: Vec<u32>,
    /// The bits of the phrases that end in each state.
    masks: Vec<u64>,
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
        let mut classes = [0u16; 256];
        let mut reps: Vec<u8> = vec![0];
        for &b in patterns.iter().flat_map(|p| p.as_bytes()) {
            if let Some(slot) = classes.get_mut(usize::from(b)) {
                if *slot == 0 {
                    *slot = reps.len() as u16;
                    reps.push(b);
                }
            }
        }
        // A byte of class 0 that is in no phrase: the representative of the others.
        if let Some(other) =
            (0..=255u8).find(|&b| !patterns.iter().any(|p| p.as_bytes().contains(&b)))
        {
            reps[0] = other;
        }
        let n_classes = reps.len();
        let mut trans: Vec<u32> = Vec::new();
        let mut masks: Vec<u64> = Vec::new();
        if let Some(dfa) = &dfa {
            if let Ok(start) = dfa.start_state(Anchored::No) {
                // Breadth-first over the states reachable from the start, numbered as found.
                let mut ids = vec![start];
                let mut number: std::collections::HashMap<usize, usize> =
                    std::collections::HashMap::new();
                number.insert(start.as_usize(), 0);
                let mut k = 0;
                while let Some(&sid) = ids.get(k) {
                    let mut m = 0u64;
                    if dfa.is_match(sid) {
                        for i in 0..dfa.match_len(sid) {
                            m |= bits
                                .get(dfa.match_pattern(sid, i).as_usize())
                                .copied()
                                .unwrap_or(0);
                        }
                    }
                    masks.push(m);
                    for &b in &reps {
                        let next = dfa.next_state(Anchored::No, sid, b);
                        let idx = *number.entry(next.as_usize()).or_insert_with(|| {
                            ids.push(next);
                            ids.len() - 1
                        });
                        trans.push(idx as u32);
                    }
                    k += 1;
                }
            }
        }
        if masks.is_empty() {
            // No automaton: one state that matches nothing.
            masks.push(0);
            trans = vec![0; n_classes];
        }
        Phrases {
            classes,
            n_classes,
            trans,
            masks,
        }
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
        let mut state = 0usize;
        let mut m = 0u64;
        for part in parts {
            for &b in part.as_bytes() {
                let class = usize::from(self.classes.get(usize::from(b)).copied().unwrap_or(0));
                state = self
                    .trans
                    .get(state * self.n_classes + class)
                    .map_or(0, |&t| t as usize);
                m |= self.masks.get(state).copied().unwrap_or(0);
            }
        }
        m
    }
}

#[cfg(test)]
mod tests {
    use super::Phrases;

    /// The mask is the union of the bits of the phrases the text holds.
    #[test]
    fn mask_is_union_of_contained_phrases() {
        let groups: &[(&[&str], u64)] = &[
            (&[" ne ", " n'", "ne pas"], 1),
            (&[" pas ", "pas", "as"], 2),
            (&["les deux pays", "deux"], 4),
            (&["é", "ça", "\u{2019}"], 8),
            (&["aaa", "aab"], 16),
        ];
        let set = Phrases::new(groups);
        for t in [
            "",
            " il ne viendra pas ",
            "les deux pays ont",
            "ça été l\u{2019}",
            "aaaab",
            "xyz",
            "pas",
            "n'",
            "aab aa",
        ] {
            let want = groups
                .iter()
                .filter(|(list, _)| list.iter().any(|p| t.contains(p)))
                .fold(0, |m, (_, bit)| m | bit);
            assert_eq!(set.mask(t), want, "{t:?}");
            if let Some((a, b)) = t.split_at_checked(t.len() / 2) {
                assert_eq!(set.mask_parts(&[a, b]), want, "{t:?}");
            }
        }
    }
}
