#!/usr/bin/python3
"""sarif_schema: awelint's --format sarif output validates against the SARIF
2.1.0 schema, for every file of the shared corpus (seeds, real, history) and
of fixtures/, one run per file, and rules and results agree (ruleIndex points
at the result's rule; every region is 1-based and ordered).

Usage: sarif_schema.py AWELINT FIXTURES_DIR SHARED_DIR
"""
import json
import os
import subprocess
import sys

import jsonschema


def files_under(root):
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames.sort()
        for name in sorted(filenames):
            yield os.path.join(dirpath, name)


def check_consistency(path, log):
    run = log["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    ids = [r["id"] for r in rules]
    assert ids == sorted(ids) and len(ids) > 0, "rules missing or unsorted"
    for r in rules:
        for key in ("shortDescription", "fullDescription", "help", "defaultConfiguration"):
            assert key in r, "%s: rule %s lacks %s" % (path, r["id"], key)
        assert r["help"].get("markdown"), "%s: rule %s has no Markdown help" % (path, r["id"])
    for res in run["results"]:
        assert ids[res["ruleIndex"]] == res["ruleId"], "%s: ruleIndex %d is not %s" % (
            path, res["ruleIndex"], res["ruleId"])
        region = res["locations"][0]["physicalLocation"]["region"]
        assert region["startLine"] >= 1 and region["startColumn"] >= 1
        assert (region["startLine"], region["startColumn"]) <= (region["endLine"], region["endColumn"])
        for fix in res.get("fixes", []):
            for change in fix["artifactChanges"]:
                assert change["replacements"], "%s: a fix without replacements" % path


def main():
    awelint, fixtures, shared = sys.argv[1:4]
    with open(os.path.join(shared, "sarif", "sarif-schema-2.1.0.json")) as f:
        schema = json.load(f)
    validator_class = jsonschema.validators.validator_for(schema)
    validator_class.check_schema(schema)
    validator = validator_class(schema)

    paths = [p for p in files_under(fixtures) if p.endswith(".md")]
    corpus = os.path.join(shared, "corpus")
    corpus_paths = list(files_under(corpus)) if os.path.isdir(corpus) else []
    if not corpus_paths:
        print("note: no corpus at %s; fixtures only" % corpus)
    failures = 0
    results = 0
    for path in paths + corpus_paths:
        proc = subprocess.run([awelint, "--no-config", "--format", "sarif", path],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        if proc.returncode not in (0, 1):
            # Binary files are skipped with exit 2 and an empty run.
            if b"binary data" not in proc.stderr:
                print("FAIL %s: exit %d: %s" % (path, proc.returncode, proc.stderr.decode()))
                failures += 1
                continue
        try:
            log = json.loads(proc.stdout)
            errors = sorted(validator.iter_errors(log), key=lambda e: list(e.path))
            if errors:
                e = errors[0]
                print("FAIL %s: %d schema errors; first at %s: %s" % (
                    path, len(errors), "/".join(map(str, e.path)), e.message[:300]))
                failures += 1
                continue
            check_consistency(path, log)
            results += len(log["runs"][0]["results"])
        except (ValueError, AssertionError, KeyError, IndexError) as e:
            print("FAIL %s: %r" % (path, e))
            failures += 1
    print("%d files (%d of the corpus), %d results, %d failures" % (
        len(paths) + len(corpus_paths), len(corpus_paths), results, failures))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
