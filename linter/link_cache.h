/*
 * link_cache: the link checker's results kept between runs in one text
 * file (default .awelint-cache), so a list of thousands of links is not
 * fetched again on every commit.
 *
 * Format: a first line "awelint-link-cache 1", then one result a line,
 * tab-separated: checked_at (Unix time), class, HTTP status, flags
 * ("p" permanent redirect, "s" https form ok, "-" none), hops, URL, final
 * URL ("-" none), reason ("-" none). A result is fresh for ttl_ok seconds
 * when the link answered (ok or after redirects), ttl_failure seconds
 * otherwise. Skipped (private) results are not kept: they depend on
 * --allow-private, not on the server.
 *
 * A file that does not parse is ignored with a warning and rewritten; it
 * never stops a run. The file is replaced atomically (atomic_write.h).
 *
 * Owns: an awl_link_cache holds the fresh lines of URLs this run does not
 * ask about (heap), to write them back; awl_link_cache_free releases them.
 */
#ifndef AWL_LINK_CACHE_H
#define AWL_LINK_CACHE_H

#include "linkcheck.h"

typedef struct awl_link_cache {
    awl_buf other_lines; /* fresh results for URLs not in this run, as read */
    size_t answered;     /* results this run took from the file */
} awl_link_cache;

/* Reads `path` (a missing file is an empty cache) and answers the
 * unchecked results it holds fresh; without allow_private, not those of
 * URLs naming a private address (they are to be reported skipped). */
void awl_link_cache_load(awl_link_cache *cache, awl_link_results *results, const char *path,
                         long long now, const awl_link_options *options, bool allow_private);

/* Writes the cache: the results of this run (but skipped and unchecked
 * ones, and failures unless keep_failures) and the other fresh lines. On
 * failure returns false with *why. */
bool awl_link_cache_save(const awl_link_cache *cache, const awl_link_results *results,
                         const char *path, bool keep_failures, const char **why);

void awl_link_cache_free(awl_link_cache *cache);

#endif
