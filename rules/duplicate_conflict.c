/*
 * duplicate-conflict: copies of one entry that disagree on the venue or
 * the year.
 *
 * Copies are found as for duplicate-entry (linter/duplicates.h). Each
 * entry's tag is the one venue recognition (linter/venue.h) reads: the
 * canonical venue and the year, so spelling differences (`APNet'24`,
 * `APNET'24`) are left to the venue rules. The message says which copy
 * looks current: a peer-reviewed venue over a preprint, then the later
 * year.
 */
#include <string.h>

#include "rule.h"
#include "venue.h"

typedef struct dup_tag {
    const char *text; /* the tag as written */
    size_t len;
    const char *venue; /* canonical */
    int year;          /* 4 digits */
    bool preprint;
} dup_tag;

/* The entry's tag as venue recognition (venue.h) read it: its first tag
 * with a year. False when it has none. */
static bool entry_tag(const awl_entry *e, dup_tag *tag)
{
    if (!e->venue || !e->year || !e->venue_text)
        return false;
    const awl_venue *v = awl_venue_lookup(e->venue, strlen(e->venue));
    tag->text = e->venue_text;
    tag->len = strlen(e->venue_text);
    tag->venue = e->venue;
    tag->year = e->year;
    tag->preprint = v && v->kind == AWL_VENUE_PREPRINT;
    return true;
}

static void check_duplicate_conflict(awl_check *check)
{
    if (check->entries->count < 2)
        return;
    const awl_dups *dups = awl_check_dups(check);
    for (size_t i = 0; i < check->entries->count; i++) {
        size_t first = dups->first[i];
        if (first == i)
            continue;
        dup_tag here, there;
        if (!entry_tag(&check->entries->items[i], &here) ||
            !entry_tag(&check->entries->items[first], &there) ||
            (strcmp(here.venue, there.venue) == 0 && here.year == there.year))
            continue;
        const char *current;
        if (here.preprint != there.preprint)
            current = here.preprint ? "the first copy's" : "this copy's";
        else if (here.year != there.year)
            current = here.year < there.year ? "the first copy's" : "this copy's";
        else
            current = NULL;
        size_t start, end;
        awl_dup_span(check->doc, &check->entries->items[i], &start, &end);
        if (current)
            awl_emit(check, start, end, "copies disagree: %.*s here, %.*s at line %zu; %s looks current",
                     (int)here.len, here.text, (int)there.len, there.text,
                     check->entries->items[first].line + 1, current);
        else
            awl_emit(check, start, end, "copies disagree: %.*s here, %.*s at line %zu", (int)here.len,
                     here.text, (int)there.len, there.text, check->entries->items[first].line + 1);
    }
}

const awl_rule awl_rule_duplicate_conflict = {
    .id = "duplicate-conflict",
    .category = "duplicate",
    .severity = AWL_SEVERITY_WARNING,
    .fix = AWL_FIX_NONE,
    .summary = "Copies of an entry carry the same venue tag and year",
    .explanation =
        "When a paper is listed twice and the copies name different venues or years,\n"
        "at most one is right: usually an arXiv preprint was published and only one\n"
        "copy was updated. The message says which copy looks current (a peer-reviewed\n"
        "venue over arXiv, the later year over the earlier). Update or remove the\n"
        "other.\n"
        "\n"
        "Bad:\n"
        "    - [arxiv'24] [Unicron: Self-Healing LLM Training at Scale](https://arxiv.org/abs/2401.00134)\n"
        "    - [EuroSys'26] [Unicron: Self-Healing LLM Training at Scale](https://arxiv.org/abs/2401.00134)\n"
        "Good:\n"
        "    - [EuroSys'26] [Unicron: Self-Healing LLM Training at Scale](https://arxiv.org/abs/2401.00134)\n",
    .check = check_duplicate_conflict,
};
