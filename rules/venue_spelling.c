/*
 * venue-spelling: a known venue written with the wrong letter case or with
 * two letters swapped (`Eurosys'24`, `MLSYS'23`, `SOCC'20`, `arxiv`,
 * `arixv`), in a tag position of an entry (venue.h says which).
 *
 * Other names of a venue are left alone: an older name (NIPS, SysML), the
 * journal's name (PVLDB) or a short form (ATC for USENIX ATC) is how the
 * author meant to write it, not a typo. The fix writes the canonical
 * spelling; it changes the rendered text, so it says so.
 */
#include <string.h>
#include <strings.h>

#include "rule.h"
#include "venue.h"

/* True when `written` has the canonical's letters, in another case or with
 * one pair of neighbours swapped. */
static bool is_misspelling(const char *written, size_t len, const awl_venue *venue)
{
    if (len != venue->name_len || !memcmp(written, venue->name, len))
        return false;
    if (!strncasecmp(written, venue->name, len))
        return true;
    for (size_t i = 0; i + 1 < len; i++) {
        if ((written[i] | 0x20) == (venue->name[i] | 0x20))
            continue;
        /* the first difference: a swap of i and i+1, then the same */
        return (written[i] | 0x20) == (venue->name[i + 1] | 0x20) &&
               (written[i + 1] | 0x20) == (venue->name[i] | 0x20) &&
               !strncasecmp(written + i + 2, venue->name + i + 2, len - i - 2);
    }
    return false;
}

static void check_venue_spelling(awl_check *check)
{
    const awl_doc *doc = check->doc;
    for (size_t e = 0; e < check->entries->count; e++) {
        const awl_entry *entry = &check->entries->items[e];
        const awl_venue_tag *tags = awl_entry_tags(check->entries, entry);
        size_t n = entry->tag_count;
        for (size_t t = 0; t < n; t++) {
            const awl_venue_tag *tag = &tags[t];
            const char *written = doc->source.bytes + tag->name_start;
            size_t len = tag->name_end - tag->name_start;
            if (!is_misspelling(written, len, tag->venue))
                continue;
            awl_diag *diag = awl_emit(check, tag->name_start, tag->name_end,
                                      "venue '%.*s' is spelled '%s'", (int)len, written,
                                      tag->venue->name);
            awl_add_edit(check, diag, tag->name_start, tag->name_end, tag->venue->name,
                         tag->venue->name_len);
            diag->changes_text = true;
        }
    }
}

const awl_rule awl_rule_venue_spelling = {
    .id = "venue-spelling",
    .category = "venue",
    .severity = AWL_SEVERITY_WARNING,
    .fix = AWL_FIX_SAFE,
    .summary = "Known venues in their canonical spelling (Eurosys'24 -> EuroSys'24, arxiv -> arXiv)",
    .explanation =
        "A venue tag is how readers scan a paper list and how tools group it. The\n"
        "same venue written three ways (EuroSys, Eurosys, EUROSYS) looks careless and\n"
        "splits searches. A name from the built-in registry written in another\n"
        "letter case, or with two neighbouring letters swapped, is rewritten in the\n"
        "registry's spelling. Other names of a venue (NIPS, SysML, PVLDB, ATC) are\n"
        "left as written.\n"
        "\n"
        "Bad:\n"
        "    - [DynaPipe](https://example.org/dynapipe) - Eurosys'24\n"
        "Good:\n"
        "    - [DynaPipe](https://example.org/dynapipe) - EuroSys'24\n",
    .check = check_venue_spelling,
};
