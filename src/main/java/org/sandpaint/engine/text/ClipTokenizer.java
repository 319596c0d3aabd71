package org.sandpaint.engine.text;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The CLIP BPE tokenizer of a Stable Diffusion folder, run by DJL's Hugging Face tokenizers binding.
 *
 * <p>SD folders ship {@code vocab.json} and {@code merges.txt} but rarely a {@code tokenizer.json}, so
 * the tokenizer description is assembled here with the structure of Hugging Face's fast CLIP tokenizer:
 * NFC, whitespace runs collapsed, lowercase; CLIP's split pattern then byte-level mapping; BPE with the
 * {@code </w>} end-of-word suffix; {@code <|startoftext|>} and {@code <|endoftext|>} around the text.
 * DJL always runs offline here (its native library ships inside its jar).
 */
public final class ClipTokenizer implements AutoCloseable {

    /** Tokens the text encoder sees: BOS + 75 + EOS. */
    public static final int MAX_LENGTH = 77;

    private static final String BOS = "<|startoftext|>";
    private static final String EOS = "<|endoftext|>";
    private static final String SPLIT_PATTERN =
            "<\\|startoftext\\|>|<\\|endoftext\\|>|'s|'t|'re|'ve|'m|'ll|'d|[\\p{L}]+|[\\p{N}]|[^\\s\\p{L}\\p{N}]+";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HuggingFaceTokenizer tokenizer;
    private final int bosId;
    private final int eosId;
    private final int padId;

    private ClipTokenizer(HuggingFaceTokenizer tokenizer, int bosId, int eosId, int padId) {
        this.tokenizer = tokenizer;
        this.bosId = bosId;
        this.eosId = eosId;
        this.padId = padId;
    }

    /** Loads {@code vocab.json}, {@code merges.txt} and (optionally) {@code special_tokens_map.json}. */
    public static ClipTokenizer load(Path dir) throws IOException {
        if (System.getProperty("ai.djl.offline") == null) {
            System.setProperty("ai.djl.offline", "true");
        }
        Path vocabFile = dir.resolve("vocab.json");
        Path mergesFile = dir.resolve("merges.txt");
        for (Path p : List.of(vocabFile, mergesFile)) {
            if (!Files.isRegularFile(p)) {
                throw new IOException("The tokenizer file " + p + " is missing. Copy the model's tokenizer/ folder "
                        + "(vocab.json and merges.txt) again.");
            }
        }
        JsonNode vocab = readJson(vocabFile);
        if (!vocab.isObject() || vocab.size() == 0) {
            throw new IOException(vocabFile + " is not a CLIP vocabulary (expected a JSON object of token -> id).");
        }
        int bos = requireId(vocab, BOS, vocabFile);
        int eos = requireId(vocab, EOS, vocabFile);
        int pad = padId(dir.resolve("special_tokens_map.json"), vocab, eos);

        ObjectNode description = description((ObjectNode) vocab, merges(mergesFile), bos, eos);
        byte[] bytes = JSON.writeValueAsBytes(description);
        try {
            HuggingFaceTokenizer hf = HuggingFaceTokenizer.newInstance(new ByteArrayInputStream(bytes),
                    Map.of("addSpecialTokens", "true", "truncation", "false", "padding", "false",
                            "modelMaxLength", "1000000"));
            return new ClipTokenizer(hf, bos, eos, pad);
        } catch (RuntimeException e) {
            throw new IOException("Cannot build the tokenizer from " + dir + ": " + e.getMessage(), e);
        }
    }

    public int bosId() {
        return bosId;
    }

    public int eosId() {
        return eosId;
    }

    public int padId() {
        return padId;
    }

    /** BOS, the text's tokens, EOS: no padding, no truncation, no prompt syntax. */
    public int[] encodeRaw(String text) {
        return toInts(tokenizer.encode(text).getIds());
    }

    /** The text's tokens without BOS and EOS. */
    public int[] encodeWords(String text) {
        int[] raw = encodeRaw(text);
        return Arrays.copyOfRange(raw, 1, raw.length - 1);
    }

    /** What diffusers feeds the text encoder: BOS + up to 75 tokens + EOS, padded to 77. */
    public int[] encodePadded(String text) {
        int[] words = encodeWords(text);
        int n = Math.min(words.length, MAX_LENGTH - 2);
        int[] out = new int[MAX_LENGTH];
        Arrays.fill(out, padId);
        out[0] = bosId;
        System.arraycopy(words, 0, out, 1, n);
        out[n + 1] = eosId;
        return out;
    }

    @Override
    public void close() {
        tokenizer.close();
    }

    private static int[] toInts(long[] ids) {
        int[] out = new int[ids.length];
        for (int i = 0; i < ids.length; i++) {
            out[i] = (int) ids[i];
        }
        return out;
    }

    private static JsonNode readJson(Path file) throws IOException {
        try {
            return JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new IOException(file + " is damaged (not valid JSON: " + e.getMessage()
                    + "). Copy the model's tokenizer/ folder again.", e);
        }
    }

    private static int requireId(JsonNode vocab, String token, Path file) throws IOException {
        JsonNode id = vocab.get(token);
        if (id == null || !id.canConvertToInt()) {
            throw new IOException(file + " has no " + token + " token: it is not a CLIP vocabulary.");
        }
        return id.asInt();
    }

    /** The pad token from special_tokens_map.json (a string or {"content": ...}); EOS when absent. */
    private static int padId(Path map, JsonNode vocab, int eos) throws IOException {
        if (!Files.isRegularFile(map)) {
            return eos;
        }
        JsonNode pad = readJson(map).get("pad_token");
        String content = pad == null ? null : pad.isTextual() ? pad.asText() : pad.path("content").asText(null);
        JsonNode id = content == null ? null : vocab.get(content);
        return id != null && id.canConvertToInt() ? id.asInt() : eos;
    }

    private static ArrayNode merges(Path file) throws IOException {
        ArrayNode merges = JSON.createArrayNode();
        int lineNo = 0;
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            lineNo++;
            if (line.startsWith("#version") || line.isBlank()) {
                continue;
            }
            String[] parts = line.split(" ");
            if (parts.length != 2) {
                throw new IOException(file + " line " + lineNo + " is not a BPE merge (\"a b\"): the file is damaged. "
                        + "Copy the model's tokenizer/ folder again.");
            }
            merges.add(line);
        }
        return merges;
    }

    /** A Hugging Face tokenizer.json for CLIP, as the fast CLIPTokenizer describes itself. */
    private static ObjectNode description(ObjectNode vocab, ArrayNode merges, int bos, int eos) {
        ObjectNode root = JSON.createObjectNode();
        root.put("version", "1.0");
        root.putNull("truncation");
        root.putNull("padding");
        ArrayNode added = root.putArray("added_tokens");
        added.add(specialToken(bos, BOS));
        added.add(specialToken(eos, EOS));

        ObjectNode normalizer = root.putObject("normalizer");
        normalizer.put("type", "Sequence");
        ArrayNode norms = normalizer.putArray("normalizers");
        norms.addObject().put("type", "NFC");
        ObjectNode replace = norms.addObject();
        replace.put("type", "Replace");
        replace.putObject("pattern").put("Regex", "\\s+");
        replace.put("content", " ");
        norms.addObject().put("type", "Lowercase");

        ObjectNode pre = root.putObject("pre_tokenizer");
        pre.put("type", "Sequence");
        ArrayNode pres = pre.putArray("pretokenizers");
        ObjectNode split = pres.addObject();
        split.put("type", "Split");
        split.putObject("pattern").put("Regex", SPLIT_PATTERN);
        split.put("behavior", "Removed");
        split.put("invert", true);
        ObjectNode byteLevel = pres.addObject();
        byteLevel.put("type", "ByteLevel");
        byteLevel.put("add_prefix_space", false);
        byteLevel.put("trim_offsets", true);
        byteLevel.put("use_regex", false);

        ObjectNode post = root.putObject("post_processor");
        post.put("type", "RobertaProcessing");
        post.putArray("sep").add(EOS).add(eos);
        post.putArray("cls").add(BOS).add(bos);
        post.put("trim_offsets", false);
        post.put("add_prefix_space", false);

        ObjectNode decoder = root.putObject("decoder");
        decoder.put("type", "ByteLevel");
        decoder.put("add_prefix_space", true);
        decoder.put("trim_offsets", true);
        decoder.put("use_regex", true);

        ObjectNode model = root.putObject("model");
        model.put("type", "BPE");
        model.putNull("dropout");
        model.put("unk_token", EOS);
        model.put("continuing_subword_prefix", "");
        model.put("end_of_word_suffix", "</w>");
        model.put("fuse_unk", false);
        model.put("byte_fallback", false);
        model.set("vocab", vocab);
        model.set("merges", merges);
        return root;
    }

    private static ObjectNode specialToken(int id, String content) {
        ObjectNode t = JSON.createObjectNode();
        t.put("id", id);
        t.put("content", content);
        t.put("single_word", false);
        t.put("lstrip", false);
        t.put("rstrip", false);
        t.put("normalized", true);
        t.put("special", true);
        return t;
    }
}
