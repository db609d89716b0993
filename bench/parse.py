"""Resume parsing accuracy and speed.

    .venv/bin/python bench/parse.py [FOLDER] [--processes N] [--limit N] [--no-accuracy]

Accuracy: field-level precision, recall and F1 (name, email, phone, location, companies,
titles, schools, degrees; lenient and strict) of the offline parser on the project's own
hand-labelled resumes (tests/parsing/labelled.py: countries, languages, professions,
layouts; rendered as text, PDF and DOCX), with the misses.

Speed: extraction plus offline structuring over a folder of PDF resumes, side by side with
bare pypdf extraction of the same files in the same run. FOLDER defaults to
../shared/data/resumes/livecareer-dev when it exists. Prints resumes per second,
per-resume latency (p50/p95), what structuring adds over extraction, peak memory per worker
process, and how many of pypdf's words our extraction also finds.
"""

from __future__ import annotations

import argparse
import os
import re
import resource
import statistics
import sys
import time
from collections import Counter
from multiprocessing import Pool
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
DEFAULT_FOLDER = ROOT.parent / "shared" / "data" / "resumes" / "livecareer-dev"
TARGETS = {"resumes_per_second": 20.0, "structuring_overhead": 0.25, "peak_mb": 300.0,
           "word_agreement": 0.98}


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def _words(text: str) -> Counter:
    return Counter(re.findall(r"\w+", text.lower()))


def ours(path: str) -> tuple[str, float, float, Counter, float, str | None]:
    """(path, extraction s, structuring s, words, peak MB, error)"""
    from webapp.ai.extract import ExtractionError, extract_text
    from webapp.ai.resume import structure

    data = Path(path).read_bytes()
    start = time.perf_counter()
    try:
        text = extract_text(data, "pdf")
    except ExtractionError as error:
        return path, time.perf_counter() - start, 0.0, Counter(), _peak_mb(), str(error)
    extracted = time.perf_counter()
    structure(text, {})
    return path, extracted - start, time.perf_counter() - extracted, _words(text), _peak_mb(), None


def bare_pypdf(path: str) -> tuple[str, float, Counter, float]:
    from pypdf import PdfReader

    start = time.perf_counter()
    text = "\n".join(page.extract_text() or "" for page in PdfReader(path).pages)
    return path, time.perf_counter() - start, _words(text), _peak_mb()


def _warm_up(_: object = None) -> None:
    from webapp.ai.catalogue import catalogue
    from webapp.ai.resume import structure

    catalogue()
    structure("Warm up\nSkills\nPython", {})


def run(files: list[str], processes: int) -> None:
    with Pool(processes) as pool:
        pool.map(_warm_up, range(processes))  # imports and the catalogue, outside the timing
        started = time.perf_counter()
        results = pool.map(ours, files, chunksize=4)
        ours_wall = time.perf_counter() - started
        started = time.perf_counter()
        baseline = pool.map(bare_pypdf, files, chunksize=4)
        pypdf_wall = time.perf_counter() - started

    latencies = sorted(extract + shape for _, extract, shape, _, _, _ in results)
    extraction = sum(extract for _, extract, _, _, _, _ in results)
    structuring = sum(shape for _, _, shape, _, _, _ in results)
    failures = [(path, error) for path, _, _, _, _, error in results if error]
    peak = max(mb for *_, mb, _ in results)
    reference = {path: words for path, _, words, _ in baseline}
    found = sum(sum((words & reference[path]).values()) for path, _, _, words, _, _ in results)
    total_words = sum(sum(words.values()) for words in reference.values())
    rate = len(files) / ours_wall
    overhead = structuring / extraction if extraction else 0.0
    agreement = found / total_words if total_words else 1.0

    print(f"{len(files)} resumes, {processes} worker processes")
    print(f"extraction + offline parsing: {rate:6.1f} resumes/s   "
          f"(target >= {TARGETS['resumes_per_second']:.0f})")
    print(f"  latency per resume: p50 {_ms(latencies, 0.5)} ms, p95 {_ms(latencies, 0.95)} ms")
    print(f"  structuring adds {overhead:.0%} to extraction time   "
          f"(target <= {TARGETS['structuring_overhead']:.0%})")
    print(f"  peak memory per worker: {peak:.0f} MB   (target <= {TARGETS['peak_mb']:.0f} MB)")
    print(f"  failed to read: {len(failures)}" + (f" (e.g. {failures[0][1]})" if failures else ""))
    print(f"bare pypdf extraction:        {len(files) / pypdf_wall:6.1f} resumes/s   "
          f"(ours is {pypdf_wall / ours_wall:.1f}x as fast)")
    print(f"words of pypdf's text also in ours: {agreement:.1%}   "
          f"(target >= {TARGETS['word_agreement']:.0%})")
    met = (rate >= TARGETS["resumes_per_second"] and overhead <= TARGETS["structuring_overhead"]
           and peak <= TARGETS["peak_mb"] and agreement >= TARGETS["word_agreement"])
    print("all targets met" if met else "NOT all targets met")


def accuracy() -> None:
    from tests.parsing.field_scores import TARGETS, misses, scores
    from tests.parsing.labelled import PEOPLE, render
    from webapp.ai.resume import parse_resume, structure

    samples = []
    for person in PEOPLE:
        content, fmt = render(person)
        parsed = structure(content, {}) if fmt == "text" else parse_resume(content, fmt)
        samples.append((person, parsed.data))
    lenient, strict = scores(samples), scores(samples, lenient=False)
    languages = sorted({person.lang for person in PEOPLE})
    print(f"accuracy on {len(PEOPLE)} labelled resumes ({', '.join(languages)}; "
          f"{len({person.layout for person in PEOPLE})} layouts; text, PDF, DOCX)")
    print(f"  {'field':<10} {'P':>5} {'R':>5} {'F1':>5}  {'strict F1':>9}  target")
    unmet = []
    for field, tally in lenient.items():
        met = tally.f1 >= TARGETS[field]
        unmet += [] if met else [field]
        print(f"  {field:<10} {tally.precision:5.2f} {tally.recall:5.2f} {tally.f1:5.2f}  "
              f"{strict[field].f1:9.2f}  >= {TARGETS[field]:.2f} {'met' if met else 'NOT met'}")
    for field in lenient:
        for miss in misses(samples, field)[:3]:
            print(f"  miss {field}: {miss}")
    print("all accuracy targets met on this set" if not unmet else f"NOT met: {', '.join(unmet)}")


def _ms(values: list[float], share: float) -> str:
    if len(values) < 2:
        return f"{values[0] * 1000:.0f}" if values else "-"
    return f"{statistics.quantiles(values, n=100)[int(share * 100) - 1] * 1000:.0f}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", nargs="?", type=Path, default=DEFAULT_FOLDER)
    parser.add_argument("--processes", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--limit", type=int, default=0, help="only the first N files")
    parser.add_argument("--no-accuracy", action="store_true", help="speed only")
    args = parser.parse_args()
    if not args.no_accuracy:
        accuracy()
    if not args.folder.is_dir():
        sys.exit(f"No folder {args.folder}; pass a folder of PDF resumes.")
    files = sorted(str(path) for path in args.folder.rglob("*.pdf"))
    if args.limit:
        files = files[:args.limit]
    if not files:
        sys.exit(f"No PDF files under {args.folder}.")
    run(files, args.processes)


if __name__ == "__main__":
    main()
