/* main.c - argv -> options -> run -> exit status. No checking logic here. */
#include <getopt.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "align.h"
#include "check.h"
#include "l10nlint-build.h"
#include "diag.h"
#include "json.h"
#include "doc.h"
#include "emit.h"
#include "locale.h"
#include "outline.h"
#include "refs.h"
#include "text.h"

#define EXIT_FINDINGS 1
#define EXIT_USAGE 2

static const char usage_text[] =
	"usage: l10nlint [--version] [--help] COMMAND [OPTIONS] ARGS...\n"
	"\n"
	"Keep translated documentation in step with its source.\n"
	"\n"
	"commands:\n"
	"  check SOURCE TRANSLATION    check a translated page against its source\n"
	"  align SOURCE TRANSLATION    show how the sections of the two pages pair up\n"
	"  outline FILE...             print each heading (level, position, Hugo ID,\n"
	"                              explicit or not, text) and the front-matter keys\n"
	"  rules                       list every rule with its severity and summary\n"
	"\n"
	"options (check, align, outline):\n"
	"  --format FORMAT             text (default) or json\n"
	"  --anchor-style STYLE        Hugo's autoHeadingIDType: blackfriday (default,\n"
	"                              as on kubernetes.io), github or github-ascii\n"
	"  --lang LANG                 language of the translation (default: from the\n"
	"                              path content/LANG/..., else en)\n"
	"  --max-size SIZE             reject files larger than SIZE bytes (suffix K, M\n"
	"                              or G; default 16M)\n"
	"  --color WHEN                auto (default: on a terminal without NO_COLOR),\n"
	"                              always or never\n"
	"\n"
	"check options:\n"
	"  --fail-on LEVEL             exit 1 when a finding reaches LEVEL: error\n"
	"                              (default), warning, info or never\n"
	"  --disable RULE[,RULE...]    turn rules off\n"
	"  --severity RULE=LEVEL       set a rule's severity (error, warning, info, off)\n"
	"\n"
	"exit status: 0 nothing reached the failing severity, 1 something did,\n"
	"2 usage error or a file could not be read or was rejected\n"
	"\n"
	"Rules are documented in docs/rules/RULE.md; see README.md.\n";

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
	OPT_FAIL_ON,
	OPT_DISABLE,
	OPT_SEVERITY,
	OPT_COLOR,
};

struct cli {
	const char *format;
	struct doc_options doc;
	struct rule_settings rules;
	int fail_on; /* severity index, or SEV_OFF for never */
	int color;   /* -1 auto, 0 never, 1 always */
};

static const struct option longopts[] = {
	{"format", required_argument, NULL, OPT_FORMAT},
	{"anchor-style", required_argument, NULL, OPT_ANCHOR_STYLE},
	{"lang", required_argument, NULL, OPT_LANG},
	{"max-size", required_argument, NULL, OPT_MAX_SIZE},
	{"fail-on", required_argument, NULL, OPT_FAIL_ON},
	{"disable", required_argument, NULL, OPT_DISABLE},
	{"severity", required_argument, NULL, OPT_SEVERITY},
	{"color", required_argument, NULL, OPT_COLOR},
	{"colour", required_argument, NULL, OPT_COLOR},
	{"help", no_argument, NULL, OPT_HELP},
	{NULL, 0, NULL, 0},
};

static bool set_rules(struct cli *cli, char *list, enum severity sev)
{
	char *save = NULL;
	for (char *tok = strtok_r(list, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
		enum rule_id r;
		if (!rule_lookup(tok, &r)) {
			usage_error("unknown rule '%s' (see 'l10nlint rules')", tok);
			return false;
		}
		cli->rules.severity[r] = sev;
	}
	return true;
}

/* Parse options; `allowed` is the set of formats. Returns -1 to go on,
 * else an exit status. */
static int parse_options(int argc, char **argv, struct cli *cli, const char *cmd)
{
	memset(cli, 0, sizeof(*cli));
	cli->format = "text";
	cli->doc.anchor_style = ANCHOR_BLACKFRIDAY;
	cli->fail_on = SEV_ERROR;
	cli->color = -1;
	rule_settings_default(&cli->rules);
	optind = 1;
	opterr = 0;
	int c;
	while ((c = getopt_long(argc, argv, "+", longopts, NULL)) != -1) {
		switch (c) {
		case OPT_FORMAT:
			if (strcmp(optarg, "text") != 0 && strcmp(optarg, "json") != 0) {
				usage_error("unknown format '%s' (text or json)", optarg);
				return EXIT_USAGE;
			}
			cli->format = optarg;
			break;
		case OPT_ANCHOR_STYLE:
			if (!anchor_style_parse(optarg, &cli->doc.anchor_style)) {
				usage_error("unknown anchor style '%s' (blackfriday, github or github-ascii)",
				            optarg);
				return EXIT_USAGE;
			}
			break;
		case OPT_LANG:
			cli->doc.lang = optarg;
			break;
		case OPT_MAX_SIZE:
			if (!parse_size(optarg, &cli->doc.max_size)) {
				usage_error("invalid --max-size '%s'", optarg);
				return EXIT_USAGE;
			}
			break;
		case OPT_FAIL_ON: {
			enum severity s;
			if (strcmp(optarg, "never") == 0)
				cli->fail_on = SEV_OFF;
			else if (severity_parse(optarg, &s) && s != SEV_OFF)
				cli->fail_on = s;
			else {
				usage_error("--fail-on takes error, warning, info or never, not '%s'", optarg);
				return EXIT_USAGE;
			}
			break;
		}
		case OPT_DISABLE:
			if (!set_rules(cli, optarg, SEV_OFF))
				return EXIT_USAGE;
			break;
		case OPT_SEVERITY: {
			char *eq = strchr(optarg, '=');
			enum severity s;
			if (!eq || !severity_parse(eq + 1, &s)) {
				usage_error("--severity takes RULE=LEVEL (error, warning, info, off), not '%s'",
				            optarg);
				return EXIT_USAGE;
			}
			*eq = '\0';
			if (!set_rules(cli, optarg, s))
				return EXIT_USAGE;
			break;
		}
		case OPT_COLOR:
			if (strcmp(optarg, "auto") == 0)
				cli->color = -1;
			else if (strcmp(optarg, "always") == 0)
				cli->color = 1;
			else if (strcmp(optarg, "never") == 0)
				cli->color = 0;
			else {
				usage_error("--color takes auto, always or never, not '%s'", optarg);
				return EXIT_USAGE;
			}
			break;
		case OPT_HELP:
			fputs(usage_text, stdout);
			return 0;
		case ':':
			usage_error("%s: option '%s' needs an argument", cmd, argv[optind - 1]);
			return EXIT_USAGE;
		default:
			usage_error("%s: unknown option '%s'", cmd, argv[optind - 1]);
			return EXIT_USAGE;
		}
	}
	return -1;
}

static bool want_color(const struct cli *cli)
{
	if (cli->color >= 0)
		return cli->color == 1;
	const char *nc = getenv("NO_COLOR");
	return isatty(STDOUT_FILENO) && !(nc && *nc);
}

static int cmd_outline(int argc, char **argv)
{
	struct cli cli;
	int st = parse_options(argc, argv, &cli, "outline");
	if (st >= 0)
		return st;
	if (optind >= argc) {
		usage_error("outline: no input files");
		return EXIT_USAGE;
	}
	struct outline_options opt;
	memset(&opt, 0, sizeof(opt));
	opt.format = strcmp(cli.format, "json") == 0 ? OUTLINE_JSON : OUTLINE_TEXT;
	opt.doc = cli.doc;
	return outline_run(&opt, argv + optind, argc - optind, stdout, stderr);
}

static int cmd_check(int argc, char **argv)
{
	struct cli cli;
	int st = parse_options(argc, argv, &cli, "check");
	if (st >= 0)
		return st;
	if (argc - optind != 2) {
		usage_error("check: needs SOURCE and TRANSLATION");
		return EXIT_USAGE;
	}
	struct check_options opt = {cli.doc, &cli.rules};
	struct diag_list dl;
	diag_init(&dl);
	bool loaded = check_pair(argv[optind], argv[optind + 1], &opt, &dl);
	diag_sort(&dl);
	const struct emitter *em = emitter_find(cli.format);
	struct emit_run run = {stdout, want_color(&cli) && strcmp(cli.format, "text") == 0, NULL, 0,
	                       NULL};
	emit_all(em, &run, &dl);
	int status = 0;
	if (cli.fail_on != SEV_OFF)
		for (int s = cli.fail_on; s < SEV_OFF; s++)
			if (dl.count[s])
				status = EXIT_FINDINGS;
	if (!loaded)
		status = EXIT_USAGE;
	diag_release(&dl);
	return status;
}

static int cmd_align(int argc, char **argv)
{
	struct cli cli;
	int st = parse_options(argc, argv, &cli, "align");
	if (st >= 0)
		return st;
	if (argc - optind != 2) {
		usage_error("align: needs SOURCE and TRANSLATION");
		return EXIT_USAGE;
	}
	struct doc_options so = cli.doc;
	so.lang = NULL;
	struct doc *src = doc_load(argv[optind], &so);
	struct doc *tr = doc_load(argv[optind + 1], &cli.doc);
	int status = 0;
	if (doc_status(src) != DOC_OK || doc_status(tr) != DOC_OK) {
		outline_print_notes(src, stderr);
		outline_print_notes(tr, stderr);
		status = EXIT_USAGE;
	} else {
		struct align_options ao = {src->lang, tr->lang};
		struct alignment *al = align_docs(src, tr, &ao);
		if (strcmp(cli.format, "json") == 0)
			align_print_json(al, stdout);
		else
			align_print_text(al, stdout, want_color(&cli));
		align_free(al);
	}
	doc_free(src);
	doc_free(tr);
	return status;
}

static int cmd_rules(int argc, char **argv)
{
	struct cli cli;
	int st = parse_options(argc, argv, &cli, "rules");
	if (st >= 0)
		return st;
	if (strcmp(cli.format, "json") == 0) {
		printf("[\n");
		for (int i = 0; i < RULE_COUNT; i++) {
			const struct rule_info *r = rule_info((enum rule_id)i);
			struct strbuf sb = STRBUF_INIT;
			strbuf_addstr(&sb, "  {\"id\": \"");
			strbuf_addstr(&sb, r->id);
			strbuf_addstr(&sb, "\", \"severity\": \"");
			strbuf_addstr(&sb, severity_name(r->severity));
			strbuf_addstr(&sb, "\", \"summary\": ");
			json_escape(&sb, r->summary, strlen(r->summary));
			strbuf_addstr(&sb, i + 1 < RULE_COUNT ? "},\n" : "}\n");
			fputs(sb.buf, stdout);
			strbuf_release(&sb);
		}
		printf("]\n");
		return 0;
	}
	for (int i = 0; i < RULE_COUNT; i++) {
		const struct rule_info *r = rule_info((enum rule_id)i);
		printf("%-26s %-8s %s\n", r->id, severity_name(r->severity), r->summary);
	}
	return 0;
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		fputs(usage_text, stderr);
		return EXIT_USAGE;
	}
	const char *cmd = argv[1];
	if (strcmp(cmd, "--version") == 0 || strcmp(cmd, "version") == 0) {
		printf("l10nlint %s\n", L10NLINT_VERSION);
		return 0;
	}
	if (strcmp(cmd, "--help") == 0 || strcmp(cmd, "-h") == 0 || strcmp(cmd, "help") == 0) {
		fputs(usage_text, stdout);
		return 0;
	}
	static const struct {
		const char *name;
		int (*run)(int, char **);
	} commands[] = {
		{"check", cmd_check},
		{"align", cmd_align},
		{"outline", cmd_outline},
		{"rules", cmd_rules},
	};
	int (*run)(int, char **) = NULL;
	for (size_t i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		if (strcmp(cmd, commands[i].name) == 0)
			run = commands[i].run;
	if (!run) {
		usage_error("unknown command '%s'", cmd);
		return EXIT_USAGE;
	}
	doc_global_init();
	text_global_init();
	refs_global_init();
	int status = run(argc - 1, argv + 1);
	if (fflush(stdout) != 0 || ferror(stdout)) {
		fprintf(stderr, "l10nlint: error writing output\n");
		status = EXIT_USAGE;
	}
	refs_global_cleanup();
	text_global_cleanup();
	locale_cleanup();
	return status;
}
