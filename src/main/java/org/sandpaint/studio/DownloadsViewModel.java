package org.sandpaint.studio;

import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.sandpaint.download.CatalogEntry;
import org.sandpaint.download.DownloadException;
import org.sandpaint.download.DownloadQueue;
import org.sandpaint.download.FileDownload;
import org.sandpaint.download.Hub;
import org.sandpaint.download.HubClient;
import org.sandpaint.download.ModelCatalog;
import org.sandpaint.download.RepoDownload;
import org.sandpaint.download.SavedToken;
import org.sandpaint.download.Sizes;
import org.sandpaint.download.UrlDownload;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * The "Download models" window's state and actions: the catalogue of well-known models, a repository
 * and file typed by hand, the access token, and the running downloads. Nothing touches the network
 * until the user starts a download. Progress arrives on download threads and is handed to {@code ui}.
 */
public final class DownloadsViewModel implements AutoCloseable {

    /** Downloads at once. */
    static final int PARALLEL = 2;

    private final ObservableList<CatalogEntry> catalog = FXCollections.observableArrayList(ModelCatalog.load());
    private final ObservableList<DownloadJobViewModel> jobs = FXCollections.observableArrayList();
    private final StringProperty repo = new SimpleStringProperty("");
    private final StringProperty files = new SimpleStringProperty("");
    private final StringProperty url = new SimpleStringProperty("");
    private final StringProperty urlSha256 = new SimpleStringProperty("");
    private final StringProperty token = new SimpleStringProperty("");
    private final StringProperty message = new SimpleStringProperty("");
    private final Map<String, String> environment;
    private final SavedToken savedToken;
    private final Path checkpoints;
    private final Path vaes;
    private final Executor ui;
    private final Consumer<Path> onDownloaded;
    private final DownloadQueue queue = new DownloadQueue(PARALLEL);

    /**
     * @param checkpoints  where checkpoints go (the models home's checkpoints folder)
     * @param vaes         where VAE files go
     * @param onDownloaded told about each verified file, on the UI thread (e.g. to refresh the model list)
     */
    public DownloadsViewModel(Map<String, String> environment, SavedToken savedToken, Path checkpoints, Path vaes,
                              Executor ui, Consumer<Path> onDownloaded) {
        this.environment = environment;
        this.savedToken = savedToken;
        this.checkpoints = checkpoints;
        this.vaes = vaes;
        this.ui = ui;
        this.onDownloaded = onDownloaded;
        token.set(savedToken.read().orElse(""));
    }

    public ObservableList<CatalogEntry> catalog() {
        return catalog;
    }

    public ObservableList<DownloadJobViewModel> jobs() {
        return jobs;
    }

    public StringProperty repoProperty() {
        return repo;
    }

    /** File names in the repository, separated by spaces or commas; empty = the whole repository. */
    public StringProperty filesProperty() {
        return files;
    }

    /** A model site's download link. */
    public StringProperty urlProperty() {
        return url;
    }

    /** The SHA-256 the site shows for that file (optional, but the only way to verify some links). */
    public StringProperty urlSha256Property() {
        return urlSha256;
    }

    public StringProperty tokenProperty() {
        return token;
    }

    public StringProperty messageProperty() {
        return message;
    }

    /** What a catalogue row says under the model's name: size, licence, what it is for. */
    public static String details(CatalogEntry entry) {
        return "about " + Sizes.human(entry.bytes()) + "  ·  " + entry.licence() + "  ·  " + entry.note();
    }

    public CompletableFuture<Void> download(CatalogEntry entry) {
        Path folder = entry.kind().equals("vae") ? vaes : checkpoints;
        return start(entry.repo(), entry.files(), folder);
    }

    /** Downloads what the repository and file fields name. */
    public CompletableFuture<Void> downloadTyped() {
        String repoId = repo.get().strip();
        List<String> names = List.of(files.get().strip().split("[\\s,]+")).stream().filter(s -> !s.isEmpty()).toList();
        Path folder = names.isEmpty() ? checkpoints.resolve(repoId.replace('/', '_')) : checkpoints;
        return start(repoId, names, folder);
    }

    /** Downloads what the URL field names into the checkpoints folder. */
    public CompletableFuture<Void> downloadUrl() {
        String address = url.get().strip();
        Optional<String> checksum = Optional.of(urlSha256.get()).filter(s -> !s.isBlank());
        message.set("Asking " + address + "...");
        return CompletableFuture.runAsync(() -> {
            try {
                FileDownload download = UrlDownload.plan(java.net.URI.create(address), checkpoints, checksum);
                ui.execute(() -> {
                    message.set("Downloading " + download.file().path() + " into " + checkpoints);
                    queue(download);
                });
            } catch (DownloadException e) {
                ui.execute(() -> message.set(e.getMessage()));
            } catch (IllegalArgumentException e) {
                ui.execute(() -> message.set("'" + address + "' is not a web address: give one that starts with https://."));
            }
        });
    }

    /** Saves the token readable only by the user (an empty field forgets it). */
    public void saveToken() {
        try {
            if (token.get().isBlank()) {
                savedToken.forget();
                message.set("The access token was removed.");
            } else {
                savedToken.save(token.get());
                message.set("The access token was saved (readable only by you).");
            }
        } catch (IOException e) {
            message.set("The access token could not be saved: " + e.getMessage());
        }
    }

    /** Lists the files off the UI thread, then queues one job per file. */
    private CompletableFuture<Void> start(String repoId, List<String> names, Path folder) {
        Hub hub = Hub.fromEnvironment(environment, Optional.of(token.get()).filter(t -> !t.isBlank()));
        HubClient client = new HubClient(hub);
        message.set("Asking " + hub.endpoint().getHost() + " about " + repoId + "...");
        return CompletableFuture.runAsync(() -> {
            List<FileDownload> downloads;
            try {
                downloads = RepoDownload.plan(client, HubClient.checkRepoId(repoId), "main", names, folder);
            } catch (DownloadException e) {
                ui.execute(() -> message.set(e.getMessage()));
                return;
            }
            ui.execute(() -> {
                message.set("Downloading " + downloads.size() + " file(s) of " + repoId + " into " + folder);
                downloads.forEach(this::queue);
            });
        });
    }

    private void queue(FileDownload download) {
        DownloadJobViewModel row = new DownloadJobViewModel(download.file().path());
        jobs.add(row);
        DownloadQueue.Job job = queue.submit(download, p -> ui.execute(() -> row.show(p)));
        row.attach(job);
        CompletableFuture.runAsync(() -> {
            try {
                Path file = job.result().get();
                ui.execute(() -> {
                    row.succeeded("Verified: " + file);
                    onDownloaded.accept(file);
                });
            } catch (ExecutionException e) {
                String reason = e.getCause() instanceof DownloadException ? e.getCause().getMessage()
                        : String.valueOf(e.getCause());
                ui.execute(() -> row.finish(reason));
            } catch (InterruptedException | java.util.concurrent.CancellationException e) {
                ui.execute(() -> row.finish("Cancelled (downloading it again resumes it)"));
            }
        });
    }

    @Override
    public void close() {
        jobs.forEach(DownloadJobViewModel::cancel);
        queue.close();
    }
}
