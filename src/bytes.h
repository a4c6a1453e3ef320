/* bytes.h - small byte-level helpers shared by several modules. */
#ifndef L10N_BYTES_H
#define L10N_BYTES_H
#include <stddef.h>
#include <stdint.h>
#include <string.h>

/* A 64-bit hash of s[0..len), eight bytes at a time (paths and block texts
 * are long). The length is mixed in, so the zero padding of the last word
 * cannot make two keys one. For hash tables, not for storage: the value
 * may change between versions. */
static inline uint64_t bytes_hash(const char *s, size_t len)
{
	uint64_t h = 0x9E3779B97F4A7C15ULL ^ (uint64_t)len;
	size_t i = 0;
	for (; i + 8 <= len; i += 8) {
		uint64_t w;
		memcpy(&w, s + i, 8);
		h = (h ^ w) * 0xFF51AFD7ED558CCDULL;
		h ^= h >> 32;
	}
	uint64_t w = 0;
	memcpy(&w, s + i, len - i);
	h = (h ^ w) * 0xC4CEB9FE1A85EC53ULL;
	return h ^ (h >> 29);
}

/* The value of a hexadecimal digit, -1 for any other byte. */
static inline int hex_value(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

#endif
