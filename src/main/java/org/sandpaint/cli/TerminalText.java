package org.sandpaint.cli;

/**
 * Text from a file made safe for a terminal: control characters (ESC sequences that move the cursor,
 * retitle the window or hide text; BEL; C1 controls; bidi overrides that reorder what is shown) become
 * visible escapes such as {@code \e} or {@code \u202e}. Line breaks and tabs stay.
 */
final class TerminalText {

    private TerminalText() {
    }

    static String neutralise(String text) {
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(c -> {
            if (c == '\n' || c == '\t') {
                out.appendCodePoint(c);
            } else if (c == '\r') {
                out.append("\\r");
            } else if (c == 0x1b) {
                out.append("\\e");
            } else if (Character.isISOControl(c) || isBidiControl(c)) {
                out.append(String.format("\\u%04x", c));
            } else {
                out.appendCodePoint(c);
            }
        });
        return out.toString();
    }

    private static boolean isBidiControl(int c) {
        return c >= 0x202a && c <= 0x202e || c >= 0x2066 && c <= 0x2069 || c == 0x200e || c == 0x200f;
    }
}
