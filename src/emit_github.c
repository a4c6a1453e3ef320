/* emit_github.c - GitHub Actions workflow commands:
 *   ::error file=F,line=L,col=C,endLine=L,title=T::MESSAGE
 * escaped the way GitHub's toolkit (@actions/core) escapes them, so that a
 * file name or a message can never end the command or start another:
 * data: % -> %25, CR -> %0D, LF -> %0A; properties also : -> %3A and
 * , -> %2C. When GITHUB_STEP_SUMMARY names a file, a Markdown summary is
 * appended to it. */
#include <stdlib.h>
#include <string.h>

#include "emit.h"
#include "strbuf.h"
#include "xalloc.h"

void emit_github_escape(struct strbuf *out, const char *s, bool property)
{
	for (; s && *s; s++) {
		switch (*s) {
		case '%':
			strbuf_addstr(out, "%25");
			break;
		case '\r':
			strbuf_addstr(out, "%0D");
			break;
		case '\n':
			strbuf_addstr(out, "%0A");
			break;
		case ':':
			strbuf_addstr(out, property ? "%3A" : ":");
			break;
		case ',':
			strbuf_addstr(out, property ? "%2C" : ",");
			break;
		default:
			strbuf_addch(out, *s);
		}
	}
}

static const char *command(enum severity s)
{
	return s == SEV_ERROR ? "error" : s == SEV_WARNING ? "warning" : "notice";
}

static void gh_finding(struct emit_run *run, const struct finding *f)
{
	struct strbuf sb = STRBUF_INIT;
	strbuf_addf(&sb, "::%s file=", command(f->severity));
	const char *file = f->file;
	while (file[0] == '.' && file[1] == '/')
		file += 2;
	emit_github_escape(&sb, file, true);
	strbuf_addf(&sb, ",line=%u,col=%u,endLine=%u,title=", f->line, f->col, f->line);
	struct strbuf title = STRBUF_INIT;
	strbuf_addf(&title, "l10nlint %s", rule_info(f->rule)->id);
	emit_github_escape(&sb, title.buf, true);
	strbuf_release(&title);
	strbuf_addstr(&sb, "::");
	struct strbuf msg = STRBUF_INIT;
	strbuf_addstr(&msg, f->message);
	if (f->source_file) {
		strbuf_addf(&msg, "\nsource: %s:%u", f->source_file, f->source_line);
		if (f->source_excerpt && *f->source_excerpt) {
			strbuf_addstr(&msg, ": ");
			strbuf_addstr(&msg, f->source_excerpt);
		}
	}
	emit_github_escape(&sb, msg.buf, false);
	strbuf_release(&msg);
	strbuf_addch(&sb, '\n');
	fwrite(sb.buf, 1, sb.len, run->out);
	strbuf_release(&sb);
}

/* Markdown table cells: no line breaks, '|' escaped. */
static void md_cell(FILE *f, const char *s)
{
	for (; s && *s; s++) {
		if (*s == '|')
			fputs("\\|", f);
		else if (*s == '\n' || *s == '\r')
			fputc(' ', f);
		else if (*s == '<')
			fputs("&lt;", f);
		else
			fputc(*s, f);
	}
}

struct count {
	const char *key;
	size_t n[SEV_OFF];
};

static void bump(struct count **v, size_t *n, size_t *alloc, const char *key, enum severity s)
{
	for (size_t i = 0; i < *n; i++) {
		if (strcmp((*v)[i].key, key) == 0) {
			(*v)[i].n[s]++;
			return;
		}
	}
	*v = xgrow(*v, *n + 1, alloc, sizeof(**v));
	memset(&(*v)[*n], 0, sizeof(**v));
	(*v)[*n].key = key;
	(*v)[*n].n[s]++;
	(*n)++;
}

static void summary(struct emit_run *run, const struct diag_list *all)
{
	const char *path = getenv("GITHUB_STEP_SUMMARY");
	if (!path || !*path)
		return;
	FILE *f = fopen(path, "a");
	if (!f)
		return;
	fprintf(f, "## l10nlint\n\n");
	fprintf(f, "%zu error(s), %zu warning(s), %zu notice(s)\n\n", all->count[SEV_ERROR],
	        all->count[SEV_WARNING], all->count[SEV_INFO]);
	struct count *rules = NULL, *pages = NULL;
	size_t nr = 0, ar = 0, np = 0, ap = 0;
	for (size_t i = 0; i < all->n; i++) {
		bump(&rules, &nr, &ar, rule_info(all->v[i].rule)->id, all->v[i].severity);
		bump(&pages, &np, &ap, all->v[i].file, all->v[i].severity);
	}
	if (nr) {
		fprintf(f, "| rule | errors | warnings | notices |\n|---|---:|---:|---:|\n");
		for (size_t i = 0; i < nr; i++) {
			fprintf(f, "| `%s` | %zu | %zu | %zu |\n", rules[i].key, rules[i].n[SEV_ERROR],
			        rules[i].n[SEV_WARNING], rules[i].n[SEV_INFO]);
		}
		fprintf(f, "\n| page | errors | warnings | notices |\n|---|---:|---:|---:|\n");
		for (size_t i = 0; i < np; i++) {
			fputs("| ", f);
			md_cell(f, pages[i].key);
			fprintf(f, " | %zu | %zu | %zu |\n", pages[i].n[SEV_ERROR], pages[i].n[SEV_WARNING],
			        pages[i].n[SEV_INFO]);
		}
		fputc('\n', f);
	}
	if (run->ncoverage) {
		fprintf(f, "| language | translated | source pages | coverage |\n|---|---:|---:|---:|\n");
		for (size_t i = 0; i < run->ncoverage; i++) {
			const struct coverage *c = &run->coverage[i];
			fputs("| ", f);
			md_cell(f, c->lang);
			fprintf(f, " | %u | %u | %.1f%% |\n", c->translated, c->source,
			        c->source ? 100.0 * c->translated / c->source : 100.0);
		}
		fputc('\n', f);
	}
	free(rules);
	free(pages);
	fclose(f);
}

static void gh_end(struct emit_run *run, const struct diag_list *all)
{
	summary(run, all);
}

const struct emitter emit_github = {
	.name = "github",
	.begin = NULL,
	.finding = gh_finding,
	.end = gh_end,
};
