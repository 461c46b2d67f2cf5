@protocol
Feature: Request bodies may come chunked
  A chunked body (RFC 9112 §7.1) is read to its last chunk and trailer section: chunk extensions
  are ignored and trailer fields dropped, and the next request on the connection is served. The
  chunks are written byte for byte: \r and \n are CR and LF, \x22 is a double quote.

  Scenario Outline: An item sent in chunks <case> is stored whole
    When the client stores an item sent in the chunks "<chunks>"
    Then the response status is 201
    And the response body is the new item {"name":"pen"}
    And the next request on the connection is answered

    Examples:
      | case                      | chunks                                                              |
      | in one chunk              | e\r\n{\x22name\x22:\x22pen\x22}\r\n0\r\n\r\n                      |
      | in several chunks         | 6\r\n{\x22name\r\n8\r\n\x22:\x22pen\x22}\r\n0\r\n\r\n               |
      | with an upper-case size   | E\r\n{\x22name\x22:\x22pen\x22}\r\n0\r\n\r\n                      |
      | with chunk extensions     | E;name=value\r\n{\x22name\x22:\x22pen\x22}\r\n0;last\r\n\r\n       |
      | with trailer fields       | E\r\n{\x22name\x22:\x22pen\x22}\r\n0\r\nX-Checksum: 1234\r\n\r\n  |

  Scenario: An empty chunked body is read to its end, then refused as an empty item
    When the client stores an item sent in the chunks "0\r\n\r\n"
    Then the response status is 400
    And the response body is a JSON error
    And the next request on the connection is answered

  Scenario Outline: A malformed chunked body is refused: <case>
    When the client sends POST /echo with the chunked body "<chunks>"
    Then the response status is 400
    And the response body is a JSON error
    And the connection is closed

    Examples:
      | case                            | chunks                         |
      | a chunk size that is not hex    | zz\r\nhello\r\n0\r\n\r\n       |
      | a missing chunk size            | \r\nhello\r\n0\r\n\r\n         |
      | chunk data longer than its size | 3\r\nhello\r\n0\r\n\r\n        |

  @needs-own-server
  Scenario Outline: A chunked body against a limit of 1024 bytes: <case> → <status>
    Given the server accepts request bodies of at most 1024 bytes
    When the client sends POST /echo with a chunked body of <count> chunks of <size> bytes
    Then the response status is <status>
    And the response body is a JSON error
    And the connection is <afterwards>

    Examples:
      | case                              | count | size | status | afterwards |
      # Within the limit the body is read; /echo takes no body, hence 405 after reading it.
      | chunks adding up to the limit     | 2     | 512  | 405    | kept open  |
      | one chunk over the limit          | 1     | 1025 | 413    | closed     |
      | chunks adding up past the limit   | 3     | 400  | 413    | closed     |
