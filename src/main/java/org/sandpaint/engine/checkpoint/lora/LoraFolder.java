package org.sandpaint.engine.checkpoint.lora;

import org.sandpaint.engine.checkpoint.PickleFiles;
import org.sandpaint.engine.ModelException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The LoRA folder: {@code NAME.safetensors} anywhere below it answers {@code <lora:NAME:...>}, as in the
 * WebUI. Opening the prompt's LoRAs reports unknown names as warnings (the WebUI goes on without them) and
 * refuses pickle LoRAs and LoRAs that are not LoRAs with a message.
 */
public final class LoraFolder {

    private final Path dir;

    public LoraFolder(Path dir) {
        this.dir = dir;
    }

    public Path dir() {
        return dir;
    }

    /** The {@code .safetensors} file for a LoRA name, if there is one. */
    public Optional<Path> find(String name) throws ModelException {
        return files(name).stream().filter(p -> !PickleFiles.isPickle(p)).findFirst();
    }

    /**
     * Opens the requested LoRAs. A name with no file is left out with a warning; the caller closes the
     * returned files when the merge that uses them is no longer needed.
     */
    public List<LoraUse> open(List<LoraRequest> requests, List<String> warnings) throws ModelException {
        List<LoraUse> uses = new ArrayList<>();
        try {
            for (LoraRequest request : requests) {
                List<Path> files = files(request.name());
                Optional<Path> safetensors = files.stream().filter(p -> !PickleFiles.isPickle(p)).findFirst();
                if (safetensors.isPresent()) {
                    uses.add(new LoraUse(LoraFile.open(safetensors.get()), request.textEncoderWeight(), request.unetWeight()));
                } else if (!files.isEmpty()) {
                    throw new ModelException("The LoRA '" + request.name() + "' is a pickle file ("
                            + files.get(0).getFileName() + "), which can run code; Sandpaint does not load those. "
                            + "Use the .safetensors version of this LoRA.");
                } else {
                    warnings.add("LoRA not found: " + request.name() + " (no " + request.name()
                            + ".safetensors in " + dir + "); " + request.tag() + " was ignored.");
                }
            }
            return uses;
        } catch (ModelException | RuntimeException e) {
            uses.forEach(use -> use.lora().close());
            throw e;
        }
    }

    /** Files below the folder whose name without extension is {@code name}, LoRA-like extensions only. */
    private List<Path> files(String name) throws ModelException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(dir, FileVisitOption.FOLLOW_LINKS)) {
            return walk.filter(Files::isRegularFile)
                    .filter(p -> {
                        String file = p.getFileName().toString();
                        return file.equals(name + ".safetensors") || (PickleFiles.isPickle(p)
                                && file.substring(0, file.lastIndexOf('.')).equals(name));
                    })
                    .sorted()
                    .toList();
        } catch (IOException | UncheckedIOException e) {
            throw new ModelException("Cannot read the LoRA folder " + dir + ": " + e.getMessage(), e);
        }
    }
}
