package org.sandpaint.engine.checkpoint.lora;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sandpaint.engine.checkpoint.SafetensorsFile;
import org.sandpaint.engine.checkpoint.TensorEntry;
import org.sandpaint.engine.checkpoint.TestSafetensors;
import org.sandpaint.engine.ModelException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Merging against weights torch computed (src/test/models/make_tiny_networks.py: a Linear, a 3x3 conv and a
 * 1x1 conv patched by two LoRAs at 0.8 and -0.5, the convs checked there against running the LoRA as two
 * convolutions), and the tiny-sd1 fixture's LoRA against its checkpoint.
 */
class LoraMergeTest {

    private static final Path DIR = Path.of("src/test/models/tiny-networks");

    @Test
    void mergesLinearAnd3x3And1x1ModulesOfTwoLorasLikeTorch() throws Exception {
        try (SafetensorsFile base = SafetensorsFile.open(DIR.resolve("lora-base.safetensors"));
             SafetensorsFile reference = SafetensorsFile.open(DIR.resolve("lora_merge_reference.safetensors"));
             LoraFile a = LoraFile.open(DIR.resolve("loras/merge-a.safetensors"));
             LoraFile b = LoraFile.open(DIR.resolve("loras/merge-b.safetensors"))) {
            LoraMerge merge = LoraMerge.over(base::floats, base.tensors(), List.of(LoraUse.of(a, 0.8), LoraUse.of(b, -0.5)));
            assertEquals(base.tensors().keySet(), merge.patchedKeys());
            for (String key : base.tensors().keySet()) {
                float[] expected = reference.floats(key);
                float[] actual = merge.values(key);
                for (int i = 0; i < expected.length; i++) {
                    assertEquals(expected[i], actual[i], 1e-5f * Math.max(1f, Math.abs(expected[i])), key + "[" + i + "]");
                }
                // and the merge really changed something
                assertTrue(maxDifference(base.floats(key), actual) > 0.1f, key);
            }
        }
    }

    @Test
    void untouchedKeysAndZeroWeightsPassThroughTheBase() throws Exception {
        float[] sentinel = {1, 2, 3};
        try (LoraFile a = LoraFile.open(DIR.resolve("loras/merge-a.safetensors"));
             SafetensorsFile base = SafetensorsFile.open(DIR.resolve("lora-base.safetensors"))) {
            LoraMerge merge = LoraMerge.over(key -> key.equals("other") ? sentinel : base.floats(key), base.tensors(),
                    List.of(new LoraUse(a, 0, 0)));
            assertSame(sentinel, merge.values("other"));
            assertEquals(Set.of(), merge.patchedKeys());
            String key = "model.diffusion_model.input_blocks.1.0.in_layers.2.weight";
            assertArrayEquals(base.floats(key), merge.values(key));
        }
    }

    @Test
    void textEncoderAndUnetMultipliersApplySeparately() throws Exception {
        String linear = "cond_stage_model.transformer.text_model.encoder.layers.0.mlp.fc1.weight";
        String conv = "model.diffusion_model.input_blocks.1.0.in_layers.2.weight";
        try (LoraFile a = LoraFile.open(DIR.resolve("loras/merge-a.safetensors"));
             SafetensorsFile base = SafetensorsFile.open(DIR.resolve("lora-base.safetensors"))) {
            LoraMerge unetOnly = LoraMerge.over(base::floats, base.tensors(), List.of(new LoraUse(a, 0, 1)));
            assertArrayEquals(base.floats(linear), unetOnly.values(linear));
            assertTrue(maxDifference(base.floats(conv), unetOnly.values(conv)) > 0.1f);
        }
    }

    @Test
    void aModuleWithoutCounterpartNamesTheLoraAndTheModule(@TempDir Path tmp) throws Exception {
        Path file = new TestSafetensors()
                .filled("lora_unet_down_blocks_3_resnets_0_conv1.lora_down.weight", 0.1f, 2, 3, 3, 3)
                .filled("lora_unet_down_blocks_3_resnets_0_conv1.lora_up.weight", 0.1f, 4, 2, 1, 1)
                .write(tmp.resolve("far-away.safetensors"));
        try (LoraFile lora = LoraFile.open(file); SafetensorsFile base = SafetensorsFile.open(DIR.resolve("lora-base.safetensors"))) {
            ModelException e = assertThrows(ModelException.class,
                    () -> LoraMerge.over(base::floats, base.tensors(), List.of(LoraUse.of(lora, 1))));
            assertTrue(e.getMessage().contains("'far-away'") && e.getMessage().contains("lora_unet_down_blocks_3_resnets_0_conv1"),
                    e.getMessage());
        }
    }

    @Test
    void aModuleOfAnotherShapeNamesTheLoraTheModuleAndBothShapes(@TempDir Path tmp) throws Exception {
        // SD 2.x text layers are 1024 wide; this checkpoint's are 5.
        Path file = new TestSafetensors()
                .filled("lora_te_text_model_encoder_layers_0_mlp_fc1.lora_down.weight", 0.1f, 2, 1024)
                .filled("lora_te_text_model_encoder_layers_0_mlp_fc1.lora_up.weight", 0.1f, 6, 2)
                .write(tmp.resolve("sd2-style.safetensors"));
        try (LoraFile lora = LoraFile.open(file); SafetensorsFile base = SafetensorsFile.open(DIR.resolve("lora-base.safetensors"))) {
            ModelException e = assertThrows(ModelException.class,
                    () -> LoraMerge.over(base::floats, base.tensors(), List.of(LoraUse.of(lora, 1))));
            assertTrue(e.getMessage().contains("'sd2-style'") && e.getMessage().contains("[6, 1024]")
                    && e.getMessage().contains("[6, 5]") && e.getMessage().contains("mlp_fc1"), e.getMessage());
        }
    }

    @Test
    void openClipFusedProjectionsTakeQkvRowBlocks(@TempDir Path tmp) throws Exception {
        // in_proj_weight stacks q, k, v: a LoRA on k_proj patches rows 2..3 of [6, 2] only.
        Path checkpoint = new TestSafetensors()
                .filled("cond_stage_model.model.transformer.resblocks.0.attn.in_proj_weight", 0f, 6, 2)
                .write(tmp.resolve("sd2.safetensors"));
        Path loraFile = new TestSafetensors()
                .f32("lora_te_text_model_encoder_layers_0_self_attn_k_proj.lora_down.weight", new long[]{1, 2}, 1f, 2f)
                .f32("lora_te_text_model_encoder_layers_0_self_attn_k_proj.lora_up.weight", new long[]{2, 1}, 3f, 5f)
                .write(tmp.resolve("k.safetensors"));
        try (SafetensorsFile base = SafetensorsFile.open(checkpoint); LoraFile lora = LoraFile.open(loraFile)) {
            float[] merged = LoraMerge.over(base::floats, base.tensors(), List.of(LoraUse.of(lora, 0.5)))
                    .values("cond_stage_model.model.transformer.resblocks.0.attn.in_proj_weight");
            // rank 1, no alpha: scale 0.5; up . down = [[3, 6], [5, 10]]
            assertArrayEquals(new float[]{0, 0, 0, 0, 1.5f, 3f, 2.5f, 5f}, Arrays.copyOf(merged, 8));
            assertArrayEquals(new float[]{0, 0, 0, 0}, Arrays.copyOfRange(merged, 8, 12));
        }
    }

    @Test
    void everyModuleOfTheFixtureLoraNamesACheckpointWeightOfItsShape() throws Exception {
        Path fixture = fixture();
        try (SafetensorsFile checkpoint = SafetensorsFile.open(fixture.resolve("tiny-sd1.safetensors"));
             LoraFile lora = LoraFile.open(fixture.resolve("loras/tiny-style.safetensors"))) {
            LoraTargets targets = LoraTargets.of(checkpoint.tensors());
            List<String> checked = new ArrayList<>();
            for (LoraModule module : lora.modules().values()) {
                LoraTarget target = targets.find(module.name()).orElseThrow(() -> new AssertionError(module.name()));
                TensorEntry weight = target.weight();
                assertArrayEquals(weight.shape(), module.impliedShape(), module.name() + " -> " + weight);
                checked.add(target.key());
            }
            assertEquals(141, checked.size());
            assertEquals(checked.size(), Set.copyOf(checked).size(), "two modules patch the same weight");
            assertTrue(checked.contains("model.diffusion_model.output_blocks.2.1.conv.weight"));
            assertTrue(checked.contains("cond_stage_model.transformer.text_model.encoder.layers.3.self_attn.out_proj.weight"));
            LoraMerge merge = LoraMerge.over(checkpoint::floats, checkpoint.tensors(), List.of(LoraUse.of(lora, 0.8)));
            assertEquals(Set.copyOf(checked), merge.patchedKeys());
        }
    }

    @Test
    void fixtureLoraFollowsTheReadmeFormula() throws Exception {
        // W' = W + M * (alpha / rank) * up @ down, for one 3x3 module, computed here from the stored tensors.
        Path fixture = fixture();
        String module = "lora_unet_down_blocks_0_resnets_0_conv1";
        String key = "model.diffusion_model.input_blocks.1.0.in_layers.2.weight";
        try (SafetensorsFile checkpoint = SafetensorsFile.open(fixture.resolve("tiny-sd1.safetensors"));
             SafetensorsFile raw = SafetensorsFile.open(fixture.resolve("loras/tiny-style.safetensors"));
             LoraFile lora = LoraFile.open(fixture.resolve("loras/tiny-style.safetensors"))) {
            float[] w = checkpoint.floats(key);
            float[] down = raw.floats(module + ".lora_down.weight");
            float[] up = raw.floats(module + ".lora_up.weight");
            double alpha = raw.floats(module + ".alpha")[0];
            int rank = (int) raw.require(module + ".lora_down.weight").dim(0);
            int n = down.length / rank;
            assertEquals(2.0, alpha);
            float[] merged = LoraMerge.over(checkpoint::floats, checkpoint.tensors(), List.of(LoraUse.of(lora, -0.5))).values(key);
            for (int o = 0; o < w.length / n; o++) {
                for (int j = 0; j < n; j++) {
                    double sum = 0;
                    for (int k = 0; k < rank; k++) {
                        sum += up[o * rank + k] * (double) down[k * n + j];
                    }
                    assertEquals(w[o * n + j] - 0.5 * alpha / rank * sum, merged[o * n + j], 1e-5);
                }
            }
        }
    }

    private static Path fixture() {
        String shared = System.getProperty("sandpaint.shared");
        Path dir = shared == null ? null : Path.of(shared, "fixtures/tiny-sd1-checkpoint");
        assumeTrue(dir != null && Files.isDirectory(dir), "../shared/fixtures/tiny-sd1-checkpoint is absent: skipped");
        return dir;
    }

    private static float maxDifference(float[] a, float[] b) {
        float max = 0;
        for (int i = 0; i < a.length; i++) {
            max = Math.max(max, Math.abs(a[i] - b[i]));
        }
        return max;
    }
}
