#!/usr/bin/env python3
"""Module import circles inside each crate (ARCHITECTURE.md, "Invariants").

For every crate under crates/, builds the graph of its source modules: an edge
A -> B when A names `crate::B...`, `super::...` or `self::...` (in `use` lines and
inline paths); declaring `mod B;` is structure, not an import. A path that ends at an item defined in a module
file points to that module; `pub use` re-exports in lib.rs / mod.rs are followed to
the module that defines the item. Any strongly connected component of more than one
module is a circle, printed with its edges; the exit status is 1 if there is any.
So a child may use what its parent defines, or the parent its child, but not both:
a module that composes others (a router, a crate root) must not also be the home of
what they import back (that goes in a module of its own, below both).

Usage: scripts/module-cycles.py [CRATE_DIR ...]   (default: every crate in crates/)
"""
import os
import re
import sys

IDENT = r"[A-Za-z_][A-Za-z0-9_]*"


def modules_of(src):
    """{module path tuple: file} for one crate's src directory."""
    mods = {}
    for root, _, files in os.walk(src):
        for f in files:
            if not f.endswith(".rs"):
                continue
            rel = os.path.relpath(os.path.join(root, f), src)[:-3].split(os.sep)
            if rel[-1] in ("lib", "main", "mod"):
                rel = rel[:-1]
            if rel and rel[0] == "bin":
                continue
            mods[tuple(rel)] = os.path.join(root, f)
    return mods


def strip_comments(text):
    text = re.sub(r"/\*.*?\*/", "", text, flags=re.S)
    text = re.sub(r"//[^\n]*", "", text)
    # String literals can hold `crate::` (in messages): drop them.
    return re.sub(r'"(?:\\.|[^"\\])*"', '""', text)


def inline_modules_as_self(text):
    """Inside an inline `mod name { ... }` (unit tests), `super` is the file itself."""
    out, i = [], 0
    for m in re.finditer(r"\bmod\s+" + IDENT + r"\s*\{", text):
        if m.start() < i:
            continue
        depth, j = 0, m.end() - 1
        while j < len(text):
            if text[j] == "{":
                depth += 1
            elif text[j] == "}":
                depth -= 1
                if depth == 0:
                    break
            j += 1
        out.append(text[i:m.start()])
        out.append(re.sub(r"\bsuper::", "self::", text[m.start():j + 1]))
        i = j + 1
    out.append(text[i:])
    return "".join(out)


def expand(prefix, body):
    """Paths named by a `use` tree body such as `a::{b, c::{d, e}}`."""
    out = []
    depth, start, parts = 0, 0, []
    for i, ch in enumerate(body):
        if ch == "{":
            depth += 1
        elif ch == "}":
            depth -= 1
        elif ch == "," and depth == 0:
            parts.append(body[start:i])
            start = i + 1
    parts.append(body[start:])
    for p in parts:
        p = p.strip()
        if not p:
            continue
        m = re.match(r"^((?:" + IDENT + r"::)*)\{(.*)\}$", p, flags=re.S)
        if m:
            out += expand(prefix + [s for s in m.group(1).split("::") if s], m.group(2))
        else:
            p = re.sub(r"\s+as\s+" + IDENT + "$", "", p)
            out.append(prefix + [s for s in p.split("::") if s and s != "*"])
    return out


def paths_in(text):
    text = inline_modules_as_self(strip_comments(text))
    found = []
    for m in re.finditer(r"\buse\s+((?:crate|super|self)\b[^;]*);", text, flags=re.S):
        found += expand([], m.group(1))
    for m in re.finditer(r"\b(crate|super|self)((?:::" + IDENT + r")+)", text):
        found.append([m.group(1)] + [s for s in m.group(2).split("::") if s])
    declared = re.findall(r"^\s*(?:pub(?:\([^)]*\))?\s+)?mod\s+(" + IDENT + r")\s*;", text, flags=re.M)
    return found, declared


def reexports(mods):
    """{(module, name): target module} from `pub use a::b::Name` in module files."""
    table = {}
    for mod, path in mods.items():
        text = strip_comments(open(path, encoding="utf-8").read())
        for m in re.finditer(r"\bpub(?:\([^)]*\))?\s+use\s+([^;]*);", text, flags=re.S):
            for p in expand([], m.group(1)):
                if not p:
                    continue
                name = p[-1]
                target = resolve(mods, mod, p, {}) if p[0] in ("crate", "super", "self") else None
                if target is None and p[0] not in ("crate", "super", "self"):
                    # `pub use child::Name` relative to this module
                    target = longest(mods, mod + tuple(p[:-1]))
                if target is not None and target != mod:
                    table[(mod, name)] = target
    return table


def longest(mods, path):
    for n in range(len(path), -1, -1):
        if tuple(path[:n]) in mods:
            return tuple(path[:n])
    return None


def resolve(mods, here, path, exports):
    if path[0] == "crate":
        base, rest = (), path[1:]
    elif path[0] == "super":
        base, rest = here[:-1], path[1:]
        while rest and rest[0] == "super":
            base, rest = base[:-1], rest[1:]
    else:
        base, rest = here, path[1:]
    full = base + tuple(rest)
    target = longest(mods, full)
    if target is None:
        return None
    seen = set()
    # An item named in a module file that only re-exports it: follow the re-export.
    while len(full) > len(target) and (target, full[len(target)]) in exports:
        key = (target, full[len(target)])
        if key in seen:
            break
        seen.add(key)
        target = exports[key]
    return target


def graph(mods):
    exports = reexports(mods)
    edges = {m: {} for m in mods}
    for mod, path in mods.items():
        text = open(path, encoding="utf-8").read()
        found, declared = paths_in(text)
        body = strip_comments(text)
        for d in declared:
            child = mod + (d,)
            # A child named by its bare name (`child::item`, `use child::...`).
            if child in mods and re.search(r"(?<![:\w])" + d + r"::", body):
                edges[mod].setdefault(child, "names " + d + "::...")
        for p in found:
            t = resolve(mods, mod, p, exports)
            if t is not None and t != mod:
                edges[mod].setdefault(t, "names " + "::".join(p))
    return edges


def sccs(edges):
    index, low, stack, on, out, n = {}, {}, [], set(), [], [0]

    def visit(v):
        index[v] = low[v] = n[0]
        n[0] += 1
        stack.append(v)
        on.add(v)
        for w in edges[v]:
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            out.append(comp)

    sys.setrecursionlimit(10000)
    for v in edges:
        if v not in index:
            visit(v)
    return [c for c in out if len(c) > 1]


def name(m):
    return "::".join(m) if m else "(crate root)"


def main():
    crates = sys.argv[1:] or sorted(
        os.path.join("crates", c) for c in os.listdir("crates") if os.path.isdir(os.path.join("crates", c, "src"))
    )
    bad = 0
    for crate in crates:
        mods = modules_of(os.path.join(crate, "src"))
        edges = graph(mods)
        for comp in sccs(edges):
            bad += 1
            members = set(comp)
            print(f"{crate}: module circle: {', '.join(sorted(name(m) for m in comp))}")
            for a in sorted(comp):
                for b, why in sorted(edges[a].items()):
                    if b in members:
                        print(f"    {name(a)} -> {name(b)}  ({why})")
    if bad:
        print(f"{bad} module circle(s); see ARCHITECTURE.md, Invariants")
        return 1
    print(f"no module circles in {len(crates)} crates")
    return 0


if __name__ == "__main__":
    sys.exit(main())
