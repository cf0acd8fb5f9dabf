/*
 * slug: GitHub's heading anchors.
 *
 * Lowercase; drop every character that is not a letter, mark, digit,
 * connector (`_`), space or `-`; each space becomes `-`. Dropped characters
 * leave the spaces around them, so `## 🚀 Tools` is `-tools`. Repeats get
 * -1, -2, ... in document order (done by the caller, doc.c).
 *
 * Also the two normalisations in-page links need before they are compared
 * with slugs: lowercasing and %XX decoding.
 */
#include <string.h>
#include <utf8proc.h>

#include "doc.h"

static bool keeps(utf8proc_int32_t cp)
{
    if (cp == ' ' || cp == '-' || cp == '_')
        return true;
    if (cp < 0x80)
        return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') || (cp >= '0' && cp <= '9');
    switch (utf8proc_category(cp)) {
    case UTF8PROC_CATEGORY_LU:
    case UTF8PROC_CATEGORY_LL:
    case UTF8PROC_CATEGORY_LT:
    case UTF8PROC_CATEGORY_LM:
    case UTF8PROC_CATEGORY_LO:
    case UTF8PROC_CATEGORY_MN:
    case UTF8PROC_CATEGORY_MC:
    case UTF8PROC_CATEGORY_ME:
    case UTF8PROC_CATEGORY_ND:
    case UTF8PROC_CATEGORY_NL:
    case UTF8PROC_CATEGORY_NO:
    case UTF8PROC_CATEGORY_PC:
        return true;
    default:
        return false;
    }
}

char *awl_slug(awl_arena *arena, const char *text, size_t len)
{
    /* Lowercasing can grow a character by at most 4/3 in UTF-8 bytes; 4x is safe. */
    char *slug = awl_arena_alloc(arena, len * 4 + 1);
    size_t out = 0;
    size_t i = 0;
    while (i < len) {
        utf8proc_int32_t cp;
        utf8proc_ssize_t step =
            utf8proc_iterate((const utf8proc_uint8_t *)text + i, (utf8proc_ssize_t)(len - i), &cp);
        if (step <= 0) { /* invalid byte: GitHub would drop it too */
            i++;
            continue;
        }
        i += (size_t)step;
        if (!keeps(cp))
            continue;
        if (cp == ' ') {
            slug[out++] = '-';
            continue;
        }
        out += (size_t)utf8proc_encode_char(utf8proc_tolower(cp), (utf8proc_uint8_t *)slug + out);
    }
    slug[out] = '\0';
    return slug;
}

char *awl_lowercase(awl_arena *arena, const char *text, size_t len, size_t *out_len)
{
    char *out = awl_arena_alloc(arena, len * 4 + 1);
    size_t w = 0;
    for (size_t i = 0; i < len;) {
        utf8proc_int32_t cp;
        utf8proc_ssize_t step =
            utf8proc_iterate((const utf8proc_uint8_t *)text + i, (utf8proc_ssize_t)(len - i), &cp);
        if (step <= 0) {
            out[w++] = text[i++];
            continue;
        }
        i += (size_t)step;
        w += (size_t)utf8proc_encode_char(utf8proc_tolower(cp), (utf8proc_uint8_t *)out + w);
    }
    out[w] = '\0';
    if (out_len)
        *out_len = w;
    return out;
}

static int hex_value(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

char *awl_fragment_decode(awl_arena *arena, const char *frag, size_t len, size_t *out_len)
{
    char *out = awl_arena_alloc(arena, len + 1);
    size_t w = 0;
    for (size_t i = 0; i < len; i++) {
        if (frag[i] == '%' && i + 2 < len) {
            int h = hex_value(frag[i + 1]), l = hex_value(frag[i + 2]);
            if (h >= 0 && l >= 0) {
                out[w++] = (char)(h * 16 + l);
                i += 2;
                continue;
            }
        }
        out[w++] = frag[i];
    }
    out[w] = '\0';
    if (!awl_utf8_validate(out, w, NULL)) {
        if (out_len)
            *out_len = len;
        return awl_arena_strndup(arena, frag, len);
    }
    if (out_len)
        *out_len = w;
    return out;
}
