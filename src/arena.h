/* arena.h - a bump allocator owned by one document or one run.
 *
 * Everything a document model points to lives in its arena and is released
 * at once with arena_release(). Allocation never fails (aborts on OOM). */
#ifndef L10N_ARENA_H
#define L10N_ARENA_H
#include <stddef.h>

struct arena_block;

struct arena {
	struct arena_block *head;
	size_t total; /* bytes handed out, for statistics */
};

#define ARENA_INIT {NULL, 0}

void *arena_alloc(struct arena *a, size_t n);          /* aligned, uninitialised */
void *arena_calloc(struct arena *a, size_t n, size_t size); /* zeroed */
char *arena_strndup(struct arena *a, const char *s, size_t n); /* NUL-terminated */
char *arena_strdup(struct arena *a, const char *s);
/* Copy an array of n elements of the given size into the arena. */
void *arena_memdup(struct arena *a, const void *p, size_t n);
void arena_release(struct arena *a);
/* Move every block of `from` into `to` (pointers into them stay valid);
 * `from` is left empty. */
void arena_adopt(struct arena *to, struct arena *from);

#endif
