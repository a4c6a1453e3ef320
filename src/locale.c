/* locale.c - per-locale data (built-in defaults + locales/<lang>.yaml). */
#include "locale.h"

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "arena.h"
#include "l10nlint-build.h"
#include "frontmatter.h"
#include "text.h"
#include "strbuf.h"
#include "xalloc.h"

struct heading_str {
	const char *key, *text;
};

struct fm_rule {
	const char *path;
	enum fm_class cls;
};

struct locale {
	const char *lang;
	struct heading_str *headings;
	size_t nheadings;
	struct script_set scripts;
	double length_ratio;
	unsigned untranslated_min;
	struct fm_rule *fm;
	size_t nfm, fm_alloc;
	pcre2_code **allow;
	size_t nallow, allow_alloc;
	struct locale *next;
};

/* kubernetes.io's front-matter conventions (KUBERNETES.md), for every
 * locale unless a locale file says otherwise. */
static const struct fm_rule builtin_fm[] = {
	{"title", FMC_TRANSLATE},
	{"linkTitle", FMC_TRANSLATE},
	{"description", FMC_TRANSLATE},
	{"card.title", FMC_TRANSLATE},
	{"card.anchors[].title", FMC_TRANSLATE},
	{"short_description", FMC_TRANSLATE},
	{"content_type", FMC_IDENTICAL},
	{"weight", FMC_IDENTICAL},
	{"slug", FMC_IDENTICAL},
	{"date", FMC_IDENTICAL},
	{"layout", FMC_IDENTICAL},
	{"no_list", FMC_IDENTICAL},
	{"evergreen", FMC_IDENTICAL},
	{"card.name", FMC_IDENTICAL},
	{"card.weight", FMC_IDENTICAL},
	{"card.anchors[].anchor", FMC_IDENTICAL},
	{"main_menu", FMC_IDENTICAL},
	{"id", FMC_IDENTICAL},
	{"full_link", FMC_IDENTICAL},
	{"tags", FMC_IDENTICAL},
	{"tags[]", FMC_IDENTICAL},
	{"aka", FMC_IDENTICAL},
	{"aka[]", FMC_IDENTICAL},
	{"reviewers", FMC_DROPPED},
	{"approvers", FMC_DROPPED},
	{"translator", FMC_ADDED},
	{"translators", FMC_ADDED},
};

/* Scripts that mark translated text, per language. */
static const struct {
	const char *lang, *scripts;
} builtin_scripts[] = {
	{"ja", "Hiragana,Katakana,Han"},
	{"ko", "Hangul"},
	{"zh", "Han"},
	{"zh-cn", "Han"},
	{"zh-tw", "Han"},
	{"ru", "Cyrillic"},
	{"uk", "Cyrillic"},
	{"bn", "Bengali"},
	{"hi", "Devanagari"},
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

static void fm_rule_set(struct locale *loc, const char *path, enum fm_class cls)
{
	for (size_t i = 0; i < loc->nfm; i++) {
		if (strcmp(loc->fm[i].path, path) == 0) {
			loc->fm[i].cls = cls;
			return;
		}
	}
	XGROW(loc->fm, loc->nfm + 1, loc->fm_alloc);
	loc->fm[loc->nfm].path = path;
	loc->fm[loc->nfm].cls = cls;
	loc->nfm++;
}

static void add_allow(struct locale *loc, const char *pattern, const char *file, unsigned line)
{
	int err;
	PCRE2_SIZE off;
	pcre2_code *re = pcre2_compile((PCRE2_SPTR)pattern, PCRE2_ZERO_TERMINATED,
	                               PCRE2_UTF | PCRE2_UCP, &err, &off, NULL);
	if (!re) {
		PCRE2_UCHAR msg[256];
		pcre2_get_error_message(err, msg, sizeof(msg));
		fprintf(stderr, "%s:%u: error: bad pattern '%s': %s [invalid-locale]\n", file, line,
		        pattern, (const char *)msg);
		return;
	}
	pcre2_jit_compile(re, PCRE2_JIT_COMPLETE);
	XGROW(loc->allow, loc->nallow + 1, loc->allow_alloc);
	loc->allow[loc->nallow++] = re;
}

static void list_each(const struct fm_node *list, struct locale *loc, enum fm_class cls)
{
	if (!list || list->kind != FM_SEQ)
		return;
	for (size_t i = 0; i < list->nchildren; i++)
		if (list->children[i].kind == FM_SCALAR)
			fm_rule_set(loc, list->children[i].value, cls);
}

/* Settings of a locale file beyond headings: scripts, length_ratio,
 * untranslated.{min_length,allow}, frontmatter.{translate,identical,
 * dropped,added}. */
static void apply_settings(struct locale *loc, const struct fm_node *root, const char *file)
{
	const struct fm_node *n = fm_get(root, "scripts");
	if (n && n->kind == FM_SEQ) {
		loc->scripts.n = 0;
		for (size_t i = 0; i < n->nchildren; i++) {
			const struct fm_node *c = &n->children[i];
			if (c->kind == FM_SCALAR && !script_set_add(&loc->scripts, c->value))
				fprintf(stderr, "%s:%u:%u: error: unknown script '%s' [invalid-locale]\n",
				        file, c->line, c->col, c->value);
		}
	}
	n = fm_get(root, "length_ratio");
	if (n && n->kind == FM_SCALAR)
		loc->length_ratio = strtod(n->value, NULL);
	n = fm_get(root, "untranslated.min_length");
	if (n && n->kind == FM_SCALAR)
		loc->untranslated_min = (unsigned)strtoul(n->value, NULL, 10);
	n = fm_get(root, "untranslated.allow");
	if (n && n->kind == FM_SEQ)
		for (size_t i = 0; i < n->nchildren; i++)
			if (n->children[i].kind == FM_SCALAR)
				add_allow(loc, n->children[i].value, file, n->children[i].line);
	list_each(fm_get(root, "frontmatter.translate"), loc, FMC_TRANSLATE);
	list_each(fm_get(root, "frontmatter.identical"), loc, FMC_IDENTICAL);
	list_each(fm_get(root, "frontmatter.dropped"), loc, FMC_DROPPED);
	list_each(fm_get(root, "frontmatter.added"), loc, FMC_ADDED);
	list_each(fm_get(root, "frontmatter.other"), loc, FMC_OTHER);
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
		apply_settings(loc, root, path.buf);
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
	for (size_t i = 0; i < sizeof(builtin_fm) / sizeof(builtin_fm[0]); i++)
		fm_rule_set(loc, builtin_fm[i].path, builtin_fm[i].cls);
	for (size_t i = 0; i < sizeof(builtin_scripts) / sizeof(builtin_scripts[0]); i++) {
		if (strcmp(builtin_scripts[i].lang, lang) != 0)
			continue;
		char buf[128];
		snprintf(buf, sizeof(buf), "%s", builtin_scripts[i].scripts);
		char *save = NULL;
		for (char *tok = strtok_r(buf, ",", &save); tok; tok = strtok_r(NULL, ",", &save))
			script_set_add(&loc->scripts, tok);
	}
	loc->untranslated_min = 24;
	load_file(loc, &alloc);
	if (loc->nfm) {
		struct fm_rule *f = arena_memdup(&locale_arena, loc->fm, loc->nfm * sizeof(*f));
		free(loc->fm);
		loc->fm = f;
	}
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

const struct script_set *locale_scripts(const struct locale *loc)
{
	return &loc->scripts;
}

double locale_length_ratio(const struct locale *loc)
{
	return loc->length_ratio;
}

unsigned locale_untranslated_min(const struct locale *loc)
{
	return loc->untranslated_min;
}

bool locale_untranslated_ok(const struct locale *loc, const char *text)
{
	if (!loc->nallow)
		return false;
	/* Only whether a pattern matches counts: one pair of offsets is enough
	 * for every pattern (a match that does not fit returns 0, still >= 0). */
	pcre2_match_data *md = pcre2_match_data_create(1, NULL);
	size_t len = strlen(text);
	bool ok = false;
	for (size_t i = 0; i < loc->nallow && !ok; i++)
		ok = pcre2_match(loc->allow[i], (PCRE2_SPTR)text, len, 0, 0, md, NULL) >= 0;
	pcre2_match_data_free(md);
	return ok;
}

enum fm_class locale_fm_class(const struct locale *loc, const char *path)
{
	/* card.anchors[3].title -> card.anchors[].title */
	char buf[256];
	size_t w = 0;
	for (const char *p = path; *p && w + 1 < sizeof(buf); p++) {
		buf[w++] = *p;
		if (*p == '[') {
			while (p[1] && p[1] != ']')
				p++;
		}
	}
	buf[w] = '\0';
	for (size_t i = 0; i < loc->nfm; i++)
		if (strcmp(loc->fm[i].path, buf) == 0)
			return loc->fm[i].cls;
	return FMC_OTHER;
}

void locale_configure(const char *lang, const struct fm_node *settings)
{
	if (!settings)
		return;
	struct locale *loc = (struct locale *)locale_get(lang);
	pthread_mutex_lock(&lock);
	size_t alloc = 0;
	/* headings: copy the array to a growable one first */
	struct heading_str *h = xcalloc(loc->nheadings + 1, sizeof(*h));
	memcpy(h, loc->headings, loc->nheadings * sizeof(*h));
	loc->headings = h;
	alloc = loc->nheadings + 1;
	const struct fm_node *hs = fm_get(settings, "headings");
	if (hs && hs->kind == FM_MAP)
		for (size_t i = 0; i < hs->nchildren; i++)
			if (hs->children[i].kind == FM_SCALAR)
				add_heading(loc, &alloc, arena_strdup(&locale_arena, hs->children[i].key),
				            arena_strdup(&locale_arena, hs->children[i].value));
	struct heading_str *moved = arena_memdup(&locale_arena, loc->headings,
	                                         loc->nheadings * sizeof(*moved));
	free(loc->headings);
	loc->headings = moved;
	/* front-matter classes: the same, growable then back into the arena */
	struct fm_rule *f = xcalloc(loc->nfm + 1, sizeof(*f));
	memcpy(f, loc->fm, loc->nfm * sizeof(*f));
	loc->fm = f;
	loc->fm_alloc = loc->nfm + 1;
	apply_settings(loc, settings, "configuration");
	struct fm_rule *fm = arena_memdup(&locale_arena, loc->fm, loc->nfm * sizeof(*fm));
	free(loc->fm);
	loc->fm = fm;
	pthread_mutex_unlock(&lock);
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
	for (struct locale *l = loaded; l; l = l->next) {
		for (size_t i = 0; i < l->nallow; i++)
			pcre2_code_free(l->allow[i]);
		free(l->allow);
	}
	loaded = NULL;
	arena_release(&locale_arena);
	pthread_mutex_unlock(&lock);
}
