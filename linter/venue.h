/*
 * venue: the venue registry and venue-tag recognition.
 *
 * The registry is rules/venues.tsv compiled into the binary (one string,
 * see CMakeLists.txt): canonical spelling, kind, aliases, founding year.
 * The config file's `venues:` key adds venues and overrides built-in ones
 * (awl_venue_registry_set). It is indexed on first use into a hash map
 * from the lowercased name or alias to the venue, so a lookup costs one
 * hash, never a scan of the table.
 *
 * Recognition finds tags in tag positions of one line of an entry: a
 * registry name followed by a year (`OSDI'22`, `SOSP' 24`, `EuroSys '24`,
 * `NSDI 23`, `ICLR22`, `OSDI 2022`, `'24.8`), where the tag opens a group
 * (line start, `[`, `(`, `|`, emphasis, `@`, a separator) or closes one
 * (line end, `]`, `)`, `|`, emphasis, final punctuation). A name without a
 * year counts only when it fills a whole group (`[arXiv]`, `(Eurosys)`) and
 * is not short or an ordinary word (SC, ATC, FAST, Cluster need a year).
 * Hrefs, code spans, autolinks, HTML and URLs are skipped. A name and year
 * that open an entry and end in a colon (`- SysML 2019: [[YouTube]]`) label
 * what the entry is about, like a heading: not a tag.
 *
 * Qualifiers are kept with the tag: a workshop (`NAIC @ SIGCOMM'24`,
 * `ICML 2024 Workshop`, `FL-ICML'21`), a tutorial (`KDD'20 Tutorial`) and
 * a month (`arXiv'24.8`).
 *
 * Owns: the registry lives for the whole process (built once, rebuilt when
 * the config's venues change, never freed at exit).
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
    int founded;     /* the first year it met or appeared; 0 when not known */
} awl_venue;

/* A venue the config file adds, or a change to a built-in one. */
typedef struct awl_venue_def {
    const char *name;           /* canonical spelling */
    const char *const *aliases; /* other spellings, alias_count of them */
    size_t alias_count;
    int kind;    /* an awl_venue_kind, or -1 when not given */
    int founded; /* 0 when not given */
} awl_venue_def;

/* Makes the registry the built-in table plus `defs` (NULL and 0: the
 * built-in table alone). A def whose name or one of whose aliases is a
 * built-in venue's name or alias (ASCII case ignored) changes that venue:
 * the def's name becomes its canonical spelling, the def's aliases are
 * added to its own, and kind and founded change where the def gives them.
 * Any other def adds a venue (a conference unless it says otherwise). The
 * registry copies what it keeps. Rebuilding costs a few hundred inserts,
 * and happens only when the defs differ from the current ones. */
void awl_venue_registry_set(const awl_venue_def *defs, size_t count);
/* Builds the registry now unless it is built: it is built on first use,
 * and threads may only read it (engine.c reads entries on a thread). */
void awl_venue_registry_ready(void);

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
    /* Qualifiers. A workshop held at the venue: `NAIC @ SIGCOMM'24` (the
     * workshop's name `NAIC` in workshop_start..end), `ICML 2024 Workshop`
     * (no name: both 0), `FL-ICML'21` (`FL`). */
    bool workshop;
    size_t workshop_start, workshop_end;
    bool tutorial; /* `KDD'20 Tutorial` */
    int month;     /* 1-12 from `'24.8`; 0 when none */
} awl_venue_tag;

/* The entry's tag_count venue tags; NULL when it has none (entries->tags
 * is NULL in a document without tags, and NULL + 0 is undefined in C). */
static inline const awl_venue_tag *awl_entry_tags(const awl_entries *entries,
                                                  const awl_entry *entry)
{
    return entry->tag_count ? entries->tags + entry->tag_first : NULL;
}

/* Finds the venue tags in bytes [start, end) of the document's source
 * (one line of an entry: `end` is the line's end, awl_source_line_end, where
 * a line break or the final NUL stands) and stores up to `max` of them in
 * document order; returns how many it found (may exceed max). */
size_t awl_venue_scan(const awl_doc *doc, size_t start, size_t end, awl_venue_tag *out,
                      size_t max);

/* What a line after an entry's first is to the entry. */
typedef enum awl_venue_line {
    AWL_VENUE_LINE_TEXT,  /* the entry's text, to scan (a tight item's
                           * continuation lines too: md4c gives them no paragraph) */
    AWL_VENUE_LINE_BLANK, /* blank: a loose item's next paragraph may follow */
    AWL_VENUE_LINE_END,   /* a sub-item's marker, code, HTML or a heading */
} awl_venue_line;

awl_venue_line awl_venue_entry_line(const awl_doc *doc, size_t line);

/* The tags of an entry: its lines up to its first sub-item (past the list
 * marker; a loose item's later paragraphs too), or its table row. Same
 * contract as awl_venue_scan. */
size_t awl_venue_scan_entry(const awl_doc *doc, const awl_entry *entry, awl_venue_tag *out,
                            size_t max);

/* Stores every entry's tags (up to 16) in entries->tags, and fills each
 * entry's venue (canonical), venue_text (as written) and year from its
 * main tag (awl_venue_main_tag). Rules read the stored tags. */
void awl_venue_fill_entries(const awl_doc *doc, awl_entries *entries);

/* An entry's main tag: its first tag with a year, else its first tag;
 * NULL when it has none. */
const awl_venue_tag *awl_venue_main_tag(const awl_entries *entries, const awl_entry *entry);

/* How a tag writes its year: the separator between name and year and the
 * number of digits. Glued tags (`ICLR22`) have no style. */
typedef struct awl_venue_style {
    int quote;        /* 0 none, 1 straight ', 2 curly ’ */
    int space_before; /* a space between the name and the quote (-1 without a quote) */
    int space_after;  /* a space between the quote and the year (-1 without a quote) */
    int four_digits;  /* 1 for 2022, 0 for 22 */
    int bracket;      /* the tag stands alone in [ ] (`[OSDI'22]`) */
} awl_venue_style;

/* The style of a tag; false for a glued tag or a separator of another shape. */
bool awl_venue_tag_style(const awl_doc *doc, const awl_venue_tag *tag, awl_venue_style *out);

/* The file's dominant style, each choice (quote, spaces, digits, bracket)
 * as most of its tags make it; false when the file has fewer than 3 tags
 * with a style or a choice other than the bracket is tied. */
bool awl_venue_dominant_style(const awl_doc *doc, const awl_entries *entries, awl_venue_style *out);

/* What a tag of this style writes between the name and the year ("'",
 * " '", "’ ", " "), into buf; returns buf. */
const char *awl_venue_style_separator(const awl_venue_style *style, char buf[8]);

/* Reads a style from an example tag as a maintainer writes it
 * (`[OSDI'22]`, `NSDI 2023`, `EuroSys '24`); false when it is not one. */
bool awl_venue_style_parse(const char *example, awl_venue_style *out);

/* An example tag written in `style` (`[OSDI'22]`, `OSDI 2022`...), the form
 * a config pins with `rules: {venue-style: {style: ...}}`: turns a file's
 * dominant style into the line `awelint --init` writes. Returns `buf`. */
const char *awl_venue_style_example(const awl_venue_style *style, char *buf, size_t size);

/* The 4-digit year of 2 or 4 digits: 'YY is 20YY up to next year, else 19YY. */
int awl_venue_year(const char *digits, size_t len);

#endif
