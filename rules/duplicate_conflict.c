/*
 * duplicate-conflict: copies of one entry that disagree on the venue or
 * the year.
 *
 * Copies are found as for duplicate-entry (rules/duplicates.h). Each
 * entry's tag is read from its first line, locally (the venue registry is
 * another module's): the first `Venue'yy` (straight or curly apostrophe,
 * also `Venue 'yy`) or `VENUE2024` / `VENUE 2024` whose word has two
 * capitals. Tags are compared by letters case-folded and the two-digit
 * year, so spelling differences (`APNet'24`, `APNET'24`) are left to the
 * venue rules. The message says which copy looks current: a peer-reviewed
 * venue over arXiv, then the later year.
 */
#include <ctype.h>
#include <stdio.h>

#include <string.h>

#include "rule.h"

typedef struct dup_tag {
    const char *text; /* the tag as written, in the source */
    size_t len;
    char key[24]; /* letters folded, then the year's two digits */
    int year;     /* two digits */
    bool preprint;
} dup_tag;

static bool is_letter(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* Reads the first venue tag in [start, end); false when there is none. */
static bool read_tag(const char *s, size_t start, size_t end, dup_tag *tag)
{
    for (size_t i = start; i < end; i++) {
        if (!is_letter(s[i]) || (i > start && (is_letter(s[i - 1]) || isdigit((unsigned char)s[i - 1]))))
            continue;
        size_t w = i, upper = 0;
        while (w < end && (is_letter(s[w]) || s[w] == '-')) {
            upper += s[w] >= 'A' && s[w] <= 'Z';
            w++;
        }
        if (w - i < 2 || w - i > 16)
            continue;
        size_t y = w;
        bool apostrophe = false;
        if (y < end && s[y] == ' ')
            y++;
        if (y < end && s[y] == '\'') {
            apostrophe = true;
            y++;
        } else if (y + 2 < end && (unsigned char)s[y] == 0xE2 && (unsigned char)s[y + 1] == 0x80 &&
                   (unsigned char)s[y + 2] == 0x99) {
            apostrophe = true;
            y += 3;
        }
        size_t d = y;
        while (d < end && isdigit((unsigned char)s[d]))
            d++;
        if (d < end && (is_letter(s[d]) || s[d] == '.'))
            continue;
        int year;
        if (apostrophe && d - y == 2)
            year = (s[y] - '0') * 10 + (s[y + 1] - '0');
        else if (d - y == 4 && (apostrophe || upper >= 2) && s[y] == '2' && s[y + 1] == '0')
            year = (s[y + 2] - '0') * 10 + (s[y + 3] - '0');
        else
            continue;
        size_t k = 0;
        for (size_t c = i; c < w && k + 3 < sizeof tag->key; c++)
            if (is_letter(s[c]))
                tag->key[k++] = (char)tolower((unsigned char)s[c]);
        tag->key[k++] = (char)('0' + year / 10);
        tag->key[k++] = (char)('0' + year % 10);
        tag->key[k] = '\0';
        tag->text = s + i;
        tag->len = d - i;
        tag->year = year;
        tag->preprint = strncmp(tag->key, "arxiv", 5) == 0 || strncmp(tag->key, "preprint", 8) == 0;
        return true;
    }
    return false;
}

static bool entry_tag(const awl_check *check, const awl_entry *e, dup_tag *tag)
{
    const awl_block *b = &check->doc->blocks[e->block];
    size_t start = b->kind == AWL_BLOCK_ITEM ? b->marker_offset : b->start;
    size_t end = awl_source_line_end(&check->doc->source, e->line);
    return start < end && read_tag(check->doc->source.bytes, start, end, tag);
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
        if (!entry_tag(check, &check->entries->items[i], &here) ||
            !entry_tag(check, &check->entries->items[first], &there) || strcmp(here.key, there.key) == 0)
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
