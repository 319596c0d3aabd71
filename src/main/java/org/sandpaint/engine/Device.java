package org.sandpaint.engine;

import java.util.Locale;

/**
 * Where the networks run: {@code auto} (CUDA when it works, else CPU), {@code cpu}, or {@code cuda[:N]}.
 *
 * @param kind        which execution provider to ask for
 * @param cudaDevice  the CUDA device index, used for {@link Kind#AUTO} and {@link Kind#CUDA}
 */
public record Device(Kind kind, int cudaDevice) {

    public enum Kind { AUTO, CPU, CUDA }

    public static final Device AUTO = new Device(Kind.AUTO, 0);
    public static final Device CPU = new Device(Kind.CPU, 0);

    public Device {
        if (cudaDevice < 0) {
            throw new IllegalArgumentException("CUDA device index must be 0 or more, got " + cudaDevice);
        }
    }

    /** Parses {@code auto}, {@code cpu}, {@code cuda} or {@code cuda:N}. */
    public static Device parse(String text) {
        String s = text.trim().toLowerCase(Locale.ROOT);
        if (s.equals("auto")) {
            return AUTO;
        }
        if (s.equals("cpu")) {
            return CPU;
        }
        if (s.equals("cuda")) {
            return new Device(Kind.CUDA, 0);
        }
        if (s.startsWith("cuda:")) {
            try {
                return new Device(Kind.CUDA, Integer.parseInt(s.substring(5)));
            } catch (NumberFormatException e) {
                // fall through to the message below
            }
        }
        throw new IllegalArgumentException("Unknown device '" + text + "': use auto, cpu, cuda or cuda:N (N = GPU index)");
    }

    @Override
    public String toString() {
        return switch (kind) {
            case AUTO -> "auto";
            case CPU -> "cpu";
            case CUDA -> "cuda:" + cudaDevice;
        };
    }
}
