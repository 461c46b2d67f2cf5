@protocol
Feature: Request bodies may come chunked
  A chunked body (RFC 9112 §7.1) is read to its last chunk and trailer section: chunk sizes are
  hex in either case, chunk extensions are ignored and trailer fields dropped, and the next
  request on the connection is served. Chunks past the body limit are refused with 413, broken
  framing with 400, and then the connection is closed, since the rest of the body cannot be found.

  Scenario Outline: An item of <length> bytes sent <sent> is stored whole
    When the client stores an item of <length> bytes sent <sent>
    Then the response status is 201
    And the item is stored
    And the next request on the connection is answered

    Examples:
      | length | sent                                                        |
      | 250    | in 1 chunk                                                  |
      | 1024   | in 3 chunks                                                 |
      | 250    | in 250 chunks                                               |
      # 250 bytes are FA in hex.
      | 250    | in 1 chunk with its size in upper-case hex                  |
      | 250    | in 2 chunks with the extension ";name=value" on every chunk |
      | 250    | in 2 chunks and the trailer field "X-Checksum: 1234"        |

  Scenario: An empty chunked body is read to its end, then refused as an empty item
    When the client stores an item sent as an empty chunked body
    Then the response status is 400
    And the response body is a JSON error
    And the next request on the connection is answered

  Scenario Outline: An item sent with <fault> is refused and not stored
    When the client stores an item sent in the chunks "<chunks>"
    Then the response status is 400
    And the response body is a JSON error
    And the item is not stored
    And the connection is closed

    Examples:
      # The chunks are written byte for byte, \r and \n being CR and LF; {item} is an item of 32
      # bytes, 20 in hex, so that each row but for its fault would store it.
      | fault                                | chunks                        |
      | a chunk size that is not hex         | zz\r\n{item}\r\n0\r\n\r\n     |
      | a missing chunk size                 | \r\n{item}\r\n0\r\n\r\n       |
      | a chunk size with a plus sign        | +20\r\n{item}\r\n0\r\n\r\n    |
      | a chunk size written with 0x         | 0x20\r\n{item}\r\n0\r\n\r\n   |
      | chunk data one byte over its size    | 1f\r\n{item}\r\n0\r\n\r\n     |

  @needs-own-server
  Scenario: An item in chunks adding up to the body limit is stored
    Given the server accepts request bodies of at most 1024 bytes
    When the client stores an item of 1024 bytes sent in 2 chunks
    Then the response status is 201
    And the item is stored
    And the connection is kept open

  @needs-own-server
  Scenario Outline: An item in chunks past the body limit is refused: <case>
    Given the server accepts request bodies of at most 1024 bytes
    When the client stores an item of <length> bytes sent <sent>
    Then the response status is 413
    And the response body is a JSON error
    And the item is not stored
    And the connection is closed

    Examples:
      | case                            | length | sent        |
      | one chunk over the limit        | 1025   | in 1 chunk  |
      | chunks adding up past the limit | 1200   | in 3 chunks |
