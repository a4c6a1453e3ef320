/* text.h - language-aware text utilities (ICU): scripts, normalisation,
 * sentences, numbers and Latin-script terms.
 *
 * ICU objects are built once: call text_global_init() before starting
 * threads. Break iterators are cloned per thread on first use. */
#ifndef L10N_TEXT_H
#define L10N_TEXT_H
#include <stdbool.h>
#include <stddef.h>

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

/* Language-neutral length: code points that are letters or numbers
 * (a CJK character counts 1, like a Latin letter). */
size_t text_weight(const char *s, size_t len);

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
