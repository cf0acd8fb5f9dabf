/*
 * test_rules_venues: the venue registry, tag recognition and venue-spelling.
 *
 * Every expected position and fixed text below is worked out by hand from
 * the Markdown and from linter/venue.h and rules/venue_spelling.c (which
 * say what a tag position is and what counts as a misspelling), never
 * copied from a run of the program. Entries are written as
 * "- [Alpha](https://a.example)" (28 columns), so a tag after one space
 * starts at column 30.
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






#include "entries.h"
#include "venue.h"

/* ---- registry -------------------------------------------------------- */

Test(venue_registry, holds_over_200_venues_found_by_any_case_and_alias)
{
    cr_expect_geq(awl_venue_count(), 200);
    const awl_venue *v = awl_venue_lookup("eurosys", 7);
    cr_assert_not_null(v);
    cr_expect_str_eq(v->name, "EuroSys");
    v = awl_venue_lookup("NIPS", 4);
    cr_assert_not_null(v);
    cr_expect_str_eq(v->name, "NeurIPS");
    v = awl_venue_lookup("PVLDB", 5);
    cr_assert_not_null(v);
    cr_expect_str_eq(v->name, "VLDB");
    v = awl_venue_lookup("ArXiv", 5);
    cr_assert_not_null(v);
    cr_expect_eq(v->kind, AWL_VENUE_PREPRINT);
    cr_expect_null(awl_venue_lookup("Stanford", 8));
    cr_expect_null(awl_venue_lookup("", 0));
}

Test(venue_registry, two_digit_years)
{
    cr_expect_eq(awl_venue_year("22", 2), 2022);
    cr_expect_eq(awl_venue_year("98", 2), 1998);
    cr_expect_eq(awl_venue_year("2019", 4), 2019);
}

/* ---- recognition ----------------------------------------------------- */

/* The venue and year export gives the i-th entry of `text`. */
static void expect_entry_venue(const char *text, size_t i, const char *venue, const char *written,
                               int year)
{
    awl_doc *doc = awl_doc_parse("t.md", text, strlen(text));
    awl_entries entries;
    awl_entries_extract(doc, &entries);
    cr_assert_gt(entries.count, i, "only %zu entries", entries.count);
    const awl_entry *e = &entries.items[i];
    if (!venue) {
        cr_expect_null(e->venue, "entry %zu: expected no venue, got %s (%s)", i, e->venue,
                       e->venue_text);
    } else {
        cr_expect(e->venue && strcmp(e->venue, venue) == 0, "entry %zu: expected %s, got %s", i,
                  venue, e->venue ? e->venue : "(none)");
        cr_expect(e->venue_text && strcmp(e->venue_text, written) == 0,
                  "entry %zu: expected text '%s', got '%s'", i, written,
                  e->venue_text ? e->venue_text : "(none)");
        cr_expect_eq(e->year, year, "entry %zu: expected %d, got %d", i, year, e->year);
    }
    awl_entries_free(&entries);
    awl_doc_free(doc);
}

Test(venue_recognition, the_styles_of_the_corpus)
{
    const char *text = "# Papers\n\n"
                       "- [OSDI'22] [Alpha](https://a.example)\n"
                       "- [Alpha](https://a.example) SOSP' 24\n"
                       "- [Alpha](https://a.example) - EuroSys '24\n"
                       "- [Alpha](https://a.example) | ATC\xE2\x80\x99 21\n"
                       "- [Alpha](https://a.example) (ICLR22)\n"
                       "- [Alpha](https://a.example) *NeurIPS 2020*\n"
                       "- [Arxiv'24.8] [Alpha](https://a.example)\n"
                       "- [Alpha Eurosys'24](https://a.example)\n"
                       "- [Alpha](https://a.example) | NSDI 23\n";
    expect_entry_venue(text, 0, "OSDI", "OSDI'22", 2022);
    expect_entry_venue(text, 1, "SOSP", "SOSP' 24", 2024);
    expect_entry_venue(text, 2, "EuroSys", "EuroSys '24", 2024);
    expect_entry_venue(text, 3, "USENIX ATC", "ATC\xE2\x80\x99 21", 2021);
    expect_entry_venue(text, 4, "ICLR", "ICLR22", 2022);
    expect_entry_venue(text, 5, "NeurIPS", "NeurIPS 2020", 2020);
    expect_entry_venue(text, 6, "arXiv", "Arxiv'24.8", 2024);
    expect_entry_venue(text, 7, "EuroSys", "Eurosys'24", 2024);
    expect_entry_venue(text, 8, "NSDI", "NSDI 23", 2023);
}

Test(venue_recognition, not_in_titles_urls_or_without_a_year_when_short)
{
    const char *text = "# Papers\n\n"
                       "- [Alpha](https://a.example) - How ICLR 2022 reviews went wrong\n"
                       "- [Alpha](https://a.example/osdi/22) - A fast file system.\n"
                       "- [Alpha](https://a.example) | FAST\n"
                       "- [micro](https://micro.example.org) - An editor.\n"
                       "- [Alpha](https://a.example) `OSDI'22`\n";
    expect_entry_venue(text, 0, NULL, NULL, 0);
    expect_entry_venue(text, 1, NULL, NULL, 0);
    expect_entry_venue(text, 2, NULL, NULL, 0);
    expect_entry_venue(text, 3, NULL, NULL, 0);
    expect_entry_venue(text, 4, NULL, NULL, 0);
}

/* ---- venue-spelling -------------------------------------------------- */

Test(venue_spelling, miscasing_and_swapped_letters_are_fixed)
{
    const char *text = "# Papers\n"                                      /* 1 */
                       "\n"                                              /* 2 */
                       "- [Alpha](https://a.example) Eurosys'24\n"       /* 3 */
                       "- [Bravo](https://b.example) MLSYS'23\n"         /* 4 */
                       "- [arixv'25] [Charl](https://c.example)\n"       /* 5 */
                       "- [Delta SOCC'20](https://d.example)\n"          /* 6 */
                       "- [Echoo](https://e.example) [arxiv](https://arxiv.org/abs/1)\n"; /* 7 */
    /* Column 30 after an entry; 4 inside a leading bracket; "- [Delta "
     * is 9 columns, so SOCC starts at 10; "[arxiv" puts the name at 31. */
    const awl_test_at want[] = {{3, 30}, {4, 30}, {5, 4}, {6, 10}, {7, 31}};
    awl_test_expect_findings(text, "venue-spelling", 5, want);
    awl_test_expect_fixed(text, "# Papers\n"
                       "\n"
                       "- [Alpha](https://a.example) EuroSys'24\n"
                       "- [Bravo](https://b.example) MLSys'23\n"
                       "- [arXiv'25] [Charl](https://c.example)\n"
                       "- [Delta SoCC'20](https://d.example)\n"
                       "- [Echoo](https://e.example) [arXiv](https://arxiv.org/abs/1)\n");
}

Test(venue_spelling, other_names_and_canonical_spellings_are_left)
{
    const char *text = "# Papers\n\n"
                       "- [Alpha](https://a.example) (NIPS 2017)\n"
                       "- [Bravo](https://b.example) - SysML 2019\n"
                       "- [Charl](https://c.example) | PVLDB 2021\n"
                       "- [Delta](https://d.example) | ATC 2021\n"
                       "- [Echoo](https://e.example) EuroSys 2024\n"
                       "- [Foxtr](https://f.example) - runs mlsys 23 jobs on socc clusters\n"
                       "- [micro](https://micro.example.org) - An editor.\n";
    awl_test_expect_findings(text, "venue-spelling", 0, NULL);
    awl_test_expect_fixed(text, text);
}

/* ---- venue-style ----------------------------------------------------- */

Test(venue_style, minority_separators_take_the_dominant_form)
{
    const char *text = "# Papers\n"                                  /* 1 */
                       "\n"                                          /* 2 */
                       "- [Alpha](https://a.example) | OSDI'22\n"    /* 3 */
                       "- [Bravo](https://b.example) | SOSP' 24\n"   /* 4 */
                       "- [Charl](https://c.example) | NSDI 23\n"    /* 5 */
                       "- [Delta](https://d.example) | ATC\xE2\x80\x99 21\n" /* 6 */
                       "- [Echoo](https://e.example) | MLSys'22\n"   /* 7 */
                       "- [Foxtr](https://f.example) | OSDI'24\n";   /* 8 */
    /* "- [Alpha](https://a.example) | " is 31 columns: tags start at 32. */
    const awl_test_at want[] = {{4, 32}, {5, 32}, {6, 32}};
    awl_test_expect_findings(text, "venue-style", 3, want);
    awl_test_expect_fixed(text, "# Papers\n"
                       "\n"
                       "- [Alpha](https://a.example) | OSDI'22\n"
                       "- [Bravo](https://b.example) | SOSP'24\n"
                       "- [Charl](https://c.example) | NSDI'23\n"
                       "- [Delta](https://d.example) | ATC'21\n"
                       "- [Echoo](https://e.example) | MLSys'22\n"
                       "- [Foxtr](https://f.example) | OSDI'24\n");
}

Test(venue_style, four_digit_files_and_ties_and_glued_tags)
{
    /* 4 digits dominate: the 2-digit tag becomes 2023. */
    const char *four = "# Papers\n\n"
                       "- [Alpha](https://a.example) - OSDI 2022.\n"
                       "- [Bravo](https://b.example) - SOSP 2021.\n"
                       "- [Charl](https://c.example) - NSDI 23.\n";
    const awl_test_at want[] = {{5, 32}};
    awl_test_expect_findings(four, "venue-style", 1, want);
    awl_test_expect_fixed(four, "# Papers\n\n"
                       "- [Alpha](https://a.example) - OSDI 2022.\n"
                       "- [Bravo](https://b.example) - SOSP 2021.\n"
                       "- [Charl](https://c.example) - NSDI 2023.\n");
    /* Two quotes with a space after, two without: no convention. */
    const char *tied = "# Papers\n\n"
                       "- [Alpha](https://a.example) | OSDI'22\n"
                       "- [Bravo](https://b.example) | SOSP' 24\n"
                       "- [Charl](https://c.example) | NSDI'23\n"
                       "- [Delta](https://d.example) | ATC' 21\n";
    awl_test_expect_findings(tied, "venue-style", 0, NULL);
    /* Glued tags are neither counted nor rewritten. */
    const char *glued = "# Papers\n\n"
                        "- [Alpha](https://a.example) | OSDI'22\n"
                        "- [Bravo](https://b.example) | ICLR21\n"
                        "- [Charl](https://c.example) | NSDI'23\n"
                        "- [Delta](https://d.example) | ATC'21\n";
    awl_test_expect_findings(glued, "venue-style", 0, NULL);
}

Test(venue_recognition, qualifiers_after_the_year_and_a_lone_angle_bracket)
{
    const char *text = "# Papers\n\n"
                       "- [Alpha](https://a.example) _A. Author._ ICLR 2024 Oral.\n"
                       "- [Why 1 < 2](https://a.example) _A. Author._ Arxiv 2025.\n";
    expect_entry_venue(text, 0, "ICLR", "ICLR 2024", 2024);
    expect_entry_venue(text, 1, "arXiv", "Arxiv 2025", 2025);
}

/* ---- venue-year ------------------------------------------------------ */

Test(venue_year, years_that_cannot_be_right)
{
    const char *text = "# Papers\n"                                   /* 1 */
                       "\n"                                           /* 2 */
                       "- [Alpha](https://a.example) - NSDI 2099.\n"  /* 3 */
                       "- [Bravo](https://b.example) - NSDI 2023.\n"  /* 4 */
                       "- [Charl](https://c.example) - SOSP 1999.\n"  /* 5 */
                       "- [Delta](https://d.example) - OSDI 2041.\n"; /* 6 */
    /* "- [Alpha](https://a.example) - " is 31 columns. 2099 and 2041 are
     * after next year until 2040. */
    const awl_test_at want[] = {{3, 32}, {6, 32}};
    awl_test_expect_findings(text, "venue-year", 2, want);
    awl_test_expect_fixed(text, text);
    const char *two = "# Papers\n\n"
                      "- [Alpha](https://a.example) | OSDI'41\n"
                      "- [Bravo](https://b.example) | OSDI'22\n"
                      "- [Charl](https://c.example) | SOSP'97\n";
    const awl_test_at want_two[] = {{3, 32}};
    awl_test_expect_findings(two, "venue-year", 1, want_two);
}

/* ---- venue-unknown --------------------------------------------------- */

Test(venue_unknown, typos_of_registry_names_get_a_suggestion)
{
    const char *text = "# Papers\n\n"
                       "- [OSID'22] [Alpha](https://a.example)\n"
                       "- [Alpha](https://a.example) (Nurips 2021)\n"
                       "\n"
                       "| Venue | Paper |\n"
                       "|-------|-------|\n"
                       "| ICMLL 2023 | [Alpha](https://a.example) |\n";
    /* OSID: swapped neighbours of OSDI; Nurips: one letter short of NeurIPS
     * (col 31, after "(" at 30); ICMLL: one letter more than ICML, cell
     * content from col 3. */
    awl_test_at want[] = {{3, 4}, {4, 31}, {8, 3}};
    awl_test_expect_findings(text, "venue-unknown", 3, want);

    awl_diags diags;
    awl_doc *doc = awl_test_lint(text, &diags);
    const awl_diag *d = awl_test_nth(&diags, "venue-unknown", 0);
    cr_assert_not_null(d);
    cr_expect(strstr(d->message, "'OSDI'") != NULL, "message: %s", d->message);
    d = awl_test_nth(&diags, "venue-unknown", 1);
    cr_assert_not_null(d);
    cr_expect(strstr(d->message, "'NeurIPS'") != NULL, "message: %s", d->message);
    awl_diags_free(&diags);
    awl_doc_free(doc);
}

Test(venue_unknown, in_any_tag_position_of_the_entry)
{
    const char *text = "# Papers\n\n"
                       "- [Alpha. AISTAT 2017.](https://a.example)\n"
                       "- [Alpha](https://a.example) \\\n"
                       "  NeruIPS 2022. [[Paper](https://b.example)]\n";
    /* AISTAT after ". " in the link text (col 11); NeruIPS (swapped r and u)
     * opening the tight item's continuation line (col 3). */
    awl_test_at want[] = {{3, 11}, {5, 3}};
    awl_test_expect_findings(text, "venue-unknown", 2, want);
}

Test(venue_unknown, silent_on_real_venues_organisations_dates_and_titles)
{
    const char *text = "# Papers\n\n"
                       "- [SAC'24] [Alpha](https://a.example)\n"        /* real, not SEC */
                       "- [DaMoN'22] [Alpha](https://a.example)\n"      /* no near name */
                       "- [Alpha](https://a.example) (Jan 2022)\n"      /* a month */
                       "- [Alpha](https://a.example) (MIT 2019)\n"      /* an organisation */
                       "- [Alpha](https://a.example) (USENIX 2020)\n"   /* an organisation */
                       "- [Alpha](https://a.example) `(OSID'22)`\n"     /* code */
                       "- [Alpha](https://a.example) - we ran OSID 22 times\n" /* no tag position */
                       "- [Eurosys'24] [Alpha](https://a.example)\n"    /* venue-spelling's */
                       "\n"
                       "| Venue | Paper | Group |\n"
                       "|-------|-------|-------|\n"
                       "| NSDI 2023 | [Alpha](https://a.example) | UCB |\n"
                       "| OSDI 2023 | [Alpha](https://a.example) | Stanford |\n";
    awl_test_expect_findings(text, "venue-unknown", 0, NULL);
}

/* ---- venue-heading --------------------------------------------------- */

Test(venue_heading, tags_against_venue_and_year_headings)
{
    const char *text = "# Papers\n\n"
                       "## OSDI\n\n"
                       "### 2020\n\n"
                       "- [Alpha](https://a.example) - OSDI'20\n" /* agrees */
                       "- [Alpha](https://a.example) - OSDI'21\n" /* year: col 32 */
                       "- [Alpha](https://a.example) - SOSP'20\n" /* venue: col 32 */
                       "- [Alpha](https://a.example) - arXiv'19\n" /* a preprint */
                       "- [Alpha](https://a.example) - no tag\n"
                       "\n"
                       "## 1. EuroSys 2022\n\n"
                       "- [EuroSys'21] [Alpha](https://a.example)\n"; /* year: col 4 */
    awl_test_at want[] = {{8, 32}, {9, 32}, {15, 4}};
    awl_test_expect_findings(text, "venue-heading", 3, want);
}

Test(venue_heading, silent_when_headings_give_no_venue)
{
    const char *text = "# Papers\n\n"
                       "## Security\n\n" /* an ordinary word, not USENIX Security */
                       "- [Alpha](https://a.example) - OSDI'20\n"
                       "## Fast\n\n"
                       "- [Alpha](https://a.example) - SOSP'20\n"
                       "## Papers of 2021\n\n" /* more than a year */
                       "- [Alpha](https://a.example) - SOSP'20\n"
                       "## 2021\n\n"
                       "- [Alpha](https://a.example) - OSDI'21, arXiv'20\n"
                       "- [Alpha](https://a.example) - [ICLR]\n"; /* no year */
    awl_test_expect_findings(text, "venue-heading", 0, NULL);
}

/* ---- venue-missing --------------------------------------------------- */

/* Four tagged entries of "- [Alpha](https://a.example) - OSDI'2N", then
 * `extra`: a section where the tag is the convention. */
static char *tagged_section(const char *extra)
{
    const char *head = "# Papers\n\n## Systems\n\n"
                       "- [Alpha](https://a.example) - OSDI'20\n"
                       "- [Alpha](https://a.example) - OSDI'21\n"
                       "- [Alpha](https://a.example) - OSDI'22\n"
                       "- [Alpha](https://a.example) - OSDI'23\n";
    char *text = awl_xmalloc(strlen(head) + strlen(extra) + 1);
    strcpy(text, head);
    strcat(text, extra);
    return text;
}

Test(venue_missing, untagged_entry_in_a_tagged_section)
{
    /* 4 of 5 tagged: the fifth (line 9) is reported at its link text. */
    char *text = tagged_section("- [Beta](https://b.example)\n");
    awl_test_at want[] = {{9, 4}};
    awl_test_expect_findings(text, "venue-missing", 1, want);
    free(text);

    text = tagged_section("- [Beta](https://www.usenix.org/conference/nsdi23/presentation/b)\n");
    awl_diags diags;
    awl_doc *doc = awl_test_lint(text, &diags);
    const awl_diag *d = awl_test_nth(&diags, "venue-missing", 0);
    cr_assert_not_null(d);
    cr_expect(strstr(d->message, "its link says NSDI 2023") != NULL, "message: %s", d->message);
    awl_diags_free(&diags);
    awl_doc_free(doc);
    free(text);
}

Test(venue_missing, silent_where_the_entry_says_why_or_tags_are_rare)
{
    const char *extras[] = {
        "- [Beta](https://b.example) - under review\n",
        "- [Beta](https://b.example) - IEEE TNN 1997.\n", /* a venue we do not know */
        "- [Beta](https://b.example) - TPAMI.\n",        /* a known venue, no year */
        "- [Beta](https://b.example) - arxiv\n",
        "- [SAC'24] [Beta](https://b.example)\n",        /* a tag we do not know */
        "- [Beta](https://b.example) - OSDI'24\n"
        "  - [slides](https://b.example/slides)\n",      /* a detail of the entry */
        "- [Beta](https://b.example)\n"
        "- [Gamma](https://c.example)\n",                /* 4 of 6: not most */
    };
    for (size_t i = 0; i < sizeof extras / sizeof *extras; i++) {
        char *text = tagged_section(extras[i]);
        awl_test_expect_findings(text, "venue-missing", 0, NULL);
        free(text);
    }
}

/* ---- a document without any tag ------------------------------------- */

/* Found by fuzz/fuzz_fix: with no tag in the document the tag array is
 * NULL, and the venue rules computed NULL + 0 for each entry, which is
 * undefined behaviour (UBSan reports it under `make test-asan`). */
Test(venue_rules, entries_without_any_tag)
{
    const char *text = "# Cafes\n\n## Tools\n\n- [Cafe](https://example.com/cafe) - Valid.\n";
    awl_test_expect_silent(text, "venue-spelling");
    awl_test_expect_silent(text, "venue-style");
    awl_test_expect_silent(text, "venue-year");
    awl_test_expect_silent(text, "venue-heading");

    awl_diags diags;
    awl_doc *doc = awl_test_lint(text, &diags);
    awl_entries entries;
    awl_entries_extract(doc, &entries);
    cr_assert_eq(entries.count, 1);
    cr_expect_null(awl_entry_tags(&entries, &entries.items[0]));
    awl_entries_free(&entries);
    awl_diags_free(&diags);
    awl_doc_free(doc);
}
