/*
 * mojibake: UTF-8 text that was once decoded in a single-byte code page and
 * saved again, such as "Î»DNN" for "λDNN" (cp1252) or "ÎĽ-Serve" for
 * "μ-Serve" (cp1250).
 *
 * Runs of non-ASCII characters are looked at one position at a time. For
 * each code page of mojibake_tables.h (cp1252, latin-1, cp1250, iso-8859-2,
 * cp1251, cp1253, cp1254, cp1257, macroman, cp437) the characters are turned
 * back into the bytes that code page gives them; where those bytes form one
 * or more whole multi-byte UTF-8 sequences, the span is a candidate. It is
 * repaired only when the original is clearly damaged: it holds a control
 * or undefined byte's character, a letter touches a symbol ("Ã©", "â€™"),
 * it is all symbols (cp437's box drawing), or it is letters standing alone
 * between non-letters ("ÎĽ" in "ÎĽ-Serve"). Real accented, Greek or
 * Cyrillic words almost never re-encode to valid UTF-8, and when they do
 * they are letters inside a word, so they are left alone. A repair that
 * yields control characters is refused; one that is itself mojibake is
 * repaired once more (text damaged twice).
 */
#include <stdint.h>
#include <string.h>

#include "mojibake_tables.h"
#include "rule.h"

#define RUN_MAX 256

/* Decodes one UTF-8 sequence at s[i..end); *n gets its length (1 for an
 * invalid byte, which then yields 0xFFFD). */
static uint32_t decode(const unsigned char *s, size_t i, size_t end, size_t *n)
{
    size_t len = awl_utf8_sequence_length(s + i, end - i);
    if (len == 0) {
        *n = 1;
        return 0xFFFD;
    }
    *n = len;
    if (len == 1)
        return s[i];
    uint32_t c = s[i] & (0xFF >> (len + 1));
    for (size_t k = 1; k < len; k++)
        c = (c << 6) | (s[i + k] & 0x3F);
    return c;
}

/* The byte code page `p` gives code point `c` (0x80-0xFF), or 0. */
static unsigned char encode(const awl_codepage *p, uint32_t c)
{
    if (c < 0x80 || (c >= 0x2600 && c != 0xFB01 && c != 0xFB02))
        return 0;
    size_t lo = 0, hi = p->count;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (p->sorted_cp[mid] < c)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < p->count && p->sorted_cp[lo] == c ? p->sorted_byte[lo] : 0;
}

static bool ascii_letter(uint32_t c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* Whether a repaired character is one real text is made of: Latin-1 and
 * Latin Extended-A letters, Vietnamese's o and u with horn, Greek, Cyrillic,
 * common punctuation, the euro and trade mark signs, emoji; Latin-1's
 * symbols only from cp1252 or latin-1 ("Â°"); Hebrew, Arabic, kana, CJK
 * and Hangul only when the span repairs to two characters or more (a lone
 * "×”" is a times sign and a quote, not Hebrew). IPA, Armenian, combining
 * marks and the like are what coincidences decode to, so they are refused. */
static bool plausible(uint32_t c, size_t page, size_t seqs)
{
    if (c >= 0xA0 && c <= 0xBF)
        return page <= 1;
    if ((c >= 0xC0 && c <= 0x17F) || c == 0x1A0 || c == 0x1A1 || c == 0x1AF || c == 0x1B0)
        return true;
    if ((c >= 0x384 && c <= 0x3CE) || (c >= 0x401 && c <= 0x45F))
        return true;
    if ((c >= 0x2010 && c <= 0x2026) || (c >= 0x2030 && c <= 0x203A) || c == 0x20AC ||
        c == 0x2122 || (c >= 0x2190 && c <= 0x22FF))
        return true;
    if ((c >= 0x1F300 && c <= 0x1FAFF) || (c >= 0x2600 && c <= 0x27BF))
        return true;
    if ((c >= 0x5D0 && c <= 0x5EA) || (c >= 0x621 && c <= 0x64A) || (c >= 0x3000 && c <= 0x30FF) ||
        (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0xAC00 && c <= 0xD7A3) || (c >= 0xFF00 && c <= 0xFFEF))
        return seqs >= 2;
    return false;
}

/* Whether the repaired text is acceptable: every character plausible. */
static bool repair_is_clean(const unsigned char *b, size_t len, size_t page, size_t seqs)
{
    for (size_t i = 0; i < len;) {
        size_t n;
        uint32_t c = decode(b, i, len, &n);
        if (!plausible(c, page, seqs))
            return false;
        i += n;
    }
    return true;
}

/* Whether `c` is an upper-case letter: ASCII, or by code page p's table. */
static bool is_upper(const awl_codepage *p, uint32_t c)
{
    if (c < 0x80)
        return c >= 'A' && c <= 'Z';
    unsigned char b = encode(p, c);
    return b && p->cls[b - 0x80] == 'U';
}

/* Whether chars[0..n) (classes cls under the code page) are clearly damage,
 * with `before` and `after` the code points around them (0 at a line end). */
static bool clearly_damaged(const char *cls, size_t n, uint32_t before, uint32_t after)
{
    bool letters = false, symbols = false;
    for (size_t k = 0; k < n; k++) {
        if (cls[k] == 'C')
            return true;
        bool letter = cls[k] != 'S';
        if (k > 0 && letter != (cls[k - 1] != 'S'))
            return true;
        letters |= letter;
        symbols |= !letter;
    }
    if (!letters)
        return true;
    if (symbols)
        return true;
    /* Letters only: damage when they stand alone, not inside a word. */
    bool before_letter = before >= 0x80 || ascii_letter(before);
    bool after_letter = after >= 0x80 || ascii_letter(after);
    return !before_letter && !after_letter;
}

/* Tries code page p on the run's characters from position i; on success
 * returns the number of characters of the span and writes its bytes. */
static size_t try_span(size_t page, const uint32_t *chars, size_t n, size_t i,
                       uint32_t before, uint32_t after, unsigned char *bytes, size_t *byte_len)
{
    const awl_codepage *p = &awl_codepages[page];
    char cls[RUN_MAX];
    size_t j = i, len = 0, seqs = 0;
    while (j < n) {
        unsigned char lead = encode(p, chars[j]);
        if (lead < 0xC2 || lead > 0xF4)
            break;
        size_t need = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2;
        if (j + need > n)
            break;
        unsigned char seq[4] = {lead, 0, 0, 0};
        bool ok = true;
        for (size_t k = 1; k < need && ok; k++) {
            seq[k] = encode(p, chars[j + k]);
            ok = seq[k] != 0;
        }
        if (!ok || awl_utf8_sequence_length(seq, need) != need)
            break;
        for (size_t k = 0; k < need; k++) {
            cls[j - i + k] = p->cls[seq[k] - 0x80];
            bytes[len++] = seq[k];
        }
        j += need;
        seqs++;
    }
    if (j == i)
        return 0;
    uint32_t b = i > 0 ? chars[i - 1] : before, a = j < n ? chars[j] : after;
    /* One sequence alone: a symbol lead ("×”", "√π") is a symbol beside
     * another; a capital after a capital is all-caps text ("VOCÊ…"). */
    if (seqs == 1 && cls[0] == 'S')
        return 0;
    /* A capital after a capital is all-caps text ("VOCÊ…", "SÖÄ£"), unless
     * it sits inside the word and repairs to a Latin-1 capital ("HÃ”TEL"). */
    if (seqs == 1 && cls[0] == 'U' && is_upper(p, b)) {
        size_t k;
        uint32_t r = decode(bytes, 0, len, &k);
        if (!is_upper(p, a) || r < 0xC0 || r > 0xDE || r == 0xD7)
            return 0;
    }
    if (!clearly_damaged(cls, j - i, b, a) || !repair_is_clean(bytes, len, page, seqs))
        return 0;
    *byte_len = len;
    return j - i;
}

/* Repairs the whole of `bytes` once more when it is itself mojibake in
 * some code page: text damaged twice. */
static void repair_again(unsigned char *bytes, size_t *len)
{
    uint32_t chars[RUN_MAX];
    size_t n = 0;
    for (size_t i = 0; i < *len && n < RUN_MAX;) {
        size_t k;
        chars[n++] = decode(bytes, i, *len, &k);
        i += k;
    }
    unsigned char out[RUN_MAX * 4];
    for (size_t c = 0; c < AWL_CODEPAGE_COUNT; c++) {
        size_t out_len = 0;
        if (try_span(c, chars, n, 0, 0, 0, out, &out_len) == n) {
            memcpy(bytes, out, out_len);
            *len = out_len;
            return;
        }
    }
}

static void check_run(awl_check *check, const size_t *offsets, const uint32_t *chars, size_t n,
                      uint32_t before, uint32_t after)
{
    unsigned char bytes[RUN_MAX * 4];
    for (size_t i = 0; i < n;) {
        size_t span = 0, len = 0;
        for (size_t c = 0; c < AWL_CODEPAGE_COUNT && !span; c++)
            span = try_span(c, chars, n, i, before, after, bytes, &len);
        if (!span) {
            i++;
            continue;
        }
        repair_again(bytes, &len);
        awl_diag *diag = awl_emit(check, offsets[i], offsets[i + span],
                                  "mojibake: \"%.*s\" is UTF-8 read in the wrong encoding; it "
                                  "should read \"%.*s\"",
                                  (int)(offsets[i + span] - offsets[i]),
                                  check->doc->source.bytes + offsets[i], (int)len, (const char *)bytes);
        awl_add_edit(check, diag, offsets[i], offsets[i + span], (const char *)bytes, len);
        diag->changes_text = true;
        i += span;
    }
}

static void check_mojibake(awl_check *check)
{
    const awl_source *src = &check->doc->source;
    const unsigned char *s = (const unsigned char *)src->bytes;
    size_t end = src->length;
    size_t offsets[RUN_MAX + 1];
    uint32_t chars[RUN_MAX];
    size_t n = 0;
    uint32_t before = 0, prev = 0;
    for (size_t i = src->has_bom ? 3 : 0; i <= end;) {
        if (i < end && s[i] < 0x80) {
            /* Plain ASCII: skip ahead cheaply, eight bytes at a time. */
            if (!n) {
                uint64_t w;
                while (i + 9 <= end && (memcpy(&w, s + i + 1, 8), (w & 0x8080808080808080ULL) == 0))
                    i += 8;
            }
            if (n) {
                offsets[n] = i;
                check_run(check, offsets, chars, n, before, s[i] == '\n' || s[i] == '\r' ? 0 : s[i]);
                n = 0;
            }
            prev = s[i] == '\n' || s[i] == '\r' ? 0 : s[i];
            i++;
            continue;
        }
        if (i == end) {
            if (n) {
                offsets[n] = i;
                check_run(check, offsets, chars, n, before, 0);
            }
            break;
        }
        size_t len;
        uint32_t c = decode(s, i, end, &len);
        if (n == 0)
            before = prev;
        if (n == RUN_MAX) {
            offsets[n] = i;
            check_run(check, offsets, chars, n, before, c);
            n = 0;
            before = c;
        }
        offsets[n] = i;
        chars[n++] = c;
        prev = c;
        i += len;
    }
}

const awl_rule awl_rule_mojibake = {
    .id = "mojibake",
    .category = "unicode",
    .severity = AWL_SEVERITY_ERROR,
    .fix = AWL_FIX_SAFE,
    .summary = "No UTF-8 text garbled by a wrong decoding (Î»DNN for λDNN)",
    .explanation =
        "Text copied between tools is sometimes decoded in the wrong encoding and saved\n"
        "again: \"é\" becomes \"Ã©\", \"’\" becomes \"â€™\", \"λ\" becomes \"Î»\". The rule\n"
        "recognises UTF-8 read as cp1252, latin-1, cp1250, cp1251, cp1253, cp1254,\n"
        "cp1257, iso-8859-2, macroman or cp437 (once or twice) and repairs it, only\n"
        "where the damaged text is clearly not real writing: real accented, Greek,\n"
        "Cyrillic and emoji text is left alone.\n"
        "\n"
        "Bad:\n"
        "    - [\xC3\x8E\xC2\xBB" "DNN](https://example.com/ldnn) - Caf\xC3\x83\xC2\xA9 serving.\n"
        "Good:\n"
        "    - [\xCE\xBB" "DNN](https://example.com/ldnn) - Caf\xC3\xA9 serving.\n",
    .check = check_mojibake,
};
