/* msg: awelint's own messages on standard error (see msg.h). */
#include "msg.h"

#include <stdarg.h>
#include <stdio.h>

static void say(const char *kind, const char *fmt, va_list args)
{
    fflush(stdout);
    fprintf(stderr, "awelint: %s", kind);
    vfprintf(stderr, fmt, args);
    fputc('\n', stderr);
}

void awl_msg_error(const char *fmt, ...)
{
    va_list args;
    va_start(args, fmt);
    say("error: ", fmt, args);
    va_end(args);
}

void awl_msg_warning(const char *fmt, ...)
{
    va_list args;
    va_start(args, fmt);
    say("warning: ", fmt, args);
    va_end(args);
}

void awl_msg_progress(const char *fmt, ...)
{
    va_list args;
    va_start(args, fmt);
    fputs("\rawelint: ", stderr);
    vfprintf(stderr, fmt, args);
    fputs("\033[K", stderr); /* erase what a longer line left */
    fflush(stderr);
    va_end(args);
}

void awl_msg_progress_clear(void)
{
    fputs("\r\033[K", stderr);
    fflush(stderr);
}
