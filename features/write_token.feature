@protocol @needs-own-server
Feature: A write token guards the store
  With a token configured (MINIHTTP_TOKEN in the environment, or --token-file), POST, PUT and
  DELETE need "Authorization: Bearer <token>". Any other request to write is refused with 401 and a
  Bearer challenge, decided from the head before any of the body is read, so nothing is stored.
  Reads stay open unless reads are protected too; the health check and CORS preflights never need
  the token.

  Scenario: An item stored with the token is stored
    Given the server requires the token "s3cr3t-t0ken-0123456789" for writes
    When the client stores with the header "Authorization: Bearer s3cr3t-t0ken-0123456789" the item {"name":"pen"}
    Then the response status is 201
    And the response body is the new item {"name":"pen"}

  # RFC 9110 §11.1: the scheme is case-insensitive.
  Scenario: The scheme may be written in any case
    Given the server requires the token "s3cr3t-t0ken-0123456789" for writes
    When the client stores with the header "Authorization: bearer s3cr3t-t0ken-0123456789" the item {"name":"pen"}
    Then the response status is 201

  Scenario: An item stored without any credentials is refused with a Bearer challenge
    Given the server requires the token "s3cr3t-t0ken-0123456789" for writes
    When the client posts to /data the content type "application/json" and the body {"name":"pen"}
    Then the response status is 401
    And the response header "WWW-Authenticate" is "Bearer realm=\"minihttp\""
    And the response header "Access-Control-Expose-Headers" lists "Location, ETag, Last-Modified, Content-Range, Retry-After, WWW-Authenticate"
    And the response body is a JSON error
    And nothing was stored

  # RFC 6750 §3: no error code for credentials of another scheme; invalid_token once a Bearer token was sent.
  Scenario Outline: An item stored without the right token is refused: <credentials>
    Given the server requires the token "s3cr3t-t0ken-0123456789" for writes
    When the client stores with the header "Authorization: <credentials>" the item {"name":"pen"}
    Then the response status is 401
    And the response header "WWW-Authenticate" is "<challenge>"
    And the response body is a JSON error
    And nothing was stored

    Examples:
      | credentials                   | challenge                                          |
      | Basic dXNlcjpwYXNz            | Bearer realm=\"minihttp\"                          |
      | Bearer wrong-t0ken-0123456789 | Bearer realm=\"minihttp\", error=\"invalid_token\" |
      # The token's first half is not the token.
      | Bearer s3cr3t-t0ken           | Bearer realm=\"minihttp\", error=\"invalid_token\" |
      | Bearer                        | Bearer realm=\"minihttp\", error=\"invalid_token\" |

  Scenario: An item announced with Expect: 100-continue and no token is refused without an invitation
    Given the server requires the token "s3cr3t-t0ken-0123456789" for writes
    When the client stores an item of 32 bytes, holding it back until invited with 100 Continue
    Then the responses are, in order:
      | status |
      | 401    |
    And the connection is closed
    And the item is not stored

  Scenario: Replacing an item needs the token
    Given the server requires the token "s3cr3t-t0ken-0123456789" for writes
    And the client has stored the item {"name":"pen"}
    When the client replaces that item with the header "Authorization: Bearer wrong-t0ken-0123456789" and the item {"name":"ink"}
    Then the response status is 401
    And that item now reads {"name":"pen"}

  Scenario: Deleting an item needs the token
    Given the server requires the token "s3cr3t-t0ken-0123456789" for writes
    And the client has stored the item {"name":"pen"}
    When the client deletes that item
    Then the response status is 401
    And that item now reads {"name":"pen"}

  Scenario: An item is deleted with the token
    Given the server requires the token "s3cr3t-t0ken-0123456789" for writes
    And the client has stored the item {"name":"pen"}
    When the client requests DELETE on that item with the header "Authorization: Bearer s3cr3t-t0ken-0123456789"
    Then the response status is 200
    And that item is gone

  Scenario Outline: Reads stay open: <method> <target>
    Given the server requires the token "s3cr3t-t0ken-0123456789" for writes
    When the client requests <method> <target>
    Then the response status is <status>

    Examples:
      | method  | target            | status |
      | GET     | /data             | 200    |
      | HEAD    | /data             | 200    |
      | GET     | /static/hello.txt | 200    |
      | GET     | /health           | 200    |
      | OPTIONS | /data             | 204    |

  Scenario Outline: With reads protected, only the health check and preflights are open: <method> <target>
    Given the server requires the token "s3cr3t-t0ken-0123456789" for writes
    And the server requires the token for reads too
    When the client requests <method> <target>
    Then the response status is <status>

    Examples:
      | method  | target            | status |
      | GET     | /data             | 401    |
      | HEAD    | /data             | 401    |
      | GET     | /static/hello.txt | 401    |
      | GET     | /                 | 401    |
      # A path that does not exist is not told apart from one that does.
      | GET     | /nowhere          | 401    |
      | GET     | /health           | 200    |
      | HEAD    | /health           | 200    |
      | OPTIONS | /data             | 204    |

  Scenario: A preflight needs no token, even with reads protected
    Given the server requires the token "s3cr3t-t0ken-0123456789" for writes
    And the server requires the token for reads too
    When the client requests OPTIONS /data/1 with the headers:
      | Origin                         | https://app.example |
      | Access-Control-Request-Method  | PUT                 |
      | Access-Control-Request-Headers | authorization       |
    Then the response status is 204
    And the response header "Access-Control-Allow-Headers" is "Content-Type, Authorization, If-Match, If-None-Match"

  Scenario: With reads protected, the list is read with the token
    Given the server requires the token "s3cr3t-t0ken-0123456789" for writes
    And the server requires the token for reads too
    When the client requests GET /data with the header "Authorization: Bearer s3cr3t-t0ken-0123456789"
    Then the response status is 200

  @process
  Scenario Outline: The token may come from the environment: <credentials>
    Given a minihttp process with the token "env-t0ken-0123456789" in its environment
    When the client stores with the header "Authorization: <credentials>" the item {"name":"pen"}
    Then the response status is <status>

    Examples:
      | credentials                   | status |
      | Bearer env-t0ken-0123456789   | 201    |
      | Bearer wrong-t0ken-0123456789 | 401    |

  @process
  Scenario Outline: A token file that cannot be used stops the start with one line: <problem>
    Given a token file holding "<content>"
    When minihttp is started with that token file
    Then it exits with status 1
    And its error output is one line containing "<problem>"
    And its output does not contain "s3cr3t"

    Examples:
      | content                 | problem       |
      | \n                      | is empty      |
      | s3cr3t t0ken-01234567\n | holds a space |

  @process
  Scenario: A token in the environment and a token file at once stop the start
    Given a token file holding "s3cr3t-t0ken-0123456789\n"
    When minihttp is started with that token file and the token "s3cr3t-t0ken-0123456789" in its environment
    Then it exits with status 1
    And its error output is one line containing "both give a write token"

  @process
  Scenario: Listening on every address without a token prints a warning
    Given a minihttp process listening on every address without a token
    Then its output has a warning line containing "without TLS and without a write token"
