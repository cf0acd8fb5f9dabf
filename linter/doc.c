/*
 * doc: md4c callbacks -> blocks, links, sections with byte positions.
 *
 * How positions are found (md4c 0.4.8 reports none):
 *
 *  - Every in-buffer text pointer gives an offset. When the first text of a
 *    block arrives, every block on the stack that has no position yet gets
 *    one: leaf blocks take the text's line; list items search forward for
 *    their marker from `search_from` (the first byte after the previous
 *    block), so an item whose first line holds only a fence or nothing still
 *    gets its marker line; quotes and lists take their first child's line.
 *  - md4c emits a static "\n" for each line of code and HTML blocks, so we
 *    count them: a fenced block spans its opening fence, that many lines and
 *    its closing fence.
 *  - Blocks that never see text (empty items, thematic breaks, empty fences)
 *    are placed at `leave` by the same forward search.
 *  - Table rows are consecutive lines: header, delimiter row, body rows.
 *
 * A large document is parsed on two threads: in two parts cut where
 * nothing reaches across (doc_split.h), each with a parser of its own, the
 * second part's blocks and links then renumbered after the first's
 * (merge_part); or, with no such cut, in one part while a second thread
 * checks the bytes and faults in the arrays' pages ahead of the parser
 * (help_parse).
 */
#include "doc.h"

#include <md4c.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <sys/mman.h>
#include <time.h>
#include <stdlib.h>
#include <string.h>

#include "doc_split.h"
#include "strmap.h"

typedef struct parser {
    awl_doc *doc;
    awl_arena *arena; /* hrefs: the document's, or the second part's own */
    const char *input;
    size_t size;
    awl_vec blocks;   /* awl_block */
    awl_vec links;    /* awl_link */
    awl_vec comments; /* awl_html_comment */
    awl_vec stack;    /* size_t: open block indices, innermost last */
    awl_vec open_links; /* size_t: open link indices */
    awl_buf plain;
    size_t plain_owner;  /* block that appended to `plain` last */
    size_t search_from;  /* where the next block without text may start */
    size_t line_hint;    /* line of the last text, for a fast line lookup */
    size_t newlines;     /* "\n" texts seen in the current code/HTML block */
    size_t newlines_before_text;
    size_t table_rows;   /* rows seen in the current table */
    size_t last_pos;     /* end of the last text or href seen in the buffer */
    unsigned in_image;   /* open image spans */
    /* blocks.count and links.count for the parse helper, which reads them
     * while the parser writes */
    atomic_size_t blocks_made, links_made, plain_made;
} parser;

/* The parser's arrays are reserved before parsing starts, so their items
 * are never NULL: plain indexing, without awl_vec_at's test. */
static awl_block *block_at(parser *p, size_t index)
{
    return (awl_block *)p->blocks.items + index;
}

/* Index of the i-th open block, outermost first. */
static size_t open_at(parser *p, size_t i)
{
    return ((size_t *)p->stack.items)[i];
}

static awl_link *open_link_at(parser *p, size_t i)
{
    return (awl_link *)p->links.items + ((size_t *)p->open_links.items)[i];
}

static size_t stack_top(parser *p)
{
    return p->stack.count ? open_at(p, p->stack.count - 1) : AWL_NONE;
}

static bool in_buffer(parser *p, const char *text, size_t len)
{
    return text >= p->input && text + len <= p->input + p->size && len > 0;
}

/* Line of `offset`: texts arrive mostly in order, so the walk from the
 * last answer is usually a step or two. */
static size_t line_of(parser *p, size_t offset)
{
    p->line_hint = awl_source_line_near(&p->doc->source, offset, p->line_hint);
    return p->line_hint;
}

static size_t line_start(parser *p, size_t line)
{
    return p->doc->source.line_starts[line];
}

static size_t line_after(parser *p, size_t line)
{
    return awl_source_line_next(&p->doc->source, line);
}

/* Skips spaces, tabs and blockquote '>' from `pos` within its line. */
static size_t skip_prefix(parser *p, size_t pos)
{
    if (pos == 0 && p->doc->source.has_bom)
        pos = 3;
    while (pos < p->size && (p->input[pos] == ' ' || p->input[pos] == '\t' || p->input[pos] == '>'))
        pos++;
    return pos;
}

/* If a list marker starts at `pos`, returns the offset just past it. */
static size_t marker_end(parser *p, size_t pos)
{
    const char *s = p->input;
    size_t end = pos;
    if (pos < p->size && (s[pos] == '-' || s[pos] == '*' || s[pos] == '+')) {
        end = pos + 1;
    } else {
        while (end < p->size && end - pos < 9 && s[end] >= '0' && s[end] <= '9')
            end++;
        if (end == pos || end >= p->size || (s[end] != '.' && s[end] != ')'))
            return AWL_NONE;
        end++;
    }
    if (end < p->size && s[end] != ' ' && s[end] != '\t' && s[end] != '\n' && s[end] != '\r')
        return AWL_NONE;
    return end;
}

/* Finds the next list marker at or after `from` and before `limit`. A match
 * must open its line (after indentation, '>' and enclosing markers) or
 * follow the marker found just before it on the same line. */
static size_t find_marker(parser *p, size_t from, size_t limit, size_t *end_out)
{
    size_t pos = from;
    while (pos < limit && pos < p->size) {
        size_t at = skip_prefix(p, pos);
        size_t end = marker_end(p, at);
        if (end != AWL_NONE && at < limit) {
            *end_out = end;
            return at;
        }
        size_t line = line_of(p, pos);
        size_t next = line_after(p, line);
        if (next <= pos)
            break;
        pos = next;
    }
    return AWL_NONE;
}

/* True when the line's content, past its container prefix, starts with at
 * least three `fence` characters. An opening fence may also follow the
 * markers of the list items it opens in (`- \t```); a closing one may not. */
static bool is_fence_line(parser *p, size_t line, char fence, bool opening)
{
    if (line >= p->doc->source.line_count)
        return false;
    size_t pos = skip_prefix(p, line_start(p, line));
    size_t stop;
    while (opening && (stop = marker_end(p, pos)) != AWL_NONE)
        pos = skip_prefix(p, stop);
    size_t count = 0;
    while (pos < p->size && p->input[pos] == fence) {
        pos++;
        count++;
    }
    return count >= 3;
}

static void set_start(parser *p, size_t index, size_t line)
{
    awl_block *b = block_at(p, index);
    b->first_line = line;
    if (b->last_line < line)
        b->last_line = line;
    b->has_start = true;
}

/* The line where a block without text of its own starts: the first line at
 * or after `search_from` that is not blank. The previous block ends before
 * the blank lines that separate it from this one, and an empty heading
 * (`#`), a thematic break or an empty quote is never a blank line. */
static size_t pending_line(parser *p)
{
    size_t line = line_of(p, p->search_from < p->size ? p->search_from : p->size);
    const awl_source *src = &p->doc->source;
    while (line + 1 < src->line_count) {
        size_t end = awl_source_line_end(src, line), i = src->line_starts[line];
        while (i < end && (p->input[i] == ' ' || p->input[i] == '\t'))
            i++;
        if (i < end)
            break;
        line++;
    }
    return line;
}

/* Gives a position to the blocks on the stack that have none yet, now that
 * text at `offset` (on `text_line`) arrived; or, with offset AWL_NONE, to the
 * innermost block as it is left without ever having seen text. */
static void place_pending(parser *p, size_t offset, size_t text_line)
{
    size_t first = p->stack.count;
    while (first > 0 && !block_at(p, open_at(p, first - 1))->has_start)
        first--;
    if (first == p->stack.count)
        return;
    size_t limit = offset == AWL_NONE ? p->size : offset;
    /* Outer to inner: items take markers in order along the line. */
    for (size_t i = first; i < p->stack.count; i++) {
        size_t index = open_at(p, i);
        awl_block *b = block_at(p, index);
        size_t marker_stop;
        switch (b->kind) {
        case AWL_BLOCK_ITEM: {
            size_t at = find_marker(p, p->search_from, limit, &marker_stop);
            if (at == AWL_NONE) { /* should not happen; stay on the text's line */
                at = offset == AWL_NONE ? p->search_from : line_start(p, text_line);
                if (at >= p->size && p->size)
                    at = p->size - 1;
                marker_stop = at;
            }
            b->marker_offset = at;
            set_start(p, index, line_of(p, at));
            p->search_from = marker_stop;
            p->doc->line_flags[b->first_line] |= AWL_LINE_ITEM_MARKER;
            break;
        }
        case AWL_BLOCK_CODE:
            if (offset != AWL_NONE) {
                size_t skip = b->fenced ? 1 + p->newlines_before_text : p->newlines_before_text;
                set_start(p, index, text_line >= skip ? text_line - skip : 0);
            } else {
                size_t line = pending_line(p);
                while (b->fenced && line + 1 < p->doc->source.line_count &&
                       !is_fence_line(p, line, b->fence_char, true))
                    line++;
                set_start(p, index, line);
            }
            break;
        case AWL_BLOCK_QUOTE:
        case AWL_BLOCK_LIST:
        case AWL_BLOCK_TABLE:
        case AWL_BLOCK_TABLE_ROW:
        case AWL_BLOCK_TABLE_CELL:
        case AWL_BLOCK_DOCUMENT:
            break; /* containers: placed from their first child below */
        default: {
            size_t line = offset != AWL_NONE
                              ? text_line
                              : pending_line(p);
            set_start(p, index, line);
            break;
        }
        }
    }
    /* Inner to outer: containers start where their first child starts. */
    size_t below = AWL_NONE;
    for (size_t i = p->stack.count; i-- > first;) {
        size_t index = open_at(p, i);
        awl_block *b = block_at(p, index);
        if (!b->has_start) {
            size_t line = below != AWL_NONE ? block_at(p, below)->first_line
                          : offset != AWL_NONE ? text_line
                                               : pending_line(p);
            set_start(p, index, line);
        }
        below = index;
    }
}

/* Text of the innermost open block `top` (NULL outside any) reached `line`. */
static void note_text_line(parser *p, awl_block *top, size_t line)
{
    if (top && top->last_line < line)
        top->last_line = line;
    size_t next = line_after(p, line);
    if (p->search_from < next)
        p->search_from = next;
}

static size_t open_block(parser *p, awl_block_kind kind)
{
    size_t parent = stack_top(p);
    size_t index = p->blocks.count;
    awl_block *b = awl_vec_push(&p->blocks);
    atomic_store_explicit(&p->blocks_made, p->blocks.count, memory_order_relaxed);
    b->kind = kind;
    b->parent = parent;
    b->depth = parent == AWL_NONE ? 0 : block_at(p, parent)->depth + 1;
    b->plain_start = AWL_NONE; /* no text yet; 0 once parsed (see parse) */
    b->marker_offset = AWL_NONE;
    *(size_t *)awl_vec_push(&p->stack) = index;
    return index;
}

static int enter_block(MD_BLOCKTYPE type, void *detail, void *userdata)
{
    parser *p = userdata;
    size_t index;
    switch (type) {
    case MD_BLOCK_DOC:
        index = open_block(p, AWL_BLOCK_DOCUMENT);
        set_start(p, index, 0);
        break;
    case MD_BLOCK_QUOTE:
        open_block(p, AWL_BLOCK_QUOTE);
        break;
    case MD_BLOCK_UL: {
        MD_BLOCK_UL_DETAIL *ul = detail;
        index = open_block(p, AWL_BLOCK_LIST);
        block_at(p, index)->marker = ul->mark;
        block_at(p, index)->tight = ul->is_tight;
        break;
    }
    case MD_BLOCK_OL: {
        MD_BLOCK_OL_DETAIL *ol = detail;
        index = open_block(p, AWL_BLOCK_LIST);
        awl_block *b = block_at(p, index);
        b->ordered = true;
        b->marker = ol->mark_delimiter;
        b->tight = ol->is_tight;
        b->start_number = ol->start;
        break;
    }
    case MD_BLOCK_LI:
        index = open_block(p, AWL_BLOCK_ITEM);
        block_at(p, index)->is_task = ((MD_BLOCK_LI_DETAIL *)detail)->is_task;
        break;
    case MD_BLOCK_HR:
        open_block(p, AWL_BLOCK_HR);
        break;
    case MD_BLOCK_H:
        index = open_block(p, AWL_BLOCK_HEADING);
        block_at(p, index)->level = ((MD_BLOCK_H_DETAIL *)detail)->level;
        break;
    case MD_BLOCK_CODE: {
        MD_BLOCK_CODE_DETAIL *code = detail;
        index = open_block(p, AWL_BLOCK_CODE);
        block_at(p, index)->fenced = code->fence_char != 0;
        block_at(p, index)->fence_char = code->fence_char;
        p->newlines = p->newlines_before_text = 0;
        break;
    }
    case MD_BLOCK_HTML:
        open_block(p, AWL_BLOCK_HTML);
        p->newlines = p->newlines_before_text = 0;
        break;
    case MD_BLOCK_P:
        open_block(p, AWL_BLOCK_PARAGRAPH);
        break;
    case MD_BLOCK_TABLE:
        open_block(p, AWL_BLOCK_TABLE);
        p->table_rows = 0;
        break;
    case MD_BLOCK_TR:
        index = open_block(p, AWL_BLOCK_TABLE_ROW);
        block_at(p, index)->row_index = p->table_rows++;
        break;
    case MD_BLOCK_TH:
    case MD_BLOCK_TD:
        open_block(p, AWL_BLOCK_TABLE_CELL);
        break;
    case MD_BLOCK_THEAD:
    case MD_BLOCK_TBODY:
        break; /* rows carry the distinction in row_index */
    }
    return 0;
}

static void mark_lines(parser *p, size_t first, size_t last, uint16_t flag)
{
    for (size_t line = first; line <= last && line < p->doc->source.line_count; line++)
        p->doc->line_flags[line] |= flag;
}

static int leave_block(MD_BLOCKTYPE type, void *detail, void *userdata)
{
    (void)detail;
    parser *p = userdata;
    if (type == MD_BLOCK_THEAD || type == MD_BLOCK_TBODY)
        return 0;
    size_t index = stack_top(p);
    if (index == AWL_NONE)
        return 0;
    if (!block_at(p, index)->has_start)
        place_pending(p, AWL_NONE, 0);
    awl_block *b = block_at(p, index);
    size_t last_line_index = p->doc->source.line_count - 1;
    switch (b->kind) {
    case AWL_BLOCK_CODE:
        b->code_lines = p->newlines;
        if (b->fenced) {
            size_t close = b->first_line + p->newlines + 1;
            b->last_line = is_fence_line(p, close, b->fence_char, false) ? close : close - 1;
        } else {
            b->last_line = b->first_line + (p->newlines ? p->newlines - 1 : 0);
        }
        if (b->last_line > last_line_index)
            b->last_line = last_line_index;
        mark_lines(p, b->first_line, b->last_line, AWL_LINE_CODE);
        break;
    case AWL_BLOCK_HTML:
        b->last_line = b->first_line + (p->newlines ? p->newlines - 1 : 0);
        if (b->last_line > last_line_index)
            b->last_line = last_line_index;
        mark_lines(p, b->first_line, b->last_line, AWL_LINE_HTML);
        break;
    case AWL_BLOCK_HEADING: {
        size_t at = skip_prefix(p, line_start(p, b->first_line));
        size_t stop;
        /* A heading inside a list item sits after the item's marker. */
        while ((stop = marker_end(p, at)) != AWL_NONE)
            at = skip_prefix(p, stop);
        b->setext = at >= p->size || p->input[at] != '#';
        if (b->setext && b->last_line < last_line_index)
            b->last_line++; /* the === or --- underline */
        mark_lines(p, b->first_line, b->last_line, AWL_LINE_HEADING);
        break;
    }
    case AWL_BLOCK_TABLE:
        b->last_line = b->first_line + (p->table_rows > 1 ? p->table_rows : 1);
        if (b->last_line > last_line_index)
            b->last_line = last_line_index;
        mark_lines(p, b->first_line, b->last_line, AWL_LINE_TABLE);
        break;
    default:
        break;
    }
    if (b->last_line < b->first_line)
        b->last_line = b->first_line;
    size_t next = line_after(p, b->last_line);
    if (p->search_from < next && b->kind != AWL_BLOCK_TABLE_ROW && b->kind != AWL_BLOCK_TABLE_CELL)
        p->search_from = next;
    size_t last_line = b->last_line;
    size_t parent = b->parent;
    p->stack.count--;
    if (parent != AWL_NONE && block_at(p, parent)->last_line < last_line)
        block_at(p, parent)->last_line = last_line;
    return 0;
}

static size_t innermost(parser *p, awl_block_kind kind)
{
    for (size_t i = p->stack.count; i-- > 0;) {
        size_t index = open_at(p, i);
        if (block_at(p, index)->kind == kind)
            return index;
    }
    return AWL_NONE;
}

static void append_entity(awl_buf *out, const char *text, size_t len);

/* Copies an href or src. md4c keeps entities of a target it had to build
 * (one with `&`, `\\` or NUL) undecoded: decode them, so the target is what
 * a browser would follow. */
static void copy_attribute(parser *p, awl_link *link, const MD_ATTRIBUTE *attr)
{
    const char *text = attr->text ? attr->text : "";
    bool plain = !attr->substr_types || (attr->substr_types[0] == MD_TEXT_NORMAL &&
                                         attr->substr_offsets[1] == attr->size);
    if (plain) {
        link->href = awl_arena_strndup(p->arena, text, attr->size);
    } else {
        awl_buf decoded = {0};
        awl_buf_append(&decoded, "", 0);
        for (size_t i = 0; attr->substr_offsets[i] < attr->size; i++) {
            size_t from = attr->substr_offsets[i], to = attr->substr_offsets[i + 1];
            if (attr->substr_types[i] == MD_TEXT_ENTITY)
                append_entity(&decoded, text + from, to - from);
            else if (attr->substr_types[i] == MD_TEXT_NULLCHAR)
                awl_buf_puts(&decoded, "\xEF\xBF\xBD");
            else
                awl_buf_append(&decoded, text + from, to - from);
        }
        link->href = awl_arena_strndup(p->arena, decoded.data, decoded.len);
        awl_buf_free(&decoded);
    }
    if (attr->text && in_buffer(p, attr->text, attr->size)) {
        link->href_start = (size_t)(attr->text - p->input);
        link->href_end = link->href_start + attr->size;
    } else {
        link->href_start = link->href_end = AWL_NONE;
    }
}

static int enter_span(MD_SPANTYPE type, void *detail, void *userdata)
{
    parser *p = userdata;
    if (type != MD_SPAN_A && type != MD_SPAN_IMG)
        return 0;
    size_t index = p->links.count;
    awl_link *link = awl_vec_push(&p->links);
    atomic_store_explicit(&p->links_made, p->links.count, memory_order_relaxed);
    link->kind = type == MD_SPAN_IMG ? AWL_LINK_IMAGE : AWL_LINK_INLINE;
    link->block = stack_top(p);
    link->item = innermost(p, AWL_BLOCK_ITEM);
    link->row = innermost(p, AWL_BLOCK_TABLE_ROW);
    link->text_start = link->text_end = AWL_NONE;
    link->plain_start = p->plain.len;
    link->line = AWL_NONE;
    if (type == MD_SPAN_A)
        copy_attribute(p, link, &((MD_SPAN_A_DETAIL *)detail)->href);
    else
        copy_attribute(p, link, &((MD_SPAN_IMG_DETAIL *)detail)->src);
    *(size_t *)awl_vec_push(&p->open_links) = index;
    if (type == MD_SPAN_IMG)
        p->in_image++;
    return 0;
}

static int leave_span(MD_SPANTYPE type, void *detail, void *userdata)
{
    (void)detail;
    parser *p = userdata;
    if ((type != MD_SPAN_A && type != MD_SPAN_IMG) || !p->open_links.count)
        return 0;
    awl_link *link = open_link_at(p, --p->open_links.count);
    if (type == MD_SPAN_IMG && p->in_image)
        p->in_image--;
    /* An inline destination `](url)` is where the text goes on; a reference
     * link's href lies at its definition, elsewhere in the file. */
    if (link->href_start != AWL_NONE && link->href_start > 0 && link->href_end > p->last_pos &&
        (p->input[link->href_start - 1] == '(' || p->input[link->href_start - 1] == '<'))
        p->last_pos = link->href_end;
    link->plain_len = p->plain.len - link->plain_start;
    if (link->line == AWL_NONE && link->href_start != AWL_NONE)
        link->line = line_of(p, link->href_start);
    /* <http://x>, bare URLs and www. links: the text is the target itself
     * (www.x links get "http://" in front), and no '[' opens the text. */
    if (link->kind == AWL_LINK_INLINE && link->text_start != AWL_NONE &&
        (link->text_start == 0 || p->input[link->text_start - 1] != '[')) {
        const char *text = p->plain.data + link->plain_start;
        size_t len = link->plain_len, href_len = strlen(link->href);
        bool same = href_len == len && memcmp(link->href, text, len) == 0;
        bool www = href_len == len + 7 && strncmp(link->href, "http://", 7) == 0 &&
                   memcmp(link->href + 7, text, len) == 0;
        bool mail = href_len == len + 7 && strncmp(link->href, "mailto:", 7) == 0 &&
                    memcmp(link->href + 7, text, len) == 0;
        if (same || www || mail)
            link->kind = AWL_LINK_AUTOLINK;
    }
    return 0;
}

/* Decodes the entities GitHub's anchors and plain text care about. */
static void append_entity(awl_buf *out, const char *text, size_t len)
{
    static const struct {
        const char *name;
        const char *utf8;
    } named[] = {
        {"&amp;", "&"},         {"&lt;", "<"},          {"&gt;", ">"},
        {"&quot;", "\""},       {"&apos;", "'"},        {"&nbsp;", "\xC2\xA0"},
        {"&copy;", "\xC2\xA9"}, {"&reg;", "\xC2\xAE"}, {"&hellip;", "\xE2\x80\xA6"},
        {"&mdash;", "\xE2\x80\x94"}, {"&ndash;", "\xE2\x80\x93"},
    };
    if (len > 3 && text[1] == '#') {
        long cp = (text[2] == 'x' || text[2] == 'X') ? strtol(text + 3, NULL, 16)
                                                     : strtol(text + 2, NULL, 10);
        unsigned char utf8[4];
        if (cp <= 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
            cp = 0xFFFD;
        size_t n;
        if (cp < 0x80) {
            utf8[0] = (unsigned char)cp;
            n = 1;
        } else if (cp < 0x800) {
            utf8[0] = (unsigned char)(0xC0 | (cp >> 6));
            utf8[1] = (unsigned char)(0x80 | (cp & 0x3F));
            n = 2;
        } else if (cp < 0x10000) {
            utf8[0] = (unsigned char)(0xE0 | (cp >> 12));
            utf8[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
            utf8[2] = (unsigned char)(0x80 | (cp & 0x3F));
            n = 3;
        } else {
            utf8[0] = (unsigned char)(0xF0 | (cp >> 18));
            utf8[1] = (unsigned char)(0x80 | ((cp >> 12) & 0x3F));
            utf8[2] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
            utf8[3] = (unsigned char)(0x80 | (cp & 0x3F));
            n = 4;
        }
        awl_buf_append(out, (const char *)utf8, n);
        return;
    }
    for (size_t i = 0; i < sizeof named / sizeof named[0]; i++)
        if (strlen(named[i].name) == len && memcmp(named[i].name, text, len) == 0) {
            awl_buf_puts(out, named[i].utf8);
            return;
        }
    awl_buf_append(out, text, len); /* unknown: keep as written */
}

/* Records an HTML comment that mentions awelint. md4c hands a raw HTML
 * block over line by line, so the comment is read from the source, from
 * its "<!--" to its "-->" (or the end of the file), whatever the lines. */
static void record_comment(parser *p, size_t offset, const char *text, size_t len)
{
    /* HTML text is mostly short tags: memchr for each "<" beats memmem. */
    const char *open = memchr(text, '<', len);
    while (open && (size_t)(text + len - open) >= 4 && memcmp(open, "<!--", 4) != 0)
        open = memchr(open + 1, '<', (size_t)(text + len - open - 1));
    if (!open || (size_t)(text + len - open) < 4)
        return;
    size_t start = offset + (size_t)(open - text);
    /* A bounded look (64 KiB) keeps many unclosed "<!--" from costing
     * a scan to the end of the file each. */
    const char *from = p->input + start + 4;
    size_t room = (size_t)(p->input + p->size - from);
    if (room > 65536)
        room = 65536;
    const char *close = memmem(from, room, "-->", 3);
    size_t end = close ? (size_t)(close - p->input) + 3 : (size_t)(from - p->input) + room;
    if (!memmem(p->input + start, end - start, "awelint", 7))
        return;
    awl_html_comment *c = awl_vec_push(&p->comments);
    c->start = start;
    c->end = end;
    c->line = line_of(p, start);
}

static int text_callback(MD_TEXTTYPE type, const MD_CHAR *text, MD_SIZE size, void *userdata)
{
    parser *p = userdata;
    size_t top = stack_top(p);
    awl_block *b = top != AWL_NONE ? block_at(p, top) : NULL;
    bool counted_block = b && (b->kind == AWL_BLOCK_CODE || b->kind == AWL_BLOCK_HTML);

    if (!in_buffer(p, text, size)) {
        if (type == MD_TEXT_BR) { /* the break ends the line of the last thing seen */
            size_t line = p->last_pos > 0 ? line_of(p, p->last_pos - 1) : 0;
            p->doc->line_flags[line] |= AWL_LINE_HARD_BREAK;
        }
        if (counted_block && size == 1 && text[0] == '\n') {
            p->newlines++;
            if (!b->has_start)
                p->newlines_before_text++;
            return 0;
        }
    } else {
        size_t offset = (size_t)(text - p->input);
        size_t line = line_of(p, offset);
        if (!b || !b->has_start)
            place_pending(p, offset, line);
        /* Most texts end on the line they start on. */
        size_t last_line =
            offset + size <= line_after(p, line) ? line : line_of(p, offset + size - 1);
        p->line_hint = last_line;
        note_text_line(p, b, last_line);
        if (p->last_pos < offset + size)
            p->last_pos = offset + size;
        char tail = text[size - 1];
        if (tail == ' ' || tail == '\t') {
            size_t end = awl_source_line_end(&p->doc->source, last_line);
            size_t pos = offset + size;
            while (pos < end && (p->input[pos] == ' ' || p->input[pos] == '\t'))
                pos++;
            if (pos == end)
                p->doc->line_flags[last_line] |=
                    type == MD_TEXT_NORMAL ? AWL_LINE_WS_IS_TEXT : AWL_LINE_WS_IS_CODE;
        }
        if (type == MD_TEXT_HTML)
            record_comment(p, offset, text, size);
        for (size_t i = 0; i < p->open_links.count; i++) {
            awl_link *link = open_link_at(p, i);
            if (link->text_start == AWL_NONE) {
                link->text_start = offset;
                link->line = line;
            }
            link->text_end = offset + size;
        }
    }
    if (counted_block || !b || p->in_image)
        return 0; /* an image's alt text is not part of the visible text */

    /* Inline text of the innermost block, kept only while contiguous. */
    if (b->plain_len && p->plain_owner != top)
        return 0;
    if (!b->plain_len)
        b->plain_start = p->plain.len;
    size_t before = p->plain.len;
    switch (type) {
    case MD_TEXT_SOFTBR:
        awl_buf_putc(&p->plain, ' ');
        break;
    case MD_TEXT_BR:
        awl_buf_putc(&p->plain, '\n');
        break;
    case MD_TEXT_NULLCHAR:
        awl_buf_puts(&p->plain, "\xEF\xBF\xBD");
        break;
    case MD_TEXT_ENTITY:
        append_entity(&p->plain, text, size);
        break;
    case MD_TEXT_HTML:
        break; /* tags are not text */
    default:
        awl_buf_append(&p->plain, text, size);
        break;
    }
    b->plain_len += p->plain.len - before;
    atomic_store_explicit(&p->plain_made, p->plain.len, memory_order_relaxed);
    p->plain_owner = top;
    return 0;
}

/* Table rows are consecutive lines: header, delimiter row, then the body. */
static void place_table_rows(awl_doc *doc)
{
    for (size_t i = 0; i < doc->block_count; i++) {
        awl_block *b = &doc->blocks[i];
        if (b->kind != AWL_BLOCK_TABLE_ROW && b->kind != AWL_BLOCK_TABLE_CELL)
            continue;
        size_t row = b->kind == AWL_BLOCK_TABLE_ROW ? i : b->parent;
        const awl_block *table = &doc->blocks[doc->blocks[row].parent];
        size_t r = doc->blocks[row].row_index;
        size_t line = table->first_line + (r == 0 ? 0 : r + 1);
        if (line >= doc->source.line_count)
            line = doc->source.line_count - 1;
        b->first_line = b->last_line = line;
    }
}

static void build_sections(awl_doc *doc)
{
    size_t headings = 0;
    for (size_t i = 0; i < doc->block_count; i++)
        headings += doc->blocks[i].kind == AWL_BLOCK_HEADING;
    doc->sections = awl_arena_alloc(&doc->arena, (headings + 1) * sizeof *doc->sections);
    awl_section *pre = &doc->sections[0];
    pre->heading = AWL_NONE;
    pre->parent = AWL_NONE;
    pre->start = 0;
    pre->end = doc->source.length;
    doc->section_count = 1;
    size_t open[7] = {AWL_NONE, AWL_NONE, AWL_NONE, AWL_NONE, AWL_NONE, AWL_NONE, AWL_NONE};
    for (size_t i = 0; i < doc->block_count; i++) {
        const awl_block *b = &doc->blocks[i];
        if (b->kind != AWL_BLOCK_HEADING)
            continue;
        size_t index = doc->section_count++;
        awl_section *s = &doc->sections[index];
        s->heading = i;
        s->level = b->level;
        s->start = b->start;
        s->end = doc->source.length;
        if (index == 1)
            pre->end = b->start;
        /* Close the open sections of the same or a deeper level. */
        for (unsigned level = b->level; level <= 6; level++) {
            if (open[level] != AWL_NONE)
                doc->sections[open[level]].end = b->start;
            open[level] = AWL_NONE;
        }
        s->parent = AWL_NONE;
        for (unsigned level = b->level; level-- > 1;)
            if (open[level] != AWL_NONE) {
                s->parent = open[level];
                break;
            }
        open[b->level] = index;
    }
}

enum { SECTION_PAGE_BITS = 12 }; /* 4 KiB of source per entry of section_by_page */

/* Fills doc->section_by_page, walking the pages and sections together. */
static void index_sections(awl_doc *doc)
{
    size_t pages = (doc->source.length >> SECTION_PAGE_BITS) + 1;
    doc->section_by_page = awl_arena_alloc(&doc->arena, pages * sizeof *doc->section_by_page);
    doc->section_page_count = pages;
    size_t s = 0;
    for (size_t page = 0; page < pages; page++) {
        size_t first_byte = page << SECTION_PAGE_BITS;
        while (s + 1 < doc->section_count && doc->sections[s + 1].start <= first_byte)
            s++;
        doc->section_by_page[page] = s;
    }
}

size_t awl_doc_section_at(const awl_doc *doc, size_t offset)
{
    /* Sections start in increasing order: find the last one starting at or
     * before offset, from the one its page names (a few steps at most),
     * then climb while it does not contain the offset. */
    size_t page = offset >> SECTION_PAGE_BITS;
    if (page >= doc->section_page_count)
        page = doc->section_page_count - 1;
    size_t s = doc->section_by_page[page];
    while (s + 1 < doc->section_count && doc->sections[s + 1].start <= offset)
        s++;
    while (s != AWL_NONE && s != 0 && doc->sections[s].end <= offset)
        s = doc->sections[s].parent;
    return s == AWL_NONE ? 0 : s;
}

static void name_headings(awl_doc *doc)
{
    awl_strmap seen;
    awl_strmap_init(&seen);
    for (size_t i = 0; i < doc->block_count; i++) {
        awl_block *b = &doc->blocks[i];
        if (b->kind != AWL_BLOCK_HEADING)
            continue;
        b->text = awl_arena_strndup(&doc->arena, awl_block_plain(doc, b), b->plain_len);
        char *slug = awl_slug(&doc->arena, b->text, b->plain_len);
        /* As github-slugger: a taken slug gets -1, -2, ... until free, and
         * the slug given is taken too (so "A", "A", "A-1" give a, a-1, a-1-1). */
        bool inserted;
        char *base = slug;
        size_t *count = awl_strmap_upsert(&seen, base, strlen(base), &inserted);
        while (!inserted) {
            size_t n = ++*awl_strmap_get(&seen, base, strlen(base));
            slug = awl_arena_printf(&doc->arena, "%s-%zu", base, n);
            count = awl_strmap_upsert(&seen, slug, strlen(slug), &inserted);
        }
        *count = 0;
        b->slug = slug;
    }
    awl_strmap_free(&seen);
}

static void count_section_links(awl_doc *doc)
{
    for (size_t i = 0; i < doc->link_count; i++) {
        const awl_link *link = &doc->links[i];
        if (link->line == AWL_NONE)
            continue;
        awl_section *s =
            &doc->sections[awl_doc_section_at(doc, doc->source.line_starts[link->line])];
        if (link->href[0] == '#')
            s->internal_links++;
        else if (strncmp(link->href, "http://", 7) == 0 || strncmp(link->href, "https://", 8) == 0)
            s->external_links++;
    }
}

static awl_doc *parse(const char *path, const char *bytes, size_t length, bool borrow, size_t cut);

/* From this size on, a second thread helps the parse (help_parse): the
 * parse reads only the line index, and a thread costs tens of
 * microseconds. */
#define AWL_HELPER_MIN_BYTES (64 * 1024)

/* Pages of an array the parser fills, faulted in ahead of it. */
typedef struct prefault_range {
    char *base;         /* the array as reserved; never read or written here */
    size_t item_size;
    size_t capacity;    /* items reserved: past them the array moves */
    atomic_size_t *made; /* items the parser has pushed */
    size_t done;        /* bytes from base already faulted in */
} prefault_range;

typedef struct parse_helper {
    awl_source *source;
    prefault_range ranges[3]; /* blocks, links, plain text */
    atomic_bool parsed;
} parse_helper;

/* The helper stays this far ahead of the parser: far enough that the
 * parser rarely meets a page not yet there, near enough that pages it
 * will never use are few. */
#define AWL_PREFAULT_AHEAD (256 * 1024)

/* Makes the whole pages of bytes [from, to) of base present and writable,
 * without touching their bytes; false when the kernel cannot (before
 * Linux 5.14) or the range is gone (an array that moved). */
static bool populate(char *base, size_t from, size_t to)
{
    uintptr_t first = ((uintptr_t)base + from + 4095) & ~(uintptr_t)4095;
    uintptr_t last = ((uintptr_t)base + to) & ~(uintptr_t)4095;
    if (last <= first)
        return true;
#ifdef MADV_POPULATE_WRITE
    return madvise((void *)first, last - first, MADV_POPULATE_WRITE) == 0;
#else
    return false;
#endif
}

/* The arrays a parser fills, as reserved: blocks, links, plain text. */
static void ranges_of(parser *p, prefault_range out[3])
{
    out[0] = (prefault_range){p->blocks.items, sizeof(awl_block), p->blocks.capacity,
                              &p->blocks_made, 0};
    out[1] = (prefault_range){p->links.items, sizeof(awl_link), p->links.capacity, &p->links_made,
                              0};
    out[2] = (prefault_range){p->plain.data, 1, p->plain.capacity, &p->plain_made, 0};
}

/* Faults in range r up to AWL_PREFAULT_AHEAD past what the parser has
 * made; false once it has nothing left to do. MADV_POPULATE_WRITE makes
 * the pages present and writable without touching their bytes, so it is
 * safe beside the parser's writes. */
static bool prefault_ahead(prefault_range *r)
{
    size_t made = atomic_load_explicit(r->made, memory_order_relaxed);
    if (made >= r->capacity || r->done >= r->capacity * r->item_size)
        return false; /* the array outgrew its reserve (and moved) or is done */
    size_t want = made * r->item_size + AWL_PREFAULT_AHEAD;
    if (want > r->capacity * r->item_size)
        want = r->capacity * r->item_size;
    if (!populate(r->base, r->done, want))
        return false;
    if (want > r->done)
        r->done = want;
    return true;
}

/* The parse's second thread: the source's marks and UTF-8 check, then the
 * pages of the block, link and plain-text arrays a little ahead of the
 * parser, which then writes them without a page fault each 4 KiB. */
static void *help_parse(void *arg)
{
    parse_helper *h = arg;
    awl_source_mark(h->source);
    bool busy = true;
    while (busy && !atomic_load_explicit(&h->parsed, memory_order_relaxed)) {
        busy = false;
        for (int k = 0; k < 3; k++)
            busy |= prefault_ahead(&h->ranges[k]);
        nanosleep(&(struct timespec){0, 100 * 1000}, NULL);
    }
    return NULL;
}

awl_doc *awl_doc_parse(const char *path, const char *bytes, size_t length)
{
    return parse(path, bytes, length, false, AWL_NONE);
}

awl_doc *awl_doc_parse_borrowed(const char *path, const char *bytes, size_t length)
{
    return parse(path, bytes, length, true, AWL_NONE);
}

awl_doc *awl_doc_parse_cut(const char *path, const char *bytes, size_t length, size_t cut)
{
    return parse(path, bytes, length, false, cut);
}

/* A parser starting at byte `from` whose searches stop at `to`; the
 * arrays are reserved for `lines` lines and `bytes` bytes of text. */
static void parser_init(parser *p, awl_doc *doc, awl_arena *arena, size_t from, size_t to,
                        size_t lines, size_t bytes)
{
    memset(p, 0, sizeof *p);
    p->doc = doc;
    p->arena = arena;
    p->input = doc->source.bytes;
    p->size = to;
    p->plain_owner = AWL_NONE;
    p->search_from = from;
    p->line_hint = awl_source_line_of(&doc->source, from);
    awl_vec_init(&p->blocks, sizeof(awl_block));
    awl_vec_init(&p->links, sizeof(awl_link));
    awl_vec_init(&p->comments, sizeof(awl_html_comment));
    awl_vec_init(&p->stack, sizeof(size_t));
    awl_vec_init(&p->open_links, sizeof(size_t));
    /* Sized from the line count, so that a big list's blocks and links are
     * mostly not copied as they grow: the corpus has one block a line in
     * its big lists (up to seven in tables) and half a link a line (up to
     * two and a half); past the reserve they grow by doubling. Larger
     * reserves measured no better: pages never written cost nothing, but
     * they move where later allocations land. */
    awl_vec_reserve(&p->blocks, lines + 16);
    awl_vec_reserve(&p->links, lines / 2 + 16);
    awl_vec_reserve(&p->stack, 64);
    awl_vec_reserve(&p->open_links, 16);
    /* The plain text is at most about the input's size (only a NUL byte,
     * which becomes U+FFFD, grows): reserving it once saves the copies of
     * doubling. Pages of the reserve that are never written cost nothing. */
    awl_buf_reserve(&p->plain, bytes);
    awl_buf_append(&p->plain, "", 0);
}

/* Parses bytes [from, to); false when md4c gave up (out of memory). */
static bool parser_run(parser *p, size_t from, size_t to)
{
    MD_PARSER md = {0};
    md.flags = MD_DIALECT_GITHUB;
    md.enter_block = enter_block;
    md.leave_block = leave_block;
    md.enter_span = enter_span;
    md.leave_span = leave_span;
    md.text = text_callback;
    return md_parse(p->input + from, (MD_SIZE)(to - from), &md, p) == 0;
}

static void parser_free(parser *p)
{
    awl_vec_free(&p->blocks);
    awl_vec_free(&p->links);
    awl_vec_free(&p->comments);
    awl_vec_free(&p->stack);
    awl_vec_free(&p->open_links);
    awl_buf_free(&p->plain);
}

/* Appends the second part's blocks (all but its document), links,
 * comments and text to the first's, renumbered as one parse of the whole
 * would have numbered them. */
static void merge_part(parser *into, const parser *part)
{
    size_t base = into->blocks.count - 1; /* part block j > 0 becomes base + j */
    size_t text_base = into->plain.len;
#define AWL_MERGED(j) ((j) == AWL_NONE || (j) == 0 ? (j) : base + (j))
    awl_vec_reserve(&into->blocks, into->blocks.count + part->blocks.count);
    for (size_t j = 1; j < part->blocks.count; j++) {
        awl_block *b = awl_vec_push(&into->blocks);
        *b = ((const awl_block *)part->blocks.items)[j];
        b->parent = AWL_MERGED(b->parent);
        if (b->plain_start != AWL_NONE)
            b->plain_start += text_base;
    }
    awl_vec_reserve(&into->links, into->links.count + part->links.count);
    for (size_t j = 0; j < part->links.count; j++) {
        awl_link *l = awl_vec_push(&into->links);
        *l = ((const awl_link *)part->links.items)[j];
        l->block = AWL_MERGED(l->block);
        l->item = AWL_MERGED(l->item);
        l->row = AWL_MERGED(l->row);
        l->plain_start += text_base;
    }
#undef AWL_MERGED
    for (size_t j = 0; j < part->comments.count; j++)
        *(awl_html_comment *)awl_vec_push(&into->comments) =
            ((const awl_html_comment *)part->comments.items)[j];
    awl_buf_append(&into->plain, part->plain.data, part->plain.len);
}

/* From this size on a document is parsed in two parts on two threads when
 * it has a place to cut (doc_split.h): md4c is most of a large list's
 * parse. */
#define AWL_SPLIT_MIN_BYTES (256 * 1024)

typedef struct second_part {
    parser p;
    size_t from;
    bool ok;
    awl_source *source;
    prefault_range first[3]; /* the first part's blocks, links and text */
} second_part;

/* Faults in the pages of r where `count` more items will go after those
 * the parser has made so far (see prefault_ahead). */
static void prefault_next(prefault_range *r, size_t count)
{
    size_t made = atomic_load_explicit(r->made, memory_order_relaxed);
    if (made >= r->capacity)
        return; /* the array outgrew its reserve and moved */
    size_t end = made + count < r->capacity ? made + count : r->capacity;
    populate(r->base, made * r->item_size, end * r->item_size);
}

/* The second part's thread: its parse, then the source's marks, and the
 * pages of the first part's arrays that the second's blocks, links and
 * text will be copied to. */
static void *parse_second_part(void *arg)
{
    second_part *part = arg;
    part->ok = parser_run(&part->p, part->from, part->p.size);
    awl_source_mark(part->source); /* the parts read only the line index */
    prefault_next(&part->first[0], part->p.blocks.count);
    prefault_next(&part->first[1], part->p.links.count);
    prefault_next(&part->first[2], part->p.plain.len);
    return NULL;
}

/* Parses the document in two parts cut at `cut`, on two threads, into
 * *out; false when the parts cannot stand for one parse (then *out is
 * empty and the line flags are cleared): a block of the first part that
 * runs to its end (fenced code or HTML left open), or a link still open
 * at its end, would have gone on, and a search past the cut for an item's
 * marker would have started the second part elsewhere. */
static bool parse_in_two(awl_doc *doc, size_t bom, size_t cut, parser *out, bool *md_ok)
{
    awl_source *src = &doc->source;
    size_t cut_line = awl_source_line_of(src, cut);
    second_part *second = awl_xcalloc(1, sizeof *second);
    awl_arena second_arena = {0};
    /* The first part searches (for the markers of items without text) as
     * far as a parse of the whole would: md4c reads it only to the cut. */
    parser_init(out, doc, &doc->arena, bom, src->length, src->line_count, src->length);
    parser_init(&second->p, doc, &second_arena, cut, src->length, src->line_count - cut_line,
                src->length - cut);
    second->from = cut;
    second->source = src;
    ranges_of(out, second->first);
    pthread_t thread;
    bool threaded = pthread_create(&thread, NULL, parse_second_part, second) == 0;
    bool first_ok = parser_run(out, bom, cut);
    if (threaded)
        pthread_join(thread, NULL);
    else
        parse_second_part(second);
    /* A link md4c opened and never closed (a `|` in a table cell's link
     * destination does it) would take in the next part's text too. */
    bool stands = out->open_links.count == 0 && out->in_image == 0 && out->search_from <= cut;
    for (size_t i = 1; i < out->blocks.count && stands; i++)
        stands = ((const awl_block *)out->blocks.items)[i].last_line + 1 < cut_line;
    if (stands) {
        merge_part(out, &second->p);
        awl_arena_adopt(&doc->arena, &second_arena);
        *md_ok = first_ok && second->ok;
    } else {
        parser_free(out);
        awl_arena_free(&second_arena);
        memset(doc->line_flags, 0, src->line_count * sizeof *doc->line_flags);
    }
    parser_free(&second->p);
    free(second);
    return stands;
}

/* cut: where to cut the document for a parse in two parts; 0 for none,
 * AWL_NONE to find one (doc_split.h) when the document is large. */
static awl_doc *parse(const char *path, const char *bytes, size_t length, bool borrow, size_t cut)
{
    awl_doc *doc = awl_xcalloc(1, sizeof *doc);
    awl_source_init_unmarked(&doc->source, &doc->arena, path, bytes, length, borrow);
    doc->line_flags = awl_arena_alloc(&doc->arena, doc->source.line_count * sizeof *doc->line_flags);
    /* md4c does not skip a byte order mark; GitHub does, so the first line
     * is parsed without it. Offsets stay those of the whole buffer. */
    size_t bom = doc->source.has_bom ? 3 : 0;

    parser p;
    bool md_ok = true;
    if (cut == AWL_NONE)
        cut = length >= AWL_SPLIT_MIN_BYTES
                  ? awl_doc_split_point(&doc->source, length / 2, length / 4 * 3)
                  : 0;
    if (cut > bom && cut < length && parse_in_two(doc, bom, cut, &p, &md_ok)) {
        doc->parsed_in_two = true;
    } else {
        parser_init(&p, doc, &doc->arena, bom, length, doc->source.line_count, length);
        parse_helper helper = {.source = &doc->source};
        ranges_of(&p, helper.ranges);
        pthread_t helper_thread;
        bool helped = length >= AWL_HELPER_MIN_BYTES &&
                      pthread_create(&helper_thread, NULL, help_parse, &helper) == 0;
        if (!helped)
            awl_source_mark(&doc->source);
        md_ok = parser_run(&p, bom, length);
        if (helped) {
            atomic_store_explicit(&helper.parsed, true, memory_order_relaxed);
            pthread_join(helper_thread, NULL);
        }
    }
    if (!md_ok)
        doc->parse_failed = true;

    if (!p.blocks.count) { /* md4c gave up before the document began */
        awl_block *b = awl_vec_push(&p.blocks);
        b->kind = AWL_BLOCK_DOCUMENT;
        b->parent = AWL_NONE;
    }
    doc->blocks = p.blocks.items;
    doc->block_count = p.blocks.count;
    doc->links = p.links.items;
    doc->link_count = p.links.count;
    doc->comments = p.comments.items;
    doc->comment_count = p.comments.count;
    doc->plain = p.plain.data;
    doc->plain_size = p.plain.len;
    awl_vec_free(&p.stack);
    awl_vec_free(&p.open_links);

    doc->blocks[0].last_line = doc->source.line_count - 1;
    place_table_rows(doc);
    for (size_t i = 0; i < doc->block_count; i++) {
        awl_block *b = &doc->blocks[i];
        if (b->plain_start == AWL_NONE)
            b->plain_start = 0; /* a block that never had text */
        b->start = doc->source.line_starts[b->first_line];
        b->end = awl_source_line_end(&doc->source, b->last_line);
        switch (b->kind) {
        case AWL_BLOCK_PARAGRAPH:
        case AWL_BLOCK_HEADING:
        case AWL_BLOCK_CODE:
        case AWL_BLOCK_HTML:
        case AWL_BLOCK_TABLE:
        case AWL_BLOCK_HR:
            for (size_t line = b->first_line; line <= b->last_line; line++)
                doc->line_flags[line] |= AWL_LINE_IN_BLOCK;
            break;
        case AWL_BLOCK_ITEM:
            doc->line_flags[b->first_line] |= AWL_LINE_IN_BLOCK;
            break;
        default:
            break;
        }
    }
    build_sections(doc);
    index_sections(doc);
    name_headings(doc);
    count_section_links(doc);
    return doc;
}

void awl_doc_free(awl_doc *doc)
{
    if (!doc)
        return;
    /* blocks, links, comments and plain text are awl_vec/awl_buf storage. */
    free(doc->blocks);
    free(doc->links);
    free(doc->comments);
    free(doc->plain);
    awl_arena_free(&doc->arena);
    free(doc);
}
