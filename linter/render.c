/* render: md4c-html with the flags doc.c parses with (see render.h). */
#include "render.h"

#include <md4c-html.h>

static void collect(const MD_CHAR *text, MD_SIZE size, void *userdata)
{
    awl_buf_append(userdata, text, size);
}

bool awl_render_html(const char *text, size_t len, awl_buf *out)
{
    awl_buf_append(out, "", 0);
    return md_html(text, (MD_SIZE)len, collect, out, MD_DIALECT_GITHUB,
                   MD_HTML_FLAG_SKIP_UTF8_BOM) == 0;
}
