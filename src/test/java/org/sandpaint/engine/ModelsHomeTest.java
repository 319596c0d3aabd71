package org.sandpaint.engine;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ModelsHomeTest {

    @TempDir
    Path tmp;

    private static Path touch(Path file) throws Exception {
        Files.createDirectories(file.getParent());
        return Files.writeString(file, "");
    }

    private static List<String> names(List<ModelsHome.Item> items) {
        return items.stream().map(ModelsHome.Item::name).toList();
    }

    @Test
    void sandpaintsOwnHomeListsEachKind() throws Exception {
        ModelsHome home = ModelsHome.sandpaint(tmp.resolve("models"));
        assertEquals(List.of(), home.listCheckpoints());
        home.create();
        touch(home.checkpoints().resolve("dream.safetensors"));
        touch(home.checkpoints().resolve("dream.vae.safetensors"));
        touch(home.checkpoints().resolve("old.ckpt"));
        touch(home.checkpoints().resolve("anime/Counterfeit.safetensors"));
        touch(home.checkpoints().resolve("onnx-sd15/unet/model.onnx"));
        touch(home.checkpoints().resolve("onnx-sd15/unet/weights.safetensors"));
        touch(home.checkpoints().resolve("diffusers-sd2/model_index.json"));
        touch(home.loras().resolve("styles/ink.safetensors"));
        touch(home.loras().resolve("old.pt"));
        touch(home.embeddings().resolve("badhands.pt"));
        touch(home.embeddings().resolve("tinyemb.safetensors"));
        touch(home.embeddings().resolve("readme.txt"));
        touch(home.vae().resolve("kl-f8.safetensors"));

        assertEquals(List.of("anime/Counterfeit.safetensors", "diffusers-sd2", "dream.safetensors", "onnx-sd15"),
                names(home.listCheckpoints()));
        assertEquals(home.checkpoints().resolve("onnx-sd15"), home.listCheckpoints().get(3).path());
        assertEquals(List.of("ink"), names(home.listLoras()));
        assertEquals(List.of("badhands", "tinyemb"), names(home.listEmbeddings()));
        assertEquals(List.of("kl-f8", "dream.vae.safetensors"), names(home.listVaes()));
    }

    @Test
    void aWebUiInstallationIsUsedAsItIs() throws Exception {
        Path webui = tmp.resolve("stable-diffusion-webui");
        touch(webui.resolve("models/Stable-diffusion/v1-5-pruned-emaonly.safetensors"));
        touch(webui.resolve("models/Lora/detail.safetensors"));
        touch(webui.resolve("embeddings/easynegative.safetensors"));
        touch(webui.resolve("models/VAE/vae-ft-mse.safetensors"));
        ModelsHome home = ModelsHome.webUi(webui);
        assertEquals(webui.resolve("models/Stable-diffusion"), home.checkpoints());
        assertEquals(List.of("v1-5-pruned-emaonly.safetensors"), names(home.listCheckpoints()));
        assertEquals(List.of("detail"), names(home.listLoras()));
        assertEquals(List.of("easynegative"), names(home.listEmbeddings()));
        assertEquals(List.of("vae-ft-mse"), names(home.listVaes()));
    }

    @Test
    void aFolderThatIsNoWebUiIsRefusedWithAMessage() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ModelsHome.webUi(tmp));
        assertTrue(e.getMessage().contains("models/"), e.getMessage());
    }
}
