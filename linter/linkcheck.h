/*
 * linkcheck: checks a run's external URLs, each once, before the rules run.
 *
 * The caller adds every URL of every file (awl_link_results_add; duplicates
 * and excluded URLs are dropped), then awl_linkcheck_run answers each one:
 * from the cache when it holds a fresh result, otherwise over the network
 * with libcurl's multi interface: at most `concurrency` transfers at once,
 * at most `per_host` to one host:port, `delay_ms` between two starts on one
 * host:port; HTTP/2 multiplexing when a server offers it; HEAD first, GET
 * (body discarded, at most 1 MiB read) when HEAD fails or answers an error;
 * redirects followed one hop at a time (at most 5); 429 and 503 retried
 * after their Retry-After. Every handle is set up by net.c (only http and
 * https, the private-address guard, timeouts).
 *
 * The link rules then read the results with awl_link_result_of.
 *
 * Owns: awl_link_results owns its URLs, results and their strings (heap
 * and its own arena); awl_link_results_free releases them.
 */
#ifndef AWL_LINKCHECK_H
#define AWL_LINKCHECK_H

#include <regex.h>
#include <stdbool.h>
#include <stddef.h>

#include "arena.h"
#include "config.h"
#include "strmap.h"

typedef enum awl_link_class {
    AWL_LINK_UNCHECKED = 0, /* added, not answered yet */
    AWL_LINK_OK,            /* 2xx without a redirect */
    AWL_LINK_REDIRECT,      /* 2xx after redirects; see permanent, final_url */
    AWL_LINK_DEAD,          /* 404, 410, other errors, no such host, refused, redirect loop */
    AWL_LINK_BLOCKED,       /* 401, 403, 429 after the retries, 999, a Cloudflare challenge */
    AWL_LINK_TIMEOUT,       /* no answer in time */
    AWL_LINK_SKIPPED,       /* a private or local address, not fetched (--allow-private) */
} awl_link_class;

typedef struct awl_link_result {
    awl_link_class class;
    int http_status;       /* the last answer's status; 0 when there was none */
    bool permanent;        /* REDIRECT: every hop answered 301 or 308 */
    unsigned hops;         /* redirects followed */
    bool https_ok;         /* OK, http:// only: the https:// form answers ok too */
    const char *final_url; /* REDIRECT: where the hops end; NULL otherwise */
    const char *reason;    /* not OK: why, one short line; REDIRECT of several
                            * hops: each hop's status and URL ("301 URL, 308 URL") */
    bool unresolved;       /* DEAD this run because the host name did not resolve */
    long long checked_at;  /* Unix time of the answer */
    bool from_cache;
} awl_link_result;

typedef struct awl_link_results {
    awl_strmap by_url; /* url -> index into urls and items */
    awl_vec urls;      /* const char *, in the arena */
    awl_vec items;     /* awl_link_result */
    awl_arena arena;
    regex_t excludes[AWL_MAX_LINK_EXCLUDES];
    size_t exclude_count;
    size_t excluded; /* URLs an exclude pattern matched */
} awl_link_results;

/* Starts an empty set; `options` gives the exclude patterns (already
 * validated by config.c). */
void awl_link_results_init(awl_link_results *results, const awl_link_options *options);
void awl_link_results_free(awl_link_results *results);

/* Adds a URL to check, unless it is there already or excluded. URLs are
 * kept and checked without their #fragment (the server never sees it). */
void awl_link_results_add(awl_link_results *results, const char *url);

/* The answer for `url`, or NULL when it was not checked (excluded, or not
 * added). */
const awl_link_result *awl_link_result_of(const awl_link_results *results, const char *url);

/* Where the check's summary and progress go. */
typedef struct awl_linkcheck_stats {
    size_t checked; /* over the network */
    size_t cached;  /* answered by the cache */
    double seconds;
    /* No link got an answer and host names did not resolve: the network
     * looks down, and the links whose names did not resolve are left
     * unchecked (class AWL_LINK_UNCHECKED), not reported dead. */
    bool offline;
    /* libcurl could not be loaded or started: nothing was checked, every
     * link stays unchecked, and this says why. */
    const char *unavailable;
} awl_linkcheck_stats;

/* Answers every URL added. `use_cache`: read and then write
 * options->cache_path. `progress`: draw a progress line on standard error
 * (the caller decides it is a terminal). Never fails: a URL that cannot be
 * checked gets the class and reason that say why. */
void awl_linkcheck_run(awl_link_results *results, const awl_link_options *options,
                       bool allow_private, bool use_cache, bool progress,
                       awl_linkcheck_stats *stats);

#endif
