/*
 * empty-section: a heading with nothing under it.
 *
 * A section is empty when no content follows its heading before the next
 * heading of the same or a higher level (or the end of the file). A deeper
 * heading is content: the subsection is then judged on its own, so an
 * outline of empty subsections reports each of them, not their parent too.
 *
 * Not content, because a reader sees nothing of it: thematic breaks, and
 * HTML (a raw HTML block, or a paragraph of inline HTML) made only of
 * comments and tags without text or media (`<!-- TODO -->`,
 * `<a name="x"></a>`, `<br>`). A line that a `---` turned into a
 * heading by accident (see heading-style) is text, not a section.
 *
 * No fix: whether to fill the section or drop its heading is the author's
 * call.
 */
#include "headings.h"
#include "rule.h"

static void check_empty_section(awl_check *check)
{
    const awl_doc *doc = check->doc;
    for (size_t i = 1; i < doc->block_count; i++) {
        const awl_block *h = &doc->blocks[i];
        if (h->kind != AWL_BLOCK_HEADING || awl_heading_is_accidental(doc, h))
            continue;
        const awl_block *next = NULL; /* the heading that ends it, if any */
        /* In a list item or quote that goes on past the heading, what
         * follows is content even when md4c gives it no block of its own
         * (the text of a tight item is the item's). */
        bool empty = h->parent == 0 || doc->blocks[h->parent].last_line <= h->last_line;
        for (size_t j = i + 1; j < doc->block_count && empty; j++) {
            const awl_block *b = &doc->blocks[j];
            switch (b->kind) {
            case AWL_BLOCK_HEADING:
                if (awl_heading_is_accidental(doc, b) || b->level > h->level)
                    empty = false;
                else
                    next = b;
                j = doc->block_count; /* stop here */
                break;
            case AWL_BLOCK_HR:
            case AWL_BLOCK_LIST: /* containers: judged by what they hold */
            case AWL_BLOCK_QUOTE:
            case AWL_BLOCK_TABLE:
            case AWL_BLOCK_TABLE_ROW:
                break;
            case AWL_BLOCK_HTML:
            case AWL_BLOCK_PARAGRAPH: /* a paragraph of inline HTML anchors */
                empty = awl_html_shows_nothing(doc->source.bytes, b->start, b->end);
                break;
            default:
                empty = false;
                break;
            }
        }
        if (!empty)
            continue;
        size_t at = awl_heading_line_content(doc, h->first_line);
        size_t end = awl_source_line_end(&doc->source, h->first_line);
        if (next)
            awl_emit(check, at, end,
                     "empty section: nothing under this heading before the next level-%u heading "
                     "on line %zu",
                     next->level, next->first_line + 1);
        else
            awl_emit(check, at, end,
                     "empty section: nothing under this heading before the end of the file");
    }
}

const awl_rule awl_rule_empty_section = {
    .id = "empty-section",
    .category = "structure",
    .severity = AWL_SEVERITY_WARNING,
    .fix = AWL_FIX_NONE,
    .summary = "Every heading has content before the next heading of its level or higher",
    .explanation =
        "A heading with nothing under it promises entries that are not there: a\n"
        "placeholder never filled, or a section whose entries moved elsewhere. Fill\n"
        "it or remove the heading (and its table-of-contents entry). A section made\n"
        "only of subsections is not empty; its empty subsections are reported.\n"
        "\n"
        "Bad:\n"
        "    ## Serving\n"
        "\n"
        "    ## Training\n"
        "\n"
        "    - [Alpa](https://arxiv.org/abs/2201.12023) - OSDI'22\n"
        "Good:\n"
        "    ## Serving\n"
        "\n"
        "    - [Orca](https://www.usenix.org/conference/osdi22/presentation/yu) - OSDI'22\n"
        "\n"
        "    ## Training\n"
        "\n"
        "    - [Alpa](https://arxiv.org/abs/2201.12023) - OSDI'22\n",
    .check = check_empty_section,
};
