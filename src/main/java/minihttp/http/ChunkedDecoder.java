package minihttp.http;

import java.io.ByteArrayOutputStream;

/**
 * Decodes a chunked request body (RFC 9112 §7.1) from bytes as they arrive, split anywhere.
 *
 * <p>Feed it with {@link #decode}; it appends chunk data to the sink, returns how many input bytes
 * it used and stops right after the final CRLF of the trailer section, so the bytes after it (a
 * pipelined request) are left to the caller. Chunk extensions are ignored and trailer fields are
 * read and dropped. More decoded data than {@link Limits#maxBodyBytes()} is refused with 413
 * before it is read. One instance per body; not thread-safe.
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
                    byte b = buffer[position++];
                    if (b == '\r' && !sawDataEndCr) {
                        sawDataEndCr = true;
                    } else if (b == '\n') {
                        sawDataEndCr = false;
                        state = State.AWAITING_SIZE_LINE;
                    } else {
                        throw bad("chunk data not followed by CRLF");
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
                int contentLength = lineLength > 0 && line[lineLength - 1] == '\r' ? lineLength - 1 : lineLength;
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

    /** chunk-size [ chunk-ext ]: hex digits, then nothing or BWS ";" and extensions we ignore. */
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
        while (i < contentLength && (line[i] == ' ' || line[i] == '\t')) i++;
        if (i < contentLength && line[i] != ';') throw bad("malformed chunk size");
        for (int j = i; j < contentLength; j++) {
            if (line[j] == '\r' || !Syntax.isFieldValueChar(line[j])) throw bad("invalid character in chunk extension");
        }
        if (size > limits.maxBodyBytes() - decodedTotal) {
            throw ProtocolException.fatal(Status.CONTENT_TOO_LARGE_413, "request body too large");
        }
        decodedTotal += size;
        chunkRemaining = size;
        state = size == 0 ? State.AWAITING_TRAILER_LINE : State.AWAITING_DATA;
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
