/*
 * net: libcurl handle setup, the private-address guard and a one-URL fetch
 * (see net.h).
 */
#include "net.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

enum { AWL_NET_MAX_REDIRECTS = 5 };

void awl_net_options_default(awl_net_options *options)
{
    options->allow_private = false;
    options->connect_timeout_ms = 10000;
    options->timeout_ms = 30000;
}

bool awl_net_init(const char **why)
{
    static int state; /* 0: not yet, 1: done, -1: failed */
    if (state == 0 && !awl_curl_load(why))
        return false;
    if (state == 0)
        state = awl_curl.global_init(CURL_GLOBAL_DEFAULT) == CURLE_OK ? 1 : -1;
    if (state < 0 && why)
        *why = "libcurl could not start (curl_global_init failed)";
    return state == 1;
}

static bool ipv4_is_public(uint32_t a)
{
    static const struct {
        uint32_t net;
        unsigned bits;
    } blocked[] = {
        {0x00000000u, 8},  /* 0.0.0.0/8 "this network" */
        {0x0A000000u, 8},  /* 10/8 private */
        {0x64400000u, 10}, /* 100.64/10 carrier-grade NAT */
        {0x7F000000u, 8},  /* 127/8 loopback */
        {0xA9FE0000u, 16}, /* 169.254/16 link-local (cloud metadata) */
        {0xAC100000u, 12}, /* 172.16/12 private */
        {0xC0000000u, 24}, /* 192.0.0/24 protocol assignments */
        {0xC0000200u, 24}, /* 192.0.2/24 documentation */
        {0xC0A80000u, 16}, /* 192.168/16 private */
        {0xC6120000u, 15}, /* 198.18/15 benchmarking */
        {0xC6336400u, 24}, /* 198.51.100/24 documentation */
        {0xCB007100u, 24}, /* 203.0.113/24 documentation */
        {0xE0000000u, 4},  /* 224/4 multicast */
        {0xF0000000u, 4},  /* 240/4 reserved, broadcast */
    };
    for (size_t i = 0; i < sizeof blocked / sizeof blocked[0]; i++) {
        uint32_t mask = 0xFFFFFFFFu << (32 - blocked[i].bits);
        if ((a & mask) == blocked[i].net)
            return false;
    }
    return true;
}

static bool ipv6_is_public(const unsigned char *b)
{
    static const unsigned char mapped_prefix[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xFF, 0xFF};
    if (memcmp(b, mapped_prefix, 12) == 0)
        return ipv4_is_public((uint32_t)b[12] << 24 | (uint32_t)b[13] << 16 | (uint32_t)b[14] << 8 | b[15]);
    static const unsigned char zero[15];
    if (memcmp(b, zero, 15) == 0) /* :: and ::1 */
        return false;
    if ((b[0] & 0xFE) == 0xFC) /* fc00::/7 unique local */
        return false;
    if (b[0] == 0xFE && (b[1] & 0xC0) == 0x80) /* fe80::/10 link-local */
        return false;
    if (b[0] == 0xFE && (b[1] & 0xC0) == 0xC0) /* fec0::/10 old site-local */
        return false;
    if (b[0] == 0xFF) /* ff00::/8 multicast */
        return false;
    if (b[0] == 0x20 && b[1] == 0x01 && b[2] == 0x0D && b[3] == 0xB8) /* 2001:db8::/32 documentation */
        return false;
    return true;
}

bool awl_net_address_is_public(const struct sockaddr *address)
{
    if (address->sa_family == AF_INET) {
        const struct sockaddr_in *in = (const struct sockaddr_in *)(const void *)address;
        return ipv4_is_public(ntohl(in->sin_addr.s_addr));
    }
    if (address->sa_family == AF_INET6) {
        const struct sockaddr_in6 *in6 = (const struct sockaddr_in6 *)(const void *)address;
        return ipv6_is_public(in6->sin6_addr.s6_addr);
    }
    return false; /* unix sockets and anything else: never */
}

static void describe_address(const struct sockaddr *address, char *out, size_t size)
{
    const void *raw = NULL;
    if (address->sa_family == AF_INET)
        raw = &((const struct sockaddr_in *)(const void *)address)->sin_addr;
    else if (address->sa_family == AF_INET6)
        raw = &((const struct sockaddr_in6 *)(const void *)address)->sin6_addr;
    if (!raw || !inet_ntop(address->sa_family, raw, out, (socklen_t)size))
        snprintf(out, size, "(address family %d)", address->sa_family);
}

/* curl's open-socket callback: the last point before connect(2), given the
 * address curl resolved. A refused address fails the transfer with
 * CURLE_COULDNT_CONNECT; guard->refused tells that apart from a real
 * refusal. */
static curl_socket_t guarded_open_socket(void *client, curlsocktype purpose, struct curl_sockaddr *address)
{
    awl_net_guard *guard = client;
    if (purpose == CURLSOCKTYPE_IPCXN && !guard->allow_private && !awl_net_address_is_public(&address->addr)) {
        guard->refused = true;
        describe_address(&address->addr, guard->refused_address, sizeof guard->refused_address);
        return CURL_SOCKET_BAD;
    }
    return socket(address->family, address->socktype, address->protocol);
}

bool awl_net_setup(CURL *handle, const awl_net_options *options, awl_net_guard *guard)
{
    guard->allow_private = options->allow_private;
    guard->refused = false;
    guard->refused_address[0] = '\0';
    bool ok = true;
    ok &= awl_curl.easy_setopt(handle, CURLOPT_PROTOCOLS_STR, "http,https") == CURLE_OK;
    ok &= awl_curl.easy_setopt(handle, CURLOPT_REDIR_PROTOCOLS_STR, "http,https") == CURLE_OK;
    ok &= awl_curl.easy_setopt(handle, CURLOPT_USERAGENT, "awelint/" AWL_VERSION " (Markdown list linter)") == CURLE_OK;
    /* A proxy would be the address the guard sees, not the target. */
    ok &= awl_curl.easy_setopt(handle, CURLOPT_PROXY, "") == CURLE_OK;
    ok &= awl_curl.easy_setopt(handle, CURLOPT_CONNECTTIMEOUT_MS, options->connect_timeout_ms) == CURLE_OK;
    ok &= awl_curl.easy_setopt(handle, CURLOPT_TIMEOUT_MS, options->timeout_ms) == CURLE_OK;
    ok &= awl_curl.easy_setopt(handle, CURLOPT_NOSIGNAL, 1L) == CURLE_OK;
    ok &= awl_curl.easy_setopt(handle, CURLOPT_OPENSOCKETFUNCTION, guarded_open_socket) == CURLE_OK;
    ok &= awl_curl.easy_setopt(handle, CURLOPT_OPENSOCKETDATA, guard) == CURLE_OK;
    return ok;
}

typedef struct capped_body {
    awl_buf *body;
    size_t kept;
    size_t max;
    bool too_large;
} capped_body;

static size_t keep_capped(char *bytes, size_t size, size_t count, void *user)
{
    capped_body *capped = user;
    size_t len = size * count;
    if (len > capped->max - capped->kept) {
        capped->too_large = true;
        return 0; /* aborts the transfer with CURLE_WRITE_ERROR */
    }
    awl_buf_append(capped->body, bytes, len);
    capped->kept += len;
    return len;
}

bool awl_net_fetch(const char *url, const awl_net_options *options, size_t max_body, awl_buf *body,
                   char *error, size_t error_size)
{
    const char *why = NULL;
    if (!awl_net_init(&why)) {
        snprintf(error, error_size, "%s", why);
        return false;
    }
    CURL *handle = awl_curl.easy_init();
    if (!handle) {
        snprintf(error, error_size, "cannot create a libcurl handle");
        return false;
    }
    awl_net_guard guard;
    capped_body capped = {body, 0, max_body, false};
    char curl_error[CURL_ERROR_SIZE] = "";
    bool ok = awl_net_setup(handle, options, &guard);
    ok = ok && awl_curl.easy_setopt(handle, CURLOPT_URL, url) == CURLE_OK;
    ok = ok && awl_curl.easy_setopt(handle, CURLOPT_FOLLOWLOCATION, 1L) == CURLE_OK;
    ok = ok && awl_curl.easy_setopt(handle, CURLOPT_MAXREDIRS, (long)AWL_NET_MAX_REDIRECTS) == CURLE_OK;
    ok = ok && awl_curl.easy_setopt(handle, CURLOPT_MAXFILESIZE_LARGE, (curl_off_t)max_body) == CURLE_OK;
    ok = ok && awl_curl.easy_setopt(handle, CURLOPT_WRITEFUNCTION, keep_capped) == CURLE_OK;
    ok = ok && awl_curl.easy_setopt(handle, CURLOPT_WRITEDATA, &capped) == CURLE_OK;
    ok = ok && awl_curl.easy_setopt(handle, CURLOPT_ERRORBUFFER, curl_error) == CURLE_OK;
    if (!ok) {
        snprintf(error, error_size, "libcurl rejected an option (built without http or https?)");
        awl_curl.easy_cleanup(handle);
        return false;
    }
    CURLcode code = awl_curl.easy_perform(handle);
    long status = 0;
    awl_curl.easy_getinfo(handle, CURLINFO_RESPONSE_CODE, &status);
    awl_curl.easy_cleanup(handle);

    if (guard.refused) {
        snprintf(error, error_size, "refused to connect to %s, a private or local address (--allow-private allows it)",
                 guard.refused_address);
        return false;
    }
    if (capped.too_large || code == CURLE_FILESIZE_EXCEEDED) {
        snprintf(error, error_size, "larger than %zu bytes", max_body);
        return false;
    }
    if (code != CURLE_OK) {
        snprintf(error, error_size, "%s", curl_error[0] ? curl_error : awl_curl.easy_strerror(code));
        return false;
    }
    if (status < 200 || status > 299) {
        snprintf(error, error_size, "the server answered HTTP %ld", status);
        return false;
    }
    return true;
}
