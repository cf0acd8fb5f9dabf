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
#include <stdint.h>

#include "arena.h"

typedef enum awl_newline {
    AWL_NEWLINE_NONE = 0, /* the file has no line break at all */
    AWL_NEWLINE_LF,
    AWL_NEWLINE_CRLF,
    AWL_NEWLINE_MIXED, /* both LF and CRLF (or a lone CR) occur */
} awl_newline;

/* What kinds of byte a line holds (its newline aside), noted while the
 * source is indexed, so that rules looking for rare bytes read only the
 * lines that have them. */
typedef enum awl_line_mark {
    AWL_MARK_NON_ASCII = 1 << 0, /* a byte >= 0x80 */
    AWL_MARK_CONTROL = 1 << 1,   /* a byte < 0x20 other than tab, LF and CR, or DEL */
} awl_line_mark;

typedef struct awl_source {
    const char *path; /* as given by the user; "-" for standard input */
    const char *bytes;
    size_t length;
    size_t *line_starts; /* byte offset of each line's first byte */
    size_t line_count;   /* a final line without newline counts; an empty file has 1 line */
    uint8_t *line_marks; /* one per line, awl_line_mark bits */
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
/* awl_source_init in two steps: the lines indexed first, with no marks
 * yet (valid_utf8 true, newline NONE), then the marks, UTF-8 validity and
 * newline style. awl_source_mark writes only those fields and the marks,
 * so a document's parse, which reads the index only, can run beside it. */
void awl_source_init_unmarked(awl_source *source, awl_arena *arena, const char *path,
                              const char *bytes, size_t length, bool borrow);
void awl_source_mark(awl_source *source);

/* 0-based line holding byte `offset` (binary search). */
size_t awl_source_line_of(const awl_source *source, size_t offset);
/* The line helpers below are inline: the parser and the rules call them
 * for nearly every line and text they visit. */

/* The same as awl_source_line_of, walking forward from line `hint` when the
 * offset is on it or a few lines after it: for callers that visit offsets
 * mostly in order. */
static inline size_t awl_source_line_near(const awl_source *source, size_t offset, size_t hint)
{
    if (hint >= source->line_count || source->line_starts[hint] > offset)
        return awl_source_line_of(source, offset);
    size_t line = hint;
    for (size_t steps = 0; line + 1 < source->line_count && source->line_starts[line + 1] <= offset;
         steps++) {
        if (steps == 64) /* far ahead: a search is cheaper than walking */
            return awl_source_line_of(source, offset);
        line++;
    }
    return line;
}

/* Offset of the next line's start (or length for the last line). */
static inline size_t awl_source_line_next(const awl_source *source, size_t line)
{
    return line + 1 < source->line_count ? source->line_starts[line + 1] : source->length;
}

/* Offset just past the line's content, before its CR LF or LF. */
static inline size_t awl_source_line_end(const awl_source *source, size_t line)
{
    size_t end = awl_source_line_next(source, line);
    size_t start = source->line_starts[line];
    if (end > start && source->bytes[end - 1] == '\n')
        end--;
    if (end > start && source->bytes[end - 1] == '\r')
        end--;
    return end;
}
/* The first line from `line` on whose marks include `mark`, or line_count
 * when none does. */
static inline size_t awl_source_next_marked(const awl_source *source, size_t line, uint8_t mark)
{
    while (line < source->line_count && !(source->line_marks[line] & mark))
        line++;
    return line;
}

/* 1-based line and column of `offset`; the column counts code points. */
void awl_source_position(const awl_source *source, size_t offset, size_t *line, size_t *column);
/* Code points that start in bytes [from, to): lead bytes, not continuations. */
size_t awl_source_code_points(const awl_source *source, size_t from, size_t to);

/* True when the line holds nothing but spaces and tabs. */
bool awl_source_line_is_blank(const awl_source *source, size_t line);

/* Length of the valid UTF-8 sequence at bytes[0..len), or 0 when invalid. */
size_t awl_utf8_sequence_length(const unsigned char *bytes, size_t len);
/* True when the whole buffer is valid UTF-8; *bad gets the first bad offset. */
bool awl_utf8_validate(const char *bytes, size_t len, size_t *bad);

#endif
