/*
 * heading-style: headings are written one way.
 *
 * The canonical heading is ATX, not indented, with one space after its
 * `#`s, no closing `#`s, no trailing white space, and a blank line before
 * and after it:
 *
 *     ## Inference
 *
 * Each departure is its own finding with a render-neutral fix:
 *  - a setext heading (`Title` over `===` or `---`) becomes ATX, when it is
 *    one line at the top level and its text does not end in what ATX would
 *    read as closing `#`s;
 *  - indentation before a top-level heading is removed;
 *  - several spaces after the `#`s become one space (a tab too, but as an
 *    unsafe fix: md4c keeps the tab in the heading's text);
 *  - a closing sequence (` ##`) is removed;
 *  - trailing white space is removed (only when the trailing-space rule is
 *    off, which reports it otherwise);
 *  - a blank line is inserted before and after a top-level heading. Inside
 *    a list item or block quote, a bare blank line would end the quote or
 *    loosen the list, so there only the heading's own line is checked.
 *
 * A `---` under a line of text that is far longer than the dashes is most
 * likely a thematic break missing the blank line above it: Markdown makes
 * the line a heading. That is reported as such, with an unsafe fix that
 * inserts the blank line (the page changes: the heading becomes text and a
 * rule), and the other checks leave that heading alone.
 *
 * Two mistakes make a line meant as a heading show as text on GitHub, and
 * are reported with an unsafe fix (the page changes, as intended):
 *  - `##Title`, without the space ATX needs (a one-line paragraph at the
 *    top level; `#` then a letter only when the line holds no other ` #`,
 *    so that a line of hashtags is left alone); the fix adds the space;
 *  - a heading line inside a raw HTML block that only a blank line ends
 *    (`<p align="center">`, `<div>`, `<details>` ...): the block swallows
 *    it. The fix adds the blank line before it. Comments, `<pre>`,
 *    `<script>` and the like hold their text on purpose and are left alone.
 *
 * HTML that shows nothing on the line just above or below a heading (a
 * comment such as `<!-- omit in toc -->` or a disable directive, an anchor
 * such as `<a name="x"></a>` or `<div id="x"></div>`) belongs to the
 * heading: no blank line is asked between them.
 */
#include <string.h>
#include <strings.h>

#include "headings.h"
#include "rule.h"

/* True when the line is HTML that shows nothing: a comment or an anchor. */
static bool line_is_invisible_html(const awl_doc *doc, size_t line)
{
    return awl_html_shows_nothing(doc->source.bytes, doc->source.line_starts[line],
                                  awl_source_line_end(&doc->source, line));
}

/* The line break that ends `line` (LF, CR LF or CR), to insert a blank line
 * written the way the file writes them. */
static void line_break_of(const awl_source *src, size_t line, const char **text, size_t *len)
{
    size_t end = awl_source_line_end(src, line), next = awl_source_line_next(src, line);
    if (next > end) {
        *text = src->bytes + end;
        *len = next - end;
    } else {
        *text = src->newline == AWL_NEWLINE_CRLF ? "\r\n" : "\n";
        *len = strlen(*text);
    }
}

static void insert_blank_line(awl_check *check, awl_diag *diag, size_t before_line)
{
    const awl_source *src = &check->doc->source;
    const char *nl;
    size_t nl_len;
    line_break_of(src, before_line - 1, &nl, &nl_len);
    size_t at = src->line_starts[before_line];
    awl_add_edit(check, diag, at, at, nl, nl_len);
}

/* True when trailing white space is the trailing-space rule's to report. */
static bool trailing_space_runs(const awl_config *config)
{
    size_t i = awl_rule_index("trailing-space");
    return i != AWL_NONE && config->severity[i] != AWL_SEVERITY_OFF;
}

/* The checks of an ATX heading's own line. */
static void check_atx_line(awl_check *check, const awl_block *h, bool top)
{
    const awl_doc *doc = check->doc;
    const char *s = doc->source.bytes;
    size_t line = h->first_line;
    size_t line_start = doc->source.line_starts[line] + (line == 0 && doc->source.has_bom ? 3 : 0);
    size_t end = awl_source_line_end(&doc->source, line);
    size_t at = awl_heading_line_content(doc, line);
    size_t after = at;
    while (after < end && s[after] == '#')
        after++;
    if (after - at != h->level || (after < end && !awl_is_blank_char(s[after])))
        return; /* not the line md4c read: leave it */

    if (top && at > line_start) {
        awl_diag *d = awl_emit(check, line_start, at,
                               "heading is indented; headings start at the line's beginning");
        awl_add_edit(check, d, line_start, at, "", 0);
    }

    /* md4c, like GitHub, takes the text from the first non-blank byte and
     * strips a closing sequence: `#`s after a space (or making up the whole
     * text), followed by spaces only. md4c counts only spaces there (a tab
     * stays in its text), so a tab makes the fix unsafe, or keeps a `#` run
     * from being a closing sequence at all. */
    size_t text = after;
    while (text < end && awl_is_blank_char(s[text]))
        text++;
    size_t text_end = end; /* past the text and any closing sequence */
    while (text_end > text && s[text_end - 1] == ' ')
        text_end--;
    size_t close = text_end;
    while (close > text && s[close - 1] == '#')
        close--;
    bool closing = close < text_end && (close == text || s[close - 1] == ' ');
    size_t content_end = text_end;
    if (closing) {
        content_end = close;
        while (content_end > text && s[content_end - 1] == ' ')
            content_end--;
    }

    if (text < content_end && (text - after != 1 || s[after] != ' ')) {
        size_t blanks = text - after;
        bool tab = memchr(s + after, '\t', blanks) != NULL;
        awl_diag *d = awl_emit(check, after, text,
                               tab ? "a tab after the heading's '#'; write one space"
                                   : "%zu spaces after the heading's '#'; write one",
                               blanks);
        awl_add_edit(check, d, after, text, " ", 1);
        if (tab) { /* md4c keeps the tab in the heading's text */
            awl_fix_unsafe(d);
            d->changes_text = true;
        }
    }
    if (closing) {
        awl_diag *d = awl_emit(check, close, text_end, "closing '#'s after the heading's text");
        awl_add_edit(check, d, content_end, end, "", 0);
        return;
    }
    size_t trail = end;
    while (trail > text && awl_is_blank_char(s[trail - 1]))
        trail--;
    if (trail < end && !trailing_space_runs(check->config)) {
        awl_diag *d = awl_emit(check, trail, end, "trailing white space after the heading");
        awl_add_edit(check, d, trail, end, "", 0);
        if (memchr(s + trail, '\t', end - trail)) { /* md4c keeps a trailing tab */
            awl_fix_unsafe(d);
            d->changes_text = true;
        }
    }
}

/* A setext heading: `Title` over `===` (level 1) or `---` (level 2). */
static void check_setext(awl_check *check, const awl_block *h, bool top)
{
    const awl_doc *doc = check->doc;
    const char *s = doc->source.bytes;
    size_t text = awl_heading_line_content(doc, h->first_line);
    const char *hashes = h->level == 1 ? "#" : "##";
    if (h->last_line - h->first_line != 1 || !top) {
        awl_emit(
            check, text, awl_source_line_end(&doc->source, h->last_line),
            "setext heading (text over %s); write it as one ATX line, '%s Title' (not fixed: %s)",
            h->level == 1 ? "'==='" : "'---'", hashes,
            top ? "its text spans several lines" : "it is inside a list item or quote");
        return;
    }
    /* md4c strips trailing spaces from the text (a tab stays in both forms). */
    size_t text_end = awl_source_line_end(&doc->source, h->first_line);
    while (text_end > text && s[text_end - 1] == ' ')
        text_end--;
    awl_diag *d = awl_emit(check, text, text_end,
                           "setext heading (text over %s); write it as an ATX heading, '%s Title'",
                           h->level == 1 ? "'==='" : "'---'", hashes);
    /* ATX would read trailing ` #`s as a closing sequence and drop them. */
    size_t hash = text_end;
    while (hash > text && s[hash - 1] == '#')
        hash--;
    if (hash < text_end && (hash == text || s[hash - 1] == ' ')) {
        d->message = awl_arena_printf(&check->out->arena,
                                      "%s (not fixed: ATX would drop the '#'s that end its text)",
                                      d->message);
        return;
    }
    size_t line_start = doc->source.line_starts[h->first_line] +
                        (h->first_line == 0 && doc->source.has_bom ? 3 : 0);
    char prefix[4];
    size_t prefix_len = (size_t)h->level + 1;
    memcpy(prefix, hashes, h->level);
    prefix[h->level] = ' ';
    awl_add_edit(check, d, line_start, text, prefix, prefix_len);
    awl_add_edit(check, d, text_end, awl_source_line_end(&doc->source, h->last_line), "", 0);
}

/* `Text` over a short `---`: a thematic break that lost its blank line. */
static void check_accidental(awl_check *check, const awl_block *h, bool top)
{
    const awl_doc *doc = check->doc;
    size_t text = awl_heading_line_content(doc, h->first_line);
    awl_diag *d = awl_emit(check, text, awl_source_line_end(&doc->source, h->last_line),
                           "the '---' on line %zu makes the text above it a level-2 heading; a "
                           "thematic break needs a blank line before it",
                           h->last_line + 1);
    if (top) {
        insert_blank_line(check, d, h->last_line);
        awl_fix_unsafe(d);
        d->changes_text = true;
    }
}

/* Offset of the first byte of `line` past the BOM and up to 3 spaces. */
static size_t past_indent(const awl_source *src, size_t line)
{
    size_t pos = src->line_starts[line] + (line == 0 && src->has_bom ? 3 : 0);
    size_t end = awl_source_line_end(src, line);
    for (int i = 0; i < 3 && pos < end && src->bytes[pos] == ' '; i++)
        pos++;
    return pos;
}

/* `##Title`: a one-line top-level paragraph that is a heading but for the
 * space after its `#`s. */
static void check_missing_space(awl_check *check, const awl_block *p)
{
    const awl_source *src = &check->doc->source;
    const char *s = src->bytes;
    if (p->parent != 0 || p->first_line != p->last_line)
        return;
    size_t at = past_indent(src, p->first_line), end = awl_source_line_end(src, p->first_line);
    size_t after = at;
    while (after < end && s[after] == '#')
        after++;
    size_t level = after - at;
    if (level < 1 || level > 6 || after == end)
        return;
    unsigned char c = (unsigned char)s[after];
    if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c >= 0x80 || c == '[' || c == '*' ||
          c == '_' || c == '`'))
        return;
    if (level == 1 && memmem(s + after, end - after, " #", 2))
        return; /* `#tag #other`: hashtags */
    awl_diag *d = awl_emit(check, at, end,
                           "not a heading: ATX headings need a space after their '#'s (GitHub "
                           "shows '%.*s' as text)",
                           (int)level, "######");
    awl_add_edit(check, d, after, after, " ", 1);
    awl_fix_unsafe(d);
    d->changes_text = true;
}

/* True when a raw HTML block keeps its lines as they are on purpose (types
 * 1 to 5 of CommonMark: <pre>, <script>, <style>, <textarea>, comments,
 * processing instructions, declarations, CDATA); the other HTML blocks run
 * to the next blank line, swallowing whatever Markdown comes before it. */
static bool html_is_verbatim(const awl_source *src, const awl_block *b)
{
    static const char *const openers[] = {"<pre", "<script", "<style", "<textarea", "<!", "<?"};
    size_t at = past_indent(src, b->first_line), end = awl_source_line_end(src, b->first_line);
    for (size_t i = 0; i < sizeof openers / sizeof openers[0]; i++) {
        size_t n = strlen(openers[i]);
        if (end - at >= n && strncasecmp(src->bytes + at, openers[i], n) == 0)
            return true;
    }
    return false;
}

/* A heading line inside an HTML block that a blank line ends. */
static void check_swallowed(awl_check *check, const awl_block *b)
{
    const awl_source *src = &check->doc->source;
    const char *s = src->bytes;
    if (b->parent != 0 || html_is_verbatim(src, b))
        return;
    for (size_t line = b->first_line + 1; line <= b->last_line; line++) {
        size_t at = past_indent(src, line), end = awl_source_line_end(src, line);
        size_t after = at;
        while (after < end && s[after] == '#')
            after++;
        if (after == at || after - at > 6 || (after < end && !awl_is_blank_char(s[after])))
            continue;
        awl_diag *d = awl_emit(check, at, end,
                               "the HTML block above swallows this heading (GitHub shows it as "
                               "text); a blank line before it ends the block");
        insert_blank_line(check, d, line);
        awl_fix_unsafe(d);
        d->changes_text = true;
        return; /* the rest is judged once the block is split */
    }
}

static void check_heading_style(awl_check *check)
{
    const awl_doc *doc = check->doc;
    const awl_source *src = &doc->source;
    /* Last line of the previous top-level heading whose "blank line after"
     * is checked, so that two adjacent headings give one finding. */
    size_t prev_last = AWL_NONE;
    for (size_t i = 1; i < doc->block_count; i++) {
        const awl_block *h = &doc->blocks[i];
        if (h->kind == AWL_BLOCK_PARAGRAPH)
            check_missing_space(check, h);
        else if (h->kind == AWL_BLOCK_HTML)
            check_swallowed(check, h);
        if (h->kind != AWL_BLOCK_HEADING)
            continue;
        bool top = h->parent == 0;
        if (awl_heading_is_accidental(doc, h)) {
            check_accidental(check, h, top);
            continue;
        }
        if (h->setext)
            check_setext(check, h, top);
        else
            check_atx_line(check, h, top);
        if (!top)
            continue;
        size_t first = h->first_line, last = h->last_line;
        size_t at = awl_heading_line_content(doc, first);
        if (first > 0 && prev_last != first - 1 && !awl_source_line_is_blank(src, first - 1) &&
            !line_is_invisible_html(doc, first - 1)) {
            awl_diag *d = awl_emit(check, at, at, "no blank line before the heading");
            insert_blank_line(check, d, first);
        }
        if (last + 1 < src->line_count && !awl_source_line_is_blank(src, last + 1) &&
            !line_is_invisible_html(doc, last + 1)) {
            /* Reported where the blank line goes: the end of the heading. */
            size_t heading_end = awl_source_line_end(src, last);
            awl_diag *d =
                awl_emit(check, heading_end, heading_end, "no blank line after the heading");
            insert_blank_line(check, d, last + 1);
        }
        prev_last = last;
    }
}

const awl_rule awl_rule_heading_style = {
    .id = "heading-style",
    .category = "structure",
    .severity = AWL_SEVERITY_WARNING,
    .fix = AWL_FIX_SAFE,
    .summary =
        "Headings are ATX (`## Title`), unindented, without closing `#`s, between blank lines",
    .explanation =
        "One way of writing headings keeps the outline easy to read in the source and\n"
        "easy to edit: '#'s, one space, the text, nothing after it, and a blank line\n"
        "above and below. Setext headings (text underlined with === or ---) become ATX\n"
        "headings. A short '---' under a long line is reported on its own: Markdown\n"
        "makes that line a heading, while the author most likely meant a thematic\n"
        "break, which needs a blank line before it (an unsafe fix adds it). So are\n"
        "lines meant as headings that GitHub shows as text: '##Title' without its\n"
        "space, and a heading line run over by an HTML block (such as <p\n"
        "align=\"center\">) that no blank line ends.\n"
        "\n"
        "Bad:\n"
        "    Inference Serving\n"
        "    -----------------\n"
        "    - [Orca](https://www.usenix.org/conference/osdi22/presentation/yu) - OSDI'22\n"
        "    ##  Training ##\n"
        "    - [Alpa](https://arxiv.org/abs/2201.12023) - OSDI'22\n"
        "Good:\n"
        "    ## Inference Serving\n"
        "\n"
        "    - [Orca](https://www.usenix.org/conference/osdi22/presentation/yu) - OSDI'22\n"
        "\n"
        "    ## Training\n"
        "\n"
        "    - [Alpa](https://arxiv.org/abs/2201.12023) - OSDI'22\n",
    .check = check_heading_style,
};
