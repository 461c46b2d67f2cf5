@protocol
Feature: The root greets the client
  GET / answers with a short plain-text welcome; HEAD / with the same header fields and no body
  (RFC 9110 §9.3.2). A client whose Accept prefers text/html to text/plain, as a browser's does,
  is sent on to the console page instead, when the static folder has one (RFC 9110 §12.5.1
  proactive negotiation); both answers carry Vary: Accept, since they depend on it (§12.5.5).

  Scenario: GET / answers with the welcome text
    When the client requests GET /
    Then the response status is 200
    And the response content type is "text/plain"
    And the response body is "Welcome to minihttp!\n"
    And the response header "Vary" is "Accept"

  Scenario: HEAD / answers with the header fields of GET / and no body
    When the client requests HEAD /
    Then the response status is 200
    And the response content type is "text/plain"
    And the response header "Content-Length" is "21"
    And the response has no body

  Rule: A browser is sent to the console page, every other client keeps the welcome

    Scenario Outline: <browser> is redirected to the console page
      When the client requests GET / with the header "Accept: <accept>"
      Then the response status is 302
      And the response header "Location" is "/static/index.html"
      And the response header "Vary" is "Accept"
      And the response content type is "text/html"

      Examples:
        | browser | accept                                                                                                                                |
        | Chrome  | text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,image/apng,*/*;q=0.8,application/signed-exchange;v=b3;q=0.7 |
        | Firefox | text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8                                                                       |

    Scenario: HEAD / from a browser gets the redirect without a body
      When the client requests HEAD / with the header "Accept: text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
      Then the response status is 302
      And the response header "Location" is "/static/index.html"
      And the response header "Vary" is "Accept"
      And the response has no body

    Scenario Outline: A client that does not prefer HTML gets the welcome: <client>
      When the client requests GET / with the header "Accept: <accept>"
      Then the response status is 200
      And the response content type is "text/plain"
      And the response header "Vary" is "Accept"
      And the response body is "Welcome to minihttp!\n"

      Examples:
        | client               | accept                      |
        | curl                 | */*                         |
        | HTTPie               | application/json, */*;q=0.5 |
        | plain text preferred | text/plain, text/html;q=0.5 |
        | HTML not acceptable  | text/html;q=0               |

    @needs-own-server
    Scenario: Without a console page a browser gets the welcome too
      Given the static folder holds:
        | path      | content |
        | hello.txt | hello   |
      When the client requests GET / with the header "Accept: text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
      Then the response status is 200
      And the response content type is "text/plain"
      And the response header "Vary" is "Accept"
      And the response body is "Welcome to minihttp!\n"

    @needs-own-server
    Scenario: A console page in the server's own static folder is where a browser goes
      Given the static folder holds:
        | path       | content                               |
        | index.html | <!doctype html><title>console</title> |
      When the client requests GET / with the header "Accept: text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
      Then the response status is 302
      And the response header "Location" is "/static/index.html"
