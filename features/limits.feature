@protocol
Feature: The server bounds what one request may take
  By default a request target may have 8 KiB (else 414) and the header section 16 KiB and 100
  field lines (else 431). An item whose body is over --max-body is refused with 413 before the body
  is read, and before any 100 Continue; a body the route would refuse anyway (not JSON, for
  /data) is not invited either. A client that is too slow to send its head, or its body, gets 408. When every
  worker is busy and the queue is full, a new request for the store gets 503 at once instead of
  waiting, while the routes that need no worker (the welcome, /echo) are still answered.

  Scenario Outline: A request target of <length> bytes → <status>
    When the client requests GET with a target of <length> bytes
    Then the response status is <status>

    Examples:
      | length | status |
      # At the limit the target is accepted; no route has such a path, hence 404.
      | 8192   | 404    |
      | 8193   | 414    |

  Scenario Outline: A header section of <length> bytes → <status>
    When the client requests GET / with a header section of <length> bytes
    Then the response status is <status>

    Examples:
      | length | status |
      | 16384  | 200    |
      | 16385  | 431    |

  Scenario Outline: A request with <count> header fields → <status>
    When the client requests GET / with <count> header fields
    Then the response status is <status>

    Examples:
      | count | status |
      | 100   | 200    |
      | 101   | 431    |

  @needs-own-server
  Scenario: An item of exactly the body limit is stored
    Given the server accepts request bodies of at most 1024 bytes
    When the client stores an item of 1024 bytes
    Then the response status is 201
    And the item is stored

  @needs-own-server
  Scenario: An item one byte over the body limit is refused with 413
    Given the server accepts request bodies of at most 1024 bytes
    When the client stores an item of 1025 bytes
    Then the response status is 413
    And the response body is a JSON error
    And the item is not stored

  @needs-own-server
  Scenario: An item over the body limit is refused before the client sends it
    Given the server accepts request bodies of at most 1024 bytes
    When the client announces an item of 1048576 bytes and sends only the head
    Then the response status is 413
    And the response body is a JSON error
    And the connection is closed

  @needs-own-server
  Scenario: An item over the body limit announced with Expect: 100-continue is refused without an invitation
    Given the server accepts request bodies of at most 1024 bytes
    When the client stores an item of 2048 bytes, holding it back until invited with 100 Continue
    Then the responses are, in order:
      | status |
      | 413    |
    And the connection is closed
    And the item is not stored

  Scenario: An item announced with Expect: 100-continue is invited with 100 Continue
    When the client stores an item of 32 bytes, holding it back until invited with 100 Continue
    Then the responses are, in order:
      | status |
      | 100    |
      | 201    |
    And the item is stored

  Scenario: A body the route would refuse anyway is not invited
    When the client posts to /data a body of 32 bytes of type "text/plain", holding it back until invited with 100 Continue
    Then the responses are, in order:
      | status |
      | 415    |
    And the connection is closed

  @needs-own-server
  Scenario: A client that stops in the middle of its head gets 408 and is disconnected
    Given the server allows 1 second to send a request head
    When the client sends "GET / HTTP/1.1\r\nHost: x\r\n" and nothing more
    Then the response status is 408
    And the response came about 1 second after the request
    And the response body is a JSON error
    And the connection is closed

  @needs-own-server
  Scenario: A HEAD request that stops in the middle of its head gets 408 without a body
    Given the server allows 1 second to send a request head
    When the client sends "HEAD / HTTP/1.1\r\nHost: x\r\n" and nothing more
    Then the response status is 408
    And the response has no body

  @needs-own-server
  Scenario: The head timeout follows the idle timeout unless it is set
    Given the server closes connections idle for 1 second
    When the client sends "GET / HTTP/1.1\r\nHost: x\r\n" and nothing more
    Then the response status is 408
    And the response came about 1 second after the request

  @needs-own-server
  Scenario: A body that stops arriving gets 408 and the connection is closed
    Given the server closes connections idle for 1 second
    When the client sends "POST /data HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 20\r\n\r\n{\"a\":" and nothing more
    Then the response status is 408
    And the response came about 1 second after the request
    And the response body is a JSON error
    And the connection is closed

  @needs-own-server
  Scenario: A body trickled in slower than 500 bytes a second gets 408, though it never stalls
    A byte every 0.4 s never leaves the connection idle for the 1-second timeout, but once that
    second has passed the body must average 500 bytes a second (2 ms a byte).
    Given the server closes connections idle for 1 second
    When the client sends "POST /data HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n" and then one byte of its body every 400 milliseconds
    Then the response status is 408
    And the response came about 1 second after the request
    And the response body is a JSON error
    And the connection is closed

  @needs-own-server
  Scenario: A saturated server refuses store requests at once with 503, then serves again
    Given the server runs with 1 worker and room for 1 waiting request
    And a first client has sent a request head and only half of its body
    And a second client's request for the items is waiting for a worker
    When a third client requests GET /data
    Then the response status is 503
    And the response header "Retry-After" is a number of seconds
    And the connection is closed
    And once the first client sends the rest of its body, every client is served

  @needs-own-server
  Scenario: A saturated server still answers the routes that need no worker
    Given the server runs with 1 worker and room for 1 waiting request
    And a first client has sent a request head and only half of its body
    And a second client's request for the items is waiting for a worker
    When a third client requests GET /echo?message=still+here
    Then the response status is 200
    And the response body is the JSON {"message":"still here"}
