/*
 * diff: the unified diff --diff prints.
 *
 * Lines are compared by hash, then exactly. After trimming the common head
 * and tail, Myers' O(ND) algorithm finds the shortest edit script; when the
 * two middles have the same number of lines (the common case for a fix:
 * lines changed in place) a line-by-line comparison is used instead, which
 * costs nothing even when every line changed (CR LF to LF). Past a bound on
 * the edit distance the whole middle becomes one hunk.
 */
#include "diff.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "strmap.h"

enum { CONTEXT = 3, MAX_EDIT_DISTANCE = 2000 };

typedef struct line_ref {
    const char *text;
    size_t len; /* with its newline */
    uint64_t hash;
} line_ref;

typedef struct lines {
    line_ref *items;
    size_t count;
} lines;

static void split_lines(const char *text, size_t len, lines *out)
{
    size_t count = 0;
    for (size_t i = 0; i < len; i++)
        count += text[i] == '\n';
    count += len && text[len - 1] != '\n';
    out->items = awl_xcalloc(count + 1, sizeof *out->items);
    out->count = 0;
    size_t start = 0;
    for (size_t i = 0; i < len; i++)
        if (text[i] == '\n' || i + 1 == len) {
            line_ref *l = &out->items[out->count++];
            l->text = text + start;
            l->len = i + 1 - start;
            l->hash = awl_hash_bytes(l->text, l->len);
            start = i + 1;
        }
}

static bool same(const line_ref *a, const line_ref *b)
{
    return a->hash == b->hash && a->len == b->len && memcmp(a->text, b->text, a->len) == 0;
}

/* op per line of the edit script: ' ' keep, '-' delete (old), '+' insert (new). */
typedef struct script {
    char *ops;
    size_t count;
} script;

static void push(script *s, char op)
{
    s->ops[s->count++] = op;
}

/* Myers' greedy algorithm with the V array of each step kept for the trace
 * back. Returns false when the distance exceeds MAX_EDIT_DISTANCE. */
static bool myers(const line_ref *a, size_t n, const line_ref *b, size_t m, script *out)
{
    size_t max = n + m;
    if (max > MAX_EDIT_DISTANCE)
        max = MAX_EDIT_DISTANCE;
    size_t width = 2 * max + 1;
    long *trace = NULL;
    long *v = awl_xcalloc(width, sizeof *v);
    size_t steps = 0;
    long offset = (long)max;
    bool found = false;
    for (long d = 0; d <= (long)max && !found; d++) {
        trace = awl_xrealloc(trace, (steps + 1) * width * sizeof *trace);
        memcpy(trace + steps * width, v, width * sizeof *v);
        steps++;
        for (long k = -d; k <= d; k += 2) {
            long x;
            if (k == -d || (k != d && v[offset + k - 1] < v[offset + k + 1]))
                x = v[offset + k + 1];
            else
                x = v[offset + k - 1] + 1;
            long y = x - k;
            while (x < (long)n && y < (long)m && same(&a[x], &b[y])) {
                x++;
                y++;
            }
            v[offset + k] = x;
            if (x >= (long)n && y >= (long)m) {
                found = true;
                break;
            }
        }
    }
    if (!found) {
        free(v);
        free(trace);
        return false;
    }
    /* Trace back from (n, m), collecting ops in reverse. */
    char *rev = awl_xmalloc(n + m + 1);
    size_t r = 0;
    long x = (long)n, y = (long)m;
    for (long d = (long)steps - 1; d >= 0; d--) {
        long *vd = trace + d * (long)width;
        long k = x - y;
        if (d == 0) {
            while (x > 0 && y > 0) {
                rev[r++] = ' ';
                x--;
                y--;
            }
            break;
        }
        long prev_k = (k == -d || (k != d && vd[offset + k - 1] < vd[offset + k + 1])) ? k + 1
                                                                                       : k - 1;
        long prev_x = vd[offset + prev_k];
        long prev_y = prev_x - prev_k;
        while (x > prev_x && y > prev_y) {
            rev[r++] = ' ';
            x--;
            y--;
        }
        if (x == prev_x)
            rev[r++] = '+', y--;
        else
            rev[r++] = '-', x--;
    }
    while (r)
        push(out, rev[--r]);
    free(rev);
    free(v);
    free(trace);
    return true;
}

static void emit_line(awl_buf *out, char op, const line_ref *l)
{
    awl_buf_putc(out, op);
    awl_buf_append(out, l->text, l->len);
    if (!l->len || l->text[l->len - 1] != '\n')
        awl_buf_puts(out, "\n\\ No newline at end of file\n");
}

bool awl_diff_unified(const char *label, const char *old_text, size_t old_len,
                      const char *new_text, size_t new_len, awl_buf *out)
{
    lines a, b;
    split_lines(old_text, old_len, &a);
    split_lines(new_text, new_len, &b);
    size_t head = 0;
    while (head < a.count && head < b.count && same(&a.items[head], &b.items[head]))
        head++;
    size_t tail = 0;
    while (tail < a.count - head && tail < b.count - head &&
           same(&a.items[a.count - 1 - tail], &b.items[b.count - 1 - tail]))
        tail++;
    size_t n = a.count - head - tail, m = b.count - head - tail;
    bool changed = n || m;
    if (changed) {
        script s = {awl_xmalloc(a.count + b.count + 1), 0};
        for (size_t i = 0; i < head; i++)
            push(&s, ' ');
        if (n == m) {
            /* Same length: pair the lines up; changed ones become -/+ pairs. */
            for (size_t i = 0; i < n;) {
                if (same(&a.items[head + i], &b.items[head + i])) {
                    push(&s, ' ');
                    i++;
                    continue;
                }
                size_t j = i;
                while (j < n && !same(&a.items[head + j], &b.items[head + j]))
                    j++;
                for (size_t t = i; t < j; t++)
                    push(&s, '-');
                for (size_t t = i; t < j; t++)
                    push(&s, '+');
                i = j;
            }
        } else if (!myers(a.items + head, n, b.items + head, m, &s)) {
            for (size_t i = 0; i < n; i++)
                push(&s, '-');
            for (size_t i = 0; i < m; i++)
                push(&s, '+');
        }
        for (size_t i = 0; i < tail; i++)
            push(&s, ' ');

        while (label[0] == '/')
            label++; /* a/ and b/ prefixes as git writes them */
        awl_buf_printf(out, "--- a/%s\n+++ b/%s\n", label, label);
        /* Group changes into hunks with CONTEXT lines around them. */
        size_t i = 0;
        size_t ai = 0, bi = 0; /* line numbers (0-based) at ops[i] */
        while (i < s.count) {
            if (s.ops[i] == ' ') {
                i++, ai++, bi++;
                continue;
            }
            size_t start = i;
            size_t back = 0;
            while (start > 0 && back < CONTEXT && s.ops[start - 1] == ' ')
                start--, back++;
            size_t end = i, quiet = 0;
            while (end < s.count) {
                if (s.ops[end] == ' ') {
                    if (quiet == 2 * CONTEXT)
                        break; /* a longer quiet stretch splits the hunk */
                    quiet++;
                } else {
                    quiet = 0;
                }
                end++;
            }
            if (quiet > CONTEXT)
                end -= quiet - CONTEXT;
            size_t a0 = ai - back, b0 = bi - back, a_len = 0, b_len = 0;
            for (size_t k = start; k < end; k++) {
                a_len += s.ops[k] != '+';
                b_len += s.ops[k] != '-';
            }
            awl_buf_printf(out, "@@ -%zu,%zu +%zu,%zu @@\n", a_len ? a0 + 1 : a0, a_len,
                           b_len ? b0 + 1 : b0, b_len);
            size_t x = a0, y = b0;
            for (size_t k = start; k < end; k++) {
                if (s.ops[k] == ' ') {
                    emit_line(out, ' ', &a.items[x++]);
                    y++;
                } else if (s.ops[k] == '-') {
                    emit_line(out, '-', &a.items[x++]);
                } else {
                    emit_line(out, '+', &b.items[y++]);
                }
            }
            ai = x;
            bi = y;
            i = end;
        }
        free(s.ops);
    }
    free(a.items);
    free(b.items);
    return changed;
}
