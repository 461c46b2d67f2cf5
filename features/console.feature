@browser @needs-own-server
Feature: The console in a real browser
  static/index.html is a console for the store: it lists the items a page at a time, adds,
  edits and deletes them, and shows the server's own message when the server refuses one. It
  drives the minihttp that served it, or another one named in its API field or by ?api= (then
  every write is a cross-origin request the browser preflights). Headless Chromium (Debian's
  chromium and chromium-driver) runs it here; without them these scenarios are skipped with a
  message. "The store" is the store of the minihttp the console drives.

  Scenario: A browser opening the server's address lands on the console
    When the browser opens the server's address
    Then the browser shows the console at "/static/index.html"
    And the browser's console has no errors

  Scenario: Items added, edited and deleted in the console are what the store holds
    Given the console is open in the browser
    When the user adds the item {"name":"pen","price":1.10,"tags":["a","b"]}
    Then the console shows the item {"id":1,"name":"pen","price":1.10,"tags":["a","b"]}
    And the store holds item 1 as {"id":1,"name":"pen","price":1.10,"tags":["a","b"]}
    When the user adds the item {"name":"ink","note":"caf\u00e9 \"noir\"","big":12345678901234567890}
    Then the console shows the item {"id":2,"name":"ink","note":"caf\u00e9 \"noir\"","big":12345678901234567890}
    When the user edits item 1 to {"name":"pen","price":1.25}
    Then the console shows the item {"id":1,"name":"pen","price":1.25}
    And the store holds item 1 as {"id":1,"name":"pen","price":1.25}
    And a screenshot of the console is saved as "target/console.png"
    When the user deletes item 1
    Then the console lists only the item 2
    And the store has no item 1

  Scenario: A double click on Add adds one item
    Given the console is open in the browser
    When the user double-clicks Add with the item {"name":"pen"}
    Then the store holds only {"id":1,"name":"pen"}

  Scenario: An item changed elsewhere while it is edited is not overwritten
    Given the client has stored the item {"name":"pen"}
    And the console is open in the browser
    When the user starts editing item 1
    And another client replaces item 1 with {"name":"pencil"}
    And the user saves item 1 as {"name":"pen","price":2}
    Then the console shows the server's error for that request with status 412
    And the store holds item 1 as {"id":1,"name":"pencil"}

  Scenario: The console pages through a large store
    Given the client has stored 45 items
    And the console is open in the browser
    Then the console lists the items 1 to 20
    When the user goes to the next page
    Then the console lists the items 21 to 40
    When the user goes to the next page
    Then the console lists the items 41 to 45
    And the console has no next page
    When the user goes to the previous page
    Then the console lists the items 21 to 40
    When the user goes to the first page
    Then the console lists the items 1 to 20
    When the user shows 50 items a page
    Then the console lists the items 1 to 45
    And the console has no next page

  Scenario: Deleting the last item of the last page shows the page before
    Given the client has stored 41 items
    And the console is open in the browser
    When the user goes to the next page
    And the user goes to the next page
    Then the console lists the items 41 to 41
    When the user deletes item 41
    Then the console lists the items 21 to 40

  Scenario Outline: Bad input shows the server's own message, and nothing is stored
    Given the console is open in the browser
    When the user adds with the content type "<type>" the body <body>
    Then the console shows the server's error for that request with status <status>
    And the store holds no items

    Examples:
      | body                 | type             | status |
      | {"name":             | application/json | 400    |
      | {"name":"pen"}       | text/plain       | 415    |
      | {"id":7,"name":"x"}  | application/json | 400    |
      | [1,2]                | application/json | 400    |

  Scenario: An error goes away once a later action succeeds
    Given the console is open in the browser
    When the user adds with the content type "application/json" the body {"name":
    Then the console shows the server's error for that request with status 400
    When the user clicks Refresh
    Then the console shows no error

  Scenario: Connecting to an address where nothing answers clears the list and says why
    Given the client has stored 3 items
    And the console is open in the browser
    When the user types the address of a closed port, without http://, in the API field and presses Enter
    Then the console shows no items, and does not say the store is empty
    And the console says the browser got no answer it may read
    And the API field holds that address with http://

  Scenario: A ?api= that is no http address leaves the console on its own server, saying why
    Given the client has stored 3 items
    When the console is opened in the browser with ?api=ftp://elsewhere.example
    Then the console lists the items 1 to 3
    And the console says "the API URL must be http or https"

  Scenario: A server with a write token makes the console ask for it, once per tab
    Given the server requires the token "s3cret" for writes
    And the console is open in the browser
    When the user adds the item {"name":"pen"}
    Then the console asks for the token
    When the user enters the token "wrong"
    Then the console asks for the token, saying the server refused it
    When the user enters the token "s3cret"
    Then the console shows the item {"id":1,"name":"pen"}
    And the store holds item 1 as {"id":1,"name":"pen"}
    And the browser keeps the token "s3cret" in the page's session storage only
    When the page is loaded again
    And the user adds the item {"name":"ink"}
    Then the console shows the item {"id":2,"name":"ink"}

  Scenario: An API that protects reads too is asked for the token before the console lists it
    The console cannot come from a server with --protect-reads: a browser sends no token when it
    opens a page. It comes from another minihttp, and the token goes with every request, reads
    included, each of them preflighted because of the Authorization field.
    Given a second minihttp runs as its own process with the token "s3cret" for reads and writes
    And the console is open in the browser
    When the user types the second minihttp's address in the API field and presses Enter
    Then the console asks for the token
    When the user enters the token "s3cret"
    And the user adds the item {"name":"pen"}
    Then the console shows the item {"id":1,"name":"pen"}
    And the second minihttp holds only {"id":1,"name":"pen"}

  Scenario: The page from one minihttp drives a minihttp on another origin, preflight and all
    Given a second minihttp runs as its own process, logging each request
    And the console is open in the browser with ?api= naming the second minihttp
    When the user adds the item {"name":"pen"}
    And the user edits item 1 to {"name":"pen","price":2}
    And the user adds the item {"name":"ink"}
    And the user deletes item 2
    Then the console lists only the item 1
    And the second minihttp holds only {"id":1,"name":"pen","price":2}
    And the minihttp that served the page holds no items
    And the second minihttp's log shows each write preceded by its preflight:
      | OPTIONS /data   | POST /data     |
      | OPTIONS /data/1 | PUT /data/1    |
      | OPTIONS /data/2 | DELETE /data/2 |
    And the browser's console has no errors

  Scenario: Cross-origin too, an item changed elsewhere while it is edited is not overwritten
    Given a second minihttp runs as its own process, logging each request
    And the console is open in the browser with ?api= naming the second minihttp
    And another client stores the item {"name":"pen"}
    When the user clicks Refresh
    And the user starts editing item 1
    And another client replaces item 1 with {"name":"pencil"}
    And the user saves item 1 as {"name":"pen","price":2}
    Then the console shows the server's error for that request with status 412
    And the second minihttp holds only {"id":1,"name":"pencil"}

  Scenario: A CORS answer broken on purpose makes the browser refuse the write
    Given a second minihttp whose preflight answers leave out Access-Control-Allow-Headers
    And the console is open in the browser with ?api= naming the second minihttp
    When the user adds the item {"name":"pen"}
    Then the console says the browser got no answer it may read
    And the browser's console reports the CORS refusal
    And the second minihttp holds no items
    And the second minihttp was asked the preflight for POST /data but never the POST

  Scenario: An API that hides ETag from scripts gets no edit that could overwrite a change
    Given a second minihttp whose answers do not expose ETag to scripts
    And the console is open in the browser with ?api= naming the second minihttp
    And another client stores the item {"name":"pen"}
    When the user clicks Refresh
    And the user starts editing item 1
    Then the console says it will not edit item 1 without its ETag

  Scenario: The console works from the keyboard alone, and the focus follows the work
    Given the console is open in the browser
    When the user tabs to the item text, types {"name":"pen"} and presses Ctrl+Enter
    Then the console shows the item {"id":1,"name":"pen"}
    When the user tabs to the Edit button of item 1 and presses Enter
    Then the keyboard focus is in the editor of item 1
    When the user types {"name":"pen","price":2} and presses Ctrl+Enter
    Then the console shows the item {"id":1,"name":"pen","price":2}
    And the keyboard focus is on the Edit button of item 1
    When the user tabs to the Delete button of item 1 and presses Enter twice
    Then the store has no item 1
    And the console lists no items
    And the keyboard focus is on the list's heading

  Scenario: Paging from the keyboard keeps the focus when Next is used up
    Given the client has stored 25 items
    And the console is open in the browser
    When the user tabs to the Next button and presses Enter
    Then the console lists the items 21 to 25
    And the keyboard focus is on the list's heading

  Scenario: On a phone-sized window nothing needs sideways scrolling
    Given the client has stored the item {"name":"a-long-name-with-no-spaces-at-all-0123456789-0123456789-0123456789","price":1}
    And the console is open in the browser
    When the browser window is 360 pixels wide
    Then the console needs no sideways scrolling
    And the console shows the item {"id":1,"name":"a-long-name-with-no-spaces-at-all-0123456789-0123456789-0123456789","price":1}

  Scenario: The page, its stylesheet, script and image load without an error, and a reload revalidates them
    Given the console is open in the browser
    Then the page has its stylesheet, its script and its image
    And the browser's console has no errors
    When the page is loaded again
    Then the browser revalidated the stylesheet, the script and the image with 304
    And the browser's console has no errors

  Scenario: A page move that fails leaves the console on the page it shows
    Given a second minihttp runs as its own process with the token "s3cret" for reads and writes
    And the console is open in the browser
    When the user types the second minihttp's address in the API field and presses Enter
    And the user enters the token "s3cret"
    And another client stores 25 items
    And the user clicks Refresh
    And the user goes to the next page
    Then the console lists the items 21 to 25
    When the user forgets the token
    And the user goes to the first page
    Then the console asks for the token
    When the user presses Escape in the token prompt
    Then the console lists the items 21 to 25
    When the user goes to the previous page
    Then the console asks for the token
    When the user enters the token "s3cret"
    Then the console shows no error
    And the console lists the items 1 to 20
