/* emit_text.c - the GNU diagnostic line every editor and CI parses:
 *   file:line:col: severity: message [rule]
 *     source: file:line: excerpt
 * Colour only when asked (a terminal without NO_COLOR). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "emit.h"
#include "strbuf.h"
#include "xalloc.h"

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
 * finding is always one line (plus its source line). Added by runs of
 * clean bytes. */
static void add_clean(struct strbuf *sb, const char *s)
{
	size_t len = strlen(s), i = 0;
	strbuf_grow(sb, len);
	while (i < len) {
		size_t e = clean_run_end(s, i, len);
		strbuf_add(sb, s + i, e - i);
		if (e == len)
			return;
		strbuf_addch(sb, '?');
		i = e + 1;
	}
}

/* ":N" for a line or column number. */
static void add_num(struct strbuf *sb, unsigned n)
{
	char buf[16];
	size_t i = sizeof(buf);
	do {
		buf[--i] = (char)('0' + n % 10);
		n /= 10;
	} while (n);
	buf[--i] = ':';
	strbuf_add(sb, buf + i, sizeof(buf) - i);
}

/* One buffer for the whole run (begin to end). */
static void text_begin(struct emit_run *run)
{
	struct strbuf *sb = xmalloc(sizeof(*sb));
	strbuf_init(sb, 1024);
	run->state = sb;
}

/* A finding is put together in memory and written at once. */
static void text_finding(struct emit_run *run, const struct finding *f)
{
	struct strbuf local = STRBUF_INIT;
	struct strbuf *sb = run->state ? run->state : &local;
	strbuf_reset(sb);
	const char *id = rule_info(f->rule)->id;
	if (run->color)
		strbuf_addstr(sb, C_BOLD);
	add_clean(sb, f->file);
	add_num(sb, f->line);
	add_num(sb, f->col);
	strbuf_addch(sb, ':');
	if (run->color) {
		strbuf_addstr(sb, C_RESET " ");
		strbuf_addstr(sb, sev_color(f->severity));
		strbuf_addstr(sb, severity_name(f->severity));
		strbuf_addstr(sb, ":" C_RESET " ");
	} else {
		strbuf_addch(sb, ' ');
		strbuf_addstr(sb, severity_name(f->severity));
		strbuf_addstr(sb, ": ");
	}
	add_clean(sb, f->message);
	strbuf_addstr(sb, run->color ? " " C_DIM "[" : " [");
	strbuf_addstr(sb, id);
	strbuf_addstr(sb, run->color ? "]" C_RESET "\n" : "]\n");
	if (f->source_file) {
		strbuf_addstr(sb, run->color ? "  " C_DIM "source:" C_RESET " " : "  source: ");
		add_clean(sb, f->source_file);
		add_num(sb, f->source_line);
		strbuf_addch(sb, ':');
		if (f->source_excerpt && *f->source_excerpt) {
			strbuf_addch(sb, ' ');
			add_clean(sb, f->source_excerpt);
		}
		strbuf_addch(sb, '\n');
	}
	fwrite(sb->buf, 1, sb->len, run->out);
	strbuf_release(&local);
}

static void text_end(struct emit_run *run, const struct diag_list *all)
{
	if (run->state) {
		strbuf_release(run->state);
		free(run->state);
		run->state = NULL;
	}
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
	.begin = text_begin,
	.finding = text_finding,
	.end = text_end,
};
