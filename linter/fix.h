/*
 * fix: applying the rules' edits to a document, in memory, and proving the
 * result is safe to write.
 *
 * Each pass lints the current text, takes the fixable findings whose edits
 * do not overlap edits already taken (the others wait for the next pass),
 * applies them back to front and re-parses. Passes repeat until nothing
 * fixable is left (at most AWL_FIX_MAX_PASSES). The result is then verified
 * (DESIGN.md point 8): valid UTF-8; every link target of the input still
 * present, but for those an edit declared as changing the text rewrote (a
 * link pointed at the right anchor, scraped text removed); md4c-html
 * renders each pass's output as it renders its input (with the
 * text-changing edits applied); and a further pass would change nothing.
 * A result that fails any of these must not be written.
 *
 * The last pass, the one that finds nothing left to fix, has linted the
 * result already: its document and findings are handed over, so the caller
 * reports them instead of parsing and linting the same text again.
 *
 * Owns: the result's text buffer and the last pass's document and
 * findings; awl_fix_result_free releases them.
 */
#ifndef AWL_FIX_H
#define AWL_FIX_H

#include <stdbool.h>

#include "arena.h"
#include "config.h"
#include "diag.h"
#include "doc.h"

enum { AWL_FIX_MAX_PASSES = 10 };

typedef struct awl_fix_result {
    awl_buf text;         /* the fixed document; the input when unchanged or failed */
    bool changed;
    size_t fixes_applied; /* findings whose edits were applied, over all passes */
    size_t passes;        /* passes that applied something */
    bool failed;          /* verification failed: do not write */
    char failure[512];    /* why, when failed */
    /* The findings of the final text (`text`), as lint gives them, and the
     * document they point into; NULL when failed. */
    awl_doc *final_doc;
    awl_diags final_diags;
} awl_fix_result;

/* Fixes bytes[0..len); `unsafe` adds the unsafe fixes. Never touches a file. */
void awl_fix_text(const char *path, const char *bytes, size_t len, const awl_config *config,
                  bool unsafe, awl_fix_result *out);
void awl_fix_result_free(awl_fix_result *result);

/* The fuzzer watches each pass: the hook sees the text every pass lints
 * (the input first). NULL, the default, removes it. */
typedef void (*awl_fix_pass_hook)(const char *text, size_t len, void *context);
void awl_fix_set_pass_hook(awl_fix_pass_hook hook, void *context);

/* True when the finding's fix is applied with these flags. */
bool awl_fix_applies(const awl_diag *diag, bool unsafe);

#endif
