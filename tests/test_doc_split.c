/*
 * test_doc_split: a document parsed in two parts on two threads
 * (doc_split.h, doc.c) is the document one parse of the whole gives.
 *
 * The hand-written cases are the things that reach across a heading line
 * (fenced code, HTML comments, link reference definitions) and must keep
 * the cut away; the corpus cases cut every real list, and all of them
 * concatenated, at up to eight places each and compare every block, link,
 * text and line flag with the whole parse (doc_compare.h).
 */
#include <criterion/criterion.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "doc.h"
#include "doc_compare.h"
#include "doc_split.h"
#include "support.h"

#define CORPUS AWL_TEST_SHARED "/corpus"

/* The offset of `what` in `text` (which holds it). */
static size_t offset_of(const char *text, const char *what)
{
    return (size_t)(strstr(text, what) - text);
}

/* Where the scanner would cut `text` at or after byte `from`; 0 for nowhere. */
static size_t cut_of(const char *text, size_t from)
{
    awl_doc *doc = awl_doc_parse_cut("t.md", text, strlen(text), 0);
    size_t cut = awl_doc_split_point(&doc->source, from, doc->source.length);
    awl_doc_free(doc);
    return cut;
}

/* Parses `len` bytes whole and cut at `cut`; true when the cut parse was
 * used (it stood for the whole), and in any case checks the two agree. */
static bool parses_agree(const char *name, const char *text, size_t len, size_t cut)
{
    awl_doc *whole = awl_doc_parse_cut(name, text, len, 0);
    awl_doc *two = awl_doc_parse_cut(name, text, len, cut);
    char why[128] = "";
    cr_expect(awl_doc_same(whole, two, why, sizeof why), "%s cut at %zu: %s", name, cut, why);
    bool used = two->parsed_in_two;
    cr_expect(!whole->parsed_in_two);
    awl_doc_free(whole);
    awl_doc_free(two);
    return used;
}

Test(doc_split, cuts_before_a_heading_after_a_blank_line)
{
    const char *text = "# List\n\n- [A](https://a.example)\n\n## B\n\n- [B](https://b.example)\n";
    size_t cut = cut_of(text, 1);
    cr_assert_eq(cut, offset_of(text, "## B"));
    cr_expect(parses_agree("t.md", text, strlen(text), cut), "the cut parse was not used");
    /* no blank line before the heading: no cut there */
    cr_expect_eq(cut_of("# List\n- [A](https://a.example)\n## B\ntext\n", 1), 0);
    /* an indented or a `#hashtag` line is no heading at column 0 */
    cr_expect_eq(cut_of("text\n\n  ## B\n\n#hashtag\n", 1), 0);
}

Test(doc_split, never_inside_fenced_code_or_an_html_comment)
{
    const char *fenced = "# A\n\n```sh\necho\n\n# not a heading\n```\n\n## B\n";
    cr_expect_eq(cut_of(fenced, 1), offset_of(fenced, "## B"));
    const char *tilde = "# A\n\n~~~~\n\n# code\n~~~\n\n# still code\n~~~~\n";
    cr_expect_eq(cut_of(tilde, 1), 0);
    const char *comment = "# A\n\n<!--\n\n# commented out\n\n-->\n\n## B\n";
    cr_expect_eq(cut_of(comment, 1), offset_of(comment, "## B"));
    const char *pre = "# A\n\n<pre>\n\n# preformatted\n</pre>\n";
    cr_expect_eq(cut_of(pre, 1), 0);
}

Test(doc_split, reference_definitions_keep_the_cut_away)
{
    /* [Logo] is defined after the cut and used before it */
    const char *across = "# A\n\n![x][Logo]\n\n## B\n\ntext\n\n[logo]: https://l.example/logo.svg\n";
    cr_expect_eq(cut_of(across, 1), 0);
    /* the same label, used only where it is defined */
    const char *near = "# A\n\ntext\n\n## B\n\n![x][Logo]\n\n[logo]: https://l.example/logo.svg\n";
    size_t cut = cut_of(near, 1);
    cr_assert_eq(cut, offset_of(near, "## B"));
    cr_expect(parses_agree("t.md", near, strlen(near), cut));
    /* white space inside a label is matched as md4c matches it */
    const char *spaced = "# A\n\n[x][OSS   Icon]\n\n## B\n\n[oss icon]: https://i.example\n";
    cr_expect_eq(cut_of(spaced, 1), 0);
    /* a label over two lines is not judged: no cut */
    const char *wrapped = "# A\n\n[x][multi line]\n\n## B\n\n[multi\nline]: https://m.example\n";
    cr_expect_eq(cut_of(wrapped, 1), 0);
    /* a link text over two lines is no definition */
    const char *text = "# A\n\n[a long\ntitle](https://t.example)\n\n## B\n\ntext\n";
    cr_expect_eq(cut_of(text, 1), offset_of(text, "## B"));
}

Test(doc_split, a_part_left_open_is_parsed_whole)
{
    /* A fence opened inside a list item and never closed makes the scanner
     * take the later top-level fence for its end: the cut it proposes lies
     * inside md4c's code block, and the first part's block running to its
     * end sends the parse back to one part. */
    const char *text = "# A\n\n- item\n  ```\n  code\n\ntext\n```\n\n# inside code\n\n```\n";
    size_t cut = cut_of(text, 1);
    if (cut)
        cr_expect_not(parses_agree("t.md", text, strlen(text), cut),
                      "a cut inside fenced code was used");
}

Test(doc_split, a_link_left_open_keeps_the_parse_whole)
{
    /* md4c opens this link and, the `|` of its destination splitting the
     * table cell, never closes it: our open link then takes in every text
     * after it, so a cut after it would end the link early. Found by the
     * fuzzer. */
    const char *text = "# A\n\n| Venue | Paper |\n|-------|-------|\n"
                       "| NSDI | [Birch](https://example.org/bir|||ch) |\n\n## B\n\ntext\n";
    size_t cut = cut_of(text, 1);
    cr_assert_eq(cut, offset_of(text, "## B"));
    cr_expect_not(parses_agree("t.md", text, strlen(text), cut), "the cut parse was used");
}

Test(doc_split, a_lone_carriage_return_keeps_the_document_whole)
{
    /* md4c breaks the first line at the CR, and the empty item after it
     * is placed by a forward search over '\n' lines: found by the fuzzer */
    cr_expect_eq(cut_of("# A\r-\r\n\n## B\n\n- [x](https://x.example)\n", 1), 0);
    cr_expect_neq(cut_of("# A\r\n-\r\n\n## B\n\n- [x](https://x.example)\n", 1), 0, "CR LF is fine");
}

typedef struct tally {
    size_t files, cuts, used;
    awl_buf all; /* every file, as the acceptance kit concatenates them */
} tally;

static void cut_file(const char *name, const char *text, size_t len, tally *t)
{
    awl_doc *doc = awl_doc_parse_cut(name, text, len, 0);
    size_t last = 0;
    for (size_t k = 1; k <= 8; k++) {
        size_t cut = awl_doc_split_point(&doc->source, len * k / 9, len);
        if (!cut || cut == last)
            continue;
        last = cut;
        t->cuts++;
        t->used += parses_agree(name, text, len, cut);
    }
    awl_doc_free(doc);
}

static void cut_tree(const char *dir, tally *t)
{
    struct dirent **names;
    int n = scandir(dir, &names, NULL, alphasort);
    for (int i = 0; i < n; i++) {
        char *path = awl_test_join(dir, names[i]->d_name);
        size_t len = strlen(names[i]->d_name);
        if (len > 3 && strcmp(names[i]->d_name + len - 3, ".md") == 0) {
            size_t size;
            char *text = awl_test_read(path, &size);
            if (text) {
                cut_file(path, text, size, t);
                awl_buf_append(&t->all, text, size);
                awl_buf_append(&t->all, "\n\n", 2);
                t->files++;
                free(text);
            }
        }
        free(path);
        free(names[i]);
    }
    if (n > 0)
        free(names);
}

Test(doc_split, every_corpus_list_cut_anywhere_parses_as_one)
{
    struct stat st;
    if (stat(CORPUS, &st) != 0) {
        cr_log_info("corpus folder %s not found: nothing to check", CORPUS);
        return;
    }
    tally t = {0};
    const char *parts[] = {"history", "real", "seeds"};
    for (size_t i = 0; i < 3; i++) {
        char dir[4096];
        snprintf(dir, sizeof dir, "%s/%s", CORPUS, parts[i]);
        cut_tree(dir, &t);
    }
    cut_file("all.md", t.all.data, t.all.len, &t);
    cr_log_info("%zu files, %zu cuts, %zu parsed in two parts", t.files, t.cuts, t.used);
    cr_expect_gt(t.files, 40);
    /* most cuts stand: the scanner keeps away from what reaches across */
    cr_expect_gt(t.used, t.cuts * 9 / 10, "%zu of %zu cuts stood", t.used, t.cuts);
    /* and the concatenated corpus, what the acceptance kit times, is cut */
    awl_doc *all = awl_doc_parse("all.md", t.all.data, t.all.len);
    cr_expect(all->parsed_in_two, "the concatenated corpus was parsed whole");
    awl_doc_free(all);
    awl_buf_free(&t.all);
}
