"""CLIP's reference tokenization (OpenAI's simple_tokenizer, as the WebUI's CLIPTokenizer with ftfy
behaves), re-written from its description for ClipTokenizerCjkTest: standard library only.

Usage: reference_tokenizer.py VOCAB_JSON MERGES_TXT < prompts (one JSON string per line)
Prints one JSON list of ids per prompt: BOS, tokens, EOS.

Steps: html-unescape twice (ftfy.fix_text is the identity on the test prompts: no mojibake, no
full-width forms), NFC, whitespace runs to one space, strip, lowercase; split into words with CLIP's
pattern  <|startoftext|> | <|endoftext|> | 's|'t|'re|'ve|'m|'ll|'d | letter runs | one number
character | runs of what is neither space, letter nor number; each word's UTF-8 bytes mapped to
printable characters (GPT-2's byte table), '</w>' on its last symbol, then merged by rank (BPE).
"""
import html
import json
import sys
import unicodedata

SPECIALS = ["<|startoftext|>", "<|endoftext|>"]
CONTRACTIONS = ["'s", "'t", "'re", "'ve", "'m", "'ll", "'d"]


def byte_table():
    printable = list(range(ord("!"), ord("~") + 1)) + list(range(ord("¡"), ord("¬") + 1)) \
        + list(range(ord("®"), ord("ÿ") + 1))
    chars = list(printable)
    extra = 0
    for b in range(256):
        if b not in printable:
            printable.append(b)
            chars.append(256 + extra)
            extra += 1
    return {b: chr(c) for b, c in zip(printable, chars)}


def kind(ch):
    if ch.isspace():
        return "space"
    cat = unicodedata.category(ch)
    if cat.startswith("L"):
        return "letter"
    if cat.startswith("N"):
        return "number"
    return "other"


def words(text):
    out = []
    i = 0
    while i < len(text):
        hit = next((s for s in SPECIALS + CONTRACTIONS if text.startswith(s, i)), None)
        if hit:
            out.append(hit)
            i += len(hit)
            continue
        k = kind(text[i])
        if k == "space":
            i += 1
        elif k == "number":
            out.append(text[i])
            i += 1
        else:
            j = i + 1
            while j < len(text) and kind(text[j]) == k:
                j += 1
            out.append(text[i:j])
            i = j
    return out


def bpe(word, ranks):
    symbols = list(word[:-1]) + [word[-1] + "</w>"]
    while len(symbols) > 1:
        pairs = [(ranks.get((a, b), float("inf")), n) for n, (a, b) in enumerate(zip(symbols, symbols[1:]))]
        rank, n = min(pairs)
        if rank == float("inf"):
            break
        first, second = symbols[n], symbols[n + 1]
        merged = []
        k = 0
        while k < len(symbols):
            if k + 1 < len(symbols) and symbols[k] == first and symbols[k + 1] == second:
                merged.append(first + second)
                k += 2
            else:
                merged.append(symbols[k])
                k += 1
        symbols = merged
    return symbols


def main():
    vocab = json.load(open(sys.argv[1], encoding="utf-8"))
    lines = open(sys.argv[2], encoding="utf-8").read().split("\n")
    pairs = [tuple(l.split()) for l in lines[1:] if l.strip() and not l.startswith("#version")]
    ranks = {p: n for n, p in enumerate(pairs)}
    table = byte_table()
    for line in sys.stdin:
        if not line.strip():
            continue
        text = html.unescape(html.unescape(json.loads(line)))
        text = unicodedata.normalize("NFC", text)
        text = " ".join(text.split()).lower()
        ids = [vocab["<|startoftext|>"]]
        for word in words(text):
            if word in SPECIALS:
                ids.append(vocab[word])
                continue
            mapped = "".join(table[b] for b in word.encode("utf-8"))
            ids.extend(vocab[s] for s in bpe(mapped, ranks))
        ids.append(vocab["<|endoftext|>"])
        print(json.dumps(ids))


main()
