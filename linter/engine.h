/*
 * engine: runs the enabled rules over one document.
 *
 * Owns: nothing; the caller owns the doc and the diags list it passes.
 */
#ifndef AWL_ENGINE_H
#define AWL_ENGINE_H

#include "config.h"
#include "diag.h"
#include "doc.h"

/* Lints `doc` into `out` (appended, then sorted): every rule whose configured
 * severity is not off, minus the findings inline directives silence. */
void awl_lint(const awl_doc *doc, const awl_config *config, awl_diags *out);

#endif
