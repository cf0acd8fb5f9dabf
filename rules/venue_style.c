/*
 * venue-style: the venue tags of a file write the year one way.
 *
 * A tag's style is what stands between the name and the year (`'`, `' `,
 * ` '`, ` `, a curly quote, ...) and how many digits the year has. The
 * file's dominant style is the norm, one choice at a time (straight, curly
 * or no quote; a space before and after the quote; 2 or 4 digits, each as
 * most of the file's tags write it); a tag written another way is rewritten to it:
 * with `OSDI'22` dominant, `SOSP' 24`, `EuroSys '24`, `ATC’ 21` and
 * `NSDI 23` become `SOSP'24`, `EuroSys'24`, `ATC'21`, `NSDI'23`. Glued tags
 * (`ICLR22`) are left alone and never the norm: a short name glued to its
 * year would no longer read as a tag. Where a choice is tied, or the file
 * has fewer than 3 tags, there is no convention to enforce: nothing is
 * reported.
 *
 * The config can pin the style with an example tag
 * (`rules: {venue-style: {style: "OSDI '22"}}`): then every tag follows it,
 * however few tags the file has. Brackets and the tag's place in the entry
 * are read but not rewritten: moving a tag is not a safe edit.
 */
#include <string.h>

#include "rule.h"
#include "venue.h"

static void check_venue_style(awl_check *check)
{
    const awl_doc *doc = check->doc;
    const bool pinned = check->config->venue_style_pinned;
    awl_venue_style norm = check->config->venue_style;
    if (!pinned && !awl_venue_dominant_style(doc, check->entries, &norm))
        return; /* too few tags, or no convention to enforce */
    char norm_sep[8];
    awl_venue_style_separator(&norm, norm_sep);
    for (size_t t = 0; t < check->entries->tag_count; t++) {
        const awl_venue_tag *tag = &check->entries->tags[t];
        awl_venue_style st;
        if (!awl_venue_tag_style(doc, tag, &st))
            continue;
        /* the norm's separator, then the year in the norm's digits */
        char repl[24];
        size_t len = strlen(norm_sep);
        memcpy(repl, norm_sep, len);
        int year = norm.four_digits ? tag->year : tag->year % 100;
        for (int unit = norm.four_digits ? 1000 : 10; unit; unit /= 10)
            repl[len++] = (char)('0' + year / unit % 10);
        const char *written = doc->source.bytes + tag->name_end;
        size_t written_len = tag->year_end - tag->name_end;
        if (written_len == len && !memcmp(written, repl, written_len))
            continue;
        awl_diag *diag = awl_emit(
            check, tag->start, tag->end,
            "venue tag writes \"%.*s\" after the name; %s write \"%.*s\"", (int)written_len,
            written, pinned ? "the config's pinned tags" : "this file's tags", (int)len, repl);
        awl_add_edit(check, diag, tag->name_end, tag->year_end, repl, len);
        diag->changes_text = true;
    }
}

const awl_rule awl_rule_venue_style = {
    .id = "venue-style",
    .category = "venue",
    .severity = AWL_SEVERITY_WARNING,
    .fix = AWL_FIX_SAFE,
    .summary = "Venue tags write the year the way most tags of the file do (OSDI'22, not OSDI' 22)",
    .explanation = "A list that writes OSDI'22 in one entry, SOSP' 24 in the next and NSDI 23\n"
                   "in a third reads as if nobody edits it, and the odd forms break searches\n"
                   "for a venue and year. The separator between name and year and the number\n"
                   "of year digits follow the style most tags of the file use, or the one the\n"
                   "config pins with an example tag: rules: {venue-style: {style: \"OSDI'22\"}}.\n"
                   "\n"
                   "Bad:\n"
                   "    - [Alpa](https://example.org/alpa) | OSDI'22\n"
                   "    - [INFaaS](https://example.org/infaas) | ATC\xE2\x80\x99 21\n"
                   "    - [Orca](https://example.org/orca) | OSDI'22\n"
                   "Good:\n"
                   "    - [Alpa](https://example.org/alpa) | OSDI'22\n"
                   "    - [INFaaS](https://example.org/infaas) | ATC'21\n"
                   "    - [Orca](https://example.org/orca) | OSDI'22\n",
    .check = check_venue_style,
};
