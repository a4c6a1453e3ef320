/* test_frontmatter.c - unit tests for the YAML front matter tree. */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "arena.h"
#include "frontmatter.h"
#include "strbuf.h"
#include "unit.h"

static struct arena test_arena = ARENA_INIT;
static struct fm_error test_err;

static struct fm_node *parse_at(const char *yaml, unsigned first_line)
{
	return fm_parse(&test_arena, yaml, strlen(yaml), first_line, &test_err);
}

static struct fm_node *parse(const char *yaml)
{
	return parse_at(yaml, 1);
}

static const char *value_of(const struct fm_node *root, const char *path)
{
	const struct fm_node *n = fm_get(root, path);
	return n && n->kind == FM_SCALAR ? n->value : NULL;
}

static bool err_has(const char *needle)
{
	if (strstr(test_err.message, needle))
		return true;
	printf("  message: %s\n", test_err.message);
	return false;
}

static void test_simple_keys(void)
{
	struct fm_node *root = parse("title: Hello\nweight: 10\nslug: my-page\n");
	CHECK(root != NULL);
	if (!root)
		return;
	CHECK_INT(root->kind, FM_MAP);
	CHECK(root->key == NULL);
	CHECK_INT(root->nchildren, 3);
	CHECK_STR(root->children[0].key, "title");
	CHECK_STR(root->children[1].key, "weight");
	CHECK_STR(root->children[2].key, "slug");
	CHECK_STR(root->children[0].value, "Hello");
	CHECK_STR(root->children[1].value, "10");
	CHECK(!root->children[0].quoted);
	CHECK_INT(root->children[0].key_line, 1);
	CHECK_INT(root->children[0].key_col, 1);
	CHECK_INT(root->children[0].line, 1);
	CHECK_INT(root->children[0].col, 8);
	CHECK_INT(root->children[2].key_line, 3);
	CHECK_INT(root->children[2].col, 7);
	CHECK_STR(value_of(root, "weight"), "10");
	CHECK(fm_get(root, "missing") == NULL);
}

static void test_nested_maps(void)
{
	struct fm_node *root = parse("title: T\n"
				     "card:\n"
				     "  name: concepts\n"
				     "  weight: 20\n"
				     "  title: Card title\n"
				     "main_menu: true\n");
	CHECK(root != NULL);
	if (!root)
		return;
	const struct fm_node *card = fm_get(root, "card");
	CHECK(card && card->kind == FM_MAP);
	CHECK(card && card->nchildren == 3);
	CHECK_INT(card ? card->key_line : 0, 2);
	CHECK_INT(card ? card->line : 0, 3); /* the map starts at its first key */
	CHECK_INT(card ? card->col : 0, 3);
	CHECK_STR(value_of(root, "card.name"), "concepts");
	CHECK_STR(value_of(root, "card.title"), "Card title");
	CHECK_STR(value_of(root, "title"), "T");
	CHECK_STR(value_of(root, "main_menu"), "true");
	const struct fm_node *w = fm_get(root, "card.weight");
	CHECK_INT(w ? w->line : 0, 4);
	CHECK_INT(w ? w->key_col : 0, 3);
	CHECK_INT(w ? w->col : 0, 11);
	/* crossing a scalar or a missing segment */
	CHECK(fm_get(root, "title.x") == NULL);
	CHECK(fm_get(root, "card.name.x") == NULL);
	CHECK(fm_get(root, "card.nope") == NULL);
	CHECK(fm_get(root, "nope.name") == NULL);
	CHECK(fm_get(NULL, "card") == NULL);
}

static void test_list_of_maps(void)
{
	struct fm_node *root = parse_at("title: Overview\n"
					"card:\n"
					"  name: concepts\n"
					"  anchors:\n"
					"  - anchor: \"#why-you-need-kubernetes\"\n"
					"    title: Why Kubernetes?\n"
					"  - anchor: \"#what-kubernetes-is-not\"\n"
					"    title: What Kubernetes is not\n",
					2);
	CHECK(root != NULL);
	if (!root)
		return;
	const struct fm_node *anchors = fm_get(root, "card.anchors");
	CHECK(anchors && anchors->kind == FM_SEQ);
	if (!anchors || anchors->kind != FM_SEQ)
		return;
	CHECK_INT(anchors->nchildren, 2);
	CHECK_INT(anchors->key_line, 5);
	CHECK_INT(anchors->line, 6);
	CHECK_INT(anchors->col, 3);
	const struct fm_node *item = &anchors->children[1];
	CHECK_INT(item->kind, FM_MAP);
	CHECK(item->key == NULL);
	CHECK_INT(item->line, 8);
	CHECK_INT(item->col, 5);
	const struct fm_node *a = fm_get(item, "anchor");
	CHECK_STR(a ? a->value : NULL, "#what-kubernetes-is-not");
	CHECK(a && a->quoted);
	CHECK_INT(a ? a->key_line : 0, 8);
	CHECK_INT(a ? a->key_col : 0, 5);
	CHECK_INT(a ? a->line : 0, 8);
	CHECK_INT(a ? a->col : 0, 13);
	CHECK_STR(value_of(&anchors->children[0], "title"), "Why Kubernetes?");
	CHECK_STR(value_of(&anchors->children[0], "anchor"), "#why-you-need-kubernetes");
	/* a sequence is not a map: fm_get does not index into it */
	CHECK(fm_get(root, "card.anchors.anchor") == NULL);
}

static void test_block_scalars(void)
{
	struct fm_node *root = parse("author: >\n"
				     "  Dan Winship\n"
				     "  (Red Hat)\n"
				     "description: |\n"
				     "  line one\n"
				     "  line two\n"
				     "strip: >-\n"
				     "  folded\n"
				     "  text\n"
				     "\n"
				     "plain: multi\n"
				     "  line plain\n");
	CHECK(root != NULL);
	if (!root)
		return;
	const struct fm_node *a = fm_get(root, "author");
	CHECK_STR(a ? a->value : NULL, "Dan Winship (Red Hat)\n");
	CHECK(a && a->quoted);
	CHECK_INT(a ? a->line : 0, 1);
	CHECK_INT(a ? a->col : 0, 9);
	const struct fm_node *d = fm_get(root, "description");
	CHECK_STR(d ? d->value : NULL, "line one\nline two\n");
	CHECK(d && d->quoted);
	CHECK_STR(value_of(root, "strip"), "folded text");
	const struct fm_node *pl = fm_get(root, "plain");
	CHECK_STR(pl ? pl->value : NULL, "multi line plain");
	CHECK(pl && !pl->quoted);
	CHECK_INT(pl ? pl->key_line : 0, 11);
}

static void test_quoted(void)
{
	struct fm_node *root = parse("title: \"Kubernetes v1.33: Octarine\"\n"
				     "linkTitle: 'It''s: here'\n"
				     "esc: \"tab\\there \\u00e9\"\n"
				     "url: http://example.com/a:b\n"
				     "tagged: !!str 123\n");
	CHECK(root != NULL);
	if (!root)
		return;
	const struct fm_node *t = fm_get(root, "title");
	CHECK_STR(t ? t->value : NULL, "Kubernetes v1.33: Octarine");
	CHECK(t && t->quoted);
	CHECK_INT(t ? t->col : 0, 8);
	CHECK_STR(value_of(root, "linkTitle"), "It's: here");
	CHECK_STR(value_of(root, "esc"), "tab\there \xc3\xa9");
	CHECK_STR(value_of(root, "url"), "http://example.com/a:b");
	const struct fm_node *tg = fm_get(root, "tagged");
	CHECK_STR(tg ? tg->value : NULL, "123");
	CHECK(tg && !tg->quoted);
}

static void test_nulls(void)
{
	struct fm_node *root = parse("a:\nb: ~\nc: null\nd: \"null\"\ne: ''\nf: NULL\n");
	CHECK(root != NULL);
	if (!root)
		return;
	const struct fm_node *a = fm_get(root, "a");
	CHECK_STR(a ? a->value : NULL, "");
	CHECK_INT(a ? a->line : 0, 1);
	CHECK_INT(a ? a->col : 0, 3);
	CHECK_STR(value_of(root, "b"), "");
	CHECK_STR(value_of(root, "c"), "");
	CHECK_STR(value_of(root, "d"), "null");
	CHECK_STR(value_of(root, "e"), "");
	CHECK(fm_get(root, "e") && fm_get(root, "e")->quoted);
	CHECK_STR(value_of(root, "f"), "");
}

static void test_line_offset(void)
{
	struct fm_node *root = parse_at("title: A\nweight: 5\n", 2);
	CHECK(root != NULL);
	if (!root)
		return;
	CHECK_INT(root->line, 2);
	CHECK_INT(root->children[0].key_line, 2);
	CHECK_INT(root->children[1].key_line, 3);
	CHECK_INT(root->children[1].line, 3);

	CHECK(parse_at("a: 1\nb: [1, 2\n", 7) == NULL);
	CHECK(test_err.line >= 8);
}

static void test_cjk_columns(void)
{
	struct fm_node *root = parse("タイトル: 日本語のタイトル\n"
				     "card:\n"
				     "  名前: 値\n"
				     "flow: {キー: 値, b: c}\n"
				     "list: [日本, x]\n");
	CHECK(root != NULL);
	if (!root)
		return;
	const struct fm_node *t = fm_get(root, "タイトル");
	CHECK_STR(t ? t->value : NULL, "日本語のタイトル");
	CHECK_INT(t ? t->col : 0, 7);
	const struct fm_node *n = fm_get(root, "card.名前");
	CHECK_INT(n ? n->key_col : 0, 3);
	CHECK_INT(n ? n->col : 0, 7);
	const struct fm_node *b = fm_get(root, "flow.b");
	CHECK_INT(b ? b->key_col : 0, 15);
	CHECK_INT(b ? b->col : 0, 18);
	const struct fm_node *l = fm_get(root, "list");
	CHECK(l && l->kind == FM_SEQ && l->nchildren == 2);
	if (l && l->nchildren == 2) {
		CHECK_INT(l->col, 7);
		CHECK_INT(l->children[1].col, 12);
		CHECK_INT(l->children[1].line, 5);
	}
	/* an error position after CJK text is in code points too */
	CHECK(parse("日本語: 値: x\n") == NULL);
	CHECK_INT(test_err.line, 1);
	CHECK_INT(test_err.col, 7);
}

static void test_crlf(void)
{
	struct fm_node *root = parse_at("title: A\r\ncard:\r\n  name: x\r\n", 2);
	CHECK(root != NULL);
	if (!root)
		return;
	const struct fm_node *n = fm_get(root, "card.name");
	CHECK_STR(n ? n->value : NULL, "x");
	CHECK_INT(n ? n->line : 0, 4);
	CHECK_INT(n ? n->col : 0, 9);
}

static void test_malformed(void)
{
	/* unclosed quote: reported where the quote starts */
	CHECK(parse_at("title: ok\ndescription: \"never closed\nweight: 1\n", 2) == NULL);
	CHECK_INT(test_err.line, 3);
	CHECK_INT(test_err.col, 14);
	CHECK(err_has("invalid YAML: "));
	CHECK(err_has("quoted scalar"));

	/* a value indented under a scalar */
	CHECK(parse("title: ok\nweight: 1\n  extra: 2\n") == NULL);
	CHECK_INT(test_err.line, 3);
	CHECK_INT(test_err.col, 8);
	CHECK(err_has("invalid YAML: mapping values are not allowed in this context"));

	/* a key indented less than its siblings */
	CHECK(parse("card:\n  name: a\n title: b\n") == NULL);
	CHECK_INT(test_err.line, 3);
	CHECK(err_has("did not find expected key"));

	/* tab indentation */
	CHECK(parse_at("card:\n\tname: a\n", 2) == NULL);
	CHECK_INT(test_err.line, 3);
	CHECK_INT(test_err.col, 1);
	CHECK(err_has("tab"));

	/* unclosed flow sequence */
	CHECK(parse("a: x\ntags: [a, b\nc: d\n") == NULL);
	CHECK(err_has("invalid YAML: "));

	/* a control character (rejected by libyaml's reader) */
	CHECK(parse("a: x\nb: y\x7fz\n") == NULL);
	CHECK_INT(test_err.line, 2);
	CHECK_INT(test_err.col, 5);
	CHECK(err_has("control characters"));

	/* a non-scalar key */
	CHECK(parse("a: 1\n? [x, y]\n: z\n") == NULL);
	CHECK_INT(test_err.line, 2);
	CHECK(err_has("keys must be scalars"));
	CHECK(parse("a: 1\nb: {{x: 1}: 2}\n") == NULL);
	CHECK_INT(test_err.line, 2);
	CHECK_INT(test_err.col, 5);

	/* two documents */
	CHECK(parse("a: 1\n---\nb: 2\n") == NULL);
	CHECK_INT(test_err.line, 2);
	CHECK(err_has("single YAML document"));
}

static void test_duplicate_keys(void)
{
	CHECK(parse_at("title: A\nweight: 1\ntitle: B\n", 2) == NULL);
	CHECK_INT(test_err.line, 4);
	CHECK_INT(test_err.col, 1);
	CHECK_STR(test_err.message, "duplicate key 'title' (first at line 2)");

	CHECK(parse("card:\n  name: a\n  name: b\n") == NULL);
	CHECK_INT(test_err.line, 3);
	CHECK_INT(test_err.col, 3);

	/* the same key in different maps is fine */
	struct fm_node *root = parse("title: A\ncard:\n  title: B\n"
				     "list:\n- title: C\n- title: D\n");
	CHECK(root != NULL);
	CHECK_STR(value_of(root, "card.title"), "B");
}

static void test_root_kind(void)
{
	CHECK(parse_at("just a string\n", 2) == NULL);
	CHECK_INT(test_err.line, 2);
	CHECK_STR(test_err.message, "front matter must be a mapping");
	CHECK(parse_at("\n- a\n- b\n", 2) == NULL);
	CHECK_INT(test_err.line, 3);
	CHECK_STR(test_err.message, "front matter must be a mapping");
	CHECK(parse("[a, b]") == NULL);
	CHECK(err_has("must be a mapping"));
}

static void test_empty(void)
{
	static const char *empties[] = { "", "\n\n", "# only a comment\n# two\n", "~\n",
					 "---\n" };
	for (size_t i = 0; i < sizeof(empties) / sizeof(*empties); i++) {
		struct fm_node *root = parse_at(empties[i], 2);
		CHECK(root != NULL);
		CHECK(root && root->kind == FM_MAP && root->nchildren == 0);
		CHECK(fm_get(root, "title") == NULL);
	}
	struct fm_node *root = fm_parse(&test_arena, NULL, 0, 2, &test_err);
	CHECK(root && root->kind == FM_MAP && root->nchildren == 0);
	CHECK_INT(root ? root->line : 0, 2);
	root = parse("{}");
	CHECK(root && root->kind == FM_MAP && root->nchildren == 0);
}

static void test_aliases(void)
{
	struct fm_node *root = parse("base: &b\n"
				     "  x: 1\n"
				     "  y: [a, b]\n"
				     "other: *b\n"
				     "name: &n hello\n"
				     "list: [*n, *n]\n"
				     "*n : as-key\n");
	CHECK(root != NULL);
	if (!root)
		return;
	const struct fm_node *base = fm_get(root, "base");
	const struct fm_node *other = fm_get(root, "other");
	CHECK(other && other->kind == FM_MAP);
	CHECK(base && other && base->children == other->children);
	CHECK(other && other->nchildren == 2);
	CHECK_STR(other ? other->key : NULL, "other");
	CHECK_INT(other ? other->line : 0, 4);
	CHECK_INT(other ? other->col : 0, 8);
	CHECK_STR(value_of(root, "other.x"), "1");
	const struct fm_node *list = fm_get(root, "list");
	CHECK(list && list->nchildren == 2);
	if (list && list->nchildren == 2) {
		CHECK_STR(list->children[1].value, "hello");
		CHECK(list->children[1].key == NULL);
		CHECK_INT(list->children[1].col, 12);
	}
	CHECK_STR(value_of(root, "hello"), "as-key");

	/* redefinition: the latest anchor wins */
	root = parse("a: &x 1\nb: &x 2\nc: *x\n");
	CHECK_STR(value_of(root, "c"), "2");
	root = parse("a: &x [1]\nb: &x [&x 3, *x]\n");
	const struct fm_node *b = fm_get(root, "b");
	CHECK(b && b->nchildren == 2 && !strcmp(b->children[1].value, "3"));

	CHECK(parse("a: 1\nb: *nope\n") == NULL);
	CHECK_INT(test_err.line, 2);
	CHECK_INT(test_err.col, 4);
	CHECK(err_has("unknown anchor 'nope'"));

	CHECK(parse("a: &x\n  b: *x\n") == NULL);
	CHECK_INT(test_err.line, 2);
	CHECK(err_has("contains it"));

	CHECK(parse("a: &m {k: v}\n*m : x\n") == NULL);
	CHECK(err_has("keys must be scalars"));
}

static void test_billion_laughs(void)
{
	struct strbuf sb = STRBUF_INIT;
	strbuf_addstr(&sb, "title: lol\n");
	strbuf_addstr(&sb, "l0: &l0 [");
	for (int j = 0; j < 10; j++)
		strbuf_addstr(&sb, j ? ", lol" : "lol");
	strbuf_addstr(&sb, "]\n");
	for (int i = 1; i < 10; i++) {
		strbuf_addf(&sb, "l%d: &l%d [", i, i);
		for (int j = 0; j < 10; j++)
			strbuf_addf(&sb, "%s*l%d", j ? ", " : "", i - 1);
		strbuf_addstr(&sb, "]\n");
	}
	struct arena a = ARENA_INIT;
	clock_t t0 = clock();
	struct fm_node *root = fm_parse(&a, sb.buf, sb.len, 2, &test_err);
	double secs = (double)(clock() - t0) / CLOCKS_PER_SEC;
	CHECK(root == NULL);
	CHECK(err_has("YAML alias expansion too large (possible alias bomb)"));
	/* l4's aliases push the total over 100,000 nodes: file line 2 + 5 */
	CHECK_INT(test_err.line, 7);
	CHECK(secs < 1.0);
	CHECK(a.total < 256 * 1024);
	arena_release(&a);

	/* the block-style variant, with anchors on mappings */
	strbuf_reset(&sb);
	strbuf_addstr(&sb, "m0: &m0\n  k: v\n");
	for (int i = 1; i < 10; i++) {
		strbuf_addf(&sb, "m%d: &m%d\n", i, i);
		for (int j = 0; j < 10; j++)
			strbuf_addf(&sb, "  k%d: *m%d\n", j, i - 1);
	}
	root = fm_parse(&a, sb.buf, sb.len, 1, &test_err);
	CHECK(root == NULL);
	CHECK(err_has("possible alias bomb"));
	CHECK(a.total < 256 * 1024);
	arena_release(&a);

	/* depth grows through aliases, not through the text */
	strbuf_reset(&sb);
	strbuf_addstr(&sb, "d0: &d0 [x]\n");
	for (int i = 1; i < 80; i++)
		strbuf_addf(&sb, "d%d: &d%d [*d%d]\n", i, i, i - 1);
	root = fm_parse(&a, sb.buf, sb.len, 1, &test_err);
	CHECK(root == NULL);
	CHECK(err_has("possible alias bomb"));
	/* root map + d62's sequence + d61 (62 levels) = 64; d63 goes over */
	CHECK_INT(test_err.line, 64);
	arena_release(&a);

	/* a modest legitimate use is accepted */
	strbuf_reset(&sb);
	strbuf_addstr(&sb, "a: &a [x, y]\n");
	for (int i = 0; i < 100; i++)
		strbuf_addf(&sb, "k%d: *a\n", i);
	root = fm_parse(&a, sb.buf, sb.len, 1, &test_err);
	CHECK(root && root->nchildren == 101);
	arena_release(&a);
	strbuf_release(&sb);
}

static void test_deep_nesting(void)
{
	struct strbuf sb = STRBUF_INIT;
	/* 63 sequences inside the root map: 64 levels, accepted */
	strbuf_addstr(&sb, "a: ");
	for (int i = 0; i < 63; i++)
		strbuf_addch(&sb, '[');
	for (int i = 0; i < 63; i++)
		strbuf_addch(&sb, ']');
	CHECK(parse(sb.buf) != NULL);

	strbuf_reset(&sb);
	strbuf_addstr(&sb, "title: x\na: ");
	for (int i = 0; i < 100000; i++)
		strbuf_addch(&sb, '[');
	for (int i = 0; i < 100000; i++)
		strbuf_addch(&sb, ']');
	CHECK(parse(sb.buf) == NULL);
	CHECK(err_has("nesting too deep"));
	CHECK_INT(test_err.line, 2);
	CHECK_INT(test_err.col, 4 + 63);

	/* block mappings */
	strbuf_reset(&sb);
	for (int i = 0; i < 70; i++) {
		for (int j = 0; j < i; j++)
			strbuf_addch(&sb, ' ');
		strbuf_addf(&sb, "k%d:\n", i);
	}
	CHECK(parse_at(sb.buf, 2) == NULL);
	CHECK(err_has("nesting too deep"));
	CHECK_INT(test_err.line, 2 + 64);
	strbuf_release(&sb);
}

static void test_order(void)
{
	struct fm_node *root = parse("z: 1\na: 2\nm: 3\nlist:\n- c\n- b\n- a\n");
	CHECK(root && root->nchildren == 4);
	if (!root || root->nchildren != 4)
		return;
	CHECK_STR(root->children[0].key, "z");
	CHECK_STR(root->children[1].key, "a");
	CHECK_STR(root->children[2].key, "m");
	const struct fm_node *l = &root->children[3];
	CHECK(l->kind == FM_SEQ && l->nchildren == 3);
	if (l->nchildren == 3) {
		CHECK_STR(l->children[0].value, "c");
		CHECK_STR(l->children[2].value, "a");
		CHECK_INT(l->children[2].line, 7);
		CHECK_INT(l->children[2].col, 3);
	}
}

static void test_kubernetes_page(void)
{
	const char *yaml = "title: Kubernetes Components\n"
			   "reviewers:\n"
			   "- lavalamp\n"
			   "content_type: concept\n"
			   "description: >\n"
			   "  An overview of the key components that make up a Kubernetes cluster.\n"
			   "weight: 10\n"
			   "card:\n"
			   "  title: Components of a cluster\n"
			   "  name: concepts\n"
			   "  weight: 20\n"
			   "aliases:\n"
			   "  - /docs/concepts/overview/components/\n";
	struct fm_node *root = parse_at(yaml, 2);
	CHECK(root != NULL);
	const struct fm_node *al = fm_get(root, "aliases");
	CHECK(al && al->kind == FM_SEQ && al->nchildren == 1);
	CHECK_STR(al && al->nchildren ? al->children[0].value : NULL,
		  "/docs/concepts/overview/components/");
	CHECK_INT(al && al->nchildren ? al->children[0].line : 0, 14);
	CHECK_STR(value_of(root, "description"),
		  "An overview of the key components that make up a Kubernetes cluster.\n");
	CHECK_STR(value_of(root, "card.name"), "concepts");
}

int main(void)
{
	test_simple_keys();
	test_nested_maps();
	test_list_of_maps();
	test_block_scalars();
	test_quoted();
	test_nulls();
	test_line_offset();
	test_cjk_columns();
	test_crlf();
	test_malformed();
	test_duplicate_keys();
	test_root_kind();
	test_empty();
	test_aliases();
	test_billion_laughs();
	test_deep_nesting();
	test_order();
	test_kubernetes_page();
	arena_release(&test_arena);
	UNIT_END();
}
