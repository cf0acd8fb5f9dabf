/*
 * bom: a UTF-8 byte order mark (EF BB BF) at the start of the file.
 *
 * UTF-8 needs no byte order mark; some tools show it as "ï»¿" or choke on
 * it (a first-line heading or front matter stops being recognised by
 * naive tools, `cat` of two files leaves one in the middle). The fix removes
 * the three bytes; md4c skips a leading mark, so the rendering is unchanged.
 * A mark further into the file is invisible-char's business.
 */
#include "rule.h"

static void check_bom(awl_check *check)
{
    if (!check->doc->source.has_bom)
        return;
    awl_diag *diag = awl_emit(check, 0, 3, "the file starts with a UTF-8 byte order mark");
    awl_add_edit(check, diag, 0, 3, "", 0);
}

const awl_rule awl_rule_bom = {
    .id = "bom",
    .category = "unicode",
    .severity = AWL_SEVERITY_INFO,
    .fix = AWL_FIX_SAFE,
    .summary = "No byte order mark at the start of the file",
    .explanation =
        "UTF-8 needs no byte order mark. Editors on Windows sometimes add one; other\n"
        "tools then show it as \"\xC3\xAF\xC2\xBB\xC2\xBF\" or fail to see a heading or front matter on\n"
        "the first line. The fix removes it; the page renders the same.\n"
        "\n"
        "Bad (<BOM> stands for the bytes EF BB BF):\n"
        "    <BOM># Awesome Systems\n"
        "Good:\n"
        "    # Awesome Systems\n",
    .check = check_bom,
};
