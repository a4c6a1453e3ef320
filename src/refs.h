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
};

struct ref {
	enum ref_kind kind;
	unsigned long number;
	char repo[64];   /* "kubernetes/kubernetes" for PRs/issues; "" for KEPs or unknown */
	size_t off, len; /* byte range of the match in the input */
};

void refs_global_init(void);
void refs_global_cleanup(void);
/* Free the calling thread's match data now (a worker thread's is also
 * freed when it exits, as long as refs_global_cleanup() has not run). */
void refs_thread_cleanup(void);

/* Find references in prose or link text: "KEP #1287", "KEP-5726",
 * "KEP 4832", "KEP: 1287", "PR #12345"/"pull request #12345" (kind PR,
 * repo ""), "issue #123" (kind ISSUE, repo ""), and any URLs inside the
 * text. Returns the number found (at most max written). */
size_t refs_in_text(const char *s, size_t len, struct ref *out, size_t max);

/* References named by one URL: https://kep.k8s.io/1287,
 * github.com/kubernetes/enhancements/issues/NNNN (KEP),
 * github.com/kubernetes/enhancements/tree/<branch>/keps/sig-x/NNNN-name
 * (KEP; also blob/), github.com/OWNER/REPO/pull/N (PR),
 * github.com/OWNER/REPO/issues/N (ISSUE, unless REPO is
 * kubernetes/enhancements). http/https, www. optional, trailing
 * fragments/queries/slashes ignored. Returns the number found (0 or 1). */
size_t refs_in_url(const char *url, size_t len, struct ref *out, size_t max);

#endif
