/* emit_text.c - the GNU diagnostic line every editor and CI parses:
 *   file:line:col: severity: message [rule]
 *     source: file:line: excerpt
 * Colour only when asked (a terminal without NO_COLOR). */
#include <string.h>

#include "emit.h"

#define C_RESET "\033[0m"
#define C_BOLD "\033[1m"
#define C_RED "\033[1;31m"
#define C_YELLOW "\033[1;33m"
#define C_CYAN "\033[1;36m"
#define C_DIM "\033[2m"

static const char *sev_color(enum severity s)
{
	return s == SEV_ERROR ? C_RED : s == SEV_WARNING ? C_YELLOW : C_CYAN;
}

/* Control characters in messages and excerpts are shown as '?', so a
 * finding is always one line (plus its source line). Written by runs of
 * clean bytes. */
static void put_clean(FILE *out, const char *s)
{
	for (;;) {
		const char *run = s;
		unsigned char c;
		while ((c = (unsigned char)*s) >= 0x20 && c != 0x7F)
			s++;
		if (s > run)
			fwrite(run, 1, (size_t)(s - run), out);
		if (!c)
			return;
		fputc('?', out);
		s++;
	}
}

/* ":N" for a line or column number. */
static void put_num(FILE *out, unsigned n)
{
	char buf[16];
	size_t i = sizeof(buf);
	buf[--i] = '\0';
	do {
		buf[--i] = (char)('0' + n % 10);
		n /= 10;
	} while (n);
	buf[--i] = ':';
	fputs(buf + i, out);
}

static void text_finding(struct emit_run *run, const struct finding *f)
{
	FILE *out = run->out;
	const char *id = rule_info(f->rule)->id;
	if (run->color)
		fputs(C_BOLD, out);
	put_clean(out, f->file);
	put_num(out, f->line);
	put_num(out, f->col);
	fputc(':', out);
	if (run->color) {
		fputs(C_RESET " ", out);
		fputs(sev_color(f->severity), out);
		fputs(severity_name(f->severity), out);
		fputs(":" C_RESET " ", out);
	} else {
		fputc(' ', out);
		fputs(severity_name(f->severity), out);
		fputs(": ", out);
	}
	put_clean(out, f->message);
	fputs(run->color ? " " C_DIM "[" : " [", out);
	fputs(id, out);
	fputs(run->color ? "]" C_RESET "\n" : "]\n", out);
	if (f->source_file) {
		fputs(run->color ? "  " C_DIM "source:" C_RESET " " : "  source: ", out);
		put_clean(out, f->source_file);
		put_num(out, f->source_line);
		fputc(':', out);
		if (f->source_excerpt && *f->source_excerpt) {
			fputc(' ', out);
			put_clean(out, f->source_excerpt);
		}
		fputc('\n', out);
	}
}

static void text_end(struct emit_run *run, const struct diag_list *all)
{
	for (size_t i = 0; i < run->ncoverage; i++) {
		const struct coverage *c = &run->coverage[i];
		fprintf(run->out, "coverage %s: %u of %u source pages translated (%.1f%%)\n", c->lang,
		        c->translated, c->source,
		        c->source ? 100.0 * c->translated / c->source : 100.0);
	}
	size_t e = all->count[SEV_ERROR], w = all->count[SEV_WARNING], n = all->count[SEV_INFO];
	if (e + w + n == 0)
		return;
	fprintf(run->out, "%zu error%s, %zu warning%s, %zu info\n", e, e == 1 ? "" : "s", w,
	        w == 1 ? "" : "s", n);
}

const struct emitter emit_text = {
	.name = "text",
	.begin = NULL,
	.finding = text_finding,
	.end = text_end,
};
