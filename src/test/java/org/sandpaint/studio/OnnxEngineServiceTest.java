package org.sandpaint.studio;

import org.junit.jupiter.api.Test;
import org.sandpaint.engine.GenerationControl;
import org.sandpaint.engine.GenerationRequest;
import org.sandpaint.engine.ProgressListener;
import org.sandpaint.engine.Device;
import org.sandpaint.testing.TestModels;

import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The real engine service owns the engine's lifetime: nothing reaches an engine it has closed. */
class OnnxEngineServiceTest {

    private static <T> T get(CompletableFuture<T> future) throws Exception {
        return future.get(60, TimeUnit.SECONDS);
    }

    private static String failureOf(CompletableFuture<?> future) {
        ExecutionException e = assertThrows(ExecutionException.class, () -> future.get(60, TimeUnit.SECONDS));
        return e.getCause().getMessage();
    }

    private static GenerationRequest tinyJob() {
        return GenerationRequest.builder("a red circle").steps(2).size(64, 64).seed(1).build();
    }

    @Test
    void theTokenCounterNeverReachesAClosedEngine() throws Exception {
        Path tiny = TestModels.folder("tiny-optimum");
        OnnxEngineService service = new OnnxEngineService(null);
        assertEquals("0/75", service.tokenCounter("a red circle"), "no model yet");
        LoadedModel model = get(service.load(tiny, Device.CPU));
        assertEquals("tiny-optimum", model.name());
        assertEquals("3/75", service.tokenCounter("a red circle"));

        // Each reload closes the engine before it; the UI thread counts all the while.
        CompletableFuture<?> reloads = CompletableFuture.allOf(service.load(tiny, Device.CPU),
                service.load(tiny, Device.CPU), service.load(tiny, Device.CPU));
        int counted = 0;
        while (!reloads.isDone()) {
            assertEquals("3/75", service.tokenCounter("a red circle"));
            counted++;
        }
        get(reloads);
        assertTrue(counted > 0);

        service.close();
        assertEquals("0/75", service.tokenCounter("a red circle"), "after close the counter answers as without a model");
        assertTrue(failureOf(service.generate(tinyJob(), ProgressListener.NONE, new GenerationControl()))
                .contains("closing"));
        assertTrue(failureOf(service.load(tiny, Device.CPU)).contains("closing"));
    }

    @Test
    void aFolderThatFailsLeavesTheLoadedModelRunning() throws Exception {
        try (OnnxEngineService service = new OnnxEngineService(null)) {
            get(service.load(TestModels.folder("tiny-optimum"), Device.CPU));
            assertTrue(failureOf(service.load(Path.of("/nonexistent/model"), Device.CPU)).contains("does not exist"));
            assertEquals("3/75", service.tokenCounter("a red circle"));
            assertEquals(1, get(service.generate(tinyJob(), ProgressListener.NONE, new GenerationControl())).images().size());
        }
    }

    @Test
    void withoutAModelGenerateSaysWhatToDo() throws Exception {
        try (OnnxEngineService service = new OnnxEngineService(null)) {
            assertTrue(failureOf(service.generate(tinyJob(), ProgressListener.NONE, new GenerationControl()))
                    .contains("choose a model folder"));
        }
    }
}
