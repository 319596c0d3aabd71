package org.sandpaint.server;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Typed reads from a JSON object, as lenient as the WebUI's pydantic models (numeric strings are numbers,
 * 0/1 and "true"/"false" are booleans, null means "not given") and refusing the rest with FastAPI's 422
 * validation error, located at ["body", field].
 */
final class JsonFields {

    private final JsonNode object;
    private final List<Object> location;
    private final JsonNode defaults;

    JsonFields(JsonNode object, List<Object> location) {
        this(object, location, null);
    }

    private JsonFields(JsonNode object, List<Object> location, JsonNode defaults) {
        this.object = object;
        this.location = location;
        this.defaults = defaults;
    }

    static JsonFields body(JsonNode object) {
        return new JsonFields(object, List.of("body"));
    }

    /** A view whose one-argument reads fall back to these defaults (a field absent or null there: 0, "", false). */
    JsonFields withDefaults(JsonNode fieldDefaults) {
        return new JsonFields(object, location, fieldDefaults);
    }

    int integer(String name) {
        return integer(name, (int) fallback(name).asLong(0));
    }

    long longValue(String name) {
        return longValue(name, fallback(name).asLong(0));
    }

    double number(String name) {
        return number(name, fallback(name).asDouble(0));
    }

    boolean bool(String name) {
        return bool(name, fallback(name).asBoolean(false));
    }

    String text(String name) {
        JsonNode d = fallback(name);
        return text(name, d.isNull() ? "" : d.asText());
    }

    private JsonNode fallback(String name) {
        JsonNode d = defaults == null ? null : defaults.get(name);
        if (d == null) {
            throw new IllegalStateException("No default for request field '" + name + "'");
        }
        return d;
    }

    /** True when the field is present and not null. */
    boolean has(String name) {
        JsonNode v = object.get(name);
        return v != null && !v.isNull();
    }

    JsonNode node(String name) {
        return object.get(name);
    }

    int integer(String name, int fallback) {
        long value = longValue(name, fallback);
        if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
            throw ApiError.field(at(name), "value is not a valid integer", "type_error.integer");
        }
        return (int) value;
    }

    long longValue(String name, long fallback) {
        if (!has(name)) {
            return fallback;
        }
        JsonNode v = object.get(name);
        if (v.isIntegralNumber() && v.canConvertToLong()) {
            return v.longValue();
        }
        if (v.isNumber() && v.doubleValue() == Math.rint(v.doubleValue()) && Math.abs(v.doubleValue()) < 9e15) {
            return (long) v.doubleValue();
        }
        if (v.isTextual()) {
            try {
                return Long.parseLong(v.textValue().strip());
            } catch (NumberFormatException e) {
                // falls through to the error below
            }
        }
        throw ApiError.field(at(name), "value is not a valid integer", "type_error.integer");
    }

    double number(String name, double fallback) {
        if (!has(name)) {
            return fallback;
        }
        JsonNode v = object.get(name);
        if (v.isNumber()) {
            return v.doubleValue();
        }
        if (v.isTextual()) {
            try {
                return Double.parseDouble(v.textValue().strip());
            } catch (NumberFormatException e) {
                // falls through to the error below
            }
        }
        throw ApiError.field(at(name), "value is not a valid float", "type_error.float");
    }

    boolean bool(String name, boolean fallback) {
        if (!has(name)) {
            return fallback;
        }
        JsonNode v = object.get(name);
        if (v.isBoolean()) {
            return v.booleanValue();
        }
        if (v.isIntegralNumber() && (v.longValue() == 0 || v.longValue() == 1)) {
            return v.longValue() == 1;
        }
        if (v.isTextual()) {
            switch (v.textValue().strip().toLowerCase(Locale.ROOT)) {
                case "true", "1", "yes", "on", "t", "y" -> { return true; }
                case "false", "0", "no", "off", "f", "n" -> { return false; }
                default -> { }
            }
        }
        throw ApiError.field(at(name), "value could not be parsed to a boolean", "type_error.bool");
    }

    String text(String name, String fallback) {
        if (!has(name)) {
            return fallback;
        }
        JsonNode v = object.get(name);
        if (v.isTextual()) {
            return v.textValue();
        }
        if (v.isNumber()) {
            return v.asText();
        }
        throw ApiError.field(at(name), "str type expected", "type_error.str");
    }

    /** A list of strings (["a", "b"]); a lone string counts as a list of one. */
    List<String> texts(String name) {
        if (!has(name)) {
            return List.of();
        }
        JsonNode v = object.get(name);
        if (v.isTextual()) {
            return List.of(v.textValue());
        }
        if (!v.isArray()) {
            throw ApiError.field(at(name), "value is not a valid list", "type_error.list");
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < v.size(); i++) {
            if (!v.get(i).isTextual()) {
                List<Object> loc = new ArrayList<>(at(name));
                loc.add(i);
                throw ApiError.field(loc, "str type expected", "type_error.str");
            }
            out.add(v.get(i).textValue());
        }
        return out;
    }

    private List<Object> at(String name) {
        List<Object> loc = new ArrayList<>(location);
        loc.add(name);
        return loc;
    }
}
