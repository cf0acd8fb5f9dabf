/*
 * test_links: the link checker end to end, through the binary, against the
 * loopback server (tests/loopback_server.py) started by the suite: every
 * result class, the cache, exclusions, the private-address guard (asserted
 * on the server's request log) and the fix of a permanent redirect; then
 * the link rules and the target collection on their own.
 */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "config.h"
#include "engine.h"
#include "fix.h"
#include "link_targets.h"
#include "linkcheck.h"
#include "rule.h"
#include "support.h"

static awl_test_server server;
static char *dir, *log_path, *list_path, *config_path, *cache_path;

static void start(void)
{
    dir = awl_test_tmpdir();
    log_path = awl_test_join(dir, "requests.log");
    list_path = awl_test_join(dir, "list.md");
    config_path = awl_test_join(dir, "awelint.yml");
    cache_path = awl_test_join(dir, "cache");
    awl_test_write(log_path, "", 0);
    server = awl_test_server_start_logged(NULL, log_path);
    cr_assert_gt(server.port, 0, "the loopback server did not start (is python3 installed?)");
}

static void stop(void)
{
    awl_test_server_stop(&server);
    awl_test_remove_tree(dir);
    free(dir);
    free(log_path);
    free(list_path);
    free(config_path);
    free(cache_path);
}

/* Writes the list: one entry per path, each linking to the server. */
static void write_list(const char *const *paths, size_t count)
{
    char *text = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&text, &len);
    fprintf(out, "# Links\n\n");
    for (size_t i = 0; i < count; i++)
        fprintf(out, "- [Entry %zu](http://127.0.0.1:%d%s)\n", i, server.port, paths[i]);
    fclose(out);
    awl_test_write(list_path, text, len);
    free(text);
}

/* Short timeouts keep the suite fast; the cache lives in the scratch dir. */
static void write_config(const char *extra)
{
    char text[1024];
    int len = snprintf(text, sizeof text,
                       "links:\n  timeout: 1s\n  connect-timeout: 1s\n  max-retry-wait: 5s\n"
                       "  cache: %s\n%s",
                       cache_path, extra ? extra : "");
    awl_test_write(config_path, text, (size_t)len);
}

static run_result run_links(const char *first, const char *second)
{
    const char *args[] = {"--config", config_path, "--links", first, second, list_path, NULL};
    if (!second) {
        args[4] = list_path;
        args[5] = NULL;
    }
    return awl_test_run(args, NULL, 0, NULL);
}

/* The output line about `path` on the server ("link URL"), or NULL. */
static char *line_about(const char *out, const char *path)
{
    static char line[1024];
    char url[256];
    snprintf(url, sizeof url, "http://127.0.0.1:%d%s", server.port, path);
    size_t url_len = strlen(url);
    for (const char *p = out; (p = strstr(p, url)); p += url_len) {
        char after = p[url_len];
        if ((after != ' ' && after != ':') || p - out < 5 || strncmp(p - 5, "link ", 5) != 0)
            continue; /* a longer path that starts the same, or a redirect's target */
        const char *start = p;
        while (start > out && start[-1] != '\n')
            start--;
        const char *end = strchr(p, '\n');
        size_t len = end ? (size_t)(end - start) : strlen(start);
        snprintf(line, sizeof line, "%.*s", (int)len, start);
        return line;
    }
    return NULL;
}

static void expect_finding(const char *out, const char *path, const char *severity,
                           const char *rule, const char *words)
{
    char *line = line_about(out, path);
    cr_assert_not_null(line, "no finding about %s in:\n%s", path, out);
    char tag[64];
    snprintf(tag, sizeof tag, "[%s]", rule);
    cr_expect(strstr(line, tag), "%s: expected %s, got: %s", path, rule, line);
    cr_expect(strstr(line, severity), "%s: expected %s, got: %s", path, severity, line);
    cr_expect(strstr(line, words), "%s: expected \"%s\" in: %s", path, words, line);
}

static void expect_clean(const char *out, const char *path)
{
    char *line = line_about(out, path);
    cr_expect_null(line, "%s answers ok, yet: %s", path, line);
}

static size_t requests(const char *method_and_path)
{
    char *log = awl_test_read(log_path, NULL);
    size_t n = 0, len = strlen(method_and_path);
    for (const char *p = log; p && (p = strstr(p, method_and_path)); p += len)
        if ((p == log || p[-1] == '\n') && (p[len] == '\n' || p[len] == '\0'))
            n++;
    free(log);
    return n;
}

static const char *const every_route[] = {
    "/ok",     "/not-found",        "/gone",         "/moved",     "/moved-308", "/found",
    "/loop-a", "/moved-to-missing", "/rate-limited", "/forbidden", "/challenge", "/no-head",
    "/slow",   "/big-chunked",      "/chain",
};

Test(links, every_result_class, .init = start, .fini = stop)
{
    write_list(every_route, sizeof every_route / sizeof every_route[0]);
    write_config(NULL);
    run_result r = run_links("--allow-private", "--no-cache");
    cr_expect_eq(r.status, 1, "dead links fail the run; stderr: %s", r.err);
    expect_clean(r.out, "/ok");
    expect_finding(r.out, "/not-found", "error", "dead-link", "HTTP 404");
    expect_finding(r.out, "/gone", "error", "dead-link", "HTTP 410");
    char to_ok[128];
    snprintf(to_ok, sizeof to_ok, "moved permanently to http://127.0.0.1:%d/ok", server.port);
    expect_finding(r.out, "/moved", "warning", "link-redirect", to_ok);
    expect_finding(r.out, "/moved-308", "warning", "link-redirect", to_ok);
    expect_finding(r.out, "/found", "info", "link-redirect", "redirects temporarily");
    char hops[256];
    snprintf(hops, sizeof hops,
             "%s (hops: 301 http://127.0.0.1:%d/moved-308, 308 http://127.0.0.1:%d/ok)", to_ok,
             server.port, server.port);
    expect_finding(r.out, "/chain", "warning", "link-redirect", hops);
    expect_finding(r.out, "/loop-a", "error", "dead-link", "redirect loop");
    expect_finding(r.out, "/moved-to-missing", "error", "dead-link",
                   "HTTP 404 not found after redirects");
    /* 429 with Retry-After: 1, then 200: asked twice, ok. */
    expect_clean(r.out, "/rate-limited");
    cr_expect_eq(requests("HEAD /rate-limited"), 2);
    expect_finding(r.out, "/forbidden", "info", "link-blocked", "HTTP 403");
    expect_finding(r.out, "/challenge", "info", "link-blocked", "Cloudflare");
    /* 405 to HEAD, 200 to GET: ok, asked both ways. */
    expect_clean(r.out, "/no-head");
    cr_expect_eq(requests("HEAD /no-head"), 1);
    cr_expect_eq(requests("GET /no-head"), 1);
    expect_finding(r.out, "/slow", "warning", "link-timeout", "no answer within 1 s");
    /* 4 MiB of chunks to GET: the status counts, the body stops at 1 MiB. */
    expect_clean(r.out, "/big-chunked");
    cr_expect_eq(requests("GET /big-chunked"), 1);
    /* Each URL once, HEAD first: /ok was asked once with HEAD only
     * (the redirects' hops to /ok are the other requests). */
    cr_expect_eq(requests("GET /ok"), 0);
    awl_test_run_free(&r);
}

Test(links, refused_connection_is_a_dead_link, .init = start, .fini = stop)
{
    /* Port 1 on loopback: nothing listens there. */
    awl_test_write(list_path, "# L\n\n- [A](http://127.0.0.1:1/x)\n", 32);
    write_config(NULL);
    run_result r = run_links("--allow-private", "--no-cache");
    cr_expect(strstr(r.out, "dead link http://127.0.0.1:1/x: connection refused [dead-link]"), "%s",
              r.out);
    cr_expect_eq(r.status, 1);
    awl_test_run_free(&r);
}

Test(links, private_addresses_are_skipped_and_not_fetched, .init = start, .fini = stop)
{
    const char *paths[] = {"/ok", "/not-found", "/moved"};
    write_list(paths, 3);
    write_config(NULL);
    run_result r = run_links("--no-cache", NULL);
    for (size_t i = 0; i < 3; i++)
        expect_finding(r.out, paths[i], "info", "link-skipped",
                       "127.0.0.1 is a private or local address");
    cr_expect_eq(r.status, 0, "skipped links are no failure: %s", r.out);
    char *log = awl_test_read(log_path, NULL);
    cr_expect_str_empty(log, "the server was asked:\n%s", log);
    free(log);
    awl_test_run_free(&r);
}

Test(links, the_cache_answers_a_second_run, .init = start, .fini = stop)
{
    const char *paths[] = {"/ok", "/not-found", "/moved", "/forbidden"};
    write_list(paths, 4);
    write_config(NULL);
    run_result first = run_links("--allow-private", NULL);
    char *cache = awl_test_read(cache_path, NULL);
    cr_assert_not_null(cache, "no cache written");
    cr_expect(strncmp(cache, "awelint-link-cache 1\n", 21) == 0, "%s", cache);
    free(cache);
    awl_test_server_stop(&server); /* nothing answers now */
    run_result second = run_links("--allow-private", NULL);
    cr_expect_str_eq(second.out, first.out);
    cr_expect_eq(second.status, first.status);
    /* What --allow-private found is not reused without it. */
    run_result guarded = run_links("--quiet", NULL);
    cr_expect(strstr(guarded.out, "[link-skipped]") && !strstr(guarded.out, "[dead-link]"), "%s",
              guarded.out);
    awl_test_run_free(&guarded);
    /* Without the cache, the same links are dead (connection refused). */
    run_result third = run_links("--allow-private", "--no-cache");
    cr_expect(strstr(third.out, "connection refused"), "%s", third.out);
    awl_test_run_free(&first);
    awl_test_run_free(&second);
    awl_test_run_free(&third);
}

Test(links, a_corrupt_cache_is_ignored_with_a_warning, .init = start, .fini = stop)
{
    const char *paths[] = {"/not-found"};
    write_list(paths, 1);
    write_config(NULL);
    awl_test_write(cache_path, "\x01garbage\tnot\ta cache\n", 21);
    run_result r = run_links("--allow-private", NULL);
    cr_expect(strstr(r.err, "not a link cache awelint can read"), "%s", r.err);
    expect_finding(r.out, "/not-found", "error", "dead-link", "HTTP 404");
    char *cache = awl_test_read(cache_path, NULL);
    cr_expect(cache && strncmp(cache, "awelint-link-cache 1\n", 21) == 0 &&
                  strstr(cache, "/not-found"),
              "the cache was not rewritten: %s", cache);
    free(cache);
    awl_test_run_free(&r);
}

Test(links, excluded_links_are_neither_fetched_nor_reported, .init = start, .fini = stop)
{
    const char *paths[] = {"/not-found", "/gone"};
    write_list(paths, 2);
    write_config("  exclude: [\"/not-fo+und$\"]\n");
    run_result r = run_links("--allow-private", "--no-cache");
    expect_clean(r.out, "/not-found");
    expect_finding(r.out, "/gone", "error", "dead-link", "HTTP 410");
    cr_expect_eq(requests("HEAD /not-found") + requests("GET /not-found"), 0);
    awl_test_run_free(&r);
}

Test(links, each_url_is_checked_once, .init = start, .fini = stop)
{
    char text[512];
    int len = snprintf(
        text, sizeof text,
        "# L\n\n- [A](http://127.0.0.1:%d/gone) and [again](http://127.0.0.1:%d/gone)\n"
        "- ![img](http://127.0.0.1:%d/gone) <a href=\"http://127.0.0.1:%d/gone\">html</a>\n"
        "- [a part](http://127.0.0.1:%d/gone#part) [another](http://127.0.0.1:%d/gone#other)\n",
        server.port, server.port, server.port, server.port, server.port, server.port);
    awl_test_write(list_path, text, (size_t)len);
    write_config(NULL);
    run_result r = run_links("--allow-private", "--no-cache");
    size_t found = 0;
    for (const char *p = r.out; (p = strstr(p, "[dead-link]")); p++)
        found++;
    cr_expect_eq(found, 6, "every place is reported:\n%s", r.out);
    /* Once, #fragments aside (the server never sees them). */
    cr_expect_eq(requests("HEAD /gone"), 1);
    cr_expect_eq(requests("GET /gone"), 1); /* HEAD's error confirmed with GET, once */
    awl_test_run_free(&r);
}

Test(links, a_permanent_redirect_is_fixed_to_the_final_url, .init = start, .fini = stop)
{
    const char *paths[] = {"/moved", "/found"};
    write_list(paths, 2);
    write_config(NULL);
    char *before = awl_test_read(list_path, NULL);
    /* /moved -> /ok changes the path: only an unsafe fix. */
    run_result safe = run_links("--allow-private", "--fix");
    char *after_safe = awl_test_read(list_path, NULL);
    cr_expect_str_eq(after_safe, before);
    run_result unsafe = run_links("--allow-private", "--unsafe-fixes");
    char *after = awl_test_read(list_path, NULL);
    char expected[512];
    snprintf(
        expected, sizeof expected,
        "# Links\n\n- [Entry 0](http://127.0.0.1:%d/ok)\n- [Entry 1](http://127.0.0.1:%d/found)\n",
        server.port, server.port);
    cr_expect_str_eq(after, expected,
                     "the temporary redirect stays, the permanent one is rewritten");
    cr_expect_eq(unsafe.status, 0, "%s%s", unsafe.out, unsafe.err);
    free(before);
    free(after_safe);
    free(after);
    awl_test_run_free(&safe);
    awl_test_run_free(&unsafe);
}

Test(links, link_rules_are_off_without_links, .init = start, .fini = stop)
{
    const char *paths[] = {"/not-found"};
    write_list(paths, 1);
    write_config(NULL);
    const char *args[] = {"--config", config_path, list_path, NULL};
    run_result r = awl_test_run(args, NULL, 0, NULL);
    cr_expect_eq(r.status, 0, "%s", r.out);
    cr_expect_null(strstr(r.out, "dead-link"), "%s", r.out);
    char *log = awl_test_read(log_path, NULL);
    cr_expect_str_empty(log);
    free(log);
    awl_test_run_free(&r);
}

Test(links, bad_links_settings_are_config_errors, .init = start, .fini = stop)
{
    const char *bad[] = {"  timeout: soon\n", "  per-host: 0\n", "  exclude: [\"(\"]\n",
                         "  colour: red\n"};
    write_list((const char *const[]){"/ok"}, 1);
    for (size_t i = 0; i < 4; i++) {
        write_config(bad[i]);
        run_result r = run_links("--no-cache", NULL);
        cr_expect_eq(r.status, 2, "%s accepted", bad[i]);
        cr_expect(strstr(r.err, "awelint.yml:"), "%s", r.err);
        awl_test_run_free(&r);
    }
}

/* ---- the rules and the collection, without a network ---- */

static const char *collect(const char *text, size_t *count)
{
    static char urls[2048];
    awl_doc *doc = awl_doc_parse("t.md", text, strlen(text));
    awl_arena arena = {0};
    awl_vec targets;
    awl_vec_init(&targets, sizeof(awl_link_target));
    awl_link_targets_collect(doc, &arena, &targets);
    urls[0] = '\0';
    for (size_t i = 0; i < targets.count; i++) {
        const awl_link_target *t = awl_vec_at(&targets, i);
        strcat(urls, t->url);
        strcat(urls,
               t->start != AWL_NONE && strncmp(text + t->start, t->url, t->end - t->start) == 0
                   ? " @\n"
                   : " ?\n");
    }
    *count = targets.count;
    awl_vec_free(&targets);
    awl_arena_free(&arena);
    awl_doc_free(doc);
    return urls;
}

Test(link_targets, every_kind_of_target_with_its_place)
{
    size_t n;
    const char *urls =
        collect("# T\n\n"
                "- [a](https://a.example/x) <https://b.example/> ![i](http://c.example/i.png)\n"
                "- [ref][r] and [again][r]\n"
                "- <a href=\"https://d.example/\"><img src='https://e.example/b.svg'></a>\n"
                "- [local](#t) [mail](mailto:x@example.org) [rel](docs/x.md)\n\n"
                "```\nhttps://in-code.example/ <a href=\"https://in-code.example/\">\n```\n\n"
                "[r]: https://f.example/ref\n"
                "[unused]: <https://g.example/unused>\n",
                &n);
    cr_expect_str_eq(urls, "https://a.example/x @\n"
                           "https://b.example/ @\n"
                           "http://c.example/i.png @\n"
                           "https://d.example/ @\n"
                           "https://e.example/b.svg @\n"
                           "https://f.example/ref @\n"
                           "https://g.example/unused @\n");
    cr_expect_eq(n, 7);
}

/* Lints (and fixes) text with the given results, link rules on. */
static awl_config config_with(const awl_link_results *results)
{
    awl_config config;
    awl_config_defaults(&config);
    for (size_t i = 0; i < awl_rule_count; i++)
        config.severity[i] =
            strcmp(awl_rules[i]->category, "link") == 0 ? awl_rules[i]->severity : AWL_SEVERITY_OFF;
    config.link_results = results;
    return config;
}

static awl_link_result *answer(awl_link_results *results, const char *url, awl_link_class class)
{
    awl_link_results_add(results, url);
    size_t *index = awl_strmap_get(&results->by_url, url, strcspn(url, "#"));
    awl_link_result *r = awl_vec_at(&results->items, *index);
    r->class = class;
    return r;
}

Test(link_rules, http_to_https_redirect_and_insecure_links_fix_safely)
{
    awl_link_options options;
    awl_config defaults;
    awl_config_defaults(&defaults);
    options = defaults.links;
    awl_link_results results;
    awl_link_results_init(&results, &options);
    awl_link_result *moved = answer(&results, "http://moved.example/p", AWL_LINK_REDIRECT);
    moved->permanent = true;
    moved->hops = 1;
    moved->final_url = "https://moved.example/p";
    awl_link_result *anchored =
        answer(&results, "http://anchored.example/p#part-2", AWL_LINK_REDIRECT);
    anchored->permanent = true;
    anchored->final_url = "https://anchored.example/p";
    awl_link_result *elsewhere = answer(&results, "https://old.example/p", AWL_LINK_REDIRECT);
    elsewhere->permanent = true;
    elsewhere->final_url = "https://new.example/q";
    answer(&results, "http://plain.example/", AWL_LINK_OK)->https_ok = true;
    answer(&results, "http://only-http.example/", AWL_LINK_OK);
    awl_config config = config_with(&results);
    const char *text = "# T\n\n- [A](http://moved.example/p)\n- [B](https://old.example/p)\n"
                       "- [C](http://plain.example/)\n- [D](http://only-http.example/)\n"
                       "- [E](http://anchored.example/p#part-2)\n";
    awl_fix_result fixed;
    awl_fix_text("t.md", text, strlen(text), &config, false, &fixed);
    cr_assert_not(fixed.failed, "%s", fixed.failure);
    cr_expect_str_eq(fixed.text.data,
                     "# T\n\n- [A](https://moved.example/p)\n- [B](https://old.example/p)\n"
                     "- [C](https://plain.example/)\n- [D](http://only-http.example/)\n"
                     "- [E](https://anchored.example/p#part-2)\n");
    awl_fix_result_free(&fixed);
    awl_fix_text("t.md", text, strlen(text), &config, true, &fixed);
    cr_assert_not(fixed.failed, "%s", fixed.failure);
    cr_expect(strstr(fixed.text.data, "[B](https://new.example/q)"), "%s", fixed.text.data);
    awl_fix_result_free(&fixed);
    awl_link_results_free(&results);
}

Test(link_rules, no_results_no_findings)
{
    awl_config config = config_with(NULL);
    const char *text = "# T\n\n- [A](http://moved.example/p)\n";
    awl_doc *doc = awl_doc_parse("t.md", text, strlen(text));
    awl_diags diags;
    awl_diags_init(&diags);
    awl_lint(doc, &config, &diags);
    cr_expect_eq(diags.items.count, 0);
    awl_diags_free(&diags);
    awl_doc_free(doc);
}

Test(links, unresolvable_names_are_dead_unless_nothing_answers, .init = start, .fini = stop)
{
    /* .invalid never resolves (RFC 6761). Alone, it looks like a machine
     * without network: no dead-link cried, and exit 2, since the links
     * could not be checked (a CI job must not pass on that). */
    awl_test_write(list_path, "# L\n\n- [A](http://awelint-test.invalid/x)\n", 41);
    write_config(NULL);
    run_result r = run_links("--allow-private", NULL);
    cr_expect_null(strstr(r.out, "[dead-link]"), "%s", r.out);
    cr_expect(strstr(r.err, "links not checked") && strstr(r.err, "is the network down?"), "%s", r.err);
    cr_expect_eq(r.status, 2);
    char *cache = awl_test_read(cache_path, NULL);
    cr_expect(cache && !strstr(cache, "invalid"), "an offline failure was cached: %s", cache);
    free(cache);
    awl_test_run_free(&r);
    /* With one link answering, a dead name is only a dead name. */
    char text[256];
    int len =
        snprintf(text, sizeof text,
                 "# L\n\n- [A](http://awelint-test.invalid/x)\n- [B](http://127.0.0.1:%d/ok)\n",
                 server.port);
    awl_test_write(list_path, text, (size_t)len);
    r = run_links("--allow-private", NULL);
    cr_expect_null(strstr(r.err, "network"), "%s", r.err);
    cr_expect(strstr(r.out, "dead link http://awelint-test.invalid/x: no such host [dead-link]"),
              "%s", r.out);
    cr_expect_eq(r.status, 1);
    cache = awl_test_read(cache_path, NULL);
    cr_expect(cache && strstr(cache, "awelint-test.invalid/x"), "%s", cache);
    free(cache);
    awl_test_run_free(&r);
}

Test(links, cached_results_live_as_long_as_their_ttl, .init = start, .fini = stop)
{
    const char *paths[] = {"/not-found", "/gone"};
    write_list(paths, 2);
    write_config("  ttl-ok: 2h\n");
    /* A fresh "ok" for /not-found (trusted: not asked again) and an "ok"
     * for /gone from three hours ago (stale: asked again). */
    char cache[512];
    long long now = (long long)time(NULL);
    int len = snprintf(cache, sizeof cache,
                       "awelint-link-cache 1\n"
                       "%lld\tok\t200\t-\t0\thttp://127.0.0.1:%d/not-found\t-\t-\n"
                       "%lld\tok\t200\t-\t0\thttp://127.0.0.1:%d/gone\t-\t-\n",
                       now - 60, server.port, now - 3 * 3600, server.port);
    awl_test_write(cache_path, cache, (size_t)len);
    run_result r = run_links("--allow-private", NULL);
    expect_clean(r.out, "/not-found");
    expect_finding(r.out, "/gone", "error", "dead-link", "HTTP 410");
    cr_expect_eq(requests("HEAD /not-found"), 0);
    cr_expect_eq(requests("HEAD /gone"), 1);
    awl_test_run_free(&r);
}

Test(links, the_config_can_turn_the_link_rules_on, .init = start, .fini = stop)
{
    const char *paths[] = {"/gone"};
    write_list(paths, 1);
    write_config("categories:\n  link: on\n");
    const char *args[] = {"--config",   config_path, "--allow-private",
                          "--no-cache", list_path,   NULL};
    run_result r = awl_test_run(args, NULL, 0, NULL);
    expect_finding(r.out, "/gone", "error", "dead-link", "HTTP 410");
    awl_test_run_free(&r);
}

/* A lint never goes on the network, so it must not pay for loading libcurl
 * and the thirty libraries behind it (about 3 ms a run): the loader's own
 * log (glibc's LD_DEBUG=files) names libcurl only when links are checked. */
Test(links, libcurl_is_loaded_only_to_check_links, .init = start, .fini = stop)
{
    const char *paths[] = {"/ok"};
    write_list(paths, 1);
    write_config(NULL);
    setenv("LD_DEBUG", "files", 1);
    const char *lint_args[] = {"--config", config_path, list_path, NULL};
    run_result lint = awl_test_run(lint_args, NULL, 0, NULL);
    run_result checked = run_links("--allow-private", "--no-cache");
    unsetenv("LD_DEBUG");
    cr_expect_eq(lint.status, 0, "%s", lint.out);
    cr_expect(strstr(lint.err, "libmd4c"), "the loader's log is missing:\n%s", lint.err);
    cr_expect_null(strstr(lint.err, "libcurl"), "a lint loaded libcurl:\n%s", lint.err);
    cr_expect_eq(checked.status, 0, "%s", checked.out);
    cr_expect(strstr(checked.err, "libcurl"), "--links did not load libcurl:\n%s", checked.err);
    cr_expect_eq(requests("HEAD /ok"), 1);
    awl_test_run_free(&lint);
    awl_test_run_free(&checked);
}
