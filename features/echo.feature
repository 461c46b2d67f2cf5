@protocol
Feature: Echo returns the message as JSON
  GET /echo?message=TEXT answers {"message":"TEXT"}: the query parameter is percent-decoded as
  UTF-8 with '+' as a space, then written as a JSON string. A missing message, or one that does
  not decode, is refused with 400 and a JSON error.

  Scenario: A plain message comes back as JSON
    When the client requests GET /echo?message=hello
    Then the response status is 200
    And the response content type is "application/json"
    And the response body is the JSON {"message":"hello"}

  Scenario: A request target in absolute form is served like its path
    When the client sends "GET http://example.com/echo?message=absolute HTTP/1.1\r\nHost: example.com\r\n\r\n"
    Then the response status is 200
    And the response body is the JSON {"message":"absolute"}

  Scenario Outline: The message is decoded and escaped: <case>
    When the client requests GET /echo?message=<encoded>
    Then the response status is 200
    And the response body is the JSON <json>

    Examples:
      | case                     | encoded          | json                        |
      | '+' is a space           | hello+world      | {"message":"hello world"}   |
      | %20 is a space           | hello%20world    | {"message":"hello world"}   |
      | an encoded '+' is a plus | 1%2B1            | {"message":"1+1"}           |
      | quotes are escaped       | say%20%22hi%22   | {"message":"say \"hi\""}    |
      # In a table cell Gherkin reads \\ as one backslash: the body is {"message":"a\\b"}.
      | a backslash is escaped   | a%5Cb            | {"message":"a\\\\b"}        |
      # Likewise the cell's \\n is the JSON escape \n, not a line break.
      | a line feed is escaped   | a%0Ab            | {"message":"a\\nb"}         |
      | a control is \u-escaped  | %01              | {"message":"\u0001"}        |
      | two-byte UTF-8 is kept   | caf%C3%A9        | {"message":"café"}          |
      | four-byte UTF-8 is kept  | %F0%9F%98%80     | {"message":"😀"}            |
      # Present but empty is a message, not a missing one.
      | an empty message         |                  | {"message":""}              |

  Scenario Outline: Without a message the request is refused: <case>
    When the client requests GET <target>
    Then the response status is 400
    And the response body is a JSON error

    Examples:
      | case                 | target           |
      | no query             | /echo            |
      | another parameter    | /echo?text=hello |

  Scenario Outline: A message that does not decode is refused: <case>
    When the client requests GET /echo?message=<encoded>
    Then the response status is 400
    And the response body is a JSON error

    Examples:
      | case                      | encoded |
      | not hex digits            | %zz     |
      | one hex digit             | %4      |
      | a byte that is never UTF-8 | %ff    |
      | a truncated UTF-8 sequence | %C3    |
      | an overlong UTF-8 form    | %C0%AF  |
