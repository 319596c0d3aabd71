package org.sandpaint.download;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Chooses the files of a repository to download and where each goes. */
public final class RepoDownload {

    /** How often one file's connection may drop before the run gives up on it. */
    public static final int ATTEMPTS = 5;

    private RepoDownload() {
    }

    /**
     * The downloads for {@code wanted} files of the repository (all of them when empty), each under
     * {@code folder} at its path in the repository.
     */
    public static List<FileDownload> plan(HubClient client, String repo, String revision, List<String> wanted,
                                          Path folder) throws DownloadException {
        List<HubFile> files = client.files(repo, revision);
        Map<String, HubFile> byPath = files.stream().collect(Collectors.toMap(HubFile::path, Function.identity(),
                (a, b) -> a));
        List<HubFile> chosen = new ArrayList<>();
        if (wanted.isEmpty()) {
            files.stream().filter(f -> !f.path().startsWith(".")).forEach(chosen::add);
        } else {
            for (String name : wanted) {
                HubFile file = byPath.get(name);
                if (file == null) {
                    throw new DownloadException(repo + " has no file '" + name + "'. It has: "
                            + String.join(", ", byPath.keySet().stream().sorted().limit(30).toList())
                            + (byPath.size() > 30 ? ", ..." : "") + ".");
                }
                chosen.add(file);
            }
        }
        List<FileDownload> downloads = new ArrayList<>();
        for (HubFile file : chosen) {
            downloads.add(new FileDownload(client.source(repo, revision, file), file, inside(folder, file.path()), ATTEMPTS));
        }
        return downloads;
    }

    /** The file's place under {@code folder}; a path that would leave it (../, absolute) is refused. */
    static Path inside(Path folder, String repoPath) throws DownloadException {
        Path root = folder.toAbsolutePath().normalize();
        Path target = root.resolve(repoPath).normalize();
        if (!target.startsWith(root) || target.equals(root) || repoPath.contains("\\")) {
            throw new DownloadException("The Hub listed a file named '" + repoPath + "', which would land outside "
                    + folder + ". It was not downloaded.");
        }
        return target;
    }
}
