/* checks/sections.c - section-missing, section-extra, section-order,
 * heading-level: read straight off the section alignment. */
#include <stdio.h>
#include <stdlib.h>

#include "../check.h"

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

static const char *hashes(int level)
{
	static const char *const h[] = {"", "#", "##", "###", "####", "#####", "######"};
	return level >= 0 && level <= 6 ? h[level] : "#";
}

void check_sections(struct check_ctx *c)
{
	const struct doc *src = c->src, *tr = c->tr;
	const struct alignment *al = c->al;

	/* A stub translation (no headings) of a structured page: one finding,
	 * not one per section. */
	if (tr->nheadings == 0 && src->nheadings >= 2) {
		check_report(c, RULE_section_missing, 1.0f, 1, 1, check_section_line(src, 1),
		             "the translation has none of the source's %zu sections, starting with "
		             "\"%s\"",
		             src->nheadings, check_section_label(src, 1));
		return;
	}

	for (size_t s = 1; s < src->nsections; s++) {
		if (al->s2t[s] >= 0)
			continue;
		int parent = src->sections[s].parent;
		if (parent > 0 && al->s2t[parent] < 0)
			continue; /* inside a missing section: the same defect */
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
		check_report(c, RULE_section_missing, neighbour_conf(c, (int)s),
		             insertion_line(c, (int)s), 1, check_section_line(src, (int)s),
		             "source section \"%s\"%s has no counterpart in the translation",
		             check_section_label(src, (int)s), more);
	}

	for (size_t t = 1; t < tr->nsections; t++) {
		if (al->t2s[t] >= 0)
			continue;
		int parent = tr->sections[t].parent;
		if (parent > 0 && al->t2s[parent] < 0)
			continue;
		const struct heading *h = &tr->headings[tr->sections[t].heading];
		check_report(c, RULE_section_extra, 1.0f, h->line, h->col, 0,
		             "section \"%s\" has no counterpart in the source", h->text);
	}

	for (size_t s = 1; s < src->nsections; s++) {
		int t = al->s2t[s];
		if (t <= 0)
			continue;
		const struct heading *hs = &src->headings[src->sections[s].heading];
		const struct heading *ht = &tr->headings[tr->sections[t].heading];
		if (al->smoved[s]) {
			int parent = src->sections[s].parent;
			if (!(parent > 0 && al->smoved[parent]))
				check_report(c, RULE_section_order, al->sconf[s], ht->line, ht->col, hs->line,
				             "section \"%s\" is out of order: its source section \"%s\" comes "
				             "elsewhere in the source",
				             ht->text, hs->text);
		}
		int d = ht->level - hs->level;
		if (d == 0)
			continue;
		/* A whole subtree shifted by the same amount is one defect. */
		int ps = src->sections[s].parent;
		if (ps > 0 && al->s2t[ps] > 0) {
			const struct heading *pps = &src->headings[src->sections[ps].heading];
			const struct heading *ppt = &tr->headings[tr->sections[al->s2t[ps]].heading];
			if (ppt->level - pps->level == d)
				continue;
		}
		check_report(c, RULE_heading_level, al->sconf[s], ht->line, ht->col, hs->line,
		             "heading \"%s\" is level %d (%s) but its source heading \"%s\" is level %d "
		             "(%s)",
		             ht->text, ht->level, hashes(ht->level), hs->text, hs->level,
		             hashes(hs->level));
	}
}
