/* json.h - a streaming JSON writer. The only place that escapes JSON. */
#ifndef L10N_JSON_H
#define L10N_JSON_H
#include <stdbool.h>
#include <stddef.h>

#include "strbuf.h"

#define JSON_MAX_DEPTH 128

struct json {
	struct strbuf *out;
	int depth;
	bool first[JSON_MAX_DEPTH]; /* no member written yet at this depth */
	bool pretty;
	bool pending_key; /* json_key written, its value not yet */
};

void json_init(struct json *j, struct strbuf *out, bool pretty);
void json_begin_object(struct json *j);
void json_end_object(struct json *j);
void json_begin_array(struct json *j);
void json_end_array(struct json *j);
/* Object member name; the value follows with one of the calls below. */
void json_key(struct json *j, const char *key);
void json_string(struct json *j, const char *s);
void json_string_n(struct json *j, const char *s, size_t len);
void json_int(struct json *j, long long v);
void json_bool(struct json *j, bool v);
void json_null(struct json *j);
/* A number with two decimals (confidences). */
void json_raw_number(struct json *j, double v);

/* Append s as a JSON string literal (with quotes) to out. Control
 * characters, quote, backslash, U+2028/U+2029 and DEL are escaped;
 * invalid UTF-8 bytes become U+FFFD. */
void json_escape(struct strbuf *out, const char *s, size_t len);

#endif
