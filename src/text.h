/* text.h - language-aware text utilities (ICU): scripts, normalisation,
 * sentences, numbers and Latin-script terms.
 *
 * ICU objects are built once: call text_global_init() before starting
 * threads. Break iterators are cloned per thread on first use. */
#ifndef L10N_TEXT_H
#define L10N_TEXT_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "strbuf.h"

void text_global_init(void);
/* Free the thread's cached ICU objects and global ones (for leak checkers). */
void text_global_cleanup(void);
/* Free the calling thread's cached ICU objects now (a worker thread's are
 * also freed when it exits, as long as text_global_cleanup() has not run). */
void text_thread_cleanup(void);

/* A set of Unicode scripts (ICU UScriptCode values). */
#define SCRIPT_SET_MAX 16
struct script_set {
	int codes[SCRIPT_SET_MAX];
	size_t n;
};

/* Add a script by ICU name, long or short ("Hiragana", "Hira", "Han",
 * "Hangul", "Cyrillic"...). Returns false for an unknown name or when
 * the set is full. */
bool script_set_add(struct script_set *set, const char *name);

/* Letter statistics of UTF-8 text: *letters counts code points of general
 * category L*; *in_set those whose script (Script property; Common and
 * Inherited never count) is in `set`. Either out pointer may be NULL. */
void text_script_stats(const char *s, size_t len, const struct script_set *set,
                       size_t *in_set, size_t *letters);

/* True when text contains at least one letter of the set. */
bool text_has_script(const char *s, size_t len, const struct script_set *set);

/* NFKC-normalise (full-width Latin and digits become ASCII, ① -> 1...)
 * into out (appended). */
void text_nfkc(const char *s, size_t len, struct strbuf *out);

/* Number of sentences by ICU's sentence break rules for `lang` (BCP 47
 * such as "en", "ja"); 0 for blank text. Soft line breaks inside a
 * paragraph do not end sentences. */
size_t text_sentences(const char *lang, const char *s, size_t len);

/* At most how many sentences text_sentences(lang, s, len) finds, without
 * ICU's breaker (a scan of the terminators; always a valid bound, at
 * least 1). */
size_t text_sentences_max(const char *lang, const char *s, size_t len);

/* At least how many sentences text_sentences(lang, s, len) finds, without
 * ICU's breaker (the breaks after ! ? and their full-width forms that the
 * rules cannot leave out). 0 ("no bound") whenever text_sentences()
 * could not use ICU for lang, so the bound never claims more than the
 * fallback's 1. */
size_t text_sentences_min(const char *lang, const char *s, size_t len);

/* Language-neutral length: code points that are letters or numbers
 * (a CJK character counts 1, like a Latin letter). */
size_t text_weight(const char *s, size_t len);

/* The Han ideographs (U+4E00-U+9FFF), kana and Hangul syllables that are
 * letters (general category L; checked against ICU 72 for every one of
 * them): no ICU lookup is needed for them. */
/* A letter (or combining mark) of a script that separates words with
 * spaces (Latin, Greek, Cyrillic, Armenian, Georgian, inherited marks):
 * digits touching one are part of a word. Han, kana, Hangul... are not. */
bool text_word_letter(uint32_t c);

static inline bool text_cjk_letter(uint32_t c)
{
	return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3041 && c <= 0x3096) ||
	       (c >= 0x309D && c <= 0x309F) || (c >= 0x30A1 && c <= 0x30FA) ||
	       (c >= 0x30FC && c <= 0x30FF) || (c >= 0xAC00 && c <= 0xD7A3);
}

/* Is code point c a letter or a number (general category L or N, ICU)? */
bool text_letter_or_number(uint32_t c);

/* text_weight() of one code point: what it adds to the weight of any
 * text holding it (text_weight() counts code points, each by itself). */
static inline bool text_weighs(uint32_t c)
{
	if (c < 0x80)
		return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
	return text_cjk_letter(c) || text_letter_or_number(c);
}

/* A number found in prose. value is normalised: ASCII digits, thousands
 * separators removed ("2,000" -> "2000"), full-width and other Nd digits
 * folded, a version keeps its dots without a leading v ("v1.32.0" ->
 * "1.32.0"), an ordinal loses its suffix ("9th" -> "9"), a time "5:00"
 * becomes "5" and "5:30" stays "5:30"; a percentage keeps no sign.
 * off/len: the byte range in the input that produced it. */
struct text_number {
	char value[32];
	size_t off, len;
	bool version; /* has a dot: 1.32, v1.32.0 */
	bool time;    /* written as H:MM, or with am/pm, or 午前/午後 H 時 */
	int hour24;   /* for times: the 24-hour value when known (5 PM -> 17), else -1 */
};

/* Extract numbers from s into out (at most max; returns how many were
 * found, which may exceed max: only max are written). Digits inside
 * Latin words ("k8s", "sha256", "x86_64") are not numbers. Kanji
 * numerals 一 to 十 standing alone before a counter (三つ, 二番目) are
 * numbers too. */
size_t text_numbers(const char *s, size_t len, struct text_number *out, size_t max);

/* Latin-script terms: maximal runs of ASCII letters/digits with inner
 * '-', '_', '.', of at least 2 characters and containing a letter
 * ("StatefulSet", "kube-scheduler", "v1.32"). Calls fn for each. */
typedef void (*text_term_fn)(void *ctx, const char *term, size_t len, size_t off);
void text_latin_terms(const char *s, size_t len, text_term_fn fn, void *ctx);

#endif
