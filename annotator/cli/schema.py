"""Schema commands: show the project's labels, attributes, relation types and vague quantities; change them."""
from __future__ import annotations

import argparse
import json

from annotator.cli.registry import command, open_project
from annotator.core.wording import plural


def _show_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("action", choices=("show", "set", "rename-label"), help="what to do with the schema")
    p.add_argument("values", nargs="*", metavar="ARG", help="set: FILE; rename-label: OLD NEW")
    p.add_argument("--json", action="store_true", help="show: print the JSON that `schema set` reads")


@command("schema", "show the project's schema (labels, attributes, relations, vague quantities), "
         "set it from a JSON file, or rename a label", _show_args)
def _schema(args: argparse.Namespace) -> int:
    from annotator.core.schema import SchemaError
    from annotator.services import schema as service

    wanted = {"show": 0, "set": 1, "rename-label": 2}[args.action]
    if len(args.values) != wanted:
        usage = {"show": "schema show [--json]", "set": "schema set FILE", "rename-label": "schema rename-label OLD NEW"}
        raise SchemaError(f"usage: annotator {usage[args.action]}")
    with open_project(args, create=args.action != "show") as store:
        if args.action == "show":
            data = service.schema_json(store)
            print(json.dumps(data, indent=2, ensure_ascii=False) if args.json else _table(data))
        elif args.action == "set":
            service.set_schema(store, service.read_schema_file(args.values[0], store))
            print(f"schema of {store.path} set from {args.values[0]}")
        else:
            count = service.rename_label(store, *args.values)
            print(f"label {args.values[0]} is now {args.values[1]} ({plural(count, 'span')})")
    return 0


def _table(data: dict) -> str:
    lines = ["labels:"]
    for label in data["labels"]:
        lines.append(f"  {label['key'] or '-'}  {label['name']:<14} {label['colour']}  {label['description']}")
        for a in label["attributes"]:
            values = f": {', '.join(a['values'])}" if a.get("values") else ""
            lines.append(f"       {a['name']} ({a['type']}){values}")
    lines.append("relations:")
    for r in data["relations"]:
        lines.append(f"  {r['key'] or '-'}  {r['name']:<14} {'/'.join(r['head'])} -> {'/'.join(r['child'])}")
    lines.append("vague quantities: " + ", ".join(f"{k} {v:,}" for k, v in data["vague"].items()))
    return "\n".join(lines)
