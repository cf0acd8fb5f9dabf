/*
 * support: helpers shared by the test suites: run the awelint binary with
 * input and capture its output, read and write files in a scratch folder,
 * lint a string.
 * Owns: every string it returns is heap memory the caller frees.
 */
#ifndef AWL_TEST_SUPPORT_H
#define AWL_TEST_SUPPORT_H

#include <stdbool.h>
#include <stddef.h>

#include "config.h"
#include "diag.h"
#include "doc.h"

typedef struct run_result {
    int status; /* exit code, or -1 when it did not exit normally */
    char *out;  /* standard output */
    size_t out_len;
    char *err; /* standard error */
} run_result;

/* Runs the awelint binary with argv (NULL-terminated, without argv[0]) and
 * `input` on standard input (NULL: empty). Extra environment: "K=V" or NULL. */
run_result awl_test_run(const char *const *args, const char *input, size_t input_len,
                        const char *env);
/* The same, with the child's file size limit (RLIMIT_FSIZE) set to
 * `max_file_bytes` when it is not 0: writes past it fail with EFBIG, even
 * for root, which makes a real failed write. */
run_result awl_test_run_limited(const char *const *args, const char *input, size_t input_len,
                                const char *env, size_t max_file_bytes);
/* The same without root's powers: as root, the child becomes the user
 * nobody (65534) before it runs awelint, so file and directory permissions
 * hold as they do for a maintainer; as anyone else it runs as is. */
run_result awl_test_run_unprivileged(const char *const *args);
void awl_test_run_free(run_result *r);

/* A fresh scratch directory (mkdtemp); heap string. */
char *awl_test_tmpdir(void);
/* Writes/reads whole files; read returns NULL when missing. */
void awl_test_write(const char *path, const char *bytes, size_t len);
char *awl_test_read(const char *path, size_t *len);
/* "dir/name" on the heap. */
char *awl_test_join(const char *dir, const char *name);
/* Removes a scratch directory and everything in it (links not followed). */
void awl_test_remove_tree(const char *dir);

/* tests/loopback_server.py, started on a free port of 127.0.0.1 (serving
 * `root`'s files under /files/ when root is not NULL). */
typedef struct awl_test_server {
    int pid;
    int stdin_fd; /* closing it stops the server */
    int port;
} awl_test_server;
awl_test_server awl_test_server_start(const char *root);
/* The same, appending "METHOD PATH" to `log` for every request. */
awl_test_server awl_test_server_start_logged(const char *root, const char *log);
void awl_test_server_stop(awl_test_server *server);

/* Lints text with the default config; the caller frees with awl_diags_free
 * and awl_doc_free. */
awl_doc *awl_test_lint(const char *text, awl_diags *diags);
/* Number of findings of rule `id` in diags. */
size_t awl_test_count(const awl_diags *diags, const char *id);

#endif
