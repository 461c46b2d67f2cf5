@data
Feature: Item versions and conditional requests
  Every item has a version: 1 when stored, one more with each replacement. It is the item's
  strong ETag (RFC 9110 §8.8.3). A client that sends the ETag it read in If-Match changes the
  item only if nobody changed it meanwhile (412 otherwise, RFC 9110 §13.1.1), so no update is
  lost; a client that sends it in If-None-Match gets 304 while its copy is current (§13.1.2).

  Scenario: Each item carries its version as a strong ETag, one more with each replacement
    Given the client has stored the item {"name":"pen"}
    When the client fetches that item
    Then the response header "ETag" is '"1"'
    When the client replaces that item with the item {"name":"ink"}
    Then the response header "ETag" is '"2"'
    When the client fetches that item
    Then the response header "ETag" is '"2"'

  Scenario: A new item's answer carries its first version
    When the client stores the item {"name":"pen"}
    Then the response status is 201
    And the response header "ETag" is '"1"'

  Scenario: A replacement sent with the current version in If-Match is made
    Given the client has stored the item {"name":"pen"}
    When the client replaces that item with the header 'If-Match: "1"' and the item {"name":"ink"}
    Then the response status is 200
    And the response header "ETag" is '"2"'
    And the response header "Content-Location" is the address of that item
    And that item now reads {"name":"ink"}

  Scenario: A replacement sent with an old version in If-Match is refused and changes nothing
    Given the client has stored the item {"name":"pen"}
    And the client has replaced the 1st of them with {"name":"ink"}
    When the client replaces that item with the header 'If-Match: "1"' and the item {"name":"lost"}
    Then the response status is 412
    And the response body is a JSON error
    And that item now reads {"name":"ink"}

  Scenario: If-Match may list several versions, and "*" stands for any
    Given the client has stored the item {"name":"pen"}
    When the client replaces that item with the header 'If-Match: "7", "1"' and the item {"name":"ink"}
    Then the response status is 200
    When the client replaces that item with the header 'If-Match: *' and the item {"name":"nib"}
    Then the response status is 200
    And the response header "ETag" is '"3"'

  Scenario: A tag matches only when it is the same text: "01" is not "1"
    Given the client has stored the item {"name":"pen"}
    When the client replaces that item with the header 'If-Match: "01"' and the item {"name":"ink"}
    Then the response status is 412

  Scenario: A stale If-Match is refused before the body is looked at
    # RFC 9110 §13.2.1: preconditions are evaluated before the request content is processed.
    Given the client has stored the item {"name":"pen"}
    And the client has replaced the 1st of them with {"name":"ink"}
    When the client replaces that item with the header 'If-Match: "1"' and the item {not json
    Then the response status is 412

  Scenario: The list has no version, so a tag in If-Match never matches it
    When the client requests GET /data with the header 'If-Match: "1"'
    Then the response status is 412
    When the client requests GET /data with the header "If-Match: *"
    Then the response status is 200

  Scenario: A weak tag never matches If-Match, whose comparison is strong
    Given the client has stored the item {"name":"pen"}
    When the client replaces that item with the header 'If-Match: W/"1"' and the item {"name":"ink"}
    Then the response status is 412

  Scenario: A delete sent with an old version is refused, with the current one it deletes
    Given the client has stored the item {"name":"pen"}
    And the client has replaced the 1st of them with {"name":"ink"}
    When the client requests DELETE on that item with the header 'If-Match: "1"'
    Then the response status is 412
    And that item now reads {"name":"ink"}
    When the client requests DELETE on that item with the header 'If-Match: "2"'
    Then the response status is 200
    And that item is gone

  Scenario: A conditional write to a missing item is 404, as without the condition
    # RFC 9110 §13.2.1: an answer that would not be 2xx without the condition takes precedence.
    Given the client has stored the item {"name":"pen"}
    And the client has deleted the 1st of them
    When the client replaces that item with the header 'If-Match: "1"' and the item {"name":"ink"}
    Then the response status is 404

  Scenario: A read with the current version in If-None-Match is 304 with the ETag and no body
    Given the client has stored the item {"name":"pen"}
    When the client requests GET on that item with the header 'If-None-Match: "1"'
    Then the response status is 304
    And the response header "ETag" is '"1"'
    And the response has no body

  Scenario: A read with an old version in If-None-Match gets the item
    Given the client has stored the item {"name":"pen"}
    And the client has replaced the 1st of them with {"name":"ink"}
    When the client requests GET on that item with the header 'If-None-Match: W/"1"'
    Then the response status is 200
    And the response body is that item {"name":"ink"}

  Scenario: A read with an old version in If-Match is refused
    Given the client has stored the item {"name":"pen"}
    And the client has replaced the 1st of them with {"name":"ink"}
    When the client requests GET on that item with the header 'If-Match: "1"'
    Then the response status is 412

  Scenario: "If-None-Match: *" keeps a replacement from overwriting an item that exists
    Given the client has stored the item {"name":"pen"}
    When the client replaces that item with the header 'If-None-Match: *' and the item {"name":"ink"}
    Then the response status is 412
    And that item now reads {"name":"pen"}

  Scenario: Of clients that read the same version and write it back, exactly one succeeds
    Given the client has stored the item {"name":"pen"}
    When 10 clients each replace that item with the header 'If-Match: "1"' at the same time
    Then exactly one replace has status 200 and every other one 412
    And that item now holds what the successful replace sent
