@protocol
Feature: Request bodies may come chunked
  A chunked body (RFC 9112 §7.1) is read to its last chunk and trailer section: chunk sizes are
  hex in either case, chunk extensions that follow their grammar are ignored and trailer fields
  dropped, and the next request on the connection is served. Every line of the framing ends with
  CRLF. Chunks past the body limit are refused with 413, broken framing with 400, and then the
  connection is closed, since the rest of the body cannot be found.

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

  Scenario Outline: An item sent with <form> is stored whole
    When the client stores an item sent in the chunks '<chunks>'
    Then the response status is 201
    And the item is stored
    And the next request on the connection is answered

    Examples:
      # As in the refusals below, {item} is an item of 32 bytes (20 in hex) and \x5C a backslash.
      | form                                      | chunks                                              |
      | an extension name alone                   | 20;name\r\n{item}\r\n0\r\n\r\n                      |
      | spaces around the extension's ';' and '=' | 20 ; name = value\r\n{item}\r\n0 ; last\r\n\r\n     |
      | a quoted extension value holding a quote  | 20;name="quoted \x5C" value"\r\n{item}\r\n0\r\n\r\n |

  Scenario: An empty chunked body is read to its end, then refused as an empty item
    When the client stores an item sent as an empty chunked body
    Then the response status is 400
    And the response body is a JSON error
    And the next request on the connection is answered

  Scenario Outline: An item sent with <fault> is refused and not stored
    When the client stores an item sent in the chunks '<chunks>'
    Then the response status is 400
    And the response body is a JSON error
    And the item is not stored
    And the connection is closed

    Examples: chunk sizes
      # The chunks are written byte for byte, \r and \n being CR and LF, \x5C a backslash and
      # \xHH any other byte; {item} is an item of 32 bytes, 20 in hex, so that each row but for its
      # fault would store it.
      | fault                             | chunks                      |
      | a chunk size that is not hex      | zz\r\n{item}\r\n0\r\n\r\n   |
      | a missing chunk size              | \r\n{item}\r\n0\r\n\r\n     |
      | a chunk size with a plus sign     | +20\r\n{item}\r\n0\r\n\r\n  |
      | a chunk size written with 0x      | 0x20\r\n{item}\r\n0\r\n\r\n |
      | chunk data one byte over its size | 1f\r\n{item}\r\n0\r\n\r\n   |
      | a space after the chunk size      | 20 \r\n{item}\r\n0\r\n\r\n  |

    Examples: chunk extensions (RFC 9112 §7.1.1)
      | fault                                  | chunks                                     |
      | a bare ';'                             | 20;\r\n{item}\r\n0\r\n\r\n                 |
      | an extension name that is not a token  | 20;(name)\r\n{item}\r\n0\r\n\r\n           |
      | an extension value that is not a token | 20;name=a/b\r\n{item}\r\n0\r\n\r\n         |
      | a space after an extension             | 20;name \r\n{item}\r\n0\r\n\r\n            |
      | a quoted value never closed            | 20;name="value\r\n{item}\r\n0\r\n\r\n      |
      | a quoted value escaping a control byte | 20;name="a\x5C\x01"\r\n{item}\r\n0\r\n\r\n |

    Examples: line ends
      # RFC 9112 §2.2 allows a bare LF only after the head; in the framing, a bare LF that one
      # parser takes as a line end and another does not lets a request be smuggled.
      | fault                                | chunks                              |
      | a bare LF after the chunk size       | 20\n{item}\r\n0\r\n\r\n             |
      | a bare LF after the chunk data       | 20\r\n{item}\n0\r\n\r\n             |
      | a bare LF after the last chunk       | 20\r\n{item}\r\n0\n\r\n             |
      | a bare LF after a trailer field      | 20\r\n{item}\r\n0\r\nX-Sum: 1\n\r\n |
      | a bare LF ending the trailer section | 20\r\n{item}\r\n0\r\n\n             |

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
