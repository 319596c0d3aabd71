package org.sandpaint.cli;

import org.sandpaint.download.DownloadException;
import org.sandpaint.download.DownloadProgress;
import org.sandpaint.download.DownloadQueue;
import org.sandpaint.download.FileDownload;
import org.sandpaint.download.Hub;
import org.sandpaint.download.HubClient;
import org.sandpaint.download.RepoDownload;
import org.sandpaint.download.SavedToken;
import org.sandpaint.download.Sizes;
import org.sandpaint.download.UrlDownload;
import org.sandpaint.app.UserFolders;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;

/** Downloads model files from the Hugging Face Hub, with progress, resume and verification. */
@Command(name = "download", mixinStandardHelpOptions = true,
        description = {"Download a model from the Hugging Face Hub (or HF_ENDPOINT): the named files, or the whole "
                + "repository. Files are verified against the Hub's checksums; an interrupted download resumes.",
                "Gated repositories need an access token: HF_TOKEN, or the token saved in the studio."})
final class DownloadCommand implements Callable<Integer> {

    /** Downloads at once; more rarely helps one connection's speed. */
    static final int PARALLEL = 3;

    @Parameters(index = "0", arity = "0..1", paramLabel = "REPO",
            description = "Repository id, e.g. stabilityai/sd-turbo.")
    String repo;

    @Option(names = "--url", paramLabel = "URL",
            description = "Download one file from a web address instead of a repository (a model site's link).")
    URI url;

    @Option(names = "--sha256", paramLabel = "HEX",
            description = "With --url: the file's SHA-256 as the site shows it, to verify the download.")
    String sha256;

    @Parameters(index = "1..*", paramLabel = "FILE", description = "Files to fetch (default: the whole repository).")
    List<String> files = new ArrayList<>();

    @Option(names = "--revision", paramLabel = "REV", defaultValue = "main",
            description = "Branch, tag or commit (default: ${DEFAULT-VALUE}).")
    String revision;

    @Option(names = "--to", paramLabel = "DIR",
            description = "Folder to download into (default: the models home's checkpoints/<repository name>).")
    Path to;

    private final Map<String, String> environment;

    DownloadCommand() {
        this(System.getenv());
    }

    /** With a given environment (HF_ENDPOINT, HF_TOKEN), for tests. */
    DownloadCommand(Map<String, String> environment) {
        this.environment = environment;
    }

    @Override
    public Integer call() throws Exception {
        UserFolders folders = UserFolders.forCurrentUser();
        Hub hub = Hub.fromEnvironment(environment, new SavedToken(folders.data().resolve("hf-token")).read());
        Path checkpoints = folders.data().resolve("models/checkpoints");
        Path folder;
        List<FileDownload> downloads;
        if ((repo == null) == (url == null)) {
            throw new IllegalArgumentException("Name a repository (owner/name) or give --url, not both.");
        } else if (url != null) {
            if (!files.isEmpty()) {
                throw new IllegalArgumentException("--url downloads one file; leave out the file names.");
            }
            folder = to != null ? to : checkpoints;
            downloads = List.of(UrlDownload.plan(url, folder, Optional.ofNullable(sha256)));
        } else {
            if (sha256 != null) {
                throw new IllegalArgumentException("--sha256 goes with --url: the Hub gives its own checksums.");
            }
            HubClient.checkRepoId(repo);
            folder = to != null ? to : checkpoints.resolve(repo.replace('/', '_'));
            downloads = RepoDownload.plan(new HubClient(hub), repo, revision, files, folder);
        }
        long total = downloads.stream().mapToLong(d -> Math.max(0, d.file().size())).sum();
        System.err.println("Downloading " + downloads.size() + " file(s), " + Sizes.human(total) + ", from "
                + (url != null ? url.getHost() : hub.endpoint() + "/" + repo) + " into " + folder.toAbsolutePath());
        ProgressLine line = new ProgressLine(System.err);
        List<String> failures = new ArrayList<>();
        try (DownloadQueue queue = new DownloadQueue(PARALLEL)) {
            List<DownloadQueue.Job> jobs = downloads.stream().map(d -> queue.submit(d, line::show)).toList();
            for (DownloadQueue.Job job : jobs) {
                try {
                    Path done = job.result().get();
                    line.done(done);
                } catch (ExecutionException e) {
                    Throwable cause = e.getCause();
                    String message = cause instanceof DownloadException ? cause.getMessage() : String.valueOf(cause);
                    line.failed(message);
                    failures.add(message);
                }
            }
        }
        if (!failures.isEmpty()) {
            System.err.println("sandpaint: " + failures.size() + " of " + downloads.size() + " file(s) failed.");
            return 1;
        }
        System.out.println(folder.toAbsolutePath());
        return 0;
    }

    /** One progress line on the terminal, rewritten in place. */
    static final class ProgressLine {
        private final PrintStream out;

        ProgressLine(PrintStream out) {
            this.out = out;
        }

        synchronized void show(DownloadProgress p) {
            String eta = p.etaSeconds().isPresent() ? String.format(Locale.ROOT, " ETA %d:%02d",
                    p.etaSeconds().getAsLong() / 60, p.etaSeconds().getAsLong() % 60) : "";
            String size = p.total() >= 0 ? Sizes.human(p.done()) + "/" + Sizes.human(p.total()) : Sizes.human(p.done());
            out.print(String.format(Locale.ROOT, "\r%-40s %3.0f%% %s %s/s%s   ", shorten(p.file()), p.fraction() * 100,
                    size, Sizes.human((long) p.bytesPerSecond()), eta));
            out.flush();
        }

        synchronized void done(Path file) {
            out.println("\r" + " ".repeat(100) + "\rverified " + file.getFileName());
        }

        synchronized void failed(String message) {
            out.println("\r" + " ".repeat(100) + "\rsandpaint: " + message);
        }

        private static String shorten(String name) {
            return name.length() <= 40 ? name : "..." + name.substring(name.length() - 37);
        }
    }
}
