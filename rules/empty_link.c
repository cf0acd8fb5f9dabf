/*
 * empty-link: a link with no text or no target.
 *
 * `[](https://...)` shows nothing to click; `[Title]()` and `[Title](<>)`
 * go nowhere (the browser reloads the page). Both are usually an entry
 * half written: a title or a URL still to paste. Text counts when it shows
 * anything: letters, an image (its alt text may be empty), inline HTML
 * such as `<img>`. A link whose only content is an image and whose target
 * is empty (`[![Venue](badge.svg)]()`) is a badge some lists wrap that way
 * on purpose: it is reported at info level. No fix: the missing part is
 * for a person to write.
 */
#include <string.h>

#include "link_open.h"
#include "rule.h"

static bool is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* True when link `i` holds an image: the image links right after it that
 * start before its target (inline links) or on its line. */
static bool holds_image(const awl_doc *doc, size_t i)
{
    const awl_link *link = &doc->links[i];
    if (i + 1 >= doc->link_count || doc->links[i + 1].kind != AWL_LINK_IMAGE ||
        doc->links[i + 1].block != link->block)
        return false;
    const awl_link *img = &doc->links[i + 1];
    size_t img_at = img->text_start != AWL_NONE ? img->text_start : img->href_start;
    if (link->text_end != AWL_NONE && img_at != AWL_NONE)
        return img_at < link->text_end;
    /* No text of its own in the buffer: an image whose position is
     * unknown, or that sits before the link's own target, is inside. */
    return img_at == AWL_NONE || link->href_start == AWL_NONE || img_at < link->href_start;
}

/* True when the link shows nothing: no text in the buffer, or only white
 * space (inline HTML or an entity would be in the buffer, not blank). */
static bool shows_nothing(const awl_doc *doc, size_t i)
{
    const awl_link *link = &doc->links[i];
    if (holds_image(doc, i))
        return false;
    if (link->text_start == AWL_NONE)
        return true;
    for (size_t k = link->text_start; k < link->text_end; k++)
        if (!is_space(doc->source.bytes[k]))
            return false;
    return true;
}

/* True when the link's only content is images (a badge). */
static bool only_images(const awl_doc *doc, size_t i)
{
    if (!holds_image(doc, i))
        return false;
    const awl_link *link = &doc->links[i];
    const char *plain = doc->plain + link->plain_start;
    for (size_t k = 0; k < link->plain_len; k++)
        if (!is_space(plain[k]))
            return false;
    return true;
}

static void check_empty_link(awl_check *check)
{
    const awl_doc *doc = check->doc;
    size_t search_from = 0; /* for links md4c gives no offset of */
    for (size_t i = 0; i < doc->link_count; i++) {
        const awl_link *link = &doc->links[i];
        if (link->kind != AWL_LINK_INLINE)
            continue;
        bool no_text = shows_nothing(doc, i), no_target = link->href[0] == '\0';
        if (!no_text && !no_target)
            continue;
        size_t start = awl_link_open(doc, i, search_from);
        if (start == AWL_NONE)
            start = link->text_start != AWL_NONE ? link->text_start
                    : link->line != AWL_NONE     ? doc->source.line_starts[link->line]
                                                 : doc->blocks[link->block].start;
        search_from = start + 1;
        size_t end = link->text_end != AWL_NONE && link->text_end > start ? link->text_end : start;
        if (no_text && no_target) {
            awl_emit(check, start, end, "link has neither text nor target");
        } else if (no_text) {
            awl_emit(check, start, end, "link to %.200s has no text to click", link->href);
        } else if (only_images(doc, i)) {
            awl_diag *diag = awl_emit(check, start, end,
                                      "image wrapped in a link with no target (as a badge it "
                                      "needs no link; write the image alone)");
            if (diag->severity > AWL_SEVERITY_INFO)
                diag->severity = AWL_SEVERITY_INFO;
        } else {
            const char *text = doc->plain + link->plain_start;
            size_t shown = link->plain_len;
            if (shown > 80) { /* cut at a character boundary */
                shown = 80;
                while (shown > 0 && ((unsigned char)text[shown] & 0xC0) == 0x80)
                    shown--;
            }
            awl_emit(check, start, end, "link \"%.*s%s\" has no target", (int)shown, text,
                     shown < link->plain_len ? "..." : "");
        }
    }
}

const awl_rule awl_rule_empty_link = {
    .id = "empty-link",
    .category = "structure",
    .severity = AWL_SEVERITY_WARNING,
    .fix = AWL_FIX_NONE,
    .summary = "Links have text and a target: no [](url), no [Title]()",
    .explanation =
        "A link with no text shows nothing to click, and a link with an empty\n"
        "target reloads the page: both are usually an entry left half written.\n"
        "An image wrapped in a link with no target (a badge) is only noted, at\n"
        "info level. There is no fix: the missing title or URL is for a person\n"
        "to write.\n"
        "\n"
        "Bad:\n"
        "    - [FlexGen: High-Throughput Generative Inference]()\n"
        "    - [](https://arxiv.org/abs/2303.06865)\n"
        "Good:\n"
        "    - [FlexGen: High-Throughput Generative Inference](https://arxiv.org/abs/2303.06865)\n",
    .check = check_empty_link,
};
