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

#if defined(__SSE2__)
/* Bytes of x >= c (unsigned), as a mask. */
static inline __m128i ge_u8(__m128i x, unsigned char c)
{
	return _mm_cmpeq_epi8(_mm_max_epu8(x, _mm_set1_epi8((char)c)), x);
}

/* The bytes of v that break UTF-8, given prev, the 16 bytes before v (all
 * ASCII before the text). This is the byte-wise statement of the rules
 * valid_seq() applies sequence by sequence:
 *  - a byte is a continuation byte (80..BF) exactly when one of the three
 *    bytes before it leads a sequence long enough to reach it (C0.. one
 *    byte on, E0.. two, F0.. three);
 *  - C0, C1 and F5..FF never occur;
 *  - after E0 the next byte is A0.., after ED ..9F (no surrogates),
 *    after F0 90.., after F4 ..8F (nothing above U+10FFFF).
 * Nonzero when some byte breaks a rule. */
static inline __m128i block_errors(__m128i v, __m128i prev)
{
	__m128i p1 = _mm_or_si128(_mm_slli_si128(v, 1), _mm_srli_si128(prev, 15));
	__m128i p2 = _mm_or_si128(_mm_slli_si128(v, 2), _mm_srli_si128(prev, 14));
	__m128i p3 = _mm_or_si128(_mm_slli_si128(v, 3), _mm_srli_si128(prev, 13));
	__m128i cont = _mm_cmplt_epi8(v, _mm_set1_epi8((char)0xC0)); /* signed: 80..BF */
	__m128i need = _mm_or_si128(ge_u8(p1, 0xC0), _mm_or_si128(ge_u8(p2, 0xE0), ge_u8(p3, 0xF0)));
	__m128i err = _mm_xor_si128(cont, need);
	err = _mm_or_si128(err, ge_u8(v, 0xF5));
	err = _mm_or_si128(err, _mm_cmpeq_epi8(_mm_and_si128(v, _mm_set1_epi8((char)0xFE)),
	                                       _mm_set1_epi8((char)0xC0)));
	__m128i a0 = ge_u8(v, 0xA0), b90 = ge_u8(v, 0x90);
	err = _mm_or_si128(err, _mm_andnot_si128(a0, _mm_cmpeq_epi8(p1, _mm_set1_epi8((char)0xE0))));
	err = _mm_or_si128(err, _mm_and_si128(a0, _mm_cmpeq_epi8(p1, _mm_set1_epi8((char)0xED))));
	err = _mm_or_si128(err, _mm_andnot_si128(b90, _mm_cmpeq_epi8(p1, _mm_set1_epi8((char)0xF0))));
	err = _mm_or_si128(err, _mm_and_si128(b90, _mm_cmpeq_epi8(p1, _mm_set1_epi8((char)0xF4))));
	return err;
}

/* valid_sse2() with every rule of block_errors(). */
static bool valid_sse2_full(const unsigned char *s, size_t len)
{
	const __m128i zero = _mm_setzero_si128();
	__m128i prev = zero, err = zero;
	size_t i = 0;
	for (; i + 16 <= len; i += 16) {
		__m128i v = _mm_loadu_si128((const __m128i *)(const void *)(s + i));
		if (!(_mm_movemask_epi8(v) | _mm_movemask_epi8(prev))) {
			prev = v;
			continue;
		}
		err = _mm_or_si128(err, block_errors(v, prev));
		prev = v;
	}
	/* The tail padded with ASCII NULs, which also shows a sequence cut
	 * off by the end of the text; then one more such block for a
	 * sequence still open past the padding. */
	unsigned char tail[16] = {0};
	memcpy(tail, s + i, len - i);
	__m128i v = _mm_loadu_si128((const __m128i *)(const void *)tail);
	err = _mm_or_si128(err, block_errors(v, prev));
	err = _mm_or_si128(err, block_errors(zero, v));
	return _mm_movemask_epi8(_mm_cmpeq_epi8(err, zero)) == 0xFFFF;
}

/* The rules of block_errors() for text without the bytes E0, ED and F0..FF,
 * which is what CJK and most other text is: sequences are then two or three
 * bytes long and their second byte has no range of its own. Also sets
 * *special when the text has one of those bytes (the caller then applies
 * every rule). */
static inline __m128i block_errors_common(__m128i v, __m128i prev, __m128i *special)
{
	__m128i p1 = _mm_or_si128(_mm_slli_si128(v, 1), _mm_srli_si128(prev, 15));
	__m128i p2 = _mm_or_si128(_mm_slli_si128(v, 2), _mm_srli_si128(prev, 14));
	__m128i cont = _mm_cmplt_epi8(v, _mm_set1_epi8((char)0xC0)); /* signed: 80..BF */
	__m128i need = _mm_or_si128(ge_u8(p1, 0xC0), ge_u8(p2, 0xE0));
	__m128i err = _mm_xor_si128(cont, need);
	err = _mm_or_si128(err, _mm_cmpeq_epi8(_mm_and_si128(v, _mm_set1_epi8((char)0xFE)),
	                                       _mm_set1_epi8((char)0xC0)));
	*special = _mm_or_si128(*special,
	                        _mm_or_si128(ge_u8(v, 0xF0),
	                                     _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8((char)0xE0)),
	                                                  _mm_cmpeq_epi8(v, _mm_set1_epi8((char)0xED)))));
	return err;
}

/* True when s[0, len) is valid UTF-8: 16 bytes at a time, ASCII blocks
 * after ASCII skipped with one test. */
static bool valid_sse2(const unsigned char *s, size_t len)
{
	const __m128i zero = _mm_setzero_si128();
	__m128i prev = zero, err = zero, special = zero;
	size_t i = 0;
	for (; i + 16 <= len; i += 16) {
		__m128i v = _mm_loadu_si128((const __m128i *)(const void *)(s + i));
		if (!(_mm_movemask_epi8(v) | _mm_movemask_epi8(prev))) {
			prev = v;
			continue;
		}
		err = _mm_or_si128(err, block_errors_common(v, prev, &special));
		prev = v;
	}
	unsigned char tail[16] = {0};
	memcpy(tail, s + i, len - i);
	__m128i v = _mm_loadu_si128((const __m128i *)(const void *)tail);
	err = _mm_or_si128(err, block_errors_common(v, prev, &special));
	err = _mm_or_si128(err, block_errors_common(zero, v, &special));
	if (_mm_movemask_epi8(special))
		return valid_sse2_full(s, len);
	return _mm_movemask_epi8(_mm_cmpeq_epi8(err, zero)) == 0xFFFF;
}
#endif

bool utf8_validate(const char *str, size_t len, size_t *bad)
{
	const unsigned char *s = (const unsigned char *)str;
#if defined(__SSE2__)
	/* Valid text (nearly all of it) is confirmed by the block test; the
	 * scan below finds where invalid text goes wrong. */
	if (valid_sse2(s, len))
		return true;
#endif
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

uint32_t utf8_prev(const char *text, size_t p, size_t *start)
{
	const unsigned char *s = (const unsigned char *)text;
	size_t q = p - 1;
	while (q > 0 && p - q < 4 && (s[q] & 0xC0) == 0x80)
		q--;
	*start = q;
	size_t i = q;
	uint32_t cp = utf8_next(text, p, &i);
	if (i != p || (cp == 0xFFFD && !(p - q == 3 && s[q] == 0xEF && s[q + 1] == 0xBF &&
	                                 s[q + 2] == 0xBD)))
		return 0xFFFFFFFF;
	return cp;
}
