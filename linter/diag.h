/*
 * diag: findings and the edits that fix them; the rule descriptor.
 *
 * A diagnostic names a rule, a severity, a byte span and a message, and may
 * carry a fix: a list of non-overlapping byte-range edits of the text the
 * rule saw, with a safety (safe fixes apply with --fix, unsafe ones only
 * with --unsafe-fixes as well).
 *
 * Owns: awl_diags holds its diagnostics in a heap array and their messages,
 * edits and replacement text in its own arena; awl_diags_free releases both.
 */
#ifndef AWL_DIAG_H
#define AWL_DIAG_H

#include <stdbool.h>
#include <stddef.h>

#include "arena.h"

typedef enum awl_severity {
    AWL_SEVERITY_INFO = 0,
    AWL_SEVERITY_WARNING = 1,
    AWL_SEVERITY_ERROR = 2,
    AWL_SEVERITY_OFF = 3, /* config only: the rule does not run */
} awl_severity;

typedef enum awl_fix_safety {
    AWL_FIX_NONE = 0,
    AWL_FIX_SAFE,
    AWL_FIX_UNSAFE,
} awl_fix_safety;

typedef struct awl_edit {
    size_t start; /* byte range of the text the rule saw */
    size_t end;
    const char *replacement;
    size_t replacement_len;
} awl_edit;

struct awl_check;

/* A rule, as data. One file under rules/ defines one of these. */
typedef struct awl_rule {
    const char *id;       /* stable kebab-case id */
    const char *category; /* format, structure, entry, venue, duplicate, unicode, link */
    awl_severity severity;
    awl_fix_safety fix; /* the safest fix it offers; NONE when it offers none */
    const char *summary;     /* one line */
    const char *explanation; /* why, then a bad and a good example */
    void (*check)(struct awl_check *check);
} awl_rule;

typedef struct awl_diag {
    const awl_rule *rule;
    awl_severity severity;
    size_t start; /* byte span the finding is about */
    size_t end;
    const char *message;
    awl_edit *edits; /* NULL when the finding has no fix */
    size_t edit_count;
    awl_fix_safety fix;
    /* The edits change what the document says (not only how it is
     * written); verification then expects their text in the rendering. */
    bool changes_text;
    /* The edits delete links on purpose (page residue, a duplicate entry):
     * verification lets the targets of the links inside the edited ranges
     * go, and only those. */
    bool drops_links;
} awl_diag;

typedef struct awl_diags {
    awl_vec items; /* awl_diag */
    awl_arena arena;
} awl_diags;

void awl_diags_init(awl_diags *diags);
void awl_diags_free(awl_diags *diags);
static inline awl_diag *awl_diags_at(const awl_diags *diags, size_t i)
{
    return (awl_diag *)awl_vec_at(&diags->items, i);
}
/* Orders by start offset, then rule id (stable output). */
void awl_diags_sort(awl_diags *diags);

const char *awl_severity_name(awl_severity severity);
/* Parses error|warning|info|off; returns false when `text` is none of them. */
bool awl_severity_parse(const char *text, awl_severity *out);

#endif
