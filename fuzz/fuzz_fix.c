/*
 * fuzz_fix: the libFuzzer harness over parse, lint and fix.
 *
 * Each input is parsed and linted, then fixed twice (safe fixes, then with
 * the unsafe ones too). The sanitizers catch crashes, leaks and undefined
 * behaviour; the harness itself aborts when a fix that passed verification
 * breaks a promise the fixer makes to users (DESIGN.md point 8):
 *   - the fixed text is valid UTF-8;
 *   - fixing the fixed text again changes nothing;
 *   - linting the fixed text finds nothing fixable;
 *   - with safe fixes, every link target of the input is still a link
 *     target of the output, but for links whose target (or, when md4c
 *     built the target, whose text) an edit declared as changing the text
 *     touches in some pass: the harness sees each pass's text through
 *     fix.h's pass hook and lints it itself, independently of fix.c;
 *   - a refused fix hands back the input unchanged.
 * And the parse in two parts (doc_split.h) gives the document the parse of
 * the whole gives, at the first place the scanner would cut (large
 * documents only are cut in awelint; here every input is).
 *
 * Build and run: `make fuzz` (README, "Sanitizers and fuzzing").
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "doc.h"
#include "doc_compare.h"
#include "doc_split.h"
#include "engine.h"
#include "fix.h"
#include "source.h"
#include "strmap.h"

static const char fuzz_path[] = "fuzz.md";

static void broken_promise(const char *what, const char *detail)
{
    fprintf(stderr, "fuzz_fix: %s%s%.300s\n", what, detail ? ": " : "", detail ? detail : "");
    abort();
}

static bool has_fixable(const char *text, size_t len, const awl_config *config, bool unsafe)
{
    awl_doc *doc = awl_doc_parse(fuzz_path, text, len);
    awl_diags diags;
    awl_diags_init(&diags);
    awl_lint(doc, config, &diags);
    bool found = false;
    for (size_t i = 0; i < diags.items.count && !found; i++)
        found = awl_fix_applies(awl_diags_at(&diags, i), unsafe);
    awl_diags_free(&diags);
    awl_doc_free(doc);
    return found;
}

/* The hrefs the safe fixes may drop, gathered over the passes. */
typedef struct droppable {
    const awl_config *config;
    awl_strmap hrefs; /* keys in `keys` */
    awl_arena keys;
} droppable;

/*
 * The pass hook: adds the hrefs of the pass's text whose link has its href
 * span (or text span, when md4c built the href) met by an edit of a safe,
 * text-changing finding, an insertion meeting what starts or ends at its
 * point. covered_before[i] counts the offsets below i that such an edit's
 * closed range [start, end] covers, so [a, b] meets one when
 * covered_before[b + 1] > covered_before[a].
 */
static void note_droppable(const char *text, size_t len, void *context)
{
    droppable *out = context;
    awl_doc *doc = awl_doc_parse(fuzz_path, text, len);
    long long *opened = awl_xcalloc(len + 2, sizeof *opened); /* ranges starting minus ending at i */
    size_t *covered_before = awl_xcalloc(len + 2, sizeof *covered_before);
    awl_diags diags;
    awl_diags_init(&diags);
    awl_lint(doc, out->config, &diags);
    for (size_t i = 0; i < diags.items.count; i++) {
        const awl_diag *d = awl_diags_at(&diags, i);
        if (!d->changes_text || !awl_fix_applies(d, false))
            continue;
        for (size_t e = 0; e < d->edit_count; e++) {
            if (d->edits[e].start > d->edits[e].end || d->edits[e].end > len)
                continue; /* fix.c never applies such an edit */
            opened[d->edits[e].start]++;
            opened[d->edits[e].end + 1]--;
        }
    }
    long long open_now = 0;
    for (size_t i = 0; i <= len; i++) {
        open_now += opened[i];
        covered_before[i + 1] = covered_before[i] + (open_now > 0);
    }
    for (size_t i = 0; i < doc->link_count; i++) {
        const awl_link *link = &doc->links[i];
        bool in_buffer = link->href_start != AWL_NONE;
        size_t start = in_buffer ? link->href_start : link->text_start;
        size_t end = in_buffer ? link->href_end : link->text_end;
        if (start == AWL_NONE || end > len || covered_before[end + 1] == covered_before[start])
            continue;
        size_t href_len = strlen(link->href);
        if (!awl_strmap_get(&out->hrefs, link->href, href_len))
            awl_strmap_upsert(&out->hrefs, awl_arena_strndup(&out->keys, link->href, href_len),
                              href_len, NULL);
    }
    awl_diags_free(&diags);
    awl_doc_free(doc);
    free(opened);
    free(covered_before);
}

static void check_links_survive(const char *input, size_t input_len, const awl_buf *fixed,
                                const droppable *dropped)
{
    awl_doc *before = awl_doc_parse(fuzz_path, input, input_len);
    awl_doc *after = awl_doc_parse(fuzz_path, fixed->data, fixed->len);
    awl_strmap present;
    awl_strmap_init(&present);
    for (size_t i = 0; i < after->link_count; i++)
        awl_strmap_upsert(&present, after->links[i].href, strlen(after->links[i].href), NULL);
    for (size_t i = 0; i < before->link_count; i++) {
        const char *href = before->links[i].href;
        size_t len = strlen(href);
        if (!awl_strmap_get(&present, href, len) && !awl_strmap_get(&dropped->hrefs, href, len))
            broken_promise("a safe fix lost a link target", href);
    }
    awl_strmap_free(&present);
    awl_doc_free(before);
    awl_doc_free(after);
}

/* What a fix that passed its verification promises. */
static void check_accepted(const char *input, size_t len, const awl_fix_result *result,
                           const awl_config *config, bool unsafe, const droppable *dropped)
{
    if (result->changed) {
        size_t bad;
        if (!awl_utf8_validate(result->text.data, result->text.len, &bad))
            broken_promise("the fixed text is not valid UTF-8", NULL);
        awl_fix_result again;
        awl_fix_text(fuzz_path, result->text.data, result->text.len, config, unsafe, &again);
        if (again.failed)
            broken_promise("fixing the fixed text fails", again.failure);
        if (again.changed)
            broken_promise("fixing the fixed text changes it", NULL);
        awl_fix_result_free(&again);
        if (!unsafe)
            check_links_survive(input, len, &result->text, dropped);
    }
    if (has_fixable(result->text.data, result->text.len, config, unsafe))
        broken_promise(result->changed ? "the fixed text still has fixable findings"
                                        : "an unchanged, unrefused text has fixable findings",
                       NULL);
}

static void check_fix(const char *input, size_t len, const awl_config *config, bool unsafe)
{
    droppable dropped = {.config = config};
    awl_strmap_init(&dropped.hrefs);
    if (!unsafe)
        awl_fix_set_pass_hook(note_droppable, &dropped);
    awl_fix_result result;
    awl_fix_text(fuzz_path, input, len, config, unsafe, &result);
    awl_fix_set_pass_hook(NULL, NULL);
    if (!result.failed)
        check_accepted(input, len, &result, config, unsafe, &dropped);
    else if (result.text.len != len || memcmp(result.text.data, input, len) != 0)
        broken_promise("a refused fix did not hand back the input", result.failure);
    awl_fix_result_free(&result);
    awl_strmap_free(&dropped.hrefs);
    awl_arena_free(&dropped.keys);
}

/* The input parsed cut where the scanner would cut it is the input parsed
 * whole (when the cut stands; a cut that does not is parsed whole). */
static void check_cut(const char *input, size_t size)
{
    awl_doc *whole = awl_doc_parse_cut(fuzz_path, input, size, 0);
    size_t cut = awl_doc_split_point(&whole->source, 1, size);
    if (cut) {
        awl_doc *two = awl_doc_parse_cut(fuzz_path, input, size, cut);
        char why[128];
        if (two->parsed_in_two && !awl_doc_same(whole, two, why, sizeof why))
            broken_promise("the parse in two parts differs from the parse of the whole", why);
        awl_doc_free(two);
    }
    awl_doc_free(whole);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *input = size ? (const char *)data : "";
    check_cut(input, size);
    awl_config config;
    awl_config_defaults(&config);
    check_fix(input, size, &config, false);
    check_fix(input, size, &config, true);
    return 0;
}
