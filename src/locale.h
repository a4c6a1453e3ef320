/* locale.h - per-locale data: built-in defaults merged with
 * locales/<lang>.yaml. Loaded once per language per run. */
#ifndef L10N_LOCALE_H
#define L10N_LOCALE_H
#include <stdbool.h>

struct locale;

/* The locale for a language code ("ja", "zh-cn"); never NULL: unknown
 * languages get the defaults. Thread-safe; results live for the run. */
const struct locale *locale_get(const char *lang);
const char *locale_lang(const struct locale *loc);

struct script_set;

/* Scripts whose letters show that text is translated (ja: Hiragana,
 * Katakana, Han). Empty for locales written in the source's script. */
const struct script_set *locale_scripts(const struct locale *loc);

/* Expected ratio of translation length to source length, in letters and
 * numbers (text_weight); 0 when unknown. */
double locale_length_ratio(const struct locale *loc);

/* Minimum length (text_weight) of a paragraph, heading or list item for
 * untranslated-text. */
unsigned locale_untranslated_min(const struct locale *loc);

/* Does text match one of the locale's allow-list patterns for text that
 * may stay in the source language (product names, release titles)? */
bool locale_untranslated_ok(const struct locale *loc, const char *text);

/* Front-matter key classes. Paths use [] for any list index:
 * "card.anchors[].title". */
enum fm_class {
	FMC_OTHER,     /* no rule */
	FMC_TRANSLATE, /* must be translated */
	FMC_IDENTICAL, /* must stay identical */
	FMC_DROPPED,   /* removed in translations (reviewers, approvers) */
	FMC_ADDED,     /* may appear in translations only (translator) */
};
enum fm_class locale_fm_class(const struct locale *loc, const char *path);

/* The string {{% heading "key" %}} renders to, or NULL when unknown. */
const char *locale_heading(const struct locale *loc, const char *key);

/* Directory holding <lang>.yaml files: $L10NLINT_LOCALES, else the source
 * tree's locales/, else the installed data directory. */
const char *locale_dir(void);

/* Apply a configuration's locales.<lang> settings (same keys as
 * locales/<lang>.yaml) on top of the loaded locale. Call before threads
 * start. */
struct fm_node;
void locale_configure(const char *lang, const struct fm_node *settings);

/* Release everything loaded (for leak checkers). */
void locale_cleanup(void);

#endif
