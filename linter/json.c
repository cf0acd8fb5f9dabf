/* json: string escaping for the json, sarif and export outputs. */
#include "json.h"

#include <string.h>

#include "source.h"

void awl_json_string(awl_buf *out, const char *text, size_t len)
{
    if (!text) {
        awl_buf_puts(out, "null");
        return;
    }
    awl_buf_putc(out, '"');
    const unsigned char *s = (const unsigned char *)text;
    size_t i = 0;
    while (i < len) {
        /* Copy a run of bytes that need no escaping in one go. */
        size_t run = i;
        while (run < len && s[run] >= 0x20 && s[run] < 0x7f && s[run] != '"' && s[run] != '\\')
            run++;
        if (run > i) {
            awl_buf_append(out, text + i, run - i);
            i = run;
            continue;
        }
        unsigned char c = s[i];
        if (c >= 0x80) {
            size_t step = awl_utf8_sequence_length(s + i, len - i);
            if (step) {
                awl_buf_append(out, text + i, step);
                i += step;
            } else {
                awl_buf_puts(out, "\\ufffd");
                i++;
            }
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
        default:
            if (c < 0x20 || c == 0x7f)
                awl_buf_printf(out, "\\u%04x", c);
            else
                awl_buf_putc(out, (char)c);
        }
        i++;
    }
    awl_buf_putc(out, '"');
}

void awl_json_cstring(awl_buf *out, const char *text)
{
    awl_json_string(out, text, text ? strlen(text) : 0);
}
