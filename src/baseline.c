/* baseline.c - see baseline.h. The file format is plain text, one line a
 * fingerprint, sorted, so a baseline diff in a pull request is readable:
 *   # l10nlint baseline v1
 *   <fingerprint> <count> <rule> <file>
 */
#include "baseline.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "strbuf.h"
#include "xalloc.h"

#define HEADER "# l10nlint baseline v1"

static void hash_add(uint64_t *h, const char *s)
{
	for (; s && *s; s++) {
		*h ^= (unsigned char)*s;
		*h *= 1099511628211ULL;
	}
	*h ^= 0xff;
	*h *= 1099511628211ULL;
}

/* "./a/b" and "a/b" are the same file; under a site root, the path
 * relative to it. */
static const char *norm_path(const char *p, const char *root)
{
	if (p && root && strcmp(root, ".") != 0) {
		size_t rl = strlen(root);
		while (rl > 1 && root[rl - 1] == '/')
			rl--;
		if (strncmp(p, root, rl) == 0 && p[rl] == '/')
			p += rl + 1;
	}
	while (p && p[0] == '.' && p[1] == '/')
		p += 2;
	return p;
}

void baseline_fingerprint(const struct finding *f, const char *root, char out[17])
{
	uint64_t h = 1469598103934665603ULL;
	hash_add(&h, rule_info(f->rule)->id);
	hash_add(&h, norm_path(f->file, root));
	hash_add(&h, norm_path(f->source_file, root));
	/* the message without its line references */
	struct strbuf m = STRBUF_INIT;
	const char *s = f->message;
	while (*s) {
		if (strncmp(s, "line ", 5) == 0 && s[5] >= '0' && s[5] <= '9') {
			strbuf_addstr(&m, "line N");
			s += 5;
			while (*s >= '0' && *s <= '9')
				s++;
			continue;
		}
		strbuf_addch(&m, *s++);
	}
	hash_add(&h, m.buf);
	strbuf_release(&m);
	snprintf(out, 17, "%016llx", (unsigned long long)h);
}

struct entry {
	char fp[17];
	unsigned count;
	const struct finding *f;
};

static int entry_cmp(const void *a, const void *b)
{
	return strcmp(((const struct entry *)a)->fp, ((const struct entry *)b)->fp);
}

bool baseline_write(const char *path, const struct diag_list *dl, const char *root)
{
	struct entry *e = xcalloc(dl->n + 1, sizeof(*e));
	for (size_t i = 0; i < dl->n; i++) {
		baseline_fingerprint(&dl->v[i], root, e[i].fp);
		e[i].count = 1;
		e[i].f = &dl->v[i];
	}
	if (dl->n > 1)
		qsort(e, dl->n, sizeof(*e), entry_cmp);
	FILE *f = fopen(path, "w");
	if (!f) {
		fprintf(stderr, "l10nlint: %s: cannot write the baseline: %s\n", path, strerror(errno));
		free(e);
		return false;
	}
	fprintf(f, "%s\n# fingerprint count rule file (see docs/baseline.md)\n", HEADER);
	for (size_t i = 0; i < dl->n;) {
		size_t j = i + 1;
		while (j < dl->n && strcmp(e[j].fp, e[i].fp) == 0)
			j++;
		fprintf(f, "%s %zu %s ", e[i].fp, j - i, rule_info(e[i].f->rule)->id);
		/* file names are the last field; newlines cannot be written */
		for (const char *p = norm_path(e[i].f->file, root); *p; p++)
			fputc(*p == '\n' || *p == '\r' ? '?' : *p, f);
		fputc('\n', f);
		i = j;
	}
	bool ok = fflush(f) == 0 && !ferror(f);
	if (fclose(f) != 0)
		ok = false;
	if (!ok)
		fprintf(stderr, "l10nlint: %s: error writing the baseline\n", path);
	free(e);
	return ok;
}

bool baseline_filter(const char *path, struct diag_list *dl, const char *root)
{
	FILE *f = fopen(path, "r");
	if (!f) {
		fprintf(stderr, "l10nlint: %s: cannot read the baseline: %s\n", path, strerror(errno));
		return false;
	}
	struct entry *e = NULL;
	size_t n = 0, alloc = 0;
	char *line = NULL;
	size_t cap = 0;
	unsigned lineno = 0;
	bool ok = true;
	while (getline(&line, &cap, f) >= 0) {
		lineno++;
		if (lineno == 1 && strncmp(line, HEADER, strlen(HEADER)) != 0) {
			fprintf(stderr, "%s:1: error: not an l10nlint baseline (the first line must be '%s')\n",
			        path, HEADER);
			ok = false;
			break;
		}
		if (line[0] == '#' || line[0] == '\n')
			continue;
		char fp[17];
		unsigned count;
		if (sscanf(line, "%16[0-9a-f] %u", fp, &count) != 2 || strlen(fp) != 16) {
			fprintf(stderr, "%s:%u: error: malformed baseline line\n", path, lineno);
			ok = false;
			break;
		}
		e = xgrow(e, n + 1, &alloc, sizeof(*e));
		memcpy(e[n].fp, fp, 17);
		e[n].count = count;
		n++;
	}
	free(line);
	fclose(f);
	if (!ok) {
		free(e);
		return false;
	}
	if (n > 1)
		qsort(e, n, sizeof(*e), entry_cmp);
	size_t w = 0;
	for (size_t i = 0; i < dl->n; i++) {
		struct entry key;
		baseline_fingerprint(&dl->v[i], root, key.fp);
		struct entry *hit = n ? bsearch(&key, e, n, sizeof(*e), entry_cmp) : NULL;
		if (hit && hit->count > 0) {
			hit->count--;
			dl->count[dl->v[i].severity]--;
			continue;
		}
		dl->v[w++] = dl->v[i];
	}
	dl->n = w;
	free(e);
	return true;
}
