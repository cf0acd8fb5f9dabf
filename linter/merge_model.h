/*
 * merge_model: what the steps of a merge share (internal to merge*.c):
 * the sources, the merged sections, every entry of every source and the
 * decisions so far. merge.c owns a merger for the length of one merge;
 * strings live in the result's arena or in the sources' documents.
 */
#ifndef AWL_MERGE_MODEL_H
#define AWL_MERGE_MODEL_H

#include "entries.h"
#include "merge.h"
#include "merge_style.h"
#include "strmap.h"
#include "venue.h"

typedef struct msource {
    const awl_merge_input *in;
    awl_doc *doc;
    awl_entries entries;
    size_t *section_entries; /* per doc section: entries directly in it */
} msource;

typedef struct msection {
    const char *key;
    const char *heading; /* as the section's own source writes it */
    unsigned level;
    size_t source, doc_section; /* where it first appears */
    bool added;                 /* not a section of the first source */
    awl_buf text;               /* the entries other sources bring, rendered */
    size_t decision;            /* added: the decision reporting it */
    size_t last_entry;          /* the first source's last entry in it, or AWL_NONE */
    size_t text_items;
} msection;

typedef struct mentry {
    size_t source;
    size_t entry; /* into its source's entries, or AWL_NONE for a paragraph entry */
    size_t block; /* the item, row or paragraph */
    size_t line;  /* 0-based */
    size_t msection;
    const char *dup_title;
    const char *title; /* as written, venue tag taken out when it came from another list */
    const char *description;
    const char *primary;
    awl_merge_link *links;
    size_t link_count;
    const awl_venue *venue;
    int year;
    const char *venue_text;
    size_t owner; /* the mentry it is a sub-item of, or AWL_NONE */
    bool has_children;
    bool dropped;
    bool venue_changed;
    const awl_venue *new_venue;
    int new_year;
    size_t added_first, added_count; /* links added from dropped copies: into `added` */
} mentry;

typedef struct merger {
    msource *sources;
    size_t source_count;
    const awl_section_map *maps;
    size_t map_count;
    awl_vec sections; /* msection */
    awl_vec entries;  /* mentry */
    awl_vec added;    /* awl_merge_link */
    awl_vec decisions;
    awl_strmap section_by_key;
    awl_arena *arena;
    awl_merge_conventions conv;
    size_t descriptions_left_out; /* of entries written tag first */
} merger;

static inline mentry *entry_at(merger *m, size_t i)
{
    return awl_vec_at(&m->entries, i);
}

static inline msection *section_at(merger *m, size_t i)
{
    return awl_vec_at(&m->sections, i);
}

static inline awl_merge_place place_of(const mentry *e)
{
    return (awl_merge_place){e->source, e->line + 1};
}

/* Records a decision for the report (title copied into the result). */
void awl_merge_decide(merger *m, awl_merge_decision_kind kind, const char *title,
                      awl_merge_place kept, awl_merge_place from, const char *detail,
                      const char *into);
/* A venue tag in the first list's style, or "no tag" (into the arena). */
const char *awl_merge_tag_text(merger *m, const awl_venue *venue, int year);
/* "code" for a repository link, else "paper". */
const char *awl_merge_label_of_href(merger *m, const char *href);

/* merge_read.c: steps 1 and 2, every source's entries in m->entries and
 * the merged sections in m->sections. */
void awl_merge_read_sources(merger *m);
/* merge_write.c: steps 4 and 5, the merged list into result->text. */
void awl_merge_write(merger *m, awl_merge_result *result);

#endif
