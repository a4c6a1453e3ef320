/* emit_text.c - the GNU diagnostic line every editor and CI parses:
 *   file:line:col: severity: message [rule]
 *     source: file:line: excerpt
 * Colour only when asked (a terminal without NO_COLOR). */
#include <stdint.h>
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

/* Length of the run of bytes of s[0, len) from i on that are shown as
 * they are (no control character): eight at a time while a word has no
 * byte below 0x20 and no 0x7F (the tests have no false negatives), then
 * byte by byte. */
static size_t clean_run_end(const char *s, size_t i, size_t len)
{
	const uint64_t ones = 0x0101010101010101ULL, highs = ones * 0x80;
	while (i + 8 <= len) {
		uint64_t x;
		memcpy(&x, s + i, 8);
		uint64_t del = x ^ (ones * 0x7F);
		if ((((x - ones * 0x20) & ~x) | ((del - ones) & ~del)) & highs)
			break;
		i += 8;
	}
	while (i < len && (unsigned char)s[i] >= 0x20 && s[i] != 0x7F)
		i++;
	return i;
}

/* Control characters in messages and excerpts are shown as '?', so a
 * finding is always one line (plus its source line). Written by runs of
 * clean bytes. */
static void put_clean(FILE *out, const char *s)
{
	size_t len = strlen(s), i = 0;
	while (i < len) {
		size_t e = clean_run_end(s, i, len);
		if (e > i)
			fwrite(s + i, 1, e - i, out);
		if (e == len)
			return;
		fputc('?', out);
		i = e + 1;
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
