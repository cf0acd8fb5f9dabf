/* source: copy of the input, its line index and marks, newline style and UTF-8 validity. */
#include "source.h"

#include <stdint.h>
#include <string.h>

#include "byte_scan.h"

size_t awl_utf8_sequence_length(const unsigned char *s, size_t len)
{
    if (len == 0)
        return 0;
    unsigned char c = s[0];
    if (c < 0x80)
        return 1;
    size_t need;
    unsigned char lo = 0x80, hi = 0xBF; /* bounds of the second byte */
    if (c >= 0xC2 && c <= 0xDF) {
        need = 2;
    } else if (c >= 0xE0 && c <= 0xEF) {
        need = 3;
        if (c == 0xE0)
            lo = 0xA0; /* no overlong forms */
        else if (c == 0xED)
            hi = 0x9F; /* no surrogates */
    } else if (c >= 0xF0 && c <= 0xF4) {
        need = 4;
        if (c == 0xF0)
            lo = 0x90;
        else if (c == 0xF4)
            hi = 0x8F; /* nothing past U+10FFFF */
    } else {
        return 0;
    }
    if (len < need || s[1] < lo || s[1] > hi)
        return 0;
    for (size_t i = 2; i < need; i++)
        if ((s[i] & 0xC0) != 0x80)
            return 0;
    return need;
}

bool awl_utf8_validate(const char *bytes, size_t len, size_t *bad)
{
    const unsigned char *s = (const unsigned char *)bytes;
    size_t i = 0;
    while (i < len) {
        i = awl_skip_ascii(s, i, len);
        if (i >= len)
            break;
        size_t step = awl_utf8_sequence_length(s + i, len - i);
        if (!step) {
            if (bad)
                *bad = i;
            return false;
        }
        i += step;
    }
    return true;
}

/* Whether the eight bytes at s hold something other than printable ASCII. */
static bool notable(const unsigned char *s)
{
    return awl_word_has_unprintable(awl_load_word(s));
}

/* The first offset from i where a word of eight bytes holds something
 * other than printable ASCII, or where fewer than eight bytes are left.
 * Two words a step while they last: nearly all of a list is printable. */
static size_t skip_printable(const unsigned char *s, size_t i, size_t end)
{
    while (end - i >= 16 && !notable(s + i) && !notable(s + i + 8))
        i += 16;
    if (end - i >= 8 && !notable(s + i))
        i += 8;
    return i;
}

/* Notes in *marks what the bytes [i, end) of one line's content hold,
 * counts its carriage returns in *lone_cr (the content stops before the CR
 * of a CR LF, so any CR in it stands alone) and checks its UTF-8 while
 * *valid holds. Only a word with something other
 * than printable ASCII in it is read a byte at a time; a tail shorter than
 * a word is tested by the word that ends with it (re-reading bytes already
 * passed changes nothing). */
static void mark_line(awl_source *source, size_t line_start, size_t i, size_t end, uint8_t *marks,
                      bool *valid, size_t *lone_cr)
{
    const unsigned char *s = (const unsigned char *)source->bytes;
    while (i < end) {
        i = skip_printable(s, i, end);
        size_t stop = end - i >= 8 ? i + 8 : end;
        if (stop == end && end - line_start >= 8 && !notable(s + end - 8))
            break;
        while (i < stop) {
            unsigned char c = s[i];
            size_t step = 1;
            if (c >= 0x80) {
                *marks |= AWL_MARK_NON_ASCII;
                if (*valid) {
                    step = awl_utf8_sequence_length(s + i, source->length - i);
                    if (!step) {
                        *valid = false;
                        source->first_invalid_utf8 = i;
                        step = 1;
                    }
                }
            } else if ((c < 0x20 && c != '\t' && c != '\r') || c == 0x7F) {
                *marks |= AWL_MARK_CONTROL;
            } else if (c == '\r') {
                ++*lone_cr;
            }
            i += step; /* a valid sequence never holds a line break */
        }
    }
}

/* Line starts and newline counts: one memchr a line. */
static void index_starts(awl_source *source, size_t *starts)
{
    const char *bytes = source->bytes;
    size_t length = source->length, line = 0, from = 0;
    starts[0] = 0;
    const char *newline;
    while ((newline = memchr(bytes + from, '\n', length - from)) != NULL) {
        size_t end = (size_t)(newline - bytes);
        if (end > starts[line] && bytes[end - 1] == '\r')
            source->crlf_count++;
        else
            source->lf_count++;
        starts[++line] = from = end + 1;
    }
}

void awl_source_init_unmarked(awl_source *source, awl_arena *arena, const char *path,
                              const char *bytes, size_t length, bool borrow)
{
    memset(source, 0, sizeof *source);
    source->path = path;
    const char *copy = bytes;
    if (!borrow) {
        char *owned = awl_arena_alloc(arena, length + 1);
        if (length)
            memcpy(owned, bytes, length);
        copy = owned;
    }
    source->bytes = copy;
    source->length = length;
    source->has_bom = length >= 3 && memcmp(copy, "\xEF\xBB\xBF", 3) == 0;

    /* Count lines first so the index is one allocation. */
    size_t lines = 1;
    for (const char *p = copy; (p = memchr(p, '\n', (size_t)(copy + length - p))); p++)
        lines++;
    size_t *starts = awl_arena_alloc(arena, lines * sizeof *starts);
    source->line_marks = awl_arena_alloc(arena, lines); /* zeroed: no marks yet */
    index_starts(source, starts);
    source->line_starts = starts;
    source->line_count = lines;
    /* A trailing newline does not open an extra line. */
    if (lines > 1 && starts[lines - 1] == length)
        source->line_count = lines - 1;
    source->valid_utf8 = true; /* until awl_source_mark reads the bytes */
}

void awl_source_mark(awl_source *source)
{
    const char *bytes = source->bytes;
    uint8_t *marks = source->line_marks;
    bool valid = true;
    size_t lone_cr = 0;
    /* A leading byte order mark is valid UTF-8 and non-ASCII: line 0 is
     * marked for it and read after it. */
    if (source->has_bom)
        marks[0] |= AWL_MARK_NON_ASCII;
    for (size_t line = 0; line < source->line_count; line++) {
        size_t start = source->line_starts[line];
        size_t end = awl_source_line_next(source, line);
        if (end > start && bytes[end - 1] == '\n') {
            end--;
            if (end > start && bytes[end - 1] == '\r')
                end--; /* a CR LF's CR is the newline's, not the content's */
        }
        size_t from = line == 0 && source->has_bom ? 3 : start;
        mark_line(source, start, from < end ? from : end, end, &marks[line], &valid, &lone_cr);
    }
    source->valid_utf8 = valid;
    /* A CR not followed by LF is a line break to CommonMark, but old Mac
     * files are rare enough that we only note them as "mixed". */
    if (lone_cr || (source->crlf_count && source->lf_count))
        source->newline = AWL_NEWLINE_MIXED;
    else if (source->crlf_count)
        source->newline = AWL_NEWLINE_CRLF;
    else if (source->lf_count)
        source->newline = AWL_NEWLINE_LF;
    else
        source->newline = AWL_NEWLINE_NONE;
}

void awl_source_init(awl_source *source, awl_arena *arena, const char *path, const char *bytes,
                     size_t length, bool borrow)
{
    awl_source_init_unmarked(source, arena, path, bytes, length, borrow);
    awl_source_mark(source);
}

size_t awl_source_line_of(const awl_source *source, size_t offset)
{
    size_t lo = 0, hi = source->line_count;
    while (hi - lo > 1) {
        size_t mid = lo + (hi - lo) / 2;
        if (source->line_starts[mid] <= offset)
            lo = mid;
        else
            hi = mid;
    }
    return lo;
}

size_t awl_source_code_points(const awl_source *source, size_t from, size_t to)
{
    const unsigned char *s = (const unsigned char *)source->bytes;
    size_t count = 0, i = from;
    /* Eight bytes at a time: a continuation byte is 10xxxxxx, so its top
     * bit is set and the bit below it (moved up by the shift) is clear. */
    for (; i + AWL_WORD_BYTES <= to; i += AWL_WORD_BYTES) {
        uint64_t word = awl_load_word(s + i);
        count += AWL_WORD_BYTES - awl_word_count_high(word & ~(word << 1));
    }
    for (; i < to; i++)
        count += (s[i] & 0xC0) != 0x80;
    return count;
}

void awl_source_position(const awl_source *source, size_t offset, size_t *line, size_t *column)
{
    if (offset > source->length)
        offset = source->length;
    size_t index = awl_source_line_of(source, offset);
    *line = index + 1;
    *column = 1 + awl_source_code_points(source, source->line_starts[index], offset);
}

bool awl_source_line_is_blank(const awl_source *source, size_t line)
{
    size_t end = awl_source_line_end(source, line);
    for (size_t i = source->line_starts[line]; i < end; i++)
        if (source->bytes[i] != ' ' && source->bytes[i] != '\t')
            return false;
    return true;
}
