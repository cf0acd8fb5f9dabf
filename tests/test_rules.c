/*
 * test_rules: the five format rules, one finding and one fix at a time.
 *
 * Every expected position and every expected fixed text below is worked out
 * by hand from the Markdown and the rule's description (rules/ *.c header
 * comments, DESIGN.md), never copied from a run of the program.
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

/* The findings of rule `id`, in output order, as 1-based positions. */
static size_t positions(const awl_doc *doc, const awl_diags *diags, const char *id, at *out,
                        size_t max)
{
    size_t n = 0;
    for (size_t i = 0; i < diags->items.count; i++) {
        const awl_diag *d = awl_diags_at(diags, i);
        if (strcmp(d->rule->id, id) != 0)
            continue;
        if (n < max)
            awl_source_position(&doc->source, d->start, &out[n].line, &out[n].column);
        n++;
    }
    return n;
}


/* Lints `text` with the default config and checks that rule `id` reports
 * exactly the `count` positions in `want`. */
static void expect_findings(const char *text, const char *id, size_t count, const at *want)
{
    awl_diags diags;
    awl_doc *doc = awl_test_lint(text, &diags);
    at got[32];
    size_t n = positions(doc, &diags, id, got, 32);
    char *shown = awl_test_show(text, strlen(text));
    cr_expect_eq(n, count, "%s: expected %zu finding(s), got %zu in \"%s\"", id, count, n, shown);
    for (size_t i = 0; i < count && i < n && i < 32; i++) {
        cr_expect(got[i].line == want[i].line && got[i].column == want[i].column,
                  "%s finding %zu: expected %zu:%zu, got %zu:%zu in \"%s\"", id, i + 1,
                  want[i].line, want[i].column, got[i].line, got[i].column, shown);
    }
    free(shown);
    awl_diags_free(&diags);
    awl_doc_free(doc);
}



/* ---- trailing-space -------------------------------------------------- */

Test(trailing_space, finds_spaces_tabs_and_white_lines)
{
    const char *text = "# Papers\n"
                       "\n"
                       "- [Alpa](https://a.io/x) - OSDI'22   \n" /* 3 spaces after col 34 */
                       "- [Orca](https://b.io/y)\t\n"            /* a tab after col 24 */
                       "   \n"                                   /* white space only */
                       "Text.\n";
    const at want[] = {{3, 35}, {4, 25}, {5, 1}};
    expect_findings(text, "trailing-space", 3, want);
    /* The tab stays: md4c keeps it in the text, so its removal is unsafe. */
    awl_test_expect_fixed(text, "# Papers\n"
                       "\n"
                       "- [Alpa](https://a.io/x) - OSDI'22\n"
                       "- [Orca](https://b.io/y)\t\n"
                       "\n"
                       "Text.\n");
}

Test(trailing_space, finding_spans_the_white_space_and_fix_deletes_it)
{
    awl_diags diags;
    awl_doc *doc = awl_test_lint("abc  \n", &diags);
    const awl_diag *d = awl_test_nth(&diags, "trailing-space", 0);
    cr_assert_not_null(d);
    cr_expect_eq(d->start, 3);
    cr_expect_eq(d->end, 5);
    cr_expect_eq(d->fix, AWL_FIX_SAFE);
    cr_assert_eq(d->edit_count, 1);
    cr_expect_eq(d->edits[0].start, 3);
    cr_expect_eq(d->edits[0].end, 5);
    cr_expect_eq(d->edits[0].replacement_len, 0);
    awl_diags_free(&diags);
    awl_doc_free(doc);
}

Test(trailing_space, keeps_hard_break_but_not_on_a_paragraphs_last_line)
{
    /* Line 1 ends in a hard break (two spaces, the paragraph goes on); line
     * 2 is the paragraph's last line, where two spaces break nothing; so is
     * line 4, the last line of the file. */
    const char *text = "Some text  \n"
                       "more text  \n"
                       "\n"
                       "Last line  \n";
    const at want[] = {{2, 10}, {4, 10}};
    expect_findings(text, "trailing-space", 2, want);
    awl_test_expect_fixed(text, "Some text  \n"
                       "more text\n"
                       "\n"
                       "Last line\n");
}

Test(trailing_space, keeps_hard_break_inside_a_list_item)
{
    const char *text = "- [Alpa](https://a.io/x)  \n"
                       "  Code and slides.\n";
    expect_findings(text, "trailing-space", 0, NULL);
    awl_test_expect_fixed(text, text);
}

Test(trailing_space, one_space_before_a_soft_break_is_reported)
{
    /* One space is not a hard break: it is trailing white space. */
    const char *text = "one space \n"
                       "next\n";
    const at want[] = {{1, 10}};
    expect_findings(text, "trailing-space", 1, want);
    awl_test_expect_fixed(text, "one space\nnext\n");
}

Test(trailing_space, a_list_item_line_before_the_next_item_is_reported)
{
    /* Two spaces at the end of an item whose paragraph ends there. */
    const char *text = "- [A](https://a.io)  \n"
                       "- [B](https://b.io)\n";
    const at want[] = {{1, 20}};
    expect_findings(text, "trailing-space", 1, want);
    awl_test_expect_fixed(text, "- [A](https://a.io)\n- [B](https://b.io)\n");
}

Test(trailing_space, ignores_code_blocks)
{
    const char *text = "```\n"
                       "code   \n"
                       "```\n"
                       "\n"
                       "    indented  \n";
    expect_findings(text, "trailing-space", 0, NULL);
    awl_test_expect_fixed(text, text);
}

Test(trailing_space, ignores_spaces_inside_a_code_span_that_continues)
{
    /* The code span `make   \nall` shows "make    all": its spaces are text. */
    const char *text = "Run `make   \n"
                       "all` now.\n";
    expect_findings(text, "trailing-space", 0, NULL);
    awl_test_expect_fixed(text, text);
}

Test(trailing_space, clean_text_has_no_findings)
{
    expect_findings("# Papers\n\n- [A](https://a.io) - OSDI'22\n", "trailing-space", 0, NULL);
}

/* ---- final-newline --------------------------------------------------- */

Test(final_newline, adds_a_missing_newline)
{
    const char *text = "- [A](https://a.io)\n"
                       "- [A](https://a.io)";
    const at want[] = {{2, 20}}; /* just past the last character */
    expect_findings(text, "final-newline", 1, want);
    awl_test_expect_fixed(text, "- [A](https://a.io)\n- [A](https://a.io)\n");
}

Test(final_newline, crlf_file_gets_cr_lf)
{
    const char *text = "- a\r\n- b";
    const at want[] = {{2, 4}};
    expect_findings(text, "final-newline", 1, want);

    awl_diags diags;
    awl_doc *doc = awl_test_lint(text, &diags);
    const awl_diag *d = awl_test_nth(&diags, "final-newline", 0);
    cr_assert_not_null(d);
    cr_assert_eq(d->edit_count, 1);
    cr_expect_eq(d->edits[0].start, 8);
    cr_expect_eq(d->edits[0].end, 8);
    cr_expect_eq(d->edits[0].replacement_len, 2);
    cr_expect(memcmp(d->edits[0].replacement, "\r\n", 2) == 0);
    awl_diags_free(&diags);
    awl_doc_free(doc);

    /* With line-ending off the file stays CR LF throughout. */
    awl_config config;
    awl_config_defaults(&config);
    config.severity[awl_rule_index("line-ending")] = AWL_SEVERITY_OFF;
    awl_test_expect_fixed_with(&config, false, text, "- a\r\n- b\r\n");
    /* With the defaults line-ending then turns everything into LF. */
    awl_test_expect_fixed(text, "- a\n- b\n");
}

Test(final_newline, removes_trailing_blank_lines)
{
    const char *text = "- a\n\n\n";
    const at want[] = {{2, 1}};
    expect_findings(text, "final-newline", 1, want);
    expect_findings(text, "blank-lines", 0, NULL); /* they are final-newline's */
    awl_test_expect_fixed(text, "- a\n");
}

Test(final_newline, removes_trailing_white_lines)
{
    /* Lines of white space count as blank; trailing-space also reports them,
     * and the fixer settles on the same text. */
    const char *text = "- a\n  \n\t\n";
    const at want[] = {{2, 1}};
    expect_findings(text, "final-newline", 1, want);
    awl_test_expect_fixed(text, "- a\n");
}

Test(final_newline, white_space_without_a_line_break_goes)
{
    /* The last line is only white space and has no line break: it is a
     * blank line at the end, removed with its white space. */
    const char *text = "- a\n  ";
    const at want[] = {{2, 1}};
    expect_findings(text, "final-newline", 1, want);
    awl_test_expect_fixed(text, "- a\n");
}

Test(final_newline, clean_and_empty_files)
{
    expect_findings("- a\n", "final-newline", 0, NULL);
    expect_findings("", "final-newline", 0, NULL);
    awl_test_expect_fixed("", "");
    /* A byte order mark alone is an empty file too: bom removes the mark
     * and nothing adds a line break (it used to become "\n"). */
    expect_findings("\xEF\xBB\xBF", "final-newline", 0, NULL);
    awl_test_expect_fixed("\xEF\xBB\xBF", "");
    /* With a character after the mark the line break is due. */
    awl_test_expect_fixed("\xEF\xBB\xBF" "a", "a\n");
}

Test(final_newline, code_block_running_to_the_end_keeps_its_blank_lines)
{
    /* An unclosed fence runs to the end of the file; its blank lines are
     * code, not trailing blank lines. */
    const char *text = "```\ncode\n\n\n";
    expect_findings(text, "final-newline", 0, NULL);
    expect_findings(text, "blank-lines", 0, NULL);
    awl_test_expect_fixed(text, text);
}

/* ---- line-ending ----------------------------------------------------- */

Test(line_ending, crlf_becomes_lf)
{
    const char *text = "# T\r\n\r\n- a\r\n";
    const at want[] = {{1, 4}}; /* one finding per file, at the first CR */
    expect_findings(text, "line-ending", 1, want);
    awl_diags diags;
    awl_doc *doc = awl_test_lint(text, &diags);
    const awl_diag *d = awl_test_nth(&diags, "line-ending", 0);
    cr_assert_not_null(d);
    cr_expect_eq(d->edit_count, 3, "one edit per CR");
    awl_diags_free(&diags);
    awl_doc_free(doc);
    awl_test_expect_fixed(text, "# T\n\n- a\n");
}

Test(line_ending, mixed_becomes_lf)
{
    const char *text = "- a\n- b\r\n- c\n";
    const at want[] = {{2, 4}};
    expect_findings(text, "line-ending", 1, want);
    awl_test_expect_fixed(text, "- a\n- b\n- c\n");
}

Test(line_ending, lone_cr_becomes_lf)
{
    const char *text = "- a\r- b\n";
    const at want[] = {{1, 4}};
    expect_findings(text, "line-ending", 1, want);
    awl_test_expect_fixed(text, "- a\n- b\n");
}

Test(line_ending, lf_file_is_clean)
{
    expect_findings("# T\n\n- a\n", "line-ending", 0, NULL);
    expect_findings("no newline at all", "line-ending", 0, NULL);
}

/* ---- blank-lines ----------------------------------------------------- */

Test(blank_lines, collapses_runs)
{
    const char *text = "# A\n"  /* 1 */
                       "\n"     /* 2 */
                       "\n"     /* 3 */
                       "\n"     /* 4 */
                       "- a\n"  /* 5 */
                       "\n"     /* 6 */
                       "\n"     /* 7 */
                       "- b\n"; /* 8 */
    const at want[] = {{2, 1}, {6, 1}};
    expect_findings(text, "blank-lines", 2, want);
    awl_test_expect_fixed(text, "# A\n\n- a\n\n- b\n");
}

Test(blank_lines, single_blank_lines_are_fine)
{
    expect_findings("# A\n\n- a\n\nText.\n", "blank-lines", 0, NULL);
}

Test(blank_lines, white_lines_count_as_blank)
{
    const char *text = "a\n\n  \n\nb\n";
    const at want[] = {{2, 1}};
    expect_findings(text, "blank-lines", 1, want);
    awl_test_expect_fixed(text, "a\n\nb\n");
}

Test(blank_lines, keeps_blank_lines_in_fenced_code)
{
    const char *text = "```\na\n\n\nb\n```\n";
    expect_findings(text, "blank-lines", 0, NULL);
    awl_test_expect_fixed(text, text);
}

Test(blank_lines, keeps_blank_lines_in_pre_html_block)
{
    /* A <pre> HTML block runs to its </pre>, blank lines included. */
    const char *text = "<pre>\nx\n\n\ny\n</pre>\n";
    expect_findings(text, "blank-lines", 0, NULL);
    awl_test_expect_fixed(text, text);
}

Test(blank_lines, code_then_run_outside)
{
    /* The run after the fence is outside: lines 6-8 collapse. */
    const char *text = "```\n"  /* 1 */
                       "a\n"    /* 2 */
                       "\n"     /* 3 */
                       "\n"     /* 4 */
                       "```\n"  /* 5 */
                       "\n"     /* 6 */
                       "\n"     /* 7 */
                       "\n"     /* 8 */
                       "b\n";   /* 9 */
    const at want[] = {{6, 1}};
    expect_findings(text, "blank-lines", 1, want);
    awl_test_expect_fixed(text, "```\na\n\n\n```\n\nb\n");
}

/* ---- list-marker ----------------------------------------------------- */

Test(list_marker, dominant_bullet_per_depth_is_clean)
{
    const char *text = "- [A](https://a.io)\n"
                       "  * [A code](https://a.io/code)\n"
                       "- [B](https://b.io)\n"
                       "  * [B code](https://b.io/code)\n";
    expect_findings(text, "list-marker", 0, NULL);
    awl_test_expect_fixed(text, text);
}

Test(list_marker, minority_top_level_list_is_rewritten)
{
    const char *text = "# X\n"  /* 1 */
                       "\n"     /* 2 */
                       "- a\n"  /* 3 */
                       "- b\n"  /* 4 */
                       "\n"     /* 5 */
                       "# Y\n"  /* 6 */
                       "\n"     /* 7 */
                       "* c\n"  /* 8 */
                       "* d\n"; /* 9 */
    /* '-' has 2 items, '*' 2: a tie goes to '-'. */
    const at want[] = {{8, 1}};
    expect_findings(text, "list-marker", 1, want);
    awl_test_expect_fixed(text, "# X\n\n- a\n- b\n\n# Y\n\n- c\n- d\n");
}

Test(list_marker, majority_wins_even_when_it_comes_second)
{
    const char *text = "# X\n"
                       "\n"
                       "+ a\n" /* 3 */
                       "\n"
                       "# Y\n"
                       "\n"
                       "* b\n"
                       "* c\n";
    const at want[] = {{3, 1}};
    expect_findings(text, "list-marker", 1, want);
    awl_test_expect_fixed(text, "# X\n\n* a\n\n# Y\n\n* b\n* c\n");
}

Test(list_marker, ties_prefer_dash)
{
    const char *text = "# X\n\n* a\n\n# Y\n\n- b\n";
    const at want[] = {{3, 1}};
    expect_findings(text, "list-marker", 1, want);
    awl_test_expect_fixed(text, "# X\n\n- a\n\n# Y\n\n- b\n");
}

Test(list_marker, ties_without_dash_prefer_star)
{
    const char *text = "# X\n\n+ a\n\n# Y\n\n* b\n";
    const at want[] = {{3, 1}};
    expect_findings(text, "list-marker", 1, want);
    awl_test_expect_fixed(text, "# X\n\n* a\n\n# Y\n\n* b\n");
}

Test(list_marker, nested_minority_is_reported_at_its_column)
{
    const char *text = "- a\n"
                       "  * x\n"
                       "- b\n"
                       "  * y\n"
                       "- c\n"
                       "  + z\n"; /* depth 2: '*' 2, '+' 1 */
    const at want[] = {{6, 3}};
    expect_findings(text, "list-marker", 1, want);
    awl_test_expect_fixed(text, "- a\n  * x\n- b\n  * y\n- c\n  * z\n");
}

Test(list_marker, list_touching_a_dominant_list_is_reported_without_fix)
{
    /* To Markdown these are two lists; rewriting '*' would merge them. */
    const char *text = "- a\n"
                       "- b\n"
                       "* c\n";
    const at want[] = {{3, 1}};
    expect_findings(text, "list-marker", 1, want);
    awl_diags diags;
    awl_doc *doc = awl_test_lint(text, &diags);
    const awl_diag *d = awl_test_nth(&diags, "list-marker", 0);
    cr_assert_not_null(d);
    cr_expect_eq(d->edit_count, 0);
    cr_expect_eq(d->fix, AWL_FIX_NONE);
    awl_diags_free(&diags);
    awl_doc_free(doc);
    awl_test_expect_fixed(text, text);
}

Test(list_marker, list_after_a_blank_line_still_touches)
{
    /* A blank line is no block: the lists are still neighbours. */
    const char *text = "- a\n"
                       "- b\n"
                       "\n"
                       "* c\n";
    const at want[] = {{4, 1}};
    expect_findings(text, "list-marker", 1, want);
    awl_test_expect_fixed(text, text);
}

Test(list_marker, two_touching_minority_lists_are_both_left_alone)
{
    /* '-' rules depth 1 (3 items). "* a" and "+ b" are two lists only
     * because their bullets differ; rewriting both to '-' would merge them
     * into one, so both are reported and neither is rewritten. */
    const char *text = "- x\n- y\n- z\n\n# H\n\n* a\n+ b\n";
    const at want[] = {{7, 1}, {8, 1}};
    expect_findings(text, "list-marker", 2, want);
    awl_test_expect_fixed(text, text);
}

Test(list_marker, table_of_contents_is_left_alone)
{
    /* A list whose links all go to #anchors is a table of contents: its
     * bullet is the generator's, counted nowhere and never reported. */
    const char *text = "## Contents\n"
                       "\n"
                       "* [A](#a)\n"
                       "* [B](#b)\n"
                       "\n"
                       "## A\n"
                       "\n"
                       "- [x](https://x.io)\n"
                       "\n"
                       "## B\n"
                       "\n"
                       "- [y](https://y.io)\n";
    expect_findings(text, "list-marker", 0, NULL);
    awl_test_expect_fixed(text, text);
}

Test(list_marker, lists_in_a_block_quote)
{
    const char *text = "- x\n- y\n\n> * a\n> * b\n";
    const at want[] = {{4, 3}};
    expect_findings(text, "list-marker", 1, want);
    awl_test_expect_fixed(text, "- x\n- y\n\n> - a\n> - b\n");
}

Test(list_marker, config_pins_the_bullet)
{
    const char *text = "- a\n- b\n";
    awl_config config;
    awl_config_defaults(&config);
    config.list_marker = '*';
    awl_doc *doc = awl_doc_parse("test.md", text, strlen(text));
    awl_diags diags;
    awl_diags_init(&diags);
    awl_lint(doc, &config, &diags);
    at got[4];
    size_t n = positions(doc, &diags, "list-marker", got, 4);
    cr_expect_eq(n, 1);
    if (n == 1)
        cr_expect(got[0].line == 1 && got[0].column == 1, "got %zu:%zu", got[0].line,
                  got[0].column);
    awl_diags_free(&diags);
    awl_doc_free(doc);
    awl_test_expect_fixed_with(&config, false, text, "* a\n* b\n");
    /* The file's own convention is no longer consulted. */
    awl_test_expect_fixed_with(&config, false, "- a\n  + b\n", "* a\n  * b\n");
}

Test(list_marker, never_rewrites_into_a_thematic_break)
{
    /* Depth 1: '-' 2 items, '*' 1, so '*' is reported; but "* - -" with
     * '-' as bullet would read "- - -", a thematic break: no fix. */
    const char *text = "- a\n"   /* 1 */
                       "- b\n"   /* 2 */
                       "\n"      /* 3 */
                       "# H\n"   /* 4 */
                       "\n"      /* 5 */
                       "* - -\n"; /* 6 */
    const at want[] = {{6, 1}};
    expect_findings(text, "list-marker", 1, want);
    awl_diags diags;
    awl_doc *doc = awl_test_lint(text, &diags);
    const awl_diag *d = awl_test_nth(&diags, "list-marker", 0);
    cr_assert_not_null(d);
    cr_expect_eq(d->edit_count, 0);
    awl_diags_free(&diags);
    awl_doc_free(doc);
    awl_test_expect_fixed(text, text);

    /* Pinned '-' and "* -  -" (spaces between) is the same story. */
    awl_config config;
    awl_config_defaults(&config);
    config.list_marker = '-';
    awl_test_expect_fixed_with(&config, false, "* -  -\n", "* -  -\n");
}

Test(list_marker, ordered_lists_are_not_bullets)
{
    expect_findings("1. a\n2. b\n\n# H\n\n- c\n", "list-marker", 0, NULL);
}
