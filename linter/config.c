/*
 * config: defaults, --select/--ignore, and the .awelint.yml file (libyaml).
 *
 * The file's shape (every key optional):
 *
 *   fail-on: warning            # error | warning | info
 *   select: [format, venue]     # rule ids or categories; others are off
 *   ignore: [list-marker]
 *   categories:
 *     link: on                  # on | off
 *   rules:
 *     trailing-space: off       # error | warning | info | off
 *     list-marker:
 *       severity: warning
 *       marker: "-"             # pin the bullet instead of detecting it
 *     entry-order:
 *       order: alphabetical     # detect | alphabetical | newest-first | oldest-first
 *       min-agreement: 80       # percent of neighbouring pairs (50-100)
 *       sections:               # per heading text; also none
 *         "News": newest-first
 *     duplicate-entry:
 *       scope: file             # section (default) | file
 *   ignore-paths: [CHANGELOG.md, drafts]   # globs, relative to this file
 *   links:                      # the link checker (category link)
 *     exclude: ["^https://twitter\\.com/"]   # regular expressions (POSIX ERE)
 *     concurrency: 32           # transfers at once
 *     per-host: 4               # transfers at once to one host:port
 *     delay: 50ms               # between two starts on one host:port
 *     connect-timeout: 10s
 *     timeout: 30s
 *     retries: 2                # of a 429 or 503 answer, after its Retry-After
 *     cache: .awelint-cache     # the cache file
 *     ttl-ok: 1d                # how long results are trusted
 *     ttl-failure: 1h
 *   merge:
 *     map: {Old heading: New heading}   # awelint merge's forced mapping
 *
 * Unknown keys and wrong types are errors that name the file and line.
 */
#include "config.h"

#include <fnmatch.h>
#include <limits.h>
#include <regex.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <yaml.h>

#include "rule.h"

void awl_config_defaults(awl_config *config)
{
    memset(config, 0, sizeof *config);
    for (size_t i = 0; i < AWL_MAX_RULES; i++)
        config->severity[i] = AWL_SEVERITY_OFF;
    for (size_t i = 0; i < awl_rule_count && i < AWL_MAX_RULES; i++)
        config->severity[i] = strcmp(awl_rules[i]->category, "link") == 0
                                  ? AWL_SEVERITY_OFF
                                  : awl_rules[i]->severity;
    config->fail_on = AWL_SEVERITY_ERROR;
    config->toc_min_sections = 3;
    config->toc_min_level = 2;
    config->toc_max_level = 3;
    config->entry_order = AWL_ORDER_DETECT;
    config->entry_order_agreement = 80;
    awl_link_options *links = &config->links;
    links->concurrency = 32;
    links->per_host = 4;
    links->delay_ms = 50;
    links->connect_timeout_ms = 10000;
    links->timeout_ms = 30000;
    links->retries = 2;
    links->max_retry_wait_ms = 60000;
    links->cache_path = ".awelint-cache";
    links->ttl_ok_s = 24 * 3600;
    links->ttl_failure_s = 3600;
}

bool awl_config_links_on(const awl_config *config)
{
    for (size_t i = 0; i < awl_rule_count; i++)
        if (strcmp(awl_rules[i]->category, "link") == 0 && config->severity[i] != AWL_SEVERITY_OFF)
            return true;
    return false;
}

/* Reads a whole number in [min, max] into *out. */
static bool read_number(const char *text, unsigned min, unsigned max, unsigned *out)
{
    if (!text || !*text)
        return false;
    char *end;
    unsigned long value = strtoul(text, &end, 10);
    if (*end || value < min || value > max)
        return false;
    *out = (unsigned)value;
    return true;
}

/* Sets every rule named by `name` (an id or a category) to on or off.
 * Returns false when nothing has that name. */
static bool set_rules(awl_config *config, const char *name, size_t len, bool on)
{
    bool found = false;
    for (size_t i = 0; i < awl_rule_count; i++) {
        const awl_rule *rule = awl_rules[i];
        bool match = (strlen(rule->id) == len && strncmp(rule->id, name, len) == 0) ||
                     (strlen(rule->category) == len && strncmp(rule->category, name, len) == 0) ||
                     (len == 3 && strncmp(name, "all", 3) == 0);
        if (!match)
            continue;
        found = true;
        if (!on)
            config->severity[i] = AWL_SEVERITY_OFF;
        else if (config->severity[i] == AWL_SEVERITY_OFF)
            config->severity[i] = rule->severity;
    }
    return found;
}

bool awl_config_select(awl_config *config, const char *list, bool select, bool *first_select,
                       awl_arena *arena, const char **bad)
{
    if (select && first_select && *first_select) {
        /* The first --select replaces the defaults: only what it names runs. */
        for (size_t i = 0; i < awl_rule_count; i++)
            config->severity[i] = AWL_SEVERITY_OFF;
        *first_select = false;
    }
    const char *p = list;
    while (*p) {
        while (*p == ',' || *p == ' ')
            p++;
        const char *name = p;
        while (*p && *p != ',' && *p != ' ')
            p++;
        if (p == name)
            continue;
        if (!set_rules(config, name, (size_t)(p - name), select)) {
            *bad = awl_arena_strndup(arena, name, (size_t)(p - name));
            return false;
        }
    }
    return true;
}

typedef struct yaml_reader {
    yaml_document_t doc;
    const char *path;
    awl_arena *arena;
    const char *error;
} yaml_reader;

static bool fail(yaml_reader *r, const yaml_node_t *node, const char *fmt, const char *what)
{
    char message[256];
    snprintf(message, sizeof message, fmt, what);
    r->error = awl_arena_printf(r->arena, "%s:%zu: %s", r->path,
                                node ? (size_t)node->start_mark.line + 1 : (size_t)1, message);
    return false;
}

static const char *scalar(const yaml_node_t *node)
{
    return node && node->type == YAML_SCALAR_NODE ? (const char *)node->data.scalar.value : NULL;
}

static bool read_name_list(yaml_reader *r, awl_config *config, yaml_node_t *node, bool select)
{
    if (scalar(node)) { /* a single name or "a, b" */
        const char *bad = NULL;
        bool first = select;
        if (!awl_config_select(config, scalar(node), select, &first, r->arena, &bad))
            return fail(r, node, "unknown rule or category '%s'", bad);
        return true;
    }
    if (!node || node->type != YAML_SEQUENCE_NODE)
        return fail(r, node, "%s takes a list of rule ids or categories",
                    select ? "select" : "ignore");
    if (select)
        for (size_t i = 0; i < awl_rule_count; i++)
            config->severity[i] = AWL_SEVERITY_OFF;
    for (yaml_node_item_t *item = node->data.sequence.items.start;
         item < node->data.sequence.items.top; item++) {
        yaml_node_t *child = yaml_document_get_node(&r->doc, *item);
        const char *name = scalar(child);
        if (!name)
            return fail(r, child, "%s takes names, not lists or maps", select ? "select" : "ignore");
        if (!set_rules(config, name, strlen(name), select))
            return fail(r, child, "unknown rule or category '%s'", name);
    }
    return true;
}

static bool read_severity(yaml_reader *r, yaml_node_t *node, awl_severity *out)
{
    const char *text = scalar(node);
    if (text && (strcmp(text, "on") == 0 || strcmp(text, "true") == 0))
        return true; /* keep the current (default) severity, but on */
    if (text && (strcmp(text, "false") == 0))
        text = "off";
    if (!text || !awl_severity_parse(text, out))
        return fail(r, node, "expected error, warning, info or off, got '%s'", text ? text : "a list or map");
    return true;
}

static const char *const order_names[] = {"detect", "alphabetical", "newest-first",
                                          "oldest-first", "none"};

/* An order name into *out; `none` only where allowed (sections). */
static bool read_order(yaml_reader *r, yaml_node_t *value, bool allow_none, unsigned *out)
{
    const char *order = scalar(value);
    size_t count = allow_none ? 5 : 4;
    for (size_t k = 0; order && k < count; k++)
        if (strcmp(order, order_names[k]) == 0) {
            *out = (unsigned)k;
            return true;
        }
    return fail(r, value, "%s",
                allow_none ? "order must be detect, alphabetical, newest-first, oldest-first or none"
                           : "order must be detect, alphabetical, newest-first or oldest-first");
}

/* entry-order's `sections: {HEADING: ORDER, ...}`. */
static bool read_section_orders(yaml_reader *r, awl_config *config, yaml_node_t *node)
{
    if (node->type != YAML_MAPPING_NODE)
        return fail(r, node, "sections takes a map of heading text: order%s", "");
    size_t count = (size_t)(node->data.mapping.pairs.top - node->data.mapping.pairs.start);
    awl_section_order *pins = awl_arena_alloc(r->arena, (count ? count : 1) * sizeof *pins);
    size_t n = 0;
    for (yaml_node_pair_t *pair = node->data.mapping.pairs.start;
         pair < node->data.mapping.pairs.top; pair++) {
        yaml_node_t *key = yaml_document_get_node(&r->doc, pair->key);
        const char *heading = scalar(key);
        if (!heading || !*heading)
            return fail(r, key, "sections' keys are heading texts%s", "");
        pins[n].heading = awl_arena_strdup(r->arena, heading);
        if (!read_order(r, yaml_document_get_node(&r->doc, pair->value), true, &pins[n].order))
            return false;
        n++;
    }
    config->section_orders = pins;
    config->section_order_count = n;
    return true;
}

/* The duplicate rules' `scope: section | file`. */
static bool read_duplicate_scope(yaml_reader *r, awl_config *config, yaml_node_t *value)
{
    const char *scope = scalar(value);
    if (scope && strcmp(scope, "section") == 0)
        config->duplicate_scope = AWL_DUP_SCOPE_SECTION;
    else if (scope && strcmp(scope, "file") == 0)
        config->duplicate_scope = AWL_DUP_SCOPE_FILE;
    else
        return fail(r, value, "scope must be section or file%s", "");
    return true;
}

/* A glob as stored: "drafts/" (a directory, as .gitignore writes it) is
 * "drafts", which matches a file or directory of that name anywhere. */
static const char *glob_text(awl_arena *arena, const char *glob)
{
    size_t len = strlen(glob);
    while (len > 1 && glob[len - 1] == '/')
        len--;
    return awl_arena_strndup(arena, glob, len);
}

/* `ignore-paths: [GLOB, ...]` (or a single GLOB). */
static bool read_ignore_paths(yaml_reader *r, awl_config *config, yaml_node_t *node)
{
    size_t count = node->type == YAML_SEQUENCE_NODE
                       ? (size_t)(node->data.sequence.items.top - node->data.sequence.items.start)
                       : 1;
    const char **globs = awl_arena_alloc(r->arena, (count ? count : 1) * sizeof *globs);
    if (node->type == YAML_SCALAR_NODE) {
        if (!*scalar(node))
            return fail(r, node, "ignore-paths takes glob patterns, not an empty string%s", "");
        globs[0] = glob_text(r->arena, scalar(node));
    } else if (node->type == YAML_SEQUENCE_NODE) {
        for (size_t i = 0; i < count; i++) {
            yaml_node_t *item = yaml_document_get_node(&r->doc, node->data.sequence.items.start[i]);
            if (!scalar(item) || !*scalar(item))
                return fail(r, item, "ignore-paths takes glob patterns, not lists or maps%s", "");
            globs[i] = glob_text(r->arena, scalar(item));
        }
    } else {
        return fail(r, node, "ignore-paths takes a list of glob patterns%s", "");
    }
    config->ignore_paths = globs;
    config->ignore_path_count = count;
    return true;
}

static bool read_rule(yaml_reader *r, awl_config *config, const char *id, yaml_node_t *node)
{
    size_t index = awl_rule_index(id);
    if (index == AWL_NONE)
        return fail(r, node, "unknown rule '%s'", id);
    const awl_rule *rule = awl_rules[index];
    awl_severity severity = config->severity[index] == AWL_SEVERITY_OFF ? rule->severity
                                                                        : config->severity[index];
    if (node->type == YAML_SCALAR_NODE) {
        if (!read_severity(r, node, &severity))
            return false;
        config->severity[index] = severity;
        return true;
    }
    if (node->type != YAML_MAPPING_NODE)
        return fail(r, node, "rule '%s' takes a severity or a map of options", id);
    for (yaml_node_pair_t *pair = node->data.mapping.pairs.start;
         pair < node->data.mapping.pairs.top; pair++) {
        yaml_node_t *key = yaml_document_get_node(&r->doc, pair->key);
        yaml_node_t *value = yaml_document_get_node(&r->doc, pair->value);
        const char *name = scalar(key);
        if (name && strcmp(name, "severity") == 0) {
            if (!read_severity(r, value, &severity))
                return false;
        } else if (name && strcmp(id, "toc") == 0 &&
                   (strcmp(name, "min-sections") == 0 || strcmp(name, "min-level") == 0 ||
                    strcmp(name, "max-level") == 0)) {
            unsigned *field = strcmp(name, "min-sections") == 0 ? &config->toc_min_sections
                              : strcmp(name, "min-level") == 0  ? &config->toc_min_level
                                                                : &config->toc_max_level;
            unsigned max = field == &config->toc_min_sections ? 1000 : 6;
            if (!read_number(scalar(value), 1, max, field))
                return fail(r, value, "%s takes a whole number in range", name);
            if (field != &config->toc_min_sections)
                config->toc_levels_set = true;
            if (config->toc_min_level > config->toc_max_level)
                return fail(r, value, "min-level is above max-level%s", "");
        } else if (name && strcmp(id, "entry-order") == 0 && strcmp(name, "order") == 0) {
            if (!read_order(r, value, false, &config->entry_order))
                return false;
        } else if (name && strcmp(id, "entry-order") == 0 && strcmp(name, "sections") == 0) {
            if (!read_section_orders(r, config, value))
                return false;
        } else if (name && (strcmp(id, "duplicate-entry") == 0 ||
                            strcmp(id, "duplicate-cross-section") == 0) &&
                   strcmp(name, "scope") == 0) {
            if (!read_duplicate_scope(r, config, value))
                return false;
        } else if (name && strcmp(id, "entry-order") == 0 && strcmp(name, "min-agreement") == 0) {
            if (!read_number(scalar(value), 50, 100, &config->entry_order_agreement))
                return fail(r, value, "min-agreement takes a percentage from 50 to 100%s", "");
        } else if (name && strcmp(name, "marker") == 0 && strcmp(id, "list-marker") == 0) {
            const char *marker = scalar(value);
            if (!marker || strlen(marker) != 1 || !strchr("-*+", marker[0]))
                return fail(r, value, "marker must be \"-\", \"*\" or \"+\"%s", "");
            config->list_marker = marker[0];
        } else {
            return fail(r, key, "unknown option '%s'", name ? name : "?");
        }
    }
    config->severity[index] = severity;
    return true;
}

/* ---- links: the link checker's settings ---- */

/* A duration: a number with an optional unit (ms, s, m, h, d; seconds when
 * none), into milliseconds, at most `max_ms`. */
static bool read_duration_ms(const char *text, unsigned long long max_ms, unsigned long long *out)
{
    if (!text || !*text)
        return false;
    char *end;
    double value = strtod(text, &end);
    if (end == text || value < 0)
        return false;
    static const struct {
        const char *unit;
        double ms;
    } units[] = {{"", 1000}, {"ms", 1}, {"s", 1000}, {"m", 60000}, {"h", 3600000}, {"d", 86400000}};
    for (size_t i = 0; i < sizeof units / sizeof units[0]; i++)
        if (strcmp(end, units[i].unit) == 0) {
            double ms = value * units[i].ms;
            if (ms > (double)max_ms)
                return false;
            *out = (unsigned long long)(ms + 0.5);
            return true;
        }
    return false;
}

static bool valid_regex(const char *pattern)
{
    regex_t compiled;
    if (regcomp(&compiled, pattern, REG_EXTENDED | REG_NOSUB) != 0)
        return false;
    regfree(&compiled);
    return true;
}

static bool read_link_excludes(yaml_reader *r, awl_link_options *links, yaml_node_t *node)
{
    if (scalar(node)) {
        if (!valid_regex(scalar(node)))
            return fail(r, node, "exclude: '%s' is not a valid regular expression", scalar(node));
        links->exclude[0] = awl_arena_strdup(r->arena, scalar(node));
        links->exclude_count = 1;
        return true;
    }
    if (!node || node->type != YAML_SEQUENCE_NODE)
        return fail(r, node, "exclude takes a list of regular expressions%s", "");
    links->exclude_count = 0;
    for (yaml_node_item_t *item = node->data.sequence.items.start;
         item < node->data.sequence.items.top; item++) {
        yaml_node_t *child = yaml_document_get_node(&r->doc, *item);
        if (!scalar(child))
            return fail(r, child, "exclude takes regular expressions, not lists or maps%s", "");
        if (!valid_regex(scalar(child)))
            return fail(r, child, "exclude: '%s' is not a valid regular expression", scalar(child));
        if (links->exclude_count == AWL_MAX_LINK_EXCLUDES)
            return fail(r, child, "exclude takes at most %s patterns", "64");
        links->exclude[links->exclude_count++] = awl_arena_strdup(r->arena, scalar(child));
    }
    return true;
}

static bool read_links(yaml_reader *r, awl_config *config, yaml_node_t *node)
{
    awl_link_options *links = &config->links;
    if (node->type != YAML_MAPPING_NODE)
        return fail(r, node, "links takes a map of settings%s", "");
    for (yaml_node_pair_t *pair = node->data.mapping.pairs.start;
         pair < node->data.mapping.pairs.top; pair++) {
        yaml_node_t *key = yaml_document_get_node(&r->doc, pair->key);
        yaml_node_t *value = yaml_document_get_node(&r->doc, pair->value);
        const char *name = scalar(key);
        const char *text = scalar(value);
        unsigned long long ms;
        if (!name)
            return fail(r, key, "keys must be plain names%s", "");
        if (strcmp(name, "exclude") == 0) {
            if (!read_link_excludes(r, links, value))
                return false;
        } else if (strcmp(name, "concurrency") == 0 || strcmp(name, "per-host") == 0 ||
                   strcmp(name, "retries") == 0) {
            unsigned *field = name[0] == 'c'   ? &links->concurrency
                              : name[0] == 'p' ? &links->per_host
                                               : &links->retries;
            unsigned min = field == &links->retries ? 0 : 1;
            if (!read_number(text, min, 1000, field))
                return fail(r, value, "%s takes a whole number from 0 or 1 to 1000", name);
        } else if (strcmp(name, "cache") == 0) {
            if (!text || !*text)
                return fail(r, value, "cache takes a file path%s", "");
            links->cache_path = awl_arena_strdup(r->arena, text);
        } else if (strcmp(name, "delay") == 0 || strcmp(name, "connect-timeout") == 0 ||
                   strcmp(name, "timeout") == 0 || strcmp(name, "max-retry-wait") == 0) {
            if (!read_duration_ms(text, 3600000, &ms))
                return fail(r, value, "%s takes a duration such as 500ms, 10s or 2m (at most 1h)", name);
            unsigned *field = name[0] == 'd'   ? &links->delay_ms
                              : name[0] == 'c' ? &links->connect_timeout_ms
                              : name[0] == 't' ? &links->timeout_ms
                                               : &links->max_retry_wait_ms;
            if (ms == 0 && field != &links->delay_ms && field != &links->max_retry_wait_ms)
                return fail(r, value, "%s must be longer than 0", name);
            *field = (unsigned)ms;
        } else if (strcmp(name, "ttl-ok") == 0 || strcmp(name, "ttl-failure") == 0) {
            if (!read_duration_ms(text, 366ull * 86400000, &ms))
                return fail(r, value, "%s takes a duration such as 1h or 7d (at most 366d)", name);
            *(name[4] == 'o' ? &links->ttl_ok_s : &links->ttl_failure_s) = (unsigned)(ms / 1000);
        } else {
            return fail(r, key, "unknown links setting '%s'", name);
        }
    }
    return true;
}

/* merge: {map: {Old: New, ...}}; the pairs go to `maps` when it is not NULL. */
static bool read_merge(yaml_reader *r, yaml_node_t *node, awl_vec *maps)
{
    if (node->type != YAML_MAPPING_NODE)
        return fail(r, node, "merge takes a map (map: {Old: New})%s", "");
    for (yaml_node_pair_t *pair = node->data.mapping.pairs.start;
         pair < node->data.mapping.pairs.top; pair++) {
        yaml_node_t *key = yaml_document_get_node(&r->doc, pair->key);
        yaml_node_t *value = yaml_document_get_node(&r->doc, pair->value);
        const char *name = scalar(key);
        if (!name || strcmp(name, "map") != 0)
            return fail(r, key, "unknown key '%s' in merge", name ? name : "?");
        if (value->type != YAML_MAPPING_NODE)
            return fail(r, value, "merge.map takes a map of Old heading: New heading%s", "");
        for (yaml_node_pair_t *mp = value->data.mapping.pairs.start;
             mp < value->data.mapping.pairs.top; mp++) {
            yaml_node_t *from = yaml_document_get_node(&r->doc, mp->key);
            const char *to = scalar(yaml_document_get_node(&r->doc, mp->value));
            if (!scalar(from) || !to)
                return fail(r, from, "merge.map pairs are plain headings%s", "");
            if (maps) {
                awl_section_map *m = awl_vec_push(maps);
                m->from = awl_arena_strdup(r->arena, scalar(from));
                m->to = awl_arena_strdup(r->arena, to);
            }
        }
    }
    return true;
}

static bool read_root(yaml_reader *r, awl_config *config, yaml_node_t *root)
{
    if (!root)
        return true; /* an empty file configures nothing */
    if (root->type != YAML_MAPPING_NODE)
        return fail(r, root, "the config must be a map of settings%s", "");
    for (yaml_node_pair_t *pair = root->data.mapping.pairs.start;
         pair < root->data.mapping.pairs.top; pair++) {
        yaml_node_t *key = yaml_document_get_node(&r->doc, pair->key);
        yaml_node_t *value = yaml_document_get_node(&r->doc, pair->value);
        const char *name = scalar(key);
        if (!name)
            return fail(r, key, "keys must be plain names%s", "");
        if (strcmp(name, "fail-on") == 0) {
            awl_severity severity;
            if (!scalar(value) || !awl_severity_parse(scalar(value), &severity) ||
                severity == AWL_SEVERITY_OFF)
                return fail(r, value, "fail-on takes error, warning or info%s", "");
            config->fail_on = severity;
        } else if (strcmp(name, "select") == 0 || strcmp(name, "ignore") == 0) {
            if (!read_name_list(r, config, value, name[0] == 's'))
                return false;
        } else if (strcmp(name, "rules") == 0) {
            if (value->type != YAML_MAPPING_NODE)
                return fail(r, value, "rules takes a map of rule ids%s", "");
            for (yaml_node_pair_t *rp = value->data.mapping.pairs.start;
                 rp < value->data.mapping.pairs.top; rp++) {
                const char *id = scalar(yaml_document_get_node(&r->doc, rp->key));
                if (!id)
                    return fail(r, value, "rule ids must be plain names%s", "");
                if (!read_rule(r, config, id, yaml_document_get_node(&r->doc, rp->value)))
                    return false;
            }
        } else if (strcmp(name, "ignore-paths") == 0) {
            if (!read_ignore_paths(r, config, value))
                return false;
        } else if (strcmp(name, "categories") == 0) {
            if (value->type != YAML_MAPPING_NODE)
                return fail(r, value, "categories takes a map of category: on|off%s", "");
            for (yaml_node_pair_t *cp = value->data.mapping.pairs.start;
                 cp < value->data.mapping.pairs.top; cp++) {
                yaml_node_t *ck = yaml_document_get_node(&r->doc, cp->key);
                const char *cat = scalar(ck);
                const char *state = scalar(yaml_document_get_node(&r->doc, cp->value));
                bool on = state && (strcmp(state, "on") == 0 || strcmp(state, "true") == 0);
                bool off = state && (strcmp(state, "off") == 0 || strcmp(state, "false") == 0);
                if (!cat || (!on && !off))
                    return fail(r, ck, "category '%s' takes on or off", cat ? cat : "?");
                if (!set_rules(config, cat, strlen(cat), on))
                    return fail(r, ck, "unknown category '%s'", cat);
            }
        } else if (strcmp(name, "links") == 0) {
            if (!read_links(r, config, value))
                return false;
        } else if (strcmp(name, "merge") == 0) {
            if (!read_merge(r, value, NULL))
                return false;
        } else {
            return fail(r, key, "unknown key '%s'", name);
        }
    }
    return true;
}

/* Remembers the config's path and its absolute directory (ignore-paths'
 * base). */
static void record_location(awl_config *config, const char *path, awl_arena *arena)
{
    config->path = awl_arena_strdup(arena, path);
    char absolute[PATH_MAX];
    if (!realpath(path, absolute))
        return;
    char *slash = strrchr(absolute, '/');
    config->dir = slash == absolute ? "/" : awl_arena_strndup(arena, absolute, (size_t)(slash - absolute));
}

/* Parses the YAML file at path into r->doc; on failure sets *error. */
static bool load_yaml(const char *path, awl_arena *arena, yaml_reader *r, const char **error)
{
    FILE *file = fopen(path, "rb");
    if (!file) {
        *error = awl_arena_printf(arena, "%s: cannot read the config file", path);
        return false;
    }
    yaml_parser_t parser;
    yaml_parser_initialize(&parser);
    yaml_parser_set_input_file(&parser, file);
    *r = (yaml_reader){.path = path, .arena = arena};
    bool ok = yaml_parser_load(&parser, &r->doc);
    if (!ok)
        *error = awl_arena_printf(arena, "%s:%zu: invalid YAML: %s", path,
                                  (size_t)parser.problem_mark.line + 1,
                                  parser.problem ? parser.problem : "unreadable");
    yaml_parser_delete(&parser);
    fclose(file);
    return ok;
}

bool awl_config_load(awl_config *config, const char *path, awl_arena *arena, const char **error)
{
    yaml_reader r;
    if (!load_yaml(path, arena, &r, error))
        return false;
    bool ok = read_root(&r, config, yaml_document_get_root_node(&r.doc));
    if (!ok)
        *error = r.error;
    else
        record_location(config, path, arena);
    yaml_document_delete(&r.doc);
    return ok;
}

bool awl_config_merge_maps(const char *path, awl_arena *arena, awl_vec *maps, const char **error)
{
    awl_config ignored;
    awl_config_defaults(&ignored);
    yaml_reader r;
    if (!load_yaml(path, arena, &r, error))
        return false;
    yaml_node_t *root = yaml_document_get_root_node(&r.doc);
    bool ok = read_root(&r, &ignored, root); /* the whole file must be valid */
    if (ok && root && root->type == YAML_MAPPING_NODE)
        for (yaml_node_pair_t *pair = root->data.mapping.pairs.start;
             ok && pair < root->data.mapping.pairs.top; pair++) {
            const char *name = scalar(yaml_document_get_node(&r.doc, pair->key));
            if (name && strcmp(name, "merge") == 0)
                ok = read_merge(&r, yaml_document_get_node(&r.doc, pair->value), maps);
        }
    if (!ok)
        *error = r.error;
    yaml_document_delete(&r.doc);
    return ok;
}

const char *awl_config_find(const char *dir, awl_arena *arena)
{
    char path[PATH_MAX];
    if (!realpath(dir, path))
        return NULL;
    for (;;) {
        static const char *const names[] = {".awelint.yml", ".awelint.yaml"};
        struct stat st;
        for (size_t i = 0; i < 2; i++) {
            char *candidate = awl_arena_printf(arena, "%s/%s", strcmp(path, "/") ? path : "", names[i]);
            if (stat(candidate, &st) == 0 && S_ISREG(st.st_mode))
                return candidate;
        }
        char *git = awl_arena_printf(arena, "%s/.git", strcmp(path, "/") ? path : "");
        if (stat(git, &st) == 0 || strcmp(path, "/") == 0)
            return NULL; /* the repository root (or the filesystem's) ends the walk */
        char *slash = strrchr(path, '/');
        if (slash == path)
            path[1] = '\0';
        else
            *slash = '\0';
    }
}

unsigned awl_config_section_order(const awl_config *config, const char *heading)
{
    for (size_t i = 0; heading && i < config->section_order_count; i++)
        if (strcasecmp(config->section_orders[i].heading, heading) == 0)
            return config->section_orders[i].order;
    return config->entry_order;
}

/* True when a glob matches `rel` (a relative path) or one of its leading
 * directories; a glob without '/' is tried on each component alone. */
static bool glob_matches(const char *glob, const char *rel)
{
    bool any_component = !strchr(glob, '/');
    if (glob[0] == '/') /* "/drafts": anchored at the config's directory */
        glob++;
    char prefix[PATH_MAX];
    size_t len = strlen(rel);
    if (len >= sizeof prefix)
        return false;
    for (size_t end = 0; end <= len; end++) {
        if (rel[end] != '/' && rel[end] != '\0')
            continue;
        size_t start = 0;
        if (any_component) /* the component ending here */
            for (start = end; start > 0 && rel[start - 1] != '/'; start--)
                ;
        memcpy(prefix, rel + start, end - start);
        prefix[end - start] = '\0';
        if (fnmatch(glob, prefix, FNM_PATHNAME | FNM_PERIOD) == 0)
            return true;
    }
    return false;
}

bool awl_config_ignores_path(const awl_config *config, const char *path)
{
    if (!config->ignore_path_count || strcmp(path, "-") == 0)
        return false;
    /* The path relative to the config's directory; as given when it lies
     * elsewhere (or cannot be resolved). */
    const char *rel = path;
    char absolute[PATH_MAX];
    if (config->dir && realpath(path, absolute)) {
        size_t dir_len = strlen(config->dir);
        if (strcmp(config->dir, "/") == 0)
            rel = absolute + 1;
        else if (strncmp(absolute, config->dir, dir_len) == 0 && absolute[dir_len] == '/')
            rel = absolute + dir_len + 1;
    }
    while (rel[0] == '.' && rel[1] == '/')
        rel += 2;
    for (size_t i = 0; i < config->ignore_path_count; i++)
        if (glob_matches(config->ignore_paths[i], rel))
            return true;
    return false;
}
