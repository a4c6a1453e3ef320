/* emit.h - output formats behind one small vtable. Each format lives in
 * its own emit_<format>.c; no format logic anywhere else. */
#ifndef L10N_EMIT_H
#define L10N_EMIT_H
#include <stdbool.h>
#include <stdio.h>

#include "diag.h"

/* Per-locale coverage for site runs (translated pages / source pages). */
struct coverage {
	const char *lang;
	unsigned translated, source;
};

struct emit_run {
	FILE *out;
	bool color;                  /* text only: ANSI colours */
	const struct coverage *coverage;
	size_t ncoverage;
	void *state;                 /* the emitter's own, between begin and end */
};

struct emitter {
	const char *name;
	void (*begin)(struct emit_run *run);
	void (*finding)(struct emit_run *run, const struct finding *f);
	/* counts: findings per severity */
	void (*end)(struct emit_run *run, const struct diag_list *all);
};

extern const struct emitter emit_text;
extern const struct emitter emit_json;
extern const struct emitter emit_sarif;
extern const struct emitter emit_github;

struct strbuf;
/* GitHub workflow-command escaping (@actions/core): data escapes %, CR
 * and LF; properties also ':' and ','. Exposed for tests. */
void emit_github_escape(struct strbuf *out, const char *s, bool property);
/* A relative path as a URI reference (RFC 3986): unreserved characters and
 * '/' kept, everything else percent-encoded as UTF-8 bytes. */
void emit_uri_escape(struct strbuf *out, const char *path);

/* The emitter for a --format name, or NULL. */
const struct emitter *emitter_find(const char *name);

/* Write a whole, sorted list with an emitter. */
void emit_all(const struct emitter *em, struct emit_run *run, const struct diag_list *dl);

#endif
