/*
 * msg: every message awelint prints about itself (not about a document):
 * errors and usage, all on standard error, all prefixed "awelint: ".
 * Owns: nothing.
 */
#ifndef AWL_MSG_H
#define AWL_MSG_H

void awl_msg_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void awl_msg_warning(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* A progress line on standard error that the next one replaces (for a
 * terminal only); awl_msg_progress_clear erases it. */
void awl_msg_progress(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void awl_msg_progress_clear(void);

#endif
