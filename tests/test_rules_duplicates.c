/*
 * test_rules_duplicates: duplicate-entry and duplicate-cross-section.
 *
 * Each case is a pair of entries written by hand; the expected lines come
 * from the rules' descriptions (rules/duplicates.h): which link keys and
 * title keys make two entries the same, and which never do.
 */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "engine.h"
#include "fix.h"
#include "rule.h"
#include "support.h"

/* Lints `text` and checks rule `id` reports exactly lines want[0..count). */
static void expect_lines(const char *text, const char *id, size_t count, const size_t *want)
{
    awl_diags diags;
    awl_doc *doc = awl_test_lint(text, &diags);
    size_t n = awl_test_count(&diags, id);
    cr_expect_eq(n, count, "%s: expected %zu finding(s), got %zu in:\n%s", id, count, n, text);
    size_t k = 0;
    for (size_t i = 0; i < diags.items.count; i++) {
        const awl_diag *d = awl_diags_at(&diags, i);
        if (strcmp(d->rule->id, id) != 0)
            continue;
        size_t line, column;
        awl_source_position(&doc->source, d->start, &line, &column);
        if (k < count)
            cr_expect_eq(line, want[k], "%s finding %zu: expected line %zu, got %zu (%s)", id, k + 1,
                         want[k], line, d->message);
        k++;
    }
    awl_diags_free(&diags);
    awl_doc_free(doc);
}

#define HEAD "# Papers\n\n## Systems\n\n" /* entries start at line 5 */

static void same(const char *a, const char *b)
{
    char text[2048];
    snprintf(text, sizeof text, HEAD "%s\n%s\n", a, b);
    const size_t want[] = {6};
    expect_lines(text, "duplicate-entry", 1, want);
}

static void different(const char *a, const char *b)
{
    char text[2048];
    snprintf(text, sizeof text, HEAD "%s\n%s\n", a, b);
    expect_lines(text, "duplicate-entry", 0, NULL);
    expect_lines(text, "duplicate-cross-section", 0, NULL);
}

Test(duplicate_entry, arxiv_abs_pdf_html_version_and_export_host)
{
    /* Titles differ in their letters, so only the arXiv id joins them. */
    same("- [Drizzle: Fast and Adaptable Stream Processing](https://arxiv.org/abs/1709.01234)",
         "- [Drizzle: Fast, Adaptable Stream Processing](https://arxiv.org/pdf/1709.01234v3.pdf)");
    same("- [Drizzle: Fast and Adaptable Stream Processing](https://export.arxiv.org/abs/1709.01234v1)",
         "- [Drizzle: Fast, Adaptable Stream Processing](http://www.arxiv.org/html/1709.01234)");
    different("- [Drizzle: Fast and Adaptable Stream Processing](https://arxiv.org/abs/1709.01234)",
              "- [Drizzle: Fast, Adaptable Stream Processing](https://arxiv.org/abs/1709.01235)");
}

Test(duplicate_entry, doi_hosts_agree)
{
    same("- [Naiad: A Timely Dataflow System](https://doi.org/10.1145/2517349.2522738)",
         "- [Naiad: the Timely Dataflow System](https://dl.acm.org/doi/pdf/10.1145/2517349.2522738)");
    same("- [Naiad: A Timely Dataflow System](https://dx.doi.org/10.1145/2517349.2522738)",
         "- [Naiad: the Timely Dataflow System](https://dl.acm.org/doi/abs/10.1145/2517349.2522738)");
}

Test(duplicate_entry, github_repository_case_git_and_tree_main)
{
    same("- [Timely](https://github.com/TimelyDataflow/timely-dataflow)",
         "- [Timely](https://github.com/timelydataflow/Timely-Dataflow.git)");
    same("- [Timely](https://github.com/TimelyDataflow/timely-dataflow/tree/main)",
         "- [Timely](https://github.com/timelydataflow/timely-dataflow/)");
    /* deeper paths are other things */
    different("- [Timely](https://github.com/TimelyDataflow/timely-dataflow/tree/main/docs)",
              "- [Timely](https://github.com/TimelyDataflow/timely-dataflow/tree/main/book)");
}

Test(duplicate_entry, openreview_pmlr_usenix_acl)
{
    same("- [Sparrow: Distributed Low Latency Scheduling](https://openreview.net/forum?id=Sp4rr0w)",
         "- [Sparrow: Distributed, Low Latency Scheduling](https://openreview.net/pdf?id=Sp4rr0w)");
    same("- [StreamBox: Modern Stream Processing on a Multicore Machine](https://proceedings.mlr.press/v97/miao19a.html)",
         "- [StreamBox: Modern Stream Processing on Multicore Machines](http://proceedings.mlr.press/v97/miao19a/miao19a.pdf)");
    same("- [Trill: A High-Performance Incremental Query Processor](https://www.usenix.org/conference/nsdi21/presentation/chandra)",
         "- [Trill: A High-Performance Incremental Query Processor for Streams](https://www.usenix.org/system/files/nsdi21-chandra.pdf)");
    same("- [Holmes: Tracking Streams of Text](https://aclanthology.org/2021.acl-long.42/)",
         "- [Holmes: Tracking the Streams of Text](https://aclanthology.org/2021.acl-long.42.pdf)");
}

Test(duplicate_entry, normalised_url)
{
    same("- [Heron](https://www.heron.example/docs/?utm_source=list)",
         "- [Heron](http://heron.example:80/docs#intro)");
    different("- [Heron](https://heron.example/docs?page=1)", "- [Heron](https://heron.example/docs?page=2)");
}

Test(duplicate_entry, title_key_ignores_case_punctuation_marks_and_venue_tag)
{
    same("- [Spark Streaming: Discretized Streams at Scale](https://a.example/x) SOSP'13",
         "- [spark streaming -- discretized streams at scale SOSP'13](https://b.example/y)");
    same("- [Hidet: Task-Mapping Programming Paradigm for Tensor Programs.](https://a.example/x)",
         "- [Hidet: Task Mapping Programming Paradigm for Tensor Programs (NeurIPS 2022)](https://b.example/y)");
    same("- [R\xC3\xA9sum\xC3\xA9 Parsing with Transformers](https://a.example/x)",
         "- [Resume parsing with {Transformers}](https://b.example/y)");
    /* a tag first, then the titled link: what follows the link is a note */
    same("- [NeurIPS'20] [Language Models are Few-Shot Learners](https://a.example/x) [**From OpenAI**]",
         "- [NeurIPS'20] [Language models are few-shot learners](https://b.example/y)");
    different("- [NeurIPS'20] [Language Models are Few-Shot Learners](https://a.example/x) [**From OpenAI**]",
              "- [arXiv'20] [Scaling Laws for Neural Language Models](https://b.example/y) [**From OpenAI**]");
}

Test(duplicate_entry, numbers_keep_titles_apart)
{
    different("- [Llama 2: Open Foundation and Fine-Tuned Chat Models](https://a.example/x)",
              "- [Llama 3: Open Foundation and Fine-Tuned Chat Models](https://b.example/y)");
    different("- [Scaling Laws for Neural Language Models v1](https://a.example/x)",
              "- [Scaling Laws for Neural Language Models v2](https://b.example/y)");
    /* the same page, but versions differ */
    different("- [Llama 3.1-8|70|405B](https://llama.example/)", "- [Llama 3.2-1|3|11|90B](https://llama.example/)");
    /* a year that is part of a name, not a venue tag */
    different("- [Workshop on Efficient Language Models 2022](https://a.example/x)",
              "- [Workshop on Efficient Language Models 2023](https://b.example/y)");
}

Test(duplicate_entry, shared_links_with_other_names_are_not_duplicates)
{
    different("- [hatch](https://github.com/pypa/hatch) - Project manager.",
              "- [hatchling](https://github.com/pypa/hatch) - Build backend.");
    different("- [Learned Cardinalities: Estimating Correlated Joins with Deep Learning](https://github.com/e/card)",
              "- [Estimating Cardinalities with Deep Sketches](https://github.com/e/card)");
    /* the link text is the venue, the title follows */
    different("- [[ICLR](https://openreview.net/group?id=ICLR.cc/2020)] Optimal Conversion of Spiking Networks",
              "- [[ICLR](https://openreview.net/group?id=ICLR.cc/2020)] Randomly Dropping Quantization for Models");
    /* two papers sharing a code repository */
    different("- [Unity: Joint Optimization of Algebraic Transformations](https://arxiv.org/abs/2201.00001) [code](https://github.com/flexflow/FlexFlow)",
              "- [FlexFlow: Beyond Data and Model Parallelism](https://arxiv.org/abs/1807.05358) [code](https://github.com/flexflow/FlexFlow)");
}

/* ---- title near-match (Jaccard of word sets >= 0.9) ------------------- */

/* 12 words; one more word is 12/13 = 0.92 alike, one word swapped 11/13 = 0.85. */
#define TIRESIAS "Tiresias: A GPU Cluster Manager for Distributed Deep Learning Jobs at Scale"

Test(duplicate_entry, titles_whose_word_sets_nearly_coincide_match)
{
    same("- [" TIRESIAS "](https://a.example/tiresias)",
         "- [Poster: " TIRESIAS "](https://b.example/poster.pdf)");
    /* the same words in another order */
    same("- [Efficient Architectures for Large Language Models: A Survey](https://a.example/x)",
         "- [A Survey: Efficient Architectures for Large Language Models](https://b.example/y)");
    /* an inflection is the same word: Network/Networks, Reversed/Reverse */
    same("- [Measuring the Interpretability of Unsupervised Representations via Reversed Probing](https://a.example/x)",
         "- [Measuring the Interpretability of Unsupervised Representation via Reverse Probing](https://b.example/y)");
    /* an arXiv copy and a DOI copy: identity keys of two kinds, no conflict */
    same("- [" TIRESIAS "](https://arxiv.org/abs/1901.00001)",
         "- [Poster: " TIRESIAS "](https://doi.org/10.1145/3300000.3300001)");
}

Test(duplicate_entry, near_match_threshold)
{
    /* one word swapped: 11 common of 13, 0.85, under 0.9 */
    different("- [" TIRESIAS "](https://a.example/x)",
              "- [Tiresias: A GPU Cluster Scheduler for Distributed Deep Learning Jobs at Scale](https://b.example/y)");
    /* two words more: 12 of 14, 0.86 */
    different("- [" TIRESIAS "](https://a.example/x)",
              "- [Poster Abstract: " TIRESIAS "](https://b.example/y)");
}

/* 30 distinct words: four of them are posted (30 - 27 + 1), so which four
 * are the rarest decides whether two copies meet at all. */
#define LONG_TITLE                                                                                 \
    "Towards Efficient Elastic Scheduling of Heterogeneous Accelerator Clusters for Large "        \
    "Language Model Training with Adaptive Pipeline Parallelism Memory Offloading Gradient "       \
    "Compression Fault Tolerance Checkpointing Straggler Mitigation and Energy Aware Placement"
#define LONG_TITLE_REORDERED                                                                       \
    "Energy Aware Placement and Straggler Mitigation Checkpointing Fault Tolerance Compression "   \
    "Gradient Offloading Memory Parallelism Pipeline Adaptive with Training Model Language Large " \
    "for Clusters Accelerator Heterogeneous of Scheduling Elastic Efficient Towards"

Test(duplicate_entry, long_titles_meet_by_their_rarest_words_in_any_order)
{
    /* the same 30 words in reverse order, plus one: 30 of 31 */
    same("- [" LONG_TITLE "](https://a.example/x)",
         "- [Revisited: " LONG_TITLE_REORDERED "](https://b.example/y)");
    /* four words swapped: 26 of 34, 0.76 */
    different("- [" LONG_TITLE "](https://a.example/x)",
              "- [Towards Efficient Elastic Scheduling of Heterogeneous Accelerator Clusters for Large "
              "Language Model Training with Adaptive Pipeline Parallelism Memory Offloading Gradient "
              "Quantization Fault Tolerance Snapshots Tail Latency and Carbon Aware Placement]"
              "(https://b.example/y)");
}

Test(duplicate_entry, inflections_match_through_accented_letters)
{
    /* `Modèles` folds to `modeles`, whose stem is `model`: one word */
    same("- [Modèles de langage pour la traduction automatique de documents scientifiques](https://a.example/x)",
         "- [Model de langage pour la traduction automatique de documents scientifiques](https://b.example/y)");
    /* a word with a letter outside a-z keeps its ending (`ł` has no ASCII
     * form): 9 of 11 words, under 0.9 */
    different("- [Łukasiewicze Logic for the Traduction Automatique of Documents Scientifiques](https://a.example/x)",
              "- [Łukasiewicz Logic for the Traduction Automatique of Documents Scientifiques](https://b.example/y)");
}

Test(duplicate_entry, near_match_never_across_a_number)
{
    different("- [Fast Always Wins: A Survey on Efficient Architectures for Large Language Models](https://a.example/x)",
              "- [Fast Always Wins II: A Survey on Efficient Architectures for Large Language Models](https://b.example/y)");
    different("- [Poster: " TIRESIAS " v1](https://a.example/x)", "- [" TIRESIAS " v2](https://b.example/y)");
    different("- [Orca 2: Teaching Small Language Models How to Reason Step by Step](https://a.example/x)",
              "- [Orca 3: Teaching the Small Language Models How to Reason Step by Step](https://b.example/y)");
    /* but the same number on both sides is fine */
    same("- [Orca 2: Teaching Small Language Models How to Reason Step by Step](https://a.example/x)",
         "- [Orca 2: Teaching the Small Language Models How to Reason Step by Step](https://b.example/y)");
}

Test(duplicate_entry, near_match_never_across_two_identities_of_one_kind)
{
    /* two repositories, two arXiv papers */
    different("- [Ruby Machine Learning](https://github.com/alice/ruby-ml)",
              "- [Machine Learning Ruby](https://github.com/bob/ml-ruby)");
    different("- [" TIRESIAS "](https://arxiv.org/abs/1901.00001)",
              "- [Poster: " TIRESIAS "](https://arxiv.org/abs/1901.00002)");
}

Test(duplicate_entry, a_sub_item_under_its_own_paper_is_not_a_copy)
{
    char text[2048];
    snprintf(text, sizeof text, HEAD "- [" TIRESIAS "](https://arxiv.org/abs/1901.00001)\n"
                                     "  - [Poster: " TIRESIAS "](https://doi.org/10.1145/3300000.3300001)\n");
    expect_lines(text, "duplicate-entry", 0, NULL);
    expect_lines(text, "duplicate-conflict", 0, NULL);
}

Test(duplicate_cross_section, near_match_across_sections)
{
    const char *text = "# Papers\n\n## Training\n\n"                      /* 1-4 */
                       "- [" TIRESIAS "](https://a.example/x)\n\n"         /* 5 */
                       "## Serving\n\n"                                     /* 7 */
                       "- [Poster: " TIRESIAS "](https://b.example/y)\n"; /* 9 */
    const size_t cross[] = {9};
    expect_lines(text, "duplicate-cross-section", 1, cross);
}

Test(duplicate_cross_section, names_the_first_place)
{
    const char *text = "# Papers\n"                                                                 /* 1 */
                       "\n"                                                                         /* 2 */
                       "## Training\n"                                                              /* 3 */
                       "\n"                                                                         /* 4 */
                       "- [Alpa: Automating Inter- and Intra-Operator Parallelism](https://arxiv.org/abs/2201.12023)\n" /* 5 */
                       "\n"                                                                         /* 6 */
                       "## Serving\n"                                                               /* 7 */
                       "\n"                                                                         /* 8 */
                       "- [Alpa: Automating Inter and Intra Operator Parallelism](https://arxiv.org/pdf/2201.12023v2)\n" /* 9 */
                       "- [Alpa: Automating Inter and Intra Operator Parallelism](https://arxiv.org/abs/2201.12023)\n"; /* 10 */
    const size_t cross[] = {9};
    expect_lines(text, "duplicate-cross-section", 1, cross);
    /* the third copy is in the same section as the second */
    const size_t entry[] = {10};
    expect_lines(text, "duplicate-entry", 1, entry);
    awl_diags diags;
    awl_doc *doc = awl_test_lint(text, &diags);
    for (size_t i = 0; i < diags.items.count; i++) {
        const awl_diag *d = awl_diags_at(&diags, i);
        if (strcmp(d->rule->id, "duplicate-cross-section") == 0)
            cr_expect_str_eq(d->message, "also listed at line 5, under \"Training\"");
        if (strcmp(d->rule->id, "duplicate-entry") == 0)
            cr_expect_str_eq(d->message, "duplicate entry: this section lists it already at line 9");
    }
    awl_diags_free(&diags);
    awl_doc_free(doc);
}

Test(duplicate_cross_section, large_list_is_linear)
{
    /* 20,000 distinct entries and one copy at the end: found, and fast. */
    awl_buf text = {0};
    awl_buf_puts(&text, "# Papers\n\n## A\n\n");
    for (int i = 0; i < 20000; i++)
        awl_buf_printf(&text, "- [Paper number %d on stream systems](https://arxiv.org/abs/2101.%05d)\n", i, i);
    awl_buf_puts(&text, "\n## B\n\n- [Paper number 7 on stream systems](https://arxiv.org/pdf/2101.00007v2.pdf)\n");
    awl_buf_putc(&text, '\0');
    const size_t want[] = {20008};
    expect_lines(text.data, "duplicate-cross-section", 1, want);
    awl_buf_free(&text);
}

/* ---- duplicate-conflict ------------------------------------------------ */

static const char *message_of(const awl_diags *diags, const char *id)
{
    for (size_t i = 0; i < diags->items.count; i++) {
        const awl_diag *d = awl_diags_at(diags, i);
        if (strcmp(d->rule->id, id) == 0)
            return d->message;
    }
    return NULL;
}

static void expect_conflict(const char *a, const char *b, const char *message)
{
    char text[2048];
    snprintf(text, sizeof text, HEAD "%s\n%s\n", a, b);
    awl_diags diags;
    awl_doc *doc = awl_test_lint(text, &diags);
    const char *got = message_of(&diags, "duplicate-conflict");
    if (message) {
        cr_expect(got && strcmp(got, message) == 0, "expected \"%s\", got \"%s\"", message,
                  got ? got : "(nothing)");
    } else {
        cr_expect_null(got, "expected no conflict, got \"%s\"", got ? got : "");
    }
    awl_diags_free(&diags);
    awl_doc_free(doc);
}

Test(duplicate_conflict, peer_review_beats_arxiv_and_later_beats_earlier)
{
    expect_conflict("- [arxiv'24] [Unicron: Self-Healing Training at Scale](https://arxiv.org/abs/2401.00134)",
                    "- [EuroSys'26] [Unicron: Self-Healing Training at Scale](https://arxiv.org/abs/2401.00134v2)",
                    "copies disagree: EuroSys'26 here, arxiv'24 at line 5; this copy's looks current");
    expect_conflict("- [OSDI'24] [Gemini: Fast Failure Recovery in Training](https://arxiv.org/abs/2309.00001)",
                    "- [arxiv'25] [Gemini: Fast Failure Recovery in Training](https://arxiv.org/abs/2309.00001)",
                    "copies disagree: arxiv'25 here, OSDI'24 at line 5; the first copy's looks current");
    expect_conflict("- [Switch Transformers: Scaling to Trillion Parameter Models](https://a.example/x) JMLR'22",
                    "- [Switch Transformers: Scaling to Trillion Parameter Models](https://b.example/y) JMLR'21",
                    "copies disagree: JMLR'21 here, JMLR'22 at line 5; the first copy's looks current");
    /* same year, two venues: no side is taken */
    expect_conflict("- [ICLR'24] [Scaling Laws for Fine-Grained Experts](https://arxiv.org/abs/2402.07871)",
                    "- [ICML'24] [Scaling Laws for Fine-Grained Experts](https://arxiv.org/abs/2402.07871)",
                    "copies disagree: ICML'24 here, ICLR'24 at line 5");
}

Test(duplicate_conflict, same_tag_spelled_differently_or_missing_is_not_a_conflict)
{
    expect_conflict("- [APNET'24] [Understanding Communication of Distributed Training](https://arxiv.org/abs/2401.00001)",
                    "- [APNet'24] [Understanding Communication of Distributed Training](https://arxiv.org/abs/2401.00001)",
                    NULL);
    expect_conflict("- [ICLR 2024] [Fiddler: Orchestration for Fast Inference of Experts](https://arxiv.org/abs/2402.07033)",
                    "- [ICLR'24] [Fiddler: Orchestration for Fast Inference of Experts](https://arxiv.org/abs/2402.07033)",
                    NULL);
    expect_conflict("- [OSDI'24] [Gemini: Fast Failure Recovery in Training](https://arxiv.org/abs/2309.00001)",
                    "- [Gemini: Fast Failure Recovery in Training](https://arxiv.org/abs/2309.00001)", NULL);
}

Test(duplicate_entry, a_bracketed_link_label_is_not_a_name)
{
    /* Two features of one project in a table: the repository column's
     * `[[Repo]](url)` is the same, the rows are not. */
    const char *text = HEAD "| Feature | Repo |\n"
                            "|---|---|\n"
                            "| [In-flight Batching] Batch Manager | [[Engine]](https://github.com/e/engine) |\n"
                            "| [KV Cache FP8] Precision Guide | [[Engine]](https://github.com/e/engine) |\n";
    expect_lines(text, "duplicate-entry", 0, NULL);
}

/* entry-order ------------------------------------------------------------ */

/* Fixes `text` with the safe fixes and compares the whole result. */
static void expect_fixed(const char *text, const char *expected)
{
    awl_config config;
    awl_config_defaults(&config);
    awl_fix_result r;
    awl_fix_text("test.md", text, strlen(text), &config, false, &r);
    cr_expect(!r.failed, "fixing failed verification: %s", r.failure);
    cr_expect(r.text.len == strlen(expected) && memcmp(r.text.data, expected, r.text.len) == 0,
              "fixing:\n%s\nexpected:\n%s\ngot:\n%.*s", text, expected, (int)r.text.len, r.text.data);
    awl_fix_result_free(&r);
}

/* Seven tools, alphabetical but for DeepSpeed put after Megatron-LM (which
 * owns a sub-item). */
#define TOOLS_HEAD "# Tools\n\n## Training\n\n"
#define ALPA "- [Alpa](https://github.com/alpa-projects/alpa) - Parallelism.\n"
#define COLOSSAL "- [Colossal-AI](https://github.com/hpcaitech/ColossalAI) - Parallel training.\n"
#define DEEPSPEED "- [DeepSpeed](https://github.com/microsoft/DeepSpeed) - ZeRO.\n"
#define FLEXFLOW "- [FlexFlow](https://github.com/flexflow/FlexFlow) - Search.\n"
#define HOROVOD "- [Horovod](https://github.com/horovod/horovod) - Data parallel.\n"
#define MEGATRON                                                                                  \
    "- [Megatron-LM](https://github.com/NVIDIA/Megatron-LM) - Tensor parallel.\n"                \
    "  - [Megatron-Core](https://github.com/NVIDIA/Megatron-LM/tree/main/megatron/core) - Core.\n"
#define OOBLECK "- [Oobleck](https://github.com/SymbioticLab/Oobleck) - Pipelines.\n"
#define VARUNA "- [Varuna](https://github.com/microsoft/varuna) - Spot VMs.\n"

Test(entry_order, one_entry_out_of_an_alphabetical_list_moves_with_its_sub_list)
{
    const char *text = TOOLS_HEAD ALPA COLOSSAL MEGATRON DEEPSPEED FLEXFLOW HOROVOD OOBLECK VARUNA;
    const size_t want[] = {7}; /* Megatron-LM, not the four after it */
    expect_lines(text, "entry-order", 1, want);
    expect_fixed(text, TOOLS_HEAD ALPA COLOSSAL DEEPSPEED FLEXFLOW HOROVOD MEGATRON OOBLECK VARUNA);
}

/* Sort keys are built in a buffer twice the titles' size: a title whose
 * capitals fold to longer letters (U+023A to U+2C65, two bytes to three)
 * or whose invalid bytes read as Latin-1 (one byte to two) still fits, and
 * still sorts by its folded letters. */
Test(entry_order, titles_whose_keys_outgrow_them_still_sort)
{
    const char *text = "# Tools\n\n## A\n\n"
                       "- [\xC8\xBA\xC8\xBA\xC8\xBA\xC8\xBA a](https://a.example/1)\n"
                       "- [\xC8\xBA\xC8\xBA\xC8\xBA\xC8\xBA b](https://a.example/2)\n"
                       "- [\xC8\xBA\xC8\xBA\xC8\xBA\xC8\xBA d](https://a.example/4)\n"
                       "- [\xC8\xBA\xC8\xBA\xC8\xBA\xC8\xBA c](https://a.example/3)\n"
                       "- [\xC8\xBA\xC8\xBA\xC8\xBA\xC8\xBA e](https://a.example/5)\n"
                       "- [\xC8\xBA\xC8\xBA\xC8\xBA\xC8\xBA f](https://a.example/6)\n"
                       "- [\xC8\xBA\xC8\xBA\xC8\xBA\xC8\xBA g](https://a.example/7)\n"
                       "\n## B\n\n"
                       "- [\xFF\xFE\xFD\xFC a](https://b.example/1)\n"
                       "- [\xFF\xFE\xFD\xFC b](https://b.example/2)\n"
                       "- [\xFF\xFE\xFD\xFC c](https://b.example/3)\n"
                       "- [\xFF\xFE\xFD\xFC e](https://b.example/5)\n"
                       "- [\xFF\xFE\xFD\xFC d](https://b.example/4)\n"
                       "- [\xFF\xFE\xFD\xFC f](https://b.example/6)\n"
                       "- [\xFF\xFE\xFD\xFC g](https://b.example/7)\n";
    const size_t want[] = {7, 18}; /* `d` ahead of `c`, `e` ahead of `d` */
    expect_lines(text, "entry-order", 2, want);
}

/* Neighbours that share a long beginning are compared from where they
 * part; the shared part's punctuation still counts as one space. */
Test(entry_order, neighbours_sharing_their_beginning_sort_by_the_rest)
{
    const char *text = "# Tools\n\n## A\n\n"
                       "- [Tool0000001](https://a.example/1)\n"
                       "- [Tool0000002](https://a.example/2)\n"
                       "- [Tool0000004](https://a.example/4)\n"
                       "- [Tool0000003](https://a.example/3)\n"
                       "- [Tool0000005](https://a.example/5)\n"
                       "- [Tool0000006](https://a.example/6)\n"
                       "- [Tool0000007](https://a.example/7)\n"
                       "- [Tool0000008](https://a.example/8)\n"
                       "\n## B\n\n"
                       "- [Data Set A](https://b.example/1)\n"
                       "- [Data-Set B](https://b.example/2)\n"
                       "- [Data -- Set C](https://b.example/3)\n"
                       "- [Data Set E](https://b.example/5)\n"
                       "- [Data Set D](https://b.example/4)\n"
                       "- [Data.Set F](https://b.example/6)\n"
                       "- [Data Set G](https://b.example/7)\n";
    const size_t want[] = {7, 19}; /* Tool0000004, `Data Set E` */
    expect_lines(text, "entry-order", 2, want);
}

Test(entry_order, newest_first_by_year_keeps_ties_in_place)
{
#define P(tag, title, id) "- [" tag "] [" title "](https://arxiv.org/abs/" id ")\n"
#define A P("NSDI'24", "Oobleck: Resilient Distributed Training", "2309.08125")
#define B P("EuroSys'24", "Orion: Interference-aware GPU Sharing", "2401.00003")
#define C P("OSDI'23", "Welder: Scheduling Memory Access", "2301.00004")
#define D P("OSDI'22", "Alpa: Automating Parallelism", "2201.12023")
#define E P("SOSP'21", "Gradient Compression Supercharged Training", "2101.00005")
#define F P("ATC'20", "HetPipe: Training on Heterogeneous Clusters", "2005.00006")
#define G P("SOSP'19", "PipeDream: Generalized Pipeline Parallelism", "1901.00007")
#define H P("NSDI'19", "Tiresias: A GPU Cluster Manager", "1902.00008")
    const char *text = "# Papers\n\n## Training\n\n" A C D B E F G H;
    const size_t want[] = {8}; /* Orion (2024) after Alpa (2022) */
    expect_lines(text, "entry-order", 1, want);
    expect_fixed(text, "# Papers\n\n## Training\n\n" A B C D E F G H);
    /* Grouped by year, any order inside a year: in order. */
    expect_lines("# Papers\n\n## Training\n\n" B A C D E F H G, "entry-order", 0, NULL);
}

Test(entry_order, lists_without_a_clear_order_are_left_alone)
{
    /* Random order: no order reaches 80% of neighbouring pairs. */
    expect_lines(TOOLS_HEAD HOROVOD ALPA VARUNA COLOSSAL OOBLECK DEEPSPEED FLEXFLOW, "entry-order", 0,
                 NULL);
    /* Too short to say. */
    expect_lines(TOOLS_HEAD ALPA DEEPSPEED COLOSSAL FLEXFLOW, "entry-order", 0, NULL);
    /* A list that mixes entries with other items. */
    expect_lines(TOOLS_HEAD ALPA COLOSSAL MEGATRON DEEPSPEED FLEXFLOW HOROVOD OOBLECK VARUNA
                 "- More to come\n",
                 "entry-order", 0, NULL);
}

Test(entry_order, disagreement_first_does_not_hide_an_order_agreement_reaches)
{
    /* The first pair is out of order, the six after it agree: 6 of 7. */
    const size_t want[] = {5}; /* Colossal-AI, ahead of Alpa */
    expect_lines(TOOLS_HEAD COLOSSAL ALPA DEEPSPEED FLEXFLOW HOROVOD MEGATRON OOBLECK VARUNA,
                 "entry-order", 1, want);
}

Test(entry_order, every_common_way_of_sorting_titles_is_an_order)
{
    /* Sorted by the Markdown line: `[Pipe Server](` after `[Pipe Server Plus](`. */
    expect_lines(TOOLS_HEAD "- [Arrow](https://e.x/a)\n- [Pipe Server Plus](https://e.x/p1)\n"
                            "- [Pipe Server](https://e.x/p2)\n- [Pipe](https://e.x/p3)\n"
                            "- [Quiver](https://e.x/q)\n- [Tube](https://e.x/t)\n- [Vane](https://e.x/v)\n",
                 "entry-order", 0, NULL);
    /* Case-insensitive, punctuation as written: `Rust Tiếng Việt` before `rust-how`. */
    expect_lines(TOOLS_HEAD "- [Rust in Action](https://e.x/1)\n- [Rust Tiếng Việt](https://e.x/2)\n"
                            "- [rust-how-do-i-start](https://e.x/3)\n- [rust-learning](https://e.x/4)\n"
                            "- [Rustfinity](https://e.x/5)\n- [Rustlings](https://e.x/6)\n",
                 "entry-order", 0, NULL);
    /* An object replacement character before a title is not a letter. */
    expect_lines(TOOLS_HEAD "- [Alpha](https://e.x/1)\n- [Beta](https://e.x/2)\n"
                            "- [\xEF\xBF\xBC" "Delta](https://e.x/3)\n- [Gamma](https://e.x/4)\n"
                            "- [Kappa](https://e.x/5)\n- [Omega](https://e.x/6)\n- [Zeta](https://e.x/7)\n",
                 "entry-order", 0, NULL);
}

Test(entry_order, an_ordered_list_is_reported_but_not_renumbered)
{
    const char *text = "# Tools\n\n## Training\n\n1. [Alpa](https://e.x/1)\n2. [Colossal](https://e.x/2)\n"
                       "3. [Megatron](https://e.x/3)\n4. [DeepSpeed](https://e.x/4)\n5. [FlexFlow](https://e.x/5)\n"
                       "6. [Horovod](https://e.x/6)\n7. [Oobleck](https://e.x/7)\n8. [Varuna](https://e.x/8)\n";
    const size_t want[] = {7};
    expect_lines(text, "entry-order", 1, want);
    expect_fixed(text, text);
}

/* duplicate-entry's unsafe fix ------------------------------------------- */

static void expect_unsafe_fixed(const char *text, const char *expected)
{
    awl_config config;
    awl_config_defaults(&config);
    awl_fix_result r;
    awl_fix_text("test.md", text, strlen(text), &config, true, &r);
    cr_expect(!r.failed, "fixing failed verification: %s", r.failure);
    cr_expect(r.text.len == strlen(expected) && memcmp(r.text.data, expected, r.text.len) == 0,
              "fixing:\n%s\nexpected:\n%s\ngot:\n%.*s", text, expected, (int)r.text.len, r.text.data);
    awl_fix_result_free(&r);
}

Test(duplicate_entry, unsafe_fix_removes_the_later_copy_and_keeps_its_code_link)
{
    const char *text =
        HEAD "- [Oobleck: Resilient Distributed Training](https://arxiv.org/abs/2309.08125)\n"
             "- [Welder: Scheduling Memory Access](https://www.usenix.org/conference/osdi23/presentation/shi)\n"
             "- [Oobleck: Resilient Distributed Training](https://arxiv.org/pdf/2309.08125v2.pdf) "
             "[code](https://github.com/SymbioticLab/Oobleck)\n";
    expect_unsafe_fixed(
        text, HEAD "- [Oobleck: Resilient Distributed Training](https://arxiv.org/abs/2309.08125) "
                   "[code](https://github.com/SymbioticLab/Oobleck)\n"
                   "- [Welder: Scheduling Memory Access](https://www.usenix.org/conference/osdi23/presentation/shi)\n");
    /* Safe fixes alone leave both copies. */
    expect_fixed(text, text);
}

Test(duplicate_entry, unsafe_fix_moves_a_different_url_and_drops_a_variant)
{
    /* Same title, a different host: the later URL is kept as a link;
     * a DOI variant (dl.acm.org/doi/pdf) of the kept DOI is not. */
    expect_unsafe_fixed(HEAD "- [Naiad: A Timely Dataflow System](https://doi.org/10.1145/2517349.2522738)\n"
                             "- [Naiad: A Timely Dataflow System](https://dl.acm.org/doi/pdf/10.1145/2517349.2522738)\n"
                             "- [Spark Streaming: Discretized Streams at Scale](https://spark.example/streaming)\n"
                             "- [Spark Streaming: Discretized Streams at Scale](https://other.example/dstreams)\n",
                        HEAD "- [Naiad: A Timely Dataflow System](https://doi.org/10.1145/2517349.2522738)\n"
                             "- [Spark Streaming: Discretized Streams at Scale](https://spark.example/streaming) "
                             "[link](https://other.example/dstreams)\n");
}

Test(duplicate_entry, no_fix_when_the_copy_says_more_than_links)
{
    /* Its own venue tag (duplicate-conflict's business), its own
     * description, or notes under it: the maintainer merges by hand. */
    const char *tags = HEAD "- [arXiv'24] [Oobleck: Resilient Distributed Training](https://arxiv.org/abs/2309.08125)\n"
                            "- [NSDI'24] [Oobleck: Resilient Distributed Training](https://arxiv.org/abs/2309.08125)\n";
    expect_unsafe_fixed(tags, tags);
    const char *description = HEAD "- [Timely](https://github.com/TimelyDataflow/timely-dataflow) - Dataflow.\n"
                                   "- [Timely](https://github.com/timelydataflow/timely-dataflow) - In Rust.\n";
    expect_unsafe_fixed(description, description);
    const char *notes = HEAD "- Naiad: A Timely Dataflow System. [[paper]](https://doi.org/10.1145/2517349.2522738)\n"
                             "- Naiad: A Timely Dataflow System. [[paper]](https://doi.org/10.1145/2517349.2522738)\n"
                             "  - Derek G. Murray, Frank McSherry. *SOSP 2013*\n";
    expect_unsafe_fixed(notes, notes);
}

/* Lines of `id` findings with a config changed by the caller. */
static size_t count_with(const char *text, const awl_config *config, const char *id)
{
    awl_doc *doc = awl_doc_parse("test.md", text, strlen(text));
    awl_diags diags;
    awl_diags_init(&diags);
    awl_lint(doc, config, &diags);
    size_t n = awl_test_count(&diags, id);
    awl_diags_free(&diags);
    awl_doc_free(doc);
    return n;
}

Test(entry_order, the_config_pins_the_order_or_moves_the_threshold)
{
    awl_config config;
    awl_config_defaults(&config);
    /* Too short to detect, but alphabetical is pinned: Colossal-AI after DeepSpeed. */
    const char *shortlist = TOOLS_HEAD ALPA DEEPSPEED COLOSSAL FLEXFLOW;
    cr_expect_eq(count_with(shortlist, &config, "entry-order"), 0);
    config.entry_order = AWL_ORDER_ALPHABETICAL;
    cr_expect_eq(count_with(shortlist, &config, "entry-order"), 1);
    /* Newest first pinned: an alphabetical list without years is not held to it. */
    config.entry_order = AWL_ORDER_NEWEST_FIRST;
    cr_expect_eq(count_with(shortlist, &config, "entry-order"), 0);
    /* 6 of 7 pairs agree (86%): reported at 80%, not at 90%. */
    const char *tools = TOOLS_HEAD ALPA COLOSSAL MEGATRON DEEPSPEED FLEXFLOW HOROVOD OOBLECK VARUNA;
    config.entry_order = AWL_ORDER_DETECT;
    cr_expect_eq(count_with(tools, &config, "entry-order"), 1);
    config.entry_order_agreement = 90;
    cr_expect_eq(count_with(tools, &config, "entry-order"), 0);
}

Test(duplicate_entry, near_match_reads_long_words_whole)
{
    /* words are hashed and compared eight bytes a step: two words of one
     * length alike in their first eight or sixteen bytes are still two
     * words (9 of 11 shared) */
    different("- [Distributional Views of Memory Traffic in Large Distributed Storage Clusters](https://a.example/x)",
              "- [Distributively Views of Memory Traffic in Large Distributed Storage Clusters](https://b.example/y)");
    different("- [Microarchitectural Attacks on Memory Traffic in Large Distributed Storage Clusters](https://a.example/x)",
              "- [Microarchitecturally Attacks on Memory Traffic in Large Distributed Storage Clusters](https://b.example/y)");
    same("- [Microarchitectural Attacks on Memory Traffic in Large Distributed Storage Clusters](https://a.example/x)",
         "- [Microarchitectural Attacks on the Memory Traffic in Large Distributed Storage Clusters](https://b.example/y)");
}

Test(duplicate_entry, shared_paper_link_never_across_a_roman_numeral)
{
    different("- [Fast Always Wins: A Survey on Efficient Architectures](https://arxiv.org/abs/2508.09834)",
              "- [Fast Always Wins II: A Survey on Efficient Architectures](https://arxiv.org/abs/2508.09834)");
}
