/*
 * test_rules_entries: the entry rules (entry-shape, wrapper-text), one
 * finding and one fix at a time.
 *
 * Every expected position and fixed text below is worked out by hand from
 * the Markdown and the rules' descriptions (rules/entry_shape.c and
 * rules/wrapper_text.c header comments), never copied from a run of the
 * program. Entries under test are written with a 5-letter name and a
 * 19-character destination, "- [Alpha](https://a.example)", so the name
 * part always covers columns 1-28 and what follows starts at column 29.
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






/* Fourteen entries written the canonical way: ` - `, a capital, a period.
 * "Stores" starts one of them, so the file writes it as a sentence word. */
#define CANON14                                                                  \
    "- [Kilo1](https://k.example) - Stores metrics in columns.\n"                \
    "- [Lima1](https://l.example) - Collects traces from services.\n"            \
    "- [Mike1](https://m.example) - Samples profiles at low cost.\n"             \
    "- [Nove1](https://n.example) - Routes alerts to the right people.\n"        \
    "- [Osca1](https://o.example) - Draws dashboards from queries.\n"            \
    "- [Papa1](https://p.example) - Exports metrics to many backends.\n"         \
    "- [Queb1](https://q.example) - Compresses time series on disk.\n"           \
    "- [Rome1](https://r.example) - Aggregates counters across hosts.\n"         \
    "- [Sier1](https://s.example) - Detects anomalies in latency.\n"             \
    "- [Tang1](https://t.example) - Replays production traffic in staging.\n"    \
    "- [Unif1](https://u.example) - Tags telemetry with deploy versions.\n"      \
    "- [Vict1](https://v.example) - Keeps budgets for error rates.\n"            \
    "- [Whis1](https://w.example) - Tests alert rules before rollout.\n"         \
    "- [Xray1](https://x.example) - Maps service dependencies from traces.\n"

/* ---- entry-shape: separators ----------------------------------------- */

Test(entry_shape, separator_variants_become_space_dash_space)
{
    const char *text = "# Tools\n"                                            /* 1 */
                       "\n"                                                   /* 2 */
                       "- [Alpha](https://a.example) \xE2\x80\x93 Parses log lines.\n" /* 3 */
                       "- [Bravo](https://b.example): Indexes log lines.\n"   /* 4 */
                       "- [Charl](https://c.example) -Ships log lines.\n"     /* 5 */
                       "- [Delta](https://d.example)  - Stores log lines.\n"  /* 6 */
                       "- [Echoo](https://e.example) Tails log lines.\n"      /* 7 */
                       "- [Foxtr](https://f.example) -- Greps log lines.\n"   /* 8 */
                       "- [Golfy](https://g.example) \xE2\x80\x94 Rotates log lines.\n" /* 9 */
                       CANON14;
    /* The en dash, the colon, the dash, the dash after two spaces, the
     * point where a separator is missing, the double dash, the em dash. */
    const awl_test_at want[] = {{3, 30}, {4, 29}, {5, 30}, {6, 31}, {7, 29}, {8, 30}, {9, 30}};
    awl_test_expect_findings(text, "entry-shape", 7, want);
    awl_test_expect_fixed(text, "# Tools\n"
                       "\n"
                       "- [Alpha](https://a.example) - Parses log lines.\n"
                       "- [Bravo](https://b.example) - Indexes log lines.\n"
                       "- [Charl](https://c.example) - Ships log lines.\n"
                       "- [Delta](https://d.example) - Stores log lines.\n"
                       "- [Echoo](https://e.example) - Tails log lines.\n"
                       "- [Foxtr](https://f.example) - Greps log lines.\n"
                       "- [Golfy](https://g.example) - Rotates log lines.\n" CANON14);
}

Test(entry_shape, separator_fix_is_safe_and_declares_the_text_change)
{
    const char *text = "- [Alpha](https://a.example): Parses log lines.\n" CANON14;
    awl_diags diags;
    awl_doc *doc = awl_test_lint(text, &diags);
    const awl_diag *d = awl_test_nth(&diags, "entry-shape", 0);
    cr_assert_not_null(d);
    cr_expect_eq(d->fix, AWL_FIX_SAFE);
    cr_expect(d->changes_text);
    cr_assert_eq(d->edit_count, 1);
    /* ": " (bytes 28 and 29) becomes " - " before "Parses" at byte 30. */
    cr_expect_eq(d->edits[0].start, 28);
    cr_expect_eq(d->edits[0].end, 30);
    cr_expect_eq(d->edits[0].replacement_len, 3);
    cr_expect(memcmp(d->edits[0].replacement, " - ", 3) == 0);
    awl_diags_free(&diags);
    awl_doc_free(doc);
}

Test(entry_shape, what_is_not_a_separator_is_left_alone)
{
    /* An arrow, a lowercase word after the link (the link is the subject
     * of a sentence), a colon whose text goes on with its own " - " (a
     * paper title), a title-only entry, and a venue or authors after the
     * link (not a sentence that lacks its separator). */
    const char *text = "- [Alpha](https://a.example) -> Parses log lines.\n"
                       "- [bravo](https://b.example) is the basis for dashboards.\n"
                       "- [Charl](https://c.example): A Log Store - OSDI'22\n"
                       "- [Delta](https://d.example)\n"
                       "- [Echoo](https://e.example) NeurIPS 2020\n"
                       "- [Foxtr](https://f.example) Yann LeCun, Yoshua Bengio\n" CANON14;
    awl_test_expect_findings(text, "entry-shape", 0, NULL);
    awl_test_expect_fixed(text, text);
}

Test(entry_shape, colon_lists_keep_their_colons)
{
    /* Paper lists write "[Name](url): Subtitle"; no " - " convention here. */
    const char *text = "- [Orcas](https://a.example): A Serving System for Transformers\n"
                       "- [Alpas](https://b.example): Automating Operator Parallelism\n"
                       "- [Pathw](https://c.example): Asynchronous Dataflow for Learning\n"
                       "- [Rayyy](https://d.example): A Framework for Emerging Applications\n"
                       "- [Gemin](https://e.example): Fast Failure Recovery in Training\n"
                       "- [Tutel](https://f.example): Adaptive Experts at Scale\n"
                       "- [Ooble](https://g.example): Resilient Training with Templates\n"
                       "- [Zeuss](https://h.example) - Understanding GPU Energy Use\n";
    awl_test_expect_findings(text, "entry-shape", 0, NULL);
}

/* ---- entry-shape: the first letter ----------------------------------- */

Test(entry_shape, article_gets_its_capital_but_a_name_does_not)
{
    const char *text = "- [Alpha](https://a.example) - a parser for log lines.\n"     /* 1 */
                       "- [Bravo](https://b.example) - numpy-style arrays for logs.\n" /* 2 */
                       CANON14;
    const awl_test_at want[] = {{1, 32}}; /* "a", after "- [Alpha](https://a.example) - " */
    awl_test_expect_findings(text, "entry-shape", 1, want);
    awl_test_expect_fixed(text, "- [Alpha](https://a.example) - A parser for log lines.\n"
                       "- [Bravo](https://b.example) - numpy-style arrays for logs.\n" CANON14);
}

Test(entry_shape, a_word_the_file_capitalises_elsewhere_is_a_sentence_word)
{
    /* "Stores" starts a description in CANON14; "is" would need a subject,
     * not a capital, and is left alone. */
    const char *text = "- [Alpha](https://a.example) - stores log lines.\n" /* 1 */
                       "- [Bravo](https://b.example) - is a log shipper.\n" /* 2 */
                       CANON14;
    const awl_test_at want[] = {{1, 32}};
    awl_test_expect_findings(text, "entry-shape", 1, want);
    awl_test_expect_fixed(text, "- [Alpha](https://a.example) - Stores log lines.\n"
                       "- [Bravo](https://b.example) - is a log shipper.\n" CANON14);
}

/* ---- entry-shape: final punctuation ---------------------------------- */

Test(entry_shape, period_goes_after_the_sentence_before_tags)
{
    /* Line 1: "Parses log lines" covers columns 32-47, then code-span tags.
     * Line 2: "Indexes log lines (beta)" covers 32-55; the period follows
     * the parenthesis. */
    const char *text = "- [Alpha](https://a.example) - Parses log lines `MIT` `Go`\n"
                       "- [Bravo](https://b.example) - Indexes log lines (beta)\n" CANON14;
    const awl_test_at want[] = {{1, 47}, {2, 55}};
    awl_test_expect_findings(text, "entry-shape", 2, want);
    awl_test_expect_fixed(text, "- [Alpha](https://a.example) - Parses log lines. `MIT` `Go`\n"
                       "- [Bravo](https://b.example) - Indexes log lines (beta).\n" CANON14);
}

Test(entry_shape, period_goes_before_a_group_of_links)
{
    /* Line 1: a parenthesised group of links after the sentence. Line 2: a
     * remark after a finished sentence is fine. Line 3 ends in a link: the
     * sentence end cannot be told, so it is left alone. */
    const char *text =
        "- [Alpha](https://a.example) - Parses log lines ([Demo](https://d.example/x), "
        "[Source](https://s.example/y))\n"
        "- [Bravo](https://b.example) - Indexes log lines. (Deprecated)\n"
        "- [Charl](https://c.example) - Ships logs over [syslog](https://y.example/z)\n" CANON14;
    const awl_test_at want[] = {{1, 47}};
    awl_test_expect_findings(text, "entry-shape", 1, want);
    awl_test_expect_fixed(text,
                 "- [Alpha](https://a.example) - Parses log lines. ([Demo](https://d.example/x), "
                 "[Source](https://s.example/y))\n"
                 "- [Bravo](https://b.example) - Indexes log lines. (Deprecated)\n"
                 "- [Charl](https://c.example) - Ships logs over [syslog](https://y.example/z)\n" CANON14);
}

Test(entry_shape, no_period_is_added_that_would_start_a_list)
{
    /* The description's last line is "2": "2." would be an ordered list. */
    const char *text = "- [Alpha](https://a.example) - Parses log lines of format\n"
                       "  2\n" CANON14;
    awl_test_expect_findings(text, "entry-shape", 0, NULL);
}

Test(entry_shape, no_convention_no_finding)
{
    /* Half the descriptions end with a period: no convention to follow. */
    const char *text = "- [Alpha](https://a.example) - Parses log lines.\n"
                       "- [Bravo](https://b.example) - Indexes log lines\n"
                       "- [Charl](https://c.example) - Ships log lines.\n"
                       "- [Delta](https://d.example) - Stores log lines\n"
                       "- [Echoo](https://e.example) - Tails log lines.\n"
                       "- [Foxtr](https://f.example) - Greps log lines\n"
                       "- [Golfy](https://g.example) - Rotates log lines.\n"
                       "- [Hotel](https://h.example) - Counts log lines\n";
    awl_test_expect_findings(text, "entry-shape", 0, NULL);
    awl_test_expect_fixed(text, text);
}

Test(entry_shape, a_small_section_follows_the_file)
{
    /* "Extras" has two entries, too few for a convention of its own: the
     * file's (CANON14, in "Main") applies. "Legacy" has eight entries
     * written with an en dash: its own convention, left alone. */
    const char *en = "\xE2\x80\x93";
    char text[4096];
    snprintf(text, sizeof text,
             "## Main\n\n" CANON14 "\n"                              /* 1-17 */
             "## Extras\n"                                          /* 18 */
             "\n"                                                   /* 19 */
             "- [Alpha](https://a.example) %s Parses log lines.\n"  /* 20 */
             "- [Bravo](https://b.example) - Indexes log lines.\n"  /* 21 */
             "\n"
             "## Legacy\n\n"
             "- [Leg01](https://a.example/1) %s Old parser.\n"
             "- [Leg02](https://a.example/2) %s Old indexer.\n"
             "- [Leg03](https://a.example/3) %s Old shipper.\n"
             "- [Leg04](https://a.example/4) %s Old store.\n"
             "- [Leg05](https://a.example/5) %s Old tailer.\n"
             "- [Leg06](https://a.example/6) %s Old grep.\n"
             "- [Leg07](https://a.example/7) %s Old rotator.\n"
             "- [Leg08](https://a.example/8) %s Old counter.\n",
             en, en, en, en, en, en, en, en, en);
    const awl_test_at want[] = {{20, 30}};
    awl_test_expect_findings(text, "entry-shape", 1, want);
}

/* ---- entry-shape: entries without a title ----------------------------- */

#define TAGGED8                                                                   \
    "- [VLDB'23] [Watermarks for Out-of-Order Streams](https://p.example/1)\n"    \
    "- [OSDI'22] [Elastic Scaling Without Barriers](https://p.example/2)\n"       \
    "- [NSDI'23] [Skew-Aware Partitioning](https://p.example/3)\n"                \
    "- [ATC'22] [Joins over Sliding Windows](https://p.example/4)\n"              \
    "- [SoCC'21] [Autoscaling from Queue Lag](https://p.example/5)\n"             \
    "- [ICDE'24] [Exactly-Once Sinks](https://p.example/6)\n"                     \
    "- [EuroSys'24] [Stream Processing at the Edge](https://p.example/7)\n"       \
    "- [SIGMOD'22] [Checkpoints That Do Not Stop](https://p.example/8)\n"

Test(entry_shape, a_title_less_entry_among_titled_ones)
{
    const char *text = "## Papers\n"                                  /* 1 */
                       "\n"                                           /* 2 */
                       TAGGED8                                        /* 3-10 */
                       "- [arxiv](https://arxiv.org/abs/2301.00001)\n"; /* 11 */
    const awl_test_at want[] = {{11, 1}};
    awl_test_expect_findings(text, "entry-shape", 1, want);
    /* Words that name links and a year are no title either. */
    const char *slides = "## Papers\n\n" TAGGED8
                         "- arxiv version (2023): [link](https://p.example/s.pdf)\n";
    awl_test_expect_findings(slides, "entry-shape", 1, want);
    /* Two of them among eight titled entries are more than one in ten:
     * maybe this section is simply written so. */
    const char *two = "## Papers\n\n" TAGGED8 "- [arxiv](https://arxiv.org/abs/1)\n"
                      "- [slides](https://p.example/s.pdf)\n";
    awl_test_expect_findings(two, "entry-shape", 0, NULL);
    awl_diags diags;
    awl_doc *doc = awl_test_lint(text, &diags);
    const awl_diag *d = awl_test_nth(&diags, "entry-shape", 0);
    cr_assert_not_null(d);
    cr_expect_eq(d->edit_count, 0, "where the link belongs is a guess: no fix");
    awl_diags_free(&diags);
    awl_doc_free(doc);
}

Test(entry_shape, nested_links_and_small_sections_are_fine)
{
    /* Indented under its entry, the link is where it belongs. */
    const char *nested = "## Papers\n\n" TAGGED8 "  - [arxiv](https://arxiv.org/abs/2301.00001)\n";
    awl_test_expect_findings(nested, "entry-shape", 0, NULL);
    /* Seven titled entries are too few to call the eighth odd. */
    const char *small = "## Papers\n\n"
                        "- [VLDB'23] [Watermarks for Out-of-Order Streams](https://p.example/1)\n"
                        "- [OSDI'22] [Elastic Scaling Without Barriers](https://p.example/2)\n"
                        "- [NSDI'23] [Skew-Aware Partitioning](https://p.example/3)\n"
                        "- [ATC'22] [Joins over Sliding Windows](https://p.example/4)\n"
                        "- [SoCC'21] [Autoscaling from Queue Lag](https://p.example/5)\n"
                        "- [ICDE'24] [Exactly-Once Sinks](https://p.example/6)\n"
                        "- [EuroSys'24] [Stream Processing at the Edge](https://p.example/7)\n"
                        "- [arxiv](https://arxiv.org/abs/2301.00001)\n";
    awl_test_expect_findings(small, "entry-shape", 0, NULL);
    /* An app called "Notes" has a title, even if "notes" names links. */
    const char *app = "- [Notes](https://n.example) - Clean, simple note-taking app.\n" CANON14;
    awl_test_expect_findings(app, "entry-shape", 0, NULL);
}

/* ---- wrapper-text ----------------------------------------------------- */

static const char scraped[] =
    "An open API service indexing awesome lists of open source software.\n" /* 1 */
    "\n"                                                                     /* 2 */
    "https://github.com/example/awesome-streams\n"                           /* 3 */
    "\n"                                                                     /* 4 */
    "List: awesome-streams\n"                                                /* 5 */
    "\n"                                                                     /* 6 */
    "Last synced: 2 weeks ago\n"                                             /* 7 */
    "JSON representation\n"                                                  /* 8 */
    "\n"                                                                     /* 9 */
    "README\n"                                                               /* 10 */
    "    \n"                                                                 /* 11 */
    "# Awesome Streams\n"                                                    /* 12 */
    "\n"
    "- [Flowline](https://flowline.example.org) - A dataflow engine.\n";

Test(wrapper_text, scraped_page_chrome_is_reported_from_line_one)
{
    const awl_test_at want[] = {{1, 1}};
    awl_test_expect_findings(scraped, "wrapper-text", 1, want);
    awl_diags diags;
    awl_doc *doc = awl_test_lint(scraped, &diags);
    const awl_diag *d = awl_test_nth(&diags, "wrapper-text", 0);
    cr_assert_not_null(d);
    cr_expect_eq(d->fix, AWL_FIX_UNSAFE);
    cr_expect(d->changes_text, "deleting text is a declared text change");
    /* The finding ends with "README" (line 10); the edit also takes the
     * white line 11, up to the heading. */
    const char *readme = strstr(scraped, "README\n");
    const char *heading = strstr(scraped, "# Awesome");
    cr_expect_eq(d->end, (size_t)(readme - scraped) + 6);
    cr_assert_eq(d->edit_count, 1);
    cr_expect_eq(d->edits[0].start, 0);
    cr_expect_eq(d->edits[0].end, (size_t)(heading - scraped));
    awl_diags_free(&diags);
    awl_doc_free(doc);
}

Test(wrapper_text, only_unsafe_fixes_remove_it_and_its_links_may_go)
{
    /* --fix alone keeps it (trailing-space empties the white line 11);
     * --unsafe-fixes deletes it, bare repository URL (an autolink found
     * nowhere else) included, and verification agrees. */
    const char *safe_fixed = "An open API service indexing awesome lists of open source software.\n"
                             "\n"
                             "https://github.com/example/awesome-streams\n"
                             "\n"
                             "List: awesome-streams\n"
                             "\n"
                             "Last synced: 2 weeks ago\n"
                             "JSON representation\n"
                             "\n"
                             "README\n"
                             "\n"
                             "# Awesome Streams\n"
                             "\n"
                             "- [Flowline](https://flowline.example.org) - A dataflow engine.\n";
    awl_test_expect_fixed(scraped, safe_fixed);
    awl_test_expect_fixed_unsafe(scraped,
                        "# Awesome Streams\n"
                        "\n"
                        "- [Flowline](https://flowline.example.org) - A dataflow engine.\n",
                        true);
}

Test(wrapper_text, chrome_holding_a_list_is_reported_without_a_fix)
{
    const char *text = "Skip to content\n"
                       "Navigation Menu\n"
                       "\n"
                       "- Code\n"
                       "- Issues\n"
                       "\n"
                       "Repository files navigation\n"
                       "\n"
                       "# Awesome Streams\n";
    const awl_test_at want[] = {{1, 1}};
    awl_test_expect_findings(text, "wrapper-text", 1, want);
    awl_diags diags;
    awl_doc *doc = awl_test_lint(text, &diags);
    const awl_diag *d = awl_test_nth(&diags, "wrapper-text", 0);
    cr_assert_not_null(d);
    cr_expect_eq(d->edit_count, 0);
    awl_diags_free(&diags);
    awl_doc_free(doc);
}

Test(wrapper_text, a_list_that_merely_mentions_such_words_is_clean)
{
    /* One signature line only. */
    awl_test_expect_findings("Last synced: nightly by our export script.\n\n# Awesome\n", "wrapper-text", 0,
                    NULL);
    /* Two weak ones, no sentence only a page would write. */
    awl_test_expect_findings("README\n\nList: papers\n\n# Awesome\n", "wrapper-text", 0, NULL);
    /* The chrome does not start the file. */
    awl_test_expect_findings("[![Awesome](https://awesome.re/badge.svg)](https://awesome.re)\n\n"
                    "Last synced: today\nJSON representation\n\n# Awesome\n",
                    "wrapper-text", 0, NULL);
    /* After the first heading it is the list's own text. */
    awl_test_expect_findings("# Awesome\n\nLast synced: today\nJSON representation\n", "wrapper-text", 0,
                    NULL);
    /* In a code block it is an example. */
    awl_test_expect_findings("```\nLast synced: today\nJSON representation\n```\n\n# Awesome\n",
                    "wrapper-text", 0, NULL);
}
