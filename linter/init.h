/*
 * init: `awelint --init`: a commented .awelint.yml that pins the
 * conventions a list already follows (its bullet, the heading levels of its
 * table of contents, the order of each section's entries).
 *
 * A convention is pinned only when pinning it changes none of the list's
 * findings: the config written makes awelint see the list as it does
 * today, and holds new entries to what the list does rather than to what
 * most lists do.
 *
 * Owns: nothing; the caller owns the document and the output buffer.
 */
#ifndef AWL_INIT_H
#define AWL_INIT_H

#include "arena.h"
#include "doc.h"

/* Appends the config for `doc` (named `list_name` in its header comment)
 * to `out`: valid YAML that awl_config_load reads back. */
void awl_init_config(const awl_doc *doc, const char *list_name, awl_buf *out);

#endif
