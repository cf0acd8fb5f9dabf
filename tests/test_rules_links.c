/*
 * test_rules_links: the link rules (anchor, link-text-space, empty-link),
 * one finding and one fix at a time.
 *
 * Every expected position and fixed text below is worked out by hand from
 * the Markdown and the rules' descriptions (rules/anchor.c,
 * rules/link_text_space.c, rules/empty_link.c, DESIGN.md's slug rule),
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
#include "rule_expect.h"
#include "support.h"

/* Lints `text` as file `path` with `config`; free with awl_diags_free and
 * awl_doc_free. */
static awl_doc *lint_as(const char *path, const awl_config *config, const char *text,
                        awl_diags *diags)
{
    awl_doc *doc = awl_doc_parse(path, text, strlen(text));
    awl_diags_init(diags);
    awl_lint(doc, config, diags);
    return doc;
}






/* ---- anchor ---------------------------------------------------------- */

/* The table of contents of seed 000, cut down: a case slip, a typo, and a
 * link whose text names the heading it lost. */
static const char *seed_like = "# Awesome AI System\n"
                               "\n"
                               "## Contents\n"
                               "\n"
                               "- [LLM Serving](#LLM-Serving)\n"
                               "- [Schedule and Resource Management](#schedule)\n"
                               "- [Optimization](#optimzation)\n"
                               "\n"
                               "## LLM Serving\n"
                               "\n"
                               "## Schedule and Resource Management\n"
                               "\n"
                               "## Optimization\n";

Test(anchor, seed_000_pattern_positions_and_severities)
{
    /* '#' sits after "- [LLM Serving](" (16 chars), "- [Schedule and
     * Resource Management](" (37) and "- [Optimization](" (17). */
    const awl_test_at want[] = {{5, 17}, {6, 38}, {7, 18}};
    awl_test_expect_findings(seed_like, "anchor", 3, want);
    awl_diags diags;
    awl_doc *doc = awl_test_lint(seed_like, &diags);
    const awl_diag *c = awl_test_nth(&diags, "anchor", 0), *s = awl_test_nth(&diags, "anchor", 1),
                   *o = awl_test_nth(&diags, "anchor", 2);
    cr_assert(c && s && o);
    cr_expect_eq(c->severity, AWL_SEVERITY_WARNING, "a case slip is a warning");
    cr_expect_eq(s->severity, AWL_SEVERITY_ERROR);
    cr_expect_eq(o->severity, AWL_SEVERITY_ERROR);
    cr_expect_not_null(strstr(o->message, "did you mean #optimization?"), "%s", o->message);
    /* Each fix replaces the href (after '#' and the '#' itself). */
    cr_assert_eq(c->edit_count, 1);
    /* 20 + 1 + 12 + 1 bytes of lines before, then "- [LLM Serving](". */
    cr_expect_eq(c->edits[0].start, 50);
    cr_expect_eq(c->edits[0].end - c->edits[0].start, strlen("#LLM-Serving"));
    cr_expect_eq(c->fix, AWL_FIX_SAFE);
    cr_expect(c->changes_text, "a new target changes what the page says");
    cr_expect_eq(o->fix, AWL_FIX_SAFE);
    cr_expect_eq(s->fix, AWL_FIX_SAFE);
    awl_diags_free(&diags);
    awl_doc_free(doc);
}

Test(anchor, seed_000_pattern_fixed_so_every_link_resolves)
{
    awl_test_expect_fixed(seed_like,
                 "# Awesome AI System\n"
                 "\n"
                 "## Contents\n"
                 "\n"
                 "- [LLM Serving](#llm-serving)\n"
                 "- [Schedule and Resource Management](#schedule-and-resource-management)\n"
                 "- [Optimization](#optimization)\n"
                 "\n"
                 "## LLM Serving\n"
                 "\n"
                 "## Schedule and Resource Management\n"
                 "\n"
                 "## Optimization\n");
}

Test(anchor, resolved_links_are_silent)
{
    awl_test_expect_silent("# Tools & Tips\n"
                  "\n"
                  "## 🚀 Launch\n"
                  "\n"
                  "## Año 2024\n"
                  "\n"
                  "## FAQ\n"
                  "\n"
                  "## FAQ\n"
                  "\n"
                  "[a](#tools--tips) [b](#-launch) [c](#año-2024) [d](#a%C3%B1o-2024)\n"
                  "[e](#faq) [f](#faq-1) [g](#top) [h](#user-content-faq) [i](#)\n",
                  "anchor");
}

Test(anchor, explicit_html_anchors_count_outside_code_only)
{
    const char *text = "# T\n"
                       "\n"
                       "<a name=\"by-year\"></a>\n"
                       "<p id='venues'>Venues</p>\n"
                       "<h2 align=\"center\">Related Lists</h2>\n"
                       "\n"
                       "<!-- <a name=\"hidden\"></a> -->\n"
                       "\n"
                       "Text `<a name=\"spanned\">` here.\n"
                       "\n"
                       "```\n"
                       "<a name=\"fenced\"></a>\n"
                       "```\n"
                       "\n"
                       "[a](#by-year) [b](#venues) [c](#related-lists)\n"
                       "[d](#hidden) [e](#spanned) [f](#fenced)\n";
    /* Line 16: "[d](" is 4 chars, so '#' at 5; "[d](#hidden) " is 13,
     * "[e](" puts '#' at 18; "[e](#spanned) " is 14 more, '#' at 32. */
    const awl_test_at want[] = {{16, 5}, {16, 18}, {16, 32}};
    awl_test_expect_findings(text, "anchor", 3, want);
}

Test(anchor, html_links_are_checked_and_fixed)
{
    const char *text = "# T\n"
                       "\n"
                       "## Datasets\n"
                       "\n"
                       "<p><a href=\"#datasts\">Data</a> <a href=\"#nowhere\">X</a></p>\n";
    /* '#' after `<p><a href="` (12 chars) and after `...</a> <a href="`. */
    const awl_test_at want[] = {{5, 13}, {5, 41}};
    awl_test_expect_findings(text, "anchor", 2, want);
    awl_test_expect_fixed(text, "# T\n"
                       "\n"
                       "## Datasets\n"
                       "\n"
                       "<p><a href=\"#datasets\">Data</a> <a href=\"#nowhere\">X</a></p>\n");
}

Test(anchor, a_stray_hash_in_an_id_is_named)
{
    awl_diags diags;
    awl_config config;
    awl_config_defaults(&config);
    awl_doc *doc = lint_as("test.md", &config,
                           "# T\n\n<div id=\"#kv-cache\"></div>\n\n[KV](#kv-cache)\n", &diags);
    const awl_diag *d = awl_test_nth(&diags, "anchor", 0);
    cr_assert_not_null(d);
    cr_expect_not_null(strstr(d->message, "id=\"#kv-cache\""), "%s", d->message);
    cr_expect_eq(d->edit_count, 0, "the id is what is wrong: no fix of the link");
    awl_diags_free(&diags);
    awl_doc_free(doc);
}

Test(anchor, readme_anchor_only_in_a_readme)
{
    awl_config config;
    awl_config_defaults(&config);
    const char *text = "# T\n\n[Back to top](#readme)\n";
    awl_diags diags;
    awl_doc *doc = lint_as("docs/README.md", &config, text, &diags);
    cr_expect_eq(awl_test_count(&diags, "anchor"), 0, "GitHub shows a README in #readme");
    awl_diags_free(&diags);
    awl_doc_free(doc);
    doc = lint_as("docs/inference.md", &config, text, &diags);
    cr_expect_eq(awl_test_count(&diags, "anchor"), 1, "other files have no #readme");
    awl_diags_free(&diags);
    awl_doc_free(doc);
}

Test(anchor, no_guess_across_words_or_numbers)
{
    /* rust/ruby differ by two edits in a four-letter word: another word,
     * not a typo; 2024 is another year, not a typo of 2023. */
    const char *text = "# T\n"
                       "\n"
                       "## Ruby Natural Language Processing\n"
                       "\n"
                       "## 2023\n"
                       "\n"
                       "[Rust](#rust-natural-language-processing) [Next](#2024)\n";
    const awl_test_at want[] = {{7, 8}, {7, 50}};
    awl_test_expect_findings(text, "anchor", 2, want);
    awl_test_expect_fixed(text, text);
}

Test(anchor, separator_slips_are_typos)
{
    /* `_` for `-`, a dropped `-` between words, and the `-` a badge leaves
     * at the end of a heading's slug (DESIGN.md). */
    awl_test_expect_fixed("# T\n"
                 "\n"
                 "## Efficient MoE\n"
                 "\n"
                 "## LLM Inference(AI Side)\n"
                 "\n"
                 "## Awesome Papers ![badge](https://img.io/b.svg)\n"
                 "\n"
                 "[a](#efficient_moe) [b](#llm-inference-ai-side) [c](#awesome-papers)\n",
                 "# T\n"
                 "\n"
                 "## Efficient MoE\n"
                 "\n"
                 "## LLM Inference(AI Side)\n"
                 "\n"
                 "## Awesome Papers ![badge](https://img.io/b.svg)\n"
                 "\n"
                 "[a](#efficient-moe) [b](#llm-inferenceai-side) [c](#awesome-papers-)\n");
}

Test(anchor, two_edits_anywhere_in_a_long_word_are_a_typo_three_are_not)
{
    /* "optimization" allows two edits: both at one end, one at each end,
     * two inserted (the lengths differ by two); four is another word. */
    awl_test_expect_fixed("# T\n"
                          "\n"
                          "## Optimization\n"
                          "\n"
                          "[a](#ptimizatio) [b](#xptimizatiox) [c](#xxtimizatixx) "
                          "[d](#optimizationxx) [e](#opxxtimization)\n",
                          "# T\n"
                          "\n"
                          "## Optimization\n"
                          "\n"
                          "[a](#optimization) [b](#optimization) [c](#xxtimizatixx) "
                          "[d](#optimization) [e](#optimization)\n");
}

Test(anchor, repeated_heading_text_names_no_heading)
{
    /* "Deep Learning" is under two languages: the text does not say which. */
    const char *text = "# T\n"
                       "\n"
                       "## C\n"
                       "\n"
                       "### Deep Learning\n"
                       "\n"
                       "## Rust\n"
                       "\n"
                       "### Deep Learning\n"
                       "\n"
                       "[Deep Learning](#rust-deep-learning)\n";
    awl_diags diags;
    awl_doc *doc = awl_test_lint(text, &diags);
    const awl_diag *d = awl_test_nth(&diags, "anchor", 0);
    cr_assert_not_null(d);
    cr_expect_eq(d->edit_count, 0, "no fix: %s", d->message);
    awl_diags_free(&diags);
    awl_doc_free(doc);
}

Test(anchor, a_shortened_name_gets_an_unsafe_fix)
{
    const char *text = "# T\n\n## Speech Recognition\n\n- [Speech](#Speech)\n";
    awl_diags diags;
    awl_doc *doc = awl_test_lint(text, &diags);
    const awl_diag *d = awl_test_nth(&diags, "anchor", 0);
    cr_assert_not_null(d);
    cr_expect_eq(d->severity, AWL_SEVERITY_ERROR);
    cr_expect_eq(d->fix, AWL_FIX_UNSAFE);
    cr_expect_not_null(strstr(d->message, "#speech-recognition"), "%s", d->message);
    awl_diags_free(&diags);
    awl_doc_free(doc);
    awl_test_expect_fixed(text, text);
    awl_test_expect_fixed_unsafe(text, "# T\n\n## Speech Recognition\n\n- [Speech](#speech-recognition)\n",
                        true);
}

Test(anchor, reference_definition_is_where_the_fix_goes)
{
    const char *text = "# T\n"
                       "\n"
                       "## Surveys\n"
                       "\n"
                       "See [the surveys][s].\n"
                       "\n"
                       "[s]: #Surveys\n";
    /* Reported at the link's text ("See [" is 5 chars), fixed at the
     * definition. */
    const awl_test_at want[] = {{5, 6}};
    awl_test_expect_findings(text, "anchor", 1, want);
    awl_test_expect_fixed(text, "# T\n\n## Surveys\n\nSee [the surveys][s].\n\n[s]: #surveys\n");
}

Test(anchor, a_target_md4c_rebuilt_is_reported_without_fix)
{
    /* The backslash makes md4c build the href: its bytes are not in the
     * file as one span, so there is nothing to rewrite in place. */
    const char *text = "# T\n\n## Our_Team\n\n[Team](#Our\\_Team)\n";
    awl_diags diags;
    awl_doc *doc = awl_test_lint(text, &diags);
    const awl_diag *d = awl_test_nth(&diags, "anchor", 0);
    cr_assert_not_null(d);
    cr_expect_eq(d->severity, AWL_SEVERITY_WARNING);
    cr_expect_eq(d->edit_count, 0);
    awl_diags_free(&diags);
    awl_doc_free(doc);
}

Test(anchor, heading_md4c_keeps_in_a_table_counts)
{
    /* GitHub ends the table at the heading line; md4c reads on. */
    awl_test_expect_silent("# T\n"
                  "\n"
                  "[GNN Kernels](#gnn-kernels)\n"
                  "\n"
                  "| Venue | Title |\n"
                  "| :---: | :---: |\n"
                  "| ATC 2020 | Sample |\n"
                  "### GNN Kernels\n",
                  "anchor");
}

Test(anchor, configured_severity_caps_the_case_warning)
{
    awl_config config;
    awl_config_defaults(&config);
    config.severity[awl_rule_index("anchor")] = AWL_SEVERITY_INFO;
    awl_diags diags;
    awl_doc *doc = lint_as("test.md", &config, seed_like, &diags);
    for (size_t i = 0; i < 3; i++) {
        const awl_diag *d = awl_test_nth(&diags, "anchor", i);
        cr_assert_not_null(d);
        cr_expect_eq(d->severity, AWL_SEVERITY_INFO);
    }
    awl_diags_free(&diags);
    awl_doc_free(doc);
}

Test(anchor, many_broken_links_stay_fast_and_unsuggested_past_the_budget)
{
    /* 3000 headings and 3000 distinct broken links of the same length:
     * the edit-distance search has a budget; the lint must still report
     * every link. */
    awl_buf text = {0};
    awl_buf_puts(&text, "# T\n\n");
    for (int i = 0; i < 3000; i++)
        awl_buf_printf(&text, "## Heading %05d\n\n", i);
    for (int i = 0; i < 3000; i++)
        awl_buf_printf(&text, "[x](#missing-%05d)\n", i);
    awl_diags diags;
    awl_doc *doc = awl_test_lint(text.data, &diags);
    cr_expect_eq(awl_test_count(&diags, "anchor"), 3000);
    awl_diags_free(&diags);
    awl_doc_free(doc);
    awl_buf_free(&text);
}

/* ---- link-text-space --------------------------------------------------- */

Test(link_text_space, positions_at_the_opening_bracket)
{
    const char *text = "- [ Alpa ](https://a.io/x) - OSDI'22.\n"
                       "- [Orca ](https://b.io/y) and [ Vidur](https://c.io/z).\n";
    /* Line 2: "- [Orca ](https://b.io/y) and " is 30 chars. */
    const awl_test_at want[] = {{1, 3}, {2, 3}, {2, 31}};
    awl_test_expect_findings(text, "link-text-space", 3, want);
    awl_test_expect_fixed(text, "- [Alpa](https://a.io/x) - OSDI'22.\n"
                       "- [Orca](https://b.io/y) and [Vidur](https://c.io/z).\n");
}

Test(link_text_space, a_space_moves_out_where_the_link_touches_a_word)
{
    awl_test_expect_fixed("see[ Alpa](https://a.io) or [Orca ](https://b.io \"Orca (OSDI)\")next.\n",
                 "see [Alpa](https://a.io) or [Orca](https://b.io \"Orca (OSDI)\") next.\n");
    awl_test_expect_fixed("word[ Alpa ](https://a.io)word\n", "word [Alpa](https://a.io) word\n");
    /* Punctuation and emphasis hug a link: the space just goes. */
    awl_test_expect_fixed("(**[ Alpa ](https://a.io)**).\n", "(**[Alpa](https://a.io)**).\n");
}

Test(link_text_space, reference_links_and_images_inside)
{
    awl_test_expect_fixed("[Alpa ][a] and [ ![logo](https://i.io/l.png) ](https://a.io)\n"
                 "\n"
                 "[a]: https://a.io\n",
                 "[Alpa][a] and [![logo](https://i.io/l.png)](https://a.io)\n"
                 "\n"
                 "[a]: https://a.io\n");
}

Test(link_text_space, silent_on_alt_text_code_and_blank_links)
{
    awl_test_expect_silent("- [![ logo ](https://i.io/l.png)](https://a.io)\n"
                  "- ![ alt ](https://i.io/m.png)\n"
                  "- `[ code ](https://a.io)`\n"
                  "- [ ](https://a.io)\n"
                  "- [a  b](https://a.io)\n"
                  "- <https://a.io>\n",
                  "link-text-space");
}

Test(link_text_space, finding_declares_its_text_change)
{
    awl_diags diags;
    awl_doc *doc = awl_test_lint("[ a ](https://a.io)\n", &diags);
    const awl_diag *d = awl_test_nth(&diags, "link-text-space", 0);
    cr_assert_not_null(d);
    cr_expect_eq(d->start, 0);
    cr_expect_eq(d->end, 5, "the span runs to the ']'");
    cr_expect(d->changes_text);
    cr_expect_eq(d->fix, AWL_FIX_SAFE);
    cr_assert_eq(d->edit_count, 2);
    cr_expect_eq(d->edits[0].start, 0);
    cr_expect_eq(d->edits[0].end, 2);
    cr_expect_eq(d->edits[1].start, 3);
    cr_expect_eq(d->edits[1].end, 4);
    awl_diags_free(&diags);
    awl_doc_free(doc);
}

/* ---- empty-link ------------------------------------------------------- */

Test(empty_link, no_text_no_target_and_both)
{
    const char *text = "- [FlexGen]() - ICML'23.\n"
                       "- [](https://a.io) - OSDI'22.\n"
                       "- [ ](https://b.io)\n"
                       "- Paper. [[pdf]()] [[code](https://c.io)]\n"
                       "- []() and [Ok](https://d.io) and [](<>)\n";
    /* Line 4: "- Paper. [" is 10 chars, the inner '[' at 11. Line 5: "[]() and
     * [Ok](https://d.io) and " is 32 chars after "- ", so '[' at 35. */
    const awl_test_at want[] = {{1, 3}, {2, 3}, {3, 3}, {4, 11}, {5, 3}, {5, 35}};
    awl_test_expect_findings(text, "empty-link", 6, want);
    awl_diags diags;
    awl_doc *doc = awl_test_lint(text, &diags);
    cr_expect_not_null(strstr(awl_test_nth(&diags, "empty-link", 0)->message, "\"FlexGen\" has no target"));
    cr_expect_not_null(strstr(awl_test_nth(&diags, "empty-link", 1)->message, "no text"));
    cr_expect_not_null(strstr(awl_test_nth(&diags, "empty-link", 4)->message, "neither"));
    for (size_t i = 0; i < 6; i++) {
        cr_expect_eq(awl_test_nth(&diags, "empty-link", i)->severity, AWL_SEVERITY_WARNING);
        cr_expect_eq(awl_test_nth(&diags, "empty-link", i)->edit_count, 0, "no fix");
    }
    awl_diags_free(&diags);
    awl_doc_free(doc);
    awl_test_expect_fixed(text, text);
}

Test(empty_link, a_badge_wrapped_in_an_empty_link_is_info)
{
    awl_diags diags;
    awl_doc *doc = awl_test_lint("[![Venue](https://img.io/icml.svg)]() Paper.\n", &diags);
    const awl_diag *d = awl_test_nth(&diags, "empty-link", 0);
    cr_assert_not_null(d);
    cr_expect_eq(d->severity, AWL_SEVERITY_INFO);
    cr_expect_eq(d->start, 0);
    awl_diags_free(&diags);
    awl_doc_free(doc);
}

Test(empty_link, images_and_html_are_text)
{
    awl_test_expect_silent("- [![logo](https://i.io/l.png)](https://a.io)\n"
                  "- [![](https://i.io/m.png)](https://b.io)\n"
                  "- [<img src=\"https://i.io/n.png\">](https://c.io)\n"
                  "- `[]()` is code\n"
                  "- [Ref][r]\n"
                  "\n"
                  "[r]: https://d.io\n",
                  "empty-link");
}
