/*
 * link_targets: the external targets of a document (see link_targets.h).
 * doc.c records links md4c reports; reference definitions no link uses and
 * raw HTML attributes are found here by scanning the lines md4c leaves
 * out (definitions) and the tags outside code.
 */
#include "link_targets.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

bool awl_url_is_external(const char *url)
{
    return strncasecmp(url, "http://", 7) == 0 || strncasecmp(url, "https://", 8) == 0;
}

static void add_target(awl_vec *out, const char *url, size_t start, size_t end, size_t at)
{
    awl_link_target *target = awl_vec_push(out);
    target->url = url;
    target->start = start;
    target->end = end;
    target->at = at;
}

static bool is_blank(char c)
{
    return c == ' ' || c == '\t';
}

/* A URL ends at white space, a control character or `>`. */
static size_t url_length(const char *text, size_t max)
{
    size_t len = 0;
    while (len < max && (unsigned char)text[len] > ' ' && text[len] != '>' && text[len] != 0x7F)
        len++;
    return len;
}

/* `[label]: <url>` or `[label]: url` on a line md4c gave to no block: a
 * reference definition (single-line form). */
static void scan_definition(const awl_doc *doc, size_t line, awl_arena *arena, awl_vec *out)
{
    const char *bytes = doc->source.bytes;
    size_t pos = doc->source.line_starts[line];
    size_t end =
        line + 1 < doc->source.line_count ? doc->source.line_starts[line + 1] : doc->source.length;
    for (int i = 0; i < 3 && pos < end && bytes[pos] == ' '; i++)
        pos++;
    if (pos >= end || bytes[pos] != '[')
        return;
    while (pos < end && bytes[pos] != ']')
        pos += bytes[pos] == '\\' ? 2 : 1;
    if (pos + 1 >= end || bytes[pos + 1] != ':')
        return;
    pos += 2;
    while (pos < end && is_blank(bytes[pos]))
        pos++;
    if (pos < end && bytes[pos] == '<')
        pos++;
    size_t len = url_length(bytes + pos, end - pos);
    char *url = awl_arena_strndup(arena, bytes + pos, len);
    if (awl_url_is_external(url) && !memchr(url, '&', len) && !memchr(url, '\\', len))
        add_target(out, url, pos, pos + len, pos);
}

static bool attribute_named(const char *bytes, size_t pos, size_t end, const char *name,
                            size_t *value)
{
    size_t len = strlen(name);
    if (pos + len >= end || strncasecmp(bytes + pos, name, len) != 0)
        return false;
    pos += len;
    while (pos < end && is_blank(bytes[pos]))
        pos++;
    if (pos >= end || bytes[pos] != '=')
        return false;
    pos++;
    while (pos < end && is_blank(bytes[pos]))
        pos++;
    *value = pos;
    return true;
}

/* The href and src attributes of the tag opening at `pos` (a '<' followed
 * by a letter); returns where the tag ends. */
static size_t scan_tag(const char *bytes, size_t pos, size_t end, awl_arena *arena, awl_vec *out)
{
    pos++;
    while (pos < end && bytes[pos] != '>' && bytes[pos] != '<') {
        bool attribute_start = is_blank(bytes[pos - 1]) || bytes[pos - 1] == '\n' ||
                               bytes[pos - 1] == '"' || bytes[pos - 1] == '\'';
        size_t value;
        if (attribute_start && (attribute_named(bytes, pos, end, "href", &value) ||
                                attribute_named(bytes, pos, end, "src", &value))) {
            char quote =
                value < end && (bytes[value] == '"' || bytes[value] == '\'') ? bytes[value] : 0;
            size_t from = value + (quote ? 1 : 0), to = from;
            while (to < end &&
                   (quote ? bytes[to] != quote : !is_blank(bytes[to]) && bytes[to] != '>') &&
                   bytes[to] != '\n')
                to++;
            char *url = awl_arena_strndup(arena, bytes + from, to - from);
            while (to > from && (url[to - from - 1] == ' ' || url[to - from - 1] == '\t'))
                url[--to - from] = '\0';
            if (awl_url_is_external(url) && !strchr(url, '&'))
                add_target(out, url, from, to, from);
            pos = to > pos ? to : pos + 1;
            continue;
        }
        pos++;
    }
    return pos;
}

static int compare_targets(const void *a, const void *b)
{
    const awl_link_target *x = a, *y = b;
    return x->at < y->at ? -1 : x->at > y->at;
}

void awl_link_targets_collect(const awl_doc *doc, awl_arena *arena, awl_vec *out)
{
    size_t first = out->count;
    for (size_t i = 0; i < doc->link_count; i++) {
        const awl_link *link = &doc->links[i];
        if (!awl_url_is_external(link->href))
            continue;
        size_t at = link->href_start != AWL_NONE   ? link->href_start
                    : link->text_start != AWL_NONE ? link->text_start
                    : link->line != AWL_NONE       ? doc->source.line_starts[link->line]
                                                   : doc->blocks[link->block].start;
        add_target(out, link->href, link->href_start, link->href_end, at);
    }
    const char *bytes = doc->source.bytes;
    for (size_t line = 0; line < doc->source.line_count; line++) {
        uint16_t flags = doc->line_flags[line];
        if (flags & AWL_LINE_CODE)
            continue;
        if (!(flags & AWL_LINE_IN_BLOCK)) {
            scan_definition(doc, line, arena, out);
            continue;
        }
        size_t pos = doc->source.line_starts[line];
        size_t end = line + 1 < doc->source.line_count ? doc->source.line_starts[line + 1]
                                                       : doc->source.length;
        const char *lt;
        while (pos < end && (lt = memchr(bytes + pos, '<', end - pos))) {
            pos = (size_t)(lt - bytes);
            char next = pos + 1 < end ? bytes[pos + 1] : 0;
            bool letter = (next >= 'a' && next <= 'z') || (next >= 'A' && next <= 'Z');
            pos = letter ? scan_tag(bytes, pos, end, arena, out) : pos + 1;
        }
    }
    /* Document order; a definition several links use is one place. */
    awl_link_target *targets = (awl_link_target *)out->items + first;
    size_t count = out->count - first;
    qsort(targets, count, sizeof *targets, compare_targets);
    size_t kept = 0;
    for (size_t i = 0; i < count; i++) {
        if (kept && targets[i].start != AWL_NONE && targets[i].start == targets[kept - 1].start)
            continue;
        targets[kept++] = targets[i];
    }
    out->count = first + kept;
}
