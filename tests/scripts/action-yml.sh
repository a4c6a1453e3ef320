#!/usr/bin/env bash
# action.yml (the composite GitHub Action) is well-formed and does what
# docs/github-actions.md says:
#   1. it is YAML (python3's yaml module), a composite action whose inputs
#      have the documented defaults, whose outputs come from its steps, every
#      ${{ inputs.X }} / ${{ steps.ID.outputs.X }} names something that
#      exists, no run: script interpolates ${{ }} itself (inputs go through
#      env:, so a branch name cannot inject shell code), and every run:
#      script passes `bash -n`;
#   2. its last two steps (find the base revision, run l10nlint) are run
#      here as the runner would run them, on a throw-away repository with a
#      bare "origin": a pull request that drops a section, while the base
#      branch moved on; checked out as GitHub's merge commit with depth 1
#      (actions/checkout's default), as the pull request's head with full
#      history, and as its head with depth 1 (the merge base is fetched).
#      Each compares with the right revision, reports the pull request's
#      defect as an annotation and nothing from the base branch; format sarif
#      writes the SARIF file and sets the outputs.
# The dependency and build steps need apt and are not run here.
# Skips (77) without python3's yaml module; part 2 needs git.
# Last line: "N passed, N failed".
set -u
top=${TOP:-$(cd "$(dirname "$0")/../.." && pwd)}
bin=${L10NLINT:-$top/build/l10nlint}
case $bin in /*) ;; *) bin=$PWD/$bin ;; esac
command -v python3 >/dev/null 2>&1 || { echo "python3 not found"; exit 77; }
python3 -c 'import yaml' 2>/dev/null || { echo "python3 yaml module not found (Debian: python3-yaml)"; exit 77; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export ASAN_OPTIONS="${ASAN_OPTIONS:-}:log_path=$tmp/sanitizer"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-}:log_path=$tmp/sanitizer"

# --- a repository with a pull request --------------------------------------
have_git=0
if command -v git >/dev/null 2>&1; then
	have_git=1
	export GIT_CEILING_DIRECTORIES=$tmp GIT_CONFIG_NOSYSTEM=1 HOME=$tmp
	export GIT_AUTHOR_NAME=t GIT_AUTHOR_EMAIL=t@example.org GIT_COMMITTER_NAME=t \
		GIT_COMMITTER_EMAIL=t@example.org
	g() { git -C "$@" >/dev/null 2>&1; }
	w=$tmp/work
	mkdir -p "$w"
	cp -r "$top/tests/cases/site-json-clean/content" "$w/"
	g "$w" init -q -b main
	g "$w" add -A
	g "$w" commit -q -m "site"
	# the pull request: the ja page loses its "How it works" section
	g "$w" checkout -q -b pr
	python3 - "$w/content/ja/docs/concepts/beacon-controller.md" <<'EOF'
import re, sys
p = sys.argv[1]
s = open(p, encoding="utf-8").read()
s2 = re.sub(r"## 仕組み\n\n[^\n]*\n\n", "", s)
assert s2 != s
open(p, "w", encoding="utf-8").write(s2)
EOF
	g "$w" commit -q -a -m "drop a section"
	# meanwhile the base branch gets a broken link elsewhere
	g "$w" checkout -q main
	printf '\n[古いページ](/ja/docs/concepts/nowhere/)を参照してください。\n' \
		>>"$w/content/ja/docs/concepts/beacons.md"
	g "$w" commit -q -a -m "base moves on"
	# GitHub's refs/pull/1/merge: the pull request merged into the base
	g "$w" checkout -q --detach main
	g "$w" merge -q --no-ff --no-edit pr
	merge=$(git -C "$w" rev-parse HEAD)
	base=$(git -C "$w" rev-parse main)
	pr_head=$(git -C "$w" rev-parse pr)
	branch_point=$(git -C "$w" merge-base main pr)
	git clone -q --bare "$w" "$tmp/origin.git" 2>/dev/null
	g "$tmp/origin.git" update-ref refs/pull/1/merge "$merge"
	g "$tmp/origin.git" update-ref refs/pull/1/head "$pr_head"
	# three checkouts, the way actions/checkout makes them
	checkout() { # checkout DIR REF DEPTH
		mkdir -p "$1"
		g "$1" init -q
		g "$1" remote add origin "file://$tmp/origin.git"
		if [ "$3" -gt 0 ]; then
			g "$1" fetch -q --no-tags --depth="$3" origin "+$2:refs/remotes/pull/1/x"
		else
			g "$1" fetch -q --no-tags origin "+refs/heads/*:refs/remotes/origin/*" "+$2:refs/remotes/pull/1/x"
		fi
		g "$1" checkout -q --detach refs/remotes/pull/1/x
	}
	checkout "$tmp/merge1" refs/pull/1/merge 1
	checkout "$tmp/head0" refs/pull/1/head 0
	checkout "$tmp/head1" refs/pull/1/head 1
fi

python3 - "$top/action.yml" "$bin" "$tmp" "$have_git" \
	"${merge:-}" "${base:-}" "${pr_head:-}" "${branch_point:-}" <<'EOF'
import os, re, subprocess, sys
import yaml

action_path, binary, tmp, have_git = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4] == "1"
merge, base, pr_head, branch_point = sys.argv[5:9]
passed = failed = 0

def check(ok, what):
    global passed, failed
    if ok:
        passed += 1
    else:
        failed += 1
        print("FAIL: " + what)
    return ok

# --- 1. the file ------------------------------------------------------------
try:
    action = yaml.safe_load(open(action_path, encoding="utf-8"))
except yaml.YAMLError as e:
    check(False, "action.yml is not YAML: %s" % e)
    print("%d passed, %d failed" % (passed, failed))
    sys.exit(1)
check(isinstance(action, dict) and action.get("name") and action.get("description"),
      "action.yml has no name or description")
runs = action.get("runs", {})
check(runs.get("using") == "composite", "runs.using is not composite")
steps = runs.get("steps", [])
inputs = action.get("inputs", {})
outputs = action.get("outputs", {})
want = {"site-root": ".", "languages": "", "format": "github", "sarif-file": "l10nlint.sarif",
        "baseline": "", "fail-on": "error", "config": "", "extra-args": ""}
for k, v in want.items():
    check(k in inputs and str(inputs[k].get("default")) == v and inputs[k].get("description"),
          "input %s: %r (want default %r and a description)" % (k, inputs.get(k), v))
for k in ("exit-code", "sarif-file"):
    check(k in outputs and "steps." in str(outputs[k].get("value", "")),
          "output %s is not set from a step" % k)
ids = []
expr = re.compile(r"\$\{\{(.*?)\}\}", re.S)
def walk(x):
    if isinstance(x, dict):
        for v in x.values():
            yield from walk(v)
    elif isinstance(x, list):
        for v in x:
            yield from walk(v)
    elif isinstance(x, str):
        yield x
for i, st in enumerate(steps):
    name = st.get("name", "step %d" % i)
    check("run" in st or "uses" in st, "%s: neither run nor uses" % name)
    if "run" in st:
        check(st.get("shell") == "bash", "%s: composite run steps need shell: bash" % name)
        check("${{" not in st["run"], "%s: the run: script interpolates ${{ }}: pass it through env:" % name)
        r = subprocess.run(["bash", "-n"], input=st["run"], text=True, capture_output=True)
        check(r.returncode == 0, "%s: bash -n: %s" % (name, r.stderr.strip()))
    for s in walk({k: v for k, v in st.items() if k != "id"}):
        for e in expr.findall(s):
            for m in re.finditer(r"\binputs\.([A-Za-z0-9_-]+)", e):
                check(m.group(1) in inputs, "%s: unknown input %s" % (name, m.group(1)))
            for m in re.finditer(r"\bsteps\.([A-Za-z0-9_-]+)\.outputs", e):
                check(m.group(1) in ids, "%s: step %s is not an earlier step" % (name, m.group(1)))
    if "id" in st:
        ids.append(st["id"])
for k, o in outputs.items():
    for e in expr.findall(str(o.get("value", ""))):
        for m in re.finditer(r"\bsteps\.([A-Za-z0-9_-]+)\.outputs\.([A-Za-z0-9_-]+)", e):
            st = next((s for s in steps if s.get("id") == m.group(1)), None)
            check(st is not None and ("%s=" % m.group(2)) in st.get("run", ""),
                  "output %s: step %s does not write %s" % (k, m.group(1), m.group(2)))
text = open(action_path, encoding="utf-8").read()
check("github.action_path" in text or "GITHUB_ACTION_PATH" in text,
      "the action does not build from its own checkout")
check("scripts/deps.sh\" build" in text, "the action does not install with scripts/deps.sh build")

# --- 2. the last two steps, as the runner runs them -------------------------
if not have_git:
    print("git not found: the steps are not run")
    print("%d passed, %d failed" % (passed, failed))
    sys.exit(1 if failed else 0)
by_id = {s.get("id"): s for s in steps}

def run_steps(workspace, event, with_inputs, label):
    """Run steps base and check; return (outputs of check, base outputs, stdout)."""
    ctx_inputs = {k: str(v.get("default", "")) for k, v in inputs.items()}
    ctx_inputs.update(with_inputs)
    github = {
        "event_name": event,
        "event.pull_request.base.sha": base if event == "pull_request" else "",
        "event.pull_request.base.ref": "main" if event == "pull_request" else "",
        "event.merge_group.base_sha": "",
        "event.before": "",
    }
    step_out = {"build": {"bin": binary}}
    def value(e):
        e = e.strip()
        if e.startswith("inputs."):
            return ctx_inputs[e[len("inputs."):]]
        if e.startswith("github."):
            return github[e[len("github."):]]
        m = re.fullmatch(r"steps\.([A-Za-z0-9_-]+)\.outputs\.([A-Za-z0-9_-]+)", e)
        if m:
            return step_out.get(m.group(1), {}).get(m.group(2), "")
        raise KeyError(e)
    logs = ""
    for sid in ("base", "check"):
        st = by_id[sid]
        env = dict(os.environ)
        for k, v in (st.get("env") or {}).items():
            env[k] = expr.sub(lambda m: value(m.group(1)), str(v))
        out_file = os.path.join(tmp, "out-%s-%s" % (label, sid))
        open(out_file, "w").close()
        env.update(GITHUB_WORKSPACE=workspace, GITHUB_OUTPUT=out_file, GITHUB_SHA=
                   subprocess.run(["git", "-C", workspace, "rev-parse", "HEAD"],
                                  capture_output=True, text=True).stdout.strip(),
                   GITHUB_STEP_SUMMARY=os.path.join(tmp, "summary-" + label),
                   RUNNER_TEMP=tmp)
        if label == "head0" or label.startswith("head1"):
            # the runner's GITHUB_SHA is the merge commit; HEAD is not it
            env["GITHUB_SHA"] = merge
        # as the runner runs a `shell: bash` step
        script = os.path.join(tmp, "step-%s.sh" % sid)
        open(script, "w", encoding="utf-8").write(st["run"])
        r = subprocess.run(["bash", "--noprofile", "--norc", "-eo", "pipefail", script],
                           cwd=workspace, env=env, capture_output=True, text=True)
        logs += r.stdout + r.stderr
        step_out[sid] = dict(l.split("=", 1) for l in open(out_file).read().splitlines() if "=" in l)
        step_out[sid]["__rc"] = r.returncode
    return step_out, logs

cases = [
    ("merge1", "merge commit, depth 1", base),
    ("head0", "pull request head, full history", branch_point),
    ("head1", "pull request head, depth 1", branch_point),
]
for label, what, want_rev in cases:
    ws = os.path.join(tmp, label)
    out, log = run_steps(ws, "pull_request", {"languages": "ja"}, label)
    check(out["base"].get("rev") == want_rev,
          "%s: compared with %s, not %s\n%s" % (what, out["base"].get("rev"), want_rev, log[-1500:]))
    check(out["check"].get("exit-code") == "1" and out["check"]["__rc"] == 1,
          "%s: exit-code %r, step status %r\n%s" % (what, out["check"].get("exit-code"),
                                                     out["check"]["__rc"], log[-1500:]))
    ann = [l for l in log.splitlines() if l.startswith("::error file=")]
    check(any("content/ja/docs/concepts/beacon-controller.md" in l and "section-missing" in l
              for l in ann), "%s: no section-missing annotation:\n%s" % (what, log[-1500:]))
    check(not any("beacons.md" in l for l in ann),
          "%s: a finding of the base branch is reported:\n%s" % (what, "\n".join(ann)))
    check(out["check"].get("sarif-file") == "", "%s: sarif-file output with format github" % what)
    summary = os.path.join(tmp, "summary-" + label)
    check(os.path.exists(summary) and "section-missing" in open(summary, encoding="utf-8").read(),
          "%s: no step summary" % what)

# format sarif, a site root given as an absolute path, fail-on never
ws = os.path.join(tmp, "merge1")
out, log = run_steps(ws, "pull_request", {"format": "sarif", "sarif-file": "out/l10nlint.sarif",
                                          "fail-on": "never", "site-root": ws}, "sarif")
sarif = os.path.join(ws, "out", "l10nlint.sarif")
check(out["check"].get("exit-code") == "0" and out["check"]["__rc"] == 0,
      "sarif: exit-code %r with fail-on never\n%s" % (out["check"].get("exit-code"), log[-1500:]))
check(out["check"].get("sarif-file") == "out/l10nlint.sarif", "sarif: output sarif-file %r"
      % out["check"].get("sarif-file"))
try:
    import json
    doc = json.load(open(sarif, encoding="utf-8"))
    uris = [r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
            for r in doc["runs"][0]["results"]]
    check(uris == ["content/ja/docs/concepts/beacon-controller.md"],
          "sarif: results at %r (want one, relative to the repository)" % uris)
except (OSError, ValueError, KeyError, IndexError) as e:
    check(False, "sarif: %s\n%s" % (e, log[-1500:]))

# changed-since none: the whole site (the base branch's broken link too)
out, log = run_steps(ws, "pull_request", {"changed-since": "none"}, "whole")
ann = [l for l in log.splitlines() if l.startswith("::error file=")]
check(out["base"].get("rev") == "" and any("beacons.md" in l and "link-broken" in l for l in ann),
      "changed-since none: not the whole site\n%s" % log[-1500:])
# a push event without a previous commit: the whole site
out, log = run_steps(ws, "push", {}, "push")
check(out["base"].get("rev") == "", "push without event.before: rev %r" % out["base"].get("rev"))
# a bad format stops with status 2
out, log = run_steps(ws, "pull_request", {"format": "json"}, "badformat")
check(out["check"]["__rc"] == 2, "format json: step status %r" % out["check"]["__rc"])

print("%d passed, %d failed" % (passed, failed))
sys.exit(1 if failed else 0)
EOF
rc=$?
if ls "$tmp"/sanitizer* >/dev/null 2>&1; then
	cat "$tmp"/sanitizer* | head -n 20
	echo "FAIL: sanitizer report"
	echo "0 passed, 1 failed"
	exit 1
fi
exit $rc
