@protocol
Feature: Connections persist unless a side says otherwise
  An HTTP/1.1 connection stays open between requests unless "Connection: close" is sent; an
  HTTP/1.0 one closes after the response unless the client asks for keep-alive (RFC 9112 §9.3).
  Requests may be pipelined; the answers come in order. An idle connection is closed.

  Scenario: Two requests one after the other on one connection are both answered
    When the client sends on one connection, waiting for each response:
      | GET /                   |
      | GET /echo?message=again |
    Then the responses are, in order:
      | status | body                   |
      | 200    | Welcome to minihttp!\n |
      | 200    | {"message":"again"}    |
    And the connection is kept open

  Scenario: "Connection: close" from the client ends the connection after the response
    When the client requests GET / with the header "Connection: close"
    Then the response status is 200
    And the response header "Connection" is "close"
    And the connection is closed

  Scenario: An HTTP/1.0 request is answered, then the connection is closed
    When the client sends "GET / HTTP/1.0\r\n\r\n"
    Then the response status is 200
    And the response body is "Welcome to minihttp!\n"
    And the connection is closed

  Scenario: An HTTP/1.0 client that asks for keep-alive keeps its connection
    When the client sends "GET / HTTP/1.0\r\nConnection: keep-alive\r\n\r\n"
    Then the response status is 200
    And the response header "Connection" is "keep-alive"
    And the connection is kept open

  Scenario: Requests sent in one write are answered in order
    When the client sends these requests in one write:
      | GET /echo?message=first |
      | HEAD /                  |
      | GET /echo?message=third |
    Then the responses are, in order:
      | status | body                |
      | 200    | {"message":"first"} |
      | 200    |                     |
      | 200    | {"message":"third"} |
    And the connection is kept open

  @needs-own-server
  Scenario: An idle connection is closed after the idle timeout, not before
    Given the server closes connections idle for 1 second
    When the client requests GET /
    Then the response status is 200
    And the connection is closed after about 1 second

  Scenario: A small body that the route does not read is read away, and the connection goes on
    When the client sends "POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nhello"
    And the client sends "GET / HTTP/1.1\r\nHost: x\r\n\r\n"
    Then the responses are, in order:
      | status |
      | 405    |
      | 200    |
    And the connection is kept open

  Scenario: A large body that the route does not read is not waited for: the connection closes
    When the client sends "POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 1048576\r\n\r\n"
    Then the response status is 405
    And the response header "Connection" is "close"
    And the connection is closed
