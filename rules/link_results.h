/*
 * link_results: what the link rules share: walking the document's external
 * targets with the answer the link checker (linkcheck.h) found for each.
 * A rule reports nothing when no check ran or the URL was excluded.
 */
#ifndef AWL_LINK_RESULTS_H
#define AWL_LINK_RESULTS_H

#include <string.h>

#include "link_targets.h"
#include "linkcheck.h"
#include "rule.h"

typedef void awl_link_report(awl_check *check, const awl_link_target *target,
                             const awl_link_result *result);

/* Calls `report` for every target whose answer is of class `class`. */
static inline void awl_each_link_result(awl_check *check, awl_link_class class,
                                        awl_link_report *report)
{
    const awl_link_results *results = check->config->link_results;
    if (!results)
        return;
    const awl_vec *targets = awl_check_link_targets(check);
    for (size_t i = 0; i < targets->count; i++) {
        const awl_link_target *target = awl_vec_at(targets, i);
        const awl_link_result *result = awl_link_result_of(results, target->url);
        if (result && result->class == class)
            report(check, target, result);
    }
}

/* The end of the URL's span, or `at` when it is not in the source. */
static inline size_t awl_link_target_end(const awl_link_target *target)
{
    return target->start != AWL_NONE ? target->end : target->at;
}

/* True when the URL's bytes are in the source as the checker saw them, so
 * an edit can replace them. */
static inline bool awl_link_target_editable(const awl_check *check, const awl_link_target *target)
{
    size_t len = target->end - target->start;
    return target->start != AWL_NONE && strlen(target->url) == len &&
           memcmp(check->doc->source.bytes + target->start, target->url, len) == 0;
}

#endif
