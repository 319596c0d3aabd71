package org.sandpaint.engine.checkpoint.vae;

import org.sandpaint.engine.checkpoint.PickleFiles;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Finds the VAE file for a checkpoint the way the WebUI's {@code sd_vae.resolve_vae} does for "Automatic":
 * among the VAEs it knows (files named {@code *.vae.safetensors} beside the checkpoint, any VAE file in
 * the VAE folder), the first whose file name starts with the checkpoint's name; {@code NAME.vae.safetensors}
 * right beside it is looked at first. Pickle VAEs ({@code .vae.pt}, {@code .vae.ckpt}) are not loaded:
 * one that would have been chosen gives a warning and the checkpoint's own VAE is used.
 */
public final class VaeResolver {

    /**
     * @param file     the VAE file to load, empty for the checkpoint's own
     * @param source   how it was found, for the log ("chosen", "found near the checkpoint", ...)
     * @param warnings things the user should know (a pickle VAE that was passed over)
     */
    public record Resolution(Optional<Path> file, String source, List<String> warnings) {
        public Resolution {
            warnings = List.copyOf(warnings);
        }
    }

    private VaeResolver() {
    }

    /** @param vaeDir the VAE folder of the models home, or null */
    public static Resolution resolve(VaeChoice choice, Path checkpoint, Path vaeDir) {
        switch (choice.kind()) {
            case FILE:
                return new Resolution(Optional.of(choice.file()), "chosen", List.of());
            case MODELS_OWN:
                return new Resolution(Optional.empty(), "the model's own", List.of());
            default:
                break;
        }
        String stem = stem(checkpoint.getFileName().toString());
        List<Path> candidates = new ArrayList<>();
        Path beside = checkpoint.resolveSibling(stem + ".vae.safetensors");
        if (Files.isRegularFile(beside)) {
            candidates.add(beside);
        }
        candidates.addAll(list(checkpoint.toAbsolutePath().getParent(), 1, true));
        if (vaeDir != null) {
            candidates.addAll(list(vaeDir, Integer.MAX_VALUE, false));
        }
        List<String> warnings = new ArrayList<>();
        for (Path candidate : candidates) {
            if (!candidate.getFileName().toString().startsWith(stem)) {
                continue;
            }
            if (PickleFiles.isPickle(candidate)) {
                warnings.add("The VAE " + candidate.getFileName() + " matches the model's name but is a pickle file, "
                        + "which can run code; Sandpaint does not load it and uses the model's own VAE. Use the "
                        + ".safetensors version of this VAE.");
                continue;
            }
            return new Resolution(Optional.of(candidate), "found near the checkpoint", warnings);
        }
        return new Resolution(Optional.empty(), "the model's own", warnings);
    }

    private static List<Path> list(Path dir, int depth, boolean vaeSuffixOnly) {
        if (dir == null || !Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(dir, depth, FileVisitOption.FOLLOW_LINKS)) {
            return walk.filter(Files::isRegularFile).filter(p -> isVaeName(p, vaeSuffixOnly)).sorted().toList();
        } catch (IOException | UncheckedIOException e) {
            return List.of(); // an unreadable folder offers no VAE; the model's own is used
        }
    }

    private static boolean isVaeName(Path file, boolean vaeSuffixOnly) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        String suffix = vaeSuffixOnly ? ".vae" : "";
        return name.endsWith(suffix + ".safetensors") || name.endsWith(suffix + ".pt") || name.endsWith(suffix + ".ckpt");
    }

    private static String stem(String fileName) {
        int dot = fileName.lastIndexOf('.');
        return dot <= 0 ? fileName : fileName.substring(0, dot);
    }
}
