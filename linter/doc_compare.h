/*
 * doc_compare: whether two parses of one text gave the same document, for
 * the tests and the fuzzer that hold the parse in two parts (doc_split.h)
 * to the parse of the whole.
 *
 * Owns: nothing.
 */
#ifndef AWL_DOC_COMPARE_H
#define AWL_DOC_COMPARE_H

#include <stdbool.h>
#include <stddef.h>

#include "doc.h"

/* True when a and b hold the same blocks, links, comments, plain text,
 * line flags and sections; otherwise false, with the first difference
 * described in why[0, why_size). */
bool awl_doc_same(const awl_doc *a, const awl_doc *b, char *why, size_t why_size);

#endif
