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

    JsonFields(JsonNode object, List<Object> location) {
        this.object = object;
        this.location = location;
    }

    static JsonFields body(JsonNode object) {
        return new JsonFields(object, List.of("body"));
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

    /** A nested object (override_settings); null or absent gives an empty view. */
    JsonFields object(String name) {
        if (!has(name)) {
            return new JsonFields(com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode(), at(name));
        }
        JsonNode v = object.get(name);
        if (!v.isObject()) {
            throw ApiError.field(at(name), "value is not a valid dict", "type_error.dict");
        }
        return new JsonFields(v, at(name));
    }

    private List<Object> at(String name) {
        List<Object> loc = new ArrayList<>(location);
        loc.add(name);
        return loc;
    }
}
