/* site.h - site mode: every translated page of a site, links between
 * pages, per-locale coverage.
 *
 * A run finds the source/translation pairs under a site root (Hugo
 * content/<lang>/ trees, Docusaurus i18n/ trees, or the config's
 * mappings), checks every pair on worker threads (each file read and
 * parsed once), then resolves cross-page links the way the site serves
 * them (../shared/spec/HUGO.md) and checks their fragments against the
 * target pages' IDs, loading each target once. */
#ifndef L10N_SITE_H
#define L10N_SITE_H
#include <stdbool.h>
#include <stddef.h>

#include "config.h"
#include "diag.h"
#include "doc.h"
#include "emit.h"

/* struct known_pages: config.h */

struct site_options {
	const char *root;
	const struct config *cfg;
	const char *const *langs;     /* translation languages; none = config or all found */
	size_t nlangs;
	char *const *paths;           /* restrict the run to these files (source or translation) */
	size_t npaths;
	const struct known_pages *known;
	size_t nknown;
	struct doc_options doc;       /* anchor style, size limit */
	/* CLI rule changes, applied after the config's (rules_set[r]). */
	const struct rule_settings *cli_rules;
	const bool *cli_rules_set;
	int jobs;                     /* worker threads; 0 = number of cores */
	bool progress;                /* a progress line on stderr */
	const char *changed_since;    /* git revision: only pairs changed since */
};

struct site_result {
	struct coverage *coverage;    /* per translation language */
	size_t ncoverage;
	unsigned pairs;               /* pairs checked */
	bool input_error;             /* a file could not be read or was rejected */
	bool usage_error;             /* the run itself could not be done */
};

/* Run a site check; findings are appended to out (unsorted). */
void site_run(const struct site_options *opt, struct diag_list *out, struct site_result *res);
void site_result_release(struct site_result *res);

/* The site URL of a content file (relative to the root), e.g.
 * content/ja/docs/a/b.md -> /ja/docs/a/b/ (English at /). Exposed for
 * tests. out receives the URL path. Returns false for non-content files. */
struct strbuf;
bool site_url_of(const char *content_dir, const char *source_lang, const char *relpath,
                 struct strbuf *out);

#endif
