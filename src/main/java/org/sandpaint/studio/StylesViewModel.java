package org.sandpaint.studio;

import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.sandpaint.engine.GenerationRequest;
import org.sandpaint.styles.PromptStyle;
import org.sandpaint.styles.StyleLibrary;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Saved prompt styles (the WebUI's styles.csv): which are chosen for the next job, saving the current
 * prompts as a style, import and export. Chosen styles are applied when a job is made, as the WebUI does,
 * so the prompt box keeps what was typed.
 */
public final class StylesViewModel {

    private final ParametersViewModel parameters;
    private final StatusLine statusLine;
    private StyleLibrary library;
    private final ObservableList<String> names = FXCollections.observableArrayList();
    private final ObservableList<String> chosen = FXCollections.observableArrayList();

    StylesViewModel(Path file, ParametersViewModel parameters, StatusLine statusLine) {
        this.parameters = parameters;
        this.statusLine = statusLine;
        try {
            library = StyleLibrary.load(file);
        } catch (IOException e) {
            statusLine.error("Saved styles could not be read (" + e.getMessage() + "). The file is left as it is; "
                    + "styles saved now go to " + file.getFileName() + ".new.");
            library = emptyLibrary(file);
        }
        names.setAll(library.names());
    }

    /** An empty library beside {@code file}, which is damaged: saving must not overwrite what may be mended. */
    private static StyleLibrary emptyLibrary(Path file) {
        try {
            return StyleLibrary.load(file.resolveSibling(file.getFileName() + ".new"));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Chooses a style for the next jobs, or takes it back; the order chosen is the order applied. */
    public void choose(String name, boolean on) {
        if (on && !chosen.contains(name)) {
            chosen.add(name);
        } else if (!on) {
            chosen.remove(name);
        }
    }

    /** The request with the chosen styles applied to its prompts. */
    GenerationRequest apply(GenerationRequest request) {
        if (chosen.isEmpty()) {
            return request;
        }
        StyleLibrary.StyledPrompt styled = library.apply(request.prompt(), request.negativePrompt(), List.copyOf(chosen));
        return request.toBuilder().prompt(styled.prompt()).negativePrompt(styled.negativePrompt()).build();
    }

    /** Saves the current prompt and negative prompt as a style (replacing one of that name). */
    public void saveCurrent(String name) {
        try {
            library.put(new PromptStyle(name == null ? "" : name.strip(), parameters.promptProperty().get(),
                    parameters.negativePromptProperty().get()));
            library.save();
            names.setAll(library.names());
            statusLine.status("Saved the prompts as style \"" + name.strip() + "\" in " + library.file() + ".");
        } catch (IllegalArgumentException | IOException e) {
            statusLine.error("The style was not saved: " + e.getMessage());
        }
    }

    /** Adds the styles of a WebUI styles.csv. */
    public void importFrom(Path csv) {
        try {
            int read = library.importFile(csv);
            names.setAll(library.names());
            statusLine.status("Imported " + read + " style(s) from " + csv.getFileName() + ".");
        } catch (IOException e) {
            statusLine.error("No styles imported: " + e.getMessage());
        }
    }

    /** Writes every style to a styles.csv the WebUI reads. */
    public void exportTo(Path csv) {
        try {
            library.exportFile(csv);
            statusLine.status("Exported " + names.size() + " style(s) to " + csv + ".");
        } catch (IOException e) {
            statusLine.error("The styles were not exported: " + e.getMessage());
        }
    }

    /** Every saved style's name. */
    public ObservableList<String> names() { return names; }
    /** The styles chosen for the next jobs, in the order they apply. */
    public ObservableList<String> chosen() { return chosen; }
}
