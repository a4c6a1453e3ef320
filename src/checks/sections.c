/* checks/sections.c - section-missing, section-extra, section-order,
 * heading-level: read straight off the section alignment. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../check.h"
#include "../xalloc.h"

/* Where a missing source section would go in the translation: the heading
 * of the next paired section after it, else the end of the file. */
static unsigned insertion_line(const struct check_ctx *c, int s)
{
	const struct doc *src = c->src, *tr = c->tr;
	for (size_t k = (size_t)s + 1; k < src->nsections; k++) {
		int t = check_tr_section(c, (int)k);
		if (t > 0 && !c->al->smoved[k])
			return check_section_line(tr, t);
	}
	return tr->nlines ? (unsigned)tr->nlines : 1;
}

/* The weaker confidence of the pairs around a source section. */
static float neighbour_conf(const struct check_ctx *c, int s)
{
	float a = 1, b = 1;
	for (int k = s - 1; k >= 0; k--)
		if (c->al->s2t[k] >= 0) {
			a = c->al->sconf[k];
			break;
		}
	for (size_t k = (size_t)s + 1; k < c->src->nsections; k++)
		if (c->al->s2t[k] >= 0) {
			b = c->al->sconf[k];
			break;
		}
	return a < b ? a : b;
}

/* The same around a translation section. */
static float tr_neighbour_conf(const struct check_ctx *c, int t)
{
	float a = 1, b = 1;
	for (int k = t - 1; k >= 0; k--)
		if (c->al->t2s[k] >= 0) {
			a = c->al->sconf[c->al->t2s[k]];
			break;
		}
	for (size_t k = (size_t)t + 1; k < c->tr->nsections; k++)
		if (c->al->t2s[k] >= 0) {
			b = c->al->sconf[c->al->t2s[k]];
			break;
		}
	return a < b ? a : b;
}

/* Pairs that share no evidence at all (only their position pairs them)
 * show that a section is missing or extra, not which one: the finding is
 * softened and says so. */
static bool by_position(float conf)
{
	return conf <= ALIGN_LOW_CONFIDENCE + 0.001f;
}

static float position_conf(float conf)
{
	return by_position(conf) && conf >= ALIGN_LOW_CONFIDENCE ? ALIGN_LOW_CONFIDENCE - 0.05f
	                                                          : conf;
}

#define UNSURE_NOTE " (uncertain: the sections around it pair by position only)"

/* Pages written for the old content templates ({{% capture whatsnext %}}
 * ... {{% /capture %}}) get their "Before you begin", "Objectives",
 * "Cleaning up" and "What's next" headings from the template: does the
 * page have the block for this heading key? (doc.c does not model these
 * as headings; this keeps the old and the new form of a page from being
 * reported as a missing and an extra section.) */
static bool has_capture_block(const struct doc *d, const char *key)
{
	if (!key)
		return false;
	for (size_t i = 0; i < d->shortcodes.n; i++) {
		const struct shortcode *sc = &d->shortcodes.items[i];
		const char *arg = sc_pos_arg(sc, 0);
		if (sc->kind != SC_CLOSE && !sc->in_comment && strcmp(sc->name, "capture") == 0 &&
		    arg && strcmp(arg, key) == 0)
			return true;
	}
	return false;
}

/* Unpaired sections that are reported (their parent is paired). */
static bool src_reported_gap(const struct check_ctx *c, int s)
{
	int p = c->src->sections[s].parent;
	return c->al->s2t[s] < 0 && (p <= 0 || c->al->s2t[p] >= 0);
}

static bool tr_reported_gap(const struct check_ctx *c, int t)
{
	int p = c->tr->sections[t].parent;
	return c->al->t2s[t] < 0 && (p <= 0 || c->al->t2s[p] >= 0);
}

/* The translation section that stands alone where the unpaired source
 * section s would be: between the same two pairs, the only unpaired
 * section on each side, at the same level. The aligner found nothing in
 * common (a section rewritten from another revision, or replaced); one
 * finding says so instead of a missing and an extra one. -1 if none. */
static int lone_counterpart(const struct check_ctx *c, int s)
{
	const struct alignment *al = c->al;
	int ps = s - 1, ns = s + 1;
	while (ps > 0 && (al->s2t[ps] < 0 || al->smoved[ps]))
		ps--;
	while ((size_t)ns < c->src->nsections && (al->s2t[ns] < 0 || al->smoved[ns]))
		ns++;
	int t0 = ps > 0 ? al->s2t[ps] : 0;
	int t1 = (size_t)ns < c->src->nsections ? al->s2t[ns] : (int)c->tr->nsections;
	for (int k = ps + 1; k < ns; k++)
		if (k != s && src_reported_gap(c, k))
			return -1;
	int found = -1;
	for (int t = t0 + 1; t < t1; t++) {
		if (!tr_reported_gap(c, t))
			continue;
		if (found >= 0)
			return -1;
		found = t;
	}
	if (found < 0 || c->tr->sections[found].level != c->src->sections[s].level)
		return -1;
	return found;
}

static const char *hashes(int level)
{
	static const char *const h[] = {"", "#", "##", "###", "####", "#####", "######"};
	return level >= 0 && level <= 6 ? h[level] : "#";
}

/* Level change of a paired source section in the translation (0 when
 * unpaired). */
static int level_shift(const struct check_ctx *c, int s)
{
	int t = c->al->s2t[s];
	if (t <= 0)
		return 0;
	return c->tr->headings[c->tr->sections[t].heading].level -
	       c->src->headings[c->src->sections[s].heading].level;
}

/* The next source section with the same parent, or -1. */
static int next_sibling(const struct doc *d, int s)
{
	for (size_t k = (size_t)s + 1; k < d->nsections; k++) {
		if (d->sections[k].parent == d->sections[s].parent)
			return (int)k;
		if (d->sections[k].level < d->sections[s].level)
			break;
	}
	return -1;
}

/* Is a shift of d at s part of a finding made elsewhere: its parent
 * shifted the same (a whole subtree moved), or its previous sibling did
 * (reported there with its followers)? */
static bool shift_covered(const struct check_ctx *c, int s, int d)
{
	const struct doc *src = c->src;
	int ps = src->sections[s].parent;
	if (ps > 0 && level_shift(c, ps) == d)
		return true;
	for (int k = s - 1; k > 0 && k != ps; k--)
		if (src->sections[k].parent == ps)
			return src->sections[k].level == src->sections[s].level && !c->al->smoved[k] &&
			       !c->al->smoved[s] && level_shift(c, k) == d;
	return false;
}

void check_sections(struct check_ctx *c)
{
	const struct doc *src = c->src, *tr = c->tr;
	const struct alignment *al = c->al;

	/* A stub translation (no headings) of a structured page: one finding,
	 * not one per section. */
	size_t nmissing = 0;
	if (tr->nheadings == 0)
		for (size_t h = 0; h < src->nheadings; h++)
			if (!has_capture_block(tr, src->headings[h].i18n_key))
				nmissing++;
	if (nmissing >= 2) {
		check_report(c, RULE_section_missing, 1.0f, 1, 1, check_section_line(src, 1),
		             "the translation has none of the source's %zu sections, starting with "
		             "\"%s\"",
		             src->nheadings, check_section_label(src, 1));
		return;
	}

	bool *replaced = xcalloc(tr->nsections + 1, sizeof(bool));
	for (size_t s = 1; s < src->nsections; s++) {
		if (al->s2t[s] >= 0)
			continue;
		int parent = src->sections[s].parent;
		if (parent > 0 && al->s2t[parent] < 0)
			continue; /* inside a missing section: the same defect */
		if (has_capture_block(tr, src->headings[src->sections[s].heading].i18n_key))
			continue;
		unsigned nsub = 0;
		for (size_t k = s + 1; k < src->nsections; k++) {
			int p = src->sections[k].parent;
			while (p > 0 && p != (int)s)
				p = src->sections[p].parent;
			if (p == (int)s)
				nsub++;
		}
		char more[64] = "";
		if (nsub)
			snprintf(more, sizeof(more), " (with %u subsection%s)", nsub, nsub == 1 ? "" : "s");
		int lone = lone_counterpart(c, (int)s);
		if (lone > 0 && !has_capture_block(src, tr->headings[tr->sections[lone].heading].i18n_key)) {
			replaced[lone] = true;
			check_report(c, RULE_section_missing, ALIGN_LOW_CONFIDENCE - 0.05f,
			             check_section_line(tr, lone), 1, check_section_line(src, (int)s),
			             "source section \"%s\"%s has no counterpart in the translation: "
			             "\"%s\" stands in its place but has too little in common with it to "
			             "pair (rewritten from another revision, or replaced)",
			             check_section_label(src, (int)s), more, check_section_label(tr, lone));
			continue;
		}
		float conf = neighbour_conf(c, (int)s);
		check_report(c, RULE_section_missing, position_conf(conf), insertion_line(c, (int)s), 1,
		             check_section_line(src, (int)s),
		             "source section \"%s\"%s has no counterpart in the translation%s",
		             check_section_label(src, (int)s), more, by_position(conf) ? UNSURE_NOTE : "");
	}

	for (size_t t = 1; t < tr->nsections; t++) {
		if (al->t2s[t] >= 0 || replaced[t])
			continue;
		int parent = tr->sections[t].parent;
		if (parent > 0 && al->t2s[parent] < 0)
			continue;
		const struct heading *h = &tr->headings[tr->sections[t].heading];
		if (has_capture_block(src, h->i18n_key))
			continue;
		float conf = tr_neighbour_conf(c, (int)t);
		check_report(c, RULE_section_extra, position_conf(conf), h->line, h->col, 0,
		             "section \"%s\" has no counterpart in the source%s", h->text,
		             by_position(conf) ? UNSURE_NOTE : "");
	}
	free(replaced);

	for (size_t s = 1; s < src->nsections; s++) {
		int t = al->s2t[s];
		if (t <= 0)
			continue;
		const struct heading *hs = &src->headings[src->sections[s].heading];
		const struct heading *ht = &tr->headings[tr->sections[t].heading];
		if (al->smoved[s]) {
			int parent = src->sections[s].parent;
			if (!(parent > 0 && al->smoved[parent])) {
				/* Where it stands in the source: after its previous
				 * sibling, or first in its parent. */
				int prev = (int)s - 1;
				while (prev > 0 && src->sections[prev].level > hs->level)
					prev--;
				if (prev > 0 && prev != parent)
					check_report(c, RULE_section_order, al->sconf[s], ht->line, ht->col,
					             hs->line,
					             "section \"%s\" is out of order: its source section \"%s\" "
					             "comes after \"%s\" in the source",
					             ht->text, hs->text, check_section_label(src, prev));
				else if (prev > 0)
					check_report(c, RULE_section_order, al->sconf[s], ht->line, ht->col,
					             hs->line,
					             "section \"%s\" is out of order: its source section \"%s\" "
					             "comes first in \"%s\" in the source",
					             ht->text, hs->text, check_section_label(src, prev));
				else
					check_report(c, RULE_section_order, al->sconf[s], ht->line, ht->col,
					             hs->line,
					             "section \"%s\" is out of order: its source section \"%s\" "
					             "comes first in the source",
					             ht->text, hs->text);
			}
		}
		int d = level_shift(c, (int)s);
		if (d == 0 || shift_covered(c, (int)s, d))
			continue;
		/* Following siblings shifted the same way are the same edit
		 * (subsections promoted together): one finding. */
		unsigned more = 0;
		for (int k = next_sibling(src, (int)s); k > 0; k = next_sibling(src, k)) {
			if (al->smoved[k] || src->sections[k].level != hs->level ||
			    level_shift(c, k) != d)
				break;
			more++;
		}
		char tail[64] = "";
		if (more == 1)
			snprintf(tail, sizeof(tail), " (so is the sibling heading after it)");
		else if (more)
			snprintf(tail, sizeof(tail), " (so are the %u sibling headings after it)", more);
		check_report(c, RULE_heading_level, al->sconf[s], ht->line, ht->col, hs->line,
		             "heading \"%s\" is level %d (%s) but its source heading \"%s\" is level %d "
		             "(%s)%s",
		             ht->text, ht->level, hashes(ht->level), hs->text, hs->level,
		             hashes(hs->level), tail);
	}
}
