/*
 * venue-heading: an entry whose venue tag contradicts its section headings.
 *
 * Lists often group papers by venue and year: `## OSDI` then `### 2020`,
 * or `## NeurIPS 2023`. A heading gives a venue when its whole text (past
 * emoji, numbering and punctuation) is a registry name written as the
 * registry writes it or in capitals (`OSDI`, `EuroSys`, `ATC`; not
 * `Security` or `Fast`, which are ordinary words), and a year when it is
 * a year (`2020`) or a venue and a year (`OSDI 2022`, `SOSP'21`). The
 * innermost heading that gives one wins.
 *
 * An entry is reported when it carries a tag with a year of a conference
 * or journal (a preprint's year is when it appeared, not where) and none
 * of those tags is the heading's venue, or none of the tags that count
 * (the heading venue's, else all) has the heading's year: an OSDI'21
 * paper under `### 2020`, a SOSP'19 paper under `## OSDI`. Entries without
 * a tag are venue-missing's. No fix: either the tag or the place is wrong.
 */
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "rule.h"
#include "venue.h"

static bool is_alpha(char c)
{
    return (unsigned char)((c | 0x20) - 'a') < 26;
}

static bool is_digit(char c)
{
    return (unsigned char)(c - '0') < 10;
}

typedef struct heading_venue {
    bool parsed;
    const awl_venue *venue;
    int year;
} heading_venue;

/* A year of 4 digits 19xx/20xx at t[0..4), or 0. */
static int four_digit_year(const char *t)
{
    if (!(t[0] == '1' && t[1] == '9') && !(t[0] == '2' && t[1] == '0'))
        return 0;
    return (t[0] - '0') * 1000 + (t[1] - '0') * 100 + (t[2] - '0') * 10 + (t[3] - '0');
}

/* True when name (as written) is how the registry writes the venue or is
 * all capitals: `OSDI`, `EuroSys`, not `Fast` or `Security`. */
static bool written_as_venue(const char *name, size_t len, const awl_venue *venue)
{
    if (len == venue->name_len && !memcmp(name, venue->name, len))
        return true;
    size_t capitals = 0;
    for (size_t i = 0; i < len; i++) {
        if (name[i] >= 'a' && name[i] <= 'z')
            return false;
        capitals += name[i] >= 'A' && name[i] <= 'Z';
    }
    return capitals >= 2;
}

static void parse_heading(const char *text, heading_venue *out)
{
    out->parsed = true;
    if (!text)
        return;
    size_t len = strlen(text);
    size_t a = 0, b = len;
    /* past emoji, numbering ("1.", "2.3") and punctuation */
    while (a < b && !is_alpha(text[a]) &&
           !(is_digit(text[a]) && a + 4 <= b && four_digit_year(text + a) &&
             (a + 4 == b || !is_digit(text[a + 4]))))
        a++;
    while (b > a && !is_alpha(text[b - 1]) && !is_digit(text[b - 1]))
        b--;
    if (a >= b)
        return;
    if (b - a == 4 && four_digit_year(text + a)) {
        out->year = four_digit_year(text + a);
        return;
    }
    /* a name of up to three words, then maybe a year */
    size_t n = a;
    while (n < b && (is_alpha(text[n]) || (text[n] == ' ' && n + 1 < b && is_alpha(text[n + 1]))))
        n++;
    size_t name_end = n;
    const awl_venue *v = awl_venue_lookup(text + a, name_end - a);
    if (!v || !written_as_venue(text + a, name_end - a, v))
        return;
    if (n == b) {
        out->venue = v;
        return;
    }
    if (text[n] == ' ' || text[n] == '\'')
        n++;
    else if (n + 3 <= b && (unsigned char)text[n] == 0xE2 && (unsigned char)text[n + 1] == 0x80 &&
             ((unsigned char)text[n + 2] == 0x98 || (unsigned char)text[n + 2] == 0x99))
        n += 3;
    size_t d = n;
    while (d < b && is_digit(text[d]))
        d++;
    if (d != b)
        return;
    if (d - n == 4 && four_digit_year(text + n))
        out->year = four_digit_year(text + n);
    else if (d - n == 2)
        out->year = awl_venue_year(text + n, 2);
    else
        return;
    out->venue = v;
}

static void check_venue_heading(awl_check *check)
{
    const awl_doc *doc = check->doc;
    if (!check->entries->count || !doc->section_count)
        return;
    heading_venue *cache = awl_xcalloc(doc->section_count, sizeof *cache);
    for (size_t e = 0; e < check->entries->count; e++) {
        const awl_entry *entry = &check->entries->items[e];
        if (!entry->tag_count)
            continue;
        const awl_venue *hv = NULL;
        int hy = 0;
        size_t hv_section = AWL_NONE, hy_section = AWL_NONE;
        for (size_t s = entry->section; s != AWL_NONE && s < doc->section_count;
             s = doc->sections[s].parent) {
            heading_venue *h = &cache[s];
            if (!h->parsed) {
                size_t block = doc->sections[s].heading;
                parse_heading(block == AWL_NONE ? NULL : doc->blocks[block].text, h);
            }
            if (!hv && h->venue) {
                hv = h->venue;
                hv_section = s;
            }
            if (!hy && h->year) {
                hy = h->year;
                hy_section = s;
            }
        }
        if (!hv && !hy)
            continue;
        const awl_venue_tag *tags = awl_entry_tags(check->entries, entry);
        const awl_venue_tag *first = NULL, *venue_tag = NULL;
        for (size_t t = 0; t < entry->tag_count; t++) {
            const awl_venue_tag *tag = &tags[t];
            if (!tag->year || tag->venue->kind == AWL_VENUE_PREPRINT)
                continue;
            if (!first)
                first = tag;
            if (hv && tag->venue == hv && !venue_tag)
                venue_tag = tag;
        }
        if (!first)
            continue;
        const char *s = doc->source.bytes;
        if (hv && !venue_tag) {
            const awl_block *h = &doc->blocks[doc->sections[hv_section].heading];
            awl_emit(check, first->start, first->end,
                     "venue tag '%.*s' contradicts the heading '%s' (line %zu) it is listed under",
                     (int)(first->end - first->start), s + first->start, h->text,
                     h->first_line + 1);
            continue;
        }
        if (!hy)
            continue;
        const awl_venue_tag *wrong = NULL;
        bool matched = false;
        for (size_t t = 0; t < entry->tag_count; t++) {
            const awl_venue_tag *tag = &tags[t];
            if (!tag->year || tag->venue->kind == AWL_VENUE_PREPRINT || (hv && tag->venue != hv))
                continue;
            if (tag->year == hy)
                matched = true;
            else if (!wrong)
                wrong = tag;
        }
        if (!matched && wrong) {
            const awl_block *h = &doc->blocks[doc->sections[hy_section].heading];
            awl_emit(check, wrong->start, wrong->end,
                     "venue tag '%.*s' says %d, the heading '%s' (line %zu) it is listed under "
                     "says %d",
                     (int)(wrong->end - wrong->start), s + wrong->start, wrong->year, h->text,
                     h->first_line + 1, hy);
        }
    }
    free(cache);
}

const awl_rule awl_rule_venue_heading = {
    .id = "venue-heading",
    .category = "venue",
    .severity = AWL_SEVERITY_WARNING,
    .fix = AWL_FIX_NONE,
    .summary = "Venue tags agree with the venue and year their section headings give",
    .explanation = "A list grouped by venue and year (## OSDI, ### 2020) promises that what is\n"
                   "listed under a heading appeared there. An entry whose tag names another\n"
                   "venue or another year is in the wrong place, or its tag is wrong: either\n"
                   "way a reader is misled. Preprint tags (arXiv) are not compared: a paper\n"
                   "often appears there a year before its venue.\n"
                   "\n"
                   "Bad:\n"
                   "    ## OSDI\n"
                   "    ### 2020\n"
                   "    - [Alpha](https://example.org/alpha) - OSDI'21\n"
                   "Good:\n"
                   "    ## OSDI\n"
                   "    ### 2021\n"
                   "    - [Alpha](https://example.org/alpha) - OSDI'21\n",
    .check = check_venue_heading,
};
