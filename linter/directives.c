/* directives: awelint-disable/enable comments turned into silenced line ranges. */
#include "directives.h"

#include <stdlib.h>
#include <string.h>

#include "rule.h"

typedef struct range_builder {
    awl_vec ranges;     /* awl_directive_range */
    awl_vec open;       /* awl_directive_range still waiting for their enable */
    size_t last_line;
} range_builder;

static void add_range(awl_vec *ranges, size_t rule, size_t first, size_t last)
{
    awl_directive_range *r = awl_vec_push(ranges);
    r->rule = rule;
    r->first_line = first;
    r->last_line = last;
}

/* Closes open ranges for `rule` (AWL_NONE: all of them) at `line`. */
static void close_open(range_builder *rb, size_t rule, size_t line)
{
    size_t keep = 0;
    for (size_t i = 0; i < rb->open.count; i++) {
        awl_directive_range *r = awl_vec_at(&rb->open, i);
        if (rule == AWL_NONE || r->rule == rule) {
            add_range(&rb->ranges, r->rule, r->first_line, line);
        } else {
            *(awl_directive_range *)awl_vec_at(&rb->open, keep++) = *r;
        }
    }
    rb->open.count = keep;
}

static bool is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* Calls back for each comma- or space-separated rule name in [p, end);
 * none at all means "every rule". */
static void each_rule(range_builder *rb, const char *p, const char *end, int kind, size_t line)
{
    bool named = false; /* some name was given, known or not */
    while (p < end) {
        while (p < end && (is_space(*p) || *p == ','))
            p++;
        const char *name = p;
        while (p < end && !is_space(*p) && *p != ',')
            p++;
        if (p == name)
            break;
        char id[64];
        size_t len = (size_t)(p - name) < sizeof id - 1 ? (size_t)(p - name) : sizeof id - 1;
        memcpy(id, name, len);
        id[len] = '\0';
        named = true;
        size_t rule = awl_rule_index(id);
        if (rule == AWL_NONE)
            continue; /* unknown names silence nothing */
        if (kind == 0)
            add_range(&rb->open, rule, line, 0);
        else if (kind == 1)
            close_open(rb, rule, line);
        else if (kind == 2)
            add_range(&rb->ranges, rule, line + 1, line + 1);
        else
            add_range(&rb->ranges, rule, 0, rb->last_line);
    }
    if (named)
        return;
    if (kind == 0)
        add_range(&rb->open, AWL_NONE, line, 0);
    else if (kind == 1)
        close_open(rb, AWL_NONE, line);
    else if (kind == 2)
        add_range(&rb->ranges, AWL_NONE, line + 1, line + 1);
    else
        add_range(&rb->ranges, AWL_NONE, 0, rb->last_line);
}

void awl_directives_read(const awl_doc *doc, awl_directives *out)
{
    range_builder rb;
    awl_vec_init(&rb.ranges, sizeof(awl_directive_range));
    awl_vec_init(&rb.open, sizeof(awl_directive_range));
    rb.last_line = doc->source.line_count ? doc->source.line_count - 1 : 0;
    static const char *const words[] = {"awelint-disable-next-line", "awelint-disable-file",
                                        "awelint-disable", "awelint-enable"};
    static const int kinds[] = {2, 3, 0, 1};
    for (size_t i = 0; i < doc->comment_count; i++) {
        const awl_html_comment *c = &doc->comments[i];
        const char *p = doc->source.bytes + c->start + 4; /* past "<!--" */
        const char *end = doc->source.bytes + c->end;
        if (end - p >= 3 && memcmp(end - 3, "-->", 3) == 0)
            end -= 3;
        while (p < end && is_space(*p))
            p++;
        for (size_t w = 0; w < 4; w++) {
            size_t len = strlen(words[w]);
            if ((size_t)(end - p) >= len && memcmp(p, words[w], len) == 0 &&
                (p + len == end || is_space(p[len]))) {
                /* A disable-next-line comment silences the line after the
                 * comment's last line. */
                size_t line = kinds[w] == 2 ? awl_source_line_of(&doc->source, c->end ? c->end - 1 : 0)
                                            : c->line;
                each_rule(&rb, p + len, end, kinds[w], line);
                break;
            }
        }
    }
    close_open(&rb, AWL_NONE, rb.last_line);
    awl_vec_free(&rb.open);
    out->ranges = rb.ranges.items;
    out->count = rb.ranges.count;
}

bool awl_directives_silence(const awl_directives *directives, size_t rule, size_t line)
{
    for (size_t i = 0; i < directives->count; i++) {
        const awl_directive_range *r = &directives->ranges[i];
        if ((r->rule == AWL_NONE || r->rule == rule) && line >= r->first_line &&
            line <= r->last_line)
            return true;
    }
    return false;
}

void awl_directives_free(awl_directives *directives)
{
    free(directives->ranges);
    directives->ranges = NULL;
    directives->count = 0;
}
