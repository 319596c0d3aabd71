package org.sandpaint.server;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/** HTTP Basic credentials from {@code --api-auth user:pass[,user2:pass2]}, compared in constant time. */
final class BasicAuth {

    private final Map<String, byte[]> passwords;

    private BasicAuth(Map<String, byte[]> passwords) {
        this.passwords = passwords;
    }

    /** Parses the WebUI's --api-auth syntax; a password may itself hold ':' (split at the first one). */
    static BasicAuth parse(String spec) {
        Map<String, byte[]> passwords = new LinkedHashMap<>();
        for (String pair : spec.split(",")) {
            int colon = pair.indexOf(':');
            if (colon <= 0 || colon == pair.length() - 1) {
                throw new IllegalArgumentException("--api-auth wants user:password pairs separated by commas, got '"
                        + pair.replaceAll(":.*", ":...") + "'.");
            }
            passwords.put(pair.substring(0, colon), pair.substring(colon + 1).getBytes(StandardCharsets.UTF_8));
        }
        return new BasicAuth(passwords);
    }

    /** True when the Authorization header carries one of the configured user/password pairs. */
    boolean accepts(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            return false;
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(authorization.substring(6).strip()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return false;
        }
        int colon = decoded.indexOf(':');
        if (colon < 0) {
            return false;
        }
        byte[] expected = passwords.get(decoded.substring(0, colon));
        byte[] given = decoded.substring(colon + 1).getBytes(StandardCharsets.UTF_8);
        // Compare even for an unknown user, so the time taken does not reveal which users exist.
        return MessageDigest.isEqual(expected == null ? new byte[given.length + 1] : expected, given) && expected != null;
    }
}
