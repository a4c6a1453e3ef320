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
 * finding is always one line (plus its source line). */
static void put_clean(FILE *out, const char *s)
{
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		fputc(c < 0x20 || c == 0x7F ? '?' : c, out);
	}
}

static void text_finding(struct emit_run *run, const struct finding *f)
{
	FILE *out = run->out;
	const char *id = rule_info(f->rule)->id;
	if (run->color)
		fprintf(out, C_BOLD);
	put_clean(out, f->file);
	fprintf(out, ":%u:%u:", f->line, f->col);
	if (run->color)
		fprintf(out, C_RESET " %s%s:" C_RESET " ", sev_color(f->severity),
		        severity_name(f->severity));
	else
		fprintf(out, " %s: ", severity_name(f->severity));
	put_clean(out, f->message);
	fprintf(out, run->color ? " " C_DIM "[%s]" C_RESET "\n" : " [%s]\n", id);
	if (f->source_file) {
		fprintf(out, run->color ? "  " C_DIM "source:" C_RESET " " : "  source: ");
		put_clean(out, f->source_file);
		fprintf(out, ":%u:", f->source_line);
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
