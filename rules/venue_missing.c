/*
 * venue-missing: an entry without a venue tag in a section whose entries
 * carry one.
 *
 * A section counts when it lists at least 4 entries directly and at least
 * three quarters of them carry a venue tag (venue.h): there the tag is the
 * section's convention, and an entry without one leaves the reader
 * guessing. When one of the entry's links names the venue, the message
 * says which: usenix.org/conference/osdi22 (OSDI'22),
 * proceedings.mlsys.org/paper/2023 (MLSys 2023),
 * proceedings.neurips.cc/paper/2021 or papers.nips.cc (NeurIPS),
 * openaccess.thecvf.com/content/CVPR2023 (CVPR 2023),
 * aclanthology.org/2023.acl-long (ACL 2023), openreview.net says nothing.
 *
 * An entry is not reported when its text says when or where it appeared
 * (a year, `SC21`, `'24`, a registry name such as `TACL` without a year or
 * a preprint server in any case, `arxiv`: a
 * tag the registry or the recogniser does not know, such as `IEEE TNN
 * 1997` or a year column beside a venue column), when it says why it has
 * none (under review, preprint, technical report), when it opens with a
 * tag the recogniser does not know (`[USENIX ;login:] [Title](..)`,
 * `[[COOL CHIPS](..)] Title`), when
 * it is a detail line whose link is a label (`- slides: [link](..)`), when
 * it is another
 * list (awesome ...) or its link goes to a code host (github.com, a tool
 * rather than a paper), or when it
 * is nested in another entry's item (`- [arxiv version](...)` under its
 * paper). Info only, no fix: the author knows the venue.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "arena.h"
#include "rule.h"
#include "venue.h"

static bool is_alpha(char c)
{
    return (unsigned char)((c | 0x20) - 'a') < 26;
}

static bool is_digit(char c)
{
    return (unsigned char)(c - '0') < 10;
}

/* The text after the host `host` in href (scheme and www. skipped), or NULL. */
static const char *after_host(const char *href, const char *host)
{
    const char *p = strstr(href, "://");
    if (!p)
        return NULL;
    p += 3;
    if (!strncasecmp(p, "www.", 4))
        p += 4;
    size_t len = strlen(host);
    if (strncasecmp(p, host, len) || (p[len] != '/' && p[len] != '\0'))
        return NULL;
    return p + len;
}

/* The first 4-digit year 19xx/20xx of s that stands alone (not in a longer
 * number), or 0. */
static int year_in(const char *s)
{
    for (const char *p = s; *p; p++) {
        if ((p == s || !is_digit(p[-1])) && is_digit(p[0]) && is_digit(p[1]) && is_digit(p[2]) &&
            is_digit(p[3]) && !is_digit(p[4]) &&
            ((p[0] == '1' && p[1] == '9') || (p[0] == '2' && p[1] == '0')))
            return (p[0] - '0') * 1000 + (p[1] - '0') * 100 + (p[2] - '0') * 10 + (p[3] - '0');
        if (*p == '?' || *p == '#')
            break;
    }
    return 0;
}

/* The venue and year an href names, or false. */
static bool href_venue(const char *href, const awl_venue **venue, int *year)
{
    const char *rest;
    *year = 0;
    *venue = NULL;
    if ((rest = after_host(href, "usenix.org")) && !strncmp(rest, "/conference/", 12)) {
        const char *name = rest + 12, *n = name;
        while (is_alpha(*n))
            n++;
        if (is_digit(n[0]) && is_digit(n[1]) && !is_digit(n[2])) {
            *venue = awl_venue_lookup(name, (size_t)(n - name));
            *year = *venue ? awl_venue_year(n, 2) : 0;
        }
    } else if ((rest = after_host(href, "proceedings.mlsys.org"))) {
        *venue = awl_venue_lookup("MLSys", 5);
        *year = year_in(rest);
    } else if ((rest = after_host(href, "proceedings.neurips.cc")) ||
               (rest = after_host(href, "papers.nips.cc")) ||
               (rest = after_host(href, "papers.neurips.cc"))) {
        *venue = awl_venue_lookup("NeurIPS", 7);
        *year = year_in(rest);
    } else if ((rest = after_host(href, "openaccess.thecvf.com")) &&
               !strncmp(rest, "/content", 8)) {
        const char *name = rest + 8;
        if (*name == '_' || *name == '/')
            name++;
        const char *n = name;
        while (is_alpha(*n))
            n++;
        if (n > name) {
            *venue = awl_venue_lookup(name, (size_t)(n - name));
            *year = *venue ? year_in(n) : 0;
        }
    } else if ((rest = after_host(href, "aclanthology.org")) && rest[0] == '/' &&
               year_in(rest + 1) && rest[5] == '.') {
        const char *name = rest + 6, *n = name;
        while (is_alpha(*n))
            n++;
        if (n > name) {
            *venue = awl_venue_lookup(name, (size_t)(n - name));
            *year = year_in(rest + 1);
        }
    }
    return *venue != NULL;
}

/* True when the word is a registry venue written as one (`TACL`, `TPAMI`,
 * `EuroSys`: the registry's spelling or capitals, two capitals or more). */
static bool names_venue(const char *w, size_t len)
{
    size_t capitals = 0;
    bool lower = false;
    for (size_t i = 0; i < len; i++) {
        capitals += w[i] >= 'A' && w[i] <= 'Z';
        lower |= w[i] >= 'a' && w[i] <= 'z';
    }
    const awl_venue *v = awl_venue_lookup(w, len);
    if (v && v->kind == AWL_VENUE_PREPRINT)
        return true; /* `arxiv`, `arXiv:2412.14363`: where it is, in any case */
    if (capitals < 2)
        return false;
    return v && (!lower || (v->name_len == len && !memcmp(v->name, w, len)));
}

/* True when the text at w says the entry has no venue on purpose. */
static bool says_status(const char *w, size_t left)
{
    static const char *const phrases[] = {"under review", "preprint", "technical report",
                                          "tech report",  "awesome",  "awsome",
                                          "in submission"};
    for (size_t i = 0; i < sizeof phrases / sizeof *phrases; i++) {
        size_t len = strlen(phrases[i]);
        if (len <= left && !strncasecmp(w, phrases[i], len))
            return true;
    }
    return false;
}

/* True when the entry's text (hrefs, HTML tags and URLs left out) says
 * when it appeared: a year 19xx/20xx standing alone (`| 2023 | SC |`,
 * `IEEE TNN 1997`), two digits glued to a name (`SC21`, `ACL24 Findings`)
 * or after a quote (`'24`). Such an entry has a tag, written in a way or
 * naming a venue the registry does not know; it is not missing one. */
static bool says_when(const awl_doc *doc, const awl_entry *entry)
{
    const awl_source *src = &doc->source;
    const awl_block *block = &doc->blocks[entry->block];
    const char *s = src->bytes;
    for (size_t line = entry->line; line <= block->last_line && line < src->line_count; line++) {
        uint16_t flags = doc->line_flags[line];
        /* the item's later paragraphs count too (`- code [x](..)`, a blank
         * line, `  paper [Title ICLR'24](..)`), up to its first sub-item */
        if (line > entry->line &&
            flags & (AWL_LINE_ITEM_MARKER | AWL_LINE_CODE | AWL_LINE_HTML | AWL_LINE_HEADING))
            break;
        size_t from = src->line_starts[line];
        size_t to = awl_source_line_end(src, line);
        for (size_t i = from; i < to; i++) {
            char c = s[i];
            if (c == ']' && i + 1 < to && s[i + 1] == '(') {
                const char *close = memchr(s + i, ')', to - i);
                i = close ? (size_t)(close - s) : to;
                continue;
            }
            if (c == '<') {
                const char *close = memchr(s + i, '>', to - i);
                i = close ? (size_t)(close - s) : to;
                continue;
            }
            if ((c == 'h' || c == 'H') && i + 4 < to && !strncasecmp(s + i, "http", 4)) {
                while (i < to && s[i] != ' ' && s[i] != ')')
                    i++;
                continue;
            }
            if (is_alpha(c) && (i == from || !is_alpha(s[i - 1]))) {
                size_t w = i;
                while (w < to && is_alpha(s[w]))
                    w++;
                if (names_venue(s + i, w - i) || says_status(s + i, to - i))
                    return true;
                i = w - 1;
                continue;
            }
            if (!is_digit(c) || (i > from && is_digit(s[i - 1])))
                continue;
            size_t d = i;
            while (d < to && is_digit(s[d]))
                d++;
            bool alone_after = d == to || !is_alpha(s[d]);
            char before = i > from ? s[i - 1] : ' ';
            bool in_number = (before == '.' && i >= from + 2 && is_digit(s[i - 2])) ||
                             (d + 1 < to && s[d] == '.' && is_digit(s[d + 1]));
            if (d - i == 4 && ((c == '1' && s[i + 1] == '9') || (c == '2' && s[i + 1] == '0')) &&
                !is_alpha(before) && alone_after && !in_number && before != '/' &&
                (d == to || s[d] != '/'))
                return true;
            if (d - i == 2 && alone_after &&
                (is_alpha(before) || before == '\'' ||
                 (i >= from + 3 && (unsigned char)s[i - 3] == 0xE2 &&
                  (unsigned char)s[i - 2] == 0x80)))
                return true;
            i = d - 1;
        }
    }
    return false;
}

/* True when the entry opens with a link in brackets of its own,
 * `- [[COOL CHIPS](url)] Title`: the list's tag form, naming a venue the
 * registry does not know (a known one would be the entry's tag). */
static bool opens_with_bracketed_link(const awl_doc *doc, const awl_entry *entry)
{
    const awl_source *src = &doc->source;
    const char *s = src->bytes;
    size_t i = src->line_starts[entry->line], to = awl_source_line_end(src, entry->line);
    while (i < to && (s[i] == ' ' || s[i] == '\t' || is_digit(s[i])))
        i++;
    if (i < to && (s[i] == '-' || s[i] == '*' || s[i] == '+' || s[i] == '.' || s[i] == ')'))
        i++;
    while (i < to && s[i] == ' ')
        i++;
    if (i + 2 >= to || s[i] != '[' || s[i + 1] != '[')
        return false;
    const char *text_end = memchr(s + i + 2, ']', to - i - 2);
    if (!text_end || (size_t)(text_end - s) + 1 >= to || text_end[1] != '(')
        return false;
    const char *close = memchr(text_end, ')', (size_t)(s + to - text_end));
    return close && close + 1 < s + to && close[1] == ']';
}

/* True when href goes to a code host: the entry is a tool, a repository,
 * not a paper, and has no venue to give. */
static bool is_code_host(const char *href)
{
    return after_host(href, "github.com") || after_host(href, "gitlab.com") ||
           after_host(href, "huggingface.co");
}

/* True when the entry's item is nested in another list item: a detail of
 * the entry above it (`- [arxiv version](...)`), not an entry of its own. */
static bool is_nested(const awl_doc *doc, const awl_entry *entry)
{
    for (size_t b = doc->blocks[entry->block].parent; b != AWL_NONE; b = doc->blocks[b].parent)
        if (doc->blocks[b].kind == AWL_BLOCK_ITEM)
            return true;
    return false;
}

static void check_venue_missing(awl_check *check)
{
    const awl_doc *doc = check->doc;
    const awl_entries *entries = check->entries;
    if (!entries->count || !doc->section_count)
        return;
    size_t *counts = awl_xcalloc(doc->section_count * 2, sizeof *counts);
    for (size_t e = 0; e < entries->count; e++) {
        const awl_entry *entry = &entries->items[e];
        if (entry->section >= doc->section_count)
            continue;
        counts[entry->section * 2]++;
        counts[entry->section * 2 + 1] += entry->tag_count > 0;
    }
    for (size_t e = 0; e < entries->count; e++) {
        const awl_entry *entry = &entries->items[e];
        if (entry->tag_count || entry->section >= doc->section_count)
            continue;
        size_t total = counts[entry->section * 2], tagged = counts[entry->section * 2 + 1];
        if (total < 4 || tagged * 4 < total * 3 || entry->shape == AWL_SHAPE_TAG_FIRST ||
            (entry->title && awl_entry_is_label(entry->title, strlen(entry->title))) ||
            (entry->primary != AWL_NONE && is_code_host(doc->links[entry->primary].href)) ||
            says_when(doc, entry) || is_nested(doc, entry) || opens_with_bracketed_link(doc, entry))
            continue;
        const awl_venue *venue = NULL;
        int year = 0;
        if (entry->primary != AWL_NONE)
            href_venue(doc->links[entry->primary].href, &venue, &year);
        for (size_t l = 0; !venue && l < entry->link_count; l++)
            href_venue(doc->links[entry->links[l].link].href, &venue, &year);
        size_t start = doc->blocks[entry->block].start, end = start + 1;
        if (entry->primary != AWL_NONE && doc->links[entry->primary].text_start != AWL_NONE) {
            start = doc->links[entry->primary].text_start;
            end = doc->links[entry->primary].text_end;
        }
        if (venue && year)
            awl_emit(check, start, end,
                     "no venue tag, unlike %zu of the %zu entries of this section; its link "
                     "says %s %d",
                     tagged, total, venue->name, year);
        else if (venue)
            awl_emit(check, start, end,
                     "no venue tag, unlike %zu of the %zu entries of this section; its link "
                     "says %s",
                     tagged, total, venue->name);
        else
            awl_emit(check, start, end,
                     "no venue tag, unlike %zu of the %zu entries of this section", tagged, total);
    }
    free(counts);
}

const awl_rule awl_rule_venue_missing = {
    .id = "venue-missing",
    .category = "venue",
    .severity = AWL_SEVERITY_INFO,
    .fix = AWL_FIX_NONE,
    .summary = "In a section whose entries carry venue tags, every entry carries one",
    .explanation =
        "When three quarters of a section's entries say where the paper appeared, an\n"
        "entry that does not reads as unpublished or forgotten. Where the entry's\n"
        "link names the venue (usenix.org/conference/osdi22, proceedings.mlsys.org,\n"
        "proceedings.neurips.cc, openaccess.thecvf.com, aclanthology.org), the\n"
        "message says which.\n"
        "\n"
        "Bad:\n"
        "    - [Alpha](https://example.org/alpha) - OSDI'22\n"
        "    - [Beta](https://example.org/beta) - SOSP'21\n"
        "    - [Gamma](https://example.org/gamma) - NSDI'23\n"
        "    - [Delta](https://www.usenix.org/conference/osdi22/presentation/delta)\n"
        "Good:\n"
        "    - [Delta](https://www.usenix.org/conference/osdi22/presentation/delta) - OSDI'22\n",
    .check = check_venue_missing,
};
