package org.sandpaint.studio;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sandpaint.download.CatalogEntry;
import org.sandpaint.download.SavedToken;
import org.sandpaint.download.StandInHubAccess;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The downloads window's view model against a stand-in hub on a loopback port, without a window. */
class DownloadsViewModelTest {

    @TempDir
    Path dir;

    private DownloadsViewModel viewModel(Map<String, String> env, BlockingQueue<Path> downloaded) {
        return new DownloadsViewModel(env, new SavedToken(dir.resolve("data/hf-token")), dir.resolve("checkpoints"),
                dir.resolve("vae"), Runnable::run, downloaded::add);
    }

    @Test
    void downloadsATypedRepositoryFileIntoTheCheckpointsFolder() throws Exception {
        byte[] weights = new byte[150_000];
        new Random(5).nextBytes(weights);
        BlockingQueue<Path> downloaded = new ArrayBlockingQueue<>(4);
        try (var hub = StandInHubAccess.with("someone/model", "model.safetensors", weights);
             DownloadsViewModel vm = viewModel(Map.of("HF_ENDPOINT", hub.endpoint().toString()), downloaded)) {
            vm.repoProperty().set("someone/model");
            vm.filesProperty().set("model.safetensors");
            vm.downloadTyped().join();
            Path file = downloaded.poll(30, TimeUnit.SECONDS);
            assertEquals(dir.resolve("checkpoints/model.safetensors").toAbsolutePath(), file);
            assertArrayEquals(weights, Files.readAllBytes(file));
            DownloadJobViewModel row = vm.jobs().get(0);
            assertFalse(row.runningProperty().get());
            assertEquals(1.0, row.progressProperty().get());
            assertTrue(row.statusProperty().get().startsWith("Verified"), row.statusProperty().get());
        }
    }

    @Test
    void aMistypedRepositoryIsExplainedAndNothingIsQueued() throws Exception {
        try (var hub = StandInHubAccess.with("someone/model", "model.safetensors", new byte[10]);
             DownloadsViewModel vm = viewModel(Map.of("HF_ENDPOINT", hub.endpoint().toString()), new ArrayBlockingQueue<>(1))) {
            vm.repoProperty().set("someone/modle");
            vm.downloadTyped().join();
            assertTrue(vm.messageProperty().get().contains("someone/modle"), vm.messageProperty().get());
            assertTrue(vm.jobs().isEmpty());
            vm.urlProperty().set("ftp://example.org/model.safetensors");
            vm.downloadUrl().join();
            assertTrue(vm.messageProperty().get().contains("not a web address"), vm.messageProperty().get());
            vm.repoProperty().set("not a repo");
            vm.downloadTyped().join();
            assertTrue(vm.messageProperty().get().contains("not a Hugging Face repository id"), vm.messageProperty().get());
        }
    }

    @Test
    void theTokenIsSavedReadableOnlyByTheUserAndCanBeForgotten() throws Exception {
        try (DownloadsViewModel vm = viewModel(Map.of(), new ArrayBlockingQueue<>(1))) {
            vm.tokenProperty().set("hf_abc");
            vm.saveToken();
            Path file = dir.resolve("data/hf-token");
            assertEquals("hf_abc", Files.readString(file));
            if (Files.getFileStore(file).supportsFileAttributeView("posix")) {
                assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
            }
            vm.tokenProperty().set("");
            vm.saveToken();
            assertFalse(Files.exists(file));
        }
    }

    @Test
    void theCatalogueListsWellKnownModelsWithSizeAndLicence() throws Exception {
        try (DownloadsViewModel vm = viewModel(Map.of(), new ArrayBlockingQueue<>(1))) {
            assertTrue(vm.catalog().size() >= 8);
            for (CatalogEntry entry : vm.catalog()) {
                assertTrue(entry.bytes() > 100_000_000, entry.name());
                assertFalse(entry.licence().isBlank(), entry.name());
                assertTrue(entry.files().stream().allMatch(f -> f.endsWith(".safetensors")), entry.name());
                assertTrue(DownloadsViewModel.details(entry).matches("about [0-9.]+ (GB|MB) .*"), DownloadsViewModel.details(entry));
            }
        }
    }
}
