/* checks/anchors.c - anchor-id-dropped, anchor-broken,
 * anchor-target-mismatch.
 *
 * Order matters: a heading whose explicit source ID the translation
 * changed or dropped is reported once (anchor-id-dropped), and the links
 * that still use the source ID are part of that defect, not each an
 * anchor-broken. */
#include <string.h>

#include "../check.h"

/* Section of the page an ID names (heading or HTML anchor), or -1. */
static int id_section(const struct doc *d, const char *id)
{
	for (size_t i = 0; i < d->nheadings; i++)
		if (strcmp(d->headings[i].id, id) == 0)
			return d->headings[i].section;
	for (size_t i = 0; i < d->nanchors; i++)
		if (strcmp(d->anchors[i].id, id) == 0)
			return d->anchors[i].section;
	return -1;
}

/* Does the source page link to #id itself (links or card anchors)? */
static unsigned src_links_to(const struct doc *src, const char *id)
{
	for (size_t i = 0; i < src->nlinks; i++) {
		const struct link *l = &src->links[i];
		if (l->dest[0] == '#' && l->fragment && strcmp(l->fragment, id) == 0)
			return l->line;
	}
	const struct fm_node *anchors = fm_get(src->fm, "card.anchors");
	if (anchors && anchors->kind == FM_SEQ) {
		for (size_t i = 0; i < anchors->nchildren; i++) {
			const struct fm_node *a = fm_get(&anchors->children[i], "anchor");
			if (a && a->kind == FM_SCALAR && a->value[0] == '#' && strcmp(a->value + 1, id) == 0)
				return a->line;
		}
	}
	return 0;
}

static void ids_dropped(struct check_ctx *c)
{
	const struct doc *src = c->src, *tr = c->tr;
	for (size_t s = 1; s < src->nsections; s++) {
		int t = check_tr_section(c, (int)s);
		if (t <= 0)
			continue;
		const struct heading *hs = &src->headings[src->sections[s].heading];
		const struct heading *ht = &tr->headings[tr->sections[t].heading];
		if (strcmp(hs->id, ht->id) == 0)
			continue;
		unsigned linked = hs->explicit_id ? 0 : src_links_to(src, hs->id);
		/* The translation wrote an explicit ID of its own: it meant to
		 * keep the source's ID (the kubernetes.io convention) and
		 * did not. */
		if (!hs->explicit_id && !linked && !ht->explicit_id)
			continue;
		check_claim_id(c, hs->id);
		if (ht->explicit_id)
			check_report(c, RULE_anchor_id_dropped, c->al->sconf[s], ht->line, ht->col, hs->line,
			             "heading \"%s\" has the explicit ID \"%s\" but its source heading has "
			             "\"%s\"; links to #%s will not find it (write {#%s})",
			             ht->text, ht->id, hs->id, hs->id, hs->id);
		else if (hs->explicit_id)
			check_report(c, RULE_anchor_id_dropped, c->al->sconf[s], ht->line, ht->col, hs->line,
			             "heading \"%s\" drops the source's explicit ID \"%s\" (its ID is "
			             "\"%s\"); add {#%s}",
			             ht->text, hs->id, ht->id, hs->id);
		else
			check_report(c, RULE_anchor_id_dropped, c->al->sconf[s], ht->line, ht->col, hs->line,
			             "heading \"%s\" has the ID \"%s\" but the source page links to its "
			             "source heading as #%s (line %u); add {#%s}",
			             ht->text, ht->id, hs->id, linked, hs->id);
	}
}

/* The k-th same-page link of a translation unit and its counterpart in
 * the paired source unit (or section when units are not paired). */
static const struct link *source_counterpart(const struct check_ctx *c, size_t li)
{
	const struct doc *src = c->src, *tr = c->tr;
	const struct link *l = &tr->links[li];
	if (l->block < 0)
		return NULL;
	int ut = c->al->unit_tr[l->block];
	int us = ut >= 0 ? c->al->t2b[ut] : -1;
	int k = 0;
	/* rank of this link among same-page links of its unit (or section) */
	for (size_t i = 0; i < li; i++) {
		const struct link *o = &tr->links[i];
		if (o->dest[0] != '#' || o->block < 0)
			continue;
		if (us >= 0 ? c->al->unit_tr[o->block] == ut : o->section == l->section)
			k++;
	}
	int ss = check_src_section(c, l->section);
	const struct link *cand = NULL;
	int seen = 0;
	for (size_t i = 0; i < src->nlinks; i++) {
		const struct link *o = &src->links[i];
		if (o->dest[0] != '#' || o->block < 0)
			continue;
		bool in = us >= 0 ? c->al->unit_src[o->block] == us : o->section == ss;
		if (!in)
			continue;
		if (seen++ == k) {
			cand = o;
			break;
		}
	}
	return cand;
}

static void fragments(struct check_ctx *c)
{
	const struct doc *src = c->src, *tr = c->tr;
	for (size_t i = 0; i < tr->nlinks; i++) {
		const struct link *l = &tr->links[i];
		if (l->dest[0] != '#' || !l->fragment || c->tr_link_claimed[i])
			continue;
		int sec = id_section(tr, l->fragment);
		const struct link *sl = source_counterpart(c, i);
		int ssec = sl && sl->fragment ? id_section(src, sl->fragment) : -1;
		int want = ssec >= 0 ? check_tr_section(c, ssec) : -1;
		float conf = c->al->sconf[check_src_section(c, l->section) >= 0
		                              ? check_src_section(c, l->section)
		                              : 0];
		if (sec < 0) {
			if (check_id_claimed(c, l->fragment))
				continue; /* reported once as anchor-id-dropped */
			if (want > 0)
				check_report(c, RULE_anchor_broken, 1.0f, l->line, l->col, sl->line,
				             "link target \"#%s\" names no heading or anchor on this page; the "
				             "source links to \"%s\", here \"%s\" (#%s)",
				             l->fragment, check_section_label(src, ssec),
				             check_section_label(tr, want),
				             tr->headings[tr->sections[want].heading].id);
			else
				check_report(c, RULE_anchor_broken, 1.0f, l->line, l->col, sl ? sl->line : 0,
				             "link target \"#%s\" names no heading or anchor on this page",
				             l->fragment);
			c->tr_link_claimed[i] = true;
			continue;
		}
		if (!sl || ssec < 0 || want < 0 || want == sec)
			continue;
		const struct heading *hw = &tr->headings[tr->sections[want].heading];
		check_report(c, RULE_anchor_target_mismatch, conf, l->line, l->col, sl->line,
		             "link \"#%s\" goes to section \"%s\", but the source link \"#%s\" goes to "
		             "\"%s\", translated as \"%s\" (#%s)",
		             l->fragment, check_section_label(tr, sec), sl->fragment,
		             check_section_label(src, ssec), hw->text, hw->id);
		c->tr_link_claimed[i] = true;
	}

	/* card.anchors[].anchor must resolve on the page. */
	const struct fm_node *anchors = fm_get(tr->fm, "card.anchors");
	if (anchors && anchors->kind == FM_SEQ) {
		for (size_t i = 0; i < anchors->nchildren; i++) {
			const struct fm_node *a = fm_get(&anchors->children[i], "anchor");
			if (!a || a->kind != FM_SCALAR || a->value[0] != '#')
				continue;
			struct strbuf frag = STRBUF_INIT;
			anchor_decode_fragment(a->value + 1, strlen(a->value + 1), &frag);
			if (id_section(tr, frag.buf) < 0 && !check_id_claimed(c, frag.buf))
				check_report(c, RULE_anchor_broken, 1.0f, a->line, a->col, 0,
				             "card anchor \"%s\" names no heading or anchor on this page",
				             a->value);
			strbuf_release(&frag);
		}
	}
}

void check_anchors(struct check_ctx *c)
{
	if (check_enabled(c, RULE_anchor_id_dropped))
		ids_dropped(c);
	fragments(c);
}
