/*
 * test_cli: the awelint command line, run as a process (awl_test_run).
 *
 * The contract is the one in README.md / the CLI issue: options, exit codes,
 * output formats, stdin, directories, export. Expected values are written by
 * hand from that contract and the Markdown of each input, not copied from
 * the program's output. Outputs in JSON are parsed by the small parser below
 * so that their structure, not just their substrings, is checked.
 */
#include <criterion/criterion.h>
#include <dirent.h>
#include <errno.h>
#include <ftw.h>
#include <pty.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "rule.h"
#include "support.h"

/* ---- helpers: running, files ---- */

enum { MAX_ARGS = 32 };

/* Runs awelint with the NULL-terminated arguments, `input` on stdin and an
 * optional extra environment entry. */
static run_result run_env(const char *env, const char *input, ...)
{
    const char *args[MAX_ARGS + 1];
    size_t n = 0;
    va_list ap;
    va_start(ap, input);
    const char *a;
    while ((a = va_arg(ap, const char *)) && n < MAX_ARGS)
        args[n++] = a;
    va_end(ap);
    args[n] = NULL;
    return awl_test_run(args, input, input ? strlen(input) : 0, env);
}

#define RUN(...) run_env(NULL, NULL, __VA_ARGS__, (const char *)NULL)
#define RUN_STDIN(input, ...) run_env(NULL, input, __VA_ARGS__, (const char *)NULL)
#define RUN_ENV(env, ...) run_env(env, NULL, __VA_ARGS__, (const char *)NULL)

/* Writes dir/name (creating nothing else) and returns the heap path. */
static char *put(const char *dir, const char *name, const char *text)
{
    char *path = awl_test_join(dir, name);
    awl_test_write(path, text, strlen(text));
    return path;
}

static char *slurp(const char *path)
{
    char *text = awl_test_read(path, NULL);
    cr_assert_not_null(text, "cannot read %s", path);
    return text;
}

static bool contains(const char *haystack, const char *needle)
{
    return haystack && strstr(haystack, needle) != NULL;
}

static size_t count_of(const char *haystack, const char *needle)
{
    size_t n = 0;
    for (const char *p = haystack; (p = strstr(p, needle)); p += strlen(needle))
        n++;
    return n;
}

#define EXPECT_STATUS(r, want)                                                                     \
    cr_expect_eq((r).status, (want), "exit %d, want %d\nstdout: %s\nstderr: %s", (r).status,       \
                 (want), (r).out, (r).err)

/* ---- a tiny JSON parser: enough to check structure, keys and values ---- */

typedef enum { J_NULL, J_BOOL, J_NUM, J_STR, J_ARR, J_OBJ } jtype;

typedef struct jval {
    jtype type;
    bool boolean;
    double num;
    char *str;
    size_t count;
    char **keys; /* objects */
    struct jval **items;
} jval;

static void jfree(jval *v)
{
    if (!v)
        return;
    for (size_t i = 0; i < v->count; i++) {
        if (v->keys)
            free(v->keys[i]);
        jfree(v->items[i]);
    }
    free(v->keys);
    free(v->items);
    free(v->str);
    free(v);
}

static void jskip(const char **p)
{
    while (**p == ' ' || **p == '\n' || **p == '\r' || **p == '\t')
        (*p)++;
}

static void put_utf8(char **w, unsigned cp)
{
    if (cp < 0x80) {
        *(*w)++ = (char)cp;
    } else if (cp < 0x800) {
        *(*w)++ = (char)(0xC0 | cp >> 6);
        *(*w)++ = (char)(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
        *(*w)++ = (char)(0xE0 | cp >> 12);
        *(*w)++ = (char)(0x80 | ((cp >> 6) & 0x3F));
        *(*w)++ = (char)(0x80 | (cp & 0x3F));
    } else {
        *(*w)++ = (char)(0xF0 | cp >> 18);
        *(*w)++ = (char)(0x80 | ((cp >> 12) & 0x3F));
        *(*w)++ = (char)(0x80 | ((cp >> 6) & 0x3F));
        *(*w)++ = (char)(0x80 | (cp & 0x3F));
    }
}

static bool hex4(const char *p, unsigned *out)
{
    unsigned v = 0;
    for (int i = 0; i < 4; i++) {
        char c = p[i];
        v <<= 4;
        if (c >= '0' && c <= '9')
            v |= (unsigned)(c - '0');
        else if (c >= 'a' && c <= 'f')
            v |= (unsigned)(c - 'a' + 10);
        else if (c >= 'A' && c <= 'F')
            v |= (unsigned)(c - 'A' + 10);
        else
            return false;
    }
    *out = v;
    return true;
}

static char *jstring(const char **p)
{
    if (**p != '"')
        return NULL;
    (*p)++;
    char *out = malloc(strlen(*p) + 1);
    char *w = out;
    while (**p != '"') {
        unsigned char c = (unsigned char)**p;
        if (c == '\0' || c < 0x20) {
            free(out);
            return NULL;
        }
        if (c != '\\') {
            *w++ = (char)c;
            (*p)++;
            continue;
        }
        (*p)++;
        char e = *(*p)++;
        switch (e) {
        case '"':
            *w++ = '"';
            break;
        case '\\':
            *w++ = '\\';
            break;
        case '/':
            *w++ = '/';
            break;
        case 'b':
            *w++ = '\b';
            break;
        case 'f':
            *w++ = '\f';
            break;
        case 'n':
            *w++ = '\n';
            break;
        case 'r':
            *w++ = '\r';
            break;
        case 't':
            *w++ = '\t';
            break;
        case 'u': {
            unsigned cp;
            if (!hex4(*p, &cp)) {
                free(out);
                return NULL;
            }
            *p += 4;
            if (cp >= 0xD800 && cp < 0xDC00) {
                unsigned lo;
                if ((*p)[0] != '\\' || (*p)[1] != 'u' || !hex4(*p + 2, &lo) || lo < 0xDC00 ||
                    lo > 0xDFFF) {
                    free(out);
                    return NULL;
                }
                *p += 6;
                cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
            }
            put_utf8(&w, cp);
            break;
        }
        default:
            free(out);
            return NULL;
        }
    }
    (*p)++;
    *w = '\0';
    return out;
}

static jval *jnew(jtype type)
{
    jval *v = calloc(1, sizeof *v);
    v->type = type;
    return v;
}

static jval *jparse_value(const char **p, int depth);

static jval *jparse_container(const char **p, int depth, bool object)
{
    jval *v = jnew(object ? J_OBJ : J_ARR);
    (*p)++;
    jskip(p);
    char close = object ? '}' : ']';
    if (**p == close) {
        (*p)++;
        return v;
    }
    for (;;) {
        char *key = NULL;
        if (object) {
            jskip(p);
            key = jstring(p);
            jskip(p);
            if (!key || **p != ':') {
                free(key);
                jfree(v);
                return NULL;
            }
            (*p)++;
        }
        jval *item = jparse_value(p, depth + 1);
        if (!item) {
            free(key);
            jfree(v);
            return NULL;
        }
        v->items = realloc(v->items, (v->count + 1) * sizeof *v->items);
        if (object)
            v->keys = realloc(v->keys, (v->count + 1) * sizeof *v->keys);
        if (object)
            v->keys[v->count] = key;
        v->items[v->count++] = item;
        jskip(p);
        if (**p == ',') {
            (*p)++;
            continue;
        }
        if (**p == close) {
            (*p)++;
            return v;
        }
        jfree(v);
        return NULL;
    }
}

static jval *jparse_value(const char **p, int depth)
{
    if (depth > 64)
        return NULL;
    jskip(p);
    char c = **p;
    if (c == '{' || c == '[')
        return jparse_container(p, depth, c == '{');
    if (c == '"') {
        char *s = jstring(p);
        if (!s)
            return NULL;
        jval *v = jnew(J_STR);
        v->str = s;
        return v;
    }
    if (strncmp(*p, "true", 4) == 0 || strncmp(*p, "false", 5) == 0) {
        jval *v = jnew(J_BOOL);
        v->boolean = c == 't';
        *p += v->boolean ? 4 : 5;
        return v;
    }
    if (strncmp(*p, "null", 4) == 0) {
        *p += 4;
        return jnew(J_NULL);
    }
    if (c == '-' || (c >= '0' && c <= '9')) {
        char *end;
        jval *v = jnew(J_NUM);
        v->num = strtod(*p, &end);
        *p = end;
        return v;
    }
    return NULL;
}

/* Parses a whole document (trailing white space allowed); NULL when invalid. */
static jval *jparse(const char *text)
{
    const char *p = text;
    jval *v = jparse_value(&p, 0);
    if (!v)
        return NULL;
    jskip(&p);
    if (*p) {
        jfree(v);
        return NULL;
    }
    return v;
}

static jval *jget(const jval *obj, const char *key)
{
    if (!obj || obj->type != J_OBJ)
        return NULL;
    for (size_t i = 0; i < obj->count; i++)
        if (strcmp(obj->keys[i], key) == 0)
            return obj->items[i];
    return NULL;
}

static jval *jat(const jval *arr, size_t i)
{
    if (!arr || arr->type != J_ARR || i >= arr->count)
        return NULL;
    return arr->items[i];
}

static size_t jlen(const jval *arr)
{
    return arr && arr->type == J_ARR ? arr->count : 0;
}

#define EXPECT_JSTR(v, want)                                                                       \
    do {                                                                                           \
        const jval *v_ = (v);                                                                      \
        cr_expect(v_ && v_->type == J_STR && strcmp(v_->str, (want)) == 0,                         \
                  "%s: want \"%s\", got %s%s%s", #v, (want), v_ && v_->type == J_STR ? "\"" : "",  \
                  v_ ? (v_->type == J_STR ? v_->str : "(not a string)") : "(missing)",             \
                  v_ && v_->type == J_STR ? "\"" : "");                                            \
    } while (0)

#define EXPECT_JNUM(v, want)                                                                       \
    do {                                                                                           \
        const jval *v_ = (v);                                                                      \
        cr_expect(v_ && v_->type == J_NUM && v_->num == (double)(want), "%s: want %g, got %g%s",   \
                  #v, (double)(want), v_ && v_->type == J_NUM ? v_->num : 0.0,                     \
                  v_ ? (v_->type == J_NUM ? "" : " (not a number)") : " (missing)");               \
    } while (0)

#define EXPECT_JBOOL(v, want)                                                                      \
    do {                                                                                           \
        const jval *v_ = (v);                                                                      \
        cr_expect(v_ && v_->type == J_BOOL && v_->boolean == (want), "%s: want %s", #v,            \
                  (want) ? "true" : "false");                                                      \
    } while (0)

#define EXPECT_JNULL(v)                                                                            \
    do {                                                                                           \
        const jval *v_ = (v);                                                                      \
        cr_expect(v_ && v_->type == J_NULL, "%s: want null", #v);                                  \
    } while (0)

Test(json_parser, self_check)
{
    /* The checker must itself reject what is not JSON, or it proves nothing. */
    jval *v = jparse("{\"a\":[1,true,null,\"x\\u00e9\\ud83d\\ude80\"],\"b\":{}}\n");
    cr_assert_not_null(v);
    EXPECT_JNUM(jat(jget(v, "a"), 0), 1);
    EXPECT_JBOOL(jat(jget(v, "a"), 1), true);
    EXPECT_JNULL(jat(jget(v, "a"), 2));
    EXPECT_JSTR(jat(jget(v, "a"), 3), "x\xC3\xA9\xF0\x9F\x9A\x80");
    jfree(v);
    cr_expect_null(jparse("{\"a\":1,}"));
    cr_expect_null(jparse("{\"a\":1} x"));
    cr_expect_null(jparse("[1,2"));
    cr_expect_null(jparse("{\"a\" 1}"));
    cr_expect_null(jparse("\"raw\ttab\""));
}

/* ---- the text line shape: path:line:col: severity: message [rule] ---- */

typedef struct text_diag {
    char path[1024];
    long line, col;
    char severity[16];
    char message[512];
    char rule[64];
} text_diag;

static bool parse_text_line(const char *line, size_t len, text_diag *out)
{
    memset(out, 0, sizeof *out);
    if (len < 4 || line[len - 1] != ']')
        return false;
    /* The rule: the last " [" ... "]". */
    const char *open = NULL;
    for (const char *p = line + len - 1; p > line; p--)
        if (p[0] == '[' && p[-1] == ' ') {
            open = p;
            break;
        }
    if (!open)
        return false;
    size_t rule_len = (size_t)(line + len - 1 - (open + 1));
    if (!rule_len || rule_len >= sizeof out->rule)
        return false;
    memcpy(out->rule, open + 1, rule_len);
    for (size_t i = 0; i < rule_len; i++)
        if (!((out->rule[i] >= 'a' && out->rule[i] <= 'z') ||
              (out->rule[i] >= '0' && out->rule[i] <= '9') || out->rule[i] == '-'))
            return false;
    /* path: the first ":<digits>:<digits>: " */
    for (const char *p = line; p < open; p++) {
        if (*p != ':')
            continue;
        char *end;
        long l = strtol(p + 1, &end, 10);
        if (end == p + 1 || *end != ':')
            continue;
        const char *col_start = end + 1;
        long c = strtol(col_start, &end, 10);
        if (end == col_start || end[0] != ':' || end[1] != ' ')
            continue;
        size_t path_len = (size_t)(p - line);
        if (!path_len || path_len >= sizeof out->path)
            return false;
        memcpy(out->path, line, path_len);
        out->line = l;
        out->col = c;
        const char *sev = end + 2;
        const char *colon = strstr(sev, ": ");
        if (!colon || colon > open)
            return false;
        size_t sev_len = (size_t)(colon - sev);
        if (sev_len >= sizeof out->severity)
            return false;
        memcpy(out->severity, sev, sev_len);
        if (strcmp(out->severity, "error") && strcmp(out->severity, "warning") &&
            strcmp(out->severity, "info"))
            return false;
        const char *msg = colon + 2;
        size_t msg_len = (size_t)(open - 1 - msg);
        if (open - 1 < msg || !msg_len || msg_len >= sizeof out->message)
            return false;
        memcpy(out->message, msg, msg_len);
        return true;
    }
    return false;
}

/* Splits output into lines; returns the diagnostics lines parsed, counts the
 * others in *other. */
static size_t parse_text_output(const char *out, text_diag *diags, size_t max, size_t *other)
{
    size_t n = 0;
    *other = 0;
    for (const char *p = out; *p;) {
        const char *nl = strchr(p, '\n');
        size_t len = nl ? (size_t)(nl - p) : strlen(p);
        text_diag d;
        if (parse_text_line(p, len, &d)) {
            if (n < max)
                diags[n] = d;
            n++;
        } else {
            (*other)++;
        }
        p += len + (nl != NULL);
    }
    return n;
}

Test(text_shape, self_check)
{
    text_diag d;
    const char *ok = "dir/README.md:12:3: warning: trailing white space [trailing-space]";
    cr_assert(parse_text_line(ok, strlen(ok), &d));
    cr_expect_str_eq(d.path, "dir/README.md");
    cr_expect_eq(d.line, 12);
    cr_expect_eq(d.col, 3);
    cr_expect_str_eq(d.severity, "warning");
    cr_expect_str_eq(d.message, "trailing white space");
    cr_expect_str_eq(d.rule, "trailing-space");
    const char *bad[] = {"No problems in 1 file.", "README.md:12: warning: x [r]",
                         "README.md:1:2: warn: x [r]", "README.md:1:2: warning: x",
                         "README.md:1:2: warning:  [r]"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        cr_expect_not(parse_text_line(bad[i], strlen(bad[i]), &d), "accepted: %s", bad[i]);
}

/* ---- documents used below ---- */

/* Clean under every rule as far as the contract says: a title, an intro,
 * sections with lists of links, LF, one final newline. */
static const char clean_doc[] =
    "# Awesome Test\n"
    "\n"
    "A curated list of test things.\n"
    "\n"
    "## Papers\n"
    "\n"
    "- [Alpa](https://arxiv.org/abs/2201.12023) - Automating parallelism.\n"
    "- [Orca](https://www.usenix.org/conference/osdi22/presentation/yu) - Serving.\n";

/* Line 2 column 6 holds one trailing space ("Hello" is columns 1-5). */
static const char trailing_doc[] = "# Title\n"
                                   "Hello \n";

/* After --fix: trailing spaces gone, blank lines collapsed, final newline
 * added; the `*` list stays because it touches a `-` list (list-marker
 * reports it only), at line 7 of the fixed text. */
static const char fixable_doc[] = "# Title  \n"
                                  "\n"
                                  "Some text. \n"
                                  "\n"
                                  "\n"
                                  "\n"
                                  "- [A](https://a.example/)\n"
                                  "- [B](https://b.example/)\n"
                                  "* [C](https://c.example/)";
static const char fixable_fixed[] = "# Title\n"
                                    "\n"
                                    "Some text.\n"
                                    "\n"
                                    "- [A](https://a.example/)\n"
                                    "- [B](https://b.example/)\n"
                                    "* [C](https://c.example/)\n";

/* ---- exit codes ---- */

Test(exit_code, clean_file_is_0)
{
    char *dir = awl_test_tmpdir();
    char *path = put(dir, "README.md", clean_doc);
    run_result r = RUN("--no-config", path);
    EXPECT_STATUS(r, 0);
    text_diag d[8];
    size_t other;
    cr_expect_eq(parse_text_output(r.out, d, 8, &other), 0, "findings on a clean file: %s", r.out);
    cr_expect_eq(other, 1, "want exactly the summary line, got: %s", r.out);
    cr_expect_str_eq(r.err, "");
    awl_test_run_free(&r);

    /* The `check` subcommand word is the same command. */
    r = RUN("check", "--no-config", path);
    EXPECT_STATUS(r, 0);
    awl_test_run_free(&r);
    awl_test_remove_tree(dir);
    free(path);
    free(dir);
}

Test(exit_code, warnings_pass_default_fail_on)
{
    char *dir = awl_test_tmpdir();
    char *path = put(dir, "README.md", trailing_doc);
    run_result r = RUN("--no-config", path);
    EXPECT_STATUS(r, 0);
    cr_expect(contains(r.out, "[trailing-space]"), "%s", r.out);
    awl_test_run_free(&r);

    r = RUN("--no-config", "--fail-on", "error", path);
    EXPECT_STATUS(r, 0);
    awl_test_run_free(&r);
    awl_test_remove_tree(dir);
    free(path);
    free(dir);
}

Test(exit_code, fail_on_warning_is_1)
{
    char *dir = awl_test_tmpdir();
    char *path = put(dir, "README.md", trailing_doc);
    run_result r = RUN("--no-config", "--fail-on", "warning", path);
    EXPECT_STATUS(r, 1);
    awl_test_run_free(&r);
    r = RUN("--no-config", "--fail-on", "info", path);
    EXPECT_STATUS(r, 1);
    awl_test_run_free(&r);
    /* And the clean file still passes the strictest level. */
    char *clean = put(dir, "clean.md", clean_doc);
    r = RUN("--no-config", "--fail-on", "info", clean);
    EXPECT_STATUS(r, 0);
    awl_test_run_free(&r);
    /* A bad --fail-on level is a usage error. */
    r = RUN("--no-config", "--fail-on", "sometimes", clean);
    EXPECT_STATUS(r, 2);
    awl_test_run_free(&r);
    awl_test_remove_tree(dir);
    free(clean);
    free(path);
    free(dir);
}

Test(exit_code, missing_file_is_2_and_named)
{
    char *dir = awl_test_tmpdir();
    char *path = awl_test_join(dir, "no-such-list.md");
    run_result r = RUN("--no-config", path);
    EXPECT_STATUS(r, 2);
    cr_expect(contains(r.err, "no-such-list.md"), "stderr does not name the file: %s", r.err);
    awl_test_run_free(&r);

    /* A missing file among good ones still makes the run fail with 2. */
    char *good = put(dir, "good.md", clean_doc);
    r = RUN("--no-config", good, path);
    EXPECT_STATUS(r, 2);
    cr_expect(contains(r.err, "no-such-list.md"), "%s", r.err);
    awl_test_run_free(&r);
    awl_test_remove_tree(dir);
    free(good);
    free(path);
    free(dir);
}

Test(exit_code, usage_errors_are_2)
{
    char *dir = awl_test_tmpdir();
    char *path = put(dir, "README.md", clean_doc);

    run_result r = RUN("--no-such-option", path);
    EXPECT_STATUS(r, 2);
    cr_expect_neq(r.err[0], '\0', "no message for an unknown option");
    cr_expect(contains(r.err, "--no-such-option"), "%s", r.err);
    awl_test_run_free(&r);

    r = RUN("--no-config", "--select", "no-such-rule", path);
    EXPECT_STATUS(r, 2);
    cr_expect(contains(r.err, "no-such-rule"), "%s", r.err);
    awl_test_run_free(&r);

    r = RUN("--no-config", "--ignore", "trailing-space,bogus-rule", path);
    EXPECT_STATUS(r, 2);
    cr_expect(contains(r.err, "bogus-rule"), "%s", r.err);
    awl_test_run_free(&r);

    r = RUN("--no-config");
    EXPECT_STATUS(r, 2);
    cr_expect_neq(r.err[0], '\0', "no message for a missing PATH");
    cr_expect_str_eq(r.out, "");
    awl_test_run_free(&r);

    r = RUN("--no-config", "--format", "xml", path);
    EXPECT_STATUS(r, 2);
    awl_test_run_free(&r);

    r = RUN("--no-config", "--color", "sometimes", path);
    EXPECT_STATUS(r, 2);
    awl_test_run_free(&r);

    r = RUN("--no-config", "--format");
    EXPECT_STATUS(r, 2);
    awl_test_run_free(&r);
    awl_test_remove_tree(dir);
    free(path);
    free(dir);
}

Test(exit_code, invalid_config_is_2)
{
    char *dir = awl_test_tmpdir();
    char *path = put(dir, "README.md", clean_doc);
    char *broken = put(dir, "broken.yml", "rules: [trailing-space\nfail-on: {\n");
    run_result r = RUN("--config", broken, path);
    EXPECT_STATUS(r, 2);
    cr_expect(contains(r.err, "broken.yml"), "stderr does not name the config: %s", r.err);
    awl_test_run_free(&r);

    char *unknown = put(dir, "unknown.yml", "fail-on: warning\ncolour: red\n");
    r = RUN("--config", unknown, path);
    EXPECT_STATUS(r, 2);
    cr_expect(contains(r.err, "unknown.yml"), "%s", r.err);
    awl_test_run_free(&r);

    char *bad_rule = put(dir, "bad-rule.yml", "rules:\n  no-such-rule: off\n");
    r = RUN("--config", bad_rule, path);
    EXPECT_STATUS(r, 2);
    awl_test_run_free(&r);

    char *missing = awl_test_join(dir, "missing.yml");
    r = RUN("--config", missing, path);
    EXPECT_STATUS(r, 2);
    cr_expect(contains(r.err, "missing.yml"), "%s", r.err);
    awl_test_run_free(&r);

    /* A valid config is read: fail-on: warning makes a warning fail. */
    char *good = put(dir, "good.yml", "fail-on: warning\n");
    char *warn = put(dir, "warn.md", trailing_doc);
    r = RUN("--config", good, warn);
    EXPECT_STATUS(r, 1);
    awl_test_run_free(&r);
    awl_test_remove_tree(dir);
    free(good);
    free(warn);
    free(missing);
    free(bad_rule);
    free(unknown);
    free(broken);
    free(path);
    free(dir);
}

Test(exit_code, binary_file_is_2)
{
    char *dir = awl_test_tmpdir();
    char *path = awl_test_join(dir, "program.md");
    const char bytes[] = "\x7f"
                         "ELF\x02\x01\x01\x00\x00\x00\xff\xfe\xfd\x00\x00\x80 not text\n";
    awl_test_write(path, bytes, sizeof bytes - 1);
    run_result r = RUN("--no-config", path);
    EXPECT_STATUS(r, 2);
    cr_expect(contains(r.err, "program.md"), "stderr does not name the file: %s", r.err);
    awl_test_run_free(&r);

    /* --fix must leave it alone. */
    r = RUN("--no-config", "--fix", path);
    EXPECT_STATUS(r, 2);
    size_t len = 0;
    char *after = awl_test_read(path, &len);
    cr_expect(len == sizeof bytes - 1 && memcmp(after, bytes, len) == 0, "binary file changed");
    free(after);
    awl_test_run_free(&r);

    /* The same bytes on stdin. */
    const char *args[] = {"--no-config", "-", NULL};
    r = awl_test_run(args, bytes, sizeof bytes - 1, NULL);
    EXPECT_STATUS(r, 2);
    cr_expect_neq(r.err[0], '\0');
    awl_test_run_free(&r);
    awl_test_remove_tree(dir);
    free(path);
    free(dir);
}

Test(exit_code, unverifiable_fix_is_2_and_file_kept)
{
    /* Invalid UTF-8 that needs a fix: the fix fails verification (awelint
     * never writes invalid UTF-8), the file stays byte-identical. */
    char *dir = awl_test_tmpdir();
    char *path = awl_test_join(dir, "README.md");
    const char bytes[] = "# Title\n\nbad \xff\xfe byte \n";
    awl_test_write(path, bytes, sizeof bytes - 1);
    run_result r = RUN("--no-config", "--fix", path);
    EXPECT_STATUS(r, 2);
    cr_expect(contains(r.err, "README.md"), "%s", r.err);
    size_t len = 0;
    char *after = awl_test_read(path, &len);
    cr_expect(len == sizeof bytes - 1 && memcmp(after, bytes, len) == 0, "file changed");
    free(after);
    awl_test_run_free(&r);
    awl_test_remove_tree(dir);
    free(path);
    free(dir);
}

Test(exit_code, failed_write_is_2)
{
    /* Root writes into read-only directories, so there the write is made to
     * fail part way with a file size limit instead. */
    char *dir = awl_test_tmpdir();
    char *path = put(dir, "README.md", trailing_doc);
    run_result r;
    if (geteuid() == 0) {
        const char *args[] = {"--no-config", "--fix", path, NULL};
        r = awl_test_run_limited(args, NULL, 0, NULL, 8);
    } else {
        cr_assert_eq(chmod(dir, 0555), 0);
        r = RUN("--no-config", "--fix", path);
        chmod(dir, 0755);
    }
    cr_expect(strstr(r.err, path) != NULL, "the message names the file: %s", r.err);
    EXPECT_STATUS(r, 2);
    char *after = slurp(path);
    cr_expect_str_eq(after, trailing_doc);
    free(after);
    awl_test_run_free(&r);
    awl_test_remove_tree(dir);
    free(path);
    free(dir);
}

/* ---- stdin, fix, diff, check ---- */

Test(io, dash_reads_stdin)
{
    run_result r = RUN_STDIN(trailing_doc, "--no-config", "--select", "trailing-space", "-");
    EXPECT_STATUS(r, 0);
    text_diag d[4];
    size_t other;
    size_t n = parse_text_output(r.out, d, 4, &other);
    cr_assert_eq(n, 1, "want one finding, got: %s", r.out);
    cr_expect_eq(d[0].line, 2);
    cr_expect_eq(d[0].col, 6);
    cr_expect_str_eq(d[0].severity, "warning");
    cr_expect_str_eq(d[0].rule, "trailing-space");
    awl_test_run_free(&r);

    /* Clean input on stdin. */
    r = RUN_STDIN(clean_doc, "--no-config", "-");
    EXPECT_STATUS(r, 0);
    cr_expect_eq(parse_text_output(r.out, d, 4, &other), 0, "%s", r.out);
    awl_test_run_free(&r);
}

Test(io, fix_stdin_writes_document_to_stdout)
{
    run_result r = RUN_STDIN(fixable_doc, "--no-config", "--select", "format", "--fix", "-");
    EXPECT_STATUS(r, 0);
    cr_expect_str_eq(r.out, fixable_fixed, "stdout must be the fixed document and nothing else");
    /* What is left (the list-marker finding the fix could not apply) goes to stderr. */
    text_diag d[4];
    size_t other;
    size_t n = parse_text_output(r.err, d, 4, &other);
    cr_expect_eq(n, 1, "want one remaining finding on stderr, got: %s", r.err);
    if (n >= 1) {
        cr_expect_str_eq(d[0].rule, "list-marker");
        cr_expect_eq(d[0].line, 7);
        cr_expect_eq(d[0].col, 1);
    }
    awl_test_run_free(&r);

    /* With --fail-on warning the remaining warning fails the run, and the
     * document is still printed. */
    r = RUN_STDIN(fixable_doc, "--no-config", "--select", "format", "--fail-on", "warning", "--fix",
                  "-");
    EXPECT_STATUS(r, 1);
    cr_expect_str_eq(r.out, fixable_fixed);
    awl_test_run_free(&r);

    /* A fix that fails verification (invalid UTF-8) still hands the
     * document on, unchanged, and exits 2. */
    const char bad[] = "# T\n\nbad \xff byte \n";
    const char *args[] = {"--no-config", "--fix", "-", NULL};
    r = awl_test_run(args, bad, sizeof bad - 1, NULL);
    EXPECT_STATUS(r, 2);
    cr_expect(r.out_len == sizeof bad - 1 && memcmp(r.out, bad, r.out_len) == 0,
              "stdout is not the unchanged input: %s", r.out);
    cr_expect_neq(r.err[0], '\0');
    awl_test_run_free(&r);

    /* A document with nothing to fix comes out as it went in. */
    r = RUN_STDIN(clean_doc, "--no-config", "--fix", "-");
    EXPECT_STATUS(r, 0);
    cr_expect_str_eq(r.out, clean_doc);
    awl_test_run_free(&r);
}

Test(io, fix_file_rewrites_it)
{
    char *dir = awl_test_tmpdir();
    char *path = put(dir, "README.md", fixable_doc);
    cr_assert_eq(chmod(path, 0640), 0);
    run_result r = RUN("--no-config", "--select", "format", "--fix", path);
    EXPECT_STATUS(r, 0);
    char *after = slurp(path);
    cr_expect_str_eq(after, fixable_fixed);
    free(after);
    struct stat st;
    cr_assert_eq(stat(path, &st), 0);
    cr_expect_eq(st.st_mode & 07777, 0640, "mode %o", st.st_mode & 07777);
    /* The remaining finding is reported against the fixed text. */
    text_diag d[4];
    size_t other;
    size_t n = parse_text_output(r.out, d, 4, &other);
    cr_expect_eq(n, 1, "%s", r.out);
    if (n >= 1) {
        cr_expect_str_eq(d[0].path, path);
        cr_expect_eq(d[0].line, 7);
        cr_expect_str_eq(d[0].rule, "list-marker");
    }
    awl_test_run_free(&r);

    /* A second --fix changes nothing. */
    r = RUN("--no-config", "--select", "format", "--fix", path);
    EXPECT_STATUS(r, 0);
    after = slurp(path);
    cr_expect_str_eq(after, fixable_fixed);
    free(after);
    awl_test_run_free(&r);

    /* No temporary file is left next to it. */
    DIR *listing = opendir(dir);
    cr_assert_not_null(listing);
    struct dirent *ent;
    size_t entries = 0;
    while ((ent = readdir(listing)))
        if (strcmp(ent->d_name, ".") && strcmp(ent->d_name, "..")) {
            entries++;
            cr_expect_str_eq(ent->d_name, "README.md");
        }
    closedir(listing);
    cr_expect_eq(entries, 1);
    awl_test_remove_tree(dir);
    free(path);
    free(dir);
}

Test(io, diff_prints_unified_diff_and_writes_nothing)
{
    char *dir = awl_test_tmpdir();
    const char doc[] = "# Title\n"
                       "\n"
                       "Some text. \n"
                       "More.\n";
    char *path = put(dir, "README.md", doc);
    run_result r = RUN("--no-config", "--select", "format", "--diff", path);
    cr_expect_eq(r.status, 1, "--diff with something to fix: exit %d", r.status);
    /* The header names the file after a/ and b/ (how an absolute path is
     * joined to the prefix is not part of the contract). */
    const char *minus = strstr(r.out, "--- a/");
    const char *plus = strstr(r.out, "+++ b/");
    cr_expect(minus == r.out, "the diff does not start with its header:\n%s", r.out);
    cr_expect(plus && minus && plus > minus, "%s", r.out);
    if (minus && plus) {
        const char *end = strchr(minus, '\n');
        cr_expect(end && end - minus > 9 && strncmp(end - 9, "README.md", 9) == 0, "%s", r.out);
        end = strchr(plus, '\n');
        cr_expect(end && end - plus > 9 && strncmp(end - 9, "README.md", 9) == 0, "%s", r.out);
        cr_expect(plus == strchr(minus, '\n') + 1, "+++ must follow ---:\n%s", r.out);
    }
    /* Three lines of context around the change on line 3: lines 1-4. */
    const char *hunk = "@@ -1,4 +1,4 @@\n"
                       " # Title\n"
                       " \n"
                       "-Some text. \n"
                       "+Some text.\n"
                       " More.\n";
    cr_expect(contains(r.out, "--- a/"), "%s", r.out);
    cr_expect(contains(r.out, "+++ b/"), "%s", r.out);
    cr_expect(contains(r.out, hunk), "hunk missing from:\n%s", r.out);
    cr_expect_eq(count_of(r.out, "@@ -"), 1, "%s", r.out);
    cr_expect_not(contains(r.out, "[trailing-space]"), "findings mixed into the diff: %s", r.out);
    char *after = slurp(path);
    cr_expect_str_eq(after, doc, "--diff wrote the file");
    free(after);
    awl_test_run_free(&r);

    /* A missing final newline shows as such. */
    char *nonl = put(dir, "nonl.md", "# Title\n\nlast");
    r = RUN("--no-config", "--select", "format", "--diff", nonl);
    cr_expect(contains(r.out, "-last\n\\ No newline at end of file\n+last\n"), "%s", r.out);
    awl_test_run_free(&r);

    /* Nothing to fix: no diff. */
    char *clean = put(dir, "clean.md", clean_doc);
    r = RUN("--no-config", "--diff", clean);
    EXPECT_STATUS(r, 0);
    cr_expect_not(contains(r.out, "@@"), "%s", r.out);
    awl_test_run_free(&r);
    awl_test_remove_tree(dir);
    free(clean);
    free(nonl);
    free(path);
    free(dir);
}

Test(io, check_exits_1_when_fix_would_change)
{
    char *dir = awl_test_tmpdir();
    char *path = put(dir, "README.md", fixable_doc);
    run_result r = RUN("--no-config", "--select", "format", "--check", path);
    EXPECT_STATUS(r, 1);
    char *after = slurp(path);
    cr_expect_str_eq(after, fixable_doc, "--check wrote the file");
    free(after);
    awl_test_run_free(&r);

    char *clean = put(dir, "clean.md", clean_doc);
    r = RUN("--no-config", "--check", clean);
    EXPECT_STATUS(r, 0);
    awl_test_run_free(&r);

    /* Only an unfixable warning (a `*` list touching a `-` list): --fix
     * would change nothing, so --check passes at the default --fail-on. */
    const char only_unfixable[] =
        "# Title\n\n- [A](https://a.example/)\n- [B](https://b.example/)\n"
        "* [C](https://c.example/)\n";
    char *unfixable = put(dir, "unfixable.md", only_unfixable);
    r = RUN("--no-config", "--select", "format", "--check", unfixable);
    EXPECT_STATUS(r, 0);
    after = slurp(unfixable);
    cr_expect_str_eq(after, only_unfixable);
    free(after);
    awl_test_run_free(&r);
    awl_test_remove_tree(dir);
    free(unfixable);
    free(clean);
    free(path);
    free(dir);
}

/* ---- output formats ---- */

Test(format, json_structure)
{
    char *dir = awl_test_tmpdir();
    char *path = put(dir, "README.md", trailing_doc);
    run_result r = RUN("--no-config", "--select", "trailing-space", "--format", "json", path);
    EXPECT_STATUS(r, 0);
    jval *root = jparse(r.out);
    cr_assert_not_null(root, "not JSON: %s", r.out);
    EXPECT_JNUM(jget(root, "version"), 1);
    jval *files = jget(root, "files");
    cr_assert_eq(jlen(files), 1, "%s", r.out);
    jval *file = jat(files, 0);
    EXPECT_JSTR(jget(file, "path"), path);
    jval *diags = jget(file, "diagnostics");
    cr_assert_eq(jlen(diags), 1, "%s", r.out);
    jval *d = jat(diags, 0);
    EXPECT_JSTR(jget(d, "rule"), "trailing-space");
    EXPECT_JSTR(jget(d, "severity"), "warning");
    EXPECT_JNUM(jget(d, "line"), 2);
    EXPECT_JNUM(jget(d, "column"), 6);
    EXPECT_JNUM(jget(d, "end_line"), 2);
    EXPECT_JNUM(jget(d, "end_column"), 7);
    jval *message = jget(d, "message");
    cr_expect(message && message->type == J_STR && message->str[0], "message: %s", r.out);
    EXPECT_JBOOL(jget(d, "fixable"), true);
    jval *summary = jget(root, "summary");
    EXPECT_JNUM(jget(summary, "files"), 1);
    EXPECT_JNUM(jget(summary, "errors"), 0);
    EXPECT_JNUM(jget(summary, "warnings"), 1);
    EXPECT_JNUM(jget(summary, "infos"), 0);
    EXPECT_JNUM(jget(summary, "fixable"), 1);
    jfree(root);
    awl_test_run_free(&r);

    /* Two files, one clean: both listed, the clean one with no diagnostics. */
    char *clean = put(dir, "clean.md", clean_doc);
    r = RUN("--no-config", "--select", "trailing-space", "--format", "json", clean, path);
    root = jparse(r.out);
    cr_assert_not_null(root, "not JSON: %s", r.out);
    files = jget(root, "files");
    cr_assert_eq(jlen(files), 2, "%s", r.out);
    EXPECT_JSTR(jget(jat(files, 0), "path"), clean);
    cr_expect_eq(jlen(jget(jat(files, 0), "diagnostics")), 0);
    cr_expect(jget(jat(files, 0), "diagnostics") != NULL);
    EXPECT_JSTR(jget(jat(files, 1), "path"), path);
    EXPECT_JNUM(jget(jget(root, "summary"), "files"), 2);
    EXPECT_JNUM(jget(jget(root, "summary"), "warnings"), 1);
    jfree(root);
    awl_test_run_free(&r);
    awl_test_remove_tree(dir);
    free(clean);
    free(path);
    free(dir);
}

Test(format, json_columns_count_code_points)
{
    /* "Café – naïve " : C a f é (1-4), space 5, – 6, space 7, n a ï v e
     * (8-12), the trailing space is column 13 (byte 18). */
    run_result r = RUN_STDIN("# T\n\nCaf\xC3\xA9 \xE2\x80\x93 na\xC3\xAFve \n", "--no-config",
                             "--select", "trailing-space", "--format", "json", "-");
    jval *root = jparse(r.out);
    cr_assert_not_null(root, "not JSON: %s", r.out);
    jval *d = jat(jget(jat(jget(root, "files"), 0), "diagnostics"), 0);
    EXPECT_JNUM(jget(d, "line"), 3);
    EXPECT_JNUM(jget(d, "column"), 13);
    EXPECT_JNUM(jget(d, "end_column"), 14);
    jfree(root);
    awl_test_run_free(&r);
}

/* Files are mapped when only linted and their size is not a whole number of
 * pages, read otherwise: a file one byte short of a page, one of a whole
 * page and one a byte over give the same finding at their very last byte. */
Test(input, mapped_and_read_files_give_the_same_findings)
{
    long page = sysconf(_SC_PAGESIZE);
    cr_assert_gt(page, 16);
    char *dir = awl_test_tmpdir();
    for (long size = page - 1; size <= page + 1; size++) {
        /* "# T\n\n" (5 bytes), then x's, then the trailing space at the end. */
        char *text = malloc((size_t)size + 1);
        memcpy(text, "# T\n\n", 5);
        memset(text + 5, 'x', (size_t)size - 6);
        text[size - 1] = ' ';
        text[size] = '\0';
        char *path = put(dir, "list.md", text);
        run_result r = RUN("--no-config", "--select", "trailing-space", "--format", "json", path);
        jval *root = jparse(r.out);
        cr_assert_not_null(root, "size %ld: not JSON: %s", size, r.out);
        jval *diags = jget(jat(jget(root, "files"), 0), "diagnostics");
        cr_expect_eq(jlen(diags), 1, "size %ld: one finding", size);
        jval *d = jat(diags, 0);
        cr_assert_not_null(d, "size %ld: the trailing space is found", size);
        EXPECT_JNUM(jget(d, "line"), 3);
        EXPECT_JNUM(jget(d, "column"), size - 5);
        jfree(root);
        awl_test_run_free(&r);
        free(path);
        free(text);
    }
    free(dir);
}

Test(format, json_unfixable_and_escaped_path)
{
    /* A `*` list touching a `-` list is reported without a fix. */
    char *dir = awl_test_tmpdir();
    char *path = put(dir, "say \"hi\"\\ list.md",
                     "# T\n\n- [a](https://a.example/)\n- [b](https://b.example/)\n"
                     "* [c](https://c.example/)\n");
    run_result r = RUN("--no-config", "--select", "list-marker", "--format", "json", path);
    EXPECT_STATUS(r, 0);
    jval *root = jparse(r.out);
    cr_assert_not_null(root, "not JSON: %s", r.out);
    jval *file = jat(jget(root, "files"), 0);
    EXPECT_JSTR(jget(file, "path"), path);
    jval *diags = jget(file, "diagnostics");
    cr_assert_eq(jlen(diags), 1, "%s", r.out);
    jval *d = jat(diags, 0);
    EXPECT_JSTR(jget(d, "rule"), "list-marker");
    EXPECT_JNUM(jget(d, "line"), 5);
    EXPECT_JNUM(jget(d, "column"), 1);
    EXPECT_JBOOL(jget(d, "fixable"), false);
    EXPECT_JNUM(jget(jget(root, "summary"), "warnings"), 1);
    EXPECT_JNUM(jget(jget(root, "summary"), "fixable"), 0);
    jfree(root);
    awl_test_run_free(&r);
    awl_test_remove_tree(dir);
    free(path);
    free(dir);
}

Test(format, text_line_shape)
{
    char *dir = awl_test_tmpdir();
    char *path = put(dir, "README.md", "# Title\nHello \n\n\n\nBye");
    run_result r = RUN("--no-config", "--select", "format", path);
    EXPECT_STATUS(r, 0);
    text_diag d[8];
    size_t other;
    size_t n = parse_text_output(r.out, d, 8, &other);
    /* trailing-space 2:6, blank-lines from line 3, final-newline at the end. */
    cr_expect_eq(n, 3, "want 3 findings, got:\n%s", r.out);
    cr_expect_eq(other, 1, "want one summary line after the findings:\n%s", r.out);
    bool seen_trailing = false, seen_blank = false, seen_final = false;
    for (size_t i = 0; i < n && i < 8; i++) {
        cr_expect_str_eq(d[i].path, path);
        cr_expect_str_eq(d[i].severity, "warning");
        if (strcmp(d[i].rule, "trailing-space") == 0) {
            seen_trailing = true;
            cr_expect_eq(d[i].line, 2);
            cr_expect_eq(d[i].col, 6);
        } else if (strcmp(d[i].rule, "blank-lines") == 0) {
            seen_blank = true;
            cr_expect_eq(d[i].line, 3);
        } else if (strcmp(d[i].rule, "final-newline") == 0) {
            seen_final = true;
            cr_expect_eq(d[i].line, 6);
            cr_expect_eq(d[i].col, 4);
        }
    }
    cr_expect(seen_trailing && seen_blank && seen_final, "%s", r.out);
    /* The summary is the last line. */
    size_t len = strlen(r.out);
    cr_assert_gt(len, 0);
    cr_expect_eq(r.out[len - 1], '\n');
    const char *last = r.out + len - 1;
    while (last > r.out && last[-1] != '\n')
        last--;
    text_diag tmp;
    cr_expect_not(parse_text_line(last, strlen(last) - 1, &tmp), "last line is a finding: %s",
                  last);
    awl_test_run_free(&r);

    /* -q drops the summary line. */
    r = RUN("--no-config", "--select", "format", "-q", path);
    n = parse_text_output(r.out, d, 8, &other);
    cr_expect_eq(n, 3);
    cr_expect_eq(other, 0, "-q printed more than findings:\n%s", r.out);
    awl_test_run_free(&r);

    char *clean = put(dir, "clean.md", clean_doc);
    r = RUN("--no-config", "--quiet", clean);
    EXPECT_STATUS(r, 0);
    cr_expect_str_eq(r.out, "");
    awl_test_run_free(&r);
    awl_test_remove_tree(dir);
    free(clean);
    free(path);
    free(dir);
}

static char *github_line(const char *path)
{
    char *want = NULL;
    cr_assert(
        asprintf(&want,
                 "::warning file=%s,line=2,col=6,endLine=2,endColumn=7,title=trailing-space::",
                 path) > 0);
    return want;
}

Test(format, github_line_shape)
{
    char *dir = awl_test_tmpdir();
    char *path = put(dir, "README.md", trailing_doc);
    char *want = github_line(path);
    run_result r = RUN("--no-config", "--select", "trailing-space", "--format", "github", path);
    EXPECT_STATUS(r, 0);
    cr_expect(strncmp(r.out, want, strlen(want)) == 0, "want a line starting\n%s\ngot\n%s", want,
              r.out);
    /* One command line: a non-empty message, then the end. */
    const char *msg = r.out + strlen(want);
    const char *nl = strchr(msg, '\n');
    cr_expect(nl && nl > msg, "no message: %s", r.out);
    cr_expect(nl && nl[1] == '\0', "more than one line: %s", r.out);
    awl_test_run_free(&r);

    /* GITHUB_ACTIONS=true makes github the default ... */
    r = RUN_ENV("GITHUB_ACTIONS=true", "--no-config", "--select", "trailing-space", path);
    EXPECT_STATUS(r, 0);
    cr_expect(strncmp(r.out, want, strlen(want)) == 0, "GITHUB_ACTIONS=true gave:\n%s", r.out);
    awl_test_run_free(&r);

    /* ... but --format still wins. */
    r = RUN_ENV("GITHUB_ACTIONS=true", "--no-config", "--select", "trailing-space", "--format",
                "text", path);
    text_diag d[2];
    size_t other;
    cr_expect_eq(parse_text_output(r.out, d, 2, &other), 1, "%s", r.out);
    cr_expect_not(contains(r.out, "::warning"), "%s", r.out);
    awl_test_run_free(&r);

    /* Workflow-command properties escape ',' and ':' (as %2C and %3A). */
    char *odd = put(dir, "a,b:c.md", trailing_doc);
    r = RUN("--no-config", "--select", "trailing-space", "--format", "github", odd);
    cr_expect(contains(r.out, "a%2Cb%3Ac.md,line=2,col=6,"), "%s", r.out);
    cr_expect_not(contains(r.out, "a,b"), "%s", r.out);
    awl_test_run_free(&r);
    free(odd);

    /* Any other value keeps text. */
    r = RUN_ENV("GITHUB_ACTIONS=false", "--no-config", "--select", "trailing-space", path);
    cr_expect_eq(parse_text_output(r.out, d, 2, &other), 1, "%s", r.out);
    awl_test_run_free(&r);
    awl_test_remove_tree(dir);
    free(want);
    free(path);
    free(dir);
}

Test(format, sarif)
{
    char *dir = awl_test_tmpdir();
    char *path = put(dir, "README.md", trailing_doc);
    run_result r = RUN("--no-config", "--select", "trailing-space", "--format", "sarif", path);
    EXPECT_STATUS(r, 0);
    cr_expect(contains(r.out, "\"version\":\"2.1.0\""), "%s", r.out);
    jval *root = jparse(r.out);
    cr_assert_not_null(root, "SARIF is not JSON: %s", r.out);
    EXPECT_JSTR(jget(root, "version"), "2.1.0");
    jval *run = jat(jget(root, "runs"), 0);
    cr_assert_not_null(run);
    jval *driver = jget(jget(run, "tool"), "driver");
    EXPECT_JSTR(jget(driver, "name"), "awelint");
    jval *rules = jget(driver, "rules");
    static const char *const ids[] = {"trailing-space", "final-newline", "line-ending",
                                      "blank-lines", "list-marker"};
    for (size_t i = 0; i < sizeof ids / sizeof ids[0]; i++) {
        bool found = false;
        for (size_t j = 0; j < jlen(rules) && !found; j++) {
            jval *id = jget(jat(rules, j), "id");
            found = id && id->type == J_STR && strcmp(id->str, ids[i]) == 0;
        }
        cr_expect(found, "rule %s missing from the SARIF rules", ids[i]);
    }
    jval *results = jget(run, "results");
    cr_assert_eq(jlen(results), 1, "%s", r.out);
    jval *res = jat(results, 0);
    EXPECT_JSTR(jget(res, "ruleId"), "trailing-space");
    EXPECT_JSTR(jget(res, "level"), "warning");
    jval *loc = jget(jat(jget(res, "locations"), 0), "physicalLocation");
    EXPECT_JSTR(jget(jget(loc, "artifactLocation"), "uri"), path);
    jval *region = jget(loc, "region");
    EXPECT_JNUM(jget(region, "startLine"), 2);
    EXPECT_JNUM(jget(region, "startColumn"), 6);
    jfree(root);
    awl_test_run_free(&r);
    awl_test_remove_tree(dir);
    free(path);
    free(dir);
}

/* ---- rule selection ---- */

static bool has_rule(const char *out, const char *id)
{
    char tag[80];
    snprintf(tag, sizeof tag, "[%s]", id);
    return contains(out, tag);
}

Test(selection, select_and_ignore)
{
    char *dir = awl_test_tmpdir();
    /* trailing-space (line 2), final-newline, a `*` list touching `-` items
     * (list-marker). */
    char *path = put(dir, "README.md", "# Title\nHello \n\n- a\n- b\n* c");

    run_result r = RUN("--no-config", "--select", "trailing-space", path);
    cr_expect(has_rule(r.out, "trailing-space"), "%s", r.out);
    cr_expect_not(has_rule(r.out, "final-newline"), "%s", r.out);
    cr_expect_not(has_rule(r.out, "list-marker"), "%s", r.out);
    awl_test_run_free(&r);

    r = RUN("--no-config", "--select", "trailing-space,final-newline", path);
    cr_expect(has_rule(r.out, "trailing-space"), "%s", r.out);
    cr_expect(has_rule(r.out, "final-newline"), "%s", r.out);
    cr_expect_not(has_rule(r.out, "list-marker"), "%s", r.out);
    awl_test_run_free(&r);

    r = RUN("--no-config", "--select", "trailing-space", "--select", "list-marker", path);
    cr_expect(has_rule(r.out, "trailing-space"), "%s", r.out);
    cr_expect(has_rule(r.out, "list-marker"), "%s", r.out);
    cr_expect_not(has_rule(r.out, "final-newline"), "%s", r.out);
    awl_test_run_free(&r);

    r = RUN("--no-config", "--ignore", "trailing-space", path);
    cr_expect_not(has_rule(r.out, "trailing-space"), "%s", r.out);
    cr_expect(has_rule(r.out, "final-newline"), "%s", r.out);
    cr_expect(has_rule(r.out, "list-marker"), "%s", r.out);
    awl_test_run_free(&r);

    /* By category. */
    r = RUN("--no-config", "--select", "format", path);
    cr_expect(has_rule(r.out, "trailing-space"), "%s", r.out);
    cr_expect(has_rule(r.out, "final-newline"), "%s", r.out);
    cr_expect(has_rule(r.out, "list-marker"), "%s", r.out);
    awl_test_run_free(&r);

    r = RUN("--no-config", "--ignore", "format", "--fail-on", "info", path);
    cr_expect_not(has_rule(r.out, "trailing-space"), "%s", r.out);
    cr_expect_not(has_rule(r.out, "final-newline"), "%s", r.out);
    cr_expect_not(has_rule(r.out, "list-marker"), "%s", r.out);
    awl_test_run_free(&r);

    r = RUN("--no-config", "--select", "format", "--ignore", "final-newline,list-marker",
            "--fail-on", "warning", path);
    EXPECT_STATUS(r, 1);
    cr_expect(has_rule(r.out, "trailing-space"), "%s", r.out);
    cr_expect_not(has_rule(r.out, "final-newline"), "%s", r.out);
    cr_expect_not(has_rule(r.out, "list-marker"), "%s", r.out);
    awl_test_run_free(&r);

    r = RUN("--no-config", "--select", "trailing-space", "--ignore", "trailing-space", "--fail-on",
            "warning", path);
    EXPECT_STATUS(r, 0);
    cr_expect_not(has_rule(r.out, "trailing-space"), "%s", r.out);
    awl_test_run_free(&r);
    awl_test_remove_tree(dir);
    free(path);
    free(dir);
}

/* ---- informational options ---- */

Test(info, list_rules)
{
    run_result r = RUN("--list-rules");
    EXPECT_STATUS(r, 0);
    static const char *const ids[] = {"trailing-space", "final-newline", "line-ending",
                                      "blank-lines", "list-marker"};
    for (size_t i = 0; i < sizeof ids / sizeof ids[0]; i++)
        cr_expect(contains(r.out, ids[i]), "%s missing from --list-rules:\n%s", ids[i], r.out);
    /* And every rule of the table, whatever rules were added since. */
    for (size_t i = 0; i < awl_rule_count; i++)
        cr_expect(contains(r.out, awl_rules[i]->id), "%s missing from --list-rules",
                  awl_rules[i]->id);
    awl_test_run_free(&r);
}

Test(info, explain)
{
    run_result r = RUN("--explain", "trailing-space");
    EXPECT_STATUS(r, 0);
    cr_expect(contains(r.out, "trailing-space"), "%s", r.out);
    cr_expect(contains(r.out, "hard line break"), "explanation missing:\n%s", r.out);
    size_t index = awl_rule_index("trailing-space");
    cr_assert_neq(index, AWL_NONE);
    cr_expect(contains(r.out, awl_rules[index]->explanation), "not the rule's explanation:\n%s",
              r.out);
    awl_test_run_free(&r);

    r = RUN("--explain", "nope");
    EXPECT_STATUS(r, 2);
    cr_expect(contains(r.err, "nope"), "%s", r.err);
    cr_expect_str_eq(r.out, "");
    awl_test_run_free(&r);
}

Test(info, version)
{
    run_result r = RUN("--version");
    EXPECT_STATUS(r, 0);
    cr_expect(strncmp(r.out, "awelint ", 8) == 0, "%s", r.out);
    cr_expect(r.out[0] && r.out[8] >= '0' && r.out[8] <= '9', "no version number: %s", r.out);
    cr_expect_eq(count_of(r.out, "\n"), 1, "%s", r.out);
    awl_test_run_free(&r);
}

Test(info, help)
{
    run_result r = RUN("--help");
    EXPECT_STATUS(r, 0);
    static const char *const options[] = {
        "--fix",        "--unsafe-fixes", "--diff",    "--check",     "--format", "--select",
        "--ignore",     "--fail-on",      "--config",  "--no-config", "--color",  "--quiet",
        "--list-rules", "--explain",      "--version", "--help",      "export",   "PATH",
    };
    for (size_t i = 0; i < sizeof options / sizeof options[0]; i++)
        cr_expect(contains(r.out, options[i]), "--help does not mention %s", options[i]);
    awl_test_run_free(&r);
    r = RUN("-h");
    EXPECT_STATUS(r, 0);
    cr_expect(contains(r.out, "--fix"));
    awl_test_run_free(&r);
}

/* ---- directories ---- */

static void make_dir(const char *dir, const char *name)
{
    char *path = awl_test_join(dir, name);
    cr_assert_eq(mkdir(path, 0755), 0, "mkdir %s: %s", path, strerror(errno));
    free(path);
}

Test(paths, directory_recurses_and_skips)
{
    char *dir = awl_test_tmpdir();
    make_dir(dir, "sub");
    make_dir(dir, "sub/deeper");
    make_dir(dir, "node_modules");
    make_dir(dir, "sub/node_modules");
    make_dir(dir, ".git");
    char *paths[] = {
        put(dir, "a.md", trailing_doc),
        put(dir, "sub/b.md", trailing_doc),
        put(dir, "sub/deeper/c.md", trailing_doc),
        put(dir, "node_modules/x.md", trailing_doc),
        put(dir, "sub/node_modules/y.md", trailing_doc),
        put(dir, ".git/z.md", trailing_doc),
        put(dir, "notes.txt", trailing_doc),
    };
    run_result r = RUN("--no-config", "--select", "trailing-space", "--format", "json", dir);
    EXPECT_STATUS(r, 0);
    jval *root = jparse(r.out);
    cr_assert_not_null(root, "not JSON: %s", r.out);
    jval *files = jget(root, "files");
    cr_expect_eq(jlen(files), 3, "want a.md, sub/b.md, sub/deeper/c.md:\n%s", r.out);
    for (size_t want = 0; want < 3; want++) {
        bool found = false;
        for (size_t i = 0; i < jlen(files) && !found; i++) {
            jval *p = jget(jat(files, i), "path");
            found = p && p->type == J_STR && strcmp(p->str, paths[want]) == 0;
        }
        cr_expect(found, "%s not linted:\n%s", paths[want], r.out);
    }
    cr_expect_not(contains(r.out, "node_modules"), "%s", r.out);
    cr_expect_not(contains(r.out, ".git"), "%s", r.out);
    cr_expect_not(contains(r.out, "notes.txt"), "%s", r.out);
    EXPECT_JNUM(jget(jget(root, "summary"), "files"), 3);
    EXPECT_JNUM(jget(jget(root, "summary"), "warnings"), 3);
    jfree(root);
    awl_test_run_free(&r);

    /* --fix over a directory rewrites the linted files only. */
    r = RUN("--no-config", "--select", "trailing-space", "--fix", dir);
    EXPECT_STATUS(r, 0);
    for (size_t i = 0; i < 7; i++) {
        char *text = slurp(paths[i]);
        cr_expect_str_eq(text, i < 3 ? "# Title\nHello\n" : trailing_doc, "%s", paths[i]);
        free(text);
    }
    awl_test_run_free(&r);
    for (size_t i = 0; i < 7; i++)
        free(paths[i]);
    awl_test_remove_tree(dir);
    free(dir);
}

Test(paths, directory_with_trailing_slash)
{
    char *dir = awl_test_tmpdir();
    char *path = put(dir, "a.md", trailing_doc);
    char *given = NULL;
    cr_assert(asprintf(&given, "%s/", dir) > 0);
    run_result r = RUN("--no-config", "--select", "trailing-space", given);
    text_diag d[2];
    size_t other;
    cr_assert_eq(parse_text_output(r.out, d, 2, &other), 1, "%s", r.out);
    cr_expect_str_eq(d[0].path, path, "the file's path is %s", path);
    awl_test_run_free(&r);
    awl_test_remove_tree(dir);
    free(given);
    free(path);
    free(dir);
}

/* ---- export ---- */

static const char export_doc[] =
    "# Awesome Test\n" /* 1 */
    "\n"               /* 2 */
    "## Papers\n"      /* 3 */
    "\n"               /* 4 */
    "### Training\n"   /* 5 */
    "\n"               /* 6 */
    "- [Alpa: Automating Parallelism](https://arxiv.org/abs/2201.12023) - Inter- and "
    "intra-operator parallelism. [[code](https://github.com/alpa-projects/alpa)]\n" /* 7 */
    "- [Orca](https://www.usenix.org/conference/osdi22/presentation/yu) "
    "[code](https://github.com/x/orca) [slides](https://example.org/orca.pdf)\n" /* 8 */
    "\n"                                                                         /* 9 */
    "## Tools\n"                                                                 /* 10 */
    "\n"                                                                         /* 11 */
    "- [md4c](https://github.com/mity/md4c) - Markdown parser in C.\n";          /* 12 */

Test(export, json)
{
    char *dir = awl_test_tmpdir();
    char *path = put(dir, "README.md", export_doc);
    run_result r = RUN("export", "--no-config", path);
    EXPECT_STATUS(r, 0);
    jval *root = jparse(r.out);
    cr_assert_not_null(root, "export is not JSON: %s", r.out);
    EXPECT_JNUM(jget(root, "version"), 1);
    jval *files = jget(root, "files");
    cr_assert_eq(jlen(files), 1, "%s", r.out);
    EXPECT_JSTR(jget(jat(files, 0), "path"), path);
    jval *entries = jget(jat(files, 0), "entries");
    cr_assert_eq(jlen(entries), 3, "want 3 entries:\n%s", r.out);

    jval *alpa = jat(entries, 0);
    EXPECT_JNUM(jget(alpa, "line"), 7);
    jval *section = jget(alpa, "section");
    cr_expect_eq(jlen(section), 2, "%s", r.out);
    EXPECT_JSTR(jat(section, 0), "Papers");
    EXPECT_JSTR(jat(section, 1), "Training");
    EXPECT_JSTR(jget(alpa, "title"), "Alpa: Automating Parallelism");
    EXPECT_JSTR(jget(alpa, "url"), "https://arxiv.org/abs/2201.12023");
    jval *links = jget(alpa, "links");
    cr_expect_eq(jlen(links), 1, "%s", r.out);
    EXPECT_JSTR(jget(jat(links, 0), "label"), "code");
    EXPECT_JSTR(jget(jat(links, 0), "url"), "https://github.com/alpa-projects/alpa");
    jval *description = jget(alpa, "description");
    cr_expect(description && description->type == J_STR &&
                  strncmp(description->str, "Inter- and intra-operator parallelism", 37) == 0,
              "description: %s", r.out);
    cr_expect(jget(alpa, "venue") != NULL && jget(alpa, "venue_text") != NULL &&
                  jget(alpa, "year") != NULL,
              "venue, venue_text and year keys missing");

    jval *orca = jat(entries, 1);
    EXPECT_JNUM(jget(orca, "line"), 8);
    EXPECT_JSTR(jat(jget(orca, "section"), 0), "Papers");
    EXPECT_JSTR(jat(jget(orca, "section"), 1), "Training");
    EXPECT_JSTR(jget(orca, "title"), "Orca");
    EXPECT_JSTR(jget(orca, "url"), "https://www.usenix.org/conference/osdi22/presentation/yu");
    links = jget(orca, "links");
    cr_expect_eq(jlen(links), 2, "%s", r.out);
    EXPECT_JSTR(jget(jat(links, 0), "label"), "code");
    EXPECT_JSTR(jget(jat(links, 0), "url"), "https://github.com/x/orca");
    EXPECT_JSTR(jget(jat(links, 1), "label"), "slides");
    EXPECT_JSTR(jget(jat(links, 1), "url"), "https://example.org/orca.pdf");

    jval *md4c = jat(entries, 2);
    EXPECT_JNUM(jget(md4c, "line"), 12);
    cr_expect_eq(jlen(jget(md4c, "section")), 1, "%s", r.out);
    EXPECT_JSTR(jat(jget(md4c, "section"), 0), "Tools");
    EXPECT_JSTR(jget(md4c, "title"), "md4c");
    EXPECT_JSTR(jget(md4c, "url"), "https://github.com/mity/md4c");
    cr_expect_eq(jlen(jget(md4c, "links")), 0);
    cr_expect(jget(md4c, "links") != NULL);
    EXPECT_JSTR(jget(md4c, "description"), "Markdown parser in C.");
    EXPECT_JNULL(jget(md4c, "venue"));
    EXPECT_JNULL(jget(md4c, "venue_text"));
    EXPECT_JNULL(jget(md4c, "year"));
    jfree(root);
    awl_test_run_free(&r);

    /* --format json is the default; naming it changes nothing. */
    run_result again = RUN("export", "--no-config", "--format", "json", path);
    EXPECT_STATUS(again, 0);
    run_result first = RUN("export", "--no-config", path);
    cr_expect_str_eq(again.out, first.out);
    awl_test_run_free(&again);
    awl_test_run_free(&first);

    /* export does not fix, and rejects lint formats. */
    r = RUN("export", "--fix", path);
    EXPECT_STATUS(r, 2);
    awl_test_run_free(&r);
    r = RUN("export", "--format", "sarif", path);
    EXPECT_STATUS(r, 2);
    awl_test_run_free(&r);
    awl_test_remove_tree(dir);
    free(path);
    free(dir);
}

/* One CSV record (RFC 4180 quoting); returns the number of fields and moves
 * *p past the record's line break. */
static size_t csv_record(const char **p, char fields[][256], size_t max)
{
    size_t n = 0;
    const char *s = *p;
    for (;;) {
        char buf[256];
        size_t len = 0;
        if (*s == '"') {
            s++;
            while (*s && !(*s == '"' && s[1] != '"')) {
                if (*s == '"')
                    s++;
                if (len < sizeof buf - 1)
                    buf[len++] = *s;
                s++;
            }
            if (*s == '"')
                s++;
        } else {
            while (*s && *s != ',' && *s != '\r' && *s != '\n') {
                if (len < sizeof buf - 1)
                    buf[len++] = *s;
                s++;
            }
        }
        buf[len] = '\0';
        if (n < max)
            memcpy(fields[n], buf, len + 1);
        n++;
        if (*s == ',') {
            s++;
            continue;
        }
        break;
    }
    if (*s == '\r')
        s++;
    if (*s == '\n')
        s++;
    *p = s;
    return n;
}

static int column_of(char header[][256], size_t count, const char *name)
{
    for (size_t i = 0; i < count; i++)
        if (strcmp(header[i], name) == 0)
            return (int)i;
    return -1;
}

Test(export, csv)
{
    char *dir = awl_test_tmpdir();
    char *path = put(dir, "README.md", export_doc);
    run_result r = RUN("export", "--no-config", "--format", "csv", path);
    EXPECT_STATUS(r, 0);
    const char *p = r.out;
    char header[16][256];
    size_t columns = csv_record(&p, header, 16);
    cr_assert_leq(columns, 16);
    static const char *const names[] = {"path", "line", "section", "title", "url"};
    int col[5];
    for (size_t i = 0; i < 5; i++) {
        col[i] = column_of(header, columns, names[i]);
        cr_expect_geq(col[i], 0, "no %s column in the header: %s", names[i], r.out);
    }
    if (col[0] < 0 || col[1] < 0 || col[2] < 0 || col[3] < 0 || col[4] < 0)
        cr_assert_fail("header: %s", r.out);

    static const struct {
        const char *line, *title, *url, *section[2];
    } want[] = {
        {"7",
         "Alpa: Automating Parallelism",
         "https://arxiv.org/abs/2201.12023",
         {"Papers", "Training"}},
        {"8",
         "Orca",
         "https://www.usenix.org/conference/osdi22/presentation/yu",
         {"Papers", "Training"}},
        {"12", "md4c", "https://github.com/mity/md4c", {"Tools", NULL}},
    };
    size_t rows = 0;
    while (*p) {
        char fields[16][256];
        size_t n = csv_record(&p, fields, 16);
        cr_expect_eq(n, columns, "row %zu has %zu fields, the header %zu", rows + 1, n, columns);
        if (rows < 3 && n == columns) {
            cr_expect_str_eq(fields[col[0]], path);
            cr_expect_str_eq(fields[col[1]], want[rows].line);
            cr_expect_str_eq(fields[col[3]], want[rows].title);
            cr_expect_str_eq(fields[col[4]], want[rows].url);
            const char *first = strstr(fields[col[2]], want[rows].section[0]);
            cr_expect_not_null(first, "section %s", fields[col[2]]);
            if (want[rows].section[1]) {
                const char *second = strstr(fields[col[2]], want[rows].section[1]);
                cr_expect(first && second && second > first, "section %s", fields[col[2]]);
            } else {
                cr_expect_not(contains(fields[col[2]], "Papers"), "section %s", fields[col[2]]);
            }
        }
        /* The extra links, when the CSV has a links column: an entry with
         * none has an empty cell, the others name their URLs. */
        int links_col = column_of(header, columns, "links");
        if (links_col >= 0 && rows < 3 && n == columns) {
            if (rows == 2)
                cr_expect_str_eq(fields[links_col], "", "md4c has no extra links:\n%s", r.out);
            else if (rows == 1)
                cr_expect(contains(fields[links_col], "https://github.com/x/orca") &&
                              contains(fields[links_col], "https://example.org/orca.pdf"),
                          "links %s", fields[links_col]);
            else
                cr_expect(contains(fields[links_col], "https://github.com/alpa-projects/alpa"),
                          "links %s", fields[links_col]);
        }
        rows++;
    }
    cr_expect_eq(rows, 3, "want 3 rows:\n%s", r.out);
    /* The CSV's "Alpa: ..." title has a comma-free colon; a title with a
     * comma and a quote must come back intact through the quoting. */
    awl_test_run_free(&r);

    char *tricky =
        put(dir, "tricky.md", "# T\n\n## S\n\n- [Say \"hi\", then go](https://q.example/) - x.\n");
    r = RUN("export", "--no-config", "--format", "csv", tricky);
    EXPECT_STATUS(r, 0);
    p = r.out;
    csv_record(&p, header, 16);
    char fields[16][256];
    size_t n = csv_record(&p, fields, 16);
    cr_expect_eq(n, columns, "%s", r.out);
    if (n == columns)
        cr_expect_str_eq(fields[col[3]], "Say \"hi\", then go");
    awl_test_run_free(&r);
    awl_test_remove_tree(dir);
    free(tricky);
    free(path);
    free(dir);
}

/* ---- color ---- */

/* Runs awelint on a pseudo-terminal (so --color auto sees a terminal) with
 * TERM=xterm and, when given, one more environment entry. */
static int run_in_pty(const char *env, const char *const *args, char *out, size_t size)
{
    int master;
    pid_t pid = forkpty(&master, NULL, NULL, NULL);
    cr_assert_geq(pid, 0, "forkpty: %s", strerror(errno));
    if (pid == 0) {
        setenv("TERM", "xterm", 1);
        unsetenv("NO_COLOR");
        unsetenv("GITHUB_ACTIONS");
        if (env)
            putenv((char *)env);
        const char *argv[MAX_ARGS + 2] = {AWL_TEST_BINARY};
        size_t n = 1;
        for (size_t i = 0; args[i] && n < MAX_ARGS + 1; i++)
            argv[n++] = args[i];
        argv[n] = NULL;
        execv(AWL_TEST_BINARY, (char *const *)argv);
        _exit(127);
    }
    size_t len = 0;
    for (;;) {
        ssize_t n = read(master, out + len, size - 1 - len);
        if (n <= 0)
            break; /* EIO once the child has closed the terminal */
        len += (size_t)n;
        if (len == size - 1)
            break;
    }
    out[len] = '\0';
    close(master);
    int status;
    waitpid(pid, &status, 0);
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

Test(color, always_never_and_no_color)
{
    char *dir = awl_test_tmpdir();
    char *path = put(dir, "README.md", trailing_doc);

    /* Into a pipe: --color always colors, never and auto do not. */
    run_result r = RUN("--no-config", "--select", "trailing-space", "--color", "always", path);
    cr_expect(contains(r.out, "\033["), "--color always gave no escape codes:\n%s", r.out);
    cr_expect(contains(r.out, "trailing-space"), "%s", r.out);
    awl_test_run_free(&r);
    r = RUN("--no-config", "--select", "trailing-space", "--color", "never", path);
    cr_expect_not(contains(r.out, "\033"), "--color never gave escape codes:\n%s", r.out);
    awl_test_run_free(&r);
    r = RUN("--no-config", "--select", "trailing-space", path);
    cr_expect_not(contains(r.out, "\033"), "auto colored a pipe:\n%s", r.out);
    awl_test_run_free(&r);
    /* json is never colored. */
    r = RUN("--no-config", "--select", "trailing-space", "--color", "always", "--format", "json",
            path);
    jval *json = jparse(r.out);
    cr_expect_not_null(json, "--color always broke the JSON: %s", r.out);
    jfree(json);
    awl_test_run_free(&r);

    /* On a terminal: auto colors, unless NO_COLOR is set (to anything non-empty). */
    static char out[65536];
    const char *args[] = {"--no-config", "--select", "trailing-space", path, NULL};
    run_in_pty(NULL, args, out, sizeof out);
    cr_expect(contains(out, "\033["), "auto on a terminal gave no color:\n%s", out);
    cr_expect(contains(out, "trailing-space"), "%s", out);
    run_in_pty("NO_COLOR=1", args, out, sizeof out);
    cr_expect(contains(out, "trailing-space"), "%s", out);
    cr_expect_not(contains(out, "\033"), "NO_COLOR=1 still colored:\n%s", out);
    run_in_pty("NO_COLOR=", args, out, sizeof out);
    cr_expect(contains(out, "\033["), "an empty NO_COLOR must not disable color:\n%s", out);
    const char *never[] = {"--no-config", "--select", "trailing-space", "--color", "never",
                           path,          NULL};
    run_in_pty(NULL, never, out, sizeof out);
    cr_expect_not(contains(out, "\033"), "--color never colored a terminal:\n%s", out);
    awl_test_remove_tree(dir);
    free(path);
    free(dir);
}
