#!/usr/bin/env python3
"""House naming checks for issue #9 (not run by CI): `python3 .ci/names.py [ROOT]`.

1. Nested type names declared in more than one class of src/main/java, and for each declaration whether
   code outside its own file names it: by its simple name (an import of `Outer.Name`: such a type needs a
   name that says what it is), qualified (`Outer.Name`), or not at all (a private helper, which may repeat).
2. Enum label methods: any `word()`, `text()`, `cliName()` (the house verb is `label()`).
3. Static factories: public static methods called `create`, `get`, `getInstance`, `newInstance`, `from`,
   `valueOf` (the house verbs are `of(...)` for validating factories, `parse(String)` for user text,
   `instance()` for a stateless singleton).
"""
import os
import re
import sys
from collections import defaultdict

ROOT = sys.argv[1] if len(sys.argv) > 1 else "src"
MAIN = os.path.join(ROOT, "main", "java")


def java_files(root):
    for d, _, files in os.walk(root):
        for f in files:
            if f.endswith(".java"):
                yield os.path.join(d, f)


def strip_comments(src):
    src = re.sub(r"/\*.*?\*/", lambda m: re.sub(r"[^\n]", " ", m.group(0)), src, flags=re.S)
    return re.sub(r"//[^\n]*", "", src)


def main():
    sources = {p: strip_comments(open(p, encoding="utf-8").read()) for p in java_files(ROOT)
               if os.path.isdir(ROOT)}
    main_files = [p for p in sources if p.startswith(MAIN)]
    nested = defaultdict(list)  # simple name -> [(outer class, file, private?)]
    for p in main_files:
        src = sources[p]
        outer = os.path.basename(p)[:-5]
        for m in re.finditer(r"^( +)((?:(?:public|private|protected|static|final|sealed|abstract)\s+)*)"
                             r"(class|interface|enum|record)\s+(\w+)", src, re.M):
            if len(m.group(1)) >= 4:
                nested[m.group(4)].append((outer, p, "private" in m.group(2)))
    print("1. nested type names declared in more than one class, and how code outside the file uses each")
    repeated = 0
    simple_outside = 0
    for name in sorted(nested):
        decls = nested[name]
        if len({o for o, _, _ in decls}) < 2:
            continue
        repeated += 1
        parts = []
        for outer, p, private in sorted(decls):
            pat = re.compile(r"\b" + re.escape(outer) + r"\." + re.escape(name) + r"\b")
            imp = re.compile(r"^import [\w.]*\b" + re.escape(outer) + r"\." + re.escape(name) + ";", re.M)
            outside = any(q != p and pat.search(s) for q, s in sources.items())
            imported = any(q != p and imp.search(s) for q, s in sources.items())
            use = "IMPORTED (simple name outside)" if imported else "qualified outside" if outside else "inside only"
            parts.append(f"{outer}.{name}{' (private)' if private else ''}: {use}")
            simple_outside += imported
        print(f"  {name}: " + "; ".join(parts))
    print(f"  -> {repeated} repeated nested names; {simple_outside} of their declarations imported by simple name")
    print("2. enum label methods other than label() (word(), text(), cliName(), displayName() inside an enum)")
    bad = 0
    for p in main_files:
        src = sources[p]
        for e in re.finditer(r"\benum\s+(\w+)[^{;]*\{", src):
            depth, i = 1, e.end()
            while i < len(src) and depth:
                depth += {"{": 1, "}": -1}.get(src[i], 0)
                i += 1
            for m in re.finditer(r"\bString\s+(word|text|cliName|displayName)\s*\(\s*\)", src[e.end():i]):
                bad += 1
                print(f"  {os.path.relpath(p, MAIN)}: {e.group(1)}.{m.group(1)}()")
    print(f"  -> {bad}")
    print("3. static factories named create/get/getInstance/newInstance/from/valueOf")
    bad = 0
    for p in main_files:
        for m in re.finditer(r"\bpublic\s+static\s+(?:final\s+)?[\w.<>\[\], ?]+\s+"
                             r"(create|get|getInstance|newInstance|from|valueOf)\s*\(", sources[p]):
            bad += 1
            print(f"  {os.path.relpath(p, MAIN)}: {m.group(1)}(")
    print(f"  -> {bad}")


if __name__ == "__main__":
    main()
