/*
 * test_bad_input: what strangers' files and broken machines do to the
 * awelint binary: empty and BOM-only files, NUL bytes, invalid UTF-8,
 * binary data, absurd nesting, a 5 MB line, 200,000 entries, CR LF and
 * mixed line endings, missing files, directories, files that cannot be
 * written, writes that fail part way, symbolic links.
 *
 * Each case runs the binary and asserts what a maintainer sees: the exit
 * code of README's contract (0 clean, 1 findings, 2 trouble), a message
 * naming the file and the problem, and a file that is either fixed as the
 * rules say or left byte-identical. Cases test_cli.c covers already (a
 * missing file's exit code, an executable as input, a fix that fails
 * verification) are only completed here. Expected positions are counted by
 * hand from the bytes written.
 */
#include <criterion/criterion.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "arena.h"
#include "support.h"

#define RUN(...) awl_test_run((const char *const[]){__VA_ARGS__, NULL}, NULL, 0, NULL)

#define EXPECT_STATUS(r, want)                                                                     \
    cr_expect_eq((r).status, (want), "exit %d, want %d\nstdout: %.2000s\nstderr: %.2000s",        \
                 (r).status, (want), (r).out, (r).err)

#define EXPECT_IN(haystack, needle)                                                                \
    cr_expect(strstr((haystack), (needle)) != NULL, "no \"%s\" in: %.2000s", (needle), (haystack))

/* Writes dir/name with `len` bytes; heap path. */
static char *put_bytes(const char *dir, const char *name, const char *bytes, size_t len)
{
    char *path = awl_test_join(dir, name);
    awl_test_write(path, bytes, len);
    return path;
}

static void expect_file(const char *path, const char *bytes, size_t len)
{
    size_t got = 0;
    char *text = awl_test_read(path, &got);
    cr_assert_not_null(text, "%s is gone", path);
    cr_expect(got == len && memcmp(text, bytes, len) == 0,
              "%s: %zu bytes, want %zu bytes as written", path, got, len);
    free(text);
}

/* The number of entries in dir; fails on a temporary file left behind. */
static size_t entries_in(const char *dir)
{
    DIR *d = opendir(dir);
    cr_assert_not_null(d, "cannot list %s", dir);
    size_t n = 0;
    struct dirent *e;
    while ((e = readdir(d))) {
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
            continue;
        cr_expect_null(strstr(e->d_name, ".awelint-"), "temporary file left: %s", e->d_name);
        n++;
    }
    closedir(d);
    return n;
}

/* One file of bad input: linting it exits `lint_status` with each of
 * `says` (up to 3) in the output; --fix exits `fix_status` and leaves the
 * file as `fixed` (NULL: as it was), with no temporary file beside it. */
typedef struct bad_case {
    const char *name;
    const char *bytes;
    size_t len;
    int lint_status, fix_status;
    const char *fixed;
    size_t fixed_len;
    const char *says[3];
} bad_case;

static void check_case(const bad_case *c)
{
    char *dir = awl_test_tmpdir();
    char *path = put_bytes(dir, c->name, c->bytes, c->len);
    run_result lint = RUN("--no-config", path);
    EXPECT_STATUS(lint, c->lint_status);
    for (size_t i = 0; i < 3 && c->says[i]; i++)
        EXPECT_IN(lint.out, c->says[i]);
    cr_expect_str_eq(lint.err, "", "%s", c->name);
    run_result fix = RUN("--no-config", "--fix", path);
    EXPECT_STATUS(fix, c->fix_status);
    if (c->fixed)
        expect_file(path, c->fixed, c->fixed_len);
    else
        expect_file(path, c->bytes, c->len);
    cr_expect_eq(entries_in(dir), 1);
    awl_test_run_free(&fix);
    awl_test_run_free(&lint);
    awl_test_remove_tree(dir);
    free(path);
    free(dir);
}

#define LEN(literal) (sizeof literal - 1)

/* ---- contents ------------------------------------------------------------ */

Test(contents, empty_file)
{
    check_case(&(bad_case){"empty.md", "", 0, 0, 0, .says = {"No problems in 1 file."}});
}

Test(contents, bom_only)
{
    /* bom reports the mark (info: exit 0); the fix leaves an empty file. */
    check_case(&(bad_case){
        "bom.md", "\xEF\xBB\xBF", 3, 0, 0, "", 0,
        {"bom.md:1:1: info: the file starts with a UTF-8 byte order mark [bom]",
         "1 problem (0 errors, 0 warnings, 1 info)"}});
}

Test(contents, nul_bytes)
{
    /* Valid UTF-8 with a NUL is a damaged list, not binary data: reported
     * (an error: exit 1), never fixed. "- [x](http://a)" is 15 columns. */
    const char bytes[] = "# A\n\n- [x](http://a)\0 - y.\n";
    check_case(&(bad_case){"nul.md", bytes, LEN(bytes), 1, 1,
                           .says = {"nul.md:3:16: error: NUL byte (U+0000)", "[control-char]"}});
}

Test(contents, invalid_utf8)
{
    /* Latin-1 "é" (E9) at column 7 and FF FE at column 22, as the kit
     * writes them; --fix has nothing safe to do, --unsafe-fixes replaces
     * each bad sequence with U+FFFD. */
    const char bytes[] = "# A\n\n- [caf\xE9](http://a) - \xFF\xFE broken.\n";
    check_case(&(bad_case){"latin1.md", bytes, LEN(bytes), 1, 1,
                           .says = {"latin1.md:3:7: error: 1 byte(s) of invalid UTF-8",
                                    "latin1.md:3:22: error: 2 byte(s) of invalid UTF-8"}});

    char *dir = awl_test_tmpdir();
    char *path = put_bytes(dir, "latin1.md", bytes, LEN(bytes));
    run_result r = RUN("--no-config", "--unsafe-fixes", path);
    EXPECT_STATUS(r, 0);
    const char repaired[] = "# A\n\n- [caf\xEF\xBF\xBD](http://a) - \xEF\xBF\xBD\xEF\xBF\xBD broken.\n";
    expect_file(path, repaired, LEN(repaired));
    awl_test_run_free(&r);
    awl_test_remove_tree(dir);
    free(path);
    free(dir);
}

Test(contents, binary_data_among_lists)
{
    /* A binary file in a directory is skipped with exit 2 and its name;
     * the list beside it is still linted and fixed. */
    char *dir = awl_test_tmpdir();
    const char binary[] = "\x7f"
                          "ELF\x02\x01\x01\x00\x00\x00\xff\xfe\x00\x00\x80\x90";
    char *bin = put_bytes(dir, "a-program.md", binary, sizeof binary - 1);
    const char list[] = "# L\n\n- [a](https://a.example) - A. \n";
    char *good = put_bytes(dir, "b-list.md", list, sizeof list - 1);
    run_result r = RUN("--no-config", "--fix", dir);
    EXPECT_STATUS(r, 2);
    EXPECT_IN(r.err, "a-program.md: binary data, not Markdown; skipped");
    expect_file(bin, binary, sizeof binary - 1);
    const char fixed[] = "# L\n\n- [a](https://a.example) - A.\n";
    expect_file(good, fixed, sizeof fixed - 1);
    awl_test_run_free(&r);
    awl_test_remove_tree(dir);
    free(good);
    free(bin);
    free(dir);
}

/* ---- size and nesting ------------------------------------------------------ */

/* `count` copies of `unit` followed by `tail`; heap, length in *len. */
static char *repeat(const char *unit, size_t count, const char *tail, size_t *len)
{
    size_t unit_len = strlen(unit), tail_len = strlen(tail);
    *len = unit_len * count + tail_len;
    char *out = awl_xmalloc(*len + 1);
    for (size_t i = 0; i < count; i++)
        memcpy(out + i * unit_len, unit, unit_len);
    memcpy(out + unit_len * count, tail, tail_len + 1);
    return out;
}

Test(size, block_quotes_100000_deep)
{
    size_t len;
    char *bytes = repeat(">", 100000, " x\n", &len);
    check_case(&(bad_case){"quotes.md", bytes, len, 0, 0, .says = {"No problems in 1 file."}});
    free(bytes);
}

Test(size, lists_3000_deep)
{
    /* Item i is indented by 2i spaces: each nests in the one above. */
    awl_buf doc = {0};
    for (size_t i = 0; i < 3000; i++) {
        for (size_t s = 0; s < i; s++)
            awl_buf_append(&doc, "  ", 2);
        awl_buf_append(&doc, "- x\n", 4);
    }
    check_case(&(bad_case){"nested.md", doc.data, doc.len, 0, 0, .says = {"in 1 file"}});
    awl_buf_free(&doc);
}

Test(size, line_of_5_mb)
{
    /* One 5,000,000-character link title, then a trailing space, which
     * the fix removes and nothing else. "- [" + 5,000,000 +
     * "](https://a.example)" is 5,000,023 columns. */
    awl_buf doc = {0};
    awl_buf_puts(&doc, "- [");
    for (size_t i = 0; i < 5000000; i++)
        awl_buf_append(&doc, "a", 1);
    awl_buf_puts(&doc, "](https://a.example) \n");
    size_t len = doc.len;
    const char *bytes = doc.data;
    char *fixed = awl_xmalloc(len);
    memcpy(fixed, bytes, len - 2);
    fixed[len - 2] = '\n';
    check_case(&(bad_case){
        "long.md", bytes, len, 0, 0, fixed, len - 1,
        {"long.md:1:5000024: warning: trailing white space [trailing-space]"}});
    free(fixed);
    awl_buf_free(&doc);
}

Test(size, entries_200000)
{
    awl_buf doc = {0};
    awl_buf_puts(&doc, "# Papers\n\n## All\n\n");
    for (size_t i = 0; i < 200000; i++)
        awl_buf_printf(&doc, "- [Paper %06zu](https://arxiv.org/abs/%zu) - P.\n", i, i);
    check_case(&(bad_case){"many.md", doc.data, doc.len, 0, 0, .says = {"No problems in 1 file."}});
    awl_buf_free(&doc);
}

/* ---- line endings ---------------------------------------------------------- */

static const char lf_list[] = "# T\n\n## A\n\n- [b](http://b) - B.\n- [a](http://a) - A.\n";

Test(line_endings, crlf)
{
    /* Positions count lines by CR LF; the fix makes every line end LF and
     * drops the trailing space of line 5 ("- [b](http://b) - B." is 20). */
    const char bytes[] = "# T\r\n\r\n## A\r\n\r\n- [b](http://b) - B. \r\n- [a](http://a) - A.\r\n";
    check_case(&(bad_case){"crlf.md", bytes, LEN(bytes), 0, 0, lf_list, LEN(lf_list),
                           {"crlf.md:1:4: warning: 6 lines end in CR LF or CR, not LF",
                            "crlf.md:5:21: warning: trailing white space [trailing-space]"}});
}

Test(line_endings, mixed)
{
    /* Lines 3, 5 and 6 end in CR LF, the others in LF. */
    const char bytes[] = "# T\n\n## A\r\n\n- [b](http://b) - B.\r\n- [a](http://a) - A.\r\n";
    check_case(&(bad_case){
        "mixed.md", bytes, LEN(bytes), 0, 0, lf_list, LEN(lf_list),
        {"mixed.md:3:5: warning: 3 lines end in CR LF or CR, not LF (mixed line endings)"}});
}

/* ---- paths ------------------------------------------------------------------- */

Test(paths, missing_file_with_fix_creates_nothing)
{
    char *dir = awl_test_tmpdir();
    char *path = awl_test_join(dir, "gone.md");
    run_result r = RUN("--no-config", "--fix", path);
    EXPECT_STATUS(r, 2);
    EXPECT_IN(r.err, path);
    EXPECT_IN(r.err, "No such file or directory");
    cr_expect_eq(entries_in(dir), 0, "--fix created something");
    awl_test_run_free(&r);
    awl_test_remove_tree(dir);
    free(path);
    free(dir);
}

Test(paths, directory_with_odd_entries)
{
    /* A directory named like a list is walked, a FIFO named like a list is
     * not read (reading it would hang), a dangling link is skipped. */
    char *dir = awl_test_tmpdir();
    char *sub = awl_test_join(dir, "looks-like.md");
    cr_assert_eq(mkdir(sub, 0755), 0);
    const char list[] = "# L\n\n- [a](https://a.example) - A. \n";
    char *inner = put_bytes(sub, "inner.md", list, sizeof list - 1);
    char *fifo = awl_test_join(dir, "pipe.md");
    cr_assert_eq(mkfifo(fifo, 0644), 0);
    char *dangling = awl_test_join(dir, "dangling.md");
    cr_assert_eq(symlink("nowhere.md", dangling), 0);
    run_result r = RUN("--no-config", dir);
    EXPECT_STATUS(r, 0);
    EXPECT_IN(r.out, "looks-like.md/inner.md:3:30: warning: trailing white space");
    EXPECT_IN(r.out, "in 1 file");
    awl_test_run_free(&r);
    awl_test_remove_tree(dir);
    free(dangling);
    free(fifo);
    free(inner);
    free(sub);
    free(dir);
}

Test(paths, unreadable_directory)
{
    /* A sub-directory only its owner (root, or us) may read. */
    char *dir = awl_test_tmpdir();
    cr_assert_eq(chmod(dir, 0755), 0);
    char *closed = awl_test_join(dir, "closed");
    cr_assert_eq(mkdir(closed, 0700), 0);
    const char list[] = "# L\n\n- [a](https://a.example) - A.\n";
    char *inside = put_bytes(closed, "list.md", list, sizeof list - 1);
    if (geteuid() != 0)
        cr_assert_eq(chmod(closed, 0), 0);
    run_result r = awl_test_run_unprivileged((const char *const[]){"--no-config", dir, NULL});
    EXPECT_STATUS(r, 2);
    EXPECT_IN(r.err, closed);
    EXPECT_IN(r.err, "cannot read the directory: Permission denied");
    chmod(closed, 0700);
    awl_test_run_free(&r);
    awl_test_remove_tree(dir);
    free(inside);
    free(closed);
    free(dir);
}

/* ---- writing ------------------------------------------------------------------ */

static const char needs_fix[] = "# L\n\n- [a](https://a.example) - A. \n";

Test(writing, file_that_cannot_be_written)
{
    /* The directory is read-only for the user running awelint (as root,
     * the binary runs as nobody: root writes anywhere). */
    char *dir = awl_test_tmpdir();
    char *path = put_bytes(dir, "README.md", needs_fix, sizeof needs_fix - 1);
    cr_assert_eq(chmod(path, 0644), 0);
    cr_assert_eq(chmod(dir, 0555), 0);
    run_result r =
        awl_test_run_unprivileged((const char *const[]){"--no-config", "--fix", path, NULL});
    chmod(dir, 0755);
    EXPECT_STATUS(r, 2);
    EXPECT_IN(r.err, path);
    EXPECT_IN(r.err, "cannot write the fixed file: Permission denied; the file is left as it was");
    expect_file(path, needs_fix, sizeof needs_fix - 1);
    cr_expect_eq(entries_in(dir), 1);
    awl_test_run_free(&r);
    awl_test_remove_tree(dir);
    free(path);
    free(dir);
}

Test(writing, write_failing_midway)
{
    /* A file size limit lets the first 4096 bytes of the temporary file
     * through and fails the rest with EFBIG, for any user. */
    awl_buf doc = {0};
    awl_buf_puts(&doc, "# L\n\n");
    for (size_t i = 0; i < 400; i++)
        awl_buf_printf(&doc, "- [Tool %03zu](https://t.example/%zu) - T. \n", i, i);
    char *dir = awl_test_tmpdir();
    char *path = put_bytes(dir, "README.md", doc.data, doc.len);
    run_result r = awl_test_run_limited((const char *const[]){"--no-config", "--fix", path, NULL},
                                        NULL, 0, NULL, 4096);
    EXPECT_STATUS(r, 2);
    EXPECT_IN(r.err, path);
    EXPECT_IN(r.err, "cannot write the fixed file: File too large; the file is left as it was");
    expect_file(path, doc.data, doc.len);
    cr_expect_eq(entries_in(dir), 1);
    awl_test_run_free(&r);
    awl_test_remove_tree(dir);
    free(path);
    free(dir);
    awl_buf_free(&doc);
}

Test(writing, symlink_fix_writes_the_target)
{
    char *dir = awl_test_tmpdir();
    char *real = awl_test_join(dir, "real");
    cr_assert_eq(mkdir(real, 0755), 0);
    char *target = put_bytes(real, "list.md", needs_fix, sizeof needs_fix - 1);
    cr_assert_eq(chmod(target, 0640), 0);
    char *link = awl_test_join(dir, "README.md");
    cr_assert_eq(symlink("real/list.md", link), 0);

    run_result r = RUN("--no-config", "--fix", link);
    EXPECT_STATUS(r, 0);
    EXPECT_IN(r.out, "Fixed 1 problem.");
    const char fixed[] = "# L\n\n- [a](https://a.example) - A.\n";
    expect_file(target, fixed, sizeof fixed - 1);
    struct stat st;
    cr_assert_eq(lstat(link, &st), 0);
    cr_expect(S_ISLNK(st.st_mode), "the link was replaced by a file");
    char pointed[64] = {0};
    cr_expect_eq(readlink(link, pointed, sizeof pointed - 1), 12);
    cr_expect_str_eq(pointed, "real/list.md");
    cr_assert_eq(stat(target, &st), 0);
    cr_expect_eq(st.st_mode & 07777, 0640, "target mode %o", st.st_mode & 07777);
    cr_expect_eq(entries_in(dir), 2);
    cr_expect_eq(entries_in(real), 1);
    awl_test_run_free(&r);
    awl_test_remove_tree(dir);
    free(link);
    free(target);
    free(real);
    free(dir);
}
