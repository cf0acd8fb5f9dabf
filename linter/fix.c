/* fix: multi-pass edit application and verification (see fix.h). */
#include "fix.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "doc.h"
#include "engine.h"
#include "render.h"
#include "strmap.h"

static awl_fix_pass_hook pass_hook = NULL;
static void *pass_hook_context = NULL;

void awl_fix_set_pass_hook(awl_fix_pass_hook hook, void *context)
{
    pass_hook = hook;
    pass_hook_context = context;
}

bool awl_fix_applies(const awl_diag *diag, bool unsafe)
{
    return diag->edit_count &&
           (diag->fix == AWL_FIX_SAFE || (unsafe && diag->fix == AWL_FIX_UNSAFE));
}

typedef struct chosen_edit {
    const awl_edit *edit;
    bool changes_text;
} chosen_edit;

static int compare_chosen(const void *a, const void *b)
{
    const awl_edit *x = ((const chosen_edit *)a)->edit, *y = ((const chosen_edit *)b)->edit;
    if (x->start != y->start)
        return x->start < y->start ? -1 : 1;
    return x->end < y->end ? -1 : x->end > y->end;
}

/*
 * Claims: a deletion or replacement [s, e) claims the bytes s..e-1 and the
 * gaps strictly inside it; an insertion at p claims the gap p. Two edits
 * conflict when they claim the same byte or gap, so an insertion may sit at
 * either end of a deletion but not inside it, and two insertions at one
 * point conflict (their order would be a guess).
 */
typedef struct claims {
    unsigned char *bytes; /* len entries */
    unsigned char *gaps;  /* len + 1 entries */
} claims;

static bool edit_is_free(const claims *c, const awl_edit *e)
{
    if (e->start == e->end)
        return !c->gaps[e->start];
    for (size_t i = e->start; i < e->end; i++)
        if (c->bytes[i])
            return false;
    for (size_t i = e->start + 1; i < e->end; i++)
        if (c->gaps[i])
            return false;
    return true;
}

static void claim(claims *c, const awl_edit *e)
{
    if (e->start == e->end) {
        c->gaps[e->start] = 1;
        return;
    }
    memset(c->bytes + e->start, 1, e->end - e->start);
    if (e->end - e->start > 1)
        memset(c->gaps + e->start + 1, 1, e->end - e->start - 1);
}

/* Applies sorted, non-overlapping edits to text, into out. With
 * `text_only`, only the edits that change what the document says. */
static void apply_edits(const char *text, size_t len, const chosen_edit *edits, size_t count,
                        bool text_only, awl_buf *out)
{
    size_t at = 0;
    awl_buf_append(out, "", 0);
    for (size_t i = 0; i < count; i++) {
        const awl_edit *e = edits[i].edit;
        if (text_only && !edits[i].changes_text)
            continue;
        awl_buf_append(out, text + at, e->start - at);
        awl_buf_append(out, e->replacement, e->replacement_len);
        at = e->end;
    }
    awl_buf_append(out, text + at, len - at);
}

/* Line endings are not content: compare renderings with CR LF and CR as LF. */
static void normalize_newlines(awl_buf *html)
{
    size_t w = 0;
    for (size_t r = 0; r < html->len; r++) {
        if (html->data[r] == '\r') {
            html->data[w++] = '\n';
            if (r + 1 < html->len && html->data[r + 1] == '\n')
                r++;
        } else {
            html->data[w++] = html->data[r];
        }
    }
    html->len = w;
    html->data[w] = '\0';
}

static bool renders_alike(const char *a, size_t a_len, const char *b, size_t b_len)
{
    awl_buf ha = {0}, hb = {0};
    bool ok = awl_render_html(a, a_len, &ha) && awl_render_html(b, b_len, &hb);
    if (ok) {
        normalize_newlines(&ha);
        normalize_newlines(&hb);
        ok = ha.len == hb.len && memcmp(ha.data, hb.data, ha.len) == 0;
    }
    awl_buf_free(&ha);
    awl_buf_free(&hb);
    return ok;
}

/* Names the rules behind a pass's edits, for a failure message. */
static void name_rules(const awl_diags *diags, const unsigned char *taken, char *out, size_t size)
{
    out[0] = '\0';
    size_t used = 0;
    for (size_t i = 0; i < diags->items.count; i++) {
        if (!taken[i])
            continue;
        const char *id = awl_diags_at(diags, i)->rule->id;
        if (strstr(out, id))
            continue;
        int n = snprintf(out + used, size - used, "%s%s", used ? ", " : "", id);
        if (n < 0 || (size_t)n >= size - used)
            break;
        used += (size_t)n;
    }
}

static void fail(awl_fix_result *out, const char *fmt, const char *what)
{
    out->failed = true;
    snprintf(out->failure, sizeof out->failure, fmt, what);
}

/* The input's link targets, in document order, copied out of the first
 * pass's document (which is freed before the result is verified). */
typedef struct input_hrefs {
    const char **href;
    size_t count;
    awl_arena arena;
} input_hrefs;

static void input_hrefs_copy(const awl_doc *doc, input_hrefs *out)
{
    out->arena = (awl_arena){0};
    out->count = doc->link_count;
    out->href = awl_xmalloc((doc->link_count + 1) * sizeof *out->href);
    for (size_t i = 0; i < doc->link_count; i++)
        out->href[i] = awl_arena_strdup(&out->arena, doc->links[i].href);
}

static void input_hrefs_free(input_hrefs *hrefs)
{
    free(hrefs->href);
    awl_arena_free(&hrefs->arena);
}

/* Every href of `before` must still be an href of `after`, but for those
 * in `dropped` (rewritten by an edit that declared it changes the text). */
static const char *lost_link(const input_hrefs *before, const awl_doc *after,
                             const awl_strmap *dropped)
{
    awl_strmap present;
    awl_strmap_init(&present);
    awl_strmap_reserve(&present, after->link_count);
    for (size_t i = 0; i < after->link_count; i++)
        awl_strmap_upsert(&present, after->links[i].href, strlen(after->links[i].href), NULL);
    const char *lost = NULL;
    for (size_t i = 0; i < before->count && !lost; i++) {
        const char *href = before->href[i];
        if (!awl_strmap_get(&present, href, strlen(href)) &&
            !awl_strmap_get(dropped, href, strlen(href)))
            lost = href;
    }
    awl_strmap_free(&present);
    return lost;
}

/* True when [start, end) meets one of the sorted, non-overlapping edits
 * (an insertion meets what starts or ends at its point). */
static bool meets_edit(const chosen_edit *edits, size_t count, size_t start, size_t end)
{
    size_t lo = 0, hi = count; /* first edit ending at or after start */
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (edits[mid].edit->end < start)
            lo = mid + 1;
        else
            hi = mid;
    }
    for (size_t i = lo; i < count && edits[i].edit->start <= end; i++)
        if (edits[i].changes_text)
            return true;
    return false;
}

/* Records the hrefs of `doc` whose target (or, when md4c built the target,
 * whose text) a text-changing edit touches: their loss is the fix's
 * purpose (an anchor pointed elsewhere, scraped text removed). The keys
 * are copied into `arena`, which outlives the pass. */
static void note_dropped(const awl_doc *doc, const chosen_edit *edits, size_t count,
                         awl_strmap *dropped, awl_arena *arena)
{
    for (size_t i = 0; i < doc->link_count; i++) {
        const awl_link *link = &doc->links[i];
        size_t start = link->href_start != AWL_NONE ? link->href_start : link->text_start;
        size_t end = link->href_start != AWL_NONE ? link->href_end : link->text_end;
        if (start == AWL_NONE || !meets_edit(edits, count, start, end))
            continue;
        size_t len = strlen(link->href);
        if (!awl_strmap_get(dropped, link->href, len))
            awl_strmap_upsert(dropped, awl_arena_strndup(arena, link->href, len), len, NULL);
    }
}

/* One pass: lint `text`, apply what can be applied into `next`.
 * Returns the number of findings applied; 0 when nothing was fixable.
 * The pass's document and findings go to *doc_out and *diags_out (the
 * caller frees them). */
static size_t run_pass(const char *path, const awl_buf *text, const awl_config *config, bool unsafe,
                       awl_buf *next, awl_fix_result *out, awl_strmap *dropped, awl_arena *arena,
                       awl_doc **doc_out, awl_diags *diags_out)
{
    if (pass_hook)
        pass_hook(text->data, text->len, pass_hook_context);
    awl_doc *doc = awl_doc_parse(path, text->data, text->len);
    awl_diags diags;
    awl_diags_init(&diags);
    awl_lint(doc, config, &diags);

    size_t count = diags.items.count;
    claims c = {awl_xcalloc(text->len + 1, 1), awl_xcalloc(text->len + 1, 1)};
    unsigned char *taken = awl_xcalloc(count + 1, 1);
    awl_vec chosen;
    awl_vec_init(&chosen, sizeof(chosen_edit));
    size_t applied = 0;
    for (size_t i = 0; i < count; i++) {
        const awl_diag *d = awl_diags_at(&diags, i);
        if (!awl_fix_applies(d, unsafe))
            continue;
        bool free_ = true;
        for (size_t e = 0; e < d->edit_count && free_; e++)
            free_ = d->edits[e].end <= text->len && d->edits[e].start <= d->edits[e].end &&
                    edit_is_free(&c, &d->edits[e]);
        if (!free_)
            continue; /* overlaps an edit taken already: next pass */
        for (size_t e = 0; e < d->edit_count; e++) {
            claim(&c, &d->edits[e]);
            chosen_edit *ce = awl_vec_push(&chosen);
            ce->edit = &d->edits[e];
            ce->changes_text = d->changes_text;
        }
        taken[i] = 1;
        applied++;
    }
    if (applied) {
        qsort(chosen.items, chosen.count, sizeof(chosen_edit), compare_chosen);
        note_dropped(doc, chosen.items, chosen.count, dropped, arena);
        apply_edits(text->data, text->len, chosen.items, chosen.count, false, next);
        /* What the output must render as: the input with only the edits
         * that change the document's text. */
        awl_buf reference = {0};
        apply_edits(text->data, text->len, chosen.items, chosen.count, true, &reference);
        if (!renders_alike(reference.data, reference.len, next->data, next->len)) {
            char rules[256];
            name_rules(&diags, taken, rules, sizeof rules);
            fail(out, "the fixes of %s would change how the document renders", rules);
        }
        awl_buf_free(&reference);
    }
    awl_vec_free(&chosen);
    free(taken);
    free(c.bytes);
    free(c.gaps);
    *doc_out = doc;
    *diags_out = diags;
    return applied;
}

/* `dropped` collects the hrefs the fixes rewrite on purpose (keys in
 * `dropped_keys`); they may be missing from the result. */
static void fix_and_verify(const char *path, const char *bytes, size_t len,
                           const awl_config *config, bool unsafe, awl_fix_result *out,
                           awl_strmap *dropped, awl_arena *dropped_keys)
{
    memset(out, 0, sizeof *out);
    awl_buf current = {0};
    awl_buf_append(&current, bytes, len);
    size_t pass = 0;
    bool settled = false;
    input_hrefs before = {0};
    while (!out->failed) {
        awl_buf next = {0};
        awl_doc *doc;
        awl_diags diags;
        size_t applied = run_pass(path, &current, config, unsafe, &next, out, dropped,
                                  dropped_keys, &doc, &diags);
        if (pass == 0 && applied)
            input_hrefs_copy(doc, &before);
        if (!applied) {
            /* `current` linted: the result's document and findings */
            awl_buf_free(&next);
            out->final_doc = doc;
            out->final_diags = diags;
            settled = true;
            break;
        }
        awl_diags_free(&diags);
        awl_doc_free(doc);
        if (pass == AWL_FIX_MAX_PASSES) { /* still fixing after the last pass */
            awl_buf_free(&next);
            break;
        }
        awl_buf_free(&current);
        current = next;
        out->fixes_applied += applied;
        pass++;
    }
    out->passes = pass;
    out->text = current;
    out->changed = current.len != len || memcmp(current.data, bytes, len) != 0;
    if (out->failed || !out->changed) {
        input_hrefs_free(&before);
        return;
    }
    if (!settled) {
        fail(out, "the fixes did not settle after %s passes", "10");
        input_hrefs_free(&before);
        return;
    }
    size_t bad;
    if (!awl_utf8_validate(current.data, current.len, &bad)) {
        fail(out, "%s", "the file is not valid UTF-8, and awelint never writes invalid UTF-8");
        input_hrefs_free(&before);
        return;
    }
    const char *lost = lost_link(&before, out->final_doc, dropped);
    if (lost)
        fail(out, "the fixes would lose the link target %.300s", lost);
    input_hrefs_free(&before);
}

/* The last pass's document and findings, when there are any. */
static void free_final(awl_fix_result *result)
{
    if (!result->final_doc)
        return;
    awl_diags_free(&result->final_diags);
    awl_doc_free(result->final_doc);
    result->final_doc = NULL;
}

/* A refused result holds the input again, so no caller can write the
 * rejected text by mistake. */
static void keep_input_on_failure(const char *bytes, size_t len, awl_fix_result *out)
{
    if (!out->failed)
        return;
    free_final(out);
    awl_buf_clear(&out->text);
    awl_buf_append(&out->text, bytes, len);
    out->changed = false;
}

void awl_fix_result_free(awl_fix_result *result)
{
    free_final(result);
    awl_buf_free(&result->text);
}

void awl_fix_text(const char *path, const char *bytes, size_t len, const awl_config *config,
                  bool unsafe, awl_fix_result *out)
{
    awl_strmap dropped;
    awl_strmap_init(&dropped);
    awl_arena dropped_keys = {0};
    fix_and_verify(path, bytes, len, config, unsafe, out, &dropped, &dropped_keys);
    awl_strmap_free(&dropped);
    awl_arena_free(&dropped_keys);
    keep_input_on_failure(bytes, len, out);
}
