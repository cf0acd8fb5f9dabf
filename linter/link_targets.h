/*
 * link_targets: every external http(s) target a document names, with where
 * it is written: inline links, autolinks and images (doc.c's links, which
 * include links through reference definitions), reference definitions no
 * link uses, and the href and src attributes of raw HTML.
 *
 * The link checker collects them to check each URL once per run; the link
 * rules walk them to report each place a URL is written.
 *
 * Owns: nothing. Targets point at the doc's hrefs or at copies made in the
 * arena the caller passes; both must outlive the targets.
 */
#ifndef AWL_LINK_TARGETS_H
#define AWL_LINK_TARGETS_H

#include "doc.h"

typedef struct awl_link_target {
    const char *url; /* NUL-terminated, as a browser would follow it */
    /* The URL's bytes in the source, for a fix to replace; AWL_NONE when
     * the written form differs (entities, escapes, www. autolinks). */
    size_t start;
    size_t end;
    size_t at; /* where a finding about it is reported */
} awl_link_target;

/* True when `url` starts with http:// or https:// (any case). */
bool awl_url_is_external(const char *url);

/* Appends doc's external targets (awl_link_target) to `out`, in document
 * order, each written place once (a reference definition used by several
 * links counts once, at the definition). */
void awl_link_targets_collect(const awl_doc *doc, awl_arena *arena, awl_vec *out);

#endif
