/* config.h - the project configuration, .l10nlint.yaml at the site root
 * (or --config FILE). Read with libyaml (frontmatter.h's tree), checked
 * against a fixed schema: unknown keys and wrong types are errors with
 * their line. See docs/configuration.md. */
#ifndef L10N_CONFIG_H
#define L10N_CONFIG_H
#include <stdbool.h>
#include <stddef.h>

#include "anchor.h"
#include "arena.h"
#include "diag.h"
#include "frontmatter.h"

enum site_layout { LAYOUT_HUGO, LAYOUT_DOCUSAURUS, LAYOUT_CUSTOM };

/* A custom path mapping: "{lang}" and "{path}" placeholders, e.g.
 * source "docs/{path}" <-> translation "i18n/{lang}/docs/{path}". */
struct path_mapping {
	const char *source, *translation;
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
	struct path_override *overrides;
	size_t noverrides;
	const char **ignore;         /* globs relative to the root */
	size_t nignore;
	const char *known_pages;     /* file listing pages that exist (relative paths) */
	size_t max_size;             /* 0 = default */
	/* locales: per-language overrides of locales/<lang>.yaml (the subtree
	 * as parsed; locale.c applies it) */
	const struct fm_node *locales;
};

/* Defaults (no file). */
void config_defaults(struct config *cfg);

/* Read and validate a config file. Errors (with file:line:col) go to
 * stderr; returns false when the file is unusable (exit status 2). */
bool config_load(struct config *cfg, const char *path);

/* Release a config's memory. */
void config_release(struct config *cfg);

/* Rule severities for a file path relative to the root (overrides
 * applied in order). */
void config_rules_for(const struct config *cfg, const char *relpath, struct rule_settings *out);

/* Is relpath ignored? */
bool config_ignored(const struct config *cfg, const char *relpath);

/* Glob match: '*' any run without '/', '**' any run including '/', '?'
 * one character, "[...]" classes. */
bool config_glob(const char *pattern, const char *path);

/* The commented starter file written by `l10nlint init`. */
const char *config_starter(void);

#endif
