/*
 * export: the entries awelint sees in a document, as JSON or CSV; the way to
 * get a list's data out, and the way to test entry extraction.
 * Owns: nothing; writes to the FILE it is given.
 */
#ifndef AWL_EXPORT_H
#define AWL_EXPORT_H

#include <stdbool.h>
#include <stdio.h>

#include "doc.h"

typedef enum awl_export_format { AWL_EXPORT_JSON, AWL_EXPORT_CSV } awl_export_format;

typedef struct awl_exporter {
    awl_export_format format;
    FILE *out;
    size_t files;
} awl_exporter;

void awl_export_begin(awl_exporter *exporter);
void awl_export_file(awl_exporter *exporter, const awl_doc *doc);
void awl_export_end(awl_exporter *exporter);

#endif
