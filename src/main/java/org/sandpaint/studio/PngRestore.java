package org.sandpaint.studio;

import org.sandpaint.engine.Infotext;
import org.sandpaint.engine.ImageFiles;

import java.io.IOException;
import java.nio.file.Path;

/** A PNG dropped on the window (ours or the WebUI's) gives back the parameters it was made with. */
final class PngRestore {

    private final ParametersViewModel parameters;
    private final StatusLine statusLine;

    PngRestore(ParametersViewModel parameters, StatusLine statusLine) {
        this.parameters = parameters;
        this.statusLine = statusLine;
    }

    /** Restores parameters from a PNG file; the status line says when the file has none. */
    void restoreFrom(Path png) {
        try {
            String text = ImageFiles.readParameters(png).orElse(null);
            if (text == null) {
                statusLine.status(png.getFileName() + " has no generation parameters.");
                return;
            }
            parameters.applyInfotext(Infotext.parse(text));
            statusLine.status("Parameters restored from " + png.getFileName() + ".");
        } catch (IOException e) {
            statusLine.error(e.getMessage());
        }
    }
}
