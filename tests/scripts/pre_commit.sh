#!/usr/bin/env bash
# pre_commit: the hooks of .pre-commit-hooks.yaml, run by the real
# pre-commit framework as a list maintainer would: a scratch repository
# whose .pre-commit-config.yaml points at a clone of this checkout at HEAD
# (commit first: uncommitted changes are not in the clone). No network:
# pre-commit clones from the local path, into a scratch PRE_COMMIT_HOME.
#
#   1. the `awelint` hook fails a commit of bad lists with awelint's
#      messages (eight lists, so pre-commit runs the hook in parallel
#      processes and the first-use build happens under the lock);
#   2. the `awelint-fix` hook fixes them (the commit fails because files
#      changed, as pre-commit does), after which the commit goes through.
#
# Usage: pre_commit.sh SOURCE_DIR
set -euo pipefail
source_dir=$1
fail() { echo "FAIL: $*" >&2; exit 1; }

command -v pre-commit >/dev/null || fail "pre-commit is not installed (Debian package pre-commit)"
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
export PRE_COMMIT_HOME="$scratch/cache" GIT_CONFIG_NOSYSTEM=1 HOME="$scratch"
unset GITHUB_ACTIONS
git config --global user.email awelint-test@example.com
git config --global user.name "awelint test"
git config --global init.defaultBranch main
git config --global protocol.file.allow always
git config --global --add safe.directory "*"  # a checkout owned by another user (CI containers)

git clone -q "$source_dir" "$scratch/upstream"
rev=$(git -C "$scratch/upstream" rev-parse HEAD)
[ -f "$scratch/upstream/.pre-commit-hooks.yaml" ] ||
    fail "HEAD of $source_dir has no .pre-commit-hooks.yaml (commit it first)"

repo="$scratch/list"
mkdir -p "$repo"
cd "$repo"
git init -q .
hooks_config() { # the hook ids to run
    {
        echo "repos:"
        echo "  - repo: $scratch/upstream"
        echo "    rev: $rev"
        echo "    hooks:"
        for id in "$@"; do echo "      - id: $id"; done
    } > .pre-commit-config.yaml
}

# A list with a broken anchor (an error: a typo of #tools) and a trailing
# space (a warning), and its fixed form.
bad_list() {
    printf '%s\n' "# Awesome $1" '' '- [Tools](#tols)' '' '## Tools' '' \
        '- [Alpa](https://example.com/alpa) - A tool. ' '- [Bagua](https://example.com/bagua) - A tool.'
}
fixed_list() {
    printf '%s\n' "# Awesome $1" '' '- [Tools](#tools)' '' '## Tools' '' \
        '- [Alpa](https://example.com/alpa) - A tool.' '- [Bagua](https://example.com/bagua) - A tool.'
}
names="one two three four five six seven eight"
for n in $names; do bad_list "$n" > "$n.md"; done
echo "not markdown " > notes.txt
hooks_config awelint
pre-commit install >/dev/null
git add .

# 1. The check hook fails the commit and says why.
if git commit -q -m "bad lists" > "$scratch/out1" 2>&1; then
    cat "$scratch/out1"; fail "a commit of broken lists went through"
fi
for n in $names; do
    grep -q "^$n.md:3:11: error: .*\[anchor\]" "$scratch/out1" ||
        { cat "$scratch/out1"; fail "no anchor error for $n.md in the hook's output"; }
    grep -q "^$n.md:7:45: warning: trailing white space \[trailing-space\]" "$scratch/out1" ||
        { cat "$scratch/out1"; fail "no trailing-space warning for $n.md"; }
    cmp -s "$n.md" <(bad_list "$n") || fail "the check hook changed $n.md"
done
grep -q "notes.txt" "$scratch/out1" && fail "the hook ran on a file that is not Markdown"
[ "$(ls "$PRE_COMMIT_HOME"/repo*/build-hook/awelint | wc -l)" = 1 ] ||
    fail "awelint was not built inside the hook's clone"
[ "$(grep -c "building awelint (once)" "$scratch/out1")" = 1 ] ||
    { cat "$scratch/out1"; fail "the parallel hook processes did not build awelint once"; }

# 2. The fix hook fixes the lists; pre-commit fails the commit because
# files changed; staged again, the commit passes both hooks.
hooks_config awelint-fix awelint
git add .pre-commit-config.yaml
if git commit -q -m "bad lists" > "$scratch/out2" 2>&1; then
    cat "$scratch/out2"; fail "the fix hook changed files but the commit went through"
fi
grep -q "files were modified by this hook" "$scratch/out2" ||
    { cat "$scratch/out2"; fail "pre-commit did not see the fixes"; }
for n in $names; do
    cmp -s "$n.md" <(fixed_list "$n") ||
        { diff "$n.md" <(fixed_list "$n"); fail "$n.md is not fixed as expected"; }
done
git add .
git commit -q -m "fixed lists" > "$scratch/out3" 2>&1 ||
    { cat "$scratch/out3"; fail "the commit of fixed lists failed"; }
[ "$(git log --oneline | wc -l)" = 1 ] || fail "expected one commit"
echo "pre-commit: awelint failed the bad commit, awelint-fix fixed 8 lists, the commit passed"
