package org.sandpaint.engine.text;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads {@code [from:to:when]}, {@code [a|b]} and their nesting exactly as the WebUI's lark grammar
 * (modules/prompt_parser.py, Earley parser, ambiguities resolved by rule order) reads them.
 *
 * <p>Inside any bracket the grammar allows one reading only: brackets nest, {@code (a)}, {@code (a:b)} and
 * {@code [a]} are emphasis, one colon before a number is {@code [to:when]}, two are {@code [from:to:when]},
 * pipes are alternation. So an item is parsed greedily from the left. The top level also accepts stray
 * {@code [ ] ( ) :} characters as text, and there lark's choice matters: it builds the prompt from the right,
 * preferring (1) the whole rest as one run of items, (2) the whole rest as stray characters, (3) one item as
 * the last piece, (4) stray characters as the last piece. When several stray runs could end the prompt,
 * lark picks among them by hash order, which changes between runs of the WebUI ({@code [a:1]]} is sometimes
 * scheduled, sometimes text); this parser always takes the shortest run, so a complete {@code [a:1]}
 * followed by a stray bracket is scheduled.
 *
 * <p>The prompt fails to parse (and is then used as written at every step) when a {@code |} stands outside
 * an alternation, or a backslash ends the prompt or precedes a line break. Brackets nested deeper than
 * {@link #MAX_DEPTH} (where the WebUI runs out of Python stack) are read as text, and the result says so.
 */
final class PromptEditParser {

    static final int MAX_DEPTH = 100;

    // lark's common.SIGNED_NUMBER; Python's regex alternation takes the first branch that matches, as Java's does.
    private static final Pattern NUMBER =
            Pattern.compile("[+-]?(?:[0-9]+[eE][+-]?[0-9]+|(?:[0-9]+\\.[0-9]*|\\.[0-9]+)(?:[eE][+-]?[0-9]+)?|[0-9]+)");

    private final String s;
    private final int n;
    // Item parsed at a position, memoised: the top level asks for items at many positions.
    private final Item[] items;
    private final boolean[] itemTried;
    private boolean tooDeep;

    /** One grammar item (plain text or a bracket) and where it ends. */
    private record Item(List<EditNode> nodes, int end) {
    }

    /** A run of items (the grammar's {@code prompt}). */
    private record Run(List<EditNode> nodes, int end) {
    }

    private PromptEditParser(String s) {
        this.s = s;
        this.n = s.length();
        this.items = new Item[n + 1];
        this.itemTried = new boolean[n + 1];
    }

    /**
     * What the parser made of a prompt.
     *
     * @param nodes      the prompt as nodes, or null when the grammar does not accept it
     * @param depthLimit true when brackets nested deeper than {@link #MAX_DEPTH} were read as text
     */
    record Result(List<EditNode> nodes, boolean depthLimit) {
        boolean parsed() {
            return nodes != null;
        }
    }

    static Result parse(String prompt) {
        PromptEditParser parser = new PromptEditParser(prompt);
        List<EditNode> nodes = parser.parseTopLevel();
        return new Result(nodes, parser.tooDeep);
    }

    private List<EditNode> parseTopLevel() {
        // Forward: which prefixes can be built from items and stray characters at all, and which item ends where.
        boolean[] reachable = new boolean[n + 1];
        int[] itemStartEndingAt = new int[n + 1];
        java.util.Arrays.fill(itemStartEndingAt, -1);
        reachable[0] = true;
        for (int p = 0; p < n; p++) {
            if (!reachable[p]) {
                continue;
            }
            Item item = item(p, 0);
            if (item != null) {
                reachable[item.end()] = true;
                itemStartEndingAt[item.end()] = p;
            }
            if (isStray(s.charAt(p))) {
                reachable[p + 1] = true;
            }
        }
        if (!reachable[n]) {
            return null;
        }
        // The items reachable from 0 without stray characters: the prefixes that are one run of items.
        boolean[] runFromStart = new boolean[n + 1];
        runFromStart[0] = true;
        for (int p = 0; p < n; ) {
            Item item = item(p, 0);
            if (item == null) {
                break;
            }
            p = item.end();
            runFromStart[p] = true;
        }
        int firstNonStray = 0;
        while (firstNonStray < n && isStray(s.charAt(firstNonStray))) {
            firstNonStray++;
        }
        // Backward, as lark resolves the ambiguity: whole run, all stray, last item, last stray character.
        List<List<EditNode>> pieces = new ArrayList<>();
        int j = n;
        while (j > 0) {
            if (runFromStart[j]) {
                pieces.add(itemsBetween(0, j));
                break;
            }
            if (firstNonStray >= j) {
                pieces.add(List.of(new EditNode.Text(s.substring(0, j))));
                break;
            }
            int start = itemStartEndingAt[j];
            if (start >= 0) {
                pieces.add(item(start, 0).nodes());
                j = start;
            } else {
                pieces.add(List.of(new EditNode.Text(s.substring(j - 1, j))));
                j--;
            }
        }
        List<EditNode> nodes = new ArrayList<>();
        for (int i = pieces.size() - 1; i >= 0; i--) {
            nodes.addAll(pieces.get(i));
        }
        return nodes;
    }

    /** The top-level items from {@code from} up to {@code to}, which must be a run boundary. */
    private List<EditNode> itemsBetween(int from, int to) {
        List<EditNode> nodes = new ArrayList<>();
        for (int p = from; p < to; ) {
            Item item = item(p, 0);
            nodes.addAll(item.nodes());
            p = item.end();
        }
        return nodes;
    }

    /** The longest run of items from {@code p}; the grammar's {@code prompt} (possibly empty). */
    private Run run(int p, int depth) {
        List<EditNode> nodes = new ArrayList<>();
        while (p < n) {
            Item item = item(p, depth);
            if (item == null) {
                break;
            }
            nodes.addAll(item.nodes());
            p = item.end();
        }
        return new Run(nodes, p);
    }

    private Item item(int p, int depth) {
        if (depth == 0 && itemTried[p]) {
            return items[p];
        }
        Item item = readItem(p, depth);
        if (depth == 0) {
            itemTried[p] = true;
            items[p] = item;
        }
        return item;
    }

    private Item readItem(int p, int depth) {
        if (p >= n) {
            return null;
        }
        char c = s.charAt(p);
        if (c == '(' || c == '[') {
            if (depth >= MAX_DEPTH) {
                // Read as text: the enclosing brackets fail too and become stray characters.
                tooDeep = true;
                return null;
            }
            return c == '(' ? round(p, depth + 1) : square(p, depth + 1);
        }
        int end = plainEnd(p);
        return end > p ? new Item(List.of(new EditNode.Text(s.substring(p, end))), end) : null;
    }

    /** {@code (prompt)} or {@code (prompt:prompt)}: emphasis, kept as text around its inner items. */
    private Item round(int p, int depth) {
        Run first = run(p + 1, depth);
        List<EditNode> nodes = new ArrayList<>();
        nodes.add(new EditNode.Text("("));
        nodes.addAll(first.nodes());
        int e = first.end();
        if (at(e, ':')) {
            Run second = run(e + 1, depth);
            nodes.add(new EditNode.Text(":"));
            nodes.addAll(second.nodes());
            e = second.end();
        }
        if (!at(e, ')')) {
            return null;
        }
        nodes.add(new EditNode.Text(")"));
        return new Item(nodes, e + 1);
    }

    /** {@code [prompt]} (emphasis), {@code [a|b|...]} or a scheduled edit. */
    private Item square(int p, int depth) {
        Run first = run(p + 1, depth);
        int e = first.end();
        if (at(e, ']')) {
            List<EditNode> nodes = new ArrayList<>();
            nodes.add(new EditNode.Text("["));
            nodes.addAll(first.nodes());
            nodes.add(new EditNode.Text("]"));
            return new Item(nodes, e + 1);
        }
        if (at(e, '|')) {
            List<List<EditNode>> options = new ArrayList<>();
            options.add(first.nodes());
            while (at(e, '|')) {
                Run option = run(e + 1, depth);
                options.add(option.nodes());
                e = option.end();
            }
            return at(e, ']') ? new Item(List.of(new EditNode.Alternation(options)), e + 1) : null;
        }
        if (!at(e, ':')) {
            return null;
        }
        // [to:when] when a number follows the colon, else [from:to:when].
        Item toWhen = when(e + 1, null, first.nodes());
        if (toWhen != null) {
            return toWhen;
        }
        Run to = run(e + 1, depth);
        return at(to.end(), ':') ? when(to.end() + 1, first.nodes(), to.nodes()) : null;
    }

    /** {@code [WHITESPACE] NUMBER [WHITESPACE] "]"} from {@code p}, closing a scheduled edit. */
    private Item when(int p, List<EditNode> from, List<EditNode> to) {
        p = spaceEnd(p);
        Matcher m = NUMBER.matcher(s).region(p, n);
        if (!m.lookingAt()) {
            return null;
        }
        int e = spaceEnd(m.end());
        if (!at(e, ']')) {
            return null;
        }
        return new Item(List.of(new EditNode.Scheduled(from, to, m.group())), e + 1);
    }

    private boolean at(int p, char c) {
        return p < n && s.charAt(p) == c;
    }

    /** The end of the grammar's {@code plain}: characters other than {@code \[]():|}, or a backslash escape. */
    private int plainEnd(int p) {
        while (p < n) {
            char c = s.charAt(p);
            if (c == '\\') {
                // Python's "." in \\. is any character but a line feed.
                if (p + 1 < n && s.charAt(p + 1) != '\n') {
                    p += 2;
                    continue;
                }
                return p;
            }
            if ("[]():|".indexOf(c) >= 0) {
                return p;
            }
            p++;
        }
        return p;
    }

    private int spaceEnd(int p) {
        while (p < n && PythonText.isSpace(s.charAt(p))) {
            p++;
        }
        return p;
    }

    private static boolean isStray(char c) {
        return "[]():".indexOf(c) >= 0;
    }
}
