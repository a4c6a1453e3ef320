/* frontmatter.c - YAML front matter as an ordered tree, built from libyaml
 * events without recursion.
 *
 * Open containers live on an explicit frame stack; their finished children
 * wait on one shared item stack and are copied into the arena, exactly
 * sized, when the container ends. Aliases share their anchor's children
 * (no copy), and every alias adds its anchor's expanded size to a running
 * total so that alias bombs are rejected while memory stays linear in the
 * input. */
#include "frontmatter.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

#include "utf8.h"
#include "xalloc.h"

#define FM_MAX_DEPTH 64
#define FM_MAX_EXPANDED 100000

/* Open-addressing hash table from (tag, name) to a number. */
struct fm_slot {
	uint64_t hash;
	unsigned long tag;
	const char *name; /* NULL: empty slot */
	size_t value;
};

struct fm_table {
	struct fm_slot *slots;
	size_t cap, count;
	bool borrowed; /* slots are not the table's own (not freed) */
};

/* The keys table starts in the parser itself: most front matter has fewer
 * than FM_KEY_SLOTS / 2 keys, and then needs no allocation. */
#define FM_KEY_SLOTS 32

struct fm_anchor {
	char *name;
	unsigned long seq;   /* declaration order */
	struct fm_node node; /* shallow copy; key fields unused */
	size_t size;         /* expanded node count */
	unsigned depth;      /* container levels, 0 for a scalar */
};

struct fm_frame {
	struct fm_node node;  /* kind and position; children set at the end */
	size_t base;          /* first child on the item stack */
	size_t size;          /* expanded nodes, this one included */
	unsigned depth;       /* container levels, this one included */
	char *anchor;         /* heap copy, or NULL */
	unsigned long anchor_seq;
	unsigned long serial; /* identifies a map for duplicate detection */
	bool has_key;         /* map: a key waits for its value */
	const char *key;
	unsigned key_line, key_col;
};

/* Maps libyaml's code-point index to file lines and columns. */
struct fm_cursor {
	size_t index, byte;
	unsigned line, col;
};

struct fm_parser {
	struct arena *arena;
	const char *yaml;
	size_t len;
	size_t start; /* byte after a BOM, which libyaml does not count */
	unsigned first_line;
	struct fm_error *err;
	struct fm_cursor cur;

	struct fm_frame *frames;
	size_t nframes, aframes;
	struct fm_node *items;
	size_t nitems, aitems;
	struct fm_anchor *anchors;
	size_t nanchors, aanchors;
	struct fm_table anchor_index; /* name -> anchors[] index */
	struct fm_table keys;         /* (map serial, key) -> key line */
	struct fm_slot key_slots[FM_KEY_SLOTS]; /* keys' first slots */
	unsigned long next_serial, next_anchor_seq;
	size_t expanded;              /* nodes added by aliases */
	unsigned ndocs;
	struct fm_node *root;
};

/* ---- hash table ---- */

static uint64_t fm_hash_name(unsigned long tag, const char *name)
{
	uint64_t h = 1469598103934665603ULL;
	for (const unsigned char *s = (const unsigned char *)name; *s; s++) {
		h ^= *s;
		h *= 1099511628211ULL;
	}
	h ^= (uint64_t)tag;
	h *= 1099511628211ULL;
	return h ^ (h >> 29);
}

static struct fm_slot *fm_table_lookup(struct fm_table *t, unsigned long tag,
				       const char *name, uint64_t hash)
{
	size_t mask = t->cap - 1;
	for (size_t i = (size_t)hash & mask;; i = (i + 1) & mask) {
		struct fm_slot *s = &t->slots[i];
		if (!s->name)
			return s;
		if (s->hash == hash && s->tag == tag && strcmp(s->name, name) == 0)
			return s;
	}
}

static void fm_table_reserve(struct fm_table *t)
{
	if ((t->count + 1) * 2 <= t->cap)
		return;
	size_t ncap = t->cap ? t->cap * 2 : 64;
	struct fm_table n = { xcalloc(ncap, sizeof(struct fm_slot)), ncap, t->count, false };
	for (size_t i = 0; i < t->cap; i++) {
		struct fm_slot *s = &t->slots[i];
		if (s->name)
			*fm_table_lookup(&n, s->tag, s->name, s->hash) = *s;
	}
	if (!t->borrowed)
		free(t->slots);
	*t = n;
}

/* Find (tag, name); NULL when absent. */
static struct fm_slot *fm_table_find(struct fm_table *t, unsigned long tag,
				     const char *name)
{
	if (!t->cap)
		return NULL;
	struct fm_slot *s = fm_table_lookup(t, tag, name, fm_hash_name(tag, name));
	return s->name ? s : NULL;
}

/* Insert (tag, name) -> value; `name` must outlive the table. */
static void fm_table_insert(struct fm_table *t, unsigned long tag,
			    const char *name, size_t value)
{
	fm_table_reserve(t);
	uint64_t hash = fm_hash_name(tag, name);
	struct fm_slot *s = fm_table_lookup(t, tag, name, hash);
	if (!s->name)
		t->count++;
	s->hash = hash;
	s->tag = tag;
	s->name = name;
	s->value = value;
}

/* ---- positions and errors ---- */

/* File line and 1-based code-point column of libyaml's mark index (which
 * counts code points, line breaks included). Lines are counted on '\n'
 * only, like the rest of l10nlint, whatever libyaml thinks a break is. */
static void fm_locate(struct fm_parser *p, size_t index, unsigned *line,
		      unsigned *col, size_t *byte)
{
	struct fm_cursor *c = &p->cur;
	if (index < c->index) {
		c->index = 0;
		c->byte = p->start;
		c->line = 0;
		c->col = 0;
	}
	while (c->index < index && c->byte < p->len) {
		unsigned char ch = (unsigned char)p->yaml[c->byte];
		/* a run of printable ASCII: one column per byte */
		if (ch >= 0x20 && ch < 0x80) {
			size_t n = index - c->index, room = p->len - c->byte;
			size_t k = 1, lim = n < room ? n : room;
			while (k < lim && (unsigned char)(p->yaml[c->byte + k] - 0x20) < 0x60)
				k++;
			c->byte += k;
			c->index += k;
			c->col += (unsigned)k;
			continue;
		}
		/* line ends as the document model counts them: \n, \r\n, lone \r */
		if (ch == '\n' || (ch == '\r' && (c->byte + 1 >= p->len || p->yaml[c->byte + 1] != '\n'))) {
			c->line++;
			c->col = 0;
		} else if (ch == '\r') {
			/* the \r of \r\n: not a column */
		} else {
			c->col++;
		}
		size_t n = ch < 0x80 ? 1 : utf8_seqlen(ch);
		c->byte = n > p->len - c->byte ? p->len : c->byte + n;
		c->index++;
	}
	*line = p->first_line + c->line;
	*col = c->col + 1;
	if (byte)
		*byte = c->byte;
}

/* File line and column of a byte offset into the YAML text. */
static void fm_locate_byte(const struct fm_parser *p, size_t off,
			   unsigned *line, unsigned *col)
{
	unsigned l = 0;
	size_t bol = 0;
	if (off > p->len)
		off = p->len;
	for (size_t i = 0; i < off; i++) {
		if (p->yaml[i] == '\n' || (p->yaml[i] == '\r' && (i + 1 >= p->len || p->yaml[i + 1] != '\n'))) {
			l++;
			bol = i + 1;
		}
	}
	*line = p->first_line + l;
	*col = (unsigned)utf8_count(p->yaml + bol, off - bol) + 1;
}

static bool fm_fail(struct fm_parser *p, unsigned line, unsigned col,
		    const char *fmt, ...) __attribute__((format(printf, 4, 5)));

static bool fm_fail(struct fm_parser *p, unsigned line, unsigned col,
		    const char *fmt, ...)
{
	va_list ap;
	p->err->line = line;
	p->err->col = col;
	va_start(ap, fmt);
	vsnprintf(p->err->message, sizeof(p->err->message), fmt, ap);
	va_end(ap);
	return false;
}

static void fm_mark(struct fm_parser *p, yaml_mark_t mark, unsigned *line,
		    unsigned *col)
{
	fm_locate(p, mark.index, line, col, NULL);
}

static void fm_fail_libyaml(struct fm_parser *p, const yaml_parser_t *yp)
{
	unsigned line, col;
	const char *problem = yp->problem ? yp->problem : "unknown error";

	switch (yp->error) {
	case YAML_MEMORY_ERROR:
		fm_fail(p, p->first_line, 1, "invalid YAML: out of memory");
		return;
	case YAML_READER_ERROR:
		fm_locate_byte(p, yp->problem_offset, &line, &col);
		if (yp->problem_value != -1)
			fm_fail(p, line, col, "invalid YAML: %s (U+%04X)", problem,
				(unsigned)yp->problem_value);
		else
			fm_fail(p, line, col, "invalid YAML: %s", problem);
		return;
	default:
		break;
	}

	/* The problem mark is usually the place to point at; but "unexpected
	 * end of stream" is better reported where the unclosed construct
	 * (a quoted scalar, a flow collection) started. */
	bool at_context = yp->context && strstr(problem, "end of stream");
	yaml_mark_t mark = at_context ? yp->context_mark : yp->problem_mark;
	size_t byte;
	fm_locate(p, mark.index, &line, &col, &byte);

	const char *hint = "";
	if (!at_context && byte < p->len && p->yaml[byte] == '\t')
		hint = "; tabs cannot be used for indentation";
	if (!yp->context) {
		fm_fail(p, line, col, "invalid YAML: %s%s", problem, hint);
		return;
	}
	unsigned cline, ccol;
	fm_mark(p, yp->context_mark, &cline, &ccol);
	if (cline == line)
		fm_fail(p, line, col, "invalid YAML: %s (%s)%s", problem,
			yp->context, hint);
	else
		fm_fail(p, line, col, "invalid YAML: %s (%s started at line %u)%s",
			problem, yp->context, cline, hint);
}

/* ---- tree building ---- */

static bool fm_is_null(const yaml_event_t *ev)
{
	const char *v = (const char *)ev->data.scalar.value;
	if (ev->data.scalar.style != YAML_PLAIN_SCALAR_STYLE)
		return false;
	return !*v || !strcmp(v, "~") || !strcmp(v, "null") ||
	       !strcmp(v, "Null") || !strcmp(v, "NULL");
}

static struct fm_frame *fm_top(struct fm_parser *p)
{
	return p->nframes ? &p->frames[p->nframes - 1] : NULL;
}

/* Register a finished node under an anchor name (taken over). */
static void fm_anchor_define(struct fm_parser *p, char *name, unsigned long seq,
			     const struct fm_node *node, size_t size,
			     unsigned depth)
{
	struct fm_slot *s = fm_table_find(&p->anchor_index, 0, name);
	struct fm_anchor *a;
	if (s) {
		/* A redefinition: later aliases see the new node. */
		a = &p->anchors[s->value];
		free(name);
	} else {
		XGROW(p->anchors, p->nanchors + 1, p->aanchors);
		a = &p->anchors[p->nanchors];
		a->name = name;
		fm_table_insert(&p->anchor_index, 0, name, p->nanchors);
		p->nanchors++;
	}
	a->seq = seq;
	a->node = *node;
	a->node.key = NULL;
	a->node.key_line = a->node.key_col = 0;
	a->size = size;
	a->depth = depth;
}

/* Record a key for the map on top; rejects duplicates. */
static bool fm_set_key(struct fm_parser *p, struct fm_frame *f, const char *key,
		       unsigned line, unsigned col)
{
	struct fm_slot *s = fm_table_find(&p->keys, f->serial, key);
	if (s)
		return fm_fail(p, line, col, "duplicate key '%.100s' (first at line %zu)",
			       key, s->value);
	fm_table_insert(&p->keys, f->serial, key, line);
	f->has_key = true;
	f->key = key;
	f->key_line = line;
	f->key_col = col;
	return true;
}

/* Append a finished value node to the container on top. */
static void fm_add_value(struct fm_parser *p, struct fm_node *node, size_t size,
			 unsigned depth)
{
	struct fm_frame *f = fm_top(p);
	if (f->node.kind == FM_MAP) {
		node->key = f->key;
		node->key_line = f->key_line;
		node->key_col = f->key_col;
		f->has_key = false;
	} else {
		node->key = NULL;
		node->key_line = node->key_col = 0;
	}
	XGROW(p->items, p->nitems + 1, p->aitems);
	p->items[p->nitems++] = *node;
	f->size += size;
	if (depth + 1 > f->depth)
		f->depth = depth + 1;
}

static bool fm_start_container(struct fm_parser *p, const yaml_event_t *ev,
			       enum fm_kind kind)
{
	unsigned line, col;
	fm_mark(p, ev->start_mark, &line, &col);
	struct fm_frame *top = fm_top(p);
	if (!top && kind != FM_MAP)
		return fm_fail(p, line, col, "front matter must be a mapping");
	if (top && top->node.kind == FM_MAP && !top->has_key)
		return fm_fail(p, line, col, "mapping keys must be scalars");
	if (p->nframes >= FM_MAX_DEPTH)
		return fm_fail(p, line, col,
			       "YAML nesting too deep (more than %d levels)",
			       FM_MAX_DEPTH);

	const yaml_char_t *anchor = kind == FM_MAP ? ev->data.mapping_start.anchor
						   : ev->data.sequence_start.anchor;
	XGROW(p->frames, p->nframes + 1, p->aframes);
	struct fm_frame *f = &p->frames[p->nframes++];
	memset(f, 0, sizeof(*f));
	f->node.kind = kind;
	f->node.value = NULL;
	f->node.line = line;
	f->node.col = col;
	f->base = p->nitems;
	f->size = 1;
	f->depth = 1;
	f->serial = ++p->next_serial;
	if (anchor) {
		f->anchor = xstrdup((const char *)anchor);
		f->anchor_seq = ++p->next_anchor_seq;
	}
	return true;
}

static void fm_end_container(struct fm_parser *p)
{
	struct fm_frame f = p->frames[--p->nframes];
	size_t n = p->nitems - f.base;
	f.node.nchildren = n;
	f.node.children = n ? arena_memdup(p->arena, p->items + f.base,
					   n * sizeof(struct fm_node))
			    : NULL;
	p->nitems = f.base;
	if (f.anchor)
		fm_anchor_define(p, f.anchor, f.anchor_seq, &f.node, f.size,
				 f.depth);
	if (p->nframes)
		fm_add_value(p, &f.node, f.size, f.depth);
	else
		p->root = arena_memdup(p->arena, &f.node, sizeof(f.node));
}

static bool fm_scalar(struct fm_parser *p, const yaml_event_t *ev)
{
	unsigned line, col;
	fm_mark(p, ev->start_mark, &line, &col);
	struct fm_frame *f = fm_top(p);
	if (!f) {
		if (!fm_is_null(ev))
			return fm_fail(p, line, col, "front matter must be a mapping");
		/* An explicit but empty document: an empty map. */
		p->root = arena_calloc(p->arena, 1, sizeof(*p->root));
		p->root->kind = FM_MAP;
		p->root->line = line;
		p->root->col = col;
		return true;
	}

	const char *raw = (const char *)ev->data.scalar.value;
	struct fm_node node;
	memset(&node, 0, sizeof(node));
	node.kind = FM_SCALAR;
	node.line = line;
	node.col = col;
	node.quoted = ev->data.scalar.style != YAML_PLAIN_SCALAR_STYLE &&
		      ev->data.scalar.style != YAML_ANY_SCALAR_STYLE;
	bool is_key = f->node.kind == FM_MAP && !f->has_key;
	if (!is_key && fm_is_null(ev))
		node.value = "";
	else
		node.value = arena_strndup(p->arena, raw, ev->data.scalar.length);

	if (ev->data.scalar.anchor)
		fm_anchor_define(p, xstrdup((const char *)ev->data.scalar.anchor),
				 ++p->next_anchor_seq, &node, 1, 0);
	if (is_key)
		return fm_set_key(p, f, node.value, line, col);
	fm_add_value(p, &node, 1, 0);
	return true;
}

static bool fm_alias(struct fm_parser *p, const yaml_event_t *ev)
{
	unsigned line, col;
	const char *name = (const char *)ev->data.alias.anchor;
	fm_mark(p, ev->start_mark, &line, &col);

	/* The most recent declaration of the name wins; if that is a container
	 * still open, the alias is inside its own anchor. */
	struct fm_slot *s = fm_table_find(&p->anchor_index, 0, name);
	struct fm_anchor *a = s ? &p->anchors[s->value] : NULL;
	for (size_t i = p->nframes; i-- > 0;) {
		const struct fm_frame *o = &p->frames[i];
		if (o->anchor && !strcmp(o->anchor, name) &&
		    (!a || o->anchor_seq > a->seq))
			return fm_fail(p, line, col,
				       "alias '*%.100s' refers to a node that contains it",
				       name);
	}
	if (!a)
		return fm_fail(p, line, col, "unknown anchor '%.100s' (alias '*%.100s')",
			       name, name);

	p->expanded += a->size;
	if (p->expanded > FM_MAX_EXPANDED || p->nframes + a->depth > FM_MAX_DEPTH)
		return fm_fail(p, line, col,
			       "YAML alias expansion too large (possible alias bomb)");

	struct fm_frame *f = fm_top(p);
	if (!f)
		return fm_fail(p, line, col, "front matter must be a mapping");
	if (f->node.kind == FM_MAP && !f->has_key) {
		if (a->node.kind != FM_SCALAR)
			return fm_fail(p, line, col, "mapping keys must be scalars");
		return fm_set_key(p, f, a->node.value, line, col);
	}
	struct fm_node node = a->node;
	node.line = line;
	node.col = col;
	fm_add_value(p, &node, a->size, a->depth);
	return true;
}

static bool fm_event(struct fm_parser *p, const yaml_event_t *ev)
{
	unsigned line, col;
	switch (ev->type) {
	case YAML_DOCUMENT_START_EVENT:
		if (p->ndocs++) {
			fm_mark(p, ev->start_mark, &line, &col);
			return fm_fail(p, line, col,
				       "front matter must be a single YAML document");
		}
		return true;
	case YAML_MAPPING_START_EVENT:
		return fm_start_container(p, ev, FM_MAP);
	case YAML_SEQUENCE_START_EVENT:
		return fm_start_container(p, ev, FM_SEQ);
	case YAML_MAPPING_END_EVENT:
	case YAML_SEQUENCE_END_EVENT:
		fm_end_container(p);
		return true;
	case YAML_SCALAR_EVENT:
		return fm_scalar(p, ev);
	case YAML_ALIAS_EVENT:
		return fm_alias(p, ev);
	default:
		return true;
	}
}

static void fm_parser_release(struct fm_parser *p)
{
	for (size_t i = 0; i < p->nframes; i++)
		free(p->frames[i].anchor);
	for (size_t i = 0; i < p->nanchors; i++)
		free(p->anchors[i].name);
	free(p->frames);
	free(p->items);
	free(p->anchors);
	free(p->anchor_index.slots);
	if (!p->keys.borrowed)
		free(p->keys.slots);
}

struct fm_node *fm_parse(struct arena *arena, const char *yaml, size_t len,
			 unsigned first_line, struct fm_error *err)
{
	struct fm_error dummy;
	struct fm_parser p;
	memset(&p, 0, sizeof(p));
	p.arena = arena;
	p.yaml = yaml ? yaml : "";
	p.len = yaml ? len : 0;
	p.first_line = first_line ? first_line : 1;
	p.err = err ? err : &dummy;
	memset(p.err, 0, sizeof(*p.err));
	if (p.len >= 3 && !memcmp(p.yaml, "\xEF\xBB\xBF", 3))
		p.start = 3;
	p.cur.byte = p.start;
	p.keys.slots = p.key_slots; /* zeroed with p */
	p.keys.cap = FM_KEY_SLOTS;
	p.keys.borrowed = true;

	yaml_parser_t yp;
	if (!yaml_parser_initialize(&yp)) {
		fm_fail(&p, p.first_line, 1, "invalid YAML: out of memory");
		return NULL;
	}
	yaml_parser_set_encoding(&yp, YAML_UTF8_ENCODING);
	yaml_parser_set_input_string(&yp, (const unsigned char *)p.yaml, p.len);

	bool ok = true;
	for (;;) {
		yaml_event_t ev;
		if (!yaml_parser_parse(&yp, &ev)) {
			fm_fail_libyaml(&p, &yp);
			ok = false;
			break;
		}
		yaml_event_type_t type = ev.type;
		ok = fm_event(&p, &ev);
		yaml_event_delete(&ev);
		if (!ok || type == YAML_STREAM_END_EVENT)
			break;
	}
	yaml_parser_delete(&yp);
	fm_parser_release(&p);
	if (!ok)
		return NULL;
	if (!p.root) {
		/* No document at all: empty input or only comments. */
		p.root = arena_calloc(arena, 1, sizeof(*p.root));
		p.root->kind = FM_MAP;
		p.root->line = p.first_line;
		p.root->col = 1;
	}
	return p.root;
}

const struct fm_node *fm_get(const struct fm_node *root, const char *path)
{
	const struct fm_node *node = root;
	const char *seg = path;
	if (!node || !path)
		return NULL;
	for (;;) {
		const char *dot = strchr(seg, '.');
		size_t n = dot ? (size_t)(dot - seg) : strlen(seg);
		if (node->kind != FM_MAP)
			return NULL;
		const struct fm_node *found = NULL;
		for (size_t i = 0; i < node->nchildren; i++) {
			const char *k = node->children[i].key;
			if (k && !strncmp(k, seg, n) && k[n] == '\0') {
				found = &node->children[i];
				break;
			}
		}
		if (!found)
			return NULL;
		node = found;
		if (!dot)
			return node;
		seg = dot + 1;
	}
}
