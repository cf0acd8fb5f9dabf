/*
 * link-text-space: no white space just inside a link's brackets.
 *
 * `[ Title ](url)` underlines the spaces around the title and reads as a
 * slip. Spaces or tabs right after the `[` or right before the `]` are
 * reported; the fix removes them. Where the link touches a word outside
 * (`see[ Title](url)`, `[Title ](url)s`), one space moves out of the link
 * instead, so the words do not run together. Text that is only white
 * space is empty-link's; white space that belongs to an image inside the
 * link (its alt text) is left alone.
 *
 * The rendered text changes (the link loses its spaces), so the fix is
 * declared as a text change.
 */
#include <string.h>

#include "link_open.h"
#include "rule.h"

static bool is_blank(char c)
{
    return c == ' ' || c == '\t';
}

/* True when the text edge at `offset` belongs to an image inside the link
 * (its alt text starts or ends there). Images inside link `i` are the
 * image links right after it whose text lies within its text. */
static bool edge_in_image(const awl_doc *doc, size_t i, size_t offset, bool at_start)
{
    const awl_link *link = &doc->links[i];
    for (size_t j = i + 1; j < doc->link_count && doc->links[j].kind == AWL_LINK_IMAGE; j++) {
        const awl_link *img = &doc->links[j];
        if (img->text_start == AWL_NONE)
            continue;
        if (img->text_start < link->text_start || img->text_end > link->text_end)
            break;
        if ((at_start && img->text_start == offset) || (!at_start && img->text_end == offset))
            return true;
    }
    return false;
}

/* Offset just past an inline link's closing ')', scanning from its href's
 * end; AWL_NONE when the destination is not read as expected. */
static size_t inline_link_end(const char *s, size_t n, size_t pos)
{
    if (pos < n && s[pos] == '>')
        pos++;
    while (pos < n && (is_blank(s[pos]) || s[pos] == '\n' || s[pos] == '\r'))
        pos++;
    if (pos < n && (s[pos] == '"' || s[pos] == '\'' || s[pos] == '(')) { /* a title */
        char close = s[pos] == '(' ? ')' : s[pos];
        for (pos++; pos < n && s[pos] != close; pos++)
            if (s[pos] == '\\')
                pos++;
        if (pos >= n)
            return AWL_NONE;
        pos++;
        while (pos < n && (is_blank(s[pos]) || s[pos] == '\n' || s[pos] == '\r'))
            pos++;
    }
    return pos < n && s[pos] == ')' ? pos + 1 : AWL_NONE;
}

/* Offset just past the link whose text ends at `close` (its ']'), or
 * AWL_NONE when unsure. */
static size_t link_end(const awl_doc *doc, const awl_link *link, size_t close)
{
    const char *s = doc->source.bytes;
    size_t n = doc->source.length;
    if (close + 1 < n && s[close + 1] == '(') {
        if (link->href_start == AWL_NONE) /* `[x]()` or a target md4c built */
            return link->href[0] == '\0' ? inline_link_end(s, n, close + 2) : AWL_NONE;
        /* The href must be this link's own, right after "](". */
        for (size_t i = close + 2; i < link->href_start; i++)
            if (!is_blank(s[i]) && s[i] != '\n' && s[i] != '\r' && s[i] != '<')
                return AWL_NONE;
        return inline_link_end(s, n, link->href_end);
    }
    if (close + 1 < n && s[close + 1] == '[') { /* [text][label] */
        const char *end = memchr(s + close + 2, ']', n - close - 2);
        return end ? (size_t)(end - s) + 1 : AWL_NONE;
    }
    return close + 1; /* [text] */
}

/* True when white space between the character `c` and a link's edge is
 * not needed to keep the words apart: line edges, white space, and the
 * punctuation that hugs a link (brackets, quotes, emphasis, table pipes,
 * and after it, sentence punctuation). */
static bool hugs(char c, bool before)
{
    if (c == '\0' || c == '\n' || c == '\r' || is_blank(c))
        return true;
    return strchr(before ? "([{<\"'*_~|>" : ")]}>\"'*_~|.,;:!?", c) != NULL;
}

static void check_link_text_space(awl_check *check)
{
    const awl_doc *doc = check->doc;
    const char *s = doc->source.bytes;
    for (size_t i = 0; i < doc->link_count; i++) {
        const awl_link *link = &doc->links[i];
        if (link->kind != AWL_LINK_INLINE || link->text_start == AWL_NONE || link->text_start == 0)
            continue;
        size_t open = link->text_start - 1, close = link->text_end;
        size_t lead_end = link->text_start, trail_start = link->text_end;
        if (s[open] == '[' && !edge_in_image(doc, i, link->text_start, true))
            while (lead_end < link->text_end && is_blank(s[lead_end]))
                lead_end++;
        if (lead_end == link->text_end)
            continue; /* only white space: empty-link's */
        if (s[close] == ']' && !edge_in_image(doc, i, link->text_end, false))
            while (trail_start > lead_end && is_blank(s[trail_start - 1]))
                trail_start--;
        bool lead = lead_end > link->text_start, trail = trail_start < link->text_end;
        if (!lead && !trail)
            continue;
        /* The finding spans the bracketed text, from its '[' when known. */
        size_t from = awl_link_open(doc, i, AWL_NONE);
        if (from == AWL_NONE)
            from = link->text_start;
        awl_diag *diag =
            awl_emit(check, from, trail ? close + 1 : link->text_end, "link text %s white space",
                     lead && trail ? "starts and ends with"
                     : lead        ? "starts with"
                                   : "ends with");
        /* Where the link touches a word, keep one space, outside the link. */
        size_t end = trail ? link_end(doc, link, close) : 0;
        if (trail && end == AWL_NONE)
            continue; /* cannot see where the link ends: report only */
        if (lead) {
            bool apart = open == 0 || hugs(s[open - 1], true);
            awl_add_edit(check, diag, open, lead_end, apart ? "[" : " [", apart ? 1 : 2);
        }
        if (trail) {
            awl_add_edit(check, diag, trail_start, link->text_end, "", 0);
            if (!hugs(s[end], false))
                awl_add_edit(check, diag, end, end, " ", 1);
        }
        diag->changes_text = true; /* the link's text loses its spaces */
    }
}

const awl_rule awl_rule_link_text_space = {
    .id = "link-text-space",
    .category = "structure",
    .severity = AWL_SEVERITY_WARNING,
    .fix = AWL_FIX_SAFE,
    .summary = "No white space just inside a link's brackets: [Title](url), not [ Title ](url)",
    .explanation = "Spaces inside the brackets of a link are underlined with the title on\n"
                   "GitHub and read as a slip. The fix removes them; where the link touches a\n"
                   "word, one space moves outside the link so the words stay apart.\n"
                   "\n"
                   "Bad:\n"
                   "    - [ Orca: A Distributed Serving System "
                   "](https://www.usenix.org/conference/osdi22/presentation/yu)\n"
                   "Good:\n"
                   "    - [Orca: A Distributed Serving "
                   "System](https://www.usenix.org/conference/osdi22/presentation/yu)\n",
    .check = check_link_text_space,
};
