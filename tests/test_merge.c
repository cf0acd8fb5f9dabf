/*
 * test_merge: awelint merge. The fixtures under fixtures/merge/NAME/ hold
 * the sources (1.md, 2.md, ...), an optional `map` (Old=New lines), the
 * merged list expected (expected.md) and the report expected
 * (expected.report), all written and read by hand. The corpus tests merge
 * the seeds and two large real lists and lint the result.
 */
#include <criterion/criterion.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "merge.h"
#include "support.h"

#define MERGE_FIXTURES AWL_TEST_FIXTURES "/merge"
#define SEEDS AWL_TEST_SHARED "/corpus/seeds"
#define REAL AWL_TEST_SHARED "/corpus/real"

typedef struct sources {
    awl_merge_input inputs[8];
    char *bytes[8];
    size_t count;
    awl_section_map maps[8];
    size_t map_count;
    char *map_text;
} sources;

static void add_source(sources *s, const char *path, const char *name)
{
    size_t len = 0;
    char *bytes = awl_test_read(path, &len);
    cr_assert_not_null(bytes, "cannot read %s", path);
    s->bytes[s->count] = bytes;
    s->inputs[s->count++] = (awl_merge_input){name, bytes, len};
}

/* A fixture's sources, named 1.md, 2.md, ... as in its expected report. */
static void load_fixture(sources *s, const char *name)
{
    memset(s, 0, sizeof *s);
    for (int i = 1; i <= 8; i++) {
        char path[512], file[16];
        snprintf(file, sizeof file, "%d.md", i);
        snprintf(path, sizeof path, "%s/%s/%s", MERGE_FIXTURES, name, file);
        if (access(path, R_OK) != 0)
            break;
        add_source(s, path, strdup(file));
    }
    char path[512];
    snprintf(path, sizeof path, "%s/%s/map", MERGE_FIXTURES, name);
    size_t len = 0;
    s->map_text = awl_test_read(path, &len);
    for (char *line = s->map_text; line && *line && s->map_count < 8;) {
        char *end = strchr(line, '\n');
        if (end)
            *end = '\0';
        char *eq = strchr(line, '=');
        if (eq) {
            *eq = '\0';
            s->maps[s->map_count++] = (awl_section_map){line, eq + 1};
        }
        line = end ? end + 1 : line + strlen(line);
    }
}

static void free_sources(sources *s)
{
    for (size_t i = 0; i < s->count; i++) {
        free(s->bytes[i]);
        if (strstr(s->inputs[i].name, "/") == NULL)
            free((char *)s->inputs[i].name);
    }
    free(s->map_text);
}

static char *expected(const char *name, const char *file)
{
    char path[512];
    snprintf(path, sizeof path, "%s/%s/%s", MERGE_FIXTURES, name, file);
    size_t len = 0;
    char *text = awl_test_read(path, &len);
    cr_assert_not_null(text, "missing %s", path);
    return text;
}

static void check_fixture(const char *name)
{
    sources s;
    load_fixture(&s, name);
    cr_assert_geq(s.count, 2, "%s: fewer than two sources", name);
    awl_merge_result result;
    awl_merge_texts(s.inputs, s.count, s.maps, s.map_count, &result);
    char *want = expected(name, "expected.md");
    cr_expect_str_eq(result.text.data, want, "%s: merged list differs", name);
    awl_buf report = {0};
    awl_merge_report_text(&result, s.inputs, &report);
    char *want_report = expected(name, "expected.report");
    cr_expect_str_eq(report.data, want_report, "%s: report differs", name);
    /* the same sources in the same order: byte for byte the same */
    awl_merge_result again;
    awl_merge_texts(s.inputs, s.count, s.maps, s.map_count, &again);
    cr_expect(again.text.len == result.text.len &&
                  memcmp(again.text.data, result.text.data, result.text.len) == 0,
              "%s: a second merge differs", name);
    /* what awelint says about the merged list: no error or warning (an
     * info such as venue-missing reports what a source lacked) */
    awl_diags diags;
    awl_doc *doc = awl_test_lint(result.text.data, &diags);
    size_t serious = 0;
    for (size_t i = 0; i < diags.items.count; i++)
        serious += ((awl_diag *)awl_vec_at(&diags.items, i))->severity >= AWL_SEVERITY_WARNING;
    cr_expect_eq(serious, 0, "%s: the merged list has %zu errors and warnings", name, serious);
    awl_diags_free(&diags);
    awl_doc_free(doc);
    awl_merge_result_free(&again);
    awl_merge_result_free(&result);
    awl_buf_free(&report);
    free(want);
    free(want_report);
    free_sources(&s);
}

Test(merge_fixtures, sections_matched_mapped_and_added)
{
    check_fixture("sections");
}
Test(merge_fixtures, venue_conflicts)
{
    check_fixture("venue-conflict");
}
Test(merge_fixtures, link_union)
{
    check_fixture("link-union");
}
Test(merge_fixtures, paragraph_lists)
{
    check_fixture("paragraphs");
}
Test(merge_fixtures, sections_kept_in_order_stay_in_order)
{
    check_fixture("order");
}

Test(merge_fixtures, every_fixture_has_a_test)
{
    DIR *dir = opendir(MERGE_FIXTURES);
    cr_assert_not_null(dir);
    static const char *const known[] = {"sections", "venue-conflict", "link-union", "paragraphs",
                                        "order"};
    struct dirent *ent;
    while ((ent = readdir(dir))) {
        if (ent->d_name[0] == '.')
            continue;
        bool found = false;
        for (size_t i = 0; i < sizeof known / sizeof known[0]; i++)
            found |= strcmp(known[i], ent->d_name) == 0;
        cr_expect(found, "fixtures/merge/%s is run by no test", ent->d_name);
    }
    closedir(dir);
}

Test(merge_keys, headings_match_as_a_reader_would)
{
    awl_arena arena = {0};
    const char *same[][2] = {
        {"2.5 Distributed Training", "distributed training"},
        {"Training & Inference", "Training and inference"},
        {"Serving Systems", "serving system"},
        {"IV. Libraries", "Library"},
        {"🚀 Tools", "Tools"},
        {"LLM-Serving", "LLM Serving"},
    };
    for (size_t i = 0; i < sizeof same / sizeof same[0]; i++)
        cr_expect_str_eq(awl_merge_heading_key(&arena, same[i][0]),
                         awl_merge_heading_key(&arena, same[i][1]), "'%s' and '%s'", same[i][0],
                         same[i][1]);
    /* a year or a bare number is the heading, not numbering */
    cr_expect_str_eq(awl_merge_heading_key(&arena, "2018"), "2018");
    cr_expect_str_neq(awl_merge_heading_key(&arena, "Training"),
                      awl_merge_heading_key(&arena, "Serving"));
    cr_expect_str_neq(awl_merge_heading_key(&arena, "GPT 3"),
                      awl_merge_heading_key(&arena, "GPT 4"));
    awl_arena_free(&arena);
}

/* Merging a with b and b with a keeps the same papers: every entry of one
 * result is a copy of an entry of the other, by the duplicate keys. */
static void check_order_free(awl_merge_input *inputs, size_t count, const char *what)
{
    awl_merge_result forward, backward;
    awl_merge_texts(inputs, count, NULL, 0, &forward);
    awl_merge_input reversed[8];
    for (size_t i = 0; i < count; i++)
        reversed[i] = inputs[count - 1 - i];
    awl_merge_texts(reversed, count, NULL, 0, &backward);
    cr_expect_eq(forward.entries_out, backward.entries_out,
                 "%s: %zu entries one way, %zu the other", what, forward.entries_out,
                 backward.entries_out);
    awl_merge_input both[2] = {{"forward.md", forward.text.data, forward.text.len},
                               {"backward.md", backward.text.data, backward.text.len}};
    awl_merge_result cross;
    awl_merge_texts(both, 2, NULL, 0, &cross);
    cr_expect_eq(cross.entries_out, forward.entries_out,
                 "%s: merging both orders' results gives %zu entries, not %zu", what,
                 cross.entries_out, forward.entries_out);
    awl_merge_result_free(&cross);
    awl_merge_result_free(&forward);
    awl_merge_result_free(&backward);
}

Test(merge_order, the_set_of_entries_does_not_depend_on_source_order)
{
    static const char *const names[] = {"sections", "venue-conflict", "link-union", "paragraphs",
                                        "order"};
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        sources s;
        load_fixture(&s, names[i]);
        check_order_free(s.inputs, s.count, names[i]);
        free_sources(&s);
    }
}

/* The path of the one file of `dir` whose name starts with `prefix`. */
static char *find_file(const char *dir, const char *prefix)
{
    DIR *d = opendir(dir);
    if (!d)
        return NULL;
    char *found = NULL;
    struct dirent *ent;
    while ((ent = readdir(d)) && !found)
        if (strncmp(ent->d_name, prefix, strlen(prefix)) == 0)
            found = awl_test_join(dir, ent->d_name);
    closedir(d);
    return found;
}

static size_t count_lines_with(const char *text, const char *needle)
{
    size_t n = 0;
    for (const char *p = text; (p = strstr(p, needle)); p += strlen(needle))
        n++;
    return n;
}

/* Merges corpus files through the binary; checks the list awelint then
 * reports on; returns the report. */
static run_result merge_corpus(const char *const *paths, size_t count, double *seconds,
                               size_t *entries)
{
    char *tmp = awl_test_tmpdir();
    char *out = awl_test_join(tmp, "merged.md");
    const char *args[12] = {"merge", "-o", out};
    for (size_t i = 0; i < count; i++)
        args[3 + i] = paths[i];
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    run_result r = awl_test_run(args, NULL, 0, NULL);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    *seconds = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
    cr_assert_eq(r.status, 0, "merge failed: %s", r.err);
    const char *lint[] = {"--format", "json", out, NULL};
    run_result l = awl_test_run(lint, NULL, 0, NULL);
    cr_expect_eq(l.status, 0, "awelint finds errors in the merged list");
    cr_expect_null(strstr(l.out, "\"severity\":\"error\""), "an error in the merged list");
    cr_expect_null(strstr(l.out, "\"rule\":\"duplicate-entry\""), "a duplicate in the merged list");
    awl_test_run_free(&l);
    const char *exp[] = {"export", out, NULL};
    run_result e = awl_test_run(exp, NULL, 0, NULL);
    *entries = count_lines_with(e.out, "\"shape\":");
    awl_test_run_free(&e);
    free(out);
    awl_test_remove_tree(tmp);
    free(tmp);
    return r;
}

Test(merge_corpus, seeds_000_001_004)
{
    char *a = find_file(SEEDS, "000_"), *b = find_file(SEEDS, "001_"),
         *c = find_file(SEEDS, "004_");
    if (!a || !b || !c) {
        free(a), free(b), free(c);
        cr_skip_test("no shared corpus");
    }
    const char *paths[] = {a, b, c};
    double seconds;
    size_t entries;
    run_result r = merge_corpus(paths, 3, &seconds, &entries);
    /* 174 entries in; 25 copies dropped (counted by hand from the report:
     * 4 within seed 000, 15 of seed 001's, 6 of seed 004's) */
    cr_expect_eq(entries, 149, "%zu entries in the merged list", entries);
    cr_expect_eq(count_lines_with(r.err, ": duplicate: "), 25);
    cr_expect_not_null(
        strstr(r.err, "merged: 174 entries read, 149 written, 25 duplicates dropped"));
    cr_expect_not_null(strstr(r.err, "'Hidet: Task-Mapping Programming Paradigm for Deep Learning "
                                     "Tensor Programs.': ASPLOS'23 over no tag"));
    awl_test_run_free(&r);
    free(a), free(b), free(c);
}

Test(merge_corpus, two_large_real_lists_in_under_a_second)
{
    char *a = find_file(REAL, "byungsoo-oh__ml-systems-papers"),
         *b = find_file(REAL, "lambda7xx__awesome-AI-system");
    if (!a || !b) {
        free(a), free(b);
        cr_skip_test("no shared corpus");
    }
    const char *paths[] = {a, b};
    double seconds;
    size_t entries;
    run_result r = merge_corpus(paths, 2, &seconds, &entries);
    cr_expect_lt(seconds, 1.0, "merge took %.2f s", seconds);
    cr_expect_gt(entries, 1500);
    cr_expect_gt(count_lines_with(r.err, ": duplicate: "), 100);
    awl_test_run_free(&r);
    const char *reversed[] = {b, a};
    r = merge_corpus(reversed, 2, &seconds, &entries);
    cr_expect_lt(seconds, 1.0, "merge took %.2f s", seconds);
    awl_test_run_free(&r);
    free(a), free(b);
}

/* Runs awelint with args; expects exit 2, nothing on standard output and
 * `needle` in the message. */
static void expect_refused(const char *const *args, const char *needle)
{
    run_result r = awl_test_run(args, NULL, 0, NULL);
    cr_expect_eq(r.status, 2, "exit %d: %s", r.status, r.err);
    cr_expect_str_eq(r.out, "");
    cr_expect_not_null(strstr(r.err, needle), "no '%s' in: %s", needle, r.err);
    awl_test_run_free(&r);
}

Test(merge_cli, a_source_served_over_http_merges_with_a_file)
{
    awl_test_server server = awl_test_server_start(MERGE_FIXTURES "/link-union");
    cr_assert_gt(server.port, 0, "the loopback server did not start");
    char url[128];
    snprintf(url, sizeof url, "http://127.0.0.1:%d/files/2.md", server.port);
    const char *args[] = {"merge", "--allow-private", MERGE_FIXTURES "/link-union/1.md", url, NULL};
    run_result r = awl_test_run(args, NULL, 0, NULL);
    char *want = expected("link-union", "expected.md");
    cr_expect_eq(r.status, 0, "%s", r.err);
    cr_expect_str_eq(r.out, want);
    cr_expect_not_null(strstr(r.err, "/files/2.md:5: duplicate: 'Megatron-LM"), "%s", r.err);
    awl_test_run_free(&r);
    /* without --allow-private the loopback address is refused */
    const char *guarded[] = {"merge", MERGE_FIXTURES "/link-union/1.md", url, NULL};
    expect_refused(guarded, "cannot fetch");
    free(want);
    awl_test_server_stop(&server);
}

/* A copy of a fixture's sources in a scratch directory. */
static char *scratch_fixture(const char *name)
{
    char *dir = awl_test_tmpdir();
    for (int i = 1; i <= 3; i++) {
        char src[512], file[16];
        snprintf(file, sizeof file, "%d.md", i);
        snprintf(src, sizeof src, "%s/%s/%s", MERGE_FIXTURES, name, file);
        size_t len = 0;
        char *bytes = awl_test_read(src, &len);
        if (!bytes)
            break;
        char *dst = awl_test_join(dir, file);
        awl_test_write(dst, bytes, len);
        free(dst);
        free(bytes);
    }
    return dir;
}

Test(merge_cli, into_rewrites_the_first_list_in_place)
{
    char *dir = scratch_fixture("venue-conflict");
    char *first = awl_test_join(dir, "1.md"), *second = awl_test_join(dir, "2.md");
    chmod(first, 0640);
    const char *args[] = {"merge", "--into", first, second, NULL};
    run_result r = awl_test_run(args, NULL, 0, NULL);
    cr_expect_eq(r.status, 0, "%s", r.err);
    cr_expect_str_eq(r.out, "");
    size_t len = 0;
    char *got = awl_test_read(first, &len), *want = expected("venue-conflict", "expected.md");
    cr_expect_str_eq(got, want);
    struct stat st;
    cr_expect(stat(first, &st) == 0 && (st.st_mode & 0777) == 0640, "the file's mode changed");
    awl_test_run_free(&r);
    free(got);
    free(want);
    free(first);
    free(second);
    awl_test_remove_tree(dir);
    free(dir);
}

Test(merge_cli, the_config_file_maps_sections_and_report_writes_json)
{
    char *dir = scratch_fixture("sections");
    char *config = awl_test_join(dir, ".awelint.yml");
    const char *yaml = "merge:\n  map:\n    Compilers: Compiler Stack\n";
    awl_test_write(config, yaml, strlen(yaml));
    char *git = awl_test_join(dir, ".git");
    mkdir(git, 0755); /* the walk for a config stops here */
    free(git);
    char *a = awl_test_join(dir, "1.md"), *b = awl_test_join(dir, "2.md"),
         *c = awl_test_join(dir, "3.md"), *report = awl_test_join(dir, "report.json");
    const char *args[] = {"merge", "--report", report, a, b, c, NULL};
    run_result r = awl_test_run(args, NULL, 0, NULL);
    cr_expect_eq(r.status, 0, "%s", r.err);
    char *want = expected("sections", "expected.md");
    cr_expect_str_eq(r.out, want);
    cr_expect_str_eq(r.err, "", "the report goes to the file, not standard error");
    size_t len = 0;
    char *json = awl_test_read(report, &len);
    cr_assert_not_null(json);
    cr_expect_not_null(strstr(json, "{\"version\":1,\"sources\":["));
    cr_expect_not_null(strstr(json, "\"kind\":\"section\",\"title\":\"Compilers\""));
    cr_expect_not_null(strstr(json, "\"detail\":\"mapped\",\"into\":\"1.3 Compiler Stack\""));
    cr_expect_not_null(strstr(json, "\"entries_in\":10,\"entries_out\":10"));
    /* a wrong map is an error naming the file and line */
    const char *bad = "merge:\n  map: [Compilers]\n";
    awl_test_write(config, bad, strlen(bad));
    awl_test_run_free(&r);
    r = awl_test_run(args, NULL, 0, NULL);
    cr_expect_eq(r.status, 2);
    cr_expect_not_null(strstr(r.err, ".awelint.yml:2: merge.map takes a map"), "%s", r.err);
    awl_test_run_free(&r);
    free(json);
    free(want);
    free(a), free(b), free(c), free(report), free(config);
    awl_test_remove_tree(dir);
    free(dir);
}

Test(merge_cli, usage_errors)
{
    const char *one[] = {"merge", MERGE_FIXTURES "/sections/1.md", NULL};
    expect_refused(one, "two SOURCEs");
    const char *missing[] = {"merge", MERGE_FIXTURES "/sections/1.md", "/nonexistent/list.md",
                             NULL};
    expect_refused(missing, "/nonexistent/list.md: cannot read");
    const char *map[] = {"merge",
                         "--map",
                         "NoEquals",
                         MERGE_FIXTURES "/sections/1.md",
                         MERGE_FIXTURES "/sections/2.md",
                         NULL};
    expect_refused(map, "--map takes 'Old heading=New heading'");
    /* binary data is no list: refused, as the linter skips it */
    char *dir = awl_test_tmpdir();
    char *binary = awl_test_join(dir, "blob.md");
    awl_test_write(binary,
                   "\x7f"
                   "ELF\0\0\xff\xfe",
                   8);
    const char *blob[] = {"merge", MERGE_FIXTURES "/sections/1.md", binary, NULL};
    expect_refused(blob, "binary data");
    free(binary);
    awl_test_remove_tree(dir);
    free(dir);
}
