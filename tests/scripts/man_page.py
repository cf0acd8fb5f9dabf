#!/usr/bin/python3
"""man_page: awelint.1 and `awelint --help` agree. Every option --help lists
has an entry under OPTIONS in the man page (with the same argument name)
and every entry there is in --help; `man -l` renders the page without a
warning; its config example loads; `cmake --install` puts it in
share/man/man1.

Usage: man_page.py AWELINT MAN_PAGE BUILD_DIR
"""
import os
import re
import subprocess
import sys
import tempfile


def help_options(awelint, command=()):
    text = subprocess.run([awelint] + list(command) + ["--help"], stdout=subprocess.PIPE, check=True,
                          universal_newlines=True).stdout
    options = {}
    for line in text.splitlines():
        # "  --format FORMAT       text, ..." and "  -q, --quiet  ..."
        m = re.match(r"^  (-\w, )?(--[a-z-]+)( [A-Z]+)?(\s|$)", line)
        if m:
            options[m.group(2)] = (m.group(3) or "").strip()
            if m.group(1):
                options[m.group(1)[:2]] = ""
    return options


def man_options(page, section=".SH OPTIONS"):
    with open(page) as f:
        lines = f.read().splitlines()
    start = lines.index(section)
    end = next(i for i in range(start + 1, len(lines)) if lines[i].startswith(".SH "))
    options = {}
    for i in range(start, end):
        if lines[i] != ".TP":
            continue
        tag = lines[i + 1]
        # ".B \-\-fix", ".BI \-\-format " FORMAT"", ".BR \-q ", " \-\-quiet"
        words = re.findall(r'"[^"]*"|\S+', tag)[1:]
        words = [w.strip('"').strip() for w in words]
        words = [w.replace("\\-", "-") for w in words if w and w != ","]
        names = [w.rstrip(",") for w in words if w.startswith("-")]
        arg = next((w for w in words if re.fullmatch(r"[A-Z]+", w)), "")
        for name in names:
            options[name] = arg if name.startswith("--") else ""
    return options


def main():
    awelint, page, build = sys.argv[1:4]
    failures = []
    in_help, in_man = help_options(awelint), man_options(page)
    if len(in_help) < 15:
        failures.append("--help lists only %d options: the parser is broken" % len(in_help))
    for name in sorted(set(in_help) - set(in_man)):
        failures.append("%s is in --help but not in the man page's OPTIONS" % name)
    for name in sorted(set(in_man) - set(in_help)):
        failures.append("%s is in the man page but not in --help" % name)
    for name in sorted(set(in_help) & set(in_man)):
        if in_help[name] != in_man[name]:
            failures.append("%s takes %r in --help but %r in the man page" % (
                name, in_help[name], in_man[name]))
    # `awelint merge --help` and the man page's MERGE section, the same way.
    merge_help, merge_man = help_options(awelint, ["merge"]), man_options(page, ".SH MERGE")
    if len(merge_help) < 5:
        failures.append("merge --help lists only %d options: the parser is broken" % len(merge_help))
    for name in sorted(set(merge_help) ^ set(merge_man)):
        failures.append("merge option %s is in only one of merge --help and the MERGE section" % name)
    for name in sorted(set(merge_help) & set(merge_man)):
        if merge_help[name] != merge_man[name]:
            failures.append("merge %s takes %r in merge --help but %r in the man page" % (
                name, merge_help[name], merge_man[name]))

    env = dict(os.environ, MANWIDTH="80", LC_ALL="C.UTF-8")
    rendered = subprocess.run(["man", "--warnings", "-l", page], stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, env=env, universal_newlines=True)
    if rendered.returncode != 0 or rendered.stderr.strip():
        failures.append("man -l: exit %d: %s" % (rendered.returncode, rendered.stderr.strip()))
    if "awelint - lint and fix Markdown awesome lists" not in rendered.stdout:
        failures.append("man -l did not render the NAME section")

    # The CONFIGURATION example is a config awelint accepts.
    with open(page) as f:
        text = f.read()
    example = text.split(".SH CONFIGURATION", 1)[1].split(".nf\n.RS\n", 1)[1].split("\n.RE\n.fi", 1)[0]
    example = example.replace("\\-", "-")
    with tempfile.TemporaryDirectory() as scratch:
        config = os.path.join(scratch, "example.yml")
        with open(config, "w") as f:
            f.write(example)
        listed = os.path.join(scratch, "list.md")
        with open(listed, "w") as f:
            f.write("# Awesome\n\n## Tools\n\n- [Alpa](https://example.com/alpa) - A tool.\n")
        run = subprocess.run([awelint, "--config", config, listed], stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, universal_newlines=True)
        if run.returncode not in (0, 1) or "fail-on: warning" not in example:
            failures.append("the man page's config example is refused: %s" % run.stderr.strip())

    with tempfile.TemporaryDirectory() as prefix:
        subprocess.run(["cmake", "--install", build, "--prefix", prefix], check=True,
                       stdout=subprocess.DEVNULL)
        installed = os.path.join(prefix, "share", "man", "man1", "awelint.1")
        if not os.path.isfile(installed):
            failures.append("cmake --install did not install %s" % installed)

    for f in failures:
        print("FAIL " + f)
    print("%d options in --help, %d in the man page, %d failures" % (
        len(in_help), len(in_man), len(failures)))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
