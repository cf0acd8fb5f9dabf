/*
 * rule: what a rule's check function sees and how it reports.
 *
 * A rule is a pure function of a parsed document: it reads check->doc and
 * check->entries and calls awl_emit for each finding, then awl_edit to
 * attach a fix. Rules never print, never write files and never keep state
 * between documents. Edits are byte ranges of check->doc->source.
 *
 * The rule table (awl_rules) is generated at build time from the
 * `const awl_rule awl_rule_NAME` definitions found in rules/ *.c, so adding a
 * rule is adding one file.
 */
#ifndef AWL_RULE_H
#define AWL_RULE_H

#include "config.h"
#include "diag.h"
#include "doc.h"
#include "duplicates.h"
#include "entries.h"

/* Analyses several rules share, computed once per document on first use
 * (engine.c owns and frees them). */
typedef struct awl_lint_shared awl_lint_shared;

typedef struct awl_check {
    const awl_doc *doc;
    /* The document's entries, for rules of the entry, venue and duplicate
     * categories; NULL for the others, which run while a second thread
     * reads the entries of a large document (engine.c). */
    const awl_entries *entries;
    const awl_config *config;
    const awl_rule *rule;
    awl_severity severity; /* the rule's effective severity */
    awl_diags *out;
    awl_lint_shared *shared;
} awl_check;

/* Which entries are copies of which (duplicates.h), computed once per
 * document however many duplicate rules ask. */
const awl_dups *awl_check_dups(awl_check *check);

/* The document's external link targets (link_targets.h), collected once
 * however many link rules ask. */
const awl_vec *awl_check_link_targets(awl_check *check);

/* Reports a finding over [start, end) with a printf-style message. */
awl_diag *awl_emit(awl_check *check, size_t start, size_t end, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
/* Adds an edit to the finding's fix; the fix's safety is the rule's unless
 * awl_fix_unsafe is called. Edits of one finding must not overlap. */
void awl_add_edit(awl_check *check, awl_diag *diag, size_t start, size_t end, const char *replacement,
              size_t replacement_len);
void awl_fix_unsafe(awl_diag *diag);

/* The generated rule table, ordered by id. */
extern const awl_rule *const awl_rules[];
extern const size_t awl_rule_count;
/* Index of a rule id in awl_rules, or AWL_NONE. */
size_t awl_rule_index(const char *id);

#endif
