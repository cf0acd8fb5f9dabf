/* init: the config --init writes (see init.h). */
#include "init.h"

#include <stdint.h>
#include <string.h>
#include <strings.h>

#include "config.h"
#include "engine.h"
#include "rule.h"
#include "source.h"
#include "strmap.h"

/* A candidate config is kept when it gives exactly the findings (rule,
 * span, severity) the defaults give. */
static bool same_findings(const awl_doc *doc, const awl_diags *base, const awl_config *candidate)
{
    awl_diags diags;
    awl_diags_init(&diags);
    awl_lint(doc, candidate, &diags);
    bool same = diags.items.count == base->items.count;
    for (size_t i = 0; same && i < diags.items.count; i++) {
        const awl_diag *a = awl_diags_at(&diags, i), *b = awl_diags_at(base, i);
        same = a->rule == b->rule && a->start == b->start && a->end == b->end &&
               a->severity == b->severity;
    }
    awl_diags_free(&diags);
    return same;
}

/* ---- list marker ---- */

/* The bullet most items of bullet lists use, or 0 without bullet lists;
 * *share gets its percentage. */
static char dominant_bullet(const awl_doc *doc, unsigned *share)
{
    size_t counts[3] = {0, 0, 0}, total = 0;
    static const char bullets[] = "-*+";
    for (size_t i = 1; i < doc->block_count; i++) {
        const awl_block *b = &doc->blocks[i];
        if (b->kind != AWL_BLOCK_ITEM || doc->blocks[b->parent].ordered)
            continue;
        const char *at = strchr(bullets, doc->blocks[b->parent].marker);
        if (at && *at) {
            counts[at - bullets]++;
            total++;
        }
    }
    if (!total)
        return 0;
    size_t best = 0;
    for (size_t k = 1; k < 3; k++)
        if (counts[k] > counts[best])
            best = k;
    *share = (unsigned)(counts[best] * 100 / total);
    return bullets[best];
}

/* ---- table of contents ---- */

/* The heading levels the table of contents links to: the section with the
 * most links to in-page anchors is taken for the table. False when no
 * section has two such links that reach headings. */
static bool toc_levels(const awl_doc *doc, unsigned *min_level, unsigned *max_level)
{
    size_t toc = AWL_NONE;
    for (size_t s = 0; s < doc->section_count; s++)
        if (doc->sections[s].internal_links >= 2 &&
            (toc == AWL_NONE || doc->sections[s].internal_links > doc->sections[toc].internal_links))
            toc = s;
    if (toc == AWL_NONE)
        return false;
    awl_strmap levels; /* heading slug -> level */
    awl_strmap_init(&levels);
    for (size_t i = 1; i < doc->block_count; i++) {
        const awl_block *b = &doc->blocks[i];
        if (b->kind == AWL_BLOCK_HEADING && b->slug) {
            bool inserted;
            *awl_strmap_upsert(&levels, b->slug, strlen(b->slug), &inserted) = b->level;
        }
    }
    const awl_section *section = &doc->sections[toc];
    unsigned lo = 7, hi = 0;
    size_t reached = 0;
    for (size_t i = 0; i < doc->link_count; i++) {
        const awl_link *l = &doc->links[i];
        size_t at = doc->blocks[l->block].start;
        if (l->href[0] != '#' || at < section->start || at >= section->end ||
            awl_doc_section_at(doc, at) != toc)
            continue;
        const size_t *level = awl_strmap_get(&levels, l->href + 1, strlen(l->href + 1));
        if (!level)
            continue;
        reached++;
        lo = *level < lo ? (unsigned)*level : lo;
        hi = *level > hi ? (unsigned)*level : hi;
    }
    awl_strmap_free(&levels);
    if (reached < 2)
        return false;
    *min_level = lo;
    *max_level = hi;
    return true;
}

/* ---- entry order per section ---- */

/* Sections are pinned by heading text, so sections sharing a text (two
 * "2023" headings) form one group and get one pin. Each group counts, over
 * the neighbouring entries of its lists, the pairs that agree with and go
 * against each order (ties count for neither). */
typedef struct order_group {
    const char *heading; /* the first section's heading text */
    size_t agree[4];     /* per AWL_ORDER_* */
    size_t against[4];
    bool differs[4];     /* pinning that order changes an entry-order finding */
} order_group;

enum {
    MIN_AGREEING = 5,   /* pairs that agree with an order before it is pinned */
    MIN_AGREEMENT = 80, /* percent of the non-tied pairs */
};

static void count_vote(order_group *g, unsigned order, int comparison)
{
    if (comparison < 0)
        g->agree[order]++;
    else if (comparison > 0)
        g->against[order]++;
}

/* The order a group's pairs show clearly, or AWL_ORDER_DETECT. */
static unsigned shown_order(const order_group *g)
{
    unsigned best = AWL_ORDER_DETECT;
    for (unsigned order = AWL_ORDER_ALPHABETICAL; order <= AWL_ORDER_OLDEST_FIRST; order++) {
        size_t agree = g->agree[order], total = agree + g->against[order];
        if (agree < MIN_AGREEING || agree * 100 < total * MIN_AGREEMENT)
            continue;
        if (best == AWL_ORDER_DETECT ||
            agree * (g->agree[best] + g->against[best]) > g->agree[best] * total)
            best = order;
    }
    return best;
}

/* Counts the votes of neighbouring entries in lists whose every item is
 * an entry (the lists entry-order keeps in order). */
static void count_votes(const awl_doc *doc, const awl_entries *entries, const size_t *group_of,
                        order_group *groups, awl_arena *arena)
{
    size_t *items = awl_arena_alloc(arena, doc->block_count * sizeof *items);
    size_t *entry_items = awl_arena_alloc(arena, doc->block_count * sizeof *entry_items);
    for (size_t b = 1; b < doc->block_count; b++)
        if (doc->blocks[b].kind == AWL_BLOCK_ITEM)
            items[doc->blocks[b].parent]++;
    for (size_t i = 0; i < entries->count; i++) {
        const awl_block *b = &doc->blocks[entries->items[i].block];
        if (b->kind == AWL_BLOCK_ITEM)
            entry_items[b->parent]++;
    }
    for (size_t i = 1; i < entries->count; i++) {
        const awl_entry *prev = &entries->items[i - 1], *e = &entries->items[i];
        const awl_block *pb = &doc->blocks[prev->block], *b = &doc->blocks[e->block];
        size_t list = b->parent;
        if (b->kind != AWL_BLOCK_ITEM || pb->kind != AWL_BLOCK_ITEM || pb->parent != list ||
            items[list] != entry_items[list] || group_of[e->section] == AWL_NONE)
            continue;
        order_group *g = &groups[group_of[e->section]];
        if (prev->title && e->title)
            count_vote(g, AWL_ORDER_ALPHABETICAL, strcasecmp(prev->title, e->title));
        if (prev->year > 0 && e->year > 0) {
            count_vote(g, AWL_ORDER_NEWEST_FIRST, e->year - prev->year);
            count_vote(g, AWL_ORDER_OLDEST_FIRST, prev->year - e->year);
        }
    }
}

/* A heading text the config can name: valid UTF-8 without control
 * characters (libyaml refuses those). */
static bool nameable(const char *text)
{
    if (!text || !*text || !awl_utf8_validate(text, strlen(text), NULL))
        return false;
    for (const unsigned char *p = (const unsigned char *)text; *p; p++)
        if (*p < 0x20 || *p == 0x7f)
            return false;
    return true;
}

/* A group's entry-order findings, summarised: their number and a hash of
 * their spans in document order. (The config finally written is checked
 * finding by finding; this only picks the candidates.) */
typedef struct fingerprint {
    size_t count;
    uint64_t hash;
} fingerprint;

static void order_fingerprints(const awl_doc *doc, const awl_config *config, const size_t *group_of,
                               fingerprint *out, size_t group_count)
{
    memset(out, 0, group_count * sizeof *out);
    awl_diags diags;
    awl_diags_init(&diags);
    awl_lint(doc, config, &diags);
    for (size_t i = 0; i < diags.items.count; i++) {
        const awl_diag *d = awl_diags_at(&diags, i);
        size_t g = group_of[awl_doc_section_at(doc, d->start)];
        if (g == AWL_NONE)
            continue;
        size_t span[2] = {d->start, d->end};
        out[g].count++;
        out[g].hash = out[g].hash * 1099511628211u ^ awl_hash_bytes((const char *)span, sizeof span);
    }
    awl_diags_free(&diags);
}

/* Chooses a pin per group: the order its lists clearly show, when
 * entry-order pinned to it reports what it reports today. Writes the pins
 * into *pins (arena), returns their number. */
static size_t choose_section_orders(const awl_doc *doc, awl_arena *arena, awl_section_order **pins)
{
    size_t *group_of = awl_arena_alloc(arena, doc->section_count * sizeof *group_of);
    order_group *groups = awl_arena_alloc(arena, (doc->section_count + 1) * sizeof *groups);
    size_t group_count = 0;
    awl_strmap by_text;
    awl_strmap_init(&by_text);
    for (size_t s = 0; s < doc->section_count; s++) {
        group_of[s] = AWL_NONE;
        size_t h = doc->sections[s].heading;
        const char *text = h == AWL_NONE ? NULL : doc->blocks[h].text;
        if (!nameable(text))
            continue;
        size_t len;
        char *key = awl_lowercase(arena, text, strlen(text), &len);
        bool inserted;
        size_t *slot = awl_strmap_upsert(&by_text, key, len, &inserted);
        if (inserted) {
            *slot = group_count;
            groups[group_count++].heading = text;
        }
        group_of[s] = *slot;
    }
    awl_strmap_free(&by_text);
    awl_entries entries;
    awl_entries_extract(doc, &entries);
    count_votes(doc, &entries, group_of, groups, arena);
    awl_entries_free(&entries);

    /* Only entry-order runs: one run per order, every section held to it. */
    awl_config config;
    awl_config_defaults(&config);
    for (size_t i = 0; i < awl_rule_count; i++)
        config.severity[i] = strcmp(awl_rules[i]->id, "entry-order") == 0 ? awl_rules[i]->severity
                                                                           : AWL_SEVERITY_OFF;
    fingerprint *detected = awl_arena_alloc(arena, (group_count + 1) * sizeof *detected);
    fingerprint *pinned = awl_arena_alloc(arena, (group_count + 1) * sizeof *pinned);
    order_fingerprints(doc, &config, group_of, detected, group_count);
    for (unsigned order = AWL_ORDER_ALPHABETICAL; order <= AWL_ORDER_OLDEST_FIRST; order++) {
        config.entry_order = order;
        order_fingerprints(doc, &config, group_of, pinned, group_count);
        for (size_t g = 0; g < group_count; g++)
            groups[g].differs[order] = memcmp(&detected[g], &pinned[g], sizeof *pinned) != 0;
    }
    awl_section_order *out = awl_arena_alloc(arena, (group_count + 1) * sizeof *out);
    size_t n = 0;
    for (size_t g = 0; g < group_count; g++) {
        unsigned order = shown_order(&groups[g]);
        if (order != AWL_ORDER_DETECT && !groups[g].differs[order])
            out[n++] = (awl_section_order){groups[g].heading, order};
    }
    *pins = out;
    return n;
}

/* ---- writing ---- */

/* A YAML double-quoted scalar (nameable() text: no control characters). */
static void append_quoted(awl_buf *out, const char *text)
{
    awl_buf_putc(out, '"');
    for (const char *p = text; *p; p++) {
        if (*p == '"' || *p == '\\')
            awl_buf_putc(out, '\\');
        awl_buf_putc(out, *p);
    }
    awl_buf_putc(out, '"');
}

/* THE PLACE FOR THE VENUE-STYLE PIN. When config.c reads
 * `rules: venue-style: {style: "[OSDI'22]"}` (issue 4), this writes the
 * style most of the list's tags use, kept (like the other pins) only when
 * it leaves the findings unchanged. Until then it leaves a comment. */
static void append_venue_style_pin(awl_buf *out, const awl_doc *doc, const awl_diags *base,
                                   const awl_config *config)
{
    (void)doc, (void)base, (void)config; /* same_findings(doc, base, &with_style) */
    awl_buf_puts(out, "  # venue-style: the tags' style (OSDI'22, [OSDI'22], ...) is detected per file.\n");
}

static const char *const order_names[] = {"detect", "alphabetical", "newest-first", "oldest-first",
                                          "none"};

void awl_init_config(const awl_doc *doc, const char *list_name, awl_buf *out)
{
    awl_arena arena = {0};
    awl_config defaults, config;
    awl_config_defaults(&defaults);
    awl_diags base;
    awl_diags_init(&base);
    awl_lint(doc, &defaults, &base);
    config = defaults;

    unsigned share = 0;
    char bullet = dominant_bullet(doc, &share);
    config.list_marker = bullet;
    bool marker_pinned = bullet && same_findings(doc, &base, &config);
    if (!marker_pinned)
        config.list_marker = 0;

    unsigned min_level = 0, max_level = 0;
    bool toc_pinned = toc_levels(doc, &min_level, &max_level);
    if (toc_pinned) {
        awl_config with_toc = config;
        with_toc.toc_min_level = min_level;
        with_toc.toc_max_level = max_level;
        with_toc.toc_levels_set = true;
        toc_pinned = same_findings(doc, &base, &with_toc);
        if (toc_pinned)
            config = with_toc;
    }

    awl_section_order *pins = NULL;
    size_t pin_count = choose_section_orders(doc, &arena, &pins);
    config.section_orders = pins;
    config.section_order_count = pin_count;
    if (pin_count && !same_findings(doc, &base, &config)) /* groups interact: pin none */
        config.section_order_count = pin_count = 0;

    awl_buf_printf(out,
                   "# awelint config, written by `awelint --init %s`.\n"
                   "# It pins the conventions awelint found in that list, so that new\n"
                   "# entries follow the list rather than the defaults. Every key is\n"
                   "# optional; `man awelint` and README.md list them all.\n"
                   "\n"
                   "# fail-on: error            # error | warning | info: what fails a run\n"
                   "# ignore-paths: []          # glob patterns of files not to lint\n"
                   "# ignore: [venue-missing]   # rule ids or categories to turn off\n"
                   "\n"
                   "rules:\n",
                   list_name);
    if (marker_pinned)
        awl_buf_printf(out,
                       "  list-marker:\n"
                       "    marker: \"%c\"              # the bullet of %u%% of the list's items\n",
                       bullet, share);
    else if (bullet)
        awl_buf_puts(out, "  # list-marker: the bullets differ by depth; each depth keeps its own.\n");
    else
        awl_buf_puts(out, "  # list-marker: no bullet lists to take the bullet from.\n");
    if (toc_pinned)
        awl_buf_printf(out,
                       "  toc:\n"
                       "    min-level: %u             # the heading levels the table of contents lists\n"
                       "    max-level: %u\n",
                       min_level, max_level);
    else
        awl_buf_puts(out, "  # toc: no table of contents whose levels could be pinned.\n");
    awl_buf_puts(out, "  entry-order:\n"
                      "    order: detect            # lists not named below: the order they show\n");
    if (pin_count) {
        awl_buf_puts(out, "    sections:                # the order of the lists under each heading\n");
        for (size_t i = 0; i < pin_count; i++) {
            awl_buf_puts(out, "      ");
            append_quoted(out, pins[i].heading);
            awl_buf_printf(out, ": %s\n", order_names[pins[i].order]);
        }
    }
    append_venue_style_pin(out, doc, &base, &config);
    awl_diags_free(&base);
    awl_arena_free(&arena);
}
