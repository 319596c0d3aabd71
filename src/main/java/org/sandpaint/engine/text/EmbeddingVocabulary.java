package org.sandpaint.engine.text;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The embeddings a prompt may call, indexed by the token ids of their names, as the WebUI's
 * {@code EmbeddingDatabase} does: a name is found where its exact id sequence occurs among a prompt
 * piece's tokens, which makes it a whole word (the tokenizer splits "tinyembx" differently from
 * "tinyemb"). Where several names start alike, the longest id sequence wins.
 */
public final class EmbeddingVocabulary {

    /** No embeddings: prompts chunk exactly as without this feature. */
    public static final EmbeddingVocabulary EMPTY = new EmbeddingVocabulary(Map.of());

    /** An embedding found at a position, and how many tokens its name took there. */
    public record Match(TextualInversion embedding, int tokenLength) {
    }

    private record Entry(int[] ids, TextualInversion embedding) {
    }

    private final Map<Integer, List<Entry>> byFirstId;

    private EmbeddingVocabulary(Map<Integer, List<Entry>> byFirstId) {
        this.byFirstId = byFirstId;
    }

    /**
     * @param tokenizer the ids of a text without BOS and EOS (the model's own tokenizer)
     * @param embeddings those to recognise; a name that tokenizes to nothing is left out
     */
    public static EmbeddingVocabulary of(Function<String, int[]> tokenizer, Collection<TextualInversion> embeddings) {
        Map<Integer, List<Entry>> index = new HashMap<>();
        for (TextualInversion embedding : embeddings) {
            int[] ids = tokenizer.apply(embedding.name());
            if (ids != null && ids.length > 0) {
                index.computeIfAbsent(ids[0], k -> new ArrayList<>()).add(new Entry(ids, embedding));
            }
        }
        index.values().forEach(list -> list.sort(Comparator.comparingInt((Entry e) -> e.ids().length).reversed()));
        return new EmbeddingVocabulary(index);
    }

    public boolean isEmpty() {
        return byFirstId.isEmpty();
    }

    /** The embedding whose name's ids start at {@code tokens[offset]}, or null. */
    public Match find(int[] tokens, int offset) {
        List<Entry> candidates = byFirstId.get(tokens[offset]);
        if (candidates == null) {
            return null;
        }
        for (Entry entry : candidates) {
            int[] ids = entry.ids();
            if (offset + ids.length <= tokens.length
                    && Arrays.equals(tokens, offset, offset + ids.length, ids, 0, ids.length)) {
                return new Match(entry.embedding(), ids.length);
            }
        }
        return null;
    }
}
