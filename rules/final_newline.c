/*
 * final-newline: the file ends with exactly one line break.
 *
 * A missing final newline is added (in the file's own newline style); blank
 * lines after the last line of text are removed. Code blocks that run to the
 * end of the file keep their blank lines.
 */
#include "rule.h"

static void check_final_newline(awl_check *check)
{
    const awl_doc *doc = check->doc;
    const awl_source *src = &doc->source;
    if (src->length == 0)
        return;
    const char *bytes = src->bytes;
    if (bytes[src->length - 1] != '\n') {
        const char *newline = src->newline == AWL_NEWLINE_CRLF ? "\r\n" : "\n";
        awl_diag *diag = awl_emit(check, src->length, src->length, "no line break at the end of the file");
        awl_add_edit(check, diag, src->length, src->length, newline, newline[1] ? 2 : 1);
        return;
    }
    /* Walk back over blank lines (white space only) at the end. */
    size_t last = src->line_count - 1;
    size_t first_blank = src->line_count;
    for (size_t line = last + 1; line-- > 0;) {
        if (doc->line_flags[line] & (AWL_LINE_CODE | AWL_LINE_HTML))
            break;
        size_t start = src->line_starts[line];
        size_t end = awl_source_line_end(src, line);
        size_t i = start;
        while (i < end && (bytes[i] == ' ' || bytes[i] == '\t'))
            i++;
        if (i < end)
            break;
        first_blank = line;
    }
    if (first_blank == src->line_count || first_blank == 0)
        return; /* nothing blank at the end, or the whole file is blank */
    size_t start = src->line_starts[first_blank];
    size_t count = src->line_count - first_blank;
    awl_diag *diag = awl_emit(check, start, src->length, "%zu blank line%s at the end of the file",
                              count, count == 1 ? "" : "s");
    awl_add_edit(check, diag, start, src->length, "", 0);
}

const awl_rule awl_rule_final_newline = {
    .id = "final-newline",
    .category = "format",
    .severity = AWL_SEVERITY_WARNING,
    .fix = AWL_FIX_SAFE,
    .summary = "The file ends with exactly one line break",
    .explanation =
        "POSIX tools expect a text file to end with a line break, and git shows\n"
        "\"\\ No newline at end of file\" in every diff that touches the last line.\n"
        "Blank lines after the last entry are removed for the same reason.\n"
        "\n"
        "Bad (no line break after the last entry):\n"
        "    - [Orca](https://www.usenix.org/conference/osdi22/presentation/yu) - OSDI'22.<EOF>\n"
        "Good:\n"
        "    - [Orca](https://www.usenix.org/conference/osdi22/presentation/yu) - OSDI'22.\n"
        "    <EOF>\n",
    .check = check_final_newline,
};
