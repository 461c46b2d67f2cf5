package minihttp.http;

import java.io.ByteArrayOutputStream;

/**
 * Decodes a chunked request body (RFC 9112 §7.1) from bytes as they arrive, split anywhere.
 *
 * <p>Feed it with {@link #decode}; it appends chunk data to the sink, returns how many input bytes
 * it used and stops right after the final CRLF of the trailer section, so the bytes after it (a
 * pipelined request) are left to the caller. Chunk extensions must follow their grammar and are
 * then ignored; trailer fields are read and dropped. Every framing line ends with CRLF. A size
 * line (extensions and CR included) longer than 4096 bytes is refused. Malformed
 * framing is refused with 400, more decoded data than {@link Limits#maxBodyBytes()} with 413
 * before it is read; both close the connection. One instance per body; not thread-safe.
 */
public final class ChunkedDecoder {
    private static final int MAX_SIZE_LINE = 4096;

    private enum State { AWAITING_SIZE_LINE, AWAITING_DATA, AWAITING_DATA_END, AWAITING_TRAILER_LINE, DONE }

    private final Limits limits;
    private State state = State.AWAITING_SIZE_LINE;
    private final byte[] line = new byte[MAX_SIZE_LINE];
    private int lineLength;
    private boolean sawDataEndCr;
    private long chunkRemaining;
    private long decodedTotal;
    private int trailerBytes;
    private int trailerFields;

    public ChunkedDecoder(Limits limits) {
        this.limits = limits;
    }

    public boolean isDone() {
        return state == State.DONE;
    }

    /**
     * @return how many of the given bytes were used; fewer than {@code length} only when done
     * @throws ProtocolException 400 on malformed framing, 413 past the body limit
     */
    public int decode(byte[] buffer, int offset, int length, ByteArrayOutputStream sink) {
        int position = offset;
        int end = offset + length;
        while (position < end && state != State.DONE) {
            switch (state) {
                case AWAITING_DATA -> {
                    int take = (int) Math.min(chunkRemaining, end - position);
                    sink.write(buffer, position, take);
                    position += take;
                    chunkRemaining -= take;
                    if (chunkRemaining == 0) state = State.AWAITING_DATA_END;
                }
                case AWAITING_DATA_END -> {
                    // CRLF only: a bare LF after the data is refused, as on every framing line
                    // (RFC 9112 §2.2, §7.1; why in readLine).
                    byte b = buffer[position++];
                    if (!sawDataEndCr) {
                        if (b != '\r') throw bad("chunk data not followed by CRLF");
                        sawDataEndCr = true;
                    } else {
                        if (b != '\n') throw bad("chunk data not followed by CRLF");
                        sawDataEndCr = false;
                        state = State.AWAITING_SIZE_LINE;
                    }
                }
                default -> position = readLine(buffer, position, end);
            }
        }
        return position - offset;
    }

    private int readLine(byte[] buffer, int position, int end) {
        while (position < end) {
            byte b = buffer[position++];
            if (b == '\n') {
                // RFC 9112 §2.2 lets a recipient take a bare LF as a line end only after the
                // start-line and header fields. Chunked framing is read strictly: a proxy in front
                // that reads a bare LF otherwise would see other chunk boundaries than we do, and
                // the bytes it forwards as one body could hold a second, smuggled request.
                if (lineLength == 0 || line[lineLength - 1] != '\r') throw bad("chunked framing line not ended by CRLF");
                int contentLength = lineLength - 1;
                lineLength = 0;
                if (state == State.AWAITING_SIZE_LINE) {
                    onSizeLine(contentLength);
                } else {
                    onTrailerLine(contentLength);
                }
                return position;
            }
            if (state == State.AWAITING_TRAILER_LINE && ++trailerBytes > limits.maxHeaderBytes()) {
                throw ProtocolException.fatal(Status.REQUEST_HEADER_FIELDS_TOO_LARGE_431, "trailer section too large");
            }
            if (lineLength == line.length) {
                if (state == State.AWAITING_SIZE_LINE) throw bad("chunk size line too long");
                // A long trailer line: check what is held, then keep only its first byte (for the
                // fold check), so that the rest of the line can never pass for the empty line.
                checkTrailerBytes(lineLength);
                lineLength = 1;
            }
            line[lineLength++] = b;
        }
        return position;
    }

    /**
     * RFC 9112 §7.1.1: chunk-size = 1*HEXDIG, then chunk-ext = *( BWS ";" BWS chunk-ext-name
     * [ BWS "=" BWS chunk-ext-val ] ), a name being a token and a value a token or a
     * quoted-string. Nothing else may stand on the line, trailing whitespace included: anything
     * the grammar does not allow is a line that another parser may read differently.
     */
    private void onSizeLine(int contentLength) {
        long size = 0;
        int i = 0;
        while (i < contentLength && Syntax.hexValue(line[i]) >= 0) {
            // Past max / 16 one more digit goes over the limit; checked first, the shift never overflows.
            if (size > limits.maxBodyBytes() >> 4) {
                throw ProtocolException.fatal(Status.CONTENT_TOO_LARGE_413, "request body too large");
            }
            size = size << 4 | Syntax.hexValue(line[i]);
            i++;
        }
        if (i == 0) throw bad("malformed chunk size");
        checkExtensions(i, contentLength);
        if (size > limits.maxBodyBytes() - decodedTotal) {
            throw ProtocolException.fatal(Status.CONTENT_TOO_LARGE_413, "request body too large");
        }
        decodedTotal += size;
        chunkRemaining = size;
        state = size == 0 ? State.AWAITING_TRAILER_LINE : State.AWAITING_DATA;
    }

    /** Checks the chunk-ext that runs from {@code position} to {@code end} of the size line. */
    private void checkExtensions(int position, int end) {
        int i = position;
        while (true) {
            int next = skipWhitespace(i, end);
            if (next == end) {
                // BWS stands only before ";" or "=" (RFC 9112 §7.1.1), never at the end of the line.
                if (next != i) throw bad("whitespace after the chunk size or extension");
                return;
            }
            if (line[next] != ';') throw bad("unexpected byte after a chunk size or extension");
            int name = skipWhitespace(next + 1, end);
            i = Syntax.tokenEnd(line, name, end);
            if (i == name) throw bad("chunk extension without a token name");
            int equals = skipWhitespace(i, end);
            if (equals < end && line[equals] == '=') {
                int value = skipWhitespace(equals + 1, end);
                i = value < end && line[value] == '"' ? quotedStringEnd(value, end) : Syntax.tokenEnd(line, value, end);
                if (i == value) throw bad("chunk extension value neither a token nor a quoted-string");
            }
        }
    }

    /**
     * RFC 9110 §5.6.4: quoted-string = DQUOTE *( qdtext / quoted-pair ) DQUOTE, with
     * quoted-pair = "\" ( HTAB / SP / VCHAR / obs-text ). Returns the index after the closing quote.
     */
    private int quotedStringEnd(int openingQuote, int end) {
        int i = openingQuote + 1;
        while (i < end) {
            byte b = line[i];
            if (b == '"') return i + 1;
            if (b == '\\') {
                if (i + 1 == end || !Syntax.isQuotedPairChar(line[i + 1])) throw bad("invalid escape in a chunk extension value");
                i += 2;
            } else if (Syntax.isQdTextChar(b)) {
                i++;
            } else {
                throw bad("invalid character in a chunk extension value");
            }
        }
        throw bad("chunk extension value with an unclosed quote");
    }

    private int skipWhitespace(int position, int end) {
        int i = position;
        while (i < end && (line[i] == ' ' || line[i] == '\t')) i++;
        return i;
    }

    private void onTrailerLine(int contentLength) {
        if (contentLength == 0) {
            state = State.DONE;
            return;
        }
        if (++trailerFields > limits.maxHeaderCount()) {
            throw ProtocolException.fatal(Status.REQUEST_HEADER_FIELDS_TOO_LARGE_431, "too many trailer fields");
        }
        if (line[0] == ' ' || line[0] == '\t') throw bad("obsolete line folding in trailer");
        checkTrailerBytes(contentLength);
    }

    private void checkTrailerBytes(int length) {
        for (int i = 0; i < length; i++) {
            if (line[i] == '\r' || line[i] == 0) throw bad("invalid character in trailer field");
        }
    }

    private static ProtocolException bad(String message) {
        return ProtocolException.fatal(Status.BAD_REQUEST_400, message);
    }
}
