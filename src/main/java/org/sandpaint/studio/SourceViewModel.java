package org.sandpaint.studio;

import org.sandpaint.engine.Parameters;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import org.sandpaint.engine.InitImage;
import org.sandpaint.engine.Inpaint;
import org.sandpaint.engine.ImageFiles;
import org.sandpaint.engine.ResizeMode;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * The image-to-image and inpainting half of the panel: the source picture, the mask (opened from a file or
 * painted with the brush) and their settings. No controls here; the view binds to the properties.
 */
public final class SourceViewModel {

    private static final String NO_MASK = "No mask: paint one on the source or open a file";

    private final Consumer<String> errors;
    private final ObjectProperty<BufferedImage> sourceImage = new SimpleObjectProperty<>();
    private final StringProperty sourceName = new SimpleStringProperty("No source image");
    private final DoubleProperty strength = new SimpleDoubleProperty(Parameters.DENOISING_STRENGTH.defaultValue());
    private final ObjectProperty<ResizeMode> resizeMode = new SimpleObjectProperty<>(Parameters.RESIZE_MODE.defaultValue());
    private final ObjectProperty<BufferedImage> maskImage = new SimpleObjectProperty<>();
    private final StringProperty maskName = new SimpleStringProperty("No mask");
    private final IntegerProperty maskBlur = new SimpleIntegerProperty(Parameters.MASK_BLUR.defaultValue());
    private final BooleanProperty invertMask = new SimpleBooleanProperty(Parameters.INVERT_MASK.defaultValue());
    private final ObjectProperty<Inpaint.MaskedContent> maskedContent = new SimpleObjectProperty<>(Parameters.MASKED_CONTENT.defaultValue());
    private final ObjectProperty<Inpaint.Area> inpaintArea = new SimpleObjectProperty<>(Parameters.INPAINT_AREA.defaultValue());
    private final IntegerProperty inpaintPadding = new SimpleIntegerProperty(Parameters.INPAINT_PADDING.defaultValue());
    private final IntegerProperty brushSize = new SimpleIntegerProperty(32);
    private final BooleanProperty eraser = new SimpleBooleanProperty(Parameters.INVERT_MASK.defaultValue());
    private MaskPainter painter;

    /** @param errors where to show a problem ("" clears it) */
    SourceViewModel(Consumer<String> errors) {
        this.errors = errors;
    }

    /** What is still missing for {@code mode}, or "" when nothing is. */
    String missingFor(Mode mode) {
        if (mode != Mode.TEXT_TO_IMAGE && sourceImage.get() == null) {
            return "Open a source image for " + mode.toString().toLowerCase(Locale.ROOT) + ".";
        }
        if (mode == Mode.INPAINT && maskImage.get() == null) {
            return "Open a mask for inpainting: white is repainted, black is kept.";
        }
        return "";
    }

    /** The engine's source settings for {@code mode} (null for text to image). */
    InitImage initImage(Mode mode) {
        return switch (mode) {
            case TEXT_TO_IMAGE -> null;
            case IMAGE_TO_IMAGE -> new InitImage(sourceImage.get(), strength.get(), resizeMode.get());
            case INPAINT -> new InitImage(sourceImage.get(), strength.get(), resizeMode.get(),
                    new Inpaint(maskImage.get(), maskBlur.get(), invertMask.get(), maskedContent.get(),
                            inpaintArea.get(), inpaintPadding.get()));
        };
    }

    /** Opens a source picture; a bad file leaves the current one and says why. */
    public void openSource(Path file) {
        try {
            BufferedImage picture = ImageFiles.loadPicture(file);
            sourceImage.set(picture);
            sourceName.set(file.getFileName().toString());
            painter = new MaskPainter(picture.getWidth(), picture.getHeight());
            maskImage.set(null);
            maskName.set(NO_MASK);
            errors.accept("");
        } catch (IOException e) {
            errors.accept(e.getMessage());
        }
    }

    /** Opens a mask picture (white = repaint), which the brush can then go on editing. */
    public void openMask(Path file) {
        try {
            BufferedImage picture = ImageFiles.loadPicture(file);
            if (painter != null) {
                painter.load(picture);
                maskImage.set(painter.snapshot());
            } else {
                maskImage.set(picture);
            }
            maskName.set(file.getFileName().toString());
            errors.accept("");
        } catch (IOException e) {
            errors.accept(e.getMessage());
        }
    }

    /** A brush dab at picture coordinates (x, y), painting or erasing as chosen. */
    public void brushAt(double x, double y) {
        if (painter != null) {
            painter.stroke(x, y, brushSize.get(), eraser.get());
            publishMask();
        }
    }

    public void endBrushStroke() {
        if (painter != null) {
            painter.endStroke();
        }
    }

    public void undoMask() {
        edit(MaskPainter::undo);
    }

    public void clearMask() {
        edit(MaskPainter::clear);
    }

    public void invertPaintedMask() {
        edit(MaskPainter::invert);
    }

    private void edit(Consumer<MaskPainter> change) {
        if (painter != null) {
            change.accept(painter);
            publishMask();
        }
    }

    private void publishMask() {
        maskImage.set(painter.isEmpty() ? null : painter.snapshot());
        maskName.set(painter.isEmpty() ? NO_MASK : "Painted mask");
    }

    public ObjectProperty<BufferedImage> sourceImageProperty() { return sourceImage; }
    public ReadOnlyStringProperty sourceNameProperty() { return sourceName; }
    public DoubleProperty strengthProperty() { return strength; }
    public ObjectProperty<ResizeMode> resizeModeProperty() { return resizeMode; }
    public ObjectProperty<BufferedImage> maskImageProperty() { return maskImage; }
    public ReadOnlyStringProperty maskNameProperty() { return maskName; }
    public IntegerProperty maskBlurProperty() { return maskBlur; }
    public BooleanProperty invertMaskProperty() { return invertMask; }
    public ObjectProperty<Inpaint.MaskedContent> maskedContentProperty() { return maskedContent; }
    public ObjectProperty<Inpaint.Area> inpaintAreaProperty() { return inpaintArea; }
    public IntegerProperty inpaintPaddingProperty() { return inpaintPadding; }
    public IntegerProperty brushSizeProperty() { return brushSize; }
    public BooleanProperty eraserProperty() { return eraser; }
}
