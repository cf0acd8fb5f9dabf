/*
 * final-newline: the file ends with exactly one line break.
 *
 * A missing final newline is added (in the file's own newline style); blank
 * lines after the last line of text are removed. Code blocks that run to the
 * end of the file keep their blank lines. An empty file (or one holding only
 * a byte order mark) is left empty.
 */
#include "rule.h"

static void check_final_newline(awl_check *check)
{
    const awl_doc *doc = check->doc;
    const awl_source *src = &doc->source;
    if (src->length == (src->has_bom ? 3u : 0u))
        return; /* nothing but a byte order mark: an empty file needs no line break */
    const char *bytes = src->bytes;
    size_t last_start = src->line_starts[src->line_count - 1];
    bool last_blank = bytes[src->length - 1] != '\n';
    for (size_t i = last_start; i < src->length && last_blank; i++)
        last_blank = bytes[i] == ' ' || bytes[i] == '\t' || bytes[i] == '\r';
    if (last_blank && last_start > 0) {
        /* The file ends in white space without a line break. md4c reads such
         * a line as content of a raw HTML or code block above it, so there
         * it is only reported; elsewhere the white space goes. */
        size_t above = src->line_count - 2;
        if (doc->line_flags[src->line_count - 1] & (AWL_LINE_CODE | AWL_LINE_HTML) ||
            doc->line_flags[above] & (AWL_LINE_CODE | AWL_LINE_HTML)) {
            awl_emit(check, last_start, src->length,
                     "the file ends in white space without a line break (not fixed: it follows "
                     "a raw HTML or code block, which would change)");
            return;
        }
    }
    if (bytes[src->length - 1] != '\n' && !last_blank) {
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
        size_t end = line == last && last_blank ? src->length : awl_source_line_end(src, line);
        size_t i = start;
        while (i < end && (bytes[i] == ' ' || bytes[i] == '\t'))
            i++;
        if (i < end)
            break;
        first_blank = line;
    }
    if (first_blank == src->line_count || first_blank == 0)
        return; /* nothing blank at the end, or the whole file is blank */
    /* Delete from the line break that ends the last line of text. */
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
