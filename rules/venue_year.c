/*
 * venue-year: a venue tag whose year cannot be right.
 *
 * A 4-digit year after next year (`ICLR 2031`) has not happened; a 2-digit
 * year reads as 20YY up to next year and as 19YY after it, so `OSDI'41`
 * would be 1941, before any of the venues in the registry: both are typos
 * (a swapped digit, a year from a different field). No fix: only the author
 * knows the right year.
 *
 * A year before the venue existed (`ICLR'12`: ICLR began in 2013), where
 * the registry knows its founding year (rules/venues.tsv, or the config's
 * `founded:`), is a typo too, or a tag meant for another venue.
 */
#include <time.h>

#include "rule.h"
#include "venue.h"

static void check_venue_year(awl_check *check)
{
    const awl_doc *doc = check->doc;
    time_t now = time(NULL);
    struct tm tm;
    gmtime_r(&now, &tm);
    int next_year = tm.tm_year + 1900 + 1;
    for (size_t e = 0; e < check->entries->count; e++) {
        const awl_entry *entry = &check->entries->items[e];
        const awl_venue_tag *tags = awl_entry_tags(check->entries, entry);
        for (size_t t = 0; t < entry->tag_count; t++) {
            const awl_venue_tag *tag = &tags[t];
            if (!tag->year)
                continue;
            size_t digits = tag->year_end - tag->year_start;
            if (digits == 4 && tag->year > next_year)
                awl_emit(check, tag->start, tag->end,
                         "venue year %d is after next year (%d): a typo?", tag->year, next_year);
            else if (digits == 2 && tag->year < 1950)
                awl_emit(check, tag->start, tag->end,
                         "venue year '%.2s reads as %d (after next year as 20%.2s, before the "
                         "venues of the registry as 19%.2s): a typo?",
                         doc->source.bytes + tag->year_start, tag->year,
                         doc->source.bytes + tag->year_start, doc->source.bytes + tag->year_start);
            else if (tag->venue->founded && tag->year < tag->venue->founded)
                awl_emit(check, tag->start, tag->end,
                         "venue year %d is before %s existed (first in %d): a typo?", tag->year,
                         tag->venue->name, tag->venue->founded);
        }
    }
}

const awl_rule awl_rule_venue_year = {
    .id = "venue-year",
    .category = "venue",
    .severity = AWL_SEVERITY_WARNING,
    .fix = AWL_FIX_NONE,
    .summary = "Venue tags carry a year that can be right (not after next year, not before the "
               "venue existed)",
    .explanation = "A paper cannot appear at a conference that has not happened yet, so a year\n"
                   "after next year is a typo (often swapped digits). Two-digit years read as\n"
                   "20YY up to next year; beyond that they would mean 19YY, which for a year\n"
                   "before 1950 no venue of the registry had. A year before the venue's first\n"
                   "meeting or issue (ICLR'12: ICLR began in 2013) is a typo as well.\n"
                   "\n"
                   "Bad:\n"
                   "    - [Alpa](https://example.org/alpa) - NSDI 2032.\n"
                   "Good:\n"
                   "    - [Alpa](https://example.org/alpa) - NSDI 2023.\n",
    .check = check_venue_year,
};
