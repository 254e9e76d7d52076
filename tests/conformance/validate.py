#!/usr/bin/env python3
"""Independent conformance check of RunArtifacts records against schemas/v1/.

Uses the `jsonschema` package (Debian: python3-jsonschema) with Draft202012Validator and format checking,
so that the schemas and the records are checked by a validator nobody on this project wrote.

Usage:
  validate.py --schemas DIR --check-schemas
      Checks that every *.schema.json in DIR is itself a valid draft 2020-12 schema.
  validate.py --schemas DIR [KIND=]FILE ...
      Validates each record file. KIND is run, manifest, index-entry, clip, view, run-spec, review-event, export-run,
      export-asset, export-manifest, metrics or run-manifest; without it the kind is taken from the file name (run.json,
      manifest.json, *.clip.json, *.view.json, metrics.json, run_manifest.json, index.jsonl = one index entry per line,
      reviews.jsonl = one review event per line). Any *.jsonl file is read as one record per line.

Writes one JSON array to stdout: [{"file", "kind", "valid", "errors": [...]}, ...].
Exit codes: 0 all valid, 1 something invalid, 3 jsonschema is missing.
"""
import calendar
import json
import os
import re
import sys

try:
    import jsonschema
    from jsonschema import Draft202012Validator, FormatChecker
except ImportError:
    sys.stderr.write("validate.py: the Python package 'jsonschema' is missing; install Debian's python3-jsonschema "
                     "(listed in .ci/apt-packages.txt)\n")
    sys.exit(3)

KINDS = ["run", "manifest", "index-entry", "clip", "view", "run-spec", "review-event",
         "export-run", "export-asset", "export-manifest", "metrics", "run-manifest"]


DATE_TIME = re.compile(r"^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(\.\d+)?([Zz]|[+-](\d{2}):(\d{2}))$")


def rfc3339_date_time(value):
    """RFC 3339 date-time: the grammar, then a real calendar date and clock time (leap second allowed)."""
    if not isinstance(value, str):
        return True
    m = DATE_TIME.match(value)
    if not m:
        return False
    year, month, day, hour, minute, second = (int(m.group(i)) for i in range(1, 7))
    if not 1 <= month <= 12 or not 1 <= day <= calendar.monthrange(year or 2000, month)[1]:
        return False
    if hour > 23 or minute > 59 or second > 60:
        return False
    return m.group(9) is None or (int(m.group(9)) <= 23 and int(m.group(10)) <= 59)


def format_checker():
    """jsonschema's own format checker; date-time needs rfc3339-validator, which Debian 12 does not package.

    Without it jsonschema would silently accept any string as a date-time, so the strict RFC 3339 check above
    is registered instead, and the output says which one was used.
    """
    checker = FormatChecker()
    if not checker.conforms("not a time", "date-time"):
        return checker, "jsonschema (rfc3339-validator)"
    checker.checkers["date-time"] = (rfc3339_date_time, ())
    if checker.conforms("not a time", "date-time"):
        sys.stderr.write("validate.py: could not install a date-time format check\n")
        sys.exit(3)
    return checker, "validate.py RFC 3339 check (rfc3339-validator missing)"


def kind_of(path):
    name = os.path.basename(path)
    if name == "run.json":
        return "run"
    if name == "manifest.json":
        return "manifest"
    if name == "index.jsonl":
        return "index-entry"
    if name == "reviews.jsonl":
        return "review-event"
    if name == "metrics.json":
        return "metrics"
    if name == "run_manifest.json":
        return "run-manifest"
    if name.endswith(".clip.json"):
        return "clip"
    if name.endswith(".view.json"):
        return "view"
    raise SystemExit(f"validate.py: cannot tell the record kind of {path}; pass KIND=FILE")


def load_schemas(folder):
    schemas = {}
    for kind in KINDS:
        with open(os.path.join(folder, f"{kind}.schema.json"), encoding="utf-8") as f:
            schemas[kind] = json.load(f)
    return schemas


def main(argv):
    if len(argv) < 3 or argv[1] != "--schemas":
        sys.stderr.write(__doc__)
        return 2
    folder, rest = argv[2], argv[3:]
    schemas = load_schemas(folder)
    results = []
    date_time_by = None
    if rest == ["--check-schemas"]:
        for kind, schema in schemas.items():
            errors = [e.message for e in Draft202012Validator(Draft202012Validator.META_SCHEMA).iter_errors(schema)]
            results.append({"file": f"{kind}.schema.json", "kind": "schema", "valid": not errors, "errors": errors})
    else:
        checker, date_time_by = format_checker()
        validators = {k: Draft202012Validator(s, format_checker=checker) for k, s in schemas.items()}
        for arg in rest:
            kind, path = arg.split("=", 1) if "=" in arg and arg.split("=", 1)[0] in KINDS else (None, arg)
            kind = kind or kind_of(path)
            with open(path, encoding="utf-8") as f:
                documents = [(f"{path}:{i + 1}", json.loads(line)) for i, line in enumerate(f) if line.strip()] \
                    if path.endswith(".jsonl") else [(path, json.load(f))]
            for name, document in documents:
                errors = sorted(("/" + "/".join(str(p) for p in e.absolute_path) + ": " + e.message)
                                for e in validators[kind].iter_errors(document))
                results.append({"file": name, "kind": kind, "valid": not errors, "errors": errors})
    try:
        from importlib.metadata import version as pkg_version
        version = pkg_version("jsonschema")
    except Exception:
        version = "(unknown version)"
    json.dump({"validator": f"jsonschema {version} Draft202012Validator", "date_time_format": date_time_by, "results": results}, sys.stdout, indent=1)
    sys.stdout.write("\n")
    return 0 if all(r["valid"] for r in results) else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
