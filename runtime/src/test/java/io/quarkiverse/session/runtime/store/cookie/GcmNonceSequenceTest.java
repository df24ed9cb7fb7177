package io.quarkiverse.session.runtime.store.cookie;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.HexFormat;

import org.junit.jupiter.api.Test;

class GcmNonceSequenceTest {

    @Test
    void counterWrapMovesToTheNextPrefixWithoutReusingAPair() {
        GcmNonceSequence nonces = new GcmNonceSequence(0x7fff_ffff_ffff_fffeL, 0x1_ffff_fffeL);
        assertArrayEquals(hex("7fffffffffffffff" + "fffffffe"), nonces.next());
        assertArrayEquals(hex("7fffffffffffffff" + "ffffffff"), nonces.next());
        assertArrayEquals(hex("8000000000000000" + "00000000"), nonces.next(), "the next prefix, counter from 0");
        assertArrayEquals(hex("8000000000000000" + "00000001"), nonces.next());
    }

    @Test
    void prefixWrapsAroundTheTopOf64Bits() {
        GcmNonceSequence nonces = new GcmNonceSequence(-1L, 0xffff_ffffL);
        assertArrayEquals(hex("ffffffffffffffff" + "ffffffff"), nonces.next());
        assertArrayEquals(hex("0000000000000000" + "00000000"), nonces.next());
    }

    private static byte[] hex(String hex) {
        return HexFormat.of().parseHex(hex);
    }
}
