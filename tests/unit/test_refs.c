/* Unit tests: refs.c - KEP numbers, pull requests and issues in prose and
 * in URLs. */
#include <pthread.h>
#include <string.h>

#include "refs.h"
#include "unit.h"

static struct ref r[8];

static size_t text(const char *s)
{
	memset(r, 0x55, sizeof(r));
	return refs_in_text(s, strlen(s), r, 8);
}

static size_t url(const char *s)
{
	memset(r, 0x55, sizeof(r));
	return refs_in_url(s, strlen(s), r, 8);
}

static const char *span(const char *s, const struct ref *x)
{
	static char buf[256];
	size_t len = x->len < sizeof(buf) - 1 ? x->len : sizeof(buf) - 1;
	memcpy(buf, s + x->off, len);
	buf[len] = '\0';
	return buf;
}

#define IS_KEP(x, n)                                                           \
	do {                                                                       \
		CHECK_INT((x).kind, REF_KEP);                                          \
		CHECK_INT((x).number, n);                                              \
		CHECK_STR((x).repo, "");                                               \
	} while (0)

static void test_text_forms(void)
{
	const char *s = "[KEP #1287](https://kep.k8s.io/1287)";
	/* The caller usually passes link text and URL apart... */
	CHECK_INT(text("KEP #1287"), 1);
	IS_KEP(r[0], 1287);
	CHECK_INT(r[0].off, 0);
	CHECK_INT(r[0].len, 9);
	CHECK_INT(url("https://kep.k8s.io/1287"), 1);
	IS_KEP(r[0], 1287);
	CHECK_INT(r[0].off, 0);
	CHECK_INT(r[0].len, 23);
	/* ...and a raw line gives both (duplicates are not merged). */
	CHECK_INT(text(s), 2);
	IS_KEP(r[0], 1287);
	CHECK_STR(span(s, &r[0]), "KEP #1287");
	IS_KEP(r[1], 1287);
	CHECK_STR(span(s, &r[1]), "https://kep.k8s.io/1287");

	s = "See (KEP-5726) for details.";
	CHECK_INT(text(s), 1);
	IS_KEP(r[0], 5726);
	CHECK_STR(span(s, &r[0]), "KEP-5726");
	CHECK_INT(r[0].off, 5);

	s = "KEP [#4832](https://github.com/kubernetes/enhancements/issues/4832)";
	CHECK_INT(text(s), 2);
	IS_KEP(r[0], 4832);
	CHECK_STR(span(s, &r[0]), "KEP [#4832");
	IS_KEP(r[1], 4832);
	CHECK_STR(span(s, &r[1]), "https://github.com/kubernetes/enhancements/issues/4832");
	CHECK_INT(text("KEP #4832"), 1);
	IS_KEP(r[0], 4832);
	CHECK_INT(text("KEP 4832"), 1);
	IS_KEP(r[0], 4832);
	CHECK_INT(text("KEP: 1287"), 1);
	IS_KEP(r[0], 1287);
	CHECK_INT(text("kep-42 and Kep #43"), 2);
	CHECK_INT(r[1].number, 43);

	s = "この変更はKEP #4381の一部として導入されました。";
	CHECK_INT(text(s), 1);
	IS_KEP(r[0], 4381);
	CHECK_STR(span(s, &r[0]), "KEP #4381");
	CHECK_INT(r[0].off, strlen("この変更は"));
	CHECK_INT(text("KEP4381"), 1);
	IS_KEP(r[0], 4381);
	CHECK_INT(text("（KEP＃４３８１）とKEP：12"), 1); /* full-width digits are not refs */
	IS_KEP(r[0], 12);
	CHECK_INT(text("KEP\xE3\x80\x80#77"), 1); /* ideographic space */
	IS_KEP(r[0], 77);

	s = "Read kep.k8s.io/1287 first.";
	CHECK_INT(text(s), 1);
	IS_KEP(r[0], 1287);
	CHECK_STR(span(s, &r[0]), "kep.k8s.io/1287");

	/* A bare #1288 is not a reference. */
	CHECK_INT(text("KEP #1287 and #1288"), 1);
	IS_KEP(r[0], 1287);
	CHECK_INT(text("#1288"), 0);
	/* More than 9 digits: ignored. */
	CHECK_INT(text("KEP #1234567890"), 0);
	CHECK_INT(text("KEP #123456789"), 1);
	CHECK_INT(r[0].number, 123456789);
	CHECK_INT(text("https://github.com/kubernetes/kubernetes/pull/12345678901"), 0);
	/* Not a reference word. */
	CHECK_INT(text("KEPs 12 and SKEP 5 and keeper 3 and KEP"), 0);
	CHECK_INT(text(""), 0);

	s = "Fixed in PR #12345, pull request #678 and Pull-Request 9; see issue #123.";
	CHECK_INT(text(s), 4);
	CHECK_INT(r[0].kind, REF_PR);
	CHECK_INT(r[0].number, 12345);
	CHECK_STR(r[0].repo, "");
	CHECK_STR(span(s, &r[0]), "PR #12345");
	CHECK_INT(r[1].kind, REF_PR);
	CHECK_INT(r[1].number, 678);
	CHECK_INT(r[2].kind, REF_PR);
	CHECK_INT(r[2].number, 9);
	CHECK_INT(r[3].kind, REF_ISSUE);
	CHECK_INT(r[3].number, 123);
	CHECK_STR(r[3].repo, "");
	CHECK_INT(text("プルリクエスト#5000を参照"), 1);
	CHECK_INT(r[0].kind, REF_PR);
	CHECK_INT(text("this issue 2 times, SPR 5, APR #3"), 0);
}

static void test_urls(void)
{
	const char *u = "https://github.com/kubernetes/enhancements/issues/4832";
	CHECK_INT(url(u), 1);
	IS_KEP(r[0], 4832);
	CHECK_INT(r[0].len, strlen(u));
	CHECK_INT(url("https://github.com/kubernetes/enhancements/tree/master/keps/sig-node/"
	              "753-sidecar-containers"),
	          1);
	IS_KEP(r[0], 753);
	u = "https://github.com/kubernetes/enhancements/blob/master/keps/sig-auth/"
	    "4633-anonymous-auth-configurable-endpoints/README.md";
	CHECK_INT(url(u), 1);
	IS_KEP(r[0], 4633);
	CHECK_INT(r[0].len, strlen(u));
	CHECK_INT(url("https://github.com/kubernetes/enhancements/tree/master/keps/753"), 1);
	IS_KEP(r[0], 753);

	CHECK_INT(url("https://github.com/kubernetes/kubernetes/pull/128043"), 1);
	CHECK_INT(r[0].kind, REF_PR);
	CHECK_INT(r[0].number, 128043);
	CHECK_STR(r[0].repo, "kubernetes/kubernetes");
	CHECK_INT(url("https://github.com/kubernetes/website/issues/54206"), 1);
	CHECK_INT(r[0].kind, REF_ISSUE);
	CHECK_INT(r[0].number, 54206);
	CHECK_STR(r[0].repo, "kubernetes/website");
	/* A pull request in the enhancements repository is a PR, not a KEP. */
	CHECK_INT(url("https://github.com/kubernetes/enhancements/pull/5000"), 1);
	CHECK_INT(r[0].kind, REF_PR);
	CHECK_INT(r[0].number, 5000);
	CHECK_STR(r[0].repo, "kubernetes/enhancements");

	/* http, www., no scheme, case, trailing parts. */
	CHECK_INT(url("http://www.github.com/Kubernetes/Kubernetes/pull/1/files#diff-1"), 1);
	CHECK_INT(r[0].kind, REF_PR);
	CHECK_STR(r[0].repo, "kubernetes/kubernetes");
	CHECK_INT(url("github.com/kubernetes/enhancements/issues/4832#issuecomment-1"), 1);
	IS_KEP(r[0], 4832);
	CHECK_INT(url("https://kep.k8s.io/1287/"), 1);
	CHECK_INT(url("https://kep.k8s.io/1287?x=1"), 1);
	CHECK_INT(url("  <https://kep.k8s.io/1287>  "), 1);
	CHECK_INT(r[0].off, 3);
	CHECK_INT(r[0].len, 23);
	CHECK_INT(url("https://www.kep.k8s.io/99"), 1);
	CHECK_INT(url("https://github.com/kubernetes/kubernetes/pull/7#説明"), 1);
	CHECK_INT(r[0].number, 7);

	/* Not reference URLs. */
	const char *no[] = {
		"https://kubernetes.io/docs/concepts/",
		"https://github.com/kubernetes/website",
		"https://github.com/kubernetes/enhancements/blob/master/keps/README.md",
		"https://kep.k8s.io/1287abc",
		"https://kep.k8s.io/",
		"https://evil.example/github.com/kubernetes/kubernetes/pull/1",
		"https://notgithub.com/kubernetes/kubernetes/pull/1",
		"/docs/kep.k8s.io/1287",
		"KEP #1287",
		"",
	};
	for (size_t i = 0; i < sizeof(no) / sizeof(no[0]); i++) {
		size_t n = url(no[i]);
		if (n)
			printf("  (url \"%s\" gave %lu)\n", no[i], r[0].number);
		CHECK_INT(n, 0);
	}
	CHECK_INT(refs_in_url("https://kep.k8s.io/1287", 23, NULL, 0), 1);
}

static void test_urls_in_text(void)
{
	const char *s = "詳細は[KEP](https://github.com/kubernetes/enhancements/tree/master/keps/"
	                "sig-node/753-sidecar-containers/README.md#kep-753-sidecar)と"
	                "https://github.com/kubernetes/kubernetes/pull/128043を参照。";
	CHECK_INT(text(s), 2);
	IS_KEP(r[0], 753);
	CHECK_STR(span(s, &r[0]), "https://github.com/kubernetes/enhancements/tree/master/keps/"
	                          "sig-node/753-sidecar-containers/README.md#kep-753-sidecar");
	CHECK_INT(r[1].kind, REF_PR);
	CHECK_INT(r[1].number, 128043);
	CHECK_STR(span(s, &r[1]), "https://github.com/kubernetes/kubernetes/pull/128043");

	s = "See https://github.com/kubernetes/website/issues/54206.";
	CHECK_INT(text(s), 1);
	CHECK_INT(r[0].kind, REF_ISSUE);
	CHECK_STR(span(s, &r[0]), "https://github.com/kubernetes/website/issues/54206");

	/* A word form that is the text of a link to a reference URL with the
	 * same number takes the URL's kind and repository. */
	s = "tracked in issue\n[#753](https://github.com/kubernetes/enhancements/issues/753)";
	CHECK_INT(text(s), 2);
	IS_KEP(r[0], 753);
	CHECK_STR(span(s, &r[0]), "issue\n[#753");
	IS_KEP(r[1], 753);
	s = "PR [#128043](https://github.com/kubernetes/kubernetes/pull/128043)";
	CHECK_INT(text(s), 2);
	CHECK_INT(r[0].kind, REF_PR);
	CHECK_STR(r[0].repo, "kubernetes/kubernetes");
	CHECK_STR(r[1].repo, "kubernetes/kubernetes");
	s = "issue [#5](https://github.com/kubernetes/enhancements/issues/6)";
	CHECK_INT(text(s), 2);
	CHECK_INT(r[0].kind, REF_ISSUE); /* numbers differ: each says its own */
	CHECK_INT(r[0].number, 5);
	IS_KEP(r[1], 6);
	CHECK_INT(text("issue [#5](https://example.com/5)"), 1);
	CHECK_INT(r[0].kind, REF_ISSUE);

	/* Old KEPs were files named by date, not numbered. */
	CHECK_INT(text("https://github.com/kubernetes/enhancements/blob/master/keps/sig-node/"
	               "20190226-pod-overhead.md"),
	          0);
	CHECK_INT(url("https://github.com/kubernetes/enhancements/blob/master/keps/sig-node/"
	              "20190226-pod-overhead.md"),
	          0);

	/* A URL that is not a reference gives nothing, even when it contains
	 * a reference URL further in. */
	CHECK_INT(text("https://example.com/x/github.com/kubernetes/kubernetes/pull/1"), 0);
	CHECK_INT(text("https://github.com/kubernetes/website/blob/main/README.md"), 0);

	/* Overflow: the count is the total; only max are written. */
	struct ref two[2];
	CHECK_INT(refs_in_text("KEP-1 KEP-2 KEP-3", 17, two, 2), 3);
	CHECK_INT(two[1].number, 2);
	CHECK_INT(refs_in_text("KEP-1 KEP-2 KEP-3", 17, NULL, 0), 3);
	/* Invalid UTF-8 is tolerated. */
	CHECK_INT(text("\xFF\xFE KEP-7 \xE3\x81"), 1);
	CHECK_INT(r[0].number, 7);
	CHECK_INT(r[0].off, 3);
	/* Length is honoured (no NUL needed). */
	CHECK_INT(refs_in_text("KEP-12345", 6, r, 8), 1);
	CHECK_INT(r[0].number, 12);
}

static void *thread_main(void *arg)
{
	size_t *ok = arg;
	for (int i = 0; i < 500; i++) {
		struct ref x[4];
		if (refs_in_text("KEP #1287 and PR #5", 19, x, 4) == 2 && x[0].number == 1287 &&
		    x[1].number == 5)
			(*ok)++;
	}
	/* No refs_thread_cleanup(): the match data is freed at thread exit. */
	return NULL;
}

int main(void)
{
	refs_global_init();
	refs_global_init(); /* idempotent */
	test_text_forms();
	test_urls();
	test_urls_in_text();

	pthread_t th[4];
	size_t ok[4] = {0};
	for (int i = 0; i < 4; i++)
		pthread_create(&th[i], NULL, thread_main, &ok[i]);
	for (int i = 0; i < 4; i++)
		pthread_join(th[i], NULL);
	for (int i = 0; i < 4; i++)
		CHECK_INT(ok[i], 500);

	refs_global_cleanup();
	/* Lazily rebuilt after cleanup. */
	CHECK_INT(text("KEP-5"), 1);
	refs_thread_cleanup();
	refs_global_cleanup();
	refs_global_cleanup();
	UNIT_END();
}
