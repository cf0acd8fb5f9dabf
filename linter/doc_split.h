/*
 * doc_split: where a document can be cut in two, so that md4c parses the
 * two parts on two threads and together they give the blocks and links one
 * parse of the whole would (doc.c merges them).
 *
 * A cut goes before an ATX heading at column 0 that follows a blank line:
 * such a line closes every open block (lists, quotes, paragraphs, tables,
 * indented code, fenced code and HTML inside containers), so md4c starts
 * the second part as a fresh parse starts. Two things reach across such a
 * line and rule a cut out:
 *  - a top-level fenced code block, or a top-level HTML block of the kinds
 *    that run over blank lines (<!-- -->, <script>, <pre>, <style>,
 *    <textarea>, <? ?>, <!X >, <![CDATA[ ]]>), still open there;
 *  - a link reference definition on one side whose label may be used on the
 *    other (a `[` followed by the label, ASCII case and runs of white space
 *    aside; a document with a non-ASCII label, or more than 64 labels, is
 *    not cut at all);
 *  - a lone carriage return anywhere (a line break md4c sees and the line
 *    index does not, so placing a block without text can run past a cut).
 * Everything is judged conservatively: a doubt means no cut, which costs
 * only time.
 *
 * Owns: nothing.
 */
#ifndef AWL_DOC_SPLIT_H
#define AWL_DOC_SPLIT_H

#include <stddef.h>

#include "source.h"

/* The first offset in [from, to] where the source can be cut, or 0 when
 * there is none. The source needs its line index only. */
size_t awl_doc_split_point(const awl_source *source, size_t from, size_t to);

#endif
