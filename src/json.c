#include "json.h"

#include <string.h>

#include "utf8.h"

void json_init(struct json *j, struct strbuf *out, bool pretty)
{
	j->out = out;
	j->depth = 0;
	j->first[0] = true;
	j->pretty = pretty;
	j->pending_key = false;
}

static void indent(struct json *j)
{
	if (!j->pretty)
		return;
	strbuf_addch(j->out, '\n');
	for (int i = 0; i < j->depth; i++)
		strbuf_addstr(j->out, "  ");
}

/* Separator before a value in an array (object values follow json_key). */
static void before_value(struct json *j, bool is_member_value)
{
	if (is_member_value)
		return;
	if (j->depth > 0) {
		int d = j->depth < JSON_MAX_DEPTH ? j->depth : JSON_MAX_DEPTH - 1;
		if (!j->first[d])
			strbuf_addstr(j->out, j->pretty ? "," : ", ");
		j->first[d] = false;
		indent(j);
	}
}

static void value_prefix(struct json *j)
{
	bool member = j->pending_key;
	j->pending_key = false;
	before_value(j, member);
}

static void open_(struct json *j, char c)
{
	value_prefix(j);
	strbuf_addch(j->out, c);
	/* Deeper than the writer tracks: keep counting so open and close
	 * stay paired; separators at those depths share the last slot. */
	j->depth++;
	j->first[j->depth < JSON_MAX_DEPTH ? j->depth : JSON_MAX_DEPTH - 1] = true;
}

static void close_(struct json *j, char c)
{
	bool empty = j->first[j->depth < JSON_MAX_DEPTH ? j->depth : JSON_MAX_DEPTH - 1];
	if (j->depth > 0)
		j->depth--;
	if (!empty)
		indent(j);
	strbuf_addch(j->out, c);
}

void json_begin_object(struct json *j)
{
	open_(j, '{');
}

void json_end_object(struct json *j)
{
	close_(j, '}');
}

void json_begin_array(struct json *j)
{
	open_(j, '[');
}

void json_end_array(struct json *j)
{
	close_(j, ']');
}

void json_key(struct json *j, const char *key)
{
	before_value(j, false);
	json_escape(j->out, key, strlen(key));
	strbuf_addstr(j->out, j->pretty ? ": " : ": ");
	j->pending_key = true;
}

void json_string_n(struct json *j, const char *s, size_t len)
{
	value_prefix(j);
	json_escape(j->out, s, len);
}

void json_string(struct json *j, const char *s)
{
	if (!s) {
		json_null(j);
		return;
	}
	json_string_n(j, s, strlen(s));
}

void json_int(struct json *j, long long v)
{
	value_prefix(j);
	strbuf_addf(j->out, "%lld", v);
}

void json_bool(struct json *j, bool v)
{
	value_prefix(j);
	strbuf_addstr(j->out, v ? "true" : "false");
}

void json_raw_number(struct json *j, double v)
{
	value_prefix(j);
	strbuf_addf(j->out, "%.2f", v);
}

void json_null(struct json *j)
{
	value_prefix(j);
	strbuf_addstr(j->out, "null");
}

void json_escape(struct strbuf *out, const char *s, size_t len)
{
	static const char hex[] = "0123456789abcdef";
	strbuf_grow(out, len + 2);
	strbuf_addch(out, '"');
	size_t i = 0;
	while (i < len) {
		unsigned char c = (unsigned char)s[i];
		if (c >= 0x80) {
			size_t start = i;
			uint32_t cp = utf8_next(s, len, &i);
			if (cp == 0xFFFD && i == start + 1) {
				strbuf_addstr(out, "\\ufffd");
			} else if (cp == 0x2028 || cp == 0x2029) {
				strbuf_addf(out, "\\u%04x", (unsigned)cp);
			} else {
				strbuf_add(out, s + start, i - start);
			}
			continue;
		}
		i++;
		switch (c) {
		case '"':
			strbuf_addstr(out, "\\\"");
			break;
		case '\\':
			strbuf_addstr(out, "\\\\");
			break;
		case '\n':
			strbuf_addstr(out, "\\n");
			break;
		case '\r':
			strbuf_addstr(out, "\\r");
			break;
		case '\t':
			strbuf_addstr(out, "\\t");
			break;
		case '\b':
			strbuf_addstr(out, "\\b");
			break;
		case '\f':
			strbuf_addstr(out, "\\f");
			break;
		default:
			if (c < 0x20 || c == 0x7F) {
				strbuf_addstr(out, "\\u00");
				strbuf_addch(out, hex[c >> 4]);
				strbuf_addch(out, hex[c & 15]);
			} else {
				strbuf_addch(out, (char)c);
			}
		}
	}
	strbuf_addch(out, '"');
}
