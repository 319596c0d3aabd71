"""CLIP's byte-pair encoding in a few lines, for the demo's captions.

Why: the model must see the same token ids that the engine's tokenizer gives for a prompt, and there is no
tokenizer library here. The captions are plain lowercase ASCII words and commas, so CLIP's text cleaning
(ftfy, HTML unescaping) and its byte-to-unicode table reduce to the identity; what is left is: lowercase,
split into words and punctuation, mark each word's end with "</w>", then apply merges by rank.
"""
import json
import os
import re

BOS, EOS = 49406, 49407        # <|startoftext|>, <|endoftext|>; SD 1.x pads with EOS too
LENGTH = 77                    # CLIP's context: BOS + 75 tokens + EOS
# CLIP's pre-tokenizer pattern, with \p{L} / \p{N} written for Python's re (ASCII captions only need this).
_WORDS = re.compile(r"'s|'t|'re|'ve|'m|'ll|'d|[^\W\d_]+|\d|[^\s\w]+|_", re.IGNORECASE)


class ClipBpe:
    def __init__(self, folder):
        with open(os.path.join(folder, "vocab.json"), encoding="utf-8") as f:
            self.vocab = json.load(f)
        with open(os.path.join(folder, "merges.txt"), encoding="utf-8") as f:
            lines = f.read().split("\n")[1:]          # first line is "#version: ..."
        pairs = [tuple(line.split()) for line in lines if line.strip()]
        self.ranks = {pair: rank for rank, pair in enumerate(pairs)}
        self.cache = {}

    def word(self, word):
        """Token ids of one word: its characters, the last marked "</w>", merged lowest rank first."""
        if word in self.cache:
            return self.cache[word]
        parts = list(word[:-1]) + [word[-1] + "</w>"]
        while len(parts) > 1:
            pairs = [(self.ranks.get((a, b), 1 << 30), i) for i, (a, b) in enumerate(zip(parts, parts[1:]))]
            rank, i = min(pairs)
            if rank == 1 << 30:
                break
            first, second = parts[i], parts[i + 1]
            merged, j = [], 0
            while j < len(parts):                     # merge every occurrence of this pair, left to right
                if j < len(parts) - 1 and parts[j] == first and parts[j + 1] == second:
                    merged.append(first + second)
                    j += 2
                else:
                    merged.append(parts[j])
                    j += 1
            parts = merged
        ids = [self.vocab[p] for p in parts]
        self.cache[word] = ids
        return ids

    def encode(self, text):
        """BOS, the text's tokens, EOS; no padding."""
        words = _WORDS.findall(" ".join(text.lower().split()))
        return [BOS] + [i for w in words for i in self.word(w)] + [EOS]

    def ids(self, text):
        """77 ids as the engine builds them: BOS, tokens, EOS, then EOS padding (truncated to fit)."""
        ids = self.encode(text)
        if len(ids) > LENGTH:
            ids = ids[:LENGTH - 1] + [EOS]
        return ids + [EOS] * (LENGTH - len(ids))


def default_folder():
    """../shared/clip-tokenizer seen from the repository root, else the copy kept for the tests."""
    root = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", ".."))
    for folder in (os.path.join(root, "..", "shared", "clip-tokenizer"),
                   os.path.join(root, "src", "test", "models", "clip-tokenizer")):
        if os.path.exists(os.path.join(folder, "vocab.json")):
            return os.path.normpath(folder)
    raise FileNotFoundError("No CLIP tokenizer found: pass --tokenizer path/to/clip-tokenizer "
                            "(a folder with vocab.json and merges.txt)")


if __name__ == "__main__":
    # Self-check against the reference ids of the real CLIP tokenizer (ASCII prompts only).
    folder = default_folder()
    bpe = ClipBpe(folder)
    path = os.path.join(folder, "reference_ids.json")
    if not os.path.exists(path):
        raise SystemExit(f"no {path}: nothing to check against")
    checked = 0
    for case in json.load(open(path, encoding="utf-8")):
        if not case["prompt"].isascii():
            continue
        got = bpe.encode(case["prompt"])
        assert got == case["ids"], (case["prompt"], got, case["ids"])
        checked += 1
    print(f"{checked} ASCII reference prompts tokenized as CLIP does")
