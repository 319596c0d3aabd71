package org.sandpaint.studio;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * MVVM as JabRef keeps it: view models hold properties, checks and actions, and never touch controls
 * (no javafx.scene), so they run in tests without a window. Views build and bind.
 */
class ViewModelLayerTest {

    private static final Path STUDIO = Path.of("src/main/java/org/sandpaint/studio");

    /** The classes that hold state and actions; everything a view needs of them is a property or a method. */
    private static final List<String> VIEW_MODELS = List.of("StudioViewModel", "ParametersViewModel",
            "ModelViewModel", "JobsViewModel", "HistoryViewModel", "SourceViewModel", "SettingsMapper", "PngRestore",
            "StatusLine", "FieldCheck", "EngineService", "OnnxEngineService", "LoadedModel", "History",
            "StudioSettings", "JsonFiles", "Mode", "DownloadsViewModel", "DownloadJobViewModel");

    @Test
    void viewModelsNeverImportControls() throws IOException {
        for (String name : VIEW_MODELS) {
            String source = Files.readString(STUDIO.resolve(name + ".java"));
            assertTrue(!source.contains("javafx.scene") && !source.contains("javafx.stage"),
                    name + " uses controls; move that into a view class");
        }
    }

    @Test
    void everyStudioClassIsAViewModelOrAView() throws IOException {
        try (Stream<Path> files = Files.list(STUDIO)) {
            long unlisted = files.map(f -> f.getFileName().toString().replace(".java", ""))
                    .filter(name -> !VIEW_MODELS.contains(name))
                    .filter(name -> {
                        try {
                            return !Files.readString(STUDIO.resolve(name + ".java")).contains("import javafx.scene");
                        } catch (IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                    })
                    .filter(name -> !name.equals("MaskPainter")) // plain AWT: the brush's pixels
                    .count();
            assertEquals(0, unlisted, "a new class without controls belongs in VIEW_MODELS (and is checked there)");
        }
    }
}
