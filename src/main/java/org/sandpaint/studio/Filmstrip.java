package org.sandpaint.studio;

import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;

/** Scrub through the last job's checkpoint previews to watch the picture condense out of the noise. */
final class Filmstrip {

    private Filmstrip() {
    }

    static HBox build(JobsViewModel jobs) {
        Slider scrub = new Slider(0, 0, 0);
        scrub.setId("filmstrip");
        scrub.setMajorTickUnit(1);
        scrub.setMinorTickCount(0);
        scrub.setSnapToTicks(true);
        scrub.setBlockIncrement(1);
        HBox.setHgrow(scrub, Priority.ALWAYS);
        Label step = new Label();
        jobs.checkpoints().addListener((ListChangeListener<JobsViewModel.Checkpoint>) c -> {
            scrub.setMax(Math.max(0, jobs.checkpoints().size() - 1));
            scrub.setValue(scrub.getMax());
        });
        scrub.valueProperty().addListener((obs, old, v) -> {
            int i = (int) Math.round(v.doubleValue());
            if (i < jobs.checkpoints().size()) {
                step.setText("step " + jobs.checkpoints().get(i).step());
                if (!jobs.runningProperty().get()) {
                    jobs.showCheckpoint(i);
                }
            }
        });
        HBox strip = new HBox(8, new Label("Checkpoints"), scrub, step);
        strip.setAlignment(Pos.CENTER_LEFT);
        strip.visibleProperty().bind(Bindings.size(jobs.checkpoints()).greaterThan(1).and(jobs.runningProperty().not()));
        strip.managedProperty().bind(strip.visibleProperty());
        return strip;
    }
}
