/* check.c - running the pair checks (see check.h). */
#include "check.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "suppress.h"
#include "utf8.h"
#include "xalloc.h"

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

bool check_has_digit(const char *s, size_t len)
{
	size_t i = 0;
#if defined(__SSE2__)
	/* 16 bytes at a time: b - '0' <= 9 (unsigned) for the digits only */
	const __m128i zero = _mm_set1_epi8('0'), nine = _mm_set1_epi8(9);
	for (; i + 16 <= len; i += 16) {
		__m128i v = _mm_loadu_si128((const __m128i *)(const void *)(s + i));
		__m128i d = _mm_sub_epi8(v, zero);
		if (_mm_movemask_epi8(_mm_cmpeq_epi8(_mm_min_epu8(d, nine), d)))
			return true;
	}
	if (i < len && len >= 16) {
		/* the last 16 bytes (some seen already: a yes/no question) */
		__m128i v = _mm_loadu_si128((const __m128i *)(const void *)(s + len - 16));
		__m128i d = _mm_sub_epi8(v, zero);
		return _mm_movemask_epi8(_mm_cmpeq_epi8(_mm_min_epu8(d, nine), d)) != 0;
	}
#endif
	for (; i < len; i++)
		if ((unsigned char)(s[i] - '0') < 10)
			return true;
	return false;
}

/* The first ASCII digit at or after i, or len. */
static size_t next_digit(const char *s, size_t len, size_t i)
{
#if defined(__SSE2__)
	const __m128i zero = _mm_set1_epi8('0'), nine = _mm_set1_epi8(9);
	for (; i + 16 <= len; i += 16) {
		__m128i v = _mm_loadu_si128((const __m128i *)(const void *)(s + i));
		__m128i d = _mm_sub_epi8(v, zero);
		unsigned m = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(_mm_min_epu8(d, nine), d));
		if (m)
			return i + (size_t)__builtin_ctz(m);
	}
#endif
	while (i < len && (unsigned char)(s[i] - '0') >= 10)
		i++;
	return i;
}

static bool ascii_letter(char ch)
{
	return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z');
}

static bool ends_with_ci(const char *s, size_t len, const char *word)
{
	size_t wl = strlen(word);
	if (len < wl)
		return false;
	for (size_t i = 0; i < wl; i++)
		if ((s[len - wl + i] | 0x20) != word[i])
			return false;
	return true;
}

/* The code point that ends just before s[p] (p > 0); *start gets its
 * offset. 0xFFFFFFFF when the bytes there are not well-formed UTF-8. */
static uint32_t cp_before(const char *text, size_t p, size_t *start)
{
	const unsigned char *s = (const unsigned char *)text;
	size_t q = p - 1;
	while (q > 0 && p - q < 4 && (s[q] & 0xC0) == 0x80)
		q--;
	*start = q;
	size_t i = q;
	uint32_t cp = utf8_next(text, p, &i);
	if (i != p || (cp == 0xFFFD && !(p - q == 3 && s[q] == 0xEF && s[q + 1] == 0xBF &&
	                                 s[q + 2] == 0xBD)))
		return 0xFFFFFFFF;
	return cp;
}

/* A non-ASCII character the refs pattern may take between a keyword and
 * its number: \s with UCP (U+0085, U+00A0, U+1680, U+180E, U+2000-200A,
 * U+2028, U+2029, U+202F, U+205F, U+3000), U+2010, U+2013, U+FF1A and
 * U+FF03 (all of U+2000-206F is taken, to be safe). */
static bool ref_separator(uint32_t c)
{
	return c == 0x85 || c == 0xA0 || c == 0x1680 || c == 0x180E || (c >= 0x2000 && c <= 0x206F) ||
	       c == 0x3000 || c == 0xFF1A || c == 0xFF03;
}

/* Does s[0..len) hold "github.com/", an owner/repo#N shorthand (a '#'
 * between a name character and a digit) or a short-link host (".io",
 * any case: kep.k8s.io, issue.k8s.io, pr.kubernetes.io)? */
static bool host_or_shorthand(const char *s, size_t len)
{
	for (const char *p = memchr(s, '#', len); p; p = memchr(p + 1, '#', len - (size_t)(p + 1 - s)))
		if (p > s && p + 1 < s + len && p[1] >= '0' && p[1] <= '9' &&
		    (ascii_letter(p[-1]) || (p[-1] >= '0' && p[-1] <= '9') || p[-1] == '.' ||
		     p[-1] == '_' || p[-1] == '-'))
			return true;
	for (const char *p = memchr(s, '.', len); p; p = memchr(p + 1, '.', len - (size_t)(p + 1 - s))) {
		if (p + 2 < s + len && (p[1] | 0x20) == 'i' && (p[2] | 0x20) == 'o')
			return true;
		if (p >= s + 6 && p + 5 <= s + len && memcmp(p - 6, "github.com/", 11) == 0)
			return true;
	}
	return false;
}

/* Can the digit run starting at s[i] be a word form's number (see
 * check_may_have_ref())? */
static bool keyword_before(const char *s, size_t i)
{
	size_t k = i;
	uint32_t stop = 0; /* the non-ASCII character before the separators */
	while (k > 0) {
		char ch = s[k - 1];
		if ((unsigned char)ch < 0x80) {
			if (ascii_letter(ch) || (ch >= '0' && ch <= '9'))
				break;
			k--;
			continue;
		}
		size_t q;
		uint32_t cp = cp_before(s, k, &q);
		if (cp == 0xFFFFFFFF)
			return true;
		if (!ref_separator(cp)) {
			stop = cp;
			break;
		}
		k = q;
	}
	if (stop)
		return stop == 0x30C8; /* ト */
	size_t e = k;
	while (k > 0 && ascii_letter(s[k - 1]))
		k--;
	if (k == e)
		return false; /* a digit or the start: no keyword */
	if (k > 0 && (unsigned char)s[k - 1] >= 0x80) {
		size_t q;
		uint32_t cp = cp_before(s, k, &q);
		if (cp == 0xFFFFFFFF || cp == 0x212A || cp == 0x17F)
			return true;
	}
	return ends_with_ci(s + k, e - k, "kep") || ends_with_ci(s + k, e - k, "pr") ||
	       ends_with_ci(s + k, e - k, "request") || ends_with_ci(s + k, e - k, "issue");
}

bool check_may_have_ref(const char *s, size_t len)
{
	/* each digit run from its start (next_digit() after a run finds the
	 * start of the next) */
	for (size_t i = next_digit(s, len, 0); i < len; i = next_digit(s, len, i)) {
		if (keyword_before(s, i))
			return true;
		while (i < len && s[i] >= '0' && s[i] <= '9')
			i++;
	}
	return host_or_shorthand(s, len);
}

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
