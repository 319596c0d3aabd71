package org.sandpaint.studio;

import javafx.beans.Observable;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.beans.value.ObservableBooleanValue;
import org.sandpaint.engine.GenerationRequest;
import org.sandpaint.plot.Axis;
import org.sandpaint.plot.AxisType;
import org.sandpaint.plot.AxisTypes;
import org.sandpaint.plot.XyzPlot;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * The X/Y/Z plot panel: up to three axes (a type and its values as the WebUI writes them), each checked by
 * the plot service as it is typed, and the whole plot run as one queued job on the current settings.
 */
public final class XyzViewModel {

    /** One axis: its type (null = not used) and values text, with the service's message about them. */
    public static final class AxisInput {
        private final String letter;
        private final ObjectProperty<AxisType> type = new SimpleObjectProperty<>();
        private final StringProperty values = new SimpleStringProperty("");
        private final StringBinding message;

        AxisInput(String letter) {
            this.letter = letter;
            message = Bindings.createStringBinding(() -> {
                try {
                    axis();
                    return "";
                } catch (IllegalArgumentException e) {
                    return e.getMessage();
                }
            }, type, values);
        }

        /** The axis, null when not used; throws the service's message when the values do not read. */
        Axis axis() {
            return type.get() == null ? null : Axis.of(letter, type.get(), values.get().strip());
        }

        public String letter() { return letter; }
        public ObjectProperty<AxisType> typeProperty() { return type; }
        public StringProperty valuesProperty() { return values; }
        /** What is wrong with this axis ("" when nothing is), shown at its field. */
        public StringBinding messageProperty() { return message; }
    }

    private final List<AxisInput> axes = List.of(new AxisInput("X"), new AxisInput("Y"), new AxisInput("Z"));
    private final Supplier<GenerationRequest> request;
    private final JobsViewModel jobs;
    private final StatusLine statusLine;
    private final StringBinding problem;
    private final StringBinding summary;

    /**
     * @param request  the job the current settings describe (styles applied); only called when they are valid
     * @param canRun   whether Generate could run now (a model loaded, every field valid)
     * @param why      why it cannot
     */
    XyzViewModel(Supplier<GenerationRequest> request, ObservableBooleanValue canRun, StringBinding why,
                 JobsViewModel jobs, StatusLine statusLine) {
        this.request = request;
        this.jobs = jobs;
        this.statusLine = statusLine;
        axes.get(0).typeProperty().set(AxisTypes.STEPS);
        axes.get(0).valuesProperty().set("10, 20, 30");
        List<Observable> inputs = new ArrayList<>(List.of(canRun, why));
        axes.forEach(a -> inputs.addAll(List.of(a.typeProperty(), a.valuesProperty())));
        Observable[] deps = inputs.toArray(Observable[]::new);
        problem = Bindings.createStringBinding(() -> {
            if (!canRun.get()) {
                return why.get();
            }
            if (axes.get(0).typeProperty().get() == null) {
                return "Choose what the X axis varies.";
            }
            try {
                plot();
                return "";
            } catch (IllegalArgumentException e) {
                return e.getMessage();
            }
        }, deps);
        summary = Bindings.createStringBinding(() -> {
            try {
                return problem.get().isEmpty() ? plot().cells().size() + " pictures, one job" : "";
            } catch (IllegalArgumentException e) {
                return "";
            }
        }, problem);
    }

    private XyzPlot plot() {
        return new XyzPlot(request.get(), axes.get(0).axis(), axes.get(1).axis(), axes.get(2).axis());
    }

    /** Queues the plot as one job; the grid lands in the history when it ends. */
    public void run() {
        if (!problem.get().isEmpty()) {
            statusLine.status("The X/Y/Z plot cannot run: " + problem.get());
            return;
        }
        try {
            // Built again: the settings (a size, say) may have changed since the panel last checked.
            jobs.submit(plot());
        } catch (IllegalArgumentException e) {
            statusLine.status("The X/Y/Z plot cannot run: " + e.getMessage());
        }
    }

    /** X, Y and Z. */
    public List<AxisInput> axes() { return axes; }
    /** The types a person picks from, in the WebUI's order. */
    public List<AxisType> types() { return AxisTypes.ALL; }
    /** Why the plot cannot run ("" when it can). */
    public StringBinding problemProperty() { return problem; }
    /** "12 pictures, one job" when it can run. */
    public StringBinding summaryProperty() { return summary; }
}
