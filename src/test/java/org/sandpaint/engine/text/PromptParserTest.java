package org.sandpaint.engine.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PromptParserTest {

    private static WeightedText t(String text, double weight) {
        return new WeightedText(text, weight);
    }

    // --- The examples in the WebUI's parse_prompt_attention docstring; weights compared exactly. ---

    @Test
    void normalText() {
        assertEquals(List.of(t("normal text", 1.0)), PromptParser.parse("normal text"));
    }

    @Test
    void importantWord() {
        assertEquals(List.of(t("an ", 1.0), t("important", 1.1), t(" word", 1.0)),
                PromptParser.parse("an (important) word"));
    }

    @Test
    void unbalancedBracketClosesAtTheEnd() {
        assertEquals(List.of(t("unbalanced", 1.1)), PromptParser.parse("(unbalanced"));
    }

    @Test
    void escapedBrackets() {
        assertEquals(List.of(t("(literal]", 1.0)), PromptParser.parse("\\(literal\\]"));
    }

    @Test
    void neighboursWithEqualWeightsMerge() {
        assertEquals(List.of(t("unnecessaryparens", 1.1)), PromptParser.parse("(unnecessary)(parens)"));
    }

    @Test
    void houseOnAHill() {
        assertEquals(List.of(
                        t("a ", 1.0),
                        t("house", 1.5730000000000004),
                        t(" ", 1.1),
                        t("on", 1.0),
                        t(" a ", 1.1),
                        t("hill", 0.55),
                        t(", sun, ", 1.1),
                        t("sky", 1.4641000000000006),
                        t(".", 1.1)),
                PromptParser.parse("a (((house:1.3)) [on] a (hill:0.5), sun, (((sky)))."));
    }

    // --- Other rules from the docstring and the WebUI's documentation. ---

    @Test
    void nestingMultiplies() {
        assertWeight(1.21, PromptParser.parse("((x))"));
        assertWeight(1 / 1.1, PromptParser.parse("[x]"));
        assertWeight(1 / 1.21, PromptParser.parse("[[x]]"));
        assertWeight(1.5, PromptParser.parse("(x:1.5)"));
        assertWeight(1.5 * 1.1, PromptParser.parse("((x:1.5))"));
        assertWeight(0.25, PromptParser.parse("(x:.25)"));
        assertWeight(-1.0, PromptParser.parse("(x:-1)"));
    }

    private static void assertWeight(double expected, List<WeightedText> parsed) {
        assertEquals(1, parsed.size(), parsed::toString);
        assertEquals("x", parsed.get(0).text());
        assertEquals(expected, parsed.get(0).weight(), 1e-12);
        assertFalse(parsed.get(0).isBreak());
    }

    @Test
    void backslashEscapes() {
        assertEquals(List.of(t("a\\b", 1.0)), PromptParser.parse("a\\\\b"));
        assertEquals(List.of(t("()[]", 1.0)), PromptParser.parse("\\(\\)\\[\\]"));
        // A backslash before anything else is dropped.
        assertEquals(List.of(t("ab", 1.0)), PromptParser.parse("a\\b"));
        assertEquals(List.of(t("(x)", 1.1)), PromptParser.parse("(\\(x\\))"));
    }

    @Test
    void colonWithoutNumberIsText() {
        assertEquals(List.of(t("a:b", 1.0)), PromptParser.parse("a:b"));
        assertEquals(List.of(t("x:y", 1.1)), PromptParser.parse("(x:y)"));
        assertEquals(List.of(t("x:", 1.1)), PromptParser.parse("(x:)"));
        // A weight with no open bracket is plain text.
        assertEquals(List.of(t("x:1.5)", 1.0)), PromptParser.parse("x:1.5)"));
    }

    @Test
    void breakIsItsOwnMarker() {
        assertEquals(List.of(t("a", 1.0), WeightedText.BREAK, t("b", 1.0)), PromptParser.parse("a BREAK b"));
        assertEquals(List.of(WeightedText.BREAK), PromptParser.parse("BREAK"));
        assertEquals(List.of(WeightedText.BREAK, t("a", 1.0)), PromptParser.parse("BREAK a"));
        assertEquals(List.of(t("a", 1.0), WeightedText.BREAK), PromptParser.parse("a BREAK"));
        assertEquals(List.of(t("a", 1.0), WeightedText.BREAK, WeightedText.BREAK, t("b", 1.0)),
                PromptParser.parse("a BREAK BREAK b"));
        assertEquals(List.of(t("a,", 1.0), WeightedText.BREAK, t("b", 1.0)), PromptParser.parse("a,BREAK\nb"));
    }

    @Test
    void breakMustBeAnUppercaseWord() {
        assertEquals(List.of(t("a break b", 1.0)), PromptParser.parse("a break b"));
        assertEquals(List.of(t("aBREAK b", 1.0)), PromptParser.parse("aBREAK b"));
        assertEquals(List.of(t("BREAKS", 1.0)), PromptParser.parse("BREAKS"));
        assertEquals(List.of(t("_BREAK", 1.0)), PromptParser.parse("_BREAK"));
    }

    @Test
    void bracketsDoNotScaleABreak() {
        assertEquals(List.of(t("a", 1.1), WeightedText.BREAK, t("b", 1.1)), PromptParser.parse("(a BREAK b)"));
    }

    @Test
    void equalWeightsAreNotMergedAcrossABreak() {
        // The spaces around BREAK belong to it, so nothing with weight 1.0 is left between the two.
        assertEquals(List.of(t("a", 1.1), WeightedText.BREAK, t("b", 1.1)), PromptParser.parse("(a) BREAK (b)"));
    }

    // --- Malformed input: never an exception, always a usable parse. ---

    @Test
    void emptyInputs() {
        List<WeightedText> empty = List.of(t("", 1.0));
        assertEquals(empty, PromptParser.parse(""));
        assertEquals(empty, PromptParser.parse(null));
        assertEquals(empty, PromptParser.parse("(((("));
        assertEquals(empty, PromptParser.parse("()"));
        assertEquals(empty, PromptParser.parse("[]"));
        assertEquals(empty, PromptParser.parse("(:1.2)"));
    }

    @Test
    void unmatchedClosersAreText() {
        assertEquals(List.of(t("]]]", 1.0)), PromptParser.parse("]]]"));
        assertEquals(List.of(t("a)b", 1.0)), PromptParser.parse("a)b"));
        assertEquals(List.of(t("a]", 1.1)), PromptParser.parse("(a])"));
    }

    @Test
    void unclosedBracketsMultiplyEverythingAfterThem() {
        assertEquals(List.of(t("a ", 1.1), t("b", 1.1 * (1 / 1.1))), PromptParser.parse("(a [b"));
        assertEquals(List.of(t("a", 1.0), t("b", 1.1 * 1.1)), PromptParser.parse("a((b"));
    }

    @Test
    void weightThatIsNotANumberStaysText() {
        assertEquals(List.of(t("x:1.2.3", 1.1)), PromptParser.parse("(x:1.2.3)"));
        assertEquals(List.of(t("x:.", 1.1)), PromptParser.parse("(x:.)"));
        assertEquals(List.of(t("x:+", 1.1)), PromptParser.parse("(x:+)"));
    }

    @Test
    void fuzzNeverThrowsAndKeepsEveryLetter() {
        String alphabet = "()[]:\\.-+0123456789 ,abcXYZ BREAK\n";
        Random random = new Random(20240611L);
        for (int round = 0; round < 300; round++) {
            int length = round == 0 ? 10_000 : random.nextInt(200);
            StringBuilder prompt = new StringBuilder();
            for (int i = 0; i < length; i++) {
                prompt.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            String input = prompt.toString();
            List<WeightedText> parsed = PromptParser.parse(input);

            assertFalse(parsed.isEmpty(), input);
            StringBuilder joined = new StringBuilder();
            for (WeightedText piece : parsed) {
                assertTrue(Double.isFinite(piece.weight()), () -> "weight of " + piece + " in " + input);
                assertTrue(piece.isBreak() || !piece.text().isEmpty() || parsed.size() == 1, input);
                joined.append(piece.text());
            }
            assertEquals(letters(input), letters(joined.toString()), input);
        }
    }

    private static String letters(String s) {
        return s.replaceAll("[^A-Za-z]", "");
    }
}
