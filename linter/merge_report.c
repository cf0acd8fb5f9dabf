/*
 * merge_report: what awelint merge decided, for the maintainer to review:
 * one line per decision on standard error, or a JSON document (--report).
 */
#include <string.h>

#include "json.h"
#include "merge.h"

static const char *const kind_names[] = {"section", "duplicate", "venue",
                                         "link",    "kept",      "unlinked"};

static void put_place(awl_buf *out, const awl_merge_input *inputs, awl_merge_place place,
                      bool merged)
{
    if (merged) {
        awl_buf_printf(out, "merged list:%zu", place.line);
        return;
    }
    if (place.line)
        awl_buf_printf(out, "%s:%zu", inputs[place.source].name, place.line);
    else
        awl_buf_printf(out, "%s (new)", inputs[place.source].name);
}

void awl_merge_report_text(const awl_merge_result *result, const awl_merge_input *inputs,
                           awl_buf *out)
{
    size_t duplicates = 0;
    for (size_t i = 0; i < result->decision_count; i++) {
        const awl_merge_decision *d = &result->decisions[i];
        put_place(out, inputs, d->from, d->kind == AWL_MERGE_UNLINKED);
        awl_buf_printf(out, ": %s: ", kind_names[d->kind]);
        switch (d->kind) {
        case AWL_MERGE_SECTION:
            if (strncmp(d->detail, "not ", 4) == 0)
                awl_buf_printf(out, "'%s' %s\n", d->title, d->detail);
            else
                awl_buf_printf(out, "'%s' %s as '%s'\n", d->title, d->detail, d->into);
            break;
        case AWL_MERGE_DUPLICATE:
            duplicates++;
            awl_buf_printf(out, "'%s' dropped, a copy of ", d->title);
            put_place(out, inputs, d->kept, false);
            awl_buf_puts(out, "\n");
            break;
        case AWL_MERGE_VENUE:
            awl_buf_printf(out, "'%s': %s\n", d->title, d->detail);
            break;
        case AWL_MERGE_LINK:
            awl_buf_printf(out, "'%s': %s added to ", d->title, d->detail);
            put_place(out, inputs, d->kept, false);
            awl_buf_puts(out, "\n");
            break;
        case AWL_MERGE_UNLINKED:
            awl_buf_printf(out,
                           "'%s': in-page link %s matches no heading of the merged list; "
                           "its text kept\n",
                           d->title, d->detail);
            break;
        case AWL_MERGE_KEPT:
            awl_buf_printf(out, "'%s' kept though a copy of ", d->title);
            put_place(out, inputs, d->kept, false);
            awl_buf_printf(out, ": %s\n", d->detail);
            break;
        }
    }
    awl_buf_printf(out, "merged: %zu entries read, %zu written, %zu duplicates dropped",
                   result->entries_in, result->entries_out, duplicates);
    if (result->descriptions_left_out)
        awl_buf_printf(out, "; %zu descriptions left out (tag-first entries carry none)",
                       result->descriptions_left_out);
    awl_buf_puts(out, "\n");
}

static void json_place(awl_buf *out, const char *name, const awl_merge_input *inputs,
                       awl_merge_place place)
{
    awl_buf_printf(out, "\"%s\":{\"source\":", name);
    awl_json_cstring(out, inputs[place.source].name);
    if (place.line)
        awl_buf_printf(out, ",\"line\":%zu}", place.line);
    else
        awl_buf_puts(out, ",\"line\":null}");
}

void awl_merge_report_json(const awl_merge_result *result, const awl_merge_input *inputs,
                           size_t count, awl_buf *out)
{
    awl_buf_puts(out, "{\"version\":1,\"sources\":[");
    for (size_t s = 0; s < count; s++) {
        if (s)
            awl_buf_putc(out, ',');
        awl_json_cstring(out, inputs[s].name);
    }
    awl_buf_printf(out,
                   "],\"entries_in\":%zu,\"entries_out\":%zu,\"descriptions_left_out\":%zu,"
                   "\"decisions\":[",
                   result->entries_in, result->entries_out, result->descriptions_left_out);
    for (size_t i = 0; i < result->decision_count; i++) {
        const awl_merge_decision *d = &result->decisions[i];
        awl_buf_printf(out, "%s{\"kind\":\"%s\",\"title\":", i ? "," : "", kind_names[d->kind]);
        awl_json_cstring(out, d->title);
        awl_buf_putc(out, ',');
        json_place(out, "kept", inputs, d->kept);
        awl_buf_putc(out, ',');
        json_place(out, "from", inputs, d->from);
        awl_buf_puts(out, ",\"detail\":");
        awl_json_cstring(out, d->detail);
        if (d->into) {
            awl_buf_puts(out, ",\"into\":");
            awl_json_cstring(out, d->into);
        }
        awl_buf_putc(out, '}');
    }
    awl_buf_puts(out, "]}\n");
}
