package org.sandpaint.app;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * Where Sandpaint keeps per-user files, by each OS's convention: never inside the install folder.
 *
 * @param data    settings, history, downloaded models (Linux: $XDG_DATA_HOME/sandpaint)
 * @param cache   things that can be rebuilt, like model hashes (Linux: $XDG_CACHE_HOME/sandpaint)
 * @param outputs where the studio saves pictures by default (~/Pictures/Sandpaint on every OS)
 */
public record UserFolders(Path data, Path cache, Path outputs) {

    /** The folders for the current user and OS. */
    public static UserFolders forCurrentUser() {
        return forSystem(System.getProperty("os.name", ""), Path.of(System.getProperty("user.home", ".")), System.getenv());
    }

    /** The folders for a given OS name, home folder and environment (testable without changing the JVM). */
    static UserFolders forSystem(String osName, Path home, Map<String, String> env) {
        String os = osName.toLowerCase(Locale.ROOT);
        if (os.contains("win")) {
            Path local = env.containsKey("LOCALAPPDATA") ? Path.of(env.get("LOCALAPPDATA")) : home.resolve("AppData/Local");
            Path roaming = env.containsKey("APPDATA") ? Path.of(env.get("APPDATA")) : home.resolve("AppData/Roaming");
            return new UserFolders(roaming.resolve("Sandpaint"), local.resolve("Sandpaint/Cache"), pictures(home));
        }
        if (os.contains("mac")) {
            return new UserFolders(home.resolve("Library/Application Support/Sandpaint"),
                    home.resolve("Library/Caches/Sandpaint"), pictures(home));
        }
        Path data = env.containsKey("XDG_DATA_HOME") ? Path.of(env.get("XDG_DATA_HOME")) : home.resolve(".local/share");
        Path cache = env.containsKey("XDG_CACHE_HOME") ? Path.of(env.get("XDG_CACHE_HOME")) : home.resolve(".cache");
        return new UserFolders(data.resolve("sandpaint"), cache.resolve("sandpaint"), pictures(home));
    }

    private static Path pictures(Path home) {
        return home.resolve("Pictures").resolve("Sandpaint");
    }

    public Path settingsFile() {
        return data.resolve("settings.json");
    }

    public Path historyFile() {
        return data.resolve("history.json");
    }

    /** The saved prompt styles, in the WebUI's styles.csv format. */
    public Path stylesFile() {
        return data.resolve("styles.csv");
    }

    /** The JSON file caching model hashes across runs. */
    public Path modelHashCache() {
        return cache.resolve("model-hashes.json");
    }
}
