@protocol
Feature: The server bounds how many connections it holds
  The server holds at most --max-connections connections at once (10,000 by default) and at most
  --max-connections-per-client from one client address (1,000 by default), so that one host
  cannot take them all. A connection past either limit is answered 503 with Retry-After at once
  and closed, holding nothing on the server (over HTTPS it is closed without an answer, which
  would first need a handshake: hence @plain-tcp on the scenarios that read the 503). A place is
  free again as soon as a connection closes, whoever closes it.

  @needs-own-server @plain-tcp
  Scenario: A connection past the server's limit is refused with 503 at once
    Given the server holds at most 2 connections
    And 2 clients are connected and have been answered
    When a third client requests GET /
    Then the response status is 503
    And the response header "Retry-After" is a number of seconds
    And the response body is the JSON {"error":"too many connections, try again later"}
    And the connection is closed

  @needs-own-server @plain-tcp
  Scenario: One client address cannot take every connection
    Given the server holds at most 2 connections from one client address
    And 2 clients are connected and have been answered
    When a third client requests GET /
    Then the response status is 503
    And the response header "Retry-After" is a number of seconds
    And the response body is the JSON {"error":"too many connections from your address, try again later"}
    And the connection is closed

  @needs-own-server
  Scenario: A place is free again once a client closes its connection
    Given the server holds at most 2 connections
    And 2 clients are connected and have been answered
    And one of them has closed its connection
    When a third client requests GET /
    Then the response status is 200

  @needs-own-server
  Scenario: A place held by an idle connection is free again once the server closes it
    Given the server holds at most 1 connection
    And the server closes connections idle for 1 second
    And 1 client is connected and has been answered
    And the server has since closed that connection for being idle
    When another client requests GET /
    Then the response status is 200
