/*
 * test_corpus_positions: the positions of linter/doc.c checked against the
 * real lists in ../shared/corpus (seeds, real, history).
 *
 * For every .md file found there (the corpus is read in place, never copied
 * into the project), each parsed document must satisfy:
 *  - every block: first_line <= last_line < line_count, and it lies within
 *    its parent's lines;
 *  - every list item: marker_offset lies on first_line and the byte there is
 *    a list marker: the list's bullet (- * +) or, for ordered lists, a digit;
 *  - every heading: its first line holds a `#` after optional indentation,
 *    `>` and list markers (ATX), or it is setext and its last line is an
 *    `=` / `-` underline;
 *  - every link with an href span: the bytes of the span equal the href.
 * Failures name the file, the 1-based line and what was wrong; only the
 * first few per file and per check are printed. When the corpus folder does
 * not exist the test logs that and passes.
 */
#include <criterion/criterion.h>
#include <criterion/logging.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "doc.h"
#include "support.h"

#define CORPUS AWL_TEST_SHARED "/corpus"
#define MAX_REPORTS_PER_FILE 5

typedef struct tally {
    size_t files;
    size_t blocks;
    size_t items;
    size_t headings;
    size_t links;
    size_t failures;
} tally;

typedef struct file_check {
    const char *path;
    const awl_doc *doc;
    size_t failures;
} file_check;

static void fail(file_check *fc, size_t line, const char *what, const char *detail)
{
    if (fc->failures++ < MAX_REPORTS_PER_FILE)
        cr_log_error("%s:%zu: %s%s%s", fc->path, line + 1, what, detail ? ": " : "",
                     detail ? detail : "");
}

/* The line's text (without its newline), shortened for messages. */
static const char *line_text(const awl_doc *doc, size_t line, char *buf, size_t size)
{
    size_t start = doc->source.line_starts[line];
    size_t end = awl_source_line_end(&doc->source, line);
    size_t n = end - start < size - 1 ? end - start : size - 1;
    memcpy(buf, doc->source.bytes + start, n);
    buf[n] = '\0';
    return buf;
}

static bool is_space(char c)
{
    return c == ' ' || c == '\t';
}

/* Skips indentation, block-quote `>` and list markers from `pos` on the
 * line ending at `end`. */
static size_t skip_containers(const char *s, size_t pos, size_t end)
{
    for (;;) {
        while (pos < end && (is_space(s[pos]) || s[pos] == '>'))
            pos++;
        size_t p = pos;
        if (p < end && (s[p] == '-' || s[p] == '*' || s[p] == '+')) {
            p++;
        } else {
            size_t digits = 0;
            while (p < end && s[p] >= '0' && s[p] <= '9' && digits < 9) {
                p++;
                digits++;
            }
            if (!digits || p >= end || (s[p] != '.' && s[p] != ')'))
                return pos;
            p++;
        }
        if (p < end && !is_space(s[p]))
            return pos; /* "-foo" or "1.5" is text, not a marker */
        if (p == end)
            return pos; /* a bare marker is not followed by a heading */
        pos = p;
    }
}

/* True when the line, past its containers, is a run of '=' or of '-' with
 * optional trailing white space. */
static bool is_underline(const awl_doc *doc, size_t line)
{
    const char *s = doc->source.bytes;
    size_t pos = doc->source.line_starts[line];
    size_t end = awl_source_line_end(&doc->source, line);
    while (pos < end && (is_space(s[pos]) || s[pos] == '>'))
        pos++;
    if (pos >= end || (s[pos] != '=' && s[pos] != '-'))
        return false;
    char c = s[pos];
    while (pos < end && s[pos] == c)
        pos++;
    while (pos < end && is_space(s[pos]))
        pos++;
    return pos == end;
}

static void check_blocks(file_check *fc, tally *t)
{
    const awl_doc *doc = fc->doc;
    size_t reported = 0;
    for (size_t i = 0; i < doc->block_count; i++) {
        const awl_block *b = &doc->blocks[i];
        t->blocks++;
        char detail[160];
        if (b->first_line > b->last_line || b->last_line >= doc->source.line_count) {
            snprintf(detail, sizeof detail, "block %zu (kind %d) has lines %zu..%zu of %zu", i,
                     (int)b->kind, b->first_line + 1, b->last_line + 1, doc->source.line_count);
            if (reported++ < MAX_REPORTS_PER_FILE)
                fail(fc, b->first_line < doc->source.line_count ? b->first_line : 0,
                     "bad line range", detail);
            else
                fc->failures++;
            continue;
        }
        if (b->parent != AWL_NONE) {
            const awl_block *parent = &doc->blocks[b->parent];
            if (b->first_line < parent->first_line || b->last_line > parent->last_line) {
                snprintf(detail, sizeof detail,
                         "block %zu (kind %d, lines %zu..%zu) outside its parent %zu (kind %d, "
                         "lines %zu..%zu)",
                         i, (int)b->kind, b->first_line + 1, b->last_line + 1, b->parent,
                         (int)parent->kind, parent->first_line + 1, parent->last_line + 1);
                if (reported++ < MAX_REPORTS_PER_FILE)
                    fail(fc, b->first_line, "block outside its parent", detail);
                else
                    fc->failures++;
            }
        }
    }
}

static void check_items(file_check *fc, tally *t)
{
    const awl_doc *doc = fc->doc;
    const char *s = doc->source.bytes;
    size_t reported = 0;
    for (size_t i = 0; i < doc->block_count; i++) {
        const awl_block *b = &doc->blocks[i];
        if (b->kind != AWL_BLOCK_ITEM || b->first_line >= doc->source.line_count)
            continue;
        t->items++;
        const awl_block *list = b->parent != AWL_NONE ? &doc->blocks[b->parent] : NULL;
        size_t start = doc->source.line_starts[b->first_line];
        size_t end = awl_source_line_end(&doc->source, b->first_line);
        char detail[400], text[100];
        const char *problem = NULL;
        if (b->marker_offset == AWL_NONE) {
            problem = "item without marker_offset";
        } else if (b->marker_offset < start || b->marker_offset >= end) {
            problem = "marker_offset not on the item's first line";
        } else {
            char c = s[b->marker_offset];
            bool bullet = c == '-' || c == '*' || c == '+';
            bool digit = c >= '0' && c <= '9';
            if (!bullet && !digit)
                problem = "no list marker at marker_offset";
            else if (list && list->kind == AWL_BLOCK_LIST && list->ordered && !digit)
                problem = "ordered item whose marker is not a digit";
            else if (list && list->kind == AWL_BLOCK_LIST && !list->ordered && c != list->marker)
                problem = "bullet differs from its list's marker";
        }
        if (!problem)
            continue;
        snprintf(detail, sizeof detail, "marker_offset %zu (line %zu), line reads \"%s\"",
                 b->marker_offset,
                 b->marker_offset == AWL_NONE
                     ? 0
                     : awl_source_line_of(&doc->source, b->marker_offset) + 1,
                 line_text(doc, b->first_line, text, sizeof text));
        if (reported++ < MAX_REPORTS_PER_FILE)
            fail(fc, b->first_line, problem, detail);
        else
            fc->failures++;
    }
}

static void check_headings(file_check *fc, tally *t)
{
    const awl_doc *doc = fc->doc;
    const char *s = doc->source.bytes;
    size_t reported = 0;
    for (size_t i = 0; i < doc->block_count; i++) {
        const awl_block *b = &doc->blocks[i];
        if (b->kind != AWL_BLOCK_HEADING || b->last_line >= doc->source.line_count)
            continue;
        t->headings++;
        size_t start = doc->source.line_starts[b->first_line];
        size_t end = awl_source_line_end(&doc->source, b->first_line);
        size_t at = skip_containers(s, start, end);
        bool atx = at < end && s[at] == '#';
        bool setext = b->setext && b->last_line > b->first_line && is_underline(doc, b->last_line);
        if (atx || setext)
            continue;
        char detail[512], first[100], last[100];
        snprintf(detail, sizeof detail,
                 "heading \"%.40s\" (level %u, %s, lines %zu..%zu): first line \"%s\", last "
                 "line \"%s\"",
                 b->text ? b->text : "", b->level, b->setext ? "setext" : "atx",
                 b->first_line + 1, b->last_line + 1,
                 line_text(doc, b->first_line, first, sizeof first),
                 line_text(doc, b->last_line, last, sizeof last));
        if (reported++ < MAX_REPORTS_PER_FILE)
            fail(fc, b->first_line, "heading not at a # line nor above an underline", detail);
        else
            fc->failures++;
    }
}

static void check_links(file_check *fc, tally *t)
{
    const awl_doc *doc = fc->doc;
    size_t reported = 0;
    for (size_t i = 0; i < doc->link_count; i++) {
        const awl_link *l = &doc->links[i];
        if (l->href_start == AWL_NONE)
            continue;
        t->links++;
        size_t len = strlen(l->href);
        bool ok = l->href_end >= l->href_start && l->href_end <= doc->source.length &&
                  l->href_end - l->href_start == len &&
                  memcmp(doc->source.bytes + l->href_start, l->href, len) == 0;
        if (ok)
            continue;
        char detail[240];
        size_t span = l->href_end > l->href_start ? l->href_end - l->href_start : 0;
        if (l->href_end > doc->source.length)
            span = 0;
        snprintf(detail, sizeof detail, "href \"%.80s\" but span %zu..%zu reads \"%.*s\"", l->href,
                 l->href_start, l->href_end, (int)(span < 80 ? span : 80),
                 doc->source.bytes + (l->href_start < doc->source.length ? l->href_start : 0));
        size_t line = l->href_start < doc->source.length
                          ? awl_source_line_of(&doc->source, l->href_start)
                          : 0;
        if (reported++ < MAX_REPORTS_PER_FILE)
            fail(fc, line, "href span does not hold the href", detail);
        else
            fc->failures++;
    }
}

static void check_file(const char *path, tally *t)
{
    size_t len = 0;
    char *bytes = awl_test_read(path, &len);
    if (!bytes) {
        cr_log_error("%s: cannot read", path);
        t->failures++;
        return;
    }
    awl_doc *doc = awl_doc_parse(path, bytes, len);
    free(bytes);
    file_check fc = {.path = path, .doc = doc};
    if (doc->parse_failed)
        fail(&fc, 0, "md4c gave up", NULL);
    check_blocks(&fc, t);
    check_items(&fc, t);
    check_headings(&fc, t);
    check_links(&fc, t);
    if (fc.failures > MAX_REPORTS_PER_FILE)
        cr_log_error("%s: %zu problems in all", path, fc.failures);
    t->failures += fc.failures;
    t->files++;
    awl_doc_free(doc);
}

static int compare_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Checks every .md file under `dir`, recursively, in name order. */
static void check_tree(const char *dir, tally *t)
{
    DIR *d = opendir(dir);
    if (!d)
        return;
    char **names = NULL;
    size_t count = 0, cap = 0;
    struct dirent *ent;
    while ((ent = readdir(d))) {
        if (ent->d_name[0] == '.')
            continue;
        if (count == cap) {
            cap = cap ? cap * 2 : 64;
            names = realloc(names, cap * sizeof *names);
            cr_assert_not_null(names);
        }
        names[count++] = strdup(ent->d_name);
    }
    closedir(d);
    if (count)
        qsort(names, count, sizeof *names, compare_names);
    for (size_t i = 0; i < count; i++) {
        char path[4096];
        snprintf(path, sizeof path, "%s/%s", dir, names[i]);
        struct stat st;
        if (stat(path, &st) == 0) {
            size_t n = strlen(names[i]);
            if (S_ISDIR(st.st_mode))
                check_tree(path, t);
            else if (S_ISREG(st.st_mode) && n > 3 && strcmp(names[i] + n - 3, ".md") == 0)
                check_file(path, t);
        }
        free(names[i]);
    }
    free(names);
}

Test(corpus_positions, every_file_of_the_corpus)
{
    struct stat st;
    if (stat(CORPUS, &st) != 0 || !S_ISDIR(st.st_mode)) {
        cr_log_info("corpus folder %s not found: nothing to check", CORPUS);
        return;
    }
    tally t = {0};
    const char *parts[] = {"seeds", "real", "history"};
    for (size_t i = 0; i < sizeof parts / sizeof parts[0]; i++) {
        char dir[4096];
        snprintf(dir, sizeof dir, "%s/%s", CORPUS, parts[i]);
        if (stat(dir, &st) != 0) {
            cr_log_info("%s not found: skipped", dir);
            continue;
        }
        check_tree(dir, &t);
    }
    cr_log_info("checked %zu files: %zu blocks, %zu items, %zu headings, %zu href spans", t.files,
                t.blocks, t.items, t.headings, t.links);
    cr_expect_gt(t.files, 0, "the corpus folder holds no .md file");
    cr_assert_eq(t.failures, 0, "%zu position problems in the corpus (see the log above)",
                 t.failures);
}
