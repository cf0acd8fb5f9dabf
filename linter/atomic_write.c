/* atomic_write: temporary file, fsync, fchmod, rename (see atomic_write.h). */
#include "atomic_write.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static awl_write_hook write_hook = NULL;

void awl_atomic_write_set_hook(awl_write_hook hook)
{
    write_hook = hook;
}

static bool write_all(int fd, const char *bytes, size_t len)
{
    while (len) {
        ssize_t n = write_hook ? write_hook(fd, bytes, len) : write(fd, bytes, len);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0) {
            if (n == 0)
                errno = EIO;
            return false;
        }
        bytes += n;
        len -= (size_t)n;
    }
    return true;
}

bool awl_write_atomic(const char *path, const char *bytes, size_t len, const char **why)
{
    char target[PATH_MAX];
    if (!realpath(path, target)) { /* follows links: we replace what the link points to */
        *why = strerror(errno);
        return false;
    }
    struct stat st;
    if (stat(target, &st) != 0) {
        *why = strerror(errno);
        return false;
    }
    char tmp[PATH_MAX + 32];
    const char *slash = strrchr(target, '/');
    int dir_len = (int)(slash - target);
    snprintf(tmp, sizeof tmp, "%.*s/.%s.awelint-XXXXXX", dir_len, target, slash + 1);
    int fd = mkstemp(tmp);
    if (fd < 0) {
        *why = strerror(errno);
        return false;
    }
    if (!write_all(fd, bytes, len) || fsync(fd) != 0 || fchmod(fd, st.st_mode & 07777) != 0) {
        *why = strerror(errno);
        close(fd);
        unlink(tmp);
        return false;
    }
    /* Keep the owner when we can (root fixing a user's file); not fatal. */
    if (fchown(fd, st.st_uid, st.st_gid) != 0)
        errno = 0;
    if (close(fd) != 0 || rename(tmp, target) != 0) {
        *why = strerror(errno);
        unlink(tmp);
        return false;
    }
    /* Make the rename itself durable. */
    char dir[PATH_MAX];
    snprintf(dir, sizeof dir, "%.*s", dir_len ? dir_len : 1, dir_len ? target : "/");
    int dfd = open(dir, O_RDONLY | O_DIRECTORY);
    if (dfd >= 0) {
        fsync(dfd);
        close(dfd);
    }
    return true;
}
