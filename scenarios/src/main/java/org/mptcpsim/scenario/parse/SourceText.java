package org.mptcpsim.scenario.parse;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.mptcpsim.scenario.model.Loc;
import org.mptcpsim.scenario.model.ScenarioException;

/**
 * Decodes a scenario file's bytes as strict UTF-8 before the YAML/JSON parser sees them: a byte
 * sequence that is not UTF-8 (a Latin-1 {@code é}, UTF-16 with or without a byte-order mark, a
 * binary file) is a located {@link ScenarioException} naming the byte offset, line and column.
 * NUL bytes are valid UTF-8 but never occur in a text file (they are what UTF-16 looks like
 * byte by byte), so they are refused the same way. A UTF-8 byte-order mark is dropped.
 */
final class SourceText {

    private SourceText() {
    }

    static String decode(String file, byte[] b) {
        if (b.length >= 2 && ((b[0] & 0xff) == 0xff && (b[1] & 0xff) == 0xfe
                || (b[0] & 0xff) == 0xfe && (b[1] & 0xff) == 0xff)) {
            throw new ScenarioException(new Loc(file, 1, 1, ""), String.format(Locale.ROOT, "the file starts with the"
                    + " UTF-16 byte-order mark %02X %02X: a scenario file must be UTF-8 (convert it, e.g. iconv -f"
                    + " UTF-16 -t UTF-8 IN > OUT)", b[0] & 0xff, b[1] & 0xff));
        }
        int start = bomLength(b);
        for (int i = start; i < b.length; i++) {
            if (b[i] == 0) {
                throw bad(file, b, i, "byte 0x00 (NUL)", "a text file has none; NUL bytes mean UTF-16 without a"
                        + " byte-order mark or a binary file");
            }
        }
        CharsetDecoder dec = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(b, start, b.length - start);
        CharBuffer out = CharBuffer.allocate(b.length - start);
        CoderResult r = dec.decode(in, out, true);
        if (r.isUnderflow()) {
            r = dec.flush(out);
        }
        if (r.isError()) {
            int at = in.position();
            int n = Math.min(r.length(), b.length - at);
            StringBuilder bytes = new StringBuilder();
            for (int i = 0; i < n; i++) {
                bytes.append(i == 0 ? "" : " ").append(String.format(Locale.ROOT, "0x%02X", b[at + i] & 0xff));
            }
            String what = (n == 1 ? "byte " : "bytes ") + bytes;
            throw bad(file, b, at, what, "convert the file, e.g. iconv -f LATIN1 -t UTF-8 IN > OUT for a Latin-1"
                    + " file");
        }
        out.flip();
        return out.toString();
    }

    /** 3 when the bytes start with the UTF-8 byte-order mark EF BB BF, else 0. */
    private static int bomLength(byte[] b) {
        return b.length >= 3 && (b[0] & 0xff) == 0xef && (b[1] & 0xff) == 0xbb && (b[2] & 0xff) == 0xbf ? 3 : 0;
    }

    /** "file:line:col: byte 0xE9 at offset 57 is not UTF-8 text; ..." with line and column counted in characters. */
    private static ScenarioException bad(String file, byte[] b, int offset, String what, String hint) {
        int line = 1;
        int col = 1;
        for (int i = bomLength(b); i < offset; i++) {
            if (b[i] == '\n') {
                line++;
                col = 1;
            } else if ((b[i] & 0xc0) != 0x80) {
                col++; // a character starts at every byte that is not a UTF-8 continuation byte
            }
        }
        return new ScenarioException(new Loc(file, line, col, ""), what + " at byte offset " + offset
                + " is not UTF-8 text: a scenario file must be UTF-8 (" + hint + ")");
    }
}
