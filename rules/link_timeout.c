/*
 * link-timeout: an external link whose server did not answer in time
 * (links: connect-timeout, timeout). A warning, not an error: a slow server
 * is not proof of a dead link.
 */
#include "link_results.h"

static void report_timeout(awl_check *check, const awl_link_target *target,
                           const awl_link_result *result)
{
    awl_emit(check, target->at, awl_link_target_end(target), "link %.300s: %s", target->url,
             result->reason ? result->reason : "no answer in time");
}

static void check_link_timeout(awl_check *check)
{
    awl_each_link_result(check, AWL_LINK_TIMEOUT, report_timeout);
}

const awl_rule awl_rule_link_timeout = {
    .id = "link-timeout",
    .category = "link",
    .severity = AWL_SEVERITY_WARNING,
    .fix = AWL_FIX_NONE,
    .summary = "External links answer within the timeout (connect 10 s, whole answer 30 s)",
    .explanation = "A server that does not answer in time may be down for good or only\n"
                   "slow today, so this is a warning, and the result is cached for an hour\n"
                   "only. The timeouts are set in the config (links: connect-timeout,\n"
                   "timeout).\n"
                   "\n"
                   "Bad:\n"
                   "    - [Project](http://lab.example.edu/project) never answers\n"
                   "Good:\n"
                   "    - [Project](https://github.com/lab/project)\n",
    .check = check_link_timeout,
};
