@static
Feature: Files under /static/ are served as they are
  GET /static/{path} sends the regular file at that path under the static folder (--static,
  by default "static" in the working directory), streamed, with its media type, a strong ETag,
  Last-Modified and Cache-Control: no-cache. Validators sent back answer 304 or 412 (RFC 9110
  §13), and one byte range is served with 206 (RFC 9110 §14). Nothing outside the folder is ever
  sent: a refused path, a missing file and a folder all answer the same 404. Most scenarios
  serve a folder of their own; "a secret" is what lies outside it or in a dotfile.

  Rule: The shipped folder "static" is served by default

    Scenario: The shipped example file
      When the client requests GET /static/hello.txt
      Then the response status is 200
      And the response header "Content-Type" is "text/plain; charset=utf-8"
      And the response header "X-Content-Type-Options" is "nosniff"
      And the response body is "hello world\n"

    Scenario: HEAD gives the header fields of GET and no body
      When the client requests HEAD /static/hello.txt
      Then the response status is 200
      And the response header "Content-Length" is "12"
      And the response header "Content-Type" is "text/plain; charset=utf-8"
      And the response has a strong ETag
      And the response has no body

    Scenario Outline: <method> on a file → 405 naming the methods it takes
      When the client requests <method> /static/hello.txt
      Then the response status is 405
      And the response header "Allow" is "GET, HEAD, OPTIONS"
      And the response body is a JSON error

      Examples:
        | method |
        | DELETE |
        | POST   |
        | PUT    |

  @needs-own-server
  Rule: The folder is looked up on every request

    Scenario: A missing folder serves nothing
      Given the static folder does not exist
      When the client requests GET /static/hello.txt
      Then the response status is 404
      And the response body is a JSON error

    Scenario: A folder created while the server runs is served from then on
      Given the static folder does not exist
      And the server has answered GET /static/hello.txt with 404
      And the static folder has since been created holding:
        | path      | content |
        | hello.txt | hello   |
      When the client requests GET /static/hello.txt
      Then the response status is 200
      And the response body is "hello"

  @needs-own-server
  Rule: A file is sent with its media type, and the browser must not guess another

    Scenario Outline: A file named <file> is sent as <content type>
      Given the static folder holds:
        | path   | content |
        | <file> | x       |
      When the client requests GET /static/<file>
      Then the response status is 200
      And the response header "Content-Type" is "<content type>"
      And the response header "X-Content-Type-Options" is "nosniff"

      Examples:
        | file        | content type                    |
        | index.html  | text/html; charset=utf-8        |
        | site.css    | text/css; charset=utf-8         |
        | app.js      | text/javascript; charset=utf-8  |
        | module.mjs  | text/javascript; charset=utf-8  |
        | data.json   | application/json; charset=utf-8 |
        | notes.txt   | text/plain; charset=utf-8       |
        | logo.svg    | image/svg+xml; charset=utf-8    |
        | logo.png    | image/png                       |
        | font.woff2  | font/woff2                      |
        | module.wasm | application/wasm                |
        | paper.pdf   | application/pdf                 |
        # A source map is JSON.
        | app.js.map  | application/json; charset=utf-8 |
        # Extensions are compared case-insensitively.
        | PAGE.HTML   | text/html; charset=utf-8        |
        # Unknown or no extension: the browser downloads instead of guessing.
        | archive.xyz | application/octet-stream        |
        | README      | application/octet-stream        |

  @needs-own-server
  Rule: Only files inside the folder are served; anything else looks like a missing file

    Background:
      Given the static folder holds:
        | path         | content              |
        | hello.txt    | hello                |
        | css/site.css | body { margin: 0 }   |
        | .env         | API_KEY=dotfile-key  |
        | .git/config  | [remote] token=git-1 |
      And outside the static folder lies "secret.txt" holding "password=hunter2"

    Scenario: A file in a subfolder
      When the client requests GET /static/css/site.css
      Then the response status is 200
      And the response header "Content-Type" is "text/css; charset=utf-8"
      And the response body is "body { margin: 0 }"

    Scenario Outline: <target> names hello.txt
      When the client requests GET <target>
      Then the response status is 200
      And the response body is "hello"

      Examples:
        | target                   |
        # Dot-segments that stay inside are resolved (RFC 3986 §5.2.4).
        | /static/./hello.txt      |
        | /static/css/../hello.txt |
        # A percent-encoded unreserved character is the character (RFC 3986 §2.3).
        | /static/hello%2etxt      |
        | /static/hello.txt?v=2    |

    Scenario Outline: <target> is not a file → 404
      When the client requests GET <target>
      Then the response status is 404
      And the response body is a JSON error

      Examples:
        | target               |
        | /static/missing.txt  |
        | /static/css          |
        | /static/css/         |
        | /static/             |
        | /static/hello.txt/   |

    Scenario Outline: <attack> does not leave the folder: <target> → <status>
      When the client requests GET <target>
      Then the response status is <status>
      And the response reveals no secret

      Examples:
        | attack                                     | target                               | status |
        # The parser resolves the dot-segment first: this asks for /secret.txt, which no route serves.
        | a dot-dot segment                          | /static/../secret.txt                | 404    |
        | a percent-encoded dot-dot segment          | /static/%2e%2e/secret.txt            | 404    |
        | encoded dot-dots from a subfolder          | /static/css/%2e%2e/%2e%2e/secret.txt | 404    |
        | dot-dot and slash encoded, in upper case   | /static/%2E%2E%2Fsecret.txt          | 404    |
        | dot-dot before an encoded slash            | /static/..%2fsecret.txt              | 404    |
        | dot-dot before an encoded backslash        | /static/..%5csecret.txt              | 404    |
        | encoded backslashes around dot-dot         | /static/%5c..%5csecret.txt           | 404    |
        # A backslash may not appear in a request-target (RFC 3986 §3.3): the parser refuses it.
        | literal backslashes                        | /static/a\..\..\secret.txt           | 400    |
        # Decoded once only: the segment is the name "%2e%2e", which does not exist.
        | double percent-encoding                    | /static/%252e%252e/secret.txt        | 404    |
        | an empty segment before an absolute path   | /static//etc/passwd                  | 404    |
        | an encoded absolute path                   | /static/%2fetc%2fpasswd              | 404    |
        # Not UTF-8 once decoded (an overlong "."), and not a percent-encoding at all: refused by the parser.
        | dot-dot as overlong UTF-8                  | /static/%c0%ae%c0%ae/secret.txt      | 400    |
        | dot-dot as %u escapes                      | /static/%u002e%u002e/secret.txt      | 400    |
        | a NUL byte cutting the name short          | /static/hello.txt%00.png             | 404    |
        | a Windows drive letter                     | /static/C:%5cWindows                 | 404    |
        | an NTFS alternate data stream              | /static/hello.txt%3a%3a$DATA         | 404    |
        | a dotfile                                  | /static/.env                         | 404    |
        | an encoded dotfile                         | /static/%2eenv                       | 404    |
        | a file in a dot-folder                     | /static/.git/config                  | 404    |

    Scenario Outline: A symbolic link <case> → <status>
      Given the static folder holds a link "<link>" to "<points to>"
      When the client requests GET <target>
      Then the response status is <status>
      And the response reveals no secret

      Examples:
        | case                         | link      | points to     | target                | status |
        | to a file outside the folder | leak.txt  | ../secret.txt | /static/leak.txt      | 404    |
        | to the folder above          | up        | ..            | /static/up/secret.txt | 404    |
        | to a dotfile inside          | env.txt   | .env          | /static/env.txt       | 404    |
        | that is broken               | gone.txt  | missing.txt   | /static/gone.txt      | 404    |
        | to a file inside             | alias.txt | hello.txt     | /static/alias.txt     | 200    |

  @needs-own-server
  Rule: Validators let a client revalidate cheaply, and make changes safe

    Background:
      Given the static folder holds:
        | path      | content     |
        | hello.txt | hello world |
      And "hello.txt" was last modified on "Tue, 02 Jan 2024 03:04:05 GMT"

    Scenario: A file carries a strong ETag and its Last-Modified, and must be revalidated
      When the client requests GET /static/hello.txt
      Then the response status is 200
      And the response has a strong ETag
      And the response header "Last-Modified" is "Tue, 02 Jan 2024 03:04:05 GMT"
      And the response header "Cache-Control" is "no-cache"
      And the response header "Accept-Ranges" is "bytes"

    Scenario: A 304 repeats the validators and has no body
      Given the client has fetched /static/hello.txt
      When the client requests GET /static/hello.txt with "If-None-Match" set to its ETag
      Then the response status is 304
      And the response has no body
      And the response header "ETag" is unchanged
      And the response header "Last-Modified" is unchanged
      And the response header "Cache-Control" is "no-cache"

    Scenario Outline: <field> set to <validator> → <status>
      Given the client has fetched /static/hello.txt
      When the client requests <method> /static/hello.txt with "<field>" set to <validator>
      Then the response status is <status>

      Examples:
        | method | field               | validator            | status |
        | GET    | If-None-Match       | its ETag             | 304    |
        | HEAD   | If-None-Match       | its ETag             | 304    |
        # RFC 9110 §13.1.2: If-None-Match compares weakly.
        | GET    | If-None-Match       | its ETag marked weak | 304    |
        | GET    | If-Modified-Since   | its Last-Modified    | 304    |
        | GET    | If-Match            | its ETag             | 200    |
        # RFC 9110 §13.1.1: If-Match compares strongly.
        | GET    | If-Match            | its ETag marked weak | 412    |
        | GET    | If-Unmodified-Since | its Last-Modified    | 200    |

    Scenario Outline: <field>: <value> → <status>
      When the client requests GET /static/hello.txt with the header '<field>: <value>'
      Then the response status is <status>

      Examples:
        | field               | value                         | status |
        | If-None-Match       | "other"                       | 200    |
        | If-None-Match       | *                             | 304    |
        | If-Match            | "other"                       | 412    |
        | If-Match            | *                             | 200    |
        | If-Modified-Since   | Tue, 02 Jan 2024 03:04:05 GMT | 304    |
        | If-Modified-Since   | Wed, 03 Jan 2024 00:00:00 GMT | 304    |
        | If-Modified-Since   | Tue, 02 Jan 2024 03:04:04 GMT | 200    |
        # RFC 9110 §13.1.3: a value that is not a date is ignored.
        | If-Modified-Since   | yesterday                     | 200    |
        | If-Unmodified-Since | Tue, 02 Jan 2024 03:04:05 GMT | 200    |
        | If-Unmodified-Since | Tue, 02 Jan 2024 03:04:04 GMT | 412    |

    Scenario: If-None-Match decides, not If-Modified-Since (RFC 9110 §13.2.2)
      When the client requests GET /static/hello.txt with the headers:
        | If-None-Match     | "other"                       |
        | If-Modified-Since | Tue, 02 Jan 2024 03:04:05 GMT |
      Then the response status is 200

    Scenario: Once the file changes, the ETag the client has no longer matches
      Given the client has fetched /static/hello.txt
      And "hello.txt" has since changed to "HELLO WORLD"
      When the client requests GET /static/hello.txt with "If-None-Match" set to its ETag
      Then the response status is 200
      And the response body is "HELLO WORLD"
      And the response header "ETag" has changed
      And the response header "Last-Modified" has changed

  @needs-own-server
  Rule: One byte range may be asked for with GET

    Background:
      Given the static folder holds:
        | path       | content    |
        | digits.txt | 0123456789 |

    Scenario Outline: Range: <range> → 206 with bytes <first> to <last>
      When the client requests GET /static/digits.txt with the header "Range: <range>"
      Then the response status is 206
      And the response header "Content-Range" is "bytes <first>-<last>/10"
      And the response body is bytes <first> to <last> of "digits.txt"

      Examples:
        | range       | first | last |
        | bytes=0-4   | 0     | 4    |
        | bytes=6-    | 6     | 9    |
        | bytes=-5    | 5     | 9    |
        | bytes=9-9   | 9     | 9    |
        # RFC 9110 §14.1.2: a last-pos past the end means the last byte,
        | bytes=5-100 | 5     | 9    |
        # and a suffix longer than the file means all of it.
        | bytes=-20   | 0     | 9    |
        # RFC 9110 §14.1: the unit is case-insensitive.
        | BYTES=0-0   | 0     | 0    |

    Scenario: A 206 carries the header fields a 200 would, for the part
      When the client requests GET /static/digits.txt with the header "Range: bytes=0-4"
      Then the response status is 206
      And the response header "Content-Length" is "5"
      And the response header "Content-Type" is "text/plain; charset=utf-8"
      And the response header "Cache-Control" is "no-cache"
      And the response has a strong ETag

    Scenario Outline: Range: <range> lies beyond the end → 416
      When the client requests GET /static/digits.txt with the header "Range: <range>"
      Then the response status is 416
      And the response header "Content-Range" is "bytes */10"
      And the response body is a JSON error

      Examples:
        | range      |
        | bytes=999- |
        | bytes=10-  |
        # RFC 9110 §14.1.1: a suffix of zero bytes cannot be satisfied.
        | bytes=-0   |

    Scenario Outline: Range: <range> is ignored → 200 with the whole file
      When the client requests GET /static/digits.txt with the header "Range: <range>"
      Then the response status is 200
      And the response body is "0123456789"

      Examples:
        | range         |
        # RFC 9110 §14.2: a server MAY ignore a request for several ranges.
        | bytes=0-1,4-5 |
        # RFC 9110 §14.2: a unit the server does not know MUST be ignored.
        | items=0-4     |
        # RFC 9110 §14.1.1: a last-pos before the first-pos is invalid.
        | bytes=5-2     |
        | bytes=a-b     |

    Scenario: HEAD ignores Range, which is defined for GET only (RFC 9110 §14.2)
      When the client requests HEAD /static/digits.txt with the header "Range: bytes=0-4"
      Then the response status is 200
      And the response header "Content-Length" is "10"
      And the response has no body

    Scenario Outline: If-Range set to <validator> → <status>
      Given the client has fetched /static/digits.txt
      When the client requests GET /static/digits.txt with "If-Range" set to <validator> and the header "Range: bytes=0-4"
      Then the response status is <status>

      Examples:
        | validator            | status |
        | its ETag             | 206    |
        | its Last-Modified    | 206    |
        # RFC 9110 §13.1.5: If-Range compares strongly.
        | its ETag marked weak | 200    |

    Scenario: If-Range with the ETag of an older version gets the whole new file
      Given the client has fetched /static/digits.txt
      And "digits.txt" has since changed to "abcdefghij"
      When the client requests GET /static/digits.txt with "If-Range" set to its ETag and the header "Range: bytes=0-4"
      Then the response status is 200
      And the response body is "abcdefghij"

  @needs-own-server
  Rule: A large file is streamed whole and byte for byte

    Background:
      Given the static folder holds "big.bin" with 3 MiB of random bytes

    Scenario: The whole file
      When the client requests GET /static/big.bin
      Then the response status is 200
      And the response header "Content-Length" is "3145728"
      And the response header "Content-Type" is "application/octet-stream"
      And the response body is the whole of "big.bin"

    Scenario: A range from the middle
      When the client requests GET /static/big.bin with the header "Range: bytes=1048575-2097152"
      Then the response status is 206
      And the response header "Content-Range" is "bytes 1048575-2097152/3145728"
      And the response body is bytes 1048575 to 2097152 of "big.bin"
