/*
 * trailing-space: white space at the end of a line.
 *
 * Kept: two or more spaces that make a Markdown hard line break, white space
 * inside code blocks and raw HTML blocks, and white space that md4c hands
 * over as code (a code span that continues on the next line), since removing
 * those would change what the page shows. A trailing tab md4c keeps in plain
 * text gets an unsafe fix: the HTML changes, though browsers collapse it. White space after a line-ending backslash is
 * reported with an unsafe fix: the author meant a line break, but removing
 * the space changes the rendering.
 */
#include <string.h>

#include "rule.h"

/* True when the line, past its indentation and '>' prefixes, holds only
 * list markers, or only one of - = * _ repeated (a thematic break or setext
 * underline). There, white space is part of how parsers read the line
 * (md4c reads `---\t` as a rule, `---` as an underline), so it is reported
 * but not fixed. */
static bool is_structural_line(const char *s, size_t start, size_t end)
{
    size_t i = start;
    while (i < end && (s[i] == ' ' || s[i] == '\t' || s[i] == '>'))
        i++;
    if (i == end)
        return false;
    char first = s[i];
    bool markers_only = true, one_char = strchr("-=*_", first) != NULL;
    for (size_t j = i; j < end; j++) {
        char c = s[j];
        if (c == ' ' || c == '\t')
            continue;
        if (c != first)
            one_char = false;
        bool digit = c >= '0' && c <= '9';
        if (c != '-' && c != '*' && c != '+' && c != '.' && c != ')' && !digit)
            markers_only = false;
        if (!markers_only && !one_char)
            return false; /* most lines: known from their first word */
    }
    return markers_only || one_char;
}

static void check_trailing_space(awl_check *check)
{
    const awl_doc *doc = check->doc;
    const awl_source *src = &doc->source;
    for (size_t line = 0; line < src->line_count; line++) {
        uint16_t flags = doc->line_flags[line];
        if (flags & (AWL_LINE_CODE | AWL_LINE_HTML | AWL_LINE_WS_IS_CODE))
            continue;
        size_t start = src->line_starts[line];
        size_t end = awl_source_line_end(src, line);
        size_t ws = end;
        while (ws > start && (src->bytes[ws - 1] == ' ' || src->bytes[ws - 1] == '\t'))
            ws--;
        if (ws == end)
            continue;
        if ((flags & AWL_LINE_HARD_BREAK) && ws > start)
            continue;
        size_t slashes = 0;
        while (ws - slashes > start && src->bytes[ws - slashes - 1] == '\\')
            slashes++;
        if (slashes % 2) {
            /* `text \ ` meant a line break, but the space makes the
             * backslash literal text. Removing the space changes what the
             * page shows, so the fix is unsafe (and declared as a text change). */
            awl_diag *diag = awl_emit(check, ws, end,
                                      "white space after a line-ending backslash: the backslash "
                                      "shows as text instead of breaking the line");
            awl_add_edit(check, diag, ws, end, "", 0);
            awl_fix_unsafe(diag);
            diag->changes_text = true;
            continue;
        }
        if (ws > start && !(flags & AWL_LINE_IN_BLOCK) && line + 1 < src->line_count &&
            !(doc->line_flags[line + 1] & AWL_LINE_IN_BLOCK) &&
            awl_source_line_end(src, line + 1) > src->line_starts[line + 1]) {
            /* Inside a link reference definition that goes on: its title
             * may span lines and keeps their white space. */
            awl_emit(check, ws, end,
                     "trailing white space in a link reference definition (not fixed: it may "
                     "be part of a title that continues on the next line)");
            continue;
        }
        if (ws > start && is_structural_line(src->bytes, start, ws)) {
            awl_emit(check, ws, end,
                     "trailing white space after a list marker or rule line (not fixed: "
                     "removing it can change how the line parses)");
            continue;
        }
        awl_diag *diag = awl_emit(check, ws, end,
                                  ws == start ? "line holds only white space"
                                              : "trailing white space");
        awl_add_edit(check, diag, ws, end, "", 0);
        if (flags & AWL_LINE_WS_IS_TEXT) {
            /* md4c keeps a trailing tab in the text, so its HTML changes
             * (by white space a browser collapses): unsafe, and declared as
             * a text change for verification. */
            awl_fix_unsafe(diag);
            diag->changes_text = true;
        }
    }
}

const awl_rule awl_rule_trailing_space = {
    .id = "trailing-space",
    .category = "format",
    .severity = AWL_SEVERITY_WARNING,
    .fix = AWL_FIX_SAFE,
    .summary = "No white space at the end of a line (hard line breaks are kept)",
    .explanation =
        "Trailing spaces and tabs are invisible in the rendered list, but they make\n"
        "diffs noisy and editors disagree about them. Two or more spaces that end a\n"
        "line inside a paragraph are a Markdown hard line break and are kept, as is\n"
        "white space inside code blocks.\n"
        "\n"
        "Bad:\n"
        "    - [Alpa](https://arxiv.org/abs/2201.12023) - OSDI'22.\xE2\x90\xA3\xE2\x90\xA3\xE2\x90\xA3\n"
        "Good:\n"
        "    - [Alpa](https://arxiv.org/abs/2201.12023) - OSDI'22.\n",
    .check = check_trailing_space,
};
