/* Unit tests: the document model (positions, headings, sections, blocks,
 * links, code spans, HTML anchors and comments, shortcodes). */
#include <string.h>

#include "doc.h"
#include "unit.h"

static struct doc *load(const char *text, const char *lang)
{
	struct doc_options opt = {ANCHOR_BLACKFRIDAY, 0, lang};
	return doc_load_buffer("t.md", text, strlen(text), &opt);
}

static void test_basic(void)
{
	const char *md =
		"---\n"
		"title: テスト\n"
		"card:\n"
		"  anchors:\n"
		"  - anchor: \"#a\"\n"
		"---\n"
		"\n"
		"前文の[リンク](/ja/docs/x/#frag%E3%81%82)です。\n"
		"\n"
		"## Podの終了 (Termination)\n"
		"\n"
		"日本語 `code` と <https://auto.example> と [ref][r]。\n"
		"\n"
		"[r]: https://kep.k8s.io/1287\n"
		"\n"
		"### Sub {#explicit-id}\n"
		"\n"
		"```shell\n"
		"kubectl get pods {{< not-a-shortcode >}}\n"
		"```\n"
		"\n"
		"* one\n"
		"* two\n"
		"\n"
		"| a | b |\n"
		"|---|---|\n"
		"| 1 | 2 |\n"
		"\n"
		"<!-- body -->\n"
		"<a id=\"manual\"></a>\n"
		"\n"
		"{{< note >}}\n"
		"ノート {{< glossary_tooltip text=\"Pod\" term_id=\"pod\" >}}\n"
		"{{< /note >}}\n"
		"\n"
		"## Podの終了 (Termination)\n"
		"\n"
		"Setext heading\n"
		"--------------\n";
	struct doc *d = load(md, "ja");
	CHECK_INT(doc_status(d), DOC_OK);
	CHECK_STR(d->lang, "ja");
	CHECK_INT(d->fm_format, FM_YAML);
	CHECK_INT(d->fm_last_line, 6);
	const struct fm_node *a = fm_get(d->fm, "card.anchors");
	CHECK(a && a->kind == FM_SEQ && a->nchildren == 1);
	CHECK_STR(fm_get(d->fm, "title")->value, "テスト");

	CHECK_INT(d->nheadings, 4);
	CHECK_STR(d->headings[0].id, "podの終了-termination");
	CHECK_INT(d->headings[0].line, 10);
	CHECK_INT(d->headings[0].level, 2);
	CHECK_STR(d->headings[1].id, "explicit-id");
	CHECK(d->headings[1].explicit_id);
	CHECK_STR(d->headings[1].text, "Sub");
	CHECK_STR(d->headings[2].id, "podの終了-termination-1");
	CHECK_STR(d->headings[3].id, "setext-heading");
	CHECK(d->headings[3].setext);
	CHECK_INT(d->headings[3].line, 38);

	/* sections: preamble + 4 */
	CHECK_INT(d->nsections, 5);
	CHECK_INT(d->sections[0].heading, -1);
	CHECK_INT(d->sections[2].parent, 1);
	CHECK_INT(d->sections[1].last_line, 35);
	CHECK_INT(d->sections[3].parent, -1);

	/* links */
	CHECK_INT(d->nlinks, 3);
	CHECK_STR(d->links[0].dest, "/ja/docs/x/#frag%E3%81%82");
	CHECK_STR(d->links[0].fragment, "fragあ");
	CHECK_STR(d->links[0].text, "リンク");
	CHECK_INT(d->links[0].line, 8);
	CHECK_INT(d->links[0].col, 4);
	CHECK_INT(d->links[0].kind, LINK_INLINE);
	CHECK_INT(d->links[0].section, 0);
	CHECK_INT(d->links[1].kind, LINK_AUTOLINK);
	CHECK_INT(d->links[1].line, 12);
	CHECK_INT(d->links[1].col, 14);
	CHECK_INT(d->links[2].kind, LINK_REFERENCE);
	CHECK_STR(d->links[2].dest, "https://kep.k8s.io/1287");
	CHECK_INT(d->links[2].col, 39);
	CHECK_INT(d->links[2].section, 1);

	CHECK_INT(d->ncodes, 1);
	CHECK_STR(d->codes[0].text, "code");
	CHECK_INT(d->codes[0].line, 12);
	CHECK_INT(d->codes[0].col, 5);

	/* blocks */
	int code = -1, list = -1, table = -1;
	for (size_t i = 0; i < d->nblocks; i++) {
		if (d->blocks[i].kind == BLOCK_CODE)
			code = (int)i;
		if (d->blocks[i].kind == BLOCK_LIST)
			list = (int)i;
		if (d->blocks[i].kind == BLOCK_TABLE)
			table = (int)i;
	}
	CHECK(code >= 0 && list >= 0 && table >= 0);
	if (code >= 0) {
		CHECK_STR(d->blocks[code].info, "shell");
		CHECK(d->blocks[code].fenced);
		CHECK_INT(d->blocks[code].line, 18);
		CHECK_INT(d->blocks[code].section, 2);
	}
	if (list >= 0)
		CHECK_INT(d->blocks[list].nitems, 2);
	if (table >= 0) {
		CHECK_INT(d->blocks[table].rows, 2);
		CHECK_INT(d->blocks[table].cols, 2);
		CHECK_STR(d->blocks[table].text, "a | b\n1 | 2");
	}

	CHECK_INT(d->ncomments, 1);
	CHECK_STR(d->comments[0].text, "body");
	CHECK(d->comments[0].marker);
	CHECK_INT(d->comments[0].line, 29);
	CHECK_INT(d->nanchors, 1);
	CHECK_STR(d->anchors[0].id, "manual");
	CHECK(anchor_set_has(d->ids, "manual"));

	/* shortcodes: not inside the code block */
	CHECK_INT(d->shortcodes.n, 3);
	if (d->shortcodes.n == 3) {
		CHECK_STR(d->shortcodes.items[0].name, "note");
		CHECK_INT(d->shortcodes.items[0].kind, SC_OPEN);
		CHECK_INT(d->shortcodes.items[0].line, 32);
		CHECK_STR(d->shortcodes.items[1].name, "glossary_tooltip");
		CHECK_INT(d->shortcodes.items[1].col, 5);
		CHECK_INT(d->shortcodes.items[1].parent, 0);
		CHECK_STR(sc_arg(&d->shortcodes.items[1], "term_id"), "pod");
		CHECK_INT(d->shortcodes.items[1].section, 2);
		CHECK(d->shortcodes.items[1].block >= 0);
	}
	doc_free(d);
}

static void test_heading_shortcodes(void)
{
	struct doc *d = load("## {{% heading \"whatsnext\" %}}\n\n"
	                     "## {{% heading \"prerequisites\" %}}\n\n"
	                     "## Use {{< param \"version\" >}}\n",
	                     "ja");
	CHECK_INT(d->nheadings, 3);
	CHECK_STR(d->headings[0].id, "次の項目");
	CHECK_STR(d->headings[0].i18n_key, "whatsnext");
	CHECK_STR(d->headings[1].id, "始める前に");
	CHECK(d->headings[2].unpredictable);
	int warned = 0;
	for (size_t i = 0; i < d->nnotes; i++)
		warned += strcmp(d->notes[i].rule, "unpredictable-id") == 0;
	CHECK_INT(warned, 1);
	doc_free(d);

	d = load("## {{% heading \"whatsnext\" %}}\n", "en");
	CHECK_STR(d->headings[0].id, "what-s-next");
	doc_free(d);
	/* ja has no "synopsis": Hugo falls back to English */
	d = load("## {{% heading \"synopsis\" %}}\n", "ja");
	CHECK_STR(d->headings[0].id, "synopsis");
	doc_free(d);
}

static void test_positions(void)
{
	/* CRLF and BOM: columns in code points, lines true. */
	struct doc *d = load("\xEF\xBB\xBF# 見出し\r\n\r\nあいう [x](#y)\r\n", "ja");
	CHECK_INT(d->nheadings, 1);
	CHECK_INT(d->headings[0].line, 1);
	CHECK_INT(d->headings[0].col, 1);
	CHECK(d->had_bom);
	CHECK(d->crlf);
	CHECK_INT(d->nlinks, 1);
	CHECK_INT(d->links[0].line, 3);
	CHECK_INT(d->links[0].col, 5);
	size_t len;
	const char *l = doc_line(d, 3, &len);
	CHECK_INT(len, strlen("あいう [x](#y)"));
	CHECK(strncmp(l, "あいう", 9) == 0);
	doc_free(d);

	/* headings in containers */
	d = load("> ## Quoted {#q}\n\n- ## In list\n", "en");
	CHECK_INT(d->nheadings, 2);
	CHECK_STR(d->headings[0].id, "q");
	CHECK_INT(d->headings[0].col, 3);
	CHECK_STR(d->headings[1].id, "in-list");
	doc_free(d);

	/* ATX closing sequence and inline markup in headings */
	d = load("## Closing ##\n\n## See [Pods](/docs/pods/) and `kubectl` <br> *now*\n\n"
	         "## <https://x.example> auto\n",
	         "en");
	CHECK_STR(d->headings[0].id, "closing");
	CHECK_STR(d->headings[1].id, "see-pods-and-kubectl-now");
	CHECK_STR(d->headings[2].id, "auto");
	doc_free(d);
}

static void test_bad(void)
{
	struct doc *d = load("# ok\n\nbad \xC3(\n", "en");
	CHECK_INT(doc_status(d), DOC_BAD_INPUT);
	CHECK_INT(d->notes[0].line, 3);
	CHECK_INT(d->notes[0].col, 5);
	doc_free(d);
	d = load("---\ntitle: [unclosed\n---\n", "en");
	CHECK_INT(doc_status(d), DOC_BAD_INPUT);
	CHECK(d->notes[0].line >= 2);
	doc_free(d);
	d = load("", "en");
	CHECK_INT(doc_status(d), DOC_OK);
	CHECK_INT(d->nheadings, 0);
	CHECK_INT(d->nsections, 1);
	doc_free(d);
	d = load("---\n---\n", "en");
	CHECK_INT(doc_status(d), DOC_OK);
	CHECK(d->fm && d->fm->nchildren == 0);
	doc_free(d);
	struct arena a = ARENA_INIT;
	CHECK_STR(doc_lang_from_path(&a, "site/content/zh-cn/docs/a.md"), "zh-cn");
	CHECK_STR(doc_lang_from_path(&a, "content/ja/blog/x.md"), "ja");
	CHECK(doc_lang_from_path(&a, "mycontent/ja/x.md") == NULL);
	CHECK(doc_lang_from_path(&a, "content/toolong/x.md") == NULL);
	arena_release(&a);
}

int main(void)
{
	doc_global_init();
	test_basic();
	test_heading_shortcodes();
	test_positions();
	test_bad();
	UNIT_END();
}
