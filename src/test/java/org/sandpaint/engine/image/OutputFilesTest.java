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

    /** A full disk mid-write: the old file stays as it was and no temporary file is left behind. */
    @Test
    void failedWriteKeepsTheOldFileAndLeavesNoDebris() throws Exception {
        Path file = dir.resolve("old.png");
        Files.writeString(file, "the old picture");
        java.io.IOException full = new java.io.IOException("No space left on device");
        java.io.IOException thrown = org.junit.jupiter.api.Assertions.assertThrows(java.io.IOException.class,
                () -> OutputFiles.writeAtomically(file, out -> {
                    out.write(new byte[4096]);
                    throw full;
                }));
        assertEquals(full, thrown);
        assertEquals("the old picture", Files.readString(file));
        try (var files = Files.list(dir)) {
            assertEquals(List.of(file), files.toList());
        }
    }

    @Test
    void failedSaveReleasesTheClaimedName() throws Exception {
        org.junit.jupiter.api.Assertions.assertThrows(java.io.IOException.class,
                () -> OutputFiles.save(dir.resolve("new.png"), out -> {
                    out.write(1);
                    throw new java.io.IOException("No space left on device");
                }));
        try (var files = Files.list(dir)) {
            assertEquals(List.of(), files.toList(), "neither an empty picture nor a temporary file");
        }
    }

    @Test
    void savedFileHasItsContentAndTheUsualPermissions() throws Exception {
        Path plain = Files.writeString(dir.resolve("plain.txt"), "x");
        Path saved = OutputFiles.save(dir.resolve("a.png"), out -> out.write(new byte[] {1, 2, 3}));
        org.junit.jupiter.api.Assertions.assertArrayEquals(new byte[] {1, 2, 3}, Files.readAllBytes(saved));
        assertEquals(Files.getPosixFilePermissions(plain), Files.getPosixFilePermissions(saved));
    }

    @Test
    void claimFromANumberSkipsTheNamesBefore() throws Exception {
        Path wanted = dir.resolve("x.png");
        Files.writeString(dir.resolve("x-3.png"), "precious");
        assertEquals(new OutputFiles.Claimed(dir.resolve("x-2.png"), 2), OutputFiles.claim(wanted, 2));
        assertEquals(new OutputFiles.Claimed(dir.resolve("x-4.png"), 4), OutputFiles.claim(wanted, 3));
        assertEquals(new OutputFiles.Claimed(wanted, 0), OutputFiles.claim(wanted, 0));
        assertEquals("precious", Files.readString(dir.resolve("x-3.png")));
    }
}
