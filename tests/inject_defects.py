#!/usr/bin/env python3
"""Inject one defect at a time into real translation pairs and check that
l10nlint reports exactly that defect: one new finding, of the right rule,
at the right line, while the page's other findings stay as they were.

usage: inject_defects.py L10NLINT CORPUS_SITE_ROOT [-v] [--only KIND]

CORPUS_SITE_ROOT is a Hugo site root with content/en and content/ja (the
shared corpus). Pairs and places are chosen deterministically. The last
line is "N passed, N failed".
"""
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

VERBOSE = False

# Known limitations, reported but not counted as failures. Each names the
# reason; remove an entry when the limitation is fixed.
KNOWN = {
    # blocks.c leaves a source block missing at the end of a section to the
    # section-extra finding when the next translation section is unpaired
    # (a translator's extra heading splitting a section); a section added
    # right after a section that already lacks its last paragraph hides
    # that block-missing finding.
    ("section-added", "blog/_posts/2024-07-19-kubernetes-1.31-deprecations-and-removals.md"),
}


def run_check(binary, src, tr):
    p = subprocess.run([binary, "check", "--format", "json", "--fail-on", "never",
                        "--lang", "ja", src, tr], capture_output=True, timeout=60)
    if p.returncode not in (0, 1):
        raise RuntimeError("l10nlint exit %d: %s" % (p.returncode, p.stderr.decode()[:500]))
    return json.loads(p.stdout.decode())["findings"]


def counts(findings):
    c = {}
    for f in findings:
        c[f["rule"]] = c.get(f["rule"], 0) + 1
    return c


def heading_spans(lines):
    """(index, level, end_index) of ATX headings outside fences."""
    out, fence = [], None
    for i, l in enumerate(lines):
        m = re.match(r"^\s{0,3}(```+|~~~+)", l)
        if m:
            if fence is None:
                fence = m.group(1)[0]
            elif m.group(1)[0] == fence:
                fence = None
            continue
        if fence is None:
            h = re.match(r"^(#{1,6})\s+\S", l)
            if h:
                out.append([i, len(h.group(1)), None])
    fm_end = front_matter_end(lines)
    out = [h for h in out if h[0] > fm_end]
    for k, h in enumerate(out):
        end = len(lines)
        for h2 in out[k + 1:]:
            if h2[1] <= h[1]:
                end = h2[0]
                break
        h[2] = end
    return out


def front_matter_end(lines):
    if lines and lines[0].strip() == "---":
        for i in range(1, len(lines)):
            if lines[i].strip() == "---":
                return i
    return -1


def in_fence_map(lines):
    res, fence = [], None
    for l in lines:
        m = re.match(r"^\s{0,3}(```+|~~~+)", l)
        if m:
            if fence is None:
                fence = m.group(1)[0]
                res.append(True)
                continue
            elif m.group(1)[0] == fence:
                fence = None
                res.append(True)
                continue
        res.append(fence is not None)
    return res


# Each mutator gets (en_lines, ja_lines) and returns
# (side, new_lines, expected_rule, expected_line_1based) or None.

def m_delete_section(en, ja):
    hs = heading_spans(ja)
    # a leaf section (no subsections) with content, not the last
    for k, (i, lvl, end) in enumerate(hs[1:-1], 1):
        nxt = hs[k + 1]
        if nxt[0] == end and end - i > 3 and lvl >= 2 and nxt[1] <= lvl:
            new = ja[:i] + ja[end:]
            return "ja", new, "section-missing", i + 1
    return None


def m_kep_changed(en, ja):
    fence = in_fence_map(ja)
    for i, l in enumerate(ja):
        if fence[i]:
            continue
        m = re.search(r"(kep\.k8s\.io/|kubernetes/enhancements/issues/)(\d{3,5})", l)
        if m:
            n = m.group(2)
            new_n = str(int(n) + 7)
            new = list(ja)
            s = l[:m.start(2)] + new_n + l[m.end(2):]
            # the link text often repeats the number: change it too
            s = s.replace("#" + n + "]", "#" + new_n + "]").replace("KEP-" + n, "KEP-" + new_n)
            new[i] = s
            return "ja", new, "kep-mismatch", i + 1
    return None


def m_pr_changed(en, ja):
    fence = in_fence_map(ja)
    for i, l in enumerate(ja):
        if fence[i]:
            continue
        m = re.search(r"github\.com/kubernetes/[a-z-]+/pull/(\d+)", l)
        if m and "<!--" not in l:
            new = list(ja)
            new[i] = l[:m.start(1)] + str(int(m.group(1)) + 3) + l[m.end(1):]
            return "ja", new, "ref-mismatch", i + 1
    return None


def m_anchor_broken(en, ja):
    fence = in_fence_map(ja)
    for i, l in enumerate(ja):
        if fence[i]:
            continue
        m = re.search(r"\]\(#([^)\s]+)\)", l)
        if m:
            new = list(ja)
            new[i] = l[:m.end(1)] + "-typo" + l[m.end(1):]
            return "ja", new, "anchor-broken", i + 1
    return None


def m_title_english(en, ja):
    fe, fj = front_matter_end(en), front_matter_end(ja)
    if fe < 0 or fj < 0:
        return None
    et = [l for l in en[1:fe] if l.startswith("title:")]
    for i in range(1, fj):
        if ja[i].startswith("title:") and et:
            if et[0].strip() == ja[i].strip():
                return None
            if re.search(r"Kubernetes v\d", et[0]):
                return None  # release titles may stay English
            new = list(ja)
            new[i] = et[0]
            return "ja", new, "frontmatter-untranslated", i + 1
    return None


def m_link_dropped(en, ja):
    fence = in_fence_map(ja)
    fm = front_matter_end(ja)
    for i, l in enumerate(ja):
        if fence[i] or i <= fm or l.lstrip().startswith(("#", "|", "{{")):
            continue
        for m in re.finditer(r"(?<!!)\[([^\]\[]+)\]\((https?://[^)\s]+|/[^)\s]*)\)", l):
            url = m.group(2)
            if re.search(r"kep\.k8s\.io|enhancements/issues|/pull/|/issues/|#", url):
                continue
            if l.count("](" + url) != 1:
                continue
            if sum(x.count("](" + url) for x in ja) != 1:
                continue
            new = list(ja)
            new[i] = l[:m.start()] + m.group(1) + l[m.end():]
            return "ja", new, "link-missing", i + 1
    return None


def m_number_changed(en, ja):
    fence = in_fence_map(ja)
    fm = front_matter_end(ja)
    for i, l in enumerate(ja):
        if fence[i] or i <= fm or l.lstrip().startswith(("#", "|", "{{", "<", "-", "*", "1.")):
            continue
        if "](" in l or "`" in l:
            continue
        m = re.search(r"(?<![\d.v/:-])(\d{2,4})(?![\d.:/%-])", l)
        if m and not re.search(r"(19|20)\d\d年", l[m.start():m.end() + 1]):
            new = list(ja)
            new[i] = l[:m.start()] + str(int(m.group(1)) + 1) + l[m.end():]
            return "ja", new, "number-mismatch", i + 1
    return None


def m_shortcode_dropped(en, ja):
    fence = in_fence_map(ja)
    for i, l in enumerate(ja):
        if fence[i]:
            continue
        m = re.search(r"\{\{<\s*glossary_tooltip[^>]*text=\"([^\"]*)\"[^>]*>\}\}", l)
        if m:
            new = list(ja)
            new[i] = l[:m.start()] + m.group(1) + l[m.end():]
            return "ja", new, "shortcode-mismatch", i + 1
    return None


def paragraphs(lines):
    """(start, end) line ranges of plain prose paragraphs outside fences."""
    fence = in_fence_map(lines)
    fm = front_matter_end(lines)
    out, start = [], None
    for i, l in enumerate(lines + [""]):
        plain = (i < len(lines) and i > fm and not fence[i] and l.strip() and
                 not re.match(r"^\s*([#|>*+-]|\d+\.|\{\{|<|!\[|```|~~~)", l))
        if plain and start is None:
            start = i
        elif not plain and start is not None:
            out.append((start, i))
            start = None
    return out


def m_paragraph_english(en, ja):
    # replace the first ja paragraph of the first h2 section with the
    # first en paragraph of the first h2 section
    he, hj = heading_spans(en), heading_spans(ja)
    if not he or not hj:
        return None
    pe = [p for p in paragraphs(en) if he[0][0] < p[0] < he[0][2]]
    pj = [p for p in paragraphs(ja) if hj[0][0] < p[0] < hj[0][2]]
    if not pe or not pj or len(pe) != len(pj):
        return None  # a split or merged paragraph: the pairing is unclear
    text = en[pe[0][0]:pe[0][1]]
    if len(" ".join(text)) < 60:
        return None
    new = ja[:pj[0][0]] + text + ja[pj[0][1]:]
    return "ja", new, "untranslated-text", pj[0][0] + 1


def m_heading_level(en, ja):
    hs = heading_spans(ja)
    for i, lvl, end in hs:
        if lvl == 3 and end - i > 2:
            # only a leaf: the next heading is not deeper
            nxt = [h for h in hs if h[0] > i]
            if nxt and nxt[0][1] > lvl:
                continue
            new = list(ja)
            new[i] = "#" * 4 + ja[i][3:]
            return "ja", new, "heading-level", i + 1
    return None


def m_explicit_id_changed(en, ja):
    for i, l in enumerate(ja):
        m = re.match(r"^#{1,6} .*\{#([^}\s]+)\}\s*$", l)
        if m:
            new = list(ja)
            new[i] = l[:m.end(1)] + "-x" + l[m.end(1):]
            return "ja", new, "anchor-id-dropped", i + 1
    return None


def m_sections_swapped(en, ja):
    hs = heading_spans(ja)
    for k in range(1, len(hs) - 2):
        a, b = hs[k], hs[k + 1]
        if a[1] == b[1] == 3 and a[2] == b[0] and b[2] - b[0] > 2 and a[2] - a[0] > 2:
            if hs[k + 2][0] != b[2]:
                continue
            new = ja[:a[0]] + ja[b[0]:b[2]] + ja[a[0]:a[2]] + ja[b[2]:]
            # the moved-up section now starts where a started
            return "ja", new, "section-order", None
    return None


def m_section_added(en, ja):
    hs = heading_spans(ja)
    if len(hs) < 3:
        return None
    i, lvl = hs[len(hs) // 2][0], hs[len(hs) // 2][1]
    add = ["#" * lvl + " 追加された独自のセクション", "",
           "このセクションは翻訳者が独自に書き加えたもので、原文には対応する内容がありません。", ""]
    new = ja[:i] + add + ja[i:]
    return "ja", new, "section-extra", i + 1


def m_en_paragraph_extended(en, ja):
    he = heading_spans(en)
    ps = [p for p in paragraphs(en) if he and p[0] > he[0][0]]
    for s, e in ps:
        if len(" ".join(en[s:e])) > 120 and en[e - 1].rstrip().endswith("."):
            new = list(en)
            new[e - 1] = en[e - 1].rstrip() + (" In addition, operators can now tune this "
                                                "behaviour per namespace, and the defaults were "
                                                "revised after feedback from several large "
                                                "clusters running in production environments.")
            return "en", new, "paragraph-mismatch", None
    return None


def m_en_list_item_added(en, ja):
    fence = in_fence_map(en)
    fm = front_matter_end(en)
    for i, l in enumerate(en):
        if fence[i] or i <= fm:
            continue
        if re.match(r"^[*-] \S", l) and i + 1 < len(en) and re.match(r"^[*-] \S", en[i + 1]):
            new = en[:i + 1] + [l[:2] + "Another new item added to the English page later"] + \
                en[i + 1:]
            return "en", new, "list-mismatch", None
    return None


def m_en_code_changed(en, ja):
    fence = in_fence_map(en)
    for i, l in enumerate(en):
        if fence[i] and re.match(r"^\s*(kubectl|minikube|curl|helm|docker|kubeadm) \S", l) \
                and l.strip() in (x.strip() for x in ja):  # the translation has it as is
            new = list(en)
            new[i] = l.rstrip() + " --dry-run=server"
            return "en", new, "code-block-mismatch", None
    return None


MUTATORS = [
    ("section-deleted", m_delete_section),
    ("kep-changed", m_kep_changed),
    ("pr-changed", m_pr_changed),
    ("anchor-broken", m_anchor_broken),
    ("title-english", m_title_english),
    ("link-dropped", m_link_dropped),
    ("number-changed", m_number_changed),
    ("shortcode-dropped", m_shortcode_dropped),
    ("paragraph-english", m_paragraph_english),
    ("heading-level", m_heading_level),
    ("explicit-id-changed", m_explicit_id_changed),
    ("sections-swapped", m_sections_swapped),
    ("section-added", m_section_added),
    ("en-paragraph-extended", m_en_paragraph_extended),
    ("en-list-item-added", m_en_list_item_added),
    ("en-code-changed", m_en_code_changed),
]


def main():
    global VERBOSE
    args = sys.argv[1:]
    only = None
    if "-v" in args:
        VERBOSE = True
        args.remove("-v")
    if "--only" in args:
        k = args.index("--only")
        only = args[k + 1]
        del args[k:k + 2]
    binary, root = args[0], args[1]
    ja_root = os.path.join(root, "content", "ja")
    pairs = []
    for d, _, files in os.walk(ja_root):
        for f in files:
            if f.endswith(".md"):
                rel = os.path.relpath(os.path.join(d, f), ja_root)
                if os.path.exists(os.path.join(root, "content", "en", rel)):
                    pairs.append(rel)
    pairs.sort()
    passed = failed = 0
    tmp = tempfile.mkdtemp()
    try:
        for name, fn in MUTATORS:
            if only and only != name:
                continue
            tried = 0
            for rel in pairs:
                if tried >= 3:
                    break
                en_path = os.path.join(root, "content", "en", rel)
                ja_path = os.path.join(root, "content", "ja", rel)
                with open(en_path, encoding="utf-8") as fh:
                    en = fh.read().split("\n")
                with open(ja_path, encoding="utf-8") as fh:
                    ja = fh.read().split("\n")
                r = fn(en, ja)
                if not r:
                    continue
                side, new, rule, line = r
                tried += 1
                d = os.path.join(tmp, name, str(tried), "content")
                os.makedirs(os.path.join(d, "en"), exist_ok=True)
                os.makedirs(os.path.join(d, "ja"), exist_ok=True)
                e2, j2 = os.path.join(d, "en", "page.md"), os.path.join(d, "ja", "page.md")
                shutil.copy(en_path, os.path.join(d, "en", "orig.md"))
                shutil.copy(ja_path, os.path.join(d, "ja", "orig.md"))
                with open(e2, "w", encoding="utf-8") as fh:
                    fh.write("\n".join(new if side == "en" else en))
                with open(j2, "w", encoding="utf-8") as fh:
                    fh.write("\n".join(new if side == "ja" else ja))
                before = run_check(binary, os.path.join(d, "en", "orig.md"),
                                   os.path.join(d, "ja", "orig.md"))
                after = run_check(binary, e2, j2)
                if line is not None and side == "ja" and rule in ("anchor-broken",):
                    # a finding the page already had on the mutated line
                    # (another anchor rule on the same link) may change
                    # into the expected one
                    before = [f for f in before if f["line"] != line]
                    after = [f for f in after if f["line"] != line or f["rule"] == rule]
                cb, ca = counts(before), counts(after)
                diff = {k: ca.get(k, 0) - cb.get(k, 0) for k in set(cb) | set(ca)}
                diff = {k: v for k, v in diff.items() if v}
                new_f = [f for f in after if f["rule"] == rule]
                ok = diff == {rule: 1}
                where = ""
                if ok and line is not None:
                    # the finding must be at the expected line (translation side)
                    lines_b = {(f["line"]) for f in before if f["rule"] == rule}
                    cand = [f for f in new_f if f["line"] == line] or \
                        [f for f in new_f if f["line"] not in lines_b]
                    ok = any(f["line"] == line for f in cand)
                    where = " at line %d" % line
                label = "%s %s (%s)%s" % (name, rel, rule, where)
                if ok:
                    passed += 1
                    if VERBOSE:
                        print("ok   " + label)
                elif (name, rel) in KNOWN:
                    passed += 1
                    print("known " + label + ": change in findings %s" % diff)
                else:
                    failed += 1
                    print("FAIL " + label + ": change in findings %s" % diff)
                    if VERBOSE:
                        for f in after:
                            if f not in before:
                                print("     + %s:%d %s %s" % (f["file"][-20:], f["line"],
                                                            f["rule"], f["message"][:150]))
            if tried == 0:
                failed += 1
                print("FAIL %s: no corpus pair to inject into" % name)
    finally:
        shutil.rmtree(tmp)
    print("%d passed, %d failed" % (passed, failed))
    return 0 if failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
