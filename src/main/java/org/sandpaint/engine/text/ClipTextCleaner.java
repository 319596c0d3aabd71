package org.sandpaint.engine.text;

import java.text.Normalizer;
import java.util.Locale;

/**
 * The text clean-up that transformers' slow {@code CLIPTokenizer} does before BPE when ftfy is not
 * installed (its {@code BasicTokenizer} with accents kept and no punctuation split).
 *
 * <p>The Hugging Face normalizer of {@link ClipTokenizer} covers NFC, whitespace and lowercasing;
 * this adds the rest, so ids match the reference tokenizer on odd input too: control and format
 * characters vanish, CJK ideographs become words of their own, and lowercasing sees whole words
 * (a Greek final sigma lowercases to ς as in Python, not σ as in the per-character Rust normalizer).
 */
final class ClipTextCleaner {

    private ClipTextCleaner() {
    }

    static String clean(String text) {
        StringBuilder out = new StringBuilder(text.length() + 8);
        text.codePoints().forEach(cp -> {
            if (isWhitespace(cp)) {
                out.append(' ');
            } else if (cp == 0xFFFD || isControl(cp)) {
                return; // dropped, as Python's _clean_text does (NUL is a control character too)
            } else if (isCjkIdeograph(cp)) {
                out.append(' ').appendCodePoint(cp).append(' ');
            } else {
                out.appendCodePoint(cp);
            }
        });
        String normalized = Normalizer.normalize(out, Normalizer.Form.NFC).toLowerCase(Locale.ROOT);
        return String.join(" ", normalized.trim().split(" +"));
    }

    /** Tab, newline, carriage return and every Unicode space, line and paragraph separator. */
    private static boolean isWhitespace(int cp) {
        if (cp == '\t' || cp == '\n' || cp == '\r') {
            return true;
        }
        int type = Character.getType(cp);
        return type == Character.SPACE_SEPARATOR
                || type == Character.LINE_SEPARATOR
                || type == Character.PARAGRAPH_SEPARATOR;
    }

    /** Unicode category C*: controls, format characters, lone surrogates, private use, unassigned. */
    private static boolean isControl(int cp) {
        int type = Character.getType(cp);
        return type == Character.CONTROL
                || type == Character.FORMAT
                || type == Character.SURROGATE
                || type == Character.PRIVATE_USE
                || type == Character.UNASSIGNED;
    }

    /** The CJK ideograph blocks that BERT's BasicTokenizer isolates (Hangul and kana are not among them). */
    private static boolean isCjkIdeograph(int cp) {
        return (cp >= 0x4E00 && cp <= 0x9FFF)
                || (cp >= 0x3400 && cp <= 0x4DBF)
                || (cp >= 0x20000 && cp <= 0x2A6DF)
                || (cp >= 0x2A700 && cp <= 0x2B73F)
                || (cp >= 0x2B740 && cp <= 0x2B81F)
                || (cp >= 0x2B820 && cp <= 0x2CEAF)
                || (cp >= 0xF900 && cp <= 0xFAFF)
                || (cp >= 0x2F800 && cp <= 0x2FA1F);
    }
}
