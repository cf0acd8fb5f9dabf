/* export: entries as JSON or CSV (see export.h). */
#include "export.h"

#include <stdlib.h>
#include <string.h>

#include "entries.h"
#include "venue.h"
#include "json.h"

/* The document's title: its only level-1 heading, which section paths skip. */
static size_t title_section(const awl_doc *doc)
{
    size_t found = AWL_NONE;
    for (size_t s = 1; s < doc->section_count; s++)
        if (doc->sections[s].level == 1) {
            if (found != AWL_NONE)
                return AWL_NONE;
            found = s;
        }
    return found;
}

/* Section path from the outermost heading in, the title skipped. */
static size_t section_path(const awl_doc *doc, size_t section, size_t title, const char **out,
                           size_t max)
{
    size_t n = 0;
    for (size_t s = section; s != AWL_NONE && s != 0 && n < max; s = doc->sections[s].parent)
        if (s != title)
            out[n++] = doc->blocks[doc->sections[s].heading].text;
    for (size_t i = 0; i < n / 2; i++) { /* innermost first -> outermost first */
        const char *t = out[i];
        out[i] = out[n - 1 - i];
        out[n - 1 - i] = t;
    }
    return n;
}

static void csv_field(awl_buf *b, const char *text)
{
    awl_buf_putc(b, '"');
    for (const char *p = text ? text : ""; *p; p++) {
        if (*p == '"')
            awl_buf_putc(b, '"');
        awl_buf_putc(b, *p);
    }
    awl_buf_putc(b, '"');
}

void awl_export_begin(awl_exporter *e)
{
    e->files = 0;
    if (e->format == AWL_EXPORT_JSON)
        fputs("{\"version\":1,\"files\":[", e->out);
    else
        fputs("path,line,section,title,url,venue,venue_text,year,workshop,tutorial,month,"
              "description,links\r\n",
              e->out);
}

void awl_export_file(awl_exporter *e, const awl_doc *doc)
{
    awl_entries entries;
    awl_entries_extract(doc, &entries);
    size_t title = title_section(doc);
    awl_buf b = {0};
    awl_buf_append(&b, "", 0);
    if (e->format == AWL_EXPORT_JSON) {
        awl_buf_puts(&b, e->files ? ",{\"path\":" : "{\"path\":");
        awl_json_cstring(&b, doc->source.path);
        awl_buf_puts(&b, ",\"entries\":[");
    }
    for (size_t i = 0; i < entries.count; i++) {
        const awl_entry *entry = &entries.items[i];
        const char *path[8];
        size_t depth = section_path(doc, entry->section, title, path, 8);
        const char *url = entry->primary != AWL_NONE ? doc->links[entry->primary].href : NULL;
        const awl_venue_tag *tag = awl_venue_main_tag(&entries, entry);
        if (e->format == AWL_EXPORT_JSON) {
            awl_buf_printf(&b, "%s{\"line\":%zu,\"section\":[", i ? "," : "", entry->line + 1);
            for (size_t s = 0; s < depth; s++) {
                if (s)
                    awl_buf_putc(&b, ',');
                awl_json_cstring(&b, path[s]);
            }
            awl_buf_puts(&b, "],\"title\":");
            awl_json_cstring(&b, entry->title);
            awl_buf_puts(&b, ",\"url\":");
            awl_json_cstring(&b, url);
            awl_buf_puts(&b, ",\"links\":[");
            for (size_t l = 0; l < entry->link_count; l++) {
                awl_buf_puts(&b, l ? ",{\"label\":" : "{\"label\":");
                awl_json_cstring(&b, entry->links[l].label);
                awl_buf_puts(&b, ",\"url\":");
                awl_json_cstring(&b, doc->links[entry->links[l].link].href);
                awl_buf_putc(&b, '}');
            }
            awl_buf_puts(&b, "],\"venue\":");
            awl_json_cstring(&b, entry->venue);
            awl_buf_puts(&b, ",\"venue_text\":");
            awl_json_cstring(&b, entry->venue_text);
            if (entry->year)
                awl_buf_printf(&b, ",\"year\":%d", entry->year);
            else
                awl_buf_puts(&b, ",\"year\":null");
            awl_buf_printf(
                &b, ",\"workshop\":%s,\"workshop_name\":", tag && tag->workshop ? "true" : "false");
            if (tag && tag->workshop_end > tag->workshop_start)
                awl_json_string(&b, doc->source.bytes + tag->workshop_start,
                                tag->workshop_end - tag->workshop_start);
            else
                awl_buf_puts(&b, "null");
            awl_buf_printf(&b, ",\"tutorial\":%s", tag && tag->tutorial ? "true" : "false");
            if (tag && tag->month)
                awl_buf_printf(&b, ",\"month\":%d", tag->month);
            else
                awl_buf_puts(&b, ",\"month\":null");
            awl_buf_puts(&b, ",\"description\":");
            awl_json_cstring(&b, entry->description);
            awl_buf_puts(&b, ",\"shape\":");
            awl_json_cstring(&b, awl_entry_shape_name(entry->shape));
            awl_buf_putc(&b, '}');
        } else {
            csv_field(&b, doc->source.path);
            awl_buf_printf(&b, ",%zu,", entry->line + 1);
            awl_buf joined = {0};
            awl_buf_append(&joined, "", 0);
            for (size_t s = 0; s < depth; s++) {
                if (s)
                    awl_buf_puts(&joined, " > ");
                awl_buf_puts(&joined, path[s]);
            }
            csv_field(&b, joined.data);
            awl_buf_putc(&b, ',');
            csv_field(&b, entry->title);
            awl_buf_putc(&b, ',');
            csv_field(&b, url);
            awl_buf_putc(&b, ',');
            csv_field(&b, entry->venue);
            awl_buf_putc(&b, ',');
            csv_field(&b, entry->venue_text);
            if (entry->year)
                awl_buf_printf(&b, ",%d,", entry->year);
            else
                awl_buf_puts(&b, ",,");
            char *workshop = tag && tag->workshop_end > tag->workshop_start
                                 ? awl_xstrndup(doc->source.bytes + tag->workshop_start,
                                                tag->workshop_end - tag->workshop_start)
                                 : NULL;
            csv_field(&b, workshop ? workshop : tag && tag->workshop ? "yes" : NULL);
            free(workshop);
            awl_buf_putc(&b, ',');
            csv_field(&b, tag && tag->tutorial ? "yes" : NULL);
            awl_buf_putc(&b, ',');
            if (tag && tag->month)
                awl_buf_printf(&b, "%d", tag->month);
            awl_buf_putc(&b, ',');
            csv_field(&b, entry->description);
            awl_buf_putc(&b, ',');
            awl_buf_clear(&joined);
            for (size_t l = 0; l < entry->link_count; l++)
                awl_buf_printf(&joined, "%s%s=%s", l ? " " : "", entry->links[l].label,
                               doc->links[entry->links[l].link].href);
            csv_field(&b, joined.data);
            awl_buf_puts(&b, "\r\n");
            awl_buf_free(&joined);
        }
    }
    if (e->format == AWL_EXPORT_JSON)
        awl_buf_puts(&b, "]}");
    fwrite(b.data, 1, b.len, e->out);
    awl_buf_free(&b);
    awl_entries_free(&entries);
    e->files++;
}

void awl_export_end(awl_exporter *e)
{
    if (e->format == AWL_EXPORT_JSON)
        fputs("]}\n", e->out);
    fflush(e->out);
}
