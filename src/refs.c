/* refs.c - KEP numbers and GitHub pull-request/issue references (PCRE2).
 *
 * One pattern, compiled once (UTF + UCP, invalid UTF-8 tolerated, JIT when
 * available), finds every form left to right without overlaps; the named
 * group that matched says which form it was. Match data is per thread:
 * created lazily through a _Thread_local pointer and registered with a
 * pthread key so a worker's is freed when it exits; refs_global_cleanup()
 * frees the calling thread's and the pattern. */
#define PCRE2_CODE_UNIT_WIDTH 8
#include "refs.h"

#include <pcre2.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "utf8.h"

/* A URL may start with a scheme and "www."; it must not continue a word,
 * a host name or a path ("foo.github.com", "//github.com" mid-URL). */
#define URL_HEAD "(?<![A-Za-z0-9_./-])(?:https?://)?(?:www\\.)?"
/* A reference number: 1 to 9 ASCII digits (longer strings are ignored). */
#define NUM "([0-9]{1,9})(?![0-9])"
/* A word form must not continue an ASCII word ("PR" in "SPRING"). */
#define WORD_HEAD "(?<![A-Za-z0-9_])"

static const char pattern[] =
	/* https://kep.k8s.io/1287 */
	URL_HEAD "(?:"
	"kep\\.k8s\\.io/(?<kepurl>[0-9]{1,9})(?![0-9])"
	/* github.com/kubernetes/enhancements/{tree,blob}/BRANCH/keps/SIG/NNNN-name
	 * (not the old date-named files, keps/sig-node/20190226-pod-overhead.md) */
	"|github\\.com/(?i:kubernetes/enhancements)/(?:tree|blob)/[^\\s/]+/keps/"
	"(?:[^\\s/]+/)?(?!(?:19|20)[0-9]{6}(?![0-9]))(?<kepdir>[0-9]{1,9})(?![0-9])"
	/* github.com/OWNER/REPO/{pull,issues}/N */
	"|github\\.com/(?<owner>[A-Za-z0-9-]{1,39})/(?<repo>[A-Za-z0-9._-]{1,100})/"
	"(?<kind>pull|issues)/(?<ghnum>[0-9]{1,9})(?![0-9])"
	/* https://issue.k8s.io/N, issues., pr., prs. (also .kubernetes.io):
	 * the redirects to kubernetes/kubernetes issues/N and pull/N */
	"|(?<k8shost>issues?|prs?)\\.(?:k8s|kubernetes)\\.io/(?<k8snum>[0-9]{1,9})(?![0-9])"
	")"
	/* The rest of the URL (a KEP folder's name, /files, ?query, #fragment),
	 * ASCII only (Japanese may follow a URL directly), without trailing
	 * sentence punctuation. */
	"(?:[-/?#][-A-Za-z0-9._~:/?#@!$&*+,;=%]*(?<![.,;:!?]))?"
	/* KEP #1287, KEP-5726, KEP 4832, KEP: 1287, KEP4381, KEP [#4832](...) */
	"|" WORD_HEAD "(?i:KEP)(?:\\s*[-:\\x{2010}\\x{2013}\\x{FF1A}])?\\s*(?:\\[\\s*)?"
	"[#\\x{FF03}]?\\s*(?<keptext>[0-9]{1,9})(?![0-9])"
	/* PR #12345, pull request #12345, プルリクエスト#12345 */
	"|" WORD_HEAD "(?:(?i:PR|pull[ -]request)|\\x{30D7}\\x{30EB}\\x{30EA}\\x{30AF}"
	"\\x{30A8}\\x{30B9}\\x{30C8})\\s*(?:\\[\\s*)?[#\\x{FF03}]?\\s*(?<prtext>[0-9]{1,9})"
	"(?![0-9])"
	/* issue #123 (the '#' is required: "issue 2" is prose) */
	"|" WORD_HEAD "(?i:issue)\\s*(?:\\[\\s*)?[#\\x{FF03}]\\s*(?<issuetext>[0-9]{1,9})(?![0-9])";

static pthread_mutex_t g_lock = PTHREAD_MUTEX_INITIALIZER;
static pcre2_code *_Atomic g_re;
static pcre2_code *g_re_at; /* the same, anchored (JIT does not take PCRE2_ANCHORED at match
                             * time); set before g_re; NULL: use g_re with PCRE2_ANCHORED */
static atomic_bool g_failed; /* compilation failed: find nothing */
static pthread_key_t g_key;
static atomic_bool g_key_ok;
static uint32_t g_ncap; /* capturing groups of the pattern */
static struct {
	int kepurl, kepdir, owner, repo, kind, ghnum, k8shost, k8snum, keptext, prtext, issuetext;
} g_grp;

static _Thread_local pcre2_match_data *t_md;

/* pthread key destructor: runs on the exiting thread. */
static void md_free(void *p)
{
	if (p == t_md)
		t_md = NULL;
	pcre2_match_data_free(p);
}

static int group(pcre2_code *re, const char *name)
{
	int n = pcre2_substring_number_from_name(re, (PCRE2_SPTR)name);
	return n > 0 ? n : 0;
}

/* Compile the pattern once. Safe to call from any thread. */
static pcre2_code *re_get(void)
{
	pcre2_code *re = atomic_load(&g_re);
	if (re || atomic_load(&g_failed))
		return re;
	pthread_mutex_lock(&g_lock);
	re = atomic_load(&g_re);
	if (!re && !atomic_load(&g_failed)) {
		int err = 0;
		PCRE2_SIZE erroff = 0;
		re = pcre2_compile((PCRE2_SPTR)pattern, PCRE2_ZERO_TERMINATED,
		                   PCRE2_UTF | PCRE2_UCP | PCRE2_MATCH_INVALID_UTF, &err, &erroff,
		                   NULL);
		if (!re) {
			PCRE2_UCHAR msg[256];
			pcre2_get_error_message(err, msg, sizeof(msg));
			fprintf(stderr, "l10nlint: internal error: refs pattern at %zu: %s\n",
			        (size_t)erroff, (const char *)msg);
			atomic_store(&g_failed, true);
		} else {
			/* JIT is an optimisation: without it pcre2_match interprets.
			 * The unanchored pattern is only ever matched with
			 * PCRE2_ANCHORED at match time, which JIT does not take (PCRE2
			 * interprets then): it is JIT-compiled only when the anchored
			 * one is missing and it is matched in its place. */
			g_re_at = pcre2_compile((PCRE2_SPTR)pattern, PCRE2_ZERO_TERMINATED,
			                        PCRE2_UTF | PCRE2_UCP | PCRE2_MATCH_INVALID_UTF |
			                        PCRE2_ANCHORED, &err, &erroff, NULL);
			if (g_re_at)
				(void)pcre2_jit_compile(g_re_at, PCRE2_JIT_COMPLETE);
			else
				(void)pcre2_jit_compile(re, PCRE2_JIT_COMPLETE);
			(void)pcre2_pattern_info(re, PCRE2_INFO_CAPTURECOUNT, &g_ncap);
			g_grp.kepurl = group(re, "kepurl");
			g_grp.kepdir = group(re, "kepdir");
			g_grp.owner = group(re, "owner");
			g_grp.repo = group(re, "repo");
			g_grp.kind = group(re, "kind");
			g_grp.ghnum = group(re, "ghnum");
			g_grp.k8shost = group(re, "k8shost");
			g_grp.k8snum = group(re, "k8snum");
			g_grp.keptext = group(re, "keptext");
			g_grp.prtext = group(re, "prtext");
			g_grp.issuetext = group(re, "issuetext");
			atomic_store(&g_re, re);
		}
	}
	if (!atomic_load(&g_key_ok) && pthread_key_create(&g_key, md_free) == 0)
		atomic_store(&g_key_ok, true);
	pthread_mutex_unlock(&g_lock);
	return re;
}

void refs_global_init(void)
{
	(void)re_get();
}

/* Free the calling thread's match data (worker threads: done at exit). */
void refs_thread_cleanup(void)
{
	if (!t_md)
		return;
	if (atomic_load(&g_key_ok))
		pthread_setspecific(g_key, NULL);
	pcre2_match_data_free(t_md);
	t_md = NULL;
}

void refs_global_cleanup(void)
{
	refs_thread_cleanup();
	pthread_mutex_lock(&g_lock);
	pcre2_code *re = atomic_exchange(&g_re, NULL);
	pcre2_code_free(re);
	pcre2_code_free(g_re_at);
	g_re_at = NULL;
	atomic_store(&g_failed, false);
	if (atomic_load(&g_key_ok)) {
		pthread_key_delete(g_key);
		atomic_store(&g_key_ok, false);
	}
	pthread_mutex_unlock(&g_lock);
}

static pcre2_match_data *md_get(pcre2_code *re)
{
	if (t_md)
		return t_md;
	/* Sized for the pattern; the pattern never changes, so a match data
	 * made for one compilation fits any later one. */
	t_md = pcre2_match_data_create_from_pattern(re, NULL);
	if (t_md && atomic_load(&g_key_ok))
		pthread_setspecific(g_key, t_md);
	return t_md;
}

static bool set(const PCRE2_SIZE *ov, int g)
{
	return g > 0 && ov[2 * g] != PCRE2_UNSET;
}

/* The number of group g (and where its digits are into *r). */
static unsigned long num_at(const char *s, const PCRE2_SIZE *ov, int g, struct ref *r)
{
	r->num_off = ov[2 * g];
	r->num_len = ov[2 * g + 1] - ov[2 * g];
	unsigned long n = 0;
	for (PCRE2_SIZE i = ov[2 * g]; i < ov[2 * g + 1]; i++)
		n = n * 10 + (unsigned long)(s[i] - '0');
	return n;
}

static char lower(char c)
{
	return (c >= 'A' && c <= 'Z') ? (char)(c - 'A' + 'a') : c;
}

/* Turn one match into a ref. Returns false when it names nothing. */
static bool make_ref(const char *s, const PCRE2_SIZE *ov, struct ref *r)
{
	memset(r, 0, sizeof(*r));
	r->off = ov[0];
	r->len = ov[1] - ov[0];
	if (set(ov, g_grp.kepurl)) {
		r->kind = REF_KEP;
		r->number = num_at(s, ov, g_grp.kepurl, r);
	} else if (set(ov, g_grp.kepdir)) {
		r->kind = REF_KEP;
		r->number = num_at(s, ov, g_grp.kepdir, r);
	} else if (set(ov, g_grp.ghnum)) {
		size_t o0 = ov[2 * g_grp.owner], o1 = ov[2 * g_grp.owner + 1];
		size_t p0 = ov[2 * g_grp.repo], p1 = ov[2 * g_grp.repo + 1];
		bool pull = s[ov[2 * g_grp.kind]] == 'p';
		/* owner/repo, lower case (GitHub ignores case). */
		char repo[sizeof(r->repo)];
		size_t n = 0;
		if ((o1 - o0) + 1 + (p1 - p0) < sizeof(repo)) {
			for (size_t i = o0; i < o1; i++)
				repo[n++] = lower(s[i]);
			repo[n++] = '/';
			for (size_t i = p0; i < p1; i++)
				repo[n++] = lower(s[i]);
		}
		repo[n] = '\0';
		bool enh = strcmp(repo, "kubernetes/enhancements") == 0;
		r->number = num_at(s, ov, g_grp.ghnum, r);
		if (!pull && enh) {
			r->kind = REF_KEP; /* enhancements issues are the KEPs' trackers */
		} else {
			r->kind = pull ? REF_PR : REF_ISSUE;
			memcpy(r->repo, repo, n + 1);
		}
	} else if (set(ov, g_grp.k8snum)) {
		r->kind = s[ov[2 * g_grp.k8shost]] == 'p' ? REF_PR : REF_ISSUE;
		r->number = num_at(s, ov, g_grp.k8snum, r);
		memcpy(r->repo, "kubernetes/kubernetes", sizeof("kubernetes/kubernetes"));
	} else if (set(ov, g_grp.keptext)) {
		r->kind = REF_KEP;
		r->number = num_at(s, ov, g_grp.keptext, r);
	} else if (set(ov, g_grp.prtext)) {
		r->kind = REF_PR;
		r->number = num_at(s, ov, g_grp.prtext, r);
	} else if (set(ov, g_grp.issuetext)) {
		r->kind = REF_ISSUE;
		r->number = num_at(s, ov, g_grp.issuetext, r);
	} else {
		return false;
	}
	return true;
}

/* Does a short link host start at t: "issue", "issues", "pr" or "prs",
 * then ".k8s.io/" or ".kubernetes.io/" (case-sensitive, as in the
 * pattern)? */
static bool short_host_at(const char *t, size_t rest)
{
	size_t i;
	if (rest >= 5 && memcmp(t, "issue", 5) == 0)
		i = 5;
	else if (rest >= 2 && t[0] == 'p' && t[1] == 'r')
		i = 2;
	else
		return false;
	if (i < rest && t[i] == 's')
		i++;
	return (rest - i >= 8 && memcmp(t + i, ".k8s.io/", 8) == 0) ||
	       (rest - i >= 15 && memcmp(t + i, ".kubernetes.io/", 15) == 0);
}

/* Does a reference URL start at t: (https?://)?(www\.)? then
 * "kep.k8s.io/", "github.com/" or a short_host_at() host (URL_HEAD and
 * the hosts of the pattern, all case-sensitive)? */
static bool url_host_at(const char *t, size_t rest)
{
	size_t i = 0;
	if (rest >= 7 && memcmp(t, "http", 4) == 0) {
		i = t[4] == 's' ? 5 : 4;
		if (rest - i < 3 || memcmp(t + i, "://", 3) != 0)
			return false;
		i += 3;
	}
	if (rest - i >= 4 && memcmp(t + i, "www.", 4) == 0)
		i += 4;
	return (rest - i >= 11 && memcmp(t + i, "kep.k8s.io/", 11) == 0) ||
	       (rest - i >= 11 && memcmp(t + i, "github.com/", 11) == 0) ||
	       short_host_at(t + i, rest - i);
}

/* Initialisers of a byte table for [0-9A-Za-z]. */
#define ALNUM_BYTES                                                                      \
	['0'] = true, ['1'] = true, ['2'] = true, ['3'] = true, ['4'] = true, ['5'] = true,     \
	['6'] = true, ['7'] = true, ['8'] = true, ['9'] = true,                                 \
	['A'] = true, ['B'] = true, ['C'] = true, ['D'] = true, ['E'] = true, ['F'] = true,     \
	['G'] = true, ['H'] = true, ['I'] = true, ['J'] = true, ['K'] = true, ['L'] = true,     \
	['M'] = true, ['N'] = true, ['O'] = true, ['P'] = true, ['Q'] = true, ['R'] = true,     \
	['S'] = true, ['T'] = true, ['U'] = true, ['V'] = true, ['W'] = true, ['X'] = true,     \
	['Y'] = true, ['Z'] = true,                                                             \
	['a'] = true, ['b'] = true, ['c'] = true, ['d'] = true, ['e'] = true, ['f'] = true,     \
	['g'] = true, ['h'] = true, ['i'] = true, ['j'] = true, ['k'] = true, ['l'] = true,     \
	['m'] = true, ['n'] = true, ['o'] = true, ['p'] = true, ['q'] = true, ['r'] = true,     \
	['s'] = true, ['t'] = true, ['u'] = true, ['v'] = true, ['w'] = true, ['x'] = true,     \
	['y'] = true, ['z'] = true

/* [A-Za-z0-9_]: what the look-behinds of every form exclude. */
static const bool word_byte[256] = {ALNUM_BYTES, ['_'] = true};

/* Where url_match() leaves the groups: PCRE2's ovector layout. */
#define HOV_PAIRS 32

/* Bytes of the pattern's URL tail class [-A-Za-z0-9._~:/?#@!$&*+,;=%]. */
static const bool tail_class[256] = {
	ALNUM_BYTES,
	['-'] = true, ['.'] = true, ['_'] = true, ['~'] = true, [':'] = true, ['/'] = true,
	['?'] = true, ['#'] = true, ['@'] = true, ['!'] = true, ['$'] = true, ['&'] = true,
	['*'] = true, ['+'] = true, [','] = true, [';'] = true, ['='] = true, ['%'] = true,
};

/* What the tail may not end in: [.,;:!?]. */
static bool tail_trim(char c)
{
	return c == '.' || c == ',' || c == ';' || c == ':' || c == '!' || c == '?';
}

/* 1 to 9 ASCII digits at s[i] not followed by another ([0-9]{1,9}(?![0-9]));
 * their end, or 0. */
static size_t digits_at(const char *s, size_t len, size_t i)
{
	size_t e = i;
	while (e < len && s[e] >= '0' && s[e] <= '9' && e - i < 10)
		e++;
	return e > i && e - i <= 9 ? e : 0;
}

/* [^\s/]+ at s[i], ASCII only: its end (i when empty); *bail when a
 * non-ASCII byte is in the way (UCP's \s and invalid UTF-8: left to
 * PCRE2). */
static size_t seg_at(const char *s, size_t len, size_t i, bool *bail)
{
	size_t e = i;
	for (; e < len; e++) {
		unsigned char c = (unsigned char)s[e];
		if (c >= 0x80) {
			*bail = true;
			return i;
		}
		if (c == '/' || c == ' ' || (c >= '\t' && c <= '\r'))
			break;
	}
	return e;
}

static bool lit(const char *s, size_t len, size_t i, const char *w, size_t n)
{
	return len - i >= n && memcmp(s + i, w, n) == 0;
}

/* The pattern's URL branch matched by hand at s[start] (anchored): the
 * ovector PCRE2 would give (unset groups PCRE2_UNSET) into ov. 1 when that
 * branch matches there, 0 when it does not, -1 when the answer needs more
 * than ASCII (UCP's \s, caseless U+212A and U+017F, invalid UTF-8: PCRE2
 * decides). Each piece of the branch
 * matches one way only (no piece can give back what the next needs: the
 * runs stop at the bytes that must follow them), so reading it left to
 * right, with the branches in the pattern's order, is the match:
 *   (?<![A-Za-z0-9_./-]) (?:https?://)? (?:www\.)?
 *   kep.k8s.io/N | github.com/kubernetes/enhancements/(tree|blob)/B/keps/
 *   (S/)? N (not a date) | github.com/OWNER/REPO/(pull|issues)/N |
 *   (issues?|prs?).(k8s|kubernetes).io/N
 * then the optional tail [-/?#][class]* not ending in [.,;:!?]. */
static int url_match(const char *s, size_t len, size_t start, PCRE2_SIZE *ov)
{
	if (g_ncap >= HOV_PAIRS)
		return -1;
	if (start > 0) {
		unsigned char p = (unsigned char)s[start - 1];
		if (word_byte[p] || p == '.' || p == '/' || p == '-')
			return 0;
	}
	size_t i = start;
	if (lit(s, len, i, "https://", 8))
		i += 8;
	else if (lit(s, len, i, "http://", 7))
		i += 7;
	if (lit(s, len, i, "www.", 4))
		i += 4;
	int g = 0; /* the number's group */
	size_t n0 = 0, n1 = 0;
	for (size_t k = 0; k < 2 * ((size_t)g_ncap + 1); k++)
		ov[k] = PCRE2_UNSET;
	bool bail = false;
	if (lit(s, len, i, "kep.k8s.io/", 11)) {
		n0 = i + 11;
		n1 = digits_at(s, len, n0);
		if (!n1)
			return 0;
		g = g_grp.kepurl;
	} else if (lit(s, len, i, "github.com/", 11)) {
		size_t h = i + 11;
		/* (?i:kubernetes/enhancements)/(?:tree|blob)/B/keps/ (ASCII only:
		 * caseless UCP also takes U+212A for k, U+017F for s) */
		static const char enh[] = "kubernetes/enhancements/";
		size_t k = 0;
		while (k < sizeof(enh) - 1 && h + k < len &&
		       (enh[k] == '/' ? s[h + k] == '/'
		                      : ((unsigned char)s[h + k] | 0x20) == enh[k])) /* letters */
			k++;
		if (k < sizeof(enh) - 1 && h + k < len && (unsigned char)s[h + k] >= 0x80)
			return -1; /* (maybe a caseless non-ASCII letter) */
		if (k == sizeof(enh) - 1 &&
		    (lit(s, len, h + k, "tree/", 5) || lit(s, len, h + k, "blob/", 5))) {
			size_t b = h + k + 5, be = seg_at(s, len, b, &bail);
			if (bail)
				return -1;
			if (be > b && lit(s, len, be, "/keps/", 6)) {
				size_t d = be + 6, se = seg_at(s, len, d, &bail);
				if (bail)
					return -1;
				/* (?:S/)? first, then without it */
				size_t tries[2] = {se > d && se < len && s[se] == '/' ? se + 1 : (size_t)-1, d};
				for (int t = 0; t < 2 && !g; t++) {
					size_t at = tries[t];
					if (at == (size_t)-1)
						continue;
					/* (?!(?:19|20)[0-9]{6}(?![0-9])): no date */
					size_t de = digits_at(s, len, at);
					if (de && de - at == 8 &&
					    ((s[at] == '1' && s[at + 1] == '9') || (s[at] == '2' && s[at + 1] == '0')))
						continue;
					if (de) {
						n0 = at;
						n1 = de;
						g = g_grp.kepdir;
					}
				}
			}
		}
		if (!g) {
			/* OWNER/REPO/(pull|issues)/N */
			size_t o = h;
			while (o < len && o - h < 40 && (word_byte[(unsigned char)s[o]] || s[o] == '-') &&
			       s[o] != '_')
				o++;
			if (o == h || o - h > 39 || o >= len || s[o] != '/')
				return 0;
			size_t r = o + 1;
			while (r < len && r - (o + 1) < 101 &&
			       (word_byte[(unsigned char)s[r]] || s[r] == '-' || s[r] == '.'))
				r++;
			if (r == o + 1 || r - (o + 1) > 100 || r >= len || s[r] != '/')
				return 0;
			size_t kd = r + 1, ke;
			if (lit(s, len, kd, "pull/", 5))
				ke = kd + 4;
			else if (lit(s, len, kd, "issues/", 7))
				ke = kd + 6;
			else
				return 0;
			n0 = ke + 1;
			n1 = digits_at(s, len, n0);
			if (!n1)
				return 0;
			g = g_grp.ghnum;
			ov[2 * g_grp.owner] = h;
			ov[2 * g_grp.owner + 1] = o;
			ov[2 * g_grp.repo] = o + 1;
			ov[2 * g_grp.repo + 1] = r;
			ov[2 * g_grp.kind] = kd;
			ov[2 * g_grp.kind + 1] = ke;
		}
	} else {
		size_t hl;
		if (lit(s, len, i, "issue", 5))
			hl = 5;
		else if (lit(s, len, i, "pr", 2))
			hl = 2;
		else
			return 0;
		if (i + hl < len && s[i + hl] == 's')
			hl++;
		size_t d;
		if (lit(s, len, i + hl, ".k8s.io/", 8))
			d = i + hl + 8;
		else if (lit(s, len, i + hl, ".kubernetes.io/", 15))
			d = i + hl + 15;
		else
			return 0;
		n0 = d;
		n1 = digits_at(s, len, n0);
		if (!n1)
			return 0;
		g = g_grp.k8snum;
		ov[2 * g_grp.k8shost] = i;
		ov[2 * g_grp.k8shost + 1] = i + hl;
	}
	if (g <= 0 || g >= HOV_PAIRS)
		return -1;
	ov[2 * g] = n0;
	ov[2 * g + 1] = n1;
	/* the tail: [-/?#] then the class, greedy, giving back what ends in
	 * [.,;:!?] (down to nothing: then the group is not there) */
	size_t end = n1;
	if (n1 < len && (s[n1] == '-' || s[n1] == '/' || s[n1] == '?' || s[n1] == '#')) {
		size_t f = n1 + 1;
		while (f < len && tail_class[(unsigned char)s[f]])
			f++;
		while (f > n1 + 1 && tail_trim(s[f - 1]))
			f--;
		if (!(f == n1 + 1 && s[n1] == '?'))
			end = f;
	}
	ov[0] = start;
	ov[1] = end;
	return 1;
}

static bool ascii_alpha(unsigned char c)
{
	return (unsigned char)((c | 0x20) - 'a') < 26;
}

/* ASCII \s: what the word forms may have between their pieces. */
static bool ascii_space(unsigned char c)
{
	return c == ' ' || (c >= '\t' && c <= '\r');
}

/* \s* from *i: past the ASCII white space there. False when a non-ASCII
 * byte is reached (Unicode white space: word_match() leaves it to PCRE2). */
static bool skip_spaces(const unsigned char *u, size_t len, size_t *i)
{
	while (*i < len && ascii_space(u[*i]))
		(*i)++;
	return *i >= len || u[*i] < 0x80;
}

/* The word forms of the pattern matched by hand at s[start] (anchored),
 * as url_match() (1, 0 or -1; ov as PCRE2's):
 *   (?<![A-Za-z0-9_]) (?i:KEP) (?:\s*[-:‐–：])? \s* (?:\[\s*)? [#＃]? \s* N
 *   (?<![A-Za-z0-9_]) (?:(?i:PR|pull[ -]request)|プルリクエスト) \s* (?:\[\s*)? [#＃]? \s* N
 *   (?<![A-Za-z0-9_]) (?i:issue) \s* (?:\[\s*)? [#＃] \s* N
 * N: [0-9]{1,9}(?![0-9]). Each optional piece takes bytes no other piece
 * after it can start with (white space, a dash, '[', '#', digits), so the
 * greedy reading is the only one that can reach N. Any non-ASCII byte
 * where a piece is read (U+212A, U+017F, Unicode white space, ‐ – ： ＃,
 * プ): -1. The forms begin with k, p and i (either case): anything else
 * is no match. */
static int word_match(const char *s, size_t len, size_t start, PCRE2_SIZE *ov)
{
	if (g_ncap >= HOV_PAIRS)
		return -1;
	if (start > 0 && word_byte[(unsigned char)s[start - 1]])
		return 0;
	const unsigned char *u = (const unsigned char *)s;
	size_t i = start;
	int g;
	bool hash_needed = false;
#define NEED_ASCII(k)                                                                              \
	do {                                                                                       \
		if ((k) < len && u[k] >= 0x80)                                                     \
			return -1;                                                                 \
	} while (0)
	/* the word, caseless */
	static const char kep[] = "kep", pr[] = "pr", pull[] = "pull", req[] = "request",
	                  issue[] = "issue";
	const char *w;
	unsigned char c0 = u[i] | 0x20;
	if (u[i] >= 0x80)
		return -1;
	if (c0 == 'k') {
		w = kep;
		g = g_grp.keptext;
	} else if (c0 == 'p') {
		NEED_ASCII(i + 1);
		w = i + 1 < len && (u[i + 1] | 0x20) == 'u' ? pull : pr;
		g = g_grp.prtext;
	} else if (c0 == 'i') {
		w = issue;
		g = g_grp.issuetext;
		hash_needed = true;
	} else {
		return 0;
	}
	for (size_t k = 0; w[k]; k++, i++) {
		NEED_ASCII(i);
		if (i >= len || (u[i] | 0x20) != w[k] || !ascii_alpha(u[i]))
			return 0;
	}
	if (w == pull) {
		NEED_ASCII(i);
		if (i >= len || (u[i] != ' ' && u[i] != '-'))
			return 0;
		i++;
		for (size_t k = 0; req[k]; k++, i++) {
			NEED_ASCII(i);
			if (i >= len || (u[i] | 0x20) != req[k] || !ascii_alpha(u[i]))
				return 0;
		}
	}
	if (!skip_spaces(u, len, &i)) /* \s* */
		return -1;
	if (w == kep && i < len && (u[i] == '-' || u[i] == ':')) {
		i++;
		if (!skip_spaces(u, len, &i))
			return -1;
	}
	if (i < len && u[i] == '[') {
		i++;
		if (!skip_spaces(u, len, &i))
			return -1;
	}
	if (i < len && u[i] == '#') {
		i++;
		if (!skip_spaces(u, len, &i))
			return -1;
	} else if (hash_needed) {
		return 0;
	}
#undef NEED_ASCII
	size_t e = digits_at(s, len, i);
	if (!e || g <= 0 || g >= HOV_PAIRS)
		return e ? -1 : 0;
	for (size_t k = 0; k < 2 * ((size_t)g_ncap + 1); k++)
		ov[k] = PCRE2_UNSET;
	ov[0] = start;
	ov[1] = e;
	ov[2 * g] = i;
	ov[2 * g + 1] = e;
	return 1;
}

/* The reference named by url[0..len) (already trimmed) into *r. Uses the
 * thread's match data. */
static bool url_ref(pcre2_code *re, pcre2_match_data *md, const char *url, size_t len,
                    struct ref *r)
{
	/* The anchored pattern (JIT) for ASCII URLs; with other bytes, an
	 * anchored match at run time can also start at the next valid UTF-8
	 * fragment, and the two do not agree there. */
	bool ascii = true;
	size_t i = 0;
	for (; i + 8 <= len && ascii; i += 8) {
		uint64_t w;
		memcpy(&w, url + i, 8);
		ascii = !(w & 0x8080808080808080ULL);
	}
	for (; i < len && ascii; i++)
		ascii = (unsigned char)url[i] < 0x80;
	/* Only the URL forms are wanted (below); in ASCII, where the match
	 * starts at 0, each starts with url_host_at()'s prefix. */
	if (ascii && !url_host_at(url, len))
		return false;
	PCRE2_SIZE hov[2 * HOV_PAIRS];
	const PCRE2_SIZE *ov = hov;
	if (!ascii || url_match(url, len, 0, hov) != 1) {
		int rc = g_re_at && ascii
		                 ? pcre2_match(g_re_at, (PCRE2_SPTR)url, len, 0, 0, md, NULL)
		                 : pcre2_match(re, (PCRE2_SPTR)url, len, 0, PCRE2_ANCHORED, md, NULL);
		if (rc < 0)
			return false;
		ov = pcre2_get_ovector_pointer(md);
	}
	if (!set(ov, g_grp.kepurl) && !set(ov, g_grp.kepdir) && !set(ov, g_grp.ghnum) &&
	    !set(ov, g_grp.k8snum))
		return false;
	/* The whole URL must be a reference URL: after the number only a
	 * subpath, query or fragment ("/files", "?x", "#issuecomment-1"), or for
	 * a KEP folder its name ("-sidecar-containers/README.md"). */
	int g = set(ov, g_grp.kepurl)   ? g_grp.kepurl
	        : set(ov, g_grp.kepdir) ? g_grp.kepdir
	        : set(ov, g_grp.ghnum)  ? g_grp.ghnum
	                                : g_grp.k8snum;
	size_t end = ov[2 * g + 1];
	if (end < len) {
		char c = url[end];
		if (!(c == '/' || c == '?' || c == '#' || (g == g_grp.kepdir && c == '-')))
			return false;
	}
	return make_ref(url, ov, r);
}

/* "issue [#753](https://github.com/kubernetes/enhancements/issues/753)":
 * when a word form (or a shorthand, "[kubernetes/kubernetes#1](…/pull/1)")
 * is the text of a link to a reference URL with the same number, the URL
 * says what it is (here a KEP, not an issue). */
static void fix_kind_from_link(pcre2_code *re, pcre2_match_data *md, const char *s, size_t len,
                               size_t end, struct ref *r)
{
	if ((r->repo[0] && r->kind != REF_GITHUB) || end + 2 >= len || s[end] != ']' ||
	    s[end + 1] != '(')
		return;
	size_t u = end + 2, e = u;
	while (e < len && s[e] != ')' && s[e] != ' ' && s[e] != '\t' && s[e] != '\n')
		e++;
	struct ref link;
	if (url_ref(re, md, s + u, e - u, &link) && link.number == r->number) {
		r->kind = link.kind;
		memcpy(r->repo, link.repo, sizeof(r->repo));
	}
}


/* Length of the caseless word w (lower-case ASCII) at t[0..rest), as
 * PCRE2's caseless UCP matching reads it: 'k' may also be U+212A KELVIN
 * SIGN and 's' U+017F LONG S (the only other characters those sets add
 * to the letters of "kep", "issue" and "pull"); 0 when it is not there. */
static size_t word_at(const char *t, size_t rest, const char *w)
{
	size_t i = 0;
	for (; *w; w++) {
		if (i < rest && (t[i] | 0x20) == *w && ((unsigned char)t[i] < 0x80)) {
			i++;
		} else if (*w == 'k' && rest - i >= 3 && memcmp(t + i, "\xE2\x84\xAA", 3) == 0) {
			i += 3;
		} else if (*w == 's' && rest - i >= 2 && memcmp(t + i, "\xC5\xBF", 2) == 0) {
			i += 2;
		} else {
			return 0;
		}
	}
	return i;
}

/* Can a match of the pattern start at i? Every form begins after a
 * character that is not [A-Za-z0-9_] (the look-behinds) with a URL of
 * kep.k8s.io, github.com or a short link host (url_host_at()), "kep"
 * (caseless: KEP-1287), "pr" followed by what may come before its number
 * (\s, '[', '#', '＃' or a digit; any non-ASCII byte is let through),
 * "pull" followed by ' ' or '-', "issue", or プ. Trying the pattern,
 * anchored, only where this holds finds what the unanchored search finds
 * (the leftmost match), without running it at every letter of the text. */
static bool may_start(const char *s, size_t len, size_t i)
{
	if (i > 0 && word_byte[(unsigned char)s[i - 1]])
		return false;
	size_t rest = len - i, n;
	const char *t = s + i;
	switch ((unsigned char)t[0]) {
	case 'h':
	case 'w':
	case 'g':
		return url_host_at(t, rest);
	case 'k':
	case 'K':
	case 0xE2: /* U+212A KELVIN SIGN */
		return word_at(t, rest, "kep") != 0;
	case 'p':
	case 'P':
		if (short_host_at(t, rest))
			return true; /* pr.k8s.io/N */
		if (rest >= 2 && (t[1] | 0x20) == 'r') {
			if (rest == 2)
				return false; /* a number must follow */
			unsigned char c = (unsigned char)t[2];
			return c >= 0x80 || (c >= '0' && c <= '9') || c == '#' || c == '[' || c == ' ' ||
			       (c >= '\t' && c <= '\r');
		}
		n = word_at(t, rest, "pull");
		return n && n < rest && (t[n] == ' ' || t[n] == '-');
	case 0xE3: /* プ */
		return rest >= 3 && memcmp(t, "\xE3\x83\x97", 3) == 0;
	case 'i':
	case 'I':
		return word_at(t, rest, "issue") != 0;
	default:
		return false;
	}
}

#if defined(__SSE2__)
#include <emmintrin.h>

/* Bytes of v in [lo, lo + span]: unsigned, with wrap-around. */
static inline __m128i in_range(__m128i v, unsigned char lo, unsigned char span)
{
	__m128i d = _mm_sub_epi8(v, _mm_set1_epi8((char)lo));
	return _mm_cmpeq_epi8(_mm_min_epu8(d, _mm_set1_epi8((char)span)), d);
}
#endif

/* The bytes may_start() can accept first. */
static const bool start_byte[256] = {
	['h'] = true, ['w'] = true, ['g'] = true, ['k'] = true, ['K'] = true, [0xE2] = true,
	['p'] = true, ['P'] = true, [0xE3] = true, ['i'] = true, ['I'] = true,
};

/* The first i in [from, lim) where may_start() holds, or len when there
 * is none (lim <= len). 16 positions at a time where SSE2 is there: a
 * match can start at i only after a byte that is not [A-Za-z0-9_] and
 * with one of these two-byte pairs, read caseless (byte | 0x20, which
 * lets more pairs through, never fewer): "ht" (http), "ww" (www.), "gi"
 * (github.com), "ke" (kep.k8s.io, KEP: its 'e' is ASCII; 'k' may also be
 * U+212A, E2 84 AA), "pr" (pr.k8s.io, PR), "pu" (pull), "is" (issue; its
 * 's' may also be U+017F, C5 BF), E2 84 (U+212A) and E3 83 (プ): only
 * those positions go to may_start(), which decides. */
static size_t next_start(const char *s, size_t len, size_t from, size_t lim)
{
	size_t i = from;
#if defined(__SSE2__)
	if (i == 0 && lim > 0) {
		if (may_start(s, len, 0))
			return 0;
		i = 1;
	}
	const __m128i x20 = _mm_set1_epi8(0x20);
#define PAIR(a, b) _mm_set1_epi16((short)((unsigned char)(a) | ((unsigned char)(b) << 8)))
	const __m128i ht = PAIR('h', 't'), ww = PAIR('w', 'w'), gi = PAIR('g', 'i'),
	              ke = PAIR('k', 'e'), pr = PAIR('p', 'r'), pu = PAIR('p', 'u'),
	              is = PAIR('i', 's'), is2 = PAIR('i', 0xC5 | 0x20), kel = PAIR(0xE2, 0x84 | 0x20),
	              pu3 = PAIR(0xE3, 0x83 | 0x20);
#undef PAIR
	while (i < lim && i + 17 <= len) {
		/* pairs (s[k], s[k + 1]) at even and at odd k - i */
		__m128i e = _mm_or_si128(_mm_loadu_si128((const __m128i *)(const void *)(s + i)), x20);
		__m128i o =
			_mm_or_si128(_mm_loadu_si128((const __m128i *)(const void *)(s + i + 1)), x20);
		__m128i pe = _mm_or_si128(
			_mm_or_si128(_mm_or_si128(_mm_cmpeq_epi16(e, ht), _mm_cmpeq_epi16(e, ww)),
			             _mm_or_si128(_mm_cmpeq_epi16(e, gi), _mm_cmpeq_epi16(e, ke))),
			_mm_or_si128(_mm_or_si128(_mm_or_si128(_mm_cmpeq_epi16(e, pr), _mm_cmpeq_epi16(e, pu)),
			                          _mm_or_si128(_mm_cmpeq_epi16(e, is), _mm_cmpeq_epi16(e, is2))),
			             _mm_or_si128(_mm_cmpeq_epi16(e, kel), _mm_cmpeq_epi16(e, pu3))));
		__m128i po = _mm_or_si128(
			_mm_or_si128(_mm_or_si128(_mm_cmpeq_epi16(o, ht), _mm_cmpeq_epi16(o, ww)),
			             _mm_or_si128(_mm_cmpeq_epi16(o, gi), _mm_cmpeq_epi16(o, ke))),
			_mm_or_si128(_mm_or_si128(_mm_or_si128(_mm_cmpeq_epi16(o, pr), _mm_cmpeq_epi16(o, pu)),
			                          _mm_or_si128(_mm_cmpeq_epi16(o, is), _mm_cmpeq_epi16(o, is2))),
			             _mm_or_si128(_mm_cmpeq_epi16(o, kel), _mm_cmpeq_epi16(o, pu3))));
		unsigned m = ((unsigned)_mm_movemask_epi8(pe) & 0x5555u) |
		             (((unsigned)_mm_movemask_epi8(po) & 0x5555u) << 1);
		while (m) {
			size_t k = i + (size_t)__builtin_ctz(m);
			if (k >= lim)
				return len;
			if (!word_byte[(unsigned char)s[k - 1]] && may_start(s, len, k))
				return k;
			m &= m - 1;
		}
		i += 16;
	}
#endif
	while (i < lim && !(start_byte[(unsigned char)s[i]] && may_start(s, len, i)))
		i++;
	return i < lim ? i : len;
}

/* The last ASCII digit of s, or len when there is none. */
static size_t last_digit(const char *s, size_t len)
{
	size_t i = len;
#if defined(__SSE2__)
	while (i >= 16) {
		__m128i v = _mm_loadu_si128((const __m128i *)(const void *)(s + i - 16));
		unsigned m = (unsigned)_mm_movemask_epi8(in_range(v, '0', 9));
		if (m)
			return i - 16 + (size_t)(31 - __builtin_clz(m));
		i -= 16;
	}
#endif
	while (i > 0) {
		i--;
		if (s[i] >= '0' && s[i] <= '9')
			return i;
	}
	return len;
}

size_t refs_next_digit(const char *s, size_t len, size_t from)
{
	size_t i = from;
#if defined(__SSE2__)
	for (; i + 16 <= len; i += 16) {
		__m128i v = _mm_loadu_si128((const __m128i *)(const void *)(s + i));
		unsigned m = (unsigned)_mm_movemask_epi8(in_range(v, '0', 9));
		if (m)
			return i + (size_t)__builtin_ctz(m);
	}
	if (i < len && len >= 16) {
		/* the last 16 bytes, without those before i */
		__m128i v = _mm_loadu_si128((const __m128i *)(const void *)(s + len - 16));
		unsigned m = (unsigned)_mm_movemask_epi8(in_range(v, '0', 9)) >> (i - (len - 16));
		return m ? i + (size_t)__builtin_ctz(m) : len;
	}
#endif
	while (i < len && (unsigned char)(s[i] - '0') >= 10)
		i++;
	return i;
}

/* Does s[0..len) hold a host a reference URL names: "github.com/", or
 * ".io" in any case (kep.k8s.io, issue.k8s.io, pr.kubernetes.io)? */
static bool ref_host(const char *s, size_t len)
{
	for (const char *p = memchr(s, '.', len); p; p = memchr(p + 1, '.', len - (size_t)(p + 1 - s))) {
		if (p + 2 < s + len && (p[1] | 0x20) == 'i' && (p[2] | 0x20) == 'o')
			return true;
		if (p >= s + 6 && p + 5 <= s + len && memcmp(p - 6, "github.com/", 11) == 0)
			return true;
	}
	return false;
}

/* Does s[0..len) hold a '#' between a name character ([A-Za-z0-9._-])
 * and a digit, as every owner/repo#N shorthand does? */
static bool hash_number(const char *s, size_t len)
{
	for (const char *p = memchr(s, '#', len); p; p = memchr(p + 1, '#', len - (size_t)(p + 1 - s)))
		if (p > s && p + 1 < s + len && p[1] >= '0' && p[1] <= '9' &&
		    (word_byte[(unsigned char)p[-1]] || p[-1] == '.' || p[-1] == '-'))
			return true;
	return false;
}

/* A non-ASCII character the pattern may take between a keyword and its
 * number: \s with UCP (U+0085, U+00A0, U+1680, U+180E, U+2000-200A,
 * U+2028, U+2029, U+202F, U+205F, U+3000), U+2010, U+2013, U+FF1A and
 * U+FF03 (all of U+2000-206F is taken, to be safe). */
static bool ref_separator(uint32_t c)
{
	return c == 0x85 || c == 0xA0 || c == 0x1680 || c == 0x180E || (c >= 0x2000 && c <= 0x206F) ||
	       c == 0x3000 || c == 0xFF1A || c == 0xFF03;
}

/* Do the ASCII letters s[0..n) end in w (lower case), in any case? */
static bool ends_with_ci(const char *s, size_t n, const char *w, size_t wl)
{
	if (n < wl)
		return false;
	for (size_t i = 0; i < wl; i++)
		if ((s[n - wl + i] | 0x20) != w[i])
			return false;
	return true;
}

/* Can the digit run starting at s[i] be the number of a word form (see
 * refs_may_be_in_text())? */
static bool keyword_before(const char *s, size_t i)
{
	size_t k = i;
	uint32_t stop = 0; /* the non-ASCII character before the separators */
	while (k > 0) {
		unsigned char ch = (unsigned char)s[k - 1];
		if (ch < 0x80) {
			if (ascii_alpha(ch) || (ch >= '0' && ch <= '9'))
				break;
			k--;
			continue;
		}
		size_t q;
		uint32_t cp = utf8_prev(s, k, &q);
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
	if (k == 0)
		return false; /* the start: no keyword */
	/* Every keyword ends in an ASCII letter that names it (KEP, PR,
	 * request, issue: U+212A and U+017F stand only for earlier letters);
	 * a digit there, or any other letter, is no keyword. */
	const char *w;
	size_t wl;
	switch (s[k - 1] | 0x20) {
	case 'p':
		w = "kep";
		wl = 3;
		break;
	case 'r':
		w = "pr";
		wl = 2;
		break;
	case 't':
		w = "request";
		wl = 7;
		break;
	case 'e':
		w = "issue";
		wl = 5;
		break;
	default:
		return false;
	}
	size_t e = k;
	while (k > 0 && ascii_alpha((unsigned char)s[k - 1]))
		k--;
	if (k > 0 && (unsigned char)s[k - 1] >= 0x80) {
		size_t q;
		uint32_t cp = utf8_prev(s, k, &q);
		if (cp == 0xFFFFFFFF || cp == 0x212A || cp == 0x17F)
			return true;
	}
	return ends_with_ci(s + k, e - k, w, wl);
}

bool refs_may_be_in_text(const char *s, size_t len, size_t from)
{
	/* keyword_before() at the first digit of each digit run (none
	 * before from) */
	bool digit = false;
	size_t i = from;
#if defined(__SSE2__)
	unsigned carry = 0; /* the byte before these 16 is a digit */
	for (; i + 16 <= len; i += 16) {
		__m128i v = _mm_loadu_si128((const __m128i *)(const void *)(s + i));
		unsigned d = (unsigned)_mm_movemask_epi8(in_range(v, '0', 9));
		unsigned first = d & ~((d << 1) | carry);
		carry = d >> 15;
		digit = digit || d;
		for (; first; first &= first - 1)
			if (keyword_before(s, i + (size_t)__builtin_ctz(first)))
				return true;
	}
	if (i < len) {
		/* the last 1..15 bytes: from the last 16 of s, or from a copy
		 * padded with NULs (no digit), without the bits before i */
		size_t base = len >= 16 ? len - 16 : 0;
		char pad[16] = {0};
		const char *p = s + base;
		if (len < 16) {
			memcpy(pad, s, len);
			p = pad;
		}
		__m128i v = _mm_loadu_si128((const __m128i *)(const void *)p);
		unsigned d = (unsigned)_mm_movemask_epi8(in_range(v, '0', 9)) & (0xFFFFu << (i - base));
		unsigned first = d & ~((d << 1) | (carry << (i - base)));
		digit = digit || d;
		for (; first; first &= first - 1)
			if (keyword_before(s, base + (size_t)__builtin_ctz(first)))
				return true;
		i = len;
	}
#endif
	for (; i < len; i++) {
		if (s[i] < '0' || s[i] > '9')
			continue;
		digit = true;
		if ((i == 0 || s[i - 1] < '0' || s[i - 1] > '9') && keyword_before(s, i))
			return true;
	}
	/* every form ends in digits */
	return digit && (ref_host(s, len) || hash_number(s, len));
}

bool refs_may_be_url(const char *url, size_t len)
{
	return refs_next_digit(url, len, 0) < len && ref_host(url, len);
}


/* A GitHub owner name's bytes: [A-Za-z0-9-]. */
static bool owner_byte(unsigned char c)
{
	return (word_byte[c] && c != '_') || c == '-';
}

/* A repository name's bytes: [A-Za-z0-9._-]. */
static bool repo_byte(unsigned char c)
{
	return word_byte[c] || c == '-' || c == '.';
}

/* Bytes after which a shorthand would continue a word, a path, a URL,
 * a query or a fragment ("/docs/page#123", "?a=b/c#1", "{#x/y#2}"). */
static bool short_glue(unsigned char c)
{
	return word_byte[c] || (c && strchr("./-#@:%&=?~+\\", c));
}

/* GitHub's shorthand "owner/repo#N" (owner [A-Za-z0-9-]{1,39} not
 * starting with '-', repo [A-Za-z0-9._-]{1,100}, each with a letter; N
 * 1 to 9 digits not followed by [A-Za-z0-9_#/-]) standing as a word of its
 * own: not after short_glue() bytes, nor as a link's destination
 * ("](owner/repo#1)" is a relative path). The first one starting at or
 * after lo into *r; returns its start, or len when there is none. Its
 * '#' is after its start, so one memchr() walk finds them all. */
static size_t next_shorthand(const char *s, size_t len, size_t lo, struct ref *r)
{
	const unsigned char *u = (const unsigned char *)s;
	const char *h = s + lo;
	while (h < s + len && (h = memchr(h, '#', (size_t)(s + len - h))) != NULL) {
		size_t at = (size_t)(h - s), d = at + 1, e = d;
		h++;
		while (e < len && u[e] >= '0' && u[e] <= '9' && e - d < 10)
			e++;
		if (e == d || e - d > 9 ||
		    (e < len && (word_byte[u[e]] || u[e] == '-' || u[e] == '#' || u[e] == '/')))
			continue;
		size_t rp = at;
		bool letter = false;
		while (rp > 0 && at - rp < 101 && repo_byte(u[rp - 1]))
			letter |= ascii_alpha(u[--rp]);
		if (rp == at || at - rp > 100 || !letter || rp < 2 || u[rp - 1] != '/')
			continue;
		size_t sl = rp - 1, op = sl;
		letter = false;
		while (op > 0 && sl - op < 40 && owner_byte(u[op - 1]))
			letter |= ascii_alpha(u[--op]);
		if (op == sl || sl - op > 39 || !letter || u[op] == '-' || op < lo ||
		    (op > 0 && short_glue(u[op - 1])) ||
		    (op >= 2 && u[op - 1] == '(' && u[op - 2] == ']'))
			continue;
		memset(r, 0, sizeof(*r));
		r->off = op;
		r->len = e - op;
		r->num_off = d;
		r->num_len = e - d;
		for (size_t i = d; i < e; i++)
			r->number = r->number * 10 + (unsigned long)(u[i] - '0');
		/* owner/repo, lower case (GitHub ignores case); "" when longer
		 * than repo[] holds */
		size_t n = 0;
		if (at - op < sizeof(r->repo))
			for (size_t i = op; i < at; i++)
				r->repo[n++] = lower(s[i]);
		r->repo[n] = '\0';
		if (strcmp(r->repo, "kubernetes/enhancements") == 0) {
			r->kind = REF_KEP; /* its issues are the KEPs' trackers */
			r->repo[0] = '\0';
		} else {
			r->kind = REF_GITHUB;
		}
		return op;
	}
	return len;
}

size_t refs_in_text(const char *s, size_t len, struct ref *out, size_t max)
{
	pcre2_code *re = re_get();
	if (!re || !s || !len)
		return 0;
	pcre2_match_data *md = md_get(re);
	if (!md)
		return 0;
	/* Every form ends in ASCII digits ([0-9]{1,9}; the shorthand's too)
	 * after a start that is no digit: none without a digit, and none
	 * starting at or after the last one. */
	size_t lim = last_digit(s, len);
	if (lim == len)
		return 0;
	size_t found = 0;
	PCRE2_SIZE start = 0;
	/* The next shorthand and the next place the pattern may start, each
	 * at or after start: kept while start has not passed them (what is
	 * first at or after start is first at or after any later start up to
	 * it). Leftmost first; the pattern when both start at one place. */
	struct ref sh;
	size_t sh_at = 0, cand = 0;
	bool sh_known = false, cand_known = false;
	while (start < len) {
		if (!sh_known || sh_at < start) {
			sh_at = next_shorthand(s, len, start, &sh);
			sh_known = true;
		}
		if (!cand_known || cand < start) {
			cand = next_start(s, len, start, lim);
			cand_known = true;
		}
		if (sh_at < cand) {
			if (sh.kind == REF_GITHUB)
				fix_kind_from_link(re, md, s, len, sh.off + sh.len, &sh); /* reuses md */
			if (out && found < max)
				out[found] = sh;
			found++;
			start = sh.off + sh.len;
			continue;
		}
		start = cand;
		if (start >= len)
			break;
		/* the pattern by hand where ASCII decides it; PCRE2 otherwise */
		PCRE2_SIZE hov[2 * HOV_PAIRS];
		const PCRE2_SIZE *ov = hov;
		int hand = url_match(s, len, start, hov);
		if (hand == 0)
			hand = word_match(s, len, start, hov);
		if (hand == 0) {
			if (sh_at == start)
				cand = start + 1; /* no form there: the shorthand, next round */
			else
				start++;
			continue;
		}
		if (hand < 0) {
			int rc = g_re_at
			                 ? pcre2_match(g_re_at, (PCRE2_SPTR)s, len, start, 0, md, NULL)
			                 : pcre2_match(re, (PCRE2_SPTR)s, len, start, PCRE2_ANCHORED, md,
			                               NULL);
			/* (with invalid UTF-8 in the subject, an anchored match may
			 * also start at the next valid fragment: not here, then) */
			if (rc == PCRE2_ERROR_NOMATCH ||
			    (rc >= 0 && pcre2_get_ovector_pointer(md)[0] != start)) {
				if (sh_at == start)
					cand = start + 1; /* no form there: the shorthand, next round */
				else
					start++;
				continue;
			}
			if (rc < 0)
				break; /* a resource limit */
			ov = pcre2_get_ovector_pointer(md);
		}
		PCRE2_SIZE m0 = ov[0], m1 = ov[1];
		bool word = set(ov, g_grp.keptext) || set(ov, g_grp.prtext) || set(ov, g_grp.issuetext);
		struct ref r;
		if (make_ref(s, ov, &r)) {
			if (word)
				fix_kind_from_link(re, md, s, len, m1, &r); /* reuses md */
			if (out && found < max)
				out[found] = r;
			found++;
		}
		if (m1 > m0) {
			start = m1;
		} else { /* cannot happen (no empty matches); step one character */
			start = m0 + 1;
			while (start < len && ((unsigned char)s[start] & 0xC0) == 0x80)
				start++;
		}
	}
	return found;
}

size_t refs_in_url(const char *url, size_t len, struct ref *out, size_t max)
{
	pcre2_code *re = re_get();
	if (!re || !url)
		return 0;
	size_t base = 0;
	while (base < len && (url[base] == ' ' || url[base] == '\t' || url[base] == '<'))
		base++;
	url += base;
	len -= base;
	while (len && (url[len - 1] == ' ' || url[len - 1] == '\t' || url[len - 1] == '>'))
		len--;
	if (!len)
		return 0;
	pcre2_match_data *md = md_get(re);
	if (!md)
		return 0;
	struct ref r;
	if (!url_ref(re, md, url, len, &r))
		return 0;
	r.off += base;
	r.num_off += base;
	if (out && max)
		out[0] = r;
	return 1;
}

static bool same_class(enum ref_kind a, enum ref_kind b)
{
	return (a == REF_KEP) == (b == REF_KEP);
}

unsigned long refs_link_text_number(const char *text, size_t len, enum ref_kind want,
                                    unsigned long url_num, bool *agrees, size_t *off,
                                    size_t *dlen)
{
	struct ref r[8];
	size_t n = refs_in_text(text, len, r, 8);
	if (n > 8)
		n = 8;
	unsigned long first = 0;
	size_t at = 0, digits = 0;
	*agrees = false;
	for (size_t i = 0; i < n; i++) {
		if (!same_class(r[i].kind, want))
			continue;
		if (r[i].number == url_num)
			*agrees = true;
		if (!first) {
			first = r[i].number;
			at = r[i].num_off;
			digits = r[i].num_len;
		}
	}
	if (!first && !n) {
		/* the whole text a number, maybe after a word naming it: "#123",
		 * "Issue 123" */
		static const char *const words[] = {"issue", "pr", "pull request", "kep"};
		size_t p = 0;
		while (p < len && text[p] == ' ')
			p++;
		for (size_t i = 0; i < sizeof(words) / sizeof(words[0]); i++) {
			size_t wl = strlen(words[i]), k = 0;
			while (k < wl && p + k < len && lower(text[p + k]) == words[i][k])
				k++;
			if (k == wl && p + wl < len && (text[p + wl] == ' ' || text[p + wl] == '#')) {
				p += wl;
				while (p < len && text[p] == ' ')
					p++;
				break;
			}
		}
		if (p < len && text[p] == '#')
			p++;
		else if (len - p >= 3 && memcmp(text + p, "\xEF\xBC\x83", 3) == 0) /* ＃ */
			p += 3;
		unsigned long v = 0;
		size_t d = p;
		while (d < len && text[d] >= '0' && text[d] <= '9' && d - p < 10) {
			v = v * 10 + (unsigned long)(text[d] - '0');
			d++;
		}
		size_t e = d;
		while (e < len && text[e] == ' ')
			e++;
		if (d > p && d - p < 10 && e == len) {
			first = v;
			at = p;
			digits = d - p;
			*agrees = v == url_num;
		}
	}
	if (off)
		*off = first ? at : 0;
	if (dlen)
		*dlen = first ? digits : 0;
	return first;
}
