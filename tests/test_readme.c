/*
 * test_readme: README.md's rule table and the rule table in the binary are
 * the same list, with the same category, severity and fix safety.
 */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rule.h"
#include "support.h"

static char *readme(void)
{
    char *text = awl_test_read(AWL_TEST_FIXTURES "/../README.md", NULL);
    cr_assert_not_null(text, "README.md is missing");
    return text;
}

Test(readme, lists_every_rule_with_its_table_values)
{
    char *text = readme();
    for (size_t i = 0; i < awl_rule_count; i++) {
        const awl_rule *r = awl_rules[i];
        char row[256];
        snprintf(row, sizeof row, "| `%s` | %s | %s | %s |", r->id, r->category,
                 awl_severity_name(r->severity),
                 r->fix == AWL_FIX_SAFE ? "safe" : r->fix == AWL_FIX_UNSAFE ? "unsafe" : "none");
        cr_expect_not_null(strstr(text, row), "README.md has no row starting %s", row);
    }
    free(text);
}

Test(readme, lists_no_rule_the_program_lacks)
{
    char *text = readme();
    size_t rows = 0;
    for (char *p = strstr(text, "\n| `"); p; p = strstr(p + 1, "\n| `")) {
        char id[64];
        if (sscanf(p, "\n| `%63[a-z0-9-]`", id) != 1)
            continue;
        /* Option rows start with `--`; rule ids never do. */
        if (id[0] == '-')
            continue;
        rows++;
        cr_expect_neq(awl_rule_index(id), AWL_NONE, "README.md lists '%s', which is no rule", id);
    }
    cr_expect_eq(rows, awl_rule_count, "README.md lists %zu rules, the program has %zu", rows,
                 awl_rule_count);
    free(text);
}

Test(readme, quick_start_opens_with_demo_then_test)
{
    char *text = readme();
    const char *quick = strstr(text, "## Quick start");
    cr_assert_not_null(quick);
    const char *fence = strstr(quick, "```sh\n");
    cr_assert_not_null(fence);
    cr_expect_eq(strncmp(fence + 6, "make demo\nmake test\n", 20), 0,
                 "the first two commands of the Quick start must be make demo and make test");
    free(text);
}
