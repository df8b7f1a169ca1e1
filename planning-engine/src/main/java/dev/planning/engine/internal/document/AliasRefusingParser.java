package dev.planning.engine.internal.document;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;

/**
 * Refuses YAML aliases as they are met. Jackson does not expand an alias: it silently reads
 * {@code *name} as the string {@code "name"}, which would misread a plan, and an expanding reader
 * could be made to build an exponential tree (the "billion laughs"). Planning files have no need
 * for aliases, so any alias is an error located at the alias.
 *
 * <p>Every method that moves the parser goes through {@link #nextToken()} ({@link CheckedMovesParser}), so no
 * alias passes unrefused, whichever a caller moves by.
 */
final class AliasRefusingParser extends CheckedMovesParser {

    AliasRefusingParser(JsonParser yaml) {
        super(yaml);
    }

    @Override
    public JsonToken nextToken() throws IOException {
        JsonToken token = super.nextToken();
        if (delegate instanceof YAMLParser yaml && yaml.isCurrentAlias()) {
            throw new RefusedAlias(this, yaml.getText());
        }
        return token;
    }

    /** The parse failure raised for an alias; carries the alias name. */
    static final class RefusedAlias extends JsonParseException {

        private static final long serialVersionUID = 1L;

        private final String alias;

        RefusedAlias(JsonParser parser, String alias) {
            super(parser, "alias *" + alias, parser.currentTokenLocation());
            this.alias = alias;
        }

        String alias() {
            return alias;
        }
    }
}
