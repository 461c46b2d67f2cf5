@protocol
Feature: Malformed and unsupported requests are refused with a status
  Every refusal carries a JSON body {"error": ...}. After a syntax or framing error the server
  cannot trust the rest of the byte stream, so it closes the connection (RFC 9112 §9.6); after an
  ordinary refusal (404, 405, an unknown method) the connection stays usable. The requests are
  written byte for byte: \r and \n are CR and LF, \xHH any other byte.

  Scenario Outline: <case> → <status>
    When the client sends "<request>"
    Then the response status is <status>
    And the response body is a JSON error
    And the connection is <afterwards>

    Examples: request line
      | case                           | request                                        | status | afterwards |
      | no HTTP version                | GET /\r\nHost: x\r\n\r\n                       | 400    | closed     |
      | two spaces after the method    | GET  / HTTP/1.1\r\nHost: x\r\n\r\n             | 400    | closed     |
      | a non-token byte in the method | G(T / HTTP/1.1\r\nHost: x\r\n\r\n              | 400    | closed     |
      | a bare CR in the request line  | GET /\ra HTTP/1.1\r\nHost: x\r\n\r\n           | 400    | closed     |
      | a lower-case version           | GET / http/1.1\r\nHost: x\r\n\r\n              | 400    | closed     |

    Examples: header fields
      | case                            | request                                             | status | afterwards |
      | a non-token byte in a name      | GET / HTTP/1.1\r\nHost: x\r\nX-A(b: 1\r\n\r\n        | 400    | closed     |
      | whitespace before the colon     | GET / HTTP/1.1\r\nHost : x\r\n\r\n                   | 400    | closed     |
      | a field line without a colon    | GET / HTTP/1.1\r\nHost: x\r\nX-A\r\n\r\n             | 400    | closed     |
      | obsolete line folding           | GET / HTTP/1.1\r\nHost: x\r\nX-A: 1\r\n 2\r\n\r\n    | 400    | closed     |
      | a bare CR in a value            | GET / HTTP/1.1\r\nHost: x\r\nX-A: 1\r2\r\n\r\n       | 400    | closed     |
      | a NUL in a value                | GET / HTTP/1.1\r\nHost: x\r\nX-A: 1\x002\r\n\r\n     | 400    | closed     |

    Examples: Host
      | case                            | request                                        | status | afterwards |
      | HTTP/1.1 without Host           | GET / HTTP/1.1\r\n\r\n                         | 400    | closed     |
      | two Host fields                 | GET / HTTP/1.1\r\nHost: x\r\nHost: y\r\n\r\n   | 400    | closed     |
      # RFC 9112 §3.3: with a target in origin-form, Host gives the host an http URI cannot lack.
      | an empty Host                   | GET / HTTP/1.1\r\nHost:\r\n\r\n                   | 400    | closed     |
      | a Host with a port and no host  | GET / HTTP/1.1\r\nHost: :8080\r\n\r\n             | 400    | closed     |

    Examples: body framing
      | case                               | request                                                                                  | status | afterwards |
      | Content-Length and chunked         | POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n | 400    | closed     |
      | a Content-Length that is no number | POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\n\r\n                           | 400    | closed     |
      | a negative Content-Length          | POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: -1\r\n\r\n                            | 400    | closed     |
      | two different Content-Length       | POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\nab      | 400    | closed     |
      | a Content-Length list that differs | POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 1, 2\r\n\r\nab                        | 400    | closed     |
      # RFC 9112 §6.1: Transfer-Encoding in HTTP/1.0 means the framing cannot be trusted.
      | chunked in HTTP/1.0                | POST /echo HTTP/1.0\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n                     | 400    | closed     |
      # RFC 9112 §6.1: a transfer coding the server does not understand.
      | gzip before chunked                | POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: gzip, chunked\r\n\r\n0\r\n\r\n     | 501    | closed     |
      # Without a final chunked RFC 9112 §6.3 would also allow 400; the unknown coding is named first.
      | gzip alone                         | POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: gzip\r\n\r\n                      | 501    | closed     |

    Examples: what the server does not serve
      | case                               | request                                  | status | afterwards |
      | HTTP/2.0 in an HTTP/1 request line | GET / HTTP/2.0\r\nHost: x\r\n\r\n        | 505    | closed     |
      # RFC 9110 §10.1.1: an expectation other than 100-continue may be refused with 417.
      | an expectation it cannot meet      | POST /data HTTP/1.1\r\nHost: x\r\nExpect: teapot\r\nContent-Length: 2\r\n\r\n{} | 417 | closed |
      | a tunnel (CONNECT)                 | CONNECT example.com:443 HTTP/1.1\r\nHost: example.com:443\r\n\r\n | 501 | closed |
      | an unknown path                    | GET /nope HTTP/1.1\r\nHost: x\r\n\r\n    | 404    | kept open  |
      | a method the path does not take    | DELETE /echo HTTP/1.1\r\nHost: x\r\n\r\n | 405    | kept open  |
      | a method the server does not know  | BREW / HTTP/1.1\r\nHost: x\r\n\r\n       | 501    | kept open  |

  # RFC 9110 §5.3: a field that is not a list, as Content-Type, is sent once; other fields may repeat.
  Scenario Outline: An item sent with a second Content-Type is refused and not stored: <second>
    When the client stores an item of 64 bytes with the added header field "<second>"
    Then the response status is 400
    And the response body is a JSON error
    And the item is not stored
    And the connection is closed

    Examples:
      | second                         |
      | Content-Type: application/json |
      | content-type: text/plain       |

  Scenario: An empty Host is no error when the target names the host (RFC 9112 §3.2.2)
    When the client sends "GET http://example.com/echo?message=absolute HTTP/1.1\r\nHost:\r\n\r\n"
    Then the response status is 200
    And the response body is the JSON {"message":"absolute"}

  Scenario: 405 names the methods the path does take
    When the client requests DELETE /echo
    Then the response status is 405
    And the response header "Allow" lists "GET, HEAD, OPTIONS"

  Scenario Outline: The answer to HEAD has no body, errors included: <case>
    When the client sends "<request>"
    Then the response status is <status>
    And the response has no body

    Examples: refused by the route
      | case              | request                                  | status |
      | an unknown path   | HEAD /nope HTTP/1.1\r\nHost: x\r\n\r\n   | 404    |
      | a missing message | HEAD /echo HTTP/1.1\r\nHost: x\r\n\r\n   | 400    |

    Examples: refused while parsing the head
      | case                       | request                                          | status |
      | a malformed percent-escape | HEAD /echo?message=%zz HTTP/1.1\r\nHost: x\r\n\r\n | 400    |
      | HTTP/1.1 without Host      | HEAD / HTTP/1.1\r\n\r\n                           | 400    |
