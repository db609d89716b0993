"""Write one generated resume to /tmp and print its truth (and, with --parse, what the parser made
of it) as JSON:

    python -m tests.parsing.dump two_column pdf 7 [--parse]"""

from __future__ import annotations

import argparse
import dataclasses
import json
import tempfile
from pathlib import Path

from tests.parsing.generate import expected_resume_data, generate_truths
from tests.parsing.render import FORMATS, LAYOUTS, render


def main(argv: list[str] | None = None) -> None:
    arguments = parse_arguments(argv)
    truth = generate_truths()[arguments.index]
    data = render(truth, arguments.layout, arguments.format)
    name = f"etb-resume-{arguments.index:02d}-{arguments.layout}.{arguments.format}"
    path = Path(tempfile.gettempdir()) / name
    path.write_bytes(data)

    report = {"file": str(path), "style": dataclasses.asdict(truth.style),
              "truth": expected_resume_data(truth).model_dump()}
    if arguments.parse:
        from webapp.ai.resume import parse_resume

        report["parsed"] = parse_resume(data, arguments.format).data.model_dump()
    print(json.dumps(report, indent=2, ensure_ascii=False))


def parse_arguments(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m tests.parsing.dump",
                                     description="Write one generated resume to /tmp and print its truth.")
    parser.add_argument("layout", choices=LAYOUTS)
    parser.add_argument("format", choices=FORMATS)
    parser.add_argument("index", type=int, help=f"which person, 0 to {len(generate_truths()) - 1}")
    parser.add_argument("--parse", action="store_true", help="also print what parse_resume returns")
    return parser.parse_args(argv)


if __name__ == "__main__":
    main()
