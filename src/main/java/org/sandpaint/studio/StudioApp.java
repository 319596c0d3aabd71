package org.sandpaint.studio;

import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.sandpaint.app.UserFolders;
import org.sandpaint.download.SavedToken;
import org.sandpaint.engine.BundledModel;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The studio window. Started by {@link org.sandpaint.Launcher} (which does not extend Application, so
 * the app runs on the plain classpath). A model folder given as {@code --model DIR}, else the last one
 * used, else the bundled demo model is loaded at start.
 */
public final class StudioApp extends Application {

    private EngineService engineService;
    private StudioViewModel vm;
    private UserFolders folders;
    private DownloadsViewModel downloads;
    private DownloadsWindow downloadsWindow;

    /** Started before JavaFX: prepares the JSON readers on a spare core while the toolkit starts. */
    public static void warmUpInBackground() {
        Thread warmUp = new Thread(JsonFiles::warmUp, "studio-warm-up");
        warmUp.setDaemon(true);
        warmUp.start();
    }

    @Override
    public void start(Stage stage) {
        folders = UserFolders.forCurrentUser();
        engineService = new OnnxEngineService(folders.modelHashCache());
        // Damaged history or settings files are mended (at start, or when another studio wrote a bad one);
        // what happened goes to the window's error line, on the UI thread once the window is up.
        Consumer<String> warnings = warning -> Platform.runLater(() -> vm.warn(warning));
        History history = new History(folders.historyFile(), warnings);
        StudioSettings settings = StudioSettings.load(folders.settingsFile(), folders.outputs(), warnings);
        vm = new StudioViewModel(engineService, Platform::runLater, history, folders.outputs());
        vm.applySettings(settings);
        Scene scene = MainView.scene(vm, () -> showDownloads(stage));
        stage.titleProperty().bind(vm.titleProperty());
        for (int size : new int[] {32, 64, 256}) {
            stage.getIcons().add(new javafx.scene.image.Image(
                    StudioApp.class.getResource("sandpaint-" + size + ".png").toExternalForm()));
        }
        stage.setScene(scene);
        stage.show();
        initialModel(getParameters().getRaw(), settings).ifPresent(vm.model()::load);
    }

    /** The downloads window, made on first use: nothing touches the network before the user asks. */
    private void showDownloads(Stage owner) {
        if (downloadsWindow == null) {
            Path models = folders.data().resolve("models");
            downloads = new DownloadsViewModel(System.getenv(), new SavedToken(folders.data().resolve("hf-token")),
                    models.resolve("checkpoints"), models.resolve("vae"), Platform::runLater, vm::downloaded);
            downloadsWindow = new DownloadsWindow(owner, downloads);
        }
        downloadsWindow.show();
    }

    /** --model DIR, else the last model used, else the bundled demo model when there is one. */
    static Optional<Path> initialModel(List<String> args, StudioSettings settings) {
        int i = args.indexOf("--model");
        if (i >= 0 && i + 1 < args.size()) {
            return JsonFiles.path(args.get(i + 1));
        }
        Optional<Path> remembered = SettingsMapper.rememberedModel(settings);
        return remembered.isPresent() ? remembered : BundledModel.find();
    }

    @Override
    public void stop() {
        try {
            vm.settings().save(folders.settingsFile());
        } catch (java.io.IOException e) {
            org.slf4j.LoggerFactory.getLogger(StudioApp.class).warn("Settings not saved: {}", e.getMessage());
        }
        if (downloads != null) {
            downloads.close(); // a running download keeps its .part and resumes next time
        }
        if (engineService != null) {
            engineService.close();
        }
    }
}
