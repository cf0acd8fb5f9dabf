#!/usr/bin/python3
"""github_action: runs the steps of action.yml as GitHub's runner would (each
`run:` with bash -eo pipefail, GITHUB_ACTIONS=true, the step's env with
`${{ inputs.* }}` and `${{ github.action_path }}` filled in, GITHUB_ENV
carried from step to step) on a scratch workspace, and checks the
annotation lines against GitHub's workflow command syntax
(::error file=F,line=L,col=C,endLine=L,endColumn=C,title=RULE::MESSAGE, with
%, CR and LF escaped in the message and also : and , in properties), the
SARIF file, the job summary, and the `links` input.

Usage: github_action.py SOURCE_DIR
"""
import json
import os
import re
import subprocess
import sys
import tempfile

import yaml

EXPRESSION = re.compile(r"\$\{\{\s*([a-z_.-]+)\s*\}\}")

# A list with a broken anchor whose name holds a '%' (an error, line 3),
# a trailing space (a warning, line 7); its file name holds ',' and ':'.
BAD_LIST = ("# Awesome Sales\n\n- [Sale](#50%off)\n\n## Tools\n\n"
            "- [Alpa](https://example.com/alpa) - A tool. \n")
BAD_NAME = "sales, 2024: draft.md"
CLEAN_LIST = "# Awesome Tools\n\n## Tools\n\n- [Alpa](https://example.com/alpa) - A tool.\n"


def run_action(action, source, workspace, inputs):
    """Runs every step; returns (exit status of the first failing step or 0,
    the steps' combined stdout, the failing step's stderr). Runs share one
    RUNNER_TEMP (workspace/runner), so the build is made once."""
    runner_temp = os.path.join(workspace, "runner")
    os.makedirs(runner_temp, exist_ok=True)
    github_env = os.path.join(runner_temp, "github_env")
    open(github_env, "w").close()
    values = {"github.action_path": source}
    for name, spec in action["inputs"].items():
        values["inputs." + name] = inputs.get(name, spec.get("default", ""))
    fill = lambda text: EXPRESSION.sub(lambda m: str(values[m.group(1)]), text)
    output = ""
    for step in action["runs"]["steps"]:
        assert step.get("shell") == "bash", "composite run steps need shell: bash"
        env = dict(os.environ, GITHUB_ACTIONS="true", RUNNER_TEMP=runner_temp,
                   GITHUB_ENV=github_env, GITHUB_ACTION_PATH=source, GITHUB_WORKSPACE=workspace,
                   GITHUB_STEP_SUMMARY=os.path.join(runner_temp, "summary.md"))
        with open(github_env) as f:
            env.update(line.rstrip("\n").split("=", 1) for line in f if "=" in line)
        env.update({k: fill(str(v)) for k, v in step.get("env", {}).items()})
        proc = subprocess.run(["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c",
                               fill(step["run"])], cwd=workspace, env=env,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                              universal_newlines=True)
        output += proc.stdout
        if proc.returncode != 0:
            return proc.returncode, output, proc.stderr
    return 0, output, ""


def expect(condition, message, failures):
    if not condition:
        failures.append(message)


def main():
    source = os.path.abspath(sys.argv[1])
    with open(os.path.join(source, "action.yml")) as f:
        action = yaml.safe_load(f)
    failures = []
    expect(action["runs"]["using"] == "composite", "action.yml is not a composite action", failures)
    for name in ("paths", "args", "sarif-file", "links"):
        expect(name in action["inputs"], "action.yml lacks the input " + name, failures)

    with tempfile.TemporaryDirectory() as workspace:
        os.mkdir(os.path.join(workspace, "docs"))
        with open(os.path.join(workspace, "docs", BAD_NAME), "w") as f:
            f.write(BAD_LIST)
        with open(os.path.join(workspace, "README.md"), "w") as f:
            f.write(CLEAN_LIST)

        # Annotations, and the SARIF file.
        status, out, err = run_action(action, source, workspace,
                                      {"paths": "README.md docs", "sarif-file": "awelint.sarif"})
        expect(status == 1, "an error finding must fail the step (exit %d): %s" % (status, err),
               failures)
        lines = [l for l in out.splitlines() if l.startswith("::")]
        escaped_name = "docs/sales%2C 2024%3A draft.md"
        want = [
            # The href "#50%off" spans columns 10 to 16 of line 3.
            "::error file=%s,line=3,col=10,endLine=3,endColumn=17,title=anchor::"
            "in-page link #50%%25off matches no heading or anchor" % escaped_name,
            "::warning file=%s,line=7,col=45,endLine=7,endColumn=46,title=trailing-space::"
            "trailing white space" % escaped_name,
        ]
        expect(len(lines) == 2, "expected two annotations, got:\n" + out, failures)
        for w, got in zip(want, lines):
            expect(got.startswith(w), "annotation\n  %s\nis not\n  %s..." % (got, w), failures)
        command = re.compile(r"^::(error|warning|notice) ((?:[a-zA-Z]+=[^,:]*)(?:,[a-zA-Z]+=[^,:]*)*)::(.*)$")
        for got in lines:
            m = command.match(got)
            expect(m is not None, "not a workflow command: " + got, failures)
            if m:
                keys = [p.split("=", 1)[0] for p in m.group(2).split(",")]
                expect(keys == ["file", "line", "col", "endLine", "endColumn", "title"],
                       "properties %s" % keys, failures)
                expect(not re.search(r"%(?!25|0D|0A|3A|2C)", m.group(3)), "unescaped %: " + got,
                       failures)
        with open(os.path.join(workspace, "runner", "summary.md")) as f:
            summary = f.read()
        expect("docs/%s:7:45: warning: trailing white space [trailing-space]" % BAD_NAME in summary,
               "the job summary lacks the findings:\n" + summary, failures)
        sarif_path = os.path.join(workspace, "awelint.sarif")
        try:
            with open(sarif_path) as f:
                sarif = json.load(f)
            results = sarif["runs"][0]["results"]
            expect(sorted(r["ruleId"] for r in results) == ["anchor", "trailing-space"],
                   "SARIF results: %s" % [r["ruleId"] for r in results], failures)
        except (OSError, ValueError, KeyError) as e:
            failures.append("no usable SARIF file: %r" % e)

        # A clean list passes; args reach awelint.
        status, out, err = run_action(action, source, workspace,
                                      {"paths": "README.md", "args": "--fail-on info"})
        expect(status == 0 and "::" not in out, "a clean list: exit %d, %s %s" % (status, out, err),
               failures)
        status, out, err = run_action(action, source, workspace,
                                      {"paths": "docs", "args": "--select trailing-space --fail-on warning"})
        expect(status == 1 and "title=anchor" not in out and "title=trailing-space" in out,
               "args not passed through: exit %d, %s" % (status, out), failures)

        # links: passed as --links, or a clear failure when awelint lacks it.
        # The list links to the suite's loopback server (args let awelint
        # reach it), so the run needs no network: a dead link must come back
        # as a dead-link annotation.
        server = subprocess.Popen([sys.executable, os.path.join(source, "tests", "loopback_server.py")],
                                  stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                  universal_newlines=True)
        try:
            port = int(server.stdout.readline())
            with open(os.path.join(workspace, "links.md"), "w") as f:
                f.write("# Awesome Links\n\n## Tools\n\n"
                        "- [Alive](http://127.0.0.1:%d/ok) - Answers.\n"
                        "- [Gone](http://127.0.0.1:%d/not-found) - Does not.\n" % (port, port))
            status, out, err = run_action(action, source, workspace,
                                          {"paths": "links.md", "links": "true",
                                           "args": "--allow-private --no-cache"})
        finally:
            server.stdin.close()
            server.wait()
        binary = os.path.join(workspace, "runner", "awelint-build", "awelint")
        help_text = subprocess.run([binary, "--help"], stdout=subprocess.PIPE,
                                   universal_newlines=True).stdout
        if "--links" in help_text:
            expect(status == 1 and "title=dead-link::" in out and "/not-found" in out
                   and "/ok:" not in out,
                   "links: true: exit %d, %s %s" % (status, out, err), failures)
        else:
            expect(status == 2 and "::error title=awelint::links: true, but this awelint has no "
                   "--links option" in out, "links without --links: exit %d, %s" % (status, out),
                   failures)

    for f in failures:
        print("FAIL " + f)
    print("action.yml: %d failures" % len(failures))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
