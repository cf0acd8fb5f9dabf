/*
 * test_rules_lists: list-indent and list-spacing, finding by finding.
 *
 * Every expected position and fixed text below is worked out by hand from
 * the Markdown and the rules' descriptions (rules/list_indent.c and
 * rules/list_spacing.c header comments), never copied from a run.
 */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "engine.h"
#include "fix.h"
#include "render.h"
#include "rule.h"
#include "rule_expect.h"
#include "support.h"

/* ---- helpers --------------------------------------------------------- */


typedef struct at {
    size_t line, column;
} at;

/* Lints `text` with the default config and checks that rule `id` reports
 * exactly the `count` positions in `want`. */
static void expect_findings(const char *text, const char *id, size_t count, const at *want)
{
    awl_diags diags;
    awl_doc *doc = awl_test_lint(text, &diags);
    char *shown = awl_test_show(text, strlen(text));
    size_t n = 0;
    for (size_t i = 0; i < diags.items.count; i++) {
        const awl_diag *d = awl_diags_at(&diags, i);
        if (strcmp(d->rule->id, id) != 0)
            continue;
        if (n < count) {
            size_t line, column;
            awl_source_position(&doc->source, d->start, &line, &column);
            cr_expect(line == want[n].line && column == want[n].column,
                      "%s finding %zu: expected %zu:%zu, got %zu:%zu (%s) in \"%s\"", id, n + 1,
                      want[n].line, want[n].column, line, column, d->message, shown);
        }
        n++;
    }
    cr_expect_eq(n, count, "%s: expected %zu finding(s), got %zu in \"%s\"", id, count, n, shown);
    free(shown);
    awl_diags_free(&diags);
    awl_doc_free(doc);
}

/* The i-th finding of rule `id` in a lint of `text`: its message, whether
 * it carries a fix, and whether the fix declares a text change. */
typedef struct finding {
    bool found;
    char message[512];
    bool fixable;
    bool changes_text;
    size_t edit_count;
} finding;

static finding nth_finding(const char *text, const char *id, size_t i)
{
    finding f = {0};
    awl_diags diags;
    awl_doc *doc = awl_test_lint(text, &diags);
    for (size_t k = 0; k < diags.items.count; k++) {
        const awl_diag *d = awl_diags_at(&diags, k);
        if (strcmp(d->rule->id, id) != 0 || i-- != 0)
            continue;
        f.found = true;
        snprintf(f.message, sizeof f.message, "%s", d->message);
        f.fixable = d->fix == AWL_FIX_SAFE && d->edit_count > 0;
        f.changes_text = d->changes_text;
        f.edit_count = d->edit_count;
        break;
    }
    awl_diags_free(&diags);
    awl_doc_free(doc);
    return f;
}


/* True when md4c-html renders a and b identically. */
static bool renders_alike(const char *a, const char *b)
{
    awl_buf ha = {0}, hb = {0};
    awl_render_html(a, strlen(a), &ha);
    awl_render_html(b, strlen(b), &hb);
    bool same = ha.len == hb.len && memcmp(ha.data, hb.data, ha.len) == 0;
    awl_buf_free(&ha);
    awl_buf_free(&hb);
    return same;
}

/* ---- list-spacing ---------------------------------------------------- */

Test(list_spacing, blank_lines_between_link_items_are_removed)
{
    const char *text = "## Dataflow\n"
                       "\n"
                       "- [MillWheel](https://a.io/millwheel) - VLDB'13\n"
                       "\n"
                       "- [Naiad](https://a.io/naiad) - SOSP'13\n"
                       "\n"
                       "\n"
                       "- [Flink](https://a.io/flink)\n";
    /* One finding for the list, at its first separating blank line. */
    const at want[] = {{4, 1}};
    expect_findings(text, "list-spacing", 1, want);
    finding f = nth_finding(text, "list-spacing", 0);
    cr_expect(f.fixable);
    cr_expect(f.changes_text, "a loose list turning tight loses its <p>: a declared text change");
    cr_expect_eq(f.edit_count, 2, "one edit per run of blank lines");
    cr_expect(strstr(f.message, "(3)") != NULL, "three blank lines in all: %s", f.message);
    /* blank-lines would keep one of the two; list-spacing removes all. */
    awl_test_expect_fixed(text, "## Dataflow\n"
                       "\n"
                       "- [MillWheel](https://a.io/millwheel) - VLDB'13\n"
                       "- [Naiad](https://a.io/naiad) - SOSP'13\n"
                       "- [Flink](https://a.io/flink)\n");
}

Test(list_spacing, blank_line_before_a_sub_list_is_removed)
{
    /* A table of contents: the blank line sits inside the first item,
     * between its text and its sub-list; it makes the outer list loose. */
    const char *text = "- [Systems](#systems)\n"
                       "\n"
                       "  - [Dataflow](#dataflow)\n"
                       "  - [Windowing](#windowing)\n"
                       "- [Artifacts](#artifacts)\n";
    const at want[] = {{2, 1}};
    expect_findings(text, "list-spacing", 1, want);
    awl_test_expect_fixed(text, "- [Systems](#systems)\n"
                       "  - [Dataflow](#dataflow)\n"
                       "  - [Windowing](#windowing)\n"
                       "- [Artifacts](#artifacts)\n");
}

Test(list_spacing, ordered_lists_and_quoted_lists_too)
{
    awl_test_expect_fixed("1. [A](https://a.io)\n"
                 "\n"
                 "2. [B](https://b.io)\n",
                 "1. [A](https://a.io)\n"
                 "2. [B](https://b.io)\n");
    /* In a quote the blank line is a bare '>'. */
    const char *quoted = "> - [A](https://a.io)\n"
                         ">\n"
                         "> - [B](https://b.io)\n";
    const at want[] = {{2, 1}};
    expect_findings(quoted, "list-spacing", 1, want);
    awl_test_expect_fixed(quoted, "> - [A](https://a.io)\n"
                         "> - [B](https://b.io)\n");
}

Test(list_spacing, items_of_two_paragraphs_keep_their_blank_lines)
{
    /* Seed 000's shape: a code line and a paper line in each item. The
     * list is loose because of them; the blank lines between items stay. */
    const char *text = "- code [Orca](https://github.com/orca)\n"
                       "\n"
                       "  paper [Orca: A Distributed Serving System](https://www.usenix.org/orca)\n"
                       "\n"
                       "- code [Alpa](https://github.com/alpa)\n"
                       "\n"
                       "  paper [Alpa: Automating Parallelism](https://www.usenix.org/alpa)\n";
    expect_findings(text, "list-spacing", 0, NULL);
    awl_test_expect_fixed(text, text);
}

Test(list_spacing, prose_lists_and_tight_lists_are_left_alone)
{
    /* No links: a list of sentences may be loose by choice. */
    const char *prose = "- Fork the repository.\n"
                        "\n"
                        "- Add your entry to the right section.\n";
    expect_findings(prose, "list-spacing", 0, NULL);
    expect_findings("- [A](https://a.io)\n- [B](https://b.io)\n", "list-spacing", 0, NULL);
    /* One item in three has a link: not a list of links. */
    expect_findings("- one\n\n- [two](https://b.io)\n\n- three\n", "list-spacing", 0, NULL);
    /* Two in three have: it is. */
    const at want[] = {{2, 1}};
    expect_findings("- [one](https://a.io)\n\n- [two](https://b.io)\n\n- three\n", "list-spacing", 1,
                    want);
}

/* n items "- [Pk](https://p.io/k)" separated by one blank line, appended. */
static void spaced_items(awl_buf *out, const char *name, size_t n)
{
    for (size_t k = 0; k < n; k++)
        awl_buf_printf(out, "%s- [%s %zu](https://%s.io/%zu)\n", k ? "\n" : "", name, k, name, k);
}

Test(list_spacing, a_file_that_spaces_all_its_entries_keeps_its_style)
{
    /* Two sections of six entries each, every neighbour pair spaced: ten
     * spaced pairs and no tight one. That is the file's style. */
    awl_buf text = {0};
    awl_buf_puts(&text, "## Training\n\n");
    spaced_items(&text, "train", 6);
    awl_buf_puts(&text, "\n## Serving\n\n");
    spaced_items(&text, "serve", 6);
    /* A spaced-out table of contents says nothing about the entries. */
    awl_buf_puts(&text, "\n## Contents\n\n- [Training](#training)\n\n- [Serving](#serving)\n");
    expect_findings(text.data, "list-spacing", 0, NULL);
    /* One tight list of three entries: 10 spaced pairs of 12, under 19 in
     * 20: the spaced lists are the odd ones out again, and so is the table
     * of contents. */
    awl_buf_puts(&text, "\n## Misc\n\n- [A](https://a.io)\n- [B](https://b.io)\n- [C](https://c.io)\n");
    const at want[] = {{4, 1}, {18, 1}, {32, 1}};
    expect_findings(text.data, "list-spacing", 3, want);
    awl_buf_free(&text);
}

Test(list_spacing, sub_list_that_could_not_follow_its_text_is_only_reported)
{
    /* Without the blank line, "2." could not start a list after the text:
     * it would read as more of it. */
    const char *text = "- [A](https://a.io)\n"
                       "\n"
                       "  2. [B](https://b.io)\n"
                       "  3. [C](https://c.io)\n";
    const at want[] = {{2, 1}};
    expect_findings(text, "list-spacing", 1, want);
    finding f = nth_finding(text, "list-spacing", 0);
    cr_expect(!f.fixable);
    cr_expect(strstr(f.message, "not fixed") != NULL, "%s", f.message);
    awl_test_expect_fixed(text, text);
}

Test(list_spacing, fixed_list_renders_as_before_but_for_paragraph_tags)
{
    const char *text = "- [A](https://a.io) - First.\n"
                       "\n"
                       "- [B](https://b.io) - Second.\n";
    const char *fixed = "- [A](https://a.io) - First.\n"
                        "- [B](https://b.io) - Second.\n";
    awl_test_expect_fixed(text, fixed);
    cr_expect(!renders_alike(text, fixed), "the fix is meant to change the rendering");
}

/* ---- list-indent ----------------------------------------------------- */

Test(list_indent, top_level_list_moves_to_the_margin)
{
    const char *text = "# Paxos\n"
                       "\n"
                       " - [Paxos Made Simple](https://a.io/simple) - SIGACT News'01\n"
                       " - [Paxos Made Live](https://a.io/live) - PODC'07\n"
                       "   Running Paxos inside Chubby.\n";
    /* One finding for the list, at its first item's line start. */
    const at want[] = {{3, 1}};
    expect_findings(text, "list-indent", 1, want);
    finding f = nth_finding(text, "list-indent", 0);
    cr_expect(strstr(f.message, "indented 1 column") != NULL, "%s", f.message);
    cr_expect(f.fixable);
    cr_expect(!f.changes_text, "moving a list is render-neutral");
    /* The continuation line moves with its item's text (column 4 to 3). */
    awl_test_expect_fixed(text, "# Paxos\n"
                       "\n"
                       "- [Paxos Made Simple](https://a.io/simple) - SIGACT News'01\n"
                       "- [Paxos Made Live](https://a.io/live) - PODC'07\n"
                       "  Running Paxos inside Chubby.\n");
}

Test(list_indent, one_space_after_the_marker)
{
    const char *text = "-   [Raft](https://raft.github.io/raft.pdf) - ATC'14\n"
                       "\n"
                       "    ```\n"
                       "    raft.start()\n"
                       "    ```\n"
                       "1.  [Zab](https://a.io/zab)\n";
    /* At the white space after the marker: line 1 column 2; the ordered
     * list is a list of its own, with its own finding at 6:3. */
    const at want[] = {{1, 2}, {6, 3}};
    expect_findings(text, "list-indent", 2, want);
    /* The code block belongs to the item: it moves with the text. */
    awl_test_expect_fixed(text, "- [Raft](https://raft.github.io/raft.pdf) - ATC'14\n"
                       "\n"
                       "  ```\n"
                       "  raft.start()\n"
                       "  ```\n"
                       "1. [Zab](https://a.io/zab)\n");
}

Test(list_indent, a_tab_after_the_marker_becomes_a_space)
{
    const char *text = "-\t[A](https://a.io)\n-\t[B](https://b.io)\n";
    const at want[] = {{1, 2}};
    expect_findings(text, "list-indent", 1, want);
    cr_expect(strstr(nth_finding(text, "list-indent", 0).message, "2 items") != NULL);
    awl_test_expect_fixed(text, "- [A](https://a.io)\n- [B](https://b.io)\n");
}

Test(list_indent, nested_list_moves_to_its_parent_text)
{
    /* The first sub-list sits at its parent's text (column 3): that is
     * this file's way, so the one four columns in is reported. */
    const char *text = "- [Raft](https://raft.github.io)\n"
                       "  - [Code](https://github.com/raft)\n"
                       "- [Paxos](https://a.io/paxos)\n"
                       "    - [Code](https://github.com/paxos)\n"
                       "      Mirrored.\n"
                       "1. [Zab](https://a.io/zab)\n"
                       "     - [Code](https://github.com/zab)\n";
    const at want[] = {{4, 1}, {7, 1}};
    expect_findings(text, "list-indent", 2, want);
    finding f = nth_finding(text, "list-indent", 1);
    cr_expect(strstr(f.message, "column 6") && strstr(f.message, "column 4"), "%s", f.message);
    awl_test_expect_fixed(text, "- [Raft](https://raft.github.io)\n"
                       "  - [Code](https://github.com/raft)\n"
                       "- [Paxos](https://a.io/paxos)\n"
                       "  - [Code](https://github.com/paxos)\n"
                       "    Mirrored.\n"
                       "1. [Zab](https://a.io/zab)\n"
                       "   - [Code](https://github.com/zab)\n");
}

Test(list_indent, in_a_mixed_file_the_parent_text_wins)
{
    /* Two sub-lists four columns in, one at its parent's text: the file is
     * not consistently four-column, so the rule's own column applies. */
    const char *text = "- [A](https://a.io)\n"
                       "    - [A code](https://a.io/code)\n"
                       "- [B](https://b.io)\n"
                       "    - [B code](https://b.io/code)\n"
                       "- [C](https://c.io)\n"
                       "  - [C code](https://c.io/code)\n";
    const at want[] = {{2, 1}, {4, 1}};
    expect_findings(text, "list-indent", 2, want);
    awl_test_expect_fixed(text, "- [A](https://a.io)\n"
                       "  - [A code](https://a.io/code)\n"
                       "- [B](https://b.io)\n"
                       "  - [B code](https://b.io/code)\n"
                       "- [C](https://c.io)\n"
                       "  - [C code](https://c.io/code)\n");
}

Test(list_indent, nested_lists_follow_their_parent_when_it_moves)
{
    const char *text = "  * [A](https://a.io)\n"
                       "    * [B](https://b.io)\n"
                       "      * [C](https://c.io)\n";
    /* Only the top-level list is off; its sub-lists are where its text is. */
    const at want[] = {{1, 1}};
    expect_findings(text, "list-indent", 1, want);
    awl_test_expect_fixed(text, "* [A](https://a.io)\n"
                       "  * [B](https://b.io)\n"
                       "    * [C](https://c.io)\n");
}

Test(list_indent, a_file_nesting_four_columns_keeps_it)
{
    const char *text = "- [A](https://a.io)\n"
                       "    - [A code](https://a.io/code)\n"
                       "- [B](https://b.io)\n"
                       "\t- [B code](https://b.io/code)\n"
                       "1. [C](https://c.io)\n"
                       "    - [C code](https://c.io/code)\n";
    expect_findings(text, "list-indent", 0, NULL);
    /* Then a sub-list at three columns is the odd one out. */
    const char *odd = "- [A](https://a.io)\n"
                      "    - [A code](https://a.io/code)\n"
                      "- [B](https://b.io)\n"
                      "   - [B code](https://b.io/code)\n";
    const at want[] = {{4, 1}};
    expect_findings(odd, "list-indent", 1, want);
    cr_expect(strstr(nth_finding(odd, "list-indent", 0).message, "four columns") != NULL);
    awl_test_expect_fixed(odd, "- [A](https://a.io)\n"
                      "    - [A code](https://a.io/code)\n"
                      "- [B](https://b.io)\n"
                      "    - [B code](https://b.io/code)\n");
}

Test(list_indent, lists_indented_inside_details_keep_their_indentation)
{
    const char *text = "<details>\n"
                       "<summary>Models</summary>\n"
                       "\n"
                       "  - [Llama](https://a.io/llama)\n"
                       "  - [Qwen](https://a.io/qwen)\n"
                       "\n"
                       "</details>\n"
                       "\n"
                       " - [After](https://a.io/after)\n";
    /* Inside <details> the list keeps its two spaces; after </details>
     * the margin is the rule again. */
    const at want[] = {{9, 1}};
    expect_findings(text, "list-indent", 1, want);
    /* An item out of line with its list's first is still reported. */
    const char *ragged = "<details>\n"
                         "\n"
                         "  - [Llama](https://a.io/llama)\n"
                         "   - [Qwen](https://a.io/qwen)\n"
                         "\n"
                         "</details>\n";
    const at ragged_want[] = {{4, 1}};
    expect_findings(ragged, "list-indent", 1, ragged_want);
    awl_test_expect_fixed(ragged, "<details>\n"
                         "\n"
                         "  - [Llama](https://a.io/llama)\n"
                         "  - [Qwen](https://a.io/qwen)\n"
                         "\n"
                         "</details>\n");
}

Test(list_indent, a_line_that_would_join_the_list_blocks_the_fix)
{
    /* "  Text" is a paragraph of its own now (left of the items' text at
     * column 5); with the list at the margin it would join the last item. */
    const char *text = "  - [A](https://a.io)\n"
                       "  - [B](https://b.io)\n"
                       "\n"
                       "  Text after the list.\n";
    const at want[] = {{1, 1}};
    expect_findings(text, "list-indent", 1, want);
    finding f = nth_finding(text, "list-indent", 0);
    cr_expect(!f.fixable);
    cr_expect(strstr(f.message, "would join") != NULL, "%s", f.message);
    awl_test_expect_fixed(text, text);
}

Test(list_indent, a_lazy_continuation_line_blocks_the_fix)
{
    const char *text = " - [A](https://a.io)\n"
                       "lazy continuation\n";
    const at want[] = {{1, 1}};
    expect_findings(text, "list-indent", 1, want);
    finding f = nth_finding(text, "list-indent", 0);
    cr_expect(!f.fixable);
    cr_expect_eq(f.edit_count, 0);
    cr_expect(strstr(f.message, "not indented to its item's text") != NULL, "%s", f.message);
}

Test(list_indent, leaves_quotes_code_and_tidy_lists_alone)
{
    expect_findings(">  - [A](https://a.io)\n>  - [B](https://b.io)\n", "list-indent", 0, NULL);
    expect_findings("    - not a list, code\n", "list-indent", 0, NULL);
    expect_findings("```\n -   [A](https://a.io)\n```\n", "list-indent", 0, NULL);
    expect_findings("- [A](https://a.io)\n  - [B](https://b.io)\n    1. [C](https://c.io)\n"
                    "       - [D](https://d.io)\n",
                    "list-indent", 0, NULL);
    /* Markers with nothing after them, or code right after, are not
     * "more than one space". */
    expect_findings("-\n  text\n-     code\n", "list-indent", 0, NULL);
}

Test(list_indent, fix_is_render_neutral_and_settles)
{
    /* No links: list-spacing leaves this loose list to its author. */
    const char *text = "   1.  Alpha\n"
                       "       More about alpha.\n"
                       "\n"
                       "       - Alpha's code\n"
                       "   2.  Beta\n";
    const char *fixed = "1. Alpha\n"
                        "   More about alpha.\n"
                        "\n"
                        "   - Alpha's code\n"
                        "2. Beta\n";
    awl_test_expect_fixed(text, fixed);
    cr_expect(renders_alike(text, fixed));
    expect_findings(fixed, "list-indent", 0, NULL);
}
