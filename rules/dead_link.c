/*
 * dead-link: an external link whose target is gone: 404, 410 or another
 * error answer (also after redirects), a host name that does not resolve,
 * a refused connection, a redirect loop. Reported only when the link
 * checker ran (--links or the config's `link` category).
 */
#include "link_results.h"

static void report_dead(awl_check *check, const awl_link_target *target,
                        const awl_link_result *result)
{
    awl_emit(check, target->at, awl_link_target_end(target), "dead link %.300s: %s", target->url,
             result->reason ? result->reason : "no answer");
}

static void check_dead_link(awl_check *check)
{
    awl_each_link_result(check, AWL_LINK_DEAD, report_dead);
}

const awl_rule awl_rule_dead_link = {
    .id = "dead-link",
    .category = "link",
    .severity = AWL_SEVERITY_ERROR,
    .fix = AWL_FIX_NONE,
    .summary =
        "External links answer: no 404 or 410, unknown host, refused connection or redirect loop",
    .explanation = "A link that leads nowhere is the first thing a reader of a list notices.\n"
                   "With --links, awelint checks every http(s) target once (HEAD, then GET\n"
                   "when HEAD is refused; redirects followed hop by hop) and reports those\n"
                   "answering 404, 410 or another error, whose host does not resolve, that\n"
                   "refuse the connection or that redirect in a loop. Servers that refuse\n"
                   "automated checks are link-blocked's, not this rule's. No fix: the new\n"
                   "home of a paper or project is for a person to find.\n"
                   "\n"
                   "Bad:\n"
                   "    - [Orca](https://example.com/orca-removed) answers 404\n"
                   "Good:\n"
                   "    - [Orca](https://www.usenix.org/conference/osdi22/presentation/yu)\n",
    .check = check_dead_link,
};
