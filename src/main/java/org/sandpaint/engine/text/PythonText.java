package org.sandpaint.engine.text;

/** Python's idea of whitespace and word characters, which the WebUI's regular expressions use. */
final class PythonText {

    private PythonText() {
    }

    /** Python's {@code str.isspace()} (and {@code \s} in a str pattern): Java's White_Space plus U+001C..U+001F. */
    static boolean isSpace(int c) {
        return (c >= 0x1c && c <= 0x1f) || Character.isWhitespace(c) || Character.isSpaceChar(c) || c == 0x85;
    }

    /** Python's {@code \w} in a str pattern: letters, digits and other numbers, underscore. */
    static boolean isWordChar(int c) {
        if (c == '_' || Character.isLetter(c)) {
            return true;
        }
        int type = Character.getType(c);
        return type == Character.DECIMAL_DIGIT_NUMBER || type == Character.LETTER_NUMBER || type == Character.OTHER_NUMBER;
    }
}
