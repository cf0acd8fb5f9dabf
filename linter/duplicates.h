/*
 * duplicates: which entries name the same paper or project, for the
 * duplicate rules (duplicate-entry, duplicate-cross-section,
 * duplicate-conflict) and, later, merge.
 *
 * Each entry gets keys, used for comparison only (no link is rewritten):
 * - an identity key per link that says what it points to: the arXiv id
 *   without version (abs, pdf, html, export host), the DOI (doi.org,
 *   dx.doi.org, dl.acm.org/doi/...), the GitHub owner/repo case-folded
 *   (`.git`, trailing slash, `/tree/main` dropped), the OpenReview id, the
 *   PMLR paper, the USENIX paper (presentation page and system/files PDF),
 *   the ACL Anthology id, otherwise the URL without scheme, `www.`,
 *   default port, trailing slash, fragment and utm_* parameters. The
 *   primary link counts, and the other links only when they identify a
 *   paper (arXiv, DOI, OpenReview, PMLR, USENIX, ACL): two papers often
 *   share a code repository.
 * - a title key: NFKC, case folded, marks stripped, only letters and
 *   digits kept (so `Task-Mapping` and `Task Mapping.` agree, and `Llama 2`
 *   and `Llama 3` do not), after a trailing venue tag (`OSDI'22`,
 *   `NeurIPS 2022`, `(ICML'21)`) is dropped. Titles of fewer than three
 *   words or 16 letters are too generic to match on.
 * - a title near-match: two such titles whose word sets nearly coincide
 *   (Jaccard >= 0.9, measured on the shared corpus: 0.85 and 0.9 add the
 *   same nine real groups, 0.95 loses five of them, 0.8 brings weekly
 *   digests and sibling papers) match too, but never when a word holding a
 *   number differs (`Llama 2`/`Llama 3`, `v1`/`v2`, `II`; words are compared
 *   without a plural or `-ed`/`-e` ending), when their primary
 *   links are two different identities of one kind (two arXiv ids, two
 *   repositories), or when one is a sub-item of the other (a poster
 *   version filed under its paper). Candidates come from a prefix filter
 *   on each title's rarest words, so this stays linear too.
 * Two entries sharing a paper's link key are the same only when their
 * titles agree too (no word holding a number differs, and one title is inside the
 * other or 80% of the shorter one's longer words are in the other): a proceedings PDF or a lab page shared by two papers is not
 * a duplicate. Entries sharing another link (a repository, a page) are
 * the same only when their titles are equal: `django` and `geodjango`
 * share a repository. Entries are grouped with union-find; every key is hashed, so
 * the pass is linear in the number of entries.
 *
 * Owns: awl_dups' arrays (heap) and keys (its arena); awl_dups_free.
 */
#ifndef AWL_DUPLICATES_H
#define AWL_DUPLICATES_H

#include <stdbool.h>
#include <stddef.h>

#include "arena.h"
#include "doc.h"
#include "entries.h"

typedef struct awl_dups {
    size_t *same_section; /* per entry: an earlier copy in its section, or AWL_NONE */
    size_t *elsewhere;    /* per entry: the first copy in another section, or AWL_NONE */
    size_t *first;        /* per entry: the first copy anywhere (itself when it is the first) */
    awl_arena arena;
} awl_dups;

/* The identity key of an href ("arxiv:2201.12023", "github:owner/repo",
 * a normalised URL), into `arena`; NULL for a link that is not http(s).
 * *paper tells whether it identifies a paper; *out_len gets the length. */
const char *awl_dup_link_key(awl_arena *arena, const char *href, bool *paper, size_t *out_len);
/* One thing to compare: what awl_dups_compute makes of an entry, and what
 * merge makes of the entries of several lists. Strings are borrowed. */
typedef struct awl_dup_item {
    const char *title;        /* the name it is compared by; NULL when unknown */
    const char *primary_href; /* its title or paper link; NULL when it has none */
    const char *const *hrefs; /* its other links */
    size_t href_count;
    size_t owner; /* the item it is a sub-item of (an index), or AWL_NONE */
} awl_dup_item;

/* Groups items with the keys above: first[i] (n slots, the caller's) gets
 * the smallest index of i's group. Keys go into arena. */
void awl_dups_group(const awl_dup_item *items, size_t n, awl_arena *arena, size_t *first);
/* The name an entry is compared by: its title, the text its line gives
 * before the link, the title after a venue link (`- [[ICLR](url)] Title`),
 * or NULL when its name is not known. May copy into arena. */
const char *awl_dup_entry_title(const awl_doc *doc, const awl_entry *e, awl_arena *arena);
/* Groups the entries; fills out (free with awl_dups_free). */
void awl_dups_compute(const awl_doc *doc, const awl_entries *entries, awl_dups *out);
void awl_dups_free(awl_dups *dups);
/* The span to report an entry at: its first line. */
void awl_dup_span(const awl_doc *doc, const awl_entry *e, size_t *start, size_t *end);
/* Heading text of a section, for messages. */
const char *awl_dup_section_name(const awl_doc *doc, size_t section);

#endif
