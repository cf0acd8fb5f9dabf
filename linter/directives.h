/*
 * directives: inline comments that silence rules.
 *
 *   <!-- awelint-disable RULE[,RULE] -->   ... <!-- awelint-enable [RULE] -->
 *   <!-- awelint-disable-next-line RULE -->
 *   <!-- awelint-disable-file RULE -->
 * Without RULE a directive applies to every rule. Directives are read from
 * the HTML comments the parser recorded, so a directive shown inside a code
 * block is only an example and has no effect.
 *
 * Owns: its range array (heap); awl_directives_free releases it.
 */
#ifndef AWL_DIRECTIVES_H
#define AWL_DIRECTIVES_H

#include <stdbool.h>

#include "doc.h"

typedef struct awl_directive_range {
    size_t rule;       /* rule index, or AWL_NONE for every rule */
    size_t first_line; /* 0-based, inclusive */
    size_t last_line;  /* inclusive; AWL_NONE-free: the last line for "to the end" */
} awl_directive_range;

typedef struct awl_directives {
    awl_directive_range *ranges;
    size_t count;
} awl_directives;

void awl_directives_read(const awl_doc *doc, awl_directives *out);
/* True when a finding of rule `rule` on 0-based `line` is silenced. */
bool awl_directives_silence(const awl_directives *directives, size_t rule, size_t line);
void awl_directives_free(awl_directives *directives);

#endif
