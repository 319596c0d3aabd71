package org.sandpaint.server;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A request the server refuses, with the status and body the WebUI's FastAPI server would send: a field that
 * does not parse gives 422 with a list of {@code {loc, msg, type}} (FastAPI's validation error), anything
 * else the WebUI's {@code {error, detail, body, errors}} object.
 */
final class ApiError extends RuntimeException {

    private final int status;
    private final Object body;
    private final Map<String, String> headers;

    private ApiError(int status, String message, Object body, Map<String, String> headers) {
        super(message);
        this.status = status;
        this.body = body;
        this.headers = headers;
    }

    /** An HTTPException-style refusal: {@code detail} is the message a client shows. */
    static ApiError of(int status, String detail) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", "HTTPException");
        body.put("detail", detail);
        body.put("body", "");
        body.put("errors", status + ": " + detail);
        return new ApiError(status, detail, body, Map.of());
    }

    /** A request field of the wrong type or shape, located as FastAPI does: ["body", field, index...]. */
    static ApiError field(List<Object> location, String message, String type) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("loc", location);
        entry.put("msg", message);
        entry.put("type", type);
        return new ApiError(422, location + ": " + message, Map.of("detail", List.of(entry)), Map.of());
    }

    /** 422 for a value of the right type that we cannot use (an unknown sampler, a picture too large...). */
    static ApiError invalid(String detail) {
        return of(422, detail);
    }

    static ApiError unauthorized(String detail) {
        return new ApiError(401, detail, Map.of("detail", detail), Map.of("WWW-Authenticate", "Basic"));
    }

    int status() {
        return status;
    }

    Object body() {
        return body;
    }

    Map<String, String> headers() {
        return headers;
    }
}
