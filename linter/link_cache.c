/* link_cache: reading and writing the link cache file (see link_cache.h). */
#include "link_cache.h"

#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "atomic_write.h"
#include "link_targets.h"
#include "msg.h"
#include "net.h"

static const char header[] = "awelint-link-cache 1\n";

static const char *const class_names[] = {"unchecked", "ok",      "redirect", "dead",
                                          "blocked",   "timeout", "skipped"};
enum { CLASS_COUNT = sizeof class_names / sizeof class_names[0] };

typedef struct cached_line {
    long long checked_at;
    awl_link_class class;
    int http_status;
    bool permanent, https_ok;
    unsigned hops;
    char *fields[3]; /* url, final url, reason: pointers into the line, NUL-terminated */
} cached_line;

/* Splits one line (without its newline) in place; false when it is not a
 * result line. */
static bool parse_line(char *line, cached_line *out)
{
    char *field[8];
    size_t n = 0;
    for (char *p = line; n < 8; n++) {
        field[n] = p;
        char *tab = strchr(p, '\t');
        if (!tab) {
            n++;
            break;
        }
        *tab = '\0';
        p = tab + 1;
    }
    if (n != 8)
        return false;
    char *end;
    out->checked_at = strtoll(field[0], &end, 10);
    if (*end || end == field[0])
        return false;
    size_t k = 1;
    while (k < CLASS_COUNT && strcmp(field[1], class_names[k]) != 0)
        k++;
    if (k == CLASS_COUNT || k == AWL_LINK_SKIPPED)
        return false;
    out->class = (awl_link_class)k;
    long status = strtol(field[2], &end, 10);
    if (*end || status < 0 || status > 999)
        return false;
    out->http_status = (int)status;
    out->permanent = strchr(field[3], 'p') != NULL;
    out->https_ok = strchr(field[3], 's') != NULL;
    unsigned long hops = strtoul(field[4], &end, 10);
    if (*end || hops > 5)
        return false;
    out->hops = (unsigned)hops;
    if (!awl_url_is_external(field[5]) ||
        (out->class == AWL_LINK_REDIRECT && !awl_url_is_external(field[6])))
        return false;
    out->fields[0] = field[5];
    out->fields[1] = field[6];
    out->fields[2] = field[7];
    return true;
}

/* True when the URL names a loopback or private address itself
 * (127.0.0.1, [::1], localhost): a run without --allow-private must report
 * it skipped, whatever an earlier run with it found. */
static bool names_private_address(const char *url)
{
    CURLU *parsed = awl_curl.url();
    char *name = NULL;
    bool found = parsed && awl_curl.url_set(parsed, CURLUPART_URL, url, 0) == CURLUE_OK &&
                 awl_curl.url_get(parsed, CURLUPART_HOST, &name, 0) == CURLUE_OK;
    bool private_ = false;
    if (found) {
        size_t len = strlen(name);
        struct sockaddr_in in4 = {.sin_family = AF_INET};
        struct sockaddr_in6 in6 = {.sin6_family = AF_INET6};
        if (len > 2 && name[0] == '[') { /* [v6] */
            name[len - 1] = '\0';
            private_ = inet_pton(AF_INET6, name + 1, &in6.sin6_addr) == 1 &&
                       !awl_net_address_is_public((struct sockaddr *)&in6);
        } else if (inet_pton(AF_INET, name, &in4.sin_addr) == 1) {
            private_ = !awl_net_address_is_public((struct sockaddr *)&in4);
        } else {
            private_ = strcasecmp(name, "localhost") == 0 ||
                       (len > 10 && strcasecmp(name + len - 10, ".localhost") == 0);
        }
    }
    awl_curl.free(name);
    awl_curl.url_cleanup(parsed);
    return private_;
}

void awl_link_cache_load(awl_link_cache *cache, awl_link_results *results, const char *path,
                         long long now, const awl_link_options *options, bool allow_private)
{
    memset(cache, 0, sizeof *cache);
    FILE *in = fopen(path, "rb");
    if (!in) {
        if (errno != ENOENT)
            awl_msg_warning("%s: cannot read the link cache (%s); checking every link", path,
                            strerror(errno));
        return;
    }
    awl_buf text = {0};
    awl_buf_read_stream(&text, in); /* a short read is a damaged cache, handled below */
    fclose(in);
    if (text.len == 0) { /* created, never written */
        awl_buf_free(&text);
        return;
    }
    awl_vec lines;
    awl_vec_init(&lines, sizeof(cached_line));
    bool corrupt =
        strncmp(text.data, header, sizeof header - 1) != 0 || memchr(text.data, '\0', text.len);
    char *p = text.data + (corrupt ? text.len : sizeof header - 1);
    while (!corrupt && *p) {
        char *newline = strchr(p, '\n');
        if (!newline) {
            corrupt = true; /* cut short */
            break;
        }
        *newline = '\0';
        cached_line *line = awl_vec_push(&lines);
        corrupt = !parse_line(p, line);
        p = newline + 1;
    }
    if (corrupt) {
        awl_msg_warning("%s: not a link cache awelint can read; ignored (it will be rewritten)",
                        path);
        lines.count = 0;
    }
    for (size_t i = 0; i < lines.count; i++) {
        cached_line *line = awl_vec_at(&lines, i);
        bool answered = line->class == AWL_LINK_OK || line->class == AWL_LINK_REDIRECT;
        long long ttl = answered ? options->ttl_ok_s : options->ttl_failure_s;
        if (line->checked_at > now || now - line->checked_at >= ttl)
            continue; /* stale, or from the future: check again */
        size_t *index = awl_strmap_get(&results->by_url, line->fields[0], strlen(line->fields[0]));
        if (!index) {
            awl_buf_printf(&cache->other_lines, "%lld\t%s\t%d\t%s%s%s\t%u\t%s\t%s\t%s\n",
                           line->checked_at, class_names[line->class], line->http_status,
                           line->permanent ? "p" : "", line->https_ok ? "s" : "",
                           line->permanent || line->https_ok ? "" : "-", line->hops,
                           line->fields[0], line->fields[1], line->fields[2]);
            continue;
        }
        awl_link_result *result = awl_vec_at(&results->items, *index);
        if (result->class != AWL_LINK_UNCHECKED ||
            (!allow_private && names_private_address(line->fields[0])))
            continue;
        result->class = line->class;
        result->http_status = line->http_status;
        result->permanent = line->permanent;
        result->https_ok = line->https_ok;
        result->hops = line->hops;
        result->checked_at = line->checked_at;
        result->from_cache = true;
        if (strcmp(line->fields[1], "-") != 0)
            result->final_url = awl_arena_strdup(&results->arena, line->fields[1]);
        if (strcmp(line->fields[2], "-") != 0)
            result->reason = awl_arena_strdup(&results->arena, line->fields[2]);
        cache->answered++;
    }
    awl_vec_free(&lines);
    awl_buf_free(&text);
}

/* Tabs and line breaks would break the line format: reasons lose them. */
static void put_field(awl_buf *out, const char *text)
{
    if (!text || !*text) {
        awl_buf_putc(out, '-');
        return;
    }
    for (const char *p = text; *p; p++)
        awl_buf_putc(out, *p == '\t' || *p == '\n' || *p == '\r' ? ' ' : *p);
}

bool awl_link_cache_save(const awl_link_cache *cache, const awl_link_results *results,
                         const char *path, bool keep_failures, const char **why)
{
    awl_buf out = {0};
    awl_buf_puts(&out, header);
    if (cache->other_lines.len)
        awl_buf_append(&out, cache->other_lines.data, cache->other_lines.len);
    for (size_t i = 0; i < results->items.count; i++) {
        const awl_link_result *r = awl_vec_at(&results->items, i);
        const char *url = *(const char **)awl_vec_at(&results->urls, i);
        bool failure = r->class != AWL_LINK_OK && r->class != AWL_LINK_REDIRECT;
        if (r->class == AWL_LINK_UNCHECKED || r->class == AWL_LINK_SKIPPED ||
            (failure && !keep_failures) || strpbrk(url, "\t\r\n") ||
            (r->final_url && strpbrk(r->final_url, "\t\r\n")))
            continue;
        awl_buf_printf(&out, "%lld\t%s\t%d\t%s%s%s\t%u\t%s\t", r->checked_at, class_names[r->class],
                       r->http_status, r->permanent ? "p" : "", r->https_ok ? "s" : "",
                       r->permanent || r->https_ok ? "" : "-", r->hops, url);
        put_field(&out, r->final_url);
        awl_buf_putc(&out, '\t');
        put_field(&out, r->reason);
        awl_buf_putc(&out, '\n');
    }
    /* atomic_write replaces an existing file: make one the first time. */
    struct stat st;
    if (stat(path, &st) != 0) {
        int fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0644);
        if (fd < 0 && errno != EEXIST) {
            *why = strerror(errno);
            awl_buf_free(&out);
            return false;
        }
        if (fd >= 0)
            close(fd);
    }
    bool ok = awl_write_atomic(path, out.data, out.len, why);
    awl_buf_free(&out);
    return ok;
}

void awl_link_cache_free(awl_link_cache *cache)
{
    awl_buf_free(&cache->other_lines);
}
