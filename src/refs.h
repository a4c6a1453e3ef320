/* refs.h - KEP numbers and GitHub pull-request/issue references (PCRE2).
 *
 * Patterns are compiled once (JIT when available): call refs_global_init()
 * before starting threads. Match data is per thread. */
#ifndef L10N_REFS_H
#define L10N_REFS_H
#include <stdbool.h>
#include <stddef.h>

enum ref_kind {
	REF_KEP,   /* a Kubernetes Enhancement Proposal number */
	REF_PR,    /* a GitHub pull request */
	REF_ISSUE, /* a GitHub issue (not in kubernetes/enhancements) */
	REF_GITHUB, /* owner/repo#N: a GitHub issue or pull request */
};

struct ref {
	enum ref_kind kind;
	unsigned long number;
	char repo[64];   /* "kubernetes/kubernetes" (lower case) for PRs/issues; "" for KEPs
	                  * or unknown */
	size_t off, len; /* byte range of the match in the input */
	size_t num_off, num_len; /* ... and of the number's digits */
};

void refs_global_init(void);
void refs_global_cleanup(void);
/* Free the calling thread's match data now (a worker thread's is also
 * freed when it exits, as long as refs_global_cleanup() has not run). */
void refs_thread_cleanup(void);

/* Find references in prose or link text: "KEP #1287", "KEP-5726",
 * "KEP 4832", "KEP: 1287", "PR #12345"/"pull request #12345" (kind PR,
 * repo ""), "issue #123" (kind ISSUE, repo ""), GitHub's shorthand
 * "kubernetes/kubernetes#123" (kind GITHUB: issue or pull request; KEP
 * for kubernetes/enhancements; as a word of its own, not in a path, URL
 * or fragment; the kind of the URL instead when it is the text of a link
 * to the same number), and any URLs inside the text (refs_in_url()
 * forms). Returns the number found (at most max written). */
size_t refs_in_text(const char *s, size_t len, struct ref *out, size_t max);

/* References named by one URL: https://kep.k8s.io/1287,
 * https://issue.k8s.io/N and https://pr.k8s.io/N (also issues., prs.
 * and .kubernetes.io: kubernetes/kubernetes issue N, pull request N),
 * github.com/kubernetes/enhancements/issues/NNNN (KEP),
 * github.com/kubernetes/enhancements/tree/<branch>/keps/sig-x/NNNN-name
 * (KEP; also blob/), github.com/OWNER/REPO/pull/N (PR),
 * github.com/OWNER/REPO/issues/N (ISSUE, unless REPO is
 * kubernetes/enhancements). http/https, www. optional, trailing
 * fragments/queries/slashes ignored. Returns the number found (0 or 1). */
size_t refs_in_url(const char *url, size_t len, struct ref *out, size_t max);

/* The first ASCII digit of s[0..len) at or after from, or len. Every
 * reference refs_in_text() and refs_in_url() find has one (their number:
 * [0-9]{1,9}), and so does every number refs_link_text_number() reads:
 * texts without are skipped before calling them. */
size_t refs_next_digit(const char *s, size_t len, size_t from);

/* Can refs_in_text() find a reference in s[0..len)? False only when it
 * finds none: a looser test than its pattern, never a stricter one
 * (callers skip the call, and what they prepare for it, when it says no).
 * No ASCII digit of s may lie before `from` (0 when that is not known;
 * the offset of the first digit saves looking for it again).
 * Exact because every form the pattern reads holds one of these: the URL
 * forms name the host "github.com/" or one ending in ".io" (kep.k8s.io,
 * issue.k8s.io, pr.kubernetes.io); owner/repo#N has a '#' between a name
 * character and a digit; the word forms are a keyword (KEP, PR, pull
 * request, issue, プルリクエスト; caseless, k also the Kelvin sign U+212A
 * and s the long s U+017F) then only separators (ASCII non-alphanumerics
 * or the pattern's non-ASCII spaces and dashes) before a run of ASCII
 * digits. So without those hosts and '#', from the start of some digit
 * run, back across separators, there is ト (the end of プルリクエスト), or
 * ASCII letters ending in "kep", "pr", "request" or "issue" in any case,
 * or ASCII letters right after U+212A or U+017F, or bytes that are not
 * well-formed UTF-8 (taken as a yes). */
bool refs_may_be_in_text(const char *s, size_t len, size_t from);

/* Can refs_in_url() find a reference in url[0..len)? False only when it
 * finds none: every URL form it reads names the host "github.com/" or one
 * ending in ".io" and has ASCII digits (its number). */
bool refs_may_be_url(const char *url, size_t len);

/* The number the text of a link to a reference of kind `want` names in
 * that kind's class (KEPs; GitHub pull requests and issues): the first
 * reference of the class refs_in_text() finds in it ("KEP #1287",
 * "PR 12", "kubernetes/kubernetes#12"), or, when it finds none of any
 * class, the whole text as a number, maybe after a word ("#123", "123",
 * "Issue 123", "KEP 7"). 0 when none. *agrees: url_num is among the
 * numbers of the class read (or is the whole-text number). *off, *dlen
 * (when not NULL): where the digits of the number returned are in text. */
unsigned long refs_link_text_number(const char *text, size_t len, enum ref_kind want,
                                    unsigned long url_num, bool *agrees, size_t *off,
                                    size_t *dlen);

#endif
