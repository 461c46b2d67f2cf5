@protocol
Feature: Request bodies may come chunked
  A chunked body (RFC 9112 §7.1) is read to its last chunk and trailer section: chunk extensions
  are ignored and trailer fields dropped, so the next request on the connection is served. Only
  GET routes exist so far: POST /echo is refused with 405, but only after its body was read,
  which the GET pipelined right after it proves. The chunks are written byte for byte: \r and \n
  are CR and LF.

  Scenario Outline: A chunked body <case> is read to its end
    When the client sends, in one write, POST /echo with the chunked body "<chunks>" and then GET /echo?message=next
    Then the responses are, in order:
      | status |
      | 405    |
      | 200    |
    And the response body is the JSON {"message":"next"}

    Examples:
      | case                       | chunks                                         |
      | in one chunk               | 5\r\nhello\r\n0\r\n\r\n                        |
      | in several chunks          | 2\r\nhe\r\n3\r\nllo\r\n0\r\n\r\n               |
      | with upper-case hex sizes  | A\r\n0123456789\r\n0\r\n\r\n                   |
      | with chunk extensions      | 5;name=value\r\nhello\r\n0;last\r\n\r\n        |
      | with trailer fields        | 5\r\nhello\r\n0\r\nX-Checksum: 1234\r\n\r\n    |
      | that is empty              | 0\r\n\r\n                                      |

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
      # Within the limit the body is read; only GET routes exist so far, hence 405.
      | chunks adding up to the limit     | 2     | 512  | 405    | kept open  |
      | one chunk over the limit          | 1     | 1025 | 413    | closed     |
      | chunks adding up past the limit   | 3     | 400  | 413    | closed     |
