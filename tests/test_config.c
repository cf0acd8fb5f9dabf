/*
 * test_config: the config file as a user meets it: every mistake is an
 * error naming the file and the line (exit 2), and ignore-paths keeps files
 * out of a run whether they are named on the command line or found in a
 * directory. The keys' effect on findings is shown by the config fixtures
 * (the fixtures/config-NAME directories, run by test_fixtures).
 */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "support.h"

/* A list with one trailing space (line 5): one warning by default. */
static const char flawed_list[] = "# Awesome Things\n\n## Tools\n\n- [Alpha](https://example.com/a) - A tool. \n";
static const char clean_list[] = "# Awesome Things\n\n## Tools\n\n- [Alpha](https://example.com/a) - A tool.\n";

/* Runs awelint on `list` (a file in a scratch directory) with `config` as
 * --config; returns the result, its stderr checked by the caller. */
static run_result lint_with_config(const char *config)
{
    char *dir = awl_test_tmpdir();
    char *config_path = awl_test_join(dir, "awelint.yml");
    char *list_path = awl_test_join(dir, "README.md");
    awl_test_write(config_path, config, strlen(config));
    awl_test_write(list_path, clean_list, strlen(clean_list));
    const char *args[] = {"--config", config_path, list_path, NULL};
    run_result r = awl_test_run(args, NULL, 0, NULL);
    awl_test_remove_tree(dir);
    free(config_path);
    free(list_path);
    free(dir);
    return r;
}

/* Each bad config must exit 2 with "awelint.yml:LINE:" and `words` on stderr. */
static void expect_config_error(const char *config, int line, const char *words)
{
    run_result r = lint_with_config(config);
    char where[64];
    snprintf(where, sizeof where, "awelint.yml:%d:", line);
    cr_expect_eq(r.status, 2, "exit %d for config:\n%s", r.status, config);
    cr_expect(strstr(r.err, where) != NULL, "stderr does not name %s: %s", where, r.err);
    cr_expect(strstr(r.err, words) != NULL, "stderr does not say '%s': %s", words, r.err);
    awl_test_run_free(&r);
}

typedef struct bad_config {
    const char *text;
    int line;
    const char *words;
} bad_config;

Test(config_errors, unknown_keys_and_wrong_types_name_their_line)
{
    static const bad_config cases[] = {
        {"fail-on: warning\n\ncolour: red\n", 3, "unknown key 'colour'"},
        {"rules:\n  trailing-space: off\n  no-such-rule: off\n", 3, "unknown rule 'no-such-rule'"},
        {"rules:\n  toc:\n    min-sections: 3\n    depth: 2\n", 4, "unknown option 'depth'"},
        /* An option of another rule is unknown here. */
        {"rules:\n  list-marker:\n    scope: file\n", 3, "unknown option 'scope'"},
        {"rules:\n  duplicate-conflict:\n    scope: file\n", 3, "unknown option 'scope'"},
        {"categories:\n  formatting: off\n", 2, "unknown category 'formatting'"},
        /* Wrong types and values. */
        {"fail-on: [error]\n", 1, "fail-on takes error, warning or info"},
        {"\nrules:\n  entry-order:\n    order: sideways\n", 4, "order must be"},
        {"rules:\n  entry-order:\n    sections: [News]\n", 3, "sections takes a map"},
        {"rules:\n  entry-order:\n    order: none\n", 3, "order must be"},
        {"rules:\n  entry-order:\n    sections:\n      News: sideways\n", 4, "order must be"},
        {"rules:\n  duplicate-entry:\n    scope: everywhere\n", 3, "scope must be section or file"},
        {"ignore-paths:\n  drafts: yes\n", 2, "ignore-paths takes a list"},
        {"ignore-paths:\n  - drafts\n  - [a, b]\n", 3, "glob patterns"},
        {"fail-on: info\nignore-paths: \"\"\n", 2, "not an empty string"},
        {"rules:\n  toc:\n    max-level: seven\n", 3, "max-level takes a whole number"},
        {"rules: [trailing-space\n", 2, "invalid YAML"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        expect_config_error(cases[i].text, cases[i].line, cases[i].words);
}

Test(config_errors, valid_keys_are_accepted)
{
    run_result r = lint_with_config("fail-on: warning\n"
                                    "ignore-paths: [drafts, \"notes/*.md\"]\n"
                                    "rules:\n"
                                    "  duplicate-entry: {scope: file}\n"
                                    "  duplicate-cross-section:\n    scope: section\n"
                                    "  entry-order:\n"
                                    "    order: detect\n"
                                    "    sections: {News: newest-first, \"Reading list\": none}\n");
    cr_expect_eq(r.status, 0, "a valid config was refused (exit %d): %s", r.status, r.err);
    awl_test_run_free(&r);
}

/* A scratch repository: .awelint.yml ignoring drafts/ (written as
 * .gitignore would) and /notes/ star .md (anchored), and a
 * flawed list in each of README.md, drafts/, notes/ and notes/old/. */
static char *ignore_paths_repo(void)
{
    char *dir = awl_test_tmpdir();
    const char *dirs[] = {"drafts", "notes", "notes/old"};
    for (size_t i = 0; i < 3; i++) {
        char *sub = awl_test_join(dir, dirs[i]);
        cr_assert_eq(mkdir(sub, 0755), 0);
        free(sub);
    }
    const char *files[] = {"README.md", "drafts/idea.md", "notes/todo.md", "notes/old/done.md"};
    for (size_t i = 0; i < 4; i++) {
        char *path = awl_test_join(dir, files[i]);
        awl_test_write(path, flawed_list, strlen(flawed_list));
        free(path);
    }
    char *config = awl_test_join(dir, ".awelint.yml");
    const char *text = "ignore-paths:\n  - drafts/\n  - \"/notes/*.md\"\n";
    awl_test_write(config, text, strlen(text));
    free(config);
    return dir;
}

Test(ignore_paths, files_found_in_a_directory)
{
    char *dir = ignore_paths_repo();
    const char *args[] = {"--format", "github", dir, NULL};
    run_result r = awl_test_run(args, NULL, 0, NULL);
    cr_expect_eq(r.status, 0, "warnings do not fail by default: exit %d %s", r.status, r.err);
    /* README.md and notes/old/done.md (the star of notes/ star .md does not cross '/'). */
    cr_expect(strstr(r.out, "README.md,line=5") != NULL, "%s", r.out);
    cr_expect(strstr(r.out, "notes/old/done.md,line=5") != NULL, "%s", r.out);
    cr_expect(strstr(r.out, "drafts/") == NULL, "drafts/ is ignored: %s", r.out);
    cr_expect(strstr(r.out, "todo.md") == NULL, "notes/*.md is ignored: %s", r.out);
    awl_test_run_free(&r);
    awl_test_remove_tree(dir);
    free(dir);
}

Test(ignore_paths, files_named_on_the_command_line)
{
    char *dir = ignore_paths_repo();
    char *draft = awl_test_join(dir, "drafts/idea.md");
    char *todo = awl_test_join(dir, "notes/todo.md");
    char *readme = awl_test_join(dir, "README.md");
    const char *args[] = {"--fail-on", "warning", draft, todo, NULL};
    run_result r = awl_test_run(args, NULL, 0, NULL);
    cr_expect_eq(r.status, 0, "ignored files fail the run: exit %d: %s%s", r.status, r.out, r.err);
    cr_expect(strstr(r.out, "trailing") == NULL, "%s", r.out);
    awl_test_run_free(&r);
    /* --fix leaves an ignored file alone. */
    const char *fix_args[] = {"--fix", draft, readme, NULL};
    r = awl_test_run(fix_args, NULL, 0, NULL);
    size_t len;
    char *draft_text = awl_test_read(draft, &len);
    char *readme_text = awl_test_read(readme, NULL);
    cr_expect_str_eq(draft_text, flawed_list, "an ignored file was fixed");
    cr_expect_str_eq(readme_text, clean_list, "README.md was not fixed");
    free(draft_text);
    free(readme_text);
    awl_test_run_free(&r);
    /* --no-config lints them. */
    const char *plain[] = {"--no-config", "--fail-on", "warning", draft, NULL};
    r = awl_test_run(plain, NULL, 0, NULL);
    cr_expect_eq(r.status, 1, "without the config the draft is linted: %s", r.out);
    awl_test_run_free(&r);
    awl_test_remove_tree(dir);
    free(draft);
    free(todo);
    free(readme);
    free(dir);
}

/* A bad config found for several files is reported once, and no "No
 * problems" summary suggests the run passed. */
Test(config_errors, reported_once_and_no_passing_summary)
{
    char *dir = awl_test_tmpdir();
    char *config_path = awl_test_join(dir, ".awelint.yml");
    char *git = awl_test_join(dir, ".git");
    char *a = awl_test_join(dir, "a.md");
    char *b = awl_test_join(dir, "b.md");
    mkdir(git, 0755);
    awl_test_write(config_path, "colour: red\n", 12);
    awl_test_write(a, clean_list, strlen(clean_list));
    awl_test_write(b, clean_list, strlen(clean_list));
    const char *args[] = {a, b, NULL};
    run_result r = awl_test_run(args, NULL, 0, NULL);
    cr_expect_eq(r.status, 2);
    const char *first = strstr(r.err, "unknown key 'colour'");
    cr_assert(first, "stderr: %s", r.err);
    cr_expect_null(strstr(first + 1, "unknown key 'colour'"), "reported twice: %s", r.err);
    cr_expect_null(strstr(r.out, "No problems"), "stdout: %s", r.out);
    awl_test_run_free(&r);
    awl_test_remove_tree(dir);
    free(config_path);
    free(git);
    free(a);
    free(b);
    free(dir);
}
