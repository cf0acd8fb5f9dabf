/* engine: rule dispatch, finding and edit construction, directive filtering. */
#include "engine.h"

#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "directives.h"
#include "link_targets.h"
#include "rule.h"
#include "venue.h"

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

/* What several rules read, made once per document. On a large document
 * a second thread reads the entries and then groups the duplicates while
 * the rules that need neither run: both read only the document, which
 * nothing changes during a lint. */
struct awl_lint_shared {
    const awl_doc *doc;
    awl_entries entries;
    bool entries_ready;
    bool want_dups; /* a duplicate rule is on */
    awl_dups dups;
    bool dups_ready;
    pthread_t worker;
    bool worker_running;
    pthread_mutex_t lock;       /* guards entries_ready while the worker runs */
    pthread_cond_t entries_read; /* signalled when the worker sets entries_ready */
    awl_vec link_targets; /* awl_link_target */
    awl_arena link_target_urls;
    bool link_targets_ready;
};

/* Below this size a document lints in well under a millisecond, which a
 * thread's start would only add to. */
#define AWL_WORKER_MIN_BYTES (64 * 1024)

static void *read_entries_and_dups(void *arg)
{
    awl_lint_shared *shared = arg;
    awl_entries_extract(shared->doc, &shared->entries);
    pthread_mutex_lock(&shared->lock);
    shared->entries_ready = true;
    pthread_cond_signal(&shared->entries_read);
    pthread_mutex_unlock(&shared->lock);
    if (shared->want_dups)
        awl_dups_compute(shared->doc, &shared->entries, &shared->dups);
    return NULL;
}

/* Rules run in three passes: those that read no entries (while the
 * worker reads them), then the entry and venue rules, then the duplicate
 * rules (while the worker groups). The order of rules does not show:
 * findings are sorted by position and rule. */
static int pass_of(const awl_rule *rule)
{
    if (strcmp(rule->category, "duplicate") == 0)
        return 2;
    if (strcmp(rule->category, "entry") == 0 || strcmp(rule->category, "venue") == 0)
        return 1;
    return 0;
}

static void start_worker(awl_lint_shared *shared, const awl_config *config)
{
    for (size_t i = 0; i < awl_rule_count; i++)
        shared->want_dups |= config->severity[i] != AWL_SEVERITY_OFF && pass_of(awl_rules[i]) == 2;
    if (shared->doc->source.length < AWL_WORKER_MIN_BYTES)
        return;
    awl_venue_registry_ready(); /* the worker only reads it */
    pthread_mutex_init(&shared->lock, NULL);
    pthread_cond_init(&shared->entries_read, NULL);
    /* without the thread, the entries and groups are made when first asked for */
    if (pthread_create(&shared->worker, NULL, read_entries_and_dups, shared) == 0) {
        shared->worker_running = true;
    } else {
        pthread_cond_destroy(&shared->entries_read);
        pthread_mutex_destroy(&shared->lock);
    }
}

/* Waits for the worker, if any, to finish: its groups are then ready. */
static void finish_worker(awl_lint_shared *shared)
{
    if (!shared->worker_running)
        return;
    pthread_join(shared->worker, NULL);
    shared->worker_running = false;
    shared->dups_ready = shared->want_dups;
    pthread_cond_destroy(&shared->entries_read);
    pthread_mutex_destroy(&shared->lock);
}

static const awl_entries *wait_entries(awl_lint_shared *shared)
{
    if (shared->worker_running) {
        pthread_mutex_lock(&shared->lock);
        while (!shared->entries_ready)
            pthread_cond_wait(&shared->entries_read, &shared->lock);
        pthread_mutex_unlock(&shared->lock);
    } else if (!shared->entries_ready) {
        awl_entries_extract(shared->doc, &shared->entries);
        shared->entries_ready = true;
    }
    return &shared->entries;
}

const awl_dups *awl_check_dups(awl_check *check)
{
    awl_lint_shared *shared = check->shared;
    finish_worker(shared);
    if (!shared->dups_ready) {
        awl_dups_compute(check->doc, wait_entries(shared), &shared->dups);
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
    awl_lint_shared shared = {.doc = doc};
    start_worker(&shared, config);
    awl_directives directives;
    awl_directives_read(doc, &directives);
    for (int pass = 0; pass < 3; pass++) {
        /* rules of the first pass get no entries: they must not need them */
        const awl_entries *entries = pass > 0 ? wait_entries(&shared) : NULL;
        for (size_t i = 0; i < awl_rule_count; i++) {
            if (config->severity[i] == AWL_SEVERITY_OFF || pass_of(awl_rules[i]) != pass)
                continue;
            awl_check check = {
                .doc = doc,
                .entries = entries,
                .config = config,
                .rule = awl_rules[i],
                .severity = config->severity[i],
                .out = out,
                .shared = &shared,
            };
            run_rule(&check, i, &directives);
        }
    }
    finish_worker(&shared); /* every duplicate rule may have been silenced */
    if (shared.dups_ready)
        awl_dups_free(&shared.dups);
    if (shared.link_targets_ready) {
        awl_vec_free(&shared.link_targets);
        awl_arena_free(&shared.link_target_urls);
    }
    awl_directives_free(&directives);
    if (shared.entries_ready)
        awl_entries_free(&shared.entries);
    awl_diags_sort(out);
}
