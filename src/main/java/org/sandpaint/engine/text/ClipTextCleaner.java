package org.sandpaint.engine.text;

import java.text.Normalizer;
import java.util.Locale;

/**
 * The text clean-up before BPE. As CLIP's reference tokenizer (and transformers' {@code CLIPTokenizer}
 * with ftfy, as the WebUI runs it): whitespace runs become one space, lowercasing sees whole words (a Greek
 * final sigma lowercases to ς as in Python, not σ as in the per-character Rust normalizer), and runs of
 * letters stay together whatever the script; Japanese and Chinese are not split into single characters
 * as transformers' fallback without ftfy ({@code BasicTokenizer}) does. Control and format characters
 * are dropped, as transformers' clean-up does.
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
}
