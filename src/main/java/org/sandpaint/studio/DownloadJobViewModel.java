package org.sandpaint.studio;

import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import org.sandpaint.download.DownloadProgress;
import org.sandpaint.download.DownloadQueue;
import org.sandpaint.download.Sizes;

import java.util.Locale;

/** One file being downloaded, as the downloads window shows it: a name, a bar, a status line. */
public final class DownloadJobViewModel {

    private final String title;
    private final DoubleProperty progress = new SimpleDoubleProperty(-1);
    private final StringProperty status = new SimpleStringProperty("Waiting");
    private final BooleanProperty running = new SimpleBooleanProperty(true);
    private DownloadQueue.Job job;

    DownloadJobViewModel(String title) {
        this.title = title;
    }

    void attach(DownloadQueue.Job job) {
        this.job = job;
    }

    public String title() {
        return title;
    }

    public DoubleProperty progressProperty() {
        return progress;
    }

    public StringProperty statusProperty() {
        return status;
    }

    public BooleanProperty runningProperty() {
        return running;
    }

    /** Stops the download; what arrived stays on disk, and downloading it again resumes it. */
    public void cancel() {
        if (job != null && running.get()) {
            job.cancel();
            finish("Cancelled (downloading it again resumes it)");
        }
    }

    void show(DownloadProgress p) {
        if (!running.get()) {
            return;
        }
        progress.set(p.total() > 0 ? p.fraction() : -1);
        String eta = p.etaSeconds().isPresent() ? String.format(Locale.ROOT, ", %d:%02d left",
                p.etaSeconds().getAsLong() / 60, p.etaSeconds().getAsLong() % 60) : "";
        status.set(Sizes.human(p.done()) + (p.total() >= 0 ? " of " + Sizes.human(p.total()) : "") + " at "
                + Sizes.human((long) p.bytesPerSecond()) + "/s" + eta);
    }

    void finish(String message) {
        running.set(false);
        status.set(message);
    }

    void succeeded(String message) {
        progress.set(1);
        finish(message);
    }
}
