package org.sandpaint.server;

import io.javalin.http.Context;

import java.util.List;

/**
 * Cross-origin access for browser clients, as the WebUI's --cors-allow-origins: the listed origins (or any,
 * with "*") may call the API with credentials; without the option no CORS header is sent.
 */
final class Cors {

    private final List<String> origins;

    Cors(List<String> origins) {
        this.origins = origins;
    }

    void addHeaders(Context ctx) {
        String origin = ctx.header("Origin");
        if (!allowed(origin)) {
            return;
        }
        ctx.header("Access-Control-Allow-Origin", origin);
        ctx.header("Access-Control-Allow-Credentials", "true");
        ctx.header("Vary", "Origin");
    }

    /** Answers a preflight: any method and the headers the browser asks for. */
    void preflight(Context ctx) {
        if (!allowed(ctx.header("Origin"))) {
            ctx.status(400).result("Disallowed CORS origin");
            return;
        }
        ctx.header("Access-Control-Allow-Methods", "DELETE, GET, HEAD, OPTIONS, PATCH, POST, PUT");
        String requested = ctx.header("Access-Control-Request-Headers");
        if (requested != null) {
            ctx.header("Access-Control-Allow-Headers", requested);
        }
        ctx.header("Access-Control-Max-Age", "600");
        ctx.status(200).result("OK");
    }

    private boolean allowed(String origin) {
        return origin != null && (origins.contains("*") || origins.contains(origin));
    }
}
