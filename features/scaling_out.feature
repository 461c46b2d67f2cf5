@postgres @process
Feature: Many instances on one PostgreSQL
  With --db=postgres, minihttp keeps nothing about the items in the process: any number of
  instances behind a load balancer share one database, ids come from the database, and the
  database decides between writers. A database outage is a 503 with Retry-After on every store
  route, and the instances recover by themselves when the database is back. These scenarios
  start a throwaway PostgreSQL from the machine's binaries; without them they are skipped.

  Background:
    Given a fresh PostgreSQL database
    And two minihttp processes keeping their items in it

  Scenario: Parallel stores through two instances give distinct ids that both instances list
    When 50 clients each store an item at the same time, split between the two instances
    Then all 50 responses have status 201
    And the 50 new items have 50 distinct ids
    And each instance lists exactly those 50 items

  Scenario: A delete through one instance is seen by the other
    Given the client has stored the item {"name":"pen"}
    When the client deletes that item through the second instance
    Then the first instance answers GET on that item with 404

  Scenario: Of clients that read the same version through two instances, exactly one write wins
    Given the client has stored the item {"name":"pen"}
    When 10 clients each replace that item with the header 'If-Match: "1"' at the same time, split between the two instances
    Then exactly one replace has status 200 and every other one 412
    And that item now holds what the successful replace sent

  Scenario: PostgreSQL stopped under running instances: 503 everywhere, then recovery without a restart
    Given the client has stored the item {"name":"pen"}
    And each instance answers GET /health with 200
    When PostgreSQL is stopped
    Then each instance answers with 503, a JSON error and Retry-After:
      | GET  | /data     |
      | GET  | that item |
      | POST | /data     |
      | GET  | /health   |
    When PostgreSQL is started again
    Then within 30 seconds each instance answers GET /health with 200
    And each instance answers GET that-item with 200
    And each instance answers GET /data with 200
