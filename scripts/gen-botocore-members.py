#!/usr/bin/env python3
"""Regenerates tests/botocore_members.txt from the botocore Batch model.

Lists `Shape.member` for every member of every structure reachable from
RegisterJobDefinitionRequest and JobDefinition, then `enum Name V1,V2,...` for every enum
those members use. tests/it/shape_coverage.rs checks the Rust shape table against the file.

Usage: scripts/gen-botocore-members.py [--check] [MODEL]
  MODEL defaults to ../shared/data/batch-2016-08-10.service-2.json (next to the worktree).
  The committed file comes from the model in the botocore 1.44.8 wheel
  (botocore/data/batch/2016-08-10/service-2.json.gz, 2026-11-20): pass that file as MODEL.
  --check diffs the generated text against the committed file and exits 1 if they differ.
"""
import difflib
import json
import os
import sys

ROOTS = ("RegisterJobDefinitionRequest", "JobDefinition")
HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "tests", "botocore_members.txt")
DEFAULT_MODEL = os.path.join(HERE, "..", "..", "shared", "data", "batch-2016-08-10.service-2.json")


def generate(model):
    shapes = model["shapes"]
    structures, enums = set(), {}

    def walk(name):
        shape = shapes[name]
        kind = shape["type"]
        if kind == "structure":
            if name in structures:
                return
            structures.add(name)
            for member in shape["members"].values():
                walk(member["shape"])
        elif kind == "list":
            walk(shape["member"]["shape"])
        elif kind == "map":
            walk(shape["key"]["shape"])
            walk(shape["value"]["shape"])
        elif "enum" in shape:
            enums[name] = shape["enum"]

    for root in ROOTS:
        walk(root)
    lines = sorted(f"{s}.{m}" for s in structures for m in shapes[s]["members"])
    lines += sorted(f"enum {name} {','.join(values)}" for name, values in enums.items())
    return "\n".join(lines) + "\n"


def main(argv):
    check = "--check" in argv
    args = [a for a in argv if a != "--check"]
    path = args[0] if args else DEFAULT_MODEL
    with open(path, encoding="utf-8") as f:
        text = generate(json.load(f))
    if check:
        with open(OUT, encoding="utf-8") as f:
            old = f.read()
        if old != text:
            sys.stdout.writelines(difflib.unified_diff(old.splitlines(True), text.splitlines(True), "committed", "generated"))
            return 1
        return 0
    with open(OUT, "w", encoding="utf-8") as f:
        f.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
