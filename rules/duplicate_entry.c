/*
 * duplicate-entry: the same paper or project twice in one section.
 *
 * "The same" is decided by rules/duplicates.h: a shared identity key of the
 * links (arXiv id, DOI, GitHub repository, OpenReview id, ...; the primary
 * link, and the others when they identify a paper) with agreeing titles,
 * or the same title once case, punctuation, marks and a trailing venue tag
 * are set aside. The later copy is reported, naming the line of the first.
 * No fix: the copies often carry different links or tags, and which to keep
 * is the maintainer's call.
 */
#include "rule.h"

static void check_duplicate_entry(awl_check *check)
{
    if (check->entries->count < 2)
        return;
    const awl_dups *dups = awl_check_dups(check);
    for (size_t i = 0; i < check->entries->count; i++) {
        size_t first = dups->same_section[i];
        if (first == AWL_NONE)
            continue;
        size_t start, end;
        awl_dup_span(check->doc, &check->entries->items[i], &start, &end);
        awl_emit(check, start, end, "duplicate entry: this section lists it already at line %zu",
                 check->entries->items[first].line + 1);
    }
}

const awl_rule awl_rule_duplicate_entry = {
    .id = "duplicate-entry",
    .category = "duplicate",
    .severity = AWL_SEVERITY_ERROR,
    .fix = AWL_FIX_NONE,
    .summary = "A section lists each paper or project once, whatever the URL variant",
    .explanation =
        "The same entry twice in one section is a merge or copy-paste slip. Links are\n"
        "compared by what they identify (an arXiv id without its version, abs or pdf;\n"
        "a DOI; a GitHub repository; an OpenReview id; ...) and titles by their letters\n"
        "and digits (case, punctuation and a trailing venue tag aside), so copies with\n"
        "different URLs are found too. Titles that differ in a number (Llama 2, Llama 3)\n"
        "never match. Keep one copy, with every link the copies carry.\n"
        "\n"
        "Bad:\n"
        "    - [Alpa: Automating Inter- and Intra-Operator Parallelism](https://arxiv.org/abs/2201.12023)\n"
        "    - [Alpa: Automating Inter- and Intra-Operator Parallelism](https://arxiv.org/pdf/2201.12023v3.pdf)\n"
        "Good:\n"
        "    - [Alpa: Automating Inter- and Intra-Operator Parallelism](https://arxiv.org/abs/2201.12023)\n",
    .check = check_duplicate_entry,
};
