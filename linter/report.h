/*
 * report: findings, written for people (text), programs (json), code
 * scanning (sarif) and GitHub Actions (github workflow commands).
 *
 * A report is streamed: begin, one call per file, end. json and sarif keep
 * the document well-formed across files; the summary comes at the end.
 * Owns: its sarif result buffer (freed by awl_report_end).
 */
#ifndef AWL_REPORT_H
#define AWL_REPORT_H

#include <stdbool.h>
#include <stdio.h>

#include "diag.h"
#include "doc.h"

typedef enum awl_format {
    AWL_FORMAT_TEXT,
    AWL_FORMAT_JSON,
    AWL_FORMAT_SARIF,
    AWL_FORMAT_GITHUB,
} awl_format;

typedef struct awl_report {
    awl_format format;
    FILE *out;
    bool color;
    bool quiet;        /* text: no summary line */
    bool unsafe_fixes; /* unsafe fixes count as fixable */
    size_t files, errors, warnings, infos, fixable, fixed;
    awl_buf body; /* json: file objects; sarif: results */
} awl_report;

void awl_report_begin(awl_report *report);
/* `fixed` counts findings --fix already fixed in this file. */
void awl_report_file(awl_report *report, const awl_doc *doc, const awl_diags *diags, size_t fixed);
void awl_report_end(awl_report *report);

/* True when a finding is at or above `fail_on`. */
bool awl_report_fails(const awl_diags *diags, awl_severity fail_on);

#endif
