package org.sandpaint.server;

import java.util.Locale;

/**
 * The model this server runs, as the WebUI lists checkpoints. Its title is the model folder's name; clients
 * may also send it the WebUI's ways: with a file extension or a {@code [hash]} suffix.
 */
record ServedModel(String title) {

    boolean matches(String wanted) {
        if (wanted == null) {
            return false;
        }
        String w = wanted.strip().replaceFirst("\\s*\\[[0-9a-fA-F]*]$", "");
        String lower = w.toLowerCase(Locale.ROOT);
        for (String ext : new String[] {".safetensors", ".ckpt"}) {
            if (lower.endsWith(ext)) {
                w = w.substring(0, w.length() - ext.length());
            }
        }
        return w.equalsIgnoreCase(title);
    }
}
