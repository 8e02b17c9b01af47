package org.mptcpsim.scenario.parse;

import org.mptcpsim.scenario.model.Loc;

/**
 * A scalar as written: {@code text} is the source text ({@code null} for YAML/JSON null), and
 * {@code type} what the parser saw (YAML plain scalars that look like numbers or booleans come
 * as NUMBER / BOOLEAN). Binding works on the text, so {@code seed: 1} and {@code "seed": "1"}
 * mean the same.
 */
public record ScalarNode(String text, Type type, Loc loc) implements Node {

    public enum Type { TEXT, NUMBER, BOOLEAN, NULL }

    public boolean isNull() {
        return type == Type.NULL;
    }

    @Override
    public String kind() {
        return switch (type) {
            case TEXT -> "text";
            case NUMBER -> "a number";
            case BOOLEAN -> "a boolean";
            case NULL -> "nothing (null)";
        };
    }
}
