package org.sandpaint.server;

import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.sandpaint.engine.GeneratedImage;
import org.sandpaint.engine.GenerationRequest;
import org.sandpaint.engine.Infotext;
import org.sandpaint.engine.ImageFiles;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A server speaking the WebUI's HTTP API (another Sandpaint, or a WebUI/Forge/SD.Next) used as a back end:
 * it runs one request and returns its pictures with the parameters text they carry.
 */
public final class RemoteBackend {

    /** The server refused the request itself (4xx): sending it elsewhere would fail the same way. */
    public static final class Refused extends IOException {
        Refused(String message) {
            super(message);
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    static {
        JSON.getFactory().setStreamReadConstraints(StreamReadConstraints.builder().maxStringLength(Integer.MAX_VALUE).build());
    }

    /** How long a back end may stay silent (no answer, not even to a progress check) before it counts as gone. */
    static final Duration SILENCE_LIMIT = Duration.ofSeconds(30);

    private final URI base;
    private final String authorization;
    private final Duration silenceLimit;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    /**
     * @param base        e.g. http://gpu-box:7860
     * @param credentials user:password for --api-auth servers, or null
     */
    public RemoteBackend(URI base, String credentials) {
        this(base, credentials, SILENCE_LIMIT);
    }

    RemoteBackend(URI base, String credentials, Duration silenceLimit) {
        this.silenceLimit = silenceLimit;
        if (base.getScheme() == null || !base.getScheme().matches("https?") || base.getHost() == null) {
            throw new IllegalArgumentException("A back end is an http:// or https:// address such as "
                    + "http://127.0.0.1:7860, got '" + base + "'.");
        }
        this.base = URI.create(base.toString().replaceAll("/+$", "") + "/");
        this.authorization = credentials == null ? null : "Basic " + Base64.getEncoder()
                .encodeToString(credentials.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String toString() {
        return base.toString();
    }

    /**
     * Waits for a generation's answer however long the job takes, as long as the server still answers a
     * progress check: a server that froze or dropped off the network (no connection reset) counts as gone
     * after about twice the silence limit.
     */
    private HttpResponse<byte[]> awaitAnswer(CompletableFuture<HttpResponse<byte[]>> answer)
            throws IOException, InterruptedException {
        while (true) {
            try {
                return answer.get(silenceLimit.toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                if (!answersProgress()) {
                    answer.cancel(true);
                    throw new IOException(this + " stopped answering (not even " + base.resolve("sdapi/v1/progress")
                            + " within " + silenceLimit.toSeconds() + " s)");
                }
            } catch (ExecutionException e) {
                throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause().getMessage(), e.getCause());
            }
        }
    }

    private boolean answersProgress() throws InterruptedException {
        HttpRequest.Builder get = HttpRequest.newBuilder(base.resolve("sdapi/v1/progress?skip_current_image=true"))
                .timeout(silenceLimit).GET();
        if (authorization != null) {
            get.header("Authorization", authorization);
        }
        try {
            return http.send(get.build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        }
    }

    /** Runs {@code request} (seed fixed) there and returns its pictures in seed order. */
    public List<GeneratedImage> generate(GenerationRequest request) throws IOException, InterruptedException {
        String endpoint = request.initImage() == null ? "sdapi/v1/txt2img" : "sdapi/v1/img2img";
        HttpRequest.Builder post = HttpRequest.newBuilder(base.resolve(endpoint))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(WebUiParameters.toJson(request))));
        if (authorization != null) {
            post.header("Authorization", authorization);
        }
        HttpResponse<byte[]> response = awaitAnswer(http.sendAsync(post.build(), HttpResponse.BodyHandlers.ofByteArray()));
        JsonNode body;
        try {
            body = JSON.readTree(response.body());
        } catch (IOException e) {
            body = null;
        }
        if (response.statusCode() != 200 || body == null) {
            String detail = body != null && body.has("detail") ? body.get("detail").toString()
                    : new String(response.body(), 0, Math.min(200, response.body().length), StandardCharsets.UTF_8);
            String message = this + " answered " + response.statusCode() + ": " + detail;
            throw response.statusCode() >= 400 && response.statusCode() < 500 && response.statusCode() != 408
                    && response.statusCode() != 429 ? new Refused(message) : new IOException(message);
        }
        List<Long> seeds = new ArrayList<>();
        JsonNode info = JSON.readTree(body.path("info").asText("{}"));
        int expected = request.batchSize() * request.batchCount();
        if (info.path("interrupted").asBoolean(false) || body.path("images").size() < expected) {
            throw new IOException(this + " was interrupted: " + body.path("images").size() + " of " + expected
                    + " pictures came back");
        }
        info.path("all_seeds").forEach(s -> seeds.add(s.asLong()));
        List<GeneratedImage> images = new ArrayList<>();
        JsonNode pictures = body.path("images");
        for (int i = 0; i < pictures.size(); i++) {
            byte[] png = Pictures.bytes(pictures.get(i).asText(), "image " + i + " from " + this);
            BufferedImage image = Pictures.decode(png, "image " + i + " from " + this);
            Map<String, String> text = ImageFiles.pngText(png, "image " + i + " from " + this);
            Infotext infotext = text.containsKey("parameters") ? Infotext.parse(text.get("parameters"))
                    : new Infotext(request.prompt(), request.negativePrompt());
            long seed = i < seeds.size() ? seeds.get(i) : request.seed() + i;
            images.add(new GeneratedImage(image, null, seed, infotext, false));
        }
        return images;
    }
}
