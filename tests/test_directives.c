/*
 * test_directives: inline <!-- awelint-... --> comments silence findings.
 *
 * Observed through awl_lint with trailing-space, list-marker and blank-lines
 * findings whose lines are worked out by hand.
 */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "directives.h"
#include "engine.h"
#include "rule.h"
#include "support.h"

/* The 1-based lines of rule `id`'s findings, in order; returns the count. */
static size_t lines_of(const char *text, const char *id, size_t *lines, size_t max)
{
    awl_diags diags;
    awl_doc *doc = awl_test_lint(text, &diags);
    size_t n = 0;
    for (size_t i = 0; i < diags.items.count; i++) {
        const awl_diag *d = awl_diags_at(&diags, i);
        if (strcmp(d->rule->id, id) != 0)
            continue;
        size_t line, column;
        awl_source_position(&doc->source, d->start, &line, &column);
        if (n < max)
            lines[n] = line;
        n++;
    }
    awl_diags_free(&diags);
    awl_doc_free(doc);
    return n;
}

static void expect_lines(const char *text, const char *id, size_t count, const size_t *want)
{
    size_t got[32] = {0};
    size_t n = lines_of(text, id, got, 32);
    cr_expect_eq(n, count, "%s: expected %zu finding(s), got %zu", id, count, n);
    for (size_t i = 0; i < count && i < n; i++)
        cr_expect_eq(got[i], want[i], "%s finding %zu: expected line %zu, got %zu", id, i + 1,
                     want[i], got[i]);
}

Test(directives, disable_enable_range)
{
    const char *text = "a \n"                                          /* 1 reported */
                       "\n"                                            /* 2 */
                       "<!-- awelint-disable trailing-space -->\n"     /* 3 */
                       "\n"                                            /* 4 */
                       "b \n"                                          /* 5 silenced */
                       "\n"                                            /* 6 */
                       "<!-- awelint-enable -->\n"                     /* 7 */
                       "\n"                                            /* 8 */
                       "c \n";                                         /* 9 reported */
    const size_t want[] = {1, 9};
    expect_lines(text, "trailing-space", 2, want);
}

Test(directives, disable_without_enable_runs_to_the_end)
{
    const char *text = "a \n"
                       "\n"
                       "<!-- awelint-disable trailing-space -->\n"
                       "\n"
                       "b \n"
                       "\n"
                       "c \n";
    const size_t want[] = {1};
    expect_lines(text, "trailing-space", 1, want);
}

Test(directives, disable_one_rule_leaves_the_others)
{
    const char *text = "- a\n"                                     /* 1 */
                       "- b\n"                                     /* 2 */
                       "\n"                                        /* 3 */
                       "<!-- awelint-disable trailing-space -->\n" /* 4 */
                       "\n"                                        /* 5 */
                       "* c \n"                                    /* 6 list-marker, ts silenced */
                       "\n"                                        /* 7 */
                       "<!-- awelint-enable -->\n";                /* 8 */
    const size_t want[] = {6};
    expect_lines(text, "trailing-space", 0, NULL);
    expect_lines(text, "list-marker", 1, want);
}

Test(directives, enable_names_the_rule_it_reenables)
{
    const char *text = "- a\n"                                                  /* 1 */
                       "- b\n"                                                  /* 2 */
                       "\n"                                                     /* 3 */
                       "<!-- awelint-disable trailing-space,list-marker -->\n"  /* 4 */
                       "\n"                                                     /* 5 */
                       "<!-- awelint-enable trailing-space -->\n"               /* 6 */
                       "\n"                                                     /* 7 */
                       "* c \n";                                                /* 8 */
    const size_t want[] = {8};
    expect_lines(text, "trailing-space", 1, want);
    expect_lines(text, "list-marker", 0, NULL);
}

Test(directives, disable_next_line)
{
    const char *text = "<!-- awelint-disable-next-line trailing-space -->\n" /* 1 */
                       "a \n"                                                /* 2 silenced */
                       "b \n";                                               /* 3 reported */
    const size_t want[] = {3};
    expect_lines(text, "trailing-space", 1, want);
}

Test(directives, disable_next_line_only_for_its_rule)
{
    const char *text = "- a\n"                                                /* 1 */
                       "- b\n"                                                /* 2 */
                       "\n"                                                   /* 3 */
                       "<!-- awelint-disable-next-line list-marker -->\n"     /* 4 */
                       "* c \n";                                              /* 5 */
    const size_t want[] = {5};
    expect_lines(text, "list-marker", 0, NULL);
    expect_lines(text, "trailing-space", 1, want);
}

Test(directives, disable_file_from_anywhere)
{
    const char *text = "a \n"                                          /* 1 */
                       "\n"                                            /* 2 */
                       "- x\n"                                         /* 3 */
                       "- y\n"                                         /* 4 */
                       "\n"                                            /* 5 */
                       "# H\n"                                         /* 6 */
                       "\n"                                            /* 7 */
                       "* z \n"                                        /* 8 */
                       "\n"                                            /* 9 */
                       "<!-- awelint-disable-file trailing-space -->\n"; /* 10 */
    const size_t want[] = {8};
    expect_lines(text, "trailing-space", 0, NULL);
    expect_lines(text, "list-marker", 1, want);
}

Test(directives, without_rule_silences_every_rule)
{
    const char *text = "- a\n"                      /* 1 */
                       "- b\n"                      /* 2 */
                       "\n"                         /* 3 */
                       "<!-- awelint-disable -->\n" /* 4 */
                       "\n"                         /* 5 */
                       "* c \n"                     /* 6 both silenced */
                       "\n"                         /* 7 */
                       "<!-- awelint-enable -->\n"  /* 8 */
                       "\n"                         /* 9 */
                       "d \n";                      /* 10 reported */
    const size_t want[] = {10};
    expect_lines(text, "list-marker", 0, NULL);
    expect_lines(text, "trailing-space", 1, want);
}

Test(directives, disable_file_without_rule)
{
    const char *text = "<!-- awelint-disable-file -->\n"
                       "\n"
                       "a \n"
                       "\n"
                       "\n"
                       "\n"
                       "b\n";
    awl_diags diags;
    awl_doc *doc = awl_test_lint(text, &diags);
    cr_expect_eq(diags.items.count, 0, "expected nothing, got %zu finding(s)", diags.items.count);
    awl_diags_free(&diags);
    awl_doc_free(doc);
}

Test(directives, disable_next_line_without_rule)
{
    const char *text = "<!-- awelint-disable-next-line -->\n" /* 1 */
                       "a \n"                                 /* 2 silenced */
                       "b \n";                                /* 3 reported */
    const size_t want[] = {3};
    expect_lines(text, "trailing-space", 1, want);
}

Test(directives, several_rules_comma_separated)
{
    const char *text = "- a\n"                                                  /* 1 */
                       "- b\n"                                                  /* 2 */
                       "\n"                                                     /* 3 */
                       "<!-- awelint-disable trailing-space,list-marker -->\n"  /* 4 */
                       "\n"                                                     /* 5 */
                       "* c \n"                                                 /* 6 */
                       "\n"                                                     /* 7 */
                       "\n"                                                     /* 8 */
                       "\n"                                                     /* 9 */
                       "d\n";                                                   /* 10 */
    const size_t want[] = {7};
    expect_lines(text, "trailing-space", 0, NULL);
    expect_lines(text, "list-marker", 0, NULL);
    expect_lines(text, "blank-lines", 1, want); /* not named: still reported */
}

Test(directives, several_rules_comma_and_space_separated)
{
    const char *text = "- a\n"
                       "- b\n"
                       "\n"
                       "<!-- awelint-disable-next-line trailing-space, list-marker -->\n"
                       "* c \n";
    expect_lines(text, "trailing-space", 0, NULL);
    expect_lines(text, "list-marker", 0, NULL);
}

Test(directives, unknown_rule_silences_nothing)
{
    const char *text = "- a\n"                                    /* 1 */
                       "- b\n"                                    /* 2 */
                       "\n"                                       /* 3 */
                       "<!-- awelint-disable no-such-rule -->\n"  /* 4 */
                       "\n"                                       /* 5 */
                       "* c \n";                                  /* 6 */
    const size_t want[] = {6};
    expect_lines(text, "trailing-space", 1, want);
    expect_lines(text, "list-marker", 1, want);
}

Test(directives, unknown_rule_next_line_and_file_silence_nothing)
{
    const char *next = "<!-- awelint-disable-next-line trailing-spaces -->\n" /* 1 */
                       "a \n";                                                /* 2 */
    const size_t want2[] = {2};
    expect_lines(next, "trailing-space", 1, want2);
    const char *file = "a \n"                                        /* 1 */
                       "\n"
                       "<!-- awelint-disable-file no-such-rule -->\n";
    const size_t want1[] = {1};
    expect_lines(file, "trailing-space", 1, want1);
}

Test(directives, unknown_next_to_known_rule_still_silences_the_known_one)
{
    const char *text = "<!-- awelint-disable-next-line no-such-rule,trailing-space -->\n"
                       "- a \n";
    expect_lines(text, "trailing-space", 0, NULL);
}

Test(directives, comment_spanning_several_lines)
{
    /* A directive comment may be wrapped; next-line means the line after
     * the comment's last line. */
    const char *a = "<!--\n"                                      /* 1 */
                    "awelint-disable-next-line trailing-space\n"  /* 2 */
                    "-->\n"                                       /* 3 */
                    "a \n"                                        /* 4 silenced */
                    "b \n";                                       /* 5 */
    const size_t want5[] = {5};
    expect_lines(a, "trailing-space", 1, want5);

    const char *b = "<!-- awelint-disable-next-line trailing-space\n" /* 1 */
                    "-->\n"                                          /* 2 */
                    "a \n"                                           /* 3 silenced */
                    "b \n";                                          /* 4 */
    const size_t want4[] = {4};
    expect_lines(b, "trailing-space", 1, want4);

    const char *c = "<!--\n"                                      /* 1 */
                    "  awelint-disable trailing-space\n"          /* 2 */
                    "-->\n"                                       /* 3 */
                    "\n"                                          /* 4 */
                    "a \n";                                       /* 5 silenced */
    expect_lines(c, "trailing-space", 0, NULL);
}

Test(directives, inline_comment_in_a_paragraph)
{
    const char *text = "Text <!-- awelint-disable-next-line trailing-space --> more\n" /* 1 */
                       "a \n"                                                         /* 2 */
                       "b \n";                                                        /* 3 */
    const size_t want[] = {3};
    expect_lines(text, "trailing-space", 1, want);
}

Test(directives, inside_fenced_code_has_no_effect)
{
    const char *text = "```markdown\n"                                   /* 1 */
                       "<!-- awelint-disable trailing-space -->\n"       /* 2 */
                       "<!-- awelint-disable-file trailing-space -->\n"  /* 3 */
                       "<!-- awelint-disable-next-line -->\n"            /* 4 */
                       "```\n"                                           /* 5 */
                       "a \n";                                           /* 6 */
    const size_t want[] = {6};
    expect_lines(text, "trailing-space", 1, want);
}

Test(directives, inside_indented_code_and_code_span_has_no_effect)
{
    const char *text = "Write `<!-- awelint-disable-file -->` to silence a file.\n" /* 1 */
                       "\n"                                                         /* 2 */
                       "    <!-- awelint-disable -->\n"                             /* 3 */
                       "\n"                                                         /* 4 */
                       "a \n";                                                      /* 5 */
    const size_t want[] = {5};
    expect_lines(text, "trailing-space", 1, want);
}

Test(directives, read_ranges_directly)
{
    const char *text = "<!-- awelint-disable trailing-space -->\n" /* line 0 */
                       "a\n"                                       /* 1 */
                       "<!-- awelint-enable trailing-space -->\n"  /* 2 */
                       "b\n";                                      /* 3 */
    awl_doc *doc = awl_doc_parse("test.md", text, strlen(text));
    awl_directives dirs;
    awl_directives_read(doc, &dirs);
    size_t ts = awl_rule_index("trailing-space");
    size_t lm = awl_rule_index("list-marker");
    cr_assert_neq(ts, AWL_NONE);
    cr_expect(awl_directives_silence(&dirs, ts, 1));
    cr_expect(!awl_directives_silence(&dirs, ts, 3));
    cr_expect(!awl_directives_silence(&dirs, lm, 1));
    awl_directives_free(&dirs);
    awl_doc_free(doc);
}
