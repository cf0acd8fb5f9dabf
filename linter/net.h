/*
 * net: the one place where awelint's libcurl handles are set up, so that the
 * rules keeping a run on a stranger's pull request harmless hold for the
 * link checker and for merge alike: only http and https (redirects
 * included), no cookies, no proxy, a User-Agent naming awelint, timeouts,
 * and no connection to a loopback, private, link-local or multicast address
 * unless the user allowed it. The address is checked in curl's open-socket
 * callback, on the very address curl is about to connect to, for every
 * address it tries and every redirect hop; a name that resolves to a public
 * address when checked and to a private one later (DNS rebinding) is still
 * caught.
 *
 * Owns: nothing global but libcurl's one-time initialisation (awl_net_init).
 */
#ifndef AWL_NET_H
#define AWL_NET_H

#include "curl_lib.h"
#include <stdbool.h>
#include <stddef.h>
#include <sys/socket.h>

#include "arena.h"

typedef struct awl_net_options {
    bool allow_private;      /* --allow-private: loopback and private addresses may be fetched */
    long connect_timeout_ms; /* default 10 s */
    long timeout_ms;         /* whole transfer; default 30 s */
} awl_net_options;

/* Per-handle state of the address guard; it must outlive the transfer. */
typedef struct awl_net_guard {
    bool allow_private;
    bool refused; /* the guard refused an address during the transfer */
    char refused_address[64];
} awl_net_guard;

void awl_net_options_default(awl_net_options *options);

/* Loads and initialises libcurl once per process; false if it cannot, with
 * the reason in *why (when why is not NULL). */
bool awl_net_init(const char **why);

/* Applies the common options and the address guard to `handle`. Resets
 * guard's refused flag. False if libcurl rejects an option (a libcurl built
 * without http, say). */
bool awl_net_setup(CURL *handle, const awl_net_options *options, awl_net_guard *guard);

/* True for a unicast address on the public internet; false for loopback,
 * private (RFC 1918, unique local), link-local, multicast, unspecified,
 * carrier-grade NAT, documentation and reserved ranges, also when written
 * as an IPv4-mapped IPv6 address. */
bool awl_net_address_is_public(const struct sockaddr *address);

/* Fetches an http(s) URL into `body` (appended), following at most 5
 * redirects and keeping at most max_body bytes. On failure returns false
 * with a one-line reason in error (the guard's refusal named as such). */
bool awl_net_fetch(const char *url, const awl_net_options *options, size_t max_body, awl_buf *body,
                   char *error, size_t error_size);

#endif
