/*
 * heading-increment: heading levels go down one step at a time.
 *
 * Each heading may be at most one level deeper than the heading before it
 * (`##` then `####` skips a level); going back up by any number of levels
 * is fine. The first heading may have any level: many lists put their title
 * in HTML and start their Markdown outline at `##`. A `---` that makes a
 * line a heading by accident (see heading-style) is not part of the outline.
 *
 * A `<details>` element's `<summary>` is a level of the outline too: lists
 * such as awesome-java fold each category into `<details>` under a `##`
 * and put `####` headings inside it, the summary standing for the `###`.
 * So inside `<details>`, headings may go one level deeper than the heading
 * before the `<details>`; after `</details>`, the outline is back where it
 * was.
 *
 * No fix: whether the deeper heading should move up or a heading is missing
 * between them is the author's call, and changing a level changes the page.
 */
#include <string.h>
#include <strings.h>

#include "headings.h"
#include "rule.h"

enum { MAX_DETAILS = 16 }; /* nesting followed; deeper ones are ignored */

/* Follows the `<details>` and `</details>` tags of a raw HTML block, in
 * order: an opening one saves the outline level and adds the summary's
 * level, a closing one restores the saved level. */
static void follow_details(const awl_doc *doc, const awl_block *b, unsigned *prev, unsigned *saved,
                           size_t *open)
{
    const char *s = doc->source.bytes;
    for (size_t i = b->start; i + 8 < b->end; i++) {
        const char *lt = memchr(s + i, '<', b->end - 8 - i);
        if (!lt)
            break;
        i = (size_t)(lt - s);
        bool closing = s[i + 1] == '/';
        size_t name = i + 1 + closing;
        if (name + 7 > b->end || strncasecmp(s + name, "details", 7) != 0)
            continue;
        char after = name + 7 < b->end ? s[name + 7] : '>';
        if (after != '>' && after != ' ' && after != '\t' && after != '\n' && after != '\r')
            continue;
        if (!closing) {
            if (*open < MAX_DETAILS)
                saved[*open] = *prev;
            ++*open;
            if (*prev)
                ++*prev;
        } else if (*open) {
            --*open;
            if (*open < MAX_DETAILS)
                *prev = saved[*open];
        }
    }
}

static void check_heading_increment(awl_check *check)
{
    const awl_doc *doc = check->doc;
    unsigned prev = 0;
    unsigned saved[MAX_DETAILS];
    size_t open = 0;
    for (size_t i = 1; i < doc->block_count; i++) {
        const awl_block *h = &doc->blocks[i];
        if (h->kind == AWL_BLOCK_HTML)
            follow_details(doc, h, &prev, saved, &open);
        if (h->kind != AWL_BLOCK_HEADING || awl_heading_is_accidental(doc, h))
            continue;
        if (prev && h->level > prev + 1) {
            size_t at = awl_heading_line_content(doc, h->first_line);
            size_t end = awl_source_line_end(&doc->source, h->first_line);
            awl_emit(check, at, end,
                     "heading level %u follows a level-%u heading; levels go down one at a time "
                     "(expected level %u at most)",
                     h->level, prev, prev + 1);
        }
        prev = h->level;
    }
}

const awl_rule awl_rule_heading_increment = {
    .id = "heading-increment",
    .category = "structure",
    .severity = AWL_SEVERITY_WARNING,
    .fix = AWL_FIX_NONE,
    .summary = "Heading levels go down one step at a time (no `##` then `####`)",
    .explanation = "The outline of a list is what readers and tables of contents navigate by. A\n"
                   "heading two levels below the one before it leaves a hole in that outline:\n"
                   "screen readers announce a missing level, and a generated table of contents\n"
                   "indents it under nothing. Going back up any number of levels is fine.\n"
                   "\n"
                   "Bad:\n"
                   "    ## Systems\n"
                   "    #### LLM Serving\n"
                   "Good:\n"
                   "    ## Systems\n"
                   "    ### LLM Serving\n",
    .check = check_heading_increment,
};
