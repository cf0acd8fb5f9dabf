/*
 * rule_expect: the assertions the rule suites share: a rule reports these
 * positions in a text, or none; a text fixes to exactly this.
 * Owns: nothing; awl_test_show returns heap memory the caller frees.
 */
#ifndef AWL_TEST_RULE_EXPECT_H
#define AWL_TEST_RULE_EXPECT_H

#include <stdbool.h>
#include <stddef.h>

#include "config.h"
#include "diag.h"

/* A 1-based line and column, as a user reads them. */
typedef struct awl_test_at {
    size_t line, column;
} awl_test_at;

/* A printable copy of bytes with CR, LF and tab spelled out; heap. */
char *awl_test_show(const char *bytes, size_t len);
/* The i-th finding of rule `id`, or NULL. */
const awl_diag *awl_test_nth(const awl_diags *diags, const char *id, size_t i);
/* Lints `text` with the default config and expects rule `id` to report
 * exactly the `count` positions of `want`, in order. */
void awl_test_expect_findings(const char *text, const char *id, size_t count,
                              const awl_test_at *want);
void awl_test_expect_silent(const char *text, const char *id);
/* Fixes `text` with the default config (unsafe fixes too when asked) and
 * expects exactly `expected`, verified. */
void awl_test_expect_fixed_unsafe(const char *text, const char *expected, bool unsafe);
/* The same with `config` (NULL: the defaults). */
void awl_test_expect_fixed_with(const awl_config *config, bool unsafe, const char *text,
                                const char *expected);
void awl_test_expect_fixed(const char *text, const char *expected);

#endif
