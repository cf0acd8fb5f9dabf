/*
 * insecure-link: an http:// link whose https:// form answers too. The fix
 * adds the "s" (safe: the checker saw the https:// form answer). An http://
 * link that redirects to https:// itself is link-redirect's to report.
 */
#include <string.h>
#include <strings.h>

#include "link_results.h"

static void report_insecure(awl_check *check, const awl_link_target *target,
                            const awl_link_result *result)
{
    if (!result->https_ok || strncasecmp(target->url, "http://", 7) != 0)
        return;
    awl_diag *diag = awl_emit(check, target->at, awl_link_target_end(target),
                              "link %.300s is served over https too: use https://", target->url);
    if (!awl_link_target_editable(check, target))
        return;
    awl_add_edit(check, diag, target->start, target->start + 4, "https", 5);
    diag->changes_text = true; /* the target changes on purpose */
}

static void check_insecure_link(awl_check *check)
{
    awl_each_link_result(check, AWL_LINK_OK, report_insecure);
}

const awl_rule awl_rule_insecure_link = {
    .id = "insecure-link",
    .category = "link",
    .severity = AWL_SEVERITY_WARNING,
    .fix = AWL_FIX_SAFE,
    .summary = "Links use https:// where the server answers it",
    .explanation = "A page fetched over plain http can be altered on the way. When the\n"
                   "https:// form of an http:// link answers as well, the fix adds the s.\n"
                   "\n"
                   "Bad:\n"
                   "    - [Paper](http://proceedings.mlr.press/v97/paper.html)\n"
                   "Good:\n"
                   "    - [Paper](https://proceedings.mlr.press/v97/paper.html)\n",
    .check = check_insecure_link,
};
