/* xalloc.h - allocation that aborts on out-of-memory (never returns NULL). */
#ifndef L10N_XALLOC_H
#define L10N_XALLOC_H
#include <stddef.h>

void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);

/* Grow an array of `n` used elements to hold at least `need`; updates *alloc. */
#define XGROW(ptr, need, alloc)                                                \
	do {                                                                       \
		if ((need) > (alloc)) {                                                \
			size_t xg_new_ = (alloc) ? (alloc) * 2 : 8;                        \
			while (xg_new_ < (need)) xg_new_ *= 2;                             \
			(ptr) = xrealloc((ptr), xg_new_ * sizeof(*(ptr)));                 \
			(alloc) = xg_new_;                                                 \
		}                                                                      \
	} while (0)

/* Make room for `need` elements of `size` bytes in *ptr (capacity *alloc);
 * returns *ptr. For expression contexts (VEC_PUSH). */
void *xgrow(void *ptr, size_t need, size_t *alloc, size_t size);

#endif
