package org.sandpaint.download;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;

/**
 * A Hugging Face Hub endpoint and the token to send it, as the Hub's own client takes them: the
 * {@code HF_ENDPOINT} and {@code HF_TOKEN} environment variables, else the public hub and the token the
 * user saved (if any).
 */
public record Hub(URI endpoint, Optional<String> token) {

    public static final URI PUBLIC = URI.create("https://huggingface.co");

    public Hub {
        String text = endpoint.toString();
        endpoint = URI.create(text.endsWith("/") ? text.substring(0, text.length() - 1) : text);
        token = token.filter(t -> !t.isBlank()).map(String::strip);
    }

    /** From the environment, falling back to {@code savedToken} when HF_TOKEN is not set. */
    public static Hub fromEnvironment(Map<String, String> env, Optional<String> savedToken) {
        String endpoint = env.getOrDefault("HF_ENDPOINT", "");
        String token = env.getOrDefault("HF_TOKEN", "");
        return new Hub(endpoint.isBlank() ? PUBLIC : URI.create(endpoint.strip()),
                token.isBlank() ? savedToken : Optional.of(token));
    }

    /** The model-info API of a repository at a revision, with file sizes and LFS checksums. */
    public URI modelInfo(String repo, String revision) {
        return URI.create(endpoint + "/api/models/" + repo + "/revision/" + encode(revision) + "?blobs=true");
    }

    /** The download address of one file; the Hub answers with the file or a redirect to it. */
    public URI resolve(String repo, String revision, String file) {
        StringBuilder path = new StringBuilder();
        for (String part : file.split("/")) {
            path.append('/').append(encode(part));
        }
        return URI.create(endpoint + "/" + repo + "/resolve/" + encode(revision) + path);
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
