/*
 * doc: the parsed shape of one Markdown file, with byte positions.
 *
 * md4c (0.4.8) has no position API, so positions come from the text pointers
 * md4c hands to the text callback, which point into the input buffer for
 * NORMAL, ENTITY, CODE, HTML and LATEXMATH text (see DESIGN.md, point 2).
 * Blocks with no text of their own (empty items, thematic breaks, empty
 * fences) are placed by scanning forward for their marker from where the
 * previous block ended.
 *
 * Owns: everything hangs off doc->arena (the source bytes, blocks, links,
 * headings' text and slugs, copied hrefs) plus a few heap arrays; all of it
 * is released by awl_doc_free. Pointers into a doc stay valid until then.
 */
#ifndef AWL_DOC_H
#define AWL_DOC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "arena.h"
#include "source.h"

#define AWL_NONE ((size_t)-1) /* "no such offset / index" */

typedef enum awl_block_kind {
    AWL_BLOCK_DOCUMENT,
    AWL_BLOCK_QUOTE,
    AWL_BLOCK_LIST,      /* bullet or ordered list; see `ordered` */
    AWL_BLOCK_ITEM,      /* list item */
    AWL_BLOCK_HR,        /* thematic break */
    AWL_BLOCK_HEADING,   /* ATX or setext; see `setext` */
    AWL_BLOCK_CODE,      /* fenced or indented; see `fenced` */
    AWL_BLOCK_HTML,      /* raw HTML block */
    AWL_BLOCK_PARAGRAPH,
    AWL_BLOCK_TABLE,
    AWL_BLOCK_TABLE_ROW, /* header row first, then body rows */
    AWL_BLOCK_TABLE_CELL,
} awl_block_kind;

typedef struct awl_block {
    /* Fields are grouped by size (words first, then the small ones) so the
     * struct carries no padding: documents hold tens of thousands. */
    size_t parent;      /* index of the enclosing block; AWL_NONE for the document */
    size_t first_line;  /* 0-based; the marker line for items, `#` line for headings */
    size_t last_line;   /* last line the block owns (sub-lists, closing fences included) */
    size_t start;       /* offset of first_line's first byte */
    size_t end;         /* offset just past last_line's content (before its newline) */
    size_t plain_start; /* this block's own inline text in doc->plain (leaf blocks) */
    size_t plain_len;
    const char *text;     /* HEADING: plain text (entities decoded, HTML tags left out) */
    const char *slug;     /* HEADING: GitHub anchor, de-duplicated with -1, -2, ... */
    size_t marker_offset; /* ITEM: offset of the bullet or the first digit */
    size_t code_lines;    /* CODE: content lines (md4c's line breaks counted) */
    size_t row_index;     /* TABLE_ROW: 0 for the header row */

    awl_block_kind kind;
    unsigned depth;        /* 0 for the document */
    unsigned level;        /* HEADING */
    unsigned start_number; /* LIST, ordered */

    bool setext;     /* HEADING */
    bool ordered;    /* LIST */
    bool tight;      /* LIST */
    char marker;     /* LIST: '-', '*', '+' for bullets; '.' or ')' for ordered lists */
    bool is_task;    /* ITEM */
    bool fenced;     /* CODE */
    char fence_char; /* CODE */
    bool has_start;  /* parser bookkeeping: first_line is known */
} awl_block;

typedef enum awl_link_kind {
    AWL_LINK_INLINE,   /* [text](href), [text][ref] */
    AWL_LINK_AUTOLINK, /* <http://...> or a bare URL */
    AWL_LINK_IMAGE,    /* ![alt](src) */
} awl_link_kind;

typedef struct awl_link {
    awl_link_kind kind;
    size_t block;      /* innermost enclosing block */
    size_t item;       /* innermost enclosing list item, or AWL_NONE */
    size_t row;        /* enclosing table row, or AWL_NONE */
    const char *href;  /* copied out of md4c; NUL-terminated */
    size_t href_start; /* span of the href in the source, AWL_NONE when md4c built it */
    size_t href_end;
    size_t text_start; /* span from the first to the end of the last text byte; */
    size_t text_end;   /*   AWL_NONE when the link has no text in the buffer */
    size_t plain_start; /* the link's plain text in doc->plain */
    size_t plain_len;
    size_t line;        /* 0-based line of the text (or the href when textless) */
} awl_link;

/* Per-line facts the rules need without walking blocks. */
enum awl_line_flag {
    AWL_LINE_CODE = 1 << 0,        /* inside a code block, fences included */
    AWL_LINE_HTML = 1 << 1,        /* inside a raw HTML block */
    AWL_LINE_HARD_BREAK = 1 << 2,  /* ends with a hard line break (BR) */
    /* Trailing white space that md4c passes on as text: in a code span,
     * inline HTML or math (kept as is), or in plain text (md4c keeps a
     * trailing tab, which browsers collapse). */
    AWL_LINE_WS_IS_CODE = 1 << 3,
    AWL_LINE_WS_IS_TEXT = 1 << 8,
    AWL_LINE_TABLE = 1 << 4,
    AWL_LINE_HEADING = 1 << 5,
    AWL_LINE_ITEM_MARKER = 1 << 6, /* holds a list item's marker */
    /* Inside a leaf block (paragraph, heading, code, HTML, table, rule) or
     * on an item's marker line. A non-blank line without it belongs to a
     * link reference definition, which md4c does not report. */
    AWL_LINE_IN_BLOCK = 1 << 7,
};

typedef struct awl_section {
    size_t heading;  /* block index of the heading; AWL_NONE for text before the first heading */
    unsigned level;  /* 0 for the preamble */
    size_t parent;   /* enclosing section index, AWL_NONE at top */
    size_t start;    /* offset of the heading line */
    size_t end;      /* offset where the next heading of the same or higher level starts */
    size_t internal_links; /* links to #anchors directly in this section */
    size_t external_links; /* links to http(s) targets directly in this section */
} awl_section;

typedef struct awl_html_comment {
    size_t start; /* offset of "<!--" */
    size_t end;   /* offset just past "-->" (or the end of the HTML text) */
    size_t line;  /* 0-based */
} awl_html_comment;

typedef struct awl_doc {
    awl_arena arena;
    awl_source source;
    awl_block *blocks; /* document order; blocks[0] is the document */
    size_t block_count;
    awl_link *links; /* document order of their first text */
    size_t link_count;
    awl_section *sections; /* document order; sections[0] is the preamble */
    size_t section_count;
    /* For awl_doc_section_at: per 4 KiB of the source, the last section
     * starting at or before the first byte of those 4 KiB. */
    size_t *section_by_page;
    size_t section_page_count;
    awl_html_comment *comments; /* HTML comments mentioning "awelint" */
    size_t comment_count;
    uint16_t *line_flags; /* one per line, awl_line_flag bits */
    char *plain;         /* leaf blocks' inline text, concatenated; see plain_start */
    size_t plain_size;
    bool parse_failed; /* md4c gave up (only on out-of-memory) */
    bool parsed_in_two; /* parsed in two parts on two threads (doc_split.h) */
} awl_doc;

/* Parses `length` bytes (copied). Never fails: bad bytes are text like any other. */
awl_doc *awl_doc_parse(const char *path, const char *bytes, size_t length);
/* The same without the copy: bytes[length] must be NUL and the bytes must
 * outlive the document (a large file is then in memory once). */
awl_doc *awl_doc_parse_borrowed(const char *path, const char *bytes, size_t length);
/* awl_doc_parse with the parse in two parts cut at `cut` (the parts then
 * stand for one parse only when nothing reaches across, see doc_split.h;
 * else it is parsed whole), or whole with cut 0: for tests that compare
 * the two. */
awl_doc *awl_doc_parse_cut(const char *path, const char *bytes, size_t length, size_t cut);
void awl_doc_free(awl_doc *doc);

/* The block's own inline text (not its children's). */
static inline const char *awl_block_plain(const awl_doc *doc, const awl_block *block)
{
    return doc->plain + block->plain_start;
}

/* Index of the section holding `offset`: the innermost one. */
size_t awl_doc_section_at(const awl_doc *doc, size_t offset);

/* GitHub's anchor for a heading text, into the arena (no de-duplication). */
char *awl_slug(awl_arena *arena, const char *text, size_t len);
/* Lowercase copy (Unicode simple case mapping, as slugs use; invalid bytes
 * kept), into the arena; *out_len gets its length. */
char *awl_lowercase(awl_arena *arena, const char *text, size_t len, size_t *out_len);
/* A link fragment with its %XX escapes decoded, as GitHub compares anchors;
 * the fragment as written when decoding would give invalid UTF-8. */
char *awl_fragment_decode(awl_arena *arena, const char *frag, size_t len, size_t *out_len);

#endif
