/* rule_expect: shared finding and fix assertions of the rule suites (see rule_expect.h). */
#include "rule_expect.h"

#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "fix.h"
#include "rule.h"
#include "support.h"

char *awl_test_show(const char *bytes, size_t len)
{
    char *out = awl_xmalloc(len * 2 + 1);
    size_t w = 0;
    for (size_t i = 0; i < len; i++) {
        char c = bytes[i];
        if (c == '\r' || c == '\n' || c == '\t') {
            out[w++] = '\\';
            out[w++] = c == '\r' ? 'r' : c == '\n' ? 'n' : 't';
        } else {
            out[w++] = c;
        }
    }
    out[w] = '\0';
    return out;
}

const awl_diag *awl_test_nth(const awl_diags *diags, const char *id, size_t i)
{
    for (size_t k = 0; k < diags->items.count; k++) {
        const awl_diag *d = awl_diags_at(diags, k);
        if (strcmp(d->rule->id, id) == 0 && i-- == 0)
            return d;
    }
    return NULL;
}

void awl_test_expect_findings(const char *text, const char *id, size_t count,
                              const awl_test_at *want)
{
    awl_diags diags;
    awl_doc *doc = awl_test_lint(text, &diags);
    size_t n = awl_test_count(&diags, id);
    char *shown = awl_test_show(text, strlen(text));
    cr_expect_eq(n, count, "%s: expected %zu finding(s), got %zu in \"%s\"", id, count, n, shown);
    for (size_t i = 0; i < count && i < n; i++) {
        const awl_diag *d = awl_test_nth(&diags, id, i);
        size_t line, column;
        awl_source_position(&doc->source, d->start, &line, &column);
        cr_expect(line == want[i].line && column == want[i].column,
                  "%s finding %zu: expected %zu:%zu, got %zu:%zu (%s) in \"%s\"", id, i + 1,
                  want[i].line, want[i].column, line, column, d->message, shown);
    }
    free(shown);
    awl_diags_free(&diags);
    awl_doc_free(doc);
}

void awl_test_expect_silent(const char *text, const char *id)
{
    awl_test_expect_findings(text, id, 0, NULL);
}

void awl_test_expect_fixed_with(const awl_config *config, bool unsafe, const char *text,
                                const char *expected)
{
    awl_config defaults;
    if (!config) {
        awl_config_defaults(&defaults);
        config = &defaults;
    }
    awl_fix_result r;
    awl_fix_text("test.md", text, strlen(text), config, unsafe, &r);
    char *in = awl_test_show(text, strlen(text));
    cr_expect(!r.failed, "fixing \"%s\" failed verification: %s", in, r.failure);
    char *got = awl_test_show(r.text.data, r.text.len);
    char *want = awl_test_show(expected, strlen(expected));
    cr_expect(r.text.len == strlen(expected) && memcmp(r.text.data, expected, r.text.len) == 0,
              "fixing \"%s\":\n  expected \"%s\"\n  got      \"%s\"", in, want, got);
    cr_expect_eq(r.changed, strcmp(text, expected) != 0, "changed flag wrong for \"%s\"", in);
    free(in);
    free(got);
    free(want);
    awl_fix_result_free(&r);
}

void awl_test_expect_fixed_unsafe(const char *text, const char *expected, bool unsafe)
{
    awl_test_expect_fixed_with(NULL, unsafe, text, expected);
}

void awl_test_expect_fixed(const char *text, const char *expected)
{
    awl_test_expect_fixed_unsafe(text, expected, false);
}
