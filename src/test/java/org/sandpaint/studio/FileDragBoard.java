package org.sandpaint.studio;

import com.sun.javafx.scene.input.DragboardHelper;
import com.sun.javafx.tk.TKClipboard;
import javafx.scene.image.Image;
import javafx.scene.input.DataFormat;
import javafx.scene.input.Dragboard;
import javafx.scene.input.TransferMode;
import javafx.util.Pair;

import java.io.File;
import java.security.AccessControlContext;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The drag board a file manager hands over when files are dragged onto a window: files, offered for
 * copying. Tests cannot drag from another program, so they build this and deliver the drag events
 * themselves (JavaFX on the classpath lets test code reach its toolkit interfaces).
 */
final class FileDragBoard implements TKClipboard {

    private final Map<DataFormat, Object> content;

    private FileDragBoard(List<File> files) {
        content = Map.of(DataFormat.FILES, files);
    }

    static Dragboard of(File... files) {
        return DragboardHelper.createDragboard(new FileDragBoard(List.of(files)));
    }

    @Override public void setSecurityContext(AccessControlContext context) { }
    @Override public Set<DataFormat> getContentTypes() { return content.keySet(); }
    @SafeVarargs @Override public final boolean putContent(Pair<DataFormat, Object>... pairs) { return false; }
    @Override public Object getContent(DataFormat format) { return content.get(format); }
    @Override public boolean hasContent(DataFormat format) { return content.containsKey(format); }
    @Override public Set<TransferMode> getTransferModes() { return Set.of(TransferMode.COPY); }
    @Override public void setDragView(Image image) { }
    @Override public void setDragViewOffsetX(double offsetX) { }
    @Override public void setDragViewOffsetY(double offsetY) { }
    @Override public Image getDragView() { return null; }
    @Override public double getDragViewOffsetX() { return 0; }
    @Override public double getDragViewOffsetY() { return 0; }
}
