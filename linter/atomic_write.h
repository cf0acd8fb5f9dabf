/*
 * atomic_write: replacing a file's contents so that a failure at any point
 * leaves the old contents in place.
 *
 * The new bytes go to a temporary file in the same directory, which is
 * fsync'ed, given the old file's mode and renamed over the old one. A
 * symbolic link is followed: its target is replaced and the link stays.
 * Owns: nothing.
 */
#ifndef AWL_ATOMIC_WRITE_H
#define AWL_ATOMIC_WRITE_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

/* Writes bytes to path. On failure returns false with *why set to a static
 * or strerror text; the file at path is then unchanged. */
bool awl_write_atomic(const char *path, const char *bytes, size_t len, const char **why);

/* Tests replace write(2) to inject a failure part way; NULL restores it. */
typedef ssize_t (*awl_write_hook)(int fd, const void *bytes, size_t len);
void awl_atomic_write_set_hook(awl_write_hook hook);

#endif
