/*
 * test_rules_unicode: the Unicode hygiene rules (invisible-char,
 * bidi-control, bom, mojibake, invalid-utf8, nbsp, unicode-normalization,
 * control-char), one finding and one fix at a time.
 *
 * Every expected position and fixed text below is worked out by hand from
 * the Markdown and the rule's description in rules/, never copied from a
 * run of the program. "\xE2\x80\x8B" is U+200B, "\xC2\xAD" U+00AD,
 * "\xE2\x80\x8D" U+200D.
 */
#include <criterion/criterion.h>
#include <string.h>

#include "config.h"
#include "engine.h"
#include "fix.h"
#include "rule.h"
#include "rule_expect.h"
#include "source.h"
#include "support.h"






/* ---- invisible-char ---------------------------------------------------- */

Test(invisible_char, zero_width_space_inside_a_word)
{
    /* "- [A](https://a.io) - Auto" is 26 characters: the ZWSP is column 27. */
    const char *text = "# L\n\n- [A](https://a.io) - Auto\xE2\x80\x8Bmating.\n";
    const awl_test_at want[] = {{3, 27}};
    awl_test_expect_findings(text, "invisible-char", 1, want);
    awl_test_expect_fixed(text, "# L\n\n- [A](https://a.io) - Automating.\n");
}

Test(invisible_char, soft_hyphen_from_a_pdf_title)
{
    /* "Low-" then U+00AD: column 5 of the text line. */
    const char *text = "# L\n\nLow-\xC2\xAD" "Dimensional Filters\n";
    const awl_test_at want[] = {{3, 5}};
    awl_test_expect_findings(text, "invisible-char", 1, want);
    awl_test_expect_fixed(text, "# L\n\nLow-Dimensional Filters\n");
}

Test(invisible_char, a_run_is_one_finding)
{
    const char *text = "# L\n\nyour knowledge\xE2\x80\x8B\xE2\x80\x8B. More\n";
    awl_diags diags;
    awl_doc *doc = awl_test_lint(text, &diags);
    cr_assert_eq(awl_test_count(&diags, "invisible-char"), 1);
    const awl_diag *d = awl_test_nth(&diags, "invisible-char", 0);
    cr_expect_eq(d->end - d->start, 6, "both zero-width spaces, 3 bytes each");
    cr_expect_not_null(strstr(d->message, "2 invisible characters"), "%s", d->message);
    cr_expect_eq(d->fix, AWL_FIX_SAFE);
    cr_expect(d->changes_text);
    awl_diags_free(&diags);
    awl_doc_free(doc);
    awl_test_expect_fixed(text, "# L\n\nyour knowledge. More\n");
}

Test(invisible_char, line_opening_space_and_tab_removed_together)
{
    /* U+200B TAB at a paragraph's start: removing only the ZWSP would leave
     * a tab-indented line; the blanks after it go too. */
    const char *text = "# L\n\n\xE2\x80\x8B\tAda maintains this list.\n";
    const awl_test_at want[] = {{3, 1}};
    awl_test_expect_findings(text, "invisible-char", 1, want);
    awl_test_expect_fixed(text, "# L\n\nAda maintains this list.\n");
}

Test(invisible_char, beside_markdown_punctuation_the_fix_is_unsafe)
{
    /* Removing it would turn `[x]<ZWSP>(y)` into a link. */
    const char *text = "# L\n\nSee [x]\xE2\x80\x8B(y) here.\n";
    awl_diags diags;
    awl_doc *doc = awl_test_lint(text, &diags);
    cr_assert_eq(awl_test_count(&diags, "invisible-char"), 1);
    cr_expect_eq(awl_test_nth(&diags, "invisible-char", 0)->fix, AWL_FIX_UNSAFE);
    awl_diags_free(&diags);
    awl_doc_free(doc);
    awl_test_expect_fixed(text, text);
}

Test(invisible_char, line_opening_run_before_a_marker_is_unsafe)
{
    /* "<ZWSP># Title" is a paragraph; without the ZWSP it is a heading. */
    const char *text = "# L\n\n\xE2\x80\x8B# Title\n";
    awl_diags diags;
    awl_doc *doc = awl_test_lint(text, &diags);
    cr_assert_eq(awl_test_count(&diags, "invisible-char"), 1);
    cr_expect_eq(awl_test_nth(&diags, "invisible-char", 0)->fix, AWL_FIX_UNSAFE);
    awl_diags_free(&diags);
    awl_doc_free(doc);
}

Test(invisible_char, byte_order_mark_inside_the_file)
{
    /* A leading BOM is not this rule's; one on line 3 is. */
    const char *text = "\xEF\xBB\xBF# L\n\n\xEF\xBB\xBFtext\n";
    const awl_test_at want[] = {{3, 1}};
    awl_test_expect_findings(text, "invisible-char", 1, want);
}

Test(invisible_char, joiners_in_emoji_and_scripts_are_kept)
{
    /* man ZWJ woman, Devanagari ka virama ZWJ ssa, Persian with ZWNJ. */
    awl_test_expect_silent("# L\n\n\xF0\x9F\x91\xA8\xE2\x80\x8D\xF0\x9F\x91\xA9 family\n", "invisible-char");
    awl_test_expect_silent("# L\n\n\xE0\xA4\x95\xE0\xA5\x8D\xE2\x80\x8D\xE0\xA4\xB7\n", "invisible-char");
    awl_test_expect_silent("# L\n\n\xD9\x85\xDB\x8C\xE2\x80\x8C\xD8\xAE\n", "invisible-char");
    awl_test_expect_silent("# L\n\nPlain text with a \xE2\x9D\xA4\xEF\xB8\x8F heart.\n", "invisible-char");
}

Test(invisible_char, joiner_between_ascii_letters_is_stray)
{
    const char *text = "# L\n\nab\xE2\x80\x8D" "cd\n";
    const awl_test_at want[] = {{3, 3}};
    awl_test_expect_findings(text, "invisible-char", 1, want);
    awl_test_expect_fixed(text, "# L\n\nabcd\n");
}

Test(invisible_char, reported_in_code_too)
{
    /* A ZWSP in a command breaks it when copied. */
    const char *text = "# L\n\n```\npip\xE2\x80\x8B install x\n```\n";
    const awl_test_at want[] = {{4, 4}};
    awl_test_expect_findings(text, "invisible-char", 1, want);
    awl_test_expect_fixed(text, "# L\n\n```\npip install x\n```\n");
}

Test(invisible_char, tag_characters_outside_a_flag)
{
    /* U+E0049 U+E0047 (tag I, tag G) hide text after "Hidden" (6 columns);
     * the same tags after U+1F3F4 spell a subdivision flag and stay. */
    const char *text = "# L\n\nHidden\xF3\xA0\x81\x89\xF3\xA0\x81\x87 words.\n";
    const awl_test_at want[] = {{3, 7}};
    awl_test_expect_findings(text, "invisible-char", 1, want);
    awl_test_expect_fixed(text, "# L\n\nHidden words.\n");
    awl_test_expect_silent(
        "# L\n\nScotland \xF0\x9F\x8F\xB4\xF3\xA0\x81\xA7\xF3\xA0\x81\xA2\xF3\xA0\x81\xB3"
        "\xF3\xA0\x81\xA3\xF3\xA0\x81\xB4\xF3\xA0\x81\xBF here.\n",
        "invisible-char");
    /* A flag whose tags never reach the cancel tag is no flag. */
    const awl_test_at cut[] = {{3, 2}};
    awl_test_expect_findings("# L\n\n\xF0\x9F\x8F\xB4\xF3\xA0\x81\xA7\xF3\xA0\x81\xA2 cut\n",
                             "invisible-char", 1, cut);
}

Test(invisible_char, deprecated_format_and_annotation_characters)
{
    /* U+206A after "Old" (column 4); U+FFF9 after " format and " (columns
     * 5-16), so column 17. */
    const char *text = "# L\n\nOld\xE2\x81\xAA format and \xEF\xBF\xB9note.\n";
    const awl_test_at want[] = {{3, 4}, {3, 17}};
    awl_test_expect_findings(text, "invisible-char", 2, want);
    awl_test_expect_fixed(text, "# L\n\nOld format and note.\n");
}

Test(invisible_char, word_breaks_in_unspaced_scripts_are_kept)
{
    /* Thai "ภาษา|ไทย" and Khmer "ក|ខ": U+200B is where a line may break. */
    awl_test_expect_silent("# L\n\n\xE0\xB8\xA0\xE0\xB8\xB2\xE0\xB8\xA9\xE0\xB8\xB2\xE2\x80\x8B"
                           "\xE0\xB9\x84\xE0\xB8\x97\xE0\xB8\xA2\n",
                           "invisible-char");
    awl_test_expect_silent("# L\n\n\xE1\x9E\x80\xE2\x80\x8B\xE2\x80\x8B\xE1\x9E\x81\n",
                           "invisible-char");
    /* Between a space and a Latin word it is stray: "ไทย " is 4 columns. */
    const awl_test_at want[] = {{3, 5}};
    awl_test_expect_findings("# L\n\n\xE0\xB9\x84\xE0\xB8\x97\xE0\xB8\xA2 \xE2\x80\x8Bwidget\n",
                             "invisible-char", 1, want);
}

/* ---- bidi-control ------------------------------------------------------ */

Test(bidi_control, trojan_source_override_in_a_code_span)
{
    /* "Run `rm " is 8 characters: the U+202E (E2 80 AE) is column 9, the
     * U+202C after "x" column 11. */
    const char *text = "# L\n\nRun `rm \xE2\x80\xAEx\xE2\x80\xAC` now.\n";
    const awl_test_at want[] = {{3, 9}, {3, 11}};
    awl_test_expect_findings(text, "bidi-control", 2, want);
    awl_diags diags;
    awl_doc *doc = awl_test_lint(text, &diags);
    const awl_diag *d = awl_test_nth(&diags, "bidi-control", 0);
    cr_assert_not_null(d);
    cr_expect_eq(d->severity, AWL_SEVERITY_ERROR);
    cr_expect_eq(d->fix, AWL_FIX_UNSAFE);
    cr_expect_not_null(strstr(d->message, "U+202E"), "%s", d->message);
    awl_diags_free(&diags);
    awl_doc_free(doc);
    /* Unsafe: a plain --fix leaves it, --unsafe-fixes removes both. */
    awl_test_expect_fixed(text, text);
    awl_test_expect_fixed_unsafe(text, "# L\n\nRun `rm x` now.\n", true);
}

Test(bidi_control, isolates_are_reported)
{
    /* U+2066 (E2 81 A6) and U+2069 (E2 81 A9). */
    const char *text = "# L\n\nab\xE2\x81\xA6" "cd\xE2\x81\xA9\n";
    const awl_test_at want[] = {{3, 3}, {3, 6}};
    awl_test_expect_findings(text, "bidi-control", 2, want);
}

Test(bidi_control, implicit_marks_and_arabic_are_fine)
{
    /* U+200F RLM and U+200E LRM, Arabic letters, U+2013 en dash and
     * U+2026 ellipsis (also E2 80 xx) stay silent. */
    awl_test_expect_silent("# L\n\n\xD8\xA3\xD8\xAF\xD9\x88\xD8\xA7\xD8\xAA\xE2\x80\x8F (2020) \xE2\x80\x8Ex\n",
                  "bidi-control");
    awl_test_expect_silent("# L\n\nA \xE2\x80\x93 B\xE2\x80\xA6\n", "bidi-control");
}

/* ---- bom --------------------------------------------------------------- */

Test(bom, leading_mark_removed)
{
    const char *text = "\xEF\xBB\xBF# L\n\nText.\n";
    const awl_test_at want[] = {{1, 1}};
    awl_test_expect_findings(text, "bom", 1, want);
    awl_test_expect_fixed(text, "# L\n\nText.\n");
}

Test(bom, no_mark_no_finding)
{
    awl_test_expect_silent("# L\n\nText.\n", "bom");
    /* A mark inside the file is invisible-char's, not bom's. */
    awl_test_expect_silent("# L\n\n\xEF\xBB\xBFText.\n", "bom");
}

/* ---- mojibake ---------------------------------------------------------- */

Test(mojibake, seed_001_lambda_read_as_cp1252)
{
    /* "Î»" is CE BB (λ's UTF-8) shown as cp1252; "- [" puts it at column 4. */
    const char *text = "# L\n\n- [\xC3\x8E\xC2\xBB" "DNN](https://a.io) - Serving.\n";
    const awl_test_at want[] = {{3, 4}};
    awl_test_expect_findings(text, "mojibake", 1, want);
    awl_test_expect_fixed(text, "# L\n\n- [\xCE\xBB" "DNN](https://a.io) - Serving.\n");
}

Test(mojibake, seed_002_mu_read_as_cp1250)
{
    /* "ÎĽ": CE BC (μ) as cp1250, where BC is Ľ (U+013D). */
    const char *text = "# L\n\nThe \xC3\x8E\xC4\xBD-Serve system.\n";
    const awl_test_at want[] = {{3, 5}};
    awl_test_expect_findings(text, "mojibake", 1, want);
    awl_test_expect_fixed(text, "# L\n\nThe \xCE\xBC-Serve system.\n");
}

Test(mojibake, french_accent_and_smart_quote)
{
    /* "cafÃ©" -> "café"; "â€™" (E2 80 99 as cp1252) -> "’". */
    const char *text = "# L\n\nThe caf\xC3\x83\xC2\xA9 isn\xC3\xA2\xE2\x82\xAC\xE2\x84\xA2t open.\n";
    const awl_test_at want[] = {{3, 8}, {3, 14}};
    awl_test_expect_findings(text, "mojibake", 2, want);
    awl_test_expect_fixed(text, "# L\n\nThe caf\xC3\xA9 isn\xE2\x80\x99t open.\n");
}

Test(mojibake, damaged_twice)
{
    /* é -> "Ã©" -> "ÃƒÂ©" (C3 83 C2 A9 as cp1252): repaired in one go. */
    const char *text = "# L\n\ncaf\xC3\x83\xC6\x92\xC3\x82\xC2\xA9\n";
    const awl_test_at want[] = {{3, 4}};
    awl_test_expect_findings(text, "mojibake", 1, want);
    awl_test_expect_fixed(text, "# L\n\ncaf\xC3\xA9\n");
}

Test(mojibake, real_text_in_many_languages_is_silent)
{
    /* Turkish, Polish, Greek capitals, Vietnamese, CJK and emoji. */
    awl_test_expect_silent("# L\n\nT\xC3\xBCrk\xC3\xA7" "e do\xC4\x9F" "al \xC4\xB0stanbul\n", "mojibake");
    awl_test_expect_silent("# L\n\nj\xC4\x99zyka \xC5\x81\xC3\xB3" "d\xC5\xBA\n", "mojibake");
    awl_test_expect_silent("# L\n\n\xCE\x95\xCE\x9D\xCE\x91 \xCE\xBC\xCE\xBF\xCE\xBD\xCF\x84\xCE\xAD\xCE\xBB\xCE\xBF\n",
                  "mojibake");
    awl_test_expect_silent("# L\n\nTi\xE1\xBA\xBFng Vi\xE1\xBB\x87t\n", "mojibake");
    awl_test_expect_silent("# L\n\n\xE4\xB8\xAD\xE6\x96\x87 \xF0\x9F\x9A\x80\n", "mojibake");
}

Test(mojibake, look_alikes_that_are_real_are_silent)
{
    /* "VOCÊ…" (all caps then an ellipsis), "5×£35" (times, pound), "×”"
     * (times, closing quote): valid UTF-8 when re-encoded, but real. */
    awl_test_expect_silent("# L\n\nSE VOC\xC3\x8A\xE2\x80\xA6\n", "mojibake");
    awl_test_expect_silent("# L\n\nOffering 5\xC3\x97\xC2\xA3" "35 pins\n", "mojibake");
    awl_test_expect_silent("# L\n\nthe \xE2\x80\x9C\xC3\x97\xE2\x80\x9D curves\n", "mojibake");
}

Test(mojibake, symbol_after_a_common_lead_in_capitals)
{
    /* "Ã‚" is C3 82 (Â) as cp1252: a symbol right after Ã, inside a word. */
    const char *text = "# L\n\nCH\xC3\x83\xE2\x80\x9ATEAU wines\n";
    const awl_test_at want[] = {{3, 3}};
    awl_test_expect_findings(text, "mojibake", 1, want);
    awl_test_expect_fixed(text, "# L\n\nCH\xC3\x82TEAU wines\n");
}

Test(mojibake, lost_no_break_space_after_a_final_a_grave)
{
    /* "à" is C3 A0; the A0 became a space, kept ("cittÃ  di", where one
     * space is the lost byte) or merged with the next one ("cittÃ di"). */
    const char *fixed = "# L\n\nLa citt\xC3\xA0 di Roma.\n";
    const awl_test_at want[] = {{3, 8}};
    awl_test_expect_findings("# L\n\nLa citt\xC3\x83  di Roma.\n", "mojibake", 1, want);
    awl_test_expect_fixed("# L\n\nLa citt\xC3\x83  di Roma.\n", fixed);
    awl_test_expect_fixed("# L\n\nLa citt\xC3\x83 di Roma.\n", fixed);
    /* A spaced-out capital is not the end of a lower-case word. */
    awl_test_expect_silent("# L\n\nS \xC3\x83 O P A U L O\n", "mojibake");
}

Test(mojibake, lost_byte_repairs_to_the_replacement_character)
{
    /* "”" is E2 80 9D; cp1252 has no 9D, so a strict decoder gave U+FFFD:
     * "â€�" is a character that is gone, and "�" says so. "Slides" is
     * columns 4-9. */
    const char *text =
        "# L\n\n\xC3\xA2\xE2\x82\xAC\xC5\x93Slides\xC3\xA2\xE2\x82\xAC\xEF\xBF\xBD here\n";
    const awl_test_at want[] = {{3, 1}, {3, 10}};
    awl_test_expect_findings(text, "mojibake", 2, want);
    awl_test_expect_fixed(text, "# L\n\n\xE2\x80\x9CSlides\xEF\xBF\xBD here\n");
}

Test(mojibake, c1_controls_repaired_once_the_file_shows_latin1_damage)
{
    /* "Ã" U+0089 is É read as latin-1; the same decoder turned cp1252's
     * quotes 93 and 94 into C1 controls. "Ã\x89cole and " is 11 columns. */
    const char *text = "# L\n\n\xC3\x83\xC2\x89"
                       "cole and \xC2\x93notes\xC2\x94.\n";
    const awl_test_at want[] = {{3, 1}, {3, 12}, {3, 18}};
    awl_test_expect_findings(text, "mojibake", 3, want);
    awl_test_expect_fixed(text, "# L\n\n\xC3\x89"
                                "cole and \xE2\x80\x9Cnotes\xE2\x80\x9D.\n");
}

Test(mojibake, lone_c1_control_without_latin1_damage_is_left)
{
    awl_test_expect_silent("# L\n\nC'est fini\xC2\x85 vraiment.\n", "mojibake");
}

Test(mojibake, doubtful_span_needs_clear_damage_in_the_same_file)
{
    /* "Ã¥" (å) scores low: a capital beside a currency sign is leetspeak.
     * Beside a real en dash it stays; in a file with "CafÃ©" it is the same
     * damage and is repaired. */
    awl_test_expect_silent("# L\n\nSm\xC3\x83\xC2\xA5 ting \xE2\x80\x93 notes\n", "mojibake");
    const char *text = "# L\n\nCaf\xC3\x83\xC2\xA9 and Sm\xC3\x83\xC2\xA5 ting\n";
    const awl_test_at want[] = {{3, 4}, {3, 13}};
    awl_test_expect_findings(text, "mojibake", 2, want);
    awl_test_expect_fixed(text, "# L\n\nCaf\xC3\xA9 and Sm\xC3\xA5 ting\n");
}

Test(mojibake, code_blocks_may_show_it_on_purpose)
{
    /* The same "CafÃ©" in text, a fenced block and an indented block: only
     * the text's is damage. */
    const char *text = "# L\n\nCaf\xC3\x83\xC2\xA9 here.\n\n```\nCaf\xC3\x83\xC2\xA9 shown\n```\n\n"
                       "    Caf\xC3\x83\xC2\xA9 indented\n";
    const awl_test_at want[] = {{3, 4}};
    awl_test_expect_findings(text, "mojibake", 1, want);
}

Test(mojibake, in_a_link_target_the_fix_is_unsafe)
{
    /* The damaged address may be the one the server answers to. "- [Caf"
     * puts the title's at column 7; "- [CafÃ©](" is 10 columns and
     * "https://a.io/caf" 16 more, so the URL's is at 27. */
    const char *text = "# L\n\n- [Caf\xC3\x83\xC2\xA9](https://a.io/caf\xC3\x83\xC2\xA9) - x.\n";
    const awl_test_at want[] = {{3, 7}, {3, 27}};
    awl_test_expect_findings(text, "mojibake", 2, want);
    awl_diags diags;
    awl_doc *doc = awl_test_lint(text, &diags);
    cr_expect_eq(awl_test_nth(&diags, "mojibake", 0)->fix, AWL_FIX_SAFE);
    cr_expect_eq(awl_test_nth(&diags, "mojibake", 1)->fix, AWL_FIX_UNSAFE);
    awl_diags_free(&diags);
    awl_doc_free(doc);
    awl_test_expect_fixed(text, "# L\n\n- [Caf\xC3\xA9](https://a.io/caf\xC3\x83\xC2\xA9) - x.\n");
    awl_test_expect_fixed_unsafe(text, "# L\n\n- [Caf\xC3\xA9](https://a.io/caf\xC3\xA9) - x.\n",
                                 true);
}

Test(mojibake, every_doubtful_span_of_a_damaged_file_is_repaired)
{
    /* A whole file read as cp1252: one clear "CafÃ©", then 300 lines whose
     * only damage is the doubtful "Ã¥". All 301 are reported. */
    static const char line[] = "Sm\xC3\x83\xC2\xA5 ting.\n";
    char text[16 + 300 * sizeof line];
    strcpy(text, "# L\n\nCaf\xC3\x83\xC2\xA9.\n");
    for (int i = 0; i < 300; i++)
        strcat(text, line);
    awl_diags diags;
    awl_doc *doc = awl_test_lint(text, &diags);
    cr_expect_eq(awl_test_count(&diags, "mojibake"), 301);
    awl_diags_free(&diags);
    awl_doc_free(doc);
}

Test(mojibake, a_closing_quote_stays_beside_clear_damage)
{
    /* "РџСЂРёРІРµС‚" is "Привет" read as cp1251; in the same file "Е“"
     * (cp1251 for œ) is the end of a real „ВСЕ“, quoted the Russian way. */
    const char *text =
        "# L\n\n\xD0\xA0\xD1\x9F\xD0\xA1\xD0\x82\xD0\xA0\xD1\x91\xD0\xA0\xD0\x86\xD0\xA0\xC2\xB5"
        "\xD0\xA1\xE2\x80\x9A and \xE2\x80\x9E\xD0\x92\xD0\xA1\xD0\x95\xE2\x80\x9C here.\n";
    const awl_test_at want[] = {{3, 1}};
    awl_test_expect_findings(text, "mojibake", 1, want);
    awl_test_expect_fixed(text, "# L\n\n\xD0\x9F\xD1\x80\xD0\xB8\xD0\xB2\xD0\xB5\xD1\x82 and "
                                "\xE2\x80\x9E\xD0\x92\xD0\xA1\xD0\x95\xE2\x80\x9C here.\n");
}

Test(mojibake, real_capitals_before_punctuation_are_silent)
{
    /* Each re-encodes to a real letter (ŗ, Ò, ř, ģ, Ņ), but is real text:
     * an angstrom sign and an em dash, a quoted letter's plural, a trade
     * mark ending a capital word, leetspeak, capitals and an ellipsis. */
    awl_test_expect_silent("# L\n\nA 5 \xC3\x85\xE2\x80\x94 film\n", "mojibake");
    awl_test_expect_silent("# L\n\nThe letter \xC3\x83\xE2\x80\x99s shape\n", "mojibake");
    awl_test_expect_silent("# L\n\nThe M\xC3\x85\xE2\x84\xA2 brand\n", "mojibake");
    awl_test_expect_silent("# L\n\nH\xC3\x84\xC2\xA3LL\xC3\x96 there\n", "mojibake");
    awl_test_expect_silent("# L\n\nVI SK\xC3\x85\xE2\x80\xA6\n", "mojibake");
}

Test(mojibake, real_words_and_math_are_silent)
{
    /* Russian "Её", "Ді-Кар" (Ukrainian), Belarusian before a real U+FFFD:
     * two Cyrillic letters that cp1251 turns into valid UTF-8. */
    awl_test_expect_silent("# L\n\n\xD0\x95\xD1\x91 \xD0\x94\xD1\x96-\xD0\x9A\xD0\xB0\xD1\x80\n",
                           "mojibake");
    awl_test_expect_silent("# L\n\n\xD1\x82\xD0\xB0\xD1\x9E\xEF\xBF\xBD\n", "mojibake");
    /* λ ≤ 2 × n, x² ± 1, ≥ 90 °C in 5 µs. */
    awl_test_expect_silent(
        "# L\n\n\xCE\xBB \xE2\x89\xA4 2 \xC3\x97 n, x\xC2\xB2 \xC2\xB1 1, \xE2\x89\xA5 90 "
        "\xC2\xB0"
        "C in 5 \xC2\xB5s\n",
        "mojibake");
    /* Czech, German capitals, French, Turkish capitals. */
    awl_test_expect_silent("# L\n\nP\xC5\x99\xC3\xADli\xC5\xA1 "
                           "\xC5\xBElu\xC5\xA5ou\xC4\x8Dk\xC3\xBD k\xC5\xAF\xC5\x88\n",
                           "mojibake");
    awl_test_expect_silent("# L\n\nGR\xC3\x96\xC3\x9F"
                           "E \xC3\x80 bient\xC3\xB4t \xC4\xB0\xC5\x9E\xC3\x87\xC4\xB0\n",
                           "mojibake");
}

/* ---- invalid-utf8 ------------------------------------------------------ */

Test(invalid_utf8, latin1_byte_and_cut_character)
{
    /* E9 (latin-1 é) at "- [Caf" + 1 = column 7, byte 5 + 6 = 11; the cut
     * euro sign E2 82 at the end of line 4, column 6: line 3 is 23 bytes from
     * byte 5, so line 4 starts at 28 and the bytes sit at 28 + 5 = 33. */
    const char *text = "# L\n\n- [Caf\xE9](https://a.io)\n- ok \xE2\x82\n";
    const awl_test_at want[] = {{3, 7}, {4, 6}};
    awl_test_expect_findings(text, "invalid-utf8", 2, want);
    awl_diags diags;
    awl_doc *doc = awl_test_lint(text, &diags);
    const awl_diag *d = awl_test_nth(&diags, "invalid-utf8", 0), *e = awl_test_nth(&diags, "invalid-utf8", 1);
    cr_assert(d && e);
    cr_expect_not_null(strstr(d->message, "byte offset 11"), "%s", d->message);
    cr_expect_not_null(strstr(e->message, "byte offset 33"), "%s", e->message);
    cr_expect_eq(d->fix, AWL_FIX_UNSAFE);
    awl_diags_free(&diags);
    awl_doc_free(doc);
    /* The unsafe fix puts one U+FFFD per bad byte. */
    awl_test_expect_fixed_unsafe(text,
                        "# L\n\n- [Caf\xEF\xBF\xBD](https://a.io)\n- ok \xEF\xBF\xBD\xEF\xBF\xBD\n",
                        true);
}

Test(invalid_utf8, the_rest_of_the_file_is_still_linted)
{
    /* A bad byte on line 3 and trailing spaces on line 4: both reported. */
    const char *text = "# L\n\nx \xFF y\nz  \n";
    awl_diags diags;
    awl_doc *doc = awl_test_lint(text, &diags);
    cr_expect_eq(awl_test_count(&diags, "invalid-utf8"), 1);
    cr_expect_eq(awl_test_count(&diags, "trailing-space"), 1);
    awl_diags_free(&diags);
    awl_doc_free(doc);
}

Test(invalid_utf8, valid_text_is_silent)
{
    awl_test_expect_silent("# L\n\ncaf\xC3\xA9 \xE2\x82\xAC \xF0\x9F\x8D\xB5\n", "invalid-utf8");
}

/* ---- nbsp -------------------------------------------------------------- */

Test(nbsp, heading_link_text_and_venue_tag)
{
    /* "\xC2\xA0" is U+00A0. Heading: "## A" then the space at column 5;
     * link text: "- [B" then column 5; venue: "- [C](" is 6 characters,
     * "https://c.io" 12, ") - " 4 and "OSDI" 4: the space at 27. */
    const char *text = "# L\n\n## A\xC2\xA0" "B\n\n- [B\xC2\xA0" "C](https://b.io) - x.\n"
                       "- [C](https://c.io) - OSDI\xC2\xA0'22.\n";
    const awl_test_at want[] = {{3, 5}, {5, 5}, {6, 27}};
    awl_test_expect_findings(text, "nbsp", 3, want);
    awl_test_expect_fixed(text, "# L\n\n## A B\n\n- [B C](https://b.io) - x.\n"
                       "- [C](https://c.io) - OSDI '22.\n");
}

Test(nbsp, plain_text_and_code_are_left_alone)
{
    /* "10 ms" and "Cai et al." may keep their no-break space on purpose. */
    awl_test_expect_silent("# L\n\nIt takes 10\xC2\xA0ms, Cai\xC2\xA0" "et al.\n", "nbsp");
    awl_test_expect_silent("# L\n\n```\nOSDI\xC2\xA0'22\n```\n", "nbsp");
    /* One capital is not a venue: "Vol\xC2\xA0" "2023". */
    awl_test_expect_silent("# L\n\nVol\xC2\xA0" "2023\n", "nbsp");
}

/* ---- unicode-normalization --------------------------------------------- */

Test(unicode_normalization, decomposed_heading_and_title)
{
    /* "e" + U+0301 (CC 81): the finding starts at the "e", column 5 of
     * "## Re" and column 7 of "- [Cafe". */
    const char *text = "# L\n\n## Re\xCC\x81seaux\n\n- [Cafe\xCC\x81](https://a.io) - x.\n";
    const awl_test_at want[] = {{3, 5}, {5, 7}};
    awl_test_expect_findings(text, "unicode-normalization", 2, want);
    awl_test_expect_fixed(text, "# L\n\n## R\xC3\xA9seaux\n\n- [Caf\xC3\xA9](https://a.io) - x.\n");
}

Test(unicode_normalization, composed_and_unchangeable_marks_are_silent)
{
    /* Composed é; Devanagari virama (a combining mark NFC keeps); a
     * decomposed accent in plain text outside titles. */
    awl_test_expect_silent("# L\n\n## R\xC3\xA9seaux\n\n- [\xE0\xA4\x95\xE0\xA5\x8D\xE0\xA4\xB7](https://a.io)\n"
                  "\nplain e\xCC\x81 text\n",
                  "unicode-normalization");
}

/* ---- control-char ------------------------------------------------------ */

/* Lints `len` bytes (NULs included) and expects control-char findings at
 * the 1-based (line, column, length in bytes) of `want`. */
static void expect_control_chars(const char *bytes, size_t len, size_t count, const size_t (*want)[3])
{
    awl_doc *doc = awl_doc_parse("test.md", bytes, len);
    awl_config config;
    awl_config_defaults(&config);
    awl_diags diags;
    awl_diags_init(&diags);
    awl_lint(doc, &config, &diags);
    cr_assert_eq(awl_test_count(&diags, "control-char"), count);
    for (size_t i = 0; i < count; i++) {
        const awl_diag *d = awl_test_nth(&diags, "control-char", i);
        size_t line, column;
        awl_source_position(&doc->source, d->start, &line, &column);
        cr_expect_eq(line, want[i][0], "finding %zu: line %zu", i, line);
        cr_expect_eq(column, want[i][1], "finding %zu: column %zu", i, column);
        cr_expect_eq(d->end - d->start, want[i][2], "finding %zu: %zu bytes", i, d->end - d->start);
        cr_expect_eq(d->edit_count, 0, "control-char offers no fix");
    }
    awl_diags_free(&diags);
    awl_doc_free(doc);
}

Test(control_char, nul_bytes_and_runs_of_controls)
{
    /* "- [x](http://a)" is 15 characters: the NUL is column 16. Line 4
     * holds a run of three (U+0001 U+0002 U+001B) after "Caf", then DEL. */
    const char text[] = "# A\n\n- [x](http://a)\0 - y.\n- Caf\x01\x02\x1b\xC3\xA9 z\x7f\n";
    const size_t want[][3] = {{3, 16, 1}, {4, 6, 3}, {4, 12, 1}};
    expect_control_chars(text, sizeof text - 1, 3, want);
}

Test(control_char, white_space_controls_are_left_alone)
{
    /* Tab, form feed, CR LF and a lone CR are Markdown white space. */
    const char text[] = "# A\r\n\r\n- a\tb\fc\r- d\n";
    expect_control_chars(text, sizeof text - 1, 0, NULL);
}

Test(control_char, found_at_every_position_of_a_long_line)
{
    /* The rule skips ahead sixteen bytes at a time: a control byte must be
     * found wherever it falls, beside UTF-8, at a line's end or the file's. */
    static const char line[] = "- caf\xC3\xA9 and more words after it\nnext line";
    const size_t newline = (size_t)(strchr(line, '\n') - line);
    static const unsigned char controls[] = {0x00, 0x01, 0x1F, 0x7F};
    for (size_t c = 0; c < sizeof controls; c++) {
        for (size_t at = 0; at + 1 < sizeof line; at++) {
            if (at == newline || at == 5 || at == 6) /* a byte of "é" would leave the other */
                continue;
            char text[sizeof line];
            memcpy(text, line, sizeof line);
            text[at] = (char)controls[c];
            /* The two bytes of "é" are one column. */
            size_t want[][3] = {{1, at + 1 - (at > 6), 1}};
            if (at > newline) {
                want[0][0] = 2;
                want[0][1] = at - newline;
            }
            expect_control_chars(text, sizeof line - 1, 1, want);
        }
        char last[] = "- a list item ending in a control X";
        last[sizeof last - 2] = (char)controls[c];
        const size_t want_last[][3] = {{1, sizeof last - 1, 1}};
        expect_control_chars(last, sizeof last - 1, 1, want_last);
    }
}

/* ---- every line is read ------------------------------------------------ */

/* The byte rules read only the lines the source marked as holding a
 * non-ASCII or a control byte: each must still find its text on the first,
 * a middle and the last line, with LF and CR LF, with and without a final
 * newline. `insert` goes right after the "- [" of line `target` (1-based),
 * and the finding is expected at `column` of that line. */
static void expect_on_every_line(const char *id, const char *insert, size_t column)
{
    static const char *const lines[] = {"- [Alpha](https://a.io) - one.",
                                        "- [Beta](https://b.io) - two.",
                                        "- [Gamma](https://c.io) - three."};
    static const char *const newlines[] = {"\n", "\r\n"};
    for (size_t n = 0; n < 2; n++)
        for (int final = 0; final < 2; final++)
            for (size_t target = 1; target <= 3; target++) {
                char text[256] = "";
                for (size_t k = 1; k <= 3; k++) {
                    strncat(text, lines[k - 1], 3);
                    if (k == target)
                        strcat(text, insert);
                    strcat(text, lines[k - 1] + 3);
                    if (k < 3 || final)
                        strcat(text, newlines[n]);
                }
                const awl_test_at want[] = {{target, column}};
                awl_test_expect_findings(text, id, 1, want);
            }
}

Test(every_line_is_read, control_char)
{
    expect_on_every_line("control-char", "\x01", 4);
    expect_on_every_line("control-char", "\x7F", 4);
}

Test(every_line_is_read, invisible_char)
{
    /* "- [Al" then U+200B: column 6. */
    expect_on_every_line("invisible-char", "Al\xE2\x80\x8B", 6);
}

Test(every_line_is_read, mojibake)
{
    /* "Î»DNN " (λ read as cp1252, C3 8E C2 BB in octal) right after "- [". */
    expect_on_every_line("mojibake", "\303\216\302\273DNN ", 4);
}

Test(every_line_is_read, unicode_normalization)
{
    /* "Cafe" + U+0301: the finding starts at the "e", column 7. */
    expect_on_every_line("unicode-normalization", "Cafe\xCC\x81 ", 7);
}

Test(every_line_is_read, link_text_over_two_lines)
{
    /* The title's first line is ASCII; the decomposed accent is on its
     * second line, at the "e" of "  Re" (column 4). */
    const awl_test_at want[] = {{2, 4}};
    awl_test_expect_findings("- [Cafe and\n  Re\xCC\x81seaux](https://a.io) - x.\n",
                             "unicode-normalization", 1, want);
}

Test(every_line_is_read, bidi_control_and_nbsp)
{
    /* U+202E right after "- ["; a no-break space after "- [Al" in the
     * link text (column 6). */
    expect_on_every_line("bidi-control", "\xE2\x80\xAE", 4);
    expect_on_every_line("nbsp", "Al\xC2\xA0", 6);
}
