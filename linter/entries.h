/*
 * entries: the things a list lists.
 *
 * An entry is a list item or a table row of a content section that carries
 * at least one link to somewhere else: title, primary link, extra links with
 * their labels (code, paper, slides, ...), description and the entry's shape.
 * The venue fields come from the entry's first venue tag (venue.h).
 *
 * Owns: the entry array (heap) and its strings (its own arena, so entries
 * can be read from a document that other threads read too); awl_entries_free
 * releases both.
 */
#ifndef AWL_ENTRIES_H
#define AWL_ENTRIES_H

#include "doc.h"

typedef enum awl_entry_shape {
    AWL_SHAPE_LINK_FIRST,  /* - [Title](url) - description */
    AWL_SHAPE_TAG_FIRST,   /* - [VLDB'25] [Title](url) */
    AWL_SHAPE_LABEL_FIRST, /* - code [Title](url) */
    AWL_SHAPE_TEXT_FIRST,  /* - Title. [[paper](url)] [[code](url)] */
    AWL_SHAPE_TABLE_ROW,   /* | Title | [paper](url) | ... */
} awl_entry_shape;

typedef struct awl_entry_link {
    size_t link;       /* index into doc->links */
    const char *label; /* "code", "paper", ... or NULL for the title link */
} awl_entry_link;

typedef struct awl_entry {
    size_t block;   /* the list item or table row */
    size_t line;    /* 0-based: the item's marker line or the row's line */
    size_t section; /* index into doc->sections */
    const char *title;
    size_t primary; /* index into doc->links of the title/paper link, or AWL_NONE */
    awl_entry_link *links; /* every link of the entry but the primary */
    size_t link_count;
    const char *description; /* text after the title, separators stripped; may be "" */
    awl_entry_shape shape;
    /* From the entry's first tag with a year (venue.h); NULL/0 without one.
     * (year sits beside shape: the two ints share a word.) */
    int year;
    const char *venue;
    const char *venue_text;
    size_t tag_first; /* the entry's tags: entries->tags[tag_first, +tag_count) */
    size_t tag_count;
} awl_entry;

typedef struct awl_entries {
    awl_entry *items;
    size_t count;
    struct awl_venue_tag *tags; /* every entry's venue tags, entry by entry (venue.h) */
    size_t tag_count;
    awl_arena arena; /* titles, labels, descriptions, venue texts */
} awl_entries;

void awl_entries_extract(const awl_doc *doc, awl_entries *out);
void awl_entries_free(awl_entries *entries);

const char *awl_entry_shape_name(awl_entry_shape shape);
/* True when `text` names what a link is rather than what it is called:
 * "code", "[paper]", " Slides ", "arXiv" (brackets, spaces and emphasis
 * around the word are ignored). */
bool awl_entry_is_label(const char *text, size_t len);
/* True when a section heading names a non-content section (Contributing, License, ...). */
bool awl_section_is_meta(const awl_doc *doc, size_t section);

#endif
