/*
 * cli: the command line: options, input files, modes (lint, fix, diff,
 * check, export), exit codes. The contract is in README.md; the acceptance
 * kit and users' CI rely on it, so change it only by adding.
 *
 * Exit codes: 0 no finding at or above --fail-on; 1 findings (or, with
 * --check/--diff, something to fix); 2 usage error, unreadable input,
 * invalid config, failed or unverifiable write.
 */
#include "cli.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "atomic_write.h"
#include "config.h"
#include "diff.h"
#include "engine.h"
#include "export.h"
#include "fix.h"
#include "link_targets.h"
#include "linkcheck.h"
#include "init.h"
#include "merge.h"
#include "msg.h"
#include "report.h"
#include "rule.h"

enum { EXIT_CLEAN = 0, EXIT_FINDINGS = 1, EXIT_TROUBLE = 2 };

typedef struct options {
    bool fix, unsafe_fixes, diff, check, quiet, no_config, init;
    const char *config_path;
    awl_format format;
    bool format_given;
    const char *color; /* auto | always | never */
    awl_vec selects;   /* const char *: --select / --ignore values in order */
    awl_vec select_kinds; /* bool: true for --select */
    const char *fail_on;
    awl_export_format export_format;
    bool links, allow_private, no_cache; /* the link checker */
} options;

typedef struct run_state {
    options *opt;
    awl_arena arena; /* paths, config strings */
    awl_report report;
    awl_exporter exporter;
    bool exporting;
    int status; /* worst exit code so far */
    const char *config_file; /* config the cached one came from */
    awl_config config;
    bool config_ready;
    /* The link check runs before the rules: a first walk over the paths
     * (collecting) gathers the URLs of the files whose config turns a link
     * rule on, with the first such config's `links:` settings. */
    bool collecting;
    bool links_started;  /* link_results holds URLs (initialised) */
    bool links_checked;  /* ... and their answers: the rules may read them */
    awl_link_results link_results;
    awl_link_options link_options;
    awl_buf stdin_bytes; /* standard input, read once for both walks */
    bool stdin_read;
    const char *config_failed; /* a config already reported as invalid */
} run_state;

static const char usage_text[] =
    "Usage: awelint [check] [OPTIONS] PATH...\n"
    "       awelint export [--format json|csv] PATH...\n"
    "       awelint --init LIST [-]\n"
    "       awelint merge [-o OUT] [--into FILE] SOURCE... (see awelint merge --help)\n"
    "\n"
    "Lints Markdown awesome lists. PATH is a file, a directory (its *.md files,\n"
    "recursively, skipping .git and node_modules) or - for standard input.\n"
    "\n"
    "Options:\n"
    "  --fix                 apply safe fixes in place (with -, write the result to stdout)\n"
    "  --unsafe-fixes        also apply fixes that delete content or guess\n"
    "  --diff                print the unified diff --fix would apply; write nothing\n"
    "  --check               exit 1 when --fix would change anything; write nothing\n"
    "  --format FORMAT       text, json, sarif or github (default text; github when\n"
    "                        GITHUB_ACTIONS=true); for export: json or csv\n"
    "  --select RULES        only these rule ids or categories (comma-separated)\n"
    "  --ignore RULES        not these rule ids or categories\n"
    "  --fail-on LEVEL       error, warning or info: the lowest severity that fails (error)\n"
    "  --config FILE         read this config instead of finding .awelint.yml\n"
    "  --no-config           read no config file\n"
    "  --init                write a .awelint.yml beside LIST pinning its conventions\n"
    "                        (with a second argument -, print it instead)\n"
    "  --color WHEN          auto, always or never (NO_COLOR is respected)\n"
    "  --links               check external links (the rules of category link)\n"
    "  --allow-private       let --links fetch loopback and private addresses\n"
    "  --no-cache            check every link again; neither read nor write the cache\n"
    "  -q, --quiet           no summary line\n"
    "  --list-rules          list the rules and exit\n"
    "  --explain RULE        explain a rule and exit\n"
    "  --version             print the version and exit\n"
    "  -h, --help            print this help and exit\n"
    "\n"
    "Exit codes: 0 clean, 1 findings, 2 usage error, unreadable input, invalid config\n"
    "or a failed write.\n";

static void list_rules(void)
{
    printf("%-18s %-10s %-8s %-7s %s\n", "RULE", "CATEGORY", "SEVERITY", "FIX", "SUMMARY");
    for (size_t i = 0; i < awl_rule_count; i++) {
        const awl_rule *r = awl_rules[i];
        printf("%-18s %-10s %-8s %-7s %s\n", r->id, r->category, awl_severity_name(r->severity),
               r->fix == AWL_FIX_SAFE ? "safe" : r->fix == AWL_FIX_UNSAFE ? "unsafe" : "none",
               r->summary);
    }
}

static int explain_rule(const char *id)
{
    size_t index = awl_rule_index(id);
    if (index == AWL_NONE) {
        awl_msg_error("unknown rule '%s' (see awelint --list-rules)", id);
        return EXIT_TROUBLE;
    }
    const awl_rule *r = awl_rules[index];
    printf("%s (%s, %s, fix: %s)\n\n%s.\n\n%s", r->id, r->category, awl_severity_name(r->severity),
           r->fix == AWL_FIX_SAFE ? "safe" : r->fix == AWL_FIX_UNSAFE ? "unsafe" : "none",
           r->summary, r->explanation);
    return EXIT_CLEAN;
}

static void worse(run_state *st, int status)
{
    if (status > st->status)
        st->status = status;
}

/* The config for a file: --config, --no-config, or the nearest .awelint.yml;
 * then the command line's --select/--ignore/--fail-on on top. */
static bool config_for(run_state *st, const char *path, awl_config *out)
{
    options *opt = st->opt;
    const char *file = opt->config_path;
    if (!file && !opt->no_config) {
        char dir[4096];
        if (strcmp(path, "-") == 0) {
            snprintf(dir, sizeof dir, ".");
        } else {
            snprintf(dir, sizeof dir, "%s", path);
            char *slash = strrchr(dir, '/');
            if (slash)
                slash == dir ? (void)(dir[1] = '\0') : (void)(*slash = '\0');
            else
                snprintf(dir, sizeof dir, ".");
        }
        file = awl_config_find(dir, &st->arena);
    }
    if (st->config_ready && ((!file && !st->config_file) ||
                             (file && st->config_file && strcmp(file, st->config_file) == 0))) {
        *out = st->config;
        out->link_results = st->links_checked ? &st->link_results : NULL;
        return true;
    }
    if (file && st->config_failed && strcmp(file, st->config_failed) == 0)
        return false; /* said once already */
    awl_config config;
    awl_config_defaults(&config);
    const char *error = NULL;
    if (file && !awl_config_load(&config, file, &st->arena, &error)) {
        awl_msg_error("%s", error);
        st->config_failed = file;
        return false;
    }
    bool first_select = true;
    for (size_t i = 0; i < opt->selects.count; i++) {
        const char *list = *(const char **)awl_vec_at(&opt->selects, i);
        bool select = *(bool *)awl_vec_at(&opt->select_kinds, i);
        const char *bad = NULL;
        if (!awl_config_select(&config, list, select, &first_select, &st->arena, &bad)) {
            if (st->collecting)
                return false;
            awl_msg_error("unknown rule or category '%s' in --%s (see awelint --list-rules)", bad,
                          select ? "select" : "ignore");
            return false;
        }
    }
    if (opt->fail_on)
        awl_severity_parse(opt->fail_on, &config.fail_on);
    if (opt->links) {
        const char *bad = NULL;
        bool no_reset = false;
        awl_config_select(&config, "link", true, &no_reset, &st->arena, &bad);
    }
    st->config = config;
    st->config_file = file;
    st->config_ready = true;
    *out = config;
    out->link_results = st->links_checked ? &st->link_results : NULL;
    return true;
}

/* Git's test for binary data (a NUL byte in the first 8000 bytes), narrowed
 * to files that are not valid UTF-8 either: a stray NUL in a Markdown file
 * is damage to report, an executable is not a list at all. */
static bool looks_binary(const char *bytes, size_t len)
{
    return memchr(bytes, '\0', len < 8000 ? len : 8000) && !awl_utf8_validate(bytes, len, NULL);
}

/* The collecting walk: adds the file's external URLs to the run's set. */
static void collect_links(run_state *st, const awl_config *config, const char *path, const char *bytes,
                          size_t len)
{
    if (!st->links_started) {
        st->link_options = config->links;
        awl_link_results_init(&st->link_results, &st->link_options);
        st->links_started = true;
    }
    awl_doc *doc = awl_doc_parse_borrowed(path, bytes, len);
    awl_arena urls = {0};
    awl_vec targets;
    awl_vec_init(&targets, sizeof(awl_link_target));
    awl_link_targets_collect(doc, &urls, &targets);
    for (size_t i = 0; i < targets.count; i++)
        awl_link_results_add(&st->link_results, ((awl_link_target *)awl_vec_at(&targets, i))->url);
    awl_vec_free(&targets);
    awl_arena_free(&urls);
    awl_doc_free(doc);
}

/* True when the collecting walk should read `path`: its config turns a
 * link rule on. */
static bool wants_links(run_state *st, const char *path)
{
    awl_config config;
    return config_for(st, path, &config) && awl_config_links_on(&config);
}

static void lint_bytes(run_state *st, const char *path, const char *bytes, size_t len)
{
    options *opt = st->opt;
    if (st->collecting && looks_binary(bytes, len))
        return;
    if (looks_binary(bytes, len)) {
        awl_msg_error("%s: binary data, not Markdown; skipped", path);
        worse(st, EXIT_TROUBLE);
        if (strcmp(path, "-") == 0 && opt->fix && !opt->diff && !opt->check)
            fwrite(bytes, 1, len, stdout); /* --fix - passes what it cannot fix through */
        return;
    }
    awl_config config;
    if (!config_for(st, path, &config)) {
        worse(st, EXIT_TROUBLE);
        return;
    }
    if (st->collecting) {
        collect_links(st, &config, path, bytes, len);
        return;
    }
    if (st->exporting) {
        awl_doc *doc = awl_doc_parse_borrowed(path, bytes, len);
        awl_export_file(&st->exporter, doc);
        awl_doc_free(doc);
        return;
    }
    bool stdin_fix = strcmp(path, "-") == 0 && opt->fix && !opt->diff && !opt->check;
    const char *text = bytes;
    size_t text_len = len;
    size_t fixed = 0;
    awl_fix_result result = {0};
    bool fixing = opt->fix || opt->diff || opt->check;
    if (fixing) {
        awl_fix_text(path, bytes, len, &config, opt->unsafe_fixes, &result);
        if (result.failed) {
            awl_msg_error("%s: not fixed: %s; the file is left as it was", path, result.failure);
            worse(st, EXIT_TROUBLE);
        } else if (result.changed) {
            if (opt->diff) {
                awl_buf patch = {0};
                awl_diff_unified(strcmp(path, "-") ? path : "stdin", bytes, len, result.text.data,
                                 result.text.len, &patch);
                fwrite(patch.data, 1, patch.len, stdout);
                awl_buf_free(&patch);
            }
            if (opt->diff || opt->check) {
                worse(st, EXIT_FINDINGS);
            } else if (!stdin_fix) {
                const char *why = NULL;
                if (!awl_write_atomic(path, result.text.data, result.text.len, &why)) {
                    awl_msg_error("%s: cannot write the fixed file: %s; the file is left as it was",
                                  path, why);
                    worse(st, EXIT_TROUBLE);
                } else {
                    text = result.text.data;
                    text_len = result.text.len;
                    fixed = result.fixes_applied;
                }
            } else {
                text = result.text.data;
                text_len = result.text.len;
                fixed = result.fixes_applied;
            }
        }
        if (stdin_fix) /* the document goes out whatever happened, unchanged on failure */
            fwrite(text, 1, text_len, stdout);
    }
    if (opt->diff) { /* --diff prints the diff only */
        awl_fix_result_free(&result);
        return;
    }
    /* The fixer's last pass linted its result; when that is the text to
     * report on, its findings are reported as they are. */
    const awl_doc *final = result.final_doc;
    if (final && final->source.length == text_len &&
        memcmp(final->source.bytes, text, text_len) == 0) {
        awl_report_file(&st->report, final, &result.final_diags, fixed);
        if (awl_report_fails(&result.final_diags, config.fail_on))
            worse(st, EXIT_FINDINGS);
        awl_fix_result_free(&result);
        return;
    }
    /* text is an awl_buf's data (NUL-terminated) that outlives the document. */
    awl_doc *doc = awl_doc_parse_borrowed(path, text, text_len);
    awl_diags diags;
    awl_diags_init(&diags);
    awl_lint(doc, &config, &diags);
    awl_report_file(&st->report, doc, &diags, fixed);
    if (awl_report_fails(&diags, config.fail_on))
        worse(st, EXIT_FINDINGS);
    awl_diags_free(&diags);
    awl_doc_free(doc);
    awl_fix_result_free(&result);
}

/* True when the config governing `path` (a file, or a directory found
 * while walking) lists it in ignore-paths; an invalid config is reported
 * and counts as ignoring (nothing can be linted with it). */
static bool path_ignored(run_state *st, const char *path)
{
    awl_config config;
    if (!config_for(st, path, &config)) {
        worse(st, EXIT_TROUBLE);
        return true;
    }
    return awl_config_ignores_path(&config, path);
}

/* A mapped file cut short by another program while awelint reads it raises
 * SIGBUS. Mapped files are only read, never written, so stopping is safe. */
static void mapped_file_shrank(int sig)
{
    (void)sig;
    static const char message[] = "awelint: a file was cut short while being read; stopped\n";
    ssize_t ignored = write(STDERR_FILENO, message, sizeof message - 1);
    (void)ignored;
    _exit(EXIT_TROUBLE);
}

/* Lints a regular file of `size` bytes by mapping it instead of reading it:
 * no copy, and the pages come from the page cache in one call instead of a
 * fault each (5% of a big list's run). Only when nothing will be written
 * and the size is not a whole number of pages, so that the byte past the
 * end, which the parser needs to be NUL, lies in the mapping's last page.
 * Writing that NUL gives the page a private copy: bytes another program
 * appends later cannot replace it. False when the file was not mapped. */
static bool lint_mapped(run_state *st, const char *path, int fd, size_t size)
{
    long page = sysconf(_SC_PAGESIZE);
    if (st->opt->fix || st->opt->diff || st->opt->check || page <= 0 || size % (size_t)page == 0)
        return false;
    char *map = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_POPULATE, fd, 0);
    if (map == MAP_FAILED)
        return false;
    signal(SIGBUS, mapped_file_shrank);
    map[size] = '\0';
    lint_bytes(st, path, map, size);
    munmap(map, size);
    signal(SIGBUS, SIG_DFL);
    return true;
}

static void lint_file(run_state *st, const char *path)
{
    if (path_ignored(st, path))
        return; /* not read at all */
    if (st->collecting && !wants_links(st, path))
        return;
    FILE *in = fopen(path, "rb");
    if (!in && st->collecting)
        return;
    if (!in) {
        awl_msg_error("%s: cannot read: %s", path, strerror(errno));
        worse(st, EXIT_TROUBLE);
        return;
    }
    awl_buf bytes = {0};
    struct stat sb;
    bool regular = fstat(fileno(in), &sb) == 0 && S_ISREG(sb.st_mode) && sb.st_size > 0;
    if (regular && lint_mapped(st, path, fileno(in), (size_t)sb.st_size)) {
        fclose(in);
        return;
    }
    if (regular)
        awl_buf_reserve(&bytes, (size_t)sb.st_size); /* one allocation of the right size */
    bool ok = awl_buf_read_stream(&bytes, in);
    int saved = errno;
    fclose(in);
    if (!ok && st->collecting) {
        /* the linting walk says it */
    } else if (!ok) {
        awl_msg_error("%s: cannot read: %s", path, strerror(saved));
        worse(st, EXIT_TROUBLE);
    } else {
        lint_bytes(st, path, bytes.data, bytes.len);
    }
    awl_buf_free(&bytes);
}

static int compare_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static bool is_markdown_name(const char *name)
{
    size_t len = strlen(name);
    return (len > 3 && strcmp(name + len - 3, ".md") == 0) ||
           (len > 9 && strcmp(name + len - 9, ".markdown") == 0);
}

/* A directory's Markdown files, recursively and sorted; symbolic links to
 * directories are not followed (no loops). */
static void lint_directory(run_state *st, const char *dir)
{
    DIR *d = opendir(dir);
    if (!d && st->collecting)
        return;
    if (!d) {
        awl_msg_error("%s: cannot read the directory: %s", dir, strerror(errno));
        worse(st, EXIT_TROUBLE);
        return;
    }
    awl_vec names;
    awl_vec_init(&names, sizeof(char *));
    struct dirent *ent;
    while ((ent = readdir(d))) {
        const char *name = ent->d_name;
        if (name[0] == '.' && (!name[1] || (name[1] == '.' && !name[2]) || strcmp(name, ".git") == 0))
            continue;
        if (strcmp(name, "node_modules") == 0)
            continue;
        /* "dir/" given on the command line must not give "dir//a.md". */
        size_t dir_len = strlen(dir);
        while (dir_len > 1 && dir[dir_len - 1] == '/')
            dir_len--;
        *(char **)awl_vec_push(&names) =
            awl_arena_printf(&st->arena, "%.*s/%s", (int)dir_len, dir, name);
    }
    closedir(d);
    qsort(names.items, names.count, sizeof(char *), compare_names);
    for (size_t i = 0; i < names.count; i++) {
        const char *path = *(char **)awl_vec_at(&names, i);
        struct stat lst, sst;
        if (lstat(path, &lst) != 0)
            continue;
        if (S_ISDIR(lst.st_mode)) {
            if (!path_ignored(st, path)) /* an ignored directory is not walked */
                lint_directory(st, path);
        } else if (is_markdown_name(path) && stat(path, &sst) == 0 && S_ISREG(sst.st_mode))
            lint_file(st, path);
    }
    awl_vec_free(&names);
}

static void lint_path(run_state *st, const char *path)
{
    if (strcmp(path, "-") == 0) {
        /* Read once: the collecting walk keeps it for the linting walk. */
        if (st->collecting && !wants_links(st, path))
            return;
        if (!st->stdin_read) {
            st->stdin_read = true;
            if (!awl_buf_read_stream(&st->stdin_bytes, stdin)) {
                awl_msg_error("standard input: cannot read: %s", strerror(errno));
                worse(st, EXIT_TROUBLE);
                awl_buf_free(&st->stdin_bytes);
                return;
            }
        }
        if (st->stdin_bytes.data)
            lint_bytes(st, "-", st->stdin_bytes.data, st->stdin_bytes.len);
        return;
    }
    struct stat sb;
    if (stat(path, &sb) != 0 && st->collecting)
        return;
    if (stat(path, &sb) != 0) {
        awl_msg_error("%s: %s", path, strerror(errno));
        worse(st, EXIT_TROUBLE);
    } else if (S_ISDIR(sb.st_mode)) {
        lint_directory(st, path);
    } else {
        lint_file(st, path);
    }
}

/* awelint --init LIST [-]: the config pinning LIST's conventions, written
 * as .awelint.yml beside LIST (never over an existing one), or printed to
 * stdout when a second argument "-" is given or LIST is standard input. */
static int init_config(int argc, char **argv)
{
    if (argc < 1 || argc > 2 || (argc == 2 && strcmp(argv[1], "-") != 0)) {
        awl_msg_error("--init takes the list and, to print the config instead of writing it, -");
        return EXIT_TROUBLE;
    }
    const char *list = argv[0];
    bool to_stdout = argc == 2 || strcmp(list, "-") == 0;
    FILE *in = strcmp(list, "-") == 0 ? stdin : fopen(list, "rb");
    awl_buf bytes = {0};
    if (!in || !awl_buf_read_stream(&bytes, in)) {
        awl_msg_error("%s: cannot read: %s", list, strerror(errno));
        if (in && in != stdin)
            fclose(in);
        awl_buf_free(&bytes);
        return EXIT_TROUBLE;
    }
    if (in != stdin)
        fclose(in);
    awl_doc *doc = awl_doc_parse_borrowed(list, bytes.data, bytes.len);
    awl_buf config = {0};
    const char *slash = strrchr(list, '/');
    awl_init_config(doc, slash ? slash + 1 : list, &config);
    awl_doc_free(doc);
    awl_buf_free(&bytes);
    int status = EXIT_CLEAN;
    if (to_stdout) {
        fwrite(config.data, 1, config.len, stdout);
    } else {
        char path[4096];
        snprintf(path, sizeof path, "%.*s.awelint.yml", slash ? (int)(slash - list + 1) : 0, list);
        /* O_EXCL: an existing config (or one another process just made) stays. */
        int fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0644);
        bool written = fd >= 0 && write(fd, config.data, config.len) == (ssize_t)config.len;
        int saved = errno;
        if (fd >= 0 && (close(fd) != 0 || !written))
            unlink(path);
        if (fd < 0 && saved == EEXIST) {
            awl_msg_error("%s exists; not overwritten (awelint --init %s - prints the new one)",
                          path, list);
            status = EXIT_TROUBLE;
        } else if (!written) {
            awl_msg_error("%s: cannot write: %s", path, strerror(saved));
            status = EXIT_TROUBLE;
        } else {
            fprintf(stderr, "awelint: wrote %s\n", path);
        }
    }
    awl_buf_free(&config);
    return status;
}

static bool parse_format(options *opt, const char *value, bool exporting)
{
    if (exporting) {
        if (strcmp(value, "json") == 0)
            opt->export_format = AWL_EXPORT_JSON;
        else if (strcmp(value, "csv") == 0)
            opt->export_format = AWL_EXPORT_CSV;
        else
            return false;
        return true;
    }
    static const char *const names[] = {"text", "json", "sarif", "github"};
    for (int i = 0; i < 4; i++)
        if (strcmp(value, names[i]) == 0) {
            opt->format = (awl_format)i;
            opt->format_given = true;
            return true;
        }
    return false;
}

static bool color_wanted(const char *when, FILE *out)
{
    if (strcmp(when, "always") == 0)
        return true;
    if (strcmp(when, "never") == 0)
        return false;
    const char *no_color = getenv("NO_COLOR");
    const char *term = getenv("TERM");
    return isatty(fileno(out)) && !(no_color && no_color[0]) && !(term && strcmp(term, "dumb") == 0);
}

int awl_cli_main(int argc, char **argv)
{
    enum {
        OPT_FIX = 256, OPT_UNSAFE, OPT_DIFF, OPT_CHECK, OPT_FORMAT, OPT_SELECT, OPT_IGNORE,
        OPT_FAIL_ON, OPT_CONFIG, OPT_NO_CONFIG, OPT_COLOR, OPT_LIST, OPT_EXPLAIN, OPT_VERSION,
        OPT_LINKS, OPT_ALLOW_PRIVATE, OPT_NO_CACHE,
        OPT_INIT,
    };
    static const struct option longopts[] = {
        {"fix", no_argument, NULL, OPT_FIX},
        {"unsafe-fixes", no_argument, NULL, OPT_UNSAFE},
        {"diff", no_argument, NULL, OPT_DIFF},
        {"check", no_argument, NULL, OPT_CHECK},
        {"format", required_argument, NULL, OPT_FORMAT},
        {"select", required_argument, NULL, OPT_SELECT},
        {"ignore", required_argument, NULL, OPT_IGNORE},
        {"fail-on", required_argument, NULL, OPT_FAIL_ON},
        {"config", required_argument, NULL, OPT_CONFIG},
        {"no-config", no_argument, NULL, OPT_NO_CONFIG},
        {"init", no_argument, NULL, OPT_INIT},
        {"color", required_argument, NULL, OPT_COLOR},
        {"links", no_argument, NULL, OPT_LINKS},
        {"allow-private", no_argument, NULL, OPT_ALLOW_PRIVATE},
        {"no-cache", no_argument, NULL, OPT_NO_CACHE},
        {"quiet", no_argument, NULL, 'q'},
        {"list-rules", no_argument, NULL, OPT_LIST},
        {"explain", required_argument, NULL, OPT_EXPLAIN},
        {"version", no_argument, NULL, OPT_VERSION},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    /* A file size limit (ulimit -f) must make a write fail with a message,
     * not kill the process half way through. */
    signal(SIGXFSZ, SIG_IGN);
    options opt = {0};
    opt.color = "auto";
    awl_vec_init(&opt.selects, sizeof(const char *));
    awl_vec_init(&opt.select_kinds, sizeof(bool));
    const char *env = getenv("GITHUB_ACTIONS");
    if (env && strcmp(env, "true") == 0)
        opt.format = AWL_FORMAT_GITHUB;

    /* A leading subcommand word. */
    if (argc > 1 && strcmp(argv[1], "merge") == 0)
        return awl_merge_main(argc - 1, argv + 1);
    int first = 1;
    bool exporting = false;
    if (argc > 1 && strcmp(argv[1], "check") == 0) {
        first = 2;
    } else if (argc > 1 && strcmp(argv[1], "export") == 0) {
        first = 2;
        exporting = true;
    }
    argv[first - 1] = argv[0];
    int sub_argc = argc - first + 1;
    char **sub_argv = argv + first - 1;
    int status = EXIT_CLEAN;
    int c;
    opterr = 0;
    optind = 1;
    while ((c = getopt_long(sub_argc, sub_argv, "qh", longopts, NULL)) != -1) {
        switch (c) {
        case OPT_FIX:
            opt.fix = true;
            break;
        case OPT_UNSAFE:
            opt.fix = opt.unsafe_fixes = true;
            break;
        case OPT_DIFF:
            opt.diff = true;
            break;
        case OPT_CHECK:
            opt.check = true;
            break;
        case OPT_FORMAT:
            if (!parse_format(&opt, optarg, exporting)) {
                awl_msg_error("unknown format '%s' (%s)", optarg,
                              exporting ? "json or csv" : "text, json, sarif or github");
                status = EXIT_TROUBLE;
            }
            break;
        case OPT_SELECT:
        case OPT_IGNORE:
            *(const char **)awl_vec_push(&opt.selects) = optarg;
            *(bool *)awl_vec_push(&opt.select_kinds) = c == OPT_SELECT;
            break;
        case OPT_FAIL_ON: {
            awl_severity s;
            if (!awl_severity_parse(optarg, &s) || s == AWL_SEVERITY_OFF) {
                awl_msg_error("--fail-on takes error, warning or info, not '%s'", optarg);
                status = EXIT_TROUBLE;
            }
            opt.fail_on = optarg;
            break;
        }
        case OPT_CONFIG:
            opt.config_path = optarg;
            break;
        case OPT_NO_CONFIG:
            opt.no_config = true;
            break;
        case OPT_INIT:
            opt.init = true;
            break;
        case OPT_COLOR:
            if (strcmp(optarg, "auto") && strcmp(optarg, "always") && strcmp(optarg, "never")) {
                awl_msg_error("--color takes auto, always or never, not '%s'", optarg);
                status = EXIT_TROUBLE;
            }
            opt.color = optarg;
            break;
        case 'q':
            opt.quiet = true;
            break;
        case OPT_LINKS:
            opt.links = true;
            break;
        case OPT_ALLOW_PRIVATE:
            opt.allow_private = true;
            break;
        case OPT_NO_CACHE:
            opt.no_cache = true;
            break;
        case OPT_LIST:
            list_rules();
            return EXIT_CLEAN;
        case OPT_EXPLAIN:
            return explain_rule(optarg);
        case OPT_VERSION:
            printf("awelint %s\n", AWL_VERSION);
            return EXIT_CLEAN;
        case 'h':
            fputs(usage_text, stdout);
            return EXIT_CLEAN;
        default:
            awl_msg_error("unknown or incomplete option '%s' (see awelint --help)",
                          sub_argv[optind - 1]);
            status = EXIT_TROUBLE;
            break;
        }
    }
    if (status == EXIT_CLEAN && optind >= sub_argc) {
        awl_msg_error("no PATH given (see awelint --help)");
        status = EXIT_TROUBLE;
    }
    if (status == EXIT_CLEAN && exporting && (opt.fix || opt.diff || opt.check)) {
        awl_msg_error("export does not fix: drop --fix, --diff and --check");
        status = EXIT_TROUBLE;
    }
    if (status != EXIT_CLEAN) {
        awl_vec_free(&opt.selects);
        awl_vec_free(&opt.select_kinds);
        return status;
    }

    if (opt.init) {
        awl_vec_free(&opt.selects);
        awl_vec_free(&opt.select_kinds);
        return init_config(sub_argc - optind, sub_argv + optind);
    }

    run_state st = {0};
    st.opt = &opt;
    st.exporting = exporting;
    /* With --fix -, the fixed document owns stdout: findings go to stderr. */
    bool stdin_fix = false;
    for (int i = optind; i < sub_argc; i++)
        stdin_fix |= strcmp(sub_argv[i], "-") == 0 && opt.fix && !opt.diff && !opt.check;
    FILE *report_out = stdin_fix || opt.diff ? stderr : stdout;
    if (exporting) {
        st.exporter.format = opt.export_format;
        st.exporter.out = stdout;
        awl_export_begin(&st.exporter);
    } else {
        st.report.format = opt.format;
        st.report.out = report_out;
        st.report.quiet = opt.quiet;
        st.report.unsafe_fixes = opt.unsafe_fixes;
        st.report.color = opt.format == AWL_FORMAT_TEXT && color_wanted(opt.color, report_out);
        awl_report_begin(&st.report);
    }
    if (!exporting) {
        st.collecting = true;
        for (int i = optind; i < sub_argc; i++)
            lint_path(&st, sub_argv[i]);
        st.collecting = false;
        if (st.links_started) {
            awl_linkcheck_stats stats;
            awl_linkcheck_run(&st.link_results, &st.link_options, opt.allow_private, !opt.no_cache,
                              isatty(STDERR_FILENO) != 0, &stats);
            if (stats.unavailable) {
                awl_msg_error("links not checked: %s", stats.unavailable);
                worse(&st, EXIT_TROUBLE);
            } else if (stats.offline) { /* a check that could not run is not a pass */
                awl_msg_error("links not checked: no host name resolved and no link answered; "
                              "is the network down?");
                worse(&st, EXIT_TROUBLE);
            }
            st.links_checked = true;
        }
    }
    for (int i = optind; i < sub_argc; i++)
        lint_path(&st, sub_argv[i]);
    if (st.links_started)
        awl_link_results_free(&st.link_results);
    awl_buf_free(&st.stdin_bytes);
    /* Nothing linted and something went wrong: "No problems in 0 files"
     * would read as a pass. */
    if (!exporting && st.status == EXIT_TROUBLE && st.report.files == 0)
        st.report.quiet = true;
    if (exporting)
        awl_export_end(&st.exporter);
    else if (!opt.diff)
        awl_report_end(&st.report);
    else
        awl_buf_free(&st.report.body);
    awl_arena_free(&st.arena);
    awl_vec_free(&opt.selects);
    awl_vec_free(&opt.select_kinds);
    if (fflush(stdout) != 0) {
        awl_msg_error("cannot write to standard output: %s", strerror(errno));
        return EXIT_TROUBLE;
    }
    return st.status;
}
