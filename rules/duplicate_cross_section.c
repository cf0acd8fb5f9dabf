/*
 * duplicate-cross-section: the same paper or project in two sections.
 *
 * Sameness as for duplicate-entry (rules/duplicates.h). Each later copy is
 * reported once, naming the line and heading of the first copy. Some lists
 * cross-list on purpose: turn the rule off for them in the config. With
 * the config's `scope: file`, duplicate-entry reports these copies instead.
 */
#include "rule.h"

static void check_duplicate_cross_section(awl_check *check)
{
    /* With scope: file, duplicate-entry reports these copies. */
    if (check->entries->count < 2 || check->config->duplicate_scope == AWL_DUP_SCOPE_FILE)
        return;
    const awl_dups *dups = awl_check_dups(check);
    for (size_t i = 0; i < check->entries->count; i++) {
        size_t first = dups->elsewhere[i];
        if (first == AWL_NONE)
            continue;
        const awl_entry *f = &check->entries->items[first];
        size_t start, end;
        awl_dup_span(check->doc, &check->entries->items[i], &start, &end);
        awl_emit(check, start, end, "also listed at line %zu, under \"%s\"", f->line + 1,
                 awl_dup_section_name(check->doc, f->section));
    }
}

const awl_rule awl_rule_duplicate_cross_section = {
    .id = "duplicate-cross-section",
    .category = "duplicate",
    .severity = AWL_SEVERITY_WARNING,
    .fix = AWL_FIX_NONE,
    .summary = "A paper or project is listed in one section only",
    .explanation =
        "An entry repeated in another section is often an old copy left behind when\n"
        "it moved, and the copies drift apart (one gets the venue, the other does not).\n"
        "Sameness is decided as for duplicate-entry. Lists that cross-list on purpose\n"
        "can turn this rule off.\n"
        "\n"
        "Bad:\n"
        "    ## Training\n"
        "    - [Alpa: Automating Inter- and Intra-Operator Parallelism](https://arxiv.org/abs/2201.12023)\n"
        "    ## Serving\n"
        "    - [Alpa: Automating Inter- and Intra-Operator Parallelism](https://arxiv.org/pdf/2201.12023)\n"
        "Good:\n"
        "    ## Training\n"
        "    - [Alpa: Automating Inter- and Intra-Operator Parallelism](https://arxiv.org/abs/2201.12023)\n",
    .check = check_duplicate_cross_section,
};
