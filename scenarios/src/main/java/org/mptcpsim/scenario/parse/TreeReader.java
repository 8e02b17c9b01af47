package org.mptcpsim.scenario.parse;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.mptcpsim.scenario.model.Loc;
import org.mptcpsim.scenario.model.ScenarioException;

/**
 * Reads YAML or JSON text into a located tree with Jackson's streaming parser, recording the
 * line and column of every node. Syntax errors, duplicate keys, an empty document, YAML aliases
 * and merge keys (not supported: every value is written out where it is used) and nesting deeper
 * than {@link #MAX_DEPTH} come out as located {@link ScenarioException}s.
 */
public final class TreeReader {

    /**
     * The deepest nesting of lists and maps accepted. The deepest scenario field is five levels
     * down ({@code connections} list, a connection, its {@code kernel} map, a nested option map,
     * its value); 32 leaves room for any nested kernel-option spelling and stops a pathological
     * input long before Jackson's own limit (1000) or the reader's recursion would.
     */
    public static final int MAX_DEPTH = 32;

    /** The largest scenario document: 1 MiB (docs/scenario-format.md, "Limits"). */
    public static final int MAX_DOCUMENT_CHARS = 1 << 20;
    /** The longest string value: 64 Ki characters. */
    public static final int MAX_STRING_CHARS = 1 << 16;
    /** The parsers' own nesting limit (snakeyaml's default, also applied to JSON), above {@link #MAX_DEPTH}. */
    public static final int MAX_NESTING = 50;

    private static final StreamReadConstraints LIMITS = StreamReadConstraints.builder()
            .maxDocumentLength(MAX_DOCUMENT_CHARS).maxStringLength(MAX_STRING_CHARS).maxNestingDepth(MAX_NESTING).build();
    private static final JsonFactory JSON = JsonFactory.builder().streamReadConstraints(LIMITS).build();
    private static final YAMLFactory YAML = YAMLFactory.builder().streamReadConstraints(LIMITS)
            .loaderOptions(yamlLimits()).build();

    private static LoaderOptions yamlLimits() {
        LoaderOptions o = new LoaderOptions();
        o.setCodePointLimit(MAX_DOCUMENT_CHARS);
        o.setNestingDepthLimit(MAX_NESTING);
        return o;
    }

    private final String file;

    private TreeReader(String file) {
        this.file = file;
    }

    /** {@code true} for a file name ending in {@code .json} (anything else is read as YAML). */
    public static boolean isJson(String fileName) {
        return fileName.toLowerCase(java.util.Locale.ROOT).endsWith(".json");
    }

    /** The root map of a scenario document; {@code file} names it in errors and picks the syntax. */
    public static MapNode read(String file, String text) {
        return read(file, text, isJson(file));
    }

    public static MapNode read(String file, String text, boolean json) {
        if (text.length() > MAX_DOCUMENT_CHARS) {
            throw new ScenarioException(Loc.of(file, ""), "the scenario has " + text.length() + " characters; the largest"
                    + " allowed scenario is " + MAX_DOCUMENT_CHARS + " characters (1 MiB)");
        }
        TreeReader r = new TreeReader(file);
        try (JsonParser p = (json ? JSON : YAML).createParser(text)) {
            JsonToken t = p.nextToken();
            if (t == null) {
                throw new ScenarioException(new Loc(file, 1, 1, ""), "the file is empty; a scenario is a map of fields"
                        + " (duration, links or paths, connections, ...)");
            }
            Node root = r.value(p, 1);
            if (!(root instanceof MapNode m)) {
                throw new ScenarioException(root.loc(), "a scenario must be a map of fields, found " + root.kind());
            }
            if (p.nextToken() != null) {
                throw new ScenarioException(r.loc(p.currentTokenLocation()),
                        "unexpected content after the scenario (only one document per file)");
            }
            return m;
        } catch (JsonProcessingException e) {
            throw syntax(file, e, json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A value read from a command line ({@code --set key=value}) as a YAML flow value. */
    static Node readValue(String source, String text) {
        TreeReader r = new TreeReader(source);
        try (JsonParser p = YAML.createParser(text)) {
            if (p.nextToken() == null) {
                return new ScalarNode("", ScalarNode.Type.TEXT, Loc.of(source, ""));
            }
            Node n = r.value(p, 1);
            return p.nextToken() == null ? n : null;
        } catch (IOException | ScenarioException e) {
            return null;
        }
    }

    private Node value(JsonParser p, int depth) throws IOException {
        Loc at = loc(p.currentTokenLocation());
        JsonToken t = p.currentToken();
        yamlOnly(p, at);
        if (depth > MAX_DEPTH && (t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY)) {
            throw new ScenarioException(at, "lists and maps are nested more than " + MAX_DEPTH + " levels deep"
                    + " here; a scenario needs at most 5 (e.g. connections > m1 > kernel > mptcp_wvegas >"
                    + " total_alpha)");
        }
        switch (t) {
            case START_OBJECT:
                MapNode m = new MapNode(at);
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String key = p.currentName();
                    Loc keyLoc = loc(p.currentTokenLocation());
                    if (key.equals("<<") && p instanceof YAMLParser) {
                        throw new ScenarioException(keyLoc, "YAML merge keys (<<) are not supported: write the"
                                + " fields out in this map (anchors &, aliases * and merge keys << are not"
                                + " supported)");
                    }
                    if (m.has(key)) {
                        throw new ScenarioException(keyLoc, "duplicate key \"" + key + "\" (first at line "
                                + m.keyLoc(key).line() + ")");
                    }
                    p.nextToken();
                    m.put(key, keyLoc, value(p, depth + 1));
                }
                return m;
            case START_ARRAY:
                ListNode l = new ListNode(at);
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    l.add(value(p, depth + 1));
                }
                return l;
            case VALUE_STRING:
                return new ScalarNode(p.getText(), ScalarNode.Type.TEXT, at);
            case VALUE_NUMBER_INT:
            case VALUE_NUMBER_FLOAT:
                return new ScalarNode(p.getText(), ScalarNode.Type.NUMBER, at);
            case VALUE_TRUE:
            case VALUE_FALSE:
                return new ScalarNode(p.getText(), ScalarNode.Type.BOOLEAN, at);
            case VALUE_NULL:
                return new ScalarNode(null, ScalarNode.Type.NULL, at);
            default:
                throw new ScenarioException(at, "unexpected " + t);
        }
    }

    /**
     * Refuses a YAML alias at its position. An anchor alone is harmless: its value is read as
     * written, and the anchor ignored.
     */
    private static void yamlOnly(JsonParser p, Loc at) throws IOException {
        if (!(p instanceof YAMLParser y)) {
            return;
        }
        if (y.isCurrentAlias()) {
            throw new ScenarioException(at, "YAML aliases are not supported: *" + y.getText() + " is not"
                    + " expanded; write the value out here (anchors &, aliases * and merge keys << are not"
                    + " supported)");
        }
    }

    private Loc loc(JsonLocation l) {
        return new Loc(file, Math.max(1, l.getLineNr()), Math.max(1, l.getColumnNr()), "");
    }

    private static ScenarioException syntax(String file, JsonProcessingException e, boolean json) {
        if (e.getCause() instanceof MarkedYAMLException y && y.getProblemMark() != null) {
            // SnakeYAML knows the offending position and the problem; its marks are 0-based
            Mark m = y.getProblemMark();
            String problem = y.getProblem() == null ? "syntax error" : y.getProblem().strip();
            String context = y.getContext() == null ? "" : " (" + y.getContext().strip() + ")";
            return new ScenarioException(new Loc(file, m.getLine() + 1, m.getColumn() + 1, ""),
                    "syntax error: " + problem + context);
        }
        JsonLocation l = e.getLocation();
        int line = l == null ? 1 : Math.max(1, l.getLineNr());
        int col = l == null ? 1 : Math.max(1, l.getColumnNr());
        if (json) {
            int back = JsonSyntax.tokenBefore(e.getOriginalMessage());
            return new ScenarioException(new Loc(file, line, col - back > 0 ? col - back : col, ""), "syntax error: "
                    + JsonSyntax.problem(e.getOriginalMessage(), "JSON scenario files"));
        }
        String msg = e.getOriginalMessage();
        msg = msg == null ? "syntax error" : msg.strip();
        int nl = msg.indexOf('\n');
        String first = nl < 0 ? msg : msg.substring(0, nl).strip();
        return new ScenarioException(new Loc(file, line, col, ""), "syntax error: " + cleanup(first));
    }

    private static String cleanup(String m) {
        // Jackson appends hints such as " at [Source: ...]" or "(for Object starting at ...)"
        int src = m.indexOf(" at [Source");
        return src < 0 ? m : m.substring(0, src);
    }
}
