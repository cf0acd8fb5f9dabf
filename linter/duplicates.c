/* duplicates: identity keys, title keys and grouping (see duplicates.h). */
#include "duplicates.h"

#include <assert.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "strmap.h"

/* ASCII letters of k[0, len) to lower case. */
static void awl_dup_fold_ascii(char *k, size_t len)
{
    for (size_t i = 0; i < len; i++)
        if (k[i] >= 'A' && k[i] <= 'Z')
            k[i] = (char)(k[i] - 'A' + 'a');
}

/* prefix + a (+ sep + b when b is given), in the arena, its length into
 * *out_len: keys are built for every link, so no printf. */
static char *key_join(awl_arena *arena, const char *prefix, const char *a, size_t alen, char sep,
                      const char *b, size_t blen, size_t *out_len)
{
    size_t plen = strlen(prefix);
    char *k = awl_arena_alloc(arena, plen + alen + (b ? 1 + blen : 0) + 1);
    memcpy(k, prefix, plen);
    memcpy(k + plen, a, alen);
    size_t n = plen + alen;
    if (b) {
        k[n++] = sep;
        memcpy(k + n, b, blen);
        n += blen;
    }
    k[n] = '\0';
    *out_len = n;
    return k;
}

/* The n bytes at s equal `lower` (lower case) ignoring ASCII case: inline,
 * as strncasecmp costs a call and a locale lookup for every host tested.
 * Links are mostly lower case already, which one memcmp of a constant
 * length settles. */
static bool awl_dup_ascii_ieq(const char *s, const char *lower, size_t n)
{
    if (memcmp(s, lower, n) == 0)
        return true;
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (c >= 'A' && c <= 'Z')
            c = (char)(c - 'A' + 'a');
        if (c != lower[i])
            return false;
    }
    return true;
}

static bool awl_dup_lower_eq(const char *s, size_t len, const char *lit)
{
    return strlen(lit) == len && awl_dup_ascii_ieq(s, lit, strlen(lit));
}

static bool awl_dup_digit(char c)
{
    return c >= '0' && c <= '9';
}

/* The identity key of an href, into `arena`; NULL for a link that is not
 * http(s). *paper tells whether it identifies a paper. */
const char *awl_dup_link_key(awl_arena *arena, const char *href, bool *paper, size_t *out_len)
{
    *paper = false;
    size_t n = strlen(href), i;
    if (n > 8 && awl_dup_ascii_ieq(href, "https://", 8))
        i = 8;
    else if (n > 7 && awl_dup_ascii_ieq(href, "http://", 7))
        i = 7;
    else
        return NULL;
    size_t host = i;
    i += strcspn(href + i, "/?#"); /* glibc's strcspn scans 16 bytes a step */
    size_t host_end = i;
    if (host_end - host > 4 && awl_dup_ascii_ieq(href + host, "www.", 4))
        host += 4;
    /* default ports */
    if (host_end - host > 3 && memcmp(href + host_end - 3, ":80", 3) == 0)
        host_end -= 3;
    else if (host_end - host > 4 && memcmp(href + host_end - 4, ":443", 4) == 0)
        host_end -= 4;
    size_t path = i;
    size_t path_end = path + strcspn(href + path, "?#");
    size_t query = path_end < n && href[path_end] == '?' ? path_end + 1 : path_end;
    /* no '?': the path ended at the '#' or the end, and so does the query */
    size_t query_end = query == path_end ? path_end : query + strcspn(href + query, "#");
    while (path_end > path && href[path_end - 1] == '/')
        path_end--;
    const char *h = href + host;
    size_t hl = host_end - host;
    const char *p = href + path;
    size_t pl = path_end - path;
    if (awl_dup_lower_eq(h, hl, "arxiv.org") || awl_dup_lower_eq(h, hl, "export.arxiv.org")) {
        size_t skip = 0;
        if (pl > 5 && (memcmp(p, "/abs/", 5) == 0 || memcmp(p, "/pdf/", 5) == 0))
            skip = 5;
        else if (pl > 6 && memcmp(p, "/html/", 6) == 0)
            skip = 6;
        if (skip) {
            size_t s = skip, e = pl;
            if (e - s > 4 && awl_dup_ascii_ieq(p + e - 4, ".pdf", 4))
                e -= 4;
            size_t v = e;
            while (v > s && awl_dup_digit(p[v - 1]))
                v--;
            if (v < e && v > s + 1 && p[v - 1] == 'v')
                e = v - 1;
            if (e - s > 7 && awl_dup_ascii_ieq(p + s, "arxiv:", 6))
                s += 6;
            *paper = true;
            const char *k = key_join(arena, "arxiv:", p + s, e - s, 0, NULL, 0, out_len);
            return k;
        }
    }
    if (awl_dup_lower_eq(h, hl, "doi.org") || awl_dup_lower_eq(h, hl, "dx.doi.org") ||
        (awl_dup_lower_eq(h, hl, "dl.acm.org") && pl > 5 && memcmp(p, "/doi/", 5) == 0)) {
        size_t s = 1;
        if (awl_dup_lower_eq(h, hl, "dl.acm.org")) {
            s = 5;
            static const char *const kinds[] = {"abs/", "pdf/", "full/", "epdf/", "fullHtml/"};
            for (size_t k = 0; k < sizeof kinds / sizeof *kinds; k++) {
                size_t kl = strlen(kinds[k]);
                if (pl - s > kl && strncmp(p + s, kinds[k], kl) == 0) {
                    s += kl;
                    break;
                }
            }
        }
        if (pl > s && p[s] == '1' && pl - s > 3) {
            *paper = true;
            char *k = key_join(arena, "doi:", p + s, pl - s, 0, NULL, 0, out_len);
            awl_dup_fold_ascii(k, *out_len);
            return k;
        }
    }
    if (awl_dup_lower_eq(h, hl, "openreview.net") &&
        (awl_dup_lower_eq(p, pl, "/forum") || awl_dup_lower_eq(p, pl, "/pdf"))) {
        const char *q = href + query;
        size_t ql = query_end - query;
        for (size_t a = 0; a + 3 <= ql; a++) {
            if ((a == 0 || q[a - 1] == '&') && memcmp(q + a, "id=", 3) == 0) {
                size_t e = a + 3;
                while (e < ql && q[e] != '&')
                    e++;
                *paper = true;
                const char *k =
                    key_join(arena, "openreview:", q + a + 3, e - a - 3, 0, NULL, 0, out_len);
                return k;
            }
        }
    }
    if (awl_dup_lower_eq(h, hl, "proceedings.mlr.press") && pl > 2) {
        /* /v139/he21a.html, /v139/he21a/he21a.pdf */
        size_t s = 1, e = s;
        while (e < pl && p[e] != '/')
            e++;
        size_t ns = e + 1, ne = ns;
        while (ne < pl && p[ne] != '/' && p[ne] != '.')
            ne++;
        if (ne > ns) {
            *paper = true;
            const char *k = key_join(arena, "pmlr:", p + s, e - s, '/', p + ns, ne - ns, out_len);
            return k;
        }
    }
    if (awl_dup_lower_eq(h, hl, "usenix.org")) {
        /* /conference/osdi22/presentation/unger and /system/files/osdi22-unger.pdf */
        const char *conf = "/conference/", *files = "/system/files/";
        if (pl > strlen(conf) && strncmp(p, conf, strlen(conf)) == 0) {
            size_t s = strlen(conf), e = s;
            while (e < pl && p[e] != '/')
                e++;
            const char *pres = "/presentation/";
            if (pl - e > strlen(pres) && strncmp(p + e, pres, strlen(pres)) == 0) {
                size_t ns = e + strlen(pres);
                *paper = true;
                const char *k =
                    key_join(arena, "usenix:", p + s, e - s, '-', p + ns, pl - ns, out_len);
                return k;
            }
        } else if (pl > strlen(files) + 4 && strncmp(p, files, strlen(files)) == 0 &&
                   awl_dup_ascii_ieq(p + pl - 4, ".pdf", 4)) {
            size_t s = strlen(files);
            *paper = true;
            const char *k = key_join(arena, "usenix:", p + s, pl - 4 - s, 0, NULL, 0, out_len);
            return k;
        }
    }
    if (awl_dup_lower_eq(h, hl, "aclanthology.org") && pl > 1) {
        size_t e = pl;
        if (e > 5 && awl_dup_ascii_ieq(p + e - 4, ".pdf", 4))
            e -= 4;
        *paper = true;
        const char *k = key_join(arena, "acl:", p + 1, e - 1, 0, NULL, 0, out_len);
        return k;
    }
    if (awl_dup_lower_eq(h, hl, "github.com")) {
        size_t s = 1, e = pl;
        if (e > 4 && awl_dup_ascii_ieq(p + e - 4, ".git", 4))
            e -= 4;
        if (e > 10 && (memcmp(p + e - 10, "/tree/main", 10) == 0))
            e -= 10;
        else if (e > 12 && memcmp(p + e - 12, "/tree/master", 12) == 0)
            e -= 12;
        if (e > s) {
            char *k = key_join(arena, "github:", p + s, e - s, 0, NULL, 0, out_len);
            awl_dup_fold_ascii(k, *out_len);
            return k;
        }
    }
    /* a normalised URL: host folded, utm_* dropped from the query; written
     * straight into the arena, which has room for the longest key */
    char *k = awl_arena_alloc(arena, 4 + hl + pl + (query_end - query) + 2);
    size_t kl = 0;
    memcpy(k, "url:", 4);
    kl = 4;
    for (size_t c = 0; c < hl; c++)
        k[kl++] = (char)(h[c] >= 'A' && h[c] <= 'Z' ? h[c] - 'A' + 'a' : h[c]);
    memcpy(k + kl, p, pl);
    kl += pl;
    bool first = true;
    for (size_t a = query; a < query_end;) {
        size_t e = a;
        while (e < query_end && href[e] != '&')
            e++;
        if (e > a && strncmp(href + a, "utm_", 4) != 0) {
            k[kl++] = first ? '?' : '&';
            memcpy(k + kl, href + a, e - a);
            kl += e - a;
            first = false;
        }
        a = e + 1;
    }
    k[kl] = '\0';
    *out_len = kl;
    return k;
}

/* Punctuation that ends a title before its venue tag: ` \t.,;:-)]}(`. */
static bool awl_dup_trailing_punct(char c)
{
    switch (c) {
    case ' ':
    case '\t':
    case '.':
    case ',':
    case ';':
    case ':':
    case '-':
    case ')':
    case ']':
    case '}':
    case '(':
        return true;
    default:
        return false;
    }
}

/* Length of `title` without a trailing venue tag or year. */
static size_t awl_dup_title_core(const char *t, size_t n)
{
    for (;;) {
        while (n > 0 && awl_dup_trailing_punct(t[n - 1]))
            n--;
        if (n == 0 || !awl_dup_digit(t[n - 1]))
            return n; /* every tag and year ends in a digit */
        size_t w = n;
        while (w > 0 && t[w - 1] != ' ' && t[w - 1] != '\t' && t[w - 1] != '(' && t[w - 1] != '[')
            w--;
        if (w == n || w == 0)
            return n;
        /* the word [w, n): a year, 'yy, or letters'yy */
        size_t d = n;
        while (d > w && awl_dup_digit(t[d - 1]))
            d--;
        size_t digits = n - d;
        bool tag = false, bare_year = false;
        if (digits == 4 && d == w && (t[w] == '1' || t[w] == '2') &&
            (t[w + 1] == '9' || t[w + 1] == '0'))
            tag = bare_year = true;
        else if ((digits == 2 || digits == 4) && d > w &&
                 (t[d - 1] == '\'' || (unsigned char)t[d - 1] == 0x99)) {
            tag = true;
            bare_year = d - 1 == w || (d >= w + 3 && (unsigned char)t[d - 3] == 0xE2 && d - 3 == w);
        }
        if (!tag)
            return n;
        if (bare_year) {
            /* `NeurIPS 2022`, `ICML '21`: the venue word before the year */
            size_t e = w;
            while (e > 0 && (t[e - 1] == ' ' || t[e - 1] == '(' || t[e - 1] == '['))
                e--;
            size_t b = e, upper = 0;
            while (b > 0 && t[b - 1] != ' ' && t[b - 1] != '(' && t[b - 1] != '[') {
                b--;
                upper += t[b] >= 'A' && t[b] <= 'Z';
            }
            if (b == 0 || upper < 2)
                return n; /* `Workshop 2022`: the year is part of the name */
            n = b;
        } else {
            n = w;
        }
    }
}

/* Where each word of a spaced title key starts, and whether it is all
 * a-z (only such a word loses an inflection in the near-match): recorded
 * while the key is built, so the near-match does not scan it again. */
typedef struct awl_dup_spans {
    uint32_t *start;
    bool *letters_only;
    size_t count, cap;
} awl_dup_spans;

static void awl_dup_spans_push(awl_dup_spans *spans, size_t start)
{
    if (spans->count == spans->cap) {
        spans->cap = spans->cap ? 2 * spans->cap : 64;
        spans->start = awl_xrealloc(spans->start, spans->cap * sizeof *spans->start);
        spans->letters_only =
            awl_xrealloc(spans->letters_only, spans->cap * sizeof *spans->letters_only);
    }
    spans->start[spans->count] = (uint32_t)start;
    spans->letters_only[spans->count] = true;
    spans->count++;
}

/* A byte of a title as it goes into the key: ASCII letters folded to
 * lower case, digits kept, 0 for anything else (a break between words,
 * or a non-ASCII byte, which utf8proc reads). */
static char awl_dup_ascii_key_char[256];

static void awl_dup_ascii_key_fill(void)
{
    for (char c = '0'; c <= '9'; c++)
        awl_dup_ascii_key_char[(unsigned char)c] = c;
    for (char c = 'a'; c <= 'z'; c++)
        awl_dup_ascii_key_char[(unsigned char)c] =
            awl_dup_ascii_key_char[(unsigned char)(c - 'a' + 'A')] = c;
}

/* Fills the table once, whichever thread groups first (engine.c groups on
 * a thread of its own). */
static void awl_dup_ascii_key_init(void)
{
    static pthread_once_t filled = PTHREAD_ONCE_INIT;
    pthread_once(&filled, awl_dup_ascii_key_fill);
}

/* The title key (letters and digits, NFKC, folded, no marks) into arena,
 * or NULL when the title is too generic; *out_compact gets the same text
 * either way (one copy), `spaced` the words with a space between, and
 * `spans` where they start. */
static const char *awl_dup_title_key(awl_arena *arena, const char *title, awl_buf *scratch,
                                     size_t *out_len, awl_buf *spaced, awl_dup_spans *spans,
                                     const char **out_compact)
{
    size_t n = awl_dup_title_core(title, strlen(title));
    assert(n == 0 || !awl_dup_ascii_key_char[(unsigned char)title[n]] ||
           !awl_dup_ascii_key_char[(unsigned char)title[n - 1]]);
    bool in_word = false;
    spans->count = 0;
    for (size_t i = 0; i < n;) {
        if ((unsigned char)title[i] < 0x80) {
            /* An ASCII run, without utf8proc or a capacity check per byte.
             * Room is made for the rest of the title at once. */
            awl_buf_reserve(scratch, n - i);
            awl_buf_reserve(spaced, 2 * (n - i));
            char *sc = scratch->data + scratch->len, *sp = spaced->data + spaced->len;
            while (i < n && (unsigned char)title[i] < 0x80) {
                if (!awl_dup_ascii_key_char[(unsigned char)title[i]]) {
                    in_word = false;
                    i++;
                    continue;
                }
                if (!in_word) {
                    if (spans->count)
                        *sp++ = ' ';
                    awl_dup_spans_push(spans, (size_t)(sp - spaced->data));
                    in_word = true;
                }
                /* the word's letters and digits up to a break or a
                 * non-ASCII byte (the table gives 0 for both). No test of
                 * i < n: the title's core ends before a byte the table
                 * gives 0 (its NUL, trailing punctuation) or just after
                 * a break, so no word runs past it. Letters have bit 0x40,
                 * digits not: the AND of the word's bytes tells a digit. */
                const unsigned char *word = (const unsigned char *)title + i;
                unsigned char all = 0x40, c;
                size_t len = 0;
                while ((c = (unsigned char)awl_dup_ascii_key_char[word[len]]) != 0) {
                    all &= c;
                    sc[len] = sp[len] = (char)c;
                    len++;
                }
                i += len;
                sc += len;
                sp += len;
                if (!all)
                    spans->letters_only[spans->count - 1] = false;
            }
            *sc = *sp = '\0';
            scratch->len = (size_t)(sc - scratch->data);
            spaced->len = (size_t)(sp - spaced->data);
            continue;
        }
        utf8proc_int32_t cp;
        utf8proc_ssize_t step =
            utf8proc_iterate((const utf8proc_uint8_t *)title + i, (utf8proc_ssize_t)(n - i), &cp);
        if (step <= 0) {
            i++;
            continue;
        }
        i += (size_t)step;
        utf8proc_int32_t parts[32];
        int last = 0;
        utf8proc_ssize_t count = utf8proc_decompose_char(
            cp, parts, 32,
            UTF8PROC_COMPAT | UTF8PROC_CASEFOLD | UTF8PROC_STRIPMARK | UTF8PROC_DECOMPOSE, &last);
        if (count < 0 || count > 32)
            continue;
        for (utf8proc_ssize_t k = 0; k < count; k++) {
            utf8proc_int32_t c = parts[k];
            utf8proc_category_t cat = utf8proc_category(c);
            bool keep = (cat >= UTF8PROC_CATEGORY_LU && cat <= UTF8PROC_CATEGORY_LO) ||
                        (cat >= UTF8PROC_CATEGORY_ND && cat <= UTF8PROC_CATEGORY_NO);
            if (!keep) {
                if (cat >= UTF8PROC_CATEGORY_MN && cat <= UTF8PROC_CATEGORY_ME)
                    continue;
                in_word = false;
                continue;
            }
            if (!in_word) {
                if (spans->count)
                    awl_buf_putc(spaced, ' ');
                awl_dup_spans_push(spans, spaced->len);
                in_word = true;
            }
            utf8proc_uint8_t enc[4];
            utf8proc_ssize_t len = utf8proc_encode_char(c, enc);
            if (len != 1 || enc[0] < 'a' || enc[0] > 'z')
                spans->letters_only[spans->count - 1] = false;
            awl_buf_append(scratch, (const char *)enc, (size_t)len);
            awl_buf_append(spaced, (const char *)enc, (size_t)len);
        }
    }
    *out_len = scratch->len;
    const char *compact = awl_arena_strndup(arena, scratch->data, scratch->len);
    *out_compact = compact;
    return spans->count < 3 || scratch->len < 16 ? NULL : compact;
}

/* The word [w, w+len) is a number: it holds a digit, or it is a roman
 * numeral of two letters or more (`Speed Always Wins II`; a lone `i`, `v`
 * or `x` is too often a word or a letter). */
static bool awl_dup_has_digit(const char *w, size_t len)
{
    for (size_t i = 0; i < len; i++)
        if (awl_dup_digit(w[i]))
            return true;
    /* the numerals below are two to five of i, v and x: most words stop here */
    if (len < 2 || len > 5 || (w[0] != 'i' && w[0] != 'v' && w[0] != 'x'))
        return false;
    static const char *const roman[] = {"ii",  "iii",  "iv",    "vi",   "vii", "viii",
                                        "ix",  "xi",   "xii",   "xiii", "xiv", "xv",
                                        "xvi", "xvii", "xviii", "xix",  "xx"};
    for (size_t r = 0; r < sizeof roman / sizeof roman[0]; r++)
        if (strlen(roman[r]) == len && memcmp(roman[r], w, len) == 0)
            return true;
    return false;
}

/* True when word [w, w+wl) is one of the words of spaced key `l`. */
static bool awl_dup_has_word(const char *l, const char *w, size_t wl)
{
    for (const char *x = l; *x;) {
        const char *xe = strchr(x, ' ');
        size_t xl = xe ? (size_t)(xe - x) : strlen(x);
        if (xl == wl && memcmp(x, w, wl) == 0)
            return true;
        x += xl;
        while (*x == ' ')
            x++;
    }
    return false;
}

/* Every word of `a` holding a digit is a word of `b`. */
static bool awl_dup_numbers_in(const char *a, const char *b)
{
    for (const char *w = a; *w;) {
        const char *e = strchr(w, ' ');
        size_t wl = e ? (size_t)(e - w) : strlen(w);
        if (awl_dup_has_digit(w, wl) && !awl_dup_has_word(b, w, wl))
            return false;
        w += wl;
        while (*w == ' ')
            w++;
    }
    return true;
}

/* True when two spaced title keys could name the same thing: the same
 * words holding numbers (Llama 3.1 is not Llama 3.2, Baichuan not
 * Baichuan2), and 80% of the shorter's words of five letters or more
 * (or holding digits) found in the longer. */
static bool awl_dup_titles_agree(const char *a, bool a_numbered, const char *b, bool b_numbered)
{
    if (!a || !b)
        return true;
    size_t la = strlen(a), lb = strlen(b);
    if (la == 0 || lb == 0)
        return true;
    if ((a_numbered && !awl_dup_numbers_in(a, b)) || (b_numbered && !awl_dup_numbers_in(b, a)))
        return false;
    if (strcmp(a, b) == 0)
        return true;
    const char *s = la < lb ? a : b, *l = la < lb ? b : a;
    size_t total = 0, found = 0;
    for (const char *w = s; *w;) {
        const char *e = strchr(w, ' ');
        size_t wl = e ? (size_t)(e - w) : strlen(w);
        if (wl >= 5 || awl_dup_has_digit(w, wl)) {
            total++;
            found += awl_dup_has_word(l, w, wl);
        }
        w += wl;
        while (*w == ' ')
            w++;
    }
    return total > 0 && found * 5 >= total * 4;
}

/* Both titles known and equal (a project's name on a shared page or repo:
 * `hatch` and `hatchling` are two things). */
static bool awl_dup_same(const char *a, const char *b)
{
    return a && b && strcmp(a, b) == 0;
}

/* `- Title of the paper (CIDR'19) [GitHub Link](url)`: when the primary
 * link comes after three words or more of text on the item's line, that
 * text names the entry, not the link's text. Returns `title` otherwise. */
static const char *awl_dup_text_before(const awl_doc *doc, const awl_entry *e, awl_arena *arena,
                                       const char *title)
{
    const awl_block *b = &doc->blocks[e->block];
    size_t ts = doc->links[e->primary].text_start;
    if (b->kind != AWL_BLOCK_ITEM || ts == AWL_NONE || ts <= b->marker_offset)
        return title;
    const char *s = doc->source.bytes;
    size_t i = b->marker_offset;
    while (i < ts && (s[i] == '-' || s[i] == '*' || s[i] == '+' || s[i] == '.' || s[i] == ')' ||
                      s[i] == '\0' || awl_dup_digit(s[i])))
        i++; /* past the marker's -*+.) and digits (and a NUL byte, as strchr's set held one) */
    while (i < ts && (s[i] == ' ' || s[i] == '\t'))
        i++;
    size_t end = ts - 1; /* the link's '[' */
    if (i >= end || s[i] == '[' || s[i] == '!' || s[i] == '<')
        return title;
    size_t words = 0;
    for (size_t k = i; k < end; k++) {
        if (s[k] == '\n' || s[k] == '[' || s[k] == ']')
            return title;
        if ((k == i || s[k - 1] == ' ') && s[k] != ' ')
            words++;
    }
    return words >= 3 ? awl_arena_strndup(arena, s + i, end - i) : title;
}

static size_t awl_dup_find(size_t *parent, size_t i)
{
    while (parent[i] != i) {
        parent[i] = parent[parent[i]];
        i = parent[i];
    }
    return i;
}

static void awl_dup_union(size_t *parent, size_t a, size_t b)
{
    a = awl_dup_find(parent, a);
    b = awl_dup_find(parent, b);
    if (a < b)
        parent[b] = a;
    else if (b < a)
        parent[a] = b;
}

/* Title near-match: two titles whose sets of words nearly coincide
 * (Jaccard |A∩B| / |A∪B| at least AWL_DUP_NEAR_PCT percent) name the same
 * paper, unless a word holding a number differs (`Llama 2` and `Llama 3`,
 * `v1` and `v2`). Measured on the shared corpus (see the issue 5 note):
 * 90 keeps every new group real. Candidates come from a prefix filter, as
 * in set-similarity joins: each title's words are ordered by how few titles
 * of the document hold them, and two sets with Jaccard >= t share one of
 * their first |A| - ceil(t|A|) + 1 rarest words; only titles posted under
 * those words are compared, at most AWL_DUP_NEAR_CAP per word, so the pass
 * stays linear even when a word is everywhere. */
#define AWL_DUP_NEAR_PCT 90u
#define AWL_DUP_NEAR_CAP 16

/* A word of a title, as one number: how many titles hold it in the high
 * half, its id (one per distinct word of the document) in the low half,
 * so the smallest numbers are the rarest words, ties broken by id alike in
 * every title. */
typedef uint64_t awl_dup_tok;

/* Moves the `prefix` rarest of a title's k words (the smallest numbers)
 * to its front, in order: the front is kept sorted, and a later word
 * enters it only when rarer than its last, which few do. The prefix
 * filter reads only about a tenth of the words, and the matching needs
 * no order. */
static void awl_dup_tok_rarest(awl_dup_tok *t, size_t k, size_t prefix)
{
    if (prefix > k)
        prefix = k;
    if (prefix == 0)
        return;
    for (size_t i = 0; i < k; i++) {
        if (i >= prefix) {
            if (t[i] >= t[prefix - 1])
                continue;
            awl_dup_tok x = t[i]; /* the front's last goes where x was */
            t[i] = t[prefix - 1];
            t[prefix - 1] = x;
        }
        size_t j = i < prefix ? i : prefix - 1;
        awl_dup_tok x = t[j];
        for (; j > 0 && t[j - 1] > x; j--)
            t[j] = t[j - 1];
        t[j] = x;
    }
}

/* Whether title b shares at least `need` words with the title whose
 * words carry `mark` in marks (per word id); stops as soon as the words
 * left cannot make up the difference. */
static bool awl_dup_tok_share(const uint32_t *marks, uint32_t mark, const awl_dup_tok *b, size_t nb,
                              size_t need)
{
    size_t common = 0;
    for (size_t j = 0; j < nb && common < need; j++) {
        if (common + (nb - j) < need)
            return false;
        common += marks[(uint32_t)b[j]] == mark;
    }
    return common >= need;
}

/* Two primary link keys of the same kind (two arXiv ids, two GitHub
 * repositories, two DOIs...) that differ: two things, however alike their
 * titles (`Ruby Machine Learning` and `Machine Learning Ruby` are two
 * repositories). Plain URLs are no kind: a paper has many pages. */
static bool awl_dup_other_thing(const char *a, const char *b)
{
    if (!a || !b || strcmp(a, b) == 0)
        return false;
    const char *ca = strchr(a, ':'), *cb = strchr(b, ':');
    if (!ca || !cb || ca - a != cb - b || memcmp(a, b, (size_t)(ca - a)) != 0)
        return false;
    return strncmp(a, "url:", 4) != 0;
}

/* Item a lies inside item b (a sub-item under it): it belongs to b, as a
 * poster or an extended version of the same paper does. */
static bool awl_dup_nested(const awl_dup_item *items, size_t a, size_t b)
{
    for (size_t k = items[a].owner; k != AWL_NONE; k = items[k].owner)
        if (k == b)
            return true;
    return false;
}

/* The length of word [w, w+len) without an inflection, for the near-match
 * only: `Networks` and `Network`, `Reversed` and `Reverse` are one word.
 * Only words of letters a-z (`letters_only`) have one. Only a prefix is
 * kept, so the key stays in the title's storage. */
static size_t awl_dup_stem(const char *w, size_t len, bool letters_only)
{
    if (!letters_only)
        return len;
    if (len > 3 && w[len - 1] == 's' && w[len - 2] != 's' && w[len - 2] != 'u' && w[len - 2] != 'i')
        len--;
    if (len > 4 && w[len - 2] == 'e' && w[len - 1] == 'd')
        len -= 2;
    else if (len > 3 && w[len - 1] == 'e')
        len--;
    return len;
}

/* The distinct (stemmed) words of the titles, each with an id: an
 * open-addressing table of eight-byte slots (hash, id + 1) over an array
 * of the words, which also counts the titles holding each word. Slots
 * this small keep the table of a large list's tens of thousands of words
 * to a few hundred kilobytes. */
typedef struct awl_dup_word {
    const char *text; /* borrowed from the spaced title */
    uint32_t len;
    uint32_t titles;     /* titles holding it */
    uint32_t last_title; /* the last title holding it, + 1 */
} awl_dup_word;

typedef struct awl_dup_word_slot {
    uint32_t hash;
    uint32_t id_plus_one; /* 0: empty */
} awl_dup_word_slot;

typedef struct awl_dup_words {
    awl_dup_word_slot *slots;
    size_t capacity; /* a power of two, at most half full */
    awl_dup_word *items;
    size_t count, items_cap;
} awl_dup_words;

static void awl_dup_words_place(awl_dup_word_slot *slots, size_t capacity, awl_dup_word_slot slot)
{
    size_t at = slot.hash & (capacity - 1);
    while (slots[at].id_plus_one)
        at = (at + 1) & (capacity - 1);
    slots[at] = slot;
}

/* Spaced titles are stored with this many zero bytes after their NUL, so
 * a word of up to eight bytes is read, hashed and compared as one number. */
#define AWL_DUP_WORD_PAD 8

/* The (at most eight) bytes of word [w, w+len) as a number, in memory
 * order on any host. */
static uint64_t awl_dup_word_bits(const char *w, size_t len)
{
    uint64_t bits;
    memcpy(&bits, w, 8);
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
    bits = __builtin_bswap64(bits);
#endif
    return len == 8 ? bits : bits & ((UINT64_C(1) << (8 * len)) - 1);
}

/* The id of word [w, w+len), added with no titles when new. Words are
 * hashed eight padded bytes a step, without a call: most take one. */
static uint32_t awl_dup_words_id(awl_dup_words *words, const char *w, size_t len)
{
    bool short_word = len <= 8;
    uint64_t bits = awl_dup_word_bits(w, short_word ? len : 8);
    uint64_t mixed = (bits ^ ((uint64_t)len << 56)) * UINT64_C(0x9E3779B97F4A7C15);
    for (size_t at = 8; at < len; at += 8) {
        mixed ^= mixed >> 29;
        mixed = (mixed ^ awl_dup_word_bits(w + at, len - at < 8 ? len - at : 8)) *
                UINT64_C(0x9E3779B97F4A7C15);
    }
    uint32_t hash = (uint32_t)(mixed ^ (mixed >> 32));
    size_t mask = words->capacity - 1;
    for (size_t at = hash & mask;; at = (at + 1) & mask) {
        awl_dup_word_slot slot = words->slots[at];
        if (!slot.id_plus_one)
            break;
        const awl_dup_word *known = &words->items[slot.id_plus_one - 1];
        if (slot.hash == hash && known->len == len &&
            (short_word ? awl_dup_word_bits(known->text, len) == bits
                        : memcmp(known->text, w, len) == 0))
            return slot.id_plus_one - 1;
    }
    if (words->count == words->items_cap) {
        words->items_cap *= 2;
        words->items = awl_xrealloc(words->items, words->items_cap * sizeof *words->items);
    }
    uint32_t id = (uint32_t)words->count++;
    words->items[id] = (awl_dup_word){w, (uint32_t)len, 0, 0};
    if (words->count * 2 > words->capacity) {
        size_t capacity = words->capacity * 2;
        awl_dup_word_slot *slots = awl_xcalloc_dense(capacity, sizeof *slots);
        for (size_t k = 0; k < words->capacity; k++)
            if (words->slots[k].id_plus_one)
                awl_dup_words_place(slots, capacity, words->slots[k]);
        free(words->slots);
        words->slots = slots;
        words->capacity = capacity;
    }
    awl_dup_words_place(words->slots, words->capacity, (awl_dup_word_slot){hash, id + 1});
    return id;
}

/* The near-match's view of the titles: each usable title's words as
 * ids, one title after another (title i's count[i] from start[i]). */
typedef struct awl_dup_near {
    awl_dup_words words;
    awl_dup_tok *toks;
    size_t used, toks_cap;
    uint32_t *start, *count;
    /* title i may hold a word that is a number (every title's flag: the
     * caller sets it for titles the near-match does not take) */
    bool *numbered;
    size_t posts_cap; /* postings the match will make */
} awl_dup_near;

static void awl_dup_near_init(awl_dup_near *near, size_t n)
{
    memset(near, 0, sizeof *near);
    near->words.capacity = 1024;
    while (near->words.capacity < n)
        near->words.capacity *= 2; /* about one new word per title, doubled as it fills */
    near->words.slots = awl_xcalloc_dense(near->words.capacity, sizeof *near->words.slots);
    near->words.items_cap = near->words.capacity / 2;
    near->words.items = awl_xmalloc(near->words.items_cap * sizeof *near->words.items);
    near->start = awl_xmalloc((n + 1) * sizeof(uint32_t));
    near->count = awl_xcalloc(n + 1, sizeof(uint32_t));
    near->numbered = awl_xcalloc(n + 1, sizeof(bool));
}

/* Adds title i (its spaced key, of `len` bytes, and its word spans). */
static void awl_dup_near_add(awl_dup_near *near, size_t i, const char *spaced, size_t len,
                             const awl_dup_spans *spans)
{
    if (i >= UINT32_MAX / 2 || near->used + spans->count >= UINT32_MAX / 2)
        return; /* titles, ids and positions are 32-bit; no real list comes near */
    if (near->used + spans->count > near->toks_cap) {
        near->toks_cap = 2 * (near->used + spans->count);
        near->toks = awl_xrealloc(near->toks, near->toks_cap * sizeof *near->toks);
    }
    near->start[i] = (uint32_t)near->used;
    bool numbered = false;
    for (size_t k = 0; k < spans->count; k++) {
        const char *w = spaced + spans->start[k];
        size_t end = k + 1 < spans->count ? spans->start[k + 1] - 1 : len; /* one space between */
        size_t full = end - spans->start[k];
        /* a number holds a character other than a-z, or is a roman
         * numeral (two to five letters from i, v or x): most titles have
         * neither, and skip awl_dup_numbers_in's scan in the match */
        numbered |= !spans->letters_only[k] ||
                    (full >= 2 && full <= 5 && (w[0] == 'i' || w[0] == 'v' || w[0] == 'x'));
        size_t wl = awl_dup_stem(w, full, spans->letters_only[k]);
        uint32_t id = awl_dup_words_id(&near->words, w, wl); /* may move the words */
        awl_dup_word *word = &near->words.items[id];
        /* a set: each word once per title */
        if (word->last_title == i + 1)
            continue;
        word->last_title = (uint32_t)(i + 1);
        word->titles++;
        near->toks[near->used++] = (awl_dup_tok)id;
    }
    size_t m = near->used - near->start[i];
    near->count[i] = (uint32_t)m;
    near->numbered[i] = numbered;
    /* |A| - ceil(t|A|) + 1 words of each title are posted */
    near->posts_cap += m - (m * AWL_DUP_NEAR_PCT + 99) / 100 + 1;
}

/* Unions entries whose (non-generic) titles nearly coincide; frees near. */
static void awl_dup_near_match(awl_dup_near *near, const awl_dup_item *items, size_t n,
                               const char *const *spaced, const char *const *prim_keys,
                               size_t *parent)
{
    free(near->words.slots);
    awl_dup_tok *toks = near->toks;
    const uint32_t *start = near->start, *count = near->count;
    size_t word_count = near->words.count;
    uint32_t *head =
        awl_xcalloc_dense(word_count + 1, sizeof(uint32_t)); /* per word: newest posting + 1 */
    uint32_t *marks =
        awl_xcalloc_dense(word_count + 1, sizeof(uint32_t)); /* per word: its title + 1 */
    /* postings: per word, a chain newest first; the size rides along so
     * most candidates are refused without reading their words */
    typedef struct {
        uint32_t entry, next, count;
    } awl_dup_post;
    awl_dup_post *post = awl_xmalloc((near->posts_cap + 1) * sizeof(awl_dup_post));
    size_t posts = 0;
    for (size_t i = 0; i < n; i++) {
        size_t na = count[i];
        if (na == 0)
            continue;
        awl_dup_tok *a = toks + start[i];
        for (size_t j = 0; j < na; j++) {
            a[j] |= (awl_dup_tok)near->words.items[a[j]].titles << 32;
            marks[(uint32_t)a[j]] = (uint32_t)(i + 1);
        }
        size_t prefix = na - (na * AWL_DUP_NEAR_PCT + 99) / 100 + 1;
        awl_dup_tok_rarest(a, na, prefix);
        for (size_t p = 0; p < prefix; p++) {
            uint32_t *h = &head[(uint32_t)a[p]];
            size_t seen = 0;
            for (uint32_t q = *h; q != 0 && seen < AWL_DUP_NEAR_CAP; q = post[q - 1].next, seen++) {
                size_t j = post[q - 1].entry, nb = post[q - 1].count;
                /* sizes too far apart can never reach the threshold */
                if (nb * 100 < na * AWL_DUP_NEAR_PCT || na * 100 < nb * AWL_DUP_NEAR_PCT)
                    continue;
                /* common / (na + nb - common) >= t  <=>  common >= t (na + nb) / (1 + t) */
                size_t need = ((na + nb) * AWL_DUP_NEAR_PCT + 100 + AWL_DUP_NEAR_PCT - 1) /
                              (100 + AWL_DUP_NEAR_PCT);
                if (awl_dup_tok_share(marks, (uint32_t)(i + 1), toks + start[j], nb, need) &&
                    awl_dup_find(parent, i) != awl_dup_find(parent, j) &&
                    (!near->numbered[i] || awl_dup_numbers_in(spaced[i], spaced[j])) &&
                    (!near->numbered[j] || awl_dup_numbers_in(spaced[j], spaced[i])) &&
                    !awl_dup_other_thing(prim_keys[i], prim_keys[j]) &&
                    !awl_dup_nested(items, i, j))
                    awl_dup_union(parent, i, j);
            }
            post[posts] = (awl_dup_post){(uint32_t)i, *h, (uint32_t)na};
            *h = (uint32_t)++posts;
        }
    }
    free(head);
    free(marks);
    free(post);
    free(near->words.items);
    free(near->toks);
    free(near->start);
    free(near->count);
    free(near->numbered);
}

/* An identity key of an item, as the grouping meets it: its title key, its
 * primary link's key, or the key of another link that names a paper. */
typedef struct awl_dup_key {
    const char *key;
    uint32_t len;
    uint32_t hash;
    uint32_t item;
    bool is_title;
    bool paper; /* a link key that names a paper (arXiv id, DOI, ...) */
} awl_dup_key;

/* Keys are looked up this many ahead of the one being placed: a large
 * list's key map is megabytes, and one lookup after another would wait
 * for each of its cache misses in turn. */
#define AWL_DUP_PREFETCH 8

void awl_dups_group(const awl_dup_item *items, size_t n, awl_arena *arena, size_t *first)
{
    size_t *parent = first; /* union-find in place; flattened at the end */
    const char **spaced_titles = awl_xcalloc(n + 1, sizeof(char *));
    const char **compact_titles = awl_xcalloc(n + 1, sizeof(char *));
    const char **prim_keys = awl_xcalloc(n + 1, sizeof(char *));
    awl_buf scratch = {0}, spaced = {0};
    awl_dup_spans spans = {0};
    awl_dup_near near;
    awl_dup_near_init(&near, n);
    awl_dup_ascii_key_init();
    /* First every item's keys, in item order (title, then links)... */
    awl_vec keys;
    awl_vec_init(&keys, sizeof(awl_dup_key));
    awl_vec_reserve(&keys, 2 * n + 1);
    for (size_t i = 0; i < n; i++) {
        parent[i] = i;
        const awl_dup_item *it = &items[i];
        const char *title = it->title;
        size_t klen = 0;
        awl_buf_clear(&scratch);
        awl_buf_clear(&spaced);
        const char *tkey = title ? awl_dup_title_key(arena, title, &scratch, &klen, &spaced, &spans,
                                                     &compact_titles[i])
                                 : NULL;
        if (title) {
            char *copy = awl_arena_alloc(arena, spaced.len + 1 + AWL_DUP_WORD_PAD);
            memcpy(copy, spaced.data, spaced.len);
            memset(copy + spaced.len, 0, 1 + AWL_DUP_WORD_PAD);
            spaced_titles[i] = copy;
        }
        near.numbered[i] = true; /* until its words say otherwise */
        if (tkey) {
            awl_dup_near_add(&near, i, spaced_titles[i], spaced.len, &spans);
            *(awl_dup_key *)awl_vec_push(&keys) = (awl_dup_key){
                tkey, (uint32_t)klen, awl_strmap_hash(tkey, klen), (uint32_t)i, true, false};
        }
        for (size_t l = 0; l <= it->href_count; l++) {
            const char *href = l == 0 ? it->primary_href : it->hrefs[l - 1];
            if (!href)
                continue;
            bool paper = false;
            const char *lkey = awl_dup_link_key(arena, href, &paper, &klen);
            if (l == 0)
                prim_keys[i] = lkey;
            if (!lkey || (l > 0 && !paper))
                continue;
            *(awl_dup_key *)awl_vec_push(&keys) = (awl_dup_key){
                lkey, (uint32_t)klen, awl_strmap_hash(lkey, klen), (uint32_t)i, false, paper};
        }
    }
    /* ...then each key into one map, in the same order: the first item
     * holding a key owns it, and a later one joins its group (a link key
     * when the titles agree too). Title keys and link keys never collide:
     * link keys hold ':'. */
    awl_strmap map;
    awl_strmap_init(&map);
    awl_strmap_reserve(&map, keys.count); /* no resize: prefetched slots stay put */
    const awl_dup_key *all = keys.items;
    for (size_t k = 0; k < keys.count; k++) {
        if (k + AWL_DUP_PREFETCH < keys.count)
            awl_strmap_prefetch(&map, all[k + AWL_DUP_PREFETCH].hash);
        const awl_dup_key *key = &all[k];
        size_t i = key->item;
        bool inserted = false;
        size_t *slot = awl_strmap_upsert_hashed(&map, key->key, key->len, key->hash, &inserted);
        if (inserted)
            *slot = i;
        else if (key->is_title)
            awl_dup_union(parent, *slot, i);
        else if (*slot != i &&
                 (key->paper ? awl_dup_titles_agree(spaced_titles[*slot], near.numbered[*slot],
                                                    spaced_titles[i], near.numbered[i])
                             : awl_dup_same(compact_titles[*slot], compact_titles[i])))
            awl_dup_union(parent, *slot, i);
    }
    awl_vec_free(&keys);
    awl_strmap_free(&map);
    awl_dup_near_match(&near, items, n, spaced_titles, prim_keys, parent);
    for (size_t i = 0; i < n; i++)
        first[i] = awl_dup_find(parent, i);
    free(spans.start);
    free(spans.letters_only);
    free(prim_keys);
    awl_buf_free(&scratch);
    awl_buf_free(&spaced);
    free(spaced_titles);
    free(compact_titles);
}

const char *awl_dup_entry_title(const awl_doc *doc, const awl_entry *e, awl_arena *arena)
{
    /* `- [[ICLR](url)] Title`: the link text is the venue, the title follows */
    const char *title = e->title;
    if (e->primary != AWL_NONE && e->description && *e->description) {
        size_t ts = doc->links[e->primary].text_start;
        if ((ts != AWL_NONE && ts >= 2 && doc->source.bytes[ts - 1] == '[' &&
             doc->source.bytes[ts - 2] == '['))
            title = e->description;
    }
    if (e->primary != AWL_NONE && title == e->title)
        title = awl_dup_text_before(doc, e, arena, title);
    /* `| ... | [[TensorRT-LLM]](url) |`: a bracketed link text labels a
     * column's link; the entry's name is elsewhere, so it is unknown */
    if (title && title[0] == '[' && title[strlen(title) - 1] == ']')
        title = NULL;
    return title;
}

void awl_dups_compute(const awl_doc *doc, const awl_entries *entries, awl_dups *out)
{
    size_t n = entries->count;
    /* The keys and titles live only while the groups are made: a large
     * list's keys are megabytes that no rule reads afterwards. */
    awl_arena keys_arena = {0};
    out->same_section = awl_xmalloc((n + 1) * sizeof(size_t));
    out->elsewhere = awl_xmalloc((n + 1) * sizeof(size_t));
    out->first = awl_xmalloc((n + 1) * sizeof(size_t));
    awl_dup_item *items = awl_xcalloc(n + 1, sizeof(awl_dup_item));
    size_t *entry_of_block = awl_xmalloc((doc->block_count + 1) * sizeof(size_t));
    for (size_t b = 0; b < doc->block_count; b++)
        entry_of_block[b] = AWL_NONE;
    for (size_t i = 0; i < n; i++)
        entry_of_block[entries->items[i].block] = i;
    for (size_t i = 0; i < n; i++) {
        const awl_entry *e = &entries->items[i];
        awl_dup_item *it = &items[i];
        it->title = awl_dup_entry_title(doc, e, &keys_arena);
        it->primary_href = e->primary != AWL_NONE ? doc->links[e->primary].href : NULL;
        const char **hrefs = awl_arena_alloc(&keys_arena, (e->link_count + 1) * sizeof(char *));
        for (size_t l = 0; l < e->link_count; l++)
            hrefs[l] = doc->links[e->links[l].link].href;
        it->hrefs = hrefs;
        it->href_count = e->link_count;
        it->owner = AWL_NONE;
        for (size_t k = doc->blocks[e->block].parent; k != AWL_NONE; k = doc->blocks[k].parent)
            if (entry_of_block[k] != AWL_NONE) {
                it->owner = entry_of_block[k];
                break;
            }
    }
    free(entry_of_block);
    awl_dups_group(items, n, &keys_arena, out->first);
    free(items);
    awl_arena_free(&keys_arena);
    /* the first copy of each group in each section */
    size_t *pairs = awl_xmalloc((2 * n + 1) * sizeof(size_t));
    awl_strmap firsts;
    awl_strmap_init(&firsts);
    for (size_t i = 0; i < n; i++) {
        out->same_section[i] = out->elsewhere[i] = AWL_NONE;
        size_t root = out->first[i];
        if (root == i)
            continue;
        pairs[2 * i] = root;
        pairs[2 * i + 1] = entries->items[i].section;
        bool inserted = false;
        size_t *slot =
            awl_strmap_upsert(&firsts, (const char *)&pairs[2 * i], 2 * sizeof(size_t), &inserted);
        if (inserted)
            *slot = i;
        if (entries->items[root].section == entries->items[i].section)
            out->same_section[i] = root;
        else if (!inserted)
            out->same_section[i] = *slot;
        else
            out->elsewhere[i] = root;
    }
    awl_strmap_free(&firsts);
    free(pairs);
}

void awl_dups_free(awl_dups *dups)
{
    free(dups->same_section);
    free(dups->elsewhere);
    free(dups->first);
}

/* The span to report an entry at: its first line. */
void awl_dup_span(const awl_doc *doc, const awl_entry *e, size_t *start, size_t *end)
{
    const awl_block *b = &doc->blocks[e->block];
    size_t s = b->kind == AWL_BLOCK_ITEM ? b->marker_offset : b->start;
    *start = s;
    *end = awl_source_line_end(&doc->source, e->line);
    if (*end < s)
        *end = s;
}

/* Heading text of a section, for messages. */
const char *awl_dup_section_name(const awl_doc *doc, size_t section)
{
    size_t h = doc->sections[section].heading;
    return h == AWL_NONE ? "the top of the file" : doc->blocks[h].text;
}
