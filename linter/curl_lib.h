/*
 * curl_lib: libcurl, opened the first time awelint goes on the network
 * (--links, or `awelint merge` with a URL source) rather than linked.
 *
 * Linked, libcurl costs every run about 3 ms before main: it brings some
 * thirty libraries (TLS, Kerberos, LDAP, SSH, IDN...) whose loading and
 * constructors take several times what linting a small list does, and a
 * lint never touches the network. So the network modules (net, linkcheck,
 * link_cache) call libcurl through this table, filled by dlopen/dlsym from
 * the library the build was configured against.
 *
 * Owns: the loaded library (kept open for the life of the process) and the
 * table of its functions.
 */
#ifndef AWL_CURL_LIB_H
#define AWL_CURL_LIB_H

#include <curl/curl.h>
#include <stdbool.h>

/* Each member has the type of the libcurl function it stands for, so a
 * call through it is checked as a direct call would be. */
typedef struct awl_curl_api {
    __typeof__(curl_global_init) *global_init;
    __typeof__(curl_easy_init) *easy_init;
    __typeof__(curl_easy_setopt) *easy_setopt;
    __typeof__(curl_easy_perform) *easy_perform;
    __typeof__(curl_easy_getinfo) *easy_getinfo;
    __typeof__(curl_easy_cleanup) *easy_cleanup;
    __typeof__(curl_easy_strerror) *easy_strerror;
    __typeof__(curl_multi_init) *multi_init;
    __typeof__(curl_multi_setopt) *multi_setopt;
    __typeof__(curl_multi_add_handle) *multi_add_handle;
    __typeof__(curl_multi_remove_handle) *multi_remove_handle;
    __typeof__(curl_multi_perform) *multi_perform;
    __typeof__(curl_multi_poll) *multi_poll;
    __typeof__(curl_multi_info_read) *multi_info_read;
    __typeof__(curl_multi_cleanup) *multi_cleanup;
    __typeof__(curl_url) *url;
    __typeof__(curl_url_set) *url_set;
    __typeof__(curl_url_get) *url_get;
    __typeof__(curl_url_cleanup) *url_cleanup;
    __typeof__(curl_free) *free;
} awl_curl_api;

/* Filled by awl_curl_load; every member is NULL before. */
extern awl_curl_api awl_curl;

/* Opens libcurl once per process and fills awl_curl. False if the library
 * or one of its functions cannot be found; *why (when why is not NULL) then
 * gets the loader's reason, valid for the life of the process. */
bool awl_curl_load(const char **why);

#endif
