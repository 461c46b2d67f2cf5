package minihttp.http;

/** What {@link RequestParser#parse} makes of the bytes so far. */
public sealed interface ParseResult {

    /** A whole request head: the request (without its body) and how many bytes the head took. */
    record Complete(Request request, int consumed) implements ParseResult {
    }

    /** The head is not finished yet and nothing seen so far is wrong: read more. */
    record Incomplete() implements ParseResult {
    }

    /** The bytes can never become a valid head. */
    record Invalid(ProtocolException error) implements ParseResult {
    }

    ParseResult INCOMPLETE = new Incomplete();
}
