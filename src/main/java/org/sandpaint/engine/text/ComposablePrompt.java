package org.sandpaint.engine.text;

import java.util.ArrayList;
import java.util.List;

/**
 * Composable diffusion's prompt syntax as the WebUI reads it ({@code get_multicond_prompt_list}):
 * the prompt is cut at every whole word {@code AND} (upper case), and each part may end in
 * {@code :weight} ({@code a cat :1.2 AND a dog :0.8}). A part's text loses the weight and the
 * whitespace around it; a part without a weight has weight 1. The cut happens before anything else is
 * read, so an AND inside brackets cuts them too, as in the WebUI.
 */
public final class ComposablePrompt {

    private ComposablePrompt() {
    }

    /** The parts of {@code prompt} (null counts as empty); never empty. */
    public static List<PromptPart> split(String prompt) {
        String text = prompt == null ? "" : prompt;
        List<PromptPart> parts = new ArrayList<>();
        int start = 0;
        for (int i = text.indexOf("AND"); i >= 0; i = text.indexOf("AND", i)) {
            if (isWordBoundary(text, i) && isWordBoundary(text, i + 3)) {
                parts.add(weighted(text.substring(start, i)));
                start = i + 3;
                i = start;
            } else {
                i++;
            }
        }
        parts.add(weighted(text.substring(start)));
        return parts;
    }

    /** Python's {@code \b}: a word character on exactly one side. */
    private static boolean isWordBoundary(String s, int i) {
        boolean before = i > 0 && PythonText.isWordChar(s.codePointBefore(i));
        boolean after = i < s.length() && PythonText.isWordChar(s.codePointAt(i));
        return before != after;
    }

    /**
     * The WebUI's {@code re_weight}: the shortest text followed by an optional
     * {@code \s*:\s*[-+]?(\d+\.?|\d*\.\d+)} and trailing whitespace. The weight, if any, follows the last
     * colon, since a number holds none.
     */
    static PromptPart weighted(String part) {
        int end = part.length();
        while (end > 0 && PythonText.isSpace(part.charAt(end - 1))) {
            end--;
        }
        int colon = part.lastIndexOf(':', end - 1);
        if (colon >= 0) {
            int numberStart = colon + 1;
            while (numberStart < end && PythonText.isSpace(part.charAt(numberStart))) {
                numberStart++;
            }
            String number = asciiNumber(part.substring(numberStart, end));
            if (number != null) {
                int textEnd = colon;
                while (textEnd > 0 && PythonText.isSpace(part.charAt(textEnd - 1))) {
                    textEnd--;
                }
                return new PromptPart(part.substring(0, textEnd), Double.parseDouble(number));
            }
        }
        return new PromptPart(part.substring(0, end), 1.0);
    }

    /**
     * {@code [-+]?(\d+\.?|\d*\.\d+)} with Python's Unicode {@code \d}, rewritten in ASCII digits (Python's
     * {@code float()} reads any decimal digits); null when {@code s} is not such a number.
     */
    private static String asciiNumber(String s) {
        StringBuilder out = new StringBuilder(s.length());
        int i = 0;
        if (i < s.length() && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
            out.append(s.charAt(i++));
        }
        int digitsBefore = 0;
        int digitsAfter = 0;
        boolean dot = false;
        while (i < s.length()) {
            int c = s.codePointAt(i);
            if (c == '.' && !dot) {
                dot = true;
                out.append('.');
            } else if (Character.getType(c) == Character.DECIMAL_DIGIT_NUMBER) {
                out.append((char) ('0' + Character.digit(c, 10)));
                if (dot) {
                    digitsAfter++;
                } else {
                    digitsBefore++;
                }
            } else {
                return null;
            }
            i += Character.charCount(c);
        }
        return digitsBefore + digitsAfter > 0 ? out.toString() : null;
    }
}
