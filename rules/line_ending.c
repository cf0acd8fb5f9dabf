/*
 * line-ending: lines end in LF.
 *
 * CR LF and a lone CR become LF. One finding per file, at the first line that
 * does not end in LF, with one edit per such line.
 */
#include "rule.h"

#include <string.h>

static void check_line_ending(awl_check *check)
{
    const awl_source *src = &check->doc->source;
    if (src->newline != AWL_NEWLINE_CRLF && src->newline != AWL_NEWLINE_MIXED)
        return;
    const char *bytes = src->bytes;
    awl_diag *diag = NULL;
    size_t count = 0;
    for (const char *p = bytes; (p = memchr(p, '\r', (size_t)(bytes + src->length - p))); p++) {
        size_t at = (size_t)(p - bytes);
        bool crlf = at + 1 < src->length && p[1] == '\n';
        if (!diag)
            diag = awl_emit(check, at, at + 1 + crlf, "line ends in %s, not LF",
                            crlf ? "CR LF" : "a lone CR");
        /* CR LF loses its CR; a lone CR becomes LF. */
        awl_add_edit(check, diag, at, at + 1, crlf ? "" : "\n", crlf ? 0 : 1);
        count++;
    }
    if (diag && count > 1)
        diag->message = awl_arena_printf(&check->out->arena, "%zu lines end in CR LF or CR, not LF (%s)",
                                         count,
                                         src->newline == AWL_NEWLINE_MIXED ? "mixed line endings"
                                                                           : "Windows line endings");
}

const awl_rule awl_rule_line_ending = {
    .id = "line-ending",
    .category = "format",
    .severity = AWL_SEVERITY_WARNING,
    .fix = AWL_FIX_SAFE,
    .summary = "Lines end in LF, not CR LF or a mix",
    .explanation =
        "A list edited on several systems collects CR LF line endings, and a file\n"
        "with both styles makes every tool that compares lines (git diff, blame)\n"
        "report changes nobody made. awelint writes LF.\n"
        "\n"
        "Bad:\n"
        "    - [Alpa](https://arxiv.org/abs/2201.12023)\\r\\n\n"
        "Good:\n"
        "    - [Alpa](https://arxiv.org/abs/2201.12023)\\n\n",
    .check = check_line_ending,
};
