//! Word lists of the date grammar (normalized: lower case, accents folded).

/// Month number of a month name or abbreviation, and whether the word is ambiguous
/// on its own (an abbreviation, or « mars », « mai », « sept »).
pub(crate) fn month(w: &str) -> Option<(u32, bool)> {
    Some(match w {
        "janvier" => (1, false),
        "janv" | "jan" => (1, true),
        "fevrier" => (2, false),
        "fevr" | "fev" | "feb" => (2, true),
        "mars" => (3, false),
        "mar" => (3, true),
        "avril" => (4, false),
        "avr" | "apr" => (4, true),
        "mai" => (5, false),
        "juin" => (6, false),
        "jun" => (6, true),
        "juillet" => (7, false),
        "juil" | "jul" | "jui" => (7, true),
        "aout" => (8, false),
        "aou" | "aug" => (8, true),
        "septembre" => (9, false),
        "sept" | "sep" => (9, true),
        "octobre" => (10, false),
        "oct" => (10, true),
        "novembre" => (11, false),
        "nov" => (11, true),
        "decembre" => (12, false),
        "dec" => (12, true),
        _ => return None,
    })
}

/// Weekday (0 = Monday) of a weekday name, and whether it is an abbreviation.
pub(crate) fn weekday(w: &str) -> Option<(u32, bool)> {
    Some(match w {
        "lundi" => (0, false),
        "mardi" => (1, false),
        "mercredi" => (2, false),
        "jeudi" => (3, false),
        "vendredi" => (4, false),
        "samedi" => (5, false),
        "dimanche" => (6, false),
        "lun" => (0, true),
        "mar" => (1, true),
        "mer" => (2, true),
        "jeu" => (3, true),
        "ven" => (4, true),
        "sam" => (5, true),
        "dim" => (6, true),
        _ => return None,
    })
}

/// Value of a simple number word (1–60, tens included).
pub(crate) fn number_word(w: &str) -> Option<u32> {
    Some(match w {
        "un" | "une" => 1,
        "deux" => 2,
        "trois" => 3,
        "quatre" => 4,
        "cinq" => 5,
        "six" => 6,
        "sept" => 7,
        "huit" => 8,
        "neuf" => 9,
        "dix" => 10,
        "onze" => 11,
        "douze" => 12,
        "treize" => 13,
        "quatorze" => 14,
        "quinze" => 15,
        "seize" => 16,
        "vingt" => 20,
        "trente" => 30,
        "quarante" => 40,
        "cinquante" => 50,
        "soixante" => 60,
        _ => return None,
    })
}

/// Value of an ordinal word.
pub(crate) fn ordinal_word(w: &str) -> Option<u32> {
    Some(match w {
        "premier" | "premiere" | "1er" | "1re" => 1,
        "deuxieme" | "second" | "seconde" | "2e" | "2eme" => 2,
        "troisieme" => 3,
        "quatrieme" => 4,
        "cinquieme" => 5,
        "sixieme" => 6,
        "septieme" => 7,
        "huitieme" => 8,
        "neuvieme" => 9,
        "dixieme" => 10,
        "dernier" | "derniere" => 0,
        _ => return None,
    })
}

/// Suffix written right after a number to make it an ordinal (« 1er », « 15e »).
pub(crate) fn ordinal_suffix(w: &str) -> bool {
    matches!(
        w,
        "er" | "re" | "e" | "eme" | "emes" | "ieme" | "nd" | "nde" | "th" | "st"
    )
}

/// Time-unit words: 0 day, 1 week, 2 month, 3 year.
pub(crate) fn unit(w: &str) -> Option<u8> {
    Some(match w {
        "jour" | "jours" | "journee" | "journees" => 0,
        "semaine" | "semaines" => 1,
        "mois" => 2,
        "an" | "ans" | "annee" | "annees" => 3,
        _ => return None,
    })
}

/// Words that may follow a bare year without making it a quantity (« 2019 soldats »).
pub(crate) fn after_year_ok(w: &str) -> bool {
    matches!(
        w,
        "et" | "a"
            | "au"
            | "aux"
            | "par"
            | "pour"
            | "le"
            | "la"
            | "les"
            | "l"
            | "lors"
            | "puis"
            | "quand"
            | "ou"
            | "avec"
            | "dans"
            | "contre"
            | "en"
            | "de"
            | "du"
            | "des"
            | "d"
            | "qui"
            | "que"
            | "qu"
            | "il"
            | "elle"
            | "ils"
            | "elles"
            | "on"
            | "sur"
            | "sous"
            | "apres"
            | "avant"
            | "alors"
            | "mais"
            | "deja"
            | "ce"
            | "cette"
            | "un"
            | "une"
            | "ont"
            | "est"
            | "sont"
            | "etait"
            | "avait"
            | "selon"
            | "afin"
            | "comme"
            | "entre"
            | "vers"
            | "jusqu"
            | "lorsque"
            | "tandis"
            | "dont"
            | "se"
            | "s"
            | "n"
            | "ne"
            | "y"
            | "son"
            | "sa"
            | "ses"
            | "leur"
            | "leurs"
            | "notamment"
            | "deux"
            | "ni"
    )
}

/// Words after which a bare year reads as a date (« en 2011 », « depuis 2018 »).
pub(crate) fn before_year(w: &str) -> bool {
    matches!(
        w,
        "en" | "depuis"
            | "des"
            | "de"
            | "d"
            | "avant"
            | "apres"
            | "debut"
            | "fin"
            | "mi"
            | "milieu"
            | "courant"
            | "annee"
            | "annees"
            | "an"
            | "jusqu"
            | "vers"
            | "entre"
            | "et"
            | "a"
            | "ou"
            | "printemps"
            | "ete"
            | "automne"
            | "hiver"
            | "au"
            | "dici"
            | "cours"
            | "pour"
            | "exercice"
            | "budget"
            | "mandat"
            | "rentree"
            | "saison"
    )
}

/// Words marking a planned or future event (« doit », « est attendu », « va »).
pub(crate) fn future_aux(w: &str) -> bool {
    matches!(
        w,
        "doit"
            | "doivent"
            | "devra"
            | "devront"
            | "devrait"
            | "devraient"
            | "va"
            | "vont"
            | "vais"
            | "allons"
            | "allez"
            | "prevu"
            | "prevue"
            | "prevus"
            | "prevues"
            | "attendu"
            | "attendue"
            | "attendus"
            | "attendues"
            | "prevoit"
            | "prevoient"
            | "comptent"
            | "envisage"
            | "envisagent"
            | "projette"
            | "projettent"
            | "bientot"
            | "sera"
            | "seront"
            | "aura"
            | "auront"
            | "ira"
            | "iront"
            | "prochain"
            | "prochaine"
            | "prochains"
            | "prochaines"
    )
}

/// Past auxiliaries (passé composé, plus-que-parfait).
pub(crate) fn past_aux(w: &str) -> bool {
    matches!(
        w,
        "a" | "ont"
            | "avait"
            | "avaient"
            | "ai"
            | "avons"
            | "avez"
            | "as"
            | "eut"
            | "eurent"
            | "est"
            | "sont"
            | "etait"
            | "etaient"
            | "suis"
            | "sommes"
            | "fut"
            | "furent"
            | "etais"
            | "avais"
    )
}

/// Nouns ending like an imperfect or a future verb.
pub(crate) fn verb_lookalike(w: &str) -> bool {
    matches!(
        w,
        "portrait"
            | "retrait"
            | "extrait"
            | "attrait"
            | "trait"
            | "souhait"
            | "lait"
            | "parfait"
            | "camera"
            | "opera"
            | "sahara"
            | "extra"
            | "contra"
            | "tiara"
            | "mantra"
            | "era"
            | "ankara"
            | "accra"
            | "gera"
            | "sierra"
            | "cobra"
            | "zebra"
            | "aura"
            | "hydra"
            | "fait"
            | "bienfait"
            | "forfait"
            | "plait"
            | "ait"
            | "jamais"
            | "mais"
            | "desormais"
            | "frais"
            | "palais"
            | "francais"
            | "anglais"
            | "japonais"
            | "libanais"
            | "rwandais"
            | "senegalais"
            | "congolais"
            | "gabonais"
            | "togolais"
            | "nigerians"
            | "marocains"
    )
}
