/* config.h - the project configuration, .l10nlint.yaml at the site root
 * (or --config FILE). Read with libyaml (frontmatter.h's tree), checked
 * against a fixed schema: unknown keys and wrong types are errors with
 * their line. See docs/configuration.md. */
#ifndef L10N_CONFIG_H
#define L10N_CONFIG_H
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "anchor.h"
#include "arena.h"
#include "diag.h"
#include "frontmatter.h"

/* The file looked for at the site root. */
#define CONFIG_FILE_NAME ".l10nlint.yaml"

enum site_layout { LAYOUT_HUGO, LAYOUT_DOCUSAURUS, LAYOUT_CUSTOM };

/* A custom path mapping: "{lang}" and "{path}" placeholders, e.g.
 * source "docs/{path}" <-> translation "i18n/{lang}/docs/{path}". */
struct path_mapping {
	const char *source, *translation;
};

/* A file of pages that exist although they are not on disk (a partial
 * checkout): one path per line relative to the root. A page missing from
 * the tree and from every list is judged (a link to it is broken) only
 * where a list is complete: under one of its `prefixes` (folders or
 * files relative to the root, matched whole path components at a time),
 * or, when `complete` alone is set, under the folder common to its
 * entries. Elsewhere such links are not judged. */
struct known_pages {
	const char *file;
	bool complete;               /* complete for its entries' common folder */
	const char *const *prefixes; /* complete for these ("" = everything) */
	size_t nprefixes;
};

/* Settings that apply to files matching any of `paths` (globs). */
struct path_override {
	const char **paths;
	size_t npaths;
	struct rule_settings rules; /* severities after applying this override */
	bool rules_set[RULE_COUNT];
};

struct config {
	struct arena arena;
	const char *path;            /* where it was read from; NULL for defaults */
	const char *source_lang;     /* "en" */
	enum site_layout layout;
	const char *content_dir;     /* hugo: "content" */
	struct path_mapping *mappings;
	size_t nmappings;
	const char **languages;      /* empty: every language found */
	size_t nlanguages;
	enum anchor_style anchor_style;
	bool anchor_style_set;
	int fail_on;                 /* enum severity, SEV_OFF = never; -1 unset */
	struct rule_settings rules;  /* defaults with the config's rules: applied */
	bool rules_set[RULE_COUNT];  /* the rules the file's rules: names */
	struct path_override *overrides;
	size_t noverrides;
	const char **ignore;         /* globs relative to the root */
	size_t nignore;
	struct known_pages *known;   /* known-pages lists; files as written,
	                              * relative to the site root */
	size_t nknown;
	size_t max_size;             /* 0 = default */
	/* locales: per-language overrides of locales/<lang>.yaml (the subtree
	 * as parsed; locale.c applies it) */
	const struct fm_node *locales;
};

/* What is wrong with a known-pages complete prefix (NULL: nothing): it
 * must be relative to the site root, without '..' or '.' components
 * after a leading "./" ("." alone is the whole root). */
const char *config_known_prefix_problem(const char *prefix);

/* Defaults (no file). Initialises every field, the arena included. */
void config_defaults(struct config *cfg);

/* Read and validate a config file. cfg is initialised by the call (pass
 * a fresh or released one); config_release() it afterwards in every
 * case. Errors (FILE:LINE:COL: error: ..., all of them, not just the
 * first) go to stderr; returns false when the file is unusable (exit
 * status 2). A file that cannot be read is an error too. */
bool config_load(struct config *cfg, const char *path);

/* config_load on text in memory; `path` names it in messages (NULL:
 * ".l10nlint.yaml"); errors go to `errors` (NULL: stderr). */
bool config_parse(struct config *cfg, const char *path, const char *text, size_t len,
                  FILE *errors);

/* Load ROOT/.l10nlint.yaml when it exists. Returns 1 when loaded, 0 when
 * there is none (cfg then holds the defaults), -1 on errors (reported as
 * config_load does). cfg must be released in every case. */
int config_load_root(struct config *cfg, const char *root);

/* Release a config's memory; cfg holds the defaults afterwards. */
void config_release(struct config *cfg);

/* "16M", "512K", "1048576", "2GB" -> bytes (the --max-size syntax: K, M,
 * G are powers of 1024; above 0, at most 1T). */
bool config_parse_size(const char *s, size_t *out);

/* Rule severities for a file path relative to the root: the defaults,
 * then rules:, then every override whose paths match, in file order. A
 * leading "./" is ignored. Command-line settings are applied by the
 * caller afterwards (they win). */
void config_rules_for(const struct config *cfg, const char *relpath, struct rule_settings *out);

/* Is relpath (relative to the root) ignored? A pattern covers a path
 * when it matches the path or one of its parent folders. */
bool config_ignored(const struct config *cfg, const char *relpath);

/* Glob match of a whole path: '*' any run without '/', '**' any run
 * including '/'; '**' followed by '/' at the start of the pattern or
 * after a '/' also matches no folder at all (a/ ** /b, without the
 * blanks, matches a/b); '?' one character but '/'; "[abc]", "[a-z]",
 * "[!a]" / "[^a]" classes (never '/'); '\' escapes the next character.
 * Iterative two-pointer backtracking: polynomial time, no recursion. */
bool config_glob(const char *pattern, const char *path);

/* Custom mappings, in file order; the first that fits wins. The source
 * path of a translation path (relative to the root), *lang receiving its
 * language (both malloc'd); NULL when no mapping fits or the language
 * would be source_lang. A {lang} in a source template stands for
 * source_lang. */
char *config_map_source(const struct config *cfg, const char *relpath, char **lang);
/* The translation path in `lang` of a source path (malloc'd), or NULL. */
char *config_map_translation(const struct config *cfg, const char *relpath, const char *lang);

/* The locales.<lang> mapping of the file (validated keys of
 * locales/<lang>.yaml), or NULL. */
const struct fm_node *config_locale(const struct config *cfg, const char *lang);

/* The commented starter file written by `l10nlint init`. */
const char *config_starter(void);

#endif
