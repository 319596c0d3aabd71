package org.sandpaint.download;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Downloads from a plain web address, served by the test on a loopback port. */
class UrlDownloadTest {

    @TempDir
    Path dir;
    private HttpServer server;
    private final byte[] content = new byte[120_000];
    private final AtomicBoolean announceSize = new AtomicBoolean(true);

    @BeforeEach
    void start() throws IOException {
        new Random(11).nextBytes(content);
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/api/download/models/123", this::serve);
        server.createContext("/evil", ex -> {
            try (ex) {
                ex.getResponseHeaders().add("Content-Disposition", "attachment; filename=\"../../.bashrc\"");
                ex.sendResponseHeaders(200, -1);
            }
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private void serve(HttpExchange ex) throws IOException {
        try (ex) {
            ex.getResponseHeaders().add("Content-Disposition", "attachment; filename=\"dreamy-mix_v2.safetensors\"");
            // This server ignores ranges; a chunked answer (length 0 here) announces no size.
            ex.sendResponseHeaders(200, announceSize.get() ? content.length : 0);
            ex.getResponseBody().write(content);
        }
    }

    private URI url(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    @Test
    void downloadsUnderTheServersNameAndChecksTheSize() throws Exception {
        FileDownload d = UrlDownload.plan(url("/api/download/models/123"), dir, Optional.empty());
        Path file = d.run(p -> { }, new AtomicBoolean());
        assertTrue(file.endsWith("dreamy-mix_v2.safetensors"), file.toString());
        assertArrayEquals(content, Files.readAllBytes(file));
    }

    @Test
    void aPastedChecksumIsVerified() throws Exception {
        String wrong = "0".repeat(64);
        FileDownload d = UrlDownload.plan(url("/api/download/models/123"), dir, Optional.of(wrong));
        DownloadException e = assertThrows(DownloadException.class, () -> d.run(p -> { }, new AtomicBoolean()));
        assertTrue(e.getMessage().contains("damaged"), e.getMessage());
        assertFalse(Files.exists(dir.resolve("dreamy-mix_v2.safetensors")));
        FileDownload right = UrlDownload.plan(url("/api/download/models/123"), dir,
                Optional.of(StandInHub.sha256(content)));
        assertArrayEquals(content, Files.readAllBytes(right.run(p -> { }, new AtomicBoolean())));
    }

    @Test
    void withoutSizeOrChecksumItIsRefused() {
        announceSize.set(false);
        DownloadException e = assertThrows(DownloadException.class,
                () -> UrlDownload.plan(url("/api/download/models/123"), dir, Optional.empty()));
        assertTrue(e.getMessage().contains("SHA-256"), e.getMessage());
    }

    @Test
    void badAddressesAndNamesAreRefused() {
        assertThrows(DownloadException.class, () -> UrlDownload.plan(URI.create("file:///etc/passwd"), dir, Optional.empty()));
        assertThrows(DownloadException.class, () -> UrlDownload.plan(url("/evil"), dir, Optional.empty()));
        assertThrows(DownloadException.class, () -> UrlDownload.plan(url("/api/download/models/123"), dir, Optional.of("xyz")));
        DownloadException missing = assertThrows(DownloadException.class,
                () -> UrlDownload.plan(url("/nothing-here"), dir, Optional.empty()));
        assertTrue(missing.getMessage().contains("404"), missing.getMessage());
    }
}
