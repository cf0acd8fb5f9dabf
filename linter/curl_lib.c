/*
 * curl_lib: libcurl opened with dlopen on first use (see curl_lib.h).
 */
#include "curl_lib.h"

#include <dlfcn.h>
#include <stdio.h>

#ifndef AWL_LIBCURL_SONAME
#define AWL_LIBCURL_SONAME "libcurl.so.4"
#endif

awl_curl_api awl_curl;

/* Looks `symbol` up in the opened library into awl_curl.member (POSIX lets
 * dlsym's void * stand for a function); true when found. */
#define LOAD(member, symbol) \
    ((awl_curl.member = (__typeof__(awl_curl.member))dlsym(library, symbol)) != NULL)

bool awl_curl_load(const char **why)
{
    static int state; /* 0: not tried, 1: loaded, -1: failed */
    static char reason[512];
    if (state == 0) {
        void *library = dlopen(AWL_LIBCURL_SONAME, RTLD_NOW | RTLD_LOCAL);
        if (!library) {
            snprintf(reason, sizeof reason, "cannot load libcurl: %s", dlerror());
            state = -1;
        } else if (LOAD(global_init, "curl_global_init") && LOAD(easy_init, "curl_easy_init") &&
                   LOAD(easy_setopt, "curl_easy_setopt") && LOAD(easy_perform, "curl_easy_perform") &&
                   LOAD(easy_getinfo, "curl_easy_getinfo") && LOAD(easy_cleanup, "curl_easy_cleanup") &&
                   LOAD(easy_strerror, "curl_easy_strerror") && LOAD(multi_init, "curl_multi_init") &&
                   LOAD(multi_setopt, "curl_multi_setopt") &&
                   LOAD(multi_add_handle, "curl_multi_add_handle") &&
                   LOAD(multi_remove_handle, "curl_multi_remove_handle") &&
                   LOAD(multi_perform, "curl_multi_perform") && LOAD(multi_poll, "curl_multi_poll") &&
                   LOAD(multi_info_read, "curl_multi_info_read") &&
                   LOAD(multi_cleanup, "curl_multi_cleanup") && LOAD(url, "curl_url") &&
                   LOAD(url_set, "curl_url_set") && LOAD(url_get, "curl_url_get") &&
                   LOAD(url_cleanup, "curl_url_cleanup") && LOAD(free, "curl_free")) {
            state = 1;
        } else {
            snprintf(reason, sizeof reason, "libcurl (%s) lacks a function awelint needs: %s",
                     AWL_LIBCURL_SONAME, dlerror());
            awl_curl = (awl_curl_api){0};
            dlclose(library);
            state = -1;
        }
    }
    if (state < 0 && why)
        *why = reason;
    return state == 1;
}
