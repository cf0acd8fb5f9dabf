/*
 * venue: the venue registry and venue-tag recognition.
 *
 * The registry is rules/venues.tsv compiled into the binary (one string,
 * see CMakeLists.txt): canonical spelling, kind, aliases. It is indexed on
 * first use into a hash map from the lowercased name or alias to the venue,
 * so a lookup costs one hash, never a scan of the table.
 *
 * Recognition finds tags in tag positions of one line of an entry: a
 * registry name followed by a year (`OSDI'22`, `SOSP' 24`, `EuroSys '24`,
 * `NSDI 23`, `ICLR22`, `OSDI 2022`, `'24.8`), where the tag opens a group
 * (line start, `[`, `(`, `|`, emphasis, `@`, a separator) or closes one
 * (line end, `]`, `)`, `|`, emphasis, final punctuation). A name without a
 * year counts only when it fills a whole group (`[arXiv]`, `(Eurosys)`) and
 * is not short or an ordinary word (SC, ATC, FAST, Cluster need a year).
 * Hrefs, code spans, autolinks, HTML and URLs are skipped.
 *
 * Owns: the registry lives for the whole process (built once, never freed).
 */
#ifndef AWL_VENUE_H
#define AWL_VENUE_H

#include <stdbool.h>
#include <stddef.h>

#include "doc.h"
#include "entries.h"

typedef enum awl_venue_kind {
    AWL_VENUE_CONFERENCE,
    AWL_VENUE_JOURNAL,
    AWL_VENUE_WORKSHOP,
    AWL_VENUE_PREPRINT,
} awl_venue_kind;

typedef struct awl_venue {
    const char *name; /* canonical spelling, NUL-terminated */
    size_t name_len;
    awl_venue_kind kind;
    bool needs_year; /* short or an ordinary word: a tag only with a year */
} awl_venue;

/* The registry entry for a name or alias (ASCII case ignored), or NULL. */
const awl_venue *awl_venue_lookup(const char *name, size_t len);
size_t awl_venue_count(void);
/* The i-th venue of the registry (i < awl_venue_count()). */
const awl_venue *awl_venue_at(size_t i);

typedef struct awl_venue_tag {
    const awl_venue *venue;
    size_t start, end;           /* the whole tag, name to year (or month) */
    size_t name_start, name_end; /* the name as written */
    size_t year_start, year_end; /* the year's digits; both 0 without a year */
    int year;                    /* 4-digit year, 0 when none */
} awl_venue_tag;

/* The entry's tag_count venue tags; NULL when it has none (entries->tags
 * is NULL in a document without tags, and NULL + 0 is undefined in C). */
static inline const awl_venue_tag *awl_entry_tags(const awl_entries *entries,
                                                  const awl_entry *entry)
{
    return entry->tag_count ? entries->tags + entry->tag_first : NULL;
}

/* Finds the venue tags in bytes [start, end) of the document's source
 * (one line of an entry) and stores up to `max` of them in document order;
 * returns how many it found (may exceed max). */
size_t awl_venue_scan(const awl_doc *doc, size_t start, size_t end, awl_venue_tag *out,
                      size_t max);

/* True when a line after an entry's first belongs to the entry's text:
 * not a blank line, a sub-item's marker, code, HTML or a heading. A tight
 * item's continuation lines count (md4c gives them no paragraph). */
bool awl_venue_entry_line(const awl_doc *doc, size_t line);

/* The tags of an entry: its lines up to its first sub-item (past the list
 * marker), or its table row. Same contract as awl_venue_scan. */
size_t awl_venue_scan_entry(const awl_doc *doc, const awl_entry *entry, awl_venue_tag *out,
                            size_t max);

/* Stores every entry's tags (up to 16) in entries->tags, and fills each
 * entry's venue (canonical), venue_text (as written) and year from its
 * first tag with a year, else its first tag. Rules read the stored tags. */
void awl_venue_fill_entries(const awl_doc *doc, awl_entries *entries);

/* The 4-digit year of 2 or 4 digits: 'YY is 20YY up to next year, else 19YY. */
int awl_venue_year(const char *digits, size_t len);

#endif
