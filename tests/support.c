/* support: process, file and lint helpers for the test suites (see support.h). */
#include "support.h"

#include <fcntl.h>
#include <ftw.h>
#include <grp.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "engine.h"

static void read_into(int fd, char **buf, size_t *len, size_t *cap)
{
    char chunk[65536];
    ssize_t n = read(fd, chunk, sizeof chunk);
    if (n <= 0)
        return;
    if (*len + (size_t)n + 1 > *cap) {
        while (*len + (size_t)n + 1 > *cap)
            *cap = *cap ? *cap * 2 : 65536;
        *buf = awl_xrealloc(*buf, *cap);
    }
    memcpy(*buf + *len, chunk, (size_t)n);
    *len += (size_t)n;
    (*buf)[*len] = '\0';
}

enum { NOBODY = 65534 };

static run_result run_child(const char *const *args, const char *input, size_t input_len,
                            const char *env, size_t max_file_bytes, bool unprivileged);

run_result awl_test_run(const char *const *args, const char *input, size_t input_len,
                        const char *env)
{
    return run_child(args, input, input_len, env, 0, false);
}

run_result awl_test_run_limited(const char *const *args, const char *input, size_t input_len,
                                const char *env, size_t max_file_bytes)
{
    return run_child(args, input, input_len, env, max_file_bytes, false);
}

run_result awl_test_run_unprivileged(const char *const *args)
{
    return run_child(args, NULL, 0, NULL, 0, true);
}

static run_result run_child(const char *const *args, const char *input, size_t input_len,
                            const char *env, size_t max_file_bytes, bool unprivileged)
{
    int in[2], out[2], err[2];
    if (pipe(in) || pipe(out) || pipe(err))
        abort();
    pid_t pid = fork();
    if (pid == 0) {
        dup2(in[0], 0);
        dup2(out[1], 1);
        dup2(err[1], 2);
        close(in[1]);
        close(out[0]);
        close(err[0]);
        if (max_file_bytes) {
            struct rlimit limit = {max_file_bytes, max_file_bytes};
            setrlimit(RLIMIT_FSIZE, &limit);
        }
        if (unprivileged && geteuid() == 0 &&
            (setgroups(0, NULL) != 0 || setgid(NOBODY) != 0 || setuid(NOBODY) != 0))
            _exit(126);
        unsetenv("GITHUB_ACTIONS");
        if (env)
            putenv((char *)env);
        const char *argv[64] = {AWL_TEST_BINARY};
        size_t n = 1;
        for (size_t i = 0; args[i] && n < 63; i++)
            argv[n++] = args[i];
        argv[n] = NULL;
        execv(AWL_TEST_BINARY, (char *const *)argv);
        _exit(127);
    }
    close(in[0]);
    close(out[1]);
    close(err[1]);
    run_result r = {0};
    size_t out_cap = 0, err_cap = 0, err_len = 0, written = 0;
    r.out = awl_xcalloc(1, 1);
    r.err = awl_xcalloc(1, 1);
    if (!input || !input_len) {
        close(in[1]);
        in[1] = -1;
    } else {
        fcntl(in[1], F_SETFL, O_NONBLOCK);
    }
    bool out_open = true, err_open = true;
    while (out_open || err_open) {
        struct pollfd fds[3] = {{out[0], POLLIN, 0}, {err[0], POLLIN, 0}, {in[1], POLLOUT, 0}};
        fds[0].fd = out_open ? out[0] : -1;
        fds[1].fd = err_open ? err[0] : -1;
        poll(fds, 3, -1);
        if (fds[2].revents & (POLLOUT | POLLERR)) {
            ssize_t n = write(in[1], input + written, input_len - written);
            if (n > 0)
                written += (size_t)n;
            if (n < 0 || written == input_len) {
                close(in[1]);
                in[1] = -1;
            }
        }
        if (fds[0].revents) {
            size_t before = r.out_len;
            read_into(out[0], &r.out, &r.out_len, &out_cap);
            if (r.out_len == before)
                out_open = false;
        }
        if (fds[1].revents) {
            size_t before = err_len;
            read_into(err[0], &r.err, &err_len, &err_cap);
            if (err_len == before)
                err_open = false;
        }
    }
    if (in[1] >= 0)
        close(in[1]);
    close(out[0]);
    close(err[0]);
    int status;
    waitpid(pid, &status, 0);
    r.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    return r;
}

void awl_test_run_free(run_result *r)
{
    free(r->out);
    free(r->err);
}

char *awl_test_tmpdir(void)
{
    char *dir = awl_xstrndup("/tmp/awelint-test-XXXXXX", 24);
    if (!mkdtemp(dir))
        abort();
    return dir;
}

void awl_test_write(const char *path, const char *bytes, size_t len)
{
    FILE *f = fopen(path, "wb");
    if (!f)
        abort();
    fwrite(bytes, 1, len, f);
    fclose(f);
}

char *awl_test_read(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    awl_buf b = {0};
    char chunk[65536];
    size_t n;
    awl_buf_append(&b, "", 0);
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
        awl_buf_append(&b, chunk, n);
    fclose(f);
    if (len)
        *len = b.len;
    return b.data;
}

char *awl_test_join(const char *dir, const char *name)
{
    size_t len = strlen(dir) + strlen(name) + 2;
    char *path = awl_xmalloc(len);
    snprintf(path, len, "%s/%s", dir, name);
    return path;
}

static int remove_entry(const char *path, const struct stat *sb, int flag, struct FTW *ftw)
{
    (void)sb;
    (void)flag;
    (void)ftw;
    return remove(path);
}

void awl_test_remove_tree(const char *dir)
{
    nftw(dir, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
}

awl_doc *awl_test_lint(const char *text, awl_diags *diags)
{
    awl_config config;
    awl_config_defaults(&config);
    awl_doc *doc = awl_doc_parse("test.md", text, strlen(text));
    awl_diags_init(diags);
    awl_lint(doc, &config, diags);
    return doc;
}

size_t awl_test_count(const awl_diags *diags, const char *id)
{
    size_t n = 0;
    for (size_t i = 0; i < diags->items.count; i++)
        n += strcmp(awl_diags_at(diags, i)->rule->id, id) == 0;
    return n;
}

awl_test_server awl_test_server_start(const char *root)
{
    return awl_test_server_start_logged(root, NULL);
}

awl_test_server awl_test_server_start_logged(const char *root, const char *log)
{
    awl_test_server server = {-1, -1, 0};
    int to_child[2], from_child[2];
    if (pipe(to_child) != 0 || pipe(from_child) != 0)
        return server;
    pid_t pid = fork();
    if (pid == 0) {
        dup2(to_child[0], 0);
        dup2(from_child[1], 1);
        close(to_child[1]);
        close(from_child[0]);
        const char *argv[8] = {"python3", AWL_TEST_SERVER};
        int argc = 2;
        if (root) {
            argv[argc++] = "--root";
            argv[argc++] = root;
        }
        if (log) {
            argv[argc++] = "--log";
            argv[argc++] = log;
        }
        execvp("python3", (char *const *)argv);
        _exit(127);
    }
    close(to_child[0]);
    close(from_child[1]);
    char line[32] = "";
    FILE *out = fdopen(from_child[0], "r");
    if (pid > 0 && out && fgets(line, sizeof line, out))
        server.port = atoi(line);
    if (out)
        fclose(out);
    server.pid = pid;
    server.stdin_fd = to_child[1];
    return server;
}

void awl_test_server_stop(awl_test_server *server)
{
    if (server->stdin_fd >= 0)
        close(server->stdin_fd);
    if (server->pid > 0)
        waitpid(server->pid, NULL, 0);
    server->pid = -1;
    server->stdin_fd = -1;
}
