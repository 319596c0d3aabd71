package org.sandpaint.engine.image;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OutputFilesTest {

    @TempDir
    Path dir;

    @Test
    void returnsWantedWhenFreeThenNumbersBeforeTheExtension() throws Exception {
        Path wanted = dir.resolve("cat.png");
        assertEquals(wanted, OutputFiles.unique(wanted));
        assertTrue(Files.exists(wanted), "the name is claimed by creating the file");
        assertEquals(dir.resolve("cat-1.png"), OutputFiles.unique(wanted));
        assertEquals(dir.resolve("cat-2.png"), OutputFiles.unique(wanted));
    }

    @Test
    void neverOverwritesExistingContent() throws Exception {
        Path wanted = dir.resolve("keep.png");
        Files.writeString(wanted, "precious");
        Files.writeString(dir.resolve("keep-1.png"), "also precious");
        assertEquals(dir.resolve("keep-2.png"), OutputFiles.unique(wanted));
        assertEquals("precious", Files.readString(wanted));
        assertEquals("also precious", Files.readString(dir.resolve("keep-1.png")));
    }

    @Test
    void namesWithoutExtensionOrWithSeveralDots() throws Exception {
        OutputFiles.unique(dir.resolve("notes"));
        assertEquals(dir.resolve("notes-1"), OutputFiles.unique(dir.resolve("notes")));
        OutputFiles.unique(dir.resolve(".hidden"));
        assertEquals(dir.resolve(".hidden-1"), OutputFiles.unique(dir.resolve(".hidden")));
        OutputFiles.unique(dir.resolve("a.b.png"));
        assertEquals(dir.resolve("a.b-1.png"), OutputFiles.unique(dir.resolve("a.b.png")));
    }

    @Test
    void createsMissingFolders() throws Exception {
        Path wanted = dir.resolve("2024-05-01/batch/img.png");
        assertEquals(wanted, OutputFiles.unique(wanted));
        assertTrue(Files.isRegularFile(wanted));
    }

    @Test
    void concurrentCallersAllGetDifferentFiles() throws Exception {
        int threads = 8;
        int perThread = 25;
        Path wanted = dir.resolve("race.png");
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<List<Path>>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                Callable<List<Path>> task = () -> {
                    start.await();
                    List<Path> got = new ArrayList<>();
                    for (int i = 0; i < perThread; i++) {
                        got.add(OutputFiles.unique(wanted));
                    }
                    return got;
                };
                futures.add(pool.submit(task));
            }
            start.countDown();
            Set<Path> all = new HashSet<>();
            int count = 0;
            for (Future<List<Path>> f : futures) {
                for (Path p : f.get()) {
                    all.add(p);
                    count++;
                }
            }
            assertEquals(threads * perThread, count);
            assertEquals(threads * perThread, all.size(), "every caller got its own file");
            try (var files = Files.list(dir)) {
                assertEquals(threads * perThread, files.count());
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
