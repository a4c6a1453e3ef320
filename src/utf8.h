/* utf8.h - UTF-8 validation and decoding (no ICU needed for these). */
#ifndef L10N_UTF8_H
#define L10N_UTF8_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Validate s[0..len). Returns true when valid. On failure *bad is the byte
 * offset of the first invalid sequence. Rejects overlongs, surrogates and
 * code points above U+10FFFF. NUL bytes are valid UTF-8: check separately. */
bool utf8_validate(const char *s, size_t len, size_t *bad);

/* The multi-byte case of utf8_next(). */
uint32_t utf8_next_multi(const char *s, size_t len, size_t *i);

/* Decode one code point at s[*i] (s valid UTF-8), advance *i. Returns
 * U+FFFD and advances one byte on malformed input. Inline: the rules decode
 * every character of every block, and most of them are ASCII or CJK. */
static inline uint32_t utf8_next(const char *s, size_t len, size_t *i)
{
	const unsigned char *u = (const unsigned char *)s;
	unsigned char c = u[*i];
	if (c < 0x80) {
		(*i)++;
		return c;
	}
	/* three bytes: CJK text (the same value utf8_next_multi() gives) */
	if (c >= 0xE0 && c <= 0xEF && *i + 3 <= len && (u[*i + 1] & 0xC0) == 0x80 &&
	    (u[*i + 2] & 0xC0) == 0x80) {
		uint32_t cp = ((uint32_t)(c & 0x0F) << 12) | ((uint32_t)(u[*i + 1] & 0x3F) << 6) |
		              (u[*i + 2] & 0x3F);
		*i += 3;
		return cp;
	}
	return utf8_next_multi(s, len, i);
}

/* The code point that ends just before s[p] (p > 0); *start gets its
 * offset. 0xFFFFFFFF when the bytes there are not well-formed UTF-8 (a
 * real U+FFFD is returned as itself). */
uint32_t utf8_prev(const char *s, size_t p, size_t *start);

/* Number of code points in s[0..len). */
size_t utf8_count(const char *s, size_t len);

/* Byte length of the UTF-8 sequence that starts with byte c (1 for invalid). */
size_t utf8_seqlen(unsigned char c);

#endif
