package org.sandpaint.engine.text;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Splits a prompt into weighted pieces the way the Stable Diffusion WebUI's {@code parse_prompt_attention}
 * (modules/prompt_parser.py) does, so that prompts written for it give the same tokens and weights here.
 *
 * <ul>
 *   <li>{@code (x)} multiplies by 1.1, {@code [x]} by 1/1.1, {@code (x:1.5)} by 1.5; nesting multiplies.</li>
 *   <li>{@code \(} {@code \)} {@code \[} {@code \]} {@code \\} are literal characters; a backslash before
 *       anything else is dropped.</li>
 *   <li>A closing bracket with no matching opener is plain text. Brackets still open at the end are closed
 *       there: each multiplies everything after it (round ones first, then square, in opening order).</li>
 *   <li>The uppercase word {@code BREAK} becomes a {@link WeightedText#BREAK} marker, and the whitespace
 *       around it is dropped.</li>
 *   <li>Neighbouring pieces with exactly equal weights are merged, e.g. {@code (a)(b)} gives "ab" at 1.1.
 *       This matters: the merged text is tokenized as one string.</li>
 * </ul>
 *
 * <p>Deliberate differences, all for input the WebUI mishandles: a weight that is not a number, such as
 * {@code (x:1.2.3)}, is kept as text and the bracket closes as {@code (x)} would (the WebUI raises an
 * error); brackets do not scale a BREAK (the WebUI then turns it into the word "BREAK" with a negative
 * weight); empty pieces are dropped. No input makes this parser throw.
 */
public final class PromptParser {

    private static final double ROUND_MULTIPLIER = 1.1;
    // The WebUI multiplies by this constant rather than dividing by 1.1; the last bit differs.
    private static final double SQUARE_MULTIPLIER = 1 / 1.1;

    // Order matters: escapes before the lone backslash, an explicit weight before the bare ')'.
    private static final Pattern TOKEN = Pattern.compile(
            "\\\\[()\\[\\]\\\\]"            // escaped bracket or backslash
                    + "|\\\\"               // lone backslash
                    + "|\\(|\\["
                    + "|:([+-]?[.0-9]+)\\)" // explicit weight closing a round bracket
                    + "|\\)|]"
                    + "|[^\\\\()\\[\\]:]+"  // plain text
                    + "|:");
    // Python's \b and \s are Unicode-aware; UNICODE_CHARACTER_CLASS makes Java's the same.
    private static final Pattern BREAK_WORD =
            Pattern.compile("\\s*\\bBREAK\\b\\s*", Pattern.UNICODE_CHARACTER_CLASS);

    /** A piece whose weight is still being multiplied by the brackets around it. */
    private static final class Piece {
        final String text;
        final boolean isBreak;
        double weight = 1.0;

        Piece(String text, boolean isBreak) {
            this.text = text;
            this.isBreak = isBreak;
        }
    }

    private PromptParser() {
    }

    /** Parses {@code prompt} (null counts as empty); never returns an empty list. */
    public static List<WeightedText> parse(String prompt) {
        List<Piece> pieces = new ArrayList<>();
        Deque<Integer> round = new ArrayDeque<>();
        Deque<Integer> square = new ArrayDeque<>();

        Matcher m = TOKEN.matcher(prompt == null ? "" : prompt);
        while (m.find()) {
            String token = m.group();
            String weight = m.group(1);
            if (token.startsWith("\\")) {
                pieces.add(new Piece(token.substring(1), false));
            } else if (token.equals("(")) {
                round.push(pieces.size());
            } else if (token.equals("[")) {
                square.push(pieces.size());
            } else if (weight != null && !round.isEmpty()) {
                double value = parseWeight(weight);
                if (Double.isFinite(value)) {
                    multiplyFrom(pieces, round.pop(), value);
                } else {
                    addPlain(pieces, ":" + weight);
                    multiplyFrom(pieces, round.pop(), ROUND_MULTIPLIER);
                }
            } else if (token.equals(")") && !round.isEmpty()) {
                multiplyFrom(pieces, round.pop(), ROUND_MULTIPLIER);
            } else if (token.equals("]") && !square.isEmpty()) {
                multiplyFrom(pieces, square.pop(), SQUARE_MULTIPLIER);
            } else {
                addPlain(pieces, token);
            }
        }
        // The deques are stacks (top first); unclosed brackets are applied in the order they were opened.
        round.descendingIterator().forEachRemaining(start -> multiplyFrom(pieces, start, ROUND_MULTIPLIER));
        square.descendingIterator().forEachRemaining(start -> multiplyFrom(pieces, start, SQUARE_MULTIPLIER));

        return mergeEqualWeights(pieces);
    }

    private static double parseWeight(String number) {
        try {
            return Double.parseDouble(number);
        } catch (NumberFormatException e) {
            return Double.NaN; // e.g. "." or "1.2.3", which the pattern lets through
        }
    }

    /** Adds text, turning each BREAK in it into a marker. */
    private static void addPlain(List<Piece> pieces, String text) {
        Matcher m = BREAK_WORD.matcher(text);
        int start = 0;
        while (m.find()) {
            pieces.add(new Piece(text.substring(start, m.start()), false));
            pieces.add(new Piece(WeightedText.BREAK.text(), true));
            start = m.end();
        }
        pieces.add(new Piece(text.substring(start), false));
    }

    private static void multiplyFrom(List<Piece> pieces, int start, double multiplier) {
        for (int i = start; i < pieces.size(); i++) {
            Piece piece = pieces.get(i);
            if (!piece.isBreak) {
                piece.weight *= multiplier;
            }
        }
    }

    private static List<WeightedText> mergeEqualWeights(List<Piece> pieces) {
        List<WeightedText> out = new ArrayList<>();
        StringBuilder run = new StringBuilder();
        Piece runStart = null;
        for (Piece piece : pieces) {
            if (piece.isBreak) {
                flush(out, run, runStart);
                runStart = null;
                out.add(WeightedText.BREAK);
            } else if (runStart != null && piece.weight == runStart.weight) {
                run.append(piece.text);
            } else {
                flush(out, run, runStart);
                runStart = piece;
                run.append(piece.text);
            }
        }
        flush(out, run, runStart);
        if (out.isEmpty()) {
            out.add(new WeightedText("", 1.0));
        }
        return out;
    }

    /** Emits the run of equal weights collected so far, unless it has no text. */
    private static void flush(List<WeightedText> out, StringBuilder run, Piece runStart) {
        if (runStart != null && run.length() > 0) {
            out.add(new WeightedText(run.toString(), runStart.weight));
        }
        run.setLength(0);
    }
}
