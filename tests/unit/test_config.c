/* Unit tests: config.c - .l10nlint.yaml schema and errors, globs, rule
 * settings per path, mappings, the starter file. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "config.h"
#include "strbuf.h"
#include "text.h"
#include "unit.h"

static char *errbuf;
static size_t errlen;

/* Parse yaml as ".l10nlint.yaml"; the messages go to errbuf. */
static bool parse(struct config *cfg, const char *yaml)
{
	free(errbuf);
	errbuf = NULL;
	errlen = 0;
	FILE *f = open_memstream(&errbuf, &errlen);
	bool ok = config_parse(cfg, ".l10nlint.yaml", yaml, strlen(yaml), f);
	fclose(f);
	return ok;
}

/* Parse, expect failure with exactly these messages. */
static void expect_errors(const char *yaml, const char *want)
{
	struct config cfg;
	bool ok = parse(&cfg, yaml);
	CHECK(!ok);
	CHECK_STR(errbuf, want);
	config_release(&cfg);
}

static unsigned count_lines(const char *s)
{
	unsigned n = 0;
	for (; s && *s; s++)
		n += *s == '\n';
	return n;
}

static enum severity sev_of(const struct rule_settings *rs, const char *id)
{
	enum rule_id r;
	if (!rule_lookup(id, &r))
		return (enum severity)-1;
	return rs->severity[r];
}

static void test_defaults(void)
{
	struct config cfg;
	config_defaults(&cfg);
	CHECK(cfg.path == NULL);
	CHECK_STR(cfg.source_lang, "en");
	CHECK_INT(cfg.layout, LAYOUT_HUGO);
	CHECK_STR(cfg.content_dir, "content");
	CHECK_INT(cfg.nmappings, 0);
	CHECK_INT(cfg.nlanguages, 0);
	CHECK_INT(cfg.anchor_style, ANCHOR_BLACKFRIDAY);
	CHECK(!cfg.anchor_style_set);
	CHECK_INT(cfg.fail_on, -1);
	CHECK_INT(cfg.max_size, 0);
	CHECK(cfg.known == NULL && cfg.nknown == 0);
	CHECK(cfg.locales == NULL);
	CHECK_INT(cfg.noverrides, 0);
	CHECK_INT(cfg.nignore, 0);
	struct rule_settings def;
	rule_settings_default(&def);
	CHECK(memcmp(&def, &cfg.rules, sizeof(def)) == 0);
	for (int r = 0; r < RULE_COUNT; r++)
		CHECK(!cfg.rules_set[r]);
	struct rule_settings rs;
	config_rules_for(&cfg, "content/ja/a.md", &rs);
	CHECK(memcmp(&def, &rs, sizeof(def)) == 0);
	CHECK(!config_ignored(&cfg, "content/ja/a.md"));
	config_release(&cfg);

	/* Empty file, comments only, "key:" with nothing: the defaults. */
	CHECK(parse(&cfg, ""));
	CHECK_STR(errbuf, "");
	CHECK_STR(cfg.path, ".l10nlint.yaml");
	config_release(&cfg);
	CHECK(parse(&cfg, "# nothing\n\n"));
	config_release(&cfg);
	CHECK(parse(&cfg, "languages:\nrules:\n  # link-extra: off\nignore:\n"));
	CHECK_INT(cfg.nlanguages, 0);
	CHECK_INT(cfg.nignore, 0);
	CHECK_STR(errbuf, "");
	config_release(&cfg);
}

static const char full[] =
	"source_lang: en\n"
	"layout: hugo              # hugo | docusaurus | custom\n"
	"content_dir: content/     # hugo only\n"
	"mappings:\n"
	"  - source: \"docs/{path}\"\n"
	"    translation: \"i18n/{lang}/docusaurus-plugin-content-docs/current/{path}\"\n"
	"languages: [ja, ko]\n"
	"anchor_style: github\n"
	"fail_on: warning\n"
	"max_size: 2M\n"
	"known_pages: known-pages.txt\n"
	"rules:\n"
	"  link-extra: off\n"
	"  section-missing: warning\n"
	"overrides:\n"
	"  - paths: [\"content/ja/blog/**\"]\n"
	"    rules:\n"
	"      untranslated-text: off\n"
	"  - paths:\n"
	"      - \"content/*/blog/2024-*\"\n"
	"      - \"./content/ko/docs/tutorials/**\"\n"
	"    rules:\n"
	"      untranslated-text: info\n"
	"      link-missing: error\n"
	"ignore:\n"
	"  - \"content/*/docs/reference/generated/**\"\n"
	"  - content/ja/drafts\n"
	"locales:\n"
	"  ja:\n"
	"    untranslated:\n"
	"      allow: ['^Kubernetes v\\d+\\.\\d+']\n"
	"      min_length: 30\n"
	"    scripts: [Hiragana, Katakana, Han]\n"
	"    length_ratio: 0.7\n"
	"    headings:\n"
	"      whatsnext: 次の項目\n"
	"    frontmatter:\n"
	"      added: [translator]\n"
	"  ko:\n";

static void test_full(void)
{
	struct config cfg;
	bool ok = parse(&cfg, full);
	CHECK(ok);
	CHECK_STR(errbuf, "");
	CHECK_STR(cfg.source_lang, "en");
	CHECK_INT(cfg.layout, LAYOUT_HUGO);
	CHECK_STR(cfg.content_dir, "content");
	CHECK_INT(cfg.nmappings, 1);
	if (cfg.nmappings == 1) {
		CHECK_STR(cfg.mappings[0].source, "docs/{path}");
		CHECK_STR(cfg.mappings[0].translation,
		          "i18n/{lang}/docusaurus-plugin-content-docs/current/{path}");
	}
	CHECK_INT(cfg.nlanguages, 2);
	if (cfg.nlanguages == 2) {
		CHECK_STR(cfg.languages[0], "ja");
		CHECK_STR(cfg.languages[1], "ko");
	}
	CHECK_INT(cfg.anchor_style, ANCHOR_GITHUB);
	CHECK(cfg.anchor_style_set);
	CHECK_INT(cfg.fail_on, SEV_WARNING);
	CHECK_INT(cfg.max_size, 2 * 1024 * 1024);
	CHECK(cfg.nknown == 1 && !cfg.known[0].complete && !cfg.known[0].nprefixes);
	CHECK_STR(cfg.known[0].file, "known-pages.txt");

	CHECK_INT(sev_of(&cfg.rules, "link-extra"), SEV_OFF);
	CHECK_INT(sev_of(&cfg.rules, "section-missing"), SEV_WARNING);
	CHECK_INT(sev_of(&cfg.rules, "section-extra"), SEV_WARNING);
	CHECK_INT(sev_of(&cfg.rules, "kep-mismatch"), SEV_ERROR);
	enum rule_id r;
	CHECK(rule_lookup("link-extra", &r) && cfg.rules_set[r]);
	CHECK(rule_lookup("kep-mismatch", &r) && !cfg.rules_set[r]);

	CHECK_INT(cfg.noverrides, 2);
	if (cfg.noverrides == 2) {
		CHECK_INT(cfg.overrides[0].npaths, 1);
		CHECK_STR(cfg.overrides[0].paths[0], "content/ja/blog/**");
		CHECK_INT(cfg.overrides[1].npaths, 2);
		CHECK_STR(cfg.overrides[1].paths[1], "content/ko/docs/tutorials/**");
		/* "after applying this override": the file's rules, then it */
		CHECK_INT(sev_of(&cfg.overrides[0].rules, "untranslated-text"), SEV_OFF);
		CHECK_INT(sev_of(&cfg.overrides[0].rules, "link-extra"), SEV_OFF);
		CHECK_INT(sev_of(&cfg.overrides[0].rules, "section-missing"), SEV_WARNING);
		CHECK(rule_lookup("untranslated-text", &r) && cfg.overrides[0].rules_set[r]);
		CHECK(rule_lookup("link-extra", &r) && !cfg.overrides[0].rules_set[r]);
	}

	CHECK_INT(cfg.nignore, 2);
	CHECK(cfg.locales != NULL);
	const struct fm_node *ja = config_locale(&cfg, "ja");
	CHECK(ja != NULL);
	const struct fm_node *allow = fm_get(ja, "untranslated.allow");
	CHECK(allow && allow->kind == FM_SEQ && allow->nchildren == 1);
	if (allow && allow->nchildren == 1)
		CHECK_STR(allow->children[0].value, "^Kubernetes v\\d+\\.\\d+");
	CHECK(config_locale(&cfg, "ko") == NULL); /* empty: nothing to apply */
	CHECK(config_locale(&cfg, "fr") == NULL);

	/* rules_for: rules:, then each matching override in order. */
	struct rule_settings rs;
	config_rules_for(&cfg, "content/ja/docs/a.md", &rs);
	CHECK_INT(sev_of(&rs, "untranslated-text"), SEV_WARNING);
	CHECK_INT(sev_of(&rs, "link-extra"), SEV_OFF);
	config_rules_for(&cfg, "content/ja/blog/_posts/2025-01-01-x.md", &rs);
	CHECK_INT(sev_of(&rs, "untranslated-text"), SEV_OFF);
	CHECK_INT(sev_of(&rs, "link-missing"), SEV_WARNING);
	/* both match: the later one wins for the rules it names */
	config_rules_for(&cfg, "content/ja/blog/2024-07-19-x.md", &rs);
	CHECK_INT(sev_of(&rs, "untranslated-text"), SEV_INFO);
	CHECK_INT(sev_of(&rs, "link-missing"), SEV_ERROR);
	CHECK_INT(sev_of(&rs, "link-extra"), SEV_OFF);
	CHECK_INT(sev_of(&rs, "section-missing"), SEV_WARNING);
	/* a pattern matching a folder covers what is inside it */
	config_rules_for(&cfg, "content/ko/blog/2024-08-13-release/index.md", &rs);
	CHECK_INT(sev_of(&rs, "untranslated-text"), SEV_INFO);
	config_rules_for(&cfg, "./content/ko/docs/tutorials/a/b.md", &rs);
	CHECK_INT(sev_of(&rs, "link-missing"), SEV_ERROR);
	config_rules_for(&cfg, "content/ko/docs/tasks/a.md", &rs);
	CHECK_INT(sev_of(&rs, "link-missing"), SEV_WARNING);

	CHECK(config_ignored(&cfg, "content/ja/docs/reference/generated/kubectl/kubectl.md"));
	CHECK(config_ignored(&cfg, "content/en/docs/reference/generated/a.md"));
	CHECK(!config_ignored(&cfg, "content/ja/docs/reference/glossary/pod.md"));
	CHECK(config_ignored(&cfg, "content/ja/drafts/a.md"));
	CHECK(config_ignored(&cfg, "./content/ja/drafts/x/y.md"));
	CHECK(!config_ignored(&cfg, "content/ja/drafts-old/a.md"));
	config_release(&cfg);
	CHECK(cfg.path == NULL);
	CHECK_INT(cfg.noverrides, 0);
}

static void test_other_values(void)
{
	struct config cfg;
	CHECK(parse(&cfg, "layout: docusaurus\nfail_on: never\nmax_size: 512k\n"
	                  "anchor_style: github-ascii\nsource_lang: ja\nlanguages:\n  - en\n"));
	CHECK_STR(errbuf, "");
	CHECK_INT(cfg.layout, LAYOUT_DOCUSAURUS);
	CHECK_INT(cfg.fail_on, SEV_OFF);
	CHECK_INT(cfg.max_size, 512 * 1024);
	CHECK_INT(cfg.anchor_style, ANCHOR_GITHUB_ASCII);
	CHECK_STR(cfg.source_lang, "ja");
	config_release(&cfg);

	CHECK(parse(&cfg, "layout: custom\nmappings:\n"
	                  "  - {source: \"src/{path}\", translation: \"l10n/{lang}/{path}\"}\n"));
	CHECK_INT(cfg.layout, LAYOUT_CUSTOM);
	CHECK_INT(cfg.nmappings, 1);
	config_release(&cfg);

	/* Aliases are read (bounded by fm_parse). */
	CHECK(parse(&cfg, "rules: &r\n  link-extra: off\noverrides:\n"
	                  "  - paths: [\"a/**\"]\n    rules: *r\n"));
	CHECK_INT(cfg.noverrides, 1);
	config_release(&cfg);

	size_t n = 0;
	CHECK(config_parse_size("16M", &n) && n == 16u << 20);
	CHECK(config_parse_size("1048576", &n) && n == 1048576);
	CHECK(config_parse_size("2GB", &n) && n == (size_t)2 << 30);
	CHECK(config_parse_size("10kb", &n) && n == 10240);
	CHECK(!config_parse_size("0", &n));
	CHECK(!config_parse_size("-1", &n));
	CHECK(!config_parse_size("16X", &n));
	CHECK(!config_parse_size("", &n));
	CHECK(!config_parse_size(" 5", &n));
	CHECK(!config_parse_size("2000G", &n));
	CHECK(!config_parse_size("99999999999999999999999", &n));
}

static void test_errors(void)
{
	expect_errors("source_lang: en\nfoo: 1\n",
	              ".l10nlint.yaml:2:1: error: unknown key 'foo' in .l10nlint.yaml (known keys: "
	              "source_lang, layout, content_dir, mappings, languages, anchor_style, "
	              "fail_on, max_size, known_pages, rules, overrides, ignore, locales)\n");
	expect_errors("languges: [ja]\n",
	              ".l10nlint.yaml:1:1: error: unknown key 'languges' in .l10nlint.yaml (did "
	              "you mean 'languages'? known keys: source_lang, layout, content_dir, "
	              "mappings, languages, anchor_style, fail_on, max_size, known_pages, rules, "
	              "overrides, ignore, locales)\n");
	/* a list where a single value is expected, and the reverse */
	expect_errors("languages: ja\n",
	              ".l10nlint.yaml:1:12: error: languages must be a list, not a single value\n");
	expect_errors("ignore: \"content/ja/x/**\"\n",
	              ".l10nlint.yaml:1:9: error: ignore must be a list, not a single value\n");
	expect_errors("layout: [hugo]\n",
	              ".l10nlint.yaml:1:9: error: layout must be a single value, not a list\n");
	expect_errors("rules:\n  - link-extra\n",
	              ".l10nlint.yaml:2:3: error: rules must be a mapping, not a list\n");
	expect_errors("languages:\n  - ja\n  - [ko]\n  - ''\n",
	              ".l10nlint.yaml:3:5: error: items of languages must be single values, not "
	              "a list\n"
	              ".l10nlint.yaml:4:5: error: empty item in languages\n");
	/* values */
	expect_errors("layout: jekyll\n",
	              ".l10nlint.yaml:1:9: error: unknown layout 'jekyll' (hugo, docusaurus or "
	              "custom)\n");
	expect_errors("anchor_style: gfm\n",
	              ".l10nlint.yaml:1:15: error: unknown anchor_style 'gfm' (blackfriday, "
	              "github or github-ascii)\n");
	expect_errors("fail_on: off\n",
	              ".l10nlint.yaml:1:10: error: unknown fail_on 'off' (error, warning, info or "
	              "never)\n");
	expect_errors("max_size: 16X\n",
	              ".l10nlint.yaml:1:11: error: invalid max_size '16X' (a number of bytes "
	              "above 0 with an optional K, M or G suffix, at most 1T)\n");
	expect_errors("source_lang: \"en us\"\n",
	              ".l10nlint.yaml:1:14: error: invalid language code 'en us' for source_lang "
	              "(letters, digits, '-' and '_', as in ja, pt-br or zh-cn)\n");
	expect_errors("source_lang: ''\n",
	              ".l10nlint.yaml:1:14: error: source_lang must not be empty\n");
	/* rules */
	expect_errors("rules:\n  link-extra: fatal\n  link-extr: off\n  block_missing: off\n"
	              "  no-such-rule-at-all: off\n  section-missing: [off]\n",
	              ".l10nlint.yaml:2:15: error: unknown severity 'fatal' for rule 'link-extra' "
	              "(error, warning, info or off)\n"
	              ".l10nlint.yaml:3:3: error: unknown rule 'link-extr' in rules (did you mean "
	              "'link-extra'? 'l10nlint rules' lists them)\n"
	              ".l10nlint.yaml:4:3: error: unknown rule 'block_missing' in rules (did you "
	              "mean 'block-missing'? 'l10nlint rules' lists them)\n"
	              ".l10nlint.yaml:5:3: error: unknown rule 'no-such-rule-at-all' in rules "
	              "('l10nlint rules' lists them)\n"
	              ".l10nlint.yaml:6:20: error: the severity of 'section-missing' must be "
	              "error, warning, info or off, not a list\n");
	/* overrides */
	expect_errors("overrides:\n"
	              "  - paths: [\"content/ja/**\"]\n"
	              "    rule:\n"
	              "      link-extra: off\n"
	              "  - rules: {link-extra: bad}\n"
	              "  - paths: content/ja/**\n"
	              "    rules: {}\n"
	              "  - paths: []\n"
	              "    rules: {link-extra: info}\n"
	              "  - \"content/**\"\n",
	              ".l10nlint.yaml:3:5: error: unknown key 'rule' in overrides[0] (did you mean "
	              "'rules'? known keys: paths, rules)\n"
	              ".l10nlint.yaml:2:5: error: overrides[0] has no 'rules'\n"
	              ".l10nlint.yaml:5:25: error: unknown severity 'bad' for rule 'link-extra' "
	              "(error, warning, info or off)\n"
	              ".l10nlint.yaml:5:5: error: overrides[1] has no 'paths'\n"
	              ".l10nlint.yaml:6:12: error: overrides[2].paths must be a list, not a single "
	              "value\n"
	              ".l10nlint.yaml:8:12: error: overrides[3].paths is empty\n"
	              ".l10nlint.yaml:10:5: error: overrides[4] must be a mapping, not a single "
	              "value\n");
	/* globs */
	expect_errors("ignore:\n  - \"content/[ja/**\"\n  - /content/ja\n  - \"a/[z-a]\"\n"
	              "  - \"x\\\\\"\n  - \"[]\"\n",
	              ".l10nlint.yaml:2:5: error: bad pattern 'content/[ja/**' in ignore: "
	              "unterminated '[' in pattern (write '\\[' for a literal bracket)\n"
	              ".l10nlint.yaml:3:5: error: bad pattern '/content/ja' in ignore: patterns "
	              "are relative to the site root: remove the leading '/'\n"
	              ".l10nlint.yaml:4:5: error: bad pattern 'a/[z-a]' in ignore: reversed range "
	              "in a '[...]' class\n"
	              ".l10nlint.yaml:5:5: error: bad pattern 'x\\' in ignore: pattern ends with a "
	              "lone '\\'\n"
	              ".l10nlint.yaml:6:5: error: bad pattern '[]' in ignore: unterminated '[' in "
	              "pattern (write '\\[' for a literal bracket)\n");
	/* mappings */
	expect_errors("layout: custom\n"
	              "mappings:\n"
	              "  - source: docs/\n"
	              "    translation: \"i18n/{lang}/{path}\"\n"
	              "  - source: \"docs/{path}\"\n"
	              "    translation: \"i18n/docs/{path}\"\n"
	              "  - source: \"docs/{path}\"\n"
	              "    translation: \"i18n/{language}/{path}\"\n"
	              "  - source: \"docs/{path}\"\n"
	              "  - {source: \"a/{path}\", translation: \"{lang}{path}\", target: x}\n"
	              "  - {source: \"a/{path}\", translation: \"a/{path}/{path}\"}\n",
	              ".l10nlint.yaml:3:13: error: bad mappings[0].source 'docs/': no {path} "
	              "placeholder\n"
	              ".l10nlint.yaml:6:18: error: bad mappings[1].translation 'i18n/docs/{path}': "
	              "no {lang} placeholder (the translation's language comes from it)\n"
	              ".l10nlint.yaml:8:18: error: bad mappings[2].translation "
	              "'i18n/{language}/{path}': unknown placeholder (placeholders are {lang} and "
	              "{path})\n"
	              ".l10nlint.yaml:9:5: error: mappings[3] has no 'translation'\n"
	              ".l10nlint.yaml:10:55: error: unknown key 'target' in mappings[4] (known "
	              "keys: source, translation)\n"
	              ".l10nlint.yaml:10:39: error: bad mappings[4].translation '{lang}{path}': "
	              "{lang} and {path} must be separated by some text\n"
	              ".l10nlint.yaml:11:39: error: bad mappings[5].translation "
	              "'a/{path}/{path}': {path} appears twice\n");
	/* combinations */
	expect_errors("layout: custom\n",
	              ".l10nlint.yaml:1:9: error: layout 'custom' needs at least one entry in "
	              "mappings\n");
	expect_errors("content_dir: site\nlayout: docusaurus\n",
	              ".l10nlint.yaml:1:1: error: content_dir only applies to layout 'hugo'\n");
	expect_errors("content_dir: /srv/content\n",
	              ".l10nlint.yaml:1:14: error: content_dir must be a folder relative to the "
	              "site root, not '/srv/content'\n");
	expect_errors("languages: [ja, en, ja, \"zh cn\"]\n",
	              ".l10nlint.yaml:1:21: error: language 'ja' is listed twice\n"
	              ".l10nlint.yaml:1:25: error: invalid language code 'zh cn' in languages "
	              "(letters, digits, '-' and '_', as in ja, pt-br or zh-cn)\n"
	              ".l10nlint.yaml:1:17: error: languages lists the source language 'en'\n");
	/* locales */
	expect_errors("locales:\n"
	              "  ja:\n"
	              "    untranslated:\n"
	              "      allow: ['^Kubernetes (v']\n"
	              "      min_len: 3\n"
	              "      min_length: many\n"
	              "    scripts: [Hiragana, Klingon]\n"
	              "    length_ratio: -1\n"
	              "    headings:\n"
	              "      whatsnext: [a]\n"
	              "    frontmatter:\n"
	              "      translated: [title]\n"
	              "      added: translator\n"
	              "    lang: ja\n"
	              "  \"j a\": {}\n"
	              "  ko: [1]\n",
	              ".l10nlint.yaml:4:15: error: bad pattern '^Kubernetes (v' in "
	              "locales.ja.untranslated.allow: missing closing parenthesis (at character "
	              "15 of the pattern)\n"
	              ".l10nlint.yaml:5:7: error: unknown key 'min_len' in locales.ja.untranslated "
	              "(known keys: min_length, allow)\n"
	              ".l10nlint.yaml:6:19: error: locales.ja.untranslated.min_length must be a "
	              "whole number of letters, not 'many'\n"
	              ".l10nlint.yaml:7:25: error: unknown script 'Klingon' in locales.ja.scripts "
	              "(Unicode script names such as Hiragana, Han, Hangul or Cyrillic)\n"
	              ".l10nlint.yaml:8:19: error: locales.ja.length_ratio must be a number above "
	              "0 (translation length / source length), not '-1'\n"
	              ".l10nlint.yaml:10:18: error: locales.ja.headings.whatsnext must be a single "
	              "value, not a list\n"
	              ".l10nlint.yaml:12:7: error: unknown key 'translated' in "
	              "locales.ja.frontmatter (did you mean 'translate'? known keys: translate, "
	              "identical, dropped, added, other)\n"
	              ".l10nlint.yaml:13:14: error: locales.ja.frontmatter.added must be a list, "
	              "not a single value\n"
	              ".l10nlint.yaml:14:5: error: unknown key 'lang' in locales.ja (known keys: "
	              "name, scripts, length_ratio, headings, untranslated, "
	              "frontmatter)\n"
	              ".l10nlint.yaml:15:3: error: invalid language code 'j a' in locales "
	              "(letters, digits, '-' and '_', as in ja, pt-br or zh-cn)\n"
	              ".l10nlint.yaml:16:7: error: locales.ko must be a mapping, not a list\n");
	/* YAML itself */
	expect_errors("rules:\n  link-extra: off\n   bad: indent\n",
	              ".l10nlint.yaml:3:7: error: invalid YAML: mapping values are not allowed in "
	              "this context\n");
	expect_errors("languages: [ja\nrules: {}\n",
	              ".l10nlint.yaml:2:6: error: invalid YAML: did not find expected ',' or ']' "
	              "(while parsing a flow sequence started at line 1)\n");
	expect_errors("layout: hugo\nlayout: custom\n",
	              ".l10nlint.yaml:2:1: error: duplicate key 'layout' (first at line 1)\n");
	expect_errors("- layout\n",
	              ".l10nlint.yaml:1:1: error: the configuration must be a mapping\n");
	expect_errors("layout: hugo\n---\nlayout: custom\n",
	              ".l10nlint.yaml:2:1: error: the configuration must be a single YAML "
	              "document\n");
}

/* Several errors in one run, in file order, each with its position. */
static void test_many_errors(void)
{
	struct config cfg;
	CHECK(!parse(&cfg, "layout: jekyll\n"
	                   "languages: ja\n"
	                   "rules:\n"
	                   "  link-extra: maybe\n"
	                   "colour: red\n"
	                   "fail_on: sometimes\n"));
	CHECK_INT(count_lines(errbuf), 5);
	CHECK(strstr(errbuf, ".l10nlint.yaml:1:9: error: unknown layout") == errbuf);
	CHECK(strstr(errbuf, "\n.l10nlint.yaml:2:12: error: languages must be a list") != NULL);
	CHECK(strstr(errbuf, "\n.l10nlint.yaml:4:15: error: unknown severity 'maybe'") != NULL);
	CHECK(strstr(errbuf, "\n.l10nlint.yaml:5:1: error: unknown key 'colour'") != NULL);
	CHECK(strstr(errbuf, "\n.l10nlint.yaml:6:10: error: unknown fail_on") != NULL);
	config_release(&cfg);

	/* At most 50 messages, then one line. */
	struct strbuf sb = STRBUF_INIT;
	for (int i = 0; i < 80; i++)
		strbuf_addf(&sb, "k%d: 1\n", i);
	CHECK(!parse(&cfg, sb.buf));
	CHECK_INT(count_lines(errbuf), 51);
	CHECK(strstr(errbuf, ".l10nlint.yaml: error: too many errors, giving up\n") != NULL);
	config_release(&cfg);
	strbuf_release(&sb);

	/* Path as given, the last component in the unknown-key message. */
	free(errbuf);
	errbuf = NULL;
	FILE *f = open_memstream(&errbuf, &errlen);
	CHECK(!config_parse(&cfg, "site/conf/lint.yaml", "x: 1\n", 5, f));
	fclose(f);
	CHECK(strstr(errbuf, "site/conf/lint.yaml:1:1: error: unknown key 'x' in lint.yaml ") ==
	      errbuf);
	config_release(&cfg);

	/* A NUL byte. */
	free(errbuf);
	errbuf = NULL;
	f = open_memstream(&errbuf, &errlen);
	CHECK(!config_parse(&cfg, "c.yaml", "a: 1\nbé\0", 9, f));
	fclose(f);
	CHECK_STR(errbuf, "c.yaml:2:3: error: NUL byte in the configuration\n");
	config_release(&cfg);
}

/* Run fn with stderr captured into errbuf. */
static bool with_stderr(bool (*fn)(struct config *, const char *), struct config *cfg,
                        const char *arg)
{
	fflush(stderr);
	char tmpl[] = "/tmp/l10nlint-cfg-err-XXXXXX";
	int fd = mkstemp(tmpl);
	int saved = dup(2);
	dup2(fd, 2);
	bool ok = fn(cfg, arg);
	fflush(stderr);
	dup2(saved, 2);
	close(saved);
	free(errbuf);
	errbuf = calloc(1, 4096);
	lseek(fd, 0, SEEK_SET);
	ssize_t r = read(fd, errbuf, 4095);
	(void)r;
	close(fd);
	unlink(tmpl);
	return ok;
}

static bool load_root(struct config *cfg, const char *root)
{
	return config_load_root(cfg, root) >= 0;
}

static void test_files(void)
{
	struct config cfg;
	CHECK(!with_stderr(config_load, &cfg, "/nonexistent/.l10nlint.yaml"));
	CHECK_STR(errbuf, "/nonexistent/.l10nlint.yaml: error: cannot read the configuration: "
	                  "No such file or directory\n");
	config_release(&cfg);
	CHECK(!with_stderr(config_load, &cfg, "/tmp"));
	CHECK_STR(errbuf, "/tmp: error: cannot read the configuration: is a directory\n");
	config_release(&cfg);

	char dir[] = "/tmp/l10nlint-cfg-XXXXXX";
	CHECK(mkdtemp(dir) != NULL);
	/* No file at the root: the defaults. */
	CHECK_INT(config_load_root(&cfg, dir), 0);
	CHECK(cfg.path == NULL);
	config_release(&cfg);

	char path[128];
	snprintf(path, sizeof(path), "%s/.l10nlint.yaml", dir);
	FILE *f = fopen(path, "w");
	CHECK(f != NULL);
	if (!f)
		return;
	fputs("\xEF\xBB\xBF# with a BOM and CRLF\r\nlayout: hugo\r\nfail_on: info\r\n", f);
	fclose(f);
	CHECK(config_load(&cfg, path));
	CHECK_INT(cfg.fail_on, SEV_INFO);
	CHECK_STR(cfg.path, path);
	config_release(&cfg);
	CHECK_INT(config_load_root(&cfg, dir), 1);
	CHECK_INT(cfg.fail_on, SEV_INFO);
	config_release(&cfg);

	f = fopen(path, "w");
	fputs("fail_on: info\nrules:\n  nope: off\n", f);
	fclose(f);
	CHECK(!with_stderr(load_root, &cfg, dir));
	char want[256];
	snprintf(want, sizeof(want),
	         "%s:3:3: error: unknown rule 'nope' in rules ('l10nlint rules' lists them)\n",
	         path);
	CHECK_STR(errbuf, want);
	config_release(&cfg);
	unlink(path);
	rmdir(dir);
}

/* ---- globs ---- */

/* The obvious exponential matcher, with the same meaning, for small
 * inputs (ASCII, no escapes). */
static bool ref_match(const char *p, size_t pi, size_t pn, const char *t, size_t ti, size_t tn)
{
	if (pi == pn)
		return ti == tn;
	if (p[pi] == '*') {
		size_t k = pi;
		while (k < pn && p[k] == '*')
			k++;
		if (k - pi >= 2) {
			if ((pi == 0 || p[pi - 1] == '/') && k < pn && p[k] == '/') {
				if (ref_match(p, k + 1, pn, t, ti, tn))
					return true;
				for (size_t j = ti; j < tn; j++)
					if (t[j] == '/' && ref_match(p, k + 1, pn, t, j + 1, tn))
						return true;
				return false;
			}
			for (size_t j = ti; j <= tn; j++)
				if (ref_match(p, k, pn, t, j, tn))
					return true;
			return false;
		}
		for (size_t j = ti; j <= tn; j++) {
			if (ref_match(p, k, pn, t, j, tn))
				return true;
			if (j < tn && t[j] == '/')
				break;
		}
		return false;
	}
	if (ti == tn)
		return false;
	char c = t[ti];
	if (p[pi] == '?')
		return c != '/' && ref_match(p, pi + 1, pn, t, ti + 1, tn);
	if (p[pi] == '[') {
		size_t k = pi + 1;
		bool neg = p[k] == '!';
		if (neg)
			k++;
		bool hit = false;
		for (; p[k] != ']'; k++)
			hit |= p[k] == c;
		return c != '/' && hit != neg && ref_match(p, k + 1, pn, t, ti + 1, tn);
	}
	return p[pi] == c && ref_match(p, pi + 1, pn, t, ti + 1, tn);
}

static uint32_t rng = 12345;
static unsigned rnd(unsigned n)
{
	rng = rng * 1103515245u + 12345u;
	return (rng >> 16) % n;
}

static void test_glob_fuzz(void)
{
	static const char *const toks[] = {"a", "b", "/", "/", "*", "**", "?", "[ab]", "[!a]",
	                                   "**/", "a"};
	char pat[64], txt[16];
	int bad = 0;
	for (int iter = 0; iter < 40000; iter++) {
		pat[0] = '\0';
		unsigned np = rnd(7);
		for (unsigned i = 0; i < np; i++)
			strcat(pat, toks[rnd(sizeof(toks) / sizeof(toks[0]))]);
		unsigned nt = rnd(9);
		for (unsigned i = 0; i < nt; i++)
			txt[i] = "ab/"[rnd(3)];
		txt[nt] = '\0';
		bool want = ref_match(pat, 0, strlen(pat), txt, 0, nt);
		bool got = config_glob(pat, txt);
		if (want != got && bad++ < 10)
			printf("  glob '%s' '%s': got %d, want %d\n", pat, txt, got, want);
	}
	CHECK_INT(bad, 0);
}

static void test_glob(void)
{
	static const struct {
		const char *pat, *path;
		bool match;
	} cases[] = {
		{"", "", true},
		{"", "a", false},
		{"abc", "abc", true},
		{"abc", "abcd", false},
		{"abc", "ab", false},
		{"*", "", true},
		{"*", "abc", true},
		{"*", "a/b", false},
		{"*.md", "index.md", true},
		{"*.md", "docs/index.md", false},
		{"*/*.md", "docs/index.md", true},
		{"a*", "a", true},
		{"*a", "bba", true},
		{"*a", "bab", false},
		{"a*b*c", "axxbyyc", true},
		{"a*b*c", "axxb/yyc", false},
		{"a*/b*", "ax/by", true},
		{"a*/b*", "ax/y/by", false},
		{"**", "", true},
		{"**", "a/b/c.md", true},
		{"**/*.md", "a.md", true},
		{"**/*.md", "a/b/c.md", true},
		{"**/*.md", "a/b/c.txt", false},
		{"**/c.md", "xc.md", false},
		{"a/**/b", "a/b", true},
		{"a/**/b", "a/x/b", true},
		{"a/**/b", "a/x/y/z/b", true},
		{"a/**/b", "a/xb", false},
		{"a/**/b", "ab", false},
		{"a/**/b", "a/x/yb", false},
		{"a/**", "a/", true},
		{"a/**", "a/b/c", true},
		{"a/**", "a", false},
		{"a/**", "ab/c", false},
		{"a**b", "a/x/b", true},
		{"a**/b", "a/b", true},
		{"a**/b", "ax/y/b", true},
		{"a**/b", "ab", false},
		{"**/**/x", "x", true},
		{"**/**/x", "a/b/x", true},
		{"a/***/b", "a/b", true},
		{"content/*/blog/**", "content/ja/blog/2024/x.md", true},
		{"content/*/blog/**", "content/ja/docs/blog/x.md", false},
		{"content/*/docs/reference/generated/**",
		 "content/ja/docs/reference/generated/kubectl/kubectl_apply.md", true},
		{"?", "a", true},
		{"?", "", false},
		{"?", "/", false},
		{"?", "ab", false},
		{"a?c", "abc", true},
		{"a?c", "a/c", false},
		{"[abc]", "b", true},
		{"[abc]", "d", false},
		{"[!abc]", "d", true},
		{"[!abc]", "a", false},
		{"[^abc]", "d", true},
		{"[a-z]x", "mx", true},
		{"[a-z]x", "Mx", false},
		{"[!a-z]", "/", false},
		{"[]]", "]", true},
		{"[!]]", "a", true},
		{"[a-]", "-", true},
		{"[\\]]", "]", true},
		{"\\*", "*", true},
		{"\\*", "a", false},
		{"\\?x", "?x", true},
		{"a[", "a[", true},
		{"[ab", "[ab", true},
		{"v1.[0-9]*", "v1.32", true},
		/* UTF-8: one character is one code point */
		{"?", "é", true},
		{"??", "é", false},
		{"*.md", "日本語.md", true},
		{"[あい]", "い", true},
		{"[!あ]", "い", true},
		{"[ぁ-ゖ]x", "ひx", true},
		{"content/ja/*/ページ?.md", "content/ja/docs/ページ1.md", true},
		/* backtracking over several stars */
		{"*a*a*a*b", "aaaaaaaaab", true},
		{"*a*a*a*b", "aaaaaaaaaa", false},
		{"**a**a**b", "a/a/x/b", true},
		{"*/*/*", "a/b/c", true},
		{"*/*/*", "a/b", false},
		{"*/*/*", "a/b/c/d", false},
		{"**/a/*", "x/a/b", true},
		{"**/a/*", "x/a/b/c", false},
		{"**/a/**/b", "a/a/b", true},
		{"**/a/**/b", "x/a/y/a/z/b", true},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		bool got = config_glob(cases[i].pat, cases[i].path);
		if (got != cases[i].match)
			printf("  glob '%s' '%s': got %d\n", cases[i].pat, cases[i].path, got);
		CHECK(got == cases[i].match);
	}
	CHECK(!config_glob(NULL, "a"));
	CHECK(!config_glob("a", NULL));

	/* Pathological patterns stay polynomial (milliseconds). */
	char text[4097];
	memset(text, 'a', 4096);
	text[4096] = '\0';
	clock_t t0 = clock();
	CHECK(!config_glob("*a*a*a*a*a*a*a*a*a*a*a*a*b", text));
	CHECK(!config_glob("**a**a**a**a**a**a**a**a**b", text));
	CHECK(config_glob("*a*a*a*a*a*a*a*a*a*a*a*a*", text));
	char dirs[4097];
	for (int i = 0; i < 4096; i++)
		dirs[i] = i % 2 ? '/' : 'a';
	dirs[4096] = '\0';
	CHECK(!config_glob("**/a/**/a/**/a/**/a/**/b", dirs));
	CHECK(!config_glob("*/*/*/*/*/*/*/*/*/*/*/*/*/b", dirs));
	CHECK(!config_glob("**?**?**?**?**?**?**?**?b", dirs));
	double secs = (double)(clock() - t0) / CLOCKS_PER_SEC;
	if (secs >= 2.0)
		printf("  pathological globs took %.2f s\n", secs);
	CHECK(secs < 2.0);
}

/* ---- mappings ---- */

static void test_mappings(void)
{
	struct config cfg;
	CHECK(parse(&cfg, "layout: custom\n"
	                  "mappings:\n"
	                  "  - source: \"docs/{path}\"\n"
	                  "    translation: \"i18n/{lang}/docusaurus-plugin-content-docs/current/{path}\"\n"
	                  "  - source: \"blog/{path}\"\n"
	                  "    translation: \"i18n/{lang}/docusaurus-plugin-content-blog/{path}\"\n"
	                  "  - source: \"content/{lang}/{path}.md\"\n"
	                  "    translation: \"content/{lang}/{path}.md\"\n"
	                  "  - source: \"{path}.md\"\n"
	                  "    translation: \"{path}.{lang}.md\"\n"));
	CHECK_STR(errbuf, "");
	char *lang = NULL;
	char *src = config_map_source(&cfg, "i18n/ja/docusaurus-plugin-content-docs/current/a/b.md",
	                              &lang);
	CHECK_STR(src, "docs/a/b.md");
	CHECK_STR(lang, "ja");
	free(src);
	free(lang);
	lang = NULL;
	src = config_map_source(&cfg, "i18n/pt-br/docusaurus-plugin-content-blog/2024/x.md", &lang);
	CHECK_STR(src, "blog/2024/x.md");
	CHECK_STR(lang, "pt-br");
	free(src);
	free(lang);
	lang = NULL;
	src = config_map_source(&cfg, "content/ko/docs/x.md", &lang);
	CHECK_STR(src, "content/en/docs/x.md");
	CHECK_STR(lang, "ko");
	free(src);
	free(lang);
	lang = NULL;
	/* the source language is not a translation */
	CHECK(config_map_source(&cfg, "content/en/docs/x.md", &lang) == NULL);
	src = config_map_source(&cfg, "guide/intro.ja.md", &lang);
	CHECK_STR(src, "guide/intro.md");
	CHECK_STR(lang, "ja");
	free(src);
	free(lang);
	lang = NULL;
	CHECK(config_map_source(&cfg, "i18n/ja/other/a.md", &lang) == NULL);
	CHECK(lang == NULL);

	char *tr = config_map_translation(&cfg, "docs/a/b.md", "ja");
	CHECK_STR(tr, "i18n/ja/docusaurus-plugin-content-docs/current/a/b.md");
	free(tr);
	tr = config_map_translation(&cfg, "content/en/docs/x.md", "zh-cn");
	CHECK_STR(tr, "content/zh-cn/docs/x.md");
	free(tr);
	tr = config_map_translation(&cfg, "guide/intro.md", "ko");
	CHECK_STR(tr, "guide/intro.ko.md");
	free(tr);
	/* the first mapping that fits wins: "{path}.md" takes any .md file */
	tr = config_map_translation(&cfg, "content/fr/docs/x.md", "ja");
	CHECK_STR(tr, "content/fr/docs/x.ja.md");
	free(tr);
	CHECK(config_map_translation(&cfg, "README.txt", "ja") == NULL);
	config_release(&cfg);
}

/* ---- the starter file ---- */

static void test_starter(void)
{
	const char *s = config_starter();
	CHECK(s != NULL && strlen(s) > 500);
	struct config cfg;
	CHECK(parse(&cfg, s));
	CHECK_STR(errbuf, "");
	CHECK_INT(cfg.layout, LAYOUT_HUGO);
	CHECK_STR(cfg.content_dir, "content");
	CHECK(cfg.nignore >= 1);
	CHECK(config_ignored(&cfg, "content/ja/docs/reference/kubectl/generated/kubectl_apply/_index.md"));
	CHECK(!config_ignored(&cfg, "content/ja/docs/concepts/overview/_index.md"));
	config_release(&cfg);

	/* Every key is there, live or commented out. */
	static const char *const keys[] = {"source_lang:", "layout:", "content_dir:",
	                                   "mappings:", "languages:", "anchor_style:",
	                                   "fail_on:", "max_size:", "known_pages:",
	                                   "rules:", "overrides:", "ignore:", "locales:"};
	for (size_t i = 0; i < sizeof(keys) / sizeof(keys[0]); i++)
		CHECK(strstr(s, keys[i]) != NULL);

	/* Uncommenting every example line must still give a valid file. */
	struct strbuf sb = STRBUF_INIT;
	for (const char *line = s; *line;) {
		const char *nl = strchr(line, '\n');
		size_t n = nl ? (size_t)(nl - line + 1) : strlen(line);
		/* "#key:" or "#  - ..." examples, not the "# prose" lines */
		if (line[0] == '#' && n > 2 && line[1] != '\n' &&
		    (line[1] != ' ' || line[2] == ' '))
			strbuf_add(&sb, line + 1, n - 1);
		else
			strbuf_add(&sb, line, n);
		line += n;
	}
	bool ok = parse(&cfg, sb.buf);
	CHECK(ok);
	if (!ok)
		printf("%s\n%s", sb.buf, errbuf);
	CHECK_INT(cfg.noverrides, 1);
	CHECK_INT(cfg.nmappings, 1);
	CHECK_INT(cfg.nlanguages, 3);
	CHECK(config_locale(&cfg, "ja") != NULL);
	config_release(&cfg);
	strbuf_release(&sb);
}

/* known_pages: a file, a mapping {file, complete}, or a list of them. */
static void test_known_pages(void)
{
	struct config cfg;
	CHECK(parse(&cfg, "known_pages:\n  file: k.txt\n  complete: true\n"));
	CHECK_STR(errbuf, "");
	CHECK(cfg.nknown == 1 && cfg.known[0].complete && !cfg.known[0].nprefixes);
	CHECK_STR(cfg.known[0].file, "k.txt");
	config_release(&cfg);

	CHECK(parse(&cfg, "known_pages:\n"
	                  "  - ja.txt\n"
	                  "  - file: en.txt\n"
	                  "    complete: [content/en/docs/concepts/, ./content/en/docs/_index.md]\n"
	                  "  - file: ko.txt\n"
	                  "    complete: false\n"
	                  "  - file: fr.txt\n"
	                  "    complete:\n"));
	CHECK_STR(errbuf, "");
	CHECK_INT(cfg.nknown, 4);
	if (cfg.nknown == 4) {
		CHECK_STR(cfg.known[0].file, "ja.txt");
		CHECK(!cfg.known[0].complete && !cfg.known[0].nprefixes);
		CHECK_STR(cfg.known[1].file, "en.txt");
		CHECK(!cfg.known[1].complete && cfg.known[1].nprefixes == 2);
		CHECK_STR(cfg.known[1].prefixes[0], "content/en/docs/concepts/");
		CHECK_STR(cfg.known[1].prefixes[1], "./content/en/docs/_index.md");
		CHECK(!cfg.known[2].complete && !cfg.known[2].nprefixes);
		CHECK(!cfg.known[3].complete && !cfg.known[3].nprefixes);
	}
	config_release(&cfg);

	CHECK(config_known_prefix_problem("content/ja/docs/") == NULL);
	CHECK(config_known_prefix_problem("./content/ja") == NULL);
	CHECK(config_known_prefix_problem(".") == NULL);
	CHECK(config_known_prefix_problem("content/ja/docs/_index.md") == NULL);
	CHECK(config_known_prefix_problem("") != NULL);
	CHECK(config_known_prefix_problem("/content") != NULL);
	CHECK(config_known_prefix_problem("content/../x") != NULL);
	CHECK(config_known_prefix_problem("content/./x") != NULL);
	CHECK(config_known_prefix_problem("content/..") != NULL);
	CHECK(config_known_prefix_problem("content//x") != NULL);

	expect_errors("known_pages: ''\n",
	              ".l10nlint.yaml:1:14: error: known_pages must not be empty\n");
	expect_errors("known_pages: []\n",
	              ".l10nlint.yaml:1:14: error: known_pages is an empty list\n");
	expect_errors("known_pages:\n  complete: [content/]\n",
	              ".l10nlint.yaml:2:3: error: known_pages has no 'file'\n");
	expect_errors("known_pages:\n  file: [a.txt]\n",
	              ".l10nlint.yaml:2:9: error: known_pages.file must be a single value, not a "
	              "list\n");
	expect_errors("known_pages:\n  file: a.txt\n  complete: {content: yes}\n",
	              ".l10nlint.yaml:3:13: error: known_pages.complete must be a list, not a "
	              "mapping\n");
	expect_errors("known_pages:\n  file: a.txt\n  complete: [content/, [x], '']\n",
	              ".l10nlint.yaml:3:24: error: items of known_pages.complete must be single "
	              "values, not a list\n"
	              ".l10nlint.yaml:3:29: error: empty item in known_pages.complete\n");
	expect_errors("known_pages:\n  - file: a.txt\n    complete: content/ja/\n",
	              ".l10nlint.yaml:3:15: error: known_pages[0].complete must be true, false or "
	              "a list of folders relative to the site root, not 'content/ja/'\n");
}

int main(void)
{
	text_global_init();
	test_defaults();
	test_full();
	test_other_values();
	test_errors();
	test_many_errors();
	test_files();
	test_glob();
	test_glob_fuzz();
	test_mappings();
	test_known_pages();
	test_starter();
	free(errbuf);
	text_global_cleanup();
	UNIT_END();
}
