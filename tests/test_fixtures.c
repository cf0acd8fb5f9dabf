/*
 * test_fixtures: the fixture runner.
 *
 * Every fixtures/NAME.md (other than NAME.fixed.md) comes with
 *   NAME.diag      the expected findings, one "line:col rule" per line, in order
 *   NAME.fixed.md  the exact output of `awelint --fix`
 * both written by hand from the rules' descriptions. The runner feeds NAME.md
 * to the awelint binary on standard input, twice:
 *   --format json --no-config -   findings, compared with NAME.diag exactly
 *   --fix --no-config -           output, compared with NAME.fixed.md byte for byte
 * and checks that fixing NAME.fixed.md again changes nothing.
 *
 * A directory fixtures/DIR/ holding a `.awelint.yml` is a config fixture:
 * each DIR/NAME.md is linted by its path (so the config is found beside it,
 * as a user's would be) and fixed with --config DIR/.awelint.yml. Its
 * NAME.diag lines also give the severity, "line:col rule severity", since
 * configs change severities; and the findings must differ from those
 * without the config, or the fixture proves nothing.
 */
#include <criterion/criterion.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "support.h"

static bool ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), m = strlen(suffix);
    return n >= m && strcmp(s + n - m, suffix) == 0;
}

static int compare_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* A printable copy with CR, LF and tab spelled out; heap. */
static char *show(const char *bytes, size_t len)
{
    char *out = awl_xmalloc(len * 2 + 1);
    size_t w = 0;
    for (size_t i = 0; i < len; i++) {
        char c = bytes[i];
        if (c == '\r' || c == '\t') {
            out[w++] = '\\';
            out[w++] = c == '\r' ? 'r' : 't';
        } else {
            out[w++] = c;
        }
    }
    out[w] = '\0';
    return out;
}

/* Turns the JSON report into "line:col rule\n" lines. The report's strings
 * are JSON-escaped, so `{"rule":"` only ever starts a finding. */
static void findings_of(const char *json, awl_buf *out, bool with_severity)
{
    awl_buf_append(out, "", 0);
    const char *p = json;
    while ((p = strstr(p, "{\"rule\":\""))) {
        p += strlen("{\"rule\":\"");
        const char *id_end = strchr(p, '"');
        if (!id_end)
            break;
        const char *line = strstr(id_end, "\"line\":");
        const char *column = strstr(id_end, "\"column\":");
        if (!line || !column)
            break;
        unsigned long l = strtoul(line + strlen("\"line\":"), NULL, 10);
        unsigned long c = strtoul(column + strlen("\"column\":"), NULL, 10);
        const char *severity = strstr(id_end, "\"severity\":\"");
        if (!severity)
            break;
        severity += strlen("\"severity\":\"");
        awl_buf_printf(out, "%lu:%lu %.*s", l, c, (int)(id_end - p), p);
        if (with_severity)
            awl_buf_printf(out, " %.*s", (int)strcspn(severity, "\""), severity);
        awl_buf_putc(out, '\n');
        p = id_end;
    }
}

static char *fixture_path(const char *dir, const char *base, const char *suffix)
{
    size_t len = strlen(dir) + strlen(base) + strlen(suffix) + 2;
    char *path = awl_xmalloc(len);
    snprintf(path, len, "%s/%s%s", dir, base, suffix);
    return path;
}

/* Runs fixture `name` of `dir`; `config` is the config fixture's
 * .awelint.yml, or NULL for the plain fixtures (run with --no-config). */
static void run_fixture(const char *dir, const char *name, const char *config)
{
    char base[512];
    snprintf(base, sizeof base, "%.*s", (int)(strlen(name) - 3), name);
    char *input_path = fixture_path(dir, base, ".md");
    char *diag_path = fixture_path(dir, base, ".diag");
    char *fixed_path = fixture_path(dir, base, ".fixed.md");
    size_t input_len = 0, diag_len = 0, fixed_len = 0;
    char *input = awl_test_read(input_path, &input_len);
    char *want_diag = awl_test_read(diag_path, &diag_len);
    char *want_fixed = awl_test_read(fixed_path, &fixed_len);
    cr_assert_not_null(input, "%s: cannot read", input_path);
    cr_expect_not_null(want_diag, "%s: missing %s.diag", name, base);
    cr_expect_not_null(want_fixed, "%s: missing %s.fixed.md", name, base);

    if (want_diag) {
        const char *plain_args[] = {"--format", "json", "--no-config", "-", NULL};
        const char *config_args[] = {"--format", "json", input_path, NULL};
        run_result r = awl_test_run(config ? config_args : plain_args, input, input_len, NULL);
        cr_expect(r.status == 0 || r.status == 1, "%s: lint exited %d: %s", name, r.status, r.err);
        awl_buf got = {0};
        findings_of(r.out, &got, config != NULL);
        cr_expect(got.len == diag_len && memcmp(got.data, want_diag, diag_len) == 0,
                  "%s: findings differ\n--- expected (%s.diag)\n%s--- got\n%s", name, base,
                  want_diag, got.data);
        if (config) {
            run_result plain = awl_test_run(plain_args, input, input_len, NULL);
            awl_buf without = {0};
            findings_of(plain.out, &without, true);
            cr_expect(strcmp(without.data, got.data) != 0,
                      "%s: the config beside it changes nothing", input_path);
            awl_buf_free(&without);
            awl_test_run_free(&plain);
        }
        awl_buf_free(&got);
        awl_test_run_free(&r);
    }

    if (want_fixed) {
        const char *plain_args[] = {"--fix", "--no-config", "-", NULL};
        const char *config_args[] = {"--fix", "--config", config, "-", NULL};
        const char *const *args = config ? config_args : plain_args;
        run_result r = awl_test_run(args, input, input_len, NULL);
        cr_expect(r.status == 0 || r.status == 1, "%s: --fix exited %d: %s", name, r.status, r.err);
        cr_expect(strstr(r.err, "not fixed") == NULL, "%s: %s", name, r.err);
        bool same = r.out_len == fixed_len && memcmp(r.out, want_fixed, fixed_len) == 0;
        if (!same) {
            char *want_shown = show(want_fixed, fixed_len);
            char *got_shown = show(r.out, r.out_len);
            cr_expect(same, "%s: --fix output differs from %s.fixed.md\n--- expected\n%s\n--- got\n%s",
                      name, base, want_shown, got_shown);
            free(want_shown);
            free(got_shown);
        }
        awl_test_run_free(&r);

        /* The expected output is itself settled: fixing it changes nothing. */
        run_result again = awl_test_run(args, want_fixed, fixed_len, NULL);
        cr_expect(again.out_len == fixed_len && memcmp(again.out, want_fixed, fixed_len) == 0,
                  "%s: fixing %s.fixed.md changes it again", name, base);
        awl_test_run_free(&again);
    }
    free(input);
    free(want_diag);
    free(want_fixed);
    free(input_path);
    free(diag_path);
    free(fixed_path);
}

/* The fixture inputs (NAME.md but not NAME.fixed.md) of `path`, sorted;
 * the caller frees each name and the vector. */
static awl_vec fixture_names(const char *path)
{
    DIR *dir = opendir(path);
    cr_assert_not_null(dir, "cannot open %s", path);
    awl_vec names;
    awl_vec_init(&names, sizeof(char *));
    struct dirent *ent;
    while ((ent = readdir(dir))) {
        const char *n = ent->d_name;
        if (n[0] == '.' || !ends_with(n, ".md") || ends_with(n, ".fixed.md"))
            continue;
        *(char **)awl_vec_push(&names) = awl_xstrndup(n, strlen(n));
    }
    closedir(dir);
    qsort(names.items, names.count, sizeof(char *), compare_names);
    return names;
}

static void free_names(awl_vec *names)
{
    for (size_t i = 0; i < names->count; i++)
        free(*(char **)awl_vec_at(names, i));
    awl_vec_free(names);
}

Test(fixtures, every_fixture_matches)
{
    awl_vec names = fixture_names(AWL_TEST_FIXTURES);
    cr_assert_gt(names.count, 0, "no fixture found in %s", AWL_TEST_FIXTURES);
    bool demo = false;
    for (size_t i = 0; i < names.count; i++) {
        const char *n = *(char **)awl_vec_at(&names, i);
        demo |= strcmp(n, "demo.md") == 0;
        run_fixture(AWL_TEST_FIXTURES, n, NULL);
    }
    cr_expect(demo, "fixtures/demo.md (shown by `make demo`) is missing");
    free_names(&names);
}

Test(fixtures, every_config_fixture_matches)
{
    DIR *dir = opendir(AWL_TEST_FIXTURES);
    cr_assert_not_null(dir, "cannot open %s", AWL_TEST_FIXTURES);
    size_t config_dirs = 0;
    struct dirent *ent;
    while ((ent = readdir(dir))) {
        if (ent->d_name[0] == '.')
            continue;
        char *sub = awl_test_join(AWL_TEST_FIXTURES, ent->d_name);
        char *config = awl_test_join(sub, ".awelint.yml");
        size_t len;
        char *text = awl_test_read(config, &len);
        if (text) {
            config_dirs++;
            awl_vec names = fixture_names(sub);
            cr_expect_gt(names.count, 0, "%s holds a config but no NAME.md", sub);
            for (size_t i = 0; i < names.count; i++)
                run_fixture(sub, *(char **)awl_vec_at(&names, i), config);
            free_names(&names);
            free(text);
        }
        free(config);
        free(sub);
    }
    closedir(dir);
    cr_expect_geq(config_dirs, 3, "expected the config fixtures (fixtures/config-*/)");
}

Test(fixtures, runner_reads_findings_from_json)
{
    /* The runner's own parser, on a report written by hand. */
    const char *json = "{\"version\":1,\"files\":[{\"path\":\"-\",\"diagnostics\":["
                       "{\"rule\":\"trailing-space\",\"severity\":\"warning\",\"line\":3,"
                       "\"column\":7,\"end_line\":3,\"end_column\":9,\"message\":"
                       "\"a \\\"{\\\"rule\\\":\\\"x\\\"\\\" quote\",\"fixable\":true,\"fix\":\"safe\"},"
                       "{\"rule\":\"final-newline\",\"severity\":\"warning\",\"line\":12,"
                       "\"column\":1,\"end_line\":14,\"end_column\":1,\"message\":\"m\","
                       "\"fixable\":true,\"fix\":\"safe\"}]}]}";
    awl_buf got = {0};
    findings_of(json, &got, false);
    cr_expect_str_eq(got.data, "3:7 trailing-space\n12:1 final-newline\n");
    awl_buf_clear(&got);
    findings_of(json, &got, true);
    cr_expect_str_eq(got.data, "3:7 trailing-space warning\n12:1 final-newline warning\n");
    awl_buf_free(&got);
}
