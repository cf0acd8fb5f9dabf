/*
 * invisible-char: format characters that show nothing but break search,
 * copy and paste, and links: U+200B zero-width space, U+FEFF past the start
 * of the file, U+00AD soft hyphen, U+2060 word joiner, U+2061-U+2064
 * invisible operators, U+206A-U+206F deprecated format characters, U+FFF9-
 * U+FFFB annotation marks, U+180E, and the tag characters U+E0001-U+E007F
 * (which can hide a whole sentence of ASCII in a line) outside the emoji
 * flag sequences they spell after U+1F3F4 (England, Scotland, Wales). U+200C
 * and U+200D (ZWNJ, ZWJ) are reported only between ASCII characters: inside
 * emoji sequences and Indic or Persian words they do real work. U+200B beside
 * Thai, Lao, Tibetan, Myanmar or Khmer marks a word break those scripts
 * write no space for, and is kept. Variation
 * selectors and the bidi marks are left alone (bidi-control is another
 * rule's business).
 *
 * Consecutive invisible characters make one finding. The fix removes them
 * and is declared as a text change (the page's text loses the character).
 * It is safe where removal cannot change how the line parses: not beside
 * Markdown punctuation, and not leaving trailing spaces before a line end.
 * A run that opens a line's content followed by blanks and then a letter
 * (the "U+200B TAB Name" paste pattern) is removed with those blanks, so the
 * line keeps its indentation; other line-opening runs get an unsafe fix.
 * One pass over the bytes, looking only at lead bytes C2, E1, E2, EF, F0
 * and F3.
 */
#include <stdbool.h>
#include <stddef.h>
#include <string.h>

#include "byte_scan.h"
#include "rule.h"

/* The code point of the invisible character at s[i], its byte length in *n,
 * or 0 when there is none. */
static unsigned invisible_at(const unsigned char *s, size_t i, size_t end, size_t *n)
{
    unsigned char b = s[i];
    if (b == 0xC2 && i + 1 < end && s[i + 1] == 0xAD) {
        *n = 2;
        return 0xAD;
    }
    if (b == 0xF3) {
        /* U+E0001-U+E007F: F3 A0 80 81 to F3 A0 81 BF. */
        if (i + 3 >= end || s[i + 1] != 0xA0 || (s[i + 2] != 0x80 && s[i + 2] != 0x81) ||
            (s[i + 3] & 0xC0) != 0x80 || (s[i + 2] == 0x80 && s[i + 3] == 0x80))
            return 0;
        *n = 4;
        return 0xE0000u | ((unsigned)(s[i + 2] & 0x3F) << 6) | (s[i + 3] & 0x3F);
    }
    if (i + 2 >= end)
        return 0;
    unsigned cp = ((unsigned)(b & 0x0F) << 12) | ((unsigned)(s[i + 1] & 0x3F) << 6) |
                  (s[i + 2] & 0x3F);
    if ((s[i + 1] & 0xC0) != 0x80 || (s[i + 2] & 0xC0) != 0x80)
        return 0;
    *n = 3;
    if (b == 0xE2 && ((cp >= 0x200B && cp <= 0x200D) || (cp >= 0x2060 && cp <= 0x2064) ||
                      (cp >= 0x206A && cp <= 0x206F)))
        return cp;
    if (b == 0xE1 && cp == 0x180E)
        return cp;
    if (b == 0xEF && (cp == 0xFEFF || (cp >= 0xFFF9 && cp <= 0xFFFB)))
        return cp;
    return 0;
}

static const char *invisible_name(unsigned cp)
{
    switch (cp) {
    case 0xAD: return "soft hyphen (U+00AD)";
    case 0x180E: return "Mongolian vowel separator (U+180E)";
    case 0x200B: return "zero-width space (U+200B)";
    case 0x200C: return "zero-width non-joiner (U+200C)";
    case 0x200D: return "zero-width joiner (U+200D)";
    case 0x2060: return "word joiner (U+2060)";
    case 0xFEFF: return "zero-width no-break space (U+FEFF, a byte order mark inside the file)";
    default:
        break;
    }
    if (cp >= 0xE0000)
        return "tag character (U+E0001-U+E007F)";
    if (cp >= 0xFFF9)
        return "interlinear annotation character (U+FFF9-U+FFFB)";
    if (cp >= 0x206A)
        return "deprecated format character (U+206A-U+206F)";
    return "invisible operator (U+2061-U+2064)";
}

/* The end of the emoji flag sequence at s[i] (U+1F3F4 then tag characters
 * through U+E007F cancel tag), or i when there is none there. */
static size_t flag_sequence_end(const unsigned char *s, size_t i, size_t end)
{
    static const unsigned char black_flag[] = {0xF0, 0x9F, 0x8F, 0xB4};
    if (end - i < 4 || memcmp(s + i, black_flag, 4) != 0)
        return i;
    size_t k = i + 4, n;
    unsigned cp = 0;
    while (k < end && s[k] == 0xF3 && (cp = invisible_at(s, k, end, &n)) >= 0xE0020) {
        k += n;
        if (cp == 0xE007F)
            return k;
    }
    return i;
}

/* Punctuation whose neighbourhood Markdown reads: removing an invisible
 * character beside it could open or close a link, emphasis, code or HTML. */
static bool markdown_punct(unsigned char c)
{
    switch (c) {
    case '[': case ']': case '(': case ')': case '<': case '>': case '*': case '_':
    case '~': case '`': case '!': case '#': case '|': case '\\': case '&':
        return true;
    default:
        return false;
    }
}

static bool is_blank(unsigned char c)
{
    return c == ' ' || c == '\t';
}

static void report_run(awl_check *check, size_t line_start, size_t line_end, size_t start,
                       size_t end, unsigned first_cp, size_t count)
{
    const unsigned char *s = (const unsigned char *)check->doc->source.bytes;
    awl_diag *diag;
    if (count == 1)
        diag = awl_emit(check, start, end, "invisible %s", invisible_name(first_cp));
    else
        diag = awl_emit(check, start, end, "%zu invisible characters in a row, starting with a %s",
                        count, invisible_name(first_cp));
    diag->changes_text = true;
    size_t lead = line_start;
    while (lead < start && is_blank(s[lead]))
        lead++;
    if (lead == start) {
        /* The run opens the line's content. */
        size_t after = end;
        while (after < line_end && is_blank(s[after]))
            after++;
        bool letter = after < line_end && (s[after] >= 0x80 || (s[after] >= 'a' && s[after] <= 'z') ||
                                           (s[after] >= 'A' && s[after] <= 'Z'));
        awl_add_edit(check, diag, start, letter ? after : end, "", 0);
        if (!letter)
            awl_fix_unsafe(diag);
        return;
    }
    awl_add_edit(check, diag, start, end, "", 0);
    /* `--<U+200B>-` would become a thematic break or setext underline. */
    bool structural = true;
    for (size_t k = lead; k < line_end && structural; k++)
        if ((k < start || k >= end) && !is_blank(s[k]) && s[k] != '-' && s[k] != '=' &&
            s[k] != '*' && s[k] != '_')
            structural = false;
    unsigned char before = s[start - 1];
    bool at_end = end >= line_end;
    if (markdown_punct(before) || (!at_end && markdown_punct(s[end])) ||
        (at_end && is_blank(before)) || structural)
        awl_fix_unsafe(diag);
}

/* ZWJ and ZWNJ count only between ASCII characters (or a line's ends). */
static bool joiner_is_stray(const unsigned char *s, size_t line_start, size_t line_end, size_t i,
                            size_t n)
{
    bool before_ascii = i == line_start || s[i - 1] < 0x80;
    bool after_ascii = i + n >= line_end || s[i + n] < 0x80;
    return before_ascii && after_ascii;
}

/* Whether the three bytes at s[k] are a letter of Thai, Lao, Tibetan,
 * Myanmar or Khmer (U+0E00-U+0FFF, U+1000-U+109F, U+1780-U+17FF): scripts
 * written without spaces, where U+200B marks where a line may break. */
static bool unspaced_script_at(const unsigned char *s, size_t k)
{
    if (s[k] == 0xE0)
        return s[k + 1] >= 0xB8 && s[k + 1] <= 0xBF;
    return s[k] == 0xE1 &&
           ((s[k + 1] >= 0x80 && s[k + 1] <= 0x82) || s[k + 1] == 0x9E || s[k + 1] == 0x9F);
}

/* Whether the U+200B at s[i] sits beside such a letter, looking past other
 * U+200B on either side. */
static bool word_break_hint(const unsigned char *s, size_t line_start, size_t line_end, size_t i)
{
    static const unsigned char zwsp[] = {0xE2, 0x80, 0x8B};
    size_t before = i, after = i + 3;
    while (before >= line_start + 3 && memcmp(s + before - 3, zwsp, 3) == 0)
        before -= 3;
    while (after + 3 <= line_end && memcmp(s + after, zwsp, 3) == 0)
        after += 3;
    return (before >= line_start + 3 && unspaced_script_at(s, before - 3)) ||
           (after + 3 <= line_end && unspaced_script_at(s, after));
}

/* One line [from, line_next): a run of invisible characters ends at the
 * line's end at the latest. */
static void check_line(awl_check *check, size_t line, size_t from)
{
    const awl_source *src = &check->doc->source;
    const unsigned char *s = (const unsigned char *)src->bytes;
    size_t end = awl_source_line_next(src, line);
    size_t line_start = src->line_starts[line], line_end = awl_source_line_end(src, line);
    size_t run_start = 0, run_count = 0;
    unsigned run_cp = 0;
    for (size_t i = from; i < end;) {
        unsigned char b = s[i];
        if (b < 0x80 && !run_count) {
            i = awl_skip_ascii(s, i, end);
            continue;
        }
        size_t n = 0, skip = 1;
        unsigned cp = 0;
        if (b == 0xF0 && flag_sequence_end(s, i, end) > i)
            skip = flag_sequence_end(s, i, end) - i; /* a flag's tags are its own */
        if (b == 0xC2 || b == 0xE1 || b == 0xE2 || b == 0xEF || b == 0xF3) {
            cp = invisible_at(s, i, line_end, &n);
            if ((cp == 0x200C || cp == 0x200D) && !joiner_is_stray(s, line_start, line_end, i, n))
                cp = 0;
            if (cp == 0x200B && word_break_hint(s, line_start, line_end, i))
                cp = 0;
        }
        if (cp) {
            if (!run_count) {
                run_start = i;
                run_cp = cp;
            }
            run_count++;
            i += n;
            if (i < line_end)
                continue;
        }
        if (run_count) {
            report_run(check, line_start, line_end, run_start, i, run_cp, run_count);
            run_count = 0;
        }
        if (!cp)
            i += skip;
    }
    if (run_count)
        report_run(check, line_start, line_end, run_start, line_end, run_cp, run_count);
}

static void check_invisible_char(awl_check *check)
{
    const awl_source *src = &check->doc->source;
    /* Only lines holding a byte >= 0x80 can hold one; a leading byte order
     * mark is the bom rule's. */
    for (size_t line = awl_source_next_marked(src, 0, AWL_MARK_NON_ASCII); line < src->line_count;
         line = awl_source_next_marked(src, line + 1, AWL_MARK_NON_ASCII))
        check_line(check, line, line == 0 && src->has_bom ? 3 : src->line_starts[line]);
}

const awl_rule awl_rule_invisible_char = {
    .id = "invisible-char",
    .category = "unicode",
    .severity = AWL_SEVERITY_WARNING,
    .fix = AWL_FIX_SAFE,
    .summary = "No zero-width spaces, soft hyphens or other invisible format characters",
    .explanation =
        "Zero-width spaces, soft hyphens, word joiners and byte order marks inside the\n"
        "file show nothing on the page, but they break searching the list, copying a\n"
        "title, and any link or code they land in. They usually arrive by pasting from\n"
        "a PDF or a web page. Tag characters (U+E0001-U+E007F) can hide a sentence\n"
        "in a line. Zero-width joiners inside emoji sequences and non-Latin words, the\n"
        "tags of a flag such as Scotland's, and zero-width spaces between Thai, Lao,\n"
        "Tibetan, Myanmar or Khmer words are kept. The fix removes the characters.\n"
        "\n"
        "Bad (<U+200B> stands for the invisible character):\n"
        "    - [Alpa](https://arxiv.org/abs/2201.12023) - Auto<U+200B>mating parallelism.\n"
        "Good:\n"
        "    - [Alpa](https://arxiv.org/abs/2201.12023) - Automating parallelism.\n",
    .check = check_invisible_char,
};
