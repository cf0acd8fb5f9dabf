/* report: text, json, sarif and github output of findings (see report.h). */
#include "report.h"

#include <string.h>

#include "fix.h"
#include "json.h"
#include "rule.h"

static const char *color_of(awl_severity severity)
{
    switch (severity) {
    case AWL_SEVERITY_ERROR:
        return "\033[1;31m";
    case AWL_SEVERITY_WARNING:
        return "\033[1;33m";
    default:
        return "\033[1;36m";
    }
}

void awl_report_begin(awl_report *report)
{
    report->files = report->errors = report->warnings = report->infos = 0;
    report->fixable = report->fixed = 0;
    memset(&report->body, 0, sizeof report->body);
    awl_buf_append(&report->body, "", 0);
    if (report->format == AWL_FORMAT_JSON)
        fputs("{\"version\":1,\"files\":[", report->out);
}

typedef struct span_position {
    size_t line, column, end_line, end_column;
} span_position;

/* Where the previous finding started: findings come sorted by offset, so
 * each one's line is found by walking on from there, and a finding on the
 * same line counts its column on from there too (long lines of a list
 * often carry several). */
typedef struct position_cursor {
    size_t line;   /* 0-based */
    size_t offset; /* AWL_NONE before the first finding */
    size_t column; /* 1-based column of offset */
} position_cursor;

static span_position position_of(const awl_doc *doc, const awl_diag *d, position_cursor *at)
{
    const awl_source *src = &doc->source;
    span_position p;
    size_t start = d->start < src->length ? d->start : src->length;
    size_t line = awl_source_line_near(src, start, at->line);
    size_t column;
    if (at->offset != AWL_NONE && line == at->line && start >= at->offset)
        column = at->column + awl_source_code_points(src, at->offset, start);
    else
        column = 1 + awl_source_code_points(src, src->line_starts[line], start);
    at->line = line;
    at->offset = start;
    at->column = column;
    p.line = line + 1;
    p.column = column;
    /* Most spans end on their first line: count on from the start. */
    if (d->start <= d->end && d->end < awl_source_line_next(src, line)) {
        p.end_line = p.line;
        p.end_column = p.column + awl_source_code_points(src, d->start, d->end);
    } else {
        awl_source_position(src, d->end, &p.end_line, &p.end_column);
    }
    return p;
}

/* GitHub workflow commands: data escapes %, CR, LF; properties also : and ,. */
static void github_escape(FILE *out, const char *text, bool property)
{
    for (const char *p = text; *p; p++) {
        if (*p == '%')
            fputs("%25", out);
        else if (*p == '\r')
            fputs("%0D", out);
        else if (*p == '\n')
            fputs("%0A", out);
        else if (property && *p == ':')
            fputs("%3A", out);
        else if (property && *p == ',')
            fputs("%2C", out);
        else
            fputc(*p, out);
    }
}

static void write_text(awl_report *r, const awl_doc *doc, const awl_diag *d, position_cursor *at)
{
    span_position p = position_of(doc, d, at);
    const char *sev = awl_severity_name(d->severity);
    if (r->color)
        fprintf(r->out, "\033[1m%s:%zu:%zu:\033[0m %s%s:\033[0m %s \033[2m[%s]\033[0m\n",
                doc->source.path, p.line, p.column, color_of(d->severity), sev, d->message,
                d->rule->id);
    else
        fprintf(r->out, "%s:%zu:%zu: %s: %s [%s]\n", doc->source.path, p.line, p.column, sev,
                d->message, d->rule->id);
}

static void write_github(awl_report *r, const awl_doc *doc, const awl_diag *d, position_cursor *at)
{
    span_position p = position_of(doc, d, at);
    const char *command = d->severity == AWL_SEVERITY_ERROR     ? "error"
                          : d->severity == AWL_SEVERITY_WARNING ? "warning"
                                                                : "notice";
    fprintf(r->out, "::%s file=", command);
    github_escape(r->out, doc->source.path, true);
    fprintf(r->out, ",line=%zu,col=%zu,endLine=%zu,endColumn=%zu,title=", p.line, p.column,
            p.end_line, p.end_column);
    github_escape(r->out, d->rule->id, true);
    fputs("::", r->out);
    github_escape(r->out, d->message, false);
    fputc('\n', r->out);
}

static void append_json_diag(awl_report *r, const awl_doc *doc, const awl_diag *d, bool first,
                             position_cursor *at)
{
    span_position p = position_of(doc, d, at);
    awl_buf *b = &r->body;
    awl_buf_puts(b, first ? "{\"rule\":\"" : ",{\"rule\":\"");
    awl_buf_puts(b, d->rule->id); /* kebab-case: nothing to escape */
    awl_buf_puts(b, "\",\"severity\":\"");
    awl_buf_puts(b, awl_severity_name(d->severity));
    awl_buf_puts(b, "\",\"line\":");
    awl_buf_put_size(b, p.line);
    awl_buf_puts(b, ",\"column\":");
    awl_buf_put_size(b, p.column);
    awl_buf_puts(b, ",\"end_line\":");
    awl_buf_put_size(b, p.end_line);
    awl_buf_puts(b, ",\"end_column\":");
    awl_buf_put_size(b, p.end_column);
    awl_buf_puts(b, ",\"message\":");
    awl_json_cstring(b, d->message);
    awl_buf_puts(b, awl_fix_applies(d, r->unsafe_fixes) ? ",\"fixable\":true,\"fix\":\""
                                                        : ",\"fixable\":false,\"fix\":\"");
    awl_buf_puts(b, d->fix == AWL_FIX_SAFE     ? "safe\"}"
                    : d->fix == AWL_FIX_UNSAFE ? "unsafe\"}"
                                               : "none\"}");
}

static const char *sarif_level(awl_severity severity)
{
    return severity == AWL_SEVERITY_ERROR     ? "error"
           : severity == AWL_SEVERITY_WARNING ? "warning"
                                              : "note";
}

/* A SARIF artifact URI: the path with every byte outside RFC 3986's
 * unreserved set and '/' percent-encoded ("my list.md" -> "my%20list.md"). */
static void append_sarif_uri(awl_buf *b, const char *path)
{
    static const char hex[] = "0123456789ABCDEF";
    awl_buf_putc(b, '"');
    for (const unsigned char *p = (const unsigned char *)path; *p; p++) {
        if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
            strchr("-._~/", *p)) {
            awl_buf_putc(b, (char)*p);
        } else {
            awl_buf_putc(b, '%');
            awl_buf_putc(b, hex[*p >> 4]);
            awl_buf_putc(b, hex[*p & 15]);
        }
    }
    awl_buf_putc(b, '"');
}

/* A SARIF region over [start, end): lines and code-point columns (what
 * viewers show) and the byte offsets (what a fix tool applies). */
static void append_sarif_region(awl_buf *b, const awl_doc *doc, size_t start, size_t end)
{
    size_t line, column, end_line, end_column;
    awl_source_position(&doc->source, start, &line, &column);
    awl_source_position(&doc->source, end, &end_line, &end_column);
    awl_buf_printf(b, "{\"startLine\":%zu,\"startColumn\":%zu,\"endLine\":%zu,"
                      "\"endColumn\":%zu,\"byteOffset\":%zu,\"byteLength\":%zu}",
                   line, column, end_line, end_column, start, end - start);
}

static void append_sarif_result(awl_report *r, const awl_doc *doc, const awl_diag *d)
{
    awl_buf *b = &r->body;
    if (b->len)
        awl_buf_putc(b, ',');
    awl_buf_puts(b, "{\"ruleId\":");
    awl_json_cstring(b, d->rule->id);
    awl_buf_printf(b, ",\"ruleIndex\":%zu,\"level\":\"%s\",\"message\":{\"text\":",
                   awl_rule_index(d->rule->id), sarif_level(d->severity));
    awl_json_cstring(b, d->message);
    awl_buf_puts(b, "},\"locations\":[{\"physicalLocation\":{\"artifactLocation\":{\"uri\":");
    append_sarif_uri(b, doc->source.path);
    awl_buf_puts(b, "},\"region\":");
    append_sarif_region(b, doc, d->start, d->end);
    awl_buf_puts(b, "}}]");
    if (d->edit_count) {
        awl_buf_puts(b, ",\"fixes\":[{\"description\":{\"text\":");
        awl_json_cstring(b, d->fix == AWL_FIX_UNSAFE ? "unsafe fix (--unsafe-fixes)"
                                                     : "safe fix (--fix)");
        awl_buf_puts(b, "},\"artifactChanges\":[{\"artifactLocation\":{\"uri\":");
        append_sarif_uri(b, doc->source.path);
        awl_buf_puts(b, "},\"replacements\":[");
        for (size_t i = 0; i < d->edit_count; i++) {
            const awl_edit *e = &d->edits[i];
            awl_buf_puts(b, i ? ",{\"deletedRegion\":" : "{\"deletedRegion\":");
            append_sarif_region(b, doc, e->start, e->end);
            awl_buf_puts(b, ",\"insertedContent\":{\"text\":");
            awl_json_string(b, e->replacement, e->replacement_len);
            awl_buf_puts(b, "}}");
        }
        awl_buf_puts(b, "]}]}]");
    }
    awl_buf_putc(b, '}');
}

void awl_report_file(awl_report *r, const awl_doc *doc, const awl_diags *diags, size_t fixed)
{
    r->files++;
    r->fixed += fixed;
    if (r->format == AWL_FORMAT_JSON) {
        if (r->files > 1)
            awl_buf_putc(&r->body, ',');
        awl_buf_puts(&r->body, "{\"path\":");
        awl_json_cstring(&r->body, doc->source.path);
        awl_buf_puts(&r->body, ",\"diagnostics\":[");
    }
    position_cursor at = {0, AWL_NONE, 1};
    for (size_t i = 0; i < diags->items.count; i++) {
        const awl_diag *d = awl_diags_at(diags, i);
        if (d->severity == AWL_SEVERITY_ERROR)
            r->errors++;
        else if (d->severity == AWL_SEVERITY_WARNING)
            r->warnings++;
        else
            r->infos++;
        if (awl_fix_applies(d, r->unsafe_fixes))
            r->fixable++;
        switch (r->format) {
        case AWL_FORMAT_TEXT:
            write_text(r, doc, d, &at);
            break;
        case AWL_FORMAT_GITHUB:
            write_github(r, doc, d, &at);
            break;
        case AWL_FORMAT_JSON:
            append_json_diag(r, doc, d, i == 0, &at);
            /* Written out in pieces: a big file's findings (megabytes of
             * JSON) are never held whole. */
            if (r->body.len >= 65536) {
                fwrite(r->body.data, 1, r->body.len, r->out);
                r->body.len = 0;
            }
            break;
        case AWL_FORMAT_SARIF:
            append_sarif_result(r, doc, d);
            break;
        }
    }
    if (r->format == AWL_FORMAT_JSON) {
        awl_buf_puts(&r->body, "]}");
        /* Stream big runs instead of holding every file's findings. */
        fwrite(r->body.data, 1, r->body.len, r->out);
        r->body.len = 0;
    }
}

/* A rule's help in Markdown: the summary in bold, then the explanation,
 * whose four-space example lines become code blocks (a blank line must come
 * before an indented code block, or it continues the paragraph above). */
static void append_help_markdown(awl_buf *out, awl_buf *scratch, const awl_rule *rule)
{
    awl_buf_clear(scratch);
    awl_buf_printf(scratch, "**%s**: %s.\n\n", rule->id, rule->summary);
    bool in_code = false;
    for (const char *line = rule->explanation; *line;) {
        size_t len = strcspn(line, "\n");
        bool code = len >= 4 && strncmp(line, "    ", 4) == 0;
        if (len && code != in_code) /* a blank line between prose and code */
            awl_buf_putc(scratch, '\n');
        if (len)
            in_code = code;
        awl_buf_append(scratch, line, len);
        awl_buf_putc(scratch, '\n');
        line += len + (line[len] == '\n');
    }
    awl_json_string(out, scratch->data, scratch->len);
}

static void write_sarif(awl_report *r)
{
    FILE *out = r->out;
    awl_buf head = {0}, markdown = {0};
    awl_buf_puts(&head, "{\"$schema\":\"https://json.schemastore.org/sarif-2.1.0.json\","
                        "\"version\":\"2.1.0\",\"runs\":[{\"tool\":{\"driver\":{\"name\":\"awelint\","
                        "\"version\":\"" AWL_VERSION "\",\"rules\":[");
    for (size_t i = 0; i < awl_rule_count; i++) {
        const awl_rule *rule = awl_rules[i];
        awl_buf_puts(&head, i ? ",{\"id\":" : "{\"id\":");
        awl_json_cstring(&head, rule->id);
        awl_buf_puts(&head, ",\"shortDescription\":{\"text\":");
        awl_json_cstring(&head, rule->summary);
        awl_buf_puts(&head, "},\"fullDescription\":{\"text\":");
        awl_json_cstring(&head, rule->explanation);
        awl_buf_puts(&head, "},\"help\":{\"text\":");
        awl_json_cstring(&head, rule->explanation);
        awl_buf_puts(&head, ",\"markdown\":");
        append_help_markdown(&head, &markdown, rule);
        awl_buf_printf(&head, "},\"defaultConfiguration\":{\"level\":\"%s\"},"
                              "\"properties\":{\"category\":",
                       sarif_level(rule->severity));
        awl_json_cstring(&head, rule->category);
        awl_buf_puts(&head, "}}");
    }
    awl_buf_puts(&head, "]}},\"columnKind\":\"unicodeCodePoints\",\"results\":[");
    fwrite(head.data, 1, head.len, out);
    fwrite(r->body.data, 1, r->body.len, out);
    fputs("]}]}\n", out);
    awl_buf_free(&head);
    awl_buf_free(&markdown);
}

void awl_report_end(awl_report *r)
{
    switch (r->format) {
    case AWL_FORMAT_JSON:
        fprintf(r->out,
                "],\"summary\":{\"files\":%zu,\"errors\":%zu,\"warnings\":%zu,\"infos\":%zu,"
                "\"fixable\":%zu,\"fixed\":%zu}}\n",
                r->files, r->errors, r->warnings, r->infos, r->fixable, r->fixed);
        break;
    case AWL_FORMAT_SARIF:
        write_sarif(r);
        break;
    case AWL_FORMAT_TEXT:
        if (r->quiet)
            break;
        {
            size_t total = r->errors + r->warnings + r->infos;
            if (r->fixed)
                fprintf(r->out, "Fixed %zu problem%s.\n", r->fixed, r->fixed == 1 ? "" : "s");
            if (total == 0)
                fprintf(r->out, "No problems in %zu file%s.\n", r->files, r->files == 1 ? "" : "s");
            else
                fprintf(r->out,
                        "%zu problem%s (%zu error%s, %zu warning%s, %zu info) in %zu file%s; "
                        "%zu fixable with --fix.\n",
                        total, total == 1 ? "" : "s", r->errors, r->errors == 1 ? "" : "s",
                        r->warnings, r->warnings == 1 ? "" : "s", r->infos, r->files,
                        r->files == 1 ? "" : "s", r->fixable);
        }
        break;
    case AWL_FORMAT_GITHUB:
        break;
    }
    fflush(r->out);
    awl_buf_free(&r->body);
}

bool awl_report_fails(const awl_diags *diags, awl_severity fail_on)
{
    for (size_t i = 0; i < diags->items.count; i++)
        if (awl_diags_at(diags, i)->severity >= fail_on)
            return true;
    return false;
}
