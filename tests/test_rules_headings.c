/*
 * test_rules_headings: heading-style, heading-increment and empty-section.
 *
 * Every expected position and every expected fixed text below is worked out
 * by hand from the Markdown and the rules' descriptions (the header comments
 * of rules/heading_style.c, heading_increment.c, empty_section.c), never
 * copied from a run of the program. Columns are 1-based code points.
 */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "engine.h"
#include "fix.h"
#include "rule.h"
#include "rule_expect.h"
#include "support.h"

/* ---- helpers --------------------------------------------------------- */


typedef struct at {
    size_t line, column;
} at;

/* Lints `text` with `config` (NULL: the defaults). */
static awl_doc *lint(const awl_config *config, const char *text, awl_diags *diags)
{
    awl_config defaults;
    if (!config) {
        awl_config_defaults(&defaults);
        config = &defaults;
    }
    awl_doc *doc = awl_doc_parse("test.md", text, strlen(text));
    awl_diags_init(diags);
    awl_lint(doc, config, diags);
    return doc;
}


/* Checks that rule `id` reports exactly the `count` positions in `want`, in
 * order, when `text` is linted with `config` (NULL: the defaults). */
static void expect_findings_with(const awl_config *config, const char *text, const char *id,
                                 size_t count, const at *want)
{
    awl_diags diags;
    awl_doc *doc = lint(config, text, &diags);
    char *shown = awl_test_show(text, strlen(text));
    size_t n = 0;
    for (size_t i = 0; i < diags.items.count; i++) {
        const awl_diag *d = awl_diags_at(&diags, i);
        if (strcmp(d->rule->id, id) != 0)
            continue;
        size_t line, column;
        awl_source_position(&doc->source, d->start, &line, &column);
        if (n < count)
            cr_expect(line == want[n].line && column == want[n].column,
                      "%s finding %zu: expected %zu:%zu, got %zu:%zu (%s) in \"%s\"", id, n + 1,
                      want[n].line, want[n].column, line, column, d->message, shown);
        else
            cr_expect_fail("%s: unexpected finding at %zu:%zu (%s) in \"%s\"", id, line, column,
                           d->message, shown);
        n++;
    }
    cr_expect_eq(n, count, "%s: expected %zu finding(s), got %zu in \"%s\"", id, count, n, shown);
    free(shown);
    awl_diags_free(&diags);
    awl_doc_free(doc);
}

static void expect_findings(const char *text, const char *id, size_t count, const at *want)
{
    expect_findings_with(NULL, text, id, count, want);
}



/* The only finding of rule `id` in `text`: its fix safety, edit count and
 * whether it declares a text change. */
static void expect_one_fix(const char *text, const char *id, awl_fix_safety fix, size_t edits,
                           bool changes_text)
{
    awl_diags diags;
    awl_doc *doc = lint(NULL, text, &diags);
    char *shown = awl_test_show(text, strlen(text));
    const awl_diag *d = awl_test_nth(&diags, id, 0);
    cr_assert_not_null(d, "%s: no finding in \"%s\"", id, shown);
    cr_expect_null(awl_test_nth(&diags, id, 1), "%s: more than one finding in \"%s\"", id, shown);
    cr_expect_eq(d->edit_count, edits, "%s: %zu edit(s), expected %zu in \"%s\"", id,
                 d->edit_count, edits, shown);
    if (edits)
        cr_expect_eq(d->fix, fix, "%s: fix safety %d, expected %d in \"%s\"", id, (int)d->fix,
                     (int)fix, shown);
    cr_expect_eq(d->changes_text, changes_text, "%s: changes_text wrong in \"%s\"", id, shown);
    free(shown);
    awl_diags_free(&diags);
    awl_doc_free(doc);
}

/* ---- heading-style --------------------------------------------------- */

Test(heading_style, finds_setext_spacing_closing_and_indentation)
{
    const char *text = "Title\n"         /* 1: setext text */
                       "=====\n"         /* 2: its underline; "Text." follows */
                       "Text.\n"         /* 3 */
                       "##  Two ##\n"    /* 4: no blank before/after, 2 spaces, closing */
                       "   ### Three\n"; /* 5: indented by 3 */
    const at want[] = {
        {1, 1},  /* setext heading */
        {2, 6},  /* no blank line after: end of the underline line */
        {4, 1},  /* no blank line before */
        {4, 3},  /* two spaces after the '#'s */
        {4, 9},  /* closing '##' */
        {4, 11}, /* no blank line after: end of line 4 (10 characters) */
        {5, 1},  /* indentation; "no blank line before" is line 4's finding */
    };
    expect_findings(text, "heading-style", 7, want);
    awl_test_expect_fixed(text, "# Title\n"
                       "\n"
                       "Text.\n"
                       "\n"
                       "## Two\n"
                       "\n"
                       "### Three\n");
}

Test(heading_style, setext_level_two_becomes_atx)
{
    const char *text = "Intro.\n"
                       "\n"
                       "Serving Systems\n"
                       "---------------\n"
                       "\n"
                       "- [Orca](https://a.io/orca)\n";
    const at want[] = {{3, 1}};
    expect_findings(text, "heading-style", 1, want);
    awl_test_expect_fixed(text, "Intro.\n"
                       "\n"
                       "## Serving Systems\n"
                       "\n"
                       "- [Orca](https://a.io/orca)\n");
}

Test(heading_style, setext_left_when_atx_would_read_it_differently)
{
    /* Two lines of text: one ATX line would join them. */
    expect_one_fix("Foo\nbar\n===\n", "heading-style", AWL_FIX_NONE, 0, false);
    awl_test_expect_fixed("Foo\nbar\n===\n", "Foo\nbar\n===\n");
    /* Inside a list item. */
    expect_one_fix("- Item\n  ===\n", "heading-style", AWL_FIX_NONE, 0, false);
    awl_test_expect_fixed("- Item\n  ===\n", "- Item\n  ===\n");
    /* `# Issue #` would lose its '#' as a closing sequence. */
    expect_one_fix("Issue #\n===\n", "heading-style", AWL_FIX_NONE, 0, false);
    awl_test_expect_fixed("Issue #\n===\n", "Issue #\n===\n");
}

Test(heading_style, short_dashes_under_a_long_line_are_a_lost_thematic_break)
{
    const char *text = "**Slides:** [Part one](https://a.io/one.pdf)\n"
                       "---\n"
                       "More text.\n";
    const at want[] = {{1, 1}};
    expect_findings(text, "heading-style", 1, want);
    /* One edit, unsafe, and a declared change: the heading becomes text. */
    expect_one_fix(text, "heading-style", AWL_FIX_UNSAFE, 1, true);
    awl_test_expect_fixed(text, text);
    awl_test_expect_fixed_with(NULL, true, text,
                      "**Slides:** [Part one](https://a.io/one.pdf)\n"
                      "\n"
                      "---\n"
                      "More text.\n");
    /* Not a section, not in the outline. */
    expect_findings(text, "empty-section", 0, NULL);
    /* An underline as long as its text is a heading by intent, and so is
     * a short title over a short underline. */
    expect_one_fix("Serving\n-------\n", "heading-style", AWL_FIX_SAFE, 2, false);
    expect_one_fix("Contents\n---\n", "heading-style", AWL_FIX_SAFE, 2, false);
}

Test(heading_style, tab_after_the_hashes_is_an_unsafe_fix)
{
    /* md4c keeps the tab in the heading's text (GitHub drops it). */
    const char *text = "#\tTitle\n";
    const at want[] = {{1, 2}};
    expect_findings(text, "heading-style", 1, want);
    expect_one_fix(text, "heading-style", AWL_FIX_UNSAFE, 1, true);
    awl_test_expect_fixed(text, text);
    awl_test_expect_fixed_with(NULL, true, text, "# Title\n");
}

Test(heading_style, adjacent_headings_give_one_finding)
{
    const char *text = "# A\n"
                       "## B\n";
    const at want[] = {{1, 4}};
    expect_findings(text, "heading-style", 1, want);
    awl_test_expect_fixed(text, "# A\n\n## B\n");
}

Test(heading_style, html_that_shows_nothing_belongs_to_the_heading)
{
    expect_findings("Intro.\n"
                    "\n"
                    "<!-- omit in toc -->\n"
                    "## A\n"
                    "<a name=\"a\"></a>\n"
                    "\n"
                    "Text.\n",
                    "heading-style", 0, NULL);
    /* Visible text is not attached. */
    const at want[] = {{2, 1}};
    expect_findings("Intro.\n## A\n", "heading-style", 1, want);
}

Test(heading_style, headings_in_items_and_quotes_keep_their_neighbours)
{
    /* "- ##  A ##": '-' 1, "##" 3-4, spaces 5-6, 'A' 7, "##" 9-10. No blank
     * line is asked inside the item (it would loosen the list). */
    const char *text = "- ##  A ##\n"
                       "  text\n"
                       "> ## B\n"
                       "> quoted\n";
    const at want[] = {{1, 5}, {1, 9}};
    expect_findings(text, "heading-style", 2, want);
    awl_test_expect_fixed(text, "- ## A\n"
                       "  text\n"
                       "> ## B\n"
                       "> quoted\n");
}

Test(heading_style, trailing_white_space_is_reported_once)
{
    const char *text = "# Title  \n";
    expect_findings(text, "heading-style", 0, NULL);
    const at trailing[] = {{1, 8}};
    expect_findings(text, "trailing-space", 1, trailing);

    awl_config config;
    awl_config_defaults(&config);
    config.severity[awl_rule_index("trailing-space")] = AWL_SEVERITY_OFF;
    expect_findings_with(&config, text, "heading-style", 1, trailing);
    awl_test_expect_fixed_with(&config, false, text, "# Title\n");
}

Test(heading_style, crlf_file_gets_a_crlf_blank_line)
{
    /* "# A\r\n" is bytes 0..4; the blank line goes before "Text" at 5. */
    awl_diags diags;
    awl_doc *doc = lint(NULL, "# A\r\nText\r\n", &diags);
    const awl_diag *d = awl_test_nth(&diags, "heading-style", 0);
    cr_assert_not_null(d);
    cr_assert_eq(d->edit_count, 1);
    cr_expect_eq(d->edits[0].start, 5);
    cr_expect_eq(d->edits[0].end, 5);
    cr_assert_eq(d->edits[0].replacement_len, 2);
    cr_expect(memcmp(d->edits[0].replacement, "\r\n", 2) == 0);
    awl_diags_free(&diags);
    awl_doc_free(doc);
}

Test(heading_style, silent_on_clean_headings)
{
    /* `C#` ends without a space before its '#'; `\#` is escaped: neither is
     * a closing sequence. An empty `#` heading after a blank line is ATX. */
    expect_findings("# C#\n"
                    "\n"
                    "Text about C#.\n"
                    "\n"
                    "## Foo \\#\n"
                    "\n"
                    "More.\n"
                    "\n"
                    "#\n"
                    "\n"
                    "End.\n",
                    "heading-style", 0, NULL);
}

Test(heading_style, hashes_without_a_space_are_not_a_heading)
{
    /* GitHub shows "##Contents" as text; the unsafe fix makes it a heading. */
    const char *text = "##Contents\n"
                       "\n"
                       "- [A](#a)\n";
    const at want[] = {{1, 1}};
    expect_findings(text, "heading-style", 1, want);
    expect_one_fix(text, "heading-style", AWL_FIX_UNSAFE, 1, true);
    awl_test_expect_fixed(text, text);
    awl_test_expect_fixed_with(NULL, true, text, "## Contents\n\n- [A](#a)\n");
    /* Hashtags, numbers and '#' lines inside a paragraph are left alone. */
    expect_findings("#hashtag #other\n", "heading-style", 0, NULL);
    expect_findings("#1 in the ranking\n", "heading-style", 0, NULL);
    expect_findings("Some text\n#more text\n", "heading-style", 0, NULL);
}

Test(heading_style, heading_swallowed_by_an_html_block)
{
    /* `<p ...>` opens an HTML block that only a blank line ends: GitHub
     * shows line 4 as "## Contents". */
    const char *text = "<p align=\"center\">\n"
                       "<img src=\"https://a.io/logo.png\">\n"
                       "</p>\n"
                       "## Contents\n"
                       "\n"
                       "- [A](#a)\n";
    const at want[] = {{4, 1}};
    expect_findings(text, "heading-style", 1, want);
    expect_one_fix(text, "heading-style", AWL_FIX_UNSAFE, 1, true);
    awl_test_expect_fixed(text, text);
    awl_test_expect_fixed_with(NULL, true, text,
                      "<p align=\"center\">\n"
                      "<img src=\"https://a.io/logo.png\">\n"
                      "</p>\n"
                      "\n"
                      "## Contents\n"
                      "\n"
                      "- [A](#a)\n");
    /* A comment or <pre> keeps its lines on purpose. */
    expect_findings("<!--\n## Old section\n-->\n", "heading-style", 0, NULL);
    expect_findings("<pre>\n# not a heading\n</pre>\n", "heading-style", 0, NULL);
}

/* ---- heading-increment ----------------------------------------------- */

Test(heading_increment, reports_each_jump_down)
{
    const char *text = "# A\n"      /* 1 */
                       "\n"         /* 2 */
                       "### B\n"    /* 3: 1 -> 3 */
                       "\n"         /* 4 */
                       "#### C\n"   /* 5: 3 -> 4 is fine */
                       "\n"         /* 6 */
                       "# D\n"      /* 7: going up is fine */
                       "\n"         /* 8 */
                       "### E\n";   /* 9: 1 -> 3 */
    const at want[] = {{3, 1}, {9, 1}};
    expect_findings(text, "heading-increment", 2, want);
    expect_one_fix("# A\n\n### B\n\nx\n", "heading-increment", AWL_FIX_NONE, 0, false);
}

Test(heading_increment, first_heading_may_have_any_level)
{
    expect_findings("### A\n\nx\n\n#### B\n\nx\n\n## C\n\nx\n", "heading-increment", 0, NULL);
}

Test(heading_increment, details_summary_is_a_level)
{
    const char *text = "## A\n"                   /* 1 */
                       "\n"                       /* 2 */
                       "<details>\n"              /* 3 */
                       "<summary>Cat</summary>\n" /* 4 */
                       "\n"                       /* 5 */
                       "#### B\n"                 /* 6: the summary is the level 3 */
                       "\n"                       /* 7 */
                       "text\n"                   /* 8 */
                       "\n"                       /* 9 */
                       "</details>\n"             /* 10 */
                       "\n"                       /* 11 */
                       "#### C\n";                /* 12: back under "## A" */
    const at want[] = {{12, 1}};
    expect_findings(text, "heading-increment", 1, want);
}

Test(heading_increment, lost_thematic_break_is_not_in_the_outline)
{
    /* The `---` line makes line 3 a level-2 heading only by accident, so
     * "### B" follows "# A". */
    const char *text = "# A\n"
                       "\n"
                       "Some long paragraph line of text\n"
                       "---\n"
                       "\n"
                       "### B\n";
    const at want[] = {{6, 1}};
    expect_findings(text, "heading-increment", 1, want);
}

/* ---- empty-section --------------------------------------------------- */

Test(empty_section, reports_headings_with_nothing_under_them)
{
    const char *text = "# A\n"    /* 1: has subsections */
                       "\n"       /* 2 */
                       "## B\n"   /* 3: empty before "## C" */
                       "\n"       /* 4 */
                       "## C\n"   /* 5 */
                       "\n"       /* 6 */
                       "text\n"   /* 7 */
                       "\n"       /* 8 */
                       "## D\n";  /* 9: empty up to the end of the file */
    const at want[] = {{3, 1}, {9, 1}};
    expect_findings(text, "empty-section", 2, want);

    awl_diags diags;
    awl_doc *doc = lint(NULL, text, &diags);
    const awl_diag *b = awl_test_nth(&diags, "empty-section", 0), *d = awl_test_nth(&diags, "empty-section", 1);
    cr_assert(b && d);
    cr_expect(strstr(b->message, "level-2 heading on line 5"), "message: %s", b->message);
    cr_expect(strstr(d->message, "end of the file"), "message: %s", d->message);
    cr_expect_eq(b->edit_count, 0);
    awl_diags_free(&diags);
    awl_doc_free(doc);
}

Test(empty_section, an_outline_of_empty_subsections_reports_the_leaves)
{
    const char *text = "## A\n"
                       "\n"
                       "### B\n"
                       "\n"
                       "### C\n"
                       "\n"
                       "## D\n"
                       "\n"
                       "x\n";
    const at want[] = {{3, 1}, {5, 1}};
    expect_findings(text, "empty-section", 2, want);
}

Test(empty_section, rules_comments_and_anchors_are_not_content)
{
    const char *text = "## A\n"
                       "\n"
                       "---\n"
                       "\n"
                       "<!-- later -->\n"
                       "\n"
                       "<a name=\"x\"></a>\n"
                       "\n"
                       "## B\n"
                       "\n"
                       "x\n";
    const at want[] = {{1, 1}};
    expect_findings(text, "empty-section", 1, want);
}

Test(empty_section, text_media_items_and_code_are_content)
{
    expect_findings("## A\n"
                    "\n"
                    "![diagram](https://a.io/d.png)\n"
                    "\n"
                    "## B\n"
                    "\n"
                    "<img src=\"https://a.io/e.png\">\n"
                    "\n"
                    "## C\n"
                    "\n"
                    "-\n"
                    "\n"
                    "## D\n"
                    "\n"
                    "    code\n"
                    "\n"
                    "## E\n"
                    "\n"
                    "<p>Text</p>\n",
                    "empty-section", 0, NULL);
}

Test(empty_section, text_after_a_heading_in_a_tight_item)
{
    /* md4c gives the text of a tight item no paragraph block: "text" is
     * still content of "## A". "## C" (after "- ", column 3) has nothing
     * before "## D". */
    const char *text = "- ## A\n" /* 1 */
                       "  text\n" /* 2 */
                       "\n"       /* 3 */
                       "## B\n"   /* 4 */
                       "\n"       /* 5 */
                       "- ## C\n" /* 6 */
                       "\n"       /* 7 */
                       "## D\n"   /* 8 */
                       "\n"       /* 9 */
                       "x\n";     /* 10 */
    const at want[] = {{6, 3}};
    expect_findings(text, "empty-section", 1, want);
}

Test(empty_section, lost_thematic_break_is_content)
{
    expect_findings("## A\n"
                    "\n"
                    "**Slides** for the whole tutorial\n"
                    "---\n"
                    "\n"
                    "## B\n"
                    "\n"
                    "x\n",
                    "empty-section", 0, NULL);
}
