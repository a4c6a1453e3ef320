/* main.c - argv -> options -> run -> exit status. No checking logic here. */
#include <getopt.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <errno.h>
#include <fcntl.h>
#if defined(__GLIBC__)
#include <malloc.h>
#endif

#include "align.h"
#include "baseline.h"
#include "check.h"
#include "config.h"
#include "l10nlint-build.h"
#include "diag.h"
#include "json.h"
#include "doc.h"
#include "emit.h"
#include "explain.h"
#include "locale.h"
#include "outline.h"
#include "refs.h"
#include "site.h"
#include "strbuf.h"
#include "xalloc.h"
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
	"  check --site ROOT [PATH...] check every translated page of a site\n"
	"  align SOURCE TRANSLATION    show how the sections of the two pages pair up\n"
	"  outline FILE...             print each heading (level, position, Hugo ID,\n"
	"                              explicit or not, text) and the front-matter keys\n"
	"  rules                       list every rule with its severity and summary\n"
	"  init [DIR]                  write a commented starter .l10nlint.yaml\n"
	"  explain RULE                print a rule's documentation\n"
	"\n"
	"options (check, align, outline):\n"
	"  --format FORMAT             text (default), json; check also sarif\n"
	"                              (SARIF 2.1.0) and github (workflow commands)\n"
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
	"  --config FILE               the configuration (default: ROOT/.l10nlint.yaml\n"
	"                              in site mode)\n"
	"  --baseline FILE             report only findings not recorded in FILE\n"
	"  --write-baseline FILE       record today's findings in FILE\n"
	"\n"
	"site mode (check --site ROOT):\n"
	"  --lang LANG[,LANG...]       the translation languages to check (default:\n"
	"                              every one found)\n"
	"  --known-pages FILE[:complete[=PREFIX,...]]\n"
	"                              pages that exist although not on disk; a link\n"
	"                              to a page it lacks is judged only under the\n"
	"                              folders it is complete for: the PREFIXes\n"
	"                              (relative to ROOT), or with :complete alone\n"
	"                              the folder common to its entries\n"
	"  --changed-since REV         only pairs changed since a git revision, and\n"
	"                              pages whose links a change may break\n"
	"  --jobs N                    worker threads (default: number of cores)\n"
	"  PATH...                     only these files (a translation checks its pair,\n"
	"                              a source all its translations)\n"
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
	OPT_SITE,
	OPT_CONFIG,
	OPT_BASELINE,
	OPT_WRITE_BASELINE,
	OPT_KNOWN_PAGES,
	OPT_CHANGED_SINCE,
	OPT_JOBS,
	OPT_FORCE,
};

struct cli {
	const char *format;
	struct doc_options doc;
	struct rule_settings rules;
	bool rules_set[RULE_COUNT]; /* changed on the command line */
	int fail_on;                /* severity index, SEV_OFF for never; -1 unset */
	int color;                  /* -1 auto, 0 never, 1 always */
	bool anchor_set, size_set;
	const char *site, *config, *baseline, *write_baseline, *changed_since;
	struct known_pages known[16];
	size_t nknown;
	const char *prefixes[256];  /* the known lists' complete folders */
	size_t nprefixes;
	int jobs;
	bool force;
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
	{"site", required_argument, NULL, OPT_SITE},
	{"config", required_argument, NULL, OPT_CONFIG},
	{"baseline", required_argument, NULL, OPT_BASELINE},
	{"write-baseline", required_argument, NULL, OPT_WRITE_BASELINE},
	{"known-pages", required_argument, NULL, OPT_KNOWN_PAGES},
	{"changed-since", required_argument, NULL, OPT_CHANGED_SINCE},
	{"jobs", required_argument, NULL, OPT_JOBS},
	{"force", no_argument, NULL, OPT_FORCE},
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
		cli->rules_set[r] = true;
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
	cli->fail_on = -1;
	cli->color = -1;
	rule_settings_default(&cli->rules);
	optind = 1;
	opterr = 0;
	int c;
	while ((c = getopt_long(argc, argv, "+", longopts, NULL)) != -1) {
		switch (c) {
		case OPT_FORMAT:
			if (!emitter_find(optarg)) {
				usage_error("unknown format '%s' (text, json, sarif or github)", optarg);
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
			cli->anchor_set = true;
			break;
		case OPT_LANG:
			cli->doc.lang = optarg;
			break;
		case OPT_MAX_SIZE:
			if (!config_parse_size(optarg, &cli->doc.max_size)) {
				usage_error("invalid --max-size '%s'", optarg);
				return EXIT_USAGE;
			}
			cli->size_set = true;
			break;
		case OPT_SITE:
			cli->site = optarg;
			break;
		case OPT_CONFIG:
			cli->config = optarg;
			break;
		case OPT_BASELINE:
			cli->baseline = optarg;
			break;
		case OPT_WRITE_BASELINE:
			cli->write_baseline = optarg;
			break;
		case OPT_CHANGED_SINCE:
			cli->changed_since = optarg;
			break;
		case OPT_FORCE:
			cli->force = true;
			break;
		case OPT_JOBS: {
			char *end;
			long j = strtol(optarg, &end, 10);
			if (*end || j < 1 || j > 64) {
				usage_error("--jobs takes a number from 1 to 64, not '%s'", optarg);
				return EXIT_USAGE;
			}
			cli->jobs = (int)j;
			break;
		}
		case OPT_KNOWN_PAGES: {
			if (cli->nknown >= sizeof(cli->known) / sizeof(cli->known[0])) {
				usage_error("too many --known-pages");
				return EXIT_USAGE;
			}
			struct known_pages *kp = &cli->known[cli->nknown];
			memset(kp, 0, sizeof(*kp));
			size_t l = strlen(optarg);
			char *eq = NULL;
			for (char *m = strstr(optarg, ":complete="); m; m = strstr(m + 1, ":complete="))
				eq = m;
			if (l > 9 && strcmp(optarg + l - 9, ":complete") == 0) {
				kp->complete = true;
				optarg[l - 9] = '\0';
			} else if (eq) {
				/* FILE:complete=PREFIX[,PREFIX...] */
				*eq = '\0';
				kp->prefixes = cli->prefixes + cli->nprefixes;
				char *p = eq + 10;
				for (;;) {
					char *comma = strchr(p, ',');
					if (comma)
						*comma = '\0';
					const char *problem = config_known_prefix_problem(p);
					if (!p[0]) {
						usage_error("--known-pages %s: an empty folder in "
						            ":complete=PREFIX[,PREFIX...]",
						            optarg);
						return EXIT_USAGE;
					}
					if (problem) {
						usage_error("--known-pages %s: bad folder '%s' after "
						            ":complete=: %s",
						            optarg, p, problem);
						return EXIT_USAGE;
					}
					if (cli->nprefixes >=
					    sizeof(cli->prefixes) / sizeof(cli->prefixes[0])) {
						usage_error("--known-pages: too many complete folders");
						return EXIT_USAGE;
					}
					cli->prefixes[cli->nprefixes++] = p;
					kp->nprefixes++;
					if (!comma)
						break;
					p = comma + 1;
				}
			}
			if (!optarg[0]) {
				usage_error("--known-pages: no file name");
				return EXIT_USAGE;
			}
			kp->file = optarg;
			cli->nknown++;
			break;
		}
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

/* outline, align and rules print text or JSON only. */
static bool text_or_json(const struct cli *cli, const char *cmd)
{
	if (strcmp(cli->format, "text") == 0 || strcmp(cli->format, "json") == 0)
		return true;
	usage_error("%s: --format takes text or json, not '%s'", cmd, cli->format);
	return false;
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
	if (!text_or_json(&cli, "outline"))
		return EXIT_USAGE;
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

/* Settings from the configuration, then the command line on top. */
static void merge_config(struct cli *cli, const struct config *cfg, struct rule_settings *rs)
{
	*rs = cfg->rules;
	for (int r = 0; r < RULE_COUNT; r++)
		if (cli->rules_set[r])
			rs->severity[r] = cli->rules.severity[r];
	if (!cli->anchor_set && cfg->anchor_style_set)
		cli->doc.anchor_style = cfg->anchor_style;
	if (!cli->size_set && cfg->max_size)
		cli->doc.max_size = cfg->max_size;
	if (cli->fail_on < 0)
		cli->fail_on = cfg->fail_on >= 0 ? cfg->fail_on : SEV_ERROR;
}

static int cmd_check(int argc, char **argv)
{
	struct cli cli;
	int st = parse_options(argc, argv, &cli, "check");
	if (st >= 0)
		return st;
	if (!cli.site && argc - optind != 2) {
		usage_error("check: needs SOURCE and TRANSLATION, or --site ROOT");
		return EXIT_USAGE;
	}
	if (!cli.site && (cli.changed_since || cli.nknown || cli.jobs)) {
		usage_error("check: --changed-since, --known-pages and --jobs go with --site");
		return EXIT_USAGE;
	}
	struct config cfg;
	int loaded_cfg = 0;
	if (cli.config)
		loaded_cfg = config_load(&cfg, cli.config) ? 1 : -1;
	else if (cli.site)
		loaded_cfg = config_load_root(&cfg, cli.site);
	else
		config_defaults(&cfg);
	if (loaded_cfg < 0) {
		config_release(&cfg);
		return EXIT_USAGE;
	}
	struct rule_settings rs;
	merge_config(&cli, &cfg, &rs);

	for (size_t i = 0; cfg.locales && i < cfg.locales->nchildren; i++)
		locale_configure(cfg.locales->children[i].key, &cfg.locales->children[i]);
	struct diag_list dl;
	diag_init(&dl);
	bool input_ok = true, usage_ok = true;
	struct site_result res;
	memset(&res, 0, sizeof(res));
	if (cli.site) {
		/* --lang ja,ko */
		const char *langs[32];
		size_t nlangs = 0;
		char *lang_copy = cli.doc.lang ? xstrdup(cli.doc.lang) : NULL;
		char *save = NULL;
		for (char *t = lang_copy ? strtok_r(lang_copy, ",", &save) : NULL; t && nlangs < 32;
		     t = strtok_r(NULL, ",", &save))
			langs[nlangs++] = t;
		struct site_options so;
		memset(&so, 0, sizeof(so));
		so.root = cli.site;
		so.cfg = &cfg;
		so.langs = langs;
		so.nlangs = nlangs;
		so.paths = argv + optind;
		so.npaths = (size_t)(argc - optind);
		so.known = cli.known;
		so.nknown = cli.nknown;
		so.doc = cli.doc;
		so.doc.lang = NULL;
		so.cli_rules = &cli.rules;
		so.cli_rules_set = cli.rules_set;
		so.jobs = cli.jobs;
		so.progress = isatty(STDERR_FILENO);
		so.changed_since = cli.changed_since;
		site_run(&so, &dl, &res);
		input_ok = !res.input_error;
		usage_ok = !res.usage_error;
		free(lang_copy);
	} else {
		struct check_options opt = {cli.doc, &rs};
		input_ok = check_pair(argv[optind], argv[optind + 1], &opt, &dl);
	}
	diag_sort(&dl);
	if (usage_ok && cli.write_baseline && !baseline_write(cli.write_baseline, &dl, cli.site))
		usage_ok = false;
	if (usage_ok && cli.baseline && !baseline_filter(cli.baseline, &dl, cli.site))
		usage_ok = false;
	int status = 0;
	if (usage_ok) {
		const struct emitter *em = emitter_find(cli.format);
		struct emit_run run = {stdout, want_color(&cli) && strcmp(cli.format, "text") == 0,
		                       res.coverage, res.ncoverage, NULL};
		emit_all(em, &run, &dl);
		if (cli.fail_on != SEV_OFF)
			for (int s = cli.fail_on; s < SEV_OFF; s++)
				if (dl.count[s])
					status = EXIT_FINDINGS;
	}
	if (!input_ok || !usage_ok)
		status = EXIT_USAGE;
	site_result_release(&res);
	diag_release(&dl);
	config_release(&cfg);
	return status;
}

static int cmd_explain(int argc, char **argv)
{
	struct cli cli;
	int st = parse_options(argc, argv, &cli, "explain");
	if (st >= 0)
		return st;
	if (argc - optind != 1) {
		usage_error("explain: needs one RULE (see 'l10nlint rules')");
		return EXIT_USAGE;
	}
	enum rule_id r;
	if (!rule_lookup(argv[optind], &r)) {
		usage_error("explain: unknown rule '%s' (see 'l10nlint rules')", argv[optind]);
		return EXIT_USAGE;
	}
	if (!explain_rule(argv[optind], stdout)) {
		const struct rule_info *ri = rule_info(r);
		printf("%s (%s): %s\n", ri->id, severity_name(ri->severity), ri->summary);
	}
	return 0;
}

static int cmd_init(int argc, char **argv)
{
	struct cli cli;
	int st = parse_options(argc, argv, &cli, "init");
	if (st >= 0)
		return st;
	if (argc - optind > 1) {
		usage_error("init: takes at most one folder");
		return EXIT_USAGE;
	}
	struct strbuf path = STRBUF_INIT;
	strbuf_addstr(&path, argc - optind == 1 ? argv[optind] : ".");
	strbuf_addstr(&path, "/.l10nlint.yaml");
	int flags = O_WRONLY | O_CREAT | O_CLOEXEC | (cli.force ? O_TRUNC : O_EXCL);
	int fd = open(path.buf, flags, 0644);
	if (fd < 0) {
		fprintf(stderr, "l10nlint: %s: %s%s\n", path.buf, strerror(errno),
		        errno == EEXIST ? " (use --force to overwrite)" : "");
		strbuf_release(&path);
		return EXIT_USAGE;
	}
	const char *text = config_starter();
	size_t len = strlen(text);
	bool ok = write(fd, text, len) == (ssize_t)len;
	if (close(fd) != 0)
		ok = false;
	if (ok)
		printf("wrote %s\n", path.buf);
	else
		fprintf(stderr, "l10nlint: %s: write error\n", path.buf);
	strbuf_release(&path);
	return ok ? 0 : EXIT_USAGE;
}

static int cmd_align(int argc, char **argv)
{
	struct cli cli;
	int st = parse_options(argc, argv, &cli, "align");
	if (st >= 0)
		return st;
	if (!text_or_json(&cli, "align"))
		return EXIT_USAGE;
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
	if (!text_or_json(&cli, "rules"))
		return EXIT_USAGE;
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
#if defined(__GLIBC__) && defined(M_TRIM_THRESHOLD)
	/* Documents are allocated and freed one after another: without this,
	 * glibc hands the top of each heap back to the kernel after a
	 * document (brk, madvise) and takes it back, page fault by page
	 * fault, for the next one. Peak memory is unchanged. */
	mallopt(M_TRIM_THRESHOLD, 64 << 20);
	mallopt(M_TOP_PAD, 1 << 20);
#endif
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
		{"init", cmd_init},
		{"explain", cmd_explain},
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
