/* main: the awelint executable; everything else lives in the core library. */
#include <malloc.h>

#include "cli.h"

int main(int argc, char **argv)
{
    /* A lint allocates and frees many mid-sized arrays (a rule's per-entry
     * or per-line table, a hash map growing). glibc's default serves those
     * from 128 KiB up with their own mmap and, as its threshold adapts,
     * hands memory back and forth to the kernel, so the same bytes are
     * page-faulted in again and again: a quarter of the faults of a run
     * over the corpus. Measured on big.md: below 1 MiB from the heap, and
     * the heap grown 16 MiB at a time, cut faults from 15,400 to 11,700 and
     * CPU time by about 5%, with the same peak RSS (pages never written
     * cost nothing). Arrays of 1 MiB and more (the input, the blocks) keep
     * their own mapping and go back to the system when freed. */
    mallopt(M_MMAP_THRESHOLD, 1024 * 1024);
    mallopt(M_TOP_PAD, 16 * 1024 * 1024);
    /* A large document is read with a second thread (doc.c, engine.c),
     * which glibc would give a heap of its own: memory one thread frees
     * could not serve the other, and the peak of the concatenated corpus
     * rose by 2-3 MB. One heap measured no slower. */
    mallopt(M_ARENA_MAX, 1);
    return awl_cli_main(argc, argv);
}
