//! Stage 6, events: cooperation events from trigger words (`data/triggers.tsv`) and the
//! states around them.
//!
//! For each body sentence, each trigger opens a frame (see the file's header) that picks
//! the two states from the country references, capitals and people's countries in the
//! sentence, by their position and the preposition before them (« à Bamako », « au Mali »,
//! « par la Russie », « de Moscou »). When a sentence names one side only and speaks of
//! « les deux pays », « bilatéral », « son homologue », the article's main pair completes
//! it. Negated clauses give no event; status comes from the trigger and the verbs around
//! it; the date is the temporal expression nearest to the trigger in the sentence.

use crate::gazetteer::{Entry, Gazetteer, Hit};
use crate::recognize::places::{CountryRef, How, PlaceRef};
use crate::translit::Folded;
use crate::types::{
    ceil_boundary, contains_any, find_any, floor_boundary, starting_in, EventType, Precision, Span,
    Status,
};

/// A date found in the text, as the events stage needs it.
#[derive(Clone, Debug)]
pub struct DateRef {
    /// Where.
    pub span: Span,
    /// Value.
    pub value: Option<String>,
    /// Precision.
    pub precision: Precision,
}

/// An event before offsets are attached.
#[derive(Clone, Debug)]
pub struct RawEvent {
    /// Type.
    pub kind: EventType,
    /// From (country index).
    pub from: u16,
    /// To (country index).
    pub to: u16,
    /// Direction known.
    pub directed: bool,
    /// Date.
    pub date: Option<DateRef>,
    /// Place (city index).
    pub place: Option<u16>,
    /// Status.
    pub status: Status,
    /// People (indexes into the article's people).
    pub people: Vec<usize>,
    /// Trigger span.
    pub trigger: Span,
    /// Evidence sentence.
    pub sentence: Span,
    /// The one state the sentence named, when the other side was guessed from the
    /// article's main pair.
    pub guessed: Option<u16>,
}

/// What the events stage reads.
pub struct Input<'a> {
    /// Text.
    pub text: &'a str,
    /// Body sentences.
    pub sentences: &'a [Span],
    /// All gazetteer hits (triggers among them).
    pub hits: &'a [Hit],
    /// Country references.
    pub countries: &'a [CountryRef],
    /// Places.
    pub places: &'a [PlaceRef],
    /// People: their mention spans and country.
    pub people: &'a [(Vec<Span>, Option<u16>)],
    /// Dates.
    pub dates: &'a [DateRef],
    /// The publication date: the date of reported talks and agreements that name none
    /// (« Selon M. X, les deux pays ont convenu de … »).
    pub published: Option<DateRef>,
    /// The whole text folded once ([`Folded::new`] of `text`): every folded window below is
    /// a slice of it, never a new string.
    pub folded: &'a Folded,
    /// The article's title as the metadata read it, if any: the sentence that holds just it
    /// is the headline even when a site name or a section label comes before it.
    pub title: Option<&'a str>,
}

#[derive(Clone, Copy, Debug)]
struct Actor {
    country: u16,
    span: Span,
    /// The word before: à, au, aux, en, de, du, par, avec…
    prep: Prep,
    how: Option<How>,
    /// Only says where something is (see [`located`]).
    located: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Prep {
    None,
    To,     // à, au, aux, en, vers, dans
    From,   // de, du, des, auprès de
    By,     // par
    With,   // avec, et
    Source, // selon: who says it, not who does it
}

/// Nouns whose « de X » names a state beside the parties, read as a source: a state
/// invaded (« après l'invasion de l'Ukraine »), a mediator (« sous l'égide des
/// États-Unis ») or a state reacting (« la colère de la Grèce »).
/// Folded.
const NOT_PARTIES: &[&str] = &[
    "invasion",
    "agression",
    "annexion",
    "egide",
    "auspices",
    "mediation",
    "colere",
    "inquietude",
    "indignation",
    "protestations",
    "condamnation",
    "critiques",
    "mecontentement",
    "irritation",
    "preoccupation",
];

/// Nouns of war whose nationality adjective names the enemy (« l'invasion russe »), not
/// a party to the cooperation told. Folded.
const HOSTILE_NOUNS: &[&str] = &[
    "invasion",
    "agression",
    "offensive",
    "occupation",
    "annexion",
    "menace",
    "frappes",
    "attaques",
    "bombardements",
];

const BOTH_SIDES: &[&str] = &[
    "les deux pays",
    "les deux parties",
    "les deux etats",
    "les deux armees",
    "les deux hommes",
    "les deux ministres",
    "bilateral",
    "bilaterale",
    "bilateraux",
    "bilaterales",
    "homologue",
    "leur cooperation",
    "les deux gouvernements",
    "les deux delegations",
    "les deux chefs",
];

const NEGATION: &[&str] = &[
    " n'etait pas ",
    " n'etaient pas ",
    " n'est plus ",
    " ne sont plus ",
    " n'etait plus ",
    " n'a pas ",
    " n'ont pas ",
    " ne sont pas ",
    " n'est pas ",
    " ne va pas ",
    " ne vont pas ",
    " n'a jamais ",
    " n'ont jamais ",
    " ne pas ",
    " aucun ",
    " aucune ",
    " dementi",
    " dement ",
    " dementent ",
    " refute ",
    " refutent ",
    " nie ",
    " nient ",
    " a nie ",
    " refuse ",
    " a refuse ",
    " ont refuse ",
    // « la Corée du Sud s'est toujours refusée à livrer des armes »
    " refusee ",
    " refusent ",
    " refusait ",
    " refusaient ",
    " pas question ",
    " sans ",
    " n'a pas ete ",
    " pas encore ",
    " n'ont pas ete ",
    " ne ... pas ",
    " ni ",
    // « a renoncé à acquérir des sous-marins », « a abandonné l'achat »
    " renonce ",
    " renoncent ",
    " renoncer ",
    " a abandonne ",
    " ont abandonne ",
];

const PLANNED: &[&str] = &[
    " va ",
    " vont ",
    " doit ",
    " doivent ",
    " devrait ",
    " devraient ",
    " prevu",
    " prevoit",
    " prevoient",
    " projet",
    " envisag",
    " promis",
    " promet",
    " s'est engage",
    " se sont engage",
    " s'engage",
    // « se sont également engagés à envoyer »: an adverb between.
    " egalement engage",
    " aussi engage",
    " formellement engage",
    " officiellement engage",
    " discut",
    " negoci",
    " souhait",
    " veut ",
    " veulent ",
    " compte ",
    " prevoyant",
    " prevoient",
    " pourrait ",
    " pourraient ",
    " prochain",
    " prochaine",
    " bientot",
    " attendu",
    " attend ",
    " attendent ",
    " a accepte de ",
    " d'ici ",
    " futur",
    " future ",
];

/// An offer (« avait proposé de vendre », « s'est dite prête à livrer »): what it offers is
/// planned, but not a request it answers (« prête à examiner la demande malienne »).
const OFFERED: &[&str] = &[
    " propose de ",
    " propose d'",
    " proposent de ",
    " proposent d'",
    " offert de ",
    " pret a ",
    " prete a ",
    " prets a ",
    " pretes a ",
];

/// A decision to act (« ont convenu d'organiser des patrouilles conjointes », « a décidé de
/// livrer »): what it decides is planned, the agreement or the talks that decided it are not.
const DECIDED: &[&str] = &[
    " convenu de ",
    " convenu d'",
    " decide de ",
    " decide d'",
    " decident de ",
    " decident d'",
];

const ENDED: &[&str] = &[
    " remis ",
    " rend la base",
    " restitution",
    " depart ",
    " departs ",
    " quitteraient",
    " retrait",
    " retire",
    " quitte",
    " quitter",
    " fin de la ",
    " mis fin",
    " met fin",
    " dissou",
    " dissolution",
    " demantel",
    " rendu la base",
    " restitu",
    " retrocede",
    " denonce",
    " rompu",
    " suspendu",
];

// Bits of the cues found by [`CUES`] and [`NEGATION_CUES`].
const C_BOTH: u64 = 1 << 0;
const C_NEGATION: u64 = 1 << 1;
const C_PLANNED: u64 = 1 << 2;
const C_ENDED: u64 = 1 << 3;
const C_SINCE: u64 = 1 << 4;
const C_NOT_ONLY: u64 = 1 << 5;
const C_NE: u64 = 1 << 6;
const C_PAS_JAMAIS_PLUS: u64 = 1 << 7;
const C_NE_PLUS: u64 = 1 << 8;
const C_EARLIER: u64 = 1 << 9;
const C_OFFERED: u64 = 1 << 10;
const C_DECIDED: u64 = 1 << 11;
const C_NOT_ENDED: u64 = 1 << 12;

/// An end denied: « Washington n'a pas rompu : ses militaires restent stationnés ».
const NOT_ENDED: &[&str] = &[
    " pas rompu",
    " pas quitte",
    " pas retire",
    " pas denonce",
    " pas suspendu",
    " pas mis fin",
    " jamais quitte",
    " jamais rompu",
];

/// Cues of a time before the one the article tells, left undated: « Avant cela, il
/// s'est rendu en Turquie ». What they tell did not happen on the day of publication.
const EARLIER: &[&str] = &[" avant cela", " avant ca", " auparavant", " precedemment"];

/// The sentence's cue lists in one automaton (see [`crate::phrases`]): one pass over a
/// folded sentence tells which lists occur in it.
static CUES: std::sync::LazyLock<crate::phrases::Phrases> = std::sync::LazyLock::new(|| {
    crate::phrases::Phrases::new(&[
        (BOTH_SIDES, C_BOTH),
        (PLANNED, C_PLANNED),
        (ENDED, C_ENDED),
        (&[" depuis "], C_SINCE),
        (EARLIER, C_EARLIER),
        (OFFERED, C_OFFERED),
        (DECIDED, C_DECIDED),
        (NOT_ENDED, C_NOT_ENDED),
    ])
});

/// The negation cues, read on a clause: an automaton apart, small and quick to walk.
static NEGATION_CUES: std::sync::LazyLock<crate::phrases::Phrases> =
    std::sync::LazyLock::new(|| {
        crate::phrases::Phrases::new(&[
            (NEGATION, C_NEGATION),
            (&[" non seulement "], C_NOT_ONLY),
            // (Elided too: « Moscou n'a en revanche pas l'intention de livrer ».)
            (&[" ne ", " n'"], C_NE),
            (&[" pas ", " jamais ", " plus "], C_PAS_JAMAIS_PLUS),
            (&[" ne va plus ", " ne plus "], C_NE_PLUS),
        ])
    });

/// `ENTENTE_DEBUG=1` prints each frame's actors and pairs on standard error (native only:
/// the page's build leaves the printing code out).
#[cfg(not(target_arch = "wasm32"))]
static DEBUG: std::sync::LazyLock<bool> =
    std::sync::LazyLock::new(|| std::env::var_os("ENTENTE_DEBUG").is_some());

/// The folded text seen from one sentence: [`Folded::slice`] of a range inside the
/// sentence searches only the sentence's part of the offset map.
struct SentenceFold<'a> {
    fx: &'a Folded,
    s: Span,
    /// The folded offsets of the sentence's start and end (before clamping to the text).
    lo: usize,
    hi: usize,
}

impl<'a> SentenceFold<'a> {
    fn new(fx: &'a Folded, s: Span) -> SentenceFold<'a> {
        let at = |orig: usize| fx.map.partition_point(|&o| (o as usize) < orig);
        SentenceFold {
            fx,
            s,
            lo: at(s.start),
            hi: at(s.end),
        }
    }

    /// The same string as `Folded::slice(start, end)`.
    fn slice(&self, start: usize, end: usize) -> &'a str {
        if start < self.s.start || end > self.s.end || start > self.s.end || end < self.s.start {
            return self.fx.slice(start, end);
        }
        // Every offset of the map before `lo` is below the sentence, every one from `hi` on is
        // at or past its end: the search within `lo..hi` gives what the whole map gives.
        let part = self.fx.map.get(self.lo..self.hi).unwrap_or(&[]);
        let at = |orig: usize| {
            (self.lo + part.partition_point(|&o| (o as usize) < orig)).min(self.fx.text.len())
        };
        let (a, b) = (at(start), at(end));
        self.fx.text.get(a..b.max(a)).unwrap_or("")
    }
}

/// Extracts events from the article.
pub fn extract(inp: &Input) -> Vec<RawEvent> {
    let g = Gazetteer::get();
    let text = inp.text;
    let fx = inp.folded;
    // Every person mention with the person's state, sorted: looked up by binary search.
    let mut mentions: Vec<(Span, u16)> = inp
        .people
        .iter()
        .filter_map(|(ms, c)| c.map(|c| (ms, c)))
        .flat_map(|(ms, c)| ms.iter().map(move |m| (*m, c)))
        .collect();
    mentions.sort_by_key(|x| x.0.start);
    let mut person_at: Vec<(Span, usize)> = inp
        .people
        .iter()
        .enumerate()
        .flat_map(|(i, (ms, _))| ms.iter().map(move |m| (*m, i)))
        .collect();
    person_at.sort_by_key(|x| x.0.start);
    let main_pair = main_pair(inp.text, inp.countries);
    // The states of each sentence with the word before them, read once, in one list:
    // sentence `i`'s are `all_actors[bounds[i]..bounds[i + 1]]`.
    let mut all_actors: Vec<Actor> = Vec::with_capacity(inp.countries.len() + mentions.len());
    let mut bounds: Vec<usize> = Vec::with_capacity(inp.sentences.len() + 1);
    bounds.push(0);
    for &s in inp.sentences {
        actors_in(inp, &mentions, s, &mut all_actors);
        bounds.push(all_actors.len());
    }
    // Where things happen: the state most often named after « à », « au », « en »…
    let top_country = {
        let mut counts: Vec<(u16, usize)> = Vec::new();
        for a in all_actors
            .iter()
            .filter(|a| a.prep == Prep::To && a.how != Some(How::Adjective))
        {
            match counts.iter_mut().find(|x| x.0 == a.country) {
                Some(x) => x.1 += 1,
                None => counts.push((a.country, 1)),
            }
        }
        counts
            .iter()
            .max_by_key(|x| x.1)
            .map(|x| x.0)
            .or(main_pair.map(|p| p.0))
    };
    let mut out: Vec<RawEvent> = Vec::new();
    let mut topic = Topic::default();
    let mut prev_actors: &[Actor] = &[];
    let mut last_trio: Option<[u16; 3]> = None;
    let mut prev_date: Option<&DateRef> = None;
    let mut last_recipient: Option<u16> = None;
    let mut last_sender: Option<u16> = None;
    // Buffers reused from sentence to sentence and trigger to trigger.
    let mut triggers: Vec<&Hit> = Vec::new();
    let mut inherited_actors: Vec<Actor> = Vec::new();
    let mut located_actors: Vec<Actor> = Vec::new();
    let mut local: Vec<Actor> = Vec::new();
    let mut seen_trigger_spans: Vec<Span> = Vec::new();
    let mut last_clause: Option<(Span, bool)> = None;
    for (&s, range) in inp.sentences.iter().zip(bounds.windows(2)) {
        let fx = &SentenceFold::new(inp.folded, s);
        triggers.clear();
        triggers.extend(
            crate::gazetteer::near(inp.hits, s)
                .iter()
                .filter(|h| s.contains(&h.span) && matches!(h.entry, Entry::Trigger(_))),
        );
        // Most sentences hold no trigger: their wording is read only when one does, and
        // only as far as a trigger's event needs it.
        let tone = Tone::of(if triggers.is_empty() {
            ""
        } else {
            fx.slice(s.start, s.end)
        });
        // The end of the dateline the sentence opens with, if any: its date is the
        // dispatch's, and a date the sentence names after it dates its events first.
        let dateline = starting_in(inp.countries, s, |c| c.span)
            .iter()
            .find(|c| s.contains(&c.span))
            .filter(|c| !triggers.is_empty() && c.how == How::Capital)
            .and_then(|c| dateline_end(inp, s, c.span));
        let own: &[Actor] = match range {
            [a, b] => all_actors.get(*a..*b).unwrap_or(&[]),
            _ => &[],
        };
        // A sentence that names no state continues the previous one (« Des accords
        // avaient alors été signés. »): its states and date carry over.
        let inherited = own.is_empty();
        let actors: &[Actor] = if triggers.is_empty() {
            // No event here: the states only carry over to the next sentences.
            own
        } else if inherited {
            inherited_actors.clear();
            inherited_actors.extend(prev_actors.iter().map(|a| Actor {
                span: Span::new(s.start, s.start),
                prep: Prep::None,
                located: false,
                ..*a
            }));
            &inherited_actors
        } else {
            // Whether each state only says where something is, read here, where a trigger
            // may ask.
            located_actors.clear();
            located_actors.extend(own.iter().map(|a| Actor {
                located: located(fx, s, a.span),
                ..*a
            }));
            &located_actors
        };
        let label_end = if triggers.is_empty() {
            None
        } else {
            headline_label(text, s, own)
        };
        let has_object = triggers
            .iter()
            .any(|h| g.trigger_of(h).is_some_and(|t| t.frame == "object"));
        seen_trigger_spans.clear();
        // The events of this sentence are `out[sentence_first..]`.
        let sentence_first = out.len();
        for &h in &triggers {
            let Some(t) = g.trigger_of(h) else {
                continue;
            };
            if t.frame == "object" {
                continue;
            }
            // « l'envoi de 31 chars »: sending weapons is a delivery, not a deployment.
            // An equipment noun that `pick` accepts within `max` bytes after the trigger.
            let object_after_where = |max: usize, pick: fn(&str) -> bool| {
                triggers.iter().any(|o| {
                    o.span.start >= h.span.end
                        && o.span.start - h.span.end < max
                        && g.trigger_of(o)
                            .is_some_and(|x| x.frame == "object" && pick(&x.form))
                })
            };
            let object_after = |max: usize| object_after_where(max, |_| true);
            // An object within `max` bytes after the trigger with no one named between:
            // what is received is that object, not a visitor.
            let object_soon_after = |max: usize| {
                triggers
                    .iter()
                    .find(|o| {
                        o.span.start >= h.span.end
                            && o.span.start - h.span.end < max
                            && g.trigger_of(o).is_some_and(|x| x.frame == "object")
                    })
                    .is_some_and(|o| {
                        let from = person_at.partition_point(|p| p.0.start < h.span.end);
                        person_at
                            .get(from)
                            .is_none_or(|p| p.0.start >= o.span.start)
                    })
            };
            // A trigger of `frame` before this one in the sentence, whose form `pick` takes.
            let before_where = |frame: &str, pick: fn(&str) -> bool| {
                triggers.iter().any(|o| {
                    o.span.end <= h.span.start
                        && g.trigger_of(o)
                            .is_some_and(|x| x.frame == frame && pick(&x.form))
                })
            };
            let object_before = before_where("object", |_| true);
            // « fournissent des troupes »: supplying troops is a deployment.
            let troops_after = triggers.iter().any(|o| {
                o.span.start >= h.span.end
                    && o.span.start - h.span.end < 25
                    && g.trigger_of(o).is_some_and(|x| x.frame == "troops")
            });
            // « L'Espagne a remis à la marine sénégalaise un patrouilleur »: equipment handed
            // over is a delivery, not a base given back.
            let handed_equipment = t.frame == "handover" && object_after(60);
            // « l'envoi de navires de la marine dans les eaux libyennes »: warships sent with
            // their crews are a deployment, unless handed to a navy (« à la marine ghanéenne »).
            let warships_sent = object_after_where(40, is_warship) && {
                let rest = fx.slice(h.span.end, s.end);
                !contains_any(rest, &[" a la marine ", " aux marines "])
            };
            // « ont dépêché une délégation à Malabo »: envoys sent are a visit. So is a person
            // sent (« avait dépêché le conseiller adjoint … Jon Finer à Malabo »), when no
            // troops are named before the name.
            let envoys_sent = t.frame == "deploy" && {
                let e = floor_boundary(text, (h.span.end + 40).min(s.end));
                let rest = fx.slice(h.span.end, e);
                let envoy = contains_any(
                    rest,
                    &[
                        " delegation",
                        " emissaire",
                        " envoye special",
                        " envoyee speciale",
                    ],
                );
                let window = Span::new(h.span.end, (h.span.end + 100).min(s.end));
                envoy
                    || starting_in(&person_at, window, |x| x.0)
                        .iter()
                        .find(|x| window.contains(&x.0))
                        .is_some_and(|x| {
                            // (Not one who asked or spoke: « le déploiement a débuté à la
                            // demande du président X », « … selon le général Y ».)
                            let between = fx.slice(h.span.end, x.0.start);
                            !contains_any(between, &[" demande", " invitation", " selon ", " par "])
                                && !triggers.iter().any(|o| {
                                    o.span.start >= h.span.end
                                        && o.span.end <= x.0.start
                                        && g.trigger_of(o).is_some_and(|t| t.frame == "troops")
                                })
                        })
            };
            // « le Togo avait obtenu de la France la livraison de blindés », « attend la
            // livraison »: a delivery the subject gets.
            let obtained = t.frame == "give" && {
                let from = ceil_boundary(text, h.span.start.saturating_sub(50).max(s.start));
                let before = fx.slice(from, h.span.start);
                contains_any(
                    before,
                    &[
                        " obtenu ",
                        " obtient ",
                        " obtiennent ",
                        " obtenir ",
                        " attend la ",
                        " attendent la ",
                        " attend le ",
                        " attendent le ",
                    ],
                )
            };
            // « Le ministre est arrivé à Ankara »: a visit. Equipment that arrives is a
            // delivery (« le premier lot de blindés turcs est arrivé à Bamako »); troops that
            // arrive are told by their own noun, and a warship's arrival is a port call.
            let arrival = t.frame == "visit" && t.form.contains("arriv");
            if arrival && (before_where("troops", |_| true) || before_where("object", is_warship)) {
                continue;
            }
            let (kind, frame) = if envoys_sent {
                (EventType::Meeting, "visit")
            } else if obtained {
                (t.kind, "receive")
            } else if t.kind == EventType::Deployment
                && t.frame == "deploy"
                && object_after(40)
                && !warships_sent
                || handed_equipment
                || arrival && object_before
            {
                (EventType::Arms, "give")
            } else if t.kind == EventType::Arms
                && t.frame == "give"
                && troops_after
                && !object_after(25)
            {
                (EventType::Deployment, "deploy")
            } else if t.frame == "host" && (object_after(30) || object_soon_after(90)) {
                // « Le ministre a reçu des blindés chinois », « qui reçoit de la Chine
                // l'essentiel de ses équipements militaires »: equipment received.
                (EventType::Arms, "receive")
            } else if t.frame == "give" && delivered_to_subject(text, fx, h.span, actors) {
                (t.kind, "receive")
            } else {
                (t.kind, t.frame.as_str())
            };
            if kind == EventType::Arms && !has_object {
                continue;
            }
            // « les avions … ont été accueillis par le ministre »: equipment received, no meeting.
            if frame == "host" && (object_before || object_after(30)) {
                continue;
            }
            // Overlapping trigger words (« accord » in « protocole d'accord »): longest only.
            if seen_trigger_spans.iter().any(|p| p.overlaps(&h.span)) {
                continue;
            }
            // « former les soldats somaliens »: troops that are the object of another
            // trigger are not a deployment.
            if t.frame == "troops" && !troop_noun(fx, s, h.span) {
                continue;
            }
            // « les militaires au pouvoir », « les militaires putschistes »: a junta.
            if t.frame == "troops" && {
                let next = fx.slice(
                    h.span.end,
                    floor_boundary(text, (h.span.end + 14).min(s.end)),
                );
                next.starts_with(" au pouvoir") || next.starts_with(" putschistes")
            } {
                continue;
            }
            if t.frame == "troops"
                && triggers.iter().any(|o| {
                    o.span.end <= h.span.start
                        && h.span.start - o.span.end < 24
                        && g.trigger_of(o)
                            .is_some_and(|x| x.frame != "troops" && x.frame != "object")
                })
            {
                continue;
            }
            // « des soldats algériens avaient participé à un exercice avec leurs homologues
            // russes »: troops that drill are told by the exercise, not deployed by it (a
            // base or a presence still is one).
            if t.frame == "troops"
                && !contains_any(&t.form, &["base", "camp", "présence"])
                && triggers.iter().any(|o| {
                    o.span.start >= h.span.end
                        && o.span.start - h.span.end < 160
                        && g.trigger_of(o)
                            .is_some_and(|x| x.kind == EventType::Exercise)
                })
                && !triggers.iter().any(|o| {
                    o.span.start >= h.span.end
                        && o.span.start - h.span.end < 160
                        && g.trigger_of(o).is_some_and(|x| x.frame == "deploy")
                })
            {
                continue;
            }
            // « Les soldats maliens sont formés en Russie »: troops trained abroad, the
            // subject of a passive training, are no deployment there.
            if t.frame == "troops"
                && triggers.iter().any(|o| {
                    o.span.start >= h.span.end
                        && o.span.start - h.span.end < 24
                        && g.trigger_of(o).is_some_and(|x| x.frame == "train")
                        && ends_on_passive_aux(fx.slice(h.span.end, o.span.start))
                })
            {
                continue;
            }
            // « à l'entretien du système », « ont échangé des sucreries »: upkeep of
            // equipment, and things exchanged, are no talks.
            if t.frame == "meet"
                && matches!(t.form.as_str(), "entretien" | "entretiens" | "échangé")
            {
                let next = fx.slice(
                    h.span.end,
                    floor_boundary(text, (h.span.end + 20).min(s.end)),
                );
                let opens = |ps: &[&str]| ps.iter().any(|p| next.starts_with(p));
                // (« les mécaniciens chargés de leur entretien »: the aircraft's.)
                let theirs = matches!(
                    fx.slice(s.start, h.span.start)
                        .split_whitespace()
                        .next_back(),
                    Some("leur" | "leurs")
                ) && !opens(&[" avec", " entre"]);
                let upkeep = t.form.starts_with("entretien")
                    && (object_after(30)
                        || theirs
                        || opens(&[" du systeme", " des systemes", " du materiel"]));
                // (« ont échangé les exemplaires signés de l'accord »: documents.)
                let things = t.form == "échangé"
                    && opens(&[" des ", " du ", " de la ", " de l'", " les ", " leurs "])
                    && !opens(&[
                        " des vues",
                        " des points de vue",
                        " les vues",
                        " les points de vue",
                        " leurs vues",
                        " leurs points de vue",
                    ]);
                if upkeep || things {
                    continue;
                }
            }
            // « a exigé le départ des troupes françaises »: a departure asked for is the
            // request's object, not yet a withdrawal.
            if t.frame == "withdrawal"
                && triggers.iter().any(|o| {
                    o.span.end <= h.span.start
                        && h.span.start - o.span.end < 8
                        && g.trigger_of(o)
                            .is_some_and(|x| x.kind == EventType::Request)
                })
            {
                continue;
            }
            // « l'exercice du pouvoir »: a bare « exercice » is a drill only when a name
            // follows it (« l'exercice Flintlock », « l'exercice « Bouclier 2024 » »).
            if matches!(t.form.as_str(), "exercice" | "exercices")
                && !named_exercise(text, fx, s, h.span)
            {
                continue;
            }
            seen_trigger_spans.push(h.span);
            // « La livraison est attendue avant la fin de l'année »: only someone named in
            // the sentence (a state, a person, a capital) is awaited as a visitor.
            if t.form.contains("attendu")
                && (inherited || !actors.iter().any(|a| a.span.end <= h.span.start))
                && !has_pronoun_before(fx.slice(s.start, h.span.start))
            {
                continue;
            }
            local.clear();
            local.extend_from_slice(actors);
            // « Mali : la Russie livre des hélicoptères »: the states before a headline's colon
            // name its topic, not the subject; they stand in only for a missing party.
            if let Some(end) = label_end {
                if local
                    .iter()
                    .any(|a| a.span.start > end && a.prep != Prep::Source)
                {
                    local.retain(|a| a.span.start > end);
                }
            }
            // « il s'est rendu en Turquie »: a pronoun subject is the topic of the text; so is
            // the owner of troops a sentence opens on (« Ses soldats sont engagés en Somalie »).
            if !actors
                .iter()
                .any(|a| a.span.end <= h.span.start && a.span.start < a.span.end)
            {
                let head = fx.slice(s.start, h.span.start);
                let owned_troops = t.frame == "troops"
                    && matches!(head.trim(), "ses" | "son" | "sa" | "leurs" | "leur");
                if let Some(tc) = topic
                    .get(fx)
                    .filter(|_| owned_troops || has_pronoun_before(head) && !pronoun_reports(head))
                {
                    local.insert(
                        0,
                        Actor {
                            country: tc,
                            span: Span::new(s.start, s.start),
                            prep: Prep::None,
                            how: None,
                            located: false,
                        },
                    );
                }
            }
            if !matches!(
                frame,
                "deploy" | "withdraw" | "withdrawal" | "handover" | "troops" | "visit"
            ) {
                local.retain(|a| !a.located);
            }
            // The trigger's clause ends at « , et », « ; », « mais »…: states after that belong
            // to another clause (« La Turquie fournit des drones, et y fait venir des
            // combattants syriens »).
            let end = clause_end(frame, text, h.span, s.end);
            // « a réservé sa première visite à la Turquie et s'est rendu en janvier en
            // Chine »: a date after a second verb joined by « et » is that verb's.
            let second_verb = triggers
                .iter()
                .filter(|o| o.span.start >= h.span.end && o.span.end <= s.end)
                .find(|o| {
                    g.trigger_of(o).is_some_and(|x| {
                        x.frame != "object" && x.frame != "troops" && x.form.contains(' ')
                    }) && text
                        .get(h.span.end..o.span.start)
                        .is_some_and(|gap| gap.trim_end().ends_with(" et"))
                })
                .map_or(s.end, |o| o.span.start);
            // (Its states are that verb's too: « visite … à la Turquie et s'est rendu … en Chine ».)
            let end = end.min(second_verb);
            let withdrawal = matches!(frame, "withdraw" | "withdrawal" | "handover");
            if withdrawal {
                // The city left (« quitter Goma ») stands for its state.
                local.extend(
                    starting_in(inp.places, s, |p| p.span)
                        .iter()
                        .filter(|p| p.span.start >= h.span.end && p.span.end <= end)
                        .filter(|p| !local.iter().any(|a| a.span.overlaps(&p.span)))
                        .filter_map(|p| {
                            let code = &g.cities.get(p.city as usize)?.code;
                            Some(Actor {
                                country: g.country_index(code)?,
                                span: p.span,
                                prep: prep_before(text, fx, s, p.span),
                                how: Some(How::Name),
                                located: false,
                            })
                        })
                        .collect::<Vec<_>>(),
                );
                local.sort_by_key(|a| a.span.start);
            }
            // A troop noun next to the trigger, one that `pick` accepts.
            let troops_near = |pick: fn(&crate::gazetteer::Trigger) -> bool| {
                triggers.iter().any(|o| {
                    o.span.end + 60 > h.span.start
                        && o.span.start < h.span.end + 40
                        && g.trigger_of(o)
                            .is_some_and(|x| x.frame == "troops" && pick(x))
                })
            };
            // « le départ des soldats », « les soldats kényans ont commencé à quitter »
            let troops_named = troops_near(|_| true);
            // « ont remis aux autorités nigériennes la base aérienne »: only a base or a
            // camp is handed back by troops.
            // (« a rétrocédé le camp de Port-Bouët »: « camp » alone is no troop noun.)
            // (« a restitué jeudi 17 juillet 2025 à l'armée sénégalaise le camp Geille »: in
            // the clause, a date and the one it goes to may come first.)
            let camp_after = frame == "handover" && {
                let near = fx.slice(h.span.end, (h.span.end + 12).min(s.end));
                let clause = fx.slice(
                    h.span.end,
                    floor_boundary(text, (h.span.end + 80).min(end).max(h.span.end)),
                );
                near.contains(" camp")
                    || contains_any(
                        clause,
                        &[" le camp ", " les camps ", " ses emprises", " ses camps"],
                    )
            };
            if frame == "handover"
                && !troops_near(|x| x.form.starts_with("base") || x.form.starts_with("camp"))
                && !camp_after
            {
                continue;
            }
            let troops_named = troops_named || camp_after;
            let mut pairs = frame_actors(frame, &local, h.span, text, fx, end, troops_named);
            let mut guessed = None;
            // « Les deux hommes ont évoqué la livraison d'équipements »: states carried over
            // from the sentence before tell who is involved, not who gives to whom.
            if inherited && kind == EventType::Arms {
                for p in &mut pairs {
                    p.2 = false;
                }
            }
            // « Les trois États avaient signé la charte »: the three named together last.
            if matches!(frame, "meet" | "host" | "sym") {
                if let Some([a, b, c]) = last_trio.filter(|_| {
                    let before = fx.slice(s.start, h.span.start);
                    contains_any(
                        before,
                        &[
                            "les trois pays",
                            "les trois etats",
                            "ces trois pays",
                            "ces trois etats",
                        ],
                    )
                }) {
                    pairs = vec![(a, b, false), (a, c, false), (b, c, false)];
                }
            }
            // The headline's topic state is the other party of its one named state
            // (« Togo : le Ghana forme des officiers », « Sénégal : visite du ministre turc »),
            // unless that state is the subject of a purchase.
            if pairs.is_empty() {
                if let Some(end) = label_end {
                    let body = dedup(
                        local
                            .iter()
                            .filter(|a| a.span.start > end && a.prep != Prep::Source)
                            .map(|a| a.country)
                            .collect(),
                    );
                    let topic_state = actors
                        .iter()
                        .filter(|a| a.span.end <= end)
                        .map(|a| a.country)
                        .find(|c| !body.contains(c));
                    let subject_receives = frame == "receive"
                        && local
                            .iter()
                            .any(|a| a.span.start > end && a.span.end <= h.span.start);
                    if let (&[x], Some(l), false) = (&body[..], topic_state, subject_receives) {
                        // « Kenya : premier contingent en route pour Haïti »: a state the
                        // trigger goes to is the recipient, the label's the sender.
                        let bound = local.iter().any(|a| {
                            a.country == x && a.span.start >= h.span.end && a.prep == Prep::To
                        });
                        let directed = !matches!(frame, "meet" | "host" | "sym");
                        if bound && directed && frame != "receive" {
                            pairs.push((l, x, true));
                        } else {
                            pairs.push((x, l, directed));
                        }
                    }
                }
            }
            // « la formation de militaires burundais dans des écoles russes et la fourniture
            // d'équipements »: a delivery with no subject nor recipient of its own goes the
            // way of the act it is coordinated with in the sentence.
            if kind == EventType::Arms
                && frame == "give"
                && !local.iter().any(|a| {
                    a.span.end <= h.span.start && matches!(a.prep, Prep::None | Prep::With)
                        || a.span.start >= h.span.end
                })
            {
                let prev = out.last().filter(|e| e.sentence == s && e.directed);
                match (&pairs[..], prev) {
                    (&[(a, b, true)], Some(prev)) if (prev.from, prev.to) == (b, a) => {
                        pairs = vec![(b, a, true)];
                    }
                    // (Its states only named by adjectives before it: no pair of its own.)
                    ([], Some(prev))
                        if [prev.from, prev.to]
                            .iter()
                            .all(|c| local.iter().any(|a| a.country == *c)) =>
                    {
                        pairs = vec![(prev.from, prev.to, true)];
                    }
                    _ => {}
                }
            }
            #[cfg(not(target_arch = "wasm32"))]
            if *DEBUG {
                eprintln!(
                    "{} {frame} {:?} -> {pairs:?}",
                    t.form,
                    local
                        .iter()
                        .map(|a| (a.country, a.prep, a.how))
                        .collect::<Vec<_>>()
                );
            }
            // Troops sent with no destination named go to the article's main state
            // (« Kigali a annoncé le déploiement de troupes rwandaises »), and every state
            // of a coordinated subject sends its own (« La Tanzanie et le Malawi fournissent
            // des troupes »).
            // « la restitution, le 7 juillet, de la base aérienne 101, voisine de
            // l'aéroport de Niamey »: the state left is named, the one leaving is the one
            // an earlier deployment sent there.
            if pairs.is_empty() && withdrawal && troops_named {
                if let Some(host) = local.iter().find(|a| {
                    a.span.start >= h.span.end
                        && a.span.start < end
                        && matches!(a.prep, Prep::From | Prep::To)
                        && a.how != Some(How::Adjective)
                }) {
                    if let Some(e) = out.iter().rev().find(|e| {
                        e.kind == EventType::Deployment && e.to == host.country && e.from != e.to
                    }) {
                        pairs.push((e.from, host.country, true));
                    }
                }
            }
            // « ils retireraient leurs militaires du pays »: the state the article is about.
            if pairs.is_empty() && withdrawal && troops_named {
                // (`end` is unbounded for this frame: the rest of the sentence at most.)
                let rest = fx.slice(h.span.end, end.min(s.end));
                if contains_any(rest, &[" du pays", " le pays"]) {
                    let mut before = local
                        .iter()
                        .filter(|a| a.span.end <= h.span.start && a.prep != Prep::Source);
                    let subject = before.next();
                    // « Le Niger a rompu ses accords avec la France, qui a retiré ses soldats
                    // du pays »: the state « qui » stands for leaves the sentence's subject.
                    let antecedent = before.next_back().filter(|a| {
                        let gap = fx.slice(a.span.end, h.span.start);
                        gap.starts_with(", qui ") && gap.split_whitespace().count() <= 4
                    });
                    // (« le départ, en février 2023, des forces spéciales françaises, priées de
                    // quitter le pays »: the troops' state leaves.)
                    let troops_state = local.iter().find(|a| {
                        a.how == Some(How::Adjective)
                            && a.span.start >= h.span.end
                            && a.span.start < h.span.end + 70
                            && triggers.iter().any(|o| {
                                o.span.start >= h.span.end
                                    && o.span.end <= a.span.start
                                    && g.trigger_of(o).is_some_and(|x| x.frame == "troops")
                            })
                    });
                    if let Some(leaver) = troops_state.or(antecedent).or(subject).map(|a| a.country)
                    {
                        // (« la junte de Niamey a dénoncé l'accord …, et les deux pays se sont
                        // entendus sur le départ des soldats américains encore présents dans le
                        // pays »: troops of another state leave the subject's.)
                        let told = antecedent
                            .and(subject)
                            .or(subject.filter(|_| troops_state.is_some()))
                            .map(|a| a.country)
                            .filter(|&c| c != leaver);
                        if let Some(left) =
                            told.or(top_country).filter(|&c| c != leaver).or(main_pair
                                .map(|(a, b)| if a == leaver { b } else { a })
                                .filter(|&c| c != leaver))
                        {
                            pairs.push((leaver, left, true));
                        }
                    }
                }
            }
            // « les militaires russes déjà présents dans le pays »: troops in the state the
            // article is about.
            let in_the_country = frame == "troops" && {
                let rest = fx.slice(h.span.end, (h.span.end + 120).min(s.end));
                contains_any(rest, &[" dans le pays", " dans ce pays"])
            };
            if pairs.is_empty()
                && (frame == "deploy" || withdrawal && troops_named || in_the_country)
            {
                // Troops withdrawn with no state named leave the one where the sentence puts
                // them (« qui disposent d'une base à Agadez, … retirer leurs militaires »).
                let here = if withdrawal {
                    starting_in(inp.places, s, |p| p.span)
                        .iter()
                        .filter(|p| s.contains(&p.span))
                        .filter_map(|p| g.country_index(&g.cities.get(p.city as usize)?.code))
                        .find(|&c| {
                            !local
                                .iter()
                                .any(|a| a.country == c && a.span.end <= h.span.start)
                        })
                } else {
                    None
                };
                // « Le Niger a exigé le départ des soldats français stationnés sur son sol »:
                // the subject's own soil.
                let own_soil = {
                    let rest = fx.slice(h.span.end, (h.span.end + 200).min(s.end));
                    contains_any(
                        rest,
                        &[
                            " sur son sol",
                            " sur leur sol",
                            " sur son territoire",
                            " sur leur territoire",
                        ],
                    )
                }
                .then(|| {
                    local
                        .iter()
                        .find(|a| {
                            a.span.end <= h.span.start
                                && a.prep == Prep::None
                                && matches!(a.how, Some(How::Name | How::Capital))
                        })
                        .map(|a| a.country)
                })
                .flatten();
                // « Le Burundi a déployé des soldats dans l'est de la RDC. La Tanzanie a
                // envoyé des troupes »: where the sentence before sent troops.
                let recent = (frame == "deploy")
                    .then(|| {
                        out.iter()
                            .rev()
                            .take_while(|e| e.sentence.end + 300 >= s.start)
                            .find(|e| e.kind == EventType::Deployment && e.directed)
                            .map(|e| e.to)
                    })
                    .flatten();
                if let Some(top) = own_soil.or(here).or(recent).or(top_country) {
                    let senders: Vec<u16> = dedup(
                        local
                            .iter()
                            .filter(|a| {
                                a.span.end <= h.span.start
                                    && a.prep != Prep::Source
                                    && a.country != top
                            })
                            .map(|a| a.country)
                            .collect(),
                    );
                    let adj_near = local.iter().find(|a| {
                        a.how == Some(How::Adjective)
                            && a.span.start >= h.span.end
                            && a.span.start - h.span.end < 30
                            && a.country != top
                    });
                    let senders = if senders.is_empty() {
                        adj_near.map(|a| vec![a.country]).unwrap_or_default()
                    } else {
                        senders
                    };
                    for sdr in senders {
                        pairs.push((sdr, top, true));
                    }
                }
            }
            // A delivery whose recipient is not named goes to the article's last recipient;
            // a purchase whose seller is not named comes from its last seller (« Le Niger a
            // commandé six drones » in an article on one state's arms sales).
            if pairs.is_empty() && kind == EventType::Arms {
                let floor = clause_floor(text, s.start, &local, h.span);
                let named = local
                    .iter()
                    .find(|a| a.span.end <= h.span.start && a.span.start >= floor)
                    .or(local.first());
                // (A state only named after the trigger, by a preposition, is the other side:
                // « réceptionné des hélicoptères commandés aux États-Unis » names the seller,
                // « la livraison de blindés au Cameroun » the recipient.)
                let other_side = named.is_some_and(|a| {
                    a.span.start >= h.span.end && matches!(a.prep, Prep::To | Prep::From | Prep::By)
                });
                if let Some(named) = named {
                    if other_side {
                        let (sdr, rcp) = if frame == "receive" {
                            (Some(named.country), last_recipient)
                        } else {
                            (last_sender, Some(named.country))
                        };
                        if let (Some(a), Some(b)) = (sdr, rcp) {
                            if a != b {
                                pairs.push((a, b, true));
                            }
                        }
                    } else if frame == "receive" {
                        if let Some(sdr) = last_sender.filter(|&x| x != named.country) {
                            pairs.push((sdr, named.country, true));
                        }
                    } else if let Some(r) = last_recipient.filter(|&x| x != named.country) {
                        pairs.push((named.country, r, true));
                    }
                }
            }
            // « les discussions entre les deux chefs d'état-major »: the article's pair.
            // (Not when the sentence names two states itself: « la dénonciation par
            // N'Djamena de l'accord … qui liait les deux pays ». A state a preposition sends
            // to counts only before the trigger: « soldats déployés en RDC … en vertu d'un accord
            // bilatéral », not « discussions … sur la stabilité au Mozambique ».)
            let named_two = || {
                let mut it = local.iter().filter(|a| {
                    !a.located
                        && a.prep != Prep::Source
                        && (a.prep != Prep::To || a.span.end <= h.span.start)
                });
                it.next()
                    .is_some_and(|x| it.any(|y| y.country != x.country))
            };
            // (« … l'accord qui les liait aux États-Unis. Les deux pays se sont entendus sur un
            // retrait »: a sentence opening on « les deux pays » speaks of the two states the
            // sentence before named, when it named two.)
            if matches!(frame, "meet" | "host" | "sym") && tone.both() && !named_two() {
                let opens_on_both = ["les deux pays ", "les deux etats ", "les deux capitales "]
                    .iter()
                    .any(|w| fx.slice(s.start, h.span.start).starts_with(w));
                let prev_two = opens_on_both
                    .then(|| {
                        let mut it = prev_actors.iter().filter(|a| a.prep != Prep::Source);
                        let a = it.next().map(|a| a.country);
                        let b = it.clone().map(|x| x.country).find(|&c| Some(c) != a);
                        let third = it.any(|x| Some(x.country) != a && Some(x.country) != b);
                        a.zip(b).filter(|_| !third)
                    })
                    .flatten();
                if let Some((a, b)) = prev_two.or(main_pair) {
                    let same = pairs
                        .iter()
                        .any(|p| (p.0 == a && p.1 == b) || (p.0 == b && p.1 == a));
                    if !same
                        && (local.iter().any(|x| x.country == a || x.country == b)
                            || local.is_empty())
                    {
                        pairs = vec![(a, b, false)];
                    }
                }
            }
            // « l'Inde a commandé 26 Rafale », « des Su-24 livrés au Mali »: with one side
            // only, a weapon model named in the clause was sold by its maker's state
            // (before the article's main pair is guessed).
            if pairs.is_empty() && kind == EventType::Arms {
                pairs = maker_sells(&triggers, &local, h.span, end, frame, arrival, |l| {
                    frame_actors(frame, l, h.span, text, fx, end, troops_named)
                });
            }
            if pairs.is_empty()
                && !withdrawal
                && (frame != "troops" || possessive_before(fx, h.span))
            {
                // One side known, the other from the article's main pair.
                // « stationnées à Djibouti », « basées à X »: where forces are, not a party.
                let floor = clause_floor(text, s.start, &local, h.span);
                let has_subject = local.iter().any(|a| {
                    a.span.start >= floor && a.span.end <= h.span.start && a.prep == Prep::None
                });
                let candidates: Vec<u16> = dedup(
                    local
                        .iter()
                        .filter(|a| {
                            a.span.start < end
                                && a.span.start >= floor
                                && !a.located
                                && a.prep != Prep::Source
                                && !(has_subject
                                    && a.span.start >= h.span.end
                                    && matches!(a.prep, Prep::None | Prep::With)
                                    && opens_clause(text, h.span.end, a.span, true).is_some())
                        })
                        .map(|a| a.country)
                        .collect(),
                );
                if candidates.len() >= 2 && frame != "deploy" {
                    pairs.push((candidates[0], candidates[1], false));
                } else if let Some((a, b)) = main_pair {
                    // The one state named is the recipient (« la livraison de blindés à la
                    // marine camerounaise »): the other one of the pair gives.
                    // (So are the trainees' state right after a training: « la formation de
                    // pilotes burkinabè ».)
                    let recipient = |c: u16| {
                        matches!(frame, "give" | "train")
                            && local.iter().any(|x| {
                                x.country == c && x.span.start >= h.span.end && x.prep == Prep::To
                            })
                            // (The one state after a request is the one asked: « ont exigé
                            // le départ des troupes françaises »; not « la demande
                            // malienne ».)
                            || frame == "request"
                                && local.iter().any(|x| {
                                    x.country == c
                                        && x.span.start >= h.span.end
                                        && x.prep != Prep::By
                                        && !(x.how == Some(How::Adjective)
                                            && x.span.start - h.span.end < 4)
                                })
                            || frame == "train"
                                && local.iter().any(|x| {
                                    x.country == c
                                        && x.how == Some(How::Adjective)
                                        && x.span.start >= h.span.end
                                        && x.span.start - h.span.end < 30
                                })
                    };
                    // (The subject of « livrer » gives, of « recevoir » gets: « la Russie
                    // devrait livrer des avions », the recipient unnamed.)
                    let subject_of = |c: u16| {
                        local.iter().any(|x| {
                            x.country == c && x.span.end <= h.span.start && x.prep == Prep::None
                        })
                    };
                    let gives = |c: u16| frame == "give" && subject_of(c);
                    let gets = |c: u16| frame == "receive" && subject_of(c);
                    if candidates.len() == 1 && (candidates[0] == a || candidates[0] == b) {
                        guessed = Some(candidates[0]);
                    }
                    match candidates.first() {
                        Some(&c) if candidates.len() == 1 && c == a && recipient(a) => {
                            pairs.push((b, a, true))
                        }
                        Some(&c) if candidates.len() == 1 && c == b && recipient(b) => {
                            pairs.push((a, b, true))
                        }
                        Some(&c) if candidates.len() == 1 && c == a && gets(a) => {
                            pairs.push((b, a, true))
                        }
                        Some(&c) if candidates.len() == 1 && c == b && gets(b) => {
                            pairs.push((a, b, true))
                        }
                        Some(&c) if candidates.len() == 1 && c == a => pairs.push((a, b, gives(a))),
                        Some(&c) if candidates.len() == 1 && c == b => pairs.push((b, a, gives(b))),
                        None if tone.both() => pairs.push((a, b, false)),
                        _ => {}
                    }
                }
            }
            // « la France et l'Inde ont signé l'accord portant sur l'acquisition de 26
            // Rafale »: when a state of the pair, both named in the sentence, made the
            // model the clause names, it is the seller.
            if kind == EventType::Arms && !pairs.is_empty() {
                if let Some(m) = model_maker(&triggers, s.start, h.span, end) {
                    let named = |c: u16| local.iter().any(|x| x.country == c);
                    for p in pairs.iter_mut().filter(|p| named(p.0) && named(p.1)) {
                        if p.1 == m && p.0 != m {
                            *p = (m, p.0, true);
                        } else if p.0 == m && p.1 != m {
                            p.2 = true;
                        }
                    }
                }
            }
            // « X a sollicité de Y la fourniture de blindés »: what is asked for goes from Y to X.
            if matches!(
                kind,
                EventType::Arms | EventType::Training | EventType::Deployment
            ) {
                if let Some(r) = out[sentence_first..]
                    .iter()
                    .rev()
                    .find(|e| e.kind == EventType::Request && e.trigger.end <= h.span.start)
                    // Only what the request names: « a demandé à Berlin l'autorisation
                    // de …, et confirmé qu'elle enverrait » sends nothing from Berlin.
                    .filter(|e| {
                        text.get(e.trigger.end..h.span.start)
                            .is_some_and(|gap| gap.len() < 60 && !gap.contains([',', ';']))
                    })
                {
                    // (« Moscou a demandé un point d'appui en échange de livraisons d'armes »:
                    // what is offered in exchange goes from the one asking.)
                    let gap = fx.slice(r.trigger.end, h.span.start);
                    pairs = if contains_any(gap, &[" en echange d", " en contrepartie d"]) {
                        vec![(r.from, r.to, true)]
                    } else {
                        vec![(r.to, r.from, true)]
                    };
                    guessed = None;
                }
            }
            // A negated clause or a construction that reports nothing gives no event: read
            // only for a trigger that found its states.
            if pairs.is_empty()
                || negated(text, fx, s, h.span, &mut last_clause) && !request_unanswered(fx, s, h.span, kind)
                || not_an_event(fx, s, h.span, kind)
                || kind == EventType::Agreement
                    && describes_agreement(fx, s, h.span)
                    && out.iter().any(|e| e.kind == EventType::Agreement)
                // « Ce document encadre … les achats d'équipements et la formation », with no
                // state named: what the agreement just told covers, between states unknown.
                || inherited
                    && kind != EventType::Agreement
                    && in_agreement_scope(fx, s, h.span)

                // « Cette formation s'inscrit dans… »: the one already reported.
                || is_demonstrative(fx.slice(s.start, h.span.start).trim())
                    && out.iter().any(|e| e.kind == kind)
                // « avait demandé ce retrait »: the object of another trigger is the one
                // already reported between the same states. (« a formulé cette demande …
                // le 26 juillet » is the request told again, and may date it.)
                || fx
                    .slice(s.start, h.span.start)
                    .split_whitespace()
                    .next_back()
                    .is_some_and(is_demonstrative)
                    && triggers.iter().any(|o| {
                    o.span.end <= h.span.start
                        && h.span.start - o.span.end < 10
                        && g.trigger_of(o).is_some_and(|x| x.frame != "object" && x.frame != "troops")
                }) && out.iter().any(|e| {
                    e.kind == kind
                        && pairs.iter().any(|&(a, b, _)| {
                            (e.from, e.to) == (a, b) || (e.from, e.to) == (b, a)
                        })
                })
            {
                continue;
            }
            // « Le contrat, d'environ 375 millions de dollars, avait été signé fin janvier
            // 2022 »: an arms contract signed is the sale, between the states of the arms
            // transfer just told (among the last three events), in its direction.
            let contract_of = (kind == EventType::Agreement && {
                let head = fx.slice(s.start, h.span.end);
                (head.contains("contrat")
                    || t.form.starts_with("contrat")
                    || purchase_just_before(fx.slice(s.start, h.span.start)))
                    && !head.contains("accord")
            })
            .then(|| {
                out.iter().rev().take(3).find(|e| {
                    e.kind == EventType::Arms
                        && e.directed
                        && pairs
                            .iter()
                            .any(|&(a, b, _)| (e.from, e.to) == (a, b) || (e.from, e.to) == (b, a))
                })
            })
            .flatten()
            .map(|e| (e.from, e.to));
            let (kind, pairs) = match contract_of {
                Some((a, b)) => (EventType::Arms, vec![(a, b, true)]),
                // « Jakarta avait signé avec Moscou un contrat pour onze Su-35 », « a signé
                // l'achat de 24 F-16 »: a contract or a purchase signed for weapons is the
                // sale, its seller the maker when the pair holds it.
                None if kind == EventType::Agreement
                    && signs_a_deal(fx, &triggers, h.span, end) =>
                {
                    let maker = model_maker(&triggers, s.start, h.span, end);
                    let pairs = pairs
                        .into_iter()
                        .map(|(a, b, d)| match maker {
                            Some(m) if b == m => (b, a, true),
                            Some(m) if a == m => (a, b, true),
                            _ => (a, b, d),
                        })
                        .collect();
                    (EventType::Arms, pairs)
                }
                None => (kind, pairs),
            };
            // A relative clause that plans what its main clause reports done (« ont signé
            // un accord, qui prévoit l'accueil de cadets à partir de septembre »).
            let relative = matches!(kind, EventType::Agreement | EventType::Meeting)
                .then(|| relative_clause(text, s, h.span))
                .flatten()
                .map(|at| (at, Tone::of(fx.slice(s.start, at))))
                .filter(|(_, main)| tone.planned() && !main.planned());
            for (from, to, directed) in pairs {
                if from == to {
                    continue;
                }
                let status =
                    if frame == "visit" && t.status.is_empty() && under_way_before(fx, h.span)
                        || t.status.is_empty()
                            && tone.planned()
                            && (compound_past_before(fx, h.span)
                                || matches!(frame, "visit" | "meet")
                                    && during_past_act(text, fx, h.span))
                    {
                        Status::Done
                    } else if t.status.is_empty()
                        && !matches!(
                            kind,
                            EventType::Meeting | EventType::Agreement | EventType::Request
                        )
                        && (talked_about(fx, h.span) || in_agreement_scope(fx, s, h.span))
                    {
                        // (« Les deux hommes ont évoqué la livraison d'équipements »: what
                        // talks were about is yet to come; a request examined was made. So is
                        // what an agreement covers: « Ce document encadre … la formation ».)
                        Status::Planned
                    } else if in_the_country && tone.since() {
                        // (Troops there since a date are there still, whatever comes next.)
                        Status::Ongoing
                    } else {
                        if handed_equipment {
                            // « remis » is no end here: equipment handed over, or to be.
                            if tone.planned() {
                                Status::Planned
                            } else {
                                Status::Done
                            }
                        } else if kind == EventType::Agreement
                            && t.status.is_empty()
                            && agrees_on_an_end(fx, h.span)
                        {
                            // « se sont entendus sur un retrait »: what ends is what was agreed.
                            if tone.planned() {
                                Status::Planned
                            } else {
                                Status::Done
                            }
                        } else if let Some((_, main)) = &relative {
                            // What the relative clause plans is not the signing.
                            status_of(&t.status, main, kind)
                        } else if let Some(close) = closed_relative_before(text, s, h.span) {
                            // « Washington, qui a retiré ses troupes fin 2011, a annoncé
                            // l'envoi … »: the relative clause's tense is not the trigger's.
                            status_of(&t.status, &Tone::of(fx.slice(close, s.end)), kind)
                        } else {
                            status_of(&t.status, &tone, kind)
                        }
                    };
                if kind == EventType::Arms {
                    last_recipient = Some(to);
                    if directed {
                        last_sender = Some(from);
                    }
                }
                // (Nor is the relative clause's date the signing's.)
                let dated_in = Span::new(
                    s.start,
                    relative.as_ref().map_or(s.end, |r| r.0).min(second_verb),
                );
                // (Nor is the date of that second verb any reason to think this one happened
                // on the day of publication.)
                let dated_elsewhere = second_verb < s.end
                    && starting_in(inp.dates, Span::new(second_verb, s.end), |d| d.span)
                        .iter()
                        .any(|d| d.value.is_some());
                // « envoyé 300 instructeurs … à la demande des autorités de Bangui »: the
                // request came before the act the sentence dates, on a day it does not give.
                let earlier_request = t.form.starts_with("à la ");
                // A standing presence is dated only in its own clause (« a ouvert en septembre
                // 2017 son camp »), not by another one (« Révisé en 2019, l'accord encadrait la
                // présence… », « stationnés au Kenya, où une attaque avait tué … en janvier
                // 2020 »), but for the date it has stood since, said before it (« Depuis 2017,
                // la Turquie forme … dans sa base »).
                let standing = kind == EventType::Deployment && status == Status::Ongoing;
                let may_date = |d: &DateRef| {
                    !standing
                        || !clause_between(text, d.span, h.span)
                        || d.span.end <= h.span.start && since_before(text, d.span.start)
                };
                let date = own_date(inp.dates, dated_in, h.span, &local, (from, to))
                    .or_else(|| {
                        let e = dateline.filter(|&e| e <= h.span.start && e < dated_in.end)?;
                        nearest_date(inp.dates, Span::new(e, dated_in.end), h.span)
                    })
                    .or_else(|| nearest_date_where(inp.dates, dated_in, h.span, may_date))
                    .filter(|_| !earlier_request)
                    .filter(|d| may_date(d))
                    .or(if inherited { prev_date } else { None })
                    .cloned()
                    .or_else(|| {
                        let reported = matches!(kind, EventType::Meeting | EventType::Agreement)
                            && status == Status::Done
                            && !tone.earlier()
                            && !dated_elsewhere;
                        if reported {
                            inp.published.clone()
                        } else {
                            None
                        }
                    });
                let place = starting_in(inp.places, s, |p| p.span)
                    .iter()
                    .filter(|p| s.contains(&p.span))
                    // « Ankara livre des drones à Ouagadougou », « signé entre Lisbonne et
                    // Bissau »: a capital standing for its government is no place; one after
                    // « à », « en » still is.
                    .filter(|p| {
                        // (A dateline's city is where the news comes from: it stays.)
                        let dateline = p.span.start == s.start
                            && text.get(p.span.end..).is_some_and(|r| r.starts_with(','));
                        dateline
                            || !local.iter().any(|a| {
                                a.span == p.span
                                    && a.how == Some(How::Capital)
                                    && (a.prep == Prep::With
                                        || a.prep == Prep::None && a.span.end <= h.span.start)
                            })
                    })
                    .min_by_key(|p| {
                        if p.span.start >= h.span.end {
                            p.span.start - h.span.end
                        } else {
                            10 * (h.span.start - p.span.end)
                        }
                    })
                    .map(|p| p.city);
                // A day, month or year still to come when the article came out is planned
                // (« l'exercice, que le pays co-organise du 7 au 21 mars »), unless a compound
                // past says it was done (« ont convenu d'un cessez-le-feu qui doit entrer en
                // vigueur le 4 août »: that date is not the agreement's).
                let status = match (&date, &inp.published) {
                    (Some(d), Some(p))
                        if status == Status::Done
                            && starts_after(d, p)
                            && !compound_past_before(fx, h.span) =>
                    {
                        Status::Planned
                    }
                    _ => status,
                };
                let mut people: Vec<usize> = starting_in(&person_at, s, |x| x.0)
                    .iter()
                    .filter(|x| s.contains(&x.0))
                    .map(|x| x.1)
                    .collect();
                people.sort_unstable();
                people.dedup();
                // « avait réceptionné fin septembre 2021 quatre hélicoptères …, puis, fin mars
                // 2022, deux hélicoptères de combat … »: each later date that « puis » brings
                // in the clause, with equipment after it, is another delivery.
                let chosen = date.as_ref().map(|d| d.span);
                let later: Vec<DateRef> = if kind == EventType::Arms && chosen.is_some() {
                    starting_in(inp.dates, s, |d| d.span)
                        .iter()
                        .filter(|d| {
                            d.value.is_some()
                                && chosen.is_some_and(|c| d.span.start >= c.end)
                                && d.span.end <= end
                                && then_before(fx.slice(
                                    d.span.start.saturating_sub(14).max(h.span.end),
                                    d.span.start,
                                ))
                                && triggers.iter().any(|o| {
                                    o.span.start >= d.span.end
                                        && o.span.start - d.span.end < 60
                                        && g.trigger_of(o).is_some_and(|x| x.frame == "object")
                                })
                        })
                        .cloned()
                        .collect()
                } else {
                    Vec::new()
                };
                let event = RawEvent {
                    kind,
                    from,
                    to,
                    directed,
                    date,
                    place,
                    status,
                    people,
                    trigger: h.span,
                    sentence: s,
                    guessed,
                };
                for d in later {
                    out.push(RawEvent {
                        date: Some(d),
                        ..event.clone()
                    });
                }
                out.push(event);
            }
        }
        if !inherited {
            if let Some(a) = actors
                .iter()
                .find(|a| matches!(a.prep, Prep::None | Prep::With))
                .or(actors.first())
            {
                topic
                    .candidates
                    .push((Span::new(s.start, a.span.start), a.country));
            }
            prev_actors = own;
            prev_date = nearest_date(inp.dates, s, Span::new(s.start, s.start));
            // The last three states named together (« du Mali, du Burkina Faso et du Niger »).
            let mut trio = [u16::MAX; 3];
            let mut n = 0;
            for a in own.iter().filter(|a| !a.located && a.prep != Prep::Source) {
                if n < 3 && !trio[..n].contains(&a.country) {
                    trio[n] = a.country;
                    n += 1;
                }
            }
            if n == 3 {
                last_trio = Some(trio);
            }
        }
    }
    // « a signé un contrat pour l'achat de 30 Rafale »: an arms contract is the delivery, not
    // a separate agreement.
    let arms: Vec<(Span, u16, u16)> = out
        .iter()
        .filter(|e| e.kind == EventType::Arms)
        .map(|e| (e.sentence, e.from, e.to))
        .collect();
    out.retain(|e| {
        !(e.kind == EventType::Agreement
            && fx
                .slice(e.sentence.start, e.sentence.end)
                .contains("contrat")
            && arms.iter().any(|(s, a, b)| {
                *s == e.sentence && ((*a == e.from && *b == e.to) || (*a == e.to && *b == e.from))
            }))
    });
    // A headline (the first line, with no full stop, or the title's own line among the
    // first ones) has no tense to tell a status by.
    let no_stop = |h: &&Span| {
        !text
            .get(h.start..h.end)
            .unwrap_or("")
            .trim_end()
            .ends_with('.')
    };
    let titled = || {
        let title = inp.title?.trim();
        inp.sentences
            .iter()
            .take(4)
            .find(|h| !title.is_empty() && text.get(h.start..h.end).map(str::trim) == Some(title))
            .filter(no_stop)
    };
    let headline = titled()
        .or_else(|| inp.sentences.first().filter(|h| h.start == 0 && no_stop(h)))
        .copied();
    if let Some(h) = headline {
        settle_guessed_headline(&mut out, h);
    }
    merge_starting_in(out, headline)
}

/// A headline that names one state (« Le Maroc réceptionne ses premiers hélicoptères ») got
/// its other side from the article's main pair: the body's first report of the same type
/// with that state on the same side names the real one (« commandés aux États-Unis »).
fn settle_guessed_headline(events: &mut [RawEvent], headline: Span) {
    let split = events.partition_point(|e| e.sentence.start <= headline.start);
    let (head, body) = events.split_at_mut(split);
    for e in head.iter_mut().filter(|e| e.sentence == headline) {
        let Some(named) = e.guessed else { continue };
        let same_side = |b: &&RawEvent| {
            b.kind == e.kind
                && b.guessed.is_none()
                && (e.from == named && b.from == named || e.to == named && b.to == named)
        };
        if let Some(b) = body.iter().find(same_side) {
            (e.from, e.to, e.directed) = (b.from, b.to, b.directed);
            e.guessed = None;
        }
    }
}

/// Whether date `d` begins after the publication date `p`, compared at the finer precision
/// both have (`2024-03` begins after `2024-02-22`; `2024-02` does not). Only calendar values
/// (`YYYY`, `YYYY-MM`, `YYYY-MM-DD`, or a range of them) are compared.
fn starts_after(d: &DateRef, p: &DateRef) -> bool {
    let calendar = |v: &str| {
        matches!(v.len(), 4 | 7 | 10)
            && v.bytes().enumerate().all(|(i, b)| {
                if i == 4 || i == 7 {
                    b == b'-'
                } else {
                    b.is_ascii_digit()
                }
            })
    };
    let (Some(d), Some(p)) = (d.value.as_deref(), p.value.as_deref()) else {
        return false;
    };
    let d = d.split('/').next().unwrap_or("");
    if !calendar(d) || !calendar(p) {
        return false;
    }
    let n = d.len().min(p.len());
    d.get(..n) > p.get(..n)
}

/// The pair `from` → `to`, and one more for each state coordinated with `to` right after it
/// (« au Mali et au Burkina Faso », « des officiers du Burkina Faso et du Mali », « des
/// soldats somaliens et kényans »): joined by « et » or a comma, with nothing but
/// prepositions between, named the same way.
fn with_coordinated(
    fx: &SentenceFold,
    after: &[&Actor],
    from: u16,
    to: Actor,
) -> Vec<(u16, u16, bool)> {
    let mut out = vec![(from, to.country, true)];
    let mut prev = to;
    for a in after.iter().filter(|a| a.span.start >= to.span.end) {
        let gap = fx.slice(prev.span.end, a.span.start);
        if !(joins_list(gap, 12, PREPOSITIONS) && named_alike(&prev, a)) {
            break;
        }
        if a.country != from && !out.iter().any(|x| x.1 == a.country) {
            out.push((from, a.country, true));
        }
        prev = **a;
    }
    out
}

/// The words besides « et » that may stand between two states of a list: repeated
/// prepositions (« au Mali et au Burkina Faso »), folded, « d' » and « l' » without their
/// apostrophe.
const PREPOSITIONS: &[&str] = &["de", "du", "des", "d", "au", "aux", "a"];
/// The same with articles (« le Sénégal, la Gambie et la Mauritanie »).
const PREPOSITIONS_ARTICLES: &[&str] = &[
    "de", "du", "des", "d", "au", "aux", "a", "la", "le", "l", "les",
];

/// The words that may stand between two subjects of a list besides « et », « ou » and a
/// comma (« le Togo ou encore le Burkina Faso »).
const SUBJECT_LIST: &[&str] = &["la", "le", "l", "les", "encore", "ainsi", "que"];

/// Whether `gap`, the folded text between two subjects, only joins them in a list:
/// [`joins_list`] with [`SUBJECT_LIST`], « ou » joining as a comma does.
fn joins_subjects(gap: &str) -> bool {
    joins_list(gap, 20, SUBJECT_LIST)
        || gap.contains(" ou ") && joins_list(&gap.replace(" ou ", ", "), 20, SUBJECT_LIST)
}

/// Whether `gap`, the folded text between two states, only joins them in a list: « et » or
/// a comma, with nothing else but `also` words, in at most `max` bytes.
fn joins_list(gap: &str, max: usize, also: &[&str]) -> bool {
    let mut joined = gap.contains(',');
    let only_joins = gap
        .split(|c: char| c.is_whitespace() || c == ',' || c == '\'')
        .filter(|w| !w.is_empty())
        .all(|w| {
            joined |= w == "et";
            w == "et" || also.contains(&w)
        });
    gap.len() <= max && only_joins && joined
}

/// Whether two states of a list are named the same way: both by adjectives (« somaliens et
/// kényans ») or both by names or capitals.
fn named_alike(a: &Actor, b: &Actor) -> bool {
    (a.how == Some(How::Adjective)) == (b.how == Some(How::Adjective))
}

/// The states of the subject list that `first` opens, after it: joined to it by commas and
/// « et » (the last one's preposition is « et »: « Le Mali, le Tchad et le Niger ont
/// acheté »), named the same way, each a subject.
fn listed_after(fx: &SentenceFold, before: &[&Actor], first: &Actor) -> Vec<u16> {
    let mut out = Vec::new();
    let mut prev = first;
    for a in before.iter().filter(|a| a.span.start >= first.span.end) {
        if !joins_subjects(fx.slice(prev.span.end, a.span.start))
            || !named_alike(prev, a)
            || !matches!(a.prep, Prep::None | Prep::With)
        {
            break;
        }
        out.push(a.country);
        prev = a;
    }
    out
}

/// Where a relative clause that opens and closes before the trigger ends (« Washington,
/// qui a retiré ses troupes d'Irak fin 2011, a annoncé l'envoi »): the offset after its
/// closing comma.
fn closed_relative_before(text: &str, s: Span, trig: Span) -> Option<usize> {
    let head = text.get(s.start..trig.start)?;
    let open = head.find(", qui ")?;
    let close = head.get(open + 6..)?.find(", ")? + open + 6 + 2;
    Some(s.start + close)
}

/// Where a relative clause opens after the trigger (« , qui », « , dont », « , lequel »,
/// « prévoyant »), within 300 bytes of it.
fn relative_clause(text: &str, s: Span, trig: Span) -> Option<usize> {
    // (Within 300 bytes of the trigger: a long sentence is not read again per trigger.)
    let end = floor_boundary(text, (trig.end + 300).min(s.end));
    let rest = text.get(trig.end..end)?;
    // (« un mémorandum prévoyant le renforcement des patrouilles »: a participle too.)
    let at = find_any(
        rest,
        &[
            ", qui ",
            ", dont ",
            ", lequel ",
            ", laquelle ",
            " prévoyant ",
        ],
    )?;
    Some(trig.end + at)
}

/// Where a headline's topic label ends: « Burkina Faso : », « Niger-Russie : », « Hichilema
/// à Paris : » — a sentence that opens with nothing but names of states, capitals or
/// people (joined by « - », « / », « , », « et », or « à », « au », « en » after the first)
/// before a colon. Returns the colon's offset.
fn headline_label(text: &str, s: Span, own: &[Actor]) -> Option<usize> {
    let head = text.get(s.start..s.end.min(s.start + 80))?;
    let colon = s.start + head.find(':')?;
    let mut at = s.start;
    let mut any = false;
    for a in own.iter().filter(|a| a.span.end <= colon) {
        // (States by name, or a person and where: « Hichilema à Paris : … ».)
        if !matches!(a.how, Some(How::Name) | Some(How::Capital) | None) || a.span.start < at {
            return None;
        }
        let gap = text.get(at..a.span.start)?;
        if !gap
            .split(|c: char| c.is_whitespace() || matches!(c, '-' | '–' | '/' | ','))
            .all(|w| {
                w.is_empty() || w == "et" || at > s.start && matches!(w, "à" | "au" | "aux" | "en")
            })
        {
            return None;
        }
        at = a.span.end;
        any = true;
    }
    let rest = text.get(at..colon)?;
    (any && rest.trim().is_empty()).then_some(colon)
}

/// The state the text speaks of, for a sentence whose subject is a pronoun: the subject
/// of the last sentence whose subject is not one (« La France … Elle a signé … »).
#[derive(Default)]
struct Topic {
    /// Known as of the sentences before `candidates`.
    known: Option<u16>,
    /// The sentences read since, each with the text before its subject and its state: the
    /// text is searched for a pronoun only when the topic is asked for.
    candidates: Vec<(Span, u16)>,
}

impl Topic {
    fn get(&mut self, fx: &SentenceFold) -> Option<u16> {
        // The latest subject that no pronoun precedes (one that does keeps the topic it continues).
        if let Some(&(_, c)) = self
            .candidates
            .iter()
            .rev()
            .find(|(before, _)| !has_pronoun_before(fx.slice(before.start, before.end)))
        {
            self.known = Some(c);
        }
        self.candidates.clear();
        self.known
    }
}

/// `folded`: the folded words before the verb.
fn has_pronoun_before(folded: &str) -> bool {
    // Words are runs of letters, digits and hyphens. A pronoun starts the text or follows
    // a byte of another char (ASCII or not), and starts with « il », « el » or « ce »: only
    // the words that start so are cut out and compared.
    let is_pronoun = |i: usize| {
        matches!(
            word_at(folded, i, |c| c.is_alphanumeric() || c == '-'),
            "il" | "elle" | "ils" | "elles" | "celui-ci" | "celle-ci"
        )
    };
    let b = folded.as_bytes();
    let starts_like =
        |w: &[u8]| matches!(w, [b'i', b'l', ..] | [b'e', b'l', ..] | [b'c', b'e', ..]);
    starts_like(b) && is_pronoun(0)
        || b.windows(3).enumerate().any(|(k, w)| {
            !(w[0].is_ascii_alphanumeric() || w[0] == b'-')
                && starts_like(&w[1..])
                && is_pronoun(k + 1)
        })
}

/// « les achats d'armes russes conclus par Alger »: a purchase noun among the last five
/// words before an agreement's trigger (folded `before`), no comma after it: what was
/// concluded is the purchase.
fn purchase_just_before(before: &str) -> bool {
    before
        .rsplit(' ')
        .filter(|w| !w.is_empty())
        .take(5)
        .take_while(|w| !w.ends_with(','))
        .any(|w| {
            let w = w.rsplit('\'').next().unwrap_or(w);
            matches!(
                w,
                "achat" | "achats" | "acquisition" | "acquisitions" | "commande" | "commandes"
            )
        })
}

/// « Ils estiment à 7 milliards les achats d'armes russes conclus par Alger »: the pronoun
/// is the subject of a reporting verb (folded `head`, the sentence up to the trigger), whose
/// speakers report the event rather than take part in it.
fn pronoun_reports(head: &str) -> bool {
    let mut words = head.split([' ', '\'']).filter(|w| !w.is_empty());
    while let Some(w) = words.next() {
        if matches!(w, "il" | "elle" | "ils" | "elles") {
            return words.next().is_some_and(|v| REPORTING.contains(&v));
        }
    }
    false
}

/// The word of `s` that holds byte `i`: the longest run of chars for which `in_word` holds
/// (as `s.split(|c| !in_word(c))` cuts it), or "" when the char at `i` is not a word char.
fn word_at(s: &str, i: usize, in_word: impl Fn(char) -> bool) -> &str {
    let (Some(head), Some(tail)) = (s.get(..i), s.get(i..)) else {
        return "";
    };
    let start = head
        .char_indices()
        .rev()
        .take_while(|&(_, c)| in_word(c))
        .last()
        .map_or(i, |(p, _)| p);
    let end = tail
        .char_indices()
        .find(|&(_, c)| !in_word(c))
        .map_or(s.len(), |(p, _)| i + p);
    s.get(start..end).unwrap_or("")
}

fn dedup(v: Vec<u16>) -> Vec<u16> {
    let mut out = Vec::new();
    for x in v {
        if !out.contains(&x) {
            out.push(x);
        }
    }
    out
}

/// Nouns whose nationality adjective names where something happens (« en pleine crise
/// nigérienne », « le conflit soudanais »), no party to the cooperation told. Folded.
const SCENE_NOUNS: &[&str] = &["crise", "crises", "conflit", "conflits"];

/// Whether `c` is a nationality adjective right after one of [`HOSTILE_NOUNS`] (« l'invasion
/// russe ») or a few words after « contre » (« contre les drones russes »): the enemy, no
/// party to the cooperation told; or after one of [`SCENE_NOUNS`].
fn enemy_adjective(text: &str, c: &CountryRef) -> bool {
    if c.how != How::Adjective {
        return false;
    }
    let before = text.get(..c.span.start).unwrap_or("");
    let hostile_noun = before.split_whitespace().next_back().is_some_and(|w| {
        let noun = w.rsplit(['\'', '’']).next().unwrap_or(w);
        HOSTILE_NOUNS
            .iter()
            .chain(SCENE_NOUNS)
            .any(|h| noun.eq_ignore_ascii_case(h))
    });
    // (« une protection contre le brouillage électronique russe »: what is fought.)
    let against = before
        .split_whitespace()
        .rev()
        .take(4)
        .take_while(|w| !w.ends_with([',', ';', ':', '.']))
        .any(|w| w.eq_ignore_ascii_case("contre"));
    hostile_noun || against
}

/// The two most mentioned countries of the article.
fn main_pair(text: &str, countries: &[CountryRef]) -> Option<(u16, u16)> {
    let mut counts: Vec<(u16, usize, usize)> = Vec::new();
    // (The enemy of « l'invasion russe » is no party.)
    for (i, c) in countries
        .iter()
        .enumerate()
        .filter(|(_, c)| !enemy_adjective(text, c))
    {
        match counts.iter_mut().find(|x| x.0 == c.country) {
            Some(x) => x.1 += 1,
            None => counts.push((c.country, 1, i)),
        }
    }
    counts.sort_by_key(|x| (std::cmp::Reverse(x.1), x.2));
    match counts.as_slice() {
        [a, b, ..] => Some((a.0, b.0)),
        _ => None,
    }
}

/// Appends the states of sentence `s` to `v`, sorted by position.
/// « Dakar, le 12 mai 2024 - », « BAMAKO (AFP) - », « ALGER- »: the city a dispatch comes
/// from, at the start of its first sentence, is no party to what the dispatch tells.
/// Returns where the dateline ends (after its dash, agency or date).
fn dateline_end(inp: &Input, s: Span, city: Span) -> Option<usize> {
    let text = inp.text;
    if text
        .get(s.start..city.start)
        .is_none_or(|h| !h.trim().is_empty())
    {
        return None;
    }
    // The end of a dash at the start of `at..`, if one is there.
    let dash = |at: usize| {
        let r = text.get(at..s.end)?;
        let t = r.trim_start();
        let c = t.chars().next().filter(|c| matches!(c, '-' | '–' | '—'))?;
        Some(at + (r.len() - t.len()) + c.len_utf8())
    };
    let rest = text.get(city.end..s.end).unwrap_or("");
    // The city, then a dash, an agency in parentheses, or a date followed by a dash.
    let after_paren = |from: usize| {
        let r = text.get(from..s.end)?;
        let t = r.trim_start();
        let close = t.strip_prefix('(')?.find(')')?;
        Some(from + (r.len() - t.len()) + 1 + close + 1)
    };
    let agency = after_paren(city.end).and_then(|e| {
        dash(e).or(text
            .get(e..s.end)?
            .trim_start()
            .starts_with(',')
            .then_some(e))
    });
    let dated = || {
        let d = starting_in(inp.dates, s, |d| d.span)
            .iter()
            .find(|d| d.span.start >= city.end)?;
        (rest.starts_with(',') && d.span.start - city.end <= 8).then_some(())?;
        dash(d.span.end).or_else(|| after_paren(d.span.end).map(|e| dash(e).unwrap_or(e)))
    };
    dash(city.end).or(agency).or_else(dated)
}

/// Whether the state at `span` is the country a dateline gives its city (« PEMBA
/// (Mozambique), 24 sept (AFP) - »): in parentheses right after at most three words that
/// open the sentence, followed by a comma, a dash or the agency.
fn dateline_country(text: &str, s: Span, span: Span) -> bool {
    let Some(head) = text.get(s.start..span.start) else {
        return false;
    };
    let Some(city) = head.trim_start().strip_suffix('(') else {
        return false;
    };
    let after = text.get(span.end..s.end).unwrap_or("");
    city.chars().next().is_some_and(char::is_uppercase)
        && city.split_whitespace().count() <= 3
        && after
            .strip_prefix(')')
            .is_some_and(|a| a.trim_start().starts_with([',', '(', '-', '–', '—']))
}

fn actors_in(inp: &Input, mentions: &[(Span, u16)], s: Span, v: &mut Vec<Actor>) {
    let text = inp.text;
    let fx = &SentenceFold::new(inp.folded, s);
    let first = v.len();
    for c in starting_in(inp.countries, s, |c| c.span)
        .iter()
        .filter(|c| {
            s.contains(&c.span)
                && !(c.how == How::Capital && dateline_end(inp, s, c.span).is_some())
                && !(c.how == How::Name && dateline_country(text, s, c.span))
        })
    {
        // An adjective follows its noun: the preposition is the one before the noun
        // (« aux autorités nigériennes », « de l'armée malienne »).
        let head = if c.how == How::Adjective {
            noun_start(text, s, c.span.start)
        } else {
            c.span.start
        };
        // « l'invasion russe », « l'agression russe »: the enemy is no party to a
        // cooperation, it stands beside as a source does.
        let prep = if enemy_adjective(text, c)
            || (c.how != How::Adjective || reporter_noun(fx, s, c.span)) && reports(fx, s, c.span)
        {
            Prep::Source
        } else {
            prep_before(text, fx, s, Span::new(head, c.span.end))
        };
        v.push(Actor {
            country: c.country,
            span: c.span,
            prep,
            how: Some(c.how),
            // Read only for the sentences that hold a trigger (see `extract`).
            located: false,
        });
    }
    for (m, country) in starting_in(mentions, s, |x| x.0)
        .iter()
        .filter(|x| s.contains(&x.0))
    {
        if v.get(first..)
            .unwrap_or(&[])
            .iter()
            .any(|a| a.span.overlaps(m))
        {
            continue;
        }
        v.push(Actor {
            country: *country,
            span: *m,
            prep: prep_before(text, fx, s, *m),
            how: None,
            located: false,
        });
    }
    if let Some(own) = v.get_mut(first..) {
        own.sort_by_key(|a| a.span.start);
        // « Séoul, Washington et Kiev accusent Pyongyang »: the states listed before the
        // subject of a reporting verb report with it.
        for k in (1..own.len()).rev() {
            let (prev, this) = (own[k - 1], own[k]);
            if this.prep == Prep::Source
                && prev.prep == Prep::None
                && prev.how != Some(How::Adjective)
                && this.how != Some(How::Adjective)
                && joins_list(fx.slice(prev.span.end, this.span.start), 12, &[])
            {
                own[k - 1].prep = Prep::Source;
            }
        }
        // A source or a mediator named in a list stays one for the whole list (« la
        // colère de la Grèce, de Chypre et de l'Égypte », « selon Paris et Berlin »).
        for k in 1..own.len() {
            let (prev, this) = (own[k - 1], own[k]);
            // Only what joins a list: « et », or a comma with the preposition repeated
            // (« , de Chypre »); « Selon le gouvernement malien, la Turquie » is no list.
            let gap = fx.slice(prev.span.end, this.span.start);
            let mut words = gap
                .split(|c: char| c.is_whitespace() || c == ',')
                .filter(|w| !w.is_empty());
            let joined = words
                .clone()
                .any(|w| matches!(w, "et" | "de" | "du" | "des" | "d'"))
                && words.all(|w| {
                    matches!(
                        w,
                        "et" | "de" | "du" | "des" | "d'" | "la" | "le" | "l'" | "les"
                    )
                });
            if prev.prep == Prep::Source
                && matches!(this.prep, Prep::From | Prep::With | Prep::None)
                && joined
            {
                own[k].prep = Prep::Source;
            }
        }
    }
}

/// Reporting verbs (folded) whose subject tells what others did: « Washington soutient
/// que des militaires iraniens ont été envoyés », « Kiev accuse Téhéran de livrer ».
/// Each is read after the state, its auxiliary and an adverb; all but the accusing ones
/// must be followed by « que ».
const REPORTING: &[&str] = &[
    "soutient",
    "soutiennent",
    "affirme",
    "affirment",
    "assure",
    "assurent",
    "estime",
    "estiment",
    "craint",
    "craignent",
    "redoute",
    "redoutent",
    "soupconne",
    "soupconnent",
    "affirmait",
    "assurait",
    "estimait",
    "soutenait",
];

/// Accusing verbs (folded): their object is the one who acts.
const ACCUSING: &[&str] = &["accuse", "accusent", "accusait", "accusaient"];

/// Whether the state at `span` is the subject of a reporting verb ([`REPORTING`],
/// [`ACCUSING`]): a source of what the sentence tells, no party to it.
fn reports(fx: &SentenceFold, s: Span, span: Span) -> bool {
    let after = fx.slice(span.end, s.end.min(span.end + 60));
    let mut words = after
        .split([' ', ','])
        .filter(|w| !w.is_empty())
        .skip_while(|w| matches!(*w, "a" | "ont" | "avait" | "avaient"))
        .skip_while(|w| {
            matches!(
                *w,
                "par"
                    | "ailleurs"
                    | "aussi"
                    | "egalement"
                    | "de"
                    | "son"
                    | "cote"
                    | "pour"
                    | "sa"
                    | "part"
                    | "deja"
                    | "toujours"
                    | "en"
                    | "outre"
            )
        });
    let Some(verb) = words.next() else {
        return false;
    };
    if ACCUSING.contains(&verb) {
        return true;
    }
    REPORTING.contains(&verb)
        && words
            .find(|w| {
                !matches!(
                    *w,
                    "par" | "ailleurs" | "aussi" | "egalement" | "en" | "outre"
                )
            })
            .is_some_and(|w| w == "que" || w.starts_with("qu'"))
}

/// Whether the adjective at `span` qualifies people who report (« des responsables
/// américains affirment que … », « les services de renseignement sud-coréens »).
fn reporter_noun(fx: &SentenceFold, s: Span, span: Span) -> bool {
    let before = fx.slice(s.start.max(span.start.saturating_sub(40)), span.start);
    let noun = before
        .split([' ', '\''])
        .rfind(|w| !w.is_empty())
        .unwrap_or("");
    REPORTERS.contains(&noun)
}

/// Nouns (folded) of people and services who report what states do.
const REPORTERS: &[&str] = &[
    "responsables",
    "responsable",
    "officiels",
    "officiel",
    "sources",
    "source",
    "diplomates",
    "diplomate",
    "renseignement",
    "medias",
    "presse",
    "experts",
    "analystes",
    "observateurs",
    "enqueteurs",
];

/// Constructions where a trigger word reports no new event:
/// « La visite intervient alors que… » (the visit already told), « un entretien à la presse »
/// (an interview), « a demandé à rejoindre les BRICS » (joining an organization), « le
/// point de départ » (no departure).
fn not_an_event(fx: &SentenceFold, s: Span, trig: Span, kind: EventType) -> bool {
    let after = fx.slice(trig.end, s.end);
    let after = after.trim_start();
    match kind {
        // « avait-il déclaré dans un entretien »: an interview, not talks (a call « dans un
        // entretien téléphonique » still is).
        EventType::Meeting
            if fx.slice(trig.start, trig.end).starts_with("entretien")
                && !after.starts_with("telephonique")
                && {
                    let before = fx.slice(s.start, trig.start).trim_end();
                    // (« Entretien – « La Turquie est devenue… » », « Entretien avec X »: a
                    // headline's interview label.)
                    before.ends_with(" dans un")
                        || before.ends_with(" dans une")
                        || before.is_empty()
                            && (after.starts_with(['-', '–', '—', ':', '«', '|'])
                                || after.starts_with("avec "))
                } =>
        {
            true
        }
        // « la Serbie s'est tournée vers Pékin », « pour se tourner vers des sous-marins »:
        // a turn, not a tour. (The folded text writes every apostrophe « ' ».)
        EventType::Meeting
            if fx.slice(trig.start, trig.end).starts_with("tourne") && {
                let before = fx.slice(s.start, trig.start).trim_end();
                [" se", " s'est", " s'etait", " s'etaient", " sont", " etre"]
                    .iter()
                    .any(|r| before.ends_with(r))
            } =>
        {
            true
        }
        EventType::Meeting => {
            // « a reçu le soutien de Moscou »: something received, not a visitor.
            [
                "le soutien",
                "un soutien",
                "l'appui",
                "le feu vert",
                "l'aval",
                "l'aide",
                "une aide",
                "le renfort",
                "l'assurance",
                "des assurances",
                "des armes",
                "des equipements",
                "une lettre",
                "un message",
                "des garanties",
            ]
            .iter()
            .any(|p| after.starts_with(p))
                || after.starts_with("intervient")
                || after.starts_with("interviennent")
                || [
                    "a la presse",
                    "au journal",
                    "a la television",
                    "a la radio",
                    "a la chaine",
                    "au quotidien",
                    "a l'hebdomadaire",
                    "accorde a",
                    "a un media",
                    "aux medias",
                ]
                .iter()
                .any(|p| after.starts_with(p))
        }
        // « point de départ », « au départ » (at first), « dès le départ »: no one leaves;
        // « le coup d'envoi » (the start of something): no one is sent.
        EventType::Deployment => {
            let word = fx.slice(trig.start, trig.end);
            let before = fx.slice(s.start, trig.start).trim_end();
            word.starts_with("depart")
                && ["point de", "au", "des le", "depuis le"]
                    .iter()
                    .any(|p| before.ends_with(p))
                || word.starts_with("envoi") && before.ends_with("coup d'")
        }
        // « des avions d'entraînement », « un simulateur de formation », « un terrain
        // d'entraînement »: equipment or grounds, not someone trained.
        // « avec lesquels il a formé l'Alliance des États du Sahel », « former un
        // gouvernement »: a body formed, not people trained.
        EventType::Training
            if fx.slice(trig.start, trig.end).starts_with("form")
                && after
                    .split([' ', '\''])
                    .filter(|w| !w.is_empty())
                    .take(2)
                    .any(|w| FORMED_BODIES.contains(&w.trim_end_matches([',', '.']))) =>
        {
            true
        }
        EventType::Training => {
            let before = fx.slice(s.start, trig.start).trim_end();
            let before = before
                .strip_suffix("d'")
                .or_else(|| before.strip_suffix(" de"))
                .map(str::trim_end);
            before.is_some_and(|b| {
                TRAINING_EQUIPMENT
                    .iter()
                    .any(|w| b.ends_with(w) && b[..b.len() - w.len()].ends_with([' ', '\'']))
            })
        }
        EventType::Request => [
            "a rejoindre",
            "a adherer",
            "l'adhesion",
            "son adhesion",
            "a integrer",
        ]
        .iter()
        .any(|p| after.get(..40).unwrap_or(after).contains(p)),
        _ => false,
    }
}

/// Bodies one forms (folded): « former » before one of them (its article between) is no
/// training.
const FORMED_BODIES: &[&str] = &[
    "alliance",
    "alliances",
    "coalition",
    "coalitions",
    "gouvernement",
    "gouvernements",
    "bloc",
    "blocs",
    "front",
    "union",
    "confederation",
    "federation",
    "axe",
    "cabinet",
    "parti",
    "partis",
    "comite",
    "groupement",
];

/// « se sont entendus dimanche sur un retrait », « un accord sur le départ des troupes »: an
/// agreement whose object is an end (folded words right after the trigger, a date or a
/// few words between).
fn agrees_on_an_end(fx: &SentenceFold, trig: Span) -> bool {
    let after = fx.slice(trig.end, fx.s.end);
    let head = after.get(..after.len().min(40)).unwrap_or(after);
    [
        "sur un retrait",
        "sur le retrait",
        "sur leur retrait",
        "sur le depart",
        "sur un depart",
        "sur la fin",
    ]
    .iter()
    .any(|w| head.contains(w))
}

/// « L'accord prévoit la livraison… »: a sentence that opens on the agreement and tells what
/// it holds, read after an agreement was reported, reports no new one (« Révisé en 2019,
/// l'accord encadrait… » does: the revision).
fn describes_agreement(fx: &SentenceFold, s: Span, trig: Span) -> bool {
    matches!(
        fx.slice(s.start, trig.start).trim(),
        "l'" | "cet" | "ce" | "le"
    ) && {
        let after = fx.slice(trig.end, s.end).trim_start();
        DESCRIBING_VERBS.contains(&after.split(' ').next().unwrap_or(""))
    }
}

/// Whether the trigger at `trig` lies in what an agreement named by the sentence's subject
/// covers: « Ce document encadre les échanges … et la formation », « L'accord prévoit la
/// livraison de … ».
fn in_agreement_scope(fx: &SentenceFold, s: Span, trig: Span) -> bool {
    let head = fx.slice(s.start, trig.start);
    let mut words = head.split([' ', '\'']).filter(|w| !w.is_empty());
    let (Some(det), Some(noun), Some(verb)) = (words.next(), words.next(), words.next()) else {
        return false;
    };
    matches!(det, "ce" | "cet" | "cette" | "l" | "le" | "la")
        && AGREEMENT_NOUNS.contains(&noun)
        && DESCRIBING_VERBS.contains(&verb)
}

/// Nouns (folded) that name an agreement as a sentence's subject.
const AGREEMENT_NOUNS: &[&str] = &[
    "accord",
    "accord-cadre",
    "document",
    "texte",
    "memorandum",
    "traite",
    "protocole",
    "pacte",
    "contrat",
    "programme",
    "programme-cadre",
    "partenariat",
];

/// Verbs (folded) that describe an agreement's content rather than report an act.
const DESCRIBING_VERBS: &[&str] = &[
    "prevoit",
    "prevoyait",
    "prevoira",
    "porte",
    "portait",
    "encadre",
    "encadrait",
    "comprend",
    "comprenait",
    "inclut",
    "incluait",
    "vise",
    "visait",
    "stipule",
    "stipulait",
    "concerne",
    "concernait",
    "couvre",
    "couvrait",
    "autorise",
    "autorisait",
    "permet",
    "permettait",
    "permettra",
];

/// Aircraft, devices and grounds that « d'entraînement » or « de formation » qualifies.
const TRAINING_EQUIPMENT: &[&str] = &[
    "avion",
    "avions",
    "appareil",
    "appareils",
    "helicoptere",
    "helicopteres",
    "aeronef",
    "aeronefs",
    "jet",
    "jets",
    "simulateur",
    "simulateurs",
    "munitions",
    "navire",
    "navires",
    "batiment",
    "batiments",
    // Grounds: « un terrain d'entraînement ». (Not « centre » nor « camp »: a training
    // centre a state runs abroad is a training of its hosts.)
    "terrain",
    "terrains",
    "polygone",
    "polygones",
    "champ",
    "champs",
];

/// Whether the bare « exercice(s) » at `trig` is a drill: a capitalised name or a
/// quotation follows it (« l'exercice Flintlock », « l'exercice « Bouclier 2024 » »), or
/// one of its next few words says so (« leur premier exercice aérien conjoint, baptisé… »).
fn named_exercise(text: &str, fx: &SentenceFold, s: Span, trig: Span) -> bool {
    let rest = text.get(trig.end..s.end).unwrap_or("").trim_start();
    if rest.starts_with(['«', '"', '“']) || rest.chars().next().is_some_and(char::is_uppercase) {
        return true;
    }
    let end = floor_boundary(text, (trig.end + 60).min(s.end));
    // (« un exercice avec leurs homologues russes »: partners right after the noun.)
    fx.slice(trig.end, end)
        .split([' ', ','])
        .filter(|w| !w.is_empty())
        .take(4)
        .enumerate()
        .any(|(i, w)| i == 0 && w == "avec" || DRILL_WORDS.contains(&w))
}

/// Words (folded) that make a bare « exercice » a military drill.
const DRILL_WORDS: &[&str] = &[
    "conjoint",
    "conjoints",
    "commun",
    "communs",
    "militaire",
    "militaires",
    "naval",
    "navals",
    "aerien",
    "aeriens",
    "terrestre",
    "terrestres",
    "amphibie",
    "amphibies",
    "aeronaval",
    "aeronavals",
    "multinational",
    "multinationaux",
    "bilateral",
    "bilateraux",
    "combine",
    "combines",
    "tactique",
    "tactiques",
    "antiterroriste",
    "antiterroristes",
    "aeroporte",
    "aeroportes",
    "d'entrainement",
    "baptise",
    "denomme",
    "intitule",
    "nomme",
];

/// True when the state at `span` only says where something is (« les forces françaises
/// stationnées à Djibouti », « basées au Niger »).
fn located(fx: &SentenceFold, s: Span, span: Span) -> bool {
    let before = fx.slice(s.start.max(span.start.saturating_sub(30)), span.start);
    let before = before.trim_end();
    // Every phrase below ends with « a », « au » or « en ».
    if !(before.ends_with('a') || before.ends_with("au") || before.ends_with("en")) {
        return false;
    }
    [
        "stationnees a",
        "stationnes a",
        "stationnee a",
        "stationne a",
        "basees a",
        "bases a",
        "basee a",
        "base a",
        "stationnees au",
        "stationnes au",
        "basees au",
        "bases au",
        "stationnees en",
        "stationnes en",
        "basees en",
        "bases en",
    ]
    .iter()
    .any(|p| before.ends_with(p))
}

/// A troop noun used as a noun (« des soldats », « 300 instructeurs », « sa base »),
/// not as an adjective (« des autorités militaires »).
fn troop_noun(fx: &SentenceFold, s: Span, trig: Span) -> bool {
    let before = fx.slice(s.start, trig.start);
    // Skip pre-nominal adjectives (« un vaste camp », « son plus grand camp »).
    const PRE: &[&str] = &[
        "vaste",
        "grand",
        "grande",
        "grands",
        "grandes",
        "plus",
        "petit",
        "petite",
        "gros",
        "grosse",
        "important",
        "importante",
        "large",
        "seul",
        "seule",
        "principal",
        "principale",
        "premier",
        "premiere",
        "nouveau",
        "nouvelle",
        "ancien",
        "ancienne",
        "veritable",
        "immense",
        "modeste",
    ];
    // The last word before the noun, over at most three of those adjectives.
    let mut words = before
        .rsplit(|c: char| c.is_whitespace())
        .filter(|w| !w.is_empty());
    let mut skipped = 0;
    let last = words.find(|w| {
        let adjective = skipped < 3 && PRE.contains(w);
        skipped += usize::from(adjective);
        !adjective
    });
    let last = last
        .unwrap_or("")
        .trim_matches(|c: char| !c.is_alphanumeric() && c != '\'');
    last.chars()
        .all(|c| c.is_ascii_digit() || c == '.' || c == ' ')
        || matches!(
            last,
            "des"
                | "les"
                | "de"
                | "d'"
                | "ses"
                | "leurs"
                | "plusieurs"
                | "quelque"
                | "environ"
                | "aux"
                | "la"
                | "une"
                | "sa"
                | "milliers"
                | "centaines"
                | "dizaines"
                | "nos"
                | "premiers"
                | "premieres"
                | "derniers"
                | "seule"
                | "principale"
                | "premiere"
                | "nouvelle"
                | "nouveaux"
                | "nouvelles"
                | "leur"
                | "son"
                | "ces"
                | "cette"
                | "nombreux"
                | "un"
                | "d'une"
                | "d'un"
        )
}

/// « son plus grand camp », « sa première base », « ses troupes »: a possessive before the
/// noun (over at most three adjectives).
fn possessive_before(fx: &SentenceFold, trig: Span) -> bool {
    word_before(fx, trig, 4, &["son", "sa", "ses", "leur", "leurs"])
}

/// « La Turquie, qui a ouvert en septembre un vaste camp d'entraînement à Mogadiscio », « la
/// France, qui dispose d'une base à Dakar »: a verb of setting up or of holding among the few
/// words before the noun makes the subject its state.
fn opened_before(fx: &SentenceFold, trig: Span) -> bool {
    const SET_UP: &[&str] = &[
        "ouvert",
        "installe",
        "construit",
        "etabli",
        "implante",
        "inaugure",
        "ouvrira",
        // Held: « la France, qui dispose d'une base à Dakar ».
        "dispose",
        "disposent",
        "disposait",
        "disposaient",
        "possede",
        "possedent",
        "possedait",
        "maintient",
        "maintiennent",
    ];
    word_before(fx, trig, 6, SET_UP)
}

/// « la formation d'officiers sénégalais … »: the first state after a training trigger is
/// an adjective within three words of it, the trainees' nationality.
fn trainees_named(after: &[&Actor], trig: Span) -> bool {
    after.first().is_some_and(|a| {
        a.how == Some(How::Adjective) && a.span.start >= trig.end && a.span.start - trig.end < 30
    })
}

/// « a entamé mardi une visite de deux jours en Égypte, où il doit s'entretenir … »: a
/// visit begun or made is under way or done, whatever is planned later in the sentence.
fn under_way_before(fx: &SentenceFold, trig: Span) -> bool {
    const BEGUN: &[&str] = &[
        "entame",
        "entamee",
        "effectue",
        "effectuee",
        "acheve",
        "achevee",
        "termine",
        "terminee",
        "debute",
        "debutee",
        "commence",
        "commencee",
        "poursuit",
        "poursuivi",
    ];
    word_before(fx, trig, 7, BEGUN)
}

/// « où il s'était entretenu avec le président X, M. Y doit se rendre … »: a trigger in a
/// compound past tense (the auxiliary right before it, an adverb or « été » between) was
/// done, whatever the rest of the sentence plans.
fn compound_past_before(fx: &SentenceFold, trig: Span) -> bool {
    const AUX: &[&str] = &[
        "a",
        "ont",
        "avait",
        "avaient",
        "s'est",
        "se",
        "s'etait",
        "s'etaient",
        "etait",
        "etaient",
    ];
    // (An infinitive is no participle: « s'est engagée à former » folds « à » to « a ».)
    let word = fx.slice(trig.start, trig.end);
    if word.ends_with("er") || word.ends_with("ir") || word.ends_with("re") {
        return false;
    }
    let before = fx.slice(trig.start.saturating_sub(40), trig.start);
    let mut words = before.split_whitespace().rev();
    let (Some(last), second, third) = (words.next(), words.next(), words.next()) else {
        return false;
    };
    let aux = |w: Option<&str>| w.is_some_and(|w| AUX.contains(&w));
    let adverb = |w: &str| {
        w.ends_with("ment") || ["deja", "aussi", "egalement", "enfin", "alors"].contains(&w)
    };
    let have = |w: Option<&str>| w.is_some_and(|w| HAVE.contains(&w));
    // (« se sont entretenus »: « sont » after « se » only.)
    let se_sont = last == "sont" && second == Some("se");
    // (« ont été signés », « avaient alors été signés ».)
    let between = last == "ete" && (have(second) || second.is_some_and(adverb) && have(third))
        || adverb(last) && aux(second);
    se_sont || (aux(Some(last)) && last != "se") || between
}

/// « ont signé lundi un accord qui doit guider…, lors de la visite du secrétaire américain »:
/// a visit or talk the sentence places at the time of an act told in the compound past is
/// done, when nothing after it plans it.
fn during_past_act(text: &str, fx: &SentenceFold, trig: Span) -> bool {
    const DURING: &[&str] = &["lors", "marge", "occasion"];
    let s = fx.s;
    let after = fx.slice(trig.end, s.end);
    // (The original text: folded, « à » would read as the auxiliary « a ».)
    let before = text.get(s.start..trig.start).unwrap_or("");
    word_before(fx, trig, 4, DURING)
        && contains_any(
            before,
            &[" a ", " ont ", " avait ", " avaient ", " s'est ", " s’est "],
        )
        && CUES.mask_parts(&[" ", after, " "]) & C_PLANNED == 0
        && !has_future_verb(after)
}

/// « ont évoqué la livraison », « les discussions ont porté sur la formation »: the trigger
/// is what talks were about.
fn talked_about(fx: &SentenceFold, trig: Span) -> bool {
    const TALKED: &[&str] = &[
        "evoque", "evoquer", "discute", "discuter", "aborde", "aborder", "examine", "examiner",
    ];
    word_before(fx, trig, 3, TALKED) || {
        let before = fx.slice(trig.start.saturating_sub(40).max(fx.s.start), trig.start);
        let mut words = before.split_whitespace().rev().skip(1);
        words.next() == Some("sur") && words.next().is_some_and(|w| w.starts_with("port"))
    }
}

/// One of `words` (folded) among the last `n` words before `trig`, within 60 bytes.
fn word_before(fx: &SentenceFold, trig: Span, n: usize, words: &[&str]) -> bool {
    fx.slice(trig.start.saturating_sub(60), trig.start)
        .split_whitespace()
        .rev()
        .take(n)
        .any(|w| words.contains(&w))
}

/// « Djibouti accueille … la base française »: a hosting verb between the subject and the noun.
fn hosts_verb(fx: &SentenceFold, from: usize, to: usize) -> bool {
    let between = fx.slice(from, to);
    contains_any(between, &["accueill", "abrite", "heberge"])
}

/// Start of the noun an adjective at `adj` follows (one word back), inside sentence `s`.
fn noun_start(text: &str, s: Span, adj: usize) -> usize {
    let before = &text[s.start..adj];
    let trimmed = before.trim_end();
    match trimmed
        .char_indices()
        .rev()
        .find(|&(_, c)| c.is_whitespace() || c == '\'' || c == '’')
    {
        Some((p, c)) => s.start + p + c.len_utf8(),
        None => s.start,
    }
}

fn prep_before(text: &str, fx: &SentenceFold, s: Span, span: Span) -> Prep {
    // Only the last words matter: fold a short window, not the whole sentence.
    let from = ceil_boundary(text, span.start.saturating_sub(60).max(s.start));
    let before = fx.slice(from, span.start);
    // « conclus sous l'égide des États-Unis », « la colère de la Grèce »: a mediator or a
    // state reacting stands beside the parties, as a source does ([`NOT_PARTIES`]).
    let bare = before.trim_end();
    let bare = ["de la", "de l'", "des", "du", "de", "d'"]
        .iter()
        .find_map(|d| bare.strip_suffix(d))
        .unwrap_or("")
        .trim_end();
    if NOT_PARTIES.iter().any(|m| bare.ends_with(m)) {
        return Prep::Source;
    }
    // « dans l'est de la RDC », « au nord du Mali », « au nord-est du Nigeria »: a region of
    // the state, a place where.
    if bare.len() < before.trim_end().len() {
        let (lw, pw) = last_two_words(bare);
        if matches!(
            lw,
            "l'est" | "l'ouest" | "nord" | "sud" | "centre" | "est" | "ouest"
        ) && matches!(pw, "le" | "au" | "dans" | "a" | "nord" | "sud" | "vers")
        {
            return Prep::To;
        }
        // « des troupes au secours de Maputo », « au profit de l'armée »: the one helped.
        if [" au secours", " au profit", " en faveur"]
            .iter()
            .any(|w| bare.ends_with(w))
        {
            return Prep::To;
        }
        // « ont fait escale au port de Djibouti », « arrivé à l'aéroport de Bamako »: where.
        if [
            " au port",
            " dans le port",
            " a l'aeroport",
            " a la base",
            " sur la base",
        ]
        .iter()
        .any(|w| bare.ends_with(w))
        {
            return Prep::To;
        }
    }
    let (last, prev) = last_two_words(before);
    let art = matches!(last, "la" | "le" | "les" | "l'");
    let w = if art || last.ends_with('\'') && last.len() <= 2 {
        prev
    } else {
        last
    };
    // « par des instructeurs français », « à des unités maliennes »
    let w = if matches!(last, "des" | "du" | "un" | "une")
        && matches!(prev, "par" | "a" | "aux" | "pour" | "avec")
    {
        prev
    } else {
        w
    };
    // « misent aussi sur la Russie », « compte sur Paris »: a state relied on is no
    // destination.
    if w == "sur" && relies_on(before) {
        return Prep::Source;
    }
    // Adjectives follow a noun: « l'armée malienne » — the word before is the noun.
    match w {
        "a" | "au" | "aux" | "en" | "vers" | "dans" | "pour" | "sur" => Prep::To,
        "de" | "du" | "des" | "d'" | "aupres" => Prep::From,
        "par" => Prep::By,
        "avec" | "et" | "entre" => Prep::With,
        // (« livré des armes aux FSR via le Tchad »: a transit state is no party.)
        "selon" | "d'apres" | "via" => Prep::Source,
        _ => {
            if before.trim_end().ends_with("d'")
                || before.trim_end().ends_with("l'") && prev == "de"
            {
                Prep::From
            } else if before.trim_end().ends_with("a l'") {
                Prep::To
            } else {
                Prep::None
            }
        }
    }
}

/// Whether folded `before`, which ends on « sur » and maybe an article, has a verb of
/// reliance in its last four words (« misent aussi sur », « compte sur », « s'appuie sur »).
fn relies_on(before: &str) -> bool {
    const RELY: &[&str] = &[
        "mise",
        "misent",
        "miser",
        "misait",
        "misaient",
        "compte",
        "comptent",
        "compter",
        "comptait",
        "comptaient",
        "appuie",
        "appuient",
        "appuyer",
        "appuyait",
        "table",
        "tablent",
        "parie",
        "parient",
    ];
    before
        .rsplit(|c: char| !(c.is_alphanumeric() || c == '\''))
        .filter(|w| !w.is_empty())
        .take(4)
        .any(|w| RELY.contains(&w.trim_start_matches("s'")))
}

/// The last two words of `s` (runs of alphanumeric chars and apostrophes), last first, ""
/// for a missing one: what `s.rsplit(not a word char)` gives first, skipping empty pieces.
fn last_two_words(s: &str) -> (&str, &str) {
    let in_word = |c: char| c.is_alphanumeric() || c == '\'';
    let mut end = s.len();
    let mut words = ["", ""];
    for slot in &mut words {
        let head = s.get(..end).unwrap_or("").trim_end_matches(|c| !in_word(c));
        let len: usize = head
            .chars()
            .rev()
            .take_while(|&c| in_word(c))
            .map(char::len_utf8)
            .sum();
        let start = head.len() - len;
        *slot = head.get(start..).unwrap_or("");
        end = start;
    }
    (words[0], words[1])
}

/// Where the trigger's clause ends, for frames whose second actor must be in it
/// (« La Turquie fournit des drones, et y fait venir des combattants syriens »).
fn clause_end(frame: &str, text: &str, trig: Span, sentence_end: usize) -> usize {
    if !matches!(frame, "give" | "train" | "receive" | "request") {
        return usize::MAX;
    }
    let rest = text.get(trig.end..sentence_end.max(trig.end)).unwrap_or("");
    CLAUSE_ENDS
        .as_ref()
        .and_then(|ac| ac.find(rest))
        .map_or(usize::MAX, |m| trig.end + m.start())
}

/// Where the clause the state at `a` opens as its subject starts (the comma before it),
/// looking back no further than `from`: « la Grèce en a commandé 18 en janvier, l'Égypte a
/// signé pour 30 appareils, et la Croatie a acquis… » (Egypt sold Greece nothing, nor signed
/// with Croatia). Only a determiner, maybe after « et », stands between the comma and the
/// state, and its verb follows it: an auxiliary, a modal or one of the commonest verbs of a
/// report ([`opens_with_verb`]); for a state after the trigger (`after_trigger`), also a
/// reaction ([`reacts`]: « …, Chisinau s'inquiète »). (« Le Mali, le Niger et le Burkina ont
/// signé » is one subject: « le Niger et le » is no determiner.)
fn opens_clause(text: &str, from: usize, a: Span, after_trigger: bool) -> Option<usize> {
    let gap = text.get(from..a.start)?;
    let comma = gap.rfind(',')?;
    let lead = gap.get(comma + 1..)?.trim();
    let lead = lead.strip_prefix("et ").unwrap_or(lead).trim_start();
    if !matches!(lead, "" | "l'" | "l’" | "le" | "la" | "les") {
        return None;
    }
    // (A clitic may come first: « l'Égypte en a commandé 30 ».)
    let mut words = text.get(a.end..)?.split_whitespace();
    let mut next = words.next()?;
    if matches!(next, "en" | "y" | "lui" | "leur") {
        next = words.next()?;
    }
    (opens_with_verb(next) || after_trigger && reacts(next)).then_some(from + comma)
}

/// Whether `w` is one of the verbs a state opening its own clause is read with: an
/// auxiliary, a modal or one of the commonest verbs of a report.
fn opens_with_verb(w: &str) -> bool {
    matches!(
        w,
        "a" | "ont"
            | "avait"
            | "avaient"
            | "aura"
            | "auront"
            | "va"
            | "vont"
            | "doit"
            | "doivent"
            | "devrait"
            | "devraient"
            | "est"
            | "sont"
            | "signe"
            | "achète"
            | "commande"
            | "acquiert"
            | "reçoit"
            | "livre"
            | "fournit"
    )
}

/// Whether `w` is a reaction a headline or a report gives a second state after a comma:
/// a pronominal verb (« Chisinau s'inquiète des visées russes ») or a verb of reaction
/// (« Moscou dénonce »).
fn reacts(w: &str) -> bool {
    w.starts_with("s'")
        || w.starts_with("s’")
        || matches!(
            w,
            "se" | "dénonce"
                | "accuse"
                | "proteste"
                | "condamne"
                | "salue"
                | "réagit"
                | "menace"
                | "exige"
                | "refuse"
                | "redoute"
                | "craint"
                | "surveille"
                | "riposte"
                | "dément"
        )
}

/// Where the clause of trigger `trig` starts when its subject opens it after a comma (see
/// [`opens_clause`]): the states before are another clause's. Else `from`, the sentence's
/// start.
fn clause_floor(text: &str, from: usize, actors: &[Actor], trig: Span) -> usize {
    actors
        .iter()
        .rev()
        .filter(|a| a.span.end <= trig.start && matches!(a.prep, Prep::None | Prep::With))
        .find_map(|a| opens_clause(text, from, a.span, false))
        .unwrap_or(from)
}

/// What ends a clause, in one automaton: its leftmost match is the first of them.
static CLAUSE_ENDS: std::sync::LazyLock<Option<aho_corasick::AhoCorasick>> =
    std::sync::LazyLock::new(|| {
        aho_corasick::AhoCorasick::builder()
            .match_kind(aho_corasick::MatchKind::LeftmostFirst)
            .build([
                ", et ",
                "; ",
                " mais ",
                " tandis que ",
                " alors que ",
                ", qui ",
                " selon ",
            ])
            .ok()
    });

/// Picks (from, to, directed) pairs for one trigger.
/// `clause_end`: see [`clause_end`].
fn frame_actors(
    frame: &str,
    actors: &[Actor],
    trig: Span,
    text: &str,
    fx: &SentenceFold,
    clause_end: usize,
    troops_named: bool,
) -> Vec<(u16, u16, bool)> {
    // The states before the trigger, then those after it in its clause: one list, two slices.
    let mut sides: Vec<&Actor> = Vec::with_capacity(actors.len());
    // (A subject that opens its own clause before the trigger, « …, l'Égypte a signé », leaves
    // out the states of the clauses before it; one after the trigger is not in its clause.)
    let floor = clause_floor(text, fx.s.start, actors, trig);
    sides.extend(
        actors.iter().filter(|a| {
            a.span.end <= trig.start && a.span.start >= floor && a.prep != Prep::Source
        }),
    );
    let n_before = sides.len();
    // (Only when the trigger has a subject of its own: « Après avoir dénoncé l'accord …,
    // Ouagadougou a obtenu » shares it.)
    let has_subject = sides.iter().any(|a| a.prep == Prep::None);
    // (A state after the trigger that opens a clause of its own ends the trigger's: « La
    // Moldavie et la France signent un accord, Chisinau s'inquiète des visées russes ».)
    let ceiling = if has_subject {
        actors
            .iter()
            .filter(|a| {
                a.span.start >= trig.end
                    && a.span.start < clause_end
                    && matches!(a.prep, Prep::None | Prep::With)
            })
            .find(|a| opens_clause(text, trig.end, a.span, true).is_some())
            .map_or(clause_end, |a| a.span.start)
    } else {
        clause_end
    };
    sides.extend(
        actors.iter().filter(|a| {
            a.span.start >= trig.end && a.span.start < ceiling && a.prep != Prep::Source
        }),
    );
    let (before, after) = sides.split_at(n_before);
    // (« Venu de Djibouti, où il s'était entretenu avec le président X, M. Y doit se rendre
    // au Kenya »: the states of a relative clause closed before the trigger are not its
    // subject's.)
    let in_closed_relative = |a: &Actor| {
        let rest = fx.slice(a.span.end, trig.start);
        let head = fx.slice(
            a.span.start.saturating_sub(200).max(fx.s.start),
            a.span.start,
        );
        let opened = [", ou ", ", qui ", ", dont ", " et ou ", " et qui "]
            .iter()
            .filter_map(|m| head.rfind(m))
            .max();
        opened.is_some_and(|o| !head.get(o + 2..).unwrap_or("").contains(','))
            && rest.contains(", ")
    };
    // A state right before the verb, with nothing but auxiliaries and clitics between
    // (« Après le Mali et le Niger, d'où elle a été poussée, la France a quitté le Tchad »),
    // is its subject; with the states listed before it (« La Russie et la Chine ont livré »).
    let adjacent = before.last().filter(|a| {
        matches!(a.how, Some(How::Name | How::Capital)) && {
            let gap = fx.slice(a.span.end, trig.start);
            matches!(a.prep, Prep::None | Prep::With) && only_auxiliaries(gap)
                || relative_subject(gap)
        }
    });
    let adjacent = adjacent.map(|a| {
        let mut first = *a;
        for b in before.iter().rev().skip(1) {
            if !matches!(b.prep, Prep::None | Prep::With)
                || !joins_subjects(fx.slice(b.span.end, first.span.start))
                || !named_alike(b, first)
            {
                break;
            }
            first = *b;
        }
        first
    });
    let subject = adjacent
        .or_else(|| {
            before
                .iter()
                .find(|a| matches!(a.prep, Prep::None | Prep::With) && !in_closed_relative(a))
                .copied()
        })
        .or_else(|| {
            before
                .iter()
                .find(|a| matches!(a.prep, Prep::None | Prep::With))
                .copied()
        })
        .or(before.first().copied());
    let by = after.iter().find(|a| a.prep == Prep::By).copied();
    let _ = text;
    let distinct = |a: u16, b: u16| a != b;
    match frame {
        "train" if trainees_named(after, trig) => {
            // « la formation d'officiers sénégalais dans les écoles militaires espagnoles »:
            // the state of the trainees named right after the noun, the trainer another.
            let to = after
                .iter()
                .find(|a| a.how == Some(How::Adjective))
                .copied();
            let to_c = to.map(|t| t.country);
            let from = by
                .or(subject)
                .filter(|f| Some(f.country) != to_c)
                .or(after.iter().find(|a| Some(a.country) != to_c).copied());
            match (from, to) {
                (Some(f), Some(t)) if distinct(f.country, t.country) => {
                    with_coordinated(fx, after, f.country, *t)
                }
                _ => Vec::new(),
            }
        }
        "give" | "train" => {
            // « Les pilotes nigérians ont été formés … en Géorgie », « … formés par la France
            // au Maroc »: the subject of a passive is trained, by the agent, else by the state
            // it was trained in.
            let passive = frame == "train"
                && ends_on_passive_aux(fx.slice(trig.start.saturating_sub(16), trig.start));
            if let (true, Some(t)) = (passive, subject) {
                if let Some(f) = by.filter(|b| b.country != t.country).or_else(|| {
                    after
                        .iter()
                        .find(|a| a.prep == Prep::To && a.country != t.country)
                        .copied()
                }) {
                    return vec![(f.country, t.country, true)];
                }
            }
            let from = by.or(subject);
            // « remis à l'armée des drones de fabrication turque »: the maker is no recipient;
            // with no other one, the giver's state got what the maker sold it.
            let maker = after.iter().find(|a| made_in(fx, a)).copied();
            if let (Some(m), Some(f), false) = (maker, from, frame == "train") {
                let other_recipient = after
                    .iter()
                    .any(|a| a.country != f.country && a.country != m.country && !made_in(fx, a));
                if m.country != f.country && !other_recipient && by.is_none() {
                    return vec![(m.country, f.country, true)];
                }
            }
            let other = |a: &&&Actor| Some(a.country) != from.map(|f| f.country) && !made_in(fx, a);
            // « des Wing Loong livrés par les Émirats et des Mohajer-6 iraniens »: after a
            // participle's agent, a demonym tells where other equipment comes from; the
            // recipient is a state sent to (« aux forces maliennes »), else the nearest state
            // named before (by its name, not by an equipment's demonym).
            if frame == "give" && by.is_some() {
                let named = |a: &&&Actor| a.how != Some(How::Adjective);
                let to = after
                    .iter()
                    .filter(other)
                    .find(|a| a.prep == Prep::To)
                    .or(before.iter().rev().filter(other).find(named));
                if let (Some(f), Some(t)) = (from, to) {
                    if f.country != t.country {
                        return with_coordinated(fx, after, f.country, **t);
                    }
                }
            }
            // « la livraison de drones fabriqués par l'entreprise turque … au ministère
            // togolais »: the recipient is another state than the giver.
            let to = after
                .iter()
                .filter(other)
                .find(|a| matches!(a.prep, Prep::To) || a.how == Some(How::Adjective))
                // (Not a state « de » names after a delivery: « arrivés à l'été, après la
                // mise en garde du Kremlin ». Trainees are: « des officiers du Mali ».)
                .or(after.iter().find(|a| {
                    Some(a.country) != from.map(|f| f.country)
                        && (frame == "train" || a.prep != Prep::From)
                }))
                // (Not a state of a relative clause closed before the trigger: « La Pologne,
                // qui avait demandé à Berlin l'autorisation …, a confirmé qu'elle enverrait
                // quatorze Leopard » sends nothing to Berlin; nor an adjective of another
                // verb's object, « a salué la décision allemande et confirmé … ».)
                .or(before.iter().rev().find(|a| {
                    Some(a.country) != from.map(|f| f.country)
                        && !in_closed_relative(a)
                        && a.how != Some(How::Adjective)
                }))
                .copied();
            match (from, to) {
                (Some(f), Some(t)) if distinct(f.country, t.country) => {
                    let mut out = with_coordinated(fx, after, f.country, *t);
                    // « La Russie et la Chine ont livré des armes au Mali »: every state of
                    // a subject list gives.
                    if by.is_none() && subject.is_some_and(|s| s.span == f.span) {
                        for c in listed_after(fx, before, f) {
                            let gets: Vec<u16> = out
                                .iter()
                                .filter(|x| x.0 == f.country && x.1 != c)
                                .map(|x| x.1)
                                .collect();
                            for g in gets {
                                if !out.iter().any(|x| x.0 == c && x.1 == g) {
                                    out.push((c, g, true));
                                }
                            }
                        }
                    }
                    out
                }
                _ => Vec::new(),
            }
        }
        "receive" => {
            let to = subject;
            // « a reçu des drones de plusieurs fournisseurs : des TB2 turcs, des Wing Loong de
            // fabrication chinoise livrés par les Émirats et des Mohajer-6 iraniens »: each
            // state named for the equipment sold it (the maker of what another delivered
            // excepted).
            if let Some(t) = to {
                let mut sellers: Vec<u16> = Vec::new();
                for (i, a) in after.iter().enumerate() {
                    let origin =
                        a.how == Some(How::Adjective) || matches!(a.prep, Prep::From | Prep::By);
                    let maker =
                        made_in(fx, a) && after.get(i + 1).is_some_and(|b| b.prep == Prep::By);
                    if origin && !maker && a.country != t.country && !sellers.contains(&a.country) {
                        sellers.push(a.country);
                    }
                }
                if sellers.len() >= 2 {
                    return sellers.iter().map(|&f| (f, t.country, true)).collect();
                }
            }
            let from = after
                .iter()
                .find(|a| matches!(a.prep, Prep::From | Prep::To | Prep::By))
                .or(after.first())
                // « devenu client de l'industrie française en commandant 12 avions »
                .or(before
                    .iter()
                    .find(|a| a.prep == Prep::From && Some(a.country) != to.map(|t| t.country)))
                .copied();
            match (from, to) {
                // « Le Nigeria, l'Éthiopie … ou encore le Burkina Faso ont acquis des
                // drones turcs »: every state of a subject list gets its own.
                (Some(f), Some(t)) if distinct(f.country, t.country) => {
                    let mut out = vec![(f.country, t.country, true)];
                    for c in listed_after(fx, before, t) {
                        if c != f.country && !out.iter().any(|x| x.1 == c) {
                            out.push((f.country, c, true));
                        }
                    }
                    out
                }
                (Some(f), None) => after
                    .iter()
                    .find(|a| a.country != f.country)
                    .map(|t| vec![(f.country, t.country, true)])
                    .unwrap_or_default(),
                _ => Vec::new(),
            }
        }
        "deploy" => {
            // « Djibouti, où stationnent quelque 1 500 militaires français »: the place
            // before « où » hosts the troops whose nationality follows the trigger.
            let host = before.iter().rev().find(|a| {
                a.how != Some(How::Adjective)
                    && text.get(a.span.end..trig.start).is_some_and(|gap| {
                        gap.trim_matches(|c: char| c == ',' || c.is_whitespace()) == "où"
                    })
            });
            if let Some(host) = host {
                let troops = after.iter().find(|a| {
                    a.how == Some(How::Adjective)
                        && a.span.start >= trig.end
                        && a.span.start - trig.end < 50
                        && a.country != host.country
                });
                if let Some(t) = troops {
                    return vec![(t.country, host.country, true)];
                }
            }
            // Troops' nationality: an adjective near the trigger or the subject.
            let near_adj = actors
                .iter()
                .filter(|a| {
                    a.how == Some(How::Adjective)
                        && a.prep != Prep::Source
                        && a.span.end <= trig.start + 1
                        && trig.start.saturating_sub(a.span.end) < 40
                })
                .next_back()
                .or(actors.iter().find(|a| {
                    a.how == Some(How::Adjective)
                        && a.span.start >= trig.end
                        && a.span.start - trig.end < 12
                }));
            let from = near_adj.or(subject).or(by).copied();
            let Some(f) = from else { return Vec::new() };
            // « La Tanzanie et le Malawi fournissent des troupes »: every coordinated subject sends.
            let mut senders = vec![f.country];
            if near_adj.is_none() {
                for a in before
                    .iter()
                    .filter(|a| a.prep == Prep::With && a.span.start > f.span.end)
                {
                    if !senders.contains(&a.country) {
                        senders.push(a.country);
                    }
                }
            }
            let mut out = Vec::new();
            for &sdr in &senders {
                for a in after
                    .iter()
                    .filter(|a| a.prep == Prep::To && a.country != sdr)
                {
                    if !out
                        .iter()
                        .any(|x: &(u16, u16, bool)| x.0 == sdr && x.1 == a.country)
                    {
                        out.push((sdr, a.country, true));
                    }
                }
            }
            if out.is_empty() {
                if let Some(t) = before
                    .iter()
                    .find(|a| a.prep == Prep::To && a.country != f.country)
                {
                    out.push((f.country, t.country, true));
                }
            }
            out
        }
        "withdraw" | "withdrawal" | "handover" => {
            // « le retrait des troupes françaises du Mali », « Les soldats kényans ont
            // commencé à quitter Goma », « Le Tchad a retiré ses militaires du Niger »: the
            // troops' state leaves the state named after the trigger (de/du, à, or none).
            let adj = |a: &&&Actor, lo: usize, hi: usize| {
                a.how == Some(How::Adjective) && a.span.start >= lo && a.span.end <= hi
            };
            // (« a restitué à l'armée ghanéenne le camp »: the army a base is handed to
            // is the host's.)
            let near_adj = before
                .iter()
                .rev()
                .find(|a| adj(a, trig.start.saturating_sub(40), trig.start))
                .or(after.iter().find(|a| {
                    adj(a, trig.end, trig.end + 30) && !(frame == "handover" && a.prep == Prep::To)
                }))
                .copied();
            let Some(from) = near_adj.or(subject).or(by) else {
                return Vec::new();
            };
            // A person leaving a city is no withdrawal (« Le président sénégalais a quitté
            // Paris », « après le départ de N'Djamena du ministre »): troops are named, or
            // a state leaves (the subject of a verb, the state right after a noun).
            let state_leaves = if frame == "handover" {
                false
            } else if frame == "withdraw" {
                matches!(from.how, Some(How::Name | How::Capital))
            } else {
                after.first().is_some_and(|a| {
                    a.how == Some(How::Name) && a.prep == Prep::From && a.span.start < trig.end + 25
                })
            };
            if !troops_named && !state_leaves {
                return Vec::new();
            }
            // « a retiré son accréditation à l'ambassadeur », « retire sa plainte »: what is
            // withdrawn right after the verb is no force.
            let object = fx.slice(trig.end, clause_end.min(trig.end + 40));
            if object
                .split([' ', '\''])
                .filter(|w| !w.is_empty())
                .take(3)
                .any(|w| NOT_FORCES.contains(&w))
            {
                return Vec::new();
            }
            let mut hosts = after
                .iter()
                .filter(|a| a.span.start > from.span.end)
                .skip_while(|a| {
                    a.country == from.country
                        || !matches!(a.prep, Prep::From | Prep::To | Prep::None)
                        || a.how == Some(How::Adjective) && a.prep != Prep::To
                });
            let Some(first) = hosts.next() else {
                return Vec::new();
            };
            // The states left in a list (« du Mali en 2022, puis du Burkina Faso et du
            // Niger »): the next ones named as the first, each close to the one before.
            let mut out = vec![(from.country, first.country, true)];
            let mut edge = first.span.end;
            for a in hosts {
                if a.span.start > edge + 40 || a.prep != first.prep || a.how != first.how {
                    break;
                }
                if a.country != from.country && !out.iter().any(|x| x.1 == a.country) {
                    out.push((from.country, a.country, true));
                }
                edge = a.span.end;
            }
            out
        }
        "troops" => {
            // Nationalities right after the noun: « soldats français », « contingents japonais
            // et italiens », « base des États-Unis ».
            let mut nats: Vec<&Actor> = Vec::new();
            let mut edge = trig.end;
            for a in after.iter() {
                let (gap, gap_f) = match text.get(edge..a.span.start) {
                    Some(gap) => (gap, fx.slice(edge, a.span.start)),
                    None => ("x", "x"),
                };
                let mut words = 0;
                let joinable = gap_f
                    .split(|c: char| !c.is_alphanumeric() && c != '\'')
                    .filter(|w| !w.is_empty())
                    .all(|w| {
                        words += 1;
                        matches!(
                            w,
                            "et" | "des"
                                | "de"
                                | "du"
                                | "d'"
                                | "la"
                                | "le"
                                | "les"
                                | "l'"
                                | "militaires"
                                | "militaire"
                                | "permanente"
                                | "permanentes"
                                | "supplementaires"
                                | "d'elite"
                        )
                    })
                    && words <= 3
                    && !gap.contains(['.', ';', '(']);
                let nat_like = a.how == Some(How::Adjective)
                    || matches!(a.prep, Prep::From) && a.how == Some(How::Name);
                if joinable && nat_like {
                    nats.push(a);
                    edge = a.span.end;
                } else {
                    break;
                }
            }
            // « la Turquie y a ouvert son plus grand camp militaire »: a possessive makes
            // the subject the troops' state.
            if nats.is_empty() && (possessive_before(fx, trig) || opened_before(fx, trig)) {
                if let Some(sj) = subject {
                    // The host is the state nearest to the noun (« Djibouti, où la France
                    // dispose de sa principale base »).
                    let host = actors
                        .iter()
                        .filter(|a| a.country != sj.country && a.prep != Prep::Source)
                        .min_by_key(|a| {
                            if a.span.start >= trig.end {
                                a.span.start - trig.end
                            } else {
                                trig.start - a.span.end
                            }
                        });
                    return host
                        .map(|h| vec![(sj.country, h.country, true)])
                        .unwrap_or_default();
                }
            }
            let mut out = Vec::new();
            for n in nats {
                let host = actors
                    .iter()
                    .find(|a| {
                        a.prep == Prep::To && a.country != n.country && a.span.start > n.span.end
                    })
                    .or(actors
                        .iter()
                        .find(|a| a.prep == Prep::To && a.country != n.country))
                    .or(before
                        .iter()
                        .find(|a| {
                            a.prep == Prep::None
                                && a.country != n.country
                                && hosts_verb(fx, a.span.end, trig.start)
                        })
                        .copied())
                    // « répartis entre N'Djamena, Abéché et Faya-Largeau »
                    .or(actors.iter().find(|a| {
                        a.how == Some(How::Capital)
                            && a.country != n.country
                            && a.span.start > n.span.end
                    }))
                    .or(after
                        .iter()
                        .find(|a| {
                            a.how == Some(How::Name)
                                && a.prep == Prep::None
                                && a.country != n.country
                        })
                        .copied());
                // (And each state listed with the host: « présents au Mali et au Burkina
                // Faso ».)
                if let Some(h) = host {
                    for p in with_coordinated(fx, after, n.country, *h) {
                        if !out
                            .iter()
                            .any(|x: &(u16, u16, bool)| x.0 == p.0 && x.1 == p.1)
                        {
                            out.push(p);
                        }
                    }
                }
            }
            out
        }
        "visit" => {
            let hosts: Vec<&Actor> = {
                let to: Vec<&Actor> = after
                    .iter()
                    .filter(|a| a.prep == Prep::To)
                    .copied()
                    .collect();
                if to.is_empty() {
                    after
                        .iter()
                        .filter(|a| a.how == Some(How::Capital))
                        .take(1)
                        // « s'est rendu en Chine pour une visite d'État »: where the
                        // visitor went, named just before.
                        .chain(before.iter().rev().filter(|a| a.prep == Prep::To).take(1))
                        .take(1)
                        .copied()
                        .collect()
                } else {
                    to
                }
            };
            // « … à Malabo pour dissuader le gouvernement d'accorder une base à la Chine »: a
            // purpose clause after the first host names no other one.
            let hosts: Vec<&Actor> = match hosts.first() {
                Some(first) => {
                    let end = floor_boundary(text, first.span.end + 300);
                    let purpose = text
                        .get(first.span.end..end)
                        .and_then(|r| r.find(" pour ").or_else(|| r.find(" afin de ")))
                        .map_or(usize::MAX, |p| first.span.end + p);
                    hosts
                        .into_iter()
                        .filter(|h| h.span.start < purpose)
                        .collect()
                }
                None => hosts,
            };
            let first_host = hosts.first().map(|h| h.country);
            let visitor = subject
                .filter(|s| Some(s.country) != first_host)
                .or_else(|| {
                    before
                        .iter()
                        .chain(after.iter())
                        .find(|a| Some(a.country) != first_host && a.prep != Prep::To)
                        .copied()
                });
            let Some(v) = visitor else { return Vec::new() };
            let mut out: Vec<(u16, u16, bool)> = Vec::new();
            for h in hosts {
                if h.country != v.country && !out.iter().any(|x| x.1 == h.country) {
                    out.push((v.country, h.country, true));
                }
            }
            out
        }
        "request" => {
            // « une mission sollicitée par le chef du gouvernement libyen »: the one asking
            // is after « par », the one asked is the subject.
            // So is it after « à la demande de » (« envoyé des instructeurs à la demande
            // des autorités de Bangui »).
            let passive = fx
                .slice(trig.end, clause_end)
                .trim_start()
                .starts_with("par ")
                || fx.slice(trig.start, trig.end).starts_with("a la ");
            // « la demande malienne »: the state of an adjective right after the noun asks.
            let asker_adjective = after.first().copied().filter(|a| {
                a.how == Some(How::Adjective)
                    && a.span.start >= trig.end
                    && a.span.start - trig.end < 4
            });
            if let Some(b) = by
                .or(after.first().copied().filter(|_| passive))
                .or(asker_adjective)
            {
                // (« À la demande du Mali, la Russie a livré… »: the one asked comes after.)
                return subject
                    .filter(|a| a.country != b.country)
                    .or(before.iter().find(|a| a.country != b.country).copied())
                    .or(after.iter().find(|a| a.country != b.country).copied())
                    .map(|t| vec![(b.country, t.country, true)])
                    .unwrap_or_default();
            }
            let from = subject.or(before.first().copied());
            let to = after
                .iter()
                .find(|a| Some(a.country) != from.map(|f| f.country))
                .copied()
                .or(before
                    .iter()
                    .rev()
                    .find(|a| Some(a.country) != from.map(|f| f.country))
                    .copied());
            match (from, to) {
                (Some(f), Some(t)) => vec![(f.country, t.country, true)],
                _ => Vec::new(),
            }
        }
        _ => {
            // meet, host, sym: the two most salient distinct states, subject first.
            let mut order: Vec<&Actor> = Vec::new();
            if let Some(s) = subject {
                order.push(s);
            }
            // A source or a mediator (« sous l'égide des États-Unis ») is no party.
            order.extend(after.iter().filter(|a| a.prep != Prep::Source).copied());
            order.extend(before.iter().copied());
            let mut codes: Vec<u16> = Vec::new();
            for a in order {
                if !codes.contains(&a.country) {
                    codes.push(a.country);
                }
            }
            // « X a reçu / accueille Y »: the subject hosts, the guest visits it; « Y a été
            // reçu par X »: the subject is the guest.
            let hosting_subject = frame == "host" && subject.is_some_and(|s| s.prep == Prep::None);
            match codes.as_slice() {
                [a, b, ..] if matches!(frame, "sym" | "meet") => {
                    // « Ankara a signé des accords avec la Somalie, la Libye et le Niger »:
                    // one agreement with each, not one among them all.
                    let each = contains_any(
                        fx.slice(fx.s.start, fx.s.end),
                        &[
                            " accords ",
                            " conventions ",
                            " protocoles ",
                            " memorandums ",
                        ],
                    );
                    let subject_first =
                        subject.is_some_and(|s| s.country == *a && s.span.end <= trig.start);
                    let mut pairs = several_parties(fx, actors, *a, *b);
                    if each && subject_first {
                        pairs.retain(|p| p.0 == *a || p.1 == *a);
                    }
                    pairs
                }
                [a, b, ..] if hosting_subject => {
                    let first = hosting_pair(fx, trig, by.is_some(), *a, *b);
                    let mut out = vec![first];
                    // « a été reçu en Russie, en Turquie puis en Iran »: a guest received in
                    // turn by each state of the list.
                    if first == (*a, *b, true) {
                        let mut prev = after.iter().find(|x| x.country == *b);
                        for x in after.iter().skip_while(|x| x.country != *b).skip(1) {
                            let Some(p) = prev else { break };
                            let gap = fx.slice(p.span.end, x.span.start);
                            let listed = gap.len() <= 16
                                && gap
                                    .split(|c: char| c.is_whitespace() || c == ',' || c == '\'')
                                    .filter(|w| !w.is_empty())
                                    .all(|w| {
                                        matches!(
                                            w,
                                            "en" | "au"
                                                | "aux"
                                                | "a"
                                                | "l"
                                                | "et"
                                                | "puis"
                                                | "enfin"
                                        )
                                    });
                            if !listed || x.prep != p.prep {
                                break;
                            }
                            if x.country != *a && !out.iter().any(|o| o.1 == x.country) {
                                out.push((*a, x.country, true));
                            }
                            prev = Some(x);
                        }
                    }
                    out
                }
                [a, b, ..] => vec![(*a, *b, false)],
                _ => Vec::new(),
            }
        }
    }
}

/// The words that may stand between a verb and its subject: auxiliaries, clitics, the
/// negation and a few adverbs (« a », « n'a pas encore », « s'est », « l'a », « vient
/// de »). Folded.
const SUBJECT_GAP: &[&str] = &[
    "a",
    "ont",
    "avait",
    "avaient",
    "aura",
    "auront",
    "aurait",
    "auraient",
    "est",
    "sont",
    "etait",
    "etaient",
    "sera",
    "seront",
    "ete",
    "s",
    "se",
    "y",
    "n",
    "ne",
    "pas",
    "l",
    "lui",
    "leur",
    "en",
    "deja",
    "aussi",
    "egalement",
    "enfin",
    "finalement",
    "officiellement",
    "encore",
    "vient",
    "viennent",
    "venait",
    "de",
    "d",
];

/// Whether `gap`, the folded text between a state and a trigger, opens a relative clause
/// whose verb the trigger is or completes: « au secours de Maputo, qui en avait fait la
/// demande », « Dakar, qui a fait escale »: the state is its subject.
fn relative_subject(gap: &str) -> bool {
    gap.strip_prefix(", qui ").is_some_and(|g| {
        let g = g.trim_end();
        let verb = [" fait la", " fait une", " fait"]
            .iter()
            .find_map(|v| g.strip_suffix(v))
            .unwrap_or(g);
        only_auxiliaries(verb)
    })
}

/// Whether `gap`, the folded text between a state and a verb, holds only [`SUBJECT_GAP`]
/// words (at most five, no punctuation): the state is the verb's subject.
fn only_auxiliaries(gap: &str) -> bool {
    let mut n = 0;
    gap.len() <= 40
        && gap.split([' ', '\'']).filter(|w| !w.is_empty()).all(|w| {
            n += 1;
            n <= 5 && SUBJECT_GAP.contains(&w)
        })
}

/// What a state withdraws that is no force (folded): an accreditation, a complaint, its
/// support, a candidacy, its signature, an ambassador.
const NOT_FORCES: &[&str] = &[
    "accreditation",
    "plainte",
    "soutien",
    "candidature",
    "signature",
    "ambassadeur",
    "ambassadrice",
    "reconnaissance",
    "agrement",
    "permis",
    "licence",
    "visa",
    "visas",
];

/// « Le Caire … en commandant une frégate, livrée à l'été 2015 »: a participle of giving
/// with no « avoir » before it, no agent and no state sent to after it tells what the
/// sentence's subject got, not what it gave.
fn delivered_to_subject(text: &str, fx: &SentenceFold, trig: Span, actors: &[Actor]) -> bool {
    let word = text.get(trig.start..trig.end).unwrap_or("");
    let participle = ["é", "ée", "és", "ées"].iter().any(|e| word.ends_with(e));
    if !participle {
        return false;
    }
    let head = fx.slice(trig.start.saturating_sub(24), trig.start);
    let have = head
        .split_whitespace()
        .rev()
        .take(2)
        .any(|w| HAVE.contains(&w.strip_prefix("d'").unwrap_or(w)));
    let named_after = actors
        .iter()
        .any(|a| a.span.start >= trig.end && matches!(a.prep, Prep::To | Prep::By));
    let named_before = actors.iter().any(|a| a.span.end <= trig.start);
    !have && !named_after && named_before
}

/// The forms of « avoir » that make a compound tense with a participle (folded): « a
/// livré », « avaient reçu », « aurait accueilli », « d'avoir livré ».
const HAVE: &[&str] = &[
    "a", "ont", "avait", "avaient", "aura", "auront", "aurait", "auraient", "ayant", "avoir",
];

/// A state named as an equipment's maker: « de fabrication turque », « de conception
/// russe », « d'origine chinoise ».
fn made_in(fx: &SentenceFold, a: &Actor) -> bool {
    a.how == Some(How::Adjective)
        && contains_any(
            fx.slice(a.span.start.saturating_sub(16), a.span.start),
            &["fabrication ", "conception ", "origine "],
        )
}

/// The visit a hosting verb reports, `subject` its subject's state and `other` the other
/// state named: « X a reçu / reçoit / accueille Y » is Y's visit to X; « Y a été reçu par
/// X » (a passive, or an agent after « par ») is the subject's visit; a bare participle
/// (« le ministre somalien, reçu par son homologue ») could be either, so undirected.
fn hosting_pair(
    fx: &SentenceFold,
    trig: Span,
    agent: bool,
    subject: u16,
    other: u16,
) -> (u16, u16, bool) {
    let head = fx.slice(trig.start.saturating_sub(16), trig.start);
    let form = fx.slice(trig.start, trig.end);
    let participle = ["u", "ue", "us", "ues", "i", "ie", "is", "ies"]
        .iter()
        .any(|e| form.ends_with(e));
    let have = head
        .split_whitespace()
        .next_back()
        .is_some_and(|w| HAVE.contains(&w));
    if agent || ends_on_passive_aux(head) {
        (subject, other, true)
    } else if participle && !have {
        (subject, other, false)
    } else {
        (other, subject, true)
    }
}

/// The pair `a`–`b` of a joint act (an exercise, an agreement), and every pair among the
/// states listed with either of them (« avec les marines sud-africaine et chinoise », « Le
/// Sénégal, la Gambie et la Mauritanie ont signé »): joined by « et » or a comma with only
/// articles and prepositions between, named the same way. Five parties at most.
fn several_parties(fx: &SentenceFold, actors: &[Actor], a: u16, b: u16) -> Vec<(u16, u16, bool)> {
    let mut parties = vec![a, b];
    for w in actors.windows(2) {
        let (prev, this) = (&w[0], &w[1]);
        if parties.len() >= 5 || !parties.contains(&prev.country) || parties.contains(&this.country)
        {
            continue;
        }
        let gap = fx.slice(prev.span.end, this.span.start);
        if joins_list(gap, 14, PREPOSITIONS_ARTICLES)
            && named_alike(prev, this)
            && this.prep != Prep::Source
        {
            parties.push(this.country);
        }
    }
    let mut out = Vec::with_capacity(parties.len() * (parties.len() - 1) / 2);
    for (i, &x) in parties.iter().enumerate() {
        for &y in &parties[i + 1..] {
            out.push((x, y, false));
        }
    }
    out
}

/// `last`: the last clause read and its answer, since triggers of one clause share it.
fn negated(
    text: &str,
    fx: &SentenceFold,
    s: Span,
    trig: Span,
    last: &mut Option<(Span, bool)>,
) -> bool {
    // The clause before the trigger (back to the previous comma) and a few words after.
    // (ASCII punctuation: searched as bytes, which no byte of another char can equal.)
    let before = text.get(s.start..trig.start).unwrap_or("").as_bytes();
    let clause_start = before
        .iter()
        .rposition(|b| matches!(b, b',' | b';' | b':'))
        .map_or(s.start, |p| s.start + p + 1);
    let after = text.get(trig.end..s.end).unwrap_or("").as_bytes();
    let after_end = after
        .iter()
        .position(|b| matches!(b, b',' | b';' | b'.'))
        .map_or(s.end, |p| trig.end + p);
    let clause = Span {
        start: clause_start,
        end: after_end,
    };
    if let Some((c, answer)) = *last {
        if c == clause {
            return answer;
        }
    }
    let m = NEGATION_CUES.mask_parts(&[" ", fx.slice(clause_start, after_end), " "]);
    let answer = m & C_NEGATION != 0 && m & C_NOT_ONLY == 0
        || m & C_NE != 0 && m & C_PAS_JAMAIS_PLUS != 0 && m & C_NE_PLUS == 0
        || negation_before_incise(text, fx, s, clause_start, trig);
    *last = Some((clause, answer));
    answer
}

/// « Moscou n'a pas encore répondu à la demande de Bangui »: what the negation denies is the
/// answer; the request was made.
fn request_unanswered(fx: &SentenceFold, s: Span, trig: Span, kind: EventType) -> bool {
    kind == EventType::Request && {
        let before = fx.slice(trig.start.saturating_sub(40).max(s.start), trig.start);
        contains_any(
            before,
            &[
                "repondu",
                "donne suite",
                "accede",
                "satisfait",
                "accepte",
                "repondre",
            ],
        )
    }
}

/// A negation closed just before a comma, whose verb the trigger completes across an incise
/// of a few words: « Washington n'envisage pas, pour l'instant, d'installer une base »,
/// « Moscou n'a pas, selon lui, livré de chars ». `clause_start` is just after the comma
/// that opens the trigger's clause; at most two words may stand between it and the trigger.
fn negation_before_incise(
    text: &str,
    fx: &SentenceFold,
    s: Span,
    clause_start: usize,
    trig: Span,
) -> bool {
    let words = |a: usize, b: usize| text.get(a..b).map_or(0, |t| t.split_whitespace().count());
    if clause_start <= s.start || words(clause_start, trig.start) > 2 {
        return false;
    }
    // `end` is the offset of the comma that closes the chunk looked at.
    let mut end = clause_start - 1;
    for _ in 0..2 {
        let head = text.get(s.start..end).unwrap_or("").as_bytes();
        let start = head
            .iter()
            .rposition(|b| matches!(b, b',' | b';' | b':'))
            .map_or(s.start, |p| s.start + p + 1);
        let chunk = fx.slice(start, end).trim_end();
        let closed = [" pas", " jamais", " plus"]
            .iter()
            .any(|w| chunk.ends_with(w));
        if closed && NEGATION_CUES.mask_parts(&[" ", chunk, " "]) & C_NE != 0 {
            return true;
        }
        // « a de nouveau démenti, jeudi, toute livraison »: a denial verb whose object
        // follows the incise.
        if [
            " dementi",
            " dement",
            " dementent",
            " nie",
            " nient",
            " refute",
            " refutent",
        ]
        .iter()
        .any(|w| chunk.ends_with(w))
        {
            return true;
        }
        // Only an incise of a few words is looked across.
        if start <= s.start || words(start, end) > 4 {
            return false;
        }
        end = start - 1;
    }
    false
}

/// What a sentence's wording says (« les deux pays », status), read at most once per
/// sentence and only when an event asks.
struct Tone<'a> {
    /// The folded sentence.
    fs: &'a str,
    /// Its [`CUES`] mask.
    cues: std::cell::OnceCell<u64>,
    /// Whether it holds a verb in the future tense.
    future: std::cell::OnceCell<bool>,
}

impl Tone<'_> {
    /// `fs`: the folded sentence.
    fn of(fs: &str) -> Tone<'_> {
        Tone {
            fs,
            cues: std::cell::OnceCell::new(),
            future: std::cell::OnceCell::new(),
        }
    }

    fn cue(&self, bit: u64) -> bool {
        *self
            .cues
            .get_or_init(|| CUES.mask_parts(&[" ", self.fs, " "]))
            & bit
            != 0
    }

    /// Speaks of both sides (« les deux pays », « bilatéral », « son homologue »).
    fn both(&self) -> bool {
        self.cue(C_BOTH)
    }

    fn ended(&self) -> bool {
        self.cue(C_ENDED) && !self.cue(C_NOT_ENDED)
    }

    fn planned(&self) -> bool {
        self.cue(C_PLANNED) || *self.future.get_or_init(|| has_future_verb(self.fs))
    }

    fn since(&self) -> bool {
        self.cue(C_SINCE)
    }

    fn earlier(&self) -> bool {
        self.cue(C_EARLIER)
    }
}

fn status_of(trigger_status: &str, tone: &Tone, kind: EventType) -> Status {
    match trigger_status {
        "planned" => return Status::Planned,
        "ended" => return Status::Ended,
        _ => {}
    }
    // (A request is made or to be made: « a demandé ce retrait » ends nothing itself.)
    if tone.ended() && kind != EventType::Request {
        return Status::Ended;
    }
    let decision = matches!(
        kind,
        EventType::Agreement | EventType::Meeting | EventType::Request
    );
    if tone.planned()
        || tone.cue(C_OFFERED) && kind != EventType::Request
        || tone.cue(C_DECIDED) && !decision
    {
        return Status::Planned;
    }
    if trigger_status == "ongoing" || (kind == EventType::Deployment && tone.since()) {
        return Status::Ongoing;
    }
    Status::Done
}

/// Endings of the future tense built on irregular stems, singular and plural (the regular
/// ones end in « era », « ira », « eront », « iront »).
const IRREGULAR_FUTURES: &[&str] = &[
    "iendra",
    "iendront",
    "prendra",
    "prendront",
    "rendra",
    "rendront",
    "vendra",
    "vendront",
    "fendra",
    "fendront",
    "tendra",
    "tendront",
    "pondra",
    "pondront",
    "cendra",
    "cendront",
    "pendra",
    "pendront",
    "faudra",
    "vaudra",
    "voudra",
    "voudront",
    "pourra",
    "pourront",
    "verra",
    "verront",
    "courra",
    "mourra",
    "devra",
    "devront",
    "cevra",
    "cevront",
    "suivra",
    "suivront",
    "vivra",
    "aura",
    "auront",
];

fn has_future_verb(fs: &str) -> bool {
    // Every ending ends with « ra » or « nt »: only where those two letters end a word is
    // the word cut out and read.
    let future_at = |end: usize| {
        let head = fs.as_bytes().get(..end).unwrap_or(&[]);
        let regular = head.ends_with(b"era")
            || head.ends_with(b"ira")
            || head.ends_with(b"eront")
            || head.ends_with(b"iront");
        // Irregular stems (« se tiendra », « viendront », « pourra », « devront »), listed
        // whole so that names ending alike (« Sierra », « Sandra ») are not read as verbs.
        if !regular
            && !IRREGULAR_FUTURES
                .iter()
                .any(|f| head.ends_with(f.as_bytes()))
        {
            return false;
        }
        let w = word_at(fs, end - 1, char::is_alphanumeric);
        // « rendra », « prendra » and its compounds, not « Narendra ».
        if !regular && w.ends_with("rendra") && w != "rendra" && !w.ends_with("prendra") {
            return false;
        }
        // The word must end here, not run on (« opera » in « operateur »).
        fs.get(end..)
            .is_some_and(|tail| !tail.chars().next().is_some_and(char::is_alphanumeric))
            && (w.len() > 5 || matches!(w, "sera" | "fera" | "aura" | "ira"))
            && !matches!(w, "cathedrale" | "generale" | "premiera" | "operera")
    };
    // Every ending in « nt » is one in « ront »; and a word must end there. Both are
    // checked again by `future_at`: here they only spare it the « -ment », « -ent » words.
    let b = fs.as_bytes();
    let word_ends = |end: usize| match b.get(end) {
        None => true,
        Some(c) if c.is_ascii() => !c.is_ascii_alphanumeric(),
        Some(_) => fs
            .get(end..)
            .is_some_and(|t| !t.chars().next().is_some_and(char::is_alphanumeric)),
    };
    b.windows(2).enumerate().any(|(k, w)| {
        let end = k + 2;
        (w == b"ra" || (w == b"nt" && b.get(..end).is_some_and(|h| h.ends_with(b"ront"))))
            && word_ends(end)
            && future_at(end)
    })
}

/// Whether folded `words` end on an auxiliary of the passive (« ont été », « sont »,
/// « doivent être »…): the noun or subject before the trigger undergoes it.
fn ends_on_passive_aux(words: &str) -> bool {
    matches!(
        words.split_whitespace().next_back(),
        Some("ete" | "etre" | "sont" | "seront" | "est" | "sera" | "etaient" | "etait")
    )
}

/// Whether a folded word is a demonstrative determiner (« ce », « cet », « cette », « ces »).
fn is_demonstrative(word: &str) -> bool {
    matches!(word, "cette" | "cet" | "ce" | "ces")
}

/// Whether folded `head` ends on « puis » (« …, puis, fin mars 2022 »), maybe with a
/// preposition after it (« puis en juin 2022 »).
fn then_before(head: &str) -> bool {
    let mut words = head
        .rsplit(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty());
    match words.next() {
        Some("puis") => true,
        Some("en" | "le" | "au" | "a" | "des" | "dans") => words.next() == Some("puis"),
        _ => false,
    }
}

/// The pairs of an arms trigger at `trig` (clause up to `end`) once the maker of the weapon
/// model nearest after it in its clause (else before it), from `data/weapons.tsv`, is
/// added as the seller: `pairs_of` reads the sentence's states with it. Empty without a
/// model of one maker, when a giver is the subject (but for an `arrival`, whose subject
/// is the equipment: it goes to the state it arrives in, else to the one named), or when
/// the maker's state gets no side.
fn maker_sells(
    triggers: &[&Hit],
    actors: &[Actor],
    trig: Span,
    end: usize,
    frame: &str,
    arrival: bool,
    pairs_of: impl Fn(&[Actor]) -> Vec<(u16, u16, bool)>,
) -> Vec<(u16, u16, bool)> {
    let Some((m, span)) = model_maker_at(triggers, 0, trig, end) else {
        return Vec::new();
    };
    // (A giver named as the subject is the seller, whoever made the model: « la Norvège
    // enverra huit Leopard ». Equipment that arrives is the subject itself: « des Su-25
    // … étaient arrivés à leur tour ».)
    let subject = actors
        .iter()
        .any(|a| a.span.end <= trig.start && matches!(a.prep, Prep::None | Prep::With));
    if frame != "receive" && subject && !arrival {
        return Vec::new();
    }
    // (Equipment that arrives goes to where it arrives, else to the state the sentence
    // names: its subject is no giver.)
    if arrival {
        let to = actors
            .iter()
            .find(|a| a.span.start >= trig.end && a.prep == Prep::To && a.country != m)
            .or_else(|| {
                actors
                    .iter()
                    .find(|a| a.country != m && a.prep != Prep::Source)
            });
        return to.map(|t| vec![(m, t.country, true)]).unwrap_or_default();
    }
    let mut with_maker: Vec<Actor> = actors.to_vec();
    with_maker.push(Actor {
        country: m,
        span,
        prep: if frame == "receive" {
            Prep::From
        } else {
            Prep::By
        },
        how: None,
        located: false,
    });
    with_maker.sort_by_key(|a| a.span.start);
    let mut pairs = pairs_of(&with_maker);
    pairs.retain(|p| p.0 == m && p.1 != m);
    pairs
}

/// The maker's state of the weapon model nearest after trigger `trig` in its clause (up
/// to `end`), else before it in its sentence (from `from`), from `data/weapons.tsv`, with
/// the model's span.
fn model_maker_at(triggers: &[&Hit], from: usize, trig: Span, end: usize) -> Option<(u16, Span)> {
    let g = Gazetteer::get();
    let maker = |h: &&Hit| g.trigger_of(h).and_then(|t| t.maker).map(|m| (m, h.span));
    triggers
        .iter()
        .filter(|o| o.span.start >= trig.end && o.span.end <= end)
        .find_map(maker)
        .or_else(|| {
            triggers
                .iter()
                .rev()
                .filter(|o| o.span.start >= from && o.span.end <= trig.start)
                .find_map(maker)
        })
}

/// Whether the agreement trigger `trig` signs a deal for weapons: a contract or a purchase
/// among the first words after it (before any « accord »), and a weapon after that in the
/// clause (up to `end`). « a signé avec Moscou un contrat pour onze Su-35 », not « a signé un
/// accord prévoyant l'achat de drones » (an accord, which may cover more).
fn signs_a_deal(fx: &SentenceFold, triggers: &[&Hit], trig: Span, end: usize) -> bool {
    const DEALS: [&str; 8] = [
        "contrat",
        "contrats",
        "achat",
        "achats",
        "acquisition",
        "commande",
        "commandes",
        "vente",
    ];
    let after = fx.slice(trig.end, end);
    let mut deal = false;
    for word in after.split([' ', '\'']).filter(|w| !w.is_empty()).take(8) {
        let word = word.trim_end_matches(',');
        if matches!(
            word,
            "accord" | "accords" | "protocole" | "traite" | "memorandum"
        ) {
            return false;
        }
        if DEALS.contains(&word) {
            deal = true;
            break;
        }
    }
    let g = Gazetteer::get();
    deal && triggers.iter().any(|o| {
        o.span.start >= trig.end
            && o.span.end <= end
            && g.trigger_of(o)
                .is_some_and(|t| t.frame == "object" || t.maker.is_some())
    })
}

/// [`model_maker_at`]'s state alone.
fn model_maker(triggers: &[&Hit], from: usize, trig: Span, end: usize) -> Option<u16> {
    model_maker_at(triggers, from, trig, end).map(|(m, _)| m)
}

/// Whether an arms object's trigger form names a warship (« navires », « frégate »…).
fn is_warship(form: &str) -> bool {
    ["navire", "fregate", "frégate", "corvette", "sous-marin"]
        .iter()
        .any(|w| form.starts_with(w))
}

/// Whether the date at `start` is introduced by « depuis » (« depuis 2017 », « Depuis fin
/// 2021 »): the time a presence has stood since, whatever clause it opens.
fn since_before(text: &str, start: usize) -> bool {
    let head = text.get(..start).unwrap_or("").trim_end();
    let word = head
        .rsplit(|c: char| !c.is_alphabetic())
        .next()
        .unwrap_or("");
    word.eq_ignore_ascii_case("depuis")
}

/// Whether a clause boundary (a comma, semicolon, colon, bracket, or « où », « qui »)
/// stands between two spans of one sentence.
fn clause_between(text: &str, a: Span, b: Span) -> bool {
    let (lo, hi) = if a.end <= b.start {
        (a.end, b.start)
    } else {
        (b.end, a.start)
    };
    text.get(lo..hi).is_some_and(|gap| {
        gap.contains([',', ';', ':', '(', ')']) || contains_any(gap, &[" où ", " qui "])
    })
}

/// The date a state of a list after the trigger has to itself, when the list gives its
/// states their own dates: « après les départs contraints du Mali en 2022, puis du Burkina
/// Faso et du Niger l'année suivante ». Another state and its date come between the
/// trigger and this state; this one is dated by the first date after it.
fn own_date<'d>(
    dates: &'d [DateRef],
    s: Span,
    trig: Span,
    local: &[Actor],
    (from, to): (u16, u16),
) -> Option<&'d DateRef> {
    // (The recipient first: « des soldats belges du Tchad » names the sender before it.)
    let after_trigger = |c: u16| {
        local
            .iter()
            .find(move |a| a.span.start >= trig.end && a.country == c)
    };
    let state = after_trigger(to).or_else(|| after_trigger(from))?;
    let in_sentence = starting_in(dates, s, |d| d.span);
    let mut after = in_sentence
        .iter()
        .filter(|d| s.contains(&d.span) && d.value.is_some() && d.span.start >= trig.end);
    // An earlier item with its date first (another state, then a date, before this
    // one), then the state's own.
    let earlier_item = after.clone().any(|d| {
        d.span.end <= state.span.start
            && local.iter().any(|a| {
                a.span.start >= trig.end
                    && a.span.end <= d.span.start
                    && a.country != from
                    && a.country != to
            })
    });
    earlier_item
        .then(|| after.find(|d| d.span.start >= state.span.end))
        .flatten()
}

fn nearest_date(dates: &[DateRef], s: Span, trig: Span) -> Option<&DateRef> {
    nearest_date_where(dates, s, trig, |_| true)
}

/// [`nearest_date`] among the dates that `keep` accepts.
fn nearest_date_where(
    dates: &[DateRef],
    s: Span,
    trig: Span,
    keep: impl Fn(&DateRef) -> bool,
) -> Option<&DateRef> {
    // Points and periods before open or multi-year ranges (« pendant les cinq prochaines années »).
    starting_in(dates, s, |d| d.span)
        .iter()
        .filter(|d| s.contains(&d.span) && d.value.is_some() && keep(d))
        .min_by_key(|d| {
            let dist = if d.span.start >= trig.end {
                d.span.start - trig.end
            } else {
                trig.start - d.span.end
            };
            (d.precision == Precision::Range, dist)
        })
}

/// What repeated reports of one event share: type and unordered pair.
type MergeKey = (EventType, u16, u16);

/// Merges repeated reports of one event inside an article: same type, same pair,
/// compatible dates.
///
/// A report in the `headline` takes the status of the body's first report of the same event
/// (« Des exercices navals conjoints au large d'Alger » … « mèneront du 15 au 20 novembre »).
fn merge_starting_in(events: Vec<RawEvent>, headline: Option<Span>) -> Vec<RawEvent> {
    let mut out: Vec<RawEvent> = Vec::with_capacity(events.len());
    // Candidates by type and unordered pair: linear in the number of events. The events of a
    // key are chained in order: the first and last of each key, and each one's next.
    // An article has a few keys: a list searched in order costs less than hashing them.
    let mut index: Vec<(MergeKey, (usize, usize))> = Vec::new();
    let mut next: Vec<Option<usize>> = Vec::with_capacity(events.len());
    // Whether each merged event's status was told by the body (false: by the headline only).
    let mut heard: Vec<bool> = Vec::with_capacity(events.len());
    for e in events {
        let key = (e.kind, e.from.min(e.to), e.from.max(e.to));
        let first = index
            .iter()
            .find(|(k, _)| *k == key)
            .map(|(_, ends)| ends.0);
        let mut chain = std::iter::successors(first, |&i| next.get(i).copied().flatten());
        let found = chain.find(
            |&i| match (out.get(i).and_then(|o| o.date.as_ref()), &e.date) {
                (Some(a), Some(b)) => compatible(a.value.as_deref(), b.value.as_deref()),
                _ => true,
            },
        );
        match found.and_then(|i| out.get_mut(i)) {
            Some(o) => {
                // A date the body names beats the one a headline was given (the publication
                // date, for « signent un accord » … « ont signé lundi »).
                let named = |x: &RawEvent| {
                    x.date
                        .as_ref()
                        .is_some_and(|d| d.span.start < d.span.end && x.sentence.contains(&d.span))
                };
                let given = o.date.as_ref().is_some_and(|d| d.span.start == d.span.end);
                let first = o.sentence.start == 0 || headline.is_some_and(|h| o.sentence == h);
                if o.date.is_none() || first && given && named(&e) {
                    // (The report that dates the event tells its status too: « ont évoqué la
                    // livraison » … « avait reçu en 2022 des hélicoptères ».)
                    if o.date.is_none() && e.date.is_some() {
                        o.status = e.status;
                    }
                    o.date = e.date;
                }
                let from_headline = found.and_then(|i| heard.get_mut(i));
                if let Some(heard) = from_headline.filter(|h| !**h) {
                    if headline.is_some_and(|h| e.sentence != h) {
                        *heard = true;
                        if o.status == Status::Done {
                            o.status = e.status;
                        }
                    }
                }
                if o.place.is_none() {
                    o.place = e.place;
                }
                if !o.directed && e.directed {
                    o.from = e.from;
                    o.to = e.to;
                    o.directed = true;
                }
                for p in e.people {
                    if !o.people.contains(&p) {
                        o.people.push(p);
                    }
                }
            }
            None => {
                let id = out.len();
                match index.iter_mut().find(|(k, _)| *k == key) {
                    Some((_, (_, last))) => {
                        if let Some(n) = next.get_mut(*last) {
                            *n = Some(id);
                        }
                        *last = id;
                    }
                    None => index.push((key, (id, id))),
                }
                next.push(None);
                heard.push(headline.is_none_or(|h| e.sentence != h));
                out.push(e);
            }
        }
    }
    out
}

/// True when two date values can describe the same event: equal, one inside the other
/// (`2024-01` and `2024-01-16`), in the same month, or a range holding the other.
pub fn compatible(a: Option<&str>, b: Option<&str>) -> bool {
    let (Some(a), Some(b)) = (a, b) else {
        return true;
    };
    if a == b || a.starts_with(b) || b.starts_with(a) {
        return true;
    }
    fn month(v: &str) -> Option<&str> {
        v.get(..7).filter(|m| {
            m.as_bytes().get(4) == Some(&b'-') && m[5..7].bytes().all(|c| c.is_ascii_digit())
        })
    }
    if let (Some(x), Some(y)) = (month(a), month(b)) {
        if x == y {
            return true;
        }
    }
    let inside = |range: &str, v: &str| -> bool {
        match range.split_once('/') {
            Some((lo, hi)) => {
                (lo == ".." || lo <= v) && (hi == ".." || v <= hi || v.starts_with(hi))
            }
            None => false,
        }
    };
    inside(a, b) || inside(b, a)
}

#[cfg(test)]
mod tests {
    use super::{compatible, has_future_verb, has_pronoun_before};

    /// A sentence's folded slices are the whole text's.
    #[test]
    fn sentence_fold_slices_like_folded() {
        use super::SentenceFold;
        use crate::translit::Folded;
        use crate::types::Span;
        let text = "Le Président Œdipe à Téhéran. L’armée ß x\u{200d}y, fin. Ça va";
        let fx = Folded::new(text);
        let cuts: Vec<usize> = (0..=text.len() + 2).collect();
        for s in [
            Span::new(0, 30),
            Span::new(31, 56),
            Span::new(57, text.len()),
            Span::new(3, 3),
        ] {
            let sf = SentenceFold::new(&fx, s);
            for &a in &cuts {
                for &b in &cuts {
                    assert_eq!(sf.slice(a, b), fx.slice(a, b), "{s:?} {a} {b}");
                }
            }
        }
    }

    /// The last two words are the first two non-empty pieces of a reverse split.
    #[test]
    fn last_two_words_like_rsplit() {
        for t in [
            "",
            " ",
            "a",
            "de la",
            "l'armee de l'",
            "par des, ",
            "x  y\u{2019}z  ",
            "à l'État",
            "12 3,,",
        ] {
            let mut w = t
                .rsplit(|c: char| !c.is_alphanumeric() && c != '\'')
                .filter(|w| !w.is_empty());
            let want = (w.next().unwrap_or(""), w.next().unwrap_or(""));
            assert_eq!(super::last_two_words(t), want, "{t:?}");
        }
    }

    /// The word scans give what splitting the text into words gives.
    #[test]
    fn word_scans_match_splitting() {
        let pronoun = |f: &str| {
            f.split(|c: char| !c.is_alphanumeric() && c != '-')
                .any(|w| matches!(w, "il" | "elle" | "ils" | "elles" | "celui-ci" | "celle-ci"))
        };
        let future = |f: &str| {
            f.split(|c: char| !c.is_alphanumeric()).any(|w| {
                let regular = w.ends_with("era")
                    || w.ends_with("eront")
                    || w.ends_with("ira")
                    || w.ends_with("iront");
                let irregular = super::IRREGULAR_FUTURES.iter().any(|e| w.ends_with(e))
                    && (!w.ends_with("rendra") || w == "rendra" || w.ends_with("prendra"));
                (w.len() > 5 || matches!(w, "sera" | "fera" | "aura" | "ira"))
                    && (regular || irregular)
                    && !matches!(w, "cathedrale" | "generale" | "premiera" | "operera")
            })
        };
        let text = "elle, il-y ils; elles celui-ci celle-cix fil pile lui-meme \u{3b1}il elleβ -il- 12il il\u{300} \
                    il signera, ils signeront l'operera operera premiera viendra ira deliberera xsignera\u{3b1} \
                    ecrira cathedrale retira. pourront dira iront courront. \u{ab}il\u{bb} \u{ab}elles ce celui-ci\u{3b1} \
                    operateur signerait operera\u{bb} chantera\u{2019} \u{3b1}\u{3b2}signeront-ils \
                    se tiendra sierra narendra comprendra devront soutiendront sera fera aura laura";
        let cuts: Vec<usize> = (0..=text.len())
            .filter(|&i| text.is_char_boundary(i))
            .collect();
        for &a in &cuts {
            for &b in cuts.iter().filter(|&&b| b >= a) {
                let f = &text[a..b];
                assert_eq!(has_pronoun_before(f), pronoun(f), "{f:?}");
                assert_eq!(has_future_verb(f), future(f), "{f:?}");
            }
        }
    }

    #[test]
    fn date_compatibility() {
        assert!(compatible(Some("2024-01"), Some("2024-01-16")));
        assert!(compatible(Some("2021-11-25"), Some("2021-11-30")));
        assert!(compatible(
            Some("2014-04-08/2018-04-08"),
            Some("2018-04-08")
        ));
        assert!(!compatible(Some("2018-06"), Some("2018-FA")));
        assert!(!compatible(Some("2015-02"), Some("2015-SU")));
        assert!(compatible(None, Some("2015-SU")));
    }
}
