/*
 * blank-lines: at most one blank line in a row.
 *
 * Blank lines inside code blocks and raw HTML blocks are content and are
 * left alone; blank lines at the end of the file belong to final-newline.
 */
#include "rule.h"


/* Collapsing blank lines in front of an indented line can pull that line
 * into the list item above it (md4c ends an item after two blank lines).
 * Safe only when the line is already inside the item that holds the line
 * before the blank lines, or when no item holds that line. */
static bool collapse_keeps_structure(const awl_doc *doc, size_t before, size_t after)
{
    const char c = doc->source.bytes[doc->source.line_starts[after]];
    if (c != ' ' && c != '\t')
        return true;
    /* Every block holding `before` is the last block starting at or before
     * it, or one of that block's ancestors (blocks nest). */
    size_t lo = 0, hi = doc->block_count;
    while (hi - lo > 1) {
        size_t mid = lo + (hi - lo) / 2;
        if (doc->blocks[mid].first_line <= before)
            lo = mid;
        else
            hi = mid;
    }
    for (size_t i = lo; i != AWL_NONE; i = doc->blocks[i].parent) {
        const awl_block *b = &doc->blocks[i];
        if (b->kind == AWL_BLOCK_ITEM && b->last_line >= before && b->last_line < after)
            return false;
    }
    return true;
}

/* awl_source_line_is_blank, answered from the first byte for most lines:
 * one that starts with anything but white space or its end has text. */
static bool line_is_blank(const awl_source *src, size_t line)
{
    char first = src->bytes[src->line_starts[line]]; /* the NUL after the last byte at worst */
    if (first != ' ' && first != '\t' && first != '\r' && first != '\n' && first != '\0')
        return false;
    return awl_source_line_is_blank(src, line);
}

static void check_blank_lines(awl_check *check)
{
    const awl_doc *doc = check->doc;
    const awl_source *src = &doc->source;
    /* The last line with text: blank lines after it are final-newline's. */
    size_t last_text = src->line_count;
    while (last_text > 0 && line_is_blank(src, last_text - 1) &&
           !(doc->line_flags[last_text - 1] & (AWL_LINE_CODE | AWL_LINE_HTML)))
        last_text--;
    size_t run_start = 0, run = 0;
    for (size_t line = 0; line <= last_text; line++) {
        bool blank = line < last_text && !(doc->line_flags[line] & (AWL_LINE_CODE | AWL_LINE_HTML)) &&
                     line_is_blank(src, line);
        if (blank) {
            if (run++ == 0)
                run_start = line;
            continue;
        }
        if (run >= 2) {
            size_t from = src->line_starts[run_start + 1];
            size_t to = src->line_starts[run_start + run];
            awl_diag *diag = awl_emit(check, src->line_starts[run_start], to,
                                      "%zu blank lines in a row; one is enough", run);
            if (run_start == 0 || collapse_keeps_structure(doc, run_start - 1, line))
                awl_add_edit(check, diag, from, to, "", 0);
            else
                diag->message = awl_arena_printf(
                    &check->out->arena,
                    "%zu blank lines in a row end the list item above (not fixed: with one, the "
                    "indented line below would join it)",
                    run);
        }
        run = 0;
    }
}

const awl_rule awl_rule_blank_lines = {
    .id = "blank-lines",
    .category = "format",
    .severity = AWL_SEVERITY_WARNING,
    .fix = AWL_FIX_SAFE,
    .summary = "At most one blank line in a row outside code blocks",
    .explanation =
        "Markdown treats one blank line and several alike, so extra blank lines\n"
        "only stretch the source and hide where sections begin.\n"
        "\n"
        "Bad:\n"
        "    - [Orca](https://www.usenix.org/conference/osdi22/presentation/yu)\n"
        "\n"
        "\n"
        "    ## Training\n"
        "Good:\n"
        "    - [Orca](https://www.usenix.org/conference/osdi22/presentation/yu)\n"
        "\n"
        "    ## Training\n",
    .check = check_blank_lines,
};
