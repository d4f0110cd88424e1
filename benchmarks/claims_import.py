"""Import JSONL records whose spans carry attributes and relations, against the same records with
bare spans, in the same run; print both and their ratio.

Usage: python benchmarks/claims_import.py [COUNT]
Last line: claims_import_docs_per_s=N spans_only_docs_per_s=N ratio=R

Each record is a generated news-length article with a FIGURE, two ACTORs and an ATTRIBUTION
per sentence (about 90 spans), SOURCE and CLAIM relations from each cue, attributes on the
ACTORs; the FIGUREs come without numbers, so the import reads them (the parser's cost is in
the figure). The ratio is what checking against the schema, reading figures and storing the
extras cost on top of storing the spans.
"""
from __future__ import annotations

import json
import re
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from _corpus import articles  # noqa: E402

from annotator.services.importing import import_paths  # noqa: E402
from annotator.storage import ProjectStore  # noqa: E402

_SENTENCE = re.compile(r"([\d,]+) people fled .*? by (.+?), (.+?) (said|told reporters|reported|according to|"
                       r"has repeatedly said) on day")


def record(text: str, with_extras: bool) -> dict:
    spans, relations = [], []
    for m in _SENTENCE.finditer(text):
        fig, doer, source, cue = (dict(start=m.start(i), end=m.end(i), label=label, id=len(spans) + k)
                                  for k, (i, label) in enumerate(((1, "FIGURE"), (2, "ACTOR"), (3, "ACTOR"),
                                                                  (4, "ATTRIBUTION"))))
        if with_extras:
            doer["attrs"], source["attrs"] = {"type": "state forces"}, {"type": "international organisation"}
            relations += [{"head": cue["id"], "child": source["id"], "label": "SOURCE"},
                          {"head": cue["id"], "child": fig["id"], "label": "CLAIM"}]
        spans += [fig, doer, source, cue]
    return {"text": text, "spans": spans, "relations": relations}


def timed(folder: Path, texts: list[str], with_extras: bool) -> float:
    path = folder / ("extras.jsonl" if with_extras else "spans.jsonl")
    path.write_text("".join(json.dumps(record(t, with_extras)) + "\n" for t in texts), encoding="utf-8")
    store = ProjectStore(folder / f"{path.stem}.db")
    t0 = time.perf_counter()
    report = import_paths(store, [path], annotator="alice")
    elapsed = time.perf_counter() - t0
    store.close()
    assert not report.errors and report.documents_added == len(texts), report.errors[:3]
    return elapsed


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 2_000
    texts = articles(count)
    with tempfile.TemporaryDirectory() as tmp:
        plain = timed(Path(tmp), texts, with_extras=False)
        extras = timed(Path(tmp), texts, with_extras=True)
    print(f"documents={count} spans_only_seconds={plain:.2f} with_extras_seconds={extras:.2f}")
    print(f"claims_import_docs_per_s={count / extras:.0f} spans_only_docs_per_s={count / plain:.0f} "
          f"ratio={plain / extras:.2f}")


if __name__ == "__main__":
    main()
