/* emit_sarif.c - SARIF 2.1.0 for code scanning.
 *
 * tool.driver.rules comes from the rule registry (rules.def); each result
 * has its ruleId/ruleIndex, level, message, the translation location
 * (columns in Unicode code points), the source counterpart as a related
 * location, and stable partialFingerprints (the baseline fingerprint). */
#include <stdlib.h>
#include <string.h>

#include "baseline.h"
#include "emit.h"
#include "json.h"
#include "l10nlint-build.h"
#include "xalloc.h"

struct sarif_state {
	struct strbuf sb;
	struct json j;
};

void emit_uri_escape(struct strbuf *out, const char *path)
{
	static const char hex[] = "0123456789ABCDEF";
	while (path[0] == '.' && path[1] == '/')
		path += 2;
	for (const unsigned char *p = (const unsigned char *)path; *p; p++) {
		unsigned char c = *p;
		bool plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
		             strchr("-._~/!$&'()*+,;=:@", c);
		if (plain && c) {
			strbuf_addch(out, (char)c);
		} else {
			strbuf_addch(out, '%');
			strbuf_addch(out, hex[c >> 4]);
			strbuf_addch(out, hex[c & 15]);
		}
	}
}

static const char *level(enum severity s)
{
	return s == SEV_ERROR ? "error" : s == SEV_WARNING ? "warning" : "note";
}

/* "section-missing" -> "SectionMissing" (SARIF's rule name). */
static void pascal(struct strbuf *out, const char *id)
{
	bool up = true;
	for (; *id; id++) {
		if (*id == '-') {
			up = true;
			continue;
		}
		strbuf_addch(out, up && *id >= 'a' && *id <= 'z' ? *id - 'a' + 'A' : *id);
		up = false;
	}
}

static void flush(struct emit_run *run)
{
	struct sarif_state *s = run->state;
	fwrite(s->sb.buf, 1, s->sb.len, run->out);
	strbuf_reset(&s->sb);
}

/* "physicalLocation": {"artifactLocation": {...}, "region": {...}}. A
 * relative path is relative to %SRCROOT%; an absolute one becomes a file://
 * URI (SARIF2016: a relative reference must not start with '/'). */
static void physical_location(struct json *j, const char *file, unsigned line, unsigned col)
{
	struct strbuf uri = STRBUF_INIT;
	bool absolute = file[0] == '/';
	if (absolute)
		strbuf_addstr(&uri, "file://");
	emit_uri_escape(&uri, file);
	json_key(j, "physicalLocation");
	json_begin_object(j);
	json_key(j, "artifactLocation");
	json_begin_object(j);
	json_key(j, "uri");
	json_string(j, uri.buf);
	if (!absolute) {
		json_key(j, "uriBaseId");
		json_string(j, "%SRCROOT%");
	}
	json_end_object(j);
	json_key(j, "region");
	json_begin_object(j);
	json_key(j, "startLine");
	json_int(j, line ? line : 1);
	if (col) {
		json_key(j, "startColumn");
		json_int(j, col);
	}
	json_end_object(j); /* region */
	json_end_object(j); /* physicalLocation */
	strbuf_release(&uri);
}

static void sarif_begin(struct emit_run *run)
{
	struct sarif_state *s = xcalloc(1, sizeof(*s));
	run->state = s;
	s->sb = (struct strbuf)STRBUF_INIT;
	struct json *j = &s->j;
	json_init(j, &s->sb, true);
	json_begin_object(j);
	json_key(j, "$schema");
	json_string(j, "https://json.schemastore.org/sarif-2.1.0.json");
	json_key(j, "version");
	json_string(j, "2.1.0");
	json_key(j, "runs");
	json_begin_array(j);
	json_begin_object(j);
	json_key(j, "tool");
	json_begin_object(j);
	json_key(j, "driver");
	json_begin_object(j);
	json_key(j, "name");
	json_string(j, "l10nlint");
	json_key(j, "version");
	json_string(j, L10NLINT_VERSION);
	json_key(j, "semanticVersion");
	json_string(j, L10NLINT_VERSION);
	json_key(j, "informationUri");
	json_string(j, L10NLINT_HOME);
	json_key(j, "rules");
	json_begin_array(j);
	struct strbuf sb = STRBUF_INIT;
	for (int r = 0; r < RULE_COUNT; r++) {
		const struct rule_info *ri = rule_info((enum rule_id)r);
		json_begin_object(j);
		json_key(j, "id");
		json_string(j, ri->id);
		strbuf_reset(&sb);
		pascal(&sb, ri->id);
		json_key(j, "name");
		json_string(j, sb.buf);
		json_key(j, "shortDescription");
		json_begin_object(j);
		json_key(j, "text");
		json_string(j, ri->summary);
		json_end_object(j);
		json_key(j, "fullDescription");
		json_begin_object(j);
		json_key(j, "text");
		strbuf_reset(&sb);
		strbuf_addf(&sb, "%c%s.", ri->summary[0] >= 'a' && ri->summary[0] <= 'z'
		                              ? ri->summary[0] - 'a' + 'A'
		                              : ri->summary[0],
		            ri->summary + 1);
		json_string(j, sb.buf);
		json_end_object(j);
		json_key(j, "helpUri");
		strbuf_reset(&sb);
		strbuf_addf(&sb, "%s/docs/rules/%s.md", L10NLINT_HOME_BLOB, ri->id);
		json_string(j, sb.buf);
		json_key(j, "help");
		json_begin_object(j);
		json_key(j, "text");
		strbuf_reset(&sb);
		strbuf_addf(&sb, "See docs/rules/%s.md, or run: l10nlint explain %s", ri->id, ri->id);
		json_string(j, sb.buf);
		json_end_object(j);
		json_key(j, "defaultConfiguration");
		json_begin_object(j);
		json_key(j, "level");
		json_string(j, level(ri->severity));
		json_end_object(j);
		json_key(j, "properties");
		json_begin_object(j);
		json_key(j, "tags");
		json_begin_array(j);
		json_string(j, "localization");
		json_end_array(j);
		json_end_object(j);
		json_end_object(j);
	}
	strbuf_release(&sb);
	json_end_array(j);
	json_end_object(j); /* driver */
	json_end_object(j); /* tool */
	json_key(j, "columnKind");
	json_string(j, "unicodeCodePoints");
	json_key(j, "originalUriBaseIds");
	json_begin_object(j);
	json_key(j, "%SRCROOT%");
	json_begin_object(j);
	json_key(j, "description");
	json_begin_object(j);
	json_key(j, "text");
	json_string(j, "The directory l10nlint ran in (the repository root in CI).");
	json_end_object(j);
	json_end_object(j);
	json_end_object(j);
	json_key(j, "results");
	json_begin_array(j);
	flush(run);
}

static void sarif_finding(struct emit_run *run, const struct finding *f)
{
	struct sarif_state *s = run->state;
	struct json *j = &s->j;
	json_begin_object(j);
	json_key(j, "ruleId");
	json_string(j, rule_info(f->rule)->id);
	json_key(j, "ruleIndex");
	json_int(j, (long long)f->rule);
	json_key(j, "level");
	json_string(j, level(f->severity));
	json_key(j, "message");
	json_begin_object(j);
	json_key(j, "text");
	json_string(j, f->message);
	json_end_object(j);
	json_key(j, "locations");
	json_begin_array(j);
	json_begin_object(j);
	physical_location(j, f->file, f->line, f->col);
	json_end_object(j);
	json_end_array(j);
	if (f->source_file) {
		json_key(j, "relatedLocations");
		json_begin_array(j);
		json_begin_object(j);
		json_key(j, "id");
		json_int(j, 1);
		json_key(j, "message");
		json_begin_object(j);
		json_key(j, "text");
		struct strbuf m = STRBUF_INIT;
		strbuf_addstr(&m, "source counterpart");
		if (f->source_excerpt && *f->source_excerpt) {
			strbuf_addstr(&m, ": ");
			strbuf_addstr(&m, f->source_excerpt);
		}
		json_string(j, m.buf);
		strbuf_release(&m);
		json_end_object(j);
		physical_location(j, f->source_file, f->source_line, 0);
		json_end_object(j);
		json_end_array(j);
	}
	char fp[17];
	baseline_fingerprint(f, NULL, fp);
	json_key(j, "partialFingerprints");
	json_begin_object(j);
	json_key(j, "l10nlintFingerprint/v1");
	json_string(j, fp);
	json_end_object(j);
	json_end_object(j);
	flush(run);
}

static void sarif_end(struct emit_run *run, const struct diag_list *all)
{
	(void)all;
	struct sarif_state *s = run->state;
	struct json *j = &s->j;
	json_end_array(j);  /* results */
	json_end_object(j); /* run */
	json_end_array(j);  /* runs */
	json_end_object(j);
	strbuf_addch(&s->sb, '\n');
	flush(run);
	strbuf_release(&s->sb);
	free(s);
	run->state = NULL;
}

const struct emitter emit_sarif = {
	.name = "sarif",
	.begin = sarif_begin,
	.finding = sarif_finding,
	.end = sarif_end,
};
