package io.quarkiverse.session.runtime.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CookieIdSourceTest {

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', nullValues = "NULL", value = {
            "session_id=abc                                  | abc",
            "a=1; session_id=abc; b=2                        | abc",
            "a=1;session_id=abc;b=2                          | abc",
            "session_id=abc ; b=2                            | abc",
            "'session_id=\"abc\"'                            | abc",
            "session_id=                                     | ''",
            "session_id=first; session_id=second             | first",
            "xsession_id=abc                                 | NULL",
            "session_idx=abc                                 | NULL",
            "session_id                                      | NULL",
            "a=session_id=abc                                | NULL",
            "a=1; b=2                                        | NULL",
            "''                                              | NULL",
            "';;; session_id=abc'                            | abc",
            "session_id=a=b                                  | a=b",
    })
    void findsTheFirstCookieOfTheName(String header, String expected) {
        assertEquals(expected, CookieIdSource.valueIn(header, "session_id"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = { "session_i=abc", "'\t'", "'s'" })
    void shorterHeadersThanTheNameFindNothing(String header) {
        assertNull(CookieIdSource.valueIn(header, "session_id"));
    }
}
