package minihttp.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The warning lines a start may print, as pure functions of the configuration. */
class StartWarningsTest {

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"127.0.0.1", "127.0.0.2", "::1", "localhost"})
    void loopbackWarnsOfNothing(String host) {
        for (boolean tls : new boolean[] {false, true}) {
            for (boolean token : new boolean[] {false, true}) {
                assertEquals(Optional.empty(), StartWarnings.exposure(host, tls, token));
            }
        }
    }

    @ParameterizedTest(name = "{0}, TLS {1}, token {2}")
    @CsvSource({
        "0.0.0.0,  false, false, 'without TLS and without a write token'",
        "::,       false, false, 'without TLS and without a write token'",
        "10.1.2.3, false, false, 'without TLS and without a write token'",
        "0.0.0.0,  false, true,  'without TLS: requests and answers travel in clear text'",
        "0.0.0.0,  true,  false, 'without a write token: anyone'",
    })
    void anotherAddressWarnsOfWhatIsMissingInOneLine(String host, boolean tls, boolean token, String missing) {
        String warning = StartWarnings.exposure(host, tls, token).orElseThrow();
        assertTrue(warning.startsWith("listening on " + host + ", "), warning);
        assertTrue(warning.contains(missing), warning);
        assertFalse(warning.contains("\n"), warning);
    }

    @Test
    void anotherAddressWithTlsAndATokenWarnsOfNothing() {
        assertEquals(Optional.empty(), StartWarnings.exposure("0.0.0.0", true, true));
    }

    @Test
    void aShortTokenWarnsWithItsLengthOnly() {
        String warning = StartWarnings.shortToken("hunter2-hunter2").orElseThrow();
        assertTrue(warning.contains(" 15 characters"), warning);
        assertFalse(warning.contains("hunter2"), warning);
        assertEquals(Optional.empty(), StartWarnings.shortToken("x".repeat(StartWarnings.SHORT_TOKEN)));
    }
}
