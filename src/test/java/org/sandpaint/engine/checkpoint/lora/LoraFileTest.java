package org.sandpaint.engine.checkpoint.lora;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sandpaint.engine.checkpoint.TestSafetensors;
import org.sandpaint.engine.ModelException;
import org.sandpaint.engine.text.LoraTags;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Which files are LoRAs Sandpaint merges, how tags read, and how the LoRA folder answers names. */
class LoraFileTest {

    @TempDir
    Path tmp;

    private String refusal(TestSafetensors file, String name) throws Exception {
        Path path = file.write(tmp.resolve(name + ".safetensors"));
        return assertThrows(ModelException.class, () -> LoraFile.open(path).close()).getMessage();
    }

    @Test
    void readsModulesRankAndAlpha() throws Exception {
        try (LoraFile lora = LoraFile.open(Path.of("src/test/models/tiny-networks/loras/merge-a.safetensors"))) {
            assertEquals("merge-a", lora.name());
            assertEquals(3, lora.modules().size());
            LoraModule conv = lora.modules().get("lora_unet_down_blocks_0_resnets_0_conv1");
            assertEquals(2, conv.rank());
            assertEquals(0.75, lora.scale(conv), 1e-9);
        }
        try (LoraFile lora = LoraFile.open(Path.of("src/test/models/tiny-networks/loras/merge-b.safetensors"))) {
            assertEquals(1.0, lora.scale(lora.modules().get("lora_unet_down_blocks_0_resnets_0_conv1")), "no alpha = rank");
        }
    }

    @Test
    void refusesSdxlLorasByKeysOrMetadata() throws Exception {
        assertTrue(refusal(new TestSafetensors().filled("lora_te1_text_model_encoder_layers_0_mlp_fc1.lora_down.weight", 0, 1, 2),
                "xl").contains("SDXL"));
        assertTrue(refusal(new TestSafetensors().metadata("ss_base_model_version", "sdxl_base_v1-0")
                .filled("lora_unet_a.lora_down.weight", 0, 1, 2), "xl2").contains("SDXL"));
    }

    @Test
    void refusesOtherNetworkKindsByName() throws Exception {
        assertTrue(refusal(new TestSafetensors().filled("lora_unet_a.hada_w1_a", 0, 1, 2), "loha").contains("LoHa"));
        assertTrue(refusal(new TestSafetensors().filled("lora_unet_a.lokr_w1", 0, 1, 2), "lokr").contains("LoKr"));
        assertTrue(refusal(new TestSafetensors().filled("unet.down_blocks.0.lora_A.weight", 0, 1, 2), "peft")
                .contains("kohya/WebUI format"));
    }

    @Test
    void refusesIncompleteAndInconsistentModules() throws Exception {
        assertTrue(refusal(new TestSafetensors().filled("lora_unet_a.lora_down.weight", 0, 2, 3), "half")
                .contains("lacks its lora_up"));
        assertTrue(refusal(new TestSafetensors().filled("lora_unet_a.lora_down.weight", 0, 2, 3)
                .filled("lora_unet_a.lora_up.weight", 0, 3, 4), "ranks").contains("rank-r update"));
        assertTrue(refusal(new TestSafetensors(), "empty").contains("no tensors"));
    }

    @Test
    void tagsGiveTextEncoderAndUnetMultipliersTheWebUiWay() {
        List<LoraRequest> requests = LoraRequest.fromTags(LoraTags.strip(
                "a <lora:one> b <lora:two:0.8> <lora:three:-0.5:0.25> <hypernet:x:1> <lora:four:1:te=0.3:unet=2>").tags());
        assertEquals(4, requests.size());
        assertEquals(new LoraRequest("one", 1, 1, "<lora:one>"), requests.get(0));
        assertEquals(new LoraRequest("two", 0.8, 0.8, "<lora:two:0.8>"), requests.get(1));
        assertEquals(new LoraRequest("three", -0.5, 0.25, "<lora:three:-0.5:0.25>"), requests.get(2));
        assertEquals(0.3, requests.get(3).textEncoderWeight());
        assertEquals(2, requests.get(3).unetWeight());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LoraRequest.fromTags(LoraTags.strip("<lora:x:strong>").tags()));
        assertTrue(e.getMessage().contains("<lora:x:strong>"), e.getMessage());
    }

    @Test
    void folderFindsNamesBelowItWarnsAboutUnknownOnesAndRefusesPickles() throws Exception {
        Files.createDirectories(tmp.resolve("loras/styles"));
        Files.copy(Path.of("src/test/models/tiny-networks/loras/merge-a.safetensors"), tmp.resolve("loras/styles/merge-a.safetensors"));
        Files.writeString(tmp.resolve("loras/old.pt"), "not read");
        LoraFolder folder = new LoraFolder(tmp.resolve("loras"));
        List<String> warnings = new ArrayList<>();
        List<LoraUse> uses = folder.open(LoraRequest.fromTags(LoraTags.strip("<lora:merge-a:0.5> <lora:missing:1>").tags()), warnings);
        try {
            assertEquals(1, uses.size());
            assertEquals("merge-a", uses.get(0).lora().name());
            assertEquals(0.5, uses.get(0).unetWeight());
            assertEquals(1, warnings.size());
            assertTrue(warnings.get(0).contains("missing") && warnings.get(0).contains("<lora:missing:1>"), warnings.get(0));
        } finally {
            uses.forEach(u -> u.lora().close());
        }
        ModelException e = assertThrows(ModelException.class,
                () -> folder.open(LoraRequest.fromTags(LoraTags.strip("<lora:old:1>").tags()), new ArrayList<>()));
        assertTrue(e.getMessage().contains("pickle") && e.getMessage().contains(".safetensors"), e.getMessage());
    }
}
