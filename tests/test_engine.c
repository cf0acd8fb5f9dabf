/*
 * test_engine: the rule table, rule selection and severities, the order of
 * findings, the multi-pass fixer and the YAML config file.
 *
 * Expected values are worked out by hand from the Markdown, DESIGN.md and
 * the headers; none is copied from a run of the program.
 */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "config.h"
#include "engine.h"
#include "fix.h"
#include "rule.h"
#include "support.h"

static const char *const five_rules[] = {"blank-lines", "final-newline", "line-ending", "list-marker",
                                         "trailing-space"};

static size_t index_of(const char *id)
{
    size_t i = awl_rule_index(id);
    cr_assert_neq(i, AWL_NONE, "rule %s missing from the table", id);
    return i;
}

/* ---- the rule table -------------------------------------------------- */

static bool is_kebab(const char *id)
{
    if (!*id || *id == '-')
        return false;
    for (const char *p = id; *p; p++) {
        bool ok = (*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '-';
        if (!ok || (*p == '-' && (p[1] == '-' || p[1] == '\0')))
            return false;
    }
    return true;
}

Test(rule_table, ids_sorted_unique_kebab_case)
{
    cr_assert_gt(awl_rule_count, 0);
    cr_assert_leq(awl_rule_count, AWL_MAX_RULES);
    for (size_t i = 0; i < awl_rule_count; i++) {
        const awl_rule *r = awl_rules[i];
        cr_assert_not_null(r);
        cr_assert_not_null(r->id);
        cr_expect(is_kebab(r->id), "rule id '%s' is not kebab-case", r->id);
        if (i > 0)
            cr_expect_lt(strcmp(awl_rules[i - 1]->id, r->id), 0,
                         "'%s' then '%s': not sorted, or a duplicate", awl_rules[i - 1]->id, r->id);
    }
    for (size_t i = 0; i < awl_rule_count; i++)
        for (size_t j = i + 1; j < awl_rule_count; j++)
            cr_expect_str_neq(awl_rules[i]->id, awl_rules[j]->id);
}

Test(rule_table, every_rule_is_complete)
{
    static const char *const categories[] = {"format", "structure", "entry", "venue",
                                             "duplicate", "unicode", "link"};
    for (size_t i = 0; i < awl_rule_count; i++) {
        const awl_rule *r = awl_rules[i];
        cr_assert_not_null(r->category, "%s: no category", r->id);
        bool known = false;
        for (size_t c = 0; c < sizeof categories / sizeof categories[0]; c++)
            known |= strcmp(r->category, categories[c]) == 0;
        cr_expect(known, "%s: unknown category '%s'", r->id, r->category);
        cr_expect(r->summary && *r->summary, "%s: no summary", r->id);
        cr_expect(r->summary && !strchr(r->summary, '\n'), "%s: summary is not one line", r->id);
        cr_assert_not_null(r->explanation, "%s: no explanation", r->id);
        cr_expect(strstr(r->explanation, "Bad"), "%s: explanation has no Bad example", r->id);
        cr_expect(strstr(r->explanation, "Good"), "%s: explanation has no Good example", r->id);
        cr_expect(strstr(r->explanation, "Bad") < strstr(r->explanation, "Good"),
                  "%s: Bad should come before Good", r->id);
        cr_expect_not_null(r->check, "%s: no check function", r->id);
        cr_expect_neq(r->severity, AWL_SEVERITY_OFF, "%s: default severity is off", r->id);
        cr_expect(r->fix == AWL_FIX_NONE || r->fix == AWL_FIX_SAFE || r->fix == AWL_FIX_UNSAFE);
    }
}

Test(rule_table, the_five_format_rules_are_there)
{
    for (size_t k = 0; k < 5; k++) {
        size_t i = index_of(five_rules[k]);
        cr_expect_str_eq(awl_rules[i]->category, "format");
        cr_expect_eq(awl_rules[i]->fix, AWL_FIX_SAFE, "%s fixes safely", five_rules[k]);
    }
}

Test(rule_table, rule_index_finds_each_id)
{
    for (size_t i = 0; i < awl_rule_count; i++)
        cr_expect_eq(awl_rule_index(awl_rules[i]->id), i, "index of %s", awl_rules[i]->id);
    cr_expect_eq(awl_rule_index("no-such-rule"), AWL_NONE);
    cr_expect_eq(awl_rule_index(""), AWL_NONE);
    cr_expect_eq(awl_rule_index("trailing"), AWL_NONE);
    cr_expect_eq(awl_rule_index("trailing-space-x"), AWL_NONE);
    cr_expect_eq(awl_rule_index("Trailing-Space"), AWL_NONE);
    cr_expect_eq(awl_rule_index("aaa"), AWL_NONE);
    cr_expect_eq(awl_rule_index("zzz"), AWL_NONE);
}

/* ---- config: defaults and selection ---------------------------------- */

Test(config, defaults)
{
    awl_config c;
    awl_config_defaults(&c);
    for (size_t i = 0; i < awl_rule_count; i++) {
        awl_severity want = strcmp(awl_rules[i]->category, "link") == 0 ? AWL_SEVERITY_OFF
                                                                        : awl_rules[i]->severity;
        cr_expect_eq(c.severity[i], want, "%s", awl_rules[i]->id);
    }
    cr_expect_eq(c.fail_on, AWL_SEVERITY_ERROR);
    cr_expect_eq(c.list_marker, 0);
    cr_expect_null(c.path);
}

Test(config, select_and_ignore)
{
    awl_arena arena = {0};
    awl_config c;
    awl_config_defaults(&c);
    size_t ts = index_of("trailing-space"), lm = index_of("list-marker"),
           bl = index_of("blank-lines");
    bool first = true;
    const char *bad = NULL;

    /* The first --select replaces the defaults. */
    cr_assert(awl_config_select(&c, "trailing-space", true, &first, &arena, &bad));
    cr_expect(!first);
    for (size_t i = 0; i < awl_rule_count; i++)
        cr_expect_eq(c.severity[i], i == ts ? AWL_SEVERITY_WARNING : AWL_SEVERITY_OFF, "%s",
                     awl_rules[i]->id);
    /* A later one adds. */
    cr_assert(awl_config_select(&c, "list-marker", true, &first, &arena, &bad));
    cr_expect_eq(c.severity[ts], AWL_SEVERITY_WARNING);
    cr_expect_eq(c.severity[lm], AWL_SEVERITY_WARNING);
    cr_expect_eq(c.severity[bl], AWL_SEVERITY_OFF);
    /* Ignore turns off. */
    cr_assert(awl_config_select(&c, "trailing-space", false, &first, &arena, &bad));
    cr_expect_eq(c.severity[ts], AWL_SEVERITY_OFF);
    cr_expect_eq(c.severity[lm], AWL_SEVERITY_WARNING);
    /* A category selects all its rules. */
    cr_assert(awl_config_select(&c, "format", true, &first, &arena, &bad));
    for (size_t k = 0; k < 5; k++)
        cr_expect_eq(c.severity[index_of(five_rules[k])], AWL_SEVERITY_WARNING, "%s",
                     five_rules[k]);
    /* Comma-separated ignore of ids. */
    cr_assert(awl_config_select(&c, "blank-lines,list-marker", false, &first, &arena, &bad));
    cr_expect_eq(c.severity[bl], AWL_SEVERITY_OFF);
    cr_expect_eq(c.severity[lm], AWL_SEVERITY_OFF);
    cr_expect_eq(c.severity[ts], AWL_SEVERITY_WARNING);
    /* Ignoring a category. */
    cr_assert(awl_config_select(&c, "format", false, &first, &arena, &bad));
    for (size_t k = 0; k < 5; k++)
        cr_expect_eq(c.severity[index_of(five_rules[k])], AWL_SEVERITY_OFF);
    awl_arena_free(&arena);
}

Test(config, first_select_of_a_category_turns_the_rest_off)
{
    awl_arena arena = {0};
    awl_config c;
    awl_config_defaults(&c);
    bool first = true;
    const char *bad = NULL;
    cr_assert(awl_config_select(&c, "format", true, &first, &arena, &bad));
    for (size_t i = 0; i < awl_rule_count; i++) {
        bool format = strcmp(awl_rules[i]->category, "format") == 0;
        cr_expect_eq(c.severity[i], format ? awl_rules[i]->severity : AWL_SEVERITY_OFF, "%s",
                     awl_rules[i]->id);
    }
    awl_arena_free(&arena);
}

Test(config, unknown_names_are_reported)
{
    awl_arena arena = {0};
    awl_config c;
    awl_config_defaults(&c);
    bool first = true;
    const char *bad = NULL;
    cr_expect(!awl_config_select(&c, "bogus", true, &first, &arena, &bad));
    cr_assert_not_null(bad);
    cr_expect_str_eq(bad, "bogus");
    bad = NULL;
    first = false;
    cr_expect(!awl_config_select(&c, "trailing-space,no-such-rule", false, &first, &arena, &bad));
    cr_assert_not_null(bad);
    cr_expect_str_eq(bad, "no-such-rule");
    awl_arena_free(&arena);
}

/* ---- lint: severities and order -------------------------------------- */

static awl_doc *lint_with(const awl_config *c, const char *text, awl_diags *diags)
{
    awl_doc *doc = awl_doc_parse("test.md", text, strlen(text));
    awl_diags_init(diags);
    awl_lint(doc, c, diags);
    return doc;
}

Test(lint, severity_override_reaches_the_finding)
{
    awl_config c;
    awl_config_defaults(&c);
    size_t ts = index_of("trailing-space");
    const awl_severity levels[] = {AWL_SEVERITY_ERROR, AWL_SEVERITY_INFO, AWL_SEVERITY_WARNING};
    for (size_t k = 0; k < 3; k++) {
        c.severity[ts] = levels[k];
        awl_diags diags;
        awl_doc *doc = lint_with(&c, "a \n", &diags);
        cr_assert_eq(diags.items.count, 1);
        const awl_diag *d = awl_diags_at(&diags, 0);
        cr_expect_str_eq(d->rule->id, "trailing-space");
        cr_expect_eq(d->severity, levels[k], "want %s, got %s", awl_severity_name(levels[k]),
                     awl_severity_name(d->severity));
        awl_diags_free(&diags);
        awl_doc_free(doc);
    }
    c.severity[ts] = AWL_SEVERITY_OFF;
    awl_diags diags;
    awl_doc *doc = lint_with(&c, "a \n", &diags);
    cr_expect_eq(diags.items.count, 0, "an off rule does not run");
    awl_diags_free(&diags);
    awl_doc_free(doc);
}

Test(lint, findings_are_sorted_by_position)
{
    /* blank-lines runs before trailing-space in the table, but its finding
     * sits between the two trailing-space ones. */
    const char *text = "a \n"  /* 1: trailing-space at 1:2 */
                       "\n"    /* 2: blank-lines at 2:1 */
                       "\n"
                       "\n"
                       "b \n"; /* 5: trailing-space at 5:2 */
    awl_diags diags;
    awl_doc *doc = awl_test_lint(text, &diags);
    cr_assert_eq(diags.items.count, 3);
    const char *ids[] = {"trailing-space", "blank-lines", "trailing-space"};
    const size_t lines[] = {1, 2, 5}, cols[] = {2, 1, 2};
    for (size_t i = 0; i < 3; i++) {
        const awl_diag *d = awl_diags_at(&diags, i);
        size_t line, col;
        awl_source_position(&doc->source, d->start, &line, &col);
        cr_expect_str_eq(d->rule->id, ids[i], "finding %zu", i);
        cr_expect(line == lines[i] && col == cols[i], "finding %zu at %zu:%zu", i, line, col);
    }
    for (size_t i = 1; i < diags.items.count; i++)
        cr_expect_leq(awl_diags_at(&diags, i - 1)->start, awl_diags_at(&diags, i)->start);
    awl_diags_free(&diags);
    awl_doc_free(doc);
}

Test(lint, equal_positions_are_ordered_by_rule_id)
{
    /* Line 2 is white space at the end of the file: final-newline and
     * trailing-space both start at its first byte (offset 4). */
    awl_diags diags;
    awl_doc *doc = awl_test_lint("- a\n  \n", &diags);
    cr_assert_eq(diags.items.count, 2);
    cr_expect_str_eq(awl_diags_at(&diags, 0)->rule->id, "final-newline");
    cr_expect_str_eq(awl_diags_at(&diags, 1)->rule->id, "trailing-space");
    cr_expect_eq(awl_diags_at(&diags, 0)->start, 4);
    cr_expect_eq(awl_diags_at(&diags, 1)->start, 4);
    awl_diags_free(&diags);
    awl_doc_free(doc);
}

/* A list long enough for the duplicate groups to be computed beside the
 * other rules (engine.c): 2,000 entries in section A (lines 5-2004), a
 * copy of entry 5 at line 2005, then section B with a copy of entry 7
 * (line 2009) and of entry 9 under a newer venue (line 2010). */
static char *large_list_with_copies(void)
{
    awl_buf text = {0};
    awl_buf_puts(&text, "# Papers\n\n## A\n\n");
    for (int i = 0; i < 2000; i++)
        awl_buf_printf(&text, "- [arxiv'21] [Study %d of stream systems](https://arxiv.org/abs/2101.%05d)\n",
                       i, i);
    awl_buf_puts(&text, "- [arxiv'21] [Study 5 of stream systems](https://arxiv.org/abs/2101.00005)\n"
                        "\n## B\n\n"
                        "- [arxiv'21] [Study 7 of stream systems](https://arxiv.org/abs/2101.00007)\n"
                        "- [OSDI'22] [Study 9 of stream systems](https://arxiv.org/abs/2101.00009)\n");
    awl_buf_putc(&text, '\0');
    return text.data;
}

static size_t line_of_only(const awl_doc *doc, const awl_diags *diags, const char *id, size_t nth)
{
    for (size_t i = 0; i < diags->items.count; i++) {
        const awl_diag *d = awl_diags_at(diags, i);
        if (strcmp(d->rule->id, id) == 0 && nth-- == 0) {
            size_t line, col;
            awl_source_position(&doc->source, d->start, &line, &col);
            return line;
        }
    }
    return 0;
}

Test(lint, duplicate_rules_of_a_large_list_each_get_the_groups)
{
    char *text = large_list_with_copies();
    const char *const ids[] = {"duplicate-entry", "duplicate-cross-section", "duplicate-conflict"};
    /* each rule alone, all three, none */
    const unsigned selections[] = {1, 2, 4, 7, 0};
    for (size_t s = 0; s < sizeof selections / sizeof *selections; s++) {
        awl_config c;
        awl_config_defaults(&c);
        for (size_t r = 0; r < 3; r++)
            if (!(selections[s] & (1u << r)))
                c.severity[index_of(ids[r])] = AWL_SEVERITY_OFF;
        awl_diags diags;
        awl_doc *doc = lint_with(&c, text, &diags);
        bool on[3];
        for (size_t r = 0; r < 3; r++)
            on[r] = selections[s] & (1u << r);
        cr_expect_eq(awl_test_count(&diags, ids[0]), on[0] ? 1 : 0, "selection %u", selections[s]);
        cr_expect_eq(awl_test_count(&diags, ids[1]), on[1] ? 2 : 0, "selection %u", selections[s]);
        cr_expect_eq(awl_test_count(&diags, ids[2]), on[2] ? 1 : 0, "selection %u", selections[s]);
        if (on[0])
            cr_expect_eq(line_of_only(doc, &diags, ids[0], 0), 2005);
        if (on[1]) {
            cr_expect_eq(line_of_only(doc, &diags, ids[1], 0), 2009);
            cr_expect_eq(line_of_only(doc, &diags, ids[1], 1), 2010);
        }
        if (on[2])
            cr_expect_eq(line_of_only(doc, &diags, ids[2], 0), 2010);
        awl_diags_free(&diags);
        awl_doc_free(doc);
    }
    free(text);
}

/* ---- the fixer ------------------------------------------------------- */

static void fix_default(const char *text, awl_fix_result *r)
{
    awl_config c;
    awl_config_defaults(&c);
    awl_fix_text("test.md", text, strlen(text), &c, false, r);
}

static void expect_text(const awl_fix_result *r, const char *want)
{
    cr_expect(r->text.len == strlen(want) && memcmp(r->text.data, want, r->text.len) == 0,
              "fixed text differs (len %zu, want %zu)", r->text.len, strlen(want));
}

Test(fixer, overlapping_edits_take_two_passes)
{
    /* line-ending edits every CR; blank-lines deletes lines 3-4, CRs and
     * all. The edits overlap, so one rule waits for the second pass. */
    awl_fix_result r;
    fix_default("a\r\n\r\n\r\n\r\nb\r\n", &r);
    cr_expect(!r.failed, "%s", r.failure);
    cr_expect(r.changed);
    expect_text(&r, "a\n\nb\n");
    cr_expect_eq(r.passes, 2);
    cr_expect_eq(r.fixes_applied, 2);
    awl_fix_result_free(&r);
}

Test(fixer, a_fix_that_creates_work_for_another_pass)
{
    /* Pass 1: the CR goes, and final-newline adds CR LF (the file is CR LF);
     * pass 2: line-ending removes that CR. */
    awl_fix_result r;
    fix_default("- a\r\n- b", &r);
    cr_expect(!r.failed, "%s", r.failure);
    expect_text(&r, "- a\n- b\n");
    cr_expect_eq(r.passes, 2);
    cr_expect_eq(r.fixes_applied, 3);
    awl_fix_result_free(&r);

    /* A lone CR at the end: it becomes LF while final-newline adds LF;
     * pass 2 removes the blank line that made. */
    fix_default("a\r", &r);
    cr_expect(!r.failed, "%s", r.failure);
    expect_text(&r, "a\n");
    cr_expect_eq(r.passes, 2);
    cr_expect_eq(r.fixes_applied, 3);
    awl_fix_result_free(&r);
}

Test(fixer, independent_edits_in_one_pass)
{
    awl_fix_result r;
    fix_default("# T \n\n\n\n- a  \n* b", &r);
    /* trailing-space (lines 1, 5), blank-lines (2-4), final-newline; the
     * '*' list touches the '-' list: reported, not fixed. */
    cr_expect(!r.failed, "%s", r.failure);
    expect_text(&r, "# T\n\n- a\n* b\n");
    cr_expect_eq(r.passes, 1);
    cr_expect_eq(r.fixes_applied, 4);
    awl_fix_result_free(&r);
}

Test(fixer, nothing_to_fix)
{
    awl_fix_result r;
    const char *text = "# T\n\n- [A](https://a.io) - OSDI'22\n";
    fix_default(text, &r);
    cr_expect(!r.failed);
    cr_expect(!r.changed);
    cr_expect_eq(r.passes, 0);
    cr_expect_eq(r.fixes_applied, 0);
    expect_text(&r, text);
    awl_fix_result_free(&r);
}

Test(fixer, respects_the_config)
{
    awl_config c;
    awl_config_defaults(&c);
    c.severity[index_of("trailing-space")] = AWL_SEVERITY_OFF;
    awl_fix_result r;
    const char *text = "a \n\n\n\nb\n";
    awl_fix_text("test.md", text, strlen(text), &c, false, &r);
    cr_expect(!r.failed, "%s", r.failure);
    expect_text(&r, "a \n\nb\n");
    awl_fix_result_free(&r);
}

Test(fixer, fix_applies_by_safety)
{
    awl_edit edit = {0, 1, "", 0};
    awl_diag d = {0};
    cr_expect(!awl_fix_applies(&d, false));
    cr_expect(!awl_fix_applies(&d, true));
    d.edits = &edit;
    d.edit_count = 1;
    d.fix = AWL_FIX_SAFE;
    cr_expect(awl_fix_applies(&d, false));
    cr_expect(awl_fix_applies(&d, true));
    d.fix = AWL_FIX_UNSAFE;
    cr_expect(!awl_fix_applies(&d, false));
    cr_expect(awl_fix_applies(&d, true));
}

/* ---- the config file ------------------------------------------------- */

static char *write_config(const char *dir, const char *name, const char *yaml)
{
    size_t len = strlen(dir) + strlen(name) + 2;
    char *path = awl_xmalloc(len);
    snprintf(path, len, "%s/%s", dir, name);
    awl_test_write(path, yaml, strlen(yaml));
    return path;
}

static void cleanup(char *dir, char *path)
{
    unlink(path);
    rmdir(dir);
    free(path);
    free(dir);
}

Test(config_file, valid_file)
{
    char *dir = awl_test_tmpdir();
    char *path = write_config(dir, ".awelint.yml",
                              "# awelint settings for the list\n"
                              "fail-on: warning\n"
                              "select: [format]\n"
                              "ignore:\n"
                              "  - blank-lines\n"
                              "rules:\n"
                              "  trailing-space: off\n"
                              "  list-marker:\n"
                              "    marker: \"*\"\n");
    awl_arena arena = {0};
    awl_config c;
    awl_config_defaults(&c);
    const char *error = NULL;
    bool ok = awl_config_load(&c, path, &arena, &error);
    cr_assert(ok, "load failed: %s", error ? error : "(no message)");
    cr_expect_eq(c.fail_on, AWL_SEVERITY_WARNING);
    cr_expect_eq(c.severity[index_of("blank-lines")], AWL_SEVERITY_OFF);
    cr_expect_eq(c.severity[index_of("trailing-space")], AWL_SEVERITY_OFF);
    cr_expect_eq(c.severity[index_of("list-marker")], AWL_SEVERITY_WARNING);
    cr_expect_eq(c.severity[index_of("final-newline")], AWL_SEVERITY_WARNING);
    cr_expect_eq(c.severity[index_of("line-ending")], AWL_SEVERITY_WARNING);
    cr_expect_eq(c.list_marker, '*');
    for (size_t i = 0; i < awl_rule_count; i++)
        if (strcmp(awl_rules[i]->category, "format") != 0)
            cr_expect_eq(c.severity[i], AWL_SEVERITY_OFF, "%s is not selected", awl_rules[i]->id);
    cr_expect_not_null(c.path);
    if (c.path)
        cr_expect_str_eq(c.path, path);

    /* The loaded config drives a lint: a pinned '*' and no trailing-space. */
    awl_diags diags;
    awl_doc *doc = lint_with(&c, "- a \n", &diags);
    cr_expect_eq(diags.items.count, 1);
    if (diags.items.count == 1)
        cr_expect_str_eq(awl_diags_at(&diags, 0)->rule->id, "list-marker");
    awl_diags_free(&diags);
    awl_doc_free(doc);
    awl_arena_free(&arena);
    cleanup(dir, path);
}

Test(config_file, select_as_text_and_rule_severity_map)
{
    char *dir = awl_test_tmpdir();
    char *path = write_config(dir, "a.yml",
                              "select: trailing-space, list-marker\n"
                              "rules:\n"
                              "  list-marker:\n"
                              "    severity: error\n");
    awl_arena arena = {0};
    awl_config c;
    awl_config_defaults(&c);
    const char *error = NULL;
    cr_assert(awl_config_load(&c, path, &arena, &error), "load failed: %s", error ? error : "");
    size_t ts = index_of("trailing-space"), lm = index_of("list-marker");
    for (size_t i = 0; i < awl_rule_count; i++) {
        awl_severity want = i == ts ? AWL_SEVERITY_WARNING : i == lm ? AWL_SEVERITY_ERROR
                                                                     : AWL_SEVERITY_OFF;
        cr_expect_eq(c.severity[i], want, "%s", awl_rules[i]->id);
    }
    cr_expect_eq(c.fail_on, AWL_SEVERITY_ERROR, "fail-on keeps its default");
    cr_expect_eq(c.list_marker, 0);
    awl_arena_free(&arena);
    cleanup(dir, path);
}

Test(config_file, categories_and_empty_file)
{
    char *dir = awl_test_tmpdir();
    char *path = write_config(dir, "b.yml", "categories:\n  format: off\n");
    awl_arena arena = {0};
    awl_config c;
    awl_config_defaults(&c);
    const char *error = NULL;
    cr_assert(awl_config_load(&c, path, &arena, &error), "load failed: %s", error ? error : "");
    for (size_t k = 0; k < 5; k++)
        cr_expect_eq(c.severity[index_of(five_rules[k])], AWL_SEVERITY_OFF, "%s", five_rules[k]);
    cleanup(dir, path);

    dir = awl_test_tmpdir();
    path = write_config(dir, "empty.yml", "");
    awl_config d, defaults;
    awl_config_defaults(&d);
    awl_config_defaults(&defaults);
    error = NULL;
    cr_assert(awl_config_load(&d, path, &arena, &error), "empty file: %s", error ? error : "");
    cr_expect(memcmp(d.severity, defaults.severity, sizeof d.severity) == 0);
    cr_expect_eq(d.fail_on, defaults.fail_on);
    awl_arena_free(&arena);
    cleanup(dir, path);
}

/* Loads `yaml` and expects an error naming the file, `line`, and `word`. */
static void expect_error(const char *yaml, size_t line, const char *word)
{
    char *dir = awl_test_tmpdir();
    char *path = write_config(dir, "bad.yml", yaml);
    awl_arena arena = {0};
    awl_config c;
    awl_config_defaults(&c);
    const char *error = NULL;
    bool ok = awl_config_load(&c, path, &arena, &error);
    cr_expect(!ok, "loading should fail for:\n%s", yaml);
    cr_assert_not_null(error, "no error message");
    char where[600];
    snprintf(where, sizeof where, "%s:%zu:", path, line);
    cr_expect(strstr(error, where) != NULL, "error \"%s\" should name \"%s\"", error, where);
    if (word)
        cr_expect(strstr(error, word) != NULL, "error \"%s\" should mention \"%s\"", error, word);
    awl_arena_free(&arena);
    cleanup(dir, path);
}

Test(config_file, unknown_key)
{
    expect_error("# settings\n"
                 "\n"
                 "fail-on: error\n"
                 "colour: always\n",
                 4, "colour");
}

Test(config_file, unknown_rule)
{
    expect_error("# settings\n"
                 "rules:\n"
                 "  trailing-space: off\n"
                 "\n"
                 "  no-such-rule: warning\n",
                 5, "no-such-rule");
}

Test(config_file, unknown_name_in_select)
{
    expect_error("# settings\n"
                 "select: [format, bogus]\n",
                 2, "bogus");
}

Test(config_file, unknown_rule_option)
{
    expect_error("rules:\n"
                 "  list-marker:\n"
                 "    severity: warning\n"
                 "    bullet: \"*\"\n",
                 4, "bullet");
}

Test(config_file, wrong_types)
{
    expect_error("fail-on: warning\n"
                 "# rules follow\n"
                 "rules: [trailing-space]\n",
                 3, "rules");
    expect_error("rules:\n"
                 "  trailing-space: loud\n",
                 2, "loud");
    expect_error("rules:\n"
                 "  list-marker:\n"
                 "    marker: 7\n",
                 3, "marker");
    expect_error("\n"
                 "fail-on: [error]\n",
                 2, "fail-on");
    expect_error("fail-on: off\n", 1, "fail-on");
    expect_error("select:\n"
                 "  - format\n"
                 "  - {rule: trailing-space}\n",
                 3, NULL);
}

Test(config_file, not_yaml_and_missing_file)
{
    char *dir = awl_test_tmpdir();
    char *path = write_config(dir, "broken.yml", "rules: [trailing-space\n");
    awl_arena arena = {0};
    awl_config c;
    awl_config_defaults(&c);
    const char *error = NULL;
    cr_expect(!awl_config_load(&c, path, &arena, &error));
    cr_assert_not_null(error);
    cr_expect(strstr(error, path) != NULL, "error \"%s\" should name the file", error);
    cleanup(dir, path);

    error = NULL;
    cr_expect(!awl_config_load(&c, "/nonexistent/awelint/.awelint.yml", &arena, &error));
    cr_assert_not_null(error);
    cr_expect(strstr(error, "/nonexistent/awelint/.awelint.yml") != NULL, "%s", error);
    awl_arena_free(&arena);
}
