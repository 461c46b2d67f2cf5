@protocol
Feature: The root greets the client
  GET / answers with a short plain-text welcome; HEAD / with the same header fields and no body
  (RFC 9110 §9.3.2).

  Scenario: GET / answers with the welcome text
    When the client requests GET /
    Then the response status is 200
    And the response content type is "text/plain"
    And the response body is "Welcome to minihttp!\n"

  Scenario: HEAD / answers with the header fields of GET / and no body
    When the client requests HEAD /
    Then the response status is 200
    And the response content type is "text/plain"
    And the response header "Content-Length" is "21"
    And the response has no body
