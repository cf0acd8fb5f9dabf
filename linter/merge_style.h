/*
 * merge_style: how the first list of a merge writes its entries, learned
 * from its text, and entries written that way.
 *
 * Per file: the venue tags' spelling of each venue, the year's style
 * (`OSDI'22`, `OSDI 22`, `OSDI 2022`), what surrounds a tag that follows
 * the title (` OSDI'22`, ` | OSDI 22`, ` (OSDI'22)`) and what separates a
 * title link from its description (`: `, ` - `). Per section: the entry
 * shape most of its entries have, the bullet, tight or loose, and for a
 * table the role of each column (title, paper, code, venue).
 *
 * Owns: awl_merge_conventions' map (heap, awl_merge_conventions_free);
 * strings come from the arena given to awl_merge_learn.
 */
#ifndef AWL_MERGE_STYLE_H
#define AWL_MERGE_STYLE_H

#include <stdbool.h>
#include <stddef.h>

#include "arena.h"
#include "doc.h"
#include "entries.h"
#include "strmap.h"
#include "venue.h"

enum { AWL_MERGE_MAX_COLUMNS = 16 };

typedef enum awl_merge_column {
    AWL_COLUMN_OTHER,
    AWL_COLUMN_TITLE,
    AWL_COLUMN_PAPER,
    AWL_COLUMN_CODE,
    AWL_COLUMN_VENUE,
} awl_merge_column;

typedef struct awl_merge_conventions {
    const char *year_sep;   /* between a venue's name and its year */
    int year_digits;        /* 2 or 4 */
    const char *tag_before; /* before a tag that follows the title */
    const char *tag_after;  /* after it (a closing bracket or "") */
    const char *desc_sep;   /* between the title link and the description */
    const char *newline;    /* "\n" or "\r\n", as the file writes lines */
    awl_entry_shape shape;  /* the file's most common entry shape */
    bool has_entries;
    awl_strmap spelling; /* venue canonical name -> index into spellings */
    const char **spellings;
} awl_merge_conventions;

typedef struct awl_merge_style {
    awl_entry_shape shape;
    bool paragraphs; /* the section lists paragraphs (a title line, an author line) */
    bool loose;      /* its list has blank lines between items */
    char bullet;
    size_t columns; /* TABLE_ROW: the header's columns and their roles */
    awl_merge_column roles[AWL_MERGE_MAX_COLUMNS];
} awl_merge_style;

typedef struct awl_merge_link {
    const char *href;
    const char *label; /* "code", "paper", ... */
} awl_merge_link;

/* An entry to write. */
typedef struct awl_merge_item {
    const char *title;
    const char *href;        /* the title's link, or NULL */
    const char *description; /* or NULL */
    const awl_venue *venue;  /* or NULL */
    int year;                /* 0 when none */
    const awl_merge_link *links;
    size_t link_count;
} awl_merge_item;

void awl_merge_learn(const awl_doc *doc, const awl_entries *entries, awl_arena *arena,
                     awl_merge_conventions *out);
void awl_merge_conventions_free(awl_merge_conventions *conv);

/* The style of the entries `entries[members[0..count)]` of one section
 * (all of the first list); with count 0 the file's conventions. */
void awl_merge_section_style(const awl_doc *doc, const awl_entries *entries, const size_t *members,
                             size_t count, const awl_merge_conventions *conv, awl_merge_style *out);

/* A venue tag as the file writes them: `OSDI'22`, `arXiv 2023`, `ICML`. */
void awl_merge_render_tag(const awl_merge_conventions *conv, const awl_venue *venue, int year,
                          awl_buf *out);
/* The entry's lines (each ended with the file's newline). */
void awl_merge_render(const awl_merge_conventions *conv, const awl_merge_style *style,
                      const awl_merge_item *item, awl_buf *out);
/* A label-first entry's further link: a blank line, then
 * `<indent>label [title](href)` and a newline. */
void awl_merge_render_labelled(const awl_merge_conventions *conv, size_t indent,
                               const awl_merge_link *link, const char *title, awl_buf *out);
/* Appends ` [label](href)` for each link. */
void awl_merge_render_links(const awl_merge_link *links, size_t count, awl_buf *out);

#endif
