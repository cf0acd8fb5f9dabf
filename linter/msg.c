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
