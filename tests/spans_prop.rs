//! Property tests: whatever the input, analysis never panics and every span it returns
//! lies inside the text, on char boundaries, with original offsets inside the file.

use entente::{analyze, decode::decode, Analysis, Offsets};
use proptest::prelude::*;

fn check_offsets(
    a: &Analysis,
    o: &Offsets,
    orig_len: usize,
    what: &str,
) -> Result<(), TestCaseError> {
    let t = &a.text;
    prop_assert!(
        o.start <= o.end && o.end <= t.len(),
        "{what}: {o:?} outside text of {} bytes",
        t.len()
    );
    prop_assert!(
        t.is_char_boundary(o.start) && t.is_char_boundary(o.end),
        "{what}: {o:?} not on char boundaries"
    );
    prop_assert!(
        o.orig_start <= o.orig_end && o.orig_end <= orig_len,
        "{what}: {o:?} outside original of {orig_len} bytes"
    );
    Ok(())
}

fn check_all(bytes: &[u8], name: &str) -> Result<(), TestCaseError> {
    let Ok(doc) = decode(name, bytes) else {
        return Ok(());
    };
    let a = analyze(&doc);
    let n = bytes.len();
    for e in &a.excluded {
        check_offsets(&a, &e.at, n, "excluded")?;
    }
    for c in &a.countries {
        for m in &c.mentions {
            check_offsets(&a, m, n, "country")?;
        }
    }
    for p in &a.people {
        for m in &p.mentions {
            check_offsets(&a, m, n, "person")?;
        }
    }
    for p in &a.places {
        for m in &p.mentions {
            check_offsets(&a, m, n, "place")?;
        }
    }
    for o in &a.organizations {
        for m in &o.mentions {
            check_offsets(&a, m, n, "org")?;
        }
    }
    for d in &a.dates {
        check_offsets(&a, &d.at, n, "date")?;
        prop_assert_eq!(&a.text[d.at.start..d.at.end], d.span.as_str());
    }
    for e in &a.events {
        check_offsets(&a, &e.evidence_at, n, "evidence")?;
        check_offsets(&a, &e.trigger_at, n, "trigger")?;
        if let Some(d) = &e.date_at {
            check_offsets(&a, d, n, "event date")?;
        }
        prop_assert_eq!(
            &a.text[e.evidence_at.start..e.evidence_at.end],
            e.evidence.as_str()
        );
    }
    Ok(())
}

fn seeds() -> Vec<Vec<u8>> {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/seeds");
    let mut v: Vec<Vec<u8>> = std::fs::read_dir(dir)
        .map(|rd| {
            rd.filter_map(|e| e.ok())
                .filter_map(|e| std::fs::read(e.path()).ok())
                .collect()
        })
        .unwrap_or_default();
    v.sort();
    v
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, .. ProptestConfig::default() })]

    #[test]
    fn arbitrary_strings(s in "\\PC{0,400}") {
        check_all(s.as_bytes(), "a.txt")?;
    }

    #[test]
    fn french_like_strings(s in "([A-ZÉÈ][a-zéèêàçïô’'-]{0,12}[ ,.«»\u{a0}\n]{1,3}|[0-9]{1,4} |le |la |à |au |en ){0,80}") {
        check_all(s.as_bytes(), "a.txt")?;
    }

    #[test]
    fn arbitrary_bytes(b in proptest::collection::vec(any::<u8>(), 0..600)) {
        check_all(&b, "a.txt")?;
        check_all(&b, "a.html")?;
        check_all(&b, "a.md")?;
    }

    #[test]
    fn markdown_like_strings(s in "([#>*_`~!<>()\\[\\] \n.:/-]|[A-ZÉ][a-zé’']{0,8}|[0-9]{1,3}|le |à |https?://x ){0,120}") {
        check_all(s.as_bytes(), "a.md")?;
    }

    #[test]
    fn mutated_seed_articles(which in 0usize..5, cut in 0usize..4000, len in 0usize..300, junk in proptest::collection::vec(any::<u8>(), 0..40)) {
        let seeds = seeds();
        prop_assume!(!seeds.is_empty());
        let mut bytes = seeds[which % seeds.len()].clone();
        let at = cut.min(bytes.len());
        let end = (at + len).min(bytes.len());
        bytes.splice(at..end, junk);
        check_all(&bytes, "a.txt")?;
    }
}
