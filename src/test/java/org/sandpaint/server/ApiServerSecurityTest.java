package org.sandpaint.server;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.sandpaint.engine.Engine;
import org.sandpaint.engine.EngineOptions;
import org.sandpaint.engine.Device;
import org.sandpaint.testing.TestModels;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** --api-auth, --cors-allow-origins and the body limit, against the real server. */
class ApiServerSecurityTest {

    private static Engine engine;
    private static ApiServer server;

    @BeforeAll
    static void start() throws Exception {
        engine = Engine.open(TestModels.folder("tiny-optimum"), EngineOptions.defaults().withDevice(Device.CPU));
        server = ApiServer.start(engine, new ServerSettings("127.0.0.1", 0, "alice:s3cret:x,bob:pw",
                List.of("http://localhost:3000"), ServerSettings.DEFAULT_MAX_BODY));
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
        if (engine != null) {
            engine.close();
        }
    }

    @Test
    void basicAuthGuardsEveryEndpoint() {
        ApiClient.Answer anonymous = new ApiClient(server.port(), null).get("/sdapi/v1/options");
        assertEquals(401, anonymous.status());
        assertEquals("Basic", anonymous.raw().headers().firstValue("WWW-Authenticate").orElse(""));
        assertEquals("Not authenticated", anonymous.json().get("detail").textValue());

        ApiClient.Answer wrong = new ApiClient(server.port(), "alice:wrong").post("/sdapi/v1/txt2img", "{}");
        assertEquals(401, wrong.status());
        assertEquals("Incorrect username or password", wrong.json().get("detail").textValue());
        assertEquals(401, new ApiClient(server.port(), "carol:pw").get("/sdapi/v1/samplers").status());

        assertEquals(200, new ApiClient(server.port(), "alice:s3cret:x").get("/sdapi/v1/samplers").status(),
                "a password may hold ':'");
        assertEquals(200, new ApiClient(server.port(), "bob:pw").get("/sdapi/v1/progress").status());
    }

    @Test
    void corsHeadersOnlyForAllowedOrigins() {
        ApiClient client = new ApiClient(server.port(), "bob:pw");
        ApiClient.Answer allowed = client.send(client.request("/sdapi/v1/samplers")
                .header("Origin", "http://localhost:3000").GET().build());
        assertEquals("http://localhost:3000",
                allowed.raw().headers().firstValue("Access-Control-Allow-Origin").orElse(null));
        ApiClient.Answer other = client.send(client.request("/sdapi/v1/samplers")
                .header("Origin", "http://evil.example").GET().build());
        assertNull(other.raw().headers().firstValue("Access-Control-Allow-Origin").orElse(null));

        ApiClient anonymous = new ApiClient(server.port(), null);
        ApiClient.Answer preflight = anonymous.send(anonymous.request("/sdapi/v1/txt2img")
                .header("Origin", "http://localhost:3000").header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "authorization,content-type")
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).build());
        assertEquals(200, preflight.status(), "preflights carry no credentials and pass");
        assertTrue(preflight.raw().headers().firstValue("Access-Control-Allow-Headers").orElse("").contains("authorization"));
    }

    @Test
    void aBodyOverTheLimitIsRefusedFromItsLengthAlone() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            String head = "POST /sdapi/v1/txt2img HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Basic Ym9iOnB3\r\n"
                    + "Content-Type: application/json\r\nContent-Length: 500000000\r\n\r\n{\"prompt\": \"";
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            String status = new String(in.readNBytes(12), StandardCharsets.US_ASCII);
            assertEquals("HTTP/1.1 413", status, "refused without reading 500 MB");
        }
    }
}
