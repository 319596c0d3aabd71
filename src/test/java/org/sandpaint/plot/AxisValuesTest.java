package org.sandpaint.plot;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Value lists against the WebUI. Expected values were computed by running the WebUI's own range regexes and
 * loops from scripts/xyz_grid.py (Python's range, numpy's arange and linspace, csv.reader) on each input.
 */
class AxisValuesTest {

    @Test
    void wholeNumberRangesMatchTheWebUi() {
        assertEquals(List.of(1L, 2L, 3L, 4L, 5L), AxisValues.integers("1-5"));
        assertEquals(List.of(1L, 3L, 5L, 7L, 9L), AxisValues.integers("1-10 (+2)"));
        assertEquals(List.of(10L, 12L, 15L, 17L, 20L), AxisValues.integers("10-20 [5]"));
        assertEquals(List.of(10L, 7L, 4L), AxisValues.integers("10-1 (-3)"));
        assertEquals(List.of(5L, 7L, 8L, 9L, 12L), AxisValues.integers("5, 7-9, 12"));
        assertEquals(List.of(-3L, 0L, 3L), AxisValues.integers("-3-3 (+3)"));
        assertEquals(List.of(1L), AxisValues.integers("1-3 [1]"));
        assertEquals(List.of(0L, 50L, 100L), AxisValues.integers("0-100 [3]"));
        assertEquals(List.of(1L, 1L, 1L, 2L), AxisValues.integers("1-2 [4]"));
    }

    @Test
    void decimalRangesMatchTheWebUi() {
        assertEquals(List.of(1.5, 2.0, 2.5, 3.0), AxisValues.decimals("1.5-3 (+0.5)"));
        assertEquals(List.of(7.0, 8.0, 9.0), AxisValues.decimals("7-9"));
        assertEquals(List.of(2.5, 4.0, 4.5, 5.0), AxisValues.decimals("2.5, 4-5 [3]"));
        assertEquals(List.of(0.0, 0.25, 0.5, 0.75, 1.0), AxisValues.decimals("0-1 [5]"));
        assertEquals(List.of(3.0, 5.0, 7.0), AxisValues.decimals("3-7 (+2)"));
        assertEquals(List.of(0.25, 0.5, 0.75, 1.0), AxisValues.decimals("0.25-1 (+0.25)"));
        assertEquals(List.of(1.0, 1.33333333, 1.66666667, 2.0), AxisValues.decimals("1-2 [4]"));
    }

    @Test
    void aDecimalStepRangeEndsAtItsEndDespiteBinaryRounding() {
        // numpy's arange(0.1, 1.1, 0.1) has 11 values (1.1 by rounding); ours stops at 1 (see the class comment).
        List<Double> values = AxisValues.decimals("0.1-1 (+0.1)");
        assertEquals(10, values.size());
        assertEquals(0.3, values.get(2));
        assertEquals(1.0, values.get(9));
    }

    @Test
    void quotedValuesHoldCommasAndLinesSeparateToo() {
        // csv.reader gives ['a', 'b, c', 'd', 'e'] for the same text.
        assertEquals(List.of("a", "b, c", "d", "e"), AxisValues.split("a,\"b, c\",d\ne"));
        assertEquals(List.of("a", "b, c", "say \"hi\""), AxisValues.split("a, \"b, c\", \"say \"\"hi\"\"\""));
        assertEquals(List.of("x"), AxisValues.split(" x , , "));
    }

    @Test
    void badValuesSayWhatIsWrong() {
        IllegalArgumentException word = assertThrows(IllegalArgumentException.class, () -> AxisValues.integers("1, ten"));
        assertTrue(word.getMessage().contains("'ten' is neither a whole number nor a range"), word.getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> AxisValues.integers("1-5 (+0)"))
                .getMessage().contains("step of '1-5 (+0)' is 0"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> AxisValues.decimals("1.5-x"))
                .getMessage().contains("neither a number nor a range"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> AxisValues.integers("1-99999999"))
                .getMessage().contains("more than"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> AxisValues.integers("1-5 [0]"))
                .getMessage().contains("asks for no values"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> AxisValues.split("\"open"))
                .getMessage().contains("quote is not closed"));
    }

    @Test
    void axesNameThemselvesInMessagesAndCheckTheParameterLimits() {
        IllegalArgumentException steps = assertThrows(IllegalArgumentException.class, () -> Axis.parse("X", "steps: 0-3"));
        assertEquals("X axis (Steps): Steps must be between 1 and 150, got 0.", steps.getMessage());
        IllegalArgumentException cfg = assertThrows(IllegalArgumentException.class, () -> Axis.parse("Y", "cfg: 3-7 (+x)"));
        assertTrue(cfg.getMessage().startsWith("Y axis (CFG Scale): '3-7 (+x)'"), cfg.getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Axis.parse("Z", "colour: red"))
                .getMessage().contains("unknown type 'colour'. Choose one of: Seed, Steps"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Axis.parse("X", "steps 10"))
                .getMessage().contains("write TYPE: VALUES"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Axis.parse("X", "steps:"))
                .getMessage().contains("has no values"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Axis.parse("X", "sampler: euler, foo"))
                .getMessage().contains("Unknown sampler 'foo'"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Axis.parse("X", "size: 100"))
                .getMessage().contains("multiple of 8"));
    }

    @Test
    void labelsAndTypesFollowTheWebUi() {
        Axis cfg = Axis.parse("X", "CFG Scale: 3-7 (+2)");
        assertEquals(List.of("CFG Scale: 3", "CFG Scale: 5", "CFG Scale: 7"), cfg.values().stream().map(AxisValue::label).toList());
        Axis sampler = Axis.parse("X", "sampler: euler_a, DPM++ 2M Karras");
        assertEquals(List.of("Euler a", "DPM++ 2M Karras"), sampler.values().stream().map(AxisValue::label).toList());
        Axis schedules = Axis.parse("X", "schedule type: karras, SGM Uniform");
        assertEquals(List.of("Karras", "SGM Uniform"), schedules.values().stream().map(AxisValue::label).toList());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Axis.parse("X", "schedule type: karras, wobbly"))
                .getMessage().contains("Unknown schedule type 'wobbly'"));
        Axis size = Axis.parse("X", "size: 64x128, 64-80 (+16)");
        assertEquals(List.of("64x128", "64x64", "80x80"), size.values().stream().map(AxisValue::text).toList());
        assertEquals(AxisTypes.PROMPT_SR, Axis.parse("X", "prompt-sr: a, b").type());
        assertEquals(AxisTypes.CLIP_SKIP, Axis.parse("X", "clip_skip: 1,2").type());
        assertEquals(List.of("b"), Axis.parse("X", "checkpoint: models/a/b/").values().stream().skip(0)
                .map(AxisValue::label).toList());
    }
}
