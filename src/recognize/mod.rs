//! Recognisers: each finds one kind of thing in the cleaned text.
//!
//! - [`places`]: countries (names, adjectives, capitals standing for their state) and cities;
//! - [`people`]: person names with role and country, and in-article coreference;
//! - [`orgs`]: organizations, by lexicon and by pattern;
//! - [`dates`]: temporal expressions, normalized against a reference date.

pub mod dates;
pub mod orgs;
pub mod people;
pub mod places;
