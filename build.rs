//! Copies the lexicons of `data/` into `OUT_DIR` without their comment lines, for
//! `include_str!` (src/gazetteer.rs, src/clean.rs): the headers say where each list comes
//! from for a reader of the repository; the binary, and above all the page's WebAssembly,
//! does not need to carry them (every parser skips `#` lines anyway).

use std::path::Path;

fn main() {
    let out = std::env::var("OUT_DIR").expect("cargo sets OUT_DIR");
    for name in [
        "countries.tsv",
        "cities.tsv",
        "regions.tsv",
        "orgs.tsv",
        "given_names.txt",
        "roles.tsv",
        "leaders.tsv",
        "triggers.tsv",
        "weapons.tsv",
        "furniture.tsv",
    ] {
        let src = Path::new("data").join(name);
        println!("cargo:rerun-if-changed={}", src.display());
        let text = std::fs::read_to_string(&src).expect("data file");
        let kept: String = text
            .lines()
            .filter(|l| !l.starts_with('#'))
            .flat_map(|l| [l, "\n"])
            .collect();
        std::fs::write(Path::new(&out).join(name), kept).expect("write OUT_DIR copy");
    }
}
