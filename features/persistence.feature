@data @process
Feature: Items outlive the process
  With --db=file every acknowledged change is on disk before the response is sent: items and the
  id sequence survive a graceful restart and a kill -9. These scenarios run the real jar as a
  child process on a fresh database file.

  Background:
    Given a minihttp process keeping its items in a fresh database file

  Scenario: Items and the id sequence survive a graceful restart
    Given the client has stored 3 items
    And the client has deleted the last of them
    When the process is stopped with SIGTERM and started again on the same file
    Then the process had exited with status 0
    And the store lists the 2 remaining items unchanged
    And a newly stored item gets an id greater than every id given before

  Scenario: Acknowledged items survive kill -9
    Given the client has stored 25 items
    And the client has replaced the 3rd of them with {"replaced":true}
    And the client has deleted the 5th of them
    When the process is killed with SIGKILL right after the last response and started again on the same file
    Then the store lists the 24 remaining items unchanged
    And a newly stored item gets an id greater than every id given before

  Scenario: An item acknowledged right before kill -9 is there after the restart, every time
    When the client stores an item and the process is killed with SIGKILL at once, 3 times over
    Then the store lists the 3 remaining items unchanged
