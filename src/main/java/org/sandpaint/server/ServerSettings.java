package org.sandpaint.server;

import java.util.List;

/**
 * How the server listens.
 *
 * @param host         address to bind; 127.0.0.1 keeps the API on this computer
 * @param port         TCP port; 0 picks a free one (tests)
 * @param apiAuth      the WebUI's --api-auth text (user:pass[,user2:pass2]), or null for no authentication
 * @param corsOrigins  browser origins allowed to call the API ("*" for any); empty = no CORS headers
 * @param maxBodyBytes largest request body accepted; larger ones get 413
 */
public record ServerSettings(String host, int port, String apiAuth, List<String> corsOrigins, long maxBodyBytes) {

    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_PORT = 7860;
    /** 100 MB: room for a few large base64 source pictures, small enough to refuse abuse. */
    public static final long DEFAULT_MAX_BODY = 100L * 1000 * 1000;

    public ServerSettings {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("Port must be between 0 and 65535, got " + port + ".");
        }
        if (apiAuth != null) {
            BasicAuth.parse(apiAuth); // refuse a malformed --api-auth before anything listens
        }
        corsOrigins = corsOrigins == null ? List.of() : List.copyOf(corsOrigins);
    }

    /** Loopback, no auth, no CORS, the default body limit. */
    public static ServerSettings local(int port) {
        return new ServerSettings(DEFAULT_HOST, port, null, List.of(), DEFAULT_MAX_BODY);
    }

    /** Parses --listen: "host:port", "host", ":port" or "port"; IPv6 hosts in brackets ("[::1]:7860"). */
    public static ServerSettings listen(String text, String apiAuth, List<String> corsOrigins) {
        String s = text.strip();
        String host = DEFAULT_HOST;
        int port = DEFAULT_PORT;
        int colon = s.startsWith("[") ? s.indexOf(':', s.indexOf(']')) : s.lastIndexOf(':');
        String hostPart = colon >= 0 ? s.substring(0, colon) : (s.matches("\\d+") ? "" : s);
        String portPart = colon >= 0 ? s.substring(colon + 1) : (s.matches("\\d+") ? s : "");
        if (!hostPart.isEmpty()) {
            host = hostPart.replace("[", "").replace("]", "");
        }
        if (!portPart.isEmpty()) {
            try {
                port = Integer.parseInt(portPart);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--listen wants HOST:PORT (e.g. 127.0.0.1:7860), got '" + text + "'.");
            }
        }
        return new ServerSettings(host, port, apiAuth, corsOrigins, DEFAULT_MAX_BODY);
    }

    /** True when the address is reachable only from this computer. */
    public boolean loopbackOnly() {
        return host.equals("127.0.0.1") || host.equals("::1") || host.equalsIgnoreCase("localhost")
                || host.startsWith("127.");
    }
}
