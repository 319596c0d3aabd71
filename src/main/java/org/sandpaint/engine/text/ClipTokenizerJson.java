package org.sandpaint.engine.text;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.util.RawValue;

import java.util.List;

/**
 * Writes the Hugging Face {@code tokenizer.json} of a CLIP text tokenizer from the vocabulary and
 * merges that Stable Diffusion folders ship, laid out as the {@code tokenizers} library's own CLIP
 * conversion does (NFC, whitespace runs to one space, lowercase; CLIP's word regex, then byte-level
 * characters; BPE with a {@code </w>} end-of-word suffix; BOS ... EOS around each sequence).
 */
final class ClipTokenizerJson {

    /**
     * CLIP's word splitter: the two special tokens, English contractions, letter runs, single
     * digits, and runs of everything else. Whitespace is what lies between the matches.
     */
    static final String WORD_PATTERN =
            "<\\|startoftext\\|>|<\\|endoftext\\|>|'s|'t|'re|'ve|'m|'ll|'d|[\\p{L}]+|[\\p{N}]|[^\\s\\p{L}\\p{N}]+";

    private static final ObjectMapper JSON = new ObjectMapper();

    private ClipTokenizerJson() {
    }

    /**
     * The tokenizer.json text. {@code vocabJson} is the text of vocab.json, copied in verbatim;
     * {@code merges} holds pairs in rank order; {@code unk} must be in the vocabulary.
     */
    static String build(String vocabJson, List<String[]> merges, SpecialToken bos, SpecialToken eos, String unk) {
        ObjectNode root = JSON.createObjectNode();
        root.put("version", "1.0");
        root.putNull("truncation"); // ClipTokenizer pads and truncates itself
        root.putNull("padding");

        ArrayNode added = root.putArray("added_tokens");
        added.add(addedToken(bos));
        added.add(addedToken(eos));

        ObjectNode normalizer = root.putObject("normalizer");
        normalizer.put("type", "Sequence");
        ArrayNode normalizers = normalizer.putArray("normalizers");
        normalizers.addObject().put("type", "NFC");
        ObjectNode replace = normalizers.addObject();
        replace.put("type", "Replace");
        replace.putObject("pattern").put("Regex", "\\s+");
        replace.put("content", " ");
        normalizers.addObject().put("type", "Lowercase");

        ObjectNode preTokenizer = root.putObject("pre_tokenizer");
        preTokenizer.put("type", "Sequence");
        ArrayNode preTokenizers = preTokenizer.putArray("pretokenizers");
        ObjectNode split = preTokenizers.addObject();
        split.put("type", "Split");
        split.putObject("pattern").put("Regex", WORD_PATTERN);
        split.put("behavior", "Removed");
        split.put("invert", true); // keep the matches, drop what lies between them
        ObjectNode byteLevel = preTokenizers.addObject();
        byteLevel.put("type", "ByteLevel");
        byteLevel.put("add_prefix_space", false);
        byteLevel.put("trim_offsets", true);
        byteLevel.put("use_regex", false); // the split above already made the words

        ObjectNode postProcessor = root.putObject("post_processor");
        postProcessor.put("type", "RobertaProcessing");
        postProcessor.putArray("sep").add(eos.content()).add(eos.id());
        postProcessor.putArray("cls").add(bos.content()).add(bos.id());
        postProcessor.put("trim_offsets", false);
        postProcessor.put("add_prefix_space", false);

        ObjectNode decoder = root.putObject("decoder");
        decoder.put("type", "ByteLevel");
        decoder.put("add_prefix_space", true);
        decoder.put("trim_offsets", true);
        decoder.put("use_regex", true);

        ObjectNode model = root.putObject("model");
        model.put("type", "BPE");
        model.putNull("dropout");
        model.put("unk_token", unk);
        model.put("continuing_subword_prefix", "");
        model.put("end_of_word_suffix", "</w>");
        model.put("fuse_unk", false);
        model.put("byte_fallback", false);
        model.putRawValue("vocab", new RawValue(vocabJson));
        ArrayNode mergeArray = model.putArray("merges");
        for (String[] pair : merges) {
            mergeArray.addArray().add(pair[0]).add(pair[1]);
        }
        return root.toString();
    }

    private static ObjectNode addedToken(SpecialToken token) {
        ObjectNode node = JSON.createObjectNode();
        node.put("id", token.id());
        node.put("content", token.content());
        node.put("single_word", false);
        node.put("lstrip", false);
        node.put("rstrip", false);
        node.put("normalized", false);
        node.put("special", true);
        return node;
    }

    /** A special token and its id in the vocabulary. */
    record SpecialToken(String content, int id) {
    }
}
