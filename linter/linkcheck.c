/*
 * linkcheck: the link checker's scheduler and its reading of answers (see
 * linkcheck.h).
 *
 * Each URL is a job that moves through requests: HEAD, then GET when HEAD
 * is refused or answers an error (many servers answer HEAD wrongly), one
 * request per redirect hop, and a retry after a 429 or 503. Jobs queue per
 * host:port; a pass over the hosts with queued jobs starts what the global
 * limit, the host's limit and its polite delay allow, round robin from
 * where the last pass stopped, so no host starves the others.
 */
#include "linkcheck.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "link_cache.h"
#include "msg.h"
#include "net.h"

enum { MAX_HOPS = 5, BODY_CAP = 1 << 20 };

/* ---- the set of URLs ---- */

void awl_link_results_init(awl_link_results *results, const awl_link_options *options)
{
    memset(results, 0, sizeof *results);
    awl_strmap_init(&results->by_url);
    awl_vec_init(&results->urls, sizeof(const char *));
    awl_vec_init(&results->items, sizeof(awl_link_result));
    for (size_t i = 0; i < options->exclude_count; i++)
        if (regcomp(&results->excludes[results->exclude_count], options->exclude[i],
                    REG_EXTENDED | REG_NOSUB) == 0)
            results->exclude_count++;
}

void awl_link_results_free(awl_link_results *results)
{
    for (size_t i = 0; i < results->exclude_count; i++)
        regfree(&results->excludes[i]);
    awl_strmap_free(&results->by_url);
    awl_vec_free(&results->urls);
    awl_vec_free(&results->items);
    awl_arena_free(&results->arena);
}

/* The part of a URL a server sees: a #fragment is the browser's. */
static size_t without_fragment(const char *url)
{
    const char *hash = strchr(url, '#');
    return hash ? (size_t)(hash - url) : strlen(url);
}

void awl_link_results_add(awl_link_results *results, const char *url)
{
    size_t len = without_fragment(url);
    if (awl_strmap_get(&results->by_url, url, len))
        return;
    for (size_t i = 0; i < results->exclude_count; i++)
        if (regexec(&results->excludes[i], url, 0, NULL, 0) == 0) {
            results->excluded++;
            return;
        }
    char *copy = awl_arena_strndup(&results->arena, url, len);
    *awl_strmap_upsert(&results->by_url, copy, len, NULL) = results->items.count;
    *(const char **)awl_vec_push(&results->urls) = copy;
    awl_vec_push(&results->items);
}

const awl_link_result *awl_link_result_of(const awl_link_results *results, const char *url)
{
    size_t *index = awl_strmap_get(&results->by_url, url, without_fragment(url));
    if (!index)
        return NULL;
    const awl_link_result *result = awl_vec_at(&results->items, *index);
    return result->class == AWL_LINK_UNCHECKED ? NULL : result;
}

/* ---- jobs and hosts ---- */

typedef struct job {
    size_t result;               /* index into results->items */
    bool https_probe;            /* checks the https:// form of result's http:// URL */
    char *url;                   /* the URL of the current hop (heap) */
    char *visited[MAX_HOPS + 1]; /* the URL of each hop, visited[0] the link's own */
    int hop_status[MAX_HOPS];    /* what each hop answered (301, 302, ...) */
    unsigned hops;
    unsigned retries;
    bool use_get;      /* HEAD was refused or answered an error */
    bool permanent;    /* every hop so far answered 301 or 308 */
    size_t host;       /* index into hosts */
    double not_before; /* a retry waits for this time */
    CURL *handle;      /* while a request runs */
    awl_net_guard guard;
    size_t body_bytes;
    bool body_capped; /* GET: stopped reading at BODY_CAP */
    bool challenge;   /* a Cloudflare challenge answered */
    char error[CURL_ERROR_SIZE];
} job;

typedef struct host {
    awl_vec queue; /* size_t job indices; FIFO from head */
    size_t head;
    unsigned active;
    double next_start;
    bool listed; /* in checker.ready */
} host;

typedef struct checker {
    awl_link_results *results;
    const awl_link_options *options;
    awl_net_options net;
    CURLM *multi;
    job *jobs;
    size_t job_count, job_capacity;
    awl_strmap host_index; /* "host:port" -> index into hosts */
    awl_vec hosts;         /* host */
    awl_arena host_names;
    awl_vec ready; /* size_t: hosts with queued jobs */
    size_t cursor; /* round robin over ready */
    unsigned active;
    size_t unfinished; /* jobs not done, probes included */
    size_t done, total, failures;
    size_t answers;    /* requests that got an HTTP answer */
    size_t unresolved; /* URLs whose host name did not resolve */
} checker;

static double now_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* "host:port" of a URL, or false when curl cannot parse it. */
static bool host_key(const char *url, char *out, size_t size)
{
    CURLU *parsed = awl_curl.url();
    char *name = NULL, *port = NULL;
    bool ok = parsed && awl_curl.url_set(parsed, CURLUPART_URL, url, 0) == CURLUE_OK &&
              awl_curl.url_get(parsed, CURLUPART_HOST, &name, 0) == CURLUE_OK &&
              awl_curl.url_get(parsed, CURLUPART_PORT, &port, CURLU_DEFAULT_PORT) == CURLUE_OK;
    if (ok)
        snprintf(out, size, "%s:%s", name, port);
    awl_curl.free(name);
    awl_curl.free(port);
    awl_curl.url_cleanup(parsed);
    return ok;
}

/* http://host:8080/ has no reason to answer https on 8080: such URLs get
 * no https probe. */
static bool has_explicit_port(const char *url)
{
    CURLU *parsed = awl_curl.url();
    char *port = NULL;
    bool explicit_port = parsed && awl_curl.url_set(parsed, CURLUPART_URL, url, 0) == CURLUE_OK &&
                         awl_curl.url_get(parsed, CURLUPART_PORT, &port, 0) == CURLUE_OK;
    awl_curl.free(port);
    awl_curl.url_cleanup(parsed);
    return explicit_port;
}

static awl_link_result *result_of(checker *c, const job *j)
{
    return awl_vec_at(&c->results->items, j->result);
}

static host *host_at(checker *c, size_t index)
{
    return awl_vec_at(&c->hosts, index);
}

static void enqueue(checker *c, size_t job_index)
{
    job *j = &c->jobs[job_index];
    host *h = host_at(c, j->host);
    if (h->head == h->queue.count) { /* empty: reuse the storage */
        h->head = 0;
        h->queue.count = 0;
    }
    *(size_t *)awl_vec_push(&h->queue) = job_index;
    if (!h->listed) {
        h->listed = true;
        *(size_t *)awl_vec_push(&c->ready) = j->host;
    }
}

/* The index of the url's host:port, made on first sight; AWL_NONE when
 * the URL does not parse. */
static size_t host_for(checker *c, const char *url)
{
    char key[512];
    if (!host_key(url, key, sizeof key))
        return (size_t)-1;
    size_t len = strlen(key);
    size_t *index = awl_strmap_get(&c->host_index, key, len);
    if (index)
        return *index;
    char *name = awl_arena_strndup(&c->host_names, key, len);
    *awl_strmap_upsert(&c->host_index, name, len, NULL) = c->hosts.count;
    host *h = awl_vec_push(&c->hosts);
    awl_vec_init(&h->queue, sizeof(size_t));
    return c->hosts.count - 1;
}

static void finish_job(checker *c, job *j)
{
    for (unsigned i = 0; i <= MAX_HOPS; i++)
        free(j->visited[i]);
    memset(j->visited, 0, sizeof j->visited);
    j->url = NULL;
    c->unfinished--;
    if (!j->https_probe) {
        c->done++;
        awl_link_class class = result_of(c, j)->class;
        if (class != AWL_LINK_OK && class != AWL_LINK_REDIRECT)
            c->failures++;
    }
}

/* Queues job `index` at its URL's host; a URL curl cannot parse ends it. */
static void place(checker *c, size_t index);

/* Starts a probe of the https:// form of an http:// URL that answered ok. */
static void probe_https(checker *c, const job *j)
{
    if (c->job_count == c->job_capacity)
        return;
    size_t index = c->job_count++;
    job *p = &c->jobs[index];
    memset(p, 0, sizeof *p);
    p->result = j->result;
    p->https_probe = true;
    const char *url = *(const char **)awl_vec_at(&c->results->urls, j->result);
    size_t len = strlen(url);
    p->visited[0] = awl_xmalloc(len + 2);
    memcpy(p->visited[0], "https", 5);
    memcpy(p->visited[0] + 5, url + 4, len - 3); /* "://..." and the NUL */
    p->url = p->visited[0];
    p->permanent = true;
    c->unfinished++;
    place(c, index);
}

/* Ends a job with a class (a probe only learns whether https answers). */
static void conclude(checker *c, job *j, awl_link_class class, int status, const char *reason)
{
    awl_link_result *r = result_of(c, j);
    if (j->https_probe) {
        r->https_ok = class == AWL_LINK_OK || class == AWL_LINK_REDIRECT;
        finish_job(c, j);
        return;
    }
    r->class = class;
    r->http_status = status;
    r->hops = j->hops;
    r->permanent = j->hops > 0 && j->permanent;
    r->checked_at = (long long)time(NULL);
    if (class == AWL_LINK_REDIRECT) {
        r->final_url = awl_arena_strdup(&c->results->arena, j->url);
        if (j->hops > 1) { /* every hop, for the report: "301 http://b, 302 http://c" */
            awl_buf chain = {0};
            for (unsigned i = 0; i < j->hops; i++)
                awl_buf_printf(&chain, "%s%d %s", i ? ", " : "", j->hop_status[i],
                               j->visited[i + 1]);
            reason = awl_arena_strndup(&c->results->arena, chain.data, chain.len);
            awl_buf_free(&chain);
        }
    }
    if (reason)
        r->reason = awl_arena_strdup(&c->results->arena, reason);
    bool probe = class == AWL_LINK_OK && strncasecmp(j->url, "http://", 7) == 0 &&
                 !has_explicit_port(j->url);
    finish_job(c, j);
    if (probe)
        probe_https(c, j);
}

static void place(checker *c, size_t index)
{
    job *j = &c->jobs[index];
    size_t h = host_for(c, j->url);
    if (h == (size_t)-1) {
        conclude(c, j, AWL_LINK_DEAD, 0, "not a valid URL");
        return;
    }
    j->host = h;
    enqueue(c, index);
}

/* ---- one request ---- */

static size_t discard_body(char *bytes, size_t size, size_t count, void *user)
{
    (void)bytes;
    job *j = user;
    j->body_bytes += size * count;
    if (j->body_bytes > BODY_CAP) {
        j->body_capped = true;
        return 0; /* stops the transfer; the status is known already */
    }
    return size * count;
}

static size_t note_header(char *bytes, size_t size, size_t count, void *user)
{
    job *j = user;
    size_t len = size * count;
    static const char cf[] = "cf-mitigated:";
    if (len > sizeof cf && strncasecmp(bytes, cf, sizeof cf - 1) == 0)
        j->challenge = true; /* Cloudflare's mark of a challenge page */
    return len;
}

static bool start_request(checker *c, size_t index)
{
    job *j = &c->jobs[index];
    CURL *handle = awl_curl.easy_init();
    if (!handle)
        return false;
    j->body_bytes = 0;
    j->body_capped = j->challenge = false;
    j->error[0] = '\0';
    bool ok = awl_net_setup(handle, &c->net, &j->guard);
    if (j->https_probe) { /* a question on the side: it must not hold the run up */
        ok = ok && awl_curl.easy_setopt(handle, CURLOPT_CONNECTTIMEOUT_MS,
                                    c->net.connect_timeout_ms < 3000 ? c->net.connect_timeout_ms
                                                                     : 3000L) == CURLE_OK;
        ok = ok &&
             awl_curl.easy_setopt(handle, CURLOPT_TIMEOUT_MS,
                              c->net.timeout_ms < 5000 ? c->net.timeout_ms : 5000L) == CURLE_OK;
    }
    ok = ok && awl_curl.easy_setopt(handle, CURLOPT_URL, j->url) == CURLE_OK;
    ok = ok && awl_curl.easy_setopt(handle, CURLOPT_FOLLOWLOCATION, 0L) == CURLE_OK;
    if (j->use_get)
        ok = ok && awl_curl.easy_setopt(handle, CURLOPT_HTTPGET, 1L) == CURLE_OK;
    else
        ok = ok && awl_curl.easy_setopt(handle, CURLOPT_NOBODY, 1L) == CURLE_OK;
    ok = ok && awl_curl.easy_setopt(handle, CURLOPT_WRITEFUNCTION, discard_body) == CURLE_OK;
    ok = ok && awl_curl.easy_setopt(handle, CURLOPT_WRITEDATA, j) == CURLE_OK;
    ok = ok && awl_curl.easy_setopt(handle, CURLOPT_HEADERFUNCTION, note_header) == CURLE_OK;
    ok = ok && awl_curl.easy_setopt(handle, CURLOPT_HEADERDATA, j) == CURLE_OK;
    ok = ok && awl_curl.easy_setopt(handle, CURLOPT_ERRORBUFFER, j->error) == CURLE_OK;
    ok = ok && awl_curl.easy_setopt(handle, CURLOPT_PRIVATE, (void *)j) == CURLE_OK;
    /* HTTP/2 over TLS when the server offers it; streams share a connection. */
    ok = ok &&
         awl_curl.easy_setopt(handle, CURLOPT_HTTP_VERSION, (long)CURL_HTTP_VERSION_2TLS) == CURLE_OK;
    if (!ok || awl_curl.multi_add_handle(c->multi, handle) != CURLM_OK) {
        awl_curl.easy_cleanup(handle);
        return false;
    }
    j->handle = handle;
    c->active++;
    host_at(c, j->host)->active++;
    return true;
}

/* Starts what the limits allow; *wake gets the earliest time a host held
 * back by its delay or a Retry-After can start again. */
static void start_ready(checker *c, double now, double *wake)
{
    size_t scanned = 0;
    while (c->ready.count && c->active < c->options->concurrency && scanned < c->ready.count) {
        if (c->cursor >= c->ready.count)
            c->cursor = 0;
        size_t *slot = awl_vec_at(&c->ready, c->cursor);
        host *h = host_at(c, *slot);
        if (h->head == h->queue.count) { /* nothing queued: leave the ring */
            h->listed = false;
            *slot = *(size_t *)awl_vec_at(&c->ready, c->ready.count - 1);
            c->ready.count--;
            continue;
        }
        while (h->head < h->queue.count && h->active < c->options->per_host &&
               c->active < c->options->concurrency) {
            size_t index = *(size_t *)awl_vec_at(&h->queue, h->head);
            double at = h->next_start > c->jobs[index].not_before ? h->next_start
                                                                  : c->jobs[index].not_before;
            if (at > now) {
                if (at < *wake)
                    *wake = at;
                break;
            }
            h->head++;
            h->next_start = now + c->options->delay_ms / 1000.0;
            if (!start_request(c, index))
                conclude(c, &c->jobs[index], AWL_LINK_DEAD, 0,
                         "libcurl could not start the request");
        }
        c->cursor++;
        scanned++;
    }
}

/* The same job goes on with another request (GET, the next hop, a retry). */
static void again(checker *c, job *j, double not_before)
{
    j->not_before = not_before;
    place(c, (size_t)(j - c->jobs));
}

static void read_answer(checker *c, job *j, CURLcode code)
{
    long status = 0;
    awl_curl.easy_getinfo(j->handle, CURLINFO_RESPONSE_CODE, &status);
    char *location = NULL; /* the handle's, until it is cleaned up */
    awl_curl.easy_getinfo(j->handle, CURLINFO_REDIRECT_URL, &location);
    curl_off_t retry_after = -1;
    awl_curl.easy_getinfo(j->handle, CURLINFO_RETRY_AFTER, &retry_after);
    const char *curl_reason = j->error[0] ? j->error : awl_curl.easy_strerror(code);
    if (status > 0)
        c->answers++;
    char reason[CURL_ERROR_SIZE + 64];

    if (j->guard.refused) {
        snprintf(reason, sizeof reason,
                 "%s is a private or local address (--allow-private fetches it)",
                 j->guard.refused_address);
        conclude(c, j, AWL_LINK_SKIPPED, 0, reason);
        return;
    }
    if (code == CURLE_OPERATION_TIMEDOUT) {
        bool connecting = status == 0 && strstr(curl_reason, "onnect");
        snprintf(reason, sizeof reason, "no answer within %.3g s",
                 (connecting ? c->net.connect_timeout_ms : c->net.timeout_ms) / 1000.0);
        conclude(c, j, AWL_LINK_TIMEOUT, (int)status, reason);
        return;
    }
    bool answered =
        status > 0 && (code == CURLE_OK || (code == CURLE_WRITE_ERROR && j->body_capped));
    if (!answered) {
        /* A server that drops HEAD may still answer GET. */
        if (!j->use_get && code != CURLE_COULDNT_RESOLVE_HOST && code != CURLE_COULDNT_CONNECT &&
            code != CURLE_SSL_CONNECT_ERROR && code != CURLE_PEER_FAILED_VERIFICATION) {
            j->use_get = true;
            again(c, j, 0);
            return;
        }
        if (code == CURLE_COULDNT_RESOLVE_HOST) {
            snprintf(reason, sizeof reason, "no such host");
            c->unresolved++;
            if (!j->https_probe)
                result_of(c, j)->unresolved = true;
        } else if (code == CURLE_COULDNT_CONNECT)
            snprintf(reason, sizeof reason, "connection refused");
        else
            snprintf(reason, sizeof reason, "%s", curl_reason);
        conclude(c, j, AWL_LINK_DEAD, 0, reason);
        return;
    }
    if ((status == 429 || status == 503) && j->retries < c->options->retries) {
        double wait = retry_after >= 0 ? (double)retry_after : 1.0;
        if (wait * 1000 <= c->options->max_retry_wait_ms) {
            j->retries++;
            host_at(c, j->host)->next_start = now_seconds() + wait; /* the whole host waits */
            again(c, j, now_seconds() + wait);
            return;
        }
    }
    if (status >= 300 && status < 400 && location) {
        for (unsigned i = 0; i <= j->hops; i++)
            if (j->visited[i] && strcmp(j->visited[i], location) == 0) {
                snprintf(reason, sizeof reason, "redirect loop (back to %.200s after %u hops)",
                         location, j->hops + 1);
                conclude(c, j, AWL_LINK_DEAD, (int)status, reason);
                return;
            }
        if (j->hops == MAX_HOPS) {
            snprintf(reason, sizeof reason, "more than %d redirects", MAX_HOPS);
            conclude(c, j, AWL_LINK_DEAD, (int)status, reason);
            return;
        }
        j->permanent = j->permanent && (status == 301 || status == 308);
        j->hop_status[j->hops] = (int)status;
        j->visited[++j->hops] = awl_xstrndup(location, strlen(location));
        j->url = j->visited[j->hops];
        j->use_get = false;
        j->retries = 0;
        again(c, j, 0);
        return;
    }
    if (status >= 400 && !j->use_get && status != 429) {
        /* HEAD answered an error (403, 405 and 501 above all): ask with GET. */
        j->use_get = true;
        again(c, j, 0);
        return;
    }
    if (status < 400) { /* 2xx, or a 3xx without a Location to follow */
        conclude(c, j, j->hops ? AWL_LINK_REDIRECT : AWL_LINK_OK, (int)status, NULL);
        return;
    }
    const char *where = j->hops ? " after redirects" : "";
    if (j->challenge) {
        snprintf(reason, sizeof reason, "HTTP %ld: a Cloudflare challenge%s", status, where);
        conclude(c, j, AWL_LINK_BLOCKED, (int)status, reason);
    } else if (status == 401 || status == 403 || status == 429 || status == 999) {
        snprintf(reason, sizeof reason, "HTTP %ld%s%s", status,
                 status == 429   ? " (too many requests, after the retries)"
                 : status == 999 ? " (bot protection)"
                                 : "",
                 where);
        conclude(c, j, AWL_LINK_BLOCKED, (int)status, reason);
    } else {
        snprintf(reason, sizeof reason, "HTTP %ld%s%s", status,
                 status == 404   ? " not found"
                 : status == 410 ? " gone"
                                 : "",
                 where);
        conclude(c, j, AWL_LINK_DEAD, (int)status, reason);
    }
}

static void collect_answers(checker *c)
{
    CURLMsg *msg;
    int left;
    while ((msg = awl_curl.multi_info_read(c->multi, &left))) {
        if (msg->msg != CURLMSG_DONE)
            continue;
        job *j = NULL;
        awl_curl.easy_getinfo(msg->easy_handle, CURLINFO_PRIVATE, (char **)&j);
        CURLcode code = msg->data.result;
        c->active--;
        host_at(c, j->host)->active--;
        read_answer(c, j, code);
        awl_curl.multi_remove_handle(c->multi, j->handle);
        awl_curl.easy_cleanup(j->handle);
        j->handle = NULL;
    }
}

static void show_progress(checker *c, double started, bool force)
{
    static double last;
    double now = now_seconds();
    if (!force && now - last < 0.1)
        return;
    last = now;
    double elapsed = now - started;
    awl_msg_progress("checking links: %zu/%zu, %.0f/s, %zu failure%s", c->done, c->total,
                     elapsed > 0 ? c->done / elapsed : 0.0, c->failures,
                     c->failures == 1 ? "" : "s");
}

/* ---- the run ---- */

/* Offline: a name that did not resolve says nothing about the link, so
 * its answer goes back to unchecked. */
static void forget_unresolved(awl_link_results *results)
{
    for (size_t i = 0; i < results->items.count; i++) {
        awl_link_result *r = awl_vec_at(&results->items, i);
        if (r->unresolved) {
            r->class = AWL_LINK_UNCHECKED;
            r->reason = "not checked: no host name resolved";
        }
    }
}

void awl_linkcheck_run(awl_link_results *results, const awl_link_options *options,
                       bool allow_private, bool use_cache, bool progress,
                       awl_linkcheck_stats *stats)
{
    double started = now_seconds();
    memset(stats, 0, sizeof *stats);
    if (results->items.count && !awl_net_init(&stats->unavailable))
        return; /* every link stays unchecked; the caller says why */
    awl_link_cache cache = {0};
    if (use_cache && results->items.count)
        awl_link_cache_load(&cache, results, options->cache_path, (long long)time(NULL), options,
                            allow_private);
    stats->cached = cache.answered;

    checker c = {0};
    c.results = results;
    c.options = options;
    awl_net_options_default(&c.net);
    c.net.allow_private = allow_private;
    c.net.connect_timeout_ms = options->connect_timeout_ms;
    c.net.timeout_ms = options->timeout_ms;
    size_t count = results->items.count;
    c.job_capacity = 2 * count; /* each URL, and the https probe of some */
    c.jobs = awl_xcalloc(c.job_capacity + 1, sizeof *c.jobs);
    awl_strmap_init(&c.host_index);
    awl_vec_init(&c.hosts, sizeof(host));
    awl_vec_init(&c.ready, sizeof(size_t));
    for (size_t i = 0; i < count; i++) {
        const awl_link_result *r = awl_vec_at(&results->items, i);
        if (r->class != AWL_LINK_UNCHECKED)
            continue;
        job *j = &c.jobs[c.job_count];
        j->result = i;
        const char *url = *(const char **)awl_vec_at(&results->urls, i);
        j->visited[0] = awl_xstrndup(url, strlen(url));
        j->url = j->visited[0];
        j->permanent = true;
        c.unfinished++;
        c.total++;
        place(&c, c.job_count++);
    }
    stats->checked = c.total;
    if (c.unfinished) {
        c.multi = awl_curl.multi_init();
        awl_curl.multi_setopt(c.multi, CURLMOPT_PIPELINING, (long)CURLPIPE_MULTIPLEX);
        awl_curl.multi_setopt(c.multi, CURLMOPT_MAX_TOTAL_CONNECTIONS, (long)options->concurrency);
        awl_curl.multi_setopt(c.multi, CURLMOPT_MAX_HOST_CONNECTIONS, (long)options->per_host);
        while (c.unfinished) {
            double wake = now_seconds() + 1.0;
            start_ready(&c, now_seconds(), &wake);
            int running;
            awl_curl.multi_perform(c.multi, &running);
            collect_answers(&c);
            if (!c.unfinished)
                break;
            start_ready(&c, now_seconds(), &wake);
            if (progress)
                show_progress(&c, started, false);
            double wait = wake - now_seconds();
            int wait_ms = wait <= 0 ? 0 : wait >= 1 ? 1000 : (int)(wait * 1000) + 1;
            awl_curl.multi_poll(c.multi, NULL, 0, wait_ms, NULL);
        }
        awl_curl.multi_cleanup(c.multi);
        if (progress) {
            show_progress(&c, started, true);
            awl_msg_progress_clear();
        }
    }
    for (size_t i = 0; i < c.hosts.count; i++)
        awl_vec_free(&host_at(&c, i)->queue);
    awl_vec_free(&c.hosts);
    awl_vec_free(&c.ready);
    awl_strmap_free(&c.host_index);
    awl_arena_free(&c.host_names);
    free(c.jobs);

    /* Not one answer, and names that do not resolve: the machine is more
     * likely offline than every link dead. Those links are left unchecked
     * (no dead-link finding, nothing cached); the caller says so. */
    bool offline = c.total > 0 && c.answers == 0 && c.unresolved > 0;
    stats->offline = offline;
    if (offline)
        forget_unresolved(results);
    if (use_cache && c.total) { /* nothing new: the file stays as it is */
        const char *why = NULL;
        if (!awl_link_cache_save(&cache, results, options->cache_path, !offline, &why))
            awl_msg_warning("%s: cannot write the link cache: %s", options->cache_path, why);
    }
    awl_link_cache_free(&cache);
    stats->seconds = now_seconds() - started;
}
