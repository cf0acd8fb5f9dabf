/*
 * link-blocked: an external link whose server refused the automated check
 * (401, 403, 429 after the retries, 999, a Cloudflare challenge). Info
 * only: a browser usually gets through, so this is never a dead link, only
 * a note that awelint could not tell.
 */
#include "link_results.h"

static void report_blocked(awl_check *check, const awl_link_target *target,
                           const awl_link_result *result)
{
    awl_diag *diag = awl_emit(check, target->at, awl_link_target_end(target),
                              "link %.300s not verified: the server refused the check (%s)",
                              target->url, result->reason ? result->reason : "blocked");
    if (diag->severity > AWL_SEVERITY_INFO)
        diag->severity = AWL_SEVERITY_INFO; /* never a failure */
}

static void check_link_blocked(awl_check *check)
{
    awl_each_link_result(check, AWL_LINK_BLOCKED, report_blocked);
}

const awl_rule awl_rule_link_blocked = {
    .id = "link-blocked",
    .category = "link",
    .severity = AWL_SEVERITY_INFO,
    .fix = AWL_FIX_NONE,
    .summary =
        "Links whose server refuses automated checks (401, 403, 429, 999, Cloudflare) are noted",
    .explanation =
        "Some servers answer bots with 401, 403, 999 or a Cloudflare challenge,\n"
        "or keep answering 429 (too many requests) after awelint waited as their\n"
        "Retry-After asked. The link may well work in a browser, so this is\n"
        "information, never a failure: awelint could not verify it. Exclude such\n"
        "hosts in the config (links: exclude) to silence them.\n"
        "\n"
        "Bad (noted):\n"
        "    - [Paper](https://dl.acm.org/doi/10.1145/3552326) answers 403 to scripts\n"
        "Good:\n"
        "    links:\n"
        "      exclude: [\"^https://dl\\\\.acm\\\\.org/\"]   # in .awelint.yml: checked by hand\n",
    .check = check_link_blocked,
};
