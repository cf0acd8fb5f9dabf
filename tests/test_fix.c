/*
 * test_fix: awl_fix_text (the fixer, in memory) and awl_write_atomic.
 *
 * Every expected text below is written by hand from the rules' specs in
 * rules/ *.c (the comment at the top of each file) and DESIGN.md point 8, not
 * copied from the program's output. The fixer runs with only the five format
 * rules selected, so rules added later do not move these expectations.
 */
#include <criterion/criterion.h>
#include <dirent.h>
#include <errno.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "atomic_write.h"
#include "config.h"
#include "doc.h"
#include "fix.h"
#include "support.h"

static const char format_rules[] =
    "trailing-space,final-newline,line-ending,blank-lines,list-marker";

/* The default config narrowed to the five format rules. */
static void format_config(awl_config *config, awl_arena *arena)
{
    awl_config_defaults(config);
    bool first = true;
    const char *bad = NULL;
    cr_assert(awl_config_select(config, format_rules, true, &first, arena, &bad), "unknown rule %s",
              bad ? bad : "?");
}

static void fix(const char *text, size_t len, awl_fix_result *out)
{
    awl_arena arena = {0};
    awl_config config;
    format_config(&config, &arena);
    awl_fix_text("test.md", text, len, &config, false, out);
    awl_arena_free(&arena);
}

/* Shows control characters so a failed comparison is readable. */
static char *visible(const char *text, size_t len)
{
    char *out = malloc(len * 4 + 1);
    size_t w = 0;
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)text[i];
        if (c == '\n')
            w += (size_t)sprintf(out + w, "\\n");
        else if (c == '\r')
            w += (size_t)sprintf(out + w, "\\r");
        else if (c == '\t')
            w += (size_t)sprintf(out + w, "\\t");
        else if (c < 0x20)
            w += (size_t)sprintf(out + w, "\\x%02x", c);
        else
            out[w++] = (char)c;
    }
    out[w] = '\0';
    return out;
}

static void assert_text(const awl_buf *got, const char *want, const char *what)
{
    size_t want_len = strlen(want);
    if (got->len != want_len || memcmp(got->data, want, want_len) != 0) {
        char *g = visible(got->data, got->len), *w = visible(want, want_len);
        cr_expect_fail("%s:\n got: \"%s\"\nwant: \"%s\"", what, g, w);
        free(g);
        free(w);
    }
}

/* Every link target of `before` is a link target of `after`. */
static void assert_links_survive(const char *before, size_t before_len, const char *after,
                                 size_t after_len)
{
    awl_doc *a = awl_doc_parse("before.md", before, before_len);
    awl_doc *b = awl_doc_parse("after.md", after, after_len);
    for (size_t i = 0; i < a->link_count; i++) {
        bool found = false;
        for (size_t j = 0; j < b->link_count && !found; j++)
            found = strcmp(a->links[i].href, b->links[j].href) == 0;
        cr_expect(found, "link target %s lost by the fix", a->links[i].href);
    }
    cr_expect_geq(b->link_count, a->link_count, "links: %zu before, %zu after", a->link_count,
                  b->link_count);
    awl_doc_free(a);
    awl_doc_free(b);
}

/* Fixes `input`, compares with `want`, then checks idempotence and links. */
static void check_fix(const char *input, const char *want)
{
    size_t len = strlen(input);
    char *copy = malloc(len + 1);
    memcpy(copy, input, len + 1);
    awl_fix_result r;
    fix(copy, len, &r);
    char *shown = visible(input, len);
    cr_assert_not(r.failed, "fix of \"%s\" failed: %s", shown, r.failure);
    assert_text(&r.text, want, shown);
    bool should_change = strcmp(input, want) != 0;
    cr_expect_eq(r.changed, should_change, "changed=%d for \"%s\"", r.changed, shown);
    if (should_change) {
        cr_expect_gt(r.fixes_applied, 0);
        cr_expect_gt(r.passes, 0);
    } else {
        cr_expect_eq(r.fixes_applied, 0);
    }
    cr_expect(memcmp(copy, input, len) == 0, "awl_fix_text modified its input");

    /* A second run over the output changes nothing. */
    awl_fix_result again;
    fix(r.text.data, r.text.len, &again);
    cr_expect_not(again.failed, "second pass failed: %s", again.failure);
    cr_expect_not(again.changed, "second pass changed the output of \"%s\"", shown);
    assert_text(&again.text, want, "second pass");
    awl_fix_result_free(&again);

    assert_links_survive(input, len, r.text.data, r.text.len);
    awl_fix_result_free(&r);
    free(shown);
    free(copy);
}

Test(fix, unchanged_input_is_not_changed)
{
    const char *text = "# Awesome Things\n"
                       "\n"
                       "A curated list.\n"
                       "\n"
                       "## Papers\n"
                       "\n"
                       "- [Alpa](https://arxiv.org/abs/2201.12023) - OSDI'22.\n"
                       "- [Orca](https://www.usenix.org/conference/osdi22/presentation/yu)\n";
    awl_fix_result r;
    fix(text, strlen(text), &r);
    cr_expect_not(r.failed, "%s", r.failure);
    cr_expect_not(r.changed);
    cr_expect_eq(r.fixes_applied, 0);
    cr_expect_eq(r.passes, 0);
    assert_text(&r.text, text, "unchanged text");
    awl_fix_result_free(&r);
}

Test(fix, empty_input_is_not_changed)
{
    awl_fix_result r;
    fix("", 0, &r);
    cr_expect_not(r.failed, "%s", r.failure);
    cr_expect_not(r.changed);
    cr_expect_eq(r.text.len, 0);
    awl_fix_result_free(&r);
}

/* One rule at a time, each case from the rule's own spec. */
Test(fix, trailing_space_removed)
{
    check_fix("# T\n\nword \n", "# T\n\nword\n");
    check_fix("# T  \n\nword\n", "# T\n\nword\n"); /* a heading has no hard break */
    check_fix("# T\n\n- [a](https://a.example/) \n", "# T\n\n- [a](https://a.example/)\n");
    /* A line of white space only becomes empty. */
    check_fix("# T\n\none\n \t \ntwo\n", "# T\n\none\n\ntwo\n");
}

/* "Trailing spaces and tabs are invisible in the rendered list" (the rule's
 * explanation): a tab after the text is trailing white space too. */
/* md4c keeps a trailing tab in the text (its HTML shows it), so removing it
 * is an unsafe fix: --fix keeps it, --unsafe-fixes removes it. */
Test(fix, trailing_tab_needs_unsafe_fixes)
{
    check_fix("# T\n\nword\t\n", "# T\n\nword\t\n");
    check_fix("# T\n\n- [x](https://x.example/)\t\n- y\n",
              "# T\n\n- [x](https://x.example/)\t\n- y\n");

    awl_config config;
    awl_config_defaults(&config);
    const char *input = "# T\n\n- [x](https://x.example/)\t\n- y\n";
    awl_fix_result r;
    awl_fix_text("t.md", input, strlen(input), &config, true, &r);
    cr_assert_not(r.failed, "%s", r.failure);
    cr_expect_str_eq(r.text.data, "# T\n\n- [x](https://x.example/)\n- y\n");
    awl_fix_result_free(&r);
}

Test(fix, hard_break_and_code_kept)
{
    /* Two spaces ending a paragraph line that continues: a hard break. */
    check_fix("# T\n\nfirst  \nsecond\n", "# T\n\nfirst  \nsecond\n");
    /* White space inside a fenced code block is content. */
    check_fix("# T\n\n```\nmake   \n```\n", "# T\n\n```\nmake   \n```\n");
    /* ... but a single space is never a hard break. */
    check_fix("# T\n\nfirst \nsecond\n", "# T\n\nfirst\nsecond\n");
}

Test(fix, final_newline)
{
    check_fix("# T\n\ntext", "# T\n\ntext\n");
    check_fix("# T\n\ntext\n\n\n", "# T\n\ntext\n");
    check_fix("# T\n\ntext\n  \n\t\n", "# T\n\ntext\n");
    /* A code block running to the end keeps its blank lines. */
    check_fix("# T\n\n```\ncode\n\n\n", "# T\n\n```\ncode\n\n\n");
}

Test(fix, line_endings_become_lf)
{
    check_fix("# T\r\n\r\ntext\r\n", "# T\n\ntext\n");
    check_fix("# T\n\r\none\r\ntwo\n", "# T\n\none\ntwo\n"); /* mixed */
    check_fix("# T\r\n\r\none\rtwo\n", "# T\n\none\ntwo\n"); /* a lone CR in a CR LF file */
    check_fix("# T\n\ntext\r\nmore", "# T\n\ntext\nmore\n"); /* mixed, no final newline */
}

Test(fix, lone_cr_file_becomes_lf)
{
    /* "CR LF and a lone CR become LF" (rules/line_ending.c), whatever the file's style. */
    check_fix("# T\r\rtext\r", "# T\n\ntext\n");
}

Test(fix, blank_lines_collapsed)
{
    check_fix("# T\n\n\n\ntext\n", "# T\n\ntext\n");
    check_fix("# T\n\none\n\n\ntwo\n\n\n\n\nthree\n", "# T\n\none\n\ntwo\n\nthree\n");
    /* Blank lines inside a code block are content. */
    check_fix("# T\n\n```\na\n\n\n\nb\n```\n", "# T\n\n```\na\n\n\n\nb\n```\n");
}

Test(fix, list_marker_follows_dominant_bullet)
{
    check_fix("# T\n"
              "\n"
              "- [a](https://a.example/)\n"
              "- [b](https://b.example/)\n"
              "\n"
              "## H\n"
              "\n"
              "* [c](https://c.example/)\n",
              "# T\n"
              "\n"
              "- [a](https://a.example/)\n"
              "- [b](https://b.example/)\n"
              "\n"
              "## H\n"
              "\n"
              "- [c](https://c.example/)\n");
    /* A list directly after a list with the dominant bullet: report only. */
    check_fix("# T\n\n- a\n- b\n* c\n", "# T\n\n- a\n- b\n* c\n");
    /* The convention is per depth: `*` below `-` is consistent. */
    check_fix("# T\n\n- a\n  * x\n- b\n  * y\n", "# T\n\n- a\n  * x\n- b\n  * y\n");
}

/* Every format rule at once, on a CR LF file: the fixes need several passes
 * (the blank-line, white-space and line-ending edits overlap). */
Test(fix, all_format_rules_together)
{
    const char *input = "# Awesome Things\r\n"
                        "\r\n"
                        "A curated list. \r\n"
                        "Second line  \r\n"
                        "third line.\r\n"
                        "\r\n"
                        "\r\n"
                        "   \r\n"
                        "## Papers\r\n"
                        "\r\n"
                        "- [Alpa](https://arxiv.org/abs/2201.12023) - OSDI'22. \r\n"
                        "- [Orca](https://www.usenix.org/conference/osdi22/presentation/yu)\r\n"
                        "\r\n"
                        "## Tools\r\n"
                        "\r\n"
                        "* [md4c](https://github.com/mity/md4c) - Markdown parser.\r\n"
                        "* [utf8proc](https://github.com/JuliaStrings/utf8proc)\r\n"
                        "\r\n"
                        "```sh\r\n"
                        "make   \r\n"
                        "\r\n"
                        "\r\n"
                        "\r\n"
                        "make test\r\n"
                        "```\r\n"
                        "\r\n"
                        "## More\r\n"
                        "\r\n"
                        "- [curl](https://curl.se/)\r\n"
                        "- [libyaml](https://github.com/yaml/libyaml)\r\n"
                        "- [Criterion](https://github.com/Snaipe/Criterion)\r\n"
                        "\r\n"
                        "\r\n";
    const char *want = "# Awesome Things\n"
                       "\n"
                       "A curated list.\n"
                       "Second line  \n"
                       "third line.\n"
                       "\n"
                       "## Papers\n"
                       "\n"
                       "- [Alpa](https://arxiv.org/abs/2201.12023) - OSDI'22.\n"
                       "- [Orca](https://www.usenix.org/conference/osdi22/presentation/yu)\n"
                       "\n"
                       "## Tools\n"
                       "\n"
                       "- [md4c](https://github.com/mity/md4c) - Markdown parser.\n"
                       "- [utf8proc](https://github.com/JuliaStrings/utf8proc)\n"
                       "\n"
                       "```sh\n"
                       "make   \n"
                       "\n"
                       "\n"
                       "\n"
                       "make test\n"
                       "```\n"
                       "\n"
                       "## More\n"
                       "\n"
                       "- [curl](https://curl.se/)\n"
                       "- [libyaml](https://github.com/yaml/libyaml)\n"
                       "- [Criterion](https://github.com/Snaipe/Criterion)\n";
    check_fix(input, want);

    awl_fix_result r;
    fix(input, strlen(input), &r);
    /* trailing-space x3, blank-lines, final-newline, line-ending, list-marker
     * at the least (some may be applied over more than one pass). */
    cr_expect_geq(r.fixes_applied, 7, "fixes_applied=%zu", r.fixes_applied);
    cr_expect_geq(r.passes, 2, "passes=%zu", r.passes);
    cr_expect_leq(r.passes, AWL_FIX_MAX_PASSES);
    awl_fix_result_free(&r);
}

Test(fix, link_targets_survive)
{
    const char *input = "# Links\r\n"
                        "\r\n"
                        "\r\n"
                        "\r\n"
                        "* [Paper](https://arxiv.org/abs/2201.12023) "
                        "[[code](https://github.com/alpa-projects/alpa)] \r\n"
                        "* <https://example.org/autolink> \r\n"
                        "* [ref link][r]   \r\n"
                        "* ![img](https://example.org/x.png)\t\r\n"
                        "\r\n"
                        "- [dominant](https://d.example/)\r\n"
                        "\r\n"
                        "## Two\r\n"
                        "\r\n"
                        "- [x](https://x.example/a_(b))\r\n"
                        "- [y](https://y.example/?q=1&r=2)\r\n"
                        "- [z](#links)\r\n"
                        "- [w](https://w.example/)\r\n"
                        "\r\n"
                        "[r]: https://example.org/ref\r\n";
    size_t len = strlen(input);
    awl_fix_result r;
    fix(input, len, &r);
    cr_assert_not(r.failed, "%s", r.failure);
    cr_expect(r.changed);
    assert_links_survive(input, len, r.text.data, r.text.len);
    /* And by plain text, independently of the parser. */
    static const char *const targets[] = {
        "https://arxiv.org/abs/2201.12023",
        "https://github.com/alpa-projects/alpa",
        "https://example.org/autolink",
        "https://example.org/x.png",
        "https://d.example/",
        "https://x.example/a_(b)",
        "https://y.example/?q=1&r=2",
        "(#links)",
        "https://w.example/",
        "[r]: https://example.org/ref",
    };
    for (size_t i = 0; i < sizeof targets / sizeof targets[0]; i++)
        cr_expect(strstr(r.text.data, targets[i]) != NULL, "lost %s", targets[i]);
    cr_expect(memchr(r.text.data, '\r', r.text.len) == NULL, "a CR is left");
    awl_fix_result_free(&r);
}

Test(fix, invalid_utf8_needing_a_fix_fails)
{
    const char input[] = "# T\n\nbad \xff\xfe byte \n";
    size_t len = sizeof input - 1;
    char copy[sizeof input];
    memcpy(copy, input, sizeof input);
    awl_fix_result r;
    fix(copy, len, &r);
    cr_expect(r.failed, "a fix of an invalid UTF-8 file must fail verification");
    cr_expect_neq(r.failure[0], '\0', "no failure message");
    cr_expect(strstr(r.failure, "UTF-8") != NULL, "message does not name UTF-8: %s", r.failure);
    cr_expect(memcmp(copy, input, sizeof input) == 0, "the input buffer was changed");
    awl_fix_result_free(&r);
}

Test(fix, invalid_utf8_without_anything_to_fix_is_left_alone)
{
    const char input[] = "# T\n\nbad \xff\xfe byte\n";
    awl_fix_result r;
    fix(input, sizeof input - 1, &r);
    cr_expect_not(r.failed, "%s", r.failure);
    cr_expect_not(r.changed);
    cr_expect_eq(r.text.len, sizeof input - 1);
    cr_expect(memcmp(r.text.data, input, sizeof input - 1) == 0);
    awl_fix_result_free(&r);
}

/* ---- awl_write_atomic ---- */

static void assert_file(const char *path, const char *want, size_t want_len)
{
    size_t len = 0;
    char *got = awl_test_read(path, &len);
    cr_assert_not_null(got, "cannot read %s", path);
    cr_expect_eq(len, want_len, "%s: %zu bytes, want %zu", path, len, want_len);
    cr_expect(len == want_len && memcmp(got, want, len) == 0, "%s: wrong contents \"%s\"", path,
              got);
    free(got);
}

/* Names in dir other than . and .., sorted into one string "a,b,". */
static char *list_dir(const char *dir)
{
    DIR *d = opendir(dir);
    cr_assert_not_null(d);
    char *names[64];
    size_t n = 0;
    struct dirent *ent;
    while ((ent = readdir(d)) && n < 64)
        if (strcmp(ent->d_name, ".") && strcmp(ent->d_name, ".."))
            names[n++] = strdup(ent->d_name);
    closedir(d);
    for (size_t i = 0; i < n; i++)
        for (size_t j = i + 1; j < n; j++)
            if (strcmp(names[j], names[i]) < 0) {
                char *t = names[i];
                names[i] = names[j];
                names[j] = t;
            }
    size_t total = 1;
    for (size_t i = 0; i < n; i++)
        total += strlen(names[i]) + 1;
    char *out = calloc(1, total);
    for (size_t i = 0; i < n; i++) {
        strcat(out, names[i]);
        strcat(out, ",");
        free(names[i]);
    }
    return out;
}

Test(atomic_write, writes_content)
{
    char *dir = awl_test_tmpdir();
    char *path = awl_test_join(dir, "README.md");
    awl_test_write(path, "old contents, longer than the new ones\n", 39);
    const char *why = NULL;
    const char text[] = "# New\n\nfresh\n";
    cr_assert(awl_write_atomic(path, text, sizeof text - 1, &why), "write failed: %s",
              why ? why : "?");
    assert_file(path, text, sizeof text - 1);
    char *names = list_dir(dir);
    cr_expect_str_eq(names, "README.md,", "left in the directory: %s", names);
    free(names);
    /* An empty document is a valid write too. */
    cr_assert(awl_write_atomic(path, "", 0, &why), "empty write failed: %s", why ? why : "?");
    assert_file(path, "", 0);
    awl_test_remove_tree(dir);
    free(path);
    free(dir);
}

Test(atomic_write, keeps_file_mode)
{
    char *dir = awl_test_tmpdir();
    char *path = awl_test_join(dir, "list.md");
    awl_test_write(path, "old\n", 4);
    cr_assert_eq(chmod(path, 0640), 0);
    const char *why = NULL;
    cr_assert(awl_write_atomic(path, "new\n", 4, &why), "write failed: %s", why ? why : "?");
    struct stat st;
    cr_assert_eq(stat(path, &st), 0);
    cr_expect_eq(st.st_mode & 07777, 0640, "mode %o, want 640", st.st_mode & 07777);
    cr_expect(S_ISREG(st.st_mode));
    assert_file(path, "new\n", 4);

    /* And another mode, to rule out a fixed default. */
    cr_assert_eq(chmod(path, 0604), 0);
    cr_assert(awl_write_atomic(path, "newer\n", 6, &why), "write failed: %s", why ? why : "?");
    cr_assert_eq(stat(path, &st), 0);
    cr_expect_eq(st.st_mode & 07777, 0604, "mode %o, want 604", st.st_mode & 07777);
    assert_file(path, "newer\n", 6);
    awl_test_remove_tree(dir);
    free(path);
    free(dir);
}

Test(atomic_write, follows_symlink)
{
    char *dir = awl_test_tmpdir();
    char *sub = awl_test_join(dir, "real");
    cr_assert_eq(mkdir(sub, 0755), 0);
    char *target = awl_test_join(sub, "target.md");
    char *link = awl_test_join(dir, "link.md");
    awl_test_write(target, "old target\n", 11);
    cr_assert_eq(chmod(target, 0640), 0);
    cr_assert_eq(symlink("real/target.md", link), 0);
    const char *why = NULL;
    cr_assert(awl_write_atomic(link, "through the link\n", 17, &why), "write failed: %s",
              why ? why : "?");
    struct stat st;
    cr_assert_eq(lstat(link, &st), 0);
    cr_expect(S_ISLNK(st.st_mode), "the link was replaced by a file");
    char buf[256] = {0};
    ssize_t n = readlink(link, buf, sizeof buf - 1);
    cr_expect_eq(n, 14);
    cr_expect_str_eq(buf, "real/target.md");
    assert_file(target, "through the link\n", 17);
    cr_assert_eq(stat(target, &st), 0);
    cr_expect_eq(st.st_mode & 07777, 0640, "target mode %o, want 640", st.st_mode & 07777);
    /* No temporary file left next to the link or the target. */
    char *names = list_dir(dir);
    cr_expect_str_eq(names, "link.md,real,");
    free(names);
    names = list_dir(sub);
    cr_expect_str_eq(names, "target.md,");
    free(names);
    awl_test_remove_tree(dir);
    free(link);
    free(target);
    free(sub);
    free(dir);
}

Test(atomic_write, missing_directory_fails_cleanly)
{
    char *dir = awl_test_tmpdir();
    char *path = awl_test_join(dir, "no/such/dir/README.md");
    const char *why = NULL;
    cr_expect_not(awl_write_atomic(path, "text\n", 5, &why));
    cr_expect_not_null(why, "no reason given");
    if (why)
        cr_expect_neq(why[0], '\0', "empty reason");
    char *names = list_dir(dir);
    cr_expect_str_eq(names, "", "created: %s", names);
    free(names);
    awl_test_remove_tree(dir);
    free(path);
    free(dir);
}

/* A write(2) that writes a few bytes, then fails as a full disk does. */
static size_t hook_calls;
static ssize_t failing_write(int fd, const void *bytes, size_t len)
{
    if (hook_calls++ == 0)
        return write(fd, bytes, len < 5 ? len : 5);
    errno = ENOSPC;
    return -1;
}

Test(atomic_write, failed_write_keeps_original)
{
    char *dir = awl_test_tmpdir();
    char *path = awl_test_join(dir, "README.md");
    const char original[] = "# Original\n\n- [a](https://a.example/)\n";
    awl_test_write(path, original, sizeof original - 1);
    cr_assert_eq(chmod(path, 0640), 0);
    const char replacement[] = "# Replacement that is never completed\n";
    const char *why = NULL;
    hook_calls = 0;
    awl_atomic_write_set_hook(failing_write);
    bool ok = awl_write_atomic(path, replacement, sizeof replacement - 1, &why);
    awl_atomic_write_set_hook(NULL);
    cr_expect_not(ok, "the injected failure was not reported");
    cr_expect_geq(hook_calls, 2, "the hook was called %zu times", hook_calls);
    cr_expect_not_null(why);
    if (why)
        cr_expect_neq(why[0], '\0');
    assert_file(path, original, sizeof original - 1);
    struct stat st;
    cr_assert_eq(stat(path, &st), 0);
    cr_expect_eq(st.st_mode & 07777, 0640);
    char *names = list_dir(dir);
    cr_expect_str_eq(names, "README.md,", "temporary file left behind: %s", names);
    free(names);

    /* With the hook restored, writing works again. */
    cr_assert(awl_write_atomic(path, replacement, sizeof replacement - 1, &why), "%s",
              why ? why : "?");
    assert_file(path, replacement, sizeof replacement - 1);
    awl_test_remove_tree(dir);
    free(path);
    free(dir);
}

Test(atomic_write, write_failing_at_once_keeps_original)
{
    char *dir = awl_test_tmpdir();
    char *path = awl_test_join(dir, "README.md");
    awl_test_write(path, "keep\n", 5);
    const char *why = NULL;
    hook_calls = 1; /* failing_write fails from the first call */
    awl_atomic_write_set_hook(failing_write);
    bool ok = awl_write_atomic(path, "gone\n", 5, &why);
    awl_atomic_write_set_hook(NULL);
    cr_expect_not(ok);
    assert_file(path, "keep\n", 5);
    char *names = list_dir(dir);
    cr_expect_str_eq(names, "README.md,", "temporary file left behind: %s", names);
    free(names);
    awl_test_remove_tree(dir);
    free(path);
    free(dir);
}
