/*
 * duplicate-entry: the same paper or project twice in one section.
 *
 * "The same" is decided by rules/duplicates.h: a shared identity key of the
 * links (arXiv id, DOI, GitHub repository, OpenReview id, ...; the primary
 * link, and the others when they identify a paper) with agreeing titles,
 * or the same title once case, punctuation, marks and a trailing venue tag
 * are set aside, or titles whose word sets nearly coincide (no number
 * differing). The later copy is reported, naming the line of the first.
 *
 * With the config's `scope: file`, copies in other sections are reported
 * here too (duplicate-cross-section then stays silent).
 *
 * Unsafe fix (it deletes text, and which copy to keep is a guess): the
 * later copy's lines go, and its links that the first copy lacks (a code
 * repository, slides, a different page) are appended to the first copy's
 * line as `[label](url)`. Links are compared by a light identity (scheme,
 * `www.`, case of the host, trailing slash, `.git`, fragment; arXiv abs,
 * pdf and versions; DOI hosts; OpenReview forum and pdf), so an arXiv pdf
 * link beside an abs link is not carried over. No fix when the later copy
 * owns other entries (a sub-list), when a link cannot be written back
 * safely, or when a table row would need a link moved into it.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "rule.h"

/* What a link identifies (duplicates.c's key: arXiv id, DOI, repository,
 * normalised URL), or the href itself for what has no key. */
static const char *link_identity(awl_arena *arena, const char *href)
{
    bool paper;
    size_t len;
    const char *key = awl_dup_link_key(arena, href, &paper, &len);
    return key ? key : href;
}

/* True when href can be written back as `(href)` unchanged. */
static bool writable_href(const char *href)
{
    if (!href[0])
        return false;
    for (const char *c = href; *c; c++)
        if ((unsigned char)*c <= ' ' || strchr("()<>[]\\`", *c))
            return false;
    return true;
}

/* The links of each block, as chains in document order: by innermost item
 * (link->item) and by innermost block (link->block). Built on the first
 * fix, so a fix reads its entry's links, not every link of the document. */
typedef struct link_chains {
    size_t *first_of_item, *next_of_item;
    size_t *first_of_block, *next_of_block;
} link_chains;

static void chain_links(const awl_doc *doc, link_chains *c)
{
    size_t *last_of_item = awl_xmalloc((doc->block_count + 1) * sizeof(size_t));
    size_t *last_of_block = awl_xmalloc((doc->block_count + 1) * sizeof(size_t));
    c->first_of_item = awl_xmalloc((doc->block_count + 1) * sizeof(size_t));
    c->first_of_block = awl_xmalloc((doc->block_count + 1) * sizeof(size_t));
    c->next_of_item = awl_xmalloc((doc->link_count + 1) * sizeof(size_t));
    c->next_of_block = awl_xmalloc((doc->link_count + 1) * sizeof(size_t));
    for (size_t b = 0; b < doc->block_count; b++)
        c->first_of_item[b] = c->first_of_block[b] = AWL_NONE;
    for (size_t i = 0; i < doc->link_count; i++) {
        const awl_link *l = &doc->links[i];
        c->next_of_item[i] = c->next_of_block[i] = AWL_NONE;
        if (l->item != AWL_NONE) {
            if (c->first_of_item[l->item] == AWL_NONE)
                c->first_of_item[l->item] = i;
            else
                c->next_of_item[last_of_item[l->item]] = i;
            last_of_item[l->item] = i;
        }
        if (c->first_of_block[l->block] == AWL_NONE)
            c->first_of_block[l->block] = i;
        else
            c->next_of_block[last_of_block[l->block]] = i;
        last_of_block[l->block] = i;
    }
    free(last_of_item);
    free(last_of_block);
}

static void free_chains(link_chains *c)
{
    free(c->first_of_item);
    free(c->next_of_item);
    free(c->first_of_block);
    free(c->next_of_block);
}

/* True when some link of the item spans `at` (inserting there would land
 * inside the link). */
static bool inside_a_link(const awl_doc *doc, const link_chains *chains, size_t item, size_t at)
{
    for (size_t i = chains->first_of_item[item]; i != AWL_NONE; i = chains->next_of_item[i]) {
        const awl_link *l = &doc->links[i];
        if (l->text_start == AWL_NONE)
            continue;
        size_t end = l->href_end != AWL_NONE && l->href_end > l->text_end ? l->href_end : l->text_end;
        if (l->text_start < at && at <= end)
            return true;
    }
    return false;
}

/* True when the block's own text is nothing but links and the words that
 * label them ("paper [Title](url)", "- [arxiv](url)"): removing it loses
 * no prose. */
static bool only_links(const awl_doc *doc, const link_chains *chains, size_t block)
{
    const awl_block *b = &doc->blocks[block];
    size_t at = b->plain_start, end = b->plain_start + b->plain_len;
    for (size_t i = chains->first_of_block[block]; i != AWL_NONE && at < end;
         i = chains->next_of_block[i]) {
        const awl_link *l = &doc->links[i];
        if (l->plain_start < at || l->plain_start > end)
            continue;
        /* The text before this link: separators and at most one label word. */
        size_t word_start = AWL_NONE, word_end = AWL_NONE;
        for (size_t k = at; k < l->plain_start; k++) {
            char c = doc->plain[k];
            if (strchr(" \t\n[]()|:-,;.*_`", c))
                continue;
            if (word_start != AWL_NONE && word_end != k)
                return false; /* a second word */
            if (word_start == AWL_NONE)
                word_start = k;
            word_end = k + 1;
        }
        if (word_start != AWL_NONE && !awl_entry_is_label(doc->plain + word_start, word_end - word_start))
            return false;
        at = l->plain_start + l->plain_len;
    }
    for (; at < end; at++)
        if (!strchr(" \t\n[]()|:-,;.*_`", doc->plain[at]))
            return false;
    return true;
}

typedef struct moved_link {
    const char *label;
    const char *href;
} moved_link;

/* Attaches the fix of the duplicate `dup` of `kept`, when one is safe to write. */
static void attach_fix(awl_check *check, const link_chains *chains, awl_diag *diag, size_t dup_index,
                       size_t kept_index)
{
    const awl_doc *doc = check->doc;
    const awl_entries *entries = check->entries;
    const awl_entry *dup = &entries->items[dup_index];
    const awl_entry *kept = &entries->items[kept_index];
    const awl_block *dup_block = &doc->blocks[dup->block];
    const awl_block *kept_block = &doc->blocks[kept->block];
    /* The copy must own no other entry (a sub-list of its own). */
    if (dup_index + 1 < entries->count &&
        doc->blocks[entries->items[dup_index + 1].block].start < dup_block->end &&
        doc->blocks[entries->items[dup_index + 1].block].start >= dup_block->start)
        return;

    /* Lines after the first (continuation paragraphs, sub-items) may hold
     * links only: authors, notes and digests are not the fix's to drop. */
    size_t own_text = dup->block;
    if (!dup_block->plain_len && dup->block + 1 < doc->block_count &&
        doc->blocks[dup->block + 1].parent == dup->block)
        own_text = dup->block + 1;
    for (size_t b = dup->block + 1; b < doc->block_count && doc->blocks[b].start < dup_block->end; b++)
        if (b != own_text && doc->blocks[b].plain_len && !only_links(doc, chains, b))
            return;

    /* Nothing but links may be lost: a copy with its own venue tag or
     * description is the maintainer's to merge (duplicate-conflict says
     * which tag looks current). */
    if (dup->venue && (!kept->venue || strcmp(dup->venue, kept->venue) != 0 || dup->year != kept->year))
        return;
    if (dup->description && dup->description[0] &&
        (!kept->description || strcmp(dup->description, kept->description) != 0))
        return;

    /* The links the first copy lacks. */
    size_t kept_count = 1 + kept->link_count, dup_count = 1 + dup->link_count;
    awl_arena keys = {0};
    const char **have = awl_xmalloc(kept_count * sizeof *have);
    have[0] = link_identity(&keys, doc->links[kept->primary].href);
    for (size_t i = 0; i < kept->link_count; i++)
        have[1 + i] = link_identity(&keys, doc->links[kept->links[i].link].href);
    moved_link *moved = awl_xmalloc(dup_count * sizeof *moved);
    size_t moved_count = 0;
    bool ok = true;
    for (size_t i = 0; i < dup_count && ok; i++) {
        size_t link = i == 0 ? dup->primary : dup->links[i - 1].link;
        const char *href = doc->links[link].href;
        const char *id = link_identity(&keys, href);
        bool known = false;
        for (size_t k = 0; k < kept_count && !known; k++)
            known = strcmp(have[k], id) == 0;
        for (size_t k = 0; k < moved_count && !known; k++)
            known = strcmp(link_identity(&keys, moved[k].href), id) == 0;
        if (known || href[0] == '#' || doc->links[link].kind == AWL_LINK_IMAGE)
            continue; /* badges and icons are the copy's decoration */
        if (!writable_href(href)) {
            ok = false;
            break;
        }
        const char *label = i == 0 ? NULL : dup->links[i - 1].label;
        const awl_link *l = &doc->links[link];
        if (awl_entry_is_label(doc->plain + l->plain_start, l->plain_len)) {
            /* The link's own word ("[arxiv](...)"), without brackets. */
            const char *text = doc->plain + l->plain_start;
            size_t n = l->plain_len;
            while (n && strchr(" \t[]()*_`:", *text)) {
                text++;
                n--;
            }
            while (n && strchr(" \t[]()*_`:", text[n - 1]))
                n--;
            label = awl_arena_strndup(&check->out->arena, text, n);
        }
        if (!label || strcmp(label, "link") == 0)
            label = strstr(href, "github.com/")                        ? "code"
                    : strlen(href) > 4 && strcmp(href + strlen(href) - 4, ".pdf") == 0 ? "pdf"
                                                                                        : "link";
        moved[moved_count++] = (moved_link){label, href};
    }
    free(have);
    awl_arena_free(&keys);

    size_t at = awl_source_line_end(&doc->source, kept->line);
    const char *src = doc->source.bytes;
    while (at > kept_block->start && (src[at - 1] == ' ' || src[at - 1] == '\t'))
        at--;
    if (moved_count && (kept_block->kind != AWL_BLOCK_ITEM || (at && src[at - 1] == '\\') ||
                        inside_a_link(doc, chains, kept->block, at)))
        ok = false;
    if (!ok) {
        free(moved);
        return;
    }

    /* Remove the copy's lines, and a blank line after them when a blank
     * line also stands before them (a loose list keeps one separator). */
    const awl_source *source = &doc->source;
    size_t first = dup_block->first_line, last = dup_block->last_line;
    size_t start = source->line_starts[first];
    size_t end = awl_source_line_next(source, last);
    if (last + 1 >= source->line_count && first > 0) {
        start = awl_source_line_end(source, first - 1); /* no newline after: take the one before */
        end = source->length;
    } else if (first > 0 && awl_source_line_is_blank(source, first - 1) &&
               last + 1 < source->line_count && awl_source_line_is_blank(source, last + 1)) {
        end = awl_source_line_next(source, last + 1);
    }

    if (moved_count) {
        size_t size = 0;
        for (size_t k = 0; k < moved_count; k++)
            size += strlen(moved[k].label) + strlen(moved[k].href) + 6;
        char *text = awl_xmalloc(size + 1);
        size_t len = 0;
        for (size_t k = 0; k < moved_count; k++) {
            size_t label_len = strlen(moved[k].label), href_len = strlen(moved[k].href);
            memcpy(text + len, " [", 2);
            memcpy(text + len + 2, moved[k].label, label_len);
            memcpy(text + len + 2 + label_len, "](", 2);
            memcpy(text + len + 4 + label_len, moved[k].href, href_len);
            text[len + 4 + label_len + href_len] = ')';
            len += 5 + label_len + href_len;
        }
        awl_add_edit(check, diag, at, at, text, len);
        free(text);
    }
    awl_add_edit(check, diag, start, end, "", 0);
    awl_fix_unsafe(diag);
    diag->changes_text = true;
    free(moved);
}

static void check_duplicate_entry(awl_check *check)
{
    if (check->entries->count < 2)
        return;
    const awl_dups *dups = awl_check_dups(check);
    link_chains chains = {0};
    for (size_t i = 0; i < check->entries->count; i++) {
        size_t first = dups->same_section[i];
        bool elsewhere = false;
        if (first == AWL_NONE && check->config->duplicate_scope == AWL_DUP_SCOPE_FILE) {
            first = dups->elsewhere[i];
            elsewhere = true;
        }
        if (first == AWL_NONE)
            continue;
        size_t start, end;
        const awl_entry *f = &check->entries->items[first];
        awl_dup_span(check->doc, &check->entries->items[i], &start, &end);
        awl_diag *d = elsewhere ? awl_emit(check, start, end,
                                           "duplicate entry: this file lists it already at line "
                                           "%zu, under \"%s\"",
                                           f->line + 1, awl_dup_section_name(check->doc, f->section))
                                : awl_emit(check, start, end,
                                           "duplicate entry: this section lists it already at line %zu",
                                           f->line + 1);
        if (!d)
            continue;
        if (!chains.first_of_item)
            chain_links(check->doc, &chains);
        attach_fix(check, &chains, d, i, first);
    }
    free_chains(&chains);
}

const awl_rule awl_rule_duplicate_entry = {
    .id = "duplicate-entry",
    .category = "duplicate",
    .severity = AWL_SEVERITY_ERROR,
    .fix = AWL_FIX_UNSAFE,
    .summary = "A section lists each paper or project once, whatever the URL variant",
    .explanation =
        "The same entry twice in one section is a merge or copy-paste slip. Links are\n"
        "compared by what they identify (an arXiv id without its version, abs or pdf;\n"
        "a DOI; a GitHub repository; an OpenReview id; ...) and titles by their letters\n"
        "and digits (case, punctuation and a trailing venue tag aside), so copies with\n"
        "different URLs are found too, and so are titles whose words nearly coincide\n"
        "(a `Poster:` copy, a plural, the words in another order). Titles that differ\n"
        "in a number (Llama 2, Llama 3; v1, v2; II) never match. Keep one copy, with every link the copies carry: the unsafe\n"
        "fix (--unsafe-fixes) removes the later copy and appends its other links\n"
        "(a code repository, slides) to the first. With the config's `scope: file`, a\n"
        "copy anywhere in the file is reported here (and not by duplicate-cross-section).\n"
        "\n"
        "Bad:\n"
        "    - [Alpa: Automating Inter- and Intra-Operator Parallelism](https://arxiv.org/abs/2201.12023)\n"
        "    - [Alpa: Automating Inter- and Intra-Operator Parallelism](https://arxiv.org/pdf/2201.12023v3.pdf)\n"
        "Good:\n"
        "    - [Alpa: Automating Inter- and Intra-Operator Parallelism](https://arxiv.org/abs/2201.12023)\n",
    .check = check_duplicate_entry,
};
