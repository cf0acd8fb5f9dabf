/* json: string escaping for the json, sarif and export outputs. */
#include "json.h"

#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "byte_scan.h"
#include "source.h"

/* What a byte needs in a JSON string: 0 nothing, 1 an escape, 2 a check
 * that it starts a valid UTF-8 sequence. */
enum { JSON_PLAIN = 0, JSON_ESCAPE = 1, JSON_UTF8 = 2 };

static unsigned char json_byte_class(unsigned char c)
{
    if (c >= 0x80)
        return JSON_UTF8;
    return c < 0x20 || c == 0x7f || c == '"' || c == '\\' ? JSON_ESCAPE : JSON_PLAIN;
}

/* json_byte_class for every byte, built on first use. */
static const unsigned char *json_classes(void)
{
    static unsigned char table[256];
    static bool ready;
    if (!ready) {
        for (int c = 0; c < 256; c++)
            table[c] = json_byte_class((unsigned char)c);
        ready = true;
    }
    return table;
}

/* True when none of the eight bytes at s needs a second look: each is
 * printable ASCII other than '"' and '\\'. The word tests may flag a plain
 * word, which is then looked at byte by byte; they never pass a word that
 * needs escaping. */
static bool word_is_plain(const unsigned char *s)
{
    uint64_t word = awl_load_word(s);
    return !awl_word_has_unprintable(word) && !awl_word_has_byte(word, '"') &&
           !awl_word_has_byte(word, '\\');
}

void awl_json_string(awl_buf *out, const char *text, size_t len)
{
    if (!text) {
        awl_buf_puts(out, "null");
        return;
    }
    const unsigned char *table = json_classes();
    /* Room for the common case, a string with nothing to escape. */
    awl_buf_reserve(out, len + 2);
    awl_buf_putc(out, '"');
    const unsigned char *s = (const unsigned char *)text;
    size_t i = 0;
    while (i < len) {
        /* Copy a run of bytes that need no escaping (valid UTF-8
         * sequences included) in one go. */
        size_t run = i;
        while (run < len) {
            if (run + AWL_WORD_BYTES <= len && word_is_plain(s + run)) {
                run += AWL_WORD_BYTES;
                continue;
            }
            size_t step = table[s[run]] == JSON_PLAIN ? 1
                          : table[s[run]] == JSON_UTF8
                              ? awl_utf8_sequence_length(s + run, len - run)
                              : 0;
            if (!step)
                break;
            run += step;
        }
        if (run > i) {
            awl_buf_append(out, text + i, run - i);
            i = run;
            continue;
        }
        unsigned char c = s[i];
        if (c >= 0x80) { /* not valid UTF-8 */
            awl_buf_puts(out, "\\ufffd");
            i++;
            continue;
        }
        switch (c) {
        case '"':
            awl_buf_puts(out, "\\\"");
            break;
        case '\\':
            awl_buf_puts(out, "\\\\");
            break;
        case '\n':
            awl_buf_puts(out, "\\n");
            break;
        case '\r':
            awl_buf_puts(out, "\\r");
            break;
        case '\t':
            awl_buf_puts(out, "\\t");
            break;
        default: {
            static const char hex[] = "0123456789abcdef";
            char escape[6] = {'\\', 'u', '0', '0', hex[c >> 4], hex[c & 15]};
            awl_buf_append(out, escape, sizeof escape);
            break;
        }
        }
        i++;
    }
    awl_buf_putc(out, '"');
}

void awl_json_cstring(awl_buf *out, const char *text)
{
    awl_json_string(out, text, text ? strlen(text) : 0);
}
