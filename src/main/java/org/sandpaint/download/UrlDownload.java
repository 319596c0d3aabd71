package org.sandpaint.download;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A model file from a plain web address (a model site's download link). Such servers announce no
 * checksum, so the file is verified by the SHA-256 the user pastes from the site when given, and
 * otherwise by the size the server announced; a server that announces neither is refused rather than
 * trusted.
 */
public final class UrlDownload {

    private static final Pattern DISPOSITION = Pattern.compile("filename\\*?=(?:UTF-8'')?\"?([^\";]+)\"?",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern SAFE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._()+ -]{0,200}");
    private static final Pattern SHA256 = Pattern.compile("[0-9a-fA-F]{64}");

    private UrlDownload() {
    }

    /** Asks the server for the file's name and size, and plans its download into {@code folder}. */
    public static FileDownload plan(URI url, Path folder, Optional<String> sha256) throws DownloadException {
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || url.getHost() == null) {
            throw new DownloadException("'" + url + "' is not a web address: give one that starts with https://.");
        }
        Optional<String> checksum = sha256.map(String::strip).filter(s -> !s.isEmpty());
        if (checksum.isPresent() && !SHA256.matcher(checksum.get()).matches()) {
            throw new DownloadException("'" + checksum.get() + "' is not a SHA-256 checksum (64 hexadecimal digits).");
        }
        HttpClient http = client();
        // A one-byte range rather than HEAD: signed storage links often allow GET only.
        HttpResponse<InputStream> head = get(http, url, -1, true);
        try (InputStream ignored = head.body()) {
            if (head.statusCode() >= 400) {
                throw refused(url, head.statusCode());
            }
            long size = totalSize(head);
            if (size < 0 && checksum.isEmpty()) {
                throw new DownloadException(url.getHost() + " does not say how large the file is, so its download "
                        + "could not be verified. Paste the file's SHA-256 from the site and try again.");
            }
            String name = fileName(head);
            HubFile file = new HubFile(name, size, checksum.map(s -> s.toLowerCase(Locale.ROOT)), Optional.empty());
            return new FileDownload(source(http, url), file, RepoDownload.inside(folder, name), RepoDownload.ATTEMPTS);
        } catch (IOException e) {
            throw new DownloadException("Cannot read the answer of " + url.getHost() + ": " + e.getMessage(), e);
        }
    }

    private static RemoteSource source(HttpClient http, URI url) {
        return new RemoteSource() {
            @Override
            public RemoteBody open(long offset) throws DownloadException {
                HttpResponse<InputStream> response = get(http, url, offset, false);
                int status = response.statusCode();
                if (status == 416 && offset > 0) {
                    return new RemoteBody(InputStream.nullInputStream(), offset, true, Optional.empty());
                }
                if (status != 200 && status != 206) {
                    try {
                        response.body().close();
                    } catch (IOException e) {
                        // unwanted body
                    }
                    throw refused(url, status);
                }
                return new RemoteBody(response.body(), status == 206 ? offset : 0, status == 206, Optional.empty());
            }

            @Override
            public String origin() {
                return url.getHost();
            }
        };
    }

    /** The name the server gives the file, or the address's last segment; refused when unsafe. */
    static String fileName(HttpResponse<?> response) throws DownloadException {
        String name = response.headers().firstValue("Content-Disposition").map(DISPOSITION::matcher)
                .filter(Matcher::find).map(m -> URLDecoder.decode(m.group(1), StandardCharsets.UTF_8))
                .orElseGet(() -> {
                    String path = response.uri().getPath();
                    return URLDecoder.decode(path.substring(path.lastIndexOf('/') + 1), StandardCharsets.UTF_8);
                });
        name = name.strip();
        if (!SAFE_NAME.matcher(name).matches()) {
            throw new DownloadException("The server names the file '" + name + "', which is not a safe file name. "
                    + "Download it with a browser instead.");
        }
        return name;
    }

    /** The file's size: the total of a 206's Content-Range, or a 200's length; -1 when neither says. */
    private static long totalSize(HttpResponse<?> response) {
        if (response.statusCode() == 206) {
            return response.headers().firstValue("Content-Range")
                    .map(range -> range.substring(range.lastIndexOf('/') + 1).strip())
                    .filter(total -> total.matches("\\d+")).map(Long::parseLong).orElse(-1L);
        }
        return response.headers().firstValueAsLong("Content-Length").orElse(-1);
    }

    /** GET from {@code offset}; a probe ({@code probe}) asks for the first byte only. */
    private static HttpResponse<InputStream> get(HttpClient http, URI url, long offset, boolean probe)
            throws DownloadException {
        HttpRequest.Builder request = HttpRequest.newBuilder(url).timeout(Duration.ofMinutes(2))
                .header("User-Agent", "sandpaint-studio");
        if (probe) {
            request.header("Range", "bytes=0-0");
        } else if (offset > 0) {
            request.header("Range", "bytes=" + offset + "-");
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DownloadException("The download was interrupted.", e);
        } catch (IOException e) {
            throw new DownloadException("Cannot reach " + url.getHost() + ": " + e.getMessage()
                    + ". Check the address and the network connection.", e);
        }
    }

    private static DownloadException refused(URI url, int status) {
        String why = switch (status) {
            case 401, 403 -> "refuses the download (" + status + "): the site may need you to log in; download "
                    + "it with a browser, or use the site's download link with its token";
            case 404 -> "has no file at that address (404); check the link";
            default -> "answered " + status + "; try again later";
        };
        return new DownloadException(url.getHost() + " " + why + ".");
    }

    private static HttpClient client() {
        return HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL)
                .connectTimeout(Duration.ofSeconds(20)).build();
    }
}
