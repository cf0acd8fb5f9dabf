/*
 * test_rules_toc: the toc rule, finding by finding and fix by fix.
 *
 * Every expected position, message fragment and fixed text below is worked
 * out by hand from the Markdown and the rule's description (rules/toc.c),
 * never copied from a run of the program.
 */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "engine.h"
#include "fix.h"
#include "rule.h"
#include "support.h"

/* ---- helpers --------------------------------------------------------- */

/* The toc findings of `text` under `config`, into diags; returns the doc. */
static awl_doc *lint_with(const awl_config *config, const char *text, awl_diags *diags)
{
    awl_doc *doc = awl_doc_parse("test.md", text, strlen(text));
    awl_diags_init(diags);
    awl_lint(doc, config, diags);
    return doc;
}

/* The i-th toc finding, or NULL. */
static const awl_diag *toc_finding(const awl_diags *diags, size_t i)
{
    for (size_t k = 0; k < diags->items.count; k++) {
        const awl_diag *d = awl_diags_at(diags, k);
        if (strcmp(d->rule->id, "toc") == 0 && i-- == 0)
            return d;
    }
    return NULL;
}

typedef struct want {
    size_t line, column;
    awl_severity severity;
    const char *message_part; /* a substring of the message, or NULL */
    bool fixable;             /* carries edits */
} want;

/* Checks the toc findings of `text` (at most one per list here). */
static void expect_toc_with(const awl_config *config, const char *text, size_t count,
                            const want *wants)
{
    awl_diags diags;
    awl_doc *doc = lint_with(config, text, &diags);
    size_t n = awl_test_count(&diags, "toc");
    cr_expect_eq(n, count, "expected %zu toc finding(s), got %zu in:\n%s", count, n, text);
    for (size_t i = 0; i < count && i < n; i++) {
        const awl_diag *d = toc_finding(&diags, i);
        size_t line, column;
        awl_source_position(&doc->source, d->start, &line, &column);
        cr_expect(line == wants[i].line && column == wants[i].column,
                  "finding %zu: expected %zu:%zu, got %zu:%zu (%s)", i + 1, wants[i].line,
                  wants[i].column, line, column, d->message);
        cr_expect_eq(d->severity, wants[i].severity, "finding %zu: severity %d, want %d (%s)",
                     i + 1, d->severity, wants[i].severity, d->message);
        if (wants[i].message_part)
            cr_expect(strstr(d->message, wants[i].message_part),
                      "finding %zu: message \"%s\" lacks \"%s\"", i + 1, d->message,
                      wants[i].message_part);
        cr_expect_eq(d->edit_count > 0, wants[i].fixable, "finding %zu: fixable %d, want %d (%s)",
                     i + 1, d->edit_count > 0, wants[i].fixable, d->message);
    }
    awl_diags_free(&diags);
    awl_doc_free(doc);
}

static void expect_toc(const char *text, size_t count, const want *wants)
{
    awl_config config;
    awl_config_defaults(&config);
    expect_toc_with(&config, text, count, wants);
}

static void expect_silent(const char *text)
{
    expect_toc(text, 0, NULL);
}

/* Fixes `text` and compares the whole result with `expected`; then checks
 * that the result has no toc finding left. */
static void expect_fixed_with(const awl_config *config, bool unsafe, const char *text,
                              const char *expected)
{
    awl_fix_result r;
    awl_fix_text("test.md", text, strlen(text), config, unsafe, &r);
    cr_expect(!r.failed, "fixing failed verification: %s\n%s", r.failure, text);
    cr_expect(r.text.len == strlen(expected) && memcmp(r.text.data, expected, r.text.len) == 0,
              "fixing:\n%s\nexpected:\n%s\ngot:\n%.*s", text, expected, (int)r.text.len,
              r.text.data);
    awl_diags diags;
    awl_doc *doc = lint_with(config, r.text.data, &diags);
    cr_expect_eq(awl_test_count(&diags, "toc"), 0, "a toc finding is left after the fix:\n%.*s",
                 (int)r.text.len, r.text.data);
    awl_diags_free(&diags);
    awl_doc_free(doc);
    awl_fix_result_free(&r);
}

static void expect_fixed(const char *text, const char *expected)
{
    awl_config config;
    awl_config_defaults(&config);
    expect_fixed_with(&config, false, text, expected);
}

#define W AWL_SEVERITY_WARNING
#define I AWL_SEVERITY_INFO

/* ---- broken anchors -------------------------------------------------- */

/* Seed 000's pattern: the entry's text is its heading's, the anchor is not
 * the heading's slug; and a typo in another anchor. */
Test(toc, repairs_anchors_by_text_and_typo)
{
    const char *text = "# Systems\n"
                       "\n"
                       "## Contents\n"
                       "\n"
                       "- [Papers](#papers)\n"
                       "  - [Schedule and Resource Management](#schedule)\n"
                       "  - [Optimization](#optimzation)\n"
                       "\n"
                       "## Papers\n"
                       "\n"
                       "### Schedule and Resource Management\n"
                       "\n"
                       "Text.\n"
                       "\n"
                       "### Optimization\n"
                       "\n"
                       "Text.\n";
    want w[] = {{5, 1, W,
                 "'Schedule and Resource Management' (#schedule, meant "
                 "#schedule-and-resource-management)",
                 true}};
    expect_toc(text, 1, w);
    want w2[] = {{5, 1, W, "'Optimization' (#optimzation, meant #optimization)", true}};
    expect_toc(text, 1, w2);
    expect_fixed(text, "# Systems\n"
                       "\n"
                       "## Contents\n"
                       "\n"
                       "- [Papers](#papers)\n"
                       "  - [Schedule and Resource Management](#schedule-and-resource-management)\n"
                       "  - [Optimization](#optimization)\n"
                       "\n"
                       "## Papers\n"
                       "\n"
                       "### Schedule and Resource Management\n"
                       "\n"
                       "Text.\n"
                       "\n"
                       "### Optimization\n"
                       "\n"
                       "Text.\n");
}

/* A case-only difference works on GitHub: the anchor rule's warning. */
Test(toc, silent_on_case_only_difference)
{
    expect_silent("## Contents\n"
                  "\n"
                  "- [LLM Serving](#LLM-Serving)\n"
                  "- [Training](#Training)\n"
                  "\n"
                  "## LLM Serving\n"
                  "\n"
                  "## Training\n");
}

/* Years are numbers, not typos: #2025 is not #2021 misspelt. */
Test(toc, digits_are_never_a_typo)
{
    const char *text = "## Contents\n"
                       "\n"
                       "- [2021](#2021)\n"
                       "- [2025](#2025)\n"
                       "\n"
                       "## 2021\n"
                       "\n"
                       "## 2024\n";
    want w[] = {{3, 1, W, "misses '2024'; links to no heading: '2025' (#2025)", true}};
    expect_toc(text, 1, w);
    expect_fixed(text, "## Contents\n"
                       "\n"
                       "- [2021](#2021)\n"
                       "- [2024](#2024)\n"
                       "\n"
                       "## 2021\n"
                       "\n"
                       "## 2024\n");
}

/* A guess (the anchor is the start of the slug, the text is not the
 * heading's) is reported with an unsafe fix: --fix leaves it. */
Test(toc, a_guess_is_an_unsafe_fix)
{
    const char *text = "## Contents\n"
                       "\n"
                       "- [Schedule](#schedule)\n"
                       "- [Serving](#serving)\n"
                       "\n"
                       "## Schedule and Resource Management\n"
                       "\n"
                       "## Serving\n";
    awl_diags diags;
    awl_doc *doc = awl_test_lint(text, &diags);
    const awl_diag *d = toc_finding(&diags, 0);
    cr_assert(d, "no toc finding");
    cr_expect_eq(d->fix, AWL_FIX_UNSAFE);
    awl_diags_free(&diags);
    awl_doc_free(doc);
    awl_config config;
    awl_config_defaults(&config);
    awl_fix_result r;
    awl_fix_text("test.md", text, strlen(text), &config, false, &r);
    cr_expect(!r.changed, "--fix applied an unsafe guess");
    awl_fix_result_free(&r);
    expect_fixed_with(&config, true, text,
                      "## Contents\n"
                      "\n"
                      "- [Schedule](#schedule-and-resource-management)\n"
                      "- [Serving](#serving)\n"
                      "\n"
                      "## Schedule and Resource Management\n"
                      "\n"
                      "## Serving\n");
}

/* ---- what the table must list ---------------------------------------- */

/* A sub-heading of an expanded parent is missing; the new line goes under
 * the parent, in document order, with the parent's children's indentation. */
Test(toc, adds_a_missing_heading_where_it_belongs)
{
    const char *text = "# Stream Processing\n"
                       "\n"
                       "## Contents\n"
                       "\n"
                       "* [Engines](#engines)\n"
                       "    * [Dataflow](#dataflow)\n"
                       "    * [Windowing](#windowing)\n"
                       "* [Benchmarks](#benchmarks)\n"
                       "\n"
                       "## Engines\n"
                       "\n"
                       "### Dataflow\n"
                       "\n"
                       "### Exactly-Once *Delivery*\n"
                       "\n"
                       "### Windowing\n"
                       "\n"
                       "## Benchmarks\n";
    want w[] = {{5, 1, W, "misses 'Exactly-Once Delivery'", true}};
    expect_toc(text, 1, w);
    expect_fixed(text, "# Stream Processing\n"
                       "\n"
                       "## Contents\n"
                       "\n"
                       "* [Engines](#engines)\n"
                       "    * [Dataflow](#dataflow)\n"
                       "    * [Exactly-Once Delivery](#exactly-once-delivery)\n"
                       "    * [Windowing](#windowing)\n"
                       "* [Benchmarks](#benchmarks)\n"
                       "\n"
                       "## Engines\n"
                       "\n"
                       "### Dataflow\n"
                       "\n"
                       "### Exactly-Once *Delivery*\n"
                       "\n"
                       "### Windowing\n"
                       "\n"
                       "## Benchmarks\n");
}

/* Meta sections, headings before the table and the sub-headings of a
 * parent the table does not expand are not required. */
Test(toc, leaves_out_what_the_table_does_not_cover)
{
    expect_silent("# Title\n"
                  "\n"
                  "## Introduction\n"
                  "\n"
                  "## Contents\n"
                  "\n"
                  "- [Papers](#papers)\n"
                  "  - [Training](#training)\n"
                  "- [Tools](#tools)\n"
                  "\n"
                  "## Papers\n"
                  "\n"
                  "### Training\n"
                  "\n"
                  "## Tools\n"
                  "\n"
                  "### Compilers\n"
                  "\n"
                  "### Profilers\n"
                  "\n"
                  "## Contributing\n"
                  "\n"
                  "## License\n");
}

/* An entry whose text is not its heading's ("Earlier" for 2019) stands
 * for the siblings after it. */
Test(toc, a_summary_entry_covers_the_siblings_after_it)
{
    expect_silent("## Contents\n"
                  "\n"
                  "- [Papers](#papers)\n"
                  "  - [2021](#2021)\n"
                  "  - [2020](#2020)\n"
                  "  - [Earlier](#2019)\n"
                  "\n"
                  "## Papers\n"
                  "\n"
                  "### 2021\n"
                  "\n"
                  "### 2020\n"
                  "\n"
                  "### 2019\n"
                  "\n"
                  "### 2018\n");
}

/* Without the summary, 2018 is missing and goes at the end. */
Test(toc, without_a_summary_the_last_siblings_are_missing)
{
    const char *text = "## Contents\n"
                       "\n"
                       "- [Papers](#papers)\n"
                       "  - [2020](#2020)\n"
                       "  - [2019](#2019)\n"
                       "\n"
                       "## Papers\n"
                       "\n"
                       "### 2020\n"
                       "\n"
                       "### 2019\n"
                       "\n"
                       "### 2018\n";
    want w[] = {{3, 1, W, "misses '2018'", true}};
    expect_toc(text, 1, w);
}

/* A flat table of headings of several levels stays flat. */
Test(toc, a_flat_table_stays_flat)
{
    const char *text = "## Table of Contents\n"
                       "\n"
                       "- [1. Data](#1-data)\n"
                       "- [1.1 Loading](#11-loading)\n"
                       "- [2. Training](#2-training)\n"
                       "\n"
                       "## 1. Data\n"
                       "\n"
                       "### 1.1 Loading\n"
                       "\n"
                       "### 1.2 Caching\n"
                       "\n"
                       "## 2. Training\n";
    expect_fixed(text, "## Table of Contents\n"
                       "\n"
                       "- [1. Data](#1-data)\n"
                       "- [1.1 Loading](#11-loading)\n"
                       "- [1.2 Caching](#12-caching)\n"
                       "- [2. Training](#2-training)\n"
                       "\n"
                       "## 1. Data\n"
                       "\n"
                       "### 1.1 Loading\n"
                       "\n"
                       "### 1.2 Caching\n"
                       "\n"
                       "## 2. Training\n");
}

/* A new line's text is the heading's plain text, escaped where it would
 * be Markdown inside a link. */
Test(toc, new_lines_escape_markdown)
{
    const char *text = "## Contents\n"
                       "\n"
                       "- [Tools](#tools)\n"
                       "- [Papers](#papers)\n"
                       "\n"
                       "## Tools\n"
                       "\n"
                       "## C++ [sic] and snake_case\n"
                       "\n"
                       "## Papers\n";
    expect_fixed(text, "## Contents\n"
                       "\n"
                       "- [Tools](#tools)\n"
                       "- [C++ \\[sic\\] and snake\\_case](#c-sic-and-snake_case)\n"
                       "- [Papers](#papers)\n"
                       "\n"
                       "## Tools\n"
                       "\n"
                       "## C++ [sic] and snake_case\n"
                       "\n"
                       "## Papers\n");
}

/* ---- order, dead entries, duplicates --------------------------------- */

/* Kept lines move byte for byte, decorations and all. */
Test(toc, reorders_keeping_each_line)
{
    const char *text = "## Contents\n"
                       "\n"
                       "* 📖[Batching](#batching)🔥\n"
                       "* 📖[Quantization](#quantization)\n"
                       "\n"
                       "## Quantization\n"
                       "\n"
                       "## Batching\n";
    want w[] = {{3, 1, W, "its order is not the document's", true}};
    expect_toc(text, 1, w);
    expect_fixed(text, "## Contents\n"
                       "\n"
                       "* 📖[Quantization](#quantization)\n"
                       "* 📖[Batching](#batching)🔥\n"
                       "\n"
                       "## Quantization\n"
                       "\n"
                       "## Batching\n");
}

/* Kept lines keep their nesting, but after reordering no line may sit
 * more than one level below the line before it. */
Test(toc, reordering_never_nests_under_nothing)
{
    const char *text = "## Contents\n"
                       "\n"
                       "- [Two](#two)\n"
                       "  - [One](#one)\n"
                       "\n"
                       "## One\n"
                       "\n"
                       "## Two\n";
    want w[] = {{3, 1, W, "its order is not the document's", true}};
    expect_toc(text, 1, w);
    expect_fixed(text, "## Contents\n"
                       "\n"
                       "- [One](#one)\n"
                       "- [Two](#two)\n"
                       "\n"
                       "## One\n"
                       "\n"
                       "## Two\n");
}

/* A dead entry goes, and the entries nested under it move up a level; a
 * heading listed twice is listed once. */
Test(toc, drops_dead_and_repeated_entries)
{
    const char *text = "## Contents\n"
                       "\n"
                       "- [Old Title](#old-title)\n"
                       "  - [Survey](#survey)\n"
                       "  - [Privacy](#privacy)\n"
                       "  - [Survey again](#survey)\n"
                       "\n"
                       "## Survey\n"
                       "\n"
                       "## Privacy\n";
    want w[] = {{3, 1, W,
                 "links to no heading: 'Old Title' (#old-title); lists twice: 'Survey again'",
                 true}};
    expect_toc(text, 1, w);
    expect_fixed(text, "## Contents\n"
                       "\n"
                       "- [Survey](#survey)\n"
                       "- [Privacy](#privacy)\n"
                       "\n"
                       "## Survey\n"
                       "\n"
                       "## Privacy\n");
}

/* ---- anchors that resolve without a heading slug ---------------------- */

/* Explicit anchors (<a name>, id=) and `#` lines md4c reads as a table row
 * (GitHub shows a heading there) resolve. */
Test(toc, explicit_anchors_and_headings_inside_tables_resolve)
{
    expect_silent("## Contents\n"
                  "\n"
                  "- [Kernels](#kernels)\n"
                  "- [Compilers](#compilers)\n"
                  "- [Serving](#serving)\n"
                  "\n"
                  "<div id=\"kernels\"></div>\n"
                  "\n"
                  "## 🔥 GPU Kernels ([back](#contents))\n"
                  "\n"
                  "| Paper | Venue |\n"
                  "| --- | --- |\n"
                  "| A | B |\n"
                  "### Compilers\n"
                  "\n"
                  "## Serving\n");
}

/* ---- no table of contents --------------------------------------------- */

Test(toc, more_than_three_sections_need_a_table)
{
    const char *text = "# Title\n"
                       "\n"
                       "## One\n"
                       "\n"
                       "## Two\n"
                       "\n"
                       "### Two A\n"
                       "\n"
                       "## Three\n"
                       "\n"
                       "## License\n";
    want w[] = {{3, 1, W, "4 sections and no table of contents", false}};
    expect_toc(text, 1, w);
    /* Three content sections are not more than three. */
    expect_silent("# Title\n"
                  "\n"
                  "## One\n"
                  "\n"
                  "## Two\n"
                  "\n"
                  "## Three\n"
                  "\n"
                  "## License\n");
    /* The threshold comes from the config. */
    awl_config config;
    awl_config_defaults(&config);
    config.toc_min_sections = 4;
    expect_toc_with(&config, text, 0, NULL);
}

/* ---- unusual tables of contents --------------------------------------- */

Test(toc, unusual_tables_are_left_alone_with_an_info)
{
    want html[] = {{1, 1, I, "in HTML", false}};
    /* Any case, either quote or none: each is an in-page href. */
    static const char *const links[] = {
        "<a href=\"#a\">A</a> <a href=\"#b\">B</a> <a href=\"#c\">C</a>\n",
        "<a HREF='#a'>A</a> <a href=#b>B</a> <a Href=\"#c\">C</a>\n",
    };
    for (size_t i = 0; i < sizeof links / sizeof links[0]; i++) {
        char text[256];
        snprintf(text, sizeof text, "<p>\n%s</p>\n\n## A\n\n## B\n\n## C\n\n## D\n", links[i]);
        expect_toc(text, 1, html);
    }
    want table[] = {{1, 1, I, "in a table", false}};
    expect_toc("| [A](#a) | [B](#b) | [C](#c) |\n"
               "| --- | --- | --- |\n"
               "\n"
               "## A\n",
               1, table);
    want para[] = {{1, 1, I, "in a paragraph", false}};
    expect_toc("**I.** [A](#a) **II.** [B](#b) **III.** [C](#c)\n"
               "\n"
               "## A\n",
               1, para);
    want several[] = {{3, 1, I, "2 lists or blocks of in-page links", false}};
    expect_toc("**Group one**\n"
               "\n"
               "- [A](#a)\n"
               "- [B](#b)\n"
               "\n"
               "**Group two**\n"
               "\n"
               "* [C](#c)\n"
               "* [D](#d)\n"
               "\n"
               "## A\n",
               1, several);
}

/* A sentence with in-page links is not a table of contents. */
Test(toc, a_sentence_of_links_is_no_table)
{
    expect_silent("## Contents\n"
                  "\n"
                  "- [A](#a)\n"
                  "- [B](#b)\n"
                  "- [C](#c)\n"
                  "\n"
                  "## A\n"
                  "\n"
                  "_Related: [B](#b), [C](#c), [A](#a)_\n"
                  "\n"
                  "## B\n"
                  "\n"
                  "## C\n");
}

/* ---- tables the fix cannot rewrite ------------------------------------ */

Test(toc, reports_without_fix_what_it_cannot_rewrite)
{
    want several_links[] = {{3, 1, W, "not fixed: an item holds several links", false}};
    expect_toc("## Contents\n"
               "\n"
               "- [A](#a) | [B](#b)\n"
               "- [C](#c)\n"
               "\n"
               "## A\n"
               "\n"
               "## B\n"
               "\n"
               "## C\n"
               "\n"
               "## D\n",
               1, several_links);
    want wrapped[] = {{3, 1, W, "not fixed: an item spans several lines", false}};
    expect_toc("## Contents\n"
               "\n"
               "- [A](#a)\n"
               "  and more\n"
               "- [C](#c)\n"
               "\n"
               "## A\n"
               "\n"
               "## C\n"
               "\n"
               "## D\n",
               1, wrapped);
    want numbered[] = {{3, 1, W, "not fixed: the list is numbered", false}};
    expect_toc("## Contents\n"
               "\n"
               "1. [A](#a)\n"
               "2. [C](#c)\n"
               "\n"
               "## A\n"
               "\n"
               "## C\n"
               "\n"
               "## D\n",
               1, numbered);
}

/* ---- config, line endings ---------------------------------------------- */

/* min-level/max-level pin the levels: a level-3 entry goes, a level-2
 * heading is required. */
Test(toc, pinned_levels_from_the_config)
{
    awl_config config;
    awl_config_defaults(&config);
    config.toc_min_level = 2;
    config.toc_max_level = 2;
    config.toc_levels_set = true;
    const char *text = "## Contents\n"
                       "\n"
                       "- [Papers](#papers)\n"
                       "  - [Training](#training)\n"
                       "\n"
                       "## Papers\n"
                       "\n"
                       "### Training\n"
                       "\n"
                       "## Tools\n";
    want w[] = {{3, 1, W,
                 "misses 'Tools'; lists headings outside the configured levels: 'Training'", true}};
    expect_toc_with(&config, text, 1, w);
    expect_fixed_with(&config, false, text,
                      "## Contents\n"
                      "\n"
                      "- [Papers](#papers)\n"
                      "- [Tools](#tools)\n"
                      "\n"
                      "## Papers\n"
                      "\n"
                      "### Training\n"
                      "\n"
                      "## Tools\n");
}

/* With line-ending off (it would turn every CR LF into LF), a new line
 * ends like the table's lines. */
Test(toc, new_lines_follow_crlf)
{
    awl_config config;
    awl_config_defaults(&config);
    config.severity[awl_rule_index("line-ending")] = AWL_SEVERITY_OFF;
    expect_fixed_with(&config, false,
                      "## Contents\r\n"
                      "\r\n"
                      "- [A](#a)\r\n"
                      "\r\n"
                      "## A\r\n"
                      "\r\n"
                      "## B\r\n",
                      "## Contents\r\n"
                      "\r\n"
                      "- [A](#a)\r\n"
                      "- [B](#b)\r\n"
                      "\r\n"
                      "## A\r\n"
                      "\r\n"
                      "## B\r\n");
}

/* ---- the command line --------------------------------------------------- */

/* --fix writes the regenerated table (verification accepts the anchors it
 * rewrote) and a second --fix changes nothing. */
Test(toc, cli_fix_is_verified_and_idempotent)
{
    const char *text = "## Contents\n"
                       "\n"
                       "- [Optimization](#optimzation)\n"
                       "\n"
                       "## Optimization\n"
                       "\n"
                       "## Serving\n";
    const char *expected = "## Contents\n"
                           "\n"
                           "- [Optimization](#optimization)\n"
                           "- [Serving](#serving)\n"
                           "\n"
                           "## Optimization\n"
                           "\n"
                           "## Serving\n";
    const char *args[] = {"--fix", "--no-config", "-", NULL};
    run_result r = awl_test_run(args, text, strlen(text), NULL);
    cr_expect_eq(r.status, 0, "exit %d: %s", r.status, r.err);
    cr_expect(r.out_len == strlen(expected) && memcmp(r.out, expected, r.out_len) == 0,
              "got:\n%.*s", (int)r.out_len, r.out);
    run_result again = awl_test_run(args, r.out, r.out_len, NULL);
    cr_expect_eq(again.status, 0);
    cr_expect(again.out_len == r.out_len && memcmp(again.out, r.out, r.out_len) == 0,
              "a second --fix changed the text");
    awl_test_run_free(&again);
    awl_test_run_free(&r);
}
