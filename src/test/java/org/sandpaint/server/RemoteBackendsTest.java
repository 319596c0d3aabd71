package org.sandpaint.server;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.sandpaint.cli.SandpaintCli;
import org.sandpaint.engine.Engine;
import org.sandpaint.engine.EngineOptions;
import org.sandpaint.engine.GeneratedImage;
import org.sandpaint.engine.GenerationRequest;
import org.sandpaint.engine.image.PngText;
import org.sandpaint.engine.Device;
import org.sandpaint.engine.Sampler;
import org.sandpaint.testing.TestModels;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Two `sandpaint serve` processes as back ends: jobs spread over both, and survive one being killed. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RemoteBackendsTest {

    private static Engine local;
    private static ServeProcess first;
    private static ServeProcess second;

    @BeforeAll
    static void start() throws Exception {
        Path model = TestModels.folder("tiny-optimum");
        local = Engine.open(model, EngineOptions.defaults().withDevice(Device.CPU));
        first = ServeProcess.start(model);
        second = ServeProcess.start(model);
    }

    @AfterAll
    static void stop() throws Exception {
        for (AutoCloseable c : new AutoCloseable[] {first, second, local}) {
            if (c != null) {
                c.close();
            }
        }
    }

    private static RemoteQueue queue(List<String> log) {
        return new RemoteQueue(List.of(new RemoteBackend(URI.create(first.url()), null),
                new RemoteBackend(URI.create(second.url() + "/"), null)), log::add);
    }

    private static GenerationRequest job(long seed, int steps, int batchCount) {
        return GenerationRequest.builder("a blue square").negativePrompt("red").seed(seed).steps(steps)
                .sampler(Sampler.DPMPP_2M_KARRAS).clipSkip(2).size(64, 72).batchSize(2).batchCount(batchCount).build();
    }

    private static int[] pixels(BufferedImage image) {
        return image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
    }

    private static void assertSameAsLocal(GenerationRequest request, List<GeneratedImage> remote) throws Exception {
        List<GeneratedImage> expected = local.generate(request, null, null).images();
        assertEquals(expected.size(), remote.size());
        for (int i = 0; i < expected.size(); i++) {
            assertEquals(expected.get(i).seed(), remote.get(i).seed());
            assertArrayEquals(pixels(expected.get(i).image()), pixels(remote.get(i).image()), "picture " + i);
            assertEquals(expected.get(i).infotext(), remote.get(i).infotext());
        }
    }

    @Test
    @Order(1)
    void aJobSpreadsOverBothAndEqualsTheLocalPictures() throws Exception {
        List<String> log = Collections.synchronizedList(new ArrayList<>());
        GenerationRequest request = job(500, 4, 6);
        List<GeneratedImage> images = queue(log).generate(request);
        assertSameAsLocal(request, images);
        assertTrue(log.stream().anyMatch(l -> l.contains(first.url())), log.toString());
        assertTrue(log.stream().anyMatch(l -> l.contains(second.url())), log.toString());
    }

    @Test
    @Order(2)
    void generateCommandWritesTheRemotePicturesWithTheirParameters(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("remote.png");
        int code = SandpaintCli.execute("generate", "--backend", first.url(), "--backend", second.url(),
                "--prompt", "a blue square", "--negative", "red", "--seed", "7", "--steps", "3", "--sampler",
                "dpmpp_2m_karras", "--clip-skip", "2", "--width", "64", "--height", "72", "--batch-size", "2",
                "--batch-count", "2", "--out", out.toString(), "--quiet");
        assertEquals(0, code);
        List<GeneratedImage> expected = local.generate(job(7, 3, 2), null, null).images();
        List<Path> written = List.of(out, dir.resolve("remote-1.png"), dir.resolve("remote-2.png"), dir.resolve("remote-3.png"));
        for (int i = 0; i < 4; i++) {
            assertArrayEquals(pixels(expected.get(i).image()), pixels(ImageIO.read(written.get(i).toFile())), "file " + i);
            assertEquals(expected.get(i).infotext().format(), PngText.read(written.get(i)).get("parameters"));
        }
        assertTrue(Files.notExists(dir.resolve("remote-4.png")));
    }

    @Test
    @Order(3)
    void aRequestTheServerRefusesIsNotRetriedElsewhere() {
        GenerationRequest tooWide = GenerationRequest.builder("x").seed(1).steps(2).size(4096, 64).build();
        IOException e = assertThrows(IOException.class, () -> queue(new ArrayList<>()).generate(tooWide));
        assertTrue(e instanceof RemoteBackend.Refused && e.getMessage().contains("422"), e.getMessage());
    }

    @Test
    @Order(4)
    void anInterruptedBatchIsAFailureNotAPicture() throws Exception {
        RemoteBackend backend = new RemoteBackend(URI.create(first.url()), null);
        CompletableFuture<Exception> outcome = CompletableFuture.supplyAsync(() -> {
            try {
                backend.generate(job(3, 1000, 1).toBuilder().seed(3).build());
                return null;
            } catch (Exception e) {
                return e;
            }
        });
        ApiClient client = new ApiClient(first.port(), null);
        while (client.get("/sdapi/v1/progress").json().get("state").get("sampling_step").asInt() < 5) {
            Thread.sleep(5);
        }
        client.post("/sdapi/v1/interrupt", "");
        Exception e = outcome.get();
        assertTrue(e instanceof IOException && e.getMessage().contains("interrupted"), String.valueOf(e));
    }

    @Test
    @Order(5)
    void aBackEndThatFreezesMidJobIsGivenUpAndLosesNothing() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/bin/kill")), "Skipped: freezing a process needs kill -STOP");
        try (ServeProcess third = ServeProcess.start(TestModels.folder("tiny-optimum"))) {
            List<String> log = Collections.synchronizedList(new ArrayList<>());
            Duration silence = Duration.ofSeconds(2); // short for the test; a loaded CI machine still answers in time
            RemoteQueue queue = new RemoteQueue(List.of(new RemoteBackend(URI.create(first.url()), null, silence),
                    new RemoteBackend(URI.create(third.url()), null, silence)), log::add);
            GenerationRequest request = job(700, 150, 4);
            CompletableFuture<List<GeneratedImage>> result = CompletableFuture.supplyAsync(() -> {
                try {
                    return queue.generate(request);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            awaitBusy(new ApiClient(third.port(), null));
            third.freeze();
            try {
                assertSameAsLocal(request, result.get());
                assertTrue(log.stream().anyMatch(l -> l.contains(third.url()) && l.contains("stopped answering")),
                        log.toString());
            } finally {
                third.resume();
            }
        }
    }

    @Test
    @Order(6)
    void killingABackEndMidJobLosesNothing() throws Exception {
        List<String> log = Collections.synchronizedList(new ArrayList<>());
        GenerationRequest request = job(900, 150, 6);
        CompletableFuture<List<GeneratedImage>> result = CompletableFuture.supplyAsync(() -> {
            try {
                return queue(log).generate(request);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        awaitBusy(new ApiClient(second.port(), null));
        second.kill();
        assertSameAsLocal(request, result.get());
        assertTrue(log.stream().anyMatch(l -> l.contains(second.url()) && l.contains("failed")), log.toString());
    }

    /** Waits until the back end is some steps into a batch. */
    private static void awaitBusy(ApiClient backend) throws InterruptedException {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (backend.get("/sdapi/v1/progress").json().get("state").get("sampling_step").asInt() <= 10) {
            assertTrue(System.nanoTime() < deadline, "the back end never started a batch");
            Thread.sleep(5);
        }
    }
}
