/* ids.c - print the heading IDs of one Markdown page, one per line, the way
 * Hugo computes them from the raw heading line (Hugo < 0.144, which is what
 * Debian's hugo 0.111 does; equal to Hugo >= 0.144 for headings without
 * inline markup). Used by crosscheck.sh to compare with a real Hugo build.
 *
 *   hugo_ids STYLE FILE
 *
 * Only ATX headings are recognised (0-3 spaces, 1-6 '#', then a blank or
 * the end of the line), outside front matter and fenced code blocks. Each
 * heading goes through anchor_parse_atx (goldmark's attribute and closing
 * sequence rules) and then either the explicit ID or anchor_make. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "anchor.h"
#include "strbuf.h"

static int read_file(const char *path, struct strbuf *sb)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return -1;
	char buf[65536];
	size_t n;
	while ((n = fread(buf, 1, sizeof(buf), f)) > 0)
		strbuf_add(sb, buf, n);
	int err = ferror(f);
	fclose(f);
	return err ? -1 : 0;
}

/* A fence opener/closer: 0-3 spaces and at least three ` or ~. Returns the
 * run length and sets *ch, or 0. */
static size_t fence_run(const char *l, size_t len, char *ch, size_t *indent)
{
	size_t i = 0;
	while (i < len && i < 3 && l[i] == ' ')
		i++;
	if (i >= len || (l[i] != '`' && l[i] != '~'))
		return 0;
	char c = l[i];
	size_t k = i;
	while (k < len && l[k] == c)
		k++;
	if (k - i < 3)
		return 0;
	if (c == '`' && memchr(l + k, '`', len - k))
		return 0; /* backtick info strings may not contain backticks */
	*ch = c;
	*indent = i;
	return k - i;
}

static int only_blanks(const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++)
		if (s[i] != ' ' && s[i] != '\t')
			return 0;
	return 1;
}

int main(int argc, char **argv)
{
	enum anchor_style style;
	if (argc != 3 || !anchor_style_parse(argv[1], &style)) {
		fprintf(stderr, "usage: hugo_ids blackfriday|github|github-ascii FILE\n");
		return 2;
	}
	struct strbuf src = STRBUF_INIT;
	if (read_file(argv[2], &src) < 0) {
		perror(argv[2]);
		return 1;
	}
	struct anchor_set *set = anchor_set_new();
	struct strbuf id = STRBUF_INIT;
	const char *p = src.buf, *end = src.buf + src.len;
	int lineno = 0;
	char fm = 0;            /* front matter delimiter char while inside */
	char fch = 0;           /* fence char while inside a fence */
	size_t flen = 0;
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *e = nl ? nl : end;
		const char *l = p;
		size_t len = (size_t)(e - p);
		p = nl ? nl + 1 : end;
		if (len && l[len - 1] == '\r')
			len--;
		lineno++;

		if (lineno == 1 && len == 3 && (!memcmp(l, "---", 3) || !memcmp(l, "+++", 3))) {
			fm = l[0];
			continue;
		}
		if (fm) {
			if (len == 3 && l[0] == fm && l[1] == fm && l[2] == fm)
				fm = 0;
			continue;
		}
		char c;
		size_t ind, run = fence_run(l, len, &c, &ind);
		if (fch) {
			if (run && c == fch && run >= flen && only_blanks(l + ind + run, len - ind - run))
				fch = 0;
			continue;
		}
		if (run) {
			fch = c;
			flen = run;
			continue;
		}

		size_t i = 0;
		while (i < len && i < 3 && l[i] == ' ')
			i++;
		size_t h = i;
		while (i < len && l[i] == '#')
			i++;
		if (i == h || i - h > 6 || (i < len && l[i] != ' ' && l[i] != '\t'))
			continue;
		while (i < len && (l[i] == ' ' || l[i] == '\t'))
			i++;

		struct anchor_attrs at;
		size_t tlen = anchor_parse_atx(l + i, len - i, &at);
		strbuf_reset(&id);
		if (at.found && at.has_id) {
			anchor_attrs_copy_id(&at, &id);
			anchor_set_put_n(set, id.buf, id.len);
		} else {
			anchor_make(set, style, l + i, tlen, &id);
		}
		printf("%s\n", id.buf);
	}
	strbuf_release(&id);
	strbuf_release(&src);
	anchor_set_free(set);
	return 0;
}
