package org.sandpaint.studio;

import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.PasswordField;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.sandpaint.download.CatalogEntry;

/** The "Download models" window: builds the controls and binds them to {@link DownloadsViewModel}. */
final class DownloadsWindow {

    private final Stage stage = new Stage();

    DownloadsWindow(Window owner, DownloadsViewModel vm) {
        stage.initOwner(owner);
        stage.setTitle("Download models");

        ListView<CatalogEntry> catalog = new ListView<>(vm.catalog());
        catalog.setId("downloadCatalog");
        catalog.setPrefHeight(300);
        VBox.setVgrow(catalog, Priority.ALWAYS);
        catalog.setCellFactory(list -> new ListCell<>() {
            @Override
            protected void updateItem(CatalogEntry entry, boolean empty) {
                super.updateItem(entry, empty);
                if (empty || entry == null) {
                    setGraphic(null);
                    return;
                }
                Label name = new Label(entry.name());
                name.setStyle("-fx-font-weight: bold");
                Label details = new Label(DownloadsViewModel.details(entry));
                details.setWrapText(true);
                VBox text = new VBox(2, name, details);
                text.setMinWidth(0);
                HBox.setHgrow(text, Priority.ALWAYS);
                Button get = new Button("Download");
                get.setMinWidth(Region.USE_PREF_SIZE);
                get.setOnAction(e -> vm.download(entry));
                HBox row = new HBox(8, text, get);
                row.setAlignment(Pos.CENTER_LEFT);
                // As wide as the list (less its scroll bar), so long lines wrap instead of scrolling sideways.
                row.prefWidthProperty().bind(list.widthProperty().subtract(32));
                row.setMaxWidth(Region.USE_PREF_SIZE);
                setGraphic(row);
            }
        });

        TextField repo = new TextField();
        repo.setId("downloadRepo");
        repo.setPromptText("owner/name, e.g. stabilityai/sd-turbo");
        repo.textProperty().bindBidirectional(vm.repoProperty());
        TextField files = new TextField();
        files.setId("downloadFiles");
        files.setPromptText("file names (empty: the whole repository)");
        files.textProperty().bindBidirectional(vm.filesProperty());
        HBox.setHgrow(repo, Priority.ALWAYS);
        HBox.setHgrow(files, Priority.ALWAYS);
        Button fetch = new Button("Download");
        fetch.setId("downloadTyped");
        fetch.disableProperty().bind(vm.repoProperty().isEmpty());
        fetch.setOnAction(e -> vm.downloadTyped());
        HBox typed = new HBox(8, repo, files, fetch);

        TextField url = new TextField();
        url.setId("downloadUrl");
        url.setPromptText("https://... a model site's download link");
        url.textProperty().bindBidirectional(vm.urlProperty());
        TextField sha = new TextField();
        sha.setPromptText("SHA-256 from the site (optional)");
        sha.textProperty().bindBidirectional(vm.urlSha256Property());
        HBox.setHgrow(url, Priority.ALWAYS);
        Button fetchUrl = new Button("Download");
        fetchUrl.disableProperty().bind(vm.urlProperty().isEmpty());
        fetchUrl.setOnAction(e -> vm.downloadUrl());
        HBox urlRow = new HBox(8, url, sha, fetchUrl);

        PasswordField token = new PasswordField();
        token.setId("downloadToken");
        token.setPromptText("Hugging Face access token (only for gated or private models)");
        token.textProperty().bindBidirectional(vm.tokenProperty());
        HBox.setHgrow(token, Priority.ALWAYS);
        Button save = new Button("Save token");
        save.setOnAction(e -> vm.saveToken());
        HBox tokenRow = new HBox(8, token, save);

        ListView<DownloadJobViewModel> jobs = new ListView<>(vm.jobs());
        jobs.setId("downloadJobs");
        jobs.setCellFactory(list -> new ListCell<>() {
            @Override
            protected void updateItem(DownloadJobViewModel job, boolean empty) {
                super.updateItem(job, empty);
                if (empty || job == null) {
                    setGraphic(null);
                    return;
                }
                ProgressBar bar = new ProgressBar();
                bar.progressProperty().bind(job.progressProperty());
                bar.setPrefWidth(160);
                Label status = new Label();
                status.textProperty().bind(job.statusProperty());
                status.setWrapText(true);
                status.setMaxWidth(Double.MAX_VALUE);
                HBox.setHgrow(status, Priority.ALWAYS);
                Button cancel = new Button("Cancel");
                cancel.visibleProperty().bind(job.runningProperty());
                cancel.setOnAction(e -> job.cancel());
                HBox row = new HBox(8, new Label(job.title()), bar, status, cancel);
                row.setAlignment(Pos.CENTER_LEFT);
                setGraphic(row);
            }
        });
        jobs.setPrefHeight(170);
        VBox.setVgrow(jobs, Priority.SOMETIMES);

        Label message = new Label();
        message.setId("downloadMessage");
        message.setWrapText(true);
        message.textProperty().bind(vm.messageProperty());

        VBox root = new VBox(8, new Label("Well-known models"), catalog,
                new Label("From a Hugging Face repository"), typed, tokenRow,
                new Label("From a web address"), urlRow, message, new Label("Downloads"), jobs);
        root.setPadding(new Insets(12));
        stage.setScene(new Scene(root, 820, 700));
    }

    void show() {
        stage.show();
        stage.toFront();
    }
}
