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
 * Not yet: bracket and position styles, and a style pinned by the config.
 */
#include <stdio.h>
#include <string.h>

#include "rule.h"
#include "venue.h"

/* A tag's style, one value per dimension. */
typedef struct tag_style {
    int quote;        /* 0 none, 1 straight ', 2 curly ’ (or ‘) */
    int space_before; /* a space between the name and the quote */
    int space_after;  /* a space between the quote and the year */
    int four_digits;
} tag_style;

/* False for a glued tag (ICLR22) or a separator of another shape. */
static bool style_of(const awl_doc *doc, const awl_venue_tag *tag, tag_style *out)
{
    if (!tag->year)
        return false;
    const char *p = doc->source.bytes + tag->name_end;
    const char *end = doc->source.bytes + tag->year_start;
    tag_style st = {.four_digits = tag->year_end - tag->year_start == 4};
    if (p < end && *p == ' ') {
        st.space_before = 1;
        p++;
    }
    if (p < end && *p == '\'') {
        st.quote = 1;
        p++;
    } else if (end - p >= 3 && (unsigned char)p[0] == 0xE2 && (unsigned char)p[1] == 0x80) {
        st.quote = 2;
        p += 3;
    }
    if (p < end && *p == ' ' && st.quote) {
        st.space_after = 1;
        p++;
    }
    if (p != end || (!st.quote && !st.space_before))
        return false;
    if (!st.quote) /* `NSDI 23`: the space is the separator, not a choice */
        st.space_before = st.space_after = -1;
    *out = st;
    return true;
}

/* The index of the larger of n counts, or -1 on a tie for the top. */
static int winner(const size_t *counts, int n)
{
    int best = 0;
    bool tie = false;
    for (int i = 1; i < n; i++) {
        if (counts[i] > counts[best]) {
            best = i;
            tie = false;
        } else if (counts[i] == counts[best]) {
            tie = true;
        }
    }
    return tie || !counts[best] ? -1 : best;
}

static void check_venue_style(awl_check *check)
{
    const awl_doc *doc = check->doc;
    size_t quote[3] = {0}, before[2] = {0}, after[2] = {0}, digits[2] = {0}, total = 0;
    tag_style norm = {0};
    char norm_sep[8];
    for (int pass = 0; pass < 2; pass++) {
        if (pass == 1) {
            norm.quote = winner(quote, 3);
            norm.four_digits = winner(digits, 2);
            norm.space_before = norm.quote > 0 ? winner(before, 2) : 0;
            norm.space_after = norm.quote > 0 ? winner(after, 2) : 0;
            if (total < 3 || norm.quote < 0 || norm.four_digits < 0 || norm.space_before < 0 ||
                norm.space_after < 0)
                return; /* too few tags, or no convention to enforce */
            snprintf(norm_sep, sizeof norm_sep, "%s%s%s", norm.space_before ? " " : "",
                     norm.quote == 0 ? " " : norm.quote == 1 ? "'" : "\xE2\x80\x99",
                     norm.space_after ? " " : "");
        }
        for (size_t e = 0; e < check->entries->count; e++) {
            const awl_entry *entry = &check->entries->items[e];
            const awl_venue_tag *tags = awl_entry_tags(check->entries, entry);
            size_t n = entry->tag_count;
            for (size_t t = 0; t < n; t++) {
                const awl_venue_tag *tag = &tags[t];
                tag_style st;
                if (!style_of(doc, tag, &st))
                    continue;
                if (pass == 0) {
                    quote[st.quote]++;
                    digits[st.four_digits]++;
                    if (st.quote) {
                        before[st.space_before]++;
                        after[st.space_after]++;
                    }
                    total++;
                    continue;
                }
                char repl[24];
                int len = norm.four_digits
                              ? snprintf(repl, sizeof repl, "%s%04d", norm_sep, tag->year)
                              : snprintf(repl, sizeof repl, "%s%02d", norm_sep, tag->year % 100);
                const char *written = doc->source.bytes + tag->name_end;
                size_t written_len = tag->year_end - tag->name_end;
                if (written_len == (size_t)len && !memcmp(written, repl, written_len))
                    continue;
                awl_diag *diag = awl_emit(check, tag->start, tag->end,
                                          "venue tag writes \"%.*s\" after the name; this file's "
                                          "tags write \"%s\"",
                                          (int)written_len, written, repl);
                awl_add_edit(check, diag, tag->name_end, tag->year_end, repl, (size_t)len);
                diag->changes_text = true;
            }
        }
    }
}

const awl_rule awl_rule_venue_style = {
    .id = "venue-style",
    .category = "venue",
    .severity = AWL_SEVERITY_WARNING,
    .fix = AWL_FIX_SAFE,
    .summary = "Venue tags write the year the way most tags of the file do (OSDI'22, not OSDI' 22)",
    .explanation =
        "A list that writes OSDI'22 in one entry, SOSP' 24 in the next and NSDI 23\n"
        "in a third reads as if nobody edits it, and the odd forms break searches\n"
        "for a venue and year. The separator between name and year and the number\n"
        "of year digits follow the style most tags of the file use.\n"
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
