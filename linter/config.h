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

/* Finds .awelint.yml (or .awelint.yaml) in `dir` or its parents, stopping at
 * the directory holding .git. Returns a path in arena, or NULL. */
const char *awl_config_find(const char *dir, awl_arena *arena);

#endif
