package org.sandpaint.styles;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The WebUI's styles.csv: a header {@code name,prompt,negative_prompt} (older files: {@code name,text}), one
 * style a row, fields quoted when they hold a comma, a quote or a line break ({@code ""} is a quote), UTF-8
 * with a byte-order mark, rows ended by CR LF, as Python's csv module writes them. Reading follows that
 * module with {@code skipinitialspace}, as the WebUI reads the file.
 */
public final class StyleCsv {

    private static final char BOM = '\uFEFF';

    private StyleCsv() {
    }

    /** The styles of a file's text, in file order; a later row with the same name replaces the earlier one. */
    public static List<PromptStyle> read(String text) {
        List<List<String>> rows = rows(text.isEmpty() || text.charAt(0) != BOM ? text : text.substring(1));
        if (rows.isEmpty()) {
            return List.of();
        }
        List<String> header = rows.get(0).stream().map(h -> h.strip().toLowerCase(Locale.ROOT)).toList();
        int name = header.indexOf("name");
        int prompt = header.contains("prompt") ? header.indexOf("prompt") : header.indexOf("text");
        int negative = header.indexOf("negative_prompt");
        if (name < 0 || prompt < 0) {
            throw new IllegalArgumentException("This is not a styles file: its first line must name the columns "
                    + "name,prompt,negative_prompt (as the WebUI's styles.csv does), but it is: " + String.join(",", rows.get(0)));
        }
        Map<String, PromptStyle> styles = new LinkedHashMap<>();
        for (List<String> row : rows.subList(1, rows.size())) {
            String n = field(row, name);
            if (n.isBlank()) {
                continue; // the WebUI would keep a style without a name, but nobody can pick it
            }
            styles.put(n, new PromptStyle(n, field(row, prompt), field(row, negative)));
        }
        return List.copyOf(styles.values());
    }

    /** The file's text for these styles, as the WebUI writes it. */
    public static String write(List<PromptStyle> styles) {
        StringBuilder out = new StringBuilder().append(BOM).append("name,prompt,negative_prompt\r\n");
        for (PromptStyle style : styles) {
            out.append(quoted(style.name())).append(',').append(quoted(style.prompt())).append(',')
                    .append(quoted(style.negativePrompt())).append("\r\n");
        }
        return out.toString();
    }

    private static String field(List<String> row, int index) {
        return index >= 0 && index < row.size() ? row.get(index) : "";
    }

    private static String quoted(String field) {
        if (field.chars().anyMatch(c -> c == ',' || c == '"' || c == '\r' || c == '\n')) {
            return '"' + field.replace("\"", "\"\"") + '"';
        }
        return field;
    }

    /** Python's csv.reader (excel dialect, skipinitialspace): empty lines give no row. */
    private static List<List<String>> rows(String text) {
        List<List<String>> rows = new ArrayList<>();
        List<String> row = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        boolean startOfField = true;
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == ' ' && startOfField) {
                // skipinitialspace: spaces after a delimiter are not part of the field
            } else if (c == '"' && startOfField) {
                quoted = true;
                startOfField = false;
            } else if (c == ',') {
                row.add(field.toString());
                field.setLength(0);
                startOfField = true;
            } else if (c == '\r' || c == '\n') {
                if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    i++;
                }
                endRow(rows, row, field, startOfField);
                row = new ArrayList<>();
                startOfField = true;
            } else {
                field.append(c);
                startOfField = false;
            }
            i++;
        }
        if (quoted) {
            throw new IllegalArgumentException("The styles file ends inside a quoted field: a closing \" is missing.");
        }
        endRow(rows, row, field, startOfField);
        return rows;
    }

    private static void endRow(List<List<String>> rows, List<String> row, StringBuilder field, boolean fieldEmpty) {
        if (row.isEmpty() && fieldEmpty && field.length() == 0) {
            return; // an empty line
        }
        row.add(field.toString());
        field.setLength(0);
        rows.add(row);
    }
}
