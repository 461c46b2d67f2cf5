@data
Feature: Many clients at once
  Each client has its own connection; the server handles them on its worker pool.

  Scenario: Parallel stores give as many items with distinct ids
    Given an empty store
    When 50 clients each store an item at the same time
    Then all 50 responses have status 201
    And the 50 new items have 50 distinct ids
    And the store lists exactly those 50 items

  Scenario: Parallel reads are all answered
    Given the client has stored the item {"name":"pen"}
    When 200 clients fetch that item at the same time
    Then all 200 responses have status 200
    And every response body is that item {"name":"pen"}

  Scenario: Parallel replaces and deletes of one item leave a consistent state
    Given the client has stored the item {"name":"pen"}
    When 20 clients replace that item and 20 clients delete it, all at the same time
    Then every response has status 200 or 404
    And exactly one delete has status 200
    And that item is gone
