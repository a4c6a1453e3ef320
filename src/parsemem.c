/* parsemem.c - per-thread bump allocator for cmark-gfm (see parsemem.h).
 *
 * Each allocation is preceded by a header holding its size, which realloc()
 * needs to copy; the most recent allocation of a chunk grows in place, which
 * is the common case for cmark's line and content buffers. */
#include "parsemem.h"

#include <pthread.h>
#include <stdalign.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "xalloc.h"

#define CHUNK_SIZE ((size_t)256 * 1024)
#define KEEP_BYTES ((size_t)8 * 1024 * 1024) /* kept across documents */
#define ALIGN alignof(max_align_t)

struct chunk {
	struct chunk *next;
	size_t size;
	alignas(max_align_t) unsigned char data[];
};

/* The header in front of each allocation, padded to ALIGN. */
struct hdr {
	size_t size;
};
#define HDR (((sizeof(struct hdr)) + ALIGN - 1) & ~(ALIGN - 1))

struct heap {
	unsigned char *ptr, *end; /* free space of the current chunk */
	unsigned char *last;      /* the most recent allocation, or NULL */
	struct chunk *cur;        /* allocating from here */
	struct chunk *full;       /* filled chunks and kept ones, reused after a reset */
	struct chunk *spare;      /* kept chunks not in use since the reset */
};

static _Thread_local struct heap heap;

/* A thread's chunks are freed when it exits: the key's destructor runs for
 * every thread that allocated (its value is set on the first chunk). */
static pthread_key_t exit_key;
static pthread_once_t exit_once = PTHREAD_ONCE_INIT;

static void on_thread_exit(void *unused)
{
	(void)unused;
	parsemem_release();
}

static void exit_key_init(void)
{
	if (pthread_key_create(&exit_key, on_thread_exit) != 0)
		abort();
}

static size_t round_up(size_t n)
{
	return (n + ALIGN - 1) & ~(ALIGN - 1);
}

static struct chunk *chunk_new(size_t need)
{
	size_t size = need > CHUNK_SIZE ? need : CHUNK_SIZE;
	struct chunk *c = xmalloc(sizeof(*c) + size);
	pthread_once(&exit_once, exit_key_init);
	pthread_setspecific(exit_key, c);
	c->next = NULL;
	c->size = size;
	return c;
}

/* The current chunk cannot hold `need` bytes: move on to a kept chunk that
 * can, or a new one. */
static __attribute__((noinline)) void next_chunk(size_t need)
{
	struct chunk **pp = &heap.spare, *r = NULL;
	for (; *pp; pp = &(*pp)->next) {
		if ((*pp)->size >= need) {
			r = *pp;
			*pp = r->next;
			break;
		}
	}
	if (!r)
		r = chunk_new(need);
	if (heap.cur) {
		heap.cur->next = heap.full;
		heap.full = heap.cur;
	}
	heap.cur = r;
	r->next = NULL;
	heap.ptr = r->data;
	heap.end = r->data + r->size;
	heap.last = NULL;
}

static inline void *pm_alloc(size_t n)
{
	if (n > SIZE_MAX / 2)
		abort(); /* as xmalloc would */
	size_t need = HDR + round_up(n ? n : 1);
	if ((size_t)(heap.end - heap.ptr) < need)
		next_chunk(need);
	unsigned char *p = heap.ptr + HDR;
	((struct hdr *)(void *)heap.ptr)->size = n;
	heap.ptr += need;
	heap.last = p;
	return p;
}

static void *pm_calloc(size_t n, size_t size)
{
	size_t total;
	if (__builtin_mul_overflow(n, size, &total))
		abort();
	void *p = pm_alloc(total);
	memset(p, 0, total);
	return p;
}

static void *pm_realloc(void *p, size_t n)
{
	if (!p)
		return pm_alloc(n);
	struct hdr *h = (struct hdr *)(void *)((unsigned char *)p - HDR);
	/* The newest allocation of the current chunk grows or shrinks in place. */
	if (p == heap.last) {
		size_t room = round_up(n ? n : 1);
		if (n <= SIZE_MAX / 2 && (size_t)(heap.end - (unsigned char *)p) >= room) {
			h->size = n;
			heap.ptr = (unsigned char *)p + room;
			return p;
		}
	}
	if (n <= h->size) {
		h->size = n;
		return p;
	}
	void *q = pm_alloc(n);
	memcpy(q, p, h->size);
	return q;
}

static void pm_free(void *p)
{
	(void)p; /* everything goes at parsemem_reset() */
}

static cmark_mem allocator = {pm_calloc, pm_realloc, pm_free};

cmark_mem *parsemem_get(void)
{
	return &allocator;
}

void parsemem_reset(void)
{
	/* Keep chunks up to KEEP_BYTES (the current one first), free the rest. */
	size_t kept = 0;
	struct chunk *keep = NULL, *c = heap.cur, *next;
	heap.cur = NULL;
	heap.ptr = heap.end = heap.last = NULL;
	for (int pass = 0; pass < 3; pass++) {
		for (; c; c = next) {
			next = c->next;
			if (kept + c->size <= KEEP_BYTES) {
				kept += c->size;
				c->next = keep;
				keep = c;
			} else {
				free(c);
			}
		}
		if (pass == 0) {
			c = heap.full;
			heap.full = NULL;
		} else {
			c = heap.spare;
			heap.spare = NULL;
		}
	}
	heap.spare = keep;
}

void parsemem_release(void)
{
	parsemem_reset();
	for (struct chunk *c = heap.spare, *next; c; c = next) {
		next = c->next;
		free(c);
	}
	heap.spare = NULL;
}
