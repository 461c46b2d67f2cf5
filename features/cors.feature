@protocol
Feature: Any origin may read every response (CORS)
  The API is public and takes no credentials, so every response, errors included, allows any
  origin; a browser's preflight (OPTIONS) learns which methods the path takes, which request
  headers it may use and how long it may cache that answer.

  Scenario Outline: <request> → <status> allows any origin
    When the client requests <request> with the header "Origin: https://app.example"
    Then the response status is <status>
    And the response header "Access-Control-Allow-Origin" is "*"

    Examples:
      | request              | status |
      | GET /                | 200    |
      | GET /echo?message=hi | 200    |
      | GET /echo            | 400    |
      | GET /nope            | 404    |
      | DELETE /echo         | 405    |

  Scenario: A request refused as malformed allows any origin too
    When the client sends "GET / HTTP/1.1\r\nOrigin: https://app.example\r\n\r\n"
    Then the response status is 400
    And the response header "Access-Control-Allow-Origin" is "*"

  Scenario: A preflight for /echo is answered with the methods and headers allowed
    When the client requests OPTIONS /echo with the headers:
      | Origin                         | https://app.example |
      | Access-Control-Request-Method  | GET                 |
      | Access-Control-Request-Headers | content-type        |
    Then the response status is 204
    And the response header "Access-Control-Allow-Origin" is "*"
    And the response header "Access-Control-Allow-Methods" is "GET, HEAD, OPTIONS"
    And the response header "Access-Control-Allow-Headers" is "Content-Type, Authorization, If-Match, If-None-Match"
    And the response header "Access-Control-Max-Age" is a number of seconds
    And the response has no header "Content-Length"
    And the response has no body

  Scenario Outline: Every route answers a preflight with the methods its path takes: <path>
    When the client requests OPTIONS <path> with the headers:
      | Origin                        | https://app.example |
      | Access-Control-Request-Method | <method>            |
    Then the response status is 204
    And the response header "Access-Control-Allow-Origin" is "*"
    And the response header "Access-Control-Allow-Methods" is "<allow>"
    And the response header "Allow" is "<allow>"

    Examples:
      | path              | method | allow                           |
      | /                 | GET    | GET, HEAD, OPTIONS              |
      | /data             | POST   | GET, HEAD, POST, OPTIONS        |
      | /data/1           | PUT    | GET, HEAD, PUT, DELETE, OPTIONS |
      | /static/hello.txt | GET    | GET, HEAD, OPTIONS              |

  # Fetch: a preflight needs an ok status, so the browser fails it, as the request itself would fail.
  Scenario: A preflight for a path with no route is 404
    When the client requests OPTIONS /nope with the headers:
      | Origin                        | https://app.example |
      | Access-Control-Request-Method | GET                 |
    Then the response status is 404
    And the response header "Access-Control-Allow-Origin" is "*"
    And the response has no header "Access-Control-Allow-Methods"

  Scenario: OPTIONS * asks about the server as a whole: every method some path takes
    When the client requests OPTIONS *
    Then the response status is 204
    And the response header "Access-Control-Allow-Origin" is "*"
    And the response header "Allow" lists "GET, HEAD, POST, PUT, DELETE, OPTIONS"
    And the response has no body
