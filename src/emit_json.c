/* emit_json.c - the versioned JSON report (docs/json-schema.json):
 * {"version": 1, "tool": {...}, "findings": [...], "summary": {...}} */
#include "l10nlint-build.h"
#include "emit.h"
#include "json.h"
#include "xalloc.h"

#include <stdlib.h>

struct json_state {
	struct strbuf sb;
	struct json j;
};


static void flush(struct emit_run *run)
{
	struct json_state *s = run->state;
	fwrite(s->sb.buf, 1, s->sb.len, run->out);
	strbuf_reset(&s->sb);
}

static void json_begin(struct emit_run *run)
{
	struct json_state *s = xcalloc(1, sizeof(*s));
	run->state = s;
	s->sb = (struct strbuf)STRBUF_INIT;
	json_init(&s->j, &s->sb, true);
	json_begin_object(&s->j);
	json_key(&s->j, "version");
	json_int(&s->j, 1);
	json_key(&s->j, "tool");
	json_begin_object(&s->j);
	json_key(&s->j, "name");
	json_string(&s->j, "l10nlint");
	json_key(&s->j, "version");
	json_string(&s->j, L10NLINT_VERSION);
	json_end_object(&s->j);
	json_key(&s->j, "findings");
	json_begin_array(&s->j);
	flush(run);
}

static void json_finding(struct emit_run *run, const struct finding *f)
{
	struct json_state *s = run->state;
	struct json *j = &s->j;
	json_begin_object(j);
	json_key(j, "rule");
	json_string(j, rule_info(f->rule)->id);
	json_key(j, "severity");
	json_string(j, severity_name(f->severity));
	json_key(j, "file");
	json_string(j, f->file);
	json_key(j, "line");
	json_int(j, f->line);
	json_key(j, "column");
	json_int(j, f->col);
	json_key(j, "source_file");
	json_string(j, f->source_file);
	json_key(j, "source_line");
	if (f->source_file)
		json_int(j, f->source_line);
	else
		json_null(j);
	json_key(j, "message");
	json_string(j, f->message);
	json_end_object(j);
	flush(run);
}

static void json_end(struct emit_run *run, const struct diag_list *all)
{
	struct json_state *s = run->state;
	struct json *j = &s->j;
	json_end_array(j);
	json_key(j, "summary");
	json_begin_object(j);
	json_key(j, "errors");
	json_int(j, (long long)all->count[SEV_ERROR]);
	json_key(j, "warnings");
	json_int(j, (long long)all->count[SEV_WARNING]);
	json_key(j, "infos");
	json_int(j, (long long)all->count[SEV_INFO]);
	json_end_object(j);
	if (run->ncoverage) {
		json_key(j, "coverage");
		json_begin_array(j);
		for (size_t i = 0; i < run->ncoverage; i++) {
			json_begin_object(j);
			json_key(j, "lang");
			json_string(j, run->coverage[i].lang);
			json_key(j, "translated");
			json_int(j, run->coverage[i].translated);
			json_key(j, "source");
			json_int(j, run->coverage[i].source);
			json_end_object(j);
		}
		json_end_array(j);
	}
	json_end_object(j);
	strbuf_addch(&s->sb, '\n');
	flush(run);
	strbuf_release(&s->sb);
	free(s);
	run->state = NULL;
}

const struct emitter emit_json = {
	.name = "json",
	.begin = json_begin,
	.finding = json_finding,
	.end = json_end,
};
