#!/usr/bin/env bash
# threads_on_corpus.sh AWELINT CORPUS_DIR
#
# Runs a ThreadSanitizer build of awelint over real lists, where the lint of
# a document of 64 KiB or more reads entries and groups duplicates on a
# second thread (linter/engine.c): every list of the corpus, all of them
# concatenated (lint, --fix of a copy, export), a merge of the two largest
# and --init. Any data race ends awelint with exit code 86, which this
# script reports and fails on. (The Criterion suite cannot run under
# ThreadSanitizer: its shared arena needs an address TSan reserves.)
set -uo pipefail
bin=$(realpath "$1")
corpus=$2
export TSAN_OPTIONS="halt_on_error=1:exitcode=86"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failed=0
runs=0

check() { # check NAME COMMAND...: awelint's 0, 1 and 2 are answers; 86 is a race
    local name=$1
    shift
    runs=$((runs + 1))
    "$@" >"$work/out" 2>"$work/err"
    local rc=$?
    if [ "$rc" -eq 86 ] || grep -q "ThreadSanitizer" "$work/err"; then
        echo "RACE in $name (exit $rc):"
        head -40 "$work/err"
        failed=1
    fi
}

mapfile -t lists < <(find "$corpus" -name '*.md' -type f | sort)
if [ "${#lists[@]}" -eq 0 ]; then
    echo "no lists under $corpus" >&2
    exit 1
fi
for f in "${lists[@]}"; do
    check "$f" "$bin" --format json "$f"
    printf '\n\n' >>"$work/all.md"
    cat "$f" >>"$work/all.md"
done
check "the concatenated corpus" "$bin" --format json "$work/all.md"
cp "$work/all.md" "$work/fix.md"
check "--fix of the concatenated corpus" "$bin" --fix --unsafe-fixes "$work/fix.md"
check "export of the concatenated corpus" "$bin" export --format csv "$work/all.md"
mapfile -t largest < <(ls -S "${lists[@]}" | head -2)
check "merge of the two largest lists" "$bin" merge -o "$work/merged.md" "${largest[@]}"
check "--init on the largest list" "$bin" --init "${largest[0]}" -

big=$(du -k "$work/all.md" | cut -f1)
echo "threads_on_corpus: $runs runs ($(( ${#lists[@]} )) lists, a ${big} KiB concatenation), $([ $failed = 0 ] && echo 'no data race' || echo 'DATA RACE FOUND')"
exit $failed
