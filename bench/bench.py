#!/usr/bin/env python3
"""Helpers of bench/run.sh (python3 standard library; the `spacy` step runs in bench/.venv).

    bench.py corpus OUT --mb N --sample-mb S   write the comparison corpus (UTF-8 .txt files)
    bench.py timed OUT.json -- CMD...          run CMD, record its wall-clock time and exit code
    bench.py spacy DIR                         fr_core_news_sm over DIR's files (JSON on stdout)
    bench.py report OUTDIR RESULTS.json        collect target/bench/out/* into results.json, print table

See the header of bench/run.sh for what is measured and how.
"""

import json
import os
import platform
import re
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


# --- corpus ----------------------------------------------------------------------------


def base_articles():
    """The seed and dev articles (.txt), decoded (UTF-8, else Windows-1252)."""
    paths = sorted((ROOT / "seeds").glob("*.txt"))
    dev = ROOT.parent / "shared" / "eval" / "dev"
    paths += sorted(dev.glob("*.txt"))
    out = []
    for p in paths:
        raw = p.read_bytes()
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            text = raw.decode("cp1252", errors="replace")
        out.append((p.stem, text.lstrip("\ufeff")))
    return out


def corpus(argv):
    import argparse
    import shutil

    ap = argparse.ArgumentParser(prog="bench.py corpus")
    ap.add_argument("out")
    ap.add_argument("--mb", type=float, required=True)
    ap.add_argument("--sample-mb", type=float, required=True)
    a = ap.parse_args(argv)
    out = Path(a.out)
    bases = base_articles()
    if not bases:
        sys.exit("bench.py corpus: no base articles in seeds/ or ../shared/eval/dev/")
    manifest = {
        "mb": a.mb,
        "sample_mb": a.sample_mb,
        "bases": [[n, len(t)] for n, t in bases],
        "format": 1,
    }
    mpath = out / "manifest.json"
    if mpath.exists():
        try:
            old = json.loads(mpath.read_text())
        except ValueError:
            old = {}
        if {k: old.get(k) for k in manifest} == manifest:
            print(json.dumps(old))
            return
    shutil.rmtree(out, ignore_errors=True)
    full, sample = out / "full", out / "sample"
    target, sample_target = int(a.mb * 1e6), int(a.sample_mb * 1e6)
    total = files = s_total = s_files = 0
    sample_done = False
    i = 0
    while total < target:
        rnd, k = divmod(i, len(bases))
        name, text = bases[k]
        # Each copy ends with its own line, so no two files are identical.
        body = f"{text.rstrip()}\n\nDépêche n° {i}.\n".encode("utf-8")
        rel = Path(f"r{rnd:04d}") / f"{name}.txt"
        (full / rel).parent.mkdir(parents=True, exist_ok=True)
        (full / rel).write_bytes(body)
        total += len(body)
        files += 1
        # The sample is the first files of the corpus (whole rounds of every base article),
        # hard-linked, so entente and spaCy read exactly the same bytes.
        if not sample_done:
            if k == 0 and s_total >= sample_target:
                sample_done = True
            else:
                (sample / rel).parent.mkdir(parents=True, exist_ok=True)
                os.link(full / rel, sample / rel)
                s_total += len(body)
                s_files += 1
        i += 1
    manifest.update(
        bytes=total, files=files, sample_bytes=s_total, sample_files=s_files,
        base_articles=len(bases),
    )
    mpath.write_text(json.dumps(manifest) + "\n")
    print(json.dumps(manifest))


# --- timed -----------------------------------------------------------------------------


def timed(argv):
    out, sep, cmd = argv[0], argv[1], argv[2:]
    assert sep == "--" and cmd, "usage: bench.py timed OUT.json -- CMD..."
    t = time.perf_counter()
    with open(os.devnull, "wb") as null:
        code = subprocess.call(cmd, stdout=null)
    s = time.perf_counter() - t
    ru = resource.getrusage(resource.RUSAGE_CHILDREN)
    Path(out).write_text(json.dumps({"cmd": cmd, "wall_s": s, "exit": code,
                                     "cpu_s": ru.ru_utime + ru.ru_stime,
                                     "rusage_children_maxrss_kb": ru.ru_maxrss}) + "\n")
    sys.exit(code)


# --- spacy -----------------------------------------------------------------------------


def files_of(d):
    """Files as entente walks a directory: recursively, sorted by path."""
    exts = {".txt", ".html", ".htm", ".md", ".markdown"}
    return sorted(p for p in Path(d).rglob("*") if p.is_file() and p.suffix.lower() in exts)


def run_spacy(argv):
    import spacy

    d = argv[0]
    t = time.perf_counter()
    nlp = spacy.load("fr_core_news_sm")
    load_s = time.perf_counter() - t
    paths = files_of(d)
    texts = [p.read_bytes().decode("utf-8") for p in paths]
    nbytes = sum(len(x.encode("utf-8")) for x in texts)
    ents = tokens = 0
    t, c = time.perf_counter(), time.process_time()
    for doc in nlp.pipe(texts):  # the default pipeline, one process
        ents += len(doc.ents)
        tokens += len(doc)
    s, cpu = time.perf_counter() - t, time.process_time() - c
    meta = nlp.meta
    print(json.dumps({
        "dir": d,
        "files": len(paths),
        "bytes": nbytes,
        "load_s": load_s,
        "pipe_s": s,
        "pipe_cpu_s": cpu,
        "mb_per_s": nbytes / 1e6 / s,
        "cpu_mb_per_s": nbytes / 1e6 / cpu,
        "articles_per_s": len(paths) / s,
        "entities": ents,
        "tokens": tokens,
        "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024 / 1e6,
        "spacy": spacy.__version__,
        "model": f"{meta.get('lang')}_{meta.get('name')} {meta.get('version')}",
        "pipeline": nlp.pipe_names,
        "python": platform.python_version(),
    }))


# --- report ----------------------------------------------------------------------------


def load(path):
    try:
        return json.loads(Path(path).read_text())
    except (OSError, ValueError):
        return None


def parse_bench(text):
    """Figures printed by `entente bench`."""
    r = {}
    m = re.search(r"corpus: ([\d.]+) MB, (\d+) articles", text)
    if m:
        r["corpus_mb"], r["articles"] = float(m[1]), int(m[2])
    m = re.search(r"decode\+analyze \(1 thread\): ([\d.]+) s, ([\d.]+) MB/s, (\d+) articles/s", text)
    if m:
        r["analyze_s"], r["mb_per_s"], r["articles_per_s"] = float(m[1]), float(m[2]), int(m[3])
    m = re.search(r"analyze_corpus incl\. merge: ([\d.]+) s, ([\d.]+) MB/s", text)
    if m:
        r["corpus_s"], r["corpus_mb_per_s"] = float(m[1]), float(m[2])
    m = re.search(r"merge alone: ([\d.]+) s", text)
    if m:
        r["merge_s"] = float(m[1])
    for key, label in [("peak_mb_before", "before analysis"),
                       ("peak_mb_analyze", "after decode\\+analyze"),
                       ("peak_mb_corpus", "after analyze_corpus")]:
        m = re.search(rf"peak memory {label}: ([\d.]+) MB", text)
        if m:
            r[key] = float(m[1])
    stages = {}
    for m in re.finditer(r"^  (\w[\w ]*?) +([\d.]+) ms +([\d.]+) % +([\d.]+) MB/s$", text, re.M):
        stages[m[1]] = {"ms": float(m[2]), "percent": float(m[3]), "mb_per_s": float(m[4])}
    if stages:
        r["stages"] = stages
    return r


def parse_time_v(text):
    r = {}
    m = re.search(r"Maximum resident set size \(kbytes\): (\d+)", text)
    if m:
        r["max_rss_mb"] = int(m[1]) * 1024 / 1e6
    m = re.search(r"Elapsed \(wall clock\) time[^:]*: ([\d:.]+)", text)
    if m:
        s = 0.0
        for part in m[1].split(":"):
            s = s * 60 + float(part)
        r["time_v_wall_s"] = s
    m = re.search(r"User time \(seconds\): ([\d.]+)", text)
    if m:
        r["user_s"] = float(m[1])
    m = re.search(r"System time \(seconds\): ([\d.]+)", text)
    if m:
        r["sys_s"] = float(m[1])
    return r


def runs(outdir, prefix):
    """The timed runs OUT/prefix-N.json with their /usr/bin/time -v figures."""
    out = []
    for p in sorted(Path(outdir).glob(f"{prefix}-*.json")):
        r = load(p)
        if not r:
            continue
        tv = p.with_suffix(".time")
        if tv.exists():
            r.update(parse_time_v(tv.read_text(errors="replace")))
        out.append(r)
    return out


def fmt(x, nd=2):
    return "n/a" if x is None else f"{x:,.{nd}f}"


def report(argv):
    outdir, results_path = Path(argv[0]), Path(argv[1])
    info = load(outdir / "run.json") or {}
    res = {"run": info, "native": None, "spacy": None, "page": None}
    rows = []
    pin = info.get("pin", "")
    bin_ = "target/release/entente"

    def row(measure, value, target, ok, command):
        mark = "" if ok is None else (" ✅" if ok else " ❌")
        rows.append((measure, value, target + mark, f"`{command}`"))

    # Native.
    bench = [parse_bench(p.read_text()) for p in sorted(outdir.glob("bench-*.txt"))]
    bench = [b for b in bench if "mb_per_s" in b]
    corpus = load(outdir / "corpus.json")
    full = [r for r in runs(outdir, "analyze-full") if r.get("exit") == 0]
    samp = [r for r in runs(outdir, "analyze-sample") if r.get("exit") == 0]
    if bench or full:
        nat = {"bench_runs": bench}
        if bench:
            best = max(bench, key=lambda b: b["mb_per_s"])
            nat["bench_best"] = best
            mbs = [b["mb_per_s"] for b in bench]
            rng = f" (runs: {', '.join(fmt(x) for x in mbs)})" if len(mbs) > 1 else ""
            cmd = f"{pin}{bin_} bench --mb {info.get('bench_mb')}"
            row(f"native throughput, 1 core, `entente bench` in memory, "
                f"{best.get('corpus_mb')} MB = {best.get('articles'):,} articles, best of {len(bench)}",
                f"**{fmt(best['mb_per_s'])} MB/s**, {best['articles_per_s']:,} articles/s{rng}",
                "≥ 30 MB/s", best["mb_per_s"] >= 30, cmd)
            row("  same, `analyze_corpus` incl. cross-article merge",
                f"{fmt(best.get('corpus_mb_per_s'))} MB/s (merge alone {fmt(best.get('merge_s'))} s)",
                "—", None, cmd)
            row("  peak memory (VmHWM): one article at a time / holding every analysis",
                f"{fmt(best.get('peak_mb_analyze'), 1)} MB / {fmt(best.get('peak_mb_corpus'), 1)} MB",
                "—", None, cmd)
        if corpus and full:
            mb = corpus["bytes"] / 1e6
            bestf = min(full, key=lambda r: r["wall_s"])
            cpu_best = min(r["cpu_s"] for r in full)
            nat["cli_full"] = {"corpus_mb": mb, "files": corpus["files"], "runs": full,
                               "best_mb_per_s": mb / bestf["wall_s"],
                               "best_cpu_mb_per_s": mb / cpu_best}
            rng = (f" (runs: {', '.join(fmt(mb / r['wall_s']) for r in full)})"
                   if len(full) > 1 else "")
            row(f"native throughput, 1 core, CLI on {mb:.2f} MB = {corpus['files']:,} files "
                f"(wall clock incl. start, reading, JSONL output), best of {len(full)}",
                f"**{fmt(mb / bestf['wall_s'])} MB/s**, {corpus['files'] / bestf['wall_s']:,.0f} "
                f"files/s, {bestf['wall_s']:.2f} s{rng}; by CPU time {fmt(mb / cpu_best)} MB/s",
                "≥ 30 MB/s", mb / bestf["wall_s"] >= 30,
                f"{pin}{bin_} analyze target/bench/corpus/full --format jsonl > /dev/null")
            row("  CLI peak memory (max RSS, /usr/bin/time -v)",
                f"{fmt(bestf.get('max_rss_mb'), 1)} MB", "—", None,
                f"/usr/bin/time -v {pin}{bin_} analyze target/bench/corpus/full --format jsonl")
        res["native"] = nat

    # spaCy side by side, on the same files.
    sp = load(outdir / "spacy.json")
    if sp and corpus:
        smb = corpus["sample_bytes"] / 1e6
        res["spacy"] = {"spacy": sp}
        row(f"spaCy `{sp['model']}` (spaCy {sp['spacy']}), 1 core, `nlp.pipe`, default pipeline, "
            f"on {smb:.2f} MB = {sp['files']:,} files (model load {sp['load_s']:.1f} s not counted)",
            f"**{sp['mb_per_s']:.4f} MB/s**, {sp['articles_per_s']:.1f} articles/s, "
            f"by CPU time {sp.get('cpu_mb_per_s', 0):.4f} MB/s, "
            f"peak {sp['peak_rss_mb']:.0f} MB", "—", None,
            f"{pin}bench/.venv/bin/python bench/bench.py spacy target/bench/corpus/sample")
        if samp:
            bests = min(samp, key=lambda r: r["wall_s"])
            e_mbs = smb / bests["wall_s"]
            e_cpu = smb / min(r["cpu_s"] for r in samp)
            ratio, ratio_cpu = e_mbs / sp["mb_per_s"], e_cpu / sp["cpu_mb_per_s"]
            tiny = [r for r in runs(outdir, "analyze-tiny") if r.get("exit") == 0]
            start_s = min(r["wall_s"] for r in tiny) if tiny else None
            res["spacy"].update(
                entente_same_bytes={"runs": samp, "best_mb_per_s": e_mbs, "best_cpu_mb_per_s": e_cpu},
                entente_start_s=start_s, ratio_same_bytes=ratio, ratio_same_bytes_cpu=ratio_cpu)
            row(f"entente CLI on the same {smb:.2f} MB, best of {len(samp)} (wall clock, its "
                f"process start of {fmt(start_s and start_s * 1000, 0)} ms included)",
                f"{fmt(e_mbs)} MB/s, {bests['wall_s']:.2f} s; by CPU time {fmt(e_cpu)} MB/s",
                "—", None, f"{pin}{bin_} analyze target/bench/corpus/sample --format jsonl > /dev/null")
            row("**entente ÷ spaCy**, same bytes, 1 core each",
                f"**{ratio:,.0f}×** wall clock, {ratio_cpu:,.0f}× by CPU time",
                "≥ 1000×", ratio >= 1000, "bench/run.sh --native-only")
        if bench:
            r2 = res["native"]["bench_best"]["mb_per_s"] / sp["mb_per_s"]
            res["spacy"]["ratio_bench_vs_spacy"] = r2
            row("  entente ÷ spaCy, `entente bench` in-memory figure ÷ spaCy figure (not the same bytes)",
                f"{r2:,.0f}×", "≥ 1000×", r2 >= 1000, "bench/run.sh --native-only")

    # The page (e2e figures).
    fig = load(outdir / "figures.json")
    if fig:
        res["page"] = {"figures": fig, "e2e_exit": info.get("e2e_exit")}
        e2e = "bench/run.sh --page-only  (node --test e2e/app.test.mjs, 3 tests)"
        v = fig.get("seedsVisibleMs")
        if v is not None:
            row("page: seeds visible after navigation, fresh tab, best of 3 "
                f"(cold browser: {fig.get('seedsVisibleColdMs')} ms)",
                f"**{v / 1000:.2f} s**", "< 1 s", v < 1000, e2e)
        v = fig.get("thousandArticlesMs")
        if v is not None:
            ws = fig.get("workerStats") or {}
            extra = ""
            if ws:
                extra = (f" (worker: analysis {ws.get('analyzeMs', 0) / 1000:.1f} s, "
                         f"merging {ws.get('mergeMs', 0) / 1000:.1f} s)")
            row("page: 1,000 dropped articles analysed and shown",
                f"**{v / 1000:.2f} s**{extra}", "< 3 s", v < 3000, e2e)
        v = fig.get("thousandArticlesLongestTaskMs")
        if v is not None:
            row("page: longest main-thread task during the 1,000-article drop (Long Tasks API; "
                f"{fig.get('thousandArticlesLongTasks')} tasks over 50 ms)", f"**{v} ms**", "< 200 ms", v < 200, e2e)
        v = fig.get("thousandArticlesMaxFrameGapMs")
        if v is not None:
            row("page: longest gap between animation frames during the 1,000-article drop",
                f"{v} ms", "—", None, e2e)
        v, g = fig.get("wasmBytes"), fig.get("wasmGzipBytes")
        if g is not None:
            row("page: wasm size, raw / gzip -9",
                f"{v / 1e3:,.0f} KB / **{g / 1e3:,.0f} KB**", "≤ 600 KB gzip", g <= 600e3, e2e)

    res["table"] = [dict(zip(("measure", "value", "target", "command"), r)) for r in rows]
    results_path.write_text(json.dumps(res, indent=2, ensure_ascii=False) + "\n")

    print(f"Figures of {info.get('date', '?')}, commit {info.get('commit', '?')}"
          f"{' (work tree modified)' if info.get('dirty') else ''}, {info.get('cpu', '?')}, "
          f"{info.get('nproc', '?')} cores, load {info.get('load_start', '?')} at start, "
          f"{info.get('load_end', '?')} at the end{'; --quick run' if info.get('quick') else ''}.")
    print()
    print("| measure | value | target | command |")
    print("|---|---|---|---|")
    for r in rows:
        print("| " + " | ".join(c.replace("|", "\\|") for c in r) + " |")
    if not rows:
        print("| (nothing measured) | | | |")


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    cmd, argv = sys.argv[1], sys.argv[2:]
    {"corpus": corpus, "timed": timed, "spacy": run_spacy, "report": report}.get(
        cmd, lambda _: sys.exit(__doc__))(argv)


if __name__ == "__main__":
    main()
