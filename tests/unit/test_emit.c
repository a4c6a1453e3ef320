/* Unit tests: escaping for GitHub workflow commands and SARIF URIs, and
 * that no hostile file name or message can start a workflow command. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "emit.h"
#include "strbuf.h"
#include "unit.h"

static const char *gh(struct strbuf *sb, const char *s, bool prop)
{
	strbuf_reset(sb);
	emit_github_escape(sb, s, prop);
	return sb->buf;
}

static const char *uri(struct strbuf *sb, const char *s)
{
	strbuf_reset(sb);
	emit_uri_escape(sb, s);
	return sb->buf;
}

/* Run the github emitter on one finding; return its output. */
static char *emit_one(const char *file, const char *msg)
{
	struct diag_list dl;
	diag_init(&dl);
	diag_add(&dl, RULE_anchor_broken, SEV_ERROR, file, 3, 4, "en.md", 5, "x\n::error::y", msg);
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	struct emit_run run = {f, false, NULL, 0, NULL};
	emit_all(&emit_github, &run, &dl);
	fclose(f);
	diag_release(&dl);
	char *res = strdup(buf ? buf : "");
	free(buf);
	return res;
}

int main(void)
{
	struct strbuf sb = STRBUF_INIT;
	CHECK_STR(gh(&sb, "plain text", false), "plain text");
	CHECK_STR(gh(&sb, "100% done", false), "100%25 done");
	CHECK_STR(gh(&sb, "a\r\nb", false), "a%0D%0Ab");
	CHECK_STR(gh(&sb, "a:b,c", false), "a:b,c");
	CHECK_STR(gh(&sb, "a:b,c", true), "a%3Ab%2Cc");
	CHECK_STR(gh(&sb, "%0A::error::x", false), "%250A::error::x");
	CHECK_STR(gh(&sb, "日本語", true), "日本語");

	CHECK_STR(uri(&sb, "content/ja/docs/a.md"), "content/ja/docs/a.md");
	CHECK_STR(uri(&sb, "./content/a b.md"), "content/a%20b.md");
	CHECK_STR(uri(&sb, "概要.md"), "%E6%A6%82%E8%A6%81.md");
	CHECK_STR(uri(&sb, "a#b?c%d"), "a%23b%3Fc%25d");

	/* hostile names and messages: every output line is one command */
	const char *files[] = {"ok.md", "evil\n::error file=x::pwned.md", "a,line=1:b.md",
	                       "%0A::warning::x.md", "x\r::notice::y.md"};
	const char *msgs[] = {"fine", "line\n::error::injected", "%0A::error::encoded",
	                      "colon: comma, percent %", "\r\n::set-output name=x::y"};
	for (size_t i = 0; i < sizeof(files) / sizeof(files[0]); i++) {
		for (size_t k = 0; k < sizeof(msgs) / sizeof(msgs[0]); k++) {
			char *out = emit_one(files[i], msgs[k]);
			size_t lines = 0;
			for (char *p = out; *p; p++)
				lines += *p == '\n';
			CHECK_INT(lines, 1);
			CHECK(strncmp(out, "::error file=", 13) == 0);
			/* the only "::" sequences: the command start and the one
			 * before the message */
			const char *cmd_end = strstr(out + 2, "::");
			CHECK(cmd_end != NULL);
			size_t props = cmd_end ? (size_t)(cmd_end - out) : 0;
			/* the properties part contains no raw ',' beyond the key
			 * separators we wrote */
			size_t commas = 0;
			for (size_t p = 0; p < props; p++)
				commas += out[p] == ',';
			CHECK_INT(commas, 4); /* file,line,col,endLine,title */
			CHECK(strchr(out, '\r') == NULL);
			free(out);
		}
	}
	strbuf_release(&sb);
	UNIT_END();
}
