/* locale.c - per-locale data (built-in defaults + locales/<lang>.yaml). */
#include "locale.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "arena.h"
#include "config.h"
#include "frontmatter.h"
#include "strbuf.h"
#include "xalloc.h"

struct heading_str {
	const char *key, *text;
};

struct locale {
	const char *lang;
	struct heading_str *headings;
	size_t nheadings;
	struct locale *next;
};

/* Strings of kubernetes.io's {{% heading "key" %}} shortcode, used when
 * no locale file overrides them. */
static const struct {
	const char *lang, *key, *text;
} builtin_headings[] = {
	{"en", "whatsnext", "What's next"},
	{"en", "prerequisites", "Before you begin"},
	{"en", "objectives", "Objectives"},
	{"en", "cleanup", "Cleaning up"},
	{"en", "synopsis", "Synopsis"},
	{"en", "options", "Options"},
	{"en", "seealso", "See Also"},
	{"en", "envvars", "Environment variables"},
	{"en", "examples", "Examples"},
	{"ko", "whatsnext", "다음 내용"},
	{"ko", "prerequisites", "시작하기 전에"},
	{"ko", "objectives", "목적"},
	{"ko", "cleanup", "정리하기"},
	{"zh-cn", "whatsnext", "接下来"},
	{"zh-cn", "prerequisites", "准备开始"},
	{"zh-cn", "objectives", "教程目标"},
	{"zh-cn", "cleanup", "清理现场"},
	{"ja", "whatsnext", "次の項目"},
	{"ja", "prerequisites", "始める前に"},
	{"ja", "objectives", "目標"},
	{"ja", "cleanup", "クリーンアップ"},
};

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static struct locale *loaded;
static struct arena locale_arena = ARENA_INIT;

const char *locale_dir(void)
{
	const char *env = getenv("L10NLINT_LOCALES");
	if (env && *env)
		return env;
	struct stat st;
	if (stat(L10NLINT_SOURCE_LOCALES, &st) == 0 && S_ISDIR(st.st_mode))
		return L10NLINT_SOURCE_LOCALES;
	return L10NLINT_DATADIR "/locales";
}

static void add_heading(struct locale *loc, size_t *alloc, const char *key, const char *text)
{
	for (size_t i = 0; i < loc->nheadings; i++) {
		if (strcmp(loc->headings[i].key, key) == 0) {
			loc->headings[i].text = text;
			return;
		}
	}
	XGROW(loc->headings, loc->nheadings + 1, *alloc);
	loc->headings[loc->nheadings].key = key;
	loc->headings[loc->nheadings].text = text;
	loc->nheadings++;
}

/* Read locales/<lang>.yaml if present. Problems are reported once on
 * stderr; the built-in defaults stay in force. */
static void load_file(struct locale *loc, size_t *alloc)
{
	struct strbuf path = STRBUF_INIT;
	strbuf_addf(&path, "%s/%s.yaml", locale_dir(), loc->lang);
	FILE *f = fopen(path.buf, "rb");
	if (!f) {
		strbuf_release(&path);
		return;
	}
	struct strbuf data = STRBUF_INIT;
	char buf[8192];
	size_t n;
	while ((n = fread(buf, 1, sizeof(buf), f)) > 0 && data.len < (1u << 20))
		strbuf_add(&data, buf, n);
	fclose(f);
	struct fm_error err;
	memset(&err, 0, sizeof(err));
	struct fm_node *root = fm_parse(&locale_arena, data.buf, data.len, 1, &err);
	if (!root) {
		fprintf(stderr, "%s:%u:%u: error: %s [invalid-locale]\n", path.buf, err.line,
		        err.col, err.message);
	} else {
		const struct fm_node *h = fm_get(root, "headings");
		if (h && h->kind == FM_MAP) {
			for (size_t i = 0; i < h->nchildren; i++)
				if (h->children[i].kind == FM_SCALAR)
					add_heading(loc, alloc, h->children[i].key, h->children[i].value);
		}
	}
	strbuf_release(&data);
	strbuf_release(&path);
}

const struct locale *locale_get(const char *lang)
{
	if (!lang || !*lang)
		lang = "en";
	pthread_mutex_lock(&lock);
	struct locale *loc;
	for (loc = loaded; loc; loc = loc->next)
		if (strcmp(loc->lang, lang) == 0)
			goto out;
	loc = arena_calloc(&locale_arena, 1, sizeof(*loc));
	loc->lang = arena_strdup(&locale_arena, lang);
	size_t alloc = 0;
	for (size_t i = 0; i < sizeof(builtin_headings) / sizeof(builtin_headings[0]); i++)
		if (strcmp(builtin_headings[i].lang, lang) == 0)
			add_heading(loc, &alloc, builtin_headings[i].key, builtin_headings[i].text);
	load_file(loc, &alloc);
	/* Move the array into the arena so cleanup is one release. */
	if (loc->nheadings) {
		struct heading_str *h = arena_memdup(&locale_arena, loc->headings,
		                                     loc->nheadings * sizeof(*h));
		free(loc->headings);
		loc->headings = h;
	}
	loc->next = loaded;
	loaded = loc;
out:
	pthread_mutex_unlock(&lock);
	return loc;
}

const char *locale_lang(const struct locale *loc)
{
	return loc->lang;
}

const char *locale_heading(const struct locale *loc, const char *key)
{
	for (size_t i = 0; i < loc->nheadings; i++)
		if (strcmp(loc->headings[i].key, key) == 0)
			return loc->headings[i].text;
	return NULL;
}

void locale_cleanup(void)
{
	pthread_mutex_lock(&lock);
	loaded = NULL;
	arena_release(&locale_arena);
	pthread_mutex_unlock(&lock);
}
