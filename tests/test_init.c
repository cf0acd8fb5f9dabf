/*
 * test_init: `awelint --init`. The config it writes pins the conventions of
 * a list written here by hand (its bullet, its table of contents' levels,
 * the order of each section), loads back, and gives the same findings on
 * the list as no config does, for that list and every list of the shared
 * corpus. It is written beside the list, never over an existing config.
 */
#include <criterion/criterion.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "support.h"

/* '*' bullets; a table of contents of the level-2 headings; "Tools"
 * alphabetical, "News" newest first (by venue year), "Reading" in no order;
 * one finding (a trailing space on line 13). */
static const char init_list[] =
    "# Awesome Systems\n"
    "\n"
    "* [News](#news)\n"
    "* [Tools](#tools)\n"
    "* [Reading](#reading)\n"
    "\n"
    "## News\n"
    "\n"
    "* [Paper F](https://example.com/f) OSDI'24\n"
    "* [Paper E](https://example.com/e) OSDI'23\n"
    "* [Paper D](https://example.com/d) OSDI'22\n"
    "* [Paper C](https://example.com/c) OSDI'21\n"
    "* [Paper B](https://example.com/b) OSDI'20 \n"
    "* [Paper A](https://example.com/a) OSDI'19\n"
    "\n"
    "## Tools\n"
    "\n"
    "* [Alpa](https://example.com/alpa) - A tool.\n"
    "* [Bagua](https://example.com/bagua) - A tool.\n"
    "* [Colossal](https://example.com/colossal) - A tool.\n"
    "* [DeepSpeed](https://example.com/deepspeed) - A tool.\n"
    "* [FlexFlow](https://example.com/flexflow) - A tool.\n"
    "* [Horovod](https://example.com/horovod) - A tool.\n"
    "\n"
    "## Reading\n"
    "\n"
    "* [Zebra](https://example.com/zebra) - Read first.\n"
    "* [Ant](https://example.com/ant) - Read next.\n"
    "* [Moth](https://example.com/moth) - Read last.\n";

/* "line:col rule severity" lines of a JSON report, in order. */
static char *findings(const char *json)
{
    awl_buf out = {0};
    awl_buf_append(&out, "", 0);
    for (const char *p = json; (p = strstr(p, "{\"rule\":\""));) {
        p += strlen("{\"rule\":\"");
        const char *sev = strstr(p, "\"severity\":\"");
        const char *line = strstr(p, "\"line\":");
        const char *col = strstr(p, "\"column\":");
        if (!sev || !line || !col)
            break;
        sev += strlen("\"severity\":\"");
        awl_buf_printf(&out, "%lu:%lu %.*s %.*s\n", strtoul(line + 7, NULL, 10),
                       strtoul(col + 9, NULL, 10), (int)strcspn(p, "\""), p,
                       (int)strcspn(sev, "\""), sev);
    }
    return out.data;
}

/* The findings on `list` with `config_args` (two arguments). */
static char *findings_with(const char *list, const char *a, const char *b)
{
    const char *args[] = {"--format", "json", a, b, list, NULL};
    if (!b) {
        args[3] = list;
        args[4] = NULL;
    }
    run_result r = awl_test_run(args, NULL, 0, NULL);
    cr_expect(r.status == 0 || r.status == 1, "%s: exit %d: %s", list, r.status, r.err);
    char *got = findings(r.out);
    awl_test_run_free(&r);
    return got;
}

/* --init LIST - into scratch/.awelint.yml; then the findings with it must
 * be those without. Returns the config text (heap). */
static char *init_round_trip(const char *list, const char *scratch)
{
    const char *args[] = {"--init", list, "-", NULL};
    run_result r = awl_test_run(args, NULL, 0, NULL);
    cr_expect_eq(r.status, 0, "--init %s: exit %d: %s", list, r.status, r.err);
    char *config = awl_test_join(scratch, "init.yml");
    awl_test_write(config, r.out, r.out_len);
    char *with = findings_with(list, "--config", config);
    char *without = findings_with(list, "--no-config", NULL);
    cr_expect_str_eq(with, without, "%s: the config --init wrote changes the findings", list);
    char *text = r.out;
    r.out = NULL;
    awl_test_run_free(&r);
    free(with);
    free(without);
    free(config);
    return text;
}

Test(init, pins_the_conventions_of_a_list)
{
    char *dir = awl_test_tmpdir();
    char *list = awl_test_join(dir, "README.md");
    awl_test_write(list, init_list, strlen(init_list));
    char *config = init_round_trip(list, dir);
    cr_expect(strstr(config, "marker: \"*\"") != NULL, "bullet not pinned:\n%s", config);
    cr_expect(strstr(config, "min-level: 2") && strstr(config, "max-level: 2"),
              "table of contents levels not pinned:\n%s", config);
    cr_expect(strstr(config, "\"Tools\": alphabetical") != NULL, "Tools:\n%s", config);
    cr_expect(strstr(config, "\"News\": newest-first") != NULL, "News:\n%s", config);
    cr_expect(strstr(config, "\"Reading\"") == NULL, "Reading has no order:\n%s", config);
    cr_expect(strstr(config, "venue-style") != NULL, "the venue style's place is missing");

    /* The pins hold new entries to the list's conventions: a '-' item and
     * a tool out of order are findings with the config, not without. */
    const char *grown_text = "# Awesome Systems\n\n* [Tools](#tools)\n* [More](#more)\n* [Misc](#misc)\n\n"
                             "## Tools\n\n"
                             "* [Alpa](https://example.com/alpa) - A tool.\n"
                             "* [Zoo](https://example.com/zoo) - A tool.\n"
                             "* [Bagua](https://example.com/bagua) - A tool.\n"
                             "* [Colossal](https://example.com/colossal) - A tool.\n\n"
                             "## More\n\n- [Ray](https://example.com/ray) - A tool.\n\n"
                             "## Misc\n\n* [Zed](https://example.com/zed) - A tool.\n";
    char *grown = awl_test_join(dir, "grown.md");
    awl_test_write(grown, grown_text, strlen(grown_text));
    char *config_path = awl_test_join(dir, "init.yml");
    char *with = findings_with(grown, "--config", config_path);
    char *without = findings_with(grown, "--no-config", NULL);
    cr_expect(strstr(with, "10:1 entry-order warning") != NULL, "%s", with);
    cr_expect(strstr(without, "entry-order") == NULL, "%s", without);
    cr_expect(strstr(with, "16:1 list-marker warning") != NULL, "%s", with);
    free(with);
    free(without);
    free(grown);
    free(config_path);
    free(config);
    free(list);
    awl_test_remove_tree(dir);
    free(dir);
}

Test(init, writes_beside_the_list_and_never_over_a_config)
{
    char *dir = awl_test_tmpdir();
    char *list = awl_test_join(dir, "README.md");
    awl_test_write(list, init_list, strlen(init_list));
    const char *args[] = {"--init", list, NULL};
    run_result r = awl_test_run(args, NULL, 0, NULL);
    cr_expect_eq(r.status, 0, "%s", r.err);
    awl_test_run_free(&r);
    char *beside = awl_test_join(dir, ".awelint.yml");
    char *written = awl_test_read(beside, NULL);
    cr_assert_not_null(written, "no .awelint.yml beside the list");
    /* Found by discovery: the list linted by its path uses it. */
    char *found = findings_with(list, "--format", "json");
    char *plain = findings_with(list, "--no-config", NULL);
    cr_expect_str_eq(found, plain);
    free(found);
    free(plain);

    awl_test_write(beside, "fail-on: info\n", 14);
    r = awl_test_run(args, NULL, 0, NULL);
    cr_expect_eq(r.status, 2, "an existing config was overwritten");
    cr_expect(strstr(r.err, ".awelint.yml exists") != NULL, "%s", r.err);
    char *kept = awl_test_read(beside, NULL);
    cr_expect_str_eq(kept, "fail-on: info\n");
    awl_test_run_free(&r);

    const char *too_many[] = {"--init", list, list, NULL};
    r = awl_test_run(too_many, NULL, 0, NULL);
    cr_expect_eq(r.status, 2);
    awl_test_run_free(&r);
    free(kept);
    free(written);
    free(beside);
    free(list);
    awl_test_remove_tree(dir);
    free(dir);
}

Test(init, round_trips_on_every_corpus_list)
{
    static const char *const parts[] = {"seeds", "real", "history"};
    char *scratch = awl_test_tmpdir();
    size_t lists = 0;
    for (size_t k = 0; k < 3; k++) {
        char *part = awl_test_join(AWL_TEST_SHARED "/corpus", parts[k]);
        DIR *d = opendir(part);
        for (struct dirent *e; d && (e = readdir(d));) {
            size_t len = strlen(e->d_name);
            if (len < 4 || strcmp(e->d_name + len - 3, ".md") != 0)
                continue;
            char *list = awl_test_join(part, e->d_name);
            free(init_round_trip(list, scratch));
            free(list);
            lists++;
        }
        if (d)
            closedir(d);
        free(part);
    }
    if (lists == 0)
        cr_log_warn("no corpus at %s: only the hand-written list is checked", AWL_TEST_SHARED);
    awl_test_remove_tree(scratch);
    free(scratch);
}
