package org.sandpaint.studio;

import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;

/**
 * The keys artists know: Ctrl+Enter generates, Esc interrupts, Ctrl+Q quits (saving the settings).
 *
 * <p>Ctrl+Enter is taken before any control sees it (a scene filter), not as an accelerator: an editable
 * spinner hands each key to its text field again, and that copy reached the accelerator as well, so one
 * press queued the job twice. The number being typed in the focused field is committed first, so the job
 * uses what the field shows.
 */
final class Shortcuts {

    private static final KeyCombination GENERATE = new KeyCodeCombination(KeyCode.ENTER, KeyCombination.SHORTCUT_DOWN);

    private Shortcuts() {
    }

    static void install(Scene scene, StudioViewModel vm) {
        scene.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (GENERATE.match(e)) {
                e.consume();
                NumberFields.commitEditing(scene.getFocusOwner());
                vm.generate();
            }
        });
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.ESCAPE), vm.jobs()::interrupt);
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.Q, KeyCombination.SHORTCUT_DOWN), Platform::exit);
    }
}
