/*
 * source: the bytes of one Markdown file and where its lines are.
 *
 * Owns: nothing itself; the bytes and the line index live in the arena the
 * caller passes to awl_source_init (the document's arena), and go with it.
 * The bytes are NUL-terminated for convenience; `length` excludes the NUL,
 * and the text may contain NUL bytes of its own.
 */
#ifndef AWL_SOURCE_H
#define AWL_SOURCE_H

#include <stdbool.h>
#include <stddef.h>

#include "arena.h"

typedef enum awl_newline {
    AWL_NEWLINE_NONE = 0, /* the file has no line break at all */
    AWL_NEWLINE_LF,
    AWL_NEWLINE_CRLF,
    AWL_NEWLINE_MIXED, /* both LF and CRLF (or a lone CR) occur */
} awl_newline;

typedef struct awl_source {
    const char *path; /* as given by the user; "-" for standard input */
    const char *bytes;
    size_t length;
    size_t *line_starts; /* byte offset of each line's first byte */
    size_t line_count;   /* a final line without newline counts; an empty file has 1 line */
    awl_newline newline;
    size_t crlf_count; /* lines ending in CR LF */
    size_t lf_count;   /* lines ending in a bare LF */
    bool has_bom;      /* starts with EF BB BF */
    bool valid_utf8;
    size_t first_invalid_utf8; /* offset of the first bad sequence when !valid_utf8 */
} awl_source;

/* Copies `length` bytes into the arena (or, with `borrow`, uses them in
 * place: then bytes[length] must be NUL and the bytes outlive the source)
 * and indexes the lines. */
void awl_source_init(awl_source *source, awl_arena *arena, const char *path, const char *bytes,
                     size_t length, bool borrow);

/* 0-based line holding byte `offset` (binary search). */
size_t awl_source_line_of(const awl_source *source, size_t offset);
/* Offset just past the line's content, before its CR LF or LF. */
size_t awl_source_line_end(const awl_source *source, size_t line);
/* Offset of the next line's start (or length for the last line). */
size_t awl_source_line_next(const awl_source *source, size_t line);
/* 1-based line and column of `offset`; the column counts code points. */
void awl_source_position(const awl_source *source, size_t offset, size_t *line, size_t *column);

/* True when the line holds nothing but spaces and tabs. */
bool awl_source_line_is_blank(const awl_source *source, size_t line);

/* Length of the valid UTF-8 sequence at bytes[0..len), or 0 when invalid. */
size_t awl_utf8_sequence_length(const unsigned char *bytes, size_t len);
/* True when the whole buffer is valid UTF-8; *bad gets the first bad offset. */
bool awl_utf8_validate(const char *bytes, size_t len, size_t *bad);

#endif
