package org.sandpaint.download;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A stand-in for the Hugging Face Hub on a loopback port, with the Hub's response shapes: model info with
 * siblings and LFS checksums, {@code resolve} answering LFS files with a redirect to a storage host
 * (addressed as "localhost" so that it counts as another host than the hub's 127.0.0.1), byte ranges,
 * and the error codes the Hub sends. Faults are switched on per file.
 */
final class StandInHub implements AutoCloseable {

    record Stored(byte[] content, boolean lfs, String announcedSha) {
    }

    private final HttpServer server;
    private final Map<String, Map<String, Stored>> repos = new ConcurrentHashMap<>();
    final Set<String> gated = ConcurrentHashMap.newKeySet();
    /** Per file path: how many more responses break off half way. */
    final Map<String, AtomicInteger> drops = new ConcurrentHashMap<>();
    final List<String> ranges = new CopyOnWriteArrayList<>();
    final List<String> storageAuthorization = new CopyOnWriteArrayList<>();
    final List<String> hubAuthorization = new CopyOnWriteArrayList<>();

    StandInHub() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    StandInHub file(String repo, String path, byte[] content, boolean lfs) {
        repos.computeIfAbsent(repo, r -> new ConcurrentHashMap<>()).put(path, new Stored(content, lfs, sha256(content)));
        return this;
    }

    /** An LFS file whose announced checksum is not its content's. */
    StandInHub damagedFile(String repo, String path, byte[] content) {
        repos.computeIfAbsent(repo, r -> new ConcurrentHashMap<>()).put(path, new Stored(content, true, sha256(new byte[]{1})));
        return this;
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            String path = ex.getRequestURI().getPath();
            if (path.startsWith("/storage/")) {
                storageAuthorization.add(String.valueOf(ex.getRequestHeaders().getFirst("Authorization")));
                String[] parts = path.substring("/storage/".length()).split("/", 2);
                serveContent(ex, parts[1], find(parts[0], parts[1]));
                return;
            }
            hubAuthorization.add(String.valueOf(ex.getRequestHeaders().getFirst("Authorization")));
            if (path.startsWith("/api/models/")) {
                String rest = path.substring("/api/models/".length());
                String repo = rest.substring(0, rest.indexOf("/revision/"));
                if (!allowed(ex, repo)) {
                    return;
                }
                modelInfo(ex, repo);
                return;
            }
            int resolve = path.indexOf("/resolve/");
            String repo = path.substring(1, resolve);
            String afterRevision = path.substring(resolve + "/resolve/".length());
            String file = afterRevision.substring(afterRevision.indexOf('/') + 1);
            if (!allowed(ex, repo)) {
                return;
            }
            Stored stored = find(repo, file);
            if (stored == null) {
                error(ex, 404, "EntryNotFound");
                return;
            }
            if (stored.lfs()) {
                ex.getResponseHeaders().add("X-Linked-Etag", "\"" + stored.announcedSha() + "\"");
                ex.getResponseHeaders().add("X-Linked-Size", Integer.toString(stored.content().length));
                ex.getResponseHeaders().add("Location", "http://localhost:" + server.getAddress().getPort()
                        + "/storage/" + repo.replace("/", "--") + "/" + file);
                ex.sendResponseHeaders(302, -1);
                return;
            }
            serveContent(ex, file, stored);
        }
    }

    private Stored find(String repo, String file) {
        Map<String, Stored> files = repos.get(repo.replace("--", "/"));
        return files == null ? null : files.get(file);
    }

    private boolean allowed(HttpExchange ex, String repo) throws IOException {
        if (!repos.containsKey(repo)) {
            error(ex, 401, "RepoNotFound");
            return false;
        }
        if (gated.contains(repo) && ex.getRequestHeaders().getFirst("Authorization") == null) {
            error(ex, 401, "GatedRepo");
            return false;
        }
        return true;
    }

    private void modelInfo(HttpExchange ex, String repo) throws IOException {
        ObjectMapper json = new ObjectMapper();
        ObjectNode info = json.createObjectNode().put("id", repo).put("sha", "0123456789abcdef0123456789abcdef01234567");
        ArrayNode siblings = info.putArray("siblings");
        repos.get(repo).forEach((path, stored) -> {
            ObjectNode s = siblings.addObject().put("rfilename", path).put("size", stored.content().length);
            if (stored.lfs()) {
                s.put("blobId", "ffffffffffffffffffffffffffffffffffffffff");
                s.putObject("lfs").put("sha256", stored.announcedSha()).put("size", stored.content().length)
                        .put("pointerSize", 134);
            } else {
                s.put("blobId", gitBlob(stored.content()));
            }
        });
        byte[] body = json.writeValueAsBytes(info);
        ex.getResponseHeaders().add("Content-Type", "application/json");
        ex.sendResponseHeaders(200, body.length);
        ex.getResponseBody().write(body);
    }

    private void serveContent(HttpExchange ex, String file, Stored stored) throws IOException {
        byte[] content = stored.content();
        String range = ex.getRequestHeaders().getFirst("Range");
        int start = 0;
        if (range != null) {
            ranges.add(range);
            start = Integer.parseInt(range.substring("bytes=".length(), range.indexOf('-')));
            if (start >= content.length) {
                ex.sendResponseHeaders(416, -1);
                return;
            }
            ex.getResponseHeaders().add("Content-Range", "bytes " + start + "-" + (content.length - 1) + "/" + content.length);
        }
        int length = content.length - start;
        ex.sendResponseHeaders(range != null ? 206 : 200, length);
        OutputStream out = ex.getResponseBody();
        AtomicInteger drop = drops.get(file);
        if (drop != null && drop.getAndDecrement() > 0) {
            out.write(content, start, length / 2);
            out.flush();
            // Closing the exchange now, short of the announced length, is a dropped connection.
            return;
        }
        out.write(content, start, length);
    }

    private static void error(HttpExchange ex, int status, String code) throws IOException {
        byte[] body = ("{\"error\":\"" + code + "\"}").getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("X-Error-Code", code);
        ex.sendResponseHeaders(status, body.length);
        ex.getResponseBody().write(body);
    }

    static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static String gitBlob(byte[] content) {
        try {
            MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
            sha1.update(("blob " + content.length + "\0").getBytes(StandardCharsets.US_ASCII));
            return HexFormat.of().formatHex(sha1.digest(content));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
