"""Ranking quality on real resumes: for one job post per category of
../shared/data/resumes/livecareer-dev, rank the whole pool and score how well the resumes of
that category come first (P@10, nDCG@10, MAP), beside a TF-IDF cosine baseline computed in
the same run.

    .venv/bin/python bench/rank_quality.py [FOLDER] [--processes N]

The category folder is the relevance label. The posts below are written the way a recruiter
writes one; the engine has no rule for any category.
"""

from __future__ import annotations

import argparse
import math
import os
import sys
from collections import Counter
from multiprocessing import Pool
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
DEFAULT_FOLDER = ROOT.parent / "shared" / "data" / "resumes" / "livecareer-dev"
TARGET_NDCG, TARGET_MARGIN = 0.85, 0.10

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


def candidate_of(index: int, data: dict):  # noqa: ANN201
    """The candidate as the app stores a parsed profile (profile_data.refresh_derived)."""
    from webapp.ai.catalogue import catalogue
    from webapp.ai.dates import total_years
    from webapp.ai.ranking import Candidate, features, profile_text

    skills: dict[str, str] = {}  # as skills_named: catalogue names, one per spelling
    for name in data["skills"]:
        clean = " ".join(name.split())
        if clean:
            clean = catalogue().canonical(clean) or clean
            skills.setdefault(clean.lower(), clean)
    jobs = data["experience"]
    titles = [job["title"] for job in jobs if job["title"]]
    years = data["total_years_experience"]
    if not isinstance(years, int | float):
        years = total_years([(job["start"], job["end"]) for job in jobs])
    stored = features(list(skills.values()), years, titles, profile_text(data), data["location"])
    quotes = "\n".join([data["summary"] or ""] + [job["description"] or "" for job in jobs])
    return Candidate(index, str(index), set(stored["skills"]), years, titles, quotes,
                     words=stored["words"], mentioned=set(stored["mentioned"]))


def tfidf_ranking(query: str, documents: list[str]) -> list[int]:
    from webapp.ai.ranking import terms

    counts = [Counter(terms(document)) for document in documents]
    df = Counter(term for count in counts for term in count)
    idf = {term: math.log(len(documents) / n) + 1 for term, n in df.items()}

    def vector(count: Counter) -> dict:
        weights = {term: tf * idf.get(term, 0.0) for term, tf in count.items()}
        norm = math.sqrt(sum(w * w for w in weights.values())) or 1.0
        return {term: w / norm for term, w in weights.items()}

    wanted = vector(Counter(terms(query)))
    scores = [sum(wanted.get(t, 0.0) * w for t, w in vector(count).items()) for count in counts]
    return sorted(range(len(documents)), key=lambda i: (-scores[i], i))


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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", nargs="?", type=Path, default=DEFAULT_FOLDER)
    parser.add_argument("--processes", type=int, default=os.cpu_count() or 1)
    args = parser.parse_args()
    if not args.folder.is_dir():
        sys.exit(f"No folder {args.folder}.")
    files = sorted(str(path) for path in args.folder.rglob("*.pdf"))
    with Pool(args.processes) as pool:
        parsed = [item for item in pool.map(parse, files, chunksize=8) if item[2] is not None]
    from webapp.ai.ranking import job_needs, rank

    pool_candidates = [candidate_of(index, data) for index, (_, _, data, _) in enumerate(parsed)]
    texts = [text for *_, text in parsed]
    labels = [label for _, label, _, _ in parsed]
    print(f"{len(parsed)} resumes read, {len(set(labels))} categories\n")
    print(f"{'category':<14}{'P@10':>6}{'nDCG@10':>9}{'MAP':>7}   "
          f"{'baseline P@10':>13}{'nDCG@10':>9}{'MAP':>7}")
    ours_all, base_all = [], []
    for category, (title, skills, description) in POSTS.items():
        relevant = {i for i, label in enumerate(labels) if label == category}
        if not relevant:
            continue
        needs = job_needs(title, description, skills)
        ours = metrics([r.candidate.profile_id for r in rank(needs, pool_candidates)], relevant)
        base = metrics(tfidf_ranking(f"{title}\n{description}\n{' '.join(skills)}", texts), relevant)
        ours_all.append(ours)
        base_all.append(base)
        print(f"{category:<14}{ours[0]:6.2f}{ours[1]:9.2f}{ours[2]:7.2f}   "
              f"{base[0]:13.2f}{base[1]:9.2f}{base[2]:7.2f}")
    mean = [sum(m[k] for m in ours_all) / len(ours_all) for k in range(3)]
    base_mean = [sum(m[k] for m in base_all) / len(base_all) for k in range(3)]
    print(f"{'mean':<14}{mean[0]:6.2f}{mean[1]:9.2f}{mean[2]:7.2f}   {base_mean[0]:13.2f}{base_mean[1]:9.2f}"
          f"{base_mean[2]:7.2f}")
    met = mean[1] >= TARGET_NDCG and mean[1] - base_mean[1] >= TARGET_MARGIN
    print(f"\ntarget: mean nDCG@10 >= {TARGET_NDCG} and >= {TARGET_MARGIN} above the baseline: "
          f"{'met' if met else 'NOT met'} ({mean[1]:.2f} vs {base_mean[1]:.2f})")


if __name__ == "__main__":
    main()
