/*
 * entry-order: a list kept in order stays in order.
 *
 * Per list of entries (the items of one bullet or ordered list in a content
 * section, every item an entry), the intended order is detected among:
 * alphabetical by title (three ways of comparing titles: by words with case
 * and punctuation aside, by letters and digits only, byte by byte as
 * written), newest first and oldest first (by the entries' year). Neighbouring
 * pairs that are not tied vote; an order is the list's when at least 80% of
 * them agree with it (and at least five do); the order with the best share
 * wins, so a list sorted exactly by one way of comparing is never reported
 * under another. Lists with no clear order are left alone.
 *
 * The entries out of place are those outside a longest run already in order
 * (a longest non-decreasing subsequence): one entry put in the wrong place is
 * one finding, not a cascade. The fix is a stable sort of the list: each
 * item moves with everything it owns (sub-lists, continuation paragraphs,
 * `paper [...]` lines), the blank lines between items stay where they were.
 * The fix is offered only for bullet lists whose items all start with the
 * same text before their bullet (an ordered list's numbers would move too).
 *
 * Config: `order` pins alphabetical, newest-first or oldest-first (every
 * list of two entries or more is then held to it, however few of its pairs
 * agree); `sections` pins an order (or none) for the lists directly under
 * the headings it names; `min-agreement` changes the 80%.
 */
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "rule.h"

enum {
    MIN_ENTRIES = 5,  /* fewer entries say nothing about an order */
    MIN_AGREEING = 5, /* non-tied pairs that agree, at least */
    MIN_PINNED = 2    /* entries, when the config pins the order */
};

typedef enum order_kind {
    ORDER_ALPHA_WORDS,  /* case-insensitive, punctuation runs as one space */
    ORDER_ALPHA_ALNUM,  /* case-insensitive, letters and digits only */
    ORDER_ALPHA_BYTES,  /* as written */
    ORDER_ALPHA_FOLDED, /* case-insensitive, punctuation and spaces kept */
    ORDER_ALPHA_LINE,   /* the item's Markdown line, case-insensitive (`[Calibre Web](` sorts after
                           `[Calibre Web Automated](`) */
    ORDER_NEWEST,
    ORDER_OLDEST,
    ORDER_KINDS,
} order_kind;

static const char *const order_names[ORDER_KINDS] = {"alphabetical by title",
                                                     "alphabetical by title",
                                                     "alphabetical by title (case-sensitive)",
                                                     "alphabetical by title",
                                                     "alphabetical by its Markdown line",
                                                     "newest first",
                                                     "oldest first"};

/* The code point at s (advancing *at), or -1 at the end; an invalid byte
 * reads as itself. */
static int32_t next_code_point(const char *s, size_t *at)
{
    unsigned char c = (unsigned char)s[*at];
    if (c < 0x80) { /* ASCII, the common case, without utf8proc */
        if (!c)
            return -1;
        (*at)++;
        return c;
    }
    utf8proc_int32_t cp;
    utf8proc_ssize_t n = utf8proc_iterate((const utf8proc_uint8_t *)s + *at, -1, &cp);
    if (n <= 0) {
        cp = (unsigned char)s[*at];
        n = 1;
    }
    *at += (size_t)n;
    return cp;
}

/* Letters and digits count; punctuation, spaces, symbols, emoji and
 * format characters (U+FFFC, ZWSP) are set aside as readers do. */
static bool is_word_char(int32_t cp)
{
    if (cp < 0x80)
        return (cp >= '0' && cp <= '9') || (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z');
    utf8proc_category_t cat = utf8proc_category(cp);
    return (cat >= UTF8PROC_CATEGORY_LU && cat <= UTF8PROC_CATEGORY_LO) ||
           (cat >= UTF8PROC_CATEGORY_ND && cat <= UTF8PROC_CATEGORY_NO);
}

static int32_t fold(int32_t cp)
{
    if (cp < 0x80)
        return cp >= 'A' && cp <= 'Z' ? cp + 32 : cp;
    return utf8proc_tolower(cp);
}

typedef struct key_cursor {
    size_t at;    /* next byte of the title */
    bool started; /* a word character was read */
} key_cursor;

/* The next code point of a title's comparison key under `kind`, or -1 at
 * its end. */
static int32_t next_key(const char *title, key_cursor *cur, order_kind kind)
{
    if (kind == ORDER_ALPHA_BYTES)
        return title[cur->at] ? (unsigned char)title[cur->at++] : -1;
    if (kind == ORDER_ALPHA_FOLDED || kind == ORDER_ALPHA_LINE) {
        if (title[cur->at] == '\n' || title[cur->at] == '\r')
            return -1;
        int32_t cp = next_code_point(title, &cur->at);
        return cp < 0 ? -1 : fold(cp);
    }
    bool gap = false;
    for (;;) {
        size_t before = cur->at;
        int32_t cp = next_code_point(title, &cur->at);
        if (cp < 0)
            return -1;
        if (!is_word_char(cp)) {
            gap = true;
            continue;
        }
        /* Words: a run of anything else between two words is one space,
         * none before the first word. */
        if (kind == ORDER_ALPHA_WORDS && gap && cur->started) {
            cur->at = before;
            return ' ';
        }
        cur->started = true;
        return fold(cp);
    }
}

static int compare_titles(const char *a, const char *b, order_kind kind)
{
    /* A shared beginning that ends with an ASCII letter or digit gives both
     * titles the same key so far (a word character is read on its own and
     * leaves no gap pending), so the comparison starts after it: sorted
     * lists are full of neighbours such as `Tool0000123` and `Tool0000124`. */
    size_t same = 0, skip = 0;
    while (a[same] && a[same] == b[same] && a[same] != '\n' && a[same] != '\r') {
        unsigned char c = (unsigned char)a[same++];
        if ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))
            skip = same;
    }
    key_cursor ca_cur = {skip, skip > 0}, cb_cur = {skip, skip > 0};
    for (;;) {
        int32_t ca = next_key(a, &ca_cur, kind), cb = next_key(b, &cb_cur, kind);
        if (ca != cb)
            return ca < cb ? -1 : 1;
        if (ca < 0)
            return 0;
    }
}

/* An entry of the list with the source text after its bullet. */
typedef struct list_item {
    const awl_entry *entry;
    const char *line; /* ends at the line's newline (or the text's NUL) */
    const char *key;  /* the sort key of the detected alphabetical order, once built */
} list_item;

/* Negative when a belongs before b under `kind`, 0 when tied. */
static int compare_entries(const list_item *a, const list_item *b, order_kind kind)
{
    if (kind == ORDER_NEWEST)
        return a->entry->year > b->entry->year ? -1 : a->entry->year < b->entry->year;
    if (kind == ORDER_OLDEST)
        return a->entry->year < b->entry->year ? -1 : a->entry->year > b->entry->year;
    if (a->key && b->key)
        return strcmp(a->key, b->key);
    if (kind == ORDER_ALPHA_LINE)
        return compare_titles(a->line, b->line, kind);
    return compare_titles(a->entry->title, b->entry->title, kind);
}

typedef struct sort_item {
    const list_item *item;
    size_t index; /* position in the list: ties keep it (a stable sort) */
    order_kind kind;
} sort_item;

static int compare_sort_items(const void *pa, const void *pb)
{
    const sort_item *a = pa, *b = pb;
    int c = compare_entries(a->item, b->item, a->kind);
    if (c)
        return c;
    return a->index < b->index ? -1 : a->index > b->index;
}

/* Marks in `kept` a longest non-decreasing subsequence of list[0, n) under
 * `kind` (patience sorting, n log n). tails and prev are scratch of n. */
static void longest_in_order(const list_item *list, size_t n, order_kind kind, unsigned char *kept,
                             size_t *tails, size_t *prev)
{
    size_t length = 0;
    for (size_t i = 0; i < n; i++) {
        /* First tail that i may not follow (strictly after it). */
        size_t lo = 0, hi = length;
        while (lo < hi) {
            size_t mid = lo + (hi - lo) / 2;
            if (compare_entries(&list[tails[mid]], &list[i], kind) <= 0)
                lo = mid + 1;
            else
                hi = mid;
        }
        prev[i] = lo ? tails[lo - 1] : AWL_NONE;
        tails[lo] = i;
        if (lo == length)
            length++;
    }
    memset(kept, 0, n);
    for (size_t i = length ? tails[length - 1] : AWL_NONE; i != AWL_NONE; i = prev[i])
        kept[i] = 1;
}

/* True when the list's items can be moved as whole spans: a bullet list
 * whose items all have the same text (indentation, `> `) before the bullet. */
static bool movable(const awl_doc *doc, size_t list, const list_item *items, size_t n)
{
    if (doc->blocks[list].ordered)
        return false;
    const char *s = doc->source.bytes;
    const awl_block *first = &doc->blocks[items[0].entry->block];
    size_t first_line_start = doc->source.line_starts[first->first_line];
    size_t prefix = first->marker_offset - first_line_start;
    for (size_t i = 0; i < n; i++) {
        const awl_block *b = &doc->blocks[items[i].entry->block];
        size_t line_start = doc->source.line_starts[b->first_line];
        if (b->marker_offset < line_start || b->marker_offset - line_start != prefix ||
            memcmp(s + line_start, s + first_line_start, prefix) != 0 || b->end <= b->marker_offset)
            return false;
        if (i && b->marker_offset < doc->blocks[items[i - 1].entry->block].end)
            return false;
    }
    return true;
}

/* The stable sort of the list as one edit over [first moved, last moved). */
static void attach_sort(awl_check *check, awl_diag *diag, const list_item *items,
                        const sort_item *sorted, size_t n)
{
    const awl_doc *doc = check->doc;
    size_t lo = 0, hi = n;
    while (lo < n && sorted[lo].index == lo)
        lo++;
    while (hi > lo && sorted[hi - 1].index == hi - 1)
        hi--;
    if (lo >= hi)
        return;
    const char *s = doc->source.bytes;
    size_t start = doc->blocks[items[lo].entry->block].marker_offset;
    size_t end = doc->blocks[items[hi - 1].entry->block].end;
    char *text = awl_xmalloc(end - start + 1);
    size_t len = 0;
    for (size_t k = lo; k < hi; k++) {
        const awl_block *moved = &doc->blocks[items[sorted[k].index].entry->block];
        memcpy(text + len, s + moved->marker_offset, moved->end - moved->marker_offset);
        len += moved->end - moved->marker_offset;
        if (k + 1 < hi) { /* the separator that stood after position k */
            size_t gap_start = doc->blocks[items[k].entry->block].end;
            size_t gap_end = doc->blocks[items[k + 1].entry->block].marker_offset;
            memcpy(text + len, s + gap_start, gap_end - gap_start);
            len += gap_end - gap_start;
        }
    }
    awl_add_edit(check, diag, start, end, text, len);
    diag->changes_text = true; /* the rendered list's order changes: that is the point */
    free(text);
}

/* True when a title has a letter or digit outside emoji shortcodes
 * (`:scroll:`): a title that is only an icon cannot be sorted by. */
static bool has_sortable_title(const char *title)
{
    if (!title)
        return false;
    for (const char *s = title; *s; s++) {
        if (*s == ':') {
            const char *close = s + 1;
            while (*close &&
                   ((*close >= 'a' && *close <= 'z') || (*close >= '0' && *close <= '9') ||
                    *close == '_' || *close == '+' || *close == '-'))
                close++;
            if (*close == ':' && close > s + 1) {
                s = close;
                continue;
            }
        }
        if ((unsigned char)*s >= 0x80 || is_word_char((unsigned char)*s))
            return true;
    }
    return false;
}

/* Builds every item's comparison key under `kind` once (folded code
 * points in UTF-8, whose byte order is their order), so that comparing two
 * items is a strcmp: the sort compares n log n pairs. Returns the keys'
 * storage, for drop_keys. */
static char *build_keys(list_item *items, size_t n, order_kind kind)
{
    /* A key is at most twice its text: a code point folds to one at most
     * half as long again (U+023A, two bytes, to U+2C65, three), an invalid
     * byte reads as a Latin-1 code point (two bytes), and a run of
     * punctuation becomes at most one space. */
    size_t size = 0;
    for (size_t i = 0; i < n; i++)
        size += (kind == ORDER_ALPHA_LINE ? strcspn(items[i].line, "\r\n")
                                          : strlen(items[i].entry->title)) *
                    2 +
                1;
    char *keys = awl_xmalloc(size);
    size_t at = 0;
    for (size_t i = 0; i < n; i++) {
        const char *text = kind == ORDER_ALPHA_LINE ? items[i].line : items[i].entry->title;
        items[i].key = keys + at;
        key_cursor cur = {0, false};
        for (int32_t cp; (cp = next_key(text, &cur, kind)) >= 0;) {
            if (kind == ORDER_ALPHA_BYTES || cp < 0x80)
                keys[at++] = (char)cp;
            else
                at += (size_t)utf8proc_encode_char(cp, (utf8proc_uint8_t *)keys + at);
        }
        keys[at++] = '\0';
    }
    return keys;
}

static void drop_keys(list_item *items, size_t n, char *keys)
{
    for (size_t i = 0; i < n; i++)
        items[i].key = NULL;
    free(keys);
}

static void check_list(awl_check *check, size_t list, unsigned pin, list_item *items, size_t n,
                       unsigned char *kept, size_t *tails, size_t *prev, sort_item *sorted)
{
    const awl_doc *doc = check->doc;
    bool all_titles = true, all_years = true;
    for (size_t i = 0; i < n; i++) {
        if (!has_sortable_title(items[i].entry->title))
            all_titles = false;
        if (items[i].entry->year <= 0)
            all_years = false;
    }
    /* The config may pin the order: then only its kinds compete, and no
     * share of agreeing pairs is needed. */
    unsigned percent = check->config->entry_order_agreement;
    order_kind best = ORDER_KINDS;
    size_t best_agree = 0, best_against = 0;
    for (int k = 0; k < ORDER_KINDS; k++) {
        order_kind kind = (order_kind)k;
        if (kind < ORDER_NEWEST ? !all_titles : !all_years)
            continue;
        if ((pin == AWL_ORDER_ALPHABETICAL && kind >= ORDER_NEWEST) ||
            (pin == AWL_ORDER_NEWEST_FIRST && kind != ORDER_NEWEST) ||
            (pin == AWL_ORDER_OLDEST_FIRST && kind != ORDER_OLDEST))
            continue;
        /* Neighbours are compared as they are: most titles differ in
         * their first letters, so building keys would cost more. */
        size_t agree = 0, against = 0;
        for (size_t i = 1; i < n; i++) {
            int c = compare_entries(&items[i - 1], &items[i], kind);
            agree += c < 0;
            against += c > 0;
            /* Unpinned, a kind that would miss the share even if every pair
             * left agreed is out: the test after the loop drops it too. */
            size_t most = agree + (n - 1 - i);
            if (c > 0 && !pin && percent <= 100 && most * 100 < (most + against) * percent)
                break;
        }
        if (agree && !against)
            return; /* already in one of the orders, however few its pairs */
        if (!pin && (agree < MIN_AGREEING || agree * 100 < (agree + against) * percent))
            continue;
        /* The best share of agreeing pairs; more evidence breaks a tie. */
        if (best == ORDER_KINDS ||
            agree * (best_agree + best_against) > best_agree * (agree + against) ||
            (agree * (best_agree + best_against) == best_agree * (agree + against) &&
             agree > best_agree)) {
            best = kind;
            best_agree = agree;
            best_against = against;
        }
    }
    if (best == ORDER_KINDS || best_against == 0)
        return;

    char *keys = best < ORDER_NEWEST ? build_keys(items, n, best) : NULL;
    longest_in_order(items, n, best, kept, tails, prev);
    /* A clear order also leaves most entries in place: two sorted runs put
     * one after the other (a list grouped in two) agree pair by pair but
     * would be reshuffled by a sort. */
    size_t in_place = 0;
    for (size_t i = 0; i < n; i++)
        in_place += kept[i];
    if (!pin && in_place * 100 < n * percent) {
        drop_keys(items, n, keys);
        return;
    }
    for (size_t i = 0; i < n; i++)
        sorted[i] = (sort_item){&items[i], i, best};
    qsort(sorted, n, sizeof *sorted, compare_sort_items);
    size_t *position = tails; /* reuse: sorted position of each item */
    for (size_t k = 0; k < n; k++)
        position[sorted[k].index] = k;

    bool fixable = movable(doc, list, items, n);
    bool fix_attached = false;
    for (size_t i = 0; i < n; i++) {
        if (kept[i])
            continue;
        size_t p = position[i];
        size_t start, end;
        awl_dup_span(doc, items[i].entry, &start, &end);
        awl_diag *d;
        /* Name the neighbour it would gain: its successor in the sorted list,
         * or its predecessor when the successor already follows it. */
        if (p + 1 < n && !(p > 0 && sorted[p + 1].index == i + 1))
            d = pin ? awl_emit(check, start, end,
                               "entry out of order: the config keeps lists %s; it belongs before line %zu",
                               order_names[best], sorted[p + 1].item->entry->line + 1)
                    : awl_emit(check, start, end,
                               "entry out of order: this list is %s (%zu of %zu neighbouring pairs "
                               "agree); it belongs before line %zu",
                               order_names[best], best_agree, best_agree + best_against,
                               sorted[p + 1].item->entry->line + 1);
        else
            d = pin ? awl_emit(check, start, end,
                               "entry out of order: the config keeps lists %s; it belongs after line %zu",
                               order_names[best], sorted[p - 1].item->entry->line + 1)
                    : awl_emit(check, start, end,
                               "entry out of order: this list is %s (%zu of %zu neighbouring pairs "
                               "agree); it belongs after line %zu",
                               order_names[best], best_agree, best_agree + best_against,
                               sorted[p - 1].item->entry->line + 1);
        if (d && fixable && !fix_attached) {
            attach_sort(check, d, items, sorted, n);
            fix_attached = true;
        }
    }
    drop_keys(items, n, keys);
}

/* The order the config pins for the lists of a section (its `sections`
 * entry for the section's heading, else `order`). */
static unsigned list_order(const awl_doc *doc, const awl_config *config, size_t section)
{
    size_t heading = doc->sections[section].heading;
    return awl_config_section_order(config, heading == AWL_NONE ? NULL : doc->blocks[heading].text);
}

static void check_entry_order(awl_check *check)
{
    const awl_doc *doc = check->doc;
    const awl_entries *entries = check->entries;
    const awl_config *config = check->config;
    size_t min_entries = config->entry_order || config->section_order_count ? MIN_PINNED : MIN_ENTRIES;
    if (entries->count < min_entries)
        return;
    /* Entries grouped by their list (linked through next_in_list, in
     * document order), and each list's item count. */
    size_t *head = awl_xmalloc(doc->block_count * sizeof *head);
    size_t *tail = awl_xmalloc(doc->block_count * sizeof *tail);
    size_t *item_count = awl_xcalloc(doc->block_count, sizeof *item_count);
    size_t *entry_count = awl_xcalloc(doc->block_count, sizeof *entry_count);
    size_t *next_in_list = awl_xmalloc(entries->count * sizeof *next_in_list);
    for (size_t b = 0; b < doc->block_count; b++) {
        head[b] = AWL_NONE;
        if (doc->blocks[b].kind == AWL_BLOCK_ITEM && doc->blocks[b].parent != AWL_NONE)
            item_count[doc->blocks[b].parent]++;
    }
    for (size_t i = 0; i < entries->count; i++) {
        const awl_entry *e = &entries->items[i];
        next_in_list[i] = AWL_NONE;
        const awl_block *b = &doc->blocks[e->block];
        /* (Entries never come from Contributing-like sections: entries.c
         * leaves those out.) */
        if (b->kind != AWL_BLOCK_ITEM || b->parent == AWL_NONE)
            continue;
        size_t list = b->parent;
        if (head[list] == AWL_NONE)
            head[list] = i;
        else
            next_in_list[tail[list]] = i;
        tail[list] = i;
        entry_count[list]++;
    }
    size_t most = 0;
    for (size_t b = 0; b < doc->block_count; b++)
        if (head[b] != AWL_NONE && entry_count[b] == item_count[b] && entry_count[b] > most)
            most = entry_count[b];
    if (most >= min_entries) {
        list_item *items = awl_xmalloc(most * sizeof *items);
        unsigned char *kept = awl_xmalloc(most);
        size_t *tails = awl_xmalloc(most * sizeof *tails);
        size_t *prev = awl_xmalloc(most * sizeof *prev);
        sort_item *sorted = awl_xmalloc(most * sizeof *sorted);
        for (size_t b = 0; b < doc->block_count; b++) {
            /* Every item an entry: a list mixing entries with other items
             * (notes, headings in bold) has no order to keep. */
            if (head[b] == AWL_NONE || entry_count[b] != item_count[b])
                continue;
            unsigned pin = list_order(doc, config, entries->items[head[b]].section);
            if (pin == AWL_ORDER_NONE || entry_count[b] < (pin ? MIN_PINNED : MIN_ENTRIES))
                continue;
            size_t n = 0;
            for (size_t i = head[b]; i != AWL_NONE; i = next_in_list[i]) {
                const awl_block *item = &doc->blocks[entries->items[i].block];
                const char *line = doc->source.bytes + item->marker_offset;
                while (*line && *line != '\n' && *line != ' ' && *line != '\t')
                    line++; /* past the bullet */
                while (*line == ' ' || *line == '\t')
                    line++;
                items[n++] = (list_item){&entries->items[i], line, NULL};
            }
            check_list(check, b, pin, items, n, kept, tails, prev, sorted);
        }
        free(items);
        free(kept);
        free(tails);
        free(prev);
        free(sorted);
    }
    free(head);
    free(tail);
    free(item_count);
    free(entry_count);
    free(next_in_list);
}

const awl_rule awl_rule_entry_order = {
    .id = "entry-order",
    .category = "entry",
    .severity = AWL_SEVERITY_WARNING,
    .fix = AWL_FIX_SAFE,
    .summary = "A list kept in order (alphabetical, newest or oldest first) stays in order",
    .explanation = "Many lists keep their entries alphabetical by title, or newest first, or\n"
                   "oldest first, so readers can scan them and contributors know where a new\n"
                   "entry goes. When at least 80% of the neighbouring pairs of a list agree with\n"
                   "one of these orders, the entries out of place are reported; lists with no\n"
                   "clear order are left alone. The fix sorts the list (a stable sort): each\n"
                   "entry moves with its sub-lists and continuation lines. The config can pin\n"
                   "the order for every list (`order`) or for the lists under given headings\n"
                   "(`sections`, where `none` means no order).\n"
                   "\n"
                   "Bad:\n"
                   "    - [Alpa](https://github.com/alpa-projects/alpa)\n"
                   "    - [DeepSpeed](https://github.com/microsoft/DeepSpeed)\n"
                   "    - [Colossal-AI](https://github.com/hpcaitech/ColossalAI)\n"
                   "    - [FlexFlow](https://github.com/flexflow/FlexFlow)\n"
                   "    - [Horovod](https://github.com/horovod/horovod)\n"
                   "    - [Megatron-LM](https://github.com/NVIDIA/Megatron-LM)\n"
                   "Good:\n"
                   "    - [Alpa](https://github.com/alpa-projects/alpa)\n"
                   "    - [Colossal-AI](https://github.com/hpcaitech/ColossalAI)\n"
                   "    - [DeepSpeed](https://github.com/microsoft/DeepSpeed)\n"
                   "    - [FlexFlow](https://github.com/flexflow/FlexFlow)\n"
                   "    - [Horovod](https://github.com/horovod/horovod)\n"
                   "    - [Megatron-LM](https://github.com/NVIDIA/Megatron-LM)\n",
    .check = check_entry_order,
};
