"""Ranking quality on real resumes: for job posts of each category of
../shared/data/resumes/livecareer-dev, rank the whole pool and score how well the resumes of
that category come first (P@10, nDCG@10, MAP), for the engine and two baselines computed in
the same run over each resume's whole text: TF-IDF cosine and BM25 (k1 1.2, b 0.75).

    .venv/bin/python bench/rank_quality.py [FOLDER] [--posts FILE] [--processes N] [--cache FILE]

Two post sets, reported apart:
  (a) the posts below, written alongside the engine;
  (b) ../shared/data/posts/livecareer-dev-posts.json, written independently. Nothing is tuned
      on (b).
Then a leave-half-out figure: a few of the engine's weights are chosen on six categories'
(a) posts (a small grid, the best mean nDCG@10), and the engine with those weights is reported
on the other six categories, with both post sets, beside the baselines; then the halves swap.

The category folder is the relevance label. The engine has no rule for any category.
"""

from __future__ import annotations

import argparse
import itertools
import json
import math
import os
import pickle
import sys
from collections import Counter
from datetime import date
from multiprocessing import Pool
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
DEFAULT_FOLDER = ROOT.parent / "shared" / "data" / "resumes" / "livecareer-dev"
DEFAULT_POSTS = ROOT.parent / "shared" / "data" / "posts" / "livecareer-dev-posts.json"
TARGET_MARGIN = 0.05  # engine >= TF-IDF + 0.05 on (b) and on the leave-half-out split
# The leave-half-out grid: the weight of relevance and of the title component, and how much more
# a job title's word counts in relevance.
GRID = {"relevance": (0.35, 0.5, 0.65), "title": (0.1, 0.18, 0.25), "title_field": (0.5, 1.0, 2.0)}

POSTS = {
    "ACCOUNTANT": ("Staff Accountant", ["GAAP", "Accounts Payable", "Reconciliation", "Microsoft Excel"],
                   "Growing manufacturer seeks a staff accountant for month-end close, journal entries, "
                   "account reconciliations, accounts payable and receivable, and financial statements. "
                   "3+ years of accounting experience; CPA track a plus."),
    "ADVOCATE": ("Client Advocate", ["Case Management", "Customer Service", "Conflict Resolution"],
                 "Nonprofit legal services office needs an advocate to represent clients, manage a "
                 "caseload, prepare documentation and court filings, and connect people with community "
                 "resources. 2+ years in advocacy, social services or legal support."),
    "AGRICULTURE": ("Farm Operations Supervisor", ["Crop Management", "Irrigation", "Equipment Maintenance"],
                    "Family-owned farm hiring a supervisor for planting, harvesting, irrigation and "
                    "livestock care, equipment upkeep and a seasonal crew. Knowledge of soil, crops "
                    "and agricultural safety. 3+ years on a farm or ranch."),
    "ARTS": ("Arts Program Coordinator", ["Event Planning", "Art Instruction", "Graphic Design"],
             "Community arts center seeks a coordinator to run exhibitions, classes and workshops, "
             "work with artists and volunteers, and promote programs. Background in fine arts, "
             "theater, music or art education."),
    "AVIATION": ("Aircraft Maintenance Technician", ["Aircraft Maintenance", "FAA Regulations"],
                 "Regional airline hiring an A&P technician to inspect, troubleshoot and repair "
                 "aircraft systems, keep maintenance records to FAA standards and support flight "
                 "operations. Military aviation experience welcome."),
    "CHEF": ("Sous Chef", ["Food Preparation", "Menu Planning", "Food Safety", "Kitchen Management"],
             "Busy restaurant looking for a sous chef to run the line, prepare dishes, plan menus, "
             "order inventory, train cooks and keep the kitchen to food safety standards. "
             "3+ years in a professional kitchen."),
    "CONSTRUCTION": ("Construction Superintendent", ["Construction Management", "OSHA Compliance",
                                                     "Blueprint Reading"],
                     "General contractor needs a superintendent to manage job sites, schedule "
                     "subcontractors, read blueprints, control costs and enforce OSHA safety on "
                     "commercial and residential projects. 5+ years in construction."),
    "DESIGNER": ("Graphic Designer", ["Adobe Photoshop", "Adobe Illustrator", "Adobe InDesign",
                                      "Typography"],
                 "Marketing agency seeks a designer for print and digital layouts, branding, "
                 "logos and web graphics. Strong portfolio, Adobe Creative Suite, eye for "
                 "typography and color."),
    "FITNESS": ("Personal Trainer", ["Personal Training", "CPR", "Nutrition"],
                "Health club hiring a certified personal trainer to assess members, design exercise "
                "programs, lead group fitness classes and coach nutrition and wellness goals. "
                "CPR/AED required."),
    "HR": ("Human Resources Generalist", ["Recruiting", "Onboarding", "Employee Relations",
                                          "Benefits Administration"],
           "Mid-size company needs an HR generalist for recruiting, onboarding, benefits, payroll "
           "support, employee relations and compliance with employment law. 3+ years in human "
           "resources."),
    "SALES": ("Account Executive", ["Sales", "Lead Generation", "Negotiation", "CRM"],
              "Fast-growing distributor seeks a sales representative to prospect new accounts, "
              "manage a territory, close deals and grow revenue against quota. Track record in "
              "B2B sales and customer relationships."),
    "TEACHER": ("Elementary School Teacher", ["Lesson Planning", "Classroom Management",
                                              "Curriculum Development"],
                "Public elementary school seeks a certified teacher to plan lessons, manage the "
                "classroom, assess students and work with parents. Experience with differentiated "
                "instruction and state standards."),
}


def parse(path: str) -> tuple[str, str, dict | None, str]:
    from webapp.ai.extract import ExtractionError, extract_text
    from webapp.ai.resume import structure

    try:
        text = extract_text(Path(path).read_bytes(), "pdf")
    except ExtractionError:
        return path, Path(path).parent.name, None, ""
    return path, Path(path).parent.name, structure(text, {}).data.model_dump(), text


def candidate_of(index: int, data: dict, today: date | None = None):  # noqa: ANN201
    """The candidate as the app stores a parsed profile (profile_data.refresh_derived)."""
    from webapp.ai.catalogue import catalogue
    from webapp.ai.ranking import Candidate, profile_features

    skills: dict[str, str] = {}  # as skills_named: catalogue names, one per spelling
    for name in data["skills"]:
        clean = " ".join(name.split())
        if clean:
            clean = catalogue().canonical(clean) or clean
            skills.setdefault(clean.lower(), clean)
    stored = profile_features(data, list(skills.values()), today)
    quotes = "\n".join([data["summary"] or ""] + [job["description"] or "" for job in data["experience"]])
    return Candidate(index, str(index), set(stored["skills"]), stored["years"], stored["titles"], quotes,
                     words=stored["words"], mentioned=set(stored["mentioned"]),
                     title_words=stored["title_words"] or " ", skill_words=stored["skill_words"] or " ",
                     languages=set(stored["languages"]), years_how=stored["years_how"])


class Baselines:
    """TF-IDF cosine and BM25 over each resume's whole extracted text."""

    def __init__(self, documents: list[str]) -> None:
        from webapp.ai.ranking import terms

        self.terms = terms
        self.counts = [Counter(terms(document)) for document in documents]
        self.df = Counter(term for count in self.counts for term in count)
        n = len(documents)
        self.idf = {term: math.log(n / k) + 1 for term, k in self.df.items()}
        self.bm25_idf = {term: math.log(1 + (n - k + 0.5) / (k + 0.5)) for term, k in self.df.items()}
        self.lengths = [sum(count.values()) or 1 for count in self.counts]
        self.average = sum(self.lengths) / n
        self.vectors = [self._vector(count) for count in self.counts]

    def _vector(self, count: Counter) -> dict:
        weights = {term: tf * self.idf.get(term, 0.0) for term, tf in count.items()}
        norm = math.sqrt(sum(w * w for w in weights.values())) or 1.0
        return {term: w / norm for term, w in weights.items()}

    def tfidf(self, query: str) -> list[int]:
        wanted = self._vector(Counter(self.terms(query)))
        scores = [sum(w * vector.get(t, 0.0) for t, w in wanted.items()) for vector in self.vectors]
        return sorted(range(len(scores)), key=lambda i: (-scores[i], i))

    def bm25(self, query: str, k1: float = 1.2, b: float = 0.75) -> list[int]:
        wanted = Counter(self.terms(query))
        scores = []
        for count, length in zip(self.counts, self.lengths, strict=True):
            norm = k1 * (1 - b + b * length / self.average)
            scores.append(sum(qtf * self.bm25_idf.get(t, 0.0) * count[t] * (k1 + 1) / (count[t] + norm)
                              for t, qtf in wanted.items() if t in count))
        return sorted(range(len(scores)), key=lambda i: (-scores[i], i))


def metrics(order: list[int], relevant: set[int]) -> tuple[float, float, float]:
    top = order[:10]
    precision = sum(1 for i in top if i in relevant) / 10
    dcg = sum(1 / math.log2(rank + 2) for rank, i in enumerate(top) if i in relevant)
    ideal = sum(1 / math.log2(rank + 2) for rank in range(min(10, len(relevant))))
    hits, precisions = 0, []
    for rank, i in enumerate(order, start=1):
        if i in relevant:
            hits += 1
            precisions.append(hits / rank)
    return precision, dcg / ideal if ideal else 0.0, sum(precisions) / len(relevant) if relevant else 0.0


def evaluate(posts: dict, pool: list, labels: list[str], baselines: Baselines | None,
             categories: list[str] | None = None) -> dict[str, dict[str, tuple]]:
    """{category: {"engine": (P@10, nDCG@10, MAP), "tfidf": …, "bm25": …}}."""
    from webapp.ai.ranking import job_needs, rank

    results = {}
    for category, (title, skills, description) in posts.items():
        relevant = {i for i, label in enumerate(labels) if label == category}
        if not relevant or (categories is not None and category not in categories):
            continue
        needs = job_needs(title, description, skills)
        row = {"engine": metrics([r.candidate.profile_id for r in rank(needs, pool)], relevant)}
        if baselines is not None:
            query = f"{title}\n{description}\n{' '.join(skills)}"
            row["tfidf"] = metrics(baselines.tfidf(query), relevant)
            row["bm25"] = metrics(baselines.bm25(query), relevant)
        results[category] = row
    return results


def mean(results: dict, method: str, k: int = 1) -> float:
    return sum(row[method][k] for row in results.values()) / len(results) if results else 0.0


def report(name: str, results: dict) -> dict[str, float]:
    print(f"\n{name}\n{'category':<14}{'engine P@10':>12}{'nDCG':>6}{'MAP':>6}"
          f"{'tfidf P@10':>12}{'nDCG':>6}{'MAP':>6}{'bm25 P@10':>11}{'nDCG':>6}{'MAP':>6}")
    for category, row in results.items():
        cells = "".join(f"{row[m][0]:{w}.2f}{row[m][1]:6.2f}{row[m][2]:6.2f}"
                        for m, w in (("engine", 12), ("tfidf", 12), ("bm25", 11)))
        print(f"{category:<14}{cells}")
    means = {m: [mean(results, m, k) for k in range(3)] for m in ("engine", "tfidf", "bm25")}
    cells = "".join(f"{means[m][0]:{w}.3f}{means[m][1]:6.3f}{means[m][2]:6.3f}"
                    for m, w in (("engine", 12), ("tfidf", 12), ("bm25", 11)))
    print(f"{'mean':<14}{cells}")
    return {m: means[m][1] for m in means}


def setting(values: dict) -> None:
    """Apply one point of GRID to the engine's weights."""
    from webapp.ai import ranking

    weights = dict(ranking.DEFAULT_WEIGHTS)
    weights["relevance"], weights["title"] = values["relevance"], values["title"]
    ranking.WEIGHTS = weights
    fields = dict(ranking.DEFAULT_FIELDS)
    fields["title_words"] = values["title_field"]
    ranking.FIELDS = fields


def tuned_on(posts: dict, pool: list, labels: list[str], categories: list[str]) -> dict:
    """The grid point with the best mean nDCG@10 on `categories` (engine only)."""
    best, chosen = -1.0, {}
    for point in itertools.product(*GRID.values()):
        values = dict(zip(GRID, point, strict=True))
        setting(values)
        score = mean(evaluate(posts, pool, labels, None, categories), "engine")
        if score > best:
            best, chosen = score, values
    return chosen


def load(folder: Path, processes: int, cache: Path | None) -> list[tuple]:
    if cache is not None and cache.exists():
        return pickle.loads(cache.read_bytes())
    files = sorted(str(path) for path in folder.rglob("*.pdf"))
    with Pool(processes) as pool:
        parsed = [item for item in pool.map(parse, files, chunksize=8) if item[2] is not None]
    if cache is not None:
        cache.write_bytes(pickle.dumps(parsed))
    return parsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", nargs="?", type=Path, default=DEFAULT_FOLDER)
    parser.add_argument("--posts", type=Path, default=DEFAULT_POSTS)
    parser.add_argument("--processes", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--cache", type=Path, help="keep the parsed resumes here (outside the repository)")
    args = parser.parse_args()
    if not args.folder.is_dir():
        sys.exit(f"No folder {args.folder}.")
    parsed = load(args.folder, args.processes, args.cache)
    independent = {post["category"]: (post["title"], post["skills"], post["job_desc"])
                   for post in json.loads(args.posts.read_text(encoding="utf-8"))} \
        if args.posts.is_file() else {}
    pool = [candidate_of(index, data) for index, (_, _, data, _) in enumerate(parsed)]
    labels = [label for _, label, _, _ in parsed]
    baselines = Baselines([text for *_, text in parsed])
    print(f"{len(parsed)} resumes read, {len(set(labels))} categories; nDCG@10 below is the mean "
          f"over categories")
    setting({"relevance": ranking_default("relevance"), "title": ranking_default("title"),
             "title_field": ranking_default("title_field")})
    own = report("(a) posts written alongside the engine", evaluate(POSTS, pool, labels, baselines))
    other = report(f"(b) independent posts ({args.posts.name})",
                   evaluate(independent, pool, labels, baselines)) if independent else None

    categories = sorted(set(POSTS) & set(labels))
    halves = [categories[0::2], categories[1::2]]
    held_out: dict[str, dict] = {"a": {}, "b": {}}
    for tune, test in (halves, halves[::-1]):
        values = tuned_on(POSTS, pool, labels, tune)
        print(f"\ntuned on (a) of {', '.join(tune)}: {values}")
        setting(values)
        held_out["a"].update(evaluate(POSTS, pool, labels, baselines, test))
        held_out["b"].update(evaluate(independent, pool, labels, baselines, test))
    half_a = report("leave-half-out, (a) posts, each category scored with weights tuned on the other half",
                    held_out["a"])
    half_b = report("leave-half-out, (b) posts, each category scored with weights tuned on the other half",
                    held_out["b"]) if independent else None

    print("\nsummary (mean nDCG@10)              engine   TF-IDF   BM25   engine - TF-IDF")
    for name, means in (("(a) own posts", own), ("(b) independent posts", other),
                        ("leave-half-out (a)", half_a), ("leave-half-out (b)", half_b)):
        if means:
            print(f"{name:<36}{means['engine']:6.3f}{means['tfidf']:9.3f}{means['bm25']:7.3f}"
                  f"{means['engine'] - means['tfidf']:+12.3f}")
    for name, means in (("(b)", other), ("leave-half-out (b)", half_b)):
        if means:
            met = means["engine"] - means["tfidf"] >= TARGET_MARGIN
            print(f"target engine >= TF-IDF + {TARGET_MARGIN} on {name}: {'met' if met else 'NOT met'}")


def ranking_default(name: str) -> float:
    from webapp.ai import ranking

    if name == "title_field":
        return ranking.DEFAULT_FIELDS["title_words"]
    return ranking.DEFAULT_WEIGHTS[name]


if __name__ == "__main__":
    main()
