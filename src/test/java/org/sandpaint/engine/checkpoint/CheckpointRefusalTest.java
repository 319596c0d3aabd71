package org.sandpaint.engine.checkpoint;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sandpaint.engine.Engine;
import org.sandpaint.engine.EngineOptions;
import org.sandpaint.engine.ModelInfo;
import org.sandpaint.engine.Device;
import org.sandpaint.engine.ModelException;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Files that are not usable SD 1.x/2.x checkpoints are refused with a message saying what they are. */
class CheckpointRefusalTest {

    @TempDir
    Path dir;

    private static final EngineOptions CPU = EngineOptions.defaults().withDevice(Device.CPU);

    private String refusal(Path file) {
        ModelException e = assertThrows(ModelException.class, () -> Engine.open(file, CPU).close());
        return e.getMessage();
    }

    @Test
    void aPickleCheckpointIsNeverRead() throws Exception {
        Path ckpt = Files.write(dir.resolve("model.ckpt"), new byte[]{(byte) 0x80, 2, 'c', 'o', 's'});
        String message = refusal(ckpt);
        assertTrue(message.contains("does not run pickle checkpoints") && message.contains(".safetensors version"),
                message);
    }

    @Test
    void aMissingCheckpointFileIsNamedAsSuch() {
        String message = refusal(dir.resolve("gone.safetensors"));
        assertTrue(message.contains("no checkpoint file") && message.contains("gone.safetensors"), message);
    }

    @Test
    void anSdxlCheckpointIsRefusedForNow() throws Exception {
        Path file = dir.resolve("sdxl.safetensors");
        Files.write(file, new SafetensorsWriter()
                .f32("conditioner.embedders.0.transformer.text_model.final_layer_norm.weight", new long[]{2}, 1, 1)
                .f32("model.diffusion_model.input_blocks.0.0.weight", new long[]{1}, 0).bytes());
        String message = refusal(file);
        assertTrue(message.contains("SDXL is not supported yet"), message);
    }

    @Test
    void anUnknownArchitectureIsRefused() throws Exception {
        Path file = dir.resolve("mystery.safetensors");
        Files.write(file, new SafetensorsWriter().f32("backbone.layer1.weight", new long[]{2}, 1, 2).bytes());
        String message = refusal(file);
        assertTrue(message.contains("mystery.safetensors") && message.contains("not a Stable Diffusion 1.x or 2.x"),
                message);
    }

    @Test
    void aLoraGivenAsTheModelIsNamedAsSuch() throws Exception {
        Path file = dir.resolve("style.safetensors");
        Files.write(file, new SafetensorsWriter()
                .f32("lora_unet_down_blocks_0_attentions_0_proj_in.lora_down.weight", new long[]{1, 2}, 1, 2).bytes());
        assertTrue(refusal(file).contains("is a LoRA"), refusal(file));
    }

    @Test
    void aTruncatedCheckpointIsRefused() throws Exception {
        Path source = TinySd1Cases.require().checkpoint();
        byte[] all = Files.readAllBytes(source);
        Path file = dir.resolve("cut.safetensors");
        Files.write(file, java.util.Arrays.copyOf(all, all.length / 2));
        String message = refusal(file);
        assertTrue(message.contains("cut.safetensors") && message.contains("not a usable .safetensors file"), message);
    }

    @Test
    void aConfigWithOtherSizesIsNamedInTheRefusal() throws Exception {
        TinySd1Cases fixture = TinySd1Cases.require();
        Path file = Files.copy(fixture.checkpoint(), dir.resolve("tiny.safetensors"));
        String yaml = Files.readString(fixture.dir().resolve("tiny-sd1.yaml"))
                .replace("model_channels: 32", "model_channels: 64");
        Files.writeString(dir.resolve("tiny.yaml"), yaml);
        String message = refusal(file);
        assertTrue(message.contains("tiny.yaml") && message.contains("model.diffusion_model."), message);
    }

    @Test
    void aConfigForAnotherFamilyIsRefused() throws Exception {
        TinySd1Cases fixture = TinySd1Cases.require();
        Path file = Files.copy(fixture.checkpoint(), dir.resolve("tiny.safetensors"));
        String yaml = Files.readString(fixture.dir().resolve("tiny-sd1.yaml"))
                .replace("FrozenCLIPEmbedder", "FrozenOpenCLIPEmbedder");
        Path config = Files.writeString(dir.resolve("other.yaml"), yaml);
        ModelException e = assertThrows(ModelException.class,
                () -> Engine.open(ModelInfo.check(file, config, null), CPU).close());
        assertTrue(e.getMessage().contains("SD 2.x") && e.getMessage().contains("other.yaml"), e.getMessage());
    }

    @Test
    void aConfigThatIsNotYamlIsRefused() throws Exception {
        TinySd1Cases fixture = TinySd1Cases.require();
        Path file = Files.copy(fixture.checkpoint(), dir.resolve("tiny.safetensors"));
        Files.writeString(dir.resolve("tiny.yaml"), "model: [unclosed\n  params: {");
        String message = refusal(file);
        assertTrue(message.contains("tiny.yaml") && message.contains("not valid YAML"), message);
    }
}
