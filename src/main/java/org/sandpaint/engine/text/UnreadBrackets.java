package org.sandpaint.engine.text;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Square-bracket groups left in a scheduled prompt text that hold a {@code :} or {@code |} of their own
 * (not one inside a nested bracket): prompt-editing syntax that did not parse, which the attention parser
 * would silently read as de-emphasized text. Brackets are paired as the attention parser pairs them
 * (escapes skipped, an unclosed group runs to the end).
 */
final class UnreadBrackets {

    private UnreadBrackets() {
    }

    static List<String> find(String text) {
        List<String> found = new ArrayList<>();
        Deque<int[]> open = new ArrayDeque<>(); // {position, '[' or '(', has own ':' or '|'}
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '[' || c == '(') {
                open.push(new int[] {i, c, 0});
            } else if ((c == ':' || c == '|') && !open.isEmpty() && open.peek()[1] == '[') {
                open.peek()[2] = 1;
            } else if (c == ']' || c == ')') {
                char opener = c == ']' ? '[' : '(';
                if (!open.isEmpty() && open.peek()[1] == opener) {
                    int[] group = open.pop();
                    if (group[2] == 1) {
                        found.add(text.substring(group[0], i + 1));
                    }
                }
            }
        }
        open.descendingIterator().forEachRemaining(group -> {
            if (group[2] == 1) {
                found.add(text.substring(group[0]));
            }
        });
        return found;
    }
}
