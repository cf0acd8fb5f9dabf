/*
 * link-redirect: an external link that answers only after redirects.
 *
 * A permanent redirect (every hop 301 or 308) is a warning whose fix
 * writes the final URL in place of the old one: safe when the only change
 * is http becoming https, unsafe otherwise (the final URL may be a login
 * page or a landing page the owner could change back). A temporary
 * redirect (302, 303, 307 on the way) is only noted, without a fix: the
 * link as written is the one meant to last.
 */
#include <string.h>
#include <strings.h>

#include "link_results.h"

/* Characters a Markdown target or an HTML attribute would read otherwise. */
static bool fits_in_place(const char *url)
{
    for (const char *p = url; *p; p++)
        if ((unsigned char)*p <= ' ' || strchr("<>\"'`()[]\\", *p))
            return false;
    return !(strchr(url, '&') && strchr(url, ';')); /* could read as an entity */
}

static bool only_https_added(const char *url, const char *final)
{
    return strncasecmp(url, "http://", 7) == 0 && strncasecmp(final, "https://", 8) == 0 &&
           strcmp(url + 7, final + 8) == 0;
}

static void report_redirect(awl_check *check, const awl_link_target *target,
                            const awl_link_result *result)
{
    const char *final = result->final_url ? result->final_url : "?";
    size_t end = awl_link_target_end(target);
    /* Several hops: each one's status and URL, so a chain can be followed. */
    const char *hops = result->reason ? result->reason : "";
    const char *open = result->reason ? " (hops: " : "", *close = result->reason ? ")" : "";
    if (!result->permanent) {
        awl_diag *diag = awl_emit(check, target->at, end,
                                  "link %.300s redirects temporarily to %.300s%s%.600s%s",
                                  target->url, final, open, hops, close);
        if (diag->severity > AWL_SEVERITY_INFO)
            diag->severity = AWL_SEVERITY_INFO;
        return;
    }
    awl_diag *diag =
        awl_emit(check, target->at, end, "link %.300s has moved permanently to %.300s%s%.600s%s",
                 target->url, final, open, hops, close);
    if (!result->final_url || !awl_link_target_editable(check, target))
        return;
    /* A browser keeps the link's #fragment across redirects: so does the fix. */
    const char *fragment = strchr(target->url, '#');
    char *rewritten = awl_arena_printf(&check->out->arena, "%s%s", final,
                                       fragment && !strchr(final, '#') ? fragment : "");
    if (!fits_in_place(rewritten))
        return;
    awl_add_edit(check, diag, target->start, target->end, rewritten, strlen(rewritten));
    diag->changes_text = true; /* the target changes on purpose */
    if (!only_https_added(target->url, rewritten))
        awl_fix_unsafe(diag);
}

static void check_link_redirect(awl_check *check)
{
    awl_each_link_result(check, AWL_LINK_REDIRECT, report_redirect);
}

const awl_rule awl_rule_link_redirect = {
    .id = "link-redirect",
    .category = "link",
    .severity = AWL_SEVERITY_WARNING,
    .fix = AWL_FIX_SAFE,
    .summary = "Links point where their target lives now: no permanent redirects (301, 308)",
    .explanation = "A link that answers 301 or 308 has moved for good: readers take a detour\n"
                   "today, and the old address may stop redirecting tomorrow. The fix writes\n"
                   "the final URL (redirects followed hop by hop, at most 5). It is safe when\n"
                   "only http became https, unsafe otherwise (--unsafe-fixes): a redirect may\n"
                   "end on a login or landing page. Temporary redirects (302, 303, 307) are\n"
                   "noted at info level without a fix.\n"
                   "\n"
                   "Bad:\n"
                   "    - [Alpa](http://github.com/alpa-projects/alpa) answers 301\n"
                   "Good:\n"
                   "    - [Alpa](https://github.com/alpa-projects/alpa)\n",
    .check = check_link_redirect,
};
