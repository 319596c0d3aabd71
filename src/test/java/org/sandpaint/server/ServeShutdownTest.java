package org.sandpaint.server;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.sandpaint.testing.TestModels;

import java.util.concurrent.CompletableFuture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Stopping `sandpaint serve` (SIGTERM, as Ctrl+C) in the middle of a job: an orderly exit, never a crash. */
class ServeShutdownTest {

    @Test
    void stoppingMidJobAnswersTheJobAndExitsCleanly() throws Exception {
        try (ServeProcess serve = ServeProcess.start(TestModels.folder("tiny-optimum"))) {
            ApiClient client = new ApiClient(serve.port(), null);
            ObjectNode body = ApiClient.JSON.createObjectNode().put("prompt", "a").put("steps", 1000)
                    .put("n_iter", 20).put("width", 64).put("height", 64);
            CompletableFuture<ApiClient.Answer> running = CompletableFuture.supplyAsync(
                    () -> client.post("/sdapi/v1/txt2img", body));
            while (client.get("/sdapi/v1/progress").json().get("state").get("sampling_step").asInt() < 5) {
                Thread.sleep(5);
            }
            assertEquals(0, serve.stop(), "a clean exit (a JVM crash exits with 134)");
            ApiClient.Answer answer = running.get();
            assertEquals(200, answer.status(), answer.text());
            assertTrue(ApiClient.info(answer).get("interrupted").booleanValue());
        }
    }
}
