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

/* The string {{% heading "key" %}} renders to, or NULL when unknown. */
const char *locale_heading(const struct locale *loc, const char *key);

/* Directory holding <lang>.yaml files: $L10NLINT_LOCALES, else the source
 * tree's locales/, else the installed data directory. */
const char *locale_dir(void);

/* Release everything loaded (for leak checkers). */
void locale_cleanup(void);

#endif
