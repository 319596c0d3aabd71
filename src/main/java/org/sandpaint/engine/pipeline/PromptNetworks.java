package org.sandpaint.engine.pipeline;

import org.sandpaint.engine.text.EmbeddingVocabulary;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the prompt encoder and the infotext need to know about extra networks: the embeddings a prompt may
 * call, and the LoRAs whose weights are merged into the loaded networks, each with its short hash.
 *
 * @param embeddings      the embeddings, indexed by their names' tokens
 * @param embeddingHashes short hash by embedding name (for {@code TI hashes})
 * @param loraHashes      short hash by the name of each LoRA merged into the model (for {@code Lora hashes});
 *                        a {@code <lora:NAME>} tag for one of these is applied, any other is reported
 */
public record PromptNetworks(EmbeddingVocabulary embeddings, Map<String, String> embeddingHashes,
                             Map<String, String> loraHashes) {

    public static final PromptNetworks NONE = new PromptNetworks(EmbeddingVocabulary.EMPTY, Map.of(), Map.of());

    public PromptNetworks {
        embeddingHashes = Map.copyOf(embeddingHashes);
        loraHashes = Map.copyOf(loraHashes);
    }

    public PromptNetworks withEmbeddings(EmbeddingVocabulary vocabulary, Map<String, String> hashes) {
        return new PromptNetworks(vocabulary, hashes, loraHashes);
    }

    public PromptNetworks withLoras(Map<String, String> hashes) {
        return new PromptNetworks(embeddings, embeddingHashes, hashes);
    }

    /** {@code name: hash, ...} for the named networks that have a hash, in the order given; "" when none. */
    static String hashes(List<String> names, Map<String, String> hashes) {
        Map<String, String> used = new LinkedHashMap<>();
        for (String name : names) {
            String hash = hashes.get(name);
            if (hash != null && !hash.isEmpty()) {
                used.put(name.replace(":", "").replace(",", ""), hash);
            }
        }
        return String.join(", ", used.entrySet().stream().map(e -> e.getKey() + ": " + e.getValue()).toList());
    }
}
