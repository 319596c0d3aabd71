package org.sandpaint.studio;

import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.stage.Stage;
import org.sandpaint.app.UserFolders;
import org.sandpaint.engine.BundledModel;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The studio window. Started by {@link org.sandpaint.Launcher} (which does not extend Application, so
 * the app runs on the plain classpath). A model folder given as {@code --model DIR}, else the last one
 * used, else the bundled demo model is loaded at start.
 */
public final class StudioApp extends Application {

    private EngineService engineService;
    private GenerationViewModel vm;
    private UserFolders folders;

    /** Started before JavaFX: prepares the JSON readers on a spare core while the toolkit starts. */
    public static void warmUpInBackground() {
        Thread warmUp = new Thread(JsonFiles::warmUp, "studio-warm-up");
        warmUp.setDaemon(true);
        warmUp.start();
    }

    @Override
    public void start(Stage stage) {
        folders = UserFolders.forCurrentUser();
        engineService = new EngineService();
        vm = new GenerationViewModel(engineService, Platform::runLater, new History(folders.historyFile()),
                folders.outputs());
        StudioSettings settings = StudioSettings.load(folders.settingsFile(), folders.outputs());
        vm.applySettings(settings);
        Scene scene = new Scene(new MainView(vm).root(), 1280, 800);
        scene.getStylesheets().add(StudioApp.class.getResource("studio.css").toExternalForm());
        installShortcuts(scene, vm);
        stage.titleProperty().bind(vm.titleProperty());
        for (int size : new int[] {32, 64, 256}) {
            stage.getIcons().add(new javafx.scene.image.Image(
                    StudioApp.class.getResource("sandpaint-" + size + ".png").toExternalForm()));
        }
        stage.setScene(scene);
        stage.show();
        initialModel(getParameters().getRaw(), settings).ifPresent(vm::loadModel);
    }

    /** The keys artists know: Ctrl+Enter generates, Esc interrupts, Ctrl+Q quits (saving the settings). */
    static void installShortcuts(Scene scene, GenerationViewModel vm) {
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.ENTER, KeyCombination.SHORTCUT_DOWN), vm::generate);
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.ESCAPE), vm::interrupt);
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.Q, KeyCombination.SHORTCUT_DOWN), Platform::exit);
    }

    /** --model DIR, else the last model used, else the bundled demo model when there is one. */
    static java.util.Optional<Path> initialModel(List<String> args, StudioSettings settings) {
        int i = args.indexOf("--model");
        if (i >= 0 && i + 1 < args.size()) {
            return java.util.Optional.of(Path.of(args.get(i + 1)));
        }
        if (settings.modelFolder() != null && Files.isDirectory(Path.of(settings.modelFolder()))) {
            return java.util.Optional.of(Path.of(settings.modelFolder()));
        }
        return BundledModel.find();
    }

    @Override
    public void stop() {
        try {
            vm.settings().save(folders.settingsFile());
        } catch (java.io.IOException e) {
            org.slf4j.LoggerFactory.getLogger(StudioApp.class).warn("Settings not saved: {}", e.getMessage());
        }
        if (engineService != null) {
            engineService.close();
        }
    }
}
