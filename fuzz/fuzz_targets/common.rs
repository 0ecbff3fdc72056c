//! Shared by the targets: decode + analyse, then check every span of the result.

use entente::{analyze, decode::decode, Analysis, Offsets};

fn check(a: &Analysis, o: &Offsets, orig_len: usize, what: &str) {
    let t = &a.text;
    assert!(o.start <= o.end && o.end <= t.len(), "{what}: {o:?} outside text of {} bytes", t.len());
    assert!(t.is_char_boundary(o.start) && t.is_char_boundary(o.end), "{what}: {o:?} not on char boundaries");
    assert!(o.orig_start <= o.orig_end && o.orig_end <= orig_len, "{what}: {o:?} outside original of {orig_len} bytes");
}

/// Decodes `bytes` as a file called `name`, analyses it, and checks every returned span.
pub fn run(name: &str, bytes: &[u8]) {
    let Ok(doc) = decode(name, bytes) else { return };
    // The offset map stays inside the file and monotone.
    let mut prev = 0;
    for (t, _) in doc.text.char_indices() {
        let o = doc.map.to_orig(t);
        assert!(o <= bytes.len() && o >= prev, "map at {t}: {o} (prev {prev}, len {})", bytes.len());
        prev = o;
    }
    let a = analyze(&doc);
    let n = bytes.len();
    for e in &a.excluded {
        check(&a, &e.at, n, "excluded");
    }
    for m in a.countries.iter().flat_map(|c| &c.mentions) {
        check(&a, m, n, "country");
    }
    for m in a.people.iter().flat_map(|p| &p.mentions) {
        check(&a, m, n, "person");
    }
    for m in a.places.iter().flat_map(|p| &p.mentions) {
        check(&a, m, n, "place");
    }
    for m in a.organizations.iter().flat_map(|o| &o.mentions) {
        check(&a, m, n, "org");
    }
    for d in &a.dates {
        check(&a, &d.at, n, "date");
        assert_eq!(&a.text[d.at.start..d.at.end], d.span.as_str());
    }
    for e in &a.events {
        check(&a, &e.evidence_at, n, "evidence");
        check(&a, &e.trigger_at, n, "trigger");
        if let Some(d) = &e.date_at {
            check(&a, d, n, "event date");
        }
        assert_eq!(&a.text[e.evidence_at.start..e.evidence_at.end], e.evidence.as_str());
    }
}
