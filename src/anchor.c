/* anchor.c - heading IDs exactly as Hugo (goldmark) computes them.
 *
 * Sources ported (see ../shared/spec/HUGO.md for the summary):
 *   - goldmark 1.7.8 parser/attribute.go: ParseAttributes, parseAttribute,
 *     parseAttributeValue and friends (the attribute block grammar);
 *   - goldmark 1.7.8 parser/atx_heading.go: Open (the "### h ### {#id}"
 *     special case and the closing sequence), parseLastLineAttributes;
 *   - Hugo markup/goldmark/autoid.go: sanitizeAnchorNameWithHook and
 *     idFactory.Generate / Put (github, github-ascii, dedupe);
 *   - Hugo markup/blackfriday SanitizedAnchorName (blackfriday style);
 *   - Hugo common/text RemoveAccents (NFD, drop Mn, NFC).
 *
 * Go's unicode package is replaced by ICU's character properties; both
 * follow the Unicode Character Database, so results agree as long as the
 * Unicode versions do (only newly encoded characters could differ). */
#include "anchor.h"

#include <math.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <unicode/uchar.h>
#include <unicode/unorm2.h>
#include <unicode/ustring.h>

#include "bytes.h"
#include "utf8.h"
#include "xalloc.h"

/* ------------------------------------------------------------------ */
/* Styles                                                              */

bool anchor_style_parse(const char *name, enum anchor_style *out)
{
	if (strcmp(name, "blackfriday") == 0)
		*out = ANCHOR_BLACKFRIDAY;
	else if (strcmp(name, "github") == 0)
		*out = ANCHOR_GITHUB;
	else if (strcmp(name, "github-ascii") == 0)
		*out = ANCHOR_GITHUB_ASCII;
	else
		return false;
	return true;
}

const char *anchor_style_name(enum anchor_style style)
{
	switch (style) {
	case ANCHOR_BLACKFRIDAY:
		return "blackfriday";
	case ANCHOR_GITHUB:
		return "github";
	case ANCHOR_GITHUB_ASCII:
		return "github-ascii";
	}
	return "github";
}

/* ------------------------------------------------------------------ */
/* goldmark's byte classes (util.IsSpace, util.IsPunct, util.IsNumeric) */

/* util.IsSpace: \t \n \v \f \r and space. */
static bool gm_is_space(unsigned char c)
{
	return c == ' ' || (c >= '\t' && c <= '\r');
}

/* util.IsPunct: ASCII punctuation only. */
static bool gm_is_punct(unsigned char c)
{
	return (c >= '!' && c <= '/') || (c >= ':' && c <= '@') ||
	       (c >= '[' && c <= '`') || (c >= '{' && c <= '~');
}

static bool gm_is_numeric(int c)
{
	return c >= '0' && c <= '9';
}

static bool gm_is_blank(const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++)
		if (!gm_is_space((unsigned char)s[i]))
			return false;
	return true;
}

static bool gm_is_alpha_(int c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == ':';
}

static bool gm_is_name_char(int c)
{
	return gm_is_alpha_(c) || (c >= '0' && c <= '9') || c == '.' || c == '-';
}

/* ------------------------------------------------------------------ */
/* Attribute parsing: a port of goldmark 1.7.8 parser/attribute.go.
 *
 * The reader covers one line only (goldmark's parseLastLineAttributes
 * creates a reader over the last line's bytes, so PeekLine is "the rest of
 * the line" and SkipSpaces cannot leave it). */

#define GM_EOF (-1)

struct gm_reader {
	const char *s;
	size_t len, pos;
	int depth; /* nesting of {...} and [...]: bounded, no deep recursion */
};

#define GM_MAX_DEPTH 32

static int gm_peek(const struct gm_reader *r)
{
	return r->pos < r->len ? (unsigned char)r->s[r->pos] : GM_EOF;
}

static void gm_skip_spaces(struct gm_reader *r)
{
	while (r->pos < r->len && gm_is_space((unsigned char)r->s[r->pos]))
		r->pos++;
}

/* What a parsed value was, as far as the heading ID cares: goldmark keeps
 * the value as interface{}; the ID is used only when it is []byte. */
enum gm_value {
	GM_VAL_BYTES,  /* parseAttributeOthers: a bare word */
	GM_VAL_STRING, /* a "quoted" string ([]byte after unescaping) */
	GM_VAL_OTHER,  /* number, true/false/null, array, nested map */
};

/* The id attribute seen last in one block (SetAttribute keeps the last). */
struct gm_id {
	enum { GM_ID_NONE, GM_ID_SPAN, GM_ID_QUOTED, GM_ID_NOT_BYTES } kind;
	size_t start, len;
};

static bool gm_parse_attributes(struct gm_reader *r, struct gm_id *id);
static bool gm_parse_value(struct gm_reader *r, enum gm_value *type, size_t *vstart,
			   size_t *vlen);
static bool gm_parse_attributes_inner(struct gm_reader *r, struct gm_id *id);
static bool gm_parse_array_inner(struct gm_reader *r);

/* Nesting beyond GM_MAX_DEPTH makes the block invalid (goldmark would
 * recurse on; no real heading nests this deep). */
static bool gm_parse_attributes(struct gm_reader *r, struct gm_id *id)
{
	if (r->depth >= GM_MAX_DEPTH)
		return false;
	r->depth++;
	bool ok = gm_parse_attributes_inner(r, id);
	r->depth--;
	return ok;
}

static bool gm_parse_array(struct gm_reader *r)
{
	if (r->depth >= GM_MAX_DEPTH)
		return false;
	r->depth++;
	bool ok = gm_parse_array_inner(r);
	r->depth--;
	return ok;
}

/* parseAttributeString: JSON-like escapes \" \/ \\ \b \f \n \r \t; any
 * other backslash is kept. The string must close on this line. */
static bool gm_parse_string(struct gm_reader *r, size_t *vstart, size_t *vlen)
{
	r->pos++; /* skip " */
	size_t i = r->pos;
	while (i < r->len) {
		char c = r->s[i];
		if (c == '\\' && i != r->len - 1) {
			switch (r->s[i + 1]) {
			case '"': case '/': case '\\': case 'b': case 'f':
			case 'n': case 'r': case 't':
				i += 2;
				break;
			default:
				i++;
				break;
			}
			continue;
		}
		if (c == '"') {
			*vstart = r->pos;
			*vlen = i - r->pos;
			r->pos = i + 1;
			return true;
		}
		i++;
	}
	return false;
}

static void gm_scan_decimal(struct gm_reader *r)
{
	while (gm_is_numeric(gm_peek(r)))
		r->pos++;
}

/* parseAttributeNumber: [+-]digits[.digits][(e|E)[+-]digits], then Go's
 * strconv.ParseFloat, which rejects an exponent without digits and values
 * that overflow to infinity (ErrRange). */
static bool gm_parse_number(struct gm_reader *r)
{
	int c = gm_peek(r);
	if (c == '-' || c == '+')
		r->pos++;
	if (!gm_is_numeric(gm_peek(r)))
		return false;
	size_t start = r->pos;
	gm_scan_decimal(r);
	if (gm_peek(r) == '.') {
		r->pos++;
		gm_scan_decimal(r);
	}
	c = gm_peek(r);
	if (c == 'e' || c == 'E') {
		r->pos++;
		c = gm_peek(r);
		if (c == '-' || c == '+')
			r->pos++;
		size_t digits = r->pos;
		gm_scan_decimal(r);
		if (r->pos == digits)
			return false; /* "1e", "1e+": ParseFloat syntax error */
	}
	char small[64];
	size_t n = r->pos - start;
	char *buf = n < sizeof(small) ? small : xmalloc(n + 1);
	memcpy(buf, r->s + start, n);
	buf[n] = '\0';
	double v = strtod(buf, NULL);
	if (buf != small)
		free(buf);
	return !isinf(v);
}

/* parseAttributeOthers: a bare word; true/false/null are not []byte. */
static bool gm_parse_others(struct gm_reader *r, enum gm_value *type, size_t *vstart,
			    size_t *vlen)
{
	if (!gm_is_alpha_(gm_peek(r)))
		return false;
	size_t start = r->pos;
	while (r->pos < r->len && gm_is_name_char((unsigned char)r->s[r->pos]))
		r->pos++;
	size_t n = r->pos - start;
	const char *w = r->s + start;
	if ((n == 4 && memcmp(w, "true", 4) == 0) || (n == 5 && memcmp(w, "false", 5) == 0) ||
	    (n == 4 && memcmp(w, "null", 4) == 0))
		*type = GM_VAL_OTHER;
	else
		*type = GM_VAL_BYTES;
	*vstart = start;
	*vlen = n;
	return true;
}

/* parseAttributeArray: '[' values separated by blanks and/or one comma. As
 * in goldmark, `c` is peeked before the comma is consumed, so "[1,]" and
 * "[,1]" fail. */
static bool gm_parse_array_inner(struct gm_reader *r)
{
	r->pos++; /* skip [ */
	for (int i = 0;; i++) {
		int c = gm_peek(r);
		bool comma = false;
		if (i != 0 && c == ',') {
			r->pos++;
			comma = true;
		}
		if (c == ']') {
			if (!comma) {
				r->pos++;
				return true;
			}
			return false;
		}
		gm_skip_spaces(r);
		enum gm_value t;
		size_t vs, vl;
		if (!gm_parse_value(r, &t, &vs, &vl))
			return false;
		gm_skip_spaces(r);
	}
}

/* parseAttributeValue. */
static bool gm_parse_value(struct gm_reader *r, enum gm_value *type, size_t *vstart,
			   size_t *vlen)
{
	gm_skip_spaces(r);
	int c = gm_peek(r);
	*type = GM_VAL_OTHER;
	*vstart = *vlen = 0;
	switch (c) {
	case GM_EOF:
		return false;
	case '{':
		return gm_parse_attributes(r, NULL);
	case '[':
		return gm_parse_array(r);
	case '"':
		*type = GM_VAL_STRING;
		return gm_parse_string(r, vstart, vlen);
	default:
		if (c == '-' || c == '+' || gm_is_numeric(c))
			return gm_parse_number(r);
		return gm_parse_others(r, type, vstart, vlen);
	}
}

/* parseAttribute: `#id`, `.class` or `name=value`. The #/. value runs
 * until white space or ASCII punctuation other than _ - : . (non-ASCII
 * bytes are allowed) and may be empty. */
static bool gm_parse_attribute(struct gm_reader *r, struct gm_id *id)
{
	gm_skip_spaces(r);
	int c = gm_peek(r);
	if (c == '#' || c == '.') {
		r->pos++;
		size_t start = r->pos;
		while (r->pos < r->len) {
			unsigned char b = (unsigned char)r->s[r->pos];
			if (gm_is_space(b))
				break;
			if (gm_is_punct(b) && b != '_' && b != '-' && b != ':' && b != '.')
				break;
			r->pos++;
		}
		if (c == '#' && id) {
			id->kind = GM_ID_SPAN;
			id->start = start;
			id->len = r->pos - start;
		}
		return true;
	}
	if (r->pos >= r->len || !gm_is_alpha_(gm_peek(r)))
		return false;
	size_t nstart = r->pos;
	while (r->pos < r->len && gm_is_name_char((unsigned char)r->s[r->pos]))
		r->pos++;
	size_t nlen = r->pos - nstart;
	gm_skip_spaces(r);
	if (gm_peek(r) != '=')
		return false;
	r->pos++;
	gm_skip_spaces(r);
	enum gm_value type;
	size_t vs, vl;
	if (!gm_parse_value(r, &type, &vs, &vl))
		return false;
	const char *name = r->s + nstart;
	if (nlen == 5 && memcmp(name, "class", 5) == 0 && type == GM_VAL_OTHER)
		return false; /* class must be []byte */
	if (nlen == 2 && memcmp(name, "id", 2) == 0 && id) {
		/* A non-[]byte id would make goldmark panic in Close
		 * (id.([]byte)); treat it as "no usable ID". */
		id->kind = type == GM_VAL_STRING ? GM_ID_QUOTED :
			   type == GM_VAL_BYTES	 ? GM_ID_SPAN :
						   GM_ID_NOT_BYTES;
		id->start = vs;
		id->len = vl;
	}
	return true;
}

/* ParseAttributes: '{' attributes separated by blanks (optionally one comma)
 * '}'. On failure the reader is put back where it was. `id` may be NULL
 * (nested maps do not set the heading's attributes). */
static bool gm_parse_attributes_inner(struct gm_reader *r, struct gm_id *id)
{
	size_t saved = r->pos;
	struct gm_id local = {GM_ID_NONE, 0, 0};
	gm_skip_spaces(r);
	if (gm_peek(r) != '{') {
		r->pos = saved;
		return false;
	}
	r->pos++;
	for (;;) {
		if (gm_peek(r) == '}') {
			r->pos++;
			if (id)
				*id = local;
			return true;
		}
		if (!gm_parse_attribute(r, id ? &local : NULL)) {
			r->pos = saved;
			return false;
		}
		gm_skip_spaces(r);
		if (gm_peek(r) == ',') {
			r->pos++;
			gm_skip_spaces(r);
		}
	}
}

static void attrs_fill(struct anchor_attrs *out, const char *line, size_t cut,
		       const struct gm_id *id)
{
	out->found = true;
	out->cut = cut;
	out->has_id = id->kind == GM_ID_SPAN || id->kind == GM_ID_QUOTED;
	out->id_quoted = id->kind == GM_ID_QUOTED;
	if (out->has_id) {
		out->id = line + id->start;
		out->id_len = id->len;
	} else {
		out->id = NULL;
		out->id_len = 0;
	}
}

static void attrs_clear(struct anchor_attrs *out, size_t len)
{
	out->found = false;
	out->cut = len;
	out->has_id = false;
	out->id = NULL;
	out->id_len = 0;
	out->id_quoted = false;
}

/* parseLastLineAttributes: every unescaped '{' starts a ParseAttributes
 * attempt and the scan then continues with the byte after that '{' (so a
 * '{' inside an earlier block, e.g. in a quoted value, is tried too). Only
 * the last attempt counts: it must have parsed and be followed by blanks
 * only. A backslash skips itself and a directly following '{'. */
void anchor_parse_attrs(const char *line, size_t len, struct anchor_attrs *out)
{
	struct gm_reader r = {line, len, 0, 0};
	struct gm_id id = {GM_ID_NONE, 0, 0};
	size_t start = 0;
	bool any = false;

	attrs_clear(out, len);
	/* Most lines have no '{' at all: nothing to attempt. */
	if (!len || !memchr(line, '{', len))
		return;
	/* Attempts never change where the scan goes next, and only the last
	 * one counts: find the last '{' the scan reaches, then parse once
	 * (goldmark parses at every '{', which is quadratic). */
	for (size_t i = 0; i < len; i++) {
		if (line[i] == '\\') {
			if (i + 1 < len && line[i + 1] == '{')
				i++;
			continue;
		}
		if (line[i] == '{') {
			start = i;
			any = true;
		}
	}
	if (!any)
		return;
	r.pos = start;
	bool ok = gm_parse_attributes(&r, &id);
	size_t end = r.pos;
	if (ok && gm_is_blank(line + end, len - end))
		attrs_fill(out, line, start, &id);
}

static size_t rtrim_len(const char *s, size_t len)
{
	while (len > 0 && gm_is_space((unsigned char)s[len - 1]))
		len--;
	return len;
}

/* goldmark atxHeadingParser.Open with the attribute option, then Close.
 * Index -1 stands for the blank between the opening '#'s and the content
 * (goldmark starts its special-case scan there: "start--"). */
size_t anchor_parse_atx(const char *content, size_t len, struct anchor_attrs *out)
{
	attrs_clear(out, len);
	size_t stop = rtrim_len(content, len);
	if (stop == 0) {
		out->cut = 0;
		return 0;
	}

	/* Special case "heading ### {#id}": find the first blank followed by
	 * '#' (skipping backslash-escaped punctuation); after that run of '#'
	 * an attribute block followed by blanks only gives the attributes and
	 * the text ends at the '#'s. */
	ptrdiff_t j = -1;
	ptrdiff_t sstop = (ptrdiff_t)stop;
	ptrdiff_t open = -1, close = -1;
	/* The scan below stops only at a '#' before `stop`: without one
	 * (most headings) it would run to the end for nothing. */
	if (!memchr(content, '#', stop))
		j = sstop;
	while (j < sstop) {
		if (j >= 0 && content[j] == '\\' && (size_t)j + 1 < len &&
		    gm_is_punct((unsigned char)content[j + 1])) {
			j += 2;
		} else if ((j < 0 || gm_is_space((unsigned char)content[j])) && j < sstop - 1 &&
			   content[j + 1] == '#') {
			open = j + 1;
			ptrdiff_t k = j + 1;
			while (k < sstop && content[k] == '#')
				k++;
			close = k;
			break;
		} else {
			j++;
		}
	}
	if (close > 0) {
		struct gm_reader r = {content, len, (size_t)close, 0};
		struct gm_id id = {GM_ID_NONE, 0, 0};
		if (gm_parse_attributes(&r, &id) && gm_is_blank(content + r.pos, len - r.pos)) {
			size_t text = (size_t)open;
			attrs_fill(out, content, text, &id);
			if (!out->has_id) {
				/* Close() still runs parseLastLineAttributes on
				 * the text when no id was set. */
				struct anchor_attrs last;
				anchor_parse_attrs(content, text, &last);
				if (last.found) {
					*out = last;
					text = last.cut;
				}
			}
			return rtrim_len(content, text);
		}
	}

	/* Ordinary closing sequence: blanks then '#'s at the end. */
	ptrdiff_t i = sstop - 1;
	while (i >= 0 && content[i] == '#')
		i--;
	if (i != sstop - 1 && i >= 0 && !gm_is_space((unsigned char)content[i]))
		i = sstop - 1;
	i++;
	size_t tlen = (size_t)i;
	size_t nonhash = tlen;
	while (nonhash > 0 && content[nonhash - 1] == '#')
		nonhash--;
	if (nonhash == 0) {
		out->cut = 0;
		return 0; /* empty heading like "### ###": no line, no attrs */
	}

	anchor_parse_attrs(content, tlen, out);
	return rtrim_len(content, out->cut);
}

void anchor_attrs_copy_id(const struct anchor_attrs *attrs, struct strbuf *out)
{
	if (!attrs->found || !attrs->has_id)
		return;
	if (!attrs->id_quoted) {
		strbuf_add(out, attrs->id, attrs->id_len);
		return;
	}
	/* parseAttributeString's unescaping. */
	const char *s = attrs->id;
	size_t l = attrs->id_len;
	for (size_t i = 0; i < l;) {
		char c = s[i];
		if (c == '\\' && i + 1 < l) {
			char n = s[i + 1];
			const char *rep = NULL;
			switch (n) {
			case '"': rep = "\""; break;
			case '/': rep = "/"; break;
			case '\\': rep = "\\"; break;
			case 'b': rep = "\b"; break;
			case 'f': rep = "\f"; break;
			case 'n': rep = "\n"; break;
			case 'r': rep = "\r"; break;
			case 't': rep = "\t"; break;
			default: break;
			}
			if (rep) {
				strbuf_addch(out, rep[0]);
				i += 2;
				continue;
			}
		}
		strbuf_addch(out, c);
		i++;
	}
}

/* ------------------------------------------------------------------ */
/* Sanitizers                                                          */

/* Go's unicode.IsLetter / IsNumber / IsDigit by general category. */
static bool is_letter_or_number(UChar32 c)
{
	return (U_GET_GC_MASK(c) & (U_GC_L_MASK | U_GC_N_MASK)) != 0;
}

static bool is_letter_or_digit(UChar32 c)
{
	return (U_GET_GC_MASK(c) & (U_GC_L_MASK | U_GC_ND_MASK)) != 0;
}

static bool ascii_alnum(unsigned c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

static unsigned ascii_lower(unsigned c)
{
	return c >= 'A' && c <= 'Z' ? c + 32 : c;
}

/* Go's unicode.IsSpace (used by bytes.TrimSpace): the Latin-1 set below,
 * beyond it the White_Space property. */
static bool go_is_space(uint32_t c)
{
	if (c <= 0xFF)
		return c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r' ||
		       c == ' ' || c == 0x85 || c == 0xA0;
	return u_isUWhiteSpace((UChar32)c);
}

/* Hugo's blackfriday.SanitizedAnchorName: letters and numbers (L*, N*) are
 * lowercased with the simple one-to-one mapping and kept; any other code
 * point (space, '_', '-', punctuation, symbols, marks, ...) only sets a
 * pending dash, written before the next kept character if something was
 * already written. No leading, trailing or double dashes. */
static void sanitize_blackfriday(const char *text, size_t len, struct strbuf *out)
{
	size_t begin = out->len;
	bool dash = false;
	strbuf_grow(out, len);
	for (size_t i = 0; i < len;) {
		unsigned char b = (unsigned char)text[i];
		uint32_t cp;
		bool keep;
		if (b < 0x80) {
			i++;
			cp = b;
			keep = ascii_alnum(b);
			if (keep)
				cp = ascii_lower(b);
		} else {
			cp = utf8_next(text, len, &i);
			keep = is_letter_or_number((UChar32)cp);
			/* U+3000..U+9FFF (kana, CJK ideographs) have no lowercase
			 * mappings (checked over the range with ICU). */
			if (keep && (cp < 0x3000 || cp > 0x9FFF))
				cp = (uint32_t)u_tolower((UChar32)cp);
		}
		if (!keep) {
			dash = true;
			continue;
		}
		if (dash && out->len > begin)
			strbuf_addch(out, '-');
		dash = false;
		if (cp < 0x80)
			strbuf_addch(out, (int)cp);
		else
			strbuf_add_utf8(out, cp);
	}
}

/* bytes.TrimSpace on valid UTF-8. */
static void go_trim_space(const char **text, size_t *len)
{
	const char *s = *text;
	size_t b = 0, e = *len;
	while (b < e) {
		size_t i = b;
		uint32_t cp = utf8_next(s, e, &i);
		if (!go_is_space(cp))
			break;
		b = i;
	}
	while (e > b) {
		size_t k = e - 1;
		while (k > b && ((unsigned char)s[k] & 0xC0) == 0x80)
			k--;
		size_t i = k;
		uint32_t cp = utf8_next(s, e, &i);
		if (!go_is_space(cp))
			break;
		e = k;
	}
	*text = s + b;
	*len = e - b;
}

/* Hugo's github style (autoid.go): after bytes.TrimSpace, '-' and ' '
 * become '-' (so "a  b" -> "a--b"; a tab is dropped), '_', letters and
 * decimal digits (unicode.IsDigit, Nd only: '²' and 'Ⅻ' are dropped) are
 * lowercased and kept, everything else is dropped. With asciiOnly every
 * multi-byte rune is dropped as well. */
static void sanitize_github_loop(const char *text, size_t len, bool ascii_only,
				 struct strbuf *out)
{
	go_trim_space(&text, &len);
	strbuf_grow(out, len);
	for (size_t i = 0; i < len;) {
		unsigned char b = (unsigned char)text[i];
		if (b < 0x80) {
			i++;
			if (b == '-' || b == ' ')
				strbuf_addch(out, '-');
			else if (b == '_' || ascii_alnum(b))
				strbuf_addch(out, (int)ascii_lower(b));
			continue;
		}
		uint32_t cp = utf8_next(text, len, &i);
		if (ascii_only)
			continue;
		if (is_letter_or_digit((UChar32)cp))
			strbuf_add_utf8(out, (uint32_t)u_tolower((UChar32)cp));
	}
}

/* ICU normalizer singletons, fetched once (getInstance returns shared,
 * never-freed objects, so a racing double fetch is harmless). */
static const UNormalizer2 *_Atomic norm_nfd, *_Atomic norm_nfc;

static const UNormalizer2 *get_norm(bool nfd)
{
	const UNormalizer2 *n = atomic_load(nfd ? &norm_nfd : &norm_nfc);
	if (!n) {
		UErrorCode err = U_ZERO_ERROR;
		n = nfd ? unorm2_getNFDInstance(&err) : unorm2_getNFCInstance(&err);
		if (U_FAILURE(err))
			return NULL;
		atomic_store(nfd ? &norm_nfd : &norm_nfc, n);
	}
	return n;
}

/* A UTF-16 scratch buffer on the stack, on the heap only when a heading is
 * longer than the stack part. */
struct ubuf {
	UChar *p;
	int32_t cap;
	UChar stack[256];
};

static void ubuf_init(struct ubuf *u)
{
	u->p = u->stack;
	u->cap = (int32_t)(sizeof(u->stack) / sizeof(u->stack[0]));
}

static void ubuf_reserve(struct ubuf *u, int32_t need)
{
	if (need <= u->cap)
		return;
	if (u->p != u->stack)
		free(u->p);
	u->p = xmalloc((size_t)need * sizeof(UChar));
	u->cap = need;
}

static void ubuf_release(struct ubuf *u)
{
	if (u->p != u->stack)
		free(u->p);
	ubuf_init(u);
}

static bool normalize(const UNormalizer2 *n, const struct ubuf *src, int32_t slen,
		      struct ubuf *dst, int32_t *dlen)
{
	UErrorCode err = U_ZERO_ERROR;
	int32_t l = unorm2_normalize(n, src->p, slen, dst->p, dst->cap, &err);
	if (err == U_BUFFER_OVERFLOW_ERROR) {
		ubuf_reserve(dst, l);
		err = U_ZERO_ERROR;
		l = unorm2_normalize(n, src->p, slen, dst->p, dst->cap, &err);
	}
	if (U_FAILURE(err))
		return false;
	*dlen = l;
	return true;
}

/* github-ascii: Hugo runs text.RemoveAccents (NFD, remove Mn, NFC) on the
 * input before the github loop, which then keeps only 1-byte runes. So
 * "Ünïcödé" -> "unicode" and "Ｋ"(U+212A Kelvin, NFD 'K') -> "k", while a
 * character without an ASCII decomposition ("ß", CJK) disappears. HUGO.md
 * only says "as github, then only ASCII kept"; this follows the source. */
static void sanitize_github_ascii(const char *text, size_t len, struct strbuf *out)
{
	size_t i = 0;
	while (i < len && (unsigned char)text[i] < 0x80)
		i++;
	if (i == len) { /* NFD and NFC are the identity on ASCII */
		sanitize_github_loop(text, len, true, out);
		return;
	}
	const UNormalizer2 *nfd = get_norm(true), *nfc = get_norm(false);
	struct ubuf a, b;
	ubuf_init(&a);
	ubuf_init(&b);
	UErrorCode err = U_ZERO_ERROR;
	int32_t alen = 0, blen = 0;
	if (len > INT32_MAX / 2 || !nfd || !nfc)
		goto fallback;
	u_strFromUTF8WithSub(a.p, a.cap, &alen, text, (int32_t)len, 0xFFFD, NULL, &err);
	if (err == U_BUFFER_OVERFLOW_ERROR || err == U_STRING_NOT_TERMINATED_WARNING) {
		ubuf_reserve(&a, alen + 1);
		err = U_ZERO_ERROR;
		u_strFromUTF8WithSub(a.p, a.cap, &alen, text, (int32_t)len, 0xFFFD, NULL,
				     &err);
	}
	if (U_FAILURE(err) || !normalize(nfd, &a, alen, &b, &blen))
		goto fallback;
	/* runes.Remove(runes.In(unicode.Mn)) */
	int32_t w = 0;
	for (int32_t k = 0; k < blen;) {
		int32_t s = k;
		UChar32 c;
		U16_NEXT(b.p, k, blen, c);
		if (u_charType(c) == U_NON_SPACING_MARK)
			continue;
		while (s < k)
			b.p[w++] = b.p[s++];
	}
	if (!normalize(nfc, &b, w, &a, &alen))
		goto fallback;
	/* bytes.TrimSpace, then the github loop; only ASCII survives it, so
	 * the UTF-16 result need not go back to UTF-8. */
	int32_t lo = 0, hi = alen;
	while (lo < hi) {
		int32_t k = lo;
		UChar32 c;
		U16_NEXT(a.p, k, hi, c);
		if (!go_is_space((uint32_t)c))
			break;
		lo = k;
	}
	while (hi > lo) {
		int32_t k = hi;
		UChar32 c;
		U16_PREV(a.p, lo, k, c);
		if (!go_is_space((uint32_t)c))
			break;
		hi = k;
	}
	strbuf_grow(out, (size_t)(hi - lo));
	for (int32_t k = lo; k < hi; k++) {
		UChar c = a.p[k];
		if (c >= 0x80)
			continue; /* multi-byte rune (surrogates included) */
		if (c == '-' || c == ' ')
			strbuf_addch(out, '-');
		else if (c == '_' || ascii_alnum(c))
			strbuf_addch(out, (int)ascii_lower(c));
	}
	ubuf_release(&a);
	ubuf_release(&b);
	return;
fallback:
	ubuf_release(&a);
	ubuf_release(&b);
	sanitize_github_loop(text, len, true, out);
}

void anchor_sanitize(enum anchor_style style, const char *text, size_t len,
		     struct strbuf *out)
{
	switch (style) {
	case ANCHOR_BLACKFRIDAY:
		sanitize_blackfriday(text, len, out);
		break;
	case ANCHOR_GITHUB:
		sanitize_github_loop(text, len, false, out);
		break;
	case ANCHOR_GITHUB_ASCII:
		sanitize_github_ascii(text, len, out);
		break;
	}
}

/* ------------------------------------------------------------------ */
/* The page's ID set: Hugo's idFactory.vals. Entries are kept in the order
 * first recorded; an open-addressing table (linear probing, load <= 1/2)
 * of entry indices makes lookups O(1). The set owns its strings. */

struct anchor_entry {
	char *s;
	size_t len;
	uint64_t hash;
	unsigned long next_suffix; /* as a base: the first -N not known to be taken */
};

/* The IDs' bytes, in blocks that never move (no malloc per ID). */
struct anchor_pool {
	struct anchor_pool *next;
	size_t used, size;
	char data[];
};

struct anchor_set {
	struct anchor_entry *v;
	size_t n, alloc;
	uint32_t *slots; /* entry index + 1; 0 = empty */
	size_t nslots;   /* power of two */
	struct anchor_pool *pool;
};

/* A NUL-terminated copy of s[0, len) in the set's pool. */
static char *pool_strndup(struct anchor_set *set, const char *s, size_t len)
{
	struct anchor_pool *p = set->pool;
	if (!p || p->size - p->used < len + 1) {
		size_t size = len + 1 > 4096 ? len + 1 : 4096;
		p = xmalloc(sizeof(*p) + size);
		p->next = set->pool;
		p->used = 0;
		p->size = size;
		set->pool = p;
	}
	char *r = p->data + p->used;
	memcpy(r, s, len);
	r[len] = '\0';
	p->used += len + 1;
	return r;
}

static uint64_t hash_bytes(const char *s, size_t len)
{
	uint64_t h = 1469598103934665603ULL; /* FNV-1a */
	for (size_t i = 0; i < len; i++) {
		h ^= (unsigned char)s[i];
		h *= 1099511628211ULL;
	}
	return h;
}

struct anchor_set *anchor_set_new(void)
{
	struct anchor_set *set = xcalloc(1, sizeof(*set));
	set->nslots = 64;
	set->slots = xcalloc(set->nslots, sizeof(*set->slots));
	return set;
}

void anchor_set_free(struct anchor_set *set)
{
	if (!set)
		return;
	for (struct anchor_pool *p = set->pool, *next; p; p = next) {
		next = p->next;
		free(p);
	}
	free(set->v);
	free(set->slots);
	free(set);
}

/* The slot holding `id`, or the empty slot where it would go. */
static size_t set_find(const struct anchor_set *set, const char *id, size_t len,
		       uint64_t h)
{
	size_t mask = set->nslots - 1;
	size_t i = (size_t)h & mask;
	for (;;) {
		uint32_t e = set->slots[i];
		if (!e)
			return i;
		const struct anchor_entry *en = &set->v[e - 1];
		if (en->hash == h && en->len == len && memcmp(en->s, id, len) == 0)
			return i;
		i = (i + 1) & mask;
	}
}

static void set_rehash(struct anchor_set *set)
{
	free(set->slots);
	set->nslots *= 2;
	set->slots = xcalloc(set->nslots, sizeof(*set->slots));
	for (size_t k = 0; k < set->n; k++) {
		size_t i = (size_t)set->v[k].hash & (set->nslots - 1);
		while (set->slots[i])
			i = (i + 1) & (set->nslots - 1);
		set->slots[i] = (uint32_t)(k + 1);
	}
}

bool anchor_set_has_n(const struct anchor_set *set, const char *id, size_t len)
{
	uint64_t h = hash_bytes(id, len);
	return set->slots[set_find(set, id, len, h)] != 0;
}

bool anchor_set_has(const struct anchor_set *set, const char *id)
{
	return anchor_set_has_n(set, id, strlen(id));
}

/* Add id (hash h) at its free slot, as set_find() gave it. */
static void set_put_at(struct anchor_set *set, const char *id, size_t len, uint64_t h,
		       size_t slot)
{
	XGROW(set->v, set->n + 1, set->alloc);
	set->v[set->n].s = pool_strndup(set, id, len);
	set->v[set->n].len = len;
	set->v[set->n].hash = h;
	set->v[set->n].next_suffix = 1;
	set->slots[slot] = (uint32_t)(set->n + 1);
	set->n++;
	if (set->n * 2 > set->nslots)
		set_rehash(set);
}

void anchor_set_put_n(struct anchor_set *set, const char *id, size_t len)
{
	uint64_t h = hash_bytes(id, len);
	size_t slot = set_find(set, id, len, h);
	if (set->slots[slot])
		return;
	set_put_at(set, id, len, h, slot);
}

void anchor_set_put(struct anchor_set *set, const char *id)
{
	anchor_set_put_n(set, id, strlen(id));
}

size_t anchor_set_count(const struct anchor_set *set)
{
	return set->n;
}

const char *anchor_set_at(const struct anchor_set *set, size_t i, size_t *len)
{
	if (i >= set->n)
		return NULL;
	if (len)
		*len = set->v[i].len;
	return set->v[i].s;
}

/* idFactory.Generate's hook: "heading" for an empty ID; when taken, append
 * "-" and the first of 1, 2, ... that gives a free ID. */
void anchor_set_make_unique(struct anchor_set *set, struct strbuf *id)
{
	if (id->len == 0)
		strbuf_addstr(id, "heading");
	uint64_t h = hash_bytes(id->buf, id->len);
	size_t slot = set_find(set, id->buf, id->len, h);
	uint32_t e = set->slots[slot];
	if (!e) {
		/* free: add it where the search ended (no second hash) */
		set_put_at(set, id->buf, id->len, h, slot);
		return;
	}
	/* IDs are never removed, so the suffixes below the base's counter
	 * stay taken: start there (linear, not quadratic, in the number of
	 * duplicates). */
	size_t base = e - 1;
	strbuf_addch(id, '-');
	size_t pos = id->len;
	unsigned long i;
	for (i = set->v[base].next_suffix;; i++) {
		strbuf_setlen(id, pos);
		strbuf_addf(id, "%lu", i);
		if (!anchor_set_has_n(set, id->buf, id->len))
			break;
	}
	set->v[base].next_suffix = i + 1;
	anchor_set_put_n(set, id->buf, id->len);
}

void anchor_make(struct anchor_set *set, enum anchor_style style, const char *text,
		 size_t len, struct strbuf *out)
{
	strbuf_reset(out);
	anchor_sanitize(style, text, len, out);
	anchor_set_make_unique(set, out);
}

/* ------------------------------------------------------------------ */

bool anchor_decode_fragment(const char *frag, size_t len, struct strbuf *out)
{
	size_t begin = out->len;
	strbuf_grow(out, len);
	for (size_t i = 0; i < len; i++) {
		if (frag[i] == '%' && i + 2 < len && hex_value(frag[i + 1]) >= 0 &&
		    hex_value(frag[i + 2]) >= 0) {
			strbuf_addch(out, hex_value(frag[i + 1]) * 16 + hex_value(frag[i + 2]));
			i += 2;
			continue;
		}
		strbuf_addch(out, frag[i]);
	}
	return utf8_validate(out->buf + begin, out->len - begin, NULL);
}
