#include "arena.h"

#include <stdalign.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "xalloc.h"

#define ARENA_BLOCK_MIN (64 * 1024)

struct arena_block {
	struct arena_block *next;
	size_t used, size;
	alignas(max_align_t) unsigned char data[];
};

void *arena_alloc(struct arena *a, size_t n)
{
	const size_t align = alignof(max_align_t);
	n = (n + align - 1) & ~(align - 1);
	if (n == 0)
		n = align;
	struct arena_block *b = a->head;
	if (!b || b->size - b->used < n) {
		size_t size = n > ARENA_BLOCK_MIN ? n : ARENA_BLOCK_MIN;
		b = xmalloc(sizeof(*b) + size);
		b->size = size;
		b->used = 0;
		/* A block made for one big allocation goes behind the current one
		 * so the current block's free space is not wasted. */
		if (a->head && size > ARENA_BLOCK_MIN) {
			b->next = a->head->next;
			a->head->next = b;
		} else {
			b->next = a->head;
			a->head = b;
		}
	}
	void *p = b->data + b->used;
	b->used += n;
	a->total += n;
	return p;
}

void *arena_calloc(struct arena *a, size_t n, size_t size)
{
	if (size && n > SIZE_MAX / size)
		n = SIZE_MAX / size; /* will abort in xmalloc */
	void *p = arena_alloc(a, n * size);
	memset(p, 0, n * size);
	return p;
}

char *arena_strndup(struct arena *a, const char *s, size_t n)
{
	char *p = arena_alloc(a, n + 1);
	if (n)
		memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *arena_strdup(struct arena *a, const char *s)
{
	return arena_strndup(a, s, strlen(s));
}

void *arena_memdup(struct arena *a, const void *p, size_t n)
{
	void *q = arena_alloc(a, n);
	if (n)
		memcpy(q, p, n);
	return q;
}

void arena_release(struct arena *a)
{
	struct arena_block *b = a->head;
	while (b) {
		struct arena_block *next = b->next;
		free(b);
		b = next;
	}
	a->head = NULL;
	a->total = 0;
}

void arena_adopt(struct arena *to, struct arena *from)
{
	struct arena_block *b = from->head;
	if (!b)
		return;
	struct arena_block *last = b;
	while (last->next)
		last = last->next;
	/* behind to's head, which keeps serving allocations */
	if (to->head) {
		last->next = to->head->next;
		to->head->next = b;
	} else {
		to->head = b;
	}
	to->total += from->total;
	from->head = NULL;
	from->total = 0;
}
