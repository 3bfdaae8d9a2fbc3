#!/usr/bin/env python3
"""The longest methods (and constructors) in src/main/java, counted in lines from the line of the name to the
closing brace. House check for issue #9 (not run by CI): `python3 .ci/long-methods.py [N] [ROOT]`.

The scan strips comments, strings and char literals, then follows braces: a brace opened after a
`class`/`interface`/`enum`/`record` header or `new T(...)` is a type body, one opened after `name(...)` (and an
optional throws clause) directly inside a type body is a method. Lambdas and blocks count towards their method.
"""
import os
import re
import sys

CONTROL = {"if", "for", "while", "switch", "catch", "synchronized", "try", "do", "else", "return", "new", "throw",
           "case", "yield", "assert"}


def strip(src):
    """Comments, strings, text blocks and char literals replaced by spaces; newlines kept."""
    out = []
    i, n = 0, len(src)
    while i < n:
        c = src[i]
        if src.startswith("//", i):
            j = src.find("\n", i)
            j = n if j < 0 else j
            out.append(" " * (j - i))
            i = j
        elif src.startswith("/*", i):
            j = src.find("*/", i + 2)
            j = n if j < 0 else j + 2
            out.append(re.sub(r"[^\n]", " ", src[i:j]))
            i = j
        elif src.startswith('"""', i):
            j = src.find('"""', i + 3)
            j = n if j < 0 else j + 3
            out.append(re.sub(r"[^\n]", " ", src[i:j]))
            i = j
        elif c in "\"'":
            j = i + 1
            while j < n and src[j] != c:
                j += 2 if src[j] == "\\" else 1
            j = min(n, j + 1)
            out.append(" " * (j - i))
            i = j
        else:
            out.append(c)
            i += 1
    return "".join(out)


def methods(path):
    text = strip(open(path, encoding="utf-8").read())
    stack = []  # (kind, name, start line)
    last = 0  # index after the last ; { or }
    for i, c in enumerate(text):
        if c == "{":
            header = text[last:i]
            kind, name, start = "block", None, None
            inside_type = not stack or stack[-1][0] == "type"
            if re.search(r"\b(class|interface|enum|record)\b", header) and not header.rstrip().endswith(")") \
                    or re.search(r"\b(class|interface|enum|record)\s+\w+", header):
                kind = "type"
            elif re.search(r"\bnew\s+[\w.<>]+\s*\(.*\)\s*$", header, re.S):
                kind = "type"  # anonymous class body
            elif inside_type:
                m = re.search(r"(\w+)\s*\((?:[^()]|\([^()]*\))*\)\s*(?:throws\s+[\w.,\s<>]+)?\s*$", header, re.S)
                if m and m.group(1) not in CONTROL:
                    kind, name = "method", m.group(1)
                    start = text.count("\n", 0, last + m.start(1)) + 1
                elif inside_type and re.search(r"\b[A-Z]\w*\s*$", header):
                    kind, name = "method", re.search(r"(\w+)\s*$", header).group(1)  # compact constructor
                    start = text.count("\n", 0, last + header.rfind(name)) + 1
            stack.append((kind, name, start))
            last = i + 1
        elif c == "}":
            if stack:
                kind, name, start = stack.pop()
                if kind == "method":
                    end = text.count("\n", 0, i) + 1
                    yield name, start, end
            last = i + 1
        elif c == ";":
            last = i + 1


def main():
    top = int(sys.argv[1]) if len(sys.argv) > 1 else 15
    root = sys.argv[2] if len(sys.argv) > 2 else "src/main/java"
    rows = []
    for d, _, files in os.walk(root):
        for f in files:
            if f.endswith(".java"):
                p = os.path.join(d, f)
                cls = os.path.relpath(p, root)[:-5].replace(os.sep, ".").removeprefix("dev.initlab.")
                for name, start, end in methods(p):
                    rows.append((end - start + 1, cls + "." + name, start))
    rows.sort(key=lambda r: (-r[0], r[1]))
    for length, name, line in rows[:top]:
        print(f"{length:4d}  {name}  (line {line})")


if __name__ == "__main__":
    main()
