package org.sandpaint.engine;

import org.junit.jupiter.api.Test;

import java.awt.image.BufferedImage;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class InfotextTest {

    /** The example from notes/a1111-conventions.md, verbatim. */
    private static final String NOTE_EXAMPLE = """
            a photo of a cat
            Negative prompt: blurry
            Steps: 20, Sampler: Euler a, CFG scale: 7, Seed: 965400086, Size: 512x512, Model hash: 45dee52b, \
            Model: v1-5, Clip skip: 2""";

    private static Map<String, String> ordered(String... keysAndValues) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    /** Map.equals ignores order; the order of parameters matters here. */
    private static void assertSameEntriesInOrder(Map<String, String> expected, Map<String, String> actual) {
        assertEquals(List.copyOf(expected.entrySet()), List.copyOf(actual.entrySet()));
    }

    private static Infotext noteExample() {
        return new Infotext("a photo of a cat", "blurry", ordered(
                "Steps", "20", "Sampler", "Euler a", "CFG scale", "7", "Seed", "965400086", "Size", "512x512",
                "Model hash", "45dee52b", "Model", "v1-5", "Clip skip", "2"));
    }

    @Test
    void formatsTheWebUiLayout() {
        assertEquals(NOTE_EXAMPLE, noteExample().format());
    }

    @Test
    void omitsEmptyNegativePromptLine() {
        Infotext info = new Infotext("a cat", "").with("Steps", 20).with("Sampler", "Euler").with("Seed", 1);
        assertEquals("a cat\nSteps: 20, Sampler: Euler, Seed: 1", info.format());
    }

    @Test
    void withoutParametersThereIsNoTrailingNewline() {
        assertEquals("a cat\nNegative prompt: dog", new Infotext("a cat", "dog").format());
        assertEquals("a cat", new Infotext("a cat", "").format());
    }

    @Test
    void quotesValuesWithCommaColonOrNewlineAsJson() {
        Infotext info = new Infotext("p", "").with("Steps", 20)
                .with("Lora hashes", "a: 1, b: 2")
                .with("Note", "two\nlines")
                .with("Plain", "say \"hi\"")        // no trigger character: written as is, like the WebUI
                .with("Accents", "café, naïve");   // json.dumps(ensure_ascii=False) keeps them unescaped
        assertEquals("p\nSteps: 20, Lora hashes: \"a: 1, b: 2\", Note: \"two\\nlines\", Plain: say \"hi\", "
                + "Accents: \"café, naïve\"", info.format());
    }

    @Test
    void withKeepsPositionOfExistingKeyAndNullRemoves() {
        Infotext info = noteExample().with("Sampler", "DDIM").with("Model hash", null).with("Version", "v1");
        assertEquals(List.of("Steps", "Sampler", "CFG scale", "Seed", "Size", "Model", "Clip skip", "Version"),
                List.copyOf(info.parameters().keySet()));
        assertEquals("DDIM", info.parameters().get("Sampler"));
    }

    @Test
    void parsesTheNoteExample() {
        Infotext info = Infotext.parse(NOTE_EXAMPLE);
        assertEquals("a photo of a cat", info.prompt());
        assertEquals("blurry", info.negativePrompt());
        assertSameEntriesInOrder(noteExample().parameters(), info.parameters());
    }

    @Test
    void parsesARealisticWebUiText() {
        String text = """
                masterpiece, best quality, 1girl,
                (detailed eyes:1.2), <lora:foo:0.8>, city at night
                Negative prompt: lowres, bad anatomy,
                worst quality, (blurry:1.3)
                Steps: 28, Sampler: DPM++ 2M, Schedule type: Karras, CFG scale: 6.5, Seed: 1234567890, \
                Size: 512x768, Model hash: 6ce0161689, Model: v1-5-pruned-emaonly, Denoising strength: 0.4, \
                Clip skip: 2, ADetailer prompt: "face, smile", Lora hashes: "foo: a1b2c3d4e5f6, bar: 0123456789ab", \
                Hires upscaler: Latent, Version: v1.10.1""";
        Infotext info = Infotext.parse(text);
        assertEquals("masterpiece, best quality, 1girl,\n(detailed eyes:1.2), <lora:foo:0.8>, city at night",
                info.prompt());
        assertEquals("lowres, bad anatomy,\nworst quality, (blurry:1.3)", info.negativePrompt());
        assertSameEntriesInOrder(ordered("Steps", "28", "Sampler", "DPM++ 2M", "Schedule type", "Karras",
                "CFG scale", "6.5",
                "Seed", "1234567890", "Size", "512x768", "Model hash", "6ce0161689", "Model", "v1-5-pruned-emaonly",
                "Denoising strength", "0.4", "Clip skip", "2", "ADetailer prompt", "face, smile",
                "Lora hashes", "foo: a1b2c3d4e5f6, bar: 0123456789ab", "Hires upscaler", "Latent",
                "Version", "v1.10.1"), info.parameters());
    }

    @Test
    void parsesTextWithoutNegativePrompt() {
        Infotext info = Infotext.parse("a cat\nSteps: 20, Sampler: Euler a, CFG scale: 7");
        assertEquals("a cat", info.prompt());
        assertEquals("", info.negativePrompt());
        assertSameEntriesInOrder(ordered("Steps", "20", "Sampler", "Euler a", "CFG scale", "7"), info.parameters());
    }

    @Test
    void withoutParametersLineEverythingIsPrompt() {
        Infotext info = Infotext.parse("a cat, style: watercolor\nsecond line");
        assertEquals("a cat, style: watercolor\nsecond line", info.prompt());
        assertTrue(info.parameters().isEmpty());
    }

    @Test
    void lastLineNeedsThreePairsToCountAsParameters() {
        Infotext two = Infotext.parse("a cat\nSteps: 20, Sampler: Euler");
        assertEquals("a cat\nSteps: 20, Sampler: Euler", two.prompt());
        assertTrue(two.parameters().isEmpty());

        Infotext onlyNegative = Infotext.parse("a cat\nNegative prompt: ugly, dog: 2");
        assertEquals("a cat", onlyNegative.prompt());
        assertEquals("ugly, dog: 2", onlyNegative.negativePrompt());
        assertTrue(onlyNegative.parameters().isEmpty());
    }

    @Test
    void unquotesEscapesAndKeepsInvalidJsonAsWritten() {
        Infotext info = Infotext.parse("p\nSteps: 1, Text: \"say \\\"hi\\\", ok\", Path: \"C:\\\\models\\\\a\", "
                + "Odd: \"x\"y\"");
        assertEquals("say \"hi\", ok", info.parameters().get("Text"));
        assertEquals("C:\\models\\a", info.parameters().get("Path"));
        assertEquals("\"x\"y\"", info.parameters().get("Odd"));
    }

    @Test
    void dropsEmptyValuesLikeTheWebUi() {
        Infotext info = Infotext.parse("p\nSteps: 20, Sampler: , CFG scale: 7, Seed: 5");
        assertSameEntriesInOrder(ordered("Steps", "20", "CFG scale", "7", "Seed", "5"), info.parameters());
    }

    @Test
    void stripsWindowsLineEndingsAndSurroundingBlankLines() {
        Infotext info = Infotext.parse("\n  a cat \r\nNegative prompt: dog\r\nSteps: 1, Sampler: Euler, Seed: 2\n\n");
        assertEquals("a cat", info.prompt());
        assertEquals("dog", info.negativePrompt());
        assertSameEntriesInOrder(ordered("Steps", "1", "Sampler", "Euler", "Seed", "2"), info.parameters());
    }

    @Test
    void parsesVeryLongQuotedValues() {
        String longValue = "word, ".repeat(20_000) + "end";
        Infotext info = new Infotext("p", "").with("Steps", 1).with("Long", longValue).with("Seed", 3);
        assertEquals(longValue, Infotext.parse(info.format()).parameters().get("Long"));
    }

    @Test
    void roundTrips() {
        List<Infotext> cases = List.of(
                noteExample(),
                new Infotext("line one\nline two, (red:1.2)", "bad hands\nextra fingers", ordered(
                        "Steps", "30", "Sampler", "DPM++ 2M Karras", "CFG scale", "7.5", "Seed", "42",
                        "Lora hashes", "a: 1, b: 2", "Note", "x\ny", "Quote", "he said \"a, b\"")),
                new Infotext("猫と犬, 🐱", "ぼやけた", ordered("Steps", "5", "Sampler", "Euler", "Model", "模型: 1")),
                new Infotext("only a prompt", ""),
                new Infotext("", "only negative", ordered("Steps", "1", "Sampler", "Euler", "Seed", "0")));
        for (Infotext info : cases) {
            Infotext back = Infotext.parse(info.format());
            assertEquals(info, back, () -> "round trip of:\n" + info.format());
            assertSameEntriesInOrder(info.parameters(), back.parameters());
        }
    }

    @Test
    void typedGetters() {
        Infotext info = Infotext.parse("p\nSteps: 25, Sampler: Euler a, CFG scale: 6.5, Seed: 4294967295, "
                + "Size: 640x384");
        assertEquals(OptionalInt.of(25), info.steps());
        assertEquals(Sampler.EULER_A, info.sampler().orElseThrow());
        assertEquals("Euler a", info.samplerName().orElseThrow());
        assertEquals(6.5, info.cfgScale().orElseThrow());
        assertEquals(4294967295L, info.seed().orElseThrow());
        assertEquals(OptionalInt.of(640), info.width());
        assertEquals(OptionalInt.of(384), info.height());
        assertEquals(OptionalInt.of(1), info.clipSkip(), "missing Clip skip means 1");
        assertEquals(OptionalInt.of(2), info.with("Clip skip", 2).clipSkip());
        assertFalse(info.with("Clip skip", "two").clipSkip().isPresent());
        assertFalse(info.with("Steps", "many").steps().isPresent());
        assertFalse(info.with("Size", "big").width().isPresent());
    }

    @Test
    void rejectsKeysThatCannotBeReadBack() {
        assertThrows(IllegalArgumentException.class, () -> new Infotext("p", "").with("X", 1));
        assertThrows(IllegalArgumentException.class, () -> new Infotext("p", "").with("Bad: key", 1));
        assertThrows(IllegalArgumentException.class, () -> new Infotext("p", "").with("Bad,key", 1));
    }

    @Test
    void parametersAreImmutable() {
        assertThrows(UnsupportedOperationException.class, () -> noteExample().parameters().put("A", "b"));
    }

    @Test
    void writesEveryKeyOfARequestInTheWebUisOrderAndReadsItBack() {
        double strength = 0.1 * 6; // 0.6000000000000001: binary noise must not reach the text
        assertTrue(strength != 0.6);
        BufferedImage picture = new BufferedImage(64, 64, BufferedImage.TYPE_INT_RGB);
        Inpaint inpaint = new Inpaint(picture, 9, true, Inpaint.MaskedContent.LATENT_NOISE, Inpaint.Area.ONLY_MASKED, 40);
        GenerationRequest request = GenerationRequest.builder("a red circle, (sky:1.2)").negativePrompt("blurry")
                .steps(28).cfgScale(7.5).seed(-1).sampler(Sampler.DPMPP_2M_KARRAS).clipSkip(2).size(640, 384)
                .initImage(new InitImage(picture, strength, ResizeMode.CROP_AND_RESIZE, inpaint)).build();

        Infotext written = Infotext.of(request, 4294967295L, "tiny-optimum", "45dee52b");
        assertEquals(List.of("Steps", "Sampler", "CFG scale", "Seed", "Size", "Model hash", "Model",
                "Denoising strength", "Clip skip", "RNG", "Mask blur", "Mask mode", "Inpaint area",
                "Masked area padding", "Masked content", "Version"), List.copyOf(written.parameters().keySet()));
        String text = written.format();
        assertTrue(text.contains("CFG scale: 7.5, "), text);
        assertTrue(text.contains("Denoising strength: 0.6, "), text);

        Infotext read = Infotext.parse(text);
        assertEquals(written, read);
        assertEquals(request.prompt(), read.prompt());
        assertEquals(request.negativePrompt(), read.negativePrompt());
        assertEquals(OptionalInt.of(28), read.steps());
        assertEquals(Sampler.DPMPP_2M_KARRAS, read.sampler().orElseThrow());
        assertEquals(7.5, read.cfgScale().orElseThrow());
        assertEquals(4294967295L, read.seed().orElseThrow());
        assertEquals(OptionalInt.of(640), read.width());
        assertEquals(OptionalInt.of(384), read.height());
        assertEquals(OptionalInt.of(2), read.clipSkip());
        assertEquals(0.6, read.denoisingStrength().orElseThrow());
        assertEquals(OptionalInt.of(9), read.maskBlur());
        assertTrue(read.invertMask());
        assertEquals(Inpaint.Area.ONLY_MASKED, read.inpaintArea().orElseThrow());
        assertEquals(OptionalInt.of(40), read.inpaintPadding());
        assertEquals(Inpaint.MaskedContent.LATENT_NOISE, read.maskedContent().orElseThrow());
    }

    @Test
    void textToImageLeavesOutTheImageKeysAndClipSkipOne() {
        GenerationRequest request = GenerationRequest.builder("a cat").seed(3).build();
        Infotext info = Infotext.of(request, 3, "demo", "");
        assertEquals(List.of("Steps", "Sampler", "CFG scale", "Seed", "Size", "Model", "RNG", "Version"),
                List.copyOf(info.parameters().keySet()));
        assertTrue(info.format().endsWith("Steps: 20, Sampler: Euler a, CFG scale: 7, Seed: 3, Size: 512x512, "
                + "Model: demo, RNG: CPU, Version: " + Infotext.VERSION), info.format());
        Infotext read = Infotext.parse(info.format());
        assertFalse(read.denoisingStrength().isPresent());
        assertFalse(read.invertMask());
        assertEquals(OptionalInt.of(1), read.clipSkip());
    }

    /** A WebUI 1.10 text: the schedule apart from the sampler, hires fix, variation seed, LoRA and TI hashes. */
    private static final String WEBUI_CURRENT = "a castle on a hill, <lora:add_detail:0.5>\n"
            + "Negative prompt: easynegative, blurry\n"
            + "Steps: 28, Sampler: DPM++ 2M, Schedule type: Karras, CFG scale: 6.5, Seed: 1234, Size: 512x768, "
            + "Model hash: 6ce0161689, Model: v1-5-pruned-emaonly, Variation seed: 99, Variation seed strength: 0.3, "
            + "Denoising strength: 0.45, Clip skip: 2, Hires upscale: 2, Hires steps: 10, Hires upscaler: Latent, "
            + "Lora hashes: \"add_detail: 7c6bad76eb54\", TI hashes: \"easynegative: c74b4e810b03, bad: 1a2b\", "
            + "Version: v1.10.1";

    @Test
    void readsTheWebUisCurrentForms() {
        Infotext info = Infotext.parse(WEBUI_CURRENT);
        assertEquals("a castle on a hill, <lora:add_detail:0.5>", info.prompt());
        assertEquals("easynegative, blurry", info.negativePrompt());
        assertEquals("DPM++ 2M Karras", info.samplerName().orElseThrow());
        assertEquals(Sampler.DPMPP_2M_KARRAS, info.sampler().orElseThrow());
        assertEquals(6.5, info.cfgScale().orElseThrow());
        assertEquals(0.45, info.denoisingStrength().orElseThrow());
        assertEquals(OptionalInt.of(2), info.clipSkip());
        assertEquals("2", info.get("Hires upscale").orElseThrow());
        assertEquals("10", info.get("Hires steps").orElseThrow());
        assertEquals("Latent", info.get("Hires upscaler").orElseThrow());
        assertEquals("99", info.get("Variation seed").orElseThrow());
        assertEquals("0.3", info.get("Variation seed strength").orElseThrow());
        assertEquals("add_detail: 7c6bad76eb54", info.get("Lora hashes").orElseThrow());
        assertEquals("easynegative: c74b4e810b03, bad: 1a2b", info.get("TI hashes").orElseThrow());
        assertEquals(18, info.parameters().size(), "unknown keys are kept, not dropped: " + info.parameters().keySet());
        assertEquals(WEBUI_CURRENT, info.format(), "written back exactly as read");
    }

    @Test
    void joinsOnlyASchedulePeculiarToTheSampler() {
        Infotext automatic = Infotext.parse("p\nSteps: 20, Sampler: DPM++ 2M, Schedule type: Automatic, Seed: 1");
        assertEquals(Sampler.DPMPP_2M, automatic.sampler().orElseThrow());
        Infotext older = Infotext.parse("p\nSteps: 20, Sampler: DPM++ 2M Karras, Schedule type: Karras, Seed: 1");
        assertEquals(Sampler.DPMPP_2M_KARRAS, older.sampler().orElseThrow());
        assertEquals(ScheduleType.KARRAS, older.scheduleType().orElseThrow());
        Infotext apart = Infotext.parse("p\nSteps: 20, Sampler: Euler a, Schedule type: Exponential, Seed: 1");
        assertEquals("Euler a Exponential", apart.samplerName().orElseThrow());
        assertEquals(Sampler.EULER_A, apart.sampler().orElseThrow(), "the sampler as written");
        assertEquals(ScheduleType.EXPONENTIAL, apart.scheduleType().orElseThrow(), "with the schedule apart");
        Infotext unknown = Infotext.parse("p\nSteps: 20, Sampler: Euler a, Schedule type: Polyexponential, Seed: 1");
        assertFalse(unknown.scheduleType().isPresent(), "a schedule we do not have is not silently replaced");
        Infotext joined = Infotext.parse("p\nSteps: 20, Sampler: DPM++ 2M, Schedule type: Karras, Seed: 1");
        assertEquals(Sampler.DPMPP_2M_KARRAS, joined.sampler().orElseThrow());
        assertEquals(ScheduleType.AUTOMATIC, joined.scheduleType().orElseThrow(), "the name holds the schedule");
        assertEquals(ScheduleType.AUTOMATIC, Infotext.parse("p\nSteps: 20, Sampler: Euler, Seed: 1").scheduleType()
                .orElseThrow());
    }

    @Test
    void writesTheScheduleTypeWhenItIsNotTheSamplersOwnAndReadsItBack() {
        GenerationRequest euler = GenerationRequest.builder("p").sampler(Sampler.EULER).seed(1)
                .scheduleType(ScheduleType.SGM_UNIFORM).build();
        Infotext written = Infotext.of(euler, 1, "m", "");
        assertEquals("p\nSteps: 20, Sampler: Euler, Schedule type: SGM Uniform, CFG scale: 7, Seed: 1, Size: 512x512, "
                + "Model: m, RNG: CPU, Version: " + Infotext.VERSION, written.format());
        Infotext read = Infotext.parse(written.format());
        assertEquals(Sampler.EULER, read.sampler().orElseThrow());
        assertEquals(ScheduleType.SGM_UNIFORM, read.scheduleType().orElseThrow());
        GenerationRequest own = euler.toBuilder().sampler(Sampler.DPMPP_2M_KARRAS).scheduleType(ScheduleType.KARRAS).build();
        assertFalse(Infotext.of(own, 1, "m", "").parameters().containsKey("Schedule type"), "the sampler's own");
    }

    @Test
    void readsTheWebUisSdeSamplersWithTheirScheduleTypes() {
        Infotext webui = Infotext.parse("p\nSteps: 20, Sampler: DPM++ 2M SDE, Schedule type: Karras, Seed: 1");
        assertEquals(Sampler.DPMPP_2M_SDE_KARRAS, webui.sampler().orElseThrow());
        Infotext exponential = Infotext.parse("p\nSteps: 20, Sampler: DPM++ 3M SDE, Schedule type: Exponential, Seed: 1");
        assertEquals(Sampler.DPMPP_3M_SDE, exponential.sampler().orElseThrow());
        assertEquals(ScheduleType.EXPONENTIAL, exponential.scheduleType().orElseThrow());
    }

    @Test
    void writesAndReadsTheVariationSeedKeysInTheWebUisPlace() {
        GenerationRequest request = GenerationRequest.builder("p").seed(5)
                .variation(new SeedVariation(11, 0.25, 512, 768)).build();
        Infotext written = Infotext.of(request, 5, 12, "m", "abc");
        assertEquals("p\nSteps: 20, Sampler: Euler a, CFG scale: 7, Seed: 5, Size: 512x512, Model hash: abc, Model: m, "
                + "Variation seed: 12, Variation seed strength: 0.25, Seed resize from: 512x768, RNG: CPU, Version: "
                + Infotext.VERSION, written.format());
        assertEquals(new SeedVariation(12, 0.25, 512, 768), Infotext.parse(written.format()).seedVariation().orElseThrow());
        Infotext resizeOnly = Infotext.of(request.toBuilder().variation(new SeedVariation(11, 0, 64, 128)).build(),
                5, 12, "m", "");
        assertFalse(resizeOnly.parameters().containsKey("Variation seed"), "no variation seed without a strength");
        assertEquals("64x128", resizeOnly.get("Seed resize from").orElseThrow());
        assertEquals(SeedVariation.NONE, Infotext.parse("p\nSteps: 20, Sampler: Euler, Seed: 1").seedVariation().orElseThrow());
        assertFalse(Infotext.parse("p\nSteps: 20, Seed: 1, Variation seed strength: 2").seedVariation().isPresent(),
                "out of range");
    }

    @Test
    void numbersAreWrittenAsTheWebUiWritesThem() {
        assertEquals("7", DecimalParameter.format(7.0));
        assertEquals("7.5", DecimalParameter.format(7.5));
        assertEquals("0.6", DecimalParameter.format(0.1 * 6));
        assertEquals("0.6", DecimalParameter.format(0.7 - 0.1));
        assertEquals("0.75", DecimalParameter.format(0.75));
        assertEquals("0", DecimalParameter.format(0.0));
        assertEquals("12.3456789", DecimalParameter.format(12.3456789), "digits a person typed are kept");
    }
}
