/*
 * link-skipped: an external link to a loopback, private, link-local or
 * multicast address, which the link checker does not fetch unless
 * --allow-private is given (awelint runs on strangers' pull requests in
 * CI, where such a link could reach the runner's own network).
 */
#include "link_results.h"

static void report_skipped(awl_check *check, const awl_link_target *target,
                           const awl_link_result *result)
{
    awl_diag *diag =
        awl_emit(check, target->at, awl_link_target_end(target), "link %.300s skipped: %s",
                 target->url, result->reason ? result->reason : "a private address");
    if (diag->severity > AWL_SEVERITY_INFO)
        diag->severity = AWL_SEVERITY_INFO; /* awelint's choice, not the list's fault */
}

static void check_link_skipped(awl_check *check)
{
    awl_each_link_result(check, AWL_LINK_SKIPPED, report_skipped);
}

const awl_rule awl_rule_link_skipped = {
    .id = "link-skipped",
    .category = "link",
    .severity = AWL_SEVERITY_INFO,
    .fix = AWL_FIX_NONE,
    .summary = "Links to private or local addresses are not fetched (--allow-private fetches them)",
    .explanation = "awelint runs in CI on pull requests from strangers. A link to\n"
                   "127.0.0.1, 10.0.0.0/8, 169.254.169.254 (cloud metadata) and the like\n"
                   "would make the runner fetch from its own network, so such addresses\n"
                   "are checked where curl connects (every redirect hop included) and not\n"
                   "fetched unless --allow-private is given. This note says which links\n"
                   "were left unchecked.\n"
                   "\n"
                   "Bad (noted):\n"
                   "    - [Dashboard](http://127.0.0.1:8080/)\n"
                   "Good:\n"
                   "    - [Dashboard](https://dashboard.example.org/)\n",
    .check = check_link_skipped,
};
