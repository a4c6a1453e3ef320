/* main.c - argv -> options -> run -> exit status. No checking logic here. */
#include <getopt.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "doc.h"
#include "locale.h"
#include "outline.h"

#define EXIT_USAGE 2

static const char usage_text[] =
	"usage: l10nlint [--version] [--help] COMMAND [OPTIONS] FILE...\n"
	"\n"
	"Keep translated documentation in step with its source.\n"
	"\n"
	"commands:\n"
	"  outline [OPTIONS] FILE...   print each heading (level, position, Hugo ID,\n"
	"                              explicit or not, text) and the front-matter keys\n"
	"\n"
	"outline options:\n"
	"  --format text|json          output format (default text; json: one object\n"
	"                              per file, one per line)\n"
	"  --anchor-style blackfriday|github|github-ascii\n"
	"                              Hugo's autoHeadingIDType (default blackfriday,\n"
	"                              as on kubernetes.io)\n"
	"  --lang LANG                 language of the files (default: from the path\n"
	"                              content/LANG/..., else en); used for\n"
	"                              {{% heading \"...\" %}} strings\n"
	"  --max-size SIZE             reject files larger than SIZE bytes (suffix K, M\n"
	"                              or G; default 16M)\n"
	"\n"
	"exit status: 0 success, 1 findings, 2 usage or input errors\n"
	"\n"
	"Documentation: README.md and docs/ in the source tree.\n";

static void usage_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

static void usage_error(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	fprintf(stderr, "l10nlint: ");
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\nTry 'l10nlint --help' for more information.\n");
}

static bool parse_size(const char *s, size_t *out)
{
	char *end;
	unsigned long long v = strtoull(s, &end, 10);
	if (end == s)
		return false;
	unsigned long long mul = 1;
	if (*end == 'K' || *end == 'k')
		mul = 1024ULL, end++;
	else if (*end == 'M' || *end == 'm')
		mul = 1024ULL * 1024, end++;
	else if (*end == 'G' || *end == 'g')
		mul = 1024ULL * 1024 * 1024, end++;
	if (*end == 'B' || *end == 'b')
		end++;
	if (*end || v == 0 || v > (1ULL << 40) / mul)
		return false;
	*out = (size_t)(v * mul);
	return true;
}

enum {
	OPT_FORMAT = 256,
	OPT_ANCHOR_STYLE,
	OPT_LANG,
	OPT_MAX_SIZE,
	OPT_HELP,
};

static int cmd_outline(int argc, char **argv)
{
	static const struct option longopts[] = {
		{"format", required_argument, NULL, OPT_FORMAT},
		{"anchor-style", required_argument, NULL, OPT_ANCHOR_STYLE},
		{"lang", required_argument, NULL, OPT_LANG},
		{"max-size", required_argument, NULL, OPT_MAX_SIZE},
		{"help", no_argument, NULL, OPT_HELP},
		{NULL, 0, NULL, 0},
	};
	struct outline_options opt;
	memset(&opt, 0, sizeof(opt));
	opt.format = OUTLINE_TEXT;
	opt.doc.anchor_style = ANCHOR_BLACKFRIDAY;
	int c;
	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "+", longopts, NULL)) != -1) {
		switch (c) {
		case OPT_FORMAT:
			if (strcmp(optarg, "text") == 0)
				opt.format = OUTLINE_TEXT;
			else if (strcmp(optarg, "json") == 0)
				opt.format = OUTLINE_JSON;
			else {
				usage_error("unknown format '%s' (text or json)", optarg);
				return EXIT_USAGE;
			}
			break;
		case OPT_ANCHOR_STYLE:
			if (!anchor_style_parse(optarg, &opt.doc.anchor_style)) {
				usage_error("unknown anchor style '%s' (blackfriday, github or github-ascii)",
				            optarg);
				return EXIT_USAGE;
			}
			break;
		case OPT_LANG:
			opt.doc.lang = optarg;
			break;
		case OPT_MAX_SIZE:
			if (!parse_size(optarg, &opt.doc.max_size)) {
				usage_error("invalid --max-size '%s'", optarg);
				return EXIT_USAGE;
			}
			break;
		case OPT_HELP:
			fputs(usage_text, stdout);
			return 0;
		case ':':
			usage_error("option '%s' needs an argument", argv[optind - 1]);
			return EXIT_USAGE;
		default:
			usage_error("unknown option '%s'", argv[optind - 1]);
			return EXIT_USAGE;
		}
	}
	if (optind >= argc) {
		usage_error("%s", "outline: no input files");
		return EXIT_USAGE;
	}
	return outline_run(&opt, argv + optind, argc - optind, stdout, stderr);
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		fputs(usage_text, stderr);
		return EXIT_USAGE;
	}
	const char *cmd = argv[1];
	int status;
	doc_global_init();
	if (strcmp(cmd, "--version") == 0 || strcmp(cmd, "version") == 0) {
		printf("l10nlint %s\n", L10NLINT_VERSION);
		return 0;
	} else if (strcmp(cmd, "--help") == 0 || strcmp(cmd, "-h") == 0 ||
	           strcmp(cmd, "help") == 0) {
		fputs(usage_text, stdout);
		return 0;
	} else if (strcmp(cmd, "outline") == 0) {
		status = cmd_outline(argc - 1, argv + 1);
	} else {
		usage_error("unknown command '%s'", cmd);
		return EXIT_USAGE;
	}
	if (fflush(stdout) != 0 || ferror(stdout)) {
		fprintf(stderr, "l10nlint: error writing output\n");
		status = EXIT_USAGE;
	}
	locale_cleanup();
	return status;
}
