#include "utf8.h"

#include <string.h>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

size_t utf8_seqlen(unsigned char c)
{
	if (c < 0x80)
		return 1;
	if (c >= 0xC2 && c <= 0xDF)
		return 2;
	if (c >= 0xE0 && c <= 0xEF)
		return 3;
	if (c >= 0xF0 && c <= 0xF4)
		return 4;
	return 1;
}

/* Length of the valid multi-byte sequence at s[i] (s[i] >= 0x80), or 0. */
static size_t valid_seq(const unsigned char *s, size_t i, size_t len)
{
	unsigned char c = s[i];
	size_t n;
	unsigned char lo = 0x80, hi = 0xBF;
	if (c >= 0xC2 && c <= 0xDF) {
		n = 2;
	} else if (c >= 0xE0 && c <= 0xEF) {
		n = 3;
		if (c == 0xE0)
			lo = 0xA0;
		else if (c == 0xED)
			hi = 0x9F; /* no surrogates */
	} else if (c >= 0xF0 && c <= 0xF4) {
		n = 4;
		if (c == 0xF0)
			lo = 0x90;
		else if (c == 0xF4)
			hi = 0x8F;
	} else {
		return 0;
	}
	if (i + n > len)
		return 0;
	if (s[i + 1] < lo || s[i + 1] > hi)
		return 0;
	for (size_t k = 2; k < n; k++)
		if ((s[i + k] & 0xC0) != 0x80)
			return 0;
	return n;
}

/* Offset of the first byte >= 0x80 at or after i, or len. */
static inline size_t skip_ascii(const unsigned char *s, size_t i, size_t len)
{
#if defined(__SSE2__)
	while (i + 16 <= len) {
		unsigned m = (unsigned)_mm_movemask_epi8(
			_mm_loadu_si128((const __m128i *)(const void *)(s + i)));
		if (m)
			return i + (size_t)__builtin_ctz(m);
		i += 16;
	}
#else
	while (i + 8 <= len) {
		uint64_t w;
		memcpy(&w, s + i, 8);
		if (w & 0x8080808080808080ULL)
			break;
		i += 8;
	}
#endif
	while (i < len && s[i] < 0x80)
		i++;
	return i;
}

bool utf8_validate(const char *str, size_t len, size_t *bad)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t i = 0;
	for (;;) {
		i = skip_ascii(s, i, len);
		/* A run of multi-byte sequences (CJK text) up to the next ASCII
		 * byte. Three-byte sequences whose lead is neither E0 (overlong
		 * range) nor ED (surrogates) need only their continuation bytes
		 * checked; everything else takes the full test. */
		while (i < len && s[i] >= 0x80) {
			unsigned char c = s[i];
			if ((c & 0xF0) == 0xE0 && c != 0xE0 && c != 0xED && i + 3 <= len &&
			    (s[i + 1] & 0xC0) == 0x80 && (s[i + 2] & 0xC0) == 0x80) {
				i += 3;
				continue;
			}
			size_t n = valid_seq(s, i, len);
			if (!n) {
				if (bad)
					*bad = i;
				return false;
			}
			i += n;
		}
		if (i >= len)
			return true;
	}
}

uint32_t utf8_next_multi(const char *str, size_t len, size_t *i)
{
	const unsigned char *s = (const unsigned char *)str;
	unsigned char c = s[*i];
	size_t n = utf8_seqlen(c);
	if (n == 1 || *i + n > len) {
		(*i)++;
		return c < 0x80 ? c : 0xFFFD;
	}
	uint32_t cp = c & (0xFF >> (n + 1));
	for (size_t k = 1; k < n; k++) {
		if ((s[*i + k] & 0xC0) != 0x80) {
			(*i)++;
			return 0xFFFD;
		}
		cp = (cp << 6) | (s[*i + k] & 0x3F);
	}
	*i += n;
	return cp;
}

size_t utf8_count(const char *str, size_t len)
{
	/* Code points are the bytes that are not continuation bytes
	 * (10xxxxxx): count the continuation bytes eight at a time (bit 7 set,
	 * bit 6 clear) and subtract. */
	const unsigned char *s = (const unsigned char *)str;
	size_t n = len, i = 0;
	for (; i + 8 <= len; i += 8) {
		uint64_t w;
		memcpy(&w, s + i, 8);
		uint64_t cont = w & ~(w << 1) & 0x8080808080808080ULL;
		if (cont)
			n -= (size_t)(((cont >> 7) * 0x0101010101010101ULL) >> 56);
	}
	for (; i < len; i++)
		if ((s[i] & 0xC0) == 0x80)
			n--;
	return n;
}
