/*
 * json: writing JSON strings. Invalid UTF-8 comes out as U+FFFD so the
 * output is always valid JSON, whatever the input file holds.
 * Owns: nothing.
 */
#ifndef AWL_JSON_H
#define AWL_JSON_H

#include <stddef.h>

#include "arena.h"

/* Appends `text` as a quoted JSON string; NULL writes null. */
void awl_json_string(awl_buf *out, const char *text, size_t len);
void awl_json_cstring(awl_buf *out, const char *text);

#endif
