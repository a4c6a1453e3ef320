/* site.c - site mode (see site.h).
 *
 * Phase 1 (threads): find the pairs; check each pair (both files read and
 *   parsed once); keep the pages' ID sets and the translation's links to
 *   other pages; free the documents.
 * Phase 2 (threads): load, once each, the link targets whose IDs are
 *   still unknown (only their IDs are kept).
 * Phase 3: judge the cross-page links: link-broken, link-not-localized,
 *   link-wrong-locale, anchor-broken; translation-orphan for pages whose
 *   source is gone. Memory is bounded by the site (ID sets and links), not
 *   by the number of links to a page. */
#include "site.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdint.h>
#include <spawn.h>
#include <sys/wait.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "anchor.h"
#include "arena.h"
#include "bytes.h"
#include "check.h"
#include "strbuf.h"
#include "suppress.h"
#include "xalloc.h"

/* ---- a string -> index map (open addressing) ---- */

/* Each slot keeps its key's hash: a probe compares hashes before bytes,
 * and growing moves the keys without hashing or copying them again. The
 * keys live in the map's arena. */
struct strmap {
	char **keys;
	uint64_t *hashes;
	int *vals;
	size_t nslots, n;
	struct arena arena;
};

#define STRMAP_INIT {NULL, NULL, NULL, 0, 0, ARENA_INIT}

static uint64_t str_hash(const char *s)
{
	return bytes_hash(s, strlen(s));
}

static void strmap_grow(struct strmap *m)
{
	struct strmap old = *m;
	m->nslots = old.nslots ? old.nslots * 2 : 64;
	m->keys = xcalloc(m->nslots, sizeof(char *));
	m->hashes = xcalloc(m->nslots, sizeof(uint64_t));
	m->vals = xcalloc(m->nslots, sizeof(int));
	size_t mask = m->nslots - 1;
	for (size_t i = 0; i < old.nslots; i++) {
		if (!old.keys[i])
			continue;
		size_t j = (size_t)old.hashes[i] & mask;
		while (m->keys[j])
			j = (j + 1) & mask;
		m->keys[j] = old.keys[i];
		m->hashes[j] = old.hashes[i];
		m->vals[j] = old.vals[i];
	}
	free(old.keys);
	free(old.hashes);
	free(old.vals);
}

/* The value slot of key (added, at -1, when new and insert is set), or
 * NULL; *stored (when not NULL) gets the map's own copy of the key, valid
 * until strmap_free. */
static int *strmap_slot_key(struct strmap *m, const char *key, bool insert, const char **stored)
{
	if (insert && (m->n + 1) * 2 > m->nslots)
		strmap_grow(m);
	if (!m->nslots)
		return NULL;
	uint64_t h = str_hash(key);
	size_t mask = m->nslots - 1, i = (size_t)h & mask;
	while (m->keys[i]) {
		if (m->hashes[i] == h && strcmp(m->keys[i], key) == 0) {
			if (stored)
				*stored = m->keys[i];
			return &m->vals[i];
		}
		i = (i + 1) & mask;
	}
	if (!insert)
		return NULL;
	m->keys[i] = arena_strdup(&m->arena, key);
	m->hashes[i] = h;
	m->vals[i] = -1;
	m->n++;
	if (stored)
		*stored = m->keys[i];
	return &m->vals[i];
}

static int *strmap_slot(struct strmap *m, const char *key, bool insert)
{
	return strmap_slot_key(m, key, insert, NULL);
}

/* Is key in the map? */
static bool strmap_has(const struct strmap *m, const char *key)
{
	if (!m->nslots)
		return false;
	uint64_t h = str_hash(key);
	size_t mask = m->nslots - 1, i = (size_t)h & mask;
	for (; m->keys[i]; i = (i + 1) & mask)
		if (m->hashes[i] == h && strcmp(m->keys[i], key) == 0)
			return true;
	return false;
}

static void strmap_free(struct strmap *m)
{
	arena_release(&m->arena);
	free(m->keys);
	free(m->hashes);
	free(m->vals);
	memset(m, 0, sizeof(*m));
}

/* A set of paths in the order they were first put (the known pages and
 * their folders). */
struct pathset {
	struct strmap map;
	const char **v;           /* the map's keys */
	size_t n, alloc;
};

static struct pathset *pathset_new(void)
{
	struct pathset *ps = xcalloc(1, sizeof(*ps));
	ps->map = (struct strmap)STRMAP_INIT;
	return ps;
}

static void pathset_free(struct pathset *ps)
{
	if (!ps)
		return;
	strmap_free(&ps->map);
	free(ps->v);
	free(ps);
}

static void pathset_put(struct pathset *ps, const char *path)
{
	const char *key;
	int *v = strmap_slot_key(&ps->map, path, true, &key);
	if (*v >= 0)
		return;
	*v = (int)ps->n;
	ps->v = xgrow(ps->v, ps->n + 1, &ps->alloc, sizeof(*ps->v));
	ps->v[ps->n++] = key;
}

static bool pathset_has(const struct pathset *ps, const char *path)
{
	return strmap_has(&ps->map, path);
}

/* ---- site state ---- */

/* A folder or file relative to the root, without "./" in front or '/'
 * behind ("" = the whole root). */
struct prefix {
	char *s;
	size_t len;
};

enum page_state { PAGE_UNKNOWN, PAGE_EXISTS, PAGE_MISSING };

struct page {
	const char *rel;          /* page_index's key */
	enum page_state state;
	struct anchor_set *ids;   /* NULL until known */
	bool ids_failed;          /* could not be loaded: do not judge fragments */
	bool want_ids;
};

struct pair {
	char *src, *tr;           /* relative to the root */
	const char *lang;
	bool orphan;
	bool src_absent;          /* the source exists (a known page) or may exist (a partial
	                           * tree) but is not on disk: only the translation's links
	                           * are checked */
	bool links_only;          /* --changed-since: kept only for its links to changed pages */
	struct suppressions *supp; /* the translation's, for cross-page findings */
};

struct xlink {
	int pair;
	unsigned line, col;
	char *dest;
	char *fragment;           /* decoded, or NULL */
	char *text;
};

struct worker_out {
	struct diag_list dl;
	struct xlink *links;
	size_t nlinks, alloc;
	bool input_error;
};

struct site {
	const struct site_options *opt;
	const struct config *cfg;
	const char *root;
	const char *content_dir, *src_lang;
	pthread_mutex_t lock;
	struct strmap page_index;
	struct page *pages;
	size_t npages, pages_alloc;
	const char **site_langs;  /* every language directory found (and the source's) */
	size_t nsite_langs;
	struct pair *pairs;
	size_t npairs, pairs_alloc;
	struct strmap pair_index; /* translation path -> pair (no duplicates) */
	struct pathset *known;    /* known pages (relative paths) */
	struct pathset *known_dirs; /* every folder that holds a known page */
	bool known_html;          /* some known page is an .html file */
	struct prefix *complete;  /* where the known pages are complete */
	size_t ncomplete, complete_alloc;
	bool partial;             /* known pages were given: the tree on disk is partial */
	char **redirects;         /* FROM patterns of static/_redirects */
	size_t nredirects;
	struct strmap *blog;      /* per site language: "YYYY/MM/DD/slug" -> page */
	bool *blog_indexed;
	size_t nblog;
	struct anchor_set *changed; /* --changed-since: the changed files */
	struct strmap reported;   /* cross-page findings: "file\nline:col\ndest" */
	bool have_static;         /* root/static is a folder */
	struct strmap static_files; /* phase 3: "static/..." -> 1 file, 0 not */
	atomic_size_t next, done;
	size_t total;
	struct worker_out *outs;
	int nworkers;
	size_t *groups;           /* phase 1: start of each source's pairs; ngroups + 1 */
	size_t ngroups;
	int *work;                /* phase 2: page indexes to load */
	size_t nwork;
};

static char *path_join(const char *a, const char *b)
{
	struct strbuf sb = STRBUF_INIT;
	strbuf_addstr(&sb, a);
	if (sb.len && sb.buf[sb.len - 1] != '/' && *b)
		strbuf_addch(&sb, '/');
	strbuf_addstr(&sb, b);
	return strbuf_detach(&sb, NULL);
}

/* stat() of path_join(root, rel), joined on the stack when it fits. */
static int stat_rel(const char *root, const char *rel, struct stat *st)
{
	char buf[1024];
	size_t rl = strlen(root), ll = strlen(rel);
	bool slash = rl && root[rl - 1] != '/' && ll;
	if (rl + slash + ll >= sizeof(buf)) {
		char *full = path_join(root, rel);
		int r = stat(full, st);
		free(full);
		return r;
	}
	memcpy(buf, root, rl);
	buf[rl] = '/';
	memcpy(buf + rl + slash, rel, ll + 1);
	return stat(buf, st);
}

/* Append the strings a, b and c. */
static void sb_add3(struct strbuf *sb, const char *a, const char *b, const char *c)
{
	size_t la = strlen(a), lb = strlen(b), lc = strlen(c);
	strbuf_grow(sb, la + lb + lc);
	memcpy(sb->buf + sb->len, a, la);
	memcpy(sb->buf + sb->len + la, b, lb);
	memcpy(sb->buf + sb->len + la + lb, c, lc);
	strbuf_setlen(sb, sb->len + la + lb + lc);
}

/* Append n in decimal. */
static void sb_addu(struct strbuf *sb, unsigned n)
{
	char d[16];
	size_t k = 0;
	do {
		d[k++] = (char)('0' + n % 10);
		n /= 10;
	} while (n);
	strbuf_grow(sb, k);
	while (k)
		sb->buf[sb->len++] = d[--k];
	sb->buf[sb->len] = '\0';
}

/* The key of a cross-page finding in s->reported: "file\nline:col\n". */
static void reported_key(struct strbuf *sb, const char *file, unsigned line, unsigned col)
{
	strbuf_addstr(sb, file);
	strbuf_addch(sb, '\n');
	sb_addu(sb, line);
	strbuf_addch(sb, ':');
	sb_addu(sb, col);
	strbuf_addch(sb, '\n');
}

/* Does path start with "DIR/SUB/"? */
static bool under2(const char *path, const char *dir, const char *sub)
{
	size_t dl = strlen(dir), sl = strlen(sub);
	return strncmp(path, dir, dl) == 0 && path[dl] == '/' && strncmp(path + dl + 1, sub, sl) == 0 &&
	       path[dl + 1 + sl] == '/';
}

/* The path shown in findings: root/rel, or rel when the root is ".". */
static char *display_path(const struct site *s, const char *rel)
{
	if (strcmp(s->root, ".") == 0 || strcmp(s->root, "./") == 0)
		return xstrdup(rel);
	return path_join(s->root, rel);
}

/* Index of the page for a relative path (created if new). Caller holds
 * the lock. */
static int page_get_locked(struct site *s, const char *rel)
{
	const char *key;
	int *v = strmap_slot_key(&s->page_index, rel, true, &key);
	if (*v < 0) {
		s->pages = xgrow(s->pages, s->npages + 1, &s->pages_alloc, sizeof(*s->pages));
		struct page *p = &s->pages[s->npages];
		memset(p, 0, sizeof(*p));
		p->rel = key;
		*v = (int)s->npages++;
	}
	return *v;
}

static int page_get(struct site *s, const char *rel)
{
	pthread_mutex_lock(&s->lock);
	int k = page_get_locked(s, rel);
	pthread_mutex_unlock(&s->lock);
	return k;
}

/* Does relative path exist (a regular file on disk or a known page)? */
static bool exists(struct site *s, const char *rel)
{
	pthread_mutex_lock(&s->lock);
	int k = page_get_locked(s, rel);
	enum page_state st = s->pages[k].state;
	pthread_mutex_unlock(&s->lock);
	if (st != PAGE_UNKNOWN)
		return st == PAGE_EXISTS;
	bool e = s->known && pathset_has(s->known, rel);
	if (!e) {
		struct stat stt;
		e = stat_rel(s->root, rel, &stt) == 0 && S_ISREG(stt.st_mode);
	}
	/* pages are never removed: index k is still this page's */
	pthread_mutex_lock(&s->lock);
	s->pages[k].state = e ? PAGE_EXISTS : PAGE_MISSING;
	pthread_mutex_unlock(&s->lock);
	return e;
}

/* exists() for a path asked about once (coverage): the answer without
 * adding a page for it. Same answer: a page's state is what exists()
 * found for it, from the same known pages and the same disk. */
static bool exists_once(struct site *s, const char *rel)
{
	pthread_mutex_lock(&s->lock);
	int *v = strmap_slot(&s->page_index, rel, false);
	enum page_state st = v ? s->pages[*v].state : PAGE_UNKNOWN;
	pthread_mutex_unlock(&s->lock);
	if (st != PAGE_UNKNOWN)
		return st == PAGE_EXISTS;
	if (s->known && pathset_has(s->known, rel))
		return true;
	struct stat stt;
	return stat_rel(s->root, rel, &stt) == 0 && S_ISREG(stt.st_mode);
}

/* Is a missing relative path one we can judge (the tree or a complete
 * known-pages list covers it)? */
static bool judgeable(const struct site *s, const char *rel)
{
	if (!s->partial)
		return true;
	for (size_t i = 0; i < s->ncomplete; i++) {
		const struct prefix *p = &s->complete[i];
		if (strncmp(rel, p->s, p->len) == 0 && (!p->len || !rel[p->len] || rel[p->len] == '/'))
			return true;
	}
	return false;
}

/* Is a relative path a regular file on disk? */
static bool on_disk(const struct site *s, const char *rel)
{
	struct stat st;
	return stat_rel(s->root, rel, &st) == 0 && S_ISREG(st.st_mode);
}

/* Is static/PATH a file? Phase 3 only (one thread): each URL once. */
static bool static_file(struct site *s, const char *rel)
{
	if (!s->have_static)
		return false;
	int *v = strmap_slot(&s->static_files, rel, true);
	if (*v < 0)
		*v = on_disk(s, rel);
	return *v == 1;
}

/* ---- walking the tree ---- */

typedef void (*walk_fn)(struct site *s, const char *rel, void *ctx);

/* Every .md file under root/rel, depth first, in sorted order; symbolic
 * links to directories are not followed (no loops). full holds
 * path_join(root, rel) with rel at full->buf + base (root and a '/'
 * before it when rel is not empty). */
static void walk_dir(struct site *s, struct strbuf *full, size_t base, walk_fn fn, void *ctx)
{
	DIR *d = opendir(full->buf);
	if (!d)
		return;
	/* names in one buffer, each NUL-terminated after its d_type byte */
	struct strbuf names = STRBUF_INIT;
	size_t *at = NULL;
	size_t n = 0, alloc = 0;
	struct dirent *e;
	while ((e = readdir(d)) != NULL) {
		if (e->d_name[0] == '.')
			continue;
		at = xgrow(at, n + 1, &alloc, sizeof(*at));
		at[n++] = names.len;
		strbuf_addch(&names, (char)e->d_type);
		strbuf_add(&names, e->d_name, strlen(e->d_name) + 1);
	}
	closedir(d);
	for (size_t i = 1; i < n; i++) /* insertion sort: directories are small */
		for (size_t j = i; j > 0 && strcmp(names.buf + at[j - 1] + 1, names.buf + at[j] + 1) > 0;
		     j--) {
			size_t t = at[j];
			at[j] = at[j - 1];
			at[j - 1] = t;
		}
	size_t dlen = full->len;
	for (size_t i = 0; i < n; i++) {
		const char *name = names.buf + at[i] + 1;
		unsigned char type = (unsigned char)names.buf[at[i]];
		/* child = path_join(rel, name): a '/' unless rel is empty or
		 * ends in one */
		strbuf_setlen(full, dlen);
		if (dlen > base && full->buf[dlen - 1] != '/')
			strbuf_addch(full, '/');
		strbuf_addstr(full, name);
		const char *child = full->buf + base;
		/* d_type is what lstat() would say (the entry itself, links
		 * not followed); file systems that do not fill it in say
		 * DT_UNKNOWN and get the lstat(). */
		if (type == DT_UNKNOWN) {
			struct stat st;
			if (lstat(full->buf, &st) != 0)
				continue;
			type = S_ISDIR(st.st_mode) ? DT_DIR
			       : S_ISREG(st.st_mode) ? DT_REG
			       : S_ISLNK(st.st_mode) ? DT_LNK
			                             : DT_UNKNOWN;
		}
		if (type == DT_DIR) {
			walk_dir(s, full, base, fn, ctx);
		} else if (type == DT_REG || type == DT_LNK) {
			size_t l = strlen(name);
			if (l > 3 && strcmp(name + l - 3, ".md") == 0 && !config_ignored(s->cfg, child))
				fn(s, child, ctx);
		}
	}
	strbuf_setlen(full, dlen);
	strbuf_release(&names);
	free(at);
}

static void walk_md(struct site *s, const char *rel, walk_fn fn, void *ctx)
{
	struct strbuf full = STRBUF_INIT;
	strbuf_addstr(&full, s->root);
	if (full.len && full.buf[full.len - 1] != '/')
		strbuf_addch(&full, '/');
	size_t base = full.len;
	strbuf_addstr(&full, rel);
	walk_dir(s, &full, base, fn, ctx);
	strbuf_release(&full);
}

/* ---- languages, pairs ---- */

static bool lang_wanted(const struct site *s, const char *lang)
{
	const struct site_options *o = s->opt;
	if (o->nlangs) {
		for (size_t i = 0; i < o->nlangs; i++)
			if (strcmp(o->langs[i], lang) == 0)
				return true;
		return false;
	}
	if (s->cfg->nlanguages) {
		for (size_t i = 0; i < s->cfg->nlanguages; i++)
			if (strcmp(s->cfg->languages[i], lang) == 0)
				return true;
		return false;
	}
	return true;
}

static bool is_lang_code(const char *name)
{
	size_t l = strlen(name);
	if (l < 2 || l > 5)
		return false;
	for (const char *p = name; *p; p++)
		if (!((*p >= 'a' && *p <= 'z') || *p == '-' || (*p >= 'A' && *p <= 'Z')))
			return false;
	return true;
}

/* Index of a language in site_langs, added when new (single-threaded
 * collection phase only). */
static int intern_lang(struct site *s, const char *lang)
{
	for (size_t i = 0; i < s->nsite_langs; i++)
		if (strcmp(s->site_langs[i], lang) == 0)
			return (int)i;
	size_t alloc = s->nsite_langs;
	s->site_langs = xgrow(s->site_langs, s->nsite_langs + 1, &alloc, sizeof(char *));
	s->site_langs[s->nsite_langs++] = xstrdup(lang);
	return (int)s->nsite_langs - 1;
}

static void find_site_langs(struct site *s)
{
	size_t alloc = 0;
	s->site_langs = xgrow(s->site_langs, 1, &alloc, sizeof(char *));
	s->site_langs[s->nsite_langs++] = xstrdup(s->src_lang);
	if (s->cfg->layout == LAYOUT_DOCUSAURUS) {
		char *full = path_join(s->root, "i18n");
		DIR *d = opendir(full);
		free(full);
		struct dirent *e;
		while (d && (e = readdir(d)) != NULL) {
			if (e->d_name[0] == '.' || !is_lang_code(e->d_name) ||
			    strcmp(e->d_name, s->src_lang) == 0)
				continue;
			s->site_langs = xgrow(s->site_langs, s->nsite_langs + 1, &alloc, sizeof(char *));
			s->site_langs[s->nsite_langs++] = xstrdup(e->d_name);
		}
		if (d)
			closedir(d);
		return;
	}
	char *full = path_join(s->root, s->content_dir);
	DIR *d = opendir(full);
	free(full);
	struct dirent *e;
	while (d && (e = readdir(d)) != NULL) {
		if (e->d_name[0] == '.' || !is_lang_code(e->d_name) ||
		    strcmp(e->d_name, s->src_lang) == 0)
			continue;
		s->site_langs = xgrow(s->site_langs, s->nsite_langs + 1, &alloc, sizeof(char *));
		s->site_langs[s->nsite_langs++] = xstrdup(e->d_name);
	}
	if (d)
		closedir(d);
	/* Languages only the known-pages lists know about. */
	for (size_t i = 0; s->known && i < s->known->n; i++) {
		const char *k = s->known->v[i];
		size_t cl = strlen(s->content_dir);
		if (strncmp(k, s->content_dir, cl) != 0 || k[cl] != '/')
			continue;
		const char *l = k + cl + 1, *sl = strchr(l, '/');
		if (!sl)
			continue;
		char lang[8];
		size_t ll = (size_t)(sl - l);
		if (ll >= sizeof(lang))
			continue;
		memcpy(lang, l, ll);
		lang[ll] = '\0';
		bool have = false;
		for (size_t j = 0; j < s->nsite_langs; j++)
			have |= strcmp(s->site_langs[j], lang) == 0;
		if (!have && is_lang_code(lang)) {
			s->site_langs = xgrow(s->site_langs, s->nsite_langs + 1, &alloc, sizeof(char *));
			s->site_langs[s->nsite_langs++] = xstrdup(lang);
		}
	}
}

/* Source path of a translation path, per layout; NULL when the path is
 * not a translation of a language we check. *lang is set. */
static int intern_lang(struct site *s, const char *lang);

static char *source_of(struct site *s, const char *rel, const char **lang)
{
	if (s->cfg->nmappings) {
		char *l = NULL;
		char *src = config_map_source(s->cfg, rel, &l);
		if (src) {
			int li = intern_lang(s, l); /* may move site_langs */
			*lang = s->site_langs[li];
			free(l);
			return src;
		}
		free(l);
	}
	for (size_t i = 1; i < s->nsite_langs; i++) {
		const char *l = s->site_langs[i];
		struct strbuf pre = STRBUF_INIT;
		char *res = NULL;
		if (s->cfg->layout == LAYOUT_DOCUSAURUS) {
			strbuf_addf(&pre, "i18n/%s/docusaurus-plugin-content-docs/current/", l);
			if (strncmp(rel, pre.buf, pre.len) == 0)
				res = path_join("docs", rel + pre.len);
			strbuf_reset(&pre);
			strbuf_addf(&pre, "i18n/%s/docusaurus-plugin-content-docs/version-", l);
			if (!res && strncmp(rel, pre.buf, pre.len) == 0)
				res = path_join("versioned_docs/version-", rel + pre.len);
			if (res) {
				/* versioned_docs/version-/N/x -> versioned_docs/version-N/x */
				char *slash = strstr(res, "version-/");
				if (slash)
					memmove(slash + 8, slash + 9, strlen(slash + 9) + 1);
			}
		} else if (under2(rel, s->content_dir, l)) {
			/* content/LANG/x -> content/SRC/x */
			struct strbuf src = STRBUF_INIT;
			sb_add3(&src, s->content_dir, "/", s->src_lang);
			sb_add3(&src, "/", rel + strlen(s->content_dir) + 1 + strlen(l) + 1, "");
			res = strbuf_detach(&src, NULL);
		}
		strbuf_release(&pre);
		if (res) {
			*lang = l;
			return res;
		}
	}
	return NULL;
}

/* Translation path of a source path in language lang. */
static char *translation_of(const struct site *s, const char *src, const char *lang);

/* translation_of into out (reset first); false for none. Hugo layouts
 * without mappings, the common case, without allocating. */
static bool translation_into(const struct site *s, const char *src, const char *lang,
                             struct strbuf *out)
{
	strbuf_reset(out);
	if (s->cfg->nmappings || s->cfg->layout != LAYOUT_HUGO) {
		char *t = translation_of(s, src, lang);
		if (t)
			strbuf_addstr(out, t);
		free(t);
		return t != NULL;
	}
	/* content/SRC/x -> content/LANG/x */
	if (!under2(src, s->content_dir, s->src_lang))
		return false;
	sb_add3(out, s->content_dir, "/", lang);
	sb_add3(out, "/", src + strlen(s->content_dir) + 1 + strlen(s->src_lang) + 1, "");
	return true;
}

static char *translation_of(const struct site *s, const char *src, const char *lang)
{
	if (s->cfg->nmappings) {
		char *t = config_map_translation(s->cfg, src, lang);
		if (t)
			return t;
	}
	if (s->cfg->layout == LAYOUT_CUSTOM)
		return NULL;
	struct strbuf sb = STRBUF_INIT;
	if (s->cfg->layout == LAYOUT_DOCUSAURUS) {
		if (strncmp(src, "docs/", 5) == 0)
			strbuf_addf(&sb, "i18n/%s/docusaurus-plugin-content-docs/current/%s", lang, src + 5);
		else if (strncmp(src, "versioned_docs/version-", 23) == 0)
			strbuf_addf(&sb, "i18n/%s/docusaurus-plugin-content-docs/version-%s", lang, src + 23);
		else {
			strbuf_release(&sb);
			return NULL;
		}
	} else {
		/* content/SRC/x -> content/LANG/x */
		if (!under2(src, s->content_dir, s->src_lang)) {
			strbuf_release(&sb);
			return NULL;
		}
		sb_add3(&sb, s->content_dir, "/", lang);
		sb_add3(&sb, "/", src + strlen(s->content_dir) + 1 + strlen(s->src_lang) + 1, "");
	}
	return strbuf_detach(&sb, NULL);
}

/* Add a pair (once per translation path) and note the state of its
 * source: on disk, only known (src_absent), gone (orphan), or unknown
 * in a partial tree (src_absent too: nothing to compare, nothing to
 * report about it). */
static void add_pair(struct site *s, const char *src, const char *tr, const char *lang)
{
	int *slot = strmap_slot(&s->pair_index, tr, true);
	if (*slot >= 0)
		return;
	*slot = (int)s->npairs;
	s->pairs = xgrow(s->pairs, s->npairs + 1, &s->pairs_alloc, sizeof(*s->pairs));
	struct pair *p = &s->pairs[s->npairs++];
	memset(p, 0, sizeof(*p));
	p->src = xstrdup(src);
	p->tr = xstrdup(tr);
	p->lang = lang;
	if (exists(s, src))
		/* Until phase 1 only exists() sets page states: a page that
		 * is not a known one exists because stat found the file. */
		p->src_absent = s->known && pathset_has(s->known, src) ? !on_disk(s, src) : false;
	else if (judgeable(s, src))
		p->orphan = true;
	else
		p->src_absent = true;
}

static void on_translation(struct site *s, const char *rel, void *ctx);

/* Custom layouts: every .md file of the tree may be a translation. */
static void collect_custom(struct site *s)
{
	walk_md(s, "", on_translation, NULL);
}

static void on_translation(struct site *s, const char *rel, void *ctx)
{
	(void)ctx;
	const char *lang;
	char *src = source_of(s, rel, &lang);
	if (!src || !lang_wanted(s, lang)) {
		free(src);
		return;
	}
	add_pair(s, src, rel, lang);
	free(src);
}

struct cover_ctx {
	unsigned *translated;
	unsigned sources;
	struct strbuf tr;         /* scratch: a translation path */
};

static void on_source(struct site *s, const char *rel, void *vctx)
{
	struct cover_ctx *c = vctx;
	if (s->cfg->layout == LAYOUT_CUSTOM) {
		/* a source is a file no mapping makes a translation, that some
		 * mapping gives a translation path */
		const char *l;
		char *src = source_of(s, rel, &l);
		if (src) {
			free(src);
			return;
		}
		char *t = s->nsite_langs > 1 ? translation_of(s, rel, s->site_langs[1]) : NULL;
		if (!t)
			return;
		free(t);
	}
	c->sources++;
	for (size_t i = 1; i < s->nsite_langs; i++) {
		if (!lang_wanted(s, s->site_langs[i]))
			continue;
		if (translation_into(s, rel, s->site_langs[i], &c->tr) && exists_once(s, c->tr.buf))
			c->translated[i]++;
	}
}

/* Relative path of a command-line PATH (absolute, or relative to the
 * current directory, or already relative to the root). */
static char *relative_to_root(const struct site *s, const char *path)
{
	char *rroot = realpath(s->root, NULL);
	char *rpath = realpath(path, NULL);
	char *res = NULL;
	if (rroot && rpath) {
		size_t l = strlen(rroot);
		if (strncmp(rpath, rroot, l) == 0 && rpath[l] == '/')
			res = xstrdup(rpath + l + 1);
	}
	if (!res) {
		/* not on disk (a deleted file) or outside: take it as given */
		const char *p = path;
		while (p[0] == '.' && p[1] == '/')
			p += 2;
		res = xstrdup(p);
	}
	free(rroot);
	free(rpath);
	return res;
}

static void collect_pairs(struct site *s)
{
	const struct site_options *o = s->opt;
	if (o->npaths) {
		for (size_t i = 0; i < o->npaths; i++) {
			char *rel = relative_to_root(s, o->paths[i]);
			const char *lang;
			char *src = source_of(s, rel, &lang);
			if (src) {
				if (lang_wanted(s, lang))
					add_pair(s, src, rel, lang);
				free(src);
			} else {
				/* a source file: all its translations that exist */
				for (size_t k = 1; k < s->nsite_langs; k++) {
					if (!lang_wanted(s, s->site_langs[k]))
						continue;
					char *tr = translation_of(s, rel, s->site_langs[k]);
					if (tr && exists(s, tr))
						add_pair(s, rel, tr, s->site_langs[k]);
					free(tr);
				}
			}
			free(rel);
		}
		return;
	}
	if (s->cfg->layout == LAYOUT_CUSTOM) {
		collect_custom(s);
		return;
	}
	for (size_t i = 1; i < s->nsite_langs; i++) {
		if (!lang_wanted(s, s->site_langs[i]))
			continue;
		struct strbuf dir = STRBUF_INIT;
		if (s->cfg->layout == LAYOUT_DOCUSAURUS)
			strbuf_addf(&dir, "i18n/%s", s->site_langs[i]);
		else
			strbuf_addf(&dir, "%s/%s", s->content_dir, s->site_langs[i]);
		walk_md(s, dir.buf, on_translation, NULL);
		strbuf_release(&dir);
	}
}

/* ---- known pages, redirects ---- */

static bool read_lines(const char *path, void (*fn)(void *ctx, char *line), void *ctx)
{
	FILE *f = fopen(path, "r");
	if (!f)
		return false;
	char *line = NULL;
	size_t cap = 0;
	ssize_t n;
	while ((n = getline(&line, &cap, f)) >= 0) {
		while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r'))
			line[--n] = '\0';
		fn(ctx, line);
	}
	free(line);
	fclose(f);
	return true;
}

struct known_ctx {
	struct site *s;
	char *prefix; /* longest common folder of the entries */
	bool first;
	struct strbuf lastdir; /* the previous entry's folder */
	bool have_last;        /* lastdir is set */
};

static void on_known(void *vctx, char *line)
{
	struct known_ctx *c = vctx;
	while (*line == ' ' || *line == '\t')
		line++;
	if (!*line || *line == '#')
		return;
	while (line[0] == '.' && line[1] == '/')
		line += 2;
	pathset_put(c->s->known, line);
	size_t ll = strlen(line);
	if (ll > 5 && strcmp(line + ll - 5, ".html") == 0)
		c->s->known_html = true;
	/* its folders, to recognise section URLs (the parents of a folder
	 * already there are there too). The previous entry's folder is
	 * there: an entry in the same folder adds nothing (lists are
	 * mostly sorted). */
	const char *last = strrchr(line, '/');
	size_t dl = last ? (size_t)(last - line) : 0;
	if (last && !(c->have_last && c->lastdir.len == dl && memcmp(c->lastdir.buf, line, dl) == 0)) {
		c->have_last = true;
		strbuf_reset(&c->lastdir);
		strbuf_add(&c->lastdir, line, dl);
		char *dir = xstrdup(line);
		for (char *sl = strrchr(dir, '/'); sl; sl = strrchr(dir, '/')) {
			*sl = '\0';
			if (pathset_has(c->s->known_dirs, dir))
				break;
			pathset_put(c->s->known_dirs, dir);
		}
		free(dir);
	}
	if (c->first) {
		c->prefix = xstrdup(line);
		char *sl = strrchr(c->prefix, '/');
		if (sl)
			sl[1] = '\0';
		else
			c->prefix[0] = '\0';
		c->first = false;
		return;
	}
	size_t k = 0;
	while (c->prefix[k] && c->prefix[k] == line[k])
		k++;
	c->prefix[k] = '\0';
	char *sl = strrchr(c->prefix, '/');
	if (sl)
		sl[1] = '\0';
	else
		c->prefix[0] = '\0';
}

/* Note that the known pages are complete under prefix p (as written:
 * "./" in front and '/' behind are dropped). */
static void add_complete(struct site *s, const char *p)
{
	while (p[0] == '.' && p[1] == '/')
		p += 2;
	size_t len = strlen(p);
	if (len == 1 && p[0] == '.')
		len = 0;
	while (len && p[len - 1] == '/')
		len--;
	s->complete = xgrow(s->complete, s->ncomplete + 1, &s->complete_alloc, sizeof(*s->complete));
	s->complete[s->ncomplete].s = xstrndup(p, len);
	s->complete[s->ncomplete].len = len;
	s->ncomplete++;
}

static bool load_known(struct site *s, struct site_result *res)
{
	const struct site_options *o = s->opt;
	size_t nk = o->nknown + s->cfg->nknown;
	if (!nk)
		return true;
	s->known = pathset_new();
	s->known_dirs = pathset_new();
	s->partial = true;
	for (size_t i = 0; i < nk; i++) {
		struct known_pages kp;
		if (i < o->nknown) {
			kp = o->known[i];
		} else {
			kp = s->cfg->known[i - o->nknown];
			kp.file = path_join(s->root, kp.file);
		}
		struct known_ctx c = {s, NULL, true, STRBUF_INIT, false};
		bool read = read_lines(kp.file, on_known, &c);
		strbuf_release(&c.lastdir);
		if (!read) {
			fprintf(stderr, "l10nlint: %s: cannot read known pages: %s\n", kp.file,
			        strerror(errno));
			res->usage_error = true;
		}
		if (c.prefix && kp.complete)
			add_complete(s, c.prefix);
		free(c.prefix);
		for (size_t j = 0; j < kp.nprefixes; j++)
			add_complete(s, kp.prefixes[j]);
		if (i >= o->nknown)
			free((char *)kp.file);
	}
	return !res->usage_error;
}

static void on_redirect(void *vctx, char *line)
{
	struct site *s = vctx;
	while (*line == ' ' || *line == '\t')
		line++;
	if (!*line || *line == '#')
		return;
	char *end = line;
	while (*end && *end != ' ' && *end != '\t')
		end++;
	*end = '\0';
	size_t alloc = s->nredirects;
	s->redirects = xgrow(s->redirects, s->nredirects + 1, &alloc, sizeof(char *));
	s->redirects[s->nredirects++] = xstrdup(line);
}

/* Does a URL path match a _redirects FROM (trailing slash optional,
 * '*' splat at the end, ':placeholder' segments)? */
static bool redirect_match(const char *from, const char *url)
{
	while (*from && *url) {
		if (*from == '*')
			return true;
		if (*from == ':') {
			while (*from && *from != '/')
				from++;
			while (*url && *url != '/')
				url++;
			continue;
		}
		if (*from != *url)
			return false;
		from++;
		url++;
	}
	if (*from == '*')
		return true;
	if (!*from && (!*url || (url[0] == '/' && !url[1])))
		return true;
	if (!*url && from[0] == '/' && !from[1])
		return true;
	return false;
}

/* ---- URLs ---- */

bool site_url_of(const char *content_dir, const char *source_lang, const char *relpath,
                 struct strbuf *out)
{
	size_t cl = strlen(content_dir);
	if (strncmp(relpath, content_dir, cl) != 0 || relpath[cl] != '/')
		return false;
	const char *l = relpath + cl + 1, *sl = strchr(l, '/');
	if (!sl)
		return false;
	size_t ll = (size_t)(sl - l);
	const char *rest = sl + 1;
	size_t rl = strlen(rest);
	if (rl < 3 || strcmp(rest + rl - 3, ".md") != 0)
		return false;
	rl -= 3;
	strbuf_addch(out, '/');
	if (!(ll == strlen(source_lang) && strncmp(l, source_lang, ll) == 0)) {
		strbuf_add(out, l, ll);
		strbuf_addch(out, '/');
	}
	/* _index / index name their folder */
	if (rl >= 6 && strncmp(rest + rl - 6, "_index", 6) == 0 && (rl == 6 || rest[rl - 7] == '/'))
		rl -= 6;
	else if (rl >= 5 && strncmp(rest + rl - 5, "index", 5) == 0 && (rl == 5 || rest[rl - 6] == '/'))
		rl -= 5;
	strbuf_add(out, rest, rl);
	if (out->len && out->buf[out->len - 1] != '/')
		strbuf_addch(out, '/');
	return true;
}

/* Normalise "a/./b/../c" in place (leading '/' kept). Written to a
 * buffer of p->len + 2 bytes: every segment kept was preceded by a '/' in
 * p unless it starts the result, so only the final '/' can go past. */
static void normalize_path(struct strbuf *p)
{
	char stack_out[256];
	size_t stack_marks[64];
	size_t cap = p->len + 2;
	char *out = cap <= sizeof(stack_out) ? stack_out : xmalloc(cap);
	size_t *marks = cap <= 64 ? stack_marks : xcalloc(cap, sizeof(size_t));
	size_t n = 0, nm = 0;
	bool abs = p->len && p->buf[0] == '/';
	bool trail = p->len && p->buf[p->len - 1] == '/';
	const char *s = p->buf;
	while (*s) {
		while (*s == '/')
			s++;
		const char *e = s;
		while (*e && *e != '/')
			e++;
		size_t len = (size_t)(e - s);
		if (len == 0)
			break;
		if (len == 1 && s[0] == '.') {
			/* skip */
		} else if (len == 2 && s[0] == '.' && s[1] == '.') {
			if (nm)
				n = marks[--nm];
		} else {
			marks[nm++] = n;
			if (n || abs)
				out[n++] = '/';
			memcpy(out + n, s, len);
			n += len;
		}
		s = e;
	}
	if (!n && abs)
		out[n++] = '/';
	else if (trail && n && out[n - 1] != '/')
		out[n++] = '/';
	strbuf_reset(p);
	strbuf_add(p, out, n);
	if (out != stack_out)
		free(out);
	if (marks != stack_marks)
		free(marks);
}

static int lang_index(const struct site *s, const char *seg, size_t len)
{
	for (size_t i = 0; i < s->nsite_langs; i++)
		if (strlen(s->site_langs[i]) == len && strncmp(s->site_langs[i], seg, len) == 0)
			return (int)i;
	return -1;
}

/* Blog posts by URL: /blog/YYYY/MM/DD/slug/ from date and slug (Hugo
 * lower-cases URL paths). A post without a slug takes its URL from its
 * title; its date is recorded ("YYYY/MM/DD/" -> BLOG_UNSURE) so that
 * links to that day are not judged. */
#define BLOG_UNSURE (-2)

struct blog_ctx {
	struct strmap *map;
};

static void on_blog(struct site *s, const char *rel, void *vctx)
{
	struct blog_ctx *c = vctx;
	char *full = path_join(s->root, rel);
	FILE *f = fopen(full, "r");
	free(full);
	if (!f)
		return;
	char buf[4096];
	size_t n = fread(buf, 1, sizeof(buf) - 1, f);
	fclose(f);
	buf[n] = '\0';
	if (strncmp(buf, "---", 3) != 0)
		return;
	char date[16] = "", slug[256] = "";
	for (char *line = strchr(buf, '\n'); line; line = strchr(line + 1, '\n')) {
		char *l = line + 1;
		if (strncmp(l, "---", 3) == 0)
			break;
		if (strncmp(l, "date:", 5) == 0) {
			char *v = l + 5;
			while (*v == ' ' || *v == '"' || *v == '\'')
				v++;
			if (strlen(v) >= 10 && v[4] == '-' && v[7] == '-') {
				memcpy(date, v, 10);
				date[10] = '\0';
			}
		} else if (strncmp(l, "slug:", 5) == 0) {
			char *v = l + 5;
			while (*v == ' ' || *v == '"' || *v == '\'')
				v++;
			size_t k = 0;
			while (v[k] && v[k] != '\n' && v[k] != '\r' && v[k] != '"' && v[k] != '\'' &&
			       v[k] != ' ' && k + 1 < sizeof(slug)) {
				slug[k] = v[k] >= 'A' && v[k] <= 'Z' ? (char)(v[k] - 'A' + 'a') : v[k];
				k++;
			}
			slug[k] = '\0';
		}
	}
	if (!date[0])
		return;
	char key[300];
	snprintf(key, sizeof(key), "%.4s/%.2s/%.2s/%s", date, date + 5, date + 8, slug);
	int page = slug[0] ? page_get(s, rel) : BLOG_UNSURE;
	pthread_mutex_lock(&s->lock);
	int *v = strmap_slot(c->map, key, true);
	if (*v < 0)
		*v = page;
	pthread_mutex_unlock(&s->lock);
}

/* The page of a blog URL key "YYYY/MM/DD/slug", -1 when there is none,
 * BLOG_UNSURE when a post of that day has no slug. Phase 3 only (one
 * thread). */
static int blog_lookup(struct site *s, int li, const char *key)
{
	if (li < 0 || (size_t)li >= s->nblog)
		return -1;
	pthread_mutex_lock(&s->lock);
	bool indexed = s->blog_indexed[li];
	s->blog_indexed[li] = true;
	pthread_mutex_unlock(&s->lock);
	if (!indexed) {
		/* Built once, by the first thread that needs it; others wait. */
		struct strbuf dir = STRBUF_INIT;
		strbuf_addf(&dir, "%s/%s/blog", s->content_dir, s->site_langs[li]);
		struct strmap tmp = STRMAP_INIT;
		struct blog_ctx c = {&tmp};
		walk_md(s, dir.buf, on_blog, &c);
		strbuf_release(&dir);
		pthread_mutex_lock(&s->lock);
		strmap_free(&s->blog[li]);
		s->blog[li] = tmp;
		pthread_mutex_unlock(&s->lock);
	}
	char lower[300];
	size_t k = 0;
	for (; key[k] && k + 1 < sizeof(lower); k++)
		lower[k] = key[k] >= 'A' && key[k] <= 'Z' ? (char)(key[k] - 'A' + 'a') : key[k];
	lower[k] = '\0';
	pthread_mutex_lock(&s->lock);
	int *v = strmap_slot(&s->blog[li], lower, false);
	int r = v ? *v : -1;
	if (r < 0 && k > 11) {
		lower[11] = '\0'; /* "YYYY/MM/DD/" */
		v = strmap_slot(&s->blog[li], lower, false);
		if (v && *v == BLOG_UNSURE)
			r = BLOG_UNSURE;
	}
	pthread_mutex_unlock(&s->lock);
	return r;
}

enum target_kind {
	TGT_SKIP,     /* external, mail, same page, or not a page link */
	TGT_PAGE,     /* a content page: rel set */
	TGT_FILE,     /* a static file or redirect: exists */
	TGT_MISSING,  /* known not to exist */
	TGT_UNKNOWN,  /* cannot be judged (partial tree) */
};

struct target {
	enum target_kind kind;
	struct strbuf rel;        /* the page's relative path */
	struct strbuf url;        /* the normalised URL path */
	int lang;                 /* site language index of the URL */
	bool lang_prefixed;
	struct strbuf rest;       /* the URL path after the language */
	struct strbuf why;        /* TGT_MISSING: what was looked for, "no content/ja/x.md" */
	struct strbuf path, st;   /* resolve's scratch, kept between calls */
};

/* Resolve the page for URL language li and rest ("/docs/x/"): a
 * Markdown page, section or bundle, an HTML content file, or a blog post
 * from its date and slug. When it is not found, rel is the first
 * candidate and why (when not NULL) says what was looked for. */
static enum target_kind resolve_page(struct site *s, int li, const char *rest, struct strbuf *rel,
                                     struct strbuf *why)
{
	const char *lang = s->site_langs[li];
	/* pre: base "content/LANG", then r (rest without its trailing '/') */
	struct strbuf pre = STRBUF_INIT;
	sb_add3(&pre, s->content_dir, "/", lang);
	size_t blen = pre.len;
	strbuf_addstr(&pre, rest);
	while (pre.len > blen && pre.buf[pre.len - 1] == '/')
		strbuf_setlen(&pre, pre.len - 1);
	size_t rlen = pre.len - blen;
	static const char *const cands[] = {".md",   "/_index.md",   "/index.md",
	                                    ".html", "/_index.html", "/index.html"};
	enum target_kind k = TGT_MISSING;
	for (size_t i = 0; i < sizeof(cands) / sizeof(cands[0]); i++) {
		if (!rlen && cands[i][0] != '/')
			continue;
		strbuf_reset(rel);
		sb_add3(rel, pre.buf, cands[i], "");
		if (exists(s, rel->buf)) {
			k = TGT_PAGE;
			break;
		}
	}
	bool blog = false;
	if (k != TGT_PAGE) {
		/* blog posts: /blog/YYYY/MM/DD/slug */
		const char *b = pre.buf + blen;
		if (strncmp(b, "/blog/", 6) == 0 && strlen(b) > 17 && b[10] == '/' && b[13] == '/' &&
		    b[16] == '/' && !strchr(b + 17, '/')) {
			blog = true;
			int page = blog_lookup(s, li, b + 6);
			if (page >= 0) {
				pthread_mutex_lock(&s->lock);
				strbuf_reset(rel);
				strbuf_addstr(rel, s->pages[page].rel);
				pthread_mutex_unlock(&s->lock);
				k = TGT_PAGE;
			} else if (s->partial || page == BLOG_UNSURE) {
				k = TGT_UNKNOWN;
			}
			if (k != TGT_PAGE && why)
				strbuf_addf(why, "no %s blog post dated %.4s-%.2s-%.2s with slug \"%s\"", lang,
				            b + 6, b + 11, b + 14, b + 17);
		}
	}
	if (k != TGT_PAGE) {
		/* the first candidate */
		strbuf_reset(rel);
		sb_add3(rel, pre.buf, rlen ? ".md" : "/_index.md", "");
		if (!blog && why)
			sb_add3(why, "no ", rel->buf, "");
		if (k == TGT_MISSING && !judgeable(s, rel->buf))
			k = TGT_UNKNOWN;
		/* A folder that holds known pages is a section; a list of
		 * Markdown files cannot tell whether its index is an
		 * _index.html. */
		if (k == TGT_MISSING && s->known && !s->known_html && rlen &&
		    pathset_has(s->known_dirs, pre.buf))
			k = TGT_UNKNOWN;
	}
	strbuf_release(&pre);
	return k;
}

/* Percent-decode a URL path in place (%XX with two hex digits; other
 * '%' are kept). */
static void url_unescape(struct strbuf *p)
{
	if (!memchr(p->buf, '%', p->len))
		return;
	size_t w = 0;
	for (size_t i = 0; i < p->len; i++) {
		int hi, lo;
		if (p->buf[i] == '%' && i + 2 < p->len && (hi = hex_value(p->buf[i + 1])) >= 0 &&
		    (lo = hex_value(p->buf[i + 2])) >= 0 && (hi || lo)) {
			p->buf[w++] = (char)(hi * 16 + lo);
			i += 2;
		} else {
			p->buf[w++] = p->buf[i];
		}
	}
	strbuf_setlen(p, w);
}

/* Does the last segment of a path have an extension other than .md (a
 * file, not a page)? */
static bool has_file_ext(const char *path)
{
	const char *last = strrchr(path, '/');
	last = last ? last + 1 : path;
	const char *dot = strrchr(last, '.');
	return dot && dot != last && dot[1] && strcmp(dot, ".md") != 0;
}

/* Is a relative path a file of the page's bundle (the folder of an
 * index.md or _index.md), or of its source page's bundle (taken as fine:
 * Hugo can share a bundle's untranslated files between languages)? */
static bool bundle_file(struct site *s, const char *from_rel, const char *path)
{
	const char *base = strrchr(from_rel, '/');
	base = base ? base + 1 : from_rel;
	if (strcmp(base, "index.md") != 0 && strcmp(base, "_index.md") != 0)
		return false;
	bool found = false;
	struct strbuf f = STRBUF_INIT;
	for (int round = 0; round < 2 && !found; round++) {
		const char *lang;
		char *src = round ? source_of(s, from_rel, &lang) : NULL;
		const char *page = round ? src : from_rel;
		if (page) {
			const char *sl = strrchr(page, '/');
			strbuf_reset(&f);
			if (sl)
				strbuf_add(&f, page, (size_t)(sl - page + 1));
			strbuf_addstr(&f, path);
			normalize_path(&f);
			found = exists(s, f.buf);
		}
		free(src);
	}
	strbuf_release(&f);
	return found;
}

static void resolve(struct site *s, const char *from_rel, const char *dest, struct target *t)
{
	strbuf_reset(&t->rel);
	strbuf_reset(&t->url);
	strbuf_reset(&t->rest);
	strbuf_reset(&t->why);
	t->kind = TGT_SKIP;
	t->lang = 0;
	t->lang_prefixed = false;
	if (!dest[0] || dest[0] == '#' || strstr(dest, "://") || strncmp(dest, "//", 2) == 0 ||
	    strncmp(dest, "mailto:", 7) == 0 || strncmp(dest, "tel:", 4) == 0 ||
	    strncmp(dest, "javascript:", 11) == 0 || strncmp(dest, "data:", 5) == 0)
		return;
	size_t plen = strcspn(dest, "#?");
	if (!plen)
		return;
	/* t->path's buffer, given back at every return */
	struct strbuf path = t->path;
	strbuf_reset(&path);
	strbuf_add(&path, dest, plen);
	url_unescape(&path);
	if (!path.len || memchr(path.buf, '\0', path.len)) {
		t->path = path;
		return;
	}
	/* x.md links: relative to the file's folder */
	if (path.buf[0] != '/' && path.len > 3 && strcmp(path.buf + path.len - 3, ".md") == 0) {
		const char *sl = strrchr(from_rel, '/');
		strbuf_reset(&t->rel);
		if (sl)
			strbuf_add(&t->rel, from_rel, (size_t)(sl - from_rel + 1));
		strbuf_addstr(&t->rel, path.buf);
		normalize_path(&t->rel);
		t->kind = exists(s, t->rel.buf) ? TGT_PAGE
		          : judgeable(s, t->rel.buf) ? TGT_MISSING
		                                     : TGT_UNKNOWN;
		strbuf_addf(&t->why, "no file %s", t->rel.buf);
		t->path = path;
		return;
	}
	/* a file of the page's bundle: images, data */
	if (path.buf[0] != '/' && has_file_ext(path.buf) && bundle_file(s, from_rel, path.buf)) {
		t->kind = TGT_FILE;
		t->path = path;
		return;
	}
	if (s->cfg->layout == LAYOUT_DOCUSAURUS) {
		t->path = path;
		return; /* Docusaurus routes: only .md links are resolved */
	}
	if (path.buf[0] != '/') {
		struct strbuf url = STRBUF_INIT;
		if (!site_url_of(s->content_dir, s->src_lang, from_rel, &url)) {
			strbuf_release(&url);
			t->path = path;
			return;
		}
		strbuf_addstr(&url, path.buf);
		strbuf_reset(&path);
		strbuf_add(&path, url.buf, url.len);
		strbuf_release(&url);
	}
	normalize_path(&path);
	strbuf_addstr(&t->url, path.buf);
	/* language prefix */
	const char *seg = path.buf + 1;
	size_t sl = strcspn(seg, "/");
	int li = lang_index(s, seg, sl);
	if (li > 0) {
		t->lang = li;
		t->lang_prefixed = true;
		strbuf_addstr(&t->rest, seg + sl);
	} else {
		t->lang = 0;
		strbuf_addstr(&t->rest, path.buf);
	}
	if (!t->rest.len)
		strbuf_addch(&t->rest, '/');
	/* files under static/ are served at the site root, as they are
	 * (/ja/x is static/ja/x) */
	if (t->rest.len > 1) {
		struct strbuf st = t->st;
		strbuf_reset(&st);
		strbuf_addstr(&st, "static");
		strbuf_addstr(&st, path.buf);
		while (st.len && st.buf[st.len - 1] == '/')
			strbuf_setlen(&st, st.len - 1);
		bool file = static_file(s, st.buf);
		if (!file) {
			strbuf_addstr(&st, "/index.html");
			file = static_file(s, st.buf);
		}
		t->st = st;
		if (file) {
			t->kind = TGT_FILE;
			t->path = path;
			return;
		}
	}
	for (size_t i = 0; i < s->nredirects; i++) {
		if (redirect_match(s->redirects[i], path.buf)) {
			t->kind = TGT_FILE;
			t->path = path;
			return;
		}
	}
	/* /docs/x/index.html is the page /docs/x/ */
	if (t->rest.len >= 11 && strcmp(t->rest.buf + t->rest.len - 11, "/index.html") == 0)
		strbuf_setlen(&t->rest, t->rest.len - 10);
	t->kind = resolve_page(s, t->lang, t->rest.buf, &t->rel, &t->why);
	if (t->kind == TGT_MISSING && has_file_ext(path.buf)) {
		/* A URL with a file extension (an image, a generated HTML
		 * reference page): a file under static/ or of a page bundle
		 * (published beside its page, in its language or, shared, in
		 * the source language's). Not judged when the tree is partial
		 * (those files are often not in it). */
		for (int round = 0; round < 2 && t->kind == TGT_MISSING; round++) {
			struct strbuf f = STRBUF_INIT;
			strbuf_addf(&f, "%s/%s%s", s->content_dir,
			            round ? s->src_lang : s->site_langs[t->lang], t->rest.buf);
			if (exists(s, f.buf))
				t->kind = TGT_FILE;
			strbuf_release(&f);
		}
		if (t->kind == TGT_FILE) {
			t->path = path;
			return;
		}
		strbuf_reset(&t->why);
		strbuf_addf(&t->why, "no file static%s%s", path.buf,
		            dest[0] != '/' ? " nor in the page's bundle" : "");
		if (s->partial)
			t->kind = TGT_UNKNOWN;
	}
	t->path = path;
}

/* ---- phase 1: pairs ---- */

static void rules_for(const struct site *s, const char *rel, struct rule_settings *rs)
{
	config_rules_for(s->cfg, rel, rs);
	if (s->opt->cli_rules && s->opt->cli_rules_set)
		for (int r = 0; r < RULE_COUNT; r++)
			if (s->opt->cli_rules_set[r])
				rs->severity[r] = s->opt->cli_rules->severity[r];
}

static void keep_ids(struct site *s, const char *rel, struct doc *d)
{
	int k = page_get(s, rel);
	pthread_mutex_lock(&s->lock);
	struct page *p = &s->pages[k];
	p->state = PAGE_EXISTS;
	if (!p->ids && d && doc_status(d) == DOC_OK) {
		p->ids = d->ids;
		d->ids = NULL;
	} else if (!p->ids) {
		p->ids_failed = true;
	}
	pthread_mutex_unlock(&s->lock);
}

static void report_load(struct worker_out *w, const struct doc *d, const struct rule_settings *rs)
{
	for (size_t i = 0; i < d->nnotes; i++) {
		const struct note *n = &d->notes[i];
		if (n->severity != NOTE_ERROR)
			continue;
		if (rs->severity[RULE_invalid_input] == SEV_OFF)
			continue;
		diag_add(&w->dl, RULE_invalid_input, rs->severity[RULE_invalid_input], d->path,
		         n->line ? n->line : 1, n->col ? n->col : 1, NULL, 0, NULL, n->message);
	}
	w->input_error = true;
}

static void report_orphan(struct site *s, struct worker_out *w, const struct pair *p,
                          const struct rule_settings *rs)
{
	if (rs->severity[RULE_translation_orphan] == SEV_OFF)
		return;
	struct strbuf msg = STRBUF_INIT;
	strbuf_addf(&msg, "the source page \"%s\" of this translation does not exist", p->src);
	char *trfull = display_path(s, p->tr);
	diag_add(&w->dl, RULE_translation_orphan, rs->severity[RULE_translation_orphan], trfull, 1,
	         1, NULL, 0, NULL, msg.buf);
	free(trfull);
	strbuf_release(&msg);
}

/* Keep the translation's links to other pages, judged in phase 3. */
static void keep_links(struct worker_out *w, size_t pi, const struct doc *tr)
{
	for (size_t i = 0; i < tr->nlinks; i++) {
		const struct link *l = &tr->links[i];
		if (l->dest[0] == '#' || !l->dest[0] || strstr(l->dest, "://"))
			continue;
		w->links = xgrow(w->links, w->nlinks + 1, &w->alloc, sizeof(*w->links));
		struct xlink *x = &w->links[w->nlinks++];
		x->pair = (int)pi;
		x->line = l->line;
		x->col = l->col;
		x->dest = xstrdup(l->dest);
		x->fragment = l->fragment ? xstrdup(l->fragment) : NULL;
		x->text = xstrdup(l->text);
	}
}

/* Check the pairs [first, end) that share one source: the source is read
 * and parsed once for all its translations. A source that is not on disk
 * (a known page of a partial tree) leaves only the translations' links
 * to check. */
static void check_group(struct site *s, struct worker_out *w, size_t first, size_t end)
{
	struct doc *src = NULL;
	char *srcfull = display_path(s, s->pairs[first].src);
	for (size_t pi = first; pi < end; pi++) {
		struct pair *p = &s->pairs[pi];
		struct rule_settings rs;
		rules_for(s, p->tr, &rs);
		if (p->orphan) {
			/* read only for its suppression comments */
			char *trfull = display_path(s, p->tr);
			struct doc_options to = s->opt->doc;
			to.lang = p->lang;
			struct doc *tr = rs.severity[RULE_translation_orphan] == SEV_OFF
			                         ? NULL
			                         : doc_load(trfull, &to);
			struct suppressions *sp =
				tr && doc_status(tr) == DOC_OK ? suppress_build(tr, NULL, &rs) : NULL;
			if (!suppress_covers(sp, RULE_translation_orphan, 1))
				report_orphan(s, w, p, &rs);
			suppress_free(sp);
			doc_free(tr);
			free(trfull);
			continue;
		}
		if (!src && !p->src_absent) {
			struct doc_options so = s->opt->doc;
			so.lang = s->src_lang;
			src = doc_load(srcfull, &so);
			if (doc_status(src) != DOC_OK)
				report_load(w, src, &rs);
		}
		char *trfull = display_path(s, p->tr);
		struct doc_options to = s->opt->doc;
		to.lang = p->lang;
		struct doc *tr = doc_load(trfull, &to);
		if (doc_status(tr) != DOC_OK)
			report_load(w, tr, &rs);
		if (p->src_absent && doc_status(tr) == DOC_OK) {
			size_t before = w->dl.n;
			p->supp = suppress_build(tr, &w->dl, &rs);
			suppress_filter(&w->dl, before, p->supp, NULL, trfull, NULL);
			keep_links(w, pi, tr);
		} else if (!p->src_absent && doc_status(src) == DOC_OK && doc_status(tr) == DOC_OK) {
			struct check_options co = {to, &rs};
			check_docs(src, tr, &co, &w->dl);
			keep_links(w, pi, tr);
			p->supp = suppress_build(tr, NULL, &rs);
		}
		keep_ids(s, p->tr, tr);
		doc_free(tr);
		free(trfull);
	}
	if (src)
		keep_ids(s, s->pairs[first].src, src);
	doc_free(src);
	free(srcfull);
}

/* Work item i of phase 1: group i (pairs sorted by source). */
static void check_item(struct site *s, struct worker_out *w, size_t i)
{
	check_group(s, w, s->groups[i], s->groups[i + 1]);
}

struct worker_arg {
	struct site *s;
	int id;
	int phase;
};

static void load_ids(struct site *s, int k)
{
	pthread_mutex_lock(&s->lock);
	char *rel = xstrdup(s->pages[k].rel);
	bool have = s->pages[k].ids || s->pages[k].ids_failed;
	size_t rl = strlen(rel);
	if (!have && (rl < 3 || strcmp(rel + rl - 3, ".md") != 0)) {
		/* an HTML content page: its IDs are not known */
		s->pages[k].ids_failed = true;
		have = true;
	}
	pthread_mutex_unlock(&s->lock);
	if (!have) {
		char *full = path_join(s->root, rel);
		struct doc_options o = s->opt->doc;
		o.lang = NULL;
		struct doc *d = doc_load(full, &o);
		keep_ids(s, rel, d);
		doc_free(d);
		free(full);
	}
	free(rel);
}

static void *worker(void *varg)
{
	struct worker_arg *a = varg;
	struct site *s = a->s;
	for (;;) {
		size_t i = atomic_fetch_add(&s->next, 1);
		if (i >= s->total)
			break;
		if (a->phase == 1)
			check_item(s, &s->outs[a->id], i);
		else
			load_ids(s, s->work[i]);
		atomic_fetch_add(&s->done, 1);
	}
	return NULL;
}

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Run fn over total items on the workers, with a progress line on a
 * terminal when it takes more than a second. */
static void run_parallel(struct site *s, int phase, size_t total, const char *what)
{
	s->total = total;
	atomic_store(&s->next, 0);
	atomic_store(&s->done, 0);
	if (!total)
		return;
	int n = s->nworkers;
	if ((size_t)n > total)
		n = (int)total;
	pthread_t *th = xcalloc((size_t)n, sizeof(pthread_t));
	struct worker_arg *args = xcalloc((size_t)n, sizeof(*args));
	for (int i = 0; i < n; i++) {
		args[i] = (struct worker_arg){s, i, phase};
		if (i > 0 && pthread_create(&th[i], NULL, worker, &args[i]) != 0)
			th[i] = 0;
	}
	/* The main thread works too; it prints progress between items. */
	double start = now(), last = 0;
	bool shown = false;
	for (;;) {
		size_t i = atomic_fetch_add(&s->next, 1);
		if (i >= s->total)
			break;
		if (phase == 1)
			check_item(s, &s->outs[0], i);
		else
			load_ids(s, s->work[i]);
		atomic_fetch_add(&s->done, 1);
		/* after a second, ten updates a second at most */
		double t = s->opt->progress ? now() : 0;
		if (s->opt->progress && t - start > 1.0 && t - last >= 0.1) {
			fprintf(stderr, "\rl10nlint: %s %zu/%zu", what, atomic_load(&s->done), total);
			shown = true;
			last = t;
		}
	}
	for (int i = 1; i < n; i++)
		if (th[i])
			pthread_join(th[i], NULL);
	if (shown)
		fprintf(stderr, "\r\033[K");
	free(th);
	free(args);
}

/* ---- phase 3: cross-page links ---- */

static void report_link(struct site *s, struct diag_list *out, const struct xlink *x,
                        enum rule_id rule, const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));

/* Report a finding about a cross-page link; it is noted so that the
 * pair's link-missing finding about the same link goes (one defect, one
 * finding). */
static void report_link(struct site *s, struct diag_list *out, const struct xlink *x,
                        enum rule_id rule, const char *fmt, ...)
{
	const struct pair *p = &s->pairs[x->pair];
	struct rule_settings rs;
	rules_for(s, p->tr, &rs);
	if (rs.severity[rule] == SEV_OFF)
		return;
	if (p->supp && suppress_covers(p->supp, rule, x->line))
		return;
	/* strbuf_vaddf's text, in one pass when it fits buf */
	struct strbuf msg = STRBUF_INIT;
	char buf[512];
	const char *text = buf;
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	if (n < 0 || (size_t)n >= sizeof(buf)) {
		va_start(ap, fmt);
		strbuf_vaddf(&msg, fmt, ap);
		va_end(ap);
		text = msg.buf;
	}
	char *full = display_path(s, p->tr);
	diag_add(out, rule, rs.severity[rule], full, x->line, x->col, NULL, 0, NULL, text);
	strbuf_reset(&msg);
	reported_key(&msg, full, x->line, x->col);
	strbuf_addstr(&msg, x->dest);
	*strmap_slot(&s->reported, msg.buf, true) = 1;
	free(full);
	strbuf_release(&msg);
}

/* Is f a link-missing finding about a link a cross-page finding was
 * reported for ("... links to \"DEST\" instead" at the link)? */
static bool link_missing_dup(const struct finding *f, void *arg)
{
	struct site *s = arg;
	if (f->rule != RULE_link_missing)
		return false;
	static const char tail[] = "\" instead";
	size_t ml = strlen(f->message), tl = sizeof(tail) - 1;
	if (ml < tl || strcmp(f->message + ml - tl, tail) != 0)
		return false;
	const char *open = NULL;
	for (const char *q = strstr(f->message, "links to \""); q; q = strstr(q + 1, "links to \""))
		open = q + 10;
	if (!open || open > f->message + ml - tl)
		return false;
	struct strbuf key = STRBUF_INIT;
	reported_key(&key, f->file, f->line, f->col);
	strbuf_add(&key, open, (size_t)(f->message + ml - tl - open));
	bool dup = strmap_slot(&s->reported, key.buf, false) != NULL;
	strbuf_release(&key);
	return dup;
}

/* Would the page exist in language li at the same rest? */
static bool translated_exists(struct site *s, int li, const char *rest, struct strbuf *rel)
{
	return resolve_page(s, li, rest, rel, NULL) == TGT_PAGE;
}

/* The fragment part of a link ("#x" or ""). */
static const char *fragment_of(const char *dest)
{
	const char *h = strchr(dest, '#');
	return h ? h : "";
}

/* A link-not-localized finding waiting for the localized page's IDs. */
struct pending {
	const struct xlink *x;
	int page;                 /* the localized page */
	char *url;                /* /ja/docs/x/ */
};

static void judge_links(struct site *s, struct diag_list *out)
{
	struct target t = {TGT_SKIP, STRBUF_INIT, STRBUF_INIT, 0, false,
	                   STRBUF_INIT, STRBUF_INIT, STRBUF_INIT, STRBUF_INIT};
	struct strbuf other = STRBUF_INIT;
	struct pending *pend = NULL;
	size_t npend = 0, pend_alloc = 0;
	/* First pass: resolve, note the pages whose IDs are needed. */
	for (int w = 0; w < s->nworkers; w++) {
		struct worker_out *wo = &s->outs[w];
		for (size_t i = 0; i < wo->nlinks; i++) {
			struct xlink *x = &wo->links[i];
			const struct pair *p = &s->pairs[x->pair];
			resolve(s, p->tr, x->dest, &t);
			if (t.kind == TGT_SKIP || t.kind == TGT_UNKNOWN || t.kind == TGT_FILE)
				continue;
			/* --changed-since: an unchanged page is judged for its
			 * links to the changed pages only */
			if (p->links_only && !anchor_set_has(s->changed, t.rel.buf))
				continue;
			int tl = lang_index(s, p->lang, strlen(p->lang));
			if (t.lang_prefixed && t.lang != tl) {
				/* a page of another translation */
				strbuf_reset(&other);
				if (tl > 0 && translated_exists(s, tl, t.rest.buf, &other))
					report_link(s, out, x, RULE_link_wrong_locale,
					            "link \"%s\" points into the %s site from a %s page; link "
					            "/%s%s%s instead",
					            x->dest, s->site_langs[t.lang], p->lang, p->lang, t.rest.buf,
					            fragment_of(x->dest));
				else if (translated_exists(s, 0, t.rest.buf, &other))
					report_link(s, out, x, RULE_link_wrong_locale,
					            "link \"%s\" points into the %s site from a %s page; there is "
					            "no %s page yet: link the %s page %s%s instead",
					            x->dest, s->site_langs[t.lang], p->lang, p->lang, s->src_lang,
					            t.rest.buf, fragment_of(x->dest));
				else
					report_link(s, out, x, RULE_link_wrong_locale,
					            "link \"%s\" points into the %s site from a %s page, and there "
					            "is no %s or %s page at %s",
					            x->dest, s->site_langs[t.lang], p->lang, p->lang, s->src_lang,
					            t.rest.buf);
				continue;
			}
			if (t.kind == TGT_MISSING) {
				strbuf_reset(&other);
				if (t.lang == tl && tl > 0 && t.url.len &&
				    translated_exists(s, 0, t.rest.buf, &other))
					report_link(s, out, x, RULE_link_broken,
					            "link \"%s\": there is no %s page at %s (%s); the %s page "
					            "exists: link %s%s until it is translated",
					            x->dest, p->lang, t.url.buf, t.why.buf, s->src_lang, t.rest.buf,
					            fragment_of(x->dest));
				else if (t.url.len)
					report_link(s, out, x, RULE_link_broken, "link \"%s\": no page at %s (%s)",
					            x->dest, t.url.buf, t.why.buf);
				else
					report_link(s, out, x, RULE_link_broken, "link \"%s\": %s", x->dest,
					            t.why.buf);
				continue;
			}
			/* TGT_PAGE */
			if (x->fragment && x->fragment[0]) {
				int k = page_get(s, t.rel.buf);
				s->pages[k].want_ids = true;
			}
			if (!t.lang_prefixed && tl > 0 && x->dest[0] == '/') {
				strbuf_reset(&other);
				if (translated_exists(s, tl, t.rest.buf, &other)) {
					struct strbuf url = STRBUF_INIT;
					strbuf_addf(&url, "/%s%s", p->lang, t.rest.buf);
					if (x->fragment && x->fragment[0]) {
						/* is the fragment there on the localized page? */
						int k = page_get(s, other.buf);
						s->pages[k].want_ids = true;
						pend = xgrow(pend, npend + 1, &pend_alloc, sizeof(*pend));
						pend[npend++] = (struct pending){x, k, strbuf_detach(&url, NULL)};
						continue;
					}
					report_link(s, out, x, RULE_link_not_localized,
					            "link \"%s\" goes to the %s page although the %s translation "
					            "exists: link %s",
					            x->dest, s->src_lang, p->lang, url.buf);
					strbuf_release(&url);
				}
			}
		}
	}
	/* Phase 2: load the IDs of link targets, once each, in parallel. */
	s->nwork = 0;
	s->work = xcalloc(s->npages + 1, sizeof(int));
	for (size_t k = 0; k < s->npages; k++)
		if (s->pages[k].want_ids && !s->pages[k].ids && !s->pages[k].ids_failed)
			s->work[s->nwork++] = (int)k;
	run_parallel(s, 2, s->nwork, "reading link targets");
	for (size_t i = 0; i < npend; i++) {
		const struct xlink *x = pend[i].x;
		const struct page *pg = &s->pages[pend[i].page];
		const struct pair *p = &s->pairs[x->pair];
		if (!pg->ids || anchor_set_has(pg->ids, x->fragment))
			report_link(s, out, x, RULE_link_not_localized,
			            "link \"%s\" goes to the %s page although the %s translation exists: "
			            "link %s%s",
			            x->dest, s->src_lang, p->lang, pend[i].url, fragment_of(x->dest));
		else
			report_link(s, out, x, RULE_link_not_localized,
			            "link \"%s\" goes to the %s page although the %s translation exists: "
			            "link %s with the ID of its translated heading (it has no \"%s\")",
			            x->dest, s->src_lang, p->lang, pend[i].url, x->fragment);
		free(pend[i].url);
	}
	free(pend);
	/* Fragments. */
	for (int w = 0; w < s->nworkers; w++) {
		struct worker_out *wo = &s->outs[w];
		for (size_t i = 0; i < wo->nlinks; i++) {
			struct xlink *x = &wo->links[i];
			if (!x->fragment || !x->fragment[0])
				continue;
			const struct pair *p = &s->pairs[x->pair];
			resolve(s, p->tr, x->dest, &t);
			if (t.kind != TGT_PAGE)
				continue;
			if (p->links_only && !anchor_set_has(s->changed, t.rel.buf))
				continue;
			int tl = lang_index(s, p->lang, strlen(p->lang));
			if (t.lang_prefixed && t.lang != tl)
				continue; /* link-wrong-locale said it */
			int k = page_get(s, t.rel.buf);
			const struct page *pg = &s->pages[k];
			if (!pg->ids || anchor_set_has(pg->ids, x->fragment))
				continue;
			report_link(s, out, x, RULE_anchor_broken,
			            "link \"%s\": the page %s has no heading or anchor \"%s\"", x->dest,
			            t.rel.buf, x->fragment);
		}
	}
	strbuf_release(&other);
	strbuf_release(&t.rel);
	strbuf_release(&t.url);
	strbuf_release(&t.rest);
	strbuf_release(&t.why);
	strbuf_release(&t.path);
	strbuf_release(&t.st);
}

/* ---- changed files (git) ---- */

extern char **environ;

/* Run git with argv (no shell), each output line into set. Returns the
 * exit status, or -1 when git could not be run. */
static int run_git(char *const argv[], struct anchor_set *set)
{
	int fds[2];
	if (pipe(fds) != 0)
		return -1;
	posix_spawn_file_actions_t fa;
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_adddup2(&fa, fds[1], STDOUT_FILENO);
	posix_spawn_file_actions_addclose(&fa, fds[0]);
	posix_spawn_file_actions_addclose(&fa, fds[1]);
	posix_spawn_file_actions_addopen(&fa, STDERR_FILENO, "/dev/null", O_WRONLY, 0);
	pid_t pid;
	int rc = posix_spawnp(&pid, "git", &fa, NULL, argv, environ);
	posix_spawn_file_actions_destroy(&fa);
	close(fds[1]);
	if (rc != 0) {
		close(fds[0]);
		return -1;
	}
	FILE *f = fdopen(fds[0], "r");
	if (!f) {
		close(fds[0]);
		waitpid(pid, NULL, 0);
		return -1;
	}
	char *line = NULL;
	size_t cap = 0;
	ssize_t n;
	while ((n = getline(&line, &cap, f)) >= 0) {
		while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r'))
			line[--n] = '\0';
		if (n)
			anchor_set_put(set, line);
	}
	free(line);
	fclose(f);
	int st;
	if (waitpid(pid, &st, 0) < 0)
		return -1;
	return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

static bool git_changed(struct site *s, struct anchor_set *changed)
{
	const char *ref = s->opt->changed_since;
	if (ref[0] == '-') {
		fprintf(stderr, "l10nlint: --changed-since: '%s' is not a git revision\n", ref);
		return false;
	}
	/* paths relative to the root, whatever the repository's top is */
	char *diff[] = {"git", "-C", (char *)s->root, "diff", "--name-only", "--no-renames",
	                "--relative", (char *)ref, "--", NULL};
	int rc = run_git(diff, changed);
	if (rc != 0) {
		fprintf(stderr,
		        "l10nlint: --changed-since: git cannot compare with '%s' in %s (%s)\n", ref,
		        s->root, rc < 0 ? "git could not be run" : "not a repository, or an unknown revision");
		return false;
	}
	char *others[] = {"git", "-C", (char *)s->root, "ls-files", "--others", "--exclude-standard",
	                  NULL};
	run_git(others, changed);
	return true;
}

/* Keep the pairs whose files changed; pages that link to a changed page
 * are checked for their cross-page links only (a changed page may break
 * them). Returns false on error. */
static bool restrict_to_changed(struct site *s)
{
	struct anchor_set *changed = anchor_set_new();
	if (!git_changed(s, changed)) {
		anchor_set_free(changed);
		return false;
	}
	/* URLs of the changed pages, to find pages that link to them */
	struct strbuf url = STRBUF_INIT;
	char **urls = NULL;
	size_t nurls = 0, ualloc = 0;
	for (size_t i = 0; i < anchor_set_count(changed); i++) {
		size_t len;
		const char *rel = anchor_set_at(changed, i, &len);
		strbuf_reset(&url);
		if (site_url_of(s->content_dir, s->src_lang, rel, &url) && url.len > 1) {
			/* without the language prefix and the trailing slash: the
			 * part every link to it contains */
			const char *u = url.buf + 1;
			size_t sl = strcspn(u, "/");
			if (lang_index(s, u, sl) > 0)
				u += sl;
			else
				u = url.buf;
			size_t ul = strlen(u);
			while (ul > 1 && u[ul - 1] == '/')
				ul--;
			urls = xgrow(urls, nurls + 1, &ualloc, sizeof(char *));
			urls[nurls++] = xstrndup(u, ul);
		}
	}
	size_t w = 0;
	for (size_t i = 0; i < s->npairs; i++) {
		struct pair p = s->pairs[i];
		bool keep = anchor_set_has(changed, p.src) || anchor_set_has(changed, p.tr);
		bool links = false;
		if (!keep && nurls) {
			/* a cheap text search before any parse */
			char *full = path_join(s->root, p.tr);
			FILE *f = fopen(full, "rb");
			free(full);
			if (f) {
				struct strbuf data = STRBUF_INIT;
				char buf[65536];
				size_t n;
				while ((n = fread(buf, 1, sizeof(buf), f)) > 0)
					strbuf_add(&data, buf, n);
				fclose(f);
				for (size_t u = 0; u < nurls && !links; u++)
					links = strstr(data.buf, urls[u]) != NULL;
				strbuf_release(&data);
			}
		}
		if (keep || links) {
			p.links_only = !keep;
			s->pairs[w] = p;
			w++;
		} else {
			free(p.src);
			free(p.tr);
		}
	}
	s->npairs = w;
	for (size_t u = 0; u < nurls; u++)
		free(urls[u]);
	free(urls);
	strbuf_release(&url);
	s->changed = changed;
	return true;
}

/* ---- the run ---- */

static int str_cmp(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static int pair_cmp(const void *a, const void *b)
{
	const struct pair *x = a, *y = b;
	int c = strcmp(x->src, y->src);
	return c ? c : strcmp(x->tr, y->tr);
}

/* Coverage: every source page of the site and which of its translations
 * exist. A walk of the source tree, independent of the pair checks: it runs
 * on its own thread beside phase 1 (exists_once() gives the same answer
 * whenever it is asked: the pages phase 1 adds are judged from the same known
 * pages and the same disk). */
struct cover_job {
	struct site *s;
	struct cover_ctx c;
};

static void *coverage_walk(void *arg)
{
	struct cover_job *job = arg;
	struct site *s = job->s;
	struct cover_ctx *c = &job->c;
	if (s->cfg->layout == LAYOUT_DOCUSAURUS) {
		walk_md(s, "docs", on_source, c);
		walk_md(s, "versioned_docs", on_source, c);
	} else if (s->cfg->layout == LAYOUT_CUSTOM) {
		walk_md(s, "", on_source, c);
	} else {
		struct strbuf dir = STRBUF_INIT;
		strbuf_addf(&dir, "%s/%s", s->content_dir, s->src_lang);
		walk_md(s, dir.buf, on_source, c);
		strbuf_release(&dir);
	}
	/* sources that only the known-pages lists know */
	if (s->known && s->cfg->layout == LAYOUT_HUGO) {
		struct strbuf pre = STRBUF_INIT;
		strbuf_addf(&pre, "%s/%s/", s->content_dir, s->src_lang);
		for (size_t i = 0; i < s->known->n; i++) {
			const char *k = s->known->v[i];
			if (strncmp(k, pre.buf, pre.len) != 0)
				continue;
			struct stat stt;
			bool on_disk = stat_rel(s->root, k, &stt) == 0;
			if (!on_disk && !config_ignored(s->cfg, k))
				on_source(s, k, c);
		}
		strbuf_release(&pre);
	}
	return NULL;
}

void site_run(const struct site_options *opt, struct diag_list *out, struct site_result *res)
{
	memset(res, 0, sizeof(*res));
	struct site *s = xcalloc(1, sizeof(*s));
	s->opt = opt;
	s->cfg = opt->cfg;
	s->root = opt->root;
	s->content_dir = s->cfg->content_dir ? s->cfg->content_dir : "content";
	s->src_lang = s->cfg->source_lang ? s->cfg->source_lang : "en";
	pthread_mutex_init(&s->lock, NULL);
	long ncpu = sysconf(_SC_NPROCESSORS_ONLN);
	s->nworkers = opt->jobs > 0 ? opt->jobs : ncpu > 0 ? (int)ncpu : 1;
	if (s->nworkers > 64)
		s->nworkers = 64;

	struct stat st;
	if (stat(s->root, &st) != 0 || !S_ISDIR(st.st_mode)) {
		fprintf(stderr, "l10nlint: %s: not a directory (the site root)\n", s->root);
		res->usage_error = true;
		goto out;
	}
	if (!load_known(s, res))
		goto out;
	find_site_langs(s);
	/* languages in a stable order (coverage lines, messages) */
	if (s->nsite_langs > 2)
		qsort(s->site_langs + 1, s->nsite_langs - 1, sizeof(char *), str_cmp);
	{
		char *rf = path_join(s->root, "static/_redirects");
		read_lines(rf, on_redirect, s);
		free(rf);
	}
	{
		char *sd = path_join(s->root, "static");
		struct stat sst;
		s->have_static = stat(sd, &sst) == 0 && S_ISDIR(sst.st_mode);
		free(sd);
	}
	/* The coverage walk of the source tree needs only the languages
	 * and page states (under the lock), so it runs on its own thread
	 * beside the pair collection and the pair checks; not when path
	 * mappings may still add languages while pairs are collected. */
	struct cover_job cov = {s, {xcalloc(s->nsite_langs, sizeof(unsigned)), 0, STRBUF_INIT}};
	pthread_t cov_th;
	bool cov_threaded = false;
	if (s->nworkers > 1 && !s->cfg->nmappings)
		cov_threaded = pthread_create(&cov_th, NULL, coverage_walk, &cov) == 0;
	collect_pairs(s);
	if (opt->changed_since && !restrict_to_changed(s)) {
		res->usage_error = true;
		if (cov_threaded)
			pthread_join(cov_th, NULL);
		free(cov.c.translated);
		strbuf_release(&cov.c.tr);
		goto out;
	}
	if (s->nworkers > 1 && !cov_threaded) {
		/* languages final now: the walk can start */
		free(cov.c.translated);
		cov.c.translated = xcalloc(s->nsite_langs, sizeof(unsigned));
		cov_threaded = pthread_create(&cov_th, NULL, coverage_walk, &cov) == 0;
	}
	s->nblog = s->nsite_langs;
	s->blog = xcalloc(s->nblog, sizeof(*s->blog));
	s->blog_indexed = xcalloc(s->nblog, sizeof(bool));

	doc_global_init();
	s->outs = xcalloc((size_t)s->nworkers, sizeof(*s->outs));
	for (int i = 0; i < s->nworkers; i++)
		diag_init(&s->outs[i].dl);
	/* Pairs grouped by source, so each source is parsed once. */
	if (s->npairs > 1)
		qsort(s->pairs, s->npairs, sizeof(*s->pairs), pair_cmp);
	s->groups = xcalloc(s->npairs + 1, sizeof(size_t));
	for (size_t i = 0; i < s->npairs; i++)
		if (i == 0 || strcmp(s->pairs[i].src, s->pairs[i - 1].src) != 0)
			s->groups[s->ngroups++] = i;
	s->groups[s->ngroups] = s->npairs;
	run_parallel(s, 1, s->ngroups, "checking pairs");
	if (cov_threaded) {
		pthread_join(cov_th, NULL);
	} else {
		free(cov.c.translated);
		cov.c.translated = xcalloc(s->nsite_langs, sizeof(unsigned));
		coverage_walk(&cov);
	}
	res->pairs = (unsigned)s->npairs;
	struct diag_list xl;
	diag_init(&xl);
	judge_links(s, &xl);
	/* --changed-since: the translations kept for their links only */
	struct strmap links_only = STRMAP_INIT;
	for (size_t p = 0; opt->changed_since && p < s->npairs; p++)
		if (s->pairs[p].links_only)
			*strmap_slot(&links_only, s->pairs[p].tr, true) = 1;
	for (int i = 0; i < s->nworkers; i++) {
		struct worker_out *w = &s->outs[i];
		/* one defect, one finding: a link reported above is not also
		 * link-missing */
		if (s->reported.n)
			diag_remove_if(&w->dl, 0, link_missing_dup, s);
		/* In changed-files mode, pairs kept for their links only
		 * report nothing else. */
		if (opt->changed_since) {
			for (size_t k = 0; k < w->dl.n; k++) {
				const struct finding *f = &w->dl.v[k];
				size_t rl = strlen(s->root);
				const char *rel = f->file;
				if (strcmp(s->root, ".") != 0 && strncmp(rel, s->root, rl) == 0)
					rel += rl + (rel[rl] == '/');
				if (!strmap_slot(&links_only, rel, false))
					diag_add(out, f->rule, f->severity, f->file, f->line, f->col,
					         f->source_file, f->source_line, f->source_excerpt, f->message);
			}
		} else {
			diag_merge(out, &w->dl);
		}
		res->input_error |= w->input_error;
	}
	strmap_free(&links_only);
	diag_merge(out, &xl);
	diag_release(&xl);

	/* Coverage per translation language, over the whole site. */
	{
		struct cover_ctx c = cov.c;
		res->coverage = xcalloc(s->nsite_langs, sizeof(struct coverage));
		for (size_t i = 1; i < s->nsite_langs; i++) {
			if (!lang_wanted(s, s->site_langs[i]))
				continue;
			struct coverage *cv = &res->coverage[res->ncoverage++];
			cv->lang = xstrdup(s->site_langs[i]);
			cv->translated = c.translated[i];
			cv->source = c.sources;
		}
		free(c.translated);
		strbuf_release(&c.tr);
	}

out:
	for (int i = 0; s->outs && i < s->nworkers; i++) {
		struct worker_out *w = &s->outs[i];
		for (size_t k = 0; k < w->nlinks; k++) {
			free(w->links[k].dest);
			free(w->links[k].fragment);
			free(w->links[k].text);
		}
		free(w->links);
		diag_release(&w->dl);
	}
	free(s->outs);
	for (size_t i = 0; i < s->npairs; i++) {
		free(s->pairs[i].src);
		free(s->pairs[i].tr);
		suppress_free(s->pairs[i].supp);
	}
	free(s->pairs);
	for (size_t i = 0; i < s->npages; i++)
		anchor_set_free(s->pages[i].ids);
	free(s->pages);
	strmap_free(&s->page_index);
	for (size_t i = 0; i < s->nblog; i++)
		strmap_free(&s->blog[i]);
	free(s->blog);
	free(s->blog_indexed);
	strmap_free(&s->reported);
	strmap_free(&s->static_files);
	strmap_free(&s->pair_index);
	anchor_set_free(s->changed);
	pathset_free(s->known_dirs);
	for (size_t i = 0; i < s->nsite_langs; i++)
		free((char *)s->site_langs[i]);
	free(s->site_langs);
	for (size_t i = 0; i < s->ncomplete; i++)
		free(s->complete[i].s);
	free(s->complete);
	for (size_t i = 0; i < s->nredirects; i++)
		free(s->redirects[i]);
	free(s->redirects);
	pathset_free(s->known);
	free(s->work);
	free(s->groups);
	pthread_mutex_destroy(&s->lock);
	free(s);
}

void site_result_release(struct site_result *res)
{
	for (size_t i = 0; i < res->ncoverage; i++)
		free((char *)res->coverage[i].lang);
	free(res->coverage);
	memset(res, 0, sizeof(*res));
}
