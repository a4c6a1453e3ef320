/* text.c - language-aware text utilities over ICU (see text.h).
 *
 * UTF-8 in, UTF-8 out. ICU objects are built once and reused:
 *  - the NFKC normalizer is ICU's singleton (never freed by us);
 *  - one sentence BreakIterator per language is opened once into a global
 *    cache guarded by a mutex ("masters"); each thread clones the master
 *    it needs on first use into its own cache, so text_sentences() never
 *    calls ubrk_open() in steady state and never shares an iterator;
 *  - UTF-16 buffers are per thread and only ever grow.
 * Per-thread state lives in a heap block reached through a _Thread_local
 * pointer and registered with a pthread key, so a worker thread's state is
 * freed when it exits; text_global_cleanup() frees the calling thread's
 * state and the masters.
 *
 * Every UErrorCode is checked; on an ICU failure the functions degrade
 * (text_sentences: 1 for nonblank text; text_nfkc: the input unchanged)
 * instead of failing. */
#include "text.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unicode/ubrk.h>
#include <unicode/uchar.h>
#include <unicode/uloc.h>
#include <unicode/unorm2.h>
#include <unicode/uscript.h>
#include <unicode/ustring.h>

#include "bytes.h"
#include "utf8.h"
#include "xalloc.h"

/* ------------------------------------------------------------------ */
/* Global and per-thread state                                        */

#define LANG_MAX 32 /* distinct languages cached; more share the first slot */
#define LANG_KEY 24 /* normalised BCP 47 tag, truncated */

struct brk_master {
	char key[LANG_KEY];
	UBreakIterator *bi; /* NULL when ICU could not open one */
};

static pthread_mutex_t g_lock = PTHREAD_MUTEX_INITIALIZER;
static struct brk_master g_brk[LANG_MAX];
static size_t g_nbrk;
static pthread_key_t g_key;
static atomic_bool g_key_ok;

/* text_numbers() results of recent texts, per thread, keyed by the text
 * itself: the aligner and several rules ask for the numbers of the same
 * blocks (in a site check, most calls repeat an earlier one; measured on
 * the corpus: 72%). Direct-mapped. Keys and results are copied into one
 * per-thread buffer; when it is full, every slot is dropped at once (a
 * new generation) and the buffer is reused. */
#define MEMO_SLOTS 4096
#define MEMO_MIN_LEN 24    /* shorter texts are cheaper to scan again */
#define MEMO_MAX_LEN 4096  /* bounds the memory a key holds */
#define MEMO_MAX_ITEMS 64  /* a result with more items is not kept */
#define MEMO_ARENA (1u << 20)

struct memo {
	uint64_t h;
	size_t len;        /* 0: empty */
	unsigned gen;      /* valid when the thread's memo_gen */
	const char *key;   /* the text, in the arena */
	const struct text_number *v; /* in the arena */
	size_t n;          /* what text_numbers() returned */
};

struct text_tls {
	struct {
		char key[LANG_KEY];
		UBreakIterator *bi;
		bool failed; /* master missing or clone failed: degrade */
	} brk[LANG_MAX];
	size_t nbrk;
	UChar *u16; /* input converted to UTF-16 */
	int32_t u16cap;
	UChar *n16; /* normalised UTF-16 */
	int32_t n16cap;
	const UNormalizer2 *nfkc;
	bool nfkc_failed;
	struct memo *memo; /* [MEMO_SLOTS], on first use */
	char *arena;       /* [MEMO_ARENA]: the memo's keys and results */
	size_t arena_used;
	unsigned memo_gen; /* >= 1 */
};

static _Thread_local struct text_tls *t_tls;

static void tls_free(void *p)
{
	struct text_tls *t = p;
	if (!t)
		return;
	for (size_t i = 0; i < t->nbrk; i++)
		if (t->brk[i].bi)
			ubrk_close(t->brk[i].bi);
	free(t->u16);
	free(t->n16);
	free(t->memo);
	free(t->arena);
	free(t);
}

/* pthread key destructor: runs on the exiting thread. */
static void tls_destroy(void *p)
{
	if (p == t_tls)
		t_tls = NULL;
	tls_free(p);
}

/* Called with g_lock held. */
static void key_ensure_locked(void)
{
	if (!atomic_load(&g_key_ok) && pthread_key_create(&g_key, tls_destroy) == 0)
		atomic_store(&g_key_ok, true);
}

void text_global_init(void)
{
	pthread_mutex_lock(&g_lock);
	key_ensure_locked();
	pthread_mutex_unlock(&g_lock);
	UErrorCode st = U_ZERO_ERROR;
	(void)unorm2_getNFKCInstance(&st); /* build ICU's singleton now */
}

static struct text_tls *tls_get(void)
{
	if (t_tls)
		return t_tls;
	struct text_tls *t = xcalloc(1, sizeof(*t));
	pthread_mutex_lock(&g_lock);
	key_ensure_locked();
	if (atomic_load(&g_key_ok))
		pthread_setspecific(g_key, t);
	pthread_mutex_unlock(&g_lock);
	t_tls = t;
	return t;
}

void text_thread_cleanup(void)
{
	struct text_tls *t = t_tls;
	if (!t)
		return;
	t_tls = NULL;
	if (atomic_load(&g_key_ok))
		pthread_setspecific(g_key, NULL);
	tls_free(t);
}

void text_global_cleanup(void)
{
	text_thread_cleanup();
	pthread_mutex_lock(&g_lock);
	for (size_t i = 0; i < g_nbrk; i++) {
		if (g_brk[i].bi)
			ubrk_close(g_brk[i].bi);
		g_brk[i].bi = NULL;
		g_brk[i].key[0] = '\0';
	}
	g_nbrk = 0;
	if (atomic_load(&g_key_ok)) {
		pthread_key_delete(g_key);
		atomic_store(&g_key_ok, false);
	}
	pthread_mutex_unlock(&g_lock);
}

/* Grow a per-thread UTF-16 buffer to hold `need` units. Never shrinks. */
static bool u16_reserve(UChar **buf, int32_t *cap, size_t need)
{
	if (need > (size_t)INT32_MAX)
		return false;
	if ((int32_t)need <= *cap)
		return true;
	size_t n = *cap ? (size_t)*cap : 256;
	while (n < need)
		n *= 2;
	if (n > (size_t)INT32_MAX)
		n = (size_t)INT32_MAX;
	*buf = xrealloc(*buf, n * sizeof(UChar));
	*cap = (int32_t)n;
	return true;
}

static int32_t u16_put(UChar *u, int32_t n, uint32_t cp)
{
	if (cp <= 0xFFFF) {
		u[n++] = (UChar)cp;
	} else {
		cp -= 0x10000;
		u[n++] = (UChar)(0xD800 + (cp >> 10));
		u[n++] = (UChar)(0xDC00 + (cp & 0x3FF));
	}
	return n;
}

/* ------------------------------------------------------------------ */
/* Character classes                                                  */

/* Bytes of an all-ASCII word in [lo, hi], as high bits (0x80 per byte):
 * with every byte below 0x80 the sums below never carry into the next
 * byte. */
static inline uint64_t swar_in(uint64_t w, unsigned char lo, unsigned char hi)
{
	const uint64_t ones = 0x0101010101010101ULL;
	uint64_t ge = w + ones * (uint64_t)(0x80 - lo);   /* high bit: byte >= lo */
	uint64_t gt = w + ones * (uint64_t)(0x7F - hi);   /* high bit: byte > hi */
	return ge & ~gt & (ones * 0x80);
}

#if defined(__SSE2__)
#include <emmintrin.h>

/* Bytes of v in [lo, lo + span] (unsigned, with wrap-around). */
static inline __m128i sse_in_range(__m128i v, unsigned char lo, unsigned char span)
{
	__m128i d = _mm_sub_epi8(v, _mm_set1_epi8((char)lo));
	return _mm_cmpeq_epi8(_mm_min_epu8(d, _mm_set1_epi8((char)span)), d);
}
#endif

/* ASCII classes, for the byte loops below. */
enum { A_ALPHA = 1, A_DIGIT = 2, A_UNDERSCORE = 4 };
static const unsigned char ascii_class[128] = {
	['0'] = A_DIGIT, ['1'] = A_DIGIT, ['2'] = A_DIGIT, ['3'] = A_DIGIT, ['4'] = A_DIGIT,
	['5'] = A_DIGIT, ['6'] = A_DIGIT, ['7'] = A_DIGIT, ['8'] = A_DIGIT, ['9'] = A_DIGIT,
	['_'] = A_UNDERSCORE,
	['A'] = A_ALPHA, ['B'] = A_ALPHA, ['C'] = A_ALPHA, ['D'] = A_ALPHA, ['E'] = A_ALPHA,
	['F'] = A_ALPHA, ['G'] = A_ALPHA, ['H'] = A_ALPHA, ['I'] = A_ALPHA, ['J'] = A_ALPHA,
	['K'] = A_ALPHA, ['L'] = A_ALPHA, ['M'] = A_ALPHA, ['N'] = A_ALPHA, ['O'] = A_ALPHA,
	['P'] = A_ALPHA, ['Q'] = A_ALPHA, ['R'] = A_ALPHA, ['S'] = A_ALPHA, ['T'] = A_ALPHA,
	['U'] = A_ALPHA, ['V'] = A_ALPHA, ['W'] = A_ALPHA, ['X'] = A_ALPHA, ['Y'] = A_ALPHA,
	['Z'] = A_ALPHA,
	['a'] = A_ALPHA, ['b'] = A_ALPHA, ['c'] = A_ALPHA, ['d'] = A_ALPHA, ['e'] = A_ALPHA,
	['f'] = A_ALPHA, ['g'] = A_ALPHA, ['h'] = A_ALPHA, ['i'] = A_ALPHA, ['j'] = A_ALPHA,
	['k'] = A_ALPHA, ['l'] = A_ALPHA, ['m'] = A_ALPHA, ['n'] = A_ALPHA, ['o'] = A_ALPHA,
	['p'] = A_ALPHA, ['q'] = A_ALPHA, ['r'] = A_ALPHA, ['s'] = A_ALPHA, ['t'] = A_ALPHA,
	['u'] = A_ALPHA, ['v'] = A_ALPHA, ['w'] = A_ALPHA, ['x'] = A_ALPHA, ['y'] = A_ALPHA,
	['z'] = A_ALPHA,
};

/* Han ideographs (U+4E00-9FFF), kana (U+3040-30FF but the combining
 * marks U+3099/309A) and Hangul syllables: never a digit nor a word
 * letter below, so most of a CJK text needs no ICU lookup. (Checked
 * against ICU 72 for every one of them; their properties are stable.) */
static inline bool cjk_plain(uint32_t c)
{
	return (c >= 0x4E00 && c <= 0x9FFF) ||
	       (c >= 0x3040 && c <= 0x30FF && c != 0x3099 && c != 0x309A) ||
	       (c >= 0xAC00 && c <= 0xD7A3);
}

/* The Han ideographs, kana and Hangul syllables that are letters. */
static inline bool cjk_letter(uint32_t c)
{
	return text_cjk_letter(c);
}

static bool is_digit(uint32_t c)
{
	if (c < 0x80)
		return c >= '0' && c <= '9';
	if (cjk_plain(c))
		return false;
	return u_charType((UChar32)c) == U_DECIMAL_DIGIT_NUMBER;
}

static int digit_value(uint32_t c)
{
	if (c < 0x80)
		return (int)c - '0';
	return u_charDigitValue((UChar32)c);
}

static UScriptCode script_of(uint32_t c)
{
	UErrorCode st = U_ZERO_ERROR;
	UScriptCode sc = uscript_getScript((UChar32)c, &st);
	return U_FAILURE(st) ? USCRIPT_INVALID_CODE : sc;
}

/* A letter (or combining mark) of a script that separates words with
 * spaces (Latin, Greek, Cyrillic...): digits touching one are part of a
 * word. Letters of Han, kana, Hangul... are not: "3つ", "44の機能". */
bool text_word_letter(uint32_t c)
{
	if (c < 0x80)
		return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
	if (cjk_plain(c) || !(U_GET_GC_MASK((UChar32)c) & (U_GC_L_MASK | U_GC_M_MASK)))
		return false;
	switch (script_of(c)) {
	case USCRIPT_LATIN:
	case USCRIPT_GREEK:
	case USCRIPT_CYRILLIC:
	case USCRIPT_ARMENIAN:
	case USCRIPT_GEORGIAN:
	case USCRIPT_INHERITED:
		return true;
	default:
		return false;
	}
}

static bool is_wordish(uint32_t c)
{
	return c == '_' || text_word_letter(c) || is_digit(c);
}

static bool is_han(uint32_t c)
{
	return c == 0x3005 /* 々 */ || script_of(c) == USCRIPT_HAN;
}

static bool is_hspace(uint32_t c)
{
	return c == ' ' || c == '\t' || c == 0xA0 || c == 0x2009 || c == 0x202F || c == 0x3000;
}

/* Code point at i (0 at the end) without advancing. */
static uint32_t peek(const char *s, size_t len, size_t i)
{
	if (i >= len)
		return 0;
	return utf8_next(s, len, &i);
}

/* Code point ending just before i (0 at the start); *start gets its offset. */
static uint32_t peek_back(const char *s, size_t i, size_t *start)
{
	if (i == 0) {
		if (start)
			*start = 0;
		return 0;
	}
	if ((unsigned char)s[i - 1] < 0x80) {
		if (start)
			*start = i - 1;
		return (unsigned char)s[i - 1];
	}
	size_t j = i - 1;
	while (j > 0 && i - j < 4 && ((unsigned char)s[j] & 0xC0) == 0x80)
		j--;
	size_t k = j;
	uint32_t c = utf8_next(s, i, &k);
	if (k != i) { /* malformed: treat the last byte alone */
		j = i - 1;
		c = 0xFFFD;
	}
	if (start)
		*start = j;
	return c;
}

static bool has_prefix(const char *s, size_t len, size_t i, const char *p)
{
	size_t n = strlen(p);
	return i + n <= len && memcmp(s + i, p, n) == 0;
}

/* ------------------------------------------------------------------ */
/* Scripts                                                            */

bool script_set_add(struct script_set *set, const char *name)
{
	if (!set || !name || !*name)
		return false;
	UErrorCode st = U_ZERO_ERROR;
	UScriptCode codes[8];
	int32_t n = uscript_getCode(name, codes, 8, &st);
	if (U_FAILURE(st) || n <= 0)
		return false;
	for (int32_t k = 0; k < n; k++) {
		bool have = false;
		for (size_t i = 0; i < set->n; i++)
			if (set->codes[i] == (int)codes[k])
				have = true;
		if (have)
			continue;
		if (set->n >= SCRIPT_SET_MAX)
			return false;
		set->codes[set->n++] = (int)codes[k];
	}
	return true;
}

static bool set_has(const struct script_set *set, UScriptCode sc)
{
	if (!set || sc == USCRIPT_COMMON || sc == USCRIPT_INHERITED || sc == USCRIPT_INVALID_CODE)
		return false;
	for (size_t i = 0; i < set->n; i++)
		if (set->codes[i] == (int)sc)
			return true;
	return false;
}

static bool is_letter(uint32_t c)
{
	if (c < 0x80)
		return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
	return cjk_letter(c) || (U_GET_GC_MASK((UChar32)c) & U_GC_L_MASK) != 0;
}

void text_script_stats(const char *s, size_t len, const struct script_set *set,
                       size_t *in_set, size_t *letters)
{
	size_t ni = 0, nl = 0;
	bool latin_in_set = set_has(set, USCRIPT_LATIN);
	/* The scripts of the letters cjk_letter() knows (checked against
	 * ICU 72 for every one of them): Han, Hiragana, Katakana but U+30FC
	 * (Common: never in a set), Hangul. */
	bool han = set_has(set, USCRIPT_HAN), hira = set_has(set, USCRIPT_HIRAGANA),
	     kata = set_has(set, USCRIPT_KATAKANA), hangul = set_has(set, USCRIPT_HANGUL);
	for (size_t i = 0; i < len;) {
		if (i + 8 <= len) {
			uint64_t w;
			memcpy(&w, s + i, 8);
			if (!(w & 0x8080808080808080ULL)) {
				/* eight ASCII bytes: count the letters at once */
				uint64_t m = swar_in(w | 0x2020202020202020ULL, 'a', 'z');
				size_t k = (size_t)(((m >> 7) * 0x0101010101010101ULL) >> 56);
				nl += k;
				ni += latin_in_set ? k : 0;
				i += 8;
				continue;
			}
		}
		uint32_t c = utf8_next(s, len, &i);
		if (c >= 0x3041 && c <= 0xD7A3 && cjk_letter(c)) {
			nl++;
			if (c >= 0x4E00 && c <= 0x9FFF)
				ni += han;
			else if (c <= 0x309F)
				ni += hira;
			else if (c <= 0x30FF)
				ni += kata && c != 0x30FC;
			else
				ni += hangul;
			continue;
		}
		if (!is_letter(c))
			continue;
		nl++;
		if (c < 0x80 ? latin_in_set : set_has(set, script_of(c)))
			ni++;
	}
	if (in_set)
		*in_set = ni;
	if (letters)
		*letters = nl;
}

bool text_has_script(const char *s, size_t len, const struct script_set *set)
{
	if (!set || !set->n)
		return false;
	bool latin_in_set = set_has(set, USCRIPT_LATIN);
	for (size_t i = 0; i < len;) {
		uint32_t c = utf8_next(s, len, &i);
		if (c < 0x80) {
			if (latin_in_set && is_letter(c))
				return true;
			continue;
		}
		if (is_letter(c) && set_has(set, script_of(c)))
			return true;
	}
	return false;
}

/* Set bits of a 16-bit mask. */
static inline unsigned popcount16(unsigned m)
{
	static const unsigned char pc4[16] = {0, 1, 1, 2, 1, 2, 2, 3, 1, 2, 2, 3, 2, 3, 3, 4};
	return pc4[m & 15] + pc4[(m >> 4) & 15] + pc4[(m >> 8) & 15] + pc4[(m >> 12) & 15];
}

/* text_weight()'s verdict for U+3000-U+4DFF (U+4E00-U+9FFF are all Han
 * letters), one bit each: cjk_letter() or general category L or N, read
 * from ICU once. */
#define W3_LO 0x3000
#define W3_HI 0x4E00
static uint64_t g_w3[(W3_HI - W3_LO) / 64];
static atomic_bool g_w3_ready;
static pthread_once_t g_w3_once = PTHREAD_ONCE_INIT;

static void w3_build(void)
{
	for (uint32_t c = W3_LO; c < W3_HI; c++)
		if (text_weighs(c))
			g_w3[(c - W3_LO) / 64] |= 1ULL << ((c - W3_LO) % 64);
	atomic_store_explicit(&g_w3_ready, true, memory_order_release);
}

size_t text_weight(const char *s, size_t len)
{
	if (!atomic_load_explicit(&g_w3_ready, memory_order_acquire))
		pthread_once(&g_w3_once, w3_build);
	size_t n = 0;
	for (size_t i = 0; i < len;) {
#if defined(__SSE2__)
		if (i + 16 <= len) {
			/* sixteen bytes: count [0-9A-Za-z] up to the first non-ASCII
			 * byte at once (non-ASCII bytes are in neither range) */
			__m128i v = _mm_loadu_si128((const __m128i *)(const void *)(s + i));
			unsigned hi = (unsigned)_mm_movemask_epi8(v);
			unsigned an = (unsigned)_mm_movemask_epi8(
				_mm_or_si128(sse_in_range(v, '0', 9),
				             sse_in_range(_mm_or_si128(v, _mm_set1_epi8(0x20)), 'a', 25)));
			if (!hi) {
				n += popcount16(an);
				i += 16;
				continue;
			}
			unsigned k = (unsigned)__builtin_ctz(hi);
			n += popcount16(an & ((1u << k) - 1));
			i += k;
		}
#endif
		unsigned char b = (unsigned char)s[i];
		if (b < 0x80) {
			n += (ascii_class[b] & (A_ALPHA | A_DIGIT)) != 0;
			i++;
			continue;
		}
		/* A run of three-byte characters U+3000-U+9FFF (CJK text), read
		 * in one loop: U+4E00-U+9FFF (E4 B8 80 and up) are Han letters
		 * (cjk_letter()), the rest as g_w3 says. */
#if defined(__SSE2__)
		/* five characters at a time: the 16 bytes at i are checked to be
		 * lead byte E3-E9, continuation, continuation, five times over
		 * (the first `good` of them are: the rest goes to the loop
		 * below); leads E5-E9 count at once */
		while (i + 18 <= len) {
			__m128i v = _mm_loadu_si128((const __m128i *)(const void *)(s + i));
			unsigned lead = (unsigned)_mm_movemask_epi8(sse_in_range(v, 0xE3, 6));
			unsigned cont = (unsigned)_mm_movemask_epi8(sse_in_range(v, 0x80, 0x3F));
			unsigned bad = (~lead & 0x1249u) | (~cont & 0x6DB6u) | 0x8000u;
			unsigned good = (unsigned)__builtin_ctz(bad) / 3; /* characters */
			if (!good)
				break;
			unsigned leads = 0x1249u & ((1u << (3 * good)) - 1);
			/* lane k: the character's bytes v[k], v1[k], v2[k]. Letters
			 * or numbers for certain: Han (E5-E9; E4 B8-BF), and kana
			 * but U+3040 (E3 81 80), U+3097-U+309C (E3 82 97-9C),
			 * U+30A0 (E3 82 A0) and U+30FB (E3 83 BB), as cjk_letter()
			 * says. The other leads (E3 80, E3 84-BF, E4 80-B7) as g_w3
			 * says, one at a time. */
			__m128i v1 = _mm_loadu_si128((const __m128i *)(const void *)(s + i + 1));
			__m128i v2 = _mm_loadu_si128((const __m128i *)(const void *)(s + i + 2));
			__m128i e3 = _mm_cmpeq_epi8(v, _mm_set1_epi8((char)0xE3));
			__m128i r81 = _mm_cmpeq_epi8(v1, _mm_set1_epi8((char)0x81));
			__m128i r82 = _mm_cmpeq_epi8(v1, _mm_set1_epi8((char)0x82));
			__m128i r83 = _mm_cmpeq_epi8(v1, _mm_set1_epi8((char)0x83));
			__m128i han = _mm_or_si128(
				sse_in_range(v, 0xE5, 4),
				_mm_and_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8((char)0xE4)),
				              sse_in_range(v1, 0xB8, 7)));
			__m128i kana = _mm_and_si128(e3, _mm_or_si128(_mm_or_si128(r81, r82), r83));
			__m128i notl = _mm_or_si128(
				_mm_or_si128(_mm_and_si128(r81, _mm_cmpeq_epi8(v2, _mm_set1_epi8((char)0x80))),
				             _mm_and_si128(r83, _mm_cmpeq_epi8(v2, _mm_set1_epi8((char)0xBB)))),
				_mm_and_si128(r82, _mm_or_si128(sse_in_range(v2, 0x97, 5),
				                                _mm_cmpeq_epi8(v2, _mm_set1_epi8((char)0xA0)))));
			unsigned known = (unsigned)_mm_movemask_epi8(_mm_or_si128(han, kana)) & leads;
			unsigned yes = (unsigned)_mm_movemask_epi8(
					       _mm_or_si128(han, _mm_andnot_si128(notl, kana))) &
				       leads;
			n += popcount16(yes);
			for (unsigned m = leads & ~known; m; m &= m - 1) {
				size_t k = i + (size_t)__builtin_ctz(m);
				uint32_t c = (((unsigned char)s[k] & 0x0Fu) << 12) |
				             (((unsigned char)s[k + 1] & 0x3Fu) << 6) |
				             ((unsigned char)s[k + 2] & 0x3Fu);
				n += (g_w3[(c - W3_LO) / 64] >> ((c - W3_LO) % 64)) & 1;
			}
			i += 3 * good;
			if (good < 5)
				break;
		}
#endif
		while (i + 3 <= len) {
			unsigned b0 = (unsigned char)s[i], b1 = (unsigned char)s[i + 1],
			         b2 = (unsigned char)s[i + 2];
			if (b0 < 0xE3 || b0 > 0xE9 || (b1 & 0xC0) != 0x80 || (b2 & 0xC0) != 0x80)
				break;
			i += 3;
			if (b0 >= 0xE5 || (b0 == 0xE4 && b1 >= 0xB8)) {
				n++;
				continue;
			}
			uint32_t c = ((b0 & 0x0F) << 12) | ((b1 & 0x3F) << 6) | (b2 & 0x3F);
			n += (g_w3[(c - W3_LO) / 64] >> ((c - W3_LO) % 64)) & 1;
		}
		if (i >= len || (unsigned char)s[i] < 0x80)
			continue;
		n += text_weighs(utf8_next(s, len, &i));
	}
	return n;
}

bool text_letter_or_number(uint32_t c)
{
	return (U_GET_GC_MASK((UChar32)c) & (U_GC_L_MASK | U_GC_N_MASK)) != 0;
}

/* ------------------------------------------------------------------ */
/* NFKC                                                               */

void text_nfkc(const char *s, size_t len, struct strbuf *out)
{
	size_t i = 0;
	while (i < len && (unsigned char)s[i] < 0x80)
		i++;
	if (i == len) { /* ASCII is NFKC already */
		strbuf_add(out, s, len);
		return;
	}
	struct text_tls *t = tls_get();
	if (!t->nfkc && !t->nfkc_failed) {
		UErrorCode st = U_ZERO_ERROR;
		t->nfkc = unorm2_getNFKCInstance(&st);
		if (U_FAILURE(st) || !t->nfkc) {
			t->nfkc = NULL;
			t->nfkc_failed = true;
		}
	}
	if (!t->nfkc || !u16_reserve(&t->u16, &t->u16cap, len))
		goto fallback;
	int32_t n = 0;
	for (i = 0; i < len;)
		n = u16_put(t->u16, n, utf8_next(s, len, &i));
	UErrorCode st = U_ZERO_ERROR;
	if (unorm2_isNormalized(t->nfkc, t->u16, n, &st) && U_SUCCESS(st))
		goto fallback; /* already NFKC: the input bytes are the answer */
	st = U_ZERO_ERROR;
	if (!u16_reserve(&t->n16, &t->n16cap, (size_t)n + (size_t)n / 2 + 16))
		goto fallback;
	int32_t m = unorm2_normalize(t->nfkc, t->u16, n, t->n16, t->n16cap, &st);
	if (st == U_BUFFER_OVERFLOW_ERROR) {
		if (m < 0 || !u16_reserve(&t->n16, &t->n16cap, (size_t)m))
			goto fallback;
		st = U_ZERO_ERROR;
		m = unorm2_normalize(t->nfkc, t->u16, n, t->n16, t->n16cap, &st);
	}
	if (U_FAILURE(st) || m < 0)
		goto fallback;
	/* A UTF-16 unit never needs more than 3 UTF-8 bytes. */
	if (m > INT32_MAX / 3)
		goto fallback;
	strbuf_grow(out, (size_t)m * 3);
	int32_t got = 0;
	st = U_ZERO_ERROR;
	u_strToUTF8WithSub(out->buf + out->len, (int32_t)(out->alloc - out->len - 1), &got,
	                   t->n16, m, 0xFFFD, NULL, &st);
	if (U_FAILURE(st) || got < 0) {
		out->buf[out->len] = '\0';
		goto fallback;
	}
	strbuf_setlen(out, out->len + (size_t)got);
	return;
fallback:
	strbuf_add(out, s, len);
}

/* ------------------------------------------------------------------ */
/* Sentences                                                          */

static void lang_key(const char *lang, char key[LANG_KEY])
{
	if (!lang || !*lang)
		lang = "en";
	size_t n = 0;
	for (; lang[n] && n < LANG_KEY - 1; n++) {
		char c = lang[n];
		if (c >= 'A' && c <= 'Z')
			c = (char)(c - 'A' + 'a');
		else if (c == '_')
			c = '-';
		key[n] = c;
	}
	key[n] = '\0';
}

/* The master iterator for a language key, opened on first use. Called
 * with g_lock held. */
static UBreakIterator *master_locked(const char *key)
{
	for (size_t i = 0; i < g_nbrk; i++)
		if (strcmp(g_brk[i].key, key) == 0)
			return g_brk[i].bi;
	if (g_nbrk == LANG_MAX)
		return g_brk[0].bi; /* full: the first language's rules */
	char loc[ULOC_FULLNAME_CAPACITY];
	UErrorCode st = U_ZERO_ERROR;
	int32_t parsed = 0;
	int32_t n = uloc_forLanguageTag(key, loc, (int32_t)sizeof(loc) - 16, &parsed, &st);
	if (U_FAILURE(st) || st == U_STRING_NOT_TERMINATED_WARNING || n <= 0) {
		snprintf(loc, sizeof(loc) - 16, "%s", key);
		n = (int32_t)strlen(loc);
	}
	/* Standard sentence-break suppressions ("Mr.", "Dr."...) where ICU
	 * has them; harmless elsewhere. */
	if (!strchr(loc, '@'))
		memcpy(loc + n, "@ss=standard", sizeof("@ss=standard"));
	st = U_ZERO_ERROR;
	UBreakIterator *bi = ubrk_open(UBRK_SENTENCE, loc, NULL, 0, &st);
	if (U_FAILURE(st)) {
		if (bi)
			ubrk_close(bi);
		bi = NULL;
	}
	struct brk_master *m = &g_brk[g_nbrk++];
	snprintf(m->key, sizeof(m->key), "%s", key);
	m->bi = bi;
	return bi;
}

/* This thread's iterator for lang; NULL when ICU failed. */
static UBreakIterator *thread_brk(struct text_tls *t, const char *lang)
{
	char key[LANG_KEY];
	lang_key(lang, key);
	for (size_t i = 0; i < t->nbrk; i++)
		if (strcmp(t->brk[i].key, key) == 0)
			return t->brk[i].bi;
	size_t slot = t->nbrk;
	if (slot == LANG_MAX)
		return t->brk[0].bi;
	UBreakIterator *clone = NULL;
	pthread_mutex_lock(&g_lock);
	UBreakIterator *m = master_locked(key);
	if (m) {
		UErrorCode st = U_ZERO_ERROR;
		clone = ubrk_clone(m, &st);
		if (U_FAILURE(st)) {
			if (clone)
				ubrk_close(clone);
			clone = NULL;
		}
	}
	pthread_mutex_unlock(&g_lock);
	snprintf(t->brk[slot].key, sizeof(t->brk[slot].key), "%s", key);
	t->brk[slot].bi = clone;
	t->brk[slot].failed = clone == NULL;
	t->nbrk++;
	return clone;
}

/* Languages written without spaces whose style (kubernetes.io ja: "never
 * break a line mid-sentence") makes a line end a sentence end. */
static bool lang_lines_are_sentences(const char *lang)
{
	if (!lang)
		return false;
	bool ja = (lang[0] == 'j' || lang[0] == 'J') && (lang[1] == 'a' || lang[1] == 'A');
	bool zh = (lang[0] == 'z' || lang[0] == 'Z') && (lang[1] == 'h' || lang[1] == 'H');
	return (ja || zh) && (lang[2] == '\0' || lang[2] == '-' || lang[2] == '_');
}

/* Can a sentence end after c without a full stop (a CJK letter, kana, or a
 * closing bracket)? Not after '、', '，', Latin or digits. */
static bool cjk_line_end(uint32_t c)
{
	switch (c) {
	case 0x300D: /* 」 */
	case 0x300F: /* 』 */
	case 0x3011: /* 】 */
	case 0xFF09: /* ） */
	case 0x30FC: /* ー */
	case 0xFF01: /* ！ */
	case 0xFF1F: /* ？ */
		return true;
	default:
		break;
	}
	if (c < 0x2E80)
		return false;
	switch (script_of(c)) {
	case USCRIPT_HAN:
	case USCRIPT_HIRAGANA:
	case USCRIPT_KATAKANA:
		return true;
	default:
		return false;
	}
}

static bool is_blank_u16(const UChar *u, int32_t a, int32_t b)
{
	for (int32_t k = a; k < b; k++) {
		UChar32 c = u[k];
		if (c < 0x80) {
			if (c != ' ' && c != '\t' && c != '\n' && c != '\r' && c != '\f' && c != '\v')
				return false;
		} else if (!U16_IS_SURROGATE(c) && u_isUWhiteSpace(c)) {
			continue;
		} else {
			return false;
		}
	}
	return true;
}

/* Sentences by ICU's rules for lang (BCP 47, case and '_' ignored; NULL or
 * "" is "en"), opened with the "ss=standard" suppressions so "Mr. Smith"
 * is one sentence. Abbreviations are ICU's: no break before a lower-case
 * word ("e.g. something": 1), a break before a capital ("e.g. Kubernetes":
 * 2). A line break becomes a space, except in ja/zh after a line that ends
 * in a Han/kana character or a closing bracket: the kubernetes.io style
 * never breaks a Japanese line mid-sentence, and a line without "。" (a
 * caption, a lead-in) is a sentence of its own. Counted: segments with
 * anything but white space. */
/* Classes of the sentence-break rules (UAX #29, Sentence_Break) that
 * sentences_quick() tells apart. */
enum sbq { SBQ_BODY, SBQ_TERM, SBQ_CLOSE, SBQ_SP, SBQ_SEP, SBQ_SLOW };

/* ASCII Sentence_Break values (ICU 72): '.' ATerm, '!' '?' STerm,
 * quotes and brackets Close, \t \v \f ' ' Sp, \n LF (\r never reaches
 * sentences_quick()). ';' is SLOW: Greek's rules (sent_el) make it a
 * terminator. Everything else is a body character. */
static const unsigned char sbq_ascii[128] = {
	['.'] = SBQ_TERM, ['!'] = SBQ_TERM, ['?'] = SBQ_TERM,
	['"'] = SBQ_CLOSE, ['\''] = SBQ_CLOSE, ['('] = SBQ_CLOSE, [')'] = SBQ_CLOSE,
	['['] = SBQ_CLOSE, [']'] = SBQ_CLOSE, ['{'] = SBQ_CLOSE, ['}'] = SBQ_CLOSE,
	['\t'] = SBQ_SP, ['\v'] = SBQ_SP, ['\f'] = SBQ_SP, [' '] = SBQ_SP,
	['\n'] = SBQ_SEP, [';'] = SBQ_SLOW,
};

static enum sbq sbq_class(uint32_t c)
{
	if (c < 0x80)
		return (enum sbq)sbq_ascii[c];
	if (cjk_plain(c)) /* OLetter or Other: checked for all of them */
		return SBQ_BODY;
	if (c == 0x037E) /* GREEK QUESTION MARK: a terminator for sent_el */
		return SBQ_SLOW;
	switch (u_getIntPropertyValue((UChar32)c, UCHAR_SENTENCE_BREAK)) {
	case U_SB_ATERM:
	case U_SB_STERM:
		return SBQ_TERM;
	case U_SB_CLOSE:
		return SBQ_CLOSE;
	case U_SB_SP:
		return SBQ_SP;
	case U_SB_SEP:
	case U_SB_CR:
	case U_SB_LF:
		return SBQ_SEP;
	case U_SB_EXTEND:
	case U_SB_FORMAT:
		return SBQ_SLOW; /* they attach to what precedes them (SB5) */
	default:
		return SBQ_BODY;
	}
}

/* Is code point c blank for is_blank_u16()? */
static bool cp_blank(uint32_t c)
{
	if (c < 0x80)
		return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
	if (c > 0xFFFF || U16_IS_SURROGATE(c) || cjk_plain(c))
		return false;
	return u_isUWhiteSpace((UChar32)c);
}

/* text_sentences() without ICU where the rules leave no choice; false
 * when ICU must decide. Reads the text as text_sentences() gives it to
 * ICU (line breaks made spaces or kept), and accepts
 *     BODY* (TERM+ CLOSE* ... )? WHITE*
 * that is: no terminator (ATerm, STerm) nor paragraph separator but in
 * one final run of terminators and closing punctuation (TERM CLOSE* may
 * repeat: SB8a, SB9 join them), followed by Sp and separators only. The
 * rules break only after a terminator or a separator (SB4, SB11; every
 * other position is SB998 "no break"), and within that tail only where
 * nothing but white space follows (SB8a-SB10 hold the run together);
 * ICU's suppressions ("Mr.") only remove breaks. So the text is one
 * sentence when anything in it is not blank, else none. Extend and Format
 * characters and ';' (a terminator in Greek) are left to ICU. Checked
 * against ICU on every block and line of the corpus and the tests. */
static bool sentences_quick(bool lines, const char *s, size_t len, size_t *count)
{
	enum { BODY, RUN, WHITE } st = BODY;
	bool nonblank = false;
	uint32_t last = 0; /* as in text_sentences() */
	for (size_t i = 0; i < len;) {
		unsigned char b = (unsigned char)s[i];
		uint32_t c;
		enum sbq k;
		if (b >= 0x20 && b < 0x80) { /* printable ASCII */
			i++;
			c = b;
			k = (enum sbq)sbq_ascii[b];
		} else {
			c = utf8_next(s, len, &i);
			if (c == '\r') {
				if (i < len && s[i] == '\n')
					continue; /* CRLF: the '\n' decides */
				c = '\n';
			}
			if (c == '\n') {
				k = lines && cjk_line_end(last) ? SBQ_SEP : SBQ_SP;
				last = 0;
				goto step;
			}
			k = sbq_class(c);
		}
		if (!is_hspace(c))
			last = c;
	step:
		if (!nonblank && !cp_blank(c))
			nonblank = true;
		switch (k) {
		case SBQ_BODY:
			if (st != BODY)
				return false;
			break;
		case SBQ_TERM:
			if (st == WHITE)
				return false;
			st = RUN;
			break;
		case SBQ_CLOSE: /* in the body: no rule looks at it */
			if (st == WHITE)
				return false;
			break;
		case SBQ_SP: /* in the body: likewise */
			if (st == RUN)
				st = WHITE;
			break;
		case SBQ_SEP:
			st = WHITE;
			break;
		default:
			return false;
		}
	}
	*count = nonblank ? 1 : 0;
	return true;
}

/* The first i >= from holding a byte sentences_max() must look at: '.',
 * '!', '?', ';', a line break, or a non-ASCII byte that may begin a
 * terminator or separator (16 at a time with SSE2: prose has long runs of
 * none). Skipped as well: continuation bytes (80-BF) and the leads E4-E9
 * (U+4000-U+9FFF: Sentence_Break OLetter or Other, checked against ICU 72
 * for every one of them). Exact: sentences_max() decodes from a stop only
 * and lets every other character pass, a malformed byte (U+FFFD, one
 * byte) too; the bytes skipped are never the lead of a character it
 * would stop at, nor consumed by one (only continuation bytes are). */
static size_t next_sentence_stop(const char *s, size_t len, size_t i)
{
#if defined(__SSE2__)
	while (i + 16 <= len) {
		__m128i v = _mm_loadu_si128((const __m128i *)(const void *)(s + i));
		__m128i m = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('.')),
		                                      _mm_cmpeq_epi8(v, _mm_set1_epi8('!'))),
		                         _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('?')),
		                                      _mm_cmpeq_epi8(v, _mm_set1_epi8(';'))));
		m = _mm_or_si128(m, _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('\n')),
		                                 _mm_cmpeq_epi8(v, _mm_set1_epi8('\r'))));
		/* the non-ASCII bytes (movemask of v itself) but the skipped */
		unsigned skip = (unsigned)_mm_movemask_epi8(
			_mm_or_si128(sse_in_range(v, 0x80, 0x3F), sse_in_range(v, 0xE4, 5)));
		unsigned bits = (unsigned)_mm_movemask_epi8(m) | ((unsigned)_mm_movemask_epi8(v) & ~skip);
		if (bits)
			return i + (size_t)__builtin_ctz(bits);
		i += 16;
	}
#endif
	for (; i < len; i++) {
		unsigned char b = (unsigned char)s[i];
		if (b >= 0x80 ? b >= 0xC0 && (b < 0xE4 || b > 0xE9)
		              : b == '.' || b == '!' || b == '?' || b == ';' || b == '\n' || b == '\r')
			break;
	}
	return i;
}

/* At most how many sentences text_sentences(lang, s, len) finds, without
 * ICU. The sentence rules (UAX #29) break only after a terminator (ATerm
 * '.', STerm) or a paragraph separator, at the end of the run
 * "TERM Close* Sp* ParaSep?" (SB4, SB11; every other position is SB998,
 * no break). So every sentence but the first starts at or after the
 * first non-blank character following the terminator or separator that
 * ended the one before, and counting those characters (one per
 * terminator or separator at most) counts at least the sentences.
 * Narrowed where the rules leave no choice: no break between a '.' and
 * an ASCII digit or lowercase letter right after it (SB6, SB8), nor
 * before the closing quotes and brackets right after a terminator (SB9:
 * they end its run). Wider than ICU wherever unsure: ';' and U+037E are
 * terminators (they are in Greek), line breaks separate for a language
 * whose lines can end sentences (ja, zh: text_sentences() keeps some as
 * such, and makes the others spaces), and only ASCII white space is
 * blank. Checked against text_sentences() on every block of the corpus in
 * six languages and on 2 M random strings of terminators, closing marks,
 * separators, spaces, letters, digits and marks. */
static size_t sentences_max(const char *lang, const char *s, size_t len)
{
	bool lines = lang && (lang[0] == 'j' || lang[0] == 'J' || lang[0] == 'z' || lang[0] == 'Z');
	size_t n = 1;
	for (size_t i = 0;;) {
		i = next_sentence_stop(s, len, i);
		if (i >= len)
			break;
		unsigned char b = (unsigned char)s[i];
		bool term;
		if (b < 0x80) {
			i++;
			if (b == '\n' || b == '\r') {
				if (!lines)
					continue; /* a space */
				term = false;
			} else if (b == '.' && i < len &&
			           ((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= '0' && s[i] <= '9'))) {
				continue;
			} else {
				term = true;
			}
		} else {
			uint32_t c = utf8_next(s, len, &i);
			if (cjk_plain(c)) /* OLetter or Other (as above) */
				continue;
			int sb = u_getIntPropertyValue((UChar32)c, UCHAR_SENTENCE_BREAK);
			if (c == 0x037E || sb == U_SB_ATERM || sb == U_SB_STERM)
				term = true;
			else if (sb == U_SB_SEP || sb == U_SB_CR || sb == U_SB_LF)
				term = false;
			else
				continue;
		}
		/* a sentence may start at the next character neither blank nor
		 * closing this terminator's run; that character is looked at
		 * again (it may end a sentence itself) */
		if (term)
			while (i < len && (s[i] == '"' || s[i] == '\'' || s[i] == '(' || s[i] == ')' ||
			                   s[i] == '[' || s[i] == ']' || s[i] == '{' || s[i] == '}'))
				i++;
		while (i < len && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r' ||
		                   s[i] == '\f' || s[i] == '\v'))
			i++;
		n += i < len;
	}
	return n;
}

/* At least how many sentences text_sentences(lang, s, len) finds, without
 * ICU: one past the breaks the rules cannot leave out, those after a full
 * terminator (STerm: ! ? 。！？) followed by white space at most and a
 * letter or digit (SB11: SB6-SB8 are ATerm's, SB8a needs SContinue or a
 * terminator next, SB9 and SB10 only hold Close, Sp and separators in
 * the run, and a separator in between breaks by SB4; the suppressions
 * only concern abbreviations ending in '.'). The terminator and the
 * letter are not blank, so each break leaves a sentence on both sides.
 * Without such a break: 1 when the text surely has something not blank
 * (printable ASCII, or a code point from U+4000 on: Unicode's white space
 * all lies below), else 0. For any language. */
static size_t sentences_min(const char *s, size_t len)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t n = 0;
	for (size_t i = 0; i < len;) {
#if defined(__SSE2__)
		/* to the next terminator, 16 positions at a time */
		while (i + 18 <= len) {
			__m128i v0 = _mm_loadu_si128((const __m128i *)(const void *)(s + i));
			__m128i v1 = _mm_loadu_si128((const __m128i *)(const void *)(s + i + 1));
			__m128i v2 = _mm_loadu_si128((const __m128i *)(const void *)(s + i + 2));
			__m128i m = _mm_or_si128(_mm_cmpeq_epi8(v0, _mm_set1_epi8('!')),
			                         _mm_cmpeq_epi8(v0, _mm_set1_epi8('?')));
			__m128i ideo = _mm_and_si128(_mm_cmpeq_epi8(v0, _mm_set1_epi8((char)0xE3)),
			                             _mm_and_si128(_mm_cmpeq_epi8(v1, _mm_set1_epi8((char)0x80)),
			                                           _mm_cmpeq_epi8(v2, _mm_set1_epi8((char)0x82))));
			__m128i full = _mm_and_si128(
				_mm_and_si128(_mm_cmpeq_epi8(v0, _mm_set1_epi8((char)0xEF)),
			                      _mm_cmpeq_epi8(v1, _mm_set1_epi8((char)0xBC))),
				_mm_or_si128(_mm_cmpeq_epi8(v2, _mm_set1_epi8((char)0x81)),
			                     _mm_cmpeq_epi8(v2, _mm_set1_epi8((char)0x9F))));
			unsigned bits = (unsigned)_mm_movemask_epi8(_mm_or_si128(m, _mm_or_si128(ideo, full)));
			if (bits) {
				i += (size_t)__builtin_ctz(bits);
				break;
			}
			i += 16;
		}
		if (i >= len)
			break;
#endif
		unsigned char b = u[i];
		size_t j;
		if (b == '!' || b == '?') {
			j = i + 1;
		} else if (i + 3 <= len && ((b == 0xE3 && u[i + 1] == 0x80 && u[i + 2] == 0x82) ||
		                            (b == 0xEF && u[i + 1] == 0xBC &&
		                             (u[i + 2] == 0x81 || u[i + 2] == 0x9F)))) {
			j = i + 3;
		} else {
			i++;
			continue;
		}
		i = j;
		while (j < len && (u[j] == ' ' || u[j] == '\t' || u[j] == '\n' || u[j] == '\r' ||
		                   u[j] == '\f' || u[j] == '\v'))
			j++;
		if (j >= len)
			break;
		if (u[j] < 0x80) {
			n += (u[j] >= 'a' && u[j] <= 'z') || (u[j] >= 'A' && u[j] <= 'Z') ||
			     (u[j] >= '0' && u[j] <= '9');
		} else {
			uint32_t c = utf8_next(s, len, &j);
			int sb = u_getIntPropertyValue((UChar32)c, UCHAR_SENTENCE_BREAK);
			n += sb == U_SB_OLETTER || sb == U_SB_UPPER || sb == U_SB_LOWER || sb == U_SB_NUMERIC;
		}
	}
	if (n > 0)
		return n + 1;
	for (size_t i = 0; i < len; i++)
		if ((u[i] > 0x20 && u[i] < 0x7F) || u[i] >= 0xE4)
			return 1;
	return 0;
}

/* Can text_sentences() ask ICU for lang's nonblank texts of len bytes?
 * Otherwise it answers 1 (for any such text). */
static bool sentences_by_icu(const char *lang, size_t len)
{
	struct text_tls *t = tls_get();
	return thread_brk(t, lang) && u16_reserve(&t->u16, &t->u16cap, len);
}

/* (No check of ICU here: the bound is at least 1, and the fallback's
 * answer is at most 1.) */
size_t text_sentences_max(const char *lang, const char *s, size_t len)
{
	return sentences_max(lang, s, len);
}

/* A bound of 2 or more holds only for ICU's count: without ICU,
 * text_sentences() answers 1 (sentences_min()'s 1 means the text has
 * printable ASCII or a byte from E4 on, so text_sentences() finds it
 * nonblank and does answer 1; 0 is always a bound). */
size_t text_sentences_min(const char *lang, const char *s, size_t len)
{
	size_t n = sentences_min(s, len);
	return n >= 2 && !sentences_by_icu(lang, len) ? 0 : n;
}

static size_t sentences_icu(struct text_tls *t, UBreakIterator *bi, const char *lang,
                            const char *s, size_t len);

size_t text_sentences(const char *lang, const char *s, size_t len)
{
	bool blank = true;
	for (size_t i = 0; i < len && blank; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c != ' ' && c != '\t' && c != '\n' && c != '\r' && c != '\f' && c != '\v')
			blank = false;
	}
	if (blank)
		return 0; /* (non-ASCII spaces only are found blank by the scan below) */
	struct text_tls *t = tls_get();
	UBreakIterator *bi = thread_brk(t, lang);
	if (!bi || !u16_reserve(&t->u16, &t->u16cap, len))
		return 1;
	size_t quick;
	if (sentences_quick(lang_lines_are_sentences(lang), s, len, &quick))
		return quick; /* (most texts: it gives up early on the others) */
	/* Where the bounds meet, that is ICU's count (bi is usable, so
	 * sentences_min() bounds it too): no ICU. */
	size_t hi = sentences_max(lang, s, len);
	if (hi == sentences_min(s, len)) {
#ifdef TEXT_CHECK_FAST
		if (sentences_icu(t, bi, lang, s, len) != hi)
			abort();
#endif
		return hi;
	}
	return sentences_icu(t, bi, lang, s, len);
}

/* text_sentences() of nonblank text by ICU, bi being usable (and the
 * UTF-16 buffer big enough; sentences_quick() gave up). */
static size_t sentences_icu(struct text_tls *t, UBreakIterator *bi, const char *lang,
                            const char *s, size_t len)
{
	bool lines = lang_lines_are_sentences(lang);
	int32_t n = 0;
	uint32_t last = 0; /* last non-blank code point */
	UChar *u = t->u16;
	for (size_t i = 0; i < len;) {
		unsigned char b = (unsigned char)s[i];
		if (b >= 0x20 && b < 0x80) { /* printable ASCII: itself */
			u[n++] = b;
			if (b != ' ')
				last = b;
			i++;
			continue;
		}
		uint32_t c = utf8_next(s, len, &i);
		if (c == '\r') {
			if (i < len && s[i] == '\n')
				continue; /* CRLF: the '\n' decides */
			c = '\n';
		}
		if (c == '\n') {
			/* A soft line break is not a sentence end: make it a space.
			 * Keep it (a hard break for ICU) after a CJK line end. */
			n = u16_put(u, n, lines && cjk_line_end(last) ? '\n' : ' ');
			last = 0;
			continue;
		}
		if (!is_hspace(c))
			last = c;
		n = u16_put(u, n, c);
	}
	UErrorCode st = U_ZERO_ERROR;
	ubrk_setText(bi, t->u16, n, &st);
	if (U_FAILURE(st))
		return is_blank_u16(t->u16, 0, n) ? 0 : 1;
	size_t count = 0;
	int32_t a = ubrk_first(bi);
	for (int32_t b = ubrk_next(bi); b != UBRK_DONE; a = b, b = ubrk_next(bi)) {
		if (b < a || b > n)
			break;
		if (!is_blank_u16(t->u16, a, b))
			count++;
	}
	/* Detach the iterator from our buffer so nothing dangles. */
	st = U_ZERO_ERROR;
	ubrk_setText(bi, NULL, 0, &st);
	return count;
}

/* ------------------------------------------------------------------ */
/* Numbers                                                            */

struct numbuf {
	char v[sizeof(((struct text_number *)0)->value)];
	size_t n;
	bool overflow;
};

static void nb_add(struct numbuf *b, char c)
{
	if (b->n + 1 < sizeof(b->v))
		b->v[b->n++] = c;
	else
		b->overflow = true;
	b->v[b->n < sizeof(b->v) ? b->n : sizeof(b->v) - 1] = '\0';
}

/* Read a run of Nd digits at *i into b; returns how many. *val gets the
 * value (saturated). */
static size_t read_digits(const char *s, size_t len, size_t *i, struct numbuf *b, long *val)
{
	size_t n = 0;
	long v = 0;
	while (*i < len) {
		size_t j = *i;
		uint32_t c = utf8_next(s, len, &j);
		if (!is_digit(c))
			break;
		int d = digit_value(c);
		if (d < 0 || d > 9)
			break;
		if (b)
			nb_add(b, (char)('0' + d));
		v = v > 100000000L ? v : v * 10 + d;
		n++;
		*i = j;
	}
	if (val)
		*val = v;
	return n;
}

/* Exactly `k` digits at i, not followed by another digit. */
static bool digits_exactly(const char *s, size_t len, size_t i, size_t k, size_t *end, long *val)
{
	size_t j = i;
	size_t n = read_digits(s, len, &j, NULL, val);
	if (n != k)
		return false;
	*end = j;
	return true;
}

/* Skip a word that contains digits ("k8s", "x86_64", "node-1"): word
 * characters joined by single '-' or '.'. Returns the end. ASCII bytes
 * are read by class: [A-Za-z0-9_] are wordish (is_wordish() says so for
 * exactly those ASCII characters), 16 at a time with SSE2; any other
 * ASCII byte ends the word unless it is '-' or '.' before a wordish
 * character. A non-ASCII byte goes through utf8_next() and is_wordish()
 * (an overlong form may even decode to '-' or '.'). */
static size_t skip_word(const char *s, size_t len, size_t i)
{
	while (i < len) {
#if defined(__SSE2__)
		while (i + 16 <= len) {
			__m128i v = _mm_loadu_si128((const __m128i *)(const void *)(s + i));
			unsigned m = (unsigned)_mm_movemask_epi8(_mm_or_si128(
				_mm_or_si128(sse_in_range(v, '0', 9),
				             sse_in_range(_mm_or_si128(v, _mm_set1_epi8(0x20)), 'a', 25)),
				_mm_cmpeq_epi8(v, _mm_set1_epi8('_'))));
			if (m == 0xFFFF) {
				i += 16;
				continue;
			}
			i += (unsigned)__builtin_ctz(~m);
			break;
		}
#endif
		while (i < len && (unsigned char)s[i] < 0x80 && ascii_class[(unsigned char)s[i]])
			i++;
		if (i >= len)
			break;
		unsigned char b = (unsigned char)s[i];
		if (b < 0x80) {
			if ((b != '-' && b != '.') || i + 1 >= len)
				break;
			unsigned char nb = (unsigned char)s[i + 1];
			if (nb < 0x80 ? !ascii_class[nb] : !is_wordish(peek(s, len, i + 1)))
				break;
			i++;
			continue;
		}
		size_t j = i;
		uint32_t c = utf8_next(s, len, &j);
		if (is_wordish(c)) {
			i = j;
			continue;
		}
		if ((c == '-' || c == '.') && is_wordish(peek(s, len, j))) {
			i = j;
			continue;
		}
		break;
	}
	return i;
}

/* Length of an ASCII letter run at i. */
static size_t ascii_letters(const char *s, size_t len, size_t i)
{
	size_t k = i;
	while (k < len && ((s[k] >= 'a' && s[k] <= 'z') || (s[k] >= 'A' && s[k] <= 'Z')))
		k++;
	return k - i;
}

static bool ieq2(const char *p, const char *w)
{
	return (p[0] | 0x20) == w[0] && (p[1] | 0x20) == w[1];
}

/* "am"/"pm"/"a.m."/"p.m." (any case) at i, not followed by a word
 * character. Returns 1 for am, 2 for pm, 0 otherwise; *end after it. */
static int ampm_at(const char *s, size_t len, size_t i, size_t *end)
{
	if (i >= len)
		return 0;
	char c = (char)(s[i] | 0x20);
	if (c != 'a' && c != 'p')
		return 0;
	size_t e;
	if (i + 1 < len && (s[i + 1] | 0x20) == 'm')
		e = i + 2;
	else if (i + 3 < len && s[i + 1] == '.' && (s[i + 2] | 0x20) == 'm' && s[i + 3] == '.')
		e = i + 4;
	else
		return 0;
	if (is_wordish(peek(s, len, e)))
		return 0;
	*end = e;
	return c == 'a' ? 1 : 2;
}

/* 午前/午後 (ja), 上午/下午 (zh), 오전/오후 (ko) ending at i, optionally
 * followed by spaces. Returns 1 am, 2 pm, 0 none; *start at its start. */
static int ampm_prefix_before(const char *s, size_t i, size_t *start)
{
	size_t j = i;
	for (;;) {
		size_t p;
		uint32_t c = peek_back(s, j, &p);
		if (!c || !is_hspace(c))
			break;
		j = p;
	}
	static const struct {
		const char *w;
		int v;
	} pre[] = {{"午前", 1}, {"午後", 2}, {"上午", 1}, {"下午", 2}, {"오전", 1}, {"오후", 2}};
	for (size_t k = 0; k < sizeof(pre) / sizeof(pre[0]); k++) {
		size_t n = strlen(pre[k].w);
		if (j >= n && memcmp(s + j - n, pre[k].w, n) == 0) {
			*start = j - n;
			return pre[k].v;
		}
	}
	return 0;
}

/* Hour marker after a number: 時/时/시 (not 時間/时间/시간: hours of
 * duration); 点/點 only when `prefixed` (下午5点). Returns bytes or 0. */
static size_t hour_marker(const char *s, size_t len, size_t i, bool prefixed)
{
	static const char *const mark[] = {"時", "时", "시", "点", "點"};
	static const char *const dur[] = {"時間", "时间", "시간"};
	for (size_t k = 0; k < sizeof(mark) / sizeof(mark[0]); k++) {
		if (!has_prefix(s, len, i, mark[k]))
			continue;
		if (k >= 3 && !prefixed)
			return 0;
		if (k < 3 && has_prefix(s, len, i, dur[k]))
			return 0;
		return strlen(mark[k]);
	}
	return 0;
}

static void put_uint(struct numbuf *b, long v)
{
	char tmp[24];
	int n = snprintf(tmp, sizeof(tmp), "%ld", v);
	for (int k = 0; k < n; k++)
		nb_add(b, tmp[k]);
}

/* Strip leading zeros of an integer value ("007" -> "7", "0" stays). */
static void strip_zeros(struct numbuf *b)
{
	size_t z = 0;
	while (z + 1 < b->n && b->v[z] == '0')
		z++;
	if (z) {
		memmove(b->v, b->v + z, b->n - z + 1);
		b->n -= z;
	}
}

/* Try to read a number starting at `start` (a digit, or 'v' + digit).
 * Returns true and fills *num when a number was found; *next is where the
 * scan goes on (after the number, or after the word it turned out to be). */
static bool parse_number(const char *s, size_t len, size_t start, struct text_number *num,
                         size_t *next)
{
	struct numbuf b = {{0}, 0, false};
	size_t i = start;
	bool vprefix = s[i] == 'v' || s[i] == 'V';
	if (vprefix)
		i++;
	long ival = 0;
	size_t nd = read_digits(s, len, &i, &b, &ival);
	bool grouped = false, version = false, is_time = false;
	long hour = ival, minutes = -1, seconds = -1;
	size_t span_start = start, span_end;

	/* Thousands separators: 1-3 digits, then groups of exactly three. */
	while (!vprefix && nd <= 3 && i < len) {
		size_t j = i, e;
		uint32_t c = utf8_next(s, len, &j);
		if ((c != ',' && c != 0xFF0C) || !digits_exactly(s, len, j, 3, &e, NULL))
			break;
		read_digits(s, len, &j, &b, NULL);
		grouped = true;
		i = e;
	}
	/* Dotted parts: a decimal or a version. */
	for (;;) {
		size_t j = i;
		if (i >= len)
			break;
		uint32_t c = utf8_next(s, len, &j);
		if ((c != '.' && c != 0xFF0E) || !is_digit(peek(s, len, j)))
			break;
		nb_add(&b, '.');
		read_digits(s, len, &j, &b, NULL);
		version = true;
		i = j;
	}
	/* H:MM and H:MM:SS. */
	if (!vprefix && !grouped && !version && nd <= 2) {
		size_t j = i, e;
		long mm, ss;
		uint32_t c = i < len ? utf8_next(s, len, &j) : 0;
		if ((c == ':' || c == 0xFF1A) && digits_exactly(s, len, j, 2, &e, &mm) && hour <= 24 &&
		    mm <= 59) {
			is_time = true;
			minutes = mm;
			i = e;
			j = e;
			c = i < len ? utf8_next(s, len, &j) : 0;
			if ((c == ':' || c == 0xFF1A) && digits_exactly(s, len, j, 2, &e, &ss) && ss <= 59) {
				seconds = ss;
				i = e;
			}
		}
	}
	span_end = i;

	int ampm = 0;
	bool plain_int = !vprefix && !grouped && !version;
	uint32_t t = peek(s, len, i);
	if (text_word_letter(t) || t == '_') {
		/* Letters right after the digits: an ordinal, am/pm, a unit
		 * ("10s", "512Mi") - or a word with digits inside ("0x1F"). */
		size_t e = i;
		while (e < len) {
			size_t j = e;
			uint32_t c = utf8_next(s, len, &j);
			if (!text_word_letter(c))
				break;
			e = j;
		}
		uint32_t after = peek(s, len, e);
		size_t ae;
		int ap = plain_int ? ampm_at(s, len, i, &ae) : 0;
		if (ap) {
			ampm = ap;
			span_end = *next = ae;
		} else if (t == '_' || is_digit(after) || after == '_') {
			*next = skip_word(s, len, start);
			return false;
		} else if (plain_int && !is_time && e - i == 2 && ascii_letters(s, len, i) == 2 &&
		           (ieq2(s + i, "st") || ieq2(s + i, "nd") || ieq2(s + i, "rd") ||
		            ieq2(s + i, "th"))) {
			span_end = *next = e; /* ordinal: 9th -> 9 */
		} else {
			*next = e; /* a unit ("10s", "512Mi"): its letters are no part */
		}
	} else if (version && (t == '-' || t == '+') && text_word_letter(peek(s, len, i + 1))) {
		/* Pre-release or build suffix of a version: "1.2.3-alpha.1".
		 * Consumed (so ".1" is no number) but not part of the value. */
		size_t e = i + 1;
		for (;;) {
			while (e < len && ((s[e] >= 'a' && s[e] <= 'z') || (s[e] >= 'A' && s[e] <= 'Z') ||
			                   (s[e] >= '0' && s[e] <= '9')))
				e++;
			if (e + 1 < len && (s[e] == '.' || s[e] == '-') &&
			    ((s[e + 1] >= 'a' && s[e + 1] <= 'z') || (s[e + 1] >= 'A' && s[e + 1] <= 'Z') ||
			     (s[e + 1] >= '0' && s[e + 1] <= '9')))
				e++;
			else
				break;
		}
		if (text_word_letter(peek(s, len, e))) { /* non-ASCII letters: a word */
			*next = skip_word(s, len, start);
			return false;
		}
		span_end = e;
		*next = e;
	} else {
		*next = i;
		if (plain_int || is_time) {
			/* "5 PM", "5:00 PM" */
			size_t j = i;
			while (j < len) {
				size_t k = j;
				if (!is_hspace(utf8_next(s, len, &k)))
					break;
				j = k;
			}
			size_t ae;
			int ap = j > i ? ampm_at(s, len, j, &ae) : 0;
			if (ap) {
				ampm = ap;
				span_end = *next = ae;
			}
		}
	}

	/* East Asian clock times: 午後5時, 5時30分, 17時, 下午5点. */
	size_t pstart = start;
	int pre = (plain_int || is_time) ? ampm_prefix_before(s, start, &pstart) : 0;
	if (plain_int && !is_time && !ampm && nd <= 2 && hour <= 24) {
		size_t hm = hour_marker(s, len, i, pre != 0);
		if (hm) {
			is_time = true;
			size_t e = i + hm;
			long mm;
			if (has_prefix(s, len, e, "半")) {
				minutes = 30;
				e += strlen("半");
			} else {
				size_t j = e;
				size_t k = read_digits(s, len, &j, NULL, &mm);
				if (k >= 1 && k <= 2 && mm <= 59 &&
				    (has_prefix(s, len, j, "分") || has_prefix(s, len, j, "분"))) {
					minutes = mm;
					e = j + strlen("分"); /* 분 is 3 bytes too */
				}
			}
			span_end = *next = e;
		}
	}
	if (pre && (is_time || plain_int) && !ampm) {
		ampm = pre;
		span_start = pstart;
	}
	if (ampm) {
		if (hour < 1 || hour > 12) { /* "13 PM": not a clock time */
			ampm = 0;
			span_start = start;
			span_end = i;
		} else {
			is_time = true;
		}
	}

	if (b.overflow)
		return false;
	num->version = version;
	num->time = is_time;
	num->hour24 = -1;
	num->off = span_start;
	num->len = span_end - span_start;
	if (is_time) {
		struct numbuf tb = {{0}, 0, false};
		put_uint(&tb, hour);
		if ((minutes > 0) || (seconds > 0)) {
			nb_add(&tb, ':');
			nb_add(&tb, (char)('0' + minutes / 10));
			nb_add(&tb, (char)('0' + minutes % 10));
			if (seconds > 0) {
				nb_add(&tb, ':');
				nb_add(&tb, (char)('0' + seconds / 10));
				nb_add(&tb, (char)('0' + seconds % 10));
			}
		}
		b = tb;
		if (ampm == 1)
			num->hour24 = (int)(hour % 12);
		else if (ampm == 2)
			num->hour24 = (int)(hour % 12 + 12);
		else if (hour >= 13 && hour <= 23)
			num->hour24 = (int)hour;
		else if (hour == 0 || hour == 24)
			num->hour24 = 0;
	} else if (!version) {
		strip_zeros(&b);
	}
	memcpy(num->value, b.v, b.n + 1);
	return true;
}

/* Kanji numerals standing alone before a counter: 三つ, 二番目, 五個. */
static const char *const kanji_digits[] = {"一", "二", "三", "四", "五",
                                           "六", "七", "八", "九", "十"};
static const char *const counters[] = {"つ", "番目", "回", "個", "件", "種類",
                                       "段階", "台", "人", "点", "文字", "行"};

/* One of kanji_digits (what kanji_number() looks for first). */
static inline bool is_kanji_digit(uint32_t c)
{
	switch (c) {
	case 0x4E00: /* 一 */
	case 0x4E8C: /* 二 */
	case 0x4E09: /* 三 */
	case 0x56DB: /* 四 */
	case 0x4E94: /* 五 */
	case 0x516D: /* 六 */
	case 0x4E03: /* 七 */
	case 0x516B: /* 八 */
	case 0x4E5D: /* 九 */
	case 0x5341: /* 十 */
		return true;
	default:
		return false;
	}
}

static int kanji_number(const char *s, size_t len, size_t i, size_t *end)
{
	for (size_t k = 0; k < sizeof(kanji_digits) / sizeof(kanji_digits[0]); k++) {
		if (!has_prefix(s, len, i, kanji_digits[k]))
			continue;
		size_t e = i + strlen(kanji_digits[k]);
		if (is_han(peek_back(s, i, NULL)))
			return 0;
		for (size_t c = 0; c < sizeof(counters) / sizeof(counters[0]); c++) {
			if (has_prefix(s, len, e, counters[c])) {
				*end = e;
				return (int)k + 1;
			}
		}
		return 0;
	}
	return 0;
}

/* text_numbers() scans code points left to right. The choices beyond
 * text.h, so that the same quantity written in two languages gives the
 * same value:
 *  - digits are any Nd digits (ASCII, full-width, Arabic-Indic...);
 *    circled and other No numerals are not numbers (NFKC them first);
 *  - a digit touching a letter of a space-separated script (Latin,
 *    Greek, Cyrillic...) or '_' is inside a word, and so is one after
 *    such a word and a '-' or '.': "k8s", "IPv6", "x86_64", "node-1",
 *    "UTF-8", "KEP-5726" give nothing. Han, kana and Hangul do not glue:
 *    "3つ", "44の機能", "2024年12月11日", "3개" are numbers;
 *  - letters after the digits: "st/nd/rd/th" is an ordinal (kept in the
 *    span, dropped from the value); "am/pm" makes a time; other letters
 *    are a unit ("10s", "512Mi", "64bit": the number stays, the unit is
 *    not in the span) unless a digit or '_' follows them ("0x1F",
 *    "3f2a9c", "1a2b": a word);
 *  - "1,234" groups: 1-3 digits then groups of exactly 3 (',' or '，');
 *    "1,2,3" is three numbers;
 *  - any dot makes a version (decimals too: "0.5"); a version keeps its
 *    digits as written (leading zeros too). A pre-release/build suffix
 *    ("1.2.3-alpha.1", "+build.5") is in the span but not the value;
 *  - integers lose leading zeros ("007" -> "7", "01" -> "1") so ISO dates
 *    match East Asian ones; a sign is never kept ("-1" -> "1");
 *  - times: H:MM[:SS] (also '：'), "5 PM", "5pm", "5 a.m.", and East
 *    Asian clock times 午前/午後 (ja), 上午/下午 (zh), 오전/오후 (ko)
 *    before the hour, or an hour marker 時/时/시 after it (not 時間:
 *    a duration; 点 only after 上午/下午), with 30分/半 minutes. The
 *    value is the hour without leading zeros, plus ":MM" unless the
 *    minutes are 00. hour24 is known with am/pm, or when the hour is
 *    13-23 or 0/24 (0); "5:00" and "5時" alone give -1;
 *  - a number whose value does not fit text_number.value is skipped. */
static size_t numbers_scan(const char *s, size_t len, struct text_number *out, size_t max)
{
	size_t found = 0;
	size_t i = 0;
	while (i < len) {
		unsigned char b = (unsigned char)s[i];
		if (b < 0x80 && !(ascii_class[b] & (A_ALPHA | A_DIGIT))) {
			i++; /* white space, punctuation, '_': nothing starts here */
			continue;
		}
		if (b < 0x80 && (ascii_class[b] & A_ALPHA) && b != 'v' && b != 'V') {
			i = skip_word(s, len, i); /* a word letter (as below) */
			continue;
		}
		if (b >= 0xE3 && b <= 0xE9) {
			/* a run of Han, kana and Hangul: no digit, numeral (the
			 * kanji numerals are U+4E00-U+56DB) nor word letter (as
			 * below) */
			size_t k = i;
			while (k + 3 <= len) {
				unsigned b0 = (unsigned char)s[k], b1 = (unsigned char)s[k + 1],
				         b2 = (unsigned char)s[k + 2];
				if (b0 - 0xE3u > 0xE9u - 0xE3u || ((b1 | b2 << 8) & 0xC0C0u) != 0x8080u)
					break;
				/* without decoding: U+6000-U+9FFF (leads E6-E9) are
				 * Han past the numerals, U+3040-U+30FF (E3 81-83) kana
				 * but the marks U+3099/309A (E3 82 99/9A): cjk_plain() */
				if (b0 >= 0xE6 || (b0 == 0xE3 && b1 - 0x81u <= 2 &&
				                   !(b1 == 0x82 && (b2 == 0x99 || b2 == 0x9A)))) {
					k += 3;
					continue;
				}
				uint32_t c = ((b0 & 0x0F) << 12) | ((b1 & 0x3F) << 6) | (b2 & 0x3F);
				if (!cjk_plain(c) || (c <= 0x56DB && is_kanji_digit(c)))
					break;
				k += 3;
			}
			if (k > i) {
				i = k;
				continue;
			}
		}
		size_t j = i;
		uint32_t c = utf8_next(s, len, &j);
		bool vstart = (c == 'v' || c == 'V') && is_digit(peek(s, len, j));
		if (is_digit(c) || vstart) {
			size_t ps;
			uint32_t prev = peek_back(s, i, &ps);
			uint32_t prev2 = peek_back(s, ps, NULL);
			bool in_word = is_wordish(prev) ||
			               ((prev == '-' || prev == '.') && text_word_letter(prev2));
			if (in_word) {
				i = skip_word(s, len, i);
				continue;
			}
			struct text_number num;
			size_t next = j;
			if (parse_number(s, len, i, &num, &next)) {
				if (found < max && out)
					out[found] = num;
				found++;
			}
			i = next > i ? next : j;
			continue;
		}
		if (c >= 0x4E00 && c <= 0x9FFF && is_kanji_digit(c)) {
			size_t e;
			int v = kanji_number(s, len, i, &e);
			if (v) {
				if (found < max && out) {
					struct text_number *o = &out[found];
					memset(o, 0, sizeof(*o));
					snprintf(o->value, sizeof(o->value), "%d", v);
					o->off = i;
					o->len = e - i;
					o->hour24 = -1;
				}
				found++;
				i = e;
				continue;
			}
		}
		if (text_word_letter(c)) {
			i = skip_word(s, len, i);
			continue;
		}
		i = j;
	}
	return found;
}

/* ------------------------------------------------------------------ */
/* Latin terms                                                        */

/* Bytes of a term: letters and digits, and the joiners '-', '_', '.'. */
enum { T_ALNUM = 1, T_LETTER = 2, T_JOIN = 4 };
static const unsigned char term_class[256] = {
	['0'] = T_ALNUM, ['1'] = T_ALNUM, ['2'] = T_ALNUM, ['3'] = T_ALNUM, ['4'] = T_ALNUM,
	['5'] = T_ALNUM, ['6'] = T_ALNUM, ['7'] = T_ALNUM, ['8'] = T_ALNUM, ['9'] = T_ALNUM,
	['-'] = T_JOIN, ['_'] = T_JOIN, ['.'] = T_JOIN,
#define L(c) [c] = T_ALNUM | T_LETTER
	L('A'), L('B'), L('C'), L('D'), L('E'), L('F'), L('G'), L('H'), L('I'), L('J'), L('K'),
	L('L'), L('M'), L('N'), L('O'), L('P'), L('Q'), L('R'), L('S'), L('T'), L('U'), L('V'),
	L('W'), L('X'), L('Y'), L('Z'),
	L('a'), L('b'), L('c'), L('d'), L('e'), L('f'), L('g'), L('h'), L('i'), L('j'), L('k'),
	L('l'), L('m'), L('n'), L('o'), L('p'), L('q'), L('r'), L('s'), L('t'), L('u'), L('v'),
	L('w'), L('x'), L('y'), L('z'),
#undef L
};


/* The first i >= from with an ASCII letter or digit, or len. (16 bytes at
 * a time with SSE2: CJK text has long runs of none.) */
static size_t next_alnum(const char *s, size_t len, size_t i)
{
#if defined(__SSE2__)
	while (i + 16 <= len) {
		__m128i v = _mm_loadu_si128((const __m128i *)(const void *)(s + i));
		__m128i m = _mm_or_si128(sse_in_range(v, '0', 9),
		                         sse_in_range(_mm_or_si128(v, _mm_set1_epi8(0x20)), 'a', 25));
		unsigned bits = (unsigned)_mm_movemask_epi8(m);
		if (bits)
			return i + (size_t)__builtin_ctz(bits);
		i += 16;
	}
#endif
	while (i < len && !(term_class[(unsigned char)s[i]] & T_ALNUM))
		i++;
	return i;
}

/* Emit the term s[start, end) unless it is part of a word with non-ASCII
 * Latin letters ("développement", "naïve"): not an ASCII term. */
static inline void term_emit(const char *s, size_t len, size_t start, size_t end,
                             text_term_fn fn, void *ctx)
{
	if (start > 0 && (unsigned char)s[start - 1] >= 0x80) {
		uint32_t before = peek_back(s, start, NULL);
		if (before >= 0x80 && text_word_letter(before))
			return;
	}
	if (end < len && (unsigned char)s[end] >= 0x80) {
		uint32_t after = peek(s, len, end);
		if (after >= 0x80 && text_word_letter(after))
			return;
	}
	fn(ctx, s + start, end - start, start);
}

#if defined(__SSE2__)
/* Term classes of the 16 bytes at p, one bit each. */
static inline void term_masks16(const char *p, unsigned *alnum, unsigned *letter, unsigned *join)
{
	__m128i v = _mm_loadu_si128((const __m128i *)(const void *)p);
	__m128i l = sse_in_range(_mm_or_si128(v, _mm_set1_epi8(0x20)), 'a', 25);
	*letter = (unsigned)_mm_movemask_epi8(l);
	*alnum = (unsigned)_mm_movemask_epi8(_mm_or_si128(l, sse_in_range(v, '0', 9)));
	*join = (unsigned)_mm_movemask_epi8(
		_mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('-')),
		                          _mm_cmpeq_epi8(v, _mm_set1_epi8('_'))),
		             _mm_cmpeq_epi8(v, _mm_set1_epi8('.'))));
}
#endif

void text_latin_terms(const char *s, size_t len, text_term_fn fn, void *ctx)
{
	size_t i = 0;
#if defined(__SSE2__)
	/* 64 bytes at a time, as bit masks (bit k: byte i + k). The terms the
	 * scan below finds are the maximal runs of letters, digits and "glue"
	 * joiners (a joiner between two letters or digits): a joiner goes in
	 * exactly when a letter or digit is on both sides, and a run of those
	 * begins and ends with a letter or digit. The window always starts
	 * where no run is open (i == 0, after a window whose last byte is in
	 * no run, or at a run's first byte), so the byte before it is no
	 * letter nor digit; a run that reaches the window's end is left to the
	 * next window, which starts at it (or, 64 bytes long, to the scan
	 * below). The text's last 64 bytes or fewer are read from a copy
	 * padded with NULs: no letter, digit nor joiner, as the end of the
	 * text is to the scan below. */
	while (i < len) {
		/* the last window: a copy padded with NULs (no class) */
		bool last_window = i + 64 >= len;
		const char *w = s + i;
		char pad[64];
		if (last_window) {
			memcpy(pad, s + i, len - i);
			memset(pad + (len - i), 0, 64 - (len - i));
			w = pad;
		}
		uint64_t A = 0, L = 0, J = 0;
		for (unsigned q = 0; q < 4; q++) {
			unsigned a, l, j;
			term_masks16(w + 16 * q, &a, &l, &j);
			A |= (uint64_t)a << (16 * q);
			L |= (uint64_t)l << (16 * q);
			J |= (uint64_t)j << (16 * q);
		}
		uint64_t next =
			!last_window && (term_class[(unsigned char)s[i + 64]] & T_ALNUM) ? 1 : 0;
		uint64_t T = A | (J & (A << 1) & ((A >> 1) | (next << 63)));
		uint64_t starts = T & ~(T << 1), ends = T & ~(T >> 1);
		size_t adv = 64;
		if ((T >> 63) && !last_window) {
			unsigned last = 63 - (unsigned)__builtin_clzll(starts);
			if (last == 0)
				break; /* a run of 64 or more: the scan below */
			starts &= ~(~0ULL << last);
			adv = last;
		}
		while (starts) {
			unsigned b = (unsigned)__builtin_ctzll(starts);
			unsigned e = (unsigned)__builtin_ctzll(ends & (~0ULL << b)); /* last byte */
			starts &= starts - 1;
			uint64_t run = (~0ULL << b) & (~0ULL >> (63 - e));
			if (e > b && (L & run))
				term_emit(s, len, i + b, i + e + 1, fn, ctx);
		}
		i += adv;
	}
#endif
	while (i < len) {
		i = next_alnum(s, len, i);
		if (i >= len)
			break;
		size_t start = i;
		unsigned seen = 0;
		for (;;) {
			unsigned k;
#if defined(__SSE2__)
			/* the run of letters and digits, 16 bytes at a time */
			while (i + 16 <= len) {
				__m128i v = _mm_loadu_si128((const __m128i *)(const void *)(s + i));
				__m128i letters =
					sse_in_range(_mm_or_si128(v, _mm_set1_epi8(0x20)), 'a', 25);
				unsigned alnum = (unsigned)_mm_movemask_epi8(
					_mm_or_si128(sse_in_range(v, '0', 9), letters));
				unsigned lbits = (unsigned)_mm_movemask_epi8(letters);
				unsigned run = alnum == 0xFFFF ? 16 : (unsigned)__builtin_ctz(~alnum);
				if (lbits & ((1u << run) - 1)) /* (run < 32) */
					seen |= T_LETTER;
				i += run;
				if (run < 16)
					break;
			}
#endif
			while (i < len && ((k = term_class[(unsigned char)s[i]]) & T_ALNUM)) {
				seen |= k;
				i++;
			}
			/* a joiner inside the term: before a letter or digit */
			if (i + 1 < len && (term_class[(unsigned char)s[i]] & T_JOIN) &&
			    (term_class[(unsigned char)s[i + 1]] & T_ALNUM)) {
				i++;
				continue;
			}
			break;
		}
		if (i - start < 2 || !(seen & T_LETTER))
			continue;
		/* Part of a word with non-ASCII Latin letters ("développement",
		 * "naïve"): not an ASCII term. */
		if (start > 0 && (unsigned char)s[start - 1] >= 0x80) {
			uint32_t before = peek_back(s, start, NULL);
			if (before >= 0x80 && text_word_letter(before))
				continue;
		}
		if (i < len && (unsigned char)s[i] >= 0x80) {
			uint32_t after = peek(s, len, i);
			if (after >= 0x80 && text_word_letter(after))
				continue;
		}
		fn(ctx, s + start, i - start, start);
	}
}

/* A hash of a text, eight bytes at a time (only a slot index: entries are
 * compared in full). */
/* The slot for text s; *hit when it holds the text's numbers. NULL when
 * the text is not worth keeping (too short, too long). */
static struct memo *memo_slot(const char *s, size_t len, bool *hit)
{
	*hit = false;
	if (len < MEMO_MIN_LEN || len > MEMO_MAX_LEN)
		return NULL;
	struct text_tls *t = tls_get();
	if (!t->memo) {
		t->memo = xcalloc(MEMO_SLOTS, sizeof(*t->memo));
		t->arena = xmalloc(MEMO_ARENA);
		t->arena_used = 0;
		t->memo_gen = 1;
	}
	uint64_t h = bytes_hash(s, len);
	struct memo *e = &t->memo[h % MEMO_SLOTS];
	if (e->gen == t->memo_gen && e->len == len && e->h == h && memcmp(e->key, s, len) == 0) {
		*hit = true;
	} else {
		e->len = 0; /* empty until memo_store() */
		e->h = h;
	}
	return e;
}

/* Keep the n numbers v of text s in slot e. */
static void memo_store(struct memo *e, const char *s, size_t len, const struct text_number *v,
                       size_t n)
{
	struct text_tls *t = tls_get();
	size_t vbytes = n * sizeof(*v);
	size_t need = vbytes + ((len + 7) & ~(size_t)7);
	if (t->arena_used + need > MEMO_ARENA) { /* full: a new generation */
		t->arena_used = 0;
		if (++t->memo_gen == 0) { /* (wrapped: clear the slots) */
			memset(t->memo, 0, MEMO_SLOTS * sizeof(*t->memo));
			t->memo_gen = 1;
		}
	}
	/* results first: arena_used stays a multiple of 8 */
	struct text_number *dv = (struct text_number *)(void *)(t->arena + t->arena_used);
	if (n)
		memcpy(dv, v, vbytes);
	char *dk = t->arena + t->arena_used + vbytes;
	memcpy(dk, s, len);
	t->arena_used += need;
	e->key = dk;
	e->v = dv;
	e->n = n;
	e->len = len;
	e->gen = t->memo_gen;
}

/* Could numbers_scan() start a number at i? Only at a digit (Nd, ASCII
 * or not) or a kanji numeral 一..十; 'v' + digit has a digit after it. */
static bool number_start_at(const char *s, size_t len, size_t i)
{
	size_t j = i;
	uint32_t c = utf8_next(s, len, &j);
	return is_digit(c) || is_kanji_digit(c);
}

/* Can numbers_scan() start a number at a character beginning with byte b,
 * followed by byte n (0 at the end)? Only at a digit (Nd, ASCII or not,
 * as utf8_next() decodes it) or a kanji numeral. Lead bytes that cannot
 * start one (checked against ICU 72 for every code point): C2-C3
 * (U+0080-U+00FF), E2 (U+2000-U+2FFF), E3 (U+3000-U+3FFF), E6-E9
 * (U+6000-U+9FFF) hold no Nd digit; E4 and E5 only the kanji numerals
 * 一 七 三 九 二 五 (E4 B8-BA) and 八 六 (E5 85), 十 (E5 8D), 四 (E5 9B).
 * C0, C1 and E0 may be overlong forms of ASCII digits: kept. */
static inline bool number_lead(unsigned char b, unsigned char n)
{
	return (b >= '0' && b <= '9') || b == 0xC0 || b == 0xC1 || (b >= 0xC4 && b <= 0xE1) ||
	       b >= 0xEA || (b == 0xE4 && n >= 0xB8 && n <= 0xBA) ||
	       (b == 0xE5 && (n == 0x85 || n == 0x8D || n == 0x9B));
}

/* Can s hold a number? Only the bytes number_lead() lets through are
 * looked at: with SSE2, 16 bytes at a time pick the ASCII digits and the
 * lead bytes C0-E1, E4-E5 and EA-FF, and number_lead() the rest. */
static bool numbers_possible(const char *s, size_t len)
{
	size_t i = 0;
#if defined(__SSE2__)
	while (i + 16 <= len) {
		__m128i v = _mm_loadu_si128((const __m128i *)(const void *)(s + i));
		__m128i m = _mm_or_si128(
			_mm_or_si128(sse_in_range(v, '0', 9), sse_in_range(v, 0xE4, 1)),
			_mm_or_si128(sse_in_range(v, 0xC0, 0xE1 - 0xC0), sse_in_range(v, 0xEA, 0xFF - 0xEA)));
		unsigned bits = (unsigned)_mm_movemask_epi8(m);
		while (bits) {
			size_t k = i + (size_t)__builtin_ctz(bits);
			unsigned char n = k + 1 < len ? (unsigned char)s[k + 1] : 0;
			if (number_lead((unsigned char)s[k], n) && number_start_at(s, len, k))
				return true;
			bits &= bits - 1;
		}
		i += 16;
	}
#endif
	for (; i < len; i++) {
		unsigned char n = i + 1 < len ? (unsigned char)s[i + 1] : 0;
		if (number_lead((unsigned char)s[i], n) && number_start_at(s, len, i))
			return true;
	}
	return false;
}

size_t text_numbers(const char *s, size_t len, struct text_number *out, size_t max)
{
	bool hit;
	struct memo *e = memo_slot(s, len, &hit);
	if (!e)
		return numbers_possible(s, len) ? numbers_scan(s, len, out, max) : 0;
	if (!hit) {
		struct text_number v[MEMO_MAX_ITEMS];
		size_t found = numbers_possible(s, len) ? numbers_scan(s, len, v, MEMO_MAX_ITEMS) : 0;
		if (found > MEMO_MAX_ITEMS)
			return numbers_scan(s, len, out, max);
		memo_store(e, s, len, v, found);
	}
	size_t n = e->n < max ? e->n : max;
	if (out && n)
		memcpy(out, e->v, n * sizeof(*out));
	return e->n;
}
