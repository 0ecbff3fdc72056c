//! Recognisers: each finds one kind of thing in the cleaned text.
//!
//! - [`places`]: countries (names, adjectives, capitals standing for their state) and cities;
//! - [`people`]: person names with role and country, and in-article coreference;
//! - [`leaders`]: the state of a head of state or government the text gives no clue to;
//! - [`orgs`]: organizations, by lexicon and by pattern;
//! - [`dates`]: temporal expressions, normalized against a reference date.

pub mod dates;
pub mod leaders;
pub mod orgs;
pub mod people;
pub mod places;
