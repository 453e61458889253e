package io.namspill.it;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A parsed JSON answer, read the way the tests read Jackson's tree (the same method names), but
 * the same on every Spring Boot line: Boot 3.5 brings Jackson 2, Boot 4 Jackson 3, whose trees
 * differ. Missing members read as a missing node, as with {@code path}.
 */
public final class JsonNode implements Iterable<JsonNode> {

    private static final Object MISSING = new Object();

    private static final JsonNode MISSING_NODE = new JsonNode(MISSING);

    private final Object value;

    private JsonNode(Object value) {
        this.value = value;
    }

    /** Parses a whole JSON document. */
    public static JsonNode parse(String json) {
        Parser parser = new Parser(json);
        Object value = parser.value();
        parser.skipWhitespace();
        if (parser.index != json.length()) {
            throw parser.error("trailing characters");
        }
        return new JsonNode(value);
    }

    /** The node that a missing member reads as. */
    public static JsonNode missingNode() {
        return MISSING_NODE;
    }

    /** The member {@code name} of an object, or a missing node. */
    public JsonNode path(String name) {
        if (this.value instanceof Map<?, ?> map && map.containsKey(name)) {
            return new JsonNode(map.get(name));
        }
        return MISSING_NODE;
    }

    /** The element {@code index} of an array, or a missing node. */
    public JsonNode get(int index) {
        if (this.value instanceof List<?> list && index >= 0 && index < list.size()) {
            return new JsonNode(list.get(index));
        }
        return MISSING_NODE;
    }

    public boolean has(String name) {
        return this.value instanceof Map<?, ?> map && map.containsKey(name);
    }

    public boolean isMissingNode() {
        return this.value == MISSING;
    }

    public boolean isArray() {
        return this.value instanceof List;
    }

    public boolean isTextual() {
        return this.value instanceof String;
    }

    public boolean isIntegralNumber() {
        return this.value instanceof BigInteger;
    }

    /** A string's text, or the text of a number or boolean; "" otherwise. */
    public String asString() {
        if (this.value instanceof String || this.value instanceof BigInteger || this.value instanceof BigDecimal
                || this.value instanceof Boolean) {
            return this.value.toString();
        }
        return "";
    }

    public long asLong() {
        return (this.value instanceof Number number) ? number.longValue() : 0L;
    }

    public int asInt() {
        return (this.value instanceof Number number) ? number.intValue() : 0;
    }

    public boolean asBoolean() {
        return Boolean.TRUE.equals(this.value);
    }

    /** A boolean's value, or {@code defaultValue} where this is no boolean. */
    public boolean asBoolean(boolean defaultValue) {
        return (this.value instanceof Boolean bool) ? bool : defaultValue;
    }

    /** Whether this is an empty array or object (a missing node is empty too). */
    public boolean isEmpty() {
        return values().isEmpty();
    }

    /** An object's member names, in document order. */
    public List<String> propertyNames() {
        if (this.value instanceof Map<?, ?> map) {
            List<String> names = new ArrayList<>();
            map.keySet().forEach(key -> names.add((String) key));
            return names;
        }
        return List.of();
    }

    /** An array's elements or an object's member values. */
    public List<JsonNode> values() {
        Iterable<?> items = (this.value instanceof List<?> list) ? list
                : (this.value instanceof Map<?, ?> map) ? map.values() : List.of();
        List<JsonNode> nodes = new ArrayList<>();
        items.forEach(item -> nodes.add(new JsonNode(item)));
        return Collections.unmodifiableList(nodes);
    }

    @Override
    public Iterator<JsonNode> iterator() {
        return values().iterator();
    }

    @Override
    public String toString() {
        return isMissingNode() ? "(missing)" : String.valueOf(this.value);
    }

    /** Recursive descent over RFC 8259; numbers become BigInteger or BigDecimal, null stays null. */
    private static final class Parser {

        private final String text;

        private int index;

        Parser(String text) {
            this.text = text;
        }

        Object value() {
            skipWhitespace();
            if (this.index >= this.text.length()) {
                throw error("unexpected end");
            }
            char c = this.text.charAt(this.index);
            switch (c) {
                case '{':
                    return object();
                case '[':
                    return array();
                case '"':
                    return string();
                case 't':
                    return literal("true", Boolean.TRUE);
                case 'f':
                    return literal("false", Boolean.FALSE);
                case 'n':
                    return literal("null", null);
                default:
                    return number();
            }
        }

        private Map<String, Object> object() {
            Map<String, Object> members = new LinkedHashMap<>();
            this.index++;
            skipWhitespace();
            if (peek() == '}') {
                this.index++;
                return members;
            }
            while (true) {
                skipWhitespace();
                String name = string();
                skipWhitespace();
                expect(':');
                members.put(name, value());
                skipWhitespace();
                if (peek() == ',') {
                    this.index++;
                    continue;
                }
                expect('}');
                return members;
            }
        }

        private List<Object> array() {
            List<Object> elements = new ArrayList<>();
            this.index++;
            skipWhitespace();
            if (peek() == ']') {
                this.index++;
                return elements;
            }
            while (true) {
                elements.add(value());
                skipWhitespace();
                if (peek() == ',') {
                    this.index++;
                    continue;
                }
                expect(']');
                return elements;
            }
        }

        private String string() {
            expect('"');
            StringBuilder out = new StringBuilder();
            while (true) {
                char c = this.text.charAt(this.index++);
                if (c == '"') {
                    return out.toString();
                }
                if (c != '\\') {
                    out.append(c);
                    continue;
                }
                char escaped = this.text.charAt(this.index++);
                switch (escaped) {
                    case 'b' -> out.append('\b');
                    case 'f' -> out.append('\f');
                    case 'n' -> out.append('\n');
                    case 'r' -> out.append('\r');
                    case 't' -> out.append('\t');
                    case 'u' -> {
                        out.append((char) Integer.parseInt(this.text.substring(this.index, this.index + 4), 16));
                        this.index += 4;
                    }
                    default -> out.append(escaped);
                }
            }
        }

        private Object number() {
            int start = this.index;
            while (this.index < this.text.length() && "+-0123456789.eE".indexOf(this.text.charAt(this.index)) >= 0) {
                this.index++;
            }
            String number = this.text.substring(start, this.index);
            if (number.isEmpty()) {
                throw error("unexpected character");
            }
            return (number.contains(".") || number.contains("e") || number.contains("E")) ? new BigDecimal(number)
                    : new BigInteger(number);
        }

        private Object literal(String word, Object value) {
            if (!this.text.startsWith(word, this.index)) {
                throw error("unexpected literal");
            }
            this.index += word.length();
            return value;
        }

        private char peek() {
            return (this.index < this.text.length()) ? this.text.charAt(this.index) : '\0';
        }

        private void expect(char c) {
            if (peek() != c) {
                throw error("expected '" + c + "'");
            }
            this.index++;
        }

        void skipWhitespace() {
            while (this.index < this.text.length() && Character.isWhitespace(this.text.charAt(this.index))) {
                this.index++;
            }
        }

        IllegalArgumentException error(String what) {
            return new IllegalArgumentException(what + " at index " + this.index + " of JSON: "
                    + this.text.substring(0, Math.min(this.text.length(), 200)));
        }
    }
}
