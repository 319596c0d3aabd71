#!/usr/bin/python3
"""Expected prompt schedules for PromptScheduleReferenceTest, computed with lark from the WebUI's grammar.

Development-time only (Debian: apt-get install python3-lark). From the repository root:

    /usr/bin/python3 src/test/resources/prompts/make_schedule_reference.py

writes src/test/resources/prompts/schedule_reference.json. The grammar string is the one in
modules/prompt_parser.py of AUTOMATIC1111/stable-diffusion-webui (commit 28bd8e14); the driver below
re-states what its get_learned_conditioning_prompt_schedules does with the parse tree:
  * every `scheduled` node's number is turned into a step: written with "." it is a fraction of the
    steps (minus 1.0 in a hires pass), otherwise a step number (minus the base steps in a hires pass);
    the old scheduling instead reads any value below 1 as a fraction; the result is truncated towards
    zero and capped at the step count; values >= 1 are change points;
  * an `alternate` node makes every step a change point;
  * the text at step s takes, per `scheduled` node, the part before the colon while s <= its step and
    the part after it from then on, per `alternate` node option (s - 1) mod n; everything else is the
    text as written;
  * a prompt lark cannot parse is one entry, the prompt itself, for all steps.
It also splits prompts at AND with the WebUI's two regular expressions (and_cases).
Lark breaks some ties between equal-ranked parses by set iteration order, which follows Python's string
hashes, so a few prompts (a complete edit followed by stray brackets, "[a:1]]") are read differently from one
WebUI start to the next. Each case is therefore run under several PYTHONHASHSEED values and every reading seen
is stored; the Java parser must give one of them. Numbers too large for a float make the WebUI fail
(OverflowError); those cases also store the schedule of the same prompt with 1e300 in place of 1e999.
"""
import json
import os
import random
import re
import subprocess
import sys
import unicodedata

import lark

GRAMMAR = r"""
!start: (prompt | /[][():]/+)*
prompt: (emphasized | scheduled | alternate | plain | WHITESPACE)*
!emphasized: "(" prompt ")"
        | "(" prompt ":" prompt ")"
        | "[" prompt "]"
scheduled: "[" [prompt ":"] prompt ":" [WHITESPACE] NUMBER [WHITESPACE] "]"
alternate: "[" prompt ("|" [prompt])+ "]"
WHITESPACE: /\s+/
plain: /([^\\\[\]():|]|\\.)+/
%import common.SIGNED_NUMBER -> NUMBER
"""

PARSER = lark.Lark(GRAMMAR)

# The WebUI's AND separator and part weight (get_multicond_prompt_list).
AND_SEPARATOR = re.compile(r"\bAND\b")
PART_WEIGHT = re.compile(r"^((?:\s|.)*?)(?:\s*:\s*([-+]?(?:\d+\.?|\d*\.\d+)))?\s*$")


def and_parts(prompt):
    parts = []
    for part in AND_SEPARATOR.split(prompt):
        text, weight = PART_WEIGHT.search(part).groups()
        parts.append([text, float(weight) if weight is not None else 1.0])
    return parts


def step_of(number, steps, hires_base, old):
    value = float(number)
    if old:
        value = value * steps if value < 1 else value
    elif "." in number:
        value = (value - (1.0 if hires_base else 0.0)) * steps
    else:
        value = value - (hires_base or 0)
    return min(steps, int(value))  # int() raises OverflowError on inf, as the WebUI does


def text_at(node, step, whens):
    """The prompt text of a parse (sub)tree at one step."""
    if isinstance(node, lark.Token):
        return str(node)
    if node.data == "scheduled":
        before, after = node.children[0], node.children[1]
        if step <= whens[id(node)]:
            return "" if before is None else text_at(before, step, whens)
        return text_at(after, step, whens)
    if node.data == "alternate":
        options = node.children
        chosen = options[(step - 1) % len(options)]
        return "" if chosen is None else text_at(chosen, step, whens)
    return "".join(text_at(child, step, whens) for child in node.children if child is not None)


def schedule(prompt, base_steps, hires_steps=None, old=False):
    hires_base = None if hires_steps is None or old else base_steps
    steps = base_steps if hires_base is None else hires_steps
    try:
        tree = PARSER.parse(prompt)
    except lark.exceptions.LarkError:
        return [[steps, prompt]]
    ends = {steps}
    whens = {}
    for node in tree.iter_subtrees():
        if node.data == "scheduled":
            when = step_of(str(node.children[-2]), steps, hires_base, old)
            whens[id(node)] = when
            if when >= 1:
                ends.add(when)
        elif node.data == "alternate":
            ends.update(range(1, steps + 1))
    return [[end, text_at(tree, end, whens)] for end in sorted(ends)]


def run_case(case):
    try:
        hires = case["hires"] or None
        return schedule(case["prompt"], case["steps"], hires, case["old"])
    except OverflowError:
        return "OverflowError"


# The doctests of get_learned_conditioning_prompt_schedules, then hand-picked edge cases.
DOCTESTS = ["test", "a [b:3]", "a [b: 3]", "a [[[b]]:2]", "[(a:2):3]", "a [b : c : 1] d", "a[b:[c:d:2]:1]e",
            "a [unbalanced", "a [b:.5] c", "a [{b|d{:.5] c", "((a][:b:c [d:3]", "[a|(b:1.1)]", "[fe|]male",
            "[fe|||]male"]
HIRES_DOCTESTS = ["a [b:.5] c", "a [b:1.5] c"]
EDGE = [
    # escapes
    "\\[a:b:1\\]", "a \\[b:1]", "[a\\]:b:1]", "\\(a:1)", "[a\\|b]", "[a|b\\]]", "\\\\[a:b:1]", "[a:b\\:c:1]",
    "[a:b:1\\]", "\\[a|b]", "[a|b\\|c]",
    # unbalanced and stray brackets
    "[a:b:1", "a:b:1]", "[[a:b:1]", "[a:b:1]]", "[a:1]]]]", "(([a|b]", "[a|b]))", "[a:1]:b]", "x[a:1]]:",
    "[a:1]::", "]][a:b:2]", "::[a|b]", "([a:b:2]", "[a:b:2])", "[a:(b:2]", "[a:b):2]", "[(a:b:2]", "[a:b:2]:",
    "[a:b:2]]x", ")[a|b](", "[[[a:b:2]", "[a:b:2]]]", "([a|b]]", "[([a:b:1])]]", "[a:1][", "a[b:1]c]d[e|f]",
    # prompt editing inside emphasis, emphasis inside prompt editing
    "([a:b:0.5])", "(([a:b:0.5]:1.2)", "([a:b:0.5]:1.3)", "[[a:b:0.5]]", "[(a:1.2):b:0.5]", "[a:(b:1.2):3]",
    "[(a:1.2)|b]", "((a:1.2):[b:c:2])", "[a (b:1.5) c:d:2]", "(a:[b:c:2])", "[a:b:0.5]:1.2)", "(a [b|c] d)",
    # nesting
    "[a|[b|c]]", "[[a|b]|c|]", "[a|[b:c:2]]", "[[a:b:2]|c]", "[a:[b:[c:d:3]:2]:1]", "[[a:b:1]:[c:d:3]:2]",
    "[a:b:1][c|d][e:f:0.5]", "[[[a|b]|c]|d]", "[a|b|c|d|e|f|g]", "[[a:b:3]:c:5]",
    # whitespace around the number
    "[a:b: 3 ]", "[a:b:\t3\n]", "[a:b:3 ]", "[a:b : 3]", "[a: b :3]", "[a:b:  3  ]", "[a :3 ]", "[a:b:3\r]",
    "[a\n:b:1]", "[a:b:\n1]",
    # numbers
    "[a:b:-1]", "[a:b:-0.5]", "[a:b:+2]", "[a:b:- 1]", "[a:b:0]", "[a:b:1.0]", "[a:b:0.99]", "[a:b:.]",
    "[a:b:1.2.3]", "[a:b:1e1]", "[a:b:1E-1]", "[a:b:1.e1]", "[a:b:.5e1]", "[a:b:1e]", "[a:b:1.5e+1]",
    "[a:b:100000000000000000000]", "[a:b:3.]", "[a:b:07]", "[a:b:-.5]", "[a:b:1e1.5]", "[a:b:0x5]",
    "[a:b:1e999]", "[a:b:-1e999]", "[a:b:1.0e999]", "[a:b:1,5]", "[a:b:½]",
    # empty parts
    "[a:b:]", "[:]", "[|]", "[::]", "[::1]", "[:1]", "[a::1]", "[:a:1]", "[||]", "[]", "()", "(:)", "[ ]",
    "[a:b:c]", "[a:b:1:2]", "[a|]", "[|a]", "[ | ]", "[:: 1 ]", "", " ", "[a:]", "[:a]", "(:a)", "(a:)",
    # unicode
    "[猫:犬:0.5]", "[a:b:\u00a03]", "[a:b:\u20033]", "[a:b:\u001c3]", "[a:b:\u001f3\u001e]", "[a:b:\u200b3]",
    "[😀|🐱]", "[a:b:\u0663]", "é[a|b]", "[a:b:\u30003]", "[a:b:\u00853]", "[a:b:１]", "[ａ|ｂ]",
    # backslashes and line breaks
    "a\\", "[a:b:1]\\", "a\\\nb", "[a|b]\\\n", "[a:b:1]\\\\", "[a\\\n|b]", "a\nb [c:d:2]\n",
    # pipes outside alternation
    "a | b [c:d:1]", "a|b", "|", "[a|b]|", "(a|b)", "[a:b|c:1]",
    # long and realistic
    "a, " * 40 + "[x:y:10]", "masterpiece, [dog:cat:0.3], (best quality:1.2), [red|green|blue] ball",
    "fantasy landscape with a [mountain:lake:0.25] and [an oak:a christmas tree:0.75][ in foreground::0.6]"
    "[ in background:0.25] [shoddy:masterful:0.5]",
    "[a BREAK b:c:1]", "<lora:x:0.5> [a:b:2]", "[<lora:x:0.5>:b:2]", "[a:b:0.5] AND [c|d]",
]
HIRES_EDGE = ["[a:b:5]", "[a:b:15]", "[a:b:0.5]", "[a:b:1.5]", "[a:b:1.99]", "[a:b:20]", "[a|b]", "[a:b:-1]"]
OLD_EDGE = ["[a:b:0.5]", "[a:b:5]", "[a:b:0.999]", "[a:b:1]", "[a:b:1.5]", "[a:b:-0.5]", "[a:b:-3]"]


def random_prompt(rng, alphabet, length):
    return "".join(rng.choice(alphabet) for _ in range(length))


def structured_prompt(rng, depth=0):
    """A prompt from a small grammar of words, emphasis, edits and alternation; often slightly broken later."""
    parts = []
    for _ in range(rng.randint(1, 3)):
        kind = rng.random()
        if depth > 2 or kind < 0.35:
            parts.append(rng.choice(["a", "b", "cat", " ", "x y", "1", ",", "\\(", "\\]"]))
        elif kind < 0.55:
            number = rng.choice(["1", "2", "3", ".5", "0.25", " 2", "2 ", "-1", "7", "1.5", "0"])
            before = structured_prompt(rng, depth + 1) + ":" if rng.random() < 0.6 else ""
            parts.append("[" + before + structured_prompt(rng, depth + 1) + ":" + number + "]")
        elif kind < 0.75:
            options = [structured_prompt(rng, depth + 1) if rng.random() < 0.8 else ""
                       for _ in range(rng.randint(2, 3))]
            parts.append("[" + "|".join(options) + "]")
        elif kind < 0.9:
            parts.append("(" + structured_prompt(rng, depth + 1) + rng.choice(["", ":1.2", ":0.5"]) + ")")
        else:
            parts.append("[" + structured_prompt(rng, depth + 1) + "]")
    return "".join(parts)


def mutate(rng, prompt, alphabet):
    chars = list(prompt)
    for _ in range(rng.randint(1, 2)):
        position = rng.randint(0, len(chars))
        if chars and rng.random() < 0.5:
            del chars[min(position, len(chars) - 1)]
        else:
            chars.insert(position, rng.choice(alphabet))
    return "".join(chars)


AND_EDGE = ["a cat :1.2 AND a dog :0.8", "a AND b", "a AND", "AND", "ANDROID AND_x", "aAND b", "a ANDb", "a AND AND b",
            "a:1 AND b: 2 AND c :3.", "a :.5", "a :-1", "a :+2", "a:1:2", "a :1.2.3", "(a:1.2)", "a :1.2 ",
            "a\n:\n1.5\n", "a\tAND\tb", "é AND ü", "éAND", "a AND: 2", "x :", ":1", ": 1 ", "a :\u0663", "a :\u0661.\u0665",
            "a :\uff11", "[a AND b:c:1]", "a AND\u00a0b :2", "a\u001c:1", "1AND2", "_AND_", "\u00b2AND", "a  ", "",
            "a :1e5", "a :1,5", "a : .", "a :1.", "a :0.", "a :00.500"]


def build_and_cases():
    rng = random.Random(17)
    prompts = list(AND_EDGE)
    for _ in range(300):
        prompts.append(random_prompt(rng, ["a", " ", "AND", ":", "1", ".", "5", "-", "\n", "é", "_", "x"],
                                     rng.randint(1, 10)))
    return [{"prompt": p, "parts": and_parts(p)} for p in prompts]


def build_cases():
    rng = random.Random(16)
    cases = []

    def add(prompt, steps=10, hires=0, old=False, source="edge"):
        cases.append({"prompt": prompt, "steps": steps, "hires": hires, "old": old, "source": source})

    for p in DOCTESTS:
        add(p, source="doctest")
    for p in HIRES_DOCTESTS:
        add(p, 10, 10, source="doctest")
    for p in EDGE:
        add(p, 10)
    for p in EDGE[:60]:
        add(p, 3)
    for p in HIRES_EDGE:
        add(p, 10, 10)
        add(p, 10, 4)
    for p in OLD_EDGE:
        add(p, 10, 0, True)
        add(p, 10, 10, True)
    fuzz_alphabet = "ab [](): |\\,.5 0 1"
    for _ in range(500):
        add(random_prompt(rng, fuzz_alphabet, rng.randint(1, 16)), rng.choice([1, 2, 4, 10]), source="fuzz")
    for _ in range(200):
        add(random_prompt(rng, "a[]:|1. 2", rng.randint(3, 12)), rng.choice([3, 10]), source="fuzz")
    for _ in range(250):
        prompt = structured_prompt(rng)
        if rng.random() < 0.5:
            prompt = mutate(rng, prompt, "[]():|\\ 1.")
        add(prompt, rng.choice([4, 10, 20]), source="grammar")
    return cases


def worker():
    cases = json.load(sys.stdin)
    json.dump([run_case(case) for case in cases], sys.stdout)


def run_with_seed(cases, seed):
    env = dict(os.environ, PYTHONHASHSEED=str(seed))
    out = subprocess.run([sys.executable, __file__, "--worker"], input=json.dumps(cases), env=env,
                         capture_output=True, text=True, check=True)
    return json.loads(out.stdout)


def main():
    cases = build_cases()
    variants = [[] for _ in cases]
    for seed in range(6):
        for i, result in enumerate(run_with_seed(cases, seed)):
            if result not in variants[i]:
                variants[i].append(result)
    # Look harder at the prompts whose parse depends on the hash seed, so all readings are listed.
    unstable = [i for i, v in enumerate(variants) if len(v) > 1]
    for seed in range(6, 40):
        for i, result in zip(unstable, run_with_seed([cases[i] for i in unstable], seed)):
            if result not in variants[i]:
                variants[i].append(result)
    out = []
    for case, found in zip(cases, variants):
        entry = {k: case[k] for k in ("prompt", "steps", "hires", "old", "source")}
        if found == ["OverflowError"]:
            entry["error"] = "OverflowError"
            entry["finite_schedule"] = run_case(dict(case, prompt=case["prompt"].replace("e999", "e300")))
        else:
            entry["schedules"] = found
        out.append(entry)
    spaces = "".join(chr(c) for c in range(0x10000) if chr(c).isspace())
    word_ranges = []  # [first, last] code points of the Basic Plane that re's \w matches (AND's \b)
    for c in range(0x10000):
        if re.match(r"\w", chr(c)):
            if word_ranges and word_ranges[-1][1] == c - 1:
                word_ranges[-1][1] = c
            else:
                word_ranges.append([c, c])
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "schedule_reference.json")
    with open(path, "w", encoding="utf-8") as f:
        json.dump({"generator": "make_schedule_reference.py, lark " + lark.__version__,
                   "unicode_version": unicodedata.unidata_version, "python_whitespace": spaces,
                   "python_word_ranges": word_ranges, "and_cases": build_and_cases(), "cases": out},
                  f, ensure_ascii=False, separators=(",", ":"))
        f.write("\n")
    print(len(out), "cases,", len(unstable), "depend on the hash seed; wrote", path, os.path.getsize(path), "bytes")


if __name__ == "__main__":
    if "--worker" in sys.argv:
        worker()
    else:
        main()
