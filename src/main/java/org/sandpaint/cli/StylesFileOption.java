package org.sandpaint.cli;

import org.sandpaint.app.UserFolders;
import org.sandpaint.styles.StyleLibrary;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Path;

/** --styles-file: which styles.csv the commands use; the user's own by default. */
final class StylesFileOption {

    @Option(names = "--styles-file", paramLabel = "FILE",
            description = "Styles file in the WebUI's styles.csv format (default: styles.csv in the user's data folder).")
    Path file;

    StyleLibrary load() throws IOException {
        return StyleLibrary.load(file != null ? file : UserFolders.forCurrentUser().stylesFile());
    }
}
