/* Unit tests: text.c - scripts, NFKC, sentences, weight, numbers, Latin
 * terms, and per-thread ICU state. */
#include <pthread.h>
#include <string.h>

#include "strbuf.h"
#include "text.h"
#include "unit.h"

#define S(x) x, strlen(x)

static struct text_number nums[16];

static size_t numbers(const char *s)
{
	memset(nums, 0x55, sizeof(nums));
	return text_numbers(s, strlen(s), nums, 16);
}

/* The input bytes a number came from. */
static const char *span(const char *s, const struct text_number *n)
{
	static char buf[64];
	size_t len = n->len < sizeof(buf) - 1 ? n->len : sizeof(buf) - 1;
	memcpy(buf, s + n->off, len);
	buf[len] = '\0';
	return buf;
}

static struct strbuf nfkc_sb = STRBUF_INIT;

static const char *nfkc(const char *s)
{
	strbuf_reset(&nfkc_sb);
	text_nfkc(s, strlen(s), &nfkc_sb);
	return nfkc_sb.buf;
}

struct terms {
	char all[256];
	size_t offs[16];
	size_t n;
};

static void term_cb(void *ctx, const char *term, size_t len, size_t off)
{
	struct terms *t = ctx;
	size_t l = strlen(t->all);
	if (l)
		t->all[l++] = '|';
	memcpy(t->all + l, term, len);
	t->all[l + len] = '\0';
	if (t->n < 16)
		t->offs[t->n] = off;
	t->n++;
}

static const char *terms(const char *s, struct terms *t)
{
	memset(t, 0, sizeof(*t));
	text_latin_terms(s, strlen(s), term_cb, t);
	return t->all;
}

static void *thread_main(void *arg)
{
	size_t *ok = arg;
	for (int k = 0; k < 200; k++) {
		if (text_sentences("en", S("Hello world. This is two.")) == 2 &&
		    text_sentences("ja", S("これは文です。これも文です。")) == 2 &&
		    text_sentences("de", S("Ein Satz. Noch einer.")) == 2)
			(*ok)++;
	}
	struct strbuf sb = STRBUF_INIT;
	text_nfkc(S("ＡＢＣ１２３"), &sb);
	if (strcmp(sb.buf, "ABC123") == 0)
		(*ok)++;
	strbuf_release(&sb);
	/* No text_thread_cleanup(): the thread's state is freed at exit. */
	return NULL;
}

static void test_scripts(void)
{
	struct script_set set = {{0}, 0};
	CHECK(script_set_add(&set, "Hiragana"));
	CHECK(script_set_add(&set, "Kana"));
	CHECK(script_set_add(&set, "Han"));
	CHECK_INT(set.n, 3);
	CHECK(script_set_add(&set, "Hira")); /* already there: no growth */
	CHECK_INT(set.n, 3);
	CHECK(!script_set_add(&set, "Klingonish"));
	CHECK(!script_set_add(&set, ""));
	CHECK_INT(set.n, 3);

	/* ICU also takes locale names: "ja" is Katakana, Hiragana and Han. */
	struct script_set ja = {{0}, 0};
	CHECK(script_set_add(&ja, "ja"));
	CHECK_INT(ja.n, 3);

	struct script_set full = {{0}, 0};
	const char *names[] = {"Latin", "Greek", "Cyrillic", "Armenian", "Hebrew", "Arabic",
	                       "Devanagari", "Bengali", "Thai", "Lao", "Tibetan", "Georgian",
	                       "Hangul", "Hiragana", "Katakana", "Han"};
	for (size_t i = 0; i < 16; i++)
		CHECK(script_set_add(&full, names[i]));
	CHECK(!script_set_add(&full, "Ethiopic")); /* full */
	CHECK(script_set_add(&full, "Latn"));      /* full, but present */
	CHECK_INT(full.n, SCRIPT_SET_MAX);

	size_t in = 99, letters = 99;
	text_script_stats(S("PodのConditionは3つ"), &set, &in, &letters);
	CHECK_INT(letters, 15); /* P o d の C o n d i t i o n は つ */
	CHECK_INT(in, 3);       /* の は つ */
	/* ー is Common: a letter (Lm), never in a set. 々 is Han. */
	text_script_stats(S("コンテナー人々"), &set, &in, &letters);
	CHECK_INT(letters, 7);
	CHECK_INT(in, 6);
	text_script_stats(S(""), &set, &in, &letters);
	CHECK_INT(in, 0);
	CHECK_INT(letters, 0);
	text_script_stats(S("abc"), &set, NULL, &letters); /* NULL out pointer */
	CHECK_INT(letters, 3);

	struct script_set latin = {{0}, 0};
	CHECK(script_set_add(&latin, "Latn"));
	text_script_stats(S("Ｐｏｄ Pod é"), &latin, &in, &letters);
	CHECK_INT(letters, 7);
	CHECK_INT(in, 7);

	CHECK(text_has_script(S("Kubernetes は"), &set));
	CHECK(!text_has_script(S("Kubernetes 123 。、"), &set));
	CHECK(!text_has_script(S(""), &set));
	struct script_set cyr = {{0}, 0};
	CHECK(script_set_add(&cyr, "Cyrillic"));
	CHECK(text_has_script(S("под Pod"), &cyr));
	CHECK(!text_has_script(S("Pod の"), &cyr));
}

static void test_nfkc_weight(void)
{
	CHECK_STR(nfkc("plain ascii"), "plain ascii");
	CHECK_STR(nfkc("ＡＢＣ１２３"), "ABC123");
	CHECK_STR(nfkc("①②"), "12");
	CHECK_STR(nfkc("ｶﾀｶﾅ"), "カタカナ");
	CHECK_STR(nfkc("（注）"), "(注)");
	CHECK_STR(nfkc("日本語"), "日本語");
	CHECK_STR(nfkc(""), "");
	/* Appends. */
	struct strbuf sb = STRBUF_INIT;
	strbuf_addstr(&sb, "x:");
	text_nfkc(S("ｘ"), &sb);
	text_nfkc(S("ﷺ"), &sb); /* one code point that expands to 18 */
	CHECK(strncmp(sb.buf, "x:x", 3) == 0);
	CHECK(sb.len > 3 + 18);
	strbuf_release(&sb);

	CHECK_INT(text_weight(S("")), 0);
	CHECK_INT(text_weight(S("Pod 3")), 4);
	CHECK_INT(text_weight(S("日本語のPod。")), 7);
	CHECK_INT(text_weight(S("a-b_c!")), 3);
	CHECK_INT(text_weight(S("１２")), 2);
}

static void test_sentences(void)
{
	CHECK_INT(text_sentences("en", S("")), 0);
	CHECK_INT(text_sentences("en", S("  \n\t ")), 0);
	CHECK_INT(text_sentences("en", S("\xE3\x80\x80")), 0); /* U+3000 only */
	CHECK_INT(text_sentences("en", S("Hello world. This is two.")), 2);
	CHECK_INT(text_sentences("en", S("Hello world")), 1);
	CHECK_INT(text_sentences("en", S("v1.32 is out.")), 1);
	/* ICU's rules: no break before a lower-case word, so "e.g. something"
	 * is one sentence; before a capital there is a break even with the
	 * "standard" suppressions ("e.g." is not in ICU's list). */
	CHECK_INT(text_sentences("en", S("e.g. something")), 1);
	CHECK_INT(text_sentences("en", S("Use e.g. Kubernetes here.")), 2);
	/* The standard suppressions do cover titles such as "Mr.". */
	CHECK_INT(text_sentences("en", S("Mr. Smith went home.")), 1);
	/* Soft line breaks are not sentence ends. */
	CHECK_INT(text_sentences("en", S("This sentence is\nwrapped over\nthree lines.")), 1);
	CHECK_INT(text_sentences("en", S("One.\nTwo.\r\nThree.")), 3);
	CHECK_INT(text_sentences("en", S("What? Yes! Fine.")), 3);
	CHECK_INT(text_sentences(NULL, S("Default language. Two.")), 2);
	CHECK_INT(text_sentences("EN_us", S("Case and underscore. Two.")), 2);

	CHECK_INT(text_sentences("ja", S("これは文です。これも文です。")), 2);
	CHECK_INT(text_sentences("ja", S("これは文です。\nこれも文です。")), 2);
	/* Japanese is written one sentence per line: a line that ends in a
	 * Japanese character ends a sentence even without "。"... */
	CHECK_INT(text_sentences("ja", S("見出しのような行\nこれも文です。")), 2);
	CHECK_INT(text_sentences("ja-JP", S("一行目\n二行目")), 2);
	/* ...but not after "、" or a Latin word (a mid-sentence break). */
	CHECK_INT(text_sentences("ja", S("これは、\n一つの文です。")), 1);
	CHECK_INT(text_sentences("ja", S("これはPod\nについての文です。")), 1);
	/* In English the same bytes are one sentence (no full stop). */
	CHECK_INT(text_sentences("en", S("一行目\n二行目")), 1);
	CHECK_INT(text_sentences("ja", S("PodのConditionを確認します。詳細は後述します！")), 2);
	CHECK_INT(text_sentences("zh-CN", S("这是一个句子。这是另一个。")), 2);
	/* Many languages: each gets its own cached iterator. */
	const char *langs[] = {"fr", "de", "es", "it", "pt-BR", "ru", "ko", "zh-TW",
	                       "hi", "bn", "uk", "vi", "id", "pl"};
	for (size_t i = 0; i < sizeof(langs) / sizeof(langs[0]); i++)
		CHECK_INT(text_sentences(langs[i], S("One. Two.")), 2);
	CHECK_INT(text_sentences("not a tag!", S("One. Two.")), 2);
}

static void test_numbers_basic(void)
{
	const char *s = "Kubernetes v1.32 adds 44 enhancements";
	CHECK_INT(numbers(s), 2);
	CHECK_STR(nums[0].value, "1.32");
	CHECK(nums[0].version);
	CHECK(!nums[0].time);
	CHECK_INT(nums[0].hour24, -1);
	CHECK_STR(span(s, &nums[0]), "v1.32");
	CHECK_INT(nums[0].off, 11);
	CHECK_STR(nums[1].value, "44");
	CHECK(!nums[1].version);
	CHECK_INT(nums[1].off, 22);
	CHECK_INT(nums[1].len, 2);

	CHECK_INT(numbers("v1.32.0 and V2"), 2);
	CHECK_STR(nums[0].value, "1.32.0");
	CHECK_STR(nums[1].value, "2");
	CHECK(!nums[1].version);

	s = "2,000 pods";
	CHECK_INT(numbers(s), 1);
	CHECK_STR(nums[0].value, "2000");
	CHECK_STR(span(s, &nums[0]), "2,000");
	CHECK_INT(numbers("1,234,567 and 10,000.5"), 2);
	CHECK_STR(nums[0].value, "1234567");
	CHECK_STR(nums[1].value, "10000.5");
	CHECK(nums[1].version); /* a decimal has a dot */
	/* Not thousands: lists and long first groups. */
	CHECK_INT(numbers("1,2,3"), 3);
	CHECK_STR(nums[2].value, "3");
	CHECK_INT(numbers("12345,678"), 2);
	CHECK_INT(numbers("1,0000"), 2);

	s = "１２３";
	CHECK_INT(numbers(s), 1);
	CHECK_STR(nums[0].value, "123");
	CHECK_INT(nums[0].len, 9);
	CHECK_INT(numbers("１，０００個"), 1);
	CHECK_STR(nums[0].value, "1000");
	CHECK_INT(numbers("\xD9\xA3\xD9\xA4"), 1); /* Arabic-Indic ٣٤ */
	CHECK_STR(nums[0].value, "34");

	CHECK_INT(numbers("30%"), 1);
	CHECK_STR(nums[0].value, "30");
	CHECK_INT(numbers("３０％"), 1);
	CHECK_STR(nums[0].value, "30");
	/* A minus sign is not kept. */
	CHECK_INT(numbers("-1 and −5"), 2);
	CHECK_STR(nums[0].value, "1");
	CHECK_STR(nums[1].value, "5");
	/* Leading zeros of integers go; of versions they stay. */
	CHECK_INT(numbers("2024-01-05 and 0.5 and 007 and 0"), 6);
	CHECK_STR(nums[1].value, "1");
	CHECK_STR(nums[2].value, "5");
	CHECK_STR(nums[3].value, "0.5");
	CHECK_STR(nums[4].value, "7");
	CHECK_STR(nums[5].value, "0");
	/* A full stop ending a sentence is not a decimal point. */
	CHECK_INT(numbers("Released in 2024. Then 3."), 2);
	CHECK_STR(nums[0].value, "2024");
	CHECK(!nums[0].version);
	/* Ranges. */
	CHECK_INT(numbers("v1.30-1.32, 2-3 minutes"), 4);
	CHECK_STR(nums[0].value, "1.30");
	CHECK_STR(nums[1].value, "1.32");
	CHECK_STR(nums[2].value, "2");
	CHECK_STR(nums[3].value, "3");
	CHECK_INT(numbers("#1288"), 1);
	CHECK_INT(numbers("10.0.0.1:6443"), 2);
	CHECK_STR(nums[0].value, "10.0.0.1");
	CHECK_STR(nums[1].value, "6443");
}

static void test_numbers_words(void)
{
	const char *none[] = {"k8s", "sha256", "x86_64", "IPv6", "h2c", "v1beta1", "0x1F",
	                      "3f2a9c", "node-1", "UTF-8", "KEP-5726", "e2e", "ARM64",
	                      "Ｋ８ｓ", "über2", "Ёлка5", "2_000"};
	for (size_t i = 0; i < sizeof(none) / sizeof(none[0]); i++) {
		size_t n = numbers(none[i]);
		if (n != 0)
			printf("  (input \"%s\": %s)\n", none[i], nums[0].value);
		CHECK_INT(n, 0);
	}
	CHECK_INT(numbers("k8s 1.32 sha256 5"), 2);
	CHECK_STR(nums[0].value, "1.32");
	CHECK_STR(nums[1].value, "5");
	/* Units stay numbers; the unit is not part of the span. */
	const char *s = "limit 512Mi, wait 10s, a 64-bit 3D view";
	CHECK_INT(numbers(s), 4);
	CHECK_STR(nums[0].value, "512");
	CHECK_STR(span(s, &nums[0]), "512");
	CHECK_STR(nums[1].value, "10");
	CHECK_STR(nums[2].value, "64");
	CHECK_STR(nums[3].value, "3");
	/* Ordinals lose the suffix. */
	s = "the 1st, 2nd, 3rd and 21ST";
	CHECK_INT(numbers(s), 4);
	CHECK_STR(nums[0].value, "1");
	CHECK_STR(span(s, &nums[0]), "1st");
	CHECK_STR(nums[3].value, "21");
	/* Version suffixes are consumed (no stray ".1") but not kept. */
	s = "1.2.3-alpha.1 ships";
	CHECK_INT(numbers(s), 1);
	CHECK_STR(nums[0].value, "1.2.3");
	CHECK(nums[0].version);
	CHECK_STR(span(s, &nums[0]), "1.2.3-alpha.1");
	CHECK_INT(numbers("v1.33.0-rc.0+build.5."), 1);
	CHECK_STR(nums[0].value, "1.33.0");
	/* Digits next to CJK are numbers. */
	CHECK_INT(numbers("3つ"), 1);
	CHECK_STR(nums[0].value, "3");
	CHECK_INT(numbers("44の機能"), 1);
	CHECK_STR(nums[0].value, "44");
	s = "2024年12月11日";
	CHECK_INT(numbers(s), 3);
	CHECK_STR(nums[0].value, "2024");
	CHECK_STR(nums[1].value, "12");
	CHECK_STR(nums[2].value, "11");
	CHECK_INT(nums[1].off, 7);
	CHECK_STR(span(s, &nums[2]), "11");
	CHECK_INT(numbers("第3章のPod2つ"), 1); /* "Pod2" is a word */
	CHECK_STR(nums[0].value, "3");
	CHECK_INT(numbers("3개"), 1);
}

static void test_numbers_kanji(void)
{
	const char *s = "三つのフェーズ";
	CHECK_INT(numbers(s), 1);
	CHECK_STR(nums[0].value, "3");
	CHECK_STR(span(s, &nums[0]), "三");
	CHECK(!nums[0].time);
	CHECK_INT(nums[0].hour24, -1);
	CHECK_INT(numbers("二番目の手順と十個の例"), 2);
	CHECK_STR(nums[0].value, "2");
	CHECK_STR(nums[1].value, "10");
	CHECK_INT(numbers("これは一つの例です"), 1);
	CHECK_STR(nums[0].value, "1");
	/* Not standing alone, or no counter: words, not numbers. */
	const char *none[] = {"十分です", "一般的な", "統一つ", "二十個", "一番よい", "一時的",
	                      "一度作成すると", "唯一の"};
	for (size_t i = 0; i < sizeof(none) / sizeof(none[0]); i++) {
		size_t n = numbers(none[i]);
		if (n != 0)
			printf("  (input \"%s\": %s)\n", none[i], nums[0].value);
		CHECK_INT(n, 0);
	}
}

static void test_numbers_time(void)
{
	const char *s = "September 9th at 5:00 PM";
	CHECK_INT(numbers(s), 2);
	CHECK_STR(nums[0].value, "9");
	CHECK(!nums[0].time);
	CHECK_STR(nums[1].value, "5");
	CHECK(nums[1].time);
	CHECK_INT(nums[1].hour24, 17);
	CHECK_STR(span(s, &nums[1]), "5:00 PM");

	s = "9月9日 午後5時";
	CHECK_INT(numbers(s), 3);
	CHECK_STR(nums[0].value, "9");
	CHECK_STR(nums[1].value, "9");
	CHECK(!nums[1].time);
	CHECK_STR(nums[2].value, "5");
	CHECK(nums[2].time);
	CHECK_INT(nums[2].hour24, 17);
	CHECK_STR(span(s, &nums[2]), "午後5時");

	CHECK_INT(numbers("10:30"), 1);
	CHECK_STR(nums[0].value, "10:30");
	CHECK(nums[0].time);
	CHECK_INT(nums[0].hour24, -1); /* no am/pm: unknown */
	CHECK_INT(numbers("09:00 and 17:00 and 0:15 and 12:00:30"), 4);
	CHECK_STR(nums[0].value, "9");
	CHECK_INT(nums[0].hour24, -1);
	CHECK_STR(nums[1].value, "17");
	CHECK_INT(nums[1].hour24, 17);
	CHECK_STR(nums[2].value, "0:15");
	CHECK_INT(nums[2].hour24, 0);
	CHECK_STR(nums[3].value, "12:00:30");
	CHECK_INT(numbers("5pm, 11 a.m., 12 AM, 12 PM, 7:45am"), 5);
	CHECK_INT(nums[0].hour24, 17);
	CHECK_STR(nums[0].value, "5");
	CHECK_INT(nums[1].hour24, 11);
	CHECK_INT(nums[2].hour24, 0);
	CHECK_INT(nums[3].hour24, 12);
	CHECK_STR(nums[4].value, "7:45");
	CHECK_INT(nums[4].hour24, 7);
	CHECK(nums[4].time);
	CHECK_INT(numbers("午前10時30分と17時と5時半と午後 3:15"), 4);
	CHECK_STR(nums[0].value, "10:30");
	CHECK_INT(nums[0].hour24, 10);
	CHECK_STR(nums[1].value, "17");
	CHECK(nums[1].time);
	CHECK_INT(nums[1].hour24, 17);
	CHECK_STR(nums[2].value, "5:30");
	CHECK_INT(nums[2].hour24, -1);
	CHECK_STR(nums[3].value, "3:15");
	CHECK_INT(nums[3].hour24, 15);
	/* Durations and ratios are not clock times. */
	CHECK_INT(numbers("5時間と16:9と13 PM"), 4);
	CHECK(!nums[0].time);
	CHECK_STR(nums[1].value, "16");
	CHECK(!nums[1].time);
	CHECK_STR(nums[2].value, "9");
	CHECK_STR(nums[3].value, "13");
	CHECK(!nums[3].time);
	CHECK_INT(nums[3].hour24, -1);
	CHECK_INT(numbers("12345時と5点"), 2); /* no hour; 点 needs 下午 */
	CHECK(!nums[0].time);
	CHECK(!nums[1].time);
	CHECK_INT(numbers("下午5点 and 오후 3시"), 2);
	CHECK_INT(nums[0].hour24, 17);
	CHECK_INT(nums[1].hour24, 15);
}

static void test_numbers_limits(void)
{
	/* More found than room: the count is the total, max are written. */
	struct text_number two[2];
	CHECK_INT(text_numbers(S("1 2 3 4 5"), two, 2), 5);
	CHECK_STR(two[1].value, "2");
	CHECK_INT(text_numbers(S("1 2 3"), NULL, 0), 3);
	CHECK_INT(numbers(""), 0);
	/* A number too long for value[] is skipped, not truncated. */
	CHECK_INT(numbers("12345678901234567890123456789012345 and 7"), 1);
	CHECK_STR(nums[0].value, "7");
	CHECK_INT(numbers("1234567890123456789012345678901"), 1); /* 31 digits fit */
	/* Malformed UTF-8 does not trip the scanner. */
	CHECK_INT(numbers("\xFF" "5\xE3\x81" "6"), 2);
	CHECK_INT(numbers("v"), 0);
	CHECK_INT(numbers("1."), 1);
}

static void test_terms(void)
{
	struct terms t;
	CHECK_STR(terms("PodのCondition", &t), "Pod|Condition");
	CHECK_INT(t.offs[0], 0);
	CHECK_INT(t.offs[1], 6);
	CHECK_STR(terms("The kube-scheduler and StatefulSet in v1.32.", &t),
	          "The|kube-scheduler|and|StatefulSet|in|v1.32");
	CHECK_STR(terms("a 1.32 x 44 --dry-run=client my_var e.g.", &t), "dry-run|client|my_var|e.g");
	CHECK_INT(t.offs[0], 14);
	CHECK_STR(terms("k8s IPv6 x86_64", &t), "k8s|IPv6|x86_64");
	CHECK_STR(terms("", &t), "");
	CHECK_STR(terms("日本語だけ", &t), "");
	/* Pieces of words with non-ASCII Latin letters are not terms. */
	CHECK_STR(terms("développement naïve Pod", &t), "Pod");
	CHECK_STR(terms("ＡＢＣ Pod", &t), "Pod");
	CHECK_STR(terms("a--b _x_ a.", &t), "");
}

int main(void)
{
	text_global_init();
	test_scripts();
	test_nfkc_weight();
	test_sentences();
	test_numbers_basic();
	test_numbers_words();
	test_numbers_kanji();
	test_numbers_time();
	test_numbers_limits();
	test_terms();

	/* Threads share the masters and clone their own iterators. */
	pthread_t th[4];
	size_t ok[4] = {0};
	for (int i = 0; i < 4; i++)
		pthread_create(&th[i], NULL, thread_main, &ok[i]);
	for (int i = 0; i < 4; i++)
		pthread_join(th[i], NULL);
	for (int i = 0; i < 4; i++)
		CHECK_INT(ok[i], 201);

	/* Cleanup, then use again: state is rebuilt lazily. */
	text_global_cleanup();
	CHECK_INT(text_sentences("en", S("Again. Works.")), 2);
	text_thread_cleanup();
	text_thread_cleanup(); /* twice is fine */
	text_global_cleanup();
	strbuf_release(&nfkc_sb);
	UNIT_END();
}
