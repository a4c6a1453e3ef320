/* checks/anchors.c - anchor-id-dropped, anchor-broken,
 * anchor-target-mismatch.
 *
 * Order matters: a heading whose explicit source ID the translation
 * changed or dropped is reported once (anchor-id-dropped), and the links
 * that still use the source ID are part of that defect, not each an
 * anchor-broken. */
#include <string.h>
#include <strings.h>

#include "../check.h"

/* Section of the page an ID names (heading or HTML anchor), or -1. */
static int id_section(const struct doc *d, const char *id)
{
	for (size_t i = 0; i < d->nheadings; i++)
		if (strcmp(d->headings[i].id, id) == 0)
			return d->headings[i].section;
	for (size_t i = 0; i < d->nanchors; i++) {
		const struct html_anchor *a = &d->anchors[i];
		if (strcmp(a->id, id) != 0)
			continue;
		/* <a id="x"></a> on the line(s) just above a heading names
		 * that heading's section. */
		for (size_t h = 0; h < d->nheadings; h++)
			if (d->headings[h].line > a->line && d->headings[h].line <= a->line + 2)
				return d->headings[h].section;
		return a->section;
	}
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

/* Is there an HTML anchor <a id="id"> (or name=) in the section of
 * heading h, or just above it? */
static bool anchor_at_heading(const struct doc *d, const char *id, const struct heading *h)
{
	for (size_t i = 0; i < d->nanchors; i++) {
		const struct html_anchor *a = &d->anchors[i];
		if (strcmp(a->id, id) != 0)
			continue;
		if (a->section == h->section || (a->line <= h->line && a->line + 2 >= h->line))
			return true;
	}
	return false;
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
		/* {{% heading "whatsnext" %}} on both sides: the ID comes from
		 * the site's strings for each language, as it should. Links
		 * that still use the source's ID are broken (anchor-broken). */
		if (!hs->explicit_id && !ht->explicit_id && hs->i18n_key && ht->i18n_key &&
		    strcmp(hs->i18n_key, ht->i18n_key) == 0)
			continue;
		/* The source heading's ID is a Hugo placeholder
		 * (unpredictable-id): there is no ID to keep, and the
		 * translation giving its heading an explicit one is the fix. */
		if (hs->unpredictable && !hs->explicit_id)
			continue;
		/* An HTML anchor keeps the source's ID at the heading. */
		if (anchor_at_heading(tr, hs->id, ht))
			continue;
		unsigned linked = hs->explicit_id ? 0 : src_links_to(src, hs->id);
		/* The translation wrote an explicit ID of its own: it meant to
		 * keep the source's ID (the kubernetes.io convention) and
		 * did not. */
		if (!hs->explicit_id && !linked && !ht->explicit_id)
			continue;
		/* Suppressed here: the links that use the source's ID are
		 * broken, and reported as such. */
		if (!check_reportable(c, RULE_anchor_id_dropped, ht->line, hs->line))
			continue;
		check_claim_id(c, hs->id);
		if (ht->explicit_id)
			check_report(c, RULE_anchor_id_dropped, c->al->sconf[s], ht->line, ht->col, hs->line,
			             "heading \"%s\" has the explicit ID \"%s\" but its source heading has "
			             "\"%s\"; links to #%s will not find it (write {#%s})",
			             ht->text, ht->id, hs->id, hs->id, hs->id);
		else if (hs->explicit_id && ht->unpredictable)
			check_report(c, RULE_anchor_id_dropped, c->al->sconf[s], ht->line, ht->col, hs->line,
			             "heading \"%s\" drops the source's explicit ID \"%s\" (its ID is a "
			             "placeholder for the {{< >}} shortcode); add {#%s}",
			             ht->text, hs->id, hs->id);
		else if (hs->explicit_id)
			check_report(c, RULE_anchor_id_dropped, c->al->sconf[s], ht->line, ht->col, hs->line,
			             "heading \"%s\" drops the source's explicit ID \"%s\" (its ID is "
			             "\"%s\"); add {#%s}",
			             ht->text, hs->id, ht->id, hs->id);
		else if (ht->unpredictable)
			check_report(c, RULE_anchor_id_dropped, c->al->sconf[s], ht->line, ht->col, hs->line,
			             "heading \"%s\" has a placeholder ID (a {{< >}} shortcode) but the "
			             "source page links to its source heading as #%s (line %u); add {#%s}",
			             ht->text, hs->id, linked, hs->id);
		else
			check_report(c, RULE_anchor_id_dropped, c->al->sconf[s], ht->line, ht->col, hs->line,
			             "heading \"%s\" has the ID \"%s\" but the source page links to its "
			             "source heading as #%s (line %u); add {#%s}",
			             ht->text, ht->id, hs->id, linked, hs->id);
	}
}

static bool is_same_page(const struct link *l)
{
	return l->dest[0] == '#' && l->fragment && l->block >= 0;
}

/* "#" alone and "#top" (when no element has that ID) scroll to the top
 * of the page in every browser: not broken. */
static bool is_page_top(const char *frag)
{
	return frag[0] == '\0' || strcasecmp(frag, "top") == 0;
}

/* The place a translation link's counterpart is looked for: the paired
 * source unit (a translator may split or merge paragraphs, so every unit
 * paired with it on either side counts), else the paired section. */
struct link_scope {
	int ut, us;       /* translation unit and its source unit, or -1 */
	int tsec, ssec;   /* sections, when the units are not paired */
};

static struct link_scope link_scope_of(const struct check_ctx *c, const struct link *l)
{
	struct link_scope sc;
	sc.ut = c->al->unit_tr[l->block];
	sc.us = sc.ut >= 0 ? c->al->t2b[sc.ut] : -1;
	sc.tsec = l->section;
	sc.ssec = check_src_section(c, l->section);
	return sc;
}

static bool in_src_scope(const struct check_ctx *c, const struct link_scope *sc,
                         const struct link *o)
{
	if (!is_same_page(o))
		return false;
	if (sc->us < 0)
		return sc->ssec >= 0 && o->section == sc->ssec;
	int u = c->al->unit_src[o->block];
	return u == sc->us || (u >= 0 && c->al->b2t[u] == sc->ut);
}

static bool in_tr_scope(const struct check_ctx *c, const struct link_scope *sc,
                        const struct link *o)
{
	if (!is_same_page(o))
		return false;
	if (sc->us < 0)
		return o->section == sc->tsec;
	int u = c->al->unit_tr[o->block];
	return u == sc->ut || (u >= 0 && c->al->t2b[u] == sc->us);
}

/* Does source link `sl` say the same as a translation link to `frag`,
 * which resolves to translation section `sec` (or -1)? Same fragment, or
 * a target the alignment pairs with the same section. */
static bool link_agrees(const struct check_ctx *c, const struct link *sl, const char *frag,
                        int sec)
{
	if (strcmp(sl->fragment, frag) == 0)
		return true;
	if (sec < 0)
		return false;
	int ssec = id_section(c->src, sl->fragment);
	return ssec >= 0 && check_tr_section(c, ssec) == sec;
}

#define MAX_SCOPE_LINKS 64

/* The source link a translation same-page link stands for, or NULL.
 * Translation links of the scope, in order, each take the first source
 * link not yet taken that agrees with it (same fragment or same aligned
 * target), whatever the word order; then the k-th translation link left
 * over stands for the k-th source link left over. */
static const struct link *source_counterpart(const struct check_ctx *c, size_t li, int sec)
{
	const struct doc *src = c->src, *tr = c->tr;
	const struct link *l = &tr->links[li];
	struct link_scope sc = link_scope_of(c, l);
	const struct link *cand[MAX_SCOPE_LINKS];
	size_t n = 0;
	for (size_t i = 0; i < src->nlinks && n < MAX_SCOPE_LINKS; i++)
		if (in_src_scope(c, &sc, &src->links[i]))
			cand[n++] = &src->links[i];
	if (n == 0)
		return NULL;
	bool used[MAX_SCOPE_LINKS] = {false};
	size_t rank = 0;
	bool leftover = false;
	for (size_t i = 0; i < tr->nlinks; i++) {
		const struct link *o = &tr->links[i];
		if (i != li && !in_tr_scope(c, &sc, o))
			continue;
		int osec = i == li ? sec : id_section(tr, o->fragment);
		size_t k = 0;
		while (k < n && (used[k] || !link_agrees(c, cand[k], o->fragment, osec)))
			k++;
		if (k < n) {
			used[k] = true;
			if (i == li)
				return cand[k];
		} else if (i == li) {
			leftover = true;
		} else if (!leftover) {
			rank++;
		}
	}
	for (size_t k = 0; k < n; k++) {
		if (used[k])
			continue;
		if (rank == 0)
			return cand[k];
		rank--;
	}
	return NULL;
}

static void fragments(struct check_ctx *c)
{
	const struct doc *src = c->src, *tr = c->tr;
	for (size_t i = 0; i < tr->nlinks; i++) {
		const struct link *l = &tr->links[i];
		if (!is_same_page(l) || c->tr_link_claimed[i])
			continue;
		int sec = id_section(tr, l->fragment);
		if (sec < 0 && is_page_top(l->fragment))
			continue;
		const struct link *sl = source_counterpart(c, i, sec);
		int ssec = sl ? id_section(src, sl->fragment) : -1;
		/* A link the translation added to a source heading's ID. */
		if (!sl && sec < 0)
			ssec = id_section(src, l->fragment);
		int want = ssec > 0 ? check_tr_section(c, ssec) : -1;
		int ls = check_src_section(c, l->section);
		float conf = c->al->sconf[ls >= 0 ? ls : 0];
		if (sec < 0) {
			if (check_id_claimed(c, l->fragment))
				continue; /* reported once as anchor-id-dropped */
			if (ssec > 0 && want < 0 &&
			    check_reportable(c, RULE_section_missing, 0, check_section_line(src, ssec))) {
				/* The target section is missing: section-missing. */
				c->tr_link_claimed[i] = true;
				continue;
			}
			if (want > 0 && sl)
				check_report(c, RULE_anchor_broken, 1.0f, l->line, l->col, sl->line,
				             "link target \"#%s\" names no heading or anchor on this page; the "
				             "source links to \"%s\", here \"%s\" (#%s)",
				             l->fragment, check_section_label(src, ssec),
				             check_section_label(tr, want),
				             tr->headings[tr->sections[want].heading].id);
			else if (want > 0)
				check_report(c, RULE_anchor_broken, 1.0f, l->line, l->col,
				             check_section_line(src, ssec),
				             "link target \"#%s\" names no heading or anchor on this page; the "
				             "source's #%s is \"%s\", here \"%s\" (#%s)",
				             l->fragment, l->fragment, check_section_label(src, ssec),
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
		/* A link to the section that holds the target (because the
		 * target lacks the source's ID) still sends the reader to the
		 * wrong place: reported, with the heading it should reach. */
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
	const struct fm_node *src_anchors = fm_get(src->fm, "card.anchors");
	if (anchors && anchors->kind == FM_SEQ) {
		for (size_t i = 0; i < anchors->nchildren; i++) {
			const struct fm_node *a = fm_get(&anchors->children[i], "anchor");
			if (!a || a->kind != FM_SCALAR || a->value[0] != '#')
				continue;
			struct strbuf frag = STRBUF_INIT;
			anchor_decode_fragment(a->value + 1, strlen(a->value + 1), &frag);
			if (id_section(tr, frag.buf) >= 0 || check_id_claimed(c, frag.buf)) {
				strbuf_release(&frag);
				continue;
			}
			/* The source's card anchor at the same place, and where its
			 * target went. */
			const struct fm_node *sa = NULL;
			if (src_anchors && src_anchors->kind == FM_SEQ && i < src_anchors->nchildren)
				sa = fm_get(&src_anchors->children[i], "anchor");
			if (sa && sa->kind != FM_SCALAR)
				sa = NULL;
			/* A card anchor changed from the source's is
			 * frontmatter-mismatch's finding. */
			if (sa && strcmp(sa->value, a->value) != 0 &&
			    check_reportable(c, RULE_frontmatter_mismatch, a->line, sa->line)) {
				strbuf_release(&frag);
				continue;
			}
			int ssec = -1, want = -1;
			if (sa && sa->value[0] == '#') {
				struct strbuf sf = STRBUF_INIT;
				anchor_decode_fragment(sa->value + 1, strlen(sa->value + 1), &sf);
				ssec = id_section(src, sf.buf);
				strbuf_release(&sf);
				want = ssec > 0 ? check_tr_section(c, ssec) : -1;
			}
			/* Its section is missing: section-missing's finding. */
			if (ssec > 0 && want < 0 &&
			    check_reportable(c, RULE_section_missing, 0, check_section_line(src, ssec))) {
				strbuf_release(&frag);
				continue;
			}
			if (sa && ssec < 0 && strcmp(sa->value, a->value) == 0)
				check_report(c, RULE_anchor_broken, 1.0f, a->line, a->col, sa->line,
				             "card anchor \"%s\" names no heading or anchor on this page (nor "
				             "on the source page)",
				             a->value);
			else if (want > 0)
				check_report(c, RULE_anchor_broken, 1.0f, a->line, a->col, sa->line,
				             "card anchor \"%s\" names no heading or anchor on this page; the "
				             "source's card anchor \"%s\" is \"%s\", here \"%s\" (#%s)",
				             a->value, sa->value, check_section_label(src, ssec),
				             check_section_label(tr, want),
				             tr->headings[tr->sections[want].heading].id);
			else
				check_report(c, RULE_anchor_broken, 1.0f, a->line, a->col,
				             sa ? sa->line : 0,
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
