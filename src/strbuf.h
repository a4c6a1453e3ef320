/* strbuf.h - growable NUL-terminated byte strings (git's strbuf style).
 * buf is never NULL: an empty strbuf points at a static "". */
#ifndef L10N_STRBUF_H
#define L10N_STRBUF_H
#include <stdarg.h>
#include <stddef.h>
#include <string.h>

extern char strbuf_slopbuf[];

struct strbuf {
	size_t alloc, len;
	char *buf;
};

#define STRBUF_INIT {0, 0, strbuf_slopbuf}

void strbuf_init(struct strbuf *sb, size_t hint);
void strbuf_release(struct strbuf *sb);
void strbuf_grow(struct strbuf *sb, size_t extra);
/* Inline, with strbuf_add() and strbuf_addstr(): called for every piece
 * of text a document's model is built from. */
static inline void strbuf_setlen(struct strbuf *sb, size_t len)
{
	if (!sb->alloc)
		return; /* empty static buffer stays "" */
	sb->len = len;
	sb->buf[len] = '\0';
}
static inline void strbuf_reset(struct strbuf *sb)
{
	strbuf_setlen(sb, 0);
}
static inline void strbuf_add(struct strbuf *sb, const void *data, size_t len)
{
	if (!len)
		return;
	if (sb->len + len + 1 > sb->alloc)
		strbuf_grow(sb, len);
	memcpy(sb->buf + sb->len, data, len);
	sb->len += len;
	sb->buf[sb->len] = '\0';
}
static inline void strbuf_addstr(struct strbuf *sb, const char *s)
{
	strbuf_add(sb, s, strlen(s));
}
/* Inline: it is called for every byte of some texts. */
static inline void strbuf_addch(struct strbuf *sb, int c)
{
	if (sb->len + 2 > sb->alloc)
		strbuf_grow(sb, 1);
	sb->buf[sb->len++] = (char)c;
	sb->buf[sb->len] = '\0';
}
void strbuf_addf(struct strbuf *sb, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void strbuf_vaddf(struct strbuf *sb, const char *fmt, va_list ap);
/* Append one code point as UTF-8. */
void strbuf_add_utf8(struct strbuf *sb, unsigned cp);
void strbuf_rtrim(struct strbuf *sb);
/* Detach the buffer; the caller frees it. */
char *strbuf_detach(struct strbuf *sb, size_t *len);

#endif
