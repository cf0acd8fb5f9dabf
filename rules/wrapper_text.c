/*
 * wrapper-text: the residue of a scraped web page before the first heading.
 *
 * Lists copied from a page that shows a repository (an index such as
 * ecosyste.ms, or GitHub's own page) start with that page's chrome: "An
 * open API service indexing awesome lists of open source software.",
 * "Last synced: 3 months ago", "JSON representation", "Skip to content",
 * the repository's URL and topics, a lone "README". The rule recognises the
 * chrome by those lines (signatures): the text before the first heading is
 * wrapper text when its first line is a signature line and it holds at
 * least two, one of them a sentence no list would write itself (a strong
 * signature). The finding spans from the first line to the last signature
 * line; the blank lines after it go too.
 *
 * The fix deletes it, and is unsafe: it deletes text (and the links in it,
 * which verification then lets go). It is offered only when the span holds
 * plain paragraphs: a list, table, code or HTML block among the chrome
 * means a human should look.
 */
#include <string.h>

#include "rule.h"

typedef enum strength { NOT_CHROME, WEAK, STRONG } strength;

/* Page chrome, matched against a whole line (`prefix` false) or its start. */
static const struct {
    const char *text;
    bool prefix;
    strength strength;
} signatures[] = {
    /* awesome.ecosyste.ms and the other ecosyste.ms services */
    {"An open API service ", true, STRONG},
    {"Last synced:", true, STRONG},
    {"JSON representation", false, STRONG},
    {"Awesome Lists containing this project", false, STRONG},
    {"List:", true, WEAK},
    {"Topic:", true, WEAK},
    {"README", false, WEAK},
    {"README.md", false, WEAK},
    /* a GitHub repository page */
    {"Skip to content", false, STRONG},
    {"Navigation Menu", false, STRONG},
    {"You signed in with another tab or window.", true, STRONG},
    {"Repository files navigation", false, STRONG},
    {"Folders and files", false, STRONG},
    {"Notifications", true, WEAK},
    {"Sign in", false, WEAK},
    {"Sign up", false, WEAK},
    {"Latest commit", false, WEAK},
};

static strength line_signature(const char *s, size_t start, size_t end)
{
    while (start < end && (s[start] == ' ' || s[start] == '\t'))
        start++;
    while (end > start && (s[end - 1] == ' ' || s[end - 1] == '\t'))
        end--;
    size_t len = end - start;
    for (size_t i = 0; i < sizeof signatures / sizeof signatures[0]; i++) {
        size_t n = strlen(signatures[i].text);
        if (signatures[i].prefix ? len >= n && memcmp(s + start, signatures[i].text, n) == 0
                                 : len == n && memcmp(s + start, signatures[i].text, n) == 0)
            return signatures[i].strength;
    }
    return NOT_CHROME;
}


static void check_wrapper_text(awl_check *check)
{
    const awl_doc *doc = check->doc;
    const awl_source *src = &doc->source;
    /* The text before the first heading: lines [0, first_heading). */
    size_t first_heading = src->line_count;
    for (size_t i = 0; i < doc->block_count; i++)
        if (doc->blocks[i].kind == AWL_BLOCK_HEADING) {
            first_heading = doc->blocks[i].first_line;
            break;
        }
    size_t first = 0;
    while (first < first_heading && awl_source_line_is_blank(src, first))
        first++;
    if (first == first_heading)
        return;
    const uint16_t not_text = AWL_LINE_CODE | AWL_LINE_HTML;
    if (doc->line_flags[first] & not_text)
        return;
    size_t from = src->line_starts[first] + (first == 0 && src->has_bom ? 3 : 0);
    if (line_signature(src->bytes, from, awl_source_line_end(src, first)) == NOT_CHROME)
        return;
    size_t signatures_seen = 0, strong = 0, last = first;
    for (size_t line = first; line < first_heading; line++) {
        if (doc->line_flags[line] & not_text)
            continue;
        size_t start = src->line_starts[line] + (line == 0 && src->has_bom ? 3 : 0);
        strength kind = line_signature(src->bytes, start, awl_source_line_end(src, line));
        if (kind == NOT_CHROME)
            continue;
        signatures_seen++;
        strong += kind == STRONG;
        last = line;
    }
    if (signatures_seen < 2 || !strong)
        return;
    awl_diag *diag =
        awl_emit(check, from, awl_source_line_end(src, last),
                 "text of a scraped web page before the first heading (%zu line%s of page chrome "
                 "such as 'Last synced:' or 'JSON representation')",
                 last - first + 1, last == first ? "" : "s");
    /* The fix: lines [first, last] and the blank lines after them. */
    size_t end_line = last + 1;
    while (end_line < first_heading && awl_source_line_is_blank(src, end_line) &&
           !(doc->line_flags[end_line] & not_text))
        end_line++;
    for (size_t line = first; line < end_line; line++)
        if (doc->line_flags[line] &
            (not_text | AWL_LINE_TABLE | AWL_LINE_ITEM_MARKER | AWL_LINE_HEADING))
            return; /* more than plain paragraphs: report only */
    size_t to = end_line < src->line_count ? src->line_starts[end_line] : src->length;
    awl_add_edit(check, diag, from, to, "", 0);
    awl_fix_unsafe(diag);
    /* A text change: verification expects the text gone, and lets the link
     * targets inside the deleted range go with it. */
    diag->changes_text = true;
}

const awl_rule awl_rule_wrapper_text = {
    .id = "wrapper-text",
    .category = "entry",
    .severity = AWL_SEVERITY_WARNING,
    .fix = AWL_FIX_UNSAFE,
    .summary =
        "No text of a scraped web page (index or GitHub page chrome) before the first heading",
    .explanation = "A list copied from a web page that shows it (an index of awesome lists,\n"
                   "a repository page) often keeps the page's own text at the top: a banner,\n"
                   "the repository URL and topics, 'Last synced:', 'JSON representation'.\n"
                   "It is not part of the list and confuses readers and tools. The unsafe fix\n"
                   "deletes it, from the first line to the last line of page chrome and the\n"
                   "blank lines after it.\n"
                   "\n"
                   "Bad:\n"
                   "    An open API service indexing awesome lists of open source software.\n"
                   "\n"
                   "    Last synced: 3 months ago\n"
                   "    JSON representation\n"
                   "\n"
                   "    # Awesome Serving Papers\n"
                   "Good:\n"
                   "    # Awesome Serving Papers\n",
    .check = check_wrapper_text,
};
