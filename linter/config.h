/*
 * config: which rules run, how severe they are, and the rules' options,
 * from defaults, the config file (.awelint.yml) and the command line.
 *
 * Owns: an awl_config is a plain value with fixed-size arrays; strings it
 * points to come from an arena the caller owns (awl_config_load's arena).
 */
#ifndef AWL_CONFIG_H
#define AWL_CONFIG_H

#include <stdbool.h>
#include <stddef.h>

#include "arena.h"
#include "diag.h"

enum { AWL_MAX_RULES = 128 };
enum { AWL_MAX_LINK_EXCLUDES = 64 };

/* The link checker's settings (the config's `links:` map; see config.c). */
typedef struct awl_link_options {
    unsigned concurrency;        /* transfers at once, all hosts together (32) */
    unsigned per_host;           /* transfers at once to one host:port (4) */
    unsigned delay_ms;           /* least time between two starts on one host:port (50) */
    unsigned connect_timeout_ms; /* 10 s */
    unsigned timeout_ms;         /* one request, whole transfer: 30 s */
    unsigned retries;            /* of a 429 or 503 answer (2) */
    unsigned max_retry_wait_ms;  /* a longer Retry-After is not waited for (60 s) */
    const char *cache_path;      /* ".awelint-cache" */
    unsigned ttl_ok_s;           /* how long a good result is trusted (1 day) */
    unsigned ttl_failure_s;      /* any other result (1 hour) */
    /* POSIX extended regular expressions; a URL any of them matches is not
     * checked (nor reported). */
    const char *exclude[AWL_MAX_LINK_EXCLUDES];
    size_t exclude_count;
} awl_link_options;

struct awl_link_results;

/* entry-order's `order` option; AWL_ORDER_NONE (sections only): the
 * section's lists keep no order. */
enum {
    AWL_ORDER_DETECT = 0,
    AWL_ORDER_ALPHABETICAL,
    AWL_ORDER_NEWEST_FIRST,
    AWL_ORDER_OLDEST_FIRST,
    AWL_ORDER_NONE,
};

/* The duplicate rules' `scope`: copies count within a section (duplicate-
 * entry) and across sections (duplicate-cross-section), or anywhere in the
 * file (duplicate-entry reports them all). */
enum { AWL_DUP_SCOPE_SECTION = 0, AWL_DUP_SCOPE_FILE };

/* entry-order's order pinned for the sections under one heading text. */
typedef struct awl_section_order {
    const char *heading; /* a heading's text, compared ignoring ASCII case */
    unsigned order;      /* AWL_ORDER_* */
} awl_section_order;

typedef struct awl_config {
    awl_severity severity[AWL_MAX_RULES]; /* per rule index; AWL_SEVERITY_OFF: not run */
    awl_severity fail_on;
    char list_marker; /* list-marker: '-', '*', '+', or 0 to follow the file */
    /* toc: a list with more than toc_min_sections sections needs a table of
     * contents, listing headings of levels toc_min_level..toc_max_level. */
    unsigned toc_min_sections;
    unsigned toc_min_level;
    unsigned toc_max_level;
    /* min-level or max-level came from the config file: the levels are
     * pinned instead of read from the table of contents itself. */
    bool toc_levels_set;
    /* entry-order: the order lists keep, pinned (AWL_ORDER_DETECT: detected
     * per list), and the share of neighbouring pairs (percent) that makes
     * a detected order a list's. */
    unsigned entry_order;
    unsigned entry_order_agreement;
    awl_link_options links;
    /* What the link checker found for the run (linkcheck.h); NULL when no
     * check ran. The link rules read it; they report nothing without it. */
    const struct awl_link_results *link_results;
    /* entry-order's `sections`: pins for the lists directly under these
     * headings (they win over `order`). */
    const awl_section_order *section_orders;
    size_t section_order_count;
    unsigned duplicate_scope; /* AWL_DUP_SCOPE_* */
    /* ignore-paths: glob patterns of files not to lint, relative to `dir`. */
    const char *const *ignore_paths;
    size_t ignore_path_count;
    const char *path; /* the config file read, or NULL */
    const char *dir;  /* its directory, absolute */
} awl_config;

/* Every rule at its default severity; rules in category "link" start off. */
void awl_config_defaults(awl_config *config);

/* Applies a comma-separated list of rule ids and categories: `select`
 * keeps only those (first call) or adds them; `ignore` turns them off.
 * Returns false and sets *bad to the first unknown name. */
bool awl_config_select(awl_config *config, const char *list, bool select, bool *first_select,
                       awl_arena *arena, const char **bad);

/* True when a rule of category "link" is on. */
bool awl_config_links_on(const awl_config *config);

/* Reads a YAML config file. On error returns false with *error naming the
 * file, line and problem (in arena). */
bool awl_config_load(awl_config *config, const char *path, awl_arena *arena, const char **error);

/* The order entry-order keeps in the lists directly under a heading with
 * this text (NULL: the preamble): a `sections` pin, else `order`. */
unsigned awl_config_section_order(const awl_config *config, const char *heading);

/* True when `path` matches one of the config's ignore-paths. A pattern with
 * a '/' (a leading one anchors it) is matched (fnmatch, `*` not crossing
 * '/') against the path relative to the config's directory; one without
 * (trailing '/'s aside) matches any single component. A pattern matching a
 * directory ignores everything under it. */
bool awl_config_ignores_path(const awl_config *config, const char *path);

/* merge's forced section mapping: headings like `from` go into `to`. */
typedef struct awl_section_map {
    const char *from;
    const char *to;
} awl_section_map;

/* Reads the `merge: map: {Old: New}` part of a config file, appending
 * awl_section_map items to `maps` (strings in arena). On error returns
 * false with *error as awl_config_load gives it. */
bool awl_config_merge_maps(const char *path, awl_arena *arena, awl_vec *maps, const char **error);

/* Finds .awelint.yml (or .awelint.yaml) in `dir` or its parents, stopping at
 * the directory holding .git. Returns a path in arena, or NULL. */
const char *awl_config_find(const char *dir, awl_arena *arena);

#endif
