/*
 * list-indent: list markers sit where Markdown expects them.
 *
 *  - a top-level list starts at the margin (` - [A](a)` has a space too many);
 *  - one space separates a marker from the item's text (`-   [A](a)`);
 *  - a nested list starts at its parent item's text: under `- [A](a)` that
 *    is column 3, under `1. [A](a)` column 4.
 *
 * The nesting convention is the file's own when it has one: a list that
 * nests everything four columns (or a tab) past the parent's marker, as
 * Python-Markdown and MkDocs require, is followed, and only the nested lists
 * that do neither are reported. Lists inside block quotes are left alone.
 *
 * One finding per list. The fix rewrites the list as a whole, with every
 * list nested in it: markers move to their place, the space after them
 * becomes one, and every other line of an item moves by as much as the
 * item's text did, so paragraphs, code and sub-lists keep their place
 * relative to the text they belong to. Before offering it, the rule checks
 * that the new layout reads the same: no line may join or leave an item.
 * When it cannot tell (a lazily indented continuation line, tabs in the
 * indentation of a moved line, a link reference definition, an item nested
 * on its parent's line), the list is reported without a fix.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "render.h"
#include "rule.h"

enum { TAB_STOP = 4 };

/* How the space after an item's marker reads. */
typedef enum gap_kind {
    GAP_ONE,   /* exactly one space */
    GAP_WIDE,  /* 2-4 columns of white space, or a tab: becomes one space */
    GAP_EMPTY, /* nothing after the marker on its line */
    GAP_CODE,  /* 5 or more columns: the text is indented code, kept as is */
} gap_kind;

typedef struct item_info {
    unsigned m;        /* column of the marker (0-based, tabs expanded) */
    unsigned w;        /* width of the marker: 1 for bullets, digits + 1 */
    unsigned c;        /* column where the item's text starts */
    size_t gap_start;  /* offset just past the marker */
    size_t gap_end;    /* offset of the text (or the line end) */
    gap_kind gap;
    bool gap_tab;      /* the gap holds a tab */
    bool usable;       /* marker found, first on its line, outside quotes */
    bool plain;        /* usable, and its marker line starts a paragraph */
    size_t parent;     /* enclosing item (block index), or AWL_NONE */
    unsigned base;     /* top-level items: the column they belong at */
    /* Layout being computed for the list under check. */
    unsigned new_m, new_c;
} item_info;

typedef struct line_info {
    unsigned lead;       /* columns of leading white space */
    unsigned lead_bytes; /* bytes of it */
    bool tab;            /* it holds a tab */
    bool blank;          /* nothing else on the line */
} line_info;

typedef struct ctx {
    const awl_doc *doc;
    item_info *items;    /* per block; meaningful for items */
    line_info *lines;
    size_t *owner;       /* per line: innermost item holding it, or AWL_NONE */
    size_t *next_text;   /* per line: next non-blank line after it, or AWL_NONE */
    bool four;           /* the file nests four columns past the parent's marker */
    size_t edit_budget;  /* edits left before lists are only reported */
} ctx;

static size_t line_begin(const awl_doc *doc, size_t line)
{
    size_t start = doc->source.line_starts[line];
    return line == 0 && doc->source.has_bom ? start + 3 : start;
}

/* Column after `from`..`to` starting at column `col`, tabs to the next stop. */
static unsigned advance(const char *s, size_t from, size_t to, unsigned col)
{
    for (size_t i = from; i < to; i++) {
        if (s[i] == '\t')
            col += TAB_STOP - col % TAB_STOP;
        else if ((s[i] & 0xC0) != 0x80)
            col++;
    }
    return col;
}

static void measure_lines(ctx *x)
{
    const awl_doc *doc = x->doc;
    const awl_source *src = &doc->source;
    for (size_t line = 0; line < src->line_count; line++) {
        line_info *li = &x->lines[line];
        size_t start = line_begin(doc, line), end = awl_source_line_end(src, line);
        if (start > end)
            start = end;
        size_t i = start;
        while (i < end && (src->bytes[i] == ' ' || src->bytes[i] == '\t')) {
            li->tab |= src->bytes[i] == '\t';
            i++;
        }
        li->lead = li->tab ? advance(src->bytes, start, i, 0) : (unsigned)(i - start);
        li->lead_bytes = (unsigned)(i - start);
        li->blank = i == end;
    }
    size_t next = AWL_NONE;
    for (size_t line = src->line_count; line-- > 0;) {
        x->next_text[line] = next;
        if (!x->lines[line].blank)
            next = line;
    }
}

/* Reads every item's marker, gap and text column. */
static void measure_items(ctx *x)
{
    const awl_doc *doc = x->doc;
    const char *s = doc->source.bytes;
    for (size_t i = 1; i < doc->block_count; i++) {
        const awl_block *b = &doc->blocks[i];
        item_info *it = &x->items[i];
        it->parent = AWL_NONE;
        if (b->kind != AWL_BLOCK_ITEM)
            continue;
        /* The enclosing item, and whether a quote comes between. */
        bool quoted = false;
        for (size_t p = b->parent; p != AWL_NONE && p != 0; p = doc->blocks[p].parent) {
            if (doc->blocks[p].kind == AWL_BLOCK_QUOTE)
                quoted = true;
            if (doc->blocks[p].kind == AWL_BLOCK_ITEM) {
                it->parent = p;
                break;
            }
        }
        for (size_t p = it->parent; p != AWL_NONE && p != 0 && !quoted; p = doc->blocks[p].parent)
            quoted = doc->blocks[p].kind == AWL_BLOCK_QUOTE;
        size_t mo = b->marker_offset;
        size_t start = line_begin(doc, b->first_line);
        size_t end = awl_source_line_end(&doc->source, b->first_line);
        if (quoted || mo == AWL_NONE || mo < start || mo >= end)
            continue;
        size_t me = mo;
        if (s[mo] == '-' || s[mo] == '*' || s[mo] == '+') {
            me = mo + 1;
        } else {
            while (me < end && s[me] >= '0' && s[me] <= '9')
                me++;
            if (me == mo || me >= end || (s[me] != '.' && s[me] != ')'))
                continue;
            me++;
        }
        /* First on its line: nothing but white space before the marker. */
        bool first = true;
        for (size_t k = start; k < mo && first; k++)
            first = s[k] == ' ' || s[k] == '\t';
        it->m = advance(s, start, mo, 0);
        it->w = (unsigned)(me - mo);
        size_t text = me;
        while (text < end && (s[text] == ' ' || s[text] == '\t')) {
            it->gap_tab |= s[text] == '\t';
            text++;
        }
        it->gap_start = me;
        it->gap_end = text;
        unsigned after = advance(s, mo, me, it->m);
        unsigned cols = advance(s, me, text, after) - after;
        if (text == end) {
            it->gap = GAP_EMPTY;
            it->c = after + 1;
        } else if (cols >= 5) {
            it->gap = GAP_CODE;
            it->c = after + 1;
        } else {
            it->gap = cols == 1 && !it->gap_tab ? GAP_ONE : GAP_WIDE;
            it->c = after + cols;
        }
        it->usable = first;
    }
}

/* An item is plain when its text starts as a paragraph on the marker line
 * (in a tight list md4c reports no paragraph block: the item holds the
 * text itself): the only kind of item whose layout the fix rewrites. Items
 * opening with a blank line, code, a rule, a heading or HTML are read in
 * ways too particular (md4c has its own reading of several) to move. */
static void find_plain_items(ctx *x)
{
    const awl_doc *doc = x->doc;
    for (size_t i = 1; i < doc->block_count; i++) {
        const awl_block *b = &doc->blocks[i];
        if (b->kind != AWL_BLOCK_ITEM)
            continue;
        item_info *it = &x->items[i];
        it->plain = it->usable && (it->gap == GAP_ONE || it->gap == GAP_WIDE);
        if (i + 1 < doc->block_count) {
            const awl_block *child = &doc->blocks[i + 1];
            if (child->parent == i && child->first_line == b->first_line &&
                child->kind != AWL_BLOCK_PARAGRAPH)
                it->plain = false;
        }
    }
}

/* Marks as unusable the items whose children do not sit where this model
 * of Markdown says they must (md4c reads some odd layouts its own way):
 * a sub-list's items within 0-3 columns of the item's text, its other
 * blocks at or past that text, a top-level item within 3 columns of the
 * margin. The rule leaves what it cannot model alone. */
static void check_layouts(ctx *x)
{
    const awl_doc *doc = x->doc;
    for (size_t i = 1; i < doc->block_count; i++) {
        const awl_block *b = &doc->blocks[i];
        size_t p = b->parent;
        if (p == AWL_NONE)
            continue;
        if (b->kind == AWL_BLOCK_ITEM) {
            item_info *it = &x->items[i];
            size_t holder = doc->blocks[p].parent;
            if (holder == 0 && it->m >= TAB_STOP)
                it->usable = false;
            if (holder != AWL_NONE && doc->blocks[holder].kind == AWL_BLOCK_ITEM) {
                const item_info *h = &x->items[holder];
                if (it->m < h->c || it->m >= h->c + TAB_STOP) {
                    it->usable = false;
                    x->items[holder].usable = false;
                }
            }
        } else if (doc->blocks[p].kind == AWL_BLOCK_ITEM && b->kind != AWL_BLOCK_LIST &&
                   b->first_line != doc->blocks[p].first_line &&
                   x->lines[b->first_line].lead < x->items[p].c) {
            x->items[p].usable = false;
        }
    }
}

/* Innermost item holding each line: a sweep over items in document order
 * (they nest, and a parent comes before its children). */
static void find_owners(ctx *x)
{
    const awl_doc *doc = x->doc;
    size_t lines = doc->source.line_count;
    /* The open items, innermost last; as deep as items nest, at most one
     * per block (only the pages it reaches are touched). */
    size_t *stack = awl_xmalloc(doc->block_count * sizeof *stack), depth = 0;
    size_t b = 1;
    for (size_t line = 0; line < lines; line++) {
        while (depth && doc->blocks[stack[depth - 1]].last_line < line)
            depth--;
        for (; b < doc->block_count && doc->blocks[b].first_line <= line; b++) {
            if (doc->blocks[b].kind != AWL_BLOCK_ITEM)
                continue;
            while (depth && doc->blocks[stack[depth - 1]].last_line < doc->blocks[b].first_line)
                depth--;
            stack[depth++] = b;
        }
        while (depth && doc->blocks[stack[depth - 1]].last_line < line)
            depth--;
        x->owner[line] = depth ? stack[depth - 1] : AWL_NONE;
    }
    free(stack);
}

/* Where a nested item's marker belongs, given its parent's marker and text
 * columns. */
static unsigned nested_column(const ctx *x, unsigned parent_m, unsigned parent_c)
{
    if (x->four && parent_m + TAB_STOP > parent_c)
        return parent_m + TAB_STOP;
    return parent_c;
}

/* The column `item`'s marker belongs at, given its parent as it is now. */
static unsigned wanted_column(const ctx *x, size_t item)
{
    const item_info *it = &x->items[item];
    if (it->parent == AWL_NONE)
        return it->base;
    const item_info *p = &x->items[it->parent];
    return nested_column(x, p->m, p->c);
}

/* Net count of HTML container elements (<details>, <div>, ...) the HTML
 * text opens: positive when it leaves some open. */
static long html_opens(const char *s, size_t from, size_t to)
{
    static const char *const names[] = {"details", "div",   "blockquote", "section",
                                        "article", "aside", "center",     "nav", "figure"};
    long depth = 0;
    for (size_t i = from; i + 1 < to; i++) {
        const char *lt = memchr(s + i, '<', to - 1 - i);
        if (!lt)
            break;
        i = (size_t)(lt - s);
        bool close = s[i + 1] == '/';
        size_t at = i + 1 + close;
        if (at >= to || !strchr("dDbBsSaAcCnNfF", s[at]))
            continue; /* no container name starts so */
        for (size_t k = 0; k < sizeof names / sizeof names[0]; k++) {
            size_t len = strlen(names[k]);
            if ((s[at] | 0x20) != names[k][0] || at + len > to ||
                strncasecmp(s + at, names[k], len) != 0)
                continue;
            char after = at + len < to ? s[at + len] : '>';
            if (after == '>' || after == ' ' || after == '\t' || after == '\n' || after == '\r' ||
                after == '/')
                depth += close ? -1 : 1;
            break;
        }
    }
    return depth;
}

/* Where each top-level list's items belong: the margin, or, inside an HTML
 * element such as <details> (where authors indent the list as they indent
 * the HTML around it), the column of the list's first item. */
static void place_top_lists(ctx *x)
{
    const awl_doc *doc = x->doc;
    long open = 0;
    for (size_t i = 1; i < doc->block_count; i++) {
        const awl_block *b = &doc->blocks[i];
        if (b->parent != 0)
            continue;
        if (b->kind == AWL_BLOCK_HTML) {
            open += html_opens(doc->source.bytes, b->start, b->end);
            if (open < 0)
                open = 0;
            continue;
        }
        if (b->kind != AWL_BLOCK_LIST || i + 1 >= doc->block_count)
            continue;
        unsigned base = open > 0 && x->items[i + 1].usable && x->items[i + 1].m < TAB_STOP
                            ? x->items[i + 1].m
                            : 0;
        for (size_t k = i + 1; k < doc->block_count && doc->blocks[k].depth > b->depth; k++)
            if (doc->blocks[k].parent == i)
                x->items[k].base = base;
    }
}

/* The file's nesting convention: four columns past the parent's marker
 * when every nested list that tells the two apart does so; as soon as one
 * starts at its parent's text, that is the file's rule. */
static void detect_convention(ctx *x)
{
    const awl_doc *doc = x->doc;
    size_t content = 0, four = 0;
    for (size_t i = 1; i < doc->block_count; i++) {
        if (doc->blocks[i].kind != AWL_BLOCK_LIST || i + 1 >= doc->block_count ||
            doc->blocks[i + 1].kind != AWL_BLOCK_ITEM)
            continue;
        const item_info *it = &x->items[i + 1];
        if (!it->usable || it->parent == AWL_NONE || !x->items[it->parent].usable)
            continue;
        const item_info *p = &x->items[it->parent];
        if (p->m + TAB_STOP == p->c)
            continue; /* both conventions agree */
        if (it->m == p->c)
            content++;
        else if (it->m == p->m + TAB_STOP)
            four++;
    }
    x->four = four > 0 && content == 0;
}

/* The final column of `line`'s indentation under the layout in x->items
 * (new_m/new_c) for the items of the list being checked, whose block range
 * is [first, last]. Lines of other items keep theirs. */
static unsigned new_lead(const ctx *x, size_t line, size_t first, size_t last)
{
    size_t k = x->owner[line];
    const line_info *li = &x->lines[line];
    /* White-space-only lines stay: outside code their spaces mean nothing,
     * and inside code plan() refuses to move them. */
    if (li->blank || k == AWL_NONE || k < first || k > last)
        return li->lead;
    const item_info *it = &x->items[k];
    if (x->doc->blocks[k].first_line == line)
        return it->new_m;
    long lead = (long)li->lead + (long)it->new_c - (long)it->c;
    return lead < 0 ? 0 : (unsigned)lead;
}

/* True when the line reads like a link reference definition, `[label]:`
 * (md4c reports none of them; a tight item's text lines also go without
 * a block of their own, so the line's form decides). */
static bool starts_definition(const ctx *x, size_t line)
{
    const awl_source *src = &x->doc->source;
    size_t i = line_begin(x->doc, line) + x->lines[line].lead_bytes;
    size_t end = awl_source_line_end(src, line);
    if (i >= end || src->bytes[i] != '[')
        return false;
    for (; i + 1 < end; i++)
        if (src->bytes[i] == ']' && src->bytes[i + 1] == ':')
            return true;
    return false;
}

/* Computes the new layout of the list `list` and its nested lists (blocks
 * list+1..last), and returns why it cannot be applied, or NULL when it can. */
static const char *plan(ctx *x, size_t list, size_t last)
{
    const awl_doc *doc = x->doc;
    const awl_block *lb = &doc->blocks[list];
    for (size_t k = list + 1; k <= last; k++) {
        if (doc->blocks[k].kind != AWL_BLOCK_ITEM)
            continue;
        item_info *it = &x->items[k];
        if (!it->usable)
            return "an item sits on its parent's line, in a quote, or outside its parent's text";
        if (!it->plain)
            return "an item does not start with text";
        if (it->parent == AWL_NONE) {
            it->new_m = it->base;
        } else {
            const item_info *p = &x->items[it->parent];
            bool inside = it->parent > list && it->parent <= last;
            it->new_m = inside ? nested_column(x, p->new_m, p->new_c) : nested_column(x, p->m, p->c);
        }
        it->new_c = it->new_m + it->w + 1; /* one space after the marker */
    }
    /* md4c ends some items at two blank lines in a row: keep away. */
    for (size_t line = lb->first_line; line < lb->last_line; line++)
        if (x->lines[line].blank && x->lines[line + 1].blank)
            return "two blank lines in a row";
    /* Every line the list holds: moved lines must be plain indentation. */
    for (size_t line = lb->first_line; line <= lb->last_line; line++) {
        size_t k = x->owner[line];
        const line_info *li = &x->lines[line];
        if (k == AWL_NONE || k <= list || k > last) {
            if (!li->blank)
                return "a line between the items belongs to none of them";
            continue;
        }
        const item_info *it = &x->items[k];
        if (doc->blocks[k].first_line == line || it->new_c == it->c)
            continue;
        if (!li->blank) {
            if (li->lead < it->c)
                return "a continuation line is not indented to its item's text";
            if (!(doc->line_flags[line] & AWL_LINE_IN_BLOCK) && starts_definition(x, line))
                return "a link reference definition inside an item";
        }
        if (!li->blank && li->tab)
            return "tabs in the indentation of a line that would move";
        /* md4c keeps some of a white-space-only line's spaces in code, by
         * its own arithmetic: such a line cannot move. */
        if (li->blank && li->lead_bytes && (doc->line_flags[line] & AWL_LINE_CODE))
            return "a code block in an item holds a line of spaces";
    }
    /* No line may join an item it was not part of: the first line with
     * text after each item stays left of the item's new text column. */
    for (size_t k = list + 1; k <= last; k++) {
        if (doc->blocks[k].kind != AWL_BLOCK_ITEM)
            continue;
        size_t after = x->next_text[doc->blocks[k].last_line];
        if (after != AWL_NONE && new_lead(x, after, list + 1, last) >= x->items[k].new_c)
            return "a line after an item would join it";
    }
    /* Nor may the list's first item join an item that ended just before. */
    size_t before = lb->first_line;
    while (before > 0 && x->lines[before - 1].blank)
        before--;
    if (before > 0) {
        unsigned first_m = x->items[list + 1].new_m;
        for (size_t k = x->owner[before - 1]; k != AWL_NONE; k = x->items[k].parent) {
            if (k < list && doc->blocks[k].last_line >= lb->first_line)
                break; /* an ancestor of the list */
            if (first_m >= x->items[k].c)
                return "the list would join the item before it";
        }
    }
    return NULL;
}

/* One edit of a planned fix: [start, end) becomes `spaces` spaces. */
typedef struct space_edit {
    size_t start, end;
    unsigned spaces;
} space_edit;

/* A finding in the making. */
typedef struct unit {
    size_t list, last;   /* the list's block and its last descendant */
    size_t window_start, window_end; /* the top-level block holding the list */
    size_t start, end;   /* span reported */
    char message[320];
    bool fixable;
    bool simple; /* items holding only text: nothing to verify */
    size_t first_edit, edit_count; /* in the edits vector */
} unit;

/* Records the edits of the planned layout for blocks list+1..last. */
static void record_plan(const ctx *x, unit *u, awl_vec *edits)
{
    const awl_doc *doc = x->doc;
    const awl_block *lb = &doc->blocks[u->list];
    u->first_edit = edits->count;
    for (size_t line = lb->first_line; line <= lb->last_line; line++) {
        size_t k = x->owner[line];
        if (k == AWL_NONE || k <= u->list || k > u->last)
            continue;
        const item_info *it = &x->items[k];
        const line_info *li = &x->lines[line];
        size_t start = line_begin(doc, line);
        if (doc->blocks[k].first_line == line) {
            if (it->new_m != it->m || li->tab || li->lead_bytes != it->m)
                *(space_edit *)awl_vec_push(edits) =
                    (space_edit){start, doc->blocks[k].marker_offset, it->new_m};
            if (it->gap == GAP_WIDE)
                *(space_edit *)awl_vec_push(edits) = (space_edit){it->gap_start, it->gap_end, 1};
            continue;
        }
        unsigned lead = new_lead(x, line, u->list + 1, u->last);
        if (lead != li->lead)
            *(space_edit *)awl_vec_push(edits) = (space_edit){start, start + li->lead_bytes, lead};
    }
    u->edit_count = edits->count - u->first_edit;
}

/* The range [from, to) of the source with the edits of the chosen units
 * (in document order, not overlapping) applied. */
static void apply_units(const awl_source *src, const awl_vec *units, const unsigned char *chosen,
                        size_t first, size_t last, const awl_vec *edits, size_t from, size_t to,
                        awl_buf *out)
{
    size_t at = from;
    awl_buf_clear(out);
    awl_buf_append(out, "", 0);
    for (size_t i = first; i <= last; i++) {
        const unit *u = awl_vec_at(units, i);
        if (!chosen[i])
            continue;
        for (size_t e = u->first_edit; e < u->first_edit + u->edit_count; e++) {
            const space_edit *se = awl_vec_at(edits, e);
            if (se->start < at)
                continue; /* cannot happen: chosen units do not overlap */
            awl_buf_append(out, src->bytes + at, se->start - at);
            for (unsigned k = 0; k < se->spaces; k++)
                awl_buf_putc(out, ' ');
            at = se->end;
        }
    }
    awl_buf_append(out, src->bytes + at, to - at);
}

/* Marks in `chosen` the outermost fixable units of units first..last (those
 * a --fix pass applies together); returns how many. */
static size_t choose_outermost(const awl_vec *units, size_t first, size_t last,
                               unsigned char *chosen)
{
    size_t outer_last = 0, count = 0;
    for (size_t i = first; i <= last; i++) {
        const unit *u = awl_vec_at(units, i);
        chosen[i] = u->fixable && !(outer_last && u->list <= outer_last);
        if (chosen[i]) {
            outer_last = u->last;
            count++;
        }
    }
    return count;
}

static bool renders_as(const awl_buf *html, const awl_buf *text)
{
    awl_buf other = {0};
    bool ok = awl_render_html(text->data, text->len, &other) && other.len == html->len &&
              memcmp(other.data, html->data, html->len) == 0;
    awl_buf_free(&other);
    return ok;
}

static void withhold(unit *u)
{
    u->fixable = false;
    size_t len = strlen(u->message);
    snprintf(u->message + len, sizeof u->message - len,
             " (not fixed: the page would render differently)");
}

/*
 * Belt and braces: the layout rules above are Markdown's, but md4c (whose
 * rendering the fixer checks) reads a few tangled layouts its own way. So
 * when a fix moves more than text items (a sub-list, code, a quote), the
 * top-level block holding it is rendered on its own, before and after the
 * fixes a --fix pass applies together there (the outermost ones); when that
 * differs, unit by unit (up to a bound), withholding those that change it.
 * Lists of plain text items need no check, so most files render nothing,
 * and none renders more than its own size twice over. (md4c also shifts
 * its reading of some tangled files when bytes move far away; the fixer's
 * own check of the whole file catches that.)
 */
static void verify_units(const awl_doc *doc, awl_vec *units, const awl_vec *edits)
{
    enum { MAX_ONE_BY_ONE = 16 };
    const awl_source *src = &doc->source;
    size_t n = units->count;
    unsigned char *chosen = awl_xcalloc(n + 1, 1);
    awl_buf html = {0}, text = {0};
    for (size_t first = 0; first < n;) {
        const unit *f = awl_vec_at(units, first);
        size_t last = first;
        bool risky = f->fixable && !f->simple;
        while (last + 1 < n &&
               ((const unit *)awl_vec_at(units, last + 1))->window_start == f->window_start) {
            last++;
            const unit *g = awl_vec_at(units, last);
            risky |= g->fixable && !g->simple;
        }
        size_t from = f->window_start, to = f->window_end;
        if (risky && choose_outermost(units, first, last, chosen)) {
            awl_buf_clear(&html);
            awl_render_html(src->bytes + from, to - from, &html);
            apply_units(src, units, chosen, first, last, edits, from, to, &text);
            if (!renders_as(&html, &text)) {
                size_t tried = 0;
                for (size_t i = first; i <= last; i++) {
                    unit *u = awl_vec_at(units, i);
                    if (!u->fixable)
                        continue;
                    bool ok = false;
                    if (tried++ < MAX_ONE_BY_ONE) {
                        memset(chosen + first, 0, last - first + 1);
                        chosen[i] = 1;
                        apply_units(src, units, chosen, first, last, edits, from, to, &text);
                        ok = renders_as(&html, &text);
                    }
                    if (!ok)
                        withhold(u);
                }
                /* What is left is applied together: check it together. */
                if (choose_outermost(units, first, last, chosen)) {
                    apply_units(src, units, chosen, first, last, edits, from, to, &text);
                    if (!renders_as(&html, &text))
                        for (size_t i = first; i <= last; i++)
                            if (((unit *)awl_vec_at(units, i))->fixable)
                                withhold(awl_vec_at(units, i));
                }
            }
        }
        first = last + 1;
    }
    awl_buf_free(&html);
    awl_buf_free(&text);
    free(chosen);
}

/* Describes what is wrong with the list's own items; false when nothing is. */
static bool describe(const ctx *x, size_t list, size_t last, unit *u)
{
    const awl_doc *doc = x->doc;
    size_t misplaced = AWL_NONE, wide = AWL_NONE, wide_count = 0;
    for (size_t k = list + 1; k <= last; k++) {
        if (doc->blocks[k].parent != list)
            continue;
        const item_info *it = &x->items[k];
        if (!it->usable)
            return false;
        if (misplaced == AWL_NONE && it->m != wanted_column(x, k))
            misplaced = k;
        if (it->gap == GAP_WIDE) {
            if (wide == AWL_NONE)
                wide = k;
            wide_count++;
        }
    }
    if (misplaced == AWL_NONE && wide == AWL_NONE)
        return false;
    /* A nested list under an item this rule does not model is left alone. */
    size_t parent = x->items[list + 1].parent;
    if (parent != AWL_NONE && !x->items[parent].plain)
        return false;
    const char *what = wide_count == 1 ? " has" : "s have";
    if (misplaced == AWL_NONE) {
        const item_info *it = &x->items[wide];
        u->start = it->gap_start;
        u->end = it->gap_end;
        snprintf(u->message, sizeof u->message,
                 "%zu item%s more than one space after the list marker", wide_count, what);
        return true;
    }
    const item_info *it = &x->items[misplaced];
    unsigned want = wanted_column(x, misplaced);
    u->start = line_begin(doc, doc->blocks[misplaced].first_line);
    u->end = doc->blocks[misplaced].marker_offset;
    int len;
    if (it->parent == AWL_NONE && want == 0)
        len = snprintf(u->message, sizeof u->message,
                       "list indented %u column%s; a top-level list starts at the margin", it->m,
                       it->m == 1 ? "" : "s");
    else if (it->parent == AWL_NONE)
        len = snprintf(u->message, sizeof u->message,
                       "list item at column %u, where the list's first item is at column %u",
                       it->m + 1, want + 1);
    else if (x->four)
        len = snprintf(u->message, sizeof u->message,
                       "nested list item at column %u; this file nests lists four columns past "
                       "the parent's marker (column %u)",
                       it->m + 1, want + 1);
    else
        len = snprintf(u->message, sizeof u->message,
                       "nested list item at column %u; its parent item's text starts at column %u",
                       it->m + 1, want + 1);
    if (wide != AWL_NONE && len > 0 && (size_t)len < sizeof u->message)
        snprintf(u->message + len, sizeof u->message - (size_t)len,
                 "; %zu item%s more than one space after the marker", wide_count, what);
    return true;
}

static void check_list_indent(awl_check *check)
{
    const awl_doc *doc = check->doc;
    size_t n = doc->block_count, lines = doc->source.line_count;
    ctx x = {.doc = doc};
    x.items = awl_xcalloc(n, sizeof *x.items);
    x.lines = awl_xcalloc(lines, sizeof *x.lines);
    x.owner = awl_xmalloc(lines * sizeof *x.owner);
    x.next_text = awl_xmalloc(lines * sizeof *x.next_text);
    x.edit_budget = 4 * lines + 4096;
    measure_lines(&x);
    measure_items(&x);
    find_owners(&x);
    check_layouts(&x);
    find_plain_items(&x);
    detect_convention(&x);
    place_top_lists(&x);

    awl_vec units, edits;
    awl_vec_init(&units, sizeof(unit));
    awl_vec_init(&edits, sizeof(space_edit));
    for (size_t list = 1; list < n; list++) {
        const awl_block *lb = &doc->blocks[list];
        if (lb->kind != AWL_BLOCK_LIST || list + 1 >= n || doc->blocks[list + 1].kind != AWL_BLOCK_ITEM)
            continue;
        size_t last = list;
        while (last + 1 < n && doc->blocks[last + 1].depth > lb->depth)
            last++;
        unit u = {.list = list, .last = last};
        if (!describe(&x, list, last, &u))
            continue;
        size_t top = list;
        while (doc->blocks[top].parent != 0 && doc->blocks[top].parent != AWL_NONE)
            top = doc->blocks[top].parent;
        u.window_start = doc->blocks[top].start;
        u.window_end = awl_source_line_next(&doc->source, doc->blocks[top].last_line);
        u.simple = true;
        for (size_t k = list + 1; k <= last; k++)
            if (doc->blocks[k].kind != AWL_BLOCK_ITEM && doc->blocks[k].kind != AWL_BLOCK_PARAGRAPH)
                u.simple = false;
        const char *why = plan(&x, list, last);
        size_t span = lb->last_line - lb->first_line + 1;
        if (!why && span > x.edit_budget)
            why = "the file has too many lists to move";
        if (why) {
            size_t len = strlen(u.message);
            snprintf(u.message + len, sizeof u.message - len, " (not fixed: %s)", why);
        } else {
            x.edit_budget -= span;
            u.fixable = true;
            record_plan(&x, &u, &edits);
        }
        *(unit *)awl_vec_push(&units) = u;
    }
    verify_units(doc, &units, &edits);
    unsigned widest = 0;
    for (size_t e = 0; e < edits.count; e++)
        if (((const space_edit *)awl_vec_at(&edits, e))->spaces > widest)
            widest = ((const space_edit *)awl_vec_at(&edits, e))->spaces;
    char *spaces = awl_xmalloc(widest + 1);
    memset(spaces, ' ', widest);
    for (size_t i = 0; i < units.count; i++) {
        const unit *u = awl_vec_at(&units, i);
        awl_diag *diag = awl_emit(check, u->start, u->end, "%s", u->message);
        if (!u->fixable)
            continue;
        for (size_t e = u->first_edit; e < u->first_edit + u->edit_count; e++) {
            const space_edit *se = awl_vec_at(&edits, e);
            awl_add_edit(check, diag, se->start, se->end, spaces, se->spaces);
        }
    }
    free(spaces);
    awl_vec_free(&units);
    awl_vec_free(&edits);
    free(x.items);
    free(x.lines);
    free(x.owner);
    free(x.next_text);
}

const awl_rule awl_rule_list_indent = {
    .id = "list-indent",
    .category = "structure",
    .severity = AWL_SEVERITY_WARNING,
    .fix = AWL_FIX_SAFE,
    .summary = "Top-level lists start at the margin, one space follows a marker, nested lists "
               "start at their parent's text",
    .explanation =
        "Markdown reads list indentation loosely, so it drifts: a list indented by a\n"
        "space, three spaces after a bullet, a sub-list two columns deeper than its\n"
        "parent's text. It all renders, until someone adds an item at the indentation\n"
        "they see and it lands in the wrong list, or becomes a code block. A nested\n"
        "list belongs under its parent item's text (column 3 under `- `, column 4\n"
        "under `1. `); a file that nests four columns everywhere keeps that.\n"
        "\n"
        "Bad:\n"
        "     - [Orca](https://www.usenix.org/conference/osdi22/presentation/yu)\n"
        "    -   [Alpa](https://www.usenix.org/conference/osdi22/presentation/zheng-lianmin)\n"
        "          - [Code](https://github.com/alpa-projects/alpa)\n"
        "Good:\n"
        "    - [Orca](https://www.usenix.org/conference/osdi22/presentation/yu)\n"
        "    - [Alpa](https://www.usenix.org/conference/osdi22/presentation/zheng-lianmin)\n"
        "      - [Code](https://github.com/alpa-projects/alpa)\n",
    .check = check_list_indent,
};
