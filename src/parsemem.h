/* parsemem.h - the allocator l10nlint gives cmark-gfm.
 *
 * cmark-gfm allocates every node, every line buffer and every inline string
 * with malloc and frees them one by one; on a site run that was a fifth of the
 * parse. A document's cmark tree lives only while doc.c walks it, so the
 * parser gets a per-thread bump allocator instead: allocation is a pointer
 * increment, free() does nothing, and parsemem_reset() takes everything back
 * at once when the tree has been walked. The chunks are kept for the next
 * document of the same thread, so a run mallocs only while its largest
 * document grows them. */
#ifndef L10N_PARSEMEM_H
#define L10N_PARSEMEM_H

#include <cmark-gfm.h>

/* The allocator of the calling thread (valid for that thread only). */
cmark_mem *parsemem_get(void);
/* Release everything allocated by this thread's parser since the last reset.
 * Nothing it returned may be used afterwards. Keeps up to a few MB of chunks
 * for the next document; larger ones go back to the system. */
void parsemem_reset(void);
/* Free this thread's chunks (thread exit, end of run). */
void parsemem_release(void);

#endif
