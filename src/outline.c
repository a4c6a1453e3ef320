/* outline.c - `l10nlint outline`. */
#include "outline.h"

#include <stdlib.h>
#include <string.h>

#include "json.h"
#include "strbuf.h"

void outline_print_notes(const struct doc *doc, FILE *err)
{
	for (size_t i = 0; i < doc->nnotes; i++) {
		const struct note *n = &doc->notes[i];
		if (n->line)
			fprintf(err, "%s:%u:%u: %s: %s [%s]\n", doc->path, n->line, n->col ? n->col : 1,
			        note_severity_name(n->severity), n->message, n->rule);
		else
			fprintf(err, "%s: %s: %s [%s]\n", doc->path, note_severity_name(n->severity),
			        n->message, n->rule);
	}
}

/* Dotted key paths with list indexes: card.anchors[0].anchor. Iterative
 * walk with an explicit stack. */
struct fm_frame {
	const struct fm_node *node;
	size_t next;
	size_t pathlen;
};

typedef void (*fm_visit_fn)(void *ctx, const char *path, const struct fm_node *n);

static void fm_walk(const struct fm_node *root, fm_visit_fn fn, void *ctx)
{
	struct fm_frame stack[72];
	int depth = 0;
	struct strbuf path = STRBUF_INIT;
	stack[depth++] = (struct fm_frame){root, 0, 0};
	while (depth) {
		struct fm_frame *f = &stack[depth - 1];
		if (f->node->kind == FM_SCALAR || f->next >= f->node->nchildren) {
			depth--;
			continue;
		}
		const struct fm_node *c = &f->node->children[f->next];
		strbuf_setlen(&path, f->pathlen);
		if (f->node->kind == FM_MAP) {
			if (path.len)
				strbuf_addch(&path, '.');
			strbuf_addstr(&path, c->key ? c->key : "");
		} else {
			strbuf_addf(&path, "[%zu]", f->next);
		}
		f->next++;
		if (!(f->node->kind == FM_SEQ && c->kind != FM_SCALAR))
			fn(ctx, path.buf, c);
		if (c->kind != FM_SCALAR && depth < 72)
			stack[depth++] = (struct fm_frame){c, 0, path.len};
	}
	strbuf_release(&path);
}

struct text_ctx {
	FILE *out;
	const char *file;
};

/* Print at most max bytes of s[0..len) (cut at a character boundary),
 * control characters as '?', so that one record stays one line. */
static void put_field(FILE *out, const char *s, size_t len, size_t max)
{
	if (len > max) {
		len = max;
		while (len > 0 && ((unsigned char)s[len] & 0xC0) == 0x80)
			len--;
	}
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		fputc(c < 0x20 || c == 0x7F ? '?' : c, out);
	}
}

static void text_key(void *vctx, const char *path, const struct fm_node *n)
{
	struct text_ctx *ctx = vctx;
	unsigned line = n->key ? n->key_line : n->line;
	unsigned col = n->key ? n->key_col : n->col;
	fprintf(ctx->out, "%s:%u:%u: front-matter ", ctx->file, line, col);
	put_field(ctx->out, path, strlen(path), 4096);
	if (n->kind == FM_SCALAR) {
		/* Keep the line readable: first line of the value, shortened. */
		const char *v = n->value ? n->value : "";
		size_t all = strlen(v);
		while (all > 0 && (v[all - 1] == '\n' || v[all - 1] == ' '))
			all--; /* folded and literal scalars end with a newline */
		size_t len = strcspn(v, "\n");
		if (len > all)
			len = all;
		fputs(" = ", ctx->out);
		put_field(ctx->out, v, len, 80);
		if (len > 80 || len < all)
			fputs(" ...", ctx->out);
	}
	fputc('\n', ctx->out);
}

static void print_text(const struct doc *doc, FILE *out)
{
	if (doc->fm_format != FM_NONE) {
		struct text_ctx ctx = {out, doc->path};
		fm_walk(doc->fm, text_key, &ctx);
	}
	for (size_t i = 0; i < doc->nheadings; i++) {
		const struct heading *h = &doc->headings[i];
		fprintf(out, "%s:%u:%u: h%d #", doc->path, h->line, h->col, h->level);
		put_field(out, h->id, strlen(h->id), 4096);
		fputs(h->explicit_id ? " (explicit)  " : "  ", out);
		put_field(out, h->text, strlen(h->text), 4096);
		fputc('\n', out);
	}
}

/* A plain YAML scalar that is an integer or boolean becomes a JSON number
 * or boolean; everything else a string. */
static void json_scalar(struct json *j, const struct fm_node *n)
{
	const char *v = n->value ? n->value : "";
	if (!n->quoted) {
		const char *p = v + (*v == '-' || *v == '+');
		size_t digits = strspn(p, "0123456789");
		if (digits && digits < 16 && !p[digits] && !(digits > 1 && *p == '0')) {
			json_int(j, strtoll(v, NULL, 10));
			return;
		}
		if (!strcmp(v, "true") || !strcmp(v, "True") || !strcmp(v, "TRUE")) {
			json_bool(j, true);
			return;
		}
		if (!strcmp(v, "false") || !strcmp(v, "False") || !strcmp(v, "FALSE")) {
			json_bool(j, false);
			return;
		}
	}
	json_string(j, v);
}

/* Front matter as a JSON value tree (maps in document order). */
static void json_fm(struct json *j, const struct fm_node *root)
{
	struct fm_frame stack[72];
	int depth = 0;
	json_begin_object(j);
	stack[depth++] = (struct fm_frame){root, 0, 0};
	while (depth) {
		struct fm_frame *f = &stack[depth - 1];
		if (f->next >= f->node->nchildren) {
			if (f->node->kind == FM_MAP)
				json_end_object(j);
			else
				json_end_array(j);
			depth--;
			continue;
		}
		const struct fm_node *c = &f->node->children[f->next++];
		if (f->node->kind == FM_MAP)
			json_key(j, c->key ? c->key : "");
		if (c->kind == FM_SCALAR) {
			json_scalar(j, c);
		} else if (depth < 72) {
			if (c->kind == FM_MAP)
				json_begin_object(j);
			else
				json_begin_array(j);
			stack[depth++] = (struct fm_frame){c, 0, 0};
		} else {
			json_null(j);
		}
	}
}

struct json_ctx {
	struct json *j;
};

static void json_keyline(void *vctx, const char *path, const struct fm_node *n)
{
	struct json_ctx *ctx = vctx;
	json_begin_object(ctx->j);
	json_key(ctx->j, "key");
	json_string(ctx->j, path);
	json_key(ctx->j, "line");
	json_int(ctx->j, n->key ? n->key_line : n->line);
	json_key(ctx->j, "column");
	json_int(ctx->j, n->key ? n->key_col : n->col);
	json_end_object(ctx->j);
}

static void print_json(const struct doc *doc, FILE *out)
{
	struct strbuf sb = STRBUF_INIT;
	struct json j;
	json_init(&j, &sb, false);
	json_begin_object(&j);
	json_key(&j, "file");
	json_string(&j, doc->path);
	json_key(&j, "headings");
	json_begin_array(&j);
	for (size_t i = 0; i < doc->nheadings; i++) {
		const struct heading *h = &doc->headings[i];
		json_begin_object(&j);
		json_key(&j, "level");
		json_int(&j, h->level);
		json_key(&j, "line");
		json_int(&j, h->line);
		json_key(&j, "column");
		json_int(&j, h->col);
		json_key(&j, "text");
		json_string(&j, h->text);
		json_key(&j, "id");
		json_string(&j, h->id);
		json_key(&j, "explicit");
		json_bool(&j, h->explicit_id);
		json_end_object(&j);
	}
	json_end_array(&j);
	json_key(&j, "front_matter");
	json_fm(&j, doc->fm);
	json_key(&j, "front_matter_keys");
	json_begin_array(&j);
	struct json_ctx ctx = {&j};
	fm_walk(doc->fm, json_keyline, &ctx);
	json_end_array(&j);
	json_end_object(&j);
	strbuf_addch(&sb, '\n');
	fwrite(sb.buf, 1, sb.len, out);
	strbuf_release(&sb);
}

int outline_run(const struct outline_options *opt, char **files, int nfiles, FILE *out,
                FILE *err)
{
	int status = 0;
	for (int i = 0; i < nfiles; i++) {
		struct doc *doc = doc_load(files[i], &opt->doc);
		outline_print_notes(doc, err);
		if (doc_status(doc) != DOC_OK) {
			status = 2;
		} else if (opt->format == OUTLINE_JSON) {
			print_json(doc, out);
		} else {
			print_text(doc, out);
		}
		doc_free(doc);
	}
	fflush(out);
	return status;
}
