//! People: person names with their role and country.
//!
//! A run of capitalised words is a person when it starts with a known given name
//! (`data/given_names.txt`), or when a role, rank or honorific stands right before it
//! (« le ministre malien des Affaires étrangères, Moussa Keita », « son homologue russe
//! Ivan Petrov », « le général de brigade Paul Zongo », « M. Petrov ») or right after
//! it in apposition (« Ivan Petrov, le vice-Premier ministre russe »). The role is
//! read from those words, the country from the role's adjective, from « homologue X », or
//! from the nearest country in the sentence. Single-word mentions (« Petrov ») are joined
//! to the full name with the same transliteration key ([`crate::translit::name_key`]).

use crate::gazetteer::{near, Entry, Gazetteer, Hit};
use crate::recognize::places::{CountryRef, How};
use crate::segment::{Token, TokenKind};
use crate::translit::{fold, fold_ascii, fold_char, fold_short, FoldedChar, NameKeys};
use crate::types::{ceil_boundary, contains_any, find_any, floor_boundary, rfind_any, Span};

/// A person found in the article, with all mentions.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PersonRef {
    /// Fullest name form.
    pub name: String,
    /// Other forms met.
    pub aliases: Vec<String>,
    /// Role as written.
    pub role: Option<String>,
    /// Country (index into the gazetteer's countries).
    pub country: Option<u16>,
    /// How sure `country` is: 2 from a role's adjective or « homologue X », 1 from a state
    /// named before the name in its sentence, 0 from farther guesses.
    pub sure: u8,
    /// Key of the last name.
    pub key: String,
    /// Key of the full name.
    pub full_key: String,
    /// Every mention span.
    pub mentions: Vec<Span>,
}

/// Capitalised words that never start a person's name.
const STOP: &[&str] = &[
    "le",
    "la",
    "les",
    "l",
    "un",
    "une",
    "des",
    "du",
    "de",
    "d",
    "au",
    "aux",
    "en",
    "dans",
    "pour",
    "par",
    "sur",
    "sous",
    "selon",
    "avec",
    "après",
    "avant",
    "depuis",
    "lors",
    "si",
    "ce",
    "cet",
    "cette",
    "ces",
    "il",
    "elle",
    "ils",
    "elles",
    "nous",
    "vous",
    "on",
    "mais",
    "et",
    "ou",
    "donc",
    "or",
    "ni",
    "car",
    "côté",
    "outre",
    "à",
    "a",
    "dès",
    "entre",
    "vers",
    "chez",
    "contre",
    "malgré",
    "pendant",
    "quand",
    "lorsque",
    "alors",
    "ainsi",
    "aussi",
    "pourtant",
    "cependant",
    "toutefois",
    "enfin",
    "puis",
    "son",
    "sa",
    "ses",
    "leur",
    "leurs",
    "notre",
    "nos",
    "votre",
    "vos",
    "mon",
    "ma",
    "mes",
    "tous",
    "tout",
    "toute",
    "toutes",
    "chaque",
    "plusieurs",
    "certains",
    "aucun",
    "aucune",
    "quel",
    "quelle",
    "qui",
    "que",
    "quoi",
    "dont",
    "où",
    "comme",
    "sans",
    "c",
    "qu",
    "y",
    "ne",
    "n",
    "s",
    "signe",
    "source",
    "sources",
    "lutte",
    "coopération",
    "échanges",
    "tags",
    "publié",
    "annuler",
    "espace",
    "required",
    "you",
    "leave",
    "related",
    "fin",
    "début",
    "mi",
    "jusqu",
    "environ",
    "près",
    "face",
    "grâce",
    "parmi",
    "hors",
    "via",
    "voici",
    "voilà",
    "déjà",
    "encore",
    "même",
];

/// [`STOP`] and [`CALENDAR`] folded (« après » → « apres ») and packed ([`packed`]), in
/// an open-addressing table of [`STOP_SLOTS`] slots (0: empty): about one probe per word.
static STOP_TABLE: std::sync::LazyLock<Vec<u128>> = std::sync::LazyLock::new(|| {
    let mut table = vec![0u128; STOP_SLOTS];
    for k in STOP
        .iter()
        .chain(CALENDAR)
        .filter_map(|w| packed(fold(w).as_bytes()))
    {
        let mut i = slot(k);
        while table.get(i).is_some_and(|&v| v != 0 && v != k) {
            i = (i + 1) % STOP_SLOTS;
        }
        if let Some(v) = table.get_mut(i) {
            *v = k;
        }
    }
    table
});

/// Slots of [`STOP_TABLE`]: a power of two, over twice the number of words.
const STOP_SLOTS: usize = 512;

/// The first slot of packed word `k` in [`STOP_TABLE`].
fn slot(k: u128) -> usize {
    let x = (k as u64) ^ ((k >> 64) as u64);
    (x.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 55) as usize % STOP_SLOTS
}

/// True when packed word `k` is in [`STOP_TABLE`].
fn in_stop_table(k: u128) -> bool {
    let table = &*STOP_TABLE;
    let mut i = slot(k);
    // The table is never full: an empty slot ends every probe sequence.
    while let Some(&v) = table.get(i) {
        if v == k {
            return true;
        }
        if v == 0 {
            return false;
        }
        i = (i + 1) % STOP_SLOTS;
    }
    false
}

/// A folded word of at most 15 bytes as one integer: its bytes, then its length in the
/// last byte. `None` for longer words (no stop word is that long).
fn packed(folded: &[u8]) -> Option<u128> {
    let mut b = [0u8; 16];
    b.get_mut(..folded.len())
        .filter(|_| folded.len() < 16)?
        .copy_from_slice(folded);
    b[15] = folded.len() as u8;
    Some(u128::from_le_bytes(b))
}

/// True when word `w` folded is one of [`STOP`] or [`CALENDAR`].
fn is_stop_word(w: &str) -> bool {
    let key = if w.is_ascii() {
        // ASCII folds byte by byte: no need to build the folded copy first.
        if w.len() >= 16 {
            return false;
        }
        let mut b = [0u8; 16];
        for (o, &c) in b.iter_mut().zip(w.as_bytes()) {
            *o = fold_ascii(c);
        }
        b[15] = w.len() as u8;
        Some(u128::from_le_bytes(b))
    } else {
        fold_short(w).and_then(|f| packed(f.as_str().as_bytes()))
    };
    // The empty word packs to 0, an empty slot.
    key.is_some_and(|k| k != 0 && in_stop_table(k))
}

/// Words that may stand inside a name in lower case.
pub(crate) const PARTICLES: &[&str] = &[
    "de", "da", "das", "do", "dos", "du", "van", "von", "der", "bin", "ben", "ibn", "ould", "ag",
    "al", "el", "wa", "la", "le", "di", "del", "della",
];

/// Months and weekdays, capitalised at a sentence start or in a date.
const CALENDAR: &[&str] = &[
    "janvier",
    "fevrier",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "aout",
    "septembre",
    "octobre",
    "novembre",
    "decembre",
    "lundi",
    "mardi",
    "mercredi",
    "jeudi",
    "vendredi",
    "samedi",
    "dimanche",
];

/// Roles that are not titles before a name by themselves (« le président de la commission »).
const HONORIFICS: &[&str] = &[
    "m", "mme", "mlle", "mm", "dr", "pr", "me", "mgr", "m.", "mme.",
];

/// Inputs the people recogniser needs about one article.
pub struct Input<'a> {
    /// The text.
    pub text: &'a str,
    /// Body sentences.
    pub sentences: &'a [Span],
    /// Tokens of each sentence.
    pub tokens: &'a [Vec<Token>],
    /// Every gazetteer hit.
    pub hits: &'a [Hit],
    /// The entity layer (longest non-overlapping entity hits).
    pub layer: &'a [Hit],
    /// Country references.
    pub countries: &'a [CountryRef],
    /// The year of the article's explicit publication date, when it has one.
    pub year: Option<u16>,
}

#[derive(Clone, Debug)]
struct Mention {
    span: Span,
    words: usize,
    role: Option<(Span, String)>,
    country: Option<u16>,
    /// How sure `country` is: 2 from the role's adjective or « homologue », 1 from a
    /// country before the name, 0 from farther guesses.
    sure: u8,
    homologue_of: bool,
    /// For « son homologue X »: the office named earlier in the sentence (« Le ministre
    /// burkinabè s'est entretenu avec son homologue turc, X »), as found there.
    met_office: Option<Span>,
    sentence: usize,
}

/// Finds people in the article.
pub fn recognize(inp: &Input) -> Vec<PersonRef> {
    let text = inp.text;
    let g = Gazetteer::get();
    let mut mentions: Vec<Mention> = Vec::new();
    let mut singles: Vec<(Span, usize)> = Vec::new();
    // The article's states, most mentioned first (ties: first mentioned).
    let mut top: Vec<(u16, usize)> = Vec::new();
    for c in inp.countries {
        match top.iter_mut().find(|x| x.0 == c.country) {
            Some(x) => x.1 += 1,
            None => top.push((c.country, 1)),
        }
    }
    top.sort_by_key(|x| std::cmp::Reverse(x.1));
    let mut run_tokens = Vec::new();
    for (si, toks) in inp.tokens.iter().enumerate() {
        let mut i = 0;
        while i < toks.len() {
            if !is_cap(text, &toks[i]) {
                i += 1;
                continue;
            }
            // Grow a run of capitalised words (with particles inside).
            let start = i;
            let mut j = i + 1;
            while j < toks.len() {
                if is_cap(text, &toks[j]) {
                    j += 1;
                } else if j + 1 < toks.len()
                    && is_particle_any_case(word(text, &toks[j]))
                    && is_cap(text, &toks[j + 1])
                    && j > start
                {
                    j += 2;
                } else {
                    // A regnal number ends the name of a given name's bearer or of a
                    // monarch (« Mswati III », « le roi Letsie III »).
                    let monarch = start > 0
                        && folded_is(
                            word(text, &toks[start - 1]),
                            &[
                                "roi", "reine", "emir", "sultan", "pape", "prince", "empereur",
                            ],
                        );
                    if j == start + 1
                        && is_regnal(word(text, &toks[j]))
                        && (monarch
                            || near(inp.hits, toks[start].span).iter().any(|h| {
                                h.entry == Entry::GivenName
                                    && h.span.start == toks[start].span.start
                            }))
                    {
                        j += 1;
                    }
                    break;
                }
            }
            let run = trim_run(text, inp, toks, start, j, &mut run_tokens);
            i = j;
            let Some((mut a, b)) = run else { continue };
            // A single word is never a full name: kept as a possible later mention of one,
            // with no need for roles or countries.
            if b - a == 1 {
                singles.push((Span::new(toks[a].span.start, toks[a].span.end), si));
                continue;
            }
            // « le ministre de la Défense Juvenal X »: a capitalised portfolio word after
            // « de la » is not part of the name.
            let given_at = |k: usize| {
                near(inp.hits, toks[k].span)
                    .iter()
                    .any(|h| h.entry == Entry::GivenName && h.span.start == toks[k].span.start)
            };
            while b - a > 2
                && a > 0
                && !given_at(a)
                && folded_is(
                    word(text, &toks[a - 1]),
                    &["de", "des", "du", "la", "l'", "le"],
                )
            {
                a += 1;
            }
            // Split at entity tokens: a person run must hold none.
            let span = Span::new(toks[a].span.start, toks[b - 1].span.end);
            let given = near(inp.hits, toks[a].span)
                .iter()
                .any(|h| h.entry == Entry::GivenName && h.span.start == toks[a].span.start);
            let (mut role, homologue) = role_before(text, inp.hits, toks, a, inp.sentences[si]);
            // « le fils du Premier ministre X, Y, officier »: a role that ends on another
            // person's name is that person's.
            if let (Some((r, _)), Some(m)) = (&role, mentions.last()) {
                if m.span.start >= r.start && m.span.end <= toks[a].span.start {
                    role = None;
                }
            }
            // « le colonel X, ministre de la Défense »: an office in apposition beats a rank before.
            let after_role = role_after(text, inp.hits, toks, b);
            let (role, role_after) = match (&role, &after_role) {
                (Some(r), Some(a)) if is_rank(&r.1) && !is_rank(&a.1) => (after_role.clone(), None),
                (None, _) => (None, after_role),
                _ => (role, None),
            };
            let honorific = a > 0 && is_honorific(word(text, &toks[a - 1]).trim_end_matches('.'))
                || (a > 1
                    && word(text, &toks[a - 1]) == "."
                    && is_honorific(word(text, &toks[a - 2])));
            let words = b - a;
            let after_de = a > 0
                && folded_is(
                    word(text, &toks[a - 1]),
                    &["de", "des", "du", "d'", "la", "le", "les", "l'"],
                );
            // « les vice-ministres X Y et Z W »: a name coordinated with a person's name.
            // (« X pour le Togo et Y pour le Bénin »: the first one's side between.)
            let coordinated = a >= 2
                && folded_is(word(text, &toks[a - 1]), &["et"])
                && mentions.last().is_some_and(|m: &Mention| {
                    m.span.end == toks[a - 2].span.end
                        || m.sentence == si
                            && text
                                .get(m.span.end..toks[a - 1].span.start)
                                .is_some_and(|gap| {
                                    let gap = gap.trim();
                                    gap.starts_with("pour ")
                                        && gap.split_whitespace().count() <= 5
                                        && !gap.contains([',', ';', '.'])
                                })
                });
            let cue =
                role.is_some() || role_after.is_some() || honorific || homologue || coordinated;
            let role = if coordinated && role.is_none() {
                mentions.last().and_then(|m| m.role.clone())
            } else {
                role
            };
            // « Par Jean Dupont - 14 novembre 2023 »: the author's byline names no one the
            // article speaks of.
            let byline = a > 0 && matches!(word(text, &toks[a - 1]), "Par" | "By") && {
                let at = toks[a - 1].span.start;
                text[..at]
                    .rsplit('\n')
                    .next()
                    .is_some_and(|line| line.trim().is_empty())
            };
            if byline
                || !cue && byline_line(text, span)
                || !cue && in_place_list(text, inp.layer, toks, a)
            {
                continue;
            }
            let is_person = if words >= 2 {
                given || (cue && !after_de) || (cue && given)
            } else {
                false
            };
            let before_only = true;
            if is_person {
                let role = role.or(role_after);
                let sure_country = role
                    .as_ref()
                    .and_then(|(rs, _)| adjective_country(inp.countries, *rs))
                    .or_else(|| homologue_country(inp.countries, text, toks, a))
                    .or_else(|| side_after(text, inp.countries, span));
                // The nearest state in the sentence: before the name only, or anywhere.
                let nearest = |before_only| {
                    nearest_country(
                        text,
                        inp.countries,
                        &top,
                        inp.sentences[si],
                        span,
                        before_only,
                    )
                };
                // « les ministres de la Défense des deux pays, X et Y »: one of each, which
                // the text does not say; no guess.
                let each_side = {
                    let lead = text
                        .get(
                            floor_boundary(text, span.start.saturating_sub(60))
                                .max(inp.sentences[si].start)
                                ..span.start,
                        )
                        .unwrap_or("");
                    let lead = fold(lead);
                    ["des deux pays", "des deux etats", "respectifs"]
                        .iter()
                        .any(|w| lead.contains(w))
                };
                // Read only as far as needed: the role's adjective, then a state before the
                // name, then farther guesses.
                let (country, sure) = match sure_country {
                    None if each_side => (None, 0),
                    Some(c) => (Some(c), 2),
                    None => match host_country(text, inp.countries, &top, inp.sentences[si], span)
                        .map(Some)
                        .unwrap_or_else(|| {
                            nearest(before_only).filter(|&c| {
                                Some(c)
                                    != visit_before(text, inp.countries, inp.sentences[si], span)
                            })
                        }) {
                        Some(c) => (Some(c), 1),
                        None => {
                            // « Le président X avait été reçu à Budapest … »: a guest is not
                            // of the state visited.
                            let visited = visited_by(text, inp.countries, inp.sentences[si], span);
                            // « Le président X a reçu le ministre russe »: nor is a host of
                            // his guest's state.
                            let guest = guest_of(text, inp.countries, inp.sentences[si], span);
                            let other = |c: &u16| Some(*c) != visited && Some(*c) != guest;
                            (
                                host_at(text, inp.countries, inp.sentences[si], span)
                                    .or_else(|| previous_subject(inp.countries, inp.sentences, si))
                                    .filter(other)
                                    .or_else(|| {
                                        visited?;
                                        top.iter().map(|x| x.0).find(other)
                                    })
                                    .or_else(|| nearest(false).filter(other)),
                                0,
                            )
                        }
                    },
                };
                mentions.push(Mention {
                    span,
                    words,
                    role,
                    country,
                    sure,
                    homologue_of: homologue,
                    met_office: if homologue {
                        office_before(inp.hits, inp.sentences[si], span)
                    } else {
                        None
                    },
                    sentence: si,
                });
            } else if words == 1 || (words >= 2 && !after_de) {
                if words == 1 || honorific {
                    singles.push((span, si));
                }
            }
        }
    }
    // Group full-name mentions by the key of their last word.
    let mut people: Vec<PersonRef> = Vec::new();
    let mut last_role: Option<String> = None;
    let mut seen_roles: Vec<String> = Vec::new();
    let mut keys = NameKeys::default();
    for m in &mentions {
        let name = text[m.span.start..m.span.end].to_string();
        let key = last_key(&mut keys, &name).to_string();
        let own = m
            .role
            .as_ref()
            .map(|r| clean_role(text, inp.countries, r.0, &r.1))
            .filter(|r| !fold(r).starts_with("homologue"));
        // « son homologue » holds the office of the person met, named before; a rank of
        // its own (« son homologue, le général X ») only when that office is unknown.
        let role = match own.clone() {
            Some(r) if m.homologue_of && is_rank(&r) => {
                last_role.clone().filter(|l| !is_rank(l)).or(Some(r))
            }
            // The office named in the sentence (« Le ministre burkinabè … son homologue »),
            // in its fullest form seen so far (« ministre de la Défense »).
            None if m.homologue_of => m
                .met_office
                .and_then(|o| Some((o, text.get(o.start..o.end)?)))
                .map(|(span, o)| {
                    // (Without the other side's adjective: « le secrétaire américain à la
                    // Défense … son homologue kényan ».)
                    let o = clean_role(text, inp.countries, span, &trim_role(o));
                    // Only a whole office of the vocabulary: « chef d'état-major de l'Armée
                    // nationale populaire » names the other state's army, not the homologue's.
                    seen_roles
                        .iter()
                        .rev()
                        .find(|r| r.starts_with(&o) && is_office_form(r))
                        .cloned()
                        .unwrap_or(o)
                })
                .or_else(|| last_role.clone()),
            other => other,
        };
        if let Some(r) = own {
            if !is_rank(&r) && !seen_roles.contains(&r) {
                seen_roles.push(r.clone());
            }
            last_role = Some(r);
        }
        let full_key = keys.key(&name).to_string();
        // Same last name and compatible first names (Jean Paul Martin ≠ Marie Martin).
        if let Some(p) = people.iter_mut().find(|p| {
            p.full_key == full_key || (p.key == key && crate::merge::same_person(&p.name, &name))
        }) {
            if m.words > p.name.split_whitespace().count() {
                p.full_key = full_key;
                let old = std::mem::replace(&mut p.name, name.clone());
                push_alias(p, old);
            } else if name != p.name {
                push_alias(p, name.clone());
            }
            // An office says more than a rank (« le général X » … « X, ministre de la Défense »).
            if p.role.is_none()
                || (p.role.as_deref().is_some_and(is_rank)
                    && role.as_deref().is_some_and(|r| !is_rank(r)))
            {
                p.role = role;
            }
            // The surest reading of the person's state wins (« le président français X »
            // later in the text over a guess from a nearby state).
            if m.country.is_some() && (p.country.is_none() || m.sure > p.sure) {
                p.country = m.country;
                p.sure = m.sure;
            }
            p.mentions.push(m.span);
        } else {
            people.push(PersonRef {
                name,
                aliases: Vec::new(),
                role,
                country: m.country,
                sure: m.sure,
                key,
                full_key,
                mentions: vec![m.span],
            });
        }
        let _ = m.sentence;
    }
    // « son homologue X » met earlier than the role: fill roles from the person met.
    // Single-word mentions and honorific forms join a known person.
    // Full-name mention starts per person, sorted (they were found in text order).
    let full: Vec<Vec<usize>> = people
        .iter()
        .map(|p| p.mentions.iter().map(|m| m.start).collect())
        .collect();
    // With no full name in the article, no single word has an owner.
    let any_people = !people.is_empty();
    for (span, _si) in singles.into_iter().filter(|_| any_people) {
        let w = &text[span.start..span.end];
        let key = last_key(&mut keys, w);
        // A bare last name goes to the person of that name mentioned last before it.
        let owner = people
            .iter()
            .enumerate()
            .filter(|(_, p)| p.key == key)
            .map(|(i, _)| i)
            .max_by_key(|&i| {
                let before = full[i].partition_point(|&st| st < span.start);
                if before == 0 {
                    0
                } else {
                    full[i][before - 1] + 1
                }
            });
        if let Some(p) = owner.and_then(|i| people.get_mut(i)) {
            // Single-word runs never overlap the multi-word runs that made the full names.
            {
                p.mentions.push(span);
                if w != p.name && !p.aliases.iter().any(|a| a == w) {
                    p.aliases.push(w.to_string());
                }
            }
        }
    }
    let _ = g;
    for p in &mut people {
        p.mentions.sort();
        // A leader the text gives no sure state: the list of heads of state and government.
        if p.sure < 2 {
            // (A name given a leader's office is the leader's whenever that was; a name
            // given none, only around the article's year.)
            let office = p.role.as_deref().is_some_and(|r| {
                let r = fold(r);
                [
                    "president",
                    "premier ministre",
                    "roi",
                    "reine",
                    "emir",
                    "chef de l'etat",
                ]
                .iter()
                .any(|o| r.contains(o))
            });
            let year = if office { None } else { inp.year };
            // « Chercheur à l'Ifri, Paul Martin analyse… »: an expert, not the leader of the
            // same name (read where the article introduces the person).
            let expert = !office
                && p.mentions.first().is_some_and(|m| {
                    let from = floor_boundary(text, m.start.saturating_sub(120));
                    let to = ceil_boundary(text, (m.end + 60).min(text.len()));
                    let around = fold(text.get(from..to).unwrap_or(""));
                    EXPERTS.iter().any(|w| around.contains(w))
                });
            if expert {
                // (Nor is a commentator of the state the article guessed from its topic.)
                if p.sure == 0 {
                    p.country = None;
                }
                continue;
            }
            let listed = std::iter::once(&p.name)
                .chain(&p.aliases)
                .filter(|n| n.contains(' '))
                .find_map(|n| super::leaders::country_around(n, year));
            if listed.is_some() {
                p.country = listed;
            }
        }
    }
    people
}

/// The name at `span` signs the article on a line of its own in the page's head: alone
/// or followed by where the reporter writes from or when (« **Jeanne Dupont** à Riga »
/// over « 11 juillet 2023 », « Jeanne Dupont — 10 mai 2025 à 6h00 »). The line comes
/// before the body's first long paragraph, and a year is on it or on the next line.
fn byline_line(text: &str, span: Span) -> bool {
    let deco = |c: char| c.is_whitespace() || matches!(c, '*' | '_');
    let head = text.get(..span.start).unwrap_or("");
    let line_start = head.rfind('\n').map_or(0, |p| p + 1);
    if !head
        .get(line_start..)
        .unwrap_or("")
        .trim_matches(deco)
        .is_empty()
    {
        return false;
    }
    let after = text.get(span.end..).unwrap_or("");
    let line_end = after.find('\n').unwrap_or(after.len());
    let rest = after.get(..line_end).unwrap_or("").trim_matches(deco);
    let placed = rest.is_empty()
        || rest.len() <= 60
            && (rest.starts_with("à ") || rest.starts_with(['—', '–', '-', ',', '|', '·']));
    if !placed {
        return false;
    }
    // In the page's head: no paragraph of 40 words or more before the line.
    if head
        .get(..line_start)
        .unwrap_or("")
        .split('\n')
        .any(|l| l.split_whitespace().count() >= 40)
    {
        return false;
    }
    let next = after
        .get(line_end..)
        .unwrap_or("")
        .split('\n')
        .map(str::trim)
        .find(|l| !l.is_empty())
        .unwrap_or("");
    let has_year = |s: &str| {
        s.split(|c: char| !c.is_ascii_digit())
            .any(|d| d.len() == 4 && (d.starts_with("19") || d.starts_with("20")))
    };
    has_year(rest) || has_year(next)
}

/// Words that present a person as a commentator (folded): such a person is not taken for
/// the head of state or government of the same name.
const EXPERTS: &[&str] = &[
    "chercheur",
    "chercheuse",
    "analyste",
    "journaliste",
    "universitaire",
    "professeur",
    "specialiste",
    "politologue",
    "historien",
    "economiste",
    "consultant",
    "ecrivain",
];

/// « X pour le Togo et Y pour le Bénin »: the state a person stands for, named right after
/// the name after « pour ».
fn side_after(text: &str, all: &[CountryRef], name: Span) -> Option<u16> {
    let rest = text.get(name.end..)?;
    let rest_t = rest.trim_start_matches([' ', ',']);
    let pour = rest_t.strip_prefix("pour ")?;
    let skip = rest.len() - pour.len();
    let det = ["le ", "la ", "les ", "l'", "l’"]
        .iter()
        .find_map(|d| pour.strip_prefix(d).map(|r| pour.len() - r.len()))
        .unwrap_or(0);
    let at = name.end + skip + det;
    refs_in(all, Span::new(at, at + 1))
        .first()
        .filter(|c| c.span.start == at && matches!(c.how, How::Name | How::Capital))
        .map(|c| c.country)
}

/// Whether `role` is, folded, an office of the roles vocabulary as a whole (« ministre de
/// la Défense »), not an office with a complement (« chef d'état-major de l'Armée X »).
fn is_office_form(role: &str) -> bool {
    /// The offices of the vocabulary, folded, sorted: built once.
    static OFFICES: std::sync::LazyLock<Vec<String>> = std::sync::LazyLock::new(|| {
        let mut v: Vec<String> = Gazetteer::get()
            .roles
            .iter()
            .filter(|r| r.kind == "office")
            .map(|r| fold(&r.form))
            .collect();
        v.sort_unstable();
        v
    });
    OFFICES.binary_search(&fold(role)).is_ok()
}

/// The first office (no rank, no « homologue ») named in `sentence` before `name`.
fn office_before(hits: &[Hit], sentence: Span, name: Span) -> Option<Span> {
    let g = Gazetteer::get();
    crate::types::starting_in(hits, Span::new(sentence.start, name.start), |h| h.span)
        .iter()
        .find(|h| {
            h.span.end <= name.start
                && matches!(h.entry, Entry::Role(i) if g.roles.get(i as usize).is_some_and(|r| {
                    r.kind == "office" && !r.form.starts_with("homologue")
                }))
        })
        .map(|h| h.span)
}

/// The state a person visits, when the words right after the name say so (« X avait été
/// reçu à Budapest », « X s'est rendu au Caire », « X doit se rendre à Alger », « X, en
/// visite en Inde », « X est attendu à Rabat »): the first state named as a place (a
/// capital, or after à/au/en) after the verb; or before the name, after « visite » (« la
/// visite à Moscou du Premier ministre X »).
fn visited_by(text: &str, all: &[CountryRef], sentence: Span, name: Span) -> Option<u16> {
    let after = words_after(text, sentence, name)?;
    let verb = find_any(
        after,
        &[
            "reçu",
            "accueilli",
            "rendu",
            "se rend",
            "rendra",
            "arrivé",
            "visite",
            "attendu",
            "séjourn",
        ],
    );
    // « X a reçu à Rabat le général Y »: X receives, he is no guest.
    if verb.is_some_and(|v| active_host(after, v)) {
        return None;
    }
    verb.and_then(|v| place_after(text, all, sentence, name.end + v))
        .or_else(|| visit_before(text, all, sentence, name))
}

/// The 60 bytes after a name, within its sentence: where the verb of a visit is read.
fn words_after(text: &str, sentence: Span, name: Span) -> Option<&str> {
    text.get(name.end..floor_boundary(text, (name.end + 60).min(sentence.end)))
}

/// The first state named as a place (« à Rabat », « au Caire ») within 40 bytes after the
/// verb at `from`.
fn place_after(text: &str, all: &[CountryRef], sentence: Span, from: usize) -> Option<u16> {
    refs_in(all, Span::new(from, sentence.end))
        .iter()
        .filter(|c| c.span.start >= from && c.span.start < from + 40)
        .find(|c| named_as_place(text, from, c))
        .map(|c| c.country)
}

/// Whether the verb at `at` in `after` (the words after a name) is « reçu » or
/// « accueilli » in the active voice (« a reçu », « avait accueilli »): the name receives.
fn active_host(after: &str, at: usize) -> bool {
    let rest = after.get(at..).unwrap_or("");
    (rest.starts_with("reçu") || rest.starts_with("accueilli")) && {
        let before = after.get(..at).unwrap_or("").trim_end();
        let aux = before.rsplit(' ').next().unwrap_or("");
        matches!(aux, "a" | "avait" | "ont" | "avaient" | "aura" | "auront")
    }
}

/// The state where a person receives a guest (« X avait reçu la semaine dernière à Rabat le
/// général Y »): the first state named as a place within 40 bytes after « a reçu ».
/// The state of the guest a person named as a host receives (« X a reçu le ministre russe
/// de la Défense »): the first state named after the verb.
fn guest_of(text: &str, all: &[CountryRef], sentence: Span, name: Span) -> Option<u16> {
    let from = name.end + hosting_verb(text, sentence, name)?;
    // (Not where the guest is received: « a reçu à Rabat le général X ».)
    let located = |c: &CountryRef| {
        let before = text.get(from..c.span.start).unwrap_or("").trim_end();
        [" à", " au", " en", " aux"]
            .iter()
            .any(|p| before.ends_with(p))
    };
    all.iter()
        .find(|c| c.span.start >= from && c.span.end <= sentence.end && !located(c))
        .map(|c| c.country)
}

fn host_at(text: &str, all: &[CountryRef], sentence: Span, name: Span) -> Option<u16> {
    place_after(
        text,
        all,
        sentence,
        name.end + hosting_verb(text, sentence, name)?,
    )
}

/// Where, after the name, « a reçu » / « avait accueilli » makes the person a host: the
/// verb's offset from the end of the name.
fn hosting_verb(text: &str, sentence: Span, name: Span) -> Option<usize> {
    let after = words_after(text, sentence, name)?;
    find_any(after, &["reçu", "accueilli"]).filter(|&v| active_host(after, v))
}

/// « la visite à Moscou du Premier ministre X », « a reçu à Rabat le général X »: the state
/// of a visit named before its guest, in the 80 bytes before the name.
fn visit_before(text: &str, all: &[CountryRef], sentence: Span, name: Span) -> Option<u16> {
    let lo = ceil_boundary(text, name.start.saturating_sub(80).max(sentence.start));
    let window = text.get(lo..name.start)?;
    let from = lo + rfind_any(window, &["visite", "reçu", "accueilli"])?;
    refs_in(all, Span::new(from, name.start))
        .iter()
        .filter(|c| c.span.start >= from && c.span.end <= name.start)
        .find(|c| named_as_place(text, from, c))
        .map(|c| c.country)
}

/// Whether a state is named as a place, one visited: by its capital, or after « à », « au »,
/// « aux », « en » (the word before it, read back to `from`).
fn named_as_place(text: &str, from: usize, c: &CountryRef) -> bool {
    c.how == How::Capital || {
        let before = text.get(from..c.span.start).unwrap_or("").trim_end();
        let w = before.rsplit([' ', '\'', '’']).next().unwrap_or("");
        matches!(w, "à" | "À" | "au" | "Au" | "aux" | "en" | "En")
    }
}

/// True when a role is a military rank rather than an office.
pub(crate) fn is_rank(role: &str) -> bool {
    let f = fold(role);
    // « commandant des forces françaises en Afrique », « commandant en chef »: an office.
    if [
        "commandant de",
        "commandant du",
        "commandant d'",
        "commandant en chef",
    ]
    .iter()
    .any(|p| f.starts_with(p))
    {
        return false;
    }
    let first = f.split(|c: char| c == ' ' || c == '-').next().unwrap_or("");
    matches!(first, "general" | "generaux" | "colonel" | "capitaine" | "lieutenant" | "marechal" | "amiral" | "commandant" | "sergent" | "adjudant" | "major" | "contre" | "vice" if !f.starts_with("vice-ministre") && !f.starts_with("vice-president") && !f.starts_with("vice-premier"))
        || f.starts_with("sous-lieutenant")
}

fn push_alias(p: &mut PersonRef, a: String) {
    if a != p.name && !p.aliases.contains(&a) {
        p.aliases.push(a);
    }
}

fn last_key<'k>(keys: &'k mut NameKeys, name: &str) -> &'k str {
    let last = name.split_whitespace().last().unwrap_or(name);
    // « al-Sissi » / « el-Sissi »: the key is the part after the article.
    let last = last
        .strip_prefix("al-")
        .or_else(|| last.strip_prefix("el-"))
        .unwrap_or(last);
    keys.key(last)
}

/// True when `w` folded is one of `words` (short folded words).
fn folded_is(w: &str, words: &[&str]) -> bool {
    fold_short(w).is_some_and(|f| words.contains(&f.as_str()))
}

/// True when `w` in lower case is one of [`PARTICLES`]. They are ASCII, and no other
/// char lower-cases to one of their letters, so an ASCII comparison is exact.
fn is_particle_any_case(w: &str) -> bool {
    PARTICLES.iter().any(|p| w.eq_ignore_ascii_case(p))
}

/// True when `w` in lower case is one of [`HONORIFICS`] (ASCII, as [`PARTICLES`]).
fn is_honorific(w: &str) -> bool {
    HONORIFICS.iter().any(|h| w.eq_ignore_ascii_case(h))
}

fn word<'a>(text: &'a str, t: &Token) -> &'a str {
    &text[t.span.start..t.span.end]
}

/// True when token `t` can be part of a name: a capitalised word that is no acronym nor
/// elided article, or « al-X », « el-X », « ben-X ».
#[inline(always)]
/// « dans les régions d'Agadir, Tan-Tan et Ben Guérir »: the name at token `a` ends a list
/// (joined by commas and « et ») one of whose earlier items is a known place or state.
fn in_place_list(text: &str, layer: &[Hit], toks: &[Token], a: usize) -> bool {
    let mut k = a;
    for _ in 0..6 {
        // A separator, then the previous item's capitalised words.
        let Some(sep) = k.checked_sub(1).and_then(|j| toks.get(j)) else {
            return false;
        };
        if !matches!(word(text, sep), "," | "et") {
            return false;
        }
        let end = k - 1;
        let mut start = end;
        // (An item is a few words: « Ben Guérir », « Tan-Tan ».)
        while start > 0 && end - start < 4 && toks.get(start - 1).is_some_and(|t| is_cap(text, t)) {
            start -= 1;
        }
        if start == end {
            return false;
        }
        let place = near(layer, toks[start].span).iter().any(|h| {
            h.span.start == toks[start].span.start
                && matches!(h.entry, Entry::City(_) | Entry::Country(_) | Entry::Region)
        });
        if place {
            return true;
        }
        k = start;
    }
    false
}

fn is_cap(text: &str, t: &Token) -> bool {
    // Most tokens: a word starting with a lower-case ASCII letter, or no word at all.
    t.kind == TokenKind::Word
        && text
            .as_bytes()
            .get(t.span.start)
            .is_some_and(|b| !b.is_ascii_lowercase() || matches!(b, b'a' | b'b' | b'e'))
        && is_cap_word(word(text, t))
}

/// A regnal number in Roman numerals, I to XXXIX (« VI », « III », « XVI »).
fn is_regnal(w: &str) -> bool {
    let tens = w.bytes().take_while(|&b| b == b'X').count();
    let units = w.get(tens..).unwrap_or("");
    !w.is_empty()
        && tens <= 3
        && ["", "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX"].contains(&units)
}

/// [`is_cap`] of a word.
fn is_cap_word(w: &str) -> bool {
    // Decided on the first byte for ASCII, most words.
    let upper = match w.as_bytes().first() {
        None => return false,
        Some(b) if b.is_ascii() => b.is_ascii_uppercase(),
        Some(_) => w.chars().next().is_some_and(char::is_uppercase),
    };
    if !upper {
        // « al-Sissi », « el-Sissi », « ag Ghaly »
        return (w.starts_with("al-") || w.starts_with("el-") || w.starts_with("ben-"))
            && w.split('-')
                .nth(1)
                .and_then(|p| p.chars().next())
                .is_some_and(|c| c.is_uppercase());
    }
    // All caps words are acronyms, not names (except short particles). A lower-case
    // letter ends the question, mostly at the second char.
    let mut letters = 0usize;
    for c in w.chars().filter(|c| c.is_alphabetic()) {
        if !c.is_uppercase() {
            return !w.ends_with('\'') && !w.ends_with('’');
        }
        letters += 1;
    }
    if letters >= 2 {
        return false;
    }
    // Elided forms « L’ », « D’ » are not names.
    !w.ends_with('\'') && !w.ends_with('’')
}

/// What [`trim_run`] needs to know of a token of a run.
#[derive(Clone, Copy, Debug, Default)]
struct RunToken {
    /// A stop or calendar word.
    stop: bool,
    /// Inside a role hit.
    role: bool,
    /// Overlaps an entity of the layer (not a city that is a first name).
    entity: bool,
}

/// Trims a capitalised run `[a, b)` of function words, calendar words and entities at
/// its edges; returns `None` when nothing name-like is left or an entity sits inside.
fn trim_run(
    text: &str,
    inp: &Input,
    toks: &[Token],
    mut a: usize,
    mut b: usize,
    flags: &mut Vec<RunToken>,
) -> Option<(usize, usize)> {
    let is_entity = |t: &Token| {
        near(inp.layer, t.span).iter().any(|h| {
            h.span.overlaps(&t.span)
                && matches!(
                    h.entry,
                    Entry::Country(_)
                        | Entry::City(_)
                        | Entry::Region
                        | Entry::Org(_)
                        | Entry::Adjective(_)
                )
                && !crate::recognize::places::city_is_first_name(text, h, inp.layer)
        })
    };
    let is_stop = |t: &Token| is_stop_word(word(text, t));
    let is_role = |t: &Token| {
        near(inp.hits, t.span)
            .iter()
            .any(|h| matches!(h.entry, Entry::Role(_)) && h.span.contains(&t.span))
    };
    // Each token of the run looked up once.
    let first = a;
    flags.clear();
    flags.extend(toks.get(a..b).unwrap_or(&[]).iter().map(|t| RunToken {
        stop: is_stop(t),
        role: is_role(t),
        entity: is_entity(t),
    }));
    let flag = |k: usize| flags.get(k - first).copied().unwrap_or_default();
    while a < b && (flag(a).stop || flag(a).role || flag(a).entity) {
        a += 1;
    }
    while b > a
        && (flag(b - 1).stop || flag(b - 1).entity || PARTICLES.contains(&word(text, &toks[b - 1])))
    {
        b -= 1;
    }
    if a >= b {
        return None;
    }
    // An entity inside: keep the part before it.
    // « Omar Cheikh Abdi »: a capitalised title word inside a name, after its first word.
    let inner_title = |k: usize| {
        k > a
            && k + 1 < b
            && flag(k).role
            && word(text, &toks[k])
                .chars()
                .next()
                .is_some_and(|c| c.is_uppercase())
            && folded_is(
                word(text, &toks[k]),
                &[
                    "cheikh", "sheikh", "cheick", "emir", "sultan", "imam", "ould",
                ],
            )
    };
    if let Some(k) = (a..b).find(|&k| {
        flag(k).entity
            || (flag(k).role && !inner_title(k))
            || flag(k).stop && !(k > a && is_particle_any_case(word(text, &toks[k])))
    }) {
        b = k;
        while b > a && PARTICLES.contains(&word(text, &toks[b - 1])) {
            b -= 1;
        }
        if a >= b {
            return None;
        }
    }
    Some((a, b))
}

/// The role phrase right before token `a`: a role hit whose phrase reaches the name with
/// only country adjectives, portfolio words (« de la Défense »), articles and a comma
/// between. Returns the role as written and whether it is « son homologue ».
fn role_before(
    text: &str,
    hits: &[Hit],
    toks: &[Token],
    a: usize,
    sentence: Span,
) -> (Option<(Span, String)>, bool) {
    if a == 0 {
        return (None, false);
    }
    let name_start = toks[a].span.start;
    // Look back at most 14 tokens.
    let lo = a.saturating_sub(14);
    let window = Span::new(toks[lo].span.start.max(sentence.start), name_start);
    let mut best: Option<&Hit> = None;
    let roles: Vec<&Hit> = near(hits, window)
        .iter()
        .filter(|h| matches!(h.entry, Entry::Role(_)) && window.contains(&h.span))
        .collect();
    // A role word inside a longer role (« général » in « chef d'état-major général ») is not a role of its own.
    for h in roles.iter().copied().filter(|h| {
        !roles
            .iter()
            .any(|o| o.span.contains(&h.span) && o.span.len() > h.span.len())
    }) {
        if best.is_none_or(|b| {
            h.span.start > b.span.start || (h.span.start == b.span.start && h.span.end > b.span.end)
        }) {
            // Keep the last role before the name, longest at the same start.
            best = Some(h);
        }
    }
    let mut folded = String::new();
    let mut gap_ok = |from: usize| gap_joins(&text[from..name_start], &mut folded);
    let homologue_at =
        rfind_any(&text[window.start..name_start], &["homologue"]).map(|p| window.start + p);
    if let Some(h) = best {
        // A role word with more text after it: extend over « de la Défense », « des Affaires
        // étrangères », the country adjective and « général » to build the role as written.
        if gap_ok(h.span.end) {
            let role_end = role_extent(text, h.span.end, name_start);
            // « le chef d'état-major, le général X »: the office before the rank is the role.
            let rank_text = &text[h.span.start..role_end];
            // (« l'ambassadeur de Turquie au Togo, M. X »: the same with an honorific.)
            if is_rank(rank_text) || is_honorific(rank_text.trim_end_matches('.')) {
                let lead = text[window.start..h.span.start].trim_end();
                let lead_f = fold(lead);
                if [", le", ", la", ", l'", ","]
                    .iter()
                    .any(|e| lead_f.ends_with(e))
                {
                    if let Some(o) = roles
                        .iter()
                        .filter(|o| {
                            o.span.end <= h.span.start && !is_rank(&text[o.span.start..o.span.end])
                        })
                        .max_by_key(|o| o.span.start)
                    {
                        let between = fold(&text[o.span.end..h.span.start]);
                        if between.matches(',').count() == 1
                            && between.split_whitespace().count() <= 8
                        {
                            let office_end =
                                o.span.end + text[o.span.end..h.span.start].find(',').unwrap_or(0);
                            let role = text[o.span.start..office_end]
                                .trim_end_matches([',', ' '])
                                .to_string();
                            // (« son homologue égyptien, le général X »: the rank, read below,
                            // with the office met if the sentence names one.)
                            if !fold(&role).starts_with("homologue") {
                                return (Some((Span::new(o.span.start, office_end), role)), false);
                            }
                        }
                    }
                }
            }
            let role = text[h.span.start..role_end]
                .trim_end_matches([',', ' '])
                .to_string();
            // « son homologue égyptien, le général X »: a rank right after « homologue » is
            // the counterpart's, whose office the person shares.
            let homologue = homologue_at.is_some_and(|p| {
                p >= h.span.start
                    || (is_rank(rank_text)
                        && text
                            .get(p + "homologue".len()..h.span.start)
                            .is_some_and(|gap| gap.split_whitespace().count() <= 3))
            });
            return (Some((Span::new(h.span.start, role_end), role)), homologue);
        }
    }
    if let Some(p) = homologue_at {
        if gap_ok(p + "homologue".len()) {
            return (None, true);
        }
    }
    (None, false)
}

/// True when the text between a role and a name can join them: at most 9 words and one
/// comma once a parenthesised acronym (« (GNA) ») is dropped, no sentence punctuation or
/// quote, and none of the verbs and conjunctions that start a clause. `buf` is scratch
/// space kept from one call to the next.
fn gap_joins(gap: &str, buf: &mut String) -> bool {
    /// Words after which the name is no longer the role's (folded).
    const CLAUSE: &[&str] = &[
        "a", "ont", "est", "sont", "qui", "que", "et", "avec", "pour", "selon", "avait", "etait",
        // (a relative clause or a reflexive verb: « au tour du dirigeant X de se rendre
        // dans l'Extrême-Orient, où Y le recevait »)
        "ou", "dont", "se", "lorsque", "quand", "tandis",
        // (« un chef d'État étranger depuis l'élection de X »)
        "depuis",
    ];
    // The gap without parenthesised text, folded, between two spaces.
    buf.clear();
    buf.push(' ');
    let (mut depth, mut commas) = (0, 0);
    for c in gap.chars() {
        match c {
            '(' => depth += 1,
            ')' if depth > 0 => depth -= 1,
            _ if depth == 0 => {
                match c {
                    '.' | ';' | ':' | '«' | '»' => return false,
                    ',' if commas == 1 => return false,
                    ',' => commas += 1,
                    _ => {}
                }
                if c.is_ascii() {
                    buf.push(char::from(fold_ascii(c as u8)));
                } else {
                    match fold_char(c) {
                        FoldedChar::One(x) => buf.push(x),
                        FoldedChar::Str(x) => buf.push_str(x),
                    }
                }
            }
            _ => {}
        }
    }
    buf.push(' ');
    // « X a Y » holds « a » between two spaces: a piece of the split at spaces. « et »
    // before « de »/« des »/« du » joins two portfolios (« ministre de l'Europe et des
    // Affaires étrangères »), not two clauses.
    let mut words = buf.split(' ').peekable();
    let mut clause = false;
    while let Some(w) = words.next() {
        let portfolio = w == "et"
            && words
                .peek()
                .is_some_and(|n| matches!(*n, "de" | "des" | "du") || n.starts_with("d'"));
        // « le Premier ministre X, reçu par Y »: an agent is not the role's holder (« par
        // intérim » is part of a role).
        let agent = w == "par" && words.peek().is_none_or(|n| !n.starts_with("interim"));
        if CLAUSE.contains(&w) && !portfolio || agent {
            clause = true;
            break;
        }
    }
    // « un responsable de l'administration de X », « l'envoyé spécial de X »: the name
    // completes the role's noun; its holder is someone else.
    let of_name = buf
        .split_whitespace()
        .next_back()
        .is_some_and(|w| matches!(w, "de" | "du" | "des" | "d'" | "d’"));
    buf.split_whitespace().nth(9).is_none() && !clause && !of_name
}

/// Where the role phrase starting before `from` ends: covers portfolio words up to a comma
/// or the name.
fn role_extent(text: &str, from: usize, name_start: usize) -> usize {
    let gap = &text[from..name_start];
    match gap.find(',') {
        Some(p) => from + p,
        None => from + gap.trim_end().len(),
    }
}

/// An apposition right after the name: « X, le vice-Premier ministre russe ».
fn role_after(text: &str, hits: &[Hit], toks: &[Token], b: usize) -> Option<(Span, String)> {
    let t = toks.get(b)?;
    if word(text, t) != "," {
        return None;
    }
    let art = toks.get(b + 1)?;
    let (role_tok, _) = if folded_is(word(text, art), &["le", "la", "l'", "son", "sa"]) {
        (toks.get(b + 2)?, ())
    } else {
        (art, ())
    };
    let h = near(hits, role_tok.span)
        .iter()
        .find(|h| matches!(h.entry, Entry::Role(_)) && h.span.start == role_tok.span.start)?;
    // « … par le président X, M. Y a … »: an honorific starts another person's name.
    if is_honorific(text[h.span.start..h.span.end].trim_end_matches('.')) {
        return None;
    }
    // Extend to the end of the apposition (next comma or sentence end), max 10 tokens.
    let mut end = h.span.end;
    for t in toks.iter().skip(b + 2).take(10) {
        let w = word(text, t);
        if matches!(w, "," | "." | ";" | ":" | "(" | "»" | "«") {
            break;
        }
        end = t.span.end;
    }
    let role_text = text[h.span.start..end].to_string();
    // Stop before a verb-like continuation: keep at most the role words plus portfolio.
    Some((Span::new(h.span.start, end), trim_role(&role_text)))
}

/// The role as an analyst writes it: without the country adjective (« ministre somalien de
/// la Défense » → « ministre de la Défense ») nor « de l'époque ».
fn clean_role(text: &str, countries: &[CountryRef], span: Span, role: &str) -> String {
    let mut out = role.to_string();
    for c in refs_in(countries, span)
        .iter()
        .filter(|c| span.contains(&c.span) && c.how == How::Adjective)
    {
        let adj = &text[c.span.start..c.span.end];
        if let Some(p) = out.find(&format!(" {adj}")) {
            out.replace_range(p..p + adj.len() + 1, "");
        }
    }
    // (The tails never overlap: the first found is where the office ends.)
    if let Some(p) = find_any(
        &out,
        &[
            " de l'époque",
            " de l’époque",
            " d'alors",
            " d’alors",
            // « les ministres de la Défense des deux pays, X et Y »
            " des deux pays",
            " des trois pays",
            " des deux États",
            " des trois États",
        ],
    ) {
        out.truncate(p);
    }
    // « chef du gouvernement d'union nationale (GNA) »: without the acronym.
    while let (Some(a), Some(b)) = (out.find(" ("), out.find(')')) {
        if b < a {
            break;
        }
        out.replace_range(a..b + 1, "");
    }
    let mut words: Vec<&str> = out.split_whitespace().collect();
    // « les vice-ministres de la Défense X et Y »: each holds the office in the singular.
    let singular;
    if let Some(first) = words.first_mut() {
        if first.len() > 4 && first.ends_with('s') && !first.ends_with("ss") {
            *first = &first[..first.len() - 1];
        } else if first.eq_ignore_ascii_case("généraux") {
            singular = first.replace("raux", "ral");
            *first = &singular;
        }
    }
    let out = words.join(" ").trim_end_matches([',', ' ']).to_string();
    // A periphrasis is written as the office it stands for (`title` in data/roles.tsv).
    if TITLED.is_empty() {
        return out;
    }
    let key = fold(&out);
    TITLED
        .iter()
        .find(|(form, _)| *form == key)
        .map(|(_, title)| title.clone())
        .unwrap_or(out)
}

/// The roles written as another office (`title` in data/roles.tsv), by folded form.
static TITLED: std::sync::LazyLock<Vec<(String, String)>> = std::sync::LazyLock::new(|| {
    Gazetteer::get()
        .roles
        .iter()
        .filter_map(|r| Some((fold(&r.form), r.title.clone()?)))
        .collect()
});

fn trim_role(r: &str) -> String {
    // Verbs, and a coordination that starts another person (« X, le ministre malien des
    // Affaires étrangères et son homologue russe Y »): « et » before a determiner, not the
    // « et des Finances » of a portfolio.
    let stop = [
        " a ",
        " ont ",
        " est ",
        " qui ",
        " s'",
        " s’",
        " avait ",
        " était ",
        " et son ",
        " et sa ",
        " et ses ",
        " et leur ",
        " et le ",
        " et la ",
        " et les ",
        " et l'",
        " et l’",
        " avec ",
        " lors ",
        " selon ",
    ];
    let mut end = r.len();
    for s in stop {
        if let Some(p) = r.find(s) {
            end = end.min(p);
        }
    }
    r[..end].trim().to_string()
}

/// « Le responsable américain a été reçu par le président X »: the person who receives is
/// of the state visited, not of the guest named before the verb. The state visited is one
/// named after the verb (« reçu à Nairobi par »), else the article's most mentioned state
/// that is not the guest's. `None` when the name does not follow such a verb.
fn host_country(
    text: &str,
    all: &[CountryRef],
    top: &[(u16, usize)],
    sentence: Span,
    name: Span,
) -> Option<u16> {
    const HOSTED: &[&str] = &[
        "reçu",
        "reçue",
        "reçus",
        "reçues",
        "accueilli",
        "accueillie",
        "accueillis",
        "accueillies",
    ];
    /// « s'est rendu à N'Djamena pour rencontrer le président X »: met where visited.
    const MET: &[&str] = &["rencontrer", "rencontré", "rencontrée", "rencontrés"];
    let head = text.get(sentence.start..name.start)?;
    // The word starting at the first of `n` words that ends before `end` and is in `verbs`.
    let verb_before = |end: usize, n: usize, verbs: &[&str]| {
        let mut end = end;
        for _ in 0..n {
            let start = head[..end].rfind(' ').map_or(0, |p| p + 1);
            if verbs.contains(&head[start..end].to_lowercase().as_str()) {
                return Some(sentence.start + start);
            }
            if start == 0 {
                return None;
            }
            end = start - 1;
        }
        None
    };
    // The verb among the four words before « par » (« reçu jeudi à Abuja par »), with only
    // a role between « par » and the name (« par le président », « par le chef de l'État »);
    // or a meeting verb right before the role.
    let hosted = rfind_any(head, &[" par "])
        .filter(|&par| head[par..].split_whitespace().count() <= 10)
        .and_then(|par| verb_before(par, 4, HOSTED));
    let met_only = hosted.is_none();
    let verb = match hosted {
        Some(v) => v,
        None => {
            let end = head.trim_end().len();
            verb_before(end, 7, MET)?
        }
    };
    let countries = refs_in(all, sentence);
    let in_sentence = |c: &&CountryRef| sentence.contains(&c.span) && !name.contains(&c.span);
    // Only a guest named in the sentence: a pronoun's antecedent (« Elle a été reçue
    // par … ») was measured to be as often the host as the guest.
    // « la visite à Khartoum du ministre russe, X, reçu par Y »: a state named as the place
    // (a capital, or after à/au/en) is the one visited; the others before the verb are the
    // guest's.
    let visited = |c: &CountryRef| named_as_place(text, sentence.start, c);
    let (mut guest, mut host) = (Vec::new(), None);
    for c in countries
        .iter()
        .filter(in_sentence)
        .filter(|c| c.span.end <= verb)
    {
        if visited(c) {
            host = host.or(Some(c.country));
        } else {
            guest.push(c.country);
        }
    }
    if met_only {
        // A person met is the host's only where a visited place is named.
        return host.filter(|h| !guest.contains(h));
    }
    host.filter(|h| !guest.contains(h))
        .or_else(|| {
            countries
                .iter()
                .filter(in_sentence)
                .find(|c| c.span.start >= verb && !guest.contains(&c.country))
                .map(|c| c.country)
        })
        .or_else(|| {
            top.iter()
                .find(|x| !guest.contains(&x.0))
                .map(|x| x.0)
                .filter(|_| !guest.is_empty())
        })
}

/// The first state named in the closest earlier sentence that names one (« Washington a
/// emboîté le pas. Le président John Carter a annoncé… »), within two sentences.
fn previous_subject(countries: &[CountryRef], sentences: &[Span], si: usize) -> Option<u16> {
    (si.saturating_sub(2)..si).rev().find_map(|k| {
        let s = sentences.get(k)?;
        refs_in(countries, *s)
            .iter()
            .find(|c| s.contains(&c.span) && c.how != How::Prefix)
            .map(|c| c.country)
    })
}

/// The country references (sorted by start) that start inside `span`.
fn refs_in(countries: &[CountryRef], span: Span) -> &[CountryRef] {
    crate::types::starting_in(countries, span, |c| c.span)
}

/// The country of an adjective inside the role span.
fn adjective_country(countries: &[CountryRef], role: Span) -> Option<u16> {
    refs_in(countries, role)
        .iter()
        .find(|c| role.contains(&c.span) && matches!(c.how, How::Adjective | How::Name))
        .map(|c| c.country)
}

/// « son homologue rwandaise, X »: the adjective after « homologue ».
fn homologue_country(
    countries: &[CountryRef],
    text: &str,
    toks: &[Token],
    a: usize,
) -> Option<u16> {
    let lo = a.saturating_sub(6);
    let from = toks.get(lo)?.span.start;
    let to = toks.get(a)?.span.start;
    let p = rfind_any(&text[from..to], &["homologue"])? + from;
    refs_in(countries, Span::new(p, to))
        .iter()
        .find(|c| c.span.start > p && c.span.end <= to && c.how == How::Adjective)
        .map(|c| c.country)
}

/// The nearest country reference in the same sentence (adjectives and names first).
fn nearest_country(
    text: &str,
    all: &[CountryRef],
    top: &[(u16, usize)],
    sentence: Span,
    name: Span,
    before_only: bool,
) -> Option<u16> {
    let countries = refs_in(all, sentence);
    // A country right after « homologue » is the other side's (« X … avec son homologue russe »).
    let of_homologue = |c: &CountryRef| {
        let from = ceil_boundary(text, c.span.start.saturating_sub(14));
        text.get(from..c.span.start)
            .is_some_and(|w| contains_any(w, &["homologue"]))
    };
    let homologue_side = countries
        .iter()
        .find(|c| sentence.contains(&c.span) && c.span.start >= name.end && of_homologue(c))
        .map(|c| c.country);
    countries
        .iter()
        .filter(|c| {
            sentence.contains(&c.span)
                && !name.contains(&c.span)
                && !of_homologue(c)
                && Some(c.country) != homologue_side
        })
        .filter(|c| !before_only || c.span.end <= name.start)
        // A capital after the name is where the person is, not whose (« X était à Paris »).
        .filter(|c| c.span.end <= name.start || c.how != How::Capital)
        .min_by_key(|c| {
            // Before the name first: what follows is mostly objects and places.
            let after = c.span.start >= name.end;
            let d = if after {
                c.span.start - name.end
            } else {
                name.start - c.span.end
            };
            (matches!(c.how, How::Capital) as usize, after as usize, d)
        })
        .map(|c| c.country)
        .or_else(|| {
            // « le ministre X a eu un entretien avec son homologue russe »: X is from the
            // other side, the article's most mentioned state that is not the homologue's.
            let h = homologue_side?;
            top.iter().find(|x| x.0 != h).map(|x| x.0)
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The stop-word table holds every stop and calendar word in any case and accent, and
    /// nothing else.
    #[test]
    fn stop_words_in_any_case() {
        for w in STOP.iter().chain(CALENDAR) {
            assert!(is_stop_word(w), "{w}");
            assert!(is_stop_word(&w.to_uppercase()), "{w}");
            assert!(is_stop_word(&fold(w)), "{w}");
        }
        for w in ["", "Dupontel", "Zarkova", "Après-guerre", "lea", "l", "L"] {
            assert_eq!(is_stop_word(w), w.eq_ignore_ascii_case("l"), "{w}");
        }
        assert!(is_stop_word("APRÈS") && is_stop_word("Côté") && is_stop_word("Coopération"));
        assert!(!is_stop_word("septembres") && !is_stop_word("anticonstitutionnellement"));
    }
}
