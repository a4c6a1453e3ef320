/* check.c - running the pair checks (see check.h). */
#include "check.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "suppress.h"
#include "xalloc.h"

bool check_enabled(const struct check_ctx *c, enum rule_id rule)
{
	return c->rules->severity[rule] != SEV_OFF;
}

static const char *line_excerpt(const struct doc *d, unsigned line, struct strbuf *sb)
{
	size_t len;
	const char *s = doc_line(d, line, &len);
	while (len && (*s == ' ' || *s == '\t')) {
		s++;
		len--;
	}
	strbuf_reset(sb);
	/* Long lines are cut at a character boundary. */
	if (len > 160) {
		size_t cut = 157;
		while (cut > 0 && ((unsigned char)s[cut] & 0xC0) == 0x80)
			cut--;
		strbuf_add(sb, s, cut);
		strbuf_addstr(sb, "...");
	} else {
		strbuf_add(sb, s, len);
	}
	return sb->buf;
}

/* The message: strbuf_vaddf's text, in one vsnprintf pass when it fits
 * the room the reused buffer has (strbuf_vaddf measures first). */
static void msg_vset(struct strbuf *sb, const char *fmt, va_list ap)
{
	strbuf_reset(sb);
	strbuf_grow(sb, 255);
	va_list cp;
	va_copy(cp, ap);
	int n = vsnprintf(sb->buf, sb->alloc, fmt, cp);
	va_end(cp);
	if (n >= 0 && (size_t)n < sb->alloc) {
		strbuf_setlen(sb, (size_t)n);
		return;
	}
	strbuf_setlen(sb, 0);
	strbuf_vaddf(sb, fmt, ap);
}

void check_report(struct check_ctx *c, enum rule_id rule, float conf, unsigned line, unsigned col,
                  unsigned src_line, const char *fmt, ...)
{
	enum severity sev = c->rules->severity[rule];
	if (sev == SEV_OFF)
		return;
	if (conf < ALIGN_LOW_CONFIDENCE && sev > SEV_INFO)
		sev = (enum severity)(sev - 1);
	va_list ap;
	va_start(ap, fmt);
	msg_vset(&c->msg, fmt, ap);
	va_end(ap);
	struct strbuf ex = STRBUF_INIT;
	const char *excerpt = src_line ? line_excerpt(c->src, src_line, &ex) : NULL;
	diag_add(c->out, rule, sev, c->tr->path, line ? line : 1, col ? col : 1,
	         src_line ? c->src->path : NULL, src_line, excerpt, c->msg.buf);
	strbuf_release(&ex);
}

bool check_reportable(const struct check_ctx *c, enum rule_id rule, unsigned line,
                      unsigned src_line)
{
	if (!check_enabled(c, rule))
		return false;
	if (suppress_covers_file(c->tr_sup, rule) || suppress_covers_file(c->src_sup, rule))
		return false;
	if (line && suppress_covers(c->tr_sup, rule, line))
		return false;
	if (src_line && suppress_covers(c->src_sup, rule, src_line))
		return false;
	return true;
}

int check_tr_section(const struct check_ctx *c, int s)
{
	return align_tr_section(c->al, s);
}

int check_src_section(const struct check_ctx *c, int t)
{
	return align_src_section(c->al, t);
}

unsigned check_section_line(const struct doc *d, int s)
{
	if (s <= 0 || (size_t)s >= d->nsections)
		return 1;
	return d->headings[d->sections[s].heading].line;
}

const char *check_section_label(const struct doc *d, int s)
{
	if (s <= 0 || (size_t)s >= d->nsections)
		return "(page start)";
	return d->headings[d->sections[s].heading].text;
}

int check_block_section(const struct doc *d, int b)
{
	if (b < 0 || (size_t)b >= d->nblocks)
		return 0;
	return d->blocks[b].section;
}

void check_claim_id(struct check_ctx *c, const char *id)
{
	c->dropped_ids = xgrow(c->dropped_ids, c->ndropped + 1, &c->dropped_alloc,
	                       sizeof(*c->dropped_ids));
	c->dropped_ids[c->ndropped++] = id;
}

bool check_id_claimed(const struct check_ctx *c, const char *id)
{
	for (size_t i = 0; i < c->ndropped; i++)
		if (strcmp(c->dropped_ids[i], id) == 0)
			return true;
	return false;
}

static void (*const checks[])(struct check_ctx *) = {
	check_sections, check_frontmatter, check_refs,    check_anchors,      check_links,
	check_shortcodes, check_blocks,   check_numbers, check_untranslated,
};

static void report_notes(const struct doc *d, const struct rule_settings *rs,
                         struct diag_list *out)
{
	for (size_t i = 0; i < d->nnotes; i++) {
		const struct note *n = &d->notes[i];
		enum rule_id rule;
		enum severity sev;
		if (rule_lookup(n->rule, &rule)) {
			sev = rs->severity[rule];
		} else {
			/* io-error, unsupported front matter, unknown heading
			 * strings: reported as invalid-input with the note's own
			 * severity */
			rule = RULE_invalid_input;
			sev = rs->severity[rule] == SEV_OFF ? SEV_OFF
			      : n->severity == NOTE_ERROR   ? SEV_ERROR
			      : n->severity == NOTE_WARNING ? SEV_WARNING
			                                    : SEV_INFO;
		}
		if (sev == SEV_OFF)
			continue;
		diag_add(out, rule, sev, d->path, n->line ? n->line : 1, n->col ? n->col : 1, NULL, 0,
		         NULL, n->message);
	}
}

struct drop_ctx {
	const struct diag_list *dl;
	size_t from, to; /* the rules' findings of this pair */
};

/* An unpredictable-id note on a heading anchor-id-dropped reported. */
static bool drop_reported_id(const struct finding *f, void *arg)
{
	const struct drop_ctx *dc = arg;
	if (f->rule != RULE_unpredictable_id)
		return false;
	for (size_t j = dc->from; j < dc->to; j++)
		if (dc->dl->v[j].rule == RULE_anchor_id_dropped && dc->dl->v[j].line == f->line)
			return true;
	return false;
}

void check_docs(const struct doc *src, const struct doc *tr, const struct check_options *opt,
                struct diag_list *out)
{
	struct check_ctx c;
	memset(&c, 0, sizeof(c));
	c.src = src;
	c.tr = tr;
	c.loc = locale_get(tr->lang);
	c.src_loc = locale_get(src->lang);
	c.rules = opt->rules;
	c.out = out;
	c.msg = (struct strbuf)STRBUF_INIT;
	c.tr_link_claimed = xcalloc(tr->nlinks + 1, sizeof(bool));
	c.src_link_claimed = xcalloc(src->nlinks + 1, sizeof(bool));
	struct align_options ao = {src->lang, tr->lang};
	struct alignment *al = align_docs(src, tr, &ao);
	c.al = al;
	/* Everything this pair adds from here on may be suppressed inline. */
	size_t first = out->n;
	struct suppressions *tr_sup = suppress_build(tr, out, opt->rules);
	struct suppressions *src_sup = suppress_build(src, out, opt->rules);
	c.tr_sup = tr_sup;
	c.src_sup = src_sup;
	struct check_units *units = NULL;
	c.units = &units;
	for (size_t i = 0; i < sizeof(checks) / sizeof(checks[0]); i++)
		checks[i](&c);
	/* Notes of the translation (unpredictable IDs...) are findings too,
	 * after the rules: a heading already reported by anchor-id-dropped
	 * (which says which ID to write) is not reported again. */
	size_t before = out->n;
	report_notes(tr, opt->rules, out);
	struct drop_ctx dc = {out, first, before};
	diag_remove_if(out, before, drop_reported_id, &dc);
	suppress_filter(out, first, tr_sup, src_sup, tr->path, src->path);
	suppress_free(tr_sup);
	suppress_free(src_sup);
	check_units_release(units);
	align_free(al);
	free(c.tr_link_claimed);
	free(c.src_link_claimed);
	free(c.dropped_ids);
	strbuf_release(&c.msg);
}

bool check_pair(const char *source, const char *translation, const struct check_options *opt,
                struct diag_list *out)
{
	struct doc_options so = opt->doc;
	so.lang = NULL; /* the source's language comes from its path (or en) */
	struct doc *src = doc_load(source, &so);
	struct doc *tr = doc_load(translation, &opt->doc);
	bool ok = true;
	if (doc_status(src) != DOC_OK || doc_status(tr) != DOC_OK) {
		if (doc_status(src) != DOC_OK)
			report_notes(src, opt->rules, out);
		if (doc_status(tr) != DOC_OK)
			report_notes(tr, opt->rules, out);
		ok = false;
	} else {
		check_docs(src, tr, opt, out);
	}
	doc_free(src);
	doc_free(tr);
	return ok;
}
