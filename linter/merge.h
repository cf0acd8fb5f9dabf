/*
 * merge: several awesome lists combined into one (awelint merge).
 *
 * The first source is the skeleton: its text is kept byte for byte but for
 * the edits merge makes to it (a duplicate's line removed, a better venue
 * tag, a link added, the other sources' entries inserted, new sections
 * appended). Sections of the other sources are matched to the first's by
 * normalised heading (awl_merge_heading_key) or by a forced mapping;
 * entries that no section of the first source takes follow its content
 * sections, in the order of the first source holding them. Entries of all
 * sources are grouped with the duplicate keys (duplicates.h); a group keeps
 * its earliest copy, with the best venue tag of the group (a peer-reviewed
 * venue over arXiv, then the later year) and the union of the links.
 * Entries brought from another list are written the way the first list
 * writes its entries (per section: tag first, link first, label first,
 * table row, or paragraphs), with the first list's venue spelling and
 * year style, in their place when the section is kept newest first,
 * oldest first or alphabetical, else at the section's end. Paragraph-style lists (a title line and
 * an author line under venue and year headings) are read as entries taking their venue and year
 * from the headings. Finally the table of contents is regenerated and the repairs awelint can prove
 * safe (broken anchors, mojibake, an order rule's fix) are applied by the fixer (fix.h); in-page
 * links still pointing to no heading are turned into their text.
 *
 * Owns: awl_merge_result's text, decisions and strings (its arena);
 * awl_merge_result_free releases them. Inputs are borrowed.
 */
#ifndef AWL_MERGE_H
#define AWL_MERGE_H

#include <stdbool.h>
#include <stddef.h>

#include "arena.h"
#include "config.h"
#include "net.h"

/* One list to merge: a name for messages (its path or URL) and its bytes. */
typedef struct awl_merge_input {
    const char *name;
    const char *bytes;
    size_t len;
} awl_merge_input;

typedef enum awl_merge_decision_kind {
    AWL_MERGE_SECTION,   /* a section of a later source: matched, mapped or added */
    AWL_MERGE_DUPLICATE, /* copies of one entry: one kept, the others dropped */
    AWL_MERGE_VENUE,     /* the copies disagree on the venue or year; which won */
    AWL_MERGE_LINK,      /* a link of a dropped copy added to the kept one */
    AWL_MERGE_KEPT,      /* a duplicate that could not be dropped, and why */
    AWL_MERGE_UNLINKED,  /* an in-page link to no heading of the merged list, made text */
} awl_merge_decision_kind;

/* Where an entry or section is: source index (into the inputs) and 1-based line. */
typedef struct awl_merge_place {
    size_t source;
    size_t line;
} awl_merge_place;

typedef struct awl_merge_decision {
    awl_merge_decision_kind kind;
    const char *title;    /* the entry's title or the section's heading */
    awl_merge_place kept; /* the copy kept / the section merged into (source 0) */
    awl_merge_place from; /* the dropped copy / the later source's section */
    /* SECTION: "matched", "mapped" or "added"; VENUE: the tag kept and the
     * tag dropped ("OSDI'22 over arXiv'22"); LINK: the href added;
     * DUPLICATE: ""; KEPT: why; UNLINKED: the dead href (lines are the
     * merged list's). */
    const char *detail;
    const char *into; /* SECTION: the heading it went into; else NULL */
} awl_merge_decision;

typedef struct awl_merge_result {
    awl_buf text; /* the merged list */
    awl_merge_decision *decisions;
    size_t decision_count;
    size_t entries_in;            /* entries read from all sources */
    size_t entries_out;           /* entries of the merged list (groups kept) */
    size_t descriptions_left_out; /* descriptions of entries written tag first */
    bool fix_failed;              /* the final repairs failed verification: text is unrepaired */
    /* Web links of the sources (the first list's, the other lists'
     * entries') missing from the text: a merge that lost any must not be
     * written. */
    size_t lost_links;
    const char *lost_example;
    awl_arena arena;
} awl_merge_result;

/* Merges the inputs (at least one; the first is the skeleton). `maps`
 * force `from` headings into `to` headings (either spelling is
 * normalised). Never fails: bad bytes are text like any other. */
void awl_merge_texts(const awl_merge_input *inputs, size_t count, const awl_section_map *maps,
                     size_t map_count, awl_merge_result *out);
void awl_merge_result_free(awl_merge_result *result);

/* The key two headings are matched by: case folded, numbering (`2.5`,
 * `IV.`) and punctuation dropped, `&` read as `and`, every word in its
 * singular. Into arena. */
const char *awl_merge_heading_key(awl_arena *arena, const char *heading);

/* The report: one line per decision (text), or a JSON document. */
void awl_merge_report_text(const awl_merge_result *result, const awl_merge_input *inputs,
                           awl_buf *out);
void awl_merge_report_json(const awl_merge_result *result, const awl_merge_input *inputs,
                           size_t count, awl_buf *out);

/* `awelint merge ...`: argv[0] is "merge". Returns the exit code. */
int awl_merge_main(int argc, char **argv);

#endif
