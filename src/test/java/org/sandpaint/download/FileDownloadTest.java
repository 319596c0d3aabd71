package org.sandpaint.download;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FileDownloadTest {

    private static final String REPO = "someone/tiny-model";

    @TempDir
    Path dir;
    private StandInHub hub;
    private byte[] weights;
    private byte[] config;

    @BeforeEach
    void startHub() throws IOException {
        weights = new byte[300_000];
        new Random(7).nextBytes(weights);
        config = "{\"_class_name\": \"UNet2DConditionModel\"}".getBytes();
        hub = new StandInHub().file(REPO, "unet/model.safetensors", weights, true)
                .file(REPO, "unet/config.json", config, false);
    }

    @AfterEach
    void stopHub() {
        hub.close();
    }

    private HubClient client(Optional<String> token) {
        return new HubClient(new Hub(hub.endpoint(), token));
    }

    private Path download(String file) throws DownloadException {
        return download(client(Optional.empty()), file, new ArrayList<>());
    }

    private Path download(HubClient client, String file, List<DownloadProgress> seen) throws DownloadException {
        FileDownload d = RepoDownload.plan(client, REPO, "main", List.of(file), dir).get(0);
        return d.run(seen::add, new AtomicBoolean());
    }

    @Test
    void downloadsAnLfsFileThroughTheRedirectAndVerifiesIt() throws Exception {
        List<DownloadProgress> seen = new ArrayList<>();
        Path file = download(client(Optional.empty()), "unet/model.safetensors", seen);
        assertEquals(dir.resolve("unet/model.safetensors").toAbsolutePath(), file);
        assertArrayEquals(weights, Files.readAllBytes(file));
        assertFalse(Files.exists(dir.resolve("unet/model.safetensors.part")));
        DownloadProgress last = seen.get(seen.size() - 1);
        assertEquals(weights.length, last.done());
        assertEquals(weights.length, last.total());
        assertEquals(1.0, last.fraction());
    }

    @Test
    void verifiesASmallGitFileByItsBlobId() throws Exception {
        assertArrayEquals(config, Files.readAllBytes(download("unet/config.json")));
    }

    @Test
    void resumesWithARangeWhenTheConnectionDropsMidFile() throws Exception {
        hub.drops.put("unet/model.safetensors", new AtomicInteger(2));
        Path file = download("unet/model.safetensors");
        assertArrayEquals(weights, Files.readAllBytes(file));
        assertEquals(2, hub.ranges.size(), "two resumed requests: " + hub.ranges);
        assertTrue(hub.ranges.get(0).startsWith("bytes=" + weights.length / 2), hub.ranges.toString());
    }

    @Test
    void givesUpAfterTooManyDropsAndKeepsThePartForTheNextRun() throws Exception {
        hub.drops.put("unet/model.safetensors", new AtomicInteger(RepoDownload.ATTEMPTS));
        DownloadException e = assertThrows(DownloadException.class, () -> download("unet/model.safetensors"));
        assertTrue(e.getMessage().contains("resumes"), e.getMessage());
        assertFalse(Files.exists(dir.resolve("unet/model.safetensors")));
        Path part = dir.resolve("unet/model.safetensors.part");
        long kept = Files.size(part);
        assertTrue(kept > 0 && kept < weights.length, "kept " + kept);
        // The next run asks only for what is missing.
        hub.ranges.clear();
        Path file = download("unet/model.safetensors");
        assertArrayEquals(weights, Files.readAllBytes(file));
        assertEquals(List.of("bytes=" + kept + "-"), hub.ranges);
    }

    @Test
    void aPlainAddressThatHonoursRangesGetsItsSizeFromTheContentRange() throws Exception {
        URI storage = URI.create("http://localhost:" + hub.endpoint().getPort()
                + "/storage/someone--tiny-model/unet/model.safetensors");
        FileDownload d = UrlDownload.plan(storage, dir, Optional.empty());
        assertEquals(weights.length, d.file().size());
        assertEquals(List.of("bytes=0-0"), hub.ranges);
        assertArrayEquals(weights, Files.readAllBytes(d.run(p -> { }, new AtomicBoolean())));
    }

    @Test
    void aWrongChecksumLeavesNothingUnderTheFinalName() throws Exception {
        hub.damagedFile(REPO, "unet/model.safetensors", weights);
        DownloadException e = assertThrows(DownloadException.class, () -> download("unet/model.safetensors"));
        assertTrue(e.getMessage().contains("damaged"), e.getMessage());
        assertFalse(Files.exists(dir.resolve("unet/model.safetensors")));
        assertFalse(Files.exists(dir.resolve("unet/model.safetensors.part")));
    }

    @Test
    void theTokenGoesToTheHubButNotToTheStorageHost() throws Exception {
        download(client(Optional.of("hf_secret")), "unet/model.safetensors", new ArrayList<>());
        assertTrue(hub.hubAuthorization.contains("Bearer hf_secret"), hub.hubAuthorization.toString());
        assertEquals(List.of("null"), hub.storageAuthorization);
    }

    @Test
    void aGatedRepositoryAsksForAToken() {
        hub.gated.add(REPO);
        DownloadException e = assertThrows(DownloadException.class, () -> download("unet/model.safetensors"));
        assertTrue(e.getMessage().contains("gated") && e.getMessage().contains("token"), e.getMessage());
    }

    @Test
    void anUnknownRepositoryOrFileIsNamed() {
        DownloadException repo = assertThrows(DownloadException.class,
                () -> client(Optional.empty()).files("nobody/nothing", "main"));
        assertTrue(repo.getMessage().contains("nobody/nothing"), repo.getMessage());
        DownloadException file = assertThrows(DownloadException.class, () -> download("unet/missing.onnx"));
        assertTrue(file.getMessage().contains("unet/missing.onnx") && file.getMessage().contains("It has"),
                file.getMessage());
        HubFile ghost = new HubFile("ghost.bin", 10, Optional.empty(), Optional.empty());
        DownloadException notFound = assertThrows(DownloadException.class, () -> new FileDownload(
                client(Optional.empty()).source(REPO, "main", ghost), ghost, dir.resolve("ghost.bin"), 1).run(p -> { }, new AtomicBoolean()));
        assertTrue(notFound.getMessage().contains("There is no ghost.bin"), notFound.getMessage());
    }

    @Test
    void anUnreachableHubSaysSo() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        HubClient nowhere = new HubClient(new Hub(URI.create("http://127.0.0.1:" + port), Optional.empty()));
        DownloadException e = assertThrows(DownloadException.class, () -> nowhere.files(REPO, "main"));
        assertTrue(e.getMessage().contains("Cannot reach"), e.getMessage());
    }

    @Test
    void cancellingKeepsThePartAndNoFinalFile() {
        HubFile file = new HubFile("unet/model.safetensors", weights.length, Optional.of(StandInHub.sha256(weights)),
                Optional.empty());
        FileDownload d = new FileDownload(client(Optional.empty()).source(REPO, "main", file), file,
                dir.resolve("model.safetensors"), 1);
        AtomicBoolean cancel = new AtomicBoolean(true);
        DownloadException e = assertThrows(DownloadException.class, () -> d.run(p -> { }, cancel));
        assertTrue(e.getMessage().contains("cancelled"), e.getMessage());
        assertFalse(Files.exists(dir.resolve("model.safetensors")));
    }

    @Test
    void refusesWhenTheDiskIsTooSmall() {
        HubFile huge = new HubFile("unet/model.safetensors", Long.MAX_VALUE / 4, Optional.empty(), Optional.empty());
        DownloadException e = assertThrows(DownloadException.class, () -> new FileDownload(
                client(Optional.empty()).source(REPO, "main", huge), huge, dir.resolve("big.safetensors"), 1).run(p -> { }, new AtomicBoolean()));
        assertTrue(e.getMessage().contains("free space"), e.getMessage());
    }

    @Test
    void aFileNameThatLeavesTheFolderIsRefused() {
        assertThrows(DownloadException.class, () -> RepoDownload.inside(dir, "../evil.sh"));
        assertThrows(DownloadException.class, () -> RepoDownload.inside(dir, "/etc/passwd"));
        assertThrows(DownloadException.class, () -> HubClient.checkRepoId("../x"));
        assertThrows(DownloadException.class, () -> HubClient.checkRepoId("a/b/c"));
    }

    @Test
    void anExistingDifferentFileIsNotOverwritten() throws Exception {
        Path target = dir.resolve("unet/model.safetensors");
        Files.createDirectories(target.getParent());
        Files.write(target, new byte[]{9, 9, 9});
        DownloadException e = assertThrows(DownloadException.class, () -> download("unet/model.safetensors"));
        assertTrue(e.getMessage().contains("already exists"), e.getMessage());
        assertArrayEquals(new byte[]{9, 9, 9}, Files.readAllBytes(target));
    }

    @Test
    void theQueueRunsEveryDownload() throws Exception {
        List<FileDownload> all = RepoDownload.plan(client(Optional.empty()), REPO, "main", List.of(), dir);
        assertEquals(2, all.size());
        try (DownloadQueue queue = new DownloadQueue(2)) {
            List<DownloadQueue.Job> jobs = all.stream().map(d -> queue.submit(d, p -> { })).toList();
            for (DownloadQueue.Job job : jobs) {
                assertTrue(Files.isRegularFile(job.result().get()));
            }
        }
        assertArrayEquals(config, Files.readAllBytes(dir.resolve("unet/config.json")));
    }
}
