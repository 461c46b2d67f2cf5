Feature: The health check
  GET /health (and HEAD) tells a load balancer whether this instance can serve: 200 with
  {"status":"ok"} when its store answers a trivial query within a second, else 503. It is never
  cached. (The 503 side, with PostgreSQL stopped under a running server, is in
  scaling_out.feature.)

  Scenario: A working store is healthy
    When the client requests GET /health
    Then the response status is 200
    And the response body is the JSON {"status":"ok"}
    And the response header "Cache-Control" is "no-store"

  Scenario: HEAD asks the same without a body
    When the client requests HEAD /health
    Then the response status is 200
    And the response has no body
