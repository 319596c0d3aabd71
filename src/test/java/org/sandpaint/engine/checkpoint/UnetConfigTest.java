package org.sandpaint.engine.checkpoint;

import org.junit.jupiter.api.Test;
import org.sandpaint.engine.checkpoint.graph.UnetGraph;
import org.sandpaint.engine.checkpoint.graph.WeightSlot;
import org.sandpaint.engine.ModelException;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class UnetConfigTest {

    static final UnetConfig SD15 = new UnetConfig(4, 4, 320, new int[]{1, 2, 4, 4}, 2, new int[]{0, 1, 2}, 768,
            8, -1, 1, false, 0);
    static final UnetConfig SD21 = new UnetConfig(4, 4, 320, new int[]{1, 2, 4, 4}, 2, new int[]{0, 1, 2}, 1024,
            -1, 64, 1, true, 0);

    /** stable-diffusion's configs/stable-diffusion/v1-inference.yaml, as a yaml reader hands it over. */
    static Map<String, Object> sd15Params() {
        Map<String, Object> p = new HashMap<>();
        p.put("use_checkpoint", true);
        p.put("image_size", 32);
        p.put("in_channels", 4);
        p.put("out_channels", 4);
        p.put("model_channels", 320);
        p.put("attention_resolutions", List.of(4, 2, 1));
        p.put("num_res_blocks", 2);
        p.put("channel_mult", List.of(1, 2, 4, 4));
        p.put("num_heads", 8);
        p.put("use_spatial_transformer", true);
        p.put("transformer_depth", 1);
        p.put("context_dim", 768);
        p.put("legacy", false);
        return p;
    }

    /** stablediffusion's configs/stable-diffusion/v2-inference.yaml. */
    static Map<String, Object> sd21Params() {
        Map<String, Object> p = sd15Params();
        p.remove("num_heads");
        p.put("num_head_channels", 64);
        p.put("use_linear_in_transformer", true);
        p.put("context_dim", 1024);
        return p;
    }

    @Test
    void readsTheSd15AndSd2InferenceConfigs() throws ModelException {
        assertEquals(SD15, UnetConfig.fromLdmParams(sd15Params()));
        assertEquals(SD21, UnetConfig.fromLdmParams(sd21Params()));
    }

    @Test
    void attentionResolutionsAreDownsamplingFactors() throws ModelException {
        Map<String, Object> p = sd15Params();
        p.put("attention_resolutions", List.of(2, 8));
        assertArrayEquals(new int[]{1, 3}, UnetConfig.fromLdmParams(p).attentionLevels());
    }

    @Test
    void numbersMayComeAsLongsDoublesAndStrings() throws ModelException {
        Map<String, Object> p = sd15Params();
        p.put("model_channels", 320L);
        p.put("in_channels", "9");
        p.put("num_res_blocks", 2.0);
        p.put("channel_mult", List.of("1", 2L, 4.0, 4));
        p.put("attention_resolutions", "4");
        p.put("context_dim", List.of(768, 768));
        p.put("use_linear_in_transformer", "False");
        UnetConfig c = UnetConfig.fromLdmParams(p);
        assertEquals(9, c.inChannels());
        assertEquals(320, c.modelChannels());
        assertEquals(2, c.numResBlocks());
        assertArrayEquals(new int[]{1, 2, 4, 4}, c.channelMult());
        assertArrayEquals(new int[]{2}, c.attentionLevels());
        assertEquals(768, c.contextDim());
    }

    @Test
    void headWidthWinsWhenBothHeadSettingsAreGiven() throws ModelException {
        Map<String, Object> p = sd21Params();
        p.put("num_heads", 5);
        assertEquals(SD21, UnetConfig.fromLdmParams(p));
    }

    @Test
    void aMissingOrWrongValueIsNamed() {
        Map<String, Object> missing = sd15Params();
        missing.remove("model_channels");
        assertMessage(missing, "unet_config.params.model_channels");

        Map<String, Object> text = sd15Params();
        text.put("num_res_blocks", "two");
        assertMessage(text, "unet_config.params.num_res_blocks is 'two'");

        Map<String, Object> fraction = sd15Params();
        fraction.put("channel_mult", List.of(1, 2.5));
        assertMessage(fraction, "unet_config.params.channel_mult is '2.5'");

        Map<String, Object> flag = sd15Params();
        flag.put("use_linear_in_transformer", "perhaps");
        assertMessage(flag, "unet_config.params.use_linear_in_transformer");

        Map<String, Object> noHeads = sd15Params();
        noHeads.remove("num_heads");
        assertMessage(noHeads, "num_head_channels");

        Map<String, Object> indivisible = sd15Params();
        indivisible.put("num_heads", 7);
        assertMessage(indivisible, "7 heads");

        Map<String, Object> odd = sd15Params();
        odd.put("model_channels", 48);
        assertMessage(odd, "multiple of 32");
    }

    @Test
    void unsupportedVariantsAreRefusedByName() {
        Map<String, Object> depths = sd15Params();
        depths.put("transformer_depth", List.of(0, 2, 10));
        assertMessage(depths, "per-level transformer depths");

        Map<String, Object> noTransformer = sd15Params();
        noTransformer.put("use_spatial_transformer", false);
        assertMessage(noTransformer, "use_spatial_transformer");

        Map<String, Object> scaleShift = sd15Params();
        scaleShift.put("use_scale_shift_norm", "True");
        assertMessage(scaleShift, "use_scale_shift_norm");

        Map<String, Object> perBlock = sd15Params();
        perBlock.put("num_attention_blocks", List.of(1, 1, 1, 1));
        assertMessage(perBlock, "unet_config.params.num_attention_blocks");

        Map<String, Object> classes = sd15Params();
        classes.put("num_classes", 1000);
        assertMessage(classes, "num_classes");
    }

    @Test
    void sdxlStyleAdmIsReadWhenDepthsAreUniform() throws ModelException {
        Map<String, Object> p = sd21Params();
        p.put("num_classes", "sequential");
        p.put("adm_in_channels", 2816);
        assertEquals(2816, UnetConfig.fromLdmParams(p).admInChannels());
        p.remove("adm_in_channels");
        assertMessage(p, "adm_in_channels");
    }

    @Test
    void headsFollowTheConfig() {
        assertEquals(8, SD15.headsFor(640));
        assertEquals(10, SD21.headsFor(640));
        assertEquals(1280, SD15.timeEmbedDim());
    }

    @Test
    void detectionOfTheTinyCheckpointAgreesWithItsYaml() throws Exception {
        UnetConfig fromYaml = UnetConfig.fromLdmParams(TinySd1Fixture.unetParams(TinySd1Fixture.yaml()));
        UnetConfig detected;
        try (SafetensorsFile file = SafetensorsFile.open(TinySd1Fixture.checkpoint())) {
            detected = UnetConfig.detect(file, "model.diffusion_model.");
        }
        // Heads are not in the weights: detection applies SD 1.x's convention; the yaml says 2.
        assertEquals(8, detected.numHeads());
        assertEquals(2, fromYaml.numHeads());
        assertEquals(fromYaml, withHeads(detected, fromYaml.numHeads(), fromYaml.numHeadChannels()));
        assertEquals(new UnetConfig(4, 4, 32, new int[]{1, 2}, 2, new int[]{0}, 32, 2, -1, 1, false, 0), fromYaml);
    }

    /** The weight names and stored shapes of a UNet as LDM lays it out (the built graph declares exactly those). */
    @Test
    void detectsTheSd15Sd21InpaintingAndOtherLayouts() throws ModelException {
        UnetConfig inpainting = new UnetConfig(9, 4, 320, new int[]{1, 2, 4, 4}, 2, new int[]{0, 1, 2}, 768, 8, -1,
                1, false, 0);
        UnetConfig other = new UnetConfig(4, 4, 64, new int[]{1, 2, 4}, 1, new int[]{1, 2}, 768, 8, -1, 2, false, 0);
        for (UnetConfig config : List.of(SD15, SD21, inpainting, other)) {
            assertEquals(config, UnetConfig.detect(storedShapes(config), "model.diffusion_model.", "test"));
        }
    }

    @Test
    void anUnrecognisedLayoutIsRefusedWithTheReason() throws Exception {
        Map<String, TensorEntry> tensors = new TreeMap<>();
        var e = assertThrows(ModelException.class, () -> UnetConfig.detect(tensors, "model.diffusion_model.", "x.safetensors"));
        assertTrue(e.getMessage().contains("x.safetensors") && e.getMessage().contains("input_blocks.0.0.weight"),
                e.getMessage());

        try (SafetensorsFile file = SafetensorsFile.open(TinySd1Fixture.checkpoint())) {
            Map<String, TensorEntry> sdxl = new TreeMap<>(file.tensors());
            sdxl.put("model.diffusion_model.label_emb.0.0.weight", entry("label_emb", 128, 2816));
            e = assertThrows(ModelException.class, () -> UnetConfig.detect(sdxl, "model.diffusion_model.", "xl"));
            assertTrue(e.getMessage().contains("SDXL"), e.getMessage());

            Map<String, TensorEntry> uneven = new TreeMap<>(file.tensors());
            uneven.keySet().removeIf(k -> k.startsWith("model.diffusion_model.input_blocks.5."));
            e = assertThrows(ModelException.class, () -> UnetConfig.detect(uneven, "model.diffusion_model.", "u"));
            assertTrue(e.getMessage().contains("different numbers of res blocks"), e.getMessage());

            e = assertThrows(ModelException.class, () -> UnetConfig.detect(file.tensors(), "wrong.prefix.", "p"));
            assertTrue(e.getMessage().contains("wrong.prefix.input_blocks.0.0.weight"), e.getMessage());
        }
    }

    static Map<String, TensorEntry> storedShapes(UnetConfig config) {
        Map<String, TensorEntry> tensors = new TreeMap<>();
        for (WeightSlot slot : UnetGraph.build(config, "model.diffusion_model.").weights().values()) {
            long[] shape = slot.graphShape();
            if (slot.transposed()) {
                shape = new long[]{shape[1], shape[0]};
            } else if (shape.length == 3) {
                shape = new long[]{shape[0]}; // norm scales and shifts, declared [C, 1, 1] for broadcasting
            }
            tensors.put(slot.key(), entry(slot.key(), shape));
        }
        return tensors;
    }

    static UnetConfig withHeads(UnetConfig c, int numHeads, int numHeadChannels) {
        return new UnetConfig(c.inChannels(), c.outChannels(), c.modelChannels(), c.channelMult(), c.numResBlocks(),
                c.attentionLevels(), c.contextDim(), numHeads, numHeadChannels, c.transformerDepth(),
                c.linearProjection(), c.admInChannels());
    }

    static TensorEntry entry(String name, long... shape) {
        long n = 1;
        for (long d : shape) {
            n *= d;
        }
        return new TensorEntry(name, DType.F32, shape, 0, 4 * n);
    }

    private static void assertMessage(Map<String, Object> params, String expected) {
        ModelException e = assertThrows(ModelException.class, () -> UnetConfig.fromLdmParams(params));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }
}
