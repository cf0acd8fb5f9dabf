/*
 * test_doc: positions that linter/doc.c derives from md4c's text pointers
 * (DESIGN.md, "Core decisions" point 2), and a few entries (linter/entries.c).
 *
 * Covers:
 *  - headings: ATX levels, setext headings (the underline line belongs to
 *    the heading), heading text and GitHub slugs (emoji, duplicates, code
 *    spans, inline HTML, entities, badges);
 *  - list items: marker line and marker offset for flat, nested, `- - x`,
 *    empty, fence-first, continued, ordered and block-quoted items; tight
 *    and loose lists;
 *  - fenced and indented code blocks and raw HTML blocks (line spans and
 *    AWL_LINE_CODE / AWL_LINE_HTML);
 *  - tables (row lines, cells, links in cells);
 *  - links: copied href, href span in the buffer or AWL_NONE when md4c built
 *    the href, text span, kinds (inline, autolink, image), reference links,
 *    the enclosing item;
 *  - entities, hard breaks, sections and awl_doc_section_at, HTML comments
 *    mentioning awelint;
 *  - entries: title, primary and extra links with labels, description and
 *    shape for the common entry shapes; meta sections and table headers.
 *
 * Every expected value was worked out from the Markdown by hand (offsets are
 * spelled out in comments), not copied from the program's output.
 */
#include <criterion/criterion.h>
#include <string.h>

#include "doc.h"
#include "entries.h"

/* ---- helpers --------------------------------------------------------------- */

static awl_doc *parse(const char *markdown)
{
    awl_doc *doc = awl_doc_parse("test.md", markdown, strlen(markdown));
    cr_assert_not_null(doc);
    cr_assert_not(doc->parse_failed);
    return doc;
}

static size_t count_kind(const awl_doc *doc, awl_block_kind kind)
{
    size_t n = 0;
    for (size_t i = 0; i < doc->block_count; i++)
        n += doc->blocks[i].kind == kind;
    return n;
}

/* Index of the n-th (0-based) block of `kind`; fails the test when missing. */
static size_t nth_index(const awl_doc *doc, awl_block_kind kind, size_t n)
{
    size_t seen = 0;
    for (size_t i = 0; i < doc->block_count; i++)
        if (doc->blocks[i].kind == kind && seen++ == n)
            return i;
    cr_assert_fail("block #%zu of kind %d missing (the document has %zu of that kind)", n,
                   (int)kind, count_kind(doc, kind));
    return AWL_NONE;
}

static const awl_block *nth(const awl_doc *doc, awl_block_kind kind, size_t n)
{
    return &doc->blocks[nth_index(doc, kind, n)];
}

/* Index of the first link whose href is `href`; fails when missing. */
static size_t link_index(const awl_doc *doc, const char *href)
{
    for (size_t i = 0; i < doc->link_count; i++)
        if (strcmp(doc->links[i].href, href) == 0)
            return i;
    cr_assert_fail("no link to %s among %zu links", href, doc->link_count);
    return AWL_NONE;
}

static const awl_link *link_to(const awl_doc *doc, const char *href)
{
    return &doc->links[link_index(doc, href)];
}

static bool has_flag(const awl_doc *doc, size_t line, int flag)
{
    cr_assert_lt(line, doc->source.line_count);
    return (doc->line_flags[line] & flag) != 0;
}

static char *block_plain_copy(const awl_doc *doc, const awl_block *b)
{
    static char buf[512];
    size_t n = b->plain_len < sizeof buf - 1 ? b->plain_len : sizeof buf - 1;
    memcpy(buf, awl_block_plain(doc, b), n);
    buf[n] = '\0';
    return buf;
}

#define ASSERT_LINES(block, first, last)                                                          \
    do {                                                                                          \
        cr_assert_eq((block)->first_line, (size_t)(first), "first_line %zu, want %zu",            \
                     (block)->first_line, (size_t)(first));                                       \
        cr_assert_eq((block)->last_line, (size_t)(last), "last_line %zu, want %zu",               \
                     (block)->last_line, (size_t)(last));                                         \
    } while (0)

#define ASSERT_ITEM(block, first, last, marker)                                                   \
    do {                                                                                          \
        ASSERT_LINES(block, first, last);                                                         \
        cr_assert_eq((block)->marker_offset, (size_t)(marker), "marker_offset %zu, want %zu",     \
                     (block)->marker_offset, (size_t)(marker));                                   \
    } while (0)

/* ---- headings -------------------------------------------------------------- */

Test(doc_headings, atx_levels_and_lines)
{
    /* line 0 at 0 "# Title"; 1 at 8 ""; 2 at 9 "Some text.";
     * 3 at 20 "### Third level ###"; 4 at 40 "###### Six" */
    awl_doc *doc = parse("# Title\n\nSome text.\n### Third level ###\n###### Six\n");
    cr_assert_eq(count_kind(doc, AWL_BLOCK_HEADING), 3);
    const awl_block *h1 = nth(doc, AWL_BLOCK_HEADING, 0);
    cr_assert_eq(h1->level, 1);
    cr_assert_not(h1->setext);
    ASSERT_LINES(h1, 0, 0);
    cr_assert_eq(h1->start, 0);
    cr_assert_eq(h1->end, 7);
    cr_assert_str_eq(h1->text, "Title");
    cr_assert_str_eq(h1->slug, "title");

    const awl_block *h3 = nth(doc, AWL_BLOCK_HEADING, 1);
    cr_assert_eq(h3->level, 3);
    ASSERT_LINES(h3, 3, 3);
    cr_assert_eq(h3->start, 20);
    cr_assert_eq(h3->end, 39);
    cr_assert_str_eq(h3->text, "Third level", "closing hashes are not text");
    cr_assert_str_eq(h3->slug, "third-level");

    const awl_block *h6 = nth(doc, AWL_BLOCK_HEADING, 2);
    cr_assert_eq(h6->level, 6);
    ASSERT_LINES(h6, 4, 4);

    cr_assert(has_flag(doc, 0, AWL_LINE_HEADING));
    cr_assert_not(has_flag(doc, 2, AWL_LINE_HEADING));
    cr_assert(has_flag(doc, 3, AWL_LINE_HEADING));
    ASSERT_LINES(nth(doc, AWL_BLOCK_PARAGRAPH, 0), 2, 2);
    awl_doc_free(doc);
}

Test(doc_headings, setext_includes_its_underline)
{
    /* 0 "Title"  1 "====="  2 ""  3 "Sub title"  4 "second line"  5 "---"
     * 6 ""  7 "after" */
    awl_doc *doc = parse("Title\n=====\n\nSub title\nsecond line\n---\n\nafter\n");
    cr_assert_eq(count_kind(doc, AWL_BLOCK_HEADING), 2);
    const awl_block *a = nth(doc, AWL_BLOCK_HEADING, 0);
    cr_assert_eq(a->level, 1);
    cr_assert(a->setext);
    ASSERT_LINES(a, 0, 1);
    cr_assert_eq(a->start, 0);
    cr_assert_eq(a->end, 11, "end is past the ===== underline");
    cr_assert_str_eq(a->text, "Title");

    const awl_block *b = nth(doc, AWL_BLOCK_HEADING, 1);
    cr_assert_eq(b->level, 2);
    cr_assert(b->setext);
    ASSERT_LINES(b, 3, 5);
    cr_assert_str_eq(b->text, "Sub title second line");
    cr_assert_str_eq(b->slug, "sub-title-second-line");

    for (size_t line = 0; line <= 7; line++) {
        bool want = line == 0 || line == 1 || line == 3 || line == 4 || line == 5;
        cr_assert_eq(has_flag(doc, line, AWL_LINE_HEADING), want, "line %zu heading flag", line);
    }
    ASSERT_LINES(nth(doc, AWL_BLOCK_PARAGRAPH, 0), 7, 7);
    awl_doc_free(doc);
}

Test(doc_headings, headings_in_items_and_quotes_are_atx)
{
    /* "- # In item" then "> ## Quoted" then "Text" (a paragraph after a
     * blank line). Neither heading is setext, so neither takes a second line. */
    awl_doc *doc = parse("- # In item\n\n> ## Quoted\nText\n");
    const awl_block *in_item = nth(doc, AWL_BLOCK_HEADING, 0);
    cr_assert_eq(in_item->level, 1);
    cr_assert_not(in_item->setext);
    ASSERT_LINES(in_item, 0, 0);
    cr_assert_str_eq(in_item->text, "In item");
    const awl_block *quoted = nth(doc, AWL_BLOCK_HEADING, 1);
    cr_assert_eq(quoted->level, 2);
    cr_assert_not(quoted->setext);
    ASSERT_LINES(quoted, 2, 2);
    awl_doc_free(doc);
}

Test(doc_headings, setext_heading_inside_an_item)
{
    /* "- Foo" + "  ---": a level-2 setext heading inside the item. */
    awl_doc *doc = parse("- Foo\n  ---\n");
    const awl_block *h = nth(doc, AWL_BLOCK_HEADING, 0);
    cr_assert_eq(h->level, 2);
    cr_assert(h->setext);
    ASSERT_LINES(h, 0, 1);
    ASSERT_ITEM(nth(doc, AWL_BLOCK_ITEM, 0), 0, 1, 0);
    awl_doc_free(doc);
}

Test(doc_headings, empty_atx_heading)
{
    /* "# A\n" 0..3, "#\n" 4..5, "## B\n" 6..10 */
    awl_doc *doc = parse("# A\n#\n## B\n");
    cr_assert_eq(count_kind(doc, AWL_BLOCK_HEADING), 3);
    const awl_block *empty = nth(doc, AWL_BLOCK_HEADING, 1);
    cr_assert_eq(empty->level, 1);
    ASSERT_LINES(empty, 1, 1);
    cr_assert_str_eq(empty->text, "");
    cr_assert_str_eq(empty->slug, "");
    ASSERT_LINES(nth(doc, AWL_BLOCK_HEADING, 2), 2, 2);
    awl_doc_free(doc);
}

Test(doc_headings, empty_heading_and_rule_after_blank_lines)
{
    /* "Foo\n" line 0, "" line 1, "#\n" line 2, "" line 3, "---\n" line 4,
     * "" line 5, "## ##\n" line 6. The empty blocks have no text to place
     * them: they start on their own line, not on the blank line before it,
     * and the empty ATX headings are not setext headings. */
    awl_doc *doc = parse("Foo\n\n#\n\n---\n\n## ##\n");
    cr_assert_eq(count_kind(doc, AWL_BLOCK_HEADING), 2);
    const awl_block *h1 = nth(doc, AWL_BLOCK_HEADING, 0);
    cr_assert_eq(h1->level, 1);
    cr_assert_not(h1->setext);
    ASSERT_LINES(h1, 2, 2);
    ASSERT_LINES(nth(doc, AWL_BLOCK_HR, 0), 4, 4);
    const awl_block *h2 = nth(doc, AWL_BLOCK_HEADING, 1);
    cr_assert_eq(h2->level, 2);
    cr_assert_not(h2->setext);
    ASSERT_LINES(h2, 6, 6);
    awl_doc_free(doc);
}

Test(doc_headings, heading_after_a_bom)
{
    /* GitHub ignores a leading BOM: this is a level-1 heading on line 0 and
     * "Text" is a paragraph on line 1. */
    awl_doc *doc = parse("\xEF\xBB\xBF# Title\nText\n");
    cr_assert(doc->source.has_bom);
    cr_assert_eq(count_kind(doc, AWL_BLOCK_HEADING), 1, "a BOM hides the first heading (%zu headings)",
                 count_kind(doc, AWL_BLOCK_HEADING));
    const awl_block *h = nth(doc, AWL_BLOCK_HEADING, 0);
    cr_assert_eq(h->level, 1);
    cr_assert_not(h->setext);
    ASSERT_LINES(h, 0, 0);
    cr_assert_str_eq(h->text, "Title");
    cr_assert_str_eq(h->slug, "title");
    awl_doc_free(doc);
}

/* ---- heading text and slugs ------------------------------------------------ */

static void assert_slug(const char *markdown, const char *want_text, const char *want_slug)
{
    awl_doc *doc = parse(markdown);
    const awl_block *h = nth(doc, AWL_BLOCK_HEADING, 0);
    if (want_text)
        cr_assert_str_eq(h->text, want_text, "text of %s is \"%s\"", markdown, h->text);
    cr_assert_str_eq(h->slug, want_slug, "slug of %s is \"%s\", want \"%s\"", markdown, h->slug,
                     want_slug);
    awl_doc_free(doc);
}

Test(doc_slugs, emoji_leaves_the_space)
{
    assert_slug("## \xF0\x9F\x9A\x80 Tools\n", "\xF0\x9F\x9A\x80 Tools", "-tools");
}

Test(doc_slugs, punctuation_unicode_and_case)
{
    assert_slug("## C++ / Rust (2024)!\n", "C++ / Rust (2024)!", "c--rust-2024");
    assert_slug("## \xC3\x9C" "ber Caf\xC3\xA9 2024\n", "\xC3\x9C" "ber Caf\xC3\xA9 2024",
                "\xC3\xBC" "ber-caf\xC3\xA9-2024");
    assert_slug("# snake_case and-dash\n", "snake_case and-dash", "snake_case-and-dash");
}

Test(doc_slugs, code_spans_keep_their_text)
{
    assert_slug("## The `foo_bar` API\n", "The foo_bar API", "the-foo_bar-api");
}

Test(doc_slugs, html_tags_are_left_out)
{
    assert_slug("## <a name=\"intro\"></a>Intro <b>new</b>\n", "Intro new", "intro-new");
}

Test(doc_slugs, entities_are_decoded)
{
    assert_slug("## Tips &amp; Tricks\n", "Tips & Tricks", "tips--tricks");
    assert_slug("## Q&amp;A\n", "Q&A", "qa");
    assert_slug("## &#65;PI\n", "API", "api");
}

Test(doc_slugs, links_give_their_text)
{
    assert_slug("## [Docs](https://d.example) and more\n", "Docs and more", "docs-and-more");
}

Test(doc_slugs, badge_image_leaves_a_trailing_dash)
{
    /* DESIGN.md: a badge image in a heading leaves a trailing `-`; GitHub's
     * anchor comes from the rendered text, in which an <img> has none. */
    assert_slug("## Tools ![badge](https://img.example/b.svg)\n", NULL, "tools-");
}

Test(doc_slugs, duplicates_are_numbered_in_order)
{
    awl_doc *doc = parse("# A\n\n## A\n\n### a\n\n# Tools\n\n## B\n\n## tools\n");
    cr_assert_str_eq(nth(doc, AWL_BLOCK_HEADING, 0)->slug, "a");
    cr_assert_str_eq(nth(doc, AWL_BLOCK_HEADING, 1)->slug, "a-1");
    cr_assert_str_eq(nth(doc, AWL_BLOCK_HEADING, 2)->slug, "a-2");
    cr_assert_str_eq(nth(doc, AWL_BLOCK_HEADING, 3)->slug, "tools");
    cr_assert_str_eq(nth(doc, AWL_BLOCK_HEADING, 4)->slug, "b");
    cr_assert_str_eq(nth(doc, AWL_BLOCK_HEADING, 5)->slug, "tools-1");
    awl_doc_free(doc);
}

/* ---- list items ------------------------------------------------------------ */

Test(doc_items, flat_tight_list)
{
    /* "- a\n" "- b\n" "- c\n": markers at 0, 4, 8 */
    awl_doc *doc = parse("- a\n- b\n- c\n");
    cr_assert_eq(count_kind(doc, AWL_BLOCK_ITEM), 3);
    size_t list_index = nth_index(doc, AWL_BLOCK_LIST, 0);
    const awl_block *list = &doc->blocks[list_index];
    cr_assert_not(list->ordered);
    cr_assert(list->tight);
    cr_assert_eq(list->marker, '-');
    ASSERT_LINES(list, 0, 2);
    const size_t markers[] = {0, 4, 8};
    const char *texts[] = {"a", "b", "c"};
    for (size_t i = 0; i < 3; i++) {
        const awl_block *item = nth(doc, AWL_BLOCK_ITEM, i);
        ASSERT_ITEM(item, i, i, markers[i]);
        cr_assert_eq(item->parent, list_index);
        cr_assert_eq(item->depth, list->depth + 1);
        cr_assert_eq(item->start, markers[i]);
        cr_assert_eq(item->end, markers[i] + 3);
        cr_assert_str_eq(block_plain_copy(doc, item), texts[i]);
        cr_assert(has_flag(doc, i, AWL_LINE_ITEM_MARKER));
    }
    awl_doc_free(doc);
}

Test(doc_items, star_and_plus_bullets)
{
    awl_doc *doc = parse("* a\n* b\n\n+ c\n");
    cr_assert_eq(count_kind(doc, AWL_BLOCK_LIST), 2);
    cr_assert_eq(nth(doc, AWL_BLOCK_LIST, 0)->marker, '*');
    cr_assert_eq(nth(doc, AWL_BLOCK_LIST, 1)->marker, '+');
    /* "* a\n* b\n\n" is 9 bytes: '+' at 9 */
    ASSERT_ITEM(nth(doc, AWL_BLOCK_ITEM, 2), 3, 3, 9);
    awl_doc_free(doc);
}

Test(doc_items, nested_items_own_their_sublists)
{
    /* line 0 at 0 "- a"; 1 at 4 "  - b"; 2 at 10 "    - c"; 3 at 18 "- d" */
    awl_doc *doc = parse("- a\n  - b\n    - c\n- d\n");
    cr_assert_eq(count_kind(doc, AWL_BLOCK_ITEM), 4);
    const awl_block *a = nth(doc, AWL_BLOCK_ITEM, 0);
    const awl_block *b = nth(doc, AWL_BLOCK_ITEM, 1);
    const awl_block *c = nth(doc, AWL_BLOCK_ITEM, 2);
    const awl_block *d = nth(doc, AWL_BLOCK_ITEM, 3);
    ASSERT_ITEM(a, 0, 2, 0);
    ASSERT_ITEM(b, 1, 2, 6);
    ASSERT_ITEM(c, 2, 2, 14);
    ASSERT_ITEM(d, 3, 3, 18);
    cr_assert_eq(a->start, 0);
    cr_assert_eq(a->end, 17, "the item's span covers its sub-lists");
    cr_assert_eq(b->start, 4, "start is the marker line's first byte");
    cr_assert_eq(a->depth, 2);
    cr_assert_eq(b->depth, 4);
    cr_assert_eq(c->depth, 6);
    cr_assert_eq(d->depth, 2);
    /* b's list is a child of a */
    cr_assert_eq(doc->blocks[b->parent].parent, nth_index(doc, AWL_BLOCK_ITEM, 0));
    awl_doc_free(doc);
}

Test(doc_items, two_items_on_one_line)
{
    /* "- - x\n- y\n": outer item at 0, inner item at 2, next item at 6 */
    awl_doc *doc = parse("- - x\n- y\n");
    cr_assert_eq(count_kind(doc, AWL_BLOCK_ITEM), 3);
    const awl_block *outer = nth(doc, AWL_BLOCK_ITEM, 0);
    const awl_block *inner = nth(doc, AWL_BLOCK_ITEM, 1);
    const awl_block *next = nth(doc, AWL_BLOCK_ITEM, 2);
    ASSERT_ITEM(outer, 0, 0, 0);
    ASSERT_ITEM(inner, 0, 0, 2);
    ASSERT_ITEM(next, 1, 1, 6);
    awl_doc_free(doc);

    /* "1. - x": ordered item at 0, bullet item at 3 */
    doc = parse("1. - x\n");
    ASSERT_ITEM(nth(doc, AWL_BLOCK_ITEM, 0), 0, 0, 0);
    ASSERT_ITEM(nth(doc, AWL_BLOCK_ITEM, 1), 0, 0, 3);
    awl_doc_free(doc);
}

Test(doc_items, empty_items)
{
    /* "- a\n" 0..3, "-\n" 4..5, "- c\n" 6..9 */
    awl_doc *doc = parse("- a\n-\n- c\n");
    cr_assert_eq(count_kind(doc, AWL_BLOCK_ITEM), 3);
    ASSERT_ITEM(nth(doc, AWL_BLOCK_ITEM, 0), 0, 0, 0);
    const awl_block *empty = nth(doc, AWL_BLOCK_ITEM, 1);
    ASSERT_ITEM(empty, 1, 1, 4);
    cr_assert_eq(empty->plain_len, 0);
    ASSERT_ITEM(nth(doc, AWL_BLOCK_ITEM, 2), 2, 2, 6);
    awl_doc_free(doc);

    /* An item alone at the end of the file. */
    doc = parse("- a\n-");
    ASSERT_ITEM(nth(doc, AWL_BLOCK_ITEM, 1), 1, 1, 4);
    awl_doc_free(doc);
}

Test(doc_items, empty_first_line_then_sublist)
{
    /* "-\n" then "  - b\n": the outer item starts on line 0 and owns line 1;
     * the inner marker is at 2 + 2 = 4. */
    awl_doc *doc = parse("-\n  - b\n");
    cr_assert_eq(count_kind(doc, AWL_BLOCK_ITEM), 2);
    ASSERT_ITEM(nth(doc, AWL_BLOCK_ITEM, 0), 0, 1, 0);
    ASSERT_ITEM(nth(doc, AWL_BLOCK_ITEM, 1), 1, 1, 4);
    awl_doc_free(doc);
}

Test(doc_items, item_starting_with_a_fence)
{
    /* 0 at 0 "- ```"; 1 at 6 "  code"; 2 at 13 "  ```"; 3 at 19 "- b" */
    awl_doc *doc = parse("- ```\n  code\n  ```\n- b\n");
    cr_assert_eq(count_kind(doc, AWL_BLOCK_ITEM), 2);
    size_t first = nth_index(doc, AWL_BLOCK_ITEM, 0);
    ASSERT_ITEM(&doc->blocks[first], 0, 2, 0);
    ASSERT_ITEM(nth(doc, AWL_BLOCK_ITEM, 1), 3, 3, 19);
    const awl_block *code = nth(doc, AWL_BLOCK_CODE, 0);
    cr_assert(code->fenced);
    cr_assert_eq(code->parent, first);
    ASSERT_LINES(code, 0, 2);
    cr_assert_eq(code->code_lines, 1);
    for (size_t line = 0; line < 3; line++)
        cr_assert(has_flag(doc, line, AWL_LINE_CODE), "line %zu is code", line);
    cr_assert_not(has_flag(doc, 3, AWL_LINE_CODE));
    cr_assert(has_flag(doc, 0, AWL_LINE_ITEM_MARKER));
    cr_assert(has_flag(doc, 3, AWL_LINE_ITEM_MARKER));
    awl_doc_free(doc);
}

Test(doc_items, continuation_paragraph_makes_a_loose_list)
{
    /* 0 at 0 "- a"; 1 at 4 ""; 2 at 5 "  more"; 3 at 12 "- b" */
    awl_doc *doc = parse("- a\n\n  more\n- b\n");
    const awl_block *list = nth(doc, AWL_BLOCK_LIST, 0);
    cr_assert_not(list->tight);
    size_t first = nth_index(doc, AWL_BLOCK_ITEM, 0);
    const awl_block *a = &doc->blocks[first];
    ASSERT_ITEM(a, 0, 2, 0);
    cr_assert_eq(a->start, 0);
    cr_assert_eq(a->end, 11);
    ASSERT_ITEM(nth(doc, AWL_BLOCK_ITEM, 1), 3, 3, 12);
    cr_assert_eq(count_kind(doc, AWL_BLOCK_PARAGRAPH), 3);
    ASSERT_LINES(nth(doc, AWL_BLOCK_PARAGRAPH, 1), 2, 2);
    cr_assert_eq(nth(doc, AWL_BLOCK_PARAGRAPH, 1)->parent, first);
    cr_assert_eq(a->plain_len, 0, "a loose item's text is in its paragraphs");
    awl_doc_free(doc);
}

Test(doc_items, indented_continuation_line)
{
    /* "- a\n  b\n- c\n": tight; the first item owns line 1; c's marker at 8 */
    awl_doc *doc = parse("- a\n  b\n- c\n");
    cr_assert(nth(doc, AWL_BLOCK_LIST, 0)->tight);
    ASSERT_ITEM(nth(doc, AWL_BLOCK_ITEM, 0), 0, 1, 0);
    ASSERT_ITEM(nth(doc, AWL_BLOCK_ITEM, 1), 2, 2, 8);
    awl_doc_free(doc);
}

Test(doc_items, loose_and_tight)
{
    awl_doc *doc = parse("- a\n\n- b\n");
    cr_assert_not(nth(doc, AWL_BLOCK_LIST, 0)->tight);
    ASSERT_ITEM(nth(doc, AWL_BLOCK_ITEM, 1), 2, 2, 5);
    awl_doc_free(doc);
    doc = parse("- a\n- b\n");
    cr_assert(nth(doc, AWL_BLOCK_LIST, 0)->tight);
    awl_doc_free(doc);
}

Test(doc_items, ordered_lists)
{
    /* "1. one\n" 0..6, "2. two\n" at 7 */
    awl_doc *doc = parse("1. one\n2. two\n");
    const awl_block *list = nth(doc, AWL_BLOCK_LIST, 0);
    cr_assert(list->ordered);
    cr_assert_eq(list->marker, '.');
    cr_assert_eq(list->start_number, 1);
    ASSERT_ITEM(nth(doc, AWL_BLOCK_ITEM, 0), 0, 0, 0);
    ASSERT_ITEM(nth(doc, AWL_BLOCK_ITEM, 1), 1, 1, 7);
    awl_doc_free(doc);

    /* "3) three\n" 0..8, "10) ten\n" at 9: the marker offset is the first digit */
    doc = parse("3) three\n10) ten\n");
    list = nth(doc, AWL_BLOCK_LIST, 0);
    cr_assert(list->ordered);
    cr_assert_eq(list->marker, ')');
    cr_assert_eq(list->start_number, 3);
    ASSERT_ITEM(nth(doc, AWL_BLOCK_ITEM, 0), 0, 0, 0);
    ASSERT_ITEM(nth(doc, AWL_BLOCK_ITEM, 1), 1, 1, 9);
    awl_doc_free(doc);
}

Test(doc_items, list_in_a_block_quote)
{
    /* "> - a\n" 0..5, "> - b\n" 6..11: markers at 2 and 8 */
    awl_doc *doc = parse("> - a\n> - b\n");
    const awl_block *quote = nth(doc, AWL_BLOCK_QUOTE, 0);
    ASSERT_LINES(quote, 0, 1);
    ASSERT_LINES(nth(doc, AWL_BLOCK_LIST, 0), 0, 1);
    ASSERT_ITEM(nth(doc, AWL_BLOCK_ITEM, 0), 0, 0, 2);
    ASSERT_ITEM(nth(doc, AWL_BLOCK_ITEM, 1), 1, 1, 8);
    awl_doc_free(doc);
}

Test(doc_items, crlf_items)
{
    /* "- a\r\n" 0..4, "- b\r\n" 5..9 */
    awl_doc *doc = parse("- a\r\n- b\r\n");
    const awl_block *a = nth(doc, AWL_BLOCK_ITEM, 0);
    ASSERT_ITEM(a, 0, 0, 0);
    cr_assert_eq(a->end, 3, "end stops before the CR");
    ASSERT_ITEM(nth(doc, AWL_BLOCK_ITEM, 1), 1, 1, 5);
    awl_doc_free(doc);
}

Test(doc_items, task_items)
{
    awl_doc *doc = parse("- [ ] todo\n- [x] done\n- plain\n");
    cr_assert(nth(doc, AWL_BLOCK_ITEM, 0)->is_task);
    cr_assert(nth(doc, AWL_BLOCK_ITEM, 1)->is_task);
    cr_assert_not(nth(doc, AWL_BLOCK_ITEM, 2)->is_task);
    awl_doc_free(doc);
}

/* ---- code and HTML blocks -------------------------------------------------- */

Test(doc_code, fenced_block_with_blank_line_inside)
{
    /* 0 "text" 1 "" 2 "```c" 3 "int x;" 4 "" 5 "int y;" 6 "```" 7 "after"
     * line 2 starts at 6, line 6 at 26 (ends at 29). */
    awl_doc *doc = parse("text\n\n```c\nint x;\n\nint y;\n```\nafter\n");
    const awl_block *code = nth(doc, AWL_BLOCK_CODE, 0);
    cr_assert(code->fenced);
    cr_assert_eq(code->fence_char, '`');
    ASSERT_LINES(code, 2, 6);
    cr_assert_eq(code->start, 6);
    cr_assert_eq(code->end, 29);
    cr_assert_eq(code->code_lines, 3);
    for (size_t line = 0; line <= 7; line++)
        cr_assert_eq(has_flag(doc, line, AWL_LINE_CODE), line >= 2 && line <= 6,
                     "line %zu code flag", line);
    ASSERT_LINES(nth(doc, AWL_BLOCK_PARAGRAPH, 1), 7, 7);
    awl_doc_free(doc);
}

Test(doc_code, fence_opening_with_blank_lines)
{
    /* 0 "```" 1 "" 2 "" 3 "x" 4 "```" */
    awl_doc *doc = parse("```\n\n\nx\n```\n");
    const awl_block *code = nth(doc, AWL_BLOCK_CODE, 0);
    ASSERT_LINES(code, 0, 4);
    cr_assert_eq(code->code_lines, 3);
    awl_doc_free(doc);
}

Test(doc_code, empty_fence)
{
    awl_doc *doc = parse("para\n\n```\n```\n");
    const awl_block *code = nth(doc, AWL_BLOCK_CODE, 0);
    ASSERT_LINES(code, 2, 3);
    cr_assert_eq(code->code_lines, 0);
    cr_assert(has_flag(doc, 2, AWL_LINE_CODE));
    cr_assert(has_flag(doc, 3, AWL_LINE_CODE));
    cr_assert_not(has_flag(doc, 0, AWL_LINE_CODE));
    awl_doc_free(doc);
}

Test(doc_code, tilde_and_unclosed_fences)
{
    awl_doc *doc = parse("~~~\nx\n~~~~\nafter\n");
    const awl_block *code = nth(doc, AWL_BLOCK_CODE, 0);
    cr_assert_eq(code->fence_char, '~');
    ASSERT_LINES(code, 0, 2);
    ASSERT_LINES(nth(doc, AWL_BLOCK_PARAGRAPH, 0), 3, 3);
    awl_doc_free(doc);

    doc = parse("```\nx\n");
    ASSERT_LINES(nth(doc, AWL_BLOCK_CODE, 0), 0, 1);
    awl_doc_free(doc);
}

Test(doc_code, fence_hides_list_markers)
{
    awl_doc *doc = parse("```\n- not an item\n# not a heading\n```\n");
    cr_assert_eq(count_kind(doc, AWL_BLOCK_ITEM), 0);
    cr_assert_eq(count_kind(doc, AWL_BLOCK_HEADING), 0);
    ASSERT_LINES(nth(doc, AWL_BLOCK_CODE, 0), 0, 3);
    awl_doc_free(doc);
}

Test(doc_code, fence_in_a_block_quote)
{
    /* "after" is a paragraph of its own: a fence takes no lazy lines. */
    awl_doc *doc = parse("> ```\n> x\n> ```\nafter\n");
    ASSERT_LINES(nth(doc, AWL_BLOCK_QUOTE, 0), 0, 2);
    ASSERT_LINES(nth(doc, AWL_BLOCK_CODE, 0), 0, 2);
    ASSERT_LINES(nth(doc, AWL_BLOCK_PARAGRAPH, 0), 3, 3);
    cr_assert_not(has_flag(doc, 3, AWL_LINE_CODE));
    awl_doc_free(doc);
}

Test(doc_code, unclosed_fence_ends_with_its_item)
{
    /* "- ```\n" 0..5, "  x\n" 6..9, "- b\n" at 10 */
    awl_doc *doc = parse("- ```\n  x\n- b\n");
    ASSERT_LINES(nth(doc, AWL_BLOCK_CODE, 0), 0, 1);
    ASSERT_ITEM(nth(doc, AWL_BLOCK_ITEM, 0), 0, 1, 0);
    ASSERT_ITEM(nth(doc, AWL_BLOCK_ITEM, 1), 2, 2, 10);
    cr_assert(has_flag(doc, 1, AWL_LINE_CODE));
    cr_assert_not(has_flag(doc, 2, AWL_LINE_CODE));
    awl_doc_free(doc);
}

Test(doc_code, indented_block)
{
    /* 0 "para" 1 "" 2 "    code1" 3 "" 4 "    code2" 5 "" 6 "after":
     * the blank line inside belongs to the block, the one after does not. */
    awl_doc *doc = parse("para\n\n    code1\n\n    code2\n\nafter\n");
    const awl_block *code = nth(doc, AWL_BLOCK_CODE, 0);
    cr_assert_not(code->fenced);
    ASSERT_LINES(code, 2, 4);
    cr_assert_eq(code->code_lines, 3);
    for (size_t line = 0; line <= 6; line++)
        cr_assert_eq(has_flag(doc, line, AWL_LINE_CODE), line >= 2 && line <= 4,
                     "line %zu code flag", line);
    ASSERT_LINES(nth(doc, AWL_BLOCK_PARAGRAPH, 1), 6, 6);
    awl_doc_free(doc);
}

Test(doc_code, fence_inside_a_loose_item)
{
    /* 0 "- a" 1 "" 2 "  ```" 3 "  x" 4 "  ```" 5 "- b" */
    awl_doc *doc = parse("- a\n\n  ```\n  x\n  ```\n- b\n");
    ASSERT_LINES(nth(doc, AWL_BLOCK_CODE, 0), 2, 4);
    ASSERT_LINES(nth(doc, AWL_BLOCK_ITEM, 0), 0, 4);
    ASSERT_LINES(nth(doc, AWL_BLOCK_ITEM, 1), 5, 5);
    awl_doc_free(doc);
}

Test(doc_html, html_blocks_and_flags)
{
    /* 0 "<details>" (0..9) 1 "<summary>More</summary>" (10..33) 2 "" (34)
     * 3 "- a" (35) 4 "" 5 "</details>" */
    awl_doc *doc = parse("<details>\n<summary>More</summary>\n\n- a\n\n</details>\n");
    cr_assert_eq(count_kind(doc, AWL_BLOCK_HTML), 2);
    ASSERT_LINES(nth(doc, AWL_BLOCK_HTML, 0), 0, 1);
    ASSERT_LINES(nth(doc, AWL_BLOCK_HTML, 1), 5, 5);
    ASSERT_ITEM(nth(doc, AWL_BLOCK_ITEM, 0), 3, 3, 35);
    for (size_t line = 0; line <= 5; line++)
        cr_assert_eq(has_flag(doc, line, AWL_LINE_HTML), line <= 1 || line == 5,
                     "line %zu html flag", line);
    awl_doc_free(doc);
}

Test(doc_html, inline_html_is_not_an_html_block)
{
    awl_doc *doc = parse("a <b>x</b>\n");
    cr_assert_eq(count_kind(doc, AWL_BLOCK_HTML), 0);
    cr_assert_not(has_flag(doc, 0, AWL_LINE_HTML));
    cr_assert_str_eq(block_plain_copy(doc, nth(doc, AWL_BLOCK_PARAGRAPH, 0)), "a x");
    awl_doc_free(doc);
}

/* ---- comments -------------------------------------------------------------- */

Test(doc_comments, block_comment_mentioning_awelint)
{
    /* "<!-- awelint-disable venue-style -->" is 36 bytes */
    awl_doc *doc = parse("<!-- awelint-disable venue-style -->\n# T\n\n<!-- just a note -->\n");
    cr_assert_eq(doc->comment_count, 1, "only comments naming awelint are kept");
    cr_assert_eq(doc->comments[0].start, 0);
    cr_assert_eq(doc->comments[0].end, 36);
    cr_assert_eq(doc->comments[0].line, 0);
    cr_assert(has_flag(doc, 0, AWL_LINE_HTML));
    awl_doc_free(doc);
}

Test(doc_comments, inline_comment)
{
    /* "Text " is 5 bytes; "<!-- awelint-disable-line dead-link -->" is 39 */
    awl_doc *doc = parse("# T\n\nText <!-- awelint-disable-line dead-link --> more\n");
    cr_assert_eq(doc->comment_count, 1);
    cr_assert_eq(doc->comments[0].start, 5 + 5);
    cr_assert_eq(doc->comments[0].end, 5 + 5 + 39);
    cr_assert_eq(doc->comments[0].line, 2);
    awl_doc_free(doc);
}

Test(doc_comments, comment_over_several_lines)
{
    /* "<!--\n" 0..4, "awelint-disable venue-style\n" 5..32, "-->" 33..35 */
    awl_doc *doc = parse("<!--\nawelint-disable venue-style\n-->\n");
    cr_assert_eq(doc->comment_count, 1, "a multi-line comment naming awelint is missed");
    cr_assert_eq(doc->comments[0].start, 0);
    cr_assert_eq(doc->comments[0].end, 36);
    cr_assert_eq(doc->comments[0].line, 0);
    awl_doc_free(doc);
}

/* ---- tables ---------------------------------------------------------------- */

Test(doc_tables, rows_cells_and_links)
{
    /* 0 at 0  "| Name | Link |"
     * 1 at 16 "| --- | --- |"
     * 2 at 30 "| A | [a](https://a.example) |": '[' 36, 'a' 37, href 40..57
     * 3 at 61 "| B | [b](https://b.example) |" */
    awl_doc *doc = parse("| Name | Link |\n| --- | --- |\n"
                         "| A | [a](https://a.example) |\n| B | [b](https://b.example) |\n");
    size_t table_index = nth_index(doc, AWL_BLOCK_TABLE, 0);
    ASSERT_LINES(&doc->blocks[table_index], 0, 3);
    cr_assert_eq(count_kind(doc, AWL_BLOCK_TABLE_ROW), 3);
    cr_assert_eq(count_kind(doc, AWL_BLOCK_TABLE_CELL), 6);
    const size_t row_lines[] = {0, 2, 3};
    for (size_t r = 0; r < 3; r++) {
        const awl_block *row = nth(doc, AWL_BLOCK_TABLE_ROW, r);
        cr_assert_eq(row->row_index, r);
        cr_assert_eq(row->parent, table_index);
        ASSERT_LINES(row, row_lines[r], row_lines[r]);
        for (size_t c = 0; c < 2; c++)
            ASSERT_LINES(nth(doc, AWL_BLOCK_TABLE_CELL, 2 * r + c), row_lines[r], row_lines[r]);
    }
    cr_assert_str_eq(block_plain_copy(doc, nth(doc, AWL_BLOCK_TABLE_CELL, 0)), "Name");
    cr_assert_str_eq(block_plain_copy(doc, nth(doc, AWL_BLOCK_TABLE_CELL, 2)), "A");
    for (size_t line = 0; line <= 3; line++)
        cr_assert(has_flag(doc, line, AWL_LINE_TABLE), "line %zu table flag", line);

    const awl_link *a = link_to(doc, "https://a.example");
    cr_assert_eq(a->row, nth_index(doc, AWL_BLOCK_TABLE_ROW, 1));
    cr_assert_eq(a->block, nth_index(doc, AWL_BLOCK_TABLE_CELL, 3));
    cr_assert_eq(a->item, AWL_NONE);
    cr_assert_eq(a->line, 2);
    cr_assert_eq(a->href_start, 40);
    cr_assert_eq(a->href_end, 57);
    cr_assert_eq(a->text_start, 37);
    cr_assert_eq(a->text_end, 38);
    cr_assert_eq(link_to(doc, "https://b.example")->line, 3);
    awl_doc_free(doc);
}

Test(doc_tables, table_after_a_paragraph)
{
    awl_doc *doc = parse("Intro\n\n| a | b |\n|---|---|\n| 1 | 2 |\n");
    ASSERT_LINES(nth(doc, AWL_BLOCK_TABLE, 0), 2, 4);
    ASSERT_LINES(nth(doc, AWL_BLOCK_TABLE_ROW, 0), 2, 2);
    ASSERT_LINES(nth(doc, AWL_BLOCK_TABLE_ROW, 1), 4, 4);
    cr_assert_not(has_flag(doc, 0, AWL_LINE_TABLE));
    awl_doc_free(doc);
}

Test(doc_tables, table_with_an_empty_header)
{
    /* The header row has no text at all; the table still starts on line 0.
     * (md4c 0.4.8 wants three dashes per delimiter cell: "|--|--|" would
     * not make a table.) */
    awl_doc *doc = parse("|  |  |\n|---|---|\n| x | y |\n");
    cr_assert_eq(count_kind(doc, AWL_BLOCK_TABLE), 1);
    ASSERT_LINES(nth(doc, AWL_BLOCK_TABLE, 0), 0, 2);
    ASSERT_LINES(nth(doc, AWL_BLOCK_TABLE_ROW, 0), 0, 0);
    ASSERT_LINES(nth(doc, AWL_BLOCK_TABLE_ROW, 1), 2, 2);
    awl_doc_free(doc);
}

/* ---- links ----------------------------------------------------------------- */

Test(doc_links, inline_link_spans)
{
    /* "See " 0..3, '[' 4, "Title" 5..9, "](" 10..11, href 12..32 (21 bytes) */
    awl_doc *doc = parse("See [Title](https://example.com/x) now.\n");
    cr_assert_eq(doc->link_count, 1);
    const awl_link *l = &doc->links[0];
    cr_assert_eq(l->kind, AWL_LINK_INLINE);
    cr_assert_str_eq(l->href, "https://example.com/x");
    cr_assert_eq(l->href_start, 12);
    cr_assert_eq(l->href_end, 33);
    cr_assert_eq(l->text_start, 5);
    cr_assert_eq(l->text_end, 10);
    cr_assert_eq(l->line, 0);
    cr_assert_eq(l->item, AWL_NONE);
    cr_assert_eq(l->row, AWL_NONE);
    cr_assert_eq(l->block, nth_index(doc, AWL_BLOCK_PARAGRAPH, 0));
    cr_assert_eq(l->plain_len, 5);
    cr_assert_eq(memcmp(doc->plain + l->plain_start, "Title", 5), 0);
    awl_doc_free(doc);
}

Test(doc_links, href_with_entity_is_built_by_md4c)
{
    /* The destination of [q](http://x.org/?a=1&amp;b=2) is
     * http://x.org/?a=1&b=2 (CommonMark decodes entities in destinations). */
    awl_doc *doc = parse("[q](http://x.org/?a=1&amp;b=2)\n");
    cr_assert_eq(doc->link_count, 1);
    const awl_link *l = &doc->links[0];
    cr_assert_eq(l->href_start, AWL_NONE);
    cr_assert_eq(l->href_end, AWL_NONE);
    cr_assert_eq(l->text_start, 1);
    cr_assert_eq(l->text_end, 2);
    cr_assert_eq(l->line, 0);
    cr_assert_str_eq(l->href, "http://x.org/?a=1&b=2");
    awl_doc_free(doc);
}

Test(doc_links, href_with_backslash_is_built_by_md4c)
{
    awl_doc *doc = parse("[e](http://x.org/a\\_b)\n");
    const awl_link *l = &doc->links[0];
    cr_assert_str_eq(l->href, "http://x.org/a_b", "the escape is resolved");
    cr_assert_eq(l->href_start, AWL_NONE);
    cr_assert_eq(l->text_start, 1);
    awl_doc_free(doc);
}

Test(doc_links, www_autolinks)
{
    /* "Visit " 0..5, "www.example.com" 6..20 */
    awl_doc *doc = parse("Visit www.example.com today\n");
    cr_assert_eq(doc->link_count, 1);
    const awl_link *l = &doc->links[0];
    cr_assert_eq(l->kind, AWL_LINK_AUTOLINK);
    cr_assert_str_eq(l->href, "http://www.example.com");
    cr_assert_eq(l->href_start, AWL_NONE);
    cr_assert_eq(l->text_start, 6);
    cr_assert_eq(l->text_end, 21);
    awl_doc_free(doc);

    /* The same at the start of a line. */
    doc = parse("www.example.com\n");
    cr_assert_eq(doc->link_count, 1);
    cr_assert_eq(doc->links[0].kind, AWL_LINK_AUTOLINK, "www autolink opening its line (kind %d)",
                 (int)doc->links[0].kind);
    cr_assert_eq(doc->links[0].text_start, 0);
    awl_doc_free(doc);
}

Test(doc_links, angle_autolink)
{
    /* '<' 0, "https://example.com/a" 1..21, '>' 22 */
    awl_doc *doc = parse("<https://example.com/a>\n");
    cr_assert_eq(doc->link_count, 1);
    const awl_link *l = &doc->links[0];
    cr_assert_eq(l->kind, AWL_LINK_AUTOLINK);
    cr_assert_str_eq(l->href, "https://example.com/a");
    cr_assert_eq(l->href_start, 1);
    cr_assert_eq(l->href_end, 22);
    cr_assert_eq(l->text_start, 1);
    cr_assert_eq(l->text_end, 22);
    awl_doc_free(doc);
}

Test(doc_links, bare_url_autolink)
{
    /* "Go to " 0..5, "https://example.com/b" 6..26 */
    awl_doc *doc = parse("Go to https://example.com/b now\n");
    cr_assert_eq(doc->link_count, 1);
    const awl_link *l = &doc->links[0];
    cr_assert_str_eq(l->href, "https://example.com/b");
    cr_assert_eq(l->href_start, 6);
    cr_assert_eq(l->href_end, 27);
    cr_assert_eq(l->text_start, 6);
    cr_assert_eq(l->text_end, 27);
    cr_assert_eq(l->kind, AWL_LINK_AUTOLINK, "a bare URL is an autolink (kind %d)", (int)l->kind);
    awl_doc_free(doc);

    doc = parse("https://example.com/c\n");
    cr_assert_eq(doc->link_count, 1);
    cr_assert_eq(doc->links[0].kind, AWL_LINK_AUTOLINK, "a bare URL opening its line (kind %d)",
                 (int)doc->links[0].kind);
    awl_doc_free(doc);
}

Test(doc_links, email_autolinks)
{
    /* "Mail <" 0..5, "me@x.org" 6..13, "> or " 14..18, "you@y.org" 19..27, '.' 28 */
    awl_doc *doc = parse("Mail <me@x.org> or you@y.org.\n");
    cr_assert_eq(doc->link_count, 2);
    const awl_link *angle = &doc->links[0];
    cr_assert_eq(angle->kind, AWL_LINK_AUTOLINK);
    cr_assert_str_eq(angle->href, "mailto:me@x.org");
    cr_assert_eq(angle->href_start, AWL_NONE, "md4c builds mailto: hrefs");
    cr_assert_eq(angle->text_start, 6);
    cr_assert_eq(angle->text_end, 14);
    const awl_link *bare = &doc->links[1];
    cr_assert_eq(bare->kind, AWL_LINK_AUTOLINK);
    cr_assert_str_eq(bare->href, "mailto:you@y.org");
    cr_assert_eq(bare->href_start, AWL_NONE);
    cr_assert_eq(bare->text_start, 19);
    cr_assert_eq(bare->text_end, 28, "the final period is not part of the address");
    awl_doc_free(doc);
}

Test(doc_links, angle_bracket_destination_and_title)
{
    /* "[a](<" 0..4, "https://x.example/a b" 5..25, ">)" */
    awl_doc *doc = parse("[a](<https://x.example/a b>) [t](https://t.example \"Title\")\n");
    cr_assert_eq(doc->link_count, 2);
    const awl_link *a = &doc->links[0];
    cr_assert_str_eq(a->href, "https://x.example/a b");
    cr_assert_eq(a->href_start, 5);
    cr_assert_eq(a->href_end, 26);
    /* " [t](" 28..32: href 33..49 (17 bytes), then the title */
    const awl_link *t = &doc->links[1];
    cr_assert_str_eq(t->href, "https://t.example");
    cr_assert_eq(t->href_start, 33);
    cr_assert_eq(t->href_end, 50);
    awl_doc_free(doc);
}

Test(doc_links, link_without_text)
{
    /* "intro\n" 0..5, "[](" 6..8, href 9..25 */
    awl_doc *doc = parse("intro\n[](https://x.example)\n");
    cr_assert_eq(doc->link_count, 1);
    const awl_link *l = &doc->links[0];
    cr_assert_eq(l->text_start, AWL_NONE);
    cr_assert_eq(l->text_end, AWL_NONE);
    cr_assert_eq(l->href_start, 9);
    cr_assert_eq(l->href_end, 26);
    cr_assert_eq(l->line, 1, "a textless link takes its href's line");
    awl_doc_free(doc);
}

Test(doc_links, images)
{
    /* "![" 0..1, "alt text" 2..9, "](" 10..11, "img.png" 12..18 */
    awl_doc *doc = parse("![alt text](img.png)\n");
    cr_assert_eq(doc->link_count, 1);
    const awl_link *l = &doc->links[0];
    cr_assert_eq(l->kind, AWL_LINK_IMAGE);
    cr_assert_str_eq(l->href, "img.png");
    cr_assert_eq(l->href_start, 12);
    cr_assert_eq(l->href_end, 19);
    cr_assert_eq(l->text_start, 2);
    cr_assert_eq(l->text_end, 10);
    awl_doc_free(doc);
}

Test(doc_links, badge_link_around_an_image)
{
    /* "[![b](" 0..5, image src 6..30 (25 bytes), ")](" 31..33, href 34..53 */
    awl_doc *doc = parse("[![b](https://img.example/b.svg)](https://link.example)\n");
    cr_assert_eq(doc->link_count, 2);
    const awl_link *outer = &doc->links[0];
    const awl_link *image = &doc->links[1];
    cr_assert_eq(outer->kind, AWL_LINK_INLINE);
    cr_assert_str_eq(outer->href, "https://link.example");
    cr_assert_eq(outer->href_start, 34);
    cr_assert_eq(outer->href_end, 54);
    cr_assert_eq(image->kind, AWL_LINK_IMAGE);
    cr_assert_str_eq(image->href, "https://img.example/b.svg");
    cr_assert_eq(image->href_start, 6);
    cr_assert_eq(image->href_end, 31);
    cr_assert_eq(image->text_start, 3, "the alt text 'b' is at 3");
    cr_assert_eq(outer->text_start, 3);
    awl_doc_free(doc);
}

Test(doc_links, reference_links_point_at_the_definition)
{
    /* line 0 "[Title][ref] and [ref]" (0..21): "Title" 1..5, "ref" 18..20
     * line 1 "" at 23; line 2 at 24 "[ref]: https://example.com/ref":
     * the destination is 31..53 */
    awl_doc *doc = parse("[Title][ref] and [ref]\n\n[ref]: https://example.com/ref\n");
    cr_assert_eq(doc->link_count, 2);
    cr_assert_eq(count_kind(doc, AWL_BLOCK_PARAGRAPH), 1, "a definition is not a paragraph");
    for (size_t i = 0; i < 2; i++) {
        const awl_link *l = &doc->links[i];
        cr_assert_eq(l->kind, AWL_LINK_INLINE);
        cr_assert_str_eq(l->href, "https://example.com/ref");
        cr_assert_eq(l->href_start, 31);
        cr_assert_eq(l->href_end, 54);
        cr_assert_eq(l->line, 0, "the link's line is its text's, not the definition's");
    }
    cr_assert_eq(doc->links[0].text_start, 1);
    cr_assert_eq(doc->links[0].text_end, 6);
    cr_assert_eq(doc->links[1].text_start, 18);
    cr_assert_eq(doc->links[1].text_end, 21);
    awl_doc_free(doc);
}

Test(doc_links, text_over_two_lines_and_code_text)
{
    /* "[two\n" 0..4, "lines" 5..9 */
    awl_doc *doc = parse("[two\nlines](https://t.example) and [`code`](https://c.example)\n");
    const awl_link *two = link_to(doc, "https://t.example");
    cr_assert_eq(two->text_start, 1);
    cr_assert_eq(two->text_end, 10);
    cr_assert_eq(two->line, 0);
    /* line 1 starts at 5: "lines](https://t.example) and [`code`]": '[' at 5+30,
     * '`' 36, "code" 37..40 */
    const awl_link *code = link_to(doc, "https://c.example");
    cr_assert_eq(code->text_start, 37);
    cr_assert_eq(code->text_end, 41);
    cr_assert_eq(code->line, 1);
    awl_doc_free(doc);
}

Test(doc_links, enclosing_item)
{
    awl_doc *doc = parse("- a [x](https://x.example)\n  - b [y](https://y.example)\n- c\n\n"
                         "para [z](https://z.example)\n");
    size_t a = nth_index(doc, AWL_BLOCK_ITEM, 0);
    size_t b = nth_index(doc, AWL_BLOCK_ITEM, 1);
    cr_assert_eq(link_to(doc, "https://x.example")->item, a);
    cr_assert_eq(link_to(doc, "https://x.example")->block, a, "tight items hold their text");
    cr_assert_eq(link_to(doc, "https://y.example")->item, b);
    cr_assert_eq(link_to(doc, "https://y.example")->line, 1);
    cr_assert_eq(link_to(doc, "https://z.example")->item, AWL_NONE);
    awl_doc_free(doc);

    /* Loose item: the link sits in the item's second paragraph. */
    doc = parse("- p\n\n  [z](https://z.example)\n- q\n");
    const awl_link *z = link_to(doc, "https://z.example");
    cr_assert_eq(z->item, nth_index(doc, AWL_BLOCK_ITEM, 0));
    cr_assert_eq(z->block, nth_index(doc, AWL_BLOCK_PARAGRAPH, 1));
    cr_assert_eq(z->line, 2);
    awl_doc_free(doc);
}

/* ---- entities and hard breaks ---------------------------------------------- */

Test(doc_text, entities_are_decoded_in_plain_text)
{
    awl_doc *doc = parse("Fish &amp; Chips &copy; &#x1F680; &#65;\n");
    cr_assert_str_eq(block_plain_copy(doc, nth(doc, AWL_BLOCK_PARAGRAPH, 0)),
                     "Fish & Chips \xC2\xA9 \xF0\x9F\x9A\x80 A");
    awl_doc_free(doc);
}

Test(doc_text, hard_breaks)
{
    /* line 0 ends in two spaces, line 1 in a backslash, line 2 plainly */
    awl_doc *doc = parse("line one  \nline two\\\nline three\n");
    cr_assert(has_flag(doc, 0, AWL_LINE_HARD_BREAK), "two-space break on line 0");
    cr_assert(has_flag(doc, 1, AWL_LINE_HARD_BREAK), "backslash break on line 1");
    cr_assert_not(has_flag(doc, 2, AWL_LINE_HARD_BREAK));
    cr_assert_str_eq(block_plain_copy(doc, nth(doc, AWL_BLOCK_PARAGRAPH, 0)),
                     "line one\nline two\nline three");
    awl_doc_free(doc);
}

Test(doc_text, trailing_spaces_ending_a_paragraph_are_no_break)
{
    awl_doc *doc = parse("last  \n\nnext\nplain\n");
    for (size_t line = 0; line < doc->source.line_count; line++)
        cr_assert_not(has_flag(doc, line, AWL_LINE_HARD_BREAK), "line %zu", line);
    awl_doc_free(doc);
}

Test(doc_text, hard_breaks_in_items_and_after_links)
{
    /* 0 "- a" + 2 spaces, 1 "  b", 2 "- c", 3 "", 4 "[a](https://a.example)" + 2
     * spaces, 5 "b" */
    awl_doc *doc = parse("- a  \n  b\n- c\n\n[a](https://a.example)  \nb\n");
    for (size_t line = 0; line <= 5; line++)
        cr_assert_eq(has_flag(doc, line, AWL_LINE_HARD_BREAK), line == 0 || line == 4,
                     "line %zu hard break flag", line);
    awl_doc_free(doc);
}

Test(doc_text, hard_break_after_an_empty_alt_badge)
{
    /* 0 "Intro"; 1 "[![](badge)](link)" + two spaces; 2 "Next". The break
     * ends line 1 although line 1 has no text of its own in the buffer. */
    awl_doc *doc = parse("Intro\n[![](https://img.example/b.svg)](https://l.example)  \nNext\n");
    cr_expect_not(has_flag(doc, 0, AWL_LINE_HARD_BREAK), "line 0 ends in a soft break, not a hard one");
    cr_assert(has_flag(doc, 1, AWL_LINE_HARD_BREAK), "the break is on line 1");
    cr_assert_not(has_flag(doc, 2, AWL_LINE_HARD_BREAK));
    awl_doc_free(doc);
}

/* ---- sections -------------------------------------------------------------- */

Test(doc_sections, nesting_and_ends)
{
    /* 0 at 0 "intro"; 1 at 6 "# A"; 2 at 10 "text"; 3 at 15 "## A1"; 4 at 21 "x";
     * 5 at 23 "## A2"; 6 at 29 "y"; 7 at 31 "# B"; 8 at 35 "z"; length 37 */
    awl_doc *doc = parse("intro\n# A\ntext\n## A1\nx\n## A2\ny\n# B\nz\n");
    cr_assert_eq(doc->source.length, 37);
    cr_assert_eq(doc->section_count, 5);
    const awl_section *s = doc->sections;
    cr_assert_eq(s[0].heading, AWL_NONE);
    cr_assert_eq(s[0].level, 0);
    cr_assert_eq(s[0].start, 0);
    cr_assert_eq(s[0].end, 6);
    cr_assert_eq(s[0].parent, AWL_NONE);

    const size_t starts[] = {0, 6, 15, 23, 31};
    const size_t ends[] = {6, 31, 23, 31, 37};
    const size_t parents[] = {AWL_NONE, AWL_NONE, 1, 1, AWL_NONE};
    const unsigned levels[] = {0, 1, 2, 2, 1};
    const char *titles[] = {NULL, "A", "A1", "A2", "B"};
    for (size_t i = 1; i < 5; i++) {
        cr_assert_eq(s[i].start, starts[i], "section %zu start", i);
        cr_assert_eq(s[i].end, ends[i], "section %zu end", i);
        cr_assert_eq(s[i].parent, parents[i], "section %zu parent", i);
        cr_assert_eq(s[i].level, levels[i], "section %zu level", i);
        cr_assert_str_eq(doc->blocks[s[i].heading].text, titles[i]);
    }

    const size_t at[][2] = {{0, 0},  {5, 0},  {6, 1},  {12, 1}, {15, 2},
                            {22, 2}, {23, 3}, {30, 3}, {31, 4}, {36, 4}};
    for (size_t i = 0; i < sizeof at / sizeof at[0]; i++)
        cr_assert_eq(awl_doc_section_at(doc, at[i][0]), at[i][1], "section at offset %zu",
                     at[i][0]);
    awl_doc_free(doc);
}

/* The innermost section holding `offset`, by looking at every section. */
static size_t section_by_scan(const awl_doc *doc, size_t offset)
{
    size_t best = 0;
    for (size_t i = 1; i < doc->section_count; i++)
        if (doc->sections[i].start <= offset && offset < doc->sections[i].end)
            best = i; /* later starts are deeper: sections nest */
    return best;
}

/* awl_doc_section_at starts from a per-4 KiB index: over a document of many
 * pages, with a page holding dozens of headings and sections spanning
 * several pages, every offset gets the section a full scan gives. */
Test(doc_sections, section_at_agrees_with_a_scan_over_many_pages)
{
    awl_buf text = {0};
    awl_buf_puts(&text, "intro\n");
    for (int part = 0; part < 6; part++) {
        awl_buf_printf(&text, "# Part %d\n", part);
        for (int i = 0; i < 30; i++) /* many headings in one page */
            awl_buf_printf(&text, "## Short %d.%d\n", part, i);
        awl_buf_puts(&text, "### Long\n");
        for (int i = 0; i < 400; i++) /* a section over several pages */
            awl_buf_printf(&text, "- item %d of a long section\n", i);
    }
    awl_doc *doc = parse(text.data);
    cr_assert_gt(doc->source.length, 5 * 4096);
    cr_assert_eq(doc->section_count, 1 + 6 * 32);
    for (size_t offset = 0; offset <= doc->source.length; offset++)
        cr_assert_eq(awl_doc_section_at(doc, offset), section_by_scan(doc, offset),
                     "section at offset %zu", offset);
    awl_doc_free(doc);
    awl_buf_free(&text);
}

Test(doc_sections, level_jump_and_no_preamble)
{
    /* 0 at 0 "# A"; 1 at 4 "### C"; 2 at 10 "c"; 3 at 12 "## B"; 4 at 17 "b" */
    awl_doc *doc = parse("# A\n### C\nc\n## B\nb\n");
    cr_assert_eq(doc->section_count, 4);
    cr_assert_eq(doc->sections[0].end, 0, "empty preamble");
    cr_assert_eq(doc->sections[2].parent, 1, "### C sits in # A");
    cr_assert_eq(doc->sections[2].end, 12, "### C ends at ## B");
    cr_assert_eq(doc->sections[3].parent, 1);
    cr_assert_eq(doc->sections[1].end, 19);
    cr_assert_eq(awl_doc_section_at(doc, 0), 1);
    cr_assert_eq(awl_doc_section_at(doc, 10), 2);
    cr_assert_eq(awl_doc_section_at(doc, 17), 3);
    awl_doc_free(doc);
}

Test(doc_sections, setext_sections_and_link_counts)
{
    /* 0 "Tools" 1 "=====" 2 "- [A](#a)" 3 "- [B](#b)" 4 "" 5 "A" 6 "---"
     * 7 three links: two external, one mailto (neither kind) */
    awl_doc *doc = parse("Tools\n=====\n- [A](#a)\n- [B](#b)\n\nA\n---\n"
                         "[x](https://x.example) [y](http://y.example) [m](mailto:m@x)\n");
    cr_assert_eq(doc->section_count, 3);
    cr_assert_eq(doc->sections[1].start, 0);
    cr_assert_eq(doc->sections[1].level, 1);
    cr_assert_eq(doc->sections[1].internal_links, 2);
    cr_assert_eq(doc->sections[1].external_links, 0);
    cr_assert_eq(doc->sections[2].parent, 1);
    cr_assert_eq(doc->sections[2].internal_links, 0);
    cr_assert_eq(doc->sections[2].external_links, 2);
    awl_doc_free(doc);
}

Test(doc_sections, empty_document)
{
    awl_doc *doc = parse("");
    cr_assert_eq(doc->block_count, 1);
    cr_assert_eq(doc->blocks[0].kind, AWL_BLOCK_DOCUMENT);
    cr_assert_eq(doc->section_count, 1);
    cr_assert_eq(doc->link_count, 0);
    cr_assert_eq(awl_doc_section_at(doc, 0), 0);
    awl_doc_free(doc);
}

/* ---- entries --------------------------------------------------------------- */

static awl_entries extract(const awl_doc *doc)
{
    awl_entries entries = {0};
    awl_entries_extract(doc, &entries);
    return entries;
}

Test(doc_entries, link_first)
{
    /* 0 "# Papers" 1 "" 2 "- [Title](https://u.example) - desc" 3 "- [B](...) - second" */
    awl_doc *doc = parse("# Papers\n\n- [Title](https://u.example) - desc\n"
                         "- [B](https://b.example) - second\n");
    awl_entries entries = extract(doc);
    cr_assert_eq(entries.count, 2);
    const awl_entry *e = &entries.items[0];
    cr_assert_eq(e->block, nth_index(doc, AWL_BLOCK_ITEM, 0));
    cr_assert_eq(e->line, 2);
    cr_assert_eq(e->section, 1);
    cr_assert_str_eq(e->title, "Title");
    cr_assert_str_eq(doc->links[e->primary].href, "https://u.example");
    cr_assert_eq(e->link_count, 0);
    cr_assert_str_eq(e->description, "desc");
    cr_assert_eq(e->shape, AWL_SHAPE_LINK_FIRST);
    cr_assert_str_eq(entries.items[1].title, "B");
    cr_assert_str_eq(entries.items[1].description, "second");
    cr_assert_eq(entries.items[1].line, 3);
    awl_entries_free(&entries);
    awl_doc_free(doc);
}

Test(doc_entries, tag_first)
{
    awl_doc *doc = parse("# Papers\n\n- [VLDB'25] [Title](https://u.example)\n");
    awl_entries entries = extract(doc);
    cr_assert_eq(entries.count, 1);
    const awl_entry *e = &entries.items[0];
    cr_assert_eq(e->shape, AWL_SHAPE_TAG_FIRST);
    cr_assert_str_eq(e->title, "Title");
    cr_assert_str_eq(doc->links[e->primary].href, "https://u.example");
    cr_assert_eq(e->link_count, 0);
    cr_assert_str_eq(e->description, "");
    awl_entries_free(&entries);
    awl_doc_free(doc);
}

Test(doc_entries, text_first_with_bracketed_labels)
{
    awl_doc *doc = parse("# Papers\n\n"
                         "- Title. [[paper](https://u1.example)] [[code](https://u2.example)]\n");
    awl_entries entries = extract(doc);
    cr_assert_eq(entries.count, 1);
    const awl_entry *e = &entries.items[0];
    cr_assert_eq(e->shape, AWL_SHAPE_TEXT_FIRST);
    cr_assert_str_eq(doc->links[e->primary].href, "https://u1.example", "paper is primary");
    cr_assert_eq(e->link_count, 1);
    cr_assert_str_eq(e->links[0].label, "code");
    cr_assert_str_eq(doc->links[e->links[0].link].href, "https://u2.example");
    /* expect, not assert: report both the title and the description */
    cr_expect_str_eq(e->title, "Title");
    cr_expect_str_eq(e->description, "", "nothing but brackets follows the links");
    awl_entries_free(&entries);
    awl_doc_free(doc);
}

Test(doc_entries, label_first_code_then_paper_paragraph)
{
    awl_doc *doc = parse("# Papers\n\n- code [T](https://u1.example)\n\n  paper [T](https://u2.example)\n");
    awl_entries entries = extract(doc);
    cr_assert_eq(entries.count, 1, "one item, one entry");
    const awl_entry *e = &entries.items[0];
    cr_assert_eq(e->block, nth_index(doc, AWL_BLOCK_ITEM, 0));
    cr_assert_eq(e->line, 2);
    cr_assert_str_eq(doc->links[e->primary].href, "https://u2.example", "the paper link");
    cr_assert_eq(e->link_count, 1);
    cr_assert_str_eq(e->links[0].label, "code");
    cr_assert_str_eq(doc->links[e->links[0].link].href, "https://u1.example");
    cr_assert_str_eq(e->title, "T");
    cr_assert_eq(e->shape, AWL_SHAPE_LABEL_FIRST);
    awl_entries_free(&entries);
    awl_doc_free(doc);
}

Test(doc_entries, table_rows)
{
    /* The header row carries a link but is not an entry. */
    awl_doc *doc = parse("# Papers\n\n| [Name](https://h.example) | Link |\n| --- | --- |\n"
                         "| Fast Things | [paper](https://p.example) |\n");
    awl_entries entries = extract(doc);
    cr_assert_eq(entries.count, 1);
    const awl_entry *e = &entries.items[0];
    cr_assert_eq(e->shape, AWL_SHAPE_TABLE_ROW);
    cr_assert_eq(e->block, nth_index(doc, AWL_BLOCK_TABLE_ROW, 1));
    cr_assert_eq(e->line, 4);
    cr_assert_str_eq(e->title, "Fast Things");
    cr_assert_str_eq(doc->links[e->primary].href, "https://p.example");
    cr_assert_eq(e->link_count, 0);
    awl_entries_free(&entries);
    awl_doc_free(doc);
}

Test(doc_entries, meta_sections_and_anchor_links)
{
    awl_doc *doc = parse("- [Tools](#tools)\n\n# Tools\n\n- [A](https://a.example)\n\n"
                         "## Contributing\n\n- [Guide](https://g.example)\n\n"
                         "# License\n\n- [MIT](https://mit.example)\n");
    awl_entries entries = extract(doc);
    cr_assert_eq(entries.count, 1, "only [A] is an entry");
    cr_assert_str_eq(entries.items[0].title, "A");
    cr_assert_eq(entries.items[0].line, 4);
    cr_assert_eq(entries.items[0].section, 1);
    awl_entries_free(&entries);
    awl_doc_free(doc);
}
