package org.sandpaint.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.util.JavalinBindException;
import org.sandpaint.engine.Engine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Stable Diffusion WebUI's HTTP API ({@code /sdapi/v1/...}) served from one {@link Engine} on an embedded
 * Javalin/Jetty server. This class is the HTTP side: authentication, CORS, the body limit and errors in the
 * WebUI's shapes; {@link SdApi} holds the endpoints.
 */
public final class ApiServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ApiServer.class);

    private final Javalin app;
    private final GenerationQueue queue;

    private ApiServer(Javalin app, GenerationQueue queue) {
        this.app = app;
        this.queue = queue;
    }

    /** Starts serving {@code engine} (which stays the caller's to close, after this server). */
    public static ApiServer start(Engine engine, ServerSettings settings) {
        ObjectMapper json = new ObjectMapper();
        // Jackson refuses strings over 20 MB by default; a base64 picture may fill the whole body.
        json.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxStringLength((int) Math.min(Integer.MAX_VALUE, settings.maxBodyBytes())).build());
        GenerationQueue queue = new GenerationQueue(engine);
        SdApi api = new SdApi(queue, settings, json);

        Javalin app = Javalin.create(config -> {
            config.showJavalinBanner = false;
            config.http.maxRequestSize = settings.maxBodyBytes();
            config.http.prefer405over404 = true;
            config.jetty.defaultHost = settings.host();
            config.jetty.defaultPort = settings.port();
            // Jetty's idle timeout does not cut a request still generating (a 2.5 s job passed a 0.5 s timeout).
            // On stop, answers being written (an interrupted job's partial pictures, 503s) get time to finish.
            config.jetty.modifyServer(server -> server.setStopTimeout(10_000));
        });
        Cors cors = new Cors(settings.corsOrigins());
        BasicAuth auth = settings.apiAuth() == null ? null : BasicAuth.parse(settings.apiAuth());
        app.before(ctx -> guard(ctx, cors, auth, settings.maxBodyBytes()));
        for (SdApi.Route route : api.routes()) {
            app.addHttpHandler(route.method(), route.path(), ctx -> {
                JsonNode body = route.method() == HandlerType.POST ? readBody(ctx, json, settings.maxBodyBytes()) : null;
                Object answer = route.handler().handle(ctx, body);
                ctx.contentType("application/json").result(json.writeValueAsBytes(answer));
            });
        }
        api.routes().stream().map(SdApi.Route::path).distinct()
                .forEach(path -> app.addHttpHandler(HandlerType.OPTIONS, path, cors::preflight));
        answerErrors(app, json);
        try {
            app.start();
        } catch (JavalinBindException e) {
            queue.close();
            throw new IllegalStateException("Cannot listen on " + settings.host() + ":" + settings.port()
                    + ": the port is in use or the address is not this computer's. Choose another with --listen.", e);
        }
        return new ApiServer(app, queue);
    }

    /** Before every request: CORS headers, then credentials and the body's declared size. */
    private static void guard(Context ctx, Cors cors, BasicAuth auth, long maxBodyBytes) {
        cors.addHeaders(ctx);
        if (ctx.method() == HandlerType.OPTIONS) {
            return; // browsers send preflights without credentials
        }
        if (auth != null && !auth.accepts(ctx.header("Authorization"))) {
            throw ctx.header("Authorization") == null ? ApiError.unauthorized("Not authenticated")
                    : ApiError.unauthorized("Incorrect username or password");
        }
        long length = ctx.req().getContentLengthLong();
        if (length > maxBodyBytes) {
            throw tooLarge(length, maxBodyBytes);
        }
    }

    /** Every failure as JSON in the WebUI's shapes; unexpected ones are logged with their stack trace. */
    private static void answerErrors(Javalin app, ObjectMapper json) {
        app.exception(ApiError.class, (e, ctx) -> send(ctx, json, e));
        app.exception(IllegalArgumentException.class, (e, ctx) -> send(ctx, json, ApiError.invalid(e.getMessage())));
        app.exception(Exception.class, (e, ctx) -> {
            LOG.warn("API error on {} {}", ctx.method(), ctx.path(), e);
            String message = e.getMessage() == null ? e.toString() : e.getMessage();
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("error", e.getClass().getSimpleName());
            body.put("detail", message);
            body.put("body", "");
            body.put("errors", message);
            sendBody(ctx, json, 500, body);
        });
        app.error(404, ctx -> {
            if (ctx.attribute("sandpaint.error") == null) { // our own 404s already have their body
                sendBody(ctx, json, 404, Map.of("detail", "Not Found"));
            }
        });
        app.error(405, ctx -> sendBody(ctx, json, 405, Map.of("detail", "Method Not Allowed")));
    }

    /** The port it listens on (the one picked when the settings asked for 0). */
    public int port() {
        return app.port();
    }

    @Override
    public void close() {
        queue.close(); // interrupts the running job and refuses the waiting ones first, so stop() does not wait on them
        app.stop();
    }

    /** Reads at most {@code limit} bytes (a chunked body has no Content-Length to check up front); null when empty. */
    private static JsonNode readBody(Context ctx, ObjectMapper json, long limit) throws IOException {
        byte[] data;
        try (InputStream in = ctx.req().getInputStream()) {
            data = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limit + 1));
        }
        if (data.length > limit) {
            throw tooLarge(data.length, limit);
        }
        if (data.length == 0) {
            return null; // interrupt, skip and the refreshes take no body; the others say it is missing
        }
        try {
            return json.readTree(data);
        } catch (JsonProcessingException e) {
            throw ApiError.field(List.of("body", e.getLocation() == null ? 0 : (int) e.getLocation().getCharOffset()),
                    "Expecting value: the body is not valid JSON (" + e.getOriginalMessage() + ")",
                    "value_error.jsondecode");
        }
    }

    private static ApiError tooLarge(long length, long limit) {
        return ApiError.of(413, "The request body is " + (length > limit + 1 ? length + " bytes" : "larger than the limit")
                + "; this server accepts at most " + limit + " bytes. Send smaller pictures.");
    }

    private static void send(Context ctx, ObjectMapper json, ApiError e) {
        e.headers().forEach(ctx::header);
        sendBody(ctx, json, e.status(), e.body());
    }

    private static void sendBody(Context ctx, ObjectMapper json, int status, Object body) {
        ctx.attribute("sandpaint.error", true);
        try {
            ctx.status(status).contentType("application/json").result(json.writeValueAsBytes(body));
        } catch (JsonProcessingException e) {
            ctx.status(500).result("{\"detail\":\"Internal Server Error\"}");
        }
    }
}
