/*
 * test_net: the network guard every fetch goes through (linter/net.c):
 * which addresses count as private, and a real fetch from a loopback
 * server, refused unless private addresses are allowed.
 */
#include <arpa/inet.h>
#include <criterion/criterion.h>
#include <netinet/in.h>
#include <stdlib.h>
#include <string.h>

#include "net.h"
#include "support.h"

static bool is_public(const char *text)
{
    struct sockaddr_storage storage;
    memset(&storage, 0, sizeof storage);
    if (strchr(text, ':')) {
        struct sockaddr_in6 *in6 = (struct sockaddr_in6 *)&storage;
        in6->sin6_family = AF_INET6;
        cr_assert_eq(inet_pton(AF_INET6, text, &in6->sin6_addr), 1, "%s", text);
    } else {
        struct sockaddr_in *in = (struct sockaddr_in *)&storage;
        in->sin_family = AF_INET;
        cr_assert_eq(inet_pton(AF_INET, text, &in->sin_addr), 1, "%s", text);
    }
    return awl_net_address_is_public((const struct sockaddr *)&storage);
}

Test(net, private_and_local_addresses_are_not_public)
{
    const char *blocked[] = {"127.0.0.1", "127.8.9.10", "10.1.2.3", "172.16.0.1", "172.31.255.255",
                             "192.168.1.1", "169.254.169.254", "0.0.0.0", "100.64.0.1", "224.0.0.1",
                             "255.255.255.255", "::1", "::", "fd00::1", "fe80::1", "ff02::1",
                             "::ffff:127.0.0.1", "::ffff:10.0.0.1", "2001:db8::1"};
    for (size_t i = 0; i < sizeof blocked / sizeof blocked[0]; i++)
        cr_expect_not(is_public(blocked[i]), "%s counted as public", blocked[i]);
}

Test(net, internet_addresses_are_public)
{
    const char *open[] = {"8.8.8.8", "140.82.112.3", "172.32.0.1", "192.169.0.1", "100.128.0.1",
                          "2606:4700::1111", "::ffff:1.1.1.1"};
    for (size_t i = 0; i < sizeof open / sizeof open[0]; i++)
        cr_expect(is_public(open[i]), "%s counted as private", open[i]);
}

static awl_test_server server;

static void start_server(void)
{
    server = awl_test_server_start(NULL);
    cr_assert_gt(server.port, 0, "the loopback server did not start (is python3 installed?)");
}

static void stop_server(void)
{
    awl_test_server_stop(&server);
}

static bool fetch(const char *path, bool allow_private, size_t max_body, awl_buf *body, char *error)
{
    char url[128];
    snprintf(url, sizeof url, "http://127.0.0.1:%d%s", server.port, path);
    awl_net_options options;
    awl_net_options_default(&options);
    options.allow_private = allow_private;
    return awl_net_fetch(url, &options, max_body, body, error, 256);
}

Test(net, loopback_is_refused_unless_allowed, .init = start_server, .fini = stop_server)
{
    awl_buf body = {0};
    char error[256];
    cr_assert_not(fetch("/ok", false, 1 << 20, &body, error));
    cr_expect(strstr(error, "127.0.0.1") && strstr(error, "--allow-private"), "%s", error);
    cr_assert(fetch("/ok", true, 1 << 20, &body, error), "%s", error);
    cr_expect_str_eq(body.data, "hello\n");
    awl_buf_free(&body);
}

Test(net, redirects_are_followed_and_errors_named, .init = start_server, .fini = stop_server)
{
    awl_buf body = {0};
    char error[256];
    cr_assert(fetch("/moved", true, 1 << 20, &body, error), "%s", error);
    cr_expect_str_eq(body.data, "hello\n");
    cr_assert_not(fetch("/not-found", true, 1 << 20, &body, error));
    cr_expect(strstr(error, "404"), "%s", error);
    awl_buf_free(&body);
}

Test(net, bodies_are_capped, .init = start_server, .fini = stop_server)
{
    awl_buf body = {0};
    char error[256];
    cr_assert_not(fetch("/huge", true, 1 << 20, &body, error));
    cr_expect(strstr(error, "larger than"), "%s", error);
    cr_expect_leq(body.len, (size_t)1 << 20);
    awl_buf_free(&body);
}

Test(net, only_http_and_https)
{
    awl_buf body = {0};
    char error[256];
    awl_net_options options;
    awl_net_options_default(&options);
    options.allow_private = true;
    cr_assert_not(awl_net_fetch("file:///etc/passwd", &options, 1 << 20, &body, error, sizeof error));
    cr_expect_eq(body.len, 0);
    awl_buf_free(&body);
}
