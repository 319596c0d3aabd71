package org.sandpaint.engine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Where the user's models live: checkpoints (single {@code .safetensors} files and model folders), LoRAs,
 * embeddings and VAEs. Either Sandpaint's own models home ({@code checkpoints/}, {@code loras/},
 * {@code embeddings/}, {@code vae/} in a folder the front end chooses, usually in the user's data folder) or
 * an existing Stable Diffusion WebUI installation's folders, used as they are.
 *
 * <p>Listing never fails: a missing folder lists nothing, an unreadable one is skipped. Pickle files
 * ({@code .ckpt}, {@code .pt} checkpoints and LoRAs) are not listed, since they are not loaded; {@code .pt}
 * embeddings are, since they are read safely.
 */
public record ModelsHome(Path checkpoints, Path loras, Path embeddings, Path vae) {

    /** A model found in the home: its name as the user calls it, and where it is. */
    public record Item(String name, Path path) {
    }

    /** Sandpaint's own layout under {@code home}. */
    public static ModelsHome sandpaint(Path home) {
        return new ModelsHome(home.resolve("checkpoints"), home.resolve("loras"), home.resolve("embeddings"),
                home.resolve("vae"));
    }

    /**
     * An existing WebUI installation's folders ({@code models/Stable-diffusion}, {@code models/Lora},
     * {@code embeddings}, {@code models/VAE}).
     *
     * @throws IllegalArgumentException when the folder has no {@code models/} folder, with a message for the user
     */
    public static ModelsHome webUi(Path installation) {
        if (!Files.isDirectory(installation.resolve("models"))) {
            throw new IllegalArgumentException(installation + " does not look like a Stable Diffusion WebUI folder: it "
                    + "has no models/ folder. Choose the folder that contains models/ and embeddings/.");
        }
        Path models = installation.resolve("models");
        return new ModelsHome(models.resolve("Stable-diffusion"), models.resolve("Lora"),
                installation.resolve("embeddings"), models.resolve("VAE"));
    }

    /** Creates the folders that do not exist yet (for Sandpaint's own home). */
    public void create() throws IOException {
        for (Path dir : List.of(checkpoints, loras, embeddings, vae)) {
            Files.createDirectories(dir);
        }
    }

    /**
     * Checkpoint files ({@code .safetensors}, not {@code *.vae.safetensors}) and model folders (ONNX or
     * diffusers: a folder with {@code model_index.json} or {@code unet/model.onnx}), named by their path
     * inside the checkpoints folder, as the WebUI's checkpoint list does.
     */
    public List<Item> listCheckpoints() {
        List<Item> items = new ArrayList<>();
        collectCheckpoints(checkpoints, items);
        items.sort(Comparator.comparing(item -> item.name().toLowerCase(Locale.ROOT)));
        return items;
    }

    /** LoRA files, named by file name without extension (what {@code <lora:NAME:1>} uses). */
    public List<Item> listLoras() {
        return files(loras, ".safetensors");
    }

    /** Embedding files, named by file name without extension (the word that calls them in a prompt). */
    public List<Item> listEmbeddings() {
        return files(embeddings, ".safetensors", ".pt", ".bin");
    }

    /** VAE files: those in the VAE folder and {@code *.vae.safetensors} beside the checkpoints. */
    public List<Item> listVaes() {
        List<Item> items = new ArrayList<>(files(vae, ".safetensors"));
        for (Item item : files(checkpoints, ".vae.safetensors")) {
            items.add(new Item(item.path().getFileName().toString(), item.path()));
        }
        return items;
    }

    private void collectCheckpoints(Path dir, List<Item> items) {
        for (Path child : children(dir)) {
            if (Files.isDirectory(child)) {
                if (Files.isRegularFile(child.resolve("model_index.json")) || Files.isRegularFile(child.resolve("unet/model.onnx"))) {
                    items.add(new Item(relative(child), child));
                } else {
                    collectCheckpoints(child, items);
                }
            } else {
                String name = child.getFileName().toString().toLowerCase(Locale.ROOT);
                if (name.endsWith(".safetensors") && !name.endsWith(".vae.safetensors")) {
                    items.add(new Item(relative(child), child));
                }
            }
        }
    }

    private String relative(Path path) {
        return checkpoints.relativize(path).toString().replace('\\', '/');
    }

    private static List<Item> files(Path dir, String... suffixes) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile)
                    .filter(p -> hasSuffix(p, suffixes))
                    .map(p -> new Item(stem(p.getFileName().toString()), p))
                    .sorted(Comparator.comparing((Item item) -> item.name().toLowerCase(Locale.ROOT)))
                    .toList();
        } catch (IOException | java.io.UncheckedIOException e) {
            return List.of();
        }
    }

    private static List<Path> children(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> list = Files.list(dir)) {
            return list.sorted().toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    private static boolean hasSuffix(Path file, String... suffixes) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        for (String suffix : suffixes) {
            if (name.endsWith(suffix)) {
                return true;
            }
        }
        return false;
    }

    private static String stem(String fileName) {
        int dot = fileName.lastIndexOf('.');
        return dot <= 0 ? fileName : fileName.substring(0, dot);
    }
}
