@process
Feature: The command line
  java -jar target/minihttp.jar [options]: a bad command line exits 2 with a one-line error and
  the usage on stderr; a server that cannot start exits 1 with one line and no stack trace.

  Scenario Outline: A bad command line exits 2: <arguments>
    When minihttp is run with <arguments>
    Then it exits with status 2
    And its error output starts with a one-line message naming "<named>"
    And its error output shows the usage

    Examples:
      | arguments           | named        |
      | --bogus             | --bogus      |
      | --port=abc          | --port       |
      | --port=70000        | --port       |
      | --threads=0         | --threads    |
      | --db=oracle         | --db         |
      # The runner removes MINIHTTP_DB_URL from the child's environment, so there is no URL at all.
      | --db=postgres       | --db-url     |
      | --max-body=-5       | --max-body   |
      | stray               | stray        |
      | --host=999.1.1.1    | --host       |

  Scenario: --version prints the version and exits 0
    When minihttp is run with --version
    Then it exits with status 0
    And its output starts with "minihttp "

  Scenario: --help prints the usage and exits 0
    When minihttp is run with --help
    Then it exits with status 0
    And its output starts with "usage: java -jar target/minihttp.jar"

  Scenario: A port in use exits 1 with one line
    Given a port that is already in use
    When minihttp is run on that port
    Then it exits with status 1
    And its error output is one line containing "cannot listen"

  Scenario: A database file in use by another minihttp exits 1 with one line
    Given a minihttp process keeping its items in a fresh database file
    When a second minihttp is run on the same database file
    Then it exits with status 1
    And its error output is one line containing "in use"

  Scenario: A corrupt database file exits 1 with one line
    Given a database file that holds random bytes
    When minihttp is run on that database file
    Then it exits with status 1
    And its error output is one line containing "corrupt"

  Scenario: A PostgreSQL that cannot be reached exits 1 with one line
    When minihttp is started on a PostgreSQL port where nothing listens
    Then it exits with status 1
    And its error output is one line containing "cannot be reached"
    And its output does not contain "secret-password-1"

  @postgres
  Scenario: A wrong PostgreSQL password exits 1 with one line that does not show it
    Given a fresh PostgreSQL database
    When minihttp is run on that PostgreSQL database with the password "not-the-password-7"
    Then it exits with status 1
    And its error output is one line containing "refused the user name or password"
    And its output does not contain "not-the-password-7"

  Scenario: The listening line names the real port when asked for port 0
    Given a minihttp process keeping its items in a fresh database file
    Then its first output line contains "http://127.0.0.1:" and the port it listens on

  Scenario: SIGTERM lets a request in flight finish, then exits 0
    Given a minihttp process keeping its items in a fresh database file
    And a client has sent the head of a new item and half of its body
    When the process is sent SIGTERM
    And the client sends the rest of that body
    Then the response status is 201
    And the process exits with status 0 within 15 seconds

  Scenario: A server whose standard output nobody reads keeps serving
    # The access log must never make requests wait for the console.
    Given a minihttp process whose standard output nobody reads
    When the client sends 3000 requests one after another on one connection
    Then the client got 3000 responses, all with status 200
