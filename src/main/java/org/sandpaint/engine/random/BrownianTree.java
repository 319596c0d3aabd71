package org.sandpaint.engine.random;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * torchsde's {@code BrownianTree} (a {@code BrownianInterval} with {@code halfway_tree=True}, {@code tol=1e-6},
 * {@code pool_size=24}) for one tensor, reproduced value for value: the increment W(tb) - W(ta) of a Brownian
 * motion on [t0, t1] that depends on the entropy alone, not on the order of the queries.
 *
 * <p>The interval is a binary tree split at (rounded) halfway points. The root's increment is
 * {@code randn * sqrt(t1 - t0)} from a generator seeded by numpy's {@link SeedSequence}; a child's increment is
 * drawn from the Brownian bridge of its parent's, with noise from a generator seeded by the parent's own
 * SeedSequence (spawn key = the parent's position in the tree). A query is answered by the sum of the nodes
 * that tile it, splitting nodes on the way down until the query's end points are node edges (to 1e-6).
 * All tensor arithmetic is float32, the time arithmetic float64, as there.
 */
final class BrownianTree {

    private static final int POOL_SIZE = 24;
    private static final int DIGITS = 6;
    /** torchsde's default LRU size for increments: enough for the paths of the latest queries. */
    private static final int CACHE_SIZE = 45;

    private final long entropy;
    private final int size;
    private final Node root;
    private final float[] rootIncrement;
    private final Map<Node, float[]> cache = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Node, float[]> eldest) {
            return size() > CACHE_SIZE;
        }
    };

    /** One interval [start, end]; parents also know where they split and their children's noise seed. */
    private static final class Node {
        final double start;
        final double end;
        final Node parent;
        final boolean isLeft;
        double midway = Double.NaN;
        long spawnKey;
        long depth;
        long noiseSeed;
        Node left;
        Node right;

        Node(double start, double end, Node parent, boolean isLeft) {
            this.start = round(start);
            this.end = round(end);
            this.parent = parent;
            this.isLeft = isLeft;
        }

        boolean isSplit() {
            return !Double.isNaN(midway);
        }
    }

    /**
     * @param t0      start of the interval
     * @param t1      end of the interval, above t0
     * @param size    values per increment
     * @param entropy the seed (torchsde's {@code entropy}; the WebUI passes the image's seed)
     */
    BrownianTree(double t0, double t1, int size, long entropy) {
        if (!(t0 < t1)) {
            throw new IllegalArgumentException("A Brownian tree needs t0 < t1, got " + t0 + " and " + t1);
        }
        this.entropy = entropy;
        this.size = size;
        this.root = new Node(t0, t1, null, false);
        long[] seeds = new SeedSequence(entropy, new long[0], POOL_SIZE).generateState(3);
        float[] w = new TorchGenerator(seeds[0]).randn(size);
        float scale = (float) Math.sqrt(t1 - t0); // the unrounded end points, as torchsde uses them here
        for (int i = 0; i < size; i++) {
            w[i] = w[i] * scale;
        }
        this.rootIncrement = w;
    }

    /** W(tb) - W(ta) for ta <= tb, each clamped into the interval as torchsde does (with a warning there). */
    float[] increment(double ta, double tb) {
        ta = Math.min(Math.max(ta, root.start), root.end);
        tb = Math.min(Math.max(tb, root.start), root.end);
        if (ta > tb) {
            throw new IllegalArgumentException("Query times must satisfy ta <= tb, got " + ta + " and " + tb);
        }
        if (ta == tb) {
            return new float[size];
        }
        List<Node> tiles = new ArrayList<>();
        locate(root, round(ta), round(tb), tiles);
        float[] w = increment(tiles.get(0)).clone();
        for (int k = 1; k < tiles.size(); k++) {
            float[] more = increment(tiles.get(k));
            for (int i = 0; i < size; i++) {
                w[i] = w[i] + more[i];
            }
        }
        return w;
    }

    /** The nodes that tile [ta, tb], left to right, splitting where needed (torchsde's _loc_inner). */
    private void locate(Node node, double ta, double tb, List<Node> out) {
        if (ta < node.start || tb > node.end) {
            locate(node.parent, ta, tb, out);
            return;
        }
        if (ta == node.start && tb == node.end) {
            out.add(node);
            return;
        }
        if (!node.isSplit()) {
            if (ta == node.start) {
                split(node, tb);
                locate(node.left, ta, tb, out);
            } else {
                split(node, ta);
                locate(node.right, ta, tb, out);
            }
            return;
        }
        if (tb <= node.midway) {
            locate(node.left, ta, tb, out);
        } else if (ta >= node.midway) {
            locate(node.right, ta, tb, out);
        } else {
            double midway = node.midway;
            locate(node.left, ta, midway, out);
            locate(node.right, midway, tb, out);
        }
    }

    /** Splits at the halfway point, then keeps splitting the child that holds {@code point} until it is an edge. */
    private void split(Node node, double point) {
        while (true) {
            splitInHalf(node);
            if (point > node.midway) {
                node = node.right;
            } else if (point < node.midway) {
                node = node.left;
            } else {
                return;
            }
            if (node.isSplit()) {
                throw new IllegalStateException("Brownian tree split twice at " + node.start + ".." + node.end);
            }
        }
    }

    private void splitInHalf(Node node) {
        double halfway = 0.5 * (node.end + node.start);
        node.midway = round(halfway);
        node.spawnKey = node.parent == null ? 0 : 2 * node.parent.spawnKey + (node.isLeft ? 0 : 1);
        node.depth = node.parent == null ? 0 : node.parent.depth + 1;
        long[] seeds = new SeedSequence(entropy, new long[] {node.spawnKey, node.depth}, POOL_SIZE).generateState(4);
        node.noiseSeed = seeds[0];
        node.left = new Node(node.start, halfway, node, true);
        node.right = new Node(halfway, node.end, node, false);
    }

    /** A node's increment from its parent's by the Brownian bridge (torchsde without Levy area). */
    private float[] increment(Node node) {
        if (node.parent == null) {
            return rootIncrement;
        }
        float[] cached = cache.get(node);
        if (cached != null) {
            return cached;
        }
        Node parent = node.parent;
        float[] parentW = increment(parent);
        double hReciprocal = 1 / (parent.end - parent.start);
        double leftDiff = parent.midway - parent.start;
        double rightDiff = parent.end - parent.midway;
        float leftScale = (float) leftDiff;
        float reciprocal = (float) hReciprocal;
        float spread = (float) Math.sqrt(leftDiff * rightDiff * hReciprocal);
        float[] noise = new TorchGenerator(parent.noiseSeed).randn(size);
        float[] out = new float[size];
        for (int i = 0; i < size; i++) {
            float leftW = parentW[i] * leftScale * reciprocal + spread * noise[i];
            out[i] = node.isLeft ? leftW : parentW[i] - leftW;
        }
        cache.put(node, out);
        return out;
    }

    /** Python's round(x, 6): the exact binary value rounded half-even to 6 decimals, read back. */
    static double round(double x) {
        return Double.parseDouble(new BigDecimal(x).setScale(DIGITS, RoundingMode.HALF_EVEN).toPlainString());
    }
}
