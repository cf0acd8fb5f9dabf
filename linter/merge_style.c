/*
 * merge_style: learning how the first list writes entries, and writing
 * entries that way (see merge_style.h).
 */
#include "merge_style.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

/* A small tally of strings: the conventions are picked by majority. */
enum { TALLY_MAX = 8 };
typedef struct tally {
    const char *text[TALLY_MAX];
    size_t len[TALLY_MAX];
    size_t votes[TALLY_MAX];
    int extra[TALLY_MAX];
    size_t count;
} tally;

static void tally_vote(tally *t, const char *text, size_t len, int extra)
{
    for (size_t i = 0; i < t->count; i++)
        if (t->len[i] == len && t->extra[i] == extra && memcmp(t->text[i], text, len) == 0) {
            t->votes[i]++;
            return;
        }
    if (t->count < TALLY_MAX) {
        t->text[t->count] = text;
        t->len[t->count] = len;
        t->extra[t->count] = extra;
        t->votes[t->count++] = 1;
    }
}

/* The winner (the first seen among equals), or -1 when nothing was voted. */
static int tally_winner(const tally *t)
{
    int best = -1;
    for (size_t i = 0; i < t->count; i++)
        if (best < 0 || t->votes[i] > t->votes[best])
            best = (int)i;
    return best;
}

/* Where a tag after the title sits: ` OSDI'22`, ` (OSDI'22)`, ` [OSDI'22]`, ` | OSDI'22`. */
enum { GLUE_SPACE, GLUE_PAREN, GLUE_BRACKET, GLUE_PIPE };

static int tag_glue(const char *s, size_t tag_start, size_t line_start)
{
    if (tag_start > line_start && s[tag_start - 1] == '(')
        return GLUE_PAREN;
    if (tag_start > line_start && s[tag_start - 1] == '[')
        return GLUE_BRACKET;
    size_t i = tag_start;
    while (i > line_start && (s[i - 1] == ' ' || s[i - 1] == '\t'))
        i--;
    return i > line_start && s[i - 1] == '|' ? GLUE_PIPE : GLUE_SPACE;
}

void awl_merge_learn(const awl_doc *doc, const awl_entries *entries, awl_arena *arena,
                     awl_merge_conventions *out)
{
    memset(out, 0, sizeof *out);
    awl_strmap_init(&out->spelling);
    const char *s = doc->source.bytes;
    out->newline = doc->source.newline == AWL_NEWLINE_CRLF ? "\r\n" : "\n";
    size_t shapes[AWL_SHAPE_TABLE_ROW + 1] = {0};
    tally years = {0}, glues = {0}, seps = {0};
    /* spellings: per venue, votes for each way of writing it */
    awl_strmap votes;
    awl_strmap_init(&votes);
    size_t spelled = 0;
    out->spellings = awl_arena_alloc(arena, (entries->tag_count + 1) * sizeof(char *));
    size_t *best = awl_xcalloc(entries->tag_count + 1, sizeof(size_t));
    for (size_t i = 0; i < entries->count; i++) {
        const awl_entry *e = &entries->items[i];
        shapes[e->shape]++;
        size_t line_start = doc->source.line_starts[e->line];
        for (size_t t = e->tag_first; t < e->tag_first + e->tag_count; t++) {
            const awl_venue_tag *tag = &entries->tags[t];
            if (tag->year) {
                size_t digits = tag->year_end - tag->year_start;
                tally_vote(&years, s + tag->name_end, tag->year_start - tag->name_end,
                           digits == 4 ? 4 : 2);
            }
            size_t len = tag->name_end - tag->name_start;
            if (len == tag->venue->name_len &&
                strncasecmp(s + tag->name_start, tag->venue->name, len) == 0) {
                bool inserted = false;
                size_t *n = awl_strmap_upsert(&votes, s + tag->name_start, len, &inserted);
                ++*n;
                size_t *slot = awl_strmap_upsert(&out->spelling, tag->venue->name, len, &inserted);
                if (inserted) {
                    *slot = spelled++;
                    out->spellings[*slot] = tag->venue->name;
                }
                if (*n > best[*slot]) {
                    best[*slot] = *n;
                    out->spellings[*slot] = awl_arena_strndup(arena, s + tag->name_start, len);
                }
            }
            bool after_title =
                e->primary == AWL_NONE || (doc->links[e->primary].text_start != AWL_NONE &&
                                           tag->start > doc->links[e->primary].text_start);
            if (e->shape != AWL_SHAPE_TAG_FIRST && e->shape != AWL_SHAPE_TABLE_ROW && after_title &&
                tag->start >= line_start)
                tally_vote(&glues, "", 0, tag_glue(s, tag->start, line_start));
        }
        /* `[Title](url): description`: what follows the link's `)` */
        if (e->shape == AWL_SHAPE_LINK_FIRST && e->primary != AWL_NONE && e->description &&
            *e->description && doc->links[e->primary].href_end != AWL_NONE) {
            size_t p = doc->links[e->primary].href_end;
            size_t end = awl_source_line_end(&doc->source, e->line);
            while (p < end && s[p] != ')' && s[p] != '\n')
                p++;
            if (p < end && s[p] == ')') {
                size_t q = ++p;
                while (q < end && q - p < 5 && strchr(" :-|,", s[q]))
                    q++;
                bool tag_next = false; /* `[Title](url) OSDI'22`: a tag, not a description */
                for (size_t t = e->tag_first; t < e->tag_first + e->tag_count; t++)
                    tag_next |= entries->tags[t].start == q;
                bool mark = false; /* a lone space is no convention: `[T](url)  arxiv` */
                for (size_t k = p; k < q; k++)
                    mark |= s[k] != ' ';
                if (q > p && q < end && isalnum((unsigned char)s[q]) && !tag_next && mark)
                    tally_vote(&seps, s + p, q - p, 0);
            }
        }
    }
    free(best);
    awl_strmap_free(&votes);
    size_t top = 0;
    for (size_t k = 1; k <= AWL_SHAPE_TABLE_ROW; k++)
        if (shapes[k] > shapes[top])
            top = k;
    out->shape = (awl_entry_shape)top;
    out->has_entries = entries->count > 0;
    int w = tally_winner(&years);
    out->year_sep = w < 0 ? "'" : awl_arena_strndup(arena, years.text[w], years.len[w]);
    out->year_digits = w < 0 ? 2 : years.extra[w];
    w = tally_winner(&glues);
    int glue = w < 0 ? GLUE_SPACE : glues.extra[w];
    static const char *const before[] = {" ", " (", " [", " | "};
    static const char *const after[] = {"", ")", "]", ""};
    out->tag_before = before[glue];
    out->tag_after = after[glue];
    w = tally_winner(&seps);
    out->desc_sep = w < 0 ? " - " : awl_arena_strndup(arena, seps.text[w], seps.len[w]);
}

void awl_merge_conventions_free(awl_merge_conventions *conv)
{
    awl_strmap_free(&conv->spelling);
}

static awl_merge_column column_role(const char *header)
{
    char lower[64];
    size_t n = 0;
    for (; header[n] && n < sizeof lower - 1; n++)
        lower[n] = (char)tolower((unsigned char)header[n]);
    lower[n] = '\0';
    if (strstr(lower, "title") || strstr(lower, "name"))
        return AWL_COLUMN_TITLE;
    if (strstr(lower, "code") || strstr(lower, "github") || strstr(lower, "repo"))
        return AWL_COLUMN_CODE;
    if (strstr(lower, "pub") || strstr(lower, "venue") || strstr(lower, "conf") ||
        strstr(lower, "date") || strstr(lower, "year"))
        return AWL_COLUMN_VENUE;
    if (strstr(lower, "paper") || strstr(lower, "pdf") || strstr(lower, "link"))
        return AWL_COLUMN_PAPER;
    return AWL_COLUMN_OTHER;
}

static void table_roles(const awl_doc *doc, size_t row, awl_merge_style *out)
{
    size_t table = doc->blocks[row].parent;
    while (table != AWL_NONE && doc->blocks[table].kind != AWL_BLOCK_TABLE)
        table = doc->blocks[table].parent;
    if (table == AWL_NONE)
        return;
    size_t header = AWL_NONE;
    for (size_t b = table + 1; b < doc->block_count && header == AWL_NONE; b++)
        if (doc->blocks[b].kind == AWL_BLOCK_TABLE_ROW)
            header = b;
    if (header == AWL_NONE)
        return;
    bool has_title = false;
    for (size_t b = header + 1;
         b < doc->block_count && doc->blocks[b].kind == AWL_BLOCK_TABLE_CELL &&
         doc->blocks[b].parent == header;
         b++) {
        if (out->columns == AWL_MERGE_MAX_COLUMNS)
            break;
        const awl_block *cell = &doc->blocks[b];
        char *text = awl_xstrndup(awl_block_plain(doc, cell), cell->plain_len);
        awl_merge_column role = column_role(text);
        free(text);
        if (role == AWL_COLUMN_TITLE && has_title)
            role = AWL_COLUMN_OTHER;
        has_title |= role == AWL_COLUMN_TITLE;
        out->roles[out->columns++] = role;
    }
    if (!has_title && out->columns)
        out->roles[0] = AWL_COLUMN_TITLE;
}

void awl_merge_section_style(const awl_doc *doc, const awl_entries *entries, const size_t *members,
                             size_t count, const awl_merge_conventions *conv, awl_merge_style *out)
{
    memset(out, 0, sizeof *out);
    out->bullet = '-';
    size_t shapes[AWL_SHAPE_TABLE_ROW + 1] = {0};
    for (size_t i = 0; i < count; i++)
        shapes[entries->items[members[i]].shape]++;
    size_t top = 0;
    for (size_t k = 1; k <= AWL_SHAPE_TABLE_ROW; k++)
        if (shapes[k] > shapes[top])
            top = k;
    out->shape = count ? (awl_entry_shape)top : conv->shape;
    for (size_t i = 0; i < count; i++) {
        const awl_entry *e = &entries->items[members[i]];
        if (e->shape != out->shape)
            continue;
        const awl_block *b = &doc->blocks[e->block];
        if (b->kind == AWL_BLOCK_ITEM && b->parent != AWL_NONE) {
            const awl_block *list = &doc->blocks[b->parent];
            out->bullet = list->ordered ? '1' : list->marker;
            out->loose = !list->tight;
        } else if (b->kind == AWL_BLOCK_TABLE_ROW) {
            table_roles(doc, e->block, out);
        }
        break;
    }
    if (out->shape == AWL_SHAPE_TABLE_ROW && out->columns < 2)
        out->shape = AWL_SHAPE_LINK_FIRST; /* no header to follow: a list item */
}

void awl_merge_render_tag(const awl_merge_conventions *conv, const awl_venue *venue, int year,
                          awl_buf *out)
{
    size_t *slot = awl_strmap_get(&conv->spelling, venue->name, venue->name_len);
    awl_buf_puts(out, slot ? conv->spellings[*slot] : venue->name);
    if (year <= 0)
        return;
    awl_buf_puts(out, conv->year_sep);
    if (conv->year_digits == 4)
        awl_buf_printf(out, "%d", year);
    else
        awl_buf_printf(out, "%02d", year % 100);
}

/* Text as it must be written inside a link's brackets or a table cell. */
static void put_escaped(awl_buf *out, const char *text, bool cell)
{
    for (const char *p = text; *p; p++) {
        if (*p == '[' || *p == ']' || *p == '\\' || (cell && *p == '|'))
            awl_buf_putc(out, '\\');
        awl_buf_putc(out, *p == '\n' || *p == '\r' ? ' ' : *p);
    }
}

static void put_href(awl_buf *out, const char *href)
{
    bool angle = strpbrk(href, " ()<>") != NULL;
    awl_buf_puts(out, angle ? "(<" : "(");
    awl_buf_puts(out, href);
    awl_buf_puts(out, angle ? ">)" : ")");
}

static void put_title(awl_buf *out, const awl_merge_item *item, bool cell)
{
    if (!item->href) {
        put_escaped(out, item->title, cell);
        return;
    }
    awl_buf_putc(out, '[');
    put_escaped(out, item->title, cell);
    awl_buf_putc(out, ']');
    put_href(out, item->href);
}

void awl_merge_render_links(const awl_merge_link *links, size_t count, awl_buf *out)
{
    for (size_t i = 0; i < count; i++) {
        awl_buf_printf(out, " [%s]", links[i].label ? links[i].label : "link");
        put_href(out, links[i].href);
    }
}

static void render_row(const awl_merge_conventions *conv, const awl_merge_style *style,
                       const awl_merge_item *item, awl_buf *out)
{
    bool has_paper = false;
    for (size_t c = 0; c < style->columns; c++)
        has_paper |= style->roles[c] == AWL_COLUMN_PAPER;
    /* links that find no column of their own go to the title's cell */
    awl_merge_item title_only = *item;
    if (has_paper)
        title_only.href = NULL;
    const awl_merge_link *code = NULL;
    for (size_t c = 0; c < style->columns; c++)
        if (style->roles[c] == AWL_COLUMN_CODE)
            for (size_t l = 0; l < item->link_count && !code; l++)
                if (item->links[l].label && strcmp(item->links[l].label, "code") == 0)
                    code = &item->links[l];
    awl_buf_putc(out, '|');
    for (size_t c = 0; c < style->columns; c++) {
        awl_buf_putc(out, ' ');
        switch (style->roles[c]) {
        case AWL_COLUMN_TITLE:
            put_title(out, &title_only, true);
            for (size_t l = 0; l < item->link_count; l++)
                if (&item->links[l] != code)
                    awl_merge_render_links(&item->links[l], 1, out);
            break;
        case AWL_COLUMN_PAPER:
            if (item->href) {
                awl_buf_puts(out, "[paper]");
                put_href(out, item->href);
            }
            break;
        case AWL_COLUMN_CODE:
            if (code) {
                awl_buf_puts(out, "[code]");
                put_href(out, code->href);
            }
            break;
        case AWL_COLUMN_VENUE:
            if (item->venue)
                awl_merge_render_tag(conv, item->venue, item->year, out);
            break;
        case AWL_COLUMN_OTHER:
            break;
        }
        awl_buf_puts(out, " |");
    }
    awl_buf_puts(out, conv->newline);
}

void awl_merge_render(const awl_merge_conventions *conv, const awl_merge_style *style,
                      const awl_merge_item *item, awl_buf *out)
{
    if (style->shape == AWL_SHAPE_TABLE_ROW) {
        render_row(conv, style, item, out);
        return;
    }
    if (style->paragraphs) { /* the title line, the links on it, then the description */
        put_title(out, item, false);
        awl_merge_render_links(item->links, item->link_count, out);
        awl_buf_puts(out, conv->newline);
        if (item->description && *item->description) {
            put_escaped(out, item->description, false);
            awl_buf_puts(out, conv->newline);
        }
        return;
    }
    if (style->bullet == '1')
        awl_buf_puts(out, "1. ");
    else
        awl_buf_printf(out, "%c ", style->bullet);
    if (style->shape == AWL_SHAPE_TAG_FIRST && item->venue) {
        awl_buf_putc(out, '[');
        awl_merge_render_tag(conv, item->venue, item->year, out);
        awl_buf_puts(out, "] ");
    }
    bool label_first = style->shape == AWL_SHAPE_LABEL_FIRST && item->href;
    if (label_first)
        awl_buf_puts(out, strstr(item->href, "github.com/") ? "code " : "paper ");
    put_title(out, item, false);
    if (item->description && *item->description) {
        awl_buf_puts(out, conv->desc_sep);
        put_escaped(out, item->description, false);
    }
    if (style->shape != AWL_SHAPE_TAG_FIRST && item->venue) {
        awl_buf_puts(out, conv->tag_before);
        awl_merge_render_tag(conv, item->venue, item->year, out);
        awl_buf_puts(out, conv->tag_after);
    }
    if (!label_first) {
        awl_merge_render_links(item->links, item->link_count, out);
        awl_buf_puts(out, conv->newline);
        return;
    }
    /* `- code [Title](url)`, then `  paper [Title](url)` paragraphs */
    awl_buf_puts(out, conv->newline);
    for (size_t i = 0; i < item->link_count; i++)
        awl_merge_render_labelled(conv, style->bullet == '1' ? 3 : 2, &item->links[i], item->title,
                                  out);
}

void awl_merge_render_labelled(const awl_merge_conventions *conv, size_t indent,
                               const awl_merge_link *link, const char *title, awl_buf *out)
{
    awl_buf_puts(out, conv->newline);
    for (size_t k = 0; k < indent; k++)
        awl_buf_putc(out, ' ');
    awl_buf_printf(out, "%s [", link->label ? link->label : "link");
    put_escaped(out, title, false);
    awl_buf_putc(out, ']');
    put_href(out, link->href);
    awl_buf_puts(out, conv->newline);
}
