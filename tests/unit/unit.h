/* unit.h - a tiny unit-test harness. Each check prints on failure; main
 * ends with UNIT_END() which prints "N passed, N failed" and returns 1 on
 * any failure. */
#ifndef L10N_UNIT_H
#define L10N_UNIT_H
#include <stdio.h>
#include <string.h>

static int unit_passed, unit_failed;

#define CHECK(cond)                                                            \
	do {                                                                       \
		if (cond) {                                                            \
			unit_passed++;                                                     \
		} else {                                                               \
			unit_failed++;                                                     \
			printf("FAIL %s:%d: %s\n", __FILE__, __LINE__, #cond);            \
		}                                                                      \
	} while (0)

#define CHECK_STR(got, want)                                                   \
	do {                                                                       \
		const char *g_ = (got), *w_ = (want);                                  \
		if (g_ && w_ && strcmp(g_, w_) == 0) {                                 \
			unit_passed++;                                                     \
		} else {                                                               \
			unit_failed++;                                                     \
			printf("FAIL %s:%d: %s: got \"%s\", want \"%s\"\n", __FILE__,     \
			       __LINE__, #got, g_ ? g_ : "(null)", w_ ? w_ : "(null)");    \
		}                                                                      \
	} while (0)

#define CHECK_INT(got, want)                                                   \
	do {                                                                       \
		long long g_ = (long long)(got), w_ = (long long)(want);               \
		if (g_ == w_) {                                                        \
			unit_passed++;                                                     \
		} else {                                                               \
			unit_failed++;                                                     \
			printf("FAIL %s:%d: %s: got %lld, want %lld\n", __FILE__,         \
			       __LINE__, #got, g_, w_);                                    \
		}                                                                      \
	} while (0)

#define UNIT_END()                                                             \
	do {                                                                       \
		printf("%d passed, %d failed\n", unit_passed, unit_failed);            \
		return unit_failed ? 1 : 0;                                            \
	} while (0)

#endif
