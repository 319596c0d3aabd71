package org.sandpaint.engine.text;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.djl.huggingface.tokenizers.jni.LibUtils;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonParser.NumberType;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.sandpaint.engine.text.ClipTokenizerJson.SpecialToken;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The CLIP BPE tokenizer of a Stable Diffusion model folder ({@code tokenizer/vocab.json} and
 * {@code merges.txt}), giving the ids that transformers' {@code CLIPTokenizer} gives.
 *
 * <p>Runs on the Hugging Face tokenizers library through DJL, always offline: SD folders have no
 * {@code tokenizer.json}, so {@link #load} writes one in memory. Close it to free the native
 * tokenizer.
 */
public final class ClipTokenizer implements AutoCloseable {

    /** Tokens the CLIP text encoder takes: BOS, 75 prompt tokens, EOS. */
    public static final int MAX_LENGTH = 77;

    private static final String BOS = "<|startoftext|>";
    private static final String EOS = "<|endoftext|>";
    private static final String VOCAB_FILE = "vocab.json";
    private static final String MERGES_FILE = "merges.txt";
    /** Files that may name the pad token; the first that does wins, as special_tokens_map.json does in transformers. */
    private static final List<String> PAD_TOKEN_FILES = List.of("special_tokens_map.json", "tokenizer_config.json");
    private static final String DJL_OFFLINE = "ai.djl.offline";
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

    /**
     * Loads the tokenizer folder of a model (the one holding {@code vocab.json} and {@code merges.txt}).
     *
     * @throws IOException naming the file when one is missing, unreadable or corrupt
     */
    public static ClipTokenizer load(Path tokenizerDir) throws IOException {
        Vocab vocab = readVocab(tokenizerDir.resolve(VOCAB_FILE));
        List<String[]> merges = readMerges(tokenizerDir.resolve(MERGES_FILE));
        SpecialToken bos = new SpecialToken(BOS, idOf(vocab, BOS, tokenizerDir, VOCAB_FILE));
        SpecialToken eos = new SpecialToken(EOS, idOf(vocab, EOS, tokenizerDir, VOCAB_FILE));
        int padId = readPadId(tokenizerDir, vocab, eos.id());

        String json = ClipTokenizerJson.build(vocab.json(), merges, bos, eos, EOS);
        return new ClipTokenizer(createNative(json, tokenizerDir), bos.id(), eos.id(), padId);
    }

    /** BOS, the prompt's tokens, EOS: no padding, no truncation, no prompt syntax. */
    public int[] encodeRaw(String text) {
        return encode(text, true);
    }

    /** The prompt's tokens alone, without BOS and EOS. */
    public int[] encodeWords(String text) {
        return encode(text, false);
    }

    /**
     * Exactly {@link #MAX_LENGTH} ids as diffusers feeds the text encoder: BOS, the first 75 prompt
     * tokens, EOS, then pad tokens.
     */
    public int[] encodePadded(String text) {
        int[] words = encodeWords(text);
        int kept = Math.min(words.length, MAX_LENGTH - 2);
        int[] ids = new int[MAX_LENGTH];
        Arrays.fill(ids, padId);
        ids[0] = bosId;
        System.arraycopy(words, 0, ids, 1, kept);
        ids[kept + 1] = eosId;
        return ids;
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

    @Override
    public void close() {
        tokenizer.close();
    }

    private int[] encode(String text, boolean withBosEos) {
        long[] ids = tokenizer.encode(ClipTextCleaner.clean(text), withBosEos, false).getIds();
        int[] result = new int[ids.length];
        for (int i = 0; i < ids.length; i++) {
            result[i] = (int) ids[i];
        }
        return result;
    }

    private static HuggingFaceTokenizer createNative(String json, Path tokenizerDir) throws IOException {
        // Offline keeps DJL on the CPU library inside its jar; online, on a CUDA machine, it would
        // try to download a CUDA build of the same library.
        if (System.getProperty(DJL_OFFLINE) == null) {
            System.setProperty(DJL_OFFLINE, "true");
        }
        // A native library that fails to load is not the folder's fault: let DJL's error through.
        LibUtils.checkStatus();
        // Padding and truncation are done here, not by DJL (which would truncate to 512 by default).
        Map<String, String> options = Map.of("addSpecialTokens", "true", "padding", "false", "truncation", "false");
        try (InputStream in = new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8))) {
            return HuggingFaceTokenizer.newInstance(in, options);
        } catch (RuntimeException e) {
            throw new IOException(tokenizerDir.resolve(VOCAB_FILE) + " and " + MERGES_FILE
                    + " are damaged or do not fit together (" + e.getMessage() + "). " + redownload(tokenizerDir), e);
        }
    }

    /**
     * The vocabulary's text, passed on as is, and its token ids. Read with a streaming parser
     * because building a JSON tree of the 49,408 entries and writing it back out made loading
     * several hundred milliseconds slower.
     */
    private static Vocab readVocab(Path file) throws IOException {
        String json = readUtf8(file);
        Map<String, Integer> ids = new HashMap<>(100_000);
        try (JsonParser parser = JSON.getFactory().createParser(json)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw corrupt(file, "it should be a JSON object mapping each token to its id");
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String token = parser.currentName();
                if (parser.nextToken() != JsonToken.VALUE_NUMBER_INT || parser.getNumberType() != NumberType.INT) {
                    throw corrupt(file, "the id of token '" + token + "' is not an integer");
                }
                ids.put(token, parser.getIntValue());
            }
            if (parser.nextToken() != null) {
                throw corrupt(file, "there is text after the vocabulary's closing brace");
            }
        } catch (JsonProcessingException e) {
            throw corrupt(file, "it is not valid JSON: " + e.getOriginalMessage());
        }
        if (ids.isEmpty()) {
            throw corrupt(file, "the vocabulary is empty");
        }
        return new Vocab(json, ids);
    }

    private static List<String[]> readMerges(Path file) throws IOException {
        List<String> lines = readUtf8(file).lines().toList();
        List<String[]> merges = new ArrayList<>(lines.size());
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank() || (i == 0 && line.startsWith("#version"))) {
                continue;
            }
            String[] pair = line.split(" ");
            if (pair.length != 2 || pair[0].isEmpty() || pair[1].isEmpty()) {
                throw corrupt(file, "line " + (i + 1) + " is not two tokens separated by a space: '" + line + "'");
            }
            merges.add(pair);
        }
        if (merges.isEmpty()) {
            throw corrupt(file, "it holds no merges");
        }
        return merges;
    }

    /** The pad token's id: SD 1.x pads with EOS, SD 2.x with "!"; EOS when no file names one. */
    private static int readPadId(Path tokenizerDir, Vocab vocab, int eosId) throws IOException {
        for (String name : PAD_TOKEN_FILES) {
            Path file = tokenizerDir.resolve(name);
            if (!Files.exists(file)) {
                continue;
            }
            JsonNode pad = readJson(file).path("pad_token");
            // Either "pad_token": "<|endoftext|>" or "pad_token": {"content": "<|endoftext|>", ...}
            JsonNode content = pad.isObject() ? pad.path("content") : pad;
            if (content.isTextual()) {
                return idOf(vocab, content.asText(), tokenizerDir, name);
            }
        }
        return eosId;
    }

    private static int idOf(Vocab vocab, String token, Path tokenizerDir, String namedIn) throws IOException {
        Integer id = vocab.ids().get(token);
        if (id == null) {
            throw new IOException("Token '" + token + "' (from " + namedIn + ") is not in "
                    + tokenizerDir.resolve(VOCAB_FILE) + "; this is not a CLIP tokenizer or the file is damaged. "
                    + redownload(tokenizerDir));
        }
        return id;
    }

    private static JsonNode readJson(Path file) throws IOException {
        requireFile(file);
        try {
            return JSON.readTree(file.toFile());
        } catch (JsonProcessingException e) {
            throw corrupt(file, "it is not valid JSON: " + e.getOriginalMessage());
        }
    }

    private static String readUtf8(Path file) throws IOException {
        requireFile(file);
        try {
            String text = Files.readString(file, StandardCharsets.UTF_8);
            // A byte order mark (left by some Windows editors) is not part of the content.
            return text.startsWith("\uFEFF") ? text.substring(1) : text;
        } catch (CharacterCodingException e) {
            throw corrupt(file, "it is not UTF-8 text");
        }
    }

    private static void requireFile(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException("Tokenizer file missing: " + file + ". " + redownload(file.getParent()));
        }
        if (!Files.isReadable(file)) {
            throw new IOException("Tokenizer file not readable: " + file + "; check its permissions.");
        }
    }

    private static IOException corrupt(Path file, String why) {
        return new IOException("Tokenizer file " + file + " is damaged: " + why + ". " + redownload(file.getParent()));
    }

    private static String redownload(Path tokenizerDir) {
        return "Re-download the model's tokenizer folder (" + tokenizerDir + ").";
    }

    /** vocab.json as read, and the id of each token in it. */
    private record Vocab(String json, Map<String, Integer> ids) {
    }
}
