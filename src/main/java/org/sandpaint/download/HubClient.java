package org.sandpaint.download;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The two calls of the Hub's HTTP API a download needs, made the way the Hub's own client makes them:
 * the model info (files, sizes, LFS checksums) and {@code resolve/<revision>/<file>}, whose redirects are
 * followed by hand so the token never leaves the Hub's host. Nothing here runs unless a user starts a
 * download.
 */
public final class HubClient {

    private static final Pattern REPO_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*(/[A-Za-z0-9][A-Za-z0-9._-]*)?");
    private static final int MAX_REDIRECTS = 10;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Hub hub;
    private final HttpClient http;

    public HubClient(Hub hub) {
        this.hub = hub;
        this.http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(20)).build();
    }

    public Hub hub() {
        return hub;
    }

    /** Refuses what is not a repository id ("owner/name"), before it goes into a URL. */
    public static String checkRepoId(String repo) throws DownloadException {
        if (repo == null || !REPO_ID.matcher(repo).matches() || repo.contains("..")) {
            throw new DownloadException("'" + repo + "' is not a Hugging Face repository id: write it as "
                    + "owner/name, e.g. stabilityai/sd-turbo.");
        }
        return repo;
    }

    /** The repository's files at a revision. */
    public List<HubFile> files(String repo, String revision) throws DownloadException {
        checkRepoId(repo);
        HttpResponse<InputStream> response = send(hub.modelInfo(repo, revision), -1).response();
        try (InputStream body = response.body()) {
            if (response.statusCode() != 200) {
                throw failure(response, repo, revision, null);
            }
            JsonNode info = JSON.readTree(body);
            List<HubFile> files = new ArrayList<>();
            for (JsonNode sibling : info.path("siblings")) {
                String path = sibling.path("rfilename").asText("");
                if (path.isEmpty()) {
                    continue;
                }
                JsonNode lfs = sibling.path("lfs");
                long size = lfs.has("size") ? lfs.get("size").asLong() : sibling.path("size").asLong(-1);
                files.add(new HubFile(path, size, text(lfs.path("sha256")), text(sibling.path("blobId"))));
            }
            return files;
        } catch (IOException e) {
            throw new DownloadException("The Hub's answer about " + repo + " could not be read: " + e.getMessage()
                    + ". Try again later.", e);
        }
    }

    /**
     * Opens a file's content from byte {@code offset}. The answer says whether the server honoured the
     * range; when it did not, the body starts at byte 0.
     */
    public RemoteBody open(String repo, String revision, HubFile file, long offset) throws DownloadException {
        checkRepoId(repo);
        Answer answer = send(hub.resolve(repo, revision, file.path()), offset);
        HttpResponse<InputStream> response = answer.response();
        int status = response.statusCode();
        if (status == 416 && offset > 0) {
            closeQuietly(response);
            return new RemoteBody(InputStream.nullInputStream(), offset, true, answer.etag());
        }
        if (status != 200 && status != 206) {
            closeQuietly(response);
            throw failure(response, repo, revision, file.path());
        }
        boolean partial = status == 206;
        return new RemoteBody(response.body(), partial ? offset : 0, partial, answer.etag());
    }

    /** One file of a repository as a source for {@link FileDownload}. */
    public RemoteSource source(String repo, String revision, HubFile file) {
        return new RemoteSource() {
            @Override
            public RemoteBody open(long offset) throws DownloadException {
                return HubClient.this.open(repo, revision, file, offset);
            }

            @Override
            public String origin() {
                return repo;
            }
        };
    }

    /** A final answer and the checksum the Hub announced on the way (before a redirect to storage). */
    private record Answer(HttpResponse<InputStream> response, Optional<String> etag) {
    }

    /** GET with manual redirects; a range header from {@code offset} when it is positive. */
    private Answer send(URI uri, long offset) throws DownloadException {
        URI current = uri;
        Optional<String> etag = Optional.empty();
        for (int hop = 0; hop <= MAX_REDIRECTS; hop++) {
            HttpRequest.Builder request = HttpRequest.newBuilder(current).timeout(Duration.ofMinutes(2))
                    .header("User-Agent", "sandpaint-studio");
            if (offset > 0) {
                request.header("Range", "bytes=" + offset + "-");
            }
            boolean sameHost = Objects.equals(current.getHost(), hub.endpoint().getHost())
                    && current.getPort() == hub.endpoint().getPort();
            if (sameHost && hub.token().isPresent()) {
                request.header("Authorization", "Bearer " + hub.token().get());
            }
            HttpResponse<InputStream> response;
            try {
                response = http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new DownloadException("The download was interrupted.", e);
            } catch (IOException e) {
                throw unreachable(current, e);
            }
            int status = response.statusCode();
            if (status < 300 || status >= 400 || response.headers().firstValue("Location").isEmpty()) {
                return new Answer(response, etag.isPresent() ? etag : linkedEtag(response));
            }
            if (etag.isEmpty()) {
                etag = linkedEtag(response);
            }
            closeQuietly(response);
            current = current.resolve(response.headers().firstValue("Location").get());
        }
        throw new DownloadException("The Hub redirected " + uri + " more than " + MAX_REDIRECTS + " times. "
                + "Try again later.");
    }

    static Optional<String> linkedEtag(HttpResponse<?> response) {
        return response.headers().firstValue("X-Linked-Etag")
                .map(v -> v.replace("\"", "").replace("W/", "").strip().toLowerCase(Locale.ROOT))
                .filter(v -> v.matches("[0-9a-f]{64}"));
    }

    private DownloadException failure(HttpResponse<?> response, String repo, String revision, String file) {
        String code = response.headers().firstValue("X-Error-Code").orElse("");
        String what = file == null ? repo : file + " in " + repo;
        int status = response.statusCode();
        if (code.equals("GatedRepo") || (status == 403 && file != null)) {
            return new DownloadException(repo + " is gated: open its page on the Hub, accept its licence with "
                    + "your account, and give Sandpaint an access token of that account.");
        }
        if (code.equals("RepoNotFound") || (status == 401 && hub.token().isEmpty())) {
            return new DownloadException("The Hub has no public repository " + repo + (hub.token().isEmpty()
                    ? ". Check the name; if it is private or gated, give Sandpaint an access token (HF_TOKEN)."
                    : ". Check the name, and that your access token may read it."));
        }
        if (status == 401) {
            return new DownloadException("The Hub refused the access token for " + repo
                    + " (401). Check that the token is valid and may read this repository.");
        }
        if (code.equals("RevisionNotFound")) {
            return new DownloadException(repo + " has no revision '" + revision + "'. Check the branch, tag or commit.");
        }
        if (code.equals("EntryNotFound") || status == 404) {
            return new DownloadException("There is no " + what + " (revision " + revision
                    + "). Check the file's name on the repository's page.");
        }
        return new DownloadException("The Hub answered " + status + " for " + what + ". Try again later.");
    }

    private DownloadException unreachable(URI uri, IOException e) {
        String reason = e instanceof UnknownHostException ? "the name " + uri.getHost() + " does not resolve"
                : e instanceof ConnectException ? "the connection was refused"
                : e instanceof HttpTimeoutException ? "it did not answer in time"
                : String.valueOf(e.getMessage());
        return new DownloadException("Cannot reach " + uri.getScheme() + "://" + uri.getAuthority() + ": " + reason
                + ". Check the network connection (and HF_ENDPOINT, if you set it).", e);
    }

    private static Optional<String> text(JsonNode node) {
        return node.isTextual() && !node.asText().isBlank() ? Optional.of(node.asText()) : Optional.empty();
    }

    private static void closeQuietly(HttpResponse<InputStream> response) {
        try {
            response.body().close();
        } catch (IOException e) {
            // The body was not wanted.
        }
    }

}
