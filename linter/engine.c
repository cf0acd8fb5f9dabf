/* engine: rule dispatch, finding and edit construction, directive filtering. */
#include "engine.h"

#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "directives.h"
#include "link_targets.h"
#include "rule.h"

size_t awl_rule_index(const char *id)
{
    size_t lo = 0, hi = awl_rule_count;
    while (lo < hi) { /* the generated table is sorted by id */
        size_t mid = lo + (hi - lo) / 2;
        int cmp = strcmp(awl_rules[mid]->id, id);
        if (cmp == 0)
            return mid;
        if (cmp < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return AWL_NONE;
}

awl_diag *awl_emit(awl_check *check, size_t start, size_t end, const char *fmt, ...)
{
    awl_diag *diag = awl_vec_push(&check->out->items);
    diag->seq = check->out->items.count;
    diag->rule = check->rule;
    diag->severity = check->severity;
    diag->start = start;
    diag->end = end < start ? start : end;
    /* Formatted once into a stack buffer; only a longer message is
     * formatted again, into the arena. */
    char line[256];
    va_list args;
    va_start(args, fmt);
    int len = vsnprintf(line, sizeof line, fmt, args);
    va_end(args);
    if (len < 0)
        len = 0;
    if ((size_t)len < sizeof line) {
        diag->message = awl_arena_strndup(&check->out->arena, line, (size_t)len);
    } else {
        char *message = awl_arena_alloc(&check->out->arena, (size_t)len + 1);
        va_start(args, fmt);
        vsnprintf(message, (size_t)len + 1, fmt, args);
        va_end(args);
        diag->message = message;
    }
    return diag;
}

void awl_add_edit(awl_check *check, awl_diag *diag, size_t start, size_t end, const char *replacement,
              size_t replacement_len)
{
    awl_arena *arena = &check->out->arena;
    /* Grow by doubling at powers of two; the old array stays in the arena. */
    size_t n = diag->edit_count;
    if ((n & (n - 1)) == 0) {
        awl_edit *grown = awl_arena_alloc(arena, (n ? n * 2 : 1) * sizeof *grown);
        if (n)
            memcpy(grown, diag->edits, n * sizeof *grown);
        diag->edits = grown;
    }
    awl_edit *edit = &diag->edits[diag->edit_count++];
    edit->start = start;
    edit->end = end;
    edit->replacement = awl_arena_strndup(arena, replacement ? replacement : "", replacement_len);
    edit->replacement_len = replacement_len;
    if (diag->fix == AWL_FIX_NONE)
        diag->fix = check->rule->fix == AWL_FIX_NONE ? AWL_FIX_SAFE : check->rule->fix;
}

void awl_fix_unsafe(awl_diag *diag)
{
    diag->fix = AWL_FIX_UNSAFE;
}

struct awl_lint_shared {
    const awl_doc *doc;
    const awl_entries *entries;
    awl_dups dups;
    bool dups_ready;
    pthread_t dups_thread;
    bool dups_running; /* dups_thread is computing dups */
    awl_vec link_targets; /* awl_link_target */
    awl_arena link_target_urls;
    bool link_targets_ready;
};

/* Below this many entries the duplicate groups cost less than starting a
 * thread (about a microsecond an entry against tens for the thread). */
#define AWL_DUPS_THREAD_MIN 1024

static void *compute_dups(void *arg)
{
    awl_lint_shared *shared = arg;
    awl_dups_compute(shared->doc, shared->entries, &shared->dups);
    return NULL;
}

/* The duplicate groups read only the document and its entries, which no
 * rule changes, and nothing else; so on a large list they are computed on
 * a second thread while the rules before the first duplicate rule run,
 * which on a list of thousands of entries hides a fifth of the lint. */
static void start_dups(awl_lint_shared *shared, const awl_config *config)
{
    static const char *const users[] = {"duplicate-conflict", "duplicate-cross-section",
                                        "duplicate-entry"};
    if (shared->entries->count < AWL_DUPS_THREAD_MIN)
        return;
    bool wanted = false;
    for (size_t u = 0; u < sizeof users / sizeof *users; u++) {
        size_t i = awl_rule_index(users[u]);
        wanted |= i != AWL_NONE && config->severity[i] != AWL_SEVERITY_OFF;
    }
    /* without the thread, the first duplicate rule computes them itself */
    if (wanted && pthread_create(&shared->dups_thread, NULL, compute_dups, shared) == 0)
        shared->dups_running = true;
}

static void finish_dups(awl_lint_shared *shared)
{
    if (shared->dups_running) {
        pthread_join(shared->dups_thread, NULL);
        shared->dups_running = false;
        shared->dups_ready = true;
    }
}

const awl_dups *awl_check_dups(awl_check *check)
{
    awl_lint_shared *shared = check->shared;
    finish_dups(shared);
    if (!shared->dups_ready) {
        awl_dups_compute(check->doc, check->entries, &shared->dups);
        shared->dups_ready = true;
    }
    return &shared->dups;
}

const awl_vec *awl_check_link_targets(awl_check *check)
{
    awl_lint_shared *shared = check->shared;
    if (!shared->link_targets_ready) {
        awl_vec_init(&shared->link_targets, sizeof(awl_link_target));
        awl_link_targets_collect(check->doc, &shared->link_target_urls, &shared->link_targets);
        shared->link_targets_ready = true;
    }
    return &shared->link_targets;
}

/* Runs rule i, then drops what directives silence, keeping the order. */
static void run_rule(awl_check *check, size_t i, const awl_directives *directives)
{
    awl_diags *out = check->out;
    size_t first = out->items.count;
    awl_rules[i]->check(check);
    if (!directives->count)
        return;
    size_t keep = first;
    for (size_t d = first; d < out->items.count; d++) {
        awl_diag *diag = awl_diags_at(out, d);
        size_t line = awl_source_line_of(&check->doc->source, diag->start);
        if (!awl_directives_silence(directives, i, line))
            *awl_diags_at(out, keep++) = *diag;
    }
    out->items.count = keep;
}

void awl_lint(const awl_doc *doc, const awl_config *config, awl_diags *out)
{
    awl_entries entries;
    awl_entries_extract(doc, &entries);
    awl_lint_shared shared = {.doc = doc, .entries = &entries};
    start_dups(&shared, config);
    awl_directives directives;
    awl_directives_read(doc, &directives);
    /* The duplicate rules run last, giving the groups' thread the time of
     * all the others. The order of rules does not show: findings are
     * sorted by position and rule. */
    for (int duplicates_pass = 0; duplicates_pass < 2; duplicates_pass++)
        for (size_t i = 0; i < awl_rule_count; i++) {
            bool is_duplicate_rule = strcmp(awl_rules[i]->category, "duplicate") == 0;
            if (config->severity[i] == AWL_SEVERITY_OFF || is_duplicate_rule != duplicates_pass)
                continue;
            awl_check check = {
                .doc = doc,
                .entries = &entries,
                .config = config,
                .rule = awl_rules[i],
                .severity = config->severity[i],
                .out = out,
                .shared = &shared,
            };
            run_rule(&check, i, &directives);
        }
    finish_dups(&shared); /* every duplicate rule may have been silenced */
    if (shared.dups_ready)
        awl_dups_free(&shared.dups);
    if (shared.link_targets_ready) {
        awl_vec_free(&shared.link_targets);
        awl_arena_free(&shared.link_target_urls);
    }
    awl_directives_free(&directives);
    awl_entries_free(&entries);
    awl_diags_sort(out);
}
