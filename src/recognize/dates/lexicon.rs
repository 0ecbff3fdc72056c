//! Word lists of the date grammar (normalized: lower case, accents folded).

/// Month number of a month name or abbreviation, and whether the word is ambiguous
/// on its own (an abbreviation, or « mars », « mai », « sept »).
pub(crate) fn month(w: &str) -> Option<(u32, bool)> {
    MONTHS.iter().find(|e| e.0 == w).map(|e| e.1)
}

/// Weekday (0 = Monday) of a weekday name, and whether it is an abbreviation.
pub(crate) fn weekday(w: &str) -> Option<(u32, bool)> {
    WEEKDAYS.iter().find(|e| e.0 == w).map(|e| e.1)
}

/// Value of a simple number word (1–60, tens included).
pub(crate) fn number_word(w: &str) -> Option<u32> {
    NUMBER_WORDS.iter().find(|e| e.0 == w).map(|e| e.1)
}

/// Value of an ordinal word.
pub(crate) fn ordinal_word(w: &str) -> Option<u32> {
    ORDINAL_WORDS.iter().find(|e| e.0 == w).map(|e| e.1)
}

/// Suffix written right after a number to make it an ordinal (« 1er », « 15e »).
pub(crate) fn ordinal_suffix(w: &str) -> bool {
    ORDINAL_SUFFIXES.contains(&w)
}

/// Time-unit words: 0 day, 1 week, 2 month, 3 year.
pub(crate) fn unit(w: &str) -> Option<u8> {
    UNITS.iter().find(|e| e.0 == w).map(|e| e.1)
}

/// Words that may follow a bare year without making it a quantity (« 2019 soldats »).
pub(crate) fn after_year_ok(w: &str) -> bool {
    AFTER_YEAR_OK.contains(&w)
}

/// Words after which a bare year reads as a date (« en 2011 », « depuis 2018 »).
pub(crate) fn before_year(w: &str) -> bool {
    BEFORE_YEAR.contains(&w)
}

/// Words marking a planned or future event (« doit », « est attendu », « va »).
pub(crate) fn future_aux(w: &str) -> bool {
    FUTURE_AUX.contains(&w)
}

/// Past auxiliaries (passé composé, plus-que-parfait).
pub(crate) fn past_aux(w: &str) -> bool {
    PAST_AUX.contains(&w)
}

/// Nouns ending like an imperfect or a future verb.
pub(crate) fn verb_lookalike(w: &str) -> bool {
    VERB_LOOKALIKES.contains(&w)
}

/// What the lists say of one word, looked up once per token (see [`classify`]).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct Class {
    /// [`month`].
    pub month: Option<(u32, bool)>,
    /// [`weekday`].
    pub weekday: Option<(u32, bool)>,
    /// [`number_word`].
    pub number: Option<u32>,
    /// [`ordinal_word`].
    pub ordinal: Option<u32>,
    /// [`unit`].
    pub unit: Option<u8>,
    /// The word lists it belongs to: [`ORDINAL_SUFFIX`], [`AFTER_YEAR`]…
    pub flags: u8,
}

impl Class {
    /// A word of no list.
    pub(crate) const NONE: Class = Class {
        month: None,
        weekday: None,
        number: None,
        ordinal: None,
        unit: None,
        flags: 0,
    };
}

/// In [`ORDINAL_SUFFIXES`].
pub(crate) const ORDINAL_SUFFIX: u8 = 1 << 0;
/// In [`AFTER_YEAR_OK`].
pub(crate) const AFTER_YEAR: u8 = 1 << 1;
/// In [`BEFORE_YEAR`].
pub(crate) const BEFORE: u8 = 1 << 2;
/// In [`FUTURE_AUX`].
pub(crate) const FUTURE: u8 = 1 << 3;
/// In [`PAST_AUX`].
pub(crate) const PAST: u8 = 1 << 4;
/// In [`VERB_LOOKALIKES`].
pub(crate) const LOOKALIKE: u8 = 1 << 5;

/// Everything the lists say of `w`.
pub(crate) fn classify(w: &str) -> Class {
    let flag = |on: bool, f: u8| if on { f } else { 0 };
    Class {
        month: month(w),
        weekday: weekday(w),
        number: number_word(w),
        ordinal: ordinal_word(w),
        unit: unit(w),
        flags: flag(ordinal_suffix(w), ORDINAL_SUFFIX)
            | flag(after_year_ok(w), AFTER_YEAR)
            | flag(before_year(w), BEFORE)
            | flag(future_aux(w), FUTURE)
            | flag(past_aux(w), PAST)
            | flag(verb_lookalike(w), LOOKALIKE),
    }
}

/// Every word of the lists: the words [`classify`] says something of.
pub(crate) fn vocabulary() -> impl Iterator<Item = &'static str> {
    let keyed = MONTHS
        .iter()
        .map(|e| e.0)
        .chain(WEEKDAYS.iter().map(|e| e.0))
        .chain(NUMBER_WORDS.iter().map(|e| e.0))
        .chain(ORDINAL_WORDS.iter().map(|e| e.0))
        .chain(UNITS.iter().map(|e| e.0));
    let plain = [
        ORDINAL_SUFFIXES,
        AFTER_YEAR_OK,
        BEFORE_YEAR,
        FUTURE_AUX,
        PAST_AUX,
        VERB_LOOKALIKES,
    ];
    keyed.chain(plain.into_iter().flatten().copied())
}

// ----- the lists -----

pub(crate) const MONTHS: &[(&str, (u32, bool))] = &[
    ("janvier", (1, false)),
    ("janv", (1, true)),
    ("jan", (1, true)),
    ("fevrier", (2, false)),
    ("fevr", (2, true)),
    ("fev", (2, true)),
    ("feb", (2, true)),
    ("mars", (3, false)),
    ("mar", (3, true)),
    ("avril", (4, false)),
    ("avr", (4, true)),
    ("apr", (4, true)),
    ("mai", (5, false)),
    ("juin", (6, false)),
    ("jun", (6, true)),
    ("juillet", (7, false)),
    ("juil", (7, true)),
    ("jul", (7, true)),
    ("jui", (7, true)),
    ("aout", (8, false)),
    ("aou", (8, true)),
    ("aug", (8, true)),
    ("septembre", (9, false)),
    ("sept", (9, true)),
    ("sep", (9, true)),
    ("octobre", (10, false)),
    ("oct", (10, true)),
    ("novembre", (11, false)),
    ("nov", (11, true)),
    ("decembre", (12, false)),
    ("dec", (12, true)),
];

pub(crate) const WEEKDAYS: &[(&str, (u32, bool))] = &[
    ("lundi", (0, false)),
    ("mardi", (1, false)),
    ("mercredi", (2, false)),
    ("jeudi", (3, false)),
    ("vendredi", (4, false)),
    ("samedi", (5, false)),
    ("dimanche", (6, false)),
    ("lun", (0, true)),
    ("mar", (1, true)),
    ("mer", (2, true)),
    ("jeu", (3, true)),
    ("ven", (4, true)),
    ("sam", (5, true)),
    ("dim", (6, true)),
];

pub(crate) const NUMBER_WORDS: &[(&str, u32)] = &[
    ("un", 1),
    ("une", 1),
    ("deux", 2),
    ("trois", 3),
    ("quatre", 4),
    ("cinq", 5),
    ("six", 6),
    ("sept", 7),
    ("huit", 8),
    ("neuf", 9),
    ("dix", 10),
    ("onze", 11),
    ("douze", 12),
    ("treize", 13),
    ("quatorze", 14),
    ("quinze", 15),
    ("seize", 16),
    ("vingt", 20),
    ("trente", 30),
    ("quarante", 40),
    ("cinquante", 50),
    ("soixante", 60),
];

pub(crate) const ORDINAL_WORDS: &[(&str, u32)] = &[
    ("premier", 1),
    ("premiere", 1),
    ("1er", 1),
    ("1re", 1),
    ("deuxieme", 2),
    ("second", 2),
    ("seconde", 2),
    ("2e", 2),
    ("2eme", 2),
    ("troisieme", 3),
    ("quatrieme", 4),
    ("cinquieme", 5),
    ("sixieme", 6),
    ("septieme", 7),
    ("huitieme", 8),
    ("neuvieme", 9),
    ("dixieme", 10),
    ("dernier", 0),
    ("derniere", 0),
];

pub(crate) const UNITS: &[(&str, u8)] = &[
    ("jour", 0),
    ("jours", 0),
    ("journee", 0),
    ("journees", 0),
    ("semaine", 1),
    ("semaines", 1),
    ("mois", 2),
    ("an", 3),
    ("ans", 3),
    ("annee", 3),
    ("annees", 3),
];

pub(crate) const ORDINAL_SUFFIXES: &[&str] = &[
    "er", "re", "e", "eme", "emes", "ieme", "nd", "nde", "th", "st",
];

pub(crate) const AFTER_YEAR_OK: &[&str] = &[
    "et",
    "a",
    "au",
    "aux",
    "par",
    "pour",
    "le",
    "la",
    "les",
    "l",
    "lors",
    "puis",
    "quand",
    "ou",
    "avec",
    "dans",
    "contre",
    "en",
    "de",
    "du",
    "des",
    "d",
    "qui",
    "que",
    "qu",
    "il",
    "elle",
    "ils",
    "elles",
    "on",
    "sur",
    "sous",
    "apres",
    "avant",
    "alors",
    "mais",
    "deja",
    "ce",
    "cette",
    "un",
    "une",
    "ont",
    "est",
    "sont",
    "etait",
    "avait",
    "selon",
    "afin",
    "comme",
    "entre",
    "vers",
    "jusqu",
    "lorsque",
    "tandis",
    "dont",
    "se",
    "s",
    "n",
    "ne",
    "y",
    "son",
    "sa",
    "ses",
    "leur",
    "leurs",
    "notamment",
    "deux",
    "ni",
];

pub(crate) const BEFORE_YEAR: &[&str] = &[
    "en",
    "depuis",
    "des",
    "de",
    "d",
    "avant",
    "apres",
    "debut",
    "fin",
    "mi",
    "milieu",
    "courant",
    "annee",
    "annees",
    "an",
    "jusqu",
    "vers",
    "entre",
    "et",
    "a",
    "ou",
    "printemps",
    "ete",
    "automne",
    "hiver",
    "au",
    "dici",
    "cours",
    "pour",
    "exercice",
    "budget",
    "mandat",
    "rentree",
    "saison",
];

pub(crate) const FUTURE_AUX: &[&str] = &[
    "doit",
    "doivent",
    "devra",
    "devront",
    "devrait",
    "devraient",
    "va",
    "vont",
    "vais",
    "allons",
    "allez",
    "prevu",
    "prevue",
    "prevus",
    "prevues",
    "attendu",
    "attendue",
    "attendus",
    "attendues",
    "prevoit",
    "prevoient",
    "comptent",
    "envisage",
    "envisagent",
    "projette",
    "projettent",
    "bientot",
    "sera",
    "seront",
    "aura",
    "auront",
    "ira",
    "iront",
    "prochain",
    "prochaine",
    "prochains",
    "prochaines",
];

pub(crate) const PAST_AUX: &[&str] = &[
    "a", "ont", "avait", "avaient", "ai", "avons", "avez", "as", "eut", "eurent", "est", "sont",
    "etait", "etaient", "suis", "sommes", "fut", "furent", "etais", "avais",
    // The conditional past reports a past act (« aurait livré en avril »).
    "aurait", "auraient", "serait", "seraient",
];

pub(crate) const VERB_LOOKALIKES: &[&str] = &[
    "portrait",
    "retrait",
    "extrait",
    "attrait",
    "trait",
    "souhait",
    "lait",
    "parfait",
    "camera",
    "opera",
    "sahara",
    "extra",
    "contra",
    "tiara",
    "mantra",
    "era",
    "ankara",
    "accra",
    "gera",
    "sierra",
    "cobra",
    "zebra",
    "aura",
    "hydra",
    "fait",
    "bienfait",
    "forfait",
    "plait",
    "ait",
    "jamais",
    "mais",
    "desormais",
    "frais",
    "palais",
    "francais",
    "anglais",
    "japonais",
    "libanais",
    "rwandais",
    "senegalais",
    "congolais",
    "gabonais",
    "togolais",
    "nigerians",
    "marocains",
];
