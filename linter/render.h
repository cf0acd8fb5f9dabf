/*
 * render: Markdown to HTML with md4c-html, in the parser's dialect.
 *
 * Used by the fixer to prove that a fix changed only what it meant to: the
 * rendering of the input and of the output must agree.
 * Owns: nothing; the caller owns the awl_buf it passes.
 */
#ifndef AWL_RENDER_H
#define AWL_RENDER_H

#include <stdbool.h>

#include "arena.h"

/* Appends the HTML of text[0..len) to out; false when md4c-html failed. */
bool awl_render_html(const char *text, size_t len, awl_buf *out);

#endif
