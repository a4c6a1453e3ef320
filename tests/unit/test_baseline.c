/* Unit tests: baseline fingerprints, write and filter. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "baseline.h"
#include "unit.h"

static void add(struct diag_list *dl, enum rule_id r, const char *file, unsigned line,
                const char *msg)
{
	diag_add(dl, r, SEV_WARNING, file, line, 1, "en/x.md", line + 2, NULL, msg);
}

int main(void)
{
	char a[17], b[17];
	struct diag_list dl;
	diag_init(&dl);
	add(&dl, RULE_section_missing, "ja/x.md", 10, "source section \"A\" (line 12) is gone");
	add(&dl, RULE_section_missing, "./ja/x.md", 40, "source section \"A\" (line 90) is gone");
	add(&dl, RULE_section_missing, "ja/x.md", 10, "source section \"B\" (line 12) is gone");
	add(&dl, RULE_link_missing, "ja/x.md", 10, "source section \"A\" (line 12) is gone");
	baseline_fingerprint(&dl.v[0], NULL, a);
	baseline_fingerprint(&dl.v[1], NULL, b);
	CHECK_INT(strlen(a), 16);
	CHECK_STR(a, b); /* moved lines, ./ prefix: same finding */
	baseline_fingerprint(&dl.v[2], NULL, b);
	CHECK(strcmp(a, b) != 0); /* other message */
	baseline_fingerprint(&dl.v[3], NULL, b);
	CHECK(strcmp(a, b) != 0); /* other rule */

	char path[] = "/tmp/l10nlint-baseline-XXXXXX";
	int fd = mkstemp(path);
	CHECK(fd >= 0);
	close(fd);
	CHECK(baseline_write(path, &dl, NULL));

	/* The same findings plus one new: only the new one stays. Equal
	 * findings are counted: a third copy of A is new. */
	struct diag_list now;
	diag_init(&now);
	add(&now, RULE_section_missing, "ja/x.md", 15, "source section \"A\" (line 17) is gone");
	add(&now, RULE_section_missing, "ja/x.md", 45, "source section \"A\" (line 95) is gone");
	add(&now, RULE_section_missing, "ja/x.md", 50, "source section \"A\" (line 99) is gone");
	add(&now, RULE_section_missing, "ja/x.md", 10, "source section \"B\" (line 12) is gone");
	add(&now, RULE_link_missing, "ja/x.md", 11, "source section \"A\" (line 12) is gone");
	add(&now, RULE_kep_mismatch, "ja/x.md", 20, "KEP #4318 here, but the source cites KEP #4381");
	CHECK(baseline_filter(path, &now, NULL));
	CHECK_INT(now.n, 2);
	CHECK_INT(now.count[SEV_WARNING], 2);
	if (now.n == 2) {
		CHECK_INT(now.v[0].line, 50);
		CHECK_INT(now.v[1].rule, RULE_kep_mismatch);
	}

	/* not a baseline */
	FILE *f = fopen(path, "w");
	fputs("hello\n", f);
	fclose(f);
	CHECK(!baseline_filter(path, &now, NULL));
	CHECK(!baseline_filter("/nonexistent/dir/baseline", &now, NULL));
	unlink(path);
	diag_release(&dl);
	diag_release(&now);
	UNIT_END();
}
