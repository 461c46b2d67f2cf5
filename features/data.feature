@data
Feature: The item store
  /data keeps JSON objects. The server gives each stored item an integer "id" (positive, unique,
  increasing, never reused) and returns exactly what was stored: member order, big integers,
  decimals, escapes and any Unicode.

  Scenario: A stored item comes back with its id and its address
    When the client stores the item {"name":"pen","price":1.10}
    Then the response status is 201
    And the response content type is "application/json"
    And the response header "Location" is the address of the new item
    And the response body is the new item {"name":"pen","price":1.10}

  Scenario: An item round-trips exactly
    Given the client has stored the item {"z":1,"a":123456789012345678901234567890,"d":1.10,"e":-0.5e-3,"s":"é \"q\" \\ \u0001 😀 中文","n":null,"l":[true,false,{"x":[]}],"o":{}}
    When the client fetches that item
    Then the response status is 200
    And the response body is that item {"z":1,"a":123456789012345678901234567890,"d":1.10,"e":-0.5e-3,"s":"é \"q\" \\ \u0001 😀 中文","n":null,"l":[true,false,{"x":[]}],"o":{}}

  Scenario: An empty object is an item too
    When the client stores the item {}
    Then the response status is 201
    And the response body is the new item {}

  Scenario: Ids increase and are not reused after a delete
    Given the client has stored 3 items
    And the client has deleted the last of them
    When the client stores the item {"n":4}
    Then the new item's id is greater than every id given before

  Scenario: The list holds every item in id order
    Given an empty store
    And the client has stored 5 items
    When the client lists the items
    Then the response status is 200
    And the list holds 5 items in increasing id order

  Scenario: An empty store lists an empty array
    Given an empty store
    When the client lists the items
    Then the response status is 200
    And the response body is "[]"

  Scenario: The list pages with after and limit
    Given the client has stored 5 items
    When the client lists 2 items after the 2nd item
    Then the list holds the 3rd and 4th items

  Scenario: A stored item is replaced and keeps its id
    Given the client has stored the item {"name":"pen"}
    When the client replaces that item with the item {"name":"ink","colour":"blue"}
    Then the response status is 200
    And the response body is that item {"name":"ink","colour":"blue"}
    And that item now reads {"name":"ink","colour":"blue"}

  Scenario: A replacement may repeat the item's own id
    Given the client has stored the item {"name":"pen"}
    When the client replaces that item with its own id and the item {"name":"ink"}
    Then the response status is 200
    And the response body is that item {"name":"ink"}

  Scenario: A deleted item is gone
    Given the client has stored the item {"name":"pen"}
    When the client deletes that item
    Then the response status is 200
    And the response body is the JSON {"status":"deleted"}
    And that item is gone

  Scenario Outline: <method> of an item that does not exist → 404
    When the client sends <method> to <path> with the JSON {"a":1}
    Then the response status is 404
    And the response body is a JSON error

    Examples:
      | method | path               |
      | GET    | /data/999          |
      | PUT    | /data/999          |
      | DELETE | /data/999          |
      # A path id that is not a positive integer names no item.
      | GET    | /data/0            |
      | GET    | /data/-1           |
      | GET    | /data/abc          |
      | GET    | /data/1.5          |
      | DELETE | /data/+1           |
      | GET    | /data/99999999999999999999 |

  Scenario Outline: A bad item body is refused with <status> and nothing is stored
    When the client posts to /data the content type "<content type>" and the body <body>
    Then the response status is <status>
    And the response body is a JSON error
    And nothing was stored

    Examples:
      | content type                     | body                  | status |
      | application/json                 | {"a":                 | 400    |
      | application/json                 | <empty>               | 400    |
      | application/json                 | [1,2]                 | 400    |
      | application/json                 | "text"                | 400    |
      | application/json                 | 42                    | 400    |
      | application/json                 | null                  | 400    |
      | application/json                 | {"a":1,"a":2}         | 400    |
      | application/json                 | {"a":1} {"b":2}       | 400    |
      | application/json                 | <invalid UTF-8>       | 400    |
      # The server assigns ids; a client cannot choose one.
      | application/json                 | {"id":7,"a":1}        | 400    |
      | text/plain                       | {"a":1}               | 415    |
      | <none>                           | {"a":1}               | 415    |
      | application/json; charset=latin1 | {"a":1}               | 415    |

  Scenario: A charset=utf-8 parameter is accepted
    When the client posts to /data the content type "application/json; charset=UTF-8" and the body {"a":"ü"}
    Then the response status is 201

  Scenario: A replacement naming another id is refused and the item is unchanged
    Given the client has stored the item {"name":"pen"}
    When the client replaces that item with a body naming another id
    Then the response status is 400
    And that item now reads {"name":"pen"}

  Scenario Outline: <method> /data is not allowed
    When the client requests <method> /data
    Then the response status is 405
    And the response header "Allow" is "GET, HEAD, POST, OPTIONS"

    Examples:
      | method |
      | PUT    |
      | DELETE |

  Scenario: PATCH of an item is not allowed
    Given the client has stored the item {"name":"pen"}
    When the client requests PATCH on that item
    Then the response status is 405
    And the response header "Allow" is "GET, HEAD, PUT, DELETE, OPTIONS"

  Scenario: The list is streamed in chunks
    Given an empty store
    And the client has stored 2 items
    When the client lists the items
    Then the response header "Transfer-Encoding" is "chunked"
    And the list holds 2 items in increasing id order

  Scenario: A limit of 0 lists nothing
    Given the client has stored 2 items
    When the client requests GET /data?limit=0
    Then the response status is 200
    And the response body is "[]"

  Scenario: HEAD of an item gives its headers only
    Given the client has stored the item {"name":"pen"}
    When the client requests HEAD on that item
    Then the response status is 200
    And the response has the Content-Type and Content-Length of fetching that item
    And the response has no body

  Scenario: A replacement in another media type is refused with 415 and the item is unchanged
    Given the client has stored the item {"name":"pen"}
    When the client sends PUT to that item the content type "text/plain" and the body {"name":"ink"}
    Then the response status is 415
    And that item now reads {"name":"pen"}

  Scenario: HEAD of the list gives the headers only
    Given the client has stored 2 items
    When the client requests HEAD /data
    Then the response status is 200
    And the response content type is "application/json"
    And the response has no body

  @needs-own-server
  Scenario: A body over the limit is refused with 413
    Given the server accepts request bodies of at most 1024 bytes
    When the client stores an item of 2000 bytes
    Then the response status is 413
    And nothing was stored

  Scenario Outline: A bad paging parameter is refused: <query>
    When the client requests GET /data?<query>
    Then the response status is 400
    And the response body is a JSON error

    Examples:
      | query    |
      | limit=-1 |
      | limit=x  |
      | after=1e3|
