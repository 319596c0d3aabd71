package org.sandpaint.engine.text;

import java.util.Objects;

/**
 * A textual-inversion embedding: vectors that stand in the prompt where its name is written, one token
 * position per vector, in place of the name's own token embeddings.
 *
 * @param name    the word that calls it (the file's name without extension, as in the WebUI)
 * @param vectors [count][width], width being the text encoder's token width
 */
public record TextualInversion(String name, float[][] vectors) {

    public TextualInversion {
        Objects.requireNonNull(name, "name");
        if (vectors.length == 0) {
            throw new IllegalArgumentException("The embedding '" + name + "' has no vectors");
        }
        float[][] copy = new float[vectors.length][];
        for (int i = 0; i < vectors.length; i++) {
            copy[i] = vectors[i].clone();
            if (copy[i].length != vectors[0].length) {
                throw new IllegalArgumentException("The embedding '" + name + "' has vectors of different widths");
            }
        }
        vectors = copy;
    }

    public int vectorCount() {
        return vectors.length;
    }

    public int width() {
        return vectors[0].length;
    }

    /** Vector {@code i}; callers must not change it. */
    public float[] vector(int i) {
        return vectors[i];
    }

    @Override
    public float[][] vectors() {
        float[][] copy = new float[vectors.length][];
        for (int i = 0; i < vectors.length; i++) {
            copy[i] = vectors[i].clone();
        }
        return copy;
    }
}
