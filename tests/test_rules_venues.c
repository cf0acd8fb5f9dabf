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
#include "init.h"
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

extern const char awl_venue_data[]; /* rules/venues.tsv, compiled in */

/* Calls `each` with every name and alias of the built-in table. */
static void each_table_name(void (*each)(const char *name, size_t len))
{
    for (const char *line = awl_venue_data; *line;) {
        const char *end = strchr(line, '\n');
        if (!end)
            end = line + strlen(line);
        if (end > line && line[0] != '#') {
            const char *tab = memchr(line, '\t', (size_t)(end - line));
            cr_assert_not_null(tab);
            each(line, (size_t)(tab - line));
            const char *aliases = memchr(tab + 1, '\t', (size_t)(end - tab - 1));
            if (aliases) {
                const char *a = aliases + 1;
                for (const char *c = a; c <= end; c++) {
                    if (c < end && *c != '|' && *c != '\t')
                        continue;
                    if (c > a)
                        each(a, (size_t)(c - a));
                    if (c < end && *c == '\t')
                        break;
                    a = c + 1;
                }
            }
        }
        line = *end ? end + 1 : end;
    }
}

/* The name in lower and in upper case is found (the filter in front of the
 * map must let every key through). */
static void expect_found_in_any_case(const char *name, size_t len)
{
    char lower[64], upper[64];
    if (len >= sizeof lower)
        return; /* the registry keeps no key this long */
    for (size_t i = 0; i < len; i++) {
        lower[i] = (char)(name[i] >= 'A' && name[i] <= 'Z' ? name[i] + 32 : name[i]);
        upper[i] = (char)(name[i] >= 'a' && name[i] <= 'z' ? name[i] - 32 : name[i]);
    }
    cr_expect_not_null(awl_venue_lookup(name, len), "'%.*s' not found", (int)len, name);
    cr_expect_not_null(awl_venue_lookup(lower, len), "'%.*s' not found", (int)len, lower);
    cr_expect_not_null(awl_venue_lookup(upper, len), "'%.*s' not found", (int)len, upper);
}

static void expect_entry_venue(const char *text, size_t i, const char *venue, const char *written,
                               int year);

/* A name of letters and single spaces (up to eight words), written with a year in parentheses
 * after an entry's link, is the entry's venue. */
static void expect_tag_of_name(const char *name, size_t len)
{
    if (len >= 64)
        return;
    size_t words = 1;
    for (size_t i = 0; i < len; i++) {
        bool letter = (name[i] | 0x20) >= 'a' && (name[i] | 0x20) <= 'z';
        if (!letter && !(name[i] == ' ' && i > 0 && name[i - 1] != ' '))
            return; /* punctuation and digits have tests of their own */
        words += name[i] == ' ';
    }
    if (words > 8)
        return; /* the longest name venue.h reads */
    const awl_venue *v = awl_venue_lookup(name, len);
    cr_assert_not_null(v, "'%.*s' not found", (int)len, name);
    char text[160], written[80];
    snprintf(text, sizeof text, "# Papers\n\n- [Alpha](https://a.example) (%.*s 2022)\n", (int)len,
             name);
    snprintf(written, sizeof written, "%.*s 2022", (int)len, name);
    expect_entry_venue(text, 0, v->name, written, 2022);
}

Test(venue_registry, every_name_and_alias_of_the_table_is_found)
{
    each_table_name(expect_found_in_any_case);
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

Test(venue_recognition, every_name_and_alias_of_letters_with_a_year)
{
    each_table_name(expect_tag_of_name);
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

/* Found by fuzzing: a word whose letters run into a tail of digits 64
 * bytes or longer made the venue filter shift a 64-bit mask by the word's
 * length (undefined; the ASan+UBSan suite stops on it). Such a word is no
 * venue, and the entry's real tag is still read. */
Test(venue_recognition, a_word_longer_than_any_name_is_no_venue)
{
    char text[512];
    snprintf(text, sizeof text,
             "# Papers\n\n"
             "- [SOSP'21] [Alder: Cooperative%s Threads](https://a.example)\n",
             "5555555555555555555555555555555555555555555555555555555555555555555555555555555555555555555");
    expect_entry_venue(text, 0, "SOSP", "SOSP'21", 2021);
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

/* ---- issue 4's second half: qualifiers, labels, founding years, config -- */

/* The main tag of the i-th entry of `text` (copied), which must have one. */
static awl_venue_tag main_tag_of(const char *text, size_t i, char *written, size_t size)
{
    awl_doc *doc = awl_doc_parse("t.md", text, strlen(text));
    awl_entries entries;
    awl_entries_extract(doc, &entries);
    cr_assert_gt(entries.count, i, "only %zu entries", entries.count);
    const awl_venue_tag *tag = awl_venue_main_tag(&entries, &entries.items[i]);
    cr_assert_not_null(tag, "entry %zu has no tag", i);
    awl_venue_tag copy = *tag;
    snprintf(written, size, "%.*s", (int)(tag->workshop_end - tag->workshop_start),
             doc->source.bytes + tag->workshop_start);
    awl_entries_free(&entries);
    awl_doc_free(doc);
    return copy;
}

Test(venue_recognition, workshops_tutorials_and_months_are_kept)
{
    const char *text = "# Papers\n\n"
                       "- [NAIC @ SIGCOMM'24] [Alpha](https://a.example)\n"
                       "- [Alpha](https://a.example) ICML 2024 Workshop\n"
                       "- [Alpha](https://a.example) (FL-ICML'21)\n"
                       "- [Alpha](https://a.example) KDD'20 Tutorial\n"
                       "- [arXiv'24.8] [Alpha](https://a.example)\n"
                       "- [OSDI'22] [Alpha](https://a.example)\n";
    char name[32];
    awl_venue_tag t = main_tag_of(text, 0, name, sizeof name);
    cr_expect_str_eq(t.venue->name, "SIGCOMM");
    cr_expect(t.workshop && !t.tutorial && t.month == 0);
    cr_expect_str_eq(name, "NAIC");
    t = main_tag_of(text, 1, name, sizeof name);
    cr_expect_str_eq(t.venue->name, "ICML");
    cr_expect(t.workshop && t.year == 2024);
    cr_expect_str_eq(name, "", "a workshop without a name of its own");
    t = main_tag_of(text, 2, name, sizeof name);
    cr_expect_str_eq(t.venue->name, "ICML");
    cr_expect(t.workshop && t.year == 2021);
    cr_expect_str_eq(name, "FL");
    t = main_tag_of(text, 3, name, sizeof name);
    cr_expect(t.tutorial && !t.workshop && t.year == 2020);
    t = main_tag_of(text, 4, name, sizeof name);
    cr_expect_eq(t.month, 8);
    cr_expect_eq(t.year, 2024);
    t = main_tag_of(text, 5, name, sizeof name);
    cr_expect(!t.workshop && !t.tutorial && t.month == 0);
}

Test(venue_recognition, a_label_ending_in_a_colon_is_no_tag)
{
    /* HuaizhengZhang's list: the entry is about the event, like a heading. */
    const char *text = "# Talks\n\n"
                       "- SysML 2019: [[YouTube]](https://y.example/sysml)\n"
                       "- **SysML 2019**: [[YouTube]](https://y.example/sysml2)\n"
                       "- [Keynote](https://y.example/k) - SysML 2019\n"
                       "- [Keynote](https://y.example/k2) - SysML 2019: the slides\n";
    expect_entry_venue(text, 0, NULL, NULL, 0);
    expect_entry_venue(text, 1, "MLSys", "SysML 2019", 2019);
    expect_entry_venue(text, 2, "MLSys", "SysML 2019", 2019);
    expect_entry_venue(text, 3, "MLSys", "SysML 2019", 2019);
    awl_diags diags;
    awl_doc *doc = awl_test_lint("# Talks\n\n"
                                 "- [A](https://a.example) | OSDI 22\n"
                                 "- [B](https://b.example) | OSDI 21\n"
                                 "- [C](https://c.example) | NSDI 23\n"
                                 "- SysML 2019: [[YouTube]](https://y.example/sysml)\n",
                                 &diags);
    cr_expect_eq(awl_test_count(&diags, "venue-style"), 0);
    awl_diags_free(&diags);
    awl_doc_free(doc);
}

Test(venue_recognition, joined_names_long_names_and_later_paragraphs)
{
    const char *text = "# Papers\n\n"
                       "- [Alpha](https://a.example) by A. Author et al., ESEC/FSE 2021\n"
                       "- [Alpha](https://a.example) - Euro-Par 2023.\n"
                       "- [Alpha](https://a.example) - Proceedings of the ACM on Programming "
                       "Languages 2020.\n"
                       "- [Alpha Megatron-LM SC21 ](https://a.example)\n"
                       "- code [Alpha](https://a.example/code)\n"
                       "\n"
                       "  paper [Alpha NeurIPS '22](https://a.example/paper)\n"
                       "\n"
                       "- [Alpha](https://a.example) - SC21 was fun\n";
    expect_entry_venue(text, 0, "FSE", "ESEC/FSE 2021", 2021);
    expect_entry_venue(text, 1, "Euro-Par", "Euro-Par 2023", 2023);
    expect_entry_venue(text, 2, "PACMPL", "Proceedings of the ACM on Programming Languages 2020",
                       2020);
    expect_entry_venue(text, 3, "SC", "SC21", 2021);
    expect_entry_venue(text, 4, "NeurIPS", "NeurIPS '22", 2022);
    expect_entry_venue(text, 5, NULL, NULL, 0);
}

Test(venue_year, before_the_venue_existed)
{
    const char *text = "# Papers\n"                                   /* 1 */
                       "\n"                                           /* 2 */
                       "- [Alpha](https://a.example) - ICLR 2012.\n"  /* 3 */
                       "- [Bravo](https://b.example) - ICLR 2013.\n"  /* 4 */
                       "- [Charl](https://c.example) - MLSys 2017.\n" /* 5 */
                       "- [Delta](https://d.example) - SysML 2018.\n" /* 6 */
                       "- [Echoo](https://e.example) - VLDB 2012.\n"; /* 7 */
    /* ICLR began in 2013, MLSys (as SysML) in 2018. */
    const awl_test_at want[] = {{3, 32}, {5, 32}};
    awl_test_expect_findings(text, "venue-year", 2, want);
    const awl_venue *iclr = awl_venue_lookup("ICLR", 4);
    cr_assert_not_null(iclr);
    cr_expect_eq(iclr->founded, 2013);
}

Test(venue_style, examples_read_and_written)
{
    awl_venue_style st;
    char buf[32];
    cr_assert(awl_venue_style_parse("[OSDI'22]", &st));
    cr_expect(st.bracket == 1 && st.quote == 1 && st.space_before == 0 && st.space_after == 0 &&
              st.four_digits == 0);
    cr_expect_str_eq(awl_venue_style_example(&st, buf, sizeof buf), "[OSDI'22]");
    cr_assert(awl_venue_style_parse("NSDI 2023", &st));
    cr_expect(st.bracket == 0 && st.quote == 0 && st.four_digits == 1);
    cr_expect_str_eq(awl_venue_style_example(&st, buf, sizeof buf), "OSDI 2022");
    cr_assert(awl_venue_style_parse("EuroSys '24", &st));
    cr_expect(st.quote == 1 && st.space_before == 1 && st.space_after == 0);
    cr_expect_str_eq(awl_venue_style_example(&st, buf, sizeof buf), "OSDI '22");
    cr_assert(awl_venue_style_parse("MobiSys \xE2\x80\x99 22", &st));
    cr_expect_str_eq(awl_venue_style_example(&st, buf, sizeof buf), "OSDI \xE2\x80\x99 22");
    cr_expect(!awl_venue_style_parse("OSDI", &st));
    cr_expect(!awl_venue_style_parse("2022", &st));
    cr_expect(!awl_venue_style_parse("OSDI'2", &st));
    cr_expect(!awl_venue_style_parse("OSDI--22", &st));
}

Test(venue_style, the_dominant_style_as_an_example)
{
    const char *text = "# Papers\n\n"
                       "- [OSDI'22] [Alpha](https://a.example)\n"
                       "- [SOSP'23] [Bravo](https://b.example)\n"
                       "- [Charlie](https://c.example) NSDI 2021\n"
                       "- [EuroSys'24] [Delta](https://d.example)\n";
    awl_doc *doc = awl_doc_parse("t.md", text, strlen(text));
    awl_entries entries;
    awl_entries_extract(doc, &entries);
    awl_venue_style st;
    char buf[32];
    cr_assert(awl_venue_dominant_style(doc, &entries, &st));
    cr_expect_str_eq(awl_venue_style_example(&st, buf, sizeof buf), "[OSDI'22]");
    awl_entries_free(&entries);
    awl_doc_free(doc);
}

/* Loads a config file with `yaml` into *config (the defaults first);
 * returns false with the message in *error. */
static bool load_config(const char *yaml, awl_config *config, awl_arena *arena, const char **error)
{
    char *dir = awl_test_tmpdir();
    char *path = awl_test_join(dir, ".awelint.yml");
    awl_test_write(path, yaml, strlen(yaml));
    awl_config_defaults(config);
    bool ok = awl_config_load(config, path, arena, error);
    awl_test_remove_tree(dir);
    free(path);
    free(dir);
    return ok;
}

Test(venue_config, pinned_style_applies_to_every_tag)
{
    awl_config config;
    awl_arena arena = {0};
    const char *error = NULL;
    cr_assert(
        load_config("rules:\n  venue-style:\n    style: \"OSDI 2022\"\n", &config, &arena, &error),
        "%s", error);
    cr_expect(config.venue_style_pinned);
    /* Two tags only, both written the same way: without the pin there is
     * nothing to enforce. */
    const char *text = "# Papers\n\n"
                       "- [Alpha](https://a.example) | OSDI'22\n"
                       "- [Bravo](https://b.example) | SOSP' 23\n";
    const char *fixed = "# Papers\n\n"
                        "- [Alpha](https://a.example) | OSDI 2022\n"
                        "- [Bravo](https://b.example) | SOSP 2023\n";
    awl_test_expect_fixed_with(&config, false, text, fixed);
    awl_test_expect_fixed_with(&config, false, fixed, fixed);
    awl_arena_free(&arena);
}

Test(venue_config, bad_style_and_venues_are_errors_with_a_line)
{
    awl_config config;
    awl_arena arena = {0};
    const char *error = NULL;
    cr_expect(!load_config("rules:\n  venue-style:\n    style: fast\n", &config, &arena, &error));
    cr_expect(error && strstr(error, ".awelint.yml:3:") && strstr(error, "example"), "%s", error);
    cr_expect(!load_config("venues:\n  DaMoN:\n    kind: party\n", &config, &arena, &error));
    cr_expect(error && strstr(error, ".awelint.yml:3:") && strstr(error, "kind"), "%s", error);
    cr_expect(!load_config("venues:\n  DaMoN:\n    founded: soon\n", &config, &arena, &error));
    cr_expect(error && strstr(error, ".awelint.yml:3:") && strstr(error, "founded"), "%s", error);
    cr_expect(!load_config("venues:\n  DaMoN:\n    city: Berlin\n", &config, &arena, &error));
    cr_expect(error && strstr(error, ".awelint.yml:3:") && strstr(error, "city"), "%s", error);
    cr_expect(!load_config("venues: [DaMoN]\n", &config, &arena, &error));
    cr_expect(error && strstr(error, ".awelint.yml:1:") && strstr(error, "venues"), "%s", error);
    cr_expect(!load_config("venues:\n  DaMoN:\n    aliases: {a: b}\n", &config, &arena, &error));
    cr_expect(error && strstr(error, ".awelint.yml:3:") && strstr(error, "aliases"), "%s", error);
    awl_arena_free(&arena);
}

Test(venue_config, venues_added_and_built_in_ones_changed)
{
    awl_config config;
    awl_arena arena = {0};
    const char *error = NULL;
    cr_assert(load_config("venues:\n"
                          "  DaMoN:\n"
                          "    kind: workshop\n"
                          "    aliases: [DAMON]\n"
                          "    founded: 2005\n"
                          "  Eurosys:\n" /* the list's own spelling */
                          "  NeurIPS:\n"
                          "    aliases: Nurips\n" /* one alias as a scalar */
                          "  ICLR:\n"
                          "    founded: 2020\n",
                          &config, &arena, &error),
              "%s", error);
    const awl_venue *damon = awl_venue_lookup("damon", 5);
    cr_assert_not_null(damon);
    cr_expect_str_eq(damon->name, "DaMoN");
    cr_expect_eq(damon->kind, AWL_VENUE_WORKSHOP);
    cr_expect_eq(damon->founded, 2005);
    const awl_venue *eurosys = awl_venue_lookup("EUROSYS", 7);
    cr_assert_not_null(eurosys);
    cr_expect_str_eq(eurosys->name, "Eurosys");
    cr_expect_eq(eurosys->founded, 2006, "what the config does not say stays");
    cr_expect_eq(awl_venue_lookup("Nurips", 6), awl_venue_lookup("NeurIPS", 7));

    const char *text = "# Papers\n"                                   /* 1 */
                       "\n"                                           /* 2 */
                       "- [Alpha](https://a.example) | DaMoN 2004\n"  /* 3 */
                       "- [Bravo](https://b.example) | EuroSys'24\n"  /* 4 */
                       "- [Charl](https://c.example) | Nurips 2023\n" /* 5 */
                       "- [Delta](https://d.example) | ICLR 2019\n";  /* 6 */
    awl_doc *doc = awl_doc_parse("test.md", text, strlen(text));
    awl_diags diags;
    awl_diags_init(&diags);
    awl_lint(doc, &config, &diags);
    /* DaMoN 2004 and ICLR 2019 come before their founding years; EuroSys
     * is now a misspelling of Eurosys; Nurips is known, so not unknown. */
    cr_expect_eq(awl_test_count(&diags, "venue-year"), 2);
    cr_expect_eq(awl_test_count(&diags, "venue-spelling"), 1);
    cr_expect_eq(awl_test_count(&diags, "venue-unknown"), 0);
    const awl_diag *spelling = awl_test_nth(&diags, "venue-spelling", 0);
    cr_assert_not_null(spelling);
    cr_expect_eq(awl_source_line_of(&doc->source, spelling->start), 3, "on line 4 (0-based 3)");
    awl_diags_free(&diags);
    awl_doc_free(doc);

    /* The defaults bring the built-in table back. */
    awl_config_defaults(&config);
    cr_expect_null(awl_venue_lookup("DaMoN", 5));
    cr_expect_str_eq(awl_venue_lookup("eurosys", 7)->name, "EuroSys");
    awl_arena_free(&arena);
}

Test(venue_export, qualifiers_and_config_venues_through_the_binary)
{
    char *dir = awl_test_tmpdir();
    char *config = awl_test_join(dir, "venues.yml");
    const char *yaml = "venues:\n  DaMoN:\n    founded: 2005\n";
    awl_test_write(config, yaml, strlen(yaml));
    const char *list = "# Papers\n\n"
                       "- [NAIC @ SIGCOMM'24] [Alpha](https://a.example)\n"
                       "- [Bravo](https://b.example) | DaMoN 2024\n"
                       "- [arXiv'24.8] [Charlie](https://c.example)\n";
    const char *args[] = {"export", "--config", config, "-", NULL};
    run_result r = awl_test_run(args, list, strlen(list), NULL);
    cr_expect_eq(r.status, 0, "%s", r.err);
    cr_expect(strstr(r.out, "\"venue\":\"SIGCOMM\",\"venue_text\":\"SIGCOMM'24\",\"year\":2024,"
                            "\"workshop\":true,\"workshop_name\":\"NAIC\",\"tutorial\":false,"
                            "\"month\":null"),
              "%s", r.out);
    cr_expect(strstr(r.out, "\"venue\":\"DaMoN\",\"venue_text\":\"DaMoN 2024\",\"year\":2024,"
                            "\"workshop\":false,\"workshop_name\":null"),
              "%s", r.out);
    cr_expect(strstr(r.out, "\"venue\":\"arXiv\",\"venue_text\":\"arXiv'24.8\",\"year\":2024,"
                            "\"workshop\":false,\"workshop_name\":null,\"tutorial\":false,"
                            "\"month\":8"),
              "%s", r.out);
    awl_test_run_free(&r);

    const char *bad = "venues:\n  DaMoN:\n    founded: soon\n";
    awl_test_write(config, bad, strlen(bad));
    const char *lint[] = {"--config", config, "-", NULL};
    r = awl_test_run(lint, list, strlen(list), NULL);
    cr_expect_eq(r.status, 2);
    cr_expect(strstr(r.err, "venues.yml:3:"), "the error names the file and line: %s", r.err);
    awl_test_run_free(&r);
    awl_test_remove_tree(dir);
    free(config);
    free(dir);
}

Test(venue_config, init_pins_the_dominant_style)
{
    const char *text = "# Papers\n\n"
                       "- [OSDI '22] [Alpha](https://a.example)\n"
                       "- [SOSP '23] [Bravo](https://b.example)\n"
                       "- [NSDI '21] [Charlie](https://c.example)\n";
    awl_doc *doc = awl_doc_parse("t.md", text, strlen(text));
    awl_buf out = {0};
    awl_buf_append(&out, "", 0);
    awl_init_config(doc, "t.md", &out);
    cr_expect(strstr(out.data, "  venue-style:\n    style: \"[OSDI '22]\""), "%s", out.data);
    awl_buf_free(&out);
    awl_doc_free(doc);
}

Test(venue_recognition, a_link_in_brackets_of_its_own_is_a_tag)
{
    /* Efficient-ML's list: `- [[ICLR](url)] Title`, whatever the name. */
    const char *text = "# Papers\n\n"
                       "- [[ICLR](https://arxiv.org/abs/1)] Alpha\n"
                       "- [[DATE](https://ieeexplore.example/2)] Bravo\n"
                       "- [[ACM MM](https://dl.example/3)] Charlie\n"
                       "- [ICLR](https://iclr.example/4) - Delta\n"
                       "- [[ICLR](https://a.example/5) and more] Echo\n";
    expect_entry_venue(text, 0, "ICLR", "ICLR", 0);
    expect_entry_venue(text, 1, "DATE", "DATE", 0);
    expect_entry_venue(text, 2, "ACM MM", "ACM MM", 0);
    expect_entry_venue(text, 3, NULL, NULL, 0);
    expect_entry_venue(text, 4, NULL, NULL, 0);
}

/* Six entries tagged the Efficient-ML way, lines 3 to 8. */
#define SIX_BRACKETED_TAGS                                                                         \
    "# Papers\n\n"                                                                                 \
    "- [[ICLR](https://a.example/1)] Alpha\n"                                                      \
    "- [[CVPR](https://b.example/2)] Bravo\n"                                                      \
    "- [[ICML](https://c.example/3)] Charlie\n"                                                    \
    "- [[NeurIPS](https://d.example/4)] Delta\n"                                                   \
    "- [[AAAI](https://e.example/5)] Echo\n"                                                       \
    "- [[AAAI](https://e.example/6)] Foxtrot\n"

Test(venue_missing, silent_on_a_bracketed_link_the_registry_does_not_know)
{
    awl_test_expect_silent(SIX_BRACKETED_TAGS "- [[COOL CHIPS](https://f.example/7)] Golf\n",
                           "venue-missing");
    /* "- [" is 3 columns: the finding covers the link text, column 4. */
    const awl_test_at want[] = {{9, 4}};
    awl_test_expect_findings(SIX_BRACKETED_TAGS "- [Golf](https://f.example/7) A paper\n",
                             "venue-missing", 1, want);
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
