package org.sandpaint.engine.checkpoint;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The shared tiny SD 1.x checkpoint ({@code ../shared/fixtures/tiny-sd1-checkpoint}); tests using it skip
 * when the shared folder is absent.
 */
public final class TinySd1Fixture {

    private TinySd1Fixture() {
    }

    public static Path checkpoint() {
        return require("tiny-sd1.safetensors");
    }

    public static Path yaml() {
        return require("tiny-sd1.yaml");
    }

    private static Path require(String name) {
        String shared = System.getProperty("sandpaint.shared");
        Path file = shared == null ? null : Path.of(shared, "fixtures", "tiny-sd1-checkpoint", name);
        assumeTrue(file != null && Files.isRegularFile(file), "Skipped: ../shared/fixtures/tiny-sd1-checkpoint/"
                + name + " not found (set -Dsandpaint.shared to the shared folder)");
        return file;
    }

    /**
     * The {@code unet_config.params} block of an LDM yaml, read just far enough for these tests: scalars
     * stay strings, {@code [a, b]} becomes a list of strings (a full yaml reader is the checkpoint loader's).
     */
    public static Map<String, Object> unetParams(Path yaml) throws IOException {
        List<String> lines = Files.readAllLines(yaml);
        Map<String, Object> params = new LinkedHashMap<>();
        int unet = indexOf(lines, "unet_config:", 0);
        int start = indexOf(lines, "params:", unet);
        int indent = -1;
        for (int i = start + 1; i < lines.size(); i++) {
            String line = lines.get(i).replaceAll("#.*", "");
            if (line.isBlank()) {
                continue;
            }
            int lineIndent = line.length() - line.stripLeading().length();
            if (indent == -1) {
                indent = lineIndent;
            }
            if (lineIndent < indent) {
                break;
            }
            String[] kv = line.trim().split(":", 2);
            String value = kv[1].trim();
            if (value.startsWith("[")) {
                List<Object> list = new ArrayList<>();
                for (String item : value.substring(1, value.length() - 1).split(",")) {
                    list.add(item.trim());
                }
                params.put(kv[0].trim(), list);
            } else {
                params.put(kv[0].trim(), value);
            }
        }
        return params;
    }

    private static int indexOf(List<String> lines, String key, int from) {
        for (int i = from; i < lines.size(); i++) {
            if (lines.get(i).trim().equals(key)) {
                return i;
            }
        }
        throw new IllegalStateException(key + " not found in the yaml");
    }
}
